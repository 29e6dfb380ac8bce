#!/usr/bin/python3
"""Cross-check of libcitynet's centrality and clustering against NetworkX
and python-igraph, node by node (meson suite 'crosscheck').

    crosscheck.py SCORES_DUMP [--only generated|real] [--slow] [-v]

SCORES_DUMP is tests/crosscheck/scores-dump (built by meson): it loads a
bundle, builds a view, prints the view's graph (vertex ids, edges with
their combined weights) and then the values of every measure spec fed to
it. This script

  * writes bundles: generated graphs with blocs, dyadic or continuous
    weights, directed ties, parallel ties and isolates (several seeds), and
    the real Wikipedia sister-city network (../shared/data/hekman-twincities,
    imported with `citynet import pairs` when $CITYNET_CLI offers it, else
    converted here with cities keyed by (name, country));
  * checks that the dumped graph is what the bundle's ties combine to;
  * runs every measure with every option that changes its definition;
  * rebuilds the same graph in NetworkX and python-igraph and compares
    every value of every node, at 1e-9 relative tolerance (plus an absolute
    floor of 1e-12 times the largest value, for entries that should be 0);
  * runs the driver twice and requires byte-identical output.

Where the peers define a measure differently from us (docs/analytics.md,
"Peers"), the expected values are converted explicitly and the conversion
is named in the check's label. Checks a peer cannot do (NetworkX has no
cutoffs, counts parallel shortest paths once, has no Barrat coefficient)
are done with python-igraph and, for Barrat, a direct implementation of the
formula.

On the real network, NetworkX's pure-Python betweenness (about an hour) and
closeness/harmonic (minutes each) are compared on the nodes outside the
giant component and on a fixed sample of 400 nodes of it (closeness,
harmonic; exact per node). --slow (or CITYNET_CROSSCHECK_SLOW=1) compares
them on every node. python-igraph is compared on every node always.

Exit status: 0 when every check passed, 1 otherwise. The real network is
skipped with a message when ../shared/data is absent (exit 77 only with
--only real).
"""

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import warnings  # noqa: E402

# NetworkX 2.8 announces API changes of 3.0; python-igraph warns that
# eigenvector centrality on weighted directed graphs is experimental. Our
# library records the same igraph warning without printing it.
warnings.filterwarnings("ignore", category=FutureWarning)
warnings.filterwarnings("ignore", message="Weighted directed graph")

import igraph as ig  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

REL = 1e-9
ABS_FLOOR = 1e-12
SOURCE_ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT",
                                  Path(__file__).resolve().parents[2]))
SHARED_DATA = Path(os.environ.get("CITYNET_SHARED_DATA",
                                  SOURCE_ROOT.parent / "shared" / "data"))


# ---------------------------------------------------------------------------
# Bundles
# ---------------------------------------------------------------------------

def write_bundle(directory, nodes, ties, countries):
    """nodes: (id, name, iso3); ties: (source, target, layer, weight text,
    directed); countries: (iso3, name)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "country"])
        for node_id, name, iso3 in nodes:
            w.writerow([node_id, "city", name, iso3])
    with open(directory / "ties.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "layer", "weight", "directed",
                    "start", "end", "ref"])
        for s, t, layer, weight, directed in ties:
            w.writerow([s, t, layer, weight, "true" if directed else "false",
                        "", "", ""])
    with open(directory / "countries.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["iso3", "name"])
        w.writerows(countries)
    with open(directory / "country_groups.csv", "w", newline="",
              encoding="utf-8") as f:
        csv.writer(f).writerow(["iso3", "group", "start", "end", "ref"])
    return directory


DYADIC = ["0.5", "1", "2", "4"]


def generate(seed, n=120, blocs=3, p_in=0.15, p_out=0.012, directed_share=0.0,
             weights="dyadic", parallel_share=0.1, isolates=3):
    """A graph with blocs: dense inside, sparse across; a ring over the
    non-isolated nodes keeps it connected (so the spectral measures have a
    unique answer); a few isolates. Dyadic weights (powers of two) keep
    1/w and every path length exact, so tied shortest paths tie exactly in
    every implementation; parallel ties repeat the weight, so sums stay
    powers of two. Continuous weights make ties of path lengths
    practically impossible."""
    rng = random.Random(seed)
    ids = [f"g{seed}-{i}" for i in range(n + isolates)]
    bloc = [i % blocs for i in range(n)]
    countries = [("TUR", "Türkiye"), ("GRC", "Greece"), ("DEU", "Germany")]

    def weight_text():
        if weights == "dyadic":
            return rng.choice(DYADIC)
        return f"{rng.uniform(0.2, 5.0):.6f}"

    ties = []
    tied = set()

    def add(i, j):
        # One tie (and maybe its parallel copy) per pair: two different
        # dyadic weights could sum to a non-dyadic one (0.5 + 1).
        if (min(i, j), max(i, j)) in tied:
            return
        tied.add((min(i, j), max(i, j)))
        directed = rng.random() < directed_share
        if directed and rng.random() < 0.5:
            i, j = j, i
        w = weight_text()
        ties.append((ids[i], ids[j], "sister", w, directed))
        if rng.random() < parallel_share:
            ties.append((ids[i], ids[j], "visit", w, directed))

    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < (p_in if bloc[i] == bloc[j] else p_out):
                add(i, j)
    order = list(range(n))
    rng.shuffle(order)
    for k in range(n):
        add(order[k], order[(k + 1) % n])
    nodes = [(ids[i], f"City {i}", countries[i % 3][0]) for i in range(n + isolates)]
    return nodes, ties, countries


def read_bundle_ties(bundle):
    with open(Path(bundle) / "ties.csv", encoding="utf-8", newline="") as f:
        return [(r["source"], r["target"], r["layer"], r["weight"],
                 r["directed"] == "true") for r in csv.DictReader(f)]


def import_twin_cities(cli, directory):
    """The sister-city pairs through the project's own importer, `citynet
    import pairs` (identity resolution, country names to ISO codes)."""
    source = SHARED_DATA / "hekman-twincities" / "twin_cities_geocoded.csv"
    result = subprocess.run([cli, "import", "pairs", str(source), "-o",
                             str(directory)], capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0:
        raise RuntimeError("citynet import pairs failed: " + result.stderr)
    summary = (result.stdout + result.stderr).strip().splitlines()
    print(f"# twin cities via 'citynet import pairs': "
          f"{summary[-1] if summary else ''}")
    return directory


def have_import(cli):
    if not cli or not os.path.exists(cli):
        return False
    return subprocess.run([cli, "help", "import"], capture_output=True,
                          timeout=60).returncode == 0


def twin_cities_bundle(directory):
    """The Wikipedia sister-city pairs as a bundle: one node per (city,
    country) as written in the file, one undirected 'sister' tie of weight
    1 per pair (a pair listed twice gives two ties, summed by the view).
    Country names go through the crosswalk of country-orgs-dieghernan;
    names it does not know get user-assigned codes XAA, XAB, ... (counted
    and reported). Self-pairs are skipped (counted)."""
    source = SHARED_DATA / "hekman-twincities" / "twin_cities_geocoded.csv"
    crosswalk_file = SHARED_DATA / "country-orgs-dieghernan" / "Countrycodes.csv"
    crosswalk = {}
    with open(crosswalk_file, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            crosswalk[row["NAME.EN"]] = row["ISO_3166_3"]
    pairs = []
    with open(source, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pairs.append(((row["city1"], row["country1"]),
                          (row["city2"], row["country2"])))

    def known(name):
        if name in crosswalk:
            return crosswalk[name]
        tail = name.rsplit(",", 1)[-1].strip()   # "Wales, United Kingdom"
        return crosswalk.get(tail)

    names = sorted({c for pair in pairs for _, c in pair})
    unknown = [c for c in names if known(c) is None]
    codes = {}
    for i, name in enumerate(unknown):
        codes[name] = "X" + chr(ord("A") + i // 26) + chr(ord("A") + i % 26)
    for name in names:
        codes.setdefault(name, known(name))

    node_ids = {}
    ties = []
    self_pairs = 0
    for a, b in pairs:
        if a == b:
            self_pairs += 1
            continue
        for city in (a, b):
            if city not in node_ids:
                node_ids[city] = f"tc{len(node_ids)}"
        ties.append((node_ids[a], node_ids[b], "sister", "1", False))
    nodes = [(node_id, city or "(unnamed)", codes[country])
             for (city, country), node_id in node_ids.items()]
    countries = sorted({(code, code) for code in codes.values()})
    write_bundle(directory, nodes, ties, countries)
    print(f"# twin cities via the harness's conversion: {len(pairs)} pairs, "
          f"{len(node_ids)} cities, "
          f"{len(ties)} ties, {self_pairs} self-pairs skipped, "
          f"{len(unknown)} of {len(names)} country names not in the "
          f"crosswalk (given codes XAA...)")
    return directory


# ---------------------------------------------------------------------------
# Running the driver
# ---------------------------------------------------------------------------

def run_driver(driver, bundle, specs, view_args, again=None):
    """Runs the specs, then @again (default: the same specs) a second time;
    returns the graph, the results and whether the second run printed the
    same bytes for its specs."""
    def run(spec_list):
        text = "\n".join(spec_list) + "\n"
        result = subprocess.run([driver, str(bundle), *view_args],
                                input=text.encode(), capture_output=True,
                                timeout=3600)
        if result.returncode != 0:
            raise RuntimeError(f"scores-dump failed: {result.stderr.decode()}")
        return result.stdout.decode().splitlines()
    first = run(specs)
    again = specs if again is None else again
    second = run(again)
    repeated = [first[0]] + [line for line in first[1:]
                             if json.loads(line)["spec"] in set(again)]
    graph = json.loads(first[0])
    results = [json.loads(line) for line in first[1:]]
    return graph, results, repeated == second


# ---------------------------------------------------------------------------
# Peers
# ---------------------------------------------------------------------------

class Peers:
    """The dumped graph in NetworkX and python-igraph, in the variants the
    measures need."""

    def __init__(self, graph):
        self.directed = graph["directed"]
        self.ids = graph["vertices"]
        self.n = len(self.ids)
        self.edges = [(int(u), int(v), float(w)) for u, v, w in graph["edges"]]
        pairs = [(u, v) for u, v, _ in self.edges]
        self.multi = len(set(pairs)) != len(pairs)

        self.ig = ig.Graph(n=self.n, edges=pairs, directed=self.directed)
        self.ig.es["weight"] = [w for _, _, w in self.edges]
        self.ig.es["inv"] = [1.0 / w for _, _, w in self.edges]

        def build(cls, directed_edges):
            g = cls()
            g.add_nodes_from(range(self.n))
            for u, v, w in directed_edges:
                g.add_edge(u, v, weight=w, inv=1.0 / w, one=1.0)
            return g

        if self.directed:
            self.nx = build(nx.MultiDiGraph if self.multi else nx.DiGraph, self.edges)
        else:
            self.nx = build(nx.MultiGraph if self.multi else nx.Graph, self.edges)
        # Mode 'all' on a directed view: every arc an undirected edge (so a
        # reciprocated pair is two parallel edges), as igraph reads it.
        self.nx_all = (build(nx.MultiGraph, self.edges) if self.directed
                       else self.nx)
        # The simple undirected collapse (weights summed), for clustering.
        collapse = {}
        for u, v, w in self.edges:
            key = (min(u, v), max(u, v))
            collapse[key] = collapse.get(key, 0.0) + w
        self.collapse = collapse
        self.nx_collapse = build(nx.Graph, [(u, v, w) for (u, v), w in collapse.items()])
        self.ig_collapse = self.ig.copy()
        if self.directed:
            self.ig_collapse.to_undirected(mode="collapse",
                                           combine_edges={"weight": "sum", "inv": "first"})
        self.ig_collapse.simplify(multiple=True, loops=True,
                                  combine_edges={"weight": "sum", "inv": "first"})
        # Simple (parallel arcs merged) for ego density.
        simple = nx.DiGraph() if self.directed else nx.Graph()
        simple.add_nodes_from(range(self.n))
        simple.add_edges_from(pairs)
        self.nx_simple = simple

    def nx_mode(self, mode):
        """The NetworkX graph whose *incoming* paths are our mode's paths
        (NetworkX's closeness and harmonic centrality use distances to the
        node on directed graphs)."""
        if not self.directed:
            return self.nx
        if mode in ("default", "out"):
            return self.nx.reverse(copy=False)
        if mode == "in":
            return self.nx
        return self.nx_all

    def nx_paths(self, mode):
        """The NetworkX graph whose *outgoing* paths are our mode's paths."""
        if not self.directed:
            return self.nx
        if mode in ("default", "out"):
            return self.nx
        if mode == "in":
            return self.nx.reverse(copy=False)
        return self.nx_all

    def vec(self, mapping):
        return np.array([mapping[i] for i in range(self.n)], dtype=float)


def ig_mode(mode, conventional):
    return {"out": "out", "in": "in", "all": "all"}.get(mode, conventional)


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------

class Checker:
    def __init__(self, verbose):
        self.verbose = verbose
        self.failures = []
        self.passed = 0
        # (measure, peer) -> [values compared, max relative difference on
        # values above 1e-6 of the largest, max absolute difference / largest]
        self.stats = {}

    def compare(self, case, label, ours, expected, entries=None, rel=REL):
        """ours, expected: arrays over the same entries; NaN must match NaN."""
        ours = np.asarray(ours, dtype=float)
        expected = np.asarray(expected, dtype=float)
        if entries is not None:
            ours = ours[entries]
            expected = expected[entries]
        if ours.shape != expected.shape:
            self.fail(case, label, f"{ours.shape} values, expected {expected.shape}")
            return
        nan_ours, nan_exp = np.isnan(ours), np.isnan(expected)
        bad_nan = np.nonzero(nan_ours != nan_exp)[0]
        if len(bad_nan):
            i = bad_nan[0]
            self.fail(case, label, f"entry {i}: {ours[i]!r} vs {expected[i]!r} "
                      f"({len(bad_nan)} NaN mismatches)")
            return
        finite = ~nan_ours
        scale = np.max(np.abs(expected[finite])) if finite.any() else 0.0
        diff = np.abs(ours[finite] - expected[finite])
        allowed = rel * np.maximum(np.abs(ours[finite]), np.abs(expected[finite])) \
            + ABS_FLOOR * scale
        bad = np.nonzero(diff > allowed)[0]
        if len(bad):
            idx = np.nonzero(finite)[0][bad[0]]
            worst = np.max(diff / np.maximum(np.abs(expected[finite]), 1e-300))
            self.fail(case, label, f"{len(bad)} of {finite.sum()} values differ; "
                      f"entry {idx}: {ours[idx]!r} vs {expected[idx]!r}; "
                      f"max rel diff {worst:.3g}")
            return
        self.passed += 1
        # Reported: the relative difference on values above 1e-3 of the
        # largest, the absolute one in units of the largest, and the share
        # of the tolerance used (1 = at the limit).
        big = np.abs(expected[finite]) >= 1e-3 * scale
        rel_max = float(np.max(diff[big] / np.abs(expected[finite][big]))) \
            if big.any() and scale > 0 else 0.0
        abs_max = float(np.max(diff) / scale) if finite.any() and scale > 0 else 0.0
        used = float(np.max(diff / np.maximum(allowed, 1e-300))) if finite.any() else 0.0
        key = (label.split()[0], label.split(" vs ")[1].split()[0])
        stat = self.stats.setdefault(key, [0, 0.0, 0.0, 0.0])
        stat[0] += int(finite.sum())
        stat[1] = max(stat[1], rel_max)
        stat[2] = max(stat[2], abs_max)
        stat[3] = max(stat[3], used)
        if self.verbose:
            print(f"ok   {case}: {label} ({finite.sum()} values, max rel diff "
                  f"{rel_max:.2g}, max abs diff / max {abs_max:.2g}, "
                  f"tolerance used {used:.2g})")

    def require(self, case, label, condition, detail=""):
        if condition:
            self.passed += 1
            if self.verbose:
                print(f"ok   {case}: {label}")
        else:
            self.fail(case, label, detail)

    def fail(self, case, label, detail):
        self.failures.append(f"{case}: {label}: {detail}")
        print(f"FAIL {case}: {label}: {detail}", flush=True)


# ---------------------------------------------------------------------------
# Specs and expectations
# ---------------------------------------------------------------------------

LENGTH_ATTR = {"inverse": "inv", "unit": None, "weight": "weight"}
# The options a spec leaves out, as the generated specs spell them.
DEFAULTS = {
    "closeness": {"mode": "default", "length": "inverse", "normalized": "0"},
    "betweenness": {"mode": "default", "length": "inverse", "normalized": "0"},
    "pagerank": {"mode": "default", "weighted": "1", "damping": "0.85"},
}


def spec_options(spec):
    words = spec.split()
    options = dict(word.split("=", 1) for word in words[1:])
    return words[0], options


def centrality_specs(peers, pick):
    """Every option that changes a centrality's definition, on this view."""
    modes = ["default", "out", "in", "all"] if peers.directed else ["default"]
    specs = []
    for mode in modes:
        for norm in (0, 1):
            specs.append(f"degree mode={mode} normalized={norm}")
        for weighted in (0, 1):
            specs.append(f"strength mode={mode} weighted={weighted}")
    bmodes = ["default", "all"] if peers.directed else ["default"]
    for mode in bmodes:
        for length in ("inverse", "unit", "weight"):
            for norm in (0, 1):
                specs.append(f"betweenness mode={mode} length={length} normalized={norm}")
        specs.append(f"betweenness mode={mode} length=unit cutoff=2")
        specs.append(f"betweenness mode={mode} length=inverse cutoff=1.5")
        specs.append(f"betweenness mode={mode} length=weight weighted=0")
    for mode in modes:
        for length in ("inverse", "unit", "weight"):
            specs.append(f"closeness mode={mode} length={length} normalized=0")
            specs.append(f"closeness mode={mode} length={length} normalized=1")
            specs.append(f"closeness mode={mode} length={length} normalized=1 wf=1")
            specs.append(f"harmonic mode={mode} length={length} normalized=0")
            specs.append(f"harmonic mode={mode} length={length} normalized=1")
        specs.append(f"closeness mode={mode} length=unit cutoff=2")
        specs.append(f"closeness mode={mode} length=inverse cutoff=1.5 normalized=1")
        specs.append(f"harmonic mode={mode} length=unit cutoff=2")
        specs.append(f"harmonic mode={mode} length=weight cutoff=3 normalized=1")
        for norm in (0, 1):
            specs.append(f"closeness mode={mode} length=unit cutoff=1 normalized={norm}")
            specs.append(f"harmonic mode={mode} length=unit cutoff=1 normalized={norm}")
    for mode in bmodes:
        for weighted in (0, 1):
            specs.append(f"eigenvector mode={mode} weighted={weighted}")
            for damping in ("0.85", "0.5"):
                specs.append(f"pagerank mode={mode} weighted={weighted} damping={damping}")
        specs.append(f"pagerank mode={mode} personalize={pick[0]},{pick[1]}")
        specs.append(f"pagerank mode={mode} weighted=0 damping=0.6 personalize={pick[2]}")
    for weighted in (0, 1):
        specs.append(f"hub weighted={weighted}")
        specs.append(f"authority weighted={weighted}")
    # A subset must equal the full result on its nodes.
    subset = ",".join(pick)
    specs.append(f"closeness nodes={subset}")
    specs.append(f"betweenness nodes={subset}")
    specs.append(f"pagerank nodes={subset}")
    return specs


def real_specs(pick, slow):
    """The real network (undirected, every weight 1, no pair listed twice):
    every length rule gives the same lengths, and each path-based run costs
    10 to 70 seconds on its 17,717 nodes, so the path measures run once
    each with unit lengths (breadth-first search) here; their options
    (normalisation, cutoffs, Dijkstra on weighted lengths) are checked on
    the generated graphs. --slow adds the weighted (Dijkstra) runs."""
    specs = [f"degree normalized={x}" for x in (0, 1)]
    specs += [f"strength weighted={x}" for x in (0, 1)]
    specs += ["betweenness length=unit",
              "closeness length=unit normalized=0",
              "closeness length=unit normalized=1 wf=1",
              "harmonic length=unit normalized=0"]
    if slow:
        specs += ["betweenness length=inverse normalized=1",
                  "closeness length=inverse normalized=1",
                  "harmonic length=inverse normalized=1"]
    for weighted in (0, 1):
        specs.append(f"eigenvector weighted={weighted}")
        specs.append(f"pagerank weighted={weighted} damping=0.85")
        specs.append(f"hub weighted={weighted}")
        specs.append(f"authority weighted={weighted}")
    specs += ["pagerank damping=0.5",
              f"pagerank personalize={pick[0]},{pick[1]}",
              f"pagerank nodes={','.join(pick)}",
              f"closeness length=unit normalized=0 nodes={','.join(pick)}"]
    return specs


def clustering_specs():
    specs = []
    for undefined in ("nan", "zero"):
        specs += [f"clustering undefined={undefined}", f"barrat undefined={undefined}",
                  f"ego_density undefined={undefined}",
                  f"average weighted=0 undefined={undefined}",
                  f"average weighted=1 undefined={undefined}"]
    specs.append("transitivity")
    return specs


class Expect:
    """Expected values per spec, from each peer. Each method returns a list
    of (label, values) pairs; values are over all vertices (subsets are
    picked out by the caller)."""

    def __init__(self, peers, nx_entries=None, nx_path_limit=False):
        self.p = peers
        # On the real network, NetworkX's slow path-based measures run only
        # on these vertices (None: all).
        self.nx_entries = nx_entries
        self.nx_path_limit = nx_path_limit

    # -- degree and strength ------------------------------------------------
    def degree(self, o):
        p, mode = self.p, o.get("mode", "default")
        igm = ig_mode(mode, "all")
        norm = o.get("normalized") == "1"
        values = np.array(p.ig.degree(mode=igm, loops=True), dtype=float)
        out = [("python-igraph degree", values / (p.n - 1) if norm else values)]
        g = p.nx
        if not p.directed or igm == "all":
            d = dict(g.degree())
            fn = nx.degree_centrality
        elif igm == "out":
            d = dict(g.out_degree())
            fn = nx.out_degree_centrality
        else:
            d = dict(g.in_degree())
            fn = nx.in_degree_centrality
        if norm:
            out.append(("networkx *degree_centrality", p.vec(fn(g))))
        else:
            out.append(("networkx degree", p.vec(d)))
        return out

    def strength(self, o):
        p, mode = self.p, o.get("mode", "default")
        igm = ig_mode(mode, "all")
        w = "weight" if o.get("weighted", "1") == "1" else None
        out = [("python-igraph strength",
                np.array(p.ig.strength(mode=igm, loops=True, weights=w), dtype=float))]
        g = p.nx
        if not p.directed or igm == "all":
            d = g.degree(weight=w)
        elif igm == "out":
            d = g.out_degree(weight=w)
        else:
            d = g.in_degree(weight=w)
        out.append(("networkx degree(weight)", p.vec(dict(d))))
        return out

    # -- path-based -----------------------------------------------------------
    @staticmethod
    def length_attr(o):
        if o.get("weighted", "1") == "0":
            return None
        return LENGTH_ATTR[o.get("length", "inverse")]

    def betweenness(self, o):
        p = self.p
        attr = self.length_attr(o)
        directed = p.directed and o.get("mode", "default") != "all"
        cutoff = float(o["cutoff"]) if "cutoff" in o else None
        norm = o.get("normalized") == "1"
        values = np.array(p.ig.betweenness(directed=directed, weights=attr,
                                           cutoff=cutoff), dtype=float)
        if norm and p.n > 2:
            pairs = (p.n - 1) * (p.n - 2) / (1 if directed else 2)
            values = values / pairs
        out = [("python-igraph betweenness", values)]
        # NetworkX: no cutoff; counts parallel shortest paths once (igraph
        # counts each parallel edge), so only on simple graphs.
        multi_all = p.multi or (p.directed and not directed)
        if cutoff is None and not multi_all and not self.nx_path_limit:
            g = p.nx if directed or not p.directed else p.nx_all
            b = nx.betweenness_centrality(g, weight=attr, normalized=norm)
            out.append(("networkx betweenness_centrality", p.vec(b)))
        return out

    def _distances(self, mode, attr, cutoff, sources):
        """Shortest path lengths from each source along our mode, by
        NetworkX's Dijkstra (or BFS)."""
        g = self.p.nx_paths(mode)
        result = {}
        for s in sources:
            if attr is None:
                d = nx.single_source_shortest_path_length(
                    g, s, cutoff=None if cutoff is None else int(math.floor(cutoff)))
            else:
                d = nx.single_source_dijkstra_path_length(g, s, cutoff=cutoff,
                                                          weight=attr)
            result[s] = d
        return result

    def _nx_sources(self):
        return list(range(self.p.n)) if self.nx_entries is None else list(self.nx_entries)

    @staticmethod
    def _ig_cut(method, mode, attr, norm, cutoff):
        """python-igraph 0.10.2's closeness() and harmonic_centrality() mix
        up their last two arguments: `normalized` reaches igraph as the
        cutoff (as 0 or 1) and `cutoff` as the normalisation flag. So only
        no cutoff and a cutoff of 1 can be asked for (the latter by
        swapping them); other cutoffs are checked against NetworkX only."""
        if cutoff is None:
            return np.array(method(mode=mode, weights=attr, normalized=norm),
                            dtype=float)
        if cutoff == 1.0:
            return np.array(method(mode=mode, weights=attr, cutoff=norm,
                                   normalized=True), dtype=float)
        return None

    @staticmethod
    def _ig_cut_label(cutoff):
        return "" if cutoff is None else " (cutoff 1 passed as normalized=True, " \
            "python-igraph 0.10.2 swaps the two arguments)"

    def closeness(self, o):
        p, mode = self.p, o.get("mode", "default")
        attr = self.length_attr(o)
        cutoff = float(o["cutoff"]) if "cutoff" in o else None
        norm = o.get("normalized") == "1"
        wf = o.get("wf") == "1"
        igm = ig_mode(mode, "out")
        out = []
        values = self._ig_cut(p.ig.closeness, igm, attr, norm, cutoff)
        if wf:
            reached = np.array(p.ig.neighborhood_size(order=p.n, mode=igm),
                               dtype=float) - 1
            if cutoff is not None:
                raise ValueError("wf with cutoff is not cross-checked")
            with np.errstate(invalid="ignore"):
                values = np.where(reached > 0, values * reached / (p.n - 1), np.nan)
        if values is not None:
            out.append(("python-igraph closeness" + (" x reached/(n-1)" if wf else "")
                        + self._ig_cut_label(cutoff), values))

        sources = self._nx_sources()
        if cutoff is None and norm:
            # NetworkX's closeness is (r-1)/sum d over *incoming* distances,
            # 0 for a node reaching nobody (ours: NaN, undefined).
            g = p.nx_mode(mode)
            expected = np.full(p.n, np.nan)
            for u in sources:
                c = nx.closeness_centrality(g, u=u, distance=attr, wf_improved=wf)
                expected[u] = c
            dist = self._distances(mode, attr, None, sources)
            for u in sources:
                if len(dist[u]) == 1:
                    expected[u] = np.nan   # NetworkX 0 = our undefined
            out.append(("networkx closeness_centrality (0 -> NaN for nodes "
                        "reaching none)", expected))
        else:
            # Raw or cut off: from NetworkX's shortest path lengths.
            dist = self._distances(mode, attr, cutoff, sources)
            expected = np.full(p.n, np.nan)
            for u in sources:
                d = [x for v, x in dist[u].items() if v != u]
                if d:
                    total = sum(d)
                    expected[u] = (len(d) if norm else 1.0) / total
                    if wf:
                        expected[u] *= len(d) / (p.n - 1)
            out.append(("networkx shortest path lengths -> 1/sum d", expected))
        return out

    def harmonic(self, o):
        p, mode = self.p, o.get("mode", "default")
        attr = self.length_attr(o)
        cutoff = float(o["cutoff"]) if "cutoff" in o else None
        norm = o.get("normalized") == "1"
        igm = ig_mode(mode, "out")
        out = []
        values = self._ig_cut(p.ig.harmonic_centrality, igm, attr, norm, cutoff)
        if values is not None:
            out.append(("python-igraph harmonic_centrality" + self._ig_cut_label(cutoff),
                        values))
        scale = 1.0 / (p.n - 1) if norm and p.n > 1 else 1.0
        if cutoff is None and self.nx_entries is None:
            h = nx.harmonic_centrality(p.nx_mode(mode), distance=attr)
            out.append(("networkx harmonic_centrality", p.vec(h) * scale))
        else:
            sources = self._nx_sources()
            dist = self._distances(mode, attr, cutoff, sources)
            expected = np.full(p.n, np.nan)
            for u in sources:
                expected[u] = sum(1.0 / x for v, x in dist[u].items() if v != u) * scale
            out.append(("networkx shortest path lengths -> sum 1/d", expected))
        return out

    # -- spectral -------------------------------------------------------------
    def eigenvector(self, o):
        p = self.p
        w = "weight" if o.get("weighted", "1") == "1" else None
        directed = p.directed and o.get("mode", "default") != "all"
        values = np.array(p.ig.eigenvector_centrality(directed=directed, scale=True,
                                                      weights=w), dtype=float)
        out = [("python-igraph eigenvector_centrality", values)]
        g = p.nx if directed or not p.directed else p.nx_all
        e = p.vec(nx.eigenvector_centrality_numpy(g, weight=w, max_iter=100000))
        e = np.abs(e)
        out.append(("networkx eigenvector_centrality_numpy / max", e / e.max()))
        return out

    def pagerank(self, o):
        p = self.p
        w = "weight" if o.get("weighted", "1") == "1" else None
        directed = p.directed and o.get("mode", "default") != "all"
        damping = float(o.get("damping", "0.85"))
        personal = o.get("personalize")
        if personal:
            reset = [p.ids.index(x) for x in personal.split(",")]
            values = p.ig.personalized_pagerank(directed=directed, damping=damping,
                                                reset_vertices=reset, weights=w,
                                                implementation="prpack")
        else:
            reset = None
            values = p.ig.pagerank(directed=directed, damping=damping, weights=w,
                                   implementation="prpack")
        out = [("python-igraph pagerank (prpack)", np.array(values, dtype=float))]
        g = p.nx if directed or not p.directed else p.nx_all
        pers = {v: 1.0 for v in reset} if reset else None
        pr = nx.pagerank(g, alpha=damping, personalization=pers, weight=w,
                         tol=1e-15, max_iter=100000)
        out.append(("networkx pagerank (tol 1e-15)", p.vec(pr)))
        return out

    def _hits(self, o, hub):
        p = self.p
        w = "weight" if o.get("weighted", "1") == "1" else None
        fn = p.ig.hub_score if hub else p.ig.authority_score
        values = np.array(fn(weights=w, scale=True), dtype=float)
        out = [("python-igraph " + ("hub_score" if hub else "authority_score"), values)]
        # nx.hits reads the 'weight' attribute, so give it the weights to use.
        g = nx.DiGraph() if p.directed else nx.Graph()
        g.add_nodes_from(range(p.n))
        for u, v, wt in p.edges:
            add = wt if w else 1.0
            if g.has_edge(u, v):
                g[u][v]["weight"] += add
            else:
                g.add_edge(u, v, weight=add)
        h, a = nx.hits(g, max_iter=100000, tol=0)
        x = np.abs(p.vec(h if hub else a))
        out.append(("networkx hits (svds) / max", x / x.max()))
        return out

    def hub(self, o):
        return self._hits(o, True)

    def authority(self, o):
        return self._hits(o, False)

    # -- clustering -------------------------------------------------------------
    def _degrees_collapse(self):
        deg = np.zeros(self.p.n)
        for (u, v) in self.p.collapse:
            deg[u] += 1
            deg[v] += 1
        return deg

    def _undefined(self, values, o):
        deg = self._degrees_collapse()
        fill = 0.0 if o.get("undefined") == "zero" else np.nan
        return np.where(deg < 2, fill, values)

    def clustering(self, o):
        p = self.p
        mode = o.get("undefined", "nan")
        out = [("python-igraph transitivity_local_undirected (collapsed)",
                np.array(p.ig_collapse.transitivity_local_undirected(mode=mode),
                         dtype=float))]
        c = p.vec(nx.clustering(p.nx_collapse))
        out.append(("networkx clustering (0 for degree < 2 -> NaN mode)",
                    self._undefined(c, o)))
        return out

    def barrat(self, o):
        p = self.p
        mode = o.get("undefined", "nan")
        out = [("python-igraph transitivity_local_undirected(weights) (collapsed)",
                np.array(p.ig_collapse.transitivity_local_undirected(
                    mode=mode, weights="weight"), dtype=float))]
        # Barrat et al. (2004) straight from the formula (NetworkX has no
        # Barrat: its weighted clustering is Onnela's).
        adj = {i: {} for i in range(p.n)}
        for (u, v), w in p.collapse.items():
            adj[u][v] = w
            adj[v][u] = w
        values = np.full(p.n, np.nan)
        for i in range(p.n):
            k = len(adj[i])
            if k < 2:
                continue
            s = sum(adj[i].values())
            nbrs = list(adj[i])
            total = 0.0
            for a in range(k):
                for b in range(a + 1, k):
                    j, h = nbrs[a], nbrs[b]
                    if h in adj[j]:
                        total += adj[i][j] + adj[i][h]   # 2 x (w_ij + w_ih)/2
            values[i] = total / (s * (k - 1))
        out.append(("Barrat's formula in Python", self._undefined(values, o)))
        return out

    def ego_density(self, o):
        p = self.p
        g = p.nx_simple
        values = np.full(p.n, np.nan)
        for v in range(p.n):
            if p.directed:
                alters = set(g.predecessors(v)) | set(g.successors(v))
            else:
                alters = set(g.neighbors(v))
            if len(alters) >= 2:
                values[v] = nx.density(g.subgraph(alters))
        out = [("networkx density of the alters' subgraph", self._undefined(values, o))]
        gs = p.ig.copy()
        gs.simplify(multiple=True, loops=True)
        ivalues = np.full(p.n, np.nan)
        for v in range(p.n):
            alters = sorted(set(gs.neighbors(v, mode="all")))
            if len(alters) >= 2:
                ivalues[v] = gs.induced_subgraph(alters).density(loops=False)
        out.append(("python-igraph density of the alters' subgraph",
                    self._undefined(ivalues, o)))
        return out

    def average(self, o):
        p = self.p
        weighted = o.get("weighted") == "1"
        mode = o.get("undefined", "nan")
        if weighted:
            # python-igraph averages Barrat's values in Python, NaNs
            # included (so NaN mode always gives NaN): average its local
            # values over the defined ones instead.
            local = np.array(p.ig_collapse.transitivity_local_undirected(
                mode=mode, weights="weight"), dtype=float)
            defined = local[~np.isnan(local)]
            out = [("python-igraph transitivity_local_undirected(weights), mean "
                    "of the defined values",
                    [defined.mean() if len(defined) else np.nan])]
        else:
            out = [("python-igraph transitivity_avglocal_undirected",
                    [p.ig_collapse.transitivity_avglocal_undirected(mode=mode)])]
        if not weighted:
            c = nx.clustering(p.nx_collapse)
            if mode == "zero":
                out.append(("networkx average_clustering(count_zeros=True)",
                            [nx.average_clustering(p.nx_collapse)]))
            else:
                deg = self._degrees_collapse()
                vals = [c[i] for i in range(p.n) if deg[i] >= 2]
                out.append(("networkx clustering averaged over degree >= 2",
                            [sum(vals) / len(vals) if vals else np.nan]))
        return out

    def transitivity(self, o):
        p = self.p
        return [("python-igraph transitivity_undirected",
                 [p.ig_collapse.transitivity_undirected(mode="nan")]),
                ("networkx transitivity", [nx.transitivity(p.nx_collapse)])]


# ---------------------------------------------------------------------------
# One case
# ---------------------------------------------------------------------------

def check_graph_matches_bundle(checker, case, peers, bundle, view_args):
    """The dumped edges are the bundle's ties combined by pair (and
    direction), weights summed: an independent check of the view the
    measures ran on."""
    ties = read_bundle_ties(bundle)
    index = {node_id: i for i, node_id in enumerate(peers.ids)}
    undirected_view = "undirected" in view_args or not peers.directed
    combined = {}
    count = 0
    for s, t, _, w, directed in ties:
        u, v = index[s], index[t]
        arcs = [(min(u, v), max(u, v))] if undirected_view else \
            ([(u, v)] if directed else [(u, v), (v, u)])
        for arc in arcs:
            combined[arc] = combined.get(arc, 0.0) + float(w)
            count += 1
    if "none" in view_args:
        checker.require(case, "view has one edge per tie (combine none)",
                        len(peers.edges) == count,
                        f"{len(peers.edges)} edges for {count} arcs")
        return
    dumped = {(u, v): w for u, v, w in peers.edges}
    ok = dumped.keys() == combined.keys() and all(
        abs(dumped[k] - combined[k]) <= 1e-12 * combined[k] for k in combined)
    checker.require(case, "view edges = ties combined by pair (sum)", ok,
                    f"{len(dumped)} edges vs {len(combined)} expected")


def run_case(checker, driver, case, bundle, view_args, real=False,
             slow=False):
    started = time.time()
    probe_graph, _, _ = run_driver(driver, bundle, [], view_args)
    ids = probe_graph["vertices"]
    rng = random.Random(case)
    # Three nodes with ties (for personalisation and subsets).
    endpoints = sorted({u for u, _, _ in probe_graph["edges"]} |
                       {v for _, v, _ in probe_graph["edges"]})
    pick = [ids[i] for i in rng.sample(endpoints, 3)]
    peers = Peers(probe_graph)
    specs = centrality_specs(peers, pick) + clustering_specs()
    if real:
        specs = real_specs(pick, slow) + clustering_specs()
        weights = {w for _, _, w in probe_graph["edges"]}
        assert weights == {1.0}, f"unexpected weights {sorted(weights)[:5]}"
    driver_started = time.time()
    # On the real network the second (determinism) run skips the slow
    # path-based measures, whose determinism the generated graphs check.
    again = [s for s in specs if not s.startswith(("betweenness", "closeness",
                                                   "harmonic"))] if real else None
    graph, results, identical = run_driver(driver, bundle, specs, view_args, again)
    print(f"# {case}: scores-dump ran {len(specs)} specs (and again) in "
          f"{time.time() - driver_started:.1f} s", flush=True)
    checker.require(case, "same input -> byte-identical output (2 runs)", identical)
    check_graph_matches_bundle(checker, case, peers, bundle, view_args)

    nx_entries = None
    if real and not slow:
        components = sorted(nx.connected_components(peers.nx_collapse),
                            key=len, reverse=True)
        giant = sorted(components[0])
        sample = random.Random(2024).sample(giant, min(400, len(giant)))
        nx_entries = sorted(set(range(peers.n)) - set(giant)) + sorted(sample)
        print(f"# {case}: NetworkX path measures on {len(nx_entries)} nodes "
              f"(outside the giant component of {len(giant)}, plus a sample of "
              f"{len(sample)}); --slow for all")
    expect = Expect(peers, nx_entries, nx_path_limit=nx_entries is not None)

    by_spec = {}
    for result in results:
        spec = result["spec"]
        if "error" in result:
            checker.fail(case, spec, "error: " + result["error"])
            continue
        by_spec[spec] = result
        measure, options = spec_options(spec)
        if "nodes" in options:
            continue
        ours = np.array([np.nan if v is None else v for v in
                         result.get("values", [result.get("value")])], dtype=float)
        if "values" in result:
            checker.require(case, spec + ": one value per vertex, in vertex order",
                            result["nodes"] == ids)
        spec_started = time.time()
        for label, expected in getattr(expect, measure)(options):
            expected = np.asarray(expected, dtype=float)
            entries = None
            if nx_entries is not None and label.startswith("networkx") and \
                    measure in ("closeness", "harmonic"):
                entries = nx_entries
            checker.compare(case, f"{spec} vs {label}", ours, expected, entries)
        if checker.verbose:
            print(f"#    peers for '{spec}': {time.time() - spec_started:.1f} s")
        if nx_entries is not None and measure == "betweenness" and "cutoff" not in options:
            # Betweenness lives in components: outside the giant one, the
            # NetworkX value of a node is that of its own component.
            comp_nodes = [i for i in nx_entries if i not in set(giant)]
            sub = peers.nx_collapse.subgraph(comp_nodes)
            attr = Expect.length_attr(options)
            b = nx.betweenness_centrality(sub, weight=attr if attr != "weight" else "weight",
                                          normalized=False)
            expected = np.full(peers.n, np.nan)
            for i, value in b.items():
                expected[i] = value
            if options.get("normalized") == "1" and peers.n > 2:
                expected = expected / ((peers.n - 1) * (peers.n - 2) / 2)
            checker.compare(case, f"{spec} vs networkx betweenness_centrality "
                            f"(components outside the giant one)", ours, expected,
                            comp_nodes)

    # Subsets equal the full run (same options) on their nodes.
    for spec, result in by_spec.items():
        measure, options = spec_options(spec)
        if "nodes" not in options:
            continue
        def normal(opts):
            return {**DEFAULTS[measure], **{k: v for k, v in opts.items() if k != "nodes"}}
        full = next((r for s, r in by_spec.items()
                     if spec_options(s)[0] == measure and "nodes" not in s and
                     normal(spec_options(s)[1]) == normal(options)), None)
        if full is None:
            checker.fail(case, spec, "no full run with the same options")
            continue
        asked = options["nodes"].split(",")
        want = [full["values"][ids.index(x)] for x in asked]
        checker.require(case, spec + " equals the full run on its nodes",
                        result["values"] == want and result["nodes"] == asked)
    # Ranks are the competition ranks of the values: 1 + the number of
    # strictly greater values; NaN (null) after every number.
    bad_ranks = []
    for spec, result in by_spec.items():
        if "values" not in result:
            continue
        values = result["values"]
        numbers = sorted((v for v in values if v is not None), reverse=True)
        greater = {}
        for k, v in enumerate(numbers):
            greater.setdefault(v, k)
        ranks = [1 + greater[v] if v is not None else 1 + len(numbers)
                 for v in values]
        if ranks != result["ranks"]:
            bad_ranks.append(spec)
    checker.require(case, "ranks are the competition ranks of the values",
                    not bad_ranks, f"wrong in {bad_ranks[:3]}")
    print(f"# {case}: {len(results)} specs on {peers.n} vertices, "
          f"{len(peers.edges)} edges ({'directed' if peers.directed else 'undirected'}"
          f"{', multigraph' if peers.multi else ''}) in {time.time() - started:.1f} s",
          flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("driver")
    parser.add_argument("--only", choices=["generated", "real"])
    parser.add_argument("--slow", action="store_true",
                        default=os.environ.get("CITYNET_CROSSCHECK_SLOW") == "1")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--convert", choices=["auto", "import", "harness"],
                        default="auto",
                        help="how the real network becomes a bundle: `citynet "
                             "import pairs` ($CITYNET_CLI) when available "
                             "(auto), or the harness's own conversion")
    args = parser.parse_args()
    checker = Checker(args.verbose)

    with tempfile.TemporaryDirectory(prefix="citynet-crosscheck-") as tmp:
        tmp = Path(tmp)
        if args.only != "real":
            cases = [
                ("undirected-dyadic-1", dict(seed=1), []),
                ("undirected-dyadic-2", dict(seed=2, n=150, blocs=4), []),
                ("directed-dyadic-3", dict(seed=3, directed_share=0.6), []),
                ("directed-dyadic-4", dict(seed=4, directed_share=1.0, p_in=0.2), []),
                ("undirected-continuous-5", dict(seed=5, weights="continuous"), []),
                ("directed-continuous-6", dict(seed=6, weights="continuous",
                                               directed_share=0.5), []),
                ("multigraph-7", dict(seed=7, parallel_share=0.4),
                 ["--combine", "none"]),
                ("directed-multigraph-8", dict(seed=8, parallel_share=0.3,
                                               directed_share=0.5),
                 ["--combine", "none"]),
                ("forced-undirected-9", dict(seed=9, directed_share=0.7),
                 ["--direction", "undirected"]),
            ]
            for name, params, view_args in cases:
                nodes, ties, countries = generate(**params)
                bundle = write_bundle(tmp / name, nodes, ties, countries)
                run_case(checker, args.driver, name, bundle, view_args)
        if args.only != "generated":
            source = SHARED_DATA / "hekman-twincities" / "twin_cities_geocoded.csv"
            if not source.exists():
                print(f"# SKIP real network: {source} is absent (../shared/data "
                      f"is not next to this checkout)")
                if args.only == "real":
                    return 77
            else:
                cli = os.environ.get("CITYNET_CLI")
                use_import = args.convert == "import" or (
                    args.convert == "auto" and have_import(cli))
                if use_import:
                    bundle = import_twin_cities(cli, tmp / "twin-cities")
                else:
                    bundle = twin_cities_bundle(tmp / "twin-cities")
                run_case(checker, args.driver, "twin-cities", bundle, [],
                         real=True, slow=args.slow)

    print("# measure       peer            values  max rel diff  max abs diff  tolerance")
    print("#                                       (>= 1e-3 max)  (/ max)      used")
    for (measure, peer), (count, rel_max, abs_max, used) in sorted(checker.stats.items()):
        print(f"# {measure:13s} {peer:15s} {count:7d}  {rel_max:12.2g}  {abs_max:12.2g}"
              f"  {used:9.2g}")
    print(f"# {checker.passed} checks passed, {len(checker.failures)} failed")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
