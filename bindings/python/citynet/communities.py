"""View methods for community detection, modularity, partition comparison,
assortativity and mixing matrices (``<citynet/communities.h>``).

Detection (Louvain, Leiden) returns a :class:`Communities`, a
:class:`~citynet.Partition` that also records the settings it was found
with. Modularity, comparison, assortativity and the mixing matrix take any
partition: detected, by country, kind, attribute or country group, or
made from labels or a membership vector. Every number comes from the C
library; the formulas, citations and the handling of directed views,
isolates and multigraph views are in docs/communities.md.
"""

from __future__ import annotations

import operator
from typing import (TYPE_CHECKING, Any, Dict, List, Mapping, NamedTuple,
                    Optional, Sequence, Union)

from ._citynet import ffi, lib
from ._util import from_c, real_number as _real, to_c
from .errors import NotFoundError, UsageError, check
from .partition import Partition
from .scores import Scores
from .table import Table, _require_pandas

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = [
    "CommunityMethods", "Communities", "PartitionComparison",
    "ComparisonRow", "LabelStats", "LabelRow", "Assortativity", "AssortativityRow", "MixingMatrix",
    "MixingCell", "COMMUNITY_METHODS", "LEIDEN_STARTS", "COMPARISON_MEASURES",
]

#: Values of ``method`` accepted by :meth:`View.communities`.
COMMUNITY_METHODS = ("louvain", "leiden")
#: Values of ``start`` accepted by :meth:`View.communities` (Leiden only).
LEIDEN_STARTS = ("louvain", "singletons")
#: Partition comparison measures, in the order of the C enumeration.
COMPARISON_MEASURES = ("nmi", "ari", "vi", "rand")

# The largest value of the C ``gint`` Leiden's iteration count is.
_GINT_MAX = 2 ** 31 - 1

PartitionLike = Union[Partition, str]
ValuesLike = Union[str, Scores, Mapping[Any, float]]


# ----------------------------------------------------------------------------
# Argument checks (a Python call must never reach a C precondition)
# ----------------------------------------------------------------------------

def _int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an int, not "
                        f"{type(value).__name__}") from None


def _flag(value: Any, what: str) -> bool:
    if not isinstance(value, (bool, int)):
        raise TypeError(f"{what} must be a bool, not {type(value).__name__}")
    return bool(value)


def _parse(parser, ctype: str, text: Any, what: str) -> int:
    """Parses an option name with the C parser, so the messages (and the
    accepted spellings) are the command line's."""
    out = ffi.new(ctype)
    err = ffi.new("GError **")
    parser(to_c(text, what), out, err)
    check(err)
    return int(out[0])


def _measure(method: Any) -> int:
    """The CitynetPartitionComparison of a measure name."""
    return _parse(lib.citynet_partition_comparison_from_string,
                  "CitynetPartitionComparison *", method, "method")


def _assortativity_flags(weighted: Any, undirected: Any,
                         exclude_missing: Any) -> int:
    flags = lib.CITYNET_ASSORTATIVITY_DEFAULT
    if _flag(weighted, "weighted"):
        flags |= lib.CITYNET_ASSORTATIVITY_WEIGHTED
    if _flag(undirected, "undirected"):
        flags |= lib.CITYNET_ASSORTATIVITY_UNDIRECTED
    if _flag(exclude_missing, "exclude_missing"):
        flags |= lib.CITYNET_ASSORTATIVITY_EXCLUDE_MISSING
    return flags


def _partition_of(view: "View", partition: Any, what: str = "partition") -> Partition:
    """A Partition of ``view``: the given one (which must label this view),
    or the one a spec string ("country", "group:EU", ...) names."""
    if isinstance(partition, Partition):
        if partition.view is not view:
            raise UsageError(f"{what} labels another view; make it with this "
                             "view's partition() or communities()")
        return partition
    if isinstance(partition, str):
        return view.partition(by=partition)
    raise TypeError(f"{what} must be a Partition or a partition spec str, not "
                    f"{type(partition).__name__}")


def _other_partition(partition: Partition, other: Any) -> Partition:
    """The partition to compare with: a Partition (of any view with the same
    vertices; C checks) or a spec evaluated on ``partition``'s view."""
    if isinstance(other, Partition):
        return other
    if isinstance(other, str):
        return partition.view.partition(by=other)
    raise TypeError(f"the other partition must be a Partition or a partition "
                    f"spec str, not {type(other).__name__}")


# ----------------------------------------------------------------------------
# Community options
# ----------------------------------------------------------------------------

def _community_options(*, seed: Any = 1, resolution: Any = 1.0,
                       weighted: Any = True, directed: Any = False,
                       beta: Any = 0.01, iterations: Any = -1,
                       start: Any = "louvain"):
    """Returns a gc-wrapped ``CitynetCommunityOptions *`` with the settings
    checked (TypeError for a wrong type, UsageError for a value the C
    library rejects, with its message)."""
    seed = _int(seed, "seed")
    if not 0 <= seed < 2 ** 64:
        raise UsageError(f"seed needs a whole number >= 0 (below 2**64), not {seed}")
    resolution = _real(resolution, "resolution")
    weighted = _flag(weighted, "weighted")
    directed = _flag(directed, "directed")
    beta = _real(beta, "beta")
    iterations = _int(iterations, "iterations")
    if iterations < 0:
        iterations = -1
    elif iterations > _GINT_MAX:
        raise UsageError(f"iterations must be at most {_GINT_MAX}, not {iterations}")
    start_value = _parse(lib.citynet_leiden_start_from_string,
                         "CitynetLeidenStart *", start, "start")

    options = ffi.gc(lib.citynet_community_options_new(),
                     lib.citynet_community_options_free)
    err = ffi.new("GError **")
    lib.citynet_community_options_set_seed(options, seed)
    lib.citynet_community_options_set_resolution(options, resolution, err)
    check(err)
    lib.citynet_community_options_set_weighted(options, weighted)
    lib.citynet_community_options_set_directed(options, directed)
    lib.citynet_community_options_set_beta(options, beta, err)
    check(err)
    lib.citynet_community_options_set_iterations(options, iterations, err)
    check(err)
    lib.citynet_community_options_set_start(options, start_value)
    return options


def _modularity(partition: Partition, resolution: Any, weighted: Any,
                directed: Any) -> float:
    """citynet_partition_modularity() with the detection's resolution and
    weighting as the defaults of a :class:`Communities`."""
    if not isinstance(partition, Partition):
        raise TypeError(f"partition must be a Partition, not "
                        f"{type(partition).__name__}")
    settings = partition._settings if isinstance(partition, Communities) else {}
    if resolution is None:
        resolution = settings.get("resolution", 1.0)
    if weighted is None:
        weighted = settings.get("weighted", True)
    options = _community_options(resolution=resolution, weighted=weighted,
                                 directed=directed)
    out = ffi.new("double *")
    err = ffi.new("GError **")
    try:
        lib.citynet_partition_modularity(partition._ptr, options, out, err)
        check(err)
    finally:
        ffi.release(options)
    return float(out[0])


def _compare(a: Partition, b: Partition, method: Any) -> float:
    """citynet_partition_compare() of two Partitions."""
    measure = _measure(method)
    out = ffi.new("double *")
    err = ffi.new("GError **")
    lib.citynet_partition_compare(a._ptr, b._ptr, measure, out, err)
    check(err)
    return float(out[0])


# ----------------------------------------------------------------------------
# Detected communities
# ----------------------------------------------------------------------------

class Communities(Partition):
    """The communities Louvain or Leiden found in a view: a
    :class:`~citynet.Partition` (labels ``"0"``, ``"1"``, ... numbered by
    size, largest first) that also records how it was found.

    ``settings`` holds the method, seed, resolution, weighting and, for
    Leiden, beta, iterations and start. :meth:`modularity` defaults to the
    detection's resolution and weighting, so ``c.modularity()`` is the
    quality the algorithm optimised; :meth:`summary` gives the row
    ``citynet communities --format json`` prints as ``"summary"``.
    """

    __slots__ = ("_settings",)

    @classmethod
    def _detect(cls, view: "View", method: Any, *, seed: Any, resolution: Any,
                weighted: Any, beta: Any, iterations: Any,
                start: Any) -> "Communities":
        method_value = _parse(lib.citynet_community_method_from_string,
                              "CitynetCommunityMethod *", method, "method")
        name = from_c(lib.citynet_community_method_name(method_value))
        leiden = method_value == lib.CITYNET_COMMUNITY_LEIDEN
        given = [opt for opt, v in (("beta", beta), ("iterations", iterations),
                                    ("start", start)) if v is not None]
        if given and not leiden:
            raise UsageError(f"{', '.join(given)}: only Leiden takes "
                             f"{'this option' if len(given) == 1 else 'these options'}"
                             " (method=\"leiden\")")
        settings: Dict[str, Any] = {
            "method": name, "seed": _int(seed, "seed"),
            "resolution": _real(resolution, "resolution"),
            "weighted": _flag(weighted, "weighted")}
        if leiden:
            iterations = -1 if iterations is None else _int(iterations, "iterations")
            settings.update(beta=0.01 if beta is None else _real(beta, "beta"),
                            iterations=-1 if iterations < 0 else iterations,
                            start="louvain" if start is None else start)
        options = _community_options(
            seed=settings["seed"], resolution=settings["resolution"],
            weighted=settings["weighted"], beta=settings.get("beta", 0.01),
            iterations=settings.get("iterations", -1),
            start=settings.get("start", "louvain"))
        if leiden:  # canonical spelling ("Singletons" -> "singletons")
            settings["start"] = LEIDEN_STARTS[_parse(
                lib.citynet_leiden_start_from_string, "CitynetLeidenStart *",
                settings["start"], "start")]
        err = ffi.new("GError **")
        try:
            ptr = lib.citynet_communities_detect(view._ptr, method_value,
                                                 options, err)
            check(err)
        finally:
            ffi.release(options)
        self = cls._wrap(view, ptr)
        self._settings = settings
        return self

    @property
    def method(self) -> str:
        """"louvain" or "leiden"."""
        return self._settings["method"]

    @property
    def settings(self) -> Dict[str, Any]:
        """The detection's settings (a copy): method, seed, resolution,
        weighted and, for Leiden, beta, iterations (-1: until stable) and
        start."""
        return dict(self._settings)

    def summary(self, *, directed: bool = False) -> Dict[str, Any]:
        """Returns the summary row of ``citynet communities --format json``:
        partition, seed, (beta, iterations, start for Leiden), resolution,
        weighted, directed_modularity, communities (the number of labels)
        and modularity (with the detection's settings; ``directed=True``
        reports Leicht and Newman's directed modularity of a directed
        view, as ``--directed-modularity``)."""
        s = self._settings
        out: Dict[str, Any] = {"partition": self.source, "seed": s["seed"]}
        if s["method"] == "leiden":
            out.update(beta=s["beta"], iterations=s["iterations"], start=s["start"])
        directed = _flag(directed, "directed")
        out.update(resolution=s["resolution"], weighted=s["weighted"],
                   directed_modularity=directed and self.view.directed,
                   communities=self.n_labels,
                   modularity=self.modularity(directed=directed))
        return out

    def _repr_header(self) -> str:
        return (f"<citynet.Communities {self.method} (seed {self._settings['seed']}):"
                f" {len(self)} vertices, {self.n_labels} communities>")


# ----------------------------------------------------------------------------
# Comparison table
# ----------------------------------------------------------------------------

class ComparisonRow(NamedTuple):
    """Agreement of a partition with another one: the other's ``partition``
    (its source, e.g. "group:EU@2024-03-31"), its number of ``labels``,
    ``nmi`` (normalised mutual information, 1 = identical), ``ari``
    (adjusted Rand index, 1 = identical, about 0 = random), ``vi``
    (variation of information in nats, 0 = identical), ``rand`` (the share
    of vertex pairs treated alike) and the other's ``modularity``. NaN
    where undefined."""
    partition: str
    labels: int
    nmi: float
    ari: float
    vi: float
    rand: float
    modularity: float


class PartitionComparison(Table[ComparisonRow]):
    """How a partition agrees with others (:meth:`Partition.comparison`):
    one :class:`ComparisonRow` per other partition, in the order given, as
    the ``"comparison"`` table of ``citynet communities --compare``.
    :meth:`to_dict` maps the other partition's source to its row."""

    Row = ComparisonRow
    key_column = "partition"
    __slots__ = ("_partition",)

    @property
    def partition(self) -> Partition:
        """The partition the others were compared with."""
        return self._partition

    def _repr_header(self) -> str:
        return (f"<citynet.PartitionComparison of {self._partition.source!r}: "
                f"{len(self)} partitions>")


def _comparison(partition: Partition, others: Sequence[Any], resolution: Any,
                weighted: Any, directed: Any) -> PartitionComparison:
    # The others' modularity uses this partition's defaults (a detection's
    # resolution and weighting), as the command line's --compare does.
    settings = partition._settings if isinstance(partition, Communities) else {}
    if resolution is None:
        resolution = settings.get("resolution", 1.0)
    if weighted is None:
        weighted = settings.get("weighted", True)
    rows = []
    for other in others:
        other = _other_partition(partition, other)
        values = [_compare(partition, other, m) for m in COMPARISON_MEASURES]
        rows.append(ComparisonRow(other.source, other.n_labels, *values,
                                  _modularity(other, resolution, weighted,
                                              directed)))
    table = PartitionComparison(rows)
    table._partition = partition
    return table


# ----------------------------------------------------------------------------
# Per-label totals
# ----------------------------------------------------------------------------

class LabelRow(NamedTuple):
    """One label of a partition: its number ``label`` and ``name``, its
    ``size`` (vertices), ``share`` of the view's vertices (None for an
    empty view), the ``internal_weight`` of the edges inside it and the
    ``strength`` (summed weight of edge ends) of its vertices; weights are
    1 per edge when unweighted."""
    label: int
    name: str
    size: int
    share: Optional[float]
    internal_weight: float
    strength: float


class LabelStats(Table[LabelRow]):
    """Size and weight of every label (:meth:`Partition.label_stats`),
    largest first (equal sizes by label number), as the ``"communities"``
    table of ``citynet communities --format json``. :meth:`to_dict` maps
    the label name to its row."""

    Row = LabelRow
    key_column = "name"
    __slots__ = ()

    def _repr_header(self) -> str:
        return f"<citynet.LabelStats: {len(self)} labels>"


def partition_label_stats(partition: Partition, weighted: Any) -> LabelStats:
    """Implements :meth:`Partition.label_stats`: sums over the view's
    edges (both ends of an arc count, as in the undirected collapse
    modularity uses)."""
    if weighted is None:
        weighted = partition._settings.get("weighted", True) \
            if isinstance(partition, Communities) else True
    weighted = _flag(weighted, "weighted")
    k = partition.n_labels
    internal = [0.0] * k
    strength = [0.0] * k
    membership = partition.membership
    edges = partition.view.edges
    for (a, b), edge in zip(edges.vertex_pairs(), edges):
        w = edge.weight if weighted else 1.0
        la, lb = membership[a], membership[b]
        strength[la] += w
        strength[lb] += w
        if la == lb:
            internal[la] += w
    sizes = partition.sizes
    n = len(partition)
    order = sorted(range(k), key=lambda label: (-sizes[label], label))
    names = partition.labels
    return LabelStats(LabelRow(label, names[label], sizes[label],
                               sizes[label] / n if n else None,
                               internal[label], strength[label])
                      for label in order)


# ----------------------------------------------------------------------------
# Assortativity
# ----------------------------------------------------------------------------

class AssortativityRow(NamedTuple):
    """One assortativity coefficient: the ``attribute`` (a partition's
    source such as "country" or "group:EU@2024-03-31", or a value spec such
    as "population"), its ``type`` ("nominal" or "numeric"), the
    coefficient ``r`` (1: ties only join alike nodes, 0: no preference,
    negative: unlike nodes; NaN when undefined), the ``nodes`` that took
    part and those left out (``nodes_excluded``: no value, or the missing
    label with exclude_missing), the ``edges`` between nodes that took part
    and those with an end left out (``edges_excluded``), and whether edges
    were ``weighted`` and read as arcs (``directed``)."""
    attribute: str
    type: str
    r: float
    nodes: int
    nodes_excluded: int
    edges: int
    edges_excluded: int
    weighted: bool
    directed: bool


class Assortativity(Table[AssortativityRow]):
    """Assortativity coefficients (:meth:`View.assortativity`): one
    :class:`AssortativityRow` per attribute, nominal ones first, as the
    ``"rows"`` of ``citynet assortativity --format json``.

    :meth:`to_dict` maps attribute to r; :attr:`r` (and ``float(result)``)
    is the coefficient when there is exactly one.
    """

    Row = AssortativityRow
    key_column = "attribute"
    __slots__ = ()

    @property
    def r(self) -> float:
        """The coefficient of a single-attribute result (NaN when
        undefined); UsageError when the result holds several."""
        if len(self._rows) != 1:
            raise UsageError(f"the result holds {len(self._rows)} coefficients;"
                             " use value(attribute) or to_dict()")
        return self._rows[0].r

    def __float__(self) -> float:
        return self.r

    def value(self, attribute: str) -> float:
        """Returns the coefficient of one attribute (as in the
        ``attribute`` column). KeyError when absent."""
        for row in self._rows:
            if row.attribute == attribute:
                return row.r
        raise KeyError(attribute)

    def to_dict(self) -> Dict[str, float]:
        """Returns ``{attribute: r}`` in row order (NaN when undefined)."""
        return {row.attribute: row.r for row in self._rows}

    def _repr_header(self) -> str:
        return f"<citynet.Assortativity: {len(self)} coefficients>"


def _spec_list(value: Any) -> List[Any]:
    """One item or a list/tuple of items (None: none)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _assortativity_row(attribute: str, kind: str, result, flags: int,
                       directed: bool) -> AssortativityRow:
    return AssortativityRow(attribute, kind, float(result.value),
                            int(result.n_vertices), int(result.n_excluded),
                            int(result.n_edges), int(result.n_edges_excluded),
                            bool(flags & lib.CITYNET_ASSORTATIVITY_WEIGHTED),
                            directed)


def _nominal(partition: Partition, flags: int) -> AssortativityRow:
    result = ffi.new("CitynetAssortativity *")
    err = ffi.new("GError **")
    lib.citynet_assortativity_nominal(partition._ptr, flags, result, err)
    check(err)
    directed = partition.view.directed and \
        not flags & lib.CITYNET_ASSORTATIVITY_UNDIRECTED
    return _assortativity_row(partition.source, "nominal", result[0], flags,
                              directed)


def _c_values(view: "View", values: Any):
    """``(attribute, gc-wrapped CitynetScores *)`` for a numeric spec, a
    Scores or a mapping ``{node: number}`` (NaN: no value)."""
    err = ffi.new("GError **")
    if isinstance(values, str):
        ptr = lib.citynet_node_values(view._ptr, to_c(values, "value"), err)
        check(err)
        return values, ffi.gc(ptr, lib.citynet_scores_free)
    if isinstance(values, Scores):
        name = values.measure
        items = [(row.id, row.value) for row in values]
    elif isinstance(values, Mapping):
        name = "values"
        items = list(values.items())
    else:
        raise TypeError("value must be a value spec str, a Scores or a mapping "
                        f"node -> number, not {type(values).__name__}")
    nodes = ffi.new("gsize[]", max(1, len(items)))
    numbers_ = ffi.new("double[]", max(1, len(items)))
    seen = set()
    for k, (node, number) in enumerate(items):
        index = view.network._resolve_node(node)
        if index in seen:
            raise UsageError(f"the values list node {node!r} twice")
        seen.add(index)
        if view._vertex_of(index) is None:
            raise NotFoundError(f"node {node!r} is not in the view")
        nodes[k] = index
        numbers_[k] = _real(number, f"the value of {node!r}")
    ptr = lib.citynet_scores_new(view._ptr, to_c(name, "measure"), nodes,
                                 numbers_, len(items), err)
    check(err)
    return name, ffi.gc(ptr, lib.citynet_scores_free)


def _numeric(view: "View", values: Any, flags: int) -> AssortativityRow:
    attribute, scores = _c_values(view, values)
    result = ffi.new("CitynetAssortativity *")
    err = ffi.new("GError **")
    try:
        lib.citynet_assortativity_numeric(scores, flags, result, err)
        check(err)
    finally:
        ffi.release(scores)
    directed = view.directed and not flags & lib.CITYNET_ASSORTATIVITY_UNDIRECTED
    return _assortativity_row(attribute, "numeric", result[0], flags, directed)


# ----------------------------------------------------------------------------
# Mixing matrix
# ----------------------------------------------------------------------------

class MixingCell(NamedTuple):
    """One cell of a mixing matrix: edge ends from a vertex labelled
    ``from_label`` to one labelled ``to_label`` (counts, weights, or their
    share of the total when normalised)."""
    from_label: str
    to_label: str
    value: float


class MixingMatrix(Table[MixingCell]):
    """The attribute mixing matrix of a partition
    (:meth:`View.mixing_matrix`): k x k cells in label order, iterated row
    by row as :class:`MixingCell`.

    On an undirected reading every edge counts in both directions, so the
    matrix is symmetric and an edge inside label i adds 2 to cell (i, i)
    (NetworkX's ``attribute_mixing_matrix`` convention); on a directed one
    an arc u -> v adds 1 (or its weight) to cell (label u, label v).
    Normalised cells are Newman's e_ij and sum to 1 (all 0 without edges).
    ``to_pandas()`` is the square DataFrame (rows "from", columns "to"),
    ``to_numpy()`` the array, ``to_dict()`` ``{from: {to: value}}``.
    """

    Row = MixingCell
    __slots__ = ("_labels", "_attribute", "_weighted", "_directed",
                 "_normalized")

    @classmethod
    def _compute(cls, partition: Partition, flags: int,
                 normalized: bool) -> "MixingMatrix":
        k_out = ffi.new("gsize *")
        err = ffi.new("GError **")
        ptr = lib.citynet_mixing_matrix(partition._ptr, flags, normalized,
                                        k_out, err)
        check(err)
        ptr = ffi.gc(ptr, lib.g_free)
        try:
            k = int(k_out[0])
            cells = ffi.unpack(ptr, k * k) if k else []
        finally:
            ffi.release(ptr)
        labels = partition.labels
        self = cls(MixingCell(labels[i], labels[j], float(cells[i * k + j]))
                   for i in range(k) for j in range(k))
        self._labels = labels
        self._attribute = partition.source
        self._weighted = bool(flags & lib.CITYNET_ASSORTATIVITY_WEIGHTED)
        self._directed = partition.view.directed and \
            not flags & lib.CITYNET_ASSORTATIVITY_UNDIRECTED
        self._normalized = normalized
        return self

    @property
    def labels(self) -> List[str]:
        """The label names, the order of rows and columns (a new list)."""
        return list(self._labels)

    @property
    def attribute(self) -> str:
        """The partition's source, e.g. "country"."""
        return self._attribute

    @property
    def weighted(self) -> bool:
        """Whether cells sum weights (else they count edge ends)."""
        return self._weighted

    @property
    def directed(self) -> bool:
        """Whether edges were read as arcs (else in both directions)."""
        return self._directed

    @property
    def normalized(self) -> bool:
        """Whether cells are shares of the total."""
        return self._normalized

    @property
    def values(self) -> List[List[float]]:
        """The matrix as a list of rows (new lists)."""
        k = len(self._labels)
        return [[self._rows[i * k + j].value for j in range(k)] for i in range(k)]

    def cell(self, from_label: str, to_label: str) -> float:
        """Returns the cell of two label names. KeyError for an unknown
        label."""
        k = len(self._labels)
        try:
            i, j = self._labels.index(from_label), self._labels.index(to_label)
        except ValueError:
            raise KeyError(from_label if from_label not in self._labels
                           else to_label) from None
        return self._rows[i * k + j].value

    def to_dict(self) -> Dict[str, Dict[str, float]]:
        """Returns ``{from label: {to label: value}}`` in label order."""
        k = len(self._labels)
        return {self._labels[i]: {self._labels[j]: self._rows[i * k + j].value
                                  for j in range(k)} for i in range(k)}

    def to_numpy(self):
        """Returns the k x k matrix as a float64 numpy array."""
        import numpy
        k = len(self._labels)
        return numpy.array([row.value for row in self._rows],
                           dtype=numpy.float64).reshape(k, k)

    def to_pandas(self):
        """Returns the square ``pandas.DataFrame``: index and columns are
        the labels (named "from" and "to"). ImportError without pandas."""
        pandas = _require_pandas()
        frame = pandas.DataFrame(self.values, index=list(self._labels),
                                 columns=list(self._labels), dtype=float)
        frame.index.name = "from"
        frame.columns.name = "to"
        frame.attrs["attribute"] = self._attribute
        return frame

    def _repr_header(self) -> str:
        what = "weights" if self._weighted else "edge ends"
        if self._normalized:
            what = f"shares of {what}"
        return (f"<citynet.MixingMatrix {self._attribute!r}: "
                f"{len(self._labels)} x {len(self._labels)} labels, {what}>")


# ----------------------------------------------------------------------------
# Partition methods (Partition delegates here: partition.py stays small)
# ----------------------------------------------------------------------------

def partition_compare(partition: Partition, other: Any, method: Any) -> float:
    """Implements :meth:`Partition.compare`."""
    return _compare(partition, _other_partition(partition, other), method)


def partition_comparison(partition: Partition, others: Sequence[Any],
                         resolution: Any, weighted: Any,
                         directed: Any) -> PartitionComparison:
    """Implements :meth:`Partition.comparison`."""
    return _comparison(partition, others, resolution, weighted, directed)


def partition_assortativity(partition: Partition, weighted: Any,
                            undirected: Any, exclude_missing: Any) -> Assortativity:
    """Implements :meth:`Partition.assortativity`."""
    flags = _assortativity_flags(weighted, undirected, exclude_missing)
    return Assortativity([_nominal(partition, flags)])


def partition_mixing_matrix(partition: Partition, weighted: Any, undirected: Any,
                            exclude_missing: Any, normalized: Any) -> MixingMatrix:
    """Implements :meth:`Partition.mixing_matrix`."""
    flags = _assortativity_flags(weighted, undirected, exclude_missing)
    return MixingMatrix._compute(partition, flags, _flag(normalized, "normalized"))


# ----------------------------------------------------------------------------
# View methods
# ----------------------------------------------------------------------------

class CommunityMethods:
    """Mixin of :class:`~citynet.View`: community detection, modularity,
    partition comparison, assortativity and mixing matrices."""

    __slots__ = ()

    def communities(self: "View", method: str = "louvain", *, seed: int = 1,
                    resolution: float = 1.0, weighted: bool = True,
                    beta: Optional[float] = None,
                    iterations: Optional[int] = None,
                    start: Optional[str] = None) -> Communities:
        """Detects communities and returns them as :class:`Communities`.

        ``method`` is "louvain" (Blondel et al. 2008) or "leiden" (Traag,
        Waltman and van Eck 2019, modularity objective), case-insensitive.
        Both run on the view's simple undirected collapse (a pair weighs
        the sum of its edges in either direction). ``seed`` (an int >= 0)
        seeds a private generator: the same view and settings give the same
        partition on every run. ``resolution`` gamma >= 0: larger values
        give more, smaller communities (1: Newman's modularity).
        ``weighted=False`` counts every adjacent pair 1.

        Leiden only (UsageError with Louvain): ``beta`` > 0, the randomness
        of the refinement (default 0.01); ``iterations`` >= 1, or negative
        / None to iterate until stable (default); ``start`` "louvain"
        (refine the Louvain result with the same seed: never worse than
        Louvain; the default) or "singletons".

        Communities are numbered by size, largest first; isolates are
        alone in a community each. UsageError for an unknown method or
        start, a negative resolution, beta <= 0, iterations 0; TypeError
        for arguments of the wrong type.
        """
        return Communities._detect(self, method, seed=seed,
                                   resolution=resolution, weighted=weighted,
                                   beta=beta, iterations=iterations,
                                   start=start)

    def modularity(self: "View", partition: PartitionLike, *,
                   resolution: Optional[float] = None,
                   weighted: Optional[bool] = None,
                   directed: bool = False) -> float:
        """Returns the modularity Q of a partition of this view (a
        :class:`~citynet.Partition` of this view, or a spec such as
        "country" or "group:EU"): Newman's Q = (1/2m) sum_ij (A_ij - gamma
        k_i k_j / 2m) delta(c_i, c_j) on the undirected collapse, or with
        ``directed=True`` on a directed view Leicht and Newman's directed
        modularity on the arcs. ``resolution`` (gamma) and ``weighted``
        default to 1 and True, or to the detection's settings for
        :class:`Communities`. NaN when the view has no edge. UsageError for
        a partition of another view."""
        return _modularity(_partition_of(self, partition), resolution,
                           weighted, directed)

    def compare_partitions(self: "View", a: PartitionLike, b: PartitionLike,
                           method: str = "nmi") -> float:
        """Returns the agreement of two partitions of this view (Partitions
        or specs): ``method`` "nmi" (normalised mutual information, 1 =
        identical, 0 = independent), "ari" (adjusted Rand index, 1 =
        identical, about 0 = random, may be negative), "vi" (variation of
        information in nats, 0 = identical) or "rand" (Rand index). Label
        names do not matter, only which vertices share a label. NaN for a
        view without vertices (Rand indices: fewer than two). UsageError
        for an unknown method or a partition of another view."""
        return _compare(_partition_of(self, a, "a"), _partition_of(self, b, "b"),
                        method)

    def assortativity(self: "View", by: Union[PartitionLike,
                                              Sequence[PartitionLike], None] = None,
                      *, value: Union[ValuesLike, Sequence[ValuesLike], None] = None,
                      weighted: bool = False, undirected: bool = False,
                      exclude_missing: bool = False) -> Assortativity:
        """Returns Newman's (2003) assortativity coefficients as an
        :class:`Assortativity` (``.r`` for a single one).

        ``by``: nominal assortativity by a partition of this view (a
        Partition, or a spec: "country", "kind", "attr:KEY", "group:G[@DATE]",
        "groups:G1,G2[@DATE]"), or a list of them. ``value``: numeric
        assortativity (the Pearson correlation of the values at the two ends
        of the edges) by a value spec ("population", "latitude",
        "longitude", "country:KEY", "attr:KEY"), a :class:`~citynet.Scores`
        (any measure) or a mapping ``{node: number}``, or a list of them.
        Without either: by country (as the command line).

        ``weighted``: an edge counts with its weight. ``undirected``: read a
        directed view's arcs as undirected edges. ``exclude_missing``
        (nominal): leave out the vertices of the "(none)" label and their
        edges, as numeric values always leave out vertices without a value.
        Isolates do not count. NotFoundError for an unknown attribute,
        group or country attribute; UsageError for a malformed spec, a
        non-numeric attribute value or an attribute given twice.
        """
        flags = _assortativity_flags(weighted, undirected, exclude_missing)
        bys = _spec_list(by)
        values = _spec_list(value)
        if not bys and not values:
            bys = ["country"]
        rows = [_nominal(_partition_of(self, p, "by"), flags) for p in bys]
        rows += [_numeric(self, v, flags) for v in values]
        names = [row.attribute for row in rows]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise UsageError(f"attribute {repeated[0]!r} is given twice")
        return Assortativity(rows)

    def mixing_matrix(self: "View", by: PartitionLike = "country", *,
                      weighted: bool = False, undirected: bool = False,
                      exclude_missing: bool = False,
                      normalized: bool = False) -> MixingMatrix:
        """Returns the attribute mixing matrix of a partition of this view
        (a Partition or a spec, default "country") as a
        :class:`MixingMatrix`: edge ends between labels (``weighted``:
        weights), rows and columns in label order; ``normalized`` divides by
        the total (Newman's e_ij). ``undirected`` and ``exclude_missing``
        as in :meth:`assortativity` (excluded vertices leave their row and
        column at 0)."""
        return partition_mixing_matrix(_partition_of(self, by, "by"), weighted,
                                       undirected, exclude_missing, normalized)

    def node_values(self: "View", spec: str) -> Scores:
        """Returns a number per vertex as :class:`~citynet.Scores`:
        ``spec`` "population", "latitude", "longitude", "country:KEY" (the
        numeric attribute KEY of the node's country) or "attr:KEY" (an extra
        node attribute read as a number); NaN where a node has none.
        UsageError for a malformed spec or a value that is not a finite
        number (the message names the node), NotFoundError for an unknown
        key."""
        err = ffi.new("GError **")
        ptr = lib.citynet_node_values(self._ptr, to_c(spec, "spec"), err)
        check(err)
        return Scores._wrap(self, ptr)
