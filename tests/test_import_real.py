#!/usr/bin/python3
"""Importing the real Wikipedia twin-city list (../shared/data) end to end.

Runs the citynet command ($CITYNET_CLI) and checks the bundle and the
report against facts computed here, independently, from the input file:
the bundle validates, every row is accounted for, Istanbul has its
partners, the Constanța/Constanţa spellings are one node, "Georgia
(country)" is GEO, and the unmatched countries are exactly those that
docs/import.md lists.

Run by meson as a script: exits 77 (SKIP) when ../shared/data is absent.
Also collectable by pytest directly.
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("CITYNET_SOURCE_ROOT", os.path.dirname(HERE))
DATA = os.environ.get("CITYNET_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
TWINS = os.path.join(DATA, "hekman-twincities", "twin_cities_geocoded.csv")
SIMPLEMAPS = os.path.join(DATA, "simplemaps-worldcities-basic", "worldcities.csv")
DISTRICTS = os.path.join(ROOT, "data", "districts", "istanbul.csv")
SKIP_MESSAGE = "SKIP: %s is absent (../shared/data not checked out)" % TWINS

if not os.path.exists(TWINS):
    if __name__ == "__main__":
        print(SKIP_MESSAGE)
        sys.exit(77)
    pytest.skip(SKIP_MESSAGE, allow_module_level=True)


def cli():
    path = os.environ.get("CITYNET_CLI")
    if path is None:
        for build in sorted(os.listdir(ROOT)):
            candidate = os.path.join(ROOT, build, "tools", "citynet")
            if build.startswith("build") and os.access(candidate, os.X_OK):
                return candidate
        pytest.skip("no citynet command: set CITYNET_CLI")
    return path


def run(*args, check=True):
    result = subprocess.run([cli(), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError("citynet %s failed (%d): %s%s" % (
            " ".join(args), result.returncode, result.stdout, result.stderr))
    return result


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def fold(text):
    """The idea of the library's key, for the few names checked here."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("ı", "i")


@pytest.fixture(scope="module")
def twins():
    with open(TWINS, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported():
    """The twin-city file imported once with the defaults."""
    with tempfile.TemporaryDirectory() as tmp:
        bundle = os.path.join(tmp, "twins")
        started = time.monotonic()
        result = run("import", "pairs", TWINS, "-o", bundle)
        elapsed = time.monotonic() - started
        print("import of %s: %.2f s (%s)" % (TWINS, elapsed, result.stdout.strip()))
        with open(os.path.join(bundle, "import-report.json"), encoding="utf-8") as handle:
            report = json.load(handle)
        yield {
            "bundle": bundle,
            "report": report,
            "text": open(os.path.join(bundle, "import-report.txt"), encoding="utf-8").read(),
            "nodes": read_csv(os.path.join(bundle, "nodes.csv")),
            "ties": read_csv(os.path.join(bundle, "ties.csv")),
            "countries": read_csv(os.path.join(bundle, "countries.csv")),
        }


def test_bundle_validates(imported):
    result = run("validate", "--format", "json", imported["bundle"])
    verdict = json.loads(result.stdout)
    assert verdict["valid"] is True
    assert verdict["problems"] == []
    assert verdict["summary"]["nodes"] == len(imported["nodes"])
    assert verdict["summary"]["ties"] == len(imported["ties"])


def test_every_row_accounted_for(imported, twins):
    counts = imported["report"]["counts"]
    assert counts["rows_read"] == len(twins) == 25917
    assert counts["rows_read"] == (counts["rows_kept"] + counts["rows_merged"]
                                   + counts["rows_rejected"])
    assert counts["ties_created"] == counts["rows_kept"] == len(imported["ties"])
    rejected = imported["report"]["rejected_rows"]
    assert len(rejected) == counts["rows_rejected"]
    # The counts of the ties add up to the rows that made them.
    assert sum(int(t["count"]) for t in imported["ties"]) == (counts["rows_kept"]
                                                              + counts["rows_merged"])
    # Lines are those of the file: line 1 is the header.
    lines = [r["line"] for r in rejected]
    assert lines == sorted(lines) and lines[0] > 1
    for entry in rejected:
        row = twins[entry["line"] - 2]
        assert entry["reason"]
        if "same place" in entry["reason"]:
            assert (row["city1"], row["country1"]) == (row["city2"], row["country2"])
    assert "rows read      25917\n" in imported["text"]


def test_istanbul_and_its_partners(imported, twins):
    ids = {n["id"]: n for n in imported["nodes"]}
    istanbul = ids["istanbul-tur"]
    assert istanbul["country"] == "TUR" and istanbul["name"] == "Istanbul"
    # The partners named in the file, computed here from the raw rows. The
    # file names Tbilisi's country both "Georgia" and "Georgia (country)":
    # one partner, as the import must find.
    same_country = {"Georgia (country)": "Georgia"}
    expected = set()
    for row in twins:
        for me, other in ((("city1", "country1"), ("city2", "country2")),
                          (("city2", "country2"), ("city1", "country1"))):
            if row[me[0]] == "Istanbul" and row[me[1]] == "Turkey":
                country = same_country.get(row[other[1]], row[other[1]])
                expected.add((fold(row[other[0]]), country))
    partners = set()
    for tie in imported["ties"]:
        if "istanbul-tur" in (tie["source"], tie["target"]):
            other = tie["target"] if tie["source"] == "istanbul-tur" else tie["source"]
            partners.add(other)
    assert len(partners) == len(expected) >= 40
    for partner in ("rio-de-janeiro-bra", "tbilisi-geo", "north-nicosia-xnc",
                    "constanta-rou", "gaza-city-pse", "skopje-mkd", "busan-kor"):
        assert partner in partners, partner
    # Districts are their own nodes by default.
    assert ids["bagcilar-tur"]["name"] == "Bağcılar"


def test_constanta_spellings_are_one_node(imported):
    constanta = [n for n in imported["nodes"]
                 if fold(n["name"]).replace("ţ", "t").replace("ț", "t") == "constanta"]
    assert [n["id"] for n in constanta] == ["constanta-rou"]
    assert constanta[0]["name"] == "Constanța"          # the first spelling seen
    assert constanta[0]["alt_names"] == "Constanţa"
    merges = [m for m in imported["report"]["name_merges"] if m["node"] == "constanta-rou"]
    assert merges == [{"node": "constanta-rou", "name": "Constanța", "variant": "Constanţa",
                       "rows": 5, "first_line": merges[0]["first_line"]}]


def test_georgia_country_is_geo(imported):
    resolved = {c["value"]: c for c in imported["report"]["countries"]}
    assert resolved["Georgia (country)"]["iso3"] == "GEO"
    assert resolved["Georgia (country)"]["rule"] == "alias"
    assert resolved["Georgia"]["iso3"] == "GEO"
    assert resolved["Turkey"]["iso3"] == "TUR"
    assert resolved["Northern Cyprus"]["iso3"] == "XNC"
    assert resolved["Kosovo"]["iso3"] == "XKX"
    assert resolved["Réunion, France"]["iso3"] == "REU"
    assert resolved["Brandenburg, Germany"]["iso3"] == "DEU"
    tbilisi = [n for n in imported["nodes"] if n["id"] == "tbilisi-geo"]
    assert tbilisi and tbilisi[0]["country"] == "GEO"
    declared = {c["iso3"]: c["name"] for c in imported["countries"]}
    assert declared["GEO"] == "Georgia" and declared["TUR"] == "Türkiye"
    assert set(declared) == {n["country"] for n in imported["nodes"]}


# The unmatched country values of the Wikipedia file, with the number of
# rows each costs; docs/import.md explains each and must list the same.
EXPECTED_UNMATCHED = {
    "": 5,
    "Madagaskar": 1,
    "in Italy": 1,
    "Grece": 1,
    "Kazakhstah": 1,
    "Island": 1,
    "Moldavia": 4,
}


def documented_unmatched():
    with open(os.path.join(ROOT, "docs", "import.md"), encoding="utf-8") as handle:
        text = handle.read()
    section = text.split("<!-- unmatched-countries:begin -->")[1]
    section = section.split("<!-- unmatched-countries:end -->")[0]
    found = {}
    for match in re.finditer(r'^\| "([^"]*)" \| (\d+) \|', section, re.M):
        found[match.group(1)] = int(match.group(2))
    return found


def test_unmatched_countries_are_the_documented_ones(imported, twins):
    unmatched = {u["value"]: u for u in imported["report"]["unmatched_countries"]}
    assert {value: u["rows"] for value, u in unmatched.items()} == EXPECTED_UNMATCHED
    assert documented_unmatched() == EXPECTED_UNMATCHED
    # Each listed line really holds the value, and all those rows were rejected.
    rejected = {r["line"] for r in imported["report"]["rejected_rows"]}
    for value, entry in unmatched.items():
        for line in entry["lines"]:
            row = twins[line - 2]
            assert value in (row["country1"], row["country2"])
            assert line in rejected
    assert unmatched["Grece"]["suggestion"] == "Greece"
    assert unmatched["Moldavia"]["suggestion"] == "Moldova"


def test_with_gazetteer_and_districts():
    if not os.path.exists(SIMPLEMAPS):
        pytest.skip("simplemaps gazetteer absent")
    with tempfile.TemporaryDirectory() as tmp:
        bundle = os.path.join(tmp, "twins")
        run("import", "pairs", TWINS, "-o", bundle, "--gazetteer", SIMPLEMAPS,
            "--districts", DISTRICTS, "--report-json", os.path.join(tmp, "r.json"), "-q")
        run("validate", bundle)
        report = json.load(open(os.path.join(tmp, "r.json"), encoding="utf-8"))
        counts = report["counts"]
        assert counts["rows_read"] == (counts["rows_kept"] + counts["rows_merged"]
                                       + counts["rows_rejected"])
        assert report["gazetteer"]["layout"] == "simplemaps"
        assert report["gazetteer"]["matches"] > 3000
        districts = {d["district"]: d for d in report["district_merges"]}
        assert districts["Bağcılar"]["metropolis"] == "Istanbul"
        nodes = {n["id"]: n for n in read_csv(os.path.join(bundle, "nodes.csv"))}
        assert "bagcilar-tur" not in nodes
        assert float(nodes["istanbul-tur"]["population"]) > 1e7
        assert nodes["istanbul-tur"]["geo_source"].startswith("simplemaps id ")
        # The default report files are not written when paths are given.
        assert not os.path.exists(os.path.join(bundle, "import-report.json"))
        assert os.path.exists(os.path.join(bundle, "import-report.txt"))


def test_cli_options_on_a_spreadsheet_export():
    """Semicolons, decimal commas, Windows-1252, custom headers, roles."""
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "members.csv")
        with open(source, "wb") as handle:
            handle.write("Stadt;Land;Netzwerk;Funktion;Breite;Länge\r\n"
                         "Istanbul;Türkiye;UCLG;Präsident;41,01;28,95\r\n"
                         "Köln;Deutschland;Eurocities;member;50,94;6,96\r\n"
                         "Köln;Germany;Eurocities;member;50,94;6,96\r\n".encode("cp1252"))
        bundle = os.path.join(tmp, "b")
        args = ["import", "members", source, "-o", bundle, "--encoding", "windows-1252",
                "--column", "city=Stadt", "--column", "country=Land",
                "--column", "organisation=Netzwerk", "--column", "role=Funktion",
                "--column", "lat=Breite", "--column", "lon=Länge",
                "--role-weight", "präsident=3", "-q"]
        # "Deutschland" is not English: one row rejected, and said so.
        run(*args)
        report = json.load(open(os.path.join(bundle, "import-report.json"), encoding="utf-8"))
        assert report["encoding"] == "windows-1252" and report["delimiter"] == ";"
        assert report["counts"]["rows_read"] == 3
        assert report["counts"]["rows_rejected"] == 1
        assert report["unmatched_countries"][0]["value"] == "Deutschland"
        ties = read_csv(os.path.join(bundle, "ties.csv"))
        assert [(t["source"], t["target"], t["role"], t["weight"]) for t in ties] == [
            ("istanbul-tur", "uclg", "prasident", "3"),
            ("koln-deu", "eurocities", "member", "1")]
        run("validate", bundle)
        # Usage errors exit 2 and write nothing.
        bad = run("import", "members", source, "-o", os.path.join(tmp, "c"),
                  "--column", "town=Stadt", check=False)
        assert bad.returncode == 2 and not os.path.exists(os.path.join(tmp, "c"))
        bad = run("import", "pairs", source, check=False)
        assert bad.returncode == 2
        missing = run("import", "pairs", os.path.join(tmp, "none.csv"), "-o",
                      os.path.join(tmp, "d"), check=False)
        assert missing.returncode == 1 and "none.csv" in missing.stderr


if __name__ == "__main__":
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", __file__]))
