#!/usr/bin/python3
"""Ego-network benchmark: all-nodes structural holes (constraint, effective
size, efficiency, hierarchy), brokerage and UCINET's ego measures on the
Wikipedia sister-city network (issue 5: constraint, effective size and
brokerage for every node in under a second), with NetworkX's constraint()
and effective_size() on the same graph for comparison.

    /usr/bin/python3 bench/bench_ego.py --build build [--repeat 5]

The network: ../shared/data/hekman-twincities/twin_cities_geocoded.csv
imported with `citynet import pairs` (cached in --workdir); or any bundle
with --bundle. The timings come from the test driver tests/ego-dump
("time SPEC" lines): the bundle is loaded and the view built once, then
each computation is timed inside the process (wall clock, best of
--repeat). NetworkX runs once on the graph ego-dump prints (the same
vertices, edges and weights). Results go to
WORKDIR/ego-results-latest.json.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

from benchlib import find_build_tools, import_twins

SPECS = [
    ("holes, whole network, weighted (4 measures)", "holes model=whole weighted=1"),
    ("holes, whole network, unweighted", "holes model=whole weighted=0"),
    ("holes, ego-network model, weighted", "holes model=ego weighted=1"),
    ("brokerage by country, counts + sna model", "brokerage by=country directed=1 permutations=0"),
    ("brokerage by country, 1000 permutations", "brokerage by=country directed=1 permutations=1000 seed=1"),
    ("UCINET ego measures, every node", "ego mode=all"),
]


def run_driver(driver, bundle, lines):
    result = subprocess.run([driver, bundle], input="\n".join(lines) + "\n",
                            capture_output=True, text=True, timeout=3600, check=True)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    return out[0], out[1:]


def networkx_times(header):
    import networkx as nx
    g = nx.DiGraph() if header["directed"] else nx.Graph()
    g.add_nodes_from(range(len(header["vertices"])))
    for a, b, w in header["edges"]:
        g.add_edge(a, b, weight=w)
    times = {}
    for name, func in (("constraint", nx.constraint), ("effective_size", nx.effective_size)):
        start = time.perf_counter()
        func(g, weight="weight")
        times[name] = time.perf_counter() - start
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build")
    parser.add_argument("--driver")
    parser.add_argument("--cli")
    parser.add_argument("--bundle")
    parser.add_argument("--workdir", default="/tmp/citynet-bench")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-networkx", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.makedirs(args.workdir, exist_ok=True)
    driver, cli = find_build_tools("bench_ego.py", args.build,
                                   ["tests/ego-dump", "tools/citynet"],
                                   [args.driver, args.cli])
    bundle = args.bundle or import_twins("bench_ego.py", cli, args.workdir)

    lines = [f"time {spec}" for _, spec in SPECS for _ in range(args.repeat)]
    header, results = run_driver(driver, bundle, lines)
    n, m = len(header["vertices"]), len(header["edges"])
    print(f"# {bundle}: {n} vertices, {m} edges, "
          f"{'directed' if header['directed'] else 'undirected'}")
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} processors, "
          f"load {os.getloadavg()[0]:.2f}, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}")
    table = []
    for label, spec in SPECS:
        times = [r["seconds"] for r in results if r["spec"] == f"time {spec}"]
        errors = [r["error"] for r in results if r["spec"] == f"time {spec}" and "error" in r]
        if errors:
            raise SystemExit(f"bench_ego.py: {spec}: {errors[0]}")
        table.append({"what": label, "spec": spec, "best": min(times),
                      "median": sorted(times)[len(times) // 2]})
    nx_times = {} if args.no_networkx else networkx_times(header)

    print(f"{'computation':48} {'best s':>9} {'median s':>9}")
    for row in table:
        print(f"{row['what']:48} {row['best']:9.4f} {row['median']:9.4f}")
    for name, seconds in nx_times.items():
        print(f"{'NetworkX ' + name + ' (weighted, once)':48} {seconds:9.4f}")
    budget = table[0]["best"] + table[3]["best"]
    print(f"# all-nodes constraint + effective size + brokerage: {budget:.4f} s "
          f"({'under' if budget < 1 else 'OVER'} the 1 s target)")

    record = {"bundle": bundle, "vertices": n, "edges": m, "repeat": args.repeat,
              "processors": os.cpu_count(), "load": os.getloadavg()[0],
              "results": table, "networkx": nx_times, "time": time.time()}
    with open(os.path.join(args.workdir, "ego-results-latest.json"), "w") as f:
        json.dump(record, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
