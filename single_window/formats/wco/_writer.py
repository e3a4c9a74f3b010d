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

from lxml import etree

from single_window._spec import spec_of
from single_window._values import DateTime, Leaf, Node, attribute_text, value_text
from single_window.formats._writing import put_back, serialize
from single_window.formats.wco._layout import NAMESPACES
from single_window.formats.wco._namespaces import DEC_NS, DS_NS, MD_NS, XSI_NS
from single_window.models import Declaration

__all__ = ["write_declaration"]

_NSMAP = {None: DEC_NS, "md": MD_NS, "ds": DS_NS, "xsi": XSI_NS}


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
    put_back(root, decl.unmapped, NAMESPACES)
    return root


def write_declaration(decl: Declaration, pretty: bool = True) -> bytes:
    """Serialize a declaration model to UTF-8 XML bytes.

    Raises:
        ModelValueError: when a value holds a character XML cannot carry.
    """
    return serialize(_build, decl, "Declaration", pretty)
