#!/usr/bin/python3
"""Writes docs/citynet.1, the citynet(1) man page, from the command's own
--help texts (one section per subcommand: synopsis, summary, options,
notes) and the hand-written sections below (description, common options,
exit status, files, examples, see also), so that the page lists exactly
the options the command accepts.

    python3 docs/make-man.py build/tools/citynet docs/citynet.1
    python3 docs/make-man.py --check build/tools/citynet docs/citynet.1

--check exits 1 (and says how to regenerate) when the page is out of date.
"""

import re
import subprocess
import sys

VIEW_OPTIONS = ["--layers", "--kinds", "--at", "--from", "--to", "--direction",
                "--combine", "--drop-isolates"]
COMMON = ["--help", "--quiet"]

HEAD = r""".TH CITYNET 1 "" "citynet {version}" "User Commands"
.SH NAME
citynet \- analyse intercity networks: ties, views, blocs, figures and reports
.SH SYNOPSIS
.B citynet
.I SUBCOMMAND
[\fIOPTION\fR...] \fIBUNDLE\fR
.br
.B citynet help
[\fISUBCOMMAND\fR]
.br
.B citynet
\fB\-\-help\fR | \fB\-\-version\fR
.SH DESCRIPTION
.B citynet
is the command-line front end of libcitynet. It reads a \fIbundle\fR (a
directory of CSV files: \fInodes.csv\fR, \fIties.csv\fR and optionally
\fIcountries.csv\fR, \fIcountry_groups.csv\fR, \fIkinds.csv\fR), selects a
\fIview\fR of it (layers, dates, node kinds, direction), and prints what
the library computes: counts, compositions, centralities, communities,
ego networks and alignment with country blocs; it also draws figures and
writes complete report directories. The command does no analysis of its
own: every number comes from the library.
.PP
Each subcommand is described below with its own options. Tables print as
\fBtext\fR (default), \fBcsv\fR, \fBjson\fR, \fBmarkdown\fR or
\fBlatex\fR (booktabs) with \fB\-\-format\fR; \fB\-\-precision\fR \fIN\fR
sets the decimals of real numbers. The formats and JSON schemas are
documented in \fIdocs/cli.md\fR.
.SH COMMON OPTIONS
.TP
.B \-h, \-\-help
Show the subcommand's help and exit.
.TP
.B \-q, \-\-quiet
No progress bar. Long computations (path-based centralities on large
views, permutation tests, imports) draw a one-line bar on standard error
when it is a terminal, and nothing otherwise.
.SS "View options"
Subcommands marked \fI[view options]\fR select the view they work on with:
"""

TAIL = r""".SH EXIT STATUS
.TP
.B 0
Success (\fBvalidate\fR: the bundle is valid).
.TP
.B 1
The data is wrong or an operation failed: a bundle that does not load, an
unknown node, layer, kind or group, an unwritable output, a report
directory that exists and is not empty. The message is printed on
standard error as \fBcitynet: \fIMESSAGE\fR.
.TP
.B 2
Usage error: an unknown option or subcommand, a missing argument, a bad
date or period, an unknown format. The message names the subcommand and
is followed by a hint to use \fB\-\-help\fR.
.PP
On any error nothing is written to standard output, and no output file or
directory is created or changed: outputs are written to temporary files
and renamed only when complete.
.SH FILES
.TP
.I BUNDLE/nodes.csv, BUNDLE/ties.csv
Nodes (id, kind, name, country, lat, lon, population, ...) and typed,
weighted, dated ties (source, target, layer, weight, directed, start, end,
ref, ...). See \fIdocs/format.md\fR.
.TP
.I BUNDLE/countries.csv, BUNDLE/country_groups.csv
Countries and their dated group memberships (EU, NATO, ...).
.TP
.I DIR/report.md, DIR/report.html, DIR/provenance.json
The report directory of \fBcitynet report \-o \fIDIR\fR, with
\fIDIR/tables/\fR (CSV and LaTeX) and \fIDIR/figures/\fR (SVG and PDF).
.SH EXAMPLES
The Istanbul report of the bundled data set:
.PP
.nf
.RS
citynet report data/istanbul \-\-focus istanbul \e
    \-\-period 2019\-06\-23..2024\-03\-31 \-\-compare ..2019\-06\-22 \e
    \-\-baseline turkey\-government \-o istanbul\-report
.RE
.fi
.PP
An ego-network figure for a paper, and a LaTeX table:
.PP
.nf
.RS
citynet figure data/istanbul \-\-kind ego \-\-focus istanbul \e
    \-\-period 2019\-06\-23..2024\-03\-31 \-\-groups EU,NATO,OTS,OIC \-o ego.pdf
citynet report data/istanbul \-\-focus istanbul \-\-format latex \e
    \-\-table rows \-\-precision 3 > composition.tex
.RE
.fi
.SH SEE ALSO
The documentation in \fIdocs/\fR: \fIcli.md\fR (this command, output
formats, JSON schemas), \fIformat.md\fR, \fIviews.md\fR,
\fIcomposition.md\fR, \fIanalytics.md\fR, \fIfigures.md\fR,
\fIusing-from-c.md\fR.
"""


def roff(text):
    """Escapes running text for roff."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def run_help(cli, *args):
    result = subprocess.run([cli, *args, "--help"], capture_output=True, text=True,
                            encoding="utf-8", check=True)
    return result.stdout


def parse_help(text):
    """Usage synopsis, summary, options [(flags, argument, help)], notes."""
    lines = text.splitlines()
    usage = summary = None
    options, notes = [], []
    section = None
    for line in lines:
        if line.startswith("Usage:"):
            section = "usage"
            continue
        if section == "usage" and line.strip():
            usage = line.strip()
            section = "summary"
            continue
        if section == "summary" and line.strip():
            summary = line.strip()
            section = "before-options"
            continue
        if line.startswith("Options:"):
            section = "options"
            continue
        if section == "options":
            match = re.match(r"\s+(-\w, )?(--[\w-]+)(=\S+)?\s{2,}(.*)", line)
            if match:
                short = (match.group(1) or "").strip(", ")
                options.append((short, match.group(2), (match.group(3) or "")[1:],
                                match.group(4).strip()))
                continue
            if line.strip():
                section = "notes"
            else:
                continue
        if section == "notes":
            notes.append(line.strip())
    return usage, summary, options, "\n".join(notes).strip()


def option_item(short, long, argument, description):
    flags = f"\\-{short[1:]}, " if short else ""
    flags += "\\-\\-" + long[2:].replace("-", "\\-")
    if argument:
        flags += f"=\\fI{roff(argument)}\\fR"
    return f".TP\n.B {flags}\n{roff(description)}\n"


def generate(cli):
    version = subprocess.run([cli, "--version"], capture_output=True, text=True,
                             check=True).stdout.split()[1]
    top = run_help(cli)
    commands = re.findall(r"^  (\w[\w-]*)\s{2,}(.*)$",
                          top.split("Subcommands:")[1].split("Options:")[0], re.M)
    commands = [(name, summary) for name, summary in commands if name != "help"]
    page = [HEAD.format(version=version)]
    # The view options, described once (from the first subcommand that has them).
    view_described = False
    body = [".SH SUBCOMMANDS\n"]
    for name, _ in commands:
        usage, summary, options, notes = parse_help(run_help(cli, name))
        has_view = any(o[1] == "--layers" for o in options)
        if has_view and not view_described:
            for option in options:
                if option[1] in VIEW_OPTIONS:
                    page.append(option_item(*option))
            view_described = True
        synopsis = usage.replace("[OPTION…]", "[OPTION...]")
        body.append(f'.SS "{roff(synopsis)}{" [view options]" if has_view else ""}"\n')
        body.append(f"{roff(summary)}.\n" if not summary.endswith(".") else f"{roff(summary)}\n")
        for option in options:
            if option[1] in COMMON or option[1] in VIEW_OPTIONS:
                continue
            body.append(option_item(*option))
        if notes:
            body.append(".PP\n")
            for paragraph in notes.split("\n\n"):
                body.append(roff(" ".join(paragraph.split())) + "\n.PP\n")
            body[-1] = body[-1][:-len(".PP\n")]
    page.extend(body)
    page.append(TAIL)
    return "".join(page)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv[1:] if a != "--check"]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    cli, path = args
    text = generate(cli)
    if check:
        try:
            current = open(path, encoding="utf-8").read()
        except OSError:
            current = None
        if current != text:
            print(f"{path} is out of date: run python3 docs/make-man.py {cli} {path}",
                  file=sys.stderr)
            return 1
        return 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
