"""The security suite: hostile documents derived from valid generated declarations.

Each hostile kind is drawn by ``single_window.testing.broken_xml`` from a valid
declaration. External references point at a canary file, a FIFO that records whether
anything opened it, and a loopback listener that records connections; none may be
touched. Resource-exhaustion kinds run in a subprocess with a 1.5 GiB address-space
limit and must each get a finding within bounded time and peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Listener
from hypothesis import HealthCheck, given, settings

import single_window as sw
from single_window.testing import RESOURCE_BREAKAGES, broken_xml

EXAMPLES = 40 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 6
CANARY = "SECRET-CANARY-7e1f"
REFUSED = {"XML-DOCTYPE", "XML-SYNTAX", "XML-ENTITY", "XML-ENCODING", "XSD"}
HOSTILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


FIFO_POLLER = """
import os, sys, time
fifo, log, canary = sys.argv[1], sys.argv[2], sys.argv[3].encode()
while not os.path.exists(log + ".stop"):
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # ENXIO: no reader has it open
        time.sleep(0.002)
        continue
    with open(log, "a") as out:
        out.write("opened\\n")
    try:
        os.write(fd, canary)
    finally:
        os.close(fd)
"""


class FifoCanary:
    """A named pipe that records whether any reader opened it (a read attempt, not just a
    leak). Opening a FIFO for reading blocks until a writer appears, so a poller in its
    own process (the parser may hold the GIL while it blocks) sees every reader, logs
    it and answers with the canary text."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.log = path.with_suffix(".log")
        self.log.write_text("")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", FIFO_POLLER, str(path), str(self.log), CANARY]
        )

    @property
    def opened(self) -> int:
        return len(self.log.read_text().splitlines())

    def close(self) -> None:
        Path(str(self.log) + ".stop").write_text("")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def traps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    folder = tmp_path_factory.mktemp("traps")
    canary = folder / "canary.txt"
    canary.write_text(f"<ID>{CANARY}</ID>")
    fifo = FifoCanary(folder / "canary.fifo")
    listener = Listener()
    try:
        yield {
            "file": canary.as_uri(),
            "fifo": fifo.path.as_uri(),
            "http": f"http://127.0.0.1:{listener.port}/canary.xml",
            "fifo_trap": fifo,
            "listener": listener,
        }
    finally:
        listener.close()
        fifo.close()


def _assert_untouched(data: bytes, traps: dict[str, object]) -> None:
    start = time.monotonic()
    result = sw.validate(data)
    report = sw.check(data)
    took = time.monotonic() - start
    assert took < 5, took
    assert not result.ok and report.verdict is sw.Verdict.REJECT
    assert result.findings[0].rule in REFUSED, result.findings[0].rule
    assert CANARY not in repr(result) and CANARY not in json.dumps(report.to_dict())
    assert traps["fifo_trap"].opened == 0  # type: ignore[attr-defined]
    assert traps["listener"].connections == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("target", ["file", "fifo", "http"])
@pytest.mark.parametrize(
    "kind", ["external-entity", "parameter-entity", "external-dtd", "xinclude"]
)
def test_external_references_are_never_followed(
    kind: str, target: str, traps: dict[str, object]
) -> None:
    @HOSTILE
    @given(broken_xml(breakages=[kind], reference=str(traps[target])))
    def never_followed(data: bytes) -> None:
        _assert_untouched(data, traps)

    never_followed()


@pytest.mark.parametrize("kind", ["doctype", "internal-entity", "entity-bomb"])
def test_doctypes_and_entities_are_refused_without_expansion(
    kind: str, traps: dict[str, object]
) -> None:
    @HOSTILE
    @given(broken_xml(breakages=[kind]))
    def refused(data: bytes) -> None:
        _assert_untouched(data, traps)
        result = sw.validate(data)
        assert result.declaration is None
        assert result.findings[0].rule in {"XML-DOCTYPE", "XML-ENTITY"}

    refused()


BOUNDED = """
import json, resource, sys, time
LIMIT = 1536 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
from hypothesis import HealthCheck, given, settings
import single_window as sw
from single_window.testing import broken_xml

kind, examples = sys.argv[1], int(sys.argv[2])
seen = []

@settings(max_examples=examples, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(broken_xml(breakages=[kind], items=(1, 1)))
def bounded(data):
    start = time.monotonic()
    result = sw.validate(data)
    took = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    seen.append({"size": len(data), "rules": [f.rule for f in result.findings][:2],
                 "ok": result.ok, "declaration": result.declaration is not None,
                 "seconds": round(took, 3), "peak_rss": rss})

bounded()
print(json.dumps(seen))
"""


@pytest.mark.parametrize("kind", [*RESOURCE_BREAKAGES, "entity-bomb"])
def test_resource_exhaustion_gets_a_finding_in_bounded_time_and_memory(kind: str) -> None:
    examples = 8 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 2
    proc = subprocess.run(
        [sys.executable, "-c", BOUNDED, kind, str(examples)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen
    for case in seen:
        assert case["ok"] is False, case
        assert case["rules"], case
        assert case["seconds"] < 30, case
        assert case["peak_rss"] < 1024 * 2**20, case
    first_rules = {case["rules"][0] for case in seen}
    if kind in ("deep-nesting", "oversized", "huge-text", "huge-attribute"):
        assert first_rules == {"XML-LIMIT"}, first_rules
    elif kind == "entity-bomb":
        assert first_rules <= {"XML-DOCTYPE", "XML-ENTITY"}, first_rules
    else:
        assert first_rules <= {"XSD", "XML-LIMIT"}, first_rules
