"""Reading an NCTS message: message types, values and their locations, and every irregular
case reported and kept, so that the message is written back as it was."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from _maximal import canonical
from lxml import etree
from test_ncts_schema import MESSAGE

from single_window import codes
from single_window._reader import read_xml
from single_window._spec import shape_of
from single_window.formats import ncts

ITEM2 = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]"


def _read(data: bytes) -> tuple[Any, list[Any], etree._Element]:
    result = read_xml(data)
    assert result.root is not None
    message, findings = ncts.read_message(result.root)
    return message, findings, result.root


def _changed(old: bytes, new: bytes, count: int = 1) -> bytes:
    assert MESSAGE.count(old) >= count
    return MESSAGE.replace(old, new, count)


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        ('<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec"/>', ncts.MessageType("CC015C", True)),
        ('<ncts:CC013C xmlns:ncts="http://ncts.dgtaxud.ec"/>', ncts.MessageType("CC013C", True)),
        ('<x:CC014C xmlns:x="http://ncts.dgtaxud.ec"/>', ncts.MessageType("CC014C", False)),
        ('<CC007C xmlns="http://ncts.dgtaxud.ec"/>', ncts.MessageType("CC007C", False)),
        ('<ncts:CD001C xmlns:ncts="http://ncts.dgtaxud.ec"/>', ncts.MessageType("CD001C", False)),
        ("<CC015C/>", None),
        ('<ncts:Declaration xmlns:ncts="http://ncts.dgtaxud.ec"/>', None),
        ('<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"/>', None),
    ],
)
def test_the_root_says_which_ncts_message_it_is(root: str, expected: object) -> None:
    assert ncts.identify(etree.fromstring(root)) == expected


def test_a_message_that_is_not_read_is_refused_with_one_finding_naming_the_types() -> None:
    root = etree.fromstring('<ncts:CC014C xmlns:ncts="http://ncts.dgtaxud.ec"><a/></ncts:CC014C>')
    message, findings = ncts.read_message(root)
    assert message is None
    assert [(f.rule, f.path, f.line, f.value) for f in findings] == [
        (codes.MODEL_ROOT, "/CC014C", 1, "CC014C")
    ]
    for name in ("CC014C", *ncts.READ_TYPES):
        assert name in findings[0].message
    assert ncts.identify(root).title == "DECLARATION CANCELLATION REQUEST"  # type: ignore[union-attr]
    (bare,) = ncts.read_message(etree.fromstring("<CC015C/>"))[1]
    assert (bare.rule, bare.path) == (codes.MODEL_ROOT, "/CC015C")
    assert ncts.NCTS_NS in bare.message
    with pytest.raises(ValueError, match="read"):
        ncts.refusal(etree.fromstring(MESSAGE))


def test_values_are_typed_and_located_in_the_messages_own_names() -> None:
    message, findings, root = _read(MESSAGE)
    assert findings == []
    assert message.phase_id == "NCTS5.1"
    item = message.consignment.house_consignments[0].consignment_items[1]
    assert item.path == ITEM2
    code = item.commodity.commodity_code.harmonized_system_sub_heading_code
    hs = f"{ITEM2}/Commodity/CommodityCode/harmonizedSystemSubHeadingCode"
    assert (code.value, code.path) == ("95030", hs)
    assert code.line == ncts.resolve_path(root, code.path).sourceline
    assert item.goods_item_number.value == Decimal(2)
    assert message.guarantees[0].path == "/CC015C/Guarantee[1]"
    assert message.consignment.gross_mass.value == Decimal(30)
    assert message.consignment.gross_mass.raw is None
    assert message.transit_operation.declaration_type.value == "T1"
    assert message.guarantees[0].guarantee_references[0].access_code.value == "AC01"


def test_text_is_trimmed_codes_upper_cased_and_the_original_kept() -> None:
    data = _changed(b"<declarationType>T1<", b"<declarationType> t1 <")
    data = data.replace(b"<LRN>LRN25GB000000000000001<", b"<LRN> LRN25GB000000000000001\n<")
    message, findings, _ = _read(data)
    assert findings == []
    kind = message.transit_operation.declaration_type
    assert (kind.value, kind.raw) == ("T1", " t1 ")
    assert message.transit_operation.lrn.value == "LRN25GB000000000000001"
    assert canonical(message.to_xml()) == canonical(data)


def test_a_number_that_does_not_read_is_a_finding_and_kept_in_place() -> None:
    data = _changed(b"<grossMass>10.000</grossMass>", b"<grossMass>5,5</grossMass>")
    data = data.replace(b"<grossMass>20.000</grossMass>", b"<grossMass>5,5</grossMass>")
    message, findings, root = _read(data)
    first = ITEM2.replace("[2]", "[1]") + "/Commodity/GoodsMeasure/grossMass"
    second = first.replace("Item[1]", "Item[2]")
    assert [(f.rule, f.path, f.value) for f in findings if f.rule == codes.NORM_NUMBER] == [
        (codes.NORM_NUMBER, first, "5,5"),
        (codes.NORM_NUMBER, second, "5,5"),
    ]
    assert [f.path for f in findings if f.rule == codes.MODEL_UNMAPPED] == [first, second]
    assert findings[0].line == ncts.resolve_path(root, first).sourceline
    item = message.consignment.house_consignments[0].consignment_items[0]
    assert item.commodity.goods_measure.gross_mass is None
    assert canonical(message.to_xml()) == canonical(data)


@pytest.mark.parametrize("number", [b"1e3", b"1_000", b"\xd9\xa1", b"NaN", b"Infinity", b""])
def test_what_xsd_does_not_read_as_a_decimal_is_not_read_as_one(number: bytes) -> None:
    data = _changed(b"<grossMass>30.000</grossMass>", b"<grossMass>" + number + b"</grossMass>")
    message, findings, _ = _read(data)
    assert [f.rule for f in findings] == [codes.NORM_NUMBER, codes.MODEL_UNMAPPED]
    assert message.consignment.gross_mass is None
    assert canonical(message.to_xml()) == canonical(data)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025-03-01T10:00:00", "2025-03-01T10:00:00+00:00"),
        (" 2025-03-01T10:00:00Z ", "2025-03-01T10:00:00+00:00"),
        ("2025-03-01T10:00:00+04:00", "2025-03-01T10:00:00+04:00"),
        ("2025-03-01T10:00:00.1234567", "2025-03-01T10:00:00.123456+00:00"),
        ("2025-02-28T24:00:00", "2025-03-01T00:00:00+00:00"),
    ],
)
def test_an_xsd_date_time_is_read_with_its_zone(text: str, value: str) -> None:
    data = _changed(b"2025-03-01T10:00:00", text.encode())
    message, findings, _ = _read(data)
    assert findings == []
    assert message.preparation_date_and_time.value.isoformat() == value
    assert canonical(message.to_xml()) == canonical(data)


@pytest.mark.parametrize(
    "text", ["2025-02-30T10:00:00", "20250301T100000", "2025-03-01 10:00:00", "2025-03-01", "x"]
)
def test_a_date_time_that_is_not_one_is_a_finding_and_written_back(text: str) -> None:
    data = _changed(b"2025-03-01T10:00:00", text.encode())
    message, findings, _ = _read(data)
    assert [(f.rule, f.path, f.value) for f in findings] == [
        (codes.NORM_DATE, "/CC015C/preparationDateAndTime", text)
    ]
    leaf = message.preparation_date_and_time
    assert (leaf.value, leaf.raw) == (None, text)
    assert canonical(message.to_xml()) == canonical(data)


def test_a_limit_date_is_an_xsd_date() -> None:
    limit_date = b"<limitDate>2025-03-10+01:00</limitDate>"
    data = _changed(b"</bindingItinerary>", b"</bindingItinerary>" + limit_date)
    message, findings, _ = _read(data)
    assert findings == []
    limit = message.transit_operation.limit_date
    assert (limit.value.isoformat(), limit.raw) == ("2025-03-10", "2025-03-10+01:00")
    assert canonical(message.to_xml()) == canonical(data)
    bad, findings, _ = _read(data.replace(b"2025-03-10+01:00", b"2025-13-10"))
    assert [(f.rule, f.path) for f in findings] == [
        (codes.NORM_DATE, "/CC015C/TransitOperation/limitDate")
    ]
    assert bad.transit_operation.limit_date.value is None


def test_unknown_and_repeated_elements_and_attributes_are_kept_where_they_were() -> None:
    extra = b'<x:Note xmlns:x="urn:example">n</x:Note><Extra>1</Extra>'
    data = _changed(b"<security>", extra + b"<security>")
    data = data.replace(b"</LRN>", b"</LRN><LRN>LRN2</LRN>")
    data = data.replace(b"<guaranteeType>1<", b'<guaranteeType kind="x">1<')
    data = data.replace(b"<descriptionOfGoods>Plastic boxes<", b"<descriptionOfGoods>Box<b>b</b><")
    data = data.replace(b'PhaseID="NCTS5.1"', b'PhaseID="NCTS5.1" x:a="1" xmlns:x="urn:example"')
    message, findings, root = _read(data)
    unmapped = [f.path for f in findings if f.rule == codes.MODEL_UNMAPPED]
    assert unmapped == [
        "/CC015C/@{urn:example}a",
        "/CC015C/TransitOperation/LRN[2]",
        "/CC015C/TransitOperation/Note",
        "/CC015C/TransitOperation/Extra",
        "/CC015C/Guarantee[1]/guaranteeType/@kind",
        "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]/Commodity/descriptionOfGoods/b",
    ]
    assert message.transit_operation.lrn.path == "/CC015C/TransitOperation/LRN[1]"
    assert message.transit_operation.lrn.value == "LRN25GB000000000000001"
    for finding in findings:
        el = ncts.resolve_path(root, finding.path)
        assert el is not None
        assert el.sourceline == finding.line
    written = message.to_xml()
    assert canonical(written) == canonical(data)
    assert written.index(b"Extra") < written.index(b"<security>")


def test_an_element_of_a_known_name_in_another_namespace_is_not_the_models() -> None:
    data = _changed(b"</LRN>", b'</LRN><y:LRN xmlns:y="urn:y">z</y:LRN>')
    message, findings, _ = _read(data)
    unmapped = next(f for f in findings if f.rule == codes.MODEL_UNMAPPED)
    assert unmapped.message.startswith("<LRN> is in namespace")
    assert message.transit_operation.lrn.value == "LRN25GB000000000000001"
    assert canonical(message.to_xml()) == canonical(data)


def test_a_repeated_element_the_schema_repeats_is_indexed_even_when_alone() -> None:
    message, _, root = _read(MESSAGE)
    house = "/CC015C/Consignment/HouseConsignment[1]"
    assert message.consignment.house_consignments[0].path == house
    assert message.consignment.path == "/CC015C/Consignment"
    assert ncts.element_path(root.find(".//HouseConsignment")) == house


def test_the_example_is_valid_in_both_phases_reads_cleanly_and_writes_back_equal() -> None:
    message, findings, root = _read(ncts.EXAMPLE)
    assert findings == []
    assert canonical(message.to_xml()) == canonical(ncts.EXAMPLE)
    for phase in (5, 6):
        assert ncts.schema_for("CC015C", phase).validate(root) == []


def test_the_document_shape_says_which_steps_repeat() -> None:
    repeats, message = ncts.DOCUMENT_SHAPE.child("CC015C")
    assert not repeats
    assert message == shape_of(ncts.CC015C)
    assert ncts.DOCUMENT_SHAPE.child("CC014C") == (False, None)
    repeats, consignment = message.child("Consignment")
    assert (repeats, consignment) == (False, shape_of(ncts.models.Consignment))
    assert consignment.child("HouseConsignment")[0]
    assert consignment.child("grossMass") == (False, None)
    assert consignment.child("Unknown") == (False, None)


def test_an_unknown_element_named_like_a_repeated_one_has_the_path_of_its_element() -> None:
    extra = b'<x:HouseConsignment xmlns:x="urn:x"/>'
    data = _changed(b"</Consignment>", extra + b"</Consignment>")
    message, findings, root = _read(data)
    (finding,) = findings
    # Named with its namespace: the bare name is the model's elements'.
    assert finding.path == "/CC015C/Consignment/{urn:x}HouseConsignment"
    el = root.find("Consignment/{urn:x}HouseConsignment")
    assert ncts.element_path(el) == finding.path
    assert ncts.resolve_path(root, finding.path) is el
    ours = message.consignment.house_consignments[0].path
    assert ncts.resolve_path(root, ours) is root.find("Consignment/HouseConsignment")
    assert el.sourceline == finding.line
    assert canonical(message.to_xml()) == canonical(data)


def test_an_attribute_on_a_number_is_kept_not_read_as_its_unit() -> None:
    data = _changed(b"<amountToBeCovered>", b'<amountToBeCovered currencyID="EUR">')
    message, findings, root = _read(data)
    amount = message.guarantees[0].guarantee_references[0].amount_to_be_covered
    assert (amount.value, amount.currency) == (Decimal("1000.00"), None)
    path = "/CC015C/Guarantee[1]/GuaranteeReference[1]/amountToBeCovered"
    assert [(f.rule, f.path) for f in findings] == [(codes.MODEL_UNMAPPED, path + "/@currencyID")]
    assert ncts.resolve_path(root, findings[0].path) is root.find(".//amountToBeCovered")
    assert canonical(message.to_xml()) == canonical(data)


def test_importing_the_models_loads_no_reader_writer_or_schema() -> None:
    probe = (
        "import sys\nimport single_window.formats.ncts.models\n"
        "print(sorted(m for m in sys.modules if m.startswith('single_window.formats.ncts.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert out.strip() == str(
        ["single_window.formats.ncts._api", "single_window.formats.ncts.models"]
    )
