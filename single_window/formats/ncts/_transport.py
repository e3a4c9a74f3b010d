"""How the goods of an NCTS declaration travel, as the canonical model has it: the means of
transport at departure and at the border, the equipment and its seals, the location of
the goods and the places of loading and unloading.

Every active border means of transport (up to nine) is one ``BorderTransportMeans`` of
the declaration, in the order of their sequence numbers, and every departure means (up
to 999) one ``DepartureTransportMeans`` of the goods shipment's consignment (a house
consignment's are its own). The mode of transport at the border is the first border
means' ``ModeCode`` (``Declaration.border_mode``), the inland mode the first departure
means'; a message that gives a mode without any means has one means that holds only the
mode, at the mode's element.

The location of goods keeps each of its identifications apart: the UN/LOCODE in ``ID``,
the customs office, authorisation, economic operator and additional identifier in their
own elements, the GNSS coordinates as signed numbers, an address (with the qualifier of
identification as its ``TypeCode``, where the UK's DMS layout puts it) and a postcode
address.
"""

from __future__ import annotations

from typing import Any

from single_window._values import Quantity
from single_window.formats.ncts._canonical import (
    as_type,
    contact,
    decimal,
    make,
    sequenced,
)
from single_window.formats.ncts._documents import transport_documents
from single_window.models import (
    BorderTransportMeans,
    Consignment,
    DepartureTransportMeans,
    GoodsLocation,
    GoodsLocationAddress,
    LoadingLocation,
    PostcodeAddress,
    Seal,
    TransportEquipment,
    UnloadingLocation,
)

__all__ = ["border_means", "departure_means", "transport"]


def departure_means(found: list[Any], mode: Any = None) -> list[DepartureTransportMeans]:
    """The means of transport at departure, in sequence order; the first carries the
    inland ``mode`` (a means of its own, at the mode, when there is none)."""
    out = [
        make(
            DepartureTransportMeans,
            means.path,
            means.line,
            id=means.identification_number,
            identification_type_code=means.type_of_identification,
            registration_nationality_code=means.nationality,
        )
        for means in sequenced(found)
    ]
    if mode is not None:
        if out:
            out[0].__dict__["mode_code"] = mode
        else:
            out.append(make(DepartureTransportMeans, mode.path, mode.line, mode_code=mode))
    return out


def border_means(consignment: Any) -> list[BorderTransportMeans]:
    """The active means of transport crossing the border, in sequence order; the first
    carries the mode of transport at the border (a means of its own, at the mode, when
    the message gives none)."""
    out = [
        make(
            BorderTransportMeans,
            means.path,
            means.line,
            id=means.identification_number,
            identification_type_code=means.type_of_identification,
            registration_nationality_code=means.nationality,
            customs_office_id=means.customs_office_at_border_reference_number,
            conveyance_reference_id=means.conveyance_reference_number,
        )
        for means in sequenced(consignment.active_border_transport_means)
    ]
    mode = consignment.mode_of_transport_at_the_border
    if mode is not None:
        if out:
            out[0].__dict__["mode_code"] = mode
        else:
            out.append(make(BorderTransportMeans, mode.path, mode.line, mode_code=mode))
    return out


def _equipment(consignment: Any) -> list[TransportEquipment]:
    return [
        make(
            TransportEquipment,
            equipment.path,
            equipment.line,
            sequence_numeric=equipment.sequence_number,
            id=equipment.container_identification_number,
            seal_quantity=as_type(Quantity, equipment.number_of_seals),
            seals=[
                make(
                    Seal,
                    seal.path,
                    seal.line,
                    sequence_numeric=seal.sequence_number,
                    id=seal.identifier,
                )
                for seal in equipment.seals
            ],
        )
        for equipment in consignment.transport_equipments
    ]


def _address(location: Any) -> GoodsLocationAddress | None:
    """The location's address, with the qualifier of identification as its type (an
    address that holds only the qualifier, at the location, when there is no address)."""
    address = location.address
    qualifier = location.qualifier_of_identification
    if address is None and qualifier is None:
        return None
    node = address or location
    return make(
        GoodsLocationAddress,
        node.path,
        node.line,
        type_code=qualifier,
        city_name=getattr(address, "city", None),
        country_code=getattr(address, "country", None),
        line_text=getattr(address, "street_and_number", None),
        postcode_id=getattr(address, "postcode", None),
    )


def _location(location: Any) -> GoodsLocation | None:
    """The location of goods, each of its identifications in its own element."""
    if location is None:
        return None
    office = location.customs_office
    operator = location.economic_operator
    gnss = location.gnss
    postal = location.postcode_address
    return make(
        GoodsLocation,
        location.path,
        location.line,
        id=location.un_locode,
        type_code=location.type_of_location,
        authorisation_id=location.authorisation_number,
        additional_identifier_id=location.additional_identifier,
        customs_office_id=office.reference_number if office is not None else None,
        economic_operator_id=operator.identification_number if operator is not None else None,
        latitude_numeric=decimal(gnss.latitude) if gnss is not None else None,
        longitude_numeric=decimal(gnss.longitude) if gnss is not None else None,
        address=_address(location),
        contact=contact(location.contact_person),
        postcode_address=None
        if postal is None
        else make(
            PostcodeAddress,
            postal.path,
            postal.line,
            building_number=postal.house_number,
            postcode_id=postal.postcode,
            country_code=postal.country,
        ),
    )


def _place(cls: type[Any], place: Any) -> Any:
    """A place of loading or unloading: UN/LOCODE, country and name."""
    if place is None:
        return None
    return make(
        cls,
        place.path,
        place.line,
        id=place.un_locode,
        country_code=place.country,
        name=place.location,
    )


def transport(consignment: Any) -> Consignment:
    """Container indicator, equipment and seals, location of goods, departure means,
    places of loading and unloading and transport documents: the canonical
    ``GoodsShipment/Consignment``."""
    return make(
        Consignment,
        consignment.path,
        consignment.line,
        container_code=consignment.container_indicator,
        departure_transport_means=departure_means(
            consignment.departure_transport_means, consignment.inland_mode_of_transport
        ),
        goods_location=_location(consignment.location_of_goods),
        loading_location=_place(LoadingLocation, consignment.place_of_loading),
        unloading_location=_place(UnloadingLocation, consignment.place_of_unloading),
        transport_contract_documents=transport_documents(consignment),
        transport_equipments=_equipment(consignment),
    )
