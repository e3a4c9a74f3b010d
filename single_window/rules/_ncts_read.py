"""Reading the canonical view for the NCTS rule checks (:mod:`single_window.rules._ncts`):
the transit operation's flags, the levels of a transit declaration, its means of transport
and offices, and membership of the NCTS code lists on the rule's date."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from single_window import codelists
from single_window.models import (
    Declaration,
    GovernmentAgencyGoodsItem,
    HouseConsignment,
    TransportEquipment,
)
from single_window.rules._context import Context
from single_window.rules._regimes import in_regime
from single_window.rules._route import office_country
from single_window.rules._selected import text_of


def _value(node: object) -> Any:
    return getattr(node, "value", None)


def _number(node: object) -> Decimal | None:
    value = _value(node)
    return value if isinstance(value, Decimal) else None


def _has(node: object) -> bool:
    """Whether a leaf holds a value, or a group is there."""
    if node is None:
        return False
    if hasattr(node, "value"):
        return _value(node) not in (None, "")
    return True


def _security(decl: Declaration) -> str | None:
    return text_of(decl.safety_and_security_code)


def _additional(decl: Declaration) -> str | None:
    return text_of(decl.additional_type_code)


def _reduced(decl: Declaration) -> str | None:
    return text_of(decl.reduced_data_set_indicator_code)


def _consignment(decl: Declaration) -> Any:
    shipment = decl.goods_shipment
    return shipment.consignment if shipment is not None else None


def _houses(decl: Declaration) -> list[HouseConsignment]:
    shipment = decl.goods_shipment
    return list(shipment.house_consignments) if shipment is not None else []


def _items_of(decl: Declaration, house: HouseConsignment) -> list[GovernmentAgencyGoodsItem]:
    """The goods items of a house consignment (all of them when it is the only one)."""
    houses = _houses(decl)
    if len(houses) <= 1:
        return list(decl.goods_items)
    number = _number(house.sequence_numeric)
    return [i for i in decl.goods_items if _number(i.house_consignment_sequence_numeric) == number]


def _authorisations(decl: Declaration) -> set[str]:
    found: set[str] = set()
    for document in decl.additional_documents:
        code = document.code
        if code:
            found.add(code)
    return found


def _equipments(decl: Declaration) -> list[TransportEquipment]:
    consignment = _consignment(decl)
    return list(consignment.transport_equipments) if consignment is not None else []


def _identified(means: object) -> bool:
    """Whether a means of transport is given (not only the mode the layout keeps on it)."""
    return any(
        _has(getattr(means, name, None))
        for name in (
            "id",
            "identification_type_code",
            "registration_nationality_code",
            "conveyance_reference_id",
            "customs_office_id",
        )
    )


def _border_means(decl: Declaration) -> list[Any]:
    return [m for m in decl.border_transport_means if _identified(m)]


def _departure_means(decl: Declaration) -> list[Any]:
    consignment = _consignment(decl)
    means = consignment.departure_transport_means if consignment is not None else []
    return [m for m in means if _identified(m)]


def _inland_mode(decl: Declaration) -> str | None:
    consignment = _consignment(decl)
    for means in consignment.departure_transport_means if consignment is not None else ():
        return text_of(means.mode_code)
    return None


def _departure(decl: Declaration) -> str | None:
    return office_country(text_of(decl.declaration_office_id))


def _destination(decl: Declaration) -> str | None:
    office = decl.destination_office
    return office_country(text_of(office.id)) if office is not None else None


def _freight(decl: Declaration) -> Any:
    return decl.consignment.freight if decl.consignment is not None else None


def in_cl010(country: str | None, ctx: Context) -> bool:
    """Whether a country is in the Union's customs territory (CL010) on the rule's date."""
    return in_regime("eu", country, ctx.as_of, ctx.extensions)


def in_list(name: str, code: str | None, ctx: Context) -> bool:
    """Whether a code is in the NCTS code list ``name`` on the rule's date."""
    return code is not None and codelists.contains(name, code, ctx.as_of)
