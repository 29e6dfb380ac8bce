"""Scores (one value per node, ranked) and partitions (one label per
vertex): the shared result types of the analytics bindings.

Expected values are worked out by hand on small_network() (conftest.py):
nodes in order istanbul, ankara (TUR), athens (GRC), paris (FRA), rome
(ITA), odessa (UKR), b40 (no country), turkey-government (TUR).
"""

import gc
import math

import pytest

import citynet
from conftest import small_network

ORDER = ["istanbul", "ankara", "athens", "paris", "rome", "odessa", "b40",
         "turkey-government"]


@pytest.fixture
def view():
    return small_network().view()


# ---------------------------------------------------------------------------
# Partitions
# ---------------------------------------------------------------------------

def test_partition_by_country(view):
    p = view.partition("country")
    assert p.source == "country"
    # Codes sorted by byte order, nodes without a country last.
    assert p.labels == ["FRA", "GRC", "ITA", "TUR", "UKR", "(none)"]
    assert p.sizes == [1, 1, 1, 3, 1, 1]
    assert p.missing_label == 5
    assert [row.id for row in p] == ORDER
    assert p.membership == [3, 3, 1, 0, 2, 4, 5, 3]
    assert p.label_of("istanbul") == "TUR"
    assert p.label_of("B40 Balkan Cities Network") == "(none)"
    assert p.members("TUR") == ["istanbul", "ankara", "turkey-government"]
    assert p.members(1) == ["athens"]
    assert p.to_dict()["odessa"] == "UKR"
    assert p.groups()["(none)"] == ["b40"]


def test_partition_by_kind_and_group_dates(view):
    kinds = view.partition("kind")
    assert kinds.labels == ["city", "government", "organisation"]
    assert kinds.sizes == [6, 1, 1]
    # France left NATO's integrated command 1966-2009 (the fixture's
    # spells): not NATO in 1980, NATO again in 2010; Greece from 1952.
    nato_1980 = view.partition("group:NATO@1980")
    assert nato_1980.labels == ["NATO", "not NATO"]
    assert nato_1980.members("NATO") == ["athens"]
    assert nato_1980.source == "group:NATO@1980-01-01"
    nato_2010 = view.partition("group:NATO@2010")
    assert nato_2010.members("NATO") == ["athens", "paris"]
    # First listed group wins; Italy is EU only; the rest is "other".
    blocs = view.partition("groups:NATO,EU@2010")
    assert blocs.labels == ["NATO", "EU", "other"]
    assert blocs.members("NATO") == ["athens", "paris"]
    assert blocs.members("EU") == ["rome"]
    assert blocs.sizes == [2, 1, 5]


def test_partition_from_labels_and_membership(view):
    p = view.partition(labels={"athens": "west", "istanbul": "home",
                               "Paris": "west"}, unlisted="rest")
    # Labels by first appearance, then the unlisted label.
    assert p.labels == ["west", "home", "rest"]
    assert p.to_dict() == {"istanbul": "home", "ankara": "rest",
                           "athens": "west", "paris": "west", "rome": "rest",
                           "odessa": "rest", "b40": "rest",
                           "turkey-government": "rest"}
    m = view.partition(membership=[7, 7, -1, -1, 7, 3, 3, 3])
    assert m.labels == ["0", "1", "2"]
    assert m.membership == [0, 0, 1, 1, 0, 2, 2, 2]
    assert m.source == "membership"


def test_partition_errors(view):
    with pytest.raises(citynet.UsageError):
        view.partition("continent")
    with pytest.raises(citynet.NotFoundError):
        view.partition("group:ASEAN")
    with pytest.raises(citynet.NotFoundError):
        view.partition("attr:mayor_party")
    with pytest.raises(citynet.UsageError):
        view.partition()
    with pytest.raises(citynet.UsageError):
        view.partition("country", membership=[0] * 8)
    with pytest.raises(citynet.UsageError):
        view.partition(membership=[0, 1])  # 8 vertices
    with pytest.raises(citynet.UsageError):
        view.partition(labels={"athens": "x"})  # no unlisted label
    with pytest.raises(citynet.NotFoundError):
        view.partition(labels={"atlantis": "x"}, unlisted="y")
    with pytest.raises(citynet.UsageError):
        view.partition(labels={"athens": ""}, unlisted="y")
    with pytest.raises(TypeError):
        view.partition(membership=[0.5] * 8)
    with pytest.raises(TypeError):
        view.partition(3)
    with pytest.raises(citynet.UsageError):
        view.partition("country\0")


def test_partition_only_of_its_view():
    n = small_network()
    window = n.view(layers="sister", drop_isolates=True)
    p = window.partition("country")
    assert [row.id for row in p] == ["istanbul", "athens", "paris", "rome"]
    with pytest.raises(citynet.NotFoundError):
        p.label_of("ankara")


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------

def test_scores_rank_ties_and_nan(view):
    s = citynet.Scores.from_values(view, "mine", {
        "paris": 2.0, "athens": 2.0, "istanbul": 1.0, "rome": math.nan,
        "ankara": 3.0})
    assert s.measure == "mine"
    assert s.ids == ["paris", "athens", "istanbul", "rome", "ankara"]
    # Competition ranking "1224": ankara 1, paris and athens 2, istanbul 4,
    # NaN last.
    assert [row.rank for row in s] == [2, 2, 4, 5, 1]
    # top(): by rank, equal values by network order (athens before paris).
    assert [row.id for row in s.top()] == ["ankara", "athens", "paris",
                                          "istanbul", "rome"]
    assert [row.id for row in s.top(2)] == ["ankara", "athens"]
    assert s.value("Paris") == 2.0
    assert s.rank(0) == 4  # istanbul by index
    d = s.to_dict()
    assert list(d) == s.ids and d["ankara"] == 3.0 and math.isnan(d["rome"])
    assert s == citynet.Scores.from_values(view, "mine", {
        "paris": 2.0, "athens": 2.0, "istanbul": 1.0, "rome": math.nan,
        "ankara": 3.0})
    with pytest.raises(citynet.NotFoundError):
        s.value("odessa")  # in the view, not in the scores


def test_scores_pandas_and_numpy(view):
    pandas = pytest.importorskip("pandas")
    s = citynet.Scores.from_values(view, "x", {"istanbul": 0.5, "b40": 1.5})
    frame = s.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["name", "value", "rank"]
    assert frame.loc["b40", "rank"] == 1
    assert frame.attrs["measure"] == "x"
    assert s.to_numpy().tolist() == [0.5, 1.5]


def test_scores_errors(view):
    with pytest.raises(citynet.UsageError):
        citynet.Scores.from_values(view, "", {"istanbul": 1.0})
    with pytest.raises(citynet.NotFoundError):
        citynet.Scores.from_values(view, "x", {"atlantis": 1.0})
    with pytest.raises(TypeError):
        citynet.Scores.from_values(view, "x", {"istanbul": "high"})
    with pytest.raises(citynet.UsageError):
        citynet.Scores.from_values(view, "x", {"istanbul": 1.0, 0: 2.0})
    s = citynet.Scores.from_values(view, "x", {"istanbul": 1.0})
    with pytest.raises(citynet.UsageError):
        s.top(-1)


def test_results_keep_their_view_alive():
    view = small_network().view()
    p = view.partition("country")
    s = citynet.Scores.from_values(view, "x", {"athens": 1.0})
    del view
    gc.collect()
    assert p.view.network.nodes["athens"].country == "GRC"
    assert s.view.vertices.ids()[2] == "athens"
    # The C partition is still usable after its Python view is dropped.
    assert citynet._lib.citynet_partition_n(p._ptr) == 8
