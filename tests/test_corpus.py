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
from single_window.rules._context import Context

# Real national codes outside ISO 3166-1 that accepted declarations use for a country
# field (ZF, ZG, ZL, ZN, ZU: continental-shelf areas in the UK country list). The
# country code list carries them as customs country codes, so they pass the
# country-neutral country rule.
NON_ISO_NATIONAL_CODES = {"ZF", "ZG", "ZL", "ZN", "ZU"}
COUNTRY_RULE = "WCO-COUNTRY-CODE"


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
    assert result.ok
    assert result.declaration is not None
    assert [(f.rule, f.path) for f in result.findings] == []


def test_national_country_codes_of_the_corpus_pass_the_country_rule() -> None:
    """The declarations that use the UK continental-shelf codes are accepted by the
    country code rule, and the rule does judge their country codes."""
    require_corpus()
    using: dict[Path, set[str]] = {}
    for path in corpus_files():
        decl = sw.validate(path).declaration
        if decl is None:
            continue
        codes = {sel.value for sel in Context.of(decl).coded("country")}
        if codes & NON_ISO_NATIONAL_CODES:
            using[path] = codes & NON_ISO_NATIONAL_CODES
    assert set().union(*using.values()) == NON_ISO_NATIONAL_CODES
    for path in using:
        report = sw.check(path, countries=[])
        assert [(f.rule, f.value) for f in report.findings if f.rule == COUNTRY_RULE] == []
    # The rule would have reported a code outside the list at the same place.
    path, codes = next(iter(using.items()))
    text = path.read_text("utf-8")
    code = sorted(codes)[0]
    outside = "ZZ"  # in no edition of the customs country list (QQ, say, is: stores)
    for tag in ("CountryCode", "RoutingCountryCode", "ID"):
        text = text.replace(f"<{tag}>{code}</", f"<{tag}>{outside}</")
    findings = sw.check(text, countries=[]).findings
    assert outside in {f.value for f in findings if f.rule == COUNTRY_RULE}


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
