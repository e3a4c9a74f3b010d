"""Which NCTS message a document is, and whether the library reads it.

An NCTS message is recognised by its root element alone: the namespace
``http://ncts.dgtaxud.ec`` and a message type as local name (``CC015C``, ``CC013C``,
``CC014C``, ``CC007C``, ...: ``CC`` for the external domain, ``CD`` for the common
domain, three digits, a version letter). The declaration (CC015C) and its amendment
(CC013C) are read; any other message is refused with one finding that names its type
and the types read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from single_window import codes
from single_window._i18n import Listing, Message
from single_window.findings import Finding
from single_window.formats.ncts._api import NCTS_NS
from single_window.formats.ncts.models import MESSAGE_CLASSES, MESSAGE_TYPES

__all__ = ["NCTS_NS", "READ_TYPES", "MessageType", "identify", "refusal", "refused"]

#: The message types the library reads: the declaration and its amendment.
READ_TYPES: tuple[str, ...] = tuple(MESSAGE_CLASSES)

_TYPE = re.compile(r"C[CD]\d{3}[A-Z]")


@dataclass(frozen=True, slots=True)
class MessageType:
    """What a root element says about an NCTS message."""

    name: str
    """The message type: the root's local name (``CC015C``)."""
    read: bool
    """Whether the library reads messages of this type."""

    @property
    def title(self) -> str | None:
        """The message type's name in the NCTS code list ``MessageTypes`` (None for a
        type neither phase lists)."""
        return MESSAGE_TYPES.get(self.name)


def identify(root: etree._Element) -> MessageType | None:
    """The NCTS message type of a document's root element, or None when the root is no
    NCTS message (another namespace, or a local name that is no message type)."""
    tag = root.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{NCTS_NS}}}"):
        return None
    local = tag[len(NCTS_NS) + 2 :]
    if _TYPE.fullmatch(local) is None:
        return None
    return MessageType(local, local in MESSAGE_CLASSES)


def _named(name: str) -> Message | str:
    """A message type with its name in the code list (the list's English name, as data)."""
    title = MESSAGE_TYPES.get(name)
    if not title:
        return name
    return codes.message(codes.MODEL_ROOT, "ncts-type", type=name, title=title.lower())


def refusal(root: etree._Element) -> Finding:
    """The one ``MODEL-ROOT`` finding for a root that is no NCTS message the library
    reads: it names the message type (when there is one) and the types read.

    Raises:
        ValueError: when the root is a message the library reads.
    """
    read = Listing.of((_named(n) for n in READ_TYPES), "and")
    kind = identify(root)
    if kind is not None and kind.read:
        raise ValueError(f"{kind.name} is read, not refused")
    tag = root.tag if isinstance(root.tag, str) else ""
    local = tag.rpartition("}")[2]
    if kind is not None:
        message = codes.message(
            codes.MODEL_ROOT, "ncts-not-read", type=_named(kind.name), read=read
        )
    elif _TYPE.fullmatch(local):
        message = codes.message(
            codes.MODEL_ROOT, "ncts-namespace", tag=tag, namespace=NCTS_NS, read=read
        )
    else:
        message = codes.message(codes.MODEL_ROOT, "ncts-not-a-message", tag=tag, read=read)
    return codes.finding(
        message,
        path=f"/{local}",
        line=root.sourceline,
        value=kind.name if kind is not None else None,
    )


def refused(root: etree._Element) -> Finding | None:
    """The refusal for a root that looks like an NCTS message the library does not read (a
    root in the NCTS namespace, or named like a message type), else None: the format
    registry asks this before its generic finding for an unknown root."""
    kind = identify(root)
    if kind is not None:
        return None if kind.read else refusal(root)
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag.startswith(f"{{{NCTS_NS}}}") or _TYPE.fullmatch(tag.rpartition("}")[2]):
        return refusal(root)
    return None
