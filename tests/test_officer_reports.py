"""Reports read right to the people who act on them: a rejected declaration never shows
every country accepting, the HTML page names files as they sit below the folder checked
and says how many more it left out, report texts speak no Python, lines stay inside the
file, and each WCO response names the input it answers."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS_ROOT, EXAMPLES, REPO
from lxml import etree

import single_window as sw
from single_window.codes import STAGE_CODES
from single_window.findings import Finding, Report, Severity, Verdict
from single_window.reporters import ReportContext, write_reports
from single_window.reporters._base import route_stops, route_text
from single_window.reporters._html import MAX_SEEN_IN, excerpt
from single_window.reporters._labels import AGENCIES, LABELS, STAGE_TITLES, text, verdict
from single_window.reporters._wco_response import RESPONSE_NS, SOURCE_STATEMENT

FAULTS = EXAMPLES / "faults"


def render(name: str, reports: list[Report], **context: object) -> str:
    out = io.StringIO()
    write_reports(name, reports, out, ReportContext(**context))  # type: ignore[arg-type]
    return out.getvalue()


def every_example() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*.xml"))


def neutral_error(report: Report) -> bool:
    return any(f.country is None and f.severity is Severity.ERROR for f in report.findings)


# --- the route ---------------------------------------------------------------------------------


def test_the_examples_include_transit_declarations_rejected_by_a_country_neutral_rule() -> None:
    rejected = [
        p
        for p in FAULTS.glob("*.xml")
        if (r := sw.check(p)).verdict is Verdict.REJECT
        and neutral_error(r)
        and len(route_stops(r)) >= 2
        and all(s.verdict != "reject" for s in route_stops(r))
    ]
    assert len(rejected) >= 5  # what the tests below are about


@pytest.mark.parametrize("path", every_example(), ids=lambda p: p.name)
def test_a_route_line_never_shows_every_country_accepting_a_rejected_declaration(
    path: Path,
) -> None:
    report = sw.check(path)
    lines = [line for line in render("text", [report]).splitlines() if line.startswith(f"{path}: ")]
    routes = [line for line in lines if "->" in line]
    if not routes:
        assert (
            len(route_stops(report)) < 2
            or report.declaration is None
            or (report.declaration.kind != "transit")
        )
        return
    (line,) = routes
    assert line == f"{path}: " + text("route-note", route=route_text(report))
    marker = text("route-all-reject", verdict=verdict("reject"), route="")
    assert line.split(": ", 2)[2].startswith(marker) == neutral_error(report)
    if report.verdict is Verdict.REJECT:
        words = re.split(r" -> |; ", line.split(": ", 2)[2])
        assert any(verdict("reject") in word.split() for word in words), line


def test_the_route_line_leads_with_the_country_neutral_rejection() -> None:
    path = FAULTS / "tr-ge-t1-no-guarantee.xml"
    report = sw.check(path)
    assert [(f.rule, f.country) for f in report.errors] == [("TRANSIT-GUARANTEE", None)]
    assert {c: v.verdict for c, v in report.countries.items()} == {
        "TR": Verdict.ACCEPT,
        "GE": Verdict.ACCEPT,
    }
    (line,) = [ln for ln in render("text", [report]).splitlines() if "->" in ln]
    marker = text("route-all-reject", verdict=verdict("reject"), route="")
    assert line.split(": ", 2)[2].startswith(marker)


def test_the_html_route_of_a_declaration_rejected_by_a_country_neutral_rule_says_so() -> None:
    reports = [sw.check(p) for p in every_example()]
    page = etree.HTML(render("html", reports))
    for report, index in zip(reports, range(1, len(reports) + 1), strict=True):
        if not report.findings:
            continue
        (article,) = page.xpath(f'//article[@id="d{index}"]')
        marked = article.xpath('.//span[@data-all-countries="reject"]')
        assert bool(marked) == neutral_error(report), report.source
        if report.verdict is Verdict.REJECT:
            chips = article.xpath('.//p[@class="meta"]//span[contains(@class, "chip")]')
            assert any("reject" in c.get("class").split() for c in chips), report.source


# --- Seen in -----------------------------------------------------------------------------------


def _same_name_in_folders(tmp_path: Path, count: int) -> list[Report]:
    """``count`` copies of one rejected declaration, named ``x.xml`` in folders a, b, ..."""
    reports = []
    for n in range(count):
        folder = tmp_path / "declarations" / f"f{n:02d}"
        folder.mkdir(parents=True)
        shutil.copy(FAULTS / "tr-import-hs-length.xml", folder / "x.xml")
        reports.append(sw.check(folder / "x.xml"))
    return reports


def test_seen_in_names_files_below_the_folder_checked_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    count = MAX_SEEN_IN + 3
    reports = _same_name_in_folders(tmp_path, count)
    assert Path(reports[0].source).is_absolute()
    page = etree.HTML(render("html", reports))
    (cell,) = page.xpath('//tr[@data-rule="TR-HS-LENGTH"]/td[contains(@class, "seen")]')
    names = cell.xpath("./a/text()")
    assert names == [f"f{n:02d}/x.xml" for n in range(MAX_SEEN_IN)]
    (more,) = cell.xpath('./span[@class="more"]')
    assert more.text == LABELS("html-seen-more", count=count - MAX_SEEN_IN).render()
    (note,) = page.xpath('//p[@id="relative-to"]')
    assert note.xpath("./code/text()") == [str(tmp_path / "declarations")]


def test_seen_in_counts_nothing_more_when_every_declaration_is_named(tmp_path: Path) -> None:
    page = etree.HTML(render("html", _same_name_in_folders(tmp_path, 2)))
    (cell,) = page.xpath('//tr[@data-rule="TR-HS-LENGTH"]/td[contains(@class, "seen")]')
    assert cell.xpath("./a/text()") == ["f00/x.xml", "f01/x.xml"]
    assert cell.xpath("./span") == []


def test_seen_in_names_files_as_given_when_they_share_no_folder() -> None:
    report = sw.check((FAULTS / "tr-import-hs-length.xml").read_bytes())
    page = etree.HTML(render("html", [report]))
    (cell,) = page.xpath('//tr[@data-rule="TR-HS-LENGTH"]/td[contains(@class, "seen")]')
    assert cell.xpath("./a/text()") == ["<bytes>"]
    assert page.xpath('//p[@id="relative-to"]') == []


# --- words for officers ------------------------------------------------------------------------

#: What only a Python programmer reads: calls, keyword arguments, Python's None/True/False,
#: the library's classes and options, code spans.
PYTHON = re.compile(
    r"\(\)|\w=|\bNone\b|\bTrue\b|\bFalse\b|\bLimits\b|\bcheck_many\b|\bstr\b|\bbytes\b|`"
    r"|\bread\(|\bvalidate returns\b"
)


def test_no_report_label_speaks_python() -> None:
    from single_window._i18n import template

    ids = [t.id(k) for t in (LABELS, AGENCIES, STAGE_TITLES) for k in t.keys]
    offending = {i: f for i in ids for f in template(i).forms if PYTHON.search(f)}
    assert not offending


@pytest.mark.parametrize("code", [c.code for c in STAGE_CODES])
def test_every_stage_code_has_a_title_for_reports_that_speaks_no_python(code: str) -> None:
    title = ReportContext().title(code)
    assert title and not PYTHON.search(title)
    assert title == STAGE_TITLES(code).render()


def test_the_findings_a_batch_can_show_name_no_library_option() -> None:
    from single_window._i18n import template

    for message_id in ("RULE-CAPPED.capped", "RULE-LIMIT.too-long"):
        assert not PYTHON.search(template(message_id).text), message_id


# --- lines -------------------------------------------------------------------------------------


def _lines(data: bytes) -> int:
    """How many lines the parser counts in a document (LF, CRLF and CR end a line)."""
    return len(re.split(rb"\r\n|\r|\n", data))


def _documents() -> list[Path]:
    corpus = [p for p in CORPUS_ROOT.rglob("*") if p.suffix.lower() == ".xml"]
    return sorted([*EXAMPLES.rglob("*.xml"), *(REPO / "tests" / "golden").glob("*.xml"), *corpus])


def test_no_finding_names_a_line_beyond_its_file() -> None:
    checked = 0
    for path in _documents():
        data = path.read_bytes()
        last = _lines(data)
        for finding in sw.check(path).findings:
            assert finding.line is None or 1 <= finding.line <= last, (path, finding)
        checked += 1
    assert checked >= len(list(EXAMPLES.rglob("*.xml")))


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_an_excerpt_shows_the_line_a_finding_names_whatever_the_line_ends(
    line_end: bytes,
) -> None:
    data = (FAULTS / "tr-import-hs-length.xml").read_bytes().replace(b"\n", line_end)
    (finding,) = sw.check(data).findings
    assert finding.rule == "TR-HS-LENGTH"
    shown = dict(excerpt(data, finding.line or 0))
    assert "<ID>7318159000</ID>" in shown[finding.line or 0]
    assert not any("\\x0d" in line for line in shown.values())


def test_an_excerpt_splits_lines_only_where_xml_does() -> None:
    data = "<a>\n<b>x\u2028y\x85z\x0c</b>\n<c/>\n</a>".encode()
    shown = dict(excerpt(data, 3))
    assert shown[3] == "<c/>"
    assert list(shown) == [1, 2, 3, 4]


def test_an_excerpt_of_a_line_past_the_end_is_empty() -> None:
    assert excerpt(b"<a>\n</a>\n", 4) == []


def test_an_excerpt_reads_the_encoding_the_document_declares() -> None:
    text = '<?xml version="1.0" encoding="windows-1251"?>\n<a>Қазақстан</a>\n'
    assert dict(excerpt(text.encode("cp1251", "replace"), 2))[2] == "<a>Қазақстан</a>".encode(
        "cp1251", "replace"
    ).decode("cp1251")
    assert dict(excerpt(text.replace("windows-1251", "UTF-16").encode("utf-16"), 2))[2] == (
        "<a>Қазақстан</a>"
    )


# --- WCO responses -----------------------------------------------------------------------------


def test_each_wco_response_names_the_input_it_answers() -> None:
    paths = [FAULTS / "tr-import-hs-length.xml", EXAMPLES / "tr-import.xml"]
    reports = [sw.check(p) for p in paths] + [sw.check(b"<Declaration")]
    root = etree.fromstring(render("wco-response", reports).encode())
    ns = {"r": RESPONSE_NS}
    responses = root.findall("r:Response", ns)
    assert len(responses) == 3
    for response, report in zip(responses, reports, strict=True):
        (info,) = response.findall("r:AdditionalInformation", ns)
        assert info.findtext("r:StatementDescription", namespaces=ns) == report.source
        assert info.findtext("r:StatementTypeCode", namespaces=ns) == SOURCE_STATEMENT
        reference = response.findtext("r:Declaration/r:FunctionalReferenceID", namespaces=ns)
        expected = report.declaration.id if report.declaration is not None else None
        assert reference == expected
    # the schema's order: FunctionCode, FunctionalReferenceID, IssueDateTime,
    # AdditionalInformation, ..., Error, ..., Declaration
    names = [etree.QName(e).localname for e in responses[0]]
    assert names[:4] == [
        "FunctionCode",
        "FunctionalReferenceID",
        "IssueDateTime",
        "AdditionalInformation",
    ]
    assert names.index("Error") < names.index("Declaration")


def test_a_wco_response_names_a_long_input_within_the_element_length() -> None:
    report = Report(
        source="d/" * 400 + "x.xml",
        verdict=Verdict.REJECT,
        findings=[Finding(rule="XML-SYNTAX", severity=Severity.ERROR, message="m")],
    )
    root = etree.fromstring(render("wco-response", [report]).encode())
    said = root.findtext(
        f"{{{RESPONSE_NS}}}Response/{{{RESPONSE_NS}}}AdditionalInformation/"
        f"{{{RESPONSE_NS}}}StatementDescription"
    )
    assert said is not None and len(said) == 512 and report.source.startswith(said)
