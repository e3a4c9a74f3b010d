"""The hand-written part of the NCTS message models: phases, and writing a message back.

:mod:`single_window.formats.ncts.models` is generated from the schemas; the message
classes (``CC015C``, ``CC013C``) inherit :class:`MessageAPI` from here. ``to_xml()``
loads the writer (:mod:`single_window.formats.ncts._writer`) the first time a message is
written, so that the models do not import it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, ClassVar, Literal

from typing_extensions import TypeAliasType

__all__ = ["NCTS_NS", "PHASE_IDS", "READ", "MessageAPI", "Phase", "phase_from_id"]

#: The namespace of every NCTS message's root element (its children are unqualified).
NCTS_NS = "http://ncts.dgtaxud.ec"
#: The message types the library reads: the declaration and its amendment (the generated
#: models have a class for each, ``models.MESSAGE_CLASSES``).
READ: tuple[str, ...] = ("CC015C", "CC013C")

#: An NCTS phase: 5 (XSD 51.x) or 6 (XSD 60.x).
Phase = TypeAliasType("Phase", Literal[5, 6])

#: The ``PhaseID`` values the schemas define, and the phase each names.
PHASE_IDS: dict[str, Phase] = {"NCTS5.0": 5, "NCTS5.1": 5, "NCTS6": 6}


def phase_from_id(phase_id: str | None) -> Phase:
    """The phase a ``PhaseID`` attribute names: ``NCTS5.0`` and ``NCTS5.1`` Phase 5,
    ``NCTS6`` Phase 6 (surrounding spaces do not count: the attribute is an
    ``xs:token``).

    An absent attribute means Phase 5, as the Phase 5 schema has it optional. A value
    neither phase defines is read as Phase 5 too, whose schema then refuses it with a
    finding at ``/@PhaseID``.
    """
    if phase_id is None:
        return 5
    return PHASE_IDS.get(phase_id.strip(), 5)


class MessageAPI:
    """What every NCTS message model offers beyond its fields."""

    MESSAGE_TYPE: ClassVar[str]
    """The message type (``CC015C``, ``CC013C``): the root element's name."""

    if TYPE_CHECKING:
        phase_id: str | None

    @property
    def phase(self) -> Phase:
        """The phase the message's ``PhaseID`` names (5 when it names none)."""
        return phase_from_id(self.phase_id)

    def to_xml(self, pretty: bool = True) -> bytes:
        """The message as UTF-8 XML bytes; for a message that was read, equal to the
        input in canonical form (C14N 2.0), unknown elements kept in place.

        Raises:
            ModelValueError: when a value holds a character XML cannot carry.
        """
        # Loaded by name on first use: the writer imports the models, which import this.
        writer = importlib.import_module("single_window.formats.ncts._writer")
        written: bytes = writer.write_message(self, pretty)
        return written
