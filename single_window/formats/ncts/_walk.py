"""Generate, once per NCTS model class, the function that maps an element onto that class.

The approach of :mod:`single_window._walkers`, for the NCTS layout: a walker loops over
an element's children, dispatches on the child's tag (NCTS child elements are
unqualified, so the tag is the bare name), and creates the leaf values and the model
instance directly, without validating again what already has the model's types. The
regular case, a value element with only text, is read inline; anything irregular (an
attribute, a child inside a value, a number that does not read, every date, an unknown or
repeated element) goes to the mapper ``m`` (:class:`~._read.NctsMapper`), which reports
it and keeps what the model has no field for.

A message's root class also reads the root's ``PhaseID`` attribute into ``phase_id``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from lxml import etree

from single_window._values import Node
from single_window.formats._walking import new, set_dict, set_extra, set_fields_set, set_private
from single_window.formats.ncts._layout import FieldSpec, layout_of
from single_window.formats.ncts.models import MESSAGE_CLASSES

__all__ = ["Walker", "walker", "walker_source"]

#: A walker: (mapper, element, its path) -> the model instance.
Walker = Callable[[Any, etree._Element, str], Any]

#: The attribute a message root may carry, and the field it is read into.
_ROOT_ATTRIBUTE = ("PhaseID", "phase_id")


def _new_leaf(j: int, value: str, raw: str, pad: str) -> list[str]:
    """Source lines that create leaf ``v`` of class ``C{j}`` for the child ``ch`` at path
    ``p``, filling its slots directly (no ``__init__`` call on the hot path)."""
    return [
        f"{pad}v = new(C{j})",
        f"{pad}v.value = {value}",
        f"{pad}v.path = p",
        f"{pad}v.line = ch.sourceline",
        f"{pad}v.raw = {raw}",
    ]


def _value_code(j: int, fs: FieldSpec, pad: str) -> list[str]:
    """Source lines that set ``v`` to field ``j``'s value for the child ``ch`` at path ``p``
    (``continue`` when the value cannot be read)."""
    slow = [
        f"{pad}    v = m.leaf(ch, {fs.kind!r}, p, C{j})",
        f"{pad}    if v is None:",
        f"{pad}        continue",
    ]
    if fs.kind == "node":
        return [f"{pad}v = W{j}(m, ch, p)"]
    if fs.kind in ("datetime", "date"):
        return [line[4:] for line in slow]
    if fs.kind in ("text", "code"):
        norm = "tx.strip()" if fs.kind == "text" else "tx.strip().upper()"
        return [
            f"{pad}if len(ch) or ch.keys():",
            *slow,
            f"{pad}else:",
            f"{pad}    tx = ch.text or ''",
            f"{pad}    s = {norm}",
            *_new_leaf(j, "s", "None if s == tx else tx", pad + "    "),
        ]
    # Decimal() also reads exponents, digit separators, non-ASCII digits and non-XML
    # spaces; those go to the slow path, which refuses what XSD refuses.
    return [
        f"{pad}tx = ch.text or ''",
        f"{pad}num = None",
        f"{pad}if not len(ch) and not ch.keys() and tx.isascii():",
        f"{pad}    try:",
        f"{pad}        num = Decimal(tx)",
        f"{pad}    except InvalidOperation:",
        f"{pad}        pass",
        f"{pad}if num is None or not num.is_finite() or 'e' in tx or 'E' in tx or '_' in tx:",
        *slow,
        f"{pad}else:",
        *_new_leaf(
            j, "num", "None if tx == str(num) or tx == format(num, 'f') else tx", pad + "    "
        ),
    ]


def _branch_code(fs: FieldSpec, j: int, pad: str) -> list[str]:
    """Source lines handling a child element of field ``j``: its path, its value, and
    storing the value in the instance dict ``d``."""
    key = repr(fs.name)
    if fs.many:
        head = [f"{pad}c{j} += 1", f"{pad}p = f'{{path}}/{fs.xml_name}[{{c{j}}}]'"]
        tail = [
            f"{pad}if c{j} == 1:",
            f"{pad}    d[{key}] = [v]",
            f"{pad}    add({key})",
            f"{pad}else:",
            f"{pad}    d[{key}].append(v)",
        ]
    else:
        head = [
            f"{pad}if d[{key}] is not None:",
            f"{pad}    m.duplicate(ch, path, {fs.xml_name!r}, d[{key}])",
            f"{pad}    continue",
            f"{pad}p = path + '/{fs.xml_name}'",
        ]
        tail = [f"{pad}d[{key}] = v", f"{pad}add({key})"]
    return [*head, *_value_code(j, fs, pad), *tail]


def _dispatch_code(fields: tuple[FieldSpec, ...], lo: int, hi: int, pad: str) -> list[str]:
    """An if-tree on the field index ``k`` (binary above a few fields)."""
    out: list[str] = []
    if hi - lo <= 4:
        for j in range(lo, hi):
            test = "if" if j == lo else "elif"
            out.append(f"{pad}{test} k == {j}:" if j < hi - 1 or j == lo else f"{pad}else:")
            out += _branch_code(fields[j], j, pad + "    ")
        return out
    mid = (lo + hi) // 2
    out.append(f"{pad}if k < {mid}:")
    out += _dispatch_code(fields, lo, mid, pad + "    ")
    out.append(f"{pad}else:")
    out += _dispatch_code(fields, mid, hi, pad + "    ")
    return out


def walker_source(cls: type[Node]) -> tuple[str, dict[str, Any]]:
    """The source of the walker function for ``cls`` and the names it refers to.

    The instance dict starts as a copy of the class's defaults (None for every field,
    lists included); the loop stores what the element holds; each list field the element
    did not use then gets its own empty list.
    """
    fields = layout_of(cls).fields
    template: dict[str, Any] = {}
    lists: list[str] = []
    for name, info in cls.model_fields.items():
        template[name] = info.default if info.default_factory is None else None
        if info.default_factory is not None:
            lists.append(name)
    is_root = cls in MESSAGE_CLASSES.values()
    env: dict[str, Any] = {
        "CLS": cls,
        "T": {fs.xml_name: j for j, fs in enumerate(fields)},
        "KNOWN": (_ROOT_ATTRIBUTE[0],) if is_root else (),
        "TEMPLATE": template,
    }
    out = [
        "def walk(m, el, path):",
        "    if el.keys():",
        "        m.attributes(el, path, KNOWN)",
        "    d = TEMPLATE.copy()",
        "    d['path'] = path",
        "    d['line'] = el.sourceline",
        "    fields_set = {'path', 'line'}",
        "    add = fields_set.add",
    ]
    if is_root:
        attribute, name = _ROOT_ATTRIBUTE
        out += [
            f"    found = el.get({attribute!r})",
            "    if found is not None:",
            f"        d[{name!r}] = found",
            f"        add({name!r})",
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
        "            m.unknown(ch, CLS, path)",
        "            continue",
    ]
    if fields:
        out += _dispatch_code(fields, 0, len(fields), "        ")
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
def walker(cls: type[Node]) -> Walker:
    """The walker for an NCTS model class (built once, with the walkers of its child
    classes; the model graph has no cycles)."""
    source, env = walker_source(cls)
    env.update(
        new=new,
        set_dict=set_dict,
        set_fields_set=set_fields_set,
        set_extra=set_extra,
        set_private=set_private,
        Decimal=Decimal,
        InvalidOperation=InvalidOperation,
    )
    for j, fs in enumerate(layout_of(cls).fields):
        if fs.kind == "node":
            env[f"W{j}"] = walker(fs.cls)  # type: ignore[arg-type]
    code = compile(source, f"<single_window NCTS walker {cls.__name__}>", "exec")
    exec(code, env)  # the source is generated above from the model's own field specs
    walk: Walker = env["walk"]
    return walk
