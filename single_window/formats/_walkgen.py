"""Generate a format's walkers: one function per model class that maps its element.

A walker loops over an element's children, dispatches on the child's tag, and creates
the typed values and the model instance directly (:mod:`single_window.formats._walking`).
It handles the regular case inline (a value element with plain text; for an amount or
measure, at most its unit attribute); anything irregular goes to the mapper ``m`` it is
called with (:class:`~single_window.formats._walking.Irregular`), which reports it.

The walkers are written to a module of the format (``formats/wco/_walkers.py``) by a
script (``scripts/build_walkers.py``), so a reader sees exactly what runs; a test checks
that regenerating changes nothing. Nothing here runs when a document is read.

What a document does not use costs (almost) nothing: the instance dict starts as a copy
of the class's defaults (None for every field), the loop touches only the children the
element has, and a list field the element does not use gets its empty list only at the
end. Elements may be qualified (their tags carry the namespace) or unqualified.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from single_window._locations import child_source
from single_window._spec import FieldSpec, spec_of
from single_window._values import Node

__all__ = ["WalkerLayout", "generate"]

#: The one attribute each number kind may carry on the fast path.
_UNIT_ATTRIBUTE: dict[str, str | None] = {
    "numeric": None,
    "amount": "currencyID",
    "measure": "unitCode",
    "quantity": "unitCode",
}


@dataclass(frozen=True)
class WalkerLayout:
    """What the generator needs of a format besides its model classes.

    Attributes:
        doc: The first paragraph of the module's docstring.
        script: The command that regenerates the module (named in its docstring).
        roots: The root classes, each with the namespace of the elements below it
            (None: unqualified); their walkers are the module's public names.
        constants: The module the namespace constants are imported from.
        namespaces: Each namespace a tag or attribute uses -> its constant's name.
        located: Classes whose element may carry ``xsi:schemaLocation`` (kept in their
            ``schema_location`` field); needs the XSI namespace in ``namespaces``.
        xsi: The XML Schema instance namespace.
    """

    doc: str
    script: str
    roots: tuple[tuple[type[Node], str | None], ...]
    constants: str
    namespaces: Mapping[str, str]
    located: tuple[type[Node], ...] = ()
    xsi: str = "http://www.w3.org/2001/XMLSchema-instance"


def _new_leaf(cls: str, value: str, raw: str, pad: str) -> list[str]:
    """Lines that create leaf ``v`` of class ``cls`` for the child ``ch`` at path ``p``,
    filling its slots directly (no ``__init__`` call on the hot path)."""
    return [
        f"{pad}v = new({cls})",
        f"{pad}v.value = {value}",
        f"{pad}v.path = p",
        f"{pad}v.line = ch.sourceline",
        f"{pad}v.raw = {raw}",
    ]


def _value_code(fs: FieldSpec, walkers: Mapping[type, str], out: list[str], pad: str) -> None:
    """Lines that set ``v`` to the field's value for the child ``ch`` at path ``p``
    (``continue`` when the value cannot be read).

    A plain value element (text only; for an amount, measure or quantity, at most its
    unit attribute) is read inline and its leaf filled in through the slots; anything
    else goes to the mapper's ``leaf``, which reports what does not fit.
    """
    cls = fs.cls.__name__
    slow = [
        f'{pad}    v = m.leaf(ch, "{fs.kind}", p, {cls})',
        f"{pad}    if v is None:",
        f"{pad}        continue",
    ]
    if fs.kind == "node":
        out.append(f"{pad}v = {walkers[fs.cls]}(m, ch, p, None)")
    elif fs.kind == "datetime":
        out += [line[4:] for line in slow]
    elif fs.kind in ("text", "identifier", "code", "country"):
        norm = "tx.strip()" if fs.kind in ("text", "identifier") else "tx.strip().upper()"
        out += [f"{pad}if len(ch) or ch.keys():", *slow]
        out += [
            f"{pad}else:",
            f'{pad}    tx = ch.text or ""',
            f"{pad}    s = {norm}",
            *_new_leaf(cls, "s", "None if s == tx else tx", pad + "    "),
        ]
    else:
        unit = _UNIT_ATTRIBUTE[fs.kind]
        plain = "not keys" if unit is None else f'not keys or keys == ["{unit}"]'
        # Decimal() also reads exponents, digit separators, non-ASCII digits and
        # non-XML spaces; those go to the slow path, which refuses what XSD refuses.
        out += [
            f"{pad}keys = ch.keys()",
            f'{pad}tx = ch.text or ""',
            f"{pad}num = None",
            f"{pad}if not len(ch) and ({plain}) and tx.isascii():",
            f"{pad}    try:",
            f"{pad}        num = Decimal(tx)",
            f"{pad}    except InvalidOperation:",
            f"{pad}        num = None",
            f'{pad}if num is None or not num.is_finite() or "e" in tx or "E" in tx or "_" in tx:',
            *slow,
            f"{pad}else:",
            *_new_leaf(
                cls, "num", 'None if tx == str(num) or tx == format(num, "f") else tx', pad + "    "
            ),
        ]
        if unit is not None:
            attr = "currency" if fs.kind == "amount" else "unit"
            out += [
                f'{pad}    u = ch.get("{unit}")',
                f"{pad}    if u is not None:",
                f"{pad}        s = u.strip().upper()",
                f"{pad}        if s != u:",
                f'{pad}            v.raw_attributes = {{"{attr}": u}}',
                f"{pad}        u = s",
                f"{pad}    v.{attr} = u",
            ]


def _branch_code(
    fs: FieldSpec, j: int, walkers: Mapping[type, str], out: list[str], pad: str
) -> None:
    """Lines handling a child element of field ``j``: its path, its value, and storing the
    value in the instance dict ``d``."""
    key = f'"{fs.name}"'
    if fs.many:
        out.append(f"{pad}c{j} += 1")
        out.append(f"{pad}p = {child_source('path', fs.xml_name, f'c{j}')}")
    else:
        out += [
            f"{pad}if d[{key}] is not None:",
            f'{pad}    m.duplicate(ch, path, "{fs.xml_name}", d[{key}])',
            f"{pad}    continue",
            f"{pad}p = {child_source('path', fs.xml_name)}",
        ]
    _value_code(fs, walkers, out, pad)
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
    fields: tuple[FieldSpec, ...],
    lo: int,
    hi: int,
    walkers: Mapping[type, str],
    out: list[str],
    pad: str,
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
            _branch_code(fields[j], j, walkers, out, pad + "    ")
        return
    mid = (lo + hi) // 2
    out.append(f"{pad}if k < {mid}:")
    _dispatch_code(fields, lo, mid, walkers, out, pad + "    ")
    out.append(f"{pad}else:")
    _dispatch_code(fields, mid, hi, walkers, out, pad + "    ")


def _walker_code(
    cls: type[Node], ns: str | None, layout: WalkerLayout, walkers: Mapping[type, str]
) -> list[str]:
    """The tag table, the instance template and the walker function of one class.

    The instance dict starts as a copy of the class's defaults (None for every field,
    lists included); the loop stores what the element holds; each list field the element
    did not use then gets its own empty list.
    """
    name = cls.__name__
    fields = spec_of(cls).fields
    template: list[str] = []
    lists: list[str] = []
    for field_name, info in cls.model_fields.items():
        if info.default_factory is not None:
            lists.append(field_name)
        elif info.default is not None:
            raise ValueError(f"{name}.{field_name}: only None defaults are supported")
        template.append(f'    "{field_name}": None,')
    prefix = "" if ns is None else f"_{layout.namespaces[ns]} + "
    located = cls in layout.located
    out = [
        "",
        "",
        f"# --- {name} " + "-" * max(3, 84 - len(name)),
        "",
        f"_TAGS_{name}: dict[str, int] = {{",
        *(f'    {prefix}"{fs.xml_name}": {j},' for j, fs in enumerate(fields)),
        "}",
        f"_EMPTY_{name}: dict[str, Any] = {{",
        *template,
        "}",
        "",
        "",
        f"def {walkers[cls]}(m: Irregular, el: Any, path: str, skip: Any) -> {name}:",
        f'    """Map an element at ``path`` onto :class:`{name}` (not its child ``skip``)."""',
        *(["    v: Any"] if fields else []),
        *(["    num: Decimal | None"] if any(fs.kind in _UNIT_ATTRIBUTE for fs in fields) else []),
        "    if el.keys():",
        f"        m.attributes(el, path, {'_KNOWN_ROOT' if located else '()'})",
        f"    d = _EMPTY_{name}.copy()",
        '    d["path"] = path',
        '    d["line"] = el.sourceline',
        '    fields_set = {"path", "line"}',
        "    add = fields_set.add",
    ]
    if located:
        out += [
            "    location = el.get(_SCHEMA_LOCATION)",
            "    if location is not None:",
            '        d["schema_location"] = location',
            '        add("schema_location")',
        ]
    out += [f"    c{j} = 0" for j, fs in enumerate(fields) if fs.many]
    out += [
        f"    get = _TAGS_{name}.get",
        "    for ch in el:",
        "        k = get(ch.tag)",
        "        if k is None:",
        "            if ch is not skip:",
        f"                m.unknown(ch, {name}, path)",
        "            continue",
    ]
    if fields:
        _dispatch_code(fields, 0, len(fields), walkers, out, "        ")
    counted = {fs.name: j for j, fs in enumerate(fields) if fs.many}
    for field_name in lists:
        # A list the element did not use gets its own empty list (one test, one list).
        if field_name in counted:
            out += [f"    if not c{counted[field_name]}:", f'        d["{field_name}"] = []']
        else:
            out.append(f'    d["{field_name}"] = []')
    out += [
        f"    obj = new({name})",
        "    set_dict(obj, d)",
        "    set_fields_set(obj, fields_set)",
        "    set_extra(obj, None)",
        "    set_private(obj, None)",
        "    return obj",
    ]
    return out


def _order(layout: WalkerLayout) -> list[tuple[type[Node], str | None]]:
    """Every class a root reaches with the namespace of its elements, children first."""
    seen: dict[type[Node], str | None] = {}
    order: list[tuple[type[Node], str | None]] = []

    def visit(cls: type[Node], ns: str | None) -> None:
        if cls in seen:
            if seen[cls] != ns:
                raise ValueError(f"{cls.__name__} is reached in two namespaces")
            return
        seen[cls] = ns
        for fs in spec_of(cls).fields:
            if fs.kind == "node" and issubclass(fs.cls, Node):
                visit(fs.cls, ns)
        order.append((cls, ns))

    for cls, ns in layout.roots:
        visit(cls, ns)
    return order


def generate(layout: WalkerLayout) -> str:
    """The source of a format's walker module."""
    order = _order(layout)
    walkers = {cls: f"walk_{cls.__name__}" for cls, _ in order}
    models = sorted(
        {cls.__name__ for cls, _ in order}
        | {fs.cls.__name__ for cls, _ in order for fs in spec_of(cls).fields},
        key=lambda n: (not n.isupper(), n.lower()),  # the order isort gives
    )
    module = order[0][0].__module__
    used = sorted({layout.namespaces[ns] for _, ns in order if ns is not None})
    if layout.located:
        used = sorted({*used, layout.namespaces[layout.xsi]})
    public = sorted(walkers[cls] for cls, _ in layout.roots)
    out = [
        f'"""{layout.doc}',
        "",
        f"Generated by ``{layout.script}`` with :mod:`single_window.formats._walkgen` from",
        "the model's field aliases: edit the generator or the model, not this file. Each",
        "``walk_<Class>(m, el, path, skip)`` maps one element onto its model class; the",
        "mapper ``m`` reports and keeps what the inline code does not handle.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from decimal import Decimal, InvalidOperation",
        "from typing import Any",
        "",
        "from single_window.formats._walking import (",
        "    Irregular,",
        "    new,",
        "    set_dict,",
        "    set_extra,",
        "    set_fields_set,",
        "    set_private,",
        ")",
        *([f"from {layout.constants} import {', '.join(used)}"] if used else []),
        f"from {module} import (",
        *(f"    {n}," for n in models),
        ")",
        "",
        "__all__ = [",
        *(f'    "{n}",' for n in public),
        "]",
        "",
    ]
    for uri in sorted({ns for _, ns in order if ns is not None}):
        constant = layout.namespaces[uri]
        out.append(f'_{constant} = f"{{{{{{{constant}}}}}}}"')
    if layout.located:
        out += [
            f'_SCHEMA_LOCATION = f"{{{{{{{layout.namespaces[layout.xsi]}}}}}}}schemaLocation"',
            "_KNOWN_ROOT = (_SCHEMA_LOCATION,)",
        ]
    for cls, ns in order:
        out += _walker_code(cls, ns, layout, walkers)
    return "\n".join(out) + "\n"
