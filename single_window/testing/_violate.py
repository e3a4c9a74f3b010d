"""Declarations that break exactly one named rule.

A violation starts from a valid declaration drawn so that the rule applies (its country
in a role the rule names, its declaration type, function, dates, procedures and HS
range), then asks the rule's check kind to break it
(:meth:`single_window.rules.Check.violate`): a value check writes a value it rejects, an
identifier check an identifier every validator rejects, a document check removes the
documents, a ``required`` check removes the field, a ``max_amount`` check raises an amount
above the limit, and a ``predicate`` check runs the violator registered for the predicate
(the bundled ones in :mod:`single_window.testing._predicate_violators`, the HS edition
ones in :mod:`single_window.testing._hs_violators` and the transit ones in
:mod:`single_window.testing._transit_violators`; register your own with
:func:`~single_window.testing.predicate_violator`).

The rule decides the kind of declaration it is broken on: its ``when.kinds``, narrowed
by what the violation needs (:attr:`Needs.kinds`, :attr:`Needs.regimes`); a rule of every
kind is broken on import and export declarations unless ``kinds=`` asks for transit.

The new value is chosen so that the other rules on the same field still accept it; the
finished declaration is then run through the other rules of its route and discarded
when any of them fires too, so every example breaks that one rule and no other. Whether
the rule itself fires is never checked here: that is what your test asserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Unpack, overload

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from single_window._model_api import TRANSIT_PROCEDURES
from single_window.models import (
    Declaration,
)
from single_window.rules import RuleSet
from single_window.rules._context import Context
from single_window.rules._kinds import (
    FieldWriter,
    IdentifierCheck,
    Needs,
    NotViolable,
    PredicateCheck,
    ValueCheck,
    XmlPath,
)
from single_window.rules._packfile import RuleSpec
from single_window.rules._route import Role, route_of
from single_window.rules._selectors import Scope, Selector
from single_window.testing._build import engine_findings
from single_window.testing._ids import breaking_ids, id_rule
from single_window.testing._items import field_ok, field_rules_ok
from single_window.testing._options import (
    DEFAULT_KINDS,
    KINDS,
    Built,
    DrawOptions,
    Force,
    check_option_names,
    date_window,
)
from single_window.testing._regimes import REGIMES, type_codes
from single_window.testing._registry import VIOLATORS
from single_window.testing._rules import RuleRef, find_rule, iter_rules
from single_window.testing._schema import facets
from single_window.testing._strategies import built_declarations, make_options
from single_window.testing._target import ViolationTarget
from single_window.testing._writers import writer_of

__all__ = ["CannotViolate", "violating"]


class CannotViolate(InvalidArgument):
    """``violating`` was asked for a rule it cannot break (raised when called)."""


# --- the site a check breaks ----------------------------------------------------------------

_PARTY_ROLES: dict[str, Role] = {
    "declarant": Role.DECLARING,
    "exporter": Role.EXPORT,
    "importer": Role.DESTINATION,
    "consignee": Role.DESTINATION,
}
"""The parties the builder gives an identifier, and the role that places each one."""


class _Planner:
    """What checks ask while a violation is planned (see ``Check.violation_needs``)."""

    def writer(self, field: Selector) -> FieldWriter:
        return writer_of(field)

    def schema_requires(self, path: XmlPath) -> bool:
        return facets(*path).min_occurs > 0

    def field_ok(self, field: Selector, value: str) -> bool:
        return field_ok(field, value)

    def predicate_needs(self, name: str, params: Mapping[str, Any]) -> Needs:
        registered = VIOLATORS.get(name)
        if registered is None:
            raise NotViolable(
                f"no violator is registered for predicate {name!r}; register one with "
                "single_window.testing.predicate_violator"
            )
        return registered.needs(params)


@dataclass
class _Site:
    """A drawn valid declaration, as a check's ``violate`` hook sees it."""

    built: Built
    ref: RuleRef
    item_index: int
    _draw: Callable[[st.SearchStrategy[Any]], Any]

    @property
    def declaration(self) -> Declaration:
        return self.built.declaration

    @property
    def scope(self) -> Scope:
        return self.ref.scope

    @property
    def country(self) -> str | None:
        return self.ref.country

    @property
    def as_of(self) -> date:
        return self.built.header.as_of

    def writer(self, field: Selector) -> FieldWriter:
        return writer_of(field)

    def draw(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self._draw(strategy)

    def reject(self) -> None:
        reject()

    def current(self, field: Selector) -> str:
        get = writer_of(field).get
        assert get is not None
        return get(self.declaration, self.item_index) or ""

    def field_ok(self, field: Selector, value: str) -> bool:
        return field_ok(field, value) and field_rules_ok(field, value, self.built.active)

    def max_length(self, field: Selector) -> int:
        writer = writer_of(field)
        if writer.max_length is not None:
            return writer.max_length
        assert writer.parts is not None
        ((path, _text),) = writer.parts("X")
        return facets(*path).max_length or 17

    def other_value_checks(self, field: Selector) -> Sequence[ValueCheck]:
        decl = self.declaration
        item = decl.goods_items[self.item_index] if self.ref.item_scope else None
        out: list[ValueCheck] = []
        for other in self.built.active:
            check = other.value_check
            if other.id == self.ref.id or check is None or other.field != field.name:
                continue
            if other.scope != self.ref.scope:
                continue
            if item is not None and not other.item_applies(
                item.procedure_code, item.commodity_code
            ):
                continue
            out.append(check)
        return out

    def break_identifier(self, check: IdentifierCheck) -> None:
        ref, built = self.ref, self.built
        assert ref.country is not None
        # the parties the check judges, found as the engine finds them (a TIR carnet
        # holder, say, is not judged by national identifier rules)
        ctx = Context.of(built.declaration, today=built.today)
        judged = {p.role: p.party for p in check.judged(ctx, ref.country)}
        options = sorted(judged)
        if not options:
            reject()
        role = self.draw(st.sampled_from(options))
        party = judged[role]
        assert party.id is not None
        target = id_rule(ref.id, ref.country, check.validators)
        others = [
            id_rule(o.id, ref.country, o.spec.check.validators)
            for o in built.active
            if o.id != ref.id
            and o.country == ref.country
            and isinstance(o.spec.check, IdentifierCheck)
            and role in o.spec.check.parties
        ]
        limit = facets("Declaration", "Exporter", "ID").max_length or 17
        names = [
            n
            for o in built.active
            if o.country == ref.country and isinstance(o.spec.check, IdentifierCheck)
            for n in o.spec.check.validators
        ]
        party.id.value = self.draw(breaking_ids(party.id.value, target, others, limit, names))

    def break_predicate(self, check: PredicateCheck) -> None:
        target = ViolationTarget(
            declaration=self.declaration,
            rule=self.ref.spec,
            country=self.ref.country,
            params=dict(check.params),
            item_index=self.item_index if self.ref.item_scope else None,
            draw=self._draw,
            today=self.built.today,
        )
        VIOLATORS[check.predicate].violate(target)


# --- planning a violation ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    ref: RuleRef
    force: Force


def _identifier_roles(check: IdentifierCheck, roles: tuple[Role, ...] | None) -> tuple[Role, ...]:
    """The roles the rule's country can have so that a party the builder gives an
    identifier is registered there (a declarant takes its country from either end)."""
    usable = {r for p, r in _PARTY_ROLES.items() if p in check.parties}
    if Role.DECLARING in (roles or tuple(Role)) and usable & {Role.EXPORT, Role.DESTINATION}:
        usable.add(Role.DECLARING)
    return tuple(r for r in (roles or tuple(Role)) if r in usable)


def _plan(ref: RuleRef, rules: RuleSet) -> _Plan:
    spec, check = ref.spec, ref.spec.check
    when = spec.when
    try:
        needs = check.violation_needs(spec.scope, ref.country, _Planner())
    except NotViolable as exc:
        raise CannotViolate(f"{spec.id}: {exc}") from None
    roles: tuple[Role, ...] = tuple(when.roles or ())
    if isinstance(check, IdentifierCheck):
        roles = _identifier_roles(check, when.roles)
        if not roles:
            raise CannotViolate(
                f"{spec.id}: none of the parties it checks ({', '.join(check.parties)}) is "
                "registered in a country with one of its roles on a generated route"
            )
    types = tuple(when.declaration_types or ()) or needs.declaration_types
    if when.declaration_types and needs.declaration_types:
        types = (
            tuple(
                t
                for t in when.declaration_types
                if any(t.startswith(n) for n in needs.declaration_types)
            )
            or types
        )
    procedures = tuple(when.procedures or ()) or needs.procedures
    force = Force(
        country=ref.country,
        roles=roles,
        type_prefixes=types,
        functions=tuple(when.functions or ()),
        earliest=when.valid_from,
        latest=when.valid_to,
        procedures=procedures,
        hs=tuple(when.hs or ()) or needs.hs,
        currency=needs.currency,
        export=needs.export,
        kinds=_kinds(spec, needs, roles, procedures, types),
        regimes=needs.regimes or _TRANSIT_FIELD_REGIMES.get(check.field or "", ()),
        transit=needs.transit,
    )
    earliest, latest = date_window(rules, force)
    if earliest > latest:
        raise CannotViolate(
            f"{spec.id}: in force {when.valid_from} to {when.valid_to}; no declaration dated "
            "up to yesterday can make it apply"
        )
    return _Plan(ref, force)


#: Fields a transit declaration does not carry (prices, duties, invoice amounts) or whose
#: change would unmake it (type code, office of departure, requested procedure): rules on
#: them are broken on import and export declarations only.
_NOT_ON_TRANSIT = frozenset(
    {
        "currencies",
        "invoice_amount",
        "item_amount",
        "duty_currency",
        "type_code",
        "declaration_office_id",
        "requested_procedure",
        "procedure_code",
    }
)
#: Fields only some transit regimes carry: the previous procedure (EAEU transit).
_TRANSIT_FIELD_REGIMES: dict[str, tuple[str, ...]] = {"previous_procedure": ("EAEU",)}


def _kinds(
    spec: RuleSpec,
    needs: Needs,
    roles: tuple[Role, ...],
    procedures: tuple[str, ...],
    types: tuple[str, ...],
) -> tuple[str, ...]:
    """The kinds of declaration a rule can be broken on: those it applies to, that its
    violation works on, and that have the roles, procedures, types and fields it needs."""
    check = spec.check
    found = [k for k in (spec.when.kinds or KINDS) if not needs.kinds or k in needs.kinds]
    transit_codes = [c for r in REGIMES for c in type_codes(r)]
    if (check.field in _NOT_ON_TRANSIT and not isinstance(check, PredicateCheck)) or (
        types and not any(c.startswith(types) for c in transit_codes)
    ):
        found = [k for k in found if k != "transit"]
    if roles and set(roles) <= {Role.DEPARTURE}:
        found = [k for k in found if k == "transit"]
    if procedures and not set(procedures) & TRANSIT_PROCEDURES:
        found = [k for k in found if k != "transit"]
    if procedures and set(procedures) <= TRANSIT_PROCEDURES:
        found = [k for k in found if k == "transit"]
    if not found:
        raise CannotViolate(
            f"{spec.id}: no kind of declaration both has what it applies to and what "
            "breaking it needs"
        )
    return tuple(found)


def _guard(built: Built, plan: _Plan, rules: RuleSet) -> None:
    """Discard the example when a rule other than the target fires too (the rules of
    every country on the route, including one a violation brought onto it)."""
    countries = dict.fromkeys((*built.countries, *route_of(built.declaration).roles))
    refs = list(iter_rules(rules, countries))
    if any(rule != plan.ref.id for rule in engine_findings(built.declaration, refs, rules)):
        reject()


@overload
def violating(
    rule_id: str, *, output: Literal["xml"] = "xml", **options: Unpack[DrawOptions]
) -> st.SearchStrategy[bytes]: ...


@overload
def violating(
    rule_id: str, *, output: Literal["model"], **options: Unpack[DrawOptions]
) -> st.SearchStrategy[Declaration]: ...


def violating(
    rule_id: str, *, output: Literal["xml", "model"] = "xml", **options: Unpack[DrawOptions]
) -> st.SearchStrategy[bytes] | st.SearchStrategy[Declaration]:
    """A strategy for declarations that break exactly one rule, ``rule_id``.

    Each example is a schema-valid declaration on which that rule applies and every
    other rule of the route's countries passes; the value the rule looks at is changed
    so that the rule, read from its pack data, must report it. Use it to test that a
    rule of yours fires (see docs/how-to/fuzz-your-rules.md).

    Args:
        rule_id: The rule to break, e.g. ``"TR-HS-LENGTH"``.
        output: ``"xml"`` for UTF-8 bytes (default) or ``"model"`` for
            :class:`~single_window.Declaration` objects.

    Keyword Args:
        countries, route, declaring, procedures, items, rules: As for
            :func:`declarations`; the rule's country is always put on the route in a role
            the rule applies to.
        kinds: The kinds of declaration to break the rule on (``import``, ``export``,
            ``transit``), narrowed to those the rule applies to (its ``when.kinds``) and
            its violation works on (:attr:`Needs.kinds`). Default: import and export
            when the rule applies to them, else the kinds it applies to (transit for the
            transit rules).
        regimes: For transit declarations, the regimes to draw (``TIR``, ``NCTS``,
            ``EAEU``), narrowed to those the violation works on (:attr:`Needs.regimes`);
            default all of them.

    Raises:
        hypothesis.errors.InvalidArgument: at call time, for an unknown rule id or a bad
            option; :class:`CannotViolate` (a subclass) for a rule this module cannot
            break, saying why.
    """
    check_option_names("violating", options)
    if output not in ("xml", "model"):
        raise InvalidArgument(f"output must be 'xml' or 'model', got {output!r}")
    rules = options.get("rules")
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet.bundled()
    if not isinstance(rule_id, str):
        raise InvalidArgument(f"rule_id must be a rule id string, got {rule_id!r}")
    ref = find_rule(ruleset, rule_id)
    if ref is None:
        known = sorted(s.id for p in ruleset.packs.values() for s in p.specs)
        raise InvalidArgument(f"no rule {rule_id!r} in the packs (rules: {', '.join(known)})")
    plan = _plan(ref, ruleset)
    wanted = _wanted_kinds(plan, options.get("kinds"), options.get("regimes"))
    route, countries = options.get("route"), options.get("countries")
    if ref.country is not None:
        if route is not None and ref.country not in [str(c).upper() for c in route]:
            raise InvalidArgument(f"route {tuple(route)} does not pass {ref.country}")
        if countries is not None and ref.country not in [str(c).upper() for c in countries]:
            raise InvalidArgument(f"countries does not include {ref.country}, the rule's country")
    procedures = _plain_procedures(plan, options.get("procedures"), wanted)
    narrowed: DrawOptions = {**options, "procedures": procedures, "kinds": wanted}
    bundled = make_options("violating", force=plan.force, **narrowed)
    if bundled.route is not None and ref.country is not None:
        _check_route_roles(bundled.route, bundled.declaring, plan, bundled.kinds)

    @st.composite
    def draw_violation(draw: st.DrawFn) -> Declaration:
        built = draw(built_declarations(bundled))
        decl = built.declaration
        index = draw(st.integers(0, len(decl.goods_items) - 1)) if decl.goods_items else 0
        ref.check.violate(_Site(built, ref, index, draw))
        _guard(built, plan, ruleset)
        return decl

    models = draw_violation()
    if output == "model":
        return models
    return st.tuples(models, st.booleans()).map(lambda mp: mp[0].to_xml(pretty=mp[1]))


def _plain_procedures(
    plan: _Plan, procedures: Iterable[str] | None, kinds: Sequence[str]
) -> Iterable[str] | None:
    """The requested procedures of import and export declarations: the rule's (those that
    are not customs transit), else the ones asked for."""
    forced = tuple(p for p in plan.force.procedures if p not in TRANSIT_PROCEDURES)
    if forced and any(k != "transit" for k in kinds):
        return forced
    return procedures


def _wanted_kinds(
    plan: _Plan, kinds: Iterable[str] | None, regimes: Iterable[str] | None
) -> tuple[str, ...]:
    """The kinds to draw: those asked for (default: import and export where the rule
    applies to them, else its own), among those the rule can be broken on."""
    possible = plan.force.kinds
    if kinds is None:
        if regimes is not None:
            asked: tuple[str, ...] = ("transit",)
        else:
            asked = tuple(k for k in DEFAULT_KINDS if k in possible) or possible
    elif isinstance(kinds, str):
        raise InvalidArgument(f"kinds must be a list of kinds, not the string {kinds!r}")
    else:
        asked = tuple(kinds)
    wanted = tuple(k for k in asked if k in possible)
    if not wanted:
        raise CannotViolate(
            f"{plan.ref.id} can be broken on {', '.join(possible)} declarations, not on "
            f"{', '.join(map(str, asked))}"
        )
    return wanted


def _check_route_roles(
    route: tuple[str, ...], declaring: str | None, plan: _Plan, kinds: Sequence[str]
) -> None:
    country = plan.ref.country
    possible: set[Role] = set()
    if "transit" in kinds and country == route[0]:
        possible.update({Role.DEPARTURE, Role.DECLARING})
    if country == route[0]:
        possible.add(Role.EXPORT)
    if country == route[-1]:
        possible.add(Role.DESTINATION)
    if country in route[1:-1]:
        possible.add(Role.TRANSIT)
    if country in (route[0], route[-1]) and declaring in (None, country):
        possible.add(Role.DECLARING)
    if plan.force.roles and not possible & set(plan.force.roles):
        wanted = ", ".join(r.value for r in plan.force.roles)
        raise InvalidArgument(
            f"{plan.ref.id} applies when {country} is {wanted}; route {route} does not allow it"
        )
