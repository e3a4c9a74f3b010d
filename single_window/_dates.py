"""Leaf values in the XSD lexical forms of dates and date-times, for the formats that use
them (NCTS), and those forms read and written.

A format whose schema types dates as ``xs:date`` and ``xs:dateTime`` (``2025-03-10``,
``2025-03-01T10:00:00``) holds them in these leaves instead of a WCO ``DateTimeString``
with a format code. :class:`XsdDateTime` is a :class:`~single_window._values.DateTime`
without a format code (which the WCO reader, too, reads as ISO 8601), so it fits
wherever the canonical model holds a date-time; :class:`XsdDate` is a calendar date,
which the WCO layout has no value for. The model layout (:mod:`single_window._spec`)
knows both, so that a format's generated walkers and its writer can read and write them.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, ClassVar

from pydantic_core import CoreSchema, core_schema

from single_window._values import DateTime, Kind, Leaf

__all__ = [
    "XsdDate",
    "XsdDateTime",
    "date_text",
    "datetime_text",
    "parse_xsd_date",
    "parse_xsd_datetime",
]

_ZONE = r"(Z|[+-]\d{2}:\d{2})?"
_DATETIME = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?" + _ZONE)
_DATE = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})" + _ZONE)
#: The whitespace XSD collapses around a date (Unicode spaces are not XML's).
_XML_SPACE = " \t\r\n"


def _zone(text: str | None) -> timezone:
    if text is None or text == "Z":
        return UTC
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 14 or minutes > 59 or (hours == 14 and minutes):
        raise ValueError(f"time zone {text!r} is out of range")
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_xsd_datetime(text: str) -> datetime:
    """Read an ``xs:dateTime`` lexical form into a timezone-aware datetime.

    A date-time without a zone is read as UTC, as the WCO reader reads one; ``24:00:00``
    is midnight at the end of the day, as XSD defines it; fractions of a second beyond
    microseconds are cut.

    Raises:
        ValueError: when the text is not an ``xs:dateTime`` or names an impossible time.
    """
    m = _DATETIME.fullmatch(text.strip(_XML_SPACE))
    if m is None:
        raise ValueError("it is not an XSD date-time (YYYY-MM-DDThh:mm:ss)")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    fraction = int((m.group(7) or "").ljust(6, "0")[:6])
    zone = _zone(m.group(8))
    if hour == 24 and minute == second == fraction == 0:
        return datetime(year, month, day, tzinfo=zone) + timedelta(days=1)
    return datetime(year, month, day, hour, minute, second, fraction, tzinfo=zone)


def parse_xsd_date(text: str) -> date:
    """Read an ``xs:date`` lexical form (a zone, if any, does not change the day).

    Raises:
        ValueError: when the text is not an ``xs:date`` or names an impossible day.
    """
    m = _DATE.fullmatch(text.strip(_XML_SPACE))
    if m is None:
        raise ValueError("it is not an XSD date (YYYY-MM-DD)")
    if m.group(4) is not None:
        _zone(m.group(4))
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def datetime_text(value: datetime) -> str:
    """Write a datetime in the ``xs:dateTime`` form NCTS uses: no zone for UTC (NCTS
    date-times carry none), an offset otherwise; microseconds only when there are any."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset:
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        hours, rest = divmod(abs(minutes), 60)
        text += f"{sign}{hours:02d}:{rest:02d}"
    return text


def date_text(value: date) -> str:
    """Write a date in the ``xs:date`` form."""
    return value.isoformat()


class XsdDateTime(DateTime):
    """A date-time (``xs:dateTime``, e.g. ``2025-03-01T10:00:00``).

    A WCO :class:`~single_window._values.DateTime` without a format code: ``value`` is
    the timezone-aware datetime (UTC when the text names no zone), ``format_code`` stays
    None. ``value`` is None when the text is not a real date-time; the reader then
    reports ``NORM-DATE`` and ``raw`` keeps the text.
    """

    __slots__ = ()


class XsdDate(Leaf):
    """A date (``xs:date``, e.g. ``2025-03-10``).

    ``value`` is None when the text is not a real date; the reader then reports
    ``NORM-DATE`` and ``raw`` keeps the text.
    """

    __slots__ = ("value",)
    KIND: ClassVar[Kind] = "date"
    value: date | None

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.nullable_schema(core_schema.date_schema())

    @classmethod
    def _normalize(cls, value: Any) -> Any:
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        raise TypeError(f"a {cls.__name__} holds a date or None, not {type(value).__name__}")

    HOLDS: ClassVar[str] = "a date or None"

    @classmethod
    def holds(cls, value: object) -> bool:
        return value is None or (isinstance(value, date) and not isinstance(value, datetime))
