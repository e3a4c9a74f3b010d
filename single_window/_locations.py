"""Locations: the one grammar of the paths that findings and model values carry.

A path names one node of a document, from its root element down::

    /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/Commodity/Classification[1]/ID
    /MetaData/Declaration/GoodsShipment/.../TaxAssessedAmount/@currencyID

Grammar::

    path      = element-path ["/@" attribute]
    element   = ("/" step)+
    step      = name ["[" index "]"]

``name`` is the element's local name: a path reads the same whether a format qualifies
its elements (WCO: every element in a namespace) or not (NCTS: a qualified root,
unqualified children). ``index`` is 1-based and counts the siblings of the same
namespace and name. A step carries an index when the format's model says the element
repeats, or when it has same-named siblings; otherwise it is bare. The document itself
is the empty path ``""``, so its root element is ``child("", "MetaData")``.

Everything that builds, reads or rewrites a path goes through this module: the walkers
that read a document (their generator asks :func:`child_source` for the code that builds
a child's path), the mapper's irregular cases, schema findings (:func:`element_path`),
the engine's attribute findings (:func:`attribute`), the writer's return of unmapped
items (:func:`resolve`) and the WCO response reporter (:func:`parse`).

Model values keep their location (``path``, ``line``); :func:`element_of` maps a value
back to its element. Data a document does not hold has no element: :class:`Absent` says
where it would be, as the nearest element that is there plus the missing steps, in the
names of the document's own format (see :data:`AbsentLocator`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

from single_window._values import Leaf, Node

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "Absent",
    "AbsentLocator",
    "Location",
    "Shape",
    "Step",
    "attribute",
    "child",
    "child_source",
    "element_of",
    "element_path",
    "elements_on_line",
    "local_name",
    "moved",
    "parent",
    "parse",
    "relocate",
    "resolve",
    "same_names",
    "step",
]


# --- building --------------------------------------------------------------------------


def step(name: str, index: int | None = None) -> str:
    """One step: ``Name``, or ``Name[2]`` with a 1-based index."""
    return name if index is None else f"{name}[{index}]"


def child(path: str, name: str, index: int | None = None) -> str:
    """The path of a child element (``child("", "Declaration")`` is ``/Declaration``)."""
    return f"{path}/{name}" if index is None else f"{path}/{name}[{index}]"


def attribute(path: str, name: str) -> str:
    """The path of an element's attribute: ``.../TaxAssessedAmount/@currencyID``."""
    return f"{path}/@{name}"


def child_source(parent: str, name: str, index: str | None = None) -> str:
    """Python source of an expression that builds a child's path at run time.

    For generated code (the walkers): ``parent`` and ``index`` name variables of the
    generated function, ``name`` is the element name written into the code. The
    expression is the cheapest form of :func:`child` (one concatenation or f-string).

    Example:
        >>> print(child_source("path", "GoodsShipment"))
        path + "/GoodsShipment"
        >>> print(child_source("path", "AdditionalDocument", "c3"))
        f"{path}/AdditionalDocument[{c3}]"
    """
    if _NAME.fullmatch(name) is None:
        raise ValueError(f"{name!r} is not an element name")
    if index is None:
        return f'{parent} + "/{name}"'
    return f'f"{{{parent}}}/{name}[{{{index}}}]"'


# --- reading ---------------------------------------------------------------------------

#: An XML name without a colon; a step may carry a prefix (``md:MetaData``), which paths
#: of this library never have and which is read past. An attribute of a namespace is
#: named as lxml names it, ``{urn:example}name``.
_NAME = re.compile(r"[^\s/\[\]@:{}]+")
_ATTRIBUTE = re.compile(r"(?:\{[^\s{}]*\})?[^\s/\[\]@:{}]+")
_STEP = re.compile(r"(?:[^\s/\[\]@:]+:)?([^\s/\[\]@:]+)(?:\[([1-9][0-9]*)\])?")


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a path: an element name and, when it carries one, its 1-based index."""

    name: str
    index: int | None = None

    @property
    def position(self) -> int:
        """The element's 1-based place among its same-named siblings (a bare step is 1)."""
        return 1 if self.index is None else self.index

    def __str__(self) -> str:
        return step(self.name, self.index)


@dataclass(frozen=True, slots=True)
class Location:
    """A path read back into its steps (and the attribute it ends in, if any)."""

    steps: tuple[Step, ...]
    attribute: str | None = None

    @property
    def element(self) -> Location:
        """The element's location (an attribute's element; an element itself)."""
        return Location(self.steps) if self.attribute is not None else self

    def __str__(self) -> str:
        text = "".join(f"/{s}" for s in self.steps)
        return text if self.attribute is None else attribute(text, self.attribute)


def parse(path: str) -> Location:
    """Read a path into its steps.

    Raises:
        ValueError: when the text is not a path of this grammar.
    """
    if not path.startswith("/"):
        raise ValueError(f"{path!r} is not a path: it does not start with '/'")
    element, at, name = path.partition("/@")
    parts = element[1:].split("/") if element else []
    if at and (not parts or _ATTRIBUTE.fullmatch(name) is None):
        raise ValueError(f"{path!r} is not a path: {name!r} is not an attribute name")
    steps: list[Step] = []
    for part in parts:
        m = _STEP.fullmatch(part)
        if m is None:
            raise ValueError(f"{path!r} is not a path: {part!r} is not a step")
        steps.append(Step(m.group(1), int(m.group(2)) if m.group(2) else None))
    return Location(tuple(steps), name if at else None)


def parent(path: str) -> str:
    """The path of an element's parent, or of an attribute's element."""
    element, at, _ = path.partition("/@")
    return element if at else path.rpartition("/")[0]


def _namespace(tag: str) -> str | None:
    return tag[1:].partition("}")[0] if tag[:1] == "{" else None


def local_name(el: etree._Element) -> str:
    """An element's name without its namespace (``{urn:...}ID`` and ``ID`` give ``ID``)."""
    tag = el.tag
    assert isinstance(tag, str)
    return tag.rpartition("}")[2]


# --- moving ----------------------------------------------------------------------------


def moved(path: str | None, old: str, new: str) -> str | None:
    """A path with the prefix ``old`` (a whole element path) renamed to ``new``."""
    if path is not None and (path == old or path.startswith(old + "/")):
        return new + path[len(old) :]
    return path


def relocate(values: Iterable[Any], old: str, new: str) -> None:
    """Rename a path prefix in model values and everything below them.

    Used when a step gains an index after the fact: a second occurrence of a single
    element makes the first, already in the model, ``Name[1]``.
    """
    stack = list(values)
    while stack:
        item = stack.pop()
        if isinstance(item, Leaf):
            item.path = moved(item.path, old, new)
        elif isinstance(item, Node):
            item.__dict__["path"] = moved(item.path, old, new)
            for value in item.__dict__.values():
                if isinstance(value, list):
                    stack.extend(value)
                elif isinstance(value, Node | Leaf):
                    stack.append(value)


# --- documents -------------------------------------------------------------------------


class Shape(Protocol):
    """What a format's model says about the shape of its documents, for paths.

    A format gives the shape of its document (whose only children are the root elements
    it reads); :func:`element_path` asks it, step by step, whether an element repeats
    (so that its step always carries an index) and for the shape below it.
    """

    def child(self, name: str) -> tuple[bool, Shape | None]:
        """Whether a child element ``name`` repeats, and its own shape (None: unknown)."""
        ...


def element_path(
    el: etree._Element,
    shape: Shape | None = None,
    *,
    namespaces: Collection[str | None] | None = None,
) -> str:
    """The path of an element of a parsed document, as the format's reader names it.

    Args:
        el: The element.
        shape: The format's document shape (None: only same-named siblings are indexed).
        namespaces: The namespaces of the format's own elements below the root (None
            stands for unqualified elements); only they are looked up in the shape, an
            element of another namespace is indexed only for its same-named siblings. By
            default every element is the format's.
    """
    chain = [el, *el.iterancestors()]
    chain.reverse()
    root = chain[0]
    name = local_name(root)
    path = child("", name)
    current = shape.child(name)[1] if shape is not None else None
    for up, down in pairwise(chain):
        tag = down.tag
        assert isinstance(tag, str)
        name = tag.rpartition("}")[2]
        repeats, inner = False, None
        if current is not None and (namespaces is None or _namespace(tag) in namespaces):
            repeats, inner = current.child(name)
        siblings = [c for c in up if c.tag == tag]
        if repeats or len(siblings) > 1:
            path = child(path, name, siblings.index(down) + 1)
        else:
            path = child(path, name)
        current = inner
    return path


def resolve(
    root: etree._Element,
    path: str | Location,
    *,
    namespaces: Collection[str | None] | None = None,
    shape: Shape | None = None,
) -> etree._Element | None:
    """The element of a tree that a path names (an attribute path: its element).

    Args:
        root: The document's root element.
        path: A path or a parsed :class:`Location`.
        namespaces: Only elements of these namespaces count as steps below the root (None
            stands for unqualified elements); by default every element does.
        shape: With ``namespaces``, the format's document shape: the path is read as the
            format's reader names elements, so that a step may also name an element of
            another namespace that the reader kept as it was. It does when no element of
            the format's own has the step's name, or when the shape says the format's own
            repeat and the step has no index (theirs always carry one).

    Returns:
        The element, or None when the tree has no such element (or the path is not one).
    """
    if isinstance(path, str):
        try:
            path = parse(path)
        except ValueError:
            return None
    steps = path.steps
    if not steps or local_name(root) != steps[0].name:
        return None
    el = root
    current = shape.child(steps[0].name)[1] if shape is not None else None
    for s in steps[1:]:
        named = [c for c in el if isinstance(c.tag, str) and c.tag.rpartition("}")[2] == s.name]
        repeats, inner = current.child(s.name) if current is not None else (False, None)
        if namespaces is not None:
            own = [c for c in named if _namespace(c.tag) in namespaces]
            if shape is not None and (not own or (repeats and s.index is None)):
                own, inner = [c for c in named if c not in own], None
            named = own
        if len(named) < s.position:
            return None
        el = named[s.position - 1]
        current = inner
    return el


def element_of(
    root: etree._Element, value: Any, *, namespaces: Collection[str | None] | None = None
) -> etree._Element | None:
    """The element a model value was read from (its ``line`` is ``value.line``)."""
    path = getattr(value, "path", None)
    return resolve(root, path, namespaces=namespaces) if isinstance(path, str) else None


def elements_on_line(
    root: etree._Element, line: int, tag: str | None = None
) -> list[etree._Element]:
    """Elements that start on a source line (optionally with a given ``{ns}name`` tag)."""
    it = root.iter(tag) if tag else root.iter()
    return [e for e in it if isinstance(e.tag, str) and e.sourceline == line]


# --- absent data -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Absent:
    """Where data a document does not hold would be.

    Attributes:
        path: The nearest element that is there (a path into the document read).
        line: Its source line.
        missing: The steps from there to the missing data, in the element names of the
            document's own format.
    """

    path: str | None
    line: int | None
    missing: tuple[str, ...]

    def __str__(self) -> str:
        """The path the missing data would have: ``/MetaData/Declaration/ObligationGuarantee``."""
        return (self.path or "") + "".join(f"/{name}" for name in self.missing)


#: Where a format says canonical data that is not there would be in its own documents:
#: ``locate(document, anchor, missing)``. ``document`` is the format's own document the
#: declaration was read from (for a format whose model is the canonical one, the
#: declaration). ``anchor`` is the nearest value of the canonical model
#: (:mod:`single_window.models`) that is there; its ``path`` and ``line`` already point
#: into the document read, wherever the format's normalizer took it from. ``missing`` is
#: the steps below it in the canonical model's element names (``("ObligationGuarantee",)``
#: under a ``Declaration``). The answer names the steps in the format's own names and may
#: start from another element than the anchor's when the format nests it elsewhere (the
#: document is there to find that element).
AbsentLocator = Callable[[Any, Any, tuple[str, ...]], Absent]


def same_names(document: Any, anchor: Any, missing: tuple[str, ...]) -> Absent:
    """The :data:`AbsentLocator` of a format whose model is the canonical one (WCO): the
    anchor is where the data would be, and the canonical names are the document's."""
    return Absent(getattr(anchor, "path", None), getattr(anchor, "line", None), missing)
