"""Batch throughput benchmark: ``check_many`` with one worker against two, in one run.

A script, not a test: ``python tests/benchmarks/bench_batch.py [--repeat N] [--rounds N]``.
Feeds the shared corpus (repeated ``--repeat`` times, as paths) to
``check_many(jobs=1)`` (in-process) and ``check_many(jobs=2)`` (a process pool, started
inside the timed region, as a user of the CLI would pay for it), taking turns, best of
``--rounds``, and prints docs/s for each and the ratio. DESIGN.md's target is a ratio
of at least 1.7. The ratio is only meaningful on an otherwise idle machine with at least
two cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: The test corpus, found as tests/conftest.py finds it.
CORPUS = (
    Path(os.environ.get("SINGLE_WINDOW_CORPUS") or REPO.parent / "shared" / "corpus")
    / "hmrc-cds"
    / "declarations"
)


def corpus() -> list[str]:
    """Every corpus declaration path (*.xml in any letter case), sorted."""
    return sorted(str(p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")


def rates(files: list[str], jobs: tuple[int, ...], rounds: int) -> dict[int, float]:
    """Documents per second of check_many over ``files`` for each job count, best of
    ``rounds``; the job counts take turns within each round, so a slow spell of the
    machine falls on all of them alike."""
    from single_window._batch import check_many

    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(rounds):
        for n in jobs:
            start = time.perf_counter()
            count = sum(1 for _ in check_many(files, jobs=n))
            best[n] = min(best[n], time.perf_counter() - start)
            assert count == len(files)
    return {n: len(files) / seconds for n, seconds in best.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="passes over the corpus")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(
            f"test corpus not found at {CORPUS}: run scripts/fetch_corpus.py",
            file=sys.stderr,
        )
        return 2
    files = corpus() * args.repeat
    from single_window import check

    check(files[0])  # compile the schema and rules once, as a long-running caller would
    print(f"{len(files)} documents ({args.repeat} x corpus), {os.cpu_count()} CPUs")
    measured = rates(files, (1, 2), args.rounds)
    one, two = measured[1], measured[2]
    print(f"check_many jobs=1   {one:9.1f} docs/s")
    print(f"check_many jobs=2   {two:9.1f} docs/s")
    print(f"ratio jobs=2/jobs=1 {two / one:9.2f}  (target >= 1.7)")
    return 0


if __name__ == "__main__":  # worker processes import the main module; run only once
    sys.exit(main())
