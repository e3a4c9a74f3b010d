"""Transit rules on edited examples: where their findings point, and the exceptions the
common transit rules make (cases the golden file does not pin down)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import EXAMPLES
from test_packs import apply_edits

import single_window as sw
from single_window.rules._route import route_of


def _check(base: str, edits: list[dict[str, Any]], on: str | None = None) -> sw.Report:
    return sw.check(apply_edits(EXAMPLES / base, edits), on=on, explain=True)


def _outcome(report: sw.Report, rule: str) -> str | None:
    assert report.explanation is not None
    return next((o.status for o in report.explanation if o.rule == rule), None)


# --- findings of the regime rules point at what names the country ----------------------------


def test_a_destination_outside_the_ctc_is_reported_at_the_office_reference_that_names_it() -> None:
    # Georgia joined the common transit convention on 1 Feb 2025
    report = _check("tr-ge-t1.xml", [], on="2025-01-31")
    [finding] = report.findings
    assert finding.rule == "TRANSIT-CTC-COUNTRIES"
    assert finding.path == "/MetaData/Declaration/DestinationOffice/ID"
    assert finding.value == "GE010100"  # what stands at the path: the office reference
    assert "GE" in finding.message


def test_a_destination_outside_the_eaeu_is_reported_where_the_country_is_named() -> None:
    # EAEU offices are numbered: the destination country is GoodsShipment/Destination
    edits = [
        {"path": "GoodsShipment/Destination/CountryCode", "text": "CN"},
    ]
    report = _check("eaeu-transit.xml", edits)
    [finding] = report.findings
    assert finding.rule == "TRANSIT-EAEU-COUNTRIES"
    assert finding.path == "/MetaData/Declaration/GoodsShipment/Destination/CountryCode"
    assert finding.value == "CN"


def test_a_departure_outside_the_eaeu_is_reported_at_the_declaring_country() -> None:
    edits = [
        {"path": "/MetaData/ResponsibleCountryCode", "text": "CN"},
        {"path": "Declarant/ID", "remove": True},
    ]
    report = _check("eaeu-transit.xml", edits)
    found = [(f.rule, f.path, f.value) for f in report.findings]
    assert found == [("TRANSIT-EAEU-COUNTRIES", "/MetaData/ResponsibleCountryCode", "CN")]


# --- offices of transit within one non-EU common transit country --------------------------


#: The NCTS conditions on a T2 or T declaration's goods that these office tests leave aside.
GOODS_CONDITIONS = frozenset({"TRANSIT-C0035", "TRANSIT-R0020", "TRANSIT-C0045"})

WITHIN_TURKIYE = [
    {"path": "DestinationOffice/ID", "text": "TR340100"},
    {"path": "GoodsShipment/Destination/CountryCode", "text": "TR"},
    {"path": "GoodsShipment/Consignee/Address/CountryCode", "text": "TR"},
    {"path": "GoodsShipment/Consignee/ID", "text": "4820519379"},
    {"path": "TransitOffice", "remove": True},
    {"path": "Consignment", "remove": True},
]


@pytest.mark.parametrize("type_code", ["T1", "T2", "T2F", "T", "579"])
def test_a_transit_within_one_non_eu_ctc_country_needs_no_office_of_transit(
    type_code: str,
) -> None:
    # C0030: departure and destination in the same CL112 country make offices of transit
    # optional before the declaration type (T2 included) is looked at
    report = _check("tr-ge-t1.xml", [*WITHIN_TURKIYE, {"path": "TypeCode", "text": type_code}])
    assert route_of(sw.parse(apply_edits(EXAMPLES / "tr-ge-t1.xml", WITHIN_TURKIYE))).order == (
        "TR",
    )
    # Only Türkiye's notice that the movement is a national transit, but for what NCTS asks
    # of the goods of a T2, T2F or T declaration from a CL112 country (proof of Union
    # status, C0035 and R0020; item types on a T, C0045: tests/ncts/test_ncts_rules.py)
    assert [
        (f.rule, f.severity.value) for f in report.findings if f.rule not in GOODS_CONDITIONS
    ] == [("TR-NATIONAL-TRANSIT", "info")]
    assert _outcome(report, "TRANSIT-OFFICES-OF-TRANSIT") == "passed"


def test_a_t2_between_two_countries_still_needs_an_office_of_transit() -> None:
    edits = [{"path": "TypeCode", "text": "T2"}, {"path": "TransitOffice", "remove": True}]
    report = _check("tr-ge-t1.xml", edits)
    assert [r for r in report.rules() if r not in GOODS_CONDITIONS] == [
        "TRANSIT-OFFICES-OF-TRANSIT"
    ]


# --- offices of transit: the other branches of C0030 and both limbs of R0006 ----------------


WITHOUT_OFFICES = [{"path": "TransitOffice", "remove": True}]
#: hu-ad-t1.xml ending in France: every country on the route is in the EU.
WITHIN_THE_EU = [
    {"path": "DestinationOffice/ID", "text": "FR003480"},
    {"path": "GoodsShipment/Destination/CountryCode", "text": "FR"},
    {"path": "GoodsShipment/Consignee/Address/CountryCode", "text": "FR"},
    {"path": "Consignment/Itinerary[5]", "remove": True},
    *WITHOUT_OFFICES,
]
EXIT_OFFICE = {
    "path": "GoodsShipment",
    "insert_before": "<ExitOffice><ID>SI006044</ID></ExitOffice>",
}


def _office_findings(report: sw.Report) -> list[tuple[str | None, str | None]]:
    return [(f.path, f.value) for f in report.findings if f.rule == "TRANSIT-OFFICES-OF-TRANSIT"]


def test_between_eu_offices_offices_of_transit_are_optional() -> None:
    report = _check("hu-ad-t1.xml", WITHIN_THE_EU)
    assert report.findings == [], [f.to_dict() for f in report.findings]
    assert _outcome(report, "TRANSIT-OFFICES-OF-TRANSIT") == "passed"


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param(WITHOUT_OFFICES, id="office-of-destination-in-andorra"),
        pytest.param(
            [
                {"path": "DeclarationOfficeID", "text": "AD000001"},
                {"path": "/MetaData/ResponsibleCountryCode", "text": "AD"},
                {"path": "DestinationOffice/ID", "text": "HU101000"},
                {"path": "GoodsShipment/Destination/CountryCode", "text": "HU"},
                {"path": "GoodsShipment/Consignee/Address/CountryCode", "text": "HU"},
                *WITHOUT_OFFICES,
            ],
            id="office-of-departure-in-andorra",
        ),
        pytest.param([*WITHIN_THE_EU, EXIT_OFFICE], id="office-of-exit-for-transit"),
    ],
)
def test_c0030_asks_for_offices_of_transit_for_andorra_and_an_office_of_exit(
    edits: list[dict[str, Any]],
) -> None:
    report = _check("hu-ad-t1.xml", edits)
    assert report.rules() == ["TRANSIT-OFFICES-OF-TRANSIT"]
    assert _office_findings(report) == [("/MetaData/Declaration", None)]


def test_an_office_of_exit_asks_nothing_of_a_tir_declaration() -> None:
    # C0030 does not allow offices of transit on a TIR declaration in the first place
    report = _check("middle-corridor-tir.xml", [EXIT_OFFICE])
    assert "TRANSIT-OFFICES-OF-TRANSIT" not in report.rules()


def test_from_georgia_to_the_eu_one_office_of_transit_is_in_the_eu() -> None:
    # R0006, second limb: the Turkish office alone is not enough
    report = _check("ge-hu-t1.xml", [{"path": "TransitOffice[2]", "remove": True}])
    assert report.rules() == ["TRANSIT-OFFICES-OF-TRANSIT"]
    assert _office_findings(report) == [("/MetaData/Declaration/TransitOffice[1]/ID", "TR080200")]


@pytest.mark.parametrize("eu_office", ["BG001015", "RO000000", "HU121000"])
def test_any_office_of_transit_in_the_eu_satisfies_the_second_limb(eu_office: str) -> None:
    report = _check("ge-hu-t1.xml", [{"path": "TransitOffice[2]/ID", "text": eu_office}])
    assert _outcome(report, "TRANSIT-OFFICES-OF-TRANSIT") == "passed"


def test_before_georgia_joined_the_second_limb_does_not_apply() -> None:
    # on 31 Jan 2025 Georgia was not a CL112 country: the departure itself is the error
    report = _check("ge-hu-t1.xml", [{"path": "TransitOffice[2]", "remove": True}], on="2025-01-31")
    assert report.rules() == ["TRANSIT-CTC-COUNTRIES"]


def test_returning_to_a_non_eu_ctc_country_needs_an_office_of_transit_there() -> None:
    # R0006, first limb, holds even when departure and destination are one such country:
    # goods that go out through Georgia and come back enter Turkiye at an office of transit
    edits = [
        *WITHIN_TURKIYE[:-2],
        {"path": "TransitOffice/ID", "text": "GE080100"},
    ]
    report = _check("tr-ge-t1.xml", edits)
    assert [r for r in report.rules() if r not in GOODS_CONDITIONS] == [
        "TRANSIT-OFFICES-OF-TRANSIT"
    ]
    assert _office_findings(report) == [("/MetaData/Declaration/TransitOffice[1]/ID", "GE080100")]


# --- commodity codes: C0153 ---------------------------------------------------------------------


EXPORT_DECLARATION = (
    "<PreviousDocument><CategoryCode>N</CategoryCode><ID>UZ26EX000418833</ID>"
    "<TypeCode>830</TypeCode></PreviousDocument>"
)
NO_CODE = {
    "path": "GoodsShipment/GovernmentAgencyGoodsItem[1]/Commodity/Classification",
    "remove": True,
}


@pytest.mark.parametrize(
    ("base", "export_declaration", "expected"),
    [
        # TIR: optional without an export declaration, required with one
        ("middle-corridor-tir.xml", False, []),
        ("middle-corridor-tir.xml", True, ["TRANSIT-TIR-COMMODITY-CODE"]),
        # NCTS types: required either way
        ("tr-ge-t1.xml", False, ["TRANSIT-COMMODITY-CODE"]),
        ("tr-ge-t1.xml", True, ["TRANSIT-COMMODITY-CODE"]),
    ],
)
def test_c0153_the_hs_subheading_is_optional_only_on_tir_without_an_export_declaration(
    base: str, export_declaration: bool, expected: list[str]
) -> None:
    edits: list[dict[str, Any]] = [NO_CODE]
    if export_declaration and base == "tr-ge-t1.xml":  # its UCR closes the goods shipment
        edits.append({"path": "GoodsShipment/UCR", "insert_before": EXPORT_DECLARATION})
    elif export_declaration:
        edits.append({"path": "GoodsShipment", "append": EXPORT_DECLARATION})
    report = _check(base, edits)
    assert report.rules() == expected
    item = "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/Commodity"
    assert [f.path for f in report.findings] == [item] * len(expected)
    assert all(f.severity is sw.Severity.ERROR for f in report.findings)


def _two_houses(export_declaration_in: int) -> bytes:
    """The TIR CC015C example with a second house consignment whose goods item has no
    commodity code, and an export declaration (N830) in house ``export_declaration_in``."""
    from copy import deepcopy

    from lxml import etree

    root = etree.fromstring((EXAMPLES / "tr-ge-tir-cc015c.xml").read_bytes())
    (first,) = root.iterfind("Consignment/HouseConsignment")
    second = deepcopy(first)
    second.find("sequenceNumber").text = "2"  # type: ignore[union-attr]
    second.find("ConsignmentItem/declarationGoodsItemNumber").text = "2"  # type: ignore[union-attr]
    code = second.find("ConsignmentItem/Commodity/CommodityCode")
    code.getparent().remove(code)  # type: ignore[union-attr]
    first.addnext(second)
    house = (first, second)[export_declaration_in - 1]
    document = etree.fromstring(
        "<PreviousDocument><sequenceNumber>1</sequenceNumber><type>N830</type>"
        "<referenceNumber>26TR000000EX000001</referenceNumber></PreviousDocument>"
    )
    house.find("ConsignmentItem").addprevious(document)  # type: ignore[union-attr]
    return etree.tostring(root)


@pytest.mark.parametrize(("export_declaration_in", "fires"), [(1, False), (2, True)])
def test_c0153_reads_the_previous_documents_of_the_items_own_house_consignment(
    export_declaration_in: int, fires: bool
) -> None:
    report = sw.check(_two_houses(export_declaration_in))
    assert not [f for f in report.findings if f.rule.startswith(("XSD", "XML", "MODEL"))]
    found = [f.path for f in report.findings if f.rule == "TRANSIT-TIR-COMMODITY-CODE"]
    item = "/CC015C/Consignment/HouseConsignment[2]/ConsignmentItem[1]/Commodity"
    assert found == ([item] if fires else [])


# --- TIR carnet numbers: R0990 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("XA25000000", True),  # an10: the lowest number of the current series
        ("AX999999999", True),  # an11
        ("JX95000448", True),  # an eTIR guarantee reference
        ("25000000", False),  # the old series' last number: an8
        ("1", False),
        ("XA2500000", False),  # an9: below the current series
        ("XY25000000", True),
        ("AB25000000", False),  # neither letter is X
    ],
)
def test_r0990_a_tir_carnet_number_has_10_or_11_characters(number: str, valid: bool) -> None:
    report = _check(
        "middle-corridor-tir.xml", [{"path": "ObligationGuarantee/ReferenceID", "text": number}]
    )
    assert report.rules() == ([] if valid else ["TRANSIT-TIR-CARNET"])
