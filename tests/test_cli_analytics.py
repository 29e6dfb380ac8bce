"""Tests of `citynet centrality` and `citynet cluster` (tools/cmd-centrality.c,
tools/cmd-cluster.c), run by meson in the 'cli' suite.

The command under test is $CITYNET_CLI. The bundle is the two-bloc graph of
the C tests (tests/analytics-fixtures.c) plus an isolated city, so the
expected numbers are the hand-computed ones of tests/test-centrality.c and
tests/test-clustering.c:

    a1        b2
    | \\      / |      bloc ties weigh 2, the bridge a3 - b1 weighs 1;
    |  a3 - b1 |      iso has no tie
    | /      \\ |
    a2        b3

Run by hand:
  CITYNET_CLI=build/tools/citynet /usr/bin/python3 -m pytest -q tests/test_cli_analytics.py
"""

import csv
import io
import json
import math
import os
import subprocess
from pathlib import Path

import pytest

CLI = os.environ.get("CITYNET_CLI")

pytestmark = pytest.mark.skipif(
    not CLI or not os.path.exists(CLI),
    reason="CITYNET_CLI is not set to the built citynet executable")

NODES = [
    ["a1", "city", "Ankara", "TUR"],
    ["a2", "city", "Antalya", "TUR"],
    ["a3", "city", "Adana", "TUR"],
    ["b1", "city", "Berlin", "DEU"],
    ["b2", "city", "Bonn", "DEU"],
    ["b3", "city", "Bremen", "DEU"],
    ["iso", "city", "Isparta", "TUR"],
]
TIES = [
    ["a1", "a2", "sister", "2"], ["a1", "a3", "sister", "2"],
    ["a2", "a3", "sister", "2"], ["b1", "b2", "sister", "2"],
    ["b1", "b3", "sister", "2"], ["b2", "b3", "sister", "2"],
    ["a3", "b1", "visit", "1"],
]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def bundle(tmp_path):
    d = tmp_path / "blocs"
    d.mkdir()
    write_csv(d / "nodes.csv", ["id", "kind", "name", "country"], NODES)
    write_csv(d / "ties.csv", ["source", "target", "layer", "weight", "directed",
                               "start", "end", "ref"],
              [t + ["false", "2020", "", ""] for t in TIES])
    write_csv(d / "countries.csv", ["iso3", "name"],
              [["TUR", "Türkiye"], ["DEU", "Germany"]])
    write_csv(d / "country_groups.csv", ["iso3", "group", "start", "end", "ref"], [])
    return d


def run(*args):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    return subprocess.run([CLI, *map(str, args)], capture_output=True, env=env,
                          timeout=120)


def ok(*args):
    result = run(*args)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")


def rows(text):
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    return header, [dict(zip(header, r)) for r in reader if r]


def by_node(table, measure):
    return {r["id"]: r for r in table if r["measure"] == measure}


# ---------------------------------------------------------------------------
# centrality
# ---------------------------------------------------------------------------

def test_csv_columns_and_hand_values(bundle):
    text = ok("centrality", bundle, "--measure",
              "degree,strength,betweenness,closeness,pagerank", "--format", "csv")
    header, table = rows(text)
    assert header == ["id", "name", "measure", "value", "rank"]
    assert len(table) == 5 * 7
    degree = by_node(table, "degree")
    assert degree["a3"]["value"] == "3" and degree["a3"]["rank"] == "1"
    assert degree["iso"]["value"] == "0" and degree["iso"]["rank"] == "7"
    assert degree["a1"]["name"] == "Ankara"
    assert by_node(table, "strength")["b1"]["value"] == "5"
    # Betweenness with lengths 1/w: a3 and b1 each carry 6 pairs.
    between = by_node(table, "betweenness")
    assert float(between["a3"]["value"]) == 6 and between["a3"]["rank"] == "1"
    assert float(between["b1"]["value"]) == 6 and between["b1"]["rank"] == "1"
    assert between["a1"]["rank"] == "3"
    # Closeness of a1: 1/(1/2 + 1/2 + 3/2 + 2 + 2) = 2/13; iso is undefined:
    # an empty value, ranked last.
    close = by_node(table, "closeness")
    assert math.isclose(float(close["a1"]["value"]), 2 / 13, rel_tol=1e-15)
    assert close["iso"]["value"] == "" and close["iso"]["rank"] == "7"
    # PageRank sums to 1 and a3 (bridge end) leads.
    pr = by_node(table, "pagerank")
    assert math.isclose(sum(float(r["value"]) for r in pr.values()), 1, rel_tol=1e-12)
    assert pr["a3"]["rank"] == "1" or pr["b1"]["rank"] == "1"


def test_rows_in_rank_order_per_measure(bundle):
    _, table = rows(ok("centrality", bundle, "--measure", "strength,degree",
                       "--format", "csv"))
    assert [r["measure"] for r in table] == ["strength"] * 7 + ["degree"] * 7
    ranks = [int(r["rank"]) for r in table if r["measure"] == "degree"]
    assert ranks == sorted(ranks)
    # Equal values by node order: a1 (node 0) before a2, b2, b3.
    assert [r["id"] for r in table if r["measure"] == "degree"][2:6] == \
        ["a1", "a2", "b2", "b3"]


def test_options_change_values(bundle):
    def value(*extra, measure="betweenness", node="a3"):
        _, table = rows(ok("centrality", bundle, "--measure", measure,
                           "--format", "csv", *extra))
        return float(by_node(table, measure)[node]["value"])
    # Normalised betweenness: 6 / ((7-1)(7-2)/2) = 0.4.
    assert math.isclose(value("--normalized"), 0.4, rel_tol=1e-15)
    # Cutoff 0.6 (lengths 1/w: bloc edges 0.5, bridge 1): no path through a3.
    assert value("--cutoff", "0.6") == 0
    # Unit lengths: closeness of a1 = 1/(1+1+2+3+3) = 0.1.
    assert math.isclose(value("--length", "unit", measure="closeness", node="a1"),
                        0.1, rel_tol=1e-15)
    assert math.isclose(value("--unweighted", measure="closeness", node="a1"),
                        0.1, rel_tol=1e-15)
    # Wasserman-Faust: normalised 10/13, times 5 reached of 6 others.
    assert math.isclose(value("--normalized", "--wf-improved", measure="closeness",
                              node="a1"), 10 / 13 * 5 / 6, rel_tol=1e-15)
    assert value(measure="strength", node="a3") == 5
    assert value("--unweighted", measure="strength", node="a3") == 3


def test_personalized_pagerank(bundle):
    _, plain = rows(ok("centrality", bundle, "--measure", "pagerank", "--format", "csv"))
    _, personal = rows(ok("centrality", bundle, "--measure", "pagerank",
                          "--personalize", "a1,Antalya", "--damping", "0",
                          "--format", "csv"))
    pr = by_node(personal, "pagerank")
    # Damping 0: the walker always restarts at a1 or a2.
    assert math.isclose(float(pr["a1"]["value"]), 0.5, rel_tol=1e-12)
    assert math.isclose(float(pr["a2"]["value"]), 0.5, rel_tol=1e-12)
    assert abs(float(pr["b3"]["value"])) < 1e-15
    assert by_node(plain, "pagerank")["a1"]["value"] != pr["a1"]["value"]


def test_top_and_focus(bundle):
    # Top 1 of betweenness: a3 and b1 tie for first, both shown.
    _, table = rows(ok("centrality", bundle, "--measure", "betweenness",
                       "--top", "1", "--format", "csv"))
    assert [r["id"] for r in table] == ["a3", "b1"]
    # --focus alone: only the focus node, with its rank among all.
    _, table = rows(ok("centrality", bundle, "--measure", "degree,strength",
                       "--focus", "Bonn", "--format", "csv"))
    assert [(r["id"], r["measure"], r["rank"]) for r in table] == \
        [("b2", "degree", "3"), ("b2", "strength", "3")]
    # --top with --focus: both, in rank order.
    _, table = rows(ok("centrality", bundle, "--measure", "degree", "--top", "2",
                       "--focus", "iso", "--format", "csv"))
    assert [r["id"] for r in table] == ["a3", "b1", "iso"]


def test_json_document(bundle):
    doc = json.loads(ok("centrality", bundle, "--measure", "closeness,degree",
                        "--focus", "a1", "--top", "1", "--format", "json",
                        "--normalized"))
    assert doc["schema"] == "citynet.centrality/1"
    assert doc["vertices"] == 7 and doc["edges"] == 7
    assert doc["measures"] == ["closeness", "degree"]
    assert doc["focus"] == ["a1"]
    assert doc["options"]["normalized"] is True
    assert doc["options"]["length"] == "inverse"
    assert doc["options"]["cutoff"] is None
    assert doc["options"]["damping"] == 0.85
    assert doc["view"]["directed"] is False
    first = doc["rows"][0]
    assert set(first) == {"id", "name", "measure", "value", "rank"}
    assert {(r["id"], r["measure"]) for r in doc["rows"]} >= {("a1", "closeness"),
                                                              ("a3", "degree")}
    # NaN is null in JSON.
    iso = json.loads(ok("centrality", bundle, "--measure", "closeness",
                        "--focus", "iso", "--format", "json"))["rows"]
    assert iso == [{"id": "iso", "name": "Isparta", "measure": "closeness",
                    "value": None, "rank": 7}]


def test_text_and_markdown(bundle):
    text = ok("centrality", bundle, "--measure", "degree,pagerank", "--top", "2")
    assert "degree (rank among 7 nodes)" in text
    assert "pagerank (rank among 7 nodes)" in text
    assert "Adana" in text
    md = ok("centrality", bundle, "--measure", "degree", "--format", "markdown",
            "--precision", "2")
    assert "| id | name | value | rank |" in md
    assert "| a3 | Adana | 3.00 | 1 |" in md


def test_byte_identical_runs(bundle):
    for fmt in ("csv", "json"):
        args = ("centrality", bundle, "--measure", "all", "--format", fmt)
        assert run(*args).stdout == run(*args).stdout
    args = ("cluster", bundle, "--weighted", "--format", "json")
    assert run(*args).stdout == run(*args).stdout


def test_all_measures_and_view_options(bundle):
    _, table = rows(ok("centrality", bundle, "--measure", "all", "--format", "csv"))
    assert {r["measure"] for r in table} == {
        "degree", "strength", "betweenness", "closeness", "harmonic",
        "eigenvector", "pagerank", "hub", "authority"}
    # A view of the 'sister' layer drops the bridge: a3 has degree 2.
    _, table = rows(ok("centrality", bundle, "--measure", "degree", "--layers",
                       "sister", "--format", "csv"))
    assert by_node(table, "degree")["a3"]["value"] == "2"
    _, table = rows(ok("centrality", bundle, "--measure", "degree",
                       "--drop-isolates", "--format", "csv"))
    assert "iso" not in by_node(table, "degree")


@pytest.mark.parametrize("args,needle", [
    (["--measure", "katz"], "unknown centrality measure"),
    (["--measure", ","], "names no measure"),
    (["--mode", "both"], "--mode"),
    (["--length", "log"], "--length"),
    (["--damping", "1.5"], "between 0 and 1"),
    (["--damping", "x"], "--damping needs a number"),
    (["--cutoff", "nan"], "--cutoff needs a number"),
    (["--top", "0"], "--top needs a positive whole number"),
    (["--format", "xml"], "xml"),
])
def test_centrality_usage_errors(bundle, args, needle):
    result = run("centrality", bundle, *args)
    assert result.returncode == 2
    assert needle in result.stderr.decode()


def test_centrality_node_errors(bundle):
    result = run("centrality", bundle, "--focus", "Paris")
    assert result.returncode == 1
    assert "Paris" in result.stderr.decode()
    # A node outside the view (the view keeps organisations only).
    result = run("centrality", bundle, "--kinds", "organisation",
                 "--personalize", "a1", "--measure", "pagerank")
    assert result.returncode == 1
    assert "not in the view" in result.stderr.decode()
    assert run("centrality").returncode == 2
    assert run("centrality", bundle.parent / "missing").returncode == 1


def test_help(bundle):
    text = ok("centrality", "--help")
    for option in ("--measure", "--length", "--personalize", "--top", "--focus",
                   "--layers", "--format", "--precision", "--wf-improved"):
        assert option in text
    assert "--undefined" in ok("help", "cluster")


# ---------------------------------------------------------------------------
# cluster
# ---------------------------------------------------------------------------

def test_cluster_nodes_and_summary(bundle):
    _, table = rows(ok("cluster", bundle, "--format", "csv", "--table", "nodes"))
    assert {r["measure"] for r in table} == {"clustering", "ego_density"}
    c = by_node(table, "clustering")
    # a1: its two neighbours are tied: 1. a3: 1 of 3 neighbour pairs: 1/3.
    assert c["a1"]["value"] == "1" and c["a1"]["rank"] == "1"
    assert math.isclose(float(c["a3"]["value"]), 1 / 3, rel_tol=1e-15)
    assert c["iso"]["value"] == "" and c["iso"]["rank"] == "7"
    # Undirected: ego density without the ego equals local clustering.
    e = by_node(table, "ego_density")
    assert all(e[k]["value"] == c[k]["value"] for k in c)

    header, summary = rows(ok("cluster", bundle, "--format", "csv", "--table",
                              "summary"))
    assert header == ["measure", "value"]
    values = {r["measure"]: float(r["value"]) for r in summary}
    # Triangles 2, connected triples 10: 0.6. Average over the 6 defined
    # nodes: (4 + 2/3)/6 = 7/9.
    assert math.isclose(values["transitivity"], 0.6, rel_tol=1e-15)
    assert math.isclose(values["average_clustering"], 7 / 9, rel_tol=1e-15)


def test_cluster_weighted_and_zero(bundle):
    doc = json.loads(ok("cluster", bundle, "--weighted", "--undefined", "zero",
                        "--format", "json"))
    assert doc["schema"] == "citynet.cluster/1"
    assert doc["measures"] == ["clustering", "barrat", "ego_density"]
    assert doc["undefined"] == "zero"
    barrat = {r["id"]: r["value"] for r in doc["rows"] if r["measure"] == "barrat"}
    # a3: s = 5, k = 3, pair (a1, a2): 2 x (2 + 2)/2 = 4 -> 4/10.
    assert math.isclose(barrat["a3"], 0.4, rel_tol=1e-15)
    assert barrat["iso"] == 0
    # With zeros: (4 + 2/3 + 0)/7 = 2/3; Barrat (4 + 0.8 + 0)/7.
    assert math.isclose(doc["summary"]["average_clustering"], 2 / 3, rel_tol=1e-15)
    assert math.isclose(doc["summary"]["average_barrat"], 4.8 / 7, rel_tol=1e-15)
    assert math.isclose(doc["summary"]["transitivity"], 0.6, rel_tol=1e-15)


def test_cluster_text_and_errors(bundle):
    text = ok("cluster", bundle, "--top", "1", "--focus", "a3")
    assert "clustering (rank among 7 nodes)" in text
    assert "transitivity" in text
    result = run("cluster", bundle, "--undefined", "skip")
    assert result.returncode == 2 and "--undefined" in result.stderr.decode()
    result = run("cluster", bundle, "--table", "ranks", "--format", "csv")
    assert result.returncode == 2
