"""Regenerate the customs country list: ``country-codes.txt``.

Source: the DG TAXUD reference data (CS/RD2) entity ``CountryCodesFullList``, the country
and territory codes of the Union's customs systems (code list CL008 of the NCTS), in the
snapshot of 5 November 2024 that HM Revenue & Customs publishes for NCTS Phase 5 traders:
``source/downloads/COL-Generic-20241105.zip`` in ``hmrc/ctc-traders-phase5-tis`` at a
pinned commit. The same snapshot gives the transit regime tables of
``single_window/rules/_regimes.py``. Every entry of the list is taken, with its
``CountryRegimeCode`` (EEC: Union customs territory; TOC: other common transit party;
OTH: other) as the attribute ``regime``, and its English description (the ``en`` entry of
its ``LsdList``) after a tab.

The list holds every ISO 3166-1 alpha-2 code and the codes customs adds to it: XI
(Northern Ireland), XC (Ceuta), XL (Melilla), XK (Kosovo), XS (Serbia), EU (European
Union) and the statistical codes QP to QZ (high seas, stores and provisions, countries and
territories not specified). An entry's ``activeFrom`` is the date of its current version
in CS/RD2, not the day the code came into use, so it is not a validity date. Dates are
given only where a legal act sets them (:data:`DATED`).

Run from the repository root::

    python scripts/update/customs_countries.py                # downloads the pinned file
    python scripts/update/customs_countries.py --source PATH  # a local copy of the zip
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile

from _common import check_sha256, named, read_source, write_datafile
from lxml import etree

COMMIT = "5661656728a2d893c7879dc50c4dc2c3f82dc115"
PATH = "source/downloads/COL-Generic-20241105.zip"
SHA256 = "3d16a11fc1266122ba98b2e534f61c150396f14c9278f941e7abedbd77e350c0"
MEMBER = "COL-Generic-20241105.xml"

#: Codes whose first day of use a legal act sets: code -> (from, why).
DATED = {
    "XI": (
        "2021-01-01",
        "XI United Kingdom (Northern Ireland): Commission Implementing Regulation (EU) "
        "2020/1470 of 12 Oct 2020 (nomenclature of countries and territories), Annex, "
        "applicable from 1 Jan 2021 (Art. 4), when the Protocol on Ireland/Northern Ireland "
        "of the Withdrawal Agreement began to apply",
    ),
    "QP": (
        "2013-01-01",
        "QP high seas: Commission Regulation (EU) No 1106/2012 of 27 Nov 2012 (nomenclature "
        "of countries and territories), recital 5 and Annex, applicable from 1 Jan 2013",
    ),
}


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def entries(data: bytes) -> dict[str, tuple[str, str]]:
    """Country code -> (CountryRegimeCode, English description) of every valid
    CountryCodesFullList entry."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(MEMBER)
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    entity = next(e for e in root if e.get("name") == "CountryCodesFullList")
    out: dict[str, tuple[str, str]] = {}
    for entry in entity:
        if _local(entry.tag) != "RDEntry":
            continue
        items = {c.get("name"): c.text or "" for c in entry if _local(c.tag) == "dataItem"}
        state = next(
            (s.text for s in entry.iter() if _local(s.tag) == "state"),
            None,
        )
        if state != "valid":
            continue
        code = items["CountryCode"]
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise SystemExit(f"unexpected country code {code!r}")
        english = next(
            (
                d.text or ""
                for d in entry.iter()
                if _local(d.tag) == "description" and d.get("lang") == "en"
            ),
            "",
        )
        out[code] = (items.get("CountryRegimeCode", ""), english)
    missing = set(DATED) - set(out)
    if missing:
        raise SystemExit(f"dated codes not in the list: {sorted(missing)}")
    return out


def lines(found: dict[str, tuple[str, str]]) -> list[str]:
    """One line a code: ``XI regime=EEC from=2021-01-01<TAB>United Kingdom (Northern Ireland)``."""
    out = []
    for code in sorted(found):
        regime, english = found[code]
        line = f"{code} regime={regime}" if regime else code
        if code in DATED:
            line += f" from={DATED[code][0]}"
        out.append(named(line, english))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a local copy of the zip (else it is downloaded)")
    args = parser.parse_args()
    url = f"https://raw.githubusercontent.com/hmrc/ctc-traders-phase5-tis/{COMMIT}/{PATH}"
    data = read_source(url, args.source)
    digest = check_sha256(data, SHA256, "CS/RD2 reference data snapshot")
    write_datafile(
        "country-codes.txt",
        {
            "list": "country",
            "edition": "CS/RD2 CountryCodesFullList 2024-11-05",
            "title": "Country and territory codes of the Union's customs systems",
            "dates-source": [why for _, why in DATED.values()],
            "source": "European Commission, DG TAXUD, central reference data (CS/RD2), "
            "entity CountryCodesFullList (NCTS code list CL008), snapshot of 5 Nov 2024 "
            "as published by HM Revenue & Customs for NCTS Phase 5",
            "source-url": f"https://github.com/hmrc/ctc-traders-phase5-tis/blob/{COMMIT}/{PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "European Commission reference data (reuse under Commission Decision "
            "2011/833/EU); codes and descriptions taken as facts",
            "generator": "scripts/update/customs_countries.py",
            "note": [
                "regime: CountryRegimeCode (EEC Union customs territory, TOC other common "
                "transit party, OTH other)",
                "from: the first day a code is in use, where a legal act sets it (see "
                "dates-source); other codes apply on any date",
                "after a tab: the entry's English description in CS/RD2",
            ],
        },
        lines(entries(data)),
    )


if __name__ == "__main__":
    main()
