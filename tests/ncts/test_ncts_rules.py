"""The NCTS rules and conditions (TRANSIT-<DDNTA id>): each one fires on a CC015C that
breaks it, at the CC015C element, and not on one that keeps it; the same checks judge a
WCO-layout transit declaration."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from _ncts_support import MESSAGES, NO_NCTS_CORPUS, filled
from conftest import REPO
from lxml import etree

import single_window as sw

BASE = "transition-only/standard-departures/gb-xi/normal/dngbt1_ie015_xml_example.xml"
_OURS = re.compile(r"TRANSIT-[CR][0-9]{4}$")

Edit = Callable[[etree._Element], None]


def _tree(name: str = BASE) -> etree._Element:
    path = MESSAGES / name
    if not path.is_file():
        pytest.skip(NO_NCTS_CORPUS)
    root = etree.fromstring(filled(path))
    if name == BASE:  # the pack's message repeats its UCR on the item (C0502): kept apart
        ucr = root.find("Consignment/HouseConsignment/ConsignmentItem/referenceNumberUCR")
        assert ucr is not None
        ucr.getparent().remove(ucr)
    return root


def _set(path: str, text: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = root.find(path)
        assert node is not None, path
        node.text = text

    return edit


def _drop(path: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = root.find(path)
        assert node is not None, path
        node.getparent().remove(node)

    return edit


def _after(path: str, xml: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = root.find(path)
        assert node is not None, path
        node.addnext(etree.fromstring(xml))

    return edit


def _append(path: str, xml: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = root.find(path)
        assert node is not None, path
        node.append(etree.fromstring(xml))

    return edit


HC = "Consignment/HouseConsignment"
CI = f"{HC}/ConsignmentItem"
TE = "Consignment/TransportEquipment"
DTM = "Consignment/DepartureTransportMeans"
INLAND = "<inlandModeOfTransport>{}</inlandModeOfTransport>"

#: (rule id, edits that break it, the path of the finding).
BREAKS: list[tuple[str, list[Edit], str]] = [
    (
        "C0055",
        [_set("Consignment/containerIndicator", "0")],
        f"/CC015C/{TE}[1]/containerIdentificationNumber",
    ),
    ("C0823", [_drop(TE)], "/CC015C/Consignment"),
    ("C0569", [_set(f"{TE}/numberOfSeals", "0")], f"/CC015C/{TE}[1]/Seal[1]"),
    ("R0106", [_set(f"{TE}/numberOfSeals", "2")], f"/CC015C/{TE}[1]/numberOfSeals"),
    (
        "R0005",
        [_set("CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated", "2025-02-01T10:00:00")],
        "/CC015C/CustomsOfficeOfTransitDeclared[1]/arrivalDateAndTimeEstimated",
    ),
    (
        "R0103",
        [
            _after(
                "CustomsOfficeOfTransitDeclared",
                "<CustomsOfficeOfExitForTransitDeclared><sequenceNumber>1</sequenceNumber>"
                "<referenceNumber>XI000142</referenceNumber>"
                "</CustomsOfficeOfExitForTransitDeclared>",
            )
        ],
        "/CC015C/CustomsOfficeOfExitForTransitDeclared[1]/referenceNumber",
    ),
    (
        "C0587",
        [
            _after(
                "CustomsOfficeOfTransitDeclared",
                "<CustomsOfficeOfExitForTransitDeclared><sequenceNumber>1</sequenceNumber>"
                "<referenceNumber>FR000001</referenceNumber>"
                "</CustomsOfficeOfExitForTransitDeclared>",
            )
        ],
        "/CC015C/CustomsOfficeOfExitForTransitDeclared[1]/referenceNumber",
    ),
    ("C0191", [_set("TransitOperation/security", "1")], "/CC015C/Consignment"),
    ("C0586", [_set("TransitOperation/bindingItinerary", "1")], "/CC015C/Consignment"),
    (
        "R0473",
        [_set(f"{DTM}/identificationNumber", "nc15reg")],
        f"/CC015C/{DTM}[1]/identificationNumber",
    ),
    (
        "R0472",
        [_after("Consignment/containerIndicator", INLAND.format(2))],
        f"/CC015C/{DTM}[1]/typeOfIdentification",
    ),
    (
        "R0474",
        [
            _after("Consignment/containerIndicator", INLAND.format(3)),
            _set(f"{DTM}/typeOfIdentification", "31"),
        ],
        f"/CC015C/{DTM}[1]/typeOfIdentification",
    ),
    ("R0994", [_set(f"{HC}/grossMass", "2000")], "/CC015C/Consignment/grossMass"),
    (
        "R0983",
        [_set(f"{CI}/Commodity/GoodsMeasure/grossMass", "1500")],
        f"/CC015C/{HC}[1]/grossMass",
    ),
    (
        "C0045",
        [_set("TransitOperation/declarationType", "T")],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]",
    ),
    (
        "C0086",
        [_drop("Guarantee/GuaranteeReference/accessCode")],
        "/CC015C/Guarantee[1]/GuaranteeReference[1]",
    ),
    (
        "C0130",
        [
            _after(
                "Guarantee/guaranteeType", "<otherGuaranteeReference>X1</otherGuaranteeReference>"
            )
        ],
        "/CC015C/Guarantee[1]/otherGuaranteeReference",
    ),
    ("R0859", [_set("TransitOperation/reducedDatasetIndicator", "1")], "/CC015C"),
    ("C0101", [_set("TransitOperation/reducedDatasetIndicator", "1")], "/CC015C"),
    (
        "C0839",
        [_after("TransitOperation/bindingItinerary", "<limitDate>2025-03-10</limitDate>")],
        "/CC015C/TransitOperation/limitDate",
    ),
    (
        "C0343",
        [
            _after(
                f"{CI}/declarationGoodsItemNumber",
                "<countryOfDestination>XI</countryOfDestination>",
            )
        ],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]/countryOfDestination",
    ),
    (
        "C0502",
        [
            _after(
                f"{CI}/declarationGoodsItemNumber",
                "<referenceNumberUCR>AB1234</referenceNumberUCR>",
            )
        ],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]/referenceNumberUCR",
    ),
    (
        "R3061",
        [
            _append(
                CI,
                "<AdditionalInformation><sequenceNumber>1</sequenceNumber>"
                "<code>30600</code></AdditionalInformation>",
            )
        ],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]/AdditionalInformation[1]/code",
    ),
    ("C0826", [_after("Consignment/containerIndicator", INLAND.format(5))], f"/CC015C/{DTM}[1]"),
]


def _ours(data: bytes) -> list[tuple[str, str | None]]:
    report = sw.check(data)
    assert not [f for f in report.findings if f.rule in {"RULE-CRASH"}], report.findings
    return [(f.rule, f.path) for f in report.findings if f.rule and _OURS.match(f.rule)]


def test_the_base_message_keeps_every_rule() -> None:
    assert _ours(etree.tostring(_tree())) == []


@pytest.mark.parametrize(("rule", "edits", "path"), BREAKS, ids=[b[0] for b in BREAKS])
def test_a_cc015c_that_breaks_the_rule(rule: str, edits: list[Edit], path: str) -> None:
    root = _tree()
    for edit in edits:
        edit(root)
    data = etree.tostring(root)
    assert sw.validate(data).ok, [f.message for f in sw.validate(data).findings]
    assert (f"TRANSIT-{rule}", path) in _ours(data)


@pytest.mark.parametrize("rule", sorted({b[0] for b in BREAKS}))
def test_the_base_message_does_not_fire(rule: str) -> None:
    fired = {r for r, _ in _ours(etree.tostring(_tree()))}
    assert f"TRANSIT-{rule}" not in fired


WCO_EXAMPLES = ["tr-ge-t1.xml", "ge-hu-t1.xml", "hu-ad-t1.xml", "middle-corridor-tir.xml"]


@pytest.mark.parametrize("name", WCO_EXAMPLES)
def test_the_wco_transit_examples_keep_the_rules(name: str) -> None:
    assert _ours((REPO / "examples" / name).read_bytes()) == []


def test_a_wco_declaration_that_breaks_r0103() -> None:
    text = (REPO / "examples" / "tr-ge-t1.xml").read_text("utf-8")
    text = text.replace(
        "</DestinationOffice>",
        "</DestinationOffice>\n    <ExitOffice><ID>GE010100</ID></ExitOffice>",
    )
    data = text.encode("utf-8")
    assert sw.validate(data).ok, [f.message for f in sw.validate(data).findings]
    found = _ours(data)
    assert ("TRANSIT-R0103", "/MetaData/Declaration/ExitOffice[1]/ID") in found


def test_a_wco_declaration_that_breaks_c0343() -> None:
    text = (REPO / "examples" / "tr-ge-t1.xml").read_text("utf-8")
    data = text.encode("utf-8")
    decl = sw.validate(data).declaration
    assert decl is not None
    shipment = decl.goods_shipment
    assert shipment is not None
    if shipment.destination is None:
        pytest.skip("the example gives no consignment-level destination")
    assert _ours(data) == []
