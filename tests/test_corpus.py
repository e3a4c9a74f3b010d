"""Every real declaration of the shared corpus: parsed, validated, round-tripped."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from _maximal import canonical
from conftest import DECLARATIONS, corpus_files, corpus_params, require_corpus
from lxml import etree

import single_window as sw
from single_window import Severity

# Real national codes outside ISO 3166-1 that accepted declarations use for a country
# field (ZF, ZG, ZL, ZN, ZU: continental-shelf areas in the UK country list). They are
# reported as NORM-COUNTRY warnings, never errors.
NON_ISO_NATIONAL_CODES = {"ZF", "ZG", "ZL", "ZN", "ZU"}


def _values(root: etree._Element) -> collections.Counter[tuple[str, str]]:
    """Every element text value and attribute value of a document, by name."""
    out: collections.Counter[tuple[str, str]] = collections.Counter()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if len(el) == 0 and el.text and el.text.strip():
            out[(etree.QName(el).localname, el.text)] += 1
        for k, v in el.attrib.items():
            out[("@" + k, v)] += 1
    return out


def test_the_corpus_has_all_308_declarations() -> None:
    require_corpus()
    assert len(corpus_files()) == 308


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_declaration_validates_against_the_national_schema(
    path: Path, national_schema: sw.Schema
) -> None:
    result = sw.validate(path, schema=national_schema)
    assert result.ok, result.findings
    assert result.declaration is not None
    assert [f for f in result.findings if f.rule.startswith(("XML", "XSD", "MODEL"))] == []
    for f in result.findings:
        assert f.rule == "NORM-COUNTRY" and f.severity is Severity.WARNING
        assert f.value in NON_ISO_NATIONAL_CODES


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_declaration_validates_against_the_bundled_profile(path: Path) -> None:
    result = sw.validate(path)
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_declaration_round_trips_with_no_value_lost(
    path: Path, national_schema: sw.Schema
) -> None:
    decl = sw.parse(path, schema=national_schema)
    written = decl.to_xml()
    again = sw.parse(written, schema=national_schema)
    assert again == decl
    original = _values(etree.parse(str(path)).getroot())
    output = _values(etree.fromstring(written))
    assert original - output == collections.Counter()
    # The same document in canonical form: every element, attribute, value and order.
    assert canonical(written) == canonical(path.read_bytes())


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_declaration_keeps_nothing_outside_the_model(path: Path) -> None:
    result = sw.validate(path)
    assert result.declaration is not None
    assert result.declaration.unmapped == []
    assert [f for f in result.findings if f.rule == "MODEL-UNMAPPED"] == []


def test_every_corpus_value_carries_its_source_line_and_path() -> None:
    require_corpus()
    path = DECLARATIONS / "TT_IM001b" / "TT_IM001b.xml"
    decl = sw.parse(path)
    root = etree.parse(str(path)).getroot()
    item = decl.goods_items[0]
    assert item.commodity is not None
    cls = item.commodity.classifications[0]
    assert cls.id is not None
    assert cls.id.path == (
        "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"
        "/Commodity/Classification[1]/ID"
    )
    located = root.xpath(
        "/md:MetaData/d:Declaration/d:GoodsShipment/d:GovernmentAgencyGoodsItem[1]"
        "/d:Commodity/d:Classification[1]/d:ID",
        namespaces={
            "md": "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2",
            "d": "urn:wco:datamodel:WCO:DEC-DMS:2",
        },
    )
    assert located[0].sourceline == cls.id.line
    assert located[0].text == cls.id.value
    nodes = list(decl.walk())
    leaves = [n for n in nodes if hasattr(n, "value")]
    assert leaves
    assert all(n.path and n.line for n in leaves)
