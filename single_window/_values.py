"""Leaf value types of the declaration model, and their normalization.

Every leaf keeps where it came from (``path``, ``line``) and, when normalization changed
the text, the original lexical form (``raw``) so that writing the model back loses
nothing. Equality ignores the location and the raw form: two values are equal when they
mean the same thing, wherever they were read from.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from dateutil.parser import isoparse
from pydantic import BaseModel, ConfigDict

__all__ = [
    "Amount",
    "Code",
    "CountryCode",
    "DateTime",
    "Measure",
    "Node",
    "Numeric",
    "Text",
    "format_decimal",
    "format_wco_datetime",
    "normalize_code",
    "normalize_text",
    "parse_decimal",
    "parse_wco_datetime",
]

_LOCATION_FIELDS = frozenset({"path", "line", "raw"})


class Node(BaseModel):
    """Base of every model class: located, compared by meaning only."""

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=False,
        validate_assignment=False,
        revalidate_instances="never",
    )

    path: str | None = None
    """1-based XPath of the element this value was read from, if it was read."""
    line: int | None = None
    """Source line of that element, if known."""

    def __eq__(self, other: object) -> bool:
        if type(self) is not type(other):
            return NotImplemented
        mine = {k: v for k, v in self.__dict__.items() if k not in _LOCATION_FIELDS}
        theirs = {k: v for k, v in other.__dict__.items() if k not in _LOCATION_FIELDS}
        return mine == theirs

    __hash__ = None  # type: ignore[assignment]


class Text(Node):
    """Free text or an identifier, with surrounding whitespace trimmed."""

    value: str
    raw: str | None = None
    """Original text when trimming changed it."""

    def __str__(self) -> str:
        return self.value


class Code(Node):
    """A coded value: trimmed and upper-cased (``' ima '`` -> ``'IMA'``)."""

    value: str
    raw: str | None = None

    def __str__(self) -> str:
        return self.value


class CountryCode(Code):
    """An ISO 3166-1 alpha-2 country code (checked against pycountry when read)."""


class Numeric(Node):
    """A number (count, sequence number, quantity) as an exact ``Decimal``."""

    value: Decimal
    raw: str | None = None

    def __int__(self) -> int:
        return int(self.value)


class Amount(Node):
    """A monetary amount with its ISO 4217 currency (``currencyID``)."""

    value: Decimal
    currency: str | None = None
    raw: str | None = None


class Measure(Node):
    """A measure (mass, quantity) with its UN/ECE Rec 20 unit (``unitCode``)."""

    value: Decimal
    unit: str | None = None
    raw: str | None = None


class DateTime(Node):
    """A WCO ``DateTimeString``: a timezone-aware datetime and its format code.

    ``value`` is None when the text is not a real date (e.g. 30 February); the reader then
    reports a ``NORM-DATE`` finding and ``raw`` keeps the text.
    """

    value: datetime | None
    format_code: str | None = None
    raw: str | None = None

    DEFAULT_FORMAT: ClassVar[str] = "304"


# --- normalization functions (pure, idempotent) ---------------------------------------


def normalize_text(text: str) -> str:
    """Trim surrounding whitespace."""
    return text.strip()


def normalize_code(text: str) -> str:
    """Trim and upper-case a code."""
    return text.strip().upper()


def parse_decimal(text: str) -> Decimal:
    """Read an XSD decimal lexical form exactly.

    Raises:
        ValueError: when the text is not a finite decimal number.
    """
    t = text.strip()
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise ValueError(f"{t!r} is not a decimal number") from None
    if not d.is_finite() or "e" in t.lower():
        raise ValueError(f"{t!r} is not a decimal number")
    return d


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
            raise ValueError(f"{t!r} does not match format 102 (CCYYMMDD)")
        return datetime.strptime(t, "%Y%m%d").replace(tzinfo=UTC)
    if format_code == "304":
        m = _DT_304.match(t)
        if not m:
            raise ValueError(f"{t!r} does not match format 304 (CCYYMMDDHHMMSS[Z|+hh])")
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


def value_text(node: Any) -> str:
    """The lexical form to write for a leaf value: ``raw`` when it still reads back to
    the same value, otherwise the canonical form of the value."""
    raw: str | None = getattr(node, "raw", None)
    if isinstance(node, DateTime):
        if raw is not None:
            try:
                if node.value is None or parse_wco_datetime(raw, node.format_code) == node.value:
                    return raw
            except ValueError:
                if node.value is None:
                    return raw
        if node.value is None:
            return ""
        return format_wco_datetime(node.value, node.format_code)
    if isinstance(node, Code):
        if raw is not None and normalize_code(raw) == node.value:
            return raw
        return node.value
    if isinstance(node, Text):
        if raw is not None and normalize_text(raw) == node.value:
            return raw
        return node.value
    if isinstance(node, Numeric | Amount | Measure):
        if raw is not None:
            try:
                if parse_decimal(raw) == node.value:
                    return raw
            except ValueError:
                pass
        return format_decimal(node.value)
    raise TypeError(f"not a leaf value: {type(node).__name__}")
