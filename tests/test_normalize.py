"""Normalization: dates, amounts, measures, codes, countries, commodity codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window._lexical import parse_decimal
from single_window.models import Declaration, Text

NS = "urn:wco:datamodel:WCO:DEC-DMS:2"
DS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"


def doc(body: str) -> bytes:
    return (
        f'<Declaration xmlns="{NS}" xmlns:ds="{DS}">'
        f"<FunctionCode>9</FunctionCode>{body}</Declaration>"
    ).encode()


def model(data: bytes) -> Declaration:
    """The model of a document whatever the schema says of it (normalization only)."""
    decl = sw.validate(data).declaration
    assert decl is not None
    return decl


def issue_date(value: str, code: str | None = "304") -> bytes:
    attr = f' formatCode="{code}"' if code else ""
    return doc(
        f"<IssueDateTime><ds:DateTimeString{attr}>{value}</ds:DateTimeString></IssueDateTime>"
    )


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("20220606010000+01", "304", datetime(2022, 6, 6, 1, tzinfo=timezone(timedelta(hours=1)))),
        ("20240425090243Z", "304", datetime(2024, 4, 25, 9, 2, 43, tzinfo=UTC)),
        (
            "20240425090243-0530",
            "304",
            datetime(2024, 4, 25, 9, 2, 43, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
        ("20240425", "102", datetime(2024, 4, 25, tzinfo=UTC)),
    ],
)
def test_wco_dates_become_timezone_aware_datetimes(
    text: str, code: str, expected: datetime
) -> None:
    decl = model(issue_date(text, code))
    assert decl.issue_date_time is not None
    value = decl.issue_date_time.value
    assert value == expected
    assert value is not None and value.tzinfo is not None
    assert decl.issue_date_time.format_code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("20240230", "102"), ("20230229120000Z", "304"), ("20241301", "102"), ("2024-04-25", "102")],
)
def test_impossible_or_misformatted_dates_are_findings(text: str, code: str) -> None:
    result = sw.validate(issue_date(text, code))
    assert result.declaration is not None
    dates = [f for f in result.findings if f.rule == "NORM-DATE"]
    assert len(dates) == 1
    assert dates[0].path == "/Declaration/IssueDateTime/DateTimeString"
    assert dates[0].value == text
    assert result.declaration.issue_date_time is not None
    assert result.declaration.issue_date_time.value is None
    assert not result.ok


def test_amounts_are_decimals_with_their_currency() -> None:
    decl = model(doc('<InvoiceAmount currencyID="gbp">1234.50</InvoiceAmount>'))
    assert decl.invoice_amount is not None
    assert decl.invoice_amount.value == Decimal("1234.50")
    assert isinstance(decl.invoice_amount.value, Decimal)
    assert decl.invoice_amount.currency == "GBP"


def test_an_unknown_currency_is_read_as_written_and_rejected_by_the_code_list_rule() -> None:
    example = (EXAMPLES / "tr-import.xml").read_bytes()
    data = example.replace(b'currencyID="USD"', b'currencyID="XYZ"', 1)
    result = sw.validate(data)
    assert result.declaration is not None and result.declaration.invoice_amount is not None
    assert result.declaration.invoice_amount.currency == "XYZ"
    assert not [f for f in result.findings if f.rule.startswith("NORM")]
    found = [f for f in sw.check(data, countries=[]).findings if f.rule == "WCO-CURRENCY-CODE"]
    assert [(f.value, f.path) for f in found] == [
        ("XYZ", "/MetaData/Declaration/InvoiceAmount/@currencyID")
    ]


def test_measures_keep_their_unit() -> None:
    body = (
        "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>"
        '<Commodity><GoodsMeasure><GrossMassMeasure unitCode="KGM">12.5</GrossMassMeasure>'
        "</GoodsMeasure></Commodity></GovernmentAgencyGoodsItem></GoodsShipment>"
    )
    item = model(doc(body)).goods_items[0]
    assert item.commodity is not None and item.commodity.goods_measure is not None
    gross = item.commodity.goods_measure.gross_mass_measure
    assert gross is not None
    assert (gross.value, gross.unit) == (Decimal("12.5"), "KGM")


def test_codes_are_trimmed_and_upper_cased_and_the_original_is_kept() -> None:
    result = sw.validate(doc("<TypeCode> ima </TypeCode>"))
    decl = result.declaration
    assert decl is not None and decl.type_code is not None
    assert decl.type_code.value == "IMA"
    assert decl.type_code.raw == " ima "
    assert b"<TypeCode> ima </TypeCode>" in decl.to_xml(pretty=False)


def test_country_codes_are_upper_cased_and_checked_against_their_list() -> None:
    body = (
        "<GoodsShipment><ExportCountry><ID>uz</ID></ExportCountry>"
        "<Destination><CountryCode>QQ</CountryCode></Destination></GoodsShipment>"
    )
    result = sw.validate(doc(body))
    decl = result.declaration
    assert decl is not None and decl.goods_shipment is not None
    assert decl.goods_shipment.export_country is not None
    assert decl.goods_shipment.export_country.id is not None
    assert decl.goods_shipment.export_country.id.value == "UZ"
    example = (EXAMPLES / "tr-import.xml").read_bytes()
    at = example.index(b"<CountryCode>UZ</CountryCode>")
    # QQ (stores and provisions) is a customs country code; QO is in no list
    data = example[:at] + b"<CountryCode>QO</CountryCode>" + example[at + 29 :]
    countries = [f for f in sw.check(data).findings if f.rule == "WCO-COUNTRY-CODE"]
    line = example[:at].count(b"\n") + 1
    assert [(f.value, f.line) for f in countries] == [("QO", line)]


def _item_with(classifications: str) -> bytes:
    return doc(
        "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>"
        f"<Commodity>{classifications}</Commodity></GovernmentAgencyGoodsItem></GoodsShipment>"
    )


def _cls(code: str, kind: str) -> str:
    return (
        f"<Classification><ID>{code}</ID><IdentificationTypeCode>{kind}</IdentificationTypeCode>"
        "</Classification>"
    )


def test_commodity_code_is_assembled_from_its_classification_parts() -> None:
    item = model(_item_with(_cls("4A", "GN") + _cls("85101000", "TSP") + _cls("00", "TRC")))
    assert item.goods_items[0].commodity_code == "8510100000"
    national = model(_item_with(_cls("731815900019", "HS"))).goods_items[0]
    assert national.commodity_code == "731815900019"
    assert model(_item_with(_cls("VATZ", "GN"))).goods_items[0].commodity_code is None


def test_document_codes_are_category_plus_type() -> None:
    body = (
        "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>"
        "<AdditionalDocument><CategoryCode>c</CategoryCode><ID>X1</ID>"
        "<TypeCode>505</TypeCode></AdditionalDocument>"
        "</GovernmentAgencyGoodsItem></GoodsShipment>"
    )
    assert model(doc(body)).goods_items[0].additional_documents[0].code == "C505"


def test_normalizing_twice_changes_nothing() -> None:
    decl = sw.validate(
        doc('<TypeCode> ima </TypeCode><InvoiceAmount currencyID="gbp">001.50</InvoiceAmount>')
    ).declaration
    assert decl is not None
    once = Declaration.model_validate(decl.model_dump())
    twice = Declaration.model_validate(once.model_dump())
    assert once == decl
    assert twice == once
    assert twice.model_dump() == once.model_dump()
    reread = sw.validate(decl.to_xml()).declaration
    assert reread == decl


def test_equality_ignores_where_a_value_came_from() -> None:
    assert Text(value="A", path="/x", line=3) == Text(value="A")
    assert Text(value="A") != Text(value="B")


@pytest.mark.parametrize(
    "text",
    ["١٢", "１２", "18_400", "1e3", "12.", "", " ", "+-1", "1 2", "12\u00a0"],
)
def test_a_decimal_is_read_only_in_its_xsd_lexical_form(text: str) -> None:
    if text == "12.":
        assert parse_decimal(text) == Decimal(12)  # XSD allows a trailing point
        return
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", Decimal(12)), ("-0.5", Decimal("-0.5")), ("+.5", Decimal("0.5")), (" 7\n", Decimal(7))],
)
def test_xsd_decimals_are_read_exactly(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["١٢", "１２", "18_400"])
def test_digits_of_other_scripts_and_separators_are_not_read_as_numbers(text: str) -> None:
    result = sw.validate(doc(f'<InvoiceAmount currencyID="EUR">{text}</InvoiceAmount>'))
    assert result.declaration is not None
    assert result.declaration.invoice_amount is None
    assert "NORM-NUMBER" in [f.rule for f in result.findings]
