"""Regenerate the HS subheading lists: ``hs2017.txt`` and ``hs2022.txt``.

Source: the ``datasets/harmonized-system`` repository (UN Comtrade classification data,
ODC-PDDL-1.0), file ``data/harmonized-system.csv`` with columns
``section,hscode,description,parent,level``, read at one pinned commit per edition. The
six-digit rows (``level`` 6) are the subheadings; the ``999999`` row ("commodities not
specified according to kind") is a statistical code, not a subheading, and is dropped.

Each edition gives two files: ``hsYYYY.txt``, the subheadings the list judges, and
``hsYYYY-names.txt``, the chapters (two digits), headings (four) and subheadings (six)
with their descriptions, for names only (a rule never reads it). The descriptions are UN
Comtrade's, which words the WCO's nomenclature in one line a code ("Horses; live,
pure-bred breeding animals") and cuts the longest at 255 characters; they are English,
the WCO publishing no nomenclature in the corridor's other languages. Chapter 99 and its
``9999``/``999999`` rows are Comtrade's, not the HS's, and are dropped.

Run from the repository root::

    python scripts/update/hs.py                      # downloads the pinned files
    python scripts/update/hs.py --source 2017=PATH --source 2022=PATH

The script refuses a source whose SHA-256 is not the pinned one.
"""

from __future__ import annotations

import argparse
import csv
import io

from _common import check_sha256, named, read_source, write_datafile

REPOSITORY = "https://github.com/datasets/harmonized-system"
PATH = "data/harmonized-system.csv"

#: Dates in force: WCO, HS 2017 edition from 1 January 2017; HS 2022 edition from
#: 1 January 2022 (WCO news of 15 September 2021); HS 2028 from 1 January 2028 (WCO press
#: release of 21 January 2026), so HS 2022 applies until 31 December 2027.
EDITIONS = {
    "2017": {
        "commit": "a72bef25b2749cd04a824b8b46b71c89e566b4bb",
        "sha256": "cdc9a537622feeb8c872f8e7c3bc279170180cf3eec010ed658ff98a44063fa2",
        "valid-from": "2017-01-01",
        "valid-to": "2021-12-31",
        "dates-source": "WCO, HS Nomenclature 2017 edition (in force 1 January 2017) "
        "and 2022 edition (in force 1 January 2022), "
        "https://www.wcoomd.org/en/topics/nomenclature/instrument-and-tools.aspx",
    },
    "2022": {
        "commit": "905e5a0fa29f5700d62cb3cc1265f21bc8a92329",
        "sha256": "e77ee9e1cfd15a42d1fadeb2c0618d10f6b9ed9aec0e5d66826dc7ef9d3126a5",
        "valid-from": "2022-01-01",
        "valid-to": "2027-12-31",
        "dates-source": "WCO news 15 September 2021 (HS 2022 in force 1 January 2022); "
        "WCO press release 21 January 2026 (HS 2028 amendments accepted, in force "
        "1 January 2028)",
    },
}

NOT_A_SUBHEADING = "999999"
#: Comtrade's rows for commodities not specified according to kind: no HS codes.
NOT_HS = frozenset({"99", "9999", NOT_A_SUBHEADING})


def subheadings(data: bytes) -> list[str]:
    """The sorted six-digit subheadings of one CSV file."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    codes = {row["hscode"] for row in reader if row["level"] == "6"}
    codes.discard(NOT_A_SUBHEADING)
    bad = sorted(c for c in codes if len(c) != 6 or not c.isdigit())
    if bad:
        raise SystemExit(f"not six-digit codes: {bad[:5]}")
    return sorted(codes)


def described(data: bytes) -> list[str]:
    """Data-file lines of the names file: every chapter, heading and subheading, sorted,
    each with its description after a tab."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    found = {
        row["hscode"]: row["description"]
        for row in reader
        if row["level"] in ("2", "4", "6") and row["hscode"] not in NOT_HS
    }
    bad = sorted(c for c, t in found.items() if len(c) not in (2, 4, 6) or not c.isdigit() or not t)
    if bad:
        raise SystemExit(f"unexpected rows: {bad[:5]}")
    return [named(code, found[code]) for code in sorted(found)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="YEAR=PATH",
        help="a local copy of the CSV for one edition (else it is downloaded)",
    )
    args = parser.parse_args()
    local = dict(item.split("=", 1) for item in args.source)
    for year, pin in EDITIONS.items():
        url = f"https://raw.githubusercontent.com/datasets/harmonized-system/{pin['commit']}/{PATH}"
        data = read_source(url, local.get(year))
        digest = check_sha256(data, pin["sha256"], f"HS {year} source")
        source = {
            "valid-from": pin["valid-from"],
            "valid-to": pin["valid-to"],
            "dates-source": pin["dates-source"],
            "source": "UN Comtrade HS classification, as published in the "
            "datasets/harmonized-system repository",
            "source-url": f"{REPOSITORY}/blob/{pin['commit']}/{PATH}",
            "source-revision": pin["commit"],
            "source-sha256": digest,
            "licence": "ODC-PDDL-1.0",
            "generator": "scripts/update/hs.py",
        }
        write_datafile(
            f"hs{year}.txt",
            {
                "list": "hs",
                "edition": f"HS {year}",
                "title": f"Harmonized System subheadings (six digits), HS {year} edition",
                **source,
                "note": "level-6 rows only; the 999999 'not specified' row is dropped",
            },
            subheadings(data),
        )
        write_datafile(
            f"hs{year}-names.txt",
            {
                "list": "hs",
                "edition": f"HS {year}",
                "title": f"Harmonized System chapters, headings and subheadings with their "
                f"descriptions, HS {year} edition (names only: the list's codes are hs{year}.txt)",
                **source,
                "note": [
                    "level 2, 4 and 6 rows; Comtrade's chapter 99 (99, 9999, 999999) is dropped",
                    "after a tab: UN Comtrade's description of the code (English; the longest "
                    "are cut at 255 characters)",
                ],
            },
            described(data),
        )


if __name__ == "__main__":
    main()
