"""The public strategies for valid declarations: options checked when called, not drawn."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Unpack

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from single_window._model_api import TRANSIT_PROCEDURES
from single_window._values import ISO_COUNTRIES
from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.testing._build import build
from single_window.testing._options import (
    DEFAULT_KINDS,
    KINDS,
    Built,
    DrawOptions,
    Force,
    Options,
    check_option_names,
    kinds_to_draw,
)
from single_window.testing._regimes import REGIMES, feasible_regimes
from single_window.testing._schema import facets
from single_window.testing._transit import build_transit

__all__ = [
    "built_declarations",
    "declaration_xml",
    "declarations",
    "make_options",
]


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


def _choices(
    name: str, values: Iterable[str], allowed: tuple[str, ...], normalize: bool = False
) -> tuple[str, ...]:
    """A list option (``kinds``, ``regimes``) checked against what it may hold."""
    if isinstance(values, str):
        raise InvalidArgument(f"{name} must be a list of {name}, not the string {values!r}")
    try:
        found = tuple(dict.fromkeys(str(v).upper() if normalize else v for v in values))
    except TypeError:
        raise InvalidArgument(f"{name} must be a list of {name}, got {values!r}") from None
    unknown = [v for v in found if v not in allowed]
    if unknown or not found:
        raise InvalidArgument(
            f"{name}: {unknown[0]!r} is not one of {', '.join(allowed)}"
            if unknown
            else f"{name} must name at least one of {', '.join(allowed)}"
        )
    return found


def _kinds(kinds: Iterable[str] | None, regimes: Iterable[str] | None) -> tuple[str, ...]:
    if kinds is None:
        return ("transit",) if regimes is not None else DEFAULT_KINDS
    return _choices("kinds", kinds, KINDS)


def _regimes(regimes: Iterable[str] | None, kinds: tuple[str, ...]) -> tuple[str, ...]:
    if regimes is None:
        return REGIMES
    found = _choices("regimes", regimes, REGIMES, normalize=True)
    if "transit" not in kinds:
        raise InvalidArgument("regimes applies to transit declarations; kinds has no 'transit'")
    return found


def make_options(
    function: str, *, force: Force | None = None, **options: Unpack[DrawOptions]
) -> Options:
    """Check every option of a strategy now and bundle them (raises InvalidArgument on a
    bad one; TypeError, naming ``function``, for an option that does not exist)."""
    check_option_names(function, options)
    countries = options.get("countries")
    route = options.get("route")
    declaring = options.get("declaring")
    procedures = options.get("procedures")
    items = options.get("items", (1, 3))
    rules = options.get("rules")
    kinds = options.get("kinds")
    regimes = options.get("regimes")
    if rules is not None and not isinstance(rules, RuleSet):
        raise InvalidArgument(f"rules must be a single_window.rules.RuleSet, got {rules!r}")
    ruleset = rules if rules is not None else RuleSet.bundled()
    kinds_t = _kinds(kinds, regimes)
    regimes_t = _regimes(regimes, kinds_t)
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
        if route_t is not None:
            # an import is lodged at the destination; an export and a transit declaration
            # at the start of the route
            start = declaring_c == route_t[0]
            fits = {"import": not start, "export": start, "transit": start}
            kinds_t = tuple(k for k in kinds_t if fits[k])
            if not kinds_t:
                raise InvalidArgument(
                    f"no declaration of the kinds asked for is lodged in {declaring_c} on "
                    f"route {route_t}"
                )
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
            if code in TRANSIT_PROCEDURES:
                raise InvalidArgument(
                    f"procedures: {code} places goods under customs transit; draw EAEU "
                    "transit declarations with kinds=['transit'], regimes=['EAEU']"
                )
        if kinds_t == ("transit",):
            raise InvalidArgument(
                "procedures applies to import and export declarations; kinds is only 'transit'"
            )
    try:
        low, high = items
    except (TypeError, ValueError):
        raise InvalidArgument(f"items must be a (min, max) pair, got {items!r}") from None
    top = max_items()
    if not (isinstance(low, int) and isinstance(high, int)) or not 1 <= low <= high <= top:
        raise InvalidArgument(f"items must satisfy 1 <= min <= max <= {top}, got {items!r}")
    bundled = Options(
        pool=pool,
        route=route_t,
        declaring=declaring_c,
        procedures=procedures_t,
        items=(low, high),
        rules=ruleset,
        force=force or Force(),
        kinds=kinds_t,
        regimes=regimes_t,
    )
    return _with_feasible_regimes(bundled)


def _with_feasible_regimes(o: Options) -> Options:
    """The options with only the transit regimes whose countries the route or the pool
    can give; refused when transit is asked for and none can."""
    if "transit" not in o.kinds:
        return o
    regimes = feasible_regimes(o)
    if not regimes:
        raise InvalidArgument(
            f"no transit regime ({', '.join(o.regimes)}) fits the countries, route and dates "
            "asked for"
        )
    return replace(o, regimes=regimes)


def built_declarations(options: Options) -> st.SearchStrategy[Built]:
    """Drawn declarations with what the builder decided (for violating)."""

    @st.composite
    def draw_built(draw: st.DrawFn) -> Built:
        kinds = kinds_to_draw(options)
        plain = [k for k in kinds if k != "transit"]
        if "transit" in kinds and (not plain or draw(st.booleans())):
            return build_transit(draw, options)
        return build(draw, options)

    return draw_built()


def declarations(**options: Unpack[DrawOptions]) -> st.SearchStrategy[Declaration]:
    """A strategy for valid declaration models that pass the rules of every country on
    their route.

    Each declaration has a route, a declaring country, dates up to yesterday, goods items
    numbered 1..n with consistent totals, trader IDs that pass each country's validators,
    commodity codes of the right length, and the documents the packs require. It validates
    against the bundled XSD profile and ``check`` reports no finding at all: no error and
    no warning.

    Import and export declarations (the default) run from the export country through 0-2
    transit countries to the destination; the declaring country is the destination (an
    import, type code ``IM...``) or the export country (an export, ``EX...``), and goods
    items have prices, duties and requested procedures.

    Transit declarations (``kinds=["transit"]``) are lodged at the office of departure,
    in the first country of the route, and are of one of three regimes:

    - ``TIR``: type ``TIR`` (or ``587``), any route; the TIR carnet is the guarantee (its
      number the guarantee reference) and the declarant its holder (``AAA/BBB/N``);
    - ``NCTS``: type ``T1``, ``T2``, ``T2F`` or ``T`` (or ``578``, ``579``, ``581``,
      ``583``) between parties to the common transit convention on the declaration's date
      (Georgia from 1 Feb 2025); customs office reference numbers, a guarantee with a
      guarantee reference number (GRN), offices of transit where the route needs them;
    - ``EAEU``: type ``950``, every goods item under procedure ``80``, between EAEU member
      states; a guarantee with its amount and certificate number.

    Every transit declaration names its offices of departure and destination, states its
    route (itinerary, or offices of transit), seals its load and describes the goods by
    6-digit HS subheadings, without prices or duties.

    Keyword Args:
        countries: Countries the route is drawn from (ISO 3166 alpha-2). Default: every
            country with a pack in ``rules``. With a single country, the other end of the
            route is a trading partner without a pack (for transit, one taking part in the
            regime).
        route: A fixed route instead: ``(export, *transit, destination)``; for a transit
            declaration ``(departure, *transit, destination)``.
        declaring: The country that lodges the declaration (export or destination; for
            transit the departure country); default drawn.
        procedures: Requested procedure codes of import and export declarations (two
            characters, e.g. ``"40"``); default 40 on imports, 10 on exports. Not ``80``:
            that is customs transit (``regimes=["EAEU"]``).
        items: Least and most goods items, up to the profile's maximum (1,999).
        rules: The packs to satisfy; default :meth:`RuleSet.bundled`.
        kinds: The kinds of declaration to draw, any of ``"import"``, ``"export"`` and
            ``"transit"`` (see :attr:`single_window.Declaration.kind`). Default: import
            and export, as before transit declarations existed, or transit alone when
            ``regimes`` is given. Kinds the route and declaring country rule out are left
            out (a declaration lodged at the destination is an import).
        regimes: The transit regimes to draw, any of ``"TIR"``, ``"NCTS"`` and ``"EAEU"``;
            default all three. Regimes the countries, route and dates cannot give are left
            out (EAEU transit from ``countries=["TR"]``, say).

    Raises:
        hypothesis.errors.InvalidArgument: at call time, for a bad option, or when no
            declaration of the kinds and regimes asked for fits the other options.

    Example:
        >>> from single_window.testing import declarations
        >>> strategy = declarations(countries=["TR", "AZ"], items=(1, 5))
        >>> tir = declarations(route=["UZ", "KZ", "AZ", "GE", "TR"], regimes=["TIR"])
        >>> anything = declarations(kinds=["import", "export", "transit"])
    """
    bundled = make_options("declarations", **options)
    return built_declarations(bundled).map(lambda b: b.declaration)


def declaration_xml(**options: Unpack[DrawOptions]) -> st.SearchStrategy[bytes]:
    """A strategy for valid declarations as UTF-8 XML bytes (indented or not).

    Takes the same options as :func:`declarations`; each value is
    ``Declaration.to_xml()`` of one of its declarations.
    """
    check_option_names("declaration_xml", options)
    models = declarations(**options)
    return st.tuples(models, st.booleans()).map(lambda mp: mp[0].to_xml(pretty=mp[1]))
