"""The NCTS format's record: how an NCTS declaration is recognised, read, checked and written.

A document is an NCTS declaration (``CC015C``) or its amendment (``CC013C``): the root
element in the NCTS namespace names the message type, its ``PhaseID`` the phase (absent:
Phase 5). Each message is validated against the bundled schema of its type and phase,
read into the message model (:mod:`single_window.formats.ncts.models`) and normalized
into the canonical declaration the rules read (:mod:`._normalize`); writing a declaration
read from a message writes the message. A root of another NCTS message type (an arrival
notification, a customs response, ...) gets one finding that names its type and the
types read (:func:`._messages.refused`).

The registry loads this module whenever it loads the formats, for a WCO document too, so
it names the rest of the format by module and imports each part the first time an NCTS
document needs it (the message models and walkers are large).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

from lxml import etree

from single_window._i18n import N_
from single_window._locations import Absent
from single_window.findings import Finding
from single_window.formats._registry import Converted, Detected, Format, Root
from single_window.formats.ncts._api import NCTS_NS, READ, Phase, phase_from_id
from single_window.formats.ncts._example import EXAMPLE
from single_window.schema import Schema

__all__ = ["FORMAT"]

_PACKAGE = "single_window.formats.ncts"
#: The phase each version names.
_PHASES: dict[str | None, Phase] = {"5": 5, "6": 6}
#: A local name of the form of an NCTS message type (``CC015C``, ``CD001C``).
_TYPE = re.compile(r"C[CD]\d{3}[A-Z]")


def _part(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"{_PACKAGE}.{module}"), name)


def _schema(detected: Detected) -> Schema:
    """The bundled schema of the message's type and phase (compiled once, on first use)."""
    found: Schema = _part("_schema", "schema_for")(
        detected.root.name, _PHASES.get(detected.version, 5)
    )
    return found


def _read(root: etree._Element, detected: Detected) -> tuple[Any, list[Finding]]:
    found: tuple[Any, list[Finding]] = _part("_read", "read_message")(root)
    return found


def _normalize(message: Any) -> tuple[Any, list[Finding]]:
    found: tuple[Any, list[Finding]] = _part("_normalize", "normalize")(message)
    return found


def _write(message: Any, pretty: bool) -> bytes:
    found: bytes = _part("_writer", "write_message")(message, pretty)
    return found


def _from_wco(decl: Any, version: str | None, back: bool) -> Converted:
    found: Converted = _part("_to_ncts", "from_declaration")(decl, version, back)
    return found


def _absent(message: Any, anchor: Any, missing: tuple[str, ...]) -> Absent:
    found: Absent = _part("_absent", "locate")(message, anchor, missing)
    return found


def _refusal(root: etree._Element) -> Finding | None:
    """The refusal of a root that looks like an NCTS message (in its namespace, or named
    like a message type) that the library does not read."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if not tag.startswith(f"{{{NCTS_NS}}}") and _TYPE.fullmatch(tag.rpartition("}")[2]) is None:
        return None
    found: Finding | None = _part("_messages", "refused")(root)
    return found


class _Shape:
    """The document shape (:data:`._layout.DOCUMENT_SHAPE`), loaded when first asked."""

    def child(self, name: str) -> tuple[bool, Any]:
        found: tuple[bool, Any] = _part("_layout", "DOCUMENT_SHAPE").child(name)
        return found


def _code_list_at(steps: Sequence[str]) -> str | None:
    found: str | None = _part("_places", "code_list_at")(steps)
    return found


def _version(phase_id: str | None) -> str:
    return str(phase_from_id(phase_id))


FORMAT = Format(
    name="ncts",
    title=N_("NCTS transit declaration (CC015C, or its amendment CC013C; Phase 5 or 6)"),
    roots=tuple(Root(NCTS_NS, name) for name in READ),
    schema=_schema,
    shape=_Shape(),
    namespaces=frozenset({None}),
    read=_read,
    normalize=_normalize,
    write=_write,
    example=EXAMPLE,
    version_attribute="PhaseID",
    version=_version,
    absent=_absent,
    refusal=_refusal,
    converts_from={"wco": _from_wco},
    code_list_at=_code_list_at,
)
