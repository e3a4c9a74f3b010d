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
"""

from __future__ import annotations

import re

__all__ = ["display_name", "display_text"]

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
