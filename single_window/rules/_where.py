"""Where a finding about absent data points, and element names in messages, in the format read.

The rules read the canonical model, whose element names are WCO's; a declaration read in
another format (an NCTS message) has other names and nests things otherwise. A check
says what is missing as canonical steps below a node (``Violation.missing``); the
finding points at the nearest element of the document that is there, as the
declaration's format places the data (:meth:`~single_window.formats.Registry.absent`),
and its message names the missing data in that format's names. First the canonical
model is followed down the steps as far as it holds single values (a list is not
descended: data missing from every entry of a list is missing from the list's owner);
the format then places the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from single_window._i18n import Listing, Message
from single_window._locations import Absent
from single_window._spec import spec_of
from single_window._values import Located, Node
from single_window.formats import registry
from single_window.models import Declaration
from single_window.rules._registry import Name

__all__ = ["element_name", "locate", "name", "rendered"]

_INDEX = re.compile(r"\[[0-9]+\]")


def _descend(node: Located, steps: tuple[str, ...]) -> tuple[Located, tuple[str, ...]]:
    """The deepest canonical node the steps reach through single values, and the steps
    left below it."""
    for n, step in enumerate(steps):
        if not isinstance(node, Node):
            return node, steps[n:]
        fs = spec_of(type(node)).by_xml.get(step)
        if fs is None or fs.many:
            return node, steps[n:]
        found = node.__dict__.get(fs.name)
        if not isinstance(found, Node):
            return node, steps[n:]
        node = found
    return node, ()


def locate(decl: Declaration, anchor: Located, steps: tuple[str, ...]) -> Absent:
    """Where data missing below a canonical node would be in the document read: the
    nearest element that is there, and the missing steps in the format's names."""
    nearest, rest = _descend(anchor, steps)
    if not rest:
        return Absent(nearest.path, nearest.line, ())
    return registry().absent(decl, nearest, rest)


def name(decl: Declaration, anchor: Located, steps: tuple[str, ...]) -> str:
    """Canonical steps below a node, as the path from the node in the format's names
    (``Declarant/ID`` in WCO, ``HolderOfTheTransitProcedure/TIRHolderIdentificationNumber``
    in an NCTS TIR declaration); where the format places the data outside the node's
    element, the steps from the nearest element that is there."""
    where = locate(decl, anchor, steps)
    full, base = str(where), anchor.path or ""
    if base and full.startswith(base + "/"):
        relative = full[len(base) + 1 :]
    else:
        relative = "/".join(where.missing)
    return _INDEX.sub("", relative)


def element_name(path: str | None) -> str:
    """The name of the element (or attribute) a path ends in, without its index."""
    if not path:
        return ""
    last = path.rpartition("/")[2]
    return _INDEX.sub("", last.removeprefix("@"))


def _text(decl: Declaration, value: object) -> object:
    """A template value with its element names written out: a :class:`Name` as its path in
    the format's names, the names inside a message's parameters or a list's items too."""
    kind = type(value)
    if kind is str:
        return value
    if kind is Name:
        assert isinstance(value, Name)
        return name(decl, value.anchor or decl, value.steps)
    if kind is Message:
        assert isinstance(value, Message)
        if not value.params:
            return value
        return Message(value.id, rendered(decl, value.params))
    if kind is Listing:
        assert isinstance(value, Listing)
        return Listing(tuple(_text(decl, item) for item in value.items), value.join)
    return value


def rendered(decl: Declaration, values: Mapping[str, Any]) -> dict[str, Any]:
    """Template values with every :class:`Name` written out, also inside nested messages
    and lists."""
    return {key: _text(decl, value) for key, value in values.items()}
