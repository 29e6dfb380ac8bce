#!/usr/bin/python3
"""Loading benchmark: libcitynet's bundle loader against python-igraph and
NetworkX on the same synthetic bundles.

    /usr/bin/python3 bench/bench_load.py --build build [--sizes 1e5,1e6,1e7]
    /usr/bin/python3 bench/bench_load.py --build build --quick
    /usr/bin/python3 bench/bench_load.py --check-bundle DIR

For each size N the script generates a bundle of N ties with gen-bundle
(cached in --workdir), times `load-bundle` (best of --repeat loads), and
loads the same nodes.csv + ties.csv in fresh Python processes three ways:

  igraph-csv     csv.reader into lists, a dict from node id to index, then
                 igraph.Graph(n, edges, vertex_attrs=..., edge_attrs=...):
                 one constructor call, the fastest plain-Python route.
  igraph-pandas  pandas.read_csv (C parser) and igraph.Graph.DataFrame(...,
                 use_vids=False), the route the python-igraph tutorial shows.
  networkx       csv.DictReader into nx.MultiGraph.add_nodes_from /
                 add_edges_from with per-edge attribute dicts.

Every Python loader converts weight, lat, lon and population to float and
directed to bool, and keeps layer, dates and ref as strings; none of them
validates dates, UTF-8, duplicate ids or self-ties as libcitynet does.
Memory is the growth of the resident set size: retained (after the load and
gc, graph alive) and peak, measured in a fresh process per loader.

Prints the tables, machine facts (nproc, CPU, OMP_NUM_THREADS) and writes
results-<time>.json and results-latest.json to the workdir.
"""

import argparse
import csv
import datetime
import gc
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time

from benchlib import find_build_tools

DEFAULT_SIZES = [10**5, 10**6, 10**7]
PY_LOADERS = ["igraph-csv", "igraph-pandas", "networkx"]
# NetworkX keeps a dict per edge, per node and per adjacency entry: about
# 1 kB per tie retained here (measured at 1e5 and 1e6), so 1e7 ties would
# need 10 GB and many minutes. Above this size it is skipped unless
# --networkx-max says otherwise.
NETWORKX_MAX_DEFAULT = 10**6


# --------------------------------------------------------------------------
# Process memory
# --------------------------------------------------------------------------

def current_rss():
    """Resident set size of this process in bytes (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss():
    """Peak resident set size of this process image in bytes: VmHWM, since
    ru_maxrss is inherited across fork and exec from the parent."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak_rss():
    """Resets VmHWM to the current RSS (Linux >= 4.0), best effort."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


# --------------------------------------------------------------------------
# Python loaders (run in a fresh process each: --worker NAME BUNDLE)
# --------------------------------------------------------------------------

def _float_or_none(text):
    return float(text) if text else None


def load_igraph_csv(bundle):
    import igraph

    ids, kinds, names, countries, lats, lons, pops = [], [], [], [], [], [], []
    with open(os.path.join(bundle, "nodes.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for node_id, kind, name, country, lat, lon, pop in reader:
            ids.append(node_id)
            kinds.append(kind)
            names.append(name)
            countries.append(country or None)
            lats.append(_float_or_none(lat))
            lons.append(_float_or_none(lon))
            pops.append(_float_or_none(pop))
    index = {node_id: i for i, node_id in enumerate(ids)}

    edges, layers, weights, directed, starts, ends, refs = [], [], [], [], [], [], []
    with open(os.path.join(bundle, "ties.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for source, target, layer, weight, is_directed, start, end, ref in reader:
            edges.append((index[source], index[target]))
            layers.append(layer)
            weights.append(float(weight))
            directed.append(is_directed == "true")
            starts.append(start or None)
            ends.append(end or None)
            refs.append(ref or None)
    return igraph.Graph(
        n=len(ids), edges=edges, directed=False,
        vertex_attrs={"name": ids, "kind": kinds, "label": names,
                      "country": countries, "lat": lats, "lon": lons,
                      "population": pops},
        edge_attrs={"layer": layers, "weight": weights, "directed": directed,
                    "start": starts, "end": ends, "ref": refs})


def load_igraph_pandas(bundle):
    import igraph
    import pandas as pd

    text = {"id": str, "kind": str, "name": str, "country": str}
    nodes = pd.read_csv(os.path.join(bundle, "nodes.csv"), dtype=text,
                        keep_default_na=False, na_values={"lat": [""], "lon": [""],
                                                          "population": [""]})
    # Graph.DataFrame names vertices after the first column; the display
    # name would clash with that "name" attribute.
    nodes = nodes.rename(columns={"name": "label"})
    ties = pd.read_csv(os.path.join(bundle, "ties.csv"),
                       dtype={"source": str, "target": str, "layer": str,
                              "start": str, "end": str, "ref": str},
                       true_values=["true"], false_values=["false"])
    ties["directed"] = ties["directed"].astype(bool)
    return igraph.Graph.DataFrame(ties, directed=False, vertices=nodes,
                                  use_vids=False)


def load_networkx(bundle):
    import networkx as nx

    graph = nx.MultiGraph()
    with open(os.path.join(bundle, "nodes.csv"), newline="", encoding="utf-8") as f:
        def nodes():
            for row in csv.DictReader(f):
                node_id = row.pop("id")
                for key in ("lat", "lon", "population"):
                    row[key] = _float_or_none(row[key])
                yield node_id, row
        graph.add_nodes_from(nodes())
    with open(os.path.join(bundle, "ties.csv"), newline="", encoding="utf-8") as f:
        def ties():
            for row in csv.DictReader(f):
                source = row.pop("source")
                target = row.pop("target")
                row["weight"] = float(row["weight"])
                row["directed"] = row["directed"] == "true"
                yield source, target, row
        graph.add_edges_from(ties())
    return graph


WORKERS = {
    "igraph-csv": load_igraph_csv,
    "igraph-pandas": load_igraph_pandas,
    "networkx": load_networkx,
}


def graph_size(graph):
    if hasattr(graph, "vcount"):
        return graph.vcount(), graph.ecount()
    return graph.number_of_nodes(), graph.number_of_edges()


def run_worker(name, bundle):
    """Times one Python loader in this (fresh) process; prints JSON."""
    # Import the libraries first so their own footprint is not counted.
    if name.startswith("igraph"):
        import igraph  # noqa: F401
    if name == "igraph-pandas":
        import pandas  # noqa: F401
    if name == "networkx":
        import networkx  # noqa: F401
    gc.collect()
    reset_peak_rss()
    rss_before = current_rss()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    graph = WORKERS[name](bundle)
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - cpu0
    peak = peak_rss()
    gc.collect()
    rss_after = current_rss()
    vertices, edges = graph_size(graph)
    print(json.dumps({
        "loader": name, "seconds": seconds, "cpu_seconds": cpu_seconds,
        "vertices": vertices,
        "edges": edges, "rss_before_bytes": rss_before,
        "rss_after_bytes": rss_after, "peak_rss_bytes": peak,
        "retained_bytes": rss_after - rss_before,
        "peak_delta_bytes": peak - rss_before,
    }))


# --------------------------------------------------------------------------
# Bundle checker (format rules), used to test the generator
# --------------------------------------------------------------------------

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text):
    """(first_day, last_day) as YYYYMMDD ints, None for "", or ValueError."""
    if text == "":
        return None
    m = DATE_RE.match(text)
    if not m:
        raise ValueError("bad date %r" % text)
    year = int(m.group(1))
    if year < 1:
        raise ValueError("bad year %r" % text)
    if m.group(2) is None:
        return year * 10000 + 101, year * 10000 + 1231
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError("bad month %r" % text)
    last = (datetime.date(year + month // 12, month % 12 + 1, 1)
            - datetime.timedelta(days=1)).day
    if m.group(3) is None:
        return (year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last)
    day = int(m.group(3))
    datetime.date(year, month, day)  # raises ValueError for 2023-02-30
    value = year * 10000 + month * 100 + day
    return value, value


def packed(text):
    """The CitynetDate packing (unknown month/day = 00), 0 for open."""
    if not text:
        return 0
    parts = [int(p) for p in text.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def check_spell(start, end, where, problems):
    try:
        s, e = parse_date(start), parse_date(end)
    except ValueError as exc:
        problems.append("%s: %s" % (where, exc))
        return None
    # end >= start both by packed value and by covered days.
    if s and e and (packed(end) < packed(start) or e[1] < s[0]):
        problems.append("%s: end %s before start %s" % (where, end, start))
    return s, e


def read_csv(path, header):
    with open(path, newline="", encoding="utf-8", errors="strict") as f:
        reader = csv.reader(f)
        got = next(reader)
        if got != header:
            raise SystemExit("%s: header %r, expected %r" % (path, got, header))
        yield from enumerate(reader, start=2)


def check_bundle(bundle, stats=True):
    """Checks the format rules; prints a summary; returns the problems."""
    problems = []
    codes = set()
    for line, row in read_csv(os.path.join(bundle, "countries.csv"),
                              ["iso3", "name"]):
        if not re.fullmatch(r"[A-Z]{3}", row[0]) or row[0] in codes or not row[1]:
            problems.append("countries.csv:%d: bad or duplicate %r" % (line, row))
        codes.add(row[0])

    spells = {}
    for line, row in read_csv(os.path.join(bundle, "country_groups.csv"),
                              ["iso3", "group", "start", "end", "ref"]):
        where = "country_groups.csv:%d" % line
        if row[0] not in codes or not row[1]:
            problems.append("%s: unknown country or empty group %r" % (where, row))
        days = check_spell(row[2], row[3], where, problems)
        if days:
            first = days[0][0] if days[0] else 0
            last = days[1][1] if days[1] else 99991231
            spells.setdefault((row[0], row[1]), []).append((first, last, where))
    for key, items in spells.items():
        items.sort()
        for a, b in zip(items, items[1:]):
            if b[0] <= a[1]:
                problems.append("%s: spell overlaps %s for %s" % (b[2], a[2], key))

    ids = {}
    kinds = {"city": 0, "organisation": 0, "government": 0}
    for line, row in read_csv(os.path.join(bundle, "nodes.csv"),
                              ["id", "kind", "name", "country", "lat", "lon",
                               "population"]):
        where = "nodes.csv:%d" % line
        node_id, kind, name, country, lat, lon, pop = row
        if not node_id or node_id in ids:
            problems.append("%s: empty or duplicate id %r" % (where, node_id))
        ids[node_id] = len(ids)
        if kind not in kinds:
            problems.append("%s: unknown kind %r" % (where, kind))
        else:
            kinds[kind] += 1
        if country and country not in codes:
            problems.append("%s: undeclared country %r" % (where, country))
        if not country and kind != "organisation":
            problems.append("%s: %s without a country" % (where, kind))
        if (lat == "") != (lon == ""):
            problems.append("%s: only one coordinate" % where)
        if lat and not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            problems.append("%s: coordinates out of range" % where)
        if pop and not float(pop) >= 0:
            problems.append("%s: negative population" % where)

    degree = [0] * len(ids)
    layers = {}
    n_ties = n_end = n_ref = n_decimal = n_quoted_ref = 0
    precision = {4: 0, 7: 0, 10: 0}
    for line, row in read_csv(os.path.join(bundle, "ties.csv"),
                              ["source", "target", "layer", "weight",
                               "directed", "start", "end", "ref"]):
        where = "ties.csv:%d" % line
        source, target, layer, weight, directed, start, end, ref = row
        n_ties += 1
        if source not in ids or target not in ids:
            problems.append("%s: unknown endpoint %r/%r" % (where, source, target))
            continue
        if source == target:
            problems.append("%s: self-tie %r" % (where, source))
        degree[ids[source]] += 1
        degree[ids[target]] += 1
        if not layer:
            problems.append("%s: empty layer" % where)
        layers[layer] = layers.get(layer, 0) + 1
        w = float(weight)
        if not (w > 0 and w < float("inf")):
            problems.append("%s: weight %r" % (where, weight))
        n_decimal += "." in weight
        if directed not in ("true", "false"):
            problems.append("%s: directed %r" % (where, directed))
        check_spell(start, end, where, problems)
        if start:
            precision[len(start)] = precision.get(len(start), 0) + 1
        n_end += end != ""
        n_ref += ref != ""
        n_quoted_ref += "," in ref

    if stats:
        nonzero = sorted((d for d in degree if d), reverse=True)
        print("bundle %s: %d nodes %s, %d countries, %d group spells, %d ties"
              % (bundle, len(ids), kinds, len(codes),
                 sum(len(v) for v in spells.values()), n_ties))
        print("  layers %s" % dict(sorted(layers.items(), key=lambda kv: -kv[1])))
        print("  end dates %.1f%%, refs %.1f%% (%.1f%% quoted), decimal weights "
              "%.1f%%, start precision %s"
              % (100.0 * n_end / n_ties, 100.0 * n_ref / n_ties,
                 100.0 * n_quoted_ref / n_ties, 100.0 * n_decimal / n_ties,
                 precision))
        if nonzero:
            print("  degree: mean %.1f, median %d, max %d, isolated nodes %d"
                  % (2.0 * n_ties / len(ids), nonzero[len(nonzero) // 2],
                     nonzero[0], len(ids) - len(nonzero)))
        structure_stats(bundle, ids, len(ids))
    for p in problems[:20]:
        print("  PROBLEM " + p)
    print("  %d problems" % len(problems))
    return problems


def structure_stats(bundle, ids, n):
    """Power-law exponent and clustering of the simple graph (python-igraph)."""
    try:
        import igraph
    except ImportError:
        return
    edges = []
    for _, row in read_csv(os.path.join(bundle, "ties.csv"),
                           ["source", "target", "layer", "weight", "directed",
                            "start", "end", "ref"]):
        edges.append((ids[row[0]], ids[row[1]]))
    g = igraph.Graph(n=n, edges=edges).simplify()
    fit = igraph.power_law_fit([d for d in g.degree() if d > 0])
    er = igraph.Graph.Erdos_Renyi(n=n, m=g.ecount())
    print("  simple graph: %d edges, degree power-law alpha %.2f (xmin %d), "
          "transitivity %.4f (random graph of the same size %.5f)"
          % (g.ecount(), fit.alpha, fit.xmin, g.transitivity_undirected(),
             er.transitivity_undirected()))


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def parse_size(text):
    text = text.strip().lower().replace("10^", "1e")
    value = float(text)
    if value < 1 or value != int(value):
        raise argparse.ArgumentTypeError("bad size %r" % text)
    return int(value)


def ensure_bundle(gen, workdir, ties, seed):
    """Generates the bundle unless an identical one is cached."""
    version = subprocess.run([gen, "--version"], check=True, capture_output=True,
                             text=True).stdout.strip()
    bundle = os.path.join(workdir, "bundle-%d-seed%d" % (ties, seed))
    stamp_path = os.path.join(bundle, "gen-params.json")
    params = {"ties": ties, "seed": seed, "generator": version}
    try:
        with open(stamp_path) as f:
            if json.load(f) == params and all(
                    os.path.exists(os.path.join(bundle, name))
                    for name in ("nodes.csv", "ties.csv", "countries.csv",
                                 "country_groups.csv")):
                return bundle, None
    except (OSError, ValueError):
        pass
    t0 = time.perf_counter()
    subprocess.run([gen, "--ties", str(ties), "--seed", str(seed), "-o", bundle],
                   check=True)
    seconds = time.perf_counter() - t0
    with open(stamp_path, "w") as f:
        json.dump(params, f)
    return bundle, seconds


def run_json(cmd, env, timeout):
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip() or "exit %d" % proc.returncode)[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine_info(env):
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    # Package metadata, not imports: the driver stays small, so its memory
    # does not colour the children's.
    import importlib.metadata
    versions = {}
    for module in ("igraph", "networkx", "pandas"):
        try:
            versions[module] = importlib.metadata.version(module)
        except importlib.metadata.PackageNotFoundError:
            versions[module] = None
    mem = None
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    with open("/proc/loadavg") as f:
        loadavg = " ".join(f.read().split()[:3])
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_bytes": mem,
            "loadavg": loadavg,
            "omp_num_threads": env.get("OMP_NUM_THREADS"),
            "python": platform.python_version(), "platform": platform.platform(),
            "versions": versions}


def fmt_ratio(py, citynet_seconds, key):
    """"12.3 s (9x)": a Python loader's time and its ratio to citynet's."""
    if not py:
        return "-"
    if key not in py:
        return "skipped" if "skipped" in py else "error"
    return "%.2f s (%.0fx)" % (py[key], py[key] / citynet_seconds)


def fmt_bytes_per_tie(value, ties):
    return "-" if value is None else "%.0f" % (value / ties)


def fmt_opt(value, pattern):
    return "-" if value is None else pattern % value


def print_tables(results, info):
    print()
    print("machine: %d CPUs (nproc), %s, %.0f GB RAM; OMP_NUM_THREADS=%s; "
          "Python %s, python-igraph %s, NetworkX %s, pandas %s"
          % (info["nproc"], info["cpu"], (info["memory_bytes"] or 0) / 2**30,
             info["omp_num_threads"], info["python"],
             info["versions"]["igraph"], info["versions"]["networkx"],
             info["versions"]["pandas"]))
    print("load average at the start: %s" % info.get("loadavg", "?"))
    ok = [r for r in results if "error" not in r["citynet"]]
    for r in results:
        if "error" in r["citynet"]:
            print("%d ties: citynet failed: %s" % (r["ties"], r["citynet"]["error"][:300]))

    print()
    print("libcitynet (best of the repeated loads; B/tie = heap growth per tie, "
          "B/tie-str = the same without the distinct strings' bytes):")
    head = ("%-9s %-9s %-9s %-9s %-11s %-8s %-9s %-11s"
            % ("ties", "wall", "ties/s", "cpu", "ties/cpu-s", "B/tie",
               "B/tie-str", "peak RSS"))
    print(head)
    print("-" * len(head))
    for r in ok:
        c = r["citynet"]
        print("%-9d %-9s %-9s %-9s %-11s %-8s %-9s %-11s"
              % (r["ties"], "%.3f s" % c["best_seconds"],
                 "%.2fM" % (c["ties_per_second"] / 1e6),
                 "%.3f s" % c["best_cpu_seconds"],
                 "%.2fM" % (c["ties_per_cpu_second"] / 1e6),
                 fmt_opt(c.get("bytes_per_tie"), "%.1f"),
                 fmt_opt(c.get("bytes_per_tie_excluding_strings"), "%.1f"),
                 fmt_opt(None if c.get("peak_rss_bytes") is None
                         else c["peak_rss_bytes"] / 1e6, "%.0f MB")))

    for key, title in (("seconds", "wall time"), ("cpu_seconds", "CPU time")):
        print()
        print("Python loaders, %s (x = times libcitynet's best %s):" % (title, title))
        head = "%-9s %-12s %-19s %-19s %-19s" % ("ties", "citynet", *PY_LOADERS)
        print(head)
        print("-" * len(head))
        for r in ok:
            c = r["citynet"]["best_seconds" if key == "seconds" else "best_cpu_seconds"]
            print("%-9d %-12s %-19s %-19s %-19s" % (
                r["ties"], "%.3f s" % c,
                *(fmt_ratio(r["python"].get(name), c, key) for name in PY_LOADERS)))

    print()
    print("memory, bytes per tie of resident-set growth (retained with the graph "
          "alive / peak during the load):")
    head = "%-9s %-16s %-16s %-16s %-16s" % ("ties", "citynet", *PY_LOADERS)
    print(head)
    print("-" * len(head))
    for r in ok:
        c = r["citynet"]
        n = r["ties"]
        cells = ["%s / %s" % (fmt_bytes_per_tie(c["rss_after_bytes"] - c["rss_before_bytes"], n),
                              fmt_bytes_per_tie(c["peak_rss_delta_bytes"], n))]
        for name in PY_LOADERS:
            p = r["python"].get(name)
            cells.append("-" if not p or "seconds" not in p else "%s / %s" % (
                fmt_bytes_per_tie(p["retained_bytes"], n),
                fmt_bytes_per_tie(p["peak_delta_bytes"], n)))
        print("%-9d %-16s %-16s %-16s %-16s" % tuple([n] + cells))
    skipped = {r["python"][name]["skipped"] for r in results
               for name in PY_LOADERS if "skipped" in r["python"].get(name, {})}
    for reason in sorted(skipped):
        print("note: networkx " + reason)
    print()
    print("targets: >= 2M ties/s and <= 64 bytes per tie plus strings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=lambda s: [parse_size(x) for x in s.split(",")],
                        default=DEFAULT_SIZES,
                        help="comma-separated tie counts (default 1e5,1e6,1e7)")
    parser.add_argument("--quick", action="store_true", help="only 1e5 ties")
    parser.add_argument("--workdir", default="/tmp/citynet-bench",
                        help="bundle cache and results (default /tmp/citynet-bench)")
    parser.add_argument("--build", help="meson build directory with bench/")
    parser.add_argument("--gen", help="path of gen-bundle")
    parser.add_argument("--loader", help="path of load-bundle")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3,
                        help="citynet loads per size; the best is reported")
    parser.add_argument("--no-python", action="store_true",
                        help="time only libcitynet")
    parser.add_argument("--networkx-max", type=parse_size, default=NETWORKX_MAX_DEFAULT,
                        help="largest size loaded into NetworkX (default 1e6)")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds allowed for one loader run")
    parser.add_argument("--check-bundle", metavar="DIR",
                        help="check a bundle's format rules and print its statistics")
    parser.add_argument("--worker", nargs=2, metavar=("LOADER", "BUNDLE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        run_worker(*args.worker)
        return 0
    if args.check_bundle:
        return 1 if check_bundle(args.check_bundle) else 0

    sizes = [10**5] if args.quick else args.sizes
    gen, loader = find_build_tools("bench_load.py", args.build,
                                   ["bench/gen-bundle", "bench/load-bundle"],
                                   [args.gen, args.loader])
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    os.makedirs(args.workdir, exist_ok=True)
    info = machine_info(env)
    print("bench_load: nproc=%d OMP_NUM_THREADS=%s workdir=%s"
          % (info["nproc"], env["OMP_NUM_THREADS"], args.workdir), flush=True)

    results = []
    for ties in sizes:
        bundle, gen_seconds = ensure_bundle(gen, args.workdir, ties, args.seed)
        print("%d ties: bundle %s (%s)" % (
            ties, bundle, "cached" if gen_seconds is None
            else "generated in %.1f s" % gen_seconds), flush=True)
        entry = {"ties": ties, "bundle": bundle, "generate_seconds": gen_seconds,
                 "python": {}}
        entry["citynet"] = run_json([loader, "--repeat", str(args.repeat), bundle],
                                    env, args.timeout)
        print("  citynet: %s" % json.dumps(entry["citynet"]), flush=True)
        for name in [] if args.no_python else PY_LOADERS:
            if name == "networkx" and ties > args.networkx_max:
                entry["python"][name] = {
                    "skipped": "skipped above %d ties: it retains about 1 kB "
                               "per tie (10 GB at 1e7) and takes minutes; raise "
                               "--networkx-max to measure" % args.networkx_max}
                continue
            try:
                entry["python"][name] = run_json(
                    [sys.executable, os.path.abspath(__file__), "--worker", name,
                     bundle], env, args.timeout)
            except subprocess.TimeoutExpired:
                entry["python"][name] = {"error": "timeout after %.0f s" % args.timeout}
            print("  %s: %s" % (name, json.dumps(entry["python"][name])), flush=True)
        results.append(entry)

    print_tables(results, info)
    document = {"machine": info, "repeat": args.repeat, "seed": args.seed,
                "time": datetime.datetime.now().isoformat(timespec="seconds"),
                "results": results}
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in ("results-%s.json" % stamp, "results-latest.json"):
        with open(os.path.join(args.workdir, name), "w") as f:
            json.dump(document, f, indent=1)
    print("results written to %s" % os.path.join(args.workdir, "results-latest.json"))
    return 1 if any("error" in r["citynet"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
