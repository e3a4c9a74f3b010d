"""Countries: the customs country list (DG TAXUD CS/RD2) plus the UK's customs codes.

The list is ``data/country-codes.txt``, the Union customs systems' ``CountryCodesFullList``
(every ISO 3166-1 alpha-2 code and the customs codes XI, XC, XL, XK, XS, EU, QP to QZ),
and ``data/country-overlay.txt``, the codes HMRC's customs list adds (the UK
continental-shelf codes ZB to ZU). A code line may carry ``from=`` and ``to=`` dates
(inclusive) where a legal act sets them (XI from 1 Jan 2021); the dates where the set of
codes changes cut time into editions. The verdict depends on the shipped files alone;
pycountry only explains a code withdrawn from ISO 3166-1.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

import pycountry

from single_window._refdata._datafile import first, read_codes, read_header, source_of
from single_window._refdata._types import CodeList, Edition, Membership

__all__ = ["CountryList", "countries"]

FILES = ("country-codes.txt", "country-overlay.txt")

_Span = tuple[date | None, date | None]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class CountryList(CodeList):
    """The customs country list and its overlay, by date."""

    def __init__(self) -> None:
        super().__init__("country", "country code", self._all)
        self._spans: dict[str, _Span] | None = None
        self._segments: dict[int, Edition] = {}
        self._cuts: list[date] = []

    def _prepare(self) -> dict[str, _Span]:
        if self._spans is None:
            spans: dict[str, _Span] = {}
            for name in FILES:
                for code, attrs in read_codes(name).items():
                    spans.setdefault(code, (_day(attrs.get("from")), _day(attrs.get("to"))))
            cuts = {s for s, _ in spans.values() if s is not None}
            cuts |= {e + timedelta(days=1) for _, e in spans.values() if e is not None}
            self._cuts = sorted(cuts)
            self._spans = spans
        return self._spans

    def _segment(self, index: int) -> Edition:
        edition = self._segments.get(index)
        if edition is not None:
            return edition
        spans = self._prepare()
        start = self._cuts[index - 1] if index > 0 else None
        end = self._cuts[index] - timedelta(days=1) if index < len(self._cuts) else None
        probe = start or end
        headers = [read_header(name) for name in FILES]

        def load() -> tuple[frozenset[str], dict[str, str]]:
            codes = frozenset(
                code
                for code, (s, e) in spans.items()
                if probe is None or ((s is None or s <= probe) and (e is None or probe <= e))
            )
            return codes, {}

        edition = Edition(
            "country",
            " + ".join(first(h, "edition") or "" for h in headers),
            valid_from=start,
            valid_to=end,
            sources=[source_of(h) for h in headers],
            load=load,
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
        spans = self._prepare()
        if code in spans:
            start, end = spans[code]
            when = (
                f"in use from {start.isoformat()}"
                if start is not None and day < start
                else f"in use until {end.isoformat()}"
                if end is not None
                else "not in use"
            )
            message = f"{code!r} is not a customs country code on {day.isoformat()}; it is {when}"
            return Membership(code, self.name, "withdrawn", found.label, message, day)
        historic = pycountry.historic_countries.get(alpha_2=code) if len(code) == 2 else None
        if historic is not None:
            withdrawn = getattr(historic, "withdrawal_date", "")
            message = f"{code!r} ({historic.name}) was withdrawn from ISO 3166-1" + (
                f" on {withdrawn}" if withdrawn else ""
            )
            return Membership(code, self.name, "withdrawn", found.label, message, day)
        message = f"{code!r} is not a country code of the customs country list ({found.label})"
        return Membership(code, self.name, "absent", found.label, message, day)


def countries() -> CodeList:
    """The country list."""
    return CountryList()
