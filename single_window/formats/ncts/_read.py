"""Map a parsed NCTS message onto its typed model in one walk, with findings.

The walk is done by the walkers generated per model class
(:mod:`single_window.formats.ncts._walkers`); this module is their runtime half:
:func:`read_message`, and the mapper the walkers hand every irregular case to. Its
bookkeeping is every format's (:class:`single_window.formats._walking.Mapper`): values
that do not convert become findings (``NORM-NUMBER``, ``NORM-DATE``); elements and
attributes the model has no field for, and second occurrences of single elements, are
kept in the message's ``unmapped`` list with their path and their place among their
siblings and reported as ``MODEL-UNMAPPED``, so that writing the message back puts them
where they were.

NCTS values carry no attributes: an attribute on a value element is kept as unmapped,
like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from single_window import codes
from single_window._dates import XsdDate, parse_xsd_date, parse_xsd_datetime
from single_window._values import Leaf, placed_leaf
from single_window.findings import Finding
from single_window.formats._walking import Mapper
from single_window.formats.ncts._layout import NAMESPACES
from single_window.formats.ncts._messages import identify, refusal
from single_window.formats.ncts._walkers import walk_CC013C, walk_CC015C
from single_window.formats.ncts.models import CC013C, CC015C

__all__ = ["NctsMapper", "read_message"]

#: The walker of each message type read.
_WALKERS: dict[str, Callable[..., CC015C | CC013C]] = {
    "CC015C": walk_CC015C,
    "CC013C": walk_CC013C,
}


class NctsMapper(Mapper):
    """One message's walk: the shared bookkeeping, and how an NCTS value is read."""

    __slots__ = ()
    NAMESPACES = NAMESPACES

    def leaf(self, el: etree._Element, kind: str, path: str, cls: type[Leaf]) -> Any:
        """A leaf value in the general case: reports what does not fit, or returns None
        when the value cannot be read at all (the element is then kept as unmapped)."""
        if kind in ("datetime", "date"):
            leaf = self._date(el, kind, path, cls)
        else:
            leaf = self.scalar(el, kind, path, cls)
            if leaf is None:
                return None
        for name, value in el.items():
            self.keep_attribute(el, name, value, path)
        self.keep_inside(el, path)
        return leaf

    def _date(self, el: etree._Element, kind: str, path: str, cls: type[Leaf]) -> Any:
        """A date or date-time; one that does not read has no value and keeps its text."""
        text = el.text or ""
        leaf = placed_leaf(cls, path, el.sourceline, text)
        leaf.value = None
        try:
            leaf.value = parse_xsd_date(text) if kind == "date" else parse_xsd_datetime(text)
        except (ValueError, OverflowError) as exc:
            stripped = text.strip()
            key = "invalid-date" if cls is XsdDate else "invalid-datetime"
            message = codes.message(codes.NORM_DATE, key, text=repr(stripped), detail=str(exc))
            self.note(message, path, el.sourceline, stripped)
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
    return mapper.finish(message), mapper.findings
