"""The check kinds a pack's ``[rules.check]`` table can use, one class each.

Each class is the whole of its kind, in the manner of jsonschema's keyword functions and
their validator table: its pack schema (the pydantic fields, validated when a pack
loads), :meth:`~Check.compile` (the function the engine runs), :meth:`~Check.probe` (why
it had nothing to check, for explain mode), :meth:`~Check.describe` (the documentation),
and the hooks the Hypothesis strategies in :mod:`single_window.testing` use to satisfy it
(:meth:`~Check.accepts`, :meth:`~Check.proposals`, :meth:`~Check.cap`,
:meth:`~Check.documents_needed`) or to break it (:meth:`~Check.violation_needs`,
:meth:`~Check.violate`). Adding a kind is one class here and one entry in
:data:`CHECK_KINDS`.

The strategy hooks import Hypothesis only when they are called, so the rules run without
it.
"""

from __future__ import annotations

import itertools
import json
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from single_window import codelists
from single_window._markdown import code_span, docstring, listing
from single_window.models import Declaration, GovernmentAgencyGoodsItem, PreviousDocument
from single_window.rules._context import Context, PartyRef, parties
from single_window.rules._patterns import compiled_pattern, pattern_matches
from single_window.rules._registry import IDENTIFIERS, PREDICATES, Violation, resolve_identifier
from single_window.rules._route import Role
from single_window.rules._selectors import (
    Scope,
    Selected,
    Selector,
    XmlPath,
    commodity_node,
    selector,
)

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = [
    "CHECK_KINDS",
    "Check",
    "CheckSpec",
    "CodeListCheck",
    "DeclRun",
    "DocumentCheck",
    "IdentifierCheck",
    "ItemRun",
    "LengthCheck",
    "Needs",
    "NotViolable",
    "OneOfCheck",
    "PatternCheck",
    "PredicateCheck",
    "Probe",
    "RequiredCheck",
    "ThresholdCheck",
    "ValueCheck",
    "ViolationPlanner",
    "ViolationSite",
]

DeclRun = Callable[[Context], list[Violation]]
ItemRun = Callable[[Context, GovernmentAgencyGoodsItem], list[Violation]]
Run = DeclRun | ItemRun
#: Explain mode: why a rule had nothing to check (``probe(ctx)`` or ``probe(ctx, item)``).
Probe = Callable[..., "str | None"]


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
    """

    hs: tuple[str, ...] = ()
    currency: str | None = None
    declaration_types: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    roles: tuple[Role, ...] | None = None
    export: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    regimes: tuple[str, ...] = ()


class ViolationPlanner(Protocol):
    """What a check's :meth:`Check.violation_needs` may ask the strategies."""

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

    def built_by_construction(self, scope: Scope) -> bool:
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


# --- checks that judge each selected value alone ----------------------------------------------


def _variants(current: str, alphabet: str, max_length: int) -> SearchStrategy[str]:
    """Values near a valid one: a character changed, dropped or added, or the start
    changed (an HS chapter, a procedure), plus any short value of the field's alphabet."""
    from hypothesis import strategies as st

    size = max(len(current), 1)
    position = st.integers(0, size - 1)
    char = st.sampled_from(alphabet + "AZ09")
    return st.one_of(
        st.tuples(position, char).map(lambda pc: current[: pc[0]] + pc[1] + current[pc[0] + 1 :]),
        position.map(lambda p: current[:p] + current[p + 1 :]),
        st.tuples(position, char).map(lambda pc: current[: pc[0]] + pc[1] + current[pc[0] :]),
        st.sampled_from(("00", "77", "98", "99", "X0")).map(lambda h: h + current[2:]),
        st.text(alphabet, min_size=1, max_size=min(max_length, 6)),
    )


class _SelectingCheck(Check):
    """A check that judges each value its field selects on its own."""

    uses_field: ClassVar[bool] = True

    def _judge(self, sel: Selected) -> Violation | None:
        raise NotImplementedError

    def writable(self, scope: Scope) -> Selector:
        """The check's field, when the strategies can write it.

        Raises:
            NotViolable: when they cannot.
        """
        field = self.selector(scope)
        if field.put is None or field.get is None:
            raise NotViolable(f"cannot write field {self.field!r}")
        return field

    def _compile(self, scope: Scope, country: str | None) -> Run:
        read = self.selector(scope).read
        judge = self._judge
        if scope == "item":

            def per_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
                found: list[Violation] = []
                for sel in read(ctx, item):
                    v = judge(sel)
                    if v is not None:
                        found.append(v)
                return found

            return per_item

        def per_declaration(ctx: Context) -> list[Violation]:
            found: list[Violation] = []
            for sel in read(ctx):
                v = judge(sel)
                if v is not None:
                    found.append(v)
            return found

        return per_declaration

    def _counts(self, sel: Selected) -> bool:
        """Whether a selected value is one the check judges (explain mode)."""
        return True

    def _nothing(self) -> str:
        return f"no {self.field}"

    def probe(self, scope: Scope, country: str | None) -> Probe | None:
        read = self.selector(scope).read
        counts = self._counts
        what = self._nothing()
        if scope == "item":

            def empty_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> str | None:
                if any(counts(sel) for sel in read(ctx, item)):
                    return None
                return f"nothing to check: {what} on the goods item"

            return empty_item

        def empty(ctx: Context) -> str | None:
            if any(counts(sel) for sel in read(ctx)):
                return None
            return f"nothing to check: {what} on the declaration"

        return empty


class ValueCheck(_SelectingCheck):
    """A check on the text of each selected value: a pattern, lengths, a list."""

    #: The order the strategies combine value checks in: the most selective first.
    priority: ClassVar[int] = 0

    def accepts(self, value: str) -> bool:
        raise NotImplementedError

    def _judge(self, sel: Selected) -> Violation | None:
        text = str(sel.value)
        if self.accepts(text):
            return None
        return Violation(sel.node, text, self._vars(text), sel.attribute)

    def _vars(self, text: str) -> dict[str, object]:
        return {"value": text}

    def built_by_construction(self, scope: Scope) -> bool:
        try:
            return self.selector(scope).put is not None
        except ValueError:
            return False

    def finite_values(self) -> tuple[str, ...] | None:
        """Every value the check accepts, when that is a closed list (else None)."""
        return None

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        """Candidate values this check is likely to accept; ``make(length)`` draws a
        value of the field of that length (None: any length)."""
        return make(None)

    def breaking_values(
        self, current: str, field: Selector, max_length: int
    ) -> SearchStrategy[str]:
        """Candidate values this check is likely to reject, near the current one."""
        from hypothesis import strategies as st

        if field.universe is not None:
            return st.sampled_from(field.universe())
        return _variants(current, field.alphabet, max_length)

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        self.writable(scope)
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        """Give the field a value this check rejects and every other check accepts."""
        field = self.selector(site.scope)
        assert field.put is not None
        current = site.current(field)
        others = site.other_value_checks(field)
        candidates = self.breaking_values(current, field, site.max_length(field))
        value = site.draw(
            candidates.filter(
                lambda v: (
                    bool(v)
                    and not self.accepts(v)
                    and site.field_ok(field, v)
                    and all(o.accepts(v) for o in others)
                )
            )
        )
        field.put(site.declaration, site.item_index, value)


class PatternCheck(ValueCheck):
    """Each selected value must match a regular expression (full match)."""

    priority: ClassVar[int] = 1

    kind: Literal["pattern"]
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        compiled_pattern(value)  # raises ValueError for a pattern RE2 does not take
        return value

    def accepts(self, value: str) -> bool:
        return pattern_matches(self.pattern, value)

    def _vars(self, text: str) -> dict[str, object]:
        return {"value": text, "expected": self.pattern}

    def describe(self) -> str:
        return f"{self._field_words()} fully matches the pattern {code_span(self.pattern)}"

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        alphabet = string.ascii_letters + string.digits + "-./"
        return st.from_regex(self.pattern, fullmatch=True, alphabet=alphabet)


class LengthCheck(ValueCheck):
    """Each selected value must have one of the given lengths."""

    kind: Literal["length"]
    lengths: tuple[int, ...] = Field(min_length=1)

    def accepts(self, value: str) -> bool:
        return len(value) in self.lengths

    def _vars(self, text: str) -> dict[str, object]:
        expected = " or ".join(str(n) for n in sorted(set(self.lengths)))
        return {"value": text, "length": len(text), "expected": expected}

    def describe(self) -> str:
        lengths = " or ".join(str(n) for n in self.lengths)
        return f"{self._field_words()} is {lengths} characters long"

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        return st.sampled_from(sorted(set(self.lengths))).flatmap(make)

    def breaking_values(
        self, current: str, field: Selector, max_length: int
    ) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        wrong = [n for n in range(1, max_length + 1) if n not in self.lengths]
        nearest = sorted(wrong, key=lambda n: (abs(n - len(current)), n))[:6]

        def resized(length: int) -> SearchStrategy[str]:
            if length <= len(current):
                return st.just(current[:length])
            extra = length - len(current)
            return st.text(field.alphabet, min_size=extra, max_size=extra).map(
                lambda t: current + t
            )

        return st.sampled_from(nearest).flatmap(resized)


class OneOfCheck(ValueCheck):
    """Each selected value must be one of the given values."""

    priority: ClassVar[int] = 2

    kind: Literal["one_of"]
    values: tuple[str, ...] = Field(min_length=1)

    def accepts(self, value: str) -> bool:
        return value in self.values

    def _vars(self, text: str) -> dict[str, object]:
        return {"value": text, "expected": ", ".join(self.values)}

    def describe(self) -> str:
        return f"{self._field_words()} is one of {', '.join(code_span(v) for v in self.values)}"

    def finite_values(self) -> tuple[str, ...] | None:
        return self.values

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        return st.sampled_from(list(dict.fromkeys(self.values)))

    def breaking_values(
        self, current: str, field: Selector, max_length: int
    ) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        if field.universe is not None:
            return st.sampled_from(field.universe())
        listed = [v for v in self.values if v]
        near = (
            st.sampled_from(listed).flatmap(lambda v: _variants(v, field.alphabet, max_length))
            if listed
            else st.nothing()
        )
        return st.one_of(_variants(current, field.alphabet, max_length), near)


class ThresholdCheck(_SelectingCheck):
    """The selected amount must not exceed a limit (only compared in the same currency)."""

    kind: Literal["max_amount"]
    limit: Decimal
    currency: str = Field(pattern=r"^[A-Z]{3}$")

    def _judge(self, sel: Selected) -> Violation | None:
        value = sel.value
        if sel.unit != self.currency or not isinstance(value, Decimal) or value <= self.limit:
            return None
        return Violation(
            sel.node,
            str(value),
            {
                "value": str(value),
                "expected": f"{self.limit} {self.currency}",
                "currency": self.currency,
            },
        )

    def _counts(self, sel: Selected) -> bool:
        return sel.unit == self.currency and isinstance(sel.value, Decimal)

    def _nothing(self) -> str:
        return f"no {self.field} in {self.currency}"

    def describe(self) -> str:
        return (
            f"{self._field_words()} is at most {self.limit} {self.currency} "
            f"(amounts in {self.currency})"
        )

    def built_by_construction(self, scope: Scope) -> bool:
        try:
            return self.selector(scope).put_amount is not None
        except ValueError:
            return False

    def cap(self, field: str, unit: str) -> Decimal | None:
        return self.limit if field == self.field and unit == self.currency else None

    def accepts_amount(self, value: Decimal, unit: str | None) -> bool:
        """Whether an amount passes (amounts in another unit are not compared)."""
        return unit != self.currency or value <= self.limit

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        if self.selector(scope).put_amount is None:
            raise NotViolable(f"cannot raise field {self.field!r} above a limit")
        if self.limit >= Decimal(10) ** 12:
            raise NotViolable(f"the limit {self.limit} leaves no room in the schema")
        return Needs(currency=self.currency if scope == "declaration" else None)

    def violate(self, site: ViolationSite) -> None:
        from hypothesis import strategies as st

        field = self.selector(site.scope)
        assert field.put_amount is not None
        step = Decimal(1).scaleb(-field.decimals)
        bump: Decimal = site.draw(st.integers(1, 10_000)) * step
        value = (self.limit + bump).quantize(step)
        if not field.put_amount(site.declaration, site.item_index, value, self.currency):
            site.reject()


class RequiredCheck(Check):
    """The selected field must be present."""

    uses_field: ClassVar[bool] = True

    kind: Literal["required"]

    def _compile(self, scope: Scope, country: str | None) -> Run:
        read = self.selector(scope).read
        field = self.field
        if scope == "item":

            def required_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
                if read(ctx, item):
                    return []
                return [Violation(item, None, {"field": field})]

            return required_item

        def required(ctx: Context) -> list[Violation]:
            if read(ctx):
                return []
            return [Violation(ctx.declaration, None, {"field": field})]

        return required

    def describe(self) -> str:
        return f"{self._field_words()} is present"

    def built_by_construction(self, scope: Scope) -> bool:
        try:
            self.selector(scope)
        except ValueError:
            return False
        return True

    def documents_needed(self) -> tuple[str, ...] | None:
        # any document will do; these two are ordinary ones (invoice, packing list)
        return ("N380", "N935") if self.field == "document_code" else None

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        field = self.selector(scope)
        if field.clear is None or field.clear_path is None:
            raise NotViolable(f"cannot remove field {self.field!r}")
        if planner.schema_requires(field.clear_path):
            raise NotViolable(
                f"the schema requires {'/'.join(field.clear_path)}; removing it breaks the "
                "XSD before any rule runs"
            )
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        field = self.selector(site.scope)
        assert field.clear is not None
        field.clear(site.declaration, site.item_index)


class DocumentCheck(Check):
    """The goods item (or declaration) must carry a document with one of these codes
    (category + type, e.g. ``C640``)."""

    scopes: ClassVar[tuple[Scope, ...]] = ("item",)

    kind: Literal["document"]
    codes: tuple[str, ...] = Field(min_length=1)

    def _compile(self, scope: Scope, country: str | None) -> Run:
        codes = frozenset(self.codes)
        listed = ", ".join(self.codes)

        def documents(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
            for doc in item.additional_documents:
                if doc.code in codes:
                    return []
            for declared in ctx.declaration.additional_documents:
                if declared.code in codes:
                    return []
            code = ctx.commodity_code(item)
            node = commodity_node(item, code) if code is not None else item
            return [Violation(node, code, {"expected": listed, "value": code or ""})]

        return documents

    def describe(self) -> str:
        return f"the goods item or the declaration carries a document {listing(self.codes)}"

    def built_by_construction(self, scope: Scope) -> bool:
        return True

    def documents_needed(self) -> tuple[str, ...] | None:
        return self.codes

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        codes = set(self.codes)
        decl = site.declaration
        item = decl.goods_items[site.item_index]
        item.additional_documents = [d for d in item.additional_documents if d.code not in codes]
        decl.additional_documents = [d for d in decl.additional_documents if d.code not in codes]


#: The parties an identifier check can name, and the route role that places each one in
#: a country when its address does not.
PARTY_ROLES: dict[str, Role | None] = {
    "declarant": Role.DECLARING,
    "exporter": Role.EXPORT,
    "consignor": Role.EXPORT,
    "carrier": None,
    "importer": Role.DESTINATION,
    "consignee": Role.DESTINATION,
    "buyer": Role.DESTINATION,
    "seller": Role.EXPORT,
}


class IdentifierCheck(Check):
    """Each selected identifier must pass a validator: ``stdnum:<module>`` (a
    python-stdnum module such as ``tr.vkn``) or the name of a registered identifier
    predicate (e.g. ``kz-bin``)."""

    scopes: ClassVar[tuple[Scope, ...]] = ("declaration",)

    kind: Literal["identifier"]
    validators: tuple[str, ...] = Field(min_length=1)
    """The identifier is valid when any one validator accepts it."""
    parties: tuple[str, ...] = ("importer", "exporter", "declarant", "consignee", "consignor")
    """Which parties' IDs are checked (only those registered in the pack's country)."""
    strip_prefix: bool = True
    """Remove a leading country code (``TR1234567890`` -> ``1234567890``) before the
    validators see the ID; set false for validators of prefixed forms (EU VAT, EORI)."""

    def registered(self) -> tuple[object, ...]:
        return tuple(IDENTIFIERS[n] for n in self.validators if n in IDENTIFIERS)

    def judged(self, ctx: Context, country: str | None) -> Iterator[PartyRef]:
        """The parties this check judges: in one of its roles, from its country, and
        carrying an identifier."""
        roles = self.parties
        for ref in parties(ctx):
            if ref.role in roles and ref.country == country and ref.party.id is not None:
                yield ref

    def _compile(self, scope: Scope, country: str | None) -> Run:
        validators = [resolve_identifier(name) for name in self.validators]
        strip_prefix = self.strip_prefix
        judged = self.judged

        def identifiers(ctx: Context) -> list[Violation]:
            found: list[Violation] = []
            for ref in judged(ctx, country):
                assert ref.party.id is not None
                raw = ref.party.id.value
                strip = strip_prefix and country and raw.upper().startswith(country)
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

    def probe(self, scope: Scope, country: str | None) -> Probe | None:
        wanted = " or ".join(sorted(self.parties))
        judged = self.judged

        def no_party(ctx: Context) -> str | None:
            if next(judged(ctx, country), None) is not None:
                return None
            return f"nothing to check: no {wanted} from {country} has an identifier"

        return no_party

    def describe(self) -> str:
        parties_ = ", ".join(self.parties)
        return (
            f"the IDs of the {parties_} registered in the pack's country pass "
            f"{listing(self.validators)}"
        )

    def built_by_construction(self, scope: Scope) -> bool:
        return True

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        if country is None:
            raise NotViolable("identifier rules need a country")
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        site.break_identifier(self)


class PredicateCheck(Check):
    """A named Python predicate from the registry (for what data cannot say)."""

    kind: Literal["predicate"]
    predicate: str
    params: dict[str, str | int | float | bool | list[str]] = Field(default_factory=dict)

    def registered(self) -> tuple[object, ...]:
        pred = PREDICATES.get(self.predicate)
        return (pred.func,) if pred is not None else ()

    def _compile(self, scope: Scope, country: str | None) -> Run:
        pred = PREDICATES.get(self.predicate)
        if pred is None:
            raise ValueError(f"no predicate named {self.predicate!r}")
        if pred.scope != scope:
            raise ValueError(f"predicate {self.predicate!r} works on {pred.scope}, not {scope}")
        params: dict[str, Any] = dict(self.params)
        params.setdefault("country", country or "")
        func = pred.func
        if scope == "item":
            return lambda ctx, item: list(func(ctx, item, params))
        return lambda ctx: list(func(ctx, params))

    def describe(self) -> str:
        pred = PREDICATES.get(self.predicate)
        doc = f": {docstring(pred.func.__doc__)}" if pred is not None else ""
        params = ", ".join(
            f"{code_span(k)} = {code_span(json.dumps(v))}" for k, v in sorted(self.params.items())
        )
        with_params = f" (with {params})" if params else ""
        return f"predicate {code_span(self.predicate)}{with_params}{doc}"

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        return planner.predicate_needs(self.predicate, self.params)

    def violate(self, site: ViolationSite) -> None:
        site.break_predicate(self)


class CodeListCheck(_SelectingCheck):
    """Each selected code must be in a reference code list (see `single_window.codelists`), in
    the edition in force on the date the declaration is judged at; codes the packs in force
    add to the list pass too, and a code the list cannot judge (a national document
    category) is left to the packs."""

    kind: Literal["code_list"]
    list: str

    @field_validator("list")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in codelists.names():
            raise ValueError(f"no code list {value!r} (lists: {', '.join(codelists.names())})")
        return value

    def _compile(self, scope: Scope, country: str | None) -> Run:
        read = self.selector(scope).read
        judge = _JUDGES.get(self.list, _judge_plain)
        name = self.list

        code_list = codelists.get(name)
        by_day: dict[date, frozenset[str]] = {}

        def judged(ctx: Context, selected: list[Selected]) -> list[Violation]:
            if not selected:
                return []
            codes = by_day.get(ctx.as_of)
            if codes is None:
                if len(by_day) > 4096:
                    by_day.clear()
                edition = code_list.edition(ctx.as_of)
                codes = by_day[ctx.as_of] = edition.codes if edition is not None else _NO_CODES
            # Most values are members: only the others are judged (and explained).
            return [
                v
                for s in selected
                if s.value not in codes and (v := judge(name, ctx, codes, s)) is not None
            ]

        if scope == "item":
            return lambda ctx, item: judged(ctx, read(ctx, item))
        return lambda ctx: judged(ctx, read(ctx))

    def _nothing(self) -> str:
        return f"no {self.field}"

    def describe(self) -> str:
        return (
            f"{self._field_words()} is in the code list {code_span(self.list)} in the edition "
            "in force on the declaration's date (or added by a pack in force)"
        )

    def built_by_construction(self, scope: Scope) -> bool:
        return True

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        field = self.writable(scope)
        if not any(
            planner.field_ok(field, v) and not _member(self.list, v, None)
            for v in _outsiders(self.list, field)
        ):
            raise NotViolable(
                f"every value the profile allows for {self.field!r} is in the list {self.list!r}"
            )
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        from hypothesis import strategies as st

        field = self.selector(site.scope)
        assert field.put is not None
        on = site.as_of
        others = site.other_value_checks(field)
        if self.list == "hs":
            current = site.current(field)
            codes = [
                head + current[6:]
                for head in _outsiders("hs", field)
                if head[:2] == current[:2] and not _member("hs", head, None)
            ] or [
                head + current[6:]
                for head in _outsiders("hs", field)
                if not _member("hs", head, None)
            ]
        else:
            codes = [v for v in _outsiders(self.list, field) if not _member(self.list, v, on)]
        value = site.draw(
            st.sampled_from(codes).filter(
                lambda v: site.field_ok(field, v) and all(o.accepts(v) for o in others)
            )
        )
        field.put(site.declaration, site.item_index, value)


def _member(list_name: str, code: str, on: date | None) -> bool:
    """Whether a code is in a list on a date (None: in any edition)."""
    if on is None:
        return any(code in e for e in codelists.get(list_name).editions)
    if list_name == "document-name":
        return codelists.check_document(code, on=on).ok
    return codelists.contains(list_name, code, on)


def _outsiders(list_name: str, field: Selector) -> list[str]:
    """Candidate codes for breaking a code-list rule: short strings of the field's
    alphabet, of the lengths its list's codes have (the caller keeps the non-members)."""
    if list_name == "hs":
        return [f"{n:06d}" for n in range(10000, 980000, 97)]
    if list_name == "document-name":
        return [f"N{n:03d}" for n in range(1000)]
    lengths = {"country": (2,), "currency": (3,), "unit": (2, 3), "package-type": (2,)}.get(
        list_name, (1, 2)
    )
    alphabet = field.alphabet
    out: list[str] = []
    for size in lengths:
        for combo in itertools.islice(itertools.product(alphabet, repeat=size), 5000):
            out.append("".join(combo))
    return out


def _why(name: str, sel: Selected, membership: Any) -> Violation:
    return Violation(
        sel.node,
        str(sel.value),
        {
            "value": str(sel.value),
            "reason": membership.message,
            "list": name,
            "edition": membership.edition or "",
        },
        sel.attribute,
    )


#: A list's codes on the declaration's date (empty when no edition applies).
Judge = Callable[[str, Context, frozenset[str], Selected], "Violation | None"]
_NO_CODES: frozenset[str] = frozenset()


def _judge_plain(name: str, ctx: Context, codes: frozenset[str], sel: Selected) -> Violation | None:
    """A code against its list (a unit with a ``#`` qualifier by its unit part)."""
    code = str(sel.value)
    if code in codes:
        return None
    if name == "unit" and "#" in code:
        code = code.split("#", 1)[0]
        if code in codes:
            return None
    if code in ctx.extensions.get(name, ()):
        return None
    if not ctx.dated and any(code in e.codes for e in codelists.get(name).editions):
        return None
    membership = codelists.check(name, code, ctx.as_of)
    if membership.ok or not membership.judged:
        return None
    return _why(name, sel, membership)


def _judge_hs(name: str, ctx: Context, codes: frozenset[str], sel: Selected) -> Violation | None:
    """A commodity code's HS subheading (first six digits; shorter or non-numeric codes
    are for the HS shape rule)."""
    code = str(sel.value)
    head = code[:6]
    if head in codes:
        return None
    if len(head) < 6 or not head.isdigit():
        return None
    if not ctx.dated and any(head in e.codes for e in codelists.get("hs").editions):
        return None
    membership = codelists.check_commodity(code, ctx.as_of)
    if membership.ok or not membership.judged:
        return None
    return _why(name, sel, membership)


#: Answers of the document list, which splits categories before its look-up: documents
#: repeat across declarations, so each code is worked out once per edition of the list
#: (per day where no edition applies, as the answer then names the day).
_DOCUMENT_ANSWERS: dict[tuple[str, bool, object], codelists.Membership] = {}


def _judge_document(
    name: str, ctx: Context, codes: frozenset[str], sel: Selected
) -> Violation | None:
    """A document code against UN/EDIFACT 1001 where the list can judge it."""
    code = str(sel.value)
    previous = isinstance(sel.node, PreviousDocument)
    key = (code, previous, id(codes) if codes is not _NO_CODES else ctx.as_of)
    membership = _DOCUMENT_ANSWERS.get(key)
    if membership is None:
        if len(_DOCUMENT_ANSWERS) > 10_000:
            _DOCUMENT_ANSWERS.clear()
        membership = _DOCUMENT_ANSWERS[key] = codelists.check_document(
            code, previous=previous, on=ctx.as_of
        )
    if membership.ok or not membership.judged or code in ctx.extensions.get(name, ()):
        return None
    return _why(name, sel, membership)


_JUDGES: dict[str, Judge] = {
    "hs": _judge_hs,
    "document-name": _judge_document,
}


#: Every check kind, by the ``kind`` a pack writes.
CHECK_KINDS: dict[str, type[Check]] = {
    "pattern": PatternCheck,
    "length": LengthCheck,
    "one_of": OneOfCheck,
    "required": RequiredCheck,
    "document": DocumentCheck,
    "identifier": IdentifierCheck,
    "max_amount": ThresholdCheck,
    "code_list": CodeListCheck,
    "predicate": PredicateCheck,
}

CheckSpec = Annotated[
    PatternCheck
    | LengthCheck
    | OneOfCheck
    | RequiredCheck
    | DocumentCheck
    | IdentifierCheck
    | ThresholdCheck
    | CodeListCheck
    | PredicateCheck,
    Field(discriminator="kind"),
]
