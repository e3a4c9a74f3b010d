"""The one-walk mapping: irregular documents keep every value and say where it was."""

from __future__ import annotations

from decimal import Decimal

import pytest

import single_window as sw
from single_window.models import Declaration, Unmapped

NS = "urn:wco:datamodel:WCO:DEC-DMS:2"
MD = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
OTHER = "urn:example:other"


def doc(body: str, attrs: str = "") -> bytes:
    return f'<Declaration xmlns="{NS}" xmlns:o="{OTHER}"{attrs}>{body}</Declaration>'.encode()


def mapped(data: bytes) -> tuple[Declaration, list[sw.Finding]]:
    result = sw.validate(data)
    assert result.declaration is not None
    model = [f for f in result.findings if not f.rule.startswith("XSD")]
    return result.declaration, model


def kept(decl: Declaration) -> list[tuple[str, str, str | None]]:
    return [(u.kind, u.name, u.path) for u in decl.unmapped]


def test_an_element_the_model_lacks_is_kept_with_its_path_and_line() -> None:
    decl, findings = mapped(doc("<FunctionCode>9</FunctionCode>\n<Mystery>x</Mystery>"))
    assert kept(decl) == [("element", "Mystery", "/Declaration/Mystery")]
    assert decl.unmapped[0].xml.endswith(">x</Mystery>")
    assert decl.unmapped[0].line == 2
    assert [(f.rule, f.path, f.line) for f in findings] == [
        ("MODEL-UNMAPPED", "/Declaration/Mystery", 2)
    ]
    assert decl.function_code is not None and decl.function_code.value == "9"


def test_a_second_occurrence_of_a_single_field_is_kept_not_overwritten() -> None:
    decl, findings = mapped(doc("<FunctionCode>9</FunctionCode><FunctionCode>13</FunctionCode>"))
    assert decl.function_code is not None and decl.function_code.value == "9"
    assert kept(decl) == [("element", "FunctionCode", "/Declaration/FunctionCode[2]")]
    assert "13" in decl.unmapped[0].xml
    assert [(f.rule, f.path) for f in findings] == [
        ("MODEL-UNMAPPED", "/Declaration/FunctionCode[2]")
    ]
    # Two elements answer to the bare path, so the one in the model is named by index too.
    assert decl.function_code.path == "/Declaration/FunctionCode[1]"


def test_a_repeatable_field_in_a_foreign_namespace_is_kept_named_with_its_namespace() -> None:
    body = (
        "<AdditionalDocument><ID>A</ID></AdditionalDocument>"
        "<o:AdditionalDocument><o:ID>B</o:ID></o:AdditionalDocument>"
        "<AdditionalDocument><ID>C</ID></AdditionalDocument>"
    )
    decl, findings = mapped(doc(body))
    assert [d.id.value for d in decl.additional_documents if d.id] == ["A", "C"]
    assert [d.path for d in decl.additional_documents] == [
        "/Declaration/AdditionalDocument[1]",
        "/Declaration/AdditionalDocument[2]",
    ]
    # Named with its namespace, so that its path is not the first model element's.
    foreign = f"/Declaration/{{{OTHER}}}AdditionalDocument"
    assert kept(decl) == [("element", "AdditionalDocument", foreign)]
    assert [(f.rule, f.path) for f in findings] == [("MODEL-UNMAPPED", foreign)]
    assert "urn:example:other" in findings[0].message  # the namespace it is in


def test_attributes_the_model_lacks_are_kept_on_nodes_and_on_values() -> None:
    body = (
        '<FunctionCode listID="x" note="n">9</FunctionCode>'
        '<GoodsShipment extra="1"><TransactionNatureCode>1</TransactionNatureCode></GoodsShipment>'
    )
    decl, findings = mapped(doc(body, ' version="2"'))
    assert kept(decl) == [
        ("attribute", "version", "/Declaration"),
        ("attribute", "note", "/Declaration/FunctionCode"),
        ("attribute", "extra", "/Declaration/GoodsShipment"),
    ]
    assert [f.path for f in findings] == [
        "/Declaration/@version",
        "/Declaration/FunctionCode/@note",
        "/Declaration/GoodsShipment/@extra",
    ]
    assert decl.function_code is not None and decl.function_code.value == "9"
    assert decl.function_code.list_id == "x"


def test_an_element_inside_a_value_is_kept_and_the_value_still_read() -> None:
    decl, _ = mapped(doc("<FunctionCode>9<Note>n</Note></FunctionCode>"))
    assert decl.function_code is not None and decl.function_code.value == "9"
    assert kept(decl) == [("element", "Note", "/Declaration/FunctionCode/Note")]


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("12.50", Decimal("12.50"), None),
        (" 12.5 ", Decimal("12.5"), " 12.5 "),
        ("007", Decimal("7"), "007"),
        ("0.0000001", Decimal("0.0000001"), None),
        ("-3", Decimal("-3"), None),
    ],
)
def test_numbers_are_exact_and_keep_a_differing_lexical_form(
    text: str, value: Decimal, raw: str | None
) -> None:
    decl, findings = mapped(doc(f'<InvoiceAmount currencyID="eur">{text}</InvoiceAmount>'))
    amount = decl.invoice_amount
    assert amount is not None
    assert (amount.value, amount.currency, amount.raw) == (value, "EUR", raw)
    assert findings == []
    again, _ = mapped(decl.to_xml())
    assert again == decl


@pytest.mark.parametrize("text", ["1e3", "NaN", "Infinity", "twelve", ""])
def test_a_value_that_is_not_a_decimal_is_a_finding_and_is_kept(text: str) -> None:
    decl, findings = mapped(doc(f"<GoodsItemQuantity>{text}</GoodsItemQuantity>"))
    assert decl.goods_item_quantity is None
    assert [f.rule for f in findings] == ["NORM-NUMBER", "MODEL-UNMAPPED"]
    assert kept(decl) == [("element", "GoodsItemQuantity", "/Declaration/GoodsItemQuantity")]


def test_an_amount_with_an_extra_attribute_keeps_both_the_amount_and_the_attribute() -> None:
    decl, _ = mapped(doc('<InvoiceAmount currencyID="USD" note="n">5</InvoiceAmount>'))
    assert decl.invoice_amount is not None
    assert (decl.invoice_amount.value, decl.invoice_amount.currency) == (Decimal(5), "USD")
    assert kept(decl) == [("attribute", "note", "/Declaration/InvoiceAmount")]


def test_a_measure_unit_is_normalized_and_a_plain_number_takes_no_unit() -> None:
    body = (
        '<TotalGrossMassMeasure unitCode=" kgm ">10.5</TotalGrossMassMeasure>'
        '<TotalPackageQuantity unitCode="X">3</TotalPackageQuantity>'
        '<CurrencyExchange><RateNumeric unitCode="X">1.5</RateNumeric></CurrencyExchange>'
    )
    decl, _ = mapped(doc(body))
    assert decl.total_gross_mass_measure is not None
    assert (decl.total_gross_mass_measure.value, decl.total_gross_mass_measure.unit) == (
        Decimal("10.5"),
        "KGM",
    )
    assert decl.total_gross_mass_measure.raw_attributes == {"unit": " kgm "}
    assert decl.total_package_quantity is not None
    assert (decl.total_package_quantity.value, decl.total_package_quantity.unit) == (3, "X")
    assert decl.currency_exchanges[0].rate_numeric is not None
    assert kept(decl) == [("attribute", "unitCode", "/Declaration/CurrencyExchange[1]/RateNumeric")]
    assert b'unitCode=" kgm "' in decl.to_xml()


def test_list_fields_are_fresh_lists_and_fields_set_names_what_was_read() -> None:
    first, _ = mapped(doc("<FunctionCode>9</FunctionCode>"))
    second, _ = mapped(doc("<FunctionCode>9</FunctionCode>"))
    assert first.additional_documents == [] and first.additional_documents is not (
        second.additional_documents
    )
    assert first.model_fields_set == {"path", "line", "function_code"}
    assert first.model_dump(exclude_unset=True)["function_code"]["value"] == "9"


def test_schema_location_and_metadata_are_read_from_the_envelope() -> None:
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    data = (
        f'<MetaData xmlns="{MD}" xmlns:xsi="{xsi}" xsi:schemaLocation="{MD} md.xsd">'
        "<WCODataModelVersionCode>3.6</WCODataModelVersionCode>"
        f'<Declaration xmlns="{NS}" xsi:schemaLocation="{NS} dec.xsd">'
        "<FunctionCode>9</FunctionCode></Declaration></MetaData>"
    ).encode()
    decl, findings = mapped(data)
    assert findings == []
    assert decl.schema_location == f"{NS} dec.xsd"
    assert decl.metadata is not None
    assert decl.metadata.schema_location == f"{MD} md.xsd"
    assert decl.metadata.wco_data_model_version_code is not None
    assert decl.path == "/MetaData/Declaration"
    assert decl.function_code is not None
    assert decl.function_code.path == "/MetaData/Declaration/FunctionCode"
    assert {"metadata", "schema_location"} <= decl.model_fields_set


def test_an_envelope_without_a_declaration_and_a_foreign_root_are_findings() -> None:
    empty = sw.validate(f'<MetaData xmlns="{MD}"/>'.encode())
    assert empty.declaration is None
    assert "MODEL-ROOT" in [f.rule for f in empty.findings]
    foreign = sw.validate(b"<Invoice/>")
    assert foreign.declaration is None
    assert [(f.rule, f.path) for f in foreign.findings if f.rule == "MODEL-ROOT"] == [
        ("MODEL-ROOT", "/Invoice")
    ]


def test_irregular_documents_write_back_every_value() -> None:
    body = (
        '<FunctionCode listID="x">9</FunctionCode><Mystery>m</Mystery>'
        "<GoodsItemQuantity>1e3</GoodsItemQuantity>"
    )
    decl, _ = mapped(doc(body))
    written = decl.to_xml().decode()
    for value in ('listID="x"', ">m</", ">1e3</", ">9</"):
        assert value in written
    assert isinstance(decl.unmapped[0], Unmapped)


def test_a_value_with_an_extra_attribute_is_still_normalized_on_the_general_path() -> None:
    body = (
        '<TotalGrossMassMeasure unitCode="kgm" note="n"> 10.50 </TotalGrossMassMeasure>'
        '<GoodsShipment><ExportCountry><ID note="n">xx</ID></ExportCountry></GoodsShipment>'
    )
    decl, findings = mapped(doc(body))
    mass = decl.total_gross_mass_measure
    assert mass is not None
    assert (mass.value, mass.unit, mass.raw) == (Decimal("10.50"), "KGM", " 10.50 ")
    assert decl.goods_shipment is not None and decl.goods_shipment.export_country is not None
    country = decl.goods_shipment.export_country.id
    assert country is not None and country.value == "XX"
    rules = sorted(f.rule for f in findings)
    assert rules == ["MODEL-UNMAPPED", "MODEL-UNMAPPED"]


def test_a_date_keeps_what_surrounds_its_date_string_and_needs_one() -> None:
    ds = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
    body = (
        f'<IssueDateTime xmlns:ds="{ds}" zone="x"><Note>n</Note>'
        '<ds:DateTimeString formatCode="102" extra="e">20240425</ds:DateTimeString>'
        "</IssueDateTime><AcceptanceDateTime/>"
    )
    decl, findings = mapped(doc(body))
    assert decl.issue_date_time is not None and decl.issue_date_time.value is not None
    assert decl.issue_date_time.value.year == 2024
    assert decl.acceptance_date_time is None
    assert sorted(kept(decl)) == [
        ("attribute", "extra", "/Declaration/IssueDateTime/DateTimeString"),
        ("attribute", "zone", "/Declaration/IssueDateTime"),
        ("element", "AcceptanceDateTime", "/Declaration/AcceptanceDateTime"),
        ("element", "Note", "/Declaration/IssueDateTime/Note"),
    ]
    assert ("MODEL-MISSING", "/Declaration/AcceptanceDateTime") in [
        (f.rule, f.path) for f in findings
    ]


def test_a_second_occurrence_of_a_single_node_is_kept_whole() -> None:
    body = (
        "<GoodsShipment><TransactionNatureCode>1</TransactionNatureCode></GoodsShipment>"
        "<GoodsShipment><TransactionNatureCode>2</TransactionNatureCode></GoodsShipment>"
    )
    decl, _ = mapped(doc(body))
    assert decl.goods_shipment is not None
    assert decl.goods_shipment.transaction_nature_code is not None
    assert decl.goods_shipment.transaction_nature_code.value == "1"
    assert kept(decl) == [("element", "GoodsShipment", "/Declaration/GoodsShipment[2]")]
    assert ">2</" in decl.unmapped[0].xml
    assert decl.goods_shipment.path == "/Declaration/GoodsShipment[1]"
    assert decl.goods_shipment.transaction_nature_code.path == (
        "/Declaration/GoodsShipment[1]/TransactionNatureCode"
    )


def test_a_finding_about_an_attribute_value_names_the_attribute() -> None:
    data = doc('<FunctionCode>9</FunctionCode><InvoiceAmount currencyID="usd">5</InvoiceAmount>')
    result = sw.validate(data)
    schema = [(f.path, f.value) for f in result.findings if f.rule == "XSD"]
    assert schema == [("/Declaration/InvoiceAmount/@currencyID", "usd")]
    currency = [(f.path, f.value) for f in result.findings if f.rule == "NORM-CURRENCY"]
    assert currency == []  # upper-cased it is ISO 4217 USD; only the schema objects


def test_every_finding_path_of_a_repeated_single_element_names_one_node() -> None:
    data = doc(
        "<FunctionCode>9</FunctionCode>"
        "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>"
        "<SequenceNumeric>2</SequenceNumeric><SequenceNumeric>3</SequenceNumeric>"
        "</GovernmentAgencyGoodsItem></GoodsShipment>"
    )
    result = sw.validate(data)
    item = "/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"
    unmapped = [f.path for f in result.findings if f.rule == "MODEL-UNMAPPED"]
    assert unmapped == [f"{item}/SequenceNumeric[2]", f"{item}/SequenceNumeric[3]"]
    assert result.declaration is not None
    sequence = result.declaration.goods_items[0].sequence_numeric
    assert sequence is not None and sequence.path == f"{item}/SequenceNumeric[1]"
    schema = {f.path for f in result.findings if f.rule == "XSD"}
    assert schema <= {f"{item}/SequenceNumeric[{n}]" for n in (1, 2, 3)}
