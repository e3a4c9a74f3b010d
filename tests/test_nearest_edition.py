"""Fail closed on dates no edition covers: the rules judge codes against the nearest edition
shipped, add a ``RULE-EDITION`` warning naming the date and the edition, and
explain mode says so. A made-up code never passes silently, whatever the date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import EXAMPLES
from test_list_extensions import LIST_RULES
from test_packs import CASES, GOLDEN, _base, apply_edits

import single_window as sw
from single_window import codelists, codes

#: Declarations lodged in countries with tariffs of their own (TR, UZ, KZ, the EU's HU).
FILES = ["tr-import.xml", "uz-import.xml", "kz-import.xml", "hu-import.xml"]
#: A subheading in no HS edition, and outside the EU's special chapters 98 and 99.
MADE_UP_HEAD = b"959500"
#: Dates before the first shipped HS edition and after the last, with the edition nearest.
OUTSIDE = [
    (date.min, "HS 2017"),
    (date(1990, 6, 1), "HS 2017"),
    (date(2016, 12, 31), "HS 2017"),
    (date(2028, 1, 1), "HS 2022"),
    (date(2040, 6, 1), "HS 2022"),
    (date.max, "HS 2022"),
]


def _made_up(name: str) -> bytes:
    """The example with its first commodity code's six-digit head made up."""
    data = (EXAMPLES / name).read_bytes()
    start = data.index(b"<ID>", data.index(b"<Classification>")) + 4
    assert data[start : start + 6].isdigit()
    return data[:start] + MADE_UP_HEAD + data[start + 6 :]


def _nearest(report: sw.Report) -> list[sw.Finding]:
    return [f for f in report.findings if f.rule == codes.RULE_EDITION]


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize(("on", "edition"), OUTSIDE)
def test_a_made_up_hs_code_is_rejected_on_any_date(name: str, on: date, edition: str) -> None:
    report = sw.check(_made_up(name), on=on, explain=True)
    assert "WCO-HS-SUBHEADING" in report.rules()
    assert report.verdict is sw.Verdict.REJECT
    warnings = _nearest(report)
    assert [(w.severity, w.value) for w in warnings] == [(sw.Severity.WARNING, "hs")]
    assert on.isoformat() in warnings[0].message and edition in warnings[0].message
    assert report.explanation is not None
    outcome = next(o for o in report.explanation if o.rule == "WCO-HS-SUBHEADING")
    assert outcome.status == "failed"
    assert edition in outcome.reason and on.isoformat() in outcome.reason


@pytest.mark.parametrize(("on", "edition"), OUTSIDE)
def test_a_real_code_outside_the_editions_passes_with_the_warning(on: date, edition: str) -> None:
    report = sw.check(EXAMPLES / "tr-import.xml", on=on, explain=True)
    assert "WCO-HS-SUBHEADING" not in report.rules()
    assert [w.value for w in _nearest(report)] == ["hs"]
    assert report.explanation is not None
    outcome = next(o for o in report.explanation if o.rule == "WCO-HS-SUBHEADING")
    assert outcome.status == "passed" and edition in outcome.reason


def test_no_warning_where_an_edition_applies() -> None:
    for on in (date(2017, 1, 1), date(2021, 12, 31), date(2022, 1, 1), date(2027, 12, 31)):
        assert _nearest(sw.check(_made_up("tr-import.xml"), on=on)) == []


def test_the_transit_rules_judge_by_the_nearest_edition_too() -> None:
    data = (EXAMPLES / "tr-ge-t1.xml").read_bytes()
    report = sw.check(data, on=date(2030, 1, 1))
    assert [w.value for w in _nearest(report)] == ["hs"]


@pytest.mark.parametrize("name", codelists.names())
@pytest.mark.parametrize("on", [date.min, date(1900, 1, 1), date(2100, 1, 1), date.max])
def test_every_list_has_an_edition_to_judge_any_date_by(name: str, on: date) -> None:
    code_list = codelists.get(name)
    nearest = code_list.nearest(on)
    assert nearest is not None
    in_force = code_list.edition(on)
    assert in_force is None or nearest is in_force
    assert "#NOT-A-CODE#" not in nearest


def _absent_cases() -> list[Any]:
    """Failing golden cases of list-backed rules whose codes are in no edition at all."""
    found = []
    for case in CASES:
        rules = [r for r in case["fails"] if r in LIST_RULES]
        if rules and not case.get("schema"):
            found.append(pytest.param(case, rules, id=case["name"]))
    return found


@pytest.mark.parametrize(("case", "rules"), _absent_cases())
def test_no_list_backed_rule_passes_a_code_in_no_edition_on_any_date(
    case: dict[str, Any], rules: list[str]
) -> None:
    data = apply_edits(_base(case["base"]), case.get("edits", []))
    report = sw.check(data, on=case.get("on"))
    for rule in rules:
        name = LIST_RULES[rule]
        values = {f.value for f in report.findings if f.rule == rule and f.value}
        code_list = codelists.get(name)
        never = {
            v
            for v in values
            if not any((v[:6] if name == "hs" else v) in e for e in code_list.editions)
            and name != "document-name"
        }
        if not never:
            continue
        for on in (date.min, date(1900, 1, 1), date(2100, 1, 1), date.max):
            later = sw.check(data, on=on)
            still = {f.value for f in later.findings if f.rule == rule}
            assert never <= still, (rule, on, never - still)
    assert GOLDEN.is_dir()
