"""The command line, through run() with StringIO and through the installed command."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DECLARATIONS, EXAMPLES, MALFORMED, corpus_files, require_corpus
from lxml import etree
from test_batch import HOSTILE, hostile_files
from test_reporters import DEC, TEXT_LINE, write_rejected

from single_window import check, validate
from single_window.cli import run

ACCEPTED = EXAMPLES / "tr-import.xml"
COMMAND = shutil.which("single-window") or str(Path(sys.executable).parent / "single-window")


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(
    *argv: object, stdin: bytes | None = None, stderr: io.StringIO | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    code = run(
        [str(a) for a in argv],
        out,
        err,
        stdin=io.BytesIO(stdin) if stdin is not None else None,
    )
    return code, out.getvalue(), err.getvalue()


def write_warned(folder: Path) -> Path:
    """The TR example with a wrong package total: a warning, still accepted."""
    tree = etree.parse(str(ACCEPTED))
    total = tree.find(f".//{{{DEC}}}TotalPackageQuantity")
    assert total is not None and total.text is not None
    total.text = str(int(total.text) + 1)
    path = folder / "tr-warned.xml"
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    report = check(path)
    assert report.ok and report.warnings, report.to_dict()
    return path


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("single-window: error: ")
    return lines[0]


# -- exit codes ----------------------------------------------------------------------------


def test_accepted_declarations_exit_0() -> None:
    code, out, _ = cli("check", ACCEPTED, "-q")
    assert code == 0
    assert out == ""


def test_a_rejected_declaration_exits_1_with_a_clickable_line(tmp_path: Path) -> None:
    rejected = write_rejected(tmp_path)
    code, out, _ = cli("check", ACCEPTED, rejected, "-q")
    assert code == 1
    (line,) = out.splitlines()
    m = TEXT_LINE.match(line)
    assert m is not None
    assert (m["file"], m["rule"], m["country"]) == (str(rejected), "TR-HS-LENGTH", "TR")
    assert int(m["line"]) == check(rejected).findings[0].line


def test_fail_on_sets_the_level_that_fails(tmp_path: Path) -> None:
    rejected, warned = write_rejected(tmp_path), write_warned(tmp_path)
    assert cli("check", warned, "-q")[0] == 0
    assert cli("check", warned, "-q", "--fail-on", "warning")[0] == 1
    assert cli("check", rejected, "-q", "--fail-on", "never")[0] == 0
    assert cli("check", ACCEPTED, "-q", "--fail-on", "warning")[0] == 0


def test_validate_reads_and_validates_only(tmp_path: Path) -> None:
    rejected = write_rejected(tmp_path)
    code, out, _ = cli("validate", rejected, "--format", "jsonl", "-q")
    assert code == 0  # the country rule is not run
    assert json.loads(out)["countries"] == {}
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<a>")
    assert cli("validate", broken, "-q")[0] == 1


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = cli("check", ACCEPTED, tmp_path / "nope.xml")
    assert code == 2
    assert out == ""
    assert "nope.xml" in one_error_line(err)


def test_an_unknown_country_exits_2_with_one_line() -> None:
    code, _, err = cli("check", ACCEPTED, "--countries", "TR,XX")
    assert code == 2
    assert "'XX'" in one_error_line(err)


def test_a_broken_custom_pack_exits_2_naming_file_and_rule(tmp_path: Path) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_text(
        '[pack]\ncountry = "XA"\nname = "X"\n\n[[rules]]\nid = "XA-BROKEN"\n'
        'title = "A rule"\nagency = "customs"\nseverity = "fatal"\n'
        'check = { kind = "required", field = "x" }\nmessage = "msg"\nsource = "src"\n',
        encoding="utf-8",
    )
    code, _, err = cli("check", ACCEPTED, "--packs", pack)
    assert code == 2
    line = one_error_line(err)
    assert str(pack) in line
    assert "XA-BROKEN" in line


def test_a_second_pack_for_a_country_needs_replace_packs(tmp_path: Path) -> None:
    pack = tmp_path / "tr.toml"
    pack.write_text(
        '[pack]\ncountry = "TR"\nname = "custom"\n\n[[rules]]\nid = "TR-CUSTOM"\n'
        'title = "custom"\nagency = "customs"\nseverity = "warning"\nscope = "item"\n'
        'check = { kind = "length", field = "commodity_code", lengths = [10] }\n'
        'message = "{value} is not 10 long"\nsource = "test"\n',
        encoding="utf-8",
    )
    code, _, err = cli("check", ACCEPTED, "--packs", pack)
    assert code == 2
    line = one_error_line(err)
    assert "two rule packs for country TR" in line and "--replace-packs" in line
    code, out, _ = cli("check", ACCEPTED, "--packs", pack, "--replace-packs", "--format", "json")
    assert code == 0
    assert "TR-CUSTOM" in out
    code, out, _ = cli("rules", "--packs", pack, "--replace-packs", "--country", "TR")
    assert code == 0
    assert "TR-CUSTOM" in out and "TR-HS-LENGTH" not in out


def test_a_module_that_does_not_import_exits_2_naming_it(tmp_path: Path) -> None:
    (tmp_path / "sw_broken_predicates.py").write_text("raise RuntimeError('boom')\n")
    for name in ("sw_no_such_module_anywhere", "sw_broken_predicates"):
        code, _, err = cli("check", ACCEPTED, "--import", name)
        assert code == 2
        assert f"--import {name}" in one_error_line(err)


def test_packs_can_name_predicates_of_an_imported_module_in_worker_processes(
    tmp_path: Path,
) -> None:
    from test_batch import PREDICATE_MODULE, PREDICATE_PACK

    # The module sits in the working directory, which --import searches.
    (tmp_path / "sw_cli_predicates_xb.py").write_text(PREDICATE_MODULE, encoding="utf-8")
    (tmp_path / "xb.toml").write_text(PREDICATE_PACK, encoding="utf-8")
    common = ["--packs", "xb.toml", "--import", "sw_cli_predicates_xb"]
    listed = subprocess.run(
        [COMMAND, "rules", "--format", "json", *common],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert "XB-EVERY-ITEM" in [r["id"] for r in json.loads(listed.stdout)]
    files = [str(EXAMPLES / "tr-import.xml")] * 6
    done = subprocess.run(
        [COMMAND, "check", *files, "--countries", "XB", "-j", "2", "--format", "jsonl", *common],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(reports) == 6
    for report in reports:
        assert "XB-EVERY-ITEM" in [f["rule"] for f in report["findings"]]


def test_usage_errors_exit_2() -> None:
    assert cli()[0] == 2
    assert cli("check")[0] == 2
    assert cli("check", ACCEPTED, "--format", "pdf")[0] == 2
    assert cli("check", ACCEPTED, "-j", "0")[0] == 2
    assert cli("validate", ACCEPTED, "--countries", "TR")[0] == 2
    code, _, err = cli("check", "-", "-", stdin=b"<a/>")
    assert code == 2
    one_error_line(err)


def test_help_and_version_go_to_stdout_and_exit_0() -> None:
    code, out, err = cli("check", "--help")
    assert code == 0
    assert "--fail-on" in out
    assert err == ""
    code, out, _ = cli("--version")
    assert code == 0
    assert out.startswith("single-window ")


def test_an_unwritable_output_file_exits_2(tmp_path: Path) -> None:
    code, _, err = cli("check", ACCEPTED, "-o", tmp_path / "missing" / "out.json")
    assert code == 2
    one_error_line(err)


def test_an_unreadable_directory_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.xml").write_bytes(ACCEPTED.read_bytes())
    real_walk = os.walk

    def denied(top: str, onerror: object = None, **kw: object) -> object:
        error = PermissionError(13, "Permission denied", str(top))
        assert callable(onerror)
        onerror(error)
        return real_walk(top, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr("single_window.cli.os.walk", denied)
    code, _, err = cli("check", tmp_path)
    assert code == 2
    assert str(tmp_path) in one_error_line(err)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any directory"
)
def test_a_directory_without_read_permission_exits_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert cli("check", locked)[0] == 2
    finally:
        locked.chmod(0o755)


# -- inputs --------------------------------------------------------------------------------


def test_directories_are_searched_for_xml_in_any_letter_case(tmp_path: Path) -> None:
    data = ACCEPTED.read_bytes()
    for name in ("a.xml", "sub/B.XML", "sub/deeper/c.Xml", "notes.txt", "d.xml.bak", "e.xsd"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    code, out, _ = cli("check", tmp_path, "--format", "jsonl", "-q")
    assert code == 0
    found = [json.loads(line)["source"] for line in out.splitlines()]
    assert found == [str(tmp_path / n) for n in ("a.xml", "sub/B.XML", "sub/deeper/c.Xml")]


def test_stdin_is_read_for_a_dash(tmp_path: Path) -> None:
    code, out, _ = cli("check", "-", "--format", "jsonl", "-q", stdin=ACCEPTED.read_bytes())
    assert code == 0
    assert json.loads(out)["source"] == "<stdin>"
    rejected = write_rejected(tmp_path).read_bytes()
    code, out, _ = cli("check", "-", ACCEPTED, "--format", "jsonl", "-q", stdin=rejected)
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["source"], first["verdict"]) == ("<stdin>", "reject")
    assert (second["source"], second["verdict"]) == (str(ACCEPTED), "accept")


def test_every_format_writes_a_parseable_document(tmp_path: Path) -> None:
    rejected = write_rejected(tmp_path)
    parse = {
        "json": lambda s: len(json.loads(s)),
        "jsonl": lambda s: len(s.splitlines()),
        "junit": lambda s: len(etree.fromstring(s.encode()).findall("testsuite/testcase")),
        "sarif": lambda s: len({r["ruleId"] for r in json.loads(s)["runs"][0]["results"]}),
        "html": lambda s: len(etree.HTML(s).xpath("//article")),
        "wco-response": lambda s: len(etree.fromstring(s.encode())),
    }
    expected = {"json": 2, "jsonl": 2, "junit": 2, "sarif": 1, "html": 1, "wco-response": 4}
    for name, count in parse.items():
        target = tmp_path / f"out.{name}"
        code, out, _ = cli("check", ACCEPTED, rejected, "--format", name, "-o", target, "-q")
        assert code == 1
        assert out == ""
        assert count(target.read_text(encoding="utf-8")) == expected[name], name


# -- the terminal: progress bar and summary ----------------------------------------------


def test_a_progress_bar_is_drawn_only_on_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("rich", reason="rich (the cli extra) is not installed")
    inputs = [ACCEPTED] * 25
    out = tmp_path / "out.jsonl"
    tty = FakeTTY()
    cli("check", *inputs, "-j", "1", "-o", out, "-q", stderr=tty)
    assert "checking declarations" in tty.getvalue()
    quiet = FakeTTY()
    cli("check", *inputs, "-j", "1", "-o", out, "-q", "--no-progress", stderr=quiet)
    assert quiet.getvalue() == ""
    _, _, piped = cli("check", *inputs, "-j", "1", "-o", out, "-q")
    assert piped == ""


def test_the_summary_names_countries_and_top_rules(tmp_path: Path) -> None:
    rejected = write_rejected(tmp_path)
    _, out, err = cli("check", ACCEPTED, rejected)
    assert "TR-HS-LENGTH" in err
    assert "UZ" in err  # the export country's verdict is in the by-country table
    assert "TR-HS-LENGTH" in out
    _, _, quiet = cli("check", ACCEPTED, rejected, "-q")
    assert quiet == ""


def test_without_rich_there_is_no_bar_and_a_plain_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)
    rejected = write_rejected(tmp_path)
    tty = FakeTTY()
    code = run(["check", *[str(ACCEPTED)] * 24, str(rejected)], io.StringIO(), tty)
    assert code == 1
    lines = tty.getvalue().splitlines()
    assert lines
    assert all(line.startswith("single-window: ") for line in lines)
    assert any("TR-HS-LENGTH" in line for line in lines)


# -- rules ---------------------------------------------------------------------------------


def test_rules_lists_the_registry_as_text_and_json() -> None:
    from single_window.rules import list_rules

    code, out, _ = cli("rules")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids == [r.id for r in list_rules()]
    code, out, _ = cli("rules", "--country", "tr", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data and {d["country"] for d in data} == {"TR"}
    assert {"id", "severity", "agency", "source", "applies_when"} <= set(data[0])
    code, _, err = cli("rules", "--country", "XX")
    assert code == 2
    one_error_line(err)


# -- the installed command -----------------------------------------------------------------


def command(*argv: object, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [COMMAND, *[str(a) for a in argv]],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_the_command_checks_the_whole_corpus_with_broken_and_hostile_files(
    tmp_path: Path,
) -> None:
    require_corpus()
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    hostile_files(hostile)
    result = command(
        "check", DECLARATIONS, MALFORMED, hostile, "-j", "2", "--format", "jsonl", "--no-progress"
    )
    assert result.returncode == 1, result.stderr
    reports = [json.loads(line) for line in result.stdout.decode().splitlines()]

    def tree(folder: Path) -> list[str]:
        return [
            str(p) for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix.lower() == ".xml"
        ]

    expected = [str(p) for p in corpus_files()] + tree(MALFORMED) + tree(hostile)
    assert [r["source"] for r in reports] == expected
    by_source = {r["source"]: r for r in reports}
    for name, (_, rule) in HOSTILE.items():
        assert by_source[str(hostile / name)]["findings"][0]["rule"] == rule
    assert all(by_source[p]["verdict"] == "reject" for p in tree(MALFORMED))
    assert all(by_source[str(p)]["verdict"] == "accept" for p in corpus_files())
    assert b"Traceback" not in result.stderr


def test_the_command_reads_stdin_and_python_m_works(tmp_path: Path) -> None:
    result = command("check", "-", "--format", "jsonl", "-q", stdin=ACCEPTED.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "<stdin>"
    rejected = write_rejected(tmp_path)
    module = subprocess.run(
        [sys.executable, "-m", "single_window", "check", rejected, "-q"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert module.returncode == 1
    assert b"TR-HS-LENGTH [TR]" in module.stdout


def test_the_command_exits_2_with_one_line_for_an_unknown_country() -> None:
    result = command("check", ACCEPTED, "--countries", "XX")
    assert result.returncode == 2
    one_error_line(result.stderr.decode())
    assert result.stdout == b""


# -- paths that yield nothing, special files, unreadable folders ---------------------------


@pytest.mark.parametrize("layout", ["empty", "no-xml", "two-empty"])
def test_paths_without_declarations_exit_2_with_one_line(layout: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    if layout == "no-xml":
        (first / "notes.txt").write_text("x")
        (first / "schema.xsd").write_text("x")
    paths = [first, second] if layout == "two-empty" else [first]
    code, out, err = cli("check", *paths, "--format", "jsonl")
    assert code == 2
    assert out == ""
    line = one_error_line(err)
    assert "no declarations found" in line
    assert str(first) in line
    assert cli("validate", *paths)[0] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this platform has no FIFOs")
def test_fifos_and_dangling_links_in_a_folder_get_a_report_each(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(ACCEPTED.read_bytes())
    os.mkfifo(folder / "b-pipe.xml")
    (folder / "c-gone.xml").symlink_to(tmp_path / "nowhere.xml")
    (folder / "d.XML").write_bytes(ACCEPTED.read_bytes())
    done = command("check", folder, "--format", "jsonl", "-q")  # a subprocess: cannot hang us
    assert done.returncode == 1, done.stderr
    reports = [json.loads(line) for line in done.stdout.decode().splitlines()]
    names = ["a.xml", "b-pipe.xml", "c-gone.xml", "d.XML"]
    assert [r["source"] for r in reports] == [str(folder / n) for n in names]
    assert [r["verdict"] for r in reports] == ["accept", "reject", "reject", "accept"]
    # each report has the one finding the library gives that file (its own reason)
    for report in reports[1:3]:
        assert [f["rule"] for f in report["findings"]] == ["XML-IO"]
        own = validate(Path(report["source"])).findings
        assert report["findings"] == [f.to_dict() for f in own]
    assert reports[1]["findings"] != reports[2]["findings"]


def test_an_unreadable_subfolder_gets_a_report_and_the_rest_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.xml").write_bytes(ACCEPTED.read_bytes())
    locked = tmp_path / "b-locked"
    locked.mkdir()
    (locked / "hidden.xml").write_bytes(ACCEPTED.read_bytes())
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "d.xml").write_bytes(ACCEPTED.read_bytes())
    real_walk = os.walk

    def walk(top: str, onerror: object = None, **kw: object) -> object:
        assert callable(onerror)
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):  # type: ignore[call-overload]
            if "b-locked" in dirs:  # as os.walk does for a folder it cannot list
                dirs.remove("b-locked")
                onerror(PermissionError(13, "Permission denied", str(locked)))
            yield root, dirs, files

    monkeypatch.setattr("single_window.cli.os.walk", walk)
    code, out, _ = cli("check", tmp_path, "--format", "jsonl", "-q", "-j", "1")
    assert code == 1
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in reports] == [
        str(tmp_path / "a.xml"),
        str(locked),
        str(tmp_path / "c" / "d.xml"),
    ]
    assert [r["verdict"] for r in reports] == ["accept", "reject", "accept"]
    assert [f["rule"] for f in reports[1]["findings"]] == ["XML-IO"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads any directory, so a chmod-000 folder is readable (the test above "
    "simulates one instead)",
)
def test_a_chmod_000_subfolder_gets_a_report_and_the_rest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_bytes(ACCEPTED.read_bytes())
    locked = tmp_path / "b-locked"
    locked.mkdir()
    (locked / "hidden.xml").write_bytes(ACCEPTED.read_bytes())
    locked.chmod(0)
    try:
        code, out, _ = cli("check", tmp_path, "--format", "jsonl", "-q", "-j", "1")
    finally:
        locked.chmod(0o755)
    assert code == 1
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in reports] == [str(tmp_path / "a.xml"), str(locked)]
    assert [f["rule"] for f in reports[1]["findings"]] == ["XML-IO"]


# -- saying when only the country-neutral rules ran ----------------------------------------


def write_neutral(folder: Path) -> Path:
    """The TR example moved to a country without a pack (declaring office, export, route)."""
    text = ACCEPTED.read_text(encoding="utf-8")
    report = check(ACCEPTED)
    assert set(report.countries) == {"TR", "UZ"}
    for code in ("TR", "UZ"):
        text = text.replace(f">{code}<", ">GB<").replace(f">{code}", ">GB")
    path = folder / "gb.xml"
    path.write_text(text, encoding="utf-8")
    neutral = check(path)
    assert neutral.countries == {}, neutral.to_dict()
    return path


def test_every_format_says_when_only_the_country_neutral_rules_ran(tmp_path: Path) -> None:
    neutral = write_neutral(tmp_path)
    code, out, err = cli("check", ACCEPTED, neutral, "--format", "jsonl")
    assert code == 0, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["packs"] == ["baseline", "TR", "UZ"]
    assert second["packs"] == ["baseline"]
    assert "only the country-neutral rules ran" in err
    code, out, _ = cli("check", ACCEPTED, neutral, "-q")
    assert out.splitlines() == [
        f"{neutral}: note: only the country-neutral rules ran; "
        "no country rule pack applied to this declaration"
    ]
    code, out, _ = cli("check", ACCEPTED, neutral, "-q", "--format", "html")
    doc = etree.HTML(out)
    (note,) = doc.xpath('//*[@id="country-neutral-only"]')
    assert note.get("data-count") == "1"
    assert doc.xpath('//section[@id="clean"]//li[span[@class="chip neutral"]]/text()') == [
        str(neutral)
    ]
    _, out, _ = cli("check", neutral, "-q", "--format", "junit")
    assert "only the country-neutral rules ran" in out
    _, out, _ = cli("validate", neutral, "-q", "--format", "jsonl")
    assert "packs" not in json.loads(out)


def test_on_judges_dated_rules_as_of_a_date() -> None:
    t1 = EXAMPLES / "tr-ge-t1.xml"
    assert cli("check", t1, "-q", "--no-progress")[0] == 0
    # Georgia joined the common transit convention on 1 Feb 2025.
    code, out, _ = cli("check", t1, "-q", "--no-progress", "--on", "2025-01-31")
    assert code == 1 and "TRANSIT-CTC-COUNTRIES" in out
    code, _, err = cli("check", t1, "-q", "--no-progress", "--on", "2025-02-31")
    assert code == 2 and "is not a date" in err
