"""Where ``check`` spends its time, stage by stage, on the shared corpus.

The corpus is moved onto the corridor first, as ``bench.py``'s targets row has it
(``bench.on_corridor``: each declaration lodged in a member country, its other route
countries members too), and checked with the five member packs named; ``--as-is`` takes
the corpus as it is (no member has a role on its British declarations, so the member
packs run no rule).

A script, not a test::

    python tests/benchmarks/profile_check.py              # stage table, 15 rounds
    python tests/benchmarks/profile_check.py --cprofile   # also the hottest functions
    python tests/benchmarks/profile_check.py --rounds 31 --top 40

Options:
    --rounds N    rounds counted for every stage (default 15)
    --warmup N    rounds run first and discarded (default 2)
    --cprofile    also run ``check`` over the corpus under cProfile and list the stage
                  functions' cumulative time and the functions with the most own time
    --top N       functions listed by own time (default 25)
    --passes N    passes over the corpus under cProfile (default 5)
    --as-is       the corpus as it is, not moved onto the corridor

The stages are timed one at a time on the output of the one before (each document read
once beforehand, each tree mapped once beforehand), with the method of ``bench.py``
(``_measure.py``: CPU time, interleaved rounds, warm-up discarded, medians):

    read        the secure read: bytes to an lxml tree (``_reader.read_xml``)
    XSD         validation of the tree against the bundled profile (``Schema.validate``)
    mapping     the tree to the typed model (``_mapping.map_document``)
    rules       the context (route and roles, dates) and the plan of the five member
                packs (``Context.of`` + ``Plan.evaluate``)
    pipeline    the four stages above one document at a time, as check runs them,
                without building a report: what it costs beyond the sum of the four is
                the price of running them in turn (caches, memory) rather than each
                over the whole corpus in a tight loop
    check       the whole ``single_window.check`` with the five packs named; what it
                costs beyond the pipeline is the report object and the glue
    render      the reports written in the text format (what the command line adds)

These are internals (their names may move): the script is a tool for finding the cost,
not part of the contract. cProfile adds a cost to every Python call, so its figures
inflate the Python stages against those in C (parsing, XSD); read the shares from the
stage table, and the hot spots within a stage from the profile.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the measuring core and corpus beside this script
    sys.path.insert(0, str(HERE))
from _measure import Stats, header, load, run_rounds  # noqa: E402
from bench import CORPUS, MEMBERS, corpus, on_corridor  # noqa: E402

#: Functions whose cumulative time is a stage, as cProfile names them (file, function).
STAGE_FUNCTIONS = {
    "read": ("_reader.py", "read_xml"),
    "XSD": ("schema.py", "validate"),
    "mapping": ("_mapping.py", "map_document"),
    "context": ("_context.py", "of"),
    "rules": ("_engine.py", "evaluate"),
    "check": ("_check.py", "check"),
}


def stage_rows(docs: list[bytes]) -> dict[str, Callable[[], object]]:
    """One row per stage, each over every document, on inputs prepared beforehand."""
    import single_window as sw
    from single_window._reader import read_xml
    from single_window.formats.wco._mapping import map_document
    from single_window.reporters import write_reports
    from single_window.rules import RuleSet
    from single_window.rules._context import Context
    from single_window.schema import load_schema

    schema = load_schema(None)
    rules = RuleSet.bundled()
    plan = rules.plan(MEMBERS)
    roots = [read_xml(doc).root for doc in docs]
    assert all(root is not None for root in roots)
    decls = [map_document(root)[0] for root in roots]
    reports = [sw.check(doc, countries=MEMBERS) for doc in docs]

    def read() -> None:
        for doc in docs:
            read_xml(doc)

    def xsd() -> None:
        for root in roots:
            schema.validate(root)

    def mapping() -> None:
        for root in roots:
            map_document(root)

    def evaluate() -> None:
        for decl in decls:
            assert decl is not None
            ctx = Context.of(decl, zones=rules.zone)
            plan.evaluate(ctx)

    def pipeline() -> None:
        for doc in docs:
            root = read_xml(doc).root
            assert root is not None
            schema.validate(root)
            decl = map_document(root)[0]
            assert decl is not None
            plan.evaluate(Context.of(decl, zones=rules.zone))

    def check() -> None:
        for doc in docs:
            sw.check(doc, countries=MEMBERS)

    def render() -> None:
        write_reports("text", reports, io.StringIO())

    return {
        "read": read,
        "XSD": xsd,
        "mapping": mapping,
        "rules": evaluate,
        "pipeline": pipeline,
        "check": check,
        "render": render,
    }


def stage_table(docs: list[bytes], rounds: int, warmup: int) -> None:
    """Measure and print the cost of each stage per document and its share of check."""
    rows = stage_rows(docs)
    header(f"stages of check, {len(docs)} corpus declarations", rounds, warmup, "CPU time")
    samples = run_rounds(rows, rounds, warmup)
    medians = {name: Stats.of(times).median for name, times in samples.items()}
    whole = medians["check"]
    print(f"  {'stage':34} {'us/doc':>8} {'IQR':>7} {'share of check':>15}")

    def line(name: str, seconds: float, iqr: str = "") -> None:
        share = seconds / whole * 100
        print(f"  {name:34} {seconds / len(docs) * 1e6:8.1f} {iqr:>7} {share:14.1f}%")

    for name, times in samples.items():
        line(name, medians[name], f"{Stats.of(times).iqr_percent:.1f}%")
    parts = sum(medians[s] for s in ("read", "XSD", "mapping", "rules"))
    line("pipeline beyond the four stages", medians["pipeline"] - parts)
    line("check beyond the pipeline", whole - medians["pipeline"])


def profile(docs: list[bytes], top: int, passes: int) -> None:
    """Run check over the corpus under cProfile; print stage and hottest functions."""
    import single_window as sw

    for doc in docs[:3]:
        sw.check(doc, countries=MEMBERS)  # compile outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        for doc in docs:
            sw.check(doc, countries=MEMBERS)
    profiler.disable()
    stats = pstats.Stats(profiler)
    table = stats.stats  # type: ignore[attr-defined]

    def cumulative(file: str, func: str) -> float:
        return float(
            sum(
                ct
                for (path, _, name), (_, _, _, ct, _) in table.items()
                if path.endswith(file) and name == func
            )
        )

    total = cumulative(*STAGE_FUNCTIONS["check"])
    print(f"\ncProfile: check, {passes} passes over {len(docs)} documents (cumulative time)")
    for stage, (file, func) in STAGE_FUNCTIONS.items():
        spent = cumulative(file, func)
        print(f"  {stage:10} {spent * 1000:8.1f} ms  {spent / total * 100:5.1f}%")
    print(f"\nfunctions with the most own time (top {top})")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def main(argv: list[str]) -> int:
    """Print the stage table (and the profile when asked); 2 when the corpus is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--as-is", action="store_true", help="not moved onto the corridor")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"test corpus not found at {CORPUS}: run scripts/fetch_corpus.py", file=sys.stderr)
        return 2
    docs = corpus()
    if not args.as_is:
        docs = [on_corridor(doc, n) for n, doc in enumerate(docs)]
    print(load())
    stage_table(docs, args.rounds, args.warmup)
    if args.cprofile:
        profile(docs, args.top, args.passes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
