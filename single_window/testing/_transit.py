"""Drawing one valid transit declaration: TIR, the NCTS (T1, T2, T2F, T) or EAEU customs
transit (procedure 80).

A transit declaration is lodged at the office of departure: the declaring country is the
departure country, first on the route. Each regime has its own countries and data:

``TIR``
    Any route (every OTS country and every trading partner drawn is a party to the TIR
    Convention). The guarantee is the TIR carnet: one guarantee of the TIR type with the
    carnet number as its reference; the declarant is the carnet holder, identified in the
    harmonised form; the load is sealed; goods are described by HS subheadings.
``NCTS``
    Departure, destination and the countries between are parties to the common transit
    convention on the declaration's date (:func:`single_window.rules._regimes.in_regime`:
    Georgia from 1 Feb 2025). Offices have customs office reference numbers; the first
    guarantee has a guarantee reference number (GRN) with its check digit; offices of
    transit are declared where the route needs them (one in each country the goods
    enter, so one in the destination's country too).
``EAEU``
    Departure, destination and the countries between are EAEU member states on the date;
    every goods item requests procedure 80; a guarantee (amount and certificate number)
    secures duties and taxes; offices are numbered nationally.

The facts each rule applies are read from the active rules' params, never written here:
guarantee types and which of them need a GRN or another reference, the GRN and carnet
patterns and lengths, the office reference pattern, the TIR holder's form, the longest
seal, which declaration types need offices of transit, and which regimes each country's
``transit-regime`` rule accepts. What a rule cannot say (the GRN's structure of year,
country, serial and check digit; which countries are in which regime on a date) comes
from the rules' own modules.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pycountry
from hypothesis import reject
from hypothesis import strategies as st
from stdnum import iso6346

from single_window._model_api import _TRANSIT_DOCUMENT, TRANSIT_PROCEDURES, TRANSIT_TYPES
from single_window._values import ISO_COUNTRIES, ISO_CURRENCIES
from single_window.models import Declaration
from single_window.rules._checks import PredicateCheck
from single_window.rules._patterns import pattern_matches
from single_window.rules._regimes import REGIMES as REGIME_TABLES
from single_window.rules._regimes import Regime, in_regime
from single_window.rules._route import Role
from single_window.rules._transit import NCTS_TYPES, grn_check_character
from single_window.testing._build import (
    OUTSIDE_PARTNERS,
    Built,
    Draw,
    Options,
    _caps,
    _digits,
    _ItemSpec,
    _party,
    _stamp,
    _value_checks,
    date_window,
    draw_items,
    engine_findings,
    floor_date,
    handled,
    leaf,
    money,
    solve,
    today_utc,
    words,
)
from single_window.testing._rules import Header, RuleRef, applies, iter_rules
from single_window.testing._schema import facets

__all__ = [
    "REGIMES",
    "build_transit",
    "feasible_regimes",
    "regime_of",
    "regimes_of_types",
    "type_codes",
]

#: The transit regimes the strategies draw: the TIR Convention, the common transit
#: convention (NCTS) and EAEU customs transit.
REGIMES: tuple[str, ...] = ("TIR", "NCTS", "EAEU")

#: The membership table (single_window.rules._regimes) of each regime that has one.
_TABLES: dict[str, Regime] = {"NCTS": "ctc", "EAEU": "eaeu"}

#: Where a transit declaration's guarantee, office and seal values go in the profile.
_GUARANTEE = ("Declaration", "ObligationGuarantee")
_OFFICE = facets("Declaration", "DeclarationOfficeID")
_DESTINATION_OFFICE = facets("Declaration", "DestinationOffice", "ID")
_TRANSIT_OFFICE = facets("Declaration", "TransitOffice", "ID")
_REFERENCE = facets(*_GUARANTEE, "ReferenceID")
_ACCESS = facets(*_GUARANTEE, "AccessCode")
_HOLDER = facets("Declaration", "Declarant", "ID")
_SEAL = facets("Declaration", "GoodsShipment", "Consignment", "TransportEquipment", "Seal", "ID")
_EQUIPMENT = facets("Declaration", "GoodsShipment", "Consignment", "TransportEquipment", "ID")
_BORDER_MODES = ("1", "2", "3", "4")  # sea, rail, road, air: never 5 (post)
_ALNUM = string.ascii_uppercase + string.digits
#: ISO 3166-1 alpha-3 codes by alpha-2 (pycountry), for the TIR holder's identifier.
_ALPHA3: dict[str, str] = {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def type_codes(regime: str) -> tuple[str, ...]:
    """The TypeCodes of a regime's declarations (NCTS types with their UN/EDIFACT aliases;
    ``950``, the goods declaration for customs transit, for EAEU transit)."""
    if regime == "EAEU":
        return (_TRANSIT_DOCUMENT,)
    wanted = {"TIR"} if regime == "TIR" else NCTS_TYPES
    return tuple(code for code, kind in TRANSIT_TYPES.items() if kind in wanted)


def regime_of(decl: Declaration) -> str | None:
    """The regime of a transit declaration, or None (not transit, or no regime named)."""
    kind = decl.transit_type
    if kind == "TIR":
        return "TIR"
    if kind in NCTS_TYPES:
        return "NCTS"
    if kind is None and any(
        (code := item.procedure_code) is not None and code[:2] in TRANSIT_PROCEDURES
        for item in decl.goods_items
    ):
        return "EAEU"
    return None


def regimes_of_types(types: Iterable[str]) -> tuple[str, ...]:
    """The regimes whose declarations have one of these transit types (``TIR``, ``T1``...)."""
    found = set(types)
    out = []
    if "TIR" in found:
        out.append("TIR")
    if found & NCTS_TYPES:
        out.append("NCTS")
    return tuple(out)


def member(regime: str, country: str, day: date) -> bool:
    """Whether a country may take part in a regime's transit on a day (TIR: any)."""
    table = _TABLES.get(regime)
    return table is None or in_regime(table, country, day)


def _span(regime: str, country: str) -> tuple[date | None, date | None] | None:
    table = _TABLES.get(regime)
    if table is None:
        return (None, None)
    return REGIME_TABLES[table].get(country)


def _narrow(
    window: tuple[date, date], spans: Iterable[tuple[date | None, date | None] | None]
) -> tuple[date, date] | None:
    earliest, latest = window
    for span in spans:
        if span is None:
            return None
        start, end = span
        earliest = max(earliest, start) if start is not None else earliest
        latest = min(latest, end) if end is not None else latest
    return (earliest, latest) if earliest <= latest else None


def _required(o: Options) -> tuple[str, ...]:
    """Countries that must take part in the regime: a fixed route's, else the forced
    country and the declaring country."""
    if o.route is not None:
        return o.route
    return tuple(c for c in (o.force.country, o.declaring) if c is not None)


def regime_window(o: Options, regime: str) -> tuple[date, date] | None:
    """The dates a declaration of the regime can have under the options, or None."""
    window = _narrow(date_window(o.rules, o.force), (_span(regime, c) for c in _required(o)))
    if window is None or o.route is not None or _TABLES.get(regime) is None:
        return window
    # some country of the pool must take part on the day: from the first to the last
    # day any of them does
    spans = [s for c in o.pool if (s := _span(regime, c)) is not None]
    if not spans:
        return None
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    return _narrow(window, [(start, end)])


def feasible_regimes(o: Options) -> tuple[str, ...]:
    """The regimes (of ``o.regimes``, narrowed by a violation's) a transit declaration can
    be drawn in under the options."""
    force = o.force
    out = []
    for regime in o.regimes:
        if force.regimes and regime not in force.regimes:
            continue
        if force.type_prefixes and not [
            c for c in type_codes(regime) if c.startswith(force.type_prefixes)
        ]:
            continue
        if force.procedures and (
            regime != "EAEU" or not set(force.procedures) & TRANSIT_PROCEDURES
        ):
            continue
        if regime_window(o, regime) is None:
            continue
        out.append(regime)
    return tuple(out)


def _partners(o: Options, regime: str, day: date) -> list[str]:
    """Countries outside the pool that can complete a route of the regime: trading
    partners without a pack first, then the regime's other members."""
    table = _TABLES.get(regime)
    listed = sorted(REGIME_TABLES[table]) if table is not None else []
    candidates = [*OUTSIDE_PARTNERS, *[c for c in listed if c not in o.rules.packs], *listed]
    return [c for c in dict.fromkeys(candidates) if c in ISO_COUNTRIES and member(regime, c, day)]


_DEPARTURE_ROLES = (Role.DECLARING, Role.DEPARTURE, Role.EXPORT)


def _route(
    draw: Draw, o: Options, regime: str, day: date
) -> tuple[str, tuple[str, ...], str, bool]:
    """Departure, the countries between, destination, and whether the departure country
    is written as the export country."""
    force = o.force
    taking_part = [c for c in o.pool if member(regime, c, day)]
    if o.route is not None:
        if not all(member(regime, c, day) for c in o.route):
            reject()
        first, *between, last = o.route
        export = force.country == first and force.roles == (Role.EXPORT,)
        return first, tuple(between), last, export or draw(st.booleans())
    role: Role | None = None
    if force.country is not None:
        role = draw(st.sampled_from(force.roles or tuple(Role)))
    slots: dict[str, str] = {}
    middle_forced: str | None = None
    export = role is Role.EXPORT or (role is None and draw(st.booleans()))
    if force.country is not None:
        if role in _DEPARTURE_ROLES:
            slots["departure"] = force.country
        elif role is Role.DESTINATION:
            slots["destination"] = force.country
        else:
            middle_forced = force.country
    if o.declaring is not None:
        if slots.get("departure", o.declaring) != o.declaring or middle_forced == o.declaring:
            reject()
        slots["departure"] = o.declaring
    if force.export:
        if slots.get("departure", force.export[0]) not in force.export:
            reject()
        export = True
    used = set(slots.values()) | ({middle_forced} if middle_forced else set())
    for side in ("departure", "destination"):
        if side in slots:
            continue
        if side == "departure" and force.export:
            options = [c for c in force.export if c not in used and member(regime, c, day)]
        else:
            options = [c for c in taking_part if c not in used] or [
                c for c in _partners(o, regime, day) if c not in used
            ]
        if not options:
            reject()
        slots[side] = draw(st.sampled_from(options))
        used.add(slots[side])
    available = [c for c in taking_part if c not in used]
    count = draw(st.integers(0, min(2, len(available))))
    middle: list[str] = (
        draw(st.lists(st.sampled_from(available), min_size=count, max_size=count, unique=True))
        if count
        else []
    )
    if middle_forced is not None:
        middle.insert(draw(st.integers(0, len(middle))), middle_forced)
    return slots["departure"], tuple(middle), slots["destination"], export


def _roles(
    departure: str, middle: Sequence[str], destination: str, export: bool
) -> dict[str, frozenset[Role]]:
    roles: dict[str, set[Role]] = {departure: {Role.DECLARING, Role.DEPARTURE}}
    if export:
        roles[departure].add(Role.EXPORT)
    roles.setdefault(destination, set()).add(Role.DESTINATION)
    for country in middle:
        roles.setdefault(country, set()).add(Role.TRANSIT)
    return {c: frozenset(r) for c, r in roles.items()}


# --- what the active rules ask -----------------------------------------------------------


def _params(active: Iterable[RuleRef], name: str, kind: str | None) -> list[Mapping[str, Any]]:
    """The params of the active rules that use a transit predicate and, by their
    ``types`` (default: the NCTS types and TIR), judge a declaration of this type."""
    default = (*sorted(NCTS_TYPES), "TIR")
    out: list[Mapping[str, Any]] = []
    for ref in active:
        check = ref.spec.check
        if not isinstance(check, PredicateCheck) or check.predicate != name:
            continue
        params = check.params
        types = [str(t) for t in params.get("types", default)]  # type: ignore[union-attr]
        if kind is not None and kind not in types:
            continue
        out.append(params)
    return out


def _strings(params: Iterable[Mapping[str, Any]], key: str) -> set[str]:
    return {str(v) for p in params for v in p.get(key, ())}


def _one(params: Iterable[Mapping[str, Any]], key: str, default: str) -> str:
    """The value every rule gives a parameter (the default when none gives it); rules
    that disagree cannot all be satisfied."""
    values = {str(p[key]) for p in params if key in p}
    if len(values) > 1:
        reject()
    return values.pop() if values else default


def _matching(
    draw: Draw, patterns: Sequence[str], fits: Any, default: st.SearchStrategy[str]
) -> str:
    """A value matching every pattern (drawn from the first) that the profile accepts."""
    base = st.from_regex(patterns[0], fullmatch=True) if patterns else default
    return str(
        draw(base.filter(lambda v: fits(v) and all(pattern_matches(p, v) for p in patterns)))
    )


# --- offices ---------------------------------------------------------------------------------


def _office(draw: Draw, regime: str, country: str, patterns: Sequence[str], fits: Any) -> str:
    """A customs office reference in a country: the NCTS form (country code first) where
    a rule gives a pattern, the country code and digits for TIR, a number in the EAEU."""
    if patterns:
        shaped = st.from_regex(patterns[0], fullmatch=True).map(lambda v: country + v[2:])
        return str(
            draw(
                shaped.filter(
                    lambda v: (
                        v.startswith(country)
                        and fits(v)
                        and all(pattern_matches(p, v) for p in patterns)
                    )
                )
            )
        )
    if regime == "EAEU":
        return str(draw(_digits(8).filter(lambda v: v[0] != "0" and fits(v))))
    if regime == "NCTS":
        shaped = st.text(_ALNUM, min_size=6, max_size=6).map(lambda v: country + v)
    else:
        shaped = st.integers(5, 6).flatmap(_digits).map(lambda v: country + v)
    return str(draw(shaped.filter(fits)))


def _offices_of_transit(
    draw: Draw,
    active: Sequence[RuleRef],
    kind: str,
    departure: str,
    middle: Sequence[str],
    destination: str,
    day: date,
) -> list[str]:
    """The countries of the offices of transit of an NCTS declaration: one in each
    country the goods enter (so one in the destination's country, and one in the EU when
    the goods go to the EU), when the declaration type, a non-EU common transit country
    on the route or an end country of the rule (Andorra) asks for them, else drawn."""
    params = _params(active, "transit-offices-of-transit", None)
    t2 = _strings(params, "t2_types") or {"T2"}
    ends = _strings(params, "end_countries")
    outside_eu = [c for c in (departure, *middle, destination) if in_regime("cl112", c, day)]
    if kind in t2 or outside_eu or {departure, destination} & ends or draw(st.booleans()):
        return [*middle, destination]
    return []


# --- guarantees ------------------------------------------------------------------------------


def _grn(draw: Draw, code: str, grn: Sequence[Mapping[str, Any]], country: str, day: date) -> str:
    """A guarantee reference number: year, the guarantee office's country, a serial of 12
    characters, the ISO 6346 check digit of those 16, and for a voucher type a voucher
    number; it must match every rule's pattern and length."""
    serial: str = draw(st.text(_ALNUM, min_size=12, max_size=12))
    body = f"{day.year % 100:02d}{country}{serial}"
    number = body + grn_check_character(body)
    vouchers = [code in {str(v) for v in p.get("voucher_types", ())} for p in grn]
    if len(set(vouchers)) > 1:
        reject()
    if any(vouchers):
        number += draw(st.sampled_from(string.ascii_uppercase)) + draw(_digits(6))
    for params, voucher in zip(grn, vouchers, strict=True):
        length = int(params["voucher_length"] if voucher else params["length"])
        if len(number) != length or not pattern_matches(str(params["pattern"]), number):
            reject()
    if not _REFERENCE.accepts(number):
        reject()
    return number


def _amount(draw: Draw, currency: str) -> dict[str, object]:
    amount_facets = facets(*_GUARANTEE, "AmountAmount")
    top = Decimal(10) ** ((amount_facets.total_digits or 16) - (amount_facets.fraction_digits or 3))
    value = draw(money(Decimal("1000.00"), min(Decimal("10000000"), top - 1), 2))
    return leaf(value, currency=currency)


def _currency(draw: Draw, o: Options, active: Sequence[RuleRef], country: str) -> str:
    every = _value_checks(active, "currencies", item=False)
    national = o.rules.packs[country].info.currency if country in o.rules.packs else None
    options = [
        c
        for c in dict.fromkeys([national or "USD", "USD", "EUR"])
        if c in ISO_CURRENCIES and all(k.accepts(c) for k in every)
    ]
    if not options:
        reject()
    return str(draw(st.sampled_from(options)))


def _ncts_guarantees(
    draw: Draw, o: Options, active: Sequence[RuleRef], kind: str, departure: str, day: date
) -> list[dict[str, object]]:
    """One guarantee with a GRN, and maybe another of any type the rules allow."""
    typing = _params(active, "transit-guarantee-type", kind)
    grn = _params(active, "transit-grn", kind)
    others = _params(active, "transit-other-reference", kind)
    tir_types = {
        str(p.get("tir_type", "B")) for p in (*typing, *grn, *_params(active, "tir-carnet", None))
    } or {"B"}
    from_eu = in_regime("eu", departure, day)
    allowed: set[str] | None = None
    for params in typing:
        codes = {str(c) for c in params.get("codes", ())}
        if from_eu:
            codes -= {str(c) for c in params.get("not_from_eu", ())}
        allowed = codes if allowed is None else allowed & codes
    grn_sets = [{str(c) for c in p.get("grn_types", ())} for p in grn]
    if allowed is None:
        allowed = set().union(*grn_sets) or {"1"}
    allowed -= tir_types
    # every rule must agree on whether a type has a GRN
    usable = sorted(t for t in allowed if len({t in s for s in grn_sets}) <= 1)
    with_grn = [t for t in usable if grn_sets and t in grn_sets[0]]
    if not usable:
        reject()
    first = draw(st.sampled_from(with_grn or usable))
    types = [first]
    if draw(st.integers(0, 3)) == 0:
        types.append(draw(st.sampled_from(usable)))
    references = _strings(others, "reference_types")
    out: list[dict[str, object]] = []
    for code in types:
        guarantee: dict[str, object] = {"security_details_code": leaf(code)}
        if code in with_grn:
            guarantee["reference_id"] = leaf(_grn(draw, code, grn, departure, day))
            guarantee["access_code"] = leaf(draw(_digits(_ACCESS.max_length or 4)))
        if code in references or draw(st.booleans()):
            guarantee["id"] = leaf(f"{departure}-GUA-" + draw(_digits(8)))
        if draw(st.booleans()):
            guarantee["amount_amount"] = _amount(draw, _currency(draw, o, active, departure))
        out.append(guarantee)
    return out


def _tir_guarantee(draw: Draw, active: Sequence[RuleRef]) -> dict[str, object]:
    """The TIR carnet: a guarantee of the TIR type whose reference is the carnet number."""
    carnet = _params(active, "tir-carnet", None)
    typing = _params(active, "transit-guarantee-type", "TIR")
    tir_type = _one([*carnet, *typing, *_params(active, "transit-grn", "TIR")], "tir_type", "B")
    for params in typing:
        if tir_type not in {str(c) for c in params.get("codes", ())}:
            reject()
    grn_patterns = [str(p["pattern"]) for p in _params(active, "transit-grn-check", "TIR")]
    number = _matching(
        draw,
        [str(p["pattern"]) for p in carnet],
        lambda v: (
            _REFERENCE.accepts(v)
            and not any(pattern_matches(p, v) for p in grn_patterns)
            and all(
                int(p.get("min_length", 1)) <= len(v) <= int(p.get("max_length", len(v)))
                for p in carnet
            )
        ),
        st.integers(1, 9_999_999).map(str),
    )
    return {"reference_id": leaf(number), "security_details_code": leaf(tir_type)}


def _holder(draw: Draw, active: Sequence[RuleRef], country: str) -> str:
    """The TIR carnet holder's identifier in the form the rules give: the harmonised
    ``AAA/BBB/N`` of the TIR Administrative Committee (country, association, number) where
    it fits, else any value of the rules' pattern."""
    patterns = [str(p["pattern"]) for p in _params(active, "tir-holder", None) if "pattern" in p]
    alpha3 = _ALPHA3.get(country, country + "X")
    harmonised = f"{alpha3}/{draw(_digits(3))}/{draw(st.integers(1, 9_999_999))}"
    if _HOLDER.accepts(harmonised) and all(pattern_matches(p, harmonised) for p in patterns):
        return harmonised
    return _matching(draw, patterns, _HOLDER.accepts, st.just(harmonised))


# --- seals and equipment -------------------------------------------------------------------


def _equipment(
    draw: Draw, active: Sequence[RuleRef], kind: str | None, country: str
) -> list[dict[str, object]]:
    """One piece of transport equipment: a container (with its ISO 6346 number) or a
    sealed vehicle, with one to three seals numbered in a run."""
    longest = min(
        [int(p.get("max_length", 20)) for p in _params(active, "transit-seals", kind)]
        + [_SEAL.max_length or 35]
    )
    width = draw(st.integers(5, 8))
    if len(country) + width > longest:
        reject()
    start = draw(st.integers(10 ** (width - 1), 10**width - 1 - 3))
    count = draw(st.integers(1, 3))
    seals = [
        {"sequence_numeric": leaf(n), "id": leaf(f"{country}{start + n:0{width}d}")}
        for n in range(1, count + 1)
    ]
    equipment: dict[str, object] = {"sequence_numeric": leaf(1), "seals": seals}
    if draw(st.booleans()):
        owner = draw(st.text(string.ascii_uppercase, min_size=3, max_size=3)) + "U"
        body = owner + draw(_digits(6))
        container = body + iso6346.calc_check_digit(body)
        if _EQUIPMENT.accepts(container):
            equipment["id"] = leaf(container)
    return [equipment]


# --- the declaration -------------------------------------------------------------------------


def _regime_rules_accept(active: Sequence[RuleRef], kind: str | None, regime: str) -> bool:
    """Whether every active ``transit-regime`` rule takes this regime."""
    for params in _params(active, "transit-regime", None):
        types = {str(t) for t in params.get("types", ())}
        procedures = {str(p) for p in params.get("procedures", ())}
        if kind is not None and kind in types:
            continue
        if regime == "EAEU" and procedures & TRANSIT_PROCEDURES:
            continue
        return False
    return True


def build_transit(draw: Draw, o: Options) -> Built:
    """Draw one valid transit declaration (see the module docstring)."""
    regimes = feasible_regimes(o)
    if not regimes:
        reject()
    regime = draw(st.sampled_from(regimes))
    window = regime_window(o, regime)
    if window is None:
        reject()
    earliest, latest = window
    day = earliest + timedelta(days=draw(st.integers(0, (latest - earliest).days)))
    departure, middle, destination, export = _route(draw, o, regime, day)
    countries = (departure, *middle, destination)
    roles = _roles(departure, middle, destination, export)

    codes = type_codes(regime)
    if o.force.type_prefixes:
        codes = tuple(c for c in codes if c.startswith(o.force.type_prefixes))
    type_code = draw(st.sampled_from(codes))
    function = o.force.functions[0] if o.force.functions else "9"
    header = Header(roles, type_code, function, day, "transit")
    candidates = list(iter_rules(o.rules, countries))
    active = [r for r in candidates if applies(r, header)]
    type_facets = facets("Declaration", "TypeCode")
    if not type_facets.accepts(type_code) or not all(
        c.accepts(type_code) for c in _value_checks(active, "type_code", item=False)
    ):
        reject()
    function = solve(
        draw,
        _value_checks(active, "function_code", item=False),
        lambda _n: st.just(function),
        facets("Declaration", "FunctionCode").accepts,
    )
    if function != header.function_code:
        header = replace(header, function_code=function)
        active = [r for r in candidates if applies(r, header)]
    kind = TRANSIT_TYPES.get(type_code)
    if not _regime_rules_accept(active, kind, regime):
        reject()

    # offices
    patterns = [str(p["pattern"]) for p in _params(active, "transit-office-reference", kind)]
    if kind is None:
        patterns = []
    office = _office(draw, regime, departure, patterns, _OFFICE.accepts)
    destination_office = _office(draw, regime, destination, patterns, _DESTINATION_OFFICE.accepts)
    transit_countries = (
        _offices_of_transit(draw, active, kind or "", departure, middle, destination, day)
        if regime == "NCTS"
        else []
    )
    transit_offices = [
        {
            "sequence_numeric": leaf(n),
            "id": leaf(_office(draw, regime, c, patterns, _TRANSIT_OFFICE.accepts)),
        }
        for n, c in enumerate(transit_countries, start=1)
    ]

    # the route as the itinerary states it
    if transit_offices and draw(st.booleans()):
        routing: tuple[str, ...] = ()
    elif middle and draw(st.booleans()):
        routing = middle
    else:
        routing = countries

    # goods items
    count = draw(st.integers(*o.items))
    requested = tuple(sorted(TRANSIT_PROCEDURES)) if regime == "EAEU" else ()
    for code in requested:
        if not all(
            c.accepts(code)
            for c in _value_checks(active, "requested_procedure", item=True, procedure=code)
        ):
            reject()
    spec = _ItemSpec(
        direction="TR",
        requested=requested,
        invoice_currency="",
        duty_currency="",
        price_cap=Decimal(0),
        gross_cap=_caps(active, "gross_mass", "KGM", True) or Decimal("50000"),
        net_cap=_caps(active, "net_mass", "KGM", True),
        origins=tuple(c for c in (departure, *OUTSIDE_PARTNERS) if c in ISO_COUNTRIES),
        export=departure,
        day=day,
        priced=False,
        sizes=(6,),
        tariff_country=departure,
    )
    items, gross_total, packages = draw_items(draw, o, active, spec, count)

    # guarantees and the holder of the procedure
    if regime == "TIR":
        guarantees = [_tir_guarantee(draw, active)]
        declarant: dict[str, object] = {
            "name": leaf(draw(words(facets("Declaration", "Declarant", "Name").max_length or 70))),
            "id": leaf(_holder(draw, active, departure)),
        }
    else:
        if regime == "NCTS":
            guarantees = _ncts_guarantees(draw, o, active, kind or "", departure, day)
        else:
            guarantees = [
                {
                    "amount_amount": _amount(draw, _currency(draw, o, active, departure)),
                    "id": leaf(f"{departure}-GS-{day.year}-" + draw(_digits(6))),
                }
            ]
        declarant = _party(draw, active, departure, "declarant", address=False)

    mode = draw(st.sampled_from(_BORDER_MODES))
    border: dict[str, object] = {
        "registration_nationality_code": leaf(draw(st.sampled_from(countries))),
        "mode_code": leaf(mode),
    }
    if mode == "3":
        border["id"] = leaf(draw(st.text(_ALNUM, min_size=6, max_size=10)))
        border["identification_type_code"] = leaf("30")
    zone = o.rules.zone(departure)
    equipment = _equipment(draw, active, kind, departure)
    shipment: dict[str, Any] = {
        "consignee": _party(draw, active, destination, "consignee", address=True),
        "consignment": {
            "container_code": leaf("1" if "id" in equipment[0] else "0"),
            "transport_equipments": equipment,
        },
        "destination": {"country_code": leaf(destination)},
        "government_agency_goods_items": items,
    }
    if export:
        shipment["export_country"] = {"id": leaf(departure)}
    data: dict[str, Any] = {
        "metadata": {
            "wco_data_model_version_code": leaf("3.6"),
            "wco_type_name": leaf("DEC"),
            "responsible_country_code": leaf(departure),
        },
        "function_code": leaf(function),
        "functional_reference_id": leaf(f"{departure}-{draw(_digits(10))}"),
        "issue_date_time": _stamp(draw, day, zone),
        "type_code": leaf(type_code),
        "goods_item_quantity": leaf(count),
        "declaration_office_id": leaf(office),
        "total_gross_mass_measure": leaf(gross_total, unit="KGM"),
        "total_package_quantity": leaf(packages),
        "border_transport_means": border,
        "declarant": declarant,
        "destination_office": {"id": leaf(destination_office)},
        "goods_shipment": shipment,
        "obligation_guarantees": guarantees,
        "transit_offices": transit_offices,
    }
    if routing:
        data["consignment"] = {
            "itineraries": [
                {"sequence_numeric": leaf(n), "routing_country_code": leaf(c)}
                for n, c in enumerate(routing, start=1)
            ]
        }
    declaration = Declaration.model_validate(data)
    built = Built(
        declaration=declaration,
        header=header,
        export=departure,
        transit=middle,
        destination=destination,
        declaring=departure,
        active=active,
        invoice_currency="",
        duty_currency="",
        today=today_utc(),
        floor=floor_date(o.rules),
        kind="transit",
        regime=regime,
    )
    unknown = [r for r in active if not handled(r, "transit")]
    if unknown and engine_findings(declaration, unknown, o.rules):
        reject()
    return built
