"""Predicates of the corridor's transit data: the TIR carnet's validity and vouchers, eTIR,
heavy or bulky goods, the transit limit date, EAEU preliminary information and
identification, rail legs, the Caspian ferry leg and Türkiye's national transit.

Where the layout puts these data (see the page "Transit on the Middle Corridor"):

- the TIR carnet is the guarantee of the TIR type (``B``): its number in ``ReferenceID``,
  its final date of validity in ``ExpirationDateTime`` and its number of vouchers in
  ``VoucherQuantity`` (OTS additions);
- endorsements and markers the declaration states are ``AdditionalInformation`` elements
  of the declaration, by ``StatementCode`` (the rule's params name the codes);
- the transit limit date (the NCTS limit date, the EAEU transit period) is
  ``TransitLimitDateTime``; the EAEU preliminary information number
  ``Consignment/PreliminaryInformationID`` (OTS additions);
- transport documents are ``TransportContractDocument`` elements (of the goods shipment's
  consignment, the house consignments and the goods items); the mode of transport of each
  leg is ``Itinerary/ModeCode`` (OTS addition), the mode at the border that of the first
  ``BorderTransportMeans``.

The facts each predicate applies (codes, modes, pairs of countries) come from the rule's
``params`` in the pack, where their sources are cited.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from single_window._model_api import TRANSIT_PROCEDURES, DocumentCodeAPI
from single_window._values import DateTime, Located
from single_window.models import Declaration, ObligationGuarantee
from single_window.rules._context import Context, tir_type
from single_window.rules._regimes import in_regime
from single_window.rules._registry import Params, Violation, predicate
from single_window.rules._selected import text_of

__all__: list[str] = []


def _strings(params: Params, name: str, default: Iterable[str] = ()) -> frozenset[str]:
    return frozenset(str(v) for v in params.get(name, default))


def statements(decl: Declaration) -> set[str]:
    """The statement codes of the declaration's own ``AdditionalInformation``."""
    return {code for info in decl.additional_information if (code := text_of(info.statement_code))}


def _written(leaf: DateTime) -> str:
    """A date as the document writes it (``20261031``), for the finding's value."""
    if leaf.raw:
        return leaf.raw.strip()
    assert leaf.value is not None
    return leaf.value.strftime("%Y%m%d")


def _carnets(decl: Declaration, params: Params) -> list[ObligationGuarantee]:
    """The TIR carnets of a TIR declaration (its guarantees of the ``tir_type``)."""
    if decl.transit_type != "TIR":
        return []
    carnet_type = tir_type(params)
    return [
        g for g in decl.obligation_guarantees if text_of(g.security_details_code) == carnet_type
    ]


def _eaeu_transit(decl: Declaration) -> bool:
    """Whether the declaration is an EAEU customs transit (procedure 80, no NCTS type)."""
    if decl.transit_type is not None:
        return False
    return any((item.procedure_code or "")[:2] in TRANSIT_PROCEDURES for item in decl.goods_items)


def _modes(decl: Declaration) -> set[str]:
    """Every mode of transport the declaration states: at the border, at departure and on
    each leg of its itinerary."""
    found = {text_of(m.mode_code) for m in decl.border_transport_means}
    shipment = decl.goods_shipment
    if shipment is not None and shipment.consignment is not None:
        found |= {text_of(m.mode_code) for m in shipment.consignment.departure_transport_means}
    if decl.consignment is not None:
        found |= {text_of(leg.mode_code) for leg in decl.consignment.itineraries}
    return {m for m in found if m is not None}


# --- TIR ---------------------------------------------------------------------------------


@predicate("tir-carnet-validity", "declaration")
def tir_carnet_validity(ctx: Context, params: Params) -> Iterator[Violation]:
    """A TIR carnet is presented no later than its final date of validity: the
    declaration's date is not after the carnet's ``ExpirationDateTime``."""
    if not ctx.dated:
        return
    for carnet in _carnets(ctx.declaration, params):
        last = carnet.expiration_date_time
        if last is None or last.value is None:
            continue
        day = last.value.date()
        if ctx.as_of > day:
            written = _written(last)
            yield Violation(
                last,
                written,
                {"value": written, "day": day.isoformat(), "date": ctx.as_of.isoformat()},
            )


@predicate("tir-vouchers", "declaration")
def tir_vouchers(ctx: Context, params: Params) -> Iterator[Violation]:
    """A paper TIR carnet has a pair of vouchers for each country of the TIR transport: its
    ``VoucherQuantity`` is at least twice the number of countries on the route. An eTIR
    declaration (a statement code of ``etir``) has no vouchers and is not judged here."""
    decl = ctx.declaration
    if statements(decl) & _strings(params, "etir"):
        return
    countries = len(dict.fromkeys(ctx.route.order))
    per_country = int(params.get("per_country", 2))
    for carnet in _carnets(decl, params):
        vouchers = carnet.voucher_quantity
        if vouchers is None or vouchers.value is None:
            continue
        needed = per_country * countries
        if vouchers.value < needed:
            shown = str(vouchers.value)
            yield Violation(
                vouchers, shown, {"value": shown, "expected": needed, "countries": countries}
            )


@predicate("etir-no-vouchers", "declaration")
def etir_no_vouchers(ctx: Context, params: Params) -> Iterator[Violation]:
    """An eTIR declaration (a statement code of ``etir``) gives no number of vouchers: the
    eTIR procedure has no paper carnet."""
    decl = ctx.declaration
    if not statements(decl) & _strings(params, "etir"):
        return
    for carnet in _carnets(decl, params):
        vouchers = carnet.voucher_quantity
        if vouchers is not None and vouchers.value is not None:
            yield Violation(vouchers, str(vouchers.value), {"value": str(vouchers.value)})


@predicate("tir-heavy-bulky", "declaration")
def tir_heavy_bulky(ctx: Context, params: Params) -> Iterator[Violation]:
    """A TIR load endorsed as heavy or bulky goods (a statement code of ``statements``)
    that lists no seal travels unsealed by the decision of the office of departure: said
    so, for the officers on the route."""
    decl = ctx.declaration
    if decl.transit_type != "TIR":
        return
    wanted = _strings(params, "statements")
    shipment = decl.goods_shipment
    consignment = shipment.consignment if shipment is not None else None
    equipments = consignment.transport_equipments if consignment is not None else []
    if any(e.seals for e in equipments):
        return
    for info in decl.additional_information:
        code = text_of(info.statement_code)
        if code in wanted:
            yield Violation(info.statement_code, code, {"value": code})
            return


# --- dates -------------------------------------------------------------------------------


@predicate("transit-limit-date", "declaration")
def transit_limit_date(ctx: Context, params: Params) -> Iterator[Violation]:
    """The date by which the goods must reach the office of destination
    (``TransitLimitDateTime``) is not before the declaration's own date."""
    limit = ctx.declaration.transit_limit_date_time
    if not ctx.dated or limit is None or limit.value is None:
        return
    day = limit.value.date()
    if day < ctx.as_of:
        written = _written(limit)
        yield Violation(
            limit, written, {"value": written, "day": day.isoformat(), "date": ctx.as_of}
        )


# --- EAEU customs transit ------------------------------------------------------------------


@predicate("eaeu-preliminary-information", "declaration")
def eaeu_preliminary_information(ctx: Context, params: Params) -> Iterator[Violation]:
    """An EAEU customs transit of goods brought in from a country outside the EAEU
    (``ExportCountry``) by a mode in ``modes`` (at the border) quotes the number of the
    preliminary information lodged for them (``Consignment/PreliminaryInformationID``)."""
    decl = ctx.declaration
    if not _eaeu_transit(decl):
        return
    mode = text_of(decl.border_mode)
    shipment = decl.goods_shipment
    origin = shipment.export_country if shipment is not None else None
    country = text_of(origin.id) if origin is not None else None
    if mode not in _strings(params, "modes") or country is None:
        return
    if in_regime("eaeu", country, ctx.as_of):
        return
    consignment = decl.consignment
    if consignment is not None and text_of(consignment.preliminary_information_id):
        return
    yield Violation(consignment, None, {"country": country, "mode": mode})


@predicate("eaeu-identification", "declaration")
def eaeu_identification(ctx: Context, params: Params) -> Iterator[Violation]:
    """An EAEU customs transit whose goods cross the border by a mode in ``modes`` lists
    the means of identification the office of departure applies: at least one seal."""
    decl = ctx.declaration
    if not _eaeu_transit(decl) or text_of(decl.border_mode) not in _strings(params, "modes"):
        return
    shipment = decl.goods_shipment
    consignment = shipment.consignment if shipment is not None else None
    equipments = consignment.transport_equipments if consignment is not None else []
    if not any(e.seals for e in equipments):
        yield Violation(consignment, None, {"mode": text_of(decl.border_mode)})


# --- rail and sea legs ---------------------------------------------------------------------


def _document_codes(decl: Declaration) -> set[str]:
    """The codes of every transport, previous and supporting document of the
    declaration: transport documents by their type, the others by their joined code."""
    shipment = decl.goods_shipment
    if shipment is None:
        return set()
    houses = shipment.house_consignments
    items = shipment.government_agency_goods_items
    transport = [
        *(shipment.consignment.transport_contract_documents if shipment.consignment else ()),
        *(d for h in houses for d in h.transport_contract_documents),
        *(d for i in items for d in i.transport_contract_documents),
    ]
    found = {code for d in transport if (code := text_of(d.type_code))}
    others: list[DocumentCodeAPI] = [*shipment.previous_documents, *shipment.additional_documents]
    for house in houses:
        others += [*house.previous_documents, *house.additional_documents]
    for item in items:
        others += [*item.previous_documents, *item.additional_documents]
    return found | {code for d in others if (code := d.code)}


@predicate("rail-document", "declaration")
def rail_document(ctx: Context, params: Params) -> Iterator[Violation]:
    """A transit declaration that moves the goods by rail (a mode in ``modes`` at the
    border, at departure or on a leg) quotes a rail consignment note (a document of one
    of the ``codes``)."""
    decl = ctx.declaration
    rail = _modes(decl) & _strings(params, "modes")
    if not rail or _document_codes(decl) & _strings(params, "codes"):
        return
    shipment = decl.goods_shipment
    node: Located | None = shipment.consignment if shipment is not None else None
    yield Violation(node or shipment, None, {"mode": min(rail)})


def _pairs(params: Params) -> set[frozenset[str]]:
    return {frozenset(str(p).split("-")) for p in params.get("pairs", ())}


@predicate("caspian-leg", "declaration")
def caspian_leg(ctx: Context, params: Params) -> Iterator[Violation]:
    """Two countries next to each other on the route that share no land border, only the
    Caspian Sea (``pairs``), are joined by a sea leg: the itinerary's leg into the second
    has ``ModeCode`` ``sea_mode``, or a means of transport at the border has."""
    decl = ctx.declaration
    sea = str(params.get("sea_mode", "1"))
    pairs = _pairs(params)
    legs = {
        text_of(leg.routing_country_code): leg
        for leg in (decl.consignment.itineraries if decl.consignment is not None else ())
    }
    by_sea = any(text_of(m.mode_code) == sea for m in decl.border_transport_means)
    order = ctx.route.order
    for before, after in pairwise(order):
        if frozenset((before, after)) not in pairs:
            continue
        leg = legs.get(after)
        stated = text_of(leg.mode_code) if leg is not None else None
        # The leg's own mode decides; without one, a means crossing by sea stands for it.
        if stated == sea or (stated is None and by_sea):
            continue
        node: Located | None = leg if leg is not None else decl.consignment
        yield Violation(node, after, {"from": before, "to": after, "mode": sea})


# --- national transit ----------------------------------------------------------------------


@predicate("national-transit", "declaration")
def national_transit(ctx: Context, params: Params) -> Iterator[Violation]:
    """An NCTS declaration (a type in ``types``) whose offices of departure and destination
    are both in the pack's ``country``, and which names no other country on its route, is
    a national transit: said so, for the officers."""
    decl = ctx.declaration
    country = str(params.get("country", ""))
    if decl.transit_type not in _strings(params, "types"):
        return
    route = ctx.route
    if route.departure == route.destination == country and set(route.order) == {country}:
        yield Violation(decl.destination_office, country, {"country": country})
