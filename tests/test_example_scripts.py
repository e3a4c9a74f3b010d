"""The folder validator example works (the service handler's tests are in
``tests/test_service_handler.py``)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from conftest import EXAMPLES, REPO


def test_the_folder_script_reports_each_declaration_and_fails_on_rejections() -> None:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "scripts" / "validate_folder.py"), str(EXAMPLES)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    xml_files = [p for p in EXAMPLES.rglob("*") if p.suffix.lower() == ".xml"]
    verdict_lines = [line for line in lines if line.startswith(("accept", "reject"))]
    assert len(verdict_lines) == len(xml_files)
    assert any("middle-corridor.xml" in line and line.startswith("accept") for line in lines)
    assert any("tr-import-hs-length.xml" in line and line.startswith("reject") for line in lines)
    assert any("TR-HS-LENGTH [TR]" in line for line in lines)


def test_the_folder_script_exits_0_on_a_clean_folder(tmp_path: Any) -> None:
    (tmp_path / "tr.xml").write_bytes((EXAMPLES / "tr-import.xml").read_bytes())
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "scripts" / "validate_folder.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
