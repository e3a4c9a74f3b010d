"""The canonical declaration of an NCTS message: what maps where, the route it gives, and
findings that point into the message in its own names.

The normalizer hands the canonical model the message's own leaf values wherever the types
agree, so every canonical value is located at the element it came from; a finding about
absent data points at the nearest element that is there and names the missing data as
NCTS does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from _maximal import canonical
from _ncts_support import (
    MESSAGES,
    besides_ncts_conditions,
    filled,
    message_files,
    message_params,
)
from _rule_exceptions import expected
from lxml import etree

import single_window as sw
from single_window import models
from single_window._spec import spec_of
from single_window.findings import Finding, Severity
from single_window.formats.ncts import EXAMPLE, NCTS_NS, resolve_path
from single_window.formats.ncts import models as ncts_models
from single_window.models import Declaration

PARAMS = message_params("CC015C", "CC013C")


def _message(name: str) -> bytes:
    found = [p for p in message_files("CC015C") if p.name == name]
    if not found:
        pytest.skip("no NCTS corpus")
    return filled(found[0])


def _edit(data: bytes, *changes: Callable[[etree._Element], None]) -> bytes:
    root = etree.fromstring(data)
    for change in changes:
        change(root)
    return etree.tostring(root)


def drop(xpath: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for el in root.xpath(xpath):
            el.getparent().remove(el)

    return change


def put(xpath: str, text: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for el in root.xpath(xpath):
            el.text = text

    return change


def before(xpath: str, xml: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        (el,) = root.xpath(xpath)
        for new in list(etree.fromstring(f"<x>{xml}</x>")):
            el.addprevious(new)

    return change


def _declaration(data: bytes) -> tuple[Declaration, ncts_models.CC015C | ncts_models.CC013C]:
    result = sw.validate(data)
    assert result.ok, result.findings
    assert result.declaration is not None
    return result.declaration, result.document


def _located(data: bytes, findings: list[Finding]) -> None:
    """Every finding's path names one element of the message, at the finding's line."""
    root = etree.fromstring(data)
    for f in findings:
        assert f.path is not None, f
        el = resolve_path(root, f.path)
        assert el is not None, f
        assert el.sourceline == f.line, f


# --- the corpus --------------------------------------------------------------------------


@pytest.mark.parametrize("path", PARAMS)
def test_a_corpus_message_reads_checks_and_writes_back(path: Path) -> None:
    data = filled(path)
    result = sw.validate(data)
    assert result.findings == []
    decl = result.declaration
    assert decl is not None and decl.kind == "transit"
    # Every canonical value stands at the element it came from.
    root = etree.fromstring(data)
    for value in decl.walk():
        el = resolve_path(root, value.path)
        assert el is not None and el.sourceline == value.line, value
    report = sw.check(data)
    if "invalid" not in path.name:  # but for the NCTS rules the message breaks as written
        assert [e for e in report.errors if not expected(path, e.rule)] == [], report.errors
    _located(data, report.findings)
    assert canonical(decl.to_xml()) == canonical(data)
    assert sw.check(decl).findings == report.findings


def test_the_corpus_counts() -> None:
    if not MESSAGES.is_dir():
        pytest.skip("no NCTS corpus")
    files = message_files("CC015C", "CC013C")
    reports = [sw.check(filled(p)) for p in files]
    assert len(reports) == 111
    assert all(r.declaration is not None and r.declaration.format == "ncts" for r in reports)
    # ok but for the NCTS rules a message breaks as written (_rule_exceptions)
    kept = [
        not [e for e in r.errors if not expected(p, e.rule)]
        for p, r in zip(files, reports, strict=True)
    ]
    assert sum(kept) == 111
    routes = {r.route for r in reports}
    assert routes == {("GB", "XI"), ("XI", "GB"), ("XI",)}


# --- what maps where ---------------------------------------------------------------------


def test_leaves_are_the_messages_own() -> None:
    decl, message = _declaration(EXAMPLE)
    assert isinstance(message, ncts_models.CC015C)
    operation = message.transit_operation
    assert operation is not None
    assert decl.type_code is operation.declaration_type
    assert decl.functional_reference_id is operation.lrn
    assert decl.issue_date_time is message.preparation_date_and_time
    departure = message.customs_office_of_departure
    assert departure is not None and decl.declaration_office_id is departure.reference_number
    assert decl.function_code is not None and decl.function_code.value == "9"
    assert decl.function_code.path == "/CC015C/messageType"
    consignment = message.consignment
    assert consignment is not None
    assert decl.total_gross_mass_measure is consignment.gross_mass
    assert decl.total_gross_mass_measure is not None
    assert decl.total_gross_mass_measure.unit == "KGM"
    (guarantee,) = decl.obligation_guarantees
    (reference,) = message.guarantees[0].guarantee_references
    assert guarantee.path == reference.path
    assert guarantee.reference_id is reference.grn
    assert guarantee.security_details_code is message.guarantees[0].guarantee_type
    assert guarantee.amount_amount is not None and guarantee.amount_amount.currency == "GBP"
    assert guarantee.access_code is not None and guarantee.access_code.value == "AC01"
    assert guarantee.access_code.path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/accessCode"
    items = decl.goods_items
    assert [i.path for i in items] == [
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]",
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]",
    ]
    assert [i.commodity_code for i in items] == ["392310", "950300"]
    assert [int(i.sequence_numeric) for i in items if i.sequence_numeric] == [1, 2]
    # The message still writes back as read, units and currencies not written.
    assert canonical(decl.to_xml()) == canonical(EXAMPLE)


def test_a_tir_declaration_carries_carnet_and_holder_as_the_layout_does() -> None:
    data = _message("dnxi8_ie015_xml_example.xml")
    decl, message = _declaration(data)
    assert decl.transit_type == "TIR"
    (carnet,) = decl.obligation_guarantees
    assert carnet.security_details_code is not None
    assert carnet.security_details_code.value == "B"
    assert message.transit_operation is not None
    assert carnet.reference_id is message.transit_operation.tir_carnet_number
    holder = message.holder_of_the_transit_procedure
    assert holder is not None and decl.declarant is not None
    assert decl.declarant.tir_holder_id is holder.tir_holder_identification_number
    assert decl.declarant.id is holder.identification_number
    (equipment,) = decl.goods_shipment.consignment.transport_equipments  # type: ignore[union-attr]
    assert [s.id.value for s in equipment.seals if s.id] == ["1234"]


def test_a_carnet_number_without_a_tir_guarantee_is_one_of_its_own() -> None:
    data = _edit(_message("dnxi8_ie015_xml_example.xml"), put("Guarantee/guaranteeType", "1"))
    decl, _ = _declaration(data)
    first, carnet = decl.obligation_guarantees
    assert first.reference_id is None
    assert carnet.path == "/CC015C/TransitOperation/TIRCarnetNumber"
    assert carnet.security_details_code is not None
    assert carnet.security_details_code.value == "B"
    rules = sw.check(data).rules()
    assert "TRANSIT-GUARANTEE-TYPE" in rules and "TRANSIT-TIR-CARNET" not in rules


def test_the_combined_nomenclature_code_completes_the_subheading() -> None:
    data = _edit(
        EXAMPLE,
        before(
            "//ConsignmentItem[1]/Commodity/CommodityCode/harmonizedSystemSubHeadingCode",
            "",
        ),
        lambda root: etree.SubElement(
            root.xpath("//ConsignmentItem[1]/Commodity/CommodityCode")[0],
            "combinedNomenclatureCode",
        ).__setattr__("text", "90"),
    )
    decl, _ = _declaration(data)
    first = decl.goods_items[0]
    assert first.commodity_code == "39231090"
    (part,) = first.commodity.classifications  # type: ignore[union-attr]
    assert (
        part.path
        == "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Commodity/CommodityCode"
    )


HOUSE = (
    "<Consignor><identificationNumber>{who}</identificationNumber></Consignor>"
    "<Consignee><identificationNumber>{who}C</identificationNumber></Consignee>"
)


def test_a_house_consignments_parties_are_its_own() -> None:
    data = _edit(
        EXAMPLE,
        drop("//Consignment/Consignee"),
        before("//HouseConsignment/ConsignmentItem[1]", HOUSE.format(who="GB1")),
    )
    decl, message = _declaration(data)
    assert decl.consignment is not None and decl.consignment.consignor is None
    assert decl.goods_shipment is not None and decl.goods_shipment.consignee is None
    (house,) = decl.goods_shipment.house_consignments
    assert house.consignor is not None and house.consignee is not None
    assert house.consignor.path == "/CC015C/Consignment/HouseConsignment[1]/Consignor"
    assert house.consignee.path == "/CC015C/Consignment/HouseConsignment[1]/Consignee"
    assert message.consignment is not None
    number = message.consignment.house_consignments[0].sequence_number
    assert house.sequence_numeric is number
    assert all(item.house_consignment_sequence_numeric is number for item in decl.goods_items)
    assert all(item.consignee is None and item.consignor is None for item in decl.goods_items)


def test_each_house_consignment_keeps_its_parties_and_its_items_name_it() -> None:
    def second_house(root: etree._Element) -> None:
        (house,) = root.xpath("//HouseConsignment")
        copy = etree.fromstring(etree.tostring(house))
        copy.find("sequenceNumber").text = "2"
        for n, number in enumerate(copy.iter("declarationGoodsItemNumber"), start=3):
            number.text = str(n)
        house.addnext(copy)

    data = _edit(
        EXAMPLE,
        before("//HouseConsignment/ConsignmentItem[1]", HOUSE.format(who="GB1")),
        second_house,
        put("//HouseConsignment[2]/Consignor/identificationNumber", "GB2"),
        put("//Consignment/grossMass", "60.000"),
    )
    decl, _ = _declaration(data)
    assert decl.consignment is not None and decl.consignment.consignor is None
    assert decl.goods_shipment is not None
    houses = decl.goods_shipment.house_consignments
    assert [h.consignor.id.value for h in houses] == ["GB1", "GB2"]  # type: ignore[union-attr]
    assert houses[1].consignor.path == "/CC015C/Consignment/HouseConsignment[2]/Consignor"  # type: ignore[union-attr]
    assert [int(i.sequence_numeric) for i in decl.goods_items] == [1, 2, 3, 4]  # type: ignore[arg-type]
    owners = [int(i.house_consignment_sequence_numeric) for i in decl.goods_items]  # type: ignore[arg-type]
    assert owners == [1, 1, 2, 2]
    assert besides_ncts_conditions(e.rule for e in sw.check(data).errors) == []


ROUTING = (
    "<CountryOfRoutingOfConsignment><sequenceNumber>2</sequenceNumber><country>GE</country>"
    "</CountryOfRoutingOfConsignment>"
    "<CountryOfRoutingOfConsignment><sequenceNumber>1</sequenceNumber><country>AZ</country>"
    "</CountryOfRoutingOfConsignment>"
)


def test_the_route_comes_from_the_offices_and_the_routing_countries_in_sequence() -> None:
    data = _edit(
        EXAMPLE,
        put("//CustomsOfficeOfDeparture/referenceNumber", "TR160100"),
        put("//CustomsOfficeOfDestinationDeclared/referenceNumber", "GE010100"),
        put("//CustomsOfficeOfTransitDeclared/referenceNumber", "GE080100"),
        before("//Consignment/PlaceOfLoading", ROUTING),
    )
    decl, _ = _declaration(data)
    assert [i.routing_country_code.value for i in decl.consignment.itineraries] == ["AZ", "GE"]  # type: ignore[union-attr]
    report = sw.check(data)
    assert report.route == ("TR", "AZ", "GE")
    roles = {code: cv.roles for code, cv in report.countries.items()}
    assert roles == {
        "TR": ("declaring", "departure"),
        "AZ": ("transit",),
        "GE": ("destination",),
    }


def test_named_countries_keep_the_roles_the_ncts_route_gives_them() -> None:
    data = _edit(
        EXAMPLE,
        put("//CustomsOfficeOfDeparture/referenceNumber", "TR160100"),
        put("//CustomsOfficeOfDestinationDeclared/referenceNumber", "GE010100"),
        put("//CustomsOfficeOfTransitDeclared/referenceNumber", "GE080100"),
        before("//Consignment/PlaceOfLoading", ROUTING),
    )
    # Kazakhstan is nowhere on the transit: its pack runs with no role, as on a WCO one.
    for source in (data, sw.parse(data)):
        report = sw.check(source, countries=["kz", "AZ", "TR", "AZ"], explain=True)
        assert report.route == ("TR", "AZ", "GE")
        roles = {code: cv.roles for code, cv in report.countries.items()}
        assert roles == {"KZ": (), "AZ": ("transit",), "TR": ("declaring", "departure")}
        assert not [f for f in report.findings if f.country == "KZ"]
        assert report.explanation is not None
        kz = sw.rules.RuleSet.bundled().packs["KZ"].specs
        with_roles = {s.id for s in kz if s.when.roles}
        outcomes = [o for o in report.explanation if o.rule in with_roles]
        assert outcomes, "the KZ pack has rules with a role condition"
        assert {o.reason_id for o in outcomes} == {"when.role-none"}


# --- findings in the message's terms -----------------------------------------------------


def _wco_only_names() -> frozenset[str]:
    """Element and class names of the canonical model that NCTS does not use."""
    ncts: set[str] = set()
    for cls in vars(ncts_models).values():
        if isinstance(cls, type) and issubclass(cls, sw.models.Node) and cls is not sw.models.Node:
            ncts.add(cls.__name__)
            ncts.update(f.xml_name for f in spec_of(cls).fields)
    wco: set[str] = set()
    for cls in vars(models).values():
        if (
            isinstance(cls, type)
            and issubclass(cls, sw.models.Node)
            and cls.__module__ == models.__name__
        ):
            wco.add(cls.__name__)
            wco.update(f.xml_name for f in spec_of(cls).fields)
    return frozenset(wco - ncts)


WCO_NAMES = _wco_only_names()
T1 = "dsgbt6_ie015_xml_example.xml"
TIR = "dnxi8_ie015_xml_example.xml"

#: Broken messages: (corpus message, changes, rule, path of the finding, NCTS name in it).
FAULTS = [
    (
        TIR,
        [drop("TransitOperation/TIRCarnetNumber")],
        "TRANSIT-TIR-CARNET",
        "/CC015C/TransitOperation",
        "TIRCarnetNumber",
    ),
    (TIR, [put("TransitOperation/TIRCarnetNumber", "XN250000500")], None, None, None),
    (
        TIR,
        [drop("HolderOfTheTransitProcedure/TIRHolderIdentificationNumber")],
        "TRANSIT-TIR-HOLDER",
        "/CC015C/HolderOfTheTransitProcedure",
        "HolderOfTheTransitProcedure/TIRHolderIdentificationNumber",
    ),
    (
        TIR,
        [drop("Consignment/TransportEquipment")],
        "TRANSIT-TIR-SEALS",
        "/CC015C/Consignment",
        "TransportEquipment/Seal",
    ),
    (
        T1,
        [put("Guarantee/guaranteeType", "8"), drop("Guarantee/GuaranteeReference")],
        "TRANSIT-OTHER-REFERENCE",
        "/CC015C/Guarantee[1]",
        "Guarantee/otherGuaranteeReference",
    ),
    (T1, [drop("Guarantee/GuaranteeReference")], "TRANSIT-GRN", "/CC015C/Guarantee[1]", "GRN"),
    (
        T1,
        [drop("CustomsOfficeOfTransitDeclared")],
        "TRANSIT-ROUTE-STATED",
        "/CC015C/Consignment",
        "CountryOfRoutingOfConsignment",
    ),
    (
        T1,
        [put("Consignment/grossMass", "5000")],
        "WCO-TOTAL-GROSS-MASS",
        "/CC015C/Consignment/grossMass",
        "grossMass",
    ),
    (
        T1,
        [put("Guarantee/guaranteeType", "B")],
        "TRANSIT-GUARANTEE-TYPE",
        "/CC015C/Guarantee[1]/guaranteeType",
        "B",
    ),
    (
        T1,
        [put("//ConsignmentItem/declarationGoodsItemNumber", "7")],
        "WCO-ITEM-SEQUENCE",
        "/CC015C/Consignment/HouseConsignment[2]/ConsignmentItem[1]/declarationGoodsItemNumber",
        "7",
    ),
    (
        T1,
        [put("//ConsignmentItem/Commodity/GoodsMeasure/netMass", "99999")],
        "WCO-NET-MASS",
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Commodity/GoodsMeasure/netMass",
        "99999",
    ),
    (
        T1,
        [put("//ConsignmentItem/Packaging/typeOfPackages", "Q9")],
        "WCO-PACKAGE-TYPE",
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Packaging[1]/typeOfPackages",
        "Q9",
    ),
]


@pytest.mark.parametrize(("name", "changes", "rule", "path", "named"), FAULTS)
def test_findings_point_into_the_message_in_its_own_names(
    name: str,
    changes: list[Callable[[etree._Element], None]],
    rule: str | None,
    path: str | None,
    named: str | None,
) -> None:
    data = _edit(_message(name), *changes)
    report = sw.check(data)
    if rule is None:
        assert besides_ncts_conditions(e.rule for e in report.errors) == []
    else:
        found = [f for f in report.findings if f.rule == rule]
        assert path in [f.path for f in found], report.findings
        assert named is not None
        assert all(named in f.message for f in found if f.path == path)
    _located(data, report.findings)
    for f in report.findings:
        if f.severity is not Severity.INFO:
            words = set(re.findall(r"[A-Za-z]+", f.message))
            assert not words & WCO_NAMES, (f.message, words & WCO_NAMES)


def test_absent_data_without_an_ncts_name_points_at_the_nearest_element() -> None:
    decl, _ = _declaration(EXAMPLE)
    item = decl.goods_items[0]
    where = sw.formats.registry().absent(decl, item, ["Origin", "CountryCode"])
    assert (where.path, where.line, where.missing) == (item.path, item.line, ())
    guarantee = decl.obligation_guarantees[0]
    where = sw.formats.registry().absent(decl, guarantee, ["ID"])
    assert (where.path, where.missing) == ("/CC015C/Guarantee[1]", ("otherGuaranteeReference",))
    root = sw.formats.registry().absent(decl, decl, ["ObligationGuarantee", "ReferenceID"])
    assert (root.path, root.missing) == ("/CC015C", ("Guarantee", "GuaranteeReference", "GRN"))


def test_a_wco_declaration_keeps_its_names() -> None:
    decl = sw.parse(Path(__file__).parents[2] / "examples" / "tr-ge-t1.xml")
    where = sw.formats.registry().absent(decl, decl, ["ObligationGuarantee", "ID"])
    assert (where.path, where.missing) == (decl.path, ("ObligationGuarantee", "ID"))
    assert NCTS_NS not in decl.to_xml().decode()


# --- the OTS homes -----------------------------------------------------------------------

EXITS = (
    "<CustomsOfficeOfExitForTransitDeclared><sequenceNumber>2</sequenceNumber>"
    "<referenceNumber>GE000200</referenceNumber></CustomsOfficeOfExitForTransitDeclared>"
    "<CustomsOfficeOfExitForTransitDeclared><sequenceNumber>1</sequenceNumber>"
    "<referenceNumber>TR000100</referenceNumber></CustomsOfficeOfExitForTransitDeclared>"
)
MEANS = (
    "<ActiveBorderTransportMeans><sequenceNumber>1</sequenceNumber>"
    "<customsOfficeAtBorderReferenceNumber>GE000200</customsOfficeAtBorderReferenceNumber>"
    "<typeOfIdentification>30</typeOfIdentification><identificationNumber>01A123BC"
    "</identificationNumber><nationality>TR</nationality></ActiveBorderTransportMeans>"
    "<ActiveBorderTransportMeans><sequenceNumber>2</sequenceNumber>"
    "<typeOfIdentification>11</typeOfIdentification><identificationNumber>9123456"
    "</identificationNumber><nationality>AZ</nationality>"
    "<conveyanceReferenceNumber>ALAT0412</conveyanceReferenceNumber>"
    "</ActiveBorderTransportMeans>"
)


def test_every_office_of_exit_and_border_means_is_kept_in_sequence_order() -> None:
    data = _edit(
        EXAMPLE,
        before("//HolderOfTheTransitProcedure", EXITS),
        before(
            "//Consignment/grossMass", "<modeOfTransportAtTheBorder>3</modeOfTransportAtTheBorder>"
        ),
        before("//Consignment/PlaceOfLoading", MEANS),
    )
    decl, _ = _declaration(data)
    assert [o.id.value for o in decl.exit_offices if o.id] == ["TR000100", "GE000200"]
    first, second = decl.border_transport_means
    assert [m.id.value for m in (first, second) if m.id] == ["01A123BC", "9123456"]
    assert decl.border_mode is first.mode_code
    assert first.mode_code is not None and first.mode_code.path == (
        "/CC015C/Consignment/modeOfTransportAtTheBorder"
    )
    assert second.mode_code is None
    assert first.customs_office_id is not None and first.customs_office_id.value == "GE000200"
    assert second.conveyance_reference_id is not None
    assert second.conveyance_reference_id.path.endswith("/conveyanceReferenceNumber")


def test_a_mode_without_means_is_a_means_of_its_own() -> None:
    data = _edit(
        EXAMPLE,
        before(
            "//Consignment/grossMass",
            "<inlandModeOfTransport>3</inlandModeOfTransport>"
            "<modeOfTransportAtTheBorder>1</modeOfTransportAtTheBorder>",
        ),
    )
    decl, _ = _declaration(data)
    (border,) = decl.border_transport_means
    assert border.path == "/CC015C/Consignment/modeOfTransportAtTheBorder"
    assert decl.border_mode is not None and decl.border_mode.value == "1"
    assert decl.goods_shipment is not None and decl.goods_shipment.consignment is not None
    (inland,) = decl.goods_shipment.consignment.departure_transport_means
    assert inland.mode_code is not None and inland.mode_code.value == "3"


def test_the_transit_operations_data_have_their_homes() -> None:
    data = _edit(
        EXAMPLE,
        before("//TransitOperation/bindingItinerary", ""),
        put("//TransitOperation/security", "2"),
        lambda root: root.find("TransitOperation").extend(
            etree.fromstring(f"<x>{xml}</x>")[0] for xml in ("<limitDate>2025-03-10</limitDate>",)
        ),
    )
    decl, message = _declaration(data)
    assert message.transit_operation is not None
    assert decl.safety_and_security_code is message.transit_operation.security
    assert decl.additional_type_code is message.transit_operation.additional_declaration_type
    assert decl.binding_itinerary_indicator_code is message.transit_operation.binding_itinerary
    limit = decl.transit_limit_date_time
    assert limit is not None and limit.format_code == "102" and limit.raw == "2025-03-10"
    assert limit.value is not None and limit.value.date().isoformat() == "2025-03-10"
    assert limit.path == "/CC015C/TransitOperation/limitDate"
    assert decl.metadata is not None and decl.metadata.message_id is message.message_identification


def test_a_limit_date_before_the_declaration_is_found_at_the_limit_date() -> None:
    data = _edit(
        EXAMPLE,
        lambda root: root.find("TransitOperation").append(
            etree.fromstring("<limitDate>2025-02-20</limitDate>")
        ),
    )
    found = [f for f in sw.check(data).findings if f.rule == "TRANSIT-LIMIT-DATE"]
    assert [(f.path, f.value) for f in found] == [
        ("/CC015C/TransitOperation/limitDate", "2025-02-20")
    ]


CONTACT = (
    "<ContactPerson><name>Ayse Demir</name><phoneNumber>+905551112233</phoneNumber>"
    "<eMailAddress>ayse@example.com</eMailAddress></ContactPerson>"
)


def test_a_contact_persons_phone_and_email_are_communications() -> None:
    data = _edit(
        EXAMPLE,
        lambda root: root.find("HolderOfTheTransitProcedure").append(etree.fromstring(CONTACT)),
    )
    decl, _ = _declaration(data)
    assert decl.declarant is not None and decl.declarant.contact is not None
    ways = decl.declarant.contact.communications
    assert [(w.type_code.value, w.id.value) for w in ways if w.type_code and w.id] == [
        ("TE", "+905551112233"),
        ("EM", "ayse@example.com"),
    ]
    assert ways[1].type_code is not None and ways[1].type_code.path == ways[1].id.path  # type: ignore[union-attr]


DOCUMENTS = (
    "<PreviousDocument><sequenceNumber>1</sequenceNumber><type>N830</type>"
    "<referenceNumber>25TR000000000001</referenceNumber></PreviousDocument>"
    "<SupportingDocument><sequenceNumber>1</sequenceNumber><type>N999</type>"
    "<referenceNumber>X1</referenceNumber></SupportingDocument>"
    "<TransportDocument><sequenceNumber>1</sequenceNumber><type>N730</type>"
    "<referenceNumber>CMR-1</referenceNumber></TransportDocument>"
    "<AdditionalReference><sequenceNumber>1</sequenceNumber><type>Y015</type>"
    "</AdditionalReference>"
)


def test_a_house_consignments_documents_are_its_own_and_the_document_rules_read_them() -> None:
    data = _edit(EXAMPLE, before("//HouseConsignment/ConsignmentItem[1]", DOCUMENTS))
    decl, _ = _declaration(data)
    assert decl.additional_documents == []
    assert decl.goods_shipment is not None
    (house,) = decl.goods_shipment.house_consignments
    assert [d.code for d in house.previous_documents] == ["N830"]
    assert [d.code for d in house.additional_documents] == ["N999"]
    assert [t.type_code.value for t in house.transport_contract_documents if t.type_code] == [
        "N730"
    ]
    assert [r.type_code.value for r in house.additional_references if r.type_code] == ["Y015"]
    found = [f for f in sw.check(data).errors if f.rule == "WCO-DOCUMENT-CODE"]
    assert [f.path for f in found] == [
        "/CC015C/Consignment/HouseConsignment[1]/SupportingDocument[1]/type"
    ]


def test_a_t_declaration_with_a_t2_goods_item_names_offices_of_transit() -> None:
    data = _edit(
        EXAMPLE,
        put("//TransitOperation/declarationType", "T"),
        put("//CustomsOfficeOfDeparture/referenceNumber", "DE004800"),
        put("//CustomsOfficeOfDestinationDeclared/referenceNumber", "FR000690"),
        put("//Consignment/countryOfDestination", "FR"),
        drop("//CustomsOfficeOfTransitDeclared"),
        before("//ConsignmentItem[1]/Commodity", "<declarationType>T1</declarationType>"),
        before("//ConsignmentItem[2]/Commodity", "<declarationType>T1</declarationType>"),
    )
    decl, _ = _declaration(data)
    assert [i.declaration_type_code.value for i in decl.goods_items] == ["T1", "T1"]  # type: ignore[union-attr]
    assert "TRANSIT-OFFICES-OF-TRANSIT" not in sw.check(data).rules()
    t2 = _edit(data, put("//ConsignmentItem[2]/declarationType", "T2"))
    found = [f for f in sw.check(t2).findings if f.rule == "TRANSIT-OFFICES-OF-TRANSIT"]
    (finding,) = found
    reason = finding.params["problem"]["params"]["reason"]  # type: ignore[index]
    assert reason["message_id"] == "predicate.transit-offices-of-transit.t-with-t2-items"
