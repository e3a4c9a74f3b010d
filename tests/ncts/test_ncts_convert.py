"""Converting between the NCTS declaration (CC015C) and the WCO DEC-DMS declaration.

Every leaf of the CC015C schemas (Phases 5 and 6, walked from the XSDs) is in the
mapping table; a maximal message (every element once) goes to WCO and back keeping
every value but the documented losses; every CC015C of the corpus converts to a WCO
declaration valid against the profile and back to a schema-valid CC015C that keeps at
least 95% of its leaf values, the rest documented; the WCO transit examples in the
common transit area convert to valid CC015C and their twins stay in step.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from _maximal_ncts import maximal_message
from _ncts_support import filled, message_files, message_params
from conftest import EXAMPLES, REPO
from lxml import etree

import single_window as sw
from single_window.formats.ncts._mapping import documented_loss, rows

SCHEMA_RULES = ("XSD", "MODEL", "NORM", "XML")
TWINS = ["tr-ge-t1", "tr-ge-tir"]


def _schema_findings(data: bytes) -> tuple[sw.ValidationResult, list[tuple[str, str | None]]]:
    result = sw.validate(data)
    bad = [(f.rule, f.path) for f in result.findings if f.rule.startswith(SCHEMA_RULES)]
    return result, bad


def _leaves(xml: bytes) -> list[tuple[str, str]]:
    """(path without root and indices, text) of every leaf element of a message."""
    root = etree.fromstring(xml)
    tree = etree.ElementTree(root)
    out = []
    for el in root.iter():
        if isinstance(el.tag, str) and len(el) == 0 and el is not root:
            path = re.sub(r"\[\d+\]", "", tree.getpath(el)).split("/", 2)[2]
            out.append((path, (el.text or "").strip()))
    return out


def _not_kept(original: bytes, back: bytes) -> list[tuple[str, str]]:
    kept = Counter(_leaves(back))
    lost = []
    for leaf in _leaves(original):
        if kept[leaf] > 0:
            kept[leaf] -= 1
        else:
            lost.append(leaf)
    return lost


# --- the schema, leaf by leaf --------------------------------------------------------------


@cache
def _schema_leaves(phase: int) -> frozenset[str]:
    """Every leaf element path of the CC015C schema of a phase (xmlschema)."""
    import xmlschema

    schema = xmlschema.XMLSchema11(str(REPO / "xsd" / "ncts" / f"p{phase}" / "cc015c.xsd"))
    out: set[str] = set()

    def walk(element: Any, path: str) -> None:
        kind = element.type
        if kind.is_simple() or kind.has_simple_content():
            out.add(path)
            return
        for child in kind.content.iter_elements():
            walk(child, f"{path}/{child.local_name}" if path else child.local_name)

    for child in schema.elements["CC015C"].type.content.iter_elements():
        walk(child, child.local_name)
    return frozenset(out)


@pytest.mark.parametrize("phase", [5, 6])
def test_every_leaf_of_the_cc015c_schema_is_mapped_or_a_documented_loss(phase: int) -> None:
    table = {row.ncts: row for row in rows() if row.only != "CC013C"}
    leaves = _schema_leaves(phase)
    assert leaves - set(table) == set()
    only_p5 = {path for path, row in table.items() if row.only == "P5 only"}
    assert set(table) - leaves == (only_p5 if phase == 6 else set())
    for path in leaves:
        row = table[path]
        if row.how in ("=", "joined", "carried", "turned"):
            assert row.wco.startswith(("Declaration/", "MetaData/")), path
        else:
            assert documented_loss(path), path


def _wco_paths(xml: bytes) -> set[str]:
    """Every element path of a WCO document (local names, no indices, from MetaData)."""
    root = etree.fromstring(xml)
    out = set()
    for el in root.iter():
        if isinstance(el.tag, str):
            steps = [etree.QName(a).localname for a in [*reversed(list(el.iterancestors())), el]]
            out.add("/".join(steps))
    return out


def _maximal(phase: int) -> bytes:
    root = etree.fromstring(maximal_message("CC015C", phase))
    # Offices in the common transit area (the maximal message's placeholders are not).
    root.find("CustomsOfficeOfDeparture/referenceNumber").text = "TR160100"  # type: ignore[union-attr]
    root.find("CustomsOfficeOfDestinationDeclared/referenceNumber").text = "GE010100"  # type: ignore[union-attr]
    return etree.tostring(root)


@pytest.mark.parametrize("phase", [5, 6])
def test_a_maximal_message_goes_to_wco_and_back_keeping_every_mapped_leaf(phase: int) -> None:
    source = _maximal(phase)
    read, bad = _schema_findings(source)
    assert bad == [] and read.declaration is not None
    to_wco = sw.convert(read.declaration, "wco")
    wco, bad = _schema_findings(to_wco.xml)
    assert bad == [] and wco.format == "wco" and wco.declaration is not None
    # Every mapped leaf has its WCO home in the WCO document.
    homes = _wco_paths(to_wco.xml)
    for row in rows():
        if row.how in ("=", "joined", "carried", "turned") and row.ncts in _schema_leaves(phase):
            home = row.wco if row.wco.startswith("MetaData/") else f"MetaData/{row.wco}"
            assert home in homes, row.ncts
    back = sw.convert(wco.declaration, "ncts", version=str(phase))
    again, bad = _schema_findings(back.xml)
    assert bad == [] and again.version == str(phase)
    lost = _not_kept(source, back.xml)
    # The maximal message numbers every element 5: only positions are rebuilt.
    assert lost and all(documented_loss(path) for path, _ in lost)
    assert {path for path, _ in lost} == {
        row.ncts for row in rows() if row.how == "derived" and row.ncts in _schema_leaves(phase)
    }
    # And the conversion to WCO said so, leaf by leaf.
    assert len(to_wco.losses) == len(lost)


# --- the corpus ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", message_params("CC015C"))
def test_a_corpus_cc015c_converts_to_valid_wco_and_back(path: Path) -> None:
    source = filled(path)
    read, bad = _schema_findings(source)
    assert bad == [] and read.declaration is not None
    to_wco = sw.convert(read.declaration, "wco")
    wco, bad = _schema_findings(to_wco.xml)
    assert bad == [] and wco.declaration is not None
    back = sw.convert(wco.declaration, "ncts")
    _, bad = _schema_findings(back.xml)
    assert bad == []
    lost = _not_kept(source, back.xml)
    assert all(documented_loss(p) for p, _ in lost), lost
    assert 1 - len(lost) / len(_leaves(source)) >= 0.95
    assert len(to_wco.losses) == len(lost)


def test_the_corpus_keeps_its_values_through_wco() -> None:
    """The per-message figures: every CC015C of the corpus keeps every leaf value."""
    files = message_files("CC015C")
    if not files:
        pytest.skip("the NCTS corpus is not here")
    fractions = []
    for path in files:
        source = filled(path)
        decl = sw.parse(source)
        back = sw.convert(sw.parse(sw.convert(decl, "wco").xml), "ncts")
        fractions.append(1 - len(_not_kept(source, back.xml)) / len(_leaves(source)))
    assert len(fractions) == 103 and min(fractions) == 1.0


def test_an_amendment_is_not_converted() -> None:
    (path, *_) = message_files("CC013C") or [None]
    if path is None:
        pytest.skip("the NCTS corpus is not here")
    decl = sw.parse(filled(path))
    with pytest.raises(sw.ConversionError) as refused:
        sw.convert(decl, "wco")
    assert refused.value.target == "wco"
    assert decl.to_xml()  # it still writes itself


# --- from WCO --------------------------------------------------------------------------------


def test_the_turkish_t1_converts_to_a_valid_cc015c_listing_defaults_and_losses() -> None:
    decl = sw.parse(EXAMPLES / "tr-ge-t1.xml")
    before = decl.to_xml()
    done = sw.convert(decl, "ncts")
    result, bad = _schema_findings(done.xml)
    assert bad == [] and (result.format, result.version) == ("ncts", "5")
    assert done.target == "ncts" and done.version == "5" and not done.lossless
    assert {loss.path for loss in done.losses} == {
        "/MetaData/Declaration/GoodsItemQuantity",
        "/MetaData/Declaration/TotalPackageQuantity",
        "/MetaData/WCODataModelVersionCode",
        "/MetaData/WCOTypeName",
        "/MetaData/ResponsibleCountryCode",
        "/MetaData/ResponsibleAgencyName",
    }
    defaults = {d.path: d.value for d in done.defaults}
    assert defaults["/CC015C/TransitOperation/security"] == "0"
    assert defaults["/CC015C/messageRecipient"] == "NTA.TR"
    assert defaults["/CC015C/Consignment/HouseConsignment[1]/grossMass"] == "8200.000"
    assert all(d.reason.id.startswith("convert.ncts-default.") for d in done.defaults)
    assert decl.to_xml() == before  # the declaration is not changed
    # Phase 6 requires the amount of a guarantee reference and the office at the border
    # of an active means of transport, which the declaration does not give.
    with pytest.raises(sw.ConversionError) as refused:
        sw.convert(decl, "ncts", version="6")
    assert [path for path, _ in refused.value.missing] == [
        "/CC015C/Guarantee[1]/GuaranteeReference[1]",
        "/CC015C/Consignment/ActiveBorderTransportMeans[1]/typeOfIdentification",
    ]


def test_to_xml_converts_and_warns_about_losses() -> None:
    decl = sw.parse(EXAMPLES / "tr-ge-t1.xml")
    with pytest.warns(sw.ConversionWarning):
        xml = decl.to_xml(format="ncts")
    assert xml == sw.convert(decl, "ncts").xml
    assert decl.to_xml() == decl.to_xml(format="wco")  # the format read: no conversion


def test_a_missing_required_field_is_named() -> None:
    decl = sw.parse(EXAMPLES / "tr-ge-t1.xml")
    decl.declarant = None
    decl.goods_shipment.government_agency_goods_items[0].packagings = []  # type: ignore[union-attr]
    with pytest.raises(sw.ConversionError) as refused:
        sw.convert(decl, "ncts")
    # The message sender's default is the holder, missing too.
    assert [path for path, _ in refused.value.missing] == [
        "messageSender",
        "HolderOfTheTransitProcedure",
        "Consignment/HouseConsignment[1]/ConsignmentItem[1]/Packaging",
    ]


@pytest.mark.parametrize(
    ("name", "why"),
    [("tr-import.xml", "IMA"), ("uz-ir-tir.xml", "UZ26001"), ("tm-tir.xml", "TM10400")],
)
def test_what_is_not_a_ctc_transit_is_refused(name: str, why: str) -> None:
    with pytest.raises(sw.ConversionError, match=why) as refused:
        sw.convert(sw.parse(EXAMPLES / name), "ncts")
    assert refused.value.target == "ncts"


def test_a_declaration_built_in_python_converts() -> None:
    built = sw.parse(EXAMPLES / "tr-ge-tir.xml").model_copy(deep=True)
    built._read_from = None  # as if built in Python
    done = sw.convert(built, "ncts")
    message = etree.fromstring(done.xml)
    assert message.findtext("TransitOperation/TIRCarnetNumber") == "XZ81234567"
    holder = message.find("HolderOfTheTransitProcedure")
    assert holder is not None
    assert holder.findtext("TIRHolderIdentificationNumber") == "TUR/001/1234567"
    assert holder.findtext("identificationNumber") == "4820519379"
    assert message.find("Guarantee/GuaranteeReference") is None  # a carnet has no GRN


@pytest.mark.parametrize("name", TWINS)
def test_an_ncts_twin_is_the_conversion_of_its_original(name: str) -> None:
    done = sw.convert(sw.parse(EXAMPLES / f"{name}.xml"), "ncts")
    twin = (EXAMPLES / f"{name}-cc015c.xml").read_bytes()
    canonical = etree.canonicalize(twin.decode(), with_comments=False, strip_text=True)
    assert canonical == etree.canonicalize(done.xml.decode(), with_comments=False, strip_text=True)
    # And back: the twin converts to WCO with nothing lost, into a WCO declaration that
    # writes itself as WCO.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_wco = sw.convert(sw.parse(twin), "wco")
    assert to_wco.lossless
    assert to_wco.document.read_from is None
    assert to_wco.document.to_xml() == to_wco.xml


def test_the_package_table_is_the_normalizer_test_table() -> None:
    """The mapping table the conversion and the reference page follow is the one the
    normalizer's tests hold every leaf to (``_mapping_table``)."""
    from _mapping_table import CARRIED, DERIVED, JOINED, MAPPED, NO_HOME, TURNED

    kinds = {row.ncts: (row.how, row.wco) for row in rows()}
    expected = {path: ("=", target) for path, target in MAPPED.items()}
    expected.update({path: ("joined", target) for path, target in JOINED.items()})
    expected.update({path: ("carried", target[1]) for path, target in CARRIED.items()})
    expected.update({path: ("turned", target) for path, target in TURNED.items()})
    expected.update(dict.fromkeys(DERIVED, ("derived", "")))
    expected.update(dict.fromkeys(NO_HOME, ("no home", "")))
    assert kinds == expected


def test_a_split_document_code_is_joined_and_corridor_data_is_listed_as_lost() -> None:
    from datetime import UTC, datetime

    from single_window.models import Code, DateTime, Identifier, PreviousDocument

    decl = sw.parse(EXAMPLES / "tr-ge-tir.xml")
    assert decl.goods_shipment is not None
    decl.goods_shipment.previous_documents = [
        PreviousDocument(
            category_code=Code(value="N"), type_code=Code(value="830"), id=Identifier(value="R1")
        )
    ]
    carnet = decl.obligation_guarantees[0]
    carnet.expiration_date_time = DateTime(
        value=datetime(2027, 3, 15, tzinfo=UTC), format_code="102"
    )
    done = sw.convert(decl, "ncts")
    message = etree.fromstring(done.xml)
    assert message.findtext("Consignment/PreviousDocument/type") == "N830"
    lost = {loss.path: loss.value for loss in done.losses}
    assert not any("PreviousDocument" in path for path in lost)
    # Built in Python, the value has no place in a file: its model path names it.
    assert lost["/Declaration/ObligationGuarantee[1]/ExpirationDateTime"].startswith("2027-03-15")
