"""Regenerate the UN/ECE Recommendation 19 transport-mode list: ``rec19.txt``.

Source: UNECE, Recommendation No. 19 "Code for Modes of Transport", second edition
(TRADE/CEFACT/2001/19), Annex 2 "Code list for modes of transport", the PDF UNECE publishes,
read from the copy kept in the ``uncefact/vocab-codes`` repository at a pinned commit. The
2001 edition defines a one-character numeric code, 0 to 9; the second digit for
subdivisions of the first edition (ECE/TRADE/138, 1981) is not part of it.
Each code is kept with its code name from Annex 2, in English: UNECE's Russian and French
editions of the recommendation (``..._09R.pdf``, ``..._09F.pdf``) translate its text but
not the code list of Annex 2, so no official translation of the names exists.

Run from the repository root (needs ``pdftotext`` from poppler-utils)::

    python scripts/update/rec19.py                   # downloads the pinned file
    python scripts/update/rec19.py --source PATH     # a local copy of the PDF
"""

from __future__ import annotations

import argparse
import re
import subprocess

from _common import check_sha256, named, read_source, write_datafile

COMMIT = "afbf662ba3fd24bc3215aceae33a80dfcbe5cc0a"
PATH = "CLR/Rec19/editions&revisions/Rec19-ECE_TRADE_C_CEFACT_2001_09E.pdf"
SHA256 = "eeead509a0037da569423bbf382f3bb6d2c8b9c0198ed0b6e1aea3479b694303"

#: A code line of Annex 2: change indicators, the one-digit code, then its name.
CODE_LINE = re.compile(r"^[#|+X\s]*\|\s+(\d)\s{2,}(\S.*)$")


def codes(pdf: bytes) -> list[str]:
    """Data-file lines: the codes of Annex 2, in order, each with its code name."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    annex = text.split("CODE LIST FOR MODES OF TRANSPORT", 1)[-1]
    found = [(m.group(1), m.group(2)) for m in map(CODE_LINE.match, annex.splitlines()) if m]
    if [code for code, _ in found] != [str(i) for i in range(10)]:
        raise SystemExit(f"expected the codes 0 to 9, found {found}")
    return [named(code, name) for code, name in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a local copy of the PDF (else it is downloaded)")
    args = parser.parse_args()
    url = f"https://raw.githubusercontent.com/uncefact/vocab-codes/{COMMIT}/{PATH}"
    data = read_source(url.replace("&", "%26"), args.source)
    digest = check_sha256(data, SHA256, "Rec 19 source")
    write_datafile(
        "rec19.txt",
        {
            "list": "transport-mode",
            "edition": "Rec 19 (2001)",
            "title": "UN/ECE Recommendation 19, code for modes of transport",
            "source": "UNECE, Recommendation No. 19, second edition, TRADE/CEFACT/2001/19, "
            "Annex 2, as published by UNECE, read from the copy in the "
            "uncefact/vocab-codes repository",
            "source-url": f"https://github.com/uncefact/vocab-codes/blob/{COMMIT}/{PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "UNECE publication; codes and names taken as facts",
            "generator": "scripts/update/rec19.py",
            "note": [
                "one digit, 0 to 9 (paragraph 18 of the 2001 edition); two-digit "
                "subdivisions are national and not in this list",
                "after a tab: the code name of Annex 2 (English; the Russian and French "
                "editions do not translate the code list)",
            ],
        },
        codes(data),
    )


if __name__ == "__main__":
    main()
