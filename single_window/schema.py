"""XSD schemas: the bundled OTS profile, or any schema a caller passes.

Schemas are compiled by lxml (libxml2, XSD 1.0) once and cached by path; validation
reports each violation as a finding with rule ``XSD``, the element's 1-based XPath and its
line. Loading never fetches anything over the network.

Example:
    >>> from single_window import load_schema
    >>> national = load_schema("../shared/corpus/hmrc-cds/schemas/all.xsd")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Collection
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree

from single_window import codes
from single_window._locations import Shape, attribute, element_path, elements_on_line
from single_window.errors import SchemaError
from single_window.findings import Finding

__all__ = ["BUNDLED_SCHEMA", "Schema", "bundled_schema_path", "load_schema"]

#: File name of the bundled profile's entry point.
BUNDLED_SCHEMA = "ots-profile.xsd"

#: At most this many schema findings are reported per document.
MAX_SCHEMA_FINDINGS = 100

_ELEMENT_IN_MESSAGE = re.compile(r"Element '(\{[^}]*\}[^']+|[^'{}]+)'(?:, attribute '([^']+)')?")
_SCHEMA_PREFIX = re.compile(r"^Element '[^']*'(?:, attribute '[^']*')?: ")


def bundled_schema_path() -> Path:
    """Where the bundled OTS profile's entry file is (installed package or source tree)."""
    installed = resources.files("single_window") / "_bundled_xsd" / BUNDLED_SCHEMA
    if installed.is_file():
        return Path(str(installed))
    source_tree = Path(__file__).resolve().parent.parent / "xsd" / BUNDLED_SCHEMA
    if source_tree.is_file():
        return source_tree
    raise SchemaError(f"the bundled schema {BUNDLED_SCHEMA} is missing from the installation")


class Schema:
    """A compiled XSD schema.

    Create with :func:`load_schema`; pass to ``validate``/``check`` as ``schema=``. One
    schema can serve many threads at once: each thread validates with its own compiled
    copy, so findings never cross between documents.
    """

    #: The shape and own namespaces :meth:`validate` gives findings paths by when it is
    #: told none (a format's own schema class names its format's).
    SHAPE: ClassVar[Shape | None] = None
    NAMESPACES: ClassVar[frozenset[str | None] | None] = None

    def __init__(self, path: Path) -> None:
        self.path = path
        parser = etree.XMLParser(
            no_network=True, resolve_entities=False, load_dtd=False, huge_tree=False
        )
        try:
            self._doc = etree.parse(str(path), parser)
            compiled = etree.XMLSchema(self._doc)
        except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
            raise SchemaError(f"cannot load schema {path}: {exc}") from exc
        self._lock = threading.Lock()
        # lxml keeps a validator's error log on the validator itself, so two threads
        # validating with one compiled schema would read each other's errors. Each thread
        # compiles its own copy (a few milliseconds, once per thread).
        self._local = threading.local()
        self._local.xsd = compiled
        self._explainer: Any = None

    @property
    def _xsd(self) -> etree.XMLSchema:
        """This thread's compiled schema."""
        xsd: etree.XMLSchema | None = getattr(self._local, "xsd", None)
        if xsd is None:
            with self._lock:
                xsd = self._local.xsd = etree.XMLSchema(self._doc)
        return xsd

    def __repr__(self) -> str:
        return f"Schema({str(self.path)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Compiled schemas do not pickle; a worker process reloads from the path.
        return (load_schema, (self.path,))

    def validate(
        self,
        root: etree._Element,
        *,
        shape: Shape | None = None,
        namespaces: Collection[str | None] | None = None,
    ) -> list[Finding]:
        """Validate a parsed document. Returns one finding per violation (at most 100).

        Args:
            root: The document's root element.
            shape: The shape of the document's format (:mod:`single_window.formats`), so
                that a finding's path indexes the steps the format's model repeats, as
                the reader's paths do; None: the class's :attr:`SHAPE` (none: only
                same-named siblings are indexed).
            namespaces: The namespaces of the format's own elements below the root (None
                stands for unqualified ones; by default every element is the format's):
                only they are looked up in ``shape``.
        """
        if shape is None:
            shape, namespaces = self.SHAPE, self.NAMESPACES
        xsd = self._xsd
        if xsd.validate(root):
            return []
        findings: list[Finding] = []
        for entry in xsd.error_log:
            if len(findings) >= MAX_SCHEMA_FINDINGS:
                too_many = codes.message(codes.XSD, "too-many", count=MAX_SCHEMA_FINDINGS)
                findings.append(codes.finding(too_many))
                break
            findings.append(_finding(root, entry, shape, namespaces))
        return findings

    def explain(self, source: bytes) -> list[str]:
        """Re-check a failed document with xmlschema and return its readable reasons.

        Slower than :meth:`validate`; meant for the few documents that failed.
        """
        import xmlschema

        with self._lock:
            if self._explainer is None:
                self._explainer = xmlschema.XMLSchema(str(self.path))
        reasons: list[str] = []
        for error in self._explainer.iter_errors(source.decode("utf-8", "replace")):
            reasons.append(f"{error.path}: {error.reason}")
        return reasons


#: A step of the node path libxml2 gives a violation (``xmlGetNodePath``): ``*[3]`` for
#: an element in a default namespace (counting every element sibling), ``md:Name[2]`` for
#: a prefixed one (counting the siblings of that prefix and name), ``Name`` for an
#: unqualified one; no index when the element is the only one so counted.
_NODE_STEP = re.compile(
    r"(?:(?P<prefix>[^\s/\[\]:@*]+):)?(?P<name>\*|[^\s/\[\]:@*()]+)(?:\[(?P<n>[1-9][0-9]*)\])?"
)


def _counted(el: etree._Element, prefix: str | None, name: str) -> bool:
    """Whether libxml2 counts an element for a node path step (``prefix:name``, ``name``
    or ``*``)."""
    tag = el.tag
    if not isinstance(tag, str):
        return False
    if name == "*":
        return True
    ns, _, local = tag[1:].partition("}") if tag[:1] == "{" else (None, "", tag)
    if local != name:
        return False
    return el.prefix == prefix if prefix is not None else ns is None


def _logged_element(root: etree._Element, node_path: str | None) -> etree._Element | None:
    """The element that libxml2's node path of a violation names (an attribute's path: its
    element), or None when the path does not lead to one."""
    if not node_path or not node_path.startswith("/"):
        return None
    el: etree._Element | None = None
    for part in node_path[1:].split("/"):
        if part.startswith("@"):
            break
        m = _NODE_STEP.fullmatch(part)
        if m is None:
            return None
        prefix, name = m.group("prefix"), m.group("name")
        pool = [root] if el is None else list(el)
        counted = [c for c in pool if _counted(c, prefix, name)]
        n = int(m.group("n") or 1)
        if len(counted) < n:
            return None
        el = counted[n - 1]
    return el


def _violating(root: etree._Element, entry: Any, tag: str) -> etree._Element | None:
    """The element a violation is about: the one its node path names, else the first
    element of its tag on its line."""
    el = _logged_element(root, getattr(entry, "path", None))
    if el is not None and el.tag == tag:
        return el
    candidates = elements_on_line(root, entry.line, tag) if entry.line else []
    return candidates[0] if candidates else None


def _finding(
    root: etree._Element,
    entry: Any,
    shape: Shape | None,
    namespaces: Collection[str | None] | None,
) -> Finding:
    message: str = entry.message or ""
    line: int | None = entry.line or None
    path: str | None = None
    value: str | None = None
    m = _ELEMENT_IN_MESSAGE.match(message)
    if m:
        el = _violating(root, entry, m.group(1))
        if el is not None:
            line = el.sourceline or line
            path = element_path(el, shape, namespaces=namespaces)
            name = m.group(2)
            if name is not None:
                # A finding about an attribute's value names the attribute.
                path = attribute(path, name)
                found = el.get(name)
                value = found[:80] if found is not None else None
            elif el.text and el.text.strip() and len(el) == 0:
                value = el.text.strip()[:80]
    # libxml2's own text is the detail, as it wrote it: only the element it names moves
    # into the template.
    detail = _SCHEMA_PREFIX.sub("", message).strip()
    if not message:
        text = codes.message(codes.XSD, "unknown")
    elif m:
        text = codes.message(
            codes.XSD, "element", element=m.group(1).rpartition("}")[2], detail=detail
        )
    else:
        text = codes.message(codes.XSD, "document", detail=detail)
    return codes.finding(text, path=path, line=line, column=entry.column or None, value=value)


_cache: dict[str, Schema] = {}


@cache
def _bundled() -> Schema:
    return load_schema(bundled_schema_path())


_cache_lock = threading.Lock()


def load_schema(path: str | os.PathLike[str] | None = None) -> Schema:
    """Load and compile an XSD once; later calls with the same path return the same object.

    Args:
        path: The schema's entry file. None loads the bundled OTS profile.

    Raises:
        SchemaError: when the file cannot be read or does not compile.
    """
    if path is None:
        return _bundled()
    resolved = Path(path).resolve()
    key = str(resolved)
    with _cache_lock:
        schema = _cache.get(key)
        if schema is None:
            if not resolved.is_file():
                raise SchemaError(f"schema file {resolved} does not exist")
            schema = _cache[key] = Schema(resolved)
    return schema
