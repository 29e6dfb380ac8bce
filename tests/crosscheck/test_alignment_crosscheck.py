#!/usr/bin/python3
"""Cross-check of `citynet ego` and `citynet align` against a plain Python
reimplementation (docs/alignment.md), run on data/istanbul through the
CLI's JSON output:

- composition by country and group (per layer and all layers): alters,
  ties, weight, shares, fractional shares, Blau and IQV;
- the E-I index by country and for each group: ego, group and network
  rows, counted and weighted, with bounds, rescaled and expected values;
- profiles against a baseline (turkey-government; Istanbul before
  2019-06-23): shares, differences, ratios, Jensen-Shannon divergence,
  Blau, tie-level E-I, affinity mean and quantiles;
- UN General Assembly agreement recomputed from the raw vote file for a few
  country pairs (skipped with a message when ../shared/data is absent);
- permutation results: reproducible with a seed and independent of the
  number of threads.

Environment: CITYNET_CLI (the citynet executable), CITYNET_SOURCE_ROOT,
CITYNET_SHARED_DATA (optional).
"""

import csv
import datetime
import gzip
import json
import math
import os
import subprocess
from collections import defaultdict

import pytest

ROOT = os.environ.get("CITYNET_SOURCE_ROOT",
                      os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CLI = os.environ.get("CITYNET_CLI", os.path.join(ROOT, "build", "tools", "citynet"))
BUNDLE = os.path.join(ROOT, "data", "istanbul")
SHARED = os.environ.get("CITYNET_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
UNVOTES = os.path.join(SHARED, "unvotes")
GROUPS = ["EU", "NATO", "OTS", "OIC"]
FROM, TO = "2019-06-23", "2024-03-31"
TOL = 1e-12


# --------------------------------------------------------------------------
# Running the command
# --------------------------------------------------------------------------

def run_cli(*args):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    out = subprocess.run([CLI, *args, "--format", "json"], capture_output=True, text=True,
                         env=env, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def close(a, b, tol=TOL):
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return (a is None or (isinstance(a, float) and math.isnan(a))) and \
               (b is None or (isinstance(b, float) and math.isnan(b)))
    return abs(a - b) <= tol * (1 + abs(b))


def assert_close(a, b, what, tol=TOL):
    assert close(a, b, tol), f"{what}: citynet {a!r}, python {b!r}"


# --------------------------------------------------------------------------
# The bundle and the date rules (docs/views.md), reimplemented
# --------------------------------------------------------------------------

def read_csv(name):
    with open(os.path.join(BUNDLE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def first_day(text):
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1,
                         parts[2] if len(parts) > 2 else 1)


def last_day(text):
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    year, month = parts
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


class Bundle:
    def __init__(self):
        self.nodes = {r["id"]: r for r in read_csv("nodes.csv")}
        self.order = [r["id"] for r in read_csv("nodes.csv")]
        self.ties = read_csv("ties.csv")
        for t in self.ties:
            t["w"] = float(t["weight"])
            t["dir"] = t["directed"].strip().lower() in ("true", "1", "yes")
        self.declared = {r["iso3"]: r["name"] for r in read_csv("countries.csv")}
        self.spells = defaultdict(list)
        for r in read_csv("country_groups.csv"):
            self.spells[r["iso3"]].append((r["group"], r["start"], r["end"]))
        self.attributes = {}

    def country(self, node):
        return self.nodes[node]["country"] or None

    def in_group(self, node, group, day):
        """Membership on @day (None = now: spells with an open end)."""
        code = self.country(node)
        if code is None or code not in self.declared:
            return False
        for g, start, end in self.spells[code]:
            if g != group:
                continue
            if day is None:
                if not end:
                    return True
                continue
            if (not start or first_day(start) <= day) and (not end or last_day(end) >= day):
                return True
        return False


class View:
    """A view over all kinds and layers with a period, direction auto,
    parallel ties summed."""

    def __init__(self, bundle, start=None, end=None):
        self.b = bundle
        self.start = first_day(start)
        self.end = last_day(end)
        self.ties = [t for t in bundle.ties if self.active(t)]
        self.directed = any(t["dir"] for t in self.ties)
        edges = defaultdict(float)
        for t in self.ties:
            s, d = t["source"], t["target"]
            if self.directed:
                edges[(s, d)] += t["w"]
                if not t["dir"]:
                    edges[(d, s)] += t["w"]
            else:
                key = tuple(sorted((s, d), key=bundle.order.index))
                edges[key] += t["w"]
        self.edges = edges

    def active(self, t):
        s, e = first_day(t["start"]), last_day(t["end"])
        return (s is None or self.end is None or s <= self.end) and \
               (e is None or self.start is None or self.start <= e)

    def reference_date(self, t):
        first = first_day(t["start"])
        if first is not None or self.start is not None:
            return max(d for d in (first, self.start) if d is not None)
        last = last_day(t["end"])
        if last is not None and self.end is not None:
            return min(last, self.end)
        return last if last is not None else self.end

    def label_date(self):
        return self.start if self.start is not None else self.end

    def entries(self, owners):
        out = []
        for t in self.ties:
            for owner, partner in ((t["source"], t["target"]), (t["target"], t["source"])):
                if owner in owners:
                    out.append({"owner": owner, "partner": partner, "tie": t,
                                "layer": t["layer"], "w": t["w"],
                                "day": self.reference_date(t)})
        return out


# --------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------

def partner_groups(bundle, e, groups):
    return [g for g in groups if bundle.in_group(e["partner"], g, e["day"])]


def composition(bundle, view, focus, groups):
    entries = view.entries({focus})
    rows = {}
    layers = sorted({e["layer"] for e in entries})
    for scope in [None] + layers:
        es = [e for e in entries if scope is None or e["layer"] == scope]
        totals = (len({e["partner"] for e in es}), len(es), sum(e["w"] for e in es))
        by_country = defaultdict(lambda: {"partners": set(), "ties": 0, "weight": 0.0})
        for e in es:
            row = by_country[bundle.country(e["partner"]) or ""]
            row["partners"].add(e["partner"])
            row["ties"] += 1
            row["weight"] += e["w"]
        for key, row in by_country.items():
            shares = (len(row["partners"]) / totals[0], row["ties"] / totals[1],
                      row["weight"] / totals[2])
            rows[("country", scope, key)] = (len(row["partners"]), row["ties"], row["weight"],
                                             shares, shares)
        keys = groups + [""]
        tally = {k: [set(), 0, 0.0, 0.0, 0.0] for k in keys}
        unions = defaultdict(set)
        for e in es:
            gs = partner_groups(bundle, e, groups)
            unions[e["partner"]] |= set(gs)
            for k in (gs or [""]):
                tally[k][1] += 1
                tally[k][2] += e["w"]
                tally[k][3] += 1 / len(gs) if gs else 1
                tally[k][4] += e["w"] / len(gs) if gs else e["w"]
        frac_alters = defaultdict(float)
        for p, gs in unions.items():
            for k in (sorted(gs) or [""]):
                tally[k][0].add(p)
                frac_alters[k] += 1 / len(gs) if gs else 1
        for k in keys:
            alters, ties, weight = len(tally[k][0]), tally[k][1], tally[k][2]
            if ties == 0 and (k == "" or scope is not None):
                continue
            rows[("group", scope, k)] = (
                alters, ties, weight,
                (alters / totals[0], ties / totals[1], weight / totals[2]),
                (frac_alters[k] / totals[0], tally[k][3] / totals[1], tally[k][4] / totals[2]))
    return rows


def blau_rows(rows, view_countries, groups):
    out = {}
    for dimension, k_cats in (("country", view_countries), ("group", len(groups) + 1)):
        scopes = {scope for (d, scope, _k) in rows if d == dimension}
        for scope in scopes:
            values = []
            for u in range(3):
                blau = 1 - sum(r[4][u] ** 2 for (d, s, _k), r in rows.items()
                               if d == dimension and s == scope)
                values.append((blau, blau * k_cats / (k_cats - 1)))
            out[(dimension, scope)] = (k_cats, values)
    return out


def test_composition():
    bundle = Bundle()
    view = View(bundle, FROM, TO)
    doc = run_cli("ego", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--groups", ",".join(GROUPS), "--permutations", "0")
    want = composition(bundle, view, "istanbul", GROUPS)
    got = {(r["dimension"], r["layer"], r["key"]): r for r in doc["composition"]}
    assert set(got) == set(want)
    for key, (alters, ties, weight, shares, fractional) in want.items():
        r = got[key]
        assert (r["alters"], r["ties"]) == (alters, ties), key
        assert_close(r["weight"], weight, f"{key} weight")
        for u, name in enumerate(("alter", "tie", "weight")):
            assert_close(r[f"{name}_share"], shares[u], f"{key} {name} share")
            assert_close(r[f"fractional_{name}_share"], fractional[u], f"{key} fractional {name}")
    view_countries = len({bundle.country(n) or "" for n in bundle.order})
    diversity = blau_rows(want, view_countries, GROUPS)
    got_div = {(r["dimension"], r["layer"]): r for r in doc["diversity"]}
    assert set(got_div) == set(diversity)
    for key, (k_cats, values) in diversity.items():
        r = got_div[key]
        assert r["categories"] == k_cats
        for u, name in enumerate(("alters", "ties", "weight")):
            assert_close(r[f"blau_{name}"], values[u][0], f"{key} blau {name}")
            assert_close(r[f"iqv_{name}"], values[u][1], f"{key} iqv {name}")
    totals = doc["totals"]
    assert totals["ties"] == len(view.entries({"istanbul"}))


# --------------------------------------------------------------------------
# E-I index
# --------------------------------------------------------------------------

def ei_value(e, i):
    return (e - i) / (e + i) if e + i > 0 else None


def bounds(weights, p_int, p_ext):
    w = sorted(weights, reverse=True)
    total = sum(w)
    if total <= 0:
        return None, None
    most_ext = sum(w[:int(min(len(w), p_ext))])
    most_int = sum(w[:int(min(len(w), p_int))])
    return (total - 2 * most_int) / total, (2 * most_ext - total) / total


def ei_rows(bundle, view, focus, group):
    day = view.label_date()
    label = {}
    for n in bundle.order:
        c = bundle.country(n)
        if c is None:
            continue
        label[n] = c if group is None else (group if bundle.in_group(n, group, day)
                                            else "not " + group)
    members = defaultdict(int)
    for n, lab in label.items():
        members[lab] += 1
    edges = [(a, b, w) for (a, b), w in view.edges.items() if a in label and b in label]
    mult = 2 if view.directed else 1
    N = len(label)
    rows = []

    def row(level, key, count, selected, internal_of, p_int, p_ext):
        data = {"level": level, "key": key, "members": count}
        for suffix, weighted in (("", False), ("_weight", True)):
            e = i = 0.0
            ws = []
            for a, b, w in selected:
                v = w if weighted else 1.0
                ws.append(v)
                if internal_of(a, b):
                    i += v
                else:
                    e += v
            data["internal" + suffix], data["external" + suffix] = i, e
            ei = ei_value(e, i)
            lo, hi = bounds(ws, p_int, p_ext)
            resc = None
            if ei is not None and lo is not None and hi - lo > 1e-12:
                resc = -1 + 2 * (ei - lo) / (hi - lo)
            if weighted:
                data["ei_weighted"], data["ei_weighted_rescaled"] = ei, resc
            else:
                data["ei"], data["ei_rescaled"], data["ei_min"], data["ei_max"] = ei, resc, lo, hi
        data["ei_expected"] = (p_ext - p_int) / (p_ext + p_int) if p_ext + p_int > 0 else None
        rows.append(data)

    if focus in label:
        own = label[focus]
        sel = [x for x in edges if focus in (x[0], x[1])]
        row("ego", own, members[own], sel, lambda a, b: label[a] == label[b],
            mult * (members[own] - 1), mult * (N - members[own]))
    p_int_total = 0
    for key in sorted(members):
        nk = members[key]
        sel = [x for x in edges if key in (label[x[0]], label[x[1]])]
        p_int = mult * nk * (nk - 1) / 2
        p_int_total += p_int
        row("group", key, nk, sel, lambda a, b: label[a] == label[b], p_int, mult * nk * (N - nk))
    row("network", None, N, edges, lambda a, b: label[a] == label[b], p_int_total,
        mult * N * (N - 1) / 2 - p_int_total)
    return rows


def test_ei_index():
    bundle = Bundle()
    view = View(bundle, FROM, TO)
    doc = run_cli("ego", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--groups", ",".join(GROUPS), "--permutations", "0")
    assert doc["view"]["directed"] == view.directed
    got = defaultdict(list)
    for r in doc["ei"]:
        got[r["partition"]].append(r)
    for partition in ["country"] + GROUPS:
        want = ei_rows(bundle, view, "istanbul", None if partition == "country" else partition)
        rows = got[partition]
        assert len(rows) == len(want), partition
        for r, w in zip(rows, want):
            assert (r["level"], r["key"], r["members"]) == (w["level"], w["key"], w["members"])
            for k, v in w.items():
                if k in ("level", "key", "members"):
                    continue
                assert_close(r[k], v, f"{partition} {w['level']} {w['key']} {k}")


# --------------------------------------------------------------------------
# Profiles
# --------------------------------------------------------------------------

def side(bundle, view, owners, groups, dimension, unit, affinity=None):
    entries = view.entries(owners)
    out = []
    for e in entries:
        u = e["w"] if unit == "weight" else 1.0
        gs = partner_groups(bundle, e, groups)
        owner_c, partner_c = bundle.country(e["owner"]), bundle.country(e["partner"])
        ei = {}
        if owner_c and partner_c:
            ei["country"] = owner_c == partner_c
            for g in groups:
                ei[g] = bundle.in_group(e["partner"], g, e["day"]) == \
                    bundle.in_group(e["owner"], g, e["day"])
        a = None
        if affinity is not None and partner_c in affinity:
            a = affinity[partner_c]
        out.append({"u": u, "country": partner_c or "", "groups": gs, "ei": ei, "a": a})
    return out


def distribution(entries, dimension, keys):
    total = sum(e["u"] for e in entries)
    share, frac = defaultdict(float), defaultdict(float)
    for e in entries:
        if dimension == "country":
            share[e["country"]] += e["u"]
            frac[e["country"]] += e["u"]
        else:
            for g in (e["groups"] or [""]):
                share[g] += e["u"]
                frac[g] += e["u"] / len(e["groups"]) if e["groups"] else e["u"]
    return total, {k: share[k] / total for k in keys}, {k: frac[k] / total for k in keys}


def weighted_quantile(pairs, p):
    pairs = sorted(pairs)
    total = sum(u for _v, u in pairs)
    cum = 0.0
    for v, u in pairs:
        cum += u
        if cum >= p * total - 1e-12 * total:
            return v
    return pairs[-1][0]


def check_profile(doc_profile, doc_summary, a, b, dimension, groups, affinity_doc=None):
    if dimension == "country":
        units = defaultdict(float)
        for e in a + b:
            units[e["country"]] += e["u"]
        keys = sorted(units, key=lambda k: (-units[k], k))
    else:
        keys = groups + [""]
    ta, sa, fa = distribution(a, dimension, keys)
    tb, sb, fb = distribution(b, dimension, keys)
    assert [r["key"] for r in doc_profile] == keys
    for r in doc_profile:
        k = r["key"]
        assert_close(r["focus_share"], sa[k], f"share {k}")
        assert_close(r["baseline_share"], sb[k], f"baseline share {k}")
        assert_close(r["difference"], sa[k] - sb[k], f"difference {k}")
        assert_close(r["ratio"], sa[k] / sb[k] if sb[k] > 0 else None, f"ratio {k}")

    def entropy(p):
        return -sum(x * math.log2(x) for x in p if x > 0)
    pa, pb = [fa[k] for k in keys], [fb[k] for k in keys]
    jsd = entropy([(x + y) / 2 for x, y in zip(pa, pb)]) - (entropy(pa) + entropy(pb)) / 2
    summary = {(r["statistic"], r["by"]): r for r in doc_summary}
    assert_close(summary[("jsd", dimension)]["value"], jsd, "jsd")
    blau_a = 1 - sum(x * x for x in pa)
    blau_b = 1 - sum(x * x for x in pb)
    assert_close(summary[("blau", dimension)]["focus"], blau_a, "blau")
    assert_close(summary[("blau", dimension)]["baseline"], blau_b, "baseline blau")
    if dimension != "country":
        return
    for p in ["country"] + groups:
        values = []
        for s in (a, b):
            e = sum(x["u"] for x in s if p in x["ei"] and not x["ei"][p])
            i = sum(x["u"] for x in s if p in x["ei"] and x["ei"][p])
            values.append(ei_value(e, i))
        r = summary[("ei", p)]
        assert_close(r["focus"], values[0], f"ei {p}")
        assert_close(r["baseline"], values[1], f"baseline ei {p}")
    if affinity_doc is not None:
        for s, row in zip((a, b), affinity_doc):
            pairs = [(x["a"], x["u"]) for x in s if x["a"] is not None]
            mean = sum(v * u for v, u in pairs) / sum(u for _v, u in pairs)
            assert row["entries"] == len(pairs)
            assert row["missing"] == len(s) - len(pairs)
            assert_close(row["mean"], mean, "affinity mean")
            for q, name in ((0, "min"), (0.1, "p10"), (0.25, "p25"), (0.5, "median"),
                            (0.75, "p75"), (0.9, "p90"), (1, "max")):
                assert_close(row[name], weighted_quantile(pairs, q), f"affinity {name}")


@pytest.mark.parametrize("unit", ["ties", "weight"])
def test_profile_vs_government(unit):
    bundle = Bundle()
    view = View(bundle, FROM, TO)
    doc = run_cli("ego", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--baseline", "turkey-government", "--groups", ",".join(GROUPS),
                  "--permutations", "50", "--unit", unit)
    for dimension in ("country", "group"):
        a = side(bundle, view, {"istanbul"}, GROUPS, dimension, unit)
        b = side(bundle, view, {"turkey-government"}, GROUPS, dimension, unit)
        check_profile(doc["profile_" + dimension], doc["summary"], a, b, dimension, GROUPS)


def test_profile_vs_before():
    bundle = Bundle()
    later = View(bundle, FROM, TO)
    earlier = View(bundle, None, "2019-06-22")
    doc = run_cli("align", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--baseline-to", "2019-06-22", "--groups", ",".join(GROUPS), "--by", "group",
                  "--permutations", "50")
    a = side(bundle, later, {"istanbul"}, GROUPS, "group", "ties")
    b = side(bundle, earlier, {"istanbul"}, GROUPS, "group", "ties")
    assert doc["totals"]["entries"] == len(a) and doc["totals"]["baseline_entries"] == len(b)
    check_profile(doc["profile"], doc["summary"], a, b, "group", GROUPS)


def test_baseline_country():
    """--baseline-country TUR --baseline-kinds city: every Turkish city but
    Istanbul itself (its district municipalities)."""
    bundle = Bundle()
    view = View(bundle, FROM, TO)
    doc = run_cli("align", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--baseline-country", "TUR", "--baseline-kinds", "city",
                  "--permutations", "0")
    owners = {n for n in bundle.order if bundle.country(n) == "TUR" and
              bundle.nodes[n]["kind"] == "city" and n != "istanbul"}
    assert set(doc["baseline"]["nodes"]) == owners
    a = side(bundle, view, {"istanbul"}, [], "country", "ties")
    b = side(bundle, view, owners, [], "country", "ties")
    assert doc["totals"]["baseline_entries"] == len(b)
    check_profile(doc["profile"], doc["summary"], a, b, "country", [])


# --------------------------------------------------------------------------
# Permutations: reproducible, thread-count independent
# --------------------------------------------------------------------------

def strip_view(doc):
    return {k: v for k, v in doc.items() if k not in ("bundle",)}


def test_permutations_reproducible():
    base = ["ego", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
            "--baseline", "turkey-government", "--groups", ",".join(GROUPS),
            "--permutations", "300", "--seed", "42", "--compare-to", "2019-06-22",
            "--interval", "bootstrap"]
    one = run_cli(*base, "--threads", "1")
    four = run_cli(*base, "--threads", "4")
    again = run_cli(*base, "--threads", "4")
    assert strip_view(one) == strip_view(four) == strip_view(again)
    other = run_cli(*base[:-4], "--permutations", "300", "--seed", "43",
                    "--compare-to", "2019-06-22", "--interval", "bootstrap")
    assert other["summary"] != one["summary"]


def test_ego_period_equals_align():
    """`ego --compare-to D` and `align --baseline-to D --by group` are the same
    comparison: same shares, same permutation results for one seed."""
    common = ["--focus", "istanbul", "--from", FROM, "--to", TO, "--groups",
              ",".join(GROUPS), "--permutations", "200", "--seed", "5"]
    ego = run_cli("ego", BUNDLE, *common, "--compare-to", "2019-06-22")
    align = run_cli("align", BUNDLE, *common, "--baseline-to", "2019-06-22", "--by", "group")
    assert ego["period_profile_group"] == align["profile"]
    jsd = [r for r in ego["period_summary"] if r["statistic"] == "jsd" and r["by"] == "group"]
    assert jsd == [r for r in align["summary"] if r["statistic"] == "jsd"]


def test_usage_errors():
    env = dict(os.environ, OMP_NUM_THREADS="1")
    cases = [
        (["align", BUNDLE, "--focus", "istanbul"], 2, "missing baseline"),
        (["ego", BUNDLE, "--focus", "istanbul", "--permutations", "-3"], 2, "--permutations"),
        (["ego", BUNDLE, "--focus", "istanbul", "--interval", "jackknife"], 2, "--interval"),
        (["ego", BUNDLE, "--focus", "istanbul", "--level", "1.5"], 2, "--level"),
        (["ego", BUNDLE, "--focus", "istanbul", "--years", "2019..2010",
          "--unvotes", UNVOTES], 2, "--years"),
        (["align", BUNDLE, "--focus", "istanbul", "--baseline", "atlantis"], 1, "atlantis"),
        (["align", BUNDLE, "--focus", "istanbul", "--baseline-country", "ZZZ"], 1, "ZZZ"),
        (["align", BUNDLE, "--focus", "istanbul", "--baseline", "istanbul"], 1,
         "baseline is the focus"),
    ]
    for args, status, needle in cases:
        out = subprocess.run([CLI, *args], capture_output=True, text=True, env=env, check=False)
        assert out.returncode == status, (args, out.stderr)
        assert needle in out.stderr, (args, out.stderr)


# --------------------------------------------------------------------------
# UN votes
# --------------------------------------------------------------------------

def need_unvotes():
    if not os.path.isfile(os.path.join(UNVOTES, "un_votes.csv.gz")):
        pytest.skip(f"UN votes absent ({UNVOTES}): ../shared/data is not here")


def python_agreement(home2, first, last):
    """Agreement of every ISO2 code with @home2 from the raw files."""
    years = {}
    with open(os.path.join(UNVOTES, "un_roll_calls.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            years[r["rcid"]] = int(r["date"][:4])
    value = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    votes = defaultdict(dict)
    with gzip.open(os.path.join(UNVOTES, "un_votes.csv.gz"), "rt", newline="",
                   encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if first <= years[r["rcid"]] <= last:
                votes[r["country_code"] or r["country"]].setdefault(r["rcid"], value[r["vote"]])
    home = votes[home2]
    out = {}
    for code, vs in votes.items():
        shared = [1 - abs(home[rc] - v) for rc, v in vs.items() if rc in home]
        if shared:
            out[code] = (len(shared), sum(shared) / len(shared))
    return out


def test_unvotes_agreement():
    need_unvotes()
    doc = run_cli("ego", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--baseline", "turkey-government", "--groups", ",".join(GROUPS),
                  "--permutations", "0", "--unvotes", UNVOTES, "--years", "2010..2019")
    want = python_agreement("TR", 2010, 2019)
    iso2 = {"AZE": "AZ", "DEU": "DE", "RUS": "RU", "GRC": "GR", "FRA": "FR", "QAT": "QA",
            "TUR": "TR", "UKR": "UA", "HUN": "HU"}
    got = {r["iso3"]: r for r in doc["un_agreement"]}
    for iso3, code in iso2.items():
        n, score = want[code]
        assert got[iso3]["roll_calls"] == n, iso3
        assert_close(got[iso3]["agreement"], score, f"agreement TUR-{iso3}", 1e-12)
    assert got["TUR"]["agreement"] == 1
    # Serbia votes as "Yugoslavia" (YU) in the data; from 2006-06-03 on
    # those votes are Serbia's (every YU vote of 2010..2019 is).
    n, score = want["YU"]
    assert got["SRB"]["roll_calls"] == n
    assert_close(got["SRB"]["agreement"], score, "agreement TUR-SRB")
    # Countries that do not exist any more are reported, not dropped.
    unmapped = {r["name"] for r in doc["un_unmapped"]}
    assert {"Yugoslavia", "Czechoslovakia", "German Democratic Republic"} <= unmapped
    assert set(doc["unvotes"]["countries_missing"]) >= {"XKX", "XNC", "TWN"}
    assert "SRB" not in doc["unvotes"]["countries_missing"]
    # The affinity profile from the same numbers.
    bundle = Bundle()
    view = View(bundle, FROM, TO)
    affinity = {iso3: r["agreement"] for iso3, r in got.items() if r["agreement"] is not None}
    a = side(bundle, view, {"istanbul"}, GROUPS, "country", "ties", affinity)
    b = side(bundle, view, {"turkey-government"}, GROUPS, "country", "ties", affinity)
    check_profile(doc["profile_country"], doc["summary"], a, b, "country", GROUPS,
                  doc["affinity"])


def test_unvotes_other_home():
    need_unvotes()
    doc = run_cli("align", BUNDLE, "--focus", "istanbul", "--from", FROM, "--to", TO,
                  "--baseline", "turkey-government", "--permutations", "0",
                  "--unvotes", UNVOTES, "--home", "USA", "--years", "2000..2005")
    want = python_agreement("US", 2000, 2005)
    got = {r["iso3"]: r for r in doc["un_agreement"]}
    for iso3, code in (("TUR", "TR"), ("RUS", "RU"), ("GBR", "GB"), ("CHN", "CN")):
        assert got[iso3]["roll_calls"] == want[code][0]
        assert_close(got[iso3]["agreement"], want[code][1], f"agreement USA-{iso3}")


if __name__ == "__main__":
    raise SystemExit(pytest.main(["-q", "-rs", "-p", "no:cacheprovider", __file__]))
