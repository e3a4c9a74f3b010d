"""Currencies by date, from ISO 4217 as its maintenance agency (SIX) publishes it.

``data/iso4217.txt`` holds every code of ISO 4217 List One (current) and List Three
(historic, with withdrawal dates). A currency is valid on a date when it is current, or
when it was withdrawn after that date: a code withdrawn in month M is valid to the last
day of M, SIX giving no finer date (HRK, withdrawn 2023-01, is valid to 31 January 2023).
Codes that name no currency of a country (funds such as CLF or BOV, units of account such
as XDR, precious metals XAU XAG XPD XPT, the test code XTS, XXX for "no currency") carry a
``kind`` and are never valid. ISO 4217 gives no date from which a code is used, so a
current code is valid on any earlier date too.

The dates where the set of valid currencies changes cut time into segments; each segment
is an edition, made the first time a date in it is asked. The verdict depends on the
shipped file alone, not on any installed package. Each line also carries the currency's
name in ISO 4217, in English (:meth:`Edition.description`).
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from single_window._refdata._datafile import (
    first,
    read_codes,
    read_descriptions,
    read_header,
    source_of,
)
from single_window._refdata._reasons import REASONS, TITLES
from single_window._refdata._types import DATED, CodeList, Edition, Membership

__all__ = ["CurrencyList", "currencies"]

FILE = "iso4217.txt"

#: What a non-currency code names, for the message (``codelist.kind-<kind>``).
KINDS = ("fund", "unit", "metal", "test", "none", "bond-unit", "special")


class CurrencyList(CodeList):
    """ISO 4217 currencies valid on a date."""

    def __init__(self) -> None:
        super().__init__("currency", TITLES("currency"), self._all)
        self._ends: dict[str, date | None] | None = None
        self._kinds: dict[str, str] = {}
        self._cuts: list[date] = []
        self._segments: dict[int, Edition] = {}

    def _prepare(self) -> dict[str, date | None]:
        if self._ends is None:
            ends: dict[str, date | None] = {}
            for code, attrs in read_codes(FILE).items():
                if "kind" in attrs:
                    self._kinds[code] = attrs["kind"]
                    continue
                ends[code] = date.fromisoformat(attrs["to"]) if "to" in attrs else None
            self._cuts = sorted({end + timedelta(days=1) for end in ends.values() if end})
            self._ends = ends
        return self._ends

    def _segment(self, index: int) -> Edition:
        edition = self._segments.get(index)
        if edition is None:
            ends = self._prepare()
            start = self._cuts[index - 1] if index > 0 else None
            end = self._cuts[index] - timedelta(days=1) if index < len(self._cuts) else None
            probe = start or end
            header = read_header(FILE)

            def load() -> tuple[frozenset[str], dict[str, str]]:
                valid = frozenset(
                    code
                    for code, last in ends.items()
                    if last is None or (probe is not None and probe <= last)
                )
                return valid, {}

            edition = Edition(
                "currency",
                first(header, "edition") or FILE,
                valid_from=start,
                valid_to=end,
                sources=[source_of(header)],
                load=load,
                describe=lambda: read_descriptions(FILE),
            )
            self._segments[index] = edition
        return edition

    def _find(self, day: date) -> Edition | None:
        self._prepare()
        return self._segment(bisect.bisect_right(self._cuts, day))

    def _all(self) -> list[Edition]:
        self._prepare()
        return [self._segment(i) for i in range(len(self._cuts) + 1)]

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        ends = self._prepare()
        last = ends.get(code)
        if last is not None:
            reason = REASONS(
                "currency-withdrawn", code=repr(code), date=day.isoformat(), last=last.isoformat()
            )
            return Membership.of(code, self.name, "withdrawn", found.label, reason, day, DATED)
        kind = self._kinds.get(code)
        if kind is not None:
            named = REASONS(f"kind-{kind}") if kind in KINDS else kind
            reason = REASONS("currency-kind", code=repr(code), kind=named)
        else:
            reason = REASONS("currency-absent", code=repr(code), edition=found.label)
        return Membership.of(code, self.name, "absent", found.label, reason, day)


def currencies() -> CodeList:
    """The currency list."""
    return CurrencyList()
