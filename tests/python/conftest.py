"""Shared fixtures of the Python binding's tests (run by meson as the
'python' suite; by hand: PYTHONPATH=build/bindings/python /usr/bin/python3
-m pytest -q tests/python)."""

import gc
import json
import os
import subprocess
from pathlib import Path

import pytest

import citynet

SOURCE_ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT",
                                  Path(__file__).resolve().parents[2]))
ISTANBUL = SOURCE_ROOT / "data" / "istanbul"
CLI = os.environ.get("CITYNET_CLI")

# Memory tests measure the resident set size, which says nothing in a
# sanitized build.
skip_if_sanitized = pytest.mark.skipif(
    bool(os.environ.get("CITYNET_SANITIZED")),
    reason="RSS is not meaningful under AddressSanitizer (freed memory is "
           "quarantined); ASan checks the C side itself in that build")


def rss_bytes():
    """The resident set size of this process, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_growth(step, warmup, rounds):
    """Runs step() warmup times, then rounds times; returns the growth of
    RSS over the measured rounds."""
    for _ in range(warmup):
        step()
    gc.collect()
    before = rss_bytes()
    for _ in range(rounds):
        step()
    gc.collect()
    return rss_bytes() - before


def assert_memory_flat(step, warmup, rounds, limit=2 * 1024 * 1024):
    """Fails when RSS grows by limit bytes or more over rounds calls of
    step() made after warmup calls."""
    growth = memory_growth(step, warmup, rounds)
    assert growth < limit, f"RSS grew by {growth / 1e6:.1f} MB"


def run_command(*args, timeout=300):
    """Runs the citynet command ($CITYNET_CLI) with args, asserts that it
    succeeded and returns the finished process; skips the test when the
    command is not built."""
    if not CLI or not os.path.exists(CLI):
        pytest.skip("the citynet command is not built (CITYNET_CLI unset or "
                    "missing); nothing to compare with")
    result = subprocess.run([CLI, *map(str, args)], capture_output=True,
                            timeout=timeout,
                            env=dict(os.environ, OMP_NUM_THREADS="1"))
    assert result.returncode == 0, result.stderr.decode()
    return result


def run_cli(*args):
    """The JSON the citynet command prints for args + --format json."""
    return json.loads(run_command(*args, "--format", "json").stdout)


def write_bundle(directory, nodes, ties, countries=None, groups=None,
                 kinds=None):
    """Writes a bundle from CSV texts (str, or bytes for raw content) and
    returns its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    files = {"nodes.csv": nodes, "ties.csv": ties,
             "countries.csv": countries, "country_groups.csv": groups,
             "kinds.csv": kinds}
    for name, text in files.items():
        if text is None:
            continue
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (directory / name).write_bytes(data)
    return directory


def small_network():
    """A hand-made network whose composition is known (see test_view.py).

    Countries: TUR (no group), GRC (EU 1981-, NATO 1952-), FRA (EU 1958-,
    NATO 1949-), UKR (no group). Ties of istanbul, inside 2019-06-23 ..
    2024-03-31: sister athens (2021), sister paris (1965-, open), member b40
    (2021-11-29, directed, weight 1), aid odessa (2022-03, weight 10,
    directed), visit athens (2023-05-01, weight 2). Outside the window:
    sister rome (1990-2000). Not incident: ankara-athens visit.
    """
    n = citynet.Network()
    for code, name in (("TUR", "Türkiye"), ("GRC", "Greece"),
                       ("FRA", "France"), ("UKR", "Ukraine"),
                       ("ITA", "Italy")):
        n.add_country(code, name)
    n.set_country_attribute("GRC", "un_agreement", 0.73)
    n.add_country_group("GRC", "EU", "1981-01-01")
    n.add_country_group("GRC", "NATO", "1952")
    n.add_country_group("FRA", "EU", "1958")
    n.add_country_group("FRA", "NATO", "1949", "1966")
    n.add_country_group("FRA", "NATO", "2009")
    n.add_country_group("ITA", "EU", "1958")
    n.add_node("istanbul", "city", name="İstanbul", country="TUR",
               lat=41.01, lon=28.97, population=15_655_924, mayor="İmamoğlu")
    n.add_node("ankara", "city", name="Ankara", country="TUR")
    n.add_node("athens", "city", name="Athens", country="GRC")
    n.add_node("paris", "city", name="Paris", country="FRA")
    n.add_node("rome", "city", name="Rome", country="ITA")
    n.add_node("odessa", "city", name="Odesa", country="UKR")
    n.add_node("b40", "organisation", name="B40 Balkan Cities Network")
    n.add_node("turkey-government", "government", name="Government of Türkiye",
               country="TUR")
    n.add_tie("istanbul", "athens", "sister", start="2021", ref="§4.2")
    n.add_tie("istanbul", "paris", "sister", start="1965")
    n.add_tie("istanbul", "b40", "member", directed=True, start="2021-11-29",
              ref="§4.9", role="founder")
    n.add_tie("istanbul", "odessa", "aid", weight=10, directed=True,
              start="2022-03", end="2022-03")
    n.add_tie("athens", "istanbul", "visit", weight=2, start="2023-05-01",
              end="2023-05-01")
    n.add_tie("istanbul", "rome", "sister", start="1990", end="2000")
    n.add_tie("turkey-government", "athens", "visit", start="2021-04",
              end="2021-04")
    return n


def city_network(ids, ties, layer="sister"):
    """A network of cities ``ids`` (country TUR) with ``ties`` given as
    (source, target, weight, directed) in ``layer``."""
    n = citynet.Network()
    n.add_country("TUR", "Türkiye")
    for node in ids:
        n.add_node(node, "city", country="TUR")
    for source, target, weight, directed in ties:
        n.add_tie(source, target, layer, weight=weight, directed=directed)
    return n


@pytest.fixture
def net():
    """A fresh copy of small_network()."""
    return small_network()


@pytest.fixture
def istanbul_path():
    """data/istanbul, skipping the test when the bundle is absent."""
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent (the Istanbul bundle is not in "
                    "this checkout)")
    return ISTANBUL
