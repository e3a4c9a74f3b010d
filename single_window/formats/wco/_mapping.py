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
``.../SequenceNumeric[2]`` (and the first becomes ``.../SequenceNumeric[1]``; when the
first does not read, it is ``[1]`` and the value the model holds ``[2]``); an element of
another namespace named like its neighbour is named with its namespace; a finding about
an attribute's value ends in ``/@attribute``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from single_window import codes
from single_window._lexical import normalize_code, parse_wco_datetime
from single_window._locations import attribute, child
from single_window._values import Leaf, placed_leaf
from single_window.findings import Finding
from single_window.formats._walking import Mapper, split
from single_window.formats.wco._layout import DECLARATION_TAG, NAMESPACES
from single_window.formats.wco._namespaces import DEC_NS, DS_NS, MD_NS
from single_window.formats.wco._walkers import walk_Declaration, walk_MetaData
from single_window.models import Declaration, MetaData

__all__ = ["map_document"]

_DS_DATETIME = f"{{{DS_NS}}}DateTimeString"
_DATE_FORMATS = ("102", "304")
#: Attributes whose values are codes: normalized, with the original kept.
_CODE_ATTRIBUTES = frozenset({"currency", "unit"})


class _Mapper(Mapper):
    """One WCO document's walk: the shared bookkeeping, and how a WCO value is read (its
    attributes, a ``DateTimeString`` inside a date)."""

    __slots__ = ()
    NAMESPACES = NAMESPACES

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
        leaf = self.scalar(el, kind, path, cls)
        if leaf is None:
            return None
        self.keep_inside(el, path)
        self._qualifiers(leaf, el, path, cls)
        return leaf

    def datetime(self, el: etree._Element, path: str, cls: type[Leaf]) -> Any:
        inner = None
        for found in el:
            if found.tag == _DS_DATETIME:
                inner = found
                break
        if inner is None:
            path = self.unreadable(el, path)
            self.note(codes.message(codes.MODEL_MISSING, "no-datetime"), path, el.sourceline)
            self.keep_element(el, path, "no-datetime")
            return None
        if len(el) == 1:
            dpath = child(path, "DateTimeString")
        else:
            dpath = self._child_path(inner, path)
            for other in el:
                if isinstance(other.tag, str) and other is not inner:
                    self.keep_element(other, self._child_path(other, path), "not-in-model")
        for name, value in el.items():
            self.keep_attribute(el, name, value, path)
        code = inner.get("formatCode")
        text = inner.text or ""
        leaf = placed_leaf(cls, dpath, inner.sourceline, text)
        leaf.value = None
        self.keep_inside(inner, dpath)
        self._qualifiers(leaf, inner, dpath, cls)
        if code is not None and code not in _DATE_FORMATS:
            self.note(
                codes.message(codes.NORM_DATE, "format-code", code=repr(code)),
                attribute(dpath, "formatCode"),
                inner.sourceline,
                code,
            )
            return leaf
        try:
            leaf.value = parse_wco_datetime(text, code)
        except (ValueError, OverflowError) as exc:
            said = {"text": repr(text.strip()), "detail": str(exc)}
            self.note(
                codes.message(codes.NORM_DATE, "invalid", code=code, **said)
                if code is not None
                else codes.message(codes.NORM_DATE, "invalid-no-code", **said),
                dpath,
                inner.sourceline,
                text.strip(),
            )
        return leaf


def map_document(root: etree._Element) -> tuple[Declaration | None, list[Finding]]:
    """Map a parsed WCO document (MetaData-wrapped or bare Declaration) onto the model."""
    mapper = _Mapper()
    ns, local = split(root.tag) if isinstance(root.tag, str) else (None, "")
    metadata: MetaData | None = None
    decl_el: etree._Element | None = None
    decl_path = child("", "Declaration")
    if ns == MD_NS and local == "MetaData":
        declarations = [found for found in root if found.tag == DECLARATION_TAG]
        decl_el = declarations[0] if declarations else None
        envelope = child("", "MetaData")
        metadata = walk_MetaData(mapper, root, envelope, decl_el)
        # A second Declaration is kept as it is, as [2]: the first is then [1].
        decl_path = child(envelope, "Declaration", 1 if len(declarations) > 1 else None)
        if decl_el is None:
            mapper.note(
                codes.message(codes.MODEL_ROOT, "no-declaration"), envelope, root.sourceline
            )
            return None, mapper.findings
    elif ns == DEC_NS and local == "Declaration":
        decl_el = root
    else:
        mapper.note(
            codes.message(codes.MODEL_ROOT, "not-wco", tag=f"{{{ns}}}{local}"),
            child("", local),
            root.sourceline,
        )
        return None, mapper.findings
    decl = walk_Declaration(mapper, decl_el, decl_path, None)
    late = {"metadata": metadata} if metadata is not None else {}
    return mapper.finish(decl, **late), mapper.findings
