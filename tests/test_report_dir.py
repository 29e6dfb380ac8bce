"""`citynet report ... -o DIR`: the report directory (README's first
command), and the LaTeX/markdown table formats every command offers.

The directory holds every file it lists (report.md, report.html and
provenance.json agree), the provenance checksums match the inputs and the
files, the directory appears atomically and is never overwritten by
accident, and the LaTeX tables compile with pdflatex when it is installed.
Last, the progress bars on stderr: drawn on a terminal by every command
that runs a long loop, absent with --quiet or when stderr is a pipe.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_cli import ISTANBUL, recount, write_bundle  # noqa: E402

CLI = os.environ.get("CITYNET_CLI")
README_ARGS = ["--focus", "istanbul", "--period", "2019-06-23..2024-03-31",
               "--compare", "..2019-06-22", "--baseline", "turkey-government"]


def run(*args, env=None):
    if CLI is None:
        pytest.skip("CITYNET_CLI is not set (run through meson)")
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=600, env=env)


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")
    parent = tmp_path_factory.mktemp("report")
    target = parent / "istanbul-report"
    result = run("report", ISTANBUL, *README_ARGS, "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == str(target / "report.md")
    return target


def test_layout(report):
    names = {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()}
    for required in ("report.md", "report.html", "provenance.json"):
        assert required in names
    for figure in ("ego", "timeline", "map", "composition-baseline", "composition-compare"):
        assert f"figures/{figure}.svg" in names and f"figures/{figure}.pdf" in names
    for table in ("comparison-baseline", "comparison-compare", "position", "ego",
                  "rows", "ties"):
        assert f"tables/{table}.csv" in names and f"tables/{table}.tex" in names
    # Nothing half-done next to it.
    assert [p.name for p in report.parent.iterdir()] == ["istanbul-report"]


def test_every_listed_file_exists(report):
    md = (report / "report.md").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)#]+)\)", md))
    html = (report / "report.html").read_text(encoding="utf-8")
    links |= set(re.findall(r'(?:href|src)="([^"#]+)"', html))
    assert links
    for link in links:
        assert (report / link).is_file(), link
    files = {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()}
    # ... and every file is listed.
    assert files <= links | {"report.md"}


def test_provenance(report):
    provenance = json.loads((report / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["schema"] == "citynet.provenance/1"
    assert provenance["command"][:2] == ["citynet", "report"]
    assert provenance["library_version"] and provenance["citynet_version"]
    inputs = {entry["file"]: entry for entry in provenance["inputs"]}
    csvs = {p.name for p in ISTANBUL.glob("*.csv")}
    assert set(inputs) == csvs
    for name, entry in inputs.items():
        assert entry["sha256"] == sha256(ISTANBUL / name)
        assert entry["bytes"] == (ISTANBUL / name).stat().st_size
    files = {entry["file"]: entry for entry in provenance["files"]}
    written = {p.relative_to(report).as_posix() for p in report.rglob("*")
               if p.is_file()} - {"provenance.json"}
    assert set(files) == written
    for name, entry in files.items():
        assert entry["sha256"] == sha256(report / name), name
    options = provenance["options"]
    assert options["focus"] == "istanbul"
    assert options["period"] == {"from": "2019-06-23", "to": "2024-03-31"}
    assert options["compare"] == {"from": None, "to": "2019-06-22"}
    assert options["baseline"] == "turkey-government"
    assert options["groups"] and options["groups_given"] is False
    assert provenance["seeds"] == {"layout": 1, "permutations": 1}


def test_tables_match_recount(report):
    """The composition CSV is exact and agrees with a recount."""
    import csv
    with open(report / "tables" / "rows.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counted, totals, _ = recount(ISTANBUL, "istanbul", "2019-06-23", "2024-03-31")
    for row in rows:
        key = (row["dimension"], row["layer"] or None, row["key"])
        assert int(row["ties"]) == counted[key]["ties"]
        if key[1] is None:  # shares of one layer divide by that layer's ties
            assert float(row["tie_share"]) == pytest.approx(counted[key]["ties"] / totals["ties"])
    with open(report / "tables" / "comparison-baseline.csv", encoding="utf-8",
              newline="") as handle:
        comparison = {r["group"]: r for r in csv.DictReader(handle)}
    _, base_totals, base = recount(ISTANBUL, "turkey-government", "2019-06-23", "2024-03-31")
    provenance = json.loads((report / "provenance.json").read_text(encoding="utf-8"))
    for group in provenance["options"]["groups"]:
        n = sum(group in t["groups"] for t in base)
        assert int(comparison[group]["baseline_ties"]) == n
        assert float(comparison[group]["baseline_share"]) == pytest.approx(n / base_totals["ties"])
        assert 0 < float(comparison[group]["p_two_sided"]) <= 1


def test_refuses_to_overwrite(report, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    result = run("report", ISTANBUL, *README_ARGS, "--permutations", "50", "-o", target)
    assert result.returncode == 1
    assert "--force" in result.stderr
    assert [p.name for p in target.iterdir()] == ["keep.txt"]
    # --force replaces it whole; an empty directory needs no --force.
    result = run("report", ISTANBUL, *README_ARGS, "--permutations", "50", "--force",
                 "-o", target)
    assert result.returncode == 0, result.stderr
    assert not (target / "keep.txt").exists() and (target / "report.md").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("report", ISTANBUL, "--focus", "istanbul", "--permutations", "50",
                 "-o", empty)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "out"]


def test_failure_leaves_nothing(tmp_path):
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")
    target = tmp_path / "out"
    result = run("report", ISTANBUL, "--focus", "istanbul", "--groups", "EU,Atlantis",
                 "-o", target)
    assert result.returncode == 1
    assert "Atlantis" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args,needle", [
    (["--compare", "..2019"], "-o DIR"),
    (["--baseline", "turkey-government"], "-o DIR"),
    (["--period", "2019..2020", "--from", "2019"], "--period"),
    (["--period", "2019"], "FROM..TO"),
    (["--period", "2020..2019"], "--period"),
    (["--table", "rows", "-o", "{tmp}/dir"], "--table"),
    (["--compare", "2019..x", "-o", "{tmp}/dir"], "--compare"),
])
def test_usage_errors(tmp_path, args, needle):
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run("report", ISTANBUL, "--focus", "istanbul", *args)
    assert result.returncode == 2, result.stderr
    assert needle in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_period_is_from_to():
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")
    a = run("report", ISTANBUL, "--focus", "istanbul", "--period", "2019-06-23..2024-03-31",
            "--format", "json")
    b = run("report", ISTANBUL, "--focus", "istanbul", "--from", "2019-06-23",
            "--to", "2024-03-31", "--format", "json")
    assert a.returncode == 0 and a.stdout == b.stdout


# ---------------------------------------------------------------------------
# LaTeX and markdown tables
# ---------------------------------------------------------------------------

SPECIAL = "A&B 50% $x# a_b {c} ~d ^e \\f İstanbul Constanța"


@pytest.fixture
def special_bundle(tmp_path):
    return write_bundle(tmp_path / "special",
                        [["a", "city", SPECIAL, "TUR"], ["b", "city", "Plain", "TUR"]],
                        [["a", "b", "sister", "1", "", "", "", ""]],
                        [["TUR", "Türkiye"]])


def test_latex_escapes(special_bundle):
    result = run("report", special_bundle, "--focus", "b", "--format", "latex",
                 "--table", "ties", "--precision", "2")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("\\begin{table}")
    for line in ("\\toprule", "\\midrule", "\\bottomrule", "\\label{tab:ties}"):
        assert line in text
    assert ("A\\&B 50\\% \\$x\\# a\\_b \\{c\\} \\textasciitilde{}d "
            "\\textasciicircum{}e \\textbackslash{}f İstanbul Constanța") in text
    assert "1.00" in text
    # Markdown of the same table escapes only | and \.
    md = run("report", special_bundle, "--focus", "b", "--format", "markdown",
             "--table", "ties").stdout
    assert "A&B 50% $x# a_b {c} ~d ^e \\\\f" in md


def test_latex_on_every_table_command(special_bundle):
    for args in (["info"], ["report", "--focus", "a"], ["validate"],
                 ["centrality", "--measure", "degree"]):
        result = run(args[0], special_bundle, *args[1:], "--format", "latex")
        assert result.returncode == 0, (args, result.stderr)
        assert result.stdout.count("\\begin{tabular}") >= 1
        assert result.stdout.count("\\begin{table}") == result.stdout.count("\\end{table}")


def pdflatex_compiles(directory, body):
    (directory / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
        "\\usepackage[utf8]{inputenc}\n\\usepackage{booktabs}\n"
        "\\begin{document}\n" + body + "\n\\end{document}\n", encoding="utf-8")
    result = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                             "doc.tex"], cwd=directory, capture_output=True, text=True,
                            timeout=120)
    return result.returncode == 0, result.stdout[-2000:]


def test_latex_compiles(report, special_bundle, tmp_path):
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed: LaTeX tables not compiled")
    for tex in sorted((report / "tables").glob("*.tex")):
        ok, log = pdflatex_compiles(tmp_path, tex.read_text(encoding="utf-8"))
        assert ok, (tex.name, log)
    special = run("report", special_bundle, "--focus", "b", "--format", "latex").stdout
    ok, log = pdflatex_compiles(tmp_path, special)
    assert ok, log


# ---------------------------------------------------------------------------
# Progress bar on stderr (only on a terminal, never with --quiet)
# ---------------------------------------------------------------------------

def run_on_terminal(*args):
    """Runs the command with stderr on a pseudo-terminal; returns the exit
    status, stdout and everything written to the terminal."""
    import pty
    import select
    if CLI is None:
        pytest.skip("CITYNET_CLI is not set (run through meson)")
    master, slave = pty.openpty()
    process = subprocess.Popen([CLI, *map(str, args)], stdout=subprocess.PIPE,
                               stderr=slave, close_fds=True)
    os.close(slave)
    # Both are read as they come: a command whose stdout fills the pipe
    # would otherwise wait for us while we wait for its terminal to close.
    chunks, out = [], []
    open_fds = {master: chunks, process.stdout.fileno(): out}
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [], 60)
        if not ready:
            break
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the child closed the terminal
                data = b""
            if data:
                open_fds[fd].append(data)
            else:
                del open_fds[fd]
    status = process.wait(timeout=60)
    process.stdout.close()
    os.close(master)
    return status, b"".join(out), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_terminal(tmp_path):
    nodes = [[f"n{i}", "organisation", "", ""] for i in range(600)]
    ties = [[f"n{i}", f"n{i + 1}", "link", "1", "", "", "", ""] for i in range(599)]
    bundle = write_bundle(tmp_path / "path", nodes, ties)
    status, stdout, terminal = run_on_terminal("centrality", bundle, "--measure",
                                               "betweenness", "--top", "1")
    assert status == 0
    assert b"betweenness" in stdout
    # The bar: redrawn in place, ending at 100% and erased afterwards.
    assert re.search(r"Betweenness centrality +\[#+\] 100%", terminal)
    assert terminal.endswith("\r\x1b[K")
    status, stdout, terminal = run_on_terminal("centrality", bundle, "--measure",
                                               "betweenness", "--top", "1", "--quiet")
    assert status == 0 and terminal == ""
    # Not a terminal: silent (stderr is a pipe here).
    result = run("centrality", bundle, "--measure", "betweenness", "--top", "1")
    assert result.returncode == 0 and result.stderr == ""


# Every command that runs a long loop shows its bars on a terminal (each
# label reaching 100%, the bar erased at the end), prints the same results
# as without one (the seed decides, not the reporting), and is silent with
# --quiet or when stderr is not a terminal.
PROGRESS_COMMANDS = {
    "ego": (["ego", ISTANBUL, "--focus", "istanbul", "--permutations", "400",
             "--seed", "5"],
            ["Loading bundle", "E-I permutations, ego", "E-I permutations, network",
             "Brokerage permutations"]),
    "align": (["align", ISTANBUL, "--focus", "istanbul", "--baseline",
               "turkey-government", "--permutations", "400", "--seed", "5",
               "--interval", "bootstrap"],
              ["Loading bundle", "Comparison permutations", "Comparison bootstrap"]),
    "brokerage": (["brokerage", ISTANBUL, "--by", "group:EU@2020", "--permutations",
                   "400", "--seed", "5"],
                  ["Loading bundle", "Brokerage permutations"]),
    "between": (["between", ISTANBUL, "--sources", "group:EU@2020", "--targets",
                 "country:TUR,AZE"],
                ["Loading bundle", "Betweenness centrality (subset)"]),
}


def assert_bars(terminal, labels):
    for label in labels:
        assert re.search(re.escape(label) + r" +\[#+\] 100%", terminal), (label, terminal)
    # Every bar is erased: nothing is left on the line.
    assert terminal.endswith("\r\x1b[K")
    assert "100%\r\x1b[K" in terminal


@pytest.mark.parametrize("name", sorted(PROGRESS_COMMANDS))
def test_progress_bars_of_long_commands(name):
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")
    args, labels = PROGRESS_COMMANDS[name]
    plain = run(*args)
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr == ""  # stderr is a pipe: no bar
    status, stdout, terminal = run_on_terminal(*args)
    assert status == 0
    assert_bars(terminal, labels)
    assert stdout.decode("utf-8") == plain.stdout
    status, stdout, terminal = run_on_terminal(*args, "--quiet")
    assert status == 0 and terminal == ""
    assert stdout.decode("utf-8") == plain.stdout


def test_progress_bars_of_import(tmp_path):
    countries = ["France", "Germany", "Italy", "Spain", "Greece"]
    rows = ["city1,country1,city2,country2"]
    for i in range(6000):
        a, b = i % 40, (i * 3 + 1) % 40
        rows.append(f"Town{a},{countries[a % 5]},Town{b},{countries[b % 5]}")
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    plain = run("import", "pairs", pairs, "-o", tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr == ""
    status, _, terminal = run_on_terminal("import", "pairs", pairs, "-o", tmp_path / "tty")
    assert status == 0
    assert_bars(terminal, ["Importing rows", "Matching places"])
    status, _, terminal = run_on_terminal("import", "pairs", pairs, "-o",
                                          tmp_path / "quiet", "--quiet")
    assert status == 0 and terminal == ""
    for name in ("nodes.csv", "ties.csv"):
        want = (tmp_path / "plain" / name).read_text(encoding="utf-8")
        assert (tmp_path / "tty" / name).read_text(encoding="utf-8") == want
        assert (tmp_path / "quiet" / name).read_text(encoding="utf-8") == want


def test_progress_bar_then_error_on_a_clean_line():
    if not (ISTANBUL / "nodes.csv").exists():
        pytest.skip(f"{ISTANBUL} is absent")
    status, _, terminal = run_on_terminal("ego", ISTANBUL, "--focus", "nope")
    assert status == 1
    # The loading bar was erased before the message.
    assert "100%\r\x1b[Kcitynet: no node \"nope\"" in terminal
