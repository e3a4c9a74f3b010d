"""The two example scripts work: the folder validator and the service handler."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

from conftest import EXAMPLES, REPO

sys.path.insert(0, str(EXAMPLES / "scripts"))
import service_handler


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


def _call(body: bytes, query: str = "", path: str = "/check") -> tuple[str, dict[str, Any]]:
    seen: dict[str, Any] = {}

    def start(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": "POST",
        "CONTENT_LENGTH": str(len(body)),
        "QUERY_STRING": query,
        "wsgi.input": io.BytesIO(body),
    }
    chunks = service_handler.application(environ, start)
    return seen["status"], json.loads(b"".join(chunks))


def test_the_service_answers_with_the_report() -> None:
    status, report = _call((EXAMPLES / "tr-import.xml").read_bytes())
    assert status.startswith("200")
    assert report["verdict"] == "accept"
    assert report["countries"]["TR"]["verdict"] == "accept"
    status, report = _call((EXAMPLES / "faults" / "tr-import-hs-length.xml").read_bytes())
    assert status.startswith("422")
    assert [f["rule"] for f in report["findings"]] == ["TR-HS-LENGTH"]


def test_the_service_refuses_bad_requests_cleanly() -> None:
    status, payload = _call(b"<Declaration", query="countries=XX")
    assert status.startswith("400")
    assert "XX" in payload["error"]
    status, report = _call(b"<Declaration")
    assert status.startswith("422")
    assert report["findings"][0]["rule"] == "XML-SYNTAX"
    status, _ = _call(b"", path="/other")
    assert status.startswith("404")
