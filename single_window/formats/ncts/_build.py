"""What writing a canonical declaration as an NCTS message needs: new message nodes and
leaves, and a record of the defaults used and the data missing.

The conversion (:mod:`._to_ncts`) builds the message model from the canonical values.
:func:`node` makes a message node whose leaves are new leaves of the message's own types
holding the canonical values (a canonical ``DateTime`` becomes the UTC ``xs:dateTime`` an
NCTS message writes, a number written as text stays the number's text), placed nowhere:
the message is new, not read. The canonical declaration is never changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from single_window._dates import XsdDate, XsdDateTime
from single_window._spec import spec_of
from single_window._values import DateTime, Leaf, Node, Numeric, placed_leaf
from single_window.formats.ncts._canonical import make

__all__ = [
    "Build",
    "Read",
    "leaf_of",
    "node",
    "node_from",
    "number",
    "read_fields",
    "sequence",
    "text_of",
]

N = TypeVar("N", bound=Node)
T = TypeVar("T")

#: How a message field is read from a canonical node: the name of the node's attribute, or
#: a function of the node.
Read = str | Callable[[Any], Any]


@dataclass
class Build:
    """What a conversion to NCTS used and missed.

    Attributes:
        defaults: (message path, value written, reason key) of each field filled from a
            documented default.
        missing: (message path, canonical path) of each field the message requires that
            the declaration lacks and no default fills.
        version: The phase written (``"5"`` or ``"6"``).
    """

    version: str = "5"
    defaults: list[tuple[str, str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)

    def default(self, path: str, value: Any, reason: str) -> Any:
        """Record a default and return the value."""
        self.defaults.append((path, text_of(value) or str(value), reason))
        return value

    def need(self, found: Any, path: str, canonical: str) -> Any:
        """The value, recording it as missing when it is None."""
        if found is None or getattr(found, "value", found) in (None, ""):
            self.missing.append((path, canonical))
            return None
        return found

    def need_some(self, made: Iterable[T | None], path: str, canonical: str) -> list[T]:
        """The nodes made (without the Nones of empty ones), recording the element as
        missing when there are none."""
        found = [item for item in made if item is not None]
        if not found:
            self.missing.append((path, canonical))
        return found

    @property
    def phase6(self) -> bool:
        """Whether Phase 6 is written."""
        return self.version == "6"


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _value_for(cls: type[Leaf], found: Any) -> tuple[Any, str | None]:
    """The value a leaf of ``cls`` holds for a canonical leaf or plain value, and the raw
    text worth keeping."""
    if isinstance(found, Leaf):
        value, raw = getattr(found, "value", None), found.raw
    else:
        value, raw = found, None
    if issubclass(cls, XsdDateTime):
        keep = raw if type(found) is XsdDateTime else None
        return (_utc(value) if isinstance(value, datetime) else value), keep
    if issubclass(cls, XsdDate):
        keep = raw if type(found) is XsdDate else None
        return (_utc(value).date() if isinstance(value, datetime) else value), keep
    if cls.holds(value):
        return value, raw
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return (str(value) if raw is None else raw), None
    if isinstance(value, str):
        try:
            return Decimal(value), raw
        except ArithmeticError:
            return value, raw
    if isinstance(value, (date, datetime)):
        return value.isoformat(), None
    return value, raw


def leaf_of(cls: type[Leaf], found: Any) -> Any:
    """A new, unplaced leaf of ``cls`` holding a canonical leaf's value (and its unit or
    currency, where ``cls`` has one); None for None."""
    if found is None:
        return None
    value, raw = _value_for(cls, found)
    made: Any = placed_leaf(cls, None, None, raw)
    made.value = value
    if isinstance(found, Leaf) and not isinstance(found, DateTime):
        for name in cls.ATTRIBUTES:
            if name in type(found).ATTRIBUTES:
                setattr(made, name, getattr(found, name))
    return made


def node(cls: type[N], **fields: Any) -> N | None:
    """A message node of ``cls`` whose fields hold the values given (leaves converted to
    the message's leaf types, lists without their Nones); None when every field is
    empty."""
    values: dict[str, Any] = {}
    for fs in spec_of(cls).fields:
        found = fields.get(fs.name)
        if found is None:
            continue
        if fs.many:
            items = [item for item in found if item is not None]
            if fs.kind != "node":
                items = [leaf_of(fs.cls, item) for item in items]  # type: ignore[arg-type]
            if items:
                values[fs.name] = items
        elif fs.kind == "node":
            values[fs.name] = found
        else:
            values[fs.name] = leaf_of(fs.cls, found)  # type: ignore[arg-type]
    if not values:
        return None
    return make(cls, None, None, **values)


def read_fields(found: Any, fields: Mapping[str, Read]) -> dict[str, Any]:
    """The values of message fields read from a canonical node (``fields``: message field
    -> how it is read)."""
    return {
        name: (how(found) if callable(how) else getattr(found, how, None))
        for name, how in fields.items()
    }


def node_from(cls: type[N], found: Any, **fields: Read) -> N | None:
    """A node of ``cls`` whose fields are read from the canonical node ``found`` (None for
    None, or when every field is empty)."""
    if found is None:
        return None
    return node(cls, **read_fields(found, fields))


def number(value: int) -> Numeric:
    """A sequence number or position."""
    made: Numeric = placed_leaf(Numeric, None, None)
    made.value = Decimal(value)
    return made


def sequence(found: Any, position: int) -> Any:
    """A message node's sequence number: the one its canonical node carries, else its
    position (1-based)."""
    return found.sequence_numeric or number(position)


def text_of(found: Any) -> str | None:
    """A leaf's value as text (None without one)."""
    value = getattr(found, "value", None)
    if value is None or value == "":
        return None
    return str(value)
