"""Regenerate the UN/ECE Recommendation 21 package-type list: ``rec21.txt``.

Source: UNECE, Recommendation No. 21 "Codes for Passengers, Types of Cargo, Packages and
Packaging Materials", Revision 12 (2021), Annexes V and VI, the spreadsheet UNECE publishes
(``rec21_Rev12e_Annex-V-VI_2021.xls``), read from the copy kept in the
``uncefact/vocab-codes`` repository at a pinned commit. The codes, their status and their
names (column "Name", in English: the annexes are published in English only) are taken:
status ``X`` is marked as deleted.

Run from the repository root (needs ``xlrd`` to read the .xls format:
``pip install xlrd``)::

    python scripts/update/rec21.py                   # downloads the pinned file
    python scripts/update/rec21.py --source PATH     # a local copy of the .xls
"""

from __future__ import annotations

import argparse
import re

from _common import check_sha256, named, read_source, write_datafile

COMMIT = "afbf662ba3fd24bc3215aceae33a80dfcbe5cc0a"
PATH = "CLR/Rec21/editions&revisions/rec21_Rev12e_Annex-V-VI_2021.xls"
SHA256 = "ea44b5c5b6c8bf2ed8499fe1c3805a180804067e19e2fbf7bb60d1e05a943ea4"
STATUS = {"X": "deleted"}


def _text(value: object) -> str:
    # xlrd reads the numeric codes (43, 44) as floats.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def codes(data: bytes) -> list[str]:
    """Data-file lines: each code, with ``status=deleted`` when marked so, and its name."""
    import xlrd  # a tool dependency of this script only

    sheet = xlrd.open_workbook(file_contents=data).sheet_by_index(0)
    head = [_text(v) for v in sheet.row_values(2)]
    if head[:3] != ["Status", "Code", "Name"]:
        raise SystemExit(f"unexpected columns {head[:3]}")
    lines: dict[str, str] = {}
    for i in range(3, sheet.nrows):
        row = sheet.row_values(i)
        code = _text(row[1])
        if not code:
            continue
        if code in lines or not re.fullmatch(r"[0-9A-Z]{2}", code):
            raise SystemExit(f"bad or repeated code {code!r}")
        status = STATUS.get(_text(row[0]))
        line = f"{code} status={status}" if status else code
        lines[code] = named(line, _text(row[2]))
    return [lines[c] for c in sorted(lines)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a local copy of the .xls (else it is downloaded)")
    args = parser.parse_args()
    url = f"https://raw.githubusercontent.com/uncefact/vocab-codes/{COMMIT}/{PATH}"
    data = read_source(url.replace("&", "%26"), args.source)
    digest = check_sha256(data, SHA256, "Rec 21 source")
    write_datafile(
        "rec21.txt",
        {
            "list": "package-type",
            "edition": "Rec 21 Rev 12 (2021)",
            "title": "UN/ECE Recommendation 21, codes for types of cargo, packages and "
            "packaging materials (package type names, Annexes V and VI)",
            "source": "UNECE, Recommendation No. 21, Revision 12 (2021), Annexes V and VI, "
            "the spreadsheet rec21_Rev12e_Annex-V-VI_2021.xls as published by UNECE "
            "(https://unece.org/trade/uncefact/cl-recommendations), read from the copy in "
            "the uncefact/vocab-codes repository",
            "source-url": f"https://github.com/uncefact/vocab-codes/blob/{COMMIT}/{PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "UNECE publication; codes and names taken as facts (the repository's "
            "GPL-3.0 covers its own work; nothing of it is copied)",
            "generator": "scripts/update/rec21.py",
            "note": [
                "status=deleted: Rec 21 status X, no longer a valid code",
                "after a tab: the package type's name (Rec 21 column Name, English)",
            ],
        },
        codes(data),
    )


if __name__ == "__main__":
    main()
