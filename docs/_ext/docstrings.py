"""A griffe extension for the API reference: reST habits in docstrings made Markdown.

- Sphinx roles (:class:`~single_window.Schema`) become code spans (`Schema`); a leading
  ``~`` keeps only the last name, as Sphinx does.
- A Google-style ``Example:`` heading becomes ``Examples:``, the section griffe renders
  as code, so ``>>>`` lines are shown as a session rather than read as Markdown.
- An ``Args:`` entry that documents several parameters at once (``a, b: As for ...``)
  becomes one entry per parameter, so each is matched with the signature.
- A function that takes its options as ``**options: Unpack[SomeTypedDict]`` documents
  them under ``Keyword Args:``; each entry gets its type from the ``TypedDict``, where it
  is written once.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Class, Extension, Function, GriffeLoader, Module, Object, ParameterKind

_ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`]+)`")
_EXAMPLE = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)
_ARGS = re.compile(r"^(\s*)(?:Args|Arguments|Parameters|Keyword Args|Keyword Arguments):\s*$")
_KEYWORDS = re.compile(r"^(\s*)(?:Keyword Args|Keyword Arguments):\s*$")
_ENTRY = re.compile(r"^(\s+)([A-Za-z_]\w*):(\s.*)?$")
_MULTI = re.compile(r"^(\s+)([A-Za-z_]\w*(?:,\s*[A-Za-z_]\w*)+):(\s.*)?$")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _split_entries(text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    section: int | None = None  # indentation of the current Args heading
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _ARGS.match(line)
        if heading:
            section = len(heading.group(1))
        elif line.strip() and section is not None and _indent(line) <= section:
            section = None
        entry = _MULTI.match(line) if section is not None else None
        if entry is None:
            out.append(line)
            i += 1
            continue
        indent, names, rest = entry.group(1), entry.group(2), entry.group(3) or ""
        body = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > len(indent)):
            if not lines[i].strip() and (
                i + 1 >= len(lines) or _indent(lines[i + 1]) <= len(indent)
            ):
                break
            body.append(lines[i])
            i += 1
        for name in (n.strip() for n in names.split(",")):
            out.append(f"{indent}{name}:{rest}")
            out.extend(body)
    return "\n".join(out)


def convert(text: str) -> str:
    """The docstring with the rewrites above applied."""
    text = _EXAMPLE.sub(r"\1Examples:", _ROLE.sub(_role, text))
    return _split_entries(text)


class DocstringCompat(Extension):
    """Rewrite every docstring the API reference renders (see the module docstring)."""

    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = convert(obj.docstring.value)


def _functions(obj: Object) -> list[Function]:
    """Every function defined in a module or class, and in those below it."""
    found: list[Function] = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, Function):
            found.append(member)
        elif isinstance(member, Module | Class):
            found.extend(_functions(member))
    return found


def _unpacked_types(func: Function, loader: GriffeLoader) -> dict[str, str]:
    """The keys of the ``TypedDict`` a ``**options: Unpack[...]`` parameter takes, with
    their annotations (empty when the function has no such parameter)."""
    for parameter in func.parameters:
        annotation = parameter.annotation
        if parameter.kind is not ParameterKind.var_keyword or annotation is None:
            continue
        text = str(annotation)
        if not text.startswith("Unpack[") or not text.endswith("]"):
            continue
        target = loader.modules_collection[func.resolve(text[len("Unpack[") : -1])]
        return {
            name: str(member.annotation)
            for name, member in target.members.items()
            if not member.is_alias and member.is_attribute and member.annotation is not None
        }
    return {}


def _typed_keywords(text: str, types: dict[str, str]) -> str:
    """The docstring with a type on each ``Keyword Args:`` entry ``types`` knows."""
    out: list[str] = []
    section: int | None = None
    for line in text.splitlines():
        heading = _KEYWORDS.match(line)
        if heading:
            section = len(heading.group(1))
        elif line.strip() and section is not None and _indent(line) <= section:
            section = None
        entry = _ENTRY.match(line) if section is not None else None
        if entry is not None and entry.group(2) in types and _indent(line) == section + 4:
            indent, name, rest = entry.group(1), entry.group(2), entry.group(3) or ""
            line = f"{indent}{name} ({types[name]}):{rest}"
        out.append(line)
    return "\n".join(out)


class KeywordTypes(Extension):
    """Type the ``Keyword Args:`` of functions that take ``**options: Unpack[...]``."""

    def on_package(self, *, pkg: Module, loader: GriffeLoader, **kwargs: Any) -> None:
        for func in _functions(pkg):
            types = _unpacked_types(func, loader)
            if types and func.docstring is not None:
                func.docstring.value = _typed_keywords(func.docstring.value, types)
