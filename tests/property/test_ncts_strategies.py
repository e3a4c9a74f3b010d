"""NCTS declarations drawn by single_window.testing: valid against the schema of their
phase, accepted by every rule, written back as read, of the options asked for, and broken
one rule at a time.

Each property runs a few dozen examples (the ``ci`` profile's deadline and health checks);
set ``HYPOTHESIS_PROFILE=long`` for more.
"""

from __future__ import annotations

from collections import Counter

import pytest
from _maximal import canonical
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from lxml import etree

import single_window as sw
from single_window.formats import ncts
from single_window.rules import RuleSet
from single_window.testing import (
    NCTS_DECLARATION_TYPES,
    NCTS_VIOLATORS,
    CannotViolate,
    ncts_messages,
    ncts_violating,
)
from single_window.testing._ncts_goods import POOLS, pool

BUNDLED = RuleSet.bundled()
SPECS = {spec.id: spec for spec in BUNDLED.rules()}
#: Rules of transit declarations only (the baseline's TRANSIT-* and the national regimes).
TRANSIT_RULES = sorted(i for i, s in SPECS.items() if "transit" in (s.when.kinds or ()))

#: Transit rules no CC015C can break while staying valid against its schema or while
#: every other rule holds, and why. Every other transit rule has an NCTS violator
#: (``test_every_transit_rule_has_an_ncts_violator_or_a_reason``).
NOT_ON_NCTS: dict[str, str] = {
    "TRANSIT-GUARANTEE": "the schema requires a Guarantee with its guaranteeType",
    "TRANSIT-OFFICES": "the schema requires the offices of departure and destination",
    "TRANSIT-OFFICE-REFERENCE": "the schema's referenceNumber pattern is the rule's",
    "TRANSIT-TIR-CARNET-VALIDITY": "a CC015C has no carnet expiry date",
    "TRANSIT-TIR-VOUCHERS": "a CC015C has no number of vouchers",
    "TRANSIT-ETIR-NO-VOUCHERS": "a CC015C has no number of vouchers",
    "TRANSIT-TIR-HEAVY-BULKY": "the endorsement TIRHB is no code of CL239",
    "TRANSIT-CASPIAN-LEG": "its country pairs are outside the common transit area",
    "TRANSIT-EAEU-COUNTRIES": "EAEU customs transit is not declared in NCTS",
    "TRANSIT-EAEU-PRELIMINARY-INFORMATION": "EAEU customs transit is not declared in NCTS",
    "TRANSIT-EAEU-IDENTIFICATION": "EAEU customs transit is not declared in NCTS",
    "TRANSIT-EAEU-GUARANTEE": "EAEU customs transit is not declared in NCTS",
    "TR-NATIONAL-TRANSIT": "the strategies draw routes between two countries",
    "GE-TRANSIT-REGIME": "every CC015C type but T2SM is one Georgia takes",
    "AZ-TRANSIT-REGIME": "Azerbaijan is outside the common transit area",
    "KG-TRANSIT-REGIME": "Kyrgyzstan is outside the common transit area",
    "KZ-TRANSIT-REGIME": "Kazakhstan is outside the common transit area",
    "TM-TRANSIT-REGIME": "Turkmenistan is outside the common transit area",
    "TM-TRANSIT-ITEMS": "Turkmenistan is outside the common transit area",
    "UZ-TRANSIT-REGIME": "Uzbekistan is outside the common transit area",
    "TRANSIT-C0101": "no authorisation with the reduced data set lacks C524 too (R0859)",
    "TRANSIT-R0350": "the reduced data set without C524 breaks R0859 too",
    "TRANSIT-C0035": "a T2 item from a CL112 country without any previous document has none "
    "proving its Union status either (R0020)",
    "TRANSIT-R0904": "it governs departures from Andorra or San Marino, which no route has",
    "TRANSIT-R0905": "it governs destinations in Andorra or San Marino, which no route has",
    "TRANSIT-R0906": "it governs destinations in Andorra, which no route has",
    "TRANSIT-R0909": "it governs destinations in San Marino, which no route has",
    "TRANSIT-R0911": "it governs departures from San Marino, which no route has",
}


def _root(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def _text(root: etree._Element, path: str) -> list[str]:
    return [str(e.text) for e in root.iterfind(path)]


@settings(max_examples=40)
@given(ncts_messages())
def test_every_drawn_message_is_valid_for_its_phase_and_passes_every_rule(data: bytes) -> None:
    root = _root(data)
    phase = ncts.phase_of(root)
    assert ncts.schema_for("CC015C", phase).validate(root) == []
    report = sw.check(data)
    assert [(f.rule, f.path) for f in report.findings] == []


@settings(max_examples=25)
@given(ncts_messages())
def test_every_drawn_message_is_written_back_equal_in_canonical_form(data: bytes) -> None:
    result = sw.validate(data)
    assert result.declaration is not None
    assert canonical(result.declaration.to_xml()) == canonical(data)


@pytest.mark.parametrize("kind", NCTS_DECLARATION_TYPES)
@pytest.mark.parametrize("phase", [5, 6])
@settings(max_examples=3)
@given(data=st.data())
def test_each_type_and_phase_is_drawn_when_asked_for(
    kind: str, phase: int, data: st.DataObject
) -> None:
    message = data.draw(ncts_messages(types=[kind], phases=[phase], houses=(1, 1), items=(1, 1)))
    root = _root(message)
    assert _text(root, "TransitOperation/declarationType") == [kind]
    assert ncts.phase_of(root) == phase
    assert ncts.schema_for("CC015C", phase).validate(root) == []
    offices = _text(root, "CustomsOfficeOfTransitDeclared/referenceNumber")
    if kind == "TIR":
        # C0030: no office of transit on a TIR declaration; R0990: the carnet's form
        assert offices == []
        assert len(_text(root, "TransitOperation/TIRCarnetNumber")[0]) in (10, 11)
        assert _text(root, "Consignment/TransportEquipment/Seal/identifier")


@settings(max_examples=10)
@given(ncts_messages(route=["TR", "HU", "GE"], houses=(2, 3), items=(2, 2)))
def test_the_route_and_counts_asked_for_are_drawn(data: bytes) -> None:
    root = _root(data)
    assert _text(root, "CustomsOfficeOfDeparture/referenceNumber")[0][:2] == "TR"
    assert _text(root, "CustomsOfficeOfDestinationDeclared/referenceNumber")[0][:2] == "GE"
    houses = root.findall("Consignment/HouseConsignment")
    assert 2 <= len(houses) <= 3
    assert all(len(h.findall("ConsignmentItem")) == 2 for h in houses)
    numbers = _text(root, "Consignment/HouseConsignment/ConsignmentItem/declarationGoodsItemNumber")
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    offices = _text(root, "CustomsOfficeOfTransitDeclared/referenceNumber")
    if _text(root, "TransitOperation/declarationType") != ["TIR"]:
        # R0006: an office of transit in each country entered, the destination's too
        assert [o[:2] for o in offices] == ["HU", "GE"]


def test_bad_options_are_refused_when_the_strategy_is_made() -> None:
    with pytest.raises(InvalidArgument):
        ncts_messages(types=["T9"])
    with pytest.raises(InvalidArgument):
        ncts_messages(phases=[4])
    with pytest.raises(InvalidArgument):
        ncts_messages(route=["TR", "AZ"])  # Azerbaijan is no party to the convention
    with pytest.raises(InvalidArgument):
        ncts_messages(countries=["TR"])
    with pytest.raises(InvalidArgument):
        ncts_messages(items=(0, 3))
    with pytest.raises(TypeError, match="kinds"):
        ncts_messages(kinds=["transit"])  # type: ignore[call-arg]


def test_every_code_pool_is_in_its_ncts_code_list() -> None:
    assert all(pool(number) for number in POOLS)


# --- violators -------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", sorted(NCTS_VIOLATORS))
@settings(max_examples=5)
@given(data=st.data())
def test_each_violator_breaks_its_rule_and_no_other(rule_id: str, data: st.DataObject) -> None:
    message = data.draw(ncts_violating(rule_id))
    root = _root(message)
    assert ncts.schema_for("CC015C", ncts.phase_of(root)).validate(root) == []
    report = sw.check(message)
    assert {f.rule for f in report.findings} == {rule_id}


def test_every_transit_rule_has_an_ncts_violator_or_a_reason() -> None:
    covered = {rule: rule in NCTS_VIOLATORS for rule in TRANSIT_RULES}
    missing = [r for r, has in covered.items() if not has and r not in NOT_ON_NCTS]
    assert missing == [], "transit rules without an NCTS violator or a reason"
    assert not set(NOT_ON_NCTS) & set(NCTS_VIOLATORS)
    assert set(NOT_ON_NCTS) <= set(TRANSIT_RULES)
    counts = Counter(covered.values())
    assert counts[True] >= 81
    assert all(rule in SPECS for rule in NCTS_VIOLATORS)


def test_a_rule_without_a_violator_is_refused_when_the_strategy_is_made() -> None:
    with pytest.raises(CannotViolate, match="TRANSIT-GUARANTEE"):
        ncts_violating("TRANSIT-GUARANTEE")
    with pytest.raises(CannotViolate):
        ncts_violating("TRANSIT-TIR-CARNET", types=["T1"])
    with pytest.raises(CannotViolate):
        ncts_violating("TRANSIT-ROUTE-STATED", route=["TR", "GE"])
