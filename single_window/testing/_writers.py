"""How the strategies write each field a check selects: the other half of the selectors.

:mod:`single_window.rules._selectors` gives the engine each field's reader; this module
gives the strategies, for the same fields, a :class:`~single_window.rules._kinds.FieldWriter`:
how to read the current value on a declaration, write a new one (and which elements it
lands in, so its form can be checked against the profile), remove it, or set an amount.
:func:`writer_of` finds a field's writer; a field the strategies cannot write has an empty
one. Adding a field is one entry in :data:`SELECTORS` and, when the strategies should
write it, one here.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, Literal

import pycountry

from single_window._spec import spec_of
from single_window._values import Amount, Code, CountryCode, Identifier, Measure
from single_window.models import (
    AdditionalDocument,
    BorderTransportMeans,
    Classification,
    Declaration,
    GovernmentAgencyGoodsItem,
    GovernmentProcedure,
    PreviousDocument,
)
from single_window.rules._kinds import FieldWriter, XmlPath
from single_window.rules._kinds._base import AmountPutter, Clearer, Getter, Putter
from single_window.rules._selected import text_of
from single_window.rules._selectors import Scope, Selector

__all__ = [
    "ITEM",
    "WRITERS",
    "item_writer",
    "rebalance",
    "split_document",
    "split_procedure",
    "writer_of",
]

#: Element names from the root to a goods item, for the XSD paths below.
ITEM = ("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem")


# --- shared pieces -----------------------------------------------------------------------


@cache
def _countries() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


@cache
def _currencies() -> tuple[str, ...]:
    return tuple(sorted(c.alpha_3 for c in pycountry.currencies))


def split_procedure(code: str, requested_length: int = 2) -> tuple[str, str]:
    """A procedure code as (current, previous): the requested part and the rest."""
    return code[:requested_length], code[requested_length:]


def split_document(code: str) -> tuple[str, str]:
    """A document code as (category, type): the last three characters are the type."""
    return code[:-3], code[-3:]


def _item(decl: Declaration, i: int) -> GovernmentAgencyGoodsItem:
    return decl.goods_items[i]


def _of_every_item(items: list[GovernmentAgencyGoodsItem], *steps: str) -> list[Any] | None:
    """The value at ``commodity/<steps>`` of every goods item, or None when an item lacks
    it."""
    found = []
    for item in items:
        value: Any = item.commodity
        for step in steps:
            value = getattr(value, step, None) if value is not None else None
        if value is None:
            return None
        found.append(value)
    return found


def rebalance(decl: Declaration) -> None:
    """Recompute the header totals from the goods items (after an item's amount or mass
    changed), where every item has the value and the units agree."""
    items = decl.goods_items
    charges = _of_every_item(items, "invoice_line", "item_charge_amount")
    if decl.invoice_amount is not None and charges is not None:
        decl.invoice_amount.value = sum((c.value for c in charges), Decimal(0))
    masses = _of_every_item(items, "goods_measure", "gross_mass_measure")
    total = decl.total_gross_mass_measure
    if total is not None and masses is not None and all(m.unit == total.unit for m in masses):
        total.value = sum((m.value for m in masses), Decimal(0))


# --- goods item fields ---------------------------------------------------------------------


def _put_commodity(decl: Declaration, i: int, value: str) -> None:
    commodity = _item(decl, i).commodity
    assert commodity is not None
    commodity.classifications = [
        Classification(id=Identifier(value=value), identification_type_code=Code(value="HS"))
    ]


def _clear_commodity(decl: Declaration, i: int) -> None:
    commodity = _item(decl, i).commodity
    assert commodity is not None
    commodity.classifications = []


def _put_procedure(decl: Declaration, i: int, value: str) -> None:
    current, previous = split_procedure(value)
    _item(decl, i).government_procedures = [
        GovernmentProcedure(
            current_code=Code(value=current),
            previous_code=Code(value=previous) if previous else None,
        )
    ]


def _put_requested(decl: Declaration, i: int, value: str) -> None:
    _item(decl, i).government_procedures[0].current_code = Code(value=value)


def _put_previous(decl: Declaration, i: int, value: str) -> None:
    _item(decl, i).government_procedures[0].previous_code = Code(value=value)


def _get_previous(decl: Declaration, i: int) -> str | None:
    gps = _item(decl, i).government_procedures
    return gps[0].previous_code.value if gps and gps[0].previous_code else None


def _clear_procedures(decl: Declaration, i: int) -> None:
    _item(decl, i).government_procedures = []


def _clear_previous(decl: Declaration, i: int) -> None:
    for gp in _item(decl, i).government_procedures:
        gp.previous_code = None


def _get_origin(decl: Declaration, i: int) -> str | None:
    origins = _item(decl, i).origins
    return text_of(origins[0].country_code) if origins else None


def _put_origin(decl: Declaration, i: int, value: str) -> None:
    origin = _item(decl, i).origins[0]
    old = origin.country_code
    origin.country_code = (
        CountryCode(value=value) if isinstance(old, CountryCode) else Code(value=value)
    )


def _clear_origins(decl: Declaration, i: int) -> None:
    _item(decl, i).origins = []


def _put_item_amount(decl: Declaration, i: int, value: Decimal, unit: str) -> bool:
    _item(decl, i).statistical_value_amount = Amount(value=value, currency=unit)
    return True


def _clear_item_amounts(decl: Declaration, i: int) -> None:
    item = _item(decl, i)
    assert item.commodity is not None
    item.commodity.invoice_line = None
    item.customs_value_amount = item.statistical_value_amount = None


def _put_mass(which: Literal["gross_mass_measure", "net_net_weight_measure"]) -> AmountPutter:
    """Set one mass and keep net mass at most gross mass, then the header total."""

    def put(decl: Declaration, i: int, value: Decimal, unit: str) -> bool:
        commodity = _item(decl, i).commodity
        assert commodity is not None and commodity.goods_measure is not None
        gm = commodity.goods_measure
        assert gm.gross_mass_measure is not None and gm.net_net_weight_measure is not None
        if which == "gross_mass_measure":
            gm.gross_mass_measure = Measure(value=value, unit=unit)
            gm.net_net_weight_measure = Measure(
                value=min(gm.net_net_weight_measure.value, value), unit=unit
            )
        else:
            gm.net_net_weight_measure = Measure(value=value, unit=unit)
            gm.gross_mass_measure = Measure(
                value=max(gm.gross_mass_measure.value, value), unit=unit
            )
        rebalance(decl)
        return True

    return put


def _clear_mass(which: Literal["gross_mass_measure", "net_net_weight_measure"]) -> Clearer:
    def clear(decl: Declaration, i: int) -> None:
        commodity = _item(decl, i).commodity
        assert commodity is not None and commodity.goods_measure is not None
        setattr(commodity.goods_measure, which, None)

    return clear


def _get_duty_currency(decl: Declaration, i: int) -> str | None:
    commodity = _item(decl, i).commodity
    for duty in commodity.duty_tax_fees if commodity is not None else ():
        if duty.payment is not None and duty.payment.tax_assessed_amount is not None:
            return duty.payment.tax_assessed_amount.currency
    return None


def _put_duty_currency(decl: Declaration, i: int, value: str) -> None:
    commodity = _item(decl, i).commodity
    assert commodity is not None
    for duty in commodity.duty_tax_fees:
        if duty.payment is not None and duty.payment.tax_assessed_amount is not None:
            duty.payment.tax_assessed_amount.currency = value


def _clear_duties(decl: Declaration, i: int) -> None:
    commodity = _item(decl, i).commodity
    assert commodity is not None
    commodity.duty_tax_fees = []


def _get_document(decl: Declaration, i: int) -> str | None:
    docs = _item(decl, i).additional_documents
    return docs[0].code if docs else "N380"


def _put_document(decl: Declaration, i: int, value: str) -> None:
    category, kind = split_document(value)
    category_code = Code(value=category) if category else None
    docs = _item(decl, i).additional_documents
    if docs:
        docs[0].category_code, docs[0].type_code = category_code, Code(value=kind)
    else:
        docs.append(AdditionalDocument(category_code=category_code, type_code=Code(value=kind)))


def _clear_documents(decl: Declaration, i: int) -> None:
    _item(decl, i).additional_documents = []


def _document_parts(code: str) -> tuple[tuple[XmlPath, str], ...]:
    category, kind = split_document(code)
    parts: tuple[tuple[XmlPath, str], ...] = (((*ITEM, "AdditionalDocument", "TypeCode"), kind),)
    if category:
        parts = (((*ITEM, "AdditionalDocument", "CategoryCode"), category), *parts)
    return parts


def _procedure_parts(code: str) -> tuple[tuple[XmlPath, str], ...]:
    current, previous = split_procedure(code)
    parts: tuple[tuple[XmlPath, str], ...] = (
        ((*ITEM, "GovernmentProcedure", "CurrentCode"), current),
    )
    if previous:
        parts = (*parts, ((*ITEM, "GovernmentProcedure", "PreviousCode"), previous))
    return parts


def _one(*path: str) -> Callable[[str], tuple[tuple[XmlPath, str], ...]]:
    def parts(value: str) -> tuple[tuple[XmlPath, str], ...]:
        return ((path, value),)

    return parts


def _no_parts(value: str) -> tuple[tuple[XmlPath, str], ...]:
    return ()


def _iso_code(get: Getter, put: Putter, length: int, **more: Any) -> FieldWriter:
    """The writer of an ISO code (a country, a currency): upper-case letters, ``length``
    of them, whose elements the profile types as plain tokens."""
    return FieldWriter(
        get=get,
        put=put,
        parts=_no_parts,
        alphabet=string.ascii_uppercase,
        max_length=length,
        **more,
    )


# --- declaration fields -----------------------------------------------------------------


def _get_decl(attr: str) -> Getter:
    def get(decl: Declaration, _i: int) -> str | None:
        return text_of(getattr(decl, attr))

    return get


def _put_decl(attr: str) -> Putter:
    leaf: Any = {f.name: f.cls for f in spec_of(Declaration).fields}[attr]

    def put(decl: Declaration, _i: int, value: str) -> None:
        setattr(decl, attr, leaf(value=value))

    return put


def _clear_decl(attr: str) -> Clearer:
    def clear(decl: Declaration, _i: int) -> None:
        setattr(decl, attr, None)

    return clear


def _header(name: str, xml_name: str, **options: Any) -> FieldWriter:
    """The writer of a coded header element of the declaration (``Declaration/<xml>``)."""
    return FieldWriter(
        get=_get_decl(name),
        put=_put_decl(name),
        parts=_one("Declaration", xml_name),
        clear=_clear_decl(name),
        clear_path=("Declaration", xml_name),
        **options,
    )


def _put_invoice_amount(decl: Declaration, i: int, value: Decimal, unit: str) -> bool:
    """Change goods item ``i``'s price so that the invoice total becomes ``value``."""
    assert decl.invoice_amount is not None
    line = _item(decl, i).commodity.invoice_line  # type: ignore[union-attr]
    assert line is not None and line.item_charge_amount is not None
    line.item_charge_amount.value += value - decl.invoice_amount.value
    if line.item_charge_amount.value < 0:
        return False
    rebalance(decl)
    return True


def _get_unit(decl: Declaration, i: int) -> str | None:
    commodity = _item(decl, i).commodity
    gm = commodity.goods_measure if commodity is not None else None
    return (
        gm.gross_mass_measure.unit if gm is not None and gm.gross_mass_measure is not None else None
    )


def _put_unit(decl: Declaration, i: int, value: str) -> None:
    commodity = _item(decl, i).commodity
    assert commodity is not None and commodity.goods_measure is not None
    assert commodity.goods_measure.gross_mass_measure is not None
    commodity.goods_measure.gross_mass_measure.unit = value


def _get_package_type(decl: Declaration, i: int) -> str | None:
    packagings = _item(decl, i).packagings
    return text_of(packagings[0].type_code) if packagings else None


def _put_package_type(decl: Declaration, i: int, value: str) -> None:
    _item(decl, i).packagings[0].type_code = Code(value=value)


def _get_mode(decl: Declaration, _i: int) -> str | None:
    return text_of(decl.border_mode)


def _put_mode(decl: Declaration, _i: int, value: str) -> None:
    if not decl.border_transport_means:
        decl.border_transport_means.append(BorderTransportMeans())
    decl.border_transport_means[0].mode_code = Code(value=value)


def _get_previous_document(decl: Declaration, _i: int) -> str | None:
    shipment = decl.goods_shipment
    docs = shipment.previous_documents if shipment is not None else []
    return docs[0].code if docs else "Z380"


def _put_previous_document(decl: Declaration, _i: int, value: str) -> None:
    assert decl.goods_shipment is not None
    category, kind = split_document(value)
    decl.goods_shipment.previous_documents.append(
        PreviousDocument(
            category_code=Code(value=category) if category else None,
            type_code=Code(value=kind),
        )
    )


_PARTY_PATHS: dict[str, XmlPath] = {
    "declarant": ("Declaration", "Declarant"),
    "exporter": ("Declaration", "Exporter"),
    "importer": ("Declaration", "GoodsShipment", "Importer"),
}


def _party_of(decl: Declaration, role: str) -> Any:
    if role == "importer":
        return decl.goods_shipment.importer if decl.goods_shipment is not None else None
    return getattr(decl, role)


def _party_id(role: str) -> FieldWriter:
    """The writer of a party's identifier: read, replace or remove ``<role>/ID``."""

    def get(decl: Declaration, _i: int) -> str | None:
        party = _party_of(decl, role)
        return text_of(party.id) if party is not None else None

    def put(decl: Declaration, _i: int, value: str) -> None:
        party = _party_of(decl, role)
        assert party is not None
        party.id = Identifier(value=value)

    def clear(decl: Declaration, _i: int) -> None:
        party = _party_of(decl, role)
        if party is not None:
            party.id = None

    path = (*_PARTY_PATHS[role], "ID")
    return FieldWriter(get=get, put=put, parts=_one(*path), clear=clear, clear_path=path)


def _get_invoice_currency(decl: Declaration, _i: int) -> str | None:
    return decl.invoice_amount.currency if decl.invoice_amount else None


def _put_invoice_currency(decl: Declaration, _i: int, value: str) -> None:
    assert decl.invoice_amount is not None
    decl.invoice_amount.currency = value


#: The strategies' writer of each field, by name and scope (see :data:`SELECTORS`).
WRITERS: dict[tuple[str, Scope], FieldWriter] = {
    ("commodity_code", "item"): FieldWriter(
        get=lambda d, i: _item(d, i).commodity_code,
        put=_put_commodity,
        parts=_one(*ITEM, "Commodity", "Classification", "ID"),
        alphabet=string.digits,
        clear=_clear_commodity,
        clear_path=(*ITEM, "Commodity", "Classification"),
    ),
    ("procedure_code", "item"): FieldWriter(
        get=lambda d, i: _item(d, i).procedure_code,
        put=_put_procedure,
        parts=_procedure_parts,
        alphabet=string.digits,
        max_length=9,
        clear=_clear_procedures,
        clear_path=(*ITEM, "GovernmentProcedure"),
    ),
    ("requested_procedure", "item"): FieldWriter(
        get=lambda d, i: (_item(d, i).procedure_code or "")[:2] or None,
        put=_put_requested,
        parts=_one(*ITEM, "GovernmentProcedure", "CurrentCode"),
        alphabet=string.digits,
        clear=_clear_procedures,
        clear_path=(*ITEM, "GovernmentProcedure"),
    ),
    ("previous_procedure", "item"): FieldWriter(
        get=_get_previous,
        put=_put_previous,
        parts=_one(*ITEM, "GovernmentProcedure", "PreviousCode"),
        alphabet=string.digits,
        clear=_clear_previous,
        clear_path=(*ITEM, "GovernmentProcedure", "PreviousCode"),
    ),
    ("origin_country", "item"): _iso_code(
        _get_origin,
        _put_origin,
        2,
        universe=_countries,
        clear=_clear_origins,
        clear_path=(*ITEM, "Origin"),
    ),
    ("document_code", "item"): FieldWriter(
        get=_get_document,
        put=_put_document,
        parts=_document_parts,
        max_length=6,
        clear=_clear_documents,
        clear_path=(*ITEM, "AdditionalDocument"),
    ),
    ("duty_currency", "item"): _iso_code(
        _get_duty_currency,
        _put_duty_currency,
        3,
        universe=_currencies,
        clear=_clear_duties,
        clear_path=(*ITEM, "Commodity", "DutyTaxFee"),
    ),
    ("item_amount", "item"): FieldWriter(
        clear=_clear_item_amounts,
        clear_path=(*ITEM, "Commodity", "InvoiceLine"),
        put_amount=_put_item_amount,
    ),
    ("gross_mass", "item"): FieldWriter(
        clear=_clear_mass("gross_mass_measure"),
        clear_path=(*ITEM, "Commodity", "GoodsMeasure", "GrossMassMeasure"),
        put_amount=_put_mass("gross_mass_measure"),
        decimals=3,
    ),
    ("net_mass", "item"): FieldWriter(
        clear=_clear_mass("net_net_weight_measure"),
        clear_path=(*ITEM, "Commodity", "GoodsMeasure", "NetNetWeightMeasure"),
        put_amount=_put_mass("net_net_weight_measure"),
        decimals=3,
    ),
    ("type_code", "declaration"): _header("type_code", "TypeCode"),
    ("function_code", "declaration"): _header(
        "function_code", "FunctionCode", alphabet=string.digits, max_length=2
    ),
    ("declaration_office_id", "declaration"): _header(
        "declaration_office_id", "DeclarationOfficeID"
    ),
    ("functional_reference_id", "declaration"): _header(
        "functional_reference_id", "FunctionalReferenceID"
    ),
    ("declarant_id", "declaration"): _party_id("declarant"),
    ("importer_id", "declaration"): _party_id("importer"),
    ("exporter_id", "declaration"): _party_id("exporter"),
    ("invoice_amount", "declaration"): FieldWriter(
        clear=_clear_decl("invoice_amount"),
        clear_path=("Declaration", "InvoiceAmount"),
        put_amount=_put_invoice_amount,
    ),
    ("currencies", "declaration"): _iso_code(_get_invoice_currency, _put_invoice_currency, 3),
    ("country_codes", "declaration"): FieldWriter(
        get=_get_origin,
        put=_put_origin,
        parts=_one(*ITEM, "Origin", "CountryCode"),
        alphabet=string.ascii_uppercase,
        max_length=2,
    ),
    ("units", "declaration"): FieldWriter(
        get=_get_unit, put=_put_unit, parts=_no_parts, max_length=3
    ),
    ("package_types", "declaration"): FieldWriter(
        get=_get_package_type,
        put=_put_package_type,
        parts=_one(*ITEM, "Packaging", "TypeCode"),
    ),
    ("transport_modes", "declaration"): FieldWriter(
        get=_get_mode,
        put=_put_mode,
        parts=_one("Declaration", "BorderTransportMeans", "ModeCode"),
    ),
    ("declared_document_codes", "declaration"): FieldWriter(
        get=_get_document, put=_put_document, parts=_document_parts, max_length=6
    ),
    ("previous_document_codes", "declaration"): FieldWriter(
        get=_get_previous_document,
        put=_put_previous_document,
        parts=_no_parts,
        max_length=6,
    ),
}

#: The writer of a field the strategies cannot write.
_NONE = FieldWriter()


def writer_of(field: Selector) -> FieldWriter:
    """How the strategies write a field (an empty writer when they cannot)."""
    return WRITERS.get((field.name, field.scope), _NONE)


def item_writer(name: str) -> FieldWriter:
    """The writer of a goods item field, by name."""
    return WRITERS[name, "item"]
