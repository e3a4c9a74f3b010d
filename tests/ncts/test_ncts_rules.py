"""The NCTS rules and conditions (TRANSIT-<DDNTA id>): each one fires on a CC015C that
breaks it, at the CC015C element, and not on one that keeps it; the same checks judge a
WCO-layout transit declaration."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

import pytest
from _ncts_support import message_root
from conftest import REPO
from lxml import etree

import single_window as sw

BASE = "transition-only/standard-departures/gb-xi/normal/dngbt1_ie015_xml_example.xml"
_OURS = re.compile(r"TRANSIT-[CR][0-9]{4}$")

Edit = Callable[[etree._Element], None]


#: The children of the CC015C groups the edits add to, in schema order (cc015c.xsd).
ORDER: dict[str, tuple[str, ...]] = {
    "TransitOperation": (
        *("LRN", "declarationType", "additionalDeclarationType", "TIRCarnetNumber"),
        *("presentationOfTheGoodsDateAndTime", "security", "reducedDatasetIndicator"),
        *("specificCircumstanceIndicator", "communicationLanguageAtDeparture"),
        *("bindingItinerary", "limitDate"),
    ),
    "Consignment": (
        *("countryOfDispatch", "countryOfDestination", "containerIndicator"),
        *("inlandModeOfTransport", "modeOfTransportAtTheBorder", "grossMass"),
        *("referenceNumberUCR", "Carrier", "Consignor", "Consignee"),
        *("AdditionalSupplyChainActor", "TransportEquipment", "LocationOfGoods"),
        *("DepartureTransportMeans", "CountryOfRoutingOfConsignment"),
        *("ActiveBorderTransportMeans", "PlaceOfLoading", "PlaceOfUnloading"),
        *("PreviousDocument", "SupportingDocument", "TransportDocument"),
        *("AdditionalReference", "AdditionalInformation", "TransportCharges"),
        "HouseConsignment",
    ),
    "HouseConsignment": (
        *("sequenceNumber", "countryOfDispatch", "countryOfDestination", "grossMass"),
        *("referenceNumberUCR", "Consignor", "Consignee", "AdditionalSupplyChainActor"),
        *("DepartureTransportMeans", "PreviousDocument", "SupportingDocument"),
        *("TransportDocument", "AdditionalReference", "AdditionalInformation"),
        *("TransportCharges", "ConsignmentItem"),
    ),
    "ConsignmentItem": (
        *("goodsItemNumber", "declarationGoodsItemNumber", "declarationType"),
        *("countryOfDispatch", "countryOfDestination", "referenceNumberUCR", "Consignee"),
        *("AdditionalSupplyChainActor", "Commodity", "Packaging", "PreviousDocument"),
        *("SupportingDocument", "TransportDocument", "AdditionalReference"),
        *("AdditionalInformation", "TransportCharges"),
    ),
    "LocationOfGoods": (
        *("typeOfLocation", "qualifierOfIdentification", "authorisationNumber"),
        *("additionalIdentifier", "UNLocode", "CustomsOffice", "GNSS", "EconomicOperator"),
        *("Address", "PostcodeAddress", "ContactPerson"),
    ),
}


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _insert(parent: etree._Element, child: etree._Element) -> None:
    """Put ``child`` among ``parent``'s children where the schema wants it (after its
    own kind, before the kinds that follow it)."""
    order = ORDER[_local(parent.tag)]
    rank = order.index(_local(child.tag))
    later = [c for c in parent if order.index(_local(c.tag)) > rank]
    if later:
        later[0].addprevious(child)
    else:
        parent.append(child)


def _tree(name: str = BASE) -> etree._Element:
    root = message_root(name)
    if name == BASE:
        # the pack's message keeps the transitional rules: its item repeats the UCR (C0502)
        # and it has no place of loading (C0403 from TPendDate); both are put right here
        ucr = root.find("Consignment/HouseConsignment/ConsignmentItem/referenceNumberUCR")
        assert ucr is not None
        ucr.getparent().remove(ucr)
        consignment = root.find("Consignment")
        assert consignment is not None
        _insert(
            consignment,
            etree.fromstring("<PlaceOfLoading><UNLocode>GBDVR</UNLocode></PlaceOfLoading>"),
        )
    return root


def _node(root: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` of the message, which the edit needs there."""
    node = root.find(path)
    assert node is not None, path
    return node


def _set(path: str, text: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = _node(root, path)
        node.text = text

    return edit


def _drop(path: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = _node(root, path)
        node.getparent().remove(node)

    return edit


def _after(path: str, xml: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = _node(root, path)
        node.addnext(etree.fromstring(xml))

    return edit


def _put(path: str, xml: str) -> Edit:
    """Add ``xml`` to the group at ``path`` (every match) in schema order."""

    def edit(root: etree._Element) -> None:
        groups = root.findall(path)
        assert groups, path
        for group in groups:
            _insert(group, etree.fromstring(xml))

    return edit


def _copy(path: str, *edits: Edit) -> Edit:
    """Repeat the element at ``path`` right after it, the copy changed by ``edits``
    (each applied to the copy as its root)."""

    def edit(root: etree._Element) -> None:
        node = _node(root, path)
        twin = copy.deepcopy(node)
        for change in edits:
            change(twin)
        node.addnext(twin)

    return edit


def _append(path: str, xml: str) -> Edit:
    def edit(root: etree._Element) -> None:
        node = _node(root, path)
        node.append(etree.fromstring(xml))

    return edit


HC = "Consignment/HouseConsignment"
CI = f"{HC}/ConsignmentItem"
TE = "Consignment/TransportEquipment"
DTM = "Consignment/DepartureTransportMeans"
INLAND = "<inlandModeOfTransport>{}</inlandModeOfTransport>"
BORDER_MODE = "<modeOfTransportAtTheBorder>{}</modeOfTransportAtTheBorder>"
LOG = "Consignment/LocationOfGoods"
ABTM_PATH = "Consignment/ActiveBorderTransportMeans"
DEPARTURE = "CustomsOfficeOfDeparture/referenceNumber"
DESTINATION = "CustomsOfficeOfDestinationDeclared/referenceNumber"
ITEM_NUMBER = "declarationGoodsItemNumber"
SECURITY_2 = _set("TransitOperation/security", "2")
ITEM = f"{HC}[1]/ConsignmentItem[1]"
CONSIGNEE = "<Consignee><identificationNumber>XI175521246821</identificationNumber></Consignee>"
CONSIGNOR_ADDRESS = (
    "<Consignor><identificationNumber>GB953574106000</identificationNumber><name>Dover Toys</name>"
    "<Address><streetAndNumber>1 Harbour Street</streetAndNumber><city>Dover</city>"
    "<country>GB</country></Address></Consignor>"
)
ADDITIONAL_REFERENCE = (
    "<AdditionalReference><sequenceNumber>1</sequenceNumber><type>C651</type>{}"
    "</AdditionalReference>"
)
PREVIOUS_DOCUMENT = (
    "<PreviousDocument><sequenceNumber>1</sequenceNumber><type>{}</type>"
    "<referenceNumber>25GB0000000000001</referenceNumber>{}</PreviousDocument>"
)
INFO_30600 = (
    "<AdditionalInformation><sequenceNumber>1</sequenceNumber><code>30600</code>"
    "</AdditionalInformation>"
)
CHARGES = "<TransportCharges><methodOfPayment>A</methodOfPayment></TransportCharges>"
CONSIGNOR = "<Consignor><identificationNumber>GB953574106000</identificationNumber></Consignor>"
HOUSE_DTM = (
    "<DepartureTransportMeans><sequenceNumber>1</sequenceNumber>"
    "<typeOfIdentification>30</typeOfIdentification>"
    "<identificationNumber>NC15REG</identificationNumber><nationality>GB</nationality>"
    "</DepartureTransportMeans>"
)
DTM_XML = (
    "<DepartureTransportMeans><sequenceNumber>{}</sequenceNumber>"
    "<typeOfIdentification>{}</typeOfIdentification>"
    "<identificationNumber>TRAILER7</identificationNumber><nationality>GB</nationality>"
    "</DepartureTransportMeans>"
)
ABTM = (
    "<ActiveBorderTransportMeans><sequenceNumber>1</sequenceNumber>"
    "<customsOfficeAtBorderReferenceNumber>XI000142</customsOfficeAtBorderReferenceNumber>"
    "<typeOfIdentification>30</typeOfIdentification>"
    "<identificationNumber>BORDER1</identificationNumber><nationality>GB</nationality>"
    "</ActiveBorderTransportMeans>"
)
FLIGHT = "</nationality><conveyanceReferenceNumber>{}</conveyanceReferenceNumber>"
LOADING_NAMED = "<PlaceOfLoading><location>DOVER</location></PlaceOfLoading>"
PACKAGING = (
    "<Packaging><sequenceNumber>{}</sequenceNumber><typeOfPackages>BX</typeOfPackages>"
    "<numberOfPackages>{}</numberOfPackages><shippingMarks>GB BOX</shippingMarks></Packaging>"
)

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
        "R0987",
        [_set(f"{CI}/Packaging/sequenceNumber", "2")],
        f"/CC015C/{ITEM}/Packaging[1]/sequenceNumber",
    ),
    ("R0988", [_set(f"{CI}/goodsItemNumber", "2")], f"/CC015C/{ITEM}/goodsItemNumber"),
    (
        "C0045",
        [_set("TransitOperation/declarationType", "T")],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]",
    ),
    ("C0085", [_drop("Guarantee/GuaranteeReference")], "/CC015C/Guarantee[1]"),
    (
        "C0085",
        [
            _set("Guarantee/guaranteeType", "8"),
            _after(
                "Guarantee/guaranteeType", "<otherGuaranteeReference>X1</otherGuaranteeReference>"
            ),
        ],
        "/CC015C/Guarantee[1]/GuaranteeReference[1]",
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
    ("C0826", [_put(HC, HOUSE_DTM)], f"/CC015C/{HC}[1]/DepartureTransportMeans[1]"),
    ("C0822", [_drop("Consignment/containerIndicator")], "/CC015C/Consignment"),
    ("C0403", [_drop("Consignment/PlaceOfLoading")], "/CC015C/Consignment"),
    ("C0186", [_put("Consignment", CHARGES)], "/CC015C/Consignment/TransportCharges"),
    ("C0186", [_put(HC, CHARGES)], f"/CC015C/{HC}[1]/TransportCharges"),
    (
        "C0337",
        [SECURITY_2, _put("Consignment", CHARGES), _put(HC, CHARGES)],
        f"/CC015C/{HC}[1]/TransportCharges",
    ),
    (
        "C0531",
        [SECURITY_2, _put("Consignment", BORDER_MODE.format(4)), _put("Consignment", ABTM)],
        f"/CC015C/{ABTM_PATH}[1]",
    ),
    ("C0599", [SECURITY_2, _put("Consignment", ABTM)], "/CC015C/Consignment"),
    ("C0806", [SECURITY_2, _put("Consignment", BORDER_MODE.format(3))], "/CC015C/Consignment"),
    (
        "C0387",
        [_drop("Consignment/PlaceOfLoading"), _put("Consignment", LOADING_NAMED)],
        "/CC015C/Consignment/PlaceOfLoading",
    ),
    (
        "C0394",
        [_set(f"{LOG}/qualifierOfIdentification", "V")],
        f"/CC015C/{LOG}/UNLocode",
    ),
    (
        "C0671",
        [_put(LOG, "<additionalIdentifier>AB12</additionalIdentifier>")],
        f"/CC015C/{LOG}/additionalIdentifier",
    ),
    ("C0542", [_put(HC, CONSIGNOR)], f"/CC015C/{HC}[1]/Consignor"),
    (
        "R0076",
        [
            SECURITY_2,
            _put("Consignment", BORDER_MODE.format(1)),
            _put("Consignment", ABTM.replace("30", "10").replace("BORDER1", "imo9074729")),
        ],
        f"/CC015C/{ABTM_PATH}[1]/identificationNumber",
    ),
    (
        "R0219",
        [_append(CI, PACKAGING.format(2, 0))],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]/Packaging[1]/numberOfPackages",
    ),
    (
        "R0315",
        [
            _put("Consignment", BORDER_MODE.format(4)),
            _put("Consignment", ABTM.replace("</nationality>", FLIGHT.format("FLIGHT-1"))),
        ],
        f"/CC015C/{ABTM_PATH}[1]/conveyanceReferenceNumber",
    ),
    (
        "R0476",
        [
            _after("Consignment/containerIndicator", INLAND.format(3)),
            _after(DTM, DTM_XML.format(2, 30)),
        ],
        f"/CC015C/{DTM}[2]/typeOfIdentification",
    ),
    (
        "R0855",
        [
            _after("Consignment/containerIndicator", INLAND.format(3)),
            *(_put("Consignment", DTM_XML.format(n, 31)) for n in (2, 3, 4)),
        ],
        f"/CC015C/{DTM}[4]",
    ),
    (
        "R0789",
        [
            _drop("CustomsOfficeOfTransitDeclared"),
            _put("Consignment", ABTM),
            _put("Consignment", ABTM.replace(">1<", ">2<", 1)),
        ],
        f"/CC015C/{ABTM_PATH}[2]",
    ),
    (
        "R0849",
        [
            _set("TransitOperation/declarationType", "TIR"),
            _set("TransitOperation/reducedDatasetIndicator", "1"),
        ],
        "/CC015C/TransitOperation/reducedDatasetIndicator",
    ),
    (
        "R0904",
        [_set(DEPARTURE, "AD000001"), _set(DESTINATION, "CH001234")],
        f"/CC015C/{DESTINATION}",
    ),
    ("R0905", [_set(DESTINATION, "SM000001")], f"/CC015C/{DESTINATION}"),
    (
        "R0906",
        [_set(DESTINATION, "AD000001")],
        "/CC015C/CustomsOfficeOfTransitDeclared[1]/referenceNumber",
    ),
    (
        "R0909",
        [_set(DEPARTURE, "FR000001"), _set(DESTINATION, "SM000001")],
        "/CC015C/TransitOperation/declarationType",
    ),
    (
        "R0911",
        [_set(DEPARTURE, "SM000001"), _set(DESTINATION, "FR000001")],
        "/CC015C/TransitOperation/declarationType",
    ),
    (
        "R0506",
        [
            _drop("Consignment/Consignor"),
            _put(HC, CONSIGNOR),
            _copy(HC, _set("sequenceNumber", "2"), _set(f"ConsignmentItem/{ITEM_NUMBER}", "2")),
        ],
        f"/CC015C/{HC}[1]/Consignor",
    ),
    (
        "R0507",
        [
            _put(CI, "<countryOfDispatch>GB</countryOfDispatch>"),
            _copy(CI, _set("goodsItemNumber", "2"), _set(ITEM_NUMBER, "2")),
        ],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]/countryOfDispatch",
    ),
    (
        "C0909",
        [
            _put("Consignment", "<countryOfDispatch>GB</countryOfDispatch>"),
            _put(CI, "<countryOfDispatch>GB</countryOfDispatch>"),
        ],
        f"/CC015C/{HC}[1]/ConsignmentItem[1]/countryOfDispatch",
    ),
    ("C0001", [_put(HC, CONSIGNEE)], f"/CC015C/{HC}[1]/Consignee"),
    ("C0001", [_drop("Consignment/Consignee")], f"/CC015C/{HC}[1]"),
    (
        "C0015",
        [_put(CI, ADDITIONAL_REFERENCE.format(""))],
        f"/CC015C/{ITEM}/AdditionalReference[1]",
    ),
    (
        "R0023",
        [_put(CI, ADDITIONAL_REFERENCE.format("<referenceNumber>0</referenceNumber>"))],
        f"/CC015C/{ITEM}/AdditionalReference[1]/referenceNumber",
    ),
    ("C0035", [_set("TransitOperation/declarationType", "T2")], f"/CC015C/{ITEM}"),
    ("R0020", [_set("TransitOperation/declarationType", "T2")], f"/CC015C/{ITEM}"),
    ("C0060", [_drop(f"{CI}/Packaging/shippingMarks")], f"/CC015C/{ITEM}/Packaging[1]"),
    (
        "C0298",
        [_put(CI, PREVIOUS_DOCUMENT.format("N337", "<quantity>5</quantity>"))],
        f"/CC015C/{ITEM}/PreviousDocument[1]/quantity",
    ),
    (
        "C0382",
        [
            _set(f"{LOG}/qualifierOfIdentification", "T"),
            _drop(f"{LOG}/UNLocode"),
            _put(
                LOG,
                "<PostcodeAddress><postcode>CT16 1JA</postcode>"
                "<country>GB</country></PostcodeAddress>",
            ),
        ],
        f"/CC015C/{LOG}/PostcodeAddress",
    ),
    (
        "C0505",
        [_drop("Consignment/Consignor"), _put("Consignment", CONSIGNOR_ADDRESS)],
        "/CC015C/Consignment/Consignor/Address",
    ),
    (
        "C0598",
        [
            _set("TransitOperation/security", "1"),
            _drop("CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated"),
        ],
        "/CC015C/CustomsOfficeOfTransitDeclared[1]",
    ),
    ("C0670", [_copy(TE, _set("sequenceNumber", "2"))], f"/CC015C/{TE}[1]"),
    ("C0710", [_drop(LOG)], "/CC015C/Consignment"),
    (
        "C0821",
        [
            _append(
                f"{CI}/Commodity/CommodityCode",
                "<combinedNomenclatureCode>00</combinedNomenclatureCode>",
            )
        ],
        f"/CC015C/{ITEM}/Commodity/CommodityCode",
    ),
    (
        "C0837",
        [
            _put(HC, PREVIOUS_DOCUMENT.format("N830", "")),
            _drop(f"{CI}/Commodity/GoodsMeasure/netMass"),
        ],
        f"/CC015C/{ITEM}/Commodity/GoodsMeasure",
    ),
    (
        "R0220",
        [
            _set(f"{CI}/Packaging/numberOfPackages", "0"),
            _set(f"{CI}/Packaging/typeOfPackages", "NE"),
        ],
        f"/CC015C/{ITEM}/Packaging[1]/typeOfPackages",
    ),
    (
        "R0221",
        [_set(f"{CI}/Commodity/GoodsMeasure/grossMass", "0")],
        f"/CC015C/{ITEM}/Commodity/GoodsMeasure/grossMass",
    ),
    (
        "R0364",
        [_set(f"{CI}/Packaging/numberOfPackages", "0")],
        f"/CC015C/{ITEM}/Packaging[1]/numberOfPackages",
    ),
    (
        "R0601",
        [
            _set("TransitOperation/declarationType", "T2"),
            _put(HC, PREVIOUS_DOCUMENT.format("N830", "")),
            _put(
                CI, ADDITIONAL_REFERENCE.format("<referenceNumber>21GBEMCS000001</referenceNumber>")
            ),
        ],
        "/CC015C/TransitOperation/declarationType",
    ),
    (
        "R3060",
        [_put("Consignment", INFO_30600)],
        "/CC015C/Consignment/AdditionalInformation[1]/code",
    ),
    ("R3062", [_put(HC, INFO_30600)], f"/CC015C/{HC}[1]/AdditionalInformation[1]/code"),
    (
        "R0350",
        [
            _set("TransitOperation/reducedDatasetIndicator", "1"),
            _after("Consignment/containerIndicator", INLAND.format(1)),
        ],
        "/CC015C",
    ),
]


def _ours(data: bytes) -> list[tuple[str, str | None]]:
    report = sw.check(data)
    assert not [f for f in report.findings if f.rule in {"RULE-CRASH"}], report.findings
    return [(f.rule, f.path) for f in report.findings if f.rule and _OURS.match(f.rule)]


def test_the_base_message_keeps_every_rule() -> None:
    assert _ours(etree.tostring(_tree())) == []


def _ids() -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for rule, _, _ in BREAKS:
        seen[rule] = seen.get(rule, 0) + 1
        ids.append(rule if seen[rule] == 1 else f"{rule}-{seen[rule]}")
    return ids


@pytest.mark.parametrize(("rule", "edits", "path"), BREAKS, ids=_ids())
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


#: R0007 and R0223 are judged by the WCO rules that cite them: (rule, edits, path).
BY_WCO_RULES: list[tuple[str, list[Edit], str]] = [
    ("WCO-ITEM-SEQUENCE", [_set(f"{CI}/{ITEM_NUMBER}", "2")], f"/CC015C/{ITEM}/{ITEM_NUMBER}"),
    (
        "WCO-NET-MASS",
        [_set(f"{CI}/Commodity/GoodsMeasure/netMass", "1200")],
        f"/CC015C/{ITEM}/Commodity/GoodsMeasure/netMass",
    ),
]


@pytest.mark.parametrize(("rule", "edits", "path"), BY_WCO_RULES, ids=["R0007", "R0223"])
def test_a_cc015c_that_breaks_r0007_or_r0223(rule: str, edits: list[Edit], path: str) -> None:
    root = _tree()
    assert rule not in {f.rule for f in sw.check(etree.tostring(root)).findings}
    for edit in edits:
        edit(root)
    found = {(f.rule, f.path) for f in sw.check(etree.tostring(root)).findings}
    assert (rule, path) in found


def test_r0223_does_not_compare_an_item_of_gross_mass_0() -> None:
    root = _tree()
    _set(f"{CI}/Commodity/GoodsMeasure/grossMass", "0")(root)
    assert "WCO-NET-MASS" not in {f.rule for f in sw.check(etree.tostring(root)).findings}


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
    assert "<Destination>" in text  # the goods shipment gives the country of destination
    text = text.replace(
        "</Commodity>",
        "</Commodity>\n        <Destination><CountryCode>GE</CountryCode></Destination>",
    )
    data = text.encode("utf-8")
    assert sw.validate(data).ok, [f.message for f in sw.validate(data).findings]
    path = (
        "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/Destination/CountryCode"
    )
    assert ("TRANSIT-C0343", path) in _ours(data)


def test_r0859_gives_the_authorisation_as_its_element_holds_it() -> None:
    """An authorisation written as category C and type 524 (the WCO layout) is C524: the
    finding is at the TypeCode and gives the value that element holds."""
    from single_window._values import Code
    from single_window.models import DeclarationAdditionalDocument

    decl = sw.parse((REPO / "examples" / "tr-ge-t1.xml").read_bytes())
    decl.reduced_data_set_indicator_code = Code(value="0")
    document = {"category_code": {"value": "C"}, "type_code": {"value": "524"}}
    decl.additional_documents.append(DeclarationAdditionalDocument.model_validate(document))
    found = [
        (f.path, f.value) for f in sw.check(decl.to_xml()).findings if f.rule == "TRANSIT-R0859"
    ]
    assert found == [("/MetaData/Declaration/AdditionalDocument[1]/TypeCode", "524")]
