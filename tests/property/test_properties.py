"""Properties of the library itself, driven by single_window.testing strategies."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from _helpers import breakable_rule_ids, verdict_matches_errors, without_item
from hypothesis import given
from hypothesis import strategies as st

import single_window as sw
from single_window._lexical import (
    format_decimal,
    format_wco_datetime,
    normalize_code,
    normalize_text,
    parse_decimal,
    parse_wco_datetime,
)
from single_window.rules import RuleSet, load_pack, predicate
from single_window.rules._catalog import PREDICATES
from single_window.testing import KINDS, broken_xml, declaration_xml, declarations, violating

BUNDLED = RuleSet.bundled()
RULE_IDS = breakable_rule_ids(BUNDLED)
ITEM_RULES = sorted(
    spec.id for pack in BUNDLED.packs.values() for spec in pack.specs if spec.scope == "item"
)

violations = st.sampled_from(RULE_IDS).flatmap(violating)
#: Valid declarations of every kind: imports, exports and transit declarations.
valid = declaration_xml(kinds=KINDS)
anything = st.one_of(
    st.binary(max_size=2000),
    valid,
    violations,
    broken_xml(),
    valid.flatmap(
        lambda xml: st.tuples(st.integers(0, len(xml) - 1), st.integers(0, 255)).map(
            lambda pb: xml[: pb[0]] + bytes([pb[1]]) + xml[pb[0] + 1 :]
        )
    ),
)


# --- never raising, deterministic, verdicts ----------------------------------------------


@given(anything)
def test_validate_and_check_never_raise_and_always_report(data: bytes) -> None:
    result = sw.validate(data)
    report = sw.check(data)
    assert report.source == result.source == "<bytes>"
    if not result.ok:
        assert report.verdict is sw.Verdict.REJECT
        assert report.errors
    if result.declaration is None:
        assert report.declaration is None and report.countries == {}


@given(anything)
def test_the_verdict_is_reject_exactly_when_there_is_an_error_finding(data: bytes) -> None:
    assert verdict_matches_errors(sw.check(data))


@given(st.one_of(valid, violations, broken_xml()))
def test_the_same_input_gives_the_same_report(data: bytes) -> None:
    first = sw.check(data).to_dict()
    assert sw.check(data).to_dict() == first
    assert sw.check(bytearray(data)).to_dict() == first


# --- normalization ---------------------------------------------------------------------


@given(declarations(kinds=KINDS))
def test_reading_what_was_written_changes_nothing_more(decl: sw.Declaration) -> None:
    once = sw.parse(decl.to_xml())
    written = once.to_xml()
    twice = sw.parse(written)
    assert twice == once == decl
    assert twice.to_xml() == written


def _loosened(xml: bytes, rnd: random.Random) -> bytes:
    """Codes lower-cased and text padded with blanks: what normalization undoes."""
    from lxml import etree

    root = etree.fromstring(xml)
    for el in root.iter():
        if not isinstance(el.tag, str) or len(el) or not el.text:
            continue
        name = etree.QName(el).localname
        if name.endswith("Code") and el.text.isalpha() and rnd.random() < 0.5:
            el.text = el.text.lower()
        elif name in ("Name", "Description", "CityName") and rnd.random() < 0.5:
            el.text = "  " + el.text + " \t"
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


@given(declarations(kinds=KINDS), st.randoms(use_true_random=False))
def test_normalization_maps_loose_input_onto_the_same_model(
    decl: sw.Declaration, rnd: random.Random
) -> None:
    loose = sw.validate(_loosened(decl.to_xml(), rnd)).declaration
    assert loose == decl
    assert loose is not None
    assert sw.validate(loose.to_xml()).declaration == decl


@given(st.text())
def test_normalizing_text_and_codes_is_idempotent(text: str) -> None:
    assert normalize_text(normalize_text(text)) == normalize_text(text)
    assert normalize_code(normalize_code(text)) == normalize_code(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6))
def test_decimals_survive_being_written_and_read(value: object) -> None:
    number = parse_decimal(format_decimal(value))  # type: ignore[arg-type]
    assert number == value
    assert parse_decimal(format_decimal(number)) == number


@given(
    st.datetimes(
        min_value=__import__("datetime").datetime(1990, 1, 1),
        max_value=__import__("datetime").datetime(2100, 1, 1),
        timezones=st.sampled_from([__import__("datetime").UTC]),
    ).map(lambda d: d.replace(microsecond=0)),
    st.sampled_from(["304", None]),
)
def test_dates_survive_being_written_and_read(value: object, code: str | None) -> None:
    text = format_wco_datetime(value, code)  # type: ignore[arg-type]
    assert parse_wco_datetime(text, code) == value
    assert format_wco_datetime(parse_wco_datetime(text, code), code) == text


# --- country isolation ----------------------------------------------------------------------


def _by_country(report: sw.Report, country: str | None) -> list[dict[str, object]]:
    return [f.to_dict() for f in report.findings if f.country == country]


@given(st.one_of(violations, valid), st.data())
def test_removing_a_countrys_pack_never_changes_another_countrys_findings(
    xml: bytes, data: st.DataObject
) -> None:
    full = sw.check(xml)
    involved = [c for c in full.countries if c in BUNDLED.packs]
    if not involved:
        return
    removed = data.draw(st.sampled_from(involved))
    rules = RuleSet([p for k, p in BUNDLED.packs.items() if k != removed])
    partial = sw.check(xml, rules=rules)
    assert removed not in partial.countries
    for country in [*involved, None]:
        if country != removed:
            assert _by_country(partial, country) == _by_country(full, country)
            if country is not None:
                assert partial.countries[country] == full.countries[country]


@given(st.one_of(violations, valid), st.randoms(use_true_random=False))
def test_packs_in_any_order_give_the_same_report(xml: bytes, rnd: random.Random) -> None:
    packs = list(BUNDLED.packs.values())
    rnd.shuffle(packs)
    assert sw.check(xml, rules=RuleSet(packs)).to_dict() == sw.check(xml).to_dict()


# --- goods items ------------------------------------------------------------------------------


def _item_findings(report: sw.Report) -> Iterator[tuple[int, object]]:
    marker = "/GovernmentAgencyGoodsItem["
    for f in report.findings:
        if f.path is None or marker not in f.path:
            continue
        _, _, tail = f.path.partition(marker)
        number, _, rest = tail.partition("]")
        yield int(number), (f.rule, f.country, f.severity, rest, f.value)


@given(
    st.sampled_from(ITEM_RULES).flatmap(lambda rule: violating(rule, output="model", items=(2, 4))),
    st.data(),
)
def test_removing_a_goods_item_never_adds_findings_to_the_other_items(
    decl: sw.Declaration, data: st.DataObject
) -> None:
    before = sw.check(decl.to_xml())
    faulty = sorted({n for n, _ in _item_findings(before)})
    number = data.draw(st.sampled_from(faulty or [1]))
    after = sw.check(without_item(decl, number - 1).to_xml())
    kept = {(n if n < number else n - 1, key) for n, key in _item_findings(before) if n != number}
    added = set(_item_findings(after)) - kept
    assert not added, added


# --- failing closed ------------------------------------------------------------------------

CRASH_PACK = """
[pack]
country = "TR"
name = "Türkiye with a broken rule"
currency = "TRY"

[[rules]]
id = "TR-TEST-CRASH"
title = "A declaration rule that raises"
agency = "customs"
severity = "warning"
scope = "declaration"
check = { kind = "predicate", predicate = "test-crash-declaration" }
message = "never shown"
source = "tests/property/test_properties.py"

[[rules]]
id = "TR-TEST-CRASH-ITEM"
title = "An item rule that raises"
agency = "customs"
severity = "info"
scope = "item"
check = { kind = "predicate", predicate = "test-crash-item" }
message = "never shown"
source = "tests/property/test_properties.py"
"""


def _register_crashing_predicates() -> None:
    if "test-crash-declaration" in PREDICATES:
        return

    @predicate("test-crash-declaration", "declaration")
    def _crash(ctx: object, params: object) -> Iterator[object]:
        raise RuntimeError("boom")

    @predicate("test-crash-item", "item")
    def _crash_item(ctx: object, item: object, params: object) -> Iterator[object]:
        raise ZeroDivisionError("boom")


@pytest.fixture(scope="module")
def crashing_rules() -> RuleSet:
    _register_crashing_predicates()
    pack = load_pack("crash.toml", text=CRASH_PACK)
    return RuleSet([*BUNDLED.packs.values(), pack], replace=True)


@given(decl=declarations(countries=["TR"], declaring="TR", items=(1, 4)))
def test_a_crashing_rule_fails_closed(crashing_rules: RuleSet, decl: sw.Declaration) -> None:
    report = sw.check(decl.to_xml(), rules=crashing_rules, countries=["TR"])
    crashes = [f for f in report.findings if f.rule == "RULE-CRASH"]
    assert {f.value for f in crashes} == {"TR-TEST-CRASH", "TR-TEST-CRASH-ITEM"}
    assert len([f for f in crashes if f.value == "TR-TEST-CRASH-ITEM"]) == len(decl.goods_items)
    assert all(f.severity is sw.Severity.ERROR and f.country == "TR" for f in crashes)
    assert report.verdict is sw.Verdict.REJECT
    assert report.countries["TR"].verdict is sw.Verdict.REJECT
    item_paths = {f.path for f in crashes if f.value == "TR-TEST-CRASH-ITEM"}
    assert all("GovernmentAgencyGoodsItem[" in (p or "") for p in item_paths)
