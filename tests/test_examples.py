"""The example programs of examples/ run and print the values the data
imply: shares recounted here from the CSV files (tests/test_cli.py's
recount()), degrees and two-paths recounted from the CSV files, and the
world twinning network recounted from the bundle `citynet import` makes of
the same list, with NetworkX's assortativity as the reference.

Run by meson (suite cli); CITYNET_EXAMPLES_DIR names the built examples.
"""

import csv
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_cli import ISTANBUL, SOURCE_ROOT, read_rows, recount  # noqa: E402

EXAMPLES = Path(os.environ.get("CITYNET_EXAMPLES_DIR", SOURCE_ROOT / "build" / "examples"))
CLI = os.environ.get("CITYNET_CLI")
SHARED = Path(os.environ.get("CITYNET_SHARED_DATA", SOURCE_ROOT / ".." / "shared" / "data"))
TWINS = SHARED / "hekman-twincities" / "twin_cities_geocoded.csv"
ORGS = SHARED / "country-orgs-dieghernan" / "CountrycodesOrgs.csv"
BLOCS = ("EU", "NATO", "OTS", "OIC")


def run_example(name, *args):
    program = EXAMPLES / name
    if not program.exists():
        pytest.skip(f"{program} is not built")
    result = subprocess.run([str(program), *map(str, args)], capture_output=True,
                            text=True, encoding="utf-8", timeout=300,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def need_istanbul():
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")


def bloc_shares(focus, date_from, date_to):
    """Share of the focus's ties per bloc, recounted from the CSV files."""
    _, totals, counted = recount(ISTANBUL, focus, date_from, date_to)
    return ({bloc: sum(bloc in tie["groups"] for tie in counted) / totals["ties"]
             for bloc in BLOCS}, totals["ties"])


def parse_comparisons(text):
    """{title: {bloc: (share, baseline, difference, p-or-None)}} and the
    baseline tie counts, from istanbul_position's output."""
    sections, counts = {}, {}
    current = None
    for line in text.splitlines():
        match = re.match(r"against (.*) \((\d+) ties; Istanbul: (\d+)\)", line)
        if match:
            current = match.group(1)
            sections[current] = {}
            counts[current] = (int(match.group(2)), int(match.group(3)))
            continue
        fields = line.split()
        if current and fields and fields[0] in BLOCS:
            values = [float(v) for v in fields[1:]]
            sections[current][fields[0]] = tuple(values) + (None,) * (4 - len(values))
    return sections, counts


def check_position(text):
    sections, counts = parse_comparisons(text)
    focus, n_focus = bloc_shares("istanbul", "2019-06-23", "2024-03-31")
    national, n_national = bloc_shares("turkey-government", "2019-06-23", "2024-03-31")
    before, n_before = bloc_shares("istanbul", "", "2019-06-22")
    expected = {"the national government, same period": (national, n_national),
                "Istanbul up to 2019-06-22": (before, n_before)}
    assert set(sections) == set(expected)
    for title, (baseline, n_baseline) in expected.items():
        assert counts[title] == (n_baseline, n_focus)
        for bloc in BLOCS:
            share, base, difference, p = sections[title][bloc]
            assert share == pytest.approx(focus[bloc], abs=5e-4)
            assert base == pytest.approx(baseline[bloc], abs=5e-4)
            assert difference == pytest.approx(focus[bloc] - baseline[bloc], abs=1e-3)
            if p is not None:
                assert 0 < p <= 1
    return sections


def test_istanbul_position():
    need_istanbul()
    text = run_example("istanbul_position", ISTANBUL)
    sections = check_position(text)
    # The thesis' claim in numbers: against the national government the EU
    # and NATO shares are higher (significant at 5% with the fixed seed),
    # against Istanbul before 2019 no bloc share differs significantly.
    national = sections["the national government, same period"]
    assert national["EU"][2] > 0 and national["EU"][3] < 0.05
    assert national["NATO"][2] > 0 and national["NATO"][3] < 0.05
    assert all(row[3] > 0.05 for row in sections["Istanbul up to 2019-06-22"].values())
    # Seeded: the same output twice.
    assert run_example("istanbul_position", ISTANBUL) == text


def test_istanbul_position_python():
    need_istanbul()
    script = SOURCE_ROOT / "examples" / "python" / "istanbul_position.py"
    found = any((Path(p) / "citynet" / "__init__.py").exists()
                for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
    if not found:
        pytest.skip("the citynet Python binding is not built (PYTHONPATH)")
    env = dict(os.environ)
    if os.environ.get("CITYNET_ASAN_PRELOAD"):
        # A sanitized build: the extension needs the ASan runtime loaded
        # first, and CPython's own allocations at exit are not ours.
        env["LD_PRELOAD"] = os.environ["CITYNET_ASAN_PRELOAD"]
        env["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=1"
    result = subprocess.run([sys.executable, str(script), str(ISTANBUL)],
                            capture_output=True, text=True, encoding="utf-8",
                            timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    check_position(result.stdout)
    # The same shares as the C version.
    c_sections, _ = parse_comparisons(run_example("istanbul_position", ISTANBUL))
    py_sections, _ = parse_comparisons(result.stdout)
    for title, rows in py_sections.items():
        for bloc, values in rows.items():
            assert values[:3] == c_sections[title][bloc][:3]


def b40_graph():
    """The B40 ego network from the CSV files: b40, every node tied to it,
    and every tie among them, undirected and combined."""
    ties = read_rows(ISTANBUL / "ties.csv")
    members = {t["target"] if t["source"] == "b40" else t["source"]
               for t in ties if "b40" in (t["source"], t["target"])}
    nodes = members | {"b40"}
    edges = {frozenset((t["source"], t["target"])) for t in ties
             if t["source"] in nodes and t["target"] in nodes}
    return nodes, edges


def test_b40_network():
    need_istanbul()
    text = run_example("b40_network", ISTANBUL)
    nodes, edges = b40_graph()
    assert f"B40 network: {len(nodes)} nodes, {len(edges)} ties among them" in text
    degree = {n: sum(n in e for e in edges) for n in nodes}
    names = {r["id"]: r["name"] for r in read_rows(ISTANBUL / "nodes.csv")}
    block = text.split("degree (top 5)")[1].split("\n\n")[0]
    printed = [line.split()[-1] for line in block.strip().splitlines()
               if re.match(r"\s*\d+\s", line)]
    want = sorted(degree.values(), reverse=True)[:5]
    assert [float(v) for v in printed] == want
    rank = 1 + sum(d > degree["istanbul"] for d in degree.values())
    assert f"Istanbul: rank {rank} of {len(nodes)}" in block
    assert names["b40"] in block
    # Every open two-path a - Istanbul - b counts twice on an undirected
    # view; the five roles add up to all of them.
    neighbours = {m for e in edges if "istanbul" in e for m in e if m != "istanbul"}
    open_paths = sum(1 for a in neighbours for b in neighbours
                     if a != b and frozenset((a, b)) not in edges)
    total = re.search(r"^\s+total\s+(\d+)", text, re.M)
    assert total and int(total.group(1)) == open_paths
    roles = re.findall(r"^\s+(coordinator|consultant|representative|gatekeeper|liaison)"
                       r"\s+(\d+)", text, re.M)
    assert len(roles) == 5 and sum(int(c) for _, c in roles) == open_paths


def test_world_twinning():
    if not TWINS.exists() or not ORGS.exists():
        pytest.skip(f"{TWINS} or {ORGS} is absent (../shared/data not here)")
    if CLI is None:
        pytest.skip("CITYNET_CLI is not set")
    text = run_example("world_twinning", TWINS, ORGS)
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "twins"
        result = subprocess.run([CLI, "import", "pairs", str(TWINS), "-o", str(bundle)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        nodes = {r["id"]: r for r in read_rows(bundle / "nodes.csv")}
        pairs = {frozenset((r["source"], r["target"])) for r in read_rows(bundle / "ties.csv")}
    assert f"imported {len(nodes)} cities and {len(pairs)} twinnings" in text

    degree = {}
    for pair in pairs:
        for node in pair:
            degree[node] = degree.get(node, 0) + 1
    block = text.split("cities with the most sister cities")[1].split("\n\n")[0]
    printed = [(line.split()[1], int(float(line.split()[-1])))
               for line in block.strip().splitlines()]
    assert [d for _, d in printed] == sorted(degree.values(), reverse=True)[:10]
    for node, value in printed:
        assert degree[node] == value

    # Blocs from the organisation table, first match in the example's
    # order, and NetworkX's assortativity as the reference.
    blocs = ("EU", "NATO", "OIC", "ASEAN", "AU")
    members = {}
    with open(ORGS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["org_member"] == "member" and row["org_id"] in blocs:
                members.setdefault(row["ISO_3166_3"], set()).add(row["org_id"])
    nx = pytest.importorskip("networkx")
    graph = nx.Graph()
    for node, row in nodes.items():
        groups = members.get(row.get("country", ""), set())
        label = next((b for b in blocs if b in groups), "other")
        graph.add_node(node, bloc=label)
    graph.add_edges_from(tuple(pair) for pair in pairs)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    want = nx.attribute_assortativity_coefficient(graph, "bloc")
    got = float(re.search(r"all\s+r =\s+(-?[\d.]+)", text).group(1))
    assert got == pytest.approx(want, abs=1e-4)


def test_quickstart_totals():
    need_istanbul()
    text = run_example("quickstart", ISTANBUL, "istanbul", "2019-06-23", "2024-03-31")
    _, totals, _ = recount(ISTANBUL, "istanbul", "2019-06-23", "2024-03-31")
    assert f"{totals['ties']} ties with {totals['partners']} partners" in text.splitlines()[0]
