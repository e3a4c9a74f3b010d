"""The goods' route as a declaration states it, and each country's role on it.

Every country involved in a declaration has one or more roles: ``declaring`` (where the
declaration is lodged), ``export`` (where the goods are dispatched from), ``transit`` (an
itinerary country between them) and ``destination``. Rules apply by role; the countries
whose packs run are the countries with a role, unless the caller names them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from single_window.models import Declaration

__all__ = ["Role", "Route", "route_of"]


class Role(StrEnum):
    """A country's role on the declaration's route.

    ``declaring``: where the declaration is lodged (MetaData ResponsibleCountryCode, or
    the declaration office's country). ``export``: the export/dispatch country.
    ``transit``: a routing country between them. ``destination``: the destination.
    """

    DECLARING = "declaring"
    EXPORT = "export"
    TRANSIT = "transit"
    DESTINATION = "destination"


@dataclass(frozen=True)
class Route:
    """The countries of a declaration and their roles.

    Attributes:
        declaring: The country the declaration is lodged in, if known.
        export: The export (dispatch) country, if given.
        destination: The destination country, if given.
        roles: Every involved country (ISO alpha-2) with its roles.
    """

    declaring: str | None = None
    export: str | None = None
    destination: str | None = None
    roles: Mapping[str, frozenset[Role]] = field(default_factory=dict)

    def roles_of(self, country: str) -> frozenset[Role]:
        """The roles of a country (empty when it is not involved)."""
        return self.roles.get(country, frozenset())

    def naming(self, countries: Iterable[str]) -> Route:
        """The same route, with countries a caller named added as declaring countries when
        the declaration itself gives them no role."""
        roles = dict(self.roles)
        for code in countries:
            roles.setdefault(code, frozenset({Role.DECLARING}))
        return Route(self.declaring, self.export, self.destination, roles)


def _code(node: object) -> str | None:
    value = getattr(node, "value", None)
    return value if isinstance(value, str) and value else None


def route_of(decl: Declaration) -> Route:
    """Each country's roles, from the declaration itself.

    Declaring: MetaData ResponsibleCountryCode, else the first two letters of the
    declaration office code. Export: GoodsShipment ExportCountry. Destination:
    GoodsShipment Destination. Transit: itinerary routing countries other than those.
    """
    roles: dict[str, set[Role]] = {}

    def add(country: str | None, role: Role) -> None:
        if country and len(country) == 2 and country.isalpha():
            roles.setdefault(country, set()).add(role)

    declaring = None
    if decl.metadata is not None:
        declaring = _code(decl.metadata.responsible_country_code)
    if declaring is None and decl.declaration_office_id is not None:
        office = decl.declaration_office_id.value
        declaring = office[:2] if len(office) >= 2 and office[:2].isalpha() else None
    shipment = decl.goods_shipment
    export = None
    destination = None
    if shipment is not None:
        if shipment.export_country is not None:
            export = _code(shipment.export_country.id)
        if shipment.destination is not None:
            destination = _code(shipment.destination.country_code)
    add(declaring, Role.DECLARING)
    add(export, Role.EXPORT)
    add(destination, Role.DESTINATION)
    if decl.consignment is not None:
        for leg in decl.consignment.itineraries:
            country = _code(leg.routing_country_code)
            if country and country not in (export, destination):
                add(country, Role.TRANSIT)
    return Route(
        declaring, export, destination, {c: frozenset(r) for c, r in sorted(roles.items())}
    )
