"""The CC015C ``Consignment`` of a canonical transit declaration: transport, documents,
house consignments and their goods items (:mod:`._items`, :mod:`._documents` and
:mod:`._transport` the other way round)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from single_window._values import Measure, placed_leaf
from single_window.formats.ncts import models as m
from single_window.formats.ncts._build import (
    Build,
    Read,
    node,
    node_from,
    number,
    read_fields,
    sequence,
    text_of,
)
from single_window.models import Declaration

__all__ = ["consignment", "contact_person"]

#: Classification types: HS subheading, HS + Combined Nomenclature, CUS code.
HS, CN, CUS = "HS", "TSP", "CV"
PHONE, EMAIL = "TE", "EM"
KILOGRAM = "KGM"


def contact_person(contact: Any, cls: type[Any] = m.ContactPerson) -> Any:
    """A contact: name, telephone (``TE``) and e-mail (``EM``)."""
    if contact is None:
        return None
    ways = {text_of(c.type_code): c.id for c in contact.communications}
    return node(
        cls, name=contact.name, phone_number=ways.get(PHONE), e_mail_address=ways.get(EMAIL)
    )


def ncts_address(found: Any, cls: type[Any] = m.Address) -> Any:
    """A canonical address as an NCTS one (``Address`` or another address class)."""
    return node_from(
        cls,
        found,
        street_and_number="line_text",
        postcode="postcode_id",
        city="city_name",
        country="country_code",
    )


def _party(cls: type[Any], found: Any, address: type[Any] = m.Address, **more: Any) -> Any:
    if found is None:
        return None
    return node(
        cls,
        identification_number=found.id,
        name=found.name,
        address=ncts_address(found.address, address),
        **more,
    )


def _code(document: Any) -> Any:
    kind = document.type_code
    category = text_of(getattr(document, "category_code", None))
    if category is None or kind is None:
        return kind
    return category + (text_of(kind) or "")


def _numbered(cls: type[Any], found: list[Any], **fields: Read) -> list[Any]:
    """One node per canonical value, numbered 1 to n (``fields``: message field -> how it
    is read from the value)."""
    made = [
        node(cls, sequence_number=number(position), **read_fields(value, fields))
        for position, value in enumerate(found, 1)
    ]
    return [item for item in made if item is not None]


def _documents(owner: Any, level: str, phase6: bool) -> dict[str, Any]:
    """Previous, supporting and transport documents, additional references and
    information of a shipment, house consignment or goods item."""
    item = level == "item"
    previous = (
        m.ConsignmentItemPreviousDocument
        if item
        else (m.HouseConsignmentPreviousDocument if level == "house" else m.PreviousDocument)
    )
    extra: dict[str, Any] = {}
    if item:
        extra = {
            "goods_item_number": "line_numeric",
            "type_of_packages": "packaging_type_code",
            "number_of_packages": "package_quantity",
            "measurement_unit_and_qualifier": lambda d: (
                getattr(d.goods_quantity, "unit", None) if d.goods_quantity is not None else None
            ),
            "quantity": "goods_quantity",
        }
    transport = getattr(owner, "transport_contract_documents", []) if not (item and phase6) else []
    return {
        "previous_documents": _numbered(
            previous,
            owner.previous_documents,
            type=_code,
            reference_number="id",
            complement_of_information="complementary_information_text",
            **extra,
        ),
        "supporting_documents": _numbered(
            m.SupportingDocument,
            owner.additional_documents,
            type=_code,
            reference_number="id",
            document_line_item_number="line_numeric",
            complement_of_information="complementary_information_text",
        ),
        "transport_documents": _numbered(
            m.TransportDocument, transport, type=_code, reference_number="id"
        ),
        "additional_references": _numbered(
            m.ConsignmentItemAdditionalReference if item else m.AdditionalReference,
            owner.additional_references,
            type=_code,
            reference_number="id",
        ),
    }


def _information(found: list[Any]) -> list[Any]:
    return _numbered(
        m.AdditionalInformation, found, code="statement_code", text="statement_description"
    )


def _actors(found: list[Any]) -> list[Any]:
    return _numbered(
        m.AdditionalSupplyChainActor, found, role="role_code", identification_number="id"
    )


def _charges(freight: Any) -> Any:
    return node_from(m.TransportCharges, freight, method_of_payment="payment_method_code")


def _means(cls: type[Any], found: list[Any], **more: str) -> list[Any]:
    """Means of transport (those holding only a mode are the mode's, not a means)."""
    return _numbered(
        cls,
        found,
        type_of_identification="identification_type_code",
        identification_number="id",
        nationality="registration_nationality_code",
        **more,
    )


def _mode(found: list[Any]) -> Any:
    return found[0].mode_code if found else None


# --- goods items -------------------------------------------------------------------------


def _commodity_code(classifications: list[Any]) -> tuple[Any, Any]:
    """(the CommodityCode node, the CUS code) of a goods item's classifications."""
    code = cus = None
    for found in classifications:
        kind = text_of(found.identification_type_code)
        value = text_of(found.id)
        if kind == CUS:
            cus = found.id
        elif code is None and value is not None and kind in (HS, CN, None):
            cn = value[6:8] if kind == CN and len(value) >= 8 else None
            code = node(
                m.CommodityCode,
                harmonized_system_sub_heading_code=value[:6],
                combined_nomenclature_code=cn,
            )
    return code, cus


def _commodity(item: Any, path: str, build: Build) -> Any:
    commodity = item.commodity
    description = commodity.description if commodity is not None else None
    build.need(
        description,
        f"{path}/Commodity/descriptionOfGoods",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/Description",
    )
    if commodity is None:
        return None
    code, cus = _commodity_code(commodity.classifications)
    return node(
        m.Commodity,
        description_of_goods=description,
        cus_code=cus,
        commodity_code=code,
        dangerous_goods=_numbered(m.DangerousGoods, commodity.dangerous_goods, un_number="undgid"),
        goods_measure=node_from(
            m.GoodsMeasure,
            commodity.goods_measure,
            gross_mass="gross_mass_measure",
            net_mass="net_net_weight_measure",
            supplementary_units="tariff_quantity",
        ),
    )


_PACKAGING = "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Packaging"


def _packagings(item: Any, path: str, build: Build) -> list[Any]:
    made = [
        node(
            m.Packaging,
            sequence_number=sequence(pack, position),
            type_of_packages=build.need(
                pack.type_code,
                f"{path}/Packaging[{position}]/typeOfPackages",
                f"{_PACKAGING}/TypeCode",
            ),
            number_of_packages=pack.quantity_quantity,
            shipping_marks=pack.marks_numbers_id,
        )
        for position, pack in enumerate(item.packagings, 1)
    ]
    return build.need_some(made, f"{path}/Packaging", _PACKAGING)


def _item(decl: Declaration, item: Any, numbers: tuple[int, int], path: str, build: Build) -> Any:
    own, overall = numbers
    declared = item.sequence_numeric or number(overall)
    charges = None
    if not build.phase6 and decl.consignment is not None:
        for found in decl.consignment.consignment_items:
            if text_of(found.sequence_numeric) == text_of(declared):
                charges = _charges(found.freight)
    return node(
        m.ConsignmentItem,
        goods_item_number=number(own),
        declaration_goods_item_number=declared,
        declaration_type=item.declaration_type_code,
        country_of_dispatch=item.export_country.id if item.export_country else None,
        country_of_destination=item.destination.country_code if item.destination else None,
        reference_number_ucr=item.ucr.id if item.ucr else None,
        consignee=None
        if build.phase6
        else _party(m.ConsignmentItemConsignee, item.consignee, m.ConsignmentItemConsigneeAddress),
        additional_supply_chain_actors=_actors(item.aeo_mutual_recognition_parties),
        commodity=_commodity(item, path, build),
        packagings=_packagings(item, path, build),
        **_documents(item, "item", build.phase6),
        additional_information=_information(item.additional_information),
        transport_charges=charges,
    )


def _mass(values: list[Any]) -> Measure | None:
    total = Decimal(0)
    for found in values:
        value = getattr(found, "value", None)
        if not isinstance(value, Decimal):
            return None
        total += value
    made: Measure = placed_leaf(Measure, None, None)
    made.value = total
    made.unit = KILOGRAM
    return made


def _item_mass(item: Any) -> Any:
    commodity = item.commodity
    measure = commodity.goods_measure if commodity is not None else None
    return measure.gross_mass_measure if measure is not None else None


def _houses(decl: Declaration, build: Build) -> list[Any]:
    shipment = decl.goods_shipment
    items = shipment.government_agency_goods_items if shipment is not None else []
    houses = list(shipment.house_consignments) if shipment is not None else []
    out = []
    overall = 0
    for position, house in enumerate(houses or [None], 1):
        key = text_of(house.sequence_numeric) if house is not None else None
        # Goods items naming no house consignment are the first one's.
        mine = [
            i
            for i in items
            if house is None
            or text_of(i.house_consignment_sequence_numeric) == key
            or (position == 1 and text_of(i.house_consignment_sequence_numeric) is None)
        ]
        path = f"Consignment/HouseConsignment[{position}]"
        made_items = []
        for own, item in enumerate(mine, 1):
            overall += 1
            made_items.append(
                _item(decl, item, (own, overall), f"{path}/ConsignmentItem[{own}]", build)
            )
        made_items = build.need_some(
            made_items,
            f"{path}/ConsignmentItem",
            "Declaration/GoodsShipment/GovernmentAgencyGoodsItem",
        )
        out.append(_house(house, made_items, mine, position, decl, build))
    return out


def _house_mass(house: Any, items: list[Any], decl: Declaration, build: Build, path: str) -> Any:
    found = house.total_gross_mass_measure if house is not None else None
    if found is not None:
        return found
    total = _mass([_item_mass(i) for i in items]) if items else None
    if total is None and house is None:
        total = decl.total_gross_mass_measure
    if total is None:
        build.missing.append(
            (path, "Declaration/GoodsShipment/HouseConsignment/TotalGrossMassMeasure")
        )
        return None
    build.default(path, total.value, "house-gross-mass")
    return total


def _house(
    house: Any, made: list[Any], items: list[Any], position: int, decl: Declaration, build: Build
) -> Any:
    path = f"Consignment/HouseConsignment[{position}]/grossMass"
    mass = _house_mass(house, items, decl, build, path)
    if house is None:
        return node(
            m.HouseConsignment,
            sequence_number=number(position),
            gross_mass=mass,
            consignment_items=made,
        )
    consignor = house.consignor
    return node(
        m.HouseConsignment,
        sequence_number=sequence(house, position),
        country_of_dispatch=house.export_country.id if house.export_country else None,
        country_of_destination=house.destination.country_code if house.destination else None,
        gross_mass=mass,
        reference_number_ucr=house.ucr.id if house.ucr else None,
        consignor=_party(
            m.Consignor,
            consignor,
            contact_person=contact_person(consignor.contact) if consignor is not None else None,
        ),
        consignee=_party(m.Consignee, house.consignee),
        additional_supply_chain_actors=_actors(house.aeo_mutual_recognition_parties),
        departure_transport_means=_means(
            m.HouseConsignmentDepartureTransportMeans, house.departure_transport_means
        ),
        **_documents(house, "house", build.phase6),
        additional_information=_information(house.additional_information),
        transport_charges=_charges(house.freight),
        consignment_items=made,
    )


# --- the consignment ---------------------------------------------------------------------


def _seals(seals: list[Any], position: int, build: Build) -> Any:
    """The number of seals, when the equipment has seals and does not say how many."""
    if not seals:
        return None
    path = f"Consignment/TransportEquipment[{position}]/numberOfSeals"
    return build.default(path, number(len(seals)), "number-of-seals")


def _equipment(decl: Declaration, build: Build) -> list[Any]:
    """Transport equipment with its seals, and the goods items in it (turned round: each
    goods item names the equipment it is in)."""
    shipment = decl.goods_shipment
    transport = shipment.consignment if shipment is not None else None
    if transport is None or shipment is None:
        return []
    out = []
    for position, equipment in enumerate(transport.transport_equipments, 1):
        key = text_of(equipment.sequence_numeric)
        goods = [
            item.sequence_numeric
            for item in shipment.government_agency_goods_items
            if item.commodity is not None
            and any(text_of(e.sequence_numeric) == key for e in item.commodity.transport_equipments)
        ]
        made = node(
            m.TransportEquipment,
            sequence_number=sequence(equipment, position),
            container_identification_number=equipment.id,
            number_of_seals=equipment.seal_quantity or _seals(equipment.seals, position, build),
            seals=[
                node(m.Seal, sequence_number=sequence(seal, n), identifier=seal.id)
                for n, seal in enumerate(equipment.seals, 1)
            ],
            goods_references=_numbered(
                m.GoodsReference, goods, declaration_goods_item_number=lambda g: g
            ),
        )
        if made is not None:
            out.append(made)
    return out


def _location(location: Any) -> Any:
    if location is None:
        return None
    address = location.address
    lat, lon = location.latitude_numeric, location.longitude_numeric
    return node(
        m.LocationOfGoods,
        type_of_location=location.type_code,
        qualifier_of_identification=address.type_code if address is not None else None,
        authorisation_number=location.authorisation_id,
        additional_identifier=location.additional_identifier_id,
        un_locode=location.id,
        customs_office=node(m.CustomsOffice, reference_number=location.customs_office_id),
        gnss=node(m.GNSS, latitude=lat, longitude=lon),
        economic_operator=node(
            m.EconomicOperator, identification_number=location.economic_operator_id
        ),
        address=ncts_address(address, m.LocationOfGoodsAddress),
        postcode_address=node_from(
            m.PostcodeAddress,
            location.postcode_address,
            house_number="building_number",
            postcode="postcode_id",
            country="country_code",
        ),
        contact_person=contact_person(location.contact, m.LocationOfGoodsContactPerson),
    )


def _place(cls: type[Any], place: Any) -> Any:
    return node_from(cls, place, un_locode="id", country="country_code", location="name")


def _only_mode(means: Any) -> bool:
    return all(
        value is None or value == []
        for name, value in means.__dict__.items()
        if name not in ("mode_code", "path", "line")
    )


def consignment(decl: Declaration, build: Build) -> Any:
    """The CC015C ``Consignment`` of a canonical declaration."""
    shipment = decl.goods_shipment
    transport = shipment.consignment if shipment is not None else None
    master = decl.consignment
    departure = transport.departure_transport_means if transport is not None else []
    border = decl.border_transport_means
    houses = _houses(decl, build)
    mass = decl.total_gross_mass_measure
    if mass is None:
        masses = [h.gross_mass for h in houses if h is not None]
        mass = _mass(masses) if masses else None
        if mass is None:
            build.missing.append(("Consignment/grossMass", "Declaration/TotalGrossMassMeasure"))
        else:
            build.default("Consignment/grossMass", mass.value, "gross-mass")
    consignor = master.consignor if master is not None else None
    carrier = master.carrier if master is not None else None
    return node(
        m.Consignment,
        country_of_dispatch=shipment.export_country.id
        if shipment and shipment.export_country
        else None,
        country_of_destination=shipment.destination.country_code
        if shipment and shipment.destination
        else None,
        container_indicator=transport.container_code if transport is not None else None,
        inland_mode_of_transport=_mode(departure),
        mode_of_transport_at_the_border=_mode(border),
        gross_mass=mass,
        reference_number_ucr=shipment.ucr.id if shipment and shipment.ucr else None,
        carrier=None
        if carrier is None
        else node(
            m.Carrier,
            identification_number=carrier.id,
            contact_person=contact_person(carrier.contact),
        ),
        consignor=_party(
            m.Consignor,
            consignor,
            contact_person=contact_person(consignor.contact) if consignor is not None else None,
        ),
        consignee=_party(m.Consignee, shipment.consignee if shipment else None),
        additional_supply_chain_actors=_actors(
            shipment.aeo_mutual_recognition_parties if shipment else []
        ),
        transport_equipments=_equipment(decl, build),
        location_of_goods=_location(transport.goods_location if transport else None),
        departure_transport_means=_means(
            m.DepartureTransportMeans, [d for d in departure if not _only_mode(d)]
        ),
        countries_of_routing_of_consignment=[
            node(
                m.CountryOfRoutingOfConsignment,
                sequence_number=sequence(leg, n),
                country=leg.routing_country_code,
            )
            for n, leg in enumerate(master.itineraries if master is not None else [], 1)
        ],
        active_border_transport_means=_means(
            m.ActiveBorderTransportMeans,
            [b for b in border if not _only_mode(b)],
            customs_office_at_border_reference_number="customs_office_id",
            conveyance_reference_number="conveyance_reference_id",
        ),
        place_of_loading=_place(
            m.PlaceOfLoading, transport.loading_location if transport else None
        ),
        place_of_unloading=_place(
            m.PlaceOfUnloading, transport.unloading_location if transport else None
        ),
        **_shipment_documents(decl),
        additional_information=_information(decl.additional_information),
        transport_charges=_charges(master.freight if master is not None else None),
        house_consignments=houses,
    )


def _shipment_documents(decl: Declaration) -> dict[str, Any]:
    shipment = decl.goods_shipment
    if shipment is None:
        return {}
    found = _documents(shipment, "shipment", False)
    transport = shipment.consignment
    found["transport_documents"] = _numbered(
        m.TransportDocument,
        transport.transport_contract_documents if transport is not None else [],
        type=_code,
        reference_number="id",
    )
    return found
