"""View methods for centrality and clustering (analytics.h).

Every per-node measure returns a :class:`~citynet.Scores` (one value per
node, ranked); whole-view summaries (average clustering, transitivity)
return a float. Formulas, citations and the behaviour on disconnected
views, isolates and multigraph views are in docs/analytics.md.

Weights are strengths: degree-like and spectral measures use them as they
are, path-based measures (betweenness, closeness, harmonic) turn them into
lengths by the ``lengths`` rule (``"inverse"``: 1/w, the default).
"""

from __future__ import annotations

import math
import numbers
from typing import (TYPE_CHECKING, Any, Dict, Iterable, List, Optional,
                    Tuple, Union)

from ._citynet import ffi, lib
from ._util import (from_c, parse_name as _parse, real_number as _real,
                    strict_flag as _flag)
from .errors import NotFoundError, UsageError, check
from .network import Node, NodeRef
from .scores import Scores, node_indices

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = ["AnalyticsMethods", "CentralityOptions", "CENTRALITY_MEASURES",
           "CENTRALITY_MODES", "LENGTH_RULES", "UNDEFINED_RULES"]

#: The centrality measures, as named by the C library and the command
#: line's ``--measure`` (also accepted: any ASCII case).
CENTRALITY_MEASURES: Tuple[str, ...] = tuple(
    from_c(lib.citynet_centrality_name(m))
    for m in range(lib.CITYNET_CENTRALITY_COUNT))
#: Values of ``mode``: which ties a measure follows on a directed view.
CENTRALITY_MODES = ("default", "out", "in", "all")
#: Values of ``lengths``: how path-based measures turn weights into lengths.
LENGTH_RULES = ("inverse", "unit", "weight")
#: Values of ``undefined``: what clustering reports where it is undefined.
UNDEFINED_RULES = ("nan", "zero")
#: The measures ``centralities()`` computes when none are named (the
#: command line's default: the linear-time ones).
DEFAULT_MEASURES = ("degree", "strength", "pagerank")

NodesArg = Union[None, NodeRef, Iterable[NodeRef]]


# -- argument checks -----------------------------------------------------------

def _node_list(nodes: NodesArg) -> Optional[List[NodeRef]]:
    """One node (id, name, index or Node) or an iterable of them, as a
    list; None stays None."""
    if nodes is None:
        return None
    if isinstance(nodes, (str, Node, numbers.Integral)):
        return [nodes]  # type: ignore[list-item]
    try:
        return list(nodes)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError("nodes must be a node (id, name, index or Node) or an "
                        f"iterable of nodes, not {type(nodes).__name__}") from None


def _subset_arg(nodes: NodesArg) -> Optional[List[NodeRef]]:
    """A ``nodes`` argument as a list (None: every node). An empty list is
    a UsageError rather than silently meaning every node, as it does in C."""
    node_list = _node_list(nodes)
    if node_list is not None and not node_list:
        raise UsageError("nodes lists no node (give None for every node)")
    return node_list


class CentralityOptions:
    """The options of the centrality measures (CitynetCentralityOptions),
    validated when made. Each measure reads only the options that apply to
    it (see :meth:`AnalyticsMethods.centrality`).

    Args:
        mode: ``"default"`` (the measure's conventional reading), ``"out"``,
            ``"in"`` or ``"all"`` (ignore direction); only matters on a
            directed view.
        lengths: how betweenness, closeness and harmonic centrality turn
            weights (strengths) into lengths: ``"inverse"`` (1/w, default),
            ``"unit"`` (hop counts) or ``"weight"`` (the weights already are
            distances).
        weighted: False makes every edge weigh 1 in every measure.
        normalized: normalise degree (by n-1), betweenness (by the number
            of pairs), closeness (inverse mean distance) and harmonic
            centrality (by n-1).
        cutoff: the longest path length (in length units) that
            betweenness, closeness and harmonic centrality consider; None or
            ``math.inf`` for none. Must be >= 0.
        damping: PageRank's damping factor, 0..1 (default 0.85).
        personalization: nodes (ids, names, indices or Nodes) the PageRank
            walker restarts from; None for plain PageRank.
        wf_improved: scale closeness by the share of nodes reached
            (Wasserman and Faust; NetworkX's default).

    UsageError (with the library's message) for an unknown mode or length
    rule, a NaN or negative cutoff, a damping outside 0..1; TypeError for
    arguments of the wrong type.
    """

    __slots__ = ("_mode", "_lengths", "_weighted", "_normalized", "_cutoff",
                 "_damping", "_personalization", "_wf_improved", "_base")

    def __init__(self, *, mode: str = "default", lengths: str = "inverse",
                 weighted: bool = True, normalized: bool = False,
                 cutoff: Optional[float] = None, damping: float = 0.85,
                 personalization: NodesArg = None,
                 wf_improved: bool = False) -> None:
        c_mode = _parse(lib.citynet_mode_from_string, "CitynetMode *", mode,
                        "mode")
        c_length = _parse(lib.citynet_length_from_string, "CitynetLength *",
                          lengths, "lengths")
        self._mode = CENTRALITY_MODES[c_mode]
        self._lengths = LENGTH_RULES[c_length]
        self._weighted = _flag(weighted, "weighted")
        self._normalized = _flag(normalized, "normalized")
        self._wf_improved = _flag(wf_improved, "wf_improved")
        self._personalization = _node_list(personalization)
        for node in self._personalization or ():
            if not isinstance(node, (str, Node, numbers.Integral)) or \
                    isinstance(node, bool):
                raise TypeError("personalization nodes must be ids, names, "
                                f"indices or Nodes, not {type(node).__name__}")

        base = ffi.gc(lib.citynet_centrality_options_new(),
                      lib.citynet_centrality_options_free)
        lib.citynet_centrality_options_set_mode(base, c_mode)
        lib.citynet_centrality_options_set_length(base, c_length)
        lib.citynet_centrality_options_set_weighted(base, self._weighted)
        lib.citynet_centrality_options_set_normalized(base, self._normalized)
        lib.citynet_centrality_options_set_wf_improved(base, self._wf_improved)
        err = ffi.new("GError **")
        self._cutoff: Optional[float] = None
        if cutoff is not None:
            value = _real(cutoff, "cutoff")
            if value < 0:
                raise UsageError(f"the path length cutoff must be >= 0 (None "
                                 f"for no cutoff), not {value:g}")
            lib.citynet_centrality_options_set_cutoff(
                base, -1.0 if math.isinf(value) else value, err)
            check(err)  # NaN: the library's message
            self._cutoff = None if math.isinf(value) else value
        self._damping = _real(damping, "damping")
        lib.citynet_centrality_options_set_damping(base, self._damping, err)
        check(err)
        self._base = base

    # -- reading ---------------------------------------------------------------

    @property
    def mode(self) -> str:
        """Which ties a measure follows: default, out, in or all."""
        return self._mode

    @property
    def lengths(self) -> str:
        """How weights become path lengths: inverse, unit or weight."""
        return self._lengths

    @property
    def weighted(self) -> bool:
        """Whether tie weights count (False: every edge weighs 1)."""
        return self._weighted

    @property
    def normalized(self) -> bool:
        """Whether degree, betweenness, closeness and harmonic centrality
        are normalised."""
        return self._normalized

    @property
    def cutoff(self) -> Optional[float]:
        """The longest path length considered, or None for no cutoff."""
        return self._cutoff

    @property
    def damping(self) -> float:
        """PageRank's damping factor."""
        return self._damping

    @property
    def personalization(self) -> Optional[List[NodeRef]]:
        """The PageRank restart nodes as given (a copy), or None."""
        return None if self._personalization is None else list(self._personalization)

    @property
    def wf_improved(self) -> bool:
        """Whether closeness is scaled by the share of nodes reached."""
        return self._wf_improved

    def to_dict(self) -> Dict[str, Any]:
        """Returns the options as keyword arguments (``CentralityOptions(
        **o.to_dict())`` is an equal copy)."""
        return {"mode": self._mode, "lengths": self._lengths,
                "weighted": self._weighted, "normalized": self._normalized,
                "cutoff": self._cutoff, "damping": self._damping,
                "personalization": self.personalization,
                "wf_improved": self._wf_improved}

    def replace(self, **changes: Any) -> "CentralityOptions":
        """Returns a copy with the given options changed (validated)."""
        unknown = set(changes) - set(self.to_dict())
        if unknown:
            raise TypeError(f"unknown centrality option(s): {', '.join(sorted(unknown))}")
        return CentralityOptions(**{**self.to_dict(), **changes})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CentralityOptions):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"CentralityOptions({args})"

    # -- to C --------------------------------------------------------------------

    def _c_options(self, view: "View", nodes: NodesArg):
        """Returns a gc-managed ``CitynetCentralityOptions *`` for ``view``:
        a copy of the validated base with the node subset and the
        personalisation nodes resolved against the view (NotFoundError for
        a node outside it, UsageError for a node listed twice in
        ``nodes``)."""
        array, n = node_indices(view, _subset_arg(nodes))
        personal, n_personal = _personal_indices(view, self._personalization)
        options = ffi.gc(lib.citynet_centrality_options_copy(self._base),
                         lib.citynet_centrality_options_free)
        lib.citynet_centrality_options_set_nodes(options, array, n)
        lib.citynet_centrality_options_set_personalization(options, personal,
                                                           n_personal)
        return options


def _personal_indices(view: "View", nodes: Optional[List[NodeRef]]):
    """Returns ``(gsize[] or NULL, count)`` for personalisation nodes: each
    in the view; a repeat counts once (the restart set is a set)."""
    if not nodes:
        return ffi.NULL, 0
    indices: List[int] = []
    for node in nodes:
        index = view.network._resolve_node(node)
        if view._vertex_of(index) is None:
            node_id = from_c(lib.citynet_network_node_id(view.network._ptr, index))
            raise NotFoundError(f"personalisation node {node_id!r} is not in "
                                "the view")
        if index not in indices:
            indices.append(index)
    array = ffi.new("gsize[]", len(indices))
    for k, index in enumerate(indices):
        array[k] = index
    return array, len(indices)


def _measure_list(measures: Union[None, str, Iterable[str]]) -> List[int]:
    """The CitynetCentrality values of ``measures`` (comma-separated str or
    an iterable of names; ``"all"`` for every measure), without repeats, in
    the order given, as the command line's ``--measure``."""
    if measures is None:
        names: List[Any] = list(DEFAULT_MEASURES)
    elif isinstance(measures, str):
        names = [part.strip() for part in measures.split(",") if part.strip()]
    else:
        try:
            names = list(measures)
        except TypeError:
            raise TypeError("measures must be a str or an iterable of str, not "
                            f"{type(measures).__name__}") from None
    out: List[int] = []
    for name in names:
        if isinstance(name, str) and name.lower() == "all":
            wanted = list(range(lib.CITYNET_CENTRALITY_COUNT))
        else:
            wanted = [_parse(lib.citynet_centrality_from_string,
                             "CitynetCentrality *", name, "measure")]
        out.extend(m for m in wanted if m not in out)
    if not out:
        raise UsageError("measures names no measure")
    return out


def _undefined(value: str) -> int:
    return _parse(lib.citynet_undefined_from_string, "CitynetUndefined *",
                  value, "undefined")


def _subset(view: "View", ptr, node_list: Optional[List[NodeRef]]) -> Scores:
    """Wraps a whole-view ``CitynetScores *`` (transfer full), restricted
    to ``node_list`` (already checked against the view; in that order,
    ranked among themselves) when it is not None."""
    if node_list is None:
        return Scores._wrap(view, ptr)
    owned = ffi.gc(ptr, lib.citynet_scores_free)
    try:
        array, n = node_indices(view, node_list)
        values = ffi.new("double[]", max(1, n))
        for k in range(n):
            values[k] = lib.citynet_scores_value(
                owned, lib.citynet_scores_find(owned, array[k]))
        err = ffi.new("GError **")
        sub = lib.citynet_scores_new(view._ptr,
                                     lib.citynet_scores_measure(owned),
                                     array, values, n, err)
        check(err)
    finally:
        ffi.release(owned)
    return Scores._wrap(view, sub)


# -- the mixin -----------------------------------------------------------------

class AnalyticsMethods:
    """Mixin of :class:`~citynet.View`: centrality and clustering."""

    __slots__ = ()

    def _centrality_options(self, options, **given) -> CentralityOptions:
        if options is not None and not isinstance(options, CentralityOptions):
            raise TypeError("options must be a CentralityOptions, not "
                            f"{type(options).__name__}")
        changes = {k: v for k, v in given.items() if v is not None}
        if options is None:
            return CentralityOptions(**changes)
        return options.replace(**changes) if changes else options

    def centrality(self: "View", measure: str, nodes: NodesArg = None, *,
                   options: Optional[CentralityOptions] = None,
                   mode: Optional[str] = None, lengths: Optional[str] = None,
                   weighted: Optional[bool] = None,
                   normalized: Optional[bool] = None,
                   cutoff: Optional[float] = None,
                   damping: Optional[float] = None,
                   personalization: NodesArg = None,
                   wf_improved: Optional[bool] = None) -> Scores:
        """Returns one centrality measure of the view's nodes as
        :class:`~citynet.Scores`.

        ``measure`` is a name of :data:`CENTRALITY_MEASURES` (as the command
        line's ``citynet centrality --measure``, any case): ``"degree"``,
        ``"strength"``, ``"betweenness"``, ``"closeness"``, ``"harmonic"``,
        ``"eigenvector"``, ``"pagerank"`` (personalised with
        ``personalization``), ``"hub"``, ``"authority"``.

        ``nodes`` (an id, name, index or Node, or an iterable of them)
        restricts the result to those nodes in that order, ranked among
        themselves; values are still computed on the whole view (closeness
        and harmonic centrality then search only from them).

        The keyword options are those of :class:`CentralityOptions`; None
        leaves an option at its default, or at its value in ``options``.
        Each measure reads only what applies to it:

        * degree: mode (default all ties), normalized (by n-1);
        * strength: mode, weighted;
        * betweenness: mode, lengths, weighted, cutoff, normalized;
        * closeness: mode (default out), lengths, weighted, cutoff,
          normalized, wf_improved; NaN for a node that reaches no other;
        * harmonic: mode (default out), lengths, weighted, cutoff,
          normalized;
        * eigenvector: mode, weighted (scaled to max 1);
        * pagerank: mode, weighted, damping, personalization (sums to 1);
        * hub, authority: weighted (scaled to max 1).

        Raises UsageError for an unknown measure or option value (the
        library's message), NotFoundError for a node not in the view,
        TypeError for arguments of the wrong type, CancelledError when the
        progress handler (:func:`citynet.set_progress_handler`) stops a
        long computation, ComputationError when igraph fails.
        """
        c_measure = _parse(lib.citynet_centrality_from_string,
                           "CitynetCentrality *", measure, "measure")
        opts = self._centrality_options(
            options, mode=mode, lengths=lengths, weighted=weighted,
            normalized=normalized, cutoff=cutoff, damping=damping,
            personalization=personalization, wf_improved=wf_improved)
        c_options = opts._c_options(self, nodes)
        # The measure's own function (citynet_centrality_pagerank(), ...).
        function = getattr(lib, "citynet_centrality_" +
                           CENTRALITY_MEASURES[c_measure])
        err = ffi.new("GError **")
        ptr = function(self._ptr, c_options, err)
        check(err)
        return Scores._wrap(self, ptr)

    def centralities(self: "View",
                     measures: Union[None, str, Iterable[str]] = None,
                     nodes: NodesArg = None, *,
                     options: Optional[CentralityOptions] = None,
                     mode: Optional[str] = None, lengths: Optional[str] = None,
                     weighted: Optional[bool] = None,
                     normalized: Optional[bool] = None,
                     cutoff: Optional[float] = None,
                     damping: Optional[float] = None,
                     personalization: NodesArg = None,
                     wf_improved: Optional[bool] = None) -> Dict[str, Scores]:
        """Returns several centrality measures with the same options as
        ``{measure name: Scores}``, in the order asked, as ``citynet
        centrality --measure M1,M2``.

        ``measures`` is a list of names, a comma-separated str, or ``"all"``
        (every measure); repeats count once; None gives the command line's
        default, degree, strength and pagerank. ``nodes`` and the options
        are as for :meth:`centrality`; errors likewise.
        """
        c_measures = _measure_list(measures)
        opts = self._centrality_options(
            options, mode=mode, lengths=lengths, weighted=weighted,
            normalized=normalized, cutoff=cutoff, damping=damping,
            personalization=personalization, wf_improved=wf_improved)
        c_options = opts._c_options(self, nodes)
        out: Dict[str, Scores] = {}
        err = ffi.new("GError **")
        for c_measure in c_measures:
            ptr = lib.citynet_centrality_compute(self._ptr, c_measure,
                                                 c_options, err)
            check(err)
            scores = Scores._wrap(self, ptr)
            out[scores.measure] = scores
        return out

    def pagerank(self: "View", nodes: NodesArg = None, *,
                 damping: float = 0.85, personalization: NodesArg = None,
                 weighted: bool = True, mode: str = "default") -> Scores:
        """Returns PageRank (``centrality("pagerank", ...)``): the
        stationary distribution of a walker who follows a tie with
        probability ``damping`` (in proportion to its weight) and otherwise
        restarts at a random node, or at a random ``personalization`` node.
        Values sum to 1 over the view."""
        return self.centrality("pagerank", nodes, damping=damping,
                               personalization=personalization,
                               weighted=weighted, mode=mode)

    def betweenness(self: "View", nodes: NodesArg = None, *,
                    lengths: str = "inverse", weighted: bool = True,
                    normalized: bool = False, cutoff: Optional[float] = None,
                    mode: str = "default") -> Scores:
        """Returns Freeman's betweenness (``centrality("betweenness",
        ...)``): for each node, the sum over pairs of the share of their
        shortest paths through it; path lengths from weights by
        ``lengths``; paths longer than ``cutoff`` ignored."""
        return self.centrality("betweenness", nodes, lengths=lengths,
                               weighted=weighted, normalized=normalized,
                               cutoff=cutoff, mode=mode)

    # -- clustering --------------------------------------------------------------

    def clustering(self: "View", nodes: NodesArg = None, *,
                   weighted: bool = False, undefined: str = "nan") -> Scores:
        """Returns the local clustering coefficient of the view's nodes.

        Unweighted (default): Watts and Strogatz's C(v) = edges among v's
        neighbours / (k (k-1) / 2) (measure ``"clustering"``). With
        ``weighted=True``: Barrat et al.'s weighted coefficient (measure
        ``"barrat"``). Both work on the simple undirected collapse of the
        view (a pair's weight is the sum of its ties' weights).

        ``undefined`` says what a node with fewer than two neighbours gets:
        ``"nan"`` (default; ranked last) or ``"zero"`` (NetworkX's
        convention). ``nodes`` restricts the result as for
        :meth:`centrality`. UsageError for an unknown ``undefined``.
        """
        how = _undefined(undefined)
        function = (lib.citynet_clustering_barrat
                    if _flag(weighted, "weighted") else lib.citynet_clustering_local)
        node_list = _subset_arg(nodes)
        node_indices(self, node_list)  # checks the nodes before computing
        err = ffi.new("GError **")
        ptr = function(self._ptr, how, err)
        check(err)
        return _subset(self, ptr, node_list)

    def ego_density(self: "View", nodes: NodesArg = None, *,
                    undefined: str = "nan") -> Scores:
        """Returns the density of each node's ego network without the ego
        (UCINET's "Density"; measure ``"ego_density"``): ties among its
        neighbours over the possible ones, k(k-1)/2 on an undirected view
        (= the local clustering coefficient) and k(k-1) ordered pairs on a
        directed one. Weights are ignored; undefined (``undefined``) below
        two neighbours."""
        how = _undefined(undefined)
        node_list = _subset_arg(nodes)
        node_indices(self, node_list)
        err = ffi.new("GError **")
        ptr = lib.citynet_clustering_ego_density(self._ptr, how, err)
        check(err)
        return _subset(self, ptr, node_list)

    def average_clustering(self: "View", *, weighted: bool = False,
                           undefined: str = "nan") -> float:
        """Returns the mean local clustering coefficient (Barrat's with
        ``weighted=True``): over the nodes where it is defined
        (``undefined="nan"``, the default) or over every node counting
        undefined ones as 0 (``"zero"``, NetworkX's average_clustering());
        NaN when no node counts."""
        how = _undefined(undefined)
        result = ffi.new("double *")
        err = ffi.new("GError **")
        lib.citynet_clustering_average(self._ptr, _flag(weighted, "weighted"),
                                       how, result, err)
        check(err)
        return float(result[0])

    def transitivity(self: "View") -> float:
        """Returns the global transitivity of the view's simple undirected
        collapse: 3 x triangles / connected triples (NetworkX's
        transitivity()); NaN when there is no connected triple."""
        result = ffi.new("double *")
        err = ffi.new("GError **")
        lib.citynet_clustering_global(self._ptr, result, err)
        check(err)
        return float(result[0])
