#!/usr/bin/python3
"""The Python binding's overhead against the citynet command (issue 6).

Acceptance: "the binding's overhead on the 26k-tie Wikipedia network is
within 1.3x of the C command for the same analysis". The Wikipedia
twin-city list (../shared/data/hekman-twincities) is imported once with
`citynet import pairs` into WORKDIR/twins; then each analysis runs both
ways, alternately, best of --repeat:

* C: the command, e.g. `citynet centrality BUNDLE --measure
  pagerank,betweenness --format json -q` (wall time of the process,
  output to a pipe that is read and discarded);
* Python: a fresh `python3` process that imports citynet, loads the
  bundle, makes the view, runs the analysis and converts the result with
  to_dict() (wall time of the whole process, and, measured inside it, the
  time from load to to_dict()).

The analyses: centrality (pagerank and betweenness), and, when the
binding has them (``hasattr(citynet.View, ...)``), structural holes and
Louvain communities; a missing one is skipped and said so. The Python
result is checked against the command's JSON for one node, so both sides
did the same work. A table with the ratios is printed; the results go to
a JSON file (default /tmp/citynet-bench/python-<time>.json).

    /usr/bin/python3 bench/bench_python.py --build build-b5 [--repeat 3]
"""

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import benchlib  # noqa: E402

SCRIPT = "bench_python.py"
LIMIT = 1.3

#: name -> (View method that must exist, command arguments after BUNDLE).
ANALYSES = {
    "centrality": ("centralities", ["centrality", "--measure",
                                    "pagerank,betweenness"]),
    "holes": ("structural_holes", ["holes"]),
    "communities": ("communities", ["communities"]),
}


# ---------------------------------------------------------------------------
# The Python side (run in a child process: python3 bench_python.py --worker)
# ---------------------------------------------------------------------------

def worker(analysis, bundle, node):
    """Runs one analysis the way a user would and prints a JSON line with
    the in-process times and the value checked against the command."""
    started = time.perf_counter()
    import citynet
    imported = time.perf_counter()
    network = citynet.load(bundle)
    view = network.view()
    if analysis == "centrality":
        scores = view.centralities(["pagerank", "betweenness"])
        result = {measure: s.to_dict() for measure, s in scores.items()}
        check = {measure: values.get(node) for measure, values in result.items()}
    elif analysis == "holes":
        result = view.structural_holes().to_dict()
        check = {k: v for k, v in result.get(node, {}).items()
                 if isinstance(v, (int, float)) and not isinstance(v, bool)}
    elif analysis == "communities":
        communities = view.communities()
        result = communities.to_dict()
        check = {"modularity": communities.modularity()}
    else:
        raise SystemExit(f"unknown analysis {analysis}")
    done = time.perf_counter()
    print(json.dumps({"import_s": imported - started,
                      "analysis_s": done - imported, "check": check}))


# ---------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------

def run_timed(argv, env):
    """Runs a process; returns (wall seconds, CPU seconds, stdout text).

    The CPU time (user + system of the child, from getrusage) barely
    depends on what else the machine runs; the wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, timeout=3600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{SCRIPT}: {' '.join(argv)} failed: "
                         f"{result.stderr.decode(errors='replace')}")
    return wall, cpu, result.stdout.decode()


def cli_check(analysis, text):
    """The command's values for the first node it lists (the node the
    Python side reports)."""
    data = json.loads(text)
    if analysis == "communities":
        return None, {"modularity": data["summary"]["modularity"]}
    node = data["rows"][0]["id"]
    return node, {row["measure"]: row["value"] for row in data["rows"]
                  if row["id"] == node}


def agree(ours, theirs):
    for key, value in theirs.items():
        if key in ours and ours[key] is not None and value is not None:
            if not math.isclose(ours[key], value, rel_tol=1e-9, abs_tol=1e-12):
                return False
    return True


def available(build_python, env):
    """The analyses the binding in ``build_python`` offers."""
    probe = ("import citynet, json; print(json.dumps({n: hasattr(citynet.View, m)"
             f" for n, (m, _) in {ANALYSES!r}.items()}}))")
    out = subprocess.run([sys.executable, "-c", probe], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", help="build directory (tools/citynet and "
                        "bindings/python); default: the newest build*/ that has them")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per side and analysis, best reported (default 3)")
    parser.add_argument("--workdir", default="/tmp/citynet-bench",
                        help="bundle cache and results (default /tmp/citynet-bench)")
    parser.add_argument("--bundle", help="use this bundle instead of importing")
    parser.add_argument("--analyses", default=",".join(ANALYSES),
                        help="comma-separated subset of " + ", ".join(ANALYSES))
    parser.add_argument("--output", help="results JSON (default "
                        "WORKDIR/python-<time>.json)")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0

    cli, = benchlib.find_build_tools(SCRIPT, args.build, ["tools/citynet"])
    build = os.path.dirname(os.path.dirname(cli))
    if not os.path.isfile(os.path.join(build, "bindings", "python", "citynet",
                                       "__init__.py")):
        raise SystemExit(f"{SCRIPT}: {build} has no Python binding "
                         "(bindings/python/citynet); build it with ninja")
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    env["PYTHONPATH"] = os.path.join(build, "bindings", "python") + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    # An installed package ships compiled bytecode; a build tree gets it on
    # first import unless bytecode writing is off (as in some sandboxes,
    # where every process would recompile the whole package: 0.15 s). Compile
    # it once here so both sides start like installed software.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    os.path.join(build, "bindings", "python", "citynet")],
                   env=env, check=True)
    bundle = args.bundle or benchlib.import_twins(SCRIPT, cli, args.workdir)
    have = available(build, env)
    wanted = [a.strip() for a in args.analyses.split(",") if a.strip()]
    for name in wanted:
        if name not in ANALYSES:
            raise SystemExit(f"{SCRIPT}: unknown analysis {name!r}")

    load = os.getloadavg()
    print(f"bundle {bundle}; {os.cpu_count()} CPUs, load {load[0]:.2f}, "
          f"OMP_NUM_THREADS={env['OMP_NUM_THREADS']}, best of {args.repeat}")
    # The fixed cost of a Python process that imports the binding.
    runs = [run_timed([sys.executable, "-c", "import citynet"], env)
            for _ in range(max(args.repeat, 3))]
    startup = min(r[0] for r in runs)
    startup_cpu = min(r[1] for r in runs)
    print(f"python3 -c 'import citynet': {startup:.3f} s ({startup_cpu:.3f} s CPU)")

    results = []
    for name in wanted:
        method, command = ANALYSES[name]
        if not have.get(name):
            print(f"{name}: skipped: the binding has no View.{method} yet")
            results.append({"analysis": name, "skipped": f"no View.{method}"})
            continue
        cli_argv = [cli, command[0], bundle, *command[1:], "--format", "json", "-q"]
        c_times, py_times, py_inside, c_cpu, py_cpu = [], [], [], [], []
        node = check_ok = None
        for _ in range(args.repeat):
            wall, cpu, text = run_timed(cli_argv, env)
            c_times.append(wall)
            c_cpu.append(cpu)
            node, expected = cli_check(name, text)
            wall, cpu, text = run_timed([sys.executable, os.path.abspath(__file__),
                                         "--worker", name, bundle, node or "-"], env)
            py_times.append(wall)
            py_cpu.append(cpu)
            report = json.loads(text.strip().splitlines()[-1])
            py_inside.append(report["analysis_s"])
            ok = agree(report["check"], expected)
            check_ok = ok if check_ok is None else (check_ok and ok)
        row = {"analysis": name, "command": " ".join(cli_argv[1:]),
               "c_s": min(c_times), "python_process_s": min(py_times),
               "python_in_process_s": min(py_inside),
               "c_cpu_s": min(c_cpu), "python_cpu_s": min(py_cpu),
               "c_runs": c_times, "python_runs": py_times,
               "c_cpu_runs": c_cpu, "python_cpu_runs": py_cpu,
               "python_in_process_runs": py_inside, "same_values": check_ok}
        row["ratio_process"] = row["python_process_s"] / row["c_s"]
        row["ratio_in_process"] = row["python_in_process_s"] / row["c_s"]
        row["ratio_cpu"] = row["python_cpu_s"] / row["c_cpu_s"]
        row["within_limit"] = row["ratio_process"] <= LIMIT
        results.append(row)
        print(f"{name}: C {row['c_s']:.3f} s ({row['c_cpu_s']:.3f} s CPU), "
              f"Python {row['python_process_s']:.3f} s ({row['python_cpu_s']:.3f} s "
              f"CPU; in process {row['python_in_process_s']:.3f} s)")

    print()
    print(f"{'analysis':<12} {'C s':>9} {'Python s':>9} {'in-proc s':>9} "
          f"{'ratio':>6} {'in-proc':>7} {'C CPU s':>9} {'Py CPU s':>9} "
          f"{'CPU':>5}  same  <= {LIMIT}x")
    for row in results:
        if "skipped" in row:
            print(f"{row['analysis']:<12} skipped ({row['skipped']})")
            continue
        print(f"{row['analysis']:<12} {row['c_s']:9.3f} "
              f"{row['python_process_s']:9.3f} {row['python_in_process_s']:9.3f} "
              f"{row['ratio_process']:6.2f} {row['ratio_in_process']:7.2f} "
              f"{row['c_cpu_s']:9.3f} {row['python_cpu_s']:9.3f} "
              f"{row['ratio_cpu']:5.2f}  "
              f"{'yes' if row['same_values'] else 'NO':<4}  "
              f"{'yes' if row['within_limit'] else 'NO'}")

    print("ratio: Python process / C process (wall); in-proc: load to "
          "to_dict() inside the Python process / C process; CPU: user + "
          "system time of the two processes. A Python process pays "
          f"{startup:.2f} s ({startup_cpu:.2f} s CPU) to start and import "
          "citynet before any work.")
    output = args.output or os.path.join(
        args.workdir, time.strftime("python-%Y%m%d-%H%M%S.json"))
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    document = {"schema": "citynet.bench-python/1", "bundle": bundle,
                "repeat": args.repeat, "limit": LIMIT,
                "python_startup_s": startup,
                "python_startup_cpu_s": startup_cpu, "cpus": os.cpu_count(),
                "load_average": load, "python": platform.python_version(),
                "omp_num_threads": env["OMP_NUM_THREADS"],
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "results": results}
    with open(output + ".tmp", "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2)
    os.replace(output + ".tmp", output)
    print(f"\nresults: {output}")
    measured = [r for r in results if "skipped" not in r]
    headline = [r for r in measured if r["analysis"] == "centrality"]
    if headline:
        verdict = "met" if headline[0]["within_limit"] else "NOT met"
        print(f"acceptance (centrality, whole processes, <= {LIMIT}x): {verdict}")
    ok = all(r["same_values"] for r in measured) and \
        all(r["within_limit"] for r in headline)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
