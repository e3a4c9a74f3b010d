"""Throughput benchmark: single_window against bare lxml, in one run, on the shared corpus.

A script, not a test: ``python tests/benchmarks/bench.py [--rounds N] [--quick]``.
Prints docs/s for each stage and its ratio to bare lxml parse and to lxml parse + XSD,
measured in the same process on the same documents (best of N rounds), then the time of
``check`` on generated declarations of 1..999 goods items to show it grows linearly.

Stages:
    lxml parse           etree.fromstring with a default parser
    lxml parse + XSD     the same plus the compiled bundled XSD profile
    ... + visit          parse (with the reader's parser options) + XSD, then a Python pass
                         reading every element's tag, text and line (builds nothing: a
                         floor for any model built in Python from the tree)
    xmlschema validate   xmlschema (pure Python) against the same profile
    xsdata parse         xsdata's XmlParser().from_bytes into dataclasses that
                         ``xsdata generate`` writes from the same profile into a
                         temporary folder when the benchmark starts (needs the dev
                         extra's ``xsdata[cli]``)

The two Python peers take turns with ``sw.check`` on the same documents (the whole
corpus, a sample with ``--quick``); their ratios to ``check`` come from those turns.
    sw.parse             single_window.parse (secure read + XSD + model)
    sw.validate          single_window.validate (same, never raises)
    sw.check             single_window.check with the five OTS member packs
"""

from __future__ import annotations

import argparse
import copy
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
#: The test corpus, found as tests/conftest.py finds it.
CORPUS = (
    Path(os.environ.get("SINGLE_WINDOW_CORPUS") or REPO.parent / "shared" / "corpus")
    / "hmrc-cds"
    / "declarations"
)
#: Package name of the dataclasses xsdata generates for the benchmark.
XSDATA_PACKAGE = "sw_bench_xsdata"
MEMBERS = ["AZ", "KG", "KZ", "TR", "UZ"]
#: parse + XSD, then a Python loop that reads each element's tag, text and line and builds
#: nothing: the least any model built from the tree in Python can cost.
FLOOR = "lxml parse + XSD + visit"


def corpus() -> list[bytes]:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")
    return [p.read_bytes() for p in files]


def best_rate(func: Callable[[bytes], object], docs: list[bytes], rounds: int) -> float:
    """Documents per second, best of ``rounds`` passes over ``docs``."""
    return best_rates({"": func}, docs, rounds)[""]


def best_rates(
    funcs: dict[str, Callable[[bytes], object]], docs: list[bytes], rounds: int
) -> dict[str, float]:
    """Documents per second of each function, best of ``rounds`` passes over ``docs``.

    The stages take turns within each round, so a slow spell of the machine (other
    processes, frequency changes) falls on all of them alike rather than on one.
    """
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(rounds):
        for name, func in funcs.items():
            start = time.perf_counter()
            for doc in docs:
                func(doc)
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: len(docs) / seconds for name, seconds in best.items()}


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


def big_declaration(items: int) -> bytes:
    """The TR import example with its goods item repeated ``items`` times."""
    ns = {"d": "urn:wco:datamodel:WCO:DEC-DMS:2"}
    root = etree.parse(str(REPO / "examples" / "tr-import.xml")).getroot()
    shipment = root.find(".//d:GoodsShipment", ns)
    assert shipment is not None
    template = shipment.find("d:GovernmentAgencyGoodsItem", ns)
    assert template is not None
    position = list(shipment).index(template)
    shipment.remove(template)
    for n in range(items, 0, -1):
        item = copy.deepcopy(template)
        seq = item.find("d:SequenceNumeric", ns)
        assert seq is not None
        seq.text = str(n)
        shipment.insert(position, item)
    count = root.find(".//d:GoodsItemQuantity", ns)
    assert count is not None
    count.text = str(items)
    for tag in ("InvoiceAmount", "TotalPackageQuantity"):
        el = root.find(f".//d:{tag}", ns)
        if el is not None:
            el.getparent().remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller sample")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(
            f"test corpus not found at {CORPUS}: run scripts/fetch_corpus.py",
            file=sys.stderr,
        )
        return 2

    import xmlschema

    import single_window as sw
    from single_window.schema import bundled_schema_path

    rounds = 2 if args.quick else args.rounds
    docs = corpus()
    xsd_path = bundled_schema_path()
    plain = etree.XMLParser()
    xsd = etree.XMLSchema(etree.parse(str(xsd_path)))
    from single_window.rules import RuleSet

    members = [c for c in MEMBERS if c in RuleSet.bundled().countries]
    sw.check(docs[0], countries=members)  # load schema and packs once

    def parse(doc: bytes) -> object:
        try:
            return sw.parse(doc)
        except sw.DeclarationError:
            return None

    def lxml_xsd(doc: bytes) -> object:
        return xsd.validate(etree.fromstring(doc, plain))

    def visit(el: etree._Element) -> None:
        for child in el:
            _ = child.tag, child.text, child.sourceline
            visit(child)

    # The reader's own parser (no DTD, no entities, no network, no comments, no blank
    # text): the floor is measured on the tree the library itself walks.
    from single_window._reader import _parser

    reader_parser = _parser()

    def lxml_xsd_visit(doc: bytes) -> object:
        root = etree.fromstring(doc, reader_parser)
        valid = xsd.validate(root)
        visit(root)
        return valid

    label = f"sw.check ({len(members)} member packs)"
    timed: dict[str, Callable[[bytes], object]] = {
        "lxml parse": lambda d: etree.fromstring(d, plain),
        "lxml parse + XSD": lxml_xsd,
        FLOOR: lxml_xsd_visit,
        "sw.parse": parse,
        "sw.validate": sw.validate,
        label: lambda d: sw.check(d, countries=members),
    }
    rates = best_rates(timed, docs, rounds)
    slow = xmlschema.XMLSchema(str(xsd_path))
    # The Python peers take turns with sw.check on the same documents (the whole corpus;
    # a sample with --quick), so their ratios to check do not depend on how busy the
    # machine was in another part of the run.
    sample = docs[:: max(1, len(docs) // 10)] if args.quick else docs
    peers: dict[str, Callable[[bytes], object]] = {
        label: timed[label],
        "xmlschema validate": lambda d: slow.is_valid(d.decode("utf-8")),
    }
    with tempfile.TemporaryDirectory(prefix="sw-bench-xsdata-") as folder:
        parse_xsdata = xsdata_parse(xsd_path, Path(folder))
        if parse_xsdata is not None:
            for doc in sample[:3]:
                parse_xsdata(doc)  # build xsdata's class metadata once, as a real user would
            peers["xsdata parse"] = parse_xsdata
        on_sample = best_rates(peers, sample, 1 if args.quick else 3)
    for name in peers:
        if name != label:
            rates[name] = on_sample[name]

    base, base_xsd = rates["lxml parse"], rates["lxml parse + XSD"]
    print(f"{len(docs)} corpus declarations, best of {rounds} rounds")
    print(f"{'stage':28} {'docs/s':>9} {'vs parse':>9} {'vs parse+XSD':>13}")
    for name, rate in rates.items():
        print(f"{name:28} {rate:9.0f} {rate / base:9.2f} {rate / base_xsd:13.2f}")
    print(f"member packs: {', '.join(members)}")
    print(f"validate / (parse+XSD) = {rates['sw.validate'] / base_xsd:.2f} (target >= 0.5)")
    print(f"check / (parse+XSD) = {rates[label] / base_xsd:.2f} (target >= 0.25)")
    print(
        f"peers on {len(sample)} documents, taking turns with check "
        f"({on_sample[label]:.0f} docs/s there): "
        f"check / xmlschema = {on_sample[label] / on_sample['xmlschema validate']:.1f} "
        "(target >= 8)"
    )
    if "xsdata parse" in on_sample:
        print(
            f"check / xsdata parse = {on_sample[label] / on_sample['xsdata parse']:.1f} "
            "(target >= 3)"
        )
    else:
        print("xsdata is not installed (the dev extra has it): no xsdata row")

    print("\ncheck time by goods item count (TR import, 1 item repeated)")
    per_item: list[float] = []
    for items in (1, 10, 100, 500, 999):
        doc = big_declaration(items)
        runs = 1 if items >= 500 and args.quick else 3
        best = float("inf")
        for _ in range(runs):
            start = time.perf_counter()
            report = sw.check(doc, countries=["TR"])
            best = min(best, time.perf_counter() - start)
        per_item.append(best / items)
        print(
            f"{items:4d} items: {best * 1000:8.1f} ms  ({best / items * 1e6:7.1f} us/item, "
            f"{report.verdict.value}, {len(report.findings)} findings)"
        )
    tail = per_item[2:]
    print(f"us/item from 100 items up: spread {max(tail) / min(tail):.2f}x (linear ~ 1)")
    print(f"median us/item: {statistics.median(tail) * 1e6:.1f}")
    ncts_rows(args.quick)
    return 0


def ncts_rows(quick: bool) -> None:
    """``check`` of a CC015C against ``check`` of a WCO declaration with as many goods items:
    the test pack's transit item with the data a transit item often adds (27 elements, the
    WCO item has 23; ``tests/ncts/bench_ncts_read.py``), both judged by the TR pack. The two
    take turns, best of 5 (2 with ``--quick``) CPU times at each size, once as a user runs them and
    once with the cyclic garbage collector off during each call (collected before it): a
    CC015C is read into its own model and then into the canonical one, so it leaves about
    1.7 times the objects per goods item for the collector to visit, whose passes cost more
    the more the process holds."""
    import gc

    sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "ncts")]
    try:
        from bench_ncts_read import big_ncts
    except ImportError:  # pragma: no cover - the NCTS corpus is not there
        print("\nNCTS messages not found: no CC015C rows")
        return
    import single_window as sw

    def timed(doc: bytes, collector: bool) -> float:
        gc.collect()
        if not collector:
            gc.disable()
        try:
            start = time.process_time()
            report = sw.check(doc, countries=["TR"])
            elapsed = time.process_time() - start
        finally:
            gc.enable()
        assert report.declaration is not None, report.findings[:3]
        return elapsed

    print("\ncheck time by goods item count: CC015C against the WCO declaration (TR pack)")
    ratios: dict[bool, list[float]] = {True: [], False: []}
    for items in (1, 10, 100, 500, 999):
        docs = {"WCO": big_declaration(items), "CC015C": big_ncts(items, rich=True)}
        row = []
        for collector in (True, False):
            best = dict.fromkeys(docs, float("inf"))
            for _ in range(2 if quick else 5):
                for name, doc in docs.items():
                    best[name] = min(best[name], timed(doc, collector))
            ratio = best["CC015C"] / best["WCO"]
            if items >= 100:
                ratios[collector].append(ratio)
            row.append(
                f"CC015C {best['CC015C'] / items * 1e6:6.1f} us/item, "
                f"WCO {best['WCO'] / items * 1e6:6.1f}: {ratio:.2f}x"
            )
        print(f"{items:4d} items: {row[0]} | without the collector: {row[1]}")
    print(
        "CC015C / WCO per goods item from 100 items up, median: "
        f"{statistics.median(ratios[True]):.2f}x, without the collector "
        f"{statistics.median(ratios[False]):.2f}x (target <= 1.5, aim <= 1.0)"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
