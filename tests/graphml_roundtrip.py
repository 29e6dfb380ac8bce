#!/usr/bin/python3
"""GraphML round trip: what libcitynet writes, NetworkX and python-igraph
read back with the same nodes, edges and weights.

For each case a bundle is loaded and a view written as GraphML by the
write-graphml helper (tests/write-graphml.c); the file is read with
networkx.read_graphml and igraph.Graph.Read_GraphML and compared with the
view computed here, independently, from the bundle's CSV files using the
rule of docs/views.md (layers, kinds, the date window, direction, combine).
Weights must match exactly: both sides add a pair's ties in file order.

It always runs on a bundle generated into a temporary directory (special
characters, every date precision, parallel ties, isolates); the Istanbul
bundle (data/istanbul) is checked too when present, and skipped with a
message otherwise.

Usage: graphml_roundtrip.py WRITE_GRAPHML_EXECUTABLE
"""

import calendar
import collections
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import igraph  # noqa: E402  (python3-igraph, its own igraph core)
import networkx as nx  # noqa: E402

SOURCE_ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT",
                                  Path(__file__).resolve().parent.parent))
ISTANBUL = SOURCE_ROOT / "data" / "istanbul"

NODE_COLUMNS = {"id", "kind", "name", "country", "lat", "lon", "population"}
TIE_COLUMNS = {"source", "target", "layer", "weight", "directed", "start",
               "end", "ref"}


# ---------------------------------------------------------------------------
# The view rule, independently of the C code
# ---------------------------------------------------------------------------

def first_day(text):
    """First day a date covers, as a comparable tuple; None when open."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 1,
            parts[2] if len(parts) > 2 else 1)


def last_day(text):
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return (year, month, day)


def overlaps(start, end, window_from, window_to):
    lo = first_day(start) or (0, 0, 0)
    hi = last_day(end) or (9999, 99, 99)
    return lo <= (window_to or (9999, 99, 99)) and (window_from or (0, 0, 0)) <= hi


def parse_bool(text):
    return text.strip().lower() in ("true", "1", "yes")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def expected_view(bundle, opts):
    """Nodes (ids in order), directedness and edges of the view."""
    nodes = read_csv(bundle / "nodes.csv")
    ties = read_csv(bundle / "ties.csv")
    kinds = set(opts.get("kind", [])) or {n["kind"] for n in nodes}
    layers = set(opts.get("layer", [])) or {t["layer"] for t in ties}
    if "at" in opts:
        window = (first_day(opts["at"]), last_day(opts["at"]))
    else:
        window = (first_day(opts.get("from")), last_day(opts.get("to")))

    kept = {n["id"] for n in nodes if n["kind"] in kinds}
    selected = [t for t in ties
                if t["layer"] in layers and t["source"] in kept
                and t["target"] in kept
                and overlaps(t.get("start"), t.get("end"), *window)]
    if opts.get("drop-isolates"):
        touched = {t["source"] for t in selected} | {t["target"] for t in selected}
        kept &= touched
    vertex_ids = [n["id"] for n in nodes if n["id"] in kept]
    index = {node_id: i for i, node_id in enumerate(vertex_ids)}

    direction = opts.get("direction", "auto")
    directed = direction == "directed" or (
        direction == "auto" and any(parse_bool(t.get("directed", ""))
                                    for t in selected))
    arcs = []  # (from id, to id, tie) in tie order
    for t in selected:
        s, d = t["source"], t["target"]
        if not directed:
            a, b = sorted((s, d), key=index.get)
            arcs.append((a, b, t))
        else:
            arcs.append((s, d, t))
            if not parse_bool(t.get("directed", "")):
                arcs.append((d, s, t))

    combine = opts.get("combine", "sum")
    groups = collections.OrderedDict()
    for a, b, t in arcs:
        groups.setdefault((a, b), []).append(t)
    edges = []  # (from, to, weight, n_ties, tie or None)
    for (a, b), group in groups.items():
        weights = [float(t["weight"]) if t.get("weight") else 1.0 for t in group]
        if combine == "none":
            edges.extend((a, b, w, 1, t) for w, t in zip(weights, group))
            continue
        if combine == "sum":
            weight = 0.0
            for w in weights:  # file order, like the library
                weight += w
        elif combine == "max":
            weight = max(weights)
        else:
            weight = float(len(weights))
        edges.append((a, b, weight, len(group), group[0] if len(group) == 1 else None))
    return nodes, vertex_ids, directed, edges


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def edge_key(a, b, directed):
    return (a, b) if directed else frozenset((a, b))


def check_networkx(path, nodes, vertex_ids, directed, edges):
    graph = nx.read_graphml(path)
    check(graph.is_directed() == directed, "networkx: directedness differs")
    pairs = collections.Counter(edge_key(a, b, directed) for a, b, *_ in edges)
    multi = any(count > 1 for count in pairs.values())
    check(graph.is_multigraph() == multi,
          f"networkx: multigraph is {graph.is_multigraph()}, expected {multi}")
    check(list(graph.nodes) == vertex_ids, "networkx: node ids or order differ")

    by_id = {n["id"]: n for n in nodes}
    for node_id, data in graph.nodes(data=True):
        row = by_id[node_id]
        check(data.get("kind") == row["kind"], f"node {node_id!r}: kind")
        check(data.get("name") == (row.get("name") or node_id),
              f"node {node_id!r}: name {data.get('name')!r}")
        check(data.get("country") == (row.get("country") or None),
              f"node {node_id!r}: country")
        for column in ("lat", "lon", "population"):
            want = float(row[column]) if row.get(column) else None
            check(data.get(column) == want,
                  f"node {node_id!r}: {column} {data.get(column)!r} != {want!r}")
        for column, value in row.items():
            if column not in NODE_COLUMNS:
                check(data.get(column) == (value or None),
                      f"node {node_id!r}: attribute {column}")

    got = collections.Counter()
    for a, b, data in graph.edges(data=True):
        got[(edge_key(a, b, directed), data["weight"], data["n_ties"])] += 1
    want = collections.Counter((edge_key(a, b, directed), w, n)
                               for a, b, w, n, _ in edges)
    check(got == want, f"networkx: edges differ: missing {want - got}, "
                       f"unexpected {got - want}")

    # Single-tie edges carry the tie's fields (checked where unambiguous).
    if not multi:
        for a, b, weight, n, tie in edges:
            data = graph.edges[a, b]
            if tie is None:
                check("layer" not in data, f"edge {a}-{b}: layer on a combined edge")
                continue
            check(data.get("layer") == tie["layer"], f"edge {a}-{b}: layer")
            check(data.get("directed") == parse_bool(tie.get("directed", "")),
                  f"edge {a}-{b}: directed")
            for column in ("start", "end", "ref"):
                check(data.get(column) == (tie.get(column) or None),
                      f"edge {a}-{b}: {column} {data.get(column)!r}")
            for column, value in tie.items():
                if column not in TIE_COLUMNS:
                    check(data.get(column) == (value or None),
                          f"edge {a}-{b}: attribute {column}")


def check_igraph(path, vertex_ids, directed, edges):
    graph = igraph.Graph.Read_GraphML(str(path))
    check(graph.is_directed() == directed, "igraph: directedness differs")
    # igraph 0.10.2's reader hands XML attribute values (the node ids) over
    # without resolving the predefined entity &amp;, which libxml2 reports
    # as "&#38;"; element text (the <data> values) is fine. NetworkX reads
    # the same ids correctly, so this is the reader's quirk: undo it here.
    ids = [i.replace("&#38;", "&") for i in graph.vs["id"]] if graph.vcount() else []
    check(ids == vertex_ids, "igraph: node ids or order differ")
    got = collections.Counter(
        (edge_key(ids[e.source], ids[e.target], directed), e["weight"])
        for e in graph.es)
    want = collections.Counter((edge_key(a, b, directed), w)
                               for a, b, w, *_ in edges)
    check(got == want, f"igraph: edges differ: missing {want - got}, "
                       f"unexpected {got - want}")


def run_case(helper, bundle, opts, workdir, label):
    out = Path(workdir) / "view.graphml"
    if out.exists():
        out.unlink()
    args = [helper, str(bundle), str(out)]
    for key, value in opts.items():
        if isinstance(value, list):
            for item in value:
                args += [f"--{key}", item]
        elif value is True:
            args.append(f"--{key}")
        else:
            args += [f"--{key}", value]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise Failure(f"write-graphml failed: {result.stderr.strip()}")
    # Written atomically: the target and nothing else.
    check(sorted(os.listdir(workdir)) == ["view.graphml"],
          f"stray files next to the output: {os.listdir(workdir)}")
    nodes, vertex_ids, directed, edges = expected_view(Path(bundle), opts)
    check_networkx(out, nodes, vertex_ids, directed, edges)
    check_igraph(out, vertex_ids, directed, edges)
    print(f"ok - {label}: {len(vertex_ids)} nodes, {len(edges)} edges, "
          f"{'directed' if directed else 'undirected'}")


# ---------------------------------------------------------------------------
# The generated bundle
# ---------------------------------------------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def random_date(rng):
    year = rng.randint(2010, 2023)
    precision = rng.choice(["year", "month", "day"])
    if precision == "year":
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def make_bundle(directory):
    rng = random.Random(20240601)
    write_csv(directory / "countries.csv", ["iso3", "name"],
              [["TUR", "Türkiye"], ["DEU", "Germany"], ["GBR", "United Kingdom"],
               ["FRA", "France"]])
    write_csv(directory / "country_groups.csv", ["iso3", "group", "start", "end", "ref"],
              [["GBR", "EU", "1973-01-01", "2020-01-31", "treaty"],
               ["DEU", "EU", "1958", "", ""], ["FRA", "EU", "1958", "", ""],
               ["TUR", "NATO", "1952-02-18", "", ""]])

    special = ["a&b", "say \"hi\"", "<tag>", "zürich", "o'brien", "comma,id",
               "İstanbul", "tab-free id"]
    ids = special + [f"n{i}" for i in range(30)]
    node_rows = []
    for i, node_id in enumerate(ids):
        kind = ["city", "city", "organisation", "government"][i % 4]
        country = "" if kind == "organisation" else rng.choice(["TUR", "DEU", "GBR", "FRA"])
        name = "" if i % 5 == 0 else f"Name <{i}> & \"co\""
        lat = repr(round(rng.uniform(-90, 90), 4)) if i % 3 else ""
        lon = repr(round(rng.uniform(-180, 180), 4)) if i % 3 else ""
        population = str(rng.randint(1000, 10 ** 7)) if i % 2 else ""
        mayor = f"mayor {i}" if i % 4 == 1 else ""
        node_rows.append([node_id, kind, name, country, lat, lon, population, mayor])
    write_csv(directory / "nodes.csv",
              ["id", "kind", "name", "country", "lat", "lon", "population", "mayor"],
              node_rows)

    # The last four nodes stay isolated.
    active = ids[:-4]
    weights = ["1", "0.1", "0.2", "0.3", repr(1 / 3), "2.5", "1e-3", "7", ""]
    tie_rows = []
    for i in range(260):
        source, target = rng.sample(active, 2)
        start = random_date(rng) if rng.random() < 0.7 else ""
        end = ""
        if rng.random() < 0.5:
            end = random_date(rng)
            if start and last_day(end) < first_day(start):
                start, end = end, start
            if start and last_day(end) < first_day(start):
                end = ""
        tie_rows.append([source, target, rng.choice(["sister", "visit", "aid", "member"]),
                         rng.choice(weights), rng.choice(["true", "false", "", "1", "0", "no"]),
                         start, end, rng.choice(["", "ref & <1>", "thesis §4"]),
                         rng.choice(["", "culture", "transport, roads"])])
    # Explicit parallel ties in one layer and across layers.
    for layer, weight in (("sister", "0.1"), ("sister", "0.2"), ("visit", "0.7")):
        tie_rows.append(["a&b", "<tag>", layer, weight, "false", "2019", "2019", "", ""])
    write_csv(directory / "ties.csv",
              ["source", "target", "layer", "weight", "directed", "start", "end",
               "ref", "topic"], tie_rows)


GENERATED_CASES = [
    ("default", {}),
    ("undirected sum", {"direction": "undirected"}),
    ("directed max", {"direction": "directed", "combine": "max"}),
    ("count", {"combine": "count", "direction": "undirected"}),
    ("undirected none", {"direction": "undirected", "combine": "none"}),
    ("directed none", {"direction": "directed", "combine": "none"}),
    ("layers and period", {"layer": ["sister", "visit"], "from": "2015", "to": "2020-06"}),
    ("at 2019", {"at": "2019", "direction": "undirected"}),
    ("cities without isolates", {"kind": ["city"], "drop-isolates": True}),
    ("open-ended period, none", {"from": "2021-03-15", "combine": "none"}),
    ("only sister, undirected", {"layer": ["sister"], "direction": "undirected"}),
]


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    helper = sys.argv[1]
    failures = 0
    workdir = tempfile.mkdtemp(prefix="citynet-graphml-")
    try:
        bundle = Path(workdir) / "bundle"
        bundle.mkdir()
        make_bundle(bundle)
        outdir = Path(workdir) / "out"
        outdir.mkdir()
        cases = [("generated " + label, bundle, opts) for label, opts in GENERATED_CASES]
        if (ISTANBUL / "ties.csv").exists():
            counts = collections.Counter(t["layer"] for t in read_csv(ISTANBUL / "ties.csv"))
            busiest = counts.most_common(1)[0][0]
            cases += [
                ("istanbul default", ISTANBUL, {}),
                ("istanbul undirected none", ISTANBUL,
                 {"direction": "undirected", "combine": "none"}),
                ("istanbul directed", ISTANBUL, {"direction": "directed"}),
                (f"istanbul {busiest} since 2019", ISTANBUL,
                 {"from": "2019", "layer": [busiest]}),
                ("istanbul at 2020", ISTANBUL, {"at": "2020"}),
            ]
        else:
            print(f"# SKIP istanbul cases: {ISTANBUL} is absent")
        for label, path, opts in cases:
            try:
                run_case(helper, path, opts, outdir, label)
            except Failure as failure:
                failures += 1
                print(f"not ok - {label}: {failure}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
