"""NetworkX conversion: Network.to_networkx() and citynet.from_networkx()."""

import pytest

import citynet
from citynet import UsageError

nx = pytest.importorskip("networkx")


def same_network(a, b):
    assert list(a.nodes) == list(b.nodes)
    assert list(a.ties) == list(b.ties)
    assert list(a.countries) == list(b.countries)
    assert a.kinds == b.kinds
    assert a.layers == b.layers
    assert a.memberships == b.memberships


def test_to_networkx(net):
    g = net.to_networkx()
    assert type(g) is nx.MultiDiGraph  # the network has directed ties
    assert g.number_of_nodes() == 8 and g.number_of_edges() == 7
    assert g.nodes["istanbul"] == {
        "kind": "city", "name": "İstanbul", "country": "TUR", "lat": 41.01,
        "lon": 28.97, "population": 15_655_924.0, "mayor": "İmamoğlu"}
    assert g.nodes["b40"] == {"kind": "organisation",
                              "name": "B40 Balkan Cities Network"}
    assert g.edges["istanbul", "b40", 2] == {
        "layer": "member", "weight": 1.0, "directed": True,
        "start": "2021-11-29", "ref": "§4.9", "role": "founder"}
    # an undirected tie stays one edge, marked directed=False
    assert g.edges["istanbul", "athens", 0]["directed"] is False
    assert not g.has_edge("athens", "istanbul", 0)
    assert [c["code"] for c in g.graph["countries"]] == net.countries.codes()


def test_round_trip_directed(net):
    same_network(citynet.from_networkx(net.to_networkx()), net)


def test_round_trip_undirected_multigraph():
    n = citynet.Network()
    n.register_kind("region")
    n.add_country("TUR", "Türkiye", un_agreement=0.4)
    n.add_country_group("TUR", "OTS", "2009-10-03", ref="Nakhchivan")
    n.add_node("a", "city", country="TUR", lat=1.5, lon=2.5)
    n.add_node("b", "region", country="TUR", code="TR1")
    n.add_node("c", "organisation", population=0)
    n.add_tie("a", "b", "x", weight=2.5, start="2001", note="first")
    n.add_tie("c", "a", "y", end="2020-02")
    n.add_tie("a", "b", "x", weight=0.25)
    g = n.to_networkx()
    assert type(g) is nx.MultiGraph
    back = citynet.from_networkx(g)
    assert list(back.nodes) == list(n.nodes)
    assert list(back.countries) == list(n.countries)
    assert back.kinds == n.kinds
    # an undirected tie may come back with its ends swapped
    def canon(t):
        return t._replace(source=min(t.source, t.target),
                          target=max(t.source, t.target))
    assert [canon(t) for t in back.ties] == [canon(t) for t in n.ties]


def test_round_trip_after_view(net):
    sub = net.view(start="2019-06-23", end="2024-03-31").to_network()
    same_network(citynet.from_networkx(sub.to_networkx()), sub)


def test_from_plain_graph():
    g = nx.karate_club_graph()
    n = citynet.from_networkx(g, default_kind="organisation",
                              default_layer="tie")
    assert len(n.nodes) == 34 and len(n.ties) == 78
    assert n.nodes["0"].attrs == {"club": "Mr. Hi"}
    assert all(not t.directed for t in n.ties)
    weights = {frozenset((t.source, t.target)): t.weight for t in n.ties}
    assert weights[frozenset(("0", "1"))] == g[0][1]["weight"]
    v = n.view()
    assert len(v.edges) == 78


def test_from_digraph_with_attributes():
    g = nx.DiGraph()
    g.add_node("ist", country="TUR", name="İstanbul", rank=1)
    g.add_node("c40", type="organisation")
    g.add_edge("ist", "c40", layer="member", since="2020", w=3)
    n = citynet.from_networkx(g, kind_attr="type", default_kind="city",
                              weight_attr="w", start_attr="since")
    t = n.ties[0]
    assert (t.source, t.target, t.weight, t.directed, t.start) == (
        "ist", "c40", 3.0, True, "2020")
    assert n.nodes["ist"].attrs == {"rank": "1"}
    assert n.nodes["c40"].kind == "organisation"
    assert n.nodes["ist"].kind == "city"


def test_from_graphml_strings(tmp_path, net):
    # GraphML read back by NetworkX stores directed as text; it is parsed.
    g = nx.MultiDiGraph()
    g.add_node("a", kind="organisation")
    g.add_node("b", kind="organisation")
    g.add_edge("a", "b", layer="x", directed="false")
    g.add_edge("a", "b", layer="x", directed="True")
    n = citynet.from_networkx(g)
    assert [t.directed for t in n.ties] == [False, True]
    g.add_edge("a", "b", layer="x", directed="maybe")
    with pytest.raises(UsageError):
        citynet.from_networkx(g)


def test_from_networkx_errors():
    g = nx.Graph()
    g.add_node("a")
    with pytest.raises(UsageError, match="default_kind"):
        citynet.from_networkx(g)
    g = nx.Graph()
    g.add_edge("a", "b")
    with pytest.raises(UsageError, match="default_layer"):
        citynet.from_networkx(g, default_kind="organisation")
    g = nx.Graph()
    g.add_node("a", kind="organisation", id="x")
    with pytest.raises(UsageError, match="built-in"):
        citynet.from_networkx(g)
    g = nx.Graph()
    g.add_node("a", kind="organisation", data=[1, 2])
    with pytest.raises(TypeError):
        citynet.from_networkx(g)
    g = nx.Graph()
    g.add_node(1, kind="organisation")
    g.add_node("1", kind="organisation")
    with pytest.raises(UsageError, match="duplicate"):
        citynet.from_networkx(g)
    g = nx.Graph()
    g.add_node("a", kind="city")
    with pytest.raises(UsageError, match="country"):
        citynet.from_networkx(g)
