"""Violators of the bundled predicates of import and export declarations (counts,
numbering, totals, masses, dates, HS shape, postal limits, preference proofs, procedure
direction): each breaks one rule on a valid declaration and leaves every other rule
satisfied. The builders satisfy these predicates by construction on every kind of
declaration (``built_on``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window._values import ISO_COUNTRIES, Amount, Code, DateTime, Measure, Numeric, Quantity
from single_window.models import BorderTransportMeans, Declaration
from single_window.rules._kinds import Needs
from single_window.testing._options import KINDS
from single_window.testing._target import ViolationTarget, violator
from single_window.testing._writers import item_writer, rebalance

__all__: list[str] = []


def _above(draw: Any, limit: Decimal, places: int) -> Decimal:
    step = Decimal(1).scaleb(-places)
    bump: Decimal = draw(st.integers(1, 10_000)) * step
    return (limit + bump).quantize(step)


def _put(field: str, t: ViolationTarget, value: str) -> None:
    """Write a goods item field the way the strategies write it (see the selectors)."""
    put = item_writer(field).put
    assert put is not None
    put(t.declaration, t.item_index or 0, value)


# --- bundled predicates ------------------------------------------------------------------------


@violator("item-count", built_on=KINDS)
def _item_count(t: ViolationTarget) -> None:
    n = len(t.declaration.goods_items)
    wrong = t.draw(st.integers(0, min(n + 50, 99_999)).filter(lambda k: k != n))
    t.declaration.goods_item_quantity = Quantity(value=Decimal(wrong))


@violator("goods-item-limit", built_on=KINDS)
def _too_many_items(t: ViolationTarget) -> None:
    decl = t.declaration
    limit = int(t.params["max"])
    wanted = limit + t.draw(st.integers(1, 3))
    first = decl.goods_items[0]
    while len(decl.goods_items) < wanted:
        decl.goods_items.append(first.model_copy(deep=True))
    for position, item in enumerate(decl.goods_items, start=1):
        item.sequence_numeric = Numeric(value=Decimal(position))
    decl.goods_item_quantity = Quantity(value=Decimal(len(decl.goods_items)))
    packages = [
        p.quantity_quantity.value
        for item in decl.goods_items
        for p in item.packagings
        if p.quantity_quantity is not None
    ]
    if decl.total_package_quantity is not None and packages:
        decl.total_package_quantity = Quantity(value=sum(packages, Decimal(0)))
    rebalance(decl)


@violator("item-sequence", built_on=KINDS)
def _item_sequence(t: ViolationTarget) -> None:
    index = t.draw(st.integers(0, len(t.declaration.goods_items) - 1))
    wrong = t.draw(st.integers(1, 999).filter(lambda k: k != index + 1))
    t.declaration.goods_items[index].sequence_numeric = Numeric(value=Decimal(wrong))


@violator("total-packages", built_on=KINDS)
def _total_packages(t: ViolationTarget) -> None:
    total = t.declaration.total_package_quantity
    assert total is not None
    wrong = t.draw(st.integers(0, int(total.value) + 1000).filter(lambda k: k != total.value))
    t.declaration.total_package_quantity = Quantity(value=Decimal(wrong))


@violator("total-gross-mass", built_on=KINDS)
def _total_gross_mass(t: ViolationTarget) -> None:
    total = t.declaration.total_gross_mass_measure
    assert total is not None
    items = len(t.declaration.goods_items)
    tolerance = Decimal(str(t.params.get("rounding", "0.5"))) * (items + 1)
    bump = _above(t.draw, tolerance, 3)
    down = total.value - bump
    value = down if down >= 0 and t.draw(st.booleans()) else total.value + bump
    t.declaration.total_gross_mass_measure = Measure(value=value, unit=total.unit)


def _priced(_params: Mapping[str, Any]) -> Needs:
    # transit declarations carry no prices
    return Needs(kinds=("import", "export"))


@violator("invoice-total", needs=_priced, built_on=KINDS)
def _invoice_total(t: ViolationTarget) -> None:
    total = t.declaration.invoice_amount
    assert total is not None
    bump = _above(t.draw, Decimal(0), 2)
    down = total.value - bump
    value = down if down >= 0 and t.draw(st.booleans()) else total.value + bump
    t.declaration.invoice_amount = Amount(value=value, currency=total.currency)


@violator("net-not-above-gross", built_on=KINDS)
def _net_above_gross(t: ViolationTarget) -> None:
    gm = t.item.commodity.goods_measure  # type: ignore[union-attr]
    assert gm is not None and gm.gross_mass_measure is not None
    gm.net_net_weight_measure = Measure(
        value=_above(t.draw, gm.gross_mass_measure.value, 3), unit=gm.gross_mass_measure.unit
    )


@violator("plausible-dates", built_on=KINDS)
def _implausible_date(t: ViolationTarget) -> None:
    shipment = t.declaration.goods_shipment
    invoice = shipment.invoice if shipment is not None else None
    grace = int(t.params.get("grace_days", 1))
    floor = int(t.params.get("floor_year", 1990))
    future = t.today + timedelta(days=grace + t.draw(st.integers(2, 3000)))
    past = date(t.draw(st.integers(max(floor - 50, 1000), floor - 1)), 6, 1)
    day = t.draw(st.sampled_from((future, past)))
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    stamp = DateTime(value=midnight, format_code="102")
    if invoice is not None:
        invoice.issue_date_time = stamp
    else:  # a transit declaration has no invoice: its acceptance date is implausible
        t.declaration.acceptance_date_time = stamp


@violator("hs-code-shape", built_on=KINDS)
def _bad_hs(t: ViolationTarget) -> None:
    current = t.item.commodity_code or "0101210000"
    position = t.draw(st.integers(6, max(len(current) - 1, 6)))
    letter = t.draw(st.sampled_from("ABXZ"))
    _put("commodity_code", t, current[:position] + letter + current[position + 1 :])


def _postal_needs(params: Mapping[str, Any]) -> Needs:
    return Needs(
        hs=tuple(params.get("hs") or ()),
        currency=str(params["currency"]) if params.get("currency") else None,
    )


def _make_postal(decl: Declaration, params: Mapping[str, Any]) -> None:
    modes = params.get("modes") or ("5",)
    mode = Code(value=str(modes[0]))
    if not decl.border_transport_means:
        decl.border_transport_means.append(BorderTransportMeans(mode_code=mode))
    else:
        decl.border_transport_means[0].mode_code = mode


@violator("postal-consignment-limit", needs=_postal_needs, built_on=KINDS)
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
        rebalance(decl)


@violator("postal-item", built_on=KINDS)
def _postal_item(t: ViolationTarget) -> None:
    _make_postal(t.declaration, t.params)


def _proof_needs(params: Mapping[str, Any]) -> Needs:
    countries = tuple(str(c) for c in params.get("countries") or () if c in ISO_COUNTRIES)
    return Needs(export=countries if params.get("country_of") == "export" else ())


@violator("preference-proof", needs=_proof_needs, built_on=KINDS)
def _missing_proof(t: ViolationTarget) -> None:
    countries = [c for c in t.params.get("countries") or () if c in ISO_COUNTRIES]
    codes = set(t.params.get("codes") or ())
    by_origin = t.params.get("country_of") != "export"
    item = t.item
    if not item.origins or item.commodity is None or not item.commodity.duty_tax_fees:
        reject()
    if countries and by_origin:
        _put("origin_country", t, t.draw(st.sampled_from(countries)))
    preferences = [str(p) for p in t.params.get("preferences") or ()]
    if preferences:
        claim = t.draw(st.sampled_from(preferences))
        code = claim + t.draw(st.text("0123456789", min_size=3, max_size=3))[len(claim) :]
        item.commodity.duty_tax_fees[0].duty_regime_code = Code(value=code)
    else:
        item.origins[0].type_code = Code(value=str(t.params.get("origin_type", "2")))
    item.additional_documents = [d for d in item.additional_documents if d.code not in codes]
    decl = t.declaration
    decl.additional_documents = [d for d in decl.additional_documents if d.code not in codes]


def _direction_needs(params: Mapping[str, Any]) -> Needs:
    types = tuple(t for key, t in (("export", "IM"), ("import", "EX")) if params.get(key))
    return Needs(declaration_types=types)


@violator("procedure-direction", needs=_direction_needs, built_on=KINDS)
def _wrong_direction(t: ViolationTarget) -> None:
    type_code = t.declaration.type_code.value if t.declaration.type_code else ""
    key = "export" if type_code.startswith("IM") else "import"
    options = [str(c) for c in t.params.get(key) or ()]
    if not options:
        reject()
    _put("requested_procedure", t, t.draw(st.sampled_from(options)))
