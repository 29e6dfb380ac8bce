"""View methods for two-mode projection and global network connectivity (projection.h).

A two-mode view (cities tied to the organisations they belong to) projects
onto one kind: city-city ties weighted by the organisations the two share,
counted (``"count"``), with Newman's collaboration weighting
(``"newman"``), or by the GaWC interlocking network model (``"gawc"``).
The projection is a new network, so its :attr:`Projection.view` is a
:class:`~citynet.View` that every measure accepts. Formulas and citations:
docs/communities.md.
"""

from __future__ import annotations

from typing import (TYPE_CHECKING, Dict, Iterable, List, NamedTuple, Union)

from ._citynet import ffi, lib
from ._util import from_c, str_list, to_c
from .errors import check
from .scores import Scores
from .table import Table

if TYPE_CHECKING:  # pragma: no cover
    from .network import Network
    from .view import View

__all__ = ["ProjectionMethods", "Projection", "ProjectionStats",
           "ProjectionPair", "ProjectionPairs", "PROJECTION_METHODS"]

#: Values of ``method`` accepted by :meth:`View.project`.
PROJECTION_METHODS = tuple(from_c(lib.citynet_projection_method_name(m))
                           for m in (lib.CITYNET_PROJECTION_COUNT,
                                     lib.CITYNET_PROJECTION_NEWMAN,
                                     lib.CITYNET_PROJECTION_GAWC))

_FORMULAS = {
    "count": "shared organisations",
    "newman": "sum of 1/(n_j - 1) over shared organisations",
    "gawc": "sum of v_aj v_bj over shared organisations (GaWC)",
}


class ProjectionStats(NamedTuple):
    """What a projection was computed from (CitynetProjectionStats):

    ``projected_nodes``: vertices of the projected kind in the view (the
    projection's nodes); ``through_nodes``: vertices of the other kind with
    at least one membership; ``memberships``: distinct (projected, through)
    pairs joined by a membership tie; ``ties_used``: membership ties used
    (several ties of one pair combine); ``ties_ignored``: ties of the
    membership layers that do not join the two kinds; ``pairs``: ties of
    the projection. The names are the command line's summary columns."""
    projected_nodes: int
    through_nodes: int
    memberships: int
    ties_used: int
    ties_ignored: int
    pairs: int


class ProjectionPair(NamedTuple):
    """One projected tie: node ids ``a`` and ``b`` (a before b in vertex
    order) with their names, the tie ``weight`` (per the method), the
    number of organisations the two share (``shared``) and the 1-based
    competition ``rank`` of the weight (heaviest first)."""
    a: str
    a_name: str
    b: str
    b_name: str
    weight: float
    shared: int
    rank: int


class ProjectionPairs(Table[ProjectionPair]):
    """The projected ties, heaviest first (equal weights in (a, b) vertex
    order), as the command line's ``pairs`` table. :meth:`to_dict` gives
    ``{column: [values]}``."""

    Row = ProjectionPair
    __slots__ = ()

    def _repr_header(self) -> str:
        return f"<citynet.ProjectionPairs: {len(self)} pairs>"


class Projection:
    """The result of :meth:`View.project`: the projected network and what
    went into it.

    Attributes:
        view: the projection as a :class:`~citynet.View` (undirected, every
            tie of the new network, layer ``"projection"``); any measure
            accepts it, e.g. ``p.view.centrality("betweenness")``.
        network: the new :class:`~citynet.Network` (every node of the
            projected kind in the source view, with its fields, attributes
            and country; every country and group spell; one tie per pair
            sharing an organisation, with the attribute ``shared``). Save
            it with ``p.network.save(path)``.
        source: the two-mode view it was projected from.
        method, projected_kind, through_kind, layers: the options used.
        stats: a :class:`ProjectionStats`.
    """

    __slots__ = ("_view", "_source", "_method", "_projected", "_through",
                 "_layers", "_stats")

    def __init__(self, *args, **kwargs) -> None:
        raise TypeError("make a Projection with View.project()")

    @property
    def view(self) -> "View":
        """The projection as a View that every measure accepts."""
        return self._view

    @property
    def network(self) -> "Network":
        """The projected network (new; the view keeps it alive)."""
        return self._view.network

    @property
    def source(self) -> "View":
        """The two-mode view the projection was computed from."""
        return self._source

    @property
    def method(self) -> str:
        """How shared organisations weigh: count, newman or gawc."""
        return self._method

    @property
    def projected_kind(self) -> str:
        """The kind of the projection's nodes (e.g. "city")."""
        return self._projected

    @property
    def through_kind(self) -> str:
        """The kind of the nodes they share (e.g. "organisation")."""
        return self._through

    @property
    def layers(self) -> List[str]:
        """The membership layers (a copy)."""
        return list(self._layers)

    @property
    def stats(self) -> ProjectionStats:
        """Counts of what went in (:class:`ProjectionStats`)."""
        return self._stats

    def connectivity(self, *, share: bool = False) -> Scores:
        """Returns the global network connectivity of every projected node
        as :class:`~citynet.Scores`: GNC_a = sum of the weights of a's
        projected ties (Taylor 2001; measure ``"gnc"``), or with
        ``share=True`` GNC_a / max GNC (measure ``"gnc_share"``; NaN
        everywhere when every GNC is 0)."""
        return self._view.connectivity(share=share)

    def pairs(self) -> ProjectionPairs:
        """Returns the projected ties, heaviest first, with the number of
        shared organisations and the rank of the weight."""
        view = self._view
        v = view._ptr
        p = view.network._ptr
        ends = ffi.new("gsize[2]")
        edges = []
        for e in range(int(lib.citynet_view_n_edges(v))):
            weight = float(lib.citynet_view_edge(v, e, ends, ends + 1))
            edges.append((weight, e, int(ends[0]), int(ends[1])))
        # Heaviest first; equal weights in edge order (a total order).
        edges.sort(key=lambda item: (-item[0], item[1]))
        shared_key = to_c("shared", "key")
        rows = []
        rank = 1
        for k, (weight, e, frm, to) in enumerate(edges):
            if k > 0 and weight != edges[k - 1][0]:
                rank = k + 1
            a = lib.citynet_view_vertex_node(v, frm)
            b = lib.citynet_view_vertex_node(v, to)
            rows.append(ProjectionPair(
                from_c(lib.citynet_network_node_id(p, a)),
                from_c(lib.citynet_network_node_name(p, a)),
                from_c(lib.citynet_network_node_id(p, b)),
                from_c(lib.citynet_network_node_name(p, b)),
                weight, _shared(view, e, frm, to, shared_key), rank))
        return ProjectionPairs(rows)

    def to_dict(self) -> Dict[str, object]:
        """Returns the options, the stats, the pairs and the connectivity
        as plain data (the shape of ``citynet project --format json``'s
        summary, pairs and rows)."""
        return {"method": self._method, "projected_kind": self._projected,
                "through_kind": self._through,
                "member_layers": list(self._layers),
                "stats": self._stats._asdict(),
                "pairs": self.pairs().to_records(),
                "gnc": self.connectivity().to_dict(),
                "gnc_share": self.connectivity(share=True).to_dict()}

    def __repr__(self) -> str:
        s = self._stats
        return (f"<citynet.Projection {self._method!r} ({self._projected} x "
                f"{self._through} through {','.join(self._layers)}): "
                f"{s.projected_nodes} nodes, {s.pairs} ties; tie weight: "
                f"{_FORMULAS[self._method]}>")


def _shared(view: "View", e: int, frm: int, to: int, key: bytes) -> int:
    """The ``shared`` attribute of edge ``e``. The projection adds one tie
    per pair in (a, b) vertex order, which is the view's edge order, so
    edge e is tie e; checked (as the command line does), -1 if not."""
    v = view._ptr
    p = view.network._ptr
    if e >= lib.citynet_view_n_ties(v) or lib.citynet_view_edge_n_ties(v, e) != 1:
        return -1
    tie = lib.citynet_view_tie(v, e)
    s = lib.citynet_view_node_vertex(v, lib.citynet_network_tie_source(p, tie))
    t = lib.citynet_view_node_vertex(v, lib.citynet_network_tie_target(p, tie))
    if (min(s, t), max(s, t)) != (frm, to):
        return -1
    text = lib.citynet_network_tie_attribute(p, tie, key)
    return int(from_c(text)) if text != ffi.NULL else -1


def _wrap_view(ptr) -> "View":
    """Wraps a ``CitynetView *`` of a new network (transfer full) as a View
    whose Network holds its own reference to that network."""
    from .network import Network
    from .view import COMBINE_RULES, DIRECTIONS, View
    network = Network._wrap(lib.citynet_network_ref(
        lib.citynet_view_get_network(ptr)))
    # citynet_projection_new() builds the view with the default options:
    # every layer, date and kind, direction auto, combine sum.
    spec = {"layers": None, "at": None, "start": None, "end": None,
            "kinds": None, "combine": COMBINE_RULES[0],
            "direction": DIRECTIONS[0], "drop_isolates": False}
    return View._wrap(ptr, network,
                      int(lib.citynet_network_n_nodes(network._ptr)), spec)


class ProjectionMethods:
    """Mixin of :class:`~citynet.View`: two-mode projection and global network connectivity."""

    __slots__ = ()

    def project(self: "View", method: str = "count", *,
                projected_kind: str = "city",
                through_kind: str = "organisation",
                layers: Union[None, str, Iterable[str]] = None) -> Projection:
        """Projects this two-mode view onto ``projected_kind``, as ``citynet
        project``.

        The view's ties of the membership ``layers`` (default ``"member"``)
        between a node of ``projected_kind`` and one of ``through_kind``,
        in either direction, are the memberships; several ties of one pair
        are one membership whose intensity v combines their weights by the
        view's combine rule. For cities a and b sharing organisations j
        (n_j cities in j), the tie weight is by ``method``:

        * ``"count"``: the number of shared organisations;
        * ``"newman"``: sum of 1 / (n_j - 1) (Newman 2001);
        * ``"gawc"``: sum of v_aj v_bj (Taylor 2001's interlocking
          network model).

        Returns a :class:`Projection` (its ``view`` is a View of the new
        network). UsageError for an unknown method or equal kinds,
        NotFoundError for a kind or layer the network does not have,
        ComputationError when a weight overflows, TypeError for arguments
        of the wrong type.
        """
        if not isinstance(method, str):
            raise TypeError(f"method must be a str, not {type(method).__name__}")
        c_method = ffi.new("CitynetProjectionMethod *")
        err = ffi.new("GError **")
        lib.citynet_projection_method_from_string(to_c(method, "method"),
                                                  c_method, err)
        check(err)
        c_projected = to_c(projected_kind, "projected_kind")
        c_through = to_c(through_kind, "through_kind")
        layer_list = str_list(layers, "layers")
        c_layers = [to_c(layer, "layer") for layer in layer_list]

        options = ffi.gc(lib.citynet_projection_options_new(),
                         lib.citynet_projection_options_free)
        stats = ffi.new("CitynetProjectionStats *")
        try:
            lib.citynet_projection_options_set_method(options, c_method[0])
            lib.citynet_projection_options_set_kinds(options, c_projected,
                                                     c_through)
            for layer in c_layers:
                lib.citynet_projection_options_add_layer(options, layer)
            ptr = lib.citynet_projection_new(self._ptr, options, stats, err)
            check(err)
        finally:
            ffi.release(options)

        result = Projection.__new__(Projection)
        result._view = _wrap_view(ptr)
        result._source = self
        result._method = PROJECTION_METHODS[int(c_method[0])]
        result._projected = projected_kind
        result._through = through_kind
        result._layers = layer_list or ["member"]
        result._stats = ProjectionStats(
            int(stats.n_projected), int(stats.n_through),
            int(stats.n_memberships), int(stats.n_ties),
            int(stats.n_ties_ignored), int(stats.n_pairs))
        return result

    def connectivity(self: "View", *, share: bool = False) -> Scores:
        """Returns the global network connectivity of every node of this
        view (usually a :attr:`Projection.view`) as
        :class:`~citynet.Scores`: GNC_a = sum of the weights of a's edges
        (measure ``"gnc"``), or with ``share=True`` its share of the
        largest (``"gnc_share"``; NaN everywhere when all are 0)."""
        if not isinstance(share, (bool, int)) or share not in (0, 1):
            raise TypeError(f"share must be a bool, not {type(share).__name__}")
        err = ffi.new("GError **")
        ptr = lib.citynet_projection_connectivity(self._ptr, bool(share), err)
        check(err)
        return Scores._wrap(self, ptr)
