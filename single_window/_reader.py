"""Secure XML reading: bytes in, an lxml tree or a located finding out.

The parser never loads a DTD, never expands an entity, never touches the network and
never processes XInclude; a document that declares a DOCTYPE is refused outright (WCO
messages have none) before it is parsed, and the parser's resolver answers every request
for an external resource (DTD, parameter entity) with nothing, so not even a local file
is opened. libxml2's own hard limits stay on (``huge_tree`` is off): at most
256 levels of nesting and 10,000,000 characters in one text node. On top of that the
reader refuses input larger than :attr:`Limits.max_bytes` before parsing it.

UTF-8 (with or without BOM) and UTF-16 (with BOM) are read; so are CRLF line ends and
documents without an XML declaration. A lone CR (old Mac line ends) is read as LF before
parsing, as XML 1.0's end-of-line handling says it means, so that findings of such a
file sit on their real lines (libxml2 counts only LF).

What a source may be (:func:`load_bytes`): a ``str`` that starts with ``<`` after
whitespace or a BOM is XML text, any other ``str`` or ``os.PathLike`` is a path,
``bytes``/``bytearray``/``memoryview`` are XML, and an object with ``read()`` is a
binary file object. A path is checked with ``stat`` before it is opened: a directory,
FIFO, socket or device is refused with a finding without being opened, so it can never
block the reader. Anything wrong with a source is an ``XML-IO`` finding; whether an
argument is a kind of source at all is checked before it gets here
(:func:`single_window._arguments.check_source`).
"""

from __future__ import annotations

import os
import re
import stat
import threading
from dataclasses import dataclass
from typing import IO, Union

from lxml import etree

from single_window import codes
from single_window._display import display_name
from single_window._i18n import Message
from single_window._limits import DEFAULT_LIMITS, Limits
from single_window.findings import Finding

__all__ = [
    "ReadResult",
    "Source",
    "is_xml_text",
    "load_bytes",
    "read_xml",
    "source_name",
]

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]


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


def _finding(message: Message, line: int | None = None, column: int | None = None) -> Finding:
    return codes.finding(message, line=line, column=column)


def _io(key: str, **params: object) -> Finding:
    """An ``XML-IO`` finding."""
    return _finding(codes.message(codes.XML_IO, key, **params))


_XML_TEXT = re.compile(r"[ \t\r\n\ufeff]*<")


def is_xml_text(source: str) -> bool:
    """True when a ``str`` source is XML text: it starts with ``<`` after whitespace or a BOM."""
    return _XML_TEXT.match(source) is not None


def source_name(source: object) -> str:
    """A display name for a source: the path, the file object's name, or ``<bytes>``.

    XML text in a ``str`` is ``<string>``. The name is made safe to show with
    :func:`~single_window._display.display_name` (undecodable bytes and control
    characters are escaped).
    """
    if isinstance(source, str):
        return "<string>" if is_xml_text(source) else display_name(source)
    if isinstance(source, os.PathLike):
        try:
            return display_name(os.fsdecode(os.fspath(source)))
        except Exception:  # a broken __fspath__ is the input's problem, not ours
            return "<path>"
    if isinstance(source, bytes | bytearray | memoryview):
        return "<bytes>"
    try:
        name = getattr(source, "name", None)
    except Exception:
        name = None
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return display_name(name) if isinstance(name, str) else "<stream>"


#: The kinds of file that are not regular files, by the key of their name in ``XML-IO``.
_FILE_KINDS = (
    (stat.S_ISFIFO, "kind-fifo"),
    (stat.S_ISSOCK, "kind-socket"),
    (stat.S_ISCHR, "kind-character-device"),
    (stat.S_ISBLK, "kind-block-device"),
)


def _not_regular(mode: int, path: str) -> Finding:
    """The finding for a file that is not a regular file."""
    if stat.S_ISDIR(mode):
        if not os.access(path, os.R_OK | os.X_OK):
            return _io("directory-unreadable")
        return _io("directory")
    kind = next((key for test, key in _FILE_KINDS if test(mode)), None)
    if kind is None:  # a file of a kind the system names no other way
        return _io("not-regular-other")
    return _io("not-regular", kind=codes.message(codes.XML_IO, kind))


def _io_error(exc: OSError, path: str) -> Finding:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return _io("dangling-link", reason=reason)
    if isinstance(exc, FileNotFoundError) and ("\n" in path or len(path) > 255):
        return _io("not-a-path", reason=reason)
    if isinstance(exc, FileNotFoundError):
        return _io("not-found", reason=reason)
    if isinstance(exc, PermissionError):
        return _io("permission-denied", reason=reason)
    return _io("unreadable", reason=reason)


def _read_path(source: str | os.PathLike[str] | os.PathLike[bytes], limit: int) -> bytes | Finding:
    """A regular file's bytes (at most ``limit + 1``); anything else is refused unopened.

    The file is checked with ``stat`` before it is opened, so a FIFO, socket or device
    never blocks the reader; it is opened non-blocking and checked again, so a file
    swapped for one in between is refused too.
    """
    try:
        path = os.fspath(source)
    except Exception as exc:
        return _io("path-raised", error=repr(exc))
    name = os.fsdecode(path)
    if "\0" in name:
        return _io("nul-byte")
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            return _not_regular(mode, name)
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                return _not_regular(mode, name)
            return fh.read(limit + 1)
    except OSError as exc:
        return _io_error(exc, name)
    except ValueError as exc:  # e.g. a path the platform cannot represent
        return _io("unreadable", reason=str(exc))


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_ENCODING_DECLARATION = re.compile(
    r"""\A(\ufeff?[ \t\r\n]*<\?xml\b[^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*)(["'])[^"']*\2"""
)


def _text_bytes(text: str) -> bytes:
    """XML text as UTF-8 bytes; an encoding declaration in it is made to say UTF-8.

    The text is already decoded, so whatever encoding its declaration names is moot.
    A lone surrogate is passed through as invalid UTF-8, so the parser reports it at
    its place.
    """
    text = _ENCODING_DECLARATION.sub(r"\1\2UTF-8\2", text, count=1)
    return text.encode("utf-8", "surrogatepass")


def _read_stream(source: object, limit: int) -> bytes | Finding:
    """A binary file object's bytes; any failure of its ``read()`` is a finding."""
    try:
        if getattr(source, "closed", False) is True:
            return _io("closed")
        chunk = source.read(limit + 1)  # type: ignore[attr-defined]
    except Exception as exc:
        if isinstance(exc, ValueError) and "closed" in str(exc):
            return _io("closed")
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else repr(exc)
        return _io("read-raised", error=reason)
    if isinstance(chunk, str):
        return _io("text-mode")
    if isinstance(chunk, bytearray | memoryview):
        chunk = bytes(chunk)
    if not isinstance(chunk, bytes):
        return _io("not-bytes", type=type(chunk).__name__)
    return chunk


def load_bytes(
    source: Source, limits: Limits = DEFAULT_LIMITS
) -> tuple[bytes | None, list[Finding]]:
    """Read a source's bytes, refusing anything over the size limit.

    Returns the bytes, or None and a finding (``XML-LIMIT`` for too large, ``XML-IO`` for
    a source that cannot be read: a missing file, a FIFO or device, a closed file object,
    a ``read()`` that raised). Never raises for the input; the caller has checked that it
    is a kind of source (:func:`single_window._arguments.check_source`).
    """
    limit = limits.max_bytes
    data: bytes | Finding
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str) and is_xml_text(source):
        data = _text_bytes(source)
    elif isinstance(source, str | os.PathLike):
        data = _read_path(source, limit)
    else:
        data = _read_stream(source, limit)
    if isinstance(data, Finding):
        return None, [data]
    if len(data) > limit:
        return None, [_finding(codes.message(codes.XML_LIMIT, "too-large", count=limit))]
    return data, []


def _classify(message: str) -> str:
    lowered = message.lower()
    if any(
        marker in lowered
        for marker in ("excessive depth", "huge", "resource limit", "limit exceeded")
    ):
        return codes.XML_LIMIT
    if "entity" in lowered and ("loop" in lowered or "amplification" in lowered):
        return codes.XML_ENTITY
    if "encoding" in lowered or "utf-8" in lowered or "char 0x" in lowered:
        return codes.XML_ENCODING
    return codes.XML_SYNTAX


_HUGE_HINT = re.compile(r",?\s*(?:use|try)\s+XML_PARSE_HUGE(?:\s+option)?", re.IGNORECASE)


def _syntax_message(rule: str, message: str) -> Message:
    """The finding's message for a parser error (libxml2's text as its detail); a limit
    says what the limits are.

    libxml2 suggests its ``XML_PARSE_HUGE`` option for a limit, which a user of this
    library cannot set (and should not: the limits are the protection); the message
    says what the limits are instead.
    """
    text = " ".join(message.split())
    if rule != codes.XML_LIMIT:
        return codes.message(rule, "not-well-formed", detail=text)
    return codes.message(
        rule,
        "parser-limit",
        detail=_HUGE_HINT.sub("", text).rstrip(" ,;."),
        depth=codes.message(rule, "levels", count=Limits.MAX_DEPTH),
        length=codes.message(
            rule, "characters", count=Limits.MAX_TEXT, number=f"{Limits.MAX_TEXT:,}"
        ),
    )


_LONE_CR = re.compile(rb"\r(?!\n)")
_UTF32_STARTS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"<\x00\x00\x00", b"\x00\x00\x00<")


def normalize_line_ends(data: bytes) -> bytes:
    """Lone CRs (old Mac line ends) as LF, so the parser counts lines right.

    XML 1.0 (section 2.11) reads a CR not followed by LF as LF, so this changes nothing
    the document means; libxml2 counts only LF as a line end, so without it every
    finding of a CR-only file would be on line 1. CRLF is left alone. UTF-16 documents
    are decoded and encoded again (their CR is two bytes). Documents without CR pay one
    byte search.
    """
    if data[:4] in _UTF32_STARTS:
        return data  # a CR byte may sit inside another character: left to the parser
    if _utf16_text(data) is not None:
        if data.find(b"\r") < 0:
            return data
        bom = data[:2] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else b""
        little = bom == b"\xff\xfe" or (not bom and data[1:2] == b"\x00")
        codec = "utf-16-le" if little else "utf-16-be"
        try:
            text = data[len(bom) :].decode(codec)
        except UnicodeDecodeError:
            return data  # the parser reports the encoding error
        fixed = re.sub("\r(?!\n)", "\n", text)
        return data if fixed == text else bom + fixed.encode(codec)
    if data.find(b"\r") < 0 or _LONE_CR.search(data) is None:
        return data
    return _LONE_CR.sub(b"\n", data)


_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_:\u00c0-\uffff]")
_DOCTYPE_REFUSED = codes.message(codes.XML_DOCTYPE, "refused")


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


#: Encodings in which the byte ``<`` always is the character ``<`` and a character takes
#: at least one byte (lxml's names, upper case).
_BYTE_SAFE = re.compile(r"UTF-8|US-ASCII|ASCII|ISO-8859-\d+|WINDOWS-125\d")


def _may_hold_long_value(data: bytes, root: etree._Element, limit: int) -> bool:
    """False when no text or attribute value can be longer than ``limit`` characters.

    A value lies between two ``<`` and takes at least a byte per character, so it can be
    that long only where more than ``limit`` bytes hold no ``<``: such a stretch covers
    a whole aligned block of ``limit // 2`` bytes, and each is searched for a ``<``, which
    is found in its first bytes in any ordinary document. A few ``find`` calls instead of
    a scan of every value: a 1 MB declaration is not slower per goods item than a small
    one. True (scan the values) where the bytes cannot tell: CDATA (it may hold ``<``)
    and encodings where a ``<`` byte can be part of another character (UTF-16).
    """
    if len(data) <= limit:
        return False
    encoding = (root.getroottree().docinfo.encoding or "").upper()
    if b"\x00" in data or b"<![CDATA[" in data or not _BYTE_SAFE.fullmatch(encoding):
        return True
    step = max(1, limit // 2)
    blocks = range(0, len(data) - step + 1, step)  # whole blocks: a stretch covers one
    return any(data.find(b"<", start, start + step) < 0 for start in blocks)


def parse_bytes(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[etree._Element | None, list[Finding]]:
    """Parse bytes securely. Returns the root element, or None and one finding."""
    if not data.strip():
        return None, [_finding(codes.message(codes.XML_SYNTAX, "empty"), 1, 1)]
    if declares_doctype(data):
        return None, [_finding(_DOCTYPE_REFUSED, 1, 1)]
    data = normalize_line_ends(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        entry = exc.error_log.last_error if exc.error_log else None
        message = (entry.message if entry is not None else exc.msg) or str(exc)
        line = entry.line if entry is not None else exc.lineno
        column = entry.column if entry is not None else exc.offset
        return None, [_finding(_syntax_message(_classify(message), message), line, column)]
    except (ValueError, MemoryError) as exc:  # e.g. unsupported encoding declaration
        undecodable = codes.message(codes.XML_ENCODING, "undecodable", detail=str(exc))
        return None, [_finding(undecodable, 1, 1)]
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        return None, [_finding(_DOCTYPE_REFUSED, 1, 1)]
    # Every element takes at least four bytes (``<a/>``), so only an input of at least
    # four bytes per allowed element can hold too many: ordinary declarations skip the count.
    count = int(_count_elements()(root)) if len(data) >= 4 * limits.max_elements else 0
    if count > limits.max_elements:
        too_many = codes.message(
            codes.XML_LIMIT,
            "too-many-elements",
            elements=codes.message(codes.XML_LIMIT, "elements", count=count),
            count=limits.max_elements,
        )
        return None, [_finding(too_many, 1, 1)]
    # Only a document with a long stretch free of markup can hold a value over the limit:
    # the scan is skipped for every ordinary declaration, however big.
    if _may_hold_long_value(data, root, limits.max_text) and _long_values()(
        root, n=limits.max_text
    ):
        long_value = codes.message(codes.XML_LIMIT, "long-value", count=limits.max_text)
        return None, [_finding(long_value, 1, 1)]
    return root, []


def read_xml(source: Source, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read and securely parse a source. Never raises for bad input."""
    name = source_name(source)
    data, findings = load_bytes(source, limits)
    if data is None:
        return ReadResult(name, None, findings)
    root, findings = parse_bytes(data, limits)
    return ReadResult(name, root, findings)
