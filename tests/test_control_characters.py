"""Control and bidi characters from a declaration or a rule pack never reach the output raw.

A right-to-left override (U+202E) reorders what a browser, an editor or a CI page shows;
ESC, BEL and the C1 CSI (U+009B) drive a terminal. They can come from a declaration
value (XML carries C1 and bidi characters), from a rule pack's title, message or source
(TOML carries any character as an escape) and from reports built by hand. Every format
shows them as visible escapes (``\\u202e``), except JSON, which keeps every value exact
and writes these characters as JSON escapes.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES
from lxml import etree
from test_cli import cli, one_error_line

from single_window import (
    CountryVerdict,
    DeclarationSummary,
    Finding,
    Report,
    Severity,
    Verdict,
    check,
)
from single_window.reporters import (
    REPORTER_BY_NAME,
    BatchSummary,
    ReportContext,
    write_reports,
)
from single_window.reporters._console import write_summary
from single_window.rules import RuleSet, list_rules

#: Characters no output may hold raw (listed here, apart from the code that escapes them).
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
#: A reference number XML can carry: a bidi override and isolate, a C1 CSI, DEL, RLM, ALM.
HOSTILE_ID = "TR-\u202eIMPORT\x9b31m\u2066\x7f\u200f\u061c-0001"
#: A commodity code that the hostile pack's rule and the baseline both reject.
HOSTILE_CODE = "7318\u202e1590"
HOSTILE_TITLE = "Evil \u202e title \x1b[31m red \x9b31m \x07"
HOSTILE_MESSAGE = "value {value} \u202e\x1b]0;pwned\x07 \u2066 end"

PACK = r"""
[pack]
country = "TR"
name = "T\u202eurkiye \u001b[31m"
currency = "TRY"
member = "member"
summary = "s\u001b]0;pwned\u0007"

[[rules]]
id = "TR-EVIL"
title = "Evil \u202e title \u001b[31m red \u009b31m \u0007"
agency = "customs"
severity = "error"
scope = "item"
check = { kind = "length", field = "commodity_code", lengths = [12] }
message = "value {value} \u202e\u001b]0;pwned\u0007 \u2066 end"
source = "https://example.org/ok\u202eevil"
why = "w\u001b[2J"
"""


def _no_raw(text: str) -> None:
    found = sorted({f"U+{ord(m.group()):04X}" for m in RAW.finditer(text.replace("\n", ""))})
    assert found == [], found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, RuleSet, Report]:
    folder = tmp_path_factory.mktemp("hostile")
    pack = folder / "tr.toml"
    pack.write_text(PACK, encoding="utf-8")
    source = (EXAMPLES / "tr-import.xml").read_text(encoding="utf-8")
    source = source.replace(">TR-IMPORT-0001<", f">{HOSTILE_ID}<", 1)
    source = source.replace("<ID>731815900019</ID>", f"<ID>{HOSTILE_CODE}</ID>", 1)
    declaration = folder / "hostile.xml"
    declaration.write_text(source, encoding="utf-8")
    rules = RuleSet.from_paths([pack], replace=True)
    report = check(declaration, rules=rules)
    assert report.declaration is not None and report.declaration.id == HOSTILE_ID
    evil = [f for f in report.findings if f.rule == "TR-EVIL"]
    assert [f.value for f in evil] == [HOSTILE_CODE]
    assert "\x1b]0;pwned\x07" in evil[0].message  # the model keeps the pack's text as written
    return declaration, pack, rules, report


def _render(name: str, reports: list[Report], rules: RuleSet | None = None) -> str:
    out = io.StringIO()
    context = ReportContext(rules=list_rules(rules=rules) if rules else list_rules())
    write_reports(name, reports, out, context)
    return out.getvalue()


# -- every format, with a hostile declaration value and a hostile pack ------------------------


@pytest.mark.parametrize("fmt", list(REPORTER_BY_NAME))
def test_every_format_shows_no_raw_control_character(
    fmt: str, hostile: tuple[Path, Path, RuleSet, Report]
) -> None:
    _, _, rules, report = hostile
    out = _render(fmt, [report], rules)
    _no_raw(out)
    assert "TR-EVIL" in out


def test_text_shows_the_value_and_the_message_escaped(
    hostile: tuple[Path, Path, RuleSet, Report],
) -> None:
    out = _render("text", [hostile[3]], hostile[2])
    (line,) = [line for line in out.splitlines() if "TR-EVIL" in line]
    assert "value 7318\\u202e1590 \\u202e\\x1b]0;pwned\\x07 \\u2066 end" in line


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_every_value_exact(
    fmt: str, hostile: tuple[Path, Path, RuleSet, Report]
) -> None:
    report = hostile[3]
    out = _render(fmt, [report], hostile[2])
    assert "\\u202e" in out  # written as a JSON escape
    data = json.loads(out)[0] if fmt == "json" else json.loads(out)
    expected = report.to_dict()
    assert data["declaration"] == expected["declaration"]
    assert data["findings"] == expected["findings"]


def test_sarif_shows_the_pack_title_and_message_escaped(
    hostile: tuple[Path, Path, RuleSet, Report],
) -> None:
    log = json.loads(_render("sarif", [hostile[3]], hostile[2]))
    run = log["runs"][0]
    (rule,) = [r for r in run["tool"]["driver"]["rules"] if r["id"] == "TR-EVIL"]
    for text in (rule["shortDescription"]["text"], rule["fullDescription"]["text"]):
        _no_raw(text)
        assert "Evil \\u202e title \\x1b[31m red \\x9b31m \\x07" in text
    _no_raw(rule["help"]["text"])
    assert rule["helpUri"] == "https://example.org/ok"
    (result,) = [r for r in run["results"] if r["ruleId"] == "TR-EVIL"]
    _no_raw(result["message"]["text"])
    assert "\\x1b]0;pwned\\x07" in result["message"]["text"]
    assert result["properties"]["value"] == "7318\\u202e1590"


def test_html_shows_the_pack_title_and_the_reference_escaped(
    hostile: tuple[Path, Path, RuleSet, Report],
) -> None:
    page = etree.HTML(_render("html", [hostile[3]], hostile[2]))
    (row,) = page.xpath('//section[@id="rules"]//tr[@data-rule="TR-EVIL"]')
    assert "Evil \\u202e title \\x1b[31m red \\x9b31m \\x07" in "".join(row.itertext())
    meta = "".join(page.xpath('//article//p[@class="meta"]')[0].itertext())
    assert "TR-\\u202eIMPORT\\x9b31m\\u2066\\x7f\\u200f\\u061c-0001" in meta


def test_junit_and_the_wco_response_show_the_message_escaped(
    hostile: tuple[Path, Path, RuleSet, Report],
) -> None:
    junit = etree.fromstring(_render("junit", [hostile[3]], hostile[2]).encode())
    (failure,) = junit.xpath('//failure[@type="TR-EVIL"]')
    assert "\\x1b]0;pwned\\x07" in failure.get("message")
    response = etree.fromstring(_render("wco-response", [hostile[3]], hostile[2]).encode())
    texts = "".join(response.itertext())
    assert "\\x1b]0;pwned\\x07" in texts
    assert "TR-\\u202eIMPORT" in texts


# -- every format, with every field of a report built by hand ---------------------------------

EVIL = "X\x1b[2J\u202e\x9b\x07"


def _hand_built() -> Report:
    finding = Finding(
        rule=f"R-{EVIL}",
        severity=Severity.ERROR,
        message=f"m{EVIL}\nsecond line",
        country=f"C{EVIL}",
        agency=f"a{EVIL}",
        path=f"/p{EVIL}",
        line=3,
        value=f"v{EVIL}",
    )
    return Report(
        source=f"s{EVIL}.xml",
        declaration=DeclarationSummary(
            id=f"i{EVIL}", type=f"t{EVIL}", function=f"f{EVIL}", kind="transit"
        ),
        verdict=Verdict.REJECT,
        countries={
            f"K{EVIL}": CountryVerdict(verdict=Verdict.REJECT, errors=1, roles=("departure",)),
            "TR": CountryVerdict(verdict=Verdict.ACCEPT, roles=("destination",)),
        },
        route=(f"K{EVIL}", f"U{EVIL}", "TR"),
        packs=("baseline", "TR"),
        findings=[finding],
    )


@pytest.mark.parametrize("fmt", list(REPORTER_BY_NAME))
def test_every_field_of_a_report_built_by_hand_is_neutralized(fmt: str) -> None:
    out = _render(fmt, [_hand_built()])
    _no_raw(out)
    if fmt in ("json", "jsonl"):
        data = json.loads(out)[0] if fmt == "json" else json.loads(out)
        assert data["findings"][0]["value"] == f"v{EVIL}"
        assert data["route"][0] == f"K{EVIL}"


def test_html_names_the_declarations_a_rule_was_seen_in_whole() -> None:
    """An escape's backslash is part of the name, not a folder separator (on POSIX)."""
    from single_window._display import display_name

    report = _hand_built()
    page = etree.HTML(_render("html", [report]))
    (seen,) = page.xpath('//section[@id="rules"]//td[contains(@class, "seen")]/a/text()')
    assert seen == display_name(report.source)


@pytest.mark.parametrize("use_rich", [True, False])
def test_the_summary_on_the_terminal_is_neutralized(use_rich: bool) -> None:
    summary = BatchSummary()
    summary.add(_hand_built())
    stream = io.StringIO()
    write_summary(summary, stream, use_rich=use_rich)
    _no_raw(stream.getvalue())
    assert "\\x1b[2J" in stream.getvalue()


# -- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_rules_lists_a_hostile_pack_neutralized(
    fmt: str, hostile: tuple[Path, Path, RuleSet, Report]
) -> None:
    pack = hostile[1]
    code, out, err = cli(
        "rules", "--packs", pack, "--replace-packs", "--country", "TR", "--format", fmt
    )
    assert code == 0, err
    _no_raw(out)
    if fmt == "json":
        (rule,) = [r for r in json.loads(out) if r["id"] == "TR-EVIL"]
        assert rule["title"] == HOSTILE_TITLE
    else:
        (row,) = [line for line in out.splitlines() if line.startswith("TR-EVIL")]
        assert row.endswith("Evil \\u202e title \\x1b[31m red \\x9b31m \\x07")


def test_the_command_writes_a_hostile_check_neutralized(
    hostile: tuple[Path, Path, RuleSet, Report],
) -> None:
    declaration, pack, _, _ = hostile
    code, out, err = cli("check", declaration, "--packs", pack, "--replace-packs", "-j", "1")
    assert code == 1
    _no_raw(out)
    _no_raw(err)
    assert "\\x1b]0;pwned\\x07" in out


def test_an_error_about_a_hostile_pack_is_one_neutralized_line(tmp_path: Path) -> None:
    pack = tmp_path / "tr.toml"
    pack.write_text(PACK.replace('severity = "error"', 'severity = "err\\u001b[2J\\u202e"'))
    code, _, err = cli("rules", "--packs", pack, "--replace-packs")
    assert code == 2
    _no_raw(one_error_line(err))


# -- the JSON form itself ------------------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 2])
def test_json_text_escapes_every_unsafe_character_and_reads_back_exactly(
    indent: int | None,
) -> None:
    from single_window._display import json_text

    unsafe = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]
    unsafe += ["\u061c", "\u200e", "\u200f", "\u2028", "\u2029", "\ufdd0", "\ufffe", "\uffff"]
    unsafe += [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
    unsafe += ["\U0001fffe", "\U0010ffff"]
    data = {"all": "".join(unsafe), "each": unsafe, "kept": "Türkiye İstanbul ڭ 😀"}
    text = json_text(data, indent=indent)
    _no_raw(text)
    assert not re.search("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0010ffff]", text)
    assert json.loads(text) == data
    assert "Türkiye İstanbul ڭ 😀" in text  # letters of any script stay as they are
