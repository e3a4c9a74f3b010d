"""The reading half of the public API: ``parse``, ``validate`` and what it returns."""

from __future__ import annotations

import os
from typing import Any

from lxml import etree
from pydantic import BaseModel, ConfigDict, Field

from single_window import codes
from single_window._arguments import check_lang, check_limits, check_schema, check_source
from single_window._gc import paused
from single_window._i18n import N_, define
from single_window._lang import DEFAULT_LANG
from single_window._limits import DEFAULT_LIMITS, Limits
from single_window._reader import Source, read_xml
from single_window.errors import DeclarationError
from single_window.findings import Finding, Severity, has_errors
from single_window.formats import Detected, ReadFrom, registry
from single_window.models import Declaration
from single_window.schema import Schema, load_schema

__all__ = ["SchemaLike", "ValidationResult", "parse", "resolve_schema", "validate"]

SchemaLike = Schema | str | os.PathLike[str] | None

#: What ``parse`` says when a document cannot be read into the model
#: (``parse.<key>``): the source, then its first error.
_PARSE = define(
    "parse",
    {
        "failed": N_("{source}: {rule}: {message}"),
        "failed-line": N_("{source}: {rule}: {message} (line {line})"),
        "unreadable": N_("{source}: unreadable"),
    },
)


class ValidationResult(BaseModel):
    """What :func:`single_window.validate` returns.

    Attributes:
        ok: True when no finding has severity ``error``.
        declaration: The typed model, or None when the document could not be read.
        findings: Every finding of the read, schema and model stages.
        source: A display name for the input (a path, or ``<bytes>``).
        format: The format the document was read as (``wco``); None when no format
            reads its root element (or it could not be parsed).
        version: The format's version the document gave, where the format has several.
        document: The format's own document model (for WCO, the declaration itself);
            ``declaration`` is its canonical view.
        lang: The language of the findings' messages (``validate(..., lang=...)``).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    ok: bool
    declaration: Declaration | None = None
    findings: list[Finding] = Field(default_factory=list)
    source: str = "<bytes>"
    format: str | None = None
    version: str | None = None
    document: Any = None
    lang: str = DEFAULT_LANG


def resolve_schema(schema: SchemaLike) -> Schema | None:
    """A compiled schema for a ``schema=`` argument (None stays None: each document is
    validated against the schema its format chooses).

    Raises:
        TypeError: for anything but None, a path or a :class:`~single_window.Schema`.
        SchemaError: when the schema file cannot be read or does not compile.
    """
    check_schema(schema)
    if isinstance(schema, Schema):
        return schema
    return None if schema is None else load_schema(schema)


def validate(
    source: Source,
    *,
    schema: SchemaLike = None,
    limits: Limits = DEFAULT_LIMITS,
    lang: str | None = DEFAULT_LANG,
) -> ValidationResult:
    """Read, schema-validate and map a declaration; never raises for bad input.

    The document's root element says its format (:mod:`single_window.formats`); the
    format's schema validates it, its reader maps it onto its model, and its normalizer
    gives the canonical declaration the rules read. A root no format reads is one
    ``MODEL-ROOT`` finding naming the formats and their roots.

    Args:
        source: The declaration. A ``str`` that starts with ``<`` (after whitespace or
            a BOM) is XML text; any other ``str``, and any ``os.PathLike``, is a path
            (pass a file literally named ``<...>`` as a :class:`pathlib.Path`);
            ``bytes``, ``bytearray`` and ``memoryview`` are XML; an object with
            ``read()`` is a file object opened in binary mode.
        schema: An XSD path or a :class:`~single_window.Schema`, which replaces the
            format's schema; None is the format's own (for WCO, the bundled OTS profile).
        limits: Reader limits (input size).
        lang: The language of the findings' messages: a language tag (``"kk"``; None
            or ``"en"``: English), as for :func:`~single_window.check`.

    Returns:
        A :class:`ValidationResult`: ``ok`` is False when any finding is an error;
        ``declaration`` is None only when the document could not be read at all;
        ``format`` and ``version`` say what it was read as.
        Anything wrong with the input or its source (a missing file, a FIFO, a closed
        file object, a ``read()`` that raised) is a finding (``XML-IO``, ...).

    Raises:
        TypeError: when an argument is of the wrong type (``source=None``, ``123``).
        ValueError: when ``lang`` names a language the library has no messages in.
        SchemaError: when ``schema`` itself cannot be loaded (a set-up error, not input).
    """
    check_source(source)
    check_limits(limits)
    language = check_lang(lang)
    result = _validate(source, schema, limits)
    if language == DEFAULT_LANG:
        return result
    from single_window._localize import localize_findings

    findings = localize_findings(result.findings, language)
    return result.model_copy(update={"findings": findings, "lang": language})


@paused
def _validate(source: Source, schema: SchemaLike, limits: Limits) -> ValidationResult:
    """:func:`validate` with its arguments checked, in English."""
    compiled = resolve_schema(schema)
    read = read_xml(source, limits)
    findings: list[Finding] = list(read.findings)
    if read.root is None:
        return ValidationResult(ok=False, declaration=None, findings=findings, source=read.name)
    formats = registry()
    detected = formats.detect(read.root)
    if detected is None:
        findings.append(formats.unknown_root(read.root))
        return ValidationResult(ok=False, declaration=None, findings=findings, source=read.name)
    fmt = detected.format
    chosen = compiled if compiled is not None else fmt.schema(detected)
    findings.extend(chosen.validate(read.root, shape=fmt.shape, namespaces=fmt.namespaces))
    document, declaration = _read(read.root, detected, findings)
    return ValidationResult(
        ok=not has_errors(findings),
        declaration=declaration,
        findings=findings,
        source=read.name,
        format=fmt.name,
        version=detected.version,
        document=document,
    )


def _read(
    root: etree._Element, detected: Detected, findings: list[Finding]
) -> tuple[Any, Declaration | None]:
    """The format's document and its canonical declaration (which remembers the format it
    was read from); what they found is added to ``findings``."""
    fmt = detected.format
    try:
        document, found = fmt.read(root, detected)
        findings.extend(found)
        if document is None:
            return None, None
        declaration, found = fmt.normalize(document)
        findings.extend(found)
    except Exception as exc:  # a mapping bug must not escape as an exception
        findings.append(codes.finding(codes.message(codes.MODEL_ERROR, "failed", error=repr(exc))))
        return None, None
    if declaration is not None:
        own = None if document is declaration else document
        declaration._read_from = ReadFrom(fmt.name, detected.version, own)
    return document, declaration


def parse(
    source: Source,
    *,
    schema: SchemaLike = None,
    limits: Limits = DEFAULT_LIMITS,
    lang: str | None = DEFAULT_LANG,
) -> Declaration:
    """Read a declaration into the typed model.

    ``source`` is what :func:`validate` takes; ``lang`` is the language of the error's
    text and its findings' messages (as for :func:`validate`).

    Raises:
        TypeError: when an argument is of the wrong type.
        ValueError: when ``lang`` names a language the library has no messages in.
        DeclarationError: when the document is unreadable, violates the schema or cannot
            be mapped; ``.findings`` says why.
    """
    result = validate(source, schema=schema, limits=limits, lang=lang)
    if not result.ok or result.declaration is None:
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        first = errors[0] if errors else None
        if first is None:
            text = _PARSE.text("unreadable", result.lang, source=result.source)
        else:
            key = "failed-line" if first.line else "failed"
            said = {"source": result.source, "rule": first.rule, "message": first.message}
            text = _PARSE.text(key, result.lang, line=first.line, **said)
        raise DeclarationError(text, result.findings)
    return result.declaration
