"""Views: the slice of a network (layers, dates, kinds, direction,
combination of parallel ties) that analytics run on."""

from __future__ import annotations

from typing import (TYPE_CHECKING, Any, Dict, List, Mapping, NamedTuple,
                    Optional, Sequence, Tuple)

from ._citynet import ffi, lib
from ._util import (PathLike, date_text, format_date, from_c, path_to_c,
                    str_list, to_c)
from .errors import NotFoundError, UsageError, check
from .network import Network, NodeRef, TieRef, _Seq
# Each module of the C API contributes its View methods as a mixin, so a
# module's binding lives in one file (analytics.py, communities.py, ...).
from .alignment import AlignmentMethods
from .analytics import AnalyticsMethods
from .communities import CommunityMethods
from .ego import EgoMethods
from .figure import FigureMethods
from .projection import ProjectionMethods

if TYPE_CHECKING:  # pragma: no cover
    from .composition import Composition
    from .partition import Partition

__all__ = ["View", "Edge", "DIRECTIONS", "COMBINE_RULES"]

#: Values of ``direction`` accepted by :meth:`Network.view`.
DIRECTIONS = ("auto", "undirected", "directed")
#: Values of ``combine`` accepted by :meth:`Network.view`.
COMBINE_RULES = ("sum", "max", "count", "none")


class Edge(NamedTuple):
    """One edge of a view's graph: ``source``/``target`` node ids (for an
    undirected view the endpoint with the lower vertex number first), the
    combined ``weight`` and how many ties it combines (``n_ties``)."""
    index: int
    source: str
    target: str
    weight: float
    n_ties: int


class View(AnalyticsMethods, CommunityMethods, ProjectionMethods, EgoMethods,
           AlignmentMethods, FigureMethods):
    """An immutable slice of a :class:`~citynet.Network`, made by
    :meth:`Network.view`.

    Its vertices are the selected nodes (numbered 0..n-1 in network order),
    its edges the selected ties combined by the view's rule. The view keeps
    its network alive. Reading from several threads is safe.
    """

    __slots__ = ("_ptr", "_network", "_spec", "_n_nodes", "__weakref__")

    @classmethod
    def _build(cls, network: Network, *, layers, at, start, end, kinds,
               combine, direction, drop_isolates) -> "View":
        layer_list = str_list(layers, "layers")
        kind_list = str_list(kinds, "kinds")
        if at is not None and (start is not None or end is not None):
            raise UsageError("give either at or start/end, not both")
        for name, value in (("combine", combine), ("direction", direction)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a str, not "
                                f"{type(value).__name__}")
        if not isinstance(drop_isolates, (bool, int)):
            raise TypeError("drop_isolates must be a bool")
        at_text = date_text(at, "at")
        start_text = date_text(start, "start")
        end_text = date_text(end, "end")

        err = ffi.new("GError **")
        c_direction = ffi.new("CitynetDirection *")
        lib.citynet_direction_from_string(to_c(direction, "direction"),
                                          c_direction, err)
        check(err)
        c_combine = ffi.new("CitynetCombine *")
        lib.citynet_combine_from_string(to_c(combine, "combine"), c_combine, err)
        check(err)

        options = ffi.gc(lib.citynet_view_options_new(),
                         lib.citynet_view_options_free)
        try:
            for layer in layer_list:
                lib.citynet_view_options_add_layer(options, to_c(layer, "layer"))
            for kind in kind_list:
                lib.citynet_view_options_add_kind(options, to_c(kind, "kind"))
            if at_text is not None:
                lib.citynet_view_options_set_at(options, to_c(at_text, "at"), err)
                check(err)
            elif start_text is not None or end_text is not None:
                lib.citynet_view_options_set_period(
                    options, to_c(start_text, "start", optional=True),
                    to_c(end_text, "end", optional=True), err)
                check(err)
            lib.citynet_view_options_set_direction(options, c_direction[0])
            lib.citynet_view_options_set_combine(options, c_combine[0])
            lib.citynet_view_options_set_drop_isolates(options,
                                                       bool(drop_isolates))
            # Nodes added to the network after the view was made are not in
            # it; libcitynet 0.1's citynet_view_node_vertex() must not be
            # asked about them (it indexes a table sized at creation). The
            # count is read first: the view sees at least these nodes.
            n_nodes = int(lib.citynet_network_n_nodes(network._ptr))
            ptr = lib.citynet_view_new(network._ptr, options, err)
            check(err)
        finally:
            ffi.release(options)

        self = cls.__new__(cls)
        self._ptr = ffi.gc(ptr, lib.citynet_view_unref)
        self._network = network
        self._n_nodes = n_nodes
        self._spec = {"layers": layer_list or None, "at": at_text,
                      "start": start_text, "end": end_text,
                      "kinds": kind_list or None,
                      "combine": COMBINE_RULES[int(c_combine[0])],
                      "direction": DIRECTIONS[int(c_direction[0])],
                      "drop_isolates": bool(drop_isolates)}
        return self

    @classmethod
    def _wrap(cls, ptr, network: Network, n_nodes: int,
              spec: Dict[str, Any]) -> "View":
        """Takes ownership of a non-NULL ``CitynetView *`` (transfer full)
        made by another constructor (an ego network, a projection):
        ``network`` is the view's network, ``n_nodes`` the size of its node
        table when the view was made, ``spec`` what :attr:`options` shows."""
        self = cls.__new__(cls)
        self._ptr = ffi.gc(ptr, lib.citynet_view_unref)
        self._network = network
        self._n_nodes = n_nodes
        self._spec = spec
        return self

    def __init__(self, *args, **kwargs) -> None:
        raise TypeError("make a View with Network.view()")

    def __repr__(self) -> str:
        spec = ", ".join(f"{k}={v!r}" for k, v in self._spec.items()
                         if v is not None and v is not False)
        return (f"<citynet.View ({spec}): {len(self.vertices)} vertices, "
                f"{len(self.edges)} edges, {len(self.ties)} ties, "
                f"{'directed' if self.directed else 'undirected'}>")

    # -- properties ------------------------------------------------------------

    @property
    def network(self) -> Network:
        """The network the view slices."""
        return self._network

    @property
    def options(self) -> Dict[str, Any]:
        """The arguments the view was made with (a copy)."""
        return dict(self._spec)

    @property
    def directed(self) -> bool:
        """Whether the view's graph is directed."""
        return bool(lib.citynet_view_is_directed(self._ptr))

    @property
    def period(self) -> Tuple[Optional[str], Optional[str]]:
        """The view's window as full days ("YYYY-MM-DD"), None for an open
        bound: ``(None, None)`` for a view of all dates."""
        start = ffi.new("CitynetDate *")
        end = ffi.new("CitynetDate *")
        lib.citynet_view_get_period(self._ptr, start, end)
        return format_date(start[0]), format_date(end[0])

    @property
    def vertices(self) -> "VertexSeq":
        """The selected nodes as a sequence of :class:`~citynet.Node`
        indexed by vertex number; ``"id" in view.vertices`` tests
        membership."""
        return VertexSeq(self)

    @property
    def edges(self) -> "EdgeSeq":
        """The graph's edges (selected ties combined) as :class:`Edge`."""
        return EdgeSeq(self)

    @property
    def ties(self) -> "ViewTieSeq":
        """The selected ties, uncombined, as :class:`~citynet.Tie` in
        network order."""
        return ViewTieSeq(self)

    # -- lookups ---------------------------------------------------------------

    def vertex(self, node: NodeRef) -> Optional[int]:
        """Returns the vertex number of a node (index, id/name or Node), or
        None when the node is not in the view."""
        return self._vertex_of(self._network._resolve_node(node))

    def _vertex_of(self, index: int) -> Optional[int]:
        if index >= self._n_nodes:
            return None
        vertex = lib.citynet_view_node_vertex(self._ptr, index)
        return int(vertex) if vertex >= 0 else None

    def reference_date(self, tie: TieRef) -> Optional[str]:
        """The day on which a tie's partner's groups are judged: the tie's
        first day inside the view's window (see the C documentation of
        citynet_view_tie_reference_date()); None means "now"."""
        index = self._network._resolve_tie(tie)
        return format_date(lib.citynet_view_tie_reference_date(self._ptr,
                                                                index))

    # -- results -----------------------------------------------------------------

    def composition(self, focus: NodeRef) -> "Composition":
        """Returns the :class:`~citynet.Composition` of the focus node's ties
        in this view by layer, partner country and partner group.
        ``focus`` is an index, an id or name (as :meth:`Network.find`) or a
        Node; NotFoundError when it is not in the view."""
        from .composition import Composition
        index = self._network._resolve_node(focus)
        if self._vertex_of(index) is None:
            raise NotFoundError(f"node {self._network._node(index).id!r} is "
                                "not in the view")
        return Composition._compute(self, index)

    def partition(self, by: Optional[str] = None, *,
                  labels: Optional[Mapping[Any, str]] = None,
                  unlisted: Optional[str] = None,
                  membership: Optional[Sequence[int]] = None) -> "Partition":
        """Returns a :class:`~citynet.Partition` of the view's vertices.

        Give exactly one of:

        * ``by``, a spec as on the command line: ``"country"``, ``"kind"``,
          ``"attr:KEY"``, ``"group:G"`` or ``"group:G@DATE"`` (in G or not
          on DATE; without a date, the last day of the view's period, else
          "now"), ``"groups:G1,G2"`` or ``"groups:G1,G2@DATE"`` (the first
          group a node's country belonged to, else "other");
        * ``labels``, a mapping ``{node: label name}`` (nodes as ids, names,
          indices or Nodes); vertices missing from it get ``unlisted``, or
          it is a UsageError when ``unlisted`` is None;
        * ``membership``, one int per vertex in vertex order (e.g. a
          python-igraph membership); labels are renumbered by first
          appearance.

        UsageError for a malformed spec or bad lists, NotFoundError for an
        unknown group, attribute or node."""
        from .partition import Partition
        given = [x is not None for x in (by, labels, membership)]
        if sum(given) != 1:
            raise UsageError("give exactly one of by, labels or membership")
        if unlisted is not None and labels is None:
            raise UsageError("unlisted goes with labels")
        if by is not None:
            return Partition._by_spec(self, by)
        if labels is not None:
            return Partition._from_labels(self, labels, unlisted)
        return Partition._from_membership(self, membership)

    def to_network(self) -> Network:
        """Returns a new Network holding the view's nodes, its selected ties
        (uncombined, with all fields) and every country and group spell."""
        err = ffi.new("GError **")
        ptr = lib.citynet_view_to_network(self._ptr, err)
        check(err)
        return Network._wrap(ptr)

    def write_graphml(self, path: PathLike) -> None:
        """Writes the view's graph as GraphML (atomically): node attributes
        kind, name, country, lat, lon, population and extras; edges with
        their combined weight and tie count. FileError on failure."""
        c_path = path_to_c(path)
        err = ffi.new("GError **")
        lib.citynet_view_write_graphml(self._ptr, c_path, err)
        check(err)

    def to_networkx(self):
        """Returns the view's graph as NetworkX: ``Graph``/``DiGraph``, or
        ``MultiGraph``/``MultiDiGraph`` for ``combine="none"``. Nodes are
        ids with their attributes; edges carry ``weight`` and ``n_ties``."""
        from .nx import view_to_networkx
        return view_to_networkx(self)


class VertexSeq(_Seq):
    """The vertices of a view (see :attr:`View.vertices`)."""
    __slots__ = ("_view",)
    _what = "vertex"
    _plural = "vertices"

    def __init__(self, view: View) -> None:
        super().__init__(view._network)
        self._view = view

    def _len(self):
        return lib.citynet_view_n_vertices(self._view._ptr)

    def _cache(self):
        return self._network._keys(lib.citynet_network_node_attribute_keys)

    def _item(self, i, cache):
        return self._network._node(
            int(lib.citynet_view_vertex_node(self._view._ptr, i)), cache)

    def _lookup(self, key):
        vertex = self._view._vertex_of(self._network.nodes._lookup(key))
        if vertex is None:
            raise NotFoundError(f"node {key!r} is not in the view")
        return vertex

    def ids(self) -> List[str]:
        """Returns the node id of every vertex in vertex order."""
        p = self._network._ptr
        v = self._view._ptr
        return [from_c(lib.citynet_network_node_id(
                    p, lib.citynet_view_vertex_node(v, i)))
                for i in range(lib.citynet_view_n_vertices(v))]


class EdgeSeq(_Seq):
    """The edges of a view (see :attr:`View.edges`)."""
    __slots__ = ("_view",)
    _what = "edge"
    _plural = "edges"

    def __init__(self, view: View) -> None:
        super().__init__(view._network)
        self._view = view

    def _len(self):
        return lib.citynet_view_n_edges(self._view._ptr)

    def _cache(self):
        return ffi.new("gsize[2]")

    def _item(self, i, ends):
        v = self._view._ptr
        p = self._network._ptr
        weight = lib.citynet_view_edge(v, i, ends, ends + 1)
        return Edge(i,
                    from_c(lib.citynet_network_node_id(
                        p, lib.citynet_view_vertex_node(v, ends[0]))),
                    from_c(lib.citynet_network_node_id(
                        p, lib.citynet_view_vertex_node(v, ends[1]))),
                    float(weight), int(lib.citynet_view_edge_n_ties(v, i)))

    def ties_of(self, edge: int) -> List[int]:
        """Returns the network indices of the ties combined into ``edge``,
        in network order."""
        if not 0 <= edge < self._len():
            raise IndexError(f"edge {edge} out of range")
        v = self._view._ptr
        return [int(lib.citynet_view_edge_tie(v, edge, k))
                for k in range(int(lib.citynet_view_edge_n_ties(v, edge)))]

    def vertex_pairs(self) -> List[Tuple[int, int]]:
        """Returns (from, to) vertex numbers of every edge."""
        ends = ffi.new("gsize[2]")
        out = []
        for i in range(self._len()):
            lib.citynet_view_edge(self._view._ptr, i, ends, ends + 1)
            out.append((int(ends[0]), int(ends[1])))
        return out


class ViewTieSeq(_Seq):
    """The selected ties of a view (see :attr:`View.ties`)."""
    __slots__ = ("_view",)
    _what = "tie"
    _plural = "ties"

    def __init__(self, view: View) -> None:
        super().__init__(view._network)
        self._view = view

    def _len(self):
        return lib.citynet_view_n_ties(self._view._ptr)

    def _cache(self):
        return self._network._keys(lib.citynet_network_tie_attribute_keys)

    def _item(self, i, cache):
        return self._network._tie(int(lib.citynet_view_tie(self._view._ptr, i)),
                                  cache)

    def indices(self) -> List[int]:
        """Returns the network tie index of every selected tie."""
        v = self._view._ptr
        return [int(lib.citynet_view_tie(v, i))
                for i in range(lib.citynet_view_n_ties(v))]
