"""The format seam: documents find their format by their root element, each format brings
its schema, reader, normalizer and writer, and WCO is one format among others."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import _fake_format as fake
import pytest
from conftest import EXAMPLES, REPO
from lxml import etree

import single_window as sw
from single_window._dates import XsdDate
from single_window._locations import Absent
from single_window._model_api import many, opt
from single_window._values import Amount, Code, Identifier, Leaf, Node
from single_window.formats import FORMATS, Format, Registry, Root, registry
from single_window.formats._walkgen import WalkerLayout, generate
from single_window.formats.wco._format import FORMAT as WCO
from single_window.formats.wco._mapping import _Mapper
from single_window.formats.wco._namespaces import DEC_NS, MD_NS

PACKAGE = REPO / "single_window"
FAKE = (
    f'<f:Message xmlns:f="{fake.NS}" phase="P2">\n'
    "<reference>REF-1</reference>\n"
    "<function>9</function>\n"
    "<item><code>7318</code></item>\n"
    "<item><code>12x</code></item>\n"
    "</f:Message>"
).encode()


@pytest.fixture
def with_fake() -> Iterator[Registry]:
    """The registry with the tests' second format in it."""
    FORMATS["fake"] = "_fake_format"
    registry.cache_clear()
    try:
        yield registry()
    finally:
        del FORMATS["fake"]
        registry.cache_clear()


def test_no_module_outside_the_wco_format_names_a_wco_namespace() -> None:
    wco = PACKAGE / "formats" / "wco"
    generated = {PACKAGE / "models.py"}
    named = [
        str(p.relative_to(REPO))
        for p in sorted(PACKAGE.rglob("*"))
        if p.is_file()
        and p.suffix in (".py", ".toml", ".md", ".json", ".txt")
        and wco not in p.parents
        and p not in generated
        and "urn:wco:datamodel" in p.read_text("utf-8")
    ]
    assert named == []


def test_the_registry_is_the_explicit_table() -> None:
    assert registry().names == tuple(FORMATS) == ("wco", "ncts")
    assert registry().get("wco") is WCO
    with pytest.raises(ValueError, match="unknown format 'eaeu'; the formats are 'wco', 'ncts'"):
        registry().get("eaeu")


def test_wco_documents_are_detected_by_either_root() -> None:
    for tag in (f"{{{DEC_NS}}}Declaration", f"{{{MD_NS}}}MetaData"):
        found = registry().detect(etree.Element(tag))
        assert found is not None
        assert (found.format, found.root.tag, found.version) == (WCO, tag, None)
    assert registry().detect(etree.Element("Declaration")) is None
    assert registry().detect(etree.Element(f"{{{DEC_NS}}}GoodsShipment")) is None


def test_a_result_says_which_format_it_read() -> None:
    result = sw.validate(EXAMPLES / "tr-import.xml")
    assert (result.format, result.version) == ("wco", None)
    assert result.document is result.declaration
    assert result.declaration is not None
    assert result.declaration.read_from == sw.formats.ReadFrom("wco")
    summary = sw.check(EXAMPLES / "tr-import.xml").to_dict()["declaration"]
    assert (summary["format"], summary["version"]) == ("wco", None)


def test_an_unknown_root_is_one_finding_naming_the_root_and_the_formats() -> None:
    result = sw.validate(b'<Invoice xmlns="urn:example:invoice"/>')
    assert [(f.rule, f.path, f.line) for f in result.findings] == [("MODEL-ROOT", "/Invoice", 1)]
    assert result.findings[0].value == "{urn:example:invoice}Invoice"
    message = result.findings[0].message
    for fmt in registry():
        for root in fmt.roots:
            assert root.name in message and str(root.namespace) in message
    assert (result.format, result.declaration) == (None, None)
    report = sw.check(b"<Invoice/>")
    assert report.rules() == ["MODEL-ROOT"] and report.declaration is None


def test_a_caller_schema_replaces_the_format_schema(tmp_path: Path) -> None:
    lax = REPO / "tests" / "golden" / "lax-declaration.xsd"
    data = (EXAMPLES / "tr-import.xml").read_bytes()
    assert sw.validate(data, schema=lax).format == "wco"
    # A schema that does not know the root: its own finding, the format still reads it.
    other = sw.validate(data, schema=fake.XSD)
    assert other.format == "wco" and other.declaration is not None
    assert [f.rule for f in other.findings][:1] == ["XSD"]


def test_a_declaration_is_written_in_the_format_it_was_read_from() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    assert decl.to_xml(format="wco") == decl.to_xml()
    assert sw.models.Declaration(id=sw.models.Identifier(value="X")).to_xml().startswith(b"<?xml")
    # An import is not a transit declaration: NCTS refuses it, naming its type.
    with pytest.raises(sw.ConversionError, match="IMA") as refused:
        decl.to_xml(format="ncts")
    assert (refused.value.target, refused.value.missing) == ("ncts", ())
    with pytest.raises(TypeError, match="format must be"):
        decl.to_xml(format=1)  # type: ignore[arg-type]


def test_a_registry_refuses_a_root_two_formats_claim() -> None:
    twin = Format(**{**WCO.__dict__, "name": "twin"})
    with pytest.raises(ValueError, match="root of both wco and twin"):
        Registry([WCO, twin])
    with pytest.raises(ValueError, match="registered twice"):
        Registry([WCO, WCO])


# --- a second format: qualified root, unqualified children, two versions -----------------


def test_a_second_format_is_read_through_the_registry(with_fake: Registry) -> None:
    result = sw.validate(FAKE)
    assert (result.format, result.version) == ("fake", "2")
    assert isinstance(result.document, fake.Message)
    decl = result.declaration
    assert decl is not None and decl.read_from is not None
    assert (decl.read_from.format, decl.read_from.document) == ("fake", result.document)
    # Canonical values point into the document read, in its own names.
    assert decl.id is not None and decl.id.path == "/Message/reference"
    codes = [i.commodity_code for i in decl.goods_items]
    assert codes == ["7318", "12x"]
    # Its schema, chosen by the format; paths of schema findings follow its shape.
    assert [(f.rule, f.path, f.line) for f in result.findings] == [
        ("XSD", "/Message/item[2]/code", 5)
    ]
    version_one = sw.validate(FAKE.replace(b' phase="P2"', b""))
    assert version_one.version == "1"


def test_check_reports_the_format_of_a_second_format(with_fake: Registry) -> None:
    report = sw.check(FAKE.replace(b"12x", b"12"), countries=[])
    assert report.declaration is not None
    assert (report.declaration.format, report.declaration.version) == ("fake", "2")


def test_an_unknown_root_names_every_format(with_fake: Registry) -> None:
    (finding,) = sw.validate(b"<Invoice/>").findings
    assert "wco:" in finding.message and "fake: Fake message, root <Message>" in finding.message


def test_writing_uses_the_format_read_or_a_converter(with_fake: Registry) -> None:
    decl = sw.parse(FAKE.replace(b"12x", b"12"))
    written = etree.fromstring(decl.to_xml())
    assert written.tag == f"{{{fake.NS}}}Message"
    assert [c.text for c in written.iter("code")] == ["7318", "12"]
    with pytest.raises(ValueError, match="no converter from fake to wco"):
        decl.to_xml(format="wco")
    with pytest.warns(sw.ConversionWarning):
        written_fake = sw.parse(EXAMPLES / "tr-import.xml").to_xml(format="fake")
    converted = etree.fromstring(written_fake)
    assert converted.findtext("reference") == "TR-IMPORT-0001"
    assert with_fake.conversions() == [("ncts", "wco"), ("wco", "ncts"), ("wco", "fake")]


def test_absent_data_is_located_in_the_format_read(with_fake: Registry) -> None:
    decl = sw.parse(FAKE.replace(b"12x", b"12"))
    assert with_fake.absent(decl, decl, ["ObligationGuarantee"]) == Absent(
        "/Message", 1, ("guarantee",)
    )
    wco = sw.parse(EXAMPLES / "tr-import.xml")
    where = with_fake.absent(wco, wco, ["ObligationGuarantee"])
    assert str(where) == f"{wco.path}/ObligationGuarantee" and where.line == wco.line


def test_a_root_is_described_by_namespace_and_name() -> None:
    assert Root(None, "CC015C").tag == "CC015C"
    assert str(Root(None, "x")) == "<x> (no namespace)"
    assert Root("urn:a", "x").tag == "{urn:a}x"


# --- the generated walkers --------------------------------------------------------------


def _script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_walkers_are_what_the_generator_writes() -> None:
    build = _script("build_walkers")
    for name, out in build.OUTS.items():
        assert out.read_text("utf-8") == build.generate(name)
    assert build.main(["--check"]) == 0


class Item(Node):
    code: Code | None = opt("code")


class Message(Node):
    reference: Identifier | None = opt("reference")
    items: list[Item] = many("item")


def test_walkers_read_unqualified_elements_too() -> None:
    layout = WalkerLayout(
        doc="Walkers of a test format.",
        script="tests",
        roots=((Message, None),),
        constants="unused",
        namespaces={},
    )
    source = generate(layout)
    assert "_NS" not in source and "schemaLocation" not in source
    walkers: dict[str, Any] = {}
    exec(compile(source, "<test walkers>", "exec"), walkers)  # generated from this model
    root = etree.fromstring(
        b'<f:Message xmlns:f="urn:x"><reference> R </reference>'
        b"<item><code>a</code></item><item><code>b</code></item><f:item/><other/></f:Message>"
    )
    mapper = _Mapper()
    message = walkers["walk_Message"](mapper, root, "/Message", None)
    assert message.reference.value == "R" and message.reference.path == "/Message/reference"
    assert [i.code.path for i in message.items] == [
        "/Message/item[1]/code",
        "/Message/item[2]/code",
    ]
    # A qualified <f:item> is not the unqualified field: kept, named with its namespace.
    assert [(f.rule, f.path) for f in mapper.findings] == [
        ("MODEL-UNMAPPED", "/Message/{urn:x}item"),
        ("MODEL-UNMAPPED", "/Message/other"),
    ]


class Parcel(Node):
    version: str | None = None
    weight: Amount | None = opt("weight")
    sent: XsdDate | None = opt("sent")


def _parcel_walker(value_attributes: bool) -> Any:
    layout = WalkerLayout(
        doc="Walkers of a test format.",
        script="tests",
        roots=((Parcel, None),),
        constants="unused",
        namespaces={},
        attributes={Parcel: {"version": "version"}},
        value_attributes=value_attributes,
    )
    walkers: dict[str, Any] = {}
    exec(compile(generate(layout), "<test walkers>", "exec"), walkers)  # from this model
    return walkers["walk_Parcel"]


PARCEL = b'<Parcel version="2" other="x"><weight currencyID="EUR">12.50</weight></Parcel>'


def test_walkers_keep_the_root_attributes_their_model_has_a_field_for() -> None:
    mapper = _Mapper()
    parcel = _parcel_walker(True)(mapper, etree.fromstring(PARCEL), "/Parcel", None)
    assert parcel.version == "2"
    assert [(f.rule, f.path) for f in mapper.findings] == [("MODEL-UNMAPPED", "/Parcel/@other")]
    # A value's own attribute is read inline where the format's values carry them.
    assert (parcel.weight.value, parcel.weight.currency) == (Decimal("12.50"), "EUR")


def test_walkers_hand_every_value_attribute_to_the_mapper_when_values_carry_none() -> None:
    seen: list[tuple[str, str]] = []

    class Recording(_Mapper):
        __slots__ = ()

        def leaf(self, el: Any, kind: str, path: str, cls: type[Leaf]) -> Any:
            seen.append((kind, path))
            return super().leaf(el, kind, path, cls)

    data = PARCEL.replace(b"</Parcel>", b"<sent>2025-03-10</sent></Parcel>")
    parcel = _parcel_walker(False)(Recording(), etree.fromstring(data), "/Parcel", None)
    # The amount went the slow way for its attribute; a date always does.
    assert seen == [("amount", "/Parcel/weight"), ("date", "/Parcel/sent")]
    assert parcel.weight.value == Decimal("12.50")
