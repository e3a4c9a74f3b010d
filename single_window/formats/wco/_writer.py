"""Write a declaration model back to WCO DM XML, in the layout it was read from.

Fields are written in model order (the schema's sequence order); each leaf is written
in its original lexical form when it still reads back to the same value, with every
attribute its data type allows that it has. Anything the reader kept in
``Declaration.unmapped`` is put back where it stood: an element at its place among its
parent's children, an attribute on its element. For a document the library read, the
output equals the input in canonical form (C14N 2.0 without comments, whitespace-only
text stripped, prefixes rewritten); comments and processing instructions are not kept.

:func:`write_declaration` is the WCO format's writer: ``Declaration.to_xml()`` reaches it
through the format registry (:mod:`single_window.formats`).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from single_window._locations import parent, resolve
from single_window._spec import spec_of
from single_window._values import DateTime, Leaf, Node, attribute_text, value_text, xml_unsafe
from single_window.errors import ModelValueError
from single_window.formats.wco._namespaces import DEC_NS, DS_NS, MD_NS, XSI_NS
from single_window.models import Declaration

__all__ = ["write_declaration"]

_NSMAP = {None: DEC_NS, "md": MD_NS, "ds": DS_NS, "xsi": XSI_NS}
_FRAGMENT_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def _attributes(el: etree._Element, node: Leaf) -> None:
    for name, xml_name in node.ATTRIBUTES.items():
        text = attribute_text(node, name)
        if text is not None:
            el.set(xml_name, text)


def _leaf(parent: etree._Element, tag: str, node: Leaf) -> None:
    el = etree.SubElement(parent, tag)
    if isinstance(node, DateTime):
        inner = etree.SubElement(el, f"{{{DS_NS}}}DateTimeString")
        _attributes(inner, node)
        inner.text = value_text(node)
        return
    el.text = value_text(node)
    _attributes(el, node)


def _fill(el: etree._Element, node: Node, ns: str) -> None:
    for fs in spec_of(type(node)).fields:
        value = getattr(node, fs.name)
        if value is None:
            continue
        tag = f"{{{ns}}}{fs.xml_name}"
        for item in value if fs.many else (value,):
            if fs.kind == "node":
                _fill(etree.SubElement(el, tag), item, ns)
            else:
                _leaf(el, tag, item)


#: Only elements of these namespaces count as steps of a path: elements of other
#: namespaces put back earlier do not shift the indexes.
_OURS = frozenset({MD_NS, DEC_NS, DS_NS})


def _put_back(root: etree._Element, decl: Declaration) -> None:
    """Put the unmapped items back, in document order (so every path they name is
    resolved in a tree that already has what came before them)."""
    for item in decl.unmapped:
        if item.path is None:
            continue
        where = parent(item.path) if item.kind == "element" else item.path
        owner = resolve(root, where, namespaces=_OURS)
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


def _build(decl: Declaration) -> etree._Element:
    if decl.metadata is not None:
        root = etree.Element(f"{{{MD_NS}}}MetaData", nsmap=_NSMAP)
        if decl.metadata.schema_location is not None:
            root.set(f"{{{XSI_NS}}}schemaLocation", decl.metadata.schema_location)
        _fill(root, decl.metadata, MD_NS)
        decl_el = etree.SubElement(root, f"{{{DEC_NS}}}Declaration")
    else:
        root = decl_el = etree.Element(f"{{{DEC_NS}}}Declaration", nsmap=_NSMAP)
    if decl.schema_location is not None:
        decl_el.set(f"{{{XSI_NS}}}schemaLocation", decl.schema_location)
    _fill(decl_el, decl, DEC_NS)
    _put_back(root, decl)
    return root


def _unwritable(node: Any, where: str) -> tuple[str, str] | None:
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
            found = _unwritable(item, f"{where}[{i}]")
            if found is not None:
                return found
        return None
    if isinstance(node, Node):
        for name, value in node.__dict__.items():
            if name in ("path", "line") or value is None:
                continue
            found = _unwritable(value, f"{where}.{name}")
            if found is not None:
                return found
    return None


def write_declaration(decl: Declaration, pretty: bool = True) -> bytes:
    """Serialize a declaration model to UTF-8 XML bytes.

    Raises:
        ModelValueError: when a value holds a character XML cannot carry.
    """
    try:
        root = _build(decl)
    except ValueError as exc:  # lxml refuses NUL and control characters
        found = _unwritable(decl, "Declaration")
        if found is None:
            raise
        field, value = found
        raise ModelValueError(field, value) from exc
    if pretty:
        etree.indent(root, space="  ")
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return written
