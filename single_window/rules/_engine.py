"""Compile rule packs into one plan and evaluate it in a single walk over a declaration.

Compilation turns every rule into three small closures: a declaration-level gate (role,
declaration type, validity dates), an item-level gate (procedure, HS range) and the
check itself. Evaluation walks the declaration once: declaration rules first, then each
goods item with every item rule. A rule that raises yields a ``RULE-CRASH`` error
finding instead of passing silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from single_window._values import Located
from single_window.findings import Finding, Severity
from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import (
    DECLARATION_SELECTORS,
    ITEM_SELECTORS,
    Context,
    PartyRef,
    Selected,
    parties,
)
from single_window.rules._packfile import (
    DocumentCheck,
    IdentifierCheck,
    LengthCheck,
    OneOfCheck,
    PatternCheck,
    PredicateCheck,
    RequiredCheck,
    RuleSpec,
    ThresholdCheck,
    When,
)
from single_window.rules._registry import PREDICATES, Violation, resolve_identifier

__all__ = ["CompiledRule", "Outcome", "Plan", "compile_rule"]

Gate = Callable[[Context], str | None]
ItemGate = Callable[[Context, GovernmentAgencyGoodsItem], str | None]
DeclRun = Callable[[Context], list[Violation]]
ItemRun = Callable[[Context, GovernmentAgencyGoodsItem], list[Violation]]


@dataclass(frozen=True)
class Outcome:
    """What happened to one rule on one declaration (explain mode)."""

    rule: str
    country: str | None
    status: Literal["passed", "failed", "not-applicable", "crashed"]
    reason: str
    findings: int = 0


class _Vars(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(template: str, values: dict[str, object]) -> str:
    try:
        return template.format_map(_Vars(values))
    except (ValueError, IndexError, AttributeError):
        return template


# --- gates ---------------------------------------------------------------------------


def _hs_matcher(spec: tuple[str, ...]) -> Callable[[str], bool]:
    ranges: list[tuple[str, str]] = []
    for item in spec:
        lo, _, hi = item.partition("-")
        ranges.append((lo, hi or lo))

    def matches(code: str) -> bool:
        for lo, hi in ranges:
            head = code[: len(lo)]
            if len(head) == len(lo) and lo <= head <= hi:
                return True
        return False

    return matches


def _decl_gate(country: str | None, when: When) -> Gate:
    roles = frozenset(when.roles) if when.roles else None
    types = when.declaration_types
    functions = frozenset(when.functions) if when.functions else None
    start, end = when.valid_from, when.valid_to

    def gate(ctx: Context) -> str | None:
        if roles is not None and country is not None:
            have = ctx.roles_of(country)
            if not have & roles:
                got = ", ".join(sorted(r.value for r in have)) or "no role"
                want = ", ".join(sorted(r.value for r in roles))
                return f"{country} is {got} on this declaration; the rule applies to {want}"
        if types is not None:
            code = ctx.declaration.type_code.value if ctx.declaration.type_code else ""
            if not any(code.startswith(t) for t in types):
                return f"declaration type {code or 'none'} is not {', '.join(types)}"
        if functions is not None:
            code = ctx.declaration.function_code.value if ctx.declaration.function_code else ""
            if code not in functions:
                return f"message function {code or 'none'} is not {', '.join(sorted(functions))}"
        if start is not None and ctx.as_of < start:
            return f"the rule is in force from {start.isoformat()} (declaration of {ctx.as_of})"
        if end is not None and ctx.as_of > end:
            return f"the rule was in force until {end.isoformat()} (declaration of {ctx.as_of})"
        return None

    return gate


def _item_gate(when: When) -> ItemGate | None:
    procedures = frozenset(when.procedures) if when.procedures else None
    hs = _hs_matcher(when.hs) if when.hs else None
    if procedures is None and hs is None:
        return None

    def gate(ctx: Context, item: GovernmentAgencyGoodsItem) -> str | None:
        if procedures is not None:
            code = item.procedure_code
            if code is None or code[:2] not in procedures:
                return f"procedure {code or 'none'} is not one of {', '.join(sorted(procedures))}"
        if hs is not None:
            commodity = ctx.commodity_code(item)
            if commodity is None or not hs(commodity):
                return f"commodity code {commodity or 'none'} is outside {', '.join(when.hs or ())}"
        return None

    return gate


# --- checks ---------------------------------------------------------------------------


def _selector(spec: RuleSpec) -> Callable[..., list[Selected]]:
    name = spec.check.field
    table: dict[str, Any] = ITEM_SELECTORS if spec.scope == "item" else DECLARATION_SELECTORS
    if name is None or name not in table:
        known = ", ".join(sorted(table))
        article = "an" if spec.scope == "item" else "a"
        raise ValueError(
            f"check.field {name!r} is not {article} {spec.scope} field (one of: {known})"
        )
    return table[name]  # type: ignore[no-any-return]


def _comparable(check: ThresholdCheck) -> Callable[[Selected], Decimal | None]:
    """The amount a threshold is held against: the selected number when it is in the
    threshold's currency, else None (amounts in other currencies are not compared)."""
    currency = check.currency

    def comparable(sel: Selected) -> Decimal | None:
        value = sel.value
        return value if sel.unit == currency and isinstance(value, Decimal) else None

    return comparable


def _identified_parties(
    ctx: Context, roles: frozenset[str], country: str | None
) -> Iterator[PartyRef]:
    """The parties an identifier check judges: in one of its roles, from its country, and
    carrying an identifier."""
    for ref in parties(ctx):
        if ref.role in roles and ref.country == country and ref.party.id is not None:
            yield ref


def _value_checker(spec: RuleSpec) -> Callable[[Selected], Violation | None]:
    check = spec.check
    if isinstance(check, PatternCheck):
        regex = re.compile(check.pattern)

        def pattern(sel: Selected) -> Violation | None:
            text = str(sel.value)
            if regex.fullmatch(text):
                return None
            return Violation(sel.node, text, {"value": text, "expected": check.pattern})

        return pattern
    if isinstance(check, LengthCheck):
        lengths = frozenset(check.lengths)
        expected = " or ".join(str(n) for n in sorted(lengths))

        def length(sel: Selected) -> Violation | None:
            text = str(sel.value)
            if len(text) in lengths:
                return None
            return Violation(
                sel.node, text, {"value": text, "length": len(text), "expected": expected}
            )

        return length
    if isinstance(check, OneOfCheck):
        allowed = frozenset(check.values)
        listed = ", ".join(check.values)

        def one_of(sel: Selected) -> Violation | None:
            text = str(sel.value)
            if text in allowed:
                return None
            return Violation(sel.node, text, {"value": text, "expected": listed})

        return one_of
    if isinstance(check, ThresholdCheck):
        limit, currency = check.limit, check.currency
        comparable = _comparable(check)

        def threshold(sel: Selected) -> Violation | None:
            value = comparable(sel)
            if value is None or value <= limit:
                return None
            return Violation(
                sel.node,
                str(sel.value),
                {"value": str(sel.value), "expected": f"{limit} {currency}", "currency": currency},
            )

        return threshold
    raise ValueError(f"check kind {check.kind!r} does not check single values")


def _run(spec: RuleSpec, country: str | None) -> DeclRun | ItemRun:
    check = spec.check
    item_scope = spec.scope == "item"
    if isinstance(check, PredicateCheck):
        pred = PREDICATES.get(check.predicate)
        if pred is None:
            raise ValueError(f"no predicate named {check.predicate!r}")
        if pred.scope != spec.scope:
            raise ValueError(
                f"predicate {check.predicate!r} works on {pred.scope}, not {spec.scope}"
            )
        params = dict(check.params)
        params.setdefault("country", country or "")
        func = pred.func
        if item_scope:
            return lambda ctx, item: list(func(ctx, item, params))
        return lambda ctx: list(func(ctx, params))
    if isinstance(check, DocumentCheck):
        if not item_scope:
            raise ValueError("document checks work on goods items (scope = 'item')")
        codes = frozenset(check.codes)
        listed = ", ".join(check.codes)

        def documents(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
            for doc in item.additional_documents:
                if doc.code in codes:
                    return []
            for declared in ctx.declaration.additional_documents:
                if declared.code in codes:
                    return []
            code = ctx.commodity_code(item)
            return [Violation(item, code, {"expected": listed, "value": code or ""})]

        return documents
    if isinstance(check, IdentifierCheck):
        if item_scope:
            raise ValueError("identifier checks work on the declaration (scope = 'declaration')")
        validators = [resolve_identifier(name) for name in check.validators]
        roles = frozenset(check.parties)

        def identifiers(ctx: Context) -> list[Violation]:
            found: list[Violation] = []
            for ref in _identified_parties(ctx, roles, country):
                assert ref.party.id is not None
                raw = ref.party.id.value
                strip = check.strip_prefix and country and raw.upper().startswith(country)
                value = raw[2:] if strip else raw
                reasons = [v(value) for v in validators]
                if all(r is not None for r in reasons):
                    found.append(
                        Violation(
                            ref.party.id,
                            raw,
                            {
                                "value": raw,
                                "party": ref.role,
                                "reason": "; ".join(filter(None, reasons)),
                            },
                        )
                    )
            return found

        return identifiers
    if isinstance(check, RequiredCheck):
        select = _selector(spec)
        if item_scope:

            def required_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
                if select(ctx, item):
                    return []
                return [Violation(item, None, {"field": check.field})]

            return required_item

        def required(ctx: Context) -> list[Violation]:
            if select(ctx):
                return []
            return [Violation(ctx.declaration, None, {"field": check.field})]

        return required
    select = _selector(spec)
    value_check = _value_checker(spec)
    if item_scope:

        def per_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
            found: list[Violation] = []
            for sel in select(ctx, item):
                v = value_check(sel)
                if v is not None:
                    found.append(v)
            return found

        return per_item

    def per_declaration(ctx: Context) -> list[Violation]:
        found: list[Violation] = []
        for sel in select(ctx):
            v = value_check(sel)
            if v is not None:
                found.append(v)
        return found

    return per_declaration


def _probe(spec: RuleSpec, country: str | None) -> Callable[..., str | None] | None:
    """For explain mode: a function that says why a rule had nothing to check (a value
    check with no value, an identifier check with no such party), or None when it had
    something. None for checks that always have something to judge."""
    check = spec.check
    if isinstance(check, IdentifierCheck):
        roles = frozenset(check.parties)
        wanted = " or ".join(sorted(roles))

        def no_party(ctx: Context) -> str | None:
            if next(_identified_parties(ctx, roles, country), None) is not None:
                return None
            return f"nothing to check: no {wanted} from {country} has an identifier"

        return no_party
    if not isinstance(check, PatternCheck | LengthCheck | OneOfCheck | ThresholdCheck):
        return None
    select = _selector(spec)
    what = f"no {check.field}"
    accept: Callable[[Selected], bool] | None = None
    if isinstance(check, ThresholdCheck):
        what = f"no {check.field} in {check.currency}"
        amount = _comparable(check)

        def accept(sel: Selected) -> bool:
            return amount(sel) is not None

    if spec.scope == "item":

        def empty_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> str | None:
            for sel in select(ctx, item):
                if accept is None or accept(sel):
                    return None
            return f"nothing to check: {what} on the goods item"

        return empty_item

    def empty(ctx: Context) -> str | None:
        for sel in select(ctx):
            if accept is None or accept(sel):
                return None
        return f"nothing to check: {what} on the declaration"

    return empty


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
    probe: Callable[..., str | None] | None = None
    """Explain mode only: why the rule had nothing to check (see :func:`_probe`)."""

    @property
    def id(self) -> str:
        return self.spec.id


def compile_rule(spec: RuleSpec, country: str | None) -> CompiledRule:
    """Compile one rule. Raises ValueError naming the problem when it cannot run."""
    when = spec.when
    key = (when.roles, when.declaration_types, when.functions, when.valid_from, when.valid_to)
    return CompiledRule(
        spec,
        country,
        _decl_gate(country, when),
        _item_gate(when),
        _run(spec, country),
        key,
        _probe(spec, country),
    )


# --- evaluation -----------------------------------------------------------------------


def _finding(
    rule: CompiledRule, v: Violation, fallback: Located, ctx_vars: Mapping[str, object]
) -> Finding:
    spec = rule.spec
    node = v.node if v.node is not None else fallback
    values = dict(ctx_vars)
    values["country"] = rule.country or ""
    if v.value is not None:
        values["value"] = v.value
    values.update(v.vars)
    return Finding(
        rule=spec.id,
        country=rule.country,
        agency=spec.agency.value,
        severity=spec.severity,
        message=_format(spec.message, values),
        path=node.path,
        line=node.line,
        value=v.value,
    )


def _crash(rule: CompiledRule, exc: BaseException, where: Located) -> Finding:
    return Finding(
        rule="RULE-CRASH",
        country=rule.country,
        agency=rule.spec.agency.value,
        severity=Severity.ERROR,
        message=f"rule {rule.id} failed to run: {exc!r}; the declaration cannot be cleared "
        "until it runs",
        path=where.path,
        line=where.line,
        value=rule.id,
    )


class Plan:
    """All rules of a set of packs, compiled once and evaluated in one walk."""

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        ordered = sorted(rules, key=lambda r: (r.country or "", r.id))
        self.rules = tuple(ordered)
        self.declaration_rules = tuple(r for r in ordered if r.spec.scope == "declaration")
        self.item_rules = tuple(r for r in ordered if r.spec.scope == "item")

    def evaluate(
        self, ctx: Context, *, explain: bool = False
    ) -> tuple[list[Finding], list[Outcome] | None]:
        """Run every rule over the declaration; return findings (and outcomes)."""
        decl = ctx.declaration
        findings: list[Finding] = []
        tally: dict[str, list[Any]] | None = {} if explain else None
        base = {"declaring": ctx.declaring or "", "date": ctx.as_of.isoformat()}
        rank = {"not-applicable": 0, "passed": 1, "failed": 2, "crashed": 3}

        def note(rule: CompiledRule, status: str, reason: str, count: int = 0) -> None:
            assert tally is not None
            entry = tally.setdefault(rule.id, [rule, "not-applicable", reason, 0, 0])
            if rank[status] > rank[entry[1]]:
                entry[1], entry[2] = status, reason
            elif status == "passed" and entry[1] == "passed":
                entry[2] = reason
            entry[3] += count

        # Rules with the same country and declaration-level condition share one gate.
        gates: dict[tuple[str | None, Hashable], str | None] = {}
        open_items: list[CompiledRule] = []
        for rule in self.rules:
            key = (rule.country, rule.gate_key)
            if key in gates:
                reason = gates[key]
            else:
                reason = gates[key] = rule.gate(ctx)
            if reason is not None:
                if tally is not None:
                    note(rule, "not-applicable", reason)
                continue
            if rule.spec.scope == "item":
                open_items.append(rule)
                continue
            try:
                violations = rule.run(ctx)
                found = [_finding(rule, v, decl, base) for v in violations] if violations else []
            except Exception as exc:
                findings.append(_crash(rule, exc, decl))
                if tally is not None:
                    note(rule, "crashed", repr(exc), 1)
                continue
            findings.extend(found)
            if tally is not None:
                empty = rule.probe(ctx) if rule.probe is not None and not found else None
                if empty is not None:
                    note(rule, "not-applicable", empty)
                else:
                    status = "failed" if found else "passed"
                    note(rule, status, "checked the declaration", len(found))

        items = decl.goods_items
        if open_items:
            checked = f"checked {len(items)} item(s)"
            steps = [(rule, rule.item_gate, rule.run) for rule in open_items]
            for item in items:
                for rule, item_gate, run in steps:
                    if item_gate is not None:
                        reason = item_gate(ctx, item)
                        if reason is not None:
                            if tally is not None:
                                note(rule, "not-applicable", reason)
                            continue
                    try:
                        violations = run(ctx, item)
                        found = (
                            [_finding(rule, v, item, base) for v in violations]
                            if violations
                            else []
                        )
                    except Exception as exc:
                        findings.append(_crash(rule, exc, item))
                        if tally is not None:
                            note(rule, "crashed", repr(exc), 1)
                        continue
                    if found:
                        findings.extend(found)
                    if tally is not None:
                        probe = rule.probe
                        empty = probe(ctx, item) if probe is not None and not found else None
                        if empty is not None:
                            note(rule, "not-applicable", empty)
                        else:
                            note(rule, "failed" if found else "passed", checked, len(found))
            if not items and tally is not None:
                for rule in open_items:
                    note(rule, "not-applicable", "the declaration has no goods items")

        findings.sort(key=Finding.sort_key)
        outcomes = None
        if tally is not None:
            outcomes = [
                Outcome(rule.id, rule.country, status, reason, count)
                for rule, status, reason, count, _ in (tally[r.id] for r in self.rules)
            ]
        return findings, outcomes
