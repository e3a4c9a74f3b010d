"""Self-tests of single_window.testing: what the strategies promise, checked by the library.

Warnings count: a valid declaration gets no finding at all, neither error nor warning,
from the read, schema and model stages or from any rule of its route's countries.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from _helpers import (
    UNBREAKABLE,
    breakable_rule_ids,
    element_at,
    is_stage,
    text_at,
    verdict_matches_errors,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import single_window as sw
from single_window.rules import RuleSet
from single_window.testing import (
    BREAKAGES,
    CannotViolate,
    broken_xml,
    declaration_xml,
    declarations,
    violating,
)

BUNDLED = RuleSet.bundled()
RULE_IDS = breakable_rule_ids(BUNDLED)
COUNTRIES = BUNDLED.countries


@given(declaration_xml(items=(1, 6)))
def test_generated_declarations_pass_the_schema_and_every_rule_of_their_route(xml: bytes) -> None:
    result = sw.validate(xml)
    assert result.ok, [f.to_dict() for f in result.findings]
    report = sw.check(xml)
    assert report.verdict is sw.Verdict.ACCEPT
    assert report.findings == [], [f.to_dict() for f in report.findings]


@given(st.data())
def test_each_country_declaring_accepts_what_is_generated_for_it(data: st.DataObject) -> None:
    country = data.draw(st.sampled_from(COUNTRIES))
    xml = data.draw(declaration_xml(countries=[country], declaring=country))
    named = sw.check(xml, countries=[country])
    derived = sw.check(xml)
    assert named.findings == [] and derived.findings == []
    assert named.countries[country].verdict is sw.Verdict.ACCEPT
    assert country in derived.countries


@given(declarations(items=(1, 8)))
def test_generated_models_round_trip_through_xml(decl: sw.Declaration) -> None:
    assert sw.parse(decl.to_xml()) == decl
    assert sw.parse(decl.to_xml(pretty=False)) == decl


@given(declarations(route=["UZ", "KZ", "AZ", "GE", "TR"], declaring="TR", procedures=["40"]))
def test_a_middle_corridor_route_gives_every_country_its_role(decl: sw.Declaration) -> None:
    report = sw.check(decl.to_xml())
    assert set(report.countries) == {"UZ", "KZ", "AZ", "GE", "TR"} & set(BUNDLED.packs)
    assert report.findings == []
    assert decl.metadata is not None and decl.metadata.responsible_country_code is not None
    assert decl.metadata.responsible_country_code.value == "TR"
    assert all(item.procedure_code and item.procedure_code[:2] == "40" for item in decl.goods_items)


@settings(max_examples=2)
@given(declarations(countries=["KZ", "TR"], items=(999, 999)))
def test_a_999_item_declaration_is_valid_numbered_and_totalled(decl: sw.Declaration) -> None:
    assert len(decl.goods_items) == 999
    assert [int(i.sequence_numeric.value) for i in decl.goods_items] == list(range(1, 1000))  # type: ignore[union-attr]
    report = sw.check(decl.to_xml())
    assert report.findings == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_bundled_rule_fires_alone_on_its_violating_variants(rule_id: str) -> None:
    spec = next(s for p in BUNDLED.packs.values() for s in p.specs if s.id == rule_id)

    @settings(max_examples=3)
    @given(violating(rule_id))
    def fires(xml: bytes) -> None:
        report = sw.check(xml)
        assert not [f for f in report.findings if is_stage(f)], report.to_dict()["findings"]
        assert report.rules(), "the rule did not fire"
        assert set(report.rules()) == {rule_id}, report.rules()
        assert all(f.severity is spec.severity for f in report.findings)
        assert verdict_matches_errors(report)
        if spec.when.kinds:  # broken on a declaration of a kind the rule applies to
            assert sw.parse(xml).kind in spec.when.kinds
        for finding in report.findings:
            assert finding.path is not None
            assert element_at(xml, finding.path) is not None, finding.path
            # the value is what stands at the path, or the path names the element that
            # holds the value assembled from its parts
            text = text_at(xml, finding.path)
            if finding.value is not None and text is not None:
                assert finding.value.upper() == text.upper(), (finding.path, finding.value)

    fires()


@pytest.mark.parametrize(("rule_id", "reason"), sorted(UNBREAKABLE.items()))
def test_rules_the_profile_already_enforces_are_refused_with_the_reason(
    rule_id: str, reason: str
) -> None:
    with pytest.raises(CannotViolate, match=reason):
        violating(rule_id)


@given(violating("TR-HS-LENGTH", output="model", items=(2, 4)))
def test_violating_models_break_one_item_and_round_trip(decl: sw.Declaration) -> None:
    assert sw.parse(decl.to_xml()) == decl
    broken = [n for n, i in enumerate(decl.goods_items, 1) if len(i.commodity_code or "") != 12]
    assert len(broken) == 1
    report = sw.check(decl.to_xml())
    assert [f.rule for f in report.findings] == ["TR-HS-LENGTH"]
    assert f"/GovernmentAgencyGoodsItem[{broken[0]}]/" in (report.findings[0].path or "")


@pytest.mark.parametrize("kind", BREAKAGES)
def test_every_broken_kind_is_refused_with_a_reader_or_schema_finding(kind: str) -> None:
    expected = {
        "swapped-elements": {"XSD"},
        "xinclude": {"XSD"},
    }.get(kind, {"XML-SYNTAX", "XML-ENCODING", "XML-DOCTYPE", "XML-ENTITY"})

    @settings(max_examples=4)
    @given(broken_xml(breakages=[kind]))
    def refused(data: bytes) -> None:
        result = sw.validate(data)
        assert not result.ok
        assert result.findings[0].rule in expected, result.findings[0].rule
        report = sw.check(data)
        assert report.verdict is sw.Verdict.REJECT
        assert report.countries == {}

    refused()


@pytest.mark.parametrize(
    "make",
    [
        lambda: declarations(countries=["XX"]),
        lambda: declarations(countries="TR"),
        lambda: declarations(countries=[]),
        lambda: declarations(items=(0, 3)),
        lambda: declarations(items=(5, 1)),
        lambda: declarations(items=(1, 1000)),
        lambda: declarations(route=["TR"]),
        lambda: declarations(route=["TR", "KZ", "TR"]),
        lambda: declarations(route=["UZ", "TR"], countries=["TR"]),
        lambda: declarations(route=["UZ", "KZ", "TR"], declaring="KZ"),
        lambda: declarations(procedures=["4000"]),
        lambda: declarations(rules="baseline"),
        lambda: declaration_xml(items=(1, 2, 3)),
        lambda: violating("NO-SUCH-RULE"),
        lambda: violating("TR-HS-LENGTH", countries=["KZ"]),
        lambda: violating("TR-HS-LENGTH", output="json"),  # type: ignore[call-overload]
        lambda: broken_xml(breakages=["no-such-kind"]),
        lambda: broken_xml(breakages="truncated"),
        lambda: broken_xml(reference='x" y'),
    ],
)
def test_bad_options_raise_when_the_strategy_is_created(make: object) -> None:
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


CUSTOM_PACK = """
[pack]
country = "TR"
name = "Test pack"
currency = "TRY"

[[rules]]
id = "TR-TEST-SECRET"
title = "A predicate with no registered violator"
agency = "customs"
severity = "error"
scope = "declaration"
check = { kind = "predicate", predicate = "test-no-violator" }
message = "a message"
source = "test"

[[rules]]
id = "TR-TEST-FUNCTION"
title = "Function code must be present"
agency = "customs"
severity = "error"
scope = "declaration"
check = { kind = "required", field = "function_code" }
message = "a message"
source = "test"
"""


def test_rules_that_cannot_be_broken_are_refused_when_asked_for() -> None:
    from single_window.rules import load_pack, predicate
    from single_window.rules._catalog import PREDICATES

    if "test-no-violator" not in PREDICATES:
        predicate("test-no-violator", "declaration")(lambda ctx, params: iter(()))
    pack = load_pack("test.toml", text=CUSTOM_PACK)
    rules = RuleSet([*[p for k, p in BUNDLED.packs.items() if k != "TR"], pack])
    with pytest.raises(CannotViolate):  # no violator registered for the predicate
        violating("TR-TEST-SECRET", rules=rules)
    with pytest.raises(CannotViolate):  # the schema requires FunctionCode
        violating("TR-TEST-FUNCTION", rules=rules)


def test_importing_without_hypothesis_says_how_to_install_it() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None
        try:
            import single_window.testing
        except ImportError as exc:
            print("testing extra" in str(exc) and "pip install -e '.[testing]'" in str(exc))
        else:
            print("imported")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "True"


def test_every_bundled_predicate_has_a_violator_the_builders_satisfy() -> None:
    """The builders know which predicates they satisfy from the violators' registration:
    every predicate the library bundles is registered there, on some kind, except the HS
    edition ones, which the builders run on what they drew (the codes follow the tariff's
    edition, but a code written for another rule's sake may not)."""
    from single_window.rules._catalog import PREDICATES
    from single_window.testing._registry import VIOLATORS

    assert set(VIOLATORS.bundled()) == set(PREDICATES.bundled())
    unbuilt = {name for name in VIOLATORS.bundled() if not VIOLATORS[name].built_on}
    assert unbuilt == {"hs-subheading", "hs-edition-unconfirmed"}


def test_an_option_that_does_not_exist_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match="'country'"):
        declarations(country=["TR"])  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'country'"):
        declaration_xml(country=["TR"])  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'country'"):
        violating("TR-HS-LENGTH", country=["TR"])  # type: ignore[call-overload]


def test_every_writer_writes_a_field_the_engine_reads() -> None:
    """The strategies' writers and the engine's selectors name the same fields: a writer
    under a name no selector has would never be used."""
    from single_window.rules._selectors import SELECTORS
    from single_window.testing._writers import WRITERS

    assert set(WRITERS) <= {(s.name, s.scope) for s in SELECTORS}


def test_the_old_names_of_the_breakages_still_work_and_say_they_are_deprecated() -> None:
    """``kinds`` means kinds of declaration (``declarations(kinds=...)``); broken_xml's
    were renamed breakages, and the old names warn."""
    import single_window.testing as testing
    from single_window.testing import BREAKAGES, RESOURCE_BREAKAGES

    with pytest.warns(DeprecationWarning, match="BREAKAGES"):
        assert testing.BROKEN_KINDS == BREAKAGES
    with pytest.warns(DeprecationWarning, match="RESOURCE_BREAKAGES"):
        assert testing.RESOURCE_KINDS == RESOURCE_BREAKAGES
    with pytest.warns(DeprecationWarning, match="breakages="):
        old = broken_xml(kinds=["truncated"])

    @settings(max_examples=2)
    @given(old)
    def refused(data: bytes) -> None:
        assert sw.validate(data).findings[0].rule == "XML-SYNTAX"

    refused()
    assert "BROKEN_KINDS" not in testing.__all__ and "BREAKAGES" in testing.__all__
    with pytest.raises(AttributeError):
        testing.NO_SUCH_NAME  # noqa: B018
