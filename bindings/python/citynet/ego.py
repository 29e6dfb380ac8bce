"""View methods for ego networks, UCINET's ego measures, Burt's structural
holes, Gould-Fernandez brokerage and betweenness between two blocs
(``<citynet/ego.h>``).

* :meth:`EgoMethods.ego_network` cuts a node's ego network out of a view;
  the result is a :class:`~citynet.View` every other method accepts.
* :meth:`EgoMethods.ego_measures` gives UCINET's basic ego-network measures
  (:class:`EgoMeasures`).
* :meth:`EgoMethods.structural_holes` gives Burt's effective size,
  efficiency, constraint and hierarchy of every node
  (:class:`StructuralHoles`); :meth:`EgoMethods.holes_measure`,
  :meth:`EgoMethods.constraint` and :meth:`EgoMethods.effective_size` one
  of them as :class:`~citynet.Scores`.
* :meth:`EgoMethods.brokerage` counts Gould and Fernandez's five broker
  roles under a partition, with sna's analytic expectations and z-scores
  and an optional permutation test (:class:`Brokerage`).
* :meth:`EgoMethods.bloc_betweenness` measures who lies on the shortest
  paths from one bloc of nodes to another (:class:`~citynet.Scores`).

Every number comes from the C library; formulas, citations and the
behaviour on isolates, directed views and multigraph views are in
docs/ego.md.
"""

from __future__ import annotations

import numbers
import operator
from typing import (TYPE_CHECKING, Any, Dict, Iterable, List, NamedTuple,
                    Optional, Tuple, Union)

from ._citynet import ffi, lib
from ._util import from_c, parse_name as _parse, strict_flag as _flag
from .errors import NotFoundError, UsageError, check
from .network import Node, NodeRef
from .partition import Partition
from .scores import Scores, node_indices
from .table import Table

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = [
    "EgoMethods", "EgoMeasures", "EgoMeasureRow", "StructuralHoles",
    "HolesRow", "Brokerage", "BrokerageRow", "BrokerageGlobal",
    "BrokerageGlobalRow",
    "EGO_MEASURES", "EGO_MODES", "HOLES_MEASURES", "HOLES_MODELS",
    "BROKERAGE_ROLES", "BROKERAGE_STATS",
]

#: UCINET's ego-network measures in the order of the C enumeration (the
#: columns of :class:`EgoMeasures` after id and name).
EGO_MEASURES: Tuple[str, ...] = tuple(
    from_c(lib.citynet_ego_measure_name(m))
    for m in range(lib.CITYNET_EGO_MEASURE_COUNT))
#: Values of ``mode``: which ties make a node an alter on a directed view
#: ("default" means "all").
EGO_MODES = ("default", "out", "in", "all")
#: Burt's measures in the order of the C enumeration.
HOLES_MEASURES: Tuple[str, ...] = tuple(
    from_c(lib.citynet_holes_measure_name(m, lib.CITYNET_HOLES_WHOLE))
    for m in range(lib.CITYNET_HOLES_MEASURE_COUNT))
#: Values of ``model`` of the structural-holes methods.
HOLES_MODELS = ("whole", "ego")
#: The brokerage roles (UCINET's names) in the order of the C enumeration;
#: "total" is the sum of the other five.
BROKERAGE_ROLES: Tuple[str, ...] = tuple(
    from_c(lib.citynet_brokerage_role_name(r))
    for r in range(lib.CITYNET_BROKERAGE_ROLE_COUNT))
#: The per-role statistics of a brokerage analysis, in C order.
BROKERAGE_STATS: Tuple[str, ...] = tuple(
    from_c(lib.citynet_brokerage_stat_name(s))
    for s in range(lib.CITYNET_BROKERAGE_STAT_COUNT))

# The ego measures that are counts (whole numbers, never NaN).
_COUNT_MEASURES = frozenset({"size", "ties", "pairs", "weak_components"})
_GUINT_MAX = 2 ** 32 - 1
_GUINT64_MAX = 2 ** 64 - 1

NodesArg = Union[None, NodeRef, Iterable[NodeRef]]


# ----------------------------------------------------------------------------
# Argument checks (a Python call must never reach a C precondition)
# ----------------------------------------------------------------------------

def _whole(value: Any, what: str, maximum: int) -> int:
    """An int in 0..maximum (TypeError for a non-int or a bool, UsageError
    when out of range)."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not bool")
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an int, not "
                        f"{type(value).__name__}") from None
    if not 0 <= number <= maximum:
        raise UsageError(f"{what} must be a whole number 0..{maximum}, "
                         f"not {number}")
    return number


def _mode(value: Any) -> int:
    return _parse(lib.citynet_mode_from_string, "CitynetMode *", value, "mode")


def _model(value: Any) -> int:
    return _parse(lib.citynet_holes_model_from_string, "CitynetHolesModel *",
                  value, "model")


def _node_list(nodes: NodesArg, what: str) -> List[NodeRef]:
    """One node (id, name, index or Node) or an iterable of them, as a
    list."""
    if isinstance(nodes, (str, Node, numbers.Integral)) and \
            not isinstance(nodes, bool):
        return [nodes]  # type: ignore[list-item]
    if nodes is None:
        raise TypeError(f"{what} must be a node or an iterable of nodes, "
                        "not None")
    try:
        out = list(nodes)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{what} must be a node (id, name, index or Node) or "
                        f"an iterable of nodes, not "
                        f"{type(nodes).__name__}") from None
    for node in out:
        if isinstance(node, bool) or \
                not isinstance(node, (str, Node, numbers.Integral)):
            raise TypeError(f"{what} must hold ids, names, indices or Nodes, "
                            f"not {type(node).__name__}")
    return out


def _view_nodes(view: "View", nodes: List[NodeRef], what: str):
    """``(gsize[], count)`` of nodes that must all be in the view (repeats
    kept: the C functions that take blocs ignore them)."""
    indices = [view.network._resolve_node(node) for node in nodes]
    for index in indices:
        if view._vertex_of(index) is None:
            node_id = from_c(lib.citynet_network_node_id(view.network._ptr,
                                                         index))
            raise NotFoundError(f"{what}: node {node_id!r} is not in the view")
    array = ffi.new("gsize[]", max(1, len(indices)))
    for k, index in enumerate(indices):
        array[k] = index
    return array, len(indices)


def _focus(view: "View", focus: NodeRef) -> int:
    if isinstance(focus, bool) or \
            not isinstance(focus, (str, Node, numbers.Integral)):
        raise TypeError("focus must be a node id, name, index or Node, not "
                        f"{type(focus).__name__}")
    index = view.network._resolve_node(focus)
    if view._vertex_of(index) is None:
        node_id = from_c(lib.citynet_network_node_id(view.network._ptr, index))
        raise NotFoundError(f"node {node_id!r} is not in the view")
    return index


def _partition_of(view: "View", by: Any) -> Partition:
    """The partition of ``view`` to use: a Partition of this very view or
    a spec as View.partition(by=...) takes."""
    if isinstance(by, Partition):
        if lib.citynet_partition_get_view(by._ptr) != view._ptr:
            raise UsageError("the partition labels another view; make it "
                             "with this view's partition() or communities()")
        return by
    if isinstance(by, str):
        return view.partition(by)
    raise TypeError("by must be a Partition or a partition spec str "
                    f"(\"country\", \"group:EU@2020\", ...), not "
                    f"{type(by).__name__}")


def _holes_measure(value: Any) -> int:
    return _parse(lib.citynet_holes_measure_from_string,
                  "CitynetHolesMeasure *", value, "measure")


def _role(value: Any) -> int:
    return _parse(lib.citynet_brokerage_role_from_string,
                  "CitynetBrokerageRole *", value, "role")


def _stat(value: Any) -> int:
    if not isinstance(value, str):
        raise TypeError(f"stat must be a str, not {type(value).__name__}")
    try:
        return BROKERAGE_STATS.index(value.lower())
    except ValueError:
        raise UsageError(f"unknown brokerage statistic {value!r} (use "
                         f"{', '.join(BROKERAGE_STATS)})") from None


def _node_id(view: "View", node: int) -> str:
    return from_c(lib.citynet_network_node_id(view.network._ptr, node))


def _node_name(view: "View", node: int) -> str:
    return from_c(lib.citynet_network_node_name(view.network._ptr, node))


# ----------------------------------------------------------------------------
# UCINET's ego-network measures
# ----------------------------------------------------------------------------

class _OnView:
    """The ``view`` accessor EgoMeasures and StructuralHoles share."""

    __slots__ = ()

    @property
    def view(self) -> "View":
        """The view the measures were computed on."""
        return self._view


class EgoMeasureRow(NamedTuple):
    """UCINET's ego-network measures of one ego (its order-1 ego network;
    every measure but ``two_step_reach`` leaves out the ego's own ties; n
    is the number of alters). Shares are fractions; NaN where undefined.

    ``size``: n. ``ties``: ordered pairs of alters (j, k) with a tie
    j -> k (an undirected tie counts twice). ``pairs``: n (n - 1).
    ``density``: ties / pairs. ``avg_distance`` and ``diameter``: mean and
    longest geodesic (steps) between alters without the ego, NaN when some
    pair cannot reach each other. ``weak_components`` among the alters and
    ``weak_components_share`` (/ n). ``two_step_reach``: share of the
    view's other nodes reached in one or two steps. ``broker``:
    (pairs - ties) / 2 and ``broker_share`` (/ pairs).
    ``ego_betweenness``: Everett and Borgatti's ego betweenness, and
    ``ego_betweenness_share`` (/ its largest possible value)."""
    id: str
    name: str
    size: int
    ties: int
    pairs: int
    density: float
    avg_distance: float
    diameter: float
    weak_components: int
    weak_components_share: float
    two_step_reach: float
    broker: float
    broker_share: float
    ego_betweenness: float
    ego_betweenness_share: float


class EgoMeasures(_OnView, Table[EgoMeasureRow]):
    """UCINET's ego-network measures (Network > Ego networks > Basic
    measures) of a list of egos: a :class:`~citynet.Table` of
    :class:`EgoMeasureRow`, one per ego in the order asked (every vertex
    in vertex order by default). :meth:`to_dict` maps node id to its
    measures; :meth:`scores` ranks the egos by one measure. Made by
    :meth:`EgoMethods.ego_measures`."""

    Row = EgoMeasureRow
    key_column = "id"
    __slots__ = ("_ptr", "_view", "_mode", "_index")

    @classmethod
    def _compute(cls, view: "View", nodes: NodesArg, mode: str) -> "EgoMeasures":
        c_mode = _mode(mode)
        subset = None if nodes is None else _node_list(nodes, "nodes")
        array, count = node_indices(view, subset)
        err = ffi.new("GError **")
        ptr = lib.citynet_ego_measures_new(view._ptr, array, count, c_mode, err)
        check(err)
        ptr = ffi.gc(ptr, lib.citynet_ego_measures_free)
        rows = []
        for i in range(int(lib.citynet_ego_measures_n(ptr))):
            node = int(lib.citynet_ego_measures_node(ptr, i))
            values: List[Any] = []
            for m, name in enumerate(EGO_MEASURES):
                value = float(lib.citynet_ego_measures_get(ptr, i, m))
                values.append(int(value) if name in _COUNT_MEASURES else value)
            rows.append(EgoMeasureRow(_node_id(view, node), _node_name(view, node),
                                      *values))
        self = cls(rows)
        # Kept for scores(): the C table ranks a measure like a centrality.
        self._ptr = ptr
        self._view = view
        self._mode = EGO_MODES[c_mode]
        self._index = {row.id: i for i, row in enumerate(rows)}
        return self

    @property
    def mode(self) -> str:
        """The neighbourhood used on a directed view: default (= all), out,
        in or all."""
        return self._mode

    def row(self, node: NodeRef) -> EgoMeasureRow:
        """Returns the measures of one ego (id, name, index or Node);
        NotFoundError when it is not among the egos."""
        if isinstance(node, str) and node in self._index:
            return self._rows[self._index[node]]
        node_id = _node_id(self._view, self._view.network._resolve_node(node))
        if node_id not in self._index:
            raise NotFoundError(f"node {node_id!r} is not among the egos")
        return self._rows[self._index[node_id]]

    def scores(self, measure: str) -> Scores:
        """Returns one measure of every ego as :class:`~citynet.Scores`
        named after it, ranked like a centrality (highest first, NaN last).
        UsageError for an unknown measure name (see ``EGO_MEASURES``)."""
        c_measure = _parse(lib.citynet_ego_measure_from_string,
                           "CitynetEgoMeasure *", measure, "measure")
        return Scores._wrap(self._view,
                            lib.citynet_ego_measures_scores(self._ptr, c_measure))

    def _repr_header(self) -> str:
        return f"<citynet.EgoMeasures (mode {self._mode!r}): {len(self)} egos>"


# ----------------------------------------------------------------------------
# Burt's structural holes
# ----------------------------------------------------------------------------

class HolesRow(NamedTuple):
    """Burt's (1992) measures of one node: ``effective_size`` (the
    non-redundant part of its contacts), ``efficiency`` (effective size /
    contacts), ``constraint`` (how much its contacts tie it in; lower is
    more brokerage) and ``hierarchy`` (how much of the constraint comes
    from one contact, 0..1). All NaN for an isolate; hierarchy NaN with
    one contact."""
    id: str
    name: str
    effective_size: float
    efficiency: float
    constraint: float
    hierarchy: float


class StructuralHoles(_OnView, Table[HolesRow]):
    """Burt's structural-hole measures of every vertex of a view: a
    :class:`~citynet.Table` of :class:`HolesRow` in vertex order, made by
    :meth:`EgoMethods.structural_holes`. :meth:`scores` gives one measure
    ranked (as ``citynet holes`` prints it); :meth:`to_dict` maps node id
    to its four measures. Holds no C memory."""

    Row = HolesRow
    key_column = "id"
    __slots__ = ("_view", "_model", "_weighted", "_scores")

    @classmethod
    def _compute(cls, view: "View", model: str, weighted: bool) -> "StructuralHoles":
        c_model = _model(model)
        c_weighted = _flag(weighted, "weighted")
        out = ffi.new("CitynetScores *[]", lib.CITYNET_HOLES_MEASURE_COUNT)
        err = ffi.new("GError **")
        lib.citynet_structural_holes(view._ptr, c_model, c_weighted, out, err)
        check(err)
        raw = [out[m] for m in range(lib.CITYNET_HOLES_MEASURE_COUNT)]
        scores = []
        try:
            for k, ptr in enumerate(raw):
                # _wrap() owns (and frees) the pointer from here on.
                raw[k] = None
                scores.append(Scores._wrap(view, ptr))
        finally:
            for ptr in raw:
                if ptr is not None:
                    lib.citynet_scores_free(ptr)
        columns = [s.values for s in scores]
        rows = [HolesRow(r.id, r.name, *(column[i] for column in columns))
                for i, r in enumerate(scores[0])]
        self = cls(rows)
        self._view = view
        self._model = HOLES_MODELS[c_model]
        self._weighted = c_weighted
        self._scores = dict(zip(HOLES_MEASURES, scores))
        return self

    @property
    def model(self) -> str:
        """"whole" (proportions over a contact's ties in the whole view) or
        "ego" (only its ties inside the ego's network)."""
        return self._model

    @property
    def weighted(self) -> bool:
        """Whether tie weights were used (False: 1 per direction of a
        tie)."""
        return self._weighted

    def scores(self, measure: str) -> Scores:
        """Returns one measure ("effective_size", "efficiency",
        "constraint" or "hierarchy") as :class:`~citynet.Scores`, ranked
        highest first (for constraint: the most constrained node first).
        Its name carries the prefix "ego_" under the ego model."""
        return self._scores[HOLES_MEASURES[_holes_measure(measure)]]

    def _repr_header(self) -> str:
        return (f"<citynet.StructuralHoles ({self._model} model, "
                f"{'weighted' if self._weighted else 'unweighted'}): "
                f"{len(self)} nodes>")


# ----------------------------------------------------------------------------
# Gould-Fernandez brokerage
# ----------------------------------------------------------------------------

class BrokerageRow(NamedTuple):
    """One node's brokerage in one role: node ``id``, ``name`` and
    ``group`` (its label in the partition), the ``role``, the observed
    ``count`` of open two-paths a -> v -> b in that role, sna's analytic
    ``expected`` value, standard deviation ``sd`` and ``z`` score
    ((count - expected) / sd; NaN when sd is 0), and with permutations
    their mean ``perm_mean``, standard deviation ``perm_sd``, ``perm_z`` and
    the upper-tail p-value ``perm_p`` (NaN without permutations). ``rank``
    ranks the nodes by count within the role (1 = most)."""
    id: str
    name: str
    group: str
    role: str
    count: int
    expected: float
    sd: float
    z: float
    perm_mean: float
    perm_sd: float
    perm_z: float
    perm_p: float
    rank: int


class BrokerageGlobalRow(NamedTuple):
    """One role for the whole view: counts summed over all nodes, sna's
    global expectation, standard deviation and z-score, and the
    permutation statistics of the sum (NaN without permutations)."""
    role: str
    count: int
    expected: float
    sd: float
    z: float
    perm_mean: float
    perm_sd: float
    perm_z: float
    perm_p: float


def _stats(get, *args: Any) -> List[Any]:
    """Every statistic of one role, ``get(*args, stat)`` from C; the count
    (a number of two-paths, never NaN) as an int."""
    values: List[Any] = [float(get(*args, s))
                         for s in range(lib.CITYNET_BROKERAGE_STAT_COUNT)]
    values[lib.CITYNET_BROKERAGE_COUNT] = int(values[lib.CITYNET_BROKERAGE_COUNT])
    return values


class BrokerageGlobal(Table[BrokerageGlobalRow]):
    """The whole-view brokerage statistics, one row per role (the
    command line's "global" table); :meth:`to_dict` maps the role to its
    statistics."""

    Row = BrokerageGlobalRow
    key_column = "role"
    __slots__ = ()

    def _repr_header(self) -> str:
        return f"<citynet.BrokerageGlobal: {len(self)} roles>"


class Brokerage(Table[BrokerageRow]):
    """Gould and Fernandez's (1989) brokerage roles of every node under a
    partition, made by :meth:`EgoMethods.brokerage`.

    A :class:`~citynet.Table` of :class:`BrokerageRow`: for every vertex
    (vertex order) one row per role in ``BROKERAGE_ROLES`` order
    (coordinator, consultant, representative, gatekeeper, liaison, total).
    :meth:`to_dict` gives ``{node id: {role: {statistic: value}}}``;
    :attr:`whole_view` the statistics of the whole view; :meth:`scores` one
    role's statistic as ranked :class:`~citynet.Scores`. R's sna names the
    roles w_I, w_O, b_IO, b_OI, b_O and t; they are accepted wherever a
    role is asked for.
    """

    Row = BrokerageRow
    key_column = None
    __slots__ = ("_ptr", "_view", "_partition", "_directed", "_permutations",
                 "_seed", "_whole", "_index")

    @classmethod
    def _compute(cls, view: "View", by: Any, directed: Optional[bool],
                 permutations: int, seed: int) -> "Brokerage":
        partition = _partition_of(view, by)
        c_directed = True if directed is None else _flag(directed, "directed")
        n_perm = _whole(permutations, "permutations", _GUINT_MAX)
        c_seed = _whole(seed, "seed", _GUINT64_MAX)
        err = ffi.new("GError **")
        ptr = lib.citynet_brokerage_new(partition._ptr, c_directed, n_perm,
                                        c_seed, err)
        check(err)
        ptr = ffi.gc(ptr, lib.citynet_brokerage_free)
        rows = []
        index: Dict[str, int] = {}
        ranks = []
        for r in range(lib.CITYNET_BROKERAGE_ROLE_COUNT):
            counts = ffi.gc(lib.citynet_brokerage_scores(
                ptr, r, lib.CITYNET_BROKERAGE_COUNT), lib.citynet_scores_free)
            by_vertex = [0] * int(lib.citynet_scores_n(counts))
            for i in range(len(by_vertex)):
                by_vertex[int(lib.citynet_scores_vertex(counts, i))] = \
                    int(lib.citynet_scores_rank(counts, i))
            ranks.append(by_vertex)
            ffi.release(counts)
        groups = [row.label_name for row in partition]
        for v in range(int(lib.citynet_brokerage_n(ptr))):
            node = int(lib.citynet_view_vertex_node(view._ptr, v))
            node_id = _node_id(view, node)
            index[node_id] = len(rows)
            name = _node_name(view, node)
            for r, role in enumerate(BROKERAGE_ROLES):
                stats = _stats(lib.citynet_brokerage_get, ptr, v, r)
                rows.append(BrokerageRow(node_id, name, groups[v], role, *stats,
                                         ranks[r][v]))
        whole = BrokerageGlobal(
            BrokerageGlobalRow(role, *_stats(lib.citynet_brokerage_get_global,
                                             ptr, r))
            for r, role in enumerate(BROKERAGE_ROLES))
        self = cls(rows)
        # Kept for scores(): the C result ranks a statistic of a role.
        self._ptr = ptr
        self._view = view
        self._partition = partition
        self._directed = c_directed and view.directed
        self._permutations = int(lib.citynet_brokerage_n_permutations(ptr))
        self._seed = c_seed
        self._whole = whole
        self._index = index
        return self

    @property
    def view(self) -> "View":
        """The view the roles were counted on."""
        return self._view

    @property
    def partition(self) -> Partition:
        """The groups (a :class:`~citynet.Partition` of the view)."""
        return self._partition

    @property
    def directed(self) -> bool:
        """Whether two-paths followed the arcs (False on an undirected view
        or with ``directed=False``: every tie read both ways)."""
        return self._directed

    @property
    def permutations(self) -> int:
        """The number of label permutations run (0: none)."""
        return self._permutations

    @property
    def seed(self) -> int:
        """The permutations' seed."""
        return self._seed

    @property
    def whole_view(self) -> BrokerageGlobal:
        """The statistics of the whole view, one row per role."""
        return self._whole

    def value(self, node: NodeRef, role: str, stat: str = "count") -> float:
        """Returns one statistic (see ``BROKERAGE_STATS``) of one role (a
        name of ``BROKERAGE_ROLES`` or sna's w_I, w_O, b_IO, b_OI, b_O, t)
        for a node (id, name, index or Node). NotFoundError for a node
        outside the view, UsageError for an unknown role or statistic."""
        c_role = _role(role)
        c_stat = _stat(stat)
        index = self._view.network._resolve_node(node)
        vertex = self._view._vertex_of(index)
        if vertex is None:
            raise NotFoundError(f"node {_node_id(self._view, index)!r} is not "
                                "in the view")
        return float(lib.citynet_brokerage_get(self._ptr, vertex, c_role, c_stat))

    def scores(self, role: str, stat: str = "count") -> Scores:
        """Returns one statistic of one role for every vertex as ranked
        :class:`~citynet.Scores` named "ROLE" for counts and "ROLE_STAT"
        otherwise (e.g. "gatekeeper_z")."""
        c_role = _role(role)
        c_stat = _stat(stat)
        return Scores._wrap(self._view,
                            lib.citynet_brokerage_scores(self._ptr, c_role, c_stat))

    def to_dict(self) -> Dict[str, Dict[str, Dict[str, float]]]:
        """Returns ``{node id: {role: {statistic: value}}}`` in vertex and
        role order (statistics as in ``BROKERAGE_STATS``; NaN when
        undefined or without permutations)."""
        out: Dict[str, Dict[str, Dict[str, float]]] = {}
        for row in self._rows:
            out.setdefault(row.id, {})[row.role] = {
                stat: getattr(row, stat) for stat in BROKERAGE_STATS}
        return out

    def role(self, role: str) -> List[BrokerageRow]:
        """Returns the rows of one role (names as for :meth:`value`), by
        rank (most two-paths first; equal counts in vertex order)."""
        name = BROKERAGE_ROLES[_role(role)]
        rows = [row for row in self._rows if row.role == name]
        return sorted(rows, key=lambda row: row.rank)

    def _repr_header(self) -> str:
        perm = (f", {self._permutations} permutations (seed {self._seed})"
                if self._permutations else "")
        return (f"<citynet.Brokerage by {self._partition.source!r} "
                f"({'directed' if self._directed else 'ties both ways'}{perm}): "
                f"{len(self._index)} nodes x {len(BROKERAGE_ROLES)} roles>")


# ----------------------------------------------------------------------------
# The View mixin
# ----------------------------------------------------------------------------

class EgoMethods:
    """Mixin of :class:`~citynet.View`: ego networks, UCINET's ego
    measures, structural holes, brokerage and bloc betweenness."""

    __slots__ = ()

    def ego_network(self: "View", focus: NodeRef, order: Optional[int] = 1,
                    mode: str = "all", alter_ties: bool = True) -> "View":
        """Returns the ego network of ``focus`` as a new
        :class:`~citynet.View` of the same network (accepted by every View
        method: centrality, composition, export, ...).

        Its vertices are the nodes within ``order`` steps of the focus, in
        network order (0: the focus alone; None: its whole weak component);
        its edges this view's edges among them (same weights, combined ties
        and direction). On a directed view ``mode`` says which ties a step
        follows: "all" (default; either direction, as "default"), "out"
        (successors) or "in" (predecessors); ignored on an undirected view.
        ``alter_ties=False`` keeps only the edges on shortest paths from the
        ego (at order 1, a star of the ego's own ties).

        NotFoundError when the focus is not in the view; UsageError for a
        bad mode or an order outside 0..2**32-1; TypeError for arguments of
        the wrong type.
        """
        from .view import View
        index = _focus(self, focus)
        c_order = _GUINT_MAX if order is None else _whole(order, "order",
                                                           _GUINT_MAX)
        c_mode = _mode(mode)
        c_alter = _flag(alter_ties, "alter_ties")
        err = ffi.new("GError **")
        ptr = lib.citynet_ego_view_new(self._ptr, index, c_order, c_mode,
                                       c_alter, err)
        check(err)
        # The ego view's node table has its parent's size.
        return View._wrap(ptr, self._network, self._n_nodes,
                          dict(self._spec, ego=_node_id(self, index),
                               order=None if order is None else c_order,
                               mode=EGO_MODES[c_mode], alter_ties=c_alter))

    def ego_measures(self: "View", nodes: NodesArg = None, *,
                     mode: str = "all") -> EgoMeasures:
        """Returns UCINET's basic ego-network measures (size, ties, pairs,
        density, average distance, diameter, weak components, two-step
        reach, brokerage, ego betweenness; see :class:`EgoMeasureRow`) of
        ``nodes`` (a node or an iterable of ids, names, indices or Nodes;
        None: every vertex), computed on each order-1 ego network in one
        pass. ``mode`` as for :meth:`ego_network`.

        NotFoundError for a node outside the view, UsageError for a node
        listed twice or a bad mode."""
        return EgoMeasures._compute(self, nodes, mode)

    def structural_holes(self: "View", model: str = "whole", *,
                         weighted: bool = True) -> StructuralHoles:
        """Returns Burt's effective size, efficiency, constraint and
        hierarchy of every vertex (one pass; :class:`StructuralHoles`).

        A node's contacts are its neighbours in either direction; the
        proportion p_ij is the mutual weight of i and j over i's total.
        ``model="whole"`` takes a contact's proportions over all its ties
        (NetworkX's constraint() and effective_size() on the view's graph);
        ``"ego"`` over its ties inside the ego's network only (UCINET;
        NetworkX on ego_graph()). ``weighted=False`` counts 1 per direction
        of each tie. UsageError for an unknown model or a weight that is
        not finite and > 0."""
        return StructuralHoles._compute(self, model, weighted)

    def holes_measure(self: "View", measure: str, model: str = "whole", *,
                      weighted: bool = True) -> Scores:
        """Returns one of Burt's measures ("effective_size", "efficiency",
        "constraint", "hierarchy") for every vertex as ranked
        :class:`~citynet.Scores` (named with the prefix "ego_" under the ego
        model); options as for :meth:`structural_holes`."""
        c_measure = _holes_measure(measure)
        c_model = _model(model)
        c_weighted = _flag(weighted, "weighted")
        err = ffi.new("GError **")
        ptr = lib.citynet_structural_holes_measure(self._ptr, c_measure,
                                                   c_model, c_weighted, err)
        check(err)
        return Scores._wrap(self, ptr)

    def constraint(self: "View", model: str = "whole", *,
                   weighted: bool = True) -> Scores:
        """Returns Burt's constraint of every vertex
        (``holes_measure("constraint", ...)``): C_i = sum over contacts j
        of (p_ij + sum_q p_iq p_qj)^2; lower means more brokerage. Equals
        NetworkX's ``constraint()`` (with ``weight="weight"`` when
        weighted)."""
        return self.holes_measure("constraint", model, weighted=weighted)

    def effective_size(self: "View", model: str = "whole", *,
                       weighted: bool = True) -> Scores:
        """Returns Burt's effective size of every vertex
        (``holes_measure("effective_size", ...)``): the number of contacts
        minus their redundancy; unweighted and undirected it is Borgatti's
        n - 2t/n. Equals NetworkX's ``effective_size()``."""
        return self.holes_measure("effective_size", model, weighted=weighted)

    def brokerage(self: "View", by: Union[Partition, str] = "country", *,
                  directed: Optional[bool] = None, permutations: int = 0,
                  seed: int = 1) -> Brokerage:
        """Returns Gould and Fernandez's brokerage roles of every vertex
        (:class:`Brokerage`) under the groups ``by``: a
        :class:`~citynet.Partition` of this view or a spec as for
        :meth:`View.partition` ("country", "kind", "attr:KEY",
        "group:G@DATE", "groups:G1,G2@DATE").

        A broker v sits on an open two-path a -> v -> b (no tie a -> b):
        coordinator (a, v, b in one group), consultant (a, b together, v
        apart), representative (a with v), gatekeeper (v with b), liaison
        (three groups). Expected values, standard deviations and z-scores
        follow sna's analytic model. ``directed`` (default: the view's
        direction) False reads every tie both ways. ``permutations`` > 0
        adds a permutation test over that many random relabellings (group
        sizes fixed) with ``seed``: the same seed gives the same numbers on
        any machine. A progress handler (set_progress_handler) sees the
        permutations and may cancel them (CancelledError).

        UsageError for a partition of another view, a view of fewer than
        two vertices, or numbers out of range (permutations 0..2**32-1,
        seed 0..2**64-1)."""
        return Brokerage._compute(self, by, directed, permutations, seed)

    def bloc_betweenness(self: "View", sources: NodesArg, targets: NodesArg,
                         *, mode: str = "default", lengths: str = "inverse",
                         weighted: bool = True, normalized: bool = False,
                         nodes: NodesArg = None) -> Scores:
        """Returns betweenness on the shortest paths from bloc ``sources``
        to bloc ``targets`` (measure "bloc_betweenness"): for each node v,
        the sum over ordered pairs (s, t), s in sources, t in targets,
        s != t, v not s or t, of the share of shortest s-t paths through v.

        Blocs are nodes (ids, names, indices or Nodes; repeats ignored) and
        may overlap; e.g. ``view.partition("group:EU@2020").members("EU")``.
        ``mode`` "all" ignores direction on a directed view ("default",
        "out" and "in" follow the arcs); ``lengths`` turns weights into
        path lengths ("inverse" 1/w, "unit", "weight"); ``weighted=False``
        counts steps; ``normalized`` divides by the number of pairs,
        |A| |B| - |A and B|. ``nodes`` limits the result to some nodes, in
        that order.

        NotFoundError for a node outside the view, UsageError for a bad
        mode or length rule or a weight that is not finite and > 0;
        CancelledError when a progress handler (set_progress_handler)
        stopped the computation."""
        c_mode = _mode(mode)
        c_length = _parse(lib.citynet_length_from_string, "CitynetLength *",
                          lengths, "lengths")
        c_weighted = _flag(weighted, "weighted")
        c_normalized = _flag(normalized, "normalized")
        src, n_src = _view_nodes(self, _node_list(sources, "sources"), "sources")
        dst, n_dst = _view_nodes(self, _node_list(targets, "targets"), "targets")
        subset, n_subset = node_indices(
            self, None if nodes is None else _node_list(nodes, "nodes"))
        options = ffi.gc(lib.citynet_centrality_options_new(),
                         lib.citynet_centrality_options_free)
        try:
            lib.citynet_centrality_options_set_mode(options, c_mode)
            lib.citynet_centrality_options_set_length(options, c_length)
            lib.citynet_centrality_options_set_weighted(options, c_weighted)
            lib.citynet_centrality_options_set_normalized(options, c_normalized)
            if nodes is not None:
                lib.citynet_centrality_options_set_nodes(options, subset, n_subset)
            err = ffi.new("GError **")
            ptr = lib.citynet_bloc_betweenness(self._ptr, src, n_src, dst, n_dst,
                                               options, err)
            check(err)
        finally:
            ffi.release(options)
        return Scores._wrap(self, ptr)
