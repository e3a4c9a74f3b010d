"""The rules' time budget holds: every per-declaration rule cost counts in it, and no rule
runs a pattern on a value longer than ``Limits.max_pattern_text`` (an RE2 match cannot be
interrupted, so a long value would run past any budget): such a value is a ``RULE-LIMIT``
error instead.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

import single_window as sw
from single_window import codes
from single_window.rules import RuleSet, load_pack

LAX = REPO / "tests" / "golden" / "lax-metadata.xsd"
TR_IMPORT = EXAMPLES / "tr-import.xml"

#: A pattern RE2 matches slowly on a long run of digits (tens of seconds on 8 MB): it
#: cannot fall back on its DFA, because the match must report its groups.
SLOW_PATTERN = "(.*4.{200})+"

PATTERN_PACK = f"""
[pack]
country = "XA"
name = "A pack with a slow pattern"

[[rules]]
id = "XA-SLOW-PATTERN"
title = "Procedure codes match a slow pattern"
agency = "customs"
severity = "warning"
scope = "item"
check = {{ kind = "pattern", field = "procedure_code", pattern = "{SLOW_PATTERN}" }}
message = "'{{value}}' does not match"
source = "test pack"
"""


def _rules() -> RuleSet:
    return RuleSet([*RuleSet.bundled().packs.values(), load_pack("xa.toml", text=PATTERN_PACK)])


def _with_procedure(code: str) -> bytes:
    data = TR_IMPORT.read_bytes()
    assert b"<CurrentCode>40</CurrentCode>" in data
    return data.replace(
        b"<CurrentCode>40</CurrentCode>", f"<CurrentCode>{code}</CurrentCode>".encode()
    )


def test_an_8_mb_value_cannot_hold_the_rules_past_their_budget() -> None:
    data = _with_procedure("4" * 8_000_000)
    limits = sw.Limits(max_bytes=64 * 2**20, max_text=16 * 2**20, rule_seconds=2)
    schema = sw.load_schema(LAX)
    started = time.monotonic()
    report = sw.check(data, schema=schema, rules=_rules(), countries=["XA"], limits=limits)
    elapsed = time.monotonic() - started
    assert elapsed < 2 + 4  # the read of 8 MB, then at most the budget (46 s unbounded)
    over = [f for f in report.findings if f.rule == codes.RULE_LIMIT]
    assert [(f.value, f.severity) for f in over] == [("XA-SLOW-PATTERN", sw.Severity.ERROR)]
    short = sw.check(_with_procedure("4" * 10), schema=schema, rules=_rules(), countries=["XA"])
    (failed,) = [f for f in short.findings if f.rule == "XA-SLOW-PATTERN"]
    assert (over[0].path, over[0].line) == (failed.path, failed.line)  # where the value is
    assert report.verdict is sw.Verdict.REJECT


def test_the_pattern_limit_is_a_limit_of_its_own() -> None:
    rules = _rules()
    at = sw.Limits(max_pattern_text=42)  # the procedure code: current (40) + previous (2)
    schema = sw.load_schema(LAX)
    data = _with_procedure("4" * 40)
    report = sw.check(data, schema=schema, rules=rules, countries=["XA"], limits=at)
    assert codes.RULE_LIMIT not in report.rules()
    assert "XA-SLOW-PATTERN" in report.rules()  # matched, and it does not match
    data = _with_procedure("4" * 41)
    report = sw.check(data, schema=schema, rules=rules, countries=["XA"], limits=at, explain=True)
    assert [f.value for f in report.findings if f.rule == codes.RULE_LIMIT] == ["XA-SLOW-PATTERN"]
    assert report.explanation is not None
    outcome = next(o for o in report.explanation if o.rule == "XA-SLOW-PATTERN")
    assert outcome.status == "crashed"
    with pytest.raises(ValueError, match="max_pattern_text"):
        sw.check(TR_IMPORT, limits=sw.Limits(max_pattern_text=0))


def test_the_default_limit_stops_a_long_value_before_its_pattern() -> None:
    long = sw.Limits().max_pattern_text + 1
    schema = sw.load_schema(LAX)
    report = sw.check(_with_procedure("4" * long), schema=schema, rules=_rules(), countries=["XA"])
    assert [f.value for f in report.findings if f.rule == codes.RULE_LIMIT] == ["XA-SLOW-PATTERN"]


def _spin(seconds: float) -> None:
    """Python that runs for ``seconds`` (interruptible, unlike a sleep)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


@pytest.fixture
def slow_route(monkeypatch: pytest.MonkeyPatch) -> None:
    import single_window.rules._context as context

    real = context.route_of

    def slow(*args: object, **kwargs: object) -> object:
        _spin(30)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context, "route_of", slow)


def test_building_the_rules_view_of_a_declaration_counts_in_the_budget(slow_route: None) -> None:
    started = time.monotonic()
    report = sw.check(TR_IMPORT, limits=sw.Limits(rule_seconds=0.3))
    assert time.monotonic() - started < 5
    assert codes.RULE_TIMEOUT in report.rules()
    assert report.verdict is sw.Verdict.REJECT


def test_gathering_list_extensions_counts_in_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from single_window.rules._engine import Plan

    def slow(self: Plan, day: object) -> object:
        _spin(30)
        raise AssertionError("not stopped")

    monkeypatch.setattr(Plan, "extensions_on", slow)
    started = time.monotonic()
    report = sw.check(TR_IMPORT, limits=sw.Limits(rule_seconds=0.3), explain=True)
    assert time.monotonic() - started < 5
    assert codes.RULE_TIMEOUT in report.rules()
    assert report.explanation is not None


def test_a_budget_that_ends_with_the_rules_leaves_nothing_pending(tmp_path: Path) -> None:
    for _ in range(50):
        report = sw.check(TR_IMPORT, limits=sw.Limits(rule_seconds=0.05))
        assert report.rules() in ([], [codes.RULE_TIMEOUT])
    _spin(0.3)
