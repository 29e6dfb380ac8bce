#!/usr/bin/python3
"""istanbul_position.py - the thesis' research question 2, from Python:
did Istanbul's city diplomacy of 2019-2024 reach different blocs than the
national government, and than Istanbul itself before 2019?

For each bloc (EU, NATO, the Organization of Turkic States, the OIC) it
prints the share of Istanbul's ties 2019-06-23..2024-03-31 whose partner
was in the bloc on the tie's date, the same share for the baseline, and
the difference. Two baselines: the Turkish government's ties in the same
period, and Istanbul's ties up to 2019-06-22.

The C version (examples/istanbul_position.c) adds the permutation test of
each difference and the Jensen-Shannon divergence; the Python binding
does not bind the alignment module (alignment.h) yet, so this one prints
the shares and differences only, from the binding's compositions (the
same counting rule: citynet_composition_new(), group rows, all layers).

    PYTHONPATH=build/bindings/python python3 examples/python/istanbul_position.py data/istanbul
"""

import sys

import citynet

BLOCS = ("EU", "NATO", "OTS", "OIC")


def shares(view, node):
    """The focus's tie share per bloc in a view, and its tie count."""
    composition = view.composition(node)
    return ({bloc: composition.share("group", bloc) for bloc in BLOCS},
            composition.totals.ties)


def compare(title, focus, baseline):
    (mine, n_mine), (theirs, n_theirs) = focus, baseline
    print(f"\nagainst {title} ({n_theirs} ties; Istanbul: {n_mine})")
    print(f"  {'bloc':<16} {'share':>8} {'baseline':>9} {'difference':>11}")
    for bloc in BLOCS:
        print(f"  {bloc:<16} {mine[bloc]:8.3f} {theirs[bloc]:9.3f} "
              f"{mine[bloc] - theirs[bloc]:+11.3f}")


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} BUNDLE", file=sys.stderr)
        return 2
    network = citynet.load(argv[1])
    istanbul = network.find("İstanbul")
    government = network.find("turkey-government")
    term = network.view(start="2019-06-23", end="2024-03-31")
    before = network.view(end="2019-06-22")

    print("Istanbul's ties 2019-06-23 to 2024-03-31 by bloc (groups overlap)")
    focus = shares(term, istanbul)
    compare("the national government, same period", focus,
            shares(term, government))
    compare("Istanbul up to 2019-06-22", focus, shares(before, istanbul))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
