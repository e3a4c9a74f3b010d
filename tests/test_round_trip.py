"""``Declaration.to_xml()`` writes back what was read: canonically equal, unknowns in place.

The comparison is C14N 2.0 with comments left out, whitespace-only text stripped and
namespace prefixes rewritten. Comments and processing instructions are not kept (the
reader drops them); everything else is, including what the model has no field for.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from _maximal import canonical
from conftest import EXAMPLES

import single_window as sw
from single_window import models
from single_window.errors import ModelValueError

EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.xml"))
NS = "urn:wco:datamodel:WCO:DEC-DMS:2"
DS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_is_written_back_equal_in_canonical_form(path: Path) -> None:
    result = sw.validate(path)
    assert result.declaration is not None
    assert [f for f in result.findings if f.rule == "MODEL-UNMAPPED"] == []
    assert canonical(result.declaration.to_xml()) == canonical(path.read_bytes())
    assert canonical(result.declaration.to_xml(pretty=False)) == canonical(path.read_bytes())


def _with(extra: str, where: str) -> bytes:
    """The TR import example with ``extra`` inserted just before the element ``where``."""
    text = (EXAMPLES / "tr-import.xml").read_text("utf-8")
    assert text.count(where) >= 1
    return text.replace(where, extra + where, 1).encode()


def test_an_element_of_another_namespace_stays_where_it_was_among_its_siblings() -> None:
    extension = '<x:Extension xmlns:x="urn:example:national">42</x:Extension>'
    data = _with(extension, "<Importer>")
    result = sw.validate(data)
    assert result.declaration is not None
    unmapped = [f for f in result.findings if f.rule == "MODEL-UNMAPPED"]
    assert [f.path for f in unmapped] == ["/MetaData/Declaration/GoodsShipment/Extension"]
    assert any(f.rule == "XSD" and f.line == unmapped[0].line for f in result.findings)
    written = result.declaration.to_xml()
    assert canonical(written) == canonical(data)
    assert written.index(b"Extension") < written.index(b"<Importer>")


def test_a_second_occurrence_of_a_single_element_is_written_back_in_place() -> None:
    data = _with("<TypeCode>IMZ</TypeCode>", "<GoodsItemQuantity>")
    result = sw.validate(data)
    assert result.declaration is not None
    paths = [f.path for f in result.findings if f.rule == "MODEL-UNMAPPED"]
    assert paths == ["/MetaData/Declaration/TypeCode[2]"]
    assert result.declaration.type_code is not None
    assert result.declaration.type_code.path == "/MetaData/Declaration/TypeCode[1]"
    assert canonical(result.declaration.to_xml()) == canonical(data)


def test_unknown_children_and_attributes_inside_values_are_written_back() -> None:
    data = _with(
        '<Note xmlns="urn:example:n" lang="en">n</Note>',
        "</Importer>",
    ).replace(b"<Importer>", b'<Importer extra="1">', 1)
    result = sw.validate(data)
    assert result.declaration is not None
    assert canonical(result.declaration.to_xml()) == canonical(data)


def test_comments_and_processing_instructions_are_not_kept() -> None:
    data = _with("<!-- a note --><?app hint?>", "<GoodsItemQuantity>")
    written = sw.parse(data).to_xml()
    assert b"a note" not in written
    assert b"<?app" not in written
    without = _with("", "<GoodsItemQuantity>")
    assert canonical(written) == canonical(without)


def test_a_value_xml_cannot_carry_is_a_clear_error_naming_its_field() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    assert decl.goods_shipment is not None and decl.goods_shipment.importer is not None
    decl.goods_shipment.importer.name = models.Text(value="ACME\x00 Ltd")
    with pytest.raises(ModelValueError) as caught:
        decl.to_xml()
    assert caught.value.field == "Declaration.goods_shipment.importer.name.value"
    assert caught.value.value == "ACME\x00 Ltd"
    assert isinstance(caught.value, ValueError)


def test_a_control_character_in_an_attribute_is_named_too() -> None:
    decl = models.Declaration(
        function_code=models.Code(value="9"),
        invoice_amount=models.Amount(value=Decimal(1), currency="EU\x07R"),
    )
    with pytest.raises(ModelValueError, match=r"invoice_amount\.currency"):
        decl.to_xml()


def test_a_declaration_built_in_python_is_written_with_every_attribute() -> None:
    decl = models.Declaration(
        function_code=models.Code(value="9", list_id="1225", list_agency_id="6"),
        functional_reference_id=models.Identifier(value="LRN-1", scheme_id="LRN"),
        goods_item_quantity=models.Quantity(value=Decimal(2), unit="H87"),
    )
    written = decl.to_xml(pretty=False)
    assert b'<FunctionCode listID="1225" listAgencyID="6">9</FunctionCode>' in written
    assert b'schemeID="LRN"' in written and b'unitCode="H87"' in written
    again = sw.parse(written)
    assert again.function_code == decl.function_code
    assert again.goods_item_quantity == decl.goods_item_quantity


def test_an_unsupported_date_format_is_reported_at_the_attribute() -> None:
    data = (
        f'<Declaration xmlns="{NS}" xmlns:ds="{DS}"><FunctionCode>9</FunctionCode>'
        '<IssueDateTime><ds:DateTimeString formatCode="203">202404250902'
        "</ds:DateTimeString></IssueDateTime></Declaration>"
    ).encode()
    result = sw.validate(data)
    dates = [(f.path, f.value) for f in result.findings if f.rule == "NORM-DATE"]
    assert dates == [("/Declaration/IssueDateTime/DateTimeString/@formatCode", "203")]
    assert result.declaration is not None
    assert canonical(result.declaration.to_xml()) == canonical(data)
