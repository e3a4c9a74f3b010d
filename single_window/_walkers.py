"""Generate, once per model class, the function that maps an element onto that class.

A walker loops over an element's children, dispatches on the child's tag, and creates
the typed values and the model instance directly: the values it produces already have
the model's types, so validating them again would only repeat work on the hot path
(dumping the model and validating it again gives an equal model, which the tests check).
The walkers handle the regular case inline (a value element with plain text; for an
amount or measure, at most its unit attribute); anything irregular (other attributes,
children inside a value, a number that does not read, a date, an unknown or repeated
element) goes to the mapper object ``m`` the walker is called with
(:class:`single_window._mapping._Mapper`), which reports it.

The source of each walker is generated from the class's XML layout
(:mod:`single_window._spec`) and compiled once; the runtime half, the mapper and
``map_document``, is :mod:`single_window._mapping`.

What a declaration does not use costs (almost) nothing: the instance dict starts as a
copy of the class's defaults (None for every field), the loop touches only the children
the element has, and a list field the element does not use gets its empty list only at
the end.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from lxml import etree
from pydantic import BaseModel

from single_window._locations import child_source
from single_window._spec import FieldSpec, spec_of
from single_window._values import Node
from single_window.formats.wco._namespaces import XSI_NS
from single_window.models import Declaration, MetaData

__all__ = ["Walker", "walker"]

#: A walker: (mapper, element, its path, a child to skip) -> the model instance.
Walker = Callable[[Any, etree._Element, str, "etree._Element | None"], Any]

_SCHEMA_LOCATION = f"{{{XSI_NS}}}schemaLocation"

#: The one attribute each number kind may carry on the fast path.
_UNIT_ATTRIBUTE: dict[str, str | None] = {
    "numeric": None,
    "amount": "currencyID",
    "measure": "unitCode",
    "quantity": "unitCode",
}

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

    A plain value element (text only; for an amount, measure or quantity, at most its
    unit attribute) is read inline and its leaf filled in through the slots; anything
    else goes to the mapper's ``leaf``, which reports what does not fit.
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
    elif fs.kind in ("text", "identifier", "code", "country"):
        norm = "tx.strip()" if fs.kind in ("text", "identifier") else "tx.strip().upper()"
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
        # Decimal() also reads exponents, digit separators, non-ASCII digits and
        # non-XML spaces; those go to the slow path, which refuses what XSD refuses.
        out += [
            f"{pad}keys = ch.keys()",
            f"{pad}tx = ch.text or ''",
            f"{pad}num = None",
            f"{pad}if not len(ch) and ({plain}) and tx.isascii():",
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
                f"{pad}        s = u.strip().upper()",
                f"{pad}        if s != u:",
                f"{pad}            v.raw_attributes = {{{attr!r}: u}}",
                f"{pad}        u = s",
            ]
            out.append(f"{pad}    v.{attr} = u")


def _branch_code(fs: FieldSpec, j: int, out: list[str], pad: str) -> None:
    """Source lines handling a child element of field ``j``: its path, its value, and
    storing the value in the instance dict ``d``."""
    key = repr(fs.name)
    if fs.many:
        out.append(f"{pad}c{j} += 1")
        out.append(f"{pad}p = {child_source('path', fs.xml_name, f'c{j}')}")
    else:
        out += [
            f"{pad}if d[{key}] is not None:",
            f"{pad}    m.duplicate(ch, path, {fs.xml_name!r}, d[{key}])",
            f"{pad}    continue",
            f"{pad}p = {child_source('path', fs.xml_name)}",
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


def walker_source(cls: type[Node], ns: str) -> tuple[str, dict[str, Any]]:
    """The source of the walker function for ``cls`` and the names it refers to.

    The instance dict starts as a copy of the class's defaults (None for every field,
    lists included); the loop stores what the element holds; each list field the element
    did not use then gets its own empty list.
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
    counted = {fs.name: j for j, fs in enumerate(fields) if fs.many}
    for name in lists:
        # A list the element did not use gets its own empty list (one test, one list).
        if name in counted:
            out += [f"    if not c{counted[name]}:", f"        d[{name!r}] = []"]
        else:
            out.append(f"    d[{name!r}] = []")
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
def walker(cls: type[Node], ns: str) -> Walker:
    """The walker for a model class whose elements are in namespace ``ns`` (built once,
    with the walkers of its child classes; the model graph has no cycles)."""
    source, env = walker_source(cls, ns)
    env.update(
        new=_new_object,
        set_dict=_set_dict,
        set_fields_set=_set_fields_set,
        set_extra=_set_extra,
        set_private=_set_private,
        Decimal=Decimal,
        InvalidOperation=InvalidOperation,
    )
    for j, fs in enumerate(spec_of(cls).fields):
        if fs.kind == "node":
            env[f"W{j}"] = walker(fs.cls, ns)  # type: ignore[arg-type]
    code = compile(source, f"<single_window walker {cls.__name__}>", "exec")
    exec(code, env)  # the source is generated above from the model's own field specs
    walk: Walker = env["walk"]
    return walk


def build(cls: type[Node], data: dict[str, Any]) -> Any:
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
