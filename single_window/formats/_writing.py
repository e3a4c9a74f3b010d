"""What the formats' writers share: putting back what a reader kept unmapped, and
turning a model into bytes with a clear error for a value XML cannot carry or a field
holding a value of another type.

A writer builds its tree from the model's fields (its own layout: namespaces, how a leaf
is written), then :func:`put_back` returns every unmapped item to where it stood, and
:func:`serialize` writes the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

from lxml import etree

from single_window._locations import parent, resolve
from single_window._spec import spec_of
from single_window._values import Leaf, Node, xml_unsafe
from single_window.errors import ModelValueError

if TYPE_CHECKING:
    from single_window._model_api import Unmapped

__all__ = ["mistyped", "put_back", "serialize", "unwritable"]

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


def _leaf_mistyped(leaf: Leaf, where: str) -> tuple[str, object, str] | None:
    cls = type(leaf)
    value = getattr(leaf, "value", None)
    if not cls.holds(value):
        return f"{where}.value", value, f"is not {cls.HOLDS}, what a {cls.__name__} holds"
    for name in (*cls.ATTRIBUTES, "raw"):
        found = getattr(leaf, name)
        if found is not None and not isinstance(found, str):
            return f"{where}.{name}", found, "is not a str"
    return None


def mistyped(node: Any, where: str) -> tuple[str, object, str] | None:
    """The first field below ``node`` that holds a value of a type it does not hold:
    (field path, value, what is wrong), or None."""
    if isinstance(node, Leaf):
        return _leaf_mistyped(node, where)
    if not isinstance(node, Node):
        return None
    specs = {fs.name: fs for fs in spec_of(type(node)).fields}
    for name, value in node.__dict__.items():
        if name in ("path", "line") or value is None:
            continue
        here = f"{where}.{name}"
        fs = specs.get(name)
        if fs is not None and fs.many and not isinstance(value, list):
            return here, value, "is not a list"
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            at = here if i is None else f"{here}[{i}]"
            if fs is not None and not isinstance(item, fs.cls):
                return at, item, f"is not a {fs.cls.__name__}"
            found = mistyped(item, at)
            if found is not None:
                return found
    return None


def serialize(
    build: Callable[[Any], etree._Element], model: Any, where: str, pretty: bool
) -> bytes:
    """A model as UTF-8 XML bytes: the tree ``build`` makes of it, indented when
    ``pretty``.

    Raises:
        ModelValueError: when a value holds a character XML cannot carry, or a field
            holds a value of a type it does not hold (only a model changed past its
            checks can: through ``__dict__``, ``model_construct``, or a code's ``value``
            set directly); it names the field, counted from ``where`` (the model's name).
    """
    try:
        root = build(model)
    except Exception as exc:  # lxml refuses NUL, control characters and non-text
        found = mistyped(model, where)
        if found is not None:
            raise ModelValueError(*found) from exc
        text = unwritable(model, where)
        if text is None:
            raise
        raise ModelValueError(*text) from exc
    if pretty:
        etree.indent(root, space="  ")
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return written
