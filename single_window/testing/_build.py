"""Drawing one valid import or export declaration: route, header, goods items, parties,
totals (transit declarations: :mod:`single_window.testing._transit`, which reuses the
pieces here).

The builder reads the rule packs of the countries on the drawn route and satisfies them
by construction, from each rule's data: lengths, patterns and code lists for the values
they select, documents an item must carry, identifier validators for the parties,
amount limits, and the bundled predicates (counts, numbering, totals, masses, dates, HS
chapters, document codes, procedure direction, preference proofs, postal limits).

What it cannot satisfy by construction (a predicate or a selector it does not know, e.g.
one a user registered) it checks by running that one rule and discards the example
when it fires (``hypothesis.reject``); a rule that fires on nearly every example then
shows up as a health-check failure naming the filter.

The steps: :func:`_route` and :func:`_header` (countries, roles, type, function, date and
office under the active rules), :func:`_item_spec` (what the goods items share),
:func:`~single_window.testing._items.draw_items`, then :func:`_assemble` (the declaration
from its parts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window._model_api import declaration_kind
from single_window._values import ISO_COUNTRIES, ISO_CURRENCIES
from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.rules._context import Context
from single_window.rules._engine import Plan, compile_rule
from single_window.rules._kinds import PredicateCheck
from single_window.rules._route import Role
from single_window.testing._draws import between, border_means, digits, leaf, stamp
from single_window.testing._items import ItemSpec, draw_items, requested
from single_window.testing._options import (
    OUTSIDE_PARTNERS,
    Built,
    Draw,
    Options,
    date_window,
    floor_date,
    kinds_to_draw,
    today_utc,
)
from single_window.testing._parties import party, party_id
from single_window.testing._registry import builder_satisfies
from single_window.testing._rules import Header, RuleRef, applies, iter_rules
from single_window.testing._schema import facets
from single_window.testing._solve import caps, item_count, solve, value_checks
from single_window.testing._writers import writer_of

__all__ = ["build", "context", "engine_findings", "finish", "handled", "reference"]


def _route(
    draw: Draw, o: Options, sides: tuple[str, ...] = ("export", "destination")
) -> tuple[str, tuple[str, ...], str, str]:
    """Export country, transit countries, destination and declaring country of an import or
    export declaration; ``sides`` are the ends that may declare (``destination`` for an
    import, ``export`` for an export)."""
    force = o.force
    role: Role | None = None
    if force.country is not None:
        # the departure role belongs to transit declarations
        roles = [r for r in (force.roles or tuple(Role)) if r is not Role.DEPARTURE]
        if not roles:
            reject()
        role = draw(st.sampled_from(roles))
    if o.route is not None:
        export, *middle, destination = o.route
        ends = {"export": export, "destination": destination}
        allowed = [ends[s] for s in sides]
        declaring = o.declaring
        if role is Role.DECLARING:
            declaring = force.country
        if declaring is None:
            declaring = draw(st.sampled_from(allowed))
        if declaring not in allowed:
            reject()
        return export, tuple(middle), destination, declaring
    slots: dict[str, str] = {}
    transit_forced: str | None = None
    declaring = None
    if force.country is not None:
        if role is Role.DECLARING:
            slots[draw(st.sampled_from(sides))] = force.country
            declaring = force.country
        elif role is Role.EXPORT:
            slots["export"] = force.country
        elif role is Role.DESTINATION:
            slots["destination"] = force.country
        else:
            transit_forced = force.country
    if o.declaring is not None and declaring is None:
        if o.declaring not in slots.values():
            free = [s for s in sides if s not in slots]
            if not free:
                reject()
            slots[draw(st.sampled_from(free))] = o.declaring
        declaring = o.declaring
    used = set(slots.values()) | ({transit_forced} if transit_forced else set())
    if force.export and slots.get("export", force.export[0]) not in force.export:
        reject()
    for side in ("export", "destination"):
        if side in slots:
            continue
        if side == "export" and force.export:
            options = [c for c in force.export if c not in used]
        else:
            options = [c for c in o.pool if c not in used] or [
                c for c in OUTSIDE_PARTNERS if c not in used
            ]
        if not options:
            reject()
        slots[side] = draw(st.sampled_from(options))
        used.add(slots[side])
    available = [c for c in o.pool if c not in used]
    transit = between(draw, available, transit_forced)
    if declaring is None:
        declaring = draw(st.sampled_from([slots[s] for s in sides]))
    elif declaring not in [slots[s] for s in sides]:
        reject()
    return slots["export"], tuple(transit), slots["destination"], declaring


def _roles(
    declaring: str, export: str, transit: Sequence[str], destination: str
) -> dict[str, frozenset[Role]]:
    roles: dict[str, set[Role]] = {}
    roles.setdefault(declaring, set()).add(Role.DECLARING)
    roles.setdefault(export, set()).add(Role.EXPORT)
    roles.setdefault(destination, set()).add(Role.DESTINATION)
    for country in transit:
        if country not in (export, destination):
            roles.setdefault(country, set()).add(Role.TRANSIT)
    return {c: frozenset(r) for c, r in roles.items()}


def _currencies(
    draw: Draw, o: Options, active: Sequence[RuleRef], countries: Sequence[str], declaring: str
) -> tuple[str, str]:
    every = value_checks(active, "currencies", item=False)
    packs = [o.rules.packs[c].info.currency for c in countries if c in o.rules.packs]
    if o.force.currency is not None:
        invoice_options = [o.force.currency]
    else:
        invoice_options = list(dict.fromkeys(["USD", "EUR", *[c for c in packs if c]]))
    invoice_options = [
        c for c in invoice_options if c in ISO_CURRENCIES and all(k.accepts(c) for k in every)
    ]
    if not invoice_options:
        reject()
    invoice = str(draw(st.sampled_from(invoice_options)))
    duty_checks = value_checks(active, "duty_currency", item=True)
    national = o.rules.packs[declaring].info.currency if declaring in o.rules.packs else None
    duty = solve(
        draw,
        duty_checks,
        lambda _n: st.just(national or invoice),
        lambda c: c in ISO_CURRENCIES and all(k.accepts(c) for k in every),
    )
    return invoice, duty


@dataclass(frozen=True)
class _Start:
    """What an import or export declaration is, decided first: its route, header and
    office, and the rules active on it."""

    export: str
    transit: tuple[str, ...]
    destination: str
    declaring: str
    direction: str
    """``IM`` or ``EX``: the way the goods go at the declaring office."""
    header: Header
    office: str
    active: list[RuleRef]

    @property
    def countries(self) -> tuple[str, ...]:
        """The route's countries, export first."""
        return (self.export, *self.transit, self.destination)


def _start(draw: Draw, o: Options, plain: tuple[str, ...]) -> _Start:
    """The route, roles, type, function, date and office of an import or export
    declaration of one of the ``plain`` kinds, and the rules active on them."""
    ends = (("export", "export"), ("import", "destination"))
    sides = tuple(side for kind, side in ends if kind in plain)
    export, transit, destination, declaring = _route(draw, o, sides)
    countries = (export, *transit, destination)
    roles = _roles(declaring, export, transit, destination)
    direction = "IM" if declaring == destination else "EX"
    if o.force.type_prefixes:
        prefix = draw(st.sampled_from(o.force.type_prefixes))
        type_code = prefix.ljust(3, "A")[:3]
    else:
        type_code = direction + "A"
    direction = type_code[:2] if type_code[:2] in ("IM", "EX") else direction
    if declaration_kind(type_code) not in plain:
        reject()
    function = o.force.functions[0] if o.force.functions else "9"
    earliest, latest = date_window(o.rules, o.force)
    if earliest > latest:
        reject()
    day = earliest + timedelta(days=draw(st.integers(0, (latest - earliest).days)))
    header = Header(roles, type_code, function, day, declaration_kind(type_code))
    candidates = list(iter_rules(o.rules, countries))
    active = [r for r in candidates if applies(r, header)]

    # header codes under the active checks
    type_code = solve(
        draw,
        value_checks(active, "type_code", item=False),
        lambda _n: st.just(type_code),
        facets("Declaration", "TypeCode").accepts,
        lambda c: type_code[:2] + c[2:] if len(c) >= 2 else c,
    )
    function = solve(
        draw,
        value_checks(active, "function_code", item=False),
        lambda _n: st.just(function),
        facets("Declaration", "FunctionCode").accepts,
    )
    office_facets = facets("Declaration", "DeclarationOfficeID")
    office = solve(
        draw,
        value_checks(active, "declaration_office_id", item=False),
        lambda n: digits(max((n or 8) - 2, 1)).map(lambda d: declaring + d),
        office_facets.accepts,
    )
    header = Header(roles, type_code, function, day, declaration_kind(type_code))
    active = [r for r in candidates if applies(r, header)]
    return _Start(export, transit, destination, declaring, direction, header, office, active)


def _item_spec(
    draw: Draw, o: Options, s: _Start, count: int, invoice_currency: str, duty_currency: str
) -> ItemSpec:
    """What the goods items share: requested procedures, currencies and the caps the
    active rules put on prices and masses (prices leave room for the sum of up to 1,999
    items within the invoice amount's digits)."""
    amount_facets = facets("Declaration", "InvoiceAmount")
    top = Decimal(10) ** (
        (amount_facets.total_digits or 16) - (amount_facets.fraction_digits or 3) - 4
    )
    price_cap = min(Decimal("1000000"), top)
    for cap in (
        caps(s.active, "item_amount", invoice_currency, True),
        (caps(s.active, "invoice_amount", invoice_currency, False) or Decimal(0)) / count
        if caps(s.active, "invoice_amount", invoice_currency, False) is not None
        else None,
    ):
        if cap is not None:
            price_cap = min(price_cap, cap.quantize(Decimal("0.01"), rounding="ROUND_FLOOR"))
    if price_cap < Decimal("1.00"):
        reject()
    spec = ItemSpec(
        direction=s.direction,
        requested=(),
        invoice_currency=invoice_currency,
        duty_currency=duty_currency,
        price_cap=price_cap,
        gross_cap=caps(s.active, "gross_mass", "KGM", True) or Decimal("50000"),
        net_cap=caps(s.active, "net_mass", "KGM", True),
        origins=tuple(c for c in (s.export, *OUTSIDE_PARTNERS) if c in ISO_COUNTRIES),
        export=s.export,
        day=s.header.as_of,
        tariff_country=s.declaring,
    )
    spec = replace(spec, requested=(requested(draw, o, s.active, s.direction),))
    if o.procedures and not o.force.procedures and len(o.procedures) > 1:
        extra = requested(draw, o, s.active, s.direction)
        spec = replace(spec, requested=tuple(dict.fromkeys((*spec.requested, extra))))
    return spec


def _assemble(
    draw: Draw,
    o: Options,
    s: _Start,
    items: list[dict[str, Any]],
    gross_total: Decimal,
    packages: int,
    invoice_currency: str,
) -> Declaration:
    """The declaration from its parts: header, totals, transport, itinerary, parties,
    goods shipment and invoice."""
    day = s.header.as_of
    invoice_total = sum(
        (i["commodity"]["invoice_line"]["item_charge_amount"]["value"] for i in items), Decimal(0)
    )
    zone = o.rules.zone(s.declaring)
    issue = stamp(draw, day, zone)
    invoice_day = max(day - timedelta(days=draw(st.integers(0, 30))), floor_date(o.rules))
    data: dict[str, Any] = {
        "metadata": {
            "wco_data_model_version_code": leaf("3.6"),
            "wco_type_name": leaf("DEC"),
            "responsible_country_code": leaf(s.declaring),
        },
        "function_code": leaf(s.header.function_code),
        "functional_reference_id": leaf(reference(draw, s.active, s.declaring)),
        "issue_date_time": issue,
        "type_code": leaf(s.header.type_code),
        "goods_item_quantity": leaf(len(items)),
        "declaration_office_id": leaf(s.office),
        "invoice_amount": leaf(invoice_total, currency=invoice_currency),
        "total_gross_mass_measure": leaf(gross_total, unit="KGM"),
        "total_package_quantity": leaf(packages),
        "border_transport_means": [border_means(draw, s.countries)],
        "consignment": {
            "itineraries": [
                {"sequence_numeric": leaf(n), "routing_country_code": leaf(c)}
                for n, c in enumerate(s.countries, start=1)
            ]
        },
        "declarant": {"id": leaf(party_id(draw, s.active, s.declaring, "declarant"))},
        "exporter": party(draw, s.active, s.export, "exporter", address=True),
        "goods_shipment": {
            "transaction_nature_code": leaf("11"),
            "destination": {"country_code": leaf(s.destination)},
            "export_country": {"id": leaf(s.export)},
            "government_agency_goods_items": items,
            "importer": party(draw, s.active, s.destination, "importer", address=True),
            "invoice": {
                "id": leaf(f"INV-{draw(digits(6))}"),
                "issue_date_time": stamp(draw, invoice_day, zone),
            },
        },
    }
    return Declaration.model_validate(data)


def reference(draw: Draw, active: Sequence[RuleRef], country: str) -> str:
    """The declarant's reference number (``FunctionalReferenceID``): one every active
    rule on it accepts, else the country code and ten digits."""
    return solve(
        draw,
        value_checks(active, "functional_reference_id", item=False),
        lambda _n: digits(10).map(lambda d: f"{country}-{d}"),
        facets("Declaration", "FunctionalReferenceID").accepts,
    )


def build(draw: Draw, o: Options) -> Built:
    """Draw one valid import or export declaration (see the module docstring; transit
    declarations are drawn by :mod:`single_window.testing._transit`)."""
    plain = tuple(k for k in kinds_to_draw(o) if k != "transit")
    if not plain:
        reject()
    s = _start(draw, o, plain)
    invoice_currency, duty_currency = _currencies(draw, o, s.active, s.countries, s.declaring)
    count = item_count(draw, s.active, o.items)
    spec = _item_spec(draw, o, s, count, invoice_currency, duty_currency)
    items, gross_total, packages = draw_items(draw, o, s.active, spec, count)
    declaration = _assemble(draw, o, s, items, gross_total, packages, invoice_currency)
    return finish(o, Built(declaration, s.header, s.active, s.countries))


def finish(o: Options, built: Built) -> Built:
    """A drawn declaration, once the active rules the builders do not satisfy by
    construction are quiet on it (else the example is discarded)."""
    unknown = [r for r in built.active if not handled(r, built.kind)]
    if unknown and engine_findings(built.declaration, unknown, o.rules):
        reject()
    return built


def handled(ref: RuleRef, kind: str = "import") -> bool:
    """Whether the builder satisfies a rule by construction on a declaration of a kind."""
    check = ref.spec.check
    if isinstance(check, PredicateCheck):
        return builder_satisfies(check.predicate, kind)
    return check.built_by_construction(ref.scope, writer_of)


def context(declaration: Declaration, rules: RuleSet, today: date | None = None) -> Context:
    """The rule context ``check`` would build for a declaration (no ``on=`` date)."""
    return Context.of(declaration, today=today or today_utc(), zones=rules.zone)


def engine_findings(declaration: Declaration, refs: Iterable[RuleRef], rules: RuleSet) -> list[str]:
    """Rule ids the engine reports when it runs only these rules on a declaration."""
    plan = Plan([compile_rule(r.spec, r.country) for r in refs])
    found, _ = plan.evaluate(context(declaration, rules))
    return [f.rule for f in found]
