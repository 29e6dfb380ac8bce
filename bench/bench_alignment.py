#!/usr/bin/python3
"""Alignment benchmark: an E-I permutation test with 10,000 permutations
for one ego, on the Wikipedia sister-city network (issue 5: under a
second), on one thread and on every processor; plus the group- and
network-level test and a two-sample profile with the same number of
permutations, for scale.

    /usr/bin/python3 bench/bench_alignment.py --build build
    ninja -C build bench-alignment

The network: ../shared/data/hekman-twincities/twin_cities_geocoded.csv
imported with `citynet import pairs` (cached in --workdir). Without the
shared data, a bundle can be given with --bundle. The C driver
bench-alignment (bench/bench-alignment.c) loads the bundle once and times
citynet_ei_index_new() (best of --repeat), wall clock and process CPU.
Results go to WORKDIR/alignment-results-latest.json.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

from benchlib import find_build_tools, import_twins


def run_driver(driver, bundle, threads, args):
    command = [driver, bundle, "--permutations", str(args.permutations), "--threads",
               str(threads), "--repeat", str(args.repeat)]
    if args.ego:
        command += ["--ego", args.ego]
    if not args.no_network_test:
        command.append("--network-test")
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", help="build directory (default: newest build*/)")
    parser.add_argument("--driver", help="bench-alignment executable")
    parser.add_argument("--cli", help="citynet executable")
    parser.add_argument("--bundle", help="a bundle to use instead of the twin-city import")
    parser.add_argument("--workdir", default="/tmp/citynet-bench")
    parser.add_argument("--ego", help="ego node id (default: the highest-degree node)")
    parser.add_argument("--permutations", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-network-test", action="store_true",
                        help="skip the group/network-level test")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    driver, cli = find_build_tools("bench_alignment.py", args.build,
                                   ["bench/bench-alignment", "tools/citynet"],
                                   [args.driver, args.cli])
    bundle = args.bundle or import_twins("bench_alignment.py", cli, args.workdir)

    results = []
    for threads in (1, 0):
        result = run_driver(driver, bundle, threads, args)
        results.append(result)
    load = os.getloadavg()
    print(f"machine: {platform.machine()}, {os.cpu_count()} processors, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; OMP_NUM_THREADS="
          f"{os.environ['OMP_NUM_THREADS']}")
    first = results[0]
    print(f"bundle: {bundle}: {first['nodes']} nodes, {first['ties']} ties, "
          f"{first['edges']} edges (loaded in {first['load_seconds']:.2f} s)")
    print(f"ego: {first['ego']} ({first['ego_counted_edges']} counted edges), E-I by country "
          f"{first['ei_ego']:.4f}, p = {first['p_ego']:.4f}")
    print()
    header = f"{'threads':>8} {'ego test (s)':>14} {'cpu (s)':>9}"
    if not args.no_network_test:
        header += f" {'network test (s)':>17} {'cpu (s)':>9}"
    header += f" {'profile (s)':>12}"
    print(header)
    for r in results:
        threads = r["threads"] if r["threads"] else f"all ({r['processors']})"
        line = f"{threads!s:>8} {r['ego_test_wall']:>14.4f} {r['ego_test_cpu']:>9.4f}"
        if not args.no_network_test:
            line += f" {r['network_test_wall']:>17.4f} {r['network_test_cpu']:>9.4f}"
        line += f" {r.get('profile_wall', float('nan')):>12.4f}"
        print(line)
    best = min(r["ego_test_wall"] for r in results)
    verdict = "met" if best < 1.0 else "NOT met"
    print(f"\ntarget: {args.permutations} E-I permutations for one ego in under a second: "
          f"{verdict} (best {best:.4f} s)")
    record = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "load_average": load,
              "omp_num_threads": os.environ["OMP_NUM_THREADS"], "results": results}
    os.makedirs(args.workdir, exist_ok=True)
    with open(os.path.join(args.workdir, "alignment-results-latest.json"), "w",
              encoding="utf-8") as f:
        json.dump(record, f, indent=1)
    return 0 if best < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
