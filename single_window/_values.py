"""Leaf value types of the declaration model, and their normalization.

Every leaf keeps where it came from (``path``, ``line``) and, when normalization changed
the text, the original lexical form (``raw``) so that writing the model back loses
nothing. Equality ignores the location and the raw form: two values are equal when they
mean the same thing, wherever they were read from.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Union

import pycountry
from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from single_window._lexical import (
    format_decimal,
    format_wco_datetime,
    normalize_code,
    normalize_text,
    parse_decimal,
    parse_wco_datetime,
    to_decimal,
)

__all__ = [
    "CODE_ATTRIBUTES",
    "IDENTIFIER_ATTRIBUTES",
    "ISO_COUNTRIES",
    "ISO_CURRENCIES",
    "Amount",
    "Code",
    "CountryCode",
    "DateTime",
    "Identifier",
    "Kind",
    "Leaf",
    "Located",
    "Measure",
    "Node",
    "Numeric",
    "Quantity",
    "Text",
    "attribute_text",
    "placed_leaf",
    "value_text",
]

#: ISO 3166-1 alpha-2 country codes (pycountry).
ISO_COUNTRIES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries)
#: ISO 4217 alphabetic currency codes (pycountry).
ISO_CURRENCIES: frozenset[str] = frozenset(c.alpha_3 for c in pycountry.currencies)

_LOCATION_FIELDS = frozenset({"path", "line"})

#: What a model field holds: the kind of its leaf (each leaf class names its own in
#: :attr:`Leaf.KIND`), or ``"node"`` for a model class.
Kind = Literal[
    "text",
    "identifier",
    "code",
    "country",
    "numeric",
    "amount",
    "measure",
    "quantity",
    "datetime",
    "date",
    "node",
]


class Node(BaseModel):
    """Base of every model class: located, compared by meaning only.

    A value assigned to a field is checked (``validate_assignment``): a field holds its
    leaf type (or takes it as a dict of the leaf's fields), a node field its node class,
    and anything else is a ``ValidationError`` that names the field. The readers fill
    ``__dict__`` directly, so reading pays nothing for it.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=False,
        validate_assignment=True,
        revalidate_instances="never",
        # Building every model's validator takes most of a command's start-up; it is
        # built when a model first validates (reading builds without validating).
        defer_build=True,
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
    its attributes, not ``path``, ``line`` or ``raw``.

    Each class names the XML attributes its WCO data type allows in :attr:`ATTRIBUTES`
    (field name -> attribute name); every one has a typed field, None when the document
    did not give it. A field that was never set reads as None, so a value pays only for
    the attributes it has.
    """

    __slots__ = ("line", "path", "raw", "raw_attributes")

    #: Fields that carry meaning (compared by ``==``), in order: the value first.
    MEANING: ClassVar[tuple[str, ...]] = ("value",)
    #: The XML attributes of the data type: field name -> attribute name, in schema order.
    ATTRIBUTES: ClassVar[dict[str, str]] = {}
    #: What the layout tables call a field of this class (set by each concrete class).
    KIND: ClassVar[Kind]
    path: str | None
    line: int | None
    raw: str | None
    raw_attributes: dict[str, str] | None
    """Original attribute values that normalization changed (``unitCode="kgm"``)."""

    _UNSET_IS_NONE: ClassVar[frozenset[str]] = frozenset({"line", "path", "raw", "raw_attributes"})

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.MEANING = ("value", *cls.ATTRIBUTES)
        cls._UNSET_IS_NONE = frozenset({"line", "path", "raw", "raw_attributes", *cls.ATTRIBUTES})

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> None:
            # Only reached for a slot that was never set: attributes a document did not
            # give are not stored at all.
            if name in type(self)._UNSET_IS_NONE:
                return
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __init__(
        self, value: Any, path: str | None = None, line: int | None = None, raw: str | None = None
    ) -> None:
        """A value without attributes (each class with attributes takes them too)."""
        object.__setattr__(self, "value", type(self)._normalize(value))
        self._place(path, line, raw)

    def _place(self, path: str | None, line: int | None, raw: str | None) -> None:
        """Set where the value stands in the document and the text it was read from."""
        self.path = path
        self.line = line
        self.raw = raw

    def _set(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if value is not None:
                object.__setattr__(self, name, value)

    @classmethod
    def _fields(cls) -> tuple[str, ...]:
        return (*cls.MEANING, "path", "line", "raw", "raw_attributes")

    def as_dict(self) -> dict[str, Any]:
        """The value, its attributes and location as a plain dict (attributes the
        document did not give are left out)."""
        out = {"value": self.value}  # type: ignore[attr-defined]
        for name in self.MEANING[1:]:
            found = getattr(self, name)
            if found is not None:
                out[name] = found
        out["path"] = self.path
        out["line"] = self.line
        out["raw"] = self.raw
        if self.raw_attributes is not None:
            out["raw_attributes"] = self.raw_attributes
        return out

    def __eq__(self, other: object) -> bool:
        if type(self) is not type(other):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self.MEANING)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [f"value={self.value!r}"]  # type: ignore[attr-defined]
        parts += [
            f"{f}={getattr(self, f)!r}"
            for f in (*self.MEANING[1:], "path", "line", "raw")
            if getattr(self, f) is not None
        ]
        return f"{type(self).__name__}({', '.join(parts)})"

    def __copy__(self) -> Leaf:
        clone = object.__new__(type(self))
        for name in self._fields():
            found = getattr(self, name)
            if found is not None or name in ("value", "path", "line", "raw"):
                object.__setattr__(clone, name, found)
        places = getattr(self, "places", None)
        if places:
            object.__setattr__(clone, "places", dict(places))
        return clone

    def __deepcopy__(self, memo: dict[int, Any]) -> Leaf:
        clone = self.__copy__()
        if self.raw_attributes is not None:
            clone.raw_attributes = dict(self.raw_attributes)
        return clone

    def __getstate__(self) -> dict[str, Any]:
        return self.as_dict()

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.str_schema()

    @classmethod
    def _normalize(cls, value: Any) -> Any:
        """The value as a reader would have made it (for a leaf made in Python); a TypeError
        for a value of a type the leaf does not hold, a ValueError for one it cannot."""
        return value

    #: What the leaf's value is, in words (for an error naming a value of another type).
    HOLDS: ClassVar[str] = "a value"

    @classmethod
    def holds(cls, value: object) -> bool:
        """Whether ``value`` is of the type this leaf holds (what a writer can write)."""
        return True

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Leaf:
        leaf: Leaf = placed_leaf(cls, data.get("path"), data.get("line"), data.get("raw"))
        leaf.value = cls._normalize(data["value"])  # type: ignore[attr-defined]
        for name in cls.MEANING[1:]:
            found = data.get(name)
            if found is not None:
                object.__setattr__(leaf, name, found)
        if data.get("raw_attributes") is not None:
            leaf.raw_attributes = dict(data["raw_attributes"])
        return leaf

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        optional_str = core_schema.nullable_schema(core_schema.str_schema())
        fields: dict[str, core_schema.TypedDictField] = {
            "value": core_schema.typed_dict_field(cls._value_schema()),
        }
        for name in cls.MEANING[1:]:
            fields[name] = core_schema.typed_dict_field(optional_str, required=False)
        fields["path"] = core_schema.typed_dict_field(optional_str, required=False)
        fields["line"] = core_schema.typed_dict_field(
            core_schema.nullable_schema(core_schema.int_schema()), required=False
        )
        fields["raw"] = core_schema.typed_dict_field(optional_str, required=False)
        fields["raw_attributes"] = core_schema.typed_dict_field(
            core_schema.nullable_schema(
                core_schema.dict_schema(core_schema.str_schema(), core_schema.str_schema())
            ),
            required=False,
        )
        as_dict = core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        from_dict = core_schema.no_info_after_validator_function(cls._from_dict, as_dict)
        name = cls.__name__
        return core_schema.json_or_python_schema(
            json_schema=from_dict,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_dict],
                custom_error_type="leaf_type",
                custom_error_message=(
                    f"Input should be a {name} ({name}(value=...)) or a dict of its fields "
                    "({'value': ...})"
                ),
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda leaf: leaf.as_dict(), return_schema=as_dict
            ),
        )


#: The attributes of the UN/CEFACT code type (code list and its agency).
CODE_ATTRIBUTES = {
    "list_id": "listID",
    "list_agency_id": "listAgencyID",
    "list_agency_name": "listAgencyName",
    "list_name": "listName",
    "list_version_id": "listVersionID",
    "name": "name",
    "language_id": "languageID",
    "list_uri": "listURI",
    "list_scheme_uri": "listSchemeURI",
}
#: The attributes of the UN/CEFACT identifier type (identification scheme and its agency).
IDENTIFIER_ATTRIBUTES = {
    "scheme_id": "schemeID",
    "scheme_name": "schemeName",
    "scheme_agency_id": "schemeAgencyID",
    "scheme_agency_name": "schemeAgencyName",
    "scheme_version_id": "schemeVersionID",
    "scheme_data_uri": "schemeDataURI",
    "scheme_uri": "schemeURI",
}


class _StrLeaf(Leaf):
    """A leaf whose value is a str: trimmed text (subclasses normalize it further)."""

    __slots__ = ()
    value: str

    def __init__(
        self,
        value: str,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
        **attributes: str | None,
    ) -> None:
        """A value with the attributes its class names in :attr:`ATTRIBUTES`, by keyword
        (``Code(value="N935", list_agency_id="6")``); an attribute given None is not set.

        Raises:
            TypeError: for a keyword that is not one of the class's attributes.
        """
        for name in attributes:
            if name not in self.ATTRIBUTES:
                raise TypeError(
                    f"{type(self).__name__}.__init__() got an unexpected keyword argument {name!r}"
                )
        super().__init__(value, path, line, raw)
        self._set(attributes)

    @classmethod
    def _normalize(cls, value: Any) -> Any:
        return normalize_text(_text(cls, value))

    HOLDS: ClassVar[str] = "a str"

    @classmethod
    def holds(cls, value: object) -> bool:
        return isinstance(value, str)

    def __str__(self) -> str:
        return self.value


class Text(_StrLeaf):
    """Free text (UN/CEFACT TextType), with surrounding whitespace trimmed."""

    __slots__ = ("language_id", "value")
    KIND: ClassVar[Kind] = "text"
    ATTRIBUTES: ClassVar[dict[str, str]] = {"language_id": "languageID"}
    value: str
    language_id: str | None


class Identifier(_StrLeaf):
    """An identifier or reference number (UN/CEFACT IDType), whitespace trimmed."""

    __slots__ = ("value", *IDENTIFIER_ATTRIBUTES)
    KIND: ClassVar[Kind] = "identifier"
    ATTRIBUTES: ClassVar[dict[str, str]] = IDENTIFIER_ATTRIBUTES
    value: str
    scheme_id: str | None
    scheme_name: str | None
    scheme_agency_id: str | None
    scheme_agency_name: str | None
    scheme_version_id: str | None
    scheme_data_uri: str | None
    scheme_uri: str | None


class Code(_StrLeaf):
    """A coded value (UN/CEFACT CodeType): trimmed and upper-cased (``' ima '`` -> ``'IMA'``)."""

    __slots__ = ("value", *CODE_ATTRIBUTES)
    KIND: ClassVar[Kind] = "code"
    ATTRIBUTES: ClassVar[dict[str, str]] = CODE_ATTRIBUTES
    value: str
    list_id: str | None
    list_agency_id: str | None
    list_agency_name: str | None
    list_name: str | None
    list_version_id: str | None
    name: str | None
    language_id: str | None
    list_uri: str | None
    list_scheme_uri: str | None

    @classmethod
    def _normalize(cls, value: Any) -> Any:
        return normalize_code(_text(cls, value))


class CountryCode(Code):
    """An ISO 3166-1 alpha-2 country code (checked against pycountry when read)."""

    __slots__ = ()
    KIND: ClassVar[Kind] = "country"


class _DecimalLeaf(Leaf):
    """A leaf whose value is an exact, finite ``Decimal``.

    Whatever number it is given (an ``int``, a ``float``, a decimal string such as
    ``"12.50"``), made or assigned, it holds as a ``Decimal`` (:func:`to_decimal`): never a
    float. ``value`` is a property over the slot ``_value`` whose getter runs in C, so
    reading a value costs (almost) what a plain slot does.
    """

    __slots__ = ("_value",)
    if TYPE_CHECKING:

        @property
        def value(self) -> Decimal: ...

        @value.setter
        def value(self, value: Decimal | int | float | str) -> None: ...

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.decimal_schema(allow_inf_nan=False)

    @classmethod
    def _normalize(cls, value: Any) -> Any:
        return to_decimal(value)

    HOLDS: ClassVar[str] = "a finite Decimal"

    @classmethod
    def holds(cls, value: object) -> bool:
        return type(value) is Decimal and value.is_finite()


_store_decimal = _DecimalLeaf.__dict__["_value"].__set__


def _set_decimal(leaf: _DecimalLeaf, value: object) -> None:
    if type(value) is not Decimal or not value.is_finite():
        value = to_decimal(value)
    _store_decimal(leaf, value)


if not TYPE_CHECKING:
    _DecimalLeaf.value = property(
        attrgetter("_value"), _set_decimal, doc="The number, an exact and finite Decimal."
    )


class Numeric(_DecimalLeaf):
    """A number (UN/CEFACT NumericType: sequence number, rate) as an exact ``Decimal``."""

    __slots__ = ()
    KIND: ClassVar[Kind] = "numeric"

    def __int__(self) -> int:
        return int(self.value)


class Amount(_DecimalLeaf):
    """A monetary amount with its ISO 4217 currency (``currencyID``)."""

    __slots__ = ("currency", "places")
    KIND: ClassVar[Kind] = "amount"
    ATTRIBUTES: ClassVar[dict[str, str]] = {"currency": "currencyID"}
    currency: str | None
    #: Where an attribute's value was read when a format gives it an element of its own
    #: (an NCTS ``currency`` beside its amount): attribute name -> (path, line).
    places: dict[str, tuple[str | None, int | None]]

    def __init__(
        self,
        value: Decimal | int | float | str,
        currency: str | None = None,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.value = value
        self.currency = currency
        self._place(path, line, raw)


class _UnitLeaf(_DecimalLeaf):
    """A decimal with its UN/ECE Recommendation 20 unit (``unitCode``)."""

    __slots__ = ("unit",)
    ATTRIBUTES: ClassVar[dict[str, str]] = {"unit": "unitCode"}
    unit: str | None

    def __init__(
        self,
        value: Decimal | int | float | str,
        unit: str | None = None,
        path: str | None = None,
        line: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.value = value
        self.unit = unit
        self._place(path, line, raw)

    def __int__(self) -> int:
        return int(self.value)


class Measure(_UnitLeaf):
    """A measure (UN/CEFACT MeasureType: mass, length, volume) with its unit."""

    __slots__ = ()
    KIND: ClassVar[Kind] = "measure"


class Quantity(_UnitLeaf):
    """A quantity (UN/CEFACT QuantityType: a count of items, packages, supplementary
    units) with its optional unit."""

    __slots__ = ()
    KIND: ClassVar[Kind] = "quantity"


class DateTime(Leaf):
    """A WCO ``DateTimeString``: a timezone-aware datetime and its format code.

    ``value`` is None when the text is not a real date (e.g. 30 February); the reader then
    reports a ``NORM-DATE`` finding and ``raw`` keeps the text.
    """

    __slots__ = ("format_code", "value")
    KIND: ClassVar[Kind] = "datetime"
    ATTRIBUTES: ClassVar[dict[str, str]] = {"format_code": "formatCode"}
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
        self.value = self._normalize(value)
        self.format_code = format_code
        self._place(path, line, raw)

    @classmethod
    def _value_schema(cls) -> CoreSchema:
        return core_schema.nullable_schema(core_schema.datetime_schema())

    @classmethod
    def _normalize(cls, value: Any) -> Any:
        # A date-time without a zone is read as UTC, as the readers read one.
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(
                f"a {cls.__name__} holds a datetime or None, not {type(value).__name__}"
            )
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

    HOLDS: ClassVar[str] = "a datetime or None"

    @classmethod
    def holds(cls, value: object) -> bool:
        return value is None or isinstance(value, datetime)


#: Anything a finding can point at: a model node or a leaf value.
Located = Union["Node", Leaf]


def placed_leaf(cls: type[Leaf], path: str | None, line: int | None, raw: str | None = None) -> Any:
    """A bare leaf of ``cls`` at a place in the document, its value and attributes still
    to be set: what a reader fills in itself (no ``__init__`` call, no normalization)."""
    leaf: Any = object.__new__(cls)
    leaf._place(path, line, raw)
    return leaf


# --- normalization (pure, idempotent: see single_window._lexical) ----------------------


def _text(cls: type[Leaf], value: object) -> str:
    """``value`` when it is a ``str``, else a TypeError naming the leaf class."""
    if not isinstance(value, str):
        raise TypeError(f"a {cls.__name__} holds a str, not {type(value).__name__}")
    return value


def value_text(node: Any) -> str:
    """The lexical form to write for a leaf value: ``raw`` when it still reads back to
    the same value, otherwise the canonical form of the value."""
    raw: str | None = getattr(node, "raw", None)
    if not isinstance(node, Leaf) or not type(node).holds(getattr(node, "value", None)):
        raise TypeError(f"not a leaf value: {type(node).__name__}")
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
    if isinstance(node, Text | Identifier):
        if raw is not None and normalize_text(raw) == node.value:
            return raw
        return node.value
    if isinstance(node, _DecimalLeaf):
        if raw is not None:
            try:
                if parse_decimal(raw) == node.value:
                    return raw
            except ValueError:
                pass
        return format_decimal(node.value)
    raise TypeError(f"not a leaf value: {type(node).__name__}")


def attribute_text(node: Leaf, field: str) -> str | None:
    """The lexical form to write for one attribute of a leaf (None: not written): the
    original when it still normalizes to the same value."""
    value: str | None = getattr(node, field)
    if value is None:
        return None
    raw = node.raw_attributes.get(field) if node.raw_attributes is not None else None
    if raw is not None and normalize_code(raw) == value:
        return raw
    return value
