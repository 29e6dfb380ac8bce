"""Figures (figure.h): every kind renders in SVG, PDF and PNG for İstanbul
2019-2024; the SVG parses and names every label; the PNG has the size
asked for; the bytes equal `citynet figure ... -o FILE`; options, bad
input and memory."""

import gc
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import citynet
from conftest import (ISTANBUL, assert_memory_flat, run_command,
                      skip_if_sanitized, small_network)

WINDOW = dict(start="2019-06-23", end="2024-03-31")
PERIOD = "2019-06-23..2024-03-31"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BASELINE = "turkey-government"


@pytest.fixture(scope="module")
def network():
    return citynet.load(ISTANBUL)


@pytest.fixture(scope="module")
def view(network):
    return network.view(**WINDOW)


def options_for(kind):
    return {"baseline": BASELINE} if kind == "composition" else {}


def alters(view, focus):
    """The focus node's partners in the view, from the view's edges."""
    out = set()
    for e in view.edges:
        if e.source == focus and e.target != focus:
            out.add(e.target)
        elif e.target == focus:
            out.add(e.source)
    return out


def png_size(data):
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def normalised(data, fmt):
    """cairo stamps PDF files with their creation time: the only bytes that
    differ between two renderings of one figure. (SVG needs nothing: the
    library renumbers cairo's process-wide surface ids.)"""
    if fmt == "pdf":
        return re.sub(rb"/CreationDate \(D:[^)]*\)", b"", data)
    return data


# ---------------------------------------------------------------------------
# Every kind in every format
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", citynet.FIGURE_KINDS)
def test_svg(view, network, kind):
    fig = view.figure(kind, "istanbul", **options_for(kind))
    assert (fig.kind, fig.format, fig.focus) == (kind, "svg", "istanbul")
    root = ET.fromstring(fig.data)
    assert root.tag == SVG + "svg"
    box = [float(x) for x in root.get("viewBox").split()]
    assert box == pytest.approx([0, 0, fig.width, fig.height], abs=1e-5)
    assert root.find(SVG + "title").text == fig.title
    desc = root.find(SVG + "desc").text
    assert desc.startswith(fig.caption)
    assert fig.title.startswith("İstanbul")
    assert fig.texts_of("title") == [fig.title]
    # One glyph <use> per glyph the account says were drawn.
    assert len(root.findall(f".//{SVG}use")) == fig.n_glyphs
    omitted = [label for label in fig.labels if label.placement == "omitted"]
    assert len(omitted) == fig.n_omitted_labels == len(fig.omitted_labels)
    if kind in ("ego", "map"):
        partners = alters(view, "istanbul")
        assert fig.labels[0].node == "istanbul"
        ids = [label.node for label in fig.labels[1:]]
        assert len(ids) == len(set(ids))
        if kind == "ego":
            assert set(ids) == partners      # every alter has a label record
        else:
            located = {i for i in partners if network.nodes[i].lat is not None}
            assert set(ids) == located
        for label in fig.labels:
            assert label.text == network.nodes[label.node].name
            assert label.text in desc       # named in the SVG's <desc>
            if label.placement != "omitted":
                assert label.text in fig.texts_of("label")
        if fig.n_omitted_labels:
            note = " ".join(fig.texts_of("note"))
            assert re.search(rf"\b{fig.n_omitted_labels}( of {len(fig.labels)})? "
                             "labels omitted", note), note
        assert fig._repr_svg_() == fig.data.decode("utf-8")
    else:
        assert fig.labels == () and fig.n_omitted_labels == 0
    assert fig._repr_png_() is None


@pytest.mark.parametrize("kind", citynet.FIGURE_KINDS)
def test_pdf_and_png(view, kind):
    pdf = view.figure(kind, "istanbul", format="pdf", **options_for(kind))
    assert pdf.format == "pdf" and pdf.data.startswith(b"%PDF-")
    assert pdf.data.rstrip().endswith(b"%%EOF")
    assert pdf._repr_svg_() is None and pdf._repr_png_() is None
    png = view.figure(kind, "istanbul", format="PNG", dpi=72,
                      **options_for(kind))
    assert png.format == "png"
    assert png_size(png.data) == (round(png.width), round(png.height))
    assert png._repr_png_() == png.data
    # The same account whatever the format.
    assert [t.text for t in png.texts] == [t.text for t in pdf.texts]
    assert png.labels == pdf.labels and png.caption == pdf.caption


def test_png_size(view):
    fig = view.figure("timeline", "istanbul", format="png", width=300,
                      height=200, dpi=144)
    assert (fig.width, fig.height) == (300, 200)
    assert png_size(fig.data) == (600, 400)
    fig = view.figure("ego", "istanbul", format="png")       # 300 dpi default
    assert (fig.width, fig.height) == (504, 400)
    assert png_size(fig.data) == (2100, 1667)


# ---------------------------------------------------------------------------
# The same bytes as the command
# ---------------------------------------------------------------------------

CLI_CASES = [
    ("ego", "svg", ["--seed", "7"], dict(seed=7)),
    ("ego", "png", ["--dpi", "72", "--groups", "EU,NATO,OIC"],
     dict(dpi=72, groups=["EU", "NATO", "OIC"])),
    ("ego", "pdf", ["--title", "Partners"], dict(title="Partners")),
    ("timeline", "svg", ["--width", "300", "--font-size", "9"],
     dict(width=300, font_size=9)),
    ("timeline", "png", ["--dpi", "100"], dict(dpi=100)),
    ("map", "svg", ["--title", ""], dict(title="")),
    ("map", "pdf", [], {}),
    ("composition", "svg", ["--baseline", BASELINE, "--permutations", "0"],
     dict(baseline=BASELINE)),
    ("composition", "png", ["--baseline", BASELINE, "--permutations", "0",
                            "--dpi", "72"], dict(baseline=BASELINE, dpi=72)),
]


def cli_figure(kind, fmt, args, path):
    run_command("figure", ISTANBUL, "--kind", kind, "--focus", "istanbul",
                "--period", PERIOD, *args, "-o", path, timeout=120)
    return path.read_bytes()


@pytest.mark.parametrize("kind,fmt,args,kwargs", CLI_CASES)
def test_same_bytes_as_cli(view, tmp_path, kind, fmt, args, kwargs):
    expected = cli_figure(kind, fmt, args, tmp_path / f"cli.{fmt}")
    fig = view.figure(kind, "istanbul", format=fmt, **kwargs)
    assert normalised(fig.data, fmt) == normalised(expected, fmt)
    fig.save(tmp_path / f"py.{fmt}")
    assert (tmp_path / f"py.{fmt}").read_bytes() == fig.data


@pytest.mark.parametrize("kind,fmt", [("ego", "svg"), ("map", "png"),
                                      ("composition", "svg")])
def test_identical_bytes_in_a_fresh_process(tmp_path, kind, fmt):
    """The first figure of a process is byte for byte the command's."""
    extra = ["--baseline", BASELINE, "--permutations", "0"] \
        if kind == "composition" else []
    expected = cli_figure(kind, fmt, extra, tmp_path / f"cli.{fmt}")
    script = (
        "import sys, citynet\n"
        f"v = citynet.load({str(ISTANBUL)!r}).view(**{WINDOW!r})\n"
        f"f = v.figure({kind!r}, 'istanbul', format={fmt!r}, "
        f"**{options_for(kind)!r})\n"
        f"f.save({str(tmp_path / ('py.' + fmt))!r})\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120,
                   env=dict(os.environ, OMP_NUM_THREADS="1"))
    assert (tmp_path / f"py.{fmt}").read_bytes() == expected


# ---------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------

def test_weight_legend_marks_are_distinct(view):
    # The government's ties weigh 1 or 2: the legend shows those two, not
    # a rounded middle mark equal to the lightest ("1, 1, 2"). Istanbul's
    # weigh 1 to 8: three marks, the middle one round (sqrt 8 -> 3).
    def weight_marks(focus):
        texts = view.figure("ego", focus).texts_of("legend")
        return texts[texts.index("Tie weight") + 1:]
    assert weight_marks("turkey-government") == ["1", "2"]
    assert weight_marks("istanbul") == ["1", "3", "8"]


def test_options(view, network):
    default = view.figure("ego", "istanbul")
    assert view.figure_groups("istanbul") == ["Europe", "G20", "OIC"]
    assert "Europe" in " ".join(default.texts_of("legend"))
    again = view.figure("ego", "istanbul")
    assert normalised(again.data, "svg") == normalised(default.data, "svg")
    other_seed = view.figure("ego", "istanbul", seed=2)
    assert normalised(other_seed.data, "svg") != normalised(default.data, "svg")
    assert "seed 2," in other_seed.caption and "seed 1," in default.caption
    titled = view.figure("timeline", "istanbul", title="Ties by year")
    assert titled.title == "Ties by year"
    assert titled.texts_of("title") == ["Ties by year"]
    untitled = view.figure("timeline", "istanbul", title="")
    assert untitled.title == "" and untitled.texts_of("title") == []
    grouped = view.figure("ego", "istanbul", groups=["EU", "NATO"])
    legend = " ".join(grouped.texts_of("legend"))
    assert "EU" in legend and "NATO" in legend and "G20" not in legend
    sized = view.figure("map", "istanbul", width=400, height=300)
    assert (sized.width, sized.height) == (400, 300)
    big_text = view.figure("timeline", "istanbul", font_size=12)
    small_text = view.figure("timeline", "istanbul", font_size=6)
    assert big_text.texts[0].height > small_text.texts[0].height
    d = default.to_dict()
    assert d["kind"] == "ego" and d["focus"] == "istanbul"
    assert d["size_bytes"] == len(default.data)
    assert len(d["labels"]) == len(default.labels) == len(default)
    assert d["labels"][0] == {"node": "istanbul", "index": network.find("istanbul").index,
                              "text": "İstanbul", "placement": "beside"}
    assert list(default) == list(default.labels)
    assert bytes(default) == default.data
    assert "ego of 'istanbul'" in repr(default)
    pytest.importorskip("pandas")
    assert list(default.to_pandas()["node"])[0] == "istanbul"
    assert len(default.to_pandas("texts")) == len(default.texts)
    with pytest.raises(citynet.UsageError):
        default.to_pandas("glyphs")


def test_composition_baselines(network, view):
    before = network.view(end="2019-06-22")
    by_node = view.figure("composition", "istanbul", baseline=BASELINE,
                          baseline_label="The government")
    assert "The government" in " ".join(by_node.texts_of("legend"))
    by_period = view.figure("composition", "istanbul", baseline=before)
    by_pair = view.figure("composition", "istanbul",
                          baseline=(before, "istanbul"))
    assert normalised(by_period.data, "svg") == normalised(by_pair.data, "svg")
    assert normalised(by_period.data, "svg") != normalised(by_node.data, "svg")
    groups = view.figure_groups("istanbul")
    whiskers = view.figure("composition", "istanbul", baseline=BASELINE,
                           interval={groups[0]: (0.2, 0.6), "": (0.1, 0.3)},
                           interval_label="a 95% interval")
    assert "a 95% interval" in " ".join(whiskers.texts_of("legend"))
    assert normalised(whiskers.data, "svg") != normalised(by_node.data, "svg")


def test_small_network(tmp_path):
    n = small_network()
    v = n.view(**WINDOW)
    fig = v.figure("ego", "istanbul", groups=["EU", "NATO"])
    assert {label.node for label in fig.labels} == {
        "istanbul", "athens", "paris", "b40", "odessa"}
    assert fig.n_omitted_labels == 0
    assert [label.text for label in fig.labels][0] == "İstanbul"
    # A focus without ties in the view draws an empty figure.
    empty = v.figure("timeline", "ankara")
    assert empty.data.startswith(b"<?xml")


# ---------------------------------------------------------------------------
# Saving
# ---------------------------------------------------------------------------

def test_save(view, tmp_path):
    fig = view.figure("timeline", "istanbul", format="png", dpi=50)
    target = tmp_path / "t.png"
    target.write_bytes(b"old")
    fig.save(target)
    assert target.read_bytes() == fig.data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.png"]  # no temp left
    fig.save(str(tmp_path / "no-extension"))
    assert (tmp_path / "no-extension").read_bytes() == fig.data
    with pytest.raises(citynet.UsageError):
        fig.save(tmp_path / "t.svg")                # the bytes are a PNG
    with pytest.raises(citynet.FileError):
        fig.save(tmp_path / "missing" / "t.png")
    with pytest.raises(TypeError):
        fig.save(42)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no-extension", "t.png"]
    with pytest.raises(TypeError):
        citynet.Figure()


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

def test_bad_input(view, network):
    with pytest.raises(citynet.UsageError) as info:
        view.figure("pie", "istanbul")
    assert "pie" in str(info.value)
    for fmt in ("gif", "auto", ""):
        with pytest.raises(citynet.UsageError):
            view.figure("ego", "istanbul", format=fmt)
    with pytest.raises(TypeError):
        view.figure(1, "istanbul")
    with pytest.raises(TypeError):
        view.figure("ego", "istanbul", format=None)
    with pytest.raises(citynet.NotFoundError):
        view.figure("ego", "nowhere-at-all")
    with pytest.raises(IndexError):
        view.figure("ego", 10 ** 6)
    with pytest.raises(TypeError):
        view.figure("ego", 2.5)
    small = network.view(layers="member", drop_isolates=True)
    missing = next(n.id for n in network.nodes if small.vertex(n.id) is None)
    with pytest.raises(citynet.NotFoundError):
        small.figure("ego", missing)
    with pytest.raises(citynet.NotFoundError):
        view.figure("composition", "istanbul", baseline=(small, missing))
    with pytest.raises(citynet.UsageError):
        view.figure("composition", "istanbul")        # no baseline
    with pytest.raises(citynet.UsageError):
        view.figure("ego", "istanbul", baseline=BASELINE)
    with pytest.raises(citynet.UsageError):
        view.figure("timeline", "istanbul", interval={"EU": (0, 1)})
    with pytest.raises(TypeError):
        view.figure("composition", "istanbul", baseline=3.5)
    with pytest.raises(TypeError):
        view.figure("composition", "istanbul", baseline=(1, 2))
    with pytest.raises(TypeError):
        view.figure("composition", "istanbul", baseline=BASELINE,
                    interval=[("EU", 0, 1)])
    with pytest.raises(TypeError):
        view.figure("composition", "istanbul", baseline=BASELINE,
                    interval={"EU": (0, "1")})
    with pytest.raises(citynet.UsageError):
        view.figure("composition", "istanbul", baseline=BASELINE,
                    interval={"EU": (0.9, 0.1)})
    for kwargs, exc in ((dict(width=50), citynet.UsageError),
                        (dict(width=5000), citynet.UsageError),
                        (dict(height=float("nan")), citynet.UsageError),
                        (dict(width="wide"), TypeError),
                        (dict(font_size=30), citynet.UsageError),
                        (dict(dpi=10), citynet.UsageError),
                        (dict(dpi=True), TypeError),
                        (dict(seed=-1), citynet.UsageError),
                        (dict(seed=2 ** 64), citynet.UsageError),
                        (dict(seed=1.5), TypeError),
                        (dict(title=3), TypeError),
                        (dict(title="a\0b"), citynet.UsageError),
                        (dict(groups=[1]), TypeError),
                        (dict(groups=["Atlantis"]), citynet.NotFoundError),
                        (dict(groups=["EU", "NATO", "OIC", "G20", "CoE",
                                      "Europe", "OTS", "OECD"]),
                         citynet.UsageError)):
        with pytest.raises(exc):
            view.figure("ego", "istanbul", **kwargs)
    with pytest.raises(citynet.UsageError):
        view.figure("ego", "istanbul").texts_of("heading")


# ---------------------------------------------------------------------------
# Memory
# ---------------------------------------------------------------------------

@skip_if_sanitized
def test_memory():
    n = small_network()
    v = n.view(**WINDOW)

    def step():
        for _ in range(10):
            for fmt in ("svg", "pdf"):
                fig = v.figure("timeline", "istanbul", format=fmt)
                fig.to_dict()
            fig = v.figure("ego", "istanbul", groups=["EU"], title="x")
            fig = v.figure("composition", "istanbul", baseline="athens",
                           interval={"EU": (0.1, 0.5)}, interval_label="i")
            v.figure_groups("istanbul")
            for bad in (dict(groups=["Atlantis"]), dict(width=1)):
                try:
                    v.figure("ego", "istanbul", **bad)
                except citynet.CitynetError:
                    pass
        gc.collect()

    assert_memory_flat(step, warmup=5, rounds=40)
