"""Batch checking: many declarations, exactly one :class:`Report` each, in input order.

:func:`check_many` streams: it reads the sources lazily, keeps a bounded window of work
in flight and yields each report as soon as it and every report before it are ready, so
memory stays flat however many inputs there are.

By default (``jobs=None``) a batch runs in this process and a process pool, one worker
per CPU, is started only when the batch is large enough to pay for it: the pool starts
in the background while this process goes on checking, and takes over the rest once its
workers are ready (see :func:`_adaptive`); so the default is never slower than one
worker on a small batch. ``jobs=1`` runs in-process, ``jobs=N`` always uses N worker
processes, and any :class:`concurrent.futures.Executor` can be passed instead (a Dask
distributed client's ``client.get_executor()`` runs the batch on a cluster). Paths
travel to the workers, not bytes; each worker compiles the schema and the rule set once
and reuses them.

Anything wrong with an input or its source is a finding in that input's report, never
an exception out of the iterator; an item that is no kind of source (``None``, a number)
gets a ``BATCH-ERROR`` report. A worker that dies (a segfault, the OOM killer) costs
only the input it was working on (inputs run in this process - ``jobs=1``, and the
start of a default batch - have no such protection):
the pool is rebuilt, the other inputs that were in flight are run again one at a time to
find the one that kills its worker, and that input gets a report with a ``BATCH-WORKER``
error. An unexpected exception while checking one input gives that input a
``BATCH-ERROR`` report. Configuration errors (an unknown country, a broken pack) are
raised when :func:`check_many` is called, before any input is read.

Here: the public functions and the choice of where a batch runs (in this process, a
pool started when it pays, or an executor). What a worker runs is in
:mod:`single_window._jobs`; how chunks are fed to an executor in order, surviving dying
workers, in :mod:`single_window._dispatch`.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Executor, ProcessPoolExecutor, wait
from datetime import date, datetime
from itertools import islice

from single_window._api import SchemaLike
from single_window._arguments import check_batch
from single_window._dispatch import Dispatcher, pool_context
from single_window._jobs import (
    BATCH_ERROR,
    BATCH_WORKER,
    UNSENDABLE,
    Input,
    Job,
    prepare,
    resolve_job,
    run_one,
    sendable,
)
from single_window._limits import DEFAULT_LIMITS, Limits
from single_window._reader import Source
from single_window.errors import ConfigurationError
from single_window.findings import Report
from single_window.formats import CANONICAL, registry
from single_window.rules import RuleSet

__all__ = ["BATCH_ERROR", "BATCH_WORKER", "check_many", "validate_many"]

#: Inputs sent to a worker in one task (small enough to keep a worker death cheap).
DEFAULT_CHUNKSIZE = 16
#: With the default ``jobs=None``, worker processes are started only for a batch whose
#: remaining work, estimated from the inputs checked so far, would take longer than this
#: in one process (seconds). Starting a pool costs about 0.3 s on a 2-core machine (a
#: fresh interpreter importing the library, then each worker's first check); below
#: this a pool cannot pay for itself.
POOL_AFTER_SECONDS = 1.0
#: Inputs of an unsized iterable looked ahead to estimate the remaining work.
LOOKAHEAD = 1024
#: Seconds a starting pool may take to check its warm-up document before the batch
#: gives up on it and stays in this process.
WARM_UP_TIMEOUT = 120.0


def _cpus() -> int:
    """CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _spare_cpus(cpus: int) -> int:
    """CPUs not busy with other work: ``cpus`` less the 1-minute load average, counting
    this process (which is checking) as spare. All of them where there is no load
    average."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cpus
    return max(0, min(cpus, int(cpus - load + 1 + 0.5)))


def _batch(
    job: Job,
    sources: Iterable[Input],
    jobs: int | None,
    executor: Executor | None,
    chunksize: int | None,
) -> Iterator[Report]:
    size = chunksize or DEFAULT_CHUNKSIZE
    if executor is None and jobs is None:
        workers = _cpus()
        if workers == 1 or not sendable(job):
            return _in_process(job, iter(sources))
        return _adaptive(job, sources, workers, size)
    workers = jobs if jobs is not None else _cpus()
    if executor is None and workers > 1 and not sendable(job):
        raise ConfigurationError(UNSENDABLE)
    if executor is None and workers == 1:
        return _in_process(job, iter(sources))
    items = (prepare(s, job) for s in sources)
    return Dispatcher(job, executor, workers, size).run(items)


def _in_process(job: Job, sources: Iterator[Input]) -> Iterator[Report]:
    for source in sources:
        yield run_one(job, source)


def _warm_up(job: Job) -> int:
    """The task a new worker runs first: one check of a small valid declaration, so that
    it has compiled the schema and the rules before the batch is handed to it."""
    run_one(job, registry().get(CANONICAL).example)
    return os.getpid()


class _PoolStart:
    """Starts a process pool in a background thread, while the caller goes on working.

    :meth:`take` hands the pool over once every worker has checked the warm-up
    document; until then, or when the start failed, it gives None and the batch simply
    stays in this process.
    """

    def __init__(self, job: Job, workers: int) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._ready = False
        self._abandoned = False
        self._thread = threading.Thread(
            target=self._start, args=(job, workers), name="single-window-pool-start", daemon=True
        )
        self._thread.start()

    def _start(self, job: Job, workers: int) -> None:
        pool: ProcessPoolExecutor | None = None
        try:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())
            futures = [pool.submit(_warm_up, job) for _ in range(workers)]
            done, _ = wait(futures, timeout=WARM_UP_TIMEOUT)
            ok = len(done) == len(futures) and all(f.exception() is None for f in futures)
        except Exception:
            ok = False
        with self._lock:
            if ok and not self._abandoned:
                self._pool, self._ready = pool, True
                return
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def take(self) -> ProcessPoolExecutor | None:
        """The pool once it is ready, handed over (the caller shuts it down); else None."""
        with self._lock:
            if not self._ready:
                return None
            pool, self._pool = self._pool, None
            return pool

    def abandon(self) -> None:
        """Shut the pool down (waiting for a start under way, so no process is left)."""
        with self._lock:
            self._abandoned = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._thread.join()


def _adaptive(job: Job, sources: Iterable[Input], workers: int, size: int) -> Iterator[Report]:
    """The default (``jobs=None``): in-process, and a pool only where it pays.

    The inputs are checked in this process, chunk by chunk, timing each. Once the
    remaining work (the inputs left, from ``len()`` or a look-ahead of
    :data:`LOOKAHEAD` inputs, times the mean time so far) is estimated at more than
    :data:`POOL_AFTER_SECONDS` (or an unsized batch with a full look-ahead has run that
    long), a process pool starts in a background thread while this process goes on
    checking; when its workers are ready the rest of the batch goes to them. So a small
    batch never pays for a pool, and a large one pays for it while work goes on.

    As ``make -l`` does, the pool is sized to the CPUs that are free (the CPUs less the
    load average, this process counted as free) and not started while fewer than two
    are: on a machine busy with other work, more processes would only be slower.
    """
    total = len(sources) if isinstance(sources, Sized) else None
    iterator = iter(sources)
    ahead: deque[Input] = deque()
    done = 0
    busy = 0.0
    start: _PoolStart | None = None
    try:
        while True:
            if total is None:
                ahead.extend(islice(iterator, LOOKAHEAD - len(ahead)))
            chunk = [ahead.popleft() for _ in range(min(size, len(ahead)))] if ahead else []
            if total is not None:
                chunk = list(islice(iterator, size))
            if not chunk:
                return
            pool = start.take() if start is not None else None
            if pool is not None:
                rest = _chain(chunk, ahead, iterator)
                items = (prepare(s, job) for s in rest)
                yield from Dispatcher(job, pool, workers, size, own=True).run(items)
                return
            for source in chunk:
                began = time.perf_counter()
                report = run_one(job, source)
                busy += time.perf_counter() - began
                done += 1
                yield report
            if start is None:
                left = total - done if total is not None else len(ahead)
                # An unsized batch whose look-ahead is full may go on for ever: once it
                # has kept this process busy long enough, it is long enough for a pool.
                endless = total is None and left >= LOOKAHEAD and busy > POOL_AFTER_SECONDS
                if endless or busy / done * left > POOL_AFTER_SECONDS:
                    # Workers help only where CPUs are free: on a machine already busy
                    # with other work they would only add their start-up and traffic.
                    spare = _spare_cpus(workers)
                    if spare >= 2:
                        start = _PoolStart(job, spare)
                        workers = spare
    finally:
        if start is not None:
            start.abandon()


def _chain(*parts: Iterable[Input]) -> Iterator[Input]:
    for part in parts:
        yield from part


def check_many(
    sources: Iterable[Input],
    *,
    countries: str | Iterable[str] | None = None,
    jobs: int | None = None,
    executor: Executor | None = None,
    on: date | datetime | str | None = None,
    schema: SchemaLike = None,
    rules: RuleSet | None = None,
    explain: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    chunksize: int | None = None,
) -> Iterator[Report]:
    """Check many declarations; yield exactly one report per source, in input order.

    The set-up (schema, rule packs, country codes) is checked when this is called;
    the sources are read lazily as the reports are consumed.

    Args:
        sources: Any iterable (read lazily) of sources as :func:`~single_window.check`
            takes them: paths, XML text, bytes, binary file objects or declaration models
            (checked as they are; worker processes get a pickled copy).
        countries: As for :func:`~single_window.check`, for every source.
        jobs: Worker processes. None (the default) runs in this process and starts one
            worker per CPU only when the batch is large enough to pay for them (its
            remaining work estimated at over :data:`POOL_AFTER_SECONDS` seconds); 1
            runs in this process; N always uses N worker processes. With ``executor``
            it only sizes the window of work in flight.
        executor: Any :class:`concurrent.futures.Executor` to run on instead of a
            process pool of our own, e.g. ``distributed.Client(...).get_executor()``.
        on: As for :func:`~single_window.check`.
        schema: As for :func:`~single_window.check`.
        rules: As for :func:`~single_window.check`; custom packs must come from files
            to run in worker processes, and the modules that register the predicates
            they name must be importable there (workers import them by name). With
            the default ``jobs=None`` a rule set that cannot travel runs in-process.
        explain: As for :func:`~single_window.check`.
        limits: Reader limits.
        chunksize: Inputs per task (default 16).

    Returns:
        An iterator of reports. An input whose worker died gets a ``BATCH-WORKER`` error
        finding, one whose check raised a ``BATCH-ERROR`` finding.

    Raises:
        TypeError: when an argument is of the wrong type (``sources`` a single path or
            not iterable, ``countries=123``, ``on=42``, ``jobs="2"``).
        ValueError: when ``on`` is a string that is not an ISO date.
        ConfigurationError: for an unknown country, a pack or schema that does not load,
            or ``jobs``/``chunksize`` below 1.

    Example:
        >>> from single_window import check_many  # doctest: +SKIP
        >>> for report in check_many(["examples/tr-import.xml"], jobs=1):  # doctest: +SKIP
        ...     print(report.source, report.verdict)
    """
    check_batch(sources, jobs, executor, chunksize)
    job = resolve_job("check", countries, on, schema, rules, explain, limits)
    return _batch(job, sources, jobs, executor, chunksize)


def validate_many(
    sources: Iterable[Source],
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    schema: SchemaLike = None,
    limits: Limits = DEFAULT_LIMITS,
    chunksize: int | None = None,
) -> Iterator[Report]:
    """Validate many declarations (read + XSD + normalize, no country rules).

    Like :func:`check_many`, one report per source in input order; each report has no
    ``countries`` and its verdict is ``reject`` exactly when a finding is an error.

    Raises:
        TypeError: when an argument is of the wrong type.
        ConfigurationError: when the schema does not load, or ``jobs``/``chunksize``
            are below 1.
    """
    check_batch(sources, jobs, executor, chunksize)
    job = resolve_job("validate", None, None, schema, None, False, limits)
    return _batch(job, sources, jobs, executor, chunksize)
