"""Violators of the corridor predicates (:mod:`single_window.rules._corridor`): each breaks
one rule on a valid transit declaration of a regime the rule judges and leaves every other
rule satisfied.

How each rule is broken (the values come from the rule's params where it gives them):

- ``tir-carnet-validity``: the carnet's final date of validity is set before the
  declaration's date;
- ``tir-vouchers``: the carnet gets fewer vouchers than a pair per country of the route;
- ``etir-no-vouchers``: the declaration states the eTIR marker and keeps (or gets) a number
  of vouchers;
- ``tir-heavy-bulky``: the seals are removed and the heavy or bulky goods endorsement is
  stated;
- ``transit-limit-date``: the limit date is set before the declaration's date;
- ``eaeu-preliminary-information``: the goods come from a country outside the EAEU by a
  mode of the rule (road where it can) and the preliminary information number is removed;
- ``eaeu-identification``: the border mode becomes one of the rule's and the seals are
  removed;
- ``rail-document``: the border mode becomes rail and every rail consignment note is
  removed;
- ``caspian-leg``: the itinerary crosses between two countries of a pair by road;
- ``national-transit``: the goods go to the departure's own country, and the route names
  no other.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import reject
from hypothesis import strategies as st

import single_window.testing._transit_common as transit
from single_window._values import Code, CountryCode, DateTime, Numeric, Quantity
from single_window.models import (
    AdditionalInformation,
    BorderTransportMeans,
    Declaration,
    DeclarationAdditionalDocument,
    DeclarationConsignment,
    ExportCountry,
    Itinerary,
)
from single_window.rules._corridor import statements
from single_window.rules._regimes import in_regime
from single_window.rules._route import route_of
from single_window.testing._options import OUTSIDE_PARTNERS
from single_window.testing._target import ViolationTarget

__all__: list[str] = []


def _date(day: date) -> DateTime:
    value = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return DateTime(value=value, format_code="102")


def _state(decl: Declaration, code: str) -> None:
    decl.additional_information.append(AdditionalInformation(statement_code=Code(value=code)))


def _set_border_mode(decl: Declaration, mode: str) -> None:
    if not decl.border_transport_means:
        decl.border_transport_means.append(BorderTransportMeans())
    decl.border_transport_means[0].mode_code = Code(value=mode)


def _seal_free(decl: Declaration) -> None:
    shipment = decl.goods_shipment
    if shipment is None or shipment.consignment is None:
        reject()
    assert shipment is not None and shipment.consignment is not None
    for equipment in shipment.consignment.transport_equipments:
        equipment.seals = []


# --- TIR -------------------------------------------------------------------------------------


@transit.violator("tir-carnet-validity", needs=transit.regime_needs("TIR"))
def _expired_carnet(t: ViolationTarget) -> None:
    before = transit.declared_day(t.declaration) - timedelta(days=t.draw(st.integers(1, 400)))
    for carnet in transit.tir_carnets(t):
        carnet.expiration_date_time = _date(before)


@transit.violator("tir-vouchers", needs=transit.regime_needs("TIR"))
def _too_few_vouchers(t: ViolationTarget) -> None:
    if statements(t.declaration) & set(transit.param_strings(t.params, "etir")):
        reject()
    countries = len(dict.fromkeys(route_of(t.declaration).order))
    needed = int(t.params.get("per_country", 2)) * countries
    for carnet in transit.tir_carnets(t):
        carnet.voucher_quantity = Quantity(value=Decimal(t.draw(st.integers(1, needed - 1))))


@transit.violator("etir-no-vouchers", needs=transit.regime_needs("TIR"))
def _etir_with_vouchers(t: ViolationTarget) -> None:
    markers = transit.param_choices(t.params, "etir")
    _state(t.declaration, t.draw(st.sampled_from(markers)))
    for carnet in transit.tir_carnets(t):
        if carnet.voucher_quantity is None:
            carnet.voucher_quantity = Quantity(value=Decimal(t.draw(st.sampled_from((4, 14)))))


@transit.violator("tir-heavy-bulky", needs=transit.regime_needs("TIR"))
def _heavy_bulky_unsealed(t: ViolationTarget) -> None:
    endorsements = transit.param_choices(t.params, "statements")
    transit.tir_carnets(t)
    _seal_free(t.declaration)
    _state(t.declaration, t.draw(st.sampled_from(endorsements)))


# --- dates -----------------------------------------------------------------------------------


@transit.violator("transit-limit-date", needs=transit.regime_needs("TIR", "NCTS", "EAEU"))
def _limit_date_passed(t: ViolationTarget) -> None:
    before = transit.declared_day(t.declaration) - timedelta(days=t.draw(st.integers(1, 30)))
    decl = t.declaration
    decl.transit_limit_date_time = _date(before)
    if decl.transit_type is not None and "C521" not in {d.code for d in decl.additional_documents}:
        # NCTS takes a limit date only from an authorised consignor (C0839)
        authorisation = {"category_code": {"value": "C"}, "type_code": {"value": "521"}}
        decl.additional_documents.append(
            DeclarationAdditionalDocument.model_validate(authorisation)
        )


# --- EAEU customs transit ----------------------------------------------------------------------


@transit.violator("eaeu-preliminary-information", needs=transit.regime_needs("EAEU"))
def _unannounced(t: ViolationTarget) -> None:
    decl = t.declaration
    modes = transit.param_choices(t.params, "modes")
    # By road where the rule watches it: a rail border mode also asks for a rail note.
    _set_border_mode(decl, "3" if "3" in modes else t.draw(st.sampled_from(modes)))
    day = transit.declared_day(decl)
    on_route = set(route_of(decl).roles)
    outside = [c for c in OUTSIDE_PARTNERS if c not in on_route and not in_regime("eaeu", c, day)]
    shipment = decl.goods_shipment
    if not outside or shipment is None:
        reject()
    assert shipment is not None
    shipment.export_country = ExportCountry(id=CountryCode(value=t.draw(st.sampled_from(outside))))
    if decl.consignment is not None:
        decl.consignment.preliminary_information_id = None


@transit.violator("eaeu-identification", needs=transit.regime_needs("EAEU"))
def _unidentified(t: ViolationTarget) -> None:
    modes = transit.param_choices(t.params, "modes")
    _set_border_mode(t.declaration, t.draw(st.sampled_from(modes)))
    _seal_free(t.declaration)


# --- rail and sea legs ---------------------------------------------------------------------------


@transit.violator("rail-document", needs=transit.regime_needs("TIR", "NCTS"))
def _rail_without_note(t: ViolationTarget) -> None:
    modes = transit.param_choices(t.params, "modes")
    decl = t.declaration
    _set_border_mode(decl, t.draw(st.sampled_from(modes)))
    shipment = decl.goods_shipment
    if shipment is None:
        reject()
    assert shipment is not None
    if shipment.consignment is not None:
        shipment.consignment.transport_contract_documents = []
    for house in shipment.house_consignments:
        house.transport_contract_documents = []
    for item in shipment.government_agency_goods_items:
        item.transport_contract_documents = []


@transit.violator("caspian-leg", needs=transit.regime_needs("TIR"))
def _across_by_road(t: ViolationTarget) -> None:
    decl = t.declaration
    pairs = sorted(transit.param_strings(t.params, "pairs"))
    if not pairs:
        reject()
    first, second = t.draw(st.sampled_from(pairs)).split("-")
    if t.draw(st.booleans()):
        first, second = second, first
    route = route_of(decl)
    start, end = route.order[0], route.order[-1]
    stated = list(dict.fromkeys([start, first, second, *route.order[1:-1], end]))
    # The route as it will be read: departure, the routing countries between, destination.
    order = [start, *(c for c in stated if c not in (start, end)), end]
    if second not in order or order.index(second) != order.index(first) + 1:
        reject()
    legs = [
        Itinerary(
            sequence_numeric=Numeric(value=Decimal(n)),
            routing_country_code=CountryCode(value=c),
            mode_code=Code(value="3") if c == second else None,
        )
        for n, c in enumerate(stated, start=1)
    ]
    if decl.consignment is None:
        decl.consignment = DeclarationConsignment(itineraries=legs)
    else:
        decl.consignment.itineraries = legs


# --- national transit ----------------------------------------------------------------------------


@transit.violator("national-transit", needs=transit.regime_needs("NCTS"))
def _national(t: ViolationTarget) -> None:
    decl = t.declaration
    country = str(t.params.get("country", ""))
    route = route_of(decl)
    if route.departure != country or not country:
        reject()
    transit.move_destination(decl, country)
    decl.transit_offices = []
    if decl.consignment is not None:
        decl.consignment.itineraries = []
    shipment = decl.goods_shipment
    if shipment is not None:
        shipment.consignee = None
