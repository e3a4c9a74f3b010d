"""A maximal declaration read from a national schema, and random valid parts of it.

:func:`maximal` walks the national schema's component model (xmlschema) and builds one
document holding every element and every attribute of the MetaData envelope and the
goods declaration once, each value chosen to satisfy the national facets (checked with
the schema's own types). :func:`subsets` is a Hypothesis strategy that draws valid
documents from it by leaving out optional elements and attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from lxml import etree

MD = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass
class Part:
    """One element of the maximal document."""

    tag: str
    text: str | None = None
    attributes: list[tuple[str, str, bool]] = field(default_factory=list)
    """(name, value, required)."""
    children: list[tuple[Part, bool]] = field(default_factory=list)
    """(child, optional)."""

    def elements(self) -> Iterator[Part]:
        yield self
        for child, _ in self.children:
            yield from child.elements()


def _facets(simple: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    step = simple
    while step is not None:
        for key, facet in (getattr(step, "facets", None) or {}).items():
            name = key.rpartition("}")[2] if key else ""
            if name and name not in out:
                out[name] = facet
        step = getattr(step, "base_type", None)
    return out


def _primitive(simple: Any) -> str:
    step = simple
    while step is not None:
        name = getattr(step, "name", None) or ""
        if name.startswith(XS):
            return name[len(XS) :]
        step = getattr(step, "base_type", None)
    return "string"


def _candidates(simple: Any, hint: str) -> Iterator[str]:
    facets = _facets(simple)
    if hint == "formatCode":
        yield "304"
    if hint.endswith(("CountryCode", "NationalityCode")):
        yield "GB"  # real ISO codes keep the maximal document free of NORM warnings
    if "enumeration" in facets:
        yield from (str(v) for v in facets["enumeration"].enumeration)
    primitive = _primitive(simple)
    if primitive == "decimal":
        total = getattr(facets.get("totalDigits"), "value", None)
        fraction = getattr(facets.get("fractionDigits"), "value", None) or 0
        if total is None:
            yield "1234.125"
        else:
            yield "9" * (total - fraction) + ("." + "9" * fraction if fraction else "")
        yield "1"
        return
    if hint == "DateTimeString":
        yield "20240425120000Z"
    if primitive == "language":
        yield "en"
    if primitive == "anyURI":
        yield "urn:example:list"
    if hint == "currencyID":
        yield "GBP"
    if hint == "unitCode":
        yield "KGM"
    length = getattr(facets.get("length"), "value", None)
    size = length or getattr(facets.get("maxLength"), "value", None) or 12
    # Letters first: "GB" and "GBP" are real country and currency codes.
    yield from ("GBP"[:size] if size <= 3 else "A" * size, "9" * size, "A" * size, "5")


def _value(simple: Any, hint: str) -> str:
    for candidate in _candidates(simple, hint):
        if simple.is_valid(candidate):
            return candidate
    raise AssertionError(f"no value satisfies the national type of {hint}")


Value = Callable[[Any, str], str]


def _part(element: Any, value: Value = _value) -> Part:
    """The part of an element and everything below it, each value chosen by ``value``
    (from the simple type and the element's or attribute's name)."""
    xsd_type = element.type
    part = Part(tag=element.name)
    if xsd_type.is_complex():
        for name, attribute in xsd_type.attributes.items():
            part.attributes.append((name, value(attribute.type, name), attribute.use == "required"))
    if xsd_type.is_simple():
        part.text = value(xsd_type, element.local_name)
    elif xsd_type.has_simple_content():
        part.text = value(xsd_type.content, element.local_name)
    else:
        for child in xsd_type.content.iter_elements():
            if child.name is None:  # the envelope's wildcard: the declaration goes there
                continue
            part.children.append((_part(child, value), child.min_occurs == 0))
    return part


def maximal(national: Path) -> Part:
    """The maximal document of a national schema (``all.xsd``): MetaData, Declaration."""
    import xmlschema

    schema = xmlschema.XMLSchema10(str(national))
    envelope = _part(schema.maps.elements[f"{{{MD}}}MetaData"])
    envelope.children.append((_part(schema.maps.elements[f"{{{DEC}}}Declaration"]), False))
    return envelope


def maximal_profile(entry: Path) -> Part:
    """The maximal document of a profile whose envelope names the declaration (the
    bundled ``ots-profile.xsd``): every element, OTS additions included, once."""
    import xmlschema

    schema = xmlschema.XMLSchema10(str(entry))
    return _part(schema.maps.elements[f"{{{MD}}}MetaData"])


def render(part: Part, keep: Callable[[Part], bool] = lambda _p: True) -> etree._Element:
    """The document as an lxml tree (optional parts only where ``keep`` says so)."""
    el = etree.Element(part.tag)
    for name, value, required in part.attributes:
        if required or keep(part):
            el.set(name, value)
    el.text = part.text
    for child, optional in part.children:
        if not optional or keep(child):
            el.append(render(child, keep))
    return el


def to_bytes(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


@st.composite
def subsets(draw: st.DrawFn, part: Part) -> bytes:
    """A valid document drawn from the maximal one: each optional element and attribute
    kept (three times in four) or left out (what shrinking tends to)."""

    def keep() -> bool:
        return draw(st.integers(0, 3)) != 0

    def pick(p: Part) -> etree._Element:
        el = etree.Element(p.tag)
        for name, value, required in p.attributes:
            if required or keep():
                el.set(name, value)
        el.text = p.text
        for child, optional in p.children:
            if not optional or keep():
                el.append(pick(child))
        return el

    return to_bytes(pick(part))


def canonical(data: bytes) -> str:
    """C14N 2.0 of a document: comments left out, whitespace-only text stripped,
    namespace prefixes rewritten."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.fromstring(data, parser)
    return str(
        etree.canonicalize(root, with_comments=False, strip_text=True, rewrite_prefixes=True)
    )
