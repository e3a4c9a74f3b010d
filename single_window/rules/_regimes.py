"""Which countries take part in which transit regime, by date.

A transit rule asks, for a country and a date, whether the country was in the European
Union, a party to the Convention on a common transit procedure (CTC, the NCTS) or a member
of the Eurasian Economic Union (EAEU) on that day. Each table below gives the country
codes with the first (and, where it ended, the last) day of membership; ``None`` means
"before any declaration this library reads" or "still a member".

Sources:

- EU and CTC: DG TAXUD reference data (CS/RD2), ``CountryCodesFullList`` with each
  country's ``CountryRegimeCode`` (``EEC``: EU customs territory; ``TOC``: other CTC
  party) and NCTS entry date, snapshot of 5 Nov 2024 as published by HMRC in
  ``hmrc/ctc-traders-phase5-tis`` (``source/downloads/COL-Generic-20241105.zip``).
  Code list CL112 of the NCTS (CTC parties with their own customs offices in CS/RD2) is
  the ``TOC`` countries without Andorra and San Marino.
- Türkiye: party from 1 Dec 2012 (EU-EFTA Joint Committee Decision No 2/2012 of 19 Jan
  2012, OJ L 114, 26.4.2012, p. 33; Ministry of Trade,
  https://trade.gov.tr/multinational-relations/common-transit-system).
- Georgia: party from 1 Feb 2025, after the snapshot above. Invited by EU-CTC Joint
  Committee Decision No 2/2024 of 21 Oct 2024 (as recital 1 of Decision No 3/2024 and
  recital 1 of Implementing Regulation (EU) 2025/411 cite it); Decision No 3/2024 of
  5 Nov 2024 amends Appendices III and IIIa to the Convention for the accession (OJ L,
  2025/174, 27.1.2025, https://eur-lex.europa.eu/eli/dec/2025/174/oj); the day of
  accession, 1 Feb 2025: Commission Implementing Regulation (EU) 2025/411 of 3 Mar 2025,
  recital 4 (OJ L, 2025/411, 6.3.2025, https://eur-lex.europa.eu/eli/reg_impl/2025/411/oj).
- Croatia: EU member from 1 Jul 2013 (Treaty of Accession, OJ L 112, 24.4.2012); its
  CTC membership before that day is not modelled.
- EAEU: Treaty on the Eurasian Economic Union of 29 May 2014, in force 1 Jan 2015 (BY, KZ,
  RU); Armenia from 2 Jan 2015 and Kyrgyzstan from 12 Aug 2015 (accession treaties;
  https://eaeunion.org/en/ "About the Union").

Membership before these dates (the Customs Union of 2010, CTC parties before the NCTS
snapshot's entry dates) is not modelled: a declaration dated earlier is judged by the
earliest table.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Literal

__all__ = ["REGIMES", "Regime", "in_regime"]

Regime = Literal["eu", "ctc", "cl112", "eaeu"]

_Span = tuple[date | None, date | None]
_ALWAYS: _Span = (None, None)

#: The EU customs territory (regime EEC), with the parts that have codes of their own in
#: CS/RD2 (AX, GF, GP, MC, MF, MQ, RE, XI, YT).
_EU: dict[str, _Span] = dict.fromkeys(
    [
        *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HU"),
        *("IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"),
        *("AX", "GF", "GP", "MC", "MF", "MQ", "RE", "XI", "YT"),
    ],
    _ALWAYS,
)
_EU["HR"] = (date(2013, 7, 1), None)

#: Other CTC parties (regime TOC): the EFTA countries, the UK and the Crown dependencies,
#: the countries that acceded later, and Andorra and San Marino (through the EU).
_OTHER_CTC: dict[str, _Span] = dict.fromkeys(
    ["AD", "CH", "GB", "GG", "IM", "IS", "JE", "LI", "NO", "SJ", "SM"], _ALWAYS
)
_OTHER_CTC.update(
    {
        "TR": (date(2012, 12, 1), None),
        "MK": (date(2015, 7, 1), None),
        "RS": (date(2016, 2, 1), None),
        "XS": (date(2016, 2, 1), None),
        "UA": (date(2022, 10, 1), None),
        "GE": (date(2025, 2, 1), None),
    }
)

_EAEU: dict[str, _Span] = {
    "BY": (date(2015, 1, 1), None),
    "KZ": (date(2015, 1, 1), None),
    "RU": (date(2015, 1, 1), None),
    "AM": (date(2015, 1, 2), None),
    "KG": (date(2015, 8, 12), None),
}

#: Each regime's countries with the days of their membership.
REGIMES: Mapping[Regime, Mapping[str, _Span]] = {
    "eu": _EU,
    "ctc": {**_EU, **_OTHER_CTC},
    "cl112": {c: span for c, span in _OTHER_CTC.items() if c not in ("AD", "SM")},
    "eaeu": _EAEU,
}


def in_regime(regime: Regime, country: str | None, on: date) -> bool:
    """Whether ``country`` took part in ``regime`` on the day ``on``."""
    if country is None:
        return False
    span = REGIMES[regime].get(country)
    if span is None:
        return False
    start, end = span
    return (start is None or start <= on) and (end is None or on <= end)
