"""check_many on a caller's executor that stops working: every input still gets a report.

An executor may refuse work (shut down, a closed Dask client) or accept work it never
finishes (a client closed under the batch, a cluster without workers). The batch gives
such an executor up instead of waiting for ever: what it has not reported gets a
``BATCH-WORKER`` report at once.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any

import pytest
from conftest import EXAMPLES

import single_window._dispatch as dispatch
from single_window import ConfigurationError, Report
from single_window._batch import BATCH_WORKER, check_many, validate_many

#: How long a test waits for a batch that should end at once before calling it hung.
#: A guard against hanging the suite, not a measurement: the batches here end in well
#: under a second when the behaviour holds.
HUNG = 60.0


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("examples")
    for path in EXAMPLES.glob("*.xml"):
        shutil.copyfile(path, folder / path.name)
    return sorted(str(p) for p in folder.glob("*.xml"))


@pytest.fixture(autouse=True)
def quick_probes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Probe a silent executor every few milliseconds, so the tests need not wait."""
    monkeypatch.setattr(dispatch, "PROBE_SECONDS", 0.01, raising=False)
    monkeypatch.setattr(dispatch, "PROBE_MAX_SECONDS", 0.05, raising=False)


def drain(reports: Iterator[Report], on_each: Callable[[int], None] | None = None) -> list[Report]:
    """Every report of a batch, consumed in a thread; fails when the batch hangs."""
    out: list[Report] = []
    errors: list[BaseException] = []

    def consume() -> None:
        try:
            for i, report in enumerate(reports):
                out.append(report)
                if on_each is not None:
                    on_each(i)
        except BaseException as exc:  # handed to the test thread
            errors.append(exc)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    thread.join(HUNG)
    assert not thread.is_alive(), f"the batch hung: {len(out)} reports after {HUNG} s"
    if errors:
        raise errors[0]
    return out


class Silent(Executor):
    """An executor that accepts every task and never runs it; once shut down (by
    ``shutdown``, or by itself after ``close_after`` chunks, as a client closed from
    elsewhere) it refuses new ones, as a closed client or a shut-down pool does."""

    def __init__(self, close_after: int | None = None) -> None:
        self.submitted: list[Any] = []
        self.closed = False
        self.close_after = close_after

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self.closed:
            raise RuntimeError("cannot schedule new futures after shutdown")
        self.submitted.append(fn)
        if len(self.chunks()) == self.close_after:
            self.closed = True
        return Future()

    def chunks(self) -> list[Any]:
        """The tasks submitted that were chunks of inputs, not probes."""
        return [fn for fn in self.submitted if fn is not dispatch._alive]

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.closed = True


def worker_failures(reports: list[Report]) -> list[bool]:
    return [r.rules() == [BATCH_WORKER] and not r.ok for r in reports]


def test_an_executor_closed_under_the_batch_is_given_up_without_a_bound(
    examples: list[str],
) -> None:
    """No timeout at all: the probe alone notices that the executor refuses work."""
    window = 2 * dispatch.WINDOW_PER_WORKER
    executor = Silent(close_after=window)
    inputs = examples * 4
    reports = drain(check_many(inputs, executor=executor, jobs=2, chunksize=2, timeout=None))
    assert [r.source for r in reports] == inputs
    assert all(worker_failures(reports))
    # The first window was sent; after the executor was given up nothing more was.
    assert len(executor.chunks()) == window


def test_an_executor_that_never_finishes_is_given_up_after_the_timeout(
    examples: list[str],
) -> None:
    executor = Silent()
    inputs = examples * 4
    reports = drain(check_many(inputs, executor=executor, jobs=2, chunksize=2, timeout=0.2))
    assert [r.source for r in reports] == inputs
    assert all(worker_failures(reports))
    assert len(executor.chunks()) == 2 * dispatch.WINDOW_PER_WORKER
    # It was probed while the batch waited, and accepted every probe.
    assert dispatch._alive in executor.submitted


def test_a_shut_down_pool_gives_every_input_a_worker_report(examples: list[str]) -> None:
    pool = ThreadPoolExecutor(max_workers=2)
    pool.shutdown()
    inputs = examples * 3
    for many in (check_many, validate_many):
        reports = drain(many(inputs, executor=pool, chunksize=4))
        assert [r.source for r in reports] == inputs
        assert all(worker_failures(reports))


def test_reports_finished_before_the_executor_is_given_up_are_kept(examples: list[str]) -> None:
    """A working pool shut down (cancelling what waits) during the batch: what it had
    finished is reported as checked, the rest as not run; nothing is lost or waited on."""
    expected = {r.source: r.to_dict() for r in check_many(examples, jobs=1)}
    pool = ThreadPoolExecutor(max_workers=1)
    inputs = examples * 6

    def close_after_first(i: int) -> None:
        if i == 0:
            pool.shutdown(wait=False, cancel_futures=True)

    reports = drain(check_many(inputs, executor=pool, jobs=1, chunksize=2), close_after_first)
    assert [r.source for r in reports] == inputs
    failed = worker_failures(reports)
    assert not failed[0] and failed[-1]
    # Once the first input was not run, none after it was either.
    assert failed == sorted(failed)
    checked = [r for r, f in zip(reports, failed, strict=True) if not f]
    assert all(r.to_dict() == expected[r.source] for r in checked)


def test_an_unsendable_input_fails_alone_while_the_executor_still_works(
    examples: list[str],
) -> None:
    """A submit that raises for one input is not a dead executor: the probe is accepted."""

    class Picky(ThreadPoolExecutor):
        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            if fn is not dispatch._alive and any(s == examples[1] for s in args[1]):
                raise TypeError("cannot send this input")
            return super().submit(fn, *args, **kwargs)

    with Picky(max_workers=2) as pool:
        reports = drain(check_many(examples, executor=pool, chunksize=3))
    assert [r.source for r in reports] == examples
    assert worker_failures(reports) == [s == examples[1] for s in examples]


def test_a_dask_client_closed_before_the_batch(examples: list[str]) -> None:
    distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed")
    with distributed.Client(processes=False, dashboard_address=None) as client:
        executor = client.get_executor()
    reports = drain(check_many(examples, executor=executor))
    assert [r.source for r in reports] == examples
    assert all(worker_failures(reports))


def test_a_dask_client_closed_during_the_batch(examples: list[str]) -> None:
    """The futures in flight are never finished by a closed client: given up, not awaited."""
    distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed")
    inputs = examples * 8
    client = distributed.Client(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None
    )
    try:

        def close_after_first(i: int) -> None:
            if i == 0:
                client.close()

        batch = check_many(inputs, executor=client.get_executor(), chunksize=2)
        reports = drain(batch, close_after_first)
    finally:
        client.close()
    assert [r.source for r in reports] == inputs
    failed = worker_failures(reports)
    assert not failed[0] and failed[-1]


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan")])
def test_a_timeout_must_be_above_zero(examples: list[str], timeout: float) -> None:
    with pytest.raises(ConfigurationError):
        check_many(examples, executor=Silent(), timeout=timeout)


@pytest.mark.parametrize("timeout", ["5", True])
def test_a_timeout_must_be_a_number(examples: list[str], timeout: object) -> None:
    with pytest.raises(TypeError):
        check_many(examples, executor=Silent(), timeout=timeout)  # type: ignore[arg-type]
