"""Transit declarations drawn by single_window.testing: accepted as drawn, of the regime
asked for, and broken one transit rule at a time.

The facts the tests compare with (patterns, guarantee types) are read from the bundled
packs, as the strategies read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest
from _helpers import UNBREAKABLE, is_stage
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import single_window as sw
from single_window.rules import RuleSet
from single_window.rules._kinds import PredicateCheck
from single_window.rules._patterns import pattern_matches
from single_window.rules._regimes import in_regime
from single_window.rules._route import route_of
from single_window.rules._transit import NCTS_TYPES, grn_check_character
from single_window.testing import (
    KINDS,
    REGIMES,
    CannotViolate,
    declaration_xml,
    declarations,
    violating,
)

BUNDLED = RuleSet.bundled()
SPECS = {spec.id: spec for spec in BUNDLED.rules()}
#: Rules of transit declarations only (the baseline's TRANSIT-* and the national regimes).
TRANSIT_RULES = sorted(i for i, s in SPECS.items() if s.when.kinds == ("transit",))
#: The transit rules the strategies break (the others say why not: UNBREAKABLE).
BREAKABLE_TRANSIT_RULES = [i for i in TRANSIT_RULES if i not in UNBREAKABLE]
#: Rules a pack keeps to import and export declarations.
PLAIN_RULES = frozenset(
    i for i, s in SPECS.items() if s.when.kinds and "transit" not in s.when.kinds
)
#: Rules of every kind of declaration, transit included.
SHARED_RULES = sorted(i for i, s in SPECS.items() if s.when.kinds is None and i not in UNBREAKABLE)


def _params(rule_id: str) -> Mapping[str, Any]:
    check = SPECS[rule_id].check
    assert isinstance(check, PredicateCheck)
    return check.params


def _day(decl: sw.Declaration) -> date:
    stamp = decl.issued_at
    assert stamp is not None and stamp.value is not None
    return stamp.value.date()


def test_transit_rules_are_the_baseline_ones_and_the_national_regimes() -> None:
    regimes = {f"{c}-TRANSIT-REGIME" for c in ("AZ", "GE", "KG", "KZ", "TM", "UZ")}
    national = regimes | {"TM-TRANSIT-ITEMS", "TR-NATIONAL-TRANSIT"}
    assert set(TRANSIT_RULES) - national == {i for i in SPECS if i.startswith("TRANSIT-")}
    assert national < set(TRANSIT_RULES)
    assert PLAIN_RULES, "national tariff rules keep to import and export declarations"


# --- valid transit declarations ----------------------------------------------------------------


@given(declaration_xml(kinds=["transit"], items=(1, 5)))
def test_drawn_transit_declarations_are_accepted_with_no_finding(xml: bytes) -> None:
    result = sw.validate(xml)
    assert result.ok, [f.to_dict() for f in result.findings]
    assert result.declaration is not None and result.declaration.kind == "transit"
    report = sw.check(xml)
    assert report.findings == [], [f.to_dict() for f in report.findings]
    assert report.verdict is sw.Verdict.ACCEPT


@given(declarations(kinds=KINDS, items=(1, 3)))
def test_every_kind_drawn_together_is_accepted(decl: sw.Declaration) -> None:
    assert decl.kind in KINDS
    assert sw.check(decl.to_xml()).findings == []


@given(declarations())
def test_the_default_draws_import_and_export_declarations_only(decl: sw.Declaration) -> None:
    assert decl.kind in ("import", "export")
    assert decl.type_code is not None and decl.type_code.value[:2] in ("IM", "EX")


def _tir(decl: sw.Declaration) -> None:
    assert decl.transit_type == "TIR"
    carnet = _params("TRANSIT-TIR-CARNET")
    [guarantee] = decl.obligation_guarantees
    assert guarantee.security_details_code is not None
    assert guarantee.security_details_code.value == carnet["tir_type"]
    assert guarantee.reference_id is not None
    assert pattern_matches(str(carnet["pattern"]), guarantee.reference_id.value)
    # the holder's TIR identification, in TIRHolderID or (as older declarations give it) ID
    assert decl.declarant is not None
    found = decl.declarant.tir_holder_id or decl.declarant.id
    assert found is not None
    holder = found.value
    assert pattern_matches(str(_params("TRANSIT-TIR-HOLDER-ID")["pattern"]), holder)
    assert len(holder) <= 17  # the profile's Declarant/ID, shorter than the form allows
    shipment = decl.goods_shipment
    assert shipment is not None and shipment.consignment is not None
    assert [s for e in shipment.consignment.transport_equipments for s in e.seals]
    assert all(len(i.commodity_code or "") == 6 for i in decl.goods_items)
    assert not decl.transit_offices  # not declared under TIR


def _ncts(decl: sw.Declaration) -> None:
    assert decl.transit_type in NCTS_TYPES
    day = _day(decl)
    route = route_of(decl)
    assert all(in_regime("ctc", c, day) for c in route.order), (route.order, day)
    if "GE" in route.order:
        assert day >= date(2025, 2, 1)
    first = decl.obligation_guarantees[0]
    assert first.security_details_code is not None
    assert first.security_details_code.value in _params("TRANSIT-GRN")["grn_types"]
    assert first.reference_id is not None and first.access_code is not None
    grn = first.reference_id.value
    assert len(grn) in (17, 24) and grn[16] == grn_check_character(grn)
    office = str(_params("TRANSIT-OFFICE-REFERENCE")["pattern"])
    refs = [decl.declaration_office_id, decl.destination_office.id]  # type: ignore[union-attr]
    refs += [o.id for o in decl.transit_offices]
    assert all(r is not None and pattern_matches(office, r.value) for r in refs)
    assert refs[0].value[:2] == route.departure  # type: ignore[union-attr]
    if in_regime("cl112", route.destination, day):
        assert route.destination in [r.value[:2] for r in refs[2:]]  # type: ignore[union-attr]


def _eaeu(decl: sw.Declaration) -> None:
    assert decl.type_code is not None and decl.type_code.value == "950"
    assert decl.transit_type is None
    assert all((i.procedure_code or "")[:2] == "80" for i in decl.goods_items)
    day = _day(decl)
    assert all(in_regime("eaeu", c, day) for c in route_of(decl).order)
    [guarantee] = decl.obligation_guarantees
    assert guarantee.amount_amount is not None and guarantee.id is not None


@pytest.mark.parametrize("regime", REGIMES)
def test_each_regime_is_drawn_as_the_domain_has_it(regime: str) -> None:
    check = {"TIR": _tir, "NCTS": _ncts, "EAEU": _eaeu}[regime]

    @given(declarations(regimes=[regime], items=(1, 4)))
    def drawn(decl: sw.Declaration) -> None:
        assert decl.kind == "transit"
        route = route_of(decl)
        # lodged at the office of departure, first on the route
        assert route.declaring == route.departure == route.order[0]
        assert route.destination == route.order[-1] != route.departure
        check(decl)
        report = sw.check(decl.to_xml())
        assert report.findings == [], [f.to_dict() for f in report.findings]

    drawn()


@given(declarations(route=["UZ", "KZ", "AZ", "GE", "TR"], regimes=["TIR"]))
def test_a_tir_transport_along_the_middle_corridor(decl: sw.Declaration) -> None:
    route = route_of(decl)
    assert route.order == ("UZ", "KZ", "AZ", "GE", "TR")
    assert route.departure == "UZ" and route.destination == "TR"
    report = sw.check(decl.to_xml())
    assert set(report.countries) == {"UZ", "KZ", "AZ", "GE", "TR"}
    assert report.findings == []


@given(declarations(route=["TR", "GE"], kinds=["transit"]))
def test_a_transit_to_georgia_is_ncts_from_its_accession_or_tir(decl: sw.Declaration) -> None:
    if decl.transit_type == "TIR":
        return
    assert decl.transit_type in NCTS_TYPES
    assert _day(decl) >= date(2025, 2, 1)
    # Georgia is a CTC country outside the EU: an office of transit there
    assert "GE" in [o.id.value[:2] for o in decl.transit_offices if o.id is not None]


@given(declarations(countries=["KZ"], regimes=["EAEU"]))
def test_a_single_eaeu_country_is_completed_by_another_member(decl: sw.Declaration) -> None:
    order = route_of(decl).order
    assert "KZ" in order and all(in_regime("eaeu", c, _day(decl)) for c in order)


@pytest.mark.parametrize(
    "make",
    [
        lambda: declarations(kinds="transit"),
        lambda: declarations(kinds=["transport"]),
        lambda: declarations(kinds=[]),
        lambda: declarations(regimes="TIR"),
        lambda: declarations(regimes=["T1"]),
        lambda: declarations(regimes=[]),
        lambda: declarations(kinds=["import"], regimes=["TIR"]),
        lambda: declarations(procedures=["80"]),
        lambda: declarations(kinds=["transit"], procedures=["40"]),
        lambda: declarations(countries=["TR"], regimes=["EAEU"]),
        lambda: declarations(route=["UZ", "TR"], regimes=["NCTS"]),
        lambda: declarations(route=["UZ", "TR"], declaring="TR", kinds=["transit"]),
        lambda: violating("TRANSIT-TIR-CARNET", kinds=["import"]),
        lambda: violating("WCO-INVOICE-TOTAL", kinds=["transit"]),
        lambda: violating("KZ-TRANSIT-REGIME", regimes=["NCTS"]),
    ],
)
def test_bad_transit_options_raise_when_the_strategy_is_created(make: object) -> None:
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


def test_kinds_the_route_rules_out_are_left_out() -> None:
    # lodged at the destination: an import, never an export or a transit declaration
    strategy = declarations(route=["UZ", "TR"], declaring="TR", kinds=KINDS)

    @settings(max_examples=5)
    @given(strategy)
    def imports_only(decl: sw.Declaration) -> None:
        assert decl.kind == "import"

    imports_only()


# --- import and export rules stay away from transit --------------------------------------------


transit_rule_violations = st.sampled_from(BREAKABLE_TRANSIT_RULES).flatmap(violating)


@given(st.one_of(declaration_xml(kinds=["transit"]), transit_rule_violations))
def test_import_and_export_rules_never_apply_to_a_transit_declaration(xml: bytes) -> None:
    report = sw.check(xml, explain=True)
    assert report.declaration is not None and report.declaration.kind == "transit"
    assert not set(report.rules()) & PLAIN_RULES
    assert report.explanation is not None
    for outcome in report.explanation:
        if outcome.rule in PLAIN_RULES:
            assert outcome.status == "not-applicable", (outcome.rule, outcome.status)


# --- breaking rules on transit declarations -----------------------------------------------------


@pytest.mark.parametrize("rule_id", BREAKABLE_TRANSIT_RULES)
def test_transit_rules_are_broken_on_transit_declarations_of_the_regimes_they_judge(
    rule_id: str,
) -> None:
    spec = SPECS[rule_id]
    check = spec.check
    assert isinstance(check, PredicateCheck)
    types = {str(t) for t in check.params.get("types", ())}

    @settings(max_examples=2)
    @given(violating(rule_id, output="model"))
    def broken(decl: sw.Declaration) -> None:
        assert decl.kind == "transit"
        if types and decl.transit_type is not None:
            assert decl.transit_type in types
        report = sw.check(decl.to_xml())
        assert report.rules() == [rule_id] * len(report.findings) != []

    broken()


def _needs_what_transit_lacks(rule_id: str) -> bool:
    """Rules on prices, duties, the invoice, the requested procedure or import declaration
    types: a transit declaration carries none of them (or stops being one without them)."""
    spec = SPECS[rule_id]
    check = spec.check
    if spec.when.declaration_types:
        return True
    if isinstance(check, PredicateCheck):
        return check.predicate == "invoice-total"
    return check.field in ("currencies", "requested_procedure", "procedure_code", "type_code")


@pytest.mark.parametrize("rule_id", SHARED_RULES)
def test_rules_of_every_kind_are_broken_on_transit_declarations_when_they_can_be(
    rule_id: str,
) -> None:
    if _needs_what_transit_lacks(rule_id):
        with pytest.raises(CannotViolate, match="not on transit"):
            violating(rule_id, kinds=["transit"])
        return

    @settings(max_examples=2)
    @given(violating(rule_id, output="model", kinds=["transit"]))
    def broken(decl: sw.Declaration) -> None:
        assert decl.kind == "transit"
        report = sw.check(decl.to_xml())
        assert not [f for f in report.findings if is_stage(f)]
        assert set(report.rules()) == {rule_id}

    broken()
