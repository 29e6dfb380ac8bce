"""Views, compositions and the Table result shape, against values worked
out by hand from conftest.small_network()."""

import sys

import pytest

import citynet
from citynet import (Composition, CompositionRow, Edge, NotFoundError, Table,
                     UsageError)

WINDOW = dict(start="2019-06-23", end="2024-03-31")


def test_view_everything(net):
    v = net.view()
    assert v.network is net
    assert v.period == (None, None)
    assert v.directed  # some ties are directed
    assert len(v.vertices) == 8 and len(v.ties) == 7
    assert v.vertices.ids() == net.nodes.ids()
    assert v.ties.indices() == list(range(7))
    assert "View" in repr(v)


def test_view_window(net):
    v = net.view(**WINDOW)
    assert v.period == ("2019-06-23", "2024-03-31")
    assert [t.index for t in v.ties] == [0, 1, 2, 3, 4, 6]
    assert v.ties[0] == net.ties[0]
    assert v.reference_date(0) == "2021-01-01"
    assert v.reference_date(1) == "2019-06-23"
    assert v.reference_date(net.ties[4]) == "2023-05-01"
    with pytest.raises(IndexError):
        v.reference_date(7)


def test_view_at(net):
    v = net.view(at="2015")
    assert v.period == ("2015-01-01", "2015-12-31")
    assert [t.index for t in v.ties] == [1]
    assert [t.index for t in net.view(at=1995).ties] == [1, 5]
    with pytest.raises(UsageError):
        net.view(at="2015", start="2014")


def test_view_edges_undirected_sum(net):
    v = net.view(direction="undirected", **WINDOW)
    assert not v.directed
    edges = {(e.source, e.target): (e.weight, e.n_ties) for e in v.edges}
    # istanbul-athens: sister (1) + visit (2) combine into one edge
    assert edges[("istanbul", "athens")] == (3.0, 2)
    assert edges[("istanbul", "odessa")] == (10.0, 1)
    assert len(edges) == 5
    e = v.edges[0]
    assert isinstance(e, Edge)
    assert all(a < b for a, b in v.edges.vertex_pairs())


def test_view_combine_rules(net):
    def athens(**kw):
        v = net.view(direction="undirected", **WINDOW, **kw)
        return [(e.weight, e.n_ties) for e in v.edges
                if {e.source, e.target} == {"istanbul", "athens"}]
    assert athens(combine="sum") == [(3.0, 2)]
    assert athens(combine="max") == [(2.0, 2)]
    assert athens(combine="count") == [(2.0, 2)]
    assert sorted(athens(combine="none")) == [(1.0, 1), (2.0, 1)]


def test_view_options_are_canonical(net):
    v = net.view(combine="NONE", direction="Undirected", layers="sister")
    assert v.options == {"layers": ["sister"], "at": None, "start": None,
                         "end": None, "kinds": None, "combine": "none",
                         "direction": "undirected", "drop_isolates": False}
    assert v.options["combine"] in citynet.COMBINE_RULES


def test_view_directed_arcs(net):
    v = net.view(direction="directed", layers="aid")
    assert v.directed
    assert [(e.source, e.target) for e in v.edges] == [("istanbul", "odessa")]
    v = net.view(direction="directed", layers=["sister"], at=2021)
    pairs = sorted((e.source, e.target) for e in v.edges)
    assert pairs == [("athens", "istanbul"), ("istanbul", "athens"),
                     ("istanbul", "paris"), ("paris", "istanbul")]


def test_view_kinds_and_isolates(net):
    v = net.view(kinds=["city"], drop_isolates=True, **WINDOW)
    assert "b40" not in v.vertices
    assert "turkey-government" not in v.vertices
    assert set(v.vertices.ids()) == {"istanbul", "athens", "paris", "odessa"}
    assert v.vertex("b40") is None
    assert v.vertices[v.vertex("paris")].id == "paris"
    assert v.vertices["paris"].id == "paris"
    with pytest.raises(NotFoundError):
        v.vertices["b40"]
    v = net.view(kinds="organisation")
    assert v.vertices.ids() == ["b40"] and len(v.edges) == 0


def test_view_errors(net):
    with pytest.raises(NotFoundError):
        net.view(layers=["no-such-layer"])
    with pytest.raises(NotFoundError):
        net.view(kinds=["planet"])
    with pytest.raises(UsageError):
        net.view(combine="mean")
    with pytest.raises(UsageError):
        net.view(direction="sideways")
    with pytest.raises(UsageError):
        net.view(start="2024", end="2019")
    with pytest.raises(UsageError):
        net.view(at="2019-02-30")
    with pytest.raises(TypeError):
        net.view(combine=None)
    with pytest.raises(TypeError):
        net.view(layers=[1])
    with pytest.raises(TypeError):
        citynet.View()


def test_to_network(net):
    sub = net.view(layers="sister", **WINDOW).to_network()
    assert isinstance(sub, citynet.Network)
    assert [(t.source, t.target) for t in sub.ties] == [
        ("istanbul", "athens"), ("istanbul", "paris")]
    assert len(sub.countries) == len(net.countries)
    assert sub.memberships == net.memberships


def test_write_graphml(net, tmp_path):
    nx = pytest.importorskip("networkx")
    v = net.view(direction="undirected", **WINDOW)
    v.write_graphml(tmp_path / "v.graphml")
    g = nx.read_graphml(tmp_path / "v.graphml")
    assert set(g.nodes) == set(v.vertices.ids())
    assert g.nodes["istanbul"]["name"] == "İstanbul"
    weights = {frozenset((a, b)): d["weight"] for a, b, d in g.edges(data=True)}
    assert weights == {frozenset((e.source, e.target)): e.weight
                       for e in v.edges}
    with pytest.raises(citynet.FileError):
        v.write_graphml(tmp_path / "missing-dir" / "v.graphml")


def test_view_to_networkx(net):
    nx = pytest.importorskip("networkx")
    g = net.view(direction="undirected", **WINDOW).to_networkx()
    assert type(g) is nx.Graph
    assert g["istanbul"]["athens"] == {"weight": 3.0, "n_ties": 2}
    assert g.nodes["istanbul"]["mayor"] == "İmamoğlu"
    g = net.view(combine="none", **WINDOW).to_networkx()
    assert type(g) is nx.MultiDiGraph
    assert g.number_of_edges() == len(net.view(combine="none", **WINDOW).edges)


# ---------------------------------------------------------------------------
# Composition
# ---------------------------------------------------------------------------

def rows_of(c, dimension, layer=None):
    return [(r.key, r.ties, r.partners, r.weight) for r in c.select(dimension,
                                                                    layer)]


def test_composition_by_hand(net):
    c = net.view(**WINDOW).composition("istanbul")
    assert isinstance(c, Composition) and isinstance(c, Table)
    assert c.focus.id == "istanbul"
    assert c.totals == (5, 15.0, 4)
    assert c.totals.partners == 4
    assert rows_of(c, "layer") == [("sister", 2, 2, 2.0), ("aid", 1, 1, 10.0),
                                   ("member", 1, 1, 1.0), ("visit", 1, 1, 2.0)]
    assert rows_of(c, "country") == [("GRC", 2, 1, 3.0), ("", 1, 1, 1.0),
                                     ("FRA", 1, 1, 1.0), ("UKR", 1, 1, 10.0)]
    assert rows_of(c, "group") == [("EU", 3, 2, 4.0), ("NATO", 3, 2, 4.0),
                                   ("", 2, 2, 11.0)]
    assert rows_of(c, "group", "sister") == [("EU", 2, 2, 2.0),
                                             ("NATO", 2, 2, 2.0)]
    assert rows_of(c, "country", "aid") == [("UKR", 1, 1, 10.0)]
    assert c.share("layer", "sister") == pytest.approx(0.4)
    assert c.share("group", "", by="weight") == pytest.approx(11 / 15)
    assert c.share("group", "OTS") == 0.0
    assert c.share("group", "EU", layer="sister") == 1.0
    layers_in_scope = [r.layer for r in c if r.dimension == "country"]
    assert layers_in_scope == [None] * 4 + ["aid", "member", "sister",
                                            "sister", "visit"]
    with pytest.raises(ValueError):
        c.select("city")
    with pytest.raises(ValueError):
        c.share("layer", "sister", by="count")


def test_composition_focus_forms(net):
    v = net.view(**WINDOW)
    expected = v.composition("istanbul")
    assert v.composition(0) == expected
    assert v.composition("İSTANBUL") == expected
    assert v.composition(net.nodes[0]) == expected
    with pytest.raises(NotFoundError):
        net.view(kinds="organisation").composition("istanbul")
    with pytest.raises(NotFoundError):
        v.composition("berlin")
    with pytest.raises(IndexError):
        v.composition(100)


def test_composition_empty(net):
    c = net.view(at="1800").composition("istanbul")
    assert c.totals == (0, 0.0, 0) and len(c) == 0
    assert c.to_dict()["rows"] == []
    assert "0 rows" in repr(c)


def test_table_interface(net):
    c = net.view(**WINDOW).composition("istanbul")
    assert len(c) == len(c.rows) == len(list(c))
    assert c.columns == CompositionRow._fields
    assert c[0] == c.rows[0] and c[-1] == c.rows[-1]
    assert c[:2] == c.rows[:2]
    first = c[0]
    assert first.dimension == "layer" and first.layer is None
    records = c.to_records()
    assert records[0] == first._asdict()
    d = c.to_dict()
    assert d["focus"] == "istanbul"
    assert d["totals"] == {"ties": 5, "weight": 15.0, "partners": 4}
    assert d["rows"] == records
    text = repr(c)
    assert "Composition of 'istanbul'" in text and "sister" in text
    assert c != net.view().composition("istanbul")


def test_table_base_class():
    from typing import NamedTuple

    class Score(NamedTuple):
        node: str
        value: float

    class Scores(Table):
        Row = Score
        key_column = "node"

    t = Scores([Score("a", 1.0), Score("b", 2.5)])
    assert t.to_dict() == {"a": {"value": 1.0}, "b": {"value": 2.5}}
    assert len(t) == 2 and list(t)[1].value == 2.5
    pytest.importorskip("pandas")
    frame = t.to_pandas()
    assert list(frame.index) == ["a", "b"]
    assert frame.loc["b", "value"] == 2.5

    class Plain(Table):
        Row = Score

    assert Plain([Score("a", 1.0)]).to_dict() == {"node": ["a"], "value": [1.0]}


def test_to_pandas(net):
    pytest.importorskip("pandas")
    c = net.view(**WINDOW).composition("istanbul")
    frame = c.to_pandas()
    assert list(frame.columns) == list(CompositionRow._fields)
    assert len(frame) == len(c)
    assert frame.attrs["focus"] == "istanbul"
    assert frame.attrs["totals"]["ties"] == 5
    groups = frame[(frame.dimension == "group") & frame.layer.isna()]
    assert list(groups.key) == ["EU", "NATO", ""]


def test_to_pandas_without_pandas(net, monkeypatch):
    c = net.view(**WINDOW).composition("istanbul")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pandas"):
        c.to_pandas()


def test_view_keeps_network_alive():
    import gc
    from conftest import small_network
    v = small_network().view(**WINDOW)
    gc.collect()
    assert v.network.nodes[0].id == "istanbul"
    c = v.composition("istanbul")
    del v
    gc.collect()
    assert c.view.network.find("athens").index == 2
    assert c.totals.ties == 5


def test_nodes_added_after_the_view(net):
    v = net.view(**WINDOW)
    net.add_node("sarajevo", "city", country="BIH")
    net.add_tie("istanbul", "sarajevo", "restoration", start="2022")
    assert v.vertex("sarajevo") is None
    assert "sarajevo" not in v.vertices
    with pytest.raises(NotFoundError):
        v.composition("sarajevo")
    assert v.composition("istanbul").totals.ties == 5
    assert net.view(**WINDOW).composition("istanbul").totals.ties == 6


def test_edge_ties_of_combined_edges(tmp_path):
    """ties_of() lists the ties behind an edge, in network order."""
    net = citynet.Network()
    for node in ("a", "b", "c"):
        net.add_node(node, "city", country="TUR")
    net.add_tie("a", "b", "sister", weight=2)
    net.add_tie("b", "a", "visit", weight=3)
    net.add_tie("b", "c", "aid", weight=1)
    view = net.view(direction="undirected", combine="sum")
    assert [e.weight for e in view.edges] == [5.0, 1.0]
    assert view.edges.ties_of(0) == [0, 1]
    assert view.edges.ties_of(1) == [2]
    with pytest.raises(IndexError):
        view.edges.ties_of(2)


def test_progress_handler_install_and_remove():
    seen = []
    citynet.set_progress_handler(lambda fraction, what: seen.append(what) or True)
    try:
        with pytest.raises(TypeError):
            citynet.set_progress_handler(42)
    finally:
        citynet.set_progress_handler(None)
