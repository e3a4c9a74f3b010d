"""The public strategies for valid declarations: options checked when called, not drawn."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from single_window._values import ISO_COUNTRIES
from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.testing._build import Built, Force, Options, build
from single_window.testing._schema import facets

__all__ = ["built_declarations", "declaration_xml", "declarations", "make_options"]


def _country(code: object, what: str) -> str:
    if not isinstance(code, str):
        raise InvalidArgument(f"{what}: expected an ISO 3166 alpha-2 code, got {code!r}")
    upper = code.strip().upper()
    if upper not in ISO_COUNTRIES:
        raise InvalidArgument(f"{what}: {code!r} is not an ISO 3166-1 alpha-2 country code")
    return upper


def _countries(value: Iterable[str] | str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidArgument(f"{what} must be a list of country codes, not the string {value!r}")
    try:
        codes = tuple(_country(c, what) for c in value)
    except TypeError:
        raise InvalidArgument(f"{what} must be a list of country codes, got {value!r}") from None
    return codes


def max_items() -> int:
    """Most goods items a declaration may have (the profile's maxOccurs)."""
    found = facets("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem").max_occurs
    return found if found is not None else 999


def make_options(
    *,
    countries: Iterable[str] | None,
    route: Sequence[str] | None,
    declaring: str | None,
    procedures: Iterable[str] | None,
    items: tuple[int, int],
    rules: RuleSet | None,
    force: Force | None = None,
) -> Options:
    """Check every option now and bundle them (raises InvalidArgument on a bad one)."""
    if rules is not None and not isinstance(rules, RuleSet):
        raise InvalidArgument(f"rules must be a single_window.rules.RuleSet, got {rules!r}")
    ruleset = rules if rules is not None else RuleSet.bundled()
    if countries is not None and route is not None:
        raise InvalidArgument("give countries (to draw routes from) or route, not both")
    route_t: tuple[str, ...] | None = None
    if route is not None:
        route_t = _countries(route, "route")
        if len(route_t) < 2:
            raise InvalidArgument("route needs an export and a destination country")
        if route_t[0] == route_t[-1]:
            raise InvalidArgument("route: the export and destination countries must differ")
        if len(set(route_t)) != len(route_t):
            raise InvalidArgument(f"route {route_t} visits a country twice")
    if countries is not None:
        pool = tuple(dict.fromkeys(_countries(countries, "countries")))
        if not pool:
            raise InvalidArgument("countries must name at least one country")
    else:
        pool = tuple(ruleset.countries) or ("TR",)
    declaring_c: str | None = None
    if declaring is not None:
        declaring_c = _country(declaring, "declaring")
        if route_t is not None and declaring_c not in (route_t[0], route_t[-1]):
            raise InvalidArgument(
                f"declaring country {declaring_c} must be the route's export or destination"
            )
        if route_t is None and declaring_c not in pool:
            pool = (*pool, declaring_c)
    procedures_t: tuple[str, ...] | None = None
    if procedures is not None:
        if isinstance(procedures, str):
            raise InvalidArgument(f"procedures must be a list of codes, not {procedures!r}")
        procedures_t = tuple(procedures)
        if not procedures_t:
            raise InvalidArgument("procedures must name at least one requested procedure code")
        for code in procedures_t:
            if not isinstance(code, str) or len(code) != 2 or not code.isalnum():
                raise InvalidArgument(
                    f"procedures: {code!r} is not a 2-character requested procedure code"
                )
    try:
        low, high = items
    except (TypeError, ValueError):
        raise InvalidArgument(f"items must be a (min, max) pair, got {items!r}") from None
    top = max_items()
    if not (isinstance(low, int) and isinstance(high, int)) or not 1 <= low <= high <= top:
        raise InvalidArgument(f"items must satisfy 1 <= min <= max <= {top}, got {items!r}")
    return Options(
        pool=pool,
        route=route_t,
        declaring=declaring_c,
        procedures=procedures_t,
        items=(low, high),
        rules=ruleset,
        force=force or Force(),
    )


def built_declarations(options: Options) -> st.SearchStrategy[Built]:
    """Drawn declarations with what the builder decided (for violating)."""

    @st.composite
    def draw_built(draw: st.DrawFn) -> Built:
        return build(draw, options)

    return draw_built()


def declarations(
    *,
    countries: Iterable[str] | None = None,
    route: Sequence[str] | None = None,
    declaring: str | None = None,
    procedures: Iterable[str] | None = None,
    items: tuple[int, int] = (1, 3),
    rules: RuleSet | None = None,
) -> st.SearchStrategy[Declaration]:
    """A strategy for valid declaration models that pass the rules of every country on
    their route.

    Each declaration has a route (export country, transit itinerary, destination), a
    declaring country (export or destination; the type code says IM or EX), dates up
    to yesterday, goods items numbered 1..n with consistent totals, trader IDs that
    pass each country's validators, commodity codes of the right length, and the
    documents the packs require. It validates against the bundled XSD profile and
    ``check`` reports no finding at all: no error and no warning.

    Args:
        countries: Countries the route is drawn from (ISO 3166 alpha-2). Default: every
            country with a pack in ``rules``. With a single country, the other end of the
            route is a trading partner without a pack.
        route: A fixed route instead: ``(export, *transit, destination)``.
        declaring: The country that lodges the declaration (export or destination);
            default drawn.
        procedures: Requested procedure codes to use (two characters, e.g. ``"40"``);
            default 40 on imports, 10 on exports.
        items: Least and most goods items, up to the profile's maximum (999).
        rules: The packs to satisfy; default :meth:`RuleSet.bundled`.

    Raises:
        hypothesis.errors.InvalidArgument: at call time, for a bad option.

    Example:
        >>> from single_window.testing import declarations
        >>> strategy = declarations(countries=["TR", "AZ"], items=(1, 5))
    """
    options = make_options(
        countries=countries,
        route=route,
        declaring=declaring,
        procedures=procedures,
        items=items,
        rules=rules,
    )
    return built_declarations(options).map(lambda b: b.declaration)


def declaration_xml(
    *,
    countries: Iterable[str] | None = None,
    route: Sequence[str] | None = None,
    declaring: str | None = None,
    procedures: Iterable[str] | None = None,
    items: tuple[int, int] = (1, 3),
    rules: RuleSet | None = None,
) -> st.SearchStrategy[bytes]:
    """A strategy for valid declarations as UTF-8 XML bytes (indented or not).

    Takes the same options as :func:`declarations`; each value is
    ``Declaration.to_xml()`` of one of its declarations.
    """
    models = declarations(
        countries=countries,
        route=route,
        declaring=declaring,
        procedures=procedures,
        items=items,
        rules=rules,
    )
    return st.tuples(models, st.booleans()).map(lambda mp: mp[0].to_xml(pretty=mp[1]))
