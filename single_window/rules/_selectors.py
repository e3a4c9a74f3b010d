"""Field selectors: the named values a pack's ``check.field`` may refer to.

Each :class:`Selector` is one record of what the engine needs of one field: its name and
scope, how it is read (the values with the model nodes they came from, so a finding
points into the source document) and a description for the documentation. Adding a field
is one entry in :data:`SELECTORS`; how the Hypothesis strategies write and remove each
field is kept beside the strategies (``single_window.testing._writers``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from single_window._values import Amount, Located, Measure
from single_window.models import (
    AdditionalDocument,
    AdditionalReference,
    DeclarationAdditionalDocument,
    GoodsShipment,
    GovernmentAgencyGoodsItem,
    HouseConsignment,
    TransportContractDocument,
)
from single_window.rules._context import Context
from single_window.rules._selected import Selected, text_of

__all__ = [
    "SELECTORS",
    "Scope",
    "Selected",
    "Selector",
    "commodity_node",
    "document_node",
    "selector",
    "selectors",
]

Scope = Literal["declaration", "item"]
Reader = Callable[..., list[Selected]]


@dataclass(frozen=True)
class Selector:
    """One field a check can select, as the engine and the documentation see it.

    Attributes:
        name: The name packs use (``check.field``).
        scope: ``item`` (read per goods item) or ``declaration``.
        description: What it selects (Markdown, for the documentation).
        read: The engine's reader: ``read(ctx)`` or ``read(ctx, item)``.
        anchor: For a declaration field, the element a finding about its absence points
            at when that element is there (the party whose identifier is missing); else the
            declaration.
    """

    name: str
    scope: Scope
    description: str
    read: Reader
    anchor: Callable[[Context], Located | None] | None = None


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


def _read_origin(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    return [Selected(o.country_code.value, o.country_code) for o in item.origins if o.country_code]


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


def _read_mass(which: Literal["gross_mass_measure", "net_net_weight_measure"]) -> Reader:
    def read(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
        gm = item.commodity.goods_measure if item.commodity is not None else None
        measure = getattr(gm, which, None) if gm is not None else None
        if isinstance(measure, Measure):
            return [Selected(measure.value, measure, measure.unit)]
        return []

    return read


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


def document_node(doc: AdditionalDocument | DeclarationAdditionalDocument) -> Located:
    """The element a finding about a document code points at: the ``TypeCode`` when it
    is the whole code, else the ``AdditionalDocument`` that holds category and type."""
    if doc.category_code is None and doc.type_code is not None:
        return doc.type_code
    return doc


def _read_document_codes(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    return [Selected(d.code, document_node(d)) for d in item.additional_documents if d.code]


# --- declaration fields -----------------------------------------------------------------


def _decl_code(attr: str) -> Reader:
    def read(ctx: Context) -> list[Selected]:
        node = getattr(ctx.declaration, attr)
        value = text_of(node)
        return [Selected(value, node)] if value is not None else []

    return read


def _read_invoice_amount(ctx: Context) -> list[Selected]:
    amount = ctx.declaration.invoice_amount
    return [Selected(amount.value, amount, amount.currency)] if amount is not None else []


def _read_coded(list_name: str) -> Reader:
    """The values of every field the reference list ``list_name`` governs."""

    def read(ctx: Context) -> list[Selected]:
        return ctx.coded(list_name)

    return read


def _read_declared_documents(ctx: Context) -> list[Selected]:
    """The declaration's, the goods shipment's, each house consignment's and each goods
    item's additional documents, then the transport documents and additional references
    of each of those (their ``TypeCode`` is the whole code)."""
    decl = ctx.declaration
    shipment = decl.goods_shipment
    docs: list[AdditionalDocument | DeclarationAdditionalDocument] = [*decl.additional_documents]
    coded: list[TransportContractDocument | AdditionalReference] = []
    if shipment is not None:
        owners: list[GoodsShipment | HouseConsignment | GovernmentAgencyGoodsItem] = [
            shipment,
            *shipment.house_consignments,
            *shipment.government_agency_goods_items,
        ]
        for owner in owners:
            docs.extend(owner.additional_documents)
            coded.extend(owner.additional_references)
            if not isinstance(owner, GoodsShipment):
                coded.extend(owner.transport_contract_documents)
        if shipment.consignment is not None:
            coded.extend(shipment.consignment.transport_contract_documents)
    found = [Selected(code, document_node(d)) for d in docs if (code := d.code)]
    found += [Selected(code, d.type_code) for d in coded if (code := text_of(d.type_code))]
    return found


PartyRole = Literal["declarant", "importer", "exporter"]


def _party(role: PartyRole) -> Callable[[Context], Located | None]:
    """The party in one role (``Declarant``, ``GoodsShipment/Importer``, ``Exporter``)."""

    def party(ctx: Context) -> Located | None:
        decl = ctx.declaration
        if role == "importer":
            return decl.goods_shipment.importer if decl.goods_shipment is not None else None
        found: Located | None = getattr(decl, role)
        return found

    return party


def _read_party_id(role: PartyRole) -> Reader:
    """The identifier of the party in one role, whatever country it belongs to."""
    party_of = _party(role)

    def read(ctx: Context) -> list[Selected]:
        found = getattr(party_of(ctx), "id", None)
        value = text_of(found)
        return [Selected(value, found)] if found is not None and value is not None else []

    return read


def _read_previous_documents(ctx: Context) -> list[Selected]:
    decl = ctx.declaration
    shipment = decl.goods_shipment
    docs = [*shipment.previous_documents] if shipment is not None else []
    for house in shipment.house_consignments if shipment is not None else ():
        docs.extend(house.previous_documents)
    for item in decl.goods_items:
        docs.extend(item.previous_documents)
    return [Selected(code, d) for d in docs if (code := d.code)]


#: Every field a check can select.
SELECTORS: tuple[Selector, ...] = (
    Selector(
        "commodity_code",
        "item",
        "The commodity code assembled from the item's `Classification` parts (`TSP`, `HS`, "
        "`TRC`), e.g. `731815900019`.",
        _read_commodity,
    ),
    Selector(
        "procedure_code",
        "item",
        "Requested + previous procedure code of the first `GovernmentProcedure`, e.g. `4000`.",
        _read_procedure("code"),
    ),
    Selector(
        "requested_procedure",
        "item",
        "The requested procedure (`GovernmentProcedure/CurrentCode`).",
        _read_procedure("requested"),
    ),
    Selector(
        "previous_procedure",
        "item",
        "The previous procedure (`GovernmentProcedure/PreviousCode`).",
        _read_procedure("previous"),
    ),
    Selector("origin_country", "item", "Each `Origin/CountryCode` of the item.", _read_origin),
    Selector(
        "document_code",
        "item",
        "Each item `AdditionalDocument` code: category + type, e.g. `C640`.",
        _read_document_codes,
    ),
    Selector(
        "duty_currency",
        "item",
        "The currency of each duty or tax amount (`DutyTaxFee/Payment/TaxAssessedAmount`, "
        "`PaymentAmount`).",
        _read_duty_currencies,
    ),
    Selector(
        "item_amount",
        "item",
        "`StatisticalValueAmount`, `CustomsValueAmount` and the invoice line's "
        "`ItemChargeAmount`, each with its currency.",
        _read_item_amounts,
    ),
    Selector(
        "gross_mass",
        "item",
        "`GoodsMeasure/GrossMassMeasure`, with its unit.",
        _read_mass("gross_mass_measure"),
    ),
    Selector(
        "net_mass",
        "item",
        "`GoodsMeasure/NetNetWeightMeasure`, with its unit.",
        _read_mass("net_net_weight_measure"),
    ),
    Selector(
        "type_code",
        "declaration",
        "The declaration `TypeCode`, e.g. `IMA`.",
        _decl_code("type_code"),
    ),
    Selector(
        "function_code",
        "declaration",
        "The message `FunctionCode`, e.g. `9`.",
        _decl_code("function_code"),
    ),
    Selector(
        "declaration_office_id",
        "declaration",
        "`DeclarationOfficeID`, e.g. `TR340100`.",
        _decl_code("declaration_office_id"),
    ),
    Selector(
        "functional_reference_id",
        "declaration",
        "`FunctionalReferenceID`: the declarant's own reference number of the declaration "
        "(WCO D026), e.g. `305948712/21.10.2026/000417`.",
        _decl_code("functional_reference_id"),
    ),
    Selector(
        "declarant_id",
        "declaration",
        "The declarant's identifier (`Declarant/ID`).",
        _read_party_id("declarant"),
        _party("declarant"),
    ),
    Selector(
        "importer_id",
        "declaration",
        "The importer's identifier (`GoodsShipment/Importer/ID`).",
        _read_party_id("importer"),
        _party("importer"),
    ),
    Selector(
        "exporter_id",
        "declaration",
        "The exporter's identifier (`Exporter/ID`).",
        _read_party_id("exporter"),
        _party("exporter"),
    ),
    Selector(
        "invoice_amount",
        "declaration",
        "`InvoiceAmount`, with its currency.",
        _read_invoice_amount,
    ),
    Selector(
        "currencies",
        "declaration",
        "The currency (`currencyID`) of every amount anywhere in the declaration.",
        _read_coded("currency"),
    ),
    Selector(
        "country_codes",
        "declaration",
        "Every country code anywhere in the declaration (addresses, origin, export, "
        "destination, itinerary, nationality of transport means, ...).",
        _read_coded("country"),
    ),
    Selector(
        "units",
        "declaration",
        "The unit (`unitCode`) of every measure, except the tax base of a specific duty "
        "(`DutyTaxFee/SpecificTaxBaseQuantity`), whose units are national tariff units, "
        "the quantity written off (`WriteOff/QuantityQuantity`) and a previous document's "
        "quantity (`PreviousDocument/GoodsQuantity`, in the EU's units and qualifiers).",
        _read_coded("unit"),
    ),
    Selector(
        "package_types", "declaration", "Every `Packaging/TypeCode`.", _read_coded("package-type")
    ),
    Selector(
        "transport_modes",
        "declaration",
        "Every `ModeCode` of a means of transport (border, arrival, departure).",
        _read_coded("transport-mode"),
    ),
    Selector(
        "declared_document_codes",
        "declaration",
        "Every `AdditionalDocument` code, of the declaration, the goods shipment, its house "
        "consignments and its goods items (category + type, e.g. `N853`, or the whole "
        "code in `TypeCode`), and every `TransportContractDocument` and "
        "`AdditionalReference` `TypeCode` of those.",
        _read_declared_documents,
    ),
    Selector(
        "previous_document_codes",
        "declaration",
        "Every `PreviousDocument` code, of the goods shipment, its house consignments and "
        "its goods items: category + type, e.g. `Z355`, or the whole code in `TypeCode`.",
        _read_previous_documents,
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
