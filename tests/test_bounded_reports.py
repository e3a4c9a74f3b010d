"""Bounded reports: at most ``Limits.max_findings_per_rule`` findings of one rule are kept
per declaration, then one ``RULE-CAPPED`` finding names the rule and how many were left
out. Verdicts and per-country counts still count every finding.
"""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest
from _many_items import many_items

import single_window as sw
from single_window import codes
from single_window.reporters import write_reports
from single_window.rules import RuleSet, load_pack


def _items(count: int) -> bytes:
    """The TR import with its goods item repeated ``count`` times."""
    return many_items(count, totals=True)


def _pack(rules: int, severity: str = "error") -> RuleSet:
    """A pack of ``rules`` item rules, each failing on every goods item."""
    body = "\n".join(
        f"""
[[rules]]
id = "XA-EVERY-{n}"
title = "Every commodity code is reported"
agency = "customs"
severity = "{severity}"
scope = "item"
check = {{ kind = "length", field = "commodity_code", lengths = [99] }}
message = "'{{value}}' reported"
source = "test pack"
"""
        for n in range(rules)
    )
    text = f'[pack]\ncountry = "XA"\nname = "Many failing rules"\n{body}'
    return RuleSet([*RuleSet.bundled().packs.values(), load_pack("xa.toml", text=text)])


def test_a_rule_keeps_at_most_the_limit_and_says_how_many_it_left_out() -> None:
    report = sw.check(_items(250), rules=_pack(3), countries=["TR", "XA"], explain=True)
    for n in range(3):
        kept = [f for f in report.findings if f.rule == f"XA-EVERY-{n}"]
        assert len(kept) == 100
        assert [f.path for f in kept] == [
            f"/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[{i}]"
            "/Commodity/Classification[1]/ID"
            for i in range(1, 101)
        ]
    summaries = [f for f in report.findings if f.rule == codes.RULE_CAPPED]
    assert sorted(f.value for f in summaries) == ["XA-EVERY-0", "XA-EVERY-1", "XA-EVERY-2"]
    assert all(f.country == "XA" and f.severity is sw.Severity.INFO for f in summaries)
    assert all("150" in f.message for f in summaries)
    # every finding still counts: the verdict and the country's errors
    assert report.verdict is sw.Verdict.REJECT
    assert report.countries["XA"].errors == 3 * 250
    assert report.countries["XA"].verdict is sw.Verdict.REJECT
    assert report.explanation is not None
    outcome = next(o for o in report.explanation if o.rule == "XA-EVERY-0")
    assert (outcome.status, outcome.findings) == ("failed", 250)


def test_warnings_left_out_still_count_and_the_summary_changes_no_exit_status() -> None:
    report = sw.check(_items(120), rules=_pack(1, "warning"), countries=["TR", "XA"])
    assert report.countries["XA"].warnings == 120
    assert report.verdict is sw.Verdict.ACCEPT
    assert sum(f.rule == "XA-EVERY-0" for f in report.findings) == 100


def test_the_limit_is_a_limit_of_its_own() -> None:
    data = _items(30)
    rules = _pack(2)
    report = sw.check(
        data, rules=rules, countries=["TR", "XA"], limits=sw.Limits(max_findings_per_rule=5)
    )
    assert sum(f.rule == "XA-EVERY-1" for f in report.findings) == 5
    assert [f.value for f in report.findings if f.rule == codes.RULE_CAPPED] == [
        "XA-EVERY-0",
        "XA-EVERY-1",
    ]
    assert report.countries["XA"].errors == 60
    everything = sw.check(
        data, rules=rules, countries=["TR", "XA"], limits=sw.Limits(max_findings_per_rule=None)
    )
    assert sum(f.rule == "XA-EVERY-1" for f in everything.findings) == 30
    assert codes.RULE_CAPPED not in everything.rules()
    exact = sw.check(
        data, rules=rules, countries=["TR", "XA"], limits=sw.Limits(max_findings_per_rule=30)
    )
    assert codes.RULE_CAPPED not in exact.rules()
    with pytest.raises(ValueError, match="max_findings_per_rule"):
        sw.check(data, limits=sw.Limits(max_findings_per_rule=0))


def test_many_failing_rules_over_999_items_give_a_bounded_report() -> None:
    data = _items(999)
    rules = _pack(100)
    tracemalloc.start()
    report = sw.check(data, rules=rules, countries=["TR", "XA"])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.countries["XA"].errors == 100 * 999
    assert len(report.findings) == 100 * 100 + 100
    assert peak < 60 * 2**20  # 135 MB with all 99,900 findings kept (28 MB capped)
    out = io.StringIO()
    write_reports("sarif", [report], out)
    sarif = out.getvalue()
    assert len(sarif) < 10 * 2**20  # 52 MB with every finding kept
    json.loads(sarif)
