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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st
from stdnum import iso6346

from single_window._model_api import TRANSIT_PROCEDURES, TRANSIT_TYPES
from single_window._values import ISO_COUNTRIES
from single_window.models import Declaration
from single_window.rules._patterns import pattern_matches
from single_window.rules._regimes import REGIMES as MEMBERSHIPS
from single_window.rules._regimes import in_regime
from single_window.rules._route import Role
from single_window.testing._build import finish, reference
from single_window.testing._corridor import add_corridor_data
from single_window.testing._draws import ALNUM, between, border_means, digits, leaf, stamp, words
from single_window.testing._guarantees import (
    amount,
    currency,
    holder,
    ncts_guarantees,
    params_of,
    strings_of,
    tir_guarantee,
)
from single_window.testing._items import ItemSpec, draw_items
from single_window.testing._options import (
    OUTSIDE_PARTNERS,
    Built,
    Draw,
    Options,
)
from single_window.testing._parties import party
from single_window.testing._regimes import (
    REGIME_TABLE,
    feasible_regimes,
    member,
    regime_window,
    type_codes,
)
from single_window.testing._rules import Header, RuleRef, applies, iter_rules
from single_window.testing._schema import facets
from single_window.testing._solve import caps, item_count, solve, value_checks

__all__ = ["build_transit"]

#: Where a transit declaration's office, seal and equipment values go in the profile.
_OFFICE = facets("Declaration", "DeclarationOfficeID")
_DESTINATION_OFFICE = facets("Declaration", "DestinationOffice", "ID")
_TRANSIT_OFFICE = facets("Declaration", "TransitOffice", "ID")
_SEAL = facets("Declaration", "GoodsShipment", "Consignment", "TransportEquipment", "Seal", "ID")
_EQUIPMENT = facets("Declaration", "GoodsShipment", "Consignment", "TransportEquipment", "ID")


# --- the route -------------------------------------------------------------------------------


def _partners(o: Options, regime: str, day: date) -> list[str]:
    """Countries outside the pool that can complete a route of the regime: trading
    partners without a pack first, then the regime's other members."""
    table = REGIME_TABLE.get(regime)
    listed = sorted(MEMBERSHIPS[table]) if table is not None else []
    candidates = [*OUTSIDE_PARTNERS, *[c for c in listed if c not in o.rules.packs], *listed]
    return [
        c
        for c in dict.fromkeys(candidates)
        if c in ISO_COUNTRIES and c not in _OWN_ROUTES and member(regime, c, day)
    ]


#: Countries whose transit routes have rules of their own (DDNTA R0904 to R0911: where the
#: offices of Andorra and San Marino may be, and the T2SM type), which the strategies do
#: not draw: a route reaches them only when the caller names them.
_OWN_ROUTES = frozenset({"AD", "SM"})


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
        first, *inner, last = o.route
        export = force.country == first and force.roles == (Role.EXPORT,)
        return first, tuple(inner), last, export or draw(st.booleans())
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
    if force.transit and middle_forced is None:
        # a country of transit the violation needs (an office of transit there)
        through = [c for c in force.transit if c in taking_part and c not in slots.values()]
        if not through:
            reject()
        middle_forced = draw(st.sampled_from(through))
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
    middle = between(draw, available, middle_forced)
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
        return str(draw(digits(8).filter(lambda v: v[0] != "0" and fits(v))))
    if regime == "NCTS":
        shaped = st.text(ALNUM, min_size=6, max_size=6).map(lambda v: country + v)
    else:
        shaped = st.integers(5, 6).flatmap(digits).map(lambda v: country + v)
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
    params = params_of(active, "transit-offices-of-transit", None)
    t2 = strings_of(params, "t2_types") or {"T2"}
    ends = strings_of(params, "end_countries")
    outside_eu = [c for c in (departure, *middle, destination) if in_regime("cl112", c, day)]
    if kind in t2 or outside_eu or {departure, destination} & ends or draw(st.booleans()):
        return [*middle, destination]
    return []


# --- seals and equipment -------------------------------------------------------------------


def _equipment(
    draw: Draw, active: Sequence[RuleRef], kind: str | None, country: str
) -> list[dict[str, object]]:
    """One piece of transport equipment: a container (with its ISO 6346 number) or a
    sealed vehicle, with one to three seals numbered in a run."""
    longest = min(
        [int(p.get("max_length", 20)) for p in params_of(active, "transit-seals", kind)]
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
        body = owner + draw(digits(6))
        container = body + iso6346.calc_check_digit(body)
        if _EQUIPMENT.accepts(container):
            equipment["id"] = leaf(container)
    return [equipment]


# --- the declaration -------------------------------------------------------------------------


def _regime_rules_accept(active: Sequence[RuleRef], kind: str | None, regime: str) -> bool:
    """Whether every active ``transit-regime`` rule takes this regime."""
    for params in params_of(active, "transit-regime", None):
        types = {str(t) for t in params.get("types", ())}
        procedures = {str(p) for p in params.get("procedures", ())}
        if kind is not None and kind in types:
            continue
        if regime == "EAEU" and procedures & TRANSIT_PROCEDURES:
            continue
        return False
    return True


@dataclass(frozen=True)
class _Start:
    """What a transit declaration is, decided first: its regime, date, route and header,
    and the rules active on it."""

    regime: str
    day: date
    departure: str
    middle: tuple[str, ...]
    destination: str
    export: bool
    """Whether the departure country is written as the export country."""
    type_code: str
    kind: str | None
    """The NCTS declaration type the TypeCode names (None for EAEU transit)."""
    header: Header
    active: list[RuleRef]

    @property
    def countries(self) -> tuple[str, ...]:
        """The route's countries, departure first."""
        return (self.departure, *self.middle, self.destination)


def _start(draw: Draw, o: Options) -> _Start:
    """The regime, date, route, type and function of a transit declaration, and the rules
    active on them."""
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
        c.accepts(type_code) for c in value_checks(active, "type_code", item=False)
    ):
        reject()
    function = solve(
        draw,
        value_checks(active, "function_code", item=False),
        lambda _n: st.just(function),
        facets("Declaration", "FunctionCode").accepts,
    )
    if function != header.function_code:
        header = replace(header, function_code=function)
        active = [r for r in candidates if applies(r, header)]
    kind = TRANSIT_TYPES.get(type_code)
    if not _regime_rules_accept(active, kind, regime):
        reject()
    return _Start(
        regime, day, departure, middle, destination, export, type_code, kind, header, active
    )


@dataclass(frozen=True)
class _Offices:
    """The offices of a transit declaration and the route its itinerary states."""

    departure: str
    destination: str
    transit: list[dict[str, object]]
    routing: tuple[str, ...]


def _offices(draw: Draw, s: _Start) -> _Offices:
    """The offices of departure, destination and transit, and the itinerary's countries
    (none when the offices of transit state the route)."""
    patterns = [str(p["pattern"]) for p in params_of(s.active, "transit-office-reference", s.kind)]
    if s.kind is None:
        patterns = []
    office = _office(draw, s.regime, s.departure, patterns, _OFFICE.accepts)
    destination_office = _office(
        draw, s.regime, s.destination, patterns, _DESTINATION_OFFICE.accepts
    )
    transit_countries = (
        _offices_of_transit(
            draw, s.active, s.kind or "", s.departure, s.middle, s.destination, s.day
        )
        if s.regime == "NCTS"
        else []
    )
    transit_offices: list[dict[str, object]] = [
        {
            "sequence_numeric": leaf(n),
            "id": leaf(_office(draw, s.regime, c, patterns, _TRANSIT_OFFICE.accepts)),
        }
        for n, c in enumerate(transit_countries, start=1)
    ]
    if transit_offices and draw(st.booleans()):
        routing: tuple[str, ...] = ()
    elif s.middle and draw(st.booleans()):
        routing = s.middle
    else:
        routing = s.countries
    return _Offices(office, destination_office, transit_offices, routing)


def _items(draw: Draw, o: Options, s: _Start) -> tuple[int, list[dict[str, Any]], Decimal, int]:
    """The goods items (HS subheadings, no prices; procedure 80 in EAEU transit): their
    count, the items, their total gross mass and their number of packages."""
    count = item_count(draw, s.active, o.items)
    requested = tuple(sorted(TRANSIT_PROCEDURES)) if s.regime == "EAEU" else ()
    for code in requested:
        if not all(
            c.accepts(code)
            for c in value_checks(s.active, "requested_procedure", item=True, procedure=code)
        ):
            reject()
    spec = ItemSpec(
        direction="TR",
        requested=requested,
        invoice_currency="",
        duty_currency="",
        price_cap=Decimal(0),
        gross_cap=caps(s.active, "gross_mass", "KGM", True) or Decimal("50000"),
        net_cap=caps(s.active, "net_mass", "KGM", True),
        origins=tuple(c for c in (s.departure, *OUTSIDE_PARTNERS) if c in ISO_COUNTRIES),
        export=s.departure,
        day=s.day,
        priced=False,
        sizes=(6,),
        tariff_country=s.departure,
    )
    items, gross_total, packages = draw_items(draw, o, s.active, spec, count)
    return count, items, gross_total, packages


def _holder_and_guarantees(
    draw: Draw, o: Options, s: _Start
) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The declarant (the holder of the procedure) and the guarantees of the regime."""
    if s.regime == "TIR":
        guarantees = [tir_guarantee(draw, s.active)]
        declarant: dict[str, object] = {
            "name": leaf(draw(words(facets("Declaration", "Declarant", "Name").max_length or 70))),
            "id": leaf(holder(draw, s.active, s.departure)),
        }
        return declarant, guarantees
    if s.regime == "NCTS":
        guarantees = ncts_guarantees(draw, o, s.active, s.kind or "", s.departure, s.day)
    else:
        guarantees = [
            {
                "amount_amount": amount(draw, currency(draw, o, s.active, s.departure)),
                "id": leaf(f"{s.departure}-GS-{s.day.year}-" + draw(digits(6))),
            }
        ]
    return party(draw, s.active, s.departure, "declarant", address=False), guarantees


#: The previous document that proves the Union status of T2 and T2F goods (CL178: N825,
#: the T2L document), given on the consignment.
_T2L = {"category_code": leaf("N"), "type_code": leaf("825")}


def _ncts_data(draw: Draw, data: dict[str, Any], s: _Start) -> None:
    """What the NCTS rules and conditions ask of a declaration lodged in NCTS (model data,
    in place): item declaration types on a type T declaration, and never twice the same
    one on every item (C0045, R0507); proof of Union status for T2 and T2F goods (C0035,
    R0020); an authorised consignor's authorisation (C521) with a limit date (C0839); the
    consignment's UCR, which house consignments would otherwise need on every item (C0502)."""
    if s.kind is None:
        return
    shipment = data["goods_shipment"]
    shipment["ucr"] = {"id": leaf(f"{s.day:%y}{s.departure}" + draw(digits(10)))}
    items = shipment["government_agency_goods_items"]
    types = [s.type_code] * len(items)
    if s.type_code == "T":
        types = [draw(st.sampled_from(("T1", "T2", "T2F"))) for _ in items]
        if len(types) > 1 and len(set(types)) == 1:
            types[-1] = "T1" if types[0] != "T1" else "T2"
        for item, code in zip(items, types, strict=True):
            item["declaration_type_code"] = leaf(code)
    if {"T2", "T2F"} & set(types):
        number = f"{s.day:%y}{s.departure}" + draw(digits(12))
        shipment["previous_documents"] = [{**_T2L, "id": leaf(number)}]
    if "transit_limit_date_time" in data:
        data["additional_documents"] = [{"category_code": leaf("C"), "type_code": leaf("521")}]


def build_transit(draw: Draw, o: Options) -> Built:
    """Draw one valid transit declaration (see the module docstring)."""
    s = _start(draw, o)
    offices = _offices(draw, s)
    count, items, gross_total, packages = _items(draw, o, s)
    declarant, guarantees = _holder_and_guarantees(draw, o, s)
    border = border_means(draw, s.countries, identify_road=True)
    zone = o.rules.zone(s.departure)
    equipment = _equipment(draw, s.active, s.kind, s.departure)
    shipment: dict[str, Any] = {
        "consignee": party(draw, s.active, s.destination, "consignee", address=True),
        "consignment": {
            "container_code": leaf("1" if "id" in equipment[0] else "0"),
            "transport_equipments": equipment,
        },
        "destination": {"country_code": leaf(s.destination)},
        "government_agency_goods_items": items,
    }
    if s.export:
        shipment["export_country"] = {"id": leaf(s.departure)}
    data: dict[str, Any] = {
        "metadata": {
            "wco_data_model_version_code": leaf("3.6"),
            "wco_type_name": leaf("DEC"),
            "responsible_country_code": leaf(s.departure),
        },
        "function_code": leaf(s.header.function_code),
        "functional_reference_id": leaf(reference(draw, s.active, s.departure)),
        "issue_date_time": stamp(draw, s.day, zone),
        "type_code": leaf(s.type_code),
        "goods_item_quantity": leaf(count),
        "declaration_office_id": leaf(offices.departure),
        "total_gross_mass_measure": leaf(gross_total, unit="KGM"),
        "total_package_quantity": leaf(packages),
        "border_transport_means": [border],
        "declarant": declarant,
        "destination_office": {"id": leaf(offices.destination)},
        "goods_shipment": shipment,
        "obligation_guarantees": guarantees,
        "transit_offices": offices.transit,
    }
    if offices.routing:
        data["consignment"] = {
            "itineraries": [
                {"sequence_numeric": leaf(n), "routing_country_code": leaf(c)}
                for n, c in enumerate(offices.routing, start=1)
            ]
        }
    add_corridor_data(draw, data, s.regime, s.countries, s.day, s.active)
    _ncts_data(draw, data, s)
    declaration = Declaration.model_validate(data)
    return finish(o, Built(declaration, s.header, s.active, s.countries, s.regime))
