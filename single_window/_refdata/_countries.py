"""Countries: the customs country list (DG TAXUD CS/RD2) plus the UK's customs codes.

The list is ``data/country-codes.txt``, the Union customs systems' ``CountryCodesFullList``
(every ISO 3166-1 alpha-2 code and the customs codes XI, XC, XL, XK, XS, EU, QP to QZ),
and ``data/country-overlay.txt``, the codes HMRC's customs list adds (the UK
continental-shelf codes ZB to ZU). A code line may carry ``from=`` and ``to=`` dates
(inclusive) where a legal act sets them (XI from 1 Jan 2021); the dates where the set of
codes changes cut time into editions (:class:`DatedList`). The verdict depends on the
shipped files alone; pycountry only explains a code withdrawn from ISO 3166-1.
"""

from __future__ import annotations

from datetime import date

import pycountry

from single_window._refdata._dated import DatedList
from single_window._refdata._reasons import REASONS, TITLES
from single_window._refdata._types import DATED, CodeList, Edition, Membership

__all__ = ["CountryList", "countries"]

FILES = ("country-codes.txt", "country-overlay.txt")


class CountryList(DatedList):
    """The customs country list and its overlay, by date."""

    def __init__(self) -> None:
        super().__init__("country", TITLES("country"), FILES)

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        spans = self.spans()
        if code in spans:
            when = self.when(spans[code], day)
            reason = REASONS(
                "country-not-on-date", code=repr(code), date=day.isoformat(), when=when
            )
            return Membership.of(code, self.name, "withdrawn", found.label, reason, day, DATED)
        historic = pycountry.historic_countries.get(alpha_2=code) if len(code) == 2 else None
        if historic is not None:
            withdrawn = getattr(historic, "withdrawal_date", "")
            if withdrawn:
                reason = REASONS(
                    "country-withdrawn-on", code=repr(code), name=historic.name, date=withdrawn
                )
            else:
                reason = REASONS("country-withdrawn", code=repr(code), name=historic.name)
            return Membership.of(code, self.name, "withdrawn", found.label, reason, day)
        reason = REASONS("country-absent", code=repr(code), edition=found.label)
        return Membership.of(code, self.name, "absent", found.label, reason, day)


def countries() -> CodeList:
    """The country list."""
    return CountryList()
