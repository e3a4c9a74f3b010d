"""Small Markdown writers for text the library documents about itself.

Rule descriptions (:meth:`single_window.rules.Check.describe`) and the generated
documentation pages are Markdown; these helpers escape plain text and quote values so
that any pack content renders as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["cell", "code_span", "docstring", "first_paragraph", "listing", "prose", "text"]


def text(value: str, *, in_cell: bool = False) -> str:
    """Plain text made safe for Markdown (and, with ``in_cell``, for a table cell)."""
    out = value.replace("\\", "\\\\").replace("`", "\\`")
    for char in "*[]":
        out = out.replace(char, "\\" + char)
    out = out.replace("<", "&lt;")
    if in_cell:
        out = " ".join(out.split()).replace("|", "\\|")
    return out


def cell(markdown: str) -> str:
    """Markdown made fit for one table cell."""
    return " ".join(markdown.split()).replace("|", "\\|")


def prose(value: str) -> str:
    """Free text that may use `code spans`: everything else is escaped."""
    parts = value.split("`")
    if len(parts) % 2 == 0:  # unbalanced backticks: treat it all as plain text
        return text(value)
    return "`".join(part if i % 2 else text(part) for i, part in enumerate(parts))


def code_span(value: str) -> str:
    """An inline code span that holds any text."""
    longest = run = 0
    for char in value:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def listing(values: Sequence[object]) -> str:
    """Values as code spans joined by "or"."""
    return " or ".join(code_span(str(v)) for v in values)


def first_paragraph(doc: str | None) -> str:
    """The first paragraph of a docstring on one line."""
    if not doc:
        return ""
    paragraph = doc.strip().split("\n\n")[0]
    return " ".join(paragraph.split())


_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def docstring(doc: str | None) -> str:
    """The first paragraph of a docstring as Markdown (reST literals become code spans)."""
    return prose(_ROLE.sub(r"`\1`", first_paragraph(doc)).replace("``", "`"))
