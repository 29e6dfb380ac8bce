#!/usr/bin/python3
"""Cross-check of libcitynet's ego-network module against independent
implementations (meson suite 'crosscheck').

    crosscheck_ego.py EGO_DUMP [--cli CITYNET] [--only generated|real]
                      [--sample N | --slow] [-v]

EGO_DUMP is tests/crosscheck/ego-dump (built by meson): it loads a bundle,
builds a view, prints the view's graph and then the values of every spec fed
to it. This script writes bundles (generated graphs with countries, a group,
dyadic or continuous weights, directed ties and isolates; and the Wikipedia
sister-city network imported with `citynet import pairs`), rebuilds the
dumped graph in Python and compares, node by node:

  * Burt's effective size, efficiency, constraint and hierarchy, whole
    network and ego-network models, weighted and not, with NetworkX's
    constraint(), effective_size() and local_constraint() (efficiency and
    hierarchy derived from them as docs/ego.md defines), at 1e-9;
  * UCINET's ego-network measures with a plain reimplementation here
    (NetworkX only for shortest paths, components and betweenness);
  * Gould-Fernandez brokerage counts, expectations, standard deviations and
    z-scores, per node and global, with R's sna brokerage() (when Rscript
    and sna are installed; otherwise skipped with a message), and the counts
    with a brute-force count here; reproducibility of the permutations;
  * bloc-to-bloc betweenness with a brute-force count over all shortest
    paths (small graphs) and NetworkX's betweenness_centrality_subset();
  * ego network extraction with NetworkX's ego_graph() and, without alter
    ties, with the edges between consecutive distance layers.

On the real network the NetworkX and plain-Python comparisons cover the
20 vertices with most contacts and a fixed random sample (--sample N in
all, default 400), and bloc betweenness starts from 200 of the German
cities: NetworkX needs O(d^3) per node for the holes and one Dijkstra per
source, which took over an hour for everything. --slow (or
CITYNET_CROSSCHECK_SLOW=1) compares every vertex. Brokerage (against sna
and brute force) and bloc betweenness are compared on every vertex always.

Exit status 0 when every check passed, 1 otherwise; 77 (skip) with
--only real when ../shared/data is absent.
"""

import argparse
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import warnings  # noqa: E402

warnings.filterwarnings("ignore", category=FutureWarning)

import networkx as nx  # noqa: E402

REL = 1e-9
SOURCE_ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT",
                                  Path(__file__).resolve().parents[2]))
SHARED_DATA = Path(os.environ.get("CITYNET_SHARED_DATA",
                                  SOURCE_ROOT.parent / "shared" / "data"))

ROLES = ["coordinator", "consultant", "representative", "gatekeeper",
         "liaison", "total"]
EGO_MEASURES = ["size", "ties", "pairs", "density", "avg_distance",
                "diameter", "weak_components", "weak_components_share",
                "two_step_reach", "broker", "broker_share", "ego_betweenness",
                "ego_betweenness_share"]


# ---------------------------------------------------------------------------
# Bundles
# ---------------------------------------------------------------------------

def write_bundle(directory, nodes, ties, countries, groups):
    """nodes: (id, iso3); ties: (source, target, weight text, directed);
    countries: iso3 list; groups: (iso3, group)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "country"])
        for node_id, iso3 in nodes:
            w.writerow([node_id, "city", node_id.upper(), iso3])
    with open(directory / "ties.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "layer", "weight", "directed",
                    "start", "end", "ref"])
        for s, t, weight, directed in ties:
            w.writerow([s, t, "sister", weight, "true" if directed else "false",
                        "", "", ""])
    with open(directory / "countries.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["iso3", "name"])
        for iso3 in countries:
            w.writerow([iso3, iso3])
    with open(directory / "country_groups.csv", "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["iso3", "group", "start", "end", "ref"])
        for iso3, group in groups:
            w.writerow([iso3, group, "", "", ""])
    return directory


COUNTRIES = ["TUR", "GRC", "DEU", "AZE", "FRA"]
GROUPS = [("GRC", "EU"), ("DEU", "EU"), ("FRA", "EU"), ("TUR", "OTS"),
          ("AZE", "OTS")]


def generate(seed, n, p_in, p_out, directed_share, dyadic, isolates=2):
    """Blocs by country, denser inside; dyadic weights keep every path
    length exact so tied geodesics tie exactly everywhere."""
    rng = random.Random(seed)
    ids = [f"n{seed}-{i}" for i in range(n + isolates)]
    country = [COUNTRIES[i % len(COUNTRIES)] for i in range(n + isolates)]
    ties, seen = [], set()
    for i in range(n):
        for j in range(i + 1, n):
            p = p_in if country[i] == country[j] else p_out
            if rng.random() >= p:
                continue
            seen.add((i, j))
            directed = rng.random() < directed_share
            s, t = (i, j) if rng.random() < 0.5 else (j, i)
            w = rng.choice(["0.5", "1", "2", "4"]) if dyadic \
                else f"{rng.uniform(0.2, 5.0):.6f}"
            ties.append((ids[s], ids[t], w, directed))
            # Some reciprocated directed pairs.
            if directed and rng.random() < 0.3:
                ties.append((ids[t], ids[s], w, True))
    nodes = list(zip(ids, country))
    return nodes, ties


def import_twin_cities(cli, directory):
    source = SHARED_DATA / "hekman-twincities" / "twin_cities_geocoded.csv"
    result = subprocess.run([cli, "import", "pairs", str(source), "-o",
                             str(directory)], capture_output=True, text=True,
                            timeout=900)
    if result.returncode != 0:
        raise RuntimeError("citynet import pairs failed: " + result.stderr)
    return directory


# ---------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------

def run_driver(driver, bundle, specs, view_args):
    text = "\n".join(specs) + "\n"
    result = subprocess.run([driver, str(bundle), *view_args], input=text,
                            capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        raise RuntimeError(f"ego-dump failed: {result.stderr}")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return lines[0], {line["spec"]: line for line in lines[1:]}


class Graph:
    """The dumped view: ids, directedness, edges (from, to, weight)."""

    def __init__(self, header):
        self.ids = header["vertices"]
        self.directed = header["directed"]
        self.edges = [(a, b, w) for a, b, w in header["edges"]]
        self.n = len(self.ids)
        g = nx.DiGraph() if self.directed else nx.Graph()
        g.add_nodes_from(range(self.n))
        for a, b, w in self.edges:
            if g.has_edge(a, b):  # only with combine=none; not used here
                g[a][b]["weight"] += w
            else:
                g.add_edge(a, b, weight=w)
        self.g = g
        self.und = g.to_undirected() if self.directed else g

    def neighbours(self, v, mode):
        """The alters of v: successors (out), predecessors (in) or both."""
        if not self.directed:
            return set(self.g.neighbors(v))
        if mode == "out":
            return set(self.g.successors(v))
        if mode == "in":
            return set(self.g.predecessors(v))
        return set(self.g.successors(v)) | set(self.g.predecessors(v))


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

class Checker:
    def __init__(self, verbose):
        self.verbose = verbose
        self.failures = 0
        self.checks = 0

    def close(self, a, b, rel=REL):
        if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
            return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
        if isinstance(a, float) and math.isnan(a):
            return False
        if math.isinf(b) or math.isinf(a):
            return a == b
        return abs(a - b) <= rel * max(1.0, abs(b))

    def compare(self, case, label, ours, expected, names=None, rel=REL):
        self.checks += 1
        bad = [i for i in range(len(expected)) if not self.close(ours[i], expected[i], rel)]
        if len(ours) != len(expected):
            bad = ["length"]
        if bad:
            self.failures += 1
            i = bad[0]
            where = names[i] if names and i != "length" else i
            print(f"FAIL {case}: {label}: {len(bad)} differ; first at {where}: "
                  f"ours {ours[i] if i != 'length' else len(ours)} expected "
                  f"{expected[i] if i != 'length' else len(expected)}")
        elif self.verbose:
            print(f"ok   {case}: {label} ({len(expected)} values)")

    def require(self, case, label, condition, detail=""):
        self.checks += 1
        if not condition:
            self.failures += 1
            print(f"FAIL {case}: {label} {detail}")
        elif self.verbose:
            print(f"ok   {case}: {label}")


def num(x):
    return float("nan") if x is None else float(x)


# ---------------------------------------------------------------------------
# Structural holes against NetworkX
# ---------------------------------------------------------------------------

def nx_holes(g, nodes, weight):
    """NetworkX's measures on g for nodes, plus efficiency and hierarchy
    derived from them.

    NetworkX 2.8 treats a vertex of a DiGraph without successors as an
    isolate (its test is len(G[v]) == 0) and returns NaN even when the
    vertex has predecessors. Every measure depends only on mutual weights
    a_ij + a_ji, which reversing the graph leaves unchanged, so for those
    vertices the expected values are NetworkX's on the reversed graph."""
    es = nx.effective_size(g, nodes, weight=weight)
    c = nx.constraint(g, nodes, weight=weight)
    if g.is_directed():
        sinks = [v for v in nodes if g.out_degree(v) == 0 and g.in_degree(v) > 0]
        if sinks:
            r = g.reverse(copy=True)
            es.update(nx.effective_size(r, sinks, weight=weight))
            c.update(nx.constraint(r, sinks, weight=weight))
    out = {"effective_size": [], "efficiency": [], "constraint": [],
           "hierarchy": []}
    for v in nodes:
        nbrs = set(nx.all_neighbors(g, v)) if g.is_directed() else set(g[v])
        k = len(nbrs)
        out["effective_size"].append(es[v])
        out["constraint"].append(c[v])
        out["efficiency"].append(es[v] / k if k else float("nan"))
        if k < 2:
            out["hierarchy"].append(float("nan"))
            continue
        local = [nx.local_constraint(g, v, j, weight=weight) for j in nbrs]
        mean = sum(local) / k
        out["hierarchy"].append(sum((x / mean) * math.log(x / mean) for x in local)
                                / (k * math.log(k)))
    return out


def check_holes(checker, case, graph, results, nodes):
    """Compares the vertices @nodes (every vertex, or a sample on the real
    network: NetworkX needs O(d^3) per node)."""
    names = [graph.ids[v] for v in nodes]
    for weighted in (1, 0):
        weight = "weight" if weighted else None
        ours = results[f"holes model=whole weighted={weighted}"]["measures"]
        theirs = nx_holes(graph.g, nodes, weight)
        for m in ("effective_size", "efficiency", "constraint", "hierarchy"):
            checker.compare(case, f"{m} whole weighted={weighted} vs NetworkX",
                            [num(ours[m][v]) for v in nodes], theirs[m], names)
        # Ego model: NetworkX on each ego's network (ego, alters, alter
        # ties), alters in either direction.
        ours = results[f"holes model=ego weighted={weighted}"]["measures"]
        expected = {m: [] for m in theirs}
        for v in nodes:
            members = {v} | graph.neighbours(v, "all")
            sub = graph.g.subgraph(members)
            values = nx_holes(sub, [v], weight)
            for m in expected:
                expected[m].append(values[m][0])
        for m in expected:
            checker.compare(case, f"{m} ego weighted={weighted} vs NetworkX on ego_graph",
                            [num(ours[m][v]) for v in nodes], expected[m], names)


# ---------------------------------------------------------------------------
# Ego-network measures against a plain reimplementation
# ---------------------------------------------------------------------------

def plain_ego_measures(graph, v, mode):
    g = graph.g
    alters = sorted(graph.neighbours(v, mode))
    n = len(alters)
    sub = g.subgraph(alters)
    # UCINET counts ordered pairs; an undirected tie counts both ways.
    ties = sub.number_of_edges() * (1 if graph.directed else 2)
    pairs = n * (n - 1)
    nan = float("nan")
    density = ties / pairs if n >= 2 else nan
    # Distances among alters without the ego; undefined unless every
    # ordered pair is connected.
    avg = diameter = nan
    if n >= 2:
        lengths = dict(nx.all_pairs_shortest_path_length(sub))
        reached = [lengths[a][b] for a in alters for b in alters
                   if a != b and b in lengths[a]]
        if len(reached) == pairs:
            avg = sum(reached) / pairs
            diameter = float(max(reached))
    if graph.directed:
        comps = nx.number_weakly_connected_components(sub) if n else 0
    else:
        comps = nx.number_connected_components(sub) if n else 0
    # Two-step reach along the mode.
    if graph.directed and mode == "in":
        walk = g.reverse(copy=False)
    elif graph.directed and mode == "out":
        walk = g
    else:
        walk = graph.und
    within = nx.single_source_shortest_path_length(walk, v, cutoff=2)
    reach = (len(within) - 1) / (graph.n - 1) if graph.n > 1 else nan
    broker = (pairs - ties) / 2
    ego_net = g.subgraph(alters + [v])
    between = nx.betweenness_centrality(ego_net, normalized=False)[v]
    most = pairs if graph.directed else pairs / 2
    return [n, ties, pairs, density, avg, diameter, comps,
            comps / n if n else nan, reach, broker,
            broker / pairs if n >= 2 else nan, between,
            between / most if n >= 2 else nan]


def check_ego_measures(checker, case, graph, results, nodes):
    modes = ("all", "out", "in") if graph.directed else ("all",)
    names = [graph.ids[v] for v in nodes]
    for mode in modes:
        ours = results[f"ego mode={mode}"]["measures"]
        rows = [plain_ego_measures(graph, v, mode) for v in nodes]
        for k, name in enumerate(EGO_MEASURES):
            checker.compare(case, f"ego {name} mode={mode} vs plain Python",
                            [num(ours[name][v]) for v in nodes], [r[k] for r in rows],
                            names, rel=1e-12)


# ---------------------------------------------------------------------------
# Ego network extraction against NetworkX
# ---------------------------------------------------------------------------

def check_egoview(checker, case, graph, results, focus, order, mode):
    v = graph.ids.index(focus)
    undirected = mode == "all" or not graph.directed
    walk = graph.g if not (graph.directed and mode == "in") else graph.g.reverse(copy=False)
    if undirected:
        walk = graph.und
    dist = nx.single_source_shortest_path_length(walk, v, cutoff=order)
    members = sorted(dist)
    for alter in (1, 0):
        got = results[f"egoview focus={focus} order={order} mode={mode} alter={alter}"]
        label = f"egoview {focus} order={order} mode={mode} alter={alter}"
        checker.require(case, label + " vertices",
                        got["vertices"] == [graph.ids[u] for u in members],
                        f"{got['vertices'][:5]}...")
        if alter:
            ego = nx.ego_graph(graph.g, v, radius=order, undirected=undirected)
            if graph.directed and mode == "in":
                ego = graph.g.subgraph(members)
            expected = sorted((graph.ids[a], graph.ids[b]) for a, b in ego.edges())
        else:
            def keep(a, b):
                if graph.directed and mode == "out":
                    return dist[b] == dist[a] + 1
                if graph.directed and mode == "in":
                    return dist[a] == dist[b] + 1
                return abs(dist[a] - dist[b]) == 1
            expected = sorted((graph.ids[a], graph.ids[b])
                              for a, b in graph.g.subgraph(members).edges()
                              if keep(a, b))
        ids = got["vertices"]
        edges = sorted((ids[a], ids[b]) for a, b, _ in got["edges"])
        if not graph.directed:
            edges = sorted(tuple(sorted(e)) for e in edges)
            expected = sorted(tuple(sorted(e)) for e in expected)
        checker.require(case, label + " edges", edges == expected,
                        f"({len(edges)} vs {len(expected)})")


# ---------------------------------------------------------------------------
# Brokerage against R's sna and a brute-force count
# ---------------------------------------------------------------------------

R_SCRIPT = r"""
suppressMessages(library(sna))
args <- commandArgs(TRUE)
N <- as.integer(args[2])
el <- as.matrix(read.table(args[1]))
g <- cbind(el, rep(1, NROW(el)))
attr(g, "n") <- N
cl <- scan(args[3], quiet = TRUE)
b <- brokerage(g, cl)
w <- function(name, m) write.table(format(m, digits = 17), file = file.path(args[4], name),
                                   row.names = FALSE, col.names = FALSE, quote = FALSE)
w("raw", b$raw.nli); w("exp", b$exp.nli); w("sd", b$sd.nli); w("z", b$z.nli)
w("graw", t(b$raw.gli)); w("gexp", t(b$exp.gli)); w("gsd", t(b$sd.gli)); w("gz", t(b$z.gli))
"""


def have_sna():
    if shutil.which("Rscript") is None:
        return False
    r = subprocess.run(["Rscript", "-e", "library(sna)"], capture_output=True,
                       timeout=120)
    return r.returncode == 0


def arcs_of(graph, directed):
    arcs = set()
    for a, b, _ in graph.edges:
        arcs.add((a, b))
        if not graph.directed or not directed:
            arcs.add((b, a))
    return sorted(arcs)


def sna_brokerage(graph, labels, directed, workdir):
    """sna's brokerage() on the graph read as the library reads it."""
    workdir.mkdir(parents=True, exist_ok=True)
    arcs = arcs_of(graph, directed)
    with open(workdir / "el.txt", "w") as f:
        for a, b in arcs:
            f.write(f"{a + 1} {b + 1}\n")
    with open(workdir / "cl.txt", "w") as f:
        f.write("\n".join(str(x) for x in labels) + "\n")
    (workdir / "brokerage.R").write_text(R_SCRIPT)
    r = subprocess.run(["Rscript", str(workdir / "brokerage.R"), str(workdir / "el.txt"),
                        str(graph.n), str(workdir / "cl.txt"), str(workdir)],
                       capture_output=True, text=True, timeout=3600)
    if r.returncode != 0:
        raise RuntimeError("Rscript failed: " + r.stderr)

    def read(name):
        rows = []
        for line in (workdir / name).read_text().split("\n"):
            if line.strip():
                rows.append([float(x) for x in line.split()])
        return rows
    return {k: read(k) for k in ("raw", "exp", "sd", "z", "graw", "gexp", "gsd", "gz")}


def brute_brokerage(graph, labels, directed):
    arcs = set(arcs_of(graph, directed))
    out = {}
    for a, b in arcs:
        out.setdefault(a, []).append(b)
    counts = [[0] * 6 for _ in range(graph.n)]
    for a in range(graph.n):
        for v in out.get(a, []):
            for b in out.get(v, []):
                if b == a or (a, b) in arcs:
                    continue
                la, lv, lb = labels[a], labels[v], labels[b]
                if la == lv:
                    r = 0 if lv == lb else 2
                elif lv == lb:
                    r = 3
                elif la == lb:
                    r = 1
                else:
                    r = 4
                counts[v][r] += 1
                counts[v][5] += 1
    return counts


def check_brokerage(checker, case, graph, results, sna, workdir, by):
    for directed in ((1, 0) if graph.directed else (1,)):
        spec = f"brokerage by={by} directed={directed} permutations=0 seed=1"
        got = results[spec]
        labels = got["labels"]
        stats = got["stats"]
        counts = brute_brokerage(graph, labels, directed)
        for r, role in enumerate(ROLES):
            checker.compare(case, f"brokerage {by} directed={directed} {role} count vs brute force",
                            [num(row[r]) for row in stats["count"]],
                            [float(row[r]) for row in counts], graph.ids, rel=0)
        if sna is None:
            continue
        # sna takes class ids; ours are labels 0..k-1, any ids will do.
        theirs = sna_brokerage(graph, labels, directed, workdir / f"sna-{by.replace(':', '_')}-{directed}")
        for key, name in (("raw", "count"), ("exp", "expected"), ("sd", "sd"), ("z", "z")):
            for r, role in enumerate(ROLES):
                checker.compare(case, f"brokerage {by} directed={directed} {role} {name} vs sna",
                                [num(row[r]) for row in stats[name]],
                                [row[r] for row in theirs[key]], graph.ids)
        for key, name in (("graw", "count"), ("gexp", "expected"), ("gsd", "sd"), ("gz", "z")):
            checker.compare(case, f"brokerage {by} directed={directed} global {name} vs sna",
                            [num(x) for x in got["global"][name]], theirs[key][0])


def check_permutations(checker, case, results, specs):
    first = results[specs[0]]
    again = results[specs[1]]
    checker.require(case, "brokerage permutations reproducible with a seed",
                    first["stats"] == again["stats"] and first["global"] == again["global"])
    other = results[specs[2]]
    checker.require(case, "brokerage permutations differ with another seed",
                    other["stats"]["perm_mean"] != first["stats"]["perm_mean"])
    # The total never depends on labels.
    totals = [row[5] for row in first["stats"]["count"]]
    means = [row[5] for row in first["stats"]["perm_mean"]]
    checker.compare(case, "brokerage permutation mean of total = count",
                    [num(x) for x in means], [float(x) for x in totals])
    ps = [x for row in first["stats"]["perm_p"] for x in row if x is not None]
    checker.require(case, "permutation p-values in (0, 1]",
                    all(0 < p <= 1 for p in ps))


# ---------------------------------------------------------------------------
# Bloc betweenness against brute force and NetworkX
# ---------------------------------------------------------------------------

def length_graph(graph, mode, length, weighted):
    g = graph.und if (graph.directed and mode == "all") else graph.g
    if graph.directed and mode == "all":
        # Reciprocated arcs are two parallel undirected edges (igraph reads
        # a directed graph as undirected that way): keep a multigraph.
        m = nx.MultiGraph()
        m.add_nodes_from(range(graph.n))
        for a, b, w in graph.edges:
            m.add_edge(a, b, weight=w)
        g = m
    h = g.copy()
    for e in (h.edges(keys=True, data=True) if h.is_multigraph() else h.edges(data=True)):
        data = e[-1]
        w = data["weight"]
        if not weighted or length == "unit":
            data["length"] = 1.0
        elif length == "inverse":
            data["length"] = 1.0 / w
        else:
            data["length"] = w
    return h


def brute_bloc(h, sources, targets):
    """Sum over ordered pairs (s, t), s != t, of the share of shortest paths
    through each vertex, by listing every shortest path. Parallel edges are
    distinct paths."""
    values = [0.0] * h.number_of_nodes()
    for s in sources:
        for t in targets:
            if s == t or not nx.has_path(h, s, t):
                continue
            paths = list(nx.all_shortest_paths(h, s, t, weight="length"))
            # Count multiplicities of parallel edges along each path.
            mult = []
            for p in paths:
                k = 1
                for a, b in zip(p, p[1:]):
                    if h.is_multigraph():
                        best = min(d["length"] for d in h[a][b].values())
                        k *= sum(1 for d in h[a][b].values() if d["length"] == best)
                mult.append(k)
            total = sum(mult)
            for p, k in zip(paths, mult):
                for v in p[1:-1]:
                    values[v] += k / total
    return values


def check_bloc(checker, case, graph, results, bloc_specs, brute):
    for spec, sources, targets, mode, length, weighted, normalized in bloc_specs:
        ours = [num(x) for x in results[spec]["values"]]
        h = length_graph(graph, mode, length, weighted)
        pairs = len(sources) * len(targets) - len(set(sources) & set(targets))
        scale = 1.0 / pairs if normalized and pairs else 1.0
        label = f"bloc mode={mode} length={length} weighted={weighted} normalized={normalized}"
        if brute:
            expected = [x * scale for x in brute_bloc(h, sources, targets)]
            checker.compare(case, label + " vs brute-force shortest paths", ours,
                            expected, graph.ids)
        if not h.is_multigraph():
            nxv = nx.betweenness_centrality_subset(h, sources, targets,
                                                   normalized=False, weight="length")
            # NetworkX halves undirected sums, as igraph does.
            factor = 1.0 if h.is_directed() else 2.0
            checker.compare(case, label + " vs NetworkX betweenness_centrality_subset",
                            ours, [nxv[v] * factor * scale for v in range(graph.n)],
                            graph.ids)


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

def bloc_cases(graph, country_of, rng):
    by_country = {}
    for v, iso in enumerate(country_of):
        by_country.setdefault(iso, []).append(v)
    eu = [v for v, iso in enumerate(country_of) if iso in ("GRC", "DEU", "FRA")]
    ots = [v for v, iso in enumerate(country_of) if iso in ("TUR", "AZE")]
    a = rng.sample(eu, min(6, len(eu)))
    b = rng.sample(ots, min(6, len(ots)))
    overlap = a[:3] + b[:2]
    cases = []
    modes = ("default", "all") if graph.directed else ("default",)
    for mode in modes:
        for length, weighted in (("inverse", 1), ("unit", 1), ("weight", 1), ("inverse", 0)):
            for sources, targets, normalized in ((a, b, 0), (overlap, b + a[:1], 1)):
                spec = (f"bloc sources={','.join(graph.ids[v] for v in sources)} "
                        f"targets={','.join(graph.ids[v] for v in targets)} mode={mode} "
                        f"length={length} weighted={weighted} normalized={normalized}")
                cases.append((spec, sources, targets, mode, length, weighted, normalized))
    return cases


#: Vertices with most contacts always in the real network's sample.
HUBS = 20


def sample_nodes(graph, size, hubs=HUBS):
    """Every vertex (@size None), or the @hubs vertices with most contacts
    (where mistakes in the neighbourhood walks would show; NetworkX spends
    O(d^3) on each) and a fixed random sample of the rest (isolates and
    leaves included), @size in all."""
    if size is None or size >= graph.n:
        return list(range(graph.n))
    by_degree = sorted(range(graph.n), key=lambda v: (-len(graph.neighbours(v, "all")), v))
    top = by_degree[:min(hubs, size)]
    rest = random.Random(7).sample(by_degree[len(top):], max(0, size - len(top)))
    return sorted(top + rest)


def run_case(checker, driver, case, bundle, view_args, sna, workdir, brute=True,
             egoviews=True, bloc_nodes=None, partitions=("country", "group:EU"),
             sample=None):
    header, _ = run_driver(driver, bundle, [], view_args)
    graph = Graph(header)
    specs = []
    for weighted in (1, 0):
        for model in ("whole", "ego"):
            specs.append(f"holes model={model} weighted={weighted}")
    for mode in ("all", "out", "in"):
        specs.append(f"ego mode={mode}")
    for by in partitions:
        for directed in (1, 0):
            specs.append(f"brokerage by={by} directed={directed} permutations=0 seed=1")
    perm_specs = ["brokerage by=country directed=1 permutations=300 seed=5",
                  "brokerage by=country directed=1 permutations=300 seed=5",
                  "brokerage by=country directed=1 permutations=300 seed=6"]
    specs += perm_specs
    rng = random.Random(zlib.crc32(case.encode()))
    country_of = read_countries(bundle, graph.ids)
    blocs = bloc_cases(graph, country_of, rng) if bloc_nodes is None else bloc_nodes(graph, country_of)
    specs += [b[0] for b in blocs]
    ego_specs = []
    if egoviews:
        degree = sorted(range(graph.n), key=lambda v: -len(graph.neighbours(v, "all")))
        for focus in (degree[0], degree[len(degree) // 3]):
            for order in (1, 2):
                for mode in (("all", "out", "in") if graph.directed else ("all",)):
                    ego_specs.append((graph.ids[focus], order, mode))
                    for alter in (1, 0):
                        specs.append(f"egoview focus={graph.ids[focus]} order={order} "
                                     f"mode={mode} alter={alter}")
    _, results = run_driver(driver, bundle, specs, view_args)
    for spec, line in results.items():
        if "error" in line:
            checker.require(case, spec, False, line["error"])
            return graph
    nodes = sample_nodes(graph, sample)
    if len(nodes) < graph.n:
        print(f"# {case}: NetworkX and plain-Python comparisons on {len(nodes)} of "
              f"{graph.n} vertices (the {HUBS} with most contacts and a fixed "
              f"sample; --slow for all)")
    check_holes(checker, case, graph, results, nodes)
    check_ego_measures(checker, case, graph, results, nodes)
    for by in partitions:
        check_brokerage(checker, case, graph, results, sna, workdir, by)
    check_permutations(checker, case, results, perm_specs)
    check_bloc(checker, case, graph, results, blocs, brute)
    for focus, order, mode in ego_specs:
        check_egoview(checker, case, graph, results, focus, order, mode)
    return graph


def read_countries(bundle, ids):
    with open(Path(bundle) / "nodes.csv", encoding="utf-8", newline="") as f:
        country = {r["id"]: r.get("country", "") for r in csv.DictReader(f)}
    return [country.get(i, "") for i in ids]


def generated_cases(checker, driver, tmp, sna, verbose):
    cases = [
        ("undirected-dyadic", dict(seed=1, n=60, p_in=0.2, p_out=0.03,
                                   directed_share=0.0, dyadic=True), []),
        ("mixed-continuous", dict(seed=2, n=60, p_in=0.2, p_out=0.03,
                                  directed_share=0.5, dyadic=False), []),
        ("mixed-dyadic-as-undirected", dict(seed=3, n=50, p_in=0.25, p_out=0.04,
                                            directed_share=0.5, dyadic=True),
         ["--direction", "undirected"]),
        ("directed-dyadic", dict(seed=4, n=45, p_in=0.25, p_out=0.05,
                                 directed_share=1.0, dyadic=True), []),
    ]
    for name, params, view_args in cases:
        nodes, ties = generate(**params)
        bundle = write_bundle(tmp / name, nodes, ties, COUNTRIES, GROUPS)
        t0 = time.time()
        run_case(checker, driver, name, bundle, view_args, sna, tmp / (name + "-r"))
        print(f"# {name}: {len(nodes)} nodes, {len(ties)} ties, {time.time() - t0:.1f} s")


def real_case(checker, driver, cli, tmp, sna, sample):
    """The Wikipedia sister-city network: brokerage against sna on every
    vertex; NetworkX and plain Python on a sample of @sample vertices
    (None: all); bloc betweenness from German to Turkish cities (with a
    sample, 200 German cities: NetworkX runs one Dijkstra per source)."""
    bundle = import_twin_cities(cli, tmp / "twins")

    def blocs(graph, country_of):
        deu = [v for v, c in enumerate(country_of) if c == "DEU"]
        tur = [v for v, c in enumerate(country_of) if c == "TUR"]
        if sample is not None and len(deu) > 200:
            deu = sorted(random.Random(11).sample(deu, 200))
        spec = (f"bloc sources={','.join(graph.ids[v] for v in deu)} "
                f"targets={','.join(graph.ids[v] for v in tur)} mode=default "
                f"length=unit weighted=1 normalized=1")
        return [(spec, deu, tur, "default", "unit", 1, 1)]
    t0 = time.time()
    graph = run_case(checker, driver, "twin-cities", bundle, [], sna, tmp / "twins-r",
                     brute=False, egoviews=True, bloc_nodes=blocs,
                     partitions=("country",), sample=sample)
    print(f"# twin-cities: {graph.n} vertices, {len(graph.edges)} edges, "
          f"{time.time() - t0:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("driver")
    parser.add_argument("--cli", default=os.environ.get("CITYNET_CLI"))
    parser.add_argument("--only", choices=["generated", "real"])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--sample", type=int, default=400,
                        help="vertices of the real network compared with "
                        f"NetworkX (the {HUBS} with most contacts and a "
                        "random rest; default 400)")
    parser.add_argument("--slow", action="store_true",
                        default=os.environ.get("CITYNET_CROSSCHECK_SLOW") == "1",
                        help="compare every vertex of the real network with "
                        "NetworkX (an hour on a loaded machine)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    checker = Checker(args.verbose)
    sna = True if have_sna() else None
    if sna is None:
        print("# SKIP the sna comparisons: Rscript with the sna package is not "
              "installed (Debian: apt-get install r-cran-sna)")
    with tempfile.TemporaryDirectory(prefix="citynet-ego-") as tmpdir:
        tmp = Path(tmpdir)
        if args.only != "real":
            generated_cases(checker, args.driver, tmp, sna, args.verbose)
        if args.only != "generated":
            source = SHARED_DATA / "hekman-twincities" / "twin_cities_geocoded.csv"
            if not source.exists():
                print(f"# SKIP the real network: {source} is absent")
                if args.only == "real":
                    return 77
            elif not args.cli or not os.path.exists(args.cli):
                print("# SKIP the real network: no citynet command (--cli)")
                if args.only == "real":
                    return 77
            else:
                real_case(checker, args.driver, args.cli, tmp, sna,
                          None if args.slow else args.sample)
    print(f"# {checker.checks} checks, {checker.failures} failed")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
