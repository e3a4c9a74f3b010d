"""Reading the data files shipped in ``single_window/_refdata/data``.

A data file is UTF-8 text. It opens with ``# key: value`` header lines (where the list
comes from; a key may repeat) and then has one code a line, optionally followed by
``key=value`` attributes separated by spaces (``NPR status=deprecated``), and optionally by
a tab and the code's description as the source words it (``GE from=2025-02-01<TAB>Georgia``).
Blank lines and other ``#`` lines are ignored. ``scripts/update/`` writes them.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

from single_window._refdata._types import Source

__all__ = ["Header", "read_codes", "read_descriptions", "read_header", "source_of"]

Header = dict[str, list[str]]


def _text(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def read_header(name: str) -> Header:
    """The header of data file ``name`` (read up to the first code line only)."""
    header: Header = {}
    with resources.files(__package__).joinpath("data", name).open(encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            key, sep, value = line[1:].strip().partition(": ")
            if sep:
                header.setdefault(key, []).append(value)
    return header


def _lines(name: str) -> list[str]:
    return [line for line in _text(name).splitlines() if line and not line.startswith("#")]


def read_codes(name: str) -> dict[str, dict[str, str]]:
    """Every code of data file ``name`` with its attributes (empty for most codes)."""
    codes: dict[str, dict[str, str]] = {}
    empty: dict[str, str] = {}
    for line in _lines(name):
        line = line.partition("\t")[0]
        if " " not in line:
            codes[line] = empty
            continue
        code, *attrs = line.split()
        codes[code] = dict(a.split("=", 1) for a in attrs)
    return codes


def read_descriptions(name: str) -> dict[str, str]:
    """The description of each code of data file ``name`` that has one."""
    found: dict[str, str] = {}
    for line in _lines(name):
        head, tab, text = line.partition("\t")
        if tab:
            found[head.split(" ", 1)[0]] = text
    return found


def first(header: Header, key: str) -> str | None:
    """The first value of ``key`` in a header, or None."""
    values = header.get(key)
    return values[0] if values else None


def day(header: Header, key: str) -> date | None:
    """A ``YYYY-MM-DD`` header value as a date, or None when absent or empty."""
    value = first(header, key)
    return date.fromisoformat(value) if value else None


def source_of(header: Header) -> Source:
    """The :class:`Source` a header names."""
    return Source(
        title=first(header, "source") or "",
        url=first(header, "source-url"),
        revision=first(header, "source-revision"),
        sha256=first(header, "source-sha256"),
        licence=first(header, "licence"),
    )
