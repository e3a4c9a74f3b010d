"""What a predicate violator gets and how one is described: the violation's target, and
the record a registry keeps of each violator.

The library's violators are marked with :func:`violator` where they are written (which
changes nothing but the function); :mod:`single_window.testing._registry` gathers them
from the modules it names. Callers register theirs with
:func:`~single_window.testing.predicate_violator`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import Any

from hypothesis import strategies as st

from single_window.models import Declaration, GovernmentAgencyGoodsItem
from single_window.rules._kinds import Needs
from single_window.rules._packfile import RuleSpec

__all__ = ["PredicateViolator", "ViolationTarget", "Violator", "marked_violators", "violator"]


@dataclass
class ViolationTarget:
    """What a predicate violator receives: a valid declaration to break in place.

    Attributes:
        declaration: A valid declaration the rule applies to; change it in place.
        rule: The rule to break.
        country: The rule's country (None for the baseline).
        params: The rule's ``check.params``.
        item_index: For an item rule, the goods item to break (0-based); else None.
        draw: Hypothesis' draw function, for choosing values.
        today: The date checks judge plausibility by (UTC).
    """

    declaration: Declaration
    rule: RuleSpec
    country: str | None
    params: Mapping[str, Any]
    item_index: int | None
    draw: Callable[[st.SearchStrategy[Any]], Any]
    today: date

    @property
    def item(self) -> GovernmentAgencyGoodsItem:
        """The goods item to break (the first one for a declaration rule)."""
        return self.declaration.goods_items[self.item_index or 0]


PredicateViolator = Callable[[ViolationTarget], None]


def _no_needs(_params: Mapping[str, Any]) -> Needs:
    return Needs()


@dataclass(frozen=True)
class Violator:
    """How to break the rules that use one predicate.

    Attributes:
        violate: Changes a :class:`ViolationTarget`'s declaration in place so that the
            predicate reports it.
        needs: What the valid declaration must have for the predicate to look at it,
            from the rule's params.
        built_on: The kinds of declaration (``import``, ``export``, ``transit``) the
            builders satisfy the predicate on by construction; on others (and for a
            caller's predicate) they run the rule and discard what it fires on.
    """

    violate: PredicateViolator
    needs: Callable[[Mapping[str, Any]], Needs] = _no_needs
    built_on: tuple[str, ...] = ()


#: The attribute :func:`violator` marks a function with.
_MARK = "_single_window_violator"


def violator(
    name: str,
    *,
    needs: Callable[[Mapping[str, Any]], Needs] | None = None,
    built_on: tuple[str, ...] = (),
) -> Callable[[PredicateViolator], PredicateViolator]:
    """Mark a function of the library as the violator of the predicate ``name`` (see
    :class:`Violator` for the options); the registry gathers it."""

    def mark(func: PredicateViolator) -> PredicateViolator:
        setattr(func, _MARK, (name, Violator(func, needs or _no_needs, built_on)))
        return func

    return mark


def marked_violators(*modules: ModuleType) -> list[tuple[str, Violator]]:
    """The ``(predicate name, violator)`` pairs the modules mark, in the order they are
    defined."""
    found: list[tuple[str, Violator]] = []
    for module in modules:
        for value in vars(module).values():
            mark = getattr(value, _MARK, None)
            if mark is not None:
                found.append(mark)
    return found
