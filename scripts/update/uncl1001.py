"""Regenerate the UNTDID code list 1001 (document name codes): ``uncl1001.txt``.

Source: UN/CEFACT's machine-readable vocabulary output of the UN/EDIFACT directory
D.22A, ``_data/documentcodelist.json`` in the ``uncefact/vocabulary-outputs`` repository
at a pinned commit ("update md pages and data files to 22A version"). The code values are
taken with their names (the ``comment`` of each value, the code name of UNTDID, which is
published in English only).

Run from the repository root::

    python scripts/update/uncl1001.py                # downloads the pinned file
    python scripts/update/uncl1001.py --source PATH  # a local copy of the JSON
"""

from __future__ import annotations

import argparse
import json
import re

from _common import check_sha256, named, read_source, write_datafile

COMMIT = "51768f9c41be13673bc6d555c8c21c79d9e481a0"
PATH = "_data/documentcodelist.json"
SHA256 = "2b7ff59177100601aeb5e3a5265e1c97582fe181376c63b6db787a14b75444bc"


def codes(data: bytes) -> list[str]:
    """Data-file lines: the code values (an..3, in practice 1 to 3 digits), sorted, each
    with its name."""
    entries = json.loads(data)["values"]
    names = {v["value"]: v.get("comment") for v in entries}
    if len(names) != len(entries):
        raise SystemExit("repeated code values")
    bad = [v for v in names if not re.fullmatch(r"[0-9A-Z]{1,3}", v)]
    if bad:
        raise SystemExit(f"unexpected code values {bad[:5]}")
    return [named(v, names[v]) for v in sorted(names, key=lambda v: (len(v), v))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a local copy of the JSON (else it is downloaded)")
    args = parser.parse_args()
    url = f"https://raw.githubusercontent.com/uncefact/vocabulary-outputs/{COMMIT}/{PATH}"
    data = read_source(url, args.source)
    digest = check_sha256(data, SHA256, "UNCL 1001 source")
    write_datafile(
        "uncl1001.txt",
        {
            "list": "document-name",
            "edition": "UNTDID D.22A",
            "title": "UN/EDIFACT code list 1001, document name code",
            "source": "UN/CEFACT, UNTDID directory D.22A, data element 1001, as published in "
            "UN/CEFACT's vocabulary outputs (uncefact/vocabulary-outputs)",
            "source-url": f"https://github.com/uncefact/vocabulary-outputs/blob/{COMMIT}/{PATH}",
            "source-revision": COMMIT,
            "source-sha256": digest,
            "licence": "UN/CEFACT publication (the repository carries no licence file); "
            "codes and names taken as facts",
            "generator": "scripts/update/uncl1001.py",
            "note": [
                "EU and UK declarations prefix a category letter: N853 is category N "
                "(a UNCL 1001 code) + 853; N002 is UNCL 1001 code 2, padded to three digits",
                "other category letters (C, X, Y, ...) name Union or national lists, not UNCL 1001",
                "after a tab: the document name (UNTDID code name, English)",
            ],
        },
        codes(data),
    )


if __name__ == "__main__":
    main()
