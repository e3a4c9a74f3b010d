"""A Babel extractor for rule pack files: each rule's message, title and "why".

Registered as the ``babel.extractors`` entry point ``single_window_pack``, so that
``pybabel extract`` reads pack files given a mapping such as::

    [single_window_pack: **/packs/*.toml]

Each text is extracted in the context gettext looks it up in, as the library renders
it: a rule's message in the context of its id (``TR-HS-LENGTH``), its title in
``<id>.title`` and its "why" in ``<id>.why`` (the "why" with its whitespace collapsed,
as it is shown). Babel's default keywords include ``pgettext``, which this extractor
names. The line of each text is that of its key in the file; an automatic comment names
the placeholders a message's translation keeps.

Only :mod:`tomllib` is used: a pack that does not parse gives nothing here (loading it
says why).
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

__all__ = ["PARTS", "extract_pack", "pack_texts", "why_text"]

#: What of a rule is translated, and the context suffix of each (the message's context
#: is the rule id itself).
PARTS = (("message", ""), ("title", ".title"), ("why", ".why"))

_FORMATTER = string.Formatter()


def why_text(why: str) -> str:
    """A rule's "why" as it is shown and translated: its whitespace collapsed."""
    return " ".join(why.split())


def placeholders(text: str) -> list[str]:
    """The placeholder names of a template, in order, each once ([] for bad text)."""
    try:
        names = [n for _, n, _, _ in _FORMATTER.parse(text) if n]
    except ValueError:
        return []
    return list(dict.fromkeys(names))


def _line(lines: list[str], start: int, key: str) -> int:
    """The 1-based line of the first ``key = ...`` at or after line index ``start``."""
    for index in range(start, len(lines)):
        head = lines[index].lstrip()
        if head.startswith(key) and head[len(key) :].lstrip().startswith("="):
            return index + 1
    return start + 1


def pack_texts(text: str) -> Iterator[tuple[int, str, str, list[str]]]:
    """The translatable texts of a pack file: ``(line, context, text, comments)``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    lines = text.splitlines()
    rules = data.get("rules")
    if not isinstance(rules, list):
        return
    start = 0
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
            continue
        rule_id = rule["id"]
        start = _line(lines, start, "id") - 1
        for part, suffix in PARTS:
            value = rule.get(part)
            if not isinstance(value, str) or not value.strip():
                continue
            if part == "why":
                value = why_text(value)
            comments = []
            names = placeholders(value) if part == "message" else []
            if names:
                comments.append("placeholders: " + ", ".join(f"{{{n}}}" for n in names))
            yield _line(lines, start, part), rule_id + suffix, value, comments
        start += 1


def extract_pack(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel's extractor interface: ``(line, "pgettext", (context, text), comments)`` for
    each translatable text of a pack file."""
    encoding = str(options.get("encoding", "utf-8"))
    text = fileobj.read().decode(encoding)
    for line, context, value, comments in pack_texts(text):
        yield line, "pgettext", (context, value), comments
