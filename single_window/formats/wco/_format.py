"""The WCO format's record: how a WCO document is recognised, read, checked and written.

A document is a ``Declaration`` in the DEC-DMS:2 namespace, or a ``MetaData`` envelope
(DocumentMetaData-DMS:2) around one. Its model is the canonical model the rules read
(:mod:`single_window.models`), so normalizing is the identity and absent data is where the
canonical names say. The schema is the bundled OTS profile; the walkers that read a
document are generated (``_walkers.py``, by ``scripts/build_walkers.py``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from single_window._i18n import N_
from single_window.findings import Finding
from single_window.formats._registry import Converted, Detected, Format, Root
from single_window.formats.wco._layout import DOCUMENT_SHAPE, NAMESPACES
from single_window.formats.wco._mapping import map_document
from single_window.formats.wco._namespaces import DEC_NS, MD_NS
from single_window.models import Declaration
from single_window.schema import Schema, load_schema

__all__ = ["EXAMPLE", "FORMAT"]

#: A small valid declaration.
EXAMPLE = (
    f'<Declaration xmlns="{DEC_NS}">'
    "<FunctionCode>9</FunctionCode><TypeCode>IMA</TypeCode></Declaration>"
).encode()


def _schema(detected: Detected) -> Schema:
    """The bundled OTS profile, for both roots (compiled once, on first use)."""
    return load_schema()


def _read(root: etree._Element, detected: Detected) -> tuple[Declaration | None, list[Finding]]:
    return map_document(root)


def _write(decl: Declaration, pretty: bool) -> bytes:
    """The writer, imported the first time a declaration is written (reading needs none)."""
    from single_window.formats.wco._writer import write_declaration

    return write_declaration(decl, pretty)


def _from_ncts(decl: Declaration, version: str | None, back: bool) -> Converted:
    """The converter from NCTS, imported the first time one converts."""
    from single_window.formats.wco._from_ncts import from_ncts

    return from_ncts(decl, version, back)


def _normalize(decl: Any) -> tuple[Declaration | None, list[Finding]]:
    """The WCO model is the canonical one: nothing to do."""
    return decl, []


FORMAT = Format(
    name="wco",
    title=N_("WCO Data Model goods declaration (DEC-DMS:2)"),
    roots=(Root(DEC_NS, "Declaration"), Root(MD_NS, "MetaData")),
    schema=_schema,
    shape=DOCUMENT_SHAPE,
    namespaces=NAMESPACES,
    read=_read,
    normalize=_normalize,
    write=_write,
    example=EXAMPLE,
    converts_from={"ncts": _from_ncts},
)
