"""Alignment with foreign-policy blocs (alignment.h): where a node's ties
stand relative to country groups.

* :meth:`View.group_composition` — a focus node's entries by partner
  country and by group of interest, per layer and overall, with Blau's
  heterogeneity and the IQV (:class:`GroupComposition`);
* :meth:`View.ei_index` — Krackhardt & Stern's E-I index at the ego, group
  and network levels, raw and rescaled, with a (stratified) permutation
  test (:class:`EIIndex`);
* :meth:`View.align` and :meth:`View.compare_period` — the profile of a
  sample of entries against a baseline (another node, a node set, the
  focus in another period): shares, differences, ratios, Jensen-Shannon
  divergence, Blau, tie-level E-I and partner affinity, with permutation
  or bootstrap intervals (:class:`Alignment`);
* :class:`UnVotes` and :class:`UnAgreement` — UN General Assembly votes
  and the agreement of a home country with every other, stored as a
  country attribute for the affinity profile.

Every result is copied out of C at once; tests are seeded (``seed``) and
give the same numbers for any number of threads. The formulas are in
docs/alignment.md.
"""

from __future__ import annotations

import math
import numbers
import operator
from typing import (TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional,
                    Sequence, Tuple, Union)

from ._citynet import ffi, lib
from ._util import (DateLike, PathLike, c_new, date_text, format_date,
                    from_c, path_to_c, str_list, to_c)
from .composition import _FocusComposition
from .errors import NotFoundError, UsageError, check
from .network import COUNTRY_COLUMNS, Network, Node, NodeRef, _check_key
from .table import Table

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = [
    "AlignmentMethods", "TestResult", "UNITS", "INTERVALS", "EI_LEVELS",
    "GroupComposition", "GroupCompositionRow", "GroupCompositionTotals",
    "Diversity", "DiversityRow",
    "EIIndex", "EIRow",
    "Alignment", "ProfileRow", "AlignmentTotals", "BlauComparison",
    "EIComparison", "EIComparisonRow", "Affinity", "AffinitySide",
    "AlignmentSummary", "SummaryRow",
    "UnVotes", "UnVoteCountry", "UnAgreement", "UnAgreementRow",
    "AppliedAgreement",
]

#: Units an entry counts for, in CitynetUnit order ("alters" only in
#: compositions).
UNITS = ("alters", "ties", "weight")
#: Interval methods of two-sample comparisons, in CitynetInterval order.
INTERVALS = ("permutation", "bootstrap")
#: E-I levels, in CitynetEILevel order.
EI_LEVELS = ("ego", "group", "network")
# The dimensions a comparison can use (CitynetDimension values).
_BY = {"country": 1, "group": 2}
# The command line's limits (tools/cli-alignment.c), so both refuse alike.
_MAX_PERMUTATIONS = 100_000_000
_MAX_THREADS = 1024
_MAX_SEED = 2 ** 64 - 1
# The default year range of UN agreement, as --years.
_DEFAULT_YEARS = (2010, 2019)


# ---------------------------------------------------------------------------
# Test results
# ---------------------------------------------------------------------------

class TestResult(NamedTuple):
    """A statistic with its permutation test (CitynetTestResult).

    ``observed`` is the statistic on the data; over the ``n`` permutations
    (or bootstrap resamples) whose statistic was defined: their ``mean``,
    ``sd`` (divisor n - 1), and the central interval ``lower``..``upper``
    at the chosen level (Hyndman-Fan type 7 quantiles: the permutation
    null's range, or a percentile bootstrap interval with
    ``interval="bootstrap"``). ``p_greater`` = (1 + #{T_i >= t}) / (n + 1),
    ``p_less`` likewise, ``p_two_sided`` = min(1, 2 min(both)); the
    p-values always come from the permutation null. ``direction`` is
    "greater", "less" or "none". With no test run, n = 0 and the rest but
    ``observed`` is NaN.
    """
    __test__ = False  # not a pytest test class despite its name

    observed: float
    n: int
    mean: float
    sd: float
    lower: float
    upper: float
    p_greater: float
    p_less: float
    p_two_sided: float
    direction: str

    @classmethod
    def _from_c(cls, result) -> "TestResult":
        """Copies a ``CitynetTestResult *``."""
        return cls(float(result.observed), int(result.n), float(result.mean),
                   float(result.sd), float(result.lower), float(result.upper),
                   float(result.p_greater), float(result.p_less),
                   float(result.p_two_sided),
                   from_c(lib.citynet_test_result_direction(result)))


_TEST_FIELDS = ("n", "mean", "sd", "lower", "upper", "p_greater", "p_less",
                "p_two_sided", "direction")


def _test_columns(test: TestResult) -> tuple:
    """The columns of a test after ``observed``, in _TEST_FIELDS order."""
    return tuple(test)[1:]


# ---------------------------------------------------------------------------
# Arguments and options
# ---------------------------------------------------------------------------

def _choice(value: Any, names: Sequence[str], what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if value not in names:
        raise UsageError(f"{what} must be one of {', '.join(names)}, not "
                         f"{value!r}")
    return value


def _whole(value: Any, what: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    number = operator.index(value)
    if not 0 <= number <= maximum:
        raise UsageError(f"{what} needs a whole number from 0 to {maximum}, "
                         f"not {number}")
    return number


def _flag(value: Any, what: str) -> bool:
    if not isinstance(value, (bool, int)):
        raise TypeError(f"{what} must be a bool, not {type(value).__name__}")
    return bool(value)


def _known_groups(network: Network, groups: Sequence[str], what: str) -> None:
    """NotFoundError for a group the network does not know (the C library
    would silently treat it as empty: a typo must not pass as a result)."""
    known = network.groups
    for group in groups:
        if group not in known:
            import difflib  # only for this message: keeps `import citynet` fast
            close = difflib.get_close_matches(group, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else \
                f"; the network's groups: {', '.join(known) or '(none)'}"
            raise NotFoundError(f"{what}: unknown group {group!r}{hint}")


def _options(network: Network, *, groups=None, by: Optional[str] = None,
             unit: Optional[str] = None, permutations: Any = 1000,
             seed: Any = 1, threads: Any = 0, interval: Optional[str] = None,
             level: Any = 0.95, strata=None, strata_by_kind: Any = False,
             label_date: DateLike = None, affinity: Optional[str] = None,
             network_test: Any = True):
    """Checks the options of one call and returns a gc-managed
    ``CitynetAlignmentOptions *``; everything is validated before C sees
    it."""
    group_list = str_list(groups, "groups")
    _known_groups(network, group_list, "groups")
    strata_list = str_list(strata, "strata")
    _known_groups(network, strata_list, "strata")
    c_by = _BY[_choice(by, tuple(_BY), "by")] if by is not None else None
    c_unit = UNITS.index(_choice(unit, UNITS[1:], "unit")) \
        if unit is not None else None
    c_interval = INTERVALS.index(_choice(interval, INTERVALS, "interval")) \
        if interval is not None else None
    n_permutations = _whole(permutations, "permutations", _MAX_PERMUTATIONS)
    c_seed = _whole(seed, "seed", _MAX_SEED)
    n_threads = _whole(threads, "threads", _MAX_THREADS)
    if isinstance(level, bool) or not isinstance(level, numbers.Real):
        raise TypeError(f"level must be a number, not {type(level).__name__}")
    by_kind = _flag(strata_by_kind, "strata_by_kind")
    test_network = _flag(network_test, "network_test")
    label_text = date_text(label_date, "label_date")
    c_label = to_c(label_text, "label_date", optional=True)
    c_affinity = None
    if affinity is not None:
        c_affinity = to_c(affinity, "affinity")
        keys = network.country_attribute_keys
        if affinity not in keys:
            raise NotFoundError(f"affinity: no country of the network has the "
                                f"attribute {affinity!r} (country attributes: "
                                f"{', '.join(keys) or 'none'})")
    c_groups = [to_c(g, "group") for g in group_list]
    c_strata = [to_c(g, "stratum group") for g in strata_list]

    options = ffi.gc(lib.citynet_alignment_options_new(),
                     lib.citynet_alignment_options_free)
    err = ffi.new("GError **")
    for group in c_groups:
        lib.citynet_alignment_options_add_group(options, group)
    for group in c_strata:
        lib.citynet_alignment_options_add_stratum_group(options, group)
    lib.citynet_alignment_options_set_strata_by_kind(options, by_kind)
    if c_by is not None:
        lib.citynet_alignment_options_set_dimension(options, c_by)
    if c_unit is not None:
        lib.citynet_alignment_options_set_unit(options, c_unit)
    if c_interval is not None:
        lib.citynet_alignment_options_set_interval(options, c_interval)
    lib.citynet_alignment_options_set_permutations(options, n_permutations)
    lib.citynet_alignment_options_set_seed(options, c_seed)
    lib.citynet_alignment_options_set_threads(options, n_threads)
    lib.citynet_alignment_options_set_network_test(options, test_network)
    lib.citynet_alignment_options_set_level(options, float(level), err)
    check(err)
    if label_text is not None:
        lib.citynet_alignment_options_set_label_date(options, c_label, err)
        check(err)
    if c_affinity is not None:
        lib.citynet_alignment_options_set_affinity(options, c_affinity)
    return options


def _node_in_view(view: "View", node: NodeRef, what: str) -> int:
    """Returns a node's network index, NotFoundError when it is not a vertex
    of ``view`` (checked here: the C lookup must not see nodes added after
    the view was made)."""
    if isinstance(node, bool):
        raise TypeError(f"{what} must be a node id, name, index or Node, "
                        "not bool")
    index = view.network._resolve_node(node)
    if view._vertex_of(index) is None:
        raise NotFoundError(f"{what}: node {view.network._node(index).id!r} "
                            "is not in the view")
    return index


def _node_list(view: "View", nodes: Any, what: str) -> List[int]:
    """One node or a sequence of nodes (ids, names, indices, Nodes) as
    distinct network indices of vertices of ``view``."""
    if isinstance(nodes, (str, Node, numbers.Integral)):
        nodes = [nodes]
    elif not isinstance(nodes, (list, tuple, set, frozenset)) and \
            not hasattr(nodes, "__iter__"):
        raise TypeError(f"{what} must be a node or a sequence of nodes, not "
                        f"{type(nodes).__name__}")
    out: List[int] = []
    for node in nodes:
        index = _node_in_view(view, node, what)
        if index in out:
            raise UsageError(f"{what}: node "
                             f"{view.network._node(index).id!r} is named twice")
        out.append(index)
    if not out:
        raise UsageError(f"{what} has no node")
    return out


def _dimension_name(dimension: int) -> str:
    return from_c(lib.citynet_dimension_to_string(dimension))


# ---------------------------------------------------------------------------
# Composition by group
# ---------------------------------------------------------------------------

class GroupCompositionRow(NamedTuple):
    """One category of a focus node's entries in one scope.

    ``dimension`` is "country" (``key`` an ISO3 code) or "group" (``key`` a
    group of interest); "" is the partners with no country, or in none of
    the groups. ``layer`` is the scope's layer, None for all layers.
    ``alters`` counts distinct partners (a partner is in a group when one
    of its ties is, on that tie's reference date), ``ties`` the entries,
    ``weight`` their weight. Each share divides by the scope's total in
    that unit; group shares overlap (a country in two groups counts for
    both), while the ``fractional_*`` shares split a partner in j groups
    1/j to each, so they sum to 1 per scope. For countries both agree.
    """
    dimension: str
    layer: Optional[str]
    key: str
    alters: int
    ties: int
    weight: float
    alter_share: float
    tie_share: float
    weight_share: float
    fractional_alter_share: float
    fractional_tie_share: float
    fractional_weight_share: float


class GroupCompositionTotals(NamedTuple):
    """The focus's distinct partners, entries and their summed weight."""
    alters: int
    ties: int
    weight: float


class DiversityRow(NamedTuple):
    """Blau's heterogeneity 1 - sum p_k^2 and the IQV Blau·K/(K-1) of one
    (dimension, scope), over the (fractional) shares in each unit.
    ``categories`` is K (for countries: the distinct country categories of
    the view's vertices, "" included when a vertex has none; for groups:
    the groups of interest plus ""), ``observed`` those with entries. NaN
    when the scope is empty (and the IQV for K < 2)."""
    dimension: str
    layer: Optional[str]
    categories: int
    observed: int
    blau_alters: float
    iqv_alters: float
    blau_ties: float
    iqv_ties: float
    blau_weight: float
    iqv_weight: float


class Diversity(Table[DiversityRow]):
    """The diversity of a :class:`GroupComposition`, one row per dimension
    and scope (country then group; all layers, then layers by name)."""

    Row = DiversityRow
    __slots__ = ()

    def get(self, dimension: str = "country", layer: Optional[str] = None,
            unit: str = "ties") -> Tuple[float, float]:
        """Returns (Blau, IQV) of one dimension and scope in ``unit``
        ("alters", "ties", "weight"); KeyError when the scope is absent."""
        _choice(unit, UNITS, "unit")
        for row in self._rows:
            if row.dimension == dimension and row.layer == layer:
                return getattr(row, f"blau_{unit}"), getattr(row, f"iqv_{unit}")
        raise KeyError((dimension, layer))


class GroupComposition(_FocusComposition, Table[GroupCompositionRow]):
    """A focus node's entries in a view by partner country and by group of
    interest (judged on each tie's reference date), over all layers and
    within each layer; made by :meth:`View.group_composition`.

    A :class:`~citynet.Table` of :class:`GroupCompositionRow` ordered by
    dimension (country, then group), scope (all layers first, then layers
    by name), decreasing ties, key; ``totals`` and ``diversity`` (a
    :class:`Diversity` table) come with it. The same numbers as the
    ``composition`` and ``diversity`` tables of ``citynet ego``.
    """

    Row = GroupCompositionRow
    __slots__ = ("_view", "_focus", "_totals", "_diversity", "_groups")

    @classmethod
    def _compute(cls, view: "View", focus: int, options,
                 groups: List[str]) -> "GroupComposition":
        ptr = c_new(lib.citynet_group_composition_new,
                    lib.citynet_group_composition_free, view._ptr, focus,
                    options)
        try:
            rows = cls._read_rows(ptr)
            diversity = cls._read_diversity(ptr)
            counts = ffi.new("gsize[2]")
            weight = ffi.new("double *")
            lib.citynet_group_composition_totals(ptr, counts, counts + 1, weight)
            totals = GroupCompositionTotals(int(counts[0]), int(counts[1]),
                                            float(weight[0]))
        finally:
            ffi.release(ptr)
        self = cls(rows)
        self._view = view
        self._focus = view.network._node(focus)
        self._totals = totals
        self._diversity = Diversity(diversity)
        self._groups = groups
        return self

    @staticmethod
    def _read_rows(ptr) -> List[GroupCompositionRow]:
        dimension = ffi.new("CitynetDimension *")
        layer = ffi.new("const char **")
        key = ffi.new("const char **")
        counts = ffi.new("gsize[2]")
        weight = ffi.new("double *")
        share = ffi.new("double[2]")
        rows = []
        for r in range(lib.citynet_group_composition_n_rows(ptr)):
            lib.citynet_group_composition_row(ptr, r, dimension, layer, key,
                                              counts, counts + 1, weight)
            shares = []
            fractional = []
            for unit in range(len(UNITS)):
                lib.citynet_group_composition_share(ptr, r, unit, share,
                                                    share + 1)
                shares.append(float(share[0]))
                fractional.append(float(share[1]))
            rows.append(GroupCompositionRow(
                _dimension_name(dimension[0]), from_c(layer[0]),
                from_c(key[0]) or "", int(counts[0]), int(counts[1]),
                float(weight[0]), *shares, *fractional))
        return rows

    @staticmethod
    def _read_diversity(ptr) -> List[DiversityRow]:
        dimension = ffi.new("CitynetDimension *")
        layer = ffi.new("const char **")
        sizes = ffi.new("gsize[2]")
        values = ffi.new("double[2]")
        rows = []
        for s in range(lib.citynet_group_composition_n_scopes(ptr)):
            lib.citynet_group_composition_diversity(
                ptr, s, lib.CITYNET_UNIT_TIES, dimension, layer, sizes,
                sizes + 1, ffi.NULL, ffi.NULL)
            head = (_dimension_name(dimension[0]), from_c(layer[0]),
                    int(sizes[0]), int(sizes[1]))
            measures = []
            for unit in range(len(UNITS)):
                lib.citynet_group_composition_diversity(
                    ptr, s, unit, ffi.NULL, ffi.NULL, ffi.NULL, ffi.NULL,
                    values, values + 1)
                measures += [float(values[0]), float(values[1])]
            rows.append(DiversityRow(*head, *measures))
        return rows

    @property
    def groups(self) -> List[str]:
        """The groups of interest (in order)."""
        return list(self._groups)

    @property
    def totals(self) -> GroupCompositionTotals:
        """The focus's distinct partners, entries and summed weight."""
        return self._totals

    @property
    def diversity(self) -> Diversity:
        """Blau and IQV per dimension and scope (a :class:`Diversity`)."""
        return self._diversity

    def select(self, dimension: str,
               layer: Optional[str] = None) -> List[GroupCompositionRow]:
        """Returns the rows of ``dimension`` ("country" or "group") in one
        scope: ``layer=None`` for all layers, else that layer."""
        _choice(dimension, ("country", "group"), "dimension")
        return [r for r in self._rows
                if r.dimension == dimension and r.layer == layer]

    def share(self, dimension: str, key: str, layer: Optional[str] = None,
              unit: str = "ties", fractional: bool = False) -> float:
        """Returns the share of category ``key`` in a scope, in ``unit``
        ("alters", "ties" or "weight"), overlapping or ``fractional``; 0.0
        when the category has no row."""
        _choice(unit, UNITS, "unit")
        column = ("fractional_" if fractional else "") + \
            {"alters": "alter", "ties": "tie", "weight": "weight"}[unit] + "_share"
        for r in self.select(dimension, layer):
            if r.key == key:
                return getattr(r, column)
        return 0.0

    def to_dict(self) -> Dict[str, Any]:
        """Returns ``{"focus", "groups", "totals", "rows", "diversity"}``
        with plain JSON-ready values (rows as lists of dicts)."""
        return {"focus": self._focus.id, "groups": list(self._groups),
                "totals": self._totals._asdict(), "rows": self.to_records(),
                "diversity": self._diversity.to_records()}

    def to_pandas(self):
        """Returns the rows as a ``pandas.DataFrame``; ``df.attrs`` holds
        ``focus``, ``groups`` and ``totals``. Raises ImportError without
        pandas."""
        frame = super().to_pandas()
        frame.attrs.update(focus=self._focus.id, groups=list(self._groups),
                           totals=self._totals._asdict())
        return frame

    def _repr_header(self) -> str:
        t = self._totals
        return (f"<citynet.GroupComposition of {self._focus.id!r}: {t.ties} "
                f"ties, {t.alters} partners, weight {t.weight:g}, "
                f"{len(self)} rows>")


# ---------------------------------------------------------------------------
# E-I index
# ---------------------------------------------------------------------------

class EIRow(NamedTuple):
    """One row of an E-I table: the ``level`` ("ego", "group", "network"),
    the label ``key`` (an ISO3 code, a group G, or "not G"; the ego row's
    key is the ego's own label, None when it has none; None for the
    network row) and its labelled ``members``.

    Counted (each edge 1): ``internal`` (IL), ``external`` (EL), ``ei`` =
    (EL - IL) / (EL + IL), ``ei_rescaled`` (mapped from [``ei_min``,
    ``ei_max``], the least and greatest E-I the same edges could reach on
    the row's possible dyads, onto [-1, 1]) and ``ei_expected`` (the E-I of
    edges placed on dyads at random); then the permutation test of ``ei``:
    ``n`` permutations, their mean ``perm_mean`` and ``perm_sd``, central
    interval ``lower``..``upper``, ``p_greater``, ``p_less``, ``p_two_sided``,
    ``direction`` (n = 0 and NaN p-values when the row was not tested).
    The same with the ``_weighted`` suffix (``internal_weight``,
    ``external_weight``: summed edge weights). NaN = undefined.
    """
    level: str
    key: Optional[str]
    members: int
    internal: float
    external: float
    ei: float
    ei_rescaled: float
    ei_min: float
    ei_max: float
    ei_expected: float
    n: int
    perm_mean: float
    perm_sd: float
    lower: float
    upper: float
    p_greater: float
    p_less: float
    p_two_sided: float
    direction: str
    internal_weight: float
    external_weight: float
    ei_weighted: float
    ei_weighted_rescaled: float
    ei_weighted_min: float
    ei_weighted_max: float
    n_weighted: int
    perm_mean_weighted: float
    perm_sd_weighted: float
    lower_weighted: float
    upper_weighted: float
    p_greater_weighted: float
    p_less_weighted: float
    p_two_sided_weighted: float
    direction_weighted: str


class EIIndex(Table[EIRow]):
    """Krackhardt & Stern's E-I index of one labelling of a view's nodes
    (by country, or "in G" vs "not in G"), on the view's edges after
    combining, at the ego, group and network levels; made by
    :meth:`View.ei_index`.

    A :class:`~citynet.Table` of :class:`EIRow`: the ego row (when a focus
    was given), one row per label in key order, the network row. Nodes
    without a country have no label and count nowhere. ``label_date`` is
    the day groups were judged on (None = "now").
    """

    Row = EIRow
    __slots__ = ("_view", "_focus", "_group", "_label_date")

    @classmethod
    def _compute(cls, view: "View", focus: Optional[int], group: Optional[str],
                 options) -> "EIIndex":
        c_group = to_c(group, "group", optional=True)
        ptr = c_new(lib.citynet_ei_index_new, lib.citynet_ei_index_free,
                    view._ptr, -1 if focus is None else focus, c_group,
                    options)
        try:
            rows = cls._read_rows(ptr)
            label_date = format_date(lib.citynet_ei_index_label_date(ptr))
        finally:
            ffi.release(ptr)
        self = cls(rows)
        self._view = view
        self._focus = view.network._node(focus) if focus is not None else None
        self._group = group
        self._label_date = label_date
        return self

    @staticmethod
    def _read_rows(ptr) -> List[EIRow]:
        level = ffi.new("CitynetEILevel *")
        key = ffi.new("const char **")
        members = ffi.new("gsize *")
        v = ffi.new("double[7]")
        test = ffi.new("CitynetTestResult *")
        rows = []
        for r in range(lib.citynet_ei_index_n_rows(ptr)):
            lib.citynet_ei_index_row(ptr, r, level, key, members)
            cells: List[Any] = [EI_LEVELS[level[0]], from_c(key[0]),
                                int(members[0])]
            for weighted in (False, True):
                lib.citynet_ei_index_values(ptr, r, weighted, v, v + 1, v + 2,
                                            v + 3, v + 4, v + 5, v + 6)
                lib.citynet_ei_index_test(ptr, r, weighted, test)
                values = [float(v[i]) for i in range(7)]
                # The expected E-I depends on the dyads only: given once.
                cells += values if not weighted else values[:6]
                cells += _test_columns(TestResult._from_c(test))
            rows.append(EIRow(*cells))
        return rows

    @property
    def view(self) -> "View":
        """The view the index was computed on."""
        return self._view

    @property
    def focus(self) -> Optional[Node]:
        """The ego, or None."""
        return self._focus

    @property
    def group(self) -> Optional[str]:
        """The group G of an "in G" / "not in G" labelling; None for
        countries."""
        return self._group

    @property
    def partition(self) -> str:
        """"country" or the group name (as the ``partition`` column of
        ``citynet ego``'s ``ei`` table)."""
        return self._group if self._group is not None else "country"

    @property
    def label_date(self) -> Optional[str]:
        """The day labels were judged on ("YYYY-MM-DD"), None = "now"."""
        return self._label_date

    @property
    def ego(self) -> Optional[EIRow]:
        """The ego row, or None without a focus."""
        return self._rows[0] if self._rows and self._rows[0].level == "ego" \
            else None

    @property
    def whole(self) -> EIRow:
        """The whole-network row."""
        return self._rows[-1]

    def group_row(self, key: str) -> EIRow:
        """Returns the group-level row of label ``key``; KeyError when no
        labelled node has it."""
        for row in self._rows:
            if row.level == "group" and row.key == key:
                return row
        raise KeyError(key)

    def test(self, row: Union[int, EIRow] = 0,
             weighted: bool = False) -> TestResult:
        """Returns the E-I of a row (an index or an :class:`EIRow`) with
        its permutation test, counted or ``weighted``."""
        if not isinstance(row, EIRow):
            row = self._rows[row]
        if weighted:
            return TestResult(row.ei_weighted, row.n_weighted,
                              row.perm_mean_weighted, row.perm_sd_weighted,
                              row.lower_weighted, row.upper_weighted,
                              row.p_greater_weighted, row.p_less_weighted,
                              row.p_two_sided_weighted, row.direction_weighted)
        return TestResult(row.ei, *row[10:19])

    def to_dict(self) -> Dict[str, Any]:
        """Returns ``{"partition", "focus", "label_date", "rows"}`` (rows as
        dicts)."""
        return {"partition": self.partition,
                "focus": self._focus.id if self._focus else None,
                "label_date": self._label_date, "rows": self.to_records()}

    def to_pandas(self):
        """Returns the rows as a ``pandas.DataFrame``; ``df.attrs`` holds
        ``partition``, ``focus`` and ``label_date``."""
        frame = super().to_pandas()
        frame.attrs.update(partition=self.partition,
                           focus=self._focus.id if self._focus else None,
                           label_date=self._label_date)
        return frame

    def _repr_header(self) -> str:
        focus = f" of {self._focus.id!r}" if self._focus else ""
        return (f"<citynet.EIIndex by {self.partition}{focus}, labels on "
                f"{self._label_date or 'now'}: {len(self)} rows>")


# ---------------------------------------------------------------------------
# Alignment profile
# ---------------------------------------------------------------------------

class ProfileRow(NamedTuple):
    """One category of an alignment profile: ``key`` (ISO3 code or group;
    "" for none), each side's units and share (group shares overlap),
    ``difference`` = focus share - baseline share with its test (``n``,
    ``mean``, ``sd``, ``lower``, ``upper``, p-values, ``direction``) and
    ``ratio`` = focus share / baseline share (inf or NaN when the baseline
    share is 0)."""
    key: str
    focus_units: float
    baseline_units: float
    focus_share: float
    baseline_share: float
    difference: float
    ratio: float
    n: int
    mean: float
    sd: float
    lower: float
    upper: float
    p_greater: float
    p_less: float
    p_two_sided: float
    direction: str


class AlignmentTotals(NamedTuple):
    """Entries and units (ties or weight) of each side."""
    entries: int
    units: float
    baseline_entries: int
    baseline_units: float


class BlauComparison(NamedTuple):
    """Blau's heterogeneity and the IQV of each side's (fractional) category
    distribution, and ``difference`` = blau - baseline_blau tested."""
    blau: float
    baseline_blau: float
    iqv: float
    baseline_iqv: float
    difference: TestResult


class EIComparisonRow(NamedTuple):
    """The tie-level E-I of each side for one ``partition`` ("country" or a
    group G: an entry is internal when its partner has the owner's label on
    the tie's date) and ``difference`` = ei - baseline_ei with its test."""
    partition: str
    ei: float
    baseline_ei: float
    difference: float
    n: int
    mean: float
    sd: float
    lower: float
    upper: float
    p_greater: float
    p_less: float
    p_two_sided: float
    direction: str


class EIComparison(Table[EIComparisonRow]):
    """The tie-level E-I comparisons of an :class:`Alignment`, one row per
    partition: by country, then one per group of interest."""

    Row = EIComparisonRow
    key_column = "partition"
    __slots__ = ()


class AffinitySide(NamedTuple):
    """One side's partner affinity: ``entries`` with a value, ``missing``
    ones (no country, or a country without the attribute), the
    unit-weighted ``mean`` and ``median``."""
    entries: int
    missing: int
    mean: float
    median: float


class Affinity:
    """The partners' affinity (a numeric country attribute) on both sides
    of an :class:`Alignment`: ``focus`` and ``baseline``
    (:class:`AffinitySide`), the tested differences of the means and of the
    medians (focus - baseline), and :meth:`quantile`."""

    __slots__ = ("_ptr", "key", "focus", "baseline", "mean_difference",
                 "median_difference")

    def __init__(self, ptr, key: Optional[str]) -> None:
        self._ptr = ptr  # the gc-managed CitynetAlignment (kept for quantiles)
        self.key = key
        sides = []
        n = ffi.new("gsize[2]")
        mean = ffi.new("double *")
        for baseline in (False, True):
            lib.citynet_alignment_affinity(ptr, baseline, n, n + 1, mean)
            sides.append(AffinitySide(
                int(n[0]), int(n[1]), float(mean[0]),
                float(lib.citynet_alignment_affinity_quantile(ptr, baseline,
                                                              0.5))))
        self.focus, self.baseline = sides
        test = ffi.new("CitynetTestResult *")
        lib.citynet_alignment_affinity_test(ptr, False, test)
        self.mean_difference = TestResult._from_c(test)
        lib.citynet_alignment_affinity_test(ptr, True, test)
        self.median_difference = TestResult._from_c(test)

    def quantile(self, probability: float, baseline: bool = False) -> float:
        """Returns the unit-weighted ``probability`` quantile (0..1) of one
        side's partner affinity: the smallest value whose cumulative unit
        share reaches it (Hyndman-Fan type 1; 0 gives the minimum); NaN
        when the side has no value."""
        if isinstance(probability, bool) or \
                not isinstance(probability, numbers.Real):
            raise TypeError("probability must be a number, not "
                            f"{type(probability).__name__}")
        if not 0.0 <= float(probability) <= 1.0:
            raise UsageError(f"probability {probability} is not in [0, 1]")
        return float(lib.citynet_alignment_affinity_quantile(
            self._ptr, _flag(baseline, "baseline"), float(probability)))

    def quantiles(self, baseline: bool = False) -> Dict[str, float]:
        """Returns min, p10, p25, median, p75, p90 and max of one side (the
        columns of the command's ``affinity`` table)."""
        names = ("min", "p10", "p25", "median", "p75", "p90", "max")
        probabilities = (0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0)
        return {k: self.quantile(p, baseline)
                for k, p in zip(names, probabilities)}

    def to_dict(self) -> Dict[str, Any]:
        """Returns the sides, their quantiles and both tests as plain dicts."""
        return {"key": self.key,
                "focus": {**self.focus._asdict(), **self.quantiles(False)},
                "baseline": {**self.baseline._asdict(), **self.quantiles(True)},
                "mean_difference": self.mean_difference._asdict(),
                "median_difference": self.median_difference._asdict()}

    def __repr__(self) -> str:
        return (f"<citynet.Affinity {self.key!r}: focus mean "
                f"{self.focus.mean:.4g}, baseline {self.baseline.mean:.4g}, "
                f"p {self.mean_difference.p_two_sided:.4g}>")


class SummaryRow(NamedTuple):
    """One statistic of :attr:`Alignment.summary`, as the command's
    ``summary`` table: ``statistic`` (jsd, blau, iqv, ei, affinity_mean,
    affinity_median), ``by`` (the dimension or E-I partition), the
    ``focus`` and ``baseline`` values, the observed ``value`` (difference,
    or the JSD) with its interval, resampled ``mean``, ``p_value`` (for the
    JSD p_greater, else two-sided), ``direction`` and ``n``."""
    statistic: str
    by: str
    focus: float
    baseline: float
    value: float
    lower: float
    upper: float
    mean: float
    p_value: float
    direction: Optional[str]
    n: int


class AlignmentSummary(Table[SummaryRow]):
    """The summary statistics of an :class:`Alignment` (see
    :class:`SummaryRow`)."""

    Row = SummaryRow
    __slots__ = ()


def _summary_row(statistic: str, by: str, focus: float, baseline: float,
                 test: Optional[TestResult],
                 greater_only: bool = False) -> SummaryRow:
    nan = math.nan
    if test is None:
        return SummaryRow(statistic, by, focus, baseline, nan, nan, nan, nan,
                          nan, None, 0)
    if test.n == 0:
        return SummaryRow(statistic, by, focus, baseline, test.observed, nan,
                          nan, nan, nan, None, 0)
    if greater_only:
        p, direction = test.p_greater, \
            "greater" if test.p_greater <= 0.5 else "none"
    else:
        p, direction = test.p_two_sided, test.direction
    return SummaryRow(statistic, by, focus, baseline, test.observed,
                      test.lower, test.upper, test.mean, p, direction, test.n)


class Alignment(Table[ProfileRow]):
    """The profile of a focus sample of entries against a baseline sample
    (another node or node set, or the focus in another view); made by
    :meth:`View.align` and :meth:`View.compare_period`.

    A :class:`~citynet.Table` of :class:`ProfileRow`, one per category:
    countries by decreasing pooled units then key, or the groups of
    interest then "" (``by="group"``). Also: ``totals``, ``jsd`` (the
    Jensen-Shannon divergence, base 2, with p_greater = "more different
    than by chance"), ``blau``, ``ei`` (tie-level E-I per partition),
    ``affinity`` (None without an affinity attribute) and ``summary``
    (the command's ``summary`` table).
    """

    Row = ProfileRow
    key_column = "key"
    __slots__ = ("_view", "_baseline_view", "_focus", "_baseline", "_by",
                 "_unit", "_totals", "_jsd", "_blau", "_ei", "_affinity",
                 "_groups")

    @classmethod
    def _compute(cls, view: "View", nodes: List[int], baseline_view: "View",
                 baseline_nodes: Optional[List[int]], options,
                 groups: List[str], affinity: Optional[str]) -> "Alignment":
        c_nodes = ffi.new("gsize[]", nodes)
        c_base = ffi.new("gsize[]", baseline_nodes) \
            if baseline_nodes is not None else ffi.NULL
        ptr = c_new(
            lib.citynet_alignment_new, lib.citynet_alignment_free,
            view._ptr, c_nodes, len(nodes),
            baseline_view._ptr if baseline_view is not view else ffi.NULL,
            c_base, len(baseline_nodes) if baseline_nodes is not None else 0,
            options)
        self = cls(cls._read_profile(ptr))
        self._view = view
        self._baseline_view = baseline_view
        network = view.network
        self._focus = [network._node(i) for i in nodes]
        owners = baseline_nodes if baseline_nodes is not None else nodes
        self._baseline = [network._node(i) for i in owners]
        self._by = _dimension_name(lib.citynet_alignment_dimension(ptr))
        self._unit = UNITS[lib.citynet_alignment_unit(ptr)]
        self._groups = groups
        counts = ffi.new("gsize[2]")
        units = ffi.new("double[2]")
        lib.citynet_alignment_totals(ptr, counts, units, counts + 1, units + 1)
        self._totals = AlignmentTotals(int(counts[0]), float(units[0]),
                                       int(counts[1]), float(units[1]))
        test = ffi.new("CitynetTestResult *")
        lib.citynet_alignment_jsd(ptr, test)
        self._jsd = TestResult._from_c(test)
        blau = ffi.new("double[4]")
        lib.citynet_alignment_blau(ptr, blau, blau + 1, blau + 2, blau + 3, test)
        self._blau = BlauComparison(float(blau[0]), float(blau[1]),
                                    float(blau[2]), float(blau[3]),
                                    TestResult._from_c(test))
        self._ei = EIComparison(cls._read_ei(ptr))
        if lib.citynet_alignment_has_affinity(ptr):
            # The quantile function needs the C object: it stays alive
            # with the Affinity (ffi.gc frees it with the last reference).
            self._affinity = Affinity(ptr, affinity)
        else:
            self._affinity = None
            ffi.release(ptr)
        return self

    @staticmethod
    def _read_profile(ptr) -> List[ProfileRow]:
        key = ffi.new("const char **")
        v = ffi.new("double[5]")
        test = ffi.new("CitynetTestResult *")
        rows = []
        for k in range(lib.citynet_alignment_n_categories(ptr)):
            lib.citynet_alignment_category(ptr, k, key, v, v + 1, v + 2, v + 3,
                                           v + 4, test)
            difference = TestResult._from_c(test)
            rows.append(ProfileRow(from_c(key[0]) or "", float(v[0]),
                                   float(v[1]), float(v[2]), float(v[3]),
                                   difference.observed, float(v[4]),
                                   *_test_columns(difference)))
        return rows

    @staticmethod
    def _read_ei(ptr) -> List[EIComparisonRow]:
        name = ffi.new("const char **")
        v = ffi.new("double[2]")
        test = ffi.new("CitynetTestResult *")
        rows = []
        for p in range(lib.citynet_alignment_n_partitions(ptr)):
            lib.citynet_alignment_ei(ptr, p, name, v, v + 1, test)
            difference = TestResult._from_c(test)
            rows.append(EIComparisonRow(from_c(name[0]), float(v[0]),
                                        float(v[1]), difference.observed,
                                        *_test_columns(difference)))
        return rows

    @property
    def view(self) -> "View":
        """The focus sample's view."""
        return self._view

    @property
    def baseline_view(self) -> "View":
        """The baseline's view (the focus view unless another was given)."""
        return self._baseline_view

    @property
    def focus(self) -> List[Node]:
        """The focus sample's owner nodes."""
        return list(self._focus)

    @property
    def baseline(self) -> List[Node]:
        """The baseline's owner nodes."""
        return list(self._baseline)

    @property
    def by(self) -> str:
        """The categories: "country" or "group"."""
        return self._by

    @property
    def unit(self) -> str:
        """What an entry counts for: "ties" or "weight"."""
        return self._unit

    @property
    def groups(self) -> List[str]:
        """The groups of interest (also the E-I partitions after
        "country")."""
        return list(self._groups)

    @property
    def totals(self) -> AlignmentTotals:
        """Entries and units of both sides."""
        return self._totals

    @property
    def jsd(self) -> TestResult:
        """The Jensen-Shannon divergence (base 2, 0..1) between the two
        sides' category distributions (fractional for groups), tested:
        its ``p_greater`` answers "more different than by chance?"."""
        return self._jsd

    @property
    def blau(self) -> BlauComparison:
        """Blau and IQV of both sides and their tested difference."""
        return self._blau

    @property
    def ei(self) -> EIComparison:
        """The tie-level E-I of both sides per partition, tested."""
        return self._ei

    @property
    def affinity(self) -> Optional[Affinity]:
        """The partner affinity profile, or None without ``affinity=``."""
        return self._affinity

    def category(self, key: str) -> ProfileRow:
        """Returns the row of category ``key`` (ISO3, group, "" for none);
        KeyError when absent."""
        for row in self._rows:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def summary(self) -> AlignmentSummary:
        """The summary statistics in the order of the command's ``summary``
        table: jsd, blau, iqv, one ei row per partition, and with an
        affinity attribute affinity_mean and affinity_median."""
        rows = [_summary_row("jsd", self._by, math.nan, math.nan, self._jsd,
                             greater_only=True),
                _summary_row("blau", self._by, self._blau.blau,
                             self._blau.baseline_blau, self._blau.difference),
                _summary_row("iqv", self._by, self._blau.iqv,
                             self._blau.baseline_iqv, None)]
        for row in self._ei:
            rows.append(_summary_row("ei", row.partition, row.ei,
                                     row.baseline_ei,
                                     TestResult(row.difference, *row[4:])))
        a = self._affinity
        if a is not None:
            rows.append(_summary_row("affinity_mean", "country", a.focus.mean,
                                     a.baseline.mean, a.mean_difference))
            rows.append(_summary_row("affinity_median", "country",
                                     a.focus.median, a.baseline.median,
                                     a.median_difference))
        return AlignmentSummary(rows)

    def to_dict(self) -> Dict[str, Any]:
        """Returns everything as plain values: ``by``, ``unit``, ``focus``
        and ``baseline`` (node ids), ``totals``, ``profile`` (rows as
        dicts), ``jsd``, ``blau``, ``ei`` and ``affinity`` (None without
        one)."""
        return {"by": self._by, "unit": self._unit,
                "focus": [n.id for n in self._focus],
                "baseline": [n.id for n in self._baseline],
                "groups": list(self._groups),
                "totals": self._totals._asdict(),
                "profile": self.to_records(),
                "jsd": self._jsd._asdict(),
                "blau": {**self._blau._asdict(),
                         "difference": self._blau.difference._asdict()},
                "ei": self._ei.to_records(),
                "affinity": self._affinity.to_dict()
                if self._affinity is not None else None}

    def to_pandas(self):
        """Returns the profile rows as a ``pandas.DataFrame`` indexed by
        key; ``df.attrs`` holds by, unit, focus, baseline and totals."""
        frame = super().to_pandas()
        frame.attrs.update(by=self._by, unit=self._unit,
                           focus=[n.id for n in self._focus],
                           baseline=[n.id for n in self._baseline],
                           totals=self._totals._asdict())
        return frame

    def _repr_header(self) -> str:
        def names(nodes: List[Node]) -> str:
            shown = ", ".join(n.id for n in nodes[:3])
            more = len(nodes) - 3
            return shown + (f" and {more} more" if more > 0 else "")
        focus, base = names(self._focus), names(self._baseline)
        if self._baseline_view is not self._view:
            start, end = self._baseline_view.period
            base += f" in {start or 'open'}..{end or 'open'}"
        t = self._totals
        return (f"<citynet.Alignment by {self._by} ({self._unit}): {focus} "
                f"({t.entries} entries) vs {base} ({t.baseline_entries}); JSD "
                f"{self._jsd.observed:.4g}, p {self._jsd.p_greater:.4g}>")


# ---------------------------------------------------------------------------
# UN General Assembly votes
# ---------------------------------------------------------------------------

class UnVoteCountry(NamedTuple):
    """A country of the vote file: ``name`` and ``iso2`` as in the file
    ("" when empty), ``iso3`` the mapped code (None when it does not map:
    a state that no longer exists), and its ``votes`` (rows)."""
    name: str
    iso2: str
    iso3: Optional[str]
    votes: int


class UnVotes(Table[UnVoteCountry]):
    """UN General Assembly roll-call votes (the layout of the R package
    "unvotes", Voeten's data): read with :meth:`UnVotes.load`.

    A :class:`~citynet.Table` of the vote file's countries
    (:class:`UnVoteCountry`, in order of first appearance); ``unmapped``
    lists those without an ISO3 code. :meth:`agreement` scores a home
    country against every other.
    """

    Row = UnVoteCountry
    __slots__ = ("_ptr", "_path", "_counts")

    @classmethod
    def load(cls, path: PathLike) -> "UnVotes":
        """Reads ``un_votes.csv.gz`` (or ``un_votes.csv``) and
        ``un_roll_calls.csv`` from the folder ``path``. FileError when a file
        cannot be read or decompressed; DataError (with file and line) for a
        malformed row, an unknown vote or a vote without a dated roll
        call."""
        c_path = path_to_c(path)
        ptr = c_new(lib.citynet_un_votes_load, lib.citynet_un_votes_free,
                    c_path)
        name = ffi.new("const char **")
        iso2 = ffi.new("const char **")
        iso3 = ffi.new("const char **")
        n = ffi.new("gsize *")
        rows = []
        for c in range(lib.citynet_un_votes_n_countries(ptr)):
            lib.citynet_un_votes_country(ptr, c, name, iso2, iso3, n)
            rows.append(UnVoteCountry(from_c(name[0]) or "",
                                      from_c(iso2[0]) or "", from_c(iso3[0]),
                                      int(n[0])))
        self = cls(rows)
        # Kept: an agreement reads the votes.
        self._ptr = ptr
        self._path = path
        self._counts = (int(lib.citynet_un_votes_n_roll_calls(ptr)),
                        int(lib.citynet_un_votes_n_votes(ptr)),
                        int(lib.citynet_un_votes_n_conflicts(ptr)))
        return self

    def __init__(self, rows=()) -> None:
        super().__init__(rows)
        self._ptr = None

    @property
    def n_roll_calls(self) -> int:
        """The roll calls read."""
        return self._counts[0]

    @property
    def n_votes(self) -> int:
        """The vote rows read."""
        return self._counts[1]

    @property
    def n_conflicts(self) -> int:
        """Vote rows dropped because another row of the same roll call
        mapped to the same ISO3 code."""
        return self._counts[2]

    @property
    def unmapped(self) -> List[UnVoteCountry]:
        """The vote countries without an ISO3 code (not used in scores)."""
        return [row for row in self._rows if row.iso3 is None]

    def agreement(self, home: str,
                  years: Union[int, str, Sequence[int]] = _DEFAULT_YEARS
                  ) -> "UnAgreement":
        """Returns the :class:`UnAgreement` of ``home`` (ISO3, ISO2 or a
        name) with every other country over the roll calls dated in
        ``years``: an int, ``(first, last)`` (inclusive) or "FIRST..LAST"
        as the command's ``--years``; default 2010..2019. NotFoundError
        when home is unknown or cast no vote in the range, UsageError for
        bad or reversed years."""
        if self._ptr is None:
            raise UsageError("these votes were not loaded (use UnVotes.load)")
        c_home = to_c(home, "home")
        first, last = _years(years)
        err = ffi.new("GError **")
        ptr = lib.citynet_un_agreement_new(self._ptr, c_home, first, last, err)
        check(err)
        return UnAgreement._wrap(ffi.gc(ptr, lib.citynet_un_agreement_free),
                                 (first, last))

    def to_dict(self) -> Dict[str, Any]:
        """Returns the counts and the countries as plain values."""
        return {"roll_calls": self.n_roll_calls, "votes": self.n_votes,
                "conflicts": self.n_conflicts, "countries": self.to_records()}

    def _repr_header(self) -> str:
        return (f"<citynet.UnVotes: {self.n_roll_calls} roll calls, "
                f"{self.n_votes} votes, {len(self)} countries "
                f"({len(self.unmapped)} unmapped)>")


def _year(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be an int year, not "
                        f"{type(value).__name__}")
    year = operator.index(value)
    if not 1 <= year <= 9999:
        raise UsageError(f"{what} {year} is outside 1-9999")
    return year


def _years(years: Any) -> Tuple[int, int]:
    """Parses ``years`` (int, (first, last), "A..B" or "A")."""
    if isinstance(years, str):
        parts = years.split("..")
        if len(parts) > 2 or not all(p.strip().isdigit() for p in parts):
            raise UsageError("years needs FIRST..LAST (e.g. 2010..2019) or one "
                             f"year, not {years!r}")
        numbers_ = [int(p) for p in parts]
        return _year(numbers_[0], "first year"), _year(numbers_[-1], "last year")
    if isinstance(years, (list, tuple)):
        if len(years) != 2:
            raise UsageError("years needs (first, last)")
        return _year(years[0], "first year"), _year(years[1], "last year")
    year = _year(years, "years")
    return year, year


class UnAgreementRow(NamedTuple):
    """A country's ``agreement`` (0..1) with the home country over the
    ``roll_calls`` both voted in."""
    iso3: str
    roll_calls: int
    agreement: float


class AppliedAgreement(NamedTuple):
    """What :meth:`UnAgreement.apply` did: the attribute ``key`` written,
    ``countries_set`` (declared countries that received a score) and
    ``countries_missing`` (sorted ISO3 codes of declared countries without
    one: never voted in the range, not a UN member, ...)."""
    key: str
    countries_set: int
    countries_missing: List[str]


class UnAgreement(Table[UnAgreementRow]):
    """The UN General Assembly agreement of one home country with every
    other mapped country over a year range: per roll call both voted in,
    yes = 1, abstain = 0.5, no = 0, agreement = 1 - |v_home - v_other|,
    averaged. Made by :meth:`UnVotes.agreement`.

    A :class:`~citynet.Table` of :class:`UnAgreementRow` sorted by ISO3
    (home included, with agreement 1); ``to_dict()`` is ``{iso3:
    agreement}``. :meth:`apply` stores the scores as a country attribute
    for :meth:`View.align`'s ``affinity``.
    """

    Row = UnAgreementRow
    __slots__ = ("_ptr", "_home", "_home_roll_calls", "_years",
                 "_default_key", "_index")

    @classmethod
    def _wrap(cls, ptr, years: Tuple[int, int]) -> "UnAgreement":
        code = ffi.new("const char **")
        n = ffi.new("gsize *")
        score = ffi.new("double *")
        rows = []
        for r in range(lib.citynet_un_agreement_n_countries(ptr)):
            lib.citynet_un_agreement_country(ptr, r, code, n, score)
            rows.append(UnAgreementRow(from_c(code[0]), int(n[0]),
                                       float(score[0])))
        self = cls(rows)
        self._ptr = ptr  # kept for apply()
        self._home = from_c(lib.citynet_un_agreement_home(ptr))
        self._home_roll_calls = int(lib.citynet_un_agreement_home_roll_calls(ptr))
        self._years = years
        key = lib.citynet_un_agreement_default_key(ptr)
        try:
            self._default_key = from_c(key)
        finally:
            lib.g_free(key)
        self._index = {row.iso3: row for row in rows}
        return self

    @property
    def home(self) -> str:
        """The home country's ISO3 code."""
        return self._home

    @property
    def home_roll_calls(self) -> int:
        """Roll calls of the range the home country voted in."""
        return self._home_roll_calls

    @property
    def years(self) -> Tuple[int, int]:
        """The (first, last) years of the roll calls, inclusive."""
        return self._years

    @property
    def default_key(self) -> str:
        """The attribute name :meth:`apply` uses by default:
        "un_agreement_<HOME>_<FIRST>_<LAST>"."""
        return self._default_key

    def score(self, iso3: str) -> float:
        """Returns the agreement of ``iso3``, NaN when it has none."""
        if not isinstance(iso3, str):
            raise TypeError(f"iso3 must be a str, not {type(iso3).__name__}")
        row = self._index.get(iso3)
        return row.agreement if row is not None else math.nan

    def apply(self, network: Network,
              key: Optional[str] = None) -> AppliedAgreement:
        """Sets the numeric country attribute ``key`` (default
        :attr:`default_key`) of every declared country of ``network`` that
        has a score, and returns an :class:`AppliedAgreement`. Pass the key
        as ``affinity=`` to :meth:`View.align`. Views made before keep
        seeing the network's current attributes."""
        if not isinstance(network, Network):
            raise TypeError(f"network must be a citynet.Network, not "
                            f"{type(network).__name__}")
        if key is not None:
            _check_key(key, COUNTRY_COLUMNS, "country attribute")
        c_key = to_c(key, "key", optional=True)
        n_set = ffi.new("gsize *")
        missing = ffi.new("char ***")
        err = ffi.new("GError **")
        with network._lock:
            lib.citynet_un_agreement_apply(self._ptr, network._ptr, c_key,
                                           n_set, missing, err)
        check(err)
        codes: List[str] = []
        try:
            i = 0
            while missing[0][i] != ffi.NULL:
                codes.append(from_c(missing[0][i]))
                i += 1
        finally:
            lib.g_strfreev(missing[0])
        return AppliedAgreement(key if key is not None else self._default_key,
                                int(n_set[0]), codes)

    def to_dict(self) -> Dict[str, float]:
        """Returns ``{iso3: agreement}``; :meth:`to_records` has the roll
        call counts too."""
        return {row.iso3: row.agreement for row in self._rows}

    def to_pandas(self):
        """Returns the rows as a ``pandas.DataFrame`` indexed by iso3;
        ``df.attrs`` holds home, years and home_roll_calls."""
        frame = super().to_pandas().set_index("iso3")
        frame.attrs.update(home=self._home, years=self._years,
                           home_roll_calls=self._home_roll_calls)
        return frame

    def _repr_header(self) -> str:
        return (f"<citynet.UnAgreement of {self._home} "
                f"{self._years[0]}..{self._years[1]}: "
                f"{self._home_roll_calls} roll calls, {len(self)} countries>")


# ---------------------------------------------------------------------------
# View methods
# ---------------------------------------------------------------------------

class AlignmentMethods:
    """Mixin of :class:`~citynet.View`: composition by group, E-I index,
    alignment profiles against a baseline and period comparisons."""

    __slots__ = ()

    def group_composition(self: "View", focus: NodeRef,
                          groups: Union[str, Sequence[str], None] = None
                          ) -> GroupComposition:
        """Returns the :class:`GroupComposition` of the focus node's entries
        (every view tie incident to it, either direction, uncombined) by
        partner country and by group of interest, judged on each tie's
        reference date, over all layers and per layer, with Blau and IQV.

        ``groups``: the groups of interest, in order (default: every group
        of the network). NotFoundError for a focus outside the view or an
        unknown group. (``citynet ego``'s composition and diversity
        tables.)"""
        index = _node_in_view(self, focus, "focus")
        options = _options(self.network, groups=groups)
        used = str_list(groups, "groups") or self.network.groups
        with options:
            return GroupComposition._compute(self, index, options, used)

    def ei_index(self: "View", focus: Optional[NodeRef] = None,
                 group: Optional[str] = None, *, permutations: int = 1000,
                 seed: int = 1, threads: int = 0, level: float = 0.95,
                 strata: Union[str, Sequence[str], None] = None,
                 strata_by_kind: bool = False, label_date: DateLike = None,
                 network_test: bool = True) -> EIIndex:
        """Returns Krackhardt & Stern's E-I index (:class:`EIIndex`) of the
        view's edges, counted and weighted, with permutation tests.

        Args:
            focus: the ego (a node of the view), or None for no ego row.
            group: None labels nodes by country; a group name G labels them
                "G" or "not G" on the label day (overlapping groups are
                handled one at a time this way).
            permutations: permutations per test (0: no test); default 1000.
            seed: the random seed; the same seed gives the same numbers for
                any ``threads`` (0 = every processor).
            level: the coverage of the permutation intervals, in (0, 1).
            strata: groups, in priority order, within which labels are
                permuted (a node's stratum: the first it belongs to, else
                "other"); ``strata_by_kind`` also splits by node kind.
            label_date: the day groups are judged on (default: the view's
                first day; its last when the start is open; "now" when both
                are open).
            network_test: also test the group and network rows (O(n + m)
                per permutation); the ego test costs O(degree).

        NotFoundError for a focus outside the view or an unknown group,
        UsageError/TypeError for bad options, CancelledError when the
        progress handler stops the test."""
        index = None if focus is None else _node_in_view(self, focus, "focus")
        if group is not None:
            if not isinstance(group, str):
                raise TypeError(f"group must be a str or None, not "
                                f"{type(group).__name__}")
            _known_groups(self.network, [group], "group")
        with _options(self.network, permutations=permutations, seed=seed,
                      threads=threads, level=level, strata=strata,
                      strata_by_kind=strata_by_kind, label_date=label_date,
                      network_test=network_test) as options:
            return EIIndex._compute(self, index, group, options)

    def align(self: "View", focus: Any, baseline: Any = None, *,
              baseline_view: Optional["View"] = None, by: str = "country",
              unit: str = "ties",
              groups: Union[str, Sequence[str], None] = None,
              permutations: int = 1000, seed: int = 1, threads: int = 0,
              interval: str = "permutation", level: float = 0.95,
              affinity: Optional[str] = None) -> Alignment:
        """Returns the :class:`Alignment` of the focus sample against a
        baseline sample.

        Args:
            focus: the owner node(s) of the focus sample: one node (id,
                name, index or Node) or a sequence; vertices of this view.
            baseline: the baseline's owner node(s), vertices of the
                baseline view; None = the focus nodes themselves (then
                ``baseline_view`` must be another view: a period
                comparison).
            baseline_view: the baseline's view (same network); None = this
                view. See also :meth:`compare_period`.
            by: "country" (partner countries) or "group" (the groups of
                interest plus "").
            unit: what an entry counts for: "ties" or "weight".
            groups: the groups of interest (default: every group of the
                network); also the E-I partitions after "country".
            permutations, seed, threads: the permutation test (and the
                bootstrap resamples); 0 permutations runs no test.
            interval: "permutation" (the null's central range) or
                "bootstrap" (a percentile confidence interval); the
                p-values always come from the permutation null.
            level: the coverage of the intervals, in (0, 1).
            affinity: a numeric country attribute (e.g. the key written by
                :meth:`UnAgreement.apply`) to compare the partners'
                affinity.

        NotFoundError for a node outside its view, an unknown group or
        affinity attribute; UsageError for a repeated node, a baseline equal
        to the focus sample, bad options; CancelledError when the progress
        handler stops the test. (``citynet align``.)"""
        if baseline_view is None:
            baseline_view = self
        else:
            from .view import View
            if not isinstance(baseline_view, View):
                raise TypeError(f"baseline_view must be a citynet.View, not "
                                f"{type(baseline_view).__name__}")
            if baseline_view.network._ptr != self.network._ptr:
                raise UsageError("baseline_view is a view of another network")
        nodes = _node_list(self, focus, "focus")
        baseline_nodes = _node_list(baseline_view, baseline, "baseline") \
            if baseline is not None else None
        if baseline_nodes is None:
            # The focus nodes must also be vertices of the baseline view.
            for index in nodes:
                _node_in_view(baseline_view, index, "baseline")
        options = _options(self.network, groups=groups, by=by, unit=unit,
                           permutations=permutations, seed=seed,
                           threads=threads, interval=interval, level=level,
                           affinity=affinity)
        used = str_list(groups, "groups") or self.network.groups
        with options:
            return Alignment._compute(self, nodes, baseline_view,
                                      baseline_nodes, options, used, affinity)

    def compare_period(self: "View", focus: Any, start: DateLike = None,
                       end: DateLike = None, **options: Any) -> Alignment:
        """Returns the :class:`Alignment` of the focus node(s) in this view
        against themselves in another window ``start``..``end`` (either
        open with None) of a view made with this view's other options
        (layers, kinds, direction, combine): ``citynet ego
        --compare-from/--compare-to``. ``options`` are those of
        :meth:`align` (by, unit, groups, permutations, seed, ...)."""
        if "baseline" in options or "baseline_view" in options:
            raise TypeError("compare_period() takes no baseline: the focus in "
                            "the other window is the baseline")
        spec = self.options
        other = self.network.view(layers=spec["layers"], kinds=spec["kinds"],
                                  combine=spec["combine"],
                                  direction=spec["direction"],
                                  drop_isolates=spec["drop_isolates"],
                                  start=start, end=end)
        return self.align(focus, baseline_view=other, **options)
