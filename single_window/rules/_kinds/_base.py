"""The base of the check kinds, and what the Hypothesis strategies offer their hooks.

A check kind is a :class:`Check` subclass: its pydantic fields are the pack schema of
``[rules.check]``, :meth:`Check.compile` gives the function the engine runs,
:meth:`Check.probe` says why a rule had nothing to check (explain mode),
:meth:`Check.describe` words it for the documentation, and the remaining methods are the
hooks the strategies in :mod:`single_window.testing` use to satisfy a check while they
build a declaration or to break it. The hooks see the strategies only through
:class:`ViolationPlanner`, :class:`ViolationSite` and :class:`FieldWriter`, so the rules
never import the strategies (or Hypothesis, which a hook imports only when called).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from pydantic import BaseModel, ConfigDict

from single_window._i18n import N_, define
from single_window._markdown import code_span
from single_window.models import Declaration, GovernmentAgencyGoodsItem
from single_window.rules._context import Context
from single_window.rules._registry import Violation
from single_window.rules._route import Role
from single_window.rules._selectors import Scope, Selector, selector

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from single_window._i18n import Message
    from single_window.rules._kinds._selecting import ValueCheck
    from single_window.rules._kinds.identifier import IdentifierCheck
    from single_window.rules._kinds.predicate import PredicateCheck

__all__ = [
    "NOTHING",
    "Check",
    "DeclRun",
    "FieldWriter",
    "ItemRun",
    "Needs",
    "NotViolable",
    "Probe",
    "Run",
    "ViolationPlanner",
    "ViolationSite",
    "WriterOf",
    "XmlPath",
]

DeclRun = Callable[[Context], list[Violation]]
ItemRun = Callable[[Context, GovernmentAgencyGoodsItem], list[Violation]]
Run = DeclRun | ItemRun
#: Explain mode: why a rule had nothing to check (``probe(ctx)`` or ``probe(ctx, item)``),
#: a message (see :data:`NOTHING`).
Probe = Callable[..., "Message | None"]

#: Why a check kind had nothing to check (``kind.<key>``).
NOTHING = define(
    "kind",
    {
        "nothing-on-item": N_("nothing to check: {what} on the goods item"),
        "nothing-on-declaration": N_("nothing to check: {what} on the declaration"),
        "no-field": N_("no {field}"),
        "no-amount": N_("no {field} in {currency}"),
        "no-party": N_("nothing to check: no {parties} from {country} has an identifier"),
    },
)
#: Element names from the root, for the profile's facets of an element.
XmlPath = tuple[str, ...]


# --- what the strategies provide ---------------------------------------------------------


class NotViolable(ValueError):
    """The strategies cannot break this rule (the reason says why)."""


@dataclass(frozen=True)
class Needs:
    """What breaking a rule needs from the valid declaration it starts from.

    Attributes:
        hs: Commodity code prefixes or ranges every goods item must fall in.
        currency: The invoice currency.
        declaration_types: Declaration type prefixes (``IM``, ``EX``).
        procedures: Requested procedure codes.
        roles: The roles the rule's country may have (None: the rule's own roles).
        export: Countries the goods must be exported from (none: any).
        kinds: Kinds of declaration the violation works on: ``import``, ``export``,
            ``transit`` (none: any the rule applies to).
        regimes: Transit regimes the violation works on: ``TIR``, ``NCTS``, ``EAEU``
            (none: any).
        transit: Countries one of which a transit declaration must pass through, with an
            office of transit there (none: any).
    """

    hs: tuple[str, ...] = ()
    currency: str | None = None
    declaration_types: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    roles: tuple[Role, ...] | None = None
    export: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    regimes: tuple[str, ...] = ()
    transit: tuple[str, ...] = ()


Getter = Callable[[Declaration, int], "str | None"]
Putter = Callable[[Declaration, int, str], None]
Clearer = Callable[[Declaration, int], None]
AmountPutter = Callable[[Declaration, int, Decimal, str], bool]


@dataclass(frozen=True)
class FieldWriter:
    """How the strategies write one field a check selects (made in
    :mod:`single_window.testing`; every part None when they cannot).

    Attributes:
        get: The current value on a declaration (goods item ``i``).
        put: Write a value (on goods item ``i``).
        parts: The elements a written value lands in, as (XSD path, text) pairs, so its
            lexical form can be checked against the profile.
        alphabet: Characters its values are drawn from.
        max_length: The longest value, when not one element's maxLength.
        universe: Every value it may take, when that is a closed list.
        clear: Remove it, and ``clear_path`` the element that goes.
        put_amount: Set it to an amount in a unit (for ``max_amount``); False when the
            declaration cannot take that amount.
        decimals: Decimal places of the amounts it holds.
    """

    get: Getter | None = None
    put: Putter | None = None
    parts: Callable[[str], tuple[tuple[XmlPath, str], ...]] | None = None
    alphabet: str = string.ascii_uppercase + string.digits
    max_length: int | None = None
    universe: Callable[[], tuple[str, ...]] | None = None
    clear: Clearer | None = None
    clear_path: XmlPath | None = None
    put_amount: AmountPutter | None = None
    decimals: int = 2


#: The strategies' writer of a field.
WriterOf = Callable[[Selector], FieldWriter]


class ViolationPlanner(Protocol):
    """What a check's :meth:`Check.violation_needs` may ask the strategies."""

    def writer(self, field: Selector) -> FieldWriter:
        """How the strategies write the field."""
        ...

    def schema_requires(self, path: XmlPath) -> bool:
        """Whether the profile requires the element at this path (minOccurs > 0)."""
        ...

    def field_ok(self, field: Selector, value: str) -> bool:
        """Whether a value fits the field's elements in the profile."""
        ...

    def predicate_needs(self, name: str, params: Mapping[str, Any]) -> Needs:
        """What a registered predicate violator needs; raises NotViolable without one."""
        ...


class ViolationSite(Protocol):
    """A valid declaration a check's :meth:`Check.violate` breaks in place."""

    @property
    def declaration(self) -> Declaration:
        """The declaration to break."""
        ...

    @property
    def item_index(self) -> int:
        """The goods item to break (0-based; the first one for a declaration rule)."""
        ...

    @property
    def scope(self) -> Scope:
        """The scope of the rule to break."""
        ...

    @property
    def country(self) -> str | None:
        """The country of the rule to break (None for the baseline)."""
        ...

    @property
    def as_of(self) -> date:
        """The date the declaration is judged at."""
        ...

    def writer(self, field: Selector) -> FieldWriter:
        """How the strategies write the field."""
        ...

    def draw(self, strategy: SearchStrategy[Any]) -> Any:
        """Draw a value (Hypothesis' draw)."""
        ...

    def reject(self) -> None:
        """Discard this example."""
        ...

    def current(self, field: Selector) -> str:
        """The field's current value on the goods item (or declaration)."""
        ...

    def field_ok(self, field: Selector, value: str) -> bool:
        """Whether a value fits the field's elements in the profile."""
        ...

    def max_length(self, field: Selector) -> int:
        """The longest value the field may hold."""
        ...

    def other_value_checks(self, field: Selector) -> Sequence[ValueCheck]:
        """The other active value checks on the same field (the new value must pass them)."""
        ...

    def break_identifier(self, check: IdentifierCheck) -> None:
        """Give one party the check judges an identifier every validator rejects."""
        ...

    def break_predicate(self, check: PredicateCheck) -> None:
        """Run the violator registered for the predicate."""
        ...


# --- the base class ----------------------------------------------------------------------


class Check(BaseModel):
    """Base of the check kinds: the ``[rules.check]`` table of a pack rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Whether the kind selects values with ``field`` (others ignore it).
    uses_field: ClassVar[bool] = False
    #: The scopes the kind works on.
    scopes: ClassVar[tuple[Scope, ...]] = ("declaration", "item")

    kind: str
    field: str | None = None

    # -- the engine ---------------------------------------------------------------------

    def selector(self, scope: Scope) -> Selector:
        """The field this check selects, for a rule of this scope."""
        return selector(self.field, scope)

    def compile(self, scope: Scope, country: str | None) -> Run:
        """The function the engine runs: ``run(ctx)`` for a declaration rule,
        ``run(ctx, item)`` for an item rule; each returns the violations found.

        Raises:
            ValueError: when the check cannot run as written (wrong scope, unknown field).
        """
        if scope not in self.scopes:
            where = "goods items" if self.scopes == ("item",) else "the declaration"
            raise ValueError(f"{self.kind} checks work on {where} (scope = {self.scopes[0]!r})")
        return self._compile(scope, country)

    def _compile(self, scope: Scope, country: str | None) -> Run:
        raise NotImplementedError

    def probe(self, scope: Scope, country: str | None) -> Probe | None:
        """For explain mode: a function saying why the rule had nothing to check, or None
        when the kind always has something to judge."""
        return None

    def registered(self) -> tuple[object, ...]:
        """The registered Python functions (predicates, identifier validators) this check
        names, so that a worker process can import the modules that register them."""
        return ()

    # -- the documentation -----------------------------------------------------------------

    def describe(self) -> str:
        """What the check tests, in words (Markdown)."""
        raise NotImplementedError

    def _field_words(self) -> str:
        return code_span(self.field) if self.field else "the value"

    # -- the strategies: satisfying --------------------------------------------------------

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        """Whether the strategies satisfy this check while they build a declaration (else
        they run the rule and discard examples it fires on)."""
        return False

    def accepts(self, value: str) -> bool:
        """Whether a single value passes (value checks; other kinds accept anything)."""
        return True

    def cap(self, field: str, unit: str) -> Decimal | None:
        """The most an amount of this field in this unit may be (``max_amount``)."""
        return None

    def documents_needed(self) -> tuple[str, ...] | None:
        """Document codes one of which a goods item must carry (``document``)."""
        return None

    # -- the strategies: breaking ----------------------------------------------------------

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        """What a declaration must have for :meth:`violate` to break this check.

        Raises:
            NotViolable: when the strategies cannot break it (saying why).
        """
        raise NotViolable(f"check kind {self.kind!r} cannot be broken by the strategies")

    def violate(self, site: ViolationSite) -> None:
        """Change a valid declaration so that this check fails (on ``site.item_index``)."""
        raise NotViolable(f"check kind {self.kind!r} cannot be broken by the strategies")
