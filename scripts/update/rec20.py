"""Regenerate the UN/ECE Recommendation 20 unit-of-measure list: ``rec20.txt``.

Source: UNECE, Recommendation No. 20 "Codes for Units of Measure Used in International
Trade", Revision 17 (2021), the spreadsheet UNECE publishes (``rec20_Rev17e-2021.xlsx``),
read from the copy kept in the ``uncefact/vocab-codes`` repository at a pinned commit.
The codes, their status and their names (column "Name", in English: Rec 20 is published
in English only) are taken from the sheet "Annex II & Annex III": status ``D`` is
deprecated (still a valid code, to be phased out), ``X`` is marked as deleted; other status
marks (``¦`` changed, ``+`` added) leave the code current.

Run from the repository root::

    python scripts/update/rec20.py                   # downloads the pinned file
    python scripts/update/rec20.py --source PATH     # a local copy of the .xlsx

Standard library only (an .xlsx file is zipped XML).
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from xml.etree import ElementTree

from _common import check_sha256, named, read_source, write_datafile

COMMIT = "afbf662ba3fd24bc3215aceae33a80dfcbe5cc0a"
PATH = "CLR/Rec20/editions&revisions/rec20_Rev17e-2021.xlsx"
SHA256 = "994a85c3682e67604d42dbda3b35d672338a45b400f5397a96a4c5467ee8056d"
SHEET = "Annex II & Annex III"

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
STATUS = {"D": "deprecated", "X": "deleted"}


def _column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    assert letters is not None
    n = 0
    for ch in letters.group():
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheet_rows(data: bytes, name: str) -> list[list[str]]:
    """The cell texts of one worksheet, row by row."""
    book = zipfile.ZipFile(io.BytesIO(data))
    strings = [
        "".join(si.itertext())
        for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", _NS)
    ]
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        if sheet.get("name") != name:
            continue
        target = targets[sheet.get(f"{{{_NS['r']}}}id")].lstrip("/")
        target = target if target.startswith("xl/") else f"xl/{target}"
        rows = []
        for row in ElementTree.fromstring(book.read(target)).iter(f"{{{_NS['m']}}}row"):
            cells: dict[int, str] = {}
            for cell in row.findall("m:c", _NS):
                value = cell.find("m:v", _NS)
                if cell.get("t") == "s" and value is not None and value.text is not None:
                    cells[_column(cell.get("r", "A"))] = strings[int(value.text)]
                elif cell.get("t") == "inlineStr":
                    cells[_column(cell.get("r", "A"))] = "".join(cell.itertext())
                elif value is not None and value.text is not None:
                    cells[_column(cell.get("r", "A"))] = value.text
            rows.append([cells.get(i, "") for i in range(max(cells, default=-1) + 1)])
        return rows
    raise SystemExit(f"no sheet {name!r} in the workbook")


def codes(data: bytes) -> list[str]:
    """Data-file lines: each code, with ``status=`` when deprecated or deleted, and its name."""
    rows = sheet_rows(data, SHEET)
    head = [h.replace("\n", " ").strip() for h in rows[0]]
    if head[:3] != ["Status", "Common Code", "Name"]:
        raise SystemExit(f"unexpected columns {head[:3]}")
    lines: dict[str, str] = {}
    for row in rows[1:]:
        if len(row) < 2 or not row[1].strip():
            continue
        code = row[1].strip()
        if code in lines or not re.fullmatch(r"[0-9A-Z]{2,3}", code):
            raise SystemExit(f"bad or repeated code {code!r}")
        status = STATUS.get(row[0].strip())
        line = f"{code} status={status}" if status else code
        lines[code] = named(line, row[2] if len(row) > 2 else None)
    return [lines[c] for c in sorted(lines)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a local copy of the .xlsx (else it is downloaded)")
    args = parser.parse_args()
    url = f"https://raw.githubusercontent.com/uncefact/vocab-codes/{COMMIT}/{PATH}"
    data = read_source(url.replace("&", "%26"), args.source)
    digest = check_sha256(data, SHA256, "Rec 20 source")
    lines = codes(data)
    write_datafile(
        "rec20.txt",
        {
            "list": "unit",
            "edition": "Rec 20 Rev 17 (2021)",
            "title": "UN/ECE Recommendation 20, codes for units of measure used in "
            "international trade",
            "source": "UNECE, Recommendation No. 20, Revision 17 (2021), Annexes II and III, "
            "the spreadsheet rec20_Rev17e-2021.xlsx as published by UNECE "
            "(https://unece.org/trade/uncefact/cl-recommendations), read from the copy in "
            "the uncefact/vocab-codes repository",
            "source-url": f"https://github.com/uncefact/vocab-codes/blob/{COMMIT}/{PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "UNECE publication; codes and names taken as facts (the repository's "
            "GPL-3.0 covers its own work; nothing of it is copied)",
            "generator": "scripts/update/rec20.py",
            "note": [
                "status=deprecated: Rec 20 status D, still a valid code",
                "status=deleted: Rec 20 status X, no longer a valid code",
                "after a tab: the unit's name (Rec 20 column Name, English)",
                "Rec 20 note 2: a Rec 21 package type prefixed with X is also a unit code "
                "(the reader adds those from rec21.txt)",
            ],
        },
        lines,
    )


if __name__ == "__main__":
    main()
