"""How findings read as text: ``str(finding)``, the text format's line, the XML-LIMIT message."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from test_reporters import HS_PATH, render, write_rejected

import single_window as sw
from single_window import Finding, Report, Severity, Verdict


def test_str_of_a_finding_is_one_readable_line(tmp_path: object) -> None:
    report = sw.check(write_rejected(tmp_path))  # type: ignore[arg-type]
    (finding,) = report.errors
    text = str(finding)
    assert text == (f"TR-HS-LENGTH [TR] line {finding.line}: {finding.message} ({HS_PATH})")
    assert "severity=" not in text and "\n" not in text


@pytest.mark.parametrize(
    ("finding", "text"),
    [
        (
            Finding(rule="XML-IO", severity=Severity.ERROR, message="cannot read input: gone"),
            "XML-IO: cannot read input: gone",
        ),
        (
            Finding(
                rule="XML-SYNTAX",
                severity=Severity.ERROR,
                message="not well-formed\nXML",
                line=3,
                column=7,
            ),
            "XML-SYNTAX line 3:7: not well-formed XML",
        ),
        (
            Finding(
                rule="WCO-TOTAL-PACKAGES",
                severity=Severity.WARNING,
                message="3 packages, items say 4",
                line=9,
                path="/MetaData/Declaration/TotalPackageQuantity",
            ),
            "WCO-TOTAL-PACKAGES line 9: warning: 3 packages, items say 4 "
            "(/MetaData/Declaration/TotalPackageQuantity)",
        ),
        (
            Finding(rule="X", severity=Severity.INFO, message="a\x1b[2Jb\u202ec"),
            "X: info: a\\x1b[2Jb\\u202ec",
        ),
    ],
)
def test_str_shows_only_what_is_known(finding: Finding, text: str) -> None:
    assert str(finding) == text


def test_the_text_format_prints_a_column_only_when_known() -> None:
    report = Report(
        source="a.xml",
        verdict=Verdict.REJECT,
        findings=[
            Finding(rule="TR-HS-LENGTH", severity=Severity.ERROR, message="m", line=4),
            Finding(rule="XSD", severity=Severity.ERROR, message="m", line=5, column=3),
        ],
    )
    assert render("text", [report]).splitlines() == [
        "a.xml:4: TR-HS-LENGTH m",
        "a.xml:5:3: XSD m",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"<a>" * 300 + b"</a>" * 300,
        b'<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><ID>'
        + b"x" * 10_000_001
        + b"</ID></Declaration>",
    ],
    ids=["too-deep", "text-too-long"],
)
def test_a_limit_finding_says_what_the_limits_are_not_how_to_lift_them(data: bytes) -> None:
    limits = sw.Limits(max_bytes=2**26, max_text=2**25)
    (finding,) = sw.validate(data, limits=limits).findings
    assert finding.rule == "XML-LIMIT"
    assert "XML_PARSE_HUGE" not in finding.message
    assert "256 levels" in finding.message
    assert "10,000,000 characters" in finding.message


def test_a_check_report_lists_the_packs_that_ran() -> None:
    report = sw.check(EXAMPLES / "tr-import.xml")
    assert report.packs == ("baseline", "TR", "UZ")
    assert report.to_dict()["packs"] == ["baseline", "TR", "UZ"]
    assert list(report.to_dict()) == [
        "source",
        "lang",
        "declaration",
        "verdict",
        "countries",
        "route",
        "packs",
        "findings",
    ]
    assert report.route == ("UZ", "TR")
    assert report.countries["TR"].roles == ("declaring", "destination")
    assert report.countries["UZ"].roles == ("export",)
    assert not report.country_neutral_only
    neutral = sw.check(EXAMPLES / "tr-import.xml", countries=[])
    assert neutral.packs == ("baseline",)
    assert neutral.country_neutral_only
    unread = sw.check(b"<a")
    assert unread.packs == ()
    assert not unread.country_neutral_only
    assert Report.from_dict(report.to_dict()) == report
