"""NCTS transit messages: the declaration CC015C and its amendment CC013C, Phases 5 and 6.

The building blocks of the NCTS format, as plain functions on an lxml tree that
:mod:`single_window._reader` has already parsed securely:

- :func:`identify` tells from the root element whether a document is an NCTS message,
  which type, and whether it is read (:data:`READ_TYPES`); :func:`refusal` is the one
  finding for a message that is not read;
- :func:`phase_of` reads the phase from the root's ``PhaseID``; :func:`schema_for`
  gives the bundled schema of a (message type, phase), compiled once;
- :func:`read_message` maps the tree onto the typed model (:mod:`.models`) in one walk,
  every value with its path and line, and reports what does not convert;
- :func:`write_message` (and ``message.to_xml()``) writes the model back, equal to the
  input in canonical form;
- :func:`element_path` and :func:`resolve_path` turn elements into the reader's paths
  and back (the one path grammar, :mod:`single_window._locations`); :data:`DOCUMENT_SHAPE`
  says which steps of a path repeat, :data:`NAMESPACES` which elements are the model's;
- :data:`EXAMPLE` is a small valid CC015C.

The names are loaded when first used (PEP 562), so that importing one module of this
package (its models, say) does not load the reader, the writer and the schemas.

Example:
    >>> from single_window._reader import read_xml
    >>> from single_window.formats import ncts
    >>> root = read_xml("declaration.xml").root                      # doctest: +SKIP
    >>> ncts.identify(root)                                          # doctest: +SKIP
    MessageType(name='CC015C', read=True)
    >>> message, findings = ncts.read_message(root)                  # doctest: +SKIP
    >>> ncts.schema_for("CC015C", ncts.phase_of(root)).validate(root)  # doctest: +SKIP
    []
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from single_window._lazy import lazy_names

if TYPE_CHECKING:
    from single_window._dates import XsdDate, XsdDateTime
    from single_window.formats.ncts import models
    from single_window.formats.ncts._api import PHASE_IDS, Phase, phase_from_id
    from single_window.formats.ncts._example import EXAMPLE
    from single_window.formats.ncts._layout import (
        DOCUMENT_SHAPE,
        NAMESPACES,
        element_path,
        resolve_path,
    )
    from single_window.formats.ncts._messages import (
        NCTS_NS,
        READ_TYPES,
        MessageType,
        identify,
        refusal,
    )
    from single_window.formats.ncts._read import read_message
    from single_window.formats.ncts._schema import (
        NctsSchema,
        bundled_folder,
        phase_of,
        schema_for,
        schema_path,
    )
    from single_window.formats.ncts._writer import write_message
    from single_window.formats.ncts.models import CC013C, CC015C

__all__ = [
    "CC013C",
    "CC015C",
    "DOCUMENT_SHAPE",
    "EXAMPLE",
    "NAMESPACES",
    "NCTS_NS",
    "PHASE_IDS",
    "READ_TYPES",
    "MessageType",
    "NctsSchema",
    "Phase",
    "XsdDate",
    "XsdDateTime",
    "bundled_folder",
    "element_path",
    "identify",
    "models",
    "phase_from_id",
    "phase_of",
    "read_message",
    "refusal",
    "resolve_path",
    "schema_for",
    "schema_path",
    "write_message",
]

_PACKAGE = "single_window.formats.ncts"
#: The module each name lives in (``models`` is the module itself).
_HOME: dict[str, str] = {
    "XsdDate": "single_window._dates",
    "XsdDateTime": "single_window._dates",
    "models": f"{_PACKAGE}.models",
    "CC013C": f"{_PACKAGE}.models",
    "CC015C": f"{_PACKAGE}.models",
    "PHASE_IDS": f"{_PACKAGE}._api",
    "Phase": f"{_PACKAGE}._api",
    "phase_from_id": f"{_PACKAGE}._api",
    "EXAMPLE": f"{_PACKAGE}._example",
    "DOCUMENT_SHAPE": f"{_PACKAGE}._layout",
    "NAMESPACES": f"{_PACKAGE}._layout",
    "element_path": f"{_PACKAGE}._layout",
    "resolve_path": f"{_PACKAGE}._layout",
    "NCTS_NS": f"{_PACKAGE}._messages",
    "READ_TYPES": f"{_PACKAGE}._messages",
    "MessageType": f"{_PACKAGE}._messages",
    "identify": f"{_PACKAGE}._messages",
    "refusal": f"{_PACKAGE}._messages",
    "read_message": f"{_PACKAGE}._read",
    "NctsSchema": f"{_PACKAGE}._schema",
    "bundled_folder": f"{_PACKAGE}._schema",
    "phase_of": f"{_PACKAGE}._schema",
    "schema_for": f"{_PACKAGE}._schema",
    "schema_path": f"{_PACKAGE}._schema",
    "write_message": f"{_PACKAGE}._writer",
}


__getattr__, __dir__ = lazy_names(__name__, _HOME, __all__)
