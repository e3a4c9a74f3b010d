"""Violators of the NCTS rules and conditions on the consignment's own data: house
consignments, departure transport means, and the consignment's consignor and transport
charges (see :mod:`single_window.testing._ddnta_violators`, which registers them)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from hypothesis import reject
from hypothesis import strategies as st

from single_window._values import Measure, Numeric
from single_window.models import (
    AdditionalReference,
    DeclarationConsignment,
    DepartureTransportMeans,
    GoodsLocation,
    HouseConsignment,
)
from single_window.rules._selected import text_of
from single_window.testing._ddnta_flags import consignment_of, declaring_country
from single_window.testing._target import ViolationTarget

__all__ = ["BREAKS"]

Break = Callable[[ViolationTarget], None]

# --- house consignments ------------------------------------------------------------------


def _house(t: ViolationTarget, **data: object) -> None:
    """Give the declaration one house consignment (holding every goods item) with ``data``
    (model data)."""
    shipment = t.declaration.goods_shipment
    assert shipment is not None
    house = {"sequence_numeric": {"value": 1}, **data}
    shipment.house_consignments.append(HouseConsignment.model_validate(house))


def _house_consignee(t: ViolationTarget) -> None:
    """C0001: a house consignment gives the consignee the consignment gives."""
    shipment = t.declaration.goods_shipment
    if shipment is None or shipment.consignee is None:
        reject()
    _house(t, consignee=shipment.consignee.model_dump(exclude_none=True))


def _house_consignee_unknown(t: ViolationTarget) -> None:
    """R3062: a house consignment's additional information 30600."""
    _house(t, additional_information=[{"statement_code": {"value": "30600"}}])


def _mass(t: ViolationTarget, bump: Decimal) -> dict[str, object]:
    total = t.declaration.total_gross_mass_measure
    if total is None:
        reject()
    return {"value": total.value + bump, "unit": total.unit}


def _light_house(t: ViolationTarget) -> None:
    """R0983: a house consignment lighter than its goods items."""
    total = t.declaration.total_gross_mass_measure
    if total is None or total.value < Decimal("0.002"):
        reject()
    less = min(Decimal("0.500"), (total.value / 2).quantize(Decimal("0.001")))
    _house(t, total_gross_mass_measure=_mass(t, -less))


def _heavy_house(t: ViolationTarget) -> None:
    """R0994: a house consignment heavier than the consignment (and than its items)."""
    _house(t, total_gross_mass_measure=_mass(t, Decimal("1.000")))


def _same_house_consignees(t: ViolationTarget) -> None:
    """R0506: two house consignments with the same consignee (not on the consignment)."""
    decl = t.declaration
    shipment = decl.goods_shipment
    items = decl.goods_items
    if shipment is None or shipment.consignee is None or len(items) < 2:
        reject()
    consignee = shipment.consignee.model_dump(exclude_none=True)
    shipment.consignee = None
    for number in (1, 2):
        house = {"sequence_numeric": {"value": number}, "consignee": consignee}
        shipment.house_consignments.append(HouseConsignment.model_validate(house))
    for position, item in enumerate(items):
        item.house_consignment_sequence_numeric = Numeric(value=Decimal(min(position + 1, 2)))


# --- departure transport means -------------------------------------------------------------

#: The departure means that break each rule: the inland mode, and each means' type of
#: identification and identifier (R0472 a type of another mode, R0473 lowercase, R0474 a
#: trailer first by road, R0476 a second road vehicle, R0855 four by road, C0826 by post).
_DEPARTURE_MEANS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "C0826": ("5", (("30", "AB123CD"),)),
    "R0472": ("2", (("30", "AB123CD"),)),
    "R0473": ("3", (("30", "ab123cd"),)),
    "R0474": ("3", (("31", "TR12345"),)),
    "R0476": ("3", (("30", "AB123CD"), ("30", "EF456GH"))),
    "R0855": ("3", (("30", "AB123CD"), ("31", "TR1"), ("31", "TR2"), ("31", "TR3"))),
}


def _departure_means(rule: str) -> Break:
    mode, means = _DEPARTURE_MEANS[rule]

    def breaks(t: ViolationTarget) -> None:
        consignment, country = consignment_of(t), declaring_country(t)
        for kind, number in means:
            data = {
                "mode_code": {"value": mode},
                "identification_type_code": {"value": kind},
                "id": {"value": number},
                "registration_nationality_code": {"value": country},
            }
            consignment.departure_transport_means.append(
                DepartureTransportMeans.model_validate(data)
            )

    return breaks


def _on_consignment(t: ViolationTarget, **data: object) -> None:
    """Add ``data`` (model data) to the declaration's consignment."""
    decl = t.declaration
    given = decl.consignment.model_dump(exclude_none=True) if decl.consignment else {}
    decl.consignment = DeclarationConsignment.model_validate({**given, **data})


def _house_consignor(t: ViolationTarget) -> None:
    """C0542: a house consignment's consignor beside the consignment's."""
    consignor = {"name": {"value": "CONSIGNOR " + t.draw(st.sampled_from("ABC"))}}
    _on_consignment(t, consignor=consignor)
    _house(t, consignor=consignor)


def _house_freight(t: ViolationTarget) -> None:
    """C0337: a house consignment's transport charges beside the consignment's."""
    freight = {"payment_method_code": {"value": t.draw(st.sampled_from("ABC"))}}
    _on_consignment(t, freight=freight)
    _house(t, freight=freight)


def _additional_identifier_alone(t: ViolationTarget) -> None:
    """C0671: a location of goods (the office of departure) with an additional identifier
    and neither an economic operator nor an authorisation number."""
    decl = t.declaration
    consignment = decl.goods_shipment.consignment  # type: ignore[union-attr]
    office = text_of(decl.declaration_office_id)
    if consignment is None or office is None:
        reject()
    location = {
        "type_code": {"value": "A"},
        "customs_office_id": {"value": office},
        "additional_identifier_id": {"value": "AB12"},
        "address": {"type_code": {"value": "V"}},
    }
    consignment.goods_location = GoodsLocation.model_validate(location)


def _exported_without_net_mass(t: ViolationTarget) -> None:
    """C0837: a house consignment under an export declaration (N830) with a goods item
    without its net mass."""
    measure = t.item.commodity.goods_measure if t.item.commodity else None
    if measure is None or measure.net_net_weight_measure is None:
        reject()
    measure.net_net_weight_measure = None
    document = {
        "category_code": {"value": "N"},
        "type_code": {"value": "830"},
        "id": {"value": "EX" + t.draw(st.text("0123456789", min_size=8, max_size=12))},
    }
    _house(t, previous_documents=[document])


def _exported_excise_not_t1(t: ViolationTarget) -> None:
    """R0601: excise goods (an e-AD reference) of a T2 or T2F item in a house consignment
    under an export declaration (N830), where they must be T1."""
    decl = t.declaration
    item = t.item
    kind = text_of(item.declaration_type_code) or text_of(decl.type_code)
    if kind not in {"T2", "T2F"}:
        reject()  # rare: the rule's needs ask the builder for a T2 or T2F declaration
    for each in decl.goods_items:
        # under an export declaration every item gives its net mass (C0837): an item
        # without one gets its gross mass as net mass (R0223: never more than the gross)
        measure = each.commodity.goods_measure if each.commodity else None
        if measure is None or measure.gross_mass_measure is None:
            reject()
        if measure.net_net_weight_measure is None:
            gross = measure.gross_mass_measure
            measure.net_net_weight_measure = Measure(value=gross.value, unit=gross.unit)
    arc = f"{t.today:%y}GB" + t.draw(st.text("0123456789", min_size=16, max_size=16)) + "A"
    excise = {"type_code": {"value": "C651"}, "id": {"value": arc}}
    item.additional_references.append(AdditionalReference.model_validate(excise))
    document = {
        "category_code": {"value": "N"},
        "type_code": {"value": "830"},
        "id": {"value": "EX" + t.draw(st.text("0123456789", min_size=8, max_size=12))},
    }
    _house(t, previous_documents=[document])


#: How each rule broken on the consignment's own data is broken, by DDNTA id.
BREAKS: dict[str, Break] = {
    "C0001": _house_consignee,
    "R3062": _house_consignee_unknown,
    "R0983": _light_house,
    "R0994": _heavy_house,
    "R0506": _same_house_consignees,
    **{rule: _departure_means(rule) for rule in _DEPARTURE_MEANS},
    "C0542": _house_consignor,
    "C0337": _house_freight,
    "C0671": _additional_identifier_alone,
    "C0837": _exported_without_net_mass,
    "R0601": _exported_excise_not_t1,
}
