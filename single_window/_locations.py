"""Locations: the one grammar of the paths that findings and model values carry.

A path names one node of a document, from its root element down::

    /MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/Commodity/Classification[1]/ID
    /MetaData/Declaration/GoodsShipment/.../TaxAssessedAmount/@currencyID

Grammar::

    path      = element-path ["/@" attribute]
    element   = ("/" step)+
    step      = ["{" namespace "}"] name ["[" index "]"]

``name`` is the element's local name: a path reads the same whether a format qualifies
its elements (WCO: every element in a namespace) or not (NCTS: a qualified root,
unqualified children). ``index`` is 1-based and counts the siblings of the same
namespace and name. A step carries an index when the format's model says the element
repeats, or when it has same-named siblings; otherwise it is bare. The document itself
is the empty path ``""``, so its root element is ``child("", "MetaData")``.

An element of another namespace than the format's own whose local name a sibling of
another namespace shares is named with its namespace, as lxml names it
(``/Declaration/{urn:example}TypeCode``, ``{}TypeCode`` for an unqualified one), so that
every path names exactly one element; a bare step never names such an element. (Two
elements of one local name in two of the format's own namespaces side by side, a WCO
``md:X`` beside a DEC-DMS ``X``, are the one case this does not tell apart: which of
them is the format's there only its model knows.)

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
    "step_name",
]


# --- building --------------------------------------------------------------------------


def step(name: str, index: int | None = None) -> str:
    """One step: ``Name``, or ``Name[2]`` with a 1-based index."""
    return name if index is None else f"{name}[{index}]"


def child(path: str, name: str, index: int | None = None) -> str:
    """The path of a child element (``child("", "Declaration")`` is ``/Declaration``)."""
    return f"{path}/{name}" if index is None else f"{path}/{name}[{index}]"


def attribute_place(node: Any, name: str) -> tuple[str | None, int | None]:
    """Where attribute ``name`` of a value was read: the value's own element with the
    attribute step, or the element a format gives the attribute of its own (an NCTS
    ``currency`` beside ``amountToBeCovered``)."""
    places = getattr(node, "places", None)
    if places and name in places:
        found: tuple[str | None, int | None] = places[name]
        return found
    path = node.path
    return (attribute(path, name) if path is not None else None), node.line


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
#: of this library never have and which is read past, or a namespace as lxml names it
#: (``{urn:example}Code``); so is an attribute of a namespace named.
_NAME = re.compile(r"[^\s/\[\]@:{}]+")
_ATTRIBUTE = re.compile(r"(?:\{[^\s{}]*\})?[^\s/\[\]@:{}]+")
_STEP = re.compile(
    r"/(?:\{(?P<ns>[^\s{}]*)\}|[^\s/\[\]@:{}]+:)?(?P<name>[^\s/\[\]@:{}]+)"
    r"(?:\[(?P<index>[1-9][0-9]*)\])?"
)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a path: an element name and, when it carries one, its 1-based index;
    ``namespace`` when the step names it (``""``: an unqualified element)."""

    name: str
    index: int | None = None
    namespace: str | None = None

    @property
    def position(self) -> int:
        """The element's 1-based place among its same-named siblings (a bare step is 1)."""
        return 1 if self.index is None else self.index

    @property
    def tag(self) -> str | None:
        """The lxml tag of the element a step with a namespace names (None: a bare step)."""
        if self.namespace is None:
            return None
        return f"{{{self.namespace}}}{self.name}" if self.namespace else self.name

    def __str__(self) -> str:
        name = self.name if self.namespace is None else f"{{{self.namespace}}}{self.name}"
        return step(name, self.index)


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
    steps: list[Step] = []
    at = 0
    while at < len(path):
        if path.startswith("/@", at):
            name = path[at + 2 :]
            if not steps or _ATTRIBUTE.fullmatch(name) is None:
                raise ValueError(f"{path!r} is not a path: {name!r} is not an attribute name")
            return Location(tuple(steps), name)
        m = _STEP.match(path, at)
        if m is None or (m.end() < len(path) and path[m.end()] != "/"):
            rest = path[at + 1 :].partition("/")[0]
            raise ValueError(f"{path!r} is not a path: {rest!r} is not a step")
        index = m.group("index")
        steps.append(Step(m.group("name"), int(index) if index else None, m.group("ns")))
        at = m.end()
    return Location(tuple(steps))


def parent(path: str) -> str:
    """The path of an element's parent, or of an attribute's element."""
    depth = 0
    for i in range(len(path) - 1, -1, -1):  # the last slash outside a {namespace}
        char = path[i]
        if char == "}":
            depth += 1
        elif char == "{":
            depth -= 1
        elif char == "/" and depth == 0:
            return path[:i]
    return ""


def _namespace(tag: str) -> str | None:
    return tag[1:].partition("}")[0] if tag[:1] == "{" else None


def step_name(tag: str, siblings: Iterable[Any], namespaces: Collection[str | None] | None) -> str:
    """The name of an element's step: its local name or, for an element of another
    namespace than the format's own whose local name a sibling of another tag shares, its
    lxml tag (``{urn:example}Code``; ``{}Code`` for an unqualified one).

    Args:
        tag: The element's tag.
        siblings: The tags of its parent's children (the element's own among them; what
            is not a string is passed over).
        namespaces: The format's own namespaces (None stands for unqualified elements);
            None: every element is the format's, and every step is a local name.
    """
    local = tag.rpartition("}")[2]
    if namespaces is None or _namespace(tag) in namespaces:
        return local
    for other in siblings:
        if isinstance(other, str) and other != tag and other.rpartition("}")[2] == local:
            return tag if tag[:1] == "{" else "{}" + tag
    return local


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
            element of another namespace is indexed only for its same-named siblings, and
            named with its namespace when a sibling of another tag has its local name
            (:func:`step_name`). By default every element is the format's.
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
        name = step_name(tag, (c.tag for c in up), namespaces)
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
            stands for unqualified elements); by default every element does. A step that
            names its namespace names an element of that namespace whatever this says.
        shape: With ``namespaces``, the format's document shape: the path is read as the
            format's reader names elements, so that a bare step may also name an element
            of another namespace that the reader kept as it was, when no element of the
            format's own (nor of a third namespace) has the step's name there.

    Returns:
        The element, or None when the tree has no such element (or the path is not one).
    """
    if isinstance(path, str):
        try:
            path = parse(path)
        except ValueError:
            return None
    steps = path.steps
    if not steps or local_name(root) != steps[0].name or steps[0].tag not in (None, root.tag):
        return None
    el = root
    current = shape.child(steps[0].name)[1] if shape is not None else None
    for s in steps[1:]:
        tag = s.tag
        if tag is not None:
            named = [c for c in el if c.tag == tag]
            own = namespaces is None or _namespace(tag) in namespaces
        else:
            named = [c for c in el if isinstance(c.tag, str) and local_name(c) == s.name]
            own = True
            if namespaces is not None:
                ours = [c for c in named if _namespace(str(c.tag)) in namespaces]
                if shape is not None and not ours and len({c.tag for c in named}) == 1:
                    ours, own = named, False
                named = ours
        inner = current.child(s.name)[1] if current is not None and own else None
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
