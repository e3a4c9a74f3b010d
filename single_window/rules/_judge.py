"""Judging one declaration by a rule set, every per-declaration cost within the rules' budget.

``check`` hands a read declaration here: building the rules' view of it (its route, roles
and date: :meth:`Context.of`), choosing the packs of the countries involved, their plan,
the code-list extensions in force and the rules themselves all run under one deadline
(``Limits.rule_seconds``), so no part of the rules' work on a declaration can run past it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from single_window import codes
from single_window._limits import Limits
from single_window.findings import Finding, Severity
from single_window.models import Declaration
from single_window.rules._budget import RuleTimeout, budget
from single_window.rules._context import Context
from single_window.rules._engine import Outcome, over_budget
from single_window.rules._packs import RuleSet

__all__ = ["Judgement", "judge"]


@dataclass(slots=True)
class Judgement:
    """What the rules said about one declaration.

    Attributes:
        context: The rules' view of the declaration; None when building it ran over the
            budget.
        countries: The countries whose packs ran.
        findings: The rules' findings, sorted.
        outcomes: Each rule's outcome (explain mode), else None.
        tally: Every finding by country and severity, left out or not.
    """

    context: Context | None
    countries: tuple[str, ...]
    findings: list[Finding]
    outcomes: list[Outcome] | None
    tally: Counter[tuple[str | None, Severity]]
    """Every finding of the rules by country and severity, those the cap on findings per
    rule left out of :attr:`findings` included."""


def judge(
    rules: RuleSet,
    declaration: Declaration,
    *,
    on: date | None,
    countries: Sequence[str] | None,
    explain: bool,
    limits: Limits,
) -> Judgement:
    """Run the rules of the involved countries' packs (or of ``countries``) over a
    declaration, within ``limits.rule_seconds`` from start to end.

    A budget spent while the rules' view of the declaration is being built is reported as
    a ``RULE-TIMEOUT`` error: no rule ran, and the declaration is not cleared.
    """
    seconds = limits.rule_seconds
    ctx: Context | None = None
    selected: tuple[str, ...] = tuple(countries or ())
    result: tuple[list[Finding], list[Outcome] | None] | None = None
    tally: Counter[tuple[str | None, Severity]] = Counter()
    try:
        with budget(seconds):
            try:
                ctx = Context.of(declaration, on=on, zones=rules.zone)
                if countries is None:
                    selected = tuple(c for c in ctx.route.roles if c in rules.packs)
                plan = rules.plan(selected)
                result = plan.evaluate(
                    ctx, explain=explain, seconds=seconds, limits=limits, tally=tally, enclosed=True
                )
            except RuleTimeout:
                pass
    except RuleTimeout:  # delivered just as the block ended
        pass
    if result is None:
        stopped = _stopped(declaration, seconds)
        counted = Counter([(stopped.country, stopped.severity)])
        return Judgement(ctx, selected, [stopped], [] if explain else None, counted)
    findings, outcomes = result
    return Judgement(ctx, selected, findings, outcomes, tally)


def _stopped(declaration: Declaration, seconds: float | None) -> Finding:
    return codes.finding(
        over_budget("preparing-plan", seconds),
        path=declaration.path,
        line=declaration.line,
    )
