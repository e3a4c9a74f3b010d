"""The rules and conditions of the NCTS transit declaration (IE015, DDNTA Appendix Q2) that
a declaration can be judged by before it is lodged, read from the canonical view so that
one check judges an NCTS CC015C and a WCO-layout transit declaration alike.

Each check is filed under the rule or condition it applies (``C0055``, ``R0103``, ...) in
:data:`CHECKS`; the pack names it (``predicate = "ncts-rule"``, ``params = { rule = "C0055" }``)
and the check is found by that id once, when the rule runs. Checks of one shape are built
from one table: conditions that make a data item required or not allowed
(:data:`_PRESENCE`), data items given at one level only (:data:`_LEVELS`), and data items
that every house consignment or goods item repeats identically (:data:`_SAME`).

A condition reads only data the declaration has: a flag of the transit operation (the
security type, the additional declaration type, the reduced data set; in the WCO layout the
profile's optional additions) that a declaration leaves out makes a condition that depends
on it not apply there.

Where the canonical model keeps each CC015C data item, see the page "NCTS messages" and
:mod:`single_window.formats.ncts`: the transit operation's flags on ``Declaration``, house
consignments in ``GoodsShipment/HouseConsignment``, the authorisations in
``Declaration/AdditionalDocument``, places of loading and unloading in
``GoodsShipment/Consignment``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import single_window.rules._ncts_goods as goods
import single_window.rules._ncts_more as more
import single_window.rules._ncts_texts as texts
from single_window._values import Leaf, Node
from single_window.models import (
    Declaration,
    GovernmentAgencyGoodsItem,
    HouseConsignment,
)
from single_window.rules._context import Context
from single_window.rules._ncts_read import (
    TPEND_DATE,
    TRANSITIONAL,
    _additional,
    _authorisations,
    _border_means,
    _consignment,
    _departure,
    _freight,
    _has,
    _houses,
    _items_of,
    _reduced,
    _security,
    in_list,
)
from single_window.rules._registry import Params, Violation, predicate
from single_window.rules._selected import text_of

__all__ = ["CHECKS", "Check"]

#: A check of one rule or condition: the violations of a declaration.
Check = Callable[[Context], Iterator[Violation]]

_SHIPMENT = ("GoodsShipment",)
_CONSIGNMENT = ("GoodsShipment", "Consignment")


# --- shape 1: a data item required or not allowed under a condition ----------------------


@dataclass(frozen=True)
class _Target:
    """Where a data item is: the nodes that could hold it (each with its canonical steps
    from the declaration when it is not there) and how to read it on each."""

    holders: Callable[[Declaration], Iterable[tuple[object, tuple[str, ...]]]]
    steps: tuple[str, ...]
    present: Callable[[Any], object]


def _on_declaration(steps: tuple[str, ...], read: Callable[[Any], object]) -> _Target:
    return _Target(lambda d: [(d, ())], steps, read)


def _on_consignment(steps: tuple[str, ...], read: Callable[[Any], object]) -> _Target:
    def holders(decl: Declaration) -> list[tuple[object, tuple[str, ...]]]:
        return [(_consignment(decl), _CONSIGNMENT)]

    return _Target(holders, steps, read)


@dataclass(frozen=True)
class _Presence:
    """Data item ``target`` is ``need`` ("required" or "not-allowed") when ``when`` says
    why (a message) for the declaration, or None when the condition does not apply."""

    target: _Target
    need: str
    when: Callable[[Declaration], object]


def _presence(row: _Presence) -> Check:
    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        reason = row.when(decl)
        if reason is None or reason is False:
            return
        said = {"reason": reason}
        for holder, base in row.target.holders(decl):
            found = row.target.present(holder) if holder is not None else None
            given = [n for n in _as_list(found) if _has(n)]
            if row.need == "required" and not given:
                steps = row.target.steps if holder is not None else base + row.target.steps
                anchor = holder if isinstance(holder, Node | Leaf) else None
                yield Violation(anchor, None, problem="required", params=said, missing=steps)
            elif row.need == "not-allowed":
                for node in given:
                    node_at = node if isinstance(node, Node | Leaf) else None
                    value = text_of(node)
                    yield Violation(node_at, value, problem="not-allowed", params=said)

    return check


def _as_list(found: object) -> list[object]:
    if found is None:
        return []
    if isinstance(found, list | tuple):
        return list(found)
    return [found]


def _security_in(*codes: str) -> Callable[[Declaration], object]:
    def when(decl: Declaration) -> object:
        security = _security(decl)
        return texts.REASON("security", security=security) if security in codes else None

    return when


def _standard_with_security(decl: Declaration) -> object:
    security = _security(decl)
    if _additional(decl) == "A" and security in {"1", "2", "3"}:
        return texts.REASON("standard-security", security=security)
    return None


def _standard(decl: Declaration) -> object:
    return texts.REASON("standard") if _additional(decl) == "A" else None


def _reduced_set(decl: Declaration) -> object:
    return texts.REASON("reduced") if _reduced(decl) == "1" else None


def _container(code: str) -> Callable[[Declaration], object]:
    def when(decl: Declaration) -> object:
        consignment = _consignment(decl)
        indicator = text_of(consignment.container_code) if consignment is not None else None
        if indicator != code:
            return None
        return texts.REASON("container", indicator=code)

    return when


def _no_container_indicator(decl: Declaration) -> object:
    consignment = _consignment(decl)
    if consignment is None or text_of(consignment.container_code) is not None:
        return None
    return texts.REASON("no-container-indicator")


def _binding_or_security(decl: Declaration) -> object:
    if text_of(decl.binding_itinerary_indicator_code) == "1":
        return texts.REASON("binding")
    return _security_in("1", "2", "3")(decl)


def _air_with_security(decl: Declaration) -> object:
    if text_of(decl.border_mode) == "4":
        return _security_in("1", "2", "3")(decl)
    return None


def _no_authorisation(code: str) -> Callable[[Declaration], object]:
    def when(decl: Declaration) -> object:
        if code in _authorisations(decl):
            return None
        return texts.REASON("no-authorisation", code=code)

    return when


def _with_authorisation_standard(code: str) -> Callable[[Declaration], object]:
    def when(decl: Declaration) -> object:
        if code not in _authorisations(decl) or _additional(decl) != "A":
            return None
        return texts.REASON("authorisation-standard", code=code)

    return when


def _consignment_freight(decl: Declaration) -> object:
    return texts.REASON("consignment-freight") if _has(_freight(decl)) else None


def _not_exit_security(decl: Declaration) -> object:
    security = _security(decl)
    if security is None or security in {"2", "3"}:
        return None
    return texts.REASON("security", security=security)


def _house_field(read: Callable[[HouseConsignment], object], step: str) -> _Target:
    def holders(decl: Declaration) -> list[tuple[object, tuple[str, ...]]]:
        return [(h, ()) for h in _houses(decl)]

    return _Target(holders, (step,), read)


_UNLOADING = _on_consignment(("UnloadingLocation",), lambda c: c.unloading_location)
_EQUIPMENT = _on_consignment(("TransportEquipment",), lambda c: c.transport_equipments)
_LIMIT_DATE = _on_declaration(("TransitLimitDateTime",), lambda d: d.transit_limit_date_time)

#: Conditions that make a data item required or not allowed, by rule id.
_PRESENCE: dict[str, tuple[_Presence, ...]] = {
    "C0055": (
        _Presence(
            _on_consignment(
                ("TransportEquipment", "ID"), lambda c: [e.id for e in c.transport_equipments]
            ),
            "not-allowed",
            _container("0"),
        ),
    ),
    "C0823": (
        _Presence(_EQUIPMENT, "required", _container("1")),
        _Presence(_EQUIPMENT, "not-allowed", _no_container_indicator),
    ),
    "C0822": (
        _Presence(
            _on_consignment(("ContainerCode",), lambda c: c.container_code), "required", _standard
        ),
    ),
    "C0101": (
        _Presence(
            _on_declaration(("AdditionalDocument",), lambda d: d.additional_documents),
            "required",
            _reduced_set,
        ),
    ),
    "C0191": (
        _Presence(_UNLOADING, "required", _security_in("1", "3")),
        _Presence(_UNLOADING, "not-allowed", _security_in("0")),
    ),
    "C0186": (
        _Presence(
            _on_declaration(("Consignment", "Freight"), _freight), "not-allowed", _security_in("0")
        ),
        _Presence(_house_field(lambda h: h.freight, "Freight"), "not-allowed", _security_in("0")),
    ),
    "C0337": (
        _Presence(
            _house_field(lambda h: h.freight, "Freight"), "not-allowed", _consignment_freight
        ),
    ),
    "C0531": (
        _Presence(
            _Target(
                lambda d: [(m, ()) for m in _border_means(d)],
                ("ConveyanceReferenceID",),
                lambda m: m.conveyance_reference_id,
            ),
            "required",
            _air_with_security,
        ),
    ),
    "C0586": (
        _Presence(
            _on_declaration(
                ("Consignment", "Itinerary"),
                lambda d: d.consignment.itineraries if d.consignment is not None else [],
            ),
            "required",
            _binding_or_security,
        ),
    ),
    "C0587": (
        _Presence(
            _on_declaration(("ExitOffice",), lambda d: [o.id for o in d.exit_offices]),
            "not-allowed",
            _not_exit_security,
        ),
    ),
    "C0599": (
        _Presence(
            _on_declaration(("BorderTransportMeans", "ModeCode"), lambda d: d.border_mode),
            "required",
            _standard_with_security,
        ),
    ),
    "C0806": (
        _Presence(
            _on_declaration(("BorderTransportMeans",), _border_means),
            "required",
            _standard_with_security,
        ),
    ),
    "C0839": (
        _Presence(_LIMIT_DATE, "not-allowed", _no_authorisation("C521")),
        _Presence(_LIMIT_DATE, "required", _with_authorisation_standard("C521")),
    ),
}


# --- shape 2: a data item at one level only ---------------------------------------------


@dataclass(frozen=True)
class _Levels:
    """A data item given on the consignment, else on house consignments, else on goods
    items, never on two levels; with ``required_below``, every goods item of a declaration
    with house consignments gives it when no level above does (unless ``unless``)."""

    shipment: Callable[[Any], object]
    house: Callable[[HouseConsignment], object]
    item: Callable[[GovernmentAgencyGoodsItem], object]
    steps: tuple[str, ...]
    required_below: bool = False
    unless: Callable[[Declaration], bool] | None = None


def _levels(row: _Levels) -> Check:
    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        shipment = decl.goods_shipment
        top = row.shipment(shipment) if shipment is not None else None
        houses = _houses(decl)
        for house in houses:
            at_house = row.house(house)
            above = "consignment" if _has(top) else None
            if above is not None and _has(at_house):
                yield _twice(at_house, above)
            above = above or ("house" if _has(at_house) else None)
            for item in _items_of(decl, house):
                at_item = row.item(item)
                if above is not None and _has(at_item):
                    yield _twice(at_item, above)
                elif above is None and not _has(at_item) and _required(row, decl):
                    yield Violation(item, None, problem="required-item", missing=row.steps)
        if not houses:
            for item in decl.goods_items:
                at_item = row.item(item)
                if _has(top) and _has(at_item):
                    yield _twice(at_item, "consignment")

    return check


def _required(row: _Levels, decl: Declaration) -> bool:
    return row.required_below and not (row.unless is not None and row.unless(decl))


def _twice(node: object, level: str) -> Violation:
    located = node if isinstance(node, Node | Leaf) else getattr(node, "id", None)
    anchor = located if isinstance(located, Node | Leaf) else None
    said = {"level": _LEVEL_WORDS[level]}
    return Violation(anchor, text_of(node), problem="two-levels", params=said)


#: The levels as the messages name them (made once: a finding on every goods item of a
#: large declaration shares them).
_LEVEL_WORDS = {level: texts.LEVEL(level) for level in ("consignment", "house", "item")}


def _transport_documents(decl: Declaration) -> bool:
    consignment = _consignment(decl)
    if consignment is not None and consignment.transport_contract_documents:
        return True
    return any(h.transport_contract_documents for h in _houses(decl))


def _country_id(node: object) -> object:
    return getattr(node, "id", None) if node is not None else None


def _country_code(node: object) -> object:
    return getattr(node, "country_code", None) if node is not None else None


def _ucr(node: object) -> object:
    return getattr(node, "id", None) if node is not None else None


_LEVEL_ROWS: dict[str, _Levels] = {
    "C0343": _Levels(
        lambda s: _country_code(s.destination),
        lambda h: _country_code(h.destination),
        lambda i: _country_code(i.destination),
        ("Destination", "CountryCode"),
        required_below=True,
    ),
    "C0909": _Levels(
        lambda s: _country_id(s.export_country),
        lambda h: _country_id(h.export_country),
        lambda i: _country_id(i.export_country),
        ("ExportCountry", "ID"),
    ),
    "C0502": _Levels(
        lambda s: _ucr(s.ucr),
        lambda h: _ucr(h.ucr),
        lambda i: _ucr(i.ucr),
        ("UCR", "ID"),
        required_below=True,
        unless=_transport_documents,
    ),
}


# --- shape 3: every house consignment or goods item repeats the same value --------------


def _same(
    nodes: Callable[[Declaration], Sequence[object]],
    key: Callable[[object], object],
    level: str,
) -> Check:
    def check(ctx: Context) -> Iterator[Violation]:
        given = nodes(ctx.declaration)
        if len(given) < 2:
            return
        first = given[0]
        wanted = key(first)
        if wanted is None or any(key(n) != wanted for n in given):
            return
        anchor = first if isinstance(first, Node | Leaf) else None
        said = {"level": texts.LEVEL(level), "count": len(given)}
        yield Violation(anchor, text_of(first), problem="all-same", params=said)

    return check


def _leaf_key(node: object) -> object:
    return text_of(node)


def _party_key(node: object) -> object:
    if node is None:
        return None
    address = getattr(node, "address", None)
    return (
        text_of(getattr(node, "id", None)),
        text_of(getattr(node, "name", None)),
        text_of(getattr(address, "country_code", None)),
        text_of(getattr(address, "city_name", None)),
    )


def _house_nodes(
    read: Callable[[HouseConsignment], object],
) -> Callable[[Declaration], list[object]]:
    def nodes(decl: Declaration) -> list[object]:
        houses = _houses(decl)
        found = [read(h) for h in houses]
        return found if found and all(_has(n) for n in found) else []

    return nodes


def _same_checks() -> dict[str, tuple[Check, ...]]:
    house = [
        (lambda h: h.consignor, _party_key),
        (lambda h: h.consignee, _party_key),
        (lambda h: _ucr(h.ucr), _leaf_key),
        (lambda h: _country_code(h.destination), _leaf_key),
        (lambda h: _country_id(h.export_country), _leaf_key),
    ]
    item = [
        lambda i: _country_id(i.export_country),
        lambda i: _country_code(i.destination),
        lambda i: _ucr(i.ucr),
        lambda i: i.declaration_type_code,
    ]
    return {
        "R0506": tuple(_same(_house_nodes(read), key, "house") for read, key in house),
        "R0507": tuple(_same_on_items(read) for read in item),
    }


def _same_on_items(read: Callable[[GovernmentAgencyGoodsItem], object]) -> Check:
    """R0507 for one data item: it stops at the first goods item that lacks it or gives
    another value (most declarations), in one pass."""

    def check(ctx: Context) -> Iterator[Violation]:
        items = ctx.declaration.goods_items
        if len(items) < 2:
            return
        first = read(items[0])
        wanted = text_of(first)
        if wanted is None:
            return
        for item in items:
            if text_of(read(item)) != wanted:
                return
        anchor = first if isinstance(first, Node | Leaf) else None
        said = {"level": _LEVEL_WORDS["item"], "count": len(items)}
        yield Violation(anchor, wanted, problem="all-same", params=said)

    return check


# --- the registry ---------------------------------------------------------------------------


def _table() -> dict[str, tuple[Check, ...]]:
    table: dict[str, tuple[Check, ...]] = {
        rule: tuple(_presence(row) for row in rows) for rule, rows in _PRESENCE.items()
    }
    table.update({rule: (_levels(row),) for rule, row in _LEVEL_ROWS.items()})
    table.update(_same_checks())
    table.update({rule: (check,) for rule, check in more.CHECKS.items()})
    table.update({rule: (check,) for rule, check in goods.CHECKS.items()})
    return table


#: Every rule and condition the library decides, by its DDNTA id.
CHECKS: dict[str, tuple[Check, ...]] = _table()


def in_ncts(ctx: Context) -> bool:
    """Whether a declaration is lodged in NCTS: an NCTS message, a declaration of an NCTS
    type (T, T1, T2, T2F, T2SM), or a TIR declaration whose office of departure is in a
    common transit country (CL009; elsewhere TIR is declared outside NCTS)."""
    decl = ctx.declaration
    kind = decl.transit_type
    read = decl.read_from
    if kind is None:
        return False
    if kind != "TIR" or (read is not None and read.format == "ncts"):
        return True
    return in_list("ncts:CL009", _departure(decl), ctx)


@predicate("ncts-rule", "declaration", problems=texts.PROBLEMS)
def ncts_rule(ctx: Context, params: Params) -> Iterator[Violation]:
    """The NCTS rule or condition ``rule`` (a DDNTA Appendix Q2 id, ``C0055``) holds for a
    transit declaration in NCTS, on the data the declaration has."""
    rule = str(params["rule"])
    if not in_ncts(ctx):
        return
    if rule in TRANSITIONAL and ctx.as_of <= TPEND_DATE:
        return
    for check in CHECKS[rule]:
        yield from check(ctx)
