"""The guarantees of a drawn transit declaration and the holder of the procedure, read
from the params of the active transit rules (see :mod:`single_window.testing._transit`).

TIR: the TIR carnet is the guarantee (its number the guarantee reference) and the
declarant its holder; NCTS: a guarantee with a guarantee reference number (GRN) and maybe
another of a type the rules allow; EAEU: a guarantee with its amount and certificate.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pycountry
from hypothesis import reject
from hypothesis import strategies as st

from single_window._values import ISO_CURRENCIES
from single_window.rules._kinds import PredicateCheck
from single_window.rules._ncts_read import _codes
from single_window.rules._patterns import pattern_matches
from single_window.rules._regimes import in_regime
from single_window.rules._transit import NCTS_TYPES, grn_check_character
from single_window.testing._draws import ALNUM, digits, leaf, money
from single_window.testing._options import Draw, Options
from single_window.testing._rules import RuleRef
from single_window.testing._schema import facets
from single_window.testing._solve import value_checks

__all__ = [
    "amount",
    "currency",
    "holder",
    "ncts_guarantees",
    "params_of",
    "strings_of",
    "tir_guarantee",
]

#: Where a transit declaration's guarantee and holder values go in the profile.
_GUARANTEE = ("Declaration", "ObligationGuarantee")
_REFERENCE = facets(*_GUARANTEE, "ReferenceID")
_ACCESS = facets(*_GUARANTEE, "AccessCode")
_HOLDER = facets("Declaration", "Declarant", "ID")

#: ISO 3166-1 alpha-3 codes by alpha-2 (pycountry), for the TIR holder's identifier.
_ALPHA3: dict[str, str] = {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def params_of(active: Iterable[RuleRef], name: str, kind: str | None) -> list[Mapping[str, Any]]:
    """The params of the active rules that use a transit predicate and, by their
    ``types`` (default: the NCTS types and TIR), judge a declaration of this type."""
    default = (*sorted(NCTS_TYPES), "TIR")
    out: list[Mapping[str, Any]] = []
    for ref in active:
        check = ref.spec.check
        if not isinstance(check, PredicateCheck) or check.predicate != name:
            continue
        params = check.params
        types = [str(t) for t in params.get("types", default)]  # type: ignore[union-attr]
        if kind is not None and kind not in types:
            continue
        out.append(params)
    return out


def strings_of(params: Iterable[Mapping[str, Any]], key: str) -> set[str]:
    return {str(v) for p in params for v in p.get(key, ())}


def one_of_params(params: Iterable[Mapping[str, Any]], key: str, default: str) -> str:
    """The value every rule gives a parameter (the default when none gives it); rules
    that disagree cannot all be satisfied."""
    values = {str(p[key]) for p in params if key in p}
    if len(values) > 1:
        reject()
    return values.pop() if values else default


def matching(
    draw: Draw, patterns: Sequence[str], fits: Any, default: st.SearchStrategy[str]
) -> str:
    """A value matching every pattern (drawn from the first) that the profile accepts."""
    base = st.from_regex(patterns[0], fullmatch=True) if patterns else default
    return str(
        draw(base.filter(lambda v: fits(v) and all(pattern_matches(p, v) for p in patterns)))
    )


def _grn(draw: Draw, code: str, grn: Sequence[Mapping[str, Any]], country: str, day: date) -> str:
    """A guarantee reference number: year, the guarantee office's country, a serial of 12
    characters, the ISO 6346 check digit of those 16, and for a voucher type a voucher
    number; it must match every rule's pattern and length."""
    serial: str = draw(st.text(ALNUM, min_size=12, max_size=12))
    body = f"{day.year % 100:02d}{country}{serial}"
    number = body + grn_check_character(body)
    vouchers = [code in {str(v) for v in p.get("voucher_types", ())} for p in grn]
    if len(set(vouchers)) > 1:
        reject()
    if any(vouchers):
        number += draw(st.sampled_from(string.ascii_uppercase)) + draw(digits(6))
    for params, voucher in zip(grn, vouchers, strict=True):
        length = int(params["voucher_length"] if voucher else params["length"])
        if len(number) != length or not pattern_matches(str(params["pattern"]), number):
            reject()
    if not _REFERENCE.accepts(number):
        reject()
    return number


def amount(draw: Draw, currency: str) -> dict[str, object]:
    amount_facets = facets(*_GUARANTEE, "AmountAmount")
    top = Decimal(10) ** ((amount_facets.total_digits or 16) - (amount_facets.fraction_digits or 3))
    value = draw(money(Decimal("1000.00"), min(Decimal("10000000"), top - 1), 2))
    return leaf(value, currency=currency)


def currency(draw: Draw, o: Options, active: Sequence[RuleRef], country: str) -> str:
    every = value_checks(active, "currencies", item=False)
    national = o.rules.packs[country].info.currency if country in o.rules.packs else None
    options = [
        c
        for c in dict.fromkeys([national or "USD", "USD", "EUR"])
        if c in ISO_CURRENCIES and all(k.accepts(c) for k in every)
    ]
    if not options:
        reject()
    return str(draw(st.sampled_from(options)))


def ncts_guarantees(
    draw: Draw, o: Options, active: Sequence[RuleRef], kind: str, departure: str, day: date
) -> list[dict[str, object]]:
    """One guarantee with a GRN, and maybe another of any type the rules allow."""
    typing = params_of(active, "transit-guarantee-type", kind)
    grn = params_of(active, "transit-grn", kind)
    others = params_of(active, "transit-other-reference", kind)
    tir_types = {
        str(p.get("tir_type", "B")) for p in (*typing, *grn, *params_of(active, "tir-carnet", None))
    } or {"B"}
    from_eu = in_regime("eu", departure, day)
    allowed: set[str] | None = None
    for params in typing:
        codes = {str(c) for c in params.get("codes", ())}
        if from_eu:
            codes -= {str(c) for c in params.get("not_from_eu", ())}
        allowed = codes if allowed is None else allowed & codes
    grn_sets = [{str(c) for c in p.get("grn_types", ())} for p in grn]
    if allowed is None:
        allowed = set().union(*grn_sets) or {"1"}
    allowed -= tir_types
    # every rule must agree on whether a type has a GRN
    usable = sorted(t for t in allowed if len({t in s for s in grn_sets}) <= 1)
    with_grn = [t for t in usable if grn_sets and t in grn_sets[0]]
    if not usable:
        reject()
    first = draw(st.sampled_from(with_grn or usable))
    types = [first]
    if draw(st.integers(0, 3)) == 0:
        types.append(draw(st.sampled_from(usable)))
    references = strings_of(others, "reference_types")
    with_reference = _codes("ncts:CL076", day)
    out: list[dict[str, object]] = []
    for code in types:
        guarantee: dict[str, object] = {"security_details_code": leaf(code)}
        if code in with_grn:
            guarantee["reference_id"] = leaf(_grn(draw, code, grn, departure, day))
            guarantee["access_code"] = leaf(draw(digits(_ACCESS.max_length or 4)))
        # NCTS allows the other guarantee reference only on types 3 and 8 (C0130)
        if code in references or (code in {"3", "8"} and draw(st.booleans())):
            guarantee["id"] = leaf(f"{departure}-GUA-" + draw(digits(8)))
        # the amount to be covered is part of a guarantee reference, which NCTS gives only
        # with the types of CL076 (C0085)
        if code in with_reference and draw(st.booleans()):
            guarantee["amount_amount"] = amount(draw, currency(draw, o, active, departure))
        out.append(guarantee)
    return out


def tir_guarantee(draw: Draw, active: Sequence[RuleRef]) -> dict[str, object]:
    """The TIR carnet: a guarantee of the TIR type whose reference is the carnet number."""
    carnet = params_of(active, "tir-carnet", None)
    typing = params_of(active, "transit-guarantee-type", "TIR")
    tir_type = one_of_params(
        [*carnet, *typing, *params_of(active, "transit-grn", "TIR")], "tir_type", "B"
    )
    for params in typing:
        if tir_type not in {str(c) for c in params.get("codes", ())}:
            reject()
    grn_patterns = [str(p["pattern"]) for p in params_of(active, "transit-grn-check", "TIR")]
    number = matching(
        draw,
        [str(p["pattern"]) for p in carnet],
        lambda v: (
            _REFERENCE.accepts(v)
            and not any(pattern_matches(p, v) for p in grn_patterns)
            and all(
                int(p.get("min_length", 1)) <= len(v) <= int(p.get("max_length", len(v)))
                for p in carnet
            )
        ),
        st.integers(1, 9_999_999).map(str),
    )
    return {"reference_id": leaf(number), "security_details_code": leaf(tir_type)}


def holder(draw: Draw, active: Sequence[RuleRef], country: str) -> str:
    """The TIR carnet holder's identifier in the form the rules give: the harmonised
    ``AAA/BBB/N`` of the TIR Administrative Committee (country, association, number) where
    it fits, else any value of the rules' pattern."""
    patterns = [str(p["pattern"]) for p in params_of(active, "tir-holder", None) if "pattern" in p]
    alpha3 = _ALPHA3.get(country, country + "X")
    harmonised = f"{alpha3}/{draw(digits(3))}/{draw(st.integers(1, 9_999_999))}"
    if _HOLDER.accepts(harmonised) and all(pattern_matches(p, harmonised) for p in patterns):
        return harmonised
    return matching(draw, patterns, _HOLDER.accepts, st.just(harmonised))
