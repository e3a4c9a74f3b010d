"""The bundled NCTS schemas: where they are, which one a message needs, compiled once.

The DG TAXUD schemas of CC015C and CC013C for Phase 5 (XSD 51.8.6) and Phase 6 (XSD
60.4.16) are bundled under ``xsd/ncts/p5`` and ``xsd/ncts/p6`` (licence and provenance
beside them); an installed wheel has them as ``single_window/_bundled_xsd/ncts/``. Each
(message type, phase) schema is compiled by lxml the first time it is asked for, and
kept. lxml compiles the Phase 6 set although it declares ``vc:minVersion="1.1"``: the
schemas use no XSD 1.1 construct.

A message names its phase in the root's ``PhaseID`` attribute (:func:`phase_of`).
Schema findings point into the message with the paths the reader gives its values
(``/CC015C/Consignment/HouseConsignment[1]/...``, :mod:`single_window._locations`).
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from single_window.errors import SchemaError
from single_window.formats.ncts._api import Phase, phase_from_id
from single_window.formats.ncts._layout import DOCUMENT_SHAPE, NAMESPACES
from single_window.schema import Schema

__all__ = ["SCHEMA_FILES", "NctsSchema", "bundled_folder", "phase_of", "schema_for", "schema_path"]

#: The entry file of each message type's schema.
SCHEMA_FILES = {"CC015C": "cc015c.xsd", "CC013C": "cc013c.xsd"}


def phase_of(root: etree._Element) -> Phase:
    """The phase a message's root names in its ``PhaseID`` attribute (``NCTS5.0``,
    ``NCTS5.1``: 5; ``NCTS6``: 6; absent: 5)."""
    return phase_from_id(root.get("PhaseID"))


def bundled_folder(phase: Phase) -> Path:
    """The folder of a phase's bundled schemas (installed package or source tree).

    Raises:
        SchemaError: when the installation lacks them.
    """
    name = f"p{phase}"
    installed = resources.files("single_window") / "_bundled_xsd" / "ncts" / name
    if installed.is_dir():
        return Path(str(installed))
    source_tree = Path(__file__).resolve().parents[3] / "xsd" / "ncts" / name
    if source_tree.is_dir():
        return source_tree
    raise SchemaError(f"the bundled NCTS Phase {phase} schemas are missing from the installation")


def schema_path(message_type: str, phase: Phase) -> Path:
    """The entry file of the bundled schema of a message type in a phase.

    Raises:
        SchemaError: when the type has no bundled schema, or the file is missing.
    """
    file = SCHEMA_FILES.get(message_type)
    if file is None:
        read = ", ".join(SCHEMA_FILES)
        raise SchemaError(f"no NCTS schema is bundled for {message_type} (only for {read})")
    path = bundled_folder(phase) / file
    if not path.is_file():
        raise SchemaError(f"the bundled schema {path} is missing")
    return path


class NctsSchema(Schema):
    """A compiled NCTS message schema whose findings carry NCTS paths.

    :class:`~single_window.schema.Schema` does the validation (one compiled copy per
    thread, at most 100 findings); unless told another shape, it gives the paths of its
    findings in the reader's form (indexed where the schema repeats a step).
    """

    SHAPE = DOCUMENT_SHAPE
    NAMESPACES = NAMESPACES

    def __init__(self, path: Path, message_type: str, phase: Phase) -> None:
        super().__init__(path)
        self.message_type = message_type
        self.phase = phase

    def __repr__(self) -> str:
        return f"NctsSchema({self.message_type!r}, phase={self.phase})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker process compiles its own copy from the bundle.
        return (schema_for, (self.message_type, self.phase))

    def explain(self, source: bytes) -> list[str]:
        """Re-check a failed message with xmlschema and return its readable reasons."""
        import xmlschema

        with self._lock:
            if self._explainer is None:
                # The schemas declare vc:minVersion="1.1", so an XSD 1.0 processor that
                # honours versioning skips them whole: xmlschema reads them as XSD 1.1.
                self._explainer = xmlschema.XMLSchema11(str(self.path))
        return super().explain(source)


_schemas: dict[tuple[str, Phase], NctsSchema] = {}
_lock = threading.Lock()


def schema_for(message_type: str, phase: Phase) -> NctsSchema:
    """The bundled schema of a message type in a phase, compiled on first use and kept.

    Raises:
        SchemaError: when there is no such bundled schema, or it does not compile.
    """
    key = (message_type, phase)
    with _lock:
        schema = _schemas.get(key)
        if schema is None:
            schema = _schemas[key] = NctsSchema(schema_path(message_type, phase), *key)
    return schema
