"""Tests for the library's own XSD profile (``xsd/ots-profile.xsd``).

The profile is checked against the UK CDS sample declarations of the test corpus (found as
``tests/conftest.py`` says: ``$SINGLE_WINDOW_CORPUS/hmrc-cds``, else
``../shared/corpus/hmrc-cds``): every published declaration must be valid, the broken ones
must not be, and a set of small in-memory edits of real declarations shows that the facets
(lengths, digits, code shapes, cardinalities) really reject what they should.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DECLARATIONS, MALFORMED, NO_CORPUS
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
XSD_DIR = REPO / "xsd"
PROFILE = XSD_DIR / "ots-profile.xsd"

MD = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
DS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
XS = "http://www.w3.org/2001/XMLSchema"
NS = {"md": MD, "dec": DEC, "ds": DS}
#: libxml2's error types (stable names, unlike its messages): no global declaration for
#: the root element (cvc-elt.1), and children the content model does not allow or lacks.
NO_GLOBAL_DECLARATION = "SCHEMAV_CVC_ELT_1"
UNEXPECTED_CHILD = "SCHEMAV_ELEMENT_CONTENT"

HEADER = (
    "OTS profile of the WCO Data Model 3.x goods declaration (DEC-DMS:2 layout) "
    "for the single_window library"
)


def _corpus_files() -> list[Path]:
    if not DECLARATIONS.is_dir():
        return []
    return sorted(p for p in DECLARATIONS.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")


def _corpus_params() -> list[object]:
    files = _corpus_files()
    if not files:
        return [pytest.param(None, id="no-corpus", marks=pytest.mark.skip(reason=NO_CORPUS))]
    return [pytest.param(p, id=p.relative_to(DECLARATIONS).as_posix()) for p in files]


def _require_corpus() -> None:
    if not DECLARATIONS.is_dir():
        pytest.skip(NO_CORPUS)


def _messages(schema: etree.XMLSchema) -> str:
    return "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def schema() -> etree.XMLSchema:
    """The profile, compiled once, from a parser that may not touch the network."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(PROFILE), parser))


@pytest.fixture(scope="session")
def corpus_docs() -> list[tuple[Path, etree._ElementTree]]:
    _require_corpus()
    return [(p, etree.parse(str(p))) for p in _corpus_files()]


def _first_with(
    corpus_docs: list[tuple[Path, etree._ElementTree]], xpath: str
) -> tuple[Path, etree._ElementTree]:
    """A private copy of the first corpus declaration in which ``xpath`` matches."""
    for path, doc in corpus_docs:
        if doc.xpath(xpath, namespaces=NS):
            return path, copy.deepcopy(doc)
    pytest.fail(f"no corpus declaration has {xpath}")


# --------------------------------------------------------------------------------------------
# The schema set itself
# --------------------------------------------------------------------------------------------


def test_schema_compiles_offline(schema: etree.XMLSchema) -> None:
    assert isinstance(schema, etree.XMLSchema)
    # Nothing is fetched: every import/include names a file in xsd/ itself.
    for xsd in sorted(XSD_DIR.glob("*.xsd")):
        tree = etree.parse(str(xsd), etree.XMLParser(no_network=True))
        for ref in tree.findall(f"{{{XS}}}import") + tree.findall(f"{{{XS}}}include"):
            location = ref.get("schemaLocation")
            assert location, f"{xsd.name}: import without schemaLocation"
            assert "/" not in location, f"{xsd.name}: {location} is not a sibling file"
            assert ":" not in location, f"{xsd.name}: {location} is not a relative path"
            assert (XSD_DIR / location).is_file(), f"{xsd.name}: {location} missing"


def test_one_schema_document_per_namespace() -> None:
    targets = {}
    for xsd in sorted(XSD_DIR.glob("ots-*.xsd")):
        root = etree.parse(str(xsd)).getroot()
        tns = root.get("targetNamespace")
        if tns is not None:
            assert tns not in targets, f"{tns} in both {targets.get(tns)} and {xsd.name}"
            targets[tns] = xsd.name
    assert targets == {
        MD: "ots-metadata.xsd",
        DEC: "ots-declaration.xsd",
        DS: "ots-datatypes.xsd",
    }


@pytest.mark.parametrize("name", sorted(p.name for p in XSD_DIR.glob("ots-*.xsd")))
def test_schema_files_start_with_header(name: str) -> None:
    first = etree.parse(str(XSD_DIR / name)).getroot().getprevious()
    assert isinstance(first, etree._Comment), f"{name} has no header comment"
    assert HEADER in " ".join(first.text.split())


def _lower_bound(type_name: str, types: dict[str, etree._Element]) -> str | None:
    """The xs:minInclusive a (dt:)type has, following extension and restriction bases."""
    node = types.get(type_name.partition(":")[2] or type_name)
    while node is not None:
        bound = node.find(f".//{{{XS}}}minInclusive")
        if bound is not None:
            return bound.get("value")
        base = node.find(f".//{{{XS}}}extension")
        if base is None:
            base = node.find(f".//{{{XS}}}restriction")
        node = types.get((base.get("base") or "").partition(":")[2]) if base is not None else None
    return None


def test_numbers_are_unsigned_exactly_where_the_wco_format_is_numeric() -> None:
    # WCO DM formats n..T,F carry no sign; TaxRateNumeric (an..17,3) is not numeric.
    types = {
        t.get("name"): t
        for xsd in XSD_DIR.glob("*.xsd")
        for t in etree.parse(str(xsd)).getroot()
        if t.tag in (f"{{{XS}}}simpleType", f"{{{XS}}}complexType")
    }
    ots = "urn:single-window:profile"
    numbers = 0
    for xsd in ("ots-declaration.xsd", "ots-metadata.xsd"):
        for element in etree.parse(str(XSD_DIR / xsd)).iter(f"{{{XS}}}element"):
            kind = element.get("type") or ""
            numeric = ("Decimal", "Amount", "Measure", "Quantity")
            if not kind.startswith("dt:") or not any(k in kind for k in numeric):
                continue
            numbers += 1
            wco_format = element.get(f"{{{ots}}}wcoFormat") or ""
            expected = "0" if wco_format.startswith("n") else None
            assert _lower_bound(kind, types) == expected, (element.get("name"), wco_format)
    assert numbers > 20


def test_only_metadata_and_declaration_are_roots() -> None:
    roots = set()
    for xsd in XSD_DIR.glob("ots-*.xsd"):
        root = etree.parse(str(xsd)).getroot()
        tns = root.get("targetNamespace")
        roots |= {f"{{{tns}}}{el.get('name')}" for el in root.iterfind(f"{{{XS}}}element")}
    assert roots == {f"{{{MD}}}MetaData", f"{{{DEC}}}Declaration"}


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


def test_corpus_is_complete() -> None:
    _require_corpus()
    files = _corpus_files()
    assert len(files) == 308
    assert any(p.suffix == ".XML" for p in files), "upper-case .XML files were not collected"


@pytest.mark.parametrize("path", _corpus_params())
def test_corpus_declaration_is_valid(schema: etree.XMLSchema, path: Path) -> None:
    doc = etree.parse(str(path))
    valid = schema.validate(doc)
    assert valid, _messages(schema)
    assert len(schema.error_log) == 0


def test_bare_declaration_roots_are_valid(
    schema: etree.XMLSchema, corpus_docs: list[tuple[Path, etree._ElementTree]]
) -> None:
    for path, doc in corpus_docs:
        declaration = doc.getroot().find(f"{{{DEC}}}Declaration")
        assert declaration is not None, path
        bare = etree.ElementTree(copy.deepcopy(declaration))
        assert schema.validate(bare), f"{path.name}: {_messages(schema)}"


# --------------------------------------------------------------------------------------------
# Broken files
# --------------------------------------------------------------------------------------------

MALFORMED_EXPECTED = {
    "TT_EX002a.xml": "not well-formed",
    "TT_EX022a_Declaration1_(Step1).xml": "not well-formed",
    "TT_IM084a.xml": "not well-formed",
    "Step1_TT_IM222a.xml": "invalid",  # namespace colons stripped
    "example_submission_declaration_400.xml": "invalid",  # unknown element
}


@pytest.mark.parametrize(("name", "expected"), sorted(MALFORMED_EXPECTED.items()))
def test_malformed_file_is_not_accepted(schema: etree.XMLSchema, name: str, expected: str) -> None:
    path = MALFORMED / name
    if not path.is_file():
        pytest.skip(NO_CORPUS)
    if expected == "not well-formed":
        with pytest.raises(etree.XMLSyntaxError):
            etree.parse(str(path))
        return
    doc = etree.parse(str(path))
    assert not schema.validate(doc)
    assert len(schema.error_log) > 0


def test_colon_stripped_file_has_no_known_root(schema: etree.XMLSchema) -> None:
    path = MALFORMED / "Step1_TT_IM222a.xml"
    if not path.is_file():
        pytest.skip(NO_CORPUS)
    assert not schema.validate(etree.parse(str(path)))
    assert schema.error_log[0].type_name == NO_GLOBAL_DECLARATION


def test_unknown_element_is_reported_at_its_line(schema: etree.XMLSchema) -> None:
    path = MALFORMED / "example_submission_declaration_400.xml"
    if not path.is_file():
        pytest.skip(NO_CORPUS)
    doc = etree.parse(str(path))
    unknown = doc.getroot().find(f".//{{{DEC}}}unknown")
    assert unknown is not None
    assert not schema.validate(doc)
    first = schema.error_log[0]
    assert first.line == unknown.sourceline == 12
    assert first.type_name == UNEXPECTED_CHILD
    assert f"{{{DEC}}}unknown" in first.message  # the element, as libxml2 names it


# --------------------------------------------------------------------------------------------
# Facets, shown with small edits of real declarations
# --------------------------------------------------------------------------------------------

Edit = Callable[[etree._Element], None]


def _text(value: str) -> Edit:
    def edit(el: etree._Element) -> None:
        el.text = value

    return edit


def _attr(name: str, value: str, text: str | None = None) -> Edit:
    def edit(el: etree._Element) -> None:
        el.set(name, value)
        if text is not None:
            el.text = text

    return edit


def _move_before_previous_sibling(el: etree._Element) -> None:
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    assert previous is not None
    previous.addprevious(el)


DECLARATION = "/md:MetaData/dec:Declaration"
GOODS_ITEM = f"{DECLARATION}/dec:GoodsShipment/dec:GovernmentAgencyGoodsItem"
DESTINATION = f"{DECLARATION}/dec:GoodsShipment/dec:Destination/dec:CountryCode"
INVOICE_AMOUNT = f"{DECLARATION}/dec:InvoiceAmount"
DATE_TIME = f"{DECLARATION}/dec:AcceptanceDateTime/ds:DateTimeString"
LRN = f"{DECLARATION}/dec:FunctionalReferenceID"
GROSS_MASS = f"{GOODS_ITEM}/dec:Commodity/dec:GoodsMeasure/dec:GrossMassMeasure"

# (id, element to edit, edit, accepted?, text the first error must contain)
FACET_CASES: list[tuple[str, str, Edit, bool, str]] = [
    ("country-code-two-letters", DESTINATION, _text("FR"), True, ""),
    ("country-code-three-letters", DESTINATION, _text("GBR"), False, "CountryCode"),
    # WCO a2 is two letters of either case; the reader upper-cases and checks ISO 3166.
    ("country-code-lower-case", DESTINATION, _text("gb"), True, ""),
    ("country-code-digit", DESTINATION, _text("G1"), False, "CountryCode"),
    # Origin/CountryCode is an..4 in the WCO DM (regions and unions such as EU).
    (
        "origin-country-code-four-chars",
        f"{GOODS_ITEM}/dec:Origin/dec:CountryCode",
        _text("EU27"),
        True,
        "",
    ),
    (
        "origin-country-code-five-chars",
        f"{GOODS_ITEM}/dec:Origin/dec:CountryCode",
        _text("EU27X"),
        False,
        "CountryCode",
    ),
    ("invoice-amount-3-decimals", INVOICE_AMOUNT, _text("1234.567"), True, ""),
    ("invoice-amount-4-decimals", INVOICE_AMOUNT, _text("1234.5678"), False, "InvoiceAmount"),
    (
        "invoice-amount-17-digits",
        INVOICE_AMOUNT,
        _text("12345678901234.567"),
        False,
        "InvoiceAmount",
    ),
    # WCO DM numeric formats (n..16,3, n..16,6, n..8, ...) carry no sign: a negative
    # amount, mass or quantity is refused by the schema at the value; zero is a number.
    ("invoice-amount-negative", INVOICE_AMOUNT, _text("-5"), False, "InvoiceAmount"),
    ("invoice-amount-negative-zero", INVOICE_AMOUNT, _text("-0.00"), True, ""),
    ("invoice-amount-zero", INVOICE_AMOUNT, _text("0"), True, ""),
    ("mass-negative", GROSS_MASS, _text("-1520"), False, "GrossMassMeasure"),
    (
        "package-quantity-negative",
        f"{GOODS_ITEM}/dec:Packaging/dec:QuantityQuantity",
        _text("-10"),
        False,
        "QuantityQuantity",
    ),
    (
        "goods-item-sequence-negative",
        f"{GOODS_ITEM}/dec:SequenceNumeric",
        _text("-1"),
        False,
        "SequenceNumeric",
    ),
    ("invoice-amount-letters", INVOICE_AMOUNT, _text("5O"), False, "InvoiceAmount"),
    ("currency-lower-case", INVOICE_AMOUNT, _attr("currencyID", "gbp"), False, "currencyID"),
    ("currency-four-letters", INVOICE_AMOUNT, _attr("currencyID", "GBPX"), False, "currencyID"),
    ("mass-6-decimals", GROSS_MASS, _text("12.123456"), True, ""),
    ("mass-7-decimals", GROSS_MASS, _text("12.1234567"), False, "GrossMassMeasure"),
    ("unit-code-with-qualifier", GROSS_MASS, _attr("unitCode", "KGM#G"), True, ""),
    ("unit-code-not-rec20", GROSS_MASS, _attr("unitCode", "kilogram"), False, "unitCode"),
    ("format-code-102", DATE_TIME, _attr("formatCode", "102", "20240425"), True, ""),
    ("format-code-203", DATE_TIME, _attr("formatCode", "203"), False, "formatCode"),
    # The schema checks a date's shape; the reader checks that it exists (NORM-DATE).
    ("date-month-13", DATE_TIME, _text("20241325090243Z"), True, ""),
    ("date-with-dashes", DATE_TIME, _text("2024-04-25"), False, "DateTimeString"),
    ("date-minute-offset", DATE_TIME, _text("20240425090243+0100"), False, "DateTimeString"),
    (
        "function-code-three-digits",
        f"{DECLARATION}/dec:FunctionCode",
        _text("123"),
        False,
        "FunctionCode",
    ),
    (
        "function-code-letters",
        f"{DECLARATION}/dec:FunctionCode",
        _text("AB"),
        False,
        "FunctionCode",
    ),
    (
        "mode-code-two-digits",
        f"{DECLARATION}/dec:BorderTransportMeans/dec:ModeCode",
        _text("10"),
        False,
        "ModeCode",
    ),
    ("lrn-35-chars", LRN, _text("A" * 35), True, ""),
    ("lrn-36-chars", LRN, _text("A" * 36), False, "FunctionalReferenceID"),
    # Widened from the WCO an..3 to the NCTS an..5 (T2SM, declaration type CL231).
    ("type-code-5-chars", f"{DECLARATION}/dec:TypeCode", _text("T2SMX"), True, ""),
    ("type-code-6-chars", f"{DECLARATION}/dec:TypeCode", _text("T2SMXX"), False, "TypeCode"),
    (
        "blank-description",
        f"{GOODS_ITEM}/dec:Commodity/dec:Description",
        _text("   "),
        False,
        "Description",
    ),
    ("goods-item-sequence-99999", f"{GOODS_ITEM}/dec:SequenceNumeric", _text("99999"), True, ""),
    (
        "goods-item-sequence-6-digits",
        f"{GOODS_ITEM}/dec:SequenceNumeric",
        _text("100000"),
        False,
        "SequenceNumeric",
    ),
    ("code-list-attribute", f"{DECLARATION}/dec:TypeCode", _attr("listID", "x"), True, ""),
    (
        "scheme-attribute",
        f"{DECLARATION}/dec:FunctionalReferenceID",
        _attr("schemeAgencyID", "5"),
        True,
        "",
    ),
    (
        "scheme-agency-four-chars",
        f"{DECLARATION}/dec:FunctionalReferenceID",
        _attr("schemeAgencyID", "ABCD"),
        False,
        "schemeAgencyID",
    ),
    (
        "quantity-unit",
        f"{DECLARATION}/dec:TotalPackageQuantity",
        _attr("unitCode", "H87"),
        True,
        "",
    ),
    (
        "attribute-not-in-profile",
        f"{DECLARATION}/dec:TypeCode",
        _attr("note", "x"),
        False,
        "note",
    ),
    (
        "document-type-five-digits",
        f"{GOODS_ITEM}/dec:AdditionalDocument/dec:TypeCode",
        _text("01201"),
        True,
        "",
    ),
    (
        "document-type-six-digits",
        f"{GOODS_ITEM}/dec:AdditionalDocument/dec:TypeCode",
        _text("012010"),
        False,
        "TypeCode",
    ),
    # The Union's an4 previous document type (C605, N355; Annex B to Implementing
    # Regulation (EU) 2015/2447, data element 12 01 000 000).
    (
        "previous-document-type-an4",
        f"{DECLARATION}/dec:GoodsShipment/dec:PreviousDocument/dec:TypeCode",
        _text("C605"),
        True,
        "",
    ),
    (
        "previous-document-type-five-chars",
        f"{DECLARATION}/dec:GoodsShipment/dec:PreviousDocument/dec:TypeCode",
        _text("C6050"),
        False,
        "TypeCode",
    ),
    (
        "children-out-of-order",
        f"{DECLARATION}/dec:TypeCode",
        _move_before_previous_sibling,
        False,
        "not expected",
    ),
]


@pytest.mark.parametrize(
    ("xpath", "edit", "accepted", "reason"),
    [pytest.param(*case[1:], id=case[0]) for case in FACET_CASES],
)
def test_facet(
    schema: etree.XMLSchema,
    corpus_docs: list[tuple[Path, etree._ElementTree]],
    xpath: str,
    edit: Edit,
    accepted: bool,
    reason: str,
) -> None:
    path, doc = _first_with(corpus_docs, xpath)
    assert schema.validate(doc), f"{path.name} is not valid before the edit"
    edit(doc.xpath(xpath, namespaces=NS)[0])
    assert schema.validate(doc) is accepted, f"{path.name}: {_messages(schema)}"
    if not accepted:
        assert reason in schema.error_log[0].message, _messages(schema)


def _with_goods_items(
    corpus_docs: list[tuple[Path, etree._ElementTree]], count: int
) -> etree._ElementTree:
    _, doc = _first_with(corpus_docs, GOODS_ITEM)
    items = doc.xpath(GOODS_ITEM, namespaces=NS)
    for extra in items[1:]:
        extra.getparent().remove(extra)
    first = items[0]
    for number in range(count, 1, -1):
        item = copy.deepcopy(first)
        item.find(f"{{{DEC}}}SequenceNumeric").text = str(min(number, 999))
        first.addnext(item)
    assert len(doc.xpath(GOODS_ITEM, namespaces=NS)) == count
    return doc


def test_1999_goods_items_are_accepted(
    schema: etree.XMLSchema, corpus_docs: list[tuple[Path, etree._ElementTree]]
) -> None:
    # The 1,999 goods items of an NCTS transit declaration (CC015C, rule R0007).
    assert schema.validate(_with_goods_items(corpus_docs, 1999)), _messages(schema)


def test_2000_goods_items_are_rejected(
    schema: etree.XMLSchema, corpus_docs: list[tuple[Path, etree._ElementTree]]
) -> None:
    assert not schema.validate(_with_goods_items(corpus_docs, 2000))
    first = schema.error_log[0]
    assert first.type_name == UNEXPECTED_CHILD
    assert f"{{{DEC}}}GovernmentAgencyGoodsItem" in first.message


def test_metadata_without_declaration_is_rejected(
    schema: etree.XMLSchema, corpus_docs: list[tuple[Path, etree._ElementTree]]
) -> None:
    _, doc = _first_with(corpus_docs, DECLARATION)
    root = doc.getroot()
    root.remove(root.find(f"{{{DEC}}}Declaration"))
    assert not schema.validate(doc)
    assert schema.error_log[0].type_name == UNEXPECTED_CHILD  # a required child is missing
    assert f"{{{DEC}}}Declaration" in schema.error_log[0].message


def test_inner_element_is_not_a_document_root(
    schema: etree.XMLSchema, corpus_docs: list[tuple[Path, etree._ElementTree]]
) -> None:
    _, doc = _first_with(corpus_docs, f"{DECLARATION}/dec:GoodsShipment")
    shipment = doc.xpath(f"{DECLARATION}/dec:GoodsShipment", namespaces=NS)[0]
    assert not schema.validate(etree.ElementTree(copy.deepcopy(shipment)))
    assert schema.error_log[0].type_name == NO_GLOBAL_DECLARATION


# --------------------------------------------------------------------------------------------
# xmlschema, the slower validator the library uses to explain failures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def xml_schema() -> object:
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(PROFILE))


def test_xmlschema_accepts_a_sample_of_the_corpus(xml_schema: object) -> None:
    _require_corpus()
    sample = _corpus_files()[::15]
    assert len(sample) >= 20
    for path in sample:
        errors = list(xml_schema.iter_errors(etree.parse(str(path))))
        assert not errors, f"{path.name}: {errors[0]}"


def test_xmlschema_explains_the_unknown_element(xml_schema: object) -> None:
    path = MALFORMED / "example_submission_declaration_400.xml"
    if not path.is_file():
        pytest.skip(NO_CORPUS)
    doc = etree.parse(str(path))
    errors = list(xml_schema.iter_errors(doc))
    assert errors
    assert errors[0].invalid_tag == f"{{{DEC}}}unknown"  # type: ignore[attr-defined]
    # xmlschema reports a content-model error on the parent whose children are wrong.
    assert errors[0].sourceline == doc.getroot().find(f"{{{DEC}}}Declaration").sourceline


@pytest.mark.parametrize(
    ("element", "path"),
    [
        (
            b'<GrossMassMeasure unitCode="KGM">1250.000<',
            "GoodsShipment/GovernmentAgencyGoodsItem[1]/Commodity/GoodsMeasure/GrossMassMeasure",
        ),
        (b'<InvoiceAmount currencyID="USD">18400.00<', "InvoiceAmount"),
        (b"<TotalPackageQuantity>40<", "TotalPackageQuantity"),
    ],
)
def test_a_negative_number_is_a_schema_error_at_the_value(element: bytes, path: str) -> None:
    import single_window as sw

    example = (REPO / "examples" / "tr-import.xml").read_bytes()
    assert element in example
    start = element.index(b">") + 1
    data = example.replace(element, element[:start] + b"-" + element[start:], 1)
    report = sw.check(data)
    schema = [f for f in report.findings if f.rule == "XSD"]
    assert [(f.severity.value, f.path) for f in schema] == [
        ("error", f"/MetaData/Declaration/{path}")
    ], [f.to_dict() for f in report.findings]
    assert report.verdict is sw.Verdict.REJECT
