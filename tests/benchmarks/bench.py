"""Throughput benchmark: single_window against bare lxml and the Python peers, in one run.

A script, not a test::

    python tests/benchmarks/bench.py                 # every table, 15 rounds after 2 warm-up
    python tests/benchmarks/bench.py --rounds 31     # steadier figures
    python tests/benchmarks/bench.py --quick         # a quick look (3 rounds, 31 documents)
    python tests/benchmarks/bench.py --only corpus   # one table (corpus, items, startup)
    python tests/benchmarks/bench.py --json out.json # also write every sample

Options:
    --rounds N    rounds counted for every row (default 15)
    --warmup N    rounds run first and discarded (default 2)
    --quick       3 rounds after 1 warm-up, every tenth corpus document
    --only NAME   run only this table (repeatable): corpus, items, startup
    --json FILE   write the samples of every row (seconds) and the run's set-up to FILE

Method (``_measure.py`` beside this file): every row of a table runs once per round, in
a fixed order, for the same number of rounds (A, B, C, A, B, C, ...), so a busy spell of
the machine falls on every row alike; warm-up rounds are discarded; work done in this
process is timed in CPU time (``time.process_time``), commands started fresh in wall
time (with their CPU time beside it); a full garbage collection runs before each sample,
outside the timed region; each row gives its median and interquartile range, and each
ratio is the ratio of two medians of the same run.

Tables:

corpus: one sample is one pass over the shared corpus (308 declarations).
    lxml parse           etree.fromstring with a default parser
    lxml parse + XSD     the same plus the compiled bundled XSD profile
    ... + visit          parse (with the reader's parser options) + XSD, then a Python pass
                         reading every element's tag, text and line (builds nothing: a
                         floor for any model built in Python from the tree)
    sw.parse             single_window.parse (secure read + XSD + model)
    sw.validate          single_window.validate (same, never raises)
    sw.check, corridor, 5 packs
                         single_window.check of the corpus moved onto the corridor (see
                         ``on_corridor``: each declaration's declaring, export, destination
                         and routing countries renamed to the five OTS members), with the
                         five member packs named: each member pack runs the rules of the
                         roles the declaration gives it, and the members it gives none run
                         their rules without a role condition. The row the targets use:
                         every member pack judging the declarations.
    sw.check, 5 packs named
                         single_window.check of the corpus as it is with the five member
                         packs named (countries=MEMBERS). The corpus's declarations are
                         British: no member has a role on them, so each member pack runs only
                         its rules without a role condition (none applies to them today),
                         and the row measures the baseline pack and the cost of naming five
                         packs. (Before named countries kept only their own roles, each
                         named member was judged as a declaring country, which no real
                         declaration has five of.)
    xmlschema validate   xmlschema (pure Python) against the same profile, validate only
    xsdata parse         xsdata's XmlParser().from_bytes into dataclasses that
                         ``xsdata generate`` writes from the same profile into a
                         temporary folder when the benchmark starts (needs the dev
                         extra's ``xsdata[cli]``)

items: ``check`` (read + check) of the TR import example with its goods item repeated 100
    and 999 times, with the declaration's own route (TR declaring, UZ export) and with the
    five member packs named (TR and UZ with those roles, AZ, KG and KZ with none: their
    rules without a role condition); one sample checks about 1,000 goods items (the
    100-item declaration ten times), and the cost per item at 999 is compared with that
    at 100; a CC015C with as many goods items is compared with its WCO twin (the same
    message converted) and with the import example, all checked with the TR pack (see
    ``CC015C_ROWS``).

startup: wall time of ``single-window --help`` and ``single-window rules`` run as fresh
    processes, beside ``python -c pass`` (the interpreter's own start).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the measuring core beside this script
    sys.path.insert(0, str(HERE))
from _measure import (  # noqa: E402
    Command,
    Stats,
    header,
    load,
    run_rounds,
    throughput_ratio,
    verdict,
)

REPO = HERE.parents[1]
if str(REPO / "tests") not in sys.path:  # the tests' builder of big declarations
    sys.path.append(str(REPO / "tests"))
from _many_items import many_items  # noqa: E402

#: The test corpus, found as tests/conftest.py finds it.
CORPUS = (
    Path(os.environ.get("SINGLE_WINDOW_CORPUS") or REPO.parent / "shared" / "corpus")
    / "hmrc-cds"
    / "declarations"
)
#: Package name of the dataclasses xsdata generates for the benchmark.
XSDATA_PACKAGE = "sw_bench_xsdata"
MEMBERS = ["AZ", "KG", "KZ", "TR", "UZ"]
#: check of the corpus on the corridor, five member packs named: the targets' row.
CHECK = "sw.check, corridor, 5 packs"
#: check of the corpus as it is, five member packs named (none has a role on it).
CHECK_NAMED = "sw.check, 5 packs named"
LXML_XSD = "lxml parse + XSD"
#: parse + XSD, then a Python loop that reads each element's tag, text and line and builds
#: nothing: the least any model built from the tree in Python can cost.
FLOOR = "lxml parse + XSD + visit"
XMLSCHEMA = "xmlschema validate"
XSDATA = "xsdata parse"
#: Goods items of the generated declarations, and the items one sample checks in all.
ITEM_COUNTS = (100, 999)
ITEMS_PER_SAMPLE = 1000
#: The targets of DESIGN.md, checked from the medians of each run.
TARGETS = {
    "check / lxml parse + XSD": 0.25,
    "check / xmlschema validate": 8.0,
    "check / xsdata parse": 3.0,
    "cost per item 999 / 100": 1.15,
    "--help wall time (ms)": 150.0,
}


def corpus() -> list[bytes]:
    """Every corpus declaration (*.xml in any letter case), sorted, as bytes."""
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")
    return [p.read_bytes() for p in files]


def xsdata_parse(xsd_path: Path, folder: Path) -> Callable[[bytes], object] | None:
    """A function that parses a document into xsdata dataclasses generated from the XSD.

    The dataclasses are generated into ``folder`` (``xsdata generate``, which formats its
    output with ruff from the same environment). None when xsdata is not installed.
    """
    try:
        from xsdata.formats.dataclass.parsers import XmlParser
    except ImportError:
        return None
    env = dict(
        os.environ,
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    subprocess.run(
        [sys.executable, "-m", "xsdata", "generate", str(xsd_path), "--package", XSDATA_PACKAGE],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(folder))
    importlib.import_module(XSDATA_PACKAGE)  # registers the classes the parser looks up
    parser = XmlParser()
    return parser.from_bytes


#: The elements whose two-letter country codes give a WCO declaration its route
#: (``rules._route.route_of``): the declaring country (``ResponsibleCountryCode``), the
#: export country, the destination and the itinerary's routing countries.
_ROUTE_CODES = re.compile(
    rb"(<(?:[\w.-]+:)?(?:ResponsibleCountryCode|RoutingCountryCode)>\s*"
    rb"|<(?:[\w.-]+:)?ExportCountry>\s*<(?:[\w.-]+:)?ID>\s*"
    rb"|<(?:[\w.-]+:)?Destination>\s*<(?:[\w.-]+:)?CountryCode>\s*)"
    rb"([A-Za-z]{2})(?=\s*</)"
)


def on_corridor(doc: bytes, n: int) -> bytes:
    """The declaration moved onto the corridor: the country codes that give it its route
    renamed, one for one in the order they first appear, to the five member countries
    from the ``n``-th on (``MEMBERS``, in turn), so that the corpus is lodged in each
    member in turn and its other countries are members too (a British import from the
    United States, the ``n``-th member being TR, becomes a Turkish import from
    Uzbekistan). Nothing else changes, and the bytes keep their length."""
    start = n % len(MEMBERS)
    order = MEMBERS[start:] + MEMBERS[:start]
    renamed: dict[bytes, bytes] = {}

    def rename(match: re.Match[bytes]) -> bytes:
        code = match.group(2).upper()
        if code not in renamed:
            renamed[code] = order[len(renamed) % len(order)].encode()
        return match.group(1) + renamed[code]

    return _ROUTE_CODES.sub(rename, doc)


def big_declaration(items: int) -> bytes:
    """The TR import example with its goods item repeated ``items`` times, its goods item
    count set and the totals that no longer add up left out (``tests/_many_items.py``)."""
    return many_items(items, totals=True)


# --- NCTS CC015C rows ---------------------------------------------------------------------
# DESIGN.md: "a CC015C costs no more per item than a WCO declaration". Each entry maps a
# row label to a function that returns a CC015C with the given number of goods items: the
# UK test pack's transit goods item with the data a transit item often adds (27 elements;
# see tests/ncts/bench_ncts_read.py), repeated. Each CC015C is compared with two WCO
# declarations of as many goods items, all checked with the TR pack:
# - its WCO twin, the CC015C converted (``single_window.convert(..., to="wco")``): the
#   same goods items, parties, offices and route in the WCO layout, so that the same
#   transit rules run on the same data; the ratio to it is what the NCTS format itself
#   costs (its reading and normalizing against the WCO reading);
# - the TR import example of the other rows (23 elements per item), a declaration of
#   another kind whose import rules are fewer than the transit ones: the ratio to it adds
#   the difference of the rules that run.
# The items table prints the cost per item of each and both ratios.
CC015C_PACKS = ["TR"]


def _cc015c_builder() -> Callable[[int], bytes] | None:
    """``big_ncts(items, rich=True)`` from the NCTS benchmark, or None without the corpus."""
    sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "ncts")]
    try:
        from bench_ncts_read import big_ncts
    except (ImportError, OSError):  # the NCTS messages of the shared corpus are not there
        return None
    return lambda items: big_ncts(items, rich=True)


def wco_twin(cc015c: bytes) -> bytes:
    """The WCO declaration a CC015C converts to: the same goods items, in the WCO layout."""
    import single_window as sw

    return sw.convert(sw.parse(cc015c), to="wco").xml


CC015C_ROWS: dict[str, Callable[[int], bytes]] = {}
_BUILD_CC015C = _cc015c_builder()
if _BUILD_CC015C is not None:
    CC015C_ROWS["CC015C check, TR pack"] = _BUILD_CC015C


def over(func: Callable[[bytes], object], docs: list[bytes]) -> Callable[[], None]:
    """One sample's work: ``func`` on every document."""

    def work() -> None:
        for doc in docs:
            func(doc)

    return work


def visit(el: etree._Element) -> None:
    """Read every element's tag, text and line from Python, building nothing."""
    for child in el:
        _ = child.tag, child.text, child.sourceline
        visit(child)


@contextmanager
def corpus_rows(docs: list[bytes]) -> Iterator[dict[str, Callable[[], None]]]:
    """The rows of the corpus table, each a pass over ``docs`` (xsdata's needs a folder)."""
    import xmlschema

    import single_window as sw
    from single_window._reader import _parser
    from single_window.schema import bundled_schema_path

    xsd_path = bundled_schema_path()
    plain = etree.XMLParser()
    xsd = etree.XMLSchema(etree.parse(str(xsd_path)))
    # The reader's own parser (no DTD, no entities, no network, no comments, no blank
    # text): the floor is measured on the tree the library itself walks.
    reader_parser = _parser()
    slow = xmlschema.XMLSchema(str(xsd_path))

    def parse(doc: bytes) -> object:
        try:
            return sw.parse(doc)
        except sw.DeclarationError:
            return None

    def floor(doc: bytes) -> object:
        root = etree.fromstring(doc, reader_parser)
        valid = xsd.validate(root)
        visit(root)
        return valid

    def named(doc: bytes) -> object:
        return sw.check(doc, countries=MEMBERS)

    # Each row's function and the documents it runs on (the corridor row, the corpus
    # moved onto the corridor: the same documents but for their route's country codes).
    corridor = [on_corridor(doc, n) for n, doc in enumerate(docs)]
    funcs: dict[str, tuple[Callable[[bytes], object], list[bytes]]] = {
        "lxml parse": (lambda d: etree.fromstring(d, plain), docs),
        LXML_XSD: (lambda d: xsd.validate(etree.fromstring(d, plain)), docs),
        FLOOR: (floor, docs),
        "sw.parse": (parse, docs),
        "sw.validate": (sw.validate, docs),
        CHECK: (named, corridor),
        CHECK_NAMED: (named, docs),
        XMLSCHEMA: (lambda d: slow.is_valid(d.decode("utf-8")), docs),
    }
    with tempfile.TemporaryDirectory(prefix="sw-bench-xsdata-") as folder:
        parse_xsdata = xsdata_parse(xsd_path, Path(folder))
        if parse_xsdata is not None:
            funcs[XSDATA] = (parse_xsdata, docs)
        rows = {name: over(func, on) for name, (func, on) in funcs.items()}
        try:
            yield rows
        finally:  # the generated package goes with its folder
            sys.path[:] = [p for p in sys.path if p != folder]
            for name in [m for m in sys.modules if m.split(".")[0] == XSDATA_PACKAGE]:
                del sys.modules[name]


def item_rows() -> tuple[dict[str, Callable[[], None]], dict[str, int]]:
    """The rows of the items table and the goods items each row's sample checks."""
    import single_window as sw

    rows: dict[str, Callable[[], None]] = {}
    units: dict[str, int] = {}
    for label, countries in (("own route", None), ("5 packs named", MEMBERS)):
        for items in ITEM_COUNTS:
            doc = big_declaration(items)
            result = sw.validate(doc)
            assert result.ok, f"the {items}-item declaration must read cleanly"
            repeats = max(1, round(ITEMS_PER_SAMPLE / items))
            name = f"WCO check, {items} items, {label}"
            rows[name] = over(lambda d, c=countries: sw.check(d, countries=c), [doc] * repeats)
            units[name] = items * repeats
    for label, build in CC015C_ROWS.items():
        for items in ITEM_COUNTS:
            repeats = max(1, round(ITEMS_PER_SAMPLE / items))
            cc015c = build(items)
            pairs = (
                (f"{label}, {items} items", cc015c),
                (f"WCO twin check, {items} items, TR pack", wco_twin(cc015c)),
                (f"WCO check, {items} items, TR pack", big_declaration(items)),
            )
            for name, doc in pairs:
                assert sw.validate(doc).ok, f"{name}: the declaration must read cleanly"
                rows[name] = over(lambda d: sw.check(d, countries=CC015C_PACKS), [doc] * repeats)
                units[name] = items * repeats
    return rows, units


def command(*args: str) -> list[str]:
    """The argv that runs ``single-window`` with ``args``, as an installed user runs it."""
    script = Path(sys.executable).parent / "single-window"
    if script.exists():
        return [str(script), *args]
    found = shutil.which("single-window")
    return [found, *args] if found else [sys.executable, "-m", "single_window", *args]


def print_rows(
    samples: dict[str, list[float]],
    units: dict[str, int],
    unit: str,
    reference: str | None,
) -> None:
    """One line per row: median, interquartile range, rate and ratio to ``reference``."""
    print(f"  {'row':40} {'median':>10} {'IQR':>7} {unit + '/s':>10} {'vs ' + str(reference):>22}")
    for name, times in samples.items():
        stats = Stats.of(times)
        rate = units.get(name, 1) / stats.median
        vs = ""
        if reference is not None:
            r, q1, q3 = throughput_ratio(times, samples[reference])
            vs = f"{r:.3f} [{q1:.3f}-{q3:.3f}]"
        print(
            f"  {name:40} {stats.median * 1000:8.1f}ms {stats.iqr_percent:6.1f}% "
            f"{rate:10.0f} {vs:>22}"
        )


def target_line(name: str, value: float, q1: float, q3: float, below: bool = False) -> str:
    """A target of DESIGN.md with the measured value and whether it is met."""
    goal = TARGETS[name]
    sign = "<=" if below else ">="
    status = verdict(value, q1, q3, goal, below)
    return f"  {name:32} {value:8.3f} [{q1:.3f}-{q3:.3f}]  target {sign} {goal:g}: {status}"


def corpus_table(docs: list[bytes], rounds: int, warmup: int) -> dict[str, list[float]]:
    """Measure and print the corpus table; its samples."""
    with corpus_rows(docs) as rows:
        header(
            f"corpus: {len(docs)} declarations per sample, one pass per row",
            rounds,
            warmup,
            "CPU time",
        )
        samples = run_rounds(rows, rounds, warmup)
    units = dict.fromkeys(samples, len(docs))
    print_rows(samples, units, "docs", LXML_XSD)
    # The targets' row is the corridor's: every member pack judging the declarations. Its
    # documents are the peers' but for some country codes, of the same length.
    check = samples[CHECK]
    for peer, key in (
        (LXML_XSD, "check / lxml parse + XSD"),
        (XMLSCHEMA, "check / xmlschema validate"),
        (XSDATA, "check / xsdata parse"),
    ):
        if peer in samples:
            print(target_line(key, *throughput_ratio(check, samples[peer])))
        else:
            print(f"  {key}: not measured (xsdata is not installed; the dev extra has it)")
    return samples


def items_table(rounds: int, warmup: int) -> dict[str, list[float]]:
    """Measure and print the goods-item table; its samples."""
    rows, units = item_rows()
    header(
        f"items: read + check of generated declarations, ~{ITEMS_PER_SAMPLE} items per sample",
        rounds,
        warmup,
        "CPU time",
    )
    samples = run_rounds(rows, rounds, warmup)
    print(f"  {'row':40} {'median':>10} {'IQR':>7} {'us/item':>10}")
    for name, times in samples.items():
        stats = Stats.of(times)
        print(
            f"  {name:40} {stats.median * 1000:8.1f}ms {stats.iqr_percent:6.1f}% "
            f"{stats.median / units[name] * 1e6:10.1f}"
        )
    small, big = ITEM_COUNTS
    for label in ("own route", "5 packs named"):
        a, b = f"WCO check, {small} items, {label}", f"WCO check, {big} items, {label}"
        # cost per item at 999 / at 100 = throughput per item at 100 / at 999
        r, q1, q3 = throughput_ratio(samples[a], samples[b], units[a], units[b])
        print(target_line("cost per item 999 / 100", r, q1, q3, below=True) + f" ({label})")
    if not CC015C_ROWS:
        print("  CC015C per item vs WCO: not measured (the NCTS messages of the corpus are absent)")
    for label in CC015C_ROWS:
        for items in ITEM_COUNTS:
            ncts = f"{label}, {items} items"
            for name, row, goal in (
                ("its WCO twin", f"WCO twin check, {items} items, TR pack", " (target <= 1.5)"),
                ("the import example", f"WCO check, {items} items, TR pack", ""),
            ):
                # cost per item of the CC015C / of the WCO declaration
                r, q1, q3 = throughput_ratio(samples[row], samples[ncts], units[row], units[ncts])
                print(
                    f"  CC015C / {name}, cost per item, {items} items: {r:.2f}"
                    f" [{q1:.2f}-{q3:.2f}]{goal}"
                )
    return samples


def startup_table(rounds: int, warmup: int) -> dict[str, list[float]]:
    """Measure and print the start-up table (fresh processes, wall time); its samples."""
    commands = {
        "python -c pass": Command([sys.executable, "-c", "pass"]),
        "single-window --help": Command(command("--help")),
        "single-window rules": Command(command("rules")),
    }
    header("startup: commands run as fresh processes", rounds, warmup, "wall time")
    samples = run_rounds(dict(commands), rounds, warmup, clock=time.perf_counter)
    print(f"  {'row':40} {'median':>10} {'IQR':>7} {'CPU median':>11}")
    for name, times in list(samples.items()):
        stats = Stats.of(times)
        cpu = Stats.of(commands[name].cpu[warmup:])
        print(
            f"  {name:40} {stats.median * 1000:8.1f}ms {stats.iqr_percent:6.1f}% "
            f"{cpu.median * 1000:9.1f}ms"
        )
        samples[name + " (CPU)"] = commands[name].cpu[warmup:]
    help_ms = Stats.of(samples["single-window --help"])
    print(
        target_line(
            "--help wall time (ms)",
            help_ms.median * 1000,
            help_ms.q1 * 1000,
            help_ms.q3 * 1000,
            below=True,
        )
    )
    return samples


def main(argv: list[str]) -> int:
    """Run the tables the options name; 2 when the corpus is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="3 rounds, a tenth of the corpus")
    parser.add_argument("--only", action="append", choices=["corpus", "items", "startup"])
    parser.add_argument("--json", metavar="FILE", help="write every sample here")
    args = parser.parse_args(argv)
    tables = args.only or ["corpus", "items", "startup"]
    rounds, warmup = (3, 1) if args.quick else (args.rounds, args.warmup)
    if "corpus" in tables and not CORPUS.is_dir():
        print(f"test corpus not found at {CORPUS}: run scripts/fetch_corpus.py", file=sys.stderr)
        return 2
    import lxml

    import single_window as sw

    print(
        f"single_window {sw.__version__}, Python {platform.python_version()}, "
        f"lxml {lxml.__version__}, {os.cpu_count()} CPUs, {platform.machine()}; {load()}"
    )
    results: dict[str, dict[str, list[float]]] = {}
    if "corpus" in tables:
        docs = corpus()
        results["corpus"] = corpus_table(docs[::10] if args.quick else docs, rounds, warmup)
    if "items" in tables:
        results["items"] = items_table(rounds, warmup)
    if "startup" in tables:
        results["startup"] = startup_table(rounds, warmup)
    print(f"\nend: {load()}")
    if args.json:
        setup = {"rounds": rounds, "warmup": warmup, "python": platform.python_version()}
        Path(args.json).write_text(json.dumps({"setup": setup, "samples": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
