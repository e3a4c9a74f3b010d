"""Reading the canonical view for the NCTS rule checks (:mod:`single_window.rules._ncts`):
the transit operation's flags, the levels of a transit declaration, its means of transport
and offices, and membership of the NCTS code lists on the rule's date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
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

#: The last day of NCTS Phase 5's transitional period (TPendDate): the final state's rules
#: apply from 21 January 2025. HMRC, NCTS Phase 5 Technical Interface Specification, "Known
#: error list": "From January 21st 2025, post TPendDate (final state)". That is the date
#: the UK's NCTS applies; the date each other country's NCTS left the transitional period
#: was not found in a published text, so this one date is used for every country.
TPEND_DATE = date(2025, 1, 20)

#: The rules and conditions a transitional rule of DDNTA Appendix Q2 switches off until
#: TPendDate ("IF <Decisive Date> is LESS than or EQUAL to <TPendDate> THEN C0403 will be
#: disabled"), each with that transitional rule; what the transitional rule asks instead
#: is not checked.
TRANSITIONAL: dict[str, str] = {
    "C0001": "B1823",
    "C0191": "B1858",
    "C0403": "B1893",
    "C0502": "B1895",
    "C0586": "B1848",
    "C0587": "B1966",
    "C0598": "B1831",
    "C0599": "B1889",
    "C0710": "B1804",
    "C0806": "B1806",
    "C0826": "B1891",
    "C0837": "B1805",
    "C0909": "B1965",
    "R0005": "B1904",
    "R0076": "B1811",
    "R0106": "B1832",
    "R0219": "B1819",
    "R0220": "B1919",
    "R0221": "B1860",
    "R0364": "B1964",
    "R0473": "B1815",
    "R0601": "B1922",
    "R0855": "B1890",
    "R3061": "B1814",
}


def _value(node: object) -> Any:
    return getattr(node, "value", None)


def _number(node: object) -> Decimal | None:
    value = getattr(node, "value", None)
    return value if isinstance(value, Decimal) else None


_NO_VALUE = object()


def _has(node: object) -> bool:
    """Whether a leaf holds a value, or a group is there."""
    if node is None:
        return False
    value = getattr(node, "value", _NO_VALUE)
    return value is _NO_VALUE or value not in (None, "")


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


def codes_of(name: str, ctx: Context) -> frozenset[str]:
    """The codes of the NCTS code list ``name`` on the rule's date (upper case)."""
    return _codes(name, ctx.as_of)


def in_list(name: str, code: str | None, ctx: Context) -> bool:
    """Whether a code is in the NCTS code list ``name`` on the rule's date."""
    return code is not None and code.strip().upper() in _codes(name, ctx.as_of)


@lru_cache(maxsize=256)
def _codes(name: str, day: date) -> frozenset[str]:
    """The codes of list ``name`` in force on ``day`` (none when no edition is): looked up
    once per list and day, as the checks ask for every goods item."""
    found = codelists.get(name).edition(day)
    return frozenset(found.codes) if found is not None else frozenset()
