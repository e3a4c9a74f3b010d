"""Named Python checks that pack files refer to: predicates and identifier validators.

A predicate receives the rule context (and the goods item, for item rules) and the
rule's ``params``, and yields :class:`Violation` objects; the engine stamps them with the
rule's id, country, agency, severity and the element's location. An identifier
validator takes an identifier string and returns None when it is valid, or the reason
it is not.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from single_window._values import Located
from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context

__all__ = [
    "IDENTIFIERS",
    "PREDICATES",
    "Predicate",
    "Violation",
    "identifier",
    "predicate",
    "resolve_identifier",
]


@dataclass(frozen=True)
class Violation:
    """One failure found by a check: template variables, the node and the value.

    Attributes:
        node: The model node the finding points at (None: the rule's own scope).
        value: The offending value, as it stands at the finding's path.
        vars: Values for the message template.
        attribute: The node's attribute that holds the value (``currencyID``), when the
            finding is about an attribute rather than the element's text.
    """

    node: Located | None
    value: str | None = None
    vars: Mapping[str, object] = field(default_factory=dict)
    attribute: str | None = None


Params = Mapping[str, Any]
DeclarationCheck = Callable[[Context, Params], Iterable[Violation]]
ItemCheck = Callable[[Context, GovernmentAgencyGoodsItem, Params], Iterable[Violation]]


@dataclass(frozen=True)
class Predicate:
    """A registered predicate and the scope it works at."""

    name: str
    scope: Literal["declaration", "item"]
    func: Callable[..., Iterable[Violation]]
    doc: str


PREDICATES: dict[str, Predicate] = {}
IDENTIFIERS: dict[str, Callable[[str], str | None]] = {}


def predicate(
    name: str, scope: Literal["declaration", "item"]
) -> Callable[[Callable[..., Iterable[Violation]]], Callable[..., Iterable[Violation]]]:
    """Register a predicate under a name that pack files can use (``kind = "predicate"``)."""

    def register(func: Callable[..., Iterable[Violation]]) -> Callable[..., Iterable[Violation]]:
        if name in PREDICATES:
            raise ValueError(f"predicate {name!r} is registered twice")
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        PREDICATES[name] = Predicate(name, scope, func, doc)
        return func

    return register


def identifier(name: str) -> Callable[[Callable[[str], str | None]], Callable[[str], str | None]]:
    """Register an identifier validator (``kind = "identifier"``, ``validators = [name]``)."""

    def register(func: Callable[[str], str | None]) -> Callable[[str], str | None]:
        if name in IDENTIFIERS:
            raise ValueError(f"identifier validator {name!r} is registered twice")
        IDENTIFIERS[name] = func
        return func

    return register


def _stdnum(module_name: str) -> Callable[[str], str | None]:
    module = importlib.import_module(f"stdnum.{module_name}")
    validate = module.validate

    def check(value: str) -> str | None:
        try:
            validate(value)
        except Exception as exc:  # stdnum raises ValidationError subclasses
            return str(exc) or type(exc).__name__
        return None

    return check


def resolve_identifier(name: str) -> Callable[[str], str | None]:
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
    if name not in IDENTIFIERS:
        raise KeyError(f"no identifier validator named {name!r}")
    return IDENTIFIERS[name]
