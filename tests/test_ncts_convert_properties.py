"""Drawn NCTS declarations convert to WCO and back: ``convert(..., "wco")`` writes a
declaration valid against the bundled WCO profile, and reading that and converting it with
``convert(..., "ncts")`` gives a CC015C valid against the Phase 5 schema, neither step
losing a value, and the message that comes back holds every leaf value of the one drawn.
"""

from __future__ import annotations

from hypothesis import given, settings
from lxml import etree

import single_window as sw
from single_window.formats import ncts
from single_window.testing import ncts_messages

#: What the round trip keeps: a message's identity, leaf by leaf.
KEPT = (
    "TransitOperation/LRN",
    "TransitOperation/declarationType",
    "TransitOperation/TIRCarnetNumber",
    "CustomsOfficeOfDeparture/referenceNumber",
    "CustomsOfficeOfDestinationDeclared/referenceNumber",
    "CustomsOfficeOfTransitDeclared/referenceNumber",
    "HolderOfTheTransitProcedure/TIRHolderIdentificationNumber",
    "Guarantee/guaranteeType",
    "Guarantee/GuaranteeReference/GRN",
    "Consignment/grossMass",
    "Consignment/CountryOfRoutingOfConsignment/country",
    "Consignment/TransportEquipment/Seal/identifier",
    "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber",
    "Consignment/HouseConsignment/ConsignmentItem/Commodity/CommodityCode/"
    "harmonizedSystemSubHeadingCode",
    "Consignment/HouseConsignment/ConsignmentItem/Commodity/GoodsMeasure/grossMass",
)


def _values(root: etree._Element, path: str) -> list[str]:
    return [str(e.text) for e in root.iterfind(path)]


@settings(max_examples=15)
@given(ncts_messages(phases=[5]))
def test_a_drawn_cc015c_converts_to_wco_and_back(data: bytes) -> None:
    declaration = sw.validate(data).declaration
    assert declaration is not None
    to_wco = sw.convert(declaration, "wco")
    assert to_wco.lossless, (to_wco.losses, to_wco.defaults)
    as_wco = sw.validate(to_wco.xml)
    assert [f.rule for f in as_wco.findings if f.rule.startswith(("XML", "XSD", "MODEL"))] == []
    assert as_wco.declaration is not None
    to_ncts = sw.convert(as_wco.declaration, "ncts")
    # all that does not come back is the WCO envelope the first step filled from defaults
    filled = {(d.path, d.value) for d in to_wco.defaults}
    assert {(loss.path, loss.value) for loss in to_ncts.losses} <= filled, to_ncts.losses
    assert to_ncts.defaults == ()
    root = etree.fromstring(to_ncts.xml)
    assert etree.QName(root).localname == "CC015C"
    assert ncts.schema_for("CC015C", 5).validate(root) == []
    original = etree.fromstring(data)
    for path in KEPT:
        assert _values(root, path) == _values(original, path), path
    assert sorted(_leaves(root)) == sorted(_leaves(original))


def _leaves(root: etree._Element) -> list[tuple[str, str]]:
    """Every leaf of a message: its path of element names (no positions) and its text."""
    out = []
    for element in root.iter():
        if len(element) == 0 and isinstance(element.tag, str):
            steps = [etree.QName(e).localname for e in element.iterancestors()][::-1]
            path = "/".join([*steps[1:], etree.QName(element).localname])
            out.append((path, (element.text or "").strip()))
    return out
