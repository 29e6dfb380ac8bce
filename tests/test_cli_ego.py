"""The ego-network commands (ego-net, holes, brokerage, between) on the
Istanbul bundle: exit statuses, JSON schemas, and numbers that must agree
across commands (meson suite 'cli'). The measures themselves are checked
in tests/test-ego.c and tests/crosscheck/crosscheck_ego.py."""

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest

CLI = os.environ.get("CITYNET_CLI")
ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT", Path(__file__).resolve().parents[1]))
BUNDLE = str(ROOT / "data" / "istanbul")

pytestmark = pytest.mark.skipif(not CLI, reason="CITYNET_CLI is not set")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})


def run_json(*args):
    result = run(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_ego_net_measures_and_members():
    doc = run_json("ego-net", BUNDLE, "--focus", "istanbul")
    assert doc["schema"] == "citynet.ego-net/1"
    row = doc["measures"][0]
    assert row["id"] == "istanbul"
    members = doc["members"]
    # Order 1 with alter ties: the ego and its alters.
    assert len(members) == row["size"] + 1
    assert sum(1 for m in members if m["ego"]) == 1
    assert doc["ego_network"]["vertices"] == len(members)
    assert row["pairs"] == row["size"] * (row["size"] - 1)
    assert row["broker"] == pytest.approx((row["pairs"] - row["ties"]) / 2)


def test_ego_net_all_matches_focus():
    focus = run_json("ego-net", BUNDLE, "--focus", "istanbul")["measures"][0]
    table = run("ego-net", BUNDLE, "--all", "--format", "csv")
    assert table.returncode == 0, table.stderr
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table.stdout))}
    for key in ("size", "ties", "density", "ego_betweenness", "two_step_reach"):
        assert float(rows["istanbul"][key]) == pytest.approx(focus[key], rel=1e-12)


def test_ego_net_export_graphml(tmp_path):
    path = tmp_path / "ego.graphml"
    result = run("ego-net", BUNDLE, "--focus", "istanbul", "--order", "1",
                 "--export", "graphml", "-o", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    graph = nx.read_graphml(path)
    members = run_json("ego-net", BUNDLE, "--focus", "istanbul")["members"]
    assert sorted(graph.nodes) == sorted(m["id"] for m in members)
    # Without alter ties every edge touches the ego.
    star = tmp_path / "star.graphml"
    assert run("ego-net", BUNDLE, "--focus", "istanbul", "--no-alter-ties",
               "--export", "graphml", "-o", str(star)).returncode == 0
    g = nx.read_graphml(star)
    assert all("istanbul" in edge for edge in g.edges())


def test_holes_efficiency_is_effective_size_over_contacts():
    doc = run_json("holes", BUNDLE, "--focus", "istanbul", "--top", "1")
    assert doc["schema"] == "citynet.holes/1"
    values = {r["measure"]: r["value"] for r in doc["rows"] if r["id"] == "istanbul"}
    contacts = run_json("ego-net", BUNDLE, "--focus", "istanbul")["measures"][0]["size"]
    assert values["efficiency"] == pytest.approx(values["effective_size"] / contacts,
                                                 rel=1e-12)
    ego = run_json("holes", BUNDLE, "--model", "ego", "--focus", "istanbul",
                   "--measure", "constraint")
    assert {r["measure"] for r in ego["rows"]} == {"ego_constraint"}


def test_brokerage_roles_sum_to_total():
    doc = run_json("brokerage", BUNDLE, "--by", "group:EU@2020", "--focus",
                   "istanbul", "--top", "1", "--permutations", "50", "--seed", "3")
    assert doc["schema"] == "citynet.brokerage/1"
    assert doc["options"]["permutations"] == 50
    rows = {r["role"]: r for r in doc["nodes"] if r["id"] == "istanbul"}
    parts = sum(rows[r]["count"] for r in
                ("coordinator", "consultant", "representative", "gatekeeper", "liaison"))
    assert parts == rows["total"]["count"]
    assert all(0 < r["perm_p"] <= 1 for r in rows.values())
    again = run_json("brokerage", BUNDLE, "--by", "group:EU@2020", "--focus",
                     "istanbul", "--top", "1", "--permutations", "50", "--seed", "3")
    assert again["nodes"] == doc["nodes"]


def test_between_normalised_share():
    doc = run_json("between", BUNDLE, "--sources", "group:EU@2020", "--targets",
                   "country:TUR,AZE", "--normalized", "--unweighted")
    assert doc["schema"] == "citynet.between/1"
    assert doc["options"]["source_nodes"] > 0 and doc["options"]["target_nodes"] > 0
    assert all(0 <= r["value"] <= 1 for r in doc["rows"])


@pytest.mark.parametrize("args, status", [
    (["holes", BUNDLE, "--model", "local"], 2),
    (["brokerage", BUNDLE], 2),
    (["brokerage", BUNDLE, "--by", "group:NOPE"], 1),
    (["brokerage", BUNDLE, "--by", "country", "--permutations", "-3"], 2),
    (["ego-net", BUNDLE], 2),
    (["ego-net", BUNDLE, "--focus", "istanbul", "--export", "svg", "-o", "x"], 2),
    (["ego-net", BUNDLE, "--focus", "istanbul", "--export", "graphml"], 2),
    (["ego-net", BUNDLE, "--all", "--focus", "istanbul"], 2),
    (["between", BUNDLE, "--sources", "country:TUR"], 2),
    (["between", BUNDLE, "--sources", "x:1", "--targets", "country:TUR"], 2),
    (["between", BUNDLE, "--sources", "country:ZZZ", "--targets", "country:TUR"], 1),
])
def test_errors(args, status):
    result = run(*args)
    assert result.returncode == status, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("citynet")


@pytest.mark.parametrize("command, option, value", [
    ("ego", "--groups", "EU,NATOO"),
    ("align", "--groups", "Nato"),
    ("align", "--strata", "Balkan"),
])
def test_unknown_group_is_an_error(command, option, value):
    # The library reads an unknown group as one nobody belongs to; on the
    # command line that is a typo, which must not silently give zeros. It
    # is reported like an unknown node (and like `figure --groups`).
    args = [command, BUNDLE, "--focus", "istanbul", option, value]
    if command == "align":
        args += ["--baseline", "turkey-government"]
    result = run(*args)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    bad = value.split(",")[-1]
    assert f"{option}: unknown group '{bad}' (the network has: " in result.stderr
    assert ", NATO," in result.stderr  # the known groups are listed
