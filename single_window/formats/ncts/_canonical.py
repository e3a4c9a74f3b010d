"""Canonical model instances made directly from values that already have its types.

The normalizer (:mod:`single_window.formats.ncts._normalize`) hands the canonical model
the NCTS message's own leaf values, which are already of the canonical leaf types and
already located; validating them again would repeat the reader's work. :func:`make`
builds an instance the way the generated walkers do (no ``__init__``, no validation),
from a per-class table of defaults worked out once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from single_window._values import Code, DateTime, Leaf, Node, Numeric, placed_leaf
from single_window.formats._walking import new, set_dict, set_extra, set_fields_set, set_private
from single_window.models import Address, Communication, Contact

__all__ = [
    "DATE_ONLY",
    "EMAIL",
    "KILOGRAM",
    "PHONE",
    "as_type",
    "contact",
    "day",
    "decimal",
    "holding",
    "kilograms",
    "leaf",
    "make",
    "party",
    "party_address",
    "sequenced",
    "text",
]

N = TypeVar("N", bound=Node)

#: The unit of every NCTS mass (UN/ECE Recommendation 20: kilogram).
KILOGRAM = "KGM"
#: Communication types (UN/EDIFACT 3155) of a contact person's telephone and e-mail.
PHONE, EMAIL = "TE", "EM"
#: The WCO format code (UN/EDIFACT 2379) of a date without a time: ``CCYYMMDD``.
DATE_ONLY = "102"

#: Per class: its defaults (None for single fields), the names of its list fields, and
#: the set of all its field names.
_LAYOUTS: dict[type[Node], tuple[dict[str, Any], tuple[str, ...], set[str]]] = {}


def _layout(cls: type[Node]) -> tuple[dict[str, Any], tuple[str, ...], set[str]]:
    defaults: dict[str, Any] = {}
    lists: list[str] = []
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            lists.append(name)
            defaults[name] = None
        else:
            defaults[name] = info.default
    found = _LAYOUTS[cls] = (defaults, tuple(lists), set(cls.model_fields))
    return found


def make(cls: type[N], path: str | None, line: int | None, **fields: Any) -> N:
    """An instance of a canonical class at a place in the document read, its fields given
    as values of the model's own types (None: not there; a list field not given is
    empty).

    Every field counts as set (pydantic's ``model_fields_set``): the instances of a class
    share that one set, which assigning a field leaves as it is, so that a declaration of
    many goods items does not cost one more object per value for the garbage collector
    to visit."""
    defaults, lists, every = _LAYOUTS.get(cls) or _layout(cls)
    values = defaults.copy()
    values.update(fields)
    for name in lists:
        if values[name] is None:
            values[name] = []
    values["path"] = path
    values["line"] = line
    obj: N = new(cls)
    set_dict(obj, values)
    set_fields_set(obj, every)
    set_extra(obj, None)
    set_private(obj, None)
    return obj


L = TypeVar("L", bound=Leaf)


def leaf(cls: type[L], value: str, at: Any, raw: str | None = None) -> L:
    """A new leaf of the canonical model holding ``value``, at the place of the message
    value or node ``at`` (for a value the message holds under another type, or implies)."""
    found: L = placed_leaf(cls, at.path, at.line, raw)
    found.value = value  # type: ignore[attr-defined]
    return found


def as_type(cls: type[L], found: Any) -> L | None:
    """The message's leaf when it already has the canonical type ``cls``, else a new leaf
    of ``cls`` with its value at the same place (None without the leaf)."""
    if found is None or type(found) is cls:
        return found
    return leaf(cls, found.value, found, found.raw)


def decimal(found: Any) -> Numeric | None:
    """A number the message writes as text (a GNSS coordinate) as a canonical number at
    the same place; None without it, or when it is not a decimal number."""
    if found is None or not isinstance(found.value, str):
        return None
    try:
        value = Decimal(found.value)
    except InvalidOperation:
        return None
    return leaf(Numeric, value, found, found.raw)  # type: ignore[arg-type]


def day(found: Any) -> DateTime | None:
    """An NCTS date (``xs:date``) as the canonical date without a time: midnight UTC of
    that day, format code ``102``, the text as written (None without the date)."""
    if found is None:
        return None
    stamp: DateTime = placed_leaf(DateTime, found.path, found.line, found.raw)
    value = found.value
    stamp.value = (
        None if value is None else datetime(value.year, value.month, value.day, tzinfo=UTC)
    )
    stamp.format_code = DATE_ONLY
    return stamp


def text(leaf: Any) -> str | None:
    """A leaf's text, None for no leaf or an empty one."""
    value = getattr(leaf, "value", None)
    return value if isinstance(value, str) and value else None


def kilograms(mass: Any) -> Any:
    """An NCTS mass (kilograms implied) with its unit named, as the canonical model has it."""
    if mass is not None and mass.unit is None:
        mass.unit = KILOGRAM
    return mass


def party_address(address: Any, cls: type[Any] = Address) -> Any:
    """An NCTS address (street and number, postcode, city, country) as a canonical one."""
    if address is None:
        return None
    return make(
        cls,
        address.path,
        address.line,
        city_name=address.city,
        country_code=address.country,
        line_text=address.street_and_number,
        postcode_id=address.postcode,
    )


#: ``party(ident=...)`` not given: the party's own identification number.
_OWN: Any = object()


def party(
    cls: type[Any], found: Any, ident: Any = _OWN, address: type[Any] = Address, **more: Any
) -> Any:
    """A party with its identifier (the NCTS ``identificationNumber`` unless another leaf,
    or None, is given), name and address."""
    if found is None:
        return None
    return make(
        cls,
        found.path,
        found.line,
        id=found.identification_number if ident is _OWN else ident,
        name=getattr(found, "name", None),
        address=party_address(getattr(found, "address", None), address),
        **more,
    )


def _communication(found: Any, kind: str) -> Communication | None:
    if found is None:
        return None
    return make(Communication, found.path, found.line, id=found, type_code=leaf(Code, kind, found))


def contact(person: Any) -> Contact | None:
    """A contact person: name, and telephone (``TE``) and e-mail (``EM``) as the contact's
    communications, each at its own element."""
    if person is None:
        return None
    ways = (
        _communication(person.phone_number, PHONE),
        _communication(person.e_mail_address, EMAIL),
    )
    return make(
        Contact,
        person.path,
        person.line,
        name=person.name,
        communications=[way for way in ways if way is not None],
    )


def sequenced(found: list[Any]) -> list[Any]:
    """Repeated message elements in the order of their sequence numbers (document order
    where they agree, or where one has none)."""
    if len(found) < 2:
        return list(found)
    return sorted(found, key=_sequence)


def _sequence(node: Any) -> Decimal:
    number = node.sequence_number
    value = number.value if number is not None else None
    return value if isinstance(value, Decimal) else Decimal(0)


def holding(cls: type[Any], leaf: Any, field: str) -> Any:
    """A canonical node that only holds one leaf (a country, a UCR), at the leaf's place;
    None without the leaf."""
    if leaf is None:
        return None
    return make(cls, leaf.path, leaf.line, **{field: leaf})
