"""C0085 (TRANSIT-C0085): a guarantee of a type in CL076 has its GuaranteeReference group,
a guarantee of another type has none. An NCTS message is judged on the groups it gives,
a WCO-layout transit declaration on the reference data a CC015C written from it carries."""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest
from _ncts_support import message_root, wco_example, wco_node
from conftest import REPO
from lxml import etree

import single_window as sw
from single_window import codelists

BASE = "transition-only/standard-departures/gb-xi/normal/dngbt1_ie015_xml_example.xml"
AMENDMENT = "transition-and-final/standard-departures/gb-xi/normal/dngb10_ie013_xml_example.xml"
RULE = "TRANSIT-C0085"
WCO = "/MetaData/Declaration"


def _root(name: str = BASE) -> etree._Element:
    return message_root(name)


def _found(data: bytes) -> list[tuple[str | None, int | None]]:
    """The rule's findings: (path, line)."""
    report = sw.check(data)
    assert not [f for f in report.findings if f.rule == "RULE-CRASH"], report.findings
    return [(f.path, f.line) for f in report.findings if f.rule == RULE]


def _at(data: bytes, *paths: str) -> list[tuple[str, int | None]]:
    """Each path with the line of its element in ``data`` (an edited document's lines are
    those of its text, not of the file it was read from)."""
    root = etree.fromstring(data)
    out = []
    for path in paths:
        steps = re.findall(r"([A-Za-z0-9]+)(\[[0-9]+\])?", path)
        query = "".join(f"/*[local-name()='{name}']{index}" for name, index in steps)
        found = root.xpath(query)
        assert found, path
        out.append((path, found[0].sourceline))
    return out


def _valid(root: etree._Element) -> bytes:
    data = etree.tostring(root)
    assert sw.validate(data).ok, [f.message for f in sw.validate(data).findings]
    return data


def _codes(name: str, day: date) -> frozenset[str]:
    edition = codelists.get(name).edition(day)
    assert edition is not None, name
    return frozenset(edition.codes)


def _guarantee(root: etree._Element) -> etree._Element:
    found = root.find("Guarantee")
    assert found is not None
    return found


def _reference(guarantee: etree._Element) -> etree._Element:
    found = guarantee.find("GuaranteeReference")
    assert found is not None
    return found


def _type(guarantee: etree._Element, code: str) -> None:
    kind = guarantee.find("guaranteeType")
    assert kind is not None
    kind.text = code
    if code == "8":  # C0130: type 8 names its other guarantee reference (an XSD-valid message)
        other = etree.Element("otherGuaranteeReference")
        other.text = "X1"
        kind.addnext(other)


# --- an NCTS message ---------------------------------------------------------------------------


def test_the_base_message_and_the_amendment_keep_the_rule() -> None:
    assert _found(_valid(_root())) == []
    assert _found(_valid(_root(AMENDMENT))) == []


def test_a_guarantee_without_its_reference_is_reported_at_the_guarantee() -> None:
    root = _root()
    guarantee = _guarantee(root)
    guarantee.remove(_reference(guarantee))
    data = _valid(root)
    assert _found(data) == _at(data, "/CC015C/Guarantee[1]")
    # the message names the group that is missing, not the guarantee
    finding = next(f for f in sw.check(etree.tostring(root)).findings if f.rule == RULE)
    assert finding.params["element"] == "GuaranteeReference"


@pytest.mark.parametrize("code", ["3", "5"])
def test_a_reference_that_gives_only_its_sequence_number_is_enough(code: str) -> None:
    root = _root()
    guarantee = _guarantee(root)
    _type(guarantee, code)
    reference = _reference(guarantee)
    for child in list(reference)[1:]:
        reference.remove(child)
    assert [etree.QName(c).localname for c in reference] == ["sequenceNumber"]
    assert _found(_valid(root)) == []
    guarantee.remove(reference)
    data = _valid(root)
    assert _found(data) == _at(data, "/CC015C/Guarantee[1]")


def test_each_reference_of_a_type_outside_cl076_is_reported_at_its_element() -> None:
    root = _root()
    guarantee = _guarantee(root)
    _type(guarantee, "8")
    first = _reference(guarantee)
    second = copy.deepcopy(first)
    first.addnext(second)
    sequence = second.find("sequenceNumber")
    assert sequence is not None
    sequence.text = "2"
    data = _valid(root)
    references = [f"/CC015C/Guarantee[1]/GuaranteeReference[{n}]" for n in (1, 2)]
    assert _found(data) == _at(data, *references)


def test_a_type_outside_cl076_without_a_reference_keeps_the_rule() -> None:
    root = _root()
    guarantee = _guarantee(root)
    _type(guarantee, "8")
    guarantee.remove(_reference(guarantee))
    assert _found(_valid(root)) == []


def test_the_types_are_those_of_the_code_list() -> None:
    # every type of CL251 is judged by CL076, the list the library ships
    day = date(2025, 6, 1)
    with_reference = set(_codes("ncts:CL076", day))
    assert with_reference == {"0", "1", "2", "3", "4", "5", "9"}
    root = _root()
    guarantee = _guarantee(root)
    guarantee.remove(_reference(guarantee))
    for code in sorted(_codes("ncts:CL251", day)):
        kind = guarantee.find("guaranteeType")
        assert kind is not None
        kind.text = code
        found = _found(etree.tostring(root))
        assert bool(found) == (code in with_reference), code


def test_the_amendment_is_judged_alike() -> None:
    root = _root(AMENDMENT)
    guarantee = _guarantee(root)
    _type(guarantee, "8")
    reference = _reference(guarantee)
    data = _valid(root)
    assert _found(data) == _at(data, "/CC013C/Guarantee[1]/GuaranteeReference[1]")
    guarantee.find("guaranteeType").text = "1"  # type: ignore[union-attr]
    guarantee.remove(guarantee.find("otherGuaranteeReference"))  # type: ignore[arg-type]
    guarantee.remove(reference)
    data = _valid(root)
    assert _found(data) == _at(data, "/CC013C/Guarantee[1]")


def test_the_tir_message_keeps_the_rule_and_breaks_it_with_a_reference() -> None:
    root = etree.fromstring((REPO / "examples" / "tr-ge-tir-cc015c.xml").read_bytes())
    assert _found(_valid(root)) == []
    guarantee = _guarantee(root)
    reference = etree.SubElement(guarantee, "GuaranteeReference")
    etree.SubElement(reference, "sequenceNumber").text = "1"
    data = _valid(root)
    assert [p for p, _ in _found(data)] == ["/CC015C/Guarantee[1]/GuaranteeReference[1]"]


# --- the WCO layout ----------------------------------------------------------------------------


def _child(node: etree._Element, step: str) -> etree._Element:
    found = node.find(etree.QName(node, step).text)
    assert found is not None, step
    return found


@pytest.mark.parametrize("name", ["tr-ge-t1.xml", "tr-ge-tir.xml"])
def test_the_wco_examples_keep_the_rule(name: str) -> None:
    # the TIR carnet's number in ReferenceID is no guarantee reference
    assert _found(_valid(wco_example(name))) == []


def test_a_wco_grn_of_a_type_outside_cl076_is_reported() -> None:
    root = wco_example()
    guarantee = wco_node(root, "ObligationGuarantee")
    _child(guarantee, "SecurityDetailsCode").text = "8"
    data = _valid(root)
    assert _found(data) == _at(data, f"{WCO}/ObligationGuarantee[1]/ReferenceID")


def test_a_wco_access_code_of_a_type_outside_cl076_is_reported() -> None:
    root = wco_example()
    guarantee = wco_node(root, "ObligationGuarantee")
    _child(guarantee, "SecurityDetailsCode").text = "8"
    guarantee.remove(_child(guarantee, "ReferenceID"))
    path = f"{WCO}/ObligationGuarantee[1]/AccessCode"
    assert [p for p, _ in _found(_valid(root))] == [path]


def test_a_second_wco_carnet_number_is_a_reference_not_allowed() -> None:
    root = wco_example("tr-ge-tir.xml")
    guarantee = wco_node(root, "ObligationGuarantee")
    guarantee.addnext(copy.deepcopy(guarantee))
    # the first type-B guarantee's number is the carnet's; a CC015C written from the second
    # would give its number as a GRN
    path = f"{WCO}/ObligationGuarantee[2]/ReferenceID"
    assert [p for p, _ in _found(_valid(root))] == [path]


def test_a_wco_guarantee_of_a_type_in_cl076_without_reference_data_is_not_judged() -> None:
    # it cannot be told from a reference that gives only its sequence number
    root = wco_example()
    guarantee = wco_node(root, "ObligationGuarantee")
    _child(guarantee, "SecurityDetailsCode").text = "3"
    guarantee.remove(_child(guarantee, "ReferenceID"))
    guarantee.remove(_child(guarantee, "AccessCode"))
    assert _found(_valid(root)) == []


def test_a_declaration_outside_ncts_is_not_judged() -> None:
    # a TIR movement from Uzbekistan, outside the common transit countries
    root = wco_example("middle-corridor-tir.xml")
    guarantee = wco_node(root, "ObligationGuarantee")
    guarantee.addnext(copy.deepcopy(guarantee))
    assert _found(_valid(root)) == []
