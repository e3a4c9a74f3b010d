"""What the formats' writers share: putting back what a reader kept unmapped, and
turning a model into bytes with a clear error for a value XML cannot carry.

A writer builds its tree from the model's fields (its own layout: namespaces, how a leaf
is written), then :func:`put_back` returns every unmapped item to where it stood, and
:func:`serialize` writes the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

from lxml import etree

from single_window._locations import parent, resolve
from single_window._values import Leaf, Node, xml_unsafe
from single_window.errors import ModelValueError

if TYPE_CHECKING:
    from single_window._model_api import Unmapped

__all__ = ["put_back", "serialize", "unwritable"]

_FRAGMENT_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def put_back(
    root: etree._Element, items: Iterable[Unmapped], namespaces: Collection[str | None]
) -> None:
    """Put unmapped items back where they stood: an element at its place among its
    parent's children, an attribute on its element.

    The items come in document order, so every path they name is resolved in a tree that
    already has what came before them; only elements of ``namespaces`` (the format's
    own, None for unqualified ones) count as steps, so elements put back earlier do not
    shift the indexes.
    """
    for item in items:
        if item.path is None:
            continue
        where = parent(item.path) if item.kind == "element" else item.path
        owner = resolve(root, where, namespaces=namespaces)
        if owner is None:
            continue
        if item.kind == "attribute":
            owner.set(item.name, item.xml)
            continue
        element = etree.fromstring(item.xml, _FRAGMENT_PARSER)
        if item.position is None:
            owner.append(element)
        else:
            owner.insert(item.position, element)


def unwritable(node: Any, where: str) -> tuple[str, str] | None:
    """The first field below ``node`` whose value XML cannot carry: (field path, value)."""
    if isinstance(node, str):
        return (where, node) if xml_unsafe(node) else None
    if isinstance(node, Leaf):
        for name in ("value", *node.ATTRIBUTES, "raw"):
            value = getattr(node, name)
            if isinstance(value, str) and xml_unsafe(value):
                return f"{where}.{name}", value
        return None
    if isinstance(node, list):
        for i, item in enumerate(node):
            found = unwritable(item, f"{where}[{i}]")
            if found is not None:
                return found
        return None
    if isinstance(node, Node):
        for name, value in node.__dict__.items():
            if name in ("path", "line") or value is None:
                continue
            found = unwritable(value, f"{where}.{name}")
            if found is not None:
                return found
    return None


def serialize(
    build: Callable[[Any], etree._Element], model: Any, where: str, pretty: bool
) -> bytes:
    """A model as UTF-8 XML bytes: the tree ``build`` makes of it, indented when
    ``pretty``.

    Raises:
        ModelValueError: when a value holds a character XML cannot carry; it names the
            field, counted from ``where`` (the model's name).
    """
    try:
        root = build(model)
    except ValueError as exc:  # lxml refuses NUL and control characters
        found = unwritable(model, where)
        if found is None:
            raise
        field, value = found
        raise ModelValueError(field, value) from exc
    if pretty:
        etree.indent(root, space="  ")
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return written
