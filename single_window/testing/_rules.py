"""The rule packs as the strategies read them: which rules apply, and what they accept.

Strategies never hard-code a country's requirements. They read the packs of a
:class:`~single_window.rules.RuleSet` when a strategy is created and ask each rule's
data (its ``when`` and ``check``) what a value must look like. This module answers
those questions from the pack data alone; it does not run the engine, so that the
self-tests compare two independent readings of the same packs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from single_window.rules import RuleSet
from single_window.rules._packfile import (
    LengthCheck,
    OneOfCheck,
    PatternCheck,
    Role,
    RuleSpec,
    ThresholdCheck,
    When,
)
from single_window.rules._packs import BASELINE

__all__ = [
    "Header",
    "RuleRef",
    "amount_accepted",
    "applies",
    "find_rule",
    "hs_matches",
    "is_value_check",
    "item_applies",
    "iter_rules",
    "value_accepted",
]


@dataclass(frozen=True)
class RuleRef:
    """A rule and the pack it came from (``country`` None for the baseline)."""

    spec: RuleSpec
    country: str | None

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def field(self) -> str | None:
        return self.spec.check.field

    @property
    def item_scope(self) -> bool:
        return self.spec.scope == "item"


@dataclass(frozen=True)
class Header:
    """What decides, at declaration level, whether a rule applies."""

    roles: Mapping[str, frozenset[Role]]
    type_code: str
    function_code: str
    as_of: date


def iter_rules(rules: RuleSet, countries: Iterable[str]) -> Iterator[RuleRef]:
    """The baseline rules and those of the given countries that have a pack."""
    seen: set[str] = set()
    for key in (BASELINE, *countries):
        if key in seen:
            continue
        seen.add(key)
        pack = rules.packs.get(key)
        if pack is None:
            continue
        for spec in pack.specs:
            yield RuleRef(spec, pack.info.country)


def find_rule(rules: RuleSet, rule_id: str) -> RuleRef | None:
    """The rule with this id in any pack, or None."""
    for pack in rules.packs.values():
        for spec in pack.specs:
            if spec.id == rule_id:
                return RuleRef(spec, pack.info.country)
    return None


def applies(ref: RuleRef, header: Header) -> bool:
    """Whether a rule's declaration-level conditions hold (roles, type, function, dates)."""
    when = ref.spec.when
    if (
        when.roles
        and ref.country is not None
        and not header.roles.get(ref.country, frozenset()) & frozenset(when.roles)
    ):
        return False
    if when.declaration_types and not any(
        header.type_code.startswith(t) for t in when.declaration_types
    ):
        return False
    if when.functions and header.function_code not in when.functions:
        return False
    if when.valid_from is not None and header.as_of < when.valid_from:
        return False
    return not (when.valid_to is not None and header.as_of > when.valid_to)


def hs_matches(ranges: Iterable[str], code: str | None) -> bool:
    """Whether a commodity code falls in any HS prefix or prefix range (``"01-05"``)."""
    if code is None:
        return False
    for spec in ranges:
        low, _, high = spec.partition("-")
        head = code[: len(low)]
        if len(head) == len(low) and low <= head <= (high or low):
            return True
    return False


def item_applies(when: When, procedure_code: str | None, commodity_code: str | None) -> bool:
    """Whether a rule's item-level conditions hold (requested procedure, HS range)."""
    if when.procedures and (procedure_code is None or procedure_code[:2] not in when.procedures):
        return False
    return not (when.hs and not hs_matches(when.hs, commodity_code))


def value_accepted(check: object, value: str) -> bool:
    """Whether a pattern, length or one-of check accepts a value (other kinds: True)."""
    if isinstance(check, PatternCheck):
        return re.fullmatch(check.pattern, value) is not None
    if isinstance(check, LengthCheck):
        return len(value) in check.lengths
    if isinstance(check, OneOfCheck):
        return value in check.values
    return True


def amount_accepted(check: object, value: Decimal, unit: str | None) -> bool:
    """Whether a max-amount check accepts an amount (compared only in its currency)."""
    if isinstance(check, ThresholdCheck):
        return unit != check.currency or value <= check.limit
    return True


def is_value_check(check: object) -> bool:
    """Pattern, length and one-of checks: they judge each selected value alone."""
    return isinstance(check, PatternCheck | LengthCheck | OneOfCheck)
