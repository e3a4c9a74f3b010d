"""Read a WCO document: map its tree onto the model in one walk, normalizing as it goes.

The walk itself is done by the walkers generated per model class
(:mod:`single_window.formats.wco._walkers`); this module is their runtime half:
:func:`map_document`, and the mapper the walkers hand every irregular case to. Values
that do not convert (an impossible date, a non-number) become findings; elements and
attributes the model has no field for, and second occurrences of single elements, are
kept in ``Declaration.unmapped`` with their path and their place among their siblings and
are reported once as ``MODEL-UNMAPPED``, so that ``Declaration.to_xml()`` writes them
back where they were.

Every finding's path names exactly one node: a second occurrence of a single element is
``.../SequenceNumeric[2]`` (and the first becomes ``.../SequenceNumeric[1]``); a finding
about an attribute's value ends in ``/@attribute``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from single_window import codes
from single_window._locations import attribute, child, moved, relocate
from single_window._spec import spec_of
from single_window._values import (
    Leaf,
    Node,
    normalize_code,
    normalize_text,
    parse_decimal,
    parse_wco_datetime,
    placed_leaf,
)
from single_window.findings import Finding, Severity
from single_window.formats._walking import build
from single_window.formats.wco._layout import DECLARATION_TAG
from single_window.formats.wco._namespaces import DEC_NS, DS_NS, MD_NS
from single_window.formats.wco._walkers import walk_Declaration, walk_MetaData
from single_window.models import Declaration, MetaData, Unmapped

__all__ = ["map_document"]

_DS_DATETIME = f"{{{DS_NS}}}DateTimeString"
_DATE_FORMATS = ("102", "304")
#: Attributes whose values are codes: normalized, with the original kept.
_CODE_ATTRIBUTES = frozenset({"currency", "unit"})


def _split(tag: str) -> tuple[str | None, str]:
    if tag[0] == "{":
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return None, tag


class _Siblings:
    """An element's children, counted once (so that many irregular children of one
    parent cost linear time): each child's place, its rank among siblings of the same
    tag, and how many there are of each tag (ranks count by namespace and name, as the
    paths of schema findings do)."""

    __slots__ = ("place", "rank", "total")

    def __init__(self, parent: etree._Element) -> None:
        self.place: dict[etree._Element, int] = {}
        self.rank: dict[etree._Element, int] = {}
        self.total: dict[str, int] = {}
        for el in parent:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            self.place[el] = len(self.place)
            self.total[tag] = self.rank[el] = self.total.get(tag, 0) + 1


class _Mapper:
    """One document's walk: the findings and unmapped items, and the irregular cases."""

    __slots__ = ("findings", "siblings", "unmapped")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.unmapped: list[dict[str, Any]] = []
        self.siblings: dict[etree._Element, _Siblings] = {}

    def _siblings(self, el: etree._Element) -> _Siblings | None:
        parent = el.getparent()
        if parent is None:
            return None
        found = self.siblings.get(parent)
        if found is None:
            found = self.siblings[parent] = _Siblings(parent)
        return found

    # -- bookkeeping ------------------------------------------------------------------

    def note(
        self,
        rule: str,
        severity: Severity,
        message: str,
        path: str,
        line: int | None,
        value: str | None = None,
    ) -> None:
        self.findings.append(
            Finding(
                rule=rule, severity=severity, message=message, path=path, line=line, value=value
            )
        )

    def keep_element(self, el: etree._Element, path: str, why: str) -> None:
        xml = etree.tostring(el, encoding="unicode", with_tail=False)
        _, local = _split(el.tag)
        siblings = self._siblings(el)
        self.unmapped.append(
            {
                "kind": "element",
                "name": local,
                "xml": xml,
                "path": path,
                "line": el.sourceline,
                "position": siblings.place[el] if siblings is not None else None,
            }
        )
        self.note(
            codes.MODEL_UNMAPPED,
            Severity.WARNING,
            f"<{local}> {why}; kept as is",
            path,
            el.sourceline,
        )

    def keep_attribute(self, el: etree._Element, name: str, value: str, path: str) -> None:
        self.unmapped.append(
            {"kind": "attribute", "name": name, "xml": value, "path": path, "line": el.sourceline}
        )
        self.note(
            codes.MODEL_UNMAPPED,
            Severity.WARNING,
            f"attribute {name}={value!r} is not part of the model; kept as is",
            attribute(path, name),
            el.sourceline,
            value,
        )

    # -- irregular structure (called by the generated walkers) -------------------------

    def attributes(self, el: etree._Element, path: str, known: tuple[str, ...]) -> None:
        """Keep the attributes of a model element that the model has no field for."""
        for name, value in el.items():
            if name not in known:
                self.keep_attribute(el, name, value, path)

    def unknown(self, el: etree._Element, cls: type[Node], path: str) -> None:
        """Keep a child element that is not one of the class's fields."""
        tag = el.tag
        if not isinstance(tag, str):
            return
        cns, local = _split(tag)
        fs = spec_of(cls).by_xml.get(local)
        siblings = self._siblings(el)
        assert siblings is not None
        if (fs is not None and fs.many) or siblings.total[tag] > 1:
            cpath = child(path, local, siblings.rank[el])
        else:
            cpath = child(path, local)
        why = "is not part of the model" if fs is None else f"is in namespace {cns!r}"
        self.keep_element(el, cpath, why)

    def duplicate(self, el: etree._Element, path: str, name: str, first: Any) -> None:
        """Keep a second (third, ...) occurrence of a field that occurs at most once.

        Its path gets its index among the same-named siblings, and the first occurrence,
        already in the model, becomes ``name[1]`` everywhere it is named.
        """
        siblings = self._siblings(el)
        assert siblings is not None
        count = siblings.rank[el]
        if count == 2:
            self.move(first, child(path, name), child(path, name, 1))
        self.keep_element(el, child(path, name, count), "occurs more than once")

    def move(self, obj: Any, old: str, new: str) -> None:
        """Rename a path prefix in a model subtree and in what was reported so far."""
        relocate([obj], old, new)
        for i, finding in enumerate(self.findings):
            path = moved(finding.path, old, new)
            if path != finding.path:
                self.findings[i] = finding.model_copy(update={"path": path})
        for entry in self.unmapped:
            entry["path"] = moved(entry["path"], old, new)

    # -- values -------------------------------------------------------------------------

    def leaf(self, el: etree._Element, kind: str, path: str, cls: type[Leaf]) -> Any:
        """A leaf value in the general case: reports what does not fit, or returns None
        when the value cannot be read at all (the element is then kept as unmapped)."""
        if kind == "datetime":
            return self.datetime(el, path, cls)
        return self.value(el, kind, path, cls)

    def _qualifiers(self, leaf: Any, el: etree._Element, path: str, cls: type[Leaf]) -> None:
        fields = {xml: name for name, xml in cls.ATTRIBUTES.items()}
        for xml_name, text in el.items():
            name = fields.get(xml_name)
            if name is None:
                self.keep_attribute(el, xml_name, text, path)
                continue
            if name in _CODE_ATTRIBUTES:
                value = normalize_code(text)
                if value != text:
                    leaf.raw_attributes = {**(leaf.raw_attributes or {}), name: text}
            else:
                value = text
            setattr(leaf, name, value)

    def value(self, el: etree._Element, kind: str, path: str, cls: type[Leaf]) -> Any:
        text = el.text or ""
        line = el.sourceline
        leaf = placed_leaf(cls, path, line)
        if kind in ("numeric", "amount", "measure", "quantity"):
            try:
                number = parse_decimal(text)
            except ValueError:
                self.note(
                    codes.NORM_NUMBER,
                    Severity.ERROR,
                    f"{text.strip()!r} is not a number",
                    path,
                    line,
                    text.strip(),
                )
                self.keep_element(el, path, "could not be read as a number")
                return None
            leaf.value = number
            if text != format(number, "f"):
                leaf.raw = text
        else:
            v = normalize_text(text) if kind in ("text", "identifier") else normalize_code(text)
            leaf.value = v
            if v != text:
                leaf.raw = text
        for inner in el:
            if isinstance(inner.tag, str):
                self.keep_element(inner, child(path, _split(inner.tag)[1]), "is inside a value")
        self._qualifiers(leaf, el, path, cls)
        return leaf

    def datetime(self, el: etree._Element, path: str, cls: type[Leaf]) -> Any:
        inner = None
        for found in el:
            if found.tag == _DS_DATETIME:
                inner = found
                break
        if inner is None:
            self.note(
                codes.MODEL_MISSING,
                Severity.ERROR,
                "the date has no DateTimeString",
                path,
                el.sourceline,
            )
            self.keep_element(el, path, "has no DateTimeString")
            return None
        for other in el:
            if isinstance(other.tag, str) and other is not inner:
                where = child(path, _split(other.tag)[1])
                self.keep_element(other, where, "is not part of the model")
        for name, value in el.items():
            self.keep_attribute(el, name, value, path)
        dpath = child(path, "DateTimeString")
        code = inner.get("formatCode")
        text = inner.text or ""
        leaf = placed_leaf(cls, dpath, inner.sourceline, text)
        leaf.value = None
        for below in inner:
            if isinstance(below.tag, str):
                self.keep_element(below, child(dpath, _split(below.tag)[1]), "is inside a value")
        self._qualifiers(leaf, inner, dpath, cls)
        if code is not None and code not in _DATE_FORMATS:
            self.note(
                codes.NORM_DATE,
                Severity.ERROR,
                f"formatCode {code!r} is not supported (102 or 304)",
                attribute(dpath, "formatCode"),
                inner.sourceline,
                code,
            )
            return leaf
        try:
            leaf.value = parse_wco_datetime(text, code)
        except (ValueError, OverflowError) as exc:
            self.note(
                codes.NORM_DATE,
                Severity.ERROR,
                f"{text.strip()!r} is not a valid date (formatCode {code}): {exc}",
                dpath,
                inner.sourceline,
                text.strip(),
            )
        return leaf


def map_document(root: etree._Element) -> tuple[Declaration | None, list[Finding]]:
    """Map a parsed WCO document (MetaData-wrapped or bare Declaration) onto the model."""
    mapper = _Mapper()
    ns, local = _split(root.tag) if isinstance(root.tag, str) else (None, "")
    metadata: MetaData | None = None
    decl_el: etree._Element | None = None
    decl_path = child("", "Declaration")
    if ns == MD_NS and local == "MetaData":
        for found in root:
            if found.tag == DECLARATION_TAG:
                decl_el = found
                break
        envelope = child("", "MetaData")
        metadata = walk_MetaData(mapper, root, envelope, decl_el)
        decl_path = child(envelope, "Declaration")
        if decl_el is None:
            mapper.note(
                codes.MODEL_ROOT,
                Severity.ERROR,
                "MetaData holds no DEC-DMS:2 Declaration",
                envelope,
                root.sourceline,
            )
            return None, mapper.findings
    elif ns == DEC_NS and local == "Declaration":
        decl_el = root
    else:
        mapper.note(
            codes.MODEL_ROOT,
            Severity.ERROR,
            f"root element {{{ns}}}{local} is not a WCO DEC-DMS:2 Declaration or MetaData",
            child("", local),
            root.sourceline,
        )
        return None, mapper.findings
    decl = walk_Declaration(mapper, decl_el, decl_path, None)
    late: dict[str, Any] = {}
    if metadata is not None:
        late["metadata"] = metadata
    if mapper.unmapped:
        late["unmapped"] = [build(Unmapped, item) for item in mapper.unmapped]
    if late:
        decl.__dict__.update(late)
        decl.__pydantic_fields_set__.update(late)
    return decl, mapper.findings
