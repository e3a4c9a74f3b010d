"""Dates at the ends of the calendar: ``check`` turns them into findings and never raises.

A declaration's date-time names an instant; the rules judge it on the calendar day of the
declaring country's time zone. Within hours of 0001-01-01 or 9999-12-31 that day lies
outside the calendar Python can hold; so does a date shifted by a grace period or an
``on=`` date at the edge.
"""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window.rules import RuleSet
from single_window.rules._context import Context, declaration_date

sys.path.insert(0, str(EXAMPLES / "scripts"))
import service_handler

_STAMP = re.compile(rb'(<ds:DateTimeString formatCode=")\d+(">)[^<]*(<)')
#: Date-times whose day, in some time zone, is outside the calendar (format 304).
EDGES = [
    "99991231235959Z",
    "00010101000000+14",
    "99991231235959-14",
    "99991230230000-14",
    "00010101000000Z",
    "00010101100000+12",
]
#: Declarations lodged in countries whose zones are ahead of UTC (TR +3, UZ +5, KZ +5)
#: and behind it (HU +1 in winter, but the -14 stamps push west).
FILES = ["tr-import.xml", "uz-import.xml", "kz-import.xml", "hu-import.xml", "tr-ge-t1.xml"]


def _dated(name: str, stamp: str) -> bytes:
    code = b"102" if len(stamp) == 8 else b"304"
    data = (EXAMPLES / name).read_bytes()
    return _STAMP.sub(lambda m: m[1] + code + m[2] + stamp.encode() + m[3], data)


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("stamp", EDGES)
def test_a_date_at_the_edge_of_the_calendar_is_a_finding(name: str, stamp: str) -> None:
    report = sw.check(_dated(name, stamp))
    assert report.verdict is sw.Verdict.REJECT
    plausible = [f for f in report.findings if f.rule == "WCO-DATE-PLAUSIBLE"]
    assert plausible, report.rules()
    assert all(f.path and f.path.endswith("DateTimeString") for f in plausible)
    assert not {"RULE-CRASH", "RULE-TIMEOUT"} & set(report.rules())


@pytest.mark.parametrize("on", [date.min, date.max, "0001-01-01", "9999-12-31", None])
@pytest.mark.parametrize("stamp", ["99991231235959Z", "00010101000000+14", "20250601120000Z"])
def test_check_never_raises_for_edge_dates_with_on_and_explain(
    stamp: str, on: date | str | None
) -> None:
    for name in ("tr-import.xml", "middle-corridor.xml"):
        report = sw.check(_dated(name, stamp), on=on, explain=True)
        assert not {"RULE-CRASH", "RULE-TIMEOUT"} & set(report.rules())
        assert report.explanation is not None


def test_the_day_in_a_zone_beyond_the_calendar_is_its_nearest_day() -> None:
    decl = sw.parse(_dated("tr-import.xml", "99991231235959Z"))
    istanbul = RuleSet.bundled().zone("TR")
    assert declaration_date(decl, istanbul) == date.max
    decl = sw.parse(_dated("tr-import.xml", "99991230230000-14"))
    assert declaration_date(decl, timezone(timedelta(hours=14))) == date.max
    decl = sw.parse(_dated("tr-import.xml", "00010101000000+14"))
    assert declaration_date(decl) == date.min
    assert declaration_date(decl, timezone(timedelta(hours=14))) == date.min


def test_the_plausibility_window_is_clamped_at_the_end_of_the_calendar() -> None:
    decl = sw.parse(_dated("tr-import.xml", "20250601120000Z"))
    rules = RuleSet.bundled()
    for today in (date.max, date.max - timedelta(days=1)):
        ctx = Context.of(decl, today=today, zones=rules.zone)
        findings, _ = rules.plan(["TR"]).evaluate(ctx, seconds=None)
        assert "RULE-CRASH" not in {f.rule for f in findings}
        assert "WCO-DATE-PLAUSIBLE" not in {f.rule for f in findings}


def test_a_model_dated_at_the_edge_is_judged() -> None:
    """A model built or changed in Python may hold any datetime the type allows."""
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    stamp = decl.issued_at
    assert stamp is not None
    rules = RuleSet.bundled()
    for value in (
        datetime.max.replace(tzinfo=UTC),
        datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
    ):
        stamp.value = value
        ctx = Context.of(decl, zones=rules.zone)
        findings, outcomes = rules.plan(["TR", "UZ"]).evaluate(ctx, explain=True)
        assert "WCO-DATE-PLAUSIBLE" in {f.rule for f in findings}
        assert "RULE-CRASH" not in {f.rule for f in findings}
        assert outcomes is not None


def test_the_example_service_answers_an_edge_date_with_a_rejection() -> None:
    body = _dated("tr-import.xml", "99991231235959Z")
    seen: dict[str, Any] = {}

    def start(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    environ = {
        "PATH_INFO": "/check",
        "REQUEST_METHOD": "POST",
        "CONTENT_LENGTH": str(len(body)),
        "QUERY_STRING": "",
        "wsgi.input": io.BytesIO(body),
    }
    answer = json.loads(b"".join(service_handler.application(environ, start)))
    assert seen["status"].startswith("422")
    assert "WCO-DATE-PLAUSIBLE" in {f["rule"] for f in answer["findings"]}


def test_a_pack_extension_open_to_the_end_of_the_calendar_is_judged() -> None:
    from single_window.rules import load_pack

    pack = load_pack(
        "xa.toml",
        text="""[pack]
country = "XA"
name = "Extension to the end of the calendar"

[[rules]]
id = "XA-NOTHING"
title = "Nothing to check"
agency = "customs"
severity = "warning"
scope = "declaration"
check = { kind = "required", field = "function_code" }
message = "no function code"
source = "test pack"

[[lists]]
name = "unit"
codes = ["QQQ"]
source = "test pack"
valid_from = 0001-01-01
valid_to = 9999-12-31
""",
    )
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    data = (EXAMPLES / "tr-import.xml").read_bytes().replace(b'unitCode="KGM"', b'unitCode="QQQ"')
    for on in (date.min, date(2025, 6, 1), date.max):
        report = sw.check(data, rules=rules, countries=["TR", "XA"], on=on)
        assert "WCO-UNIT-CODE" not in report.rules()
        assert "RULE-CRASH" not in report.rules()
