"""What the NCTS format adds to its model's own layout: the root elements, the namespaces
of its elements, and the shape its documents have for paths.

A message's root element is in the NCTS namespace and names the message type
(``CC015C``); every element below it is unqualified. Below the root the model classes'
field aliases say everything (:mod:`single_window._spec`). Paths follow the one grammar of
:mod:`single_window._locations`, e.g.
``/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/CommodityCode``: a
step carries an index when the schema lets the element repeat, or when it has same-named
siblings. An element of another namespace is never the model's, whatever its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from single_window import _locations
from single_window._spec import ModelShape, shape_of
from single_window.formats.ncts.models import MESSAGE_CLASSES

__all__ = ["DOCUMENT_SHAPE", "NAMESPACES", "element_path", "resolve_path"]

#: The namespaces of the elements below a message's root: unqualified only.
NAMESPACES: frozenset[str | None] = frozenset({None})


@dataclass(frozen=True)
class _DocumentShape:
    """An NCTS document: its root is one of the messages read."""

    def child(self, name: str) -> tuple[bool, ModelShape | None]:
        cls = MESSAGE_CLASSES.get(name)
        return False, shape_of(cls) if cls is not None else None


#: The shape of an NCTS document (:class:`~single_window._locations.Shape`): the root
#: elements read, and the model below them.
DOCUMENT_SHAPE = _DocumentShape()


def element_path(el: etree._Element) -> str:
    """The path of an element of an NCTS message, as the reader names it (of any message
    type; the model decides which steps repeat in the types read)."""
    return _locations.element_path(el, DOCUMENT_SHAPE, namespaces=NAMESPACES)


def resolve_path(root: etree._Element, path: str) -> etree._Element | None:
    """The element a path of the reader names (an attribute path: its element), or None
    when there is none; an element the reader kept as unmapped too."""
    return _locations.resolve(root, path, namespaces=NAMESPACES, shape=DOCUMENT_SHAPE)
