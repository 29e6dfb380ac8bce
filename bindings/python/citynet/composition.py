"""Composition of a focus node's ties by layer, partner country and partner
group (citynet_composition_new())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional

from ._citynet import ffi, lib
from ._util import from_c
from .errors import check
from .network import Node
from .table import Table

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = ["Composition", "CompositionRow", "CompositionTotals", "DIMENSIONS"]

#: The dimensions of composition rows, in row order.
DIMENSIONS = ("layer", "country", "group")


class CompositionRow(NamedTuple):
    """One category of one dimension of a composition.

    ``dimension`` is "layer", "country" or "group"; ``layer`` is the layer
    the row is restricted to, or None for all layers (always None for
    "layer" rows); ``key`` is the category (a layer, an ISO3 code, a group
    name; "" for none). ``ties``, ``partners`` and ``weight`` count the
    focus node's ties in the category; the shares divide by the totals of
    the same scope (all layers, or that layer). Group rows overlap, so their
    shares need not sum to 1.
    """
    dimension: str
    layer: Optional[str]
    key: str
    ties: int
    partners: int
    weight: float
    tie_share: float
    weight_share: float


class CompositionTotals(NamedTuple):
    """The focus node's ties in the view: how many, their summed weight and
    the number of distinct partners."""
    ties: int
    weight: float
    partners: int


class _FocusComposition:
    """The accessors Composition and alignment's GroupComposition share."""

    __slots__ = ()

    @property
    def view(self) -> "View":
        """The view the composition was computed in."""
        return self._view

    @property
    def focus(self) -> Node:
        """The focus node."""
        return self._focus


class Composition(_FocusComposition, Table[CompositionRow]):
    """A focus node's ties in a view, grouped by layer, by partner country
    and by the groups (EU, NATO, ...) the partner's country belonged to on
    the tie's reference date; made by :meth:`View.composition`.

    A :class:`~citynet.Table` of :class:`CompositionRow`, ordered by
    dimension (layer, country, group), then scope (all layers first, then
    layers by name), then decreasing tie count, then key. ``totals`` holds
    the focus node's totals, ``focus`` the focus node.
    """

    Row = CompositionRow
    __slots__ = ("_view", "_focus", "_totals")

    @classmethod
    def _compute(cls, view: "View", focus: int) -> "Composition":
        err = ffi.new("GError **")
        ptr = lib.citynet_composition_new(view._ptr, focus, err)
        check(err)
        ptr = ffi.gc(ptr, lib.citynet_composition_free)
        try:
            rows = cls._read_rows(ptr)
            totals = CompositionTotals(
                int(lib.citynet_composition_total_ties(ptr)),
                float(lib.citynet_composition_total_weight(ptr)),
                int(lib.citynet_composition_total_partners(ptr)))
            focus = int(lib.citynet_composition_focus(ptr))
        finally:
            # Everything is copied out: the C table is not needed any more.
            ffi.release(ptr)
        self = cls(rows)
        self._view = view
        self._focus = view.network._node(focus)
        self._totals = totals
        return self

    @staticmethod
    def _read_rows(ptr) -> List[CompositionRow]:
        dimension = ffi.new("CitynetDimension *")
        layer = ffi.new("const char **")
        key = ffi.new("const char **")
        ties = ffi.new("gsize *")
        partners = ffi.new("gsize *")
        weight = ffi.new("double[3]")
        names = {}
        rows = []
        for i in range(lib.citynet_composition_n_rows(ptr)):
            lib.citynet_composition_row(ptr, i, dimension, layer, key, ties,
                                        partners, weight, weight + 1,
                                        weight + 2)
            d = int(dimension[0])
            if d not in names:
                names[d] = from_c(lib.citynet_dimension_to_string(d))
            rows.append(CompositionRow(names[d], from_c(layer[0]),
                                       from_c(key[0]) or "", int(ties[0]),
                                       int(partners[0]), float(weight[0]),
                                       float(weight[1]), float(weight[2])))
        return rows

    @property
    def totals(self) -> CompositionTotals:
        """The focus node's tie count, summed weight and distinct partners."""
        return self._totals

    def select(self, dimension: str, layer: Optional[str] = None) -> List[CompositionRow]:
        """Returns the rows of one ``dimension`` ("layer", "country",
        "group") in one scope: ``layer=None`` for all layers, else the rows
        restricted to that layer."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"dimension must be one of {DIMENSIONS}, "
                             f"not {dimension!r}")
        return [r for r in self._rows
                if r.dimension == dimension and r.layer == layer]

    def share(self, dimension: str, key: str, layer: Optional[str] = None,
              by: str = "ties") -> float:
        """Returns the share of category ``key`` of ``dimension`` (by
        "ties" or "weight") in a scope; 0.0 when the category is absent."""
        if by not in ("ties", "weight"):
            raise ValueError('by must be "ties" or "weight"')
        for r in self.select(dimension, layer):
            if r.key == key:
                return r.tie_share if by == "ties" else r.weight_share
        return 0.0

    def to_dict(self) -> Dict[str, Any]:
        """Returns ``{"focus": id, "totals": {...}, "rows": [{...}, ...]}``,
        plain JSON-ready values."""
        return {"focus": self._focus.id,
                "totals": self._totals._asdict(),
                "rows": self.to_records()}

    def to_pandas(self):
        """Returns the rows as a ``pandas.DataFrame``; ``df.attrs`` holds
        ``focus`` and ``totals``. Raises ImportError without pandas."""
        frame = super().to_pandas()
        frame.attrs["focus"] = self._focus.id
        frame.attrs["totals"] = self._totals._asdict()
        return frame

    def _repr_header(self) -> str:
        t = self._totals
        return (f"<citynet.Composition of {self._focus.id!r}: {t.ties} ties, "
                f"weight {t.weight:g}, {t.partners} partners, "
                f"{len(self)} rows>")
