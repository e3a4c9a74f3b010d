"""The corridor's transit data in drawn declarations: the strategies draw the TIR carnet's
validity and vouchers, the holder's TIR identification, the transit limit date, EAEU
preliminary information, rail consignment notes and the Caspian sea leg, and what they draw
is accepted.

The facts the tests compare with (voucher counts, rail modes and codes, pairs across the
Caspian) are read from the bundled packs, as the strategies read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, Phase, find, given, settings

import single_window as sw
from single_window.rules import RuleSet
from single_window.rules._kinds import PredicateCheck
from single_window.rules._route import route_of
from single_window.testing import declarations

SPECS = {spec.id: spec for spec in RuleSet.bundled().rules()}
#: Finding an example, without shrinking it (any draw that has the datum will do).
FIND = settings(
    max_examples=150,
    database=None,
    phases=(Phase.generate,),
    suppress_health_check=list(HealthCheck),
)


def _params(rule_id: str) -> Mapping[str, Any]:
    check = SPECS[rule_id].check
    assert isinstance(check, PredicateCheck)
    return check.params


def _accepted(decl: sw.Declaration) -> None:
    report = sw.check(decl.to_xml())
    assert report.findings == [], [f.to_dict() for f in report.findings]


def _carnet(decl: sw.Declaration) -> bool:
    return any(
        g.expiration_date_time is not None and g.voucher_quantity is not None
        for g in decl.obligation_guarantees
    )


def test_tir_draws_carry_the_carnet_validity_vouchers_and_holder_identification() -> None:
    decl = find(
        declarations(regimes=["TIR"], items=(1, 2)),
        lambda d: _carnet(d) and d.declarant is not None and d.declarant.tir_holder_id is not None,
        settings=FIND,
    )
    _accepted(decl)
    (carnet,) = decl.obligation_guarantees
    assert carnet.voucher_quantity is not None
    countries = len(route_of(decl).order)
    assert (
        carnet.voucher_quantity.value >= _params("TRANSIT-TIR-VOUCHERS")["per_country"] * countries
    )


@settings(max_examples=30)
@given(declarations(regimes=["TIR"], items=(1, 2)))
def test_a_drawn_carnet_is_valid_on_the_declarations_day(decl: sw.Declaration) -> None:
    stamp = decl.issued_at
    assert stamp is not None and stamp.value is not None
    for guarantee in decl.obligation_guarantees:
        if guarantee.expiration_date_time is not None:
            assert guarantee.expiration_date_time.value is not None
            assert guarantee.expiration_date_time.value.date() >= stamp.value.date()


def test_transit_draws_carry_a_limit_date_and_eaeu_draws_their_preliminary_information() -> None:
    decl = find(
        declarations(route=["KG", "KZ"], regimes=["EAEU"], items=(1, 1)),
        lambda d: (
            d.transit_limit_date_time is not None
            and d.consignment is not None
            and d.consignment.preliminary_information_id is not None
        ),
        settings=FIND,
    )
    _accepted(decl)


def test_a_drawn_rail_transit_quotes_its_rail_consignment_note() -> None:
    params = _params("TRANSIT-RAIL-DOCUMENT")
    modes = {str(m) for m in params["modes"]}
    decl = find(
        declarations(kinds=["transit"], items=(1, 2)),
        lambda d: d.border_mode is not None and d.border_mode.value in modes,
        settings=FIND,
    )
    _accepted(decl)
    shipment = decl.goods_shipment
    assert shipment is not None and shipment.consignment is not None
    codes = {
        d.type_code.value for d in shipment.consignment.transport_contract_documents if d.type_code
    }
    assert codes & {str(c) for c in params["codes"]}


@settings(max_examples=10)
@given(declarations(route=["KZ", "AZ", "GE", "TR"], regimes=["TIR"], items=(1, 1)))
def test_a_tir_transport_across_the_caspian_states_its_ferry_leg(decl: sw.Declaration) -> None:
    params = _params("TRANSIT-CASPIAN-LEG")
    pairs = {frozenset(str(p).split("-")) for p in params["pairs"]}
    order = route_of(decl).order
    assert order == ("KZ", "AZ", "GE", "TR")
    assert decl.consignment is not None
    legs = {
        leg.routing_country_code.value: leg.mode_code
        for leg in decl.consignment.itineraries
        if leg.routing_country_code is not None
    }
    for before, after in pairwise(order):
        if frozenset((before, after)) in pairs:
            mode = legs[after]
            assert mode is not None and mode.value == params["sea_mode"]
    _accepted(decl)
