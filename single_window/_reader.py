"""Secure XML reading: bytes in, an lxml tree or a located finding out.

The parser never loads a DTD, never expands an entity, never touches the network and
never processes XInclude; a document that declares a DOCTYPE is refused outright (WCO
messages have none) before it is parsed, and the parser's resolver answers every request
for an external resource (DTD, parameter entity) with nothing, so not even a local file
is opened. libxml2's own hard limits stay on (``huge_tree`` is off): at most
256 levels of nesting and 10,000,000 characters in one text node. On top of that the
reader refuses input larger than :attr:`Limits.max_bytes` before parsing it.

UTF-8 (with or without BOM) and UTF-16 (with BOM) are read; so are CRLF line ends and
documents without an XML declaration.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Union

from lxml import etree

from single_window.findings import Finding, Severity

__all__ = ["Limits", "ReadResult", "Source", "load_bytes", "read_xml"]

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]


@dataclass(frozen=True)
class Limits:
    """Resource limits of the reader.

    Attributes:
        max_bytes: Largest input accepted, in bytes (default 32 MiB; real declarations
            are well under 1 MiB, a 999-item declaration a few MiB).
        max_elements: Most elements accepted in one document.
        max_text: Longest text node or attribute value accepted, in characters.
    """

    max_bytes: int = 32 * 1024 * 1024
    max_elements: int = 250_000
    """Most elements a document may have (a 999-item declaration has about 40,000)."""
    max_text: int = 1_000_000
    """Longest text or attribute value, in characters (WCO values are at most 512)."""

    #: Nesting depth limit enforced by libxml2 (not configurable without huge_tree).
    MAX_DEPTH = 256
    #: Text node length limit enforced by libxml2 (not configurable without huge_tree).
    MAX_TEXT = 10_000_000


DEFAULT_LIMITS = Limits()


@dataclass
class ReadResult:
    """The outcome of reading one source: a tree, or findings (or both)."""

    name: str
    root: etree._Element | None
    findings: list[Finding]


_local = threading.local()


class _RefuseExternal(etree.Resolver):  # type: ignore[misc]
    """Answers every request for an external resource with an empty document."""

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        return self.resolve_string("", context)


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            remove_blank_text=True,
            collect_ids=False,
            compact=True,
        )
        parser.resolvers.add(_RefuseExternal())
        _local.parser = parser
    return parser


def _count_elements() -> etree.XPath:
    counter: etree.XPath | None = getattr(_local, "counter", None)
    if counter is None:
        counter = _local.counter = etree.XPath("count(//*)")
    return counter


def _long_values() -> etree.XPath:
    finder: etree.XPath | None = getattr(_local, "long_values", None)
    if finder is None:
        finder = _local.long_values = etree.XPath(
            "boolean(//@*[string-length(.) > $n] | //text()[string-length(.) > $n])"
        )
    return finder


def _finding(
    rule: str, message: str, line: int | None = None, column: int | None = None
) -> Finding:
    return Finding(
        rule=rule, severity=Severity.ERROR, message=message, line=line, column=column, path=None
    )


def source_name(source: object) -> str:
    """A display name for a source: the path, the file object's name, or ``<bytes>``."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    if isinstance(source, bytes | bytearray | memoryview):
        return "<bytes>"
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def load_bytes(
    source: Source, limits: Limits = DEFAULT_LIMITS
) -> tuple[bytes | None, list[Finding]]:
    """Read a source's bytes, refusing anything over the size limit.

    Returns the bytes, or None and a finding (``XML-LIMIT`` for too large, ``XML-IO`` for
    a file that cannot be read).
    """
    limit = limits.max_bytes
    try:
        if isinstance(source, bytes):
            data = source
        elif isinstance(source, bytearray | memoryview):
            data = bytes(source)
        elif isinstance(source, str | os.PathLike):
            path = Path(source)
            with path.open("rb") as fh:
                data = fh.read(limit + 1)
        elif hasattr(source, "read"):
            chunk = source.read(limit + 1)
            if not isinstance(chunk, bytes):
                return None, [_finding("XML-IO", "the file object must be opened in binary mode")]
            data = chunk
        else:
            return None, [
                _finding(
                    "XML-IO",
                    f"cannot read a {type(source).__name__}; pass a path, bytes or a binary file",
                )
            ]
    except OSError as exc:
        return None, [_finding("XML-IO", f"cannot read input: {exc.strerror or exc}")]
    if len(data) > limit:
        return None, [
            _finding(
                "XML-LIMIT",
                f"input is larger than {limit} bytes; declarations this large are refused",
            )
        ]
    return data, []


def _classify(message: str) -> str:
    lowered = message.lower()
    if any(
        marker in lowered
        for marker in ("excessive depth", "huge", "resource limit", "limit exceeded")
    ):
        return "XML-LIMIT"
    if "entity" in lowered and ("loop" in lowered or "amplification" in lowered):
        return "XML-ENTITY"
    if "encoding" in lowered or "utf-8" in lowered or "char 0x" in lowered:
        return "XML-ENCODING"
    return "XML-SYNTAX"


_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_:\u00c0-\uffff]")
_DOCTYPE_REFUSED = (
    "the document declares a DOCTYPE; WCO declarations have none and DTDs "
    "(entities, external references) are refused"
)


_DOCTYPE_BYTES = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_FIRST_ELEMENT_BYTES = re.compile(rb"<[A-Za-z_:\x80-\xff]")
_PROLOG_SCAN = 65536


def _utf16_text(data: bytes) -> str | None:
    """The start of a UTF-16 document as text, or None for an ASCII-compatible one."""
    head = data[:_PROLOG_SCAN]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore")
    if head[:4] in (b"<\x00?\x00", b"<\x00!\x00"):
        return head.decode("utf-16-le", "ignore")
    if head[:4] in (b"\x00<\x00?", b"\x00<\x00!"):
        return head.decode("utf-16-be", "ignore")
    return None


def declares_doctype(data: bytes) -> bool:
    """True when a DOCTYPE appears before the first element (checked before parsing).

    Only the prolog is searched: the scan stops at the first start tag.
    """
    text = _utf16_text(data)
    if text is not None:
        element = _FIRST_ELEMENT.search(text)
        return _DOCTYPE.search(text, 0, element.start() if element else len(text)) is not None
    element_b = _FIRST_ELEMENT_BYTES.search(data, 0, _PROLOG_SCAN)
    end = element_b.start() if element_b else min(len(data), _PROLOG_SCAN)
    return _DOCTYPE_BYTES.search(data, 0, end) is not None


def parse_bytes(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[etree._Element | None, list[Finding]]:
    """Parse bytes securely. Returns the root element, or None and one finding."""
    if not data.strip():
        return None, [_finding("XML-SYNTAX", "the document is empty", 1, 1)]
    if declares_doctype(data):
        return None, [_finding("XML-DOCTYPE", _DOCTYPE_REFUSED, 1, 1)]
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        entry = exc.error_log.last_error if exc.error_log else None
        message = (entry.message if entry is not None else exc.msg) or str(exc)
        line = entry.line if entry is not None else exc.lineno
        column = entry.column if entry is not None else exc.offset
        return None, [
            _finding(_classify(message), f"not well-formed XML: {message.strip()}", line, column)
        ]
    except (ValueError, MemoryError) as exc:  # e.g. unsupported encoding declaration
        return None, [_finding("XML-ENCODING", f"cannot decode the document: {exc}", 1, 1)]
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        return None, [_finding("XML-DOCTYPE", _DOCTYPE_REFUSED, 1, 1)]
    # Every element takes at least four bytes (``<a/>``), so only an input of at least
    # four bytes per allowed element can hold too many: ordinary declarations skip the count.
    count = int(_count_elements()(root)) if len(data) >= 4 * limits.max_elements else 0
    if count > limits.max_elements:
        return None, [
            _finding(
                "XML-LIMIT",
                f"the document has {count} elements; more than {limits.max_elements} are refused",
                1,
                1,
            )
        ]
    # Only a document larger than the limit can hold a value over it: the scan is skipped
    # for every ordinary declaration.
    if len(data) > limits.max_text and _long_values()(root, n=limits.max_text):
        return None, [
            _finding(
                "XML-LIMIT",
                f"a text or attribute value is longer than {limits.max_text} characters",
                1,
                1,
            )
        ]
    return root, []


def read_xml(source: Source, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read and securely parse a source. Never raises for bad input."""
    name = source_name(source)
    data, findings = load_bytes(source, limits)
    if data is None:
        return ReadResult(name, None, findings)
    root, findings = parse_bytes(data, limits)
    return ReadResult(name, root, findings)
