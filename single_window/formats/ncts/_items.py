"""The house consignments and goods items of an NCTS declaration, as the canonical model
has them.

Every ``HouseConsignment`` is one ``GoodsShipment/HouseConsignment`` with what it says of
its goods: consignor, consignee, countries of dispatch and destination, gross mass, UCR,
supply chain actors, departure means, documents, additional information and transport
charges. Every ``ConsignmentItem`` of every house consignment is one canonical goods item
of the goods shipment, in document order (up to 1,999), numbered by its
``declarationGoodsItemNumber`` (the number that runs through the whole declaration), so
every rule that reads the goods items sees them all; each names its house consignment in
``HouseConsignmentSequenceNumeric`` (the house consignment's own sequence number) and
keeps its own declaration type (``DeclarationTypeCode``: T1, T2 or T2F on a ``T``
declaration). ``goodsItemNumber`` is the item's position in its house consignment and is
not carried.

Commodity codes: the HS subheading (6 digits) is a classification of type ``HS``; with
the Combined Nomenclature code (its two further digits) the 8-digit code is one
classification of type ``TSP``, at the ``CommodityCode`` element both parts are in; a
CUS code is a classification of type ``CV``. The transport equipment a goods item is in
(the equipment's ``GoodsReference``) is the item's ``Commodity/TransportEquipment``.
"""

from __future__ import annotations

from typing import Any

from single_window._values import Code, Identifier
from single_window.formats.ncts._canonical import contact, holding, kilograms, leaf, make, party
from single_window.formats.ncts._documents import (
    additional_references,
    information,
    item_information,
    previous_documents,
    supporting_documents,
    transport_documents,
)
from single_window.formats.ncts._transport import departure_means
from single_window.models import (
    UCR,
    AEOMutualRecognitionParty,
    Classification,
    Commodity,
    CommodityTransportEquipment,
    Consignee,
    ConsignmentItem,
    Consignor,
    ConsignorAddress,
    DangerousGoods,
    Destination,
    ExportCountry,
    Freight,
    GoodsMeasure,
    GovernmentAgencyGoodsItem,
    HouseConsignment,
    Packaging,
)

__all__ = ["actors", "freight", "goods_items", "house_consignments", "item_charges", "ucr"]

#: Classification types (WCO: ``IdentificationTypeCode``) of the parts of a commodity code.
HS, CN, CUS = "HS", "TSP", "CV"


def actors(found: list[Any]) -> list[AEOMutualRecognitionParty]:
    """Additional supply chain actors: identification number and role."""
    return [
        make(
            AEOMutualRecognitionParty,
            actor.path,
            actor.line,
            id=actor.identification_number,
            role_code=actor.role,
        )
        for actor in found
    ]


def ucr(found: Any) -> UCR | None:
    """A unique consignment reference, at its element."""
    return None if found is None else make(UCR, found.path, found.line, id=found)


def freight(charges: Any) -> Freight | None:
    """Transport charges: the method of payment."""
    if charges is None:
        return None
    return make(Freight, charges.path, charges.line, payment_method_code=charges.method_of_payment)


# --- house consignments ------------------------------------------------------------------


def _shared(owner: Any, info: Any) -> dict[str, Any]:
    """What a house consignment and a goods item say of their goods alike: consignee,
    countries, UCR, supply chain actors and documents (``info`` makes the additional
    information, whose canonical class differs between the two).

    A list the owner lacks is left to make() (empty), which saves a call per list on
    every one of up to 1,999 goods items."""
    return {
        "consignee": party(Consignee, owner.consignee),
        "export_country": holding(ExportCountry, owner.country_of_dispatch, "id"),
        "destination": holding(Destination, owner.country_of_destination, "country_code"),
        "ucr": ucr(owner.reference_number_ucr),
        "aeo_mutual_recognition_parties": actors(owner.additional_supply_chain_actors)
        if owner.additional_supply_chain_actors
        else None,
        "previous_documents": previous_documents(owner) if owner.previous_documents else None,
        "additional_documents": supporting_documents(owner) if owner.supporting_documents else None,
        # a Phase 6 goods item has no transport documents
        "transport_contract_documents": transport_documents(owner)
        if getattr(owner, "transport_documents", None)
        else None,
        "additional_references": additional_references(owner)
        if owner.additional_references
        else None,
        "additional_information": info(owner) if owner.additional_information else None,
    }


def _house(house: Any) -> HouseConsignment:
    consignor = house.consignor
    return make(
        HouseConsignment,
        house.path,
        house.line,
        sequence_numeric=house.sequence_number,
        total_gross_mass_measure=kilograms(house.gross_mass),
        consignor=party(
            Consignor,
            consignor,
            address=ConsignorAddress,
            contact=contact(consignor.contact_person) if consignor is not None else None,
        ),
        departure_transport_means=departure_means(house.departure_transport_means),
        freight=freight(house.transport_charges),
        **_shared(house, information),
    )


def house_consignments(consignment: Any) -> list[HouseConsignment]:
    """Every house consignment of the consignment, in document order."""
    return [_house(house) for house in consignment.house_consignments]


# --- goods items ---------------------------------------------------------------------------


def _classifications(commodity: Any) -> list[Classification]:
    out = []
    code = commodity.commodity_code
    if code is not None:
        hs = code.harmonized_system_sub_heading_code
        cn = code.combined_nomenclature_code
        if hs is not None and cn is not None:
            whole = leaf(Identifier, hs.value + cn.value, code)
            kind = leaf(Code, CN, code)
            out.append(
                make(Classification, code.path, code.line, id=whole, identification_type_code=kind)
            )
        elif hs is not None:
            kind = leaf(Code, HS, hs)
            out.append(
                make(Classification, code.path, code.line, id=hs, identification_type_code=kind)
            )
    cus = commodity.cus_code
    if cus is not None:
        kind = leaf(Code, CUS, cus)
        out.append(make(Classification, cus.path, cus.line, id=cus, identification_type_code=kind))
    return out


def _commodity(commodity: Any, equipment: list[CommodityTransportEquipment]) -> Commodity:
    measure = commodity.goods_measure
    return make(
        Commodity,
        commodity.path,
        commodity.line,
        description=commodity.description_of_goods,
        classifications=_classifications(commodity),
        dangerous_goods=[
            make(DangerousGoods, d.path, d.line, undgid=d.un_number)
            for d in commodity.dangerous_goods
        ],
        goods_measure=None
        if measure is None
        else make(
            GoodsMeasure,
            measure.path,
            measure.line,
            gross_mass_measure=kilograms(measure.gross_mass),
            net_net_weight_measure=kilograms(measure.net_mass),
            tariff_quantity=measure.supplementary_units,
        ),
        transport_equipments=equipment,
    )


def _equipment_of_items(consignment: Any) -> dict[int, list[CommodityTransportEquipment]]:
    """The transport equipment each goods item (by declaration goods item number) is in:
    the equipment's sequence number and container, at the goods reference that says so."""
    found: dict[int, list[CommodityTransportEquipment]] = {}
    for equipment in consignment.transport_equipments:
        for reference in equipment.goods_references:
            number = reference.declaration_goods_item_number
            if number is None or number.value is None:
                continue
            found.setdefault(int(number.value), []).append(
                make(
                    CommodityTransportEquipment,
                    reference.path,
                    reference.line,
                    sequence_numeric=equipment.sequence_number,
                    id=equipment.container_identification_number,
                )
            )
    return found


def _item(item: Any, house: Any, equipment: list[CommodityTransportEquipment]) -> Any:
    commodity = item.commodity
    return make(
        GovernmentAgencyGoodsItem,
        item.path,
        item.line,
        sequence_numeric=item.declaration_goods_item_number,
        declaration_type_code=item.declaration_type,
        house_consignment_sequence_numeric=house,
        commodity=None if commodity is None else _commodity(commodity, equipment),
        packagings=[
            make(
                Packaging,
                p.path,
                p.line,
                sequence_numeric=p.sequence_number,
                type_code=p.type_of_packages,
                quantity_quantity=p.number_of_packages,
                marks_numbers_id=p.shipping_marks,
            )
            for p in item.packagings
        ],
        **_shared(item, item_information),
    )


def item_charges(consignment: Any) -> list[ConsignmentItem]:
    """The transport charges of each goods item that has its own: a consignment item
    numbered as the goods item (``declarationGoodsItemNumber``)."""
    out = []
    for house in consignment.house_consignments:
        for item in house.consignment_items:
            charges = item.transport_charges
            if charges is None:
                continue
            out.append(
                make(
                    ConsignmentItem,
                    charges.path,
                    charges.line,
                    sequence_numeric=item.declaration_goods_item_number,
                    freight=freight(charges),
                )
            )
    return out


def goods_items(consignment: Any) -> list[GovernmentAgencyGoodsItem]:
    """Every goods item of every house consignment, in document order, each naming its
    house consignment by the house consignment's sequence number."""
    equipment = _equipment_of_items(consignment)
    out = []
    for house in consignment.house_consignments:
        number = house.sequence_number
        for item in house.consignment_items:
            own = item.declaration_goods_item_number
            key = int(own.value) if own is not None and own.value is not None else -1
            out.append(_item(item, number, equipment.get(key, [])))
    return out
