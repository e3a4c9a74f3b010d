"""What a strategy draws from: its checked options, what a violation forces, what was built.

:func:`~single_window.testing._strategies.make_options` checks the options a user gives
and bundles them as :class:`Options`; a violation adds a :class:`Force` (its rule's
country, roles, dates, ...); the builders return a :class:`Built` declaration with what
they decided on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypedDict

from hypothesis import strategies as st

from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.rules._kinds import PredicateCheck
from single_window.rules._route import Role
from single_window.testing._rules import Header, RuleRef

__all__ = [
    "DEFAULT_KINDS",
    "KINDS",
    "OUTSIDE_PARTNERS",
    "Built",
    "Draw",
    "DrawOptions",
    "Force",
    "Options",
    "check_option_names",
    "date_window",
    "floor_date",
    "kinds_to_draw",
    "today_utc",
]

#: The kinds of declaration the strategies draw (see ``Declaration.kind``).
KINDS: tuple[str, ...] = ("import", "export", "transit")
#: The kinds drawn when none are asked for (and no transit regime is named).
DEFAULT_KINDS: tuple[str, ...] = ("import", "export")

#: Trading partners without an OTS pack, used to complete a route when the countries
#: asked for cannot fill it alone (one country asked for: it needs a partner).
OUTSIDE_PARTNERS: tuple[str, ...] = ("CN", "DE", "IT", "AE", "IN", "US")


class DrawOptions(TypedDict, total=False):
    """The options of the strategies for declarations (:func:`declarations`,
    :func:`declaration_xml`, :func:`violating`), all keyword-only and optional; what each
    means is told in :func:`single_window.testing.declarations`."""

    countries: Iterable[str] | None
    route: Sequence[str] | None
    declaring: str | None
    procedures: Iterable[str] | None
    items: tuple[int, int]
    rules: RuleSet | None
    kinds: Iterable[str] | None
    regimes: Iterable[str] | None


def check_option_names(function: str, options: Iterable[str]) -> None:
    """Raise TypeError, as Python does for a keyword a function does not take, for a
    name that is not one of the :class:`DrawOptions`."""
    for name in options:
        if name not in DrawOptions.__optional_keys__:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}")


@dataclass(frozen=True)
class Force:
    """What a violation needs from the declaration for its rule to apply."""

    country: str | None = None
    roles: tuple[Role, ...] = ()
    type_prefixes: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    earliest: date | None = None
    latest: date | None = None
    procedures: tuple[str, ...] = ()
    hs: tuple[str, ...] = ()
    currency: str | None = None
    export: tuple[str, ...] = ()
    """Countries the goods must be exported from (none: any)."""
    kinds: tuple[str, ...] = ()
    """Kinds of declaration the violation needs (none: any)."""
    regimes: tuple[str, ...] = ()
    """Transit regimes a transit declaration must use (none: any)."""
    transit: tuple[str, ...] = ()
    """Countries one of which a transit declaration must pass through (none: any)."""


@dataclass(frozen=True)
class Options:
    """Checked options of a declarations strategy."""

    pool: tuple[str, ...]
    route: tuple[str, ...] | None
    declaring: str | None
    procedures: tuple[str, ...] | None
    items: tuple[int, int]
    rules: RuleSet
    force: Force = field(default_factory=Force)
    kinds: tuple[str, ...] = ("import", "export")
    """Kinds of declaration to draw (``import``, ``export``, ``transit``)."""
    regimes: tuple[str, ...] = ()
    """Transit regimes a transit declaration may use (``TIR``, ``NCTS``, ``EAEU``)."""


def today_utc() -> date:
    """Today's date in UTC, as ``check`` judges dates."""
    return datetime.now(UTC).date()


@dataclass
class Built:
    """A drawn valid declaration and what was decided on the way.

    Attributes:
        declaration: The declaration.
        header: Its header values (roles, type, function, date, kind).
        active: The rules that apply to it.
        countries: The route's countries, export (on a transit declaration, departure)
            first.
        regime: On a transit declaration, its regime: ``TIR``, ``NCTS`` or ``EAEU``.
        today: The date checks judge plausibility by (UTC).
    """

    declaration: Declaration
    header: Header
    active: list[RuleRef]
    countries: tuple[str, ...]
    regime: str | None = None
    today: date = field(default_factory=today_utc)

    @property
    def kind(self) -> str:
        """``import``, ``export`` or ``transit``."""
        return self.header.kind


Draw = Callable[[st.SearchStrategy[Any]], Any]


def floor_date(rules: RuleSet) -> date:
    """The earliest plausible date: the latest ``floor_year`` of any plausible-dates rule."""
    year = 1990
    for pack in rules.packs.values():
        for spec in pack.specs:
            check = spec.check
            if isinstance(check, PredicateCheck) and check.predicate == "plausible-dates":
                year = max(year, int(check.params.get("floor_year", 1990)))  # type: ignore[arg-type]
    return date(year, 1, 1)


def date_window(rules: RuleSet, force: Force) -> tuple[date, date]:
    """The range declaration dates are drawn from: four years up to yesterday (or up to
    the end of a forced rule's validity), never before the plausible-dates floor."""
    latest = today_utc() - timedelta(days=1)
    if force.latest is not None:
        latest = min(latest, force.latest)
    earliest = max(floor_date(rules), latest - timedelta(days=4 * 365))
    if force.earliest is not None:
        earliest = max(earliest, force.earliest)
    return earliest, latest


def kinds_to_draw(o: Options) -> tuple[str, ...]:
    """The kinds a declaration may be of: the options' kinds, narrowed by a violation's."""
    if not o.force.kinds:
        return o.kinds
    return tuple(k for k in o.kinds if k in o.force.kinds)
