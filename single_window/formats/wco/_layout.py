"""What the WCO format adds to the model's own layout: its root elements, the classes
they map to, and the shape its documents have for paths.

A WCO document is a ``Declaration`` (namespace DEC-DMS:2), or a ``MetaData`` envelope
(DocumentMetaData-DMS:2) whose elements are followed by one ``Declaration``. Below the
root, the model classes' field aliases say everything (:mod:`single_window._spec`).
"""

from __future__ import annotations

from dataclasses import dataclass

from single_window._spec import ModelShape, shape_of
from single_window.formats.wco._namespaces import DEC_NS, DS_NS, MD_NS
from single_window.models import Declaration, MetaData

__all__ = ["DECLARATION_TAG", "DOCUMENT_SHAPE", "METADATA_TAG", "NAMESPACES", "ROOT_CLASSES"]

DECLARATION_TAG = f"{{{DEC_NS}}}Declaration"
METADATA_TAG = f"{{{MD_NS}}}MetaData"
#: The namespaces of the elements of a WCO document below its root: the envelope's, the
#: declaration's and its data types' (``DateTimeString``). An element of another
#: namespace is never the model's, and its step names its namespace when an element of
#: these has its name beside it (:func:`single_window._locations.step_name`).
NAMESPACES: frozenset[str | None] = frozenset({MD_NS, DEC_NS, DS_NS})
#: The model class of each root element, by local name.
ROOT_CLASSES = {"MetaData": MetaData, "Declaration": Declaration}


@dataclass(frozen=True)
class _EnvelopeShape:
    """The ``MetaData`` envelope: its own fields, then the ``Declaration`` it holds."""

    def child(self, name: str) -> tuple[bool, ModelShape | None]:
        if name == "Declaration":
            return False, shape_of(Declaration)
        return shape_of(MetaData).child(name)


@dataclass(frozen=True)
class _DocumentShape:
    """A WCO document: its root is a ``MetaData`` envelope or a ``Declaration``."""

    def child(self, name: str) -> tuple[bool, ModelShape | _EnvelopeShape | None]:
        if name == "MetaData":
            return False, _EnvelopeShape()
        if name == "Declaration":
            return False, shape_of(Declaration)
        return False, None


#: The shape of a WCO document (:class:`~single_window._locations.Shape`).
DOCUMENT_SHAPE = _DocumentShape()
