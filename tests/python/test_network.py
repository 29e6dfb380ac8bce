"""Network: building, reading, lookups, dates, and argument checking."""

import datetime
import math

import pytest

import citynet
from citynet import (AmbiguousError, CitynetError, Node, NotFoundError,
                     UsageError)


def test_versions():
    assert citynet.library_version == citynet.__version__
    assert len(citynet.header_version) == 3


def test_empty_network():
    n = citynet.Network()
    assert len(n.nodes) == 0 and len(n.ties) == 0 and len(n.countries) == 0
    assert n.kinds == ["city", "organisation", "government"]
    assert n.layers == [] and n.groups == [] and n.memberships == []
    assert list(n.nodes) == []
    with pytest.raises(IndexError):
        n.nodes[0]
    assert "Network" in repr(n)


def test_nodes(net):
    nodes = net.nodes
    assert len(nodes) == 8
    ist = nodes[0]
    assert isinstance(ist, Node)
    assert ist == Node(0, "istanbul", "city", "İstanbul", "TUR", 41.01, 28.97,
                       15_655_924.0, {"mayor": "İmamoğlu"})
    assert nodes["b40"].country is None
    assert nodes["b40"].lat is None and nodes["b40"].population is None
    assert nodes["ankara"].name == "Ankara"
    assert nodes[-1].id == "turkey-government"
    assert [n.id for n in nodes[1:3]] == ["ankara", "athens"]
    assert "paris" in nodes and "berlin" not in nodes
    assert nodes.get("berlin") is None
    assert nodes.index("athens") == 2
    assert nodes.ids()[:3] == ["istanbul", "ankara", "athens"]
    assert net.node_attribute_keys == ["mayor"]
    with pytest.raises(NotFoundError):
        nodes["berlin"]
    with pytest.raises(IndexError):
        nodes[8]
    with pytest.raises(IndexError):
        nodes[-9]
    with pytest.raises(TypeError):
        nodes[1.5]


def test_name_defaults_to_id():
    n = citynet.Network()
    n.add_node("x", "organisation")
    assert n.nodes[0].name == "x"


def test_ties(net):
    ties = net.ties
    assert len(ties) == 7
    t = ties[2]
    assert (t.source, t.target, t.layer, t.weight, t.directed, t.start, t.end,
            t.ref, t.attrs) == ("istanbul", "b40", "member", 1.0, True,
                                "2021-11-29", None, "§4.9", {"role": "founder"})
    assert ties[3].start == "2022-03" and ties[3].end == "2022-03"
    assert ties[3].weight == 10.0
    assert net.layers == ["sister", "member", "aid", "visit"]
    assert net.tie_attribute_keys == ["role"]
    with pytest.raises(TypeError):
        ties["x"]


def test_countries(net):
    c = net.countries
    assert len(c) == 5
    assert c.codes() == ["TUR", "GRC", "FRA", "UKR", "ITA"]
    grc = c["GRC"]
    assert grc.name == "Greece"
    assert grc.attrs == {"un_agreement": 0.73}
    assert [s.group for s in grc.groups] == ["EU", "NATO"]
    fra = c[2]
    assert [(s.group, s.start, s.end) for s in fra.groups] == [
        ("EU", "1958", None), ("NATO", "1949", "1966"), ("NATO", "2009", None)]
    assert "ITA" in c and "DEU" not in c
    assert net.groups == ["EU", "NATO"]
    assert net.country_attribute_keys == ["un_agreement"]
    assert len(net.memberships) == 6
    with pytest.raises(NotFoundError):
        c["DEU"]


def test_country_attribute_nan_is_missing(net):
    net.add_country("DEU", "Germany", un_agreement=None, gdp=4.0)
    deu = net.countries["DEU"]
    assert deu.attrs["gdp"] == 4.0
    assert "un_agreement" not in deu.attrs  # NaN means missing
    assert "un_agreement" in net.country_attribute_keys


def test_find(net):
    assert net.find("istanbul").index == 0
    assert net.find("İstanbul").id == "istanbul"
    assert net.find("ISTANBUL").id == "istanbul"
    assert net.find("Odesa").id == "odessa"
    with pytest.raises(NotFoundError) as info:
        net.find("istanbull")
    assert info.value.code == 4
    assert isinstance(info.value, LookupError)


def test_find_ambiguous():
    n = citynet.Network()
    n.add_node("paris-fr", "city", name="Paris", country="FRA")
    n.add_node("paris-us", "city", name="Paris", country="USA")
    with pytest.raises(AmbiguousError) as info:
        n.find("Paris")
    assert "paris-fr" in str(info.value) and "paris-us" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_groups_and_dates(net):
    assert net.groups_at("athens", "2020-01-01") == ["EU", "NATO"]
    assert net.groups_at("athens", "1970") == ["NATO"]
    assert net.groups_at("paris", "1980-06-01") == ["EU"]
    assert net.groups_at("paris") == ["EU", "NATO"]
    assert net.groups_at(net.nodes["b40"]) == []
    assert net.groups_at(3, datetime.date(1955, 1, 1)) == ["NATO"]
    assert net.in_group("FRA", "NATO", "1970") is False
    assert net.in_group("FRA", "NATO", 2010) is True
    assert net.in_group("TUR", "EU") is False
    assert net.in_group("TUR", "NO-SUCH-GROUP") is False
    with pytest.raises(NotFoundError):
        net.in_group("DEU", "EU")
    with pytest.raises(UsageError):
        net.groups_at("athens", "2020-02-30")
    with pytest.raises(IndexError):
        net.groups_at(99)


def test_date_functions():
    assert citynet.normalize_date("2019") == "2019"
    assert citynet.normalize_date(datetime.date(2020, 2, 29)) == "2020-02-29"
    assert citynet.normalize_date(None) is None
    assert citynet.first_day("2019") == "2019-01-01"
    assert citynet.last_day("2020-02") == "2020-02-29"
    assert citynet.date_active("2019", "2019", "2019-12-31")
    assert not citynet.date_active("2019", "2019", "2020-01-01")
    assert citynet.date_active(None, None, None)
    assert not citynet.date_active(None, "2019", None)
    assert citynet.date_overlaps("2019", "2020", "2020-06-01", None)
    assert not citynet.date_overlaps("2019", "2020", "2021", "2022")
    for bad in ("2019-13", "19", "2019-02-30", "2019-1-1", " 2019", "0"):
        with pytest.raises(UsageError):
            citynet.normalize_date(bad)
    with pytest.raises(UsageError):
        citynet.normalize_date(0)
    with pytest.raises(TypeError):
        citynet.normalize_date(2019.0)


def test_register_kind():
    n = citynet.Network()
    with pytest.raises(UsageError):
        n.add_node("tr1", "region")
    n.register_kind("region")
    n.register_kind("region")
    n.add_node("tr1", "region", country="TUR")
    assert n.kinds[-1] == "region"
    with pytest.raises(UsageError):
        n.register_kind("")
    with pytest.raises(UsageError):
        n.register_kind("bad\nkind")


def test_builder_errors_leave_network_unchanged(net):
    before = (len(net.nodes), len(net.ties), len(net.countries))
    cases = [
        (UsageError, lambda: net.add_node("istanbul", "city", country="TUR")),
        (UsageError, lambda: net.add_node("x", "planet")),
        (UsageError, lambda: net.add_node("x", "city")),
        (UsageError, lambda: net.add_node("x", "city", country="tr")),
        (UsageError, lambda: net.add_node("", "organisation")),
        (UsageError, lambda: net.add_node("x", "organisation", lat=91, lon=0)),
        (UsageError, lambda: net.add_node("x", "organisation", lat=10)),
        (UsageError, lambda: net.add_node("x", "organisation",
                                          population=-1)),
        (UsageError, lambda: net.add_node("x", "organisation",
                                          population=math.inf)),
        (UsageError, lambda: net.add_node("x", "organisation", lat=None,
                                          lon=5)),
        (UsageError, lambda: net.add_node("x", "organisation",
                                          **{"bad\tkey": "v"})),
        (UsageError, lambda: net.add_node("x\0y", "organisation")),
        (TypeError, lambda: net.add_node(5, "organisation")),
        (TypeError, lambda: net.add_node("x", "organisation", note=[1])),
        (TypeError, lambda: net.add_node("x", "organisation", lat="1",
                                         lon="2")),
        (NotFoundError, lambda: net.add_tie("istanbul", "berlin", "sister")),
        (UsageError, lambda: net.add_tie("istanbul", "istanbul", "sister")),
        (UsageError, lambda: net.add_tie("istanbul", "athens", "sister",
                                         weight=0)),
        (UsageError, lambda: net.add_tie("istanbul", "athens", "sister",
                                         weight=-2)),
        (UsageError, lambda: net.add_tie("istanbul", "athens", "sister",
                                         weight=math.nan)),
        (UsageError, lambda: net.add_tie("istanbul", "athens", "sister",
                                         start="2021-02-30")),
        (UsageError, lambda: net.add_tie("istanbul", "athens", "sister",
                                         start="2022", end="2021")),
        (UsageError, lambda: net.add_tie("istanbul", "athens", "")),
        (TypeError, lambda: net.add_tie("istanbul", "athens", "x",
                                        weight="2")),
        (TypeError, lambda: net.add_tie("istanbul", "athens", "x",
                                        directed="false")),
        (UsageError, lambda: net.add_country("TUR")),
        (UsageError, lambda: net.add_country("tur")),
        (TypeError, lambda: net.add_country("DEU", gdp="big")),
        (NotFoundError, lambda: net.add_country_group("DEU", "EU")),
        (UsageError, lambda: net.add_country_group("TUR", "EU", "2030",
                                                   "2020")),
        (UsageError, lambda: net.add_country_group("TUR", "")),
    ]
    for i, (exc, call) in enumerate(cases):
        with pytest.raises(exc):
            call()
        assert (len(net.nodes), len(net.ties), len(net.countries)) == before, i
    assert len(net.memberships) == 6


def test_errors_are_citynet_errors(net):
    with pytest.raises(CitynetError) as info:
        net.add_tie("istanbul", "athens", "sister", weight=0)
    e = info.value
    assert e.code == 3 and "weight" in e.message and str(e) == e.message
    assert e.file is None and e.line == 0 and e.column == 0
    assert isinstance(e, ValueError)


def test_setters(net):
    net.set_node_location("ankara", 39.93, 32.85)
    net.set_node_population(1, 5_700_000)
    net.set_node_attribute("ankara", "mayor", "Yavaş")
    net.set_node_attribute("ankara", "founded", 1923)
    net.set_node_attribute("ankara", "capital", True)
    a = net.nodes["ankara"]
    assert (a.lat, a.lon, a.population) == (39.93, 32.85, 5_700_000.0)
    assert a.attrs == {"mayor": "Yavaş", "founded": "1923", "capital": "true"}
    net.set_node_attribute("ankara", "mayor", None)
    assert "mayor" not in net.nodes["ankara"].attrs
    net.set_tie_attribute(0, "source_page", "p. 12")
    net.set_tie_attribute(net.ties[1], "note", 1.5)
    assert net.ties[0].attrs == {"source_page": "p. 12"}
    assert net.ties[1].attrs == {"note": "1.5"}
    net.set_country_attribute("TUR", "un_agreement", 0.2)
    assert net.countries["TUR"].attrs == {"un_agreement": 0.2}
    with pytest.raises(UsageError):
        net.set_node_location(0, 100, 0)
    with pytest.raises(UsageError):
        net.set_node_population(0, -5)
    with pytest.raises(UsageError):
        net.set_node_attribute(0, "lat", "1")
    with pytest.raises(UsageError):
        net.set_tie_attribute(0, "weight", "1")
    with pytest.raises(UsageError):
        net.set_country_attribute("TUR", "name", 1)
    with pytest.raises(NotFoundError):
        net.set_country_attribute("DEU", "gdp", 1)
    with pytest.raises(IndexError):
        net.set_tie_attribute(99, "x", "y")
    with pytest.raises(IndexError):
        net.set_node_location(-99, 0, 0)
    with pytest.raises(NotFoundError):
        net.set_node_location("berlin", 0, 0)


def test_node_from_other_network(net):
    other = citynet.Network()
    other.add_node("zzz", "organisation")
    with pytest.raises(NotFoundError):
        net.groups_at(other.nodes[0])


def test_dates_accept_python_types():
    n = citynet.Network()
    n.add_node("a", "organisation")
    n.add_node("b", "organisation")
    n.add_tie("a", "b", "x", start=datetime.date(2020, 1, 2),
              end=datetime.datetime(2021, 3, 4, 12, 0))
    n.add_tie("a", "b", "x", start=1999, end="")
    t0, t1 = n.ties
    assert (t0.start, t0.end) == ("2020-01-02", "2021-03-04")
    assert (t1.start, t1.end) == ("1999", None)


def test_sequences_keep_network_alive():
    nodes = citynet.Network()
    nodes.add_node("a", "organisation")
    seq = nodes.nodes
    del nodes
    assert seq[0].id == "a"


def test_numpy_values():
    np = pytest.importorskip("numpy")
    n = citynet.Network()
    n.add_node("a", "organisation", population=np.float64(3), size=np.int64(4),
               flag=np.bool_(True))
    n.add_node("b", "organisation")
    n.add_tie("a", "b", "x", weight=np.int32(3))
    assert n.nodes[np.int64(0)].attrs == {"size": "4", "flag": "true"}
    assert n.ties[0].weight == 3.0
