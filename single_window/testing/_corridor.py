"""The corridor's transit data on a drawn transit declaration: the TIR carnet's final date
of validity and vouchers, the holder's TIR identification, the transit limit date, the
EAEU preliminary information number, the rail consignment note of a rail leg and the sea
leg across the Caspian.

Each datum is drawn so that the active rules accept it, from their params (the carnet type,
the vouchers per country, the rail modes and document codes, the pairs of countries across
the Caspian and the mode of a sea leg); what no rule asks for is drawn or left out at
random, so the strategies cover declarations with and without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window.testing._draws import ALNUM, digits, leaf
from single_window.testing._guarantees import one_of_params, params_of, strings_of
from single_window.testing._options import Draw
from single_window.testing._rules import RuleRef
from single_window.testing._schema import facets

__all__ = ["add_corridor_data"]

#: The editions of the paper TIR carnet (number of vouchers) the strategies draw from.
CARNET_VOUCHERS = (4, 6, 14, 20)

_TRANSPORT_TYPE = facets(
    "Declaration", "GoodsShipment", "Consignment", "TransportContractDocument", "TypeCode"
)


def _day(value: date) -> dict[str, object]:
    """A date-only DateTimeString (format 102) of a day."""
    return leaf(datetime(value.year, value.month, value.day, tzinfo=UTC), format_code="102")


def _carnet(
    draw: Draw, data: dict[str, Any], active: Sequence[RuleRef], day: date, countries: int
) -> None:
    """The TIR carnet's final date of validity (not before the day) and its vouchers (a
    pair for each country, from the carnet editions that have enough), each drawn or left
    out; the holder's identification moved to TIRHolderID at random."""
    rules = [
        *params_of(active, "tir-carnet-validity", None),
        *params_of(active, "tir-vouchers", None),
    ]
    tir_type = one_of_params(rules, "tir_type", "B")
    vouchers = params_of(active, "tir-vouchers", None)
    per_country = int(one_of_params(vouchers, "per_country", "2"))
    for guarantee in data["obligation_guarantees"]:
        if guarantee.get("security_details_code", {}).get("value") != tir_type:
            continue
        if draw(st.booleans()):
            guarantee["expiration_date_time"] = _day(day + timedelta(draw(st.integers(0, 400))))
        enough = [v for v in CARNET_VOUCHERS if v >= per_country * countries]
        if enough and draw(st.booleans()):
            guarantee["voucher_quantity"] = leaf(draw(st.sampled_from(enough)))
    declarant = data.get("declarant") or {}
    if "id" in declarant and draw(st.booleans()):
        declarant["tir_holder_id"] = declarant.pop("id")


def _rail_document(draw: Draw, data: dict[str, Any], active: Sequence[RuleRef]) -> None:
    """A rail consignment note when the goods cross the border by a mode a
    ``rail-document`` rule watches."""
    rules = params_of(active, "rail-document", None)
    modes = strings_of(rules, "modes")
    border = [m.get("mode_code", {}).get("value") for m in data.get("border_transport_means", [])]
    if not modes & set(border):
        return
    codes = sorted(c for c in strings_of(rules, "codes") if _TRANSPORT_TYPE.accepts(c))
    if not codes:
        reject()
    note = {
        "type_code": leaf(draw(st.sampled_from(codes))),
        "id": leaf(draw(st.text(ALNUM, min_size=6, max_size=12))),
    }
    consignment = data["goods_shipment"].setdefault("consignment", {})
    consignment["transport_contract_documents"] = [note]


def _sea_legs(data: dict[str, Any], active: Sequence[RuleRef], countries: Sequence[str]) -> None:
    """The Caspian ferry leg: where two countries next to each other on the route share
    only the Caspian Sea (a ``caspian-leg`` rule's ``pairs``), the itinerary states every
    country in order, and the leg into the second is by sea."""
    rules = params_of(active, "caspian-leg", None)
    pairs = {frozenset(str(p).split("-")) for p in strings_of(rules, "pairs")}
    crossings = {b for a, b in pairwise(countries) if frozenset((a, b)) in pairs}
    if not crossings:
        return
    sea = one_of_params(rules, "sea_mode", "1")
    legs = []
    for n, country in enumerate(countries, start=1):
        legs.append({"sequence_numeric": leaf(n), "routing_country_code": leaf(country)})
        if country in crossings:
            legs[-1]["mode_code"] = leaf(sea)
    data.setdefault("consignment", {})["itineraries"] = legs


def add_corridor_data(
    draw: Draw,
    data: dict[str, Any],
    regime: str,
    countries: Sequence[str],
    day: date,
    active: Sequence[RuleRef],
) -> None:
    """Add the corridor's transit data to a drawn transit declaration (model data, in
    place): see the module docstring."""
    if regime == "TIR":
        _carnet(draw, data, active, day, len(dict.fromkeys(countries)))
    if draw(st.booleans()):
        data["transit_limit_date_time"] = _day(day + timedelta(draw(st.integers(0, 30))))
    if regime == "EAEU" and draw(st.booleans()):
        number = "PI" + draw(digits(10))
        data.setdefault("consignment", {})["preliminary_information_id"] = leaf(number)
    _rail_document(draw, data, active)
    _sea_legs(data, active, countries)
