"""The rule packs as the strategies read them: which rules apply, and what they accept.

Strategies never hard-code a country's requirements. They read the packs of a
:class:`~single_window.rules.RuleSet` when a strategy is created and ask each rule's
condition (:class:`~single_window.rules.When`) whether it applies and each rule's check
kind what it accepts: the same objects the engine compiles, so there is one reading of
a pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from single_window.rules import RuleSet
from single_window.rules._kinds import Check, ValueCheck
from single_window.rules._packfile import RuleSpec
from single_window.rules._packs import BASELINE
from single_window.rules._selectors import Scope
from single_window.rules._when import Header

__all__ = ["Header", "RuleRef", "applies", "find_rule", "iter_rules"]


@dataclass(frozen=True)
class RuleRef:
    """A rule and the pack it came from (``country`` None for the baseline)."""

    spec: RuleSpec
    country: str | None

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def check(self) -> Check:
        return self.spec.check

    @property
    def field(self) -> str | None:
        return self.spec.check.field

    @property
    def scope(self) -> Scope:
        return self.spec.scope

    @property
    def item_scope(self) -> bool:
        return self.spec.scope == "item"

    @property
    def value_check(self) -> ValueCheck | None:
        """The check, when it judges the text of each value (pattern, length, one-of)."""
        check = self.spec.check
        return check if isinstance(check, ValueCheck) else None

    def item_applies(self, procedure_code: str | None, commodity_code: str | None) -> bool:
        """Whether the rule's goods-item conditions hold for these values."""
        return self.spec.when.item_holds(procedure_code, commodity_code)


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
    return ref.spec.when.holds(ref.country, header)
