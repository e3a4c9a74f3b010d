"""Convert a declaration to another format, listing what the other format cannot carry.

:func:`convert` writes a declaration in another format (a CC015C read as NCTS to a WCO
DEC-DMS declaration, a WCO transit declaration to a CC015C) and says what it did:
:attr:`Conversion.losses` lists each value of the source the target cannot carry (its
path in the source and its value), :attr:`Conversion.defaults` each field the target
requires that the source lacks, filled from a documented default (its path in the
target, the value, why). Nothing is dropped silently: a required field the source lacks
and no default fills makes the conversion raise
:class:`~single_window.errors.ConversionError` naming it.

The losses are measured, not assumed: the target document is read back into the source
format (an NCTS message normalized into the canonical declaration; a WCO declaration
converted back into a CC015C) and every source value not found there again, at the same
element path with the same value, is a loss. So the list is exact for the document
converted, and the documented loss list (``docs/reference/ncts-mapping.md``) names where
such values can be.

``Declaration.to_xml(format=...)`` is the short form: it returns the XML and, when the
conversion lost values or used defaults, warns (:class:`ConversionWarning`) with their
count; :func:`convert` gives them all.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from single_window._i18n import N_, Listing, Message, define
from single_window._locations import local_name
from single_window._spec import spec_of
from single_window._values import DateTime, Leaf, Node
from single_window.errors import ConversionError
from single_window.formats._registry import CANONICAL, Converted, registry

if TYPE_CHECKING:
    from single_window.models import Declaration

__all__ = ["Conversion", "ConversionWarning", "Default", "Loss", "convert"]

_TEXTS = define(
    "convert",
    {
        "same-format": N_("the declaration is already in {format}: nothing to convert"),
        "invalid": N_(
            "the {target} document would not be valid: the declaration lacks data its "
            "schema requires ({problems})"
        ),
        "problem": N_("{path}: {problem}"),
        "warning": N_(
            "converting to {target}: values the target cannot carry: {losses}; fields "
            "filled from defaults: {defaults}; convert() lists them"
        ),
    },
)


class ConversionWarning(UserWarning):
    """``to_xml(format=...)`` lost values or used defaults (``convert()`` lists them)."""


class Loss(NamedTuple):
    """A value of the source the target format cannot carry.

    Attributes:
        path: Where it is in the source (its element path, ``/@name`` for an attribute).
        value: The value, as text.
    """

    path: str
    value: str


class Default(NamedTuple):
    """A field the target requires that the source lacks, filled from a documented default.

    Attributes:
        path: Where it is in the target, from its root (``/CC015C/TransitOperation/security``).
        value: The value written.
        reason: Why this value (a message: ``str(reason)`` is the English text).
    """

    path: str
    value: str
    reason: Message


@dataclass(frozen=True)
class Conversion:
    """A declaration written in another format.

    Attributes:
        source: The format converted from (``wco``, ``ncts``).
        target: The format converted to.
        version: The target's version written (NCTS: ``"5"`` or ``"6"``), None where the
            format has one.
        xml: The target document, UTF-8 XML bytes.
        document: The target format's document model.
        losses: Every source value the target cannot carry.
        defaults: Every target field filled from a documented default.
    """

    source: str
    target: str
    version: str | None
    xml: bytes
    document: Any
    losses: tuple[Loss, ...]
    defaults: tuple[Default, ...]

    @property
    def lossless(self) -> bool:
        """Whether every source value is in the target."""
        return not self.losses


# --- the leaves of a document, to compare ---------------------------------------------------


def _key(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else str(value)
    return str(value)


def _leaves(
    found: Node, path: str, where: str, attributes: bool
) -> Iterator[tuple[str, str, str, str]]:
    """(path without indices, value, source path, value text) of every leaf below a node
    (and of its attributes, where asked). A document code split into ``CategoryCode`` and
    ``TypeCode`` (``N`` + ``830``) is the one code ``N830`` at ``TypeCode``, as the
    canonical model holds it whole."""
    values = found.__dict__
    category = values.get("category_code")
    for fs in spec_of(type(found)).fields:
        value = values.get(fs.name)
        if value is None or (fs.name == "category_code" and values.get("type_code")):
            continue
        if fs.name == "type_code" and category is not None and isinstance(value, Leaf):
            joined = f"{_key(getattr(category, 'value', ''))}{_key(getattr(value, 'value', ''))}"
            yield f"{path}/{fs.xml_name}", joined, value.path or f"{where}/{fs.xml_name}", joined
            continue
        many = value if fs.many else [value]
        for index, item in enumerate(many, 1):
            step = f"{path}/{fs.xml_name}"
            at = f"{where}/{fs.xml_name}" + (f"[{index}]" if fs.many else "")
            if isinstance(item, Node):
                yield from _leaves(item, step, at, attributes)
            elif isinstance(item, Leaf):
                own = item.path or at
                text = _key(getattr(item, "value", None))
                yield step, text, own, text
                if attributes and not isinstance(item, DateTime):
                    for name, xml in type(item).ATTRIBUTES.items():
                        extra = getattr(item, name, None)
                        if extra is not None:
                            yield f"{step}/@{xml}", str(extra), f"{own}/@{xml}", str(extra)


def _document_leaves(doc: Any, attributes: bool) -> Iterator[tuple[str, str, str, str]]:
    name = type(doc).__name__
    yield from _leaves(doc, name, f"/{name}", attributes)
    meta = getattr(doc, "metadata", None)
    if isinstance(meta, Node):
        yield from _leaves(meta, "MetaData", "/MetaData", attributes)


def losses(source: Any, back: Any, attributes: bool) -> tuple[Loss, ...]:
    """The leaves of ``source`` not found in ``back`` (the target read back in the
    source's format) at the same element path with the same value."""
    kept = Counter((path, key) for path, key, _, _ in _document_leaves(back, attributes))
    out = []
    for path, key, where, text in _document_leaves(source, attributes):
        if kept[(path, key)] > 0:
            kept[(path, key)] -= 1
        else:
            out.append(Loss(where, text))
    return tuple(out)


# --- converting --------------------------------------------------------------------------------


def _read_back(source: str, target: str, made: Converted, version: str | None) -> Any:
    """The target document in the source's format again."""
    reg = registry()
    if target == CANONICAL:
        canonical = made.document
    else:
        canonical, _ = reg.get(target).normalize(made.document)
    if source == CANONICAL:
        return canonical
    back = reg.converter(CANONICAL, source)
    if back is None:
        raise ConversionError(f"no converter from {CANONICAL} back to {source}", source)
    return back(canonical, version, True).document


def _valid(xml: bytes, target: str) -> str:
    """Refuse a target document its schema rejects (a group the source has only part of,
    a field a phase requires), naming each problem; the local name of its root."""
    from lxml import etree

    reg = registry()
    root = etree.fromstring(xml)
    detected = reg.detect(root)
    if detected is None:  # pragma: no cover - a format writes its own roots
        raise ConversionError(f"{target} wrote a root it does not read", target)
    fmt = detected.format
    found = fmt.schema(detected).validate(root, shape=fmt.shape, namespaces=fmt.namespaces)
    problems = [(f.path or "/", f.message) for f in found]
    if problems:
        listed = Listing.of(
            (_TEXTS("problem", path=path, problem=text) for path, text in problems), "semicolon"
        )
        said = _TEXTS("invalid", target=target, problems=listed)
        raise ConversionError(said, target, tuple(problems))
    return local_name(root)


def convert(
    declaration: Declaration, to: str, *, version: str | None = None, pretty: bool = True
) -> Conversion:
    """Write a declaration in another format, with what the target cannot carry and
    what it filled from defaults.

    Args:
        declaration: The declaration (read from a document, or built in Python: then it
            is a WCO one).
        to: The format to write (``"ncts"``, ``"wco"``).
        version: The target's version (NCTS: ``"5"``, the default, or ``"6"``).
        pretty: Indent the XML.

    Raises:
        ConversionError: when the declaration is not of a kind the target declares (NCTS
            writes transit declarations, CC015C), or lacks a field the target requires
            that no documented default fills, or the document would not be valid against
            the target's schema (the error names each field, ``missing`` lists them).
        ValueError: for an unknown format, or a pair of formats with no converter.
    """
    reg = registry()
    read = declaration.read_from
    source = read.format if read is not None else CANONICAL
    fmt = reg.get(to)
    if to == source:
        raise ConversionError(_TEXTS("same-format", format=to), to)
    converter = reg.converter(source, to)
    if converter is None:
        pairs = ", ".join(f"{a} -> {b}" for a, b in reg.conversions())
        raise ValueError(f"no converter from {source} to {to} (conversions: {pairs})")
    made = converter(declaration, version, False)
    xml = fmt.write(made.document, pretty)
    root = _valid(xml, to)
    own = reg.get(source).document(declaration)
    back = _read_back(source, to, made, read.version if read is not None else None)
    return Conversion(
        source=source,
        target=to,
        version=made.version,
        xml=xml,
        document=made.document,
        losses=losses(own, back, attributes=source == CANONICAL),
        defaults=tuple(
            Default(_absolute(path, root), value, reason) for path, value, reason in made.defaults
        ),
    )


def _absolute(path: str, root: str) -> str:
    """A default's place in the target as findings and losses name places: from the root
    (``TransitOperation/security`` -> ``/CC015C/TransitOperation/security``)."""
    if path.startswith("/"):
        return path
    first = path.split("/", 1)[0]
    return f"/{path}" if first == root else f"/{root}/{path}"


def write_converted(declaration: Declaration, to: str, pretty: bool) -> bytes:
    """``to_xml(format=...)``: the converted XML, warning about losses and defaults."""
    done = convert(declaration, to, pretty=pretty)
    if done.losses or done.defaults:
        text = _TEXTS(
            "warning", target=to, losses=len(done.losses), defaults=len(done.defaults)
        ).render()
        warnings.warn(text, ConversionWarning, stacklevel=4)
    return done.xml
