"""Write an NCTS message model back to XML, in the layout it was read from.

Fields are written in model order (the schema's sequence order), the root in the NCTS
namespace (prefix ``ncts``) and every other element unqualified, as the schemas want.
Each value is written in its original lexical form when that still reads back to the
same value, otherwise in the canonical form of its schema type (an ``xs:integer``
without a decimal point, a date-time as ``2025-03-01T10:00:00``). Values carry no
attributes in NCTS: attributes a leaf object may have been given (a unit, a currency)
are not written. Whatever the reader kept in ``unmapped`` is put back where it stood (as
every format's writer does, :mod:`single_window.formats._writing`), so for a message the
library read the output equals the input in canonical form (C14N 2.0 without comments,
whitespace-only text stripped, prefixes rewritten).

``to_xml()`` on the message models writes through :func:`write_message`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lxml import etree

from single_window._dates import date_text, datetime_text, parse_xsd_date, parse_xsd_datetime
from single_window._lexical import format_decimal, parse_decimal
from single_window._spec import FieldSpec, spec_of
from single_window._values import Leaf, Node, value_text
from single_window.formats._walking import NUMBER_KINDS
from single_window.formats._writing import put_back, serialize
from single_window.formats.ncts._layout import NAMESPACES
from single_window.formats.ncts._messages import NCTS_NS
from single_window.formats.ncts.models import CC013C, CC015C, INTEGER_ELEMENTS

__all__ = ["write_message"]


def _number_text(fs: FieldSpec, value: Decimal, raw: str | None) -> str:
    if raw is not None:
        try:
            if parse_decimal(raw) == value:
                return raw
        except ValueError:
            pass
    if fs.xml_name in INTEGER_ELEMENTS and value == value.to_integral_value():
        return str(int(value))
    return format_decimal(value)


def _date_text(fs: FieldSpec, node: Any) -> str:
    """A date or date-time: the original text when it reads back to the same value (or
    when there is no value: a text that did not read), else the canonical form."""
    raw: str | None = node.raw
    value = node.value
    parse = parse_xsd_date if fs.kind == "date" else parse_xsd_datetime
    if raw is not None:
        try:
            if value is None or parse(raw) == value:
                return raw
        except (ValueError, OverflowError):
            if value is None:
                return raw
    if value is None:
        return ""
    return date_text(value) if fs.kind == "date" else datetime_text(value)


def _text(fs: FieldSpec, node: Leaf) -> str:
    if fs.kind in NUMBER_KINDS:
        return _number_text(fs, node.value, node.raw)  # type: ignore[attr-defined]
    if fs.kind in ("date", "datetime"):
        return _date_text(fs, node)
    return value_text(node)


def _fill(el: etree._Element, node: Node) -> None:
    values = node.__dict__
    for fs in spec_of(type(node)).fields:
        value = values[fs.name]
        if value is None:
            continue
        for item in value if fs.many else (value,):
            child = etree.SubElement(el, fs.xml_name)
            if fs.kind == "node":
                _fill(child, item)
            else:
                child.text = _text(fs, item)


def _build(message: CC015C | CC013C) -> etree._Element:
    root = etree.Element(f"{{{NCTS_NS}}}{message.MESSAGE_TYPE}", nsmap={"ncts": NCTS_NS})
    if message.phase_id is not None:
        root.set("PhaseID", message.phase_id)
    _fill(root, message)
    put_back(root, message.unmapped, NAMESPACES)
    return root


def write_message(message: CC015C | CC013C, pretty: bool = True) -> bytes:
    """Serialize an NCTS message model to UTF-8 XML bytes.

    Raises:
        ModelValueError: when a value holds a character XML cannot carry.
    """
    return serialize(_build, message, message.MESSAGE_TYPE, pretty)
