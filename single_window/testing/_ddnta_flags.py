"""Violators of the NCTS rules and conditions that depend on the transit operation's flags
(the additional declaration type, the security type, the reduced data set), which the
profile carries as ``AdditionalTypeCode``, ``SafetyAndSecurityCode`` and
``ReducedDataSetIndicatorCode`` and the strategies never draw (see
:mod:`single_window.testing._ddnta_violators`, which registers them).

Each break sets the flags the rule's condition reads, gives the declaration what those
flags make the other rules ask (a standard declaration, ``A``, names its place of loading
and its location of goods; security data ask for the countries of routing), and then
breaks the rule itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import reject

from single_window._values import Code, DateTime, Identifier
from single_window.models import (
    Consignment,
    DeclarationAdditionalDocument,
    DeclarationConsignment,
    ExitOffice,
    GoodsLocation,
    LoadingLocation,
    UnloadingLocation,
)
from single_window.rules._ncts_read import _codes
from single_window.rules._route import office_country
from single_window.rules._selected import text_of
from single_window.testing._target import ViolationTarget

__all__ = ["BREAKS", "consignment_of", "declaring_country", "judged_on"]

Break = Callable[[ViolationTarget], None]


def judged_on(t: ViolationTarget) -> date:
    """The day the rules judge the declaration by: its own date (membership of the NCTS
    code lists changes with it, Georgia's from 1 Feb 2025)."""
    stamp = t.declaration.issued_at
    return stamp.value.date() if stamp is not None and stamp.value is not None else t.today


def consignment_of(t: ViolationTarget) -> Consignment:
    """The goods shipment's consignment (a declaration without one is rejected)."""
    shipment = t.declaration.goods_shipment
    if shipment is None or shipment.consignment is None:
        reject()
    assert shipment is not None and shipment.consignment is not None
    return shipment.consignment


def declaring_country(t: ViolationTarget) -> str:
    """The declaration's responsible country (a declaration without one is rejected)."""
    metadata = t.declaration.metadata
    country = text_of(metadata.responsible_country_code) if metadata is not None else None
    if country is None:
        reject()
    assert country is not None
    return country


def _country(t: ViolationTarget) -> str:
    country = office_country(text_of(t.declaration.declaration_office_id))
    if country is None:
        reject()
    return country


def _standard(t: ViolationTarget, *, loading: bool = True, location: bool = True) -> None:
    """Make the declaration a standard one (additional declaration type A) with the
    place of loading (C0403) and location of goods (C0710) a standard one gives."""
    decl = t.declaration
    consignment = consignment_of(t)
    decl.additional_type_code = Code(value="A")
    if loading:
        place = {"name": {"value": "DEPARTURE"}, "country_code": {"value": _country(t)}}
        consignment.loading_location = LoadingLocation.model_validate(place)
    office = text_of(decl.declaration_office_id)
    if location and office is not None:
        found = {
            "type_code": {"value": "A"},
            "customs_office_id": {"value": office},
            "address": {"type_code": {"value": "V"}},
        }
        consignment.goods_location = GoodsLocation.model_validate(found)


def _security(t: ViolationTarget, code: str) -> None:
    """Give security data ``code``; 1, 2 and 3 ask for countries of routing (C0586),
    which then state the route the offices give when the declaration has none."""
    decl = t.declaration
    if code != "0" and (decl.consignment is None or not decl.consignment.itineraries):
        offices = [
            decl.declaration_office_id,
            *(o.id for o in decl.transit_offices),
            decl.destination_office.id if decl.destination_office else None,
        ]
        route = list(dict.fromkeys(office_country(text_of(o)) for o in offices))
        if None in route:
            reject()
        given = decl.consignment.model_dump(exclude_none=True) if decl.consignment else {}
        legs = [
            {"sequence_numeric": {"value": n}, "routing_country_code": {"value": c}}
            for n, c in enumerate(route, start=1)
        ]
        decl.consignment = DeclarationConsignment.model_validate({**given, "itineraries": legs})
    decl.safety_and_security_code = Code(value=code)


def _authorisation(t: ViolationTarget, code: str) -> None:
    # the whole code in TypeCode, as a CC015C's authorisation type reads
    document = {"type_code": {"value": code}}
    t.declaration.additional_documents.append(
        DeclarationAdditionalDocument.model_validate(document)
    )


def _no_net_mass(t: ViolationTarget) -> None:
    """Remove every net mass (not allowed with the reduced data set, C0837)."""
    for item in t.declaration.goods_items:
        measure = item.commodity.goods_measure if item.commodity else None
        if measure is not None:
            measure.net_net_weight_measure = None


def _freight_without_security(t: ViolationTarget) -> None:
    """C0186: transport charges without security data (security 0)."""
    _security(t, "0")
    decl = t.declaration
    given = decl.consignment.model_dump(exclude_none=True) if decl.consignment else {}
    freight = {"freight": {"payment_method_code": {"value": "A"}}}
    decl.consignment = DeclarationConsignment.model_validate({**given, **freight})


def _unloading_without_security(t: ViolationTarget) -> None:
    """C0191: a place of unloading without security data (security 0)."""
    _security(t, "0")
    place = {"name": {"value": "DESTINATION"}, "country_code": {"value": _country(t)}}
    consignment_of(t).unloading_location = UnloadingLocation.model_validate(place)


def _air_without_flight(t: ViolationTarget) -> None:
    """C0531: by air with exit security data and no conveyance reference number."""
    _security(t, "2")
    means = [m for m in t.declaration.border_transport_means if m.id is not None]
    if not means:
        reject()
    for each in t.declaration.border_transport_means:
        each.mode_code = Code(value="4")
        each.conveyance_reference_id = None


def _exit_without_security(t: ViolationTarget) -> None:
    """C0587: an office of exit for transit without exit security data (security 0)."""
    _security(t, "0")
    office = text_of(t.declaration.declaration_office_id)
    if office is None:
        reject()
    t.declaration.exit_offices.append(ExitOffice(id=Identifier(value=office)))


def _no_arrival(t: ViolationTarget) -> None:
    """C0598: with entry security data (1), an office of transit in the security area
    (CL147) without its estimated arrival (the place of unloading given, C0191)."""
    decl = t.declaration
    area = _codes("ncts:CL147", judged_on(t))
    inside = [o for o in decl.transit_offices if office_country(text_of(o.id)) in area]
    if not inside or decl.issue_date_time is None or decl.issue_date_time.value is None:
        reject()
    _security(t, "1")
    place = {"name": {"value": "DESTINATION"}, "country_code": {"value": _country(t)}}
    consignment_of(t).unloading_location = UnloadingLocation.model_validate(place)
    later = decl.issue_date_time.value + timedelta(days=2)
    for office in decl.transit_offices:
        office.estimated_arrival_date_time = DateTime(value=later, format_code="304")
    inside[0].estimated_arrival_date_time = None


def _standard_without_border_mode(t: ViolationTarget) -> None:
    """C0599: a standard declaration with security data and no border mode."""
    _standard(t)
    _security(t, "2")
    for means in t.declaration.border_transport_means:
        means.mode_code = None


def _standard_without_border_means(t: ViolationTarget) -> None:
    """C0806: a standard declaration with security data and no border means identified
    (only the mode kept)."""
    _standard(t)
    _security(t, "2")
    for means in t.declaration.border_transport_means:
        for name in ("id", "identification_type_code", "registration_nationality_code"):
            setattr(means, name, None)
        means.conveyance_reference_id = None
        means.customs_office_id = None


def _standard_without_container_indicator(t: ViolationTarget) -> None:
    """C0822: a standard declaration without the container indicator (and so without
    transport equipment, which needs it: C0823)."""
    _standard(t)
    consignment = consignment_of(t)
    consignment.container_code = None
    consignment.transport_equipments.clear()


def _standard_without_loading(t: ViolationTarget) -> None:
    """C0403: a standard declaration without its place of loading."""
    _standard(t, loading=False)


def _standard_without_location(t: ViolationTarget) -> None:
    """C0710: a standard declaration at an office outside the security area (CL147)
    without the location of goods."""
    if _country(t) in _codes("ncts:CL147", judged_on(t)):
        reject()
    _standard(t, location=False)


def _c524_without_reduced_set(t: ViolationTarget) -> None:
    """R0859: the reduced data set authorisation (C524) on a declaration that says it
    does not use the reduced data set (indicator 0)."""
    t.declaration.reduced_data_set_indicator_code = Code(value="0")
    _authorisation(t, "C524")


def _tir_reduced(t: ViolationTarget) -> None:
    """R0849: a TIR declaration with the reduced data set (and its authorisation C524,
    R0859; no net mass, C0837)."""
    in_ncts = _country(t) in _codes("ncts:CL009", judged_on(t))  # else TIR is outside NCTS
    if text_of(t.declaration.type_code) != "TIR" or not in_ncts:
        reject()
    t.declaration.reduced_data_set_indicator_code = Code(value="1")
    _authorisation(t, "C524")
    _no_net_mass(t)


#: How each flag rule is broken, by DDNTA id.
BREAKS: dict[str, Break] = {
    "C0186": _freight_without_security,
    "C0191": _unloading_without_security,
    "C0531": _air_without_flight,
    "C0587": _exit_without_security,
    "C0598": _no_arrival,
    "C0599": _standard_without_border_mode,
    "C0806": _standard_without_border_means,
    "C0822": _standard_without_container_indicator,
    "C0403": _standard_without_loading,
    "C0710": _standard_without_location,
    "R0859": _c524_without_reduced_set,
    "R0849": _tir_reduced,
}
