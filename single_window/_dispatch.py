"""Feeding a batch to an executor: chunks in a bounded window, reports in input order,
and a worker's death costing only the input that killed it (see
:class:`Dispatcher`)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any

from single_window._jobs import BATCH_WORKER, Input, Job, failure, run_chunk
from single_window._reader import source_name
from single_window.errors import ConfigurationError
from single_window.findings import Report

__all__ = ["WINDOW_PER_WORKER", "Dispatcher", "pool_context"]

#: Chunks in flight per worker: enough to keep every worker busy, few enough to stay flat.
WINDOW_PER_WORKER = 4


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
    ) -> None:
        self.job = job
        self.own = own or executor is None
        self.workers = workers
        self.chunksize = chunksize
        self.window = max(2, workers * WINDOW_PER_WORKER)
        self._executor = executor  # our own pool is started on the first submit

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=pool_context()
            )
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
        try:
            return self._pool().submit(run_chunk, self.job, sources)
        except ConfigurationError:
            raise
        except Exception as exc:  # a broken or shut-down executor
            future: Future[list[Report]] = Future()
            future.set_exception(exc)
            return future

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
                reports.extend(future.result())
            except ConfigurationError:
                raise
            except Exception as exc:
                if isinstance(exc, BrokenProcessPool):
                    self._rebuild()
                    why = "the worker process checking this input died (crash or out of memory)"
                else:
                    why = f"the executor could not run this input: {exc!r}"[:300]
                display = name if name is not None else source_name(source)
                reports.append(failure(display, BATCH_WORKER, why, self.job.mode))
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
                        reports = slot.future.result()
                    except ConfigurationError:
                        raise
                    except Exception as exc:
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
