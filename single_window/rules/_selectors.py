"""Field selectors: the named values a pack's ``check.field`` may refer to.

Each :class:`Selector` is one record that says everything about one field: its name and
scope, how the engine reads it (the values with the model nodes they came from, so a
finding points into the source document), how the strategies write and remove it, and a
description for the documentation. Adding a field is one entry in :data:`SELECTORS`.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

import pycountry

from single_window._spec import spec_of
from single_window._values import Amount, Code, CountryCode, Identifier, Located, Measure
from single_window.models import (
    AdditionalDocument,
    BorderTransportMeans,
    Classification,
    Declaration,
    DeclarationAdditionalDocument,
    GovernmentAgencyGoodsItem,
    GovernmentProcedure,
    PreviousDocument,
)
from single_window.rules._context import Context
from single_window.rules._selected import Selected

__all__ = [
    "ITEM",
    "SELECTORS",
    "Scope",
    "Selected",
    "Selector",
    "commodity_node",
    "document_node",
    "rebalance",
    "selector",
    "selectors",
    "split_document",
    "split_procedure",
]

Scope = Literal["declaration", "item"]
#: Element names from the root to a goods item, for the XSD paths below.
ITEM = ("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem")
XmlPath = tuple[str, ...]


Reader = Callable[..., list[Selected]]
Getter = Callable[[Declaration, int], "str | None"]
Putter = Callable[[Declaration, int, str], None]
Clearer = Callable[[Declaration, int], None]
AmountPutter = Callable[[Declaration, int, Decimal, str], bool]


@dataclass(frozen=True)
class Selector:
    """One field a check can select, and how each part of the library handles it.

    Attributes:
        name: The name packs use (``check.field``).
        scope: ``item`` (read per goods item) or ``declaration``.
        description: What it selects (Markdown, for the documentation).
        read: The engine's reader: ``read(ctx)`` or ``read(ctx, item)``.
        get: Strategies: the current value on a declaration (goods item ``i``).
        put: Strategies: write a value (on goods item ``i``).
        parts: Strategies: the elements a written value lands in, as (XSD path, text)
            pairs, so its lexical form can be checked against the profile.
        alphabet: Strategies: characters its values are drawn from.
        max_length: Strategies: the longest value, when not one element's maxLength.
        universe: Strategies: every value it may take, when that is a closed list.
        clear: Strategies: remove it, and ``clear_path`` the element that goes.
        put_amount: Strategies: set it to an amount in a unit (for ``max_amount``);
            False when the declaration cannot take that amount.
        decimals: Strategies: decimal places of the amounts it holds.
    """

    name: str
    scope: Scope
    description: str
    read: Reader
    get: Getter | None = None
    put: Putter | None = None
    parts: Callable[[str], tuple[tuple[XmlPath, str], ...]] | None = None
    alphabet: str = string.ascii_uppercase + string.digits
    max_length: int | None = None
    universe: Callable[[], tuple[str, ...]] | None = None
    clear: Clearer | None = None
    clear_path: XmlPath | None = None
    put_amount: AmountPutter | None = None
    decimals: int = 2


# --- shared pieces -----------------------------------------------------------------------


def _code(node: object) -> str | None:
    value = getattr(node, "value", None)
    return value if isinstance(value, str) and value else None


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


def rebalance(decl: Declaration) -> None:
    """Recompute the header totals from the goods items (after an item's amount or mass
    changed), where every item has the value and the units agree."""
    items = decl.goods_items
    charges = [
        i.commodity.invoice_line.item_charge_amount
        for i in items
        if i.commodity is not None
        and i.commodity.invoice_line is not None
        and i.commodity.invoice_line.item_charge_amount is not None
    ]
    if decl.invoice_amount is not None and len(charges) == len(items):
        decl.invoice_amount.value = sum((c.value for c in charges), Decimal(0))
    masses = [
        i.commodity.goods_measure.gross_mass_measure
        for i in items
        if i.commodity is not None
        and i.commodity.goods_measure is not None
        and i.commodity.goods_measure.gross_mass_measure is not None
    ]
    total = decl.total_gross_mass_measure
    if (
        total is not None
        and len(masses) == len(items)
        and all(m.unit == total.unit for m in masses)
    ):
        total.value = sum((m.value for m in masses), Decimal(0))


# --- goods item fields ---------------------------------------------------------------------


def commodity_node(item: GovernmentAgencyGoodsItem, code: str) -> Located:
    """The element a finding about an item's commodity code points at: the one
    ``Classification/ID`` that holds the whole code, else the ``Commodity`` that holds
    the parts it was assembled from (else the item)."""
    commodity = item.commodity
    if commodity is None:
        return item
    for c in commodity.classifications:
        if c.id is not None and c.id.value == code:
            return c.id
    return commodity


def _read_commodity(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    code = ctx.commodity_code(item)
    if code is None:
        return []
    return [Selected(code, commodity_node(item, code))]


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


def _read_procedure(part: Literal["code", "requested", "previous"]) -> Reader:
    def read(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
        for gp in item.government_procedures:
            if gp.current_code is None:
                continue
            if part == "code":
                # the whole code is current + previous: it stands in the GovernmentProcedure
                if gp.previous_code is None:
                    return [Selected(gp.current_code.value, gp.current_code)]
                return [Selected(gp.current_code.value + gp.previous_code.value, gp)]
            if part == "requested":
                return [Selected(gp.current_code.value, gp.current_code)]
            if gp.previous_code is not None:
                return [Selected(gp.previous_code.value, gp.previous_code)]
            return []
        return []

    return read


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


def _read_origin(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    return [Selected(o.country_code.value, o.country_code) for o in item.origins if o.country_code]


def _get_origin(decl: Declaration, i: int) -> str | None:
    origins = _item(decl, i).origins
    return _code(origins[0].country_code) if origins else None


def _put_origin(decl: Declaration, i: int, value: str) -> None:
    origin = _item(decl, i).origins[0]
    old = origin.country_code
    origin.country_code = (
        CountryCode(value=value) if isinstance(old, CountryCode) else Code(value=value)
    )


def _clear_origins(decl: Declaration, i: int) -> None:
    _item(decl, i).origins = []


def _read_item_amounts(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    out: list[Selected] = []
    for amount in (
        item.statistical_value_amount,
        item.customs_value_amount,
        item.commodity.invoice_line.item_charge_amount
        if item.commodity is not None and item.commodity.invoice_line is not None
        else None,
    ):
        if isinstance(amount, Amount):
            out.append(Selected(amount.value, amount, amount.currency))
    return out


def _put_item_amount(decl: Declaration, i: int, value: Decimal, unit: str) -> bool:
    _item(decl, i).statistical_value_amount = Amount(value=value, currency=unit)
    return True


def _clear_item_amounts(decl: Declaration, i: int) -> None:
    item = _item(decl, i)
    assert item.commodity is not None
    item.commodity.invoice_line = None
    item.customs_value_amount = item.statistical_value_amount = None


def _read_mass(which: Literal["gross_mass_measure", "net_net_weight_measure"]) -> Reader:
    def read(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
        gm = item.commodity.goods_measure if item.commodity is not None else None
        measure = getattr(gm, which, None) if gm is not None else None
        if isinstance(measure, Measure):
            return [Selected(measure.value, measure, measure.unit)]
        return []

    return read


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


def _read_duty_currencies(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    out: list[Selected] = []
    if item.commodity is None:
        return out
    for duty in item.commodity.duty_tax_fees:
        payment = duty.payment
        if payment is None:
            continue
        for amount in (payment.tax_assessed_amount, payment.payment_amount):
            if amount is not None and amount.currency:
                out.append(Selected(amount.currency, amount, attribute="currencyID"))
    return out


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


def document_node(doc: AdditionalDocument | DeclarationAdditionalDocument) -> Located:
    """The element a finding about a document code points at: the ``TypeCode`` when it
    is the whole code, else the ``AdditionalDocument`` that holds category and type."""
    if doc.category_code is None and doc.type_code is not None:
        return doc.type_code
    return doc


def _read_document_codes(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    return [Selected(d.code, document_node(d)) for d in item.additional_documents if d.code]


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


# --- declaration fields -----------------------------------------------------------------


def _decl_code(attr: str) -> Reader:
    def read(ctx: Context) -> list[Selected]:
        node = getattr(ctx.declaration, attr)
        value = _code(node)
        return [Selected(value, node)] if value is not None else []

    return read


def _get_decl(attr: str) -> Getter:
    def get(decl: Declaration, _i: int) -> str | None:
        return _code(getattr(decl, attr))

    return get


def _header(name: str, xml_name: str, description: str, **options: Any) -> Selector:
    """A selector of a coded header element of the declaration (``Declaration/<xml>``)."""
    return Selector(
        name,
        "declaration",
        description,
        _decl_code(name),
        get=_get_decl(name),
        put=_put_decl(name),
        parts=_one("Declaration", xml_name),
        clear=_clear_decl(name),
        clear_path=("Declaration", xml_name),
        **options,
    )


def _put_decl(attr: str) -> Putter:
    leaf: Any = {f.name: f.cls for f in spec_of(Declaration).fields}[attr]

    def put(decl: Declaration, _i: int, value: str) -> None:
        setattr(decl, attr, leaf(value=value))

    return put


def _clear_decl(attr: str) -> Clearer:
    def clear(decl: Declaration, _i: int) -> None:
        setattr(decl, attr, None)

    return clear


def _read_invoice_amount(ctx: Context) -> list[Selected]:
    amount = ctx.declaration.invoice_amount
    return [Selected(amount.value, amount, amount.currency)] if amount is not None else []


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


def _read_coded(list_name: str) -> Reader:
    """The values of every field the reference list ``list_name`` governs."""

    def read(ctx: Context) -> list[Selected]:
        return ctx.coded(list_name)

    return read


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
    return _code(packagings[0].type_code) if packagings else None


def _put_package_type(decl: Declaration, i: int, value: str) -> None:
    _item(decl, i).packagings[0].type_code = Code(value=value)


def _get_mode(decl: Declaration, _i: int) -> str | None:
    means = decl.border_transport_means
    return _code(means.mode_code) if means is not None else None


def _put_mode(decl: Declaration, _i: int, value: str) -> None:
    if decl.border_transport_means is None:
        decl.border_transport_means = BorderTransportMeans()
    decl.border_transport_means.mode_code = Code(value=value)


def _read_declared_documents(ctx: Context) -> list[Selected]:
    decl = ctx.declaration
    docs: list[AdditionalDocument | DeclarationAdditionalDocument] = [*decl.additional_documents]
    for item in decl.goods_items:
        docs.extend(item.additional_documents)
    return [Selected(code, document_node(d)) for d in docs if (code := d.code)]


def _read_previous_documents(ctx: Context) -> list[Selected]:
    decl = ctx.declaration
    docs = [*decl.goods_shipment.previous_documents] if decl.goods_shipment is not None else []
    for item in decl.goods_items:
        docs.extend(item.previous_documents)
    return [Selected(code, d) for d in docs if (code := d.code)]


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


def _get_invoice_currency(decl: Declaration, _i: int) -> str | None:
    return decl.invoice_amount.currency if decl.invoice_amount else None


def _put_invoice_currency(decl: Declaration, _i: int, value: str) -> None:
    assert decl.invoice_amount is not None
    decl.invoice_amount.currency = value


#: Every field a check can select.
SELECTORS: tuple[Selector, ...] = (
    Selector(
        "commodity_code",
        "item",
        "The commodity code assembled from the item's `Classification` parts (`TSP`, `HS`, "
        "`TRC`), e.g. `731815900019`.",
        _read_commodity,
        get=lambda d, i: _item(d, i).commodity_code,
        put=_put_commodity,
        parts=_one(*ITEM, "Commodity", "Classification", "ID"),
        alphabet=string.digits,
        clear=_clear_commodity,
        clear_path=(*ITEM, "Commodity", "Classification"),
    ),
    Selector(
        "procedure_code",
        "item",
        "Requested + previous procedure code of the first `GovernmentProcedure`, e.g. `4000`.",
        _read_procedure("code"),
        get=lambda d, i: _item(d, i).procedure_code,
        put=_put_procedure,
        parts=_procedure_parts,
        alphabet=string.digits,
        max_length=9,
        clear=_clear_procedures,
        clear_path=(*ITEM, "GovernmentProcedure"),
    ),
    Selector(
        "requested_procedure",
        "item",
        "The requested procedure (`GovernmentProcedure/CurrentCode`).",
        _read_procedure("requested"),
        get=lambda d, i: (_item(d, i).procedure_code or "")[:2] or None,
        put=_put_requested,
        parts=_one(*ITEM, "GovernmentProcedure", "CurrentCode"),
        alphabet=string.digits,
        clear=_clear_procedures,
        clear_path=(*ITEM, "GovernmentProcedure"),
    ),
    Selector(
        "previous_procedure",
        "item",
        "The previous procedure (`GovernmentProcedure/PreviousCode`).",
        _read_procedure("previous"),
        get=_get_previous,
        put=_put_previous,
        parts=_one(*ITEM, "GovernmentProcedure", "PreviousCode"),
        alphabet=string.digits,
        clear=_clear_previous,
        clear_path=(*ITEM, "GovernmentProcedure", "PreviousCode"),
    ),
    Selector(
        "origin_country",
        "item",
        "Each `Origin/CountryCode` of the item.",
        _read_origin,
        get=_get_origin,
        put=_put_origin,
        parts=_no_parts,
        alphabet=string.ascii_uppercase,
        max_length=2,
        universe=_countries,
        clear=_clear_origins,
        clear_path=(*ITEM, "Origin"),
    ),
    Selector(
        "document_code",
        "item",
        "Each item `AdditionalDocument` code: category + type, e.g. `C640`.",
        _read_document_codes,
        get=_get_document,
        put=_put_document,
        parts=_document_parts,
        max_length=6,
        clear=_clear_documents,
        clear_path=(*ITEM, "AdditionalDocument"),
    ),
    Selector(
        "duty_currency",
        "item",
        "The currency of each duty or tax amount (`DutyTaxFee/Payment/TaxAssessedAmount`, "
        "`PaymentAmount`).",
        _read_duty_currencies,
        get=_get_duty_currency,
        put=_put_duty_currency,
        parts=_no_parts,
        alphabet=string.ascii_uppercase,
        max_length=3,
        universe=_currencies,
        clear=_clear_duties,
        clear_path=(*ITEM, "Commodity", "DutyTaxFee"),
    ),
    Selector(
        "item_amount",
        "item",
        "`StatisticalValueAmount`, `CustomsValueAmount` and the invoice line's "
        "`ItemChargeAmount`, each with its currency.",
        _read_item_amounts,
        clear=_clear_item_amounts,
        clear_path=(*ITEM, "Commodity", "InvoiceLine"),
        put_amount=_put_item_amount,
    ),
    Selector(
        "gross_mass",
        "item",
        "`GoodsMeasure/GrossMassMeasure`, with its unit.",
        _read_mass("gross_mass_measure"),
        clear=_clear_mass("gross_mass_measure"),
        clear_path=(*ITEM, "Commodity", "GoodsMeasure", "GrossMassMeasure"),
        put_amount=_put_mass("gross_mass_measure"),
        decimals=3,
    ),
    Selector(
        "net_mass",
        "item",
        "`GoodsMeasure/NetNetWeightMeasure`, with its unit.",
        _read_mass("net_net_weight_measure"),
        clear=_clear_mass("net_net_weight_measure"),
        clear_path=(*ITEM, "Commodity", "GoodsMeasure", "NetNetWeightMeasure"),
        put_amount=_put_mass("net_net_weight_measure"),
        decimals=3,
    ),
    _header("type_code", "TypeCode", "The declaration `TypeCode`, e.g. `IMA`."),
    _header(
        "function_code",
        "FunctionCode",
        "The message `FunctionCode`, e.g. `9`.",
        alphabet=string.digits,
        max_length=2,
    ),
    _header(
        "declaration_office_id", "DeclarationOfficeID", "`DeclarationOfficeID`, e.g. `TR340100`."
    ),
    Selector(
        "invoice_amount",
        "declaration",
        "`InvoiceAmount`, with its currency.",
        _read_invoice_amount,
        clear=_clear_decl("invoice_amount"),
        clear_path=("Declaration", "InvoiceAmount"),
        put_amount=_put_invoice_amount,
    ),
    Selector(
        "currencies",
        "declaration",
        "The currency (`currencyID`) of every amount anywhere in the declaration.",
        _read_coded("currency"),
        get=_get_invoice_currency,
        put=_put_invoice_currency,
        parts=_no_parts,
        alphabet=string.ascii_uppercase,
        max_length=3,
    ),
    Selector(
        "country_codes",
        "declaration",
        "Every country code anywhere in the declaration (addresses, origin, export, "
        "destination, itinerary, nationality of transport means, ...).",
        _read_coded("country"),
        get=_get_origin,
        put=_put_origin,
        parts=_one(*ITEM, "Origin", "CountryCode"),
        alphabet=string.ascii_uppercase,
        max_length=2,
    ),
    Selector(
        "units",
        "declaration",
        "The unit (`unitCode`) of every measure, except the tax base of a specific duty "
        "(`DutyTaxFee/SpecificTaxBaseQuantity`), whose units are national tariff units.",
        _read_coded("unit"),
        get=_get_unit,
        put=_put_unit,
        parts=_no_parts,
        max_length=3,
    ),
    Selector(
        "package_types",
        "declaration",
        "Every `Packaging/TypeCode`.",
        _read_coded("package-type"),
        get=_get_package_type,
        put=_put_package_type,
        parts=_one(*ITEM, "Packaging", "TypeCode"),
    ),
    Selector(
        "transport_modes",
        "declaration",
        "Every `ModeCode` of a means of transport (border, arrival, departure).",
        _read_coded("transport-mode"),
        get=_get_mode,
        put=_put_mode,
        parts=_one("Declaration", "BorderTransportMeans", "ModeCode"),
    ),
    Selector(
        "declared_document_codes",
        "declaration",
        "Every `AdditionalDocument` code, of the declaration and of its goods items: "
        "category + type, e.g. `N853`.",
        _read_declared_documents,
        get=_get_document,
        put=_put_document,
        parts=_document_parts,
        max_length=6,
    ),
    Selector(
        "previous_document_codes",
        "declaration",
        "Every `PreviousDocument` code, of the goods shipment and of its goods items: "
        "category + type, e.g. `Z355`.",
        _read_previous_documents,
        get=_get_previous_document,
        put=_put_previous_document,
        parts=_no_parts,
        max_length=6,
    ),
)

_BY_KEY: dict[tuple[str, Scope], Selector] = {(s.name, s.scope): s for s in SELECTORS}


def selectors(scope: Scope) -> list[Selector]:
    """The selectors of one scope, by name."""
    return sorted((s for s in SELECTORS if s.scope == scope), key=lambda s: s.name)


def selector(name: str | None, scope: Scope) -> Selector:
    """The selector a rule of this scope names.

    Raises:
        ValueError: naming the fields of that scope, when there is no such selector.
    """
    found = _BY_KEY.get((name or "", scope))
    if found is None:
        known = ", ".join(s.name for s in selectors(scope))
        article = "an" if scope == "item" else "a"
        raise ValueError(f"check.field {name!r} is not {article} {scope} field (one of: {known})")
    return found
