"""The README's session is real: its doctest runs against the bundled examples."""

from __future__ import annotations

import doctest
import os

from conftest import REPO


def test_readme_session_runs() -> None:
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        result = doctest.testfile(str(REPO / "README.md"), module_relative=False, verbose=False)
    finally:
        os.chdir(cwd)
    assert result.attempted >= 4
    assert result.failed == 0


def test_readme_first_screen_has_the_two_setup_commands() -> None:
    first_screen = (REPO / "README.md").read_text(encoding="utf-8").splitlines()[:25]
    text = "\n".join(first_screen)
    assert "pip install -e '.[dev]'" in text
    assert "single-window" in text and "examples/" in text
    assert "python -m pytest" in text
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[dev]'" in ci
    assert "python -m pytest" in ci
