"""Drawing one valid NCTS declaration (CC015C): the route, the header, the transit
operation, the offices, the holder, the representative and the guarantees.

The goods (consignment, house consignments, goods items, transport) are drawn by
:mod:`single_window.testing._ncts_goods`. Every message is lodged at the office of
departure in the first country of its route, and every country of the route takes part
in the common transit procedure (NCTS code lists CL009 and CL112) on the message's date.
What the transit rules ask of a message is built in:

- a T, T1, T2 or T2F message declares an office of transit in each country the goods
  enter (so one in the destination's country: R0006), in route order, or, where
  condition C0030 leaves them optional, states the route with countries of routing;
- a TIR message declares no office of transit (C0030), states its route with countries of
  routing, gives a TIR carnet number of the form R0990 allows, identifies the TIR holder
  and is sealed;
- a guarantee of a type that needs a guarantee reference number (GRN) has one, with its
  ISO 6346 check digit; a guarantee of type 8 gives its other guarantee reference;
- parties carry identifiers that the identifier rules of their country accept;
- the transit operation's flags (security type, additional declaration type, reduced
  data set, binding itinerary) decide what the NCTS rules and conditions of the IE015
  ask for or forbid elsewhere (a limit date only under authorisation C521: C0839; C524
  exactly with the reduced data set: R0859; an office of exit for transit only with exit
  security data: C0587), in their final state.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from single_window.rules import RuleSet
from single_window.rules._context import TIR_GUARANTEE
from single_window.rules._regimes import in_regime
from single_window.rules._transit import grn_check_character
from single_window.testing._draws import ALNUM, digits, words
from single_window.testing._ncts_tree import Tree
from single_window.testing._options import Draw, today_utc
from single_window.testing._parties import party_id
from single_window.testing._rules import RuleRef, iter_rules

__all__ = [
    "NCTS_DECLARATION_TYPES",
    "NCTS_PHASES",
    "Drawn",
    "NctsNeeds",
    "NctsPlan",
    "draw_header",
    "earliest_day",
]

#: The declaration types a drawn CC015C can have (NCTS code list CL231, but T2SM).
NCTS_DECLARATION_TYPES: tuple[str, ...] = ("T1", "T2", "T2F", "T", "TIR")
#: The phases drawn, with the ``PhaseID`` each is written with.
NCTS_PHASES: dict[int, str] = {5: "NCTS5.1", 6: "NCTS6"}
#: The earliest date drawn: every country of CL112 is a party to the convention by then
#: (Moldova and Montenegro joined on 1 Nov 2025).
EARLIEST = date(2025, 11, 2)
#: The guarantee types drawn for a T, T1, T2 or T2F message, all with a GRN (NCTS code
#: list CL076), and the type drawn besides them that gives another reference instead.
GRN_TYPES: tuple[str, ...] = ("0", "1", "2", "9")
OTHER_REFERENCE_TYPE = "8"
#: Types that no office of departure in the EU may use (TRANSIT-GUARANTEE-TYPE).
NOT_FROM_EU: frozenset[str] = frozenset({"9"})
#: ISO 4217 currencies of the departure countries the strategies draw, where not EUR
#: (Bulgaria's lev is not: the euro replaced it on 1 Jan 2026).
NATIONAL_CURRENCIES: dict[str, str] = {
    "TR": "TRY",
    "GE": "GEL",
    "HU": "HUF",
    "PL": "PLN",
    "RO": "RON",
    "CZ": "CZK",
    "CH": "CHF",
    "NO": "NOK",
    "RS": "RSD",
    "MK": "MKD",
    "UA": "UAH",
    "MD": "MDL",
    "GB": "GBP",
    "SE": "SEK",
    "DK": "DKK",
}
#: ISO 3166 alpha-3 codes of the countries drawn, for TIR holder identifiers
#: (``AAA/BBB/N``).
ALPHA3: dict[str, str] = {
    "TR": "TUR",
    "GE": "GEO",
    "HU": "HUN",
    "BG": "BGR",
    "RO": "ROU",
    "AT": "AUT",
    "DE": "DEU",
    "IT": "ITA",
    "PL": "POL",
    "GR": "GRC",
    "RS": "SRB",
    "MK": "MKD",
    "CH": "CHE",
    "UA": "UKR",
    "MD": "MDA",
    "SK": "SVK",
    "CZ": "CZE",
    "SI": "SVN",
    "HR": "HRV",
    "NL": "NLD",
    "BE": "BEL",
    "FR": "FRA",
    "ES": "ESP",
    "NO": "NOR",
}


@dataclass(frozen=True)
class NctsNeeds:
    """What a violation needs from the valid message it starts from.

    Attributes:
        types: Declaration types the message may have (none: any asked for).
        eu_only: Every country of the route in the EU (so that condition C0030 leaves
            offices of transit optional).
        rail: The goods cross the border by rail.
        routing: The message states its route with countries of routing.
        between: Least number of countries between departure and destination.
        flags: Values the transit operation's flags may take, by element name
            (``("security", ("0",))``: no security data); a flag not named is drawn.
        modes: Modes of transport at the border the message may have (none: any).
    """

    types: tuple[str, ...] = ()
    eu_only: bool = False
    rail: bool = False
    routing: bool = False
    between: int = 0
    flags: tuple[tuple[str, tuple[str, ...]], ...] = ()
    modes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NctsPlan:
    """The checked options of an NCTS strategy, with what a violation needs."""

    types: tuple[str, ...]
    phases: tuple[int, ...]
    pool: tuple[str, ...]
    route: tuple[str, ...] | None
    houses: tuple[int, int]
    items: tuple[int, int]
    rules: RuleSet
    needs: NctsNeeds = field(default_factory=NctsNeeds)


@dataclass
class Drawn:
    """A drawn valid CC015C and what was decided on the way.

    Attributes:
        tree: The message (:mod:`single_window.testing._ncts_tree`).
        phase: 5 or 6.
        kind: The declaration type (``T1``, ``TIR``, ...).
        route: Departure, the countries between, destination.
        day: The day of ``preparationDateAndTime`` (UTC).
        active: The rules of the route's countries and the baseline.
    """

    tree: Tree
    phase: int
    kind: str
    route: tuple[str, ...]
    day: date
    active: list[RuleRef]

    @property
    def departure(self) -> str:
        return self.route[0]

    @property
    def destination(self) -> str:
        return self.route[-1]


def earliest_day() -> date:
    """The earliest day a message is dated: a year before today, never before
    :data:`EARLIEST`."""
    return max(EARLIEST, today_utc() - timedelta(days=365))


def ctc(country: str, day: date) -> bool:
    """Whether the country takes part in the common transit procedure on the day."""
    return in_regime("ctc", country, day)


def eu(country: str, day: date) -> bool:
    """Whether the country is in the EU's customs territory on the day."""
    return in_regime("eu", country, day)


# --- route and header ------------------------------------------------------------------------


def _route(draw: Draw, plan: NctsPlan, day: date) -> tuple[str, ...]:
    if plan.route is not None:
        return plan.route
    needs = plan.needs
    pool = [c for c in plan.pool if ctc(c, day) and (not needs.eu_only or eu(c, day))]
    departure = draw(st.sampled_from(pool))
    destination = draw(st.sampled_from([c for c in pool if c != departure]))
    others = [c for c in pool if c not in (departure, destination)]
    most = min(2, len(others))
    between = (
        draw(
            st.lists(
                st.sampled_from(others),
                min_size=min(needs.between, most),
                max_size=most,
                unique=True,
            )
        )
        if others
        else []
    )
    return (departure, *between, destination)


def _stamp(draw: Draw, day: date) -> str:
    hour, minute, second = (
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 59)),
    )
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}"


def office(draw: Draw, country: str) -> str:
    """A customs office reference number in the country (``CC`` and six characters)."""
    return country + str(draw(st.text(string.digits, min_size=6, max_size=6)))


def _operation(draw: Draw, kind: str, day: date, needs: NctsNeeds) -> Tree:
    """The transit operation of a message of type ``kind`` dated ``day``, its flags as
    ``needs`` asks: a TIR message gives its carnet number and never uses the reduced
    data set (R0849)."""
    wanted = dict(needs.flags)

    def flag(name: str, values: tuple[str, ...]) -> str:
        return str(draw(st.sampled_from(wanted.get(name, values))))

    operation: Tree = {
        "LRN": draw(st.text(ALNUM, min_size=8, max_size=22)),
        "declarationType": kind,
        "additionalDeclarationType": flag("additionalDeclarationType", ("A", "A", "D")),
        "TIRCarnetNumber": carnet_number(draw) if kind == "TIR" else None,
        "security": flag("security", ("0", "0", "1", "2", "3")),
        "reducedDatasetIndicator": "0"
        if kind == "TIR"
        else flag("reducedDatasetIndicator", ("0", "1")),
        "bindingItinerary": flag("bindingItinerary", ("0", "1")),
    }
    if draw(st.booleans()):
        operation["presentationOfTheGoodsDateAndTime"] = _stamp(draw, day)
    return operation


def _limit_date(draw: Draw, operation: Tree, day: date, authorised: set[str]) -> None:
    """C0839: a limit date only with authorisation C521, and then always on a standard
    declaration (A); a day later at least, as the message's date is judged in the
    declaring country's time zone, up to a day after its UTC date."""
    if "C521" not in authorised:
        return
    if operation["additionalDeclarationType"] == "A" or draw(st.booleans()):
        operation["limitDate"] = (day + timedelta(days=draw(st.integers(1, 30)))).isoformat()


def _authorisations(draw: Draw, operation: Tree, departure: str) -> list[Tree]:
    """Now and then a C521 or C523 authorisation; C524 exactly with the reduced data set
    (R0859, C0101, R0350)."""
    codes = []
    if draw(st.integers(0, 2)) == 0:
        codes.append(draw(st.sampled_from(("C521", "C523"))))
    if operation["reducedDatasetIndicator"] == "1":
        codes.append("C524")
    return [
        {
            "sequenceNumber": str(n),
            "type": code,
            "referenceNumber": f"{departure}AUT{draw(digits(9))}",
        }
        for n, code in enumerate(codes, start=1)
    ]


def carnet_number(draw: Draw) -> str:
    """A TIR carnet number of the current form (R0990; ``TIRcarnetNumber`` of the
    schema): two letters, one of them X, and a number from 25,000,000."""
    letter = draw(st.sampled_from(string.ascii_uppercase))
    prefix = draw(st.sampled_from((f"X{letter}", f"{letter}X")))
    series = draw(st.integers(25, 999))
    return f"{prefix}{series}{draw(digits(6))}"


def tir_holder(draw: Draw, country: str) -> str:
    """A TIR holder identification number in the harmonised ``AAA/BBB/N`` form."""
    alpha3 = ALPHA3.get(country, country + "X")
    return f"{alpha3}/{draw(digits(3))}/{draw(st.integers(1, 9_999_999))}"


def _offices_of_transit(
    draw: Draw, kind: str, route: tuple[str, ...], day: date, security: str
) -> list[Tree]:
    """One office in each country the goods enter, in route order; none for TIR, and none
    on request where condition C0030 leaves them optional. With entry security data (1,
    3) each gives its estimated arrival (C0598)."""
    if kind == "TIR":
        return []
    needed = kind in ("T2", "T") or any(not eu(c, day) for c in route)
    if not needed and not draw(st.booleans()):
        return []
    offices: list[Tree] = []
    for n, country in enumerate(route[1:], start=1):
        one: Tree = {"sequenceNumber": str(n), "referenceNumber": office(draw, country)}
        if security in ("1", "3") or draw(st.booleans()):
            one["arrivalDateAndTimeEstimated"] = _stamp(draw, day + timedelta(days=n))
        offices.append(one)
    return offices


def _exit_offices(
    draw: Draw, transit: list[Tree], route: tuple[str, ...], security: str
) -> list[Tree]:
    """Now and then an office of exit for transit in a country before the destination;
    only where offices of transit are declared, which condition C0030 then requires, and
    with exit security data (2, 3: C0587); never an office of transit (R0103)."""
    if not transit or security not in ("2", "3") or draw(st.integers(0, 3)) != 0:
        return []
    country = draw(st.sampled_from(route[:-1]))
    reference = office(draw, country)
    taken = {o["referenceNumber"] for o in transit}
    while reference in taken:
        reference = f"{country}{(int(reference[2:]) + 1) % 1_000_000:06d}"
    return [{"sequenceNumber": "1", "referenceNumber": reference}]


# --- parties ---------------------------------------------------------------------------------


def address(draw: Draw, country: str) -> Tree:
    """An address in the country."""
    """An address in the country, with a postcode: every country drawn has postcodes
    (C0505, CL505)."""
    return {
        "streetAndNumber": draw(words(70)),
        "postcode": draw(st.integers(4, 9).flatmap(digits)),
        "city": draw(words(35)),
        "country": country,
    }


def contact(draw: Draw) -> Tree:
    person: Tree = {"name": draw(words(70)), "phoneNumber": "+" + draw(digits(11))}
    if draw(st.booleans()):
        person["eMailAddress"] = draw(st.text(string.ascii_lowercase, min_size=2, max_size=12)) + (
            "@example.com"
        )
    return person


def identifier(draw: Draw, active: Sequence[RuleRef], country: str, role: str) -> str:
    """An identification number of a party registered in the country, which its
    identifier rules accept, with the country's code before it as an EORI has, or not."""
    number = party_id(draw, active, country, role)
    if len(number) <= 15 and draw(st.booleans()):
        return country + number
    return number


def trader(draw: Draw, active: Sequence[RuleRef], country: str, role: str) -> Tree:
    """A consignor or consignee: an identifier, a name and address, or both."""
    shape = draw(st.sampled_from(("id", "both", "both", "named")))
    found: Tree = {}
    if shape != "named":
        found["identificationNumber"] = identifier(draw, active, country, role)
    if shape != "id":
        found["name"] = draw(words(70))
        found["Address"] = address(draw, country)
    return found


def _holder(draw: Draw, active: Sequence[RuleRef], kind: str, country: str) -> Tree:
    holder = trader(draw, active, country, "declarant")
    if kind == "TIR":
        holder["TIRHolderIdentificationNumber"] = tir_holder(draw, country)
    if draw(st.booleans()):
        holder["ContactPerson"] = contact(draw)
    return holder


def _representative(draw: Draw) -> Tree | None:
    if not draw(st.booleans()):
        return None
    found: Tree = {
        "identificationNumber": draw(st.text(ALNUM, min_size=8, max_size=17)),
        "status": "2",
    }
    if draw(st.booleans()):
        found["ContactPerson"] = contact(draw)
    return found


# --- guarantees ------------------------------------------------------------------------------


def grn(draw: Draw, country: str, day: date) -> str:
    """A guarantee reference number: year, country, 12 characters and the check digit."""
    body = f"{day.year % 100:02d}{country}{draw(st.text(ALNUM, min_size=12, max_size=12))}"
    return body + grn_check_character(body)


def currency_of(country: str) -> str:
    return NATIONAL_CURRENCIES.get(country, "EUR")


def guarantee_reference(draw: Draw, n: int, country: str, day: date) -> Tree:
    """A guarantee reference with a GRN, access code, amount and currency (the amount and
    currency Phase 6 requires)."""
    amount = draw(st.decimals(Decimal("100.00"), Decimal("500000.00"), places=2))
    return {
        "sequenceNumber": str(n),
        "GRN": grn(draw, country, day),
        "accessCode": draw(st.text(ALNUM, min_size=4, max_size=4)),
        "amountToBeCovered": str(amount),
        "currency": draw(st.sampled_from(("EUR", currency_of(country)))),
    }


def _guarantees(draw: Draw, kind: str, departure: str, day: date) -> list[Tree]:
    if kind == "TIR":
        return [{"sequenceNumber": "1", "guaranteeType": TIR_GUARANTEE}]
    types = [t for t in GRN_TYPES if not (eu(departure, day) and t in NOT_FROM_EU)]
    chosen = [draw(st.sampled_from(types))]
    if draw(st.integers(0, 3)) == 0:
        chosen.append(draw(st.sampled_from((*types, OTHER_REFERENCE_TYPE))))
    out: list[Tree] = []
    for n, code in enumerate(chosen, start=1):
        guarantee: Tree = {"sequenceNumber": str(n), "guaranteeType": code}
        if code == OTHER_REFERENCE_TYPE:  # C0130: types 3 and 8 only
            guarantee["otherGuaranteeReference"] = f"{departure}-GUA-{draw(digits(8))}"
        if code != OTHER_REFERENCE_TYPE:
            count = draw(st.integers(1, 2))
            guarantee["GuaranteeReference"] = [
                guarantee_reference(draw, m, departure, day) for m in range(1, count + 1)
            ]
        out.append(guarantee)
    return out


# --- the header of the message ---------------------------------------------------------------


def draw_header(draw: Draw, plan: NctsPlan) -> Drawn:
    """A message with everything but the consignment: header, transit operation,
    authorisations, offices, holder, representative and guarantees."""
    day = draw(st.dates(earliest_day(), today_utc() - timedelta(days=1)))
    route = _route(draw, plan, day)
    if plan.needs.types:
        kinds = [k for k in plan.types if k in plan.needs.types]
    else:
        kinds = list(plan.types)
    kind = draw(st.sampled_from(kinds))
    phase = draw(st.sampled_from(plan.phases))
    active = list(iter_rules(plan.rules, dict.fromkeys(route)))
    departure = route[0]
    operation = _operation(draw, kind, day, plan.needs)
    security = operation["security"]
    authorisations = _authorisations(draw, operation, departure)
    _limit_date(draw, operation, day, {a["type"] for a in authorisations})
    transit = _offices_of_transit(draw, kind, route, day, security)
    tree: Tree = {
        "messageSender": draw(st.text(ALNUM, min_size=5, max_size=20)),
        "messageRecipient": f"NTA.{departure}",
        "preparationDateAndTime": _stamp(draw, day),
        "messageIdentification": draw(st.text(ALNUM, min_size=8, max_size=35)),
        "messageType": "CC015C",
        "TransitOperation": operation,
        "Authorisation": authorisations,
        "CustomsOfficeOfDeparture": {"referenceNumber": office(draw, departure)},
        "CustomsOfficeOfDestinationDeclared": {"referenceNumber": office(draw, route[-1])},
        "CustomsOfficeOfTransitDeclared": transit,
        "CustomsOfficeOfExitForTransitDeclared": _exit_offices(draw, transit, route, security),
        "HolderOfTheTransitProcedure": _holder(draw, active, kind, departure),
        "Representative": _representative(draw),
        "Guarantee": _guarantees(draw, kind, departure, day),
    }
    if draw(st.booleans()):
        tree["correlationIdentifier"] = draw(st.text(ALNUM, min_size=8, max_size=35))
    return Drawn(tree, phase, kind, route, day, active)
