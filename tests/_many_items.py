"""Big declarations for tests and benchmarks: the Turkish import example with its goods
item repeated. Self-contained (no conftest), so that ``tests/benchmarks/bench.py`` runs it
outside pytest."""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

NS = {"d": "urn:wco:datamodel:WCO:DEC-DMS:2"}


def many_items(items: int, *, totals: bool = False) -> bytes:
    """The TR import example with its goods item repeated ``items`` times (numbered 1 to
    ``items``). With ``totals``, ``GoodsItemQuantity`` says how many there are and the
    invoice amount and package total, which no longer add up, are left out."""
    root = etree.parse(str(EXAMPLES / "tr-import.xml")).getroot()
    shipment = root.find(".//d:GoodsShipment", NS)
    assert shipment is not None
    template = shipment.find("d:GovernmentAgencyGoodsItem", NS)
    assert template is not None
    position = list(shipment).index(template)
    shipment.remove(template)
    for n in range(items, 0, -1):
        item = copy.deepcopy(template)
        seq = item.find("d:SequenceNumeric", NS)
        assert seq is not None
        seq.text = str(n)
        shipment.insert(position, item)
    if totals:
        quantity = root.find(".//d:GoodsItemQuantity", NS)
        assert quantity is not None
        quantity.text = str(items)
        for tag in ("InvoiceAmount", "TotalPackageQuantity"):
            found = root.find(f".//d:{tag}", NS)
            if found is not None:
                parent = found.getparent()
                assert parent is not None
                parent.remove(found)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
