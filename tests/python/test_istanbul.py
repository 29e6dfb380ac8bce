"""The bundled Istanbul data set through the binding (skipped when
data/istanbul is absent)."""

import pytest

import citynet

WINDOW = dict(start="2019-06-23", end="2024-03-31")


def test_load_and_find(istanbul_path):
    assert citynet.validate(istanbul_path) == []
    n = citynet.load(istanbul_path)
    assert len(n.nodes) > 0 and len(n.ties) > 0
    ist = n.find("İstanbul")
    assert ist.id == "istanbul" and ist.country == "TUR"
    assert n.find("ISTANBUL") == ist
    assert n.find("turkey-government").kind == "government"


def test_composition_walkthrough(istanbul_path):
    """The walk-through of docs/python.md."""
    n = citynet.load(istanbul_path)
    v = n.view(**WINDOW)
    city = v.composition("istanbul")
    state = v.composition("turkey-government")
    for c in (city, state):
        assert c.totals.ties == sum(r.ties for r in c.select("layer"))
        assert sum(r.tie_share for r in c.select("layer")) == pytest.approx(1)
        assert sum(r.tie_share for r in c.select("country")) == pytest.approx(1)
        ties_of_focus = [t for t in v.ties
                         if c.focus.id in (t.source, t.target)]
        assert len(ties_of_focus) == c.totals.ties
    pd = pytest.importorskip("pandas")
    frame = pd.concat({"istanbul": city.to_pandas(),
                       "turkey-government": state.to_pandas()})
    groups = frame[(frame.dimension == "group") & frame.layer.isna()]
    assert set(groups.index.get_level_values(0)) == {"istanbul",
                                                     "turkey-government"}


def test_round_trips(istanbul_path, tmp_path):
    nx = pytest.importorskip("networkx")
    n = citynet.load(istanbul_path)
    back = citynet.from_networkx(n.to_networkx())
    assert list(back.nodes) == list(n.nodes)
    assert list(back.countries) == list(n.countries)
    if any(t.directed for t in n.ties):
        assert list(back.ties) == list(n.ties)
    n.save(tmp_path / "copy")
    again = citynet.load(tmp_path / "copy")
    assert list(again.ties) == list(n.ties)
    v = n.view(**WINDOW)
    v.write_graphml(tmp_path / "v.graphml")
    g = nx.read_graphml(tmp_path / "v.graphml")
    assert g.number_of_nodes() == len(v.vertices)
    assert g.number_of_edges() == len(v.edges)
