"""Predicates of the transit rules: guarantees, offices, seals and route of a transit
declaration (NCTS types ``T``, ``T1``, ``T2``, ``T2F``; ``TIR``; EAEU procedure ``80``).

Where the layout puts transit data (see the page "Transit on the Middle Corridor"):

- the office of departure is the office of declaration, ``DeclarationOfficeID``; the
  offices of destination and transit are ``DestinationOffice/ID`` and ``TransitOffice/ID``;
- each guarantee is an ``ObligationGuarantee``: its type (NCTS code list CL251) in
  ``SecurityDetailsCode``, its guarantee reference number (GRN) in ``ReferenceID``, any
  other reference in ``ID``; under TIR the guarantee is the TIR carnet (type ``B``) and
  ``ReferenceID`` holds the carnet number;
- the holder of the transit procedure is the declarant (``Declarant/ID``);
- the routing countries are ``Consignment/Itinerary/RoutingCountryCode``; seals are
  ``GoodsShipment/Consignment/TransportEquipment/Seal``.

The facts each predicate applies (code lists, patterns, which types need what) come from
the rule's ``params`` in the pack, where their sources are cited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from stdnum import iso6346

import single_window.rules._transit_texts as texts
from single_window._i18n import Listing, Message
from single_window._model_api import TRANSIT_PROCEDURES
from single_window._values import Located
from single_window.models import (
    Declaration,
    GovernmentAgencyGoodsItem,
    ObligationGuarantee,
    Seal,
    TransitOffice,
    TransportEquipment,
)
from single_window.rules._context import Context, tir_holder_id, tir_type
from single_window.rules._patterns import pattern_matches
from single_window.rules._regimes import Regime, in_regime
from single_window.rules._registry import Name, Params, Violation, predicate
from single_window.rules._route import itinerary_countries, office_country
from single_window.rules._selected import text_of

__all__ = ["NCTS_TYPES", "grn_check_character"]

#: The NCTS declaration types other than TIR.
NCTS_TYPES: frozenset[str] = frozenset({"T", "T1", "T2", "T2F"})


def _types(params: Params, name: str, default: tuple[str, ...]) -> frozenset[str]:
    return frozenset(str(v) for v in params.get(name, default))


def _applies(decl: Declaration, params: Params) -> bool:
    """Whether the rule's ``types`` (default: NCTS and TIR) include the declaration's."""
    kind = decl.transit_type
    return kind is not None and kind in _types(params, "types", (*sorted(NCTS_TYPES), "TIR"))


def _guarantee_type(guarantee: ObligationGuarantee) -> str | None:
    return text_of(guarantee.security_details_code)


def _seals(decl: Declaration) -> list[tuple[TransportEquipment, Seal]]:
    shipment = decl.goods_shipment
    if shipment is None or shipment.consignment is None:
        return []
    return [
        (equipment, seal)
        for equipment in shipment.consignment.transport_equipments
        for seal in equipment.seals
    ]


# --- guarantees --------------------------------------------------------------------------


@predicate("transit-guarantee", "declaration", problems=texts.GUARANTEE)
def transit_guarantee(ctx: Context, params: Params) -> Iterator[Violation]:
    """A transit declaration of the ``types`` has a guarantee, and every guarantee says
    its type (``SecurityDetailsCode``)."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    guarantees = decl.obligation_guarantees
    if not guarantees:
        yield Violation(None, None, problem="missing", missing=("ObligationGuarantee",))
        return
    for guarantee in guarantees:
        if _guarantee_type(guarantee) is None:
            yield Violation(guarantee, None, problem="untyped", missing=("SecurityDetailsCode",))


@predicate("transit-guarantee-type", "declaration", problems=texts.GUARANTEE_TYPE)
def transit_guarantee_type(ctx: Context, params: Params) -> Iterator[Violation]:
    """Every guarantee type is in ``codes``; a TIR declaration is guaranteed by the TIR
    carnet (``tir_type``) and no other declaration is; a declaration whose office of
    departure is in the EU does not use a type of ``not_from_eu``."""
    decl = ctx.declaration
    kind = decl.transit_type
    if not _applies(decl, params) or kind is None:
        return
    codes = _types(params, "codes", ())
    carnet_type = tir_type(params)
    not_from_eu = _types(params, "not_from_eu", ())
    from_eu = in_regime("eu", ctx.route.departure, ctx.as_of, ctx.extensions)
    for guarantee in decl.obligation_guarantees:
        code = _guarantee_type(guarantee)
        if code is None:
            continue
        said: dict[str, object]
        if code not in codes:
            problem, said = "not-a-type", {"types": Listing.of(sorted(codes), "comma")}
        elif kind == "TIR" and code != carnet_type:
            problem, said = "not-tir", {"tir": carnet_type}
        elif kind != "TIR" and code == carnet_type:
            problem, said = "tir-on-other", {"type": kind}
        elif from_eu and code in not_from_eu:
            problem, said = "not-from-eu", {"departure": ctx.route.departure}
        else:
            continue
        node = guarantee.security_details_code
        yield Violation(node, code, {"value": code}, problem=problem, params=said)


@predicate("transit-grn", "declaration", problems=texts.GRN)
def transit_grn(ctx: Context, params: Params) -> Iterator[Violation]:
    """A guarantee of a type in ``grn_types`` has a guarantee reference number
    (``ReferenceID``) that matches ``pattern`` with the length ``voucher_length`` for the
    ``voucher_types`` and ``length`` for the others; a guarantee of another type (but
    the TIR carnet, ``tir_type``) has none."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    grn_types = _types(params, "grn_types", ())
    vouchers = _types(params, "voucher_types", ())
    carnet_type = tir_type(params)
    pattern = str(params["pattern"])
    for guarantee in decl.obligation_guarantees:
        code = _guarantee_type(guarantee)
        if code is None or code == carnet_type:
            continue
        reference = guarantee.reference_id
        grn = text_of(reference)
        if code not in grn_types:
            if grn is not None:
                given = {"grn": repr(grn), "type": code}
                yield Violation(
                    reference, grn, {"value": grn}, problem="not-for-type", params=given
                )
            continue
        if grn is None:
            needed = {"type": code}
            yield Violation(
                guarantee,
                None,
                {"value": ""},
                problem="missing",
                params=needed,
                missing=("ReferenceID",),
            )
            continue
        length = int(params["voucher_length"] if code in vouchers else params["length"])
        found: dict[str, object] = {"grn": repr(grn)}
        if not pattern_matches(pattern, grn):
            problem = "form"
        elif len(grn) != length:
            problem = "length"
            found.update(count=len(grn), type=code, expected=length)
        else:
            continue
        yield Violation(reference, grn, {"value": grn}, problem=problem, params=found)


def grn_check_character(grn: str) -> str:
    """The check character of a guarantee reference number: ISO 6346's check digit over
    its first 16 characters, as DG XXI/0879/99 Rev.1 ("Check character algorithm for the
    MRN and GRN", 1 June 1999) defines it."""
    return str(iso6346.calc_check_digit(grn[:16]))


@predicate("transit-grn-check", "declaration")
def transit_grn_check(ctx: Context, params: Params) -> Iterator[Violation]:
    """The 17th character of every well-formed guarantee reference number is the ISO 6346
    check digit of the first 16."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    pattern = str(params["pattern"])
    for guarantee in decl.obligation_guarantees:
        grn = text_of(guarantee.reference_id)
        if grn is None or not pattern_matches(pattern, grn):
            continue
        expected = grn_check_character(grn)
        if grn[16] != expected:
            yield Violation(
                guarantee.reference_id, grn, {"value": grn, "found": grn[16], "expected": expected}
            )


@predicate("transit-other-reference", "declaration")
def transit_other_reference(ctx: Context, params: Params) -> Iterator[Violation]:
    """A guarantee of a type in ``reference_types`` gives its other guarantee reference
    (``ObligationGuarantee/ID``)."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    wanted = _types(params, "reference_types", ())
    for guarantee in decl.obligation_guarantees:
        code = _guarantee_type(guarantee)
        if code in wanted and text_of(guarantee.id) is None:
            yield Violation(
                guarantee,
                code,
                {"value": code, "reference": Name(("ObligationGuarantee", "ID"))},
                missing=("ID",),
            )


@predicate("tir-carnet", "declaration", problems=texts.TIR_CARNET)
def tir_carnet(ctx: Context, params: Params) -> Iterator[Violation]:
    """A TIR declaration gives its TIR carnet number (``ReferenceID`` of its ``tir_type``
    guarantee), and the number matches ``pattern`` and has ``min_length`` to
    ``max_length`` characters (when the rule gives them)."""
    decl = ctx.declaration
    if decl.transit_type != "TIR":
        return
    carnet_type = tir_type(params)
    pattern = str(params["pattern"])
    shortest = int(params.get("min_length", 1))
    longest = int(params.get("max_length", shortest)) if "max_length" in params else None
    carnets = [g for g in decl.obligation_guarantees if _guarantee_type(g) == carnet_type]
    numbered = [g for g in carnets if text_of(g.reference_id) is not None]
    if not numbered:
        if carnets:
            yield Violation(
                carnets[0], None, {"value": ""}, problem="missing", missing=("ReferenceID",)
            )
        else:
            missing = ("ObligationGuarantee", "ReferenceID")
            yield Violation(None, None, {"value": ""}, problem="missing", missing=missing)
        return
    for guarantee in numbered:
        number = text_of(guarantee.reference_id)
        assert number is not None
        found: dict[str, object] = {"number": repr(number)}
        if not pattern_matches(pattern, number):
            problem = "not-a-carnet"
        elif len(number) < shortest or (longest is not None and len(number) > longest):
            problem = "length"
            found["count"] = len(number)
            found["expected"] = (
                texts.TIR_CARNET("at-least", count=shortest)
                if longest is None
                else Listing.of(range(shortest, longest + 1), "or")
            )
        else:
            continue
        node = guarantee.reference_id
        yield Violation(node, number, {"value": number}, problem=problem, params=found)


@predicate("tir-holder", "declaration")
def tir_holder(ctx: Context, params: Params) -> Iterator[Violation]:
    """A TIR declaration identifies the holder of the TIR carnet (``Declarant/TIRHolderID``;
    in a WCO declaration without it, ``Declarant/ID``); with ``pattern``, the identifier
    has that form."""
    decl = ctx.declaration
    if decl.transit_type != "TIR":
        return
    node = tir_holder_id(decl)
    ident = text_of(node)
    pattern = params.get("pattern")
    if ident is None:
        if pattern is None:
            yield Violation(None, None, {"value": ""}, missing=("Declarant", "TIRHolderID"))
        return
    if pattern is not None and not pattern_matches(str(pattern), ident):
        yield Violation(node, ident, {"value": ident})


# --- offices -----------------------------------------------------------------------------


def _offices(decl: Declaration) -> Iterator[tuple[str, Located, str]]:
    """Every office reference of the declaration: (what it is, as a key of the transit
    words; node; reference)."""
    destination = decl.destination_office
    named = [
        ("office-of-departure", decl.declaration_office_id),
        ("office-of-destination", destination.id if destination is not None else None),
        *(("office-of-transit", transit.id) for transit in decl.transit_offices),
        *(("office-of-exit", exit_office.id) for exit_office in decl.exit_offices),
    ]
    for what, node in named:
        if node is not None and (ref := text_of(node)) is not None:
            yield what, node, ref


@predicate("transit-offices", "declaration")
def transit_offices(ctx: Context, params: Params) -> Iterator[Violation]:
    """A transit declaration names its office of departure (``DeclarationOfficeID``) and
    its office of destination (``DestinationOffice/ID``)."""
    decl = ctx.declaration
    if text_of(decl.declaration_office_id) is None:
        departure = texts.WORDS("office-of-departure")
        yield Violation(None, None, {"office": departure}, missing=("DeclarationOfficeID",))
    destination = decl.destination_office
    if destination is None or text_of(destination.id) is None:
        missing = ("DestinationOffice", "ID")
        office = texts.WORDS("office-of-destination")
        yield Violation(None, None, {"office": office}, missing=missing)


@predicate("transit-office-reference", "declaration")
def transit_office_reference(ctx: Context, params: Params) -> Iterator[Violation]:
    """Every office of a declaration of the ``types`` has a customs office reference
    number of the form ``pattern``."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    pattern = str(params["pattern"])
    for what, node, ref in _offices(decl):
        if not pattern_matches(pattern, ref):
            yield Violation(node, ref, {"value": ref, "office": texts.WORDS(what)})


def _where(
    country: str | None, office: Located | None, fallback: Located | None
) -> tuple[Located | None, str | None]:
    """The element a route end's country is read from, with its text: the office
    reference when it starts with the country's code, else the element that names the
    country (the office reference, when neither gives it)."""
    reference = text_of(office)
    if reference is not None and office_country(reference) == country:
        return office, reference
    if country is not None and text_of(fallback) == country:
        return fallback, country
    return office, reference


def _end_countries(ctx: Context) -> Iterator[tuple[str, Located | None, str | None, str | None]]:
    """The offices of departure and destination: what each is (a key of the transit
    words), the element its country is read from and that element's text, and the
    country."""
    decl = ctx.declaration
    departure = ctx.route.departure
    metadata = decl.metadata
    responsible = metadata.responsible_country_code if metadata is not None else None
    node, text = _where(departure, decl.declaration_office_id, responsible)
    yield "office-of-departure", node, text, departure
    office = decl.destination_office
    shipment = decl.goods_shipment
    named = shipment.destination if shipment is not None else None
    destination = ctx.route.destination
    office_id = office.id if office is not None else None
    node, text = _where(destination, office_id, named.country_code if named is not None else None)
    what = "office-of-destination" if node is office_id else "destination"
    yield what, node, text, destination


def _regime_offices(ctx: Context, regime: Regime) -> Iterator[Violation]:
    name = texts.WORDS(f"regime-{regime}")
    for what, node, text, country in _end_countries(ctx):
        if not in_regime(regime, country, ctx.as_of, ctx.extensions):
            shown = country or texts.WORDS("unknown")
            yield Violation(
                node, text, {"value": shown, "office": texts.WORDS(what), "regime": name}
            )


@predicate("transit-ctc-countries", "declaration")
def transit_ctc_countries(ctx: Context, params: Params) -> Iterator[Violation]:
    """The offices of departure and destination of an NCTS declaration are in countries
    party to the Convention on a common transit procedure on the declaration's date."""
    if ctx.declaration.transit_type not in NCTS_TYPES:
        return
    yield from _regime_offices(ctx, "ctc")


@predicate("transit-eaeu-countries", "declaration")
def transit_eaeu_countries(ctx: Context, params: Params) -> Iterator[Violation]:
    """The offices of departure and destination of an EAEU customs transit (a goods item
    requests procedure ``80``) are in member states of the EAEU on the declaration's
    date."""
    if not _eaeu_transit(ctx.declaration):
        return
    yield from _regime_offices(ctx, "eaeu")


def _requests(decl: Declaration, procedures: frozenset[str]) -> bool:
    """Whether a goods item requests one of ``procedures`` (first two characters)."""
    return any(
        (code := item.procedure_code) is not None and code[:2] in procedures
        for item in decl.goods_items
    )


def _eaeu_transit(decl: Declaration) -> bool:
    """An EAEU customs transit: no NCTS or TIR type, and an item requests procedure 80."""
    return decl.transit_type is None and _requests(decl, TRANSIT_PROCEDURES)


def _offices_of_transit_needed(ctx: Context, kind: str, params: Params) -> Message | None:
    """Why condition C0030 requires offices of transit on this declaration, or None when
    it leaves them optional. Its branches in their order: optional when departure and
    destination are in one CTC country outside the EU (CL112); required for the
    ``t2_types``, when the office of departure or of destination is in a CL112 country,
    when a routing country is, when the office of departure or of destination is in one
    of the ``end_countries`` (Andorra), when an office of exit for transit is declared,
    and for a type ``T`` declaration with goods items of the ``t2_types``
    (``GovernmentAgencyGoodsItem/DeclarationTypeCode``)."""
    decl = ctx.declaration
    on = ctx.as_of
    departure, destination = ctx.route.departure, ctx.route.destination
    if (
        departure is not None
        and departure == destination
        and in_regime("cl112", departure, on, ctx.extensions)
    ):
        return None
    t2_types = _types(params, "t2_types", ("T2",))
    if kind in t2_types:
        return texts.OF_TRANSIT("always", type=kind)
    if kind == "T" and any(text_of(i.declaration_type_code) in t2_types for i in decl.goods_items):
        return texts.OF_TRANSIT("t-with-t2-items")
    for country in (departure, destination, *itinerary_countries(decl)):
        if in_regime("cl112", country, on, ctx.extensions):
            return texts.OF_TRANSIT("on-route", country=country)
    ends = _types(params, "end_countries", ())
    for what, country in (("departure-in", departure), ("destination-in", destination)):
        if country in ends:
            return texts.OF_TRANSIT(what, country=country)
    if any(text_of(exit_office.id) is not None for exit_office in decl.exit_offices):
        return texts.OF_TRANSIT("exit", exit=Name(("ExitOffice",)))
    return None


def _offices_in_the_right_countries(
    ctx: Context, declared: list[tuple[TransitOffice, str]]
) -> Iterator[Violation]:
    """Rule R0006 on the declared offices of transit: one in the destination's country
    when that is a CTC country outside the EU (CL112); at least one in the EU when the
    goods leave such a country for the EU."""
    on = ctx.as_of
    departure, destination = ctx.route.departure, ctx.route.destination
    countries = [office_country(ref) for _, ref in declared]
    last, ref = declared[-1]
    if in_regime("cl112", destination, on, ctx.extensions) and destination not in countries:
        where = {"destination": destination}
        yield Violation(last.id, ref, {"value": ref}, problem="not-in-destination", params=where)
    if (
        in_regime("cl112", departure, on, ctx.extensions)
        and in_regime("eu", destination, on, ctx.extensions)
        and not any(in_regime("eu", c, on, ctx.extensions) for c in countries)
    ):
        way = {"departure": departure, "destination": destination}
        yield Violation(last.id, ref, {"value": ref}, problem="not-in-eu", params=way)


@predicate("transit-offices-of-transit", "declaration", problems=texts.OF_TRANSIT)
def transit_offices_of_transit(ctx: Context, params: Params) -> Iterator[Violation]:
    """An NCTS declaration other than TIR declares offices of transit where condition
    C0030 asks for them: unless departure and destination are in one CTC country outside
    the EU (NCTS code list CL112), for the ``t2_types``, when the office of departure or
    of destination or a routing country is in a CL112 country, when the office of
    departure or of destination is in one of the ``end_countries``, and when an office
    of exit for transit (``ExitOffice``) is declared. The declared offices include one
    in the destination's country when that is a CL112 country, and one in the EU when
    the goods go from a CL112 country to the EU (R0006); none is declared twice (R0003)."""
    decl = ctx.declaration
    kind = decl.transit_type
    if kind not in NCTS_TYPES:
        return
    declared = [(o, ref) for o in decl.transit_offices if (ref := text_of(o.id)) is not None]
    if not declared:
        reason = _offices_of_transit_needed(ctx, kind, params)
        if reason is not None:
            why = {"reason": reason}
            yield Violation(None, None, {"value": ""}, problem="none-declared", params=why)
        return
    yield from _offices_in_the_right_countries(ctx, declared)
    seen = Counter(ref for _, ref in declared)
    for office, ref in declared:
        if seen[ref] > 1:
            seen[ref] = 0
            twice = {"office": ref}
            yield Violation(office.id, ref, {"value": ref}, problem="twice", params=twice)


# --- route -------------------------------------------------------------------------------


def _routing(decl: Declaration) -> Name:
    """The routing countries (``Consignment/Itinerary``), named from the nearest node."""
    if decl.consignment is not None:
        return Name(("Itinerary",), decl.consignment)
    return Name(("Consignment", "Itinerary"))


@predicate("transit-itinerary", "declaration")
def transit_itinerary(ctx: Context, params: Params) -> Iterator[Violation]:
    """When the declaration gives an itinerary, every country of an office of transit is
    among its routing countries (or is the departure or destination country)."""
    decl = ctx.declaration
    routing = set(itinerary_countries(decl))
    if not routing:
        return
    ends = {ctx.route.departure, ctx.route.destination}
    for office in decl.transit_offices:
        ref = text_of(office.id)
        country = office_country(ref)
        if country is not None and country not in routing and country not in ends:
            yield Violation(
                office.id, ref, {"value": ref, "country": country, "routing": _routing(decl)}
            )


@predicate("transit-route-stated", "declaration")
def transit_route_stated(ctx: Context, params: Params) -> Iterator[Violation]:
    """A transit declaration from one country to another says which countries the goods
    cross: routing countries (``Itinerary``) or offices of transit."""
    decl = ctx.declaration
    departure, destination = ctx.route.departure, ctx.route.destination
    if departure is None or destination is None or departure == destination:
        return
    if itinerary_countries(decl) or decl.transit_offices:
        return
    routing = _routing(decl)
    yield Violation(
        routing.anchor,
        None,
        {"departure": departure, "destination": destination},
        missing=routing.steps,
    )


@predicate("transit-postal-border-means", "declaration")
def transit_postal_border_means(ctx: Context, params: Params) -> Iterator[Violation]:
    """When goods cross the border by post (``ModeCode`` ``mode``), the declaration does not
    identify a border means of transport."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    mode = str(params.get("mode", "5"))
    if text_of(decl.border_mode) != mode:
        return
    for means in decl.border_transport_means:
        for node in (means.id, means.identification_type_code, means.registration_nationality_code):
            if node is not None and text_of(node) is not None:
                yield Violation(node, text_of(node), {"value": text_of(node), "mode": mode})
                return


# --- seals -------------------------------------------------------------------------------


@predicate("transit-seals", "declaration", problems=texts.SEALS)
def transit_seals(ctx: Context, params: Params) -> Iterator[Violation]:
    """Seal identifiers are unique in the declaration and at most ``max_length``
    characters long; a piece of transport equipment without an identifier (a sealed
    vehicle rather than a container) has at least one seal."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    longest = int(params.get("max_length", 20))
    seals = _seals(decl)
    seen = Counter(text_of(seal.id) for _, seal in seals)
    for _, seal in seals:
        ident = text_of(seal.id)
        if ident is None:
            continue
        found: dict[str, object] = {"seal": repr(ident)}
        if len(ident) > longest:
            problem = "too-long"
            found.update(count=len(ident), max=longest)
        elif seen[ident] > 1:
            seen[ident] = 0
            problem = "repeated"
        else:
            continue
        yield Violation(seal.id, ident, {"value": ident}, problem=problem, params=found)
    shipment = decl.goods_shipment
    consignment = shipment.consignment if shipment is not None else None
    for equipment in consignment.transport_equipments if consignment is not None else ():
        if text_of(equipment.id) is None and not equipment.seals:
            yield Violation(equipment, None, {"value": ""}, problem="unsealed")


@predicate("tir-seals", "declaration")
def tir_seals(ctx: Context, params: Params) -> Iterator[Violation]:
    """A TIR load travels under customs seal: the declaration lists at least one seal,
    unless it states one of the ``unless_statements`` (the heavy or bulky goods
    endorsement) as additional information."""
    decl = ctx.declaration
    if decl.transit_type != "TIR" or _seals(decl):
        return
    unless = _types(params, "unless_statements", ())
    if any(text_of(info.statement_code) in unless for info in decl.additional_information):
        return
    shipment = decl.goods_shipment
    consignment = shipment.consignment if shipment is not None else None
    if consignment is not None:
        yield Violation(consignment, None, {}, missing=("TransportEquipment", "Seal"))
    else:
        missing = ("GoodsShipment", "Consignment", "TransportEquipment", "Seal")
        yield Violation(None, None, {}, missing=missing)


# --- goods items -------------------------------------------------------------------------


def _shipment_document_types(decl: Declaration, item: GovernmentAgencyGoodsItem) -> set[str]:
    """The types (``830`` and ``N830``) of the previous documents of the goods shipment and
    of the house consignment ``item`` belongs to (of every house where it names none)."""
    shipment = decl.goods_shipment
    if shipment is None:
        return set()
    house = getattr(item.house_consignment_sequence_numeric, "value", None)
    documents = [*shipment.previous_documents]
    for each in shipment.house_consignments:
        if house is None or getattr(each.sequence_numeric, "value", None) == house:
            documents += each.previous_documents
    found: set[str] = set()
    for document in documents:
        if (type_code := text_of(document.type_code)) is not None:
            found |= {type_code, document.code or type_code}
    return found


@predicate("transit-commodity-code", "item")
def transit_commodity_code(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """Every goods item of a declaration of the ``types`` has a commodity code; with
    ``required_with``, only when the goods shipment or the item's own house consignment
    has a previous document of one of those types, such as the export declaration
    ``N830`` (DDNTA C0153 reads the house consignment's previous documents)."""
    decl = ctx.declaration
    if not _applies(decl, params):
        return
    if ctx.commodity_code(item) is not None:
        return
    required_with = _types(params, "required_with", ())
    if required_with and not required_with & _shipment_document_types(decl, item):
        return
    yield Violation(item.commodity or item, None, {"type": decl.transit_type or ""})


# --- EAEU customs transit ------------------------------------------------------------------


@predicate("eaeu-transit-guarantee", "declaration")
def eaeu_transit_guarantee(ctx: Context, params: Params) -> Iterator[Violation]:
    """An EAEU customs transit (a goods item requests procedure ``80``) gives the security
    for the duties and taxes (an ``ObligationGuarantee``)."""
    decl = ctx.declaration
    if _eaeu_transit(decl) and not decl.obligation_guarantees:
        yield Violation(None, None, {}, missing=("ObligationGuarantee",))


# --- regimes by country ----------------------------------------------------------------------


@predicate("transit-regime", "declaration", problems=texts.REGIME)
def transit_regime(ctx: Context, params: Params) -> Iterator[Violation]:
    """The transit declaration uses a regime the pack's country runs: a declaration type
    in ``types`` (NCTS types, ``TIR``) or, for goods items, a requested procedure in
    ``procedures`` (``80``: EAEU customs transit)."""
    decl = ctx.declaration
    kind = decl.transit_type
    if kind is not None and kind in _types(params, "types", ()):
        return
    procedures = _types(params, "procedures", ())
    if procedures and _requests(decl, procedures):
        return
    accepted = Listing.of(
        [
            *sorted(_types(params, "types", ())),
            *(texts.REGIME("procedure", code=p) for p in sorted(procedures)),
        ],
        "comma",
    )
    node: Located | None = decl.type_code
    value = text_of(decl.type_code)
    shown: Message | str = kind or value or texts.REGIME("no-type")
    if kind is None:
        for item in decl.goods_items:
            current = next((g.current_code for g in item.government_procedures), None)
            if current is not None and text_of(current) is not None:
                node, value = current, text_of(current)
                shown = texts.REGIME("procedure", code=value)
                break
    yield Violation(
        node,
        value,
        {"value": shown, "expected": accepted, "country": params.get("country", "")},
    )
