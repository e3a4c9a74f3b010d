"""The user's files: ``-o`` never overwrites an input, never leaves a partial report,
never replaces a device, and every failing write is one line and exit status 2."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from test_cli import COMMAND, cli, one_error_line
from test_reporters import write_rejected

from single_window import _output
from single_window._output import OutputError, open_output

ACCEPTED = EXAMPLES / "tr-import.xml"
PREVIOUS = '{"previous": "report"}\n'


def _leftovers(folder: Path) -> list[str]:
    """Temporary files the writer left in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class _CountingStdin(io.BytesIO):
    """Standard input that records whether it was read."""

    read_at_all = False

    def read(self, size: int | None = -1) -> bytes:
        self.read_at_all = True
        return super().read(size)


def _cli_with_stdin(*argv: object) -> tuple[int, str, str, bool]:
    stdin = _CountingStdin(ACCEPTED.read_bytes())
    out, err = io.StringIO(), io.StringIO()
    from single_window.cli import run

    code = run([str(a) for a in argv], out, err, stdin=stdin)
    return code, out.getvalue(), err.getvalue(), stdin.read_at_all


# -- the output is one of the inputs ---------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "validate"])
def test_an_input_named_as_output_is_refused_before_anything_is_read(
    command: str, tmp_path: Path
) -> None:
    declaration = tmp_path / "a.xml"
    declaration.write_bytes(ACCEPTED.read_bytes())
    code, out, err, read = _cli_with_stdin(command, "-", declaration, "-o", declaration)
    assert code == 2
    assert "-o" in one_error_line(err)
    assert declaration.read_bytes() == ACCEPTED.read_bytes()
    assert not read, "standard input was read before the refusal"
    assert out == ""
    assert _leftovers(tmp_path) == []


def test_the_same_file_through_a_symbolic_or_hard_link_is_refused(tmp_path: Path) -> None:
    declaration = tmp_path / "a.xml"
    declaration.write_bytes(ACCEPTED.read_bytes())
    soft = tmp_path / "soft.xml"
    soft.symlink_to(declaration.name)
    hard = tmp_path / "hard.xml"
    os.link(declaration, hard)
    for given, target in ((soft, declaration), (declaration, soft), (hard, declaration)):
        code, _, err = cli("check", given, "-o", target)
        assert code == 2, (given, target)
        one_error_line(err)
    assert declaration.read_bytes() == ACCEPTED.read_bytes()


def test_a_dangling_link_named_as_output_and_input_is_refused(tmp_path: Path) -> None:
    dangling = tmp_path / "gone.xml"
    dangling.symlink_to("missing.xml")
    code, _, err = cli("check", dangling, "-o", dangling)
    assert code == 2
    one_error_line(err)
    assert not (tmp_path / "missing.xml").exists()


def test_a_file_of_an_expanded_folder_named_through_a_link_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "declarations"
    folder.mkdir()
    inside = folder / "a.xml"
    inside.write_bytes(ACCEPTED.read_bytes())
    outside = tmp_path / "report.json"
    outside.symlink_to(inside)
    code, _, err = cli("check", folder, "-o", outside)
    assert code == 2
    one_error_line(err)
    # the target's own entry is a link to a declaration of the folder: refused as well
    link = folder / "report.xml"
    link.symlink_to(inside.name)
    code, _, err = cli("check", folder, "-o", link)
    assert code == 2
    one_error_line(err)
    link.unlink()
    # so is a hard link to one of them, under another name in the same folder
    os.link(inside, folder / "report.xml")
    code, _, err = cli("check", folder, "-o", folder / "report.xml")
    assert code == 2
    one_error_line(err)
    assert inside.read_bytes() == ACCEPTED.read_bytes()


def test_the_schema_or_a_pack_named_as_output_is_refused(tmp_path: Path) -> None:
    schema = tmp_path / "national.xsd"
    schema.write_text("<not-read/>")
    packs = tmp_path / "packs"
    packs.mkdir()
    pack = packs / "xx.toml"
    pack.write_text("# not read\n")
    for extra, target in ((("--schema", schema), schema), (("--packs", packs), pack)):
        code, _, err = cli("check", ACCEPTED, *extra, "-o", target)
        assert code == 2
        one_error_line(err)
    assert schema.read_text() == "<not-read/>"
    assert pack.read_text() == "# not read\n"


def test_a_report_inside_the_checked_folder_is_not_read_on_the_next_run(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(ACCEPTED.read_bytes())
    report = tmp_path / "report.xml"
    for _ in range(3):
        code, _, err = cli("check", tmp_path, "--format", "junit", "-o", report, "-q")
        assert code == 0, err
        assert 'tests="1"' in report.read_text()
    # another name is another file: read as an input, which it is not a declaration
    code, _, _ = cli("check", tmp_path, "--format", "junit", "-o", tmp_path / "other.xml", "-q")
    assert code == 1
    assert 'tests="2"' in (tmp_path / "other.xml").read_text()


# -- atomic replacement -----------------------------------------------------------------------


def test_a_report_replaces_the_previous_one_keeping_its_mode_and_links(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(PREVIOUS)
    target.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(target.name)
    code, _, _ = cli("check", ACCEPTED, "--format", "json", "-o", link, "-q")
    assert code == 0
    assert link.is_symlink(), "the link was replaced by a file"
    assert json.loads(target.read_text())[0]["verdict"] == "accept"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_new_report_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        code, _, _ = cli("check", ACCEPTED, "-o", tmp_path / "new.txt", "-q")
    finally:
        os.umask(umask)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


class _FillingUp:
    """A file that takes ``room`` characters, then fails as a full disk does."""

    def __init__(self, stream: Any, room: int) -> None:
        self._stream = stream
        self._room = room

    def write(self, text: str) -> int:
        if len(text) > self._room:
            self._stream.write(text[: self._room])
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(text)
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@pytest.mark.parametrize("room", [0, 300])
def test_a_full_disk_keeps_the_previous_report(
    room: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text(PREVIOUS)
    real = _output._text_file
    monkeypatch.setattr(_output, "_text_file", lambda fd: _FillingUp(real(fd), room))
    rejected = write_rejected(tmp_path)
    code, out, err = cli("check", ACCEPTED, rejected, "--format", "jsonl", "-o", target, "-q")
    assert code == 2
    line = one_error_line(err)
    assert str(target) in line and os.strerror(errno.ENOSPC) in line
    assert target.read_text() == PREVIOUS
    assert _leftovers(tmp_path) == []
    assert out == ""


def test_a_failing_fsync_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text(PREVIOUS)

    def no_room(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_room)
    code, _, err = cli("check", ACCEPTED, "-o", target, "-q")
    assert code == 2
    one_error_line(err)
    assert target.read_text() == PREVIOUS
    assert _leftovers(tmp_path) == []


def test_an_interrupt_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from single_window import _batch, check

    target = tmp_path / "out.jsonl"
    target.write_text(PREVIOUS)

    def interrupted(sources: list[Any], **_: Any) -> Iterator[Any]:
        yield check(sources[0])
        raise KeyboardInterrupt

    monkeypatch.setattr(_batch, "check_many", interrupted)
    code, _, err = cli("check", ACCEPTED, ACCEPTED, "--format", "jsonl", "-o", target)
    assert code == 2
    assert err == "single-window: interrupted\n"
    assert target.read_text() == PREVIOUS
    assert _leftovers(tmp_path) == []


def test_an_error_in_the_block_keeps_the_target_and_removes_the_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.txt"
    target.write_text(PREVIOUS)

    def half_a_report() -> None:
        with open_output(str(target), io.StringIO()) as out:
            out.write("half a report")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        half_a_report()
    assert target.read_text() == PREVIOUS
    assert _leftovers(tmp_path) == []


# -- targets that are not regular files -------------------------------------------------------


def test_dev_null_is_written_in_place(tmp_path: Path) -> None:
    before = os.stat(os.devnull)
    link = tmp_path / "null.txt"
    link.symlink_to(os.devnull)
    for target in (os.devnull, link):
        code, _, err = cli("check", ACCEPTED, "-o", target, "-q")
        assert code == 0, err
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert link.is_symlink()
    assert _leftovers(Path(os.devnull).parent) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, err = cli("check", ACCEPTED, "--format", "jsonl", "-o", fifo, "-q")
    reader.join(timeout=60)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["verdict"] == "accept"
    assert _leftovers(tmp_path) == []


def test_dev_stdout_redirected_to_a_file_is_written_in_place(tmp_path: Path) -> None:
    """``/dev/stdout`` leads to the file the shell opened: it is not renamed over."""
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout on this system")
    redirected = tmp_path / "shell.jsonl"
    with redirected.open("wb") as stdout:
        result = subprocess.run(
            [COMMAND, "check", ACCEPTED, "--format", "jsonl", "-o", "/dev/stdout", "-q"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
        inode = os.fstat(stdout.fileno()).st_ino
    assert result.returncode == 0, result.stderr
    assert redirected.stat().st_ino == inode
    assert json.loads(redirected.read_text())["verdict"] == "accept"
    assert _leftovers(tmp_path) == []


def test_a_full_device_is_one_line_and_status_2() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    code, _, err = cli("check", ACCEPTED, "--format", "jsonl", "-o", "/dev/full", "-q")
    assert code == 2
    assert "/dev/full" in one_error_line(err)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# -- writes that fail --------------------------------------------------------------------------


def test_a_parent_that_is_not_a_folder_is_one_line_and_status_2(tmp_path: Path) -> None:
    parent = tmp_path / "file.txt"
    parent.write_text("a file")
    code, _, err = cli("check", ACCEPTED, "-o", parent / "out.json", "-q")
    assert code == 2
    one_error_line(err)
    assert parent.read_text() == "a file"


def test_no_permission_is_one_line_and_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated, since the tests may run as root, whom permissions do not stop."""
    import tempfile

    def denied(*_: Any, **__: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    code, _, err = cli("check", ACCEPTED, "-o", tmp_path / "out.json", "-q")
    assert code == 2
    assert os.strerror(errno.EACCES) in one_error_line(err)


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


@pytest.mark.parametrize(
    "argv",
    [
        ("check", ACCEPTED, "--format", "jsonl", "-q"),
        ("validate", ACCEPTED, "--format", "json", "-q"),
        ("rules",),
        ("--help",),
    ],
    ids=["check", "validate", "rules", "help"],
)
def test_a_closed_standard_output_is_one_line_and_status_2(argv: tuple[object, ...]) -> None:
    from single_window.cli import run

    err = io.StringIO()
    assert run([str(a) for a in argv], _ClosedPipe(), err) == 2
    assert "standard output" in one_error_line(err.getvalue())


@pytest.mark.parametrize(
    "argv",
    [("check", ACCEPTED, "--format", "jsonl", "-q"), ("rules",), ("--help",)],
    ids=["check", "rules", "help"],
)
def test_the_command_into_a_closed_pipe_is_one_line_and_status_2(argv: tuple[object, ...]) -> None:
    """As ``single-window ... | head -0``: the reader is gone before anything is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [COMMAND, *map(str, argv)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 2
    one_error_line(result.stderr.decode())


def test_the_module_error_names_the_target() -> None:
    error = _output.write_error("out.json", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert isinstance(error, OutputError)
    assert str(error) == f"out.json: cannot write: {os.strerror(errno.ENOSPC)}"
    assert "\n" not in str(error)


def test_python_m_into_a_closed_pipe_prints_no_traceback() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "single_window", "check", str(ACCEPTED), "--format", "json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    one_error_line(result.stderr.decode())
