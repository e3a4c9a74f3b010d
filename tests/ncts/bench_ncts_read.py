"""What reading a CC015C costs per goods item, against reading a WCO declaration.

A script, not a test: ``python tests/ncts/bench_ncts_read.py [--items N] [--rounds R]``.

Both readers get an lxml tree the secure reader has already parsed and map it onto their
typed model in one walk: ``single_window.formats.wco._mapping.map_document`` for the WCO declaration
(the TR import example with its goods item repeated, as ``tests/benchmarks/bench.py``
builds it), :func:`single_window.formats.ncts.read_message` for a CC015C with the same
number of goods items. Two CC015C are measured: the goods item of the UK test pack's
``dsgbt1`` declaration as it is (16 elements), and that item with the data a transit
item often adds (declaration type, countries, a previous and a supporting document: 27
elements), against the WCO item's 23 elements. CPU time (``time.process_time``), the
readers taking turns round after round; the median round is reported, per goods item
and per element. The cyclic garbage collector is off during each timed call (and run
between calls), so that neither reader pays for the other's garbage.
"""

from __future__ import annotations

import argparse
import copy
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "benchmarks"), str(HERE)]

from _ncts_support import MESSAGES, filled  # noqa: E402
from bench import big_declaration  # noqa: E402

from single_window._reader import parse_bytes  # noqa: E402
from single_window.formats.ncts import read_message, schema_for  # noqa: E402
from single_window.formats.wco._mapping import map_document  # noqa: E402

SOURCE = (
    MESSAGES / "transition-only/standard-departures/gb-xi/simplified/dsgbt1_ie015_xml_example.xml"
)
#: What a richer transit goods item adds after ``referenceNumberUCR`` / ``Packaging``.
MORE_HEAD = (
    "<declarationType>T1</declarationType><countryOfDispatch>TR</countryOfDispatch>"
    "<countryOfDestination>GE</countryOfDestination>"
)
MORE_TAIL = (
    "<PreviousDocument><sequenceNumber>1</sequenceNumber><type>N337</type>"
    "<referenceNumber>25TR0000000000001</referenceNumber></PreviousDocument>"
    "<SupportingDocument><sequenceNumber>1</sequenceNumber><type>N380</type>"
    "<referenceNumber>INV-2025-118</referenceNumber></SupportingDocument>"
)


def big_ncts(items: int, rich: bool) -> bytes:
    """The test pack's declaration with its goods item repeated ``items`` times."""
    root = etree.fromstring(filled(SOURCE))
    # a declaration that keeps the NCTS rules, so that checking it measures the rules and
    # not thousands of findings: the UCR only on the goods items (C0502), and with the
    # richer item's own declaration type and destination, type T (C0045) and no
    # destination on the consignment (C0343)
    _remove(root, "Consignment/referenceNumberUCR")
    if rich:
        _remove(root, "Consignment/countryOfDestination")
        kind = root.find("TransitOperation/declarationType")
        assert kind is not None
        kind.text = "T"
    house = root.find("Consignment/HouseConsignment")
    assert house is not None
    template = house.find("ConsignmentItem")
    assert template is not None
    if rich:
        ucr = template.find("referenceNumberUCR")
        assert ucr is not None
        for el in list(etree.fromstring(f"<x>{MORE_HEAD}</x>")):
            ucr.addprevious(el)
        anchor = template.find("Packaging")
        assert anchor is not None
        for el in list(etree.fromstring(f"<x>{MORE_TAIL}</x>")):
            anchor.addnext(el)
            anchor = el
    position = list(house).index(template)
    house.remove(template)
    for n in range(items, 0, -1):
        item = copy.deepcopy(template)
        for tag in ("goodsItemNumber", "declarationGoodsItemNumber"):
            found = item.find(tag)
            assert found is not None
            found.text = str(n)
        ucr = item.find("referenceNumberUCR")
        assert ucr is not None
        ucr.text = f"{ucr.text}-{n}"  # one per item: the same on all belongs above (R0507)
        house.insert(position, item)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _remove(root: etree._Element, path: str) -> None:
    node = root.find(path)
    assert node is not None, path
    parent = node.getparent()
    assert parent is not None
    parent.remove(node)


def _tree(data: bytes) -> etree._Element:
    root, findings = parse_bytes(data)
    assert root is not None, findings
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=999)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    n = args.items
    wco = _tree(big_declaration(n))
    plain = _tree(big_ncts(n, rich=False))
    rich = _tree(big_ncts(n, rich=True))
    elements = {
        "WCO declaration": len(wco.findall(".//{*}GovernmentAgencyGoodsItem[1]//*")) + 1,
        "CC015C, pack item": len(plain.findall(".//ConsignmentItem[1]//*")) + 1,
        "CC015C, richer item": len(rich.findall(".//ConsignmentItem[1]//*")) + 1,
    }
    runs: dict[str, Callable[[], object]] = {
        "WCO declaration": lambda: map_document(wco),
        "CC015C, pack item": lambda: read_message(plain),
        "CC015C, richer item": lambda: read_message(rich),
    }
    for name, run in runs.items():
        _, findings = run()  # type: ignore[misc]
        assert not findings, (name, findings[:3])
    for root in (plain, rich):
        assert schema_for("CC015C", 5).validate(root) == []
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            # Each reader starts from the same state: no garbage of the previous one, no
            # collection inside the timed call, its result freed after the clock stops.
            gc.collect()
            gc.disable()
            start = time.process_time()
            result = run()
            elapsed = time.process_time() - start
            gc.enable()
            del result
            times[name].append(elapsed)
    base = statistics.median(times["WCO declaration"]) / n
    print(f"{n} goods items, median of {args.rounds} interleaved rounds, CPU time")
    print(f"{'reader':22} {'elements/item':>13} {'µs/item':>9} {'ratio':>6} {'µs/element':>11}")
    for name, values in times.items():
        per_item = statistics.median(values) / n
        count = elements[name]
        print(
            f"{name:22} {count:>13} {per_item * 1e6:>9.1f} {per_item / base:>6.2f} "
            f"{per_item / count * 1e6:>11.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
