"""The public strategies for NCTS declarations: valid CC015C messages, options checked
when the strategy is created."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypedDict, TypeVar, Unpack

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

# imported for the violators they register
import single_window.testing._ncts_breaks
import single_window.testing._ncts_guarantee
import single_window.testing._ncts_sequence  # noqa: F401
from single_window._check import check
from single_window._values import ISO_COUNTRIES
from single_window.rules import RuleSet
from single_window.testing._ncts_build import (
    NCTS_DECLARATION_TYPES,
    NCTS_PHASES,
    Drawn,
    NctsNeeds,
    NctsPlan,
    ctc,
    draw_header,
    earliest_day,
    eu,
)
from single_window.testing._ncts_goods import draw_consignment
from single_window.testing._ncts_tree import tree_xml
from single_window.testing._ncts_violators import NCTS_VIOLATORS
from single_window.testing._violate import CannotViolate

__all__ = [
    "NCTS_COUNTRIES",
    "NctsOptions",
    "drawn_messages",
    "make_plan",
    "ncts_messages",
    "ncts_violating",
    "written",
]

T = TypeVar("T")

#: The countries routes are drawn from by default: Türkiye, Georgia and Hungary, and
#: other countries of the common transit procedure between them and beyond.
NCTS_COUNTRIES: tuple[str, ...] = (
    "TR",
    "GE",
    "HU",
    "BG",
    "RO",
    "AT",
    "DE",
    "IT",
    "GR",
    "PL",
    "SK",
    "RS",
    "MK",
    "CH",
    "UA",
    "MD",
)


class NctsOptions(TypedDict, total=False):
    """The options of the NCTS strategies (:func:`ncts_messages`, :func:`ncts_violating`),
    all keyword-only and optional; what each means is told in
    :func:`single_window.testing.ncts_messages`."""

    types: Iterable[str] | None
    phases: Iterable[int] | None
    countries: Iterable[str] | None
    route: Sequence[str] | None
    houses: tuple[int, int]
    items: tuple[int, int]
    rules: RuleSet | None


def _check_names(function: str, options: Iterable[str]) -> None:
    for name in options:
        if name not in NctsOptions.__optional_keys__:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}")


def _countries(value: Iterable[str] | str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidArgument(f"{what} must be a list of country codes, not the string {value!r}")
    day = earliest_day()
    out: list[str] = []
    for code in value:
        upper = str(code).strip().upper()
        if upper not in ISO_COUNTRIES:
            raise InvalidArgument(f"{what}: {code!r} is not an ISO 3166-1 alpha-2 country code")
        if not ctc(upper, day):
            raise InvalidArgument(
                f"{what}: {upper} does not take part in the common transit procedure"
            )
        out.append(upper)
    return tuple(out)


def _range(name: str, value: object, top: int) -> tuple[int, int]:
    low: object
    high: object
    try:
        low, high = value  # type: ignore[misc]
    except (TypeError, ValueError):
        raise InvalidArgument(f"{name} must be a (min, max) pair, got {value!r}") from None
    if not (isinstance(low, int) and isinstance(high, int)) or not 1 <= low <= high <= top:
        raise InvalidArgument(f"{name} must satisfy 1 <= min <= max <= {top}, got {value!r}")
    return low, high


def _choices(name: str, value: Iterable[T] | None, allowed: Sequence[T]) -> tuple[T, ...]:
    if value is None:
        return tuple(allowed)
    if isinstance(value, str):
        raise InvalidArgument(f"{name} must be a list, not the string {value!r}")
    found = tuple(dict.fromkeys(value))
    unknown = [v for v in found if v not in allowed]
    if unknown or not found:
        shown = ", ".join(map(str, allowed))
        raise InvalidArgument(
            f"{name}: {unknown[0]!r} is not one of {shown}" if unknown else f"{name} is empty"
        )
    return found


def make_plan(
    function: str, *, needs: NctsNeeds | None = None, **options: Unpack[NctsOptions]
) -> NctsPlan:
    """Check every option now and bundle them (InvalidArgument on a bad one; TypeError,
    naming ``function``, for an option that does not exist)."""
    _check_names(function, options)
    rules = options.get("rules")
    if rules is not None and not isinstance(rules, RuleSet):
        raise InvalidArgument(f"rules must be a single_window.rules.RuleSet, got {rules!r}")
    types = _choices("types", options.get("types"), NCTS_DECLARATION_TYPES)
    phases = _choices("phases", options.get("phases"), tuple(NCTS_PHASES))
    countries, route = options.get("countries"), options.get("route")
    if countries is not None and route is not None:
        raise InvalidArgument("give countries (to draw routes from) or route, not both")
    route_t = None if route is None else _countries(route, "route")
    if route_t is not None and (len(route_t) < 2 or len(set(route_t)) != len(route_t)):
        raise InvalidArgument(f"route {route_t} needs two or more different countries")
    pool = NCTS_COUNTRIES if countries is None else _countries(countries, "countries")
    if len(set(pool)) < 2:
        raise InvalidArgument("countries must name two or more countries")
    return NctsPlan(
        types=types,
        phases=phases,
        pool=tuple(dict.fromkeys(pool)),
        route=route_t,
        houses=_range("houses", options.get("houses", (1, 3)), 99),
        items=_range("items", options.get("items", (1, 3)), 999),
        rules=rules if rules is not None else RuleSet.bundled(),
        needs=needs or NctsNeeds(),
    )


def drawn_messages(plan: NctsPlan) -> st.SearchStrategy[Drawn]:
    """Drawn valid messages with what the builder decided (for the violators)."""

    @st.composite
    def draw_one(draw: st.DrawFn) -> Drawn:
        drawn = draw_header(draw, plan)
        draw_consignment(draw, drawn, plan)
        return drawn

    return draw_one()


def written(drawn: Drawn, pretty: bool) -> bytes:
    """The drawn message as XML, with its phase's ``PhaseID``."""
    return tree_xml(drawn.tree, NCTS_PHASES[drawn.phase], pretty=pretty)


def ncts_messages(**options: Unpack[NctsOptions]) -> st.SearchStrategy[bytes]:
    """A strategy for valid NCTS declarations (CC015C) as UTF-8 XML bytes.

    Each message is valid against the schema of its phase (the root's ``PhaseID``:
    ``NCTS5.1`` for Phase 5, ``NCTS6`` for Phase 6) and :func:`single_window.check`
    reports no error and no warning on it: the NCTS rules and conditions of the IE015
    (``TRANSIT-C0001``, ...) hold in their final state. It is lodged at an office of
    departure, dated within the last year (never before 2 Nov 2025, when every country of
    the common transit procedure had joined), and runs to an office of destination in another
    country through up to two countries between, all parties to the common transit
    procedure on that date.

    What varies: the declaration type (T, T1, T2, T2F, TIR), the phase, the route, the
    number of house consignments and of goods items in each, the parties (holder with an
    identifier, a name and address or both; consignor and consignee for the whole
    consignment or for each house consignment; a representative, a carrier, additional
    supply chain actors), the guarantees (one or two, with one or two guarantee
    references), offices of transit or countries of routing or both (as condition C0030
    allows), an office of exit for transit now and then, transport equipment and seals,
    containers, the mode of transport, means of transport, location of goods, places of
    loading and unloading, and previous, supporting and transport documents, additional
    references and additional information at every level. Codes come from the bundled
    NCTS code lists; commodity codes are HS subheadings of every edition the office of
    departure's tariff may apply.

    Keyword Args:
        types: Declaration types to draw, any of ``"T1"``, ``"T2"``, ``"T2F"``, ``"T"``
            and ``"TIR"``; default all five.
        phases: Phases to draw, any of ``5`` and ``6``; default both.
        countries: Countries routes are drawn from (two or more, each a party to the
            common transit procedure); default Türkiye, Georgia, Hungary and 13 other
            countries of the procedure (:data:`NCTS_COUNTRIES`).
        route: A fixed route instead: ``(departure, *between, destination)``.
        houses: Least and most house consignments (default ``(1, 3)``).
        items: Least and most goods items in each house consignment (default ``(1, 3)``).
        rules: The packs whose identifier rules the parties' identifiers satisfy;
            default :meth:`RuleSet.bundled`.

    Raises:
        hypothesis.errors.InvalidArgument: at call time, for a bad option.

    Example:
        >>> from single_window.testing import ncts_messages
        >>> tir = ncts_messages(types=["TIR"], route=["TR", "GE"])
        >>> phase6 = ncts_messages(phases=[6], houses=(2, 4))
    """
    plan = make_plan("ncts_messages", **options)
    return st.tuples(drawn_messages(plan), st.booleans()).map(lambda dp: written(*dp))


def _foreign_findings(xml: bytes, rule_id: str, rules: RuleSet) -> list[str]:
    """The rules other than ``rule_id`` (and the schema) that report the message."""
    report = check(xml, rules=rules)
    return sorted({f.rule for f in report.findings if f.rule != rule_id})


def ncts_violating(rule_id: str, **options: Unpack[NctsOptions]) -> st.SearchStrategy[bytes]:
    """A strategy for CC015C messages that break exactly the rule ``rule_id``.

    Each starts from a valid message of :func:`ncts_messages` that the rule applies to
    (its declaration type, route, mode of transport) and is edited as the rule's entry in
    :data:`NCTS_VIOLATORS` says (register one with :func:`ncts_violator`). A message that
    any other rule, or the schema of its phase, reports too is discarded, so every
    example breaks that one rule and no other. Whether the rule itself fires is what your
    test asserts.

    Takes the options of :func:`ncts_messages`; the declaration types are narrowed to
    those the rule needs.

    Raises:
        CannotViolate: at call time, when no entry breaks the rule on a CC015C, or when the
            types asked for leave none the rule applies to.

    Example:
        >>> from single_window.testing import ncts_violating
        >>> strategy = ncts_violating("TRANSIT-GRN-CHECK", phases=[6])
    """
    violator = NCTS_VIOLATORS.get(rule_id)
    if violator is None:
        raise CannotViolate(
            f"no CC015C violator breaks rule {rule_id!r}; ones that do: "
            f"{', '.join(sorted(NCTS_VIOLATORS))} (register more with ncts_violator)"
        )
    plan = make_plan("ncts_violating", needs=violator.needs, **options)
    needs = violator.needs
    if needs.types and not set(plan.types) & set(needs.types):
        raise CannotViolate(f"{rule_id} applies to types {', '.join(needs.types)} only")
    if needs.eu_only and (
        plan.route is not None or sum(eu(c, earliest_day()) for c in plan.pool) < 2
    ):
        raise CannotViolate(f"{rule_id} is broken on a route inside the EU; none fits")

    @st.composite
    def draw_violating(draw: st.DrawFn) -> bytes:
        drawn = draw(drawn_messages(plan))
        violator.breaks(draw, drawn)
        xml = written(drawn, draw(st.booleans()))
        if _foreign_findings(xml, rule_id, plan.rules):
            reject()
        return xml

    return draw_violating()
