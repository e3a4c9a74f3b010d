"""R0987 and R0988 (TRANSIT-R0987, TRANSIT-R0988): the iterations of each data group are
numbered 1, 2, 3 and so on in document order, the goods items of each house consignment
too. An NCTS message is judged on the numbers it gives, a WCO-layout transit declaration
on the numbers the layout keeps."""

from __future__ import annotations

import copy

import pytest
from _ncts_support import (
    MESSAGES,
    NO_NCTS_CORPUS,
    filled,
    message_root,
    wco_example,
    wco_node,
    wco_nodes,
)
from lxml import etree

import single_window as sw
from single_window.formats.ncts.models import CC015C
from single_window.rules import _ncts_sequence as sequence

BASE = "transition-only/standard-departures/gb-xi/normal/dngbt1_ie015_xml_example.xml"
AMENDMENT = "transition-and-final/standard-departures/gb-xi/normal/dngb10_ie013_xml_example.xml"
RULES = ("TRANSIT-R0987", "TRANSIT-R0988")
HC = "Consignment/HouseConsignment"
CI = f"{HC}/ConsignmentItem"
WCO = "/MetaData/Declaration"


def _root(name: str = BASE) -> etree._Element:
    return message_root(name)


def _found(data: bytes | sw.Declaration) -> list[tuple[str, str | None, int | None]]:
    """The findings of the two rules: (rule, path, line)."""
    report = sw.check(data)
    assert not [f for f in report.findings if f.rule == "RULE-CRASH"], report.findings
    return [(f.rule, f.path, f.line) for f in report.findings if f.rule in RULES]


def _paths(data: bytes) -> set[tuple[str, str | None]]:
    return {(rule, path) for rule, path, _ in _found(data)}


def _set(root: etree._Element, path: str, text: str) -> etree._Element:
    node = root.find(path)
    assert node is not None, path
    node.text = text
    return node


def _twin(root: etree._Element, path: str) -> etree._Element:
    """Repeat the element at ``path`` right after it; the copy."""
    node = root.find(path)
    assert node is not None, path
    twin = copy.deepcopy(node)
    node.addnext(twin)
    return twin


def _valid(root: etree._Element) -> bytes:
    data = etree.tostring(root)
    assert sw.validate(data).ok, [f.message for f in sw.validate(data).findings]
    return data


# --- an NCTS message ---------------------------------------------------------------------------


def test_the_base_message_and_the_amendment_keep_both_rules() -> None:
    assert _found(_valid(_root())) == []
    assert _found(_valid(_root(AMENDMENT))) == []


def test_a_number_out_of_place_is_reported_at_its_element_and_line() -> None:
    root = _root()
    leaf = _set(root, f"{CI}/Packaging/sequenceNumber", "2")
    path = f"/CC015C/{HC}[1]/ConsignmentItem[1]/Packaging[1]/sequenceNumber"
    assert _found(_valid(root)) == [("TRANSIT-R0987", path, leaf.sourceline)]


def test_a_duplicate_is_reported_where_it_is_not_the_position() -> None:
    root = _root()
    _twin(root, f"{CI}/Packaging")
    found = _paths(_valid(root))
    item = f"/CC015C/{HC}[1]/ConsignmentItem[1]"
    assert found == {("TRANSIT-R0987", f"{item}/Packaging[2]/sequenceNumber")}


def test_numbers_swapped_are_both_reported() -> None:
    root = _root()
    twin = _twin(root, "Guarantee")
    _set(twin, "sequenceNumber", "1")
    _set(root, "Guarantee/sequenceNumber", "2")
    found = _paths(_valid(root))
    assert found == {
        ("TRANSIT-R0987", "/CC015C/Guarantee[1]/sequenceNumber"),
        ("TRANSIT-R0987", "/CC015C/Guarantee[2]/sequenceNumber"),
    }


def test_groups_nested_in_each_iteration_are_numbered_on_their_own() -> None:
    root = _root()
    twin = _twin(root, HC)
    _set(twin, "sequenceNumber", "2")
    _set(twin, "ConsignmentItem/declarationGoodsItemNumber", "2")
    data = _valid(root)
    # each house consignment's goods items and packagings start again from 1
    assert _found(data) == []
    _set(twin, "ConsignmentItem/goodsItemNumber", "2")
    _set(twin, "ConsignmentItem/Packaging/sequenceNumber", "2")
    second = f"/CC015C/{HC}[2]/ConsignmentItem[1]"
    assert _paths(_valid(root)) == {
        ("TRANSIT-R0988", f"{second}/goodsItemNumber"),
        ("TRANSIT-R0987", f"{second}/Packaging[1]/sequenceNumber"),
    }


def test_r0988_numbers_the_goods_items_of_a_house_consignment() -> None:
    root = _root()
    twin = _twin(root, CI)
    _set(twin, "declarationGoodsItemNumber", "2")
    assert _paths(_valid(root)) == {
        ("TRANSIT-R0988", f"/CC015C/{HC}[1]/ConsignmentItem[2]/goodsItemNumber")
    }
    _set(twin, "goodsItemNumber", "2")
    assert _paths(_valid(root)) == set()


def test_a_previous_documents_goods_item_number_is_no_numbering() -> None:
    # ConsignmentItem/PreviousDocument/goodsItemNumber names an item of the previous
    # document: R0988 is about the goods items' own numbers only
    plan = sequence._plan(CC015C, sequence._IN_NCTS["R0988"])
    assert plan is not None
    house = plan.below[0][2].below[0][2]
    assert [(g.name, g.step) for g in house.groups] == [("ConsignmentItem", "goodsItemNumber")]
    assert house.groups[0].inner is None


def test_the_amendment_is_judged_alike() -> None:
    root = _root(AMENDMENT)
    _set(root, "Guarantee/GuaranteeReference/sequenceNumber", "3")
    path = "/CC013C/Guarantee[1]/GuaranteeReference[1]/sequenceNumber"
    assert _paths(_valid(root)) == {("TRANSIT-R0987", path)}


def test_an_iteration_without_a_number_is_reported_at_the_iteration() -> None:
    # the schema requires every sequence number: only a message edited in the model lacks one
    result = sw.validate(filled(MESSAGES / BASE)) if (MESSAGES / BASE).is_file() else None
    if result is None:
        pytest.skip(NO_NCTS_CORPUS)
    decl = result.declaration
    assert decl is not None and decl.read_from is not None
    packaging = decl.read_from.document.consignment.house_consignments[0].consignment_items[0]
    packaging.packagings[0].__dict__["sequence_number"] = None
    path = f"/CC015C/{HC}[1]/ConsignmentItem[1]/Packaging[1]"
    assert [(r, p) for r, p, _ in _found(decl)] == [("TRANSIT-R0987", path)]


def test_every_data_group_the_ie015_numbers_is_judged() -> None:
    # the IE015 table of DDNTA Appendix Q2 (5.15.2) attaches R0987 to 33 sequence numbers
    plan = sequence._plan(CC015C, sequence._IN_NCTS["R0987"])
    assert plan is not None

    def groups(p: sequence._Plan) -> int:
        inner = sum(groups(g.inner) for g in p.groups if g.inner is not None)
        return len(p.groups) + inner + sum(groups(b[2]) for b in p.below)

    assert groups(plan) == 33


# --- the WCO layout ----------------------------------------------------------------------------


def test_a_wco_number_out_of_place_is_reported() -> None:
    root = wco_example()
    wco_node(root, "GoodsShipment/Consignment/TransportEquipment/Seal/SequenceNumeric").text = "2"
    path = f"{WCO}/GoodsShipment/Consignment/TransportEquipment[1]/Seal[1]/SequenceNumeric"
    assert _paths(_valid(root)) == {("TRANSIT-R0987", path)}


def test_wco_routing_countries_out_of_order_are_reported() -> None:
    root = wco_example()
    legs = wco_nodes(root, "Consignment/Itinerary/SequenceNumeric")
    assert [e.text for e in legs] == ["1", "2"]
    legs[0].text, legs[1].text = "2", "1"
    found = _paths(_valid(root))
    assert found == {
        ("TRANSIT-R0987", f"{WCO}/Consignment/Itinerary[{n}]/SequenceNumeric") for n in (1, 2)
    }


def test_a_wco_number_left_out_is_not_judged() -> None:
    root = wco_example()
    office = wco_node(root, "TransitOffice")
    office.addnext(copy.deepcopy(office))
    number = wco_node(root, "TransitOffice/SequenceNumeric")
    number.getparent().remove(number)
    # the CC015C written numbers the first office by its position; the second keeps its 1
    data = _valid(root)
    assert _paths(data) == {("TRANSIT-R0987", f"{WCO}/TransitOffice[2]/SequenceNumeric")}


def test_wco_guarantees_share_the_number_of_their_guarantee() -> None:
    root = wco_example()
    guarantee = wco_node(root, "ObligationGuarantee")
    number = etree.Element(etree.QName(guarantee, "SequenceNumeric"))
    number.text = "1"
    wco_node(root, "ObligationGuarantee/AccessCode").addnext(number)
    twin = copy.deepcopy(guarantee)
    guarantee.addnext(twin)
    assert _found(_valid(root)) == []  # one guarantee, two references
    again = twin.find(number.tag)
    assert again is not None
    again.text = "3"
    path = f"{WCO}/ObligationGuarantee[2]/SequenceNumeric"
    assert _paths(_valid(root)) == {("TRANSIT-R0987", path)}


def test_r0988_does_not_judge_the_wco_layout() -> None:
    # the layout has no goods item number within a house consignment
    root = wco_example()
    wco_node(root, "GoodsShipment/GovernmentAgencyGoodsItem/SequenceNumeric").text = "2"
    rules = {f.rule for f in sw.check(_valid(root)).findings}
    assert "WCO-ITEM-SEQUENCE" in rules
    assert not rules & set(RULES)


def test_a_declaration_outside_ncts_is_not_judged() -> None:
    root = wco_example("tr-import.xml")
    wco_node(root, "GoodsShipment/GovernmentAgencyGoodsItem/Packaging/SequenceNumeric").text = "7"
    assert _found(_valid(root)) == []
