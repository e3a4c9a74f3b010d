"""Regenerate the ISO 4217 currency list with its dates: ``iso4217.txt``.

Source: ISO 4217 as its maintenance agency, SIX Financial Information, publishes it:
List One (current currency and funds codes, ``list-one.xml``) and List Three (historic
denominations with their withdrawal dates, ``list-three.xml``), both at
https://www.six-group.com/en/products-services/financial-information/data-standards.html .
The copy read here is the ``datasets/currency-codes`` repository (ODC-PDDL) at a pinned
commit, which keeps both:

- ``data/codes-all.csv``: every entry of List One and List Three, downloaded from SIX and
  converted field by field (entity, currency, alphabetic code, numeric code, minor unit,
  withdrawal date) by that repository's ``scripts/runall.sh`` on 1 Feb 2026;
- ``archive/table_a1.xml``: List One exactly as SIX published it on 25 Jun 2024, the one
  place that keeps SIX's fund mark (``<CcyNm IsFund="true">``), which the CSV drops.

What the list holds, one line a code:

- a code of List One that some country or territory uses, and is no fund, is a currency
  with no end date;
- a code only in List Three is a currency until the last day of its withdrawal month
  (``to=``; SIX gives a month, "2023-01", or a span of years, "1989 to 1990");
- a code List One gives only to something other than a currency of a country carries a
  ``kind``: ``fund`` (SIX's fund mark: BOV, CLF, CHE, ...), ``metal`` (XAU, XAG, XPD,
  XPT), ``test`` (XTS), ``none`` (XXX, no currency involved), ``bond-unit`` (XBA to XBD),
  ``unit`` (a unit of account of an international body: XDR, XUA, XSU, XAD) and
  ``special`` (other placeholder entries). Those are no currencies of trade.

ISO 4217's lists give no date from which a code is used, so a current code has no start.
Each line ends with the currency's English name as ISO 4217 gives it (column ``Currency``).

Run from the repository root::

    python scripts/update/currencies.py                                 # downloads both
    python scripts/update/currencies.py --csv codes-all.csv --list-one table_a1.xml
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import re
from datetime import date

from _common import check_sha256, named, read_source, text, write_datafile
from lxml import etree

COMMIT = "ab9b0ae88e8bffd4ac1c468ce9c784738d3376ba"
CSV_PATH = "data/codes-all.csv"
CSV_SHA256 = "c4b6829a966f0564e77dc6c2d100d268cce61b30f7637bf3d5ec626b0393407f"
XML_PATH = "archive/table_a1.xml"
XML_SHA256 = "2dea9812978172e5d3aa7b1edc71560b3f3fd465b9edde1acc8f07e765771b8b"
DOWNLOADED = "2026-02-01"
RAW = f"https://raw.githubusercontent.com/datasets/currency-codes/{COMMIT}"

#: Entities of List One that are international bodies, not countries or territories: a
#: code only they hold is a unit of account.
BODIES = frozenset(
    {
        "INTERNATIONAL MONETARY FUND (IMF)",
        "MEMBER COUNTRIES OF THE AFRICAN DEVELOPMENT BANK GROUP",
        'SISTEMA UNITARIO DE COMPENSACION REGIONAL DE PAGOS "SUCRE"',
        "ARAB MONETARY FUND",
        "EUROPEAN MONETARY CO-OPERATION FUND (EMCF)",
    }
)
#: Words that mark an entity SIX lists under a ``ZZnn_`` placeholder, by kind.
PLACEHOLDERS = (
    ("Gold-Franc", "special"),
    ("Testing", "test"),
    ("No_Currency", "none"),
    ("Gold", "metal"),
    ("Silver", "metal"),
    ("Platinum", "metal"),
    ("Palladium", "metal"),
    ("Bond Markets Unit", "bond-unit"),
)
#: Words that would mean an entity is a body rather than a country: an unknown one stops
#: the script, so that someone classifies it.
BODY_WORDS = re.compile(r"\b(FUND|BANK|UNIT|SISTEMA|ORGANI[SZ]ATION)\b|^ZZ", re.IGNORECASE)


def _entity(name: str) -> str:
    return " ".join(name.split())


def _placeholder(entity: str) -> str | None:
    if not entity.startswith("ZZ"):
        return None
    return next((kind for word, kind in PLACEHOLDERS if word in entity), "special")


def funds(xml: bytes) -> frozenset[str]:
    """The codes SIX marks as funds in List One."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    return frozenset(
        entry.findtext("Ccy") or ""
        for entry in root.iter("CcyNtry")
        if entry.find("CcyNm") is not None and entry.find("CcyNm").get("IsFund") == "true"
    )


def _last_day(withdrawn: str) -> date:
    """The last day of a List Three withdrawal date: ``2023-01``, ``1989 to 1990``,
    ``1989-1990``, ``1990-07 to 1990-09``."""
    last = re.split(r" to |(?<=^\d{4})-(?=\d{4}$)", withdrawn.strip())[-1].strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", last)
    if match is None:
        raise SystemExit(f"withdrawal date {withdrawn!r} is not understood")
    year, month = int(match.group(1)), int(match.group(2) or 12)
    return date(year, month, calendar.monthrange(year, month)[1])


def names(rows: list[dict[str, str]]) -> dict[str, str]:
    """Each code's currency name as ISO 4217 words it: the name List One gives it, else the
    name of its latest withdrawal in List Three (HRK "Kuna", not the "Croatian Kuna" of an
    earlier entry)."""
    found: dict[str, tuple[date, str]] = {}
    for row in rows:
        code, name = row["AlphabeticCode"].strip(), text(row["Currency"])
        if not code or not name:
            continue
        withdrawn = row["WithdrawalDate"].strip()
        rank = _last_day(withdrawn) if withdrawn else date.max
        if code not in found or found[code][0] <= rank:
            found[code] = (rank, name)
    return {code: name for code, (_, name) in found.items()}


def lines(table: bytes, fund_codes: frozenset[str]) -> list[str]:
    """One line a code, sorted, with its name after a tab: ``EUR<TAB>Euro``,
    ``HRK to=2023-01-31<TAB>Kuna``, ``XAU kind=metal<TAB>Gold``."""
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8"), newline="")))
    current: dict[str, set[str]] = {}
    withdrawn: dict[str, date] = {}
    historic_kind: dict[str, str] = {}
    for row in rows:
        code = row["AlphabeticCode"].strip()
        if not code:
            continue  # an entity with no universal currency (ANTARCTICA, PALESTINE)
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise SystemExit(f"unexpected code {code!r}")
        entity = _entity(row["Entity"])
        if row["WithdrawalDate"].strip():
            end = _last_day(row["WithdrawalDate"])
            withdrawn[code] = max(end, withdrawn.get(code, end))
            kind = _placeholder(entity) or ("unit" if entity in BODIES else None)
            if kind is not None:
                historic_kind[code] = kind
        else:
            current.setdefault(code, set()).add(entity)
    out: dict[str, str] = {}
    for code, entities in current.items():
        countries = {e for e in entities if _placeholder(e) is None and e not in BODIES}
        unknown = sorted(e for e in countries if BODY_WORDS.search(e))
        if unknown:
            raise SystemExit(f"{code}: classify {unknown} (a body or a country?)")
        if code in fund_codes:
            out[code] = f"{code} kind=fund"
        elif countries:
            out[code] = code
        else:
            kinds = {_placeholder(e) or "unit" for e in entities}
            if len(kinds) != 1:
                raise SystemExit(f"{code}: entities of several kinds {sorted(entities)}")
            out[code] = f"{code} kind={kinds.pop()}"
    for code, end in withdrawn.items():
        if code in out:
            continue  # withdrawn in one country, current in another (EUR, HRK's rename)
        kind = historic_kind.get(code)
        out[code] = f"{code} kind={kind}" if kind else f"{code} to={end.isoformat()}"
    called = names(rows)
    return [named(out[code], called.get(code)) for code in sorted(out)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", help="a local copy of data/codes-all.csv")
    parser.add_argument("--list-one", help="a local copy of archive/table_a1.xml")
    args = parser.parse_args()
    table = read_source(f"{RAW}/{CSV_PATH}", args.csv)
    digest = check_sha256(table, CSV_SHA256, "ISO 4217 lists (CSV)")
    xml = read_source(f"{RAW}/{XML_PATH}", args.list_one)
    xml_digest = check_sha256(xml, XML_SHA256, "ISO 4217 List One (SIX XML)")
    repository = "https://github.com/datasets/currency-codes/blob"
    write_datafile(
        "iso4217.txt",
        {
            "list": "currency",
            "edition": f"ISO 4217 (SIX lists of {DOWNLOADED})",
            "title": "ISO 4217 currency codes, current and historic, with withdrawal dates",
            "dates-source": "ISO 4217 List Three (historic denominations), withdrawal date "
            "of each entry; a code withdrawn in month M is valid to the last day of M",
            "source": "ISO 4217 List One and List Three as published by SIX Financial "
            f"Information, the ISO 4217 maintenance agency (list-one.xml, list-three.xml), "
            f"downloaded on {DOWNLOADED} and kept in datasets/currency-codes "
            f"({CSV_PATH}); fund marks from SIX's list-one.xml of 2024-06-25 ({XML_PATH}, "
            f"sha256 {xml_digest})",
            "source-url": f"{repository}/{COMMIT}/{CSV_PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "ODC-PDDL-1.0 (datasets/currency-codes); ISO 4217 codes taken as facts",
            "generator": "scripts/update/currencies.py",
            "note": [
                "to: the last day a withdrawn code is valid (end of its List Three withdrawal "
                "month); no to: current (List One)",
                "kind: not a currency of trade (fund, metal, test, none, bond-unit, unit, "
                "special); never valid on a declaration",
                "ISO 4217 publishes no date from which a code is used: current codes have no start",
                "after a tab: the currency's name in ISO 4217 (List One, else its latest "
                "List Three entry), in English",
            ],
        },
        lines(table, funds(xml)),
    )


if __name__ == "__main__":
    main()
