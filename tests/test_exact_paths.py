"""Every finding's path names exactly one element of the declaration, at its line.

Checked at every stage (the schema, the reader, the rules) on declarations mutated as a
sender might get them wrong: an element that occurs once given twice, an element the
model does not have (in another namespace, named like its neighbour), a required element
left out; written indented or all on one line.
"""

from __future__ import annotations

from _exact_paths import assert_exact, mutated
from _maximal import canonical
from conftest import EXAMPLES, REPO
from hypothesis import given
from lxml import etree

import single_window as sw
from single_window.formats import registry

DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
WCO = registry().get("wco")
LAX = {
    "MetaData": REPO / "tests" / "golden" / "lax-metadata.xsd",
    "Declaration": REPO / "tests" / "golden" / "lax-declaration.xsd",
}


def _bare(data: bytes) -> bytes:
    """The declaration of an example without its MetaData envelope."""
    root = etree.fromstring(data)
    declaration = root.find(f"{{{DEC}}}Declaration")
    assert declaration is not None
    return etree.tostring(declaration)


_EXAMPLES = [(EXAMPLES / name).read_bytes() for name in ("tr-import.xml", "middle-corridor.xml")]
#: Declarations that break rules, so that the rules report on what the mutations leave.
_FAULTS = [
    (EXAMPLES / "faults" / name).read_bytes()
    for name in (
        "tr-import-hs-length.xml",
        "hu-import-withdrawn-currency.xml",
        "middle-corridor-tir-no-seals.xml",
        "tr-ge-t1-grn-check-digit.xml",
        "uz-import-no-declarant-id.xml",
    )
]
DOCUMENTS = [*_EXAMPLES, _bare(_EXAMPLES[0]), *_FAULTS]


def _checked(data: bytes, lax: bool) -> list[sw.Finding]:
    """The findings of ``check``; with ``lax``, under a schema that lets everything
    through, so that the reader and the rules run on whatever the document holds."""
    schema = LAX[etree.QName(etree.fromstring(data)).localname] if lax else None
    return list(sw.check(data, schema=schema).findings)


def _assert_exact(data: bytes, findings: list[sw.Finding]) -> None:
    assert_exact(data, findings, WCO.shape, WCO.namespaces)


@given(mutated(DOCUMENTS, DEC))
def test_every_finding_of_a_mutated_declaration_names_exactly_its_element(data: bytes) -> None:
    _assert_exact(data, _checked(data, lax=False))
    _assert_exact(data, _checked(data, lax=True))


# --- each stage, one case each ---------------------------------------------------------

CORRIDOR = (EXAMPLES / "middle-corridor.xml").read_bytes()
DECLARATION = "/MetaData/Declaration"


def _one_line(data: bytes) -> bytes:
    """The document with every element on line 1."""
    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True)
    return etree.tostring(etree.fromstring(data, parser))


def _changed(data: bytes, old: bytes, new: bytes) -> bytes:
    assert old in data
    return data.replace(old, new, 1)


def test_a_duplicated_single_element_on_one_line_is_indexed_at_every_stage() -> None:
    mass = b'<TotalGrossMassMeasure unitCode="KGM">34650.000</TotalGrossMassMeasure>'
    data = _one_line(_changed(CORRIDOR, mass, mass + mass.replace(b"34650.000", b"1.000")))
    result = sw.validate(data)
    mass_path = f"{DECLARATION}/TotalGrossMassMeasure"
    # libxml2 reports the second copy; on one line only its node path tells which.
    assert [(f.path, f.value) for f in result.findings if f.rule == "XSD"] == [
        (f"{mass_path}[2]", "1.000")
    ]
    unmapped = [f.path for f in result.findings if f.rule == "MODEL-UNMAPPED"]
    assert unmapped == [f"{mass_path}[2]"]
    assert result.declaration is not None
    kept = result.declaration.total_gross_mass_measure
    assert kept is not None and kept.path == f"{mass_path}[1]"
    _assert_exact(data, _checked(data, lax=False))
    _assert_exact(data, _checked(data, lax=True))


def test_a_rule_reports_on_the_first_copy_of_a_duplicated_element() -> None:
    fault = (EXAMPLES / "faults" / "tr-import-hs-length.xml").read_bytes()
    root = etree.fromstring(fault)
    code = root.find(f".//{{{DEC}}}Classification/{{{DEC}}}ID")
    assert code is not None and code.text is not None
    hs = f"<ID>{code.text}</ID>".encode()
    data = _changed(fault, hs, hs + b"<ID>7318159000</ID>")
    findings = _checked(data, lax=True)
    item = f"{DECLARATION}/GoodsShipment/GovernmentAgencyGoodsItem[1]/Commodity/Classification[1]"
    assert ("TR-HS-LENGTH", f"{item}/ID[1]") in [(f.rule, f.path) for f in findings]
    assert ("MODEL-UNMAPPED", f"{item}/ID[2]") in [(f.rule, f.path) for f in findings]
    _assert_exact(data, findings)


def test_when_the_first_copy_does_not_read_the_second_is_the_models_under_its_index() -> None:
    count = b"<TotalPackageQuantity>1600</TotalPackageQuantity>"
    data = _changed(CORRIDOR, count, count.replace(b"1600", b"many") + count)
    result = sw.validate(data)
    count_path = f"{DECLARATION}/TotalPackageQuantity"
    assert [(f.rule, f.path) for f in result.findings if f.rule.startswith("NORM")] == [
        ("NORM-NUMBER", f"{count_path}[1]")
    ]
    assert result.declaration is not None
    kept = result.declaration.total_package_quantity
    assert kept is not None and kept.value == 1600 and kept.path == f"{count_path}[2]"
    _assert_exact(data, _checked(data, lax=False))
    _assert_exact(data, _checked(data, lax=True))
    assert canonical(result.declaration.to_xml()) == canonical(data)


def test_a_second_date_string_in_a_date_has_its_own_index() -> None:
    stamp = b'<ds:DateTimeString formatCode="304">20261112093000+05</ds:DateTimeString>'
    data = _changed(CORRIDOR, stamp, stamp + stamp.replace(b"2026", b"2027"))
    result = sw.validate(data)
    issued = f"{DECLARATION}/IssueDateTime/DateTimeString"
    assert result.declaration is not None and result.declaration.issue_date_time is not None
    assert result.declaration.issue_date_time.path == f"{issued}[1]"
    unmapped = [f.path for f in result.findings if f.rule == "MODEL-UNMAPPED"]
    assert unmapped == [f"{issued}[2]"]
    _assert_exact(data, _checked(data, lax=False))
    _assert_exact(data, _checked(data, lax=True))


def test_a_second_declaration_in_the_envelope_makes_the_first_one_declaration_1() -> None:
    root = etree.fromstring(CORRIDOR)
    declaration = root.find(f"{{{DEC}}}Declaration")
    assert declaration is not None
    root.append(etree.fromstring(etree.tostring(declaration)))
    data = etree.tostring(root)
    result = sw.validate(data)
    assert result.declaration is not None
    assert result.declaration.path == "/MetaData/Declaration[1]"
    unmapped = [f.path for f in result.findings if f.rule == "MODEL-UNMAPPED"]
    assert unmapped == ["/MetaData/Declaration[2]"]
    _assert_exact(data, _checked(data, lax=False))


def test_an_element_of_another_namespace_named_like_its_neighbour_names_its_namespace() -> None:
    data = _changed(
        CORRIDOR, b"<TypeCode>", b'<x:TypeCode xmlns:x="urn:example:x">Q</x:TypeCode><TypeCode>'
    )
    result = sw.validate(data)
    foreign = f"{DECLARATION}/{{urn:example:x}}TypeCode"
    assert [f.path for f in result.findings if f.rule in ("XSD", "MODEL-UNMAPPED")] == [
        foreign,
        foreign,
    ]
    assert result.declaration is not None and result.declaration.type_code is not None
    assert result.declaration.type_code.path == f"{DECLARATION}/TypeCode"
    _assert_exact(data, _checked(data, lax=False))
    _assert_exact(data, _checked(data, lax=True))
