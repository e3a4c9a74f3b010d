"""Drawing one valid import or export declaration: route, header, goods items, parties,
totals (transit declarations: :mod:`single_window.testing._transit`, which reuses the
pieces here).

The builder reads the rule packs of the countries on the drawn route and satisfies them
by construction, from each rule's data: lengths, patterns and code lists for the values
they select, documents an item must carry, identifier validators for the parties,
amount limits, and the bundled predicates (counts, numbering, totals, masses, dates, HS
chapters, document codes, procedure direction, preference proofs, postal limits).

What it cannot satisfy by construction (a predicate or a selector it does not know, e.g.
one a user registered) it checks by running that one rule and discards the example
when it fires (``hypothesis.reject``); a rule that fires on nearly every example then
shows up as a health-check failure naming the filter.

Large declarations repeat a few drawn goods items (at most :data:`ITEM_SHAPES` distinct
ones) so that a 999-item declaration costs no more choices than a 5-item one.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window import codelists
from single_window._model_api import TRANSIT_PROCEDURES
from single_window._values import ISO_COUNTRIES, ISO_CURRENCIES
from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.rules._checks import IdentifierCheck, PredicateCheck, ValueCheck
from single_window.rules._context import Context
from single_window.rules._engine import Plan, compile_rule
from single_window.rules._route import Role
from single_window.rules._selectors import Selector, selector, split_document, split_procedure
from single_window.testing._ids import IdRule, id_rule, valid_ids
from single_window.testing._rules import Header, RuleRef, applies, iter_rules
from single_window.testing._schema import facets

__all__ = [
    "OUTSIDE_PARTNERS",
    "Built",
    "Force",
    "Options",
    "build",
    "draw_items",
    "engine_findings",
    "field_ok",
]

#: Trading partners without an OTS pack, used to complete a route when the countries
#: asked for cannot fill it alone (one country asked for: it needs a partner).
OUTSIDE_PARTNERS: tuple[str, ...] = ("CN", "DE", "IT", "AE", "IN", "US")

#: Distinct goods items drawn per declaration; larger declarations repeat them.
ITEM_SHAPES = 5

#: Predicates the builder satisfies by construction (others are checked by running them).
SATISFIED_PREDICATES = frozenset(
    {
        "item-count",
        "item-sequence",
        "total-packages",
        "total-gross-mass",
        "invoice-total",
        "net-not-above-gross",
        "plausible-dates",
        "hs-code-shape",
        "postal-consignment-limit",  # never a postal consignment (border mode 5)
        "postal-item",
        "preference-proof",
        "procedure-direction",
    }
)

#: Transit predicates the transit builder satisfies by construction, reading each rule's
#: params (see :mod:`single_window.testing._transit`); on import and export declarations
#: they are run like any predicate the builder does not know.
TRANSIT_PREDICATES = frozenset(
    {
        "transit-guarantee",
        "transit-guarantee-type",
        "transit-grn",
        "transit-grn-check",
        "transit-other-reference",
        "tir-carnet",
        "tir-holder",
        "transit-offices",
        "transit-office-reference",
        "transit-ctc-countries",
        "transit-eaeu-countries",
        "transit-offices-of-transit",
        "transit-itinerary",
        "transit-route-stated",
        "transit-postal-border-means",
        "transit-seals",
        "tir-seals",
        "transit-commodity-code",
        "eaeu-transit-guarantee",
        "transit-regime",
    }
)

_ITEM = ("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem")
_REGEX_ALPHABET = string.ascii_letters + string.digits + "-./"
_WORD = (
    string.ascii_letters
    + string.digits
    + "ÇĞİÖŞÜçğıöşüƏəÁÉÍÓŐÚŰáéíóőúűҚқҒғҮүҰұӨөҢңАБВГДЕЖЗИКЛМНОПРСТУабвгдежзиклмнопрсту"
    + "&<>'\"-./"
)
_PACKAGE_TYPES = ("BX", "CT", "PK", "PX", "BG", "CS")
_BORDER_MODES = ("1", "2", "3", "4")  # sea, rail, road, air: never 5 (post)


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


@dataclass
class Built:
    """A drawn valid declaration and what was decided on the way."""

    declaration: Declaration
    header: Header
    export: str
    transit: tuple[str, ...]
    destination: str
    declaring: str
    active: list[RuleRef]
    invoice_currency: str
    duty_currency: str
    today: date
    floor: date
    kind: str = "import"
    regime: str | None = None
    """On a transit declaration, its regime: ``TIR``, ``NCTS`` or ``EAEU``."""

    @property
    def countries(self) -> tuple[str, ...]:
        """The route's countries, export (or, on a transit declaration, departure) first."""
        return (self.export, *self.transit, self.destination)


Draw = Callable[[st.SearchStrategy[Any]], Any]


def today_utc() -> date:
    """Today's date in UTC, as ``check`` judges dates."""
    return datetime.now(UTC).date()


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


# --- small value strategies ------------------------------------------------------------


def words(max_length: int) -> st.SearchStrategy[str]:
    """Free text of a few words, within an element's maxLength."""
    limit = min(max_length, 60)
    return (
        st.lists(st.text(_WORD, min_size=1, max_size=10), min_size=1, max_size=5)
        .map(lambda ws: " ".join(ws)[:limit].strip())
        .filter(bool)
    )


def _digits(size: int) -> st.SearchStrategy[str]:
    return st.text(string.digits, min_size=size, max_size=size)


def money(low: Decimal, high: Decimal, places: int) -> st.SearchStrategy[Decimal]:
    """An amount with a fixed number of decimal places in [low, high]."""
    return st.decimals(low, max(low, high), places=places, allow_nan=False, allow_infinity=False)


def leaf(value: object, **extra: object) -> dict[str, object]:
    """A leaf value as the model reads it from a dict."""
    return {"value": value, **extra}


def _zero_padded(width: int) -> Callable[[int], str]:
    def pad(n: int) -> str:
        return f"{n:0{width}d}"

    return pad


@cache
def _hs_heads(day: date, country: str | None = None) -> tuple[str, ...]:
    """The HS subheadings (six digits) the tariff of ``country`` accepts on a day without
    a finding: those of its edition, or of every edition it may apply when that is not
    confirmed (every edition's when none applies)."""
    hs = codelists.get("hs")
    editions = codelists.tariff_edition(country, day).editions
    if not editions:
        return tuple(sorted(frozenset().union(*(e.codes for e in hs.editions))))
    return tuple(sorted(frozenset.intersection(*(e.codes for e in editions))))


def _hs_code_prefixes(
    ranges: Sequence[str], day: date, country: str | None = None
) -> st.SearchStrategy[str]:
    """The start of a commodity code inside the HS ranges whose first six digits are a
    subheading the tariff of ``country`` accepts on the day: a subheading, or a longer
    prefix from a range of more than six digits (``"0712901100"``)."""
    heads = _hs_heads(day, country)
    options: list[st.SearchStrategy[str]] = []
    for spec in ranges or ("00-99",):
        low, _, high = spec.partition("-")
        high = high or low
        if len(low) <= 6:
            inside = [h for h in heads if low <= h[: len(low)] <= high]
            if inside:
                options.append(st.sampled_from(inside))
            continue
        width = len(low)
        longer = st.integers(int(low), int(high)).map(_zero_padded(width))
        options.append(longer.filter(lambda p: p[:6] in heads))
    if not options:
        return st.nothing()
    return st.one_of(options)


# --- solving value checks ----------------------------------------------------------------


def solve(
    draw: Draw,
    checks: Sequence[ValueCheck],
    make: Callable[[int | None], st.SearchStrategy[str]],
    ok: Callable[[str], bool],
    fix: Callable[[str], str] = lambda s: s,
) -> str:
    """A value every check accepts and ``ok`` allows.

    The most selective check proposes candidates (a list's values, a pattern's strings,
    values of the allowed lengths drawn by ``make``) and the others filter them; ``fix``
    re-imposes what the caller needs (a prefix).
    """

    def good(value: str) -> bool:
        return ok(value) and all(c.accepts(value) for c in checks)

    lead = max(checks, key=lambda c: c.priority, default=None)
    finite = lead.finite_values() if lead is not None else None
    if finite is not None:
        options = [v for v in dict.fromkeys(fix(v) for v in finite) if good(v)]
        if not options:
            reject()
        return str(draw(st.sampled_from(options)))
    base = lead.proposals(make) if lead is not None else make(None)
    return str(draw(base.map(fix).filter(good)))


def _value_checks(
    active: Iterable[RuleRef],
    field_name: str,
    *,
    item: bool,
    procedure: str | None = None,
    commodity: str | None = None,
) -> list[ValueCheck]:
    """The value checks of the active rules on one field that apply to a goods item with
    this procedure (and, when known, this commodity code)."""
    out: list[ValueCheck] = []
    for ref in active:
        check = ref.value_check
        if check is None or ref.field != field_name or ref.item_scope != item:
            continue
        when = ref.spec.when
        if item and not when.procedure_holds(procedure):
            continue
        if item and commodity is not None and not when.hs_holds(commodity):
            continue
        out.append(check)
    return out


def _caps(active: Iterable[RuleRef], field_name: str, unit: str, item: bool) -> Decimal | None:
    limits = [
        cap
        for ref in active
        if ref.item_scope == item and (cap := ref.check.cap(field_name, unit)) is not None
    ]
    return min(limits) if limits else None


def _predicates(active: Iterable[RuleRef], name: str) -> list[RuleRef]:
    return [
        r
        for r in active
        if isinstance(r.spec.check, PredicateCheck) and r.spec.check.predicate == name
    ]


# --- route and header ----------------------------------------------------------------


def _route(
    draw: Draw, o: Options, sides: tuple[str, ...] = ("export", "destination")
) -> tuple[str, tuple[str, ...], str, str]:
    """Export country, transit countries, destination and declaring country of an import or
    export declaration; ``sides`` are the ends that may declare (``destination`` for an
    import, ``export`` for an export)."""
    force = o.force
    role: Role | None = None
    if force.country is not None:
        # the departure role belongs to transit declarations
        roles = [r for r in (force.roles or tuple(Role)) if r is not Role.DEPARTURE]
        if not roles:
            reject()
        role = draw(st.sampled_from(roles))
    if o.route is not None:
        export, *middle, destination = o.route
        ends = {"export": export, "destination": destination}
        allowed = [ends[s] for s in sides]
        declaring = o.declaring
        if role is Role.DECLARING:
            declaring = force.country
        if declaring is None:
            declaring = draw(st.sampled_from(allowed))
        if declaring not in allowed:
            reject()
        return export, tuple(middle), destination, declaring
    slots: dict[str, str] = {}
    transit_forced: str | None = None
    declaring = None
    if force.country is not None:
        if role is Role.DECLARING:
            slots[draw(st.sampled_from(sides))] = force.country
            declaring = force.country
        elif role is Role.EXPORT:
            slots["export"] = force.country
        elif role is Role.DESTINATION:
            slots["destination"] = force.country
        else:
            transit_forced = force.country
    if o.declaring is not None and declaring is None:
        if o.declaring not in slots.values():
            free = [s for s in sides if s not in slots]
            if not free:
                reject()
            slots[draw(st.sampled_from(free))] = o.declaring
        declaring = o.declaring
    used = set(slots.values()) | ({transit_forced} if transit_forced else set())
    if force.export and slots.get("export", force.export[0]) not in force.export:
        reject()
    for side in ("export", "destination"):
        if side in slots:
            continue
        if side == "export" and force.export:
            options = [c for c in force.export if c not in used]
        else:
            options = [c for c in o.pool if c not in used] or [
                c for c in OUTSIDE_PARTNERS if c not in used
            ]
        if not options:
            reject()
        slots[side] = draw(st.sampled_from(options))
        used.add(slots[side])
    available = [c for c in o.pool if c not in used]
    count = draw(st.integers(0, min(2, len(available))))
    transit: list[str] = (
        draw(st.lists(st.sampled_from(available), min_size=count, max_size=count, unique=True))
        if count
        else []
    )
    if transit_forced is not None:
        transit.insert(draw(st.integers(0, len(transit))), transit_forced)
    if declaring is None:
        declaring = draw(st.sampled_from([slots[s] for s in sides]))
    elif declaring not in [slots[s] for s in sides]:
        reject()
    return slots["export"], tuple(transit), slots["destination"], declaring


def _roles(
    declaring: str, export: str, transit: Sequence[str], destination: str
) -> dict[str, frozenset[Role]]:
    roles: dict[str, set[Role]] = {}
    roles.setdefault(declaring, set()).add(Role.DECLARING)
    roles.setdefault(export, set()).add(Role.EXPORT)
    roles.setdefault(destination, set()).add(Role.DESTINATION)
    for country in transit:
        if country not in (export, destination):
            roles.setdefault(country, set()).add(Role.TRANSIT)
    return {c: frozenset(r) for c, r in roles.items()}


def _stamp(draw: Draw, day: date, zone: tzinfo | None) -> dict[str, object]:
    """A DateTimeString on the given day: format 102, or format 304 at a time of that day
    in ``zone`` (the declaring country's zone, in which the engine dates a declaration;
    a whole-hour zone drawn from -5 to +5 when there is none), written with its UTC offset
    in whole hours as the profile's pattern allows."""
    if draw(st.booleans()):
        return leaf(datetime(day.year, day.month, day.day, tzinfo=UTC), format_code="102")
    hour = draw(st.integers(0, 23))
    minute = draw(st.integers(0, 59))
    second = draw(st.integers(0, 59))
    local = datetime(day.year, day.month, day.day, hour, minute, second)
    if zone is None:
        offset = timedelta(hours=draw(st.integers(-5, 5)))
    else:
        offset = zone.utcoffset(local) or timedelta(0)
        if offset % timedelta(hours=1):
            reject()
    return leaf(local.replace(tzinfo=timezone(offset)), format_code="304")


# --- parties -----------------------------------------------------------------------------


def _party_id(draw: Draw, active: Sequence[RuleRef], country: str, role: str) -> str:
    rules: list[IdRule] = []
    first: tuple[str, ...] = ()
    for ref in active:
        check = ref.spec.check
        if ref.country != country or not isinstance(check, IdentifierCheck):
            continue
        if role not in check.parties:
            continue
        rules.append(id_rule(ref.id, country, check.validators))
        first = first or check.validators
    if not rules:
        return str(draw(st.integers(8, 12).flatmap(_digits)))
    return str(draw(valid_ids(rules, first)))


def _party(
    draw: Draw, active: Sequence[RuleRef], country: str, role: str, *, address: bool
) -> dict[str, object]:
    party: dict[str, object] = {
        "name": leaf(draw(words(facets("Declaration", "Exporter", "Name").max_length or 70))),
        "id": leaf(_party_id(draw, active, country, role)),
    }
    if address:
        party["address"] = {
            "city_name": leaf(draw(words(35))),
            "country_code": leaf(country),
            "line_text": leaf(draw(words(70))),
            "postcode_id": leaf(draw(st.integers(4, 9).flatmap(_digits))),
        }
    return party


# --- goods items ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _ItemSpec:
    """Per-declaration values the goods items share."""

    direction: str
    requested: tuple[str, ...]
    invoice_currency: str
    duty_currency: str
    price_cap: Decimal
    gross_cap: Decimal
    net_cap: Decimal | None
    origins: tuple[str, ...]
    export: str
    day: date
    priced: bool = True
    """Whether items carry a price and duties (not on a transit declaration)."""
    sizes: tuple[int, ...] = (10, 8, 12, 6)
    """Commodity code lengths to draw (HS subheadings alone on a transit declaration)."""
    tariff_country: str | None = None
    """The country whose tariff's HS edition the commodity codes follow (the declaring
    country; on a transit declaration the office of departure's)."""


def _requested(draw: Draw, o: Options, active: Sequence[RuleRef], direction: str) -> str:
    if o.force.procedures:
        options = [
            p
            for p in o.force.procedures
            if (o.procedures is None or p in o.procedures) and p not in TRANSIT_PROCEDURES
        ]
    elif o.procedures is not None:
        options = list(o.procedures)
    else:
        options = {"IM": ["40"], "EX": ["10"]}.get(direction, ["40"])
    banned: set[str] = set()
    for ref in _predicates(active, "procedure-direction"):
        params = ref.spec.check.params  # type: ignore[union-attr]
        listed = params.get({"IM": "export", "EX": "import"}.get(direction, ""), ())
        banned.update(str(p) for p in listed)  # type: ignore[union-attr]
    good = [
        p
        for p in options
        if p not in banned
        and _CODE7.accepts(p)
        and all(
            c.accepts(p)
            for c in _value_checks(active, "requested_procedure", item=True, procedure=p)
        )
    ]
    if not good:
        reject()
    return str(draw(st.sampled_from(good)))


_CODE7 = facets(*_ITEM, "GovernmentProcedure", "CurrentCode")
_CLASS_ID = facets(*_ITEM, "Commodity", "Classification", "ID")


def field_ok(field: Selector, value: str) -> bool:
    """Whether a value written to a field fits the profile: each element it lands in
    accepts its part, and a field with a closed list of values holds one of them."""
    if field.universe is not None and value not in field.universe():
        return False
    if field.parts is None:
        return True
    return all(facets(*path).accepts(text) for path, text in field.parts(value))


def procedure_ok(code: str) -> bool:
    """Whether a whole procedure code splits into schema-valid current/previous codes."""
    return field_ok(selector("procedure_code", "item"), code)


def _hs_shaped(code: str) -> bool:
    return code.isdigit() and len(code) >= 6


#: What a bundled predicate asks of one field's values: a value written to that field
#: keeps the predicate quiet when the function accepts it.
PREDICATE_FIELD_RULES: dict[str, tuple[str, Callable[[str], bool]]] = {
    "hs-code-shape": ("commodity_code", _hs_shaped),
}


def field_rules_ok(field: Selector, value: str, active: Iterable[RuleRef]) -> bool:
    """Whether a value written to a field keeps the active bundled predicates quiet."""
    for ref in active:
        check = ref.spec.check
        if isinstance(check, PredicateCheck) and check.predicate in PREDICATE_FIELD_RULES:
            name, accepts = PREDICATE_FIELD_RULES[check.predicate]
            if name == field.name and not accepts(value):
                return False
    return True


def commodity_ok(code: str, active: Sequence[RuleRef]) -> bool:
    """Whether a commodity code is schema-valid and has the HS shape the baseline wants."""
    return _CLASS_ID.accepts(code) and field_rules_ok(
        selector("commodity_code", "item"), code, active
    )


def document_ok(code: str) -> bool:
    """Whether a document code splits into a schema-valid category and type."""
    return bool(code) and field_ok(selector("document_code", "item"), code)


def _commodity(
    draw: Draw,
    o: Options,
    active: Sequence[RuleRef],
    procedure: str | None,
    day: date,
    sizes: tuple[int, ...] = (10, 8, 12, 6),
    country: str | None = None,
) -> tuple[str, list[dict[str, object]]]:
    checks = _value_checks(active, "commodity_code", item=True, procedure=procedure)
    gated = [c for c in checks if _hs_gated(active, c)]
    plain = [c for c in checks if c not in gated]
    starts = _hs_code_prefixes(o.force.hs, day, country)

    def make(length: int | None) -> st.SearchStrategy[str]:
        size = st.just(length) if length is not None else st.sampled_from(sizes)

        def complete(n: int) -> st.SearchStrategy[str]:
            def extend(p: str) -> st.SearchStrategy[str]:
                # a free length keeps the whole prefix a range asks for ("0712901100");
                # a fixed length shorter than the prefix cannot stay in its range
                if length is not None and len(p) > length:
                    return st.nothing()
                width = n if length is not None else max(n, len(p))
                return _digits(max(width - len(p), 0)).map(lambda rest: (p + rest)[:width])

            return starts.flatmap(extend)

        return size.flatmap(complete)

    def fix(code: str) -> str:
        return code

    def ok(code: str) -> bool:
        if not commodity_ok(code, active):
            return False
        return all(
            ref.spec.check.accepts(code)
            for ref in active
            if ref.spec.check in gated and ref.spec.when.hs_holds(code)
        )

    code = solve(draw, plain, make, ok, fix)
    if len(code) == 10 and draw(st.booleans()):
        parts = [("TSP", code[:8]), ("TRC", code[8:])]
    else:
        parts = [("HS", code)]
    return code, [
        {"id": leaf(part), "identification_type_code": leaf(kind)} for kind, part in parts
    ]


def _hs_gated(active: Sequence[RuleRef], check: ValueCheck) -> bool:
    return any(ref.spec.check is check and ref.spec.when.hs for ref in active)


def _documents(
    draw: Draw,
    active: Sequence[RuleRef],
    procedure: str | None,
    commodity: str,
    origin: str,
    origin_type: str,
    export: str,
) -> list[dict[str, object]]:
    checks = _value_checks(
        active, "document_code", item=True, procedure=procedure, commodity=commodity
    )

    def code_ok(code: str) -> bool:
        if not document_ok(code):
            return False
        return all(c.accepts(code) for c in checks)

    needed: list[tuple[str, ...]] = []
    for ref in active:
        check = ref.spec.check
        if not ref.item_scope or not ref.item_applies(procedure, commodity):
            continue
        codes = check.documents_needed()
        if codes is not None:
            needed.append(codes)
        elif isinstance(check, PredicateCheck) and check.predicate == "preference-proof":
            # the builder writes no duty regime (preference) code, so only a claim made by
            # a preferential Origin needs its proof
            params = check.params
            countries = params.get("countries") or []
            country = export if params.get("country_of") == "export" else origin
            if (
                not params.get("preferences")
                and origin_type == str(params.get("origin_type", "2"))
                and (not countries or country in countries)  # type: ignore[operator]
            ):
                needed.append(tuple(str(c) for c in params.get("codes", ())))  # type: ignore[union-attr]
    docs: list[dict[str, object]] = []
    have: set[str] = set()
    for codes in needed:
        if have & set(codes):
            continue
        options = [c for c in codes if code_ok(c)]
        if not options:
            reject()
        code = draw(st.sampled_from(options))
        have.add(code)
        category, kind = split_document(code)
        doc: dict[str, object] = {"id": leaf("DOC-" + draw(_digits(8))), "type_code": leaf(kind)}
        if category:
            doc["category_code"] = leaf(category)
        docs.append(dict(sorted(doc.items(), key=lambda kv: _DOC_ORDER.index(kv[0]))))
    return docs


_DOC_ORDER = ("category_code", "id", "name", "type_code")


def _procedure(draw: Draw, active: Sequence[RuleRef], requested: str) -> str:
    """A whole procedure code (requested and previous) for a requested procedure."""
    proc_checks = _value_checks(active, "procedure_code", item=True, procedure=requested)
    prev_checks = _value_checks(active, "previous_procedure", item=True, procedure=requested)

    def make_proc(length: int | None) -> st.SearchStrategy[str]:
        if length is None:
            return st.just(requested + "00")
        return _digits(max(length - len(requested), 0)).map(lambda d: requested + d)

    return solve(
        draw,
        proc_checks,
        make_proc,
        lambda c: procedure_ok(c) and all(p.accepts(split_procedure(c)[1]) for p in prev_checks),
        lambda c: requested + c[len(requested) :],
    )


def _item(draw: Draw, o: Options, active: Sequence[RuleRef], spec: _ItemSpec) -> dict[str, Any]:
    procedure: str | None = None
    if spec.requested:
        procedure = _procedure(draw, active, draw(st.sampled_from(spec.requested)))
    code, classifications = _commodity(
        draw, o, active, procedure, spec.day, spec.sizes, spec.tariff_country
    )
    origin_checks = _value_checks(active, "origin_country", item=True, procedure=procedure)
    origin = solve(
        draw,
        origin_checks,
        lambda _n: st.sampled_from(spec.origins),
        lambda c: c in ISO_COUNTRIES,
    )
    origin_type = draw(st.sampled_from(("1", "1", "2")))
    gross = draw(money(Decimal("0.001"), min(spec.gross_cap, Decimal("50000")), 3))
    net_high = gross if spec.net_cap is None else min(gross, spec.net_cap)
    net = draw(money(Decimal(0), net_high, 3))
    commodity: dict[str, Any] = {
        "description": leaf(draw(words(512))),
        "classifications": classifications,
        "goods_measure": {
            "gross_mass_measure": leaf(gross, unit="KGM"),
            "net_net_weight_measure": leaf(net, unit="KGM"),
        },
    }
    if spec.priced:
        price = draw(money(Decimal("1.00"), spec.price_cap, 2))
        duty = draw(money(Decimal("0.01"), Decimal("100000"), 2))
        commodity["duty_tax_fees"] = [
            {
                "type_code": leaf(draw(st.sampled_from(("A00", "B00", "A30")))),
                "payment": {
                    "method_code": leaf("E"),
                    "tax_assessed_amount": leaf(duty, currency=spec.duty_currency),
                },
            }
        ]
        commodity["invoice_line"] = {
            "item_charge_amount": leaf(price, currency=spec.invoice_currency)
        }
    item: dict[str, Any] = {
        "sequence_numeric": leaf(1),
        "additional_documents": _documents(
            draw, active, procedure, code, origin, origin_type, spec.export
        ),
        "commodity": commodity,
        "origins": [{"country_code": leaf(origin), "type_code": leaf(origin_type)}],
        "packagings": [
            {
                "sequence_numeric": leaf(1),
                "marks_numbers_id": leaf(draw(words(40))),
                "quantity_quantity": leaf(draw(st.integers(1, 1000))),
                "type_code": leaf(draw(st.sampled_from(_PACKAGE_TYPES))),
            }
        ],
    }
    if procedure is not None:
        current, previous = split_procedure(procedure)
        gp: dict[str, Any] = {"current_code": leaf(current)}
        if previous:
            gp["previous_code"] = leaf(previous)
        item["government_procedures"] = [gp]
    return item


# --- the whole declaration -------------------------------------------------------------------


def _currencies(
    draw: Draw, o: Options, active: Sequence[RuleRef], countries: Sequence[str], declaring: str
) -> tuple[str, str]:
    every = _value_checks(active, "currencies", item=False)
    packs = [o.rules.packs[c].info.currency for c in countries if c in o.rules.packs]
    if o.force.currency is not None:
        invoice_options = [o.force.currency]
    else:
        invoice_options = list(dict.fromkeys(["USD", "EUR", *[c for c in packs if c]]))
    invoice_options = [
        c for c in invoice_options if c in ISO_CURRENCIES and all(k.accepts(c) for k in every)
    ]
    if not invoice_options:
        reject()
    invoice = str(draw(st.sampled_from(invoice_options)))
    duty_checks = _value_checks(active, "duty_currency", item=True)
    national = o.rules.packs[declaring].info.currency if declaring in o.rules.packs else None
    duty = solve(
        draw,
        duty_checks,
        lambda _n: st.just(national or invoice),
        lambda c: c in ISO_CURRENCIES and all(k.accepts(c) for k in every),
    )
    return invoice, duty


def draw_items(
    draw: Draw, o: Options, active: Sequence[RuleRef], spec: _ItemSpec, count: int
) -> tuple[list[dict[str, Any]], Decimal, int]:
    """``count`` goods items numbered 1..n (a few drawn shapes, repeated), with their
    total gross mass and total number of packages."""
    shapes = [_item(draw, o, active, spec) for _ in range(min(count, ITEM_SHAPES))]
    items: list[dict[str, Any]] = []
    for index in range(count):
        item = dict(shapes[index % len(shapes)])
        item["sequence_numeric"] = leaf(index + 1)
        items.append(item)
    gross_total = sum(
        (
            Decimal(str(i["commodity"]["goods_measure"]["gross_mass_measure"]["value"]))
            for i in items
        ),
        Decimal(0),
    )
    packages = sum((i["packagings"][0]["quantity_quantity"]["value"] for i in items), 0)
    return items, gross_total, packages


def _kind(type_code: str) -> str:
    """The kind of a drawn import or export declaration (its TypeCode says which)."""
    return "export" if type_code.startswith("EX") else "import"


def kinds_to_draw(o: Options) -> tuple[str, ...]:
    """The kinds a declaration may be of: the options' kinds, narrowed by a violation's."""
    if not o.force.kinds:
        return o.kinds
    return tuple(k for k in o.kinds if k in o.force.kinds)


def build(draw: Draw, o: Options) -> Built:
    """Draw one valid import or export declaration (see the module docstring; transit
    declarations are drawn by :mod:`single_window.testing._transit`)."""
    plain = tuple(k for k in kinds_to_draw(o) if k != "transit")
    if not plain:
        reject()
    ends = (("export", "export"), ("import", "destination"))
    sides = tuple(side for kind, side in ends if kind in plain)
    export, transit, destination, declaring = _route(draw, o, sides)
    countries = (export, *transit, destination)
    roles = _roles(declaring, export, transit, destination)
    direction = "IM" if declaring == destination else "EX"
    if o.force.type_prefixes:
        prefix = draw(st.sampled_from(o.force.type_prefixes))
        type_code = prefix.ljust(3, "A")[:3]
    else:
        type_code = direction + "A"
    direction = type_code[:2] if type_code[:2] in ("IM", "EX") else direction
    if _kind(type_code) not in plain:
        reject()
    function = o.force.functions[0] if o.force.functions else "9"
    earliest, latest = date_window(o.rules, o.force)
    if earliest > latest:
        reject()
    day = earliest + timedelta(days=draw(st.integers(0, (latest - earliest).days)))
    header = Header(roles, type_code, function, day, _kind(type_code))
    candidates = list(iter_rules(o.rules, countries))
    active = [r for r in candidates if applies(r, header)]

    # header codes under the active checks
    type_code = solve(
        draw,
        _value_checks(active, "type_code", item=False),
        lambda _n: st.just(type_code),
        facets("Declaration", "TypeCode").accepts,
        lambda c: type_code[:2] + c[2:] if len(c) >= 2 else c,
    )
    function = solve(
        draw,
        _value_checks(active, "function_code", item=False),
        lambda _n: st.just(function),
        facets("Declaration", "FunctionCode").accepts,
    )
    office_facets = facets("Declaration", "DeclarationOfficeID")
    office = solve(
        draw,
        _value_checks(active, "declaration_office_id", item=False),
        lambda n: _digits(max((n or 8) - 2, 1)).map(lambda d: declaring + d),
        office_facets.accepts,
    )
    header = Header(roles, type_code, function, day, _kind(type_code))
    active = [r for r in candidates if applies(r, header)]

    invoice_currency, duty_currency = _currencies(draw, o, active, countries, declaring)
    count = draw(st.integers(*o.items))
    amount_facets = facets("Declaration", "InvoiceAmount")
    # room for the sum of up to 999 items within totalDigits
    top = Decimal(10) ** (
        (amount_facets.total_digits or 16) - (amount_facets.fraction_digits or 3) - 4
    )
    price_cap = min(Decimal("1000000"), top)
    for cap in (
        _caps(active, "item_amount", invoice_currency, True),
        (_caps(active, "invoice_amount", invoice_currency, False) or Decimal(0)) / count
        if _caps(active, "invoice_amount", invoice_currency, False) is not None
        else None,
    ):
        if cap is not None:
            price_cap = min(price_cap, cap.quantize(Decimal("0.01"), rounding="ROUND_FLOOR"))
    if price_cap < Decimal("1.00"):
        reject()
    gross_cap = _caps(active, "gross_mass", "KGM", True) or Decimal("50000")
    net_cap = _caps(active, "net_mass", "KGM", True)
    origin_pool = tuple(c for c in (export, *OUTSIDE_PARTNERS) if c in ISO_COUNTRIES)
    spec = _ItemSpec(
        direction=direction,
        requested=(),
        invoice_currency=invoice_currency,
        duty_currency=duty_currency,
        price_cap=price_cap,
        gross_cap=gross_cap,
        net_cap=net_cap,
        origins=origin_pool,
        export=export,
        day=day,
        tariff_country=declaring,
    )
    spec = replace(spec, requested=(_requested(draw, o, active, direction),))
    if o.procedures and not o.force.procedures and len(o.procedures) > 1:
        extra = _requested(draw, o, active, direction)
        spec = replace(spec, requested=tuple(dict.fromkeys((*spec.requested, extra))))
    items, gross_total, packages = draw_items(draw, o, active, spec, count)
    invoice_total = sum(
        (i["commodity"]["invoice_line"]["item_charge_amount"]["value"] for i in items), Decimal(0)
    )
    zone = o.rules.zone(declaring)
    issue = _stamp(draw, day, zone)
    invoice_day = max(day - timedelta(days=draw(st.integers(0, 30))), floor_date(o.rules))
    data: dict[str, Any] = {
        "metadata": {
            "wco_data_model_version_code": leaf("3.6"),
            "wco_type_name": leaf("DEC"),
            "responsible_country_code": leaf(declaring),
        },
        "function_code": leaf(function),
        "functional_reference_id": leaf(f"{declaring}-{draw(_digits(10))}"),
        "issue_date_time": issue,
        "type_code": leaf(type_code),
        "goods_item_quantity": leaf(count),
        "declaration_office_id": leaf(office),
        "invoice_amount": leaf(invoice_total, currency=invoice_currency),
        "total_gross_mass_measure": leaf(gross_total, unit="KGM"),
        "total_package_quantity": leaf(packages),
        "border_transport_means": {
            "registration_nationality_code": leaf(draw(st.sampled_from(countries))),
            "mode_code": leaf(draw(st.sampled_from(_BORDER_MODES))),
        },
        "consignment": {
            "itineraries": [
                {"sequence_numeric": leaf(n), "routing_country_code": leaf(c)}
                for n, c in enumerate(countries, start=1)
            ]
        },
        "declarant": {"id": leaf(_party_id(draw, active, declaring, "declarant"))},
        "exporter": _party(draw, active, export, "exporter", address=True),
        "goods_shipment": {
            "transaction_nature_code": leaf("11"),
            "destination": {"country_code": leaf(destination)},
            "export_country": {"id": leaf(export)},
            "government_agency_goods_items": items,
            "importer": _party(draw, active, destination, "importer", address=True),
            "invoice": {
                "id": leaf(f"INV-{draw(_digits(6))}"),
                "issue_date_time": _stamp(draw, invoice_day, zone),
            },
        },
    }
    declaration = Declaration.model_validate(data)
    built = Built(
        declaration=declaration,
        header=header,
        export=export,
        transit=transit,
        destination=destination,
        declaring=declaring,
        active=active,
        invoice_currency=invoice_currency,
        duty_currency=duty_currency,
        today=today_utc(),
        floor=floor_date(o.rules),
        kind=_kind(type_code),
    )
    unknown = [r for r in active if not handled(r)]
    if unknown and engine_findings(declaration, unknown, o.rules):
        reject()
    return built


def handled(ref: RuleRef, kind: str = "import") -> bool:
    """Whether the builder satisfies a rule by construction on a declaration of a kind."""
    check = ref.spec.check
    if isinstance(check, PredicateCheck):
        if kind == "transit" and check.predicate in TRANSIT_PREDICATES:
            return True
        return check.predicate in SATISFIED_PREDICATES
    return check.built_by_construction(ref.scope)


def context(declaration: Declaration, rules: RuleSet, today: date | None = None) -> Context:
    """The rule context ``check`` would build for a declaration (no ``on=`` date)."""
    return Context.of(declaration, today=today or today_utc(), zones=rules.zone)


def engine_findings(declaration: Declaration, refs: Iterable[RuleRef], rules: RuleSet) -> list[str]:
    """Rule ids the engine reports when it runs only these rules on a declaration."""
    plan = Plan([compile_rule(r.spec, r.country) for r in refs])
    found, _ = plan.evaluate(context(declaration, rules))
    return [f.rule for f in found]
