"""The XML layout of the NCTS models, derived once per class from the model fields.

Each model class's fields (in declaration order: the schema's sequence order, the
header group's elements first) become a table of XML element name -> field name, value
kind, repeatable or not, and child class. The reader, the writer and the path functions
share it, so the layout is stated once: in the field aliases of the generated models.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Literal

from single_window._dates import XsdDate, XsdDateTime
from single_window._values import Code, Identifier, Leaf, Node, Text, _DecimalLeaf
from single_window.formats.ncts.models import INTEGER_ELEMENTS

__all__ = ["FieldSpec", "Kind", "NodeSpec", "layout_of"]

#: How a field's element is read and written.
Kind = Literal["text", "code", "number", "datetime", "date", "node"]

_KINDS: tuple[tuple[type, Kind], ...] = (
    (XsdDateTime, "datetime"),
    (XsdDate, "date"),
    (Code, "code"),
    (Text, "text"),
    (Identifier, "text"),
    (_DecimalLeaf, "number"),
)


@dataclass(frozen=True)
class FieldSpec:
    """How one model field appears in XML."""

    name: str
    xml_name: str
    kind: Kind
    many: bool
    cls: type[Node] | type[Leaf]
    integer: bool
    """The element is an ``xs:integer`` (written without a decimal point)."""


@dataclass(frozen=True)
class NodeSpec:
    """The XML layout of one model class."""

    cls: type[Node]
    fields: tuple[FieldSpec, ...]
    by_xml: dict[str, FieldSpec]


def _unwrap(annotation: object) -> tuple[type[Node] | type[Leaf], bool] | None:
    origin = typing.get_origin(annotation)
    if origin is list:
        (inner,) = typing.get_args(annotation)
        found = _unwrap(inner)
        return (found[0], True) if found else None
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _unwrap(arg)
        return None
    if isinstance(annotation, type) and issubclass(annotation, Node | Leaf):
        return annotation, False
    return None


def _kind(cls: type[Node] | type[Leaf]) -> Kind:
    if issubclass(cls, Node):
        return "node"
    for leaf, kind in _KINDS:
        if issubclass(cls, leaf):
            return kind
    raise TypeError(f"no NCTS layout for leaf type {cls.__name__}")


@cache
def layout_of(cls: type[Node]) -> NodeSpec:
    """The XML layout of an NCTS model class (computed once per class)."""
    fields: list[FieldSpec] = []
    for name, info in cls.model_fields.items():
        if info.alias is None:
            continue
        found = _unwrap(info.annotation)
        if found is None:
            continue
        child, many = found
        fields.append(
            FieldSpec(name, info.alias, _kind(child), many, child, info.alias in INTEGER_ELEMENTS)
        )
    return NodeSpec(cls, tuple(fields), {f.xml_name: f for f in fields})
