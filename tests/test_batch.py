"""check_many: one report per input, in order, streamed, surviving dying workers."""

from __future__ import annotations

import io
import os
import shutil
import signal
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import EXAMPLES, MALFORMED, corpus_files, require_corpus

from single_window import ConfigurationError, Report, Severity, check
from single_window._batch import (
    BATCH_ERROR,
    BATCH_WORKER,
    DEFAULT_CHUNKSIZE,
    check_many,
    validate_many,
)
from single_window._dispatch import WINDOW_PER_WORKER
from single_window.rules import RuleSet

_PARENT = os.getpid()

HOSTILE: dict[str, tuple[bytes, str]] = {
    "doctype-entity.xml": (
        b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x "boom">]>\n<d>&x;</d>',
        "XML-DOCTYPE",
    ),
    "invalid-utf8.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<Declaration>\xff\xfe</Declaration>',
        "XML-ENCODING",
    ),
    "junk-after-root.xml": (b"<a/>\n<junk/>trailing", "XML-SYNTAX"),
    "empty.xml": (b"", "XML-SYNTAX"),
}


class Killer:
    """A path whose worker process dies (SIGKILL) when it opens it: a segfault stand-in.

    In the test process itself it is an ordinary path, so the batch can name it.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.parent = _PARENT

    def __fspath__(self) -> str:
        if os.getpid() != self.parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return self.path


def hostile_files(folder: Path) -> list[tuple[Path, str]]:
    """Write the hostile inputs; return each path with the rule it must get."""
    out = []
    for name, (data, rule) in HOSTILE.items():
        path = folder / name
        path.write_bytes(data)
        out.append((path, rule))
    return out


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example declarations, copied: colleagues may edit examples/ while tests run."""
    folder = tmp_path_factory.mktemp("examples")
    for path in EXAMPLES.glob("*.xml"):
        shutil.copyfile(path, folder / path.name)
    return sorted(folder.glob("*.xml"))


def sources(reports: list[Report]) -> list[str]:
    return [r.source for r in reports]


def test_every_input_gets_one_report_in_order_with_two_workers(tmp_path: Path) -> None:
    require_corpus()
    hostile = hostile_files(tmp_path)
    corpus = corpus_files()
    malformed = sorted(MALFORMED.glob("*.xml"))
    inputs: list[Path] = []
    # interleave so that broken inputs sit inside chunks of good ones
    for i, path in enumerate(corpus):
        inputs.append(path)
        if i % 40 == 7 and malformed:
            inputs.append(malformed.pop())
        if i % 60 == 11 and hostile:
            inputs.append(hostile.pop()[0])
    inputs.extend(malformed)
    inputs.extend(p for p, _ in hostile)
    reports = list(check_many(inputs, jobs=2))
    assert sources(reports) == [str(p) for p in inputs]
    by_source = {r.source: r for r in reports}
    for name, (_, rule) in HOSTILE.items():
        report = by_source[str(tmp_path / name)]
        assert report.rules()[0] == rule
        assert not report.ok
    for path in MALFORMED.glob("*.xml"):
        assert not by_source[str(path)].ok
    assert all(r.ok for r in reports if r.source in {str(p) for p in corpus})


def test_two_workers_give_the_same_reports_as_one(examples: list[Path]) -> None:
    inputs = [*examples, *sorted(MALFORMED.glob("*.xml"))] * 3
    one = [r.to_dict() for r in check_many(inputs, jobs=1)]
    two = [r.to_dict() for r in check_many(inputs, jobs=2, chunksize=2)]
    assert one == two
    assert len(one) == len(inputs)


def test_a_dying_worker_costs_only_its_own_input(examples: list[Path]) -> None:
    files = [str(p) for p in examples] * 4
    inputs: list[str | Killer] = list(files)
    inputs.insert(0, Killer(files[0]))  # first of the first chunk
    inputs.insert(9, Killer(files[1]))  # inside a later chunk
    inputs.insert(10, Killer(files[2]))  # two in a row
    inputs.append(Killer(files[3]))  # the very last
    killers = {i for i, s in enumerate(inputs) if isinstance(s, Killer)}
    reports = list(check_many(inputs, jobs=2, chunksize=4))
    assert sources(reports) == [os.fspath(s) for s in inputs]
    expected = {f: check(f).to_dict() for f in set(files)}
    for i, report in enumerate(reports):
        if i in killers:
            assert report.rules() == [BATCH_WORKER]
            assert report.findings[0].severity is Severity.ERROR
            assert not report.ok
        else:
            assert report.to_dict() == expected[report.source]


def test_an_input_that_raises_gets_a_batch_error_report(
    monkeypatch: pytest.MonkeyPatch, examples: list[Path]
) -> None:
    import single_window._jobs as job_module

    real = check

    def flaky(source: object, **kwargs: object) -> Report:
        if str(source).endswith("tr-import.xml"):
            raise RuntimeError("predicate bug")
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(job_module, "check", flaky)
    inputs = examples
    reports = list(check_many(inputs, jobs=1))
    assert sources(reports) == [str(p) for p in inputs]
    broken = [r for r in reports if r.source.endswith("tr-import.xml")]
    assert [r.rules() for r in broken] == [[BATCH_ERROR]]
    assert all(r.rules() != [BATCH_ERROR] for r in reports if r not in broken)


def test_sources_are_read_lazily_with_a_bounded_window(examples: list[Path]) -> None:
    files = [str(p) for p in examples]
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        while True:
            yield files[pulled % len(files)]
            pulled += 1

    window = 2 * WINDOW_PER_WORKER * DEFAULT_CHUNKSIZE + DEFAULT_CHUNKSIZE
    reports = check_many(endless(), jobs=2)
    for received in range(1, 201):
        next(reports)
        assert pulled <= received + window
    reports.close()  # type: ignore[attr-defined]


def test_bytes_and_binary_files_keep_their_names(examples: list[Path]) -> None:
    path = examples[0]
    data = path.read_bytes()
    stream = io.BytesIO(data)
    stream.name = "upload.xml"
    inputs: list[object] = [data, stream, bytearray(data), str(path)] * 3
    for jobs in (1, 2):
        copies = [io.BytesIO(data) if isinstance(s, io.BytesIO) else s for s in inputs]
        for c in copies:
            if isinstance(c, io.BytesIO):
                c.name = "upload.xml"
        reports = list(check_many(copies, jobs=jobs, chunksize=2))  # type: ignore[arg-type]
        assert sources(reports) == ["<bytes>", "upload.xml", "<bytes>", str(path)] * 3
        assert len({r.verdict for r in reports}) == 1


def test_any_executor_works(examples: list[Path]) -> None:
    inputs = examples * 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(check_many(inputs, executor=pool, chunksize=3))
    assert [r.to_dict() for r in reports] == [r.to_dict() for r in check_many(inputs, jobs=1)]


def test_a_dask_client_executor_works(examples: list[Path]) -> None:
    distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed")
    inputs = [*examples, *sorted(MALFORMED.glob("*.xml"))]
    expected = [r.to_dict() for r in check_many(inputs, jobs=1)]
    with distributed.Client(processes=False, dashboard_address=None) as client:
        reports = list(check_many(inputs, executor=client.get_executor(), chunksize=2))
    assert [r.to_dict() for r in reports] == expected


def test_setup_errors_are_raised_when_called_not_when_iterated(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError):
        check_many([tmp_path / "never-read.xml"], countries=["XX"])
    with pytest.raises(ConfigurationError):
        check_many([], jobs=0)
    with pytest.raises(ConfigurationError):
        check_many([], schema=tmp_path / "missing.xsd")


CUSTOM_PACK = textwrap.dedent(
    """
    [pack]
    country = "XA"
    name = "Test country"

    [[rules]]
    id = "XA-ANY-CODE"
    title = "Every commodity code is reported"
    agency = "customs"
    severity = "error"
    scope = "item"
    check = { kind = "length", field = "commodity_code", lengths = [99] }
    message = "'{value}' reported"
    source = "test pack"
    """
)


def test_custom_packs_from_files_run_in_worker_processes(
    tmp_path: Path, examples: list[Path]
) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_text(CUSTOM_PACK, encoding="utf-8")
    rules = RuleSet.from_paths([pack])
    inputs = examples * 3
    reports = list(check_many(inputs, countries=["XA"], rules=rules, jobs=2, chunksize=2))
    assert sources(reports) == [str(p) for p in inputs]
    assert all("XA-ANY-CODE" in r.rules() for r in reports if r.countries)
    assert any("XA-ANY-CODE" in r.rules() for r in reports)


PREDICATE_MODULE = """
from single_window.rules import Violation, predicate


@predicate("xb-every-item", "item")
def every_item(ctx, item, params):
    seq = item.sequence_numeric
    yield Violation(item, str(seq.value) if seq is not None else None)
"""

PREDICATE_PACK = """
[pack]
country = "XB"
name = "Test pack with a predicate of its own"

[[rules]]
id = "XB-EVERY-ITEM"
title = "Every goods item is reported"
agency = "customs"
severity = "warning"
scope = "item"
check = { kind = "predicate", predicate = "xb-every-item" }
message = "item {value}"
source = "test pack"
"""


@pytest.fixture
def predicate_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A pack naming ``xb-every-item``, registered by an importable module on sys.path."""
    import importlib
    import sys

    from single_window.rules._catalog import PREDICATES

    name = "sw_test_predicates_xb"
    (tmp_path / f"{name}.py").write_text(PREDICATE_MODULE, encoding="utf-8")
    (tmp_path / "xb.toml").write_text(PREDICATE_PACK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module(name)
    try:
        yield tmp_path / "xb.toml"
    finally:
        PREDICATES.remove("xb-every-item")
        sys.modules.pop(name, None)


def test_predicates_of_an_importable_module_run_in_worker_processes(
    predicate_pack: Path, examples: list[Path]
) -> None:
    rules = RuleSet.from_paths([predicate_pack])
    inputs = examples * 3
    one = list(check_many(inputs, countries=["XB"], rules=rules, jobs=1))
    two = list(check_many(inputs, countries=["XB"], rules=rules, jobs=2, chunksize=2))
    assert [r.to_dict() for r in two] == [r.to_dict() for r in one]
    assert any("XB-EVERY-ITEM" in r.rules() for r in two)
    assert "RULE-CRASH" not in {rule for r in two for rule in r.rules()}


def test_a_worker_that_cannot_import_the_predicate_module_is_a_configuration_error(
    predicate_pack: Path, examples: list[Path]
) -> None:
    rules = RuleSet.from_paths([predicate_pack])
    (predicate_pack.parent / "sw_test_predicates_xb.py").unlink()  # gone before workers start
    with pytest.raises(ConfigurationError, match="sw_test_predicates_xb"):
        list(check_many(examples * 5, countries=["XB"], rules=rules, jobs=2, chunksize=2))


def test_validate_many_reports_without_countries(examples: list[Path]) -> None:
    inputs = [*examples, *sorted(MALFORMED.glob("*.xml"))]
    reports = list(validate_many(inputs, jobs=2, chunksize=2))
    assert sources(reports) == [str(p) for p in inputs]
    assert all(r.countries == {} for r in reports)
    assert not any(r.rules() and r.rules()[0].startswith("TR-") for r in reports)


def test_a_small_batch_with_default_jobs_starts_no_pool(
    monkeypatch: pytest.MonkeyPatch, examples: list[Path]
) -> None:
    import single_window._batch as batch

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a batch of one chunk")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    inputs = examples[:DEFAULT_CHUNKSIZE]
    assert sources(list(check_many(inputs))) == [str(p) for p in inputs]


# -- the default worker count --------------------------------------------------------------


def test_a_batch_too_small_to_pay_for_a_pool_runs_in_process_by_default(
    monkeypatch: pytest.MonkeyPatch, examples: list[Path]
) -> None:
    import single_window._batch as batch

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a batch that cannot pay for it")

    inputs = [str(p) for p in examples] * 20  # well under a second of work
    expected = [r.to_dict() for r in check_many(inputs, jobs=1)]
    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    assert [r.to_dict() for r in check_many(inputs)] == expected
    validated = list(validate_many(iter(inputs)))
    assert sources(validated) == inputs
    assert BATCH_WORKER not in {rule for r in validated for rule in r.rules()}


class _Gated:
    """A sized batch whose iteration waits, at ``gate``, until the pool has started."""

    def __init__(self, items: list[object], gate: int, started: list[object]) -> None:
        self.items, self.gate, self.started = items, gate, started

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[object]:
        import time

        for i, item in enumerate(self.items):
            if i == self.gate:
                deadline = time.monotonic() + 120
                while not (self.started and self.started[0]._ready):  # type: ignore[attr-defined]
                    assert time.monotonic() < deadline, "the pool never became ready"
                    time.sleep(0.01)
            yield item


def test_a_large_batch_goes_on_in_process_until_the_pool_is_ready(
    monkeypatch: pytest.MonkeyPatch, examples: list[Path]
) -> None:
    import single_window._batch as batch

    started: list[object] = []

    class Recorded(batch._PoolStart):
        def __init__(self, *args: object) -> None:
            super().__init__(*args)  # type: ignore[arg-type]
            started.append(self)

    monkeypatch.setattr(batch, "POOL_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(batch, "_PoolStart", Recorded)
    # An idle machine: one CPU idle all along while this process checks on the other.
    monkeypatch.setattr(batch, "_idle_seconds", lambda: batch._clock())
    monkeypatch.setattr(batch, "IDLE_SAMPLE_SECONDS", 0.0)
    monkeypatch.setattr(batch, "_cpus", lambda: 2)
    files = [str(p) for p in examples] * 6
    inputs: list[object] = [Killer(files[0]), *files, Killer(files[1])]
    gate = DEFAULT_CHUNKSIZE * 2
    reports = list(check_many(_Gated(inputs, gate, started)))  # type: ignore[arg-type]
    assert len(started) == 1
    assert sources(reports) == [os.fspath(s) for s in inputs]  # type: ignore[call-overload]
    # The first input ran in this process (a Killer is a plain path here); the last one
    # ran in a worker process after the hand-over, and killed it.
    assert reports[0].ok and reports[0].rules() != [BATCH_WORKER]
    assert reports[-1].rules() == [BATCH_WORKER]
    expected = {f: check(f).to_dict() for f in set(files)}
    assert all(r.to_dict() == expected[r.source] for r in reports[1:-1])


def test_the_default_reads_an_endless_iterable_with_a_bounded_look_ahead(
    examples: list[Path],
) -> None:
    from single_window._batch import LOOKAHEAD

    files = [str(p) for p in examples]
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        while True:
            yield files[pulled % len(files)]
            pulled += 1

    reports = check_many(endless())
    for received in range(1, 301):
        next(reports)
        assert pulled <= received + LOOKAHEAD + DEFAULT_CHUNKSIZE
    reports.close()  # type: ignore[attr-defined]


def test_the_default_starts_no_pool_on_a_machine_busy_with_other_work(
    monkeypatch: pytest.MonkeyPatch, examples: list[Path]
) -> None:
    import single_window._batch as batch

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started on a busy machine")

    monkeypatch.setattr(batch, "POOL_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(batch, "_PoolStart", no_pool)
    monkeypatch.setattr(batch, "_cpus", lambda: 2)
    monkeypatch.setattr(batch, "_idle_seconds", lambda: 0.0)  # no CPU idle
    monkeypatch.setattr(batch, "IDLE_SAMPLE_SECONDS", 0.0)
    inputs = [str(p) for p in examples] * 5
    assert sources(list(check_many(inputs))) == inputs
    # Where the idle time cannot be read, the load average decides: 2 CPUs, load 3.
    monkeypatch.setattr(batch, "_idle_seconds", lambda: None)
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (3.0, 3.0, 3.0))
    assert sources(list(check_many(inputs))) == inputs
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (0.9, 0.9, 0.9))
    assert batch._spare_cpus(2) == 2
    assert batch._spare_cpus(8) == 8
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (6.0, 6.0, 6.0))
    assert batch._spare_cpus(8) == 3
