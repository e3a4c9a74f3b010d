"""Any file name is shown safely: in reports, in every output format and on the terminal.

A file name may hold bytes that are not UTF-8, control characters (ESC sequences, BEL,
a newline that would forge a finding line), bidi controls and noncharacters. Every
writer must still produce a valid document, and show the name escaped
(``single_window._display.display_name``).
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from lxml import etree
from test_reporters import render, write_rejected

from single_window import Finding, Report, Severity, Verdict, check, check_many
from single_window._display import display_name, display_text
from single_window.cli import run

#: Names no writer may choke on, as bytes (how the file system holds them).
HOSTILE_NAMES: dict[str, bytes] = {
    "not-utf8": b"b\xff.xml",
    "latin1": b"caf\xe9.xml",
    "escape-sequence": b"evil\x1b[2J\x1b]0;pwned\x07.xml",
    "newline-forgery": b"a.xml:1:1: XSD forged\nreal.xml",
    "carriage-return": b"cr\rname.xml",
    "tab": b"tab\tname.xml",
    "bidi-override": "invoice-\u202egnp.xml".encode(),
    "noncharacter": "non\ufffechar.xml".encode(),
    "astral-noncharacter": "non\U0010ffffchar.xml".encode(),
    "c1-control": "csi\u009b31m.xml".encode(),
    "line-separator": "line\u2028sep.xml".encode(),
}
UNSAFE = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n"} | {
    "\u202e",
    "\ufffe",
    "\U0010ffff",
    "\u2028",
}


def _written(folder: Path, raw: bytes, data: bytes) -> Path:
    """A file with a raw bytes name (the file system keeps the bytes as they are)."""
    path = os.path.join(os.fsencode(folder), raw)
    with open(path, "wb") as fh:
        fh.write(data)
    return Path(os.fsdecode(path))


def _safe(text: str) -> None:
    assert not (set(text) & UNSAFE), [c for c in text if c in UNSAFE][:3]
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    text.encode("utf-8")  # strict: no lone surrogate can be written


# -- the escaping itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (os.fsdecode(b"b\xff.xml"), "b\\xff.xml"),
        ("evil\x1b]0;x\x07.xml", "evil\\x1b]0;x\\x07.xml"),
        ("a\nb\rc\td", "a\\x0ab\\x0dc\\x09d"),
        ("x\u202ey", "x\\u202ey"),
        ("x\ufffey\uffff", "x\\ufffey\\uffff"),
        ("x\U0010ffff", "x\\U0010ffff"),
        ("x\u009by", "x\\x9by"),
        ("Türkiye/İstanbul-beyannâme ڭ.xml", "Türkiye/İstanbul-beyannâme ڭ.xml"),
        ("C:\\declarations\\a.xml", "C:\\declarations\\a.xml"),
    ],
)
def test_display_name_escapes_what_is_unsafe_and_keeps_the_rest(name: str, shown: str) -> None:
    assert display_name(name) == shown
    assert display_name(shown) == shown  # idempotent


def test_display_text_keeps_tab_and_newline() -> None:
    assert display_text("a\tb\nc\x1bd\re") == "a\tb\nc\\x1bd\\x0de"


# -- reports -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(HOSTILE_NAMES))
def test_a_report_names_any_file_safely(kind: str, tmp_path: Path) -> None:
    path = _written(tmp_path, HOSTILE_NAMES[kind], b"<a>")
    report = check(path)
    assert report.source == display_name(str(path))
    _safe(report.source)
    assert report.rules() == ["XML-SYNTAX"]
    (again,) = check_many([path], jobs=2)
    assert again.source == report.source


# -- every writer, with reports built by hand ----------------------------------------------


def _reports(names: list[str]) -> list[Report]:
    return [
        Report(
            source=name,
            verdict=Verdict.REJECT,
            findings=[
                Finding(rule="XML-SYNTAX", severity=Severity.ERROR, message="bad", line=1),
                Finding(rule="WCO-X", severity=Severity.WARNING, message="meh\x1b[31m", line=2),
            ],
        )
        for name in names
    ]


RAW_NAMES = [os.fsdecode(raw) for raw in HOSTILE_NAMES.values()]
SHOWN = [display_name(n) for n in RAW_NAMES]


def test_text_cannot_be_forged_or_drive_the_terminal() -> None:
    out = render("text", _reports(RAW_NAMES))
    _safe(out)
    lines = out.splitlines()
    assert len(lines) == 2 * len(RAW_NAMES)
    for name, line in zip([n for n in SHOWN for _ in range(2)], lines, strict=True):
        assert line.startswith(f"{name}:")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_parses_with_the_names_escaped(fmt: str) -> None:
    out = render(fmt, _reports(RAW_NAMES))
    _safe(out)
    data = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
    assert [d["source"] for d in data] == SHOWN


def test_junit_is_well_formed_with_the_names_escaped() -> None:
    out = render("junit", _reports(RAW_NAMES))
    root = etree.fromstring(out.encode("utf-8"))
    assert [c.get("name") for c in root.iter("testcase")] == SHOWN


def test_sarif_parses_with_valid_uris() -> None:
    out = render("sarif", _reports(RAW_NAMES))
    _safe(out)
    log = json.loads(out)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert len(uris) == 2 * len(RAW_NAMES)
    assert all(u.isascii() and " " not in u for u in uris)


def test_html_is_well_formed_with_the_names_escaped() -> None:
    out = render("html", _reports(RAW_NAMES))
    _safe(out)
    doc = etree.HTML(out)
    headings = ["".join(h.itertext()) for h in doc.xpath("//article/h3")]
    assert [h.split(" ", 1)[1] for h in headings] == SHOWN


def test_wco_response_is_well_formed_for_any_message() -> None:
    out = render("wco-response", _reports(RAW_NAMES))
    root = etree.fromstring(out.encode("utf-8"))
    assert len(root) == 2 + len(RAW_NAMES)


def test_html_accepted_list_escapes_names() -> None:
    clean = [Report(source=n, verdict=Verdict.ACCEPT) for n in RAW_NAMES]
    out = render("html", clean)
    _safe(out)
    assert etree.HTML(out).xpath('//section[@id="clean"]//li/text()') == SHOWN


# -- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "junit", "sarif", "html"])
def test_the_command_writes_a_valid_document_for_any_file_name(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    rejected = write_rejected(tmp_path).read_bytes()
    for raw in HOSTILE_NAMES.values():
        _written(folder, raw, rejected)
    out = tmp_path / f"out.{fmt}"
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(["check", str(folder), "--format", fmt, "-o", str(out), "-j", "1"], stdout, stderr)
    assert code == 1, stderr.getvalue()
    text = out.read_bytes().decode("utf-8")  # strict UTF-8
    _safe(text.replace("\n", ""))
    _safe(stderr.getvalue().replace("\n", ""))
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "jsonl":
        assert len([json.loads(line) for line in text.splitlines()]) == len(HOSTILE_NAMES)
    elif fmt == "junit":
        assert len(etree.fromstring(text.encode()).findall(".//testcase")) == len(HOSTILE_NAMES)
    elif fmt == "html":
        doc = etree.HTML(text)
        assert len(doc.xpath("//article")) == len(HOSTILE_NAMES)
        # The excerpts are read from the real files, whatever their names.
        assert len(doc.xpath('//pre[@class="excerpt"]')) == len(HOSTILE_NAMES)
    else:
        assert len(text.splitlines()) == len(HOSTILE_NAMES)


def test_an_error_line_on_stderr_shows_a_missing_path_escaped(tmp_path: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    name = str(tmp_path / "gone\x1b]0;pwned\x07.xml")
    assert run(["check", name], stdout, stderr) == 2
    (line,) = stderr.getvalue().splitlines()
    _safe(line)
    assert "gone\\x1b]0;pwned\\x07.xml" in line


def test_the_command_prints_escaped_names_on_a_real_terminal_stream(tmp_path: Path) -> None:
    path = _written(tmp_path, b"evil\x1b[2J.xml", b"<a>")
    import subprocess

    command = Path(sys.executable).parent / "single-window"
    result = subprocess.run(
        [str(command), "check", str(path)], capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 1
    assert b"\x1b" not in result.stdout
    assert result.stdout.startswith(b"%s:" % os.fsencode(display_name(str(path))))


def test_excerpts_are_never_read_from_a_fifo(tmp_path: Path) -> None:
    from single_window.reporters import read_source

    if not hasattr(os, "mkfifo"):
        pytest.skip("this platform has no FIFOs")
    from test_sources import _with_timeout

    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    assert _with_timeout(lambda: read_source(str(fifo)), fifo) is None  # never blocks
    assert read_source("<bytes>") is None
    (tmp_path / "a.xml").write_bytes(b"<a/>")
    assert read_source(str(tmp_path / "a.xml")) == b"<a/>"
