"""1-based XPaths of NCTS message elements, in the form the reader gives its values.

A step carries an index (``HouseConsignment[1]``) when the schema lets the element
repeat, or when the element has same-named siblings; otherwise it is bare
(``Consignment``); :data:`DOCUMENT_SHAPE` says which steps repeat. The names are the
message's own element names, e.g.
``/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/CommodityCode``.
Meant for failures and tests: both functions may walk the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from lxml import etree

from single_window._spec import spec_of
from single_window._values import Node
from single_window.formats.ncts.models import MESSAGE_CLASSES

__all__ = [
    "DOCUMENT_SHAPE",
    "NodeShape",
    "element_path",
    "resolve_path",
    "sibling_path_element",
]

_STEP = re.compile(r"([^\[\]/@]+)(?:\[(\d+)\])?")


def _local(el: etree._Element) -> str:
    tag = el.tag
    assert isinstance(tag, str)
    return tag.rpartition("}")[2]


@dataclass(frozen=True)
class NodeShape:
    """The shape of the elements of one model class: which children repeat, and their
    shapes (``child`` answers the path grammar's question, step by step)."""

    cls: type[Node]

    def child(self, name: str) -> tuple[bool, NodeShape | None]:
        """Whether a child element ``name`` repeats, and its own shape (None: a value or
        an element the model does not know)."""
        fs = spec_of(self.cls).by_xml.get(name)
        if fs is None:
            return False, None
        inner = NodeShape(fs.cls) if fs.kind == "node" else None  # type: ignore[arg-type]
        return fs.many, inner


@dataclass(frozen=True)
class _DocumentShape:
    """An NCTS document: its root is one of the messages read."""

    def child(self, name: str) -> tuple[bool, NodeShape | None]:
        cls = MESSAGE_CLASSES.get(name)
        return False, NodeShape(cls) if cls is not None else None


#: The shape of an NCTS document (the root elements read, and the model below them).
DOCUMENT_SHAPE = _DocumentShape()


def element_path(el: etree._Element) -> str:
    """The path of an element of an NCTS message (of any message type; the layout of the
    models decides which steps repeat in the types read)."""
    chain = [el, *el.iterancestors()]
    chain.reverse()
    parts = [_local(chain[0])]
    shape = DOCUMENT_SHAPE.child(parts[0])[1]
    for parent, child in pairwise(chain):
        local = _local(child)
        repeats, inner = False, None
        # The children of a message are unqualified: a namespaced one is not the model's.
        if shape is not None and child.tag == local:
            repeats, inner = shape.child(local)
        siblings = [c for c in parent if c.tag == child.tag]
        if repeats or len(siblings) > 1:
            parts.append(f"{local}[{siblings.index(child) + 1}]")
        else:
            parts.append(local)
        shape = inner
    return "/" + "/".join(parts)


def _steps(path: str) -> list[tuple[str, int | None]] | None:
    steps: list[tuple[str, int | None]] = []
    for text in path.strip("/").split("/"):
        m = _STEP.fullmatch(text)
        if m is None:
            return None
        steps.append((m.group(1), int(m.group(2)) if m.group(2) else None))
    return steps


def resolve_path(root: etree._Element, path: str) -> etree._Element | None:
    """The element a path names (attribute steps such as ``/@PhaseID`` are left out), or
    None when there is none.

    A step's name matches the message's unqualified elements; an element in another
    namespace (one the reader kept as unmapped) is matched by its local name when no
    unqualified element has that name, or when the step has no index although the model
    repeats the name (its own elements of that name always carry one).
    """
    steps = _steps(path.split("/@", 1)[0])
    if not steps or steps[0][0] != _local(root) or steps[0][1] not in (None, 1):
        return None
    el = root
    shape = DOCUMENT_SHAPE.child(steps[0][0])[1]
    for name, index in steps[1:]:
        ours = [c for c in el if c.tag == name]
        repeats, inner = shape.child(name) if shape is not None else (False, None)
        if not ours or (repeats and index is None):
            matches = [c for c in el if isinstance(c.tag, str) and c.tag != name]
            matches = [c for c in matches if _local(c) == name]
            inner = None
        else:
            matches = ours
        if len(matches) < (index or 1):
            return None
        el = matches[(index or 1) - 1]
        shape = inner
    return el


def sibling_path_element(root: etree._Element, path: str) -> etree._Element | None:
    """The element a path names whose steps count same-tag siblings only (the form the
    schema findings of :class:`single_window.schema.Schema` have for a non-WCO root)."""
    steps = _steps(path.split("/@", 1)[0])
    if not steps or steps[0][0] != _local(root):
        return None
    el = root
    for name, step_index in steps[1:]:
        index = step_index or 1
        groups: dict[str, list[etree._Element]] = {}
        for c in el:
            if isinstance(c.tag, str) and _local(c) == name:
                groups.setdefault(c.tag, []).append(c)
        if len(groups) != 1:
            return None
        (matches,) = groups.values()
        if len(matches) < index:
            return None
        el = matches[index - 1]
    return el
