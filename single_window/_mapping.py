"""Map a parsed document onto the typed model in one walk, normalizing as it goes.

Each model class gets a walker: a function generated once from the class's XML layout
(:mod:`single_window._spec`) that loops over an element's children, dispatches on the
child's tag, and creates the typed values and the model instance directly. The values it
produces already have the model's types, so validating them again would only repeat work
on the hot path; dumping the model and validating it again gives an equal model, which
the tests check. The walkers handle the regular case inline (a value element with plain
text); anything irregular (attributes or children on a value, a number that does not
read, a date) goes to :class:`_Mapper`, which reports it. Values that do not convert (an
impossible date, a non-number) become findings; elements and attributes the model has no
field for are kept in ``Declaration.unmapped`` with their path and are reported as
``MODEL-UNMAPPED``, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import pycountry
from lxml import etree
from pydantic import BaseModel

from single_window._spec import DEC_NS, DS_NS, MD_NS, XSI_NS, FieldSpec, spec_of
from single_window._values import (
    Leaf,
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

#: The one attribute each number kind may carry.
_UNIT_ATTRIBUTE: dict[str, str | None] = {
    "numeric": None,
    "amount": "currencyID",
    "measure": "unitCode",
}


def _split(tag: str) -> tuple[str | None, str]:
    if tag[0] == "{":
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return None, tag


class _Mapper:
    """One document's walk: the findings and unmapped items, and the irregular cases."""

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

    # -- irregular structure (called by the generated walkers) -------------------------

    def attributes(self, el: etree._Element, path: str, known: tuple[str, ...]) -> None:
        """Keep the attributes of a model element that the model has no field for."""
        for name, value in el.items():
            if name not in known:
                self.keep_attribute(el, name, value, path)

    def unknown(self, child: etree._Element, cls: type[Node], path: str) -> None:
        """Keep a child element that is not one of the class's fields."""
        tag = child.tag
        if not isinstance(tag, str):
            return
        cns, local = _split(tag)
        fs = spec_of(cls).by_xml.get(local)
        if fs is not None and fs.many:
            n = 1 + sum(1 for sib in child.itersiblings(tag, preceding=True))
            cpath = f"{path}/{local}[{n}]"
        else:
            cpath = f"{path}/{local}"
        why = "is not part of the model" if fs is None else f"is in namespace {cns!r}"
        self.keep_element(child, cpath, why)

    def duplicate(self, child: etree._Element, path: str) -> None:
        """Keep a second occurrence of a field that occurs at most once."""
        self.keep_element(child, path, "occurs more than once")

    # -- values -------------------------------------------------------------------------

    def leaf(self, el: etree._Element, kind: str, path: str, cls: type[Leaf]) -> Any:
        """A leaf value in the general case: reports what does not fit, or returns None
        when the value cannot be read at all (it is then kept as unmapped)."""
        data = self.datetime(el, path) if kind == "datetime" else self.value(el, kind, path)
        return None if data is None else cls(**data)

    def value(self, el: etree._Element, kind: str, path: str) -> dict[str, Any] | None:
        attrs = el.attrib
        allowed = _UNIT_ATTRIBUTE.get(kind)
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


# --- generated walkers -----------------------------------------------------------------

_Walker = Callable[[_Mapper, etree._Element, str, "etree._Element | None"], Any]

_new_object = object.__new__
# BaseModel keeps these four in slots; setting them through the slot descriptors is the
# cheapest way to finish an instance whose __dict__ is already complete.
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__

#: Classes whose element may carry ``xsi:schemaLocation`` (kept in ``schema_location``).
_LOCATED_ROOTS = (MetaData, Declaration)


def _new_leaf(cls: str, value: str, raw: str, pad: str) -> list[str]:
    """Source lines that create leaf ``v`` of class ``cls`` for the child ``ch`` at path
    ``p``, filling its slots directly (no ``__init__`` call on the hot path)."""
    return [
        f"{pad}v = new({cls})",
        f"{pad}v.value = {value}",
        f"{pad}v.path = p",
        f"{pad}v.line = ch.sourceline",
        f"{pad}v.raw = {raw}",
    ]


def _value_code(j: int, fs: FieldSpec, out: list[str], pad: str) -> None:
    """Source lines that set ``v`` to field ``j``'s value for the child ``ch`` at path ``p``
    (``continue`` when the value cannot be read).

    A plain value element (text only; for an amount or measure, at most its unit
    attribute) is read inline and its leaf filled in through the slots; anything else
    goes to :meth:`_Mapper.leaf`, which reports what does not fit.
    """
    cls = f"C{j}"
    slow = [
        f"{pad}    v = m.leaf(ch, {fs.kind!r}, p, {cls})",
        f"{pad}    if v is None:",
        f"{pad}        continue",
    ]
    if fs.kind == "node":
        out.append(f"{pad}v = W{j}(m, ch, p, None)")
    elif fs.kind == "datetime":
        out += [line[4:] for line in slow]
    elif fs.kind in ("text", "code", "country"):
        norm = "tx.strip().upper()" if fs.kind != "text" else "tx.strip()"
        out += [f"{pad}if len(ch) or ch.keys():", *slow]
        out += [
            f"{pad}else:",
            f"{pad}    tx = ch.text or ''",
            f"{pad}    s = {norm}",
            *_new_leaf(cls, "s", "None if s == tx else tx", pad + "    "),
        ]
    else:
        unit = _UNIT_ATTRIBUTE[fs.kind]
        plain = "not keys" if unit is None else f"not keys or keys == [{unit!r}]"
        out += [
            f"{pad}keys = ch.keys()",
            f"{pad}tx = ch.text or ''",
            f"{pad}num = None",
            f"{pad}if not len(ch) and ({plain}):",
            f"{pad}    try:",
            f"{pad}        num = Decimal(tx)",
            f"{pad}    except InvalidOperation:",
            f"{pad}        pass",
            f"{pad}if num is None or not num.is_finite() or 'e' in tx or 'E' in tx or '_' in tx:",
            *slow,
            f"{pad}else:",
            *_new_leaf(
                cls, "num", "None if tx == str(num) or tx == format(num, 'f') else tx", pad + "    "
            ),
        ]
        if unit is not None:
            attr = "currency" if fs.kind == "amount" else "unit"
            out += [
                f"{pad}    u = ch.get({unit!r})",
                f"{pad}    if u is not None:",
                f"{pad}        u = u.strip().upper()",
            ]
            out.append(f"{pad}    v.{attr} = u")


def _branch_code(fs: FieldSpec, j: int, out: list[str], pad: str) -> None:
    """Source lines handling a child element of field ``j``: its path, its value, and
    storing the value in the instance dict ``d``."""
    key = repr(fs.name)
    if fs.many:
        out.append(f"{pad}c{j} += 1")
        out.append(f"{pad}p = f'{{path}}/{fs.xml_name}[{{c{j}}}]'")
    else:
        out += [
            f"{pad}if d[{key}] is not None:",
            f"{pad}    m.duplicate(ch, path + '/{fs.xml_name}')",
            f"{pad}    continue",
            f"{pad}p = path + '/{fs.xml_name}'",
        ]
    _value_code(j, fs, out, pad)
    if fs.many:
        out += [
            f"{pad}if c{j} == 1:",
            f"{pad}    d[{key}] = [v]",
            f"{pad}    add({key})",
            f"{pad}else:",
            f"{pad}    d[{key}].append(v)",
        ]
    else:
        out += [f"{pad}d[{key}] = v", f"{pad}add({key})"]


def _dispatch_code(
    fields: tuple[FieldSpec, ...], lo: int, hi: int, out: list[str], pad: str
) -> None:
    """An if-tree on the field index ``k`` (binary above a few fields)."""
    if hi - lo <= 4:
        for j in range(lo, hi):
            if j == lo:
                out.append(f"{pad}if k == {j}:")
            elif j < hi - 1:
                out.append(f"{pad}elif k == {j}:")
            else:
                out.append(f"{pad}else:")
            _branch_code(fields[j], j, out, pad + "    ")
        return
    mid = (lo + hi) // 2
    out.append(f"{pad}if k < {mid}:")
    _dispatch_code(fields, lo, mid, out, pad + "    ")
    out.append(f"{pad}else:")
    _dispatch_code(fields, mid, hi, out, pad + "    ")


def _walker_source(cls: type[Node], ns: str) -> tuple[str, dict[str, Any]]:
    """The source of the walker function for ``cls`` and the names it refers to.

    The instance dict starts as a copy of the class's defaults (None for every field,
    lists included); the loop stores what the element holds; the list fields left
    unset then get their own empty list.
    """
    fields = spec_of(cls).fields
    template: dict[str, Any] = {}
    lists: list[str] = []
    for name, info in cls.model_fields.items():
        template[name] = info.default if info.default_factory is None else None
        if info.default_factory is not None:
            lists.append(name)
    env: dict[str, Any] = {
        "CLS": cls,
        "T": {f"{{{ns}}}{fs.xml_name}": j for j, fs in enumerate(fields)},
        "KNOWN": (_SCHEMA_LOCATION,) if cls in _LOCATED_ROOTS else (),
        "TEMPLATE": template,
        "LISTS": frozenset(lists),
    }
    out = [
        "def walk(m, el, path, skip):",
        "    if el.keys():",
        "        m.attributes(el, path, KNOWN)",
        "    d = TEMPLATE.copy()",
        "    d['path'] = path",
        "    d['line'] = el.sourceline",
        "    fields_set = {'path', 'line'}",
        "    add = fields_set.add",
    ]
    if cls in _LOCATED_ROOTS:
        out += [
            f"    location = el.get({_SCHEMA_LOCATION!r})",
            "    if location is not None:",
            "        d['schema_location'] = location",
            "        add('schema_location')",
        ]
    for j, fs in enumerate(fields):
        env[f"C{j}"] = fs.cls
        if fs.many:
            out.append(f"    c{j} = 0")
    out += [
        "    get = T.get",
        "    for ch in el:",
        "        k = get(ch.tag)",
        "        if k is None:",
        "            if ch is not skip:",
        "                m.unknown(ch, CLS, path)",
        "            continue",
    ]
    if fields:
        _dispatch_code(fields, 0, len(fields), out, "        ")
    if lists:
        out += ["    for name in LISTS - fields_set:", "        d[name] = []"]
    out += [
        "    obj = new(CLS)",
        "    set_dict(obj, d)",
        "    set_fields_set(obj, fields_set)",
        "    set_extra(obj, None)",
        "    set_private(obj, None)",
        "    return obj",
    ]
    return "\n".join(out) + "\n", env


@cache
def _walker(cls: type[Node], ns: str) -> _Walker:
    """The walker for a model class whose elements are in namespace ``ns`` (built once,
    with the walkers of its child classes; the model graph has no cycles)."""
    source, env = _walker_source(cls, ns)
    env.update(
        new=_new_object,
        set_dict=_set_dict,
        set_fields_set=_set_fields_set,
        set_extra=_set_extra,
        set_private=_set_private,
        ISO_COUNTRIES=ISO_COUNTRIES,
        ISO_CURRENCIES=ISO_CURRENCIES,
        Decimal=Decimal,
        InvalidOperation=InvalidOperation,
    )
    for j, fs in enumerate(spec_of(cls).fields):
        if fs.kind == "node":
            env[f"W{j}"] = _walker(fs.cls, ns)  # type: ignore[arg-type]
    code = compile(source, f"<single_window walker {cls.__name__}>", "exec")
    exec(code, env)  # the source is generated above from the model's own field specs
    walk: _Walker = env["walk"]
    return walk


def map_document(root: etree._Element) -> tuple[Declaration | None, list[Finding]]:
    """Map a parsed WCO document (MetaData-wrapped or bare Declaration) onto the model."""
    mapper = _Mapper()
    ns, local = _split(root.tag) if isinstance(root.tag, str) else (None, "")
    metadata: MetaData | None = None
    decl_el: etree._Element | None = None
    decl_path = "/Declaration"
    if ns == MD_NS and local == "MetaData":
        for child in root:
            if child.tag == _DEC_DECLARATION:
                decl_el = child
                break
        metadata = _walker(MetaData, MD_NS)(mapper, root, "/MetaData", decl_el)
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
    decl: Declaration = _walker(Declaration, DEC_NS)(mapper, decl_el, decl_path, None)
    late: dict[str, Any] = {}
    if metadata is not None:
        late["metadata"] = metadata
    if mapper.unmapped:
        late["unmapped"] = [_build(Unmapped, item) for item in mapper.unmapped]
    if late:
        decl.__dict__.update(late)
        decl.__pydantic_fields_set__.update(late)
    return decl, mapper.findings


def _build(cls: type[Node], data: dict[str, Any]) -> Any:
    """A model instance from values that already have the model's types."""
    values: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        if name in data:
            values[name] = data[name]
        elif info.default_factory is not None:
            values[name] = []
        else:
            values[name] = info.default
    obj = _new_object(cls)
    _set_dict(obj, values)
    _set_fields_set(obj, set(data))
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj
