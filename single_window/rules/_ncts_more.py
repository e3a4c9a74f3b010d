"""The NCTS rule checks of their own shape (:mod:`single_window.rules._ncts` holds the
tables and the predicate): offices, seals, packages, means of transport, masses, flags and
guarantee references, each filed under its DDNTA Appendix Q2 id in :data:`CHECKS`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import single_window.rules._ncts_guarantees as guarantees
import single_window.rules._ncts_sequence as sequence
import single_window.rules._ncts_texts as texts
import single_window.rules._transit_texts as transit_texts
from single_window._i18n import Listing
from single_window.models import Declaration
from single_window.rules._context import Context
from single_window.rules._ncts_read import (
    _additional,
    _authorisations,
    _border_means,
    _consignment,
    _departure,
    _departure_means,
    _destination,
    _equipments,
    _has,
    _houses,
    _inland_mode,
    _items_of,
    _number,
    _reduced,
    _security,
    _value,
    in_cl010,
    in_list,
)
from single_window.rules._registry import Violation
from single_window.rules._selected import text_of

__all__ = ["CHECKS"]

_FLIGHT = re.compile(r"[A-Z0-9]{1,3}[0-9]{1,4}[A-Z]?")


def _moment(node: object) -> datetime | None:
    value = _value(node)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value
    return None


def r0005(ctx: Context) -> Iterator[Violation]:
    """An estimated arrival at an office of transit lies after the preparation."""
    decl = ctx.declaration
    prepared = _moment(decl.issue_date_time)
    if prepared is None:
        return
    for office in decl.transit_offices:
        arrival = _moment(office.estimated_arrival_date_time)
        if arrival is None:
            continue
        try:
            early = arrival <= prepared
        except TypeError:  # one with a zone, one without: not comparable as given
            continue
        if early:
            node = office.estimated_arrival_date_time
            said = {"value": text_of(node) or str(arrival), "prepared": str(prepared)}
            yield Violation(node, None, problem="not-after", params=said)


def r0103(ctx: Context) -> Iterator[Violation]:
    """An office of exit for transit is no office of transit and not the destination."""
    decl = ctx.declaration
    transit = {text_of(o.id) for o in decl.transit_offices} - {None}
    destination = decl.destination_office
    end = text_of(destination.id) if destination is not None else None
    for office in decl.exit_offices:
        ref = text_of(office.id)
        if ref is None:
            continue
        what = (
            "office-of-transit"
            if ref in transit
            else "office-of-destination"
            if ref == end
            else None
        )
        if what is not None:
            said = {"value": ref, "office": transit_texts.WORDS(what)}
            yield Violation(office.id, ref, problem="office-again", params=said)


def c0569_r0106(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """C0569: seals are listed exactly when the number of seals is above zero; R0106: the
    number equals the highest seal sequence number."""

    def check(ctx: Context) -> Iterator[Violation]:
        for equipment in _equipments(ctx.declaration):
            count = _number(equipment.seal_quantity)
            if count is None:
                continue
            if rule == "C0569":
                if count > 0 and not equipment.seals:
                    said = {"reason": texts.REASON("seals", count=count)}
                    yield Violation(
                        equipment, None, problem="required", params=said, missing=("Seal",)
                    )
                elif count == 0:
                    for seal in equipment.seals:
                        said = {"reason": texts.REASON("seals", count=count)}
                        yield Violation(seal, text_of(seal.id), problem="not-allowed", params=said)
                continue
            numbers = [n for s in equipment.seals if (n := _number(s.sequence_numeric)) is not None]
            highest = max(numbers, default=Decimal(len(equipment.seals)))
            if equipment.seals and count != highest:
                counted: dict[str, object] = {"value": count, "highest": highest}
                node = equipment.seal_quantity
                yield Violation(node, text_of(node), problem="seal-count", params=counted)

    return check


def r0219(ctx: Context) -> Iterator[Violation]:
    """An item with a packaging of zero packages has no packaging with more."""
    for item in ctx.declaration.goods_items:
        packagings = item.packagings
        if len(packagings) < 2:  # one packaging cannot count both
            continue
        counts = [(p, _number(p.quantity_quantity)) for p in packagings]
        if not any(c == 0 for _, c in counts):
            continue
        for packaging, count in counts:
            if count is not None and count != 0:
                node = packaging.quantity_quantity
                yield Violation(node, None, problem="zero-and-more", params={"value": count})


def r0315(ctx: Context) -> Iterator[Violation]:
    """By air the conveyance reference number is a flight number."""
    decl = ctx.declaration
    if text_of(decl.border_mode) != "4":
        return
    for means in decl.border_transport_means:
        ref = text_of(means.conveyance_reference_id)
        if ref is not None and not _FLIGHT.fullmatch(ref):
            node = means.conveyance_reference_id
            yield Violation(node, ref, problem="flight", params={"value": ref})


def _all_departure_means(decl: Declaration) -> list[list[Any]]:
    """The departure means of the consignment, else of each house consignment."""
    top = _departure_means(decl)
    if top:
        return [top]
    lists = []
    for house in _houses(decl):
        means = [
            m
            for m in house.departure_transport_means
            if _has(m.id) or _has(m.identification_type_code)
        ]
        if means:
            lists.append(means)
    return lists


def r0472(ctx: Context) -> Iterator[Violation]:
    """The identification type of a departure means starts with the inland mode."""
    mode = _inland_mode(ctx.declaration)
    if mode not in {"1", "2", "3", "4", "8"}:
        return
    for means in _all_departure_means(ctx.declaration):
        for m in means:
            kind = text_of(m.identification_type_code)
            if kind is not None and kind[0] != mode:
                said = {"value": kind, "mode": mode}
                yield Violation(
                    m.identification_type_code, kind, problem="identification-type", params=said
                )


def _uppercase(types: frozenset[str], means: list[Any]) -> Iterator[Violation]:
    for m in means:
        kind, ident = text_of(m.identification_type_code), text_of(m.id)
        if kind in types and ident is not None and ident != ident.upper():
            yield Violation(m.id, ident, problem="lowercase", params={"value": ident, "type": kind})


def r0473(ctx: Context) -> Iterator[Violation]:
    """Departure means of the listed types are identified without lowercase letters."""
    types = frozenset({"10", "20", "21", "30", "31", "40", "41", "80"})
    for means in _all_departure_means(ctx.declaration):
        yield from _uppercase(types, means)


def r0076(ctx: Context) -> Iterator[Violation]:
    """Active border means of the listed types are identified without lowercase letters."""
    types = frozenset({"10", "21", "30", "40", "41", "80"})
    yield from _uppercase(types, _border_means(ctx.declaration))


def r0474_r0476(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """R0474: by road the first departure means is a road vehicle (type 30); R0476: the
    second and third are trailers (31)."""

    def check(ctx: Context) -> Iterator[Violation]:
        if _inland_mode(ctx.declaration) != "3":
            return
        for means in _all_departure_means(ctx.declaration):
            chosen = means[:1] if rule == "R0474" else means[1:3]
            wanted, problem = ("30", "road-vehicle") if rule == "R0474" else ("31", "trailer")
            for m in chosen:
                kind = text_of(m.identification_type_code)
                if kind is not None and kind != wanted:
                    yield Violation(
                        m.identification_type_code, kind, problem=problem, params={"value": kind}
                    )

    return check


def r0855(ctx: Context) -> Iterator[Violation]:
    """At most three departure means by road, any number by rail, else one."""
    mode = _inland_mode(ctx.declaration)
    if mode is None:
        return
    most = 3 if mode == "3" else 999 if mode == "2" else 1
    for means in _all_departure_means(ctx.declaration):
        if len(means) > most:
            said = {"count": len(means), "max": most, "why": texts.REASON("mode", mode=mode)}
            yield Violation(means[most], None, problem="too-many", params=said)


def r0789(ctx: Context) -> Iterator[Violation]:
    """Up to nine active border means with offices of transit, else one."""
    decl = ctx.declaration
    means = _border_means(decl)
    offices = any(_has(o.id) for o in decl.transit_offices)
    most = 9 if offices else 1
    if len(means) > most:
        why = texts.REASON("transit-offices" if offices else "no-transit-offices")
        said = {"count": len(means), "max": most, "why": why}
        yield Violation(means[most], None, problem="too-many", params=said)


def c0826(ctx: Context) -> Iterator[Violation]:
    """No departure means by post; house-level means not beside consignment-level ones."""
    decl = ctx.declaration
    top = _departure_means(decl)
    post = _inland_mode(decl) == "5"
    reason = texts.REASON("mode", mode="5") if post else texts.REASON("consignment-given")
    if post:
        for m in top:
            yield Violation(m, text_of(m.id), problem="not-allowed", params={"reason": reason})
    if post or top:
        for house in _houses(decl):
            for m in house.departure_transport_means:
                if _has(m.id) or _has(m.identification_type_code):
                    yield Violation(
                        m, text_of(m.id), problem="not-allowed", params={"reason": reason}
                    )


def _office_rule(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """R0904, R0905, R0906: where the offices of destination and transit may be."""

    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        dep, des = _departure(decl), _destination(decl)
        office = decl.destination_office
        if rule == "R0904" and dep in {"AD", "SM"} and des is not None and not in_cl010(des, ctx):
            node = office.id if office is not None else None
            said = {"value": text_of(node), "expected": texts.REASON("eu")}
            yield Violation(node, text_of(node), problem="office-country", params=said)
        if rule == "R0905" and in_list("ncts:CL112", dep, ctx) and des in {"AD", "SM"}:
            node = office.id if office is not None else None
            said = {"value": text_of(node), "country": des, "departure": dep}
            yield Violation(node, text_of(node), problem="office-barred", params=said)
        if rule == "R0906" and des == "AD":
            for transit in decl.transit_offices:
                ref = text_of(transit.id)
                if ref is not None and not ref.startswith("AD"):
                    said = {"value": ref, "expected": texts.REASON("andorra")}
                    yield Violation(transit.id, ref, problem="office-country", params=said)

    return check


def _san_marino(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """R0909: to San Marino from Italy T2SM, from elsewhere in the EU T2 or T2F; R0911:
    from San Marino to the EU T2 or T2F."""

    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        dep, des, kind = _departure(decl), _destination(decl), text_of(decl.type_code)
        if "SM" not in (dep, des):
            return
        items = {text_of(i.declaration_type_code) for i in decl.goods_items}
        t2 = {"T2", "T2F"}
        if rule == "R0909" and des == "SM" and dep == "IT" and kind != "T2SM":
            expected: object = "T2SM"
        elif rule == "R0909" and des == "SM" and dep != "IT" and in_cl010(dep, ctx):
            if kind in t2 or (kind == "T" and items & t2):
                return
            expected = Listing.of(["T2", "T2F"], "or")
        elif rule == "R0911" and dep == "SM" and des is not None and in_cl010(des, ctx):
            if kind in t2:
                return
            expected = Listing.of(["T2", "T2F"], "or")
        else:
            return
        why = texts.REASON("route", departure=dep or "", destination=des or "")
        said = {"value": kind or "", "expected": expected, "why": why}
        yield Violation(decl.type_code, kind, problem="declaration-type", params=said)

    return check


def r0983(ctx: Context) -> Iterator[Violation]:
    """A house consignment's gross mass is at least the sum of its items' gross masses."""
    decl = ctx.declaration
    for house in _houses(decl):
        mass = _number(house.total_gross_mass_measure)
        if mass is None:
            continue
        total = Decimal(0)
        for item in _items_of(decl, house):
            measure = item.commodity.goods_measure if item.commodity is not None else None
            total += _number(measure.gross_mass_measure if measure is not None else None) or 0
        if mass < total:
            said = {"value": mass, "total": total, "what": texts.REASON("items-mass")}
            node = house.total_gross_mass_measure
            yield Violation(node, text_of(node), problem="mass", params=said)


def r0994(ctx: Context) -> Iterator[Violation]:
    """The consignment's gross mass is at least the sum of the house consignments'."""
    decl = ctx.declaration
    mass = _number(decl.total_gross_mass_measure)
    houses = _houses(decl)
    if mass is None or not houses:
        return
    total = sum((_number(h.total_gross_mass_measure) or Decimal(0) for h in houses), Decimal(0))
    if mass < total:
        said = {"value": mass, "total": total, "what": texts.REASON("houses-mass")}
        node = decl.total_gross_mass_measure
        yield Violation(node, text_of(node), problem="mass", params=said)


def r3061(ctx: Context) -> Iterator[Violation]:
    """Goods items never state additional information 30600."""
    for item in ctx.declaration.goods_items:
        for info in item.additional_information:
            if text_of(info.statement_code) == "30600":
                said = {"value": "30600", "why": texts.REASON("items")}
                yield Violation(info.statement_code, "30600", problem="statement", params=said)


def r0849(ctx: Context) -> Iterator[Violation]:
    """A TIR declaration does not use the reduced data set."""
    decl = ctx.declaration
    if decl.transit_type == "TIR" and _reduced(decl) == "1":
        node = decl.reduced_data_set_indicator_code
        yield Violation(node, "1", problem="reduced-tir")


def _c524(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """R0859: authorisation C524 exactly with the reduced data set; R0350: with the
    reduced data set by sea, rail or air."""

    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        reduced = _reduced(decl)
        has = "C524" in _authorisations(decl)
        if rule == "R0350":
            mode = _inland_mode(decl)
            if reduced == "1" and mode in {"1", "2", "4"} and not has:
                said = {"reason": texts.REASON("reduced-inland", mode=mode)}
                yield Violation(
                    None, None, problem="required", params=said, missing=("AdditionalDocument",)
                )
            return
        if reduced == "1" and not has:
            said = {"reason": texts.REASON("reduced")}
            yield Violation(
                None, None, problem="required", params=said, missing=("AdditionalDocument",)
            )
        elif reduced == "0" and has:
            for document in decl.additional_documents:
                if document.code == "C524":
                    said = {"reason": texts.REASON("not-reduced")}
                    # the value as its element holds it: "C524" in NCTS, "524" where the
                    # WCO layout gives the category apart
                    value = text_of(document.type_code)
                    yield Violation(document.type_code, value, problem="not-allowed", params=said)

    return check


def c0045(ctx: Context) -> Iterator[Violation]:
    """Item declaration types exactly on a type T declaration."""
    decl = ctx.declaration
    kind = text_of(decl.type_code)
    reason = texts.REASON("declaration-type", type=kind or "")
    for item in decl.goods_items:
        given = text_of(item.declaration_type_code)
        if kind == "T" and given is None:
            yield Violation(
                item,
                None,
                problem="required",
                params={"reason": reason},
                missing=("DeclarationTypeCode",),
            )
        elif kind != "T" and given is not None:
            yield Violation(
                item.declaration_type_code, given, problem="not-allowed", params={"reason": reason}
            )


def c0086(ctx: Context) -> Iterator[Violation]:
    """The access code is given with a GRN guarantee type (CL286), not with another."""
    for guarantee in ctx.declaration.obligation_guarantees:
        code = text_of(guarantee.security_details_code)
        if code is None:
            continue
        access = text_of(guarantee.access_code)
        if in_list("ncts:CL286", code, ctx):
            if access is None and text_of(guarantee.reference_id) is not None:
                said = {"reason": texts.REASON("grn-type", type=code)}
                yield Violation(
                    guarantee, None, problem="required", params=said, missing=("AccessCode",)
                )
        elif access is not None:
            said = {"reason": texts.REASON("other-type", type=code)}
            yield Violation(guarantee.access_code, access, problem="not-allowed", params=said)


def c0130(ctx: Context) -> Iterator[Violation]:
    """The other guarantee reference is not given but for types 3 and 8."""
    for guarantee in ctx.declaration.obligation_guarantees:
        code = text_of(guarantee.security_details_code)
        other = text_of(guarantee.id)
        if code is not None and code not in {"3", "8"} and other is not None:
            said = {"reason": texts.REASON("other-type", type=code)}
            yield Violation(guarantee.id, other, problem="not-allowed", params=said)


def c0387(ctx: Context) -> Iterator[Violation]:
    """A place of loading or unloading without a UN/LOCODE gives its country and name."""
    consignment = _consignment(ctx.declaration)
    if consignment is None:
        return
    said = {"reason": texts.REASON("no-locode")}
    for place in (consignment.loading_location, consignment.unloading_location):
        if place is None or _has(place.id):
            continue
        for step, node in (("CountryCode", place.country_code), ("Name", place.name)):
            if not _has(node):
                yield Violation(place, None, problem="required", params=said, missing=(step,))


#: The identification each location-of-goods qualifier gives (C0394).
_QUALIFIED: dict[str, tuple[str, str]] = {
    "Z": ("Address", "address"),
    "X": ("EconomicOperatorID", "economic_operator_id"),
    "Y": ("AuthorisationID", "authorisation_id"),
    "W": ("LatitudeNumeric", "latitude_numeric"),
    "V": ("CustomsOfficeID", "customs_office_id"),
    "U": ("ID", "id"),
    "T": ("PostcodeAddress", "postcode_address"),
}


def _location(decl: Declaration) -> Any:
    consignment = _consignment(decl)
    return consignment.goods_location if consignment is not None else None


def c0394(ctx: Context) -> Iterator[Violation]:
    """The location-of-goods qualifier decides the one identification given."""
    location = _location(ctx.declaration)
    address = location.address if location is not None else None
    qualifier = text_of(address.type_code) if address is not None else None
    if location is None or qualifier not in _QUALIFIED:
        return
    said = {"reason": texts.REASON("qualifier", qualifier=qualifier)}
    wanted_step, wanted = _QUALIFIED[qualifier]
    found = getattr(location, wanted)
    if wanted == "address" and address is not None:
        found = address if _has(address.line_text) or _has(address.city_name) else None
    if not _has(found):
        yield Violation(location, None, problem="required", params=said, missing=(wanted_step,))
    for _step, field in _QUALIFIED.values():
        if field == wanted or field == "address":
            continue
        node = getattr(location, field)
        if _has(node):
            yield Violation(node, text_of(node), problem="not-allowed", params=said)
    if qualifier == "V" and location.contact is not None:
        yield Violation(location.contact, None, problem="not-allowed", params=said)


def c0671(ctx: Context) -> Iterator[Violation]:
    """The location's additional identifier only with an operator or authorisation."""
    location = _location(ctx.declaration)
    if location is None or not _has(location.additional_identifier_id):
        return
    if _has(location.economic_operator_id) or _has(location.authorisation_id):
        return
    node = location.additional_identifier_id
    said = {"reason": texts.REASON("no-operator")}
    yield Violation(node, text_of(node), problem="not-allowed", params=said)


def c0542(ctx: Context) -> Iterator[Violation]:
    """No consignor with neither security data nor the full data set; house consignors
    not beside the consignment's."""
    decl = ctx.declaration
    top = decl.consignment.consignor if decl.consignment is not None else None
    none_at_all = _security(decl) == "0" and _reduced(decl) == "1"
    reason = (
        texts.REASON("reduced-no-security") if none_at_all else texts.REASON("consignment-given")
    )
    if none_at_all and top is not None:
        yield Violation(top, None, problem="not-allowed", params={"reason": reason})
    if none_at_all or top is not None:
        for house in _houses(decl):
            if house.consignor is not None:
                yield Violation(
                    house.consignor, None, problem="not-allowed", params={"reason": reason}
                )


def c0403(ctx: Context) -> Iterator[Violation]:
    """The place of loading is given on every declaration but a pre-lodged one (type D)."""
    decl = ctx.declaration
    kind = _additional(decl)
    consignment = _consignment(decl)
    if kind is None or kind == "D" or consignment is None:
        return
    if not _has(consignment.loading_location):
        said = {"reason": texts.REASON("additional-type", type=kind)}
        yield Violation(
            consignment, None, problem="required", params=said, missing=("LoadingLocation",)
        )


#: The checks of their own shape, by DDNTA id.
CHECKS: dict[str, Callable[[Context], Iterator[Violation]]] = {
    "R0005": r0005,
    "R0103": r0103,
    "C0569": c0569_r0106("C0569"),
    "R0106": c0569_r0106("R0106"),
    "R0219": r0219,
    "R0315": r0315,
    "R0472": r0472,
    "R0473": r0473,
    "R0076": r0076,
    "R0474": r0474_r0476("R0474"),
    "R0476": r0474_r0476("R0476"),
    "R0855": r0855,
    "R0789": r0789,
    "C0826": c0826,
    "R0904": _office_rule("R0904"),
    "R0905": _office_rule("R0905"),
    "R0906": _office_rule("R0906"),
    "R0909": _san_marino("R0909"),
    "R0911": _san_marino("R0911"),
    "R0983": r0983,
    "R0994": r0994,
    "R3061": r3061,
    "R0849": r0849,
    "R0859": _c524("R0859"),
    "R0350": _c524("R0350"),
    "C0045": c0045,
    "C0086": c0086,
    "C0130": c0130,
    "C0387": c0387,
    "C0394": c0394,
    "C0671": c0671,
    "C0542": c0542,
    "C0403": c0403,
    **sequence.CHECKS,
    **guarantees.CHECKS,
}
