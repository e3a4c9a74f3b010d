"""The goods' route as a declaration states it, and each country's role on it.

Every country involved in a declaration has one or more roles: ``declaring`` (where the
declaration is lodged), ``export`` (where the goods are dispatched from), ``departure``
(the office of departure's country, on a transit declaration), ``transit`` (a country the
goods cross between them) and ``destination``. Rules apply by role; the countries
whose packs run are the countries with a role, unless the caller names them: a country
named has the roles the declaration gives it, none when it is not on the declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from single_window._i18n import N_, define
from single_window.models import Declaration
from single_window.rules._selected import text_of

__all__ = [
    "ROLE_WORDS",
    "Role",
    "Route",
    "itinerary_countries",
    "office_country",
    "route_of",
    "transit_office_countries",
]


class Role(StrEnum):
    """A country's role on the declaration's route.

    ``declaring``: where the declaration is lodged (MetaData ResponsibleCountryCode, or
    the declaration office's country). ``export``: the export/dispatch country.
    ``departure``: on a transit declaration, the country of the office of departure (the
    office the declaration is lodged at). ``transit``: a country the goods cross between
    dispatch or departure and destination. ``destination``: the destination.
    """

    DECLARING = "declaring"
    EXPORT = "export"
    DEPARTURE = "departure"
    TRANSIT = "transit"
    DESTINATION = "destination"


#: The roles as messages name them (``role.<role>``).
ROLE_WORDS = define(
    "role",
    {
        Role.DECLARING.value: N_("declaring"),
        Role.EXPORT.value: N_("export"),
        Role.DEPARTURE.value: N_("departure"),
        Role.TRANSIT.value: N_("transit"),
        Role.DESTINATION.value: N_("destination"),
    },
)


@dataclass(frozen=True)
class Route:
    """The countries of a declaration and their roles.

    Attributes:
        declaring: The country the declaration is lodged in, if known.
        export: The export (dispatch) country, if given.
        destination: The destination country, if given.
        roles: Every involved country (ISO alpha-2) with its roles.
        order: The countries in the order the goods pass them: export or departure
            first, then the transit countries in itinerary order, then the destination.
        departure: On a transit declaration, the country of the office of departure.
    """

    declaring: str | None = None
    export: str | None = None
    destination: str | None = None
    roles: Mapping[str, frozenset[Role]] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    departure: str | None = None

    def roles_of(self, country: str) -> frozenset[Role]:
        """The roles of a country (empty when it is not involved)."""
        return self.roles.get(country, frozenset())


def _country(code: str | None) -> str | None:
    """An ISO alpha-2 country code, or None for anything else."""
    if code and len(code) == 2 and code.isascii() and code.isalpha() and code.isupper():
        return code
    return None


def office_country(office: str | None) -> str | None:
    """The country of a customs office reference: its first two letters (``TR340100``);
    None when it does not start with two capital letters (EAEU offices are numbers)."""
    if office is None:
        return None
    return _country(office.strip()[:2].upper())


def _sequence(node: object, position: int) -> tuple[Decimal, int]:
    numeric = getattr(node, "sequence_numeric", None)
    value = getattr(numeric, "value", None)
    return (value if isinstance(value, Decimal) else Decimal(position + 1), position)


def itinerary_countries(decl: Declaration) -> list[str]:
    """The routing countries of ``Declaration/Consignment/Itinerary`` in sequence order."""
    if decl.consignment is None:
        return []
    legs = sorted(
        enumerate(decl.consignment.itineraries), key=lambda pair: _sequence(pair[1], pair[0])
    )
    return [c for _, leg in legs if (c := _country(text_of(leg.routing_country_code)))]


def transit_office_countries(decl: Declaration) -> list[str]:
    """The countries of the declared offices of transit, in sequence order."""
    offices = sorted(enumerate(decl.transit_offices), key=lambda pair: _sequence(pair[1], pair[0]))
    return [c for _, office in offices if (c := office_country(text_of(office.id)))]


def route_of(decl: Declaration, kind: str | None = None) -> Route:
    """Each country's roles, from the declaration itself.

    Declaring: MetaData ResponsibleCountryCode, else the country of the declaration
    office. Export: GoodsShipment ExportCountry. Destination: on a transit declaration
    the country of the office of destination, else (and as a fallback) GoodsShipment
    Destination. Departure (transit declarations only): the country of the declaration
    office (the office of departure), else the declaring country. Transit: itinerary
    routing countries and the countries of the offices of transit, other than those.
    ``kind`` is the declaration's kind when the caller has it already.
    """
    roles: dict[str, set[Role]] = {}

    def add(country: str | None, role: Role) -> None:
        if country is not None:
            roles.setdefault(country, set()).add(role)

    office = office_country(text_of(decl.declaration_office_id))
    declaring = None
    if decl.metadata is not None:
        declaring = _country(text_of(decl.metadata.responsible_country_code))
    declaring = declaring or office
    shipment = decl.goods_shipment
    export = None
    destination = None
    if shipment is not None:
        if shipment.export_country is not None:
            export = _country(text_of(shipment.export_country.id))
        if shipment.destination is not None:
            destination = _country(text_of(shipment.destination.country_code))
    departure = None
    passed = itinerary_countries(decl)
    if (kind or decl.kind) == "transit":
        departure = office or declaring
        if decl.destination_office is not None:
            destination = office_country(text_of(decl.destination_office.id)) or destination
        passed += transit_office_countries(decl)
    add(declaring, Role.DECLARING)
    add(export, Role.EXPORT)
    add(departure, Role.DEPARTURE)
    add(destination, Role.DESTINATION)
    start = departure or export
    ends = {start, destination}
    between = [c for c in dict.fromkeys(passed) if c not in ends]
    for country in between:
        add(country, Role.TRANSIT)
    order = tuple(
        dict.fromkeys(c for c in (start or declaring, *between, destination) if c is not None)
    )
    return Route(
        declaring,
        export,
        destination,
        {c: frozenset(r) for c, r in sorted(roles.items())},
        order,
        departure,
    )
