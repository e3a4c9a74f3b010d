"""What every update script shares: reading a pinned source and writing a data file.

A data file is plain UTF-8 text, one code a line. It opens with ``# key: value`` header
lines that say what the list is and where it came from (the reader is
``single_window/_refdata/_datafile.py``); a code line may carry ``key=value`` attributes
after the code, separated by spaces, and then a tab and the code's name as the source words
it (:func:`named`).
"""

from __future__ import annotations

import hashlib
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "single_window" / "_refdata" / "data"

#: The order header keys are written in; ``note`` may repeat.
HEADER_KEYS = (
    "list",
    "edition",
    "title",
    "snapshot",
    "valid-from",
    "valid-to",
    "dates-source",
    "source",
    "source-url",
    "source-revision",
    "source-sha256",
    "licence",
    "generator",
    "generated",
    "count",
    "note",
)


def read_source(url: str, local: str | None) -> bytes:
    """The source bytes: from ``local`` when given, else downloaded from ``url``."""
    if local:
        return Path(local).read_bytes()
    print(f"downloading {url}", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=60) as response:
        data: bytes = response.read()
    return data


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def check_sha256(data: bytes, expected: str, what: str) -> str:
    """Stop when the source is not the pinned one; return its digest."""
    digest = sha256(data)
    if digest != expected:
        raise SystemExit(
            f"{what}: sha256 {digest} is not the pinned {expected}; if the source changed on "
            "purpose, update the pin in this script and in tests/test_codelists_data.py"
        )
    return digest


def text(value: str) -> str:
    """A source's text on one line: runs of white space (line breaks, tabs, no-break
    spaces, doubled spaces) become one space."""
    return " ".join(value.split())


def named(head: str, name: str | None) -> str:
    """A code line with the code's name after a tab (the line alone when it has none)."""
    words = text(name or "")
    return f"{head}\t{words}" if words else head


def write_datafile(name: str, header: dict[str, str | list[str]], lines: list[str]) -> Path:
    """Write ``DATA/name`` with its header (``count`` and ``generated`` are filled in)."""
    fields = dict(header)
    fields["count"] = str(len(lines))
    fields["generated"] = datetime.now(UTC).date().isoformat()
    unknown = set(fields) - set(HEADER_KEYS)
    if unknown:
        raise SystemExit(f"unknown header keys: {sorted(unknown)}")
    out = ["# single_window reference data. Do not edit by hand: regenerate with the script"]
    out.append("# named under 'generator' (see scripts/update/README.md).")
    for key in HEADER_KEYS:
        value = fields.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            out.append(f"# {key}: {item}")
    out.extend(lines)
    path = DATA / name
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}: {len(lines)} codes", file=sys.stderr)
    return path
