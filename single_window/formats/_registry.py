"""The registry of document formats: what each one reads, and how a document finds its own.

A :class:`Format` is a record of plain functions: the roots it is recognised by, the
schema it validates against (chosen per document), its reader (tree -> the format's
document model + findings, in one walk), its normalizer into the canonical model the
rules read (:mod:`single_window.models`), its writer, and where it says absent canonical
data would be in its documents. :data:`FORMATS` lists every format by the module that
describes it; nothing registers itself when imported. The formats are loaded the first
time one is needed (:func:`registry`), which lets the model reach its writer
(``Declaration.to_xml``) without importing the readers and writers above it.

Conversions between formats are a registry of their own, keyed by (from, to): each
format lists the formats it converts from (:attr:`Format.converts_from`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from single_window import codes
from single_window._i18n import N_, Listing, Message, define
from single_window._locations import Absent, AbsentLocator, Shape, child, same_names
from single_window.findings import Finding

if TYPE_CHECKING:
    from lxml import etree

    from single_window.models import Declaration
    from single_window.schema import Schema

# The names are public through single_window.formats, which lists them.

#: Every format the library reads: its name -> the module whose ``FORMAT`` describes it.
#: A new format is one entry here and one folder beside ``wco/``.
FORMATS: dict[str, str] = {
    "wco": "single_window.formats.wco._format",
    "ncts": "single_window.formats.ncts._format",
}

#: The format whose model is the canonical one: a declaration built in Python (read from
#: no document) is written in it.
CANONICAL = "wco"


#: How a format and its roots are named in messages (``format.<key>``); each format's
#: title is the message ``format.<name>.title``.
_TEXTS = define(
    "format",
    {
        "root": N_("<{name}> in {namespace}"),
        "root-unqualified": N_("<{name}> (no namespace)"),
        "described": N_("{name}: {title}, root {roots}"),
    },
)


@dataclass(frozen=True)
class Root:
    """A root element a format is recognised by.

    Attributes:
        namespace: Its namespace (None: unqualified).
        name: Its local name.
    """

    namespace: str | None
    name: str

    @property
    def tag(self) -> str:
        """The tag as lxml spells it: ``{namespace}name``, or ``name`` when unqualified."""
        return self.name if self.namespace is None else f"{{{self.namespace}}}{self.name}"

    def message(self) -> Message:
        """The root as messages name it: ``<Declaration> in urn:...``."""
        if self.namespace is None:
            return _TEXTS("root-unqualified", name=self.name)
        return _TEXTS("root", name=self.name, namespace=self.namespace)

    def __str__(self) -> str:
        return self.message().render()


class Detected(NamedTuple):
    """What a document's root element says it is: the format, the root and the version."""

    format: Format
    root: Root
    version: str | None = None


class ReadFrom(NamedTuple):
    """What a declaration was read from (``Declaration.read_from``).

    Attributes:
        format: The format's name (``wco``).
        version: The format's version the document gave (None: the format has one).
        document: The format's own document model, when it is not the declaration itself
            (for WCO the declaration is its own document: None).
    """

    format: str
    version: str | None = None
    document: Any = None


class Converted(NamedTuple):
    """A format's document made from a declaration read in another format.

    Attributes:
        document: The format's document model.
        version: The format's version written (None: the format has one).
        defaults: (path in the document, value, reason) of each field filled from a
            documented default.
    """

    document: Any
    version: str | None = None
    defaults: tuple[tuple[str, str, Message], ...] = ()


#: Makes a format's document from a declaration read in another format (the canonical
#: view, with its ``read_from``), in the version asked for (None: the format's default);
#: the flag says the declaration was itself converted from this format and is read back
#: (to measure what the conversion lost: refuse nothing the format's own document had).
#: Raises :class:`~single_window.errors.ConversionError` when it cannot.
Converter = Callable[["Declaration", str | None, bool], Converted]


def _no_version(value: str | None) -> str | None:
    return None


def document_read(decl: Declaration) -> Any:
    """The document a declaration was read from: the format's own model, or the
    declaration itself when the format's model is the canonical one."""
    read = decl.read_from
    return read.document if read is not None and read.document is not None else decl


@dataclass(frozen=True)
class Format:
    """One document format: how it is recognised and what reads, checks and writes it.

    Attributes:
        name: Short name (``wco``), as ``Declaration.to_xml(format=...)`` and reports
            name it.
        title: What it is, for people (named in the finding for an unknown root).
        roots: The root elements it is recognised by.
        schema: The schema a document is validated against, chosen per document (root
            and version); compiled once, on first use. A caller's ``schema=`` replaces it.
        shape: The shape of its documents, so that schema findings index the steps its
            model repeats (:class:`~single_window._locations.Shape`).
        namespaces: The namespaces of its own elements below the root (None stands for
            unqualified ones, as NCTS has them); only they are looked up in ``shape``.
            None: every element is the format's (WCO).
        read: Tree -> (the format's document model or None, findings), in one walk; the
            paths and lines of its values point into the document.
        normalize: The format's document model -> (the canonical declaration or None,
            findings); every value keeps the location of the element it came from.
        write: The format's document model -> XML bytes (``pretty``: indented).
        example: A small valid document (batch workers check it once to warm up).
        version_attribute: The root's attribute that names the version (NCTS:
            ``PhaseID``), where the format has several.
        version: That attribute's value (None: absent) -> the version (``"5"``).
        document: The format's document model for a declaration read from it (by
            default the document read, see :func:`document_read`).
        absent: Where canonical data a document does not hold would be in it
            (:data:`~single_window._locations.AbsentLocator`).
        converts_from: Converters that make this format's document from a declaration
            read in another format, by that format's name.
        refusal: For a root element no format reads: the one finding this format gives
            when the root is one of its own documents that it does not read (another
            message type of its family), else None. Asked before the generic finding.
        code_list_at: The code list a value of its documents is drawn from, by the
            value's path (element names without positions, the root first), as
            :func:`single_window.codelists.list_at` names lists; None where no list
            applies. None (the attribute): the canonical model's places, which the
            code-list rules judge.
    """

    name: str
    title: str
    roots: tuple[Root, ...]
    schema: Callable[[Detected], Schema]
    shape: Shape
    read: Callable[[etree._Element, Detected], tuple[Any, list[Finding]]]
    normalize: Callable[[Any], tuple[Declaration | None, list[Finding]]]
    write: Callable[[Any, bool], bytes]
    example: bytes
    namespaces: frozenset[str | None] | None = None
    version_attribute: str | None = None
    version: Callable[[str | None], str | None] = _no_version
    document: Callable[[Declaration], Any] = document_read
    absent: AbsentLocator = same_names
    converts_from: Mapping[str, Converter] = field(default_factory=dict)
    refusal: Callable[[etree._Element], Finding | None] | None = None
    code_list_at: Callable[[Sequence[str]], str | None] | None = None

    def __post_init__(self) -> None:
        # The title is the message format.<name>.title (a format registered again, in a
        # test, may bring another title).
        define(f"format.{self.name}", {"title": self.title}, replace=True)

    def message(self) -> Message:
        """The format as messages name it: its name, title and roots."""
        return _TEXTS(
            "described",
            name=self.name,
            title=Message(f"format.{self.name}.title"),
            roots=Listing.of((r.message() for r in self.roots), "or"),
        )

    def __str__(self) -> str:
        return self.message().render()


class Registry:
    """The formats the library reads, found by name or by a document's root element."""

    def __init__(self, formats: Iterable[Format]) -> None:
        self._formats: dict[str, Format] = {}
        self._roots: dict[str, tuple[Format, Root]] = {}
        self._root_names: dict[str, Format] = {}
        for fmt in formats:
            if fmt.name in self._formats:
                raise ValueError(f"format {fmt.name!r} is registered twice")
            self._formats[fmt.name] = fmt
            for root in fmt.roots:
                if root.tag in self._roots:
                    other = self._roots[root.tag][0].name
                    raise ValueError(f"{root} is the root of both {other} and {fmt.name}")
                self._roots[root.tag] = (fmt, root)
                self._root_names.setdefault(root.name, fmt)

    @property
    def names(self) -> tuple[str, ...]:
        """The formats' names, in registry order."""
        return tuple(self._formats)

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats.values())

    def get(self, name: str) -> Format:
        """The format of this name.

        Raises:
            ValueError: when no format has this name; the message names the known ones.
        """
        found = self._formats.get(name)
        if found is None:
            known = ", ".join(repr(n) for n in self._formats)
            raise ValueError(f"unknown format {name!r}; the formats are {known}")
        return found

    def detect(self, root: etree._Element) -> Detected | None:
        """The format a document's root element belongs to, with its version (None: no
        format reads this root)."""
        tag = root.tag
        found = self._roots.get(tag) if isinstance(tag, str) else None
        if found is None:
            return None
        fmt, spec = found
        value = root.get(fmt.version_attribute) if fmt.version_attribute else None
        return Detected(fmt, spec, fmt.version(value))

    def by_root_name(self, name: str) -> Format | None:
        """The format with a root of this local name (a path's first step), if any (the
        first registered, should two formats' roots share a name)."""
        return self._root_names.get(name)

    def unknown_root(self, root: etree._Element) -> Finding:
        """The one finding for a document whose root element no format reads: a format's
        own refusal when the root is of its family (an NCTS message of a type not read),
        else one that names the root and every format with the roots it reads."""
        for fmt in self:
            if fmt.refusal is not None and (refused := fmt.refusal(root)) is not None:
                return refused
        tag = root.tag if isinstance(root.tag, str) else ""
        namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        found = Root(namespace or None, name)
        known = Listing.of((fmt.message() for fmt in self), "semicolon")
        message = codes.message(
            codes.MODEL_ROOT, "unknown-root", root=found.message(), formats=known
        )
        return codes.finding(message, path=child("", name), line=root.sourceline, value=tag)

    def converter(self, source: str, target: str) -> Converter | None:
        """The converter from one format to another, if there is one."""
        return self.get(target).converts_from.get(source)

    def conversions(self) -> list[tuple[str, str]]:
        """Every (from, to) pair a converter exists for."""
        return [(src, fmt.name) for fmt in self for src in fmt.converts_from]

    def write(self, decl: Declaration, format: str | None = None, *, pretty: bool = True) -> bytes:
        """A declaration as XML: in the format it was read from, or in ``format``.

        Raises:
            TypeError: when ``format`` is not a str.
            ValueError: for an unknown format, or one the declaration cannot be converted
                to; the message names what there is.
            ConversionError: when the conversion cannot be made (see
                :func:`single_window.convert`, which also lists what a conversion
                loses).
        """
        if format is not None and not isinstance(format, str):
            raise TypeError(f"format must be a format's name (str), not {type(format).__name__}")
        read = decl.read_from
        source = read.format if read is not None else CANONICAL
        target = source if format is None else format
        fmt = self.get(target)
        if target == source:
            return fmt.write(fmt.document(decl), pretty)
        if self.converter(source, target) is None:
            pairs = ", ".join(f"{a} -> {b}" for a, b in self.conversions()) or "none yet"
            raise ValueError(
                f"a declaration read as {source} cannot be written as {target}: no converter "
                f"from {source} to {target} (conversions: {pairs})"
            )
        # Converted without the losses measured: Declaration.to_xml and
        # single_window.convert() measure and report them.
        return fmt.write(self.get(target).converts_from[source](decl, None, False).document, pretty)

    def absent(self, decl: Declaration, anchor: Any, missing: Sequence[str]) -> Absent:
        """Where canonical data a declaration lacks would be in the document it was read
        from: the nearest element there and the missing steps in that format's names.

        Args:
            decl: The declaration (its ``read_from`` names the format).
            anchor: The nearest canonical value that is there.
            missing: The steps below ``anchor`` in the canonical model's element names.
        """
        read = decl.read_from
        fmt = self.get(read.format if read is not None else CANONICAL)
        return fmt.absent(fmt.document(decl), anchor, tuple(missing))


def _load(module: str) -> Format:
    found = importlib.import_module(module).FORMAT
    if not isinstance(found, Format):
        raise TypeError(f"{module}.FORMAT is not a Format")
    return found


@cache
def registry() -> Registry:
    """The registry of :data:`FORMATS` (the formats are imported on the first call)."""
    return Registry(_load(module) for module in FORMATS.values())
