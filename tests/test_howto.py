"""The how-to guides and the API reference say what works: their code runs as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

DOCS = REPO / "docs"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def test_the_api_reference_documents_every_public_function() -> None:
    import single_window

    page = (DOCS / "reference" / "api" / "single_window.md").read_text(encoding="utf-8")
    functions = [n for n in single_window.__all__ if callable(getattr(single_window, n))]
    functions = [n for n in functions if not isinstance(getattr(single_window, n), type)]
    missing = [n for n in functions if f"::: single_window.{n}\n" not in page]
    assert not missing, f"docs/reference/api/single_window.md does not document {missing}"
    assert {"check_many", "validate_many"} <= set(functions)


def test_the_dask_guide_matches_xml_files_in_any_letter_case(tmp_path: Path) -> None:
    page = DOCS / "how-to" / "dask.md"
    text = page.read_text(encoding="utf-8")
    code = "\n".join(python_blocks(page))
    assert 'glob("*.xml")' not in code, "a case-sensitive glob misses .XML files"
    (helper,) = re.findall(r"^def declarations\(folder\):\n(?:    .*\n)+", text, re.M)
    for name in ("a.xml", "sub/B.XML", "sub/c.Xml", "notes.txt", "d.xml.bak"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<a/>")
    namespace: dict[str, object] = {"Path": Path}
    exec(helper, namespace)
    found = namespace["declarations"](tmp_path)  # type: ignore[operator]
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.xml",
        "sub/B.XML",
        "sub/c.Xml",
    ]


def test_the_fuzzing_guide_examples_pass_on_a_loaded_machine(tmp_path: Path) -> None:
    """The guide's tests run as written while two busy processes load a 2-core machine.

    The examples load the ``ci`` profile that ``single_window.testing`` ships, so a heavy
    strategy on a slow machine does not fail Hypothesis's ``too_slow`` health check.
    """
    blocks = python_blocks(DOCS / "how-to" / "fuzz-your-rules.md")
    bundled = next(b for b in blocks if "test_short_gtip_codes_are_rejected" in b)
    own_pack = next(b for b in blocks if "test_our_office_rule_fires" in b)
    assert "register_profiles()" in bundled
    (tmp_path / "test_guide_bundled.py").write_text(bundled, encoding="utf-8")
    (tmp_path / "test_guide_own_pack.py").write_text(bundled + "\n" + own_pack, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    load = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import time\nend = time.time() + 120\nwhile time.time() < end: pass",
            ]
        )
        for _ in range(2)
    ]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env=env,
        )
    finally:
        for process in load:
            process.kill()
            process.wait()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "4 passed" in result.stdout


def test_the_shipped_profiles_are_the_ones_the_docs_name() -> None:
    from hypothesis import HealthCheck, settings

    from single_window.testing import PROFILES, register_profiles

    assert register_profiles() == ("ci", "long")
    for name in ("ci", "long"):
        profile = settings.get_profile(name)
        assert profile == PROFILES[name]
        assert HealthCheck.too_slow in profile.suppress_health_check
        assert profile.deadline is None
    assert settings.get_profile("ci").max_examples < settings.get_profile("long").max_examples
    guide = (DOCS / "how-to" / "fuzz-your-rules.md").read_text(encoding="utf-8")
    assert "HYPOTHESIS_PROFILE=long" in guide


@pytest.mark.parametrize("page", ["dask.md", "fuzz-your-rules.md"])
def test_the_guides_code_is_valid_python(page: str) -> None:
    for block in python_blocks(DOCS / "how-to" / page):
        compile(block, page, "exec")
