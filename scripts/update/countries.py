"""Regenerate the customs overlay on ISO 3166-1: ``country-overlay.txt``.

The country list is ISO 3166-1 alpha-2 as pycountry ships it, plus the codes customs
systems use that ISO 3166-1 does not assign. The overlay is taken from HMRC's country list
for customs declarations, ``conf/code-lists/countryCodes.json`` in
``hmrc/customs-declare-exports-frontend`` (Apache-2.0) at a pinned commit: every code in it
that pycountry does not know as an ISO 3166-1 alpha-2 code, with HMRC's English name for
it (``en``) after a tab.

Neither source publishes the date from which a customs system accepts each code, so the
overlay codes carry no dates (they apply on any date). The reader accepts
``from=YYYY-MM-DD`` and ``to=YYYY-MM-DD`` on a code line; give them only with a primary
source for the date.

Run from the repository root, with the project installed (for pycountry)::

    python scripts/update/countries.py                # downloads the pinned file
    python scripts/update/countries.py --source PATH  # a local copy of the JSON
"""

from __future__ import annotations

import argparse
import json
import re

import pycountry
from _common import check_sha256, named, read_source, write_datafile

COMMIT = "d14bed05034833a60e143b38ef1266bb62e5ea4b"
PATH = "conf/code-lists/countryCodes.json"
SHA256 = "e76789598c16a54133332700c21661afa5aec81e419358471831a52eb74d2d92"


def overlay(data: bytes) -> list[str]:
    """The HMRC codes that are not ISO 3166-1 alpha-2 codes, sorted, with their names."""
    english = {entry["code"]: entry.get("en") for entry in json.loads(data)}
    bad = sorted(c for c in english if not re.fullmatch(r"[A-Z]{2}", c))
    if bad:
        raise SystemExit(f"unexpected codes {bad}")
    iso = {c.alpha_2 for c in pycountry.countries}
    return [named(code, english[code]) for code in sorted(set(english) - iso)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a local copy of the JSON (else it is downloaded)")
    args = parser.parse_args()
    url = f"https://raw.githubusercontent.com/hmrc/customs-declare-exports-frontend/{COMMIT}/{PATH}"
    data = read_source(url, args.source)
    digest = check_sha256(data, SHA256, "HMRC country list")
    write_datafile(
        "country-overlay.txt",
        {
            "list": "country",
            "edition": "customs overlay (HMRC country list 2024-01-25)",
            "title": "Country codes in customs use that ISO 3166-1 does not assign",
            "source": "HM Revenue & Customs, country codes for customs declarations "
            "(hmrc/customs-declare-exports-frontend), less the ISO 3166-1 codes "
            f"pycountry {pycountry.__version__} knows",
            "source-url": "https://github.com/hmrc/customs-declare-exports-frontend/blob/"
            f"{COMMIT}/{PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "Apache-2.0 (HM Revenue & Customs); codes and names taken as facts",
            "generator": "scripts/update/countries.py",
            "note": [
                "XC Ceuta; XK Kosovo (UNSCR 1244/1999); XL Melilla; XS Serbia (the UK uses XS, "
                "not RS); ZB ZC ZD ZE ZF ZG ZH ZJ ZK ZL ZN ZS ZU continental-shelf sectors "
                "(NW Europe) of BE GR DK IE FR DE NL CY FI IT NO SE GB",
                "no dates: neither source says from when each code is accepted",
                "after a tab: HMRC's English name of the code",
            ],
        },
        overlay(data),
    )


if __name__ == "__main__":
    main()
