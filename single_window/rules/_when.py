"""When a rule applies: its conditions, read once for the engine, the strategies and the docs.

A :class:`When` is the ``[rules.when]`` table of a pack. It is interpreted here and only
here: :meth:`When.gate` and :meth:`When.item_gate` compile it for the engine (returning why
a rule does not apply, or None), :meth:`When.holds` and :meth:`When.item_holds` answer the
same questions for values the strategies are about to write, and :meth:`When.describe`
says it in words for the documentation and ``single-window rules``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, ConfigDict, PrivateAttr, field_validator, model_validator

from single_window._i18n import N_, Listing, Message, define, render_value
from single_window.rules._date_words import date_source
from single_window.rules._route import ROLE_WORDS, Role

if TYPE_CHECKING:
    from single_window.models import GovernmentAgencyGoodsItem
    from single_window.rules._context import Context

__all__ = ["Gate", "Header", "HeaderView", "HsRanges", "ItemGate", "When"]


class HeaderView(Protocol):
    """What a declaration-level gate reads: the rule context, or header values."""

    @property
    def type_code(self) -> str: ...

    @property
    def function_code(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def as_of(self) -> date: ...

    @property
    def date_source(self) -> Message: ...

    def roles_of(self, country: str) -> frozenset[Role]: ...


Gate = Callable[[HeaderView], "Message | None"]
ItemGate = Callable[["Context", "GovernmentAgencyGoodsItem"], "Message | None"]

#: Why a rule does not apply (explain mode), by the condition that does not hold.
_WHY = define(
    "when",
    {
        "role": N_("{country} is {roles} on this declaration; the rule applies to {wanted}"),
        "role-none": N_("{country} has no role on this declaration; the rule applies to {wanted}"),
        "kind": N_("the declaration is {kind}; the rule applies to {kinds}"),
        "type": N_("declaration type {code} is not {types}"),
        "function": N_("message function {function} is not {functions}"),
        "not-yet": N_("the rule is in force from {start} (judged on {date}, {date_source})"),
        "no-longer": N_("the rule was in force until {end} (judged on {date}, {date_source})"),
        "procedure": N_("procedure {code} is not one of {procedures}"),
        "hs": N_("commodity code {code} is outside {ranges}"),
        "none": N_("none"),
    },
)
#: When a rule applies, in words (``applies.<key>``): :meth:`When.description`.
_APPLIES = define(
    "applies",
    {
        "roles": N_("country is {roles}"),
        "kinds": N_("{kinds} declarations"),
        "types": N_("declaration type {types}"),
        "functions": N_("function {functions}"),
        "procedures": N_("procedure {procedures}"),
        "hs": N_("HS {ranges}"),
        "from": N_("from {date}"),
        "until": N_("until {date}"),
        "always": N_("always"),
    },
)
#: The kinds of declaration as messages name them (``declaration-kind.<kind>``).
KIND_WORDS = define(
    "declaration-kind",
    {"import": N_("import"), "export": N_("export"), "transit": N_("transit")},
)


# Gates run on every declaration, and most of the reasons they give are thrown away
# (only explain mode reads them): what a reason is made of is made once.


@cache
def _roles(roles: frozenset[str]) -> Listing:
    """Roles as a reason names them, in order."""
    return Listing.of((ROLE_WORDS(r) for r in sorted(roles)), "comma")


@cache
def _kind(kind: str) -> Message | str:
    return KIND_WORDS(kind) if kind in KIND_WORDS.keys else kind


_NONE = _WHY("none")
_ROLE, _KIND, _TYPE, _FUNCTION = (_WHY.id(k) for k in ("role", "kind", "type", "function"))
_ROLE_NONE = _WHY.id("role-none")
_NOT_YET, _NO_LONGER = _WHY.id("not-yet"), _WHY.id("no-longer")
_PROCEDURE, _HS = _WHY.id("procedure"), _WHY.id("hs")


_HS_RANGE = re.compile(r"^(\d{2,10})(?:-(\d{2,10}))?$")


@dataclass(frozen=True)
class Header:
    """Header values given directly rather than read from a declaration (the strategies
    decide them before they build one): what :meth:`When.holds` reads.

    Attributes:
        roles: Each country's roles on the route.
        type_code: The declaration's TypeCode.
        function_code: Its FunctionCode.
        as_of: The date it is judged at.
        kind: ``import``, ``export`` or ``transit``.
    """

    roles: Mapping[str, frozenset[Role]]
    type_code: str
    function_code: str
    as_of: date
    kind: str = "import"

    def roles_of(self, country: str) -> frozenset[Role]:
        """The roles of a country on the route."""
        return self.roles.get(country, _NO_ROLES)

    @property
    def date_source(self) -> Message:
        """Where ``as_of`` comes from, as a message: the strategies draw a declaration's
        own date."""
        return date_source("declaration")


_NO_ROLES: frozenset[Role] = frozenset()


class HsRanges:
    """Commodity code prefixes and prefix ranges: ``"16"``, ``"01-05"``, ``"0701-0714"``.

    A code falls in a range when its first digits (as many as the range's ends have) lie
    between the two ends; a single prefix is a range of one. The ranges of each width are
    merged and sorted by their low end. Where they hold a few thousand prefixes at most
    (every bundled pack's), those prefixes are a set, so matching is a look-up; wider ones
    stay ranges, matched by a binary search, so a pack of thousands of wide ranges costs no
    more than its text.
    """

    __slots__ = ("_sets", "_spans", "ranges", "spec")

    #: Most prefixes of one width held as a set; beyond it the ranges stay ranges.
    EXPAND = 4096

    def __init__(self, spec: Iterable[str]) -> None:
        self.spec = tuple(spec)
        self.ranges = tuple(
            (low, high or low) for low, _, high in (item.partition("-") for item in self.spec)
        )
        by_width: dict[int, list[tuple[str, str]]] = {}
        for low, high in self.ranges:
            digits = low.isascii() and low.isdigit() and high.isascii() and high.isdigit()
            if digits and low <= high:
                by_width.setdefault(len(low), []).append((low, high))
        sets: list[tuple[int, frozenset[str]]] = []
        spans: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []
        for width, pairs in sorted(by_width.items()):
            merged: list[list[str]] = []
            for low, high in sorted(pairs):
                if merged and low <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], high)
                else:
                    merged.append([low, high])
            size = sum(int(high) - int(low) + 1 for low, high in merged)
            if size <= self.EXPAND:
                numbers = (n for low, high in merged for n in range(int(low), int(high) + 1))
                sets.append((width, frozenset(f"{n:0{width}d}" for n in numbers)))
            else:
                spans.append((width, tuple(m[0] for m in merged), tuple(m[1] for m in merged)))
        self._sets = tuple(sets)
        self._spans = tuple(spans)

    @staticmethod
    def problem(item: str) -> str | None:
        """Why a range is malformed, or None when it is well formed."""
        m = _HS_RANGE.match(item)
        if m is None:
            return f"{item!r} is not an HS prefix or prefix range like '01-05'"
        if m.group(2) is not None and len(m.group(1)) != len(m.group(2)):
            return f"{item!r}: both ends of a range must have the same length"
        return None

    def matches(self, code: str | None) -> bool:
        """Whether a commodity code falls in any of the ranges."""
        if code is None:
            return False
        for width, prefixes in self._sets:
            if code[:width] in prefixes:
                return True
        for width, lows, highs in self._spans:
            head = code[:width]
            if len(head) < width or not (head.isascii() and head.isdigit()):
                continue
            at = bisect.bisect_right(lows, head) - 1
            if at >= 0 and head <= highs[at]:
                return True
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HsRanges) and other.spec == self.spec

    def __hash__(self) -> int:
        return hash(self.spec)

    def __repr__(self) -> str:
        return f"HsRanges({list(self.spec)!r})"


class When(BaseModel):
    """When a rule applies. Every condition given must hold; none given means always.

    Attributes:
        roles: The pack country must have one of these roles on the declaration.
        kinds: The declaration must be of one of these kinds (``import``, ``export``,
            ``transit``; see :attr:`single_window.models.Declaration.kind`): for instance
            ``["import", "export"]`` for a national tariff rule that has no say over goods
            in transit.
        declaration_types: Declaration TypeCode prefixes (``IM``, ``EX``, ``CO``) or
            exact codes (``IMA``).
        functions: Message function codes (``9`` original, ``13`` amendment/request,
            ``14`` ...): e.g. ``["9"]`` for rules that need the whole declaration.
        procedures: Requested procedure codes (first two characters of the item's
            procedure code), e.g. ``["40", "51"]``.
        hs: Commodity code prefixes or prefix ranges: ``"16"``, ``"01-05"``,
            ``"0701-0714"``.
        valid_from: First day the rule is in force (compared with the declaration's own
            date, or the ``on=`` date of the check).
        valid_to: Last day the rule is in force.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    roles: tuple[Role, ...] | None = None
    kinds: tuple[Literal["import", "export", "transit"], ...] | None = None
    declaration_types: tuple[str, ...] | None = None
    functions: tuple[str, ...] | None = None
    procedures: tuple[str, ...] | None = None
    hs: tuple[str, ...] | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    _hs: HsRanges | None = PrivateAttr(default=None)

    def model_post_init(self, context: object, /) -> None:
        self._hs = HsRanges(self.hs) if self.hs else None

    @field_validator("hs")
    @classmethod
    def _hs_ranges(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        for item in value or ():
            problem = HsRanges.problem(item)
            if problem is not None:
                raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _window(self) -> When:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from is after valid_to")
        return self

    # -- declaration level -----------------------------------------------------------

    @property
    def gate_key(self) -> Hashable:
        """Rules of one country whose declaration-level conditions are equal share a gate."""
        return (
            self.roles,
            self.kinds,
            self.declaration_types,
            self.functions,
            self.valid_from,
            self.valid_to,
        )

    def holds(self, country: str | None, header: HeaderView) -> bool:
        """Whether the declaration-level conditions hold for a country's rule on these
        header values."""
        return self.gate(country)(header) is None

    def gate(self, country: str | None) -> Gate:
        """The declaration-level conditions compiled for the engine: a function of the
        rule context that returns why the rule does not apply, or None."""
        roles = frozenset(self.roles) if self.roles and country is not None else None
        want = _roles(frozenset(r.value for r in self.roles or ()))
        types = self.declaration_types
        types_listed = Listing.of(types or (), "comma")
        kinds = frozenset(self.kinds) if self.kinds else None
        kinds_listed = Listing.of((_kind(k) for k in self.kinds or ()), "or")
        functions = frozenset(self.functions) if self.functions else None
        functions_listed = Listing.of(sorted(functions or ()), "comma")
        start, end = self.valid_from, self.valid_to

        def gate(ctx: HeaderView) -> Message | None:
            if roles is not None:
                have = ctx.roles_of(country or "")
                if not have & roles:
                    if not have:
                        return Message(_ROLE_NONE, {"country": country, "wanted": want})
                    got = _roles(frozenset(r.value for r in have))
                    return Message(_ROLE, {"country": country, "roles": got, "wanted": want})
            if kinds is not None and ctx.kind not in kinds:
                return Message(_KIND, {"kind": _kind(ctx.kind), "kinds": kinds_listed})
            if types is not None:
                code = ctx.type_code
                if not code.startswith(types):
                    return Message(_TYPE, {"code": code or _NONE, "types": types_listed})
            if functions is not None:
                function = ctx.function_code
                if function not in functions:
                    said = {"function": function or _NONE, "functions": functions_listed}
                    return Message(_FUNCTION, said)
            if start is not None and ctx.as_of < start:
                said = {"start": start.isoformat(), "date": ctx.as_of.isoformat()}
                return Message(_NOT_YET, {**said, "date_source": ctx.date_source})
            if end is not None and ctx.as_of > end:
                said = {"end": end.isoformat(), "date": ctx.as_of.isoformat()}
                return Message(_NO_LONGER, {**said, "date_source": ctx.date_source})
            return None

        return gate

    # -- goods item level ------------------------------------------------------------

    def procedure_holds(self, procedure_code: str | None) -> bool:
        """Whether the requested-procedure condition holds for an item's procedure code."""
        return not self.procedures or (
            procedure_code is not None and procedure_code[:2] in self.procedures
        )

    def hs_holds(self, commodity_code: str | None) -> bool:
        """Whether the HS condition holds for an item's commodity code."""
        return self._hs is None or self._hs.matches(commodity_code)

    def item_holds(self, procedure_code: str | None, commodity_code: str | None) -> bool:
        """Whether the goods-item conditions (requested procedure, HS range) hold."""
        return self.procedure_holds(procedure_code) and self.hs_holds(commodity_code)

    def item_gate(self) -> ItemGate | None:
        """The goods-item conditions compiled for the engine, or None when there are none."""
        if not self.procedures and not self.hs:
            return None
        procedures = frozenset(self.procedures or ())
        listed = Listing.of(sorted(procedures), "comma")
        hs = self._hs
        ranges = Listing.of(self.hs or (), "comma")

        def gate(ctx: Context, item: GovernmentAgencyGoodsItem) -> Message | None:
            if procedures:
                code = item.procedure_code
                if code is None or code[:2] not in procedures:
                    return Message(_PROCEDURE, {"code": code or _NONE, "procedures": listed})
            if hs is not None:
                commodity = ctx.commodity_code(item)
                if not hs.matches(commodity):
                    return Message(_HS, {"code": commodity or _NONE, "ranges": ranges})
            return None

        return gate

    # -- words ---------------------------------------------------------------------

    def describe(self) -> str:
        """The conditions in words, e.g. ``country is declaring; HS 01-05``."""
        return render_value(self.description())

    def description(self) -> Message | Listing:
        """The conditions as a message (``applies.<key>``), for any language."""
        parts: list[Message] = []
        if self.roles:
            roles = Listing.of((ROLE_WORDS(r.value) for r in self.roles), "or")
            parts.append(_APPLIES("roles", roles=roles))
        if self.kinds:
            kinds = Listing.of((_kind(k) for k in self.kinds), "or")
            parts.append(_APPLIES("kinds", kinds=kinds))
        if self.declaration_types:
            types = Listing.of(self.declaration_types, "comma")
            parts.append(_APPLIES("types", types=types))
        if self.functions:
            parts.append(_APPLIES("functions", functions=Listing.of(self.functions, "comma")))
        if self.procedures:
            procedures = Listing.of(self.procedures, "comma")
            parts.append(_APPLIES("procedures", procedures=procedures))
        if self.hs:
            parts.append(_APPLIES("hs", ranges=Listing.of(self.hs, "comma")))
        if self.valid_from:
            parts.append(_APPLIES("from", date=self.valid_from.isoformat()))
        if self.valid_to:
            parts.append(_APPLIES("until", date=self.valid_to.isoformat()))
        return Listing.of(parts, "semicolon") if parts else _APPLIES("always")
