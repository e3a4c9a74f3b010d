"""How to break each rule on a CC015C: one entry per rule id, in :data:`NCTS_VIOLATORS`.

An entry says what the valid message must have for the rule to apply
(:class:`~single_window.testing._ncts_build.NctsNeeds`: declaration types, a route inside
the EU, rail, countries of routing) and edits the drawn message so that the rule reports
it. Register one more with :func:`ncts_violator`; :func:`ncts_violating` draws from the
entries. Each entry names the DDNTA rule or condition it breaks where there is one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from hypothesis import reject
from hypothesis import strategies as st

from single_window import codelists
from single_window.rules._context import TIR_GUARANTEE
from single_window.rules._regimes import in_regime
from single_window.testing._draws import digits
from single_window.testing._ncts_build import (
    Drawn,
    NctsNeeds,
    ctc,
    office,
)
from single_window.testing._ncts_goods import pool
from single_window.testing._ncts_tree import Tree, walk
from single_window.testing._options import Draw, today_utc

__all__ = ["NCTS_VIOLATORS", "NctsViolator", "ncts_violator"]

#: The declaration types other than TIR.
T_TYPES: tuple[str, ...] = ("T1", "T2", "T2F", "T")

Breaker = Callable[[Draw, Drawn], None]


@dataclass(frozen=True)
class NctsViolator:
    """How to break one rule on a CC015C: what the message needs, and the edit."""

    rule: str
    needs: NctsNeeds
    breaks: Breaker


#: How to break each rule on a CC015C, by rule id (see :func:`ncts_violator`).
NCTS_VIOLATORS: dict[str, NctsViolator] = {}


def ncts_violator(
    rule: str,
    *,
    types: tuple[str, ...] = (),
    eu_only: bool = False,
    rail: bool = False,
    routing: bool = False,
    flags: tuple[tuple[str, tuple[str, ...]], ...] = (),
    modes: tuple[str, ...] = (),
) -> Callable[[Breaker], Breaker]:
    """Register how to break the rule ``rule`` on a CC015C (a decorator).

    The function gets the hypothesis ``draw`` and the drawn message
    (``Drawn.tree``, nested dicts keyed by element name) and edits the message in place.
    The keywords say what the valid message it starts from must have (see
    :class:`NctsNeeds`): ``flags`` the values of the transit operation's flags
    (``(("security", ("0",)),)``), ``modes`` the modes of transport at the border.

    Example:
        >>> from single_window.testing import ncts_violator
        >>> @ncts_violator("MY-NO-UCR", types=("T1",))  # doctest: +SKIP
        ... def _(draw, drawn):
        ...     drawn.tree["Consignment"].pop("referenceNumberUCR", None)
    """

    def register(func: Breaker) -> Breaker:
        needs = NctsNeeds(
            types=types, eu_only=eu_only, rail=rail, routing=routing, flags=flags, modes=modes
        )
        NCTS_VIOLATORS[rule] = NctsViolator(rule, needs, func)
        return func

    return register


def _items(d: Drawn) -> list[Tree]:
    return walk(d.tree, "Consignment", "HouseConsignment", "ConsignmentItem")


def _renumber(elements: list[Tree]) -> None:
    for n, element in enumerate(elements, start=1):
        element["sequenceNumber"] = str(n)


# --- guarantees ------------------------------------------------------------------------------


@ncts_violator("TRANSIT-GUARANTEE-TYPE", types=T_TYPES)
def _tir_guarantee_on_t(draw: Draw, d: Drawn) -> None:
    """A T message guaranteed by a TIR carnet's guarantee (type B)."""
    d.tree["Guarantee"].append({"guaranteeType": TIR_GUARANTEE})
    _renumber(d.tree["Guarantee"])


@ncts_violator("TRANSIT-GRN", types=T_TYPES)
def _no_grn(draw: Draw, d: Drawn) -> None:
    """A guarantee of a type that needs a GRN (CL076) gives none."""
    references = walk(d.tree, "Guarantee", "GuaranteeReference")
    if not references:
        reject()
    del draw(st.sampled_from(references))["GRN"]


@ncts_violator("TRANSIT-GRN-CHECK", types=T_TYPES)
def _grn_check_digit(draw: Draw, d: Drawn) -> None:
    """A GRN whose 17th character is not the check digit of the first 16."""
    references = walk(d.tree, "Guarantee", "GuaranteeReference")
    if not references:
        reject()
    reference = draw(st.sampled_from(references))
    number = reference["GRN"]
    wrong = draw(st.sampled_from([c for c in "0123456789" if c != number[16]]))
    reference["GRN"] = number[:16] + wrong + number[17:]


@ncts_violator("TRANSIT-OTHER-REFERENCE", types=T_TYPES)
def _no_other_reference(draw: Draw, d: Drawn) -> None:
    """A guarantee of type 8 without its other guarantee reference."""
    d.tree["Guarantee"].append({"guaranteeType": "8"})
    _renumber(d.tree["Guarantee"])


# --- TIR -------------------------------------------------------------------------------------


@ncts_violator("TRANSIT-TIR-CARNET", types=("TIR",))
def _carnet(draw: Draw, d: Drawn) -> None:
    """C0411 (no TIR carnet number) or R0990 (a legacy number of under ten characters)."""
    operation = d.tree["TransitOperation"]
    if draw(st.booleans()):
        del operation["TIRCarnetNumber"]
    else:
        operation["TIRCarnetNumber"] = str(draw(st.integers(1, 25_000_000)))


@ncts_violator("TRANSIT-TIR-HOLDER", types=("TIR",))
def _no_holder_id(draw: Draw, d: Drawn) -> None:
    """A TIR message that does not identify the TIR holder."""
    del d.tree["HolderOfTheTransitProcedure"]["TIRHolderIdentificationNumber"]


@ncts_violator("TRANSIT-TIR-HOLDER-ID", types=("TIR",))
def _holder_form(draw: Draw, d: Drawn) -> None:
    """A TIR holder identification number not of the form ``AAA/BBB/N``."""
    holder = d.tree["HolderOfTheTransitProcedure"]
    holder["TIRHolderIdentificationNumber"] = d.departure + draw(digits(9))


@ncts_violator("TRANSIT-TIR-SEALS", types=("TIR",))
def _unsealed_tir(draw: Draw, d: Drawn) -> None:
    """A TIR load without customs seals."""
    d.tree["Consignment"]["TransportEquipment"] = []


@ncts_violator("TRANSIT-TIR-COMMODITY-CODE", types=("TIR",))
def _tir_without_code(draw: Draw, d: Drawn) -> None:
    """C0153: a house consignment quotes an export declaration (N830), one of its goods
    items has no commodity code."""
    house = draw(st.sampled_from(d.tree["Consignment"]["HouseConsignment"]))
    documents = house.setdefault("PreviousDocument", [])
    if not any(doc["type"] in pool("CL228") for doc in documents):
        documents.append({"type": pool("CL228")[0], "referenceNumber": "25TR000000000000A1"})
        _renumber(documents)
    item = draw(st.sampled_from(house["ConsignmentItem"]))
    item["Commodity"].pop("CommodityCode", None)


# --- offices and route -----------------------------------------------------------------------


@ncts_violator("TRANSIT-CTC-COUNTRIES", types=T_TYPES)
def _destination_outside(draw: Draw, d: Drawn) -> None:
    """The office of destination in a country outside the common transit procedure."""
    country = draw(st.sampled_from(("AM", "IR", "CN", "AE")))
    d.tree["CustomsOfficeOfDestinationDeclared"]["referenceNumber"] = office(draw, country)
    for holder in [d.tree["Consignment"], *d.tree["Consignment"]["HouseConsignment"]]:
        if "countryOfDestination" in holder:
            holder["countryOfDestination"] = country


def _offices_needed(d: Drawn) -> bool:
    """Whether condition C0030 asks for offices of transit on the drawn message: a T2, a
    T with T2 goods items, or a route through a common transit country outside the EU
    (the baseline rule's ``t2_types`` are T2 alone)."""
    if d.kind == "T2":
        return True
    if d.kind == "T" and any(i.get("declarationType") == "T2" for i in _items(d)):
        return True
    return any(not in_regime("eu", c, d.day) for c in d.route)


@ncts_violator("TRANSIT-OFFICES-OF-TRANSIT", types=T_TYPES)
def _offices_of_transit(draw: Draw, d: Drawn) -> None:
    """C0030 (none declared where required), R0006 (none in the destination's country
    when that is outside the EU) or R0003 (one declared twice)."""
    offices: list[Tree] = d.tree["CustomsOfficeOfTransitDeclared"]
    ways = ["twice"] if offices else []
    if offices and _offices_needed(d):
        ways.append("none")
    if len(offices) > 1 and in_regime("cl112", d.destination, d.day):
        ways.append("not-in-destination")
    if not ways:
        reject()
    way = draw(st.sampled_from(ways))
    if way == "twice":
        offices.append(dict(draw(st.sampled_from(offices))))
    elif way == "not-in-destination":
        offices[:] = [o for o in offices if not o["referenceNumber"].startswith(d.destination)]
    else:
        offices.clear()
        _state_routing(d)
    _renumber(offices)


def _state_routing(d: Drawn) -> None:
    consignment = d.tree["Consignment"]
    if not consignment.get("CountryOfRoutingOfConsignment"):
        consignment["CountryOfRoutingOfConsignment"] = [
            {"sequenceNumber": str(n), "country": c} for n, c in enumerate(d.route, 1)
        ]


@ncts_violator("TRANSIT-ITINERARY", types=T_TYPES, routing=True)
def _office_off_route(draw: Draw, d: Drawn) -> None:
    """An office of transit in a country the countries of routing do not name."""
    offices: list[Tree] = d.tree["CustomsOfficeOfTransitDeclared"]
    if not offices:
        reject()
    others = [c for c in ("AT", "SK", "SI", "CH", "RS", "PL") if c not in d.route]
    country = draw(st.sampled_from([c for c in others if ctc(c, d.day)]))
    offices.insert(
        draw(st.integers(0, len(offices) - 1)), {"referenceNumber": office(draw, country)}
    )
    _renumber(offices)


@ncts_violator(
    "TRANSIT-ROUTE-STATED",
    types=("T1", "T2F", "TIR"),
    eu_only=True,
    flags=(("security", ("0",)), ("bindingItinerary", ("0",))),
)
def _route_unstated(draw: Draw, d: Drawn) -> None:
    """Neither offices of transit nor countries of routing (C0030 leaving offices of
    transit optional: departure and destination in the EU)."""
    d.tree["CustomsOfficeOfTransitDeclared"] = []
    d.tree["CustomsOfficeOfExitForTransitDeclared"] = []
    d.tree["Consignment"]["CountryOfRoutingOfConsignment"] = []


# --- transport -------------------------------------------------------------------------------


@ncts_violator("TRANSIT-SEALS", types=T_TYPES)
def _seals(draw: Draw, d: Drawn) -> None:
    """A seal identifier used twice, or a vehicle (no container number) without seals."""
    equipment: list[Tree] = d.tree["Consignment"]["TransportEquipment"]
    if not equipment:
        equipment.append({"sequenceNumber": "1", "numberOfSeals": "0"})
        return
    first = equipment[0]
    again = draw(st.sampled_from(walk(d.tree, "Consignment", "TransportEquipment", "Seal")))
    first["Seal"].append({"identifier": again["identifier"]})
    _renumber(first["Seal"])
    first["numberOfSeals"] = str(len(first["Seal"]))


@ncts_violator("TRANSIT-RAIL-DOCUMENT", rail=True)
def _no_rail_note(draw: Draw, d: Drawn) -> None:
    """Goods crossing the border by rail without a CIM or SMGS consignment note."""
    d.tree["Consignment"]["TransportDocument"] = []


@ncts_violator("TRANSIT-POSTAL-BORDER-MEANS")
def _postal_means(draw: Draw, d: Drawn) -> None:
    """Goods crossing the border by post with an identified border means of transport."""
    consignment = d.tree["Consignment"]
    consignment["modeOfTransportAtTheBorder"] = "5"
    consignment.pop("inlandModeOfTransport", None)
    consignment["TransportDocument"] = []
    if not consignment["ActiveBorderTransportMeans"]:
        consignment["ActiveBorderTransportMeans"] = [
            {
                "sequenceNumber": "1",
                "customsOfficeAtBorderReferenceNumber": office(draw, d.route[1]),
                "typeOfIdentification": "30",
                "identificationNumber": "AB" + draw(digits(5)),
                "nationality": d.departure,
            }
        ]


# --- goods items and dates -------------------------------------------------------------------


@ncts_violator("TRANSIT-COMMODITY-CODE", types=T_TYPES)
def _no_commodity_code(draw: Draw, d: Drawn) -> None:
    """A goods item of a T message without a commodity code."""
    draw(st.sampled_from(_items(d)))["Commodity"].pop("CommodityCode")


def _in_no_edition(code: str) -> bool:
    return not any(code in e.codes for e in codelists.get("hs").editions)


#: Six digits that are no subheading of any HS edition, outside the Combined
#: Nomenclature's own chapters 98 and 99 (which an EU member accepts).
_NOT_HS = (
    st.integers(1, 97)
    .flatmap(lambda chapter: digits(4).map(lambda rest: f"{chapter:02d}{rest}"))
    .filter(_in_no_edition)
)


@ncts_violator("WCO-HS-SUBHEADING")
def _unknown_subheading(draw: Draw, d: Drawn) -> None:
    """A commodity code that is no HS subheading."""
    coded = [i for i in _items(d) if "CommodityCode" in i["Commodity"]]
    if not coded:
        reject()
    item = draw(st.sampled_from(coded))
    item["Commodity"]["CommodityCode"]["harmonizedSystemSubHeadingCode"] = draw(_NOT_HS)


@ncts_violator("WCO-NET-MASS")
def _net_above_gross(draw: Draw, d: Drawn) -> None:
    """A goods item whose net mass is above its gross mass."""
    measure = draw(st.sampled_from(_items(d)))["Commodity"]["GoodsMeasure"]
    measure["netMass"] = str(Decimal(measure["grossMass"]) + draw(st.integers(1, 100)))


@ncts_violator("WCO-TOTAL-GROSS-MASS")
def _total_mass(draw: Draw, d: Drawn) -> None:
    """A consignment gross mass other than the sum of the goods items'."""
    consignment = d.tree["Consignment"]
    off = Decimal(draw(st.integers(10, 1000)))
    consignment["grossMass"] = str(Decimal(consignment["grossMass"]) + off)


@ncts_violator("WCO-ITEM-SEQUENCE")
def _item_gap(draw: Draw, d: Drawn) -> None:
    """Declaration goods item numbers that skip a number."""
    items = _items(d)
    last = items[-1]
    last["declarationGoodsItemNumber"] = str(len(items) + draw(st.integers(1, 5)))
    first = items[0]["declarationGoodsItemNumber"]
    for reference in walk(d.tree, "Consignment", "TransportEquipment", "GoodsReference"):
        reference["declarationGoodsItemNumber"] = first


@ncts_violator("TRANSIT-LIMIT-DATE")
def _limit_before(draw: Draw, d: Drawn) -> None:
    """A limit date before the message's date (under authorisation C521, which a limit
    date needs: C0839)."""
    authorisations: list[Tree] = d.tree["Authorisation"]
    if "C521" not in {a["type"] for a in authorisations}:
        authorisations.append({"type": "C521", "referenceNumber": f"{d.departure}AUT000000001"})
        _renumber(authorisations)
    earlier = d.day - timedelta(days=draw(st.integers(1, 30)))
    d.tree["TransitOperation"]["limitDate"] = earlier.isoformat()


@ncts_violator("WCO-DATE-PLAUSIBLE")
def _future(draw: Draw, d: Drawn) -> None:
    """A message prepared more than a day ahead of today."""
    later = today_utc() + timedelta(days=draw(st.integers(3, 60)))
    stamp = d.tree["preparationDateAndTime"]
    d.tree["preparationDateAndTime"] = later.isoformat() + stamp[10:]
    operation = d.tree["TransitOperation"]
    if "limitDate" in operation:
        operation["limitDate"] = (later + timedelta(days=2)).isoformat()
