"""Feeding a batch to an executor: chunks in a bounded window, reports in input order,
a worker's death costing only the input that killed it, and an executor that stops
answering given up rather than waited on for ever (see :class:`Dispatcher`)."""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass
from itertools import count, islice
from typing import Any

from single_window import codes
from single_window._i18n import Message, number_text
from single_window._jobs import BATCH_WORKER, Input, Job, failure, run_chunk, run_one
from single_window._reader import source_name
from single_window.errors import ConfigurationError
from single_window.findings import Report

__all__ = [
    "EXECUTOR_TIMEOUT",
    "WINDOW_PER_WORKER",
    "Dispatcher",
    "discard",
    "new_pool",
    "pool_context",
]

#: Chunks in flight per worker: enough to keep every worker busy, few enough to stay flat.
WINDOW_PER_WORKER = 4
#: Seconds a batch waits for a caller's executor to return the next chunk before it gives
#: the executor up (``check_many(timeout=...)``): generous, since a cluster may be
#: starting its workers, yet bounded, since an executor may accept work it never runs.
EXECUTOR_TIMEOUT = 300.0
#: While it waits for a caller's executor, the batch asks it to take a no-op task after
#: this many seconds, then twice as long each time up to :data:`PROBE_MAX_SECONDS`: an
#: executor that refuses (shut down, a closed Dask client) will never deliver the chunks
#: in flight either, so the batch need not wait out the timeout.
PROBE_SECONDS = 0.5
PROBE_MAX_SECONDS = 8.0


class _Gone(Exception):
    """The caller's executor was given up; :attr:`why` says why (a ``BATCH-WORKER``
    message)."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.render())
        self.why = why


def _alive(number: int) -> int:
    """The no-op task a probe submits (numbered: a Dask client would otherwise give every
    probe the same key, and cancelling one would cancel the next)."""
    return number


_probes = count()


@dataclass
class _Slot:
    """Inputs submitted together, their display names, and the future of their reports."""

    sources: list[Input]
    names: list[str | None]
    future: Future[list[Report]] | None


def _done(reports: list[Report]) -> Future[list[Report]]:
    future: Future[list[Report]] = Future()
    future.set_result(reports)
    return future


def _renamed(report: Report, name: str | None) -> Report:
    return report if name is None else report.model_copy(update={"source": name})


def _warm(job: Job, document: bytes) -> None:
    """A new worker's initializer: one check, so that everything it needs is compiled.

    Never raises: a failing initializer would break the pool and turn a set-up error
    (a predicate module the worker cannot import) into dead workers; the first real
    chunk raises it instead, as it would without a warm-up.
    """
    with suppress(Exception):
        run_one(job, document)


def new_pool(job: Job, workers: int, warm_up: bytes | None) -> ProcessPoolExecutor:
    """A process pool whose workers each check ``warm_up`` first (see :func:`_warm`)."""
    if warm_up is None:
        return ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=pool_context(), initializer=_warm, initargs=(job, warm_up)
    )


def discard(pool: ProcessPoolExecutor) -> None:
    """Shut a pool of our own down without waiting: its workers are ended at once.

    For a pool whose work no longer matters (a start the batch no longer needs): the
    workers may still be starting, and waiting for them would hold up the caller.
    """
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(OSError, ValueError):  # gone already, or closed
            process.terminate()


def pool_context() -> Any:
    # forkserver: workers fork from a clean server that has already imported the library
    # (fast start, no fork of a multi-threaded parent); spawn where it is not available.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["single_window._batch"])
        return ctx
    return multiprocessing.get_context("spawn")


class Dispatcher:
    """Feeds chunks to an executor, keeps order, and survives dying workers."""

    def __init__(
        self,
        job: Job,
        executor: Executor | None,
        workers: int,
        chunksize: int,
        *,
        own: bool = False,
        timeout: float | None = EXECUTOR_TIMEOUT,
        warm_up: bytes | None = None,
    ) -> None:
        self.job = job
        self.own = own or executor is None
        self.workers = workers
        self.chunksize = chunksize
        self.window = max(2, workers * WINDOW_PER_WORKER)
        self.timeout = timeout
        self.warm_up = warm_up  # what a worker of a pool of our own checks first
        self._executor = executor  # our own pool is started on the first submit
        self._gone: Message | None = None  # why a caller's executor was given up

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = new_pool(self.job, self.workers, self.warm_up)
        return self._executor

    def _rebuild(self) -> None:
        if self.own and self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        if self.own and self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _submit(self, sources: list[Input]) -> Future[list[Report]]:
        failed: Exception
        if self._gone is not None:  # nothing more goes to a given-up executor
            failed = _Gone(self._gone)
        else:
            try:
                return self._pool().submit(run_chunk, self.job, sources)
            except ConfigurationError:
                raise
            except Exception as exc:  # a broken or shut-down executor, or an unsendable input
                if not self.own:
                    self._probe()  # which of the two
                failed = _Gone(self._gone) if self._gone is not None else exc
        future: Future[list[Report]] = Future()
        future.set_exception(failed)
        return future

    def _probe(self) -> None:
        """Give the caller's executor up if it refuses a no-op task."""
        if self._gone is not None or self._executor is None:
            return
        try:
            probe = self._executor.submit(_alive, next(_probes))
        except ConfigurationError:
            raise
        except Exception as exc:
            self._gone = codes.message(BATCH_WORKER, "refuses-work", error=repr(exc))
            return
        probe.cancel()

    def _result(self, future: Future[list[Report]]) -> list[Report]:
        """A chunk's reports; raises :class:`_Gone` when the caller's executor is given up.

        Our own pool needs no bound: a dead worker breaks the pool, which fails every
        future in flight. A caller's executor may instead never finish them (a Dask
        client closed under the batch), so the wait is cut in steps, each followed by a
        probe, and bounded by :attr:`timeout`.
        """
        if self.own:
            return future.result()
        deadline = None if self.timeout is None else time.monotonic() + self.timeout
        step = PROBE_SECONDS
        while True:
            if future.done():
                return future.result()
            if self._gone is not None:
                future.cancel()
                raise _Gone(self._gone)
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                assert self.timeout is not None
                seconds = number_text(self.timeout)
                self._gone = codes.message(BATCH_WORKER, "no-result", seconds=seconds)
                continue
            wait([future], timeout=step if left is None else min(step, left))
            if not future.done():
                self._probe()
                step = min(step * 2, PROBE_MAX_SECONDS)

    def _slot(self, group: list[tuple[Input, str | None, Report | None]]) -> _Slot:
        sources = [s for s, _, _ in group]
        names = [n for _, n, _ in group]
        answered = group[0][2]
        if answered is not None:  # _split_prepared sends answered inputs alone
            return _Slot(sources, names, _done([answered]))
        return _Slot(sources, names, self._submit(sources))

    def _isolate(self, slot: _Slot) -> list[Report]:
        """Run a slot's inputs one at a time; an input that kills its worker is reported."""
        reports: list[Report] = []
        for source, name in zip(slot.sources, slot.names, strict=True):
            future = self._submit([source])
            try:
                reports.extend(self._result(future))
            except ConfigurationError:
                raise
            except Exception as exc:
                if isinstance(exc, BrokenProcessPool):
                    self._rebuild()
                    why = codes.message(BATCH_WORKER, "died")
                elif isinstance(exc, _Gone):
                    why = exc.why
                else:
                    why = codes.message(BATCH_WORKER, "executor", error=repr(exc))
                display = name if name is not None else source_name(source)
                reports.append(failure(display, why, self.job.mode, self.job.lang))
        return reports

    def run(self, items: Iterator[tuple[Input, str | None, Report | None]]) -> Iterator[Report]:
        pending: deque[_Slot] = deque()
        exhausted = False
        try:
            while True:
                # Inputs whose first run failed are isolated before new work goes in, so
                # a second death can only come from one of them.
                while (
                    not exhausted
                    and len(pending) < self.window
                    and not any(s.future is None for s in pending)
                ):
                    batch = list(islice(items, self.chunksize))
                    if not batch:
                        exhausted = True
                        break
                    for group in _split_prepared(batch):
                        pending.append(self._slot(group))
                if not pending:
                    return
                slot = pending.popleft()
                if slot.future is None:
                    reports = self._isolate(slot)
                else:
                    try:
                        reports = self._result(slot.future)
                    except ConfigurationError:
                        raise
                    except Exception as exc:
                        # A given-up executor fails the rest at once: _isolate does not
                        # submit to it again.
                        if isinstance(exc, BrokenProcessPool):
                            self._rebuild()
                            for other in pending:
                                if other.future is not None and not _succeeded(other.future):
                                    other.future = None
                        reports = self._isolate(slot)
                for report, name in zip(reports, slot.names, strict=True):
                    yield _renamed(report, name)
        finally:
            self.close()


def _succeeded(future: Future[list[Report]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _split_prepared(
    batch: list[tuple[Input, str | None, Report | None]],
) -> Iterator[list[tuple[Input, str | None, Report | None]]]:
    """Split a chunk so that inputs already answered in this process travel alone."""
    run: list[tuple[Input, str | None, Report | None]] = []
    for item in batch:
        if item[2] is None:
            run.append(item)
            continue
        if run:
            yield run
            run = []
        yield [item]
    if run:
        yield run
