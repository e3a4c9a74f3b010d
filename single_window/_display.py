"""Safe display of names and text: what every report writer and the terminal show.

A file name can hold anything the file system allows: bytes that are not UTF-8 (which
:func:`os.fsdecode` turns into lone surrogates), control characters (ESC, BEL, a
newline), bidirectional-text controls that reorder what a terminal or browser shows, and
Unicode noncharacters. Written as they are, such names break JSON and XML writers (a
lone surrogate cannot be encoded, XML cannot carry most control characters), let a name
drive a terminal (escape sequences) and let a newline in a name forge a line of output.

:func:`display_name` is the one place that makes a name safe. It replaces every such
character by an escape that reads like Python's own:

==============================================  ================================
what                                            shown as
==============================================  ================================
a byte that is not UTF-8 (``b"b\\xff.xml"``)     ``\\xff`` (the byte itself)
a C0 or C1 control character, DEL               ``\\x1b``, ``\\x0a``, ``\\x9b``
a bidi control (U+061C, U+200E/F, U+202A-E,     ``\\u202e``
U+2066-9), a line or paragraph separator
another lone surrogate, a noncharacter          ``\\ufffe``, ``\\U0010ffff``
(U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF)
==============================================  ================================

Everything else, letters of any script included, is kept. The backslash itself is not
escaped (Windows paths stay readable), so the form is reversible-looking rather than
strictly reversible, and applying the function twice changes nothing. Reports carry
the escaped name in ``source``; every writer applies the function again, so a report
built by hand is written safely too. :func:`display_text` does the same for message
text but keeps tab and newline, for formats that carry several lines.

The same characters come from declaration values (a bidi override or a C1 control in a
reference number), from rule packs (a title or message template) and from hand-built
reports, and they are neutralized the same way wherever a person reads the output:

- **Text shown as it is written** (the ``text`` format, HTML, JUnit, the WCO response,
  SARIF's messages, rule descriptions and values, the ``rules`` table, standard error and
  the terminal): visible escapes, :func:`display_text` or :func:`display_name` (one
  line). Nothing is lost: ``\u202e`` still says which character was there.
- **JSON data** (``json``, ``jsonl``, ``rules --format json``): :func:`json_text` writes
  each of these characters as a JSON escape (``"\u202e"``), so the file holds none of
  them, yet a JSON reader gets every value back exactly as :func:`single_window.check`
  returned it; showing a value to a person is then the reader's business, as for any
  data. Only a lone surrogate (a file-name byte that is not UTF-8, which strict JSON
  readers refuse) is shown as :func:`display_text` shows it.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["display_name", "display_text", "json_text"]

_UNSAFE_RANGES = (
    "\x00-\x1f\x7f-\x9f"  # C0 controls, DEL, C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi controls
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates (undecodable bytes from os.fsdecode)
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters of the BMP
)
_ASTRAL_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_UNSAFE = re.compile(f"[{_UNSAFE_RANGES}{_ASTRAL_NONCHARACTERS}]")
_UNSAFE_TEXT = re.compile(f"(?![\t\n])[{_UNSAFE_RANGES}{_ASTRAL_NONCHARACTERS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def display_name(name: str) -> str:
    """A name (a file path, usually) with every unsafe character escaped.

    Example:
        >>> import os
        >>> display_name(os.fsdecode(b"b\\xff.xml"))
        'b\\\\xff.xml'
        >>> display_name("evil\\x1b]0;title\\x07.xml")
        'evil\\\\x1b]0;title\\\\x07.xml'
        >>> display_name("invoice-\\u202ecod.xml")
        'invoice-\\\\u202ecod.xml'
    """
    return _UNSAFE.sub(_escape, name)


def display_text(text: str) -> str:
    """Message text with every unsafe character escaped except tab and newline."""
    return _UNSAFE_TEXT.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes astral characters
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _encodable(value: Any) -> Any:
    """``value`` with every string that UTF-8 cannot carry shown as :func:`display_text`."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return display_text(value)
        return value
    if isinstance(value, dict):
        return {k: _encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encodable(v) for v in value]
    return value


def json_text(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON text in which no unsafe character appears raw.

    Every character :func:`display_name` would escape is written as a JSON escape
    instead, so the values read back exactly; a lone surrogate, which no UTF-8 file can
    hold and strict readers refuse as an escape, is shown as :func:`display_text` shows it.

    Example:
        >>> json_text({"id": "TR-\\u202e0001"})
        '{"id": "TR-\\\\u202e0001"}'
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(_encodable(data), ensure_ascii=False, indent=indent)
    # json.dumps escapes every C0 control inside strings, so a raw newline is layout
    return _UNSAFE_TEXT.sub(_json_escape, text)
