"""Findings, explain-mode reasons and reports in another language.

Every finding is made with its text in English and keeps its message as data
(``message_id``, ``params``); a report in another language has each text rendered again
from that data, once, when the report is made (``check(..., lang="kk")``), so nothing
on the hot path of an English check changes. A pack rule's message is rendered from
the rule's own template, with the pack's own catalog consulted first (see
:func:`single_window._i18n.overlay`); every other message from the registry. Rule ids,
codes, paths, values and parameters stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from single_window._i18n import overlay, render, templates, translate
from single_window._lang import DEFAULT_LANG
from single_window.findings import Finding, Report
from single_window.rules._packs import RuleSet

__all__ = ["localize_findings", "localize_report", "rule_text"]


def _text(finding: Finding, lang: str, rules: RuleSet | None) -> str | None:
    """A finding's message in ``lang``; None when it cannot be rendered again."""
    message_id = finding.message_id
    if message_id is None:
        return None
    if message_id in templates():
        return render(message_id, finding.params, lang)
    found = rules.find(message_id) if rules is not None else None
    if found is None:
        return None
    pack, rule = found
    with overlay(pack.translations):
        return render(message_id, finding.params, lang, template=rule.message)


def localize_findings(
    findings: Iterable[Finding], lang: str, rules: RuleSet | None = None
) -> list[Finding]:
    """The findings with their messages rendered again in ``lang``.

    Args:
        findings: Findings with their messages as data.
        lang: A language tag the library speaks (checked already).
        rules: The rule set whose packs made the rule findings (their templates and own
            catalogs); a finding of a rule it does not hold keeps its text.
    """
    out = []
    for finding in findings:
        text = _text(finding, lang, rules)
        if text is not None and text != finding.message:
            finding = finding.model_copy(update={"message": text})
        out.append(finding)
    return out


def _outcome(outcome: Any, lang: str) -> Any:
    """An explain-mode outcome with its reason in ``lang``."""
    if isinstance(outcome, dict):
        reason_id, params = outcome.get("reason_id"), outcome.get("reason_params") or {}
    else:
        reason_id, params = outcome.reason_id, outcome.reason_params
    if reason_id is None or reason_id not in templates():
        return outcome
    reason = render(reason_id, params, lang)
    if isinstance(outcome, dict):
        return {**outcome, "reason": reason}
    return replace(outcome, reason=reason)


def localize_report(report: Report, lang: str, rules: RuleSet | None = None) -> Report:
    """The report with every text in ``lang`` and ``lang`` said (see
    :func:`localize_findings`); a report in that language already is returned as it is."""
    if report.lang == lang:
        return report
    update: dict[str, Any] = {
        "lang": lang,
        "findings": localize_findings(report.findings, lang, rules),
    }
    if report.explanation is not None:
        update["explanation"] = tuple(_outcome(o, lang) for o in report.explanation)
    return report.model_copy(update=update)


def rule_text(rules: RuleSet | None, rule_id: str, part: str, text: str, lang: str) -> str:
    """A pack rule's title or "why" (``part``: ``title``, ``why``) in ``lang``: its pack's
    own catalog first, then the library's (context ``<rule>.<part>``), else as written."""
    if lang == DEFAULT_LANG or not text:
        return text
    found = rules.find(rule_id) if rules is not None else None
    with overlay(found[0].translations if found is not None else None):
        return translate(text, lang, context=f"{rule_id}.{part}")
