"""The registry of predicate violators: the library's own, gathered from the modules that
mark them, and those callers register with :func:`predicate_violator`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import single_window.testing._corridor_violators as _corridor_violators
import single_window.testing._ddnta_violators as _ddnta_violators
import single_window.testing._hs_violators as _hs_violators
import single_window.testing._predicate_violators as _predicate_violators
import single_window.testing._transit_violators as _transit_violators
from single_window.rules._kinds import Needs
from single_window.rules._registry import Registry
from single_window.testing._target import PredicateViolator, Violator, marked_violators

__all__ = ["VIOLATORS", "builder_satisfies", "predicate_violator"]

#: How to break the rules of each predicate, by predicate name.
VIOLATORS: Registry[Violator] = Registry(
    "a violator for predicate",
    marked_violators(
        _predicate_violators,
        _hs_violators,
        _transit_violators,
        _corridor_violators,
        _ddnta_violators,
    ),
)


def builder_satisfies(name: str, kind: str) -> bool:
    """Whether the builders satisfy the predicate ``name`` by construction on a
    declaration of this kind."""
    found = VIOLATORS.get(name)
    return found is not None and kind in found.built_on


def predicate_violator(
    name: str, *, needs: Callable[[Mapping[str, Any]], Needs] | None = None
) -> Callable[[PredicateViolator], PredicateViolator]:
    """Register how to break rules that use the predicate ``name`` (a decorator).

    The function gets a :class:`ViolationTarget` and changes its declaration in place so
    that the predicate reports it. ``needs`` maps the rule's params to what the valid
    declaration must have for the predicate to look at it (:class:`Needs`).

    Example:
        >>> from single_window.testing import predicate_violator
        >>> @predicate_violator("my-predicate")  # doctest: +SKIP
        ... def _(target):
        ...     target.item.origins.clear()
    """

    def register(func: PredicateViolator) -> PredicateViolator:
        VIOLATORS.add(name, Violator(func, needs) if needs is not None else Violator(func))
        return func

    return register
