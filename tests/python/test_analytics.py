"""Centrality and clustering from Python (citynet/analytics.py).

Hand-computed values on small graphs (the numbers of tests/test-centrality.c
and tests/test-clustering.c, worked out there in the comments), agreement
with `citynet centrality|cluster ... --format json` on data/istanbul for
every measure and option, agreement with NetworkX and python-igraph on a
generated graph, bad input, memory, and cancelling a long betweenness
through the progress handler.
"""

import math
import random

import pytest

import citynet
from conftest import (assert_memory_flat, city_network, run_cli,
                      skip_if_sanitized, small_network)

WINDOW = dict(start="2019-06-23", end="2024-03-31")
EXACT = 1e-14
SOLVED = 1e-10


def network(ids, ties):
    """A network of cities ``ids`` (country TUR) with ``ties`` given as
    (source, target, weight, directed)."""
    return city_network(ids, ties, layer="x")


STAR_IDS = ["c", "l1", "l2", "l3", "l4", "iso"]
STAR_TIES = [("c", leaf, 1, False) for leaf in ("l1", "l2", "l3", "l4")]


@pytest.fixture
def star():
    """c joined to l1..l4, all weights 1, undirected (n = 5)."""
    return network(STAR_IDS[:5], STAR_TIES).view()


@pytest.fixture
def star_iso():
    """The star plus an isolate "iso" (n = 6)."""
    return network(STAR_IDS, STAR_TIES).view()


def path(directed):
    return network("abcd", [("a", "b", 1, directed), ("b", "c", 1, directed),
                            ("c", "d", 1, directed)]).view()


@pytest.fixture
def triangle():
    """a-b 1, a-c 2, b-c 3, c-d 4, undirected."""
    return network("abcd", [("a", "b", 1, False), ("a", "c", 2, False),
                            ("b", "c", 3, False), ("c", "d", 4, False)]).view()


@pytest.fixture
def blocs():
    """Two triangles of weight 2 joined by the bridge a3 - b1 of weight 1."""
    ids = ["a1", "a2", "a3", "b1", "b2", "b3"]
    ties = [("a1", "a2", 2, False), ("a1", "a3", 2, False),
            ("a2", "a3", 2, False), ("b1", "b2", 2, False),
            ("b1", "b3", 2, False), ("b2", "b3", 2, False),
            ("a3", "b1", 1, False)]
    return network(ids, ties).view()


def directed_triangle():
    """a <=> b, a -> c, c -> b, c -> d (all weight 1)."""
    return network("abcd", [("a", "b", 1, True), ("b", "a", 1, True),
                            ("a", "c", 1, True), ("c", "b", 1, True),
                            ("c", "d", 1, True)]).view()


# -- hand-computed values --------------------------------------------------------

def test_star_degree_and_ranks(star):
    d = star.centrality("degree")
    assert isinstance(d, citynet.Scores) and d.measure == "degree"
    assert d.to_dict() == {"c": 4.0, "l1": 1.0, "l2": 1.0, "l3": 1.0, "l4": 1.0}
    assert [row.rank for row in d] == [1, 2, 2, 2, 2]
    assert [row.id for row in d.top()] == ["c", "l1", "l2", "l3", "l4"]
    norm = star.centrality("degree", normalized=True)
    assert norm.value("c") == 1.0 and norm.value("l1") == 0.25
    # The measure name is case-insensitive, as on the command line.
    assert star.centrality("DeGrEe") == d


def test_star_paths(star):
    b = star.centrality("betweenness")
    assert b.value("c") == pytest.approx(6.0, abs=EXACT)
    assert b.value("l2") == pytest.approx(0.0, abs=EXACT)
    assert star.betweenness(normalized=True).value("c") == pytest.approx(1.0, abs=EXACT)
    c = star.centrality("closeness")
    assert c.value("c") == pytest.approx(0.25, abs=EXACT)
    assert c.value("l4") == pytest.approx(1 / 7, abs=EXACT)
    cn = star.centrality("closeness", lengths="unit", normalized=True)
    assert cn.value("c") == pytest.approx(1.0, abs=EXACT)
    assert cn.value("l1") == pytest.approx(4 / 7, abs=EXACT)
    h = star.centrality("harmonic")
    assert (h.value("c"), h.value("l1")) == pytest.approx((4.0, 2.5), abs=EXACT)
    hn = star.centrality("harmonic", normalized=True)
    assert (hn.value("c"), hn.value("l1")) == pytest.approx((1.0, 0.625), abs=EXACT)


def test_star_spectral(star):
    e = star.centrality("eigenvector")
    assert e.value("c") == pytest.approx(1.0, abs=SOLVED)
    assert e.value("l1") == pytest.approx(0.5, abs=SOLVED)
    pr = star.centrality("pagerank")
    assert pr.value("c") == pytest.approx(88 / 185, abs=SOLVED)
    assert pr.value("l2") == pytest.approx(97 / 740, abs=SOLVED)
    assert sum(pr.values) == pytest.approx(1.0, abs=SOLVED)
    assert star.pagerank() == pr


def test_star_personalized_pagerank(star):
    for personalization in ("l1", ["l1"], [1], [star.network.nodes["l1"]],
                            ["l1", "l1"]):
        pr = star.centrality("pagerank", personalization=personalization)
        assert pr.value("c") == pytest.approx(17 / 37, abs=SOLVED)
        assert pr.value("l1") == pytest.approx(9.1625 / 37, abs=SOLVED)
        assert pr.value("l3") == pytest.approx(3.6125 / 37, abs=SOLVED)
        assert pr.rank("l1") == 2 and pr.rank("l4") >= 3


def test_isolate(star_iso):
    c = star_iso.centrality("closeness")
    assert math.isnan(c.value("iso")) and c.rank("iso") == 6
    assert c.value("c") == pytest.approx(0.25, abs=EXACT)
    wf = star_iso.centrality("closeness", lengths="unit", normalized=True,
                             wf_improved=True)
    assert wf.value("c") == pytest.approx(0.8, abs=EXACT)
    assert wf.value("l2") == pytest.approx(16 / 35, abs=EXACT)
    assert math.isnan(wf.value("iso"))
    assert star_iso.centrality("harmonic").value("iso") == 0.0
    assert star_iso.centrality("betweenness").value("iso") == 0.0
    assert star_iso.centrality("degree").value("iso") == 0.0
    pr = star_iso.centrality("pagerank")
    assert pr.value("iso") == pytest.approx(3 / 103, abs=SOLVED)
    assert pr.value("c") == pytest.approx(5280 / 11433, abs=SOLVED)
    assert pr.value("l4") == pytest.approx(1455 / 11433, abs=SOLVED)


def test_path_undirected():
    view = path(False)
    b = view.centrality("betweenness")
    assert [b.value(x) for x in "abcd"] == pytest.approx([0, 2, 2, 0], abs=EXACT)
    assert view.centrality("betweenness", normalized=True).value("b") == \
        pytest.approx(2 / 3, abs=EXACT)
    c = view.centrality("closeness")
    assert (c.value("a"), c.value("b")) == pytest.approx((1 / 6, 1 / 4), abs=EXACT)
    cn = view.centrality("closeness", normalized=True)
    assert (cn.value("a"), cn.value("c")) == pytest.approx((0.5, 0.75), abs=EXACT)
    h = view.centrality("harmonic")
    assert (h.value("a"), h.value("b")) == pytest.approx((11 / 6, 2.5), abs=EXACT)
    phi = (1 + math.sqrt(5)) / 2
    e = view.centrality("eigenvector")
    assert [e.value(x) for x in "abcd"] == pytest.approx([1 / phi, 1, 1, 1 / phi],
                                                         abs=SOLVED)


def test_path_directed_modes():
    view = path(True)
    assert view.directed
    assert view.centrality("degree", mode="out").values == [1, 1, 1, 0]
    assert view.centrality("degree", mode="in").values == [0, 1, 1, 1]
    assert view.centrality("degree").values == [1, 2, 2, 1]
    assert view.centrality("degree", mode="ALL").values == [1, 2, 2, 1]
    c = view.centrality("closeness")
    assert c.value("a") == pytest.approx(1 / 6, abs=EXACT)
    assert math.isnan(c.value("d"))
    cin = view.centrality("closeness", mode="in")
    assert cin.value("d") == pytest.approx(1 / 6, abs=EXACT)
    assert math.isnan(cin.value("a"))
    call = view.centrality("closeness", mode="all")
    assert (call.value("a"), call.value("b")) == pytest.approx((1 / 6, 0.25), abs=EXACT)
    b = view.centrality("betweenness", normalized=True)
    assert [b.value(x) for x in "abcd"] == pytest.approx([0, 1 / 3, 1 / 3, 0], abs=EXACT)
    # A directed acyclic graph: eigenvector 0 everywhere; ignoring
    # direction, the undirected path's.
    assert view.centrality("eigenvector").values == [0, 0, 0, 0]
    ea = view.centrality("eigenvector", mode="all")
    assert ea.value("a") == pytest.approx(2 / (1 + math.sqrt(5)), abs=SOLVED)
    base = 1 / 8.609125
    pr = view.centrality("pagerank")
    assert [pr.value(x) for x in "abcd"] == pytest.approx(
        [base, 1.85 * base, 2.5725 * base, 3.186625 * base], abs=SOLVED)


def test_triangle_weights_and_lengths(triangle):
    s = triangle.centrality("strength")
    assert s.to_dict() == {"a": 3.0, "b": 4.0, "c": 9.0, "d": 4.0}
    assert triangle.centrality("strength", weighted=False).value("c") == 3.0
    # Lengths 1/w (default): closeness of a 12/25; lengths = weights: 1/9;
    # unit lengths or unweighted: 1/4.
    assert triangle.centrality("closeness").value("a") == pytest.approx(12 / 25, abs=EXACT)
    assert triangle.centrality("closeness", lengths="weight").value("a") == \
        pytest.approx(1 / 9, abs=EXACT)
    assert triangle.centrality("closeness", lengths="unit").value("a") == \
        pytest.approx(0.25, abs=EXACT)
    assert triangle.centrality("closeness", weighted=False).value("a") == \
        pytest.approx(0.25, abs=EXACT)
    # Betweenness of c: 2 with hop counts, 3 with 1/w (a-c-b beats a-b).
    assert triangle.centrality("betweenness", lengths="unit").value("c") == \
        pytest.approx(2.0, abs=EXACT)
    assert triangle.centrality("betweenness").value("c") == pytest.approx(3.0, abs=EXACT)
    # Undirected and not bipartite: hub = authority = eigenvector.
    e = triangle.centrality("eigenvector")
    for measure in ("hub", "authority"):
        assert triangle.centrality(measure).values == pytest.approx(e.values, abs=SOLVED)


def test_cutoff(triangle):
    opts = citynet.CentralityOptions(lengths="unit", cutoff=1)
    assert triangle.centrality("betweenness", options=opts).values == [0, 0, 0, 0]
    assert triangle.centrality("closeness", options=opts).value("a") == \
        pytest.approx(0.5, abs=EXACT)
    assert triangle.centrality("harmonic", options=opts).value("a") == \
        pytest.approx(2.0, abs=EXACT)
    # An infinite cutoff is no cutoff.
    assert triangle.centrality("closeness", options=opts,
                               cutoff=math.inf).value("a") == pytest.approx(0.25, abs=EXACT)
    assert opts.replace(cutoff=math.inf).cutoff is None


def test_two_blocs(blocs):
    b = blocs.centrality("betweenness")
    assert (b.value("a3"), b.value("b1"), b.value("a1")) == \
        pytest.approx((6, 6, 0), abs=EXACT)
    assert blocs.centrality("betweenness", normalized=True).value("b1") == \
        pytest.approx(0.6, abs=EXACT)
    c = blocs.centrality("closeness")
    assert (c.value("a1"), c.value("a3")) == pytest.approx((2 / 13, 0.2), abs=EXACT)
    h = blocs.centrality("harmonic")
    assert (h.value("a1"), h.value("a3")) == pytest.approx((17 / 3, 19 / 3), abs=EXACT)
    pr = blocs.centrality("pagerank")
    assert pr.value("a1") == pytest.approx(39 / 251, abs=SOLVED)
    assert pr.value("a3") == pytest.approx(95 / 502, abs=SOLVED)
    e = blocs.centrality("eigenvector")
    assert e.value("a1") == pytest.approx((math.sqrt(33) + 1) / 8, abs=SOLVED)
    # Personalised on a1, a2 with damping 0: the reset distribution.
    reset = blocs.centrality("pagerank", personalization=["a1", "a2"], damping=0)
    assert (reset.value("a1"), reset.value("b1")) == pytest.approx((0.5, 0), abs=SOLVED)
    half = blocs.centrality("pagerank", personalization=["a1", "a2"], damping=0.5)
    assert sum(half.values) == pytest.approx(1.0, abs=SOLVED)
    assert half.value("a3") > half.value("b1")


def test_subset(blocs):
    """A subset keeps the requested order, values of the whole view, and
    ranks among itself: closeness of b3, a3, a1 = 2/13, 1/5, 2/13."""
    for measure in citynet.CENTRALITY_MEASURES:
        part = blocs.centrality(measure, ["b3", "a3", "a1"])
        whole = blocs.centrality(measure)
        assert part.ids == ["b3", "a3", "a1"]
        assert part.values == [whole.value(x) for x in ("b3", "a3", "a1")]
    c = blocs.centrality("closeness", ["b3", 2, blocs.network.nodes["a1"]])
    assert [row.rank for row in c] == [2, 1, 2]
    assert blocs.centrality("degree", "a1").ids == ["a1"]


def test_centralities(blocs):
    out = blocs.centralities()
    assert list(out) == ["degree", "strength", "pagerank"]
    every = blocs.centralities("all,degree", normalized=True)
    assert list(every) == list(citynet.CENTRALITY_MEASURES)
    for name, scores in every.items():
        assert scores == blocs.centrality(name, normalized=True)
    two = blocs.centralities(["Betweenness", "pagerank", "betweenness"], ["a3"])
    assert list(two) == ["betweenness", "pagerank"]
    assert two["betweenness"].to_dict() == {"a3": pytest.approx(6.0, abs=EXACT)}


def test_options_object(blocs):
    opts = citynet.CentralityOptions(mode="ALL", lengths="Unit", normalized=True,
                                     damping=0.5, personalization=["a1"])
    assert (opts.mode, opts.lengths, opts.damping) == ("all", "unit", 0.5)
    assert citynet.CentralityOptions(**opts.to_dict()) == opts
    assert "lengths='unit'" in repr(opts)
    # Keywords given with options override it.
    assert blocs.centrality("pagerank", options=opts, damping=0.85) == \
        blocs.centrality("pagerank", personalization=["a1"], normalized=True)
    assert opts.replace(damping=0.85).damping == 0.85 and opts.damping == 0.5
    with pytest.raises(TypeError):
        opts.replace(speed=1)
    with pytest.raises(TypeError):
        blocs.centrality("degree", options={"mode": "all"})


def test_directed_and_multigraph():
    ties = [("a", "b", 1, True), ("b", "a", 1, True), ("a", "c", 1, True),
            ("c", "b", 1, True), ("c", "d", 1, True), ("a", "c", 1, True)]
    n = network("abcd", ties)
    multi = n.view(combine="none")
    summed = n.view()
    assert multi.centrality("degree", mode="out").value("a") == 3
    assert summed.centrality("degree", mode="out").value("a") == 2
    assert multi.centrality("strength", mode="out").value("a") == 3
    assert summed.centrality("strength", mode="out").value("a") == 3
    assert directed_triangle().centrality("degree", mode="all").values == [3, 3, 3, 1]


# -- clustering --------------------------------------------------------------------

def test_clustering_triangle(triangle):
    c = triangle.clustering()
    assert c.measure == "clustering"
    assert [c.value(x) for x in "abc"] == pytest.approx([1, 1, 1 / 3], abs=EXACT)
    assert math.isnan(c.value("d")) and c.rank("d") == 4
    w = triangle.clustering(weighted=True)
    assert w.measure == "barrat"
    assert [w.value(x) for x in "abc"] == pytest.approx([1, 1, 5 / 18], abs=EXACT)
    assert math.isnan(w.value("d"))
    zero = triangle.clustering(undefined="zero")
    assert zero.value("d") == 0.0
    assert triangle.average_clustering() == pytest.approx(7 / 9, abs=EXACT)
    assert triangle.average_clustering(undefined="zero") == pytest.approx(7 / 12, abs=EXACT)
    assert triangle.average_clustering(weighted=True) == pytest.approx(41 / 54, abs=EXACT)
    assert triangle.average_clustering(weighted=True, undefined="ZERO") == \
        pytest.approx(41 / 72, abs=EXACT)
    assert triangle.transitivity() == pytest.approx(0.6, abs=EXACT)
    e = triangle.ego_density()
    assert e.measure == "ego_density"
    assert e.values[:3] == pytest.approx(c.values[:3], abs=EXACT)
    assert math.isnan(e.value("d"))


def test_clustering_star_blocs_directed(star, blocs):
    c = star.clustering()
    assert c.value("c") == 0.0 and math.isnan(c.value("l1"))
    b = blocs.clustering()
    assert (b.value("a1"), b.value("a3"), b.value("b1")) == \
        pytest.approx((1, 1 / 3, 1 / 3), abs=EXACT)
    w = blocs.clustering(weighted=True)
    assert (w.value("a3"), w.value("a1")) == pytest.approx((0.4, 1.0), abs=EXACT)
    assert blocs.average_clustering(weighted=True) == pytest.approx(0.8, abs=EXACT)
    d = directed_triangle()
    assert d.transitivity() == pytest.approx(0.6, abs=EXACT)
    e = d.ego_density()
    assert [e.value(x) for x in "abc"] == pytest.approx([0.5, 0.5, 1 / 3], abs=EXACT)
    assert math.isnan(e.value("d"))


def test_clustering_subset_and_empty(blocs):
    part = blocs.clustering(["b1", "a1"])
    assert part.ids == ["b1", "a1"]
    assert part.values == pytest.approx([1 / 3, 1.0], abs=EXACT)
    assert [row.rank for row in part] == [2, 1]
    assert blocs.ego_density("a3").to_dict() == {"a3": pytest.approx(1 / 3, abs=EXACT)}
    empty = network(["x", "y"], [("x", "y", 1, False)]).view()
    assert math.isnan(empty.transitivity())
    assert math.isnan(empty.average_clustering())


# -- agreement with the command line on data/istanbul --------------------------------

def same_number(ours, theirs):
    if theirs is None:  # NaN is printed as null
        return math.isnan(ours)
    return ours == pytest.approx(theirs, rel=1e-12, abs=1e-300)


def compare_rows(scores_by_measure, rows):
    """Every row of the command's table equals our value and rank."""
    seen = {name: 0 for name in scores_by_measure}
    for row in rows:
        scores = scores_by_measure[row["measure"]]
        assert same_number(scores.value(row["id"]), row["value"]), row
        assert scores.rank(row["id"]) == row["rank"], row
        seen[row["measure"]] += 1
    for name, scores in scores_by_measure.items():
        assert seen[name] == len(scores), name


CENTRALITY_CASES = [
    ({}, []),
    ({"weighted": False, "normalized": True}, ["--unweighted", "--normalized"]),
    ({"mode": "all", "lengths": "unit"}, ["--mode", "all", "--length", "unit"]),
    ({"mode": "in", "lengths": "weight", "wf_improved": True, "normalized": True},
     ["--mode", "in", "--length", "weight", "--wf-improved", "--normalized"]),
    ({"mode": "out", "cutoff": 2.5, "damping": 0.6},
     ["--mode", "out", "--cutoff", "2.5", "--damping", "0.6"]),
    ({"personalization": ["istanbul", "athens"], "damping": 0.7},
     ["--personalize", "istanbul,athens", "--damping", "0.7"]),
]


@pytest.mark.parametrize("options,cli_args", CENTRALITY_CASES)
def test_centrality_agrees_with_cli(istanbul_path, options, cli_args):
    n = citynet.load(istanbul_path)
    view = n.view(**WINDOW)
    report = run_cli("centrality", istanbul_path, "--from", WINDOW["start"],
                     "--to", WINDOW["end"], "--measure", "all", *cli_args)
    ours = view.centralities("all", **options)
    assert report["measures"] == list(ours)
    compare_rows(ours, report["rows"])
    # One measure at a time gives the same values (the per-measure C
    # functions against citynet_centrality_compute()).
    for name, scores in ours.items():
        assert view.centrality(name, **options) == scores


def test_centrality_focus_subset_agrees(istanbul_path):
    """Node subsets: the values are the whole view's (the command's
    --focus rows show whole-view values and ranks)."""
    n = citynet.load(istanbul_path)
    view = n.view(**WINDOW)
    report = run_cli("centrality", istanbul_path, "--from", WINDOW["start"],
                     "--to", WINDOW["end"], "--measure", "betweenness,closeness",
                     "--focus", "istanbul", "--focus", "athens")
    for row in report["rows"]:
        part = view.centrality(row["measure"], ["athens", "istanbul"])
        assert part.ids == ["athens", "istanbul"]
        assert same_number(part.value(row["id"]), row["value"])


@pytest.mark.parametrize("cli_args,undefined", [([], "nan"),
                                                (["--undefined", "zero"], "zero")])
def test_clustering_agrees_with_cli(istanbul_path, cli_args, undefined):
    n = citynet.load(istanbul_path)
    for view_args, view_cli in (({}, []),
                                (WINDOW, ["--from", WINDOW["start"], "--to", WINDOW["end"]])):
        view = n.view(**view_args)
        report = run_cli("cluster", istanbul_path, "--weighted", *view_cli, *cli_args)
        ours = {"clustering": view.clustering(undefined=undefined),
                "barrat": view.clustering(weighted=True, undefined=undefined),
                "ego_density": view.ego_density(undefined=undefined)}
        assert report["measures"] == list(ours)
        compare_rows(ours, report["rows"])
        summary = report["summary"]
        assert same_number(view.transitivity(), summary["transitivity"])
        assert same_number(view.average_clustering(undefined=undefined),
                           summary["average_clustering"])
        assert same_number(view.average_clustering(weighted=True, undefined=undefined),
                           summary["average_barrat"])


def test_acceptance_line(istanbul_path):
    n = citynet.load(istanbul_path)
    value = n.view(**WINDOW).centrality("pagerank").to_dict()["istanbul"]
    assert isinstance(value, float) and 0 < value < 1
    report = run_cli("centrality", istanbul_path, "--from", WINDOW["start"],
                     "--to", WINDOW["end"], "--measure", "pagerank")
    row = next(r for r in report["rows"] if r["id"] == "istanbul")
    assert value == pytest.approx(row["value"], rel=1e-12)


# -- agreement with NetworkX and python-igraph ------------------------------------------

@pytest.fixture(scope="module")
def generated():
    """A connected random graph of 40 cities and 100 weighted ties, as a
    citynet view, a NetworkX graph (with length = 1/weight) and an igraph
    graph with the same vertex order."""
    nx = pytest.importorskip("networkx")
    rng = random.Random(6)
    g = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=6)
    while g.number_of_edges() < 100:
        a, b = rng.sample(range(40), 2)
        g.add_edge(a, b)
    for a, b in g.edges:
        weight = rng.uniform(0.5, 3.0)  # no two paths of equal length
        g[a][b]["weight"] = weight
        g[a][b]["length"] = 1 / weight
    ids = [f"v{i:02d}" for i in range(40)]
    n = network(ids, [(ids[a], ids[b], g[a][b]["weight"], False) for a, b in g.edges])
    return n.view(), nx.relabel_nodes(g, dict(enumerate(ids))), ids


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # nx.pagerank_scipy
def test_networkx_agreement(generated):
    nx = pytest.importorskip("networkx")
    view, g, ids = generated

    def close(ours, theirs, tol):
        for node in ids:
            assert ours.value(node) == pytest.approx(theirs[node], rel=tol, abs=tol), node

    close(view.centrality("betweenness", weighted=False, normalized=True),
          nx.betweenness_centrality(g, normalized=True), 1e-12)
    close(view.centrality("betweenness"),
          nx.betweenness_centrality(g, weight="length", normalized=False), 1e-9)
    close(view.centrality("closeness", normalized=True),
          nx.closeness_centrality(g, distance="length"), 1e-12)
    close(view.centrality("harmonic", lengths="weight"),
          nx.harmonic_centrality(g, distance="weight"), 1e-12)
    close(view.centrality("pagerank"),
          nx.pagerank(g, weight="weight", tol=1e-14, max_iter=10000), 1e-8)
    close(view.centrality("degree", normalized=True), nx.degree_centrality(g), 1e-12)
    close(view.clustering(), nx.clustering(g), 1e-12)
    assert view.transitivity() == pytest.approx(nx.transitivity(g), rel=1e-12)
    assert view.average_clustering(undefined="zero") == \
        pytest.approx(nx.average_clustering(g), rel=1e-12)


def test_igraph_agreement(generated):
    ig = pytest.importorskip("igraph")
    view, g, ids = generated
    index = {node: i for i, node in enumerate(ids)}
    h = ig.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b in g.edges])
    h.es["weight"] = [g[a][b]["weight"] for a, b in g.edges]
    eigen = h.eigenvector_centrality(weights="weight", scale=True)
    barrat = h.transitivity_local_undirected(weights="weight", mode="nan")
    ours_e = view.centrality("eigenvector")
    ours_b = view.clustering(weighted=True)
    for node, i in index.items():
        assert ours_e.value(node) == pytest.approx(eigen[i], rel=1e-8, abs=1e-10)
        assert ours_b.value(node) == pytest.approx(barrat[i], rel=1e-12)
    hubs = h.hub_score(weights="weight")
    ours_h = view.centrality("hub")
    for node, i in index.items():
        assert ours_h.value(node) == pytest.approx(hubs[i], rel=1e-8, abs=1e-10)


# -- bad input ------------------------------------------------------------------------

def test_unknown_measure_and_options_use_the_c_messages(star):
    with pytest.raises(citynet.UsageError) as info:
        star.centrality("centrality")
    assert str(info.value) == ('unknown centrality measure "centrality" (expected '
                               'one of: degree, strength, betweenness, closeness, '
                               'harmonic, eigenvector, pagerank, hub, authority)')
    assert info.value.code == citynet._lib.CITYNET_ERROR_INVALID_ARGUMENT
    with pytest.raises(citynet.UsageError, match="unknown centrality measure"):
        star.centralities(["degree", "bogus"])
    with pytest.raises(citynet.UsageError, match="no measure"):
        star.centralities("")
    with pytest.raises(citynet.UsageError, match='mode "sideways"'):
        star.centrality("degree", mode="sideways")
    with pytest.raises(citynet.UsageError, match="inverse, unit, weight"):
        star.centrality("closeness", lengths="miles")
    with pytest.raises(citynet.UsageError, match="nan, zero"):
        star.clustering(undefined="skip")
    with pytest.raises(citynet.UsageError, match="between 0 and 1, not 1.5"):
        star.centrality("pagerank", damping=1.5)
    with pytest.raises(citynet.UsageError, match="between 0 and 1"):
        citynet.CentralityOptions(damping=-0.1)
    with pytest.raises(citynet.UsageError, match="between 0 and 1"):
        star.centrality("pagerank", damping=math.nan)
    with pytest.raises(citynet.UsageError, match="cutoff must be >= 0"):
        star.centrality("betweenness", cutoff=-1)
    with pytest.raises(citynet.UsageError, match="cutoff is not a number"):
        star.centrality("betweenness", cutoff=math.nan)
    with pytest.raises(citynet.UsageError, match="no node"):
        star.centrality("degree", [])
    with pytest.raises(citynet.UsageError, match="twice"):
        star.centrality("degree", ["c", "c"])


def test_nodes_not_in_view():
    n = small_network()
    view = n.view(layers=["sister"], start="2019-06-23", end="2024-03-31",
                  drop_isolates=True)
    with pytest.raises(citynet.NotFoundError, match="nowhere"):
        view.centrality("degree", ["nowhere"])
    with pytest.raises(citynet.NotFoundError, match="not in the view"):
        view.centrality("degree", ["odessa"])
    with pytest.raises(citynet.NotFoundError, match="not in the view"):
        view.centrality("pagerank", personalization=["odessa"])
    with pytest.raises(citynet.NotFoundError, match="not in the view"):
        view.clustering(["odessa"])
    with pytest.raises(citynet.NotFoundError, match="not in the view"):
        view.ego_density("odessa")
    with pytest.raises(IndexError):
        view.centrality("degree", [99])
    # A node added after the view was made is not in it.
    n.add_node("kyiv", "city", country="UKR")
    with pytest.raises(citynet.NotFoundError, match="not in the view"):
        view.centrality("pagerank", personalization="kyiv")


@pytest.mark.parametrize("call", [
    lambda v: v.centrality(None),
    lambda v: v.centrality(3),
    lambda v: v.centrality(b"degree"),
    lambda v: v.centrality("degree", 2.5),
    lambda v: v.centrality("degree", [None]),
    lambda v: v.centrality("degree", mode=1),
    lambda v: v.centrality("closeness", lengths=5),
    lambda v: v.centrality("degree", weighted="no"),
    lambda v: v.centrality("degree", normalized=2),
    lambda v: v.centrality("closeness", cutoff="3"),
    lambda v: v.centrality("closeness", cutoff=True),
    lambda v: v.centrality("pagerank", damping="0.5"),
    lambda v: v.centrality("pagerank", personalization=[1.5]),
    lambda v: v.centrality("pagerank", personalization=5.5),
    lambda v: v.centralities(5),
    lambda v: v.centralities([None]),
    lambda v: v.clustering(weighted="yes"),
    lambda v: v.clustering(undefined=0),
    lambda v: v.average_clustering(weighted=None),
    lambda v: v.ego_density(undefined=None),
])
def test_wrong_types(star, call):
    with pytest.raises(TypeError):
        call(star)


def test_measure_with_nul_is_rejected(star):
    with pytest.raises(citynet.UsageError, match="NUL"):
        star.centrality("degree\0x")


# -- memory -----------------------------------------------------------------------------

@skip_if_sanitized
def test_memory_flat(blocs):
    opts = citynet.CentralityOptions(personalization=["a1"], cutoff=3)

    def step():
        for measure in citynet.CENTRALITY_MEASURES:
            blocs.centrality(measure, ["a1", "b3"], options=opts)
        blocs.centralities("all")
        blocs.clustering(["a3"], weighted=True)
        blocs.ego_density()
        blocs.average_clustering()
        blocs.transitivity()
        citynet.CentralityOptions(mode="all", damping=0.5).replace(cutoff=1)
        for bad in (lambda: blocs.centrality("bogus"),
                    lambda: blocs.centrality("degree", ["zz"]),
                    lambda: blocs.centrality("pagerank", damping=3)):
            with pytest.raises(citynet.CitynetError):
                bad()

    assert_memory_flat(step, warmup=100, rounds=1500)


# -- cancelling through the progress handler ------------------------------------------

def test_cancel_long_betweenness():
    """igraph's betweenness reports its progress through the library's
    handler; a handler that returns False cancels it."""
    ids = [f"p{i:03d}" for i in range(400)]
    view = network(ids, [(ids[i], ids[i + 1], 1, False) for i in range(399)]).view()
    seen = []

    def stop(fraction, what):
        seen.append((fraction, what))
        return False

    def watch(fraction, what):
        seen.append((fraction, what))

    try:
        citynet.set_progress_handler(watch)
        whole = view.centrality("betweenness")
        assert seen and any("etweenness" in what for _, what in seen)
        assert all(0 <= f <= 1 for f, _ in seen)
        seen.clear()
        citynet.set_progress_handler(stop)
        with pytest.raises(citynet.CancelledError, match="cancelled"):
            view.centrality("betweenness")
        assert len(seen) >= 1
        with pytest.raises(citynet.CancelledError):
            view.centralities(["degree", "betweenness"])
    finally:
        citynet.set_progress_handler(None)
    # igraph works normally afterwards.
    again = view.centrality("betweenness")
    assert again == whole
    # The middle of a path of 400 lies on 199 x 200 shortest paths.
    assert again.value("p199") == pytest.approx(199 * 200, abs=1e-9)
