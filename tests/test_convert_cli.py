"""``single-window convert``: exit codes, outputs written atomically, an output that is an
input refused, losses and defaults said one line each."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window.cli import run

T1 = EXAMPLES / "tr-ge-t1.xml"
TWIN = EXAMPLES / "tr-ge-t1-cc015c.xml"
IMPORT = EXAMPLES / "tr-import.xml"


def cli(*argv: object, stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run([str(a) for a in argv], out, err, stdin=io.BytesIO(stdin) if stdin else None)
    return code, out.getvalue(), err.getvalue()


def _format(data: bytes | str) -> tuple[str | None, str | None]:
    result = sw.validate(data.encode() if isinstance(data, str) else data)
    assert [f.rule for f in result.findings if f.rule.startswith(("XSD", "MODEL"))] == []
    return result.format, result.version


def test_one_file_goes_to_stdout_and_its_losses_and_defaults_to_stderr() -> None:
    code, out, err = cli("convert", T1, "--to", "ncts")
    assert code == 1  # written, with values lost (the WCO envelope, the counts)
    assert _format(out) == ("ncts", "5")
    lines = err.splitlines()
    done = sw.convert(sw.parse(T1), "ncts")
    assert len(lines) == len(done.losses) + len(done.defaults)
    assert all(line.startswith(str(T1)) for line in lines)
    assert any("/MetaData/Declaration/GoodsItemQuantity" in line for line in lines)


def test_a_lossless_conversion_exits_0_and_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "t1.wco.xml"
    code, out, err = cli("convert", TWIN, "--to", "wco", "-o", target)
    assert (code, out) == (0, "")
    assert _format(target.read_bytes()) == ("wco", None)
    assert all(" default " in line for line in err.splitlines())  # the envelope's defaults


def test_phase_6_when_asked(tmp_path: Path) -> None:
    twin = tmp_path / "twin.wco.xml"
    assert cli("convert", TWIN, "--to", "wco", "-o", twin)[0] == 0
    # The T1 lacks the guarantee amount Phase 6 requires: it cannot be converted.
    code, out, err = cli("convert", twin, "--to", "ncts", "--phase", "6")
    assert (code, out) == (1, "")
    assert err.count("cannot convert") == 1
    assert cli("convert", TWIN, "--to", "wco", "--phase", "6")[0] == 2


def test_several_files_go_to_a_folder_and_one_that_cannot_be_converted_is_named(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "out"
    code, out, err = cli(
        "convert", T1, EXAMPLES / "tr-ge-tir.xml", IMPORT, "--to", "ncts", "-o", folder
    )
    assert (code, out) == (1, "")
    assert sorted(p.name for p in folder.iterdir()) == ["tr-ge-t1.ncts.xml", "tr-ge-tir.ncts.xml"]
    for written in folder.iterdir():
        assert _format(written.read_bytes()) == ("ncts", "5")
    refused = [line for line in err.splitlines() if line.startswith(f"{IMPORT}: cannot convert")]
    assert len(refused) == 1 and "IMA" in refused[0]


def test_a_folder_of_inputs_expands_to_its_xml_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.xml", "b.xml"):
        (inputs / name).write_bytes(TWIN.read_bytes())
    code, _, _ = cli("convert", inputs, "--to", "wco", "-o", tmp_path / "out")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.wco.xml", "b.wco.xml"]


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", T1, IMPORT, "--to", "ncts"],  # several inputs need -o
        ["convert", T1, "--to", "eaeu"],  # not a format
        ["convert", T1],  # --to is required
        ["convert", EXAMPLES / "nowhere.xml", "--to", "ncts"],  # no such file
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[object]) -> None:
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1


def test_an_output_that_is_an_input_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    source = tmp_path / "t1.xml"
    source.write_bytes(T1.read_bytes())
    code, out, err = cli("convert", source, "--to", "ncts", "-o", source)
    assert (code, out) == (2, "")
    assert source.read_bytes() == T1.read_bytes()
    assert len(err.strip().splitlines()) == 1
    # Several inputs: an output named like one of them is refused too.
    other = tmp_path / "t1.ncts.xml"
    other.write_bytes(T1.read_bytes())
    code, _, _ = cli("convert", source, other, "--to", "ncts", "-o", tmp_path)
    assert code == 2
    assert other.read_bytes() == T1.read_bytes()


def test_outputs_are_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "t1.ncts.xml"
    target.write_text("previous")
    before = os.stat(target).st_ino
    assert cli("convert", T1, "--to", "ncts", "-o", target)[0] == 1
    assert _format(target.read_bytes()) == ("ncts", "5")
    assert os.stat(target).st_ino != before  # a new file renamed over the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t1.ncts.xml"]  # no leftovers
    # An input that cannot be converted leaves the previous output as it was.
    target.write_text("previous")
    assert cli("convert", IMPORT, "--to", "ncts", "-o", target)[0] == 1
    assert target.read_text() == "previous"


def test_an_output_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = cli("convert", T1, "--to", "ncts", "-o", blocker / "out.xml")
    # The losses are said first; then the one line of the error, naming the target.
    assert code == 2 and str(blocker / "out.xml") in err.strip().splitlines()[-1]


def test_standard_input_and_the_language(tmp_path: Path) -> None:
    code, out, err = cli("convert", "-", "--to", "wco", "--lang", "tr", stdin=TWIN.read_bytes())
    assert code == 0
    assert _format(out) == ("wco", None)
    assert err.splitlines()[0].startswith("<stdin>")


def test_a_refusal_is_said_in_the_language_of_the_command(tmp_path: Path) -> None:
    """The reason a declaration cannot be converted is a library message, said in the
    command's language (here the pseudo-locale of the tests), not fixed in English."""
    from _pseudo import PSEUDO, catalogs

    from single_window.cli import run

    source = EXAMPLES / "tr-import.xml"  # an import: NCTS declares transit only
    with catalogs(tmp_path / "locale", PSEUDO):
        err = io.StringIO()
        argv = ["convert", str(source), "--to", "ncts", "--lang", PSEUDO]
        status = run(argv, io.StringIO(), err)
    assert status == 1
    english = io.StringIO()
    assert run(["convert", str(source), "--to", "ncts"], io.StringIO(), english) == 1
    reason = english.getvalue().split("cannot convert: ", 1)[1].strip()
    assert reason.startswith("a declaration of type IMA is not a transit declaration")
    assert "[!!" in err.getvalue()
    assert "is not a transit declaration" not in err.getvalue()
