"""Scores: one measure's value per node, ranked (CitynetScores).

Every per-node result of the library (centralities, clustering, structural
holes, brokerage totals, connectivity) comes back as a :class:`Scores`:
the C table is copied into Python once and freed, so a Scores object holds
no C memory and keeps only its view alive.
"""

from __future__ import annotations

import math
from typing import (TYPE_CHECKING, Any, Dict, Iterable, List, Mapping,
                    NamedTuple, Optional)

from ._citynet import ffi, lib
from ._util import from_c, to_c
from .errors import NotFoundError, UsageError, check
from .network import NodeRef
from .table import Table

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = ["Scores", "ScoreRow"]


class ScoreRow(NamedTuple):
    """One node's value: ``id`` and ``name`` of the node, ``value`` (NaN
    when undefined, e.g. the clustering of a node with fewer than two
    neighbours) and its 1-based competition ``rank`` (higher values rank
    better; ties share a rank; NaN ranks last)."""
    id: str
    name: str
    value: float
    rank: int


class Scores(Table[ScoreRow]):
    """One measure's value for nodes of a view, with ranks.

    A :class:`~citynet.Table` of :class:`ScoreRow` in entry order: every
    vertex of the view in vertex order, or the nodes asked for, in the
    order asked. ``measure`` names the measure (as the command line's
    ``measure`` column). Like a NetworkX result, :meth:`to_dict` maps node
    id to value; :meth:`to_records` and :meth:`to_pandas` give every column.

    Ranking follows the C library (standard competition ranking, "1224",
    NaN last, equal values ordered by network node index in :meth:`top`).
    """

    Row = ScoreRow
    key_column = "id"
    __slots__ = ("_view", "_measure", "_order", "_index")

    @classmethod
    def _wrap(cls, view: "View", ptr) -> "Scores":
        """Copies a non-NULL ``CitynetScores *`` (transfer full) into a new
        Scores and frees it."""
        ptr = ffi.gc(ptr, lib.citynet_scores_free)
        try:
            n = int(lib.citynet_scores_n(ptr))
            values = ffi.unpack(lib.citynet_scores_values(ptr, ffi.NULL), n) \
                if n else []
            p = view.network._ptr
            rows = []
            for i in range(n):
                node = lib.citynet_scores_node(ptr, i)
                rows.append(ScoreRow(from_c(lib.citynet_network_node_id(p, node)),
                                     from_c(lib.citynet_network_node_name(p, node)),
                                     float(values[i]),
                                     int(lib.citynet_scores_rank(ptr, i))))
            order = [int(lib.citynet_scores_order(ptr, k)) for k in range(n)]
            measure = from_c(lib.citynet_scores_measure(ptr))
        finally:
            ffi.release(ptr)
        self = cls(rows)
        self._view = view
        self._measure = measure
        self._order = order
        self._index = {row.id: i for i, row in enumerate(rows)}
        return self

    @classmethod
    def from_values(cls, view: "View", measure: str,
                    values: Mapping[Any, float]) -> "Scores":
        """Wraps values computed elsewhere (``{node: value}``, nodes as ids,
        names, indices or Nodes of the view) so they rank and print like
        the built-in measures (citynet_scores_new()). NaN means undefined.
        NotFoundError for a node outside the view."""
        if not isinstance(measure, str):
            raise TypeError("measure must be a str")
        items = list(values.items())
        nodes = ffi.new("gsize[]", max(1, len(items)))
        vals = ffi.new("double[]", max(1, len(items)))
        for k, (node, value) in enumerate(items):
            nodes[k] = view.network._resolve_node(node)
            try:
                vals[k] = float(value)
            except (TypeError, ValueError):
                raise TypeError(f"the value of {node!r} must be a number, not "
                                f"{type(value).__name__}") from None
        err = ffi.new("GError **")
        ptr = lib.citynet_scores_new(view._ptr, to_c(measure, "measure"), nodes,
                                     vals, len(items), err)
        check(err)
        return cls._wrap(view, ptr)

    @property
    def view(self) -> "View":
        """The view the scores were computed on."""
        return self._view

    @property
    def measure(self) -> str:
        """The measure's name, e.g. "pagerank"."""
        return self._measure

    @property
    def values(self) -> List[float]:
        """The values in entry order (a new list)."""
        return [row.value for row in self._rows]

    @property
    def ids(self) -> List[str]:
        """The node ids in entry order (a new list)."""
        return [row.id for row in self._rows]

    def _row_of(self, node: NodeRef) -> ScoreRow:
        if isinstance(node, str) and node in self._index:
            return self._rows[self._index[node]]
        index = self._view.network._resolve_node(node)
        node_id = from_c(lib.citynet_network_node_id(self._view.network._ptr, index))
        if node_id not in self._index:
            raise NotFoundError(f"the {self._measure} scores have no entry for "
                                f"node {node_id!r}")
        return self._rows[self._index[node_id]]

    def value(self, node: NodeRef) -> float:
        """Returns the value of a node (id, name, index or Node)."""
        return self._row_of(node).value

    def rank(self, node: NodeRef) -> int:
        """Returns the rank of a node (id, name, index or Node)."""
        return self._row_of(node).rank

    def top(self, k: Optional[int] = None) -> List[ScoreRow]:
        """Returns the rows by rank, best first (equal values by network
        order): all of them, or the first ``k``."""
        if k is not None and (not isinstance(k, int) or isinstance(k, bool) or k < 0):
            raise UsageError("k must be a non-negative int")
        order = self._order if k is None else self._order[:k]
        return [self._rows[i] for i in order]

    def to_dict(self) -> Dict[str, float]:
        """Returns ``{node id: value}`` in entry order (NaN for undefined)."""
        return {row.id: row.value for row in self._rows}

    def to_numpy(self):
        """Returns the values as a float64 numpy array in entry order."""
        import numpy
        return numpy.array(self.values, dtype=numpy.float64)

    def to_pandas(self):
        """Returns a ``pandas.DataFrame`` indexed by node id with the
        columns name, value, rank; ``df.attrs["measure"]`` names the
        measure. Raises ImportError without pandas."""
        frame = super().to_pandas()
        frame.attrs["measure"] = self._measure
        return frame

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Scores):
            return NotImplemented
        return self._measure == other._measure and len(self) == len(other) and \
            all(_same_row(a, b) for a, b in zip(self._rows, other._rows))

    __hash__ = None  # type: ignore[assignment]

    def _repr_header(self) -> str:
        return f"<citynet.Scores {self._measure!r}: {len(self)} nodes>"


def _same_row(a: ScoreRow, b: ScoreRow) -> bool:
    """Row equality with NaN equal to NaN (undefined in both)."""
    if a.id != b.id or a.rank != b.rank:
        return False
    return a.value == b.value or (math.isnan(a.value) and math.isnan(b.value))


def node_indices(view: "View", nodes: Optional[Iterable[NodeRef]]):
    """Returns ``(gsize[] or NULL, count)`` for an optional node subset
    (ids, names, indices or Nodes), each in the view and distinct.
    NotFoundError for a node outside the view, UsageError for a repeat."""
    if nodes is None:
        return ffi.NULL, 0
    if isinstance(nodes, str):
        nodes = [nodes]
    indices = [view.network._resolve_node(node) for node in nodes]
    if len(set(indices)) != len(indices):
        raise UsageError("nodes lists a node twice")
    for index in indices:
        if view._vertex_of(index) is None:
            raise NotFoundError(f"node {from_c(lib.citynet_network_node_id(view.network._ptr, index))!r}"
                                " is not in the view")
    array = ffi.new("gsize[]", max(1, len(indices)))
    for k, index in enumerate(indices):
        array[k] = index
    return array, len(indices)
