"""What the transit and corridor violators share: how they are marked, what they need, the
rule's params as text, the declaration's day, and how the goods are sent elsewhere."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from hypothesis import reject

from single_window._values import CountryCode, Identifier
from single_window.models import Declaration, ObligationGuarantee
from single_window.rules._context import tir_type
from single_window.rules._kinds import Needs
from single_window.rules._route import office_country, route_of
from single_window.rules._selected import text_of
from single_window.testing._target import ViolationTarget
from single_window.testing._target import violator as marked

__all__ = [
    "declared_day",
    "move_destination",
    "param_choices",
    "param_strings",
    "regime_needs",
    "tir_carnets",
    "violator",
]

#: Marks a violator of a predicate the builders satisfy by construction on transit
#: declarations.
violator = functools.partial(marked, built_on=("transit",))


def regime_needs(*regimes: str) -> Callable[[Mapping[str, Any]], Needs]:
    """Needs for a rule that judges transit declarations of these regimes."""

    def needs(_params: Mapping[str, Any]) -> Needs:
        return Needs(kinds=("transit",), regimes=regimes)

    return needs


def param_strings(params: Mapping[str, Any], key: str) -> list[str]:
    """A rule's list param as text (empty when the rule does not give it)."""
    return [str(v) for v in params.get(key, ())]


def param_choices(params: Mapping[str, Any], key: str) -> list[str]:
    """A rule's list param as text, the values a violation draws from (a rule that gives
    none is rejected)."""
    found = param_strings(params, key)
    if not found:
        reject()
    return found


def tir_carnets(t: ViolationTarget) -> list[ObligationGuarantee]:
    """The declaration's TIR carnets: its guarantees of the rule's ``tir_type`` (default
    ``B``); a declaration without one is rejected."""
    carnet_type = tir_type(t.params)
    found = [
        g
        for g in t.declaration.obligation_guarantees
        if text_of(g.security_details_code) == carnet_type
    ]
    if not found:
        reject()
    return found


def declared_day(decl: Declaration) -> date:
    """The declaration's date as written (the declaring country's calendar); a declaration
    without one is rejected."""
    stamp = decl.issued_at
    if stamp is None or stamp.value is None:
        reject()
    assert stamp is not None and stamp.value is not None
    return stamp.value.date()


def move_destination(decl: Declaration, new: str) -> None:
    """Send the goods to another country: the office of destination (when its reference
    starts with the country code), offices of transit there, the routing countries, the
    destination and the consignee's address follow."""
    old = route_of(decl).destination
    if old is None:
        reject()
    office = decl.destination_office
    if office is not None and office.id is not None and office_country(office.id.value) == old:
        office.id = Identifier(value=new + office.id.value[2:])
    for transit in decl.transit_offices:
        if transit.id is not None and office_country(transit.id.value) == old:
            transit.id = Identifier(value=new + transit.id.value[2:])
    if decl.consignment is not None:
        for leg in decl.consignment.itineraries:
            if text_of(leg.routing_country_code) == old:
                leg.routing_country_code = CountryCode(value=new)
    shipment = decl.goods_shipment
    if shipment is None:
        reject()
    assert shipment is not None
    if shipment.destination is not None:
        shipment.destination.country_code = CountryCode(value=new)
    consignee = shipment.consignee
    address = consignee.address if consignee is not None else None
    if address is not None and text_of(address.country_code) == old:
        address.country_code = CountryCode(value=new)
