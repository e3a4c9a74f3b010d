"""Document formats: each recognised by its root element, with its own schema, model, reader
and writer, and a normalizer into the one canonical model the rules read.

:data:`FORMATS` lists them (WCO DEC-DMS:2 is the first, ``formats/wco/``); :func:`registry`
loads them and finds a document's format from its root element. See
``docs/explanation/architecture.md`` for what a new format provides.

Example:
    >>> from single_window.formats import registry
    >>> registry().names
    ('wco', 'ncts')
"""

from single_window._locations import Absent, AbsentLocator
from single_window.formats._registry import (
    CANONICAL,
    FORMATS,
    Converted,
    Converter,
    Detected,
    Format,
    ReadFrom,
    Registry,
    Root,
    document_read,
    registry,
)

__all__ = [
    "CANONICAL",
    "FORMATS",
    "Absent",
    "AbsentLocator",
    "Converted",
    "Converter",
    "Detected",
    "Format",
    "ReadFrom",
    "Registry",
    "Root",
    "document_read",
    "registry",
]
