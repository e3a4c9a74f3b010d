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
    assert report.findings == [], [f.to_dict() for f in report.findings]
    assert _outcome(report, "TRANSIT-OFFICES-OF-TRANSIT") == "passed"


def test_a_t2_between_two_countries_still_needs_an_office_of_transit() -> None:
    edits = [{"path": "TypeCode", "text": "T2"}, {"path": "TransitOffice", "remove": True}]
    report = _check("tr-ge-t1.xml", edits)
    assert report.rules() == ["TRANSIT-OFFICES-OF-TRANSIT"]
