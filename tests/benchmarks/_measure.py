"""Measuring core shared by the benchmark scripts: interleaved rounds, medians, spreads.

The method, for every row of every benchmark:

- **Interleaved rounds.** Each round runs every row once, in a fixed order (A, B, C, A,
  B, C, ...), so a slow spell of the machine (other processes, frequency changes) falls
  on every row alike instead of on whichever row happened to run then.
- **The same number of rounds for every row**, peers included.
- **Warm-up rounds discarded.** The first ``warmup`` rounds fill caches (compiled
  schemas, rule plans, class metadata, the CPU's own caches) and are not counted.
- **CPU time for work in this process** (:func:`time.process_time`): time the process
  spends waiting while another one runs is not counted, so the load of other work on the
  machine inflates the figures far less than wall time. Work done in other processes
  (a command started fresh, a pool of workers) is timed in wall time, and the CPU time
  of the children is reported beside it.
- **The garbage of one sample is not charged to the next**: a full collection runs
  before each sample, outside the timed region.
- **The median, with its spread.** Each row reports the median of its samples and the
  interquartile range (the middle half of the samples); a ratio between two rows is the
  ratio of their medians, and its spread is the interquartile range of the ratios of the
  two rows within each round (rows of one round ran side by side).
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

try:
    import resource
except ImportError:  # not on Windows: children's CPU time is then not reported
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Stats:
    """The median and quartiles of one row's samples (seconds per sample)."""

    median: float
    q1: float
    q3: float
    n: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        """The statistics of ``samples`` (at least one)."""
        if not samples:
            raise ValueError("no samples")
        if len(samples) == 1:
            only = samples[0]
            return cls(only, only, only, 1)
        q1, median, q3 = statistics.quantiles(samples, n=4, method="inclusive")
        return cls(median, q1, q3, len(samples))

    @property
    def iqr_percent(self) -> float:
        """The interquartile range as a percentage of the median."""
        return 100 * (self.q3 - self.q1) / self.median if self.median else 0.0


def run_rounds(
    rows: dict[str, Callable[[], object]],
    rounds: int,
    warmup: int,
    clock: Callable[[], float] = time.process_time,
    collect: Callable[[], object] = gc.collect,
) -> dict[str, list[float]]:
    """Time every row in interleaved rounds; the seconds of each counted sample, by row.

    Args:
        rows: A function per row, each doing one sample's work; called in this order in
            every round.
        rounds: Rounds counted (every row gets exactly this many samples).
        warmup: Rounds run first and discarded.
        clock: The clock read before and after each sample (CPU time of this process
            by default; :func:`time.perf_counter` for wall time).
        collect: Run before each sample, outside the timed region (a full garbage
            collection by default).
    """
    if rounds < 1 or warmup < 0:
        raise ValueError("rounds must be at least 1 and warmup at least 0")
    samples: dict[str, list[float]] = {name: [] for name in rows}
    for n in range(warmup + rounds):
        for name, work in rows.items():
            collect()
            start = clock()
            work()
            elapsed = clock() - start
            if n >= warmup:
                samples[name].append(elapsed)
    return samples


def throughput_ratio(
    row: Sequence[float],
    reference: Sequence[float],
    row_units: int = 1,
    reference_units: int = 1,
) -> tuple[float, float, float]:
    """The throughput of ``row`` as a multiple of that of ``reference``.

    Both are the sample times of the same rounds; a sample of ``row`` does ``row_units``
    units of work (documents, goods items), one of ``reference`` ``reference_units``.
    Returns the ratio of the rates at the two medians, then the first and third
    quartiles of the same ratio taken round by round.
    """
    if len(row) != len(reference):
        raise ValueError("rows measured in different runs cannot be compared")
    per_round = Stats.of(
        [(row_units / r) / (reference_units / f) for r, f in zip(row, reference, strict=True)]
    )
    at_medians = (row_units / Stats.of(row).median) / (reference_units / Stats.of(reference).median)
    return at_medians, per_round.q1, per_round.q3


def verdict(value: float, q1: float, q3: float, goal: float, below: bool = False) -> str:
    """Whether a measured ratio meets its goal (at least ``goal``; at most when ``below``).

    "met" or "NOT MET" by the median; "within noise" when the median misses the goal
    but the interquartile range of the per-round values reaches it.
    """
    if (value <= goal) if below else (value >= goal):
        return "met"
    if (q1 <= goal) if below else (q3 >= goal):
        return "within noise (median misses, quartiles reach it)"
    return "NOT MET"


class Command:
    """A command run as a fresh process: one sample is one run, timed in wall time.

    Each run also appends the CPU time (user + system) of the command and of the
    processes it waited for to :attr:`cpu`, read from the children's resource usage; an
    exit status not in ``ok`` raises.
    """

    def __init__(self, argv: Sequence[str], ok: Sequence[int] = (0,)) -> None:
        self.argv = list(argv)
        self.ok = tuple(ok)
        self.cpu: list[float] = []

    def __call__(self) -> None:
        before = children_cpu()
        done = subprocess.run(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.cpu.append(children_cpu() - before)
        if done.returncode not in self.ok:
            raise RuntimeError(
                f"{self.argv[:3]}... exited {done.returncode}: {done.stderr.decode()[-500:]}"
            )


def children_cpu() -> float:
    """CPU seconds (user + system) used so far by the children this process waited for."""
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, as ``uptime`` shows them."""
    try:
        import os

        one, five, fifteen = os.getloadavg()
    except (AttributeError, OSError):
        return "load average unknown"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def header(title: str, rounds: int, warmup: int, clock: str) -> None:
    """Print what a table measured and how."""
    print(f"\n{title}")
    print(
        f"  {rounds} interleaved rounds after {warmup} warm-up, {clock}; "
        f"median and interquartile range; {load()}; Python {sys.version.split()[0]}"
    )
