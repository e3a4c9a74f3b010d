"""Reading a pack file into a TOML table: a regular file, of bounded size, in UTF-8.

A pack path comes from a user (``--packs my-packs/``), so reading it is as careful as
reading a declaration: a FIFO, socket or device named ``*.toml`` is refused without
being opened (it could block for ever), the file is read up to :data:`MAX_PACK_BYTES`,
and anything that keeps it from being a TOML table (another encoding, a byte order mark,
nesting deeper than the TOML reader can follow) is a :class:`RulePackError` naming the
file, never another exception.
"""

from __future__ import annotations

import codecs
import os
import stat
import tomllib
from typing import Any

from single_window._i18n import N_, define
from single_window.errors import RulePackError

__all__ = ["MAX_PACK_BYTES", "PACK_TEXTS", "pack_error", "pack_table", "read_pack"]

#: Largest pack file read, in bytes (the bundled packs are a few tens of KiB).
MAX_PACK_BYTES = 16 * 1024 * 1024

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

#: Why a pack file cannot be loaded (``pack.<key>``), said after the file's name.
PACK_TEXTS = define(
    "pack",
    {
        "not-regular": N_("this is {kind}, not a regular file; it is refused unread"),
        "kind-directory": N_("a directory"),
        "kind-fifo": N_("a FIFO (named pipe)"),
        "kind-socket": N_("a socket"),
        "kind-character-device": N_("a character device"),
        "kind-block-device": N_("a block device"),
        "kind-special": N_("a special file"),
        "unreadable": N_("cannot read: {reason}"),
        "too-large": N_("the file is over {limit} MiB; a pack is read up to that size"),
        "utf-16": N_("the file is in UTF-16 or UTF-32; packs are UTF-8 TOML"),
        "not-utf-8": N_(
            "the file is not UTF-8 (byte 0x{byte} on line {line}); packs are UTF-8 TOML: "
            "save it as UTF-8"
        ),
        "bom": N_(
            "the file starts with a byte order mark, which TOML does not allow; save it as "
            "UTF-8 without one"
        ),
        "not-toml": N_("not valid TOML: {error}"),
        "too-deep": N_("not valid TOML: arrays or tables nest deeper than the TOML reader follows"),
        "fields-too-deep": N_("values nest deeper than a pack's fields can"),
    },
)


def pack_error(name: str, key: str, /, **params: object) -> RulePackError:
    """The error that says why the pack file ``name`` cannot be loaded: the message
    ``pack.<key>``, in English."""
    return RulePackError(name, PACK_TEXTS(key, **params).render())


_FILE_KINDS = (
    (stat.S_ISDIR, "kind-directory"),
    (stat.S_ISFIFO, "kind-fifo"),
    (stat.S_ISSOCK, "kind-socket"),
    (stat.S_ISCHR, "kind-character-device"),
    (stat.S_ISBLK, "kind-block-device"),
)


def _not_regular(name: str, mode: int) -> RulePackError:
    kind = next((what for test, what in _FILE_KINDS if test(mode)), "kind-special")
    return pack_error(name, "not-regular", kind=PACK_TEXTS(kind))


def read_pack(path: str | os.PathLike[str]) -> str:
    """The text of a pack file.

    The file is checked with ``stat`` before it is opened, then opened non-blocking and
    checked again, so a file swapped for a FIFO in between is refused too.

    Raises:
        RulePackError: for anything but a regular UTF-8 file of at most
            :data:`MAX_PACK_BYTES`.
    """
    name = os.fspath(path)
    try:
        if not stat.S_ISREG(mode := os.stat(path).st_mode):
            raise _not_regular(name, mode)
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(mode := os.fstat(fd).st_mode):
                raise _not_regular(name, mode)
            data = fh.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        raise pack_error(name, "unreadable", reason=exc.strerror or str(exc)) from None
    except ValueError as exc:  # a path the platform cannot represent (a NUL in it)
        raise pack_error(name, "unreadable", reason=str(exc)) from None
    if len(data) > MAX_PACK_BYTES:
        raise pack_error(name, "too-large", limit=MAX_PACK_BYTES // (1024 * 1024))
    return _decoded(name, data)


def _decoded(name: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in data[:4]:
        raise pack_error(name, "utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = f"{data[exc.start]:02x}"
        raise pack_error(name, "not-utf-8", byte=byte, line=line) from None


def pack_table(name: str, text: str) -> dict[str, Any]:
    """The TOML table of a pack's text.

    Raises:
        RulePackError: when the text is not TOML (a byte order mark, which TOML does not
            allow, included), or nests deeper than the TOML reader can follow.
    """
    if text.startswith("\ufeff"):
        raise pack_error(name, "bom")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise pack_error(name, "not-toml", error=str(exc)) from None
    except RecursionError:
        raise pack_error(name, "too-deep") from None
