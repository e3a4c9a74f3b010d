"""Batch throughput benchmark: the default ``-j`` against one and two workers, in one run.

A script, not a test::

    python tests/benchmarks/bench_batch.py               # the 308 corpus files, 9 rounds
    python tests/benchmarks/bench_batch.py --repeat 10   # 3,080 files: the 2-worker ratio
    python tests/benchmarks/bench_batch.py --via api     # only the in-process table

Options:
    --repeat N        passes over the corpus in one batch (default 1: the 308 files)
    --rounds N        rounds counted for every row (default 9)
    --warmup N        rounds run first and discarded (default 1)
    --via NAME        cli (fresh ``single-window check`` processes) or api (``check_many``
                      in this process, warm); repeatable, default both
    --countries LIST  passed on as ``--countries`` / ``countries=`` (default: each
                      declaration's own route)
    --json FILE       write the samples of every row (seconds) to FILE

Rows, for each way in: the default (no ``-j``, ``jobs=None``: in-process until the batch
looks big enough to pay for a pool), ``-j 1`` (in-process) and ``-j 2`` (a pool of two
workers, started inside the timed region, as a user pays for it).

cli: ``single-window check -q --no-progress [-j N] FILES...`` run as a fresh process per
    sample, its report sent to /dev/null: what a user of the command waits for, start-up
    and the first document's compilation included.
api: ``check_many(files, jobs=N)`` consumed to the end in this process, after one
    ``check`` has compiled the schema and rules (a long-running caller).

Method (``_measure.py`` beside this file): the rows take turns in every round (A, B, C,
A, B, C, ...) for the same number of rounds, warm-up rounds discarded. Work spread over
several processes is timed in wall time (``time.perf_counter``), since CPU time would
miss the workers (they are children of a fork server, so their CPU time reaches no
process this benchmark can read). Each row gives its median and interquartile range;
ratios are ratios of medians of the same run.
DESIGN.md's targets: the default never slower than ``-j 1``; two workers at least 1.7x
one (meaningful only with at least two idle cores, and on a batch big enough to pay for
starting the pool: use ``--repeat 10``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the measuring core beside this script
    sys.path.insert(0, str(HERE))
from _measure import (  # noqa: E402
    Command,
    Stats,
    header,
    load,
    run_rounds,
    throughput_ratio,
    verdict,
)

REPO = HERE.parents[1]
#: The test corpus, found as tests/conftest.py finds it.
CORPUS = (
    Path(os.environ.get("SINGLE_WINDOW_CORPUS") or REPO.parent / "shared" / "corpus")
    / "hmrc-cds"
    / "declarations"
)
#: Worker counts of the rows; None is the default (no ``-j``).
JOBS: tuple[int | None, ...] = (None, 1, 2)


def corpus() -> list[str]:
    """Every corpus declaration path (*.xml in any letter case), sorted."""
    return sorted(str(p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")


def label(via: str, jobs: int | None) -> str:
    """The row name for a way in and a worker count."""
    return f"{via} {'default -j' if jobs is None else f'-j {jobs}'}"


def batch(files: list[str], jobs: int | None, countries: list[str] | None) -> Callable[[], None]:
    """``check_many`` over the files in this process: one sample is one whole batch."""
    from single_window import check_many

    def work() -> None:
        count = sum(1 for _ in check_many(files, jobs=jobs, countries=countries))
        assert count == len(files)

    return work


def rows(
    via: str, files: list[str], countries: list[str] | None
) -> dict[str, Callable[[], object]]:
    """The rows of one table, by name."""
    if via == "api":
        return {label(via, n): batch(files, n, countries) for n in JOBS}
    script = Path(sys.executable).parent / "single-window"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "single_window"]
    base += ["check", "-q", "--no-progress"]
    if countries is not None:
        base += ["--countries", ",".join(countries)]
    # exit 1 means some declaration was rejected: the run itself went well
    return {
        label(via, n): Command([*base, *([] if n is None else ["-j", str(n)]), *files], ok=(0, 1))
        for n in JOBS
    }


def table(
    via: str, files: list[str], countries: list[str] | None, rounds: int, warmup: int
) -> dict[str, list[float]]:
    """Measure and print one table; its samples."""
    header(
        f"{via}: {len(files)} documents per sample, {os.cpu_count()} CPUs",
        rounds,
        warmup,
        "wall time",
    )
    samples = run_rounds(rows(via, files, countries), rounds, warmup, clock=time.perf_counter)
    one = samples[label(via, 1)]
    print(f"  {'row':18} {'median':>10} {'IQR':>7} {'docs/s':>8} {'vs -j 1':>22}")
    for name, times in samples.items():
        stats = Stats.of(times)
        r, q1, q3 = throughput_ratio(times, one)
        print(
            f"  {name:18} {stats.median * 1000:8.0f}ms {stats.iqr_percent:6.1f}% "
            f"{len(files) / stats.median:8.0f} {f'{r:.3f} [{q1:.3f}-{q3:.3f}]':>22}"
        )
    default = throughput_ratio(samples[label(via, None)], one)
    print(
        f"  default / -j 1 = {default[0]:.3f} [{default[1]:.3f}-{default[2]:.3f}] "
        f"(target >= 1: {verdict(*default, goal=1.0)})"
    )
    two = throughput_ratio(samples[label(via, 2)], one)
    print(
        f"  -j 2 / -j 1 = {two[0]:.3f} [{two[1]:.3f}-{two[2]:.3f}] "
        "(target >= 1.7 on a batch that pays for the pool)"
    )
    return samples


def main() -> int:
    """Run the tables the options name; 2 when the corpus is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    parser.add_argument("--rounds", type=int, default=9, help="rounds counted for every row")
    parser.add_argument("--warmup", type=int, default=1, help="rounds discarded first")
    parser.add_argument("--via", action="append", choices=["cli", "api"])
    parser.add_argument("--countries", help="comma-separated country codes")
    parser.add_argument("--json", metavar="FILE", help="write every sample here")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(
            f"test corpus not found at {CORPUS}: run scripts/fetch_corpus.py",
            file=sys.stderr,
        )
        return 2
    files = corpus() * args.repeat
    countries = args.countries.split(",") if args.countries else None
    from single_window import check

    check(files[0])  # compile the schema and rules once, as a long-running caller would
    print(f"{len(files)} documents ({args.repeat} x corpus); {load()}")
    results = {
        via: table(via, files, countries, args.rounds, args.warmup)
        for via in args.via or ["cli", "api"]
    }
    print(f"\nend: {load()}")
    if args.json:
        setup = {"rounds": args.rounds, "warmup": args.warmup, "repeat": args.repeat}
        Path(args.json).write_text(json.dumps({"setup": setup, "samples": results}, indent=1))
    return 0


if __name__ == "__main__":  # worker processes import the main module; run only once
    sys.exit(main())
