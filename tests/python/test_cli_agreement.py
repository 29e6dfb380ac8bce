"""The binding and the citynet command agree: composition rows and totals
from Python equal `citynet report ... --format json`.

The command is $CITYNET_CLI (meson sets it to build/tools/citynet); the
tests skip with a message when it is not built.
"""

import json

import pytest

import citynet
from conftest import run_command, small_network



def cli_report(bundle, focus, *options):
    return json.loads(run_command("report", bundle, "--focus", focus,
                                  "--format", "json", *options,
                                  timeout=120).stdout)


def compare(composition, report):
    assert report["focus"]["id"] == composition.focus.id
    d = composition.to_dict()
    assert report["totals"]["ties"] == d["totals"]["ties"]
    assert report["totals"]["partners"] == d["totals"]["partners"]
    assert report["totals"]["weight"] == pytest.approx(d["totals"]["weight"],
                                                       rel=1e-12)
    cli_rows = [{k: v for k, v in row.items() if k != "label"}
                for row in report["rows"]]
    assert len(cli_rows) == len(d["rows"])
    for ours, theirs in zip(d["rows"], cli_rows):
        for key in ("dimension", "layer", "key", "ties", "partners"):
            assert ours[key] == theirs[key], (ours, theirs)
        for key in ("weight", "tie_share", "weight_share"):
            assert ours[key] == pytest.approx(theirs[key], rel=1e-12), key


CASES = [
    ({"start": "2019-06-23", "end": "2024-03-31"},
     ["--from", "2019-06-23", "--to", "2024-03-31"]),
    ({}, []),
    ({"at": "2021"}, ["--at", "2021"]),
    ({"layers": ["sister", "visit"], "direction": "undirected"},
     ["--layers", "sister,visit", "--direction", "undirected"]),
    ({"kinds": ["city"], "combine": "none"},
     ["--kinds", "city", "--combine", "none"]),
]


@pytest.mark.parametrize("view_args,cli_args", CASES)
def test_small_network_agrees(tmp_path, view_args, cli_args):
    net = small_network()
    net.save(tmp_path / "b")
    loaded = citynet.load(tmp_path / "b")
    composition = loaded.view(**view_args).composition("istanbul")
    compare(composition, cli_report(tmp_path / "b", "istanbul", *cli_args))


@pytest.mark.parametrize("focus", ["istanbul", "turkey-government"])
def test_istanbul_agrees(istanbul_path, focus):
    n = citynet.load(istanbul_path)
    try:
        n.find(focus)
    except citynet.NotFoundError:
        pytest.skip(f"data/istanbul has no node {focus!r}")
    composition = n.view(start="2019-06-23", end="2024-03-31").composition(focus)
    compare(composition, cli_report(istanbul_path, focus, "--from",
                                    "2019-06-23", "--to", "2024-03-31"))
