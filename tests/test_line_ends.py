"""Findings sit on the same line whatever line ends the file uses (LF, CRLF or CR alone).

libxml2 counts only LF as a line end; a file with CR-only line ends (old Mac) would
put every finding on line 1 unless the reader reads a lone CR as LF, as XML 1.0's
end-of-line handling says it means.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES
from lxml import etree

import single_window as sw

DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"


def _as(data: bytes, line_end: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", line_end)


def _rejected() -> bytes:
    """The TR import example with a 10-digit commodity code (TR-HS-LENGTH) and an
    unknown element (XSD)."""
    tree = etree.parse(str(EXAMPLES / "tr-import.xml"))
    code = tree.find(f".//{{{DEC}}}Classification/{{{DEC}}}ID")
    assert code is not None
    code.text = "7318159000"
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _located(report: sw.Report) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.path, f.line) for f in report.findings]


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_rule_findings_are_on_the_same_lines(line_end: bytes) -> None:
    lf = _rejected()
    expected = _located(sw.check(lf))
    assert "TR-HS-LENGTH" in [rule for rule, _, _ in expected]
    assert all(line is not None and line > 1 for _, _, line in expected)
    assert _located(sw.check(_as(lf, line_end))) == expected


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_schema_findings_are_on_the_same_lines(line_end: bytes) -> None:
    lf = _rejected().replace(b"<TypeCode>", b"<Mystery>x</Mystery>\n<TypeCode>", 1)
    expected = _located(sw.check(lf))
    assert expected and expected[0][0] == "XSD"
    assert expected[0][2] is not None and expected[0][2] > 1
    assert _located(sw.check(_as(lf, line_end))) == expected


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_syntax_findings_are_on_the_same_line_and_column(line_end: bytes) -> None:
    lf = _rejected().replace(b"</TypeCode>", b"</TypeCod>", 1)
    (finding,) = sw.validate(lf).findings
    assert finding.rule == "XML-SYNTAX"
    assert finding.line is not None and finding.line > 1
    (again,) = sw.validate(_as(lf, line_end)).findings
    assert (again.rule, again.line, again.column) == (finding.rule, finding.line, finding.column)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_cr_only_utf16_documents_are_on_the_same_lines(codec: str) -> None:
    text = (
        _rejected()
        .decode("utf-8")
        .replace(
            "<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0" encoding="UTF-16"?>'
        )
    )
    expected = _located(sw.check(text.encode(codec)))
    assert "TR-HS-LENGTH" in [rule for rule, _, _ in expected]
    data = text.replace("\n", "\r").encode(codec)
    if codec != "utf-16":  # no BOM: the declaration tells the byte order
        assert data[:2] in (b"<\x00", b"\x00<")
    assert _located(sw.check(data)) == expected


def test_a_cr_only_file_read_from_disk_reports_real_lines(tmp_path: Path) -> None:
    path = tmp_path / "mac.xml"
    path.write_bytes(_as(_rejected(), b"\r"))
    report = sw.check(path)
    lines = {f.line for f in report.findings}
    assert lines and 1 not in lines


def test_lone_crs_among_lf_lines_are_counted_too() -> None:
    lf = _rejected()
    lines = lf.split(b"\n")
    mixed = (
        b"\n".join(line + (b"\r" if i % 2 else b"") for i, line in enumerate(lines[:-1])).replace(
            b"\r\n", b"\r"
        )
        + b"\n"
        + lines[-1]
    )
    assert b"\r" in mixed and b"\n" in mixed
    assert _located(sw.check(mixed)) == _located(sw.check(lf))
