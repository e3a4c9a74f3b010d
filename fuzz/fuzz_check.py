"""Atheris harness: validate/check must never raise and verdicts must match findings."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import single_window as sw


def _seed(folder: Path, count: int = 20) -> None:
    from hypothesis import HealthCheck, given, settings

    from single_window.testing import declaration_xml

    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    found: list[bytes] = []

    @settings(max_examples=count, database=None, suppress_health_check=list(HealthCheck))
    @given(declaration_xml(items=(1, 3)))
    def collect(xml: bytes) -> None:
        found.append(xml)

    collect()
    for n, xml in enumerate(found):
        (folder / f"seed-{n}.xml").write_bytes(xml)


def test_one_input(data: bytes) -> None:
    report = sw.check(data)
    has_error = any(f.severity is sw.Severity.ERROR for f in report.findings)
    if (report.verdict is sw.Verdict.REJECT) != has_error:
        raise AssertionError(f"verdict {report.verdict} with error findings: {has_error}")


def main() -> None:
    corpus = [a for a in sys.argv[1:] if not a.startswith("-")]
    for folder in corpus:
        _seed(Path(folder))
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
