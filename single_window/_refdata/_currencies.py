"""Currencies by date, from the CLDR data babel ships.

CLDR records, for every territory, the currencies it has used and from when to when, and
whether each is legal tender. A currency is valid on a date when some territory uses it as
legal tender on that date, both ends inclusive: HRK (Croatia) until 14 January 2023, the
last day of dual circulation with the euro; EUR in Croatia from 1 January 2023. ISO 4217
codes that are no territory's tender (precious metals XAU XAG XPT XPD, funds such as XDR
or CLF, the test code XTS, XXX for "no currency") are not trade currencies and never valid.

The dates where the set of valid currencies changes cut time into segments; each segment
is an edition, labelled with the CLDR version, made the first time a date in it is asked.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from babel.core import get_cldr_version, get_global
from babel.numbers import list_currencies

from single_window._refdata._types import CodeList, Edition, Membership, Source

__all__ = ["CurrencyList", "currencies"]

Interval = tuple[date | None, date | None]


def _date(value: tuple[int, int, int] | None) -> date | None:
    return date(*value) if value else None


class CurrencyList(CodeList):
    """ISO 4217 currencies in legal-tender use on a date (CLDR, through babel)."""

    def __init__(self) -> None:
        super().__init__("currency", "currency code", self._all)
        self._intervals: dict[str, list[Interval]] = {}
        for entries in get_global("territory_currencies").values():
            for code, start, end, tender in entries:
                if tender:
                    self._intervals.setdefault(code, []).append((_date(start), _date(end)))
        cuts = set()
        for intervals in self._intervals.values():
            for start, end in intervals:
                if start is not None:
                    cuts.add(start)
                if end is not None:
                    cuts.add(end + timedelta(days=1))
        self._cuts = sorted(cuts)
        self._segments: dict[int, Edition] = {}
        self._source = Source(
            title=f"Unicode CLDR {get_cldr_version()}, territory currencies (supplemental "
            "data), as shipped by babel",
            url="https://cldr.unicode.org/",
            revision=f"CLDR {get_cldr_version()}",
            licence="Unicode License v3",
        )

    def _in_use(self, code: str, day: date) -> bool:
        return any(
            (start is None or start <= day) and (end is None or day <= end)
            for start, end in self._intervals.get(code, ())
        )

    def _segment(self, index: int) -> Edition:
        edition = self._segments.get(index)
        if edition is None:
            start = self._cuts[index - 1] if index > 0 else None
            end = self._cuts[index] - timedelta(days=1) if index < len(self._cuts) else None
            probe = start or (end or date.today())

            def load() -> tuple[frozenset[str], dict[str, str]]:
                codes = frozenset(c for c in self._intervals if self._in_use(c, probe))
                return codes, {}

            edition = Edition(
                "currency",
                f"CLDR {get_cldr_version()}",
                valid_from=start,
                valid_to=end,
                sources=[self._source],
                load=load,
            )
            self._segments[index] = edition
        return edition

    def _find(self, day: date) -> Edition | None:
        return self._segment(bisect.bisect_right(self._cuts, day))

    def _all(self) -> list[Edition]:
        return [self._segment(i) for i in range(len(self._cuts) + 1)]

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        intervals = self._intervals.get(code)
        if intervals:
            ends = [end for start, end in intervals if end is not None and end < day]
            starts = [start for start, end in intervals if start is not None and start > day]
            when = (
                f"in use until {max(ends).isoformat()}"
                if ends
                else f"in use from {min(starts).isoformat()}"
            )
            message = f"{code!r} is not a currency in use on {day.isoformat()}; it was {when}"
            if starts and not ends:
                message = f"{code!r} is not a currency in use on {day.isoformat()}; it is {when}"
            return Membership(code, self.name, "withdrawn", found.label, message, day)
        if code in list_currencies():
            message = (
                f"{code!r} is an ISO 4217 code for a fund, precious metal or test, "
                "not a currency of trade"
            )
        else:
            message = f"{code!r} is not an ISO 4217 currency code"
        return Membership(code, self.name, "absent", found.label, message, day)


def currencies() -> CodeList:
    """The currency list."""
    return CurrencyList()
