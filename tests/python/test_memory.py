"""Memory: every C object the binding makes is released. Thousands of
networks, views, compositions, problem lists and errors are created and
dropped; the resident set size must stay flat after a warm-up."""

import gc
import os

import pytest

import citynet
from conftest import small_network, write_bundle

WINDOW = dict(start="2019-06-23", end="2024-03-31")

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("CITYNET_SANITIZED")),
    reason="RSS is not meaningful under AddressSanitizer (freed memory is "
           "quarantined); ASan checks the C side itself in that build")


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(step, warmup, rounds):
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


LIMIT = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    root = tmp_path_factory.mktemp("memory")
    good = root / "good"
    small_network().save(good)
    nodes = (good / "nodes.csv").read_text(encoding="utf-8")
    bad = write_bundle(root / "bad", nodes,
                       "source,target,layer,weight,directed,start,end,ref\n"
                       "istanbul,nowhere,aid,1,false,,,\n"
                       "istanbul,athens,aid,-1,false,,,\n",
                       (good / "countries.csv").read_text(encoding="utf-8"))
    return good, bad


def test_networks_views_compositions(bundles):
    good, _ = bundles

    def step():
        n = small_network()
        v = n.view(**WINDOW)
        c = v.composition("istanbul")
        assert c.totals.ties == 5
        sub = v.to_network()
        assert len(list(sub.ties)) == 6
        list(v.edges)
        n2 = citynet.load(good)
        n2.view(combine="none").composition(0)
        n.groups_at("athens", "2020")

    growth = measure(step, 200, 2000)
    assert growth < LIMIT, f"RSS grew by {growth / 1e6:.1f} MB"


def test_errors_and_problem_lists(bundles):
    _, bad = bundles
    n = small_network()

    def step():
        with pytest.raises(citynet.DataError):
            citynet.load(bad)
        assert len(citynet.validate(bad)) == 2
        with pytest.raises(citynet.UsageError):
            n.add_tie("istanbul", "athens", "x", weight=0)
        with pytest.raises(citynet.NotFoundError):
            n.find("nowhere-at-all")
        with pytest.raises(citynet.NotFoundError):
            n.view(layers="none-such")
        with pytest.raises(citynet.UsageError):
            n.view(start="2019-02-30")

    growth = measure(step, 300, 3000)
    assert growth < LIMIT, f"RSS grew by {growth / 1e6:.1f} MB"


def test_graphml_and_save(tmp_path):
    n = small_network()
    v = n.view()

    def step():
        v.write_graphml(tmp_path / "v.graphml")
        n.save(tmp_path / "b")

    growth = measure(step, 10, 100)
    assert growth < LIMIT, f"RSS grew by {growth / 1e6:.1f} MB"
