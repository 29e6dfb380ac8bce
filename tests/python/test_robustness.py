"""Odd arguments never reach a g_return_if_fail() in C: every call below
runs in a child interpreter with G_DEBUG=fatal-criticals, so a GLib
critical would abort it."""

import os
import subprocess
import sys
import textwrap

import citynet

SCRIPT = textwrap.dedent(r'''
    import math
    import citynet
    from conftest import small_network

    n = small_network()
    v = n.view()
    odd = ["", " ", "\x01", "İ", "x" * 10000, "\ud800", "a\0b", None, 0, -1,
           2**70, 1.5, b"bytes", [], float("nan")]

    def attempt(call, *args, **kwargs):
        try:
            call(*args, **kwargs)
        except (citynet.CitynetError, TypeError, ValueError, IndexError,
                LookupError, OverflowError):
            pass

    for x in odd:
        attempt(n.find, x)
        attempt(n.nodes.__getitem__, x)
        attempt(n.ties.__getitem__, x)
        attempt(n.countries.__getitem__, x)
        attempt(n.nodes.__contains__, x)
        attempt(n.groups_at, x)
        attempt(n.groups_at, 0, x)
        attempt(n.in_group, x, "EU")
        attempt(n.in_group, "GRC", x)
        attempt(n.in_group, "GRC", "EU", x)
        attempt(n.register_kind, x)
        attempt(n.add_node, x, "organisation")
        attempt(n.add_node, "new", x)
        attempt(n.add_node, "new2", "city", country=x)
        attempt(n.add_node, "new3", "organisation", name=x)
        attempt(n.add_node, "new4", "organisation", lat=x, lon=x)
        attempt(n.add_node, "new5", "organisation", population=x)
        attempt(n.add_node, "new6", "organisation", note=x)
        attempt(n.add_tie, x, "athens", "l")
        attempt(n.add_tie, "istanbul", x, "l")
        attempt(n.add_tie, "istanbul", "athens", x)
        attempt(n.add_tie, "istanbul", "athens", "l", weight=x)
        attempt(n.add_tie, "istanbul", "athens", "l", directed=x)
        attempt(n.add_tie, "istanbul", "athens", "l", start=x)
        attempt(n.add_tie, "istanbul", "athens", "l", end=x)
        attempt(n.add_tie, "istanbul", "athens", "l", ref=x)
        attempt(n.add_country, x)
        attempt(n.add_country, "ZZZ", x)
        attempt(n.add_country_group, x, "EU")
        attempt(n.add_country_group, "GRC", x)
        attempt(n.add_country_group, "GRC", "EU", x)
        attempt(n.set_node_location, x, 0, 0)
        attempt(n.set_node_location, 0, x, 0)
        attempt(n.set_node_population, 0, x)
        attempt(n.set_node_attribute, x, "k", "v")
        attempt(n.set_node_attribute, 0, x, "v")
        attempt(n.set_node_attribute, 0, "k", x)
        attempt(n.set_tie_attribute, x, "k", "v")
        attempt(n.set_tie_attribute, 0, x, "v")
        attempt(n.set_country_attribute, x, "k", 1)
        attempt(n.set_country_attribute, "GRC", x, 1)
        attempt(n.set_country_attribute, "GRC", "k", x)
        attempt(n.view, layers=x)
        attempt(n.view, layers=[x])
        attempt(n.view, kinds=[x])
        attempt(n.view, at=x)
        attempt(n.view, start=x)
        attempt(n.view, end=x)
        attempt(n.view, combine=x)
        attempt(n.view, direction=x)
        attempt(n.view, drop_isolates=x)
        attempt(v.vertex, x)
        attempt(v.vertices.__getitem__, x)
        attempt(v.edges.__getitem__, x)
        attempt(v.ties.__getitem__, x)
        attempt(v.reference_date, x)
        attempt(v.composition, x)
        attempt(v.write_graphml, x)
        attempt(n.save, x)
        attempt(citynet.load, x)
        attempt(citynet.validate, x)
        attempt(citynet.normalize_date, x)
        attempt(citynet.date_active, x, x, x)
    # the network is still consistent and usable
    assert n.view().composition("istanbul").totals.ties >= 6
    print("ok", len(n.nodes), len(n.ties))
''')


def test_no_glib_criticals(tmp_path):
    env = dict(os.environ, G_DEBUG="fatal-criticals")
    env["PYTHONPATH"] = os.pathsep.join([
        os.path.dirname(os.path.abspath(__file__)),
        os.path.dirname(os.path.dirname(os.path.abspath(citynet.__file__)))])
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path,
                            env=env, capture_output=True, timeout=300)
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode == 0, stderr[-3000:]
    assert "CRITICAL" not in stderr and "WARNING" not in stderr, stderr
    assert result.stdout.decode().startswith("ok")
