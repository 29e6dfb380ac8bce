"""The importers (import.h): hand-written pair and membership lists with
counts worked out by hand, agreement with `citynet import pairs|members`
(the same bundle files and the same report JSON), the real Wikipedia
twin-city list, bad input, and memory."""

import gc
import json
import os
from pathlib import Path

import pytest

import citynet
from conftest import (SOURCE_ROOT, assert_memory_flat, run_command,
                      skip_if_sanitized)

SHARED = Path(os.environ.get("CITYNET_SHARED_DATA",
                             SOURCE_ROOT.parent / "shared" / "data"))
TWINS = SHARED / "hekman-twincities" / "twin_cities_geocoded.csv"
DISTRICTS = SOURCE_ROOT / "data" / "districts" / "istanbul.csv"

# Line 1 is the header. By hand: line 3 repeats line 2's tie reversed
# (undirected: merged) and spells Istanbul without the dot (a name variant);
# Paris on line 5 has no coordinates and joins the only Paris; lines 6-9
# are rejected (unmatched "Yugoslavia", an empty country, a self-tie, an
# invalid date).
PAIRS = """\
city1,country1,lat1,lng1,city2,country2,lat2,lng2,start
İstanbul,Turkey,41.01,28.97,Athens,Greece,37.98,23.73,2001
Athens,GRC,,,Istanbul,TR,,,2001
Berlin,Germany,52.52,13.40,Paris,France,48.86,2.35,1987
Paris,France,,,Rome,Italy,,,1956
Rome,Yugoslavia,,,Belgrade,Serbia,,,
Skopje,North Macedonia,,,"Varna, Bulgaria",,,,
Berlin,Germany,52.52,13.40,Berlin,Germany,52.52,13.40,
Munich,Germany,48.14,11.58,Paris,France,48.86,2.35,2000-13-01
"""

# Roles: member 1, president 3, board 2, observer 0.5; "emperor" is not in
# the table (rejected unless role_weights names it); the last row repeats
# the first (merged); EUROCITIES is a variant of Eurocities.
MEMBERS = """\
city,country,organisation,role,start
İstanbul,Turkey,Eurocities,member,2010
Ankara,Turkey,UCLG,president,2004
İstanbul,Turkey,UCLG,board,2004
Athens,Greece,EUROCITIES,observer,2012
Paris,France,UCLG,emperor,2004
İstanbul,Turkey,Eurocities,member,2010
"""


@pytest.fixture
def pairs_csv(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text(PAIRS, encoding="utf-8")
    return path


@pytest.fixture
def members_csv(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(MEMBERS, encoding="utf-8")
    return path


def bundle_files(directory):
    return {name: (Path(directory) / name).read_bytes()
            for name in ("nodes.csv", "ties.csv", "countries.csv",
                         "country_groups.csv", "kinds.csv")
            if (Path(directory) / name).exists()}


# ---------------------------------------------------------------------------
# Hand-checked values
# ---------------------------------------------------------------------------

def test_pairs_by_hand(pairs_csv):
    result = citynet.import_pairs(pairs_csv)
    network, report = result
    assert result.network is network and result.report is report
    assert [n.id for n in network.nodes] == [
        "istanbul-tur", "athens-grc", "berlin-deu", "paris-fra", "rome-ita"]
    istanbul = network.nodes["istanbul-tur"]
    assert (istanbul.name, istanbul.country) == ("İstanbul", "TUR")
    assert (istanbul.lat, istanbul.lon) == (41.01, 28.97)
    assert istanbul.attrs["alt_names"] == "Istanbul"
    assert network.nodes["rome-ita"].lat is None
    ties = [(t.source, t.target, t.layer, t.directed, t.start, t.attrs["count"])
            for t in network.ties]
    assert ties == [("istanbul-tur", "athens-grc", "sister", False, "2001", "2"),
                    ("berlin-deu", "paris-fra", "sister", False, "1987", "1"),
                    ("paris-fra", "rome-ita", "sister", False, "1956", "1")]
    assert {c.code for c in network.countries} == {"TUR", "GRC", "DEU",
                                                   "FRA", "ITA"}

    assert report.counts == {
        "rows_read": 8, "rows_kept": 3, "rows_merged": 1, "rows_rejected": 4,
        "ties_created": 3, "ties_with_duplicates": 1, "nodes_created": 5,
        "gazetteer_matches": 0}
    assert (report.source, report.encoding, report.delimiter) == (
        str(pairs_csv), "utf-8", ",")
    assert report.name_merges == [citynet.NameMerge(
        "istanbul-tur", "İstanbul", "Istanbul", 1, 3)]
    assert report.unmatched_countries == [
        citynet.UnmatchedCountry("Yugoslavia", None, (6,)),
        citynet.UnmatchedCountry("", None, (7,))]
    assert [r.line for r in report.rejected_rows] == [6, 7, 8, 9]
    assert list(report) == report.rejected_rows
    assert "Yugoslavia" in report.rejected_rows[0].reason
    assert "same place" in report.rejected_rows[2].reason
    assert "2000-13-01" in report.rejected_rows[3].reason
    countries = {c.value: c for c in report.countries}
    assert countries["Turkey"] == citynet.CountryValue("Turkey", "TUR", "alias", 1)
    assert countries["TR"] == citynet.CountryValue("TR", "TUR", "code", 1)
    assert countries["Germany"].uses == 4 and countries["France"].uses == 3
    assert report.ambiguous_places == [] and report.split_places == []
    assert report.district_merges == []
    assert "rows read      8" in str(report)
    assert "8 rows read: 3 kept, 1 merged, 4 rejected" in repr(report)


def test_members_by_hand(members_csv):
    network, report = citynet.import_members(members_csv)
    assert [(n.id, n.kind) for n in network.nodes] == [
        ("istanbul-tur", "city"), ("ankara-tur", "city"), ("athens-grc", "city"),
        ("eurocities", "organisation"), ("uclg", "organisation")]
    assert network.nodes["eurocities"].country is None
    ties = [(t.source, t.target, t.layer, t.weight, t.directed, t.attrs["role"],
             t.attrs["count"]) for t in network.ties]
    assert ties == [
        ("istanbul-tur", "eurocities", "member", 1.0, True, "member", "2"),
        ("ankara-tur", "uclg", "member", 3.0, True, "president", "1"),
        ("istanbul-tur", "uclg", "member", 2.0, True, "board", "1"),
        ("athens-grc", "eurocities", "member", 0.5, True, "observer", "1")]
    assert (report.rows_read, report.rows_kept, report.rows_merged,
            report.rows_rejected) == (6, 4, 1, 1)
    assert report.rejected_rows[0].line == 6
    assert "emperor" in report.rejected_rows[0].reason
    assert report.name_merges == [citynet.NameMerge(
        "eurocities", "Eurocities", "EUROCITIES", 1, 5)]


def test_member_options(members_csv):
    network, report = citynet.import_members(
        members_csv, role_weights={"emperor": 4, "board": 2.5},
        layer="network", directed=False)
    assert report.rows_rejected == 0 and report.rows_kept == 5
    weights = {(t.source, t.target): t.weight for t in network.ties}
    assert weights[("paris-fra", "uclg")] == 4.0
    assert weights[("istanbul-tur", "uclg")] == 2.5
    assert {t.layer for t in network.ties} == {"network"}
    assert not any(t.directed for t in network.ties)


def test_pair_options(tmp_path):
    # Latin-1 bytes, semicolons, decimal commas, other headers, a layer.
    path = tmp_path / "latin.csv"
    path.write_bytes("von;land;breite;länge;nach;land2;gewicht\n"
                     "Köln;Germany;50,94;6,96;Lille;France;2,5\n"
                     "Lille;France;;;Turku;FI;1\n".encode("latin-1"))
    columns = {"source-city": "von", "source_country": "land",
               "source-lat": "breite", "source-lon": "länge",
               "target-city": "nach", "target-country": "land2",
               "weight": "gewicht"}
    network, report = citynet.import_pairs(path, columns=columns,
                                           layer="partner", directed=True)
    assert (report.encoding, report.delimiter) == ("windows-1252", ";")
    assert [n.id for n in network.nodes] == ["koln-deu", "lille-fra", "turku-fin"]
    assert network.nodes["koln-deu"].name == "Köln"
    assert network.nodes["koln-deu"].lat == pytest.approx(50.94)
    assert [(t.weight, t.layer, t.directed) for t in network.ties] == [
        (2.5, "partner", True), (1.0, "partner", True)]
    # The decimal mark forced to "point": 50,94 is no number, the row goes.
    _, report = citynet.import_pairs(path, columns=columns, decimal="point")
    assert report.rows_rejected == 1 and report.rejected_rows[0].line == 2


def test_districts_and_aliases(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("city1,country1,city2,country2\n"
                    "Kadıköy,Turkey,Athens,Greece\n"
                    "Berat,Albania,Bağcılar,Turkey\n"
                    "Rome,Moldavia,Chisinau,Moldova\n", encoding="utf-8")
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,iso3,why\nMoldavia,MDA,checked by hand\n",
                       encoding="utf-8")
    network, report = citynet.import_pairs(path, districts=DISTRICTS)
    assert "istanbul-tur" in network.nodes
    assert {d.district for d in report.district_merges} == {"Kadıköy", "Bağcılar"}
    assert all(d.metropolis == "Istanbul" and d.country == "TUR" and d.rows == 1
               for d in report.district_merges)
    assert report.unmatched_countries[0].value == "Moldavia"
    network, report = citynet.import_pairs(path, country_aliases=aliases)
    assert report.unmatched_countries == [] and report.rows_kept == 3
    assert ("Moldavia", "MDA", "user-alias", 1) in report.countries


GAZETTEER = """\
city,city_ascii,lat,lng,country,iso2,iso3,admin_name,capital,population,id
Paris,Paris,48.8566,2.3522,France,FR,FRA,Île-de-France,primary,11020000,1250015082
Rome,Rome,41.8931,12.4828,Italy,IT,ITA,Lazio,primary,2872800,1380382862
Athens,Athens,37.9842,23.7281,Greece,GR,GRC,Attikí,primary,3153000,1300715560
"""


def test_gazetteer(pairs_csv, tmp_path):
    gazetteer = tmp_path / "gazetteer.csv"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    network, report = citynet.import_pairs(pairs_csv, gazetteer=gazetteer)
    assert report.gazetteer_matches == 3
    assert report.to_dict()["gazetteer"] == {
        "path": str(gazetteer), "layout": "simplemaps", "entries": 3,
        "rows_skipped": 0, "matches": 3}
    rome = network.nodes["rome-ita"]        # no coordinates of its own
    assert (rome.lat, rome.lon, rome.population) == (41.8931, 12.4828, 2872800)
    paris = network.nodes["paris-fra"]      # keeps its own coordinates
    assert (paris.lat, paris.population) == (48.86, 11020000)
    assert paris.attrs["geo_source"] == "simplemaps id 1250015082 (Paris)"
    assert network.nodes["berlin-deu"].population is None
    with pytest.raises(citynet.FileError):
        citynet.import_pairs(pairs_csv, gazetteer=tmp_path / "none.csv")


def test_countries():
    assert citynet.resolve_country("Türkiye") == "TUR"
    assert citynet.resolve_country("turkey") == "TUR"
    assert citynet.resolve_country("tr") == "TUR"
    assert citynet.resolve_country("Georgia (country)") == "GEO"
    assert citynet.resolve_country("Brandenburg, Germany") == "DEU"
    assert citynet.resolve_country("Kosovo") == "XKX"
    assert citynet.resolve_country("Yugoslavia") is None
    assert citynet.resolve_country("") is None
    assert citynet.country_name("TUR") == "Türkiye"
    assert citynet.country_name("RUS") == "Russia"
    assert citynet.country_name("ZZZ") is None
    with pytest.raises(TypeError):
        citynet.resolve_country(None)
    with pytest.raises(TypeError):
        citynet.country_name(7)
    with pytest.raises(citynet.UsageError):
        citynet.resolve_country("a\0b")


def test_report_forms(pairs_csv, tmp_path):
    _, report = citynet.import_pairs(pairs_csv)
    d = report.to_dict()
    assert d == json.loads(report.to_json())
    assert d["schema"] == "citynet.import-report/1"
    # The copied attributes say what the JSON says.
    assert {k: d["counts"][k] for k in report.counts if k in d["counts"]} == \
        {k: v for k, v in report.counts.items() if k in d["counts"]}
    assert [(r["line"], r["reason"]) for r in d["rejected_rows"]] == \
        [tuple(r) for r in report.rejected_rows]
    assert [(u["value"], u["suggestion"], tuple(u["lines"]))
            for u in d["unmatched_countries"]] == \
        [tuple(u) for u in report.unmatched_countries]
    assert [(c["value"], c["iso3"], c["rule"], c["uses"]) for c in d["countries"]] == \
        [tuple(c) for c in report.countries]
    assert [(m["node"], m["name"], m["variant"], m["rows"], m["first_line"])
            for m in d["name_merges"]] == [tuple(m) for m in report.name_merges]
    report.write_json(tmp_path / "r.json")
    report.write_text(tmp_path / "r.txt")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == d
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == report.to_text()
    with pytest.raises(citynet.FileError):
        report.write_json(tmp_path / "no" / "such" / "dir.json")
    pandas = pytest.importorskip("pandas")
    frame = report.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["line"]) == [6, 7, 8, 9]
    assert len(report.to_pandas("countries")) == 9
    with pytest.raises(citynet.UsageError):
        report.to_pandas("nope")
    with pytest.raises(TypeError):
        citynet.ImportReport()


# ---------------------------------------------------------------------------
# Agreement with the command
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["pairs", "members"])
def test_agrees_with_cli(kind, pairs_csv, members_csv, tmp_path):
    source = pairs_csv if kind == "pairs" else members_csv
    out = tmp_path / "cli"
    run_command("import", kind, source, "-o", out, "-q")
    function = citynet.import_pairs if kind == "pairs" else citynet.import_members
    network, report = function(str(source))
    network.save(tmp_path / "py")
    assert bundle_files(tmp_path / "py") == bundle_files(out)
    assert report.to_dict() == json.loads(
        (out / "import-report.json").read_text(encoding="utf-8"))
    assert report.to_text() == (out / "import-report.txt").read_text(encoding="utf-8")


def test_options_agree_with_cli(tmp_path, members_csv):
    out = tmp_path / "cli"
    run_command("import", "members", members_csv, "-o", out, "-q",
                "--role-weight", "emperor=4", "--layer", "network",
                "--undirected", "--column", "start=", "--delimiter", "comma")
    network, report = citynet.import_members(
        str(members_csv), role_weights={"emperor": 4}, layer="network",
        directed=False, columns={"start": ""}, delimiter="comma")
    network.save(tmp_path / "py")
    assert bundle_files(tmp_path / "py") == bundle_files(out)
    assert report.to_dict() == json.loads(
        (out / "import-report.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# The real Wikipedia list
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def twins():
    if not TWINS.exists():
        pytest.skip(f"{TWINS} is absent (../shared/data not checked out)")
    return citynet.import_pairs(str(TWINS))


def test_twin_cities(twins):
    network, report = twins
    # docs/import.md, "The Wikipedia twin-city file".
    assert (len(network.nodes), len(network.ties)) == (17161, 24782)
    assert (report.rows_read, report.rows_kept, report.rows_merged,
            report.rows_rejected) == (25917, 24782, 1118, 17)
    assert len(report.unmatched_countries) == 7
    assert sum(len(u.lines) for u in report.unmatched_countries) == 14
    assert len({c.code for c in network.countries}) == 208
    constanta = network.find("constanta-rou")
    assert constanta.name == "Constanța"


def test_twin_cities_agree_with_cli(twins, tmp_path):
    out = tmp_path / "twins"
    run_command("import", "pairs", TWINS, "-o", out, "-q")
    network, report = twins
    cli_network = citynet.load(out)
    assert (len(cli_network.nodes), len(cli_network.ties)) == \
        (len(network.nodes), len(network.ties))
    assert report.to_dict() == json.loads(
        (out / "import-report.json").read_text(encoding="utf-8"))
    network.save(tmp_path / "py")
    assert bundle_files(tmp_path / "py") == bundle_files(out)


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

def test_missing_file(tmp_path):
    missing = tmp_path / "missing.csv"
    with pytest.raises(citynet.FileError) as info:
        citynet.import_pairs(missing)
    assert isinstance(info.value, OSError)
    assert str(missing) in str(info.value)
    with pytest.raises(citynet.FileError):
        citynet.import_members(missing)


def test_malformed_csv(tmp_path, pairs_csv):
    path = tmp_path / "nocolumn.csv"
    path.write_text("from,to\nA,B\n", encoding="utf-8")
    with pytest.raises(citynet.DataError) as info:
        citynet.import_pairs(path)
    e = info.value
    assert (e.file, e.line, e.column, e.count) == (str(path), 1, 0, 1)
    assert "no source city column" in e.message
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(citynet.DataError) as info:
        citynet.import_members(empty)
    assert (info.value.file, info.value.line) == (str(empty), 1)
    # A bad row of an alias file on line 3 (line 1 is the header).
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,iso3\nMoldavia,MDA\nGrece,greece\n", encoding="utf-8")
    with pytest.raises(citynet.DataError) as info:
        citynet.import_pairs(pairs_csv, country_aliases=aliases)
    e = info.value
    assert (e.file, e.line, e.column) == (str(aliases), 3, 0)
    assert "three-capital code" in e.message
    # A district mapping row with an unknown country on line 2.
    districts = tmp_path / "districts.csv"
    districts.write_text("district,country,metropolis\nKadıköy,Atlantis,İstanbul\n",
                         encoding="utf-8")
    with pytest.raises(citynet.DataError) as info:
        citynet.import_pairs(pairs_csv, districts=districts)
    assert (info.value.file, info.value.line) == (str(districts), 2)
    # A named column that the header lacks.
    with pytest.raises(citynet.DataError) as info:
        citynet.import_pairs(pairs_csv, columns={"weight": "gewicht"})
    assert info.value.line == 1 and "gewicht" in info.value.message


def test_wrong_types_and_values(pairs_csv):
    for bad in (42, None, 3.5, ["a.csv"]):
        with pytest.raises(TypeError):
            citynet.import_pairs(bad)
    for kwargs in (dict(directed="yes"), dict(directed=1), dict(layer=5),
                   dict(distance="50"), dict(distance=True),
                   dict(columns=["weight"]), dict(columns={1: "x"}),
                   dict(columns={"weight": 3}), dict(encoding=None),
                   dict(delimiter=b","), dict(gazetteer=12),
                   dict(gazetteer_layout=1), dict(districts=3.0),
                   dict(country_aliases=object())):
        with pytest.raises(TypeError):
            citynet.import_pairs(pairs_csv, **kwargs)
    for kwargs in (dict(role_weights=["board"]), dict(role_weights={"b": "2"}),
                   dict(role_weights={3: 1.0})):
        with pytest.raises(TypeError):
            citynet.import_members(pairs_csv, **kwargs)
    for kwargs in (dict(encoding="ebcdic"), dict(delimiter="|"),
                   dict(decimal="dot"), dict(layer=""), dict(layer="a\0b"),
                   dict(distance=-1), dict(distance=float("inf")),
                   dict(distance=float("nan")),
                   dict(columns={"nonsense": "x"}),
                   dict(gazetteer_layout="osm", gazetteer=pairs_csv)):
        with pytest.raises(citynet.UsageError):
            citynet.import_pairs(pairs_csv, **kwargs)
    for weights in ({"board": 0}, {"board": -1}, {"board": float("nan")},
                    {"": 1.0}):
        with pytest.raises(citynet.UsageError):
            citynet.import_members(pairs_csv, role_weights=weights)
    with pytest.raises(citynet.UsageError):
        citynet.import_pairs("")
    with pytest.raises(citynet.UsageError):
        citynet.import_pairs("a\0b.csv")


# ---------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------

@skip_if_sanitized
def test_memory(pairs_csv, members_csv, tmp_path):
    missing = tmp_path / "missing.csv"

    def step():
        for _ in range(20):
            network, report = citynet.import_pairs(pairs_csv, distance=30)
            report.to_dict()
            str(report)
            network, report = citynet.import_members(
                members_csv, role_weights={"emperor": 2})
            assert len(report.rejected_rows) == 0
            try:
                citynet.import_pairs(missing)
            except citynet.FileError:
                pass
            try:
                citynet.import_pairs(members_csv)
            except citynet.DataError:
                pass
        gc.collect()

    assert_memory_flat(step, warmup=5, rounds=30)
