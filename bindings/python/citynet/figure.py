"""View methods for figures: ego network, composition bars, timeline, map (figure.h).

``view.figure(kind, focus, ...)`` draws one of the four figures of
docs/figures.md into SVG, PDF or PNG bytes with libcitynet's cairo
renderer and returns a :class:`Figure`: the bytes plus what the figure
drew (title, caption, every text item, every node label and whether it
had to be left out). The same view, options and seed give the same bytes
as ``citynet figure ... -o FILE``.
"""

from __future__ import annotations

import math
import numbers
import os
from typing import (TYPE_CHECKING, Any, Dict, Iterator, List, Mapping,
                    NamedTuple, Optional, Sequence, Tuple, Union)

from ._citynet import ffi, lib
from ._util import PathLike, from_c, path_to_c, str_list, to_c
from .errors import FileError, NotFoundError, UsageError, check
from .network import Node, NodeRef

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = ["FigureMethods", "Figure", "FigureText", "FigureLabel",
           "FIGURE_KINDS", "FIGURE_FORMATS", "TEXT_ROLES", "LABEL_PLACEMENTS"]

#: The figure kinds, by their C enum value.
FIGURE_KINDS: Tuple[str, ...] = tuple(
    from_c(lib.citynet_figure_kind_name(k)) for k in (
        lib.CITYNET_FIGURE_EGO, lib.CITYNET_FIGURE_COMPOSITION,
        lib.CITYNET_FIGURE_TIMELINE, lib.CITYNET_FIGURE_MAP))

#: The output formats ``figure()`` accepts (C's "auto" needs a file name,
#: which the binding never passes: :meth:`Figure.save` writes the bytes).
FIGURE_FORMATS: Tuple[str, ...] = tuple(
    from_c(lib.citynet_figure_format_name(f)) for f in (
        lib.CITYNET_FIGURE_FORMAT_SVG, lib.CITYNET_FIGURE_FORMAT_PDF,
        lib.CITYNET_FIGURE_FORMAT_PNG))
_FORMAT_VALUES = {name: value for name, value in zip(FIGURE_FORMATS, (
    lib.CITYNET_FIGURE_FORMAT_SVG, lib.CITYNET_FIGURE_FORMAT_PDF,
    lib.CITYNET_FIGURE_FORMAT_PNG))}

#: What a text item is (CitynetFigureTextRole, in enum order).
TEXT_ROLES: Tuple[str, ...] = ("title", "label", "legend", "axis", "note")
#: Where a node label went (CitynetFigureLabelPlacement, in enum order).
LABEL_PLACEMENTS: Tuple[str, ...] = ("beside", "leader", "omitted")

_MAX_SEED = 2 ** 64 - 1


class FigureText(NamedTuple):
    """A text item drawn, in drawing order: its ``role`` (one of
    :data:`TEXT_ROLES`), the ``text`` (UTF-8) and its ink box in points
    from the figure's top left corner."""
    role: str
    text: str
    x: float
    y: float
    width: float
    height: float


class FigureLabel(NamedTuple):
    """A node that should have a label (ego and map figures): the focus
    first, then the alters by decreasing tie weight. ``node`` is the
    node's id, ``index`` its network index, ``text`` the label (its name),
    ``placement`` "beside", "leader" (farther out on a leader line) or
    "omitted" (no free place was found)."""
    node: str
    index: int
    text: str
    placement: str


class Figure:
    """A rendered figure: ``data`` (the SVG, PDF or PNG bytes) and what it
    shows, copied from the CitynetFigure record.

    Attributes: ``kind`` ("ego", "composition", "timeline", "map"),
    ``format`` ("svg", "pdf", "png"), ``width`` and ``height`` (points,
    1/72 in), ``title`` ("" when none), ``caption`` (plain text for a
    paper: colours, sizes, line styles, the view, the seed, omitted
    labels; not drawn), ``texts`` (every :class:`FigureText`), ``labels``
    (every :class:`FigureLabel`), ``n_omitted_labels``, ``n_glyphs``
    (glyphs drawn; in SVG one ``<use>`` each), ``focus`` (the focus
    node's id).

    ``save(path)`` writes the bytes atomically; in Jupyter an SVG or PNG
    figure displays itself. Iterating yields the labels;
    ``to_dict()`` / ``to_pandas()`` give the metadata.
    """

    __slots__ = ("kind", "format", "width", "height", "data", "title",
                 "caption", "texts", "labels", "n_omitted_labels", "n_glyphs",
                 "focus")

    kind: str
    format: str
    width: float
    height: float
    data: bytes
    title: str
    caption: str
    texts: Tuple[FigureText, ...]
    labels: Tuple[FigureLabel, ...]
    n_omitted_labels: int
    n_glyphs: int
    focus: str

    def __init__(self, *args, **kwargs) -> None:
        raise TypeError("make a Figure with View.figure()")

    @classmethod
    def _copy(cls, ptr, network, focus: str) -> "Figure":
        """Copies everything out of a ``CitynetFigure *`` (not freed here)."""
        self = cls.__new__(cls)
        self.kind = FIGURE_KINDS[int(lib.citynet_figure_get_kind(ptr))]
        self.format = from_c(lib.citynet_figure_format_name(
            lib.citynet_figure_get_format(ptr)))
        size = ffi.new("double[2]")
        lib.citynet_figure_get_size(ptr, size, size + 1)
        self.width, self.height = float(size[0]), float(size[1])
        length = ffi.new("gsize *")
        data = lib.citynet_figure_get_data(ptr, length)
        self.data = bytes(ffi.buffer(data, length[0])) if length[0] else b""
        self.title = from_c(lib.citynet_figure_get_title(ptr)) or ""
        self.caption = from_c(lib.citynet_figure_get_caption(ptr)) or ""
        role = ffi.new("CitynetFigureTextRole *")
        box = ffi.new("double[4]")
        texts = []
        for i in range(lib.citynet_figure_n_texts(ptr)):
            text = from_c(lib.citynet_figure_text(ptr, i, role, box, box + 1,
                                                  box + 2, box + 3))
            texts.append(FigureText(TEXT_ROLES[int(role[0])], text or "",
                                    float(box[0]), float(box[1]),
                                    float(box[2]), float(box[3])))
        self.texts = tuple(texts)
        node = ffi.new("gsize *")
        placement = ffi.new("CitynetFigureLabelPlacement *")
        labels = []
        for i in range(lib.citynet_figure_n_labels(ptr)):
            text = from_c(lib.citynet_figure_label(ptr, i, node, placement))
            index = int(node[0])
            labels.append(FigureLabel(
                from_c(lib.citynet_network_node_id(network._ptr, index)),
                index, text or "", LABEL_PLACEMENTS[int(placement[0])]))
        self.labels = tuple(labels)
        self.n_omitted_labels = int(lib.citynet_figure_n_omitted_labels(ptr))
        self.n_glyphs = int(lib.citynet_figure_n_glyphs(ptr))
        self.focus = focus
        return self

    # -- output ----------------------------------------------------------------

    def save(self, path: PathLike) -> None:
        """Writes the bytes to ``path`` atomically: into a temporary file
        in the same directory, renamed over ``path`` when complete, so the
        file is either the whole figure or untouched. A ``.svg``, ``.pdf``
        or ``.png`` name must match :attr:`format` (UsageError). Raises
        FileError when the file cannot be written."""
        raw = path_to_c(path)
        target = os.fsdecode(raw)
        ext = os.path.splitext(target)[1].lower().lstrip(".")
        if ext in _FORMAT_VALUES and ext != self.format:
            raise UsageError(f"{target}: a .{ext} name for a {self.format} "
                             "figure")
        directory = os.path.dirname(os.path.abspath(target))
        fd = -1
        temporary = None
        try:
            import tempfile  # only when saving: keeps `import citynet` fast
            fd, temporary = tempfile.mkstemp(
                dir=directory, prefix="." + os.path.basename(target) + ".",
                suffix=".tmp")
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                fd = -1
                handle.write(self.data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
            temporary = None
        except OSError as exc:
            raise FileError(f"cannot write {target}: {exc.strerror or exc}",
                            file=target) from exc
        finally:
            if fd >= 0:
                os.close(fd)
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass

    def _repr_svg_(self) -> Optional[str]:
        """Jupyter: the SVG text of an SVG figure (None otherwise)."""
        return self.data.decode("utf-8") if self.format == "svg" else None

    def _repr_png_(self) -> Optional[bytes]:
        """Jupyter: the bytes of a PNG figure (None otherwise)."""
        return self.data if self.format == "png" else None

    # -- metadata ----------------------------------------------------------------

    @property
    def omitted_labels(self) -> List[FigureLabel]:
        """The labels left out for lack of space."""
        return [label for label in self.labels if label.placement == "omitted"]

    def texts_of(self, role: str) -> List[str]:
        """The texts drawn with one role ("title", "label", "legend",
        "axis" or "note"), in drawing order."""
        if role not in TEXT_ROLES:
            raise UsageError(f"unknown text role {role!r}: expected "
                             + ", ".join(TEXT_ROLES))
        return [t.text for t in self.texts if t.role == role]

    def to_dict(self) -> Dict[str, Any]:
        """Returns the metadata (everything but the bytes) as a dict: kind,
        format, focus, width, height, title, caption, n_glyphs,
        n_omitted_labels, texts and labels (lists of dicts), and the
        number of bytes as "size_bytes"."""
        return {"kind": self.kind, "format": self.format, "focus": self.focus,
                "width": self.width, "height": self.height,
                "title": self.title, "caption": self.caption,
                "n_glyphs": self.n_glyphs,
                "n_omitted_labels": self.n_omitted_labels,
                "size_bytes": len(self.data),
                "texts": [t._asdict() for t in self.texts],
                "labels": [label._asdict() for label in self.labels]}

    def to_pandas(self, what: str = "labels"):
        """Returns the labels (default) or the texts (``what="texts"``) as a
        ``pandas.DataFrame``. Raises ImportError without pandas."""
        if what not in ("labels", "texts"):
            raise UsageError(f"what must be 'labels' or 'texts', not {what!r}")
        from .table import _require_pandas
        pandas = _require_pandas()
        row = FigureLabel if what == "labels" else FigureText
        return pandas.DataFrame.from_records(list(getattr(self, what)),
                                             columns=list(row._fields))

    def __iter__(self) -> Iterator[FigureLabel]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def __bytes__(self) -> bytes:
        return self.data

    def __repr__(self) -> str:
        omitted = (f", {self.n_omitted_labels} of {len(self.labels)} labels "
                   "omitted" if self.n_omitted_labels else "")
        return (f"<citynet.Figure {self.kind} of {self.focus!r}: "
                f"{self.format}, {self.width:g} x {self.height:g} pt, "
                f"{len(self.data)} bytes, title {self.title!r}{omitted}>")


def _umask() -> int:
    """The process umask, read without changing it (Linux); 022 if unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def _strv(values: Sequence[str], what: str):
    """A NULL-terminated ``const char *[]`` and the buffers it points to
    (keep both alive while C reads them)."""
    keep = [ffi.new("char[]", to_c(v, what)) for v in values]
    return ffi.new("const char *[]", keep + [ffi.NULL]), keep


class FigureMethods:
    """Mixin of :class:`~citynet.View`: figures: ego network, composition bars, timeline, map."""

    __slots__ = ()

    def _figure_focus(self: "View", node: NodeRef, view: "View", what: str) -> int:
        index = view._network._resolve_node(node)
        if view._vertex_of(index) is None:
            node_id = from_c(lib.citynet_network_node_id(view._network._ptr, index))
            raise NotFoundError(f"the {what} node {node_id!r} is not in the view")
        return index

    def figure_groups(self: "View", focus: NodeRef) -> List[str]:
        """The country groups a figure of ``focus`` colours by when none are
        given (citynet_figure_default_groups()): greedily the group that
        holds the most partners not yet covered, up to four."""
        index = self._figure_focus(focus, self, "focus")
        err = ffi.new("GError **")
        groups = lib.citynet_figure_default_groups(self._ptr, index, err)
        check(err)
        try:
            out = []
            i = 0
            while groups[i] != ffi.NULL:
                out.append(from_c(groups[i]))
                i += 1
            return out
        finally:
            lib.g_strfreev(groups)

    def figure(self: "View", kind: str, focus: NodeRef, *, format: str = "svg",
               groups: Optional[Sequence[str]] = None,
               width: Optional[float] = None, height: Optional[float] = None,
               font_size: Optional[float] = None, dpi: Optional[float] = None,
               seed: int = 1, title: Optional[str] = None,
               baseline: Union[NodeRef, "View", Tuple["View", NodeRef], None] = None,
               baseline_label: Optional[str] = None,
               interval: Optional[Mapping[str, Tuple[float, float]]] = None,
               interval_label: Optional[str] = None) -> Figure:
        """Draws a figure of the focus node in this view (docs/figures.md).

        ``kind``: "ego" (the focus, its alters and the ties among them,
        coloured by partner group), "composition" (bars of the share of the
        focus's ties per partner group against a baseline), "timeline"
        (ties by start year, stacked by layer) or "map" (ties as great
        circles). ``format``: "svg" (default), "pdf" or "png".

        Options (the C defaults when None): ``groups`` (country groups in
        priority order, at most 7; default :meth:`figure_groups`),
        ``width``/``height`` in points (100-2000; default by kind),
        ``font_size`` (5-14 pt, default 8), ``dpi`` (PNG only, 36-1200,
        default 300), ``seed`` (of the ego layout, default 1), ``title``
        (None automatic, "" none).

        Composition only: ``baseline`` is a node (compared in this view),
        a View (the focus itself in another view, e.g. another period) or
        a ``(view, node)`` pair; ``baseline_label`` its legend text;
        ``interval`` maps groups ("" for "none of these") to
        ``(low, high)`` bounds of the focus share drawn as whiskers, with
        ``interval_label`` as their legend text.

        Raises NotFoundError (focus or baseline not in its view, unknown
        group), UsageError (unknown kind or format, bad option values, a
        composition without baseline or ties, baseline/interval for
        another kind), TypeError (wrong argument types),
        ComputationError (drawing failed).
        """
        if not isinstance(kind, str):
            raise TypeError(f"kind must be a str, not {type(kind).__name__}")
        if not isinstance(format, str):
            raise TypeError(f"format must be a str, not {type(format).__name__}")
        err = ffi.new("GError **")
        c_kind = ffi.new("CitynetFigureKind *")
        lib.citynet_figure_kind_from_string(to_c(kind, "kind"), c_kind, err)
        check(err)
        fmt = _FORMAT_VALUES.get(format.lower())
        if fmt is None:
            raise UsageError(f"unknown figure format {format!r}: expected "
                             + ", ".join(FIGURE_FORMATS))
        is_composition = c_kind[0] == lib.CITYNET_FIGURE_COMPOSITION
        if not is_composition and (baseline is not None or interval is not None):
            raise UsageError("baseline and interval apply to kind composition")
        index = self._figure_focus(focus, self, "focus")

        # Everything is checked and converted before the options exist.
        group_list = None if groups is None else str_list(groups, "groups")
        size = (0.0 if width is None else _number(width, "width"),
                0.0 if height is None else _number(height, "height"))
        points = None if font_size is None else _number(font_size, "font_size")
        resolution = None if dpi is None else _number(dpi, "dpi")
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise TypeError(f"seed must be an int, not {type(seed).__name__}")
        if not 0 <= int(seed) <= _MAX_SEED:
            raise UsageError(f"seed must be from 0 to {_MAX_SEED}, not {seed}")
        c_title = to_c(title, "title", optional=True)
        base = self._figure_baseline(baseline, index)
        c_base_label = to_c(baseline_label, "baseline_label", optional=True)
        bounds = self._figure_interval(interval)
        c_interval_label = to_c(interval_label, "interval_label", optional=True)

        options = ffi.gc(lib.citynet_figure_options_new(),
                         lib.citynet_figure_options_free)
        try:
            lib.citynet_figure_options_set_size(options, size[0], size[1], err)
            check(err)
            if points is not None:
                lib.citynet_figure_options_set_font_size(options, points, err)
                check(err)
            if resolution is not None:
                lib.citynet_figure_options_set_dpi(options, resolution, err)
                check(err)
            lib.citynet_figure_options_set_seed(options, int(seed))
            if c_title != ffi.NULL:
                lib.citynet_figure_options_set_title(options, c_title)
            if group_list is not None:
                array, _keep = _strv(group_list, "group")
                lib.citynet_figure_options_set_groups(options, array)
            if base is not None:
                lib.citynet_figure_options_set_baseline(options, base[0]._ptr,
                                                        base[1], c_base_label)
            if bounds:
                array, _keep = _strv([b[0] for b in bounds], "interval group")
                low = ffi.new("double[]", [b[1] for b in bounds])
                high = ffi.new("double[]", [b[2] for b in bounds])
                lib.citynet_figure_options_set_interval(
                    options, array, low, high, len(bounds), c_interval_label)
            ptr = lib.citynet_figure_render(self._ptr, index, c_kind[0], options,
                                            fmt, ffi.NULL, err)
            check(err)
        finally:
            ffi.release(options)
        if ptr == ffi.NULL:  # pragma: no cover - the C API always sets an error
            raise UsageError("citynet_figure_render failed without an error")
        try:
            return Figure._copy(ptr, self._network, from_c(
                lib.citynet_network_node_id(self._network._ptr, index)))
        finally:
            lib.citynet_figure_free(ptr)

    def _figure_baseline(self: "View", baseline, focus: int):
        """Returns (view, node index) for ``baseline=``, or None."""
        from .view import View
        if baseline is None:
            return None
        if isinstance(baseline, View):
            view, node = baseline, lib.citynet_network_node_id(
                self._network._ptr, focus)
            node = from_c(node)
        elif isinstance(baseline, tuple):
            if len(baseline) != 2 or not isinstance(baseline[0], View):
                raise TypeError("baseline must be a node, a View or a "
                                "(View, node) pair")
            view, node = baseline
        elif isinstance(baseline, (str, int, Node)) and not isinstance(baseline, bool):
            view, node = self, baseline
        else:
            raise TypeError("baseline must be a node, a View or a (View, node) "
                            f"pair, not {type(baseline).__name__}")
        return view, self._figure_focus(node, view, "baseline")

    @staticmethod
    def _figure_interval(interval) -> List[Tuple[str, float, float]]:
        if interval is None:
            return []
        if not isinstance(interval, Mapping):
            raise TypeError("interval must be a mapping of group to (low, high), "
                            f"not {type(interval).__name__}")
        out = []
        for group, pair in interval.items():
            if not isinstance(group, str):
                raise TypeError(f"interval groups must be str, not "
                                f"{type(group).__name__}")
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(f"interval[{group!r}] must be a (low, high) pair")
            low = _number(pair[0], f"interval[{group!r}] low")
            high = _number(pair[1], f"interval[{group!r}] high")
            if not (math.isnan(low) or math.isnan(high)) and low > high:
                raise UsageError(f"interval[{group!r}]: low {low} > high {high}")
            out.append((group, low, high))
        return out
