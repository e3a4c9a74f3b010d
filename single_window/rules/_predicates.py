"""The bundled predicates and identifier validators that pack files name.

Country-neutral consistency checks (item count and numbering, header totals against
item sums, masses, dates, HS chapters, document code shapes) and the identifier checks
python-stdnum does not have (Kazakhstan BIN/IIN, Uzbekistan STIR/PINFL, Kyrgyzstan INN,
Georgia, Hungary's 11-digit tax number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from stdnum.az import voen
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.hu import anum

from single_window._i18n import N_, Listing, Message, define
from single_window._values import Amount, Located
from single_window.models import (
    GovernmentAgencyGoodsItem,
)
from single_window.rules._context import Context, days_after
from single_window.rules._registry import Params, Violation, identifier, predicate
from single_window.rules._selectors import commodity_node
from single_window.rules._when import HsRanges

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


@predicate("goods-item-limit", "declaration")
def goods_item_limit(ctx: Context, params: Params) -> Iterator[Violation]:
    """The declaration lists at most ``max`` goods items (a national form's limit, below
    the 1,999 the profile allows); the finding points at the first item beyond it."""
    limit = int(params["max"])
    items = ctx.declaration.goods_items
    if len(items) > limit:
        yield Violation(items[limit], str(len(items)), {"value": len(items), "expected": limit})


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
        p.quantity_quantity.value
        for item in decl.goods_items
        for p in item.packagings
        if p.quantity_quantity
    ]
    if not quantities:
        return
    summed = sum(quantities, Decimal(0))
    if total.value != summed:
        yield Violation(total, str(total.value), {"value": total.value, "expected": summed})


@predicate("total-gross-mass", "declaration")
def total_gross_mass(ctx: Context, params: Params) -> Iterator[Violation]:
    """TotalGrossMassMeasure equals the sum of the item gross masses (same unit), give or
    take the rounding each mass may have: ``rounding`` (default 0.5) per item and for the
    total itself, so a total of 1520 kg fits items of 760.4 kg and 759.8 kg."""
    decl = ctx.declaration
    total = decl.total_gross_mass_measure
    if total is None:
        return
    masses = []
    for item in decl.goods_items:
        gm = item.commodity.goods_measure if item.commodity else None
        if gm is None or gm.gross_mass_measure is None:
            return
        if gm.gross_mass_measure.unit not in (None, total.unit):
            return
        masses.append(gm.gross_mass_measure.value)
    if not masses:
        return
    summed = sum(masses, Decimal(0))
    tolerance = Decimal(str(params.get("rounding", "0.5"))) * (len(masses) + 1)
    if abs(total.value - summed) > tolerance:
        yield Violation(
            total,
            str(total.value),
            {"value": total.value, "expected": summed, "tolerance": tolerance},
        )


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
    if gm is None or gm.net_net_weight_measure is None or gm.gross_mass_measure is None:
        return
    if gm.net_net_weight_measure.unit != gm.gross_mass_measure.unit:
        return
    if ctx.kind == "transit" and gm.gross_mass_measure.value == 0:
        return  # NCTS R0223 compares only above a gross mass of 0 (goods packed with others)
    if gm.net_net_weight_measure.value > gm.gross_mass_measure.value:
        yield Violation(
            gm.net_net_weight_measure,
            str(gm.net_net_weight_measure.value),
            {"value": gm.net_net_weight_measure.value, "expected": gm.gross_mass_measure.value},
        )


_DATES = define("predicate.plausible-dates", {"range": N_("{start} to {end}")})


@predicate("plausible-dates", "declaration", problems=_DATES)
def plausible_dates(ctx: Context, params: Params) -> Iterator[Violation]:
    """Declaration dates are not in the future (one day's grace) nor before a floor year."""
    floor = int(params.get("floor_year", 1990))
    latest = days_after(ctx.today, int(params.get("grace_days", 1)))
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
                {
                    "value": day.isoformat(),
                    "expected": _DATES("range", start=f"{floor}-01-01", end=latest.isoformat()),
                },
            )


@predicate(
    "hs-code-shape",
    "item",
    problems={
        "not-digits": N_("is not all digits"),
        "too-short": N_("is shorter than an HS subheading"),
    },
)
def hs_code_shape(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """The commodity code is all digits and at least 6 long (whether its first six digits are
    an HS subheading is for the ``hs`` code list)."""
    code = ctx.commodity_code(item)
    if code is None:
        return
    node = commodity_node(item, code)
    if not code.isdigit():
        yield Violation(node, code, {"value": code}, problem="not-digits")
    elif len(code) < 6:
        yield Violation(node, code, {"value": code}, problem="too-short")


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


# What each identifier validator says of an identifier it rejects (``identifier.<name>.<key>``).
_KZ_BIN_IIN = define(
    "identifier.kz-bin-iin",
    {"length": N_("not 12 digits"), "check-digit": N_("the check digit does not match")},
)
_KZ_BIN = define(
    "identifier.kz-bin",
    {
        "month": N_("digits 3-4 are not a month"),
        "type": N_("digit 5 is not a legal-entity type (4, 5 or 6)"),
        "division": N_("digit 6 is not a division code (0-3)"),
    },
)
_UZ_STIR = define("identifier.uz-stir", {"length": N_("not 9 digits")})
_UZ_PINFL = define("identifier.uz-pinfl", {"length": N_("not 14 digits")})
_KG_INN = define("identifier.kg-inn", {"length": N_("not 14 digits")})
_GE_ID = define("identifier.ge-id", {"length": N_("not 9 or 11 digits")})
_HU_ADOSZAM = define(
    "identifier.hu-adoszam",
    {
        "length": N_("not 11 digits (xxxxxxxx-y-zz)"),
        "base": N_("the 8-digit base fails its check digit"),
        "vat-status": N_("VAT status digit {digit} is not 1 to 5"),
    },
)


@identifier("kz-bin-iin")
def kz_bin_iin(value: str) -> Message | None:
    """Kazakhstan BIN (legal entities) or IIN (individuals): 12 digits, mod-11 check."""
    digits = value.replace(" ", "")
    if not re.fullmatch(r"\d{12}", digits):
        return _KZ_BIN_IIN("length")
    if not _mod11_two_pass(digits):
        return _KZ_BIN_IIN("check-digit")
    return None


@identifier("kz-bin")
def kz_bin(value: str) -> Message | None:
    """Kazakhstan BIN: 12 digits, registration month 01-12 in digits 3-4, type 4/5/6 in
    digit 5, division 0-3 in digit 6, mod-11 check digit."""
    problem = kz_bin_iin(value)
    if problem:
        return problem
    digits = value.replace(" ", "")
    if not 1 <= int(digits[2:4]) <= 12:
        return _KZ_BIN("month")
    if digits[4] not in "456":
        return _KZ_BIN("type")
    if digits[5] not in "0123":
        return _KZ_BIN("division")
    return None


@identifier("uz-stir")
def uz_stir(value: str) -> Message | None:
    """Uzbekistan STIR (taxpayer number): 9 digits."""
    return None if re.fullmatch(r"\d{9}", value) else _UZ_STIR("length")


@identifier("uz-pinfl")
def uz_pinfl(value: str) -> Message | None:
    """Uzbekistan PINFL (personal number): 14 digits."""
    return None if re.fullmatch(r"\d{14}", value) else _UZ_PINFL("length")


@identifier("kg-inn")
def kg_inn(value: str) -> Message | None:
    """Kyrgyzstan INN: 14 digits."""
    return None if re.fullmatch(r"\d{14}", value) else _KG_INN("length")


@identifier("ge-id")
def ge_id(value: str) -> Message | None:
    """Georgia: entity identification number (9 digits) or personal number (11 digits)."""
    return None if re.fullmatch(r"\d{9}|\d{11}", value) else _GE_ID("length")


@identifier("hu-adoszam")
def hu_adoszam(value: str) -> Message | None:
    """Hungary 11-digit tax number xxxxxxxx-y-zz: base passes the anum check, VAT status
    digit 1 to 5."""
    digits = value.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"\d{11}", digits):
        return _HU_ADOSZAM("length")
    if not anum.is_valid(digits[:8]):
        return _HU_ADOSZAM("base")
    if digits[8] not in "12345":
        return _HU_ADOSZAM("vat-status", digit=digits[8])
    return None


# --- shared by the country packs: postal consignments, preference proofs, direction ----
#
# Each pack passes its own limits, countries and document codes as ``params``; the
# facts and their sources are in the pack files.

POSTAL_MODES = ("5",)
"""Border transport mode of a postal consignment (UN/ECE Rec. 19; EU/UK DE 7/4 code 5)."""


def _is_postal(ctx: Context, params: Params) -> bool:
    modes = params.get("modes") or POSTAL_MODES
    mode = ctx.declaration.border_mode
    return mode is not None and mode.value in modes


def _declares_duty(ctx: Context) -> bool:
    """Whether any goods item assesses or pays a duty or tax amount above zero."""
    for item in ctx.declaration.goods_items:
        for duty in item.commodity.duty_tax_fees if item.commodity is not None else ():
            payment = duty.payment
            if payment is None:
                continue
            for amount in (payment.tax_assessed_amount, payment.payment_amount):
                if amount is not None and amount.value > 0:
                    return True
    return False


@predicate("postal-consignment-limit", "declaration")
def postal_consignment_limit(ctx: Context, params: Params) -> Iterator[Violation]:
    """A postal consignment stays within a value limit and, optionally, a gross mass.

    Applies when the border transport mode is postal (``modes``, default ``5``). Params:
    ``limit`` and ``currency`` (the invoice amount is compared only when it is in that
    currency: no exchange rates are guessed), ``max_gross_kg`` (optional; the total
    gross mass, else the sum of the items'), ``hs`` (optional prefixes or ranges: the
    limit applies only when some item falls in them) and ``unless_duty`` (skip the
    consignment when it already assesses duty: the limit is a duty-free allowance).
    """
    if not _is_postal(ctx, params):
        return
    decl = ctx.declaration
    hs = params.get("hs")
    if hs and not any(HsRanges(hs).matches(ctx.commodity_code(i)) for i in decl.goods_items):
        return
    if params.get("unless_duty") and _declares_duty(ctx):
        return
    currency = str(params["currency"])
    limit = Decimal(str(params["limit"]))
    amount = decl.invoice_amount
    if amount is not None and amount.currency == currency and amount.value > limit:
        yield Violation(
            amount,
            str(amount.value),
            {"value": f"{amount.value} {currency}", "expected": f"{limit} {currency}"},
        )
    if params.get("max_gross_kg") is None:
        return
    max_kg = Decimal(str(params["max_gross_kg"]))
    total = decl.total_gross_mass_measure
    if total is not None:
        if total.unit in (None, "KGM") and total.value > max_kg:
            yield Violation(
                total,
                str(total.value),
                {"value": f"{total.value} KGM", "expected": f"{max_kg} KGM"},
            )
        return
    masses = [
        i.commodity.goods_measure.gross_mass_measure
        for i in decl.goods_items
        if i.commodity is not None
        and i.commodity.goods_measure is not None
        and i.commodity.goods_measure.gross_mass_measure is not None
        and i.commodity.goods_measure.gross_mass_measure.unit in (None, "KGM")
    ]
    summed = sum((m.value for m in masses if m is not None), Decimal(0))
    if summed > max_kg and decl.goods_shipment is not None:
        yield Violation(
            decl.goods_shipment,
            str(summed),
            {"value": f"{summed} KGM", "expected": f"{max_kg} KGM"},
        )


@predicate("postal-item", "item")
def postal_item(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """The goods item travels in a postal consignment (for rules whose ``when.hs`` names
    goods that may not be sent by post)."""
    if not _is_postal(ctx, params):
        return
    code = ctx.commodity_code(item)
    node = commodity_node(item, code) if code is not None else item
    yield Violation(node, code, {"value": code or ""})


def preference_claim(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> tuple[Located, str, str] | None:
    """The claim a ``preference-proof`` rule judges on a goods item, or None.

    With ``preferences`` (codes or code prefixes of the duty regime, EU DE 4/17: ``3`` for
    preferences under an agreement, ``400``/``420`` for a customs union), the claim is a
    ``DutyTaxFee/DutyRegimeCode`` that starts with one of them; without, it is an Origin
    whose TypeCode is ``origin_type`` (default ``2``, preferential origin). ``countries``
    limits the claim to goods whose ``country_of`` (``origin``: the item's Origin
    country, the default; ``export``: the export country) is one of them.

    Returns:
        The element that makes the claim, its value and the country it is judged by.
    """
    countries = frozenset(params.get("countries") or ())
    by_export = params.get("country_of") == "export"
    export = ctx.export or ""
    preferences = tuple(str(p) for p in params.get("preferences") or ())
    if preferences:
        commodity = item.commodity
        for duty in commodity.duty_tax_fees if commodity is not None else ():
            code = duty.duty_regime_code
            if code is None or not code.value.startswith(preferences):
                continue
            if by_export:
                country = export
            else:
                origin = next((o for o in item.origins if o.country_code is not None), None)
                country = origin.country_code.value if origin and origin.country_code else ""
            if not countries or country in countries:
                return code, code.value, country
        return None
    preferential = str(params.get("origin_type", "2"))
    for origin in item.origins:
        if origin.type_code is None or origin.type_code.value != preferential:
            continue
        country = (
            export if by_export else (origin.country_code.value if origin.country_code else "")
        )
        if not countries or country in countries:
            return origin.type_code, origin.type_code.value, country
    return None


@predicate("preference-proof", "item")
def preference_proof(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """A preference claim carries the document that proves it.

    The claim is a duty regime (preference) code starting with one of ``preferences``, or,
    without that parameter, a preferential Origin (TypeCode ``origin_type``, default
    ``2``); ``countries`` limits it to goods whose ``country_of`` (``origin`` or
    ``export``) is listed. The item or the declaration must then carry a document with
    one of ``codes``. The finding points at the element that makes the claim; the
    message can name the country as ``{origin}``.
    """
    claim = preference_claim(ctx, item, params)  # most items claim no preference
    if claim is None:
        return
    codes = frozenset(params["codes"])
    if any(d.code in codes for d in item.additional_documents) or any(
        d.code in codes for d in ctx.declaration.additional_documents
    ):
        return
    node, value, country = claim
    yield Violation(
        node,
        value,
        {"value": value, "origin": country, "expected": Listing.of(sorted(codes), "comma")},
    )


_DIRECTION = define(
    "predicate.procedure-direction",
    {
        "export": N_("an export (EX) declaration"),
        "import": N_("an import (IM) declaration"),
    },
)


@predicate("procedure-direction", "item", problems=_DIRECTION)
def procedure_direction(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """The requested procedure fits the declaration's direction: codes listed in
    ``export`` only on export (``EX``) declarations, codes in ``import`` only on import
    (``IM``) ones. Other codes and other declaration types are not checked."""
    type_code = ctx.declaration.type_code.value if ctx.declaration.type_code else ""
    for gp in item.government_procedures:
        if gp.current_code is None:
            continue
        requested = gp.current_code.value[:2]
        if type_code.startswith("IM") and requested in params.get("export", ()):
            expected = _DIRECTION("export")
        elif type_code.startswith("EX") and requested in params.get("import", ()):
            expected = _DIRECTION("import")
        else:
            return
        yield Violation(
            gp.current_code,
            requested,
            {"value": requested, "expected": expected, "direction": type_code},
        )
        return


# --- Azerbaijan (AZ) ---------------------------------------------------------------------


_AZ_VOEN_FORMAT = define(
    "identifier.az-voen-format",
    {
        "length": N_("not 10 digits"),
        "last-digit": N_("last digit {digit} is not 1 (legal person) or 2 (natural person)"),
    },
)
_AZ_VOEN_CHECKSUM = define(
    "identifier.az-voen-checksum",
    {"check-digit": N_("the check digit (9th digit) does not match")},
)


@identifier("az-voen-format")
def az_voen_format(value: str) -> Message | None:
    """Azerbaijan VÖEN shape: 10 digits (a 9-digit number gains a leading 0, as
    python-stdnum does), the last digit 1 (legal person) or 2 (natural person)."""
    digits = voen.compact(value)
    if not re.fullmatch(r"\d{10}", digits):
        return _AZ_VOEN_FORMAT("length")
    if digits[-1] not in "12":
        return _AZ_VOEN_FORMAT("last-digit", digit=digits[-1])
    return None


@identifier("az-voen-checksum")
def az_voen_checksum(value: str) -> Message | None:
    """Azerbaijan VÖEN check digit (9th digit; weights 4,1,8,6,2,7,5,3 mod 11, as
    python-stdnum ``stdnum.az.voen`` computes it). A number of the wrong shape passes
    here: ``az-voen-format`` reports it."""
    if az_voen_format(value) is not None:
        return None
    try:
        voen.validate(value)
    except InvalidChecksum:
        return _AZ_VOEN_CHECKSUM("check-digit")
    except ValidationError:
        return None
    return None


# --- Kyrgyzstan (KG) ----------------------------------------------------------------------


_KG_INN_PREFIX = define(
    "identifier.kg-inn-prefix", {"first-digit": N_("first digit {digit} is not 0, 1 or 2")}
)


@identifier("kg-inn-prefix")
def kg_inn_prefix(value: str) -> Message | None:
    """Kyrgyzstan INN prefix: a 14-digit INN starts with 0, 1 or 2 (inferred from
    published examples). Numbers of other lengths pass here (``kg-inn``)."""
    if re.fullmatch(r"\d{14}", value) and value[0] not in "012":
        return _KG_INN_PREFIX("first-digit", digit=value[0])
    return None


# --- Hungary (HU) -------------------------------------------------------------------------


_HU_EORI = define(
    "identifier.hu-eori",
    {
        "tax-number": N_("an 8- or 11-digit number is a tax number, not an EORI"),
        "form": N_("not 1-15 letters or digits after HU (EORI)"),
    },
)


@identifier("hu-eori")
def hu_eori(value: str) -> Message | None:
    """EU EORI of a Hungarian party: after the ``HU`` prefix (removed by the engine), 1 to
    15 letters and digits. A number of exactly 8 or 11 digits is a tax number (törzsszám
    or adószám) and is left to those checks."""
    compact = value.replace(" ", "")
    if re.fullmatch(r"\d{8}|\d{11}", compact):
        return _HU_EORI("tax-number")
    if not re.fullmatch(r"[A-Z0-9]{1,15}", compact.upper()):
        return _HU_EORI("form")
    return None
