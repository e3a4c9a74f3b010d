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
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence, Sized
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from single_window import codes
from single_window._api import SchemaLike, check_limits, resolve_schema, validate
from single_window._check import _normalize_countries, _summary, as_of_date, check, check_rules
from single_window._reader import (
    DEFAULT_LIMITS,
    Limits,
    Source,
    check_source,
    load_bytes,
    source_name,
)
from single_window.errors import ConfigurationError
from single_window.findings import Finding, Report, Severity, Verdict, has_errors
from single_window.formats import CANONICAL, registry
from single_window.rules import RuleSet, load_pack
from single_window.schema import Schema

__all__ = ["BATCH_ERROR", "BATCH_WORKER", "check_many", "validate_many"]

#: Rule id of the finding given to an input whose worker process died.
BATCH_WORKER = codes.BATCH_WORKER
#: Rule id of the finding given to an input whose check raised unexpectedly.
BATCH_ERROR = codes.BATCH_ERROR

#: Inputs sent to a worker in one task (small enough to keep a worker death cheap).
DEFAULT_CHUNKSIZE = 16
#: Chunks in flight per worker: enough to keep every worker busy, few enough to stay flat.
WINDOW_PER_WORKER = 4
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

Mode = Literal["check", "validate"]


@dataclass(frozen=True)
class _RulesRef:
    """A rule set by reference (bundled pack keys and pack files), rebuilt in a worker.

    ``modules`` are the modules that register the custom predicates and identifier
    validators the packs name; a worker imports them before it loads the packs, so that
    the names are known there too.
    """

    packs: tuple[tuple[Literal["bundled", "file"], str], ...]
    modules: tuple[str, ...] = ()

    @classmethod
    def of(cls, rules: RuleSet) -> _RulesRef | None:
        """The reference for a rule set, or None when a pack came from neither."""
        bundled = RuleSet.bundled().packs
        refs: list[tuple[Literal["bundled", "file"], str]] = []
        for key, pack in rules.packs.items():
            if bundled.get(key) is pack:
                refs.append(("bundled", key))
            elif Path(pack.file).is_file():
                refs.append(("file", str(Path(pack.file).resolve())))
            else:
                return None
        return cls(tuple(refs), _registering_modules(rules))

    def load(self) -> RuleSet:
        """Import the registering modules, then load the packs again (in a worker)."""
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception as exc:
                raise ConfigurationError(
                    f"a worker process cannot import {name!r}, which registers predicates "
                    f"or identifier validators the packs use: {exc!r}"
                ) from None
        bundled = RuleSet.bundled().packs
        return RuleSet(
            bundled[value] if kind == "bundled" else load_pack(value) for kind, value in self.packs
        )


def _registering_modules(rules: RuleSet) -> tuple[str, ...]:
    """The importable modules that registered the custom names a rule set uses.

    The library's own registrations are known to every worker already; a ``__main__``
    script cannot be imported by name (process pools run it again in each worker, under
    ``if __name__ == "__main__"`` guards, which registers its predicates there).
    """
    funcs = [
        f for pack in rules.packs.values() for r in pack.rules for f in r.spec.check.registered()
    ]
    modules = {getattr(f, "__module__", None) for f in funcs}
    return tuple(
        sorted(
            m
            for m in modules
            if isinstance(m, str)
            and m not in ("__main__", "__mp_main__")
            and m != "single_window"
            and not m.startswith("single_window.")
        )
    )


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs besides the inputs; pickles small (paths, not objects)."""

    mode: Mode
    countries: tuple[str, ...] | None = None
    on: date | None = None
    schema: Schema | None = None
    rules: RuleSet | _RulesRef | None = None
    explain: bool = False
    limits: Limits = DEFAULT_LIMITS

    def __reduce__(self) -> tuple[Any, ...]:
        rules = self.rules
        if isinstance(rules, RuleSet):
            rules = _RulesRef.of(rules)
            if rules is None:
                raise ConfigurationError(
                    "this rule set has packs that were not loaded from files; "
                    "it cannot be sent to worker processes (use jobs=1)"
                )
        return (
            _Job,
            (self.mode, self.countries, self.on, self.schema, rules, self.explain, self.limits),
        )


@lru_cache(maxsize=16)
def _ruleset(rules: RuleSet | _RulesRef | None) -> RuleSet:
    if rules is None:
        return RuleSet.bundled()
    if isinstance(rules, _RulesRef):
        return rules.load()
    return rules


def _failure(name: str, rule: str, message: str, mode: Mode) -> Report:
    """A rejected report with one error finding; in check mode no rule pack ran."""
    return Report(
        packs=() if mode == "check" else None,
        source=name,
        declaration=None,
        verdict=Verdict.REJECT,
        findings=[Finding(rule=rule, severity=Severity.ERROR, message=message)],
    )


def _not_a_source(source: object, mode: Mode) -> Report | None:
    """A ``BATCH-ERROR`` report for an item that is no kind of source, else None."""
    try:
        check_source(source)
    except TypeError as exc:
        name = f"<{type(source).__name__}>"
        return _failure(name, BATCH_ERROR, f"not a source: {exc}", mode)
    return None


def _run_one(job: _Job, source: Source) -> Report:
    """Check (or validate) one input; never raises except for a set-up error."""
    wrong = _not_a_source(source, job.mode)
    if wrong is not None:
        return wrong
    try:
        if job.mode == "validate":
            result = validate(source, schema=job.schema, limits=job.limits)
            return Report(
                source=result.source,
                declaration=_summary(result.declaration),
                verdict=Verdict.REJECT if has_errors(result.findings) else Verdict.ACCEPT,
                findings=result.findings,
            )
        return check(
            source,
            countries=job.countries,
            on=job.on,
            schema=job.schema,
            rules=_ruleset(job.rules),
            explain=job.explain,
            limits=job.limits,
        )
    except ConfigurationError as exc:
        # Re-raised as the base class: subclasses with their own __init__ do not unpickle.
        raise ConfigurationError(str(exc)) from None
    except Exception as exc:  # one input's crash must not end the batch
        message = f"checking this input raised {exc!r}"
        return _failure(source_name(source), BATCH_ERROR, message, job.mode)


def _run_chunk(job: _Job, sources: Sequence[Source]) -> list[Report]:
    """The task a worker runs: one report per source, in order."""
    return [_run_one(job, s) for s in sources]


@dataclass
class _Slot:
    """Inputs submitted together, their display names, and the future of their reports."""

    sources: list[Source]
    names: list[str | None]
    future: Future[list[Report]] | None


def _done(reports: list[Report]) -> Future[list[Report]]:
    future: Future[list[Report]] = Future()
    future.set_result(reports)
    return future


def _renamed(report: Report, name: str | None) -> Report:
    return report if name is None else report.model_copy(update={"source": name})


def _pool_context() -> Any:
    # forkserver: workers fork from a clean server that has already imported the library
    # (fast start, no fork of a multi-threaded parent); spawn where it is not available.
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["single_window._batch"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Dispatcher:
    """Feeds chunks to an executor, keeps order, and survives dying workers."""

    def __init__(
        self,
        job: _Job,
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
                max_workers=self.workers, mp_context=_pool_context()
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

    def _submit(self, sources: list[Source]) -> Future[list[Report]]:
        try:
            return self._pool().submit(_run_chunk, self.job, sources)
        except ConfigurationError:
            raise
        except Exception as exc:  # a broken or shut-down executor
            future: Future[list[Report]] = Future()
            future.set_exception(exc)
            return future

    def _slot(self, group: list[tuple[Source, str | None, Report | None]]) -> _Slot:
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
                reports.append(_failure(display, BATCH_WORKER, why, self.job.mode))
        return reports

    def run(self, items: Iterator[tuple[Source, str | None, Report | None]]) -> Iterator[Report]:
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
    batch: list[tuple[Source, str | None, Report | None]],
) -> Iterator[list[tuple[Source, str | None, Report | None]]]:
    """Split a chunk so that inputs already answered in this process travel alone."""
    run: list[tuple[Source, str | None, Report | None]] = []
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


def _prepare(source: Source, job: _Job) -> tuple[Source, str | None, Report | None]:
    """What to send for one input: paths and bytes as they are, file objects as bytes.

    Returns the payload, a display name to put on its report (None: the report names it),
    and a report when the input is already answered here (an unreadable file object).
    """
    if isinstance(source, str | os.PathLike | bytes):
        return source, None, None
    if isinstance(source, bytearray | memoryview):
        return bytes(source), None, None
    wrong = _not_a_source(source, job.mode)
    if wrong is not None:
        return source, wrong.source, wrong
    name = source_name(source)
    data, findings = load_bytes(source, job.limits)
    if data is None:
        packs = () if job.mode == "check" else None
        report = Report(source=name, verdict=Verdict.REJECT, findings=findings, packs=packs)
        return source, name, report
    return data, name, None


def _resolve_job(
    mode: Mode,
    countries: str | Iterable[str] | None,
    on: date | datetime | str | None,
    schema: SchemaLike,
    rules: RuleSet | None,
    explain: bool,
    limits: Limits,
) -> _Job:
    """Validate the set-up eagerly (raises TypeError, ValueError or ConfigurationError)
    and build the job."""
    check_limits(limits)
    compiled = resolve_schema(schema)
    ruleset = check_rules(rules) or RuleSet.bundled()
    named = tuple(_normalize_countries(countries, ruleset)) if countries is not None else None
    return _Job(
        mode=mode,
        countries=named,
        on=as_of_date(on),
        schema=compiled,
        rules=None if ruleset is RuleSet.bundled() else ruleset,
        explain=explain,
        limits=limits,
    )


def _check_batch_arguments(
    sources: object, jobs: object, executor: object, chunksize: object
) -> None:
    """Raise TypeError or ConfigurationError for batch arguments that cannot work."""
    if isinstance(sources, str | bytes | bytearray | memoryview | os.PathLike) or not (
        isinstance(sources, Iterable)
    ):
        raise TypeError(
            "sources must be an iterable of sources (a list of paths, bytes or binary "
            f"files), not {type(sources).__name__}; for one source use check or validate"
        )
    for name, value in (("jobs", jobs), ("chunksize", chunksize)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"{name} must be a whole number or None, not {type(value).__name__}")
    if executor is not None and not isinstance(executor, Executor):
        raise TypeError(
            "executor must be a concurrent.futures.Executor (e.g. "
            f"distributed.Client(...).get_executor()), not {type(executor).__name__}"
        )
    if jobs is not None and jobs < 1:  # type: ignore[operator]
        raise ConfigurationError(f"jobs must be at least 1, not {jobs}")
    if chunksize is not None and chunksize < 1:  # type: ignore[operator]
        raise ConfigurationError(f"chunksize must be at least 1, not {chunksize}")


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


def _sendable(job: _Job) -> bool:
    """True when the job can travel to worker processes (its packs came from files)."""
    return not isinstance(job.rules, RuleSet) or _RulesRef.of(job.rules) is not None


def _batch(
    job: _Job,
    sources: Iterable[Source],
    jobs: int | None,
    executor: Executor | None,
    chunksize: int | None,
) -> Iterator[Report]:
    size = chunksize or DEFAULT_CHUNKSIZE
    if executor is None and jobs is None:
        workers = _cpus()
        if workers == 1 or not _sendable(job):
            return _in_process(job, iter(sources))
        return _adaptive(job, sources, workers, size)
    workers = jobs if jobs is not None else _cpus()
    if executor is None and workers > 1 and not _sendable(job):
        raise ConfigurationError(
            "this rule set has packs that were not loaded from files; "
            "it cannot be sent to worker processes (use jobs=1)"
        )
    if executor is None and workers == 1:
        return _in_process(job, iter(sources))
    items = (_prepare(s, job) for s in sources)
    return _Dispatcher(job, executor, workers, size).run(items)


def _in_process(job: _Job, sources: Iterator[Source]) -> Iterator[Report]:
    for source in sources:
        yield _run_one(job, source)


def _warm_up(job: _Job) -> int:
    """The task a new worker runs first: one check of a small valid declaration, so that
    it has compiled the schema and the rules before the batch is handed to it."""
    _run_one(job, registry().get(CANONICAL).example)
    return os.getpid()


class _PoolStart:
    """Starts a process pool in a background thread, while the caller goes on working.

    :meth:`take` hands the pool over once every worker has checked the warm-up
    document; until then, or when the start failed, it gives None and the batch simply
    stays in this process.
    """

    def __init__(self, job: _Job, workers: int) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._ready = False
        self._abandoned = False
        self._thread = threading.Thread(
            target=self._start, args=(job, workers), name="single-window-pool-start", daemon=True
        )
        self._thread.start()

    def _start(self, job: _Job, workers: int) -> None:
        pool: ProcessPoolExecutor | None = None
        try:
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())
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


def _adaptive(job: _Job, sources: Iterable[Source], workers: int, size: int) -> Iterator[Report]:
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
    ahead: deque[Source] = deque()
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
                items = (_prepare(s, job) for s in rest)
                yield from _Dispatcher(job, pool, workers, size, own=True).run(items)
                return
            for source in chunk:
                began = time.perf_counter()
                report = _run_one(job, source)
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


def _chain(*parts: Iterable[Source]) -> Iterator[Source]:
    for part in parts:
        yield from part


def check_many(
    sources: Iterable[Source],
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
            takes them: paths, XML text, bytes or binary file objects.
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
    _check_batch_arguments(sources, jobs, executor, chunksize)
    job = _resolve_job("check", countries, on, schema, rules, explain, limits)
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
    _check_batch_arguments(sources, jobs, executor, chunksize)
    job = _resolve_job("validate", None, None, schema, None, False, limits)
    return _batch(job, sources, jobs, executor, chunksize)
