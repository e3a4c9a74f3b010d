"""Which HS edition a country's tariff applies on a date.

A national commodity code extends a six-digit HS subheading of the edition the country's
tariff is built on, and countries move to a new edition on their own dates. The table
below gives, for each country with a pack, the first day of each known period, the HS
edition its tariff applies from that day (None: not confirmed) and the act that says so.
Before a country's first period, and for a country not in the table, the WCO's dates
apply: HS 2017 from 1 January 2017, HS 2022 from 1 January 2022 (every shipped edition
existed only from those days, so before 2022 no country can apply HS 2022).

Where the edition is not confirmed, either edition in force by then is accepted: a
declaration is not rejected for a code the tariff may well have, and the rule that reads
this table warns when a code belongs to one edition only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from single_window._i18n import N_, Message, define
from single_window._refdata._registry import get
from single_window._refdata._types import Edition, On, code_of, day_of

__all__ = ["TARIFFS", "TARIFF_NAMES", "TariffEdition", "tariff_edition", "tariff_name"]

#: Each tariff's name, as messages say it (``tariff.<key>``): the names are translated.
TARIFF_NAMES = define(
    "tariff",
    {
        "hs": N_("HS"),
        "eaeu": N_("EAEU TN VED"),
        "eu": N_("EU Combined Nomenclature"),
        "tr": N_("Turkish customs tariff (GTIP)"),
        "uz": N_("TN VED of Uzbekistan"),
        "az": N_("XIF MN of Azerbaijan"),
        "ge": N_("national commodity nomenclature of Georgia"),
        "tm": N_("DYIHN of Turkmenistan"),
    },
)


@dataclass(frozen=True, slots=True)
class _Period:
    start: date
    edition: str | None
    """The HS edition's label (``"HS 2022"``), None when it is not confirmed."""
    source: str


@dataclass(frozen=True, slots=True)
class _Tariff:
    key: str
    """The key of its name in :data:`TARIFF_NAMES`."""
    periods: tuple[_Period, ...]

    @property
    def name(self) -> str:
        """The tariff's name in English."""
        return TARIFF_NAMES.text(self.key)


@dataclass(frozen=True, slots=True)
class TariffEdition:
    """The HS editions a country's tariff may apply on a date.

    Attributes:
        country: The country (None: no country, the WCO's dates).
        tariff: The tariff's name, e.g. "EAEU TN VED".
        on: The date.
        editions: The editions accepted on the date: one where it is confirmed, every
            edition in force by then where it is not; empty when no shipped edition
            applies (before 2017, from 2028).
        confirmed: Whether the edition on the date is confirmed by a source.
        source: The act or publication that says which edition applies (or what was
            searched, when it is not confirmed).
    """

    country: str | None
    tariff: str
    on: date
    editions: tuple[Edition, ...]
    confirmed: bool
    source: str


_WCO = (
    "WCO: HS 2017 in force from 1 Jan 2017, HS 2022 from 1 Jan 2022, HS 2028 from 1 Jan 2028 "
    "(see the 'hs' list)"
)

_EAEU = _Tariff(
    "eaeu",
    (
        _Period(
            date(2022, 1, 1),
            "HS 2022",
            "EEC Council Decision No 80 of 14 Sep 2021 (single commodity nomenclature of "
            "foreign economic activity and Common Customs Tariff of the EAEU, on HS 2022), in "
            "force 1 Jan 2022; its para. 3 ends Decision No 54 of 16 Jul 2012 on that day",
        ),
    ),
)

#: Country -> its tariff's periods.
TARIFFS: dict[str, _Tariff] = {
    "KZ": _EAEU,
    "KG": _EAEU,
    "HU": _Tariff(
        "eu",
        (
            _Period(
                date(2022, 1, 1),
                "HS 2022",
                "Commission Implementing Regulation (EU) 2021/1832 of 12 Oct 2021 amending "
                "Annex I to Council Regulation (EEC) No 2658/87 (the Combined Nomenclature "
                "on HS 2022), OJ L 385, 29.10.2021, applicable from 1 Jan 2022",
            ),
        ),
    ),
    "TR": _Tariff(
        "tr",
        (
            _Period(
                date(2022, 1, 1),
                "HS 2022",
                "Presidential Decision No 5045 on the Turkish customs tariff schedule by "
                "statistical positions for 2022 (Resmi Gazete No 31705, repeat, of 30 Dec "
                "2021), on HS 2022: the Nuclear Regulatory Authority's notice of 10 Jan 2022 "
                "lists its HS 2022 splits (2844.40 into 2844.41 to 2844.44), "
                "https://www.ndk.gov.tr/duyurular/istatistik-pozisyonlarina-bolunmus-turk-gumruk-tarife-cetveli-guncelleme",
            ),
        ),
    ),
    "UZ": _Tariff(
        "uz",
        (
            _Period(
                date(2018, 1, 1),
                "HS 2017",
                "Presidential Resolution PP-3448 of 28 Dec 2017: the 2017 version of the TN "
                "VED of Uzbekistan (HS 2017) from 1 Jan 2018",
            ),
            _Period(
                date(2022, 1, 1),
                None,
                "not confirmed: Presidential Resolution PP-181 of 14 May 2025 approves a new "
                "list of TN VED codes, but neither its text nor another act found says from "
                "when the Uzbek tariff applies HS 2022",
            ),
        ),
    ),
    "AZ": _Tariff(
        "az",
        (
            _Period(
                date(2022, 1, 1),
                None,
                "not confirmed: Cabinet of Ministers Decision No 500 of 17 Nov 2017 approves "
                "the XIF MN; no act found says from when it applies HS 2022",
            ),
        ),
    ),
    "GE": _Tariff(
        "ge",
        (
            _Period(
                date(2022, 1, 1),
                None,
                "not confirmed: no act found says from when Georgia's commodity nomenclature "
                "of foreign economic activity applies HS 2022",
            ),
        ),
    ),
    "TM": _Tariff(
        "tm",
        (
            _Period(
                date(2022, 1, 1),
                None,
                "not confirmed: in July 2020 Turkmenistan used the CIS nomenclature on the "
                "sixth edition of the HS, HS 2017 (WCO, 7 Jul 2020, https://www.wcoomd.org/en/"
                "media/newsroom/2020/july/wco-workshop-to-support-for-turkmenistans-"
                "consideration-of-harmonized-system-convention-accession.aspx), and the HS "
                "Convention is in force for it from 1 Jan 2025 (State Customs Service, "
                "https://customs.gov.tm/en/news/973); no act found says from when its tariff "
                "applies HS 2022",
            ),
        ),
    ),
}


def tariff_edition(country: str | None, on: On = None) -> TariffEdition:
    """The HS editions the tariff of ``country`` (trimmed and upper-cased) may apply on
    ``on`` (today when None)."""
    code = code_of(country, "country") if country is not None else None
    return _tariff_edition(code, day_of(on))


@lru_cache(maxsize=4096)
def _tariff_edition(country: str | None, day: date) -> TariffEdition:
    hs = get("hs")
    wco = hs.edition(day)
    in_force = (wco,) if wco is not None else ()
    tariff = TARIFFS.get(country or "")
    period = None
    if tariff is not None:
        period = next((p for p in reversed(tariff.periods) if p.start <= day), None)
    if tariff is None or period is None:
        name = tariff.name if tariff is not None else TARIFF_NAMES.text("hs")
        return TariffEdition(country, name, day, in_force, True, _WCO)
    if wco is None:  # no shipped edition applies on the day (from 2028): not judged
        return TariffEdition(
            country, tariff.name, day, (), period.edition is not None, period.source
        )
    if period.edition is None:
        editions = tuple(e for e in hs.editions if e.valid_from is None or e.valid_from <= day)
        return TariffEdition(country, tariff.name, day, editions, False, period.source)
    edition = next(e for e in hs.editions if e.label == period.edition)
    editions = (edition,) if edition.applies_on(day) else ()
    return TariffEdition(country, tariff.name, day, editions, True, period.source)


def tariff_name(edition: TariffEdition) -> Message:
    """The name of the tariff ``edition`` belongs to, as a message (translated)."""
    tariff = TARIFFS.get(edition.country or "")
    return TARIFF_NAMES(tariff.key if tariff is not None else "hs")
