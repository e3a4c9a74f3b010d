"""Lexical forms of the model's leaf values: reading and writing text, codes, decimals and
WCO date-times, and telling which text XML cannot carry.

Pure functions, with no knowledge of the model: :mod:`single_window._values` builds the
leaves on them, the readers and writers call them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from dateutil.parser import isoparse

__all__ = [
    "format_decimal",
    "format_wco_datetime",
    "normalize_code",
    "normalize_text",
    "parse_decimal",
    "parse_wco_datetime",
    "to_decimal",
    "xml_unsafe",
]


def to_decimal(value: object) -> Decimal:
    """A number as the model holds it: an exact, finite ``Decimal``.

    A ``Decimal`` is kept, an ``int`` made exact, a ``float`` read by its shortest
    representation (``0.1`` is ``Decimal("0.1")``), a ``str`` read as an XSD decimal
    (``" 12.50 "``, not ``"1e3"`` or ``"1,5"``).

    Raises:
        TypeError: for a bool, None or any other type.
        ValueError: for a string that is not a decimal number, or a number that is not
            finite (NaN, infinity).
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        number = parse_decimal(value)
    else:
        raise TypeError(
            "a number is a Decimal, an int, a float or a decimal string such as '12.50', "
            f"not {type(value).__name__}"
        )
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def normalize_text(text: str) -> str:
    """Trim surrounding whitespace."""
    return text.strip()


def normalize_code(text: str) -> str:
    """Trim and upper-case a code."""
    return text.strip().upper()


#: The XSD decimal lexical form: ASCII digits, an optional sign and an optional point.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
#: XML whitespace, which XSD collapses around a decimal (Unicode spaces are not XML's).
_XML_SPACE = " \t\r\n"


def parse_decimal(text: str) -> Decimal:
    """Read an XSD decimal lexical form exactly.

    Only ASCII digits, an optional leading sign and an optional decimal point are read
    (``-12.50``, ``.5``); exponents, digit separators (``18_400``) and digits of other
    scripts (Arabic-Indic, full-width) are refused even though Python's ``Decimal``
    reads them.

    Raises:
        ValueError: when the text is not an XSD decimal.
    """
    t = text.strip(_XML_SPACE)
    if _DECIMAL.fullmatch(t) is None:
        raise ValueError(f"{t!r} is not a decimal number")
    return Decimal(t)


def format_decimal(value: Decimal) -> str:
    """Write a Decimal in XSD decimal lexical form (no exponent)."""
    return format(value, "f")


_DT_304 = re.compile(r"^(\d{14})(Z|[+-]\d{2}(?::?\d{2})?)?$")
_DT_102 = re.compile(r"^(\d{8})$")


def _offset(zone: str | None) -> timezone:
    if zone is None or zone == "Z":
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 14 or minutes > 59:
        raise ValueError(f"offset {zone!r} is out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_wco_datetime(text: str, format_code: str | None) -> datetime:
    """Read a WCO ``DateTimeString`` into a timezone-aware datetime.

    Format codes (UN/EDIFACT 2379): ``102`` is ``CCYYMMDD`` (read as midnight UTC);
    ``304`` is ``CCYYMMDDHHMMSS`` followed by ``Z`` or an offset ``+hh``/``+hhmm``
    (no zone means UTC). Without a format code, an ISO 8601 date-time is accepted.

    Raises:
        ValueError: when the text does not fit the format or names an impossible date.
    """
    t = text.strip()
    if format_code == "102":
        if not _DT_102.match(t):
            raise ValueError("it does not match format 102 (CCYYMMDD)")
        return datetime.strptime(t, "%Y%m%d").replace(tzinfo=UTC)
    if format_code == "304":
        m = _DT_304.match(t)
        if not m:
            raise ValueError("it does not match format 304 (CCYYMMDDHHMMSS[Z|+hh])")
        return datetime.strptime(m.group(1), "%Y%m%d%H%M%S").replace(tzinfo=_offset(m.group(2)))
    if format_code is None:
        value = isoparse(t)
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    raise ValueError(f"formatCode {format_code!r} is not supported (102 or 304)")


def format_wco_datetime(value: datetime, format_code: str | None) -> str:
    """Write a datetime as a WCO ``DateTimeString`` in the given format."""
    if format_code == "102":
        return value.strftime("%Y%m%d")
    if format_code is None:
        return value.isoformat()
    offset = value.utcoffset() or timedelta(0)
    base = value.strftime("%Y%m%d%H%M%S")
    if offset == timedelta(0):
        return base + "Z"
    total = int(offset.total_seconds() // 60)
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    return f"{base}{sign}{hours:02d}" + (f"{minutes:02d}" if minutes else "")


_XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_unsafe(text: str) -> bool:
    """True when a string holds a character XML 1.0 cannot carry (NUL, most control
    characters, unpaired surrogates, U+FFFE/U+FFFF)."""
    return _XML_UNSAFE.search(text) is not None
