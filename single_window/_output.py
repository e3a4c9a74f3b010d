"""Where a command writes its output: standard output, or a file that is never lost.

Every command of :mod:`single_window.cli` writes through :func:`open_output`:

- **A regular file** (or a name that does not exist yet) is written to a temporary file
  in the same folder (``.NAME.XXXXXXXX.tmp``), flushed to disk (``fsync``) and only then
  renamed over the target (:func:`os.replace`, atomic on one file system). Until that
  rename the previous file is untouched, so an interrupt (Ctrl-C), an error or a full
  disk leaves either the previous report or the whole new one, never a part of one; the
  temporary file is removed on every error. A process killed outright (``SIGKILL``) can
  leave the temporary file behind, never a partial target. The new file keeps the mode
  (and, where allowed, the owner) of the one it replaces. A symbolic link is followed:
  the file it points to is replaced and the link kept.
- **Anything else** (``/dev/null``, a FIFO, a terminal, ``/dev/stdout`` and other names
  for an open descriptor, which can lead to a regular file the shell opened) is written
  in place and never replaced or removed: a rename over ``/dev/null`` as root would
  replace the device itself.
- **Standard output** (no target) is written as it is.

A write that fails (a full disk, a missing or non-folder parent, no permission, a closed
pipe on standard output) raises :class:`OutputError`, whose message is one line naming
the target; the command line turns it into exit status 2 without a traceback.

:func:`same_as_input` and :class:`Target` keep a command from writing over what it
reads: the target named as an input, through a symbolic link or a hard link, is refused,
and the target's own entry is left out when the folder it sits in is searched for
inputs (a JUnit report written inside the checked folder is not read back as a
declaration on the next run).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, TextIO, cast

from single_window._i18n import N_, define

__all__ = [
    "STDOUT_NAME",
    "OutputError",
    "Target",
    "guard",
    "open_output",
    "same_as_input",
    "write_error",
]

_TEXTS = define(
    "output",
    {
        "cannot-write": N_("{target}: cannot write: {reason}"),
        "standard-output": N_("standard output"),
    },
)

#: The name standard output goes by as a target; error messages call it by the words of
#: ``output.standard-output``, in the language the command speaks.
STDOUT_NAME = "-"

#: Folders whose entries name open descriptors (``/dev/stdout`` -> ``/proc/self/fd/1``).
_DESCRIPTOR_FOLDERS = ("/proc/", "/dev/fd/")
#: Symbolic links followed before giving up, as the kernel does (``ELOOP``).
_MAX_LINKS = 40


class OutputError(Exception):
    """The output cannot be written; the message is one line that names the target, in
    the language the command speaks when it is shown.

    Attributes:
        target: The file's name as given, or :data:`STDOUT_NAME`.
        reason: The operating system's words for what went wrong.
    """

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(target, reason)
        self.target = target
        self.reason = reason

    def __str__(self) -> str:
        from single_window._clitext import spoken  # the command's language, when shown

        lang = spoken()
        target = self.target
        if target == STDOUT_NAME:
            target = _TEXTS.text("standard-output", lang)
        return _TEXTS.text("cannot-write", lang, target=target, reason=self.reason)


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def write_error(name: str, exc: OSError) -> OutputError:
    """The error that says ``name`` cannot be written, and why (one line; the system's
    reason as it gives it)."""
    return OutputError(name, _describe(exc))


class _Guarded:
    """A text stream whose write errors become :class:`OutputError` naming the target."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise write_error(self._name, exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise write_error(self._name, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard(stream: TextIO, name: str = STDOUT_NAME) -> TextIO:
    """``stream`` with every failing write or flush raised as :class:`OutputError`."""
    if isinstance(stream, _Guarded):
        return cast(TextIO, stream)
    return cast(TextIO, _Guarded(stream, name))


class Target(NamedTuple):
    """An output file named on the command line, as the input search needs to know it.

    Attributes:
        path: The name as given.
        folder: The real path of the folder that holds it.
        name: Its name in that folder.
    """

    path: str
    folder: str
    name: str

    @classmethod
    def of(cls, path: str) -> Target:
        """The target ``path`` names."""
        absolute = os.path.abspath(path)
        return cls(path, os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))

    def is_entry(self, folder: str, name: str) -> bool:
        """True when ``name`` in ``folder`` (a real path) is the target's own entry."""
        if folder != self.folder:
            return False
        if name == self.name:
            return True
        if name.casefold() != self.name.casefold():
            return False
        try:  # the same entry spelt otherwise, on a case-insensitive file system
            return os.path.samestat(
                os.lstat(os.path.join(folder, name)), os.lstat(os.path.join(folder, self.name))
            )
        except OSError:
            return False


def same_as_input(target: str, inputs: Iterable[str]) -> str | None:
    """The first input that is the same file as ``target``, or None.

    Two names are the same file when they lead to the same file on disk (through a
    symbolic or a hard link), or, for an input that leads nowhere (a dangling link), when
    it resolves to the target's path. One ``stat`` per input.
    """
    real = os.path.realpath(target)
    try:
        target_stat: os.stat_result | None = os.stat(target)
    except OSError:
        target_stat = None
    for source in inputs:
        try:
            source_stat = os.stat(source)
        except OSError:
            if os.path.realpath(source) == real:
                return source
            continue
        if target_stat is not None and os.path.samestat(source_stat, target_stat):
            return source
    return None


def _names_a_descriptor(path: str) -> bool:
    """True when ``path`` or a symbolic link on its way is a name of an open descriptor."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if current.startswith(_DESCRIPTOR_FOLDERS):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return True  # a loop: never rename over it


def _in_place(path: str) -> bool:
    """True when ``path`` exists and is not a regular file reached by its own name."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return False  # let the temporary file say what is wrong (e.g. a non-folder parent)
    return not stat.S_ISREG(mode) or _names_a_descriptor(path)


@contextmanager
def open_output(target: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """A text stream for a command's output; the output is complete when the block ends.

    Args:
        target: The file to write (``-o``), or None for ``stdout``.
        stdout: Standard output.

    Yields:
        The stream to write to. Its write errors raise :class:`OutputError`.

    Raises:
        OutputError: when the target cannot be opened, written or put in place.
    """
    if target is None:
        out = guard(stdout)
        yield out
        out.flush()
    elif _in_place(target):
        with _special(target) as out:
            yield out
    else:
        with _replacing(target) as out:
            yield out


@contextmanager
def _special(target: str) -> Iterator[TextIO]:
    """Write a device, FIFO or descriptor name where it is; never rename or remove it."""
    try:
        stream = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        yield guard(stream, target)
        try:
            stream.flush()
        except OSError as exc:
            raise write_error(target, exc) from None
    finally:
        with contextlib.suppress(OSError):
            stream.close()


def _mode_for_new_file() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _text_file(fd: int) -> TextIO:
    """The temporary file's descriptor as a UTF-8 text stream."""
    return os.fdopen(fd, "w", encoding="utf-8")


@contextmanager
def _replacing(target: str) -> Iterator[TextIO]:
    """Write a temporary file beside the target and rename it over the target at the end."""
    import tempfile  # here: the command line's start-up does not need it

    final = os.path.realpath(target)  # through a symbolic link: keep the link
    folder, name = os.path.split(final)
    try:
        previous: os.stat_result | None = os.stat(final)
    except OSError:
        previous = None
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise write_error(target, exc) from None
    stream: TextIO | None = None
    try:
        stream = _text_file(fd)
        yield guard(stream, target)
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            _take_over(temporary, previous)
            os.replace(temporary, final)
        except OSError as exc:
            raise write_error(target, exc) from None
    except BaseException:
        # whatever stopped the output (an error, Ctrl-C): the target stays as it was
        if stream is None:
            os.close(fd)
        else:
            with contextlib.suppress(OSError):
                stream.close()  # what is still buffered may not fit: it is dropped anyway
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _take_over(temporary: str, previous: os.stat_result | None) -> None:
    """Give the new file the mode (and owner) of the file it replaces."""
    if previous is None:
        os.chmod(temporary, _mode_for_new_file())
        return
    os.chmod(temporary, stat.S_IMODE(previous.st_mode))
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(temporary, previous.st_uid, previous.st_gid)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
