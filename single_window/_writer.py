"""Write a declaration model back to WCO DM XML, in the layout it was read from.

Fields are written in model order (the schema's sequence order); each leaf is written
in its original lexical form when it still reads back to the same value. Anything the
reader kept in ``Declaration.unmapped`` is put back under its parent element.
"""

from __future__ import annotations

import re

from lxml import etree

from single_window._spec import DEC_NS, DS_NS, MD_NS, XSI_NS, spec_of
from single_window._values import Amount, DateTime, Leaf, Measure, Node, value_text
from single_window.models import Declaration

__all__ = ["write_declaration"]

_NSMAP = {None: DEC_NS, "md": MD_NS, "ds": DS_NS, "xsi": XSI_NS}
_FRAGMENT_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
_STEP = re.compile(r"^([^\[/@]+)(?:\[(\d+)\])?$")


def _leaf(parent: etree._Element, tag: str, node: Leaf) -> None:
    el = etree.SubElement(parent, tag)
    if isinstance(node, DateTime):
        inner = etree.SubElement(el, f"{{{DS_NS}}}DateTimeString")
        if node.format_code is not None:
            inner.set("formatCode", node.format_code)
        inner.text = value_text(node)
        return
    el.text = value_text(node)
    if isinstance(node, Amount) and node.currency is not None:
        el.set("currencyID", node.currency)
    elif isinstance(node, Measure) and node.unit is not None:
        el.set("unitCode", node.unit)


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


def _resolve(root: etree._Element, path: str) -> etree._Element | None:
    """Find the element at one of our 1-based paths in a tree."""
    steps = [s for s in path.split("/") if s]
    first = _STEP.match(steps[0]) if steps else None
    if first is None or etree.QName(root).localname != first.group(1):
        return None
    el = root
    for step in steps[1:]:
        m = _STEP.match(step)
        if m is None:
            return None
        name, index = m.group(1), int(m.group(2) or 1)
        matches = [c for c in el if isinstance(c.tag, str) and etree.QName(c).localname == name]
        if len(matches) < index:
            return None
        el = matches[index - 1]
    return el


def write_declaration(decl: Declaration, *, pretty: bool = True) -> bytes:
    """Serialize a declaration model to UTF-8 XML bytes."""
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
    for item in decl.unmapped:
        if item.path is None:
            continue
        parent_path = item.path.rsplit("/", 1)[0] if item.kind == "element" else item.path
        parent = _resolve(root, parent_path)
        if parent is None:
            continue
        if item.kind == "attribute":
            parent.set(item.name, item.xml)
        else:
            parent.append(etree.fromstring(item.xml, _FRAGMENT_PARSER))
    if pretty:
        etree.indent(root, space="  ")
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return written
