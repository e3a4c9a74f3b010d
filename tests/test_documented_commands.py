"""Every command and code block the README and the documentation show runs as shown.

Each fenced ``sh``, ``console``, ``python`` and ``pycon`` block either runs here or is
marked, on the line right above it, ``<!-- not run: REASON -->`` (it needs a cluster, a
network download, a national schema of your own, ...). A page's blocks run in order in
one folder, as a reader would run them: a copy of ``examples/`` (and of its declarations
as ``declarations/``), with this environment's ``single-window`` and ``python`` first on
``PATH``.

- ``sh``: run by ``bash -e``; must exit 0.
- ``console``: each ``$ command`` is run and what it prints (standard output, then
  standard error) must match the lines shown under it (``...`` stands for any text,
  runs of spaces for any run of spaces).
- ``python``: run as a script (``__name__ == "__main__"``) together with the page's
  python blocks before it, as one growing script; a block whose first line is a comment
  naming a file (``# my_rules.py``) is written to that file instead.
- ``pycon``: sessions, run by ``tests/test_docs.py`` (pages under ``docs/``) and
  ``tests/test_readme.py`` (the README); here each such page is checked to be one of
  theirs.

Other fences (``text``, ``toml``, ``yaml``, ``json``, ``xml``) are not commands; a
``text`` block may not hold ``$ `` command lines (write those as ``console``).
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from test_docs import SESSION_PAGES

DOCS = REPO / "docs"
PAGES = [REPO / "README.md", *sorted(p for p in DOCS.rglob("*.md") if "_ext" not in p.parts)]
RUN = ("sh", "console", "python", "pycon")
#: Names of shell or Python fences the runner would not see: write sh, console, python
#: or pycon instead.
UNKNOWN = ("bash", "shell", "zsh", "shell-session", "sh-session", "py", "python3", "doctest")
FENCE = re.compile(r"^( *)```([\w-]*)[^\n]*\n(.*?)^\1```[ \t]*$", re.S | re.M)
MARKER = re.compile(r"^\s*<!-- not run: (?P<reason>.*?) -->\s*$")
FILE_BLOCK = re.compile(r"\A#\s*([\w.-]+\.py)\s*\n")
TIMEOUT = 300


@dataclass(frozen=True)
class Block:
    """One fenced block of a page."""

    page: Path
    line: int
    language: str
    body: str
    not_run: str | None
    """The reason given for not running it, or None."""

    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for match in FENCE.finditer(text):
        indent, language, body = match.groups()
        line = text.count("\n", 0, match.start()) + 1
        body = "\n".join(row.removeprefix(indent) for row in body.splitlines()) + "\n"
        above = MARKER.match(lines[line - 2]) if line >= 2 else None
        found.append(Block(page, line, language, body, above["reason"] if above else None))
    return found


ALL = [b for page in PAGES for b in blocks(page)]
RUNNABLE_PAGES = sorted(
    {b.page for b in ALL if b.language in ("sh", "console", "python") and b.not_run is None}
)


def test_the_pages_have_blocks_of_every_kind_and_run_most_of_them() -> None:
    kinds = {b.language for b in ALL}
    assert set(RUN) <= kinds
    run = [b for b in ALL if b.language in RUN and b.not_run is None]
    assert len(run) > 2 * len([b for b in ALL if b.not_run is not None])


def test_shell_and_python_blocks_use_the_languages_the_runner_knows() -> None:
    wrong = [f"{b.where()} ```{b.language}" for b in ALL if b.language in UNKNOWN]
    assert not wrong, f"write these fences as sh, console, python or pycon: {wrong}"
    prompts = [
        b.where()
        for b in ALL
        if b.language not in RUN
        and any(row.startswith(("$ ", ">>> ")) for row in b.body.splitlines())
    ]
    assert not prompts, f"commands or sessions outside console/pycon blocks: {prompts}"


def test_every_block_that_is_not_run_says_why() -> None:
    for block in ALL:
        if block.not_run is None:
            continue
        assert block.language in RUN, f"{block.where()}: a {block.language} block is never run"
        assert len(block.not_run.split()) >= 4, f"{block.where()}: say why it is not run"


def test_every_session_is_run_by_a_doctest() -> None:
    sessions = {b.page for b in ALL if b.language == "pycon" and b.not_run is None}
    run = {*SESSION_PAGES, REPO / "README.md"}
    assert sessions <= run, sorted(str(p) for p in sessions - run)
    marked = [b.where() for b in ALL if b.language == "pycon" and b.not_run is not None]
    assert not marked, f"sessions are always run: {marked}"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / "declarations").mkdir()
    for path in EXAMPLES.glob("*.xml"):
        shutil.copy(path, tmp_path / "declarations" / path.name)
    return tmp_path


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return env


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _console(block: Block, cwd: Path) -> None:
    """Each ``$ command`` of a console block, checked against the lines shown after it."""
    steps: list[tuple[str, list[str]]] = []
    for row in block.body.splitlines():
        if row.startswith("$ "):
            steps.append((row[2:], []))
        else:
            assert steps, f"{block.where()}: output before any $ command"
            steps[-1][1].append(row)
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    for command, shown in steps:
        done = _shell(command, cwd)
        got = done.stdout + done.stderr
        want = "\n".join(shown).strip("\n") + "\n" if any(s.strip() for s in shown) else ""
        assert checker.check_output(want, got, flags), (
            f"{block.where()}: $ {command}\n--- shown\n{want}--- printed (exit {done.returncode})"
            f"\n{got}"
        )


def _python(block: Block, before: list[str], cwd: Path) -> None:
    named = FILE_BLOCK.match(block.body)
    if named:
        (cwd / named.group(1)).write_text(block.body, encoding="utf-8")
        return
    before.append(block.body)
    script = cwd / "_documented_block.py"
    script.write_text("\n\n".join(before), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, script.name],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{block.where()}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"


@pytest.mark.parametrize("page", RUNNABLE_PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_page_runs_as_shown(page: Path, workdir: Path) -> None:
    python: list[str] = []
    ran = 0
    for block in blocks(page):
        if block.not_run is not None or block.language not in ("sh", "console", "python"):
            continue
        if block.language == "sh":
            done = _shell(block.body, workdir)
            assert done.returncode == 0, f"{block.where()}:\n{done.stdout}{done.stderr}"
        elif block.language == "console":
            _console(block, workdir)
        else:
            _python(block, python, workdir)
        ran += 1
    assert ran
