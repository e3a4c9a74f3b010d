"""The default ``jobs=None``: in this process, and a pool only where it pays and CPUs are free.

The clock, the idle time of the CPUs and the pool are replaced by fakes, so these tests
assert what the batch decides, never how fast anything runs (that is measured in
``tests/benchmarks/bench_batch.py``).
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

import single_window._batch as batch
from single_window import Report, check
from single_window._dispatch import new_pool
from single_window._jobs import resolve_job
from single_window._limits import DEFAULT_LIMITS
from single_window.rules import RuleSet

#: A guard against hanging the suite, not a measurement (see ``drain``).
HUNG = 60.0


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("examples")
    for path in EXAMPLES.glob("*.xml"):
        shutil.copyfile(path, folder / path.name)
    return sorted(str(p) for p in folder.glob("*.xml"))


class Machine:
    """A fake clock and a fake count of idle CPU seconds, ``idle_cpus`` CPUs idle."""

    def __init__(self, idle_cpus: float) -> None:
        self.now = 0.0
        self.idle_cpus = idle_cpus

    def clock(self) -> float:
        return self.now

    def idle(self) -> float:
        return self.now * self.idle_cpus


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> Machine:
    """Two CPUs, one of them idle while the batch checks on the other; the load average
    says the machine is busy (as it does after a batch's own workers have run)."""
    fake = Machine(idle_cpus=1.0)
    monkeypatch.setattr(batch, "_cpus", lambda: 2)
    monkeypatch.setattr(batch, "_clock", fake.clock)
    monkeypatch.setattr(batch, "_idle_seconds", fake.idle)
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (3.0, 3.0, 3.0))
    return fake


def timed(
    monkeypatch: pytest.MonkeyPatch, machine: Machine, seconds: Callable[[int], float]
) -> None:
    """Each input checked in this process takes ``seconds(n)`` on the fake clock (n: the
    how-manieth input), and its report is the real one."""
    real = batch.run_one
    count = [0]

    def run_one(job: Any, source: Any) -> Report:
        machine.now += seconds(count[0])
        count[0] += 1
        return real(job, source)

    monkeypatch.setattr(batch, "run_one", run_one)


class NeverReady:
    """Stands in for a pool start: records that one began, and is never ready."""

    started: list[int]

    def __init__(self, job: object, workers: int) -> None:
        type(self).started.append(workers)

    def take(self) -> None:
        return None

    def abandon(self) -> None:
        pass


@pytest.fixture
def starts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the pool starts the batch begins."""
    NeverReady.started = []
    monkeypatch.setattr(batch, "_PoolStart", NeverReady)
    return NeverReady.started


def test_the_first_inputs_compiling_does_not_start_a_pool(
    monkeypatch: pytest.MonkeyPatch, machine: Machine, starts: list[int], examples: list[str]
) -> None:
    """The first input compiles the schema and the rules, the next few a plan per route:
    one-off costs the rest of a batch does not repeat, and no reason for a pool."""
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # idle by any measure
    timed(monkeypatch, machine, lambda n: 2.0 if n == 0 else 0.05 if n < 6 else 0.001)
    inputs = examples * 20  # 300 inputs: 0.3 s of ordinary work left after the first
    reports = list(batch.check_many(inputs))
    assert [r.source for r in reports] == inputs
    assert starts == []


def test_a_batch_with_enough_work_left_starts_a_pool(
    monkeypatch: pytest.MonkeyPatch, machine: Machine, starts: list[int], examples: list[str]
) -> None:
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # idle by any measure
    timed(monkeypatch, machine, lambda n: 2.0 if n == 0 else 0.01)
    inputs = examples * 20  # 3 s of work left after the first
    reports = list(batch.check_many(inputs))
    assert [r.source for r in reports] == inputs
    assert starts == [2]


def test_free_cpus_are_measured_by_their_idle_time_not_the_load_average(
    monkeypatch: pytest.MonkeyPatch, machine: Machine, starts: list[int], examples: list[str]
) -> None:
    timed(monkeypatch, machine, lambda n: 0.01)
    inputs = examples * 20
    # Load average 3 on 2 CPUs, yet one CPU idle: the load was work that is over.
    list(batch.check_many(inputs))
    assert starts == [2]
    # Load average 0, yet no CPU idle: other work began a moment ago.
    starts.clear()
    machine.idle_cpus = 0.0
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    list(batch.check_many(inputs))
    assert starts == []


def test_without_idle_times_the_load_average_decides(
    monkeypatch: pytest.MonkeyPatch, machine: Machine, starts: list[int], examples: list[str]
) -> None:
    monkeypatch.setattr(batch, "_idle_seconds", lambda: None)  # not Linux
    timed(monkeypatch, machine, lambda n: 0.01)
    inputs = examples * 20
    list(batch.check_many(inputs))
    assert starts == []  # load average 3 on 2 CPUs
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (0.2, 0.2, 0.2))
    list(batch.check_many(inputs))
    assert starts == [2]


def test_idle_time_is_measured_over_a_useful_stretch(machine: Machine) -> None:
    idle = batch._Idle(2)
    machine.now += batch.IDLE_SAMPLE_SECONDS / 2
    assert idle.spare() is None  # too short to tell
    machine.now += batch.IDLE_SAMPLE_SECONDS
    assert idle.spare() == 2
    machine.idle_cpus = 0.25
    machine.now += 1.0  # a quarter of a CPU idle since the last look: one CPU free
    assert idle.spare() == 1


def test_the_idle_time_of_this_machine_reads() -> None:
    if not Path("/proc/stat").is_file():
        pytest.skip("no /proc/stat on this platform: the load average decides")
    first = batch._idle_seconds()
    assert first is not None and first >= 0
    second = batch._idle_seconds()
    assert second is not None and second >= first


# -- a pool that is still starting when the batch ends -----------------------------------


class StartingPool:
    """A pool whose workers never finish starting; ``shutdown(wait=True)`` waits for them
    as a real pool does (here, until ``release`` is set)."""

    instances: list[StartingPool]

    def __init__(self, job: object, workers: int, warm_up: bytes | None) -> None:
        self.release = threading.Event()
        self.shutdowns: list[bool] = []
        self._processes: dict[int, Any] = {}
        type(self).instances.append(self)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
        return Future()  # never done: the worker is still starting

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.shutdowns.append(wait)
        if wait:
            self.release.wait(HUNG)


def test_a_pool_still_starting_when_the_batch_ends_is_not_waited_for(
    monkeypatch: pytest.MonkeyPatch, machine: Machine, examples: list[str]
) -> None:
    StartingPool.instances = []
    monkeypatch.setattr(batch, "new_pool", StartingPool)
    monkeypatch.setattr(batch.os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # idle by any measure
    timed(monkeypatch, machine, lambda n: 0.1)
    inputs = examples * 2  # 3 s of work: a pool starts, and is not ready when it ends
    finished = threading.Event()
    reports: list[Report] = []

    def consume() -> None:
        reports.extend(batch.check_many(inputs))
        finished.set()

    threading.Thread(target=consume, daemon=True).start()
    try:
        assert finished.wait(HUNG), "the batch waited for the pool that was starting"
        assert [r.source for r in reports] == inputs
        [pool] = StartingPool.instances
        assert pool.shutdowns == [False]  # ended, without waiting for its workers
    finally:
        for pool in StartingPool.instances:
            pool.release.set()


# -- warm workers ------------------------------------------------------------------------

LOGGING_MODULE = """
import os

from single_window.rules import predicate


@predicate("xc-log-pid", "declaration")
def log_pid(ctx, params):
    with open({log!r}, "a", encoding="utf-8") as log:
        log.write(f"{{os.getpid()}}\\n")
    return iter(())
"""

LOGGING_PACK = """
[pack]
country = "XC"
name = "Test pack that logs the process checking each declaration"

[[rules]]
id = "XC-LOG"
title = "Logs the checking process"
agency = "customs"
severity = "warning"
scope = "declaration"
check = { kind = "predicate", predicate = "xc-log-pid" }
message = "logged"
source = "test pack"
"""


@pytest.fixture
def logging_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """A pack whose rule logs the pid of every check, and the log file."""
    from single_window.rules._catalog import PREDICATES

    name = "sw_test_predicates_xc"
    log = tmp_path / "checks.log"
    (tmp_path / f"{name}.py").write_text(LOGGING_MODULE.format(log=str(log)), encoding="utf-8")
    (tmp_path / "xc.toml").write_text(LOGGING_PACK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module(name)
    try:
        yield tmp_path / "xc.toml", log
    finally:
        PREDICATES.remove("xc-log-pid")
        sys.modules.pop(name, None)


def test_each_new_worker_checks_the_warm_up_document_before_any_input(
    logging_rules: tuple[Path, Path],
) -> None:
    pack, log = logging_rules
    rules = RuleSet.from_paths([pack])
    job = resolve_job("check", ["XC"], None, None, rules, False, DEFAULT_LIMITS)
    pool = new_pool(job, 2, batch._warm_up_document())
    try:
        pids = [f.result(HUNG) for f in [pool.submit(os.getpid) for _ in range(4)]]
        started = sorted(pool._processes)  # type: ignore[attr-defined]
    finally:
        pool.shutdown()
    logged = [int(line) for line in log.read_text(encoding="utf-8").split()]
    # Every worker checked once when it started, before it took any task; nothing else
    # was checked.
    assert sorted(logged) == started
    assert set(pids) <= set(started)


def test_a_worker_whose_warm_up_fails_still_reports_the_set_up_error(
    logging_rules: tuple[Path, Path], examples: list[str]
) -> None:
    """The warm-up never breaks the pool: the first input raises what it would raise."""
    from single_window import ConfigurationError

    pack, _ = logging_rules
    rules = RuleSet.from_paths([pack])
    (pack.parent / "sw_test_predicates_xc.py").unlink()  # gone before workers start
    with pytest.raises(ConfigurationError, match="sw_test_predicates_xc"):
        list(batch.check_many(examples * 3, countries=["XC"], rules=rules, jobs=2, chunksize=2))


def test_warm_workers_give_the_reports_of_one_process(
    logging_rules: tuple[Path, Path], examples: list[str]
) -> None:
    pack, _ = logging_rules
    rules = RuleSet.from_paths([pack])
    inputs = examples * 2
    expected = [check(p, countries=["XC"], rules=rules).to_dict() for p in inputs]
    reports = batch.check_many(inputs, countries=["XC"], rules=rules, jobs=2, chunksize=3)
    assert [r.to_dict() for r in reports] == expected


def test_abandoning_a_pool_whose_workers_are_being_started_does_not_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Starting a worker holds the pool's lock (the first one also starts the fork server,
    which imports the library): abandon() leaves that pool to the start, which ends it."""
    spawning, spawned = threading.Event(), threading.Event()

    class Spawning(StartingPool):
        """Holds its lock while it starts a worker, and shutdown takes it, as a real pool."""

        lock = threading.Lock()

        def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
            with self.lock:
                spawning.set()
                spawned.wait(HUNG)
            return Future()

        def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
            with self.lock:
                super().shutdown(wait, cancel_futures=cancel_futures)

    Spawning.instances = []
    monkeypatch.setattr(batch, "new_pool", Spawning)
    start = batch._PoolStart(None, 2)  # type: ignore[arg-type]
    assert spawning.wait(HUNG)
    abandoned = threading.Event()
    threading.Thread(target=lambda: (start.abandon(), abandoned.set()), daemon=True).start()
    try:
        assert abandoned.wait(HUNG), "abandon() waited for the workers being started"
    finally:
        spawned.set()
    start._thread.join(HUNG)
    [pool] = Spawning.instances
    assert pool.shutdowns == [False]
    assert start.take() is None


def test_a_proc_stat_that_does_not_list_our_cpus_tells_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A container may show the host's CPUs under other numbers, or a garbled line: the
    load average decides then, rather than a count of no idle CPU at all."""
    import builtins

    real_open = builtins.open
    for text in ("cpu  1 2 3 4 5 6\ncpu97 1 2 3 4 5 6\n", "cpu0 1 2 3 x y 6\n"):
        fake = tmp_path / "stat"
        fake.write_text(text, encoding="ascii")

        def fake_open(path: object, *args: Any, _fake: Path = fake, **kwargs: Any) -> Any:
            return real_open(_fake if path == "/proc/stat" else path, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
        assert batch._idle_seconds() is None
        monkeypatch.undo()
