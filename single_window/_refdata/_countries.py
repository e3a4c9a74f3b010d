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
from single_window._refdata._types import CodeList, Edition, Membership, dated

__all__ = ["CountryList", "countries"]

FILES = ("country-codes.txt", "country-overlay.txt")


class CountryList(DatedList):
    """The customs country list and its overlay, by date."""

    def __init__(self) -> None:
        super().__init__("country", "country code", FILES)

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        spans = self.spans()
        if code in spans:
            when = self.when(spans[code], day)
            before = f"{code!r} is not a customs country code on "
            message, parts = dated(before, day, f"; it is {when}")
            return Membership(code, self.name, "withdrawn", found.label, message, day, parts)
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
