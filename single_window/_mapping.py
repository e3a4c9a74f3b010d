"""Map a parsed document onto the typed model in one walk, normalizing as it goes.

The walk creates the model instances directly (:func:`_build` for model classes, the
slotted leaf constructors for values): the values it produces already have the model's
types, so validating them again would only repeat work on the hot path. Dumping the
model and validating it again gives an equal model, which the tests check. Values that
do not convert (an impossible date, a non-number) become findings; elements and
attributes the model has no field for are kept in ``Declaration.unmapped`` with their
path and are reported as ``MODEL-UNMAPPED``, so nothing is lost.
"""

from __future__ import annotations

from typing import Any

import pycountry
from lxml import etree
from pydantic import BaseModel

from single_window._spec import DEC_NS, DS_NS, MD_NS, XSI_NS, spec_of
from single_window._values import (
    Node,
    normalize_code,
    normalize_text,
    parse_decimal,
    parse_wco_datetime,
)
from single_window.findings import Finding, Severity
from single_window.models import Declaration, MetaData, Unmapped

__all__ = ["ISO_COUNTRIES", "ISO_CURRENCIES", "map_document"]

ISO_COUNTRIES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries)
ISO_CURRENCIES: frozenset[str] = frozenset(c.alpha_3 for c in pycountry.currencies)

_SCHEMA_LOCATION = f"{{{XSI_NS}}}schemaLocation"
_DS_DATETIME = f"{{{DS_NS}}}DateTimeString"
_DEC_DECLARATION = f"{{{DEC_NS}}}Declaration"


def _split(tag: str) -> tuple[str | None, str]:
    if tag[0] == "{":
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return None, tag


class _Mapper:
    """One document's walk: collects findings and unmapped items as it builds dicts."""

    __slots__ = ("findings", "unmapped")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.unmapped: list[dict[str, Any]] = []

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
        self.unmapped.append(
            {"kind": "element", "name": local, "xml": xml, "path": path, "line": el.sourceline}
        )
        self.note(
            "MODEL-UNMAPPED", Severity.WARNING, f"<{local}> {why}; kept as is", path, el.sourceline
        )

    def keep_attribute(self, el: etree._Element, name: str, value: str, path: str) -> None:
        self.unmapped.append(
            {"kind": "attribute", "name": name, "xml": value, "path": path, "line": el.sourceline}
        )
        self.note(
            "MODEL-UNMAPPED",
            Severity.WARNING,
            f"attribute {name}={value!r} is not part of the model; kept as is",
            f"{path}/@{name}",
            el.sourceline,
            value,
        )

    # -- the walk ---------------------------------------------------------------------

    def node(
        self,
        el: etree._Element,
        cls: type[Node],
        path: str,
        ns: str,
        known_attrs: tuple[str, ...] = (),
        skip: etree._Element | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Any:
        table = _tag_table(cls, ns)
        data: dict[str, Any] = {"path": path, "line": el.sourceline}
        counts: dict[str, int] = {}
        if el.keys():
            for name, value in el.items():
                if name not in known_attrs:
                    self.keep_attribute(el, name, value, path)
        for child in el:
            tag = child.tag
            entry = table.get(tag)
            if entry is None:
                if isinstance(tag, str) and child is not skip:
                    self.unknown(child, cls, path, counts)
                continue
            name, local, kind, many, child_cls = entry
            if many:
                n = counts[local] = counts.get(local, 0) + 1
                cpath = f"{path}/{local}[{n}]"
            else:
                if name in data:
                    self.keep_element(child, f"{path}/{local}", "occurs more than once")
                    continue
                cpath = f"{path}/{local}"
            if kind == "node":
                value = self.node(child, child_cls, cpath, ns)
            elif (kind == "text" or kind == "code") and not len(child) and not child.keys():
                # the common case, inlined: a plain text or code element
                text = child.text or ""
                v = text.strip().upper() if kind == "code" else text.strip()
                value = child_cls(v, cpath, child.sourceline, None if v == text else text)
            else:
                leaf_data = self.leaf(child, kind, cpath)
                if leaf_data is None:
                    continue
                value = child_cls(**leaf_data)
            if many:
                if name in data:
                    data[name].append(value)
                else:
                    data[name] = [value]
            else:
                data[name] = value
        if extra:
            data.update(extra)
        return _build(cls, data)

    def unknown(
        self, child: etree._Element, cls: type[Node], path: str, counts: dict[str, int]
    ) -> None:
        tag = child.tag
        assert isinstance(tag, str)
        cns, local = _split(tag)
        fs = spec_of(cls).by_xml.get(local)
        if fs is not None and fs.many:
            n = counts[local] = counts.get(local, 0) + 1
            cpath = f"{path}/{local}[{n}]"
        else:
            cpath = f"{path}/{local}"
        why = "is not part of the model" if fs is None else f"is in namespace {cns!r}"
        self.keep_element(child, cpath, why)

    def leaf(self, el: etree._Element, kind: str, path: str) -> dict[str, Any] | None:
        if kind == "datetime":
            return self.datetime(el, path)
        attrs = el.attrib
        allowed = "currencyID" if kind == "amount" else "unitCode" if kind == "measure" else None
        if len(el):
            for child in el:
                if isinstance(child.tag, str):
                    self.keep_element(child, f"{path}/{_split(child.tag)[1]}", "is inside a value")
        for name, value in attrs.items():
            if name != allowed:
                self.keep_attribute(el, name, value, path)
        text = el.text or ""
        line = el.sourceline
        data: dict[str, Any] = {"path": path, "line": line}
        if kind == "text":
            v = normalize_text(text)
        elif kind in ("code", "country"):
            v = normalize_code(text)
            if kind == "country" and v not in ISO_COUNTRIES:
                self.note(
                    "NORM-COUNTRY",
                    Severity.WARNING,
                    f"{v!r} is not an ISO 3166-1 alpha-2 country code",
                    path,
                    line,
                    v,
                )
        else:
            try:
                number = parse_decimal(text)
            except ValueError:
                self.note(
                    "NORM-NUMBER",
                    Severity.ERROR,
                    f"{text.strip()!r} is not a number",
                    path,
                    line,
                    text.strip(),
                )
                self.keep_element(el, path, "could not be read as a number")
                return None
            data["value"] = number
            if text != format(number, "f"):
                data["raw"] = text
            if allowed is not None and allowed in attrs:
                unit = normalize_code(attrs[allowed])
                if kind == "amount":
                    data["currency"] = unit
                    if unit not in ISO_CURRENCIES:
                        self.note(
                            "NORM-CURRENCY",
                            Severity.WARNING,
                            f"{unit!r} is not an ISO 4217 currency code",
                            f"{path}/@currencyID",
                            line,
                            unit,
                        )
                else:
                    data["unit"] = unit
            return data
        data["value"] = v
        if v != text:
            data["raw"] = text
        return data

    def datetime(self, el: etree._Element, path: str) -> dict[str, Any] | None:
        inner = None
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == _DS_DATETIME and inner is None:
                inner = child
            else:
                self.keep_element(
                    child, f"{path}/{_split(child.tag)[1]}", "is not part of the model"
                )
        for name, value in el.attrib.items():
            self.keep_attribute(el, name, value, path)
        if inner is None:
            self.note(
                "MODEL-MISSING",
                Severity.ERROR,
                "the date has no DateTimeString",
                path,
                el.sourceline,
            )
            return None
        dpath = f"{path}/DateTimeString"
        code = inner.get("formatCode")
        for name, value in inner.attrib.items():
            if name != "formatCode":
                self.keep_attribute(inner, name, value, dpath)
        text = inner.text or ""
        data: dict[str, Any] = {
            "path": dpath,
            "line": inner.sourceline,
            "format_code": code,
            "raw": text,
        }
        try:
            data["value"] = parse_wco_datetime(text, code)
        except (ValueError, OverflowError) as exc:
            data["value"] = None
            self.note(
                "NORM-DATE",
                Severity.ERROR,
                f"{text.strip()!r} is not a valid date (formatCode {code}): {exc}",
                dpath,
                inner.sourceline,
                text.strip(),
            )
        return data


_Entry = tuple[str, str, str, bool, Any]
_TABLES: dict[tuple[type[Node], str], dict[str, _Entry]] = {}


def _tag_table(cls: type[Node], ns: str) -> dict[str, _Entry]:
    """Clark tag -> (field name, XML name, kind, repeatable, class) for a model class."""
    key = (cls, ns)
    table = _TABLES.get(key)
    if table is None:
        table = _TABLES[key] = {
            f"{{{ns}}}{fs.xml_name}": (fs.name, fs.xml_name, fs.kind, fs.many, fs.cls)
            for fs in spec_of(cls).fields
        }
    return table


def map_document(root: etree._Element) -> tuple[Declaration | None, list[Finding]]:
    """Map a parsed WCO document (MetaData-wrapped or bare Declaration) onto the model."""
    mapper = _Mapper()
    ns, local = _split(root.tag) if isinstance(root.tag, str) else (None, "")
    metadata: dict[str, Any] | None = None
    decl_el: etree._Element | None = None
    decl_path = "/Declaration"
    if ns == MD_NS and local == "MetaData":
        for child in root:
            if child.tag == _DEC_DECLARATION:
                decl_el = child
                break
        location = root.get(_SCHEMA_LOCATION)
        metadata = mapper.node(
            root,
            MetaData,
            "/MetaData",
            MD_NS,
            (_SCHEMA_LOCATION,),
            decl_el,
            {"schema_location": location} if location is not None else None,
        )
        decl_path = "/MetaData/Declaration"
        if decl_el is None:
            mapper.note(
                "MODEL-ROOT",
                Severity.ERROR,
                "MetaData holds no DEC-DMS:2 Declaration",
                "/MetaData",
                root.sourceline,
            )
            return None, mapper.findings
    elif ns == DEC_NS and local == "Declaration":
        decl_el = root
    else:
        mapper.note(
            "MODEL-ROOT",
            Severity.ERROR,
            f"root element {{{ns}}}{local} is not a WCO DEC-DMS:2 Declaration or MetaData",
            f"/{local}",
            root.sourceline,
        )
        return None, mapper.findings
    decl: Declaration = mapper.node(decl_el, Declaration, decl_path, DEC_NS, (_SCHEMA_LOCATION,))
    late: dict[str, Any] = {}
    if decl_el.get(_SCHEMA_LOCATION) is not None:
        late["schema_location"] = decl_el.get(_SCHEMA_LOCATION)
    if metadata is not None:
        late["metadata"] = metadata
    if mapper.unmapped:
        late["unmapped"] = [_build(Unmapped, item) for item in mapper.unmapped]
    if late:
        decl.__dict__.update(late)
        decl.__pydantic_fields_set__.update(late)
    return decl, mapper.findings


_TEMPLATES: dict[type[Node], tuple[dict[str, Any], tuple[str, ...]]] = {}
_new_object = object.__new__
# BaseModel keeps these three in slots; setting them through the slot descriptors is the
# cheapest way to finish an instance whose __dict__ is already complete.
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _template(cls: type[Node]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Default field values of a class, and the names of its list fields."""
    found = _TEMPLATES.get(cls)
    if found is None:
        defaults: dict[str, Any] = {}
        lists: list[str] = []
        for name, info in cls.model_fields.items():
            if info.default_factory is not None:
                lists.append(name)
                defaults[name] = None
            else:
                defaults[name] = info.default
        found = _TEMPLATES[cls] = (defaults, tuple(lists))
    return found


def _build(cls: type[Node], data: dict[str, Any]) -> Any:
    """Create a model instance from values the walk already typed (no re-validation)."""
    found = _TEMPLATES.get(cls)
    defaults, lists = found if found is not None else _template(cls)
    values = defaults.copy()
    values.update(data)
    for name in lists:
        if name not in data:
            values[name] = []
    return _instance(cls, values, set(data))


def _instance(cls: type[Node], values: dict[str, Any], fields_set: set[str]) -> Any:
    """A model instance with exactly these field values (all fields present)."""
    obj = _new_object(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, fields_set)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj
