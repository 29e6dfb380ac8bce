"""What the benchmark drivers share: finding the programs of a build
directory and importing the Wikipedia sister-city list once.

The drivers (bench_*.py) run from the source tree with /usr/bin/python3 and
import this module from their own directory.
"""

import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
#: The Wikipedia twin-city pair list of ../shared/data (see its README).
TWINS = os.path.join(ROOT, "..", "shared", "data", "hekman-twincities",
                     "twin_cities_geocoded.csv")


def find_build_tools(script, build, programs, overrides=()):
    """Returns the paths of ``programs`` (paths relative to a build
    directory, e.g. "bench/gen-bundle") in one build directory.

    ``build`` is the directory the user named (or None: $CITYNET_BUILD_DIR,
    else the most recently modified ``build*`` directory of the source tree
    that has them all). ``overrides`` holds user-given paths, one per
    program (None where not given); a given path wins. Exits with a message
    naming ``script`` when the programs are not built."""
    overrides = list(overrides) or [None] * len(programs)
    if all(overrides):
        return overrides
    if build:
        candidates = [build]
    elif os.environ.get("CITYNET_BUILD_DIR"):
        candidates = [os.environ["CITYNET_BUILD_DIR"]]
    else:
        candidates = sorted((os.path.join(ROOT, d) for d in os.listdir(ROOT)
                             if d.startswith("build")),
                            key=lambda d: -os.path.getmtime(d))
    for directory in candidates:
        paths = [os.path.join(directory, p) for p in programs]
        if all(os.access(p, os.X_OK) for p in paths):
            return [given or found for given, found in zip(overrides, paths)]
    raise SystemExit(f"{script}: {', '.join(programs)} not found; build with "
                     "ninja and pass --build BUILDDIR")


def import_twins(script, cli, workdir):
    """Returns a bundle of the Wikipedia twin-city list imported with
    ``citynet import pairs`` into WORKDIR/twins (reused when present).
    Exits with a message naming ``script`` when ../shared/data is absent."""
    bundle = os.path.join(workdir, "twins")
    if os.path.isfile(os.path.join(bundle, "ties.csv")):
        return bundle
    if not os.path.isfile(TWINS):
        raise SystemExit(f"{script}: {TWINS} is absent; pass --bundle DIR")
    os.makedirs(workdir, exist_ok=True)
    started = time.monotonic()
    subprocess.run([cli, "import", "pairs", TWINS, "-o", bundle, "--quiet"],
                   check=True, capture_output=True, timeout=900)
    print(f"imported the Wikipedia twin-city list in "
          f"{time.monotonic() - started:.2f} s -> {bundle}")
    return bundle
