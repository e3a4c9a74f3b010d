"""Drawing the consignment of a valid CC015C: house consignments, goods items, parties,
transport equipment and seals, means of transport, the route, documents.

Codes come from the bundled NCTS code lists (:mod:`single_window.codelists`, lists
``ncts:CLnnn``): a pool below is checked against its list when first used, and commodity
codes are the HS subheadings both the NCTS list CL152 and the HS edition in force on
the message's date have. Masses add up: each house consignment's gross mass is the sum
of its goods items', the consignment's the sum of its house consignments'.
"""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal
from functools import cache

from hypothesis import reject
from hypothesis import strategies as st
from stdnum import iso6346

from single_window import codelists
from single_window.testing._draws import ALNUM, digits, words
from single_window.testing._ncts_build import Drawn, NctsPlan, contact, office, trader
from single_window.testing._ncts_tree import Tree
from single_window.testing._options import Draw

__all__ = ["draw_consignment", "pool"]

#: Code pools, each a subset of its NCTS code list (checked by :func:`pool`).
POOLS: dict[str, tuple[str, ...]] = {
    "CL017": ("BX", "CT", "PK", "PL", "BG", "CS", "CR", "BA", "DR", "SA"),
    "CL116": ("A", "B", "C", "D", "H", "Y", "Z"),
    "CL213": ("N380", "N325", "N002", "N003"),
    "CL214": ("N337", "N355", "N380", "N271", "N325"),
    "CL228": ("N830",),
    "CL239": ("00200", "20300"),
    "CL347": ("A", "B", "C"),
    "CL704": ("CS", "FW", "MF", "WH"),
    "CL380": ("Y023", "Y024", "Y028"),
    "CL101": ("1202", "1203", "1993", "3082"),
}
#: By mode of transport (CL218): the transport documents (CL754) and the types of
#: identification of the means at departure (CL750) and crossing the border (CL219).
MODES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "1": (("N705", "N704"), ("10", "11"), ("10", "11")),
    "2": (("N720", "N722"), ("20", "21"), ("21",)),
    "3": (("N730",), ("30", "31"), ("30",)),
    "4": (("N740", "N741"), ("40", "41"), ("40", "41")),
}
#: Previous documents that prove the goods' Union status (NCTS code list CL178).
UNION_STATUS: tuple[str, ...] = ("N825", "N822", "C612", "C620")
#: The rail consignment notes (CIM, SMGS) a movement by rail quotes.
RAIL_NOTES: tuple[str, ...] = ("N720", "N722")


@cache
def pool(number: str) -> tuple[str, ...]:
    """The pool of codes of an NCTS code list, each one checked to be in the list."""
    codes = POOLS[number]
    missing = [c for c in codes if not codelists.contains(f"ncts:{number}", c)]
    if missing:
        raise ValueError(f"ncts:{number} has no code {missing[0]!r}")
    return codes


@cache
def _subheadings() -> tuple[str, ...]:
    edition = codelists.edition("ncts:CL152")
    found = edition.codes if edition is not None else frozenset()
    return tuple(sorted(c for c in found if len(c) == 6 and c.isdigit()))


def commodity_code(draw: Draw, day: date, country: str) -> str:
    """An HS subheading CL152 has that is in every HS edition the tariff of the country
    (the office of departure's, which judges the codes) may apply on the day: both
    editions where the country's edition is not confirmed."""
    editions = codelists.tariff_edition(country, day).editions or (codelists.edition("hs", day),)

    def everywhere(code: str) -> bool:
        return all(e is not None and code in e.codes for e in editions)

    return str(draw(st.sampled_from(_subheadings()).filter(everywhere)))


def _mass(draw: Draw) -> Decimal:
    mass: Decimal = draw(st.decimals(Decimal("0.500"), Decimal("5000.000"), places=3))
    return mass


def _documents(draw: Draw, number: str, most: int) -> list[Tree]:
    count = draw(st.integers(0, most))
    return [
        {
            "sequenceNumber": str(n),
            "type": draw(st.sampled_from(pool(number))),
            "referenceNumber": draw(st.text(ALNUM, min_size=6, max_size=20)),
        }
        for n in range(1, count + 1)
    ]


def _information(draw: Draw) -> list[Tree]:
    if draw(st.integers(0, 3)) != 0:
        return []
    return [
        {
            "sequenceNumber": "1",
            "code": draw(st.sampled_from(pool("CL239"))),
            "text": draw(words(200)),
        }
    ]


def _actors(draw: Draw, d: Drawn) -> list[Tree]:
    if draw(st.integers(0, 3)) != 0:
        return []
    return [
        {
            "sequenceNumber": "1",
            "role": draw(st.sampled_from(pool("CL704"))),
            "identificationNumber": eori(draw, draw(st.sampled_from(d.route))),
        }
    ]


def _charges(draw: Draw) -> Tree | None:
    if not draw(st.booleans()):
        return None
    return {"methodOfPayment": draw(st.sampled_from(pool("CL116")))}


# --- goods items -----------------------------------------------------------------------------


def _item(draw: Draw, d: Drawn, number: int, in_house: int, how: Tree) -> Tree:
    """Goods item ``number``: ``how`` says whether it has a commodity code (``coded``),
    a net mass (``net``: ``required``, ``none`` or ``optional``, C0837) and its own UCR
    (``ucr``)."""
    gross = _mass(draw)
    measure: Tree = {"grossMass": str(gross)}
    if how["net"] == "required" or (how["net"] == "optional" and draw(st.booleans())):
        measure["netMass"] = str(draw(st.decimals(Decimal("0.100"), gross, places=3)))
    if draw(st.integers(0, 3)) == 0:
        measure["supplementaryUnits"] = str(draw(st.integers(1, 10_000)))
    commodity: Tree = {"descriptionOfGoods": draw(words(512))}
    if how["coded"]:
        commodity["CommodityCode"] = {
            "harmonizedSystemSubHeadingCode": commodity_code(draw, d.day, d.departure)
        }
    if draw(st.integers(0, 7)) == 0:
        commodity["DangerousGoods"] = [
            {"sequenceNumber": "1", "UNNumber": draw(st.sampled_from(pool("CL101")))}
        ]
    commodity["GoodsMeasure"] = measure
    packages = draw(st.integers(1, 2))
    item: Tree = {
        "goodsItemNumber": str(in_house),
        "declarationGoodsItemNumber": str(number),
        "Commodity": commodity,
        "Packaging": [
            {
                "sequenceNumber": str(n),
                "typeOfPackages": draw(st.sampled_from(pool("CL017"))),
                "numberOfPackages": str(draw(st.integers(1, 500))),
                "shippingMarks": draw(words(60)),
            }
            for n in range(1, packages + 1)
        ],
        "PreviousDocument": _documents(draw, "CL214", 1),
        "SupportingDocument": _documents(draw, "CL213", 1),
        "AdditionalReference": _documents(draw, "CL380", 1),
        "AdditionalSupplyChainActor": _actors(draw, d),
    }
    if d.kind == "T":
        item["declarationType"] = draw(st.sampled_from(("T1", "T2", "T2F")))
    if how["ucr"]:
        item["referenceNumberUCR"] = ucr(draw, f"I{number}")
    return item


def ucr(draw: Draw, tag: str) -> str:
    """A unique consignment reference ending in ``tag``, so that no two levels or nodes
    repeat one (R0506, R0507)."""
    return str(draw(st.text(ALNUM, min_size=4, max_size=30))) + tag


def eori(draw: Draw, country: str) -> str:
    """An EORI number of the country's form (the schema's ``[A-Z]{2}[!-~]{1,15}``)."""
    return country + str(draw(st.text(ALNUM, min_size=6, max_size=15)))


def _house(draw: Draw, d: Drawn, plan: NctsPlan, n: int, first_item: int, how: Tree) -> Tree:
    """House consignment ``n``: its goods items (numbered from ``first_item``); ``how``
    says whether it has its own consignor and consignee (``parties``), its own countries
    (``ends``), and whether a house consignment may quote an export declaration
    (``exports``)."""
    export = how["exports"] and draw(st.integers(0, 2)) == 0
    previous = _documents(draw, "CL214", 1)
    if export:
        previous.append(
            {
                "sequenceNumber": str(len(previous) + 1),
                "type": pool("CL228")[0],
                "referenceNumber": draw(st.text(ALNUM, min_size=18, max_size=18)),
            }
        )
    # C0153: a TIR goods item may go without a commodity code unless the house
    # consignment's previous document is an export declaration (N830); the rule
    # TRANSIT-TIR-COMMODITY-CODE asks for codes on every item once any house consignment
    # quotes one, so codes are optional only when none may
    optional_code = d.kind == "TIR" and not how["exports"]
    reduced = d.tree["TransitOperation"]["reducedDatasetIndicator"] == "1"
    net = "required" if export else "none" if reduced else "optional"
    count = draw(st.integers(*plan.items))
    items = [
        _item(
            draw,
            d,
            first_item + k,
            k + 1,
            {
                "coded": not optional_code or draw(st.booleans()),
                "net": net,
                "ucr": how["ucr"] == "item",
            },
        )
        for k in range(count)
    ]
    house: Tree = {
        "sequenceNumber": str(n),
        "grossMass": str(sum(Decimal(i["Commodity"]["GoodsMeasure"]["grossMass"]) for i in items)),
        "PreviousDocument": previous,
        "SupportingDocument": _documents(draw, "CL213", 1),
        "AdditionalInformation": _information(draw),
        "AdditionalSupplyChainActor": _actors(draw, d),
        "TransportCharges": _charges(draw) if how["charges"] == "house" else None,
        "ConsignmentItem": items,
    }
    if how["ends"]:
        house["countryOfDispatch"] = d.departure
        house["countryOfDestination"] = d.destination
    if how["parties"]:
        if how["consignor"]:
            house["Consignor"] = trader(draw, d.active, d.departure, "consignor")
        house["Consignee"] = trader(draw, d.active, d.destination, "consignee")
    if how["ucr"] == "house":
        house["referenceNumberUCR"] = ucr(draw, f"H{n}")
    return house


# --- transport -------------------------------------------------------------------------------


def _container(draw: Draw) -> str:
    owner: str = draw(st.text(string.ascii_uppercase, min_size=3, max_size=3)) + "U"
    body: str = owner + draw(digits(6))

    return body + str(iso6346.calc_check_digit(body))


def _equipment(draw: Draw, d: Drawn, containers: bool, items: int) -> list[Tree]:
    """Transport equipment, each sealed (a TIR load always is); seal identifiers unique.
    Containers come in one piece at least (C0823); each piece names the goods items it
    holds, unless it is the only one and has a container number (C0670)."""
    count = draw(st.integers(1 if d.kind == "TIR" or containers else 0, 2))
    seals = draw(
        st.lists(
            st.text(ALNUM, min_size=4, max_size=20),
            min_size=count * 2,
            max_size=count * 2,
            unique=True,
        )
    )
    out: list[Tree] = []
    for n in range(1, count + 1):
        own = seals[2 * n - 2 : 2 * n - 1 + draw(st.integers(0, 1))]
        equipment: Tree = {
            "sequenceNumber": str(n),
            "numberOfSeals": str(len(own)),
            "Seal": [{"sequenceNumber": str(k), "identifier": s} for k, s in enumerate(own, 1)],
        }
        if containers:
            equipment["containerIdentificationNumber"] = _container(draw)
        if not (containers and count == 1) or draw(st.booleans()):
            equipment["GoodsReference"] = [
                {
                    "sequenceNumber": "1",
                    "declarationGoodsItemNumber": str(draw(st.integers(1, items))),
                }
            ]
        out.append(equipment)
    return out


#: The types of identification of the departure means by road, in order: a road vehicle,
#: then up to two trailers (R0474, R0476, R0855).
ROAD_MEANS: tuple[str, ...] = ("30", "31", "31")


def _departure_means(draw: Draw, d: Drawn, mode: str) -> list[Tree]:
    """Departure means of the mode: up to three by road, two by rail, else one (R0855)."""
    _, departure_types, _ = MODES[mode]
    most = {"3": 3, "2": 2}.get(mode, 1)
    return [
        {
            "sequenceNumber": str(n),
            "typeOfIdentification": ROAD_MEANS[n - 1]
            if mode == "3"
            else draw(st.sampled_from(departure_types)),
            "identificationNumber": draw(st.text(ALNUM, min_size=4, max_size=35)),
            "nationality": draw(st.sampled_from(d.route)),
        }
        for n in range(1, draw(st.integers(0, most)) + 1)
    ]


def flight(draw: Draw) -> str:
    """A flight number: an airline prefix and one to four digits (R0315)."""
    prefix: str = draw(st.text(ALNUM, min_size=2, max_size=2))
    number: str = draw(st.integers(1, 4).flatmap(digits))
    return prefix + number


def _means(draw: Draw, d: Drawn, mode: str) -> tuple[list[Tree], list[Tree]]:
    """Departure means and active border means of the mode (Phase 6 requires all their
    identification, so it is always given). A standard declaration with security data
    gives a border means (C0806), by air with its flight number (C0531)."""
    _, _, border_types = MODES[mode]
    operation = d.tree["TransitOperation"]
    secured = operation["security"] != "0"
    border: list[Tree] = []
    if (secured and operation["additionalDeclarationType"] == "A") or draw(st.booleans()):
        means: Tree = {
            "sequenceNumber": "1",
            "customsOfficeAtBorderReferenceNumber": office(draw, d.route[1]),
            "typeOfIdentification": draw(st.sampled_from(border_types)),
            "identificationNumber": draw(st.text(ALNUM, min_size=4, max_size=35)),
            "nationality": draw(st.sampled_from(d.route)),
        }
        if mode == "4" and (secured or draw(st.booleans())):
            means["conveyanceReferenceNumber"] = flight(draw)
        elif mode != "4" and draw(st.booleans()):
            means["conveyanceReferenceNumber"] = draw(st.text(ALNUM, min_size=4, max_size=17))
        border.append(means)
    return _departure_means(draw, d, mode), border


def _place(draw: Draw, country: str, need: str) -> Tree | None:
    """A place of loading or unloading: ``need`` is ``required``, ``none`` or
    ``optional``."""
    if need == "none" or (need == "optional" and not draw(st.booleans())):
        return None
    return {"country": country, "location": draw(words(35))}


def _routing(draw: Draw, d: Drawn, plan: NctsPlan) -> list[Tree]:
    """Countries of routing, in route order: always for TIR, where no office of transit
    states the route, and with a binding itinerary or security data (C0586); else
    drawn."""
    operation = d.tree["TransitOperation"]
    stated = bool(d.tree.get("CustomsOfficeOfTransitDeclared"))
    needed = operation["bindingItinerary"] == "1" or operation["security"] != "0"
    if (
        stated
        and d.kind != "TIR"
        and not needed
        and not plan.needs.routing
        and not draw(st.booleans())
    ):
        return []
    return [{"sequenceNumber": str(n), "country": c} for n, c in enumerate(d.route, 1)]


def _transport(draw: Draw, d: Drawn, plan: NctsPlan, consignment: Tree, items: int) -> None:
    """Mode, equipment, location of goods, means, routing, places, transport documents;
    the mode and whether a transport document is given are decided already."""
    mode = consignment["modeOfTransportAtTheBorder"]
    if draw(st.booleans()):
        consignment["inlandModeOfTransport"] = mode
    containers = draw(st.booleans())
    consignment["containerIndicator"] = "1" if containers else "0"
    consignment["TransportEquipment"] = _equipment(draw, d, containers, items)
    operation = d.tree["TransitOperation"]
    standard = operation["additionalDeclarationType"] == "A"
    # C0710: the location of goods is required outside the security agreement area
    outside = not codelists.contains("ncts:CL147", d.departure, d.day)
    if (standard and outside) or draw(st.integers(0, 3)) != 0:
        departure = d.tree["CustomsOfficeOfDeparture"]["referenceNumber"]
        consignment["LocationOfGoods"] = {
            "typeOfLocation": draw(st.sampled_from(pool("CL347"))),
            "qualifierOfIdentification": "V",
            "CustomsOffice": {"referenceNumber": departure},
        }
    departure_means, border = _means(draw, d, mode)
    consignment["DepartureTransportMeans"] = departure_means
    consignment["ActiveBorderTransportMeans"] = border
    consignment["CountryOfRoutingOfConsignment"] = _routing(draw, d, plan)
    # C0403: a place of loading but on a pre-lodged declaration; C0191: a place of
    # unloading with entry security data (1, 3), none without security data
    security = operation["security"]
    unloading = {"0": "none", "1": "required", "3": "required"}.get(security, "optional")
    consignment["PlaceOfLoading"] = _place(
        draw, d.departure, "required" if standard else "optional"
    )
    consignment["PlaceOfUnloading"] = _place(draw, d.destination, unloading)


def _how(draw: Draw, d: Drawn, houses: int, documented: bool) -> Tree:
    """What the consignment's levels give: parties at house level (``parties``; no
    consignor without security data and with the reduced data set, C0542), countries at
    house level (one house only: two giving the same are R0506), the UCR's level (one:
    C0502; none only with a transport document), the transport charges' level (one:
    C0337; none without security data, C0186)."""
    operation = d.tree["TransitOperation"]
    secured = operation["security"] != "0"
    levels = ("consignment", "house", "item", *(("none",) if documented else ()))
    return {
        "parties": draw(st.booleans()),
        "consignor": secured or operation["reducedDatasetIndicator"] == "0",
        "ends": houses == 1 and draw(st.booleans()),
        "exports": draw(st.booleans()),
        "ucr": draw(st.sampled_from(levels)),
        "charges": draw(st.sampled_from(("consignment", "house", "none"))) if secured else "none",
    }


def _distinct_parties(houses: list[Tree]) -> None:
    """Reject house consignments that all give the same consignor or consignee (R0506:
    it belongs on the consignment then)."""
    if len(houses) < 2:
        return
    for role in ("Consignor", "Consignee"):
        found = [h.get(role) for h in houses]
        if all(f is not None and f == found[0] for f in found):
            reject()


def _union_status(draw: Draw, d: Drawn, houses: list[Tree]) -> list[Tree]:
    """A previous document proving Union status (CL178) for T2 or T2F goods leaving a
    common transit country outside the EU (R0020, C0035); a type T declaration's items
    of one type only are given two (R0507)."""
    items = [i for h in houses for i in h["ConsignmentItem"]]
    if d.kind == "T" and len(items) > 1 and len({i["declarationType"] for i in items}) == 1:
        last = items[-1]
        last["declarationType"] = "T1" if last["declarationType"] != "T1" else "T2"
    kinds = {d.kind} | {i.get("declarationType") for i in items}
    if not kinds & {"T2", "T2F"} or not codelists.contains("ncts:CL112", d.departure, d.day):
        return []
    return [
        {
            "sequenceNumber": "1",
            "type": draw(st.sampled_from(UNION_STATUS)),
            "referenceNumber": draw(st.text(ALNUM, min_size=6, max_size=20)),
        }
    ]


def draw_consignment(draw: Draw, d: Drawn, plan: NctsPlan) -> None:
    """Add the consignment to the drawn message."""
    modes = ("2",) if plan.needs.rail else plan.needs.modes or ("3", "3", "1", "2", "4")
    mode = draw(st.sampled_from(modes))
    documented = mode == "2" or draw(st.booleans())
    count = draw(st.integers(*plan.houses))
    how = _how(draw, d, count, documented)
    houses: list[Tree] = []
    number = 1
    for n in range(1, count + 1):
        house = _house(draw, d, plan, n, number, how)
        number += len(house["ConsignmentItem"])
        houses.append(house)
    _distinct_parties(houses)
    status = _union_status(draw, d, houses)
    consignment: Tree = {
        "modeOfTransportAtTheBorder": mode,
        "grossMass": str(sum(Decimal(h["grossMass"]) for h in houses)),
        "PreviousDocument": status or _documents(draw, "CL214", 1),
        "SupportingDocument": _documents(draw, "CL213", 2),
        "AdditionalReference": _documents(draw, "CL380", 1),
        "AdditionalInformation": _information(draw),
        "AdditionalSupplyChainActor": _actors(draw, d),
        "TransportCharges": _charges(draw) if how["charges"] == "consignment" else None,
        "HouseConsignment": houses,
    }
    if not how["ends"]:
        consignment["countryOfDispatch"] = d.departure
        consignment["countryOfDestination"] = d.destination
    if not how["parties"]:
        if how["consignor"]:
            consignment["Consignor"] = trader(draw, d.active, d.departure, "consignor")
        consignment["Consignee"] = trader(draw, d.active, d.destination, "consignee")
    if draw(st.integers(0, 2)) == 0:
        carrier: Tree = {"identificationNumber": eori(draw, draw(st.sampled_from(d.route)))}
        if draw(st.booleans()):
            carrier["ContactPerson"] = contact(draw)
        consignment["Carrier"] = carrier
    if how["ucr"] == "consignment":
        consignment["referenceNumberUCR"] = ucr(draw, "C")
    if documented:
        documents, _, _ = MODES[mode]
        consignment["TransportDocument"] = [
            {
                "sequenceNumber": "1",
                "type": draw(st.sampled_from(documents)),
                "referenceNumber": draw(st.text(ALNUM, min_size=6, max_size=20)),
            }
        ]
    _transport(draw, d, plan, consignment, number - 1)
    d.tree["Consignment"] = consignment
