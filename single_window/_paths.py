"""1-based XPaths for elements of a parsed document, in the form findings use.

A step carries an index (``GovernmentAgencyGoodsItem[2]``) when the model says the
element repeats, or when the element has same-named siblings; otherwise it is bare
(``GoodsShipment``). Used for failures only, so it may walk the tree.
"""

from __future__ import annotations

from itertools import pairwise

from lxml import etree

from single_window._spec import ROOT_CLASSES, spec_of
from single_window._values import Node
from single_window.models import Declaration

__all__ = ["element_path", "elements_on_line"]


def _local(el: etree._Element) -> str:
    tag = el.tag
    assert isinstance(tag, str)
    return tag.rpartition("}")[2]


def element_path(el: etree._Element) -> str:
    """The element's path, e.g. ``/MetaData/Declaration/GoodsShipment/...[1]/ID``."""
    chain = [el, *el.iterancestors()]
    chain.reverse()
    root = chain[0]
    parts = [_local(root)]
    cls: type[Node] | None = ROOT_CLASSES.get(parts[0])
    for parent, child in pairwise(chain):
        local = _local(child)
        fs = spec_of(cls).by_xml.get(local) if cls is not None else None
        siblings = [c for c in parent if c.tag == child.tag]
        if (fs is not None and fs.many) or len(siblings) > 1:
            parts.append(f"{local}[{siblings.index(child) + 1}]")
        else:
            parts.append(local)
        if fs is not None and fs.kind == "node" and issubclass(fs.cls, Node):
            cls = fs.cls
        elif cls is ROOT_CLASSES["MetaData"] and local == "Declaration":
            cls = Declaration
        else:
            cls = None
    return "/" + "/".join(parts)


def elements_on_line(
    root: etree._Element, line: int, tag: str | None = None
) -> list[etree._Element]:
    """Elements that start on a source line (optionally with a given ``{ns}name`` tag)."""
    it = root.iter(tag) if tag else root.iter()
    return [e for e in it if isinstance(e.tag, str) and e.sourceline == line]
