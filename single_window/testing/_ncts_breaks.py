"""How to break each NCTS rule and condition (``TRANSIT-<DDNTA id>``) on a drawn CC015C:
one row of :data:`BREAKS` per rule, registered in
:data:`~single_window.testing._ncts_violators.NCTS_VIOLATORS`.

A row gives the DDNTA id, the edit and what the valid message it starts from needs (its
declaration types, the transit operation's flags, the mode of transport at the border).
Each edit breaks its rule alone: where the rule's data item is tied to others by other
rules (packages and masses, the levels of a data item), it keeps those. The rules no
edit can break alone are the ones a CC015C cannot break without breaking another
(``C0101``, ``C0035``, ``R0350``), or that govern offices in Andorra and San Marino, which no
drawn route has.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TypedDict

from hypothesis import reject
from hypothesis import strategies as st

from single_window import codelists
from single_window.testing._draws import digits
from single_window.testing._ncts_build import Drawn, office
from single_window.testing._ncts_goods import MODES, flight
from single_window.testing._ncts_tree import Tree, walk
from single_window.testing._ncts_violators import Breaker, ncts_violator
from single_window.testing._options import Draw

__all__ = ["BREAKS"]

T_TYPES = ("T1", "T2", "T2F", "T")
WHOLE = ("T1", "T2", "T2F")
Flags = tuple[tuple[str, tuple[str, ...]], ...]
SECURED: Flags = (("security", ("1", "2", "3")),)
STANDARD: Flags = (("additionalDeclarationType", ("A",)),)
STANDARD_SECURED: Flags = STANDARD + SECURED


class Needs(TypedDict, total=False):
    """What the valid message a row starts from needs (see :func:`ncts_violator`)."""

    types: tuple[str, ...]
    flags: Flags
    modes: tuple[str, ...]


# --- reading and editing the drawn message ---------------------------------------------------


def _pick(draw: Draw, nodes: list[Tree]) -> Tree:
    if not nodes:
        reject()
    found: Tree = draw(st.sampled_from(nodes))
    return found


def _c(d: Drawn) -> Tree:
    consignment: Tree = d.tree["Consignment"]
    return consignment


def _houses(d: Drawn) -> list[Tree]:
    return walk(d.tree, "Consignment", "HouseConsignment")


def _items(d: Drawn) -> list[Tree]:
    return walk(d.tree, "Consignment", "HouseConsignment", "ConsignmentItem")


def _append(holder: Tree, name: str, element: Tree) -> None:
    """Add ``element`` to the repeated element ``name``, numbered after the others."""
    found: list[Tree] = holder.get(name) or []
    found.append(element)
    for n, one in enumerate(found, start=1):
        one["sequenceNumber"] = str(n)
    holder[name] = found


def _exported(house: Tree) -> bool:
    return any(doc["type"] == "N830" for doc in house.get("PreviousDocument") or [])


def _export(house: Tree) -> None:
    """Put the house consignment under an export declaration (N830), its goods items
    giving their net mass as C0837 then asks."""
    if not _exported(house):
        _append(house, "PreviousDocument", {"type": "N830", "referenceNumber": "25TR00000000E1"})
    for item in house["ConsignmentItem"]:
        measure = item["Commodity"]["GoodsMeasure"]
        measure.setdefault("netMass", measure["grossMass"])


def _in(number: str, code: str, d: Drawn) -> bool:
    return codelists.contains(f"ncts:{number}", code, d.day)


def _recount(d: Drawn) -> None:
    """Each house consignment's gross mass the sum of its items', the consignment's the
    sum of theirs (after an edit changed an item's)."""
    for house in _houses(d):
        masses = (
            Decimal(i["Commodity"]["GoodsMeasure"]["grossMass"]) for i in house["ConsignmentItem"]
        )
        house["grossMass"] = str(sum(masses, Decimal(0)))
    _c(d)["grossMass"] = str(sum((Decimal(h["grossMass"]) for h in _houses(d)), Decimal(0)))


def _means(d: Drawn) -> list[Tree]:
    means: list[Tree] = _c(d)["DepartureTransportMeans"]
    return means


def _inland(d: Drawn, count: int) -> list[Tree]:
    """The inland mode made the mode at the border, with ``count`` departure means at
    least (copies of the first, or a new one)."""
    consignment = _c(d)
    mode = consignment["modeOfTransportAtTheBorder"]
    consignment["inlandModeOfTransport"] = mode
    means = _means(d)
    while len(means) < count:
        model = copy.deepcopy(means[0]) if means else None
        if model is None:
            model = {
                "typeOfIdentification": MODES[mode][1][0],
                "identificationNumber": "MEANS1",
                "nationality": d.departure,
            }
        means.append(model)
    for n, one in enumerate(means, start=1):
        one["sequenceNumber"] = str(n)
    return means


def _location(d: Drawn) -> Tree:
    consignment = _c(d)
    if not consignment.get("LocationOfGoods"):
        consignment["LocationOfGoods"] = {
            "typeOfLocation": "A",
            "qualifierOfIdentification": "V",
            "CustomsOffice": {
                "referenceNumber": d.tree["CustomsOfficeOfDeparture"]["referenceNumber"]
            },
        }
    location: Tree = consignment["LocationOfGoods"]
    return location


def _offices(d: Drawn) -> list[Tree]:
    offices: list[Tree] = d.tree["CustomsOfficeOfTransitDeclared"]
    if not offices:
        reject()
    return offices


# --- guarantees, flags, authorisations -------------------------------------------------------


def c0086(draw: Draw, d: Drawn) -> None:
    """A GRN without its access code."""
    del _pick(draw, walk(d.tree, "Guarantee", "GuaranteeReference"))["accessCode"]


def c0130(draw: Draw, d: Drawn) -> None:
    """An other guarantee reference on a guarantee of a type with a GRN."""
    guarantees = [g for g in d.tree["Guarantee"] if g["guaranteeType"] not in ("3", "8")]
    _pick(draw, guarantees)["otherGuaranteeReference"] = f"{d.departure}-GUA-{draw(digits(8))}"


def c0839(draw: Draw, d: Drawn) -> None:
    """A limit date without authorisation C521."""
    if "C521" in {a["type"] for a in d.tree["Authorisation"]}:
        reject()
    later = d.day + timedelta(days=draw(st.integers(2, 30)))
    d.tree["TransitOperation"]["limitDate"] = later.isoformat()


def r0859(draw: Draw, d: Drawn) -> None:
    """Authorisation C524 without the reduced data set."""
    _append(d.tree, "Authorisation", {"type": "C524", "referenceNumber": f"{d.departure}AUT1"})


def r0849(draw: Draw, d: Drawn) -> None:
    """A TIR declaration with the reduced data set (and its C524, and no net mass outside
    an export declaration: R0859, C0837)."""
    d.tree["TransitOperation"]["reducedDatasetIndicator"] = "1"
    r0859(draw, d)
    for house in _houses(d):
        if not _exported(house):
            for item in house["ConsignmentItem"]:
                item["Commodity"]["GoodsMeasure"].pop("netMass", None)


# --- levels, parties, places ------------------------------------------------------------------


def c0045(draw: Draw, d: Drawn) -> None:
    """An item declaration type on a declaration not of type T."""
    _pick(draw, _items(d))["declarationType"] = "T1"


def c0343(draw: Draw, d: Drawn) -> None:
    """The country of destination on a goods item as well as above it."""
    _items(d)[0]["countryOfDestination"] = d.destination


def c0909(draw: Draw, d: Drawn) -> None:
    """The country of dispatch on a goods item as well as above it."""
    _items(d)[0]["countryOfDispatch"] = d.departure
    if not any("countryOfDispatch" in n for n in [_c(d), *_houses(d)]):
        _c(d)["countryOfDispatch"] = d.departure


def c0502(draw: Draw, d: Drawn) -> None:
    """The UCR on the consignment and on a goods item."""
    _c(d).setdefault("referenceNumberUCR", "UCRTOP" + draw(digits(6)))
    _items(d)[0].setdefault("referenceNumberUCR", "UCRITEM" + draw(digits(6)))


def r0506(draw: Draw, d: Drawn) -> None:
    """Every house consignment gives the same country of dispatch (not the consignment)."""
    houses = _houses(d)
    if len(houses) < 2:
        reject()
    _c(d).pop("countryOfDispatch", None)
    for house in houses:
        house["countryOfDispatch"] = d.departure


def r0507(draw: Draw, d: Drawn) -> None:
    """Every goods item gives the same country of dispatch (no level above it)."""
    if len(_items(d)) < 2:
        reject()
    for holder in [_c(d), *_houses(d)]:
        holder.pop("countryOfDispatch", None)
    for item in _items(d):
        item["countryOfDispatch"] = d.departure


def c0001(draw: Draw, d: Drawn) -> None:
    """A house consignment's consignee beside the consignment's, or a house consignment
    without one when the consignment has none."""
    houses = _houses(d)
    top = _c(d).get("Consignee")
    if top is not None:
        houses[0]["Consignee"] = copy.deepcopy(top)
    else:
        del _pick(draw, houses)["Consignee"]


def c0542(draw: Draw, d: Drawn) -> None:
    """A house consignment's consignor beside the consignment's."""
    houses = _houses(d)
    top = _c(d).get("Consignor")
    if top is not None:
        houses[0]["Consignor"] = copy.deepcopy(top)
    elif houses[0].get("Consignor") is not None:
        _c(d)["Consignor"] = copy.deepcopy(houses[0]["Consignor"])
    else:
        reject()


def c0505(draw: Draw, d: Drawn) -> None:
    """An address without its postcode."""
    holders = [d.tree["HolderOfTheTransitProcedure"], _c(d), *_houses(d)]
    parties = [h for n in holders for h in [n, n.get("Consignor"), n.get("Consignee")] if h]
    del _pick(draw, [p["Address"] for p in parties if "Address" in p])["postcode"]


def c0387(draw: Draw, d: Drawn) -> None:
    """A place of loading without a UN/LOCODE and without its country."""
    _c(d)["PlaceOfLoading"] = {"location": "DOCKS " + draw(digits(2))}


def c0403(draw: Draw, d: Drawn) -> None:
    """A standard declaration without its place of loading."""
    _c(d)["PlaceOfLoading"] = None


def c0191(draw: Draw, d: Drawn) -> None:
    """A place of unloading without security data."""
    _c(d)["PlaceOfUnloading"] = {"country": d.destination, "location": "PORT"}


def c0394(draw: Draw, d: Drawn) -> None:
    """A location of goods identified by its customs office (V) that gives a UN/LOCODE."""
    location = _location(d)
    if location["qualifierOfIdentification"] != "V":
        reject()
    location["UNLocode"] = d.departure + "ABC"


def c0671(draw: Draw, d: Drawn) -> None:
    """A location of goods with an additional identifier but no operator or authorisation."""
    _location(d)["additionalIdentifier"] = draw(digits(4))


def c0382(draw: Draw, d: Drawn) -> None:
    """A location of goods given by postcode without a house number, in a country whose
    postcodes do not name the address (CL198)."""
    if _in("CL198", d.departure, d):
        reject()
    location = _location(d)
    location.pop("CustomsOffice", None)
    location["qualifierOfIdentification"] = "T"
    location["PostcodeAddress"] = {"postcode": draw(digits(5)), "country": d.departure}


def c0710(draw: Draw, d: Drawn) -> None:
    """A standard declaration outside the security agreement area (CL147) without the
    location of goods."""
    if _in("CL147", d.departure, d):
        reject()
    _c(d)["LocationOfGoods"] = None


# --- offices and route -----------------------------------------------------------------------


def c0586(draw: Draw, d: Drawn) -> None:
    """A binding itinerary without countries of routing (offices of transit declared)."""
    _offices(d)
    _c(d)["CountryOfRoutingOfConsignment"] = []


def c0587(draw: Draw, d: Drawn) -> None:
    """An office of exit for transit without exit security data."""
    _offices(d)
    reference = office(draw, d.departure)
    d.tree["CustomsOfficeOfExitForTransitDeclared"] = [
        {"sequenceNumber": "1", "referenceNumber": reference}
    ]


def r0103(draw: Draw, d: Drawn) -> None:
    """The office of exit for transit is the office of destination."""
    _offices(d)
    reference = d.tree["CustomsOfficeOfDestinationDeclared"]["referenceNumber"]
    d.tree["CustomsOfficeOfExitForTransitDeclared"] = [
        {"sequenceNumber": "1", "referenceNumber": reference}
    ]


def r0005(draw: Draw, d: Drawn) -> None:
    """An estimated arrival at an office of transit before the message was prepared."""
    prepared = datetime.fromisoformat(d.tree["preparationDateAndTime"])
    earlier = prepared - timedelta(hours=draw(st.integers(1, 48)))
    _pick(draw, _offices(d))["arrivalDateAndTimeEstimated"] = earlier.isoformat()


def c0598(draw: Draw, d: Drawn) -> None:
    """With entry security data, an office of transit in the security agreement area
    (CL147) without its estimated arrival."""
    inside = [o for o in _offices(d) if _in("CL147", o["referenceNumber"][:2], d)]
    _pick(draw, inside).pop("arrivalDateAndTimeEstimated", None)


# --- transport -------------------------------------------------------------------------------


def c0055(draw: Draw, d: Drawn) -> None:
    """Container indicator 0 with containers numbered."""
    if _c(d)["containerIndicator"] != "1":
        reject()
    _c(d)["containerIndicator"] = "0"


def c0823(draw: Draw, d: Drawn) -> None:
    """Container indicator 1 without transport equipment."""
    _c(d)["containerIndicator"] = "1"
    _c(d)["TransportEquipment"] = []


def c0822(draw: Draw, d: Drawn) -> None:
    """A standard declaration without its container indicator (and so no equipment)."""
    _c(d)["containerIndicator"] = None
    _c(d)["TransportEquipment"] = []


def c0569(draw: Draw, d: Drawn) -> None:
    """A container that counts seals but lists none."""
    equipment = [e for e in _c(d)["TransportEquipment"] if "containerIdentificationNumber" in e]
    del _pick(draw, equipment)["Seal"]


def r0106(draw: Draw, d: Drawn) -> None:
    """A number of seals above the seals listed."""
    equipment = _pick(draw, _c(d)["TransportEquipment"])
    equipment["numberOfSeals"] = str(len(equipment["Seal"]) + draw(st.integers(1, 3)))


def c0670(draw: Draw, d: Drawn) -> None:
    """A piece of transport equipment that names no goods item, not the only one with a
    container number."""
    equipment: list[Tree] = _c(d)["TransportEquipment"]
    if len(equipment) == 1 and "containerIdentificationNumber" in equipment[0]:
        reject()
    _pick(draw, equipment).pop("GoodsReference", None)


def c0599(draw: Draw, d: Drawn) -> None:
    """A standard declaration with security data without the mode at the border."""
    _c(d)["modeOfTransportAtTheBorder"] = None


def c0806(draw: Draw, d: Drawn) -> None:
    """A standard declaration with security data without an active border means."""
    _c(d)["ActiveBorderTransportMeans"] = []


def c0531(draw: Draw, d: Drawn) -> None:
    """By air with security data, a border means without its flight number."""
    _pick(draw, _c(d)["ActiveBorderTransportMeans"]).pop("conveyanceReferenceNumber", None)


def r0315(draw: Draw, d: Drawn) -> None:
    """By air, a conveyance reference that is no flight number."""
    means = _pick(draw, _c(d)["ActiveBorderTransportMeans"])
    means["conveyanceReferenceNumber"] = "FLIGHT" + draw(digits(2)) + "X"


def r0076(draw: Draw, d: Drawn) -> None:
    """A border means identified in lowercase."""
    kinds = {"10", "21", "30", "40", "41", "80"}
    found = [m for m in _c(d)["ActiveBorderTransportMeans"] if m["typeOfIdentification"] in kinds]
    _pick(draw, found)["identificationNumber"] = "lc" + draw(digits(4))


def r0789(draw: Draw, d: Drawn) -> None:
    """Two active border means without offices of transit (a TIR declaration)."""
    mode = _c(d)["modeOfTransportAtTheBorder"]
    _c(d)["ActiveBorderTransportMeans"] = [
        {
            "sequenceNumber": str(n),
            "customsOfficeAtBorderReferenceNumber": office(draw, d.route[1]),
            "typeOfIdentification": MODES[mode][2][0],
            "identificationNumber": f"BORDER{n}",
            "nationality": d.departure,
            "conveyanceReferenceNumber": flight(draw),
        }
        for n in (1, 2)
    ]


def c0826(draw: Draw, d: Drawn) -> None:
    """A house consignment's departure means beside the consignment's."""
    means = _means(d)
    if not means:
        reject()
    _houses(d)[0]["DepartureTransportMeans"] = [copy.deepcopy(means[0])]


def r0472(draw: Draw, d: Drawn) -> None:
    """A departure means whose type is of another mode (a trailer, 31)."""
    _inland(d, 1)[0]["typeOfIdentification"] = "31"


def r0473(draw: Draw, d: Drawn) -> None:
    """A departure means of a type R0473 lists identified in lowercase."""
    kinds = {"10", "20", "21", "30", "31", "40", "41", "80"}
    found = [m for m in _means(d) if m["typeOfIdentification"] in kinds]
    _pick(draw, found)["identificationNumber"] = "lc" + draw(digits(4))


def r0474(draw: Draw, d: Drawn) -> None:
    """By road, a first departure means that is a trailer."""
    _inland(d, 1)[0]["typeOfIdentification"] = "31"


def r0476(draw: Draw, d: Drawn) -> None:
    """By road, a second departure means that is a road vehicle."""
    _inland(d, 2)[1]["typeOfIdentification"] = "30"


def r0855(draw: Draw, d: Drawn) -> None:
    """By sea or air, two departure means."""
    _inland(d, 2)


# --- goods -----------------------------------------------------------------------------------


def _packed(draw: Draw, d: Drawn, rule: str) -> None:
    """An item packed with another of its house consignment (zero packages), broken as
    ``rule`` says; every other rule on packages and masses kept."""
    houses = [h for h in _houses(d) if len(h["ConsignmentItem"]) > 1]
    house = _pick(draw, houses)
    item, partner = draw(st.permutations(house["ConsignmentItem"]))[:2]
    marks = partner["Packaging"][0]["shippingMarks"]
    if rule == "R0364":
        marks = "UNMATCHED " + draw(digits(4))
        if any(
            p["shippingMarks"] == marks for i in house["ConsignmentItem"] for p in i["Packaging"]
        ):
            reject()
    packaging = {
        "typeOfPackages": "NE" if rule == "R0220" else "BX",
        "numberOfPackages": "0",
        "shippingMarks": marks,
    }
    if rule == "R0219":
        _append(item, "Packaging", packaging)
    else:
        item["Packaging"] = [{"sequenceNumber": "1", **packaging}]
    if rule != "R0221":
        item["Commodity"]["GoodsMeasure"]["grossMass"] = "0.000"
    _recount(d)


def c0060(draw: Draw, d: Drawn) -> None:
    """A packaging without its shipping marks."""
    del _pick(
        draw, walk(d.tree, "Consignment", "HouseConsignment", "ConsignmentItem", "Packaging")
    )["shippingMarks"]


def r0983(draw: Draw, d: Drawn) -> None:
    """A house consignment lighter than its goods items."""
    house = _pick(draw, _houses(d))
    house["grossMass"] = str(Decimal(house["grossMass"]) - Decimal("0.100"))


def r0994(draw: Draw, d: Drawn) -> None:
    """A consignment lighter than its house consignments."""
    house = _pick(draw, _houses(d))
    house["grossMass"] = str(Decimal(house["grossMass"]) + draw(st.integers(1, 100)))


def _unexported_item(draw: Draw, d: Drawn) -> Tree:
    return _pick(draw, [i for h in _houses(d) if not _exported(h) for i in h["ConsignmentItem"]])


def c0015(draw: Draw, d: Drawn) -> None:
    """An excise additional reference (CL234) without its number."""
    _append(_unexported_item(draw, d), "AdditionalReference", {"type": "C651"})


def r0023(draw: Draw, d: Drawn) -> None:
    """An excise additional reference (CL234) numbered 0."""
    reference = {"type": "C651", "referenceNumber": "0"}
    _append(_unexported_item(draw, d), "AdditionalReference", reference)


def r0601(draw: Draw, d: Drawn) -> None:
    """Excise goods under an export declaration on a T2 or T2F declaration."""
    house = _pick(draw, _houses(d))
    _export(house)
    reference = {"type": "C651", "referenceNumber": "25TREMCS" + draw(digits(6))}
    _append(house["ConsignmentItem"][0], "AdditionalReference", reference)


def c0837(draw: Draw, d: Drawn) -> None:
    """Goods items of a house consignment under an export declaration without net mass."""
    house = _pick(draw, _houses(d))
    _export(house)
    for item in house["ConsignmentItem"]:
        del item["Commodity"]["GoodsMeasure"]["netMass"]


def r0020(draw: Draw, d: Drawn) -> None:
    """T2 goods leaving a common transit country outside the EU with a previous document
    that proves no Union status."""
    if not _in("CL112", d.departure, d):
        reject()
    for document in _c(d)["PreviousDocument"]:
        document["type"] = "N337"


def c0298(draw: Draw, d: Drawn) -> None:
    """An item's previous document with a quantity but no unit."""
    document = {"type": "N337", "referenceNumber": "PREV" + draw(digits(6)), "quantity": "5"}
    _append(_pick(draw, _items(d)), "PreviousDocument", document)


def c0821(draw: Draw, d: Drawn) -> None:
    """Combined Nomenclature digits at an office of departure outside the EU (CL112)."""
    if not _in("CL112", d.departure, d):
        reject()
    coded = [i for i in _items(d) if "CommodityCode" in i["Commodity"]]
    _pick(draw, coded)["Commodity"]["CommodityCode"]["combinedNomenclatureCode"] = "00"


def _statement(draw: Draw, holder: Tree) -> None:
    _append(holder, "AdditionalInformation", {"code": "30600"})


def r3060(draw: Draw, d: Drawn) -> None:
    """Additional information 30600 on the consignment of goods going to a CTC country."""
    _statement(draw, _c(d))


def r3062(draw: Draw, d: Drawn) -> None:
    """Additional information 30600 on a house consignment of such goods."""
    _statement(draw, _pick(draw, _houses(d)))


def r3061(draw: Draw, d: Drawn) -> None:
    """Additional information 30600 on a goods item."""
    _statement(draw, _pick(draw, _items(d)))


def c0186(draw: Draw, d: Drawn) -> None:
    """Transport charges without security data."""
    _c(d)["TransportCharges"] = {"methodOfPayment": "A"}


def c0337(draw: Draw, d: Drawn) -> None:
    """Transport charges on a house consignment as well as on the consignment."""
    _c(d)["TransportCharges"] = {"methodOfPayment": "A"}
    _pick(draw, _houses(d))["TransportCharges"] = {"methodOfPayment": "B"}


def _packed_as(rule: str) -> Breaker:
    def edit(draw: Draw, d: Drawn) -> None:
        _packed(draw, d, rule)

    edit.__doc__ = _packed.__doc__
    return edit


#: One row per rule: the DDNTA id, the edit that breaks it, what the message needs.
BREAKS: tuple[tuple[str, Breaker, Needs], ...] = (
    ("C0001", c0001, {}),
    ("C0015", c0015, {}),
    ("C0045", c0045, {"types": WHOLE}),
    ("C0055", c0055, {}),
    ("C0060", c0060, {}),
    ("C0086", c0086, {"types": T_TYPES}),
    ("C0130", c0130, {"types": T_TYPES}),
    ("C0186", c0186, {"flags": (("security", ("0",)),)}),
    ("C0191", c0191, {"flags": (("security", ("0",)),)}),
    ("C0298", c0298, {}),
    ("C0337", c0337, {"flags": SECURED}),
    ("C0343", c0343, {}),
    ("C0382", c0382, {}),
    ("C0387", c0387, {"flags": STANDARD}),
    ("C0394", c0394, {}),
    ("C0403", c0403, {"flags": STANDARD}),
    ("C0502", c0502, {}),
    ("C0505", c0505, {}),
    ("C0531", c0531, {"flags": STANDARD_SECURED, "modes": ("4",)}),
    ("C0542", c0542, {}),
    ("C0569", c0569, {"types": T_TYPES}),
    ("C0586", c0586, {"types": T_TYPES, "flags": (("bindingItinerary", ("1",)),)}),
    ("C0587", c0587, {"types": T_TYPES, "flags": (("security", ("0", "1")),)}),
    ("C0598", c0598, {"types": T_TYPES, "flags": (("security", ("1", "3")),)}),
    ("C0599", c0599, {"flags": STANDARD_SECURED}),
    ("C0670", c0670, {}),
    ("C0671", c0671, {}),
    ("C0710", c0710, {"flags": STANDARD}),
    ("C0806", c0806, {"flags": STANDARD_SECURED}),
    ("C0821", c0821, {}),
    ("C0822", c0822, {"types": T_TYPES, "flags": STANDARD}),
    ("C0823", c0823, {"types": T_TYPES}),
    ("C0826", c0826, {}),
    ("C0837", c0837, {"types": T_TYPES}),
    ("C0839", c0839, {}),
    ("C0909", c0909, {}),
    ("R0005", r0005, {"types": T_TYPES}),
    ("R0020", r0020, {"types": ("T2", "T2F")}),
    ("R0023", r0023, {}),
    ("R0076", r0076, {}),
    ("R0103", r0103, {"types": T_TYPES, "flags": (("security", ("2", "3")),)}),
    ("R0106", r0106, {}),
    ("R0219", _packed_as("R0219"), {}),
    ("R0220", _packed_as("R0220"), {}),
    ("R0221", _packed_as("R0221"), {}),
    ("R0315", r0315, {"modes": ("4",)}),
    ("R0364", _packed_as("R0364"), {}),
    ("R0472", r0472, {"modes": ("1", "2", "4")}),
    ("R0473", r0473, {}),
    ("R0474", r0474, {"modes": ("3",)}),
    ("R0476", r0476, {"modes": ("3",)}),
    ("R0506", r0506, {}),
    ("R0507", r0507, {}),
    ("R0601", r0601, {"types": ("T2", "T2F")}),
    ("R0789", r0789, {"types": ("TIR",)}),
    ("R0849", r0849, {"types": ("TIR",), "flags": SECURED}),
    ("R0855", r0855, {"modes": ("1", "4")}),
    ("R0859", r0859, {"flags": (("reducedDatasetIndicator", ("0",)),)}),
    ("R0983", r0983, {}),
    ("R0994", r0994, {}),
    ("R3060", r3060, {}),
    ("R3061", r3061, {}),
    ("R3062", r3062, {}),
)

for _rule, _edit, _needs in BREAKS:
    ncts_violator(f"TRANSIT-{_rule}", **_needs)(_edit)
