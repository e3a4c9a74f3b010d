"""The NCTS rule checks on goods, documents, parties' addresses and places (the rest are in
:mod:`single_window.rules._ncts_more`): packaging, masses, previous documents and
additional references, consignees, postcodes, the location of goods, offices of transit
and the transport equipment's goods, each filed under its DDNTA Appendix Q2 id in
:data:`CHECKS`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import single_window.rules._ncts_texts as texts
from single_window._i18n import Listing
from single_window.models import Declaration, GovernmentAgencyGoodsItem, HouseConsignment
from single_window.rules._context import Context
from single_window.rules._ncts_read import (
    _additional,
    _consignment,
    _departure,
    _has,
    _houses,
    _items_of,
    _number,
    _reduced,
    _security,
    codes_of,
    in_list,
)
from single_window.rules._registry import Violation
from single_window.rules._selected import text_of

__all__ = ["CHECKS"]

_T2 = frozenset({"T2", "T2F"})


def _doc_code(document: Any) -> str | None:
    """A document's whole code (N830): category and type, as the layout splits it."""
    code = getattr(document, "code", None)
    return code if isinstance(code, str) and code else text_of(document.type_code)


def _required(node: Any, step: str, reason: object) -> Violation:
    return Violation(node, None, problem="required", params={"reason": reason}, missing=(step,))


def _not_allowed(node: Any, reason: object) -> Violation:
    return Violation(node, text_of(node), problem="not-allowed", params={"reason": reason})


# --- previous documents of T2 goods from a non-EU CTC country -------------------------------


def _t2_items(decl: Declaration, ctx: Context) -> list[GovernmentAgencyGoodsItem]:
    """The goods items that are T2 or T2F (by the declaration's type or their own) on a
    declaration lodged in a non-EU CTC country (CL112)."""
    if not in_list("ncts:CL112", _departure(decl), ctx):
        return []
    whole = text_of(decl.type_code) in _T2
    return [i for i in decl.goods_items if whole or text_of(i.declaration_type_code) in _T2]


def _shipment_documents(decl: Declaration) -> list[Any]:
    shipment = decl.goods_shipment
    return list(shipment.previous_documents) if shipment is not None else []


def c0035(ctx: Context) -> Iterator[Violation]:
    """T2/T2F goods from a CL112 country give a previous document on each goods item
    when the consignment gives none."""
    decl = ctx.declaration
    if _shipment_documents(decl):
        return
    reason = texts.REASON("t2-from-ctc", country=_departure(decl) or "")
    for item in _t2_items(decl, ctx):
        if not item.previous_documents:
            yield _required(item, "PreviousDocument", reason)


def r0020(ctx: Context) -> Iterator[Violation]:
    """T2/T2F goods from a CL112 country prove their Union status: a previous document
    of a CL178 type on the consignment or on the goods item."""
    decl = ctx.declaration
    items = _t2_items(decl, ctx)
    if not items:
        return
    if any(in_list("ncts:CL178", _doc_code(d), ctx) for d in _shipment_documents(decl)):
        return
    said = {"country": _departure(decl) or ""}
    for item in items:
        if not any(in_list("ncts:CL178", _doc_code(d), ctx) for d in item.previous_documents):
            yield Violation(item, None, problem="union-status", params=said)


# --- additional references, previous documents ---------------------------------------------


def c0015_r0023(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """C0015: an item's additional reference of an excise type (CL234) gives its number;
    R0023: and that number is not '0'."""

    def check(ctx: Context) -> Iterator[Violation]:
        for item in ctx.declaration.goods_items:
            for ref in item.additional_references:
                kind = text_of(ref.type_code)
                if not in_list("ncts:CL234", kind, ctx):
                    continue
                number = text_of(ref.id)
                reason = texts.REASON("excise", type=kind or "")
                if rule == "C0015" and number is None:
                    yield _required(ref, "ID", reason)
                elif rule == "R0023" and number == "0":
                    yield Violation(ref.id, number, problem="zero", params={"reason": reason})

    return check


def c0298(ctx: Context) -> Iterator[Violation]:
    """An item's previous document with a quantity gives its measurement unit (a unit
    without a quantity has no place in the canonical view, so only this limb is seen)."""
    for item in ctx.declaration.goods_items:
        for document in item.previous_documents:
            quantity = document.goods_quantity
            if _has(quantity) and not getattr(quantity, "unit", None):
                said = {"reason": texts.REASON("quantity")}
                yield Violation(quantity, None, problem="unit-required", params=said)


# --- packaging and masses ------------------------------------------------------------------


def c0060(ctx: Context) -> Iterator[Violation]:
    """Bulk packages (CL181) count no packages; unpacked ones (CL182) count them; all
    others count them and give shipping marks."""
    bulk, unpacked = codes_of("ncts:CL181", ctx), codes_of("ncts:CL182", ctx)
    for item in ctx.declaration.goods_items:
        for packaging in item.packagings:
            kind = text_of(packaging.type_code)
            if kind is None:
                continue
            count = packaging.quantity_quantity
            code = kind.strip().upper()
            if code in bulk:
                if _has(count):
                    yield _not_allowed(count, texts.REASON("package-type", type=kind))
                continue
            if not _has(count):
                yield _required(
                    packaging, "QuantityQuantity", texts.REASON("package-type", type=kind)
                )
            if code not in unpacked and not _has(packaging.marks_numbers_id):
                yield _required(
                    packaging, "MarksNumbersID", texts.REASON("package-type", type=kind)
                )


def _zero(packaging: Any) -> bool:
    return _number(packaging.quantity_quantity) == 0


def r0220(ctx: Context) -> Iterator[Violation]:
    """A packaging counting zero packages is not of an unpacked type (CL182)."""
    for item in ctx.declaration.goods_items:
        for packaging in item.packagings:
            kind = text_of(packaging.type_code)
            if _zero(packaging) and in_list("ncts:CL182", kind, ctx):
                said = {"value": kind or ""}
                yield Violation(packaging.type_code, kind, problem="zero-unpacked", params=said)


def _gross(item: GovernmentAgencyGoodsItem) -> Any:
    measure = item.commodity.goods_measure if item.commodity is not None else None
    return measure.gross_mass_measure if measure is not None else None


def _house_groups(decl: Declaration) -> Iterable[list[GovernmentAgencyGoodsItem]]:
    """The goods items of each house consignment (all of them when there is none)."""
    houses = _houses(decl)
    if not houses:
        yield list(decl.goods_items)
    for house in houses:
        yield _items_of(decl, house)


def r0221(ctx: Context) -> Iterator[Violation]:
    """An item packed with others (zero packages) has gross mass 0 and another item of
    its house consignment a gross mass; every other item has a gross mass above 0."""
    for items in _house_groups(ctx.declaration):
        for item in items:
            gross = _gross(item)
            mass = _number(gross)
            if mass is None:
                continue
            packed = False
            for packaging in item.packagings:
                if _zero(packaging):
                    packed = True
                    break
            if not packed:
                if mass == 0:
                    yield Violation(gross, text_of(gross), problem="zero-mass")
            elif mass != 0:
                yield Violation(
                    gross, text_of(gross), problem="packed-mass", params={"value": mass}
                )
            elif not any(_number(_gross(o)) for o in items if o is not item):
                yield Violation(gross, text_of(gross), problem="packed-alone")


def r0364(ctx: Context) -> Iterator[Violation]:
    """An item packed with others (zero packages) has, in its house consignment, another
    item with the same shipping marks, packages and a type neither bulk nor unpacked."""
    for items in _house_groups(ctx.declaration):
        for item in items:
            for packaging in item.packagings:
                if not _zero(packaging):
                    continue
                marks = text_of(packaging.marks_numbers_id)
                if not any(_holds(other, marks, ctx) for other in items if other is not item):
                    said = {"value": marks or ""}
                    node = packaging.quantity_quantity
                    yield Violation(node, text_of(node), problem="packed-with", params=said)


def _holds(item: GovernmentAgencyGoodsItem, marks: str | None, ctx: Context) -> bool:
    for packaging in item.packagings:
        kind = text_of(packaging.type_code)
        if (
            text_of(packaging.marks_numbers_id) == marks
            and (_number(packaging.quantity_quantity) or 0) > 0
            and not in_list("ncts:CL181", kind, ctx)
            and not in_list("ncts:CL182", kind, ctx)
        ):
            return True
    return False


def _exported(house: HouseConsignment) -> bool:
    return any(_doc_code(d) == "N830" for d in house.previous_documents)


def c0837(ctx: Context) -> Iterator[Violation]:
    """Net mass is given on the items of a house consignment under an export declaration
    (N830), and not with the reduced data set."""
    decl = ctx.declaration
    reduced = _reduced(decl) == "1"
    for house in _houses(decl):
        exported = _exported(house)
        if not exported and not reduced:
            continue
        reason = texts.REASON("export-n830") if exported else texts.REASON("reduced")
        for item in _items_of(decl, house):
            measure = item.commodity.goods_measure if item.commodity is not None else None
            net = measure.net_net_weight_measure if measure is not None else None
            if exported and not _has(net):
                node = measure if measure is not None else item
                step = "NetNetWeightMeasure" if measure is not None else "Commodity"
                yield _required(node, step, reason)
            elif not exported and _has(net):
                yield _not_allowed(net, reason)


# --- parties and places --------------------------------------------------------------------


def _consignment_consignee(decl: Declaration) -> Any:
    shipment = decl.goods_shipment
    return shipment.consignee if shipment is not None else None


def _country(node: Any) -> str | None:
    return text_of(getattr(node, "country_code", None)) if node is not None else None


def _statement_30600(infos: Iterable[Any]) -> bool:
    return any(text_of(i.statement_code) == "30600" for i in infos)


def c0001(ctx: Context) -> Iterator[Violation]:
    """Where the consignee is given: never on a house consignment beside the
    consignment's; on each house consignment whose goods go to a common transit country
    (CL009) when the consignment gives none; nowhere with additional information 30600."""
    decl = ctx.declaration
    top = _consignment_consignee(decl)
    houses = _houses(decl)
    shipment = decl.goods_shipment
    dest = _country(shipment.destination) if shipment is not None else None

    def in_ct(country: str | None) -> bool:
        return in_list("ncts:CL009", country, ctx)

    wanting = [
        h
        for h in houses
        if in_ct(dest)
        or in_ct(_country(h.destination))
        or any(in_ct(_country(i.destination)) for i in _items_of(decl, h))
    ]
    goes_ct = bool(wanting) or in_ct(dest)
    unknown = (
        not goes_ct
        and _security(decl) not in {None, "0", "1"}
        and (
            _statement_30600(decl.additional_information)
            or any(_statement_30600(h.additional_information) for h in houses)
        )
    )
    if unknown:
        reason = texts.REASON("consignee-unknown")
        if top is not None:
            yield _not_allowed(top, reason)
        for house in houses:
            if house.consignee is not None:
                yield _not_allowed(house.consignee, reason)
        return
    if top is not None:
        reason = texts.REASON("consignment-given")
        for house in houses:
            if house.consignee is not None:
                yield _not_allowed(house.consignee, reason)
        return
    for house in wanting:
        if house.consignee is None:
            yield _required(house, "Consignee", texts.REASON("destination-cl009-any"))


def _addresses(decl: Declaration) -> Iterator[Any]:
    """The addresses C0505 governs: holder, consignor, consignee (consignment and house
    consignments) and the location of goods."""
    holder = decl.declarant
    if holder is not None:
        yield holder.address
    consignor = decl.consignment.consignor if decl.consignment is not None else None
    if consignor is not None:
        yield consignor.address
    consignee = _consignment_consignee(decl)
    if consignee is not None:
        yield consignee.address
    consignment = _consignment(decl)
    location = consignment.goods_location if consignment is not None else None
    if location is not None:
        yield location.address
    for house in _houses(decl):
        for party in (house.consignor, house.consignee):
            if party is not None:
                yield party.address


def _required_by_country(
    ctx: Context, place: Any, exempt: str, step: str, given: object
) -> Iterator[Violation]:
    """The violation of a place that lacks ``step`` (``given`` is its value) although its
    country is not in the list ``exempt``; none for a place without a country."""
    country = _country(place)
    if country is None or in_list(exempt, country, ctx) or _has(given):
        return
    yield _required(place, step, texts.REASON("postcode-country", country=country))


def c0505(ctx: Context) -> Iterator[Violation]:
    """An address gives its postcode unless its country has none (CL505)."""
    for address in _addresses(ctx.declaration):
        if address is not None:
            yield from _required_by_country(
                ctx, address, "ncts:CL505", "PostcodeID", address.postcode_id
            )


def c0382(ctx: Context) -> Iterator[Violation]:
    """A location given by postcode gives its house number unless the postcode names the
    address (CL198)."""
    consignment = _consignment(ctx.declaration)
    location = consignment.goods_location if consignment is not None else None
    place = location.postcode_address if location is not None else None
    if place is not None:
        yield from _required_by_country(
            ctx, place, "ncts:CL198", "BuildingNumber", place.building_number
        )


def c0710(ctx: Context) -> Iterator[Violation]:
    """The location of goods is given on a declaration that is not pre-lodged and is
    lodged outside the security agreement area (CL147)."""
    decl = ctx.declaration
    kind, country = _additional(decl), _departure(decl)
    consignment = _consignment(decl)
    if kind is None or kind == "D" or country is None or consignment is None:
        return
    if in_list("ncts:CL147", country, ctx) or _has(consignment.goods_location):
        return
    reason = texts.REASON("outside-cl147", type=kind, country=country)
    yield _required(consignment, "GoodsLocation", reason)


def c0821(ctx: Context) -> Iterator[Violation]:
    """No Combined Nomenclature digits when the office of departure is in a non-EU CTC
    country (CL112): the canonical view holds HS + CN as one 8-digit ``TSP`` code."""
    decl = ctx.declaration
    country = _departure(decl)
    if not in_list("ncts:CL112", country, ctx):
        return
    for item in decl.goods_items:
        for part in item.commodity.classifications if item.commodity is not None else ():
            if text_of(part.identification_type_code) != "TSP":
                continue
            code = text_of(part.id)
            if code is not None and len(code) > 6:
                yield _not_allowed(part.id, texts.REASON("departure-ctc", country=country or ""))


# --- offices, equipment, additional information ---------------------------------------------


def c0598(ctx: Context) -> Iterator[Violation]:
    """With entry security data (1, 3), an office of transit in the security agreement
    area (CL147) gives its estimated arrival."""
    decl = ctx.declaration
    security = _security(decl)
    if security not in {"1", "3"}:
        return
    for office in decl.transit_offices:
        ref = text_of(office.id)
        if ref is None or not in_list("ncts:CL147", ref[:2], ctx):
            continue
        if not _has(office.estimated_arrival_date_time):
            reason = texts.REASON("security-cl147", security=security, country=ref[:2])
            yield _required(office, "EstimatedArrivalDateTime", reason)


def c0670(ctx: Context) -> Iterator[Violation]:
    """Transport equipment names the goods items it holds, unless it is the only piece
    and has a container number. A WCO-layout declaration whose goods items name no
    equipment at all does not use the links, and is not judged."""
    decl = ctx.declaration
    consignment = _consignment(decl)
    equipments = list(consignment.transport_equipments) if consignment is not None else []
    if not equipments or (len(equipments) == 1 and _has(equipments[0].id)):
        return
    held: set[Decimal] = set()
    for item in decl.goods_items:
        for equipment in item.commodity.transport_equipments if item.commodity else ():
            number = _number(equipment.sequence_numeric)
            if number is not None:
                held.add(number)
    read = decl.read_from
    if not held and (read is None or read.format != "ncts"):
        return
    reason = (
        texts.REASON("equipments", count=len(equipments))
        if len(equipments) > 1
        else texts.REASON("no-container-number")
    )
    for equipment in equipments:
        if _number(equipment.sequence_numeric) not in held:
            yield Violation(equipment, None, problem="goods-reference", params={"reason": reason})


def r3060_r3062(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """R3060 (consignment) and R3062 (house consignments): no additional information
    30600 when goods go to a common transit country (CL009) at any level."""

    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        shipment = decl.goods_shipment
        places = [_country(shipment.destination) if shipment is not None else None]
        places += [_country(h.destination) for h in _houses(decl)]
        places += [_country(i.destination) for i in decl.goods_items]
        country = next((c for c in places if in_list("ncts:CL009", c, ctx)), None)
        if country is None:
            return
        infos = (
            list(decl.additional_information)
            if rule == "R3060"
            else [i for h in _houses(decl) for i in h.additional_information]
        )
        why = texts.REASON("destination-cl009", country=country)
        for info in infos:
            if text_of(info.statement_code) == "30600":
                said = {"value": "30600", "why": why}
                yield Violation(info.statement_code, "30600", problem="statement", params=said)

    return check


def r0601(ctx: Context) -> Iterator[Violation]:
    """Excise goods (an additional reference of a CL234 type): under an export declaration
    (N830 on the house consignment) they are T1 (or TIR); else, with an excise supporting
    document (CL234), T2 or T2F. The item's own type decides, else the declaration's."""
    decl = ctx.declaration
    kind = text_of(decl.type_code)
    groups: list[HouseConsignment | None] = [*_houses(decl)] or [None]
    for house in groups:
        exported = house is not None and _exported(house)
        items = _items_of(decl, house) if house is not None else decl.goods_items
        for item in items:
            if not any(
                in_list("ncts:CL234", text_of(r.type_code), ctx) for r in item.additional_references
            ):
                continue
            if exported:
                allowed, reason = ({"T1"}, {"T1", "TIR"}), texts.REASON("export-n830")
            elif any(in_list("ncts:CL234", _doc_code(d), ctx) for d in item.additional_documents):
                allowed, reason = ({"T2", "T2F"}, {"T2", "T2F"}), texts.REASON("excise-supporting")
            else:
                continue
            own = item.declaration_type_code
            node, value, wanted = (
                (own, text_of(own), allowed[0]) if _has(own) else (decl.type_code, kind, allowed[1])
            )
            if value not in wanted:
                said = {
                    "value": value or "",
                    "expected": Listing.of(sorted(wanted), "or"),
                    "why": reason,
                }
                yield Violation(node, value, problem="declaration-type", params=said)


#: The checks of this module, by DDNTA id.
CHECKS: dict[str, Callable[[Context], Iterator[Violation]]] = {
    "C0001": c0001,
    "C0015": c0015_r0023("C0015"),
    "R0023": c0015_r0023("R0023"),
    "C0035": c0035,
    "R0020": r0020,
    "C0060": c0060,
    "C0298": c0298,
    "C0382": c0382,
    "C0505": c0505,
    "C0598": c0598,
    "C0670": c0670,
    "C0710": c0710,
    "C0821": c0821,
    "C0837": c0837,
    "R0220": r0220,
    "R0221": r0221,
    "R0364": r0364,
    "R0601": r0601,
    "R3060": r3060_r3062("R3060"),
    "R3062": r3060_r3062("R3062"),
}
