"""Tests of the citynet command (tools/), run by meson as the 'cli' suite.

The command under test is $CITYNET_CLI (meson sets it to the built
executable). Small bundles are written into pytest's tmp_path; the Istanbul
bundle (data/istanbul under the repository root) is used when present and
its test is skipped otherwise.

Run by hand:
  CITYNET_CLI=build/tools/citynet /usr/bin/python3 -m pytest -q tests/test_cli.py
"""

import csv
import io
import json
import math
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

CLI = os.environ.get("CITYNET_CLI")
SOURCE_ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT",
                                  Path(__file__).resolve().parent.parent))
ISTANBUL = SOURCE_ROOT / "data" / "istanbul"

pytestmark = pytest.mark.skipif(
    not CLI or not os.path.exists(CLI),
    reason="CITYNET_CLI is not set to the built citynet executable")

FORMATS = ["text", "csv", "json", "markdown"]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def run(*args, env_extra=None):
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = "1"
    if env_extra:
        env.update(env_extra)
    return subprocess.run([CLI, *map(str, args)], capture_output=True,
                          env=env, timeout=120)


def out(result):
    return result.stdout.decode("utf-8")


def err(result):
    return result.stderr.decode("utf-8")


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def write_bundle(directory, nodes, ties, countries=(), groups=()):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    write_csv(directory / "nodes.csv", ["id", "kind", "name", "country"], nodes)
    write_csv(directory / "ties.csv",
              ["source", "target", "layer", "weight", "directed", "start",
               "end", "ref"], ties)
    write_csv(directory / "countries.csv", ["iso3", "name"], countries)
    write_csv(directory / "country_groups.csv",
              ["iso3", "group", "start", "end", "ref"], groups)
    return directory


NODES = [
    ["ist", "city", "İstanbul", "TUR"],
    ["ath", "city", "Athens", "GRC"],
    ["ber", "city", "Berlin", "DEU"],
    ["bak", "city", "Baku", "AZE"],
    ["uclg", "organisation", "UCLG", ""],
    ["kyiv", "city", "Kyiv", "UKR"],
    ["ank", "government", "Government of Türkiye", "TUR"],
]
COUNTRIES = [
    ["TUR", "Türkiye"], ["GRC", "Greece"], ["DEU", "Germany"],
    ["AZE", "Azerbaijan"], ["UKR", "Ukraine"],
]
GROUPS = [
    ["GRC", "EU", "1981-01-01", "", ""],
    ["DEU", "EU", "1958-01-01", "", ""],
    ["GRC", "NATO", "1952-02-18", "", ""],
    ["DEU", "NATO", "1955-05-06", "", ""],
    ["TUR", "NATO", "1952-02-18", "", ""],
    ["AZE", "OTS", "2009-10-03", "", ""],
    # Ukraine joins a group after the tie below: it must not count.
    ["UKR", "CAND", "2022-06-23", "", ""],
    # Greece left this one before its ties with Istanbul.
    ["GRC", "OLD", "1990", "2020-12-31", ""],
]
TIES = [
    ["ist", "ath", "sister", "1", "false", "2021-05-01", "", "ref-a"],
    ["ist", "ber", "sister", "1", "false", "2019", "", ""],
    ["ist", "uclg", "member", "1", "false", "2004", "", ""],
    ["ist", "bak", "aid", "3", "true", "2022-03-01", "2022-03-01", ""],
    ["ist", "kyiv", "aid", "2", "true", "2022-03-15", "2022-04-30", ""],
    ["ath", "ist", "visit", "1", "true", "2021-11", "2021-11", "a, \"quoted\" ref"],
    ["ath", "ber", "sister", "1", "false", "1988", "", ""],
    ["ist", "ber", "visit", "1", "true", "2018-05-01", "2018-05-02", ""],
    ["ank", "bak", "visit", "1", "true", "2021-01-10", "2021-01-11", ""],
]


@pytest.fixture
def bundle(tmp_path):
    return write_bundle(tmp_path / "b", NODES, TIES, COUNTRIES, GROUPS)


def report_json(bundle_dir, *args):
    result = run("report", bundle_dir, "--format", "json", *args)
    assert result.returncode == 0, err(result)
    return json.loads(out(result))


# ---------------------------------------------------------------------------
# An independent recount of a focus node's composition from the CSVs
# ---------------------------------------------------------------------------

def parse_date(text):
    """(first day, last day) as (y, m, d) tuples, or (None, None)."""
    if not text:
        return None, None
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return (year, 1, 1), (year, 12, 31)
    month = parts[1]
    if len(parts) == 2:
        next_first = (year + (month == 12), month % 12 + 1, 1)
        import datetime
        last = datetime.date(*next_first) - datetime.timedelta(days=1)
        return (year, month, 1), (last.year, last.month, last.day)
    return (year, month, parts[2]), (year, month, parts[2])


def active(start, end, day):
    """The activity rule of citynet_date_active(); day None = "now"."""
    first, _ = parse_date(start)
    _, last = parse_date(end)
    if day is None:
        return last is None
    return (first is None or first <= day) and (last is None or last >= day)


def overlaps(start, end, window_from, window_to):
    first, _ = parse_date(start)
    _, last = parse_date(end)
    if window_to is not None and first is not None and first > window_to:
        return False
    if window_from is not None and last is not None and last < window_from:
        return False
    return True


def read_rows(path):
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def recount(bundle_dir, focus_id, date_from, date_to):
    """Rows {(dimension, layer-or-None, key): (ties, partners, weight)},
    totals and the list of counted ties, computed from the CSV files."""
    bundle_dir = Path(bundle_dir)
    nodes = {row["id"]: row for row in read_rows(bundle_dir / "nodes.csv")}
    memberships = read_rows(bundle_dir / "country_groups.csv")
    window_from = parse_date(date_from)[0]
    window_to = parse_date(date_to)[1]

    counted = []
    for row in read_rows(bundle_dir / "ties.csv"):
        if focus_id not in (row["source"], row["target"]):
            continue
        if not overlaps(row.get("start", ""), row.get("end", ""),
                        window_from, window_to):
            continue
        partner = row["target"] if row["source"] == focus_id else row["source"]
        first, _ = parse_date(row.get("start", ""))
        _, last = parse_date(row.get("end", ""))
        if first is not None or window_from is not None:
            day = max(d for d in (first, window_from) if d is not None)
        elif last is not None:
            day = last
        else:
            day = window_to
        country = nodes[partner].get("country", "") or ""
        groups = sorted({m["group"] for m in memberships
                         if m["iso3"] == country and country
                         and active(m.get("start", ""), m.get("end", ""), day)})
        weight = float(row["weight"]) if row.get("weight") else 1.0
        counted.append({"partner": partner, "layer": row["layer"],
                        "weight": weight, "country": country,
                        "groups": groups or [""]})

    rows = {}

    def add(dimension, scope, key, tie):
        entry = rows.setdefault((dimension, scope, key),
                                {"ties": 0, "partners": set(), "weight": 0.0})
        entry["ties"] += 1
        entry["partners"].add(tie["partner"])
        entry["weight"] += tie["weight"]

    for tie in counted:
        add("layer", None, tie["layer"], tie)
        for scope in (None, tie["layer"]):
            add("country", scope, tie["country"], tie)
            for group in tie["groups"]:
                add("group", scope, group, tie)
    totals = {"ties": len(counted),
              "partners": len({t["partner"] for t in counted}),
              "weight": sum(t["weight"] for t in counted)}
    return rows, totals, counted


def check_against_recount(document, rows, totals):
    assert document["totals"]["ties"] == totals["ties"]
    assert document["totals"]["partners"] == totals["partners"]
    assert document["totals"]["weight"] == pytest.approx(totals["weight"])
    got = {}
    for row in document["rows"]:
        got[(row["dimension"], row["layer"], row["key"])] = row
    assert set(got) == set(rows)
    scope_totals = {}
    for (dimension, scope, key), entry in rows.items():
        if dimension == "layer":
            scope_totals.setdefault(key, [0, 0.0])
            scope_totals[key][0] += entry["ties"]
            scope_totals[key][1] += entry["weight"]
    for key, entry in rows.items():
        row = got[key]
        scope = key[1]
        all_ties = totals["ties"] if scope is None else scope_totals[scope][0]
        all_weight = totals["weight"] if scope is None else scope_totals[scope][1]
        assert row["ties"] == entry["ties"], key
        assert row["partners"] == len(entry["partners"]), key
        assert row["weight"] == pytest.approx(entry["weight"]), key
        assert row["tie_share"] == pytest.approx(entry["ties"] / all_ties), key
        assert row["weight_share"] == pytest.approx(entry["weight"] / all_weight), key


# ---------------------------------------------------------------------------
# Top level
# ---------------------------------------------------------------------------

def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"citynet \d+\.\d+\.\d+ \(libcitynet \d+\.\d+\.\d+\)\n",
                        out(result))


def test_help_lists_subcommands():
    result = run("--help")
    assert result.returncode == 0
    for name in ("validate", "info", "report", "export", "help"):
        assert re.search(rf"^  {name} ", out(result), re.M), name


@pytest.mark.parametrize("name", ["validate", "info", "report", "export"])
def test_subcommand_help(name):
    direct = run(name, "--help")
    via_help = run("help", name)
    assert direct.returncode == 0 and via_help.returncode == 0
    assert out(direct) == out(via_help)
    assert f"citynet {name}" in out(direct)
    if name in ("info", "report", "export"):
        assert "--layers" in out(direct) and "--at" in out(direct)
    if name == "report":
        assert "--focus" in out(direct) and "--precision" in out(direct)


@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["--bogus"],
    ["help", "frobnicate"],
])
def test_top_level_usage_errors(args):
    result = run(*args)
    assert result.returncode == 2
    assert err(result).strip()
    assert out(result) == ""


# ---------------------------------------------------------------------------
# Usage errors (exit 2) and data errors (exit 1) of the subcommands
# ---------------------------------------------------------------------------

USAGE_ERRORS = [
    (["validate"], "missing BUNDLE"),
    (["validate", "{b}", "{b}"], "unexpected argument"),
    (["validate", "{b}", "--format", "yaml"], "unknown format"),
    (["info"], "missing BUNDLE"),
    (["info", "{b}", "--bogus"], "--bogus"),
    (["info", "{b}", "--at", "2021-13-01"], "--at"),
    (["info", "{b}", "--at", "yesterday"], "--at"),
    (["info", "{b}", "--at", "2021", "--from", "2020"], "--at"),
    (["info", "{b}", "--at", "2021", "--to", "2022"], "--at"),
    (["info", "{b}", "--from", "2022", "--to", "2021"], "--from"),
    (["info", "{b}", "--format", "yaml"], "unknown format"),
    (["info", "{b}", "--layers", ","], "--layers"),
    (["info", "{b}", "--kinds", ""], "--kinds"),
    (["info", "{b}", "--direction", "sideways"], "--direction"),
    (["info", "{b}", "--combine", "avg"], "--combine"),
    (["info", "{b}", "--precision", "18"], "--precision"),
    (["info", "{b}", "--precision", "x"], "--precision"),
    (["info", "{b}", "--format", "json", "--table", "layers"], "--table"),
    (["info", "{b}", "--table", "nosuch"], "unknown table"),
    (["report", "{b}"], "--focus"),
    (["report", "--focus", "ist"], "missing BUNDLE"),
    (["report", "{b}", "--focus", "ist", "--format", "xml"], "unknown format"),
    (["report", "{b}", "--focus", "ist", "--at", "2021-02-30"], "--at"),
    (["export", "{b}"], "-o"),
    (["export", "{b}", "--format", "svg", "-o", "{tmp}/x"], "unknown export format"),
    (["export", "-o", "{tmp}/x"], "missing BUNDLE"),
    (["export", "{b}", "-o", "{tmp}/x", "--at", "2021", "--from", "2020"], "--at"),
]


@pytest.mark.parametrize("args,needle", USAGE_ERRORS)
def test_usage_errors_exit_2(bundle, tmp_path, args, needle):
    args = [a.format(b=bundle, tmp=tmp_path) for a in args]
    result = run(*args)
    assert result.returncode == 2, (args, err(result))
    assert needle in err(result)
    assert "--help" in err(result)
    assert out(result) == ""
    assert not (tmp_path / "x").exists()


DATA_ERRORS = [
    (["info", "{missing}"], ""),
    (["info", "{b}", "--layers", "nosuch"], "nosuch"),
    (["info", "{b}", "--kinds", "planet"], "planet"),
    (["report", "{b}", "--focus", "atlantis"], "atlantis"),
    (["report", "{missing}", "--focus", "ist"], ""),
    (["report", "{b}", "--focus", "ist", "--layers", "sister,nosuch"], "nosuch"),
    (["export", "{missing}", "-o", "{tmp}/x"], ""),
    (["export", "{b}", "-o", "{tmp}/x", "--layers", "nosuch"], "nosuch"),
    (["export", "{b}", "--format", "bundle", "-o", "{tmp}/x", "--kinds", "planet"], "planet"),
    (["validate", "{missing}"], ""),
]


@pytest.mark.parametrize("args,needle", DATA_ERRORS)
def test_data_errors_exit_1(bundle, tmp_path, args, needle):
    args = [a.format(b=bundle, tmp=tmp_path, missing=tmp_path / "missing")
            for a in args]
    result = run(*args)
    assert result.returncode == 1, (args, err(result))
    assert needle in err(result)
    if args[0] != "validate":
        assert err(result).startswith("citynet: ")
        assert out(result) == ""
    assert not (tmp_path / "x").exists()


# ---------------------------------------------------------------------------
# validate
# ---------------------------------------------------------------------------

def test_validate_ok(bundle):
    result = run("validate", bundle)
    assert result.returncode == 0, err(result)
    assert out(result) == f"{bundle}: ok (7 nodes, 9 ties, 5 countries)\n"


def write_broken_bundle(directory):
    """Three problems at known places."""
    directory.mkdir()
    (directory / "nodes.csv").write_text(
        "id,kind,name,country\n"
        "ist,city,İstanbul,TUR\n"
        "ath,town,Athens,GRC\n"           # line 3, column 2: unknown kind
        "ber,city,Berlin,DEU\n", encoding="utf-8")
    (directory / "ties.csv").write_text(
        "source,target,layer,weight\n"
        "ist,xyz,sister,1\n"              # line 2, column 2: unknown node
        "ist,ber,sister,-1\n", encoding="utf-8")  # line 3, column 4: weight
    (directory / "countries.csv").write_text(
        "iso3,name\nTUR,Türkiye\nGRC,Greece\nDEU,Germany\n", encoding="utf-8")
    return directory


def test_validate_lists_every_problem(tmp_path):
    broken = write_broken_bundle(tmp_path / "broken")
    result = run("validate", broken)
    assert result.returncode == 1
    lines = out(result).splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith("nodes.csv:3:2: ") and "town" in lines[0]
    assert lines[1].startswith("ties.csv:2:2: ") and "xyz" in lines[1]
    assert lines[2].startswith("ties.csv:3:4: ") and "-1" in lines[2]
    assert "3 problems" in err(result)


def test_validate_json(tmp_path, bundle):
    broken = write_broken_bundle(tmp_path / "broken")
    result = run("validate", broken, "--format", "json")
    assert result.returncode == 1
    document = json.loads(out(result))
    assert document["schema"] == "citynet.validate/1"
    assert document["valid"] is False
    assert document["summary"] is None
    assert [(p["file"], p["line"], p["column"]) for p in document["problems"]] == [
        ("nodes.csv", 3, 2), ("ties.csv", 2, 2), ("ties.csv", 3, 4)]
    text_lines = out(run("validate", broken)).splitlines()
    for problem, line in zip(document["problems"], text_lines):
        assert line == "{file}:{line}:{column}: {message}".format(**problem)

    result = run("validate", bundle, "--format", "json")
    assert result.returncode == 0
    document = json.loads(out(result))
    assert document["valid"] is True and document["problems"] == []
    assert document["summary"] == {"nodes": 7, "ties": 9, "countries": 5}


def test_validate_missing_directory(tmp_path):
    result = run("validate", tmp_path / "nowhere", "--format", "json")
    assert result.returncode == 1
    assert json.loads(out(result))["problems"]


def test_validate_csv_and_markdown(tmp_path):
    broken = write_broken_bundle(tmp_path / "broken")
    rows = list(csv.reader(io.StringIO(out(run("validate", broken, "--format", "csv")),
                                       newline="")))
    assert rows[0] == ["file", "line", "column", "message"]
    assert [r[:3] for r in rows[1:]] == [["nodes.csv", "3", "2"],
                                         ["ties.csv", "2", "2"],
                                         ["ties.csv", "3", "4"]]
    markdown = out(run("validate", broken, "--format", "markdown"))
    assert "| --- | ---: | ---: | --- |" in markdown


# ---------------------------------------------------------------------------
# info
# ---------------------------------------------------------------------------

def info_json(bundle_dir, *args):
    result = run("info", bundle_dir, "--format", "json", *args)
    assert result.returncode == 0, err(result)
    return json.loads(out(result))


def test_info_counts(bundle):
    document = info_json(bundle)
    assert document["schema"] == "citynet.info/1"
    summary = document["summary"]
    assert summary["nodes"] == 7
    assert summary["ties"] == 9
    assert summary["countries"] == 5          # distinct countries of nodes
    assert summary["groups"] == 5
    assert summary["directed"] is True        # some ties are directed
    assert summary["first_start"] == "1988"
    assert summary["last_end"] == "2022-04-30"
    assert summary["open_end"] == 4
    kinds = {row["kind"]: row["nodes"] for row in document["kinds"]}
    assert kinds == {"city": 5, "organisation": 1, "government": 1}
    layers = {row["layer"]: row for row in document["layers"]}
    assert [row["layer"] for row in document["layers"]] == sorted(layers)
    assert layers["sister"]["ties"] == 3
    assert layers["sister"]["first_start"] == "1988"
    assert layers["sister"]["last_end"] is None
    assert layers["sister"]["open_end"] == 3
    assert layers["aid"]["ties"] == 2 and layers["aid"]["directed"] == 2
    assert layers["aid"]["weight"] == 5
    assert layers["aid"]["first_start"] == "2022-03-01"
    assert layers["aid"]["last_end"] == "2022-04-30"
    assert layers["visit"]["ties"] == 3
    assert layers["visit"]["first_start"] == "2018-05-01"
    assert layers["visit"]["last_end"] == "2021-11"
    countries = {row["country"]: row for row in document["countries"]}
    assert countries["TUR"]["nodes"] == 2
    assert countries["TUR"]["name"] == "Türkiye"
    assert countries[""]["nodes"] == 1 and countries[""]["name"] == "(none)"
    assert document["countries"][0]["country"] == "TUR"    # most nodes first
    assert document["countries"][-1]["country"] == ""      # no country last
    groups = {row["group"]: row["countries"] for row in document["groups"]}
    assert groups == {"EU": 2, "NATO": 3, "OTS": 1, "CAND": 1, "OLD": 1}
    assert document["view"]["from"] is None and document["view"]["to"] is None


def test_info_view_options(bundle):
    document = info_json(bundle, "--at", "2021", "--layers", "sister,visit",
                         "--kinds", "city", "--drop-isolates")
    assert document["view"]["from"] == "2021-01-01"
    assert document["view"]["to"] == "2021-12-31"
    assert document["view"]["layers"] == ["sister", "visit"]
    assert document["view"]["kinds"] == ["city"]
    # Active in 2021 among cities: ist-ath sister, ist-ber sister,
    # ath-ist visit, ath-ber sister (the government's visit drops out).
    assert document["summary"]["ties"] == 4
    assert document["summary"]["nodes"] == 3
    groups = {row["group"]: row["countries"] for row in document["groups"]}
    assert groups["OLD"] == 0 and groups["CAND"] == 0 and groups["EU"] == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_info_formats_parse(bundle, fmt):
    result = run("info", bundle, "--format", fmt)
    assert result.returncode == 0, err(result)
    check_format(out(result), fmt)
    if fmt == "text":
        assert "Ties by layer" in out(result)
        assert re.search(r"^sister\s+3\s", out(result), re.M)


def test_info_table_selection(bundle):
    text = out(run("info", bundle, "--format", "csv", "--table", "kinds"))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["kind", "nodes"]
    assert dict(rows[1:]) == {"city": "5", "organisation": "1", "government": "1"}


def test_info_output_file(bundle, tmp_path):
    target = tmp_path / "info.json"
    result = run("info", bundle, "--format", "json", "-o", target)
    assert result.returncode == 0 and out(result) == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["nodes"] == 7


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------

WINDOW = ["--from", "2019-01-01", "--to", "2023-12-31"]


def rows_by_key(document):
    return {(r["dimension"], r["layer"], r["key"]): r for r in document["rows"]}


def test_report_json_by_hand(bundle):
    document = report_json(bundle, "--focus", "ist", *WINDOW)
    assert document["schema"] == "citynet.report/1"
    assert document["focus"] == {"id": "ist", "name": "İstanbul",
                                 "kind": "city", "country": "TUR"}
    assert document["view"]["from"] == "2019-01-01"
    assert document["view"]["to"] == "2023-12-31"
    assert document["view"]["layers"] == ["aid", "member", "sister", "visit"]
    # Counted: ath sister, ber sister, uclg member, bak aid (3), kyiv aid (2),
    # ath visit; not the 2018 visit to Berlin (outside the window), not the
    # ties without Istanbul.
    assert document["totals"] == {"ties": 6, "partners": 5, "weight": 9}
    rows = rows_by_key(document)

    expected_layers = {  # ties, partners, weight
        "aid": (2, 2, 5.0), "sister": (2, 2, 2.0),
        "member": (1, 1, 1.0), "visit": (1, 1, 1.0)}
    layer_rows = [r for r in document["rows"] if r["dimension"] == "layer"]
    assert [r["key"] for r in layer_rows] == ["aid", "sister", "member", "visit"]
    for key, (ties, partners, weight) in expected_layers.items():
        row = rows[("layer", None, key)]
        assert (row["ties"], row["partners"], row["weight"]) == (ties, partners, weight)
        assert row["tie_share"] == ties / 6
        assert row["weight_share"] == weight / 9
        assert row["label"] == key

    expected_countries = {
        "GRC": (2, 1, 2.0, "Greece"), "DEU": (1, 1, 1.0, "Germany"),
        "AZE": (1, 1, 3.0, "Azerbaijan"), "UKR": (1, 1, 2.0, "Ukraine"),
        "": (1, 1, 1.0, "(none)")}
    for key, (ties, partners, weight, label) in expected_countries.items():
        row = rows[("country", None, key)]
        assert (row["ties"], row["partners"], row["weight"]) == (ties, partners, weight)
        assert row["tie_share"] == ties / 6
        assert row["weight_share"] == weight / 9
        assert row["label"] == label

    # Groups on each tie's reference date: Greece and Germany in EU and NATO;
    # Azerbaijan in OTS; Ukraine joined CAND after its tie (so: no group);
    # Greece had left OLD; UCLG has no country.
    expected_groups = {
        "EU": (3, 2, 3.0), "NATO": (3, 2, 3.0), "OTS": (1, 1, 3.0),
        "": (2, 2, 3.0)}
    group_rows = {k: r for k, r in rows.items() if k[0] == "group" and k[1] is None}
    assert set(k[2] for k in group_rows) == set(expected_groups)
    for key, (ties, partners, weight) in expected_groups.items():
        row = rows[("group", None, key)]
        assert (row["ties"], row["partners"], row["weight"]) == (ties, partners, weight)
        assert row["tie_share"] == ties / 6
        assert row["weight_share"] == weight / 9

    # Within one layer, shares divide by that layer's totals.
    row = rows[("country", "aid", "AZE")]
    assert (row["ties"], row["tie_share"], row["weight_share"]) == (1, 0.5, 3 / 5)
    row = rows[("country", "aid", "UKR")]
    assert (row["ties"], row["tie_share"], row["weight_share"]) == (1, 0.5, 2 / 5)
    row = rows[("group", "sister", "EU")]
    assert (row["ties"], row["partners"], row["tie_share"]) == (2, 2, 1.0)

    # The ties themselves, in file order.
    ties = document["ties"]
    assert [(t["partner"], t["layer"]) for t in ties] == [
        ("ath", "sister"), ("ber", "sister"), ("uclg", "member"),
        ("bak", "aid"), ("kyiv", "aid"), ("ath", "visit")]
    assert ties[0]["partner_name"] == "Athens"
    assert ties[0]["ref"] == "ref-a" and ties[1]["ref"] is None
    assert ties[0]["start"] == "2021-05-01" and ties[0]["end"] is None
    assert ties[3]["directed"] is True and ties[3]["direction"] == "out"
    assert ties[5]["direction"] == "in" and ties[0]["direction"] == "both"
    assert ties[5]["ref"] == 'a, "quoted" ref'
    assert ties[4]["partner_groups"] == []
    assert ties[1]["reference_date"] == "2019-01-01"
    assert ties[1]["partner_groups"] == ["EU", "NATO"]


def test_report_matches_recount(bundle):
    document = report_json(bundle, "--focus", "ist", *WINDOW)
    rows, totals, _ = recount(bundle, "ist", "2019-01-01", "2023-12-31")
    check_against_recount(document, rows, totals)


@pytest.mark.parametrize("query", ["İstanbul", "Istanbul", "ISTANBUL", "ist"])
def test_report_focus_by_name(bundle, query):
    for locale in ("C", "C.UTF-8"):
        result = run("report", bundle, "--focus", query, "--format", "json",
                     env_extra={"LC_ALL": locale})
        assert result.returncode == 0, err(result)
        assert json.loads(out(result))["focus"]["id"] == "ist"


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_formats_parse(bundle, fmt):
    result = run("report", bundle, "--focus", "ist", "--format", fmt, *WINDOW)
    assert result.returncode == 0, err(result)
    text = out(result)
    check_format(text, fmt)
    if fmt == "text":
        assert text.startswith("Focus: İstanbul (ist; TUR, Türkiye)\n")
        assert "2019-01-01 to 2023-12-31" in text
        assert "Totals: 6 ties, 5 partners, weight 9.0000" in text
        for title in ("Ties by layer", "Ties by partner country",
                      "Ties by partner-country group"):
            assert f"\n{title}\n" in text
        assert re.search(r"^\(all\)\s+GRC\s+Greece\s+2\s+1\s+2\.0000\s+0\.3333\s+0\.2222$",
                         text, re.M)
    if fmt == "csv":
        tables = split_csv_tables(text)
        assert tables[0][0] == ["dimension", "layer", "key", "label", "ties",
                                "partners", "weight", "tie_share", "weight_share"]
        assert ["layer", "", "aid", "aid", "2", "2", "5", repr(2 / 6), repr(5 / 9)] \
            in tables[0]
        assert tables[1][0][:3] == ["tie", "partner", "partner_name"]
        assert len(tables[1]) == 1 + 6
    if fmt == "markdown":
        assert "### Ties by partner country" in text


def test_report_precision(bundle):
    document = report_json(bundle, "--focus", "ist", "--precision", "2", *WINDOW)
    row = rows_by_key(document)[("layer", None, "aid")]
    assert row["tie_share"] == 0.33 and row["weight_share"] == 0.56
    text = out(run("report", bundle, "--focus", "ist", "--precision", "0", *WINDOW))
    assert "weight 9\n" in text


def test_report_output_file_and_no_partial_output(bundle, tmp_path):
    target = tmp_path / "report.csv"
    result = run("report", bundle, "--focus", "ist", "--format", "csv", "-o", target)
    assert result.returncode == 0 and out(result) == ""
    assert target.read_text(encoding="utf-8").startswith("dimension,")
    failed = tmp_path / "failed.csv"
    result = run("report", bundle, "--focus", "nobody", "-o", failed)
    assert result.returncode == 1
    assert not failed.exists()


def test_report_ambiguous_focus(tmp_path):
    directory = write_bundle(tmp_path / "amb",
                             [["a1", "city", "Springfield", "USA"],
                              ["a2", "city", "Springfield", "USA"]],
                             [["a1", "a2", "sister", "1", "", "", "", ""]],
                             [["USA", "United States"]])
    result = run("report", directory, "--focus", "Springfield")
    assert result.returncode == 1
    assert "a1" in err(result) and "a2" in err(result)


def test_report_istanbul(tmp_path):
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent: the Istanbul bundle is not in this "
                    "checkout")
    document = report_json(ISTANBUL, "--focus", "istanbul",
                           "--from", "2019-06-23", "--to", "2024-03-31")
    assert document["focus"]["id"] == "istanbul"
    dimensions = {row["dimension"] for row in document["rows"]}
    assert dimensions == {"layer", "country", "group"}
    assert document["totals"]["ties"] > 0
    rows, totals, counted = recount(ISTANBUL, "istanbul", "2019-06-23", "2024-03-31")
    check_against_recount(document, rows, totals)
    assert sorted(t["partner"] for t in document["ties"]) == \
        sorted(t["partner"] for t in counted)
    # The same answer for the name with a Turkish capital İ.
    again = report_json(ISTANBUL, "--focus", "İstanbul",
                        "--from", "2019-06-23", "--to", "2024-03-31")
    assert again["rows"] == document["rows"]


# ---------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_export_graphml(bundle, tmp_path):
    target = tmp_path / "view.graphml"
    result = run("export", bundle, "--format", "graphml", "-o", target,
                 "--layers", "sister", "--drop-isolates")
    assert result.returncode == 0, err(result)
    root = ET.parse(target).getroot()
    graph = root.find(f"{GRAPHML}graph")
    node_ids = {n.get("id") for n in graph.findall(f"{GRAPHML}node")}
    assert node_ids == {"ist", "ath", "ber"}
    assert len(graph.findall(f"{GRAPHML}edge")) == 3


def test_export_bundle_validates(bundle, tmp_path):
    target = tmp_path / "out" / "sub"
    (tmp_path / "out").mkdir()
    result = run("export", bundle, "--format", "bundle", "-o", target,
                 "--at", "2022-03-20", "--drop-isolates")
    assert result.returncode == 0, err(result)
    check = run("validate", target)
    assert check.returncode == 0, out(check) + err(check)
    # Active on 2022-03-20: both sister ties of Istanbul, Athens-Berlin,
    # UCLG membership, aid to Kyiv.
    document = info_json(target)
    assert document["summary"]["ties"] == 5
    assert document["summary"]["nodes"] == 5
    assert not [p for p in (tmp_path / "out").iterdir() if p.name != "sub"]


def test_export_failure_writes_nothing(tmp_path):
    broken = write_broken_bundle(tmp_path / "broken")
    for fmt in ("graphml", "bundle"):
        target = tmp_path / f"out-{fmt}"
        result = run("export", broken, "--format", fmt, "-o", target)
        assert result.returncode == 1
        assert err(result).startswith("citynet: ")
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken"]


def test_export_into_missing_directory_fails(bundle, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "x.graphml"
    result = run("export", bundle, "-o", target)
    assert result.returncode == 1
    assert not target.exists()


# ---------------------------------------------------------------------------
# Format checks
# ---------------------------------------------------------------------------

def split_csv_tables(text):
    """Tables of a multi-table csv output (separated by an empty line)."""
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    tables, current = [], []
    for row in csv.reader(io.StringIO(text, newline="")):
        if row:
            current.append(row)
        else:
            tables.append(current)
            current = []
    tables.append(current)
    for table in tables:
        assert table and all(len(row) == len(table[0]) for row in table)
    return tables


def check_format(text, fmt):
    assert text.endswith("\n")
    if fmt == "json":
        json.loads(text)
    elif fmt == "csv":
        split_csv_tables(text)
    elif fmt == "markdown":
        lines = text.splitlines()
        separators = [i for i, line in enumerate(lines)
                      if re.fullmatch(r"\|( -{3}:? \|)+", line)]
        assert separators
        for i in separators:
            header = lines[i - 1]
            assert header.startswith("| ") and header.endswith(" |")
            columns = lines[i].count("|")
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                assert unescaped_pipes(lines[j]) == columns, lines[j]
                j += 1
    else:
        assert text.strip()
        assert "\t" not in text


def unescaped_pipes(line):
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def test_markdown_escapes_pipes(tmp_path):
    directory = write_bundle(tmp_path / "pipes",
                             [["a", "city", "A|B \\ city", "USA"],
                              ["b", "city", "Bee", "USA"]],
                             [["a", "b", "x|y", "1", "", "", "", "r|1"]],
                             [["USA", "United States"]])
    result = run("report", directory, "--focus", "a", "--format", "markdown")
    assert result.returncode == 0, err(result)
    text = out(result)
    assert "x\\|y" in text and "r\\|1" in text
    check_format(text, "markdown")
    document = report_json(directory, "--focus", "a")
    assert document["focus"]["name"] == "A|B \\ city"


def test_text_alignment_counts_characters(bundle):
    text = out(run("info", bundle, "--table", "countries"))
    lines = [l for l in text.splitlines() if l.startswith(("TUR", "GRC"))]
    # "Türkiye" has a non-ASCII letter: the column after it still lines up.
    positions = {line[:3]: line.rindex(" ") for line in lines}
    assert len(set(positions.values())) == 1, lines
