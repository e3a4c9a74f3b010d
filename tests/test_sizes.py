"""Rooms a reader can hold: no hand-written module over 700 lines, no function over 100.

Generated files (named in ``GENERATED``) are written by a script from a schema and are
read through their generator; they are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "single_window"
#: Files a script writes (``scripts/build_model.py`` writes the models from the profile,
#: ``scripts/build_ncts_model.py`` the NCTS models from the bundled NCTS schemas,
#: ``scripts/build_walkers.py`` each format's walkers from its models).
GENERATED = frozenset(
    {
        "single_window/models.py",
        "single_window/formats/ncts/models.py",
        "single_window/formats/wco/_walkers.py",
        "single_window/formats/ncts/_walkers.py",
    }
)
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 100


def _hand_written() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    return [p for p in files if p.relative_to(REPO).as_posix() not in GENERATED]


def _long_functions(source: str, limit: int) -> list[tuple[str, int]]:
    """The functions (methods and nested functions too) longer than ``limit`` lines, from
    their ``def`` line to their last line, with their length."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                found.append((node.name, length))
    return found


def test_the_generated_files_exist() -> None:
    """A generated file that moved or was renamed would silently leave the limits."""
    for name in GENERATED:
        assert (REPO / name).is_file(), name


def test_no_hand_written_module_is_over_700_lines() -> None:
    long = {
        p.relative_to(REPO).as_posix(): n
        for p in _hand_written()
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_100_lines() -> None:
    long = {
        f"{p.relative_to(REPO).as_posix()}:{name}": n
        for p in _hand_written()
        for name, n in _long_functions(p.read_text("utf-8"), MAX_FUNCTION_LINES)
    }
    assert long == {}


def test_the_limits_catch_what_they_are_for() -> None:
    body = "\n".join(f"    x = {n}" for n in range(101))
    assert _long_functions(f"def f():\n{body}\n", MAX_FUNCTION_LINES) == [("f", 102)]
    assert _long_functions("def f():\n    return 1\n", MAX_FUNCTION_LINES) == []
