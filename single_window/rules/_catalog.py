"""The catalog of named Python checks: the registries of predicates and identifier
validators that packs name, filled from the library's own modules, and the decorators
callers register theirs with.

The library's modules are named here, and their marked functions gathered
(:func:`~single_window.rules._registry.marked`): importing a module registers nothing
by itself. A caller's module registers its functions with :func:`predicate` and
:func:`identifier` when it is imported; a worker process of a batch imports it again by
name (see :meth:`~single_window.rules._kinds.Check.registered`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Literal

import single_window.rules._corridor as _corridor
import single_window.rules._hs as _hs
import single_window.rules._ncts as _ncts
import single_window.rules._predicates as _predicates
import single_window.rules._transit as _transit
from single_window._i18n import N_, Message, Table, define
from single_window.rules._registry import (
    Predicate,
    Registry,
    Validator,
    Violation,
    doc_line,
    marked,
    problems_table,
)

__all__ = ["IDENTIFIERS", "PREDICATES", "identifier", "predicate", "resolve_identifier"]

#: Every predicate a pack can name (``kind = "predicate"``).
PREDICATES: Registry[Predicate] = Registry(
    "predicate", marked("predicate", _predicates, _hs, _transit, _corridor, _ncts)
)
#: Every identifier validator a pack can name (``kind = "identifier"``).
IDENTIFIERS: Registry[Validator] = Registry(
    "identifier validator", marked("identifier", _predicates, _hs, _transit)
)


def predicate(
    name: str,
    scope: Literal["declaration", "item"],
    *,
    problems: Mapping[str, str] | Table | None = None,
) -> Callable[[Callable[..., Iterable[Violation]]], Callable[..., Iterable[Violation]]]:
    """Register a predicate under a name that pack files can use (``kind = "predicate"``).

    ``problems`` are English templates by key (message ids ``predicate.<name>.<key>``):
    a violation that names one (``Violation(..., problem="missing", params={...})``)
    gives the rule's ``{problem}`` placeholder that message.
    """
    table = problems_table(name, problems)

    def register(func: Callable[..., Iterable[Violation]]) -> Callable[..., Iterable[Violation]]:
        PREDICATES.add(name, Predicate(name, scope, func, doc_line(func), table))
        return func

    return register


def identifier(name: str) -> Callable[[Validator], Validator]:
    """Register an identifier validator (``kind = "identifier"``, ``validators = [name]``)."""

    def register(func: Validator) -> Validator:
        IDENTIFIERS.add(name, func)
        return func

    return register


#: What a python-stdnum validator's exception means, in the library's words (python-stdnum
#: words its exceptions in English only), by the exception's class name.
_STDNUM_REASONS = define(
    "identifier.stdnum",
    {
        "InvalidLength": N_("the number has the wrong length"),
        "InvalidFormat": N_("the number has the wrong format"),
        "InvalidChecksum": N_("the number's check digit does not match"),
        "InvalidComponent": N_("a part of the number is not valid"),
        "ValidationError": N_("the number is not valid"),
    },
)


def _stdnum_reason(exc: Exception) -> Message:
    """The library's message for a python-stdnum exception (its nearest known class)."""
    for cls in type(exc).__mro__:
        if cls.__name__ in _STDNUM_REASONS.keys:
            return _STDNUM_REASONS(cls.__name__)
    return _STDNUM_REASONS("ValidationError")


def _stdnum(module_name: str) -> Validator:
    module = importlib.import_module(f"stdnum.{module_name}")
    validate = module.validate

    def check(value: str) -> Message | None:
        try:
            validate(value)
        except Exception as exc:  # stdnum raises ValidationError subclasses
            return _stdnum_reason(exc)
        return None

    return check


def resolve_identifier(name: str) -> Validator:
    """The validator for ``stdnum:<module>`` or a registered name.

    Raises:
        KeyError: when no such validator exists.
    """
    if name.startswith("stdnum:"):
        try:
            return _stdnum(name.removeprefix("stdnum:"))
        except ImportError:
            raise KeyError(
                f"python-stdnum has no module {name.removeprefix('stdnum:')!r}"
            ) from None
    found = IDENTIFIERS.get(name)
    if found is None:
        raise KeyError(f"no identifier validator named {name!r}")
    return found
