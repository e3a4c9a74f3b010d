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
from typing import Any, ClassVar, Union

from dateutil.parser import isoparse
from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

__all__ = [
    "Amount",
    "Code",
    "CountryCode",
    "DateTime",
    "Leaf",
    "Located",
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

_LOCATION_FIELDS = frozenset({"path", "line"})


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


class Leaf:
    """Base of the leaf value types: a value with its source ``path`` and ``line``.

    Leaves are small slotted objects rather than pydantic models, because a declaration
    holds hundreds of them and they are created on the hot path of every read; they
    still validate and serialize inside the pydantic models (``model_validate`` /
    ``model_dump`` / JSON) through ``__get_pydantic_core_schema__``. Construct with
    keywords, e.g. ``Code(value="IMA")``. Equality compares meaning only: the value and
    its qualifiers, not ``path``, ``line`` or ``raw``.
    """

    __slots__ = ("line", "path", "raw")

    #: Fields that carry meaning (compared by ``==``), in order.
    MEANING: ClassVar[tuple[str, ...]] = ("value",)
    path: str | None
    line: int | None
    raw: str | None

    @classmethod
    def _fields(cls) -> tuple[str, ...]:
        return (*cls.MEANING, "path", "line", "raw")

    def as_dict(self) -> dict[str, Any]:
        """All fields as a plain dict (meaning first, then path, line, raw)."""
        return {name: getattr(self, name) for name in self._fields()}

    def __eq__(self, other: object) -> bool:
        if type(self) is not type(other):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.MEANING)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [f"{f}={getattr(self, f)!r}" for f in self.MEANING]
        parts += [
            f"{f}={getattr(self, f)!r}"
            for f in ("path", "line", "raw")
            if getattr(self, f) is not None
        ]
        return f"{type(self).__name__}({', '.join(parts)})"

    def __copy__(self) -> Leaf:
        clone = object.__new__(type(self))
        for name in self._fields():
            object.__setattr__(clone, name, getattr(self, name))
        return clone

    def __deepcopy__(self, memo: dict[int, Any]) -> Leaf:
        return self.__copy__()

    def __getstate__(self) -> dict[str, Any]:
        return self.as_dict()

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.str_schema()

    @classmethod
    def _extra_schemas(cls) -> dict[str, CoreSchema]:
        # The qualifiers after the value (currency, unit, format code) are optional text.
        return {
            name: core_schema.nullable_schema(core_schema.str_schema()) for name in cls.MEANING[1:]
        }

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Leaf:
        return cls(**data)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        optional_str = core_schema.nullable_schema(core_schema.str_schema())
        fields: dict[str, core_schema.TypedDictField] = {
            "value": core_schema.typed_dict_field(cls._value_schema()),
        }
        for name, schema in cls._extra_schemas().items():
            fields[name] = core_schema.typed_dict_field(schema, required=False)
        fields["path"] = core_schema.typed_dict_field(optional_str, required=False)
        fields["line"] = core_schema.typed_dict_field(
            core_schema.nullable_schema(core_schema.int_schema()), required=False
        )
        fields["raw"] = core_schema.typed_dict_field(optional_str, required=False)
        as_dict = core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        from_dict = core_schema.no_info_after_validator_function(cls._from_dict, as_dict)
        return core_schema.json_or_python_schema(
            json_schema=from_dict,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_dict]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda leaf: leaf.as_dict(), return_schema=as_dict
            ),
        )


class Text(Leaf):
    """Free text or an identifier, with surrounding whitespace trimmed."""

    __slots__ = ("value",)
    value: str

    def __init__(
        self, value: str, path: str | None = None, line: int | None = None, raw: str | None = None
    ) -> None:
        self.value = value
        self.path = path
        self.line = line
        self.raw = raw
        """Original text when normalization changed it."""

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Leaf:
        data["value"] = normalize_text(data["value"])
        return cls(**data)

    def __str__(self) -> str:
        return self.value


class Code(Text):
    """A coded value: trimmed and upper-cased (``' ima '`` -> ``'IMA'``)."""

    __slots__ = ()

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Leaf:
        data["value"] = normalize_code(data["value"])
        return cls(**data)


class CountryCode(Code):
    """An ISO 3166-1 alpha-2 country code (checked against pycountry when read)."""

    __slots__ = ()


class _DecimalLeaf(Leaf):
    """A leaf whose value is an exact ``Decimal``."""

    __slots__ = ()

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.decimal_schema(allow_inf_nan=False)


class Numeric(_DecimalLeaf):
    """A number (count, sequence number, quantity) as an exact ``Decimal``."""

    __slots__ = ("value",)
    value: Decimal

    def __init__(
        self,
        value: Decimal,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.value = value
        self.path = path
        self.line = line
        self.raw = raw

    def __int__(self) -> int:
        return int(self.value)


class Amount(_DecimalLeaf):
    """A monetary amount with its ISO 4217 currency (``currencyID``)."""

    __slots__ = ("currency", "value")
    MEANING = ("value", "currency")
    value: Decimal
    currency: str | None

    def __init__(
        self,
        value: Decimal,
        currency: str | None = None,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.value = value
        self.currency = currency
        self.path = path
        self.line = line
        self.raw = raw


class Measure(_DecimalLeaf):
    """A measure (mass, quantity) with its UN/ECE Rec 20 unit (``unitCode``)."""

    __slots__ = ("unit", "value")
    MEANING = ("value", "unit")
    value: Decimal
    unit: str | None

    def __init__(
        self,
        value: Decimal,
        unit: str | None = None,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.value = value
        self.unit = unit
        self.path = path
        self.line = line
        self.raw = raw


class DateTime(Leaf):
    """A WCO ``DateTimeString``: a timezone-aware datetime and its format code.

    ``value`` is None when the text is not a real date (e.g. 30 February); the reader then
    reports a ``NORM-DATE`` finding and ``raw`` keeps the text.
    """

    __slots__ = ("format_code", "value")
    MEANING = ("value", "format_code")
    value: datetime | None
    format_code: str | None

    def __init__(
        self,
        value: datetime | None,
        format_code: str | None = None,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.value = value
        self.format_code = format_code
        self.path = path
        self.line = line
        self.raw = raw

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.nullable_schema(core_schema.datetime_schema())


#: Anything a finding can point at: a model node or a leaf value.
Located = Union["Node", Leaf]


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
