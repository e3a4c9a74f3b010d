"""What a rule sees: the declaration, its date, each country's roles, and field selectors.

Selectors are the named fields a pack's ``check.field`` may refer to. Each returns the
selected values with the model node they came from, so a finding can point at the
element in the source document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from single_window._values import Amount, Located, Measure
from single_window.models import Declaration, GovernmentAgencyGoodsItem, Party
from single_window.rules._packfile import Role

__all__ = [
    "DECLARATION_SELECTORS",
    "ITEM_SELECTORS",
    "Context",
    "PartyRef",
    "Selected",
    "derive_roles",
    "parties",
]


@dataclass(frozen=True)
class Selected:
    """A selected value and the node that holds it (for the finding's location)."""

    value: str | Decimal
    node: Located | None
    unit: str | None = None


@dataclass
class Context:
    """One declaration as the rules see it."""

    declaration: Declaration
    as_of: date
    """The date rules are judged at: ``on=``, else the declaration's own date."""
    today: date
    """Today's date (UTC), for the plausibility of dates; ``on=`` does not change it."""
    roles: dict[str, frozenset[Role]]
    declaring: str | None
    export: str | None
    destination: str | None
    _item_codes: dict[int, str | None] = field(default_factory=dict)
    _parties: list[PartyRef] | None = None

    def roles_of(self, country: str) -> frozenset[Role]:
        return self.roles.get(country, frozenset())

    def commodity_code(self, item: GovernmentAgencyGoodsItem) -> str | None:
        key = id(item)
        if key not in self._item_codes:
            self._item_codes[key] = item.commodity_code
        return self._item_codes[key]


def _code(node: object) -> str | None:
    value = getattr(node, "value", None)
    return value if isinstance(value, str) and value else None


def derive_roles(
    decl: Declaration,
) -> tuple[dict[str, set[Role]], str | None, str | None, str | None]:
    """Each country's roles, from the declaration itself.

    Declaring: MetaData ResponsibleCountryCode, else the first two letters of the
    declaration office code. Export: GoodsShipment ExportCountry. Destination:
    GoodsShipment Destination. Transit: itinerary routing countries other than those.
    """
    roles: dict[str, set[Role]] = {}

    def add(country: str | None, role: Role) -> None:
        if country and len(country) == 2 and country.isalpha():
            roles.setdefault(country, set()).add(role)

    declaring = None
    if decl.metadata is not None:
        declaring = _code(decl.metadata.responsible_country_code)
    if declaring is None and decl.declaration_office_id is not None:
        office = decl.declaration_office_id.value
        declaring = office[:2] if len(office) >= 2 and office[:2].isalpha() else None
    shipment = decl.goods_shipment
    export = None
    destination = None
    if shipment is not None:
        if shipment.export_country is not None:
            export = _code(shipment.export_country.id)
        if shipment.destination is not None:
            destination = _code(shipment.destination.country_code)
    add(declaring, Role.DECLARING)
    add(export, Role.EXPORT)
    add(destination, Role.DESTINATION)
    if decl.consignment is not None:
        for leg in decl.consignment.itineraries:
            country = _code(leg.routing_country_code)
            if country and country not in (export, destination):
                add(country, Role.TRANSIT)
    return roles, declaring, export, destination


def declaration_date(decl: Declaration) -> date:
    """The declaration's own date (issue, else acceptance), else today (UTC)."""
    stamp = decl.issued_at
    if stamp is not None and stamp.value is not None:
        return stamp.value.date()
    return datetime.now(UTC).date()


# --- parties ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyRef:
    """A party of the declaration, its role name and the country it is registered in."""

    role: str
    party: Party
    country: str | None


def parties(ctx: Context) -> list[PartyRef]:
    """Every party with an ID, with the country it belongs to: its address country, else
    the country its role implies (importer/consignee: destination; exporter/consignor:
    export; declarant: declaring). Computed once per declaration."""
    if ctx._parties is None:
        ctx._parties = list(_find_parties(ctx))
    return ctx._parties


def _find_parties(ctx: Context) -> Iterator[PartyRef]:
    decl = ctx.declaration
    shipment = decl.goods_shipment
    candidates: list[tuple[str, Party | None, str | None]] = [
        ("declarant", decl.declarant, ctx.declaring),
        ("exporter", decl.exporter, ctx.export),
        ("consignor", decl.consignment.consignor if decl.consignment else None, ctx.export),
        ("carrier", decl.consignment.carrier if decl.consignment else None, None),
        ("importer", shipment.importer if shipment else None, ctx.destination),
        ("consignee", shipment.consignee if shipment else None, ctx.destination),
        ("buyer", shipment.buyer if shipment else None, ctx.destination),
        ("seller", shipment.seller if shipment else None, ctx.export),
    ]
    for role, party, implied in candidates:
        if party is None or party.id is None:
            continue
        country = None
        if party.address is not None:
            country = _code(party.address.country_code)
        yield PartyRef(role, party, country or implied)


# --- selectors -------------------------------------------------------------------------

ItemSelector = Callable[[Context, GovernmentAgencyGoodsItem], list[Selected]]
DeclarationSelector = Callable[[Context], list[Selected]]


def _commodity_code(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    code = ctx.commodity_code(item)
    if code is None:
        return []
    node: Located | None = item.commodity
    if item.commodity is not None:
        for c in item.commodity.classifications:
            if c.id is not None and code.startswith(c.id.value):
                node = c.id
                break
    return [Selected(code, node)]


def _procedure(part: str) -> ItemSelector:
    def select(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
        out: list[Selected] = []
        for gp in item.government_procedures:
            if gp.current_code is None:
                continue
            if part == "code":
                prev = gp.previous_code.value if gp.previous_code is not None else ""
                out.append(Selected(gp.current_code.value + prev, gp.current_code))
            elif part == "requested":
                out.append(Selected(gp.current_code.value, gp.current_code))
            elif gp.previous_code is not None:
                out.append(Selected(gp.previous_code.value, gp.previous_code))
            break
        return out

    return select


def _origin(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    return [Selected(o.country_code.value, o.country_code) for o in item.origins if o.country_code]


def _item_amounts(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
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


def _mass(which: str) -> ItemSelector:
    def select(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
        gm = item.commodity.goods_measure if item.commodity is not None else None
        measure = getattr(gm, which, None) if gm is not None else None
        if isinstance(measure, Measure):
            return [Selected(measure.value, measure, measure.unit)]
        return []

    return select


def _duty_currencies(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    out: list[Selected] = []
    if item.commodity is None:
        return out
    for duty in item.commodity.duty_tax_fees:
        payment = duty.payment
        if payment is None:
            continue
        for amount in (payment.tax_assessed_amount, payment.payment_amount):
            if amount is not None and amount.currency:
                out.append(Selected(amount.currency, amount))
    return out


def _document_codes(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Selected]:
    return [Selected(d.code, d.type_code or d) for d in item.additional_documents if d.code]


ITEM_SELECTORS: dict[str, ItemSelector] = {
    "duty_currency": _duty_currencies,
    "document_code": _document_codes,
    "commodity_code": _commodity_code,
    "procedure_code": _procedure("code"),
    "requested_procedure": _procedure("requested"),
    "previous_procedure": _procedure("previous"),
    "origin_country": _origin,
    "item_amount": _item_amounts,
    "gross_mass": _mass("gross_mass_measure"),
    "net_mass": _mass("net_net_weight_measure"),
}


def _decl_code(attr: str) -> DeclarationSelector:
    def select(ctx: Context) -> list[Selected]:
        node = getattr(ctx.declaration, attr)
        value = _code(node)
        return [Selected(value, node)] if value is not None else []

    return select


def _invoice_amount(ctx: Context) -> list[Selected]:
    amount = ctx.declaration.invoice_amount
    return [Selected(amount.value, amount, amount.currency)] if amount is not None else []


def _currencies(ctx: Context) -> list[Selected]:
    out: list[Selected] = []
    for node in ctx.declaration.walk():
        if isinstance(node, Amount) and node.currency:
            out.append(Selected(node.currency, node))
    return out


DECLARATION_SELECTORS: dict[str, DeclarationSelector] = {
    "type_code": _decl_code("type_code"),
    "function_code": _decl_code("function_code"),
    "declaration_office_id": _decl_code("declaration_office_id"),
    "invoice_amount": _invoice_amount,
    "currencies": _currencies,
}
