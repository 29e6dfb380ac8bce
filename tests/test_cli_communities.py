"""Tests of `citynet communities`, `citynet assortativity` and `citynet
project` (tools/cmd-communities.c, cmd-assortativity.c, cmd-project.c), run
by meson in the 'cli' suite.

The command under test is $CITYNET_CLI. The bundle is the weighted two-bloc
graph of the C tests, in two countries with dated groups, plus two
organisations for the projection:

    a1        b2
    | \\      / |      bloc ties weigh 2, the bridge a3 - b1 weighs 1;
    |  a3 - b1 |      a* in TUR, b* in DEU; iso (TUR) has no tie
    | /      \\ |
    a2        b3

    memberships: a1, b1 -> club (weights 2, 1); a1, a2, b2 -> union (1, 3, 1)

so the expected numbers are those worked out in tests/test-communities.c,
test-assortativity.c and test-projection.c. Run by hand:
  CITYNET_CLI=build/tools/citynet /usr/bin/python3 -m pytest -q tests/test_cli_communities.py
"""

import csv
import io
import json
import math
import os
import subprocess

import pytest

CLI = os.environ.get("CITYNET_CLI")

pytestmark = pytest.mark.skipif(
    not CLI or not os.path.exists(CLI),
    reason="CITYNET_CLI is not set to the built citynet executable")

NODES = [
    ["a1", "city", "Ankara", "TUR", "north"],
    ["a2", "city", "Antalya", "TUR", "south"],
    ["a3", "city", "Adana", "TUR", "south"],
    ["b1", "city", "Berlin", "DEU", "north"],
    ["b2", "city", "Bonn", "DEU", ""],
    ["b3", "city", "Bremen", "DEU", "north"],
    ["iso", "city", "Isparta", "TUR", "south"],
    ["club", "organisation", "Club", "", ""],
    ["union", "organisation", "Union", "", ""],
]
TIES = [
    ["a1", "a2", "sister", "2"], ["a1", "a3", "sister", "2"],
    ["a2", "a3", "sister", "2"], ["b1", "b2", "sister", "2"],
    ["b1", "b3", "sister", "2"], ["b2", "b3", "sister", "2"],
    ["a3", "b1", "sister", "1"],
    ["a1", "club", "member", "2"], ["b1", "club", "member", "1"],
    ["a1", "union", "member", "1"], ["a2", "union", "member", "3"],
    ["b2", "union", "member", "1"],
]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def bundle(tmp_path):
    path = tmp_path / "blocs"
    path.mkdir()
    write_csv(path / "nodes.csv", ["id", "kind", "name", "country", "region"], NODES)
    write_csv(path / "ties.csv", ["source", "target", "layer", "weight"], TIES)
    write_csv(path / "countries.csv", ["iso3", "name"], [["TUR", "Türkiye"],
                                                          ["DEU", "Germany"]])
    write_csv(path / "country_groups.csv", ["iso3", "group", "start", "end"],
              [["DEU", "EU", "1958", ""], ["TUR", "NATO", "1952", ""],
               ["DEU", "NATO", "1955", ""]])
    return str(path)


def run(*args, status=0):
    result = subprocess.run([CLI, *args], capture_output=True, text=True)
    assert result.returncode == status, (result.returncode, result.stdout, result.stderr)
    return result


def run_json(*args):
    return json.loads(run(*args, "--format", "json").stdout)


def close(a, b, tol=1e-12):
    return abs(a - b) <= tol * max(1.0, abs(b))


# ---------------------------------------------------------------------------
# communities
# ---------------------------------------------------------------------------

def test_louvain_finds_the_blocs(bundle):
    # The organisations and their member ties are left out of the view.
    doc = run_json("communities", bundle, "--layers", "sister", "--kinds", "city")
    assert doc["schema"] == "citynet.communities/1"
    labels = {row["id"]: row["community"] for row in doc["nodes"]}
    assert labels["a1"] == labels["a2"] == labels["a3"]
    assert labels["b1"] == labels["b2"] == labels["b3"]
    assert labels["a1"] != labels["b1"]
    # Q = 11/26 (two blocs, bloc ties 2, bridge 1), iso alone.
    assert close(doc["summary"]["modularity"], 11 / 26)
    assert doc["summary"]["communities"] == 3
    sizes = [row["size"] for row in doc["communities"]]
    assert sizes == [3, 3, 1]


def test_by_country_and_compare(bundle):
    doc = run_json("communities", bundle, "--layers", "sister", "--kinds", "city",
                   "--by", "country", "--compare", "group:EU@2020",
                   "--compare", "groups:EU,NATO")
    names = {row["id"]: row["community_name"] for row in doc["nodes"]}
    assert names == {"a1": "TUR", "a2": "TUR", "a3": "TUR", "b1": "DEU", "b2": "DEU",
                     "b3": "DEU", "iso": "TUR"}
    # The countries are the blocs (iso has no edge): 11/26 again.
    assert close(doc["summary"]["modularity"], 11 / 26)
    rows = {row["partition"]: row for row in doc["comparison"]}
    # EU = DEU, so the EU partition is the country partition.
    eu = rows["group:EU@2020-01-01"]
    assert close(eu["nmi"], 1.0) and close(eu["ari"], 1.0) and close(eu["vi"], 0.0)
    # No --at: groups judged now.
    assert "groups:EU,NATO@now" in rows


def test_leiden_options_and_determinism(bundle):
    args = ["communities", bundle, "--method", "leiden", "--seed", "5", "--beta", "0.05",
            "--iterations", "3", "--start", "singletons", "--resolution", "0.5"]
    first = run(*args, "--format", "json").stdout
    assert first == run(*args, "--format", "json").stdout
    doc = json.loads(first)
    summary = doc["summary"]
    assert summary["partition"] == "leiden"
    assert summary["seed"] == 5 and summary["iterations"] == 3
    assert summary["start"] == "singletons" and summary["resolution"] == 0.5


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown"])
def test_formats(bundle, fmt):
    out = run("communities", bundle, "--format", fmt, "--compare", "country").stdout
    assert "modularity" in out
    if fmt == "csv":
        tables = out.split("\n\n")  # text mode: CRLF read as LF
        header = next(csv.reader(io.StringIO(tables[2])))
        assert header == ["id", "name", "community", "community_name"]


def test_top_and_table(bundle):
    out = run("communities", bundle, "--layers", "sister", "--kinds", "city", "--top", "1",
              "--format", "csv", "--table", "nodes").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3


@pytest.mark.parametrize("args,needle", [
    (["--method", "walktrap"], "unknown community method"),
    (["--seed", "-1"], "--seed"),
    (["--resolution", "-2"], "resolution"),
    (["--beta", "0.1"], "apply to --method leiden"),
    (["--method", "leiden", "--iterations", "0"], "--iterations"),
    (["--by", "country", "--seed", "3"], "do not apply"),
    (["--by", "colour"], "bad partition"),
    (["--compare", "group:"], "no group name"),
    (["--table", "nope"], "unknown table"),
])
def test_usage_errors(bundle, args, needle):
    result = run("communities", bundle, *args, status=2)
    assert needle in result.stderr


def test_unknown_group_is_a_data_error(bundle):
    result = run("communities", bundle, "--compare", "group:ASEAN", status=1)
    assert "unknown country group \"ASEAN\"" in result.stderr


# ---------------------------------------------------------------------------
# assortativity
# ---------------------------------------------------------------------------

def test_nominal_and_mixing(bundle):
    doc = run_json("assortativity", bundle, "--layers", "sister", "--kinds", "city",
                   "--by", "country", "--mixing")
    assert doc["schema"] == "citynet.assortativity/1"
    row = doc["rows"][0]
    # 5/7 unweighted (tests/test-assortativity.c); iso has no edge.
    assert close(row["r"], 5 / 7)
    assert row["nodes"] == 7 and row["edges"] == 7
    mixing = doc["mixing"][0]
    assert mixing["labels"] == ["DEU", "TUR"]
    assert mixing["counts"] == [[6, 1], [1, 6]]
    weighted = run_json("assortativity", bundle, "--layers", "sister", "--kinds", "city",
                        "--weighted", "--mixing")
    assert close(weighted["rows"][0]["r"], 11 / 13)
    assert weighted["mixing"][0]["weights"] == [[12, 1], [1, 12]]


def test_missing_values(bundle):
    doc = run_json("assortativity", bundle, "--layers", "sister", "--kinds", "city",
                   "--by", "attr:region", "--exclude-missing", "--value", "population")
    region, population = doc["rows"]
    # b2 has no region: left out with its two edges.
    assert region["nodes_excluded"] == 1 and region["edges_excluded"] == 2
    # Nobody has a population: nothing left, undefined.
    assert population["r"] is None and population["nodes_excluded"] == 7


def test_assortativity_text_and_errors(bundle):
    out = run("assortativity", bundle, "--by", "kind", "--mixing").stdout
    assert "Mixing matrices" in out and "organisation" in out
    assert "--mixing needs" in run("assortativity", bundle, "--value", "population",
                                   "--mixing", status=2).stderr
    assert "bad node values" in run("assortativity", bundle, "--value", "height",
                                    status=2).stderr
    assert "unknown node attribute" in run("assortativity", bundle, "--value",
                                           "attr:colour", status=1).stderr


# ---------------------------------------------------------------------------
# project
# ---------------------------------------------------------------------------

def test_project_gawc(bundle, tmp_path):
    out = tmp_path / "projected"
    doc = run_json("project", bundle, "--method", "gawc", "-o", str(out))
    assert doc["schema"] == "citynet.project/1"
    pairs = {(row["a"], row["b"]): row["weight"] for row in doc["pairs"]}
    # club: a1 2, b1 1; union: a1 1, a2 3, b2 1.
    assert pairs == {("a1", "a2"): 3.0, ("a1", "b1"): 2.0, ("a1", "b2"): 1.0,
                     ("a2", "b2"): 3.0}
    gnc = {(row["id"], row["measure"]): row["value"] for row in doc["rows"]}
    assert gnc[("a1", "gnc")] == 6.0 and gnc[("a2", "gnc")] == 6.0
    assert gnc[("b2", "gnc_share")] == 4.0 / 6.0
    assert gnc[("iso", "gnc")] == 0.0
    assert doc["summary"]["memberships"] == 5 and doc["summary"]["ties_ignored"] == 0
    # The saved projection is a bundle the other subcommands read.
    run("validate", str(out))
    again = run_json("centrality", str(out), "--measure", "strength")
    strength = {row["id"]: row["value"] for row in again["rows"]}
    assert strength["a1"] == 6.0


def test_project_methods_and_top(bundle):
    count = run_json("project", bundle)
    assert {(r["a"], r["b"]): r["weight"] for r in count["pairs"]}[("a1", "a2")] == 1.0
    newman = run_json("project", bundle, "--method", "newman")
    # union has 3 members: 1/2 per pair; club 2 members: 1.
    weights = {(r["a"], r["b"]): r["weight"] for r in newman["pairs"]}
    assert weights == {("a1", "a2"): 0.5, ("a1", "b1"): 1.0, ("a1", "b2"): 0.5,
                       ("a2", "b2"): 0.5}
    top = run_json("project", bundle, "--method", "newman", "--top", "1")
    assert [(r["a"], r["b"]) for r in top["pairs"]] == [("a1", "b1")]
    out = run("project", bundle, "--format", "markdown").stdout
    assert out.startswith("## Projection")


def test_project_errors(bundle):
    assert "no layer \"partner\"" in run("project", bundle, "--member-layers", "partner",
                                         status=1).stderr
    assert "two different node kinds" in run("project", bundle, "--through-kind", "city",
                                             status=1).stderr
    assert "unknown projection method" in run("project", bundle, "--method", "jaccard",
                                              status=2).stderr
