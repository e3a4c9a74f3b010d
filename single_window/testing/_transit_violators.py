"""Violators of the transit predicates: each breaks one transit rule on a valid transit
declaration of a regime the rule judges, and leaves every other rule satisfied.

How each rule is broken (the values come from the rule's params where it gives them):

- ``transit-guarantee``: a guarantee without its type is added (so a TIR carnet stays), or
  on an NCTS declaration the guarantees are removed or one loses its type;
- ``transit-guarantee-type``: a guarantee of a type outside the rule's ``codes`` is added;
  on an NCTS declaration also one of the TIR type, or, from an office of departure in the
  EU, a GRN guarantee takes a type of ``not_from_eu``;
- ``transit-grn``: a GRN guarantee loses its GRN, or the GRN loses its form, or gets a
  voucher number it should not have (or loses the one it should);
- ``transit-grn-check``: the GRN's check digit is changed;
- ``transit-other-reference``: a guarantee of a ``reference_types`` type without its
  reference is added;
- ``tir-carnet``: the carnet number is removed or replaced by one outside ``pattern`` or
  (with ``min_length``) by a shorter one of the pattern;
- ``tir-holder``: the holder's identifier is removed (no ``pattern``) or replaced by one
  outside ``pattern``;
- ``transit-offices``: the office of destination or of departure is removed (the
  countries stay, from the destination country and the declaring country);
- ``transit-office-reference``: one office reference keeps its country and loses its form;
- ``transit-ctc-countries`` / ``transit-eaeu-countries``: the goods go to a country
  outside the regime instead (office, destination, consignee and route follow);
- ``transit-offices-of-transit``: an office of transit is declared twice, or the offices
  are removed where the route needs them, or the one in the destination country is, or
  (from a non-EU common transit country to the EU) the ones in the EU are;
- ``transit-itinerary``: an office of transit is declared in a country off the route;
- ``transit-route-stated``: the itinerary (and any office of transit) is removed;
- ``transit-postal-border-means``: the border mode becomes post while the means of
  transport stays identified;
- ``transit-seals``: a seal number is used twice or made too long, or a piece of
  equipment without an identifier and without seals is added;
- ``tir-seals``: the seals are removed;
- ``transit-commodity-code``: one goods item loses its commodity code (and, for a rule
  with ``required_with``, the goods shipment gets a previous document of such a type);
- ``eaeu-transit-guarantee``: the guarantee is removed;
- ``transit-regime``: the declaration names no regime the country runs: it becomes a
  goods declaration for customs transit (``950``) without procedure 80 (a TIR carnet
  holder's identifier, which only TIR exempts from the national identifier rules, goes
  with it).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window._model_api import _TRANSIT_DOCUMENT
from single_window._values import Code, CountryCode, Identifier, Numeric
from single_window.models import (
    Declaration,
    DeclarationConsignment,
    Itinerary,
    ObligationGuarantee,
    PreviousDocument,
    Seal,
    TransitOffice,
    TransportEquipment,
)
from single_window.rules._context import tir_type
from single_window.rules._kinds import Needs
from single_window.rules._patterns import pattern_matches
from single_window.rules._regimes import Regime, in_regime
from single_window.rules._route import itinerary_countries, office_country, route_of
from single_window.rules._selected import text_of
from single_window.rules._transit import NCTS_TYPES
from single_window.testing._draws import ALNUM
from single_window.testing._options import OUTSIDE_PARTNERS
from single_window.testing._regimes import regime_of, regimes_of_types
from single_window.testing._schema import facets
from single_window.testing._target import ViolationTarget
from single_window.testing._transit_common import (
    declared_day,
    move_destination,
    param_strings,
    regime_needs,
    tir_carnets,
    violator,
)
from single_window.testing._writers import item_writer

__all__: list[str] = []


_NCTS_AND_TIR = (*sorted(NCTS_TYPES), "TIR")
_GUARANTEE = ("Declaration", "ObligationGuarantee")
_SEAL_ID = facets("Declaration", "GoodsShipment", "Consignment", "TransportEquipment", "Seal", "ID")


# --- what each violation needs ---------------------------------------------------------------


def _typed(*only: str) -> Callable[[Mapping[str, Any]], Needs]:
    """Needs for a rule that judges the declaration types in its ``types`` (default the
    NCTS types and TIR): the regimes of those types (among ``only``, when given)."""

    def needs(params: Mapping[str, Any]) -> Needs:
        found = regimes_of_types(str(t) for t in params.get("types", _NCTS_AND_TIR))
        return Needs(kinds=("transit",), regimes=tuple(r for r in found if not only or r in only))

    return needs


# --- small helpers ---------------------------------------------------------------------------


def _guarantee(**values: str) -> ObligationGuarantee:
    """A guarantee with these values (``security_details_code``, ``reference_id``, ``id``)."""
    data: dict[str, object] = {k: {"value": v} for k, v in values.items()}
    return ObligationGuarantee.model_validate(data)


def _unlisted_code(t: ViolationTarget, listed: Iterable[str]) -> str:
    """A guarantee type that is not in a list and fits the profile."""
    taken = set(listed)
    fits = facets(*_GUARANTEE, "SecurityDetailsCode").accepts
    options = [
        c
        for c in (*string.digits, *string.ascii_uppercase, "10", "99", "ZZ")
        if c not in taken and fits(c)
    ]
    return str(t.draw(st.sampled_from(options)))


def _off_pattern(t: ViolationTarget, candidates: st.SearchStrategy[str], *patterns: str) -> str:
    return str(
        t.draw(candidates.filter(lambda v: v and not any(pattern_matches(p, v) for p in patterns)))
    )


def _ensure_itinerary(decl: Declaration) -> None:
    """State the route as routing countries when the declaration does not (before a
    change that takes away what stated it): the route's countries in order."""
    if itinerary_countries(decl):
        return
    order = route_of(decl).order
    legs = [
        Itinerary(
            sequence_numeric=Numeric(value=Decimal(n)),
            routing_country_code=CountryCode(value=c),
        )
        for n, c in enumerate(order, start=1)
    ]
    if decl.consignment is None:
        decl.consignment = DeclarationConsignment(itineraries=legs)
    else:
        decl.consignment.itineraries = legs


def _renumber_offices(decl: Declaration) -> None:
    for n, office in enumerate(decl.transit_offices, start=1):
        office.sequence_numeric = Numeric(value=Decimal(n))


def _office(ref: str, sequence: int) -> TransitOffice:
    return TransitOffice(
        sequence_numeric=Numeric(value=Decimal(sequence)),
        id=Identifier(value=ref),
    )


# --- guarantees ------------------------------------------------------------------------------


@violator("transit-guarantee", needs=_typed())
def _no_guarantee(t: ViolationTarget) -> None:
    decl = t.declaration
    guarantees = decl.obligation_guarantees
    options = ["untyped"]
    if regime_of(decl) == "NCTS" and guarantees:
        options += ["none", "strip"]
    how = t.draw(st.sampled_from(options))
    if how == "none":
        guarantees.clear()
    elif how == "strip":
        t.draw(st.sampled_from(guarantees)).security_details_code = None
    else:
        reference = "GUA-" + t.draw(st.text(string.digits, min_size=6, max_size=10))
        guarantees.append(_guarantee(id=reference))


@violator("transit-guarantee-type", needs=_typed())
def _wrong_guarantee_type(t: ViolationTarget) -> None:
    decl = t.declaration
    codes = param_strings(t.params, "codes")
    carnet_type = tir_type(t.params)
    options = ["unlisted"]
    ncts = regime_of(decl) == "NCTS"
    if ncts:
        options.append("tir")
    not_from_eu = [c for c in param_strings(t.params, "not_from_eu") if c in codes]
    eu = in_regime("eu", route_of(decl).departure, declared_day(decl))
    grn_guarantees = [
        g
        for g in decl.obligation_guarantees
        if text_of(g.reference_id) is not None and len(text_of(g.reference_id) or "") == 17
    ]
    if ncts and eu and not_from_eu and grn_guarantees:
        options.append("not-from-eu")
    how = t.draw(st.sampled_from(options))
    if how == "unlisted":
        decl.obligation_guarantees.append(
            _guarantee(security_details_code=_unlisted_code(t, [*codes, carnet_type]))
        )
    elif how == "tir":
        decl.obligation_guarantees.append(_guarantee(security_details_code=carnet_type))
    else:
        guarantee = t.draw(st.sampled_from(grn_guarantees))
        guarantee.security_details_code = Code(value=t.draw(st.sampled_from(not_from_eu)))


@violator("transit-grn", needs=_typed("NCTS"))
def _bad_grn(t: ViolationTarget) -> None:
    grn_types = set(param_strings(t.params, "grn_types"))
    vouchers = set(param_strings(t.params, "voucher_types"))
    pattern = str(t.params["pattern"])
    length = int(t.params["length"])
    voucher_length = int(t.params["voucher_length"])
    targets = [
        g
        for g in t.declaration.obligation_guarantees
        if text_of(g.security_details_code) in grn_types and text_of(g.reference_id) is not None
    ]
    if not targets:
        reject()
    guarantee = t.draw(st.sampled_from(targets))
    code = text_of(guarantee.security_details_code) or ""
    grn = text_of(guarantee.reference_id) or ""
    how = t.draw(st.sampled_from(("missing", "form", "length")))
    fits = facets(*_GUARANTEE, "ReferenceID").accepts
    if how == "missing":
        guarantee.reference_id = None
        return
    if how == "form":
        position = t.draw(st.integers(0, len(grn) - 1))
        value = _off_pattern(
            t,
            st.sampled_from("abXZ-/").map(lambda c: grn[:position] + c + grn[position + 1 :]),
            pattern,
        )
    elif code in vouchers:
        value = grn[:length]  # a voucher number's GRN without its voucher number
    else:
        letter = t.draw(st.sampled_from(string.ascii_uppercase))
        value = grn + letter + t.draw(st.text(string.digits, min_size=6, max_size=6))
    expected = voucher_length if code in vouchers else length
    if how == "length" and (len(value) == expected or not pattern_matches(pattern, value)):
        reject()
    if not fits(value):
        reject()
    guarantee.reference_id = Identifier(value=value)


@violator("transit-grn-check", needs=_typed("NCTS"))
def _bad_grn_check(t: ViolationTarget) -> None:
    pattern = str(t.params["pattern"])
    targets = [
        g
        for g in t.declaration.obligation_guarantees
        if (grn := text_of(g.reference_id)) is not None and pattern_matches(pattern, grn)
    ]
    if not targets:
        reject()
    guarantee = t.draw(st.sampled_from(targets))
    grn = text_of(guarantee.reference_id) or ""
    digit = t.draw(st.sampled_from(string.digits).filter(lambda d: d != grn[16]))
    guarantee.reference_id = Identifier(value=grn[:16] + digit + grn[17:])


@violator("transit-other-reference", needs=_typed("NCTS"))
def _no_other_reference(t: ViolationTarget) -> None:
    code = t.draw(st.sampled_from(param_strings(t.params, "reference_types")))
    t.declaration.obligation_guarantees.append(_guarantee(security_details_code=code))


# --- TIR carnet and holder ------------------------------------------------------------------


@violator("tir-carnet", needs=regime_needs("TIR"))
def _bad_carnet(t: ViolationTarget) -> None:
    carnets = tir_carnets(t)
    shortest = int(t.params.get("min_length", 1))
    how = t.draw(
        st.sampled_from(("missing", "number", "short") if shortest > 1 else ("missing", "number"))
    )
    if how == "missing":
        for guarantee in carnets:
            guarantee.reference_id = None
        return
    if how == "short":
        # a number of the rule's form, too short for it (the old all-numeric series)
        short = t.draw(
            st.from_regex(str(t.params["pattern"]), fullmatch=True).filter(
                lambda v: 0 < len(v) < shortest and facets(*_GUARANTEE, "ReferenceID").accepts(v)
            )
        )
        t.draw(st.sampled_from(carnets)).reference_id = Identifier(value=short)
        return
    fits = facets(*_GUARANTEE, "ReferenceID").accepts
    candidates = st.one_of(
        st.integers(25_000_001, 99_999_999).map(str),
        st.text(string.digits, min_size=1, max_size=7).map(lambda d: "0" + d),
        st.tuples(
            st.text(string.ascii_uppercase, min_size=2, max_size=3),
            st.text(string.digits, min_size=1, max_size=9),
        ).map("".join),
    ).filter(fits)
    value = _off_pattern(t, candidates, str(t.params["pattern"]))
    t.draw(st.sampled_from(carnets)).reference_id = Identifier(value=value)


@violator("tir-holder", needs=regime_needs("TIR"))
def _bad_holder(t: ViolationTarget) -> None:
    declarant = t.declaration.declarant
    if declarant is None or declarant.id is None:
        reject()
    assert declarant is not None and declarant.id is not None
    pattern = t.params.get("pattern")
    if pattern is None:
        declarant.id = None
        return
    current = declarant.id.value
    fits = facets("Declaration", "Declarant", "ID").accepts
    candidates = st.one_of(
        st.text(string.digits, min_size=9, max_size=14),
        st.just(current.replace("/", "-")),
        st.just(current.lower()),
        st.just(current.replace("/", "", 1)),
    ).filter(fits)
    declarant.id = Identifier(value=_off_pattern(t, candidates, str(pattern)))


# --- offices ---------------------------------------------------------------------------------


@violator("transit-offices", needs=regime_needs())
def _no_office(t: ViolationTarget) -> None:
    decl = t.declaration
    if t.draw(st.booleans()):
        decl.destination_office = None
    else:
        decl.declaration_office_id = None


@violator("transit-office-reference", needs=_typed("NCTS"))
def _bad_office_reference(t: ViolationTarget) -> None:
    decl = t.declaration
    pattern = str(t.params["pattern"])
    nodes: list[tuple[Any, str, tuple[str, ...]]] = []
    if decl.declaration_office_id is not None:
        nodes.append((decl, "declaration_office_id", ("Declaration", "DeclarationOfficeID")))
    if decl.destination_office is not None and decl.destination_office.id is not None:
        nodes.append((decl.destination_office, "id", ("Declaration", "DestinationOffice", "ID")))
    nodes.extend(
        (office, "id", ("Declaration", "TransitOffice", "ID"))
        for office in decl.transit_offices
        if office.id is not None
    )
    if not nodes:
        reject()
    owner, attr, path = t.draw(st.sampled_from(nodes))
    current = getattr(owner, attr).value
    country = current[:2]
    fits = facets(*path).accepts
    candidates = st.one_of(
        st.integers(1, 5).flatmap(lambda n: st.text(ALNUM, min_size=n, max_size=n)),
        st.integers(7, 12).flatmap(lambda n: st.text(ALNUM, min_size=n, max_size=n)),
        st.text("-/ .", min_size=1, max_size=1).map(lambda c: current[2:5] + c + current[6:]),
    ).map(lambda rest: country + rest)
    value = _off_pattern(t, candidates.filter(fits), pattern)
    setattr(owner, attr, Identifier(value=value))


def _outside(t: ViolationTarget, regime: Regime) -> None:
    decl = t.declaration
    day = declared_day(decl)
    on_route = set(route_of(decl).roles)
    options = [c for c in OUTSIDE_PARTNERS if c not in on_route and not in_regime(regime, c, day)]
    if not options:
        reject()
    move_destination(decl, t.draw(st.sampled_from(options)))


@violator("transit-ctc-countries", needs=regime_needs("NCTS"))
def _outside_ctc(t: ViolationTarget) -> None:
    _outside(t, "ctc")


@violator("transit-eaeu-countries", needs=regime_needs("EAEU"))
def _outside_eaeu(t: ViolationTarget) -> None:
    _outside(t, "eaeu")


@violator("transit-offices-of-transit", needs=regime_needs("NCTS"))
def _offices_of_transit(t: ViolationTarget) -> None:
    decl = t.declaration
    route = route_of(decl)
    day = declared_day(decl)
    offices = decl.transit_offices
    refs = [ref for o in offices if (ref := text_of(o.id)) is not None]
    options = ["twice"]
    t2 = param_strings(t.params, "t2_types") or ["T2"]
    ends = set(param_strings(t.params, "end_countries"))
    outside_eu = [c for c in route.order if in_regime("cl112", c, day)]
    if refs and (
        decl.transit_type in t2 or outside_eu or {route.departure, route.destination} & ends
    ):
        options.append("none")
    destination = route.destination
    elsewhere = [r for r in refs if office_country(r) != destination]
    if in_regime("cl112", destination, day) and elsewhere and len(elsewhere) < len(refs):
        options.append("destination")
    in_eu = [r for r in refs if in_regime("eu", office_country(r), day)]
    if (
        in_regime("cl112", route.departure, day)
        and in_regime("eu", destination, day)
        and in_eu
        and len(in_eu) < len(refs)
    ):
        options.append("eu")
    how = t.draw(st.sampled_from(options))
    if how == "twice":
        if refs:
            ref = t.draw(st.sampled_from(refs))
            offices.append(_office(ref, len(offices) + 1))
        else:
            office = decl.destination_office
            ref = text_of(office.id) if office is not None else None
            if ref is None:
                reject()
            assert ref is not None
            offices.extend([_office(ref, 1), _office(ref, 2)])
        return
    _ensure_itinerary(decl)
    if how == "none":
        offices.clear()
    elif how == "eu":
        decl.transit_offices = [o for o in offices if text_of(o.id) not in in_eu]
        _renumber_offices(decl)
    else:
        decl.transit_offices = [o for o in offices if office_country(text_of(o.id)) != destination]
        _renumber_offices(decl)


@violator("transit-itinerary", needs=regime_needs())
def _office_off_route(t: ViolationTarget) -> None:
    decl = t.declaration
    _ensure_itinerary(decl)
    on_route = set(route_of(decl).roles) | set(itinerary_countries(decl))
    options = [c for c in OUTSIDE_PARTNERS if c not in on_route]
    if not options:
        reject()
    country = t.draw(st.sampled_from(options))
    ref = country + t.draw(st.text(string.digits, min_size=6, max_size=6))
    decl.transit_offices.append(_office(ref, len(decl.transit_offices) + 1))


@violator("transit-route-stated", needs=regime_needs("TIR", "EAEU"))
def _route_unstated(t: ViolationTarget) -> None:
    decl = t.declaration
    decl.transit_offices = []
    consignment = decl.consignment
    if consignment is not None:
        consignment.itineraries = []
        if not (
            consignment.carrier
            or consignment.consignment_items
            or consignment.consignor
            or consignment.freight
        ):
            decl.consignment = None


@violator("transit-postal-border-means", needs=_typed())
def _postal_with_means(t: ViolationTarget) -> None:
    found = t.declaration.border_transport_means
    if not found or (found[0].registration_nationality_code is None and found[0].id is None):
        reject()
    means = found[0]
    means.mode_code = Code(value=str(t.params.get("mode", "5")))


# --- seals -----------------------------------------------------------------------------------


def _equipment(decl: Declaration) -> list[TransportEquipment]:
    shipment = decl.goods_shipment
    if shipment is None or shipment.consignment is None:
        return []
    return shipment.consignment.transport_equipments


@violator("transit-seals", needs=_typed("NCTS"))
def _bad_seals(t: ViolationTarget) -> None:
    equipment = _equipment(t.declaration)
    if not equipment:
        reject()
    sealed = [(e, s) for e in equipment for s in e.seals if text_of(s.id) is not None]
    how = t.draw(st.sampled_from(("twice", "long", "bare") if sealed else ("bare",)))
    if how == "bare":
        equipment.append(
            TransportEquipment(sequence_numeric=Numeric(value=Decimal(len(equipment) + 1)))
        )
        return
    holder, seal = t.draw(st.sampled_from(sealed))
    ident = text_of(seal.id) or ""
    if how == "twice":
        holder.seals.append(
            Seal(
                sequence_numeric=Numeric(value=Decimal(len(holder.seals) + 1)),
                id=Identifier(value=ident),
            )
        )
        return
    longest = int(t.params.get("max_length", 20))
    top = _SEAL_ID.max_length or 35
    if longest >= top:
        reject()
    size = t.draw(st.integers(longest + 1, top))
    value = ident + t.draw(st.text(string.digits, min_size=size - len(ident), max_size=size))
    seal.id = Identifier(value=value[:size])


@violator("tir-seals", needs=regime_needs("TIR"))
def _no_seals(t: ViolationTarget) -> None:
    for equipment in _equipment(t.declaration):
        equipment.seals = []


# --- goods items -----------------------------------------------------------------------------


@violator("transit-commodity-code", needs=_typed())
def _no_commodity_code(t: ViolationTarget) -> None:
    clear = item_writer("commodity_code").clear
    assert clear is not None
    clear(t.declaration, t.item_index or 0)
    required_with = param_strings(t.params, "required_with")
    shipment = t.declaration.goods_shipment
    if not required_with or shipment is None:
        return
    code = t.draw(st.sampled_from(required_with))
    category, type_code = (code[:-3], code[-3:]) if len(code) > 3 else ("", code)
    document: dict[str, object] = {"type_code": {"value": type_code}, "id": {"value": "EX-0001"}}
    if category:
        document["category_code"] = {"value": category}
    shipment.previous_documents.append(PreviousDocument.model_validate(document))


# --- EAEU customs transit and the regimes by country ---------------------------------------


@violator("eaeu-transit-guarantee", needs=regime_needs("EAEU"))
def _no_eaeu_guarantee(t: ViolationTarget) -> None:
    t.declaration.obligation_guarantees.clear()


@violator("transit-regime", needs=regime_needs("TIR", "NCTS"))
def _unrun_regime(t: ViolationTarget) -> None:
    decl = t.declaration
    if decl.transit_type == "TIR":
        if decl.declarant is not None:
            decl.declarant.id = None
        _cross_only(decl, t.country)
    decl.type_code = Code(value=_TRANSIT_DOCUMENT)


def _cross_only(decl: Declaration, country: str | None) -> None:
    """When ``country`` is crossed, make it the only country the TIR transport crosses: a
    goods declaration for customs transit (950) then has no other country's transit rules
    to answer to (most countries take TIR and not another country's transit document)."""
    legs = decl.consignment.itineraries if decl.consignment is not None else []
    kept = [leg for leg in legs if text_of(leg.routing_country_code) == country]
    if not kept or decl.consignment is None:
        return
    kept[0].sequence_numeric = Numeric(value=Decimal(1))
    decl.consignment.itineraries = kept[:1]
    decl.transit_offices = [
        o for o in decl.transit_offices if office_country(text_of(o.id)) == country
    ]
    _renumber_offices(decl)
