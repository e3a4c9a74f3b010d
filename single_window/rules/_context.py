"""What a rule sees: the declaration, the date it is judged at, the route and the parties.

:meth:`Context.of` builds the context ``check`` judges a declaration in; the strategies
build theirs the same way, so both see one route and one date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from types import MappingProxyType

from single_window import codelists
from single_window._i18n import N_, Listing, Message, define
from single_window._values import Identifier
from single_window.models import Declaration, GovernmentAgencyGoodsItem, Kind, Party
from single_window.rules._coded import coded_values
from single_window.rules._date_words import DATE_WORDS, DateFrom, date_said, date_source
from single_window.rules._route import Role, Route, route_of
from single_window.rules._selected import Selected, text_of

__all__ = [
    "TIR_GUARANTEE",
    "Context",
    "PartyRef",
    "days_after",
    "declaration_date",
    "parties",
    "tir_holder_id",
    "tir_type",
]


#: What explain mode says of a list judged by its nearest edition (``explain.<key>``).
_NEAREST = define(
    "explain",
    {
        "nearest-edition": N_(
            "no edition of the code list {list} applies on {date}, {date_source}: judged by "
            "{edition}, the nearest"
        ),
    },
)

_NO_ROLES: frozenset[Role] = frozenset()
_NO_EXTENSIONS: Mapping[str, frozenset[str]] = MappingProxyType({})


def declaration_date(decl: Declaration, zone: tzinfo | None = None) -> date | None:
    """The date a declaration is judged at: its issue (else acceptance) date, None when it
    has neither.

    A date without a time (format 102) is the day as written. A date-time (format 304)
    names an instant: its day is the calendar day in ``zone`` (the declaring country's
    time zone, where laws take effect at local midnight), or in UTC when no zone is
    known, so the same instant written with another UTC offset gets the same date.
    Within hours of the calendar's ends (0001-01-01, 9999-12-31) that day may lie beyond
    them: the date is then the nearest day the calendar has, which the date rules judge.
    """
    stamp = decl.issued_at
    if stamp is None or stamp.value is None:
        return None
    if stamp.format_code == "102":
        return stamp.value.date()
    try:
        return stamp.value.astimezone(zone or UTC).date()
    except OverflowError:
        return date.max if stamp.value.year > 1 else date.min


def days_after(day: date, days: int) -> date:
    """``day`` moved by ``days`` (before it when negative), held at the ends of the
    calendar instead of leaving it."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@dataclass
class Context:
    """One declaration as the rules see it.

    Attributes:
        declaration: The declaration model.
        as_of: The date rules are judged at: ``on=``, else the declaration's own date.
        today: Today's date (UTC), for the plausibility of dates; ``on=`` does not change it.
        route: The involved countries and their roles.
        kind: The declaration's kind: ``import``, ``export`` or ``transit`` (worked out
            once, when the context is made).
        dated: Whether ``as_of`` is a date the declaration (or the caller) gave; False
            when the declaration has no date and today stands in for it.
        date_from: Where ``as_of`` comes from: ``on`` (the caller's ``on=``),
            ``declaration`` (its own date) or ``today`` (it has none).
        extensions: Codes the packs in force add to a reference list, by list name.
    """

    declaration: Declaration
    as_of: date
    today: date
    route: Route
    kind: Kind
    dated: bool = True
    date_from: DateFrom = "declaration"
    extensions: Mapping[str, frozenset[str]] = field(default_factory=lambda: _NO_EXTENSIONS)
    substituted: dict[str, tuple[date, str]] = field(default_factory=dict)
    """Reference lists no edition of which applies on ``as_of``, each with the day their
    codes were judged at instead and the label of that (nearest) edition."""
    substitutions: int = 0
    """How often a rule asked for a list judged by a substitute edition (explain mode
    compares it before and after each rule)."""
    _judged: dict[str, tuple[date, str | None]] = field(default_factory=dict)
    _item_codes: dict[int, str | None] = field(default_factory=dict)
    _parties: list[PartyRef] | None = None
    _coded: dict[str, list[Selected]] | None = None

    @classmethod
    def of(
        cls,
        declaration: Declaration,
        *,
        on: date | None = None,
        today: date | None = None,
        zones: Callable[[str | None], tzinfo | None] | None = None,
    ) -> Context:
        """The context ``check`` judges a declaration in.

        Args:
            declaration: The declaration.
            on: Judge dated rules as of this date instead of the declaration's own date.
            today: Today's date; None reads the clock (UTC).
            zones: The time zone of a country (``RuleSet.zone``): the declaration is
                dated in its declaring country's zone.
        """
        kind = declaration.kind
        route = route_of(declaration, kind)
        zone = zones(route.declaring) if zones is not None else None
        own = declaration_date(declaration, zone)
        source: DateFrom = "on" if on is not None else "today" if own is None else "declaration"
        return cls(
            declaration=declaration,
            as_of=on or own or datetime.now(UTC).date(),
            today=today or datetime.now(UTC).date(),
            route=route,
            kind=kind,
            dated=on is not None or own is not None,
            date_from=source,
        )

    @property
    def date_source(self) -> Message:
        """Where :attr:`as_of` comes from, as a message (``date-source.<source>``)."""
        return date_source(self.date_from)

    def date_said(self, day: date | None = None, list_name: str | None = None) -> Message:
        """A date the rules judged at, with where it came from, as one message
        (``date.said``): :attr:`as_of` by default; for ``day`` other than it, the nearest
        day of the edition a reference list ``list_name`` was judged by instead."""
        if day is None or day == self.as_of:
            return date_said(self.as_of.isoformat(), self.date_source)
        return date_said(day.isoformat(), self.source_of(day, list_name))

    def source_of(self, day: date, list_name: str | None = None) -> Message:
        """Where a day the rules judged at comes from, as a message: :attr:`date_source`
        for :attr:`as_of`; for the day a reference list was judged at instead (no edition
        of it applies on :attr:`as_of`), that it is the nearest day of its nearest
        edition."""
        substitute = self.substituted.get(list_name or "")
        if day == self.as_of or substitute is None:
            return self.date_source
        return DATE_WORDS(
            "nearest",
            edition=substitute[1],
            as_of=self.as_of.isoformat(),
            date_source=self.date_source,
        )

    @property
    def declaring(self) -> str | None:
        """The country the declaration is lodged in."""
        return self.route.declaring

    @property
    def export(self) -> str | None:
        """The export (dispatch) country."""
        return self.route.export

    @property
    def destination(self) -> str | None:
        """The destination country."""
        return self.route.destination

    def roles_of(self, country: str) -> frozenset[Role]:
        """The roles of a country on the declaration's route."""
        return self.route.roles.get(country, _NO_ROLES)

    @property
    def type_code(self) -> str:
        """The declaration's TypeCode ("" when it has none)."""
        code = self.declaration.type_code
        return code.value if code is not None else ""

    @property
    def function_code(self) -> str:
        """The declaration's FunctionCode ("" when it has none)."""
        code = self.declaration.function_code
        return code.value if code is not None else ""

    def coded(self, list_name: str) -> list[Selected]:
        """Every value of the declaration that the reference list ``list_name`` governs
        (collected in one pass over the declaration, the first time it is asked for)."""
        if self._coded is None:
            self._coded = coded_values(self.declaration)
        return self._coded.get(list_name, [])

    def judged_on(self, list_name: str) -> date:
        """The day codes of the reference list ``list_name`` are judged at: ``as_of`` when
        an edition of the list applies on it; else the nearest day of the nearest edition
        (:meth:`~single_window.codelists.CodeList.nearest`), noted in :attr:`substituted`
        so that the report says so. A code is never passed unjudged for want of an
        edition."""
        judged = self._judged.get(list_name)
        if judged is None:
            judged = self._judged[list_name] = _judging(list_name, self.as_of)
        day, label = judged
        if label is not None:
            self.substituted[list_name] = (day, label)
            self.substitutions += 1
        return day

    def substitutes(self) -> Listing:
        """The substitute editions in words, for explain mode (none: an empty list)."""
        on, source = self.as_of.isoformat(), self.date_source
        return Listing.of(
            (
                _NEAREST(
                    "nearest-edition", list=repr(name), date=on, date_source=source, edition=label
                )
                for name, (_, label) in sorted(self.substituted.items())
            ),
            "semicolon",
        )

    def commodity_code(self, item: GovernmentAgencyGoodsItem) -> str | None:
        """The item's assembled commodity code (computed once per item)."""
        key = id(item)
        if key not in self._item_codes:
            self._item_codes[key] = item.commodity_code
        return self._item_codes[key]


@lru_cache(maxsize=4096)
def _judging(list_name: str, on: date) -> tuple[date, str | None]:
    """The day codes of a list are judged at on ``on``, and the label of the nearest
    edition when that is a substitute (None when an edition applies on ``on``)."""
    code_list = codelists.get(list_name)
    if code_list.edition(on) is not None:
        return on, None
    nearest = code_list.nearest(on)
    if nearest is None:
        return on, None
    day = on
    if nearest.valid_to is not None and day > nearest.valid_to:
        day = nearest.valid_to
    elif nearest.valid_from is not None and day < nearest.valid_from:
        day = nearest.valid_from
    return day, nearest.label


# --- parties ---------------------------------------------------------------------------


#: The parties as messages name them (``party.<role>``).
PARTY_WORDS = define(
    "party",
    {
        "declarant": N_("declarant"),
        "exporter": N_("exporter"),
        "consignor": N_("consignor"),
        "carrier": N_("carrier"),
        "importer": N_("importer"),
        "consignee": N_("consignee"),
        "buyer": N_("buyer"),
        "seller": N_("seller"),
    },
)


def party_word(role: str) -> Message | str:
    """A party's role as messages name it (a role no party has, as written)."""
    return PARTY_WORDS(role) if role in PARTY_WORDS.keys else role


@dataclass(frozen=True)
class PartyRef:
    """A party of the declaration, its role name and the country it is registered in."""

    role: str
    party: Party
    country: str | None


#: The guarantee type of the TIR carnet (NCTS code list CL251).
TIR_GUARANTEE = "B"


def tir_type(params: Mapping[str, object]) -> str:
    """The guarantee type a rule takes for the TIR carnet: its ``tir_type`` param, else
    :data:`TIR_GUARANTEE`."""
    return str(params.get("tir_type", TIR_GUARANTEE))


def tir_holder_id(decl: Declaration) -> Identifier | None:
    """The identification of the holder of the TIR carnet on a TIR declaration:
    ``Declarant/TIRHolderID``; on a WCO declaration that gives none, ``Declarant/ID``,
    where the layout put it before ``TIRHolderID`` was added. A declaration read from a
    format with an element of its own for it (the NCTS ``TIRHolderIdentificationNumber``)
    is not read in ``Declarant/ID``, which there is the holder's own identifier. None
    when the declaration is not a TIR declaration or names no holder."""
    declarant = decl.declarant
    if decl.transit_type != "TIR" or declarant is None:
        return None
    if text_of(declarant.tir_holder_id) is not None:
        return declarant.tir_holder_id
    read = decl.read_from
    return declarant.id if read is None or read.format == "wco" else None


def parties(ctx: Context) -> list[PartyRef]:
    """Every party with an ID, with the country it belongs to: its address country, else
    the country its role implies (importer/consignee: destination; exporter/consignor:
    export; declarant: declaring). The consignors and consignees of the house
    consignments are parties too. A declarant whose ID is the TIR holder identification
    (:func:`tir_holder_id`) rather than a national taxpayer number is left out. Computed
    once per declaration."""
    if ctx._parties is None:
        ctx._parties = list(_find_parties(ctx))
    return ctx._parties


def _find_parties(ctx: Context) -> Iterator[PartyRef]:
    decl = ctx.declaration
    shipment = decl.goods_shipment
    candidates: list[tuple[str, Party | None, str | None]] = [
        ("declarant", decl.declarant, ctx.declaring),
        ("exporter", decl.exporter, ctx.export),
        ("consignor", decl.consignment.consignor if decl.consignment else None, ctx.export),
        ("carrier", decl.consignment.carrier if decl.consignment else None, None),
        ("importer", shipment.importer if shipment else None, ctx.destination),
        ("consignee", shipment.consignee if shipment else None, ctx.destination),
        ("buyer", shipment.buyer if shipment else None, ctx.destination),
        ("seller", shipment.seller if shipment else None, ctx.export),
    ]
    for house in shipment.house_consignments if shipment is not None else ():
        candidates.append(("consignor", house.consignor, ctx.export))
        candidates.append(("consignee", house.consignee, ctx.destination))
    holder = tir_holder_id(decl)
    for role, party, implied in candidates:
        if party is None or party.id is None or (role == "declarant" and party.id is holder):
            continue
        country = None
        if party.address is not None:
            country = text_of(party.address.country_code)
        yield PartyRef(role, party, country or implied)
