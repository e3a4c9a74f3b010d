"""Countries: ISO 3166-1 alpha-2 from pycountry plus the customs overlay.

The overlay (``data/country-overlay.txt``) holds codes customs systems use that ISO 3166-1
does not assign. A code line may carry ``from=`` and ``to=`` dates (inclusive); the dates
where the overlay changes cut time into editions. Today no overlay code has a date, so
there is one edition.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

import pycountry

from single_window._refdata._datafile import first, read_codes, read_header, source_of
from single_window._refdata._types import CodeList, Edition, Membership, Source

__all__ = ["CountryList", "countries"]

OVERLAY = "country-overlay.txt"


class CountryList(CodeList):
    """ISO 3166-1 alpha-2 and the customs overlay, by date."""

    def __init__(self) -> None:
        super().__init__("country", "country code", self._all)
        self._overlay: dict[str, tuple[date | None, date | None]] | None = None
        self._iso: frozenset[str] | None = None
        self._segments: dict[int, Edition] = {}
        self._cuts: list[date] = []

    def _prepare(self) -> dict[str, tuple[date | None, date | None]]:
        if self._overlay is None:
            overlay = {}
            for code, attrs in read_codes(OVERLAY).items():
                start, end = attrs.get("from"), attrs.get("to")
                overlay[code] = (
                    date.fromisoformat(start) if start else None,
                    date.fromisoformat(end) if end else None,
                )
            cuts = {s for s, _ in overlay.values() if s is not None}
            cuts |= {e + timedelta(days=1) for _, e in overlay.values() if e is not None}
            self._cuts = sorted(cuts)
            self._iso = frozenset(c.alpha_2 for c in pycountry.countries)
            self._overlay = overlay
        return self._overlay

    def _segment(self, index: int) -> Edition:
        edition = self._segments.get(index)
        if edition is not None:
            return edition
        overlay = self._prepare()
        start = self._cuts[index - 1] if index > 0 else None
        end = self._cuts[index] - timedelta(days=1) if index < len(self._cuts) else None
        probe = start or end
        header = read_header(OVERLAY)
        iso = Source(
            title=f"ISO 3166-1 alpha-2, as shipped by pycountry {pycountry.__version__}",
            url="https://pypi.org/project/pycountry/",
            revision=f"pycountry {pycountry.__version__}",
            licence="LGPL-2.1 (pycountry)",
        )

        def load() -> tuple[frozenset[str], dict[str, str]]:
            extra = {
                code
                for code, (s, e) in overlay.items()
                if probe is None or ((s is None or s <= probe) and (e is None or probe <= e))
            }
            assert self._iso is not None
            return self._iso | extra, {}

        edition = Edition(
            "country",
            f"ISO 3166-1 + {first(header, 'edition')}",
            valid_from=start,
            valid_to=end,
            sources=[iso, source_of(header)],
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
        historic = pycountry.historic_countries.get(alpha_2=code) if len(code) == 2 else None
        if historic is not None:
            withdrawn = getattr(historic, "withdrawal_date", "")
            message = f"{code!r} ({historic.name}) was withdrawn from ISO 3166-1" + (
                f" on {withdrawn}" if withdrawn else ""
            )
            return Membership(code, self.name, "withdrawn", found.label, message, day)
        overlay = self._prepare()
        if code in overlay:
            message = f"{code!r} is a customs country code not in use on {day.isoformat()}"
            return Membership(code, self.name, "withdrawn", found.label, message, day)
        message = f"{code!r} is not an ISO 3166-1 country code or a customs country code"
        return Membership(code, self.name, "absent", found.label, message, day)


def countries() -> CodeList:
    """The country list."""
    return CountryList()
