"""The ego module of the binding (citynet/ego.py, <citynet/ego.h>): ego
networks, UCINET's ego measures, Burt's structural holes, Gould-Fernandez
brokerage and bloc betweenness.

Hand-computed values are those worked out in tests/test-ego.c; every value
on data/istanbul must equal the citynet command's JSON (ego-net, holes,
brokerage, between) to 1e-12 relative; structural holes agree with
NetworkX on generated graphs."""

import math
import random

import pytest

import citynet
from citynet.ego import BROKERAGE_ROLES, BROKERAGE_STATS, EGO_MEASURES
from conftest import (assert_memory_flat, city_network, run_cli,
                      skip_if_sanitized)

NAN = float("nan")
REL = 1e-12


# ----------------------------------------------------------------------------
# Small graphs (the fixtures of tests/analytics-fixtures.c and test-ego.c)
# ----------------------------------------------------------------------------

def graph(ids, ties, direction="auto"):
    """A view of nodes ``ids`` (kind city, country TUR) and ``ties``
    (source, target, weight, directed), combined by sum."""
    return city_network(ids, ties).view(direction=direction)


def star(isolate=False):
    ids = ["c", "l1", "l2", "l3", "l4"] + (["iso"] if isolate else [])
    return graph(ids, [("c", leaf, 1, False) for leaf in ("l1", "l2", "l3", "l4")])


def path(directed=False):
    return graph("abcd", [("a", "b", 1, directed), ("b", "c", 1, directed),
                          ("c", "d", 1, directed)])


def two_triangles():
    return graph("abcdef", [("a", "b", 1, False), ("a", "c", 1, False),
                            ("b", "c", 1, False), ("c", "d", 1, False),
                            ("d", "e", 1, False), ("d", "f", 1, False),
                            ("e", "f", 1, False)])


def fan():
    return graph(["e", "x1", "x2", "x3"],
                 [("e", "x1", 1, False), ("e", "x2", 1, False),
                  ("e", "x3", 1, False), ("x1", "x2", 1, False),
                  ("x2", "x3", 1, False)])


def two_blocs():
    return graph(["a1", "a2", "a3", "b1", "b2", "b3"],
                 [("a1", "a2", 2, False), ("a1", "a3", 2, False),
                  ("a2", "a3", 2, False), ("b1", "b2", 2, False),
                  ("b1", "b3", 2, False), ("b2", "b3", 2, False),
                  ("a3", "b1", 1, False)])


def directed_triangle():
    return graph("abcd", [("a", "b", 1, True), ("b", "a", 1, True),
                          ("a", "c", 1, True), ("c", "b", 1, True),
                          ("c", "d", 1, True)])


def same(x, y, rel=REL, abs_=1e-14):
    """Equal to ``rel`` (NaN equals NaN; None, JSON's null, is NaN)."""
    x = NAN if x is None else float(x)
    y = NAN if y is None else float(y)
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    return abs(x - y) <= max(rel * max(abs(x), abs(y)), abs_)


def assert_same(x, y, what="", rel=REL):
    assert same(x, y, rel), f"{what}: {x!r} != {y!r}"


def theil(local):
    n = len(local)
    mean = sum(local) / n
    return sum((c / mean) * math.log(c / mean) for c in local) / (n * math.log(n))


def described(view):
    """"ids | u-v ..." as test-ego.c's assert_described()."""
    ids = ",".join(view.vertices.ids())
    edges = " ".join(f"{e.source}-{e.target}" for e in view.edges)
    return f"{ids} | {edges}".rstrip()


# ----------------------------------------------------------------------------
# Ego networks
# ----------------------------------------------------------------------------

def test_ego_network_undirected():
    view = two_triangles()
    assert described(view.ego_network("a")) == "a,b,c | a-b a-c b-c"
    assert described(view.ego_network("a", alter_ties=False)) == "a,b,c | a-b a-c"
    assert described(view.ego_network("a", 2)) == "a,b,c,d | a-b a-c b-c c-d"
    assert described(view.ego_network("a", order=2, alter_ties=False)) == \
        "a,b,c,d | a-b a-c c-d"
    assert described(view.ego_network("a", 0)) == "a |"
    whole = view.ego_network("a", None)
    assert (len(whole.vertices), len(whole.edges)) == (6, 7)
    e1 = view.ego_network("a")
    assert e1.network is view.network
    assert len(e1.ties) == 3 and not e1.directed
    assert e1.vertex("d") is None and e1.vertex("c") == 2
    # An ego network is a View like any other.
    assert e1.composition("a").totals.ties == 2
    assert len(list(e1.to_network().ties)) == 3
    assert e1.options["ego"] == "a" and e1.options["order"] == 1
    assert "ego='a'" in repr(e1)


def test_ego_network_directed():
    view = directed_triangle()
    out = view.ego_network("c", mode="out")
    assert described(out) == "b,c,d | c-b c-d" and out.directed
    assert described(view.ego_network("c", mode="in")) == "a,c | a-c"
    assert described(view.ego_network("c")) == "a,b,c,d | a-b a-c b-a c-b c-d"
    assert described(view.ego_network("a", 2, mode="out", alter_ties=False)) == \
        "a,b,c,d | a-b a-c c-d"
    # The ego of an ego network is an ego network too (views nest).
    inner = view.ego_network("c").ego_network("c", mode="out")
    assert described(inner) == "b,c,d | c-b c-d"


def test_ego_network_bad_input():
    view = two_triangles()
    with pytest.raises(citynet.NotFoundError):
        view.ego_network("nowhere")
    with pytest.raises(IndexError):
        view.ego_network(99)
    small = view.ego_network("a")
    with pytest.raises(citynet.NotFoundError, match="not in the view"):
        small.ego_network("e")
    with pytest.raises(citynet.UsageError):
        view.ego_network("a", order=-1)
    with pytest.raises(citynet.UsageError):
        view.ego_network("a", order=2 ** 32)
    with pytest.raises(citynet.UsageError, match="mode"):
        view.ego_network("a", mode="sideways")
    with pytest.raises(TypeError):
        view.ego_network("a", order=1.5)
    with pytest.raises(TypeError):
        view.ego_network("a", order=True)
    with pytest.raises(TypeError):
        view.ego_network(["a"])
    with pytest.raises(TypeError):
        view.ego_network("a", mode=1)
    with pytest.raises(TypeError):
        view.ego_network("a", alter_ties="yes")


# ----------------------------------------------------------------------------
# Ego-network measures
# ----------------------------------------------------------------------------

def assert_row(measures, node, expected):
    row = measures.row(node)
    for name, value in zip(EGO_MEASURES, expected):
        assert_same(getattr(row, name), value, f"{node} {name}", rel=1e-14)


def test_ego_measures_hand_computed():
    m = star().ego_measures()
    assert m.columns[2:] == EGO_MEASURES
    assert_row(m, "c", [4, 0, 12, 0, NAN, NAN, 4, 1, 1, 6, 0.5, 6, 1])
    assert_row(m, "l1", [1, 0, 0, NAN, NAN, NAN, 1, 1, 1, 0, NAN, 0, NAN])
    assert isinstance(m.row("c").size, int)

    m = path().ego_measures()
    assert_row(m, "b", [2, 0, 2, 0, NAN, NAN, 2, 1, 1, 1, 0.5, 1, 1])
    assert_row(m, "a", [1, 0, 0, NAN, NAN, NAN, 1, 1, 2 / 3, 0, NAN, 0, NAN])

    m = two_triangles().ego_measures(mode="default")
    assert_row(m, "c", [3, 2, 6, 1 / 3, NAN, NAN, 2, 2 / 3, 1, 2, 1 / 3, 2, 2 / 3])
    assert_row(m, "a", [2, 2, 2, 1, 1, 1, 1, 0.5, 0.6, 0, 0, 0, 0])

    m = fan().ego_measures()
    assert_row(m, "e", [3, 4, 6, 2 / 3, 4 / 3, 2, 1, 1 / 3, 1, 1, 1 / 6, 0.5,
                        0.5 / 3])


def test_ego_measures_directed_and_subset():
    view = directed_triangle()
    assert_row(view.ego_measures(mode="out"), "a",
               [2, 1, 2, 0.5, NAN, NAN, 1, 0.5, 1, 0.5, 0.25, 1, 0.5])
    assert_row(view.ego_measures(mode="in"), "a",
               [1, 0, 0, NAN, NAN, NAN, 1, 1, 2 / 3, 0, NAN, 0, NAN])
    m = view.ego_measures(mode="all")
    assert m.mode == "all"
    assert_row(m, "c", [3, 2, 6, 1 / 3, NAN, NAN, 2, 2 / 3, 1, 2, 1 / 3, 2, 1 / 3])

    f = fan()
    some = f.ego_measures(["x3", "e"])
    assert [r.id for r in some] == ["x3", "e"]
    assert_same(some.row("e").ego_betweenness, 0.5)
    density = some.scores("density")
    assert density.measure == "density" and len(density) == 2
    assert density.value("x3") == 1 and density.rank("x3") == 1
    assert f.ego_measures("e").to_dict()["e"]["ties"] == 4
    records = some.to_records()
    assert records[1]["id"] == "e" and records[1]["pairs"] == 6


def test_ego_measures_isolate():
    view = star(isolate=True)
    m = view.ego_measures()
    assert_row(m, "iso", [0, 0, 0, NAN, NAN, NAN, 0, NAN, 0, 0, NAN, 0, NAN])
    assert_same(m.row("c").two_step_reach, 0.8)
    alone = view.ego_network("iso").ego_measures()
    assert math.isnan(alone.row("iso").two_step_reach)


def test_ego_measures_bad_input():
    view = fan()
    with pytest.raises(citynet.UsageError, match="twice"):
        view.ego_measures(["e", "e"])
    with pytest.raises(citynet.NotFoundError):
        view.ego_measures(["nowhere"])
    with pytest.raises(citynet.NotFoundError):
        view.ego_network("x1", alter_ties=False).ego_measures(["x3"])
    with pytest.raises(citynet.UsageError):
        view.ego_measures(mode="both")
    with pytest.raises(TypeError):
        view.ego_measures(3.5)
    with pytest.raises(TypeError):
        view.ego_measures([None])
    m = view.ego_measures()
    with pytest.raises(citynet.UsageError, match="two_step_reach"):
        m.scores("reach")
    with pytest.raises(TypeError):
        m.scores(3)
    with pytest.raises(citynet.NotFoundError):
        view.ego_measures(["e"]).row("x1")


# ----------------------------------------------------------------------------
# Structural holes
# ----------------------------------------------------------------------------

def assert_holes(holes, node, expected):
    row = holes.to_dict()[node]
    for name, value in zip(("effective_size", "efficiency", "constraint",
                            "hierarchy"), expected):
        assert_same(row[name], value, f"{node} {name}", rel=1e-13)


def test_holes_hand_computed():
    for model in ("whole", "ego"):
        h = star(isolate=True).structural_holes(model)
        assert_holes(h, "c", [4, 1, 0.25, 0])
        assert_holes(h, "l1", [1, 1, 1, NAN])
        assert_holes(h, "iso", [NAN] * 4)
    assert_holes(path().structural_holes(weighted=False), "b", [2, 1, 0.5, 0])

    view = two_triangles()
    whole = view.structural_holes(weighted=False)
    a_local = [4 / 9, 9 / 16]
    c_local = [0.25, 0.25, 1 / 9]
    assert_holes(whole, "a", [1, 0.5, 145 / 144, theil(a_local)])
    assert_holes(whole, "c", [7 / 3, 7 / 9, 11 / 18, theil(c_local)])
    assert_holes(whole, "f", [1, 0.5, 145 / 144, theil(a_local)])
    ego = view.structural_holes("ego", weighted=False)
    assert ego.model == "ego" and not ego.weighted
    assert_holes(ego, "a", [1, 0.5, 9 / 8, 0])
    assert ego.scores("constraint").measure == "ego_constraint"

    blocs = two_blocs()
    h = blocs.structural_holes()
    assert_holes(h, "a1", [1, 0.5, 1.0525, theil([0.49, 0.5625])])
    assert_holes(h, "a3", [2.2, 2.2 / 3, 0.76, theil([0.36, 0.36, 0.04])])
    assert_holes(blocs.structural_holes("ego"), "a1", [1, 0.5, 1.125, 0])
    assert_holes(blocs.structural_holes(weighted=False), "a3",
                 [3 - 2 / 3, (3 - 2 / 3) / 3, 11 / 18, theil(c_local)])

    d = directed_triangle()
    assert_holes(d.structural_holes(weighted=False), "a",
                 [7 / 6, 7 / 12, 74 / 81, theil([49 / 81, 25 / 81])])
    assert_same(d.constraint(weighted=False).value("a"), 74 / 81)
    assert_same(d.holes_measure("effective_size", weighted=False).value("a"), 7 / 6)
    assert_same(d.effective_size(weighted=False).value("a"), 7 / 6)


def test_holes_scores_and_rows_agree():
    h = two_blocs().structural_holes()
    constraint = h.scores("constraint")
    assert constraint.measure == "constraint"
    assert constraint.to_dict() == {r.id: r.constraint for r in h}
    assert constraint == two_blocs().constraint()
    assert [r.id for r in h] == two_blocs().vertices.ids()


def test_holes_bad_input():
    view = graph("ab", [("a", "b", 1e308, False), ("a", "b", 1e308, False)])
    with pytest.raises(citynet.UsageError, match="inf"):
        view.structural_holes()
    with pytest.raises(citynet.UsageError, match="inf"):
        view.constraint()
    assert view.constraint(weighted=False).value("a") == 1
    with pytest.raises(citynet.UsageError, match="whole, ego"):
        view.structural_holes("local")
    with pytest.raises(citynet.UsageError):
        view.holes_measure("brokerage")
    with pytest.raises(TypeError):
        view.structural_holes(weighted="no")
    with pytest.raises(TypeError):
        view.holes_measure(None)
    with pytest.raises(citynet.UsageError):
        two_blocs().structural_holes().scores("size")


def to_nx(view):
    """The view's graph in NetworkX with node ids and summed weights."""
    import networkx as nx
    g = nx.DiGraph() if view.directed else nx.Graph()
    g.add_nodes_from(view.vertices.ids())
    for e in view.edges:
        g.add_edge(e.source, e.target, weight=e.weight)
    return g


def generated(seed, directed):
    rng = random.Random(seed)
    ids = [f"v{i}" for i in range(25)]
    ties = set()
    while len(ties) < 60:
        a, b = rng.sample(ids, 2)
        if not directed:
            a, b = min(a, b), max(a, b)
        ties.add((a, b))
    return graph(ids, [(a, b, rng.choice([0.5, 1, 2, 3.5]), directed)
                       for a, b in sorted(ties)])


@pytest.mark.parametrize("seed,directed", [(1, False), (2, False), (3, True)])
def test_holes_agree_with_networkx(seed, directed):
    nx = pytest.importorskip("networkx")
    view = generated(seed, directed)
    g = to_nx(view)
    for weighted in (True, False):
        weight = "weight" if weighted else None
        ours_c = view.constraint(weighted=weighted).to_dict()
        ours_es = view.effective_size(weighted=weighted).to_dict()
        theirs_c = nx.constraint(g, weight=weight)
        theirs_es = nx.effective_size(g, weight=weight)
        for node in g:
            if directed and g.out_degree(node) == 0:
                # NetworkX skips a node without successors (NaN) although
                # its predecessors are contacts; ours counts them.
                assert math.isnan(theirs_c[node]) and ours_c[node] > 0
                continue
            assert_same(ours_c[node], theirs_c[node], f"constraint {node}")
            assert_same(ours_es[node], theirs_es[node], f"effective size {node}")
    # The ego model is NetworkX on each ego graph.
    ego_c = view.constraint("ego").to_dict()
    ego_es = view.effective_size("ego").to_dict()
    for node in list(g)[:10]:
        if directed and g.out_degree(node) == 0:
            continue  # NaN in NetworkX, as above
        eg = nx.ego_graph(g, node, undirected=True)
        assert_same(ego_c[node], nx.constraint(eg, [node], weight="weight")[node],
                    f"ego constraint {node}")
        assert_same(ego_es[node],
                    nx.effective_size(eg, [node], weight="weight")[node],
                    f"ego effective size {node}")


# ----------------------------------------------------------------------------
# Brokerage
# ----------------------------------------------------------------------------

def star_partition(view):
    return view.partition(labels={"c": "G1", "l1": "G1", "l2": "G1",
                                  "l3": "G2", "l4": "G3"})


def test_brokerage_hand_computed():
    view = star()
    b = view.brokerage(star_partition(view))
    assert b.permutations == 0 and b.partition.source == "labels"
    assert len(b) == 5 * 6
    counts = dict(zip(BROKERAGE_ROLES, [2, 0, 4, 4, 2, 12]))
    for role, count in counts.items():
        assert b.value("c", role) == count
        assert b.value("l1", role) == 0
        assert math.isnan(b.value("c", role, "perm_z"))
    pair = 0.064 * 0.216
    assert_same(b.value("c", "coordinator", "expected"), 0.192, 1e-13)
    assert_same(b.value("c", "w_I", "z"), (2 - 0.192) / math.sqrt(0.192 * 0.904))
    assert b.value("c", "consultant", "expected") == 0
    assert math.isnan(b.value("c", "consultant", "z"))
    rep_sd = math.sqrt(0.384 * 0.904 + 2 * 4 * pair)
    assert_same(b.value("c", "representative", "sd"), rep_sd)
    assert_same(b.value("c", "b_OI", "z"), (4 - 0.384) / rep_sd)
    assert_same(b.value("c", "liaison", "sd"), math.sqrt(0.192 * 0.904))
    assert_same(b.value("c", "total", "z"),
                (12 - 1.152) / math.sqrt(1.152 * 0.904 + 48 * pair))
    assert b.value("l3", "representative", "expected") == 0
    whole = b.whole_view.to_dict()
    assert whole["gatekeeper"]["count"] == 4
    assert_same(whole["coordinator"]["expected"], 0.096 * 6, 1e-13)
    z = b.scores("gatekeeper", "z")
    assert z.measure == "gatekeeper_z" and z.rank("c") == 1
    assert b.scores("liaison").measure == "liaison"
    d = b.to_dict()
    assert d["c"]["gatekeeper"]["count"] == 4
    assert set(d["c"]["total"]) == set(BROKERAGE_STATS)
    row = b.role("gatekeeper")[0]
    assert (row.id, row.group, row.count, row.rank) == ("c", "G1", 4, 1)


def test_brokerage_directed():
    view = path(directed=True)
    part = view.partition(labels={"a": "X", "b": "X", "c": "Y", "d": "Y"})
    b = view.brokerage(part)
    assert b.directed
    assert b.value("b", "representative") == 1
    assert b.value("b", "gatekeeper") == 0
    assert b.value("c", "gatekeeper") == 1
    assert_same(b.value("b", "representative", "expected"), 3 / 32, 1e-14)
    sym = view.brokerage(part, directed=False)
    assert not sym.directed
    assert sym.value("b", "gatekeeper") == 1
    assert sym.value("c", "representative") == 1
    assert sym.value("b", "total") == 2
    # On an undirected view directed=True is the only reading.
    plain = path()
    assert not plain.brokerage(plain.partition("country")).directed


def test_brokerage_permutations_reproducible():
    view = star()
    part = star_partition(view)
    b = view.brokerage(part, permutations=4000, seed=7)
    assert b.permutations == 4000 and b.seed == 7
    mean = b.value("c", "coordinator", "perm_mean")
    assert abs(mean - 1.2) < 5 * math.sqrt(0.96 / 4000)
    assert abs(b.value("c", "coordinator", "perm_p") - 0.6) < 0.05
    assert b.value("c", "total", "perm_mean") == 12
    assert math.isnan(b.value("c", "total", "perm_z"))
    assert b.value("l1", "liaison", "perm_p") == 1
    again = view.brokerage(part, permutations=4000, seed=7)
    for x, y in zip(b, again):
        assert all(same(p, q, rel=0) if isinstance(p, float) else p == q
                   for p, q in zip(x, y)), (x, y)
    other = view.brokerage(part, permutations=4000, seed=8)
    assert other.value("c", "coordinator", "perm_mean") != mean
    assert "4000 permutations" in repr(b)


def test_brokerage_bad_input():
    view = star()
    with pytest.raises(citynet.UsageError, match="another view"):
        view.brokerage(star().partition("country"))
    with pytest.raises(citynet.UsageError, match="another view"):
        view.brokerage(view.ego_network("c", 0).partition("country"))
    with pytest.raises(TypeError):
        view.brokerage(3)
    with pytest.raises(citynet.UsageError):
        view.brokerage("colour")
    with pytest.raises(citynet.NotFoundError):
        view.brokerage("attr:nothing")
    with pytest.raises(citynet.UsageError):
        view.brokerage(permutations=-1)
    with pytest.raises(citynet.UsageError):
        view.brokerage(permutations=2 ** 32)
    with pytest.raises(citynet.UsageError):
        view.brokerage(seed=2 ** 64)
    with pytest.raises(TypeError):
        view.brokerage(permutations=1.0)
    with pytest.raises(TypeError):
        view.brokerage(directed="yes")
    with pytest.raises(citynet.UsageError, match="at least two"):
        view.ego_network("c", 0).brokerage("country")
    b = view.brokerage()
    with pytest.raises(citynet.UsageError, match="gatekeeper"):
        b.value("c", "broker")
    with pytest.raises(citynet.UsageError, match="perm_p"):
        b.scores("total", "p")
    with pytest.raises(citynet.NotFoundError):
        b.value("nowhere", "total")
    with pytest.raises(TypeError):
        b.value("c", None)


def test_brokerage_cancelled_by_progress_handler():
    n = citynet.Network()
    for i in range(60):
        n.add_node(f"v{i}", "city", country=("AAA", "BBB", "CCC")[i % 3])
    rng = random.Random(5)
    for _ in range(200):
        a, b = rng.sample(range(60), 2)
        n.add_tie(f"v{a}", f"v{b}", "x", directed=True)
    view = n.view()
    calls = []

    def stop(fraction, what):
        calls.append(what)
        return False

    citynet.set_progress_handler(stop)
    try:
        try:
            view.brokerage("country", permutations=200_000, seed=3)
        except citynet.CancelledError:
            cancelled = True
        else:
            cancelled = False
    finally:
        citynet.set_progress_handler(None)
    if not calls:
        pytest.skip("this libcitynet does not report brokerage permutations "
                    "to the progress handler (nothing to cancel)")
    assert cancelled, f"the handler said stop ({calls[:3]}) but brokerage ran on"
    # The library is usable afterwards, with the same results as before.
    first = view.brokerage("country", permutations=10, seed=3)
    second = view.brokerage("country", permutations=10, seed=3)
    assert all(same(x.perm_mean, y.perm_mean, rel=0) and
               same(x.perm_p, y.perm_p, rel=0) for x, y in zip(first, second))


# ----------------------------------------------------------------------------
# Bloc betweenness
# ----------------------------------------------------------------------------

def test_bloc_betweenness_hand_computed():
    view = two_triangles()
    raw = view.bloc_betweenness(["a", "b"], ["e", "f"])
    assert raw.measure == "bloc_betweenness"
    assert raw.to_dict() == {"a": 0, "b": 0, "c": 4, "d": 4, "e": 0, "f": 0}
    assert view.bloc_betweenness(["a", "b"], ["e", "f"],
                                 normalized=True).value("c") == 1
    assert view.bloc_betweenness(["e", "f"], ["a", "b"]).value("d") == 4
    assert view.bloc_betweenness("a", "b").value("c") == 0
    # Repeats are ignored; empty blocs: nothing in between.
    assert view.bloc_betweenness(["a", "b", "a"], ["e", "f"]).value("c") == 4
    assert view.bloc_betweenness([], ["a"], normalized=True).value("c") == 0

    blocs = two_blocs()
    assert blocs.bloc_betweenness(["a1", "a2"], ["b2", "b3"]).value("a3") == 4
    overlap = blocs.bloc_betweenness(["a1", "a3"], ["a3", "b1"], normalized=True)
    assert_same(overlap.value("a3"), 1 / 3, rel=1e-14)
    assert overlap.value("b1") == 0
    some = blocs.bloc_betweenness(["a1", "a2"], ["b2", "b3"], nodes=["b1", "a3"],
                                  lengths="unit", normalized=True)
    assert some.ids == ["b1", "a3"] and some.values[1] == 1

    d = path(directed=True)
    forward = d.bloc_betweenness("a", "d")
    assert (forward.value("b"), forward.value("c")) == (1, 1)
    assert d.bloc_betweenness("d", "a").value("b") == 0
    any_way = d.bloc_betweenness("d", "a", mode="all")
    assert (any_way.value("b"), any_way.value("c")) == (1, 1)


def test_bloc_betweenness_bad_input():
    view = two_triangles()
    with pytest.raises(citynet.NotFoundError):
        view.bloc_betweenness(["nowhere"], ["a"])
    with pytest.raises(citynet.NotFoundError, match="targets"):
        view.ego_network("a").bloc_betweenness(["a"], ["e"])
    with pytest.raises(IndexError):
        view.bloc_betweenness([77], ["a"])
    with pytest.raises(citynet.UsageError):
        view.bloc_betweenness(["a"], ["e"], mode="up")
    with pytest.raises(citynet.UsageError):
        view.bloc_betweenness(["a"], ["e"], lengths="metres")
    with pytest.raises(citynet.UsageError, match="twice"):
        view.bloc_betweenness(["a"], ["e"], nodes=["c", "c"])
    with pytest.raises(TypeError):
        view.bloc_betweenness(None, ["e"])
    with pytest.raises(TypeError):
        view.bloc_betweenness(["a"], [1.5])
    with pytest.raises(TypeError):
        view.bloc_betweenness(["a"], ["e"], normalized="yes")


# ----------------------------------------------------------------------------
# Agreement with the citynet command on data/istanbul
# ----------------------------------------------------------------------------

WINDOWS = [({}, []),
           ({"start": "2019-06-23", "end": "2024-03-31"},
            ["--from", "2019-06-23", "--to", "2024-03-31"]),
           ({"direction": "undirected"}, ["--direction", "undirected"])]


@pytest.mark.parametrize("view_args,cli_args", WINDOWS)
@pytest.mark.parametrize("mode", ["all", "out", "in"])
def test_ego_measures_agree_with_cli(istanbul_path, view_args, cli_args, mode):
    view = citynet.load(istanbul_path).view(**view_args)
    doc = run_cli("ego-net", istanbul_path, "--all", "--mode", mode, *cli_args)
    ours = view.ego_measures(mode=mode).to_dict()
    assert [r["id"] for r in doc["measures"]] == list(ours)
    for row in doc["measures"]:
        for name in EGO_MEASURES:
            assert_same(ours[row["id"]][name], row[name], f"{row['id']} {name}")


@pytest.mark.parametrize("order,mode,alter_ties", [
    (1, "all", True), (2, "all", False), (2, "out", True), (1, "in", False),
    (0, "all", True)])
def test_ego_network_agrees_with_cli(istanbul_path, order, mode, alter_ties):
    view = citynet.load(istanbul_path).view()
    args = ["ego-net", istanbul_path, "--focus", "istanbul", "--order", order,
            "--mode", mode] + ([] if alter_ties else ["--no-alter-ties"])
    doc = run_cli(*args)
    ego = view.ego_network("istanbul", order, mode=mode, alter_ties=alter_ties)
    assert doc["ego_network"] == {"vertices": len(ego.vertices),
                                  "edges": len(ego.edges), "ties": len(ego.ties)}
    assert [m["id"] for m in doc["members"]] == ego.vertices.ids()
    degree = {node: 0 for node in ego.vertices.ids()}
    for edge in ego.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    assert {m["id"]: m["degree"] for m in doc["members"]} == degree
    row = view.ego_measures("istanbul", mode=mode).row("istanbul")
    for name in EGO_MEASURES:
        assert_same(getattr(row, name), doc["measures"][0][name], name)


@pytest.mark.parametrize("model", ["whole", "ego"])
@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("view_args,cli_args", WINDOWS[:2])
def test_holes_agree_with_cli(istanbul_path, model, weighted, view_args, cli_args):
    view = citynet.load(istanbul_path).view(**view_args)
    doc = run_cli("holes", istanbul_path, "--model", model, *cli_args,
                   *([] if weighted else ["--unweighted"]))
    holes = view.structural_holes(model, weighted=weighted)
    theirs = {(r["id"], r["measure"]): r for r in doc["rows"]}
    assert len(theirs) == 4 * len(holes)
    for measure in ("effective_size", "efficiency", "constraint", "hierarchy"):
        scores = holes.scores(measure)
        single = view.holes_measure(measure, model, weighted=weighted)
        assert single == scores
        for row in scores:
            cli = theirs[(row.id, scores.measure)]
            assert_same(row.value, cli["value"], f"{row.id} {scores.measure}")
            assert row.rank == cli["rank"], (row.id, scores.measure)


@pytest.mark.parametrize("by,directed,permutations,seed", [
    ("country", None, 0, 1), ("country", False, 0, 1),
    ("group:EU@2020", None, 0, 1), ("kind", None, 0, 1),
    ("country", None, 40, 9), ("group:EU@2020", False, 30, 2)])
def test_brokerage_agrees_with_cli(istanbul_path, by, directed, permutations, seed):
    view = citynet.load(istanbul_path).view(start="2019-06-23", end="2024-03-31")
    args = ["brokerage", istanbul_path, "--by", by, "--from", "2019-06-23",
            "--to", "2024-03-31", "--permutations", permutations, "--seed", seed]
    if directed is False:
        args.append("--undirected")
    doc = run_cli(*args)
    b = view.brokerage(by, directed=directed, permutations=permutations, seed=seed)
    assert doc["options"]["directed"] == b.directed
    assert doc["options"]["by"] == b.partition.source
    stats = BROKERAGE_STATS if permutations else BROKERAGE_STATS[:4]
    ours = {(r.id, r.role): r for r in b}
    assert len(doc["nodes"]) == len(ours)
    for cli in doc["nodes"]:
        row = ours[(cli["id"], cli["role"])]
        assert (row.name, row.group, row.rank) == \
            (cli["name"], cli["group"], cli["rank"])
        for stat in stats:
            assert_same(getattr(row, stat), cli.get(stat),
                        f"{row.id} {row.role} {stat}")
    # The command lists each role by rank, as Brokerage.role() does.
    for role in BROKERAGE_ROLES:
        assert [r.id for r in b.role(role)] == \
            [c["id"] for c in doc["nodes"] if c["role"] == role]
    whole = b.whole_view.to_dict()
    for cli in doc["global"]:
        for stat in stats:
            assert_same(whole[cli["role"]][stat], cli.get(stat),
                        f"global {cli['role']} {stat}")


@pytest.mark.parametrize("sources,targets,options", [
    ("group:EU@2020", "nodes:istanbul", {}),
    ("country:TUR", "group:EU@2020", {"normalized": True}),
    ("country:TUR,UKR", "country:DEU,FRA", {"mode": "all"}),
    ("nodes:istanbul,kyiv", "group:EU@2020", {"lengths": "unit"}),
    ("group:EU@2020", "country:TUR", {"weighted": False, "normalized": True}),
])
def test_bloc_betweenness_agrees_with_cli(istanbul_path, sources, targets, options):
    view = citynet.load(istanbul_path).view()

    def bloc(spec):
        kind, _, rest = spec.partition(":")
        if kind == "nodes":
            return rest.split(",")
        if kind == "country":
            part = view.partition("country")
            return [node for code in rest.split(",") for node in part.members(code)]
        part = view.partition(spec)
        return part.members(part.labels[0])

    args = ["between", istanbul_path, "--sources", sources, "--targets", targets]
    if "mode" in options:
        args += ["--mode", options["mode"]]
    if "lengths" in options:
        args += ["--length", options["lengths"]]
    if options.get("weighted") is False:
        args.append("--unweighted")
    if options.get("normalized"):
        args.append("--normalized")
    doc = run_cli(*args)
    ours = view.bloc_betweenness(bloc(sources), bloc(targets), **options)
    assert doc["options"]["source_nodes"] == len(bloc(sources))
    assert len(doc["rows"]) == len(ours)
    for cli in doc["rows"]:
        assert_same(ours.value(cli["id"]), cli["value"], cli["id"])
        assert ours.rank(cli["id"]) == cli["rank"], cli["id"]


# ----------------------------------------------------------------------------
# Results as tables; memory
# ----------------------------------------------------------------------------

def test_results_convert():
    pd = pytest.importorskip("pandas")
    view = two_blocs()
    frame = view.ego_measures().to_pandas()
    assert list(frame.index) == view.vertices.ids()
    assert frame.loc["a3", "size"] == 3
    holes = view.structural_holes().to_pandas()
    assert holes.loc["a3", "constraint"] == pytest.approx(0.76, rel=1e-13)
    b = view.brokerage(view.partition(labels={"a1": "A", "a2": "A", "a3": "A"},
                                      unlisted="B"))
    frame = b.to_pandas()
    assert len(frame) == 6 * 6 and "perm_p" in frame.columns
    assert b.whole_view.to_pandas().loc["total", "count"] == \
        sum(b.value(node, "total") for node in view.vertices.ids())
    assert "Brokerage" in repr(b) and "EgoMeasures" in repr(view.ego_measures())
    assert "StructuralHoles" in repr(view.structural_holes())


@skip_if_sanitized
def test_memory_is_released():
    view = two_blocs()
    part = view.partition(labels={"a1": "A", "a2": "A", "a3": "A"}, unlisted="B")
    other = star()

    def step():
        ego = view.ego_network("a3", 2, alter_ties=False)
        ego.ego_network("a3").ego_measures().scores("density")
        view.ego_measures(["a1", "b1"]).scores("ego_betweenness")
        view.structural_holes("ego").scores("hierarchy")
        view.constraint(weighted=False)
        b = view.brokerage(part, permutations=3, seed=1)
        b.scores("liaison", "perm_z")
        ego.brokerage("country")
        view.bloc_betweenness(["a1", "a2"], ["b2", "b3"], nodes=["a3"])
        for call in (lambda: view.ego_network("nowhere"),
                     lambda: view.brokerage(other.partition("country")),
                     lambda: view.structural_holes("local"),
                     lambda: view.ego_network("a1").ego_measures(["b3"])):
            with pytest.raises(citynet.CitynetError):
                call()

    assert_memory_flat(step, warmup=200, rounds=3000)
