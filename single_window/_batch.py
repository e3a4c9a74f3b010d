"""Batch checking: many declarations, exactly one :class:`Report` each, in input order.

:func:`check_many` streams: it reads the sources lazily, keeps a bounded window of work
in flight and yields each report as soon as it and every report before it are ready, so
memory stays flat however many inputs there are.

By default (``jobs=None``) a batch runs in this process and a process pool, one worker
per free CPU, is started only when the rest of the batch is large enough to pay for it
(judged from the typical time of an input, not from the first ones, which compile the
schema and the rules): the pool starts in the background while this process goes on
checking, and takes over the rest once its workers are ready (see :func:`_adaptive`);
a pool still starting when the batch ends is ended without being waited for. So the
default is never slower than one worker. ``jobs=1`` runs in-process, ``jobs=N`` always
uses N worker processes, and any :class:`concurrent.futures.Executor` can be passed
instead (a Dask distributed client's ``client.get_executor()`` runs the batch on a
cluster). Paths travel to the workers, not bytes; each worker of a pool of our own
checks a small declaration when it starts, so that it has compiled the schema and the
rule set before it takes the first input, and reuses them.

Anything wrong with an input or its source is a finding in that input's report, never
an exception out of the iterator; an item that is no kind of source (``None``, a number)
gets a ``BATCH-ERROR`` report. A worker that dies (a segfault, the OOM killer) costs
only the input it was working on (inputs run in this process - ``jobs=1``, and the
start of a default batch - have no such protection):
the pool is rebuilt, the other inputs that were in flight are run again one at a time to
find the one that kills its worker, and that input gets a report with a ``BATCH-WORKER``
error. A caller's executor that refuses work or returns nothing for ``timeout``
seconds is given up: every input it has not reported gets a ``BATCH-WORKER`` report at
once, so a closed Dask client never hangs the batch. An unexpected exception while
checking one input gives that input a ``BATCH-ERROR`` report. Configuration errors (an
unknown country, a broken pack) are raised when :func:`check_many` is called, before any
input is read.

Here: the public functions and the choice of where a batch runs (in this process, a
pool started when it pays, or an executor). What a worker runs is in
:mod:`single_window._jobs`; how chunks are fed to an executor in order, surviving dying
workers, in :mod:`single_window._dispatch`.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Executor, ProcessPoolExecutor, wait
from datetime import date, datetime
from itertools import islice

from single_window._api import SchemaLike
from single_window._arguments import check_batch
from single_window._dispatch import EXECUTOR_TIMEOUT, Dispatcher, discard, new_pool
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
from single_window._lang import DEFAULT_LANG
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
#: The most recent per-input times the estimate of the remaining work is taken from.
TIMES_KEPT = 256
#: Seconds over which the idle time of the CPUs is measured before a pool is started.
IDLE_SAMPLE_SECONDS = 0.1

#: The clock inputs and idle CPUs are timed with (a seam for tests).
_clock = time.perf_counter


def _cpus() -> int:
    """CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _spare_cpus(cpus: int) -> int:
    """CPUs not busy with other work: ``cpus`` less the 1-minute load average, counting
    this process (which is checking) as spare. All of them where there is no load
    average. Used only where the idle time of the CPUs cannot be read."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cpus
    return max(0, min(cpus, int(cpus - load + 1 + 0.5)))


def _idle_seconds() -> float | None:
    """Idle time so far of the CPUs this process may run on, summed (seconds), from
    ``/proc/stat``; None where it cannot be read (not Linux)."""
    try:
        allowed = {f"cpu{n}" for n in os.sched_getaffinity(0)}
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/stat", "rb") as stat:
            lines = stat.read().decode("ascii", "replace").splitlines()
    except (AttributeError, OSError, ValueError):
        return None
    idle, seen = 0, 0
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[0] in allowed and (fields[4] + fields[5]).isdigit():
            idle += int(fields[4]) + int(fields[5])  # idle, and waiting for I/O
            seen += 1
    # A file that does not list these CPUs (a container's own view) tells nothing.
    return idle / ticks if seen and ticks > 0 else None


class _Idle:
    """The CPUs free for a pool, from the idle time of the CPUs since it was last asked.

    The 1-minute load average would also count work that is over (a batch that just
    ended, this batch's own pool of a moment ago) and miss work that just began; the
    idle time measured while this process checks says what is free now. Where it cannot
    be read, the load average is the fall-back.
    """

    def __init__(self, cpus: int) -> None:
        self.cpus = cpus
        self._since = _clock()
        self._idle = _idle_seconds()

    def spare(self) -> int | None:
        """CPUs free, this process counted as free (it hands its work over to the pool);
        None until the idle time has been measured for long enough."""
        if self._idle is None:
            return _spare_cpus(self.cpus)
        now = _clock()
        if now - self._since < IDLE_SAMPLE_SECONDS:
            return None
        idle = _idle_seconds()
        if idle is None:
            return _spare_cpus(self.cpus)
        free = (idle - self._idle) / (now - self._since) + 1
        self._since, self._idle = now, idle
        return max(0, min(self.cpus, int(free + 0.5)))


def _batch(
    job: Job,
    sources: Iterable[Input],
    jobs: int | None,
    executor: Executor | None,
    chunksize: int | None,
    timeout: float | None = EXECUTOR_TIMEOUT,
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
    warm_up = _warm_up_document() if executor is None else None
    dispatcher = Dispatcher(job, executor, workers, size, timeout=timeout, warm_up=warm_up)
    return dispatcher.run(items)


def _in_process(job: Job, sources: Iterator[Input]) -> Iterator[Report]:
    for source in sources:
        yield run_one(job, source)


def _warm_up_document() -> bytes:
    """A small valid declaration each new worker checks once, so that it has compiled the
    schema and the rules before the batch is handed to it: the canonical format's example."""
    return registry().get(CANONICAL).example


def _ready() -> int:
    """The task that tells a new worker is up (its initializer, the warm-up, has run)."""
    return os.getpid()


class _PoolStart:
    """Starts a process pool in a background thread, while the caller goes on working.

    :meth:`take` hands the pool over once its workers have checked the warm-up document;
    until then, or when the start failed, it gives None and the batch simply stays in
    this process. :meth:`abandon` never waits: a pool still starting is ended at once.
    """

    def __init__(self, job: Job, workers: int) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._starting: ProcessPoolExecutor | None = None
        self._ready = False
        self._abandoned = False
        self._thread = threading.Thread(
            target=self._start, args=(job, workers), name="single-window-pool-start", daemon=True
        )
        self._thread.start()

    def _start(self, job: Job, workers: int) -> None:
        pool: ProcessPoolExecutor | None = None
        try:
            pool = new_pool(job, workers, _warm_up_document())
            # Submitting starts the workers, and the pool is locked while it does (the
            # first start of a process's pool also starts the fork server): only then
            # is the pool shown to abandon(), which must never wait.
            futures = [pool.submit(_ready) for _ in range(workers)]
        except Exception:
            if pool is not None:
                discard(pool)
            return
        with self._lock:
            abandoned = self._abandoned
            if not abandoned:
                self._starting = pool
        if abandoned:
            discard(pool)
            return
        try:
            done, _ = wait(futures, timeout=WARM_UP_TIMEOUT)
            ok = len(done) == len(futures) and all(f.exception() is None for f in futures)
        except Exception:
            ok = False
        with self._lock:
            self._starting = None
            if ok and not self._abandoned:
                self._pool, self._ready = pool, True
                return
        discard(pool)

    def take(self) -> ProcessPoolExecutor | None:
        """The pool once it is ready, handed over (the caller shuts it down); else None."""
        with self._lock:
            if not self._ready:
                return None
            pool, self._pool = self._pool, None
            return pool

    def abandon(self) -> None:
        """End the pool, ready or still starting, without waiting for it."""
        with self._lock:
            self._abandoned = True
            pool = self._pool or self._starting
            self._pool = self._starting = None
        if pool is not None:
            discard(pool)


def _worth_a_pool(times: deque[float], done: int, busy: float, left: int, unsized: bool) -> bool:
    """Whether the remaining work would keep this process busy long enough to pay for a
    pool: the inputs left times the median time of the recent ones. The median, not the
    mean: the first inputs also compile the schema, the rules and a plan per route, which
    the rest do not repeat and which would inflate a mean."""
    # An unsized batch whose look-ahead is full may go on for ever: once it has kept
    # this process busy long enough, it is long enough for a pool.
    if unsized and left >= LOOKAHEAD and busy > POOL_AFTER_SECONDS:
        return True
    # The mean first, being cheap: where even it says no, so does the median, but for
    # inputs mostly slower than a few fast ones, where saying no errs on the safe side.
    if busy / done * left <= POOL_AFTER_SECONDS:
        return False
    return statistics.median(times) * left > POOL_AFTER_SECONDS


def _adaptive(job: Job, sources: Iterable[Input], workers: int, size: int) -> Iterator[Report]:
    """The default (``jobs=None``): in-process, and a pool only where it pays.

    The inputs are checked in this process, chunk by chunk, timing each. Once the
    remaining work (the inputs left, from ``len()`` or a look-ahead of
    :data:`LOOKAHEAD` inputs, times the median time of the recent inputs) is estimated
    at more than :data:`POOL_AFTER_SECONDS` (or an unsized batch with a full look-ahead
    has run that long), a process pool starts in a background thread while this process
    goes on checking; when its workers are ready the rest of the batch goes to them. So
    a small batch never pays for a pool, and a large one pays for it while work goes on;
    a pool still starting when the batch ends is ended without waiting for it.

    As ``make -l`` does, the pool is sized to the CPUs that are free (measured from
    their idle time while this process checks, this process counted as free) and not
    started while fewer than two are: on a machine busy with other work, more processes
    would only be slower.
    """
    total = len(sources) if isinstance(sources, Sized) else None
    iterator = iter(sources)
    ahead: deque[Input] = deque()
    times: deque[float] = deque(maxlen=TIMES_KEPT)
    done = 0
    busy = 0.0
    idle = _Idle(workers)
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
                began = _clock()
                report = run_one(job, source)
                took = _clock() - began
                busy += took
                times.append(took)
                done += 1
                yield report
            if start is None:
                left = total - done if total is not None else len(ahead)
                if _worth_a_pool(times, done, busy, left, total is None):
                    spare = idle.spare()
                    if spare is not None and spare >= 2:
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
    timeout: float | None = EXECUTOR_TIMEOUT,
    lang: str | None = DEFAULT_LANG,
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
            worker per free CPU only when the batch is large enough to pay for them (its
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
        timeout: With ``executor``, the longest wait in seconds for it to return the next
            chunk of reports (default 300; None: no bound). An executor that returns
            nothing for that long, or that refuses work (shut down, a closed Dask
            client, noticed within seconds), is given up: the inputs it has not
            reported and every input after them get a ``BATCH-WORKER`` report at once,
            and nothing more is sent to it. Set it above the longest a chunk can take.

    Returns:
        An iterator of reports. An input whose worker died, or that a given-up executor
        did not run, gets a ``BATCH-WORKER`` error finding, one whose check raised a
        ``BATCH-ERROR`` finding.

    Raises:
        TypeError: when an argument is of the wrong type (``sources`` a single path or
            not iterable, ``countries=123``, ``on=42``, ``jobs="2"``).
        ValueError: when ``on`` is a string that is not an ISO date, or ``lang`` names a
            language the library has no messages in.
        ConfigurationError: for an unknown country, a pack or schema that does not load,
            ``jobs``/``chunksize`` below 1 or ``timeout`` not above 0.

    Example:
        Worker processes import the main module again where a process starts by spawning
        (Windows, macOS), so a script keeps its batch under ``if __name__ ==
        "__main__":``, or every worker would start a batch of its own:

        >>> import single_window as sw
        >>> if __name__ == "__main__":  # doctest: +SKIP
        ...     for report in sw.check_many(["examples/tr-import.xml"], jobs=2):
        ...         print(report.source, report.verdict.value)
        examples/tr-import.xml accept
    """
    check_batch(sources, jobs, executor, chunksize, timeout)
    job = resolve_job("check", countries, on, schema, rules, explain, limits, lang)
    return _batch(job, sources, jobs, executor, chunksize, timeout)


def validate_many(
    sources: Iterable[Source],
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    schema: SchemaLike = None,
    limits: Limits = DEFAULT_LIMITS,
    chunksize: int | None = None,
    timeout: float | None = EXECUTOR_TIMEOUT,
    lang: str | None = DEFAULT_LANG,
) -> Iterator[Report]:
    """Validate many declarations (read + XSD + normalize, no country rules).

    Like :func:`check_many`, one report per source in input order; each report has no
    ``countries`` and its verdict is ``reject`` exactly when a finding is an error.
    ``lang`` is the language of the reports' texts.

    Raises:
        TypeError: when an argument is of the wrong type.
        ValueError: when ``lang`` names a language the library has no messages in.
        ConfigurationError: when the schema does not load, ``jobs``/``chunksize`` are
            below 1 or ``timeout`` is not above 0.
    """
    check_batch(sources, jobs, executor, chunksize, timeout)
    job = resolve_job("validate", None, None, schema, None, False, limits, lang)
    return _batch(job, sources, jobs, executor, chunksize, timeout)
