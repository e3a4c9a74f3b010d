"""Generate a format's walkers: one function per model class that maps its element.

A walker loops over an element's children, dispatches on the child's tag, and creates
the typed values and the model instance directly (:mod:`single_window.formats._walking`).
It handles the regular case inline (a value element with plain text; for an amount or
measure of a format whose values carry attributes, at most its unit attribute); anything
irregular goes to the mapper ``m`` it is called with
(:class:`~single_window.formats._walking.Irregular`), which reports it. Dates always go
to the mapper, which knows the format's lexical form.

The walkers are written to a module of each format (``formats/wco/_walkers.py``,
``formats/ncts/_walkers.py``) by a script (``scripts/build_walkers.py``), so a reader sees
exactly what runs; a test checks that regenerating changes nothing. Nothing here runs
when a document is read.

What a document does not use costs (almost) nothing: the instance dict starts as a copy
of the class's defaults (None for every field), the loop touches only the children the
element has, and a list field the element does not use gets its empty list only at the
end. Elements may be qualified (their tags carry the namespace) or unqualified.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
        attributes: The attributes an element of a class carries that its model keeps
            in a field: class -> {attribute name (``{namespace}name`` for a qualified
            one) -> field name}; a root's ``xsi:schemaLocation``, say, or NCTS's
            ``PhaseID``. Every other attribute of a model element goes to the mapper.
        value_attributes: Whether a value element may carry attributes its leaf type
            has (WCO: an amount's ``currencyID``, read inline); False: every attribute of
            a value element goes to the mapper (NCTS values carry none).
    """

    doc: str
    script: str
    roots: tuple[tuple[type[Node], str | None], ...]
    constants: str
    namespaces: Mapping[str, str]
    attributes: Mapping[type[Node], Mapping[str, str]] = field(default_factory=dict)
    value_attributes: bool = True


def _new_leaf(cls: str, value: str, raw: str, pad: str, slot: str = "value") -> list[str]:
    """Lines that create leaf ``v`` of class ``cls`` for the child ``ch`` at path ``p``,
    filling its slots directly (no ``__init__`` call on the hot path). A number goes to
    its slot ``_value``, past the property that checks what is assigned to ``value``
    (the walker has made it a finite Decimal already)."""
    return [
        f"{pad}v = new({cls})",
        f"{pad}v.{slot} = {value}",
        f"{pad}v.path = p",
        f"{pad}v.line = ch.sourceline",
        f"{pad}v.raw = {raw}",
    ]


@dataclass(frozen=True)
class _Module:
    """The module being generated: the format's layout and each class's walker name."""

    layout: WalkerLayout
    walkers: Mapping[type, str]


def _value_code(fs: FieldSpec, mod: _Module, out: list[str], pad: str) -> None:
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
        out.append(f"{pad}v = {mod.walkers[fs.cls]}(m, ch, p, None)")
    elif fs.kind in ("datetime", "date"):
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
        unit = _UNIT_ATTRIBUTE[fs.kind] if mod.layout.value_attributes else None
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
                cls,
                "num",
                'None if tx == str(num) or tx == format(num, "f") else tx',
                pad + "    ",
                "_value",
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


def _branch_code(fs: FieldSpec, j: int, mod: _Module, out: list[str], pad: str) -> None:
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
    _value_code(fs, mod, out, pad)
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
    mod: _Module,
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
            _branch_code(fields[j], j, mod, out, pad + "    ")
        return
    mid = (lo + hi) // 2
    out.append(f"{pad}if k < {mid}:")
    _dispatch_code(fields, lo, mid, mod, out, pad + "    ")
    out.append(f"{pad}else:")
    _dispatch_code(fields, mid, hi, mod, out, pad + "    ")


def _kept_attributes(cls: type[Node], layout: WalkerLayout) -> list[str]:
    """Lines that store the attributes the class keeps in fields (a root's
    ``schemaLocation``, ``PhaseID``) in the instance dict ``d``."""
    out: list[str] = []
    for field_name in layout.attributes.get(cls, {}).values():
        out += [
            f"    found = el.get(_{field_name.upper()})",
            "    if found is not None:",
            f'        d["{field_name}"] = found',
            f'        add("{field_name}")',
        ]
    return out


def _walker_code(cls: type[Node], ns: str | None, mod: _Module) -> list[str]:
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
    prefix = "" if ns is None else f"_{mod.layout.namespaces[ns]} + "
    known = f"_KNOWN_{name}" if cls in mod.layout.attributes else "()"
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
        f"def {mod.walkers[cls]}(m: Irregular, el: Any, path: str, skip: Any) -> {name}:",
        f'    """Map an element at ``path`` onto :class:`{name}` (not its child ``skip``)."""',
        *(["    v: Any"] if fields else []),
        *(["    num: Decimal | None"] if any(fs.kind in _UNIT_ATTRIBUTE for fs in fields) else []),
        "    if el.keys():",
        f"        m.attributes(el, path, {known})",
        f"    d = _EMPTY_{name}.copy()",
        '    d["path"] = path',
        '    d["line"] = el.sourceline',
        '    fields_set = {"path", "line"}',
        "    add = fields_set.add",
        *_kept_attributes(cls, mod.layout),
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
        _dispatch_code(fields, 0, len(fields), mod, out, "        ")
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


#: The longest line the project's formatter leaves alone.
_LINE_LENGTH = 100
#: What every walker module uses from :mod:`single_window.formats._walking`.
_RUNTIME = ("Irregular", "new", "set_dict", "set_extra", "set_fields_set", "set_private")


def _imports(order: list[tuple[type[Node], str | None]], layout: WalkerLayout) -> list[str]:
    """The import lines of the module: the runtime helpers, the namespace constants and
    every class the walkers name, each from the module that defines it."""
    modules: dict[str, set[str]] = {"single_window.formats._walking": set(_RUNTIME)}
    for cls, _ in order:
        for named in (cls, *(fs.cls for fs in spec_of(cls).fields)):
            modules.setdefault(named.__module__, set()).add(named.__name__)
    spaces = {ns for _, ns in order} | {
        _split(name)[0] for names in layout.attributes.values() for name in names
    }
    constants = {layout.namespaces[ns] for ns in spaces if ns is not None}
    if constants:
        modules.setdefault(layout.constants, set()).update(constants)
    out: list[str] = []
    for module in sorted(modules):
        names = sorted(modules[module], key=_isort)
        line = f"from {module} import {', '.join(names)}"
        if len(line) <= _LINE_LENGTH:
            out.append(line)
        else:
            out += [f"from {module} import (", *(f"    {n}," for n in names), ")"]
    return out


def _isort(name: str) -> tuple[int, str]:
    """The order isort gives names in an import: constants, classes, then the rest."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _split(name: str) -> tuple[str | None, str]:
    """``{namespace}name`` -> (namespace, name); an unqualified name has None."""
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return None, name


def _constants(order: list[tuple[type[Node], str | None]], layout: WalkerLayout) -> list[str]:
    """The tag prefix of each namespace, and the names of the attributes kept in fields."""
    out = []
    for uri in sorted({ns for _, ns in order if ns is not None}):
        constant = layout.namespaces[uri]
        out.append(f'_{constant} = f"{{{{{{{constant}}}}}}}"')
    for cls, names in layout.attributes.items():
        for name, field_name in names.items():
            ns, local = _split(name)
            text = f'"{local}"' if ns is None else f'f"{{{{{{{layout.namespaces[ns]}}}}}}}{local}"'
            line = f"_{field_name.upper()} = {text}"
            if line not in out:
                out.append(line)
        kept = ", ".join(f"_{f.upper()}" for f in names.values())
        out.append(f"_KNOWN_{cls.__name__} = ({kept},)")
    return out


def generate(layout: WalkerLayout) -> str:
    """The source of a format's walker module."""
    order = _order(layout)
    mod = _Module(layout, {cls: f"walk_{cls.__name__}" for cls, _ in order})
    public = sorted(mod.walkers[cls] for cls, _ in layout.roots)
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
        *_imports(order, layout),
        "",
        "__all__ = [",
        *(f'    "{n}",' for n in public),
        "]",
        "",
        *_constants(order, layout),
    ]
    for cls, ns in order:
        out += _walker_code(cls, ns, mod)
    return "\n".join(out) + "\n"
