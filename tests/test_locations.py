"""One path grammar: build, read, move and resolve paths, for qualified and unqualified
documents alike, and say where absent data would be."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import EXAMPLES
from lxml import etree

import single_window as sw
from single_window._locations import (
    Absent,
    Location,
    Step,
    attribute,
    child,
    child_source,
    element_of,
    element_path,
    moved,
    parent,
    parse,
    relocate,
    resolve,
    same_names,
    step,
)
from single_window.models import Code

NCTS = "http://ncts.dgtaxud.ec"
#: An NCTS-like message: a qualified root, unqualified children.
UNQUALIFIED = f"""<ncts:CC015C xmlns:ncts="{NCTS}" PhaseID="NCTS5.1">
<messageSender>S</messageSender>
<Guarantee><guaranteeType>1</guaranteeType></Guarantee>
<Guarantee><guaranteeType>B</guaranteeType>
<GuaranteeReference><GRN>26TR</GRN></GuaranteeReference></Guarantee>
<Consignment><grossMass>10</grossMass><grossMass>11</grossMass></Consignment>
</ncts:CC015C>""".encode()


@dataclass(frozen=True)
class TableShape:
    """A shape given as a table: name -> (repeats, shape below)."""

    table: dict[str, tuple[bool, TableShape | None]]

    def child(self, name: str) -> tuple[bool, TableShape | None]:
        return self.table.get(name, (False, None))


NCTS_SHAPE = TableShape(
    {
        "CC015C": (
            False,
            TableShape({"Guarantee": (True, None), "Consignment": (False, TableShape({}))}),
        )
    }
)


def test_steps_and_paths_are_built_one_way() -> None:
    assert step("ID") == "ID"
    assert step("GovernmentAgencyGoodsItem", 2) == "GovernmentAgencyGoodsItem[2]"
    assert child("", "Declaration") == "/Declaration"
    assert child("/Declaration", "TransitOffice", 1) == "/Declaration/TransitOffice[1]"
    assert attribute("/Declaration/InvoiceAmount", "currencyID") == (
        "/Declaration/InvoiceAmount/@currencyID"
    )
    assert parent("/Declaration/InvoiceAmount/@currencyID") == "/Declaration/InvoiceAmount"
    assert parent("/Declaration/TransitOffice[2]") == "/Declaration"


def test_generated_code_builds_the_same_paths() -> None:
    path, c3 = "/Declaration", 4
    assert eval(child_source("path", "GoodsShipment")) == child(path, "GoodsShipment")
    assert eval(child_source("path", "Seal", "c3")) == child(path, "Seal", c3)
    with pytest.raises(ValueError, match="element name"):
        child_source("path", "x'; import os; '")


def test_a_path_reads_back_into_its_steps() -> None:
    text = (
        "/MetaData/Declaration/GovernmentAgencyGoodsItem[2]/Payment/TaxAssessedAmount/@currencyID"
    )
    location = parse(text)
    assert location.steps == (
        Step("MetaData"),
        Step("Declaration"),
        Step("GovernmentAgencyGoodsItem", 2),
        Step("Payment"),
        Step("TaxAssessedAmount"),
    )
    assert location.attribute == "currencyID"
    assert str(location) == text
    assert str(location.element) == parent(text)
    assert location.steps[2].position == 2 and location.steps[0].position == 1
    # A prefix, which these paths never have, is read past.
    assert parse("/md:MetaData/dec:Declaration") == Location(
        (Step("MetaData"), Step("Declaration"))
    )


def test_an_attribute_of_a_namespace_is_named_as_lxml_names_it() -> None:
    text = "/CC015C/@{http://example.org/x/y}a"
    location = parse(text)
    assert location == Location((Step("CC015C"),), "{http://example.org/x/y}a")
    assert str(location) == text
    assert parent(text) == "/CC015C"
    root = etree.fromstring(b'<r xmlns:x="http://example.org/x/y" x:a="1"/>')
    assert resolve(root, "/r/@{http://example.org/x/y}a") is root


@pytest.mark.parametrize(
    "text",
    ["", "Declaration", "/", "/Declaration//ID", "/A[0]", "/A[x]", "/A/@", "/@a/B", "/A/@{u}"],
)
def test_what_is_not_a_path_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a path"):
        parse(text)


def test_a_prefix_moves_with_whole_steps_only() -> None:
    assert moved("/D/Seq", "/D/Seq", "/D/Seq[1]") == "/D/Seq[1]"
    assert moved("/D/Seq/@a", "/D/Seq", "/D/Seq[1]") == "/D/Seq[1]/@a"
    assert moved("/D/SeqNo", "/D/Seq", "/D/Seq[1]") == "/D/SeqNo"
    assert moved(None, "/D", "/E") is None


def test_relocate_renames_a_model_subtree() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    shipment = decl.goods_shipment
    assert shipment is not None and shipment.path is not None
    old = shipment.path
    relocate([shipment], old, old + "[1]")
    item = shipment.government_agency_goods_items[0]
    assert shipment.path == old + "[1]"
    assert item.path is not None and item.path.startswith(old + "[1]/")
    assert decl.path == parent(old)


def test_paths_of_an_unqualified_document_read_like_a_qualified_one() -> None:
    root = etree.fromstring(UNQUALIFIED)
    second = root.findall("Guarantee")[1]
    grn = second.find("GuaranteeReference/GRN")
    assert grn is not None
    # The shape says Guarantee repeats; grossMass is indexed for its same-named sibling.
    assert element_path(grn, NCTS_SHAPE) == "/CC015C/Guarantee[2]/GuaranteeReference/GRN"
    masses = root.findall("Consignment/grossMass")
    assert element_path(masses[1], NCTS_SHAPE) == "/CC015C/Consignment/grossMass[2]"
    assert element_path(root.find("messageSender"), NCTS_SHAPE) == "/CC015C/messageSender"
    # Without a shape only same-named siblings are indexed.
    assert element_path(root.find("Guarantee"), None) == "/CC015C/Guarantee[1]"
    for el in (grn, masses[1], root, second):
        assert resolve(root, element_path(el, NCTS_SHAPE)) is el
        assert resolve(root, element_path(el, NCTS_SHAPE), namespaces={None, NCTS}) is el


def test_resolve_finds_exactly_one_element_or_none() -> None:
    root = etree.fromstring(UNQUALIFIED)
    assert resolve(root, "/CC015C/Guarantee[3]") is None
    assert resolve(root, "/CC016C/Guarantee") is None
    assert resolve(root, "not a path") is None
    # Elements of a namespace that does not count are no steps.
    assert resolve(root, "/CC015C/Guarantee", namespaces={NCTS}) is None
    found = resolve(root, parse("/CC015C/Guarantee[2]/guaranteeType/@x"))
    assert found is not None and found.text == "B"


def test_an_element_of_another_namespace_is_not_the_formats_own() -> None:
    """With the format's own namespaces, a foreign element named like an element of the
    format beside it is named with its namespace, and every path resolves to its element."""
    data = UNQUALIFIED.replace(
        b"</ncts:CC015C>",
        b'<x:Guarantee xmlns:x="urn:x"/><x:Other xmlns:x="urn:x"/></ncts:CC015C>',
    )
    root = etree.fromstring(data)
    foreign, other = root[-2], root[-1]
    first = root.find("Guarantee")
    own = {None}
    # Every element the format's: the shape indexes it, among the siblings of its tag.
    assert element_path(foreign, NCTS_SHAPE) == "/CC015C/Guarantee[1]"
    assert element_path(foreign, NCTS_SHAPE, namespaces=own) == "/CC015C/{urn:x}Guarantee"
    assert element_path(other, NCTS_SHAPE, namespaces=own) == "/CC015C/Other"
    assert element_path(first, NCTS_SHAPE, namespaces=own) == "/CC015C/Guarantee[1]"
    for el in (foreign, other, first):
        path = element_path(el, NCTS_SHAPE, namespaces=own)
        assert resolve(root, path, namespaces=own, shape=NCTS_SHAPE) is el
    # A bare step names the format's own elements only; without the shape, only those
    # and the elements a step names with their namespace.
    assert resolve(root, "/CC015C/Guarantee", namespaces=own, shape=NCTS_SHAPE) is first
    assert resolve(root, "/CC015C/Other", namespaces=own) is None
    assert resolve(root, "/CC015C/{urn:x}Guarantee", namespaces=own) is foreign
    assert resolve(root, "/CC015C/{urn:y}Guarantee", namespaces=own) is None
    assert resolve(root, "/CC015C/Guarantee[3]", namespaces=own) is None


def test_a_step_that_names_its_namespace_reads_back_whatever_the_namespace_holds() -> None:
    text = "/Declaration/{http://example.org/a/b}TypeCode[2]/{}Note/@{urn:x}a"
    location = parse(text)
    assert location.steps == (
        Step("Declaration"),
        Step("TypeCode", 2, "http://example.org/a/b"),
        Step("Note", None, ""),
    )
    assert location.steps[1].tag == "{http://example.org/a/b}TypeCode"
    assert location.steps[2].tag == "Note" and location.steps[0].tag is None
    assert str(location) == text
    assert parent(text) == "/Declaration/{http://example.org/a/b}TypeCode[2]/{}Note"
    assert parent(parent(text)) == "/Declaration/{http://example.org/a/b}TypeCode[2]"
    assert parent("/Declaration/{http://example.org/a/b}TypeCode") == "/Declaration"
    root = etree.fromstring(
        b'<Declaration xmlns:o="http://example.org/a/b"><TypeCode/><o:TypeCode/>'
        b'<o:TypeCode><Note xmlns:x="urn:x" x:a="1"/></o:TypeCode></Declaration>'
    )
    found = resolve(root, text)
    assert found is not None and found.get("{urn:x}a") == "1"
    for bad in ("/A/{u", "/A/{u}", "/A/{u}B[0]", "/A/{u}{v}B"):
        with pytest.raises(ValueError, match="not a path"):
            parse(bad)


def test_a_model_value_maps_back_to_its_element_and_line() -> None:
    data = (EXAMPLES / "tr-import.xml").read_bytes()
    decl = sw.parse(data)
    root = etree.fromstring(data)
    item = decl.goods_items[0]
    assert item.commodity is not None
    value = item.commodity.classifications[0].id
    assert value is not None
    el = element_of(root, value)
    assert el is not None
    assert (el.text, el.sourceline) == (value.raw or value.value, value.line)
    assert element_of(root, Code(value="X")) is None


def test_absent_data_is_located_at_the_nearest_element_that_is_there() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    where = same_names(decl, decl, ("ObligationGuarantee",))
    assert where == Absent(decl.path, decl.line, ("ObligationGuarantee",))
    assert str(where) == f"{decl.path}/ObligationGuarantee"
    deeper = Absent("/CC015C", 1, ("Guarantee", "GuaranteeReference", "GRN"))
    assert str(deeper) == "/CC015C/Guarantee/GuaranteeReference/GRN"
