"""Which countries take part in which transit regime, by date.

A transit rule asks, for a country and a date, whether the country was in the European
Union, a party to the Convention on a common transit procedure (CTC, the NCTS) or a member
of the Eurasian Economic Union (EAEU) on that day. Each table gives the country codes with
the first (and, where it ended, the last) day of membership; ``None`` means "before any
declaration this library reads" or "still a member".

The EU and CTC tables are the NCTS code lists themselves, read from the shipped data
(:mod:`single_window.codelists`, one place for both the lists and these rules):

- ``eu``: CL010 CountryCodesCommunity, the Union's customs territory (the 27 member states
  and AX, GF, GP, MC, MF, MQ, RE, XI, YT as CS/RD2 codes them); Croatia from 1 Jul 2013.
- ``ctc``: CL009 CountryCodesCommonTransit, the territory of the common transit procedure
  (CL010 and the other parties: the EFTA countries, the UK and the Crown dependencies, the
  countries that acceded later, Andorra and San Marino through the Union).
- ``cl112``: CL112 CountryCodesCTC, the common transit countries outside the Union with
  customs offices of their own (CH, GB, IS, NO, TR, MK, RS, UA, and GE, MD, ME since they
  joined). Liechtenstein, the Crown dependencies, Svalbard and XS are in CL009 but not in
  CL112, whose members are the countries whose office references start with their code.

The lists and the dates of each country's entry (CS/RD2's own NCTS entry dates, or the
legal act: Türkiye from 1 Dec 2012, Georgia from 1 Feb 2025, Moldova and Montenegro from
1 Nov 2025) are described, with their sources, on the page "Code lists" of the reference
documentation and in the headers of ``single_window/_refdata/data/ncts-cl0*.txt``.

- EAEU: Treaty on the Eurasian Economic Union of 29 May 2014, in force 1 Jan 2015 (BY, KZ,
  RU); Armenia from 2 Jan 2015 and Kyrgyzstan from 12 Aug 2015 (accession treaties;
  https://eaeunion.org/en/ "About the Union").

Membership before these dates (the Customs Union of 2010, Croatia's part in common transit
before its EU accession) is not modelled.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Literal

from single_window import codelists
from single_window._refdata._dated import DatedList, Span

__all__ = ["REGIMES", "Regime", "in_regime"]

Regime = Literal["eu", "ctc", "cl112", "eaeu"]

#: The NCTS code list behind each regime that has one.
_LISTS: dict[Regime, str] = {"eu": "ncts:CL010", "ctc": "ncts:CL009", "cl112": "ncts:CL112"}

_EAEU: dict[str, Span] = {
    "BY": (date(2015, 1, 1), None),
    "KZ": (date(2015, 1, 1), None),
    "RU": (date(2015, 1, 1), None),
    "AM": (date(2015, 1, 2), None),
    "KG": (date(2015, 8, 12), None),
}


class _Regimes(Mapping[Regime, Mapping[str, Span]]):
    """Each regime's countries with the days of their membership, read on first use."""

    def __init__(self) -> None:
        self._tables: dict[str, Mapping[str, Span]] = {"eaeu": _EAEU}

    def __getitem__(self, regime: Regime) -> Mapping[str, Span]:
        table = self._tables.get(regime)
        if table is None:
            found = codelists.get(_LISTS[regime])
            if not isinstance(found, DatedList):  # pragma: no cover - the lists are dated
                raise TypeError(f"{_LISTS[regime]} is not a dated list")
            table = self._tables[regime] = found.spans()
        return table

    def __iter__(self) -> Iterator[Regime]:
        return iter(("eu", "ctc", "cl112", "eaeu"))

    def __len__(self) -> int:
        return 4


#: Each regime's countries with the days of their membership.
REGIMES: Mapping[Regime, Mapping[str, Span]] = _Regimes()


def in_regime(
    regime: Regime,
    country: str | None,
    on: date,
    extensions: Mapping[str, frozenset[str]] | None = None,
) -> bool:
    """Whether ``country`` took part in ``regime`` on the day ``on``; ``extensions`` are
    the codes packs in force add to the code lists (``Context.extensions``): a country a
    pack adds to a regime's NCTS list takes part in it."""
    if country is None:
        return False
    if extensions and country in extensions.get(_LISTS.get(regime, ""), ()):
        return True
    span = REGIMES[regime].get(country)
    if span is None:
        return False
    start, end = span
    return (start is None or start <= on) and (end is None or on <= end)
