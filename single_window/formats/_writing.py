"""What the formats' writers share: putting back what a reader kept unmapped, and
turning a model into bytes with a clear error for a value XML cannot carry or a field
holding a value of another type.

A writer builds its tree from the model's fields (its own layout: namespaces, how a leaf
is written), then :func:`put_back` returns every unmapped item to where it stood, and
:func:`serialize` writes the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from lxml import etree

from single_window._lexical import xml_unsafe
from single_window._locations import parent, resolve
from single_window._spec import spec_of
from single_window._values import Leaf, Node
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
    parent's children, an attribute on its element, each in the namespace it had.

    The items come in document order, so every path they name is resolved in a tree that
    already has what came before them; only elements of ``namespaces`` (the format's
    own, None for unqualified ones) count as steps, so elements put back earlier do not
    shift the indexes.

    Moving a parsed element into another tree lets lxml replace its namespace
    declarations by the tree's declarations of the same namespaces, even where the
    element's own declarations shadow those (a default namespace, a prefix bound again),
    and an unqualified element would fall into the tree's default namespace: the data
    would change namespace. So an element is moved in whole only when its declarations
    are the tree's (:func:`_fits`); otherwise it is copied in, element by element
    (:func:`_graft`).
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
        scope = owner.nsmap
        if _fits(element, scope):
            # Nothing lxml could merge wrongly: moved in whole, at C speed.
            if item.position is None:
                owner.append(element)
            else:
                owner.insert(item.position, element)
        else:
            _graft(owner, element, item.position, scope)


def _fits(element: etree._Element, scope: Mapping[str | None, str]) -> bool:
    """Whether a parsed element can be moved in whole where the namespaces in scope are
    ``scope``: it binds each prefix it declares as the scope does (the default too, where
    the scope has one, so that it holds no unqualified element that would fall into it),
    and nothing below it declares anything else."""
    declared = element.nsmap
    for prefix, uri in declared.items():
        if (scope.get(prefix) or "") != uri:
            return False
    if scope.get(None) and None not in declared:
        return False
    return all(below.nsmap == declared for below in element.iter(etree.Element))


def _declarations(
    scope: Mapping[str | None, str],
    tag: str,
    prefix: str | None,
    others: Iterable[tuple[str | None, str]] = (),
) -> dict[Any, str]:
    """The namespace declarations a copy of an element (``tag``, written with ``prefix``)
    needs where the namespaces in scope are ``scope``: none that the scope already
    reaches.

    Its own namespace is declared with the prefix it had, or as the default if it was
    the default there, unless the scope reaches it or binds that prefix already (lxml then
    declares a prefix of its own); the prefixes ``others`` (what the element had in
    scope) are kept where the scope leaves them free, as a value may name one
    (``xsi:type="n:Code"``); an unqualified element under a default namespace undeclares
    it (``xmlns=""``). No declaration binds a prefix of the scope again or names a
    namespace the scope reaches: inserting a copy, lxml maps a declaration of a
    namespace the scope reaches onto the scope's, which is right only while nothing on
    the copy shadows that one.
    """
    reached = set(scope.values())
    wanted: dict[Any, str] = {}
    for other, uri in others:
        if other is not None and other not in scope and uri and uri not in reached:
            wanted[other] = uri
    own = tag[1:].partition("}")[0] if tag[:1] == "{" else None
    if own is None:
        if scope.get(None):
            wanted[None] = ""
    elif own not in reached and own not in wanted.values():
        if prefix is None:
            wanted[None] = own
        elif prefix not in scope:
            wanted[prefix] = own
    return wanted


def _graft(
    owner: etree._Element,
    source: etree._Element,
    position: int | None,
    scope: Mapping[str | None, str],
) -> None:
    """Copy ``source`` (a parsed element) into ``owner`` at ``position`` (None: last),
    every element and attribute in the namespace it has in ``source``.

    Only the copy of ``source`` itself is inserted, before it has children; everything
    below it is created in place, where lxml finds each namespace in scope (or declares
    it) and never reuses a declaration that a nearer one shadows. ``scope`` is the
    namespaces in scope at ``owner``; they are followed down along the copy (lxml's
    ``nsmap`` walks up the tree on every call).
    """
    tag = source.tag
    assert isinstance(tag, str)
    wanted = _declarations(scope, tag, source.prefix, source.nsmap.items())
    copy = owner.makeelement(tag, nsmap=wanted)
    if position is None:
        owner.append(copy)
    else:
        owner.insert(position, copy)
    stack = [(copy, source, {**scope, **wanted})]
    while stack:
        target, origin, scope = stack.pop()
        for name, value in origin.items():
            target.set(name, value)
        target.text = origin.text
        for below in origin:
            tag = below.tag
            if isinstance(tag, str):
                wanted = _declarations(scope, tag, below.prefix)
                made = etree.SubElement(target, tag, nsmap=wanted or None)
                stack.append((made, below, {**scope, **wanted} if wanted else scope))
            else:  # a comment or processing instruction
                made = deepcopy(below)
                target.append(made)
            made.tail = below.tail


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
