"""Partitions: one label per vertex of a view (CitynetPartition).

A partition groups a view's nodes by country, kind, an attribute, a
country group at a date, an explicit mapping, a membership vector, or a
community detection run. Partitions feed modularity, partition comparison,
assortativity, mixing matrices and brokerage.
"""

from __future__ import annotations

import operator
from typing import (TYPE_CHECKING, Any, Dict, List, Mapping, NamedTuple,
                    Optional, Sequence)

from ._citynet import ffi, lib
from ._util import from_c, to_c
from .errors import NotFoundError, UsageError, check
from .network import NodeRef
from .table import Table

if TYPE_CHECKING:  # pragma: no cover
    from .communities import (Assortativity, LabelStats, MixingMatrix,
                              PartitionComparison)
    from .view import View

__all__ = ["Partition", "PartitionRow", "MISSING_LABEL"]

#: The label name of nodes that lack the attribute a partition is built from.
MISSING_LABEL = "(none)"


class PartitionRow(NamedTuple):
    """One vertex's label: node ``id`` and ``name``, the dense ``label``
    number (0..k-1) and its ``label_name`` (a country code, a kind, a group,
    an attribute value, or the community number in decimal)."""
    id: str
    name: str
    label: int
    label_name: str


class Partition(Table[PartitionRow]):
    """An assignment of one label to every vertex of a view.

    Made by :meth:`View.partition` (or returned by community detection).
    A :class:`~citynet.Table` of :class:`PartitionRow` in vertex order;
    :meth:`to_dict` maps node id to label name. ``labels`` lists the label
    names by number, ``sizes`` their vertex counts. The partition keeps its
    view alive and holds the C partition for the functions that take one.

    Label order (from the C library): detected communities by size, largest
    first; attribute values sorted by name with ``"(none)"`` last; group
    partitions and explicit lists in the order their constructor documents.
    """

    Row = PartitionRow
    key_column = "id"
    __slots__ = ("_ptr", "_view", "_source", "_labels", "_sizes", "_index",
                 "_missing")

    @classmethod
    def _wrap(cls, view: "View", ptr) -> "Partition":
        """Takes ownership of a non-NULL ``CitynetPartition *``."""
        ptr = ffi.gc(ptr, lib.citynet_partition_free)
        k = int(lib.citynet_partition_n_labels(ptr))
        labels = [from_c(lib.citynet_partition_label_name(ptr, i)) for i in range(k)]
        sizes = [int(lib.citynet_partition_label_size(ptr, i)) for i in range(k)]
        n_ptr = ffi.new("gsize *")
        membership = lib.citynet_partition_membership(ptr, n_ptr)
        n = int(n_ptr[0])
        members = ffi.unpack(membership, n) if n else []
        p = view.network._ptr
        v = view._ptr
        rows = []
        for vertex in range(n):
            node = lib.citynet_view_vertex_node(v, vertex)
            label = int(members[vertex])
            rows.append(PartitionRow(from_c(lib.citynet_network_node_id(p, node)),
                                     from_c(lib.citynet_network_node_name(p, node)),
                                     label, labels[label]))
        self = cls(rows)
        self._ptr = ptr
        self._view = view
        self._source = from_c(lib.citynet_partition_get_source(ptr))
        self._labels = labels
        self._sizes = sizes
        self._index = {row.id: i for i, row in enumerate(rows)}
        missing = int(lib.citynet_partition_missing_label(ptr))
        self._missing = missing if missing >= 0 else None
        return self

    @classmethod
    def _by_spec(cls, view: "View", spec: str) -> "Partition":
        if not isinstance(spec, str):
            raise TypeError(f"the partition spec must be a str, not "
                            f"{type(spec).__name__}")
        err = ffi.new("GError **")
        ptr = lib.citynet_partition_new_by_spec(view._ptr, to_c(spec, "spec"), err)
        check(err)
        return cls._wrap(view, ptr)

    @classmethod
    def _from_labels(cls, view: "View", labels: Mapping[Any, str],
                     unlisted: Optional[str]) -> "Partition":
        if not isinstance(labels, Mapping):
            raise TypeError("labels must be a mapping of node -> label name")
        items = list(labels.items())
        nodes = ffi.new("gsize[]", max(1, len(items)))
        # The C strings must outlive the call: ``keep`` holds them.
        keep = [ffi.new("char[]", to_c(label, "label")) for _, label in items]
        names = ffi.new("char *[]", keep or [ffi.NULL])
        for i, (node, _) in enumerate(items):
            nodes[i] = view.network._resolve_node(node)
        err = ffi.new("GError **")
        ptr = lib.citynet_partition_new_from_labels(
            view._ptr, nodes, names, len(items),
            to_c(unlisted, "unlisted", optional=True), err)
        check(err)
        return cls._wrap(view, ptr)

    @classmethod
    def _from_membership(cls, view: "View", membership: Sequence[int]) -> "Partition":
        values = list(membership)
        array = ffi.new("gint64[]", max(1, len(values)))
        for i, value in enumerate(values):
            if isinstance(value, bool):
                raise TypeError("membership values must be ints, not bool")
            try:
                array[i] = operator.index(value)
            except TypeError:
                raise TypeError(f"membership values must be ints, not "
                                f"{type(value).__name__}") from None
            except OverflowError:
                raise UsageError(f"membership value {value} does not fit in "
                                 "64 bits") from None
        err = ffi.new("GError **")
        ptr = lib.citynet_partition_new_from_membership(view._ptr, array,
                                                        len(values), err)
        check(err)
        return cls._wrap(view, ptr)

    # -- properties ------------------------------------------------------------

    @property
    def view(self) -> "View":
        """The view the partition labels."""
        return self._view

    @property
    def source(self) -> str:
        """What the partition came from: "country", "kind", "attr:KEY",
        "group:G@DATE", "groups:G1,G2@DATE", "labels", "membership",
        "louvain" or "leiden"."""
        return self._source

    @property
    def labels(self) -> List[str]:
        """The label names by label number (a new list)."""
        return list(self._labels)

    @property
    def sizes(self) -> List[int]:
        """The number of vertices of each label, by label number."""
        return list(self._sizes)

    @property
    def n_labels(self) -> int:
        """The number of labels k (group partitions may have empty ones)."""
        return len(self._labels)

    @property
    def membership(self) -> List[int]:
        """The label number of every vertex, in vertex order."""
        return [row.label for row in self._rows]

    @property
    def missing_label(self) -> Optional[int]:
        """The label of vertices without the attribute (named "(none)"),
        or None when there is no such label."""
        return self._missing

    # -- lookups ---------------------------------------------------------------

    def label_of(self, node: NodeRef) -> str:
        """Returns the label name of a node (id, name, index or Node)."""
        return self._row_of(node).label_name

    def members(self, label: Any) -> List[str]:
        """Returns the node ids carrying a label (its number or its name),
        in vertex order. NotFoundError for an unknown label name."""
        if isinstance(label, str):
            if label not in self._labels:
                raise NotFoundError(f"the partition has no label {label!r}")
            number = self._labels.index(label)
        else:
            number = operator.index(label)
            if not 0 <= number < len(self._labels):
                raise IndexError(f"label {label} out of range")
        return [row.id for row in self._rows if row.label == number]

    def _row_of(self, node: NodeRef) -> PartitionRow:
        if isinstance(node, str) and node in self._index:
            return self._rows[self._index[node]]
        index = self._view.network._resolve_node(node)
        vertex = self._view._vertex_of(index)
        if vertex is None:
            raise NotFoundError(f"node {from_c(lib.citynet_network_node_id(self._view.network._ptr, index))!r}"
                                " is not in the partition's view")
        return self._rows[vertex]

    def to_dict(self) -> Dict[str, str]:
        """Returns ``{node id: label name}`` in vertex order."""
        return {row.id: row.label_name for row in self._rows}

    def groups(self) -> Dict[str, List[str]]:
        """Returns ``{label name: [node ids]}`` in label order (empty labels
        included)."""
        out: Dict[str, List[str]] = {name: [] for name in self._labels}
        for row in self._rows:
            out[row.label_name].append(row.id)
        return out

    # -- measures (implemented in communities.py) ---------------------------

    def modularity(self, *, resolution: Optional[float] = None,
                   weighted: Optional[bool] = None,
                   directed: bool = False) -> float:
        """Returns the partition's modularity Q (:meth:`View.modularity`):
        ``resolution`` and ``weighted`` default to 1 and True, or to the
        detection's settings for :class:`~citynet.Communities`;
        ``directed=True`` gives the directed formula on a directed view.
        NaN when the view has no edge."""
        from .communities import _modularity
        return _modularity(self, resolution, weighted, directed)

    def compare(self, other: Any, method: str = "nmi") -> float:
        """Returns the agreement with ``other`` (a Partition of a view with
        the same vertices, or a spec evaluated on this partition's view):
        ``method`` "nmi", "ari", "vi" or "rand" (see
        :meth:`View.compare_partitions`). UsageError for partitions of
        different vertices or an unknown method."""
        from .communities import partition_compare
        return partition_compare(self, other, method)

    def comparison(self, *others: Any, resolution: Optional[float] = None,
                   weighted: Optional[bool] = None,
                   directed: bool = False) -> "PartitionComparison":
        """Returns a :class:`~citynet.PartitionComparison`: NMI, ARI, VI,
        Rand and the modularity of every other partition (Partitions or
        specs), as ``citynet communities --compare SPEC``; the modularity
        options as in :meth:`modularity`, defaults taken from this
        partition (a detection's resolution and weighting)."""
        from .communities import partition_comparison
        return partition_comparison(self, others, resolution, weighted, directed)

    def label_stats(self, *, weighted: Optional[bool] = None) -> "LabelStats":
        """Returns a :class:`~citynet.LabelStats` table: size, share of
        vertices, internal edge weight and strength of every label, largest
        first, as the "communities" table of ``citynet communities``.
        ``weighted`` (default True, or the detection's setting) counts edge
        weights, else 1 per edge."""
        from .communities import partition_label_stats
        return partition_label_stats(self, weighted)

    def assortativity(self, *, weighted: bool = False, undirected: bool = False,
                      exclude_missing: bool = False) -> "Assortativity":
        """Returns the nominal assortativity of the labels as a
        one-row :class:`~citynet.Assortativity` (``.r`` is the coefficient);
        the options as in :meth:`View.assortativity`."""
        from .communities import partition_assortativity
        return partition_assortativity(self, weighted, undirected, exclude_missing)

    def mixing_matrix(self, *, weighted: bool = False, undirected: bool = False,
                      exclude_missing: bool = False,
                      normalized: bool = False) -> "MixingMatrix":
        """Returns the attribute mixing matrix of the labels as a
        :class:`~citynet.MixingMatrix` (see :meth:`View.mixing_matrix`)."""
        from .communities import partition_mixing_matrix
        return partition_mixing_matrix(self, weighted, undirected,
                                       exclude_missing, normalized)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Partition):
            return NotImplemented
        return self._rows == other._rows and self._labels == other._labels

    __hash__ = None  # type: ignore[assignment]

    def _repr_header(self) -> str:
        return (f"<citynet.Partition {self._source!r}: {len(self)} vertices, "
                f"{len(self._labels)} labels>")
