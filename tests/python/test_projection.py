"""Two-mode projection and global network connectivity from Python
(citynet/projection.py).

The toy's pair weights and connectivities are those of
tests/test-projection.c, worked out by hand there; the Istanbul bundle's
projections must equal `citynet project ... --format json`.
"""

import gc
import math

import pytest

import citynet
from conftest import assert_memory_flat, run_cli, skip_if_sanitized

EXACT = 1e-14


def toy(directed=False):
    """Cities c1 c2 c3 (and c4, a member of nothing) in organisations o1, o2:
    c1-o1 2, c2-o1 1, c3-o1 3, c1-o2 1, c2-o2 4 (membership intensities).
    n_o1 = 3, n_o2 = 2. Not memberships: a "sister" tie c1-c3, a "member"
    tie c2-c3 (two cities) and a "member" tie o1-o2."""
    n = citynet.Network()
    n.add_country("TUR", "Türkiye")
    n.add_country("GRC", "Greece", score=0.5)
    n.add_country_group("GRC", "EU", "1981")
    n.add_node("o1", "organisation")
    n.add_node("c1", "city", country="TUR", population=1000)
    n.add_node("c2", "city", country="GRC", mayor="X")
    n.add_node("o2", "organisation")
    n.add_node("c3", "city", country="TUR")
    n.add_node("c4", "city", country="GRC")
    for s, t, layer, w in (("c1", "o1", "member", 2), ("o1", "c2", "member", 1),
                           ("c3", "o1", "member", 3), ("c1", "o2", "member", 1),
                           ("c2", "o2", "member", 4), ("c1", "c3", "sister", 1),
                           ("c2", "c3", "member", 1), ("o1", "o2", "member", 1)):
        n.add_tie(s, t, layer, weight=w, directed=directed)
    return n


def pair_weights(projection):
    return {(row.a, row.b): row.weight for row in projection.pairs()}


# -- hand-computed values --------------------------------------------------------------

# Count: c1-c2 share o1 and o2: 2; c1-c3: 1; c2-c3: 1.
# Newman: o1 gives 1/(3-1) to each of its pairs, o2 1/(2-1):
#   c1-c2 3/2, c1-c3 1/2, c2-c3 1/2.
# GaWC: c1-c2 2x1 + 1x4 = 6, c1-c3 2x3 = 6, c2-c3 1x3 = 3.
# GNC = sum of a city's tie weights; share = GNC / max GNC.
TOY_CASES = [
    ("count", (2, 1, 1), (3, 3, 2, 0)),
    ("newman", (1.5, 0.5, 0.5), (2, 2, 1, 0)),
    ("gawc", (6, 6, 3), (12, 9, 9, 0)),
]


@pytest.mark.parametrize("method,weights,gnc", TOY_CASES)
def test_toy_by_hand(method, weights, gnc):
    p = toy().view().project(method)
    assert isinstance(p, citynet.Projection)
    assert p.method == method
    assert p.stats == citynet.ProjectionStats(projected_nodes=4, through_nodes=2,
                                              memberships=5, ties_used=5,
                                              ties_ignored=2, pairs=3)
    got = pair_weights(p)
    assert list(got) == sorted(got, key=lambda k: -got[k])  # heaviest first
    assert got[("c1", "c2")] == pytest.approx(weights[0], abs=EXACT)
    assert got[("c1", "c3")] == pytest.approx(weights[1], abs=EXACT)
    assert got[("c2", "c3")] == pytest.approx(weights[2], abs=EXACT)
    assert ("c1", "c4") not in got
    view = p.view
    assert isinstance(view, citynet.View) and not view.directed
    assert len(view.vertices) == 4 and len(view.edges) == 3
    cities = ["c1", "c2", "c3", "c4"]
    g = p.connectivity()
    assert g.measure == "gnc"
    assert g.values == pytest.approx(list(gnc), abs=EXACT)
    share = p.connectivity(share=True)
    assert share.measure == "gnc_share"
    assert share.values == pytest.approx([x / max(gnc) for x in gnc], abs=EXACT)
    assert view.connectivity() == g
    # GNC is the strength on the projection: every measure accepts it.
    strength = view.centrality("strength")
    assert [strength.value(c) for c in cities] == pytest.approx(list(gnc), abs=EXACT)
    view.centrality("pagerank")
    view.clustering()


def test_pairs_table():
    p = toy().view().project("gawc")
    pairs = p.pairs()
    assert isinstance(pairs, citynet.ProjectionPairs)
    # Heaviest first; equal weights in (a, b) order; competition ranks.
    assert [(r.a, r.b, r.weight, r.shared, r.rank) for r in pairs] == [
        ("c1", "c2", 6.0, 2, 1), ("c1", "c3", 6.0, 1, 1), ("c2", "c3", 3.0, 1, 3)]
    assert pairs.columns == ("a", "a_name", "b", "b_name", "weight", "shared", "rank")
    assert pairs.to_dict()["weight"] == [6.0, 6.0, 3.0]
    assert "3 pairs" in repr(pairs)
    d = p.to_dict()
    assert d["stats"]["pairs"] == 3 and d["member_layers"] == ["member"]
    assert d["gnc"] == {"c1": 12.0, "c2": 9.0, "c3": 9.0, "c4": 0.0}
    assert "gawc" in repr(p) and "4 nodes, 3 ties" in repr(p)


def test_projected_network(tmp_path):
    source = toy()
    p = source.view().project("gawc")
    out = p.network
    assert [node.id for node in out.nodes] == ["c1", "c2", "c3", "c4"]
    assert out.nodes["c2"].country == "GRC"
    assert out.nodes["c1"].population == 1000
    assert out.nodes["c2"].attrs == {"mayor": "X"}
    assert out.countries["GRC"].attrs == {"score": 0.5}
    assert out.in_group("GRC", "EU")
    ties = list(out.ties)
    assert [(t.source, t.target) for t in ties] == [("c1", "c2"), ("c1", "c3"),
                                                    ("c2", "c3")]
    assert ties[0].layer == "projection" and not ties[0].directed
    assert ties[0].ref == "projection:gawc of member (city x organisation)"
    assert ties[0].attrs == {"shared": "2"} and ties[2].attrs == {"shared": "1"}
    # It saves and loads as a bundle.
    out.save(tmp_path / "projected")
    loaded = citynet.load(tmp_path / "projected")
    assert next(iter(loaded.ties)).weight == pytest.approx(6, abs=EXACT)
    # The projection keeps its own network alive without the source.
    del source
    gc.collect()
    assert p.view.centrality("degree").to_dict() == {"c1": 2, "c2": 2, "c3": 2, "c4": 0}


def test_direction_and_combine():
    """Directed memberships are read once each; a second c1-o1 tie of
    weight 4 makes v_c1,o1 = 6 (sum, none), 4 (max) or 2 (count, where
    every other v is 1). GaWC c1-c2: 10, 8, 3; c1-c3: 18, 12, 2."""
    n = toy(directed=True)
    n.add_tie("c1", "o1", "member", weight=4, directed=True)
    for combine, w12, w13 in (("sum", 10, 18), ("max", 8, 12), ("count", 3, 2),
                              ("none", 10, 18)):
        view = n.view(direction="directed", combine=combine)
        p = view.project("gawc")
        assert p.stats.ties_used == 6 and p.stats.memberships == 5
        got = pair_weights(p)
        assert (got[("c1", "c2")], got[("c1", "c3")]) == pytest.approx((w12, w13),
                                                                       abs=EXACT)
        assert pair_weights(view.project("count"))[("c1", "c2")] == 2


def test_dated_memberships():
    n = citynet.Network()
    n.add_country("TUR", "Türkiye")
    n.add_node("a", "city", country="TUR")
    n.add_node("b", "city", country="TUR")
    n.add_node("x", "organisation")
    n.add_node("y", "organisation")
    n.add_tie("a", "x", "member", start="2010")
    n.add_tie("b", "x", "member", start="2010")
    n.add_tie("a", "y", "member", start="2010", end="2018")
    n.add_tie("b", "y", "member", start="2010", end="2018")
    assert pair_weights(n.view(at="2019").project()) == {("a", "b"): 1.0}
    assert pair_weights(n.view().project()) == {("a", "b"): 2.0}


def test_reverse_projection_and_layers():
    """Organisations through cities, memberships in member and sister: o1
    and o2 share c1 and c2; the sister tie c1-c3 and the member ties c2-c3
    and o1-o2 are ignored."""
    p = toy().view().project(projected_kind="organisation", through_kind="city",
                             layers=["member", "sister"])
    assert p.stats.ties_ignored == 3
    assert pair_weights(p) == {("o1", "o2"): 2.0}
    assert (p.projected_kind, p.through_kind, p.layers) == \
        ("organisation", "city", ["member", "sister"])
    assert next(iter(p.network.ties)).ref == \
        "projection:count of member,sister (organisation x city)"
    # A single layer may be given as a str.
    assert toy().view().project(layers="member").stats.pairs == 3


def test_no_memberships():
    p = toy().view(layers=["sister"]).project(layers="sister")
    assert len(p.view.edges) == 0 and p.stats.pairs == 0
    share = p.connectivity(share=True)
    assert all(math.isnan(x) for x in share.values)
    assert p.connectivity().values == [0, 0, 0, 0]


def test_method_names():
    assert citynet.PROJECTION_METHODS == ("count", "newman", "gawc")
    view = toy().view()
    assert view.project("GaWC").method == "gawc"


# -- bad input ----------------------------------------------------------------------------

def test_errors():
    view = toy().view()
    with pytest.raises(citynet.UsageError) as info:
        view.project("jaccard")
    assert "count, newman, gawc" in str(info.value)
    with pytest.raises(citynet.UsageError, match="two different node kinds"):
        view.project(projected_kind="city", through_kind="city")
    with pytest.raises(citynet.NotFoundError, match='no node kind "club"'):
        view.project(through_kind="club")
    with pytest.raises(citynet.NotFoundError, match='no layer "partner"'):
        view.project(layers=["partner"])
    with pytest.raises(citynet.UsageError, match="NUL"):
        view.project(projected_kind="ci\0ty")


@pytest.mark.parametrize("call", [
    lambda v: v.project(None),
    lambda v: v.project(1),
    lambda v: v.project(projected_kind=None),
    lambda v: v.project(through_kind=3),
    lambda v: v.project(layers=[1]),
    lambda v: v.connectivity(share="yes"),
    lambda v: v.connectivity(share=None),
])
def test_wrong_types(call):
    with pytest.raises(TypeError):
        call(toy().view())


def test_projection_cannot_be_made_directly():
    with pytest.raises(TypeError):
        citynet.Projection()


# -- agreement with the command line on data/istanbul ----------------------------------------

def same_number(ours, theirs):
    if theirs is None:
        return math.isnan(ours)
    return ours == pytest.approx(theirs, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("method", ["count", "newman", "gawc"])
@pytest.mark.parametrize("view_args,cli_args", [
    ({}, []),
    ({"start": "2019-06-23", "end": "2024-03-31", "combine": "max"},
     ["--from", "2019-06-23", "--to", "2024-03-31", "--combine", "max"]),
])
def test_agrees_with_cli(istanbul_path, method, view_args, cli_args):
    n = citynet.load(istanbul_path)
    p = n.view(**view_args).project(method)
    report = run_cli("project", istanbul_path, "--method", method, *cli_args)
    summary = report["summary"]
    assert summary["method"] == p.method
    assert summary["projected_kind"] == p.projected_kind
    assert summary["through_kind"] == p.through_kind
    assert summary["member_layers"] == ",".join(p.layers)
    assert {k: summary[k] for k in p.stats._fields} == p.stats._asdict()
    pairs = p.pairs()
    assert len(pairs) == len(report["pairs"]) == p.stats.pairs > 0
    for ours, theirs in zip(pairs.to_records(), report["pairs"]):
        for key in ("a", "a_name", "b", "b_name", "shared", "rank"):
            assert ours[key] == theirs[key], (ours, theirs)
        assert same_number(ours["weight"], theirs["weight"])
    scores = {"gnc": p.connectivity(), "gnc_share": p.connectivity(share=True)}
    counted = {"gnc": 0, "gnc_share": 0}
    for row in report["rows"]:
        s = scores[row["measure"]]
        assert same_number(s.value(row["id"]), row["value"]), row
        assert s.rank(row["id"]) == row["rank"], row
        counted[row["measure"]] += 1
    assert counted == {"gnc": len(scores["gnc"]), "gnc_share": len(scores["gnc_share"])}


def test_saved_projection_agrees_with_cli(istanbul_path, tmp_path):
    """`citynet project -o` writes the same network as Projection.network."""
    out = tmp_path / "projected"
    run_cli("project", istanbul_path, "--method", "gawc", "-o", out)
    theirs = citynet.load(out)
    ours = citynet.load(istanbul_path).view().project("gawc").network
    assert [n.id for n in theirs.nodes] == [n.id for n in ours.nodes]
    assert [(t.source, t.target, t.weight, t.ref, t.attrs) for t in theirs.ties] == \
        [(t.source, t.target, t.weight, t.ref, t.attrs) for t in ours.ties]


# -- memory ---------------------------------------------------------------------------------

@skip_if_sanitized
def test_memory_flat():
    view = toy().view()

    def step():
        for method in citynet.PROJECTION_METHODS:
            p = view.project(method)
            p.pairs()
            p.connectivity()
            p.connectivity(share=True)
            p.view.centrality("betweenness")
        with pytest.raises(citynet.NotFoundError):
            view.project(layers=["partner"])
        with pytest.raises(citynet.UsageError):
            view.project("jaccard")

    assert_memory_flat(step, warmup=100, rounds=1500)
