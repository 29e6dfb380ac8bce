"""Memory: every C object the binding makes is released. Thousands of
networks, views, compositions, problem lists and errors are created and
dropped; the resident set size must stay flat after a warm-up."""


import pytest

import citynet
from conftest import (assert_memory_flat, skip_if_sanitized, small_network,
                      write_bundle)

WINDOW = dict(start="2019-06-23", end="2024-03-31")

pytestmark = skip_if_sanitized


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

    assert_memory_flat(step, warmup=200, rounds=2000)


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

    assert_memory_flat(step, warmup=300, rounds=3000)


def test_graphml_and_save(tmp_path):
    n = small_network()
    v = n.view()

    def step():
        v.write_graphml(tmp_path / "v.graphml")
        n.save(tmp_path / "b")

    assert_memory_flat(step, warmup=10, rounds=100)
