"""Trader identifiers that pass (or fail) the validators a pack names.

Each validator a pack can name (``stdnum:tr.vkn``, ``kz-bin-iin``, ...) gets a strategy of
well-shaped candidates; check digits are then computed by trying the last one or two
digits against the validator itself (python-stdnum or the registered predicate), so a
candidate is valid by the same code the rules run. A validator this module has no shape
for (one a user registered) gets digit strings of the usual lengths, completed the same
way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hypothesis import strategies as st
from stdnum.tr import tckimlik, vkn

from single_window.rules._catalog import resolve_identifier
from single_window.rules._registry import Validator

__all__ = ["IdRule", "breaking_ids", "candidates", "complete", "passes"]


_DIGITS = "0123456789"


def _digits(size: int) -> st.SearchStrategy[str]:
    return st.text(_DIGITS, min_size=size, max_size=size)


@dataclass(frozen=True)
class IdRule:
    """An identifier rule as a party sees it: a value passes when any validator does."""

    rule_id: str
    country: str
    validators: tuple[Validator, ...]

    def accepts(self, raw: str) -> bool:
        # the engine strips the country prefix (e.g. an EORI "TR...") before validating
        value = raw[2:] if raw.upper().startswith(self.country) else raw
        return any(v(value) is None for v in self.validators)


def id_rule(rule_id: str, country: str, names: Sequence[str]) -> IdRule:
    """An :class:`IdRule` from validator names as the pack writes them."""
    return IdRule(rule_id, country, tuple(resolve_identifier(n) for n in names))


def passes(rules: Sequence[IdRule], value: str) -> bool:
    """Whether an identifier satisfies every rule."""
    return all(rule.accepts(value) for rule in rules)


def complete(candidate: str, accept: Callable[[str], bool]) -> str | None:
    """The candidate, or the candidate with its last one or two digits replaced so that
    ``accept`` holds; None when no such digits exist."""
    if accept(candidate):
        return candidate
    if len(candidate) >= 1:
        for d in _DIGITS:
            value = candidate[:-1] + d
            if accept(value):
                return value
    if len(candidate) >= 2:
        for d1 in _DIGITS:
            for d2 in _DIGITS:
                value = candidate[:-2] + d1 + d2
                if accept(value):
                    return value
    return None


def _vkn() -> st.SearchStrategy[str]:
    return _digits(9).map(lambda body: body + vkn.calc_check_digit(body))


def _tckimlik() -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: a + b, st.sampled_from("123456789"), _digits(8)).map(
        lambda body: body + tckimlik.calc_check_digits(body)
    )


def _kz_bin() -> st.SearchStrategy[str]:
    # YYMM of registration, type 4-6, division 0-3, 5-digit serial, check digit
    return st.builds(
        lambda yy, mm, kind, div, serial: f"{yy:02d}{mm:02d}{kind}{div}{serial}0",
        st.integers(0, 99),
        st.integers(1, 12),
        st.sampled_from("456"),
        st.sampled_from("0123"),
        _digits(5),
    )


def _kg_inn() -> st.SearchStrategy[str]:
    # [0-2] + DDMMYYYY + 5 digits, the shape of published examples
    return st.builds(
        lambda kind, d, m, y, serial: f"{kind}{d:02d}{m:02d}{y}{serial}",
        st.sampled_from("012"),
        st.integers(1, 28),
        st.integers(1, 12),
        st.integers(1950, 2020),
        _digits(5),
    )


def _hu_adoszam() -> st.SearchStrategy[str]:
    return st.builds(
        lambda base, vat, region: f"{base}-{vat}-{region}",
        _digits(8),
        st.sampled_from("1245"),
        st.integers(2, 44).map(lambda n: f"{n:02d}"),
    )


_SHAPES: dict[str, Callable[[], st.SearchStrategy[str]]] = {
    "stdnum:tr.vkn": _vkn,
    "stdnum:tr.tckimlik": _tckimlik,
    "stdnum:az.voen": lambda: _digits(8).map(lambda b: b + "01"),
    "az-voen-format": lambda: _digits(8).map(lambda b: b + "01"),
    "az-voen-checksum": lambda: _digits(8).map(lambda b: b + "01"),
    "kz-bin-iin": _kz_bin,
    "kz-bin": _kz_bin,
    "uz-stir": lambda: st.builds(lambda a, b: a + b, st.sampled_from("2345678"), _digits(8)),
    "uz-pinfl": lambda: st.builds(lambda a, b: a + b, st.sampled_from("3456"), _digits(13)),
    "kg-inn": _kg_inn,
    "kg-inn-prefix": _kg_inn,
    "ge-id": lambda: st.one_of(_digits(9), _digits(11)),
    "hu-adoszam": _hu_adoszam,
    "hu-eori": lambda: _digits(12).map(lambda d: "HU" + d),
    "stdnum:hu.anum": lambda: _digits(8),
    "stdnum:eu.vat": lambda: _digits(8),
}


def candidates(name: str) -> st.SearchStrategy[str]:
    """Well-shaped candidate identifiers for a validator name (check digits not yet
    computed)."""
    shape = _SHAPES.get(name)
    if shape is not None:
        return shape()
    return st.integers(8, 14).flatmap(_digits)


def valid_ids(rules: Sequence[IdRule], names: Sequence[str]) -> st.SearchStrategy[str]:
    """Identifiers passing every rule, built from the validators ``names`` of one rule."""
    pool = st.one_of([candidates(n) for n in names]) if names else candidates("")

    def finish(candidate: str) -> str | None:
        return complete(candidate, lambda v: passes(rules, v))

    return pool.map(finish).filter(lambda v: v is not None).map(lambda v: v or "")


def _edits(seed: str) -> list[str]:
    """Every identifier one edit away: a character replaced by a digit or a letter, a
    character dropped, a digit inserted."""
    out: list[str] = []
    for p in range(len(seed)):
        out.extend(seed[:p] + c + seed[p + 1 :] for c in _DIGITS + "AX" if c != seed[p])
        out.append(seed[:p] + seed[p + 1 :])
        out.extend(seed[:p] + d + seed[p:] for d in _DIGITS)
    return out


def breaking_ids(
    valid: str, target: IdRule, others: Sequence[IdRule], max_length: int, names: Sequence[str]
) -> st.SearchStrategy[str]:
    """Identifiers that every validator of ``target`` rejects while ``others`` accept them.

    Each is one edit away from the valid one or from a fresh candidate of another
    validator (``names``; e.g. a 9-digit STIR when the valid ID was a 14-digit PINFL):
    a character replaced, dropped or added. All edits are listed and checked, so prefix
    and check-digit rules are broken as reliably as length rules.
    """

    def breaking(seeds: tuple[str, ...]) -> list[str]:
        found = {
            v
            for seed in seeds
            for v in _edits(seed)
            if v and len(v) <= max_length and not target.accepts(v) and passes(others, v)
        }
        return sorted(found)

    seeds = st.tuples(st.just(valid), *[candidates(n) for n in dict.fromkeys(names)])
    return seeds.map(breaking).filter(bool).flatmap(st.sampled_from)
