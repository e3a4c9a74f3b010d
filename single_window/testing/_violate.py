"""Declarations that break exactly one named rule.

A violation starts from a valid declaration drawn so that the rule applies (its country
in a role the rule names, its declaration type, function, dates, procedures and HS
range), then changes what the rule's check looks at:

- ``length``: the selected value with a length the rule does not allow;
- ``pattern`` / ``one_of``: a value outside the pattern or the list;
- ``identifier``: a party ID that every validator of the rule rejects;
- ``document``: the required documents removed from one goods item;
- ``required``: the selected field removed (where the schema allows it);
- ``max_amount``: an amount above the limit, in the rule's currency;
- ``predicate``: a violator registered for the predicate (bundled ones here; register
  your own with :func:`predicate_violator`).

The new value is chosen so that the other rules on the same field still accept it; the
finished declaration is then run through the other rules of its route and discarded
when any of them fires too, so every example breaks that one rule and no other. Whether
the rule itself fires is never checked here: that is what your test asserts.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, overload

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from single_window._mapping import ISO_COUNTRIES, ISO_CURRENCIES
from single_window._spec import spec_of
from single_window._values import (
    Amount,
    Code,
    CountryCode,
    DateTime,
    Identifier,
    Measure,
    Numeric,
    Quantity,
)
from single_window.models import (
    AdditionalDocument,
    BorderTransportMeans,
    Classification,
    Declaration,
    DeclarationAdditionalDocument,
    GovernmentAgencyGoodsItem,
    GovernmentProcedure,
)
from single_window.rules import RuleSet
from single_window.rules._packfile import (
    DocumentCheck,
    IdentifierCheck,
    LengthCheck,
    OneOfCheck,
    PredicateCheck,
    RequiredCheck,
    Role,
    RuleSpec,
    ThresholdCheck,
)
from single_window.testing._build import (
    Built,
    Force,
    commodity_ok,
    date_window,
    document_ok,
    engine_findings,
    procedure_ok,
    split_document,
    split_procedure,
)
from single_window.testing._ids import breaking_ids, id_rule
from single_window.testing._rules import (
    RuleRef,
    find_rule,
    is_value_check,
    item_applies,
    iter_rules,
    value_accepted,
)
from single_window.testing._schema import facets
from single_window.testing._strategies import built_declarations, make_options

__all__ = [
    "CannotViolate",
    "Needs",
    "ViolationTarget",
    "predicate_violator",
    "violating",
]

_ITEM = ("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem")


class CannotViolate(InvalidArgument):
    """``violating`` was asked for a rule it cannot break (raised when called)."""


@dataclass(frozen=True)
class Needs:
    """What a predicate's violation needs from the valid declaration it starts from.

    Attributes:
        hs: Commodity code prefixes or ranges every goods item must fall in.
        currency: The invoice currency.
        declaration_types: Declaration type prefixes (``IM``, ``EX``).
        procedures: Requested procedure codes.
    """

    hs: tuple[str, ...] = ()
    currency: str | None = None
    declaration_types: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()


@dataclass
class ViolationTarget:
    """What a predicate violator receives: a valid declaration to break in place.

    Attributes:
        declaration: A valid declaration the rule applies to; change it in place.
        rule: The rule to break.
        country: The rule's country (None for the baseline).
        params: The rule's ``check.params``.
        item_index: For an item rule, the goods item to break (0-based); else None.
        draw: Hypothesis' draw function, for choosing values.
        today: The date checks judge plausibility by (UTC).
    """

    declaration: Declaration
    rule: RuleSpec
    country: str | None
    params: Mapping[str, Any]
    item_index: int | None
    draw: Callable[[st.SearchStrategy[Any]], Any]
    today: date

    @property
    def item(self) -> GovernmentAgencyGoodsItem:
        """The goods item to break (the first one for a declaration rule)."""
        return self.declaration.goods_items[self.item_index or 0]


PredicateViolator = Callable[[ViolationTarget], None]


@dataclass(frozen=True)
class _Registered:
    violate: PredicateViolator
    needs: Callable[[Mapping[str, Any]], Needs]


_PREDICATE_VIOLATORS: dict[str, _Registered] = {}


def predicate_violator(
    name: str, *, needs: Callable[[Mapping[str, Any]], Needs] | None = None
) -> Callable[[PredicateViolator], PredicateViolator]:
    """Register how to break rules that use the predicate ``name`` (a decorator).

    The function gets a :class:`ViolationTarget` and changes its declaration in place so
    that the predicate reports it. ``needs`` maps the rule's params to what the valid
    declaration must have for the predicate to look at it (:class:`Needs`).

    Example:
        >>> from single_window.testing import predicate_violator
        >>> @predicate_violator("my-predicate")  # doctest: +SKIP
        ... def _(target):
        ...     target.item.origins.clear()
    """

    def register(func: PredicateViolator) -> PredicateViolator:
        if name in _PREDICATE_VIOLATORS:
            raise ValueError(f"a violator for predicate {name!r} is registered twice")
        _PREDICATE_VIOLATORS[name] = _Registered(func, needs or (lambda _p: Needs()))
        return func

    return register


# --- fields: reading and writing what a selector selects ------------------------------------


def _code_like(old: object, value: str) -> Code:
    return CountryCode(value=value) if isinstance(old, CountryCode) else Code(value=value)


@dataclass(frozen=True)
class _Field:
    """How to read, write and vary one selector's value."""

    item: bool
    get: Callable[[Declaration, int], str | None]
    put: Callable[[Declaration, int, str], None]
    ok: Callable[[str, Built], bool]
    max_length: int
    alphabet: str
    universe: tuple[str, ...] = ()
    """Every value the field may take, when that is a closed list (ISO codes)."""


def _set_commodity(decl: Declaration, i: int, value: str) -> None:
    commodity = decl.goods_items[i].commodity
    assert commodity is not None
    commodity.classifications = [
        Classification(id=Identifier(value=value), identification_type_code=Code(value="HS"))
    ]


def _set_procedure(decl: Declaration, i: int, value: str) -> None:
    current, previous = split_procedure(value)
    decl.goods_items[i].government_procedures = [
        GovernmentProcedure(
            current_code=Code(value=current),
            previous_code=Code(value=previous) if previous else None,
        )
    ]


def _set_requested(decl: Declaration, i: int, value: str) -> None:
    gp = decl.goods_items[i].government_procedures[0]
    gp.current_code = Code(value=value)


def _set_previous(decl: Declaration, i: int, value: str) -> None:
    gp = decl.goods_items[i].government_procedures[0]
    gp.previous_code = Code(value=value)


def _get_previous(decl: Declaration, i: int) -> str | None:
    gps = decl.goods_items[i].government_procedures
    return gps[0].previous_code.value if gps and gps[0].previous_code else None


def _set_origin(decl: Declaration, i: int, value: str) -> None:
    origin = decl.goods_items[i].origins[0]
    origin.country_code = _code_like(origin.country_code, value)


def _set_duty_currency(decl: Declaration, i: int, value: str) -> None:
    commodity = decl.goods_items[i].commodity
    assert commodity is not None
    for duty in commodity.duty_tax_fees:
        if duty.payment is not None and duty.payment.tax_assessed_amount is not None:
            duty.payment.tax_assessed_amount.currency = value


def _get_document(decl: Declaration, i: int) -> str | None:
    docs = decl.goods_items[i].additional_documents
    return docs[0].code if docs else "N380"


def _set_document(decl: Declaration, i: int, value: str) -> None:
    category, kind = split_document(value)
    doc = AdditionalDocument(
        category_code=Code(value=category) if category else None,
        id=None,
        type_code=Code(value=kind),
    )
    docs = decl.goods_items[i].additional_documents
    if docs:
        docs[0].category_code, docs[0].type_code = doc.category_code, doc.type_code
    else:
        docs.append(doc)


def _set_decl(attr: str) -> Callable[[Declaration, int, str], None]:
    def put(decl: Declaration, _i: int, value: str) -> None:
        leaf: Any = {f.name: f.cls for f in spec_of(Declaration).fields}[attr]
        setattr(decl, attr, leaf(value=value))

    return put


def _get_decl(attr: str) -> Callable[[Declaration, int], str | None]:
    def get(decl: Declaration, _i: int) -> str | None:
        node = getattr(decl, attr)
        return node.value if node is not None else None

    return get


def _set_invoice_currency(decl: Declaration, _i: int, value: str) -> None:
    assert decl.invoice_amount is not None
    decl.invoice_amount.currency = value


def _facet_ok(*path: str) -> Callable[[str, Built], bool]:
    found = facets(*path)
    return lambda value, _b: found.accepts(value)


_UPPER = string.ascii_uppercase + string.digits

FIELDS: dict[str, _Field] = {
    "commodity_code": _Field(
        True,
        lambda d, i: d.goods_items[i].commodity_code,
        _set_commodity,
        lambda v, b: commodity_ok(v, b.active),
        facets(*_ITEM, "Commodity", "Classification", "ID").max_length or 18,
        string.digits,
    ),
    "procedure_code": _Field(
        True,
        lambda d, i: d.goods_items[i].procedure_code,
        _set_procedure,
        lambda v, _b: procedure_ok(v),
        9,
        string.digits,
    ),
    "requested_procedure": _Field(
        True,
        lambda d, i: (d.goods_items[i].procedure_code or "")[:2] or None,
        _set_requested,
        _facet_ok(*_ITEM, "GovernmentProcedure", "CurrentCode"),
        facets(*_ITEM, "GovernmentProcedure", "CurrentCode").max_length or 7,
        string.digits,
    ),
    "previous_procedure": _Field(
        True,
        _get_previous,
        _set_previous,
        _facet_ok(*_ITEM, "GovernmentProcedure", "PreviousCode"),
        facets(*_ITEM, "GovernmentProcedure", "PreviousCode").max_length or 7,
        string.digits,
    ),
    "origin_country": _Field(
        True,
        lambda d, i: (
            d.goods_items[i].origins[0].country_code.value  # type: ignore[union-attr]
            if d.goods_items[i].origins
            else None
        ),
        _set_origin,
        lambda v, _b: v in ISO_COUNTRIES,
        2,
        string.ascii_uppercase,
        tuple(sorted(ISO_COUNTRIES)),
    ),
    "duty_currency": _Field(
        True,
        lambda d, i: None,
        _set_duty_currency,
        lambda v, _b: v in ISO_CURRENCIES,
        3,
        string.ascii_uppercase,
        tuple(sorted(ISO_CURRENCIES)),
    ),
    "document_code": _Field(
        True, _get_document, _set_document, lambda v, _b: document_ok(v), 6, _UPPER
    ),
    "type_code": _Field(
        False,
        _get_decl("type_code"),
        _set_decl("type_code"),
        _facet_ok("Declaration", "TypeCode"),
        facets("Declaration", "TypeCode").max_length or 3,
        _UPPER,
    ),
    "function_code": _Field(
        False,
        _get_decl("function_code"),
        _set_decl("function_code"),
        _facet_ok("Declaration", "FunctionCode"),
        2,
        string.digits,
    ),
    "declaration_office_id": _Field(
        False,
        _get_decl("declaration_office_id"),
        _set_decl("declaration_office_id"),
        _facet_ok("Declaration", "DeclarationOfficeID"),
        facets("Declaration", "DeclarationOfficeID").max_length or 17,
        _UPPER,
    ),
    "currencies": _Field(
        False,
        lambda d, _i: d.invoice_amount.currency if d.invoice_amount else None,
        _set_invoice_currency,
        lambda v, _b: v in ISO_CURRENCIES,
        3,
        string.ascii_uppercase,
        tuple(sorted(ISO_CURRENCIES)),
    ),
}

#: Element removed to break a ``required`` check, by selector (item-relative or not).
_CLEAR: dict[str, tuple[tuple[str, ...], Callable[[Declaration, int], None]]] = {}


def _clears(field_name: str, path: tuple[str, ...]) -> Callable[..., Any]:
    def register(func: Callable[[Declaration, int], None]) -> Callable[[Declaration, int], None]:
        _CLEAR[field_name] = (path, func)
        return func

    return register


@_clears("commodity_code", (*_ITEM, "Commodity", "Classification"))
def _(d: Declaration, i: int) -> None:
    commodity = d.goods_items[i].commodity
    assert commodity is not None
    commodity.classifications = []


@_clears("procedure_code", (*_ITEM, "GovernmentProcedure"))
def _(d: Declaration, i: int) -> None:
    d.goods_items[i].government_procedures = []


_CLEAR["requested_procedure"] = _CLEAR["procedure_code"]


@_clears("previous_procedure", (*_ITEM, "GovernmentProcedure", "PreviousCode"))
def _(d: Declaration, i: int) -> None:
    for gp in d.goods_items[i].government_procedures:
        gp.previous_code = None


@_clears("origin_country", (*_ITEM, "Origin"))
def _(d: Declaration, i: int) -> None:
    d.goods_items[i].origins = []


@_clears("duty_currency", (*_ITEM, "Commodity", "DutyTaxFee"))
def _(d: Declaration, i: int) -> None:
    commodity = d.goods_items[i].commodity
    assert commodity is not None
    commodity.duty_tax_fees = []


@_clears("document_code", (*_ITEM, "AdditionalDocument"))
def _(d: Declaration, i: int) -> None:
    d.goods_items[i].additional_documents = []


@_clears("item_amount", (*_ITEM, "Commodity", "InvoiceLine"))
def _(d: Declaration, i: int) -> None:
    item = d.goods_items[i]
    assert item.commodity is not None
    item.commodity.invoice_line = None
    item.customs_value_amount = item.statistical_value_amount = None


@_clears("gross_mass", (*_ITEM, "Commodity", "GoodsMeasure", "GrossMassMeasure"))
def _(d: Declaration, i: int) -> None:
    gm = d.goods_items[i].commodity.goods_measure  # type: ignore[union-attr]
    assert gm is not None
    gm.gross_mass_measure = None


@_clears("net_mass", (*_ITEM, "Commodity", "GoodsMeasure", "NetNetWeightMeasure"))
def _(d: Declaration, i: int) -> None:
    gm = d.goods_items[i].commodity.goods_measure  # type: ignore[union-attr]
    assert gm is not None
    gm.net_net_weight_measure = None


for _name, _attr, _xml in (
    ("type_code", "type_code", "TypeCode"),
    ("function_code", "function_code", "FunctionCode"),
    ("declaration_office_id", "declaration_office_id", "DeclarationOfficeID"),
    ("invoice_amount", "invoice_amount", "InvoiceAmount"),
):

    def _clear_attr(d: Declaration, _i: int, attr: str = _attr) -> None:
        setattr(d, attr, None)

    _CLEAR[_name] = (("Declaration", _xml), _clear_attr)


# --- value violations ------------------------------------------------------------------------


def _variants(current: str, f: _Field) -> st.SearchStrategy[str]:
    """Values near a valid one: a character changed, dropped or added, or the start
    changed (an HS chapter, a procedure), plus any short value of the field's alphabet."""
    size = max(len(current), 1)
    position = st.integers(0, size - 1)
    char = st.sampled_from(f.alphabet + "AZ09")
    return st.one_of(
        st.tuples(position, char).map(lambda pc: current[: pc[0]] + pc[1] + current[pc[0] + 1 :]),
        position.map(lambda p: current[:p] + current[p + 1 :]),
        st.tuples(position, char).map(lambda pc: current[: pc[0]] + pc[1] + current[pc[0] :]),
        st.sampled_from(("00", "77", "98", "99", "X0")).map(lambda h: h + current[2:]),
        st.text(f.alphabet, min_size=1, max_size=min(f.max_length, 6)),
    )


def _resized(current: str, length: int, f: _Field) -> st.SearchStrategy[str]:
    if length <= len(current):
        return st.just(current[:length])
    extra = length - len(current)
    return st.text(f.alphabet, min_size=extra, max_size=extra).map(lambda t: current + t)


def _bad_values(check: object, current: str, f: _Field) -> st.SearchStrategy[str]:
    if isinstance(check, LengthCheck):
        wrong = [n for n in range(1, f.max_length + 1) if n not in check.lengths]
        nearest = sorted(wrong, key=lambda n: (abs(n - len(current)), n))[:6]
        return st.sampled_from(nearest).flatmap(lambda n: _resized(current, n, f))
    if f.universe:
        return st.sampled_from(f.universe)
    if isinstance(check, OneOfCheck):
        listed = [v for v in check.values if v]
        near = (
            st.sampled_from(listed).flatmap(lambda v: _variants(v, f)) if listed else st.nothing()
        )
        return st.one_of(_variants(current, f), near)
    return _variants(current, f)


def _other_checks(
    built: Built, ref: RuleRef, field_name: str, decl: Declaration, i: int
) -> list[object]:
    item = decl.goods_items[i] if ref.item_scope and decl.goods_items else None
    out: list[object] = []
    for other in built.active:
        if other.id == ref.id or other.field != field_name:
            continue
        if other.item_scope != ref.item_scope or not is_value_check(other.spec.check):
            continue
        if item is not None and not item_applies(
            other.spec.when, item.procedure_code, item.commodity_code
        ):
            continue
        out.append(other.spec.check)
    return out


def _violate_value(draw: Any, built: Built, ref: RuleRef, i: int) -> None:
    field_name = ref.field or ""
    f = FIELDS[field_name]
    decl = built.declaration
    current = f.get(decl, i) or ""
    if field_name == "duty_currency":
        current = built.duty_currency
    others = _other_checks(built, ref, field_name, decl, i)
    check = ref.spec.check
    value = draw(
        _bad_values(check, current, f).filter(
            lambda v: (
                bool(v)
                and not value_accepted(check, v)
                and f.ok(v, built)
                and all(value_accepted(c, v) for c in others)
            )
        )
    )
    f.put(decl, i, value)


# --- the other kinds --------------------------------------------------------------------------

_PARTY_ROLES: dict[str, Role] = {
    "declarant": Role.DECLARING,
    "exporter": Role.EXPORT,
    "importer": Role.DESTINATION,
}


def _violate_identifier(draw: Any, built: Built, ref: RuleRef, rules: RuleSet) -> None:
    check = ref.spec.check
    assert isinstance(check, IdentifierCheck) and ref.country is not None
    decl = built.declaration
    shipment = decl.goods_shipment
    assert shipment is not None
    parties = {
        "declarant": (decl.declarant, built.declaring),
        "exporter": (decl.exporter, built.export),
        "importer": (shipment.importer, built.destination),
    }
    options = [
        role
        for role, (party, country) in parties.items()
        if party is not None
        and party.id is not None
        and country == ref.country
        and role in check.parties
    ]
    if not options:
        reject()
    role = draw(st.sampled_from(options))
    party = parties[role][0]
    assert party is not None and party.id is not None
    target = id_rule(ref.id, ref.country, check.validators)
    others = [
        id_rule(o.id, ref.country, o.spec.check.validators)
        for o in built.active
        if o.id != ref.id
        and o.country == ref.country
        and isinstance(o.spec.check, IdentifierCheck)
        and role in o.spec.check.parties
    ]
    limit = facets("Declaration", "Exporter", "ID").max_length or 17
    names = [
        n
        for o in built.active
        if o.country == ref.country and isinstance(o.spec.check, IdentifierCheck)
        for n in o.spec.check.validators
    ]
    party.id.value = draw(breaking_ids(party.id.value, target, others, limit, names))


def _violate_document(built: Built, ref: RuleRef, i: int) -> None:
    check = ref.spec.check
    assert isinstance(check, DocumentCheck)
    codes = set(check.codes)
    item = built.declaration.goods_items[i]
    item.additional_documents = [d for d in item.additional_documents if d.code not in codes]
    decl = built.declaration
    decl.additional_documents = [d for d in decl.additional_documents if d.code not in codes]


def _rebalance(decl: Declaration) -> None:
    """Header totals recomputed from the items (after an item's amount or mass changed)."""
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


def _above(draw: Any, limit: Decimal, places: int) -> Decimal:
    step = Decimal(1).scaleb(-places)
    bump: Decimal = draw(st.integers(1, 10_000)) * step
    return (limit + bump).quantize(step)


def _violate_threshold(draw: Any, built: Built, ref: RuleRef, i: int) -> None:
    check = ref.spec.check
    assert isinstance(check, ThresholdCheck)
    decl = built.declaration
    item = decl.goods_items[i] if decl.goods_items else None
    field_name = check.field
    if field_name == "item_amount":
        assert item is not None
        item.statistical_value_amount = Amount(
            value=_above(draw, check.limit, 2), currency=check.currency
        )
    elif field_name == "invoice_amount":
        assert decl.invoice_amount is not None and item is not None
        wanted = _above(draw, check.limit, 2)
        line = item.commodity.invoice_line  # type: ignore[union-attr]
        assert line is not None and line.item_charge_amount is not None
        line.item_charge_amount.value += wanted - decl.invoice_amount.value
        if line.item_charge_amount.value < 0:
            reject()
        _rebalance(decl)
    else:
        assert item is not None and item.commodity is not None
        gm = item.commodity.goods_measure
        assert (
            gm is not None
            and gm.gross_mass_measure is not None
            and gm.net_net_weight_measure is not None
        )
        value = _above(draw, check.limit, 3)
        if field_name == "gross_mass":
            gm.gross_mass_measure = Measure(value=value, unit=check.currency)
            gm.net_net_weight_measure = Measure(
                value=min(gm.net_net_weight_measure.value, value), unit=check.currency
            )
        else:
            gm.net_net_weight_measure = Measure(value=value, unit=check.currency)
            gm.gross_mass_measure = Measure(
                value=max(gm.gross_mass_measure.value, value), unit=check.currency
            )
        _rebalance(decl)


def _violate_required(built: Built, ref: RuleRef, i: int) -> None:
    _path, clear = _CLEAR[ref.field or ""]
    clear(built.declaration, i)


# --- bundled predicates ------------------------------------------------------------------------


@predicate_violator("item-count")
def _item_count(t: ViolationTarget) -> None:
    n = len(t.declaration.goods_items)
    wrong = t.draw(st.integers(0, min(n + 50, 99_999)).filter(lambda k: k != n))
    t.declaration.goods_item_quantity = Quantity(value=Decimal(wrong))


@predicate_violator("item-sequence")
def _item_sequence(t: ViolationTarget) -> None:
    index = t.draw(st.integers(0, len(t.declaration.goods_items) - 1))
    wrong = t.draw(st.integers(1, 999).filter(lambda k: k != index + 1))
    t.declaration.goods_items[index].sequence_numeric = Numeric(value=Decimal(wrong))


@predicate_violator("total-packages")
def _total_packages(t: ViolationTarget) -> None:
    total = t.declaration.total_package_quantity
    assert total is not None
    wrong = t.draw(st.integers(0, int(total.value) + 1000).filter(lambda k: k != total.value))
    t.declaration.total_package_quantity = Quantity(value=Decimal(wrong))


@predicate_violator("total-gross-mass")
def _total_gross_mass(t: ViolationTarget) -> None:
    total = t.declaration.total_gross_mass_measure
    assert total is not None
    tolerance = Decimal(str(t.params.get("tolerance", "0.001")))
    bump = _above(t.draw, tolerance, 3)
    down = total.value - bump
    value = down if down >= 0 and t.draw(st.booleans()) else total.value + bump
    t.declaration.total_gross_mass_measure = Measure(value=value, unit=total.unit)


@predicate_violator("invoice-total")
def _invoice_total(t: ViolationTarget) -> None:
    total = t.declaration.invoice_amount
    assert total is not None
    bump = _above(t.draw, Decimal(0), 2)
    down = total.value - bump
    value = down if down >= 0 and t.draw(st.booleans()) else total.value + bump
    t.declaration.invoice_amount = Amount(value=value, currency=total.currency)


@predicate_violator("net-not-above-gross")
def _net_above_gross(t: ViolationTarget) -> None:
    gm = t.item.commodity.goods_measure  # type: ignore[union-attr]
    assert gm is not None and gm.gross_mass_measure is not None
    gm.net_net_weight_measure = Measure(
        value=_above(t.draw, gm.gross_mass_measure.value, 3), unit=gm.gross_mass_measure.unit
    )


@predicate_violator("plausible-dates")
def _implausible_date(t: ViolationTarget) -> None:
    invoice = t.declaration.goods_shipment.invoice  # type: ignore[union-attr]
    assert invoice is not None
    grace = int(t.params.get("grace_days", 1))
    floor = int(t.params.get("floor_year", 1990))
    future = t.today + timedelta(days=grace + t.draw(st.integers(2, 3000)))
    past = date(t.draw(st.integers(max(floor - 50, 1000), floor - 1)), 6, 1)
    day = t.draw(st.sampled_from((future, past)))
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    invoice.issue_date_time = DateTime(value=midnight, format_code="102")


@predicate_violator("hs-code-shape")
def _bad_hs(t: ViolationTarget) -> None:
    current = t.item.commodity_code or "0101210000"
    chapter = t.draw(st.sampled_from(("77", "00", "98", "99")))
    _set_commodity(t.declaration, t.item_index or 0, chapter + current[2:])


@predicate_violator("document-code-shape")
def _bad_document_code(t: ViolationTarget) -> None:
    category, kind = t.draw(
        st.sampled_from((("CC", "640"), ("C", "64"), ("", "64"), ("NN", "861")))
    )
    t.declaration.additional_documents.append(
        DeclarationAdditionalDocument(
            category_code=Code(value=category) if category else None,
            type_code=Code(value=kind),
        )
    )


def _postal_needs(params: Mapping[str, Any]) -> Needs:
    return Needs(
        hs=tuple(params.get("hs") or ()),
        currency=str(params["currency"]) if params.get("currency") else None,
    )


def _make_postal(decl: Declaration, params: Mapping[str, Any]) -> None:
    modes = params.get("modes") or ("5",)
    mode = Code(value=str(modes[0]))
    if decl.border_transport_means is None:
        decl.border_transport_means = BorderTransportMeans(mode_code=mode)
    else:
        decl.border_transport_means.mode_code = mode


@predicate_violator("postal-consignment-limit", needs=_postal_needs)
def _postal_limit(t: ViolationTarget) -> None:
    decl = t.declaration
    _make_postal(decl, t.params)
    if t.params.get("unless_duty"):
        for item in decl.goods_items:
            for duty in item.commodity.duty_tax_fees if item.commodity else ():
                if duty.payment is not None and duty.payment.tax_assessed_amount is not None:
                    duty.payment.tax_assessed_amount.value = Decimal("0.00")
    assert decl.invoice_amount is not None
    wanted = _above(t.draw, Decimal(str(t.params["limit"])), 2)
    if decl.invoice_amount.value < wanted:
        line = decl.goods_items[0].commodity.invoice_line  # type: ignore[union-attr]
        assert line is not None and line.item_charge_amount is not None
        line.item_charge_amount.value += wanted - decl.invoice_amount.value
        _rebalance(decl)


@predicate_violator("postal-item")
def _postal_item(t: ViolationTarget) -> None:
    _make_postal(t.declaration, t.params)


@predicate_violator("preference-proof")
def _missing_proof(t: ViolationTarget) -> None:
    countries = [c for c in t.params.get("countries") or () if c in ISO_COUNTRIES]
    codes = set(t.params.get("codes") or ())
    origin_type = str(t.params.get("origin_type", "2"))
    item = t.item
    if not item.origins:
        reject()
    origin = item.origins[0]
    if countries:
        origin.country_code = _code_like(origin.country_code, t.draw(st.sampled_from(countries)))
    origin.type_code = Code(value=origin_type)
    item.additional_documents = [d for d in item.additional_documents if d.code not in codes]
    decl = t.declaration
    decl.additional_documents = [d for d in decl.additional_documents if d.code not in codes]


def _direction_needs(params: Mapping[str, Any]) -> Needs:
    types = tuple(t for key, t in (("export", "IM"), ("import", "EX")) if params.get(key))
    return Needs(declaration_types=types)


@predicate_violator("procedure-direction", needs=_direction_needs)
def _wrong_direction(t: ViolationTarget) -> None:
    type_code = t.declaration.type_code.value if t.declaration.type_code else ""
    key = "export" if type_code.startswith("IM") else "import"
    options = [str(c) for c in t.params.get(key) or ()]
    if not options:
        reject()
    _set_requested(t.declaration, t.item_index or 0, t.draw(st.sampled_from(options)))


# --- planning a violation ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    ref: RuleRef
    kind: str
    force: Force


def _plan(ref: RuleRef, rules: RuleSet) -> _Plan:
    spec, check = ref.spec, ref.spec.check
    when = spec.when
    needs = Needs()
    if isinstance(check, PredicateCheck):
        registered = _PREDICATE_VIOLATORS.get(check.predicate)
        if registered is None:
            raise CannotViolate(
                f"{spec.id}: no violator is registered for predicate {check.predicate!r}; "
                "register one with single_window.testing.predicate_violator"
            )
        needs = registered.needs(check.params)
        kind = "predicate"
    elif isinstance(check, ThresholdCheck):
        if check.field not in ("item_amount", "invoice_amount", "gross_mass", "net_mass"):
            raise CannotViolate(f"{spec.id}: cannot raise field {check.field!r} above a limit")
        top = Decimal(10) ** 12
        if check.limit >= top:
            raise CannotViolate(f"{spec.id}: the limit {check.limit} leaves no room in the schema")
        if check.field == "invoice_amount":
            needs = Needs(currency=check.currency)
        kind = "threshold"
    elif isinstance(check, RequiredCheck):
        entry = _CLEAR.get(check.field or "")
        if entry is None:
            raise CannotViolate(f"{spec.id}: cannot remove field {check.field!r}")
        if facets(*entry[0]).min_occurs > 0:
            raise CannotViolate(
                f"{spec.id}: the schema requires {'/'.join(entry[0])}; removing it breaks the "
                "XSD before any rule runs"
            )
        kind = "required"
    elif is_value_check(check):
        if check.field not in FIELDS:
            raise CannotViolate(f"{spec.id}: cannot write field {check.field!r}")
        kind = "value"
    elif isinstance(check, DocumentCheck):
        kind = "document"
    elif isinstance(check, IdentifierCheck):
        if ref.country is None:
            raise CannotViolate(f"{spec.id}: identifier rules need a country")
        kind = "identifier"
    else:  # pragma: no cover - every kind is listed above
        raise CannotViolate(f"{spec.id}: check kind {check.kind!r} is not supported")
    roles: tuple[Role, ...] = tuple(when.roles or ())
    if kind == "identifier":
        assert isinstance(check, IdentifierCheck)
        usable = {r for p, r in _PARTY_ROLES.items() if p in check.parties}
        if Role.DECLARING in (when.roles or tuple(Role)) and usable & {
            Role.EXPORT,
            Role.DESTINATION,
        }:
            usable.add(Role.DECLARING)
        roles = tuple(r for r in (when.roles or tuple(Role)) if r in usable)
        if not roles:
            raise CannotViolate(
                f"{spec.id}: none of the parties it checks ({', '.join(check.parties)}) is "
                "registered in a country with one of its roles on a generated route"
            )
    types = tuple(when.declaration_types or ()) or needs.declaration_types
    if when.declaration_types and needs.declaration_types:
        types = (
            tuple(
                t
                for t in when.declaration_types
                if any(t.startswith(n) for n in needs.declaration_types)
            )
            or types
        )
    force = Force(
        country=ref.country,
        roles=roles,
        type_prefixes=types,
        functions=tuple(when.functions or ()),
        earliest=when.valid_from,
        latest=when.valid_to,
        procedures=tuple(when.procedures or ()) or needs.procedures,
        hs=tuple(when.hs or ()) or needs.hs,
        currency=needs.currency,
    )
    earliest, latest = date_window(rules, force)
    if earliest > latest:
        raise CannotViolate(
            f"{spec.id}: in force {when.valid_from} to {when.valid_to}; no declaration dated "
            "up to yesterday can make it apply"
        )
    return _Plan(ref, kind, force)


def _guard(built: Built, plan: _Plan, rules: RuleSet) -> None:
    """Discard the example when a rule other than the target fires too."""
    refs = list(iter_rules(rules, built.countries))
    if any(rule != plan.ref.id for rule in engine_findings(built.declaration, refs)):
        reject()


@overload
def violating(
    rule_id: str,
    *,
    output: Literal["xml"] = "xml",
    countries: Iterable[str] | None = None,
    route: Sequence[str] | None = None,
    declaring: str | None = None,
    procedures: Iterable[str] | None = None,
    items: tuple[int, int] = (1, 3),
    rules: RuleSet | None = None,
) -> st.SearchStrategy[bytes]: ...


@overload
def violating(
    rule_id: str,
    *,
    output: Literal["model"],
    countries: Iterable[str] | None = None,
    route: Sequence[str] | None = None,
    declaring: str | None = None,
    procedures: Iterable[str] | None = None,
    items: tuple[int, int] = (1, 3),
    rules: RuleSet | None = None,
) -> st.SearchStrategy[Declaration]: ...


def violating(
    rule_id: str,
    *,
    output: Literal["xml", "model"] = "xml",
    countries: Iterable[str] | None = None,
    route: Sequence[str] | None = None,
    declaring: str | None = None,
    procedures: Iterable[str] | None = None,
    items: tuple[int, int] = (1, 3),
    rules: RuleSet | None = None,
) -> st.SearchStrategy[bytes] | st.SearchStrategy[Declaration]:
    """A strategy for declarations that break exactly one rule, ``rule_id``.

    Each example is a schema-valid declaration on which that rule applies and every
    other rule of the route's countries passes; the value the rule looks at is changed
    so that the rule, read from its pack data, must report it. Use it to test that a
    rule of yours fires (see docs/how-to/fuzz-your-rules.md).

    Args:
        rule_id: The rule to break, e.g. ``"TR-HS-LENGTH"``.
        output: ``"xml"`` for UTF-8 bytes (default) or ``"model"`` for
            :class:`~single_window.Declaration` objects.
        countries, route, declaring, procedures, items, rules: As for
            :func:`declarations`; the rule's country is always put on the route in a role
            the rule applies to.

    Raises:
        hypothesis.errors.InvalidArgument: at call time, for an unknown rule id or a bad
            option; :class:`CannotViolate` (a subclass) for a rule this module cannot
            break, saying why.
    """
    if output not in ("xml", "model"):
        raise InvalidArgument(f"output must be 'xml' or 'model', got {output!r}")
    ruleset = rules if isinstance(rules, RuleSet) else RuleSet.bundled()
    if not isinstance(rule_id, str):
        raise InvalidArgument(f"rule_id must be a rule id string, got {rule_id!r}")
    ref = find_rule(ruleset, rule_id)
    if ref is None:
        known = sorted(s.id for p in ruleset.packs.values() for s in p.specs)
        raise InvalidArgument(f"no rule {rule_id!r} in the packs (rules: {', '.join(known)})")
    plan = _plan(ref, ruleset)
    if ref.country is not None:
        if route is not None and ref.country not in [str(c).upper() for c in route]:
            raise InvalidArgument(f"route {tuple(route)} does not pass {ref.country}")
        if countries is not None and ref.country not in [str(c).upper() for c in countries]:
            raise InvalidArgument(f"countries does not include {ref.country}, the rule's country")
    options = make_options(
        countries=countries,
        route=route,
        declaring=declaring,
        procedures=plan.force.procedures or procedures,
        items=items,
        rules=rules,
        force=plan.force,
    )
    if options.route is not None and ref.country is not None:
        _check_route_roles(options.route, options.declaring, plan)

    @st.composite
    def draw_violation(draw: st.DrawFn) -> Declaration:
        built = draw(built_declarations(options))
        decl = built.declaration
        index = draw(st.integers(0, len(decl.goods_items) - 1)) if decl.goods_items else 0
        if plan.kind == "value":
            _violate_value(draw, built, ref, index)
        elif plan.kind == "identifier":
            _violate_identifier(draw, built, ref, ruleset)
        elif plan.kind == "document":
            _violate_document(built, ref, index)
        elif plan.kind == "threshold":
            _violate_threshold(draw, built, ref, index)
        elif plan.kind == "required":
            _violate_required(built, ref, index)
        else:
            check = ref.spec.check
            assert isinstance(check, PredicateCheck)
            target = ViolationTarget(
                declaration=decl,
                rule=ref.spec,
                country=ref.country,
                params=dict(check.params),
                item_index=index if ref.item_scope else None,
                draw=draw,
                today=built.today,
            )
            _PREDICATE_VIOLATORS[check.predicate].violate(target)
        _guard(built, plan, ruleset)
        return decl

    models = draw_violation()
    if output == "model":
        return models
    return st.tuples(models, st.booleans()).map(lambda mp: mp[0].to_xml(pretty=mp[1]))


def _check_route_roles(route: tuple[str, ...], declaring: str | None, plan: _Plan) -> None:
    country = plan.ref.country
    possible: set[Role] = set()
    if country == route[0]:
        possible.add(Role.EXPORT)
    if country == route[-1]:
        possible.add(Role.DESTINATION)
    if country in route[1:-1]:
        possible.add(Role.TRANSIT)
    if country in (route[0], route[-1]) and declaring in (None, country):
        possible.add(Role.DECLARING)
    if plan.force.roles and not possible & set(plan.force.roles):
        wanted = ", ".join(r.value for r in plan.force.roles)
        raise InvalidArgument(
            f"{plan.ref.id} applies when {country} is {wanted}; route {route} does not allow it"
        )
