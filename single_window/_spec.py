"""The element layout of a model, derived once from its classes.

Each model class's fields (in declaration order) are turned into a table of element
name -> field name, leaf kind, repeatable or not, and child class. The walkers' generator,
the mapper, the writer, the paths of schema findings (:func:`shape_of`) and the rules'
code-list plan share these tables, so the layout is stated in exactly one place: the
field aliases of the model classes (for the canonical model, :mod:`single_window.models`,
generated from the profile). Nothing here knows a namespace or a format: a format says
which namespace its elements are in and which classes its root elements map to
(:mod:`single_window.formats`).
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache

from single_window._values import Kind, Leaf, Node

__all__ = ["FieldSpec", "Kind", "ModelShape", "NodeSpec", "shape_of", "spec_of"]


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
        kind: Kind = child_cls.KIND if issubclass(child_cls, Leaf) else "node"
        fields.append(FieldSpec(name, info.alias, kind, many, child_cls))
    return NodeSpec(cls, tuple(fields), {f.xml_name: f for f in fields})


@dataclass(frozen=True)
class ModelShape:
    """The :class:`~single_window._locations.Shape` of a model class's element: which of
    its children repeat, and the shape below each (so that schema findings index the
    same steps the walkers do)."""

    cls: type[Node]

    def child(self, name: str) -> tuple[bool, ModelShape | None]:
        fs = spec_of(self.cls).by_xml.get(name)
        if fs is None:
            return False, None
        inner = shape_of(fs.cls) if fs.kind == "node" and issubclass(fs.cls, Node) else None
        return fs.many, inner


@cache
def shape_of(cls: type[Node]) -> ModelShape:
    """The shape of a model class's element (one object per class)."""
    return ModelShape(cls)
