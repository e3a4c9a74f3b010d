"""Compile rule packs into one plan and evaluate it in a single walk over a declaration.

Compiling a rule asks its :class:`~single_window.rules.When` for a declaration-level gate
(role, declaration type, function, validity dates) and an item-level gate (procedure, HS
range), and its check kind for the function that runs. Evaluation walks the declaration
once: declaration rules first, then each goods item with every item rule that passed its
declaration-level gate. A rule that raises yields a ``RULE-CRASH`` error finding instead
of passing silently.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from single_window import codes
from single_window._i18n import N_, NP_, Message, define, json_params, number_text
from single_window._limits import DEFAULT_LIMITS, Limits
from single_window._locations import attribute_place
from single_window._values import Located
from single_window.findings import Finding, Severity
from single_window.models import Declaration, GovernmentAgencyGoodsItem
from single_window.rules._budget import RuleTimeout, budget
from single_window.rules._context import Context, days_after
from single_window.rules._kinds import Probe
from single_window.rules._messages import Template
from single_window.rules._packfile import ListExtension, RuleSpec
from single_window.rules._patterns import PatternTooLong, pattern_limit
from single_window.rules._registry import Violation
from single_window.rules._when import Gate, ItemGate
from single_window.rules._where import element_name, locate, name, rendered

__all__ = ["DEFAULT_BUDGET", "CompiledRule", "Outcome", "Plan", "compile_rule", "over_budget"]

Status = Literal["passed", "failed", "not-applicable", "crashed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one rule on one declaration (explain mode).

    ``reason`` is the reason in English; ``reason_id`` and ``reason_params`` are its
    message as data (see :mod:`single_window._i18n`).
    """

    rule: str
    country: str | None
    status: Status
    reason: str
    findings: int = 0
    reason_id: str | None = None
    reason_params: dict[str, Any] = field(default_factory=dict)


#: What explain mode says of a rule that ran, or that the engine stopped (``explain.<key>``);
#: the reasons a rule did not apply are its conditions' (``when.<key>``) and its check
#: kind's (``kind.<key>``).
_EXPLAIN = define(
    "explain",
    {
        "checked-declaration": N_("checked the declaration"),
        "checked-items": NP_("checked {count} item", "checked {count} items"),
        "no-goods-items": N_("the declaration has no goods items"),
        "budget-spent": N_("not run: the time budget of the rules was spent"),
        # TRANSLATORS: {error} is the Python exception the rule raised: say that the rule
        # crashed, then give {error} as it is.
        "crashed": N_("{error}"),
        "over-budget": N_("ran over the {seconds} s budget"),
        "over-budget-unset": N_("ran over the time budget"),
        "checked-nearest": N_("{checked}; {editions}"),
    },
)


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to run: its spec, country and compiled gates and check."""

    spec: RuleSpec
    country: str | None
    gate: Gate
    item_gate: ItemGate | None
    run: Callable[..., list[Violation]]
    gate_key: Hashable
    """Rules of one country with equal declaration-level conditions share this key."""
    probe: Probe | None
    """Explain mode only: why the rule had nothing to check (see ``Check.probe``)."""
    message: Template
    item_scope: bool
    """Whether the rule runs on each goods item (else once on the declaration)."""

    @property
    def id(self) -> str:
        return self.spec.id


def compile_rule(spec: RuleSpec, country: str | None) -> CompiledRule:
    """Compile one rule. Raises ValueError naming the problem when it cannot run."""
    return CompiledRule(
        spec,
        country,
        spec.when.gate(country),
        spec.when.item_gate(),
        spec.check.compile(spec.scope, country),
        spec.when.gate_key,
        spec.check.probe(spec.scope, country),
        Template(spec.message),
        spec.scope == "item",
    )


# --- findings --------------------------------------------------------------------------


def _finding(
    rule: CompiledRule,
    v: Violation,
    fallback: Located,
    base: Mapping[str, object],
    decl: Declaration,
) -> Finding:
    spec = rule.spec
    node = v.node if v.node is not None else fallback
    values = dict(base)
    values["country"] = rule.country or ""
    if v.value is not None:
        values["value"] = v.value
    values.update(rendered(decl, v.vars))
    path, line = node.path, node.line
    if v.missing:
        where = locate(decl, node, v.missing)
        path, line = where.path, where.line
        values["missing"] = name(decl, node, v.missing)
        if "element" in rule.message.names:
            values["element"] = where.missing[-1] if where.missing else element_name(path)
    elif v.attribute is not None and path is not None:
        path, line = attribute_place(node, v.attribute)
    if "element" not in values and "element" in rule.message.names:
        values["element"] = element_name(path)
    template = rule.message
    return Finding(
        rule=spec.id,
        country=rule.country,
        agency=spec.agency.value,
        severity=spec.severity,
        message=template.render(values),
        path=path,
        line=line,
        value=v.value,
        message_id=spec.id,
        params=template.params(values),
    )


def over_budget(key: str, seconds: float | None, rule: CompiledRule | None = None) -> Message:
    """The ``RULE-TIMEOUT`` message ``key`` (``over-budget``, ``preparing``,
    ``preparing-plan``) for a budget of ``seconds`` (None: a budget the caller gave
    around the rules; the message then names no number)."""
    said: dict[str, object] = {"rule": rule.id} if rule is not None else {}
    if seconds is None:
        return codes.message(codes.RULE_TIMEOUT, f"{key}-unset", **said)
    return codes.message(codes.RULE_TIMEOUT, key, seconds=number_text(seconds), **said)


def _crash(rule: CompiledRule, exc: BaseException, where: Located) -> Finding:
    return codes.finding(
        codes.message(codes.RULE_CRASH, "failed", rule=rule.id, error=repr(exc)),
        country=rule.country,
        agency=rule.spec.agency.value,
        path=where.path,
        line=where.line,
        value=rule.id,
    )


def _too_long(rule: CompiledRule, exc: PatternTooLong, where: Located) -> Finding:
    node: Located = exc.node if exc.node is not None else where  # type: ignore[assignment]
    path, line = node.path, node.line
    if exc.attribute is not None and path is not None:
        path, line = attribute_place(node, exc.attribute)
    return codes.finding(
        codes.message(codes.RULE_LIMIT, "too-long", rule=rule.id, reason=exc.reason),
        country=rule.country,
        agency=rule.spec.agency.value,
        path=path,
        line=line,
        value=rule.id,
    )


def _substituted(ctx: Context) -> list[Finding]:
    """A warning for each reference list no edition of which applied on the date judged,
    naming that date, where it came from, and the nearest edition its codes were judged
    by instead."""
    if not ctx.substituted:
        return []
    where = ctx.declaration
    return [
        codes.finding(
            codes.message(
                codes.RULE_EDITION,
                "nearest",
                list=repr(name),
                date=ctx.as_of.isoformat(),
                date_source=ctx.date_source,
                edition=label,
                day=day.isoformat(),
            ),
            path=where.path,
            line=where.line,
            value=name,
        )
        for name, (day, label) in sorted(ctx.substituted.items())
    ]


# --- explain mode ------------------------------------------------------------------------

_RANK: dict[Status, int] = {"not-applicable": 0, "passed": 1, "failed": 2, "crashed": 3}


@dataclass
class _Entry:
    status: Status
    reason: Message
    findings: int = 0


class _Explanation:
    """Each rule's outcome over the declaration and its goods items: the most telling
    status seen (crashed > failed > passed > not applicable) with its reason."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}

    def note(self, rule: CompiledRule, status: Status, reason: Message, count: int = 0) -> None:
        entry = self.entries.get(rule.id)
        if entry is None:
            entry = self.entries[rule.id] = _Entry("not-applicable", reason)
        if _RANK[status] > _RANK[entry.status] or (status == entry.status == "passed"):
            entry.status, entry.reason = status, reason
        entry.findings += count

    def ran(self, rule: CompiledRule, found: int, empty: Message | None, checked: Message) -> None:
        """A rule ran: it failed, passed, or (``empty``) found nothing to check."""
        if empty is not None:
            self.note(rule, "not-applicable", empty)
        else:
            self.note(rule, "failed" if found else "passed", checked, found)

    def outcomes(self, rules: Sequence[CompiledRule]) -> list[Outcome]:
        out = []
        for rule in rules:
            entry = self.entries.get(rule.id) or _Entry("not-applicable", _EXPLAIN("budget-spent"))
            reason = entry.reason
            out.append(
                Outcome(
                    rule.id,
                    rule.country,
                    entry.status,
                    reason.render(),
                    entry.findings,
                    reason.id,
                    json_params(reason.params),
                )
            )
        return out


# --- the plan ------------------------------------------------------------------------------

#: The time budget of one declaration's rules, in seconds, when the caller gives none:
#: the default :class:`~single_window.Limits` budget.
DEFAULT_BUDGET = DEFAULT_LIMITS.rule_seconds


_KINDS = ("import", "export", "transit", "any")
_NO_EXTENSIONS: Mapping[str, frozenset[str]] = MappingProxyType({})


def _admits(rule: CompiledRule, kind: str) -> bool:
    """Whether a rule may apply to declarations of a kind (``any``: every rule)."""
    kinds = rule.spec.when.kinds
    return kind == "any" or kinds is None or kind in kinds


@dataclass(frozen=True)
class _Block:
    """Rules of one country with equal declaration-level conditions: one gate call decides
    them all."""

    gate: Gate
    rules: tuple[CompiledRule, ...]
    declaration_rules: tuple[CompiledRule, ...]
    item_rules: tuple[CompiledRule, ...]


def _blocks(rules: Iterable[CompiledRule]) -> tuple[_Block, ...]:
    """Rules grouped by their declaration-level gate (one country, equal conditions),
    in the order each gate first appears."""
    groups: dict[tuple[str | None, Hashable], list[CompiledRule]] = {}
    for rule in rules:
        groups.setdefault((rule.country, rule.gate_key), []).append(rule)
    return tuple(
        _Block(
            members[0].gate,
            tuple(members),
            tuple(r for r in members if not r.item_scope),
            tuple(r for r in members if r.item_scope),
        )
        for members in groups.values()
    )


def _run_rules(
    ctx: Context,
    item: GovernmentAgencyGoodsItem | None,
    rules: Sequence[CompiledRule],
    base: Mapping[str, object],
    findings: list[Finding],
    explanation: _Explanation | None,
    running: _Running,
    checked: Message,
) -> None:
    """Run rules on the declaration (``item`` None) or on one goods item (whose rules pass
    their goods-item gate first): violations become findings, a crash a ``RULE-CRASH``
    finding; explain mode notes each outcome (``checked``: what a rule that ran saw)."""
    where: Located = ctx.declaration if item is None else item
    for rule in rules:
        running.rule = rule
        if item is not None and (item_gate := rule.item_gate) is not None:
            reason = item_gate(ctx, item)
            if reason is not None:
                if explanation is not None:
                    explanation.note(rule, "not-applicable", reason)
                continue
        if explanation is not None:
            substitutions = ctx.substitutions
        try:
            violations = rule.run(ctx) if item is None else rule.run(ctx, item)
        except PatternTooLong as exc:
            if running.room(rule, 1, Severity.ERROR):
                findings.append(_too_long(rule, exc, where))
            if explanation is not None:
                explanation.note(rule, "crashed", exc.reason, 1)
            continue
        except Exception as exc:
            if running.room(rule, 1, Severity.ERROR):
                findings.append(_crash(rule, exc, where))
            if explanation is not None:
                explanation.note(rule, "crashed", _EXPLAIN("crashed", error=repr(exc)), 1)
            continue
        if violations:
            for v in violations[: running.room(rule, len(violations), rule.spec.severity)]:
                findings.append(_finding(rule, v, where, base, ctx.declaration))
        if explanation is not None:
            probe = rule.probe
            empty = None
            if probe is not None and not violations:
                empty = probe(ctx) if item is None else probe(ctx, item)
            said = checked
            if ctx.substitutions != substitutions:  # judged by a nearest edition
                said = _EXPLAIN("checked-nearest", checked=checked, editions=ctx.substitutes())
            explanation.ran(rule, len(violations), empty, said)


_CHECKED_DECLARATION = _EXPLAIN("checked-declaration")


def _counted(key: str, count: int) -> Message:
    """A ``RULE-CAPPED`` part that counts: its form chosen by ``count``, shown grouped."""
    return codes.message(codes.RULE_CAPPED, key, count=count, number=f"{count:,}")


class _Running:
    """The rule being evaluated and the node it is evaluated on (for a time-out), and how
    many findings each rule has had (for the cap on the findings kept per rule)."""

    __slots__ = ("cap", "found", "left_out", "over", "rule", "where")

    def __init__(self, cap: int | None) -> None:
        self.rule: CompiledRule | None = None
        self.where: Located | None = None
        self.cap = cap
        self.found: dict[int, int] = {}
        self.left_out: dict[tuple[str | None, Severity], int] = {}
        self.over: dict[int, CompiledRule] = {}
        """The rules that had more findings than the cap, in the order they passed it."""

    def room(self, rule: CompiledRule, count: int, severity: Severity) -> int:
        """How many of a rule's ``count`` new findings are kept (the others are counted
        in :attr:`left_out`, by country and severity)."""
        key = id(rule)
        seen = self.found.get(key, 0)
        self.found[key] = seen + count
        cap = self.cap
        if cap is None or seen + count <= cap:
            return count
        room = cap - seen if seen < cap else 0
        tally = (rule.country, severity)
        self.left_out[tally] = self.left_out.get(tally, 0) + count - room
        self.over[key] = rule
        return room

    def capped(self, where: Located) -> list[Finding]:
        """A ``RULE-CAPPED`` finding for each rule that had more findings than the cap."""
        if self.cap is None or not self.over:
            return []
        cap = self.cap
        return [
            codes.finding(
                codes.message(
                    codes.RULE_CAPPED,
                    "capped",
                    rule=rule.id,
                    found=_counted("findings", found),
                    listed=_counted("listed", cap),
                    left=_counted("left-out", found - cap),
                ),
                country=rule.country,
                agency=rule.spec.agency.value,
                path=where.path,
                line=where.line,
                value=rule.id,
            )
            for key, rule in self.over.items()
            if (found := self.found[key]) > cap
        ]


class Plan:
    """All rules of a set of packs, compiled once and evaluated in one walk.

    ``lists`` are the codes the packs add to reference lists (``[[lists]]``): the
    code-list rules accept them on the dates they apply.
    """

    def __init__(self, rules: Sequence[CompiledRule], lists: Sequence[ListExtension] = ()) -> None:
        self.rules = tuple(sorted(rules, key=lambda r: (r.country or "", r.id)))
        self.lists = tuple(lists)
        cuts = {e.valid_from for e in self.lists if e.valid_from is not None}
        cuts |= {days_after(e.valid_to, 1) for e in self.lists if e.valid_to is not None}
        self._cuts = sorted(cuts)
        self._segments: dict[int, Mapping[str, frozenset[str]]] = {}
        # For each kind of declaration, the rules that may apply to it, grouped by their
        # declaration-level gate: one gate call decides a whole group, and a rule for
        # another kind (a transit rule on an import) costs nothing.
        self._blocks: dict[str, tuple[_Block, ...]] = {
            kind: _blocks(r for r in self.rules if _admits(r, kind)) for kind in _KINDS
        }

    def extensions_on(self, day: date) -> Mapping[str, frozenset[str]]:
        """The codes the plan's packs add to each reference list on ``day``.

        The days where the extensions in force change cut time into segments; each
        segment's codes are gathered the first time a day in it is asked and kept, so
        declarations share them (read-only) instead of each gathering its own.
        """
        if not self.lists:
            return _NO_EXTENSIONS
        segment = bisect.bisect_right(self._cuts, day)
        found = self._segments.get(segment)
        if found is None:
            added: dict[str, set[str]] = {}
            for extension in self.lists:
                if extension.applies_on(day):
                    added.setdefault(extension.name, set()).update(extension.codes)
            found = MappingProxyType({name: frozenset(c) for name, c in added.items()})
            self._segments[segment] = found
        return found

    def evaluate(
        self,
        ctx: Context,
        *,
        explain: bool = False,
        seconds: float | None = DEFAULT_BUDGET,
        limits: Limits = DEFAULT_LIMITS,
        tally: Counter[tuple[str | None, Severity]] | None = None,
        enclosed: bool = False,
    ) -> tuple[list[Finding], list[Outcome] | None]:
        """Run every rule over the declaration; return findings (and outcomes).

        Args:
            ctx: The declaration as the rules see it.
            explain: Also say, for every rule, whether it ran, passed, failed or did not
                apply, and why.
            seconds: The time budget of the declaration's rules (None: none). The rule
                running when it is spent is stopped and reported as a ``RULE-TIMEOUT``
                error; the rules after it do not run. Within an enclosing budget, the
                earlier deadline holds.
            limits: The limits of the check: no pattern is matched against a value
                longer than ``limits.max_pattern_text`` (``RULE-LIMIT``), and at most
                ``limits.max_findings_per_rule`` findings of a rule are kept, then one
                ``RULE-CAPPED`` finding says how many more there were.
            tally: When given, every finding of the rules, kept or left out, is counted
                in it by country and severity (the ``RULE-CAPPED`` summaries are not).
            enclosed: The caller runs this within a budget of ``seconds`` already (see
                :func:`~single_window.rules._judge.judge`): no second one is started.
        """
        findings: list[Finding] = []
        explanation = _Explanation() if explain else None
        base = {
            "declaring": ctx.declaring or "",
            "date": ctx.as_of.isoformat(),
            "date_source": ctx.date_source,
        }
        running = _Running(limits.max_findings_per_rule)
        try:
            timed: AbstractContextManager[None] = nullcontext() if enclosed else budget(seconds)
            with timed, pattern_limit(limits.max_pattern_text):
                try:
                    ctx.extensions = self.extensions_on(ctx.as_of)
                    open_items = self._declaration_rules(ctx, base, findings, explanation, running)
                    if open_items:
                        self._item_rules(ctx, open_items, base, findings, explanation, running)
                except RuleTimeout:
                    self._timed_out(ctx, running, seconds, findings, explanation)
        except RuleTimeout:  # delivered just as the rules finished
            self._timed_out(ctx, running, seconds, findings, explanation)
        findings.extend(_substituted(ctx))
        if tally is not None:
            tally.update((f.country, f.severity) for f in findings)
            tally.update(running.left_out)
        findings.extend(running.capped(ctx.declaration))
        findings.sort(key=Finding.sort_key)
        outcomes = explanation.outcomes(self.rules) if explanation is not None else None
        return findings, outcomes

    @staticmethod
    def _timed_out(
        ctx: Context,
        running: _Running,
        seconds: float | None,
        findings: list[Finding],
        explanation: _Explanation | None,
    ) -> None:
        rule, where = running.rule, running.where or ctx.declaration
        if any(f.rule == codes.RULE_TIMEOUT for f in findings):
            return
        findings.append(
            codes.finding(
                over_budget("over-budget" if rule is not None else "preparing", seconds, rule),
                country=rule.country if rule is not None else None,
                agency=rule.spec.agency.value if rule is not None else None,
                path=where.path,
                line=where.line,
                value=rule.id if rule is not None else None,
            )
        )
        if explanation is not None and rule is not None:
            if seconds is None:
                over = _EXPLAIN("over-budget-unset")
            else:
                over = _EXPLAIN("over-budget", seconds=number_text(seconds))
            explanation.note(rule, "crashed", over, 1)

    def _declaration_rules(
        self,
        ctx: Context,
        base: Mapping[str, object],
        findings: list[Finding],
        explanation: _Explanation | None,
        running: _Running,
    ) -> list[CompiledRule]:
        """Gate every rule, run the declaration rules that apply, and return the item
        rules that passed their declaration-level gate."""
        running.where = ctx.declaration
        open_items: list[CompiledRule] = []
        # Explaining names every rule, so it walks them all (their gates test the kind).
        blocks = self._blocks["any"] if explanation is not None else self._blocks[ctx.kind]
        for block in blocks:
            reason = block.gate(ctx)
            if reason is not None:
                if explanation is not None:
                    for rule in block.rules:
                        explanation.note(rule, "not-applicable", reason)
                continue
            _run_rules(
                ctx,
                None,
                block.declaration_rules,
                base,
                findings,
                explanation,
                running,
                _CHECKED_DECLARATION,
            )
            open_items.extend(block.item_rules)
        return open_items

    def _item_rules(
        self,
        ctx: Context,
        rules: Sequence[CompiledRule],
        base: Mapping[str, object],
        findings: list[Finding],
        explanation: _Explanation | None,
        running: _Running,
    ) -> None:
        """Run the open item rules on every goods item, in document order."""
        items = ctx.declaration.goods_items
        if not items:
            if explanation is not None:
                for rule in rules:
                    explanation.note(rule, "not-applicable", _EXPLAIN("no-goods-items"))
            return
        # What a rule that ran saw: said only when explaining.
        checked = (
            _EXPLAIN("checked-items", count=len(items))
            if explanation is not None
            else _CHECKED_DECLARATION
        )
        for item in items:
            running.where = item
            _run_rules(ctx, item, rules, base, findings, explanation, running, checked)
