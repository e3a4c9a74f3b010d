"""Violators of the NCTS rules and conditions (predicate ``ncts-rule``, DDNTA Appendix Q2)
on WCO-layout transit declarations lodged in NCTS.

One table, :data:`BREAKS`, says for each rule id how a valid NCTS declaration is broken
(a function that changes it in place); :data:`NOT_BROKEN` says, for each rule the WCO
strategies leave alone, why. The builders satisfy every rule by construction
(:func:`single_window.testing._transit._ncts_data`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window._values import Code, Identifier, Measure
from single_window.models import (
    UCR,
    AdditionalInformation,
    Declaration,
    ExitOffice,
    GovernmentAgencyGoodsItemAdditionalInformation,
)
from single_window.rules._kinds import Needs, NotViolable
from single_window.rules._ncts_read import TPEND_DATE, TRANSITIONAL
from single_window.rules._selected import text_of
from single_window.testing._target import ViolationTarget, violator
from single_window.testing._writers import rebalance

__all__ = ["BREAKS", "NOT_BROKEN"]

Break = Callable[[ViolationTarget], None]

#: Why the WCO strategies do not break a rule: its condition reads a flag of the NCTS
#: transit operation that the WCO layout does not carry, so on a WCO declaration the rule
#: does not apply.
_FLAG = "its condition reads the {} that only an NCTS message carries"
_SECURITY = _FLAG.format("security type")
_ADDITIONAL = _FLAG.format("additional declaration type")
_REDUCED = _FLAG.format("reduced data set indicator")

#: The rules the WCO strategies do not break, with the reason.
NOT_BROKEN: dict[str, str] = {
    "C0101": _REDUCED,
    "C0186": _SECURITY,
    "C0191": _SECURITY,
    "C0403": _ADDITIONAL,
    "C0531": _SECURITY,
    "C0587": _SECURITY,
    "C0598": _SECURITY,
    "C0599": _ADDITIONAL,
    "C0710": _ADDITIONAL,
    "C0806": _ADDITIONAL,
    "C0822": _ADDITIONAL,
    "R0350": _REDUCED,
    "R0849": _REDUCED,
    "R0859": _REDUCED,
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
    consignment = t.declaration.goods_shipment.consignment  # type: ignore[union-attr]
    if consignment is None or not any(e.id for e in consignment.transport_equipments):
        reject()
    consignment.container_code = Code(value="0")


def _equipment_without_indicator(t: ViolationTarget) -> None:
    """C0823: transport equipment without the container indicator."""
    consignment = t.declaration.goods_shipment.consignment  # type: ignore[union-attr]
    if consignment is None or not consignment.transport_equipments:
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
    number = "UCR" + t.draw(st.text("0123456789", min_size=6, max_size=10))
    shipment.ucr = UCR(id=Identifier(value=number))
    t.item.ucr = UCR(id=Identifier(value=number))


def _same_ucr_on_every_item(t: ViolationTarget) -> None:
    """R0507: every goods item gives its own UCR, all the same."""
    items = t.declaration.goods_items
    if len(items) < 2:
        reject()
    number = "UCR" + t.draw(st.text("0123456789", min_size=6, max_size=10))
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


def _lowercase_border_means(t: ViolationTarget) -> None:
    """R0076: the border means' identification in lowercase."""
    for means in t.declaration.border_transport_means:
        number = text_of(means.id) or ""
        if text_of(means.identification_type_code) in _UPPER_TYPES and number != number.lower():
            means.id = Identifier(value=number.lower())
            return
    reject()


def _two_border_means(t: ViolationTarget) -> None:
    """R0789: two active border means without an office of transit."""
    decl = t.declaration
    if decl.transit_offices or not decl.border_transport_means:
        reject()
    decl.border_transport_means.append(decl.border_transport_means[0].model_copy(deep=True))


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


#: How each rule the WCO strategies break is broken, by DDNTA id.
BREAKS: dict[str, Break] = {
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
    "R0789": _two_border_means,
    "R3060": _consignee_unknown,
    "R3061": _item_consignee_unknown,
}


def _needs(params: Mapping[str, Any]) -> Needs:
    rule = str(params["rule"])
    if rule in NOT_BROKEN:
        raise NotViolable(f"NCTS rule {rule}: {NOT_BROKEN[rule]}")
    if rule not in BREAKS:
        raise NotViolable(f"NCTS rule {rule}: the WCO strategies have no violator for it yet")
    return Needs(kinds=("transit",), regimes=("NCTS",))


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
