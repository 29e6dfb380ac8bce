"""Alignment with foreign-policy blocs (alignment.h) through the binding:
composition by group, E-I index, alignment profiles, period comparison,
UN-vote agreement.

Hand-computed values are those of tests/test-alignment.c,
tests/test-ei-index.c and tests/test-unvotes.c (the derivations are in
their comments); the Istanbul numbers are compared with `citynet ego` and
`citynet align --format json` ($CITYNET_CLI) for the same permutations and
seed; the UN votes with ../shared/data/unvotes when present.
"""

import json
import math
import os
from pathlib import Path

import pytest

import citynet
from citynet import (Alignment, CancelledError, EIIndex, FileError,
                     GroupComposition, NotFoundError, TestResult, UnAgreement,
                     UnVotes, UsageError)
from conftest import (SOURCE_ROOT, assert_memory_flat, run_cli,
                      skip_if_sanitized)

SHARED = Path(os.environ.get("CITYNET_SHARED_DATA",
                             SOURCE_ROOT.parent / "shared" / "data"))
UNVOTES = SHARED / "unvotes"
WINDOW = dict(start="2019-06-23", end="2024-03-31")
GROUPS = ["EU", "NATO", "OTS", "OIC"]
NAN = math.nan


# ---------------------------------------------------------------------------
# Networks of the C tests
# ---------------------------------------------------------------------------

def alignment_network():
    """tests/test-alignment.c make_network(): F (TUR, the focus), a1 a2
    (GBR), a3 (DEU), a4 (AZE), o1 (no country), g (TUR government).
    GBR in EU 1973..2020-01-31 and NATO; DEU in EU and NATO; TUR in NATO
    and OTS (2009-10-03); AZE in OTS. Ties t0..t9 as listed there."""
    n = citynet.Network()
    for code in ("TUR", "GBR", "DEU", "AZE"):
        n.add_country(code)
    n.add_country_group("GBR", "EU", "1973-01-01", "2020-01-31")
    n.add_country_group("GBR", "NATO", "1949")
    n.add_country_group("DEU", "EU", "1958")
    n.add_country_group("DEU", "NATO", "1955")
    n.add_country_group("TUR", "NATO", "1952")
    n.add_country_group("TUR", "OTS", "2009-10-03")
    n.add_country_group("AZE", "OTS", "2009-10-03")
    for node, kind, country in (("F", "city", "TUR"), ("a1", "city", "GBR"),
                                ("a2", "city", "GBR"), ("a3", "city", "DEU"),
                                ("a4", "city", "AZE"),
                                ("o1", "organisation", None),
                                ("g", "government", "TUR")):
        n.add_node(node, kind, country=country)
    for s, t, layer, w, directed, start, end in (
            ("F", "a1", "visit", 1, False, "2019-05-01", "2019-05-01"),
            ("F", "a1", "visit", 2, False, "2021-03-01", "2021-03-01"),
            ("F", "a2", "sister", 1, False, "2015", None),
            ("F", "a3", "visit", 3, False, "2020-06-01", "2020-06-01"),
            ("F", "a4", "visit", 1, False, "2021-01-01", "2021-01-01"),
            ("F", "o1", "member", 1, False, "2010", None),
            ("g", "a4", "state", 1, True, "2021", "2021"),
            ("g", "a3", "state", 1, True, "2021", "2021"),
            ("g", "F", "meeting", 1, False, "2021-02-01", "2021-02-01"),
            ("a1", "a3", "sister", 1, False, None, None)):
        n.add_tie(s, t, layer, weight=w, directed=directed, start=start,
                  end=end)
    return n


def ei_network():
    """tests/test-ei-index.c make_network(): X1 X2 X3 (AAA), Y1 Y2 (BBB),
    Z1 (CCC), o (no country); undirected edges X1-X2 2, X1-Y1 1, X1-Y2 3,
    X1-Z1 1, X2-X3 1, Y1-Y2 1, X1-o 5."""
    n = citynet.Network()
    for node, country in (("X1", "AAA"), ("X2", "AAA"), ("X3", "AAA"),
                          ("Y1", "BBB"), ("Y2", "BBB"), ("Z1", "CCC"),
                          ("o", None)):
        n.add_node(node, "city" if country else "organisation",
                   country=country)
    for s, t, w in (("X1", "X2", 2), ("X1", "Y1", 1), ("X1", "Y2", 3),
                    ("X1", "Z1", 1), ("X2", "X3", 1), ("Y1", "Y2", 1),
                    ("X1", "o", 5)):
        n.add_tie(s, t, "sister", weight=w)
    return n


def approx(value, rel=1e-12):
    return pytest.approx(value, rel=rel, abs=1e-14, nan_ok=True)


# ---------------------------------------------------------------------------
# Composition by group
# ---------------------------------------------------------------------------

def test_group_composition_by_hand():
    v = alignment_network().view()
    c = v.group_composition("F", groups=["EU", "NATO", "OTS"])
    assert isinstance(c, GroupComposition)
    assert c.focus.id == "F" and c.groups == ["EU", "NATO", "OTS"]
    assert c.totals == (6, 7, 10.0)
    # Country rows of all layers: GBR, then "" AZE DEU TUR (1 tie each).
    countries = c.select("country")
    assert [r.key for r in countries] == ["GBR", "", "AZE", "DEU", "TUR"]
    gbr = countries[0]
    assert (gbr.alters, gbr.ties, gbr.weight) == (2, 3, 4.0)
    assert gbr.alter_share == approx(2 / 6) and gbr.tie_share == approx(3 / 7)
    assert gbr.weight_share == approx(0.4)
    assert gbr.fractional_tie_share == approx(3 / 7)
    assert countries[3].weight_share == approx(0.3)
    # The visit layer: GBR 2 ties w3, AZE 1 w1, DEU 1 w3.
    visit = c.select("country", "visit")
    assert [(r.key, r.ties, r.weight) for r in visit] == \
        [("GBR", 2, 3.0), ("AZE", 1, 1.0), ("DEU", 1, 3.0)]
    assert visit[0].weight_share == approx(3 / 7)
    # Groups of all layers, overlapping and fractional.
    groups = {r.key: r for r in c.select("group")}
    assert list(groups) == ["NATO", "EU", "OTS", ""]
    nato = groups["NATO"]
    assert (nato.alters, nato.ties, nato.weight) == (4, 5, 8.0)
    assert nato.tie_share == approx(5 / 7)
    assert nato.fractional_tie_share == approx(3 / 7)
    assert nato.fractional_weight_share == approx(0.5)
    assert nato.fractional_alter_share == approx(2 / 6)
    assert groups["EU"].fractional_tie_share == approx(1.5 / 7)
    assert groups["OTS"].fractional_weight_share == approx(0.15)
    assert c.share("group", "NATO") == approx(5 / 7)
    assert c.share("group", "NATO", unit="weight", fractional=True) == approx(0.5)
    assert c.share("group", "nowhere") == 0.0
    # Diversity: country all layers K = 5; group all layers K = 4.
    d = c.diversity
    assert len(d) == 10
    first = d[0]
    assert (first.dimension, first.layer, first.categories, first.observed) == \
        ("country", None, 5, 5)
    assert first.blau_ties == approx(36 / 49) and first.iqv_ties == approx(45 / 49)
    assert first.blau_weight == approx(0.72) and first.iqv_weight == approx(0.9)
    assert first.blau_alters == approx(7 / 9) and first.iqv_alters == approx(35 / 36)
    assert d.get("group", None, "ties") == (approx(34.5 / 49), approx(46 / 49))
    assert d.get("group", None, "weight") == (approx(0.655), approx(0.655 * 4 / 3))
    assert d.get("group", "visit")[0] == approx(0.625)
    with pytest.raises(KeyError):
        d.get("group", "nolayer")
    # Shapes.
    out = c.to_dict()
    assert out["totals"] == {"alters": 6, "ties": 7, "weight": 10.0}
    assert len(out["rows"]) == len(c) and len(out["diversity"]) == 10
    assert "GroupComposition of 'F'" in repr(c)
    assert c[0] == countries[0]


def test_group_composition_dates():
    """The tie's reference date decides the groups (Brexit)."""
    n = alignment_network()
    c2019 = n.view(start="2019", end="2019").group_composition("F", groups="EU")
    c2020 = n.view(start="2020-06").group_composition("F", groups=["EU"])
    assert c2019.share("group", "EU") == approx(2 / 3)  # t0 t2 of t0 t2 t5
    assert [r.ties for r in c2020.select("group") if r.key == "EU"] == [1]


def test_group_composition_pandas():
    pandas = pytest.importorskip("pandas")
    c = alignment_network().view().group_composition("F")
    frame = c.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(c) and frame.attrs["focus"] == "F"
    assert list(frame.columns) == list(c.columns)


# ---------------------------------------------------------------------------
# E-I index
# ---------------------------------------------------------------------------

def test_ei_index_by_hand():
    v = ei_network().view()
    e = v.ei_index("X1", permutations=0)
    assert isinstance(e, EIIndex)
    assert [(r.level, r.key, r.members) for r in e] == [
        ("ego", "AAA", 3), ("group", "AAA", 3), ("group", "BBB", 2),
        ("group", "CCC", 1), ("network", None, 6)]
    binary = [(1, 3, 0.5, 1, 0, 0.5, 0.2), (2, 3, 0.2, -1 / 3, -0.2, 1, 0.5),
              (1, 2, 1 / 3, -1, 1 / 3, 1, 7 / 9), (0, 1, 1, NAN, 1, 1, 1),
              (3, 3, 0, -0.5, -1 / 3, 1, 7 / 15)]
    weighted = [(2, 5, 3 / 7, 0.5, -3 / 7, 5 / 7), (3, 5, 0.25, 0, -0.5, 1),
                (1, 4, 0.6, 1 / 3, -0.2, 1), (0, 1, 1, NAN, 1, 1),
                (4, 5, 1 / 9, -1 / 7, -5 / 9, 1)]
    for row, want, want_w in zip(e, binary, weighted):
        assert (row.internal, row.external, row.ei, row.ei_rescaled,
                row.ei_min, row.ei_max, row.ei_expected) == \
            tuple(approx(x) for x in want)
        assert (row.internal_weight, row.external_weight, row.ei_weighted,
                row.ei_weighted_rescaled, row.ei_weighted_min,
                row.ei_weighted_max) == tuple(approx(x) for x in want_w)
        assert row.n == 0 and math.isnan(row.p_two_sided)
        assert row.direction == "none"
    assert e.label_date is None  # an open view: "now"
    assert e.ego == e[0] and e.whole == e[4]
    assert e.group_row("BBB").ei == approx(1 / 3)
    assert e.partition == "country" and e.focus.id == "X1"
    t = e.test(0)
    assert isinstance(t, TestResult)
    assert (t.observed, t.n, t.direction) == (0.5, 0, "none")
    assert math.isnan(t.p_greater) and math.isnan(t.lower)
    assert e.test(4, weighted=True).observed == approx(1 / 9)
    # Without a focus there is no ego row.
    assert v.ei_index(permutations=0).ego is None


def test_ei_index_directed_and_groups():
    n = ei_network()
    directed = n.view(direction="directed").ei_index("X1", permutations=0)
    ego = directed.ego
    assert (ego.internal, ego.external, ego.ei, ego.ei_rescaled) == (2, 6, 0.5, 1)
    # In G vs not in G: AAA and CCC (until 2010) in G.
    for code in ("AAA", "BBB", "CCC"):
        n.add_country(code)
    n.add_country_group("AAA", "G", "2000")
    n.add_country_group("CCC", "G", "2000", "2010")
    v = n.view(at="2005")
    e = v.ei_index("X1", "G", permutations=0)
    assert e.label_date == "2005-01-01" and e.partition == "G"
    assert (e.ego.key, e.ego.members, e.ego.ei) == ("G", 4, 0.0)
    assert e[2].key == "not G" and e[2].members == 2
    later = v.ei_index("X1", "G", permutations=0, label_date="2015")
    assert later.ego.ei == approx(0.5)


def test_ei_index_permutation_null():
    """The ego test's exact null: P(T >= .5) = .4, mean .2, interval
    [0, .5] (tests/test-ei-index.c test_ei_ego_null)."""
    v = ei_network().view()
    e = v.ei_index("X1", permutations=20000, network_test=False, seed=5)
    t = e.test(0)
    assert t.n == 20000 and t.observed == 0.5
    assert abs(t.p_greater - 0.4) < 0.015 and t.p_less == 1.0
    assert abs(t.mean - 0.2) < 0.01
    assert (t.lower, t.upper) == (0.0, 0.5)
    assert e.test(4).n == 0  # the network row is untested
    # Stratified by region, one label per stratum: nothing moves.
    n = ei_network()
    for code, region in (("AAA", "R1"), ("BBB", "R2"), ("CCC", "R3")):
        n.add_country(code)
        n.add_country_group(code, region)
    s = n.view().ei_index("X1", permutations=200, strata=["R1", "R2", "R3"])
    for row in s:
        if not math.isnan(row.ei):
            assert row.perm_mean == approx(row.ei)
            assert row.p_greater == 1.0 and row.p_less == 1.0
    free = n.view().ei_index("X1", permutations=2000, strata_by_kind=True)
    assert abs(free.ego.p_greater - 0.4) < 0.05


def test_ei_index_segregated():
    """Two cliques of 10 joined by one edge: the network E-I is -89/91 and
    far below every relabelling."""
    n = citynet.Network()
    for i in range(20):
        n.add_node(f"n{i}", "city", country="AAA" if i < 10 else "BBB")
    for i in range(20):
        for j in range(i + 1, 20):
            if (i < 10) == (j < 10) or (i, j) == (0, 10):
                n.add_tie(f"n{i}", f"n{j}", "sister")
    e = n.view().ei_index("n0", permutations=999, seed=2024)
    assert e.whole.ei == approx(-89 / 91)
    assert e.whole.p_less < 0.01 and e.whole.direction == "less"
    assert e.ego.ei == approx(-0.8) and e.ego.p_less < 0.01


def test_ei_index_reproducible():
    v = ei_network().view()
    runs = [v.ei_index("X1", permutations=777, seed=31337, threads=t)
            for t in (1, 2, 5)]
    dicts = [json.dumps(r.to_dict(), sort_keys=True) for r in runs]
    assert dicts[0] == dicts[1] == dicts[2]
    other = v.ei_index("X1", permutations=777, seed=31338)
    assert json.dumps(other.to_dict(), sort_keys=True) != dicts[0]


# ---------------------------------------------------------------------------
# Alignment profile
# ---------------------------------------------------------------------------

def test_align_by_hand():
    v = alignment_network().view()
    a = v.align("F", "g", groups=["EU", "NATO", "OTS"], permutations=2000)
    assert isinstance(a, Alignment)
    assert a.by == "country" and a.unit == "ties"
    assert [n.id for n in a.focus] == ["F"] and [n.id for n in a.baseline] == ["g"]
    assert a.totals == (7, 7.0, 3, 3.0)
    want = [("GBR", 3 / 7, 0), ("AZE", 1 / 7, 1 / 3), ("DEU", 1 / 7, 1 / 3),
            ("TUR", 1 / 7, 1 / 3), ("", 1 / 7, 0)]
    assert [r.key for r in a] == [k for k, _, _ in want]
    for row, (key, share, base) in zip(a, want):
        assert row.focus_share == approx(share)
        assert row.baseline_share == approx(base)
        assert row.difference == approx(share - base)
        assert row.ratio == (math.inf if base == 0 else approx(share / base))
        assert row.n == 2000 and row.lower <= row.upper
        assert 0 < row.p_two_sided <= 1
    assert a.category("GBR").focus_units == 3.0
    assert a.jsd.observed == approx(0.3705065005495054)
    assert 0 < a.jsd.p_greater <= 1
    assert a.blau.blau == approx(36 / 49) and a.blau.baseline_blau == approx(2 / 3)
    assert a.blau.iqv == approx(45 / 49) and a.blau.baseline_iqv == approx(5 / 6)
    assert a.blau.difference.observed == approx(10 / 147)
    ei = a.ei.to_dict()
    assert list(ei) == ["country", "EU", "NATO", "OTS"]
    for name, (mine, base) in {"country": (2 / 3, 1 / 3), "EU": (0, -1 / 3),
                               "NATO": (-2 / 3, -1 / 3),
                               "OTS": (1 / 3, -1 / 3)}.items():
        assert ei[name]["ei"] == approx(mine)
        assert ei[name]["baseline_ei"] == approx(base)
        assert ei[name]["difference"] == approx(mine - base)
    assert a.affinity is None
    summary = a.summary
    assert [r.statistic for r in summary] == ["jsd", "blau", "iqv", "ei", "ei",
                                              "ei", "ei"]
    assert summary[0].p_value == a.jsd.p_greater
    d = a.to_dict()
    assert d["focus"] == ["F"] and d["profile"][0]["key"] == "GBR"
    assert d["jsd"]["observed"] == approx(0.3705065005495054)
    assert "Alignment by country" in repr(a)


def test_align_groups_weight():
    v = alignment_network().view()
    a = v.align("F", ["g"], groups=["EU", "NATO", "OTS"], by="group",
                unit="weight", permutations=0)
    assert a.by == "group" and a.unit == "weight"
    assert [(r.key, r.focus_share, r.baseline_share) for r in a] == [
        ("EU", approx(0.5), approx(1 / 3)), ("NATO", approx(0.8), approx(2 / 3)),
        ("OTS", approx(0.2), approx(2 / 3)), ("", approx(0.1), 0.0)]
    assert all(r.n == 0 and math.isnan(r.p_two_sided) for r in a)
    assert a.jsd.observed == approx(0.1398671813459045)
    assert a.blau.blau == approx(0.655) and a.blau.baseline_blau == approx(11 / 18)


def test_align_affinity():
    n = alignment_network()
    for code, value in (("GBR", 0.8), ("DEU", 0.6), ("AZE", 0.9), ("TUR", 1.0)):
        n.set_country_attribute(code, "aff", value)
    v = n.view()
    a = v.align("F", "g", groups=["EU", "NATO", "OTS"], affinity="aff",
                permutations=500)
    aff = a.affinity
    assert aff.key == "aff"
    assert (aff.focus.entries, aff.focus.missing) == (6, 1)
    assert aff.focus.mean == approx(4.9 / 6) and aff.focus.median == 0.8
    assert (aff.baseline.entries, aff.baseline.missing) == (3, 0)
    assert aff.baseline.mean == approx(2.5 / 3) and aff.baseline.median == 0.9
    assert aff.quantile(0) == 0.6 and aff.quantile(1) == 1.0
    assert aff.quantile(0.25) == 0.8 and aff.quantile(0.5, baseline=True) == 0.9
    assert aff.mean_difference.observed == approx(-1 / 60)
    assert aff.median_difference.observed == approx(-0.1)
    assert aff.mean_difference.n == 500
    assert [r.statistic for r in a.summary][-2:] == ["affinity_mean",
                                                     "affinity_median"]
    assert a.to_dict()["affinity"]["focus"]["min"] == 0.6
    w = v.align("F", "g", affinity="aff", unit="weight", permutations=0)
    assert w.affinity.focus.mean == approx(6.9 / 9)
    with pytest.raises(UsageError):
        aff.quantile(1.5)
    with pytest.raises(TypeError):
        aff.quantile("half")


def test_compare_period():
    n = alignment_network()
    later = n.view(start="2020", end="2021")
    a = later.align("F", baseline_view=n.view(start="2015", end="2019"),
                    permutations=300)
    assert (a.totals.entries, a.totals.baseline_entries) == (6, 3)
    assert a.category("GBR").focus_share == approx(2 / 6)
    assert a.category("GBR").baseline_share == approx(2 / 3)
    b = later.compare_period("F", "2015", "2019", permutations=300)
    assert b.to_dict() == a.to_dict()
    assert b.baseline_view.period == ("2015-01-01", "2019-12-31")
    with pytest.raises(UsageError, match="baseline is the focus"):
        later.align("F")
    with pytest.raises(TypeError):
        later.compare_period("F", "2015", baseline="g")


def test_align_strong_difference_and_threads():
    """40 entries all XXX against 40 all YYY: JSD 1, p_greater 1/(n+1); a
    bootstrap interval [1, 1]; equal results for 1 to 3 threads."""
    n = citynet.Network()
    n.add_node("A", "city", country="XXX")
    n.add_node("B", "city", country="YYY")
    for i in range(40):
        n.add_node(f"x{i}", "city", country="XXX")
        n.add_node(f"y{i}", "city", country="YYY")
        n.add_tie("A", f"x{i}", "visit")
        n.add_tie("B", f"y{i}", "visit")
    v = n.view()
    results = {}
    for threads in (1, 2, 3):
        for interval in ("permutation", "bootstrap"):
            results[threads, interval] = v.align(
                "A", "B", permutations=999, seed=7, threads=threads,
                interval=interval).jsd
    p, b = results[1, "permutation"], results[1, "bootstrap"]
    assert p.observed == approx(1.0) and p.p_greater == approx(1 / 1000)
    assert p.upper < 0.2
    assert (b.lower, b.upper) == (approx(1.0), approx(1.0))
    assert b.p_greater == approx(1 / 1000)
    for (threads, interval), result in results.items():
        assert repr(result) == repr(results[1, interval])


def test_align_reproducible_with_seed():
    v = alignment_network().view()
    one = v.align("F", "g", permutations=400, seed=11)
    two = v.align("F", "g", permutations=400, seed=11)
    three = v.align("F", "g", permutations=400, seed=12)
    assert repr(one.to_dict()) == repr(two.to_dict())
    assert repr(one.to_dict()) != repr(three.to_dict())


def test_align_pandas():
    pytest.importorskip("pandas")
    a = alignment_network().view().align("F", "g", permutations=0)
    frame = a.to_pandas()
    assert list(frame.index) == ["GBR", "AZE", "DEU", "TUR", ""]
    assert frame.attrs["baseline"] == ["g"]
    assert len(a.ei.to_pandas()) == len(a.ei)
    assert len(a.summary.to_pandas()) == len(a.summary)


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

def test_bad_input():
    n = alignment_network()
    v = n.view(kinds="city")
    with pytest.raises(NotFoundError, match="not in the view"):
        v.group_composition("g")
    with pytest.raises(NotFoundError):
        v.group_composition("nowhere")
    with pytest.raises(NotFoundError, match="unknown group 'NATo'.*NATO"):
        v.group_composition("F", groups=["NATo"])
    with pytest.raises(NotFoundError):
        v.ei_index("F", "Atlantis")
    with pytest.raises(NotFoundError):
        v.ei_index("F", strata=["Atlantis"])
    with pytest.raises(NotFoundError, match="not in the view"):
        v.ei_index("o1")
    with pytest.raises(NotFoundError, match="attribute"):
        v.align("F", "a1", affinity="nothing")
    with pytest.raises(NotFoundError):
        v.align("F", "g")  # a government outside a city view
    with pytest.raises(IndexError):
        v.align("F", 99)
    with pytest.raises(UsageError, match="named twice"):
        v.align("F", ["a1", "a1"])
    with pytest.raises(UsageError, match="no node"):
        v.align([], "a1")
    with pytest.raises(UsageError, match="permutations"):
        v.ei_index("F", permutations=-1)
    with pytest.raises(UsageError, match="permutations"):
        v.align("F", "a1", permutations=10 ** 9)
    with pytest.raises(UsageError, match="seed"):
        v.align("F", "a1", seed=-1)
    with pytest.raises(UsageError, match="threads"):
        v.align("F", "a1", threads=5000)
    with pytest.raises(UsageError, match="between 0 and 1"):
        v.align("F", "a1", level=1.0)
    with pytest.raises(UsageError, match="between 0 and 1"):
        v.ei_index("F", level=float("nan"))
    with pytest.raises(UsageError, match="by must be one of country, group"):
        v.align("F", "a1", by="layer")
    with pytest.raises(UsageError, match="unit must be one of ties, weight"):
        v.align("F", "a1", unit="alters")
    with pytest.raises(UsageError, match="interval"):
        v.align("F", "a1", interval="jackknife")
    with pytest.raises(UsageError):
        v.ei_index("F", label_date="2019-13")
    with pytest.raises(UsageError):
        v.ei_index("F", label_date="")
    for bad in (dict(permutations=1.5), dict(permutations="10"),
                dict(seed=True), dict(threads=None), dict(level="high"),
                dict(strata_by_kind="yes"), dict(network_test=None),
                dict(label_date=3.5)):
        with pytest.raises(TypeError):
            v.ei_index("F", **bad)
    with pytest.raises(TypeError):
        v.ei_index("F", 42)
    with pytest.raises(TypeError):
        v.group_composition(None)
    with pytest.raises(TypeError):
        v.group_composition(True)
    with pytest.raises(TypeError):
        v.group_composition("F", groups=[1])
    with pytest.raises(TypeError):
        v.align("F", "a1", by=1)
    with pytest.raises(TypeError):
        v.align("F", "a1", baseline_view="later")
    with pytest.raises(UsageError, match="another network"):
        v.align("F", "a1", baseline_view=alignment_network().view())
    with pytest.raises(UsageError, match="NUL"):
        v.ei_index("F", label_date="2019\0")
    # A node added after the view was made is not in it (and must not
    # reach the C lookup).
    n.add_node("late", "city", country="TUR")
    with pytest.raises(NotFoundError, match="not in the view"):
        v.group_composition("late")


# ---------------------------------------------------------------------------
# UN votes
# ---------------------------------------------------------------------------

ROLL_CALLS = (
    '"rcid","session","importantvote","date","unres","short","descr"\n'
    '1,65,0,"2010-05-01","R/1","A","with a ""quote"", and a comma"\n'
    '2,65,0,"2011-01-01","R/2","B","x"\n'
    '3,67,0,"2012-06-01","R/3","C","y"\n'
    '4,64,0,"2009-12-31","R/4","D","z"\n'
    '5,54,0,"1999-09-01","R/5","E","w"\n')
VOTES = (
    '"rcid","country","country_code","vote"\n'
    '1,"Turkey","TR","yes"\n1,"Germany","DE","no"\n'
    '1,"Yugoslavia","YU","yes"\n1,"Namibia","NA","abstain"\n'
    '2,"Turkey","TR","abstain"\n2,"Germany","DE","yes"\n'
    '2,"Namibia","NA","abstain"\n'
    '3,"Turkey","TR","no"\n3,"Federal Republic of Germany",,"no"\n'
    '3,"Germany","DE","abstain"\n3,"Namibia","NA","abstain"\n'
    '4,"Turkey","TR","yes"\n4,"Germany","DE","yes"\n'
    '5,"Yugoslavia","YU","no"\n')


@pytest.fixture
def toy_votes(tmp_path):
    (tmp_path / "un_roll_calls.csv").write_text(ROLL_CALLS)
    (tmp_path / "un_votes.csv").write_text(VOTES)
    return tmp_path


def test_unvotes_by_hand(toy_votes):
    """tests/test-unvotes.c: home TUR 2010..2012: DEU .5, NAM 2/3, SRB 1
    (Yugoslavia's 2010 vote), TUR 1; one conflict (FRG and Germany)."""
    votes = UnVotes.load(toy_votes)
    assert (votes.n_roll_calls, votes.n_votes, votes.n_conflicts) == (5, 14, 1)
    assert len(votes) == 6
    assert votes[2] == ("Yugoslavia (as Serbia, from 2006-06-03)", "YU", "SRB", 1)
    assert votes[4][:3] == ("Federal Republic of Germany", "", "DEU")
    assert [c.name for c in votes.unmapped] == ["Yugoslavia"]
    ag = votes.agreement("TUR", (2010, 2012))
    assert isinstance(ag, UnAgreement)
    assert (ag.home, ag.home_roll_calls, ag.years) == ("TUR", 3, (2010, 2012))
    assert ag.rows == [("DEU", 3, 0.5), ("NAM", 3, approx(2 / 3)),
                       ("SRB", 1, 1.0), ("TUR", 3, 1.0)]
    assert ag.to_dict() == {"DEU": 0.5, "NAM": approx(2 / 3), "SRB": 1.0,
                            "TUR": 1.0}
    assert ag.score("NAM") == approx(2 / 3) and math.isnan(ag.score("MNE"))
    assert ag.default_key == "un_agreement_TUR_2010_2012"
    assert votes.agreement("TUR", "2010..2012").rows == ag.rows
    assert votes.agreement("Germany", (2010, 2012)).score("TUR") == 0.5
    assert votes.agreement("TR", 2011).home_roll_calls == 1
    # Applied to a network: three scores, XKX missing.
    n = citynet.Network()
    for code in ("TUR", "DEU", "XKX", "NAM"):
        n.add_country(code)
    applied = ag.apply(n)
    assert applied == ("un_agreement_TUR_2010_2012", 3, ["XKX"])
    assert n.countries["DEU"].attrs[ag.default_key] == 0.5
    assert ag.default_key not in n.countries["XKX"].attrs
    assert ag.apply(n, "tur")[0] == "tur"
    assert n.countries["NAM"].attrs["tur"] == approx(2 / 3)


def test_unvotes_errors(toy_votes, tmp_path):
    votes = UnVotes.load(toy_votes)
    with pytest.raises(NotFoundError, match="cast no vote"):
        votes.agreement("TR", (2013, 2014))
    with pytest.raises(NotFoundError, match="no vote"):
        votes.agreement("Atlantis")
    with pytest.raises(UsageError, match="reversed"):
        votes.agreement("TUR", (2012, 2010))
    with pytest.raises(UsageError):
        votes.agreement("TUR", (0, 2010))
    with pytest.raises(UsageError):
        votes.agreement("TUR", "2010-2012")
    with pytest.raises(UsageError):
        votes.agreement("TUR", (2010, 2011, 2012))
    with pytest.raises(TypeError):
        votes.agreement("TUR", (2010.0, 2012))
    with pytest.raises(TypeError):
        votes.agreement("TUR", True)
    with pytest.raises(TypeError):
        votes.agreement(90)
    ag = votes.agreement("TUR", 2010)
    with pytest.raises(TypeError):
        ag.apply("network")
    with pytest.raises(UsageError):
        ag.apply(citynet.Network(), "")
    with pytest.raises(TypeError):
        ag.score(None)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileError, match="un_roll_calls.csv"):
        UnVotes.load(empty)
    with pytest.raises(FileError):
        UnVotes.load(tmp_path / "missing")
    with pytest.raises(TypeError):
        UnVotes.load(None)
    (empty / "un_roll_calls.csv").write_text(ROLL_CALLS)
    (empty / "un_votes.csv").write_text(
        "rcid,country,country_code,vote\n1,Turkey,TR,yes\n2,Turkey,TR,maybe\n")
    with pytest.raises(citynet.DataError) as info:
        UnVotes.load(empty)
    assert (info.value.line, info.value.column) == (3, 4)


def real_votes():
    if not (UNVOTES / "un_roll_calls.csv").exists():
        pytest.skip(f"{UNVOTES} is absent (../shared/data not checked out): "
                    "no real UN votes to read")
    return UnVotes.load(UNVOTES)


def test_unvotes_real_file():
    votes = real_votes()
    assert (votes.n_roll_calls, votes.n_votes, votes.n_conflicts) == \
        (6203, 870109, 0)
    assert "Yugoslavia" in [c.name for c in votes.unmapped]
    ag = votes.agreement("TUR", (2010, 2019))
    assert ag.score("TUR") == 1.0 and 0.5 < ag.score("AZE") <= 1.0


# ---------------------------------------------------------------------------
# Agreement with the citynet command
# ---------------------------------------------------------------------------

def same(ours, theirs, where=""):
    """A value from Python equals one from the command's JSON (null is
    NaN, or None for text)."""
    if theirs is None:
        assert ours is None or (isinstance(ours, float) and math.isnan(ours)), \
            (where, ours)
    elif isinstance(theirs, str):
        assert ours == theirs, (where, ours, theirs)
    else:
        assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-14), \
            (where, ours, theirs)


def same_rows(ours, theirs, columns, where):
    assert len(ours) == len(theirs), where
    for k, (mine, row) in enumerate(zip(ours, theirs)):
        for ours_col, theirs_col in columns.items():
            same(getattr(mine, ours_col), row[theirs_col],
                 f"{where}[{k}].{ours_col}")


def ei_columns(tested):
    columns = {c: c for c in ("level", "key", "members", "internal",
                              "external", "ei", "ei_rescaled", "ei_min",
                              "ei_max", "ei_expected", "internal_weight",
                              "external_weight", "ei_weighted",
                              "ei_weighted_rescaled")}
    if tested:
        columns.update({c: c for c in ("lower", "upper", "p_greater", "p_less",
                                       "p_two_sided", "direction",
                                       "direction_weighted", "perm_mean")})
        columns["p_two_sided_weighted"] = "p_weighted"
    return columns


PROFILE = {c: c for c in ("key", "focus_units", "baseline_units",
                          "focus_share", "baseline_share", "difference",
                          "lower", "upper", "p_two_sided", "direction")}
SUMMARY = {c: c for c in ("statistic", "by", "focus", "baseline", "value",
                          "lower", "upper", "mean", "p_value", "direction")}


def same_profile(alignment, rows, where):
    same_rows(alignment, rows, PROFILE, where)
    for mine, row in zip(alignment, rows):
        if math.isfinite(mine.ratio):
            same(mine.ratio, row["ratio"], f"{where}.ratio")
        else:
            assert row["ratio"] is None


@pytest.mark.parametrize("permutations,seed", [(1000, 1), (300, 42)])
def test_ego_command_agrees(istanbul_path, permutations, seed):
    """`citynet ego --focus istanbul --baseline turkey-government --groups
    EU,NATO,OTS,OIC`: composition, diversity, E-I (every partition, p-values
    included), both profiles and the summary, same permutations and seed."""
    report = run_cli("ego", istanbul_path, "--focus", "istanbul",
                     "--from", WINDOW["start"], "--to", WINDOW["end"],
                     "--baseline", "turkey-government",
                     "--groups", ",".join(GROUPS),
                     "--permutations", permutations, "--seed", seed)
    v = citynet.load(istanbul_path).view(**WINDOW)
    c = v.group_composition("istanbul", groups=GROUPS)
    assert c.totals._asdict() == report["totals"]
    same_rows(c, report["composition"],
              {k: k for k in c.columns}, "composition")
    same_rows(c.diversity, report["diversity"],
              {k: k for k in c.diversity.columns}, "diversity")

    rows = []
    label_dates = set()
    for group in [None] + GROUPS:
        e = v.ei_index("istanbul", group, permutations=permutations, seed=seed)
        label_dates.add(e.label_date)
        rows += [(e.partition, row) for row in e]
    assert label_dates == {report["label_date"]}
    theirs = report["ei"]
    assert [p for p, _ in rows] == [r["partition"] for r in theirs]
    for k, ((_, mine), row) in enumerate(zip(rows, theirs)):
        for ours_col, theirs_col in ei_columns(mine.n > 0).items():
            same(getattr(mine, ours_col), row[theirs_col], f"ei[{k}].{ours_col}")

    profiles = {}
    for by in ("country", "group"):
        profiles[by] = v.align("istanbul", "turkey-government", groups=GROUPS,
                               by=by, permutations=permutations, seed=seed)
        same_profile(profiles[by], report[f"profile_{by}"], f"profile_{by}")
    summary = list(profiles["country"].summary) + \
        [r for r in profiles["group"].summary if r.statistic != "ei"]
    same_rows(summary, report["summary"], SUMMARY, "summary")
    # The numbers docs/alignment.md quotes.
    eu = profiles["group"].category("EU")
    assert (round(eu.focus_share, 3), round(eu.baseline_share, 3)) == (0.318, 0.059)
    assert round(profiles["group"].jsd.observed, 3) == 0.116


def test_align_command_periods_agree(istanbul_path):
    """`citynet align --baseline-to 2019-06-22 --by group` equals
    compare_period()."""
    report = run_cli("align", istanbul_path, "--focus", "istanbul",
                     "--from", WINDOW["start"], "--to", WINDOW["end"],
                     "--baseline-to", "2019-06-22", "--groups", ",".join(GROUPS),
                     "--by", "group", "--unit", "weight", "--permutations", 500,
                     "--seed", 3, "--interval", "bootstrap", "--level", "0.9")
    v = citynet.load(istanbul_path).view(**WINDOW)
    a = v.compare_period("istanbul", end="2019-06-22", groups=GROUPS, by="group",
                         unit="weight", permutations=500, seed=3,
                         interval="bootstrap", level=0.9)
    assert a.totals._asdict() == {
        "entries": report["totals"]["entries"],
        "units": report["totals"]["units"],
        "baseline_entries": report["totals"]["baseline_entries"],
        "baseline_units": report["totals"]["baseline_units"]}
    assert report["baseline"]["to"] == a.baseline_view.period[1]
    same_profile(a, report["profile"], "profile")
    same_rows(a.summary, report["summary"], SUMMARY, "summary")


def test_unvotes_agree_with_command(istanbul_path):
    votes = real_votes()
    report = run_cli("align", istanbul_path, "--focus", "istanbul",
                     "--from", WINDOW["start"], "--to", WINDOW["end"],
                     "--baseline", "turkey-government",
                     "--groups", ",".join(GROUPS), "--unvotes", UNVOTES,
                     "--years", "2010..2019", "--permutations", 400)
    n = citynet.load(istanbul_path)
    ag = votes.agreement("TUR", (2010, 2019))
    applied = ag.apply(n)
    assert applied.key == "un_agreement_TUR_2010_2019"
    for row in report["un_agreement"]:
        same(ag.score(row["iso3"]) if row["agreement"] is not None
             else None, row["agreement"], row["iso3"])
        if row["agreement"] is None:
            assert row["iso3"] in applied.countries_missing
    assert [(c.name, c.iso2, c.votes) for c in votes.unmapped] == \
        [(r["name"], r["iso2"], r["votes"]) for r in report["un_unmapped"]]
    v = n.view(**WINDOW)
    a = v.align("istanbul", "turkey-government", groups=GROUPS,
                affinity=applied.key, permutations=400)
    sides = report["affinity"]
    for side, row in zip((a.affinity.to_dict()["focus"],
                          a.affinity.to_dict()["baseline"]), sides):
        for column in ("entries", "missing", "mean", "min", "p10", "p25",
                       "median", "p75", "p90", "max"):
            same(side[column], row[column], f"affinity.{column}")
    same_rows(a.summary, report["summary"], SUMMARY, "summary")
    same_profile(a, report["profile"], "profile")


# ---------------------------------------------------------------------------
# Cancellation and memory
# ---------------------------------------------------------------------------

def test_cancel_permutations():
    """A progress handler that says stop ends a long permutation test with
    CancelledError; the same call runs to the end without the handler."""
    v = ei_network().view()
    seen = []

    def stop_soon(fraction, what):
        seen.append(what)
        return len(seen) < 3

    citynet.set_progress_handler(stop_soon)
    try:
        with pytest.raises(CancelledError):
            v.ei_index("X1", permutations=2_000_000, threads=1)
        if not any("E-I" in what for what in seen):
            pytest.skip("the library reports no progress for E-I permutations")
        seen.clear()
        with pytest.raises(CancelledError):
            v.align("X1", "Y1", permutations=2_000_000, threads=1)
        assert any("permutations" in what.lower() for what in seen)
    finally:
        citynet.set_progress_handler(None)
    assert v.ei_index("X1", permutations=100).ego.n == 100


@skip_if_sanitized
def test_memory_flat(toy_votes):
    n = alignment_network()
    for code, value in (("GBR", 0.8), ("DEU", 0.6), ("AZE", 0.9), ("TUR", 1.0)):
        n.set_country_attribute(code, "aff", value)
    v = n.view()
    other = n.view(end="2019")

    def step():
        v.group_composition("F")
        v.ei_index("F", "EU", permutations=20)
        a = v.align("F", "g", permutations=20, affinity="aff")
        a.affinity.quantile(0.5)
        v.align("F", baseline_view=other, by="group", permutations=10,
                interval="bootstrap")
        votes = UnVotes.load(toy_votes)
        votes.agreement("TUR", (2010, 2012)).apply(n, "un")
        with pytest.raises(NotFoundError):
            v.align("F", "nowhere")
        with pytest.raises(UsageError):
            votes.agreement("TUR", (2012, 2010))

    assert_memory_flat(step, warmup=200, rounds=2000)
