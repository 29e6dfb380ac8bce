"""Shared fixtures of the Python binding's tests (run by meson as the
'python' suite; by hand: PYTHONPATH=build/bindings/python /usr/bin/python3
-m pytest -q tests/python)."""

import os
from pathlib import Path

import pytest

import citynet

SOURCE_ROOT = Path(os.environ.get("CITYNET_SOURCE_ROOT",
                                  Path(__file__).resolve().parents[2]))
ISTANBUL = SOURCE_ROOT / "data" / "istanbul"


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
