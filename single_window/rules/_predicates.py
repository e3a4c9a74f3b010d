"""The bundled predicates and identifier validators that pack files name.

Country-neutral consistency checks (item count and numbering, header totals against
item sums, masses, dates, HS chapters, document code shapes) and the identifier checks
python-stdnum does not have (Kazakhstan BIN/IIN, Uzbekistan STIR/PINFL, Kyrgyzstan INN,
Georgia, Hungary's 11-digit tax number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from stdnum.hu import anum

from single_window._values import Amount, Node
from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context
from single_window.rules._registry import Params, Violation, identifier, predicate

# --- country-neutral consistency -------------------------------------------------------


@predicate("item-count", "declaration")
def item_count(ctx: Context, params: Params) -> Iterator[Violation]:
    """GoodsItemQuantity equals the number of goods items."""
    decl = ctx.declaration
    declared = decl.goods_item_quantity
    if declared is None or decl.goods_shipment is None:
        return
    actual = len(decl.goods_items)
    if declared.value != actual:
        yield Violation(
            declared, str(declared.value), {"value": declared.value, "expected": actual}
        )


@predicate("item-sequence", "declaration")
def item_sequence(ctx: Context, params: Params) -> Iterator[Violation]:
    """Goods item sequence numbers run 1..n in document order."""
    for position, item in enumerate(ctx.declaration.goods_items, start=1):
        seq = item.sequence_numeric
        if seq is not None and seq.value != position:
            yield Violation(seq, str(seq.value), {"value": seq.value, "expected": position})


@predicate("total-packages", "declaration")
def total_packages(ctx: Context, params: Params) -> Iterator[Violation]:
    """TotalPackageQuantity equals the sum of the items' package quantities."""
    decl = ctx.declaration
    total = decl.total_package_quantity
    if total is None:
        return
    quantities = [
        p.quantity.value for item in decl.goods_items for p in item.packagings if p.quantity
    ]
    if not quantities:
        return
    summed = sum(quantities, Decimal(0))
    if total.value != summed:
        yield Violation(total, str(total.value), {"value": total.value, "expected": summed})


@predicate("total-gross-mass", "declaration")
def total_gross_mass(ctx: Context, params: Params) -> Iterator[Violation]:
    """TotalGrossMassMeasure equals the sum of item gross masses (same unit)."""
    decl = ctx.declaration
    total = decl.total_gross_mass
    if total is None:
        return
    masses = []
    for item in decl.goods_items:
        gm = item.commodity.goods_measure if item.commodity else None
        if gm is None or gm.gross_mass is None:
            return
        if gm.gross_mass.unit not in (None, total.unit):
            return
        masses.append(gm.gross_mass.value)
    if not masses:
        return
    summed = sum(masses, Decimal(0))
    tolerance = Decimal(str(params.get("tolerance", "0.001")))
    if abs(total.value - summed) > tolerance:
        yield Violation(total, str(total.value), {"value": total.value, "expected": summed})


@predicate("invoice-total", "declaration")
def invoice_total(ctx: Context, params: Params) -> Iterator[Violation]:
    """InvoiceAmount equals the sum of item ItemChargeAmounts when every currency agrees."""
    decl = ctx.declaration
    total = decl.invoice_amount
    if total is None or not decl.goods_items:
        return
    amounts: list[Amount] = []
    for item in decl.goods_items:
        line = item.commodity.invoice_line if item.commodity else None
        if line is None or line.item_charge_amount is None:
            return
        amounts.append(line.item_charge_amount)
    if any(a.currency != total.currency for a in amounts):
        return
    summed = sum((a.value for a in amounts), Decimal(0))
    if summed != total.value:
        yield Violation(
            total,
            str(total.value),
            {"value": total.value, "expected": summed, "currency": total.currency or ""},
        )


@predicate("net-not-above-gross", "item")
def net_not_above_gross(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """An item's net mass is not above its gross mass (same unit)."""
    gm = item.commodity.goods_measure if item.commodity else None
    if gm is None or gm.net_mass is None or gm.gross_mass is None:
        return
    if gm.net_mass.unit != gm.gross_mass.unit:
        return
    if gm.net_mass.value > gm.gross_mass.value:
        yield Violation(
            gm.net_mass,
            str(gm.net_mass.value),
            {"value": gm.net_mass.value, "expected": gm.gross_mass.value},
        )


@predicate("plausible-dates", "declaration")
def plausible_dates(ctx: Context, params: Params) -> Iterator[Violation]:
    """Declaration dates are not in the future (one day's grace) nor before a floor year."""
    floor = int(params.get("floor_year", 1990))
    latest = ctx.today + timedelta(days=int(params.get("grace_days", 1)))
    decl = ctx.declaration
    candidates = [decl.issue_date_time, decl.acceptance_date_time]
    if decl.goods_shipment is not None and decl.goods_shipment.invoice is not None:
        candidates.append(decl.goods_shipment.invoice.issue_date_time)
    for stamp in candidates:
        if stamp is None or stamp.value is None:
            continue
        day = stamp.value.date()
        if day > latest or day.year < floor:
            yield Violation(
                stamp,
                stamp.raw or day.isoformat(),
                {"value": day.isoformat(), "expected": f"{floor}-01-01 to {latest.isoformat()}"},
            )


# HS 2022 chapters: 01-97 with 77 reserved for future use.
HS_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 98) if n != 77)


@predicate("hs-code-shape", "item")
def hs_code_shape(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """The commodity code is all digits, at least 6 long, in an existing HS chapter."""
    code = ctx.commodity_code(item)
    if code is None:
        return
    node: Node | None = item.commodity
    if item.commodity is not None:
        for c in item.commodity.classifications:
            if c.id is not None and code.startswith(c.id.value):
                node = c.id
                break
    if not code.isdigit():
        yield Violation(node, code, {"value": code, "problem": "is not all digits"})
    elif len(code) < 6:
        yield Violation(node, code, {"value": code, "problem": "is shorter than an HS subheading"})
    elif code[:2] not in HS_CHAPTERS:
        yield Violation(node, code, {"value": code, "problem": f"has no HS chapter {code[:2]}"})


_DOCUMENT_CODE = re.compile(r"^[A-Z0-9][A-Z0-9]{3}$")


@predicate("document-code-shape", "declaration")
def document_code_shape(ctx: Context, params: Params) -> Iterator[Violation]:
    """Every document code is one category character plus a three-character type."""
    decl = ctx.declaration
    documents = list(decl.additional_documents)
    for item in decl.goods_items:
        documents.extend(item.additional_documents)
    for doc in documents:
        code = doc.code
        if code is None:
            continue
        if not _DOCUMENT_CODE.match(code):
            yield Violation(doc.type_code or doc, code, {"value": code})


# --- identifiers python-stdnum does not cover -------------------------------------------


def _mod11_two_pass(digits: str) -> bool:
    """Kazakhstan BIN/IIN check digit: weights 1..11, then 3..11,1,2 if the first gives 10."""
    body = [int(c) for c in digits[:11]]
    check = sum(w * d for w, d in zip(range(1, 12), body, strict=True)) % 11
    if check == 10:
        weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        check = sum(w * d for w, d in zip(weights, body, strict=True)) % 11
        if check == 10:
            return False
    return check == int(digits[11])


@identifier("kz-bin-iin")
def kz_bin_iin(value: str) -> str | None:
    """Kazakhstan BIN (legal entities) or IIN (individuals): 12 digits, mod-11 check."""
    digits = value.replace(" ", "")
    if not re.fullmatch(r"\d{12}", digits):
        return "not 12 digits"
    if not _mod11_two_pass(digits):
        return "the check digit does not match"
    return None


@identifier("kz-bin")
def kz_bin(value: str) -> str | None:
    """Kazakhstan BIN: 12 digits, registration month 01-12 in digits 3-4, type 4/5/6 in
    digit 5, division 0-3 in digit 6, mod-11 check digit."""
    problem = kz_bin_iin(value)
    if problem:
        return problem
    digits = value.replace(" ", "")
    if not 1 <= int(digits[2:4]) <= 12:
        return "digits 3-4 are not a month"
    if digits[4] not in "456":
        return "digit 5 is not a legal-entity type (4, 5 or 6)"
    if digits[5] not in "0123":
        return "digit 6 is not a division code (0-3)"
    return None


@identifier("uz-stir")
def uz_stir(value: str) -> str | None:
    """Uzbekistan STIR (taxpayer number): 9 digits."""
    return None if re.fullmatch(r"\d{9}", value) else "not 9 digits"


@identifier("uz-pinfl")
def uz_pinfl(value: str) -> str | None:
    """Uzbekistan PINFL (personal number): 14 digits."""
    return None if re.fullmatch(r"\d{14}", value) else "not 14 digits"


@identifier("kg-inn")
def kg_inn(value: str) -> str | None:
    """Kyrgyzstan INN: 14 digits."""
    return None if re.fullmatch(r"\d{14}", value) else "not 14 digits"


@identifier("ge-id")
def ge_id(value: str) -> str | None:
    """Georgia: entity identification number (9 digits) or personal number (11 digits)."""
    return None if re.fullmatch(r"\d{9}|\d{11}", value) else "not 9 or 11 digits"


@identifier("hu-adoszam")
def hu_adoszam(value: str) -> str | None:
    """Hungary 11-digit tax number xxxxxxxx-y-zz: base passes the anum check, VAT code
    1, 2, 4 or 5."""
    digits = value.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"\d{11}", digits):
        return "not 11 digits (xxxxxxxx-y-zz)"
    if not anum.is_valid(digits[:8]):
        return "the 8-digit base fails its check digit"
    if digits[8] not in "1245":
        return f"VAT code {digits[8]} is not 1, 2, 4 or 5"
    return None
