"""The transit regimes the strategies draw (TIR, the NCTS, EAEU customs transit): their
declaration types, who takes part in each on a day, and which of them the options allow.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from single_window._model_api import _TRANSIT_DOCUMENT, TRANSIT_PROCEDURES, TRANSIT_TYPES
from single_window.models import Declaration
from single_window.rules._regimes import REGIMES as MEMBERSHIPS
from single_window.rules._regimes import Regime, in_regime
from single_window.rules._transit import NCTS_TYPES
from single_window.testing._options import Options, date_window

__all__ = [
    "REGIMES",
    "REGIME_TABLE",
    "feasible_regimes",
    "member",
    "regime_of",
    "regime_window",
    "regimes_of_types",
    "type_codes",
]

#: The transit regimes the strategies draw: the TIR Convention, the common transit
#: convention (NCTS) and EAEU customs transit.
REGIMES: tuple[str, ...] = ("TIR", "NCTS", "EAEU")

#: The membership table (single_window.rules._regimes) of each regime that has one.
REGIME_TABLE: dict[str, Regime] = {"NCTS": "ctc", "EAEU": "eaeu"}


def type_codes(regime: str) -> tuple[str, ...]:
    """The TypeCodes of a regime's declarations (NCTS types with their UN/EDIFACT aliases;
    ``950``, the goods declaration for customs transit, for EAEU transit)."""
    if regime == "EAEU":
        return (_TRANSIT_DOCUMENT,)
    wanted = {"TIR"} if regime == "TIR" else NCTS_TYPES
    return tuple(code for code, kind in TRANSIT_TYPES.items() if kind in wanted)


def regime_of(decl: Declaration) -> str | None:
    """The regime of a transit declaration, or None (not transit, or no regime named)."""
    kind = decl.transit_type
    if kind == "TIR":
        return "TIR"
    if kind in NCTS_TYPES:
        return "NCTS"
    if kind is None and any(
        (code := item.procedure_code) is not None and code[:2] in TRANSIT_PROCEDURES
        for item in decl.goods_items
    ):
        return "EAEU"
    return None


def regimes_of_types(types: Iterable[str]) -> tuple[str, ...]:
    """The regimes whose declarations have one of these transit types (``TIR``, ``T1``...)."""
    found = set(types)
    out = []
    if "TIR" in found:
        out.append("TIR")
    if found & NCTS_TYPES:
        out.append("NCTS")
    return tuple(out)


def member(regime: str, country: str, day: date) -> bool:
    """Whether a country may take part in a regime's transit on a day (TIR: any)."""
    table = REGIME_TABLE.get(regime)
    return table is None or in_regime(table, country, day)


def _span(regime: str, country: str) -> tuple[date | None, date | None] | None:
    table = REGIME_TABLE.get(regime)
    if table is None:
        return (None, None)
    return MEMBERSHIPS[table].get(country)


def _narrow(
    window: tuple[date, date], spans: Iterable[tuple[date | None, date | None] | None]
) -> tuple[date, date] | None:
    earliest, latest = window
    for span in spans:
        if span is None:
            return None
        start, end = span
        earliest = max(earliest, start) if start is not None else earliest
        latest = min(latest, end) if end is not None else latest
    return (earliest, latest) if earliest <= latest else None


def _required(o: Options) -> tuple[str, ...]:
    """Countries that must take part in the regime: a fixed route's, else the forced
    country and the declaring country."""
    if o.route is not None:
        return o.route
    return tuple(c for c in (o.force.country, o.declaring) if c is not None)


def regime_window(o: Options, regime: str) -> tuple[date, date] | None:
    """The dates a declaration of the regime can have under the options, or None."""
    window = _narrow(date_window(o.rules, o.force), (_span(regime, c) for c in _required(o)))
    if window is None or o.route is not None or REGIME_TABLE.get(regime) is None:
        return window
    # some country of the pool must take part on the day: from the first to the last
    # day any of them does
    spans = [s for c in o.pool if (s := _span(regime, c)) is not None]
    if not spans:
        return None
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    return _narrow(window, [(start, end)])


def feasible_regimes(o: Options) -> tuple[str, ...]:
    """The regimes (of ``o.regimes``, narrowed by a violation's) a transit declaration can
    be drawn in under the options."""
    force = o.force
    out = []
    for regime in o.regimes:
        if force.regimes and regime not in force.regimes:
            continue
        if force.type_prefixes and not [
            c for c in type_codes(regime) if c.startswith(force.type_prefixes)
        ]:
            continue
        if force.procedures and (
            regime != "EAEU" or not set(force.procedures) & TRANSIT_PROCEDURES
        ):
            continue
        if regime_window(o, regime) is None:
            continue
        out.append(regime)
    return tuple(out)
