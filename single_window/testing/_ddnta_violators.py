"""Violators of the NCTS rules and conditions (predicate ``ncts-rule``, DDNTA Appendix Q2)
on WCO-layout transit declarations lodged in NCTS.

One table, :data:`BREAKS`, says for each rule id how a valid NCTS declaration is broken
(a function that changes it in place; those on house consignments, departure means and
the consignment's own parties come from :mod:`single_window.testing._ddnta_consignment`,
those on the transit operation's flags from :mod:`single_window.testing._ddnta_flags`);
:data:`NOT_BROKEN` says, for each rule the WCO strategies leave alone, why. The builders
satisfy every rule by construction (:func:`single_window.testing._transit._ncts_data`),
and a rule that a transitional rule switches off until TPendDate is broken only on a
declaration dated after it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

import single_window.testing._ddnta_consignment as consignment
import single_window.testing._ddnta_flags as flags
import single_window.testing._ddnta_guarantee as guarantees
import single_window.testing._ddnta_sequence as sequence
from single_window._values import Code, DateTime, Identifier, Measure, Numeric, Quantity
from single_window.models import (
    UCR,
    AdditionalInformation,
    AdditionalReference,
    Classification,
    CommodityTransportEquipment,
    Declaration,
    ExitOffice,
    GoodsLocation,
    GovernmentAgencyGoodsItemAdditionalInformation,
    LoadingLocation,
    Packaging,
    PreviousDocument,
)
from single_window.rules._kinds import Needs, NotViolable
from single_window.rules._ncts_read import TPEND_DATE, TRANSITIONAL, _codes
from single_window.rules._selected import text_of
from single_window.testing._options import today_utc
from single_window.testing._target import ViolationTarget, violator
from single_window.testing._writers import rebalance

__all__ = ["BREAKS", "NOT_BROKEN"]

Break = Callable[[ViolationTarget], None]

#: The rules the WCO strategies do not break, with the reason: breaking each would break
#: another rule too, or the strategies draw no declaration the rule judges.
NOT_BROKEN: dict[str, str] = {
    "C0101": "a reduced data set without any authorisation lacks C524, so R0859 fires with it",
    "R0350": "a reduced data set without the authorisation C524 breaks R0859 too",
    "C0035": "a goods item without a previous document has none proving its Union status, so"
    " R0020 fires with it",
    "R0789": "the profile allows nine border means, and the NCTS declarations drawn without an"
    " office of transit (routes inside the EU only) are too rare to start from",
    **dict.fromkeys(
        ("R0904", "R0906", "R0909", "R0911"),
        "the strategies draw no office of departure in Andorra or San Marino",
    ),
    "R0905": "the strategies draw no office of destination in Andorra or San Marino",
    **sequence.NOT_BROKEN,
}


def _item_types(t: ViolationTarget) -> None:
    """C0045: an item declaration type on a declaration not of type T, or none on one
    item of a type T declaration."""
    decl = t.declaration
    item = t.item
    if text_of(decl.type_code) == "T":
        item.declaration_type_code = None
    else:
        item.declaration_type_code = Code(value=text_of(decl.type_code) or "T1")


def _container_number_without_container(t: ViolationTarget) -> None:
    """C0055: container indicator 0 while a piece of equipment carries a number."""
    consignment = flags.consignment_of(t)
    if not any(e.id for e in consignment.transport_equipments):
        reject()
    consignment.container_code = Code(value="0")


def _equipment_without_indicator(t: ViolationTarget) -> None:
    """C0823: transport equipment without the container indicator."""
    consignment = flags.consignment_of(t)
    if not consignment.transport_equipments:
        reject()
    consignment.container_code = None


def _item_repeats(name: str) -> Break:
    """C0343, C0909: the goods item repeats the shipment's data item ``name``."""

    def breaks(t: ViolationTarget) -> None:
        shipment = t.declaration.goods_shipment
        given = getattr(shipment, name, None)
        if given is None:
            reject()
        setattr(t.item, name, given.model_copy(deep=True))

    return breaks


def _ucr_twice(t: ViolationTarget) -> None:
    """C0502: the UCR on the shipment and on a goods item."""
    shipment = t.declaration.goods_shipment
    assert shipment is not None
    if shipment.ucr is None or shipment.ucr.id is None:
        reject()
    t.item.ucr = UCR(id=Identifier(value=shipment.ucr.id.value))


def _same_ucr_on_every_item(t: ViolationTarget) -> None:
    """R0507: every goods item gives its own UCR, all the same."""
    items = t.declaration.goods_items
    if len(items) < 2:
        reject()
    number = "UCR" + t.draw(st.text("0123456789", min_size=6, max_size=10))
    t.declaration.goods_shipment.ucr = None  # type: ignore[union-attr]
    for item in items:
        item.ucr = UCR(id=Identifier(value=number))


def _other_reference(t: ViolationTarget) -> None:
    """C0130: an other guarantee reference on a guarantee of a type other than 3 or 8."""
    found = [
        g
        for g in t.declaration.obligation_guarantees
        if text_of(g.security_details_code) not in {None, "3", "8"}
    ]
    if not found:
        reject()
    found[0].id = Identifier(value="GUA-" + t.draw(st.text("0123456789", min_size=6, max_size=8)))


def _no_access_code(t: ViolationTarget) -> None:
    """C0086: a GRN guarantee without its access code."""
    found = [g for g in t.declaration.obligation_guarantees if g.access_code is not None]
    if not found:
        reject()
    found[0].access_code = None


def _exit_at_destination(t: ViolationTarget) -> None:
    """R0103: the office of exit for transit is the office of destination."""
    office = t.declaration.destination_office
    if office is None or office.id is None:
        reject()
    t.declaration.exit_offices.append(ExitOffice(id=Identifier(value=office.id.value)))


#: The identification types whose identifiers have no lowercase letters (R0076).
_UPPER_TYPES = frozenset({"10", "21", "30", "40", "41", "80"})


#: The type of identification of a means of each mode of transport (CL750: 10 IMO number,
#: 21 train, 30 road vehicle, 40 IATA flight, 80 inland waterway vessel) (R0076).
_TYPE_OF_MODE = {"1": "10", "2": "21", "3": "30", "4": "40", "8": "80"}


def _lowercase_border_means(t: ViolationTarget) -> None:
    """R0076: the border means' identification in lowercase (a means of a mode whose
    identification has no lowercase letters)."""
    for means in t.declaration.border_transport_means:
        number = text_of(means.id) or ""
        if text_of(means.identification_type_code) in _UPPER_TYPES and number != number.lower():
            means.id = Identifier(value=number.lower())
            return
        kind = _TYPE_OF_MODE.get(text_of(means.mode_code) or "")
        if kind is not None and means.id is None:
            means.identification_type_code = Code(value=kind)
            means.id = Identifier(
                value="abc" + t.draw(st.text("0123456789", min_size=4, max_size=6))
            )
            return
    reject()


def _no_marks(t: ViolationTarget) -> None:
    """C0060: a packaging of a packed type without its shipping marks."""
    for packaging in t.item.packagings:
        if packaging.marks_numbers_id is not None and packaging.quantity_quantity is not None:
            packaging.marks_numbers_id = None
            return
    reject()


def _no_gross_mass(t: ViolationTarget) -> None:
    """R0221: a goods item with packages and gross mass 0."""
    measure = t.item.commodity.goods_measure if t.item.commodity else None
    gross = measure.gross_mass_measure if measure is not None else None
    if measure is None or gross is None or len(t.declaration.goods_items) < 2:
        reject()
    measure.gross_mass_measure = Measure(value=Decimal("0.000"), unit=gross.unit)
    measure.net_net_weight_measure = None
    rebalance(t.declaration)


def _consignee_unknown(t: ViolationTarget) -> None:
    """R3060: additional information 30600 (consignee unknown) with goods going to a
    common transit country."""
    t.declaration.additional_information.append(
        AdditionalInformation(statement_code=Code(value="30600"))
    )


def _item_consignee_unknown(t: ViolationTarget) -> None:
    """R3061: a goods item's additional information 30600."""
    t.item.additional_information.append(
        GovernmentAgencyGoodsItemAdditionalInformation(statement_code=Code(value="30600"))
    )


def _limit_without_authorisation(t: ViolationTarget) -> None:
    """C0839: a limit date without an authorisation of type C521."""
    decl = t.declaration
    if decl.transit_limit_date_time is None:
        reject()
    decl.additional_documents = [d for d in decl.additional_documents if d.code != "C521"]


# --- equipment, places, addresses ------------------------------------------------------------


def _seal_count(rule: str) -> Break:
    """C0569: a number of seals above zero and no seal listed; R0106: a number of seals
    other than the highest seal sequence number."""

    def breaks(t: ViolationTarget) -> None:
        consignment = t.declaration.goods_shipment.consignment  # type: ignore[union-attr]
        sealed = [e for e in consignment.transport_equipments if e.seals] if consignment else []
        if not sealed:
            reject()
        equipment = sealed[0]
        count = len(equipment.seals)
        if rule == "C0569":
            equipment.seals.clear()
        equipment.seal_quantity = Quantity(value=Decimal(count if rule == "C0569" else count + 1))

    return breaks


def _loading_place_unnamed(t: ViolationTarget) -> None:
    """C0387: a place of loading without a UN/LOCODE and without its name."""
    country = flags.declaring_country(t)
    flags.consignment_of(t).loading_location = LoadingLocation.model_validate(
        {"country_code": {"value": country}}
    )


def _office_location_without_office(t: ViolationTarget) -> None:
    """C0394: a location of goods qualified by customs office (V) without the office."""
    location = {"type_code": {"value": "A"}, "address": {"type_code": {"value": "V"}}}
    flags.consignment_of(t).goods_location = GoodsLocation.model_validate(location)


def _no_postcode(t: ViolationTarget) -> None:
    """C0505: the consignee's address loses its postcode (its country has postcodes)."""
    shipment = t.declaration.goods_shipment
    consignee = shipment.consignee if shipment is not None else None
    address = consignee.address if consignee is not None else None
    if address is None or address.postcode_id is None:
        reject()
    address.postcode_id = None


def _binding_without_route(t: ViolationTarget) -> None:
    """C0586: a binding itinerary without countries of routing (the offices of transit
    keep the route stated)."""
    decl = t.declaration
    if not decl.transit_offices:
        reject()
    if decl.consignment is not None:
        decl.consignment.itineraries.clear()
    decl.binding_itinerary_indicator_code = Code(value="1")


def _packed_with_another(t: ViolationTarget) -> tuple[Packaging, Packaging]:
    """Make the goods item one packed with another item (gross mass 0, its packaging
    counting zero packages, the other item's shipping marks): its packaging and the other
    item's, for the rule to break."""
    decl = t.declaration
    item = t.item
    others = [i for i in decl.goods_items if i is not item and len(i.packagings) == 1]
    measure = item.commodity.goods_measure if item.commodity else None
    if not others or measure is None or measure.gross_mass_measure is None:
        reject()
    if len(item.packagings) != 1:
        reject()
    unit = measure.gross_mass_measure.unit
    measure.gross_mass_measure = Measure(value=Decimal("0.000"), unit=unit)
    measure.net_net_weight_measure = None
    packaging, other = item.packagings[0], others[0].packagings[0]
    packaging.quantity_quantity = Quantity(value=Decimal(0))
    packaging.marks_numbers_id = other.marks_numbers_id
    packaging.type_code = other.type_code
    total = sum(
        (
            p.quantity_quantity.value
            for i in decl.goods_items
            for p in i.packagings
            if p.quantity_quantity is not None
        ),
        Decimal(0),
    )
    decl.total_package_quantity = Quantity(value=total)
    rebalance(decl)
    return packaging, other


def _packed_with_nothing(t: ViolationTarget) -> None:
    """R0364: a goods item packed with others whose shipping marks no other item has."""
    packaging, _ = _packed_with_another(t)
    packaging.marks_numbers_id = Identifier(value="NO OTHER ITEM HAS THESE MARKS")


def _zero_and_more(t: ViolationTarget) -> None:
    """R0219: a goods item packed with another that also counts packages of its own."""
    packaging, _ = _packed_with_another(t)
    more = packaging.model_copy(deep=True)
    more.sequence_numeric = Numeric(value=Decimal(2))
    more.quantity_quantity = Quantity(value=Decimal(t.draw(st.integers(1, 9))))
    t.item.packagings.append(more)
    assert t.declaration.total_package_quantity is not None
    t.declaration.total_package_quantity.value += more.quantity_quantity.value


def _zero_unpacked(t: ViolationTarget) -> None:
    """R0220: zero packages of an unpacked type (CL182: NE, unpacked or unpackaged)."""
    packaging, _ = _packed_with_another(t)
    packaging.type_code = Code(value="NE")


def _no_union_status(t: ViolationTarget) -> None:
    """R0020: the consignment's previous document of T2 goods leaving a common transit
    country outside the EU (CL112) is of a type that does not prove their Union status
    (N821, a T1 declaration)."""
    office = text_of(t.declaration.declaration_office_id) or ""
    if office[:2] not in _codes("ncts:CL112", flags.judged_on(t)):
        reject()
    shipment = t.declaration.goods_shipment
    found = [d for d in shipment.previous_documents if d.code == "N825"] if shipment else []
    if not found:
        reject()
    found[0].type_code = Code(value="821")


def _not_a_flight(t: ViolationTarget) -> None:
    """R0315: by air, a conveyance reference that is not a flight number."""
    means = t.declaration.border_transport_means
    if not means:
        reject()
    means[0].mode_code = Code(value="4")
    means[0].conveyance_reference_id = Identifier(value="FLIGHT-" + t.draw(st.sampled_from("123")))


def _excise_reference(rule: str) -> Break:
    """C0015: an excise additional reference (CL234: C651, the e-AD) without its number;
    R0023: with the number '0'."""

    def breaks(t: ViolationTarget) -> None:
        data: dict[str, object] = {"type_code": {"value": "C651"}}
        if rule == "R0023":
            data["id"] = {"value": "0"}
        t.item.additional_references.append(AdditionalReference.model_validate(data))

    return breaks


def _arrival_before_lodging(t: ViolationTarget) -> None:
    """R0005: an office of transit's estimated arrival before the declaration's date."""
    decl = t.declaration
    stamp = decl.issue_date_time
    if not decl.transit_offices or stamp is None or stamp.value is None:
        reject()
    before = stamp.value - timedelta(days=t.draw(st.integers(1, 30)))
    decl.transit_offices[0].estimated_arrival_date_time = DateTime(
        value=before.astimezone(UTC), format_code="304"
    )


def _postcode_without_number(t: ViolationTarget) -> None:
    """C0382: a location of goods given by postcode (qualifier T) without the house number,
    in a country whose postcodes do not name the address (not in CL198)."""
    consignment, country = flags.consignment_of(t), flags.declaring_country(t)
    if country in {"IE", "LU"}:
        reject()
    location = {
        "type_code": {"value": "A"},
        "address": {"type_code": {"value": "T"}},
        "postcode_address": {
            "postcode_id": {"value": t.draw(st.text("0123456789", min_size=4, max_size=6))},
            "country_code": {"value": country},
        },
    }
    consignment.goods_location = GoodsLocation.model_validate(location)


def _quantity_without_unit(t: ViolationTarget) -> None:
    """C0298: a goods item's previous document with a quantity and no unit."""
    document = {
        "category_code": {"value": "N"},
        "type_code": {"value": "821"},
        "id": {"value": "T1" + t.draw(st.text("0123456789", min_size=8, max_size=12))},
        "goods_quantity": {"value": t.draw(st.integers(1, 99))},
    }
    t.item.previous_documents.append(PreviousDocument.model_validate(document))


def _cn_digits(t: ViolationTarget) -> None:
    """C0821: Combined Nomenclature digits (an 8-digit TSP code) from a common transit
    country outside the EU (CL112)."""
    decl = t.declaration
    office = text_of(decl.declaration_office_id) or ""
    commodity = t.item.commodity
    code = t.item.commodity_code or ""
    if (
        office[:2] not in _codes("ncts:CL112", flags.judged_on(t))
        or commodity is None
        or len(code) < 6
    ):
        reject()
    tsp = {"id": {"value": code[:6] + "00"}, "identification_type_code": {"value": "TSP"}}
    commodity.classifications.append(Classification.model_validate(tsp))


def _equipment_not_held(t: ViolationTarget) -> None:
    """C0670: a goods item names a piece of equipment, while the only piece (without a
    container number) is named by none."""
    consignment = t.declaration.goods_shipment.consignment  # type: ignore[union-attr]
    commodity = t.item.commodity
    pieces = consignment.transport_equipments if consignment is not None else []
    if len(pieces) != 1 or pieces[0].id is not None or commodity is None:
        reject()
    link = {"sequence_numeric": {"value": 2}}
    commodity.transport_equipments.append(CommodityTransportEquipment.model_validate(link))


#: How each rule the WCO strategies break is broken, by DDNTA id.
BREAKS: dict[str, Break] = {
    **consignment.BREAKS,
    **flags.BREAKS,
    **guarantees.BREAKS,
    **sequence.BREAKS,
    "C0045": _item_types,
    "C0055": _container_number_without_container,
    "C0060": _no_marks,
    "C0086": _no_access_code,
    "C0130": _other_reference,
    "C0343": _item_repeats("destination"),
    "C0502": _ucr_twice,
    "C0823": _equipment_without_indicator,
    "C0839": _limit_without_authorisation,
    "C0909": _item_repeats("export_country"),
    "R0076": _lowercase_border_means,
    "R0103": _exit_at_destination,
    "R0221": _no_gross_mass,
    "R0507": _same_ucr_on_every_item,
    "R3060": _consignee_unknown,
    "R3061": _item_consignee_unknown,
    "C0569": _seal_count("C0569"),
    "R0106": _seal_count("R0106"),
    "C0387": _loading_place_unnamed,
    "C0394": _office_location_without_office,
    "C0505": _no_postcode,
    "C0586": _binding_without_route,
    "R0364": _packed_with_nothing,
    "R0219": _zero_and_more,
    "R0220": _zero_unpacked,
    "C0382": _postcode_without_number,
    "C0298": _quantity_without_unit,
    "C0821": _cn_digits,
    "C0670": _equipment_not_held,
    "R0020": _no_union_status,
    "R0315": _not_a_flight,
    "C0015": _excise_reference("C0015"),
    "R0023": _excise_reference("R0023"),
    "R0005": _arrival_before_lodging,
}


#: The declaration types (prefixes) a rule's violation starts from: R0601 judges T2 and
#: T2F goods.
_TYPES: dict[str, tuple[str, ...]] = {"R0601": ("T2",)}


def _needs(params: Mapping[str, Any]) -> Needs:
    rule = str(params["rule"])
    if rule in NOT_BROKEN:
        raise NotViolable(f"NCTS rule {rule}: {NOT_BROKEN[rule]}")
    if rule not in BREAKS:
        raise NotViolable(f"NCTS rule {rule}: the WCO strategies have no violator for it yet")
    # a TIR declaration is in NCTS from a common transit country (CL009)
    return Needs(
        kinds=("transit",),
        regimes=("TIR",) if rule == "R0849" else ("NCTS",),
        declaration_types=_TYPES.get(rule, ()),
        # C0598 judges offices of transit in the security agreement area (CL147)
        transit=tuple(sorted(_codes("ncts:CL147", today_utc()))) if rule == "C0598" else (),
    )


def _judged(decl: Declaration, rule: str) -> bool:
    """Whether the rule judges the declaration on its date (a transitional rule of
    Appendix Q2 switches some rules off until TPendDate)."""
    stamp = decl.issued_at
    day: date | None = stamp.value.date() if stamp is not None and stamp.value else None
    return rule not in TRANSITIONAL or (day is not None and day > TPEND_DATE)


@violator("ncts-rule", needs=_needs, built_on=("transit",))
def _ncts_rule(t: ViolationTarget) -> None:
    rule = str(t.params["rule"])
    if not _judged(t.declaration, rule):
        reject()
    BREAKS[rule](t)
