"""A drawn NCTS message as a plain tree, and that tree written as XML in the model's order.

The strategies build a CC015C as nested dicts keyed by element name (a :data:`Tree`): a
value is text, a dict (one child element) or a list of either (a repeated element). A
violator edits the tree in place. :func:`tree_xml` writes it out, every element's
children in the order of the fields of the generated model class
(:mod:`single_window.formats.ncts.models`), which is the order of the schema; a key the
class does not have is an error, so a builder cannot write an element the schema lacks.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any

from lxml import etree

from single_window._values import Node
from single_window.formats.ncts._messages import NCTS_NS
from single_window.formats.ncts.models import CC015C

__all__ = ["Tree", "child_order", "tree_xml", "walk"]

#: A message, or one of its elements, as the builders hold it.
Tree = dict[str, Any]


def _node_class(annotation: Any) -> type[Node] | None:
    """The model class of a field's elements, or None for a leaf."""
    if isinstance(annotation, type) and issubclass(annotation, Node):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _node_class(arg)
            if found is not None:
                return found
    return None


@cache
def child_order(cls: type[Node]) -> tuple[tuple[str, type[Node] | None], ...]:
    """The child elements of a model class in schema order: (element name, the class of
    its elements or None for a leaf)."""
    out: list[tuple[str, type[Node] | None]] = []
    hints = typing.get_type_hints(cls)
    for name, info in cls.model_fields.items():
        if info.alias is None or not (info.alias[0].isalpha()):
            continue
        out.append((info.alias, _node_class(hints[name])))
    return tuple(out)


def _fill(parent: etree._Element, cls: type[Node], tree: Tree) -> None:
    order = child_order(cls)
    known = {name for name, _ in order}
    unknown = sorted(set(tree) - known)
    if unknown:
        raise KeyError(f"{cls.__name__} has no element {unknown[0]!r}")
    for name, child_cls in order:
        value = tree.get(name)
        if value is None:
            continue
        for one in value if isinstance(value, list) else [value]:
            element = etree.SubElement(parent, name)
            if child_cls is None:
                element.text = str(one)
            else:
                _fill(element, child_cls, one)


def tree_xml(tree: Tree, phase_id: str, *, pretty: bool = False) -> bytes:
    """The CC015C ``tree`` as UTF-8 XML bytes, with the root's ``PhaseID``."""
    root = etree.Element(f"{{{NCTS_NS}}}CC015C", nsmap={"ncts": NCTS_NS})
    root.set("PhaseID", phase_id)
    _fill(root, CC015C, tree)
    written: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=pretty
    )
    return written


def walk(tree: Tree, *steps: str) -> list[Tree]:
    """Every element at the path ``steps`` below ``tree`` (repeated steps fan out)."""
    found: list[Tree] = [tree]
    for step in steps:
        following: list[Tree] = []
        for node in found:
            value = node.get(step)
            if value is None:
                continue
            following.extend(value if isinstance(value, list) else [value])
        found = following
    return found
