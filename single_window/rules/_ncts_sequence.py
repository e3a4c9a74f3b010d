"""The numbering rules of the NCTS transit declaration (DDNTA Appendix Q2): R0987, each
data group's sequence numbers run 1, 2, 3 and so on in the order the group's iterations are
given, and R0988, the goods item numbers of a house consignment's goods items do the same.

The canonical view does not keep every number a message gives (the writer numbers most
data groups by position), so a declaration read from an NCTS message is judged on that
message (``Declaration.read_from.document``): every repeated data group whose iterations
carry the rule's number. Which fields of a message class lead to such groups is worked out
once per class (:func:`_plan`), so the walk visits only those.

A declaration in the WCO layout is judged where the layout keeps the numbers that a
CC015C written from it carries over: ``SequenceNumeric`` of the offices of transit, house
consignments, pieces of transport equipment and their seals, countries of routing
(``Itinerary``) and packagings, and of the guarantees (the ``ObligationGuarantee`` elements
of one guarantee, one per guarantee reference, share its number). A number left out is
not judged there: the CC015C written numbers that iteration by its position. The WCO
layout has no goods item number within a house consignment (the CC015C written numbers
each house consignment's goods items by position), so R0988 judges NCTS messages only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import single_window.rules._ncts_texts as texts
from single_window._spec import spec_of
from single_window._values import Node
from single_window.models import Declaration
from single_window.rules._context import Context
from single_window.rules._registry import Violation

__all__ = ["CHECKS"]


@dataclass(frozen=True)
class _Numbering:
    """The number a rule judges: the model field that holds it, on the iterations of
    which element classes (None: of every class that has the field)."""

    field: str
    classes: frozenset[str] | None = None


#: What each rule numbers in an NCTS message (CC015C, CC013C).
_IN_NCTS: dict[str, _Numbering] = {
    "R0987": _Numbering("sequence_number"),
    "R0988": _Numbering("goods_item_number", frozenset({"ConsignmentItem"})),
}

#: What R0987 numbers in the WCO layout: the data groups whose ``SequenceNumeric`` a CC015C
#: written from the declaration carries over as its ``sequenceNumber`` (the guarantees
#: apart, see :func:`_guarantees`); the goods items' own numbers are R0007's.
_IN_WCO = _Numbering(
    "sequence_numeric",
    frozenset(
        {
            "TransitOffice",
            "HouseConsignment",
            "TransportEquipment",
            "Seal",
            "Itinerary",
            "Packaging",
        }
    ),
)


@dataclass(frozen=True)
class _Group:
    """A numbered data group a model class holds.

    Attributes:
        field: The list field that holds the group's iterations.
        number: The iterations' field that holds the number.
        step: The number's element name.
        name: The iterations' element name.
        inner: Where an iteration holds more numbered groups (None: it holds none).
    """

    field: str
    number: str
    step: str
    name: str
    inner: _Plan | None


@dataclass(frozen=True)
class _Plan:
    """Where a model class holds numbered data groups, for one numbering: the groups, and
    (field, repeated or not, the field class's plan) of each other field that leads to
    more."""

    groups: tuple[_Group, ...]
    below: tuple[tuple[str, bool, _Plan], ...]


#: The plan of each model class, by class and numbering (a class's plan is worked out once).
_PLANS: dict[tuple[type[Node], _Numbering], _Plan | None] = {}


def _plan(cls: type[Node], numbering: _Numbering) -> _Plan | None:
    """The numbered data groups a model class holds and the fields that lead to more
    (None: it leads to none), worked out once per class; the models are trees of classes
    (no class holds itself)."""
    key = (cls, numbering)
    if key in _PLANS:
        return _PLANS[key]
    groups: list[_Group] = []
    below: list[tuple[str, bool, _Plan]] = []
    for fs in spec_of(cls).fields:
        if fs.kind != "node" or not issubclass(fs.cls, Node):
            continue
        child: type[Node] = fs.cls
        inner = _plan(child, numbering)
        step = _number_step(child, numbering) if fs.many else None
        if step is not None:
            groups.append(_Group(fs.name, numbering.field, step, fs.xml_name, inner))
        elif inner is not None:
            below.append((fs.name, fs.many, inner))
    plan = _Plan(tuple(groups), tuple(below)) if groups or below else None
    _PLANS[key] = plan
    return plan


def _number_step(cls: type[Node], numbering: _Numbering) -> str | None:
    """The element name of the number on iterations of ``cls`` (None: they carry none)."""
    if numbering.classes is not None and cls.__name__ not in numbering.classes:
        return None
    for fs in spec_of(cls).fields:
        if fs.name == numbering.field:
            return fs.xml_name
    return None


def _walk(node: Node, plan: _Plan, required: bool, found: list[Violation]) -> None:
    """Add to ``found`` the iterations below ``node`` numbered other than by their
    position (1-based, in document order); with ``required``, those without a number too.
    Only the fields the class's plan names are visited."""
    values = node.__dict__
    for group in plan.groups:
        for position, element in enumerate(values[group.field], start=1):
            leaf = element.__dict__[group.number]
            if leaf is None or leaf.value != position:
                found.extend(_wrong(element, leaf, position, group, required))
            if group.inner is not None:
                _walk(element, group.inner, required, found)
    for field, many, inner in plan.below:
        child = values[field]
        if many:
            for each in child:
                _walk(each, inner, required, found)
        elif child is not None:
            _walk(child, inner, required, found)


def _wrong(
    element: Node, leaf: Any, position: int, group: _Group, required: bool
) -> Iterator[Violation]:
    """The finding on an iteration numbered other than by its position."""
    reason = texts.REASON("numbered", group=group.name)
    if leaf is None:
        if required:
            said = {"number": group.step, "reason": reason}
            yield Violation(element, None, problem="unnumbered", params=said)
        return
    given = _text(leaf)
    said = {"value": given, "expected": position, "reason": reason}
    yield Violation(leaf, given, problem="position", params=said)


def _text(leaf: Any) -> str:
    """A number as the document gives it (an empty text for none)."""
    value = leaf.value
    return "" if value is None else str(value)


def _guarantees(decl: Declaration) -> Iterator[Violation]:
    """The guarantees of the WCO layout numbered other than 1, 2, 3 in order: each run of
    consecutive ``ObligationGuarantee`` elements with one number is one guarantee (a
    CC015C written from them gives it that number), those without a number left aside."""
    last: object = None
    count = 0
    for guarantee in decl.obligation_guarantees:
        leaf = guarantee.sequence_numeric
        value = leaf.value if leaf is not None else None
        if value is None or value == last:
            continue
        count += 1
        last = value
        if value != count:
            given = _text(leaf)
            said = {"value": given, "expected": count, "reason": texts.REASON("guarantees")}
            yield Violation(leaf, given, problem="position", params=said)


def _check(rule: str) -> Callable[[Context], Iterator[Violation]]:
    """R0987 or R0988: on the NCTS message a declaration was read from, else on the WCO
    layout where it keeps the numbers (see the module)."""
    in_ncts = _IN_NCTS[rule]

    def check(ctx: Context) -> Iterator[Violation]:
        decl = ctx.declaration
        read = decl.read_from
        found: list[Violation] = []
        if read is not None and read.format == "ncts" and isinstance(read.document, Node):
            plan = _plan(type(read.document), in_ncts)
            if plan is not None:
                _walk(read.document, plan, True, found)
        elif rule == "R0987":
            plan = _plan(type(decl), _IN_WCO)
            if plan is not None:
                _walk(decl, plan, False, found)
            found.extend(_guarantees(decl))
        yield from found

    return check


#: The numbering rules, by DDNTA id.
CHECKS: dict[str, Callable[[Context], Iterator[Violation]]] = {
    "R0987": _check("R0987"),
    "R0988": _check("R0988"),
}
