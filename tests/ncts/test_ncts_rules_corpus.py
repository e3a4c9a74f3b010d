"""Every CC015C and CC013C of the NCTS test pack keeps the NCTS rules and conditions
(TRANSIT-<DDNTA id>), but for the messages :mod:`_rule_exceptions` lists, each of which
breaks the rule as DDNTA Appendix Q2 (5.15.2) words it; the placeholders are filled as
the other corpus tests fill them (``preparationDateAndTime`` 2025-03-01, after the
transitional period)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _ncts_support import NO_NCTS_CORPUS, filled, message_files, message_params
from _rule_exceptions import EXCEPTIONS, OURS, corpus_name
from lxml import etree

import single_window as sw
from single_window.rules._ncts_read import TRANSITIONAL


def _errors(data: bytes) -> set[str]:
    report = sw.check(data)
    assert not [f for f in report.findings if f.rule == "RULE-CRASH"], report.findings
    return {
        f.rule.removeprefix("TRANSIT-")
        for f in report.findings
        if f.rule and OURS.match(f.rule) and f.severity == "error"
    }


@pytest.mark.parametrize("path", message_params("CC015C", "CC013C"))
def test_the_message_keeps_the_ncts_rules(path: Path) -> None:
    name = corpus_name(path)
    found = _errors(filled(path))
    assert {r for r in found if (name, r) not in EXCEPTIONS} == set()
    # every exception is still needed: the message breaks the rule it is listed for
    assert {r for n, r in EXCEPTIONS if n == name} <= found


@pytest.mark.parametrize("rule", sorted({r for _, r in EXCEPTIONS} & set(TRANSITIONAL)))
def test_before_tpenddate_the_transitional_rule_switches_the_rule_off(rule: str) -> None:
    names = {n for n, r in EXCEPTIONS if r == rule}
    paths = [p for p in message_files("CC015C", "CC013C") if corpus_name(p) in names]
    if not paths:
        pytest.skip(NO_NCTS_CORPUS)
    assert len(paths) == len(names)
    for path in paths:
        root = etree.fromstring(filled(path))
        prepared = root.find("preparationDateAndTime")
        assert prepared is not None
        assert rule in _errors(etree.tostring(root)), path.name
        prepared.text = "2025-01-20T10:00:00"  # TPendDate, the transitional period's last day
        assert rule not in _errors(etree.tostring(root)), path.name
