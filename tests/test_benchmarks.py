"""The benchmark scripts measure what they say: interleaved rounds, medians, working rows.

No test here times anything: these check the method (order of the rounds, warm-up, the
statistics and ratios) with a fake clock, and that every row of the benchmark runs.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import EXAMPLES, REPO
from lxml import etree

BENCHMARKS = REPO / "tests" / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("sw_bench", BENCHMARKS / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # puts tests/benchmarks on sys.path for its _measure
    yield module
    sys.path[:] = [p for p in sys.path if p != str(BENCHMARKS)]


@pytest.fixture(scope="module")
def measure(bench: ModuleType) -> ModuleType:
    return importlib.import_module("_measure")


def test_rounds_interleave_every_row_and_drop_the_warm_up(measure: ModuleType) -> None:
    calls: list[str] = []
    ticks = iter(range(1000))
    durations = {"A": 1.0, "B": 2.0, "C": 5.0}
    now = [0.0]

    def clock() -> float:
        return now[0]

    def row(name: str) -> Callable[[], None]:
        def work() -> None:
            calls.append(name)
            now[0] += durations[name] * (1 + next(ticks) % 3)  # varies round to round

        return work

    samples = measure.run_rounds(
        {n: row(n) for n in "ABC"}, rounds=4, warmup=2, clock=clock, collect=lambda: None
    )
    assert calls == list("ABC") * 6
    assert {n: len(s) for n, s in samples.items()} == {"A": 4, "B": 4, "C": 4}
    # the first two rounds (six calls) are not counted
    assert samples["A"] == [1.0 * (1 + k % 3) for k in (6, 9, 12, 15)]
    assert samples["C"] == [5.0 * (1 + k % 3) for k in (8, 11, 14, 17)]


def test_collection_runs_before_each_sample_outside_the_clock(measure: ModuleType) -> None:
    events: list[str] = []
    measure.run_rounds(
        {"A": lambda: events.append("work")},
        rounds=2,
        warmup=1,
        clock=lambda: events.append("clock") or 0.0,
        collect=lambda: events.append("collect"),
    )
    assert events == ["collect", "clock", "work", "clock"] * 3


def test_rounds_and_warm_up_must_make_sense(measure: ModuleType) -> None:
    with pytest.raises(ValueError, match="rounds"):
        measure.run_rounds({"A": lambda: None}, rounds=0, warmup=1)


def test_stats_give_the_median_and_quartiles(measure: ModuleType) -> None:
    stats = measure.Stats.of([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (stats.median, stats.q1, stats.q3, stats.n) == (3.0, 2.0, 4.0, 5)
    assert stats.iqr_percent == pytest.approx(200 / 3)
    assert measure.Stats.of([7.0]).median == 7.0


def test_ratios_come_from_medians_of_the_same_rounds(measure: ModuleType) -> None:
    row = [2.0, 4.0, 3.0, 100.0, 3.0]  # one slow outlier does not move the median
    reference = [1.0, 2.0, 1.5, 1.5, 1.5]
    value, q1, q3 = measure.throughput_ratio(row, reference)
    assert value == pytest.approx(1.5 / 3.0)
    assert q1 <= 0.5 <= q3
    # units: 10 items in 2 s against 1 item in 0.1 s is half the rate per item
    assert measure.throughput_ratio([2.0], [0.1], 10, 1)[0] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="different runs"):
        measure.throughput_ratio([1.0, 2.0], [1.0])


def test_verdicts_by_median_then_by_quartiles(measure: ModuleType) -> None:
    assert measure.verdict(0.3, 0.29, 0.31, 0.25) == "met"
    assert measure.verdict(0.24, 0.23, 0.26, 0.25).startswith("within noise")
    assert measure.verdict(0.2, 0.19, 0.21, 0.25) == "NOT MET"
    assert measure.verdict(1.3, 1.2, 1.4, 1.15, below=True) == "NOT MET"
    assert measure.verdict(1.1, 1.0, 1.2, 1.15, below=True) == "met"


def _wco_examples() -> list[Path]:
    """The WCO examples (the peers read WCO only; the NCTS twins are CC015C messages)."""
    return [p for p in sorted(EXAMPLES.glob("*.xml")) if b"ncts.dgtaxud.ec" not in p.read_bytes()]


def test_every_corpus_row_runs_on_the_examples(bench: ModuleType) -> None:
    pytest.importorskip("xsdata", reason="xsdata (the dev extra) is not installed")
    docs = [p.read_bytes() for p in _wco_examples()]
    with bench.corpus_rows(docs) as rows:
        assert {
            bench.CHECK,
            bench.CHECK_NAMED,
            bench.LXML_XSD,
            bench.XMLSCHEMA,
            bench.XSDATA,
        } <= set(rows)
        for work in rows.values():
            work()  # a row that fails on a valid declaration would measure an error path


def test_the_corridor_variant_lodges_a_declaration_in_each_member_in_turn(
    bench: ModuleType,
) -> None:
    import single_window as sw

    # A Kazakh import from Turkiye through Georgia and Azerbaijan: four countries.
    doc = (EXAMPLES / "kz-import.xml").read_bytes()
    before = sw.check(doc)
    for n, member in enumerate(bench.MEMBERS):
        moved = bench.on_corridor(doc, n)
        assert len(moved) == len(doc)  # only two-letter codes change
        report = sw.check(moved, countries=bench.MEMBERS)
        assert report.route[-1] == member  # declared in the n-th member, its destination
        assert set(report.route) <= set(bench.MEMBERS)
        assert len(report.route) == len(before.route)  # the same route, renamed
        roles = {c: v.roles for c, v in report.countries.items() if v.roles}
        assert sorted(map(sorted, roles.values())) == sorted(
            sorted(v.roles) for v in before.countries.values()
        )


def test_xsdata_dataclasses_generated_from_the_profile_parse_the_examples(
    bench: ModuleType, tmp_path: Path
) -> None:
    pytest.importorskip("xsdata", reason="xsdata (the dev extra) is not installed")
    from single_window.schema import bundled_schema_path

    try:
        parse = bench.xsdata_parse(bundled_schema_path(), tmp_path)
        assert parse is not None
        for path in _wco_examples():
            model = parse(path.read_bytes())
            assert type(model).__name__ in ("MetaData", "Declaration"), path
    finally:
        sys.path[:] = [p for p in sys.path if p != str(tmp_path)]
        for name in [m for m in sys.modules if m.startswith(bench.XSDATA_PACKAGE)]:
            del sys.modules[name]


def test_generated_declarations_hold_the_items_and_read_cleanly(bench: ModuleType) -> None:
    import single_window as sw

    doc = bench.big_declaration(100)
    root = etree.fromstring(doc)
    items = root.findall(".//{urn:wco:datamodel:WCO:DEC-DMS:2}GovernmentAgencyGoodsItem")
    assert [i.findtext("{urn:wco:datamodel:WCO:DEC-DMS:2}SequenceNumeric") for i in items] == [
        str(n) for n in range(1, 101)
    ]
    result = sw.validate(doc)
    assert result.ok, [f.rule for f in result.findings]
    assert len(result.declaration.goods_shipment.government_agency_goods_items) == 100


def test_a_cc015c_and_its_wco_twin_hold_the_same_goods_items(bench: ModuleType) -> None:
    import single_window as sw

    if not bench.CC015C_ROWS:
        pytest.skip("the NCTS messages of the shared corpus are absent (set SINGLE_WINDOW_CORPUS)")
    for build in bench.CC015C_ROWS.values():
        cc015c = build(12)
        twin = bench.wco_twin(cc015c)
        read, twin_read = sw.validate(cc015c), sw.validate(twin)
        assert read.ok and twin_read.ok
        assert (read.format, twin_read.format) == ("ncts", "wco")
        ncts_items = read.declaration.goods_shipment.government_agency_goods_items
        wco_items = twin_read.declaration.goods_shipment.government_agency_goods_items
        assert len(ncts_items) == len(wco_items) == 12
        assert [i.commodity_code for i in wco_items] == [i.commodity_code for i in ncts_items]
        # the same transit rules judge both: the same findings, rule by rule
        rules = sorted(f.rule for f in sw.check(cc015c, countries=bench.CC015C_PACKS).findings)
        twin_rules = sorted(f.rule for f in sw.check(twin, countries=bench.CC015C_PACKS).findings)
        assert rules == twin_rules
