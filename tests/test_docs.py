"""The documentation says what the code does: generated pages are current, every finding
code is documented, the site builds with warnings as errors, and the tutorial runs."""

from __future__ import annotations

import ast
import doctest
import importlib.util
import io
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from single_window import _docgen
from single_window import codes as codes_module
from single_window.rules import RuleSet, RuleSpec, When
from single_window.rules._packfile import CheckSpec, PackInfo

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PACKAGE = REPO / "single_window"
REGENERATE = "run `python -m single_window._docgen` and commit the result"

#: String literals that are stage finding codes, wherever they appear in the package.
STAGE_CODE = re.compile(r"^(?:XSD|(?:XML|MODEL|NORM|RULE|BATCH)-[A-Z]+)$")

#: Pages whose ``>>>`` sessions are run: the home page, the tutorial and every other page
#: that has a ``pycon`` block.
SESSION_PAGES = [
    DOCS / "index.md",
    *sorted((DOCS / "tutorial").glob("*.md")),
    *sorted(
        p
        for p in DOCS.rglob("*.md")
        if "```pycon" in p.read_text("utf-8")
        and p.parent.name != "tutorial"
        and p.name != "index.md"
    ),
]


def emitted_codes() -> dict[str, str]:
    """Finding codes the package emits -> the file they first appear in.

    A code is emitted where a module names one of the constants of
    :mod:`single_window.codes` (``codes.XML_SYNTAX``, or a name imported from it), passes
    a ``rule="..."`` keyword literal, or writes a string literal shaped like a stage code
    (``XML-SYNTAX``, ``XSD``, ``NORM-DATE``, ...). ``codes.py``, where the constants are
    defined, and the documentation generator are left out: a code only they mention is
    documented but never reported.
    """
    constants = {name: getattr(codes_module, name) for name in codes_module.__all__}
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("_docgen.py", "codes.py"):
            continue
        name = str(path.relative_to(REPO))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "single_window.codes"
            for alias in node.names
        }
        for node in ast.walk(tree):
            code: object = None
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "codes"
            ):
                code = constants.get(node.attr)
            elif isinstance(node, ast.Name) and node.id in imported:
                code = constants.get(node.id)
            elif (
                isinstance(node, ast.keyword)
                and node.arg == "rule"
                and isinstance(node.value, ast.Constant)
            ):
                code = node.value.value
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                code = node.value if STAGE_CODE.match(node.value) else None
            if isinstance(code, str) and STAGE_CODE.match(code):
                found.setdefault(code, name)
    return found


def documented_text() -> str:
    pages = [DOCS / "reference" / "findings.md", *sorted((DOCS / "rules").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages if p.is_file())


def mentions(text: str, code: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9-]){re.escape(code)}(?![A-Za-z0-9-])", text) is not None


# --- generated pages -----------------------------------------------------------------------


def test_generated_pages_equal_what_the_generator_produces_now() -> None:
    stale = _docgen.stale(REPO)
    assert not stale, f"generated documentation is out of date: {', '.join(stale)}; {REGENERATE}"


def test_every_bundled_pack_has_a_page_and_a_nav_entry() -> None:
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for key in RuleSet.bundled().packs:
        page = f"rules/{key.lower()}.md"
        assert (DOCS / page).is_file(), f"{page} is missing; {REGENERATE}"
        assert page in nav, f"{page} is not in the mkdocs.yml nav; {REGENERATE}"


# --- finding codes -------------------------------------------------------------------------


def test_the_source_scan_finds_the_stage_codes() -> None:
    emitted = emitted_codes()
    for code in ("XML-SYNTAX", "XSD", "MODEL-UNMAPPED", "NORM-DATE", "RULE-CRASH"):
        assert code in emitted
    assert "codes.py" not in " ".join(emitted.values())


def test_stages_report_codes_through_the_constants() -> None:
    """The stages name their codes by the constants of single_window.codes, so a code is
    spelled once; a bare literal would slip past a rename. (A command-line metavar such
    as ``XSD`` is not a code.)"""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("codes.py", "_docgen.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        metavars = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.keyword) and node.arg == "metavar"
        }
        offenders += [
            f"{path.relative_to(REPO)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and STAGE_CODE.match(node.value)
            and id(node) not in metavars
        ]
    assert not offenders, f"finding codes written as literals: {offenders}"


def test_every_finding_code_in_the_source_is_documented() -> None:
    text = documented_text()
    missing = {c: f for c, f in emitted_codes().items() if not mentions(text, c)}
    assert not missing, (
        f"finding codes without documentation: {missing}; describe them in "
        f"single_window/_docgen.py STAGE_CODES and {REGENERATE}"
    )


def test_every_pack_rule_is_documented() -> None:
    text = documented_text()
    missing = [s.id for s in RuleSet.bundled().rules() if not mentions(text, s.id)]
    assert not missing, f"pack rules without documentation: {missing}; {REGENERATE}"


def test_every_documented_stage_code_is_still_emitted() -> None:
    emitted = emitted_codes()
    gone = [sc.code for sc in _docgen.STAGE_CODES if sc.code not in emitted]
    assert not gone, f"documented codes the package no longer emits: {gone}"


def test_the_findings_page_lists_every_stage_message_template() -> None:
    """``codes.py``'s templates and ``docs/reference/findings.md`` agree: each template a
    stage code lists is on the page under its message id, and the page lists no other."""
    from single_window._i18n import template

    page = (DOCS / "reference" / "findings.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `((?:XSD|[A-Z]+-[A-Z]+)\.[a-z0-9-]+)`: `(.*)`$", page, re.M))
    expected = {
        (f"{sc.code}.{key}", "` / `".join(template(f"{sc.code}.{key}").forms))
        for sc in codes_module.STAGE_CODES
        for key in sc.templates
    }
    assert listed == expected


def test_the_timeout_code_states_the_limits_default_budget() -> None:
    """The finding page gives the rules' default time budget as ``Limits`` has it (the
    number is read from ``Limits``, not written a second time)."""
    from single_window import Limits

    meaning = codes_module.describe(codes_module.RULE_TIMEOUT).meaning
    stated = re.findall(r"(\d+(?:\.\d+)?) s by default", meaning)
    assert stated and [float(n) for n in stated] == [Limits().rule_seconds]


# --- hand-written reference pages ----------------------------------------------------------


def test_pack_format_page_names_every_key_and_check_kind() -> None:
    text = (DOCS / "reference" / "pack-format.md").read_text(encoding="utf-8")
    keys = [*PackInfo.model_fields, *RuleSpec.model_fields, *When.model_fields]
    check_classes = typing.get_args(typing.get_args(CheckSpec)[0])
    kinds = [typing.get_args(cls.model_fields["kind"].annotation)[0] for cls in check_classes]
    missing = [name for name in [*keys, *kinds] if f"`{name}`" not in text]
    assert not missing, f"docs/reference/pack-format.md does not describe: {missing}"


@pytest.mark.parametrize("command", ["check", "validate", "rules", "schema"])
def test_cli_page_describes_every_option(command: str) -> None:
    from single_window.cli import run

    out, err = io.StringIO(), io.StringIO()
    assert run([command, "--help"], out, err) == 0, err.getvalue()
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", out.getvalue())) - {"--help"}
    text = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    missing = sorted(o for o in options if f"`{o}" not in text)
    assert not missing, f"docs/reference/cli.md does not describe {command} {missing}"


# --- the tutorial runs ---------------------------------------------------------------------


@pytest.mark.parametrize("page", SESSION_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_sessions_on_the_page_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    text = page.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(
        text, {"__name__": "__main__"}, page.name, str(page), 0
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    result = runner.run(test, out=report.append)
    assert result.attempted > 0, f"{page.name} has no >>> session"
    assert result.failed == 0, "".join(report)


def test_tutorial_code_is_all_in_sessions_that_run() -> None:
    for page in (DOCS / "tutorial").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "```python" not in text, f"{page.name}: write Python as a >>> session (pycon)"


# --- the site builds -----------------------------------------------------------------------


def _docs_tools_missing() -> str | None:
    for module in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            return f"{module} is not installed (install the `docs` extra to build the site)"
    return None


def test_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    missing = _docs_tools_missing()
    if missing:
        pytest.skip(missing)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    problems = [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    assert result.returncode == 0, "\n".join(problems) or result.stderr[-3000:]
    assert (tmp_path / "index.html").is_file()
