"""Broken and hostile documents, each derived from a valid generated declaration.

Every breakage turns a valid document into one that a reader must refuse: not well-formed,
wrongly encoded, out of schema order, or hostile (DOCTYPE, entities, external
references, XInclude, resource exhaustion). None of them is a valid declaration, so
``validate`` must report at least one error finding for each, and never raise.

The resource breakages (``deep-nesting``, ``huge-text``, ``huge-attribute``,
``many-children``, ``oversized``) build documents of tens of megabytes; they are not
drawn unless asked for by name.

They are called *breakages* (``broken_xml(breakages=...)``, :data:`BREAKAGES`), so that
*kinds* keeps one meaning in the strategies: the kinds of declaration
(``declarations(kinds=...)``, ``Declaration.kind``). ``kinds=``, ``BROKEN_KINDS`` and
``RESOURCE_KINDS`` still work, with a ``DeprecationWarning``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from lxml import etree

from single_window._limits import DEFAULT_LIMITS, Limits
from single_window.rules import RuleSet
from single_window.testing._strategies import declaration_xml

__all__ = ["BREAKAGES", "RESOURCE_BREAKAGES", "broken_xml"]

#: Breakages drawn by default: small documents, every one of them refused.
BREAKAGES: tuple[str, ...] = (
    "truncated",
    "wrong-encoding",
    "swapped-elements",
    "doctype",
    "internal-entity",
    "entity-bomb",
    "external-entity",
    "parameter-entity",
    "external-dtd",
    "xinclude",
    "junk-after-root",
    "invalid-utf8",
    "control-character",
    "mismatched-tag",
)

#: Breakages that exhaust a resource (depth, text size, input size); drawn only when named.
RESOURCE_BREAKAGES: tuple[str, ...] = (
    "deep-nesting",
    "huge-text",
    "huge-attribute",
    "many-children",
    "oversized",
)

_MARK = "SWMARK7F3A"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

Draw = Callable[[st.SearchStrategy[Any]], Any]


def _tree(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _text_elements(root: etree._Element) -> list[etree._Element]:
    return [
        el
        for el in root.iter()
        if isinstance(el.tag, str) and len(el) == 0 and el.text and el.text.strip()
    ]


def _with_marker(draw: Draw, data: bytes) -> bytes:
    """The document with one text node's content replaced by a marker."""
    root = _tree(data)
    element = draw(st.sampled_from(_text_elements(root)))
    element.text = _MARK
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def _body(data: bytes) -> bytes:
    """The document without its XML declaration (to put a DOCTYPE before the root)."""
    if data.startswith(b"<?xml"):
        return data[data.index(b"?>") + 2 :].lstrip()
    return data


def _prolog(doctype: str, data: bytes) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype.encode() + b"\n" + _body(data)


def _root_name(data: bytes) -> str:
    return str(etree.QName(_tree(data)).localname)


# --- the breakages ------------------------------------------------------------------------------


def _truncated(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    end = data.rstrip().rfind(b">")
    return data[: draw(st.integers(0, end))]


def _wrong_encoding(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    marked = _with_marker(draw, data).decode("utf-8")
    text = draw(st.sampled_from(("Ğüşİ Ə", "Çayır şəhər", "Ő ű ő", "Қазақ")))
    doc = marked.replace(_MARK, text)
    body = doc[doc.index("?>") + 2 :]
    how = draw(st.sampled_from(("cp1254-as-utf8", "utf8-as-ascii", "unknown", "utf8-as-utf16")))
    if how == "cp1254-as-utf8":
        return ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode("cp1254", "replace")
    if how == "utf8-as-ascii":
        return ('<?xml version="1.0" encoding="US-ASCII"?>' + body).encode("utf-8")
    if how == "unknown":
        return ('<?xml version="1.0" encoding="X-NO-SUCH-CODEC"?>' + body).encode("utf-8")
    return ('<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-8")


def _swapped(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    root = _tree(data)
    pairs = [
        (a, b)
        for parent in root.iter()
        for a, b in zip(list(parent), list(parent)[1:], strict=False)
        if isinstance(a.tag, str) and isinstance(b.tag, str) and a.tag != b.tag
    ]
    first, second = draw(st.sampled_from(pairs))
    first.addprevious(second)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def _doctype(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    name = _root_name(data)
    form = draw(st.sampled_from((f"<!DOCTYPE {name}>", f"<!DOCTYPE {name} []>")))
    return _prolog(form, data)


def _entity_doc(draw: Draw, data: bytes, declarations: str, reference: str) -> bytes:
    marked = _with_marker(draw, data)
    doc = marked.replace(_MARK.encode(), reference.encode())
    return _prolog(f"<!DOCTYPE {_root_name(data)} [{declarations}]>", doc)


def _internal_entity(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    return _entity_doc(draw, data, '<!ENTITY x "INJECTED">', "&x;")


def _entity_bomb(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    if draw(st.booleans()):
        levels = draw(st.integers(5, 12))
        chain = "".join(
            f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
        )
        return _entity_doc(draw, data, f'<!ENTITY e0 "lol">{chain}', f"&e{levels - 1};")
    size = draw(st.integers(1_000, 50_000))
    refs = draw(st.integers(100, 5_000))
    return _entity_doc(draw, data, f'<!ENTITY big "{"A" * size}">', "&big;" * refs)


def _external_entity(draw: Draw, data: bytes, ref: str, _limits: Limits) -> bytes:
    return _entity_doc(draw, data, f'<!ENTITY x SYSTEM "{ref}">', "&x;")


def _parameter_entity(draw: Draw, data: bytes, ref: str, _limits: Limits) -> bytes:
    return _prolog(f'<!DOCTYPE {_root_name(data)} [<!ENTITY % p SYSTEM "{ref}"> %p;]>', data)


def _external_dtd(draw: Draw, data: bytes, ref: str, _limits: Limits) -> bytes:
    name = _root_name(data)
    form = draw(
        st.sampled_from(
            (f'<!DOCTYPE {name} SYSTEM "{ref}">', f'<!DOCTYPE {name} PUBLIC "-//X//Y" "{ref}">')
        )
    )
    return _prolog(form, data)


def _xinclude(draw: Draw, data: bytes, ref: str, _limits: Limits) -> bytes:
    root = _tree(data)
    parents = [el for el in root.iter() if isinstance(el.tag, str) and len(el)]
    parent = draw(st.sampled_from(parents))
    include = etree.Element(
        "{http://www.w3.org/2001/XInclude}include",
        nsmap={"xi": "http://www.w3.org/2001/XInclude"},
    )
    include.set("href", ref)
    include.set("parse", draw(st.sampled_from(("xml", "text"))))
    parent.insert(draw(st.integers(0, len(parent))), include)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def _junk(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    junk: bytes = draw(
        st.sampled_from((b"<junk/>", b"trailing text", b"<Declaration/>", b"]]>", b"&"))
    )
    return data + junk


def _invalid_utf8(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    marked = _with_marker(draw, data)
    bad = draw(st.sampled_from((b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", b"\xe2\x82")))
    return marked.replace(_MARK.encode(), b"A" + bad + b"B")


def _control(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    marked = _with_marker(draw, data)
    char = draw(
        st.sampled_from((b"\x00", b"\x01", b"\x08", b"\x0b", b"\x1f", b"&#1;", b"&#xFFFE;"))
    )
    return marked.replace(_MARK.encode(), b"A" + char + b"B")


def _mismatched(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    marked = _with_marker(draw, data)
    head, _, tail = marked.partition(_MARK.encode())
    close = tail.index(b">")
    return head + b"x" + tail[: tail.index(b"</")] + b"</Mismatched" + tail[close:]


def _deep(draw: Draw, data: bytes, _ref: str, limits: Limits) -> bytes:
    depth = draw(st.integers(limits.MAX_DEPTH + 1, 200_000))
    marked = _with_marker(draw, data)
    return marked.replace(_MARK.encode(), b"<a>" * depth + b"</a>" * depth)


def _huge_text(draw: Draw, data: bytes, _ref: str, limits: Limits) -> bytes:
    size: int = draw(st.integers(limits.MAX_TEXT + 1, limits.MAX_TEXT + 5_000_000))
    return _with_marker(draw, data).replace(_MARK.encode(), b"x" * size)


def _huge_attribute(draw: Draw, data: bytes, _ref: str, limits: Limits) -> bytes:
    size: int = draw(st.integers(limits.MAX_TEXT + 1, limits.MAX_TEXT + 5_000_000))
    marked = _with_marker(draw, data)
    head, _, tail = marked.partition(_MARK.encode())
    start = head.rindex(b"<")
    name_end = start + 1
    while head[name_end : name_end + 1] not in (b" ", b">", b"/"):
        name_end += 1
    return head[:name_end] + b' junk="' + b"x" * size + b'"' + head[name_end:] + b"x" + tail


def _many_children(draw: Draw, data: bytes, _ref: str, _limits: Limits) -> bytes:
    count = draw(st.integers(100_000, 1_000_000))
    return _with_marker(draw, data).replace(_MARK.encode(), b"<x>1</x>" * count)


def _oversized(draw: Draw, data: bytes, _ref: str, limits: Limits) -> bytes:
    padding = limits.max_bytes + draw(st.integers(1, 1_000_000))
    return data.replace(b"?>", b"?>" + b" " * padding, 1)


_BREAKERS: dict[str, Callable[[Draw, bytes, str, Limits], bytes]] = {
    "truncated": _truncated,
    "wrong-encoding": _wrong_encoding,
    "swapped-elements": _swapped,
    "doctype": _doctype,
    "internal-entity": _internal_entity,
    "entity-bomb": _entity_bomb,
    "external-entity": _external_entity,
    "parameter-entity": _parameter_entity,
    "external-dtd": _external_dtd,
    "xinclude": _xinclude,
    "junk-after-root": _junk,
    "invalid-utf8": _invalid_utf8,
    "control-character": _control,
    "mismatched-tag": _mismatched,
    "deep-nesting": _deep,
    "huge-text": _huge_text,
    "huge-attribute": _huge_attribute,
    "many-children": _many_children,
    "oversized": _oversized,
}


#: The old names of :data:`BREAKAGES` and :data:`RESOURCE_BREAKAGES`.
DEPRECATED_NAMES = {"BROKEN_KINDS": "BREAKAGES", "RESOURCE_KINDS": "RESOURCE_BREAKAGES"}


def deprecated_name(name: str) -> tuple[str, ...]:
    """The value of an old name (``BROKEN_KINDS``), with a ``DeprecationWarning``."""
    new = DEPRECATED_NAMES[name]
    warnings.warn(
        f"single_window.testing.{name} is deprecated; use {new}",
        DeprecationWarning,
        stacklevel=3,
    )
    value: tuple[str, ...] = globals()[new]
    return value


def broken_xml(
    *,
    breakages: Iterable[str] = BREAKAGES,
    reference: str = "file:///nonexistent/single-window-canary.txt",
    limits: Limits = DEFAULT_LIMITS,
    countries: Iterable[str] | None = None,
    route: Sequence[str] | None = None,
    items: tuple[int, int] = (1, 2),
    rules: RuleSet | None = None,
    kinds: Iterable[str] | None = None,
) -> st.SearchStrategy[bytes]:
    """A strategy for documents that must be refused, derived from valid declarations.

    Breakages (:data:`BREAKAGES`, drawn by default): ``truncated`` (cut before the root
    closes), ``wrong-encoding`` (non-ASCII text in a codec the declaration does not
    name, or an unknown codec), ``swapped-elements`` (two sibling elements out of schema
    order), ``doctype``, ``internal-entity``, ``entity-bomb`` (nested or quadratic
    expansion), ``external-entity``, ``parameter-entity`` and ``external-dtd`` (each
    pointing at ``reference``), ``xinclude`` (an ``xi:include`` of ``reference``),
    ``junk-after-root``, ``invalid-utf8``, ``control-character`` and ``mismatched-tag``.
    Resource breakages (:data:`RESOURCE_BREAKAGES`, only when named): ``deep-nesting``,
    ``huge-text``, ``huge-attribute``, ``many-children`` and ``oversized``, sized just
    past ``limits``.

    Args:
        breakages: Which breakages to draw from.
        reference: The URI external references point at (a canary file, a loopback URL).
        limits: The reader limits the resource breakages exceed.
        countries, route, items, rules: As for :func:`declarations`, for the valid
            documents the broken ones start from.
        kinds: The old name of ``breakages`` (deprecated: *kinds* are the kinds of
            declaration, as in :func:`declarations`).

    Raises:
        hypothesis.errors.InvalidArgument: at call time, for an unknown breakage or an
            empty list.
    """
    if kinds is not None:
        warnings.warn(
            "broken_xml(kinds=...) is deprecated; use broken_xml(breakages=...)",
            DeprecationWarning,
            stacklevel=2,
        )
        breakages = kinds
    if isinstance(breakages, str):
        raise InvalidArgument(
            f"breakages must be a list of breakage names, not the string {breakages!r}"
        )
    chosen = tuple(breakages)
    unknown = [k for k in chosen if k not in _BREAKERS]
    if unknown or not chosen:
        raise InvalidArgument(
            f"unknown breakages {unknown}; choose from {', '.join(_BREAKERS)}"
            if unknown
            else "breakages must name at least one breakage"
        )
    if not isinstance(reference, str) or '"' in reference or not reference:
        raise InvalidArgument(f"reference must be a URI without quotes, got {reference!r}")
    if not isinstance(limits, Limits):
        raise InvalidArgument(f"limits must be a single_window.Limits, got {limits!r}")
    valid = declaration_xml(countries=countries, route=route, items=items, rules=rules)

    @st.composite
    def draw_broken(draw: st.DrawFn) -> bytes:
        data = draw(valid)
        breakage = draw(st.sampled_from(chosen))
        return _BREAKERS[breakage](draw, data, reference, limits)

    return draw_broken()
