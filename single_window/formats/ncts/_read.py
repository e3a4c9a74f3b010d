"""Map a parsed NCTS message onto its typed model in one walk, with findings.

The walk is done by the walkers generated per model class
(:mod:`single_window.formats.ncts._walkers`); this module is their runtime half:
:func:`read_message`, and the mapper the walkers hand every irregular case to. It shares
its bookkeeping with the WCO mapper (:class:`single_window.formats.wco._mapping._Mapper`):
values that do not convert become findings
(``NORM-NUMBER``, ``NORM-DATE``); elements and attributes the model has no field for, and
second occurrences of single elements, are kept in the message's ``unmapped`` list with
their path and their place among their siblings and reported as ``MODEL-UNMAPPED``, so
that writing the message back puts them where they were.

NCTS values carry no attributes: an attribute on a value element is kept as unmapped,
like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from single_window import codes
from single_window._dates import XsdDate, parse_xsd_date, parse_xsd_datetime
from single_window._model_api import Unmapped
from single_window._spec import spec_of
from single_window._values import (
    Leaf,
    Node,
    normalize_code,
    normalize_text,
    parse_decimal,
    placed_leaf,
)
from single_window.findings import Finding, Severity
from single_window.formats._walking import build
from single_window.formats.ncts._messages import identify, refusal
from single_window.formats.ncts._walkers import walk_CC013C, walk_CC015C
from single_window.formats.ncts.models import CC013C, CC015C
from single_window.formats.wco._mapping import _Mapper, _split

__all__ = ["NctsMapper", "read_message"]

#: The walker of each message type read.
_WALKERS: dict[str, Callable[..., CC015C | CC013C]] = {
    "CC015C": walk_CC015C,
    "CC013C": walk_CC013C,
}
#: The leaf kinds (:data:`single_window._spec.Kind`) read as numbers, and as codes.
_NUMBERS = frozenset({"numeric", "amount", "measure", "quantity"})
_CODES = frozenset({"code", "country"})


class NctsMapper(_Mapper):
    """One message's walk: its findings and unmapped items, and the irregular cases."""

    __slots__ = ()

    def _child_path(self, child: etree._Element, path: str) -> str:
        """The path of a child element the model does not hold: indexed when it has
        siblings of the same name (the schema repeats no element the model lacks)."""
        _, local = _split(child.tag)
        siblings = self._siblings(child)
        assert siblings is not None
        if siblings.total[child.tag] > 1:
            return f"{path}/{local}[{siblings.rank[child]}]"
        return f"{path}/{local}"

    def unknown(self, child: etree._Element, cls: type[Node], path: str) -> None:
        """Keep a child element that is not one of the class's fields."""
        tag = child.tag
        if not isinstance(tag, str):
            return
        ns, local = _split(tag)
        known = local in spec_of(cls).by_xml
        why = f"is in namespace {ns!r}" if known else "is not part of the model"
        self.keep_element(child, self._child_path(child, path), why)

    def _extras(self, el: etree._Element, path: str) -> None:
        """Keep the attributes and child elements of a value element."""
        for name, value in el.items():
            self.keep_attribute(el, name, value, path)
        for child in el:
            if isinstance(child.tag, str):
                self.keep_element(child, self._child_path(child, path), "is inside a value")

    def leaf(self, el: etree._Element, kind: str, path: str, cls: type[Leaf]) -> Any:
        """A leaf value in the general case: reports what does not fit, or returns None
        when the value cannot be read at all (the element is then kept as unmapped)."""
        text = el.text or ""
        line = el.sourceline
        leaf = placed_leaf(cls, path, line)
        if kind in _NUMBERS:
            try:
                number = parse_decimal(text)
            except ValueError:
                stripped = text.strip()
                message = f"{stripped!r} is not a number"
                self.note(codes.NORM_NUMBER, Severity.ERROR, message, path, line, stripped)
                self.keep_element(el, path, "could not be read as a number")
                return None
            leaf.value = number
            if text != format(number, "f"):
                leaf.raw = text
        elif kind in ("datetime", "date"):
            leaf.value = None
            leaf.raw = text
            try:
                if kind == "date":
                    leaf.value = parse_xsd_date(text)
                else:
                    leaf.value = parse_xsd_datetime(text)
            except (ValueError, OverflowError) as exc:
                stripped = text.strip()
                what = "date" if cls is XsdDate else "date-time"
                message = f"{stripped!r} is not a valid {what}: {exc}"
                self.note(codes.NORM_DATE, Severity.ERROR, message, path, line, stripped)
        else:
            value = normalize_code(text) if kind in _CODES else normalize_text(text)
            leaf.value = value
            if value != text:
                leaf.raw = text
        self._extras(el, path)
        return leaf


def read_message(root: etree._Element) -> tuple[CC015C | CC013C | None, list[Finding]]:
    """Map a parsed NCTS message onto its model, in one walk.

    Returns the model and the findings of the walk (``NORM-*`` for values that do not
    convert, ``MODEL-UNMAPPED`` for what the model has no field for). A root that is not
    an NCTS message, or one of a type not read, gives no model and one ``MODEL-ROOT``
    finding naming the type and the types read.
    """
    kind = identify(root)
    if kind is None or not kind.read:
        return None, [refusal(root)]
    mapper = NctsMapper()
    message = _WALKERS[kind.name](mapper, root, f"/{kind.name}", None)
    if mapper.unmapped:
        message.__dict__["unmapped"] = [build(Unmapped, item) for item in mapper.unmapped]
        message.__pydantic_fields_set__.add("unmapped")
    return message, mapper.findings
