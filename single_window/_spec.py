"""The XML layout of the model, derived once from the model classes.

Each model class's fields (in declaration order) are turned into a table of XML element
name -> field name, leaf kind, repeatable or not, and child class. The reader, the writer
and the path builder share these tables, so the layout is stated in exactly one place:
the field aliases of :mod:`single_window.models` (generated from the profile). This
module sits between the models and the reader and writer: it imports the models, and
they import it.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Literal

from single_window import models as m
from single_window._values import (
    Amount,
    Code,
    CountryCode,
    DateTime,
    Identifier,
    Leaf,
    Measure,
    Node,
    Numeric,
    Quantity,
    Text,
)

__all__ = ["DEC_NS", "DS_NS", "MD_NS", "XSI_NS", "FieldSpec", "NodeSpec", "spec_of"]

MD_NS = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
DEC_NS = "urn:wco:datamodel:WCO:DEC-DMS:2"
DS_NS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

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
    "node",
]

_LEAF_KINDS: dict[type, Kind] = {
    CountryCode: "country",
    Code: "code",
    Text: "text",
    Identifier: "identifier",
    Numeric: "numeric",
    Amount: "amount",
    Measure: "measure",
    Quantity: "quantity",
    DateTime: "datetime",
}


@dataclass(frozen=True)
class FieldSpec:
    """How one model field appears in XML."""

    name: str
    xml_name: str
    kind: Kind
    many: bool
    cls: type[Node] | type[Leaf]


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


@cache
def spec_of(cls: type[Node]) -> NodeSpec:
    """The XML layout of a model class (computed once per class)."""
    fields: list[FieldSpec] = []
    for name, info in cls.model_fields.items():
        if info.alias is None or name in ("unmapped", "metadata"):
            continue
        found = _unwrap(info.annotation)
        if found is None:
            continue
        child_cls, many = found
        kind: Kind = "node"
        for leaf, leaf_kind in _LEAF_KINDS.items():
            if issubclass(child_cls, leaf):
                kind = leaf_kind
                break
        fields.append(FieldSpec(name, info.alias, kind, many, child_cls))
    return NodeSpec(cls, tuple(fields), {f.xml_name: f for f in fields})


ROOT_CLASSES: dict[str, type[Node]] = {"MetaData": m.MetaData, "Declaration": m.Declaration}
