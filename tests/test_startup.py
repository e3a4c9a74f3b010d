"""Start-up: the command line and the package load only what a command uses.

Measured by what a fresh interpreter has imported (``sys.modules``), not by a clock, so
the tests hold on a busy machine. ``docs/explanation/performance.md`` has the timings.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES, REPO

import single_window as sw

#: Modules a command that reads no declaration must not pay for.
HEAVY = (
    "lxml",
    "pydantic",
    "xmlschema",
    "dateutil",
    "rich",
    "babel",
    "multiprocessing",
    "concurrent.futures.process",
    "single_window.models",
    "single_window.findings",
    "single_window.rules",
    "single_window.reporters",
    "single_window._batch",
    "single_window._reader",
    "single_window.formats.wco._writer",
    "single_window.schema",
)


def _imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_help_imports_nothing_heavy() -> None:
    modules = _imported_after(
        "import io\nfrom single_window.cli import run\n"
        "out = io.StringIO()\nassert run(['--help'], out, io.StringIO()) == 0\n"
        "assert 'check' in out.getvalue()\n"
        "assert run(['check', '--help'], out, io.StringIO()) == 0"
    )
    assert "single_window.cli" in modules
    assert [name for name in HEAVY if _loaded(modules, name)] == []


def test_importing_the_package_imports_nothing_heavy() -> None:
    modules = _imported_after("import single_window\nassert single_window.__version__")
    assert [name for name in HEAVY if _loaded(modules, name)] == []


def test_rules_reads_no_xml_machinery() -> None:
    """``rules`` needs the rule registry, not the reader, the reporters or a pool."""
    modules = _imported_after(
        "import io\nfrom single_window.cli import run\n"
        "out = io.StringIO()\nassert run(['rules'], out, io.StringIO()) == 0\n"
        "assert 'TR-' in out.getvalue()"
    )
    assert _loaded(modules, "single_window.rules")
    unused = (
        "lxml",
        "xmlschema",
        "rich",
        "multiprocessing",
        "concurrent.futures.process",
        "single_window.reporters",
        "single_window._batch",
        "single_window._reader",
        "single_window.formats.wco._writer",
        "single_window.schema",
    )
    assert [name for name in unused if _loaded(modules, name)] == []


@pytest.mark.parametrize("name", sw.__all__)
def test_every_public_name_imports_in_a_fresh_interpreter(name: str) -> None:
    """``from single_window import NAME`` works first thing, without the rest loaded."""
    _imported_after(
        f"from single_window import {name}\n"
        f"import single_window\nassert single_window.{name} is {name}"
    )


def test_public_names_are_the_objects_of_their_modules() -> None:
    from single_window import _api, _batch, _check, codelists, codes, errors, findings, models

    assert sw.check is _check.check
    assert sw.parse is _api.parse
    assert sw.check_many is _batch.check_many
    assert sw.Declaration is models.Declaration
    assert sw.Finding is findings.Finding
    assert sw.RulePackError is errors.RulePackError
    assert sw.codes is codes
    assert sw.codelists is codelists
    assert set(sw.__all__) <= set(dir(sw))
    namespace: dict[str, object] = {}
    exec("from single_window import *", namespace)
    assert set(sw.__all__) <= set(namespace)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        sw.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        exec("from single_window import no_such_name")


def test_a_declaration_writes_without_the_writer_imported_up_front() -> None:
    """``to_xml`` loads the writer on first use, for a parsed or a built declaration."""
    path = EXAMPLES / "tr-import.xml"
    _imported_after(
        "import single_window as sw\n"
        f"decl = sw.parse({str(path)!r})\n"
        "assert 'single_window.formats.wco._writer' not in __import__('sys').modules\n"
        "assert sw.parse(decl.to_xml()) == decl"
    )


def test_the_format_names_are_the_reporters() -> None:
    from single_window.cli import FORMATS
    from single_window.reporters import REPORTER_BY_NAME

    assert tuple(REPORTER_BY_NAME) == FORMATS


def test_english_loads_no_catalog_machinery() -> None:
    """A check, its reports and the help in English read no catalog: neither gettext nor
    babel is imported for them."""
    fault = EXAMPLES / "faults" / "tr-import-vkn-checksum.xml"
    modules = _imported_after(
        "import io\nimport single_window as sw\n"
        "from single_window.reporters import write_reports\n"
        f"report = sw.check({str(fault)!r})\nassert report.findings\n"
        "for name in ('text', 'html', 'sarif', 'junit'):\n"
        "    write_reports(name, [report], io.StringIO())\n"
    )
    assert not _loaded(modules, "gettext")
    assert not _loaded(modules, "babel")


def test_another_language_reads_its_compiled_catalog_without_babel() -> None:
    """The help in Kazakh reads the compiled catalog with gettext; babel is imported only
    to read a ``.po`` file edited since it was compiled (or never compiled)."""
    folder = REPO / "single_window" / "locale" / "kk" / "LC_MESSAGES"
    mo, po = folder / "single_window.mo", folder / "single_window.po"
    current = mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime
    modules = _imported_after(
        "import io\nfrom single_window.cli import run\n"
        "assert run(['--help', '--lang', 'kk'], io.StringIO(), io.StringIO()) == 0"
    )
    assert _loaded(modules, "gettext")
    assert _loaded(modules, "babel") is not current
    assert [name for name in HEAVY if name != "babel" and _loaded(modules, name)] == []
