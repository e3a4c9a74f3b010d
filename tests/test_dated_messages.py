"""Dated checks say what they did: a message that speaks of a date names the date judged and
where it came from (the declaration's own date, the ``on=`` date, or today when the
declaration has none).

The words for the sources are the library's own messages (``date-source.<source>``), so
these tests hold whatever they say; the findings keep the source as a message, for every
language to say in its own words.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window.rules import RuleSet
from single_window.rules._context import Context
from single_window.rules._date_words import DATE_SOURCES

#: Where the date judged comes from, as the English messages say it.
SOURCE = {key: DATE_SOURCES.text(key) for key in DATE_SOURCES.keys}

FAULTS = EXAMPLES / "faults"

#: A fault example per rule whose message speaks of the date judged.
DATED = [
    ("TRANSIT-EAEU-COUNTRIES", FAULTS / "eaeu-transit-to-azerbaijan.xml"),
    ("TRANSIT-CTC-COUNTRIES", FAULTS / "tr-ge-t1-before-georgia-joined.xml"),
    ("WCO-CURRENCY-CODE", FAULTS / "hu-import-withdrawn-currency.xml"),
    ("WCO-HS-SUBHEADING", FAULTS / "kz-import-hs-edition.xml"),
    ("WCO-HS-EDITION-UNCONFIRMED", FAULTS / "uz-import-hs-edition-unconfirmed.xml"),
]


#: A date other than the example's own on which each rule still fails it.
ON = {
    "TRANSIT-EAEU-COUNTRIES": "2024-06-01",
    "TRANSIT-CTC-COUNTRIES": "2025-01-15",  # Georgia joined common transit on 1 Feb 2025
    "WCO-CURRENCY-CODE": "2026-06-01",  # BGN was withdrawn at the end of January 2026
    "WCO-HS-SUBHEADING": "2024-06-01",
    "WCO-HS-EDITION-UNCONFIRMED": "2025-06-01",
}


def _own_date(path: Path) -> str:
    return _own_date_of(path.read_bytes())


def _own_date_of(data: bytes) -> str:
    """The declaration's own date, as the rules read it (in its declaring country's zone)."""
    ctx = Context.of(sw.parse(data), zones=RuleSet.bundled().zone)
    assert ctx.dated
    return ctx.as_of.isoformat()


def _messages(report: sw.Report, rule: str) -> list[str]:
    found = [f.message for f in report.findings if f.rule == rule]
    assert found, f"{rule} did not fire"
    return found


def _names(message: str, day: str, source: str) -> bool:
    """Whether the message names the day and, right after it, where the day came from."""
    return re.search(re.escape(day) + r"\W{1,3}" + re.escape(source), message) is not None


@pytest.mark.parametrize(("rule", "path"), DATED, ids=[r for r, _ in DATED])
def test_a_dated_message_names_the_declaration_s_date(rule: str, path: Path) -> None:
    day = _own_date(path)
    for message in _messages(sw.check(path), rule):
        assert _names(message, day, SOURCE["declaration"]), message
        assert SOURCE["on"] not in message


@pytest.mark.parametrize(("rule", "path"), DATED, ids=[r for r, _ in DATED])
def test_a_dated_message_names_the_date_asked_for(rule: str, path: Path) -> None:
    own = _own_date(path)
    on = ON[rule]
    assert on != own
    for message in _messages(sw.check(path, on=on), rule):
        assert _names(message, on, SOURCE["on"]), message
        assert SOURCE["declaration"] not in message
        assert own not in message


def test_the_command_line_says_which_date_it_judged(tmp_path: Path) -> None:
    import io

    from single_window.cli import run

    path = FAULTS / "eaeu-transit-to-azerbaijan.xml"
    out, err = io.StringIO(), io.StringIO()
    run(["check", str(path), "-q", "--on", "2024-06-01"], out, err)
    line = next(x for x in out.getvalue().splitlines() if "TRANSIT-EAEU-COUNTRIES" in x)
    assert _names(line, "2024-06-01", SOURCE["on"]), line


def test_a_declaration_without_a_date_is_judged_today_and_says_so() -> None:
    path = FAULTS / "eaeu-transit-to-azerbaijan.xml"
    data = re.sub(rb"<IssueDateTime>.*?</IssueDateTime>", b"", path.read_bytes(), flags=re.S)
    data = re.sub(rb"<AcceptanceDateTime>.*?</AcceptanceDateTime>", b"", data, flags=re.S)
    assert sw.parse(data).issued_at is None
    before = datetime.now(UTC).date().isoformat()
    (message,) = _messages(sw.check(data), "TRANSIT-EAEU-COUNTRIES")
    after = datetime.now(UTC).date().isoformat()
    assert _names(message, before, SOURCE["today"]) or _names(message, after, SOURCE["today"])


@pytest.mark.parametrize(("on", "source"), [("2030-06-01", "on"), (None, "declaration")])
def test_a_substitute_edition_names_the_date_and_its_source(on: str | None, source: str) -> None:
    path = FAULTS / "kz-import-hs-edition.xml"
    data = path.read_bytes()
    if on is None:  # the declaration itself dated 2030
        data = re.sub(rb"(<ds:DateTimeString[^>]*>)2026", rb"\g<1>2030", data)
    report = sw.check(data, on=on)
    (message,) = [f.message for f in report.findings if f.rule == "RULE-EDITION"]
    assert _names(message, "2030-06-01" if on else _own_date_of(data), SOURCE[source])


def test_explain_names_the_date_a_dated_rule_was_judged_at() -> None:
    # TRANSIT-CTC-COUNTRIES' companion rules in force from a date: explain says against
    # which date, and where it came from.
    path = EXAMPLES / "tr-ge-t1.xml"
    report = sw.check(path, on="1990-01-01", explain=True)
    assert report.explanation is not None
    dated = [o for o in report.explanation if "in force from" in o.reason]
    assert dated, "no rule in force from a later date"
    for outcome in dated:
        assert _names(outcome.reason, "1990-01-01", SOURCE["on"]), outcome.reason


def _message_ids(value: object) -> list[str]:
    """The ids of every message nested in a finding's parameter (JSON form)."""
    if isinstance(value, dict):
        found = [str(value["message_id"])] if "message_id" in value else []
        for inner in value.values():
            found += _message_ids(inner)
        return found
    if isinstance(value, list):
        return [i for inner in value for i in _message_ids(inner)]
    return []


@pytest.mark.parametrize(("rule", "path"), DATED, ids=[r for r, _ in DATED])
def test_a_dated_finding_keeps_the_date_source_as_a_message(rule: str, path: Path) -> None:
    # The source is data a report in another language renders in its own words.
    for on, source in ((None, "declaration"), (ON[rule], "on")):
        findings = [f for f in sw.check(path, on=on).findings if f.rule == rule]
        assert findings
        for finding in findings:
            ids = [i for value in finding.params.values() for i in _message_ids(value)]
            assert f"date-source.{source}" in ids, (finding.message_id, finding.params)
