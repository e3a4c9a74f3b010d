"""The goods items of an NCTS declaration, and its documents, as the canonical model has them.

Every ``ConsignmentItem`` of every ``HouseConsignment`` is one canonical goods item, in
document order, numbered by its ``declarationGoodsItemNumber`` (the number that runs
through the whole declaration). What a house consignment says of its goods (consignor,
consignee, countries, UCR, supply chain actors) belongs to each of its items; with one
house consignment it is the goods shipment's (see :func:`goods_items`), as the
consignment's own are.

Commodity codes: the HS subheading (6 digits) is a classification of type ``HS``; with
the Combined Nomenclature code (its two further digits) the 8-digit code is one
classification of type ``TSP``, at the ``CommodityCode`` element both parts are in.
Documents: previous documents are previous documents; supporting and transport
documents and additional references are additional documents (type as written, e.g.
``N380``), at the level they are given (the consignment's and the house consignments'
are the declaration's).
"""

from __future__ import annotations

from typing import Any

from single_window._values import Code, Identifier
from single_window.formats.ncts._canonical import holding, kilograms, leaf, make, party
from single_window.models import (
    UCR,
    AdditionalDocument,
    AEOMutualRecognitionParty,
    Classification,
    Commodity,
    CommodityTransportEquipment,
    Consignee,
    ConsignmentItem,
    DangerousGoods,
    DeclarationAdditionalDocument,
    Destination,
    ExportCountry,
    Freight,
    GoodsMeasure,
    GoodsShipmentConsignor,
    GovernmentAgencyGoodsItem,
    GovernmentAgencyGoodsItemAdditionalInformation,
    Packaging,
    PreviousDocument,
)

__all__ = [
    "declared_documents",
    "goods_items",
    "item_charges",
    "previous_documents",
    "shipment_actors",
]

#: Classification types (WCO: ``IdentificationTypeCode``) of the parts of a commodity code.
HS, CN, CUS = "HS", "TSP", "CV"


def _actors(found: list[Any]) -> list[AEOMutualRecognitionParty]:
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


def shipment_actors(consignment: Any, single: Any) -> list[AEOMutualRecognitionParty]:
    """The additional supply chain actors of the consignment, and of its only house
    consignment."""
    found = list(consignment.additional_supply_chain_actors)
    if single is not None:
        found += single.additional_supply_chain_actors
    return _actors(found)


def _previous(document: Any) -> PreviousDocument:
    return make(
        PreviousDocument,
        document.path,
        document.line,
        type_code=document.type,
        id=document.reference_number,
        line_numeric=getattr(document, "goods_item_number", None),
    )


def previous_documents(consignment: Any) -> list[PreviousDocument]:
    """The previous documents of the consignment and of every house consignment: the goods
    shipment's, where a transit rule looks for an export declaration (``N830``)."""
    found = [_previous(d) for d in consignment.previous_documents]
    for house in consignment.house_consignments:
        found += [_previous(d) for d in house.previous_documents]
    return found


def _documents(owner: Any, cls: type[Any]) -> list[Any]:
    """Supporting and transport documents and additional references, as additional
    documents of ``cls``."""
    out = []
    for group in (owner.supporting_documents, owner.transport_documents):
        for document in group:
            more = {}
            if cls is AdditionalDocument:
                more["name"] = getattr(document, "complement_of_information", None)
            out.append(
                make(
                    cls,
                    document.path,
                    document.line,
                    type_code=document.type,
                    id=document.reference_number,
                    **more,
                )
            )
    for reference in owner.additional_references:
        out.append(
            make(
                cls,
                reference.path,
                reference.line,
                type_code=reference.type,
                id=reference.reference_number,
            )
        )
    return out


def declared_documents(message: Any, consignment: Any) -> list[DeclarationAdditionalDocument]:
    """The declaration's documents: its authorisations (type and reference number, e.g.
    ``C521``), then the documents of the consignment and of every house consignment."""
    found = [
        make(
            DeclarationAdditionalDocument,
            authorisation.path,
            authorisation.line,
            type_code=authorisation.type,
            id=authorisation.reference_number,
        )
        for authorisation in message.authorisations
    ]
    if consignment is None:
        return found
    found += _documents(consignment, DeclarationAdditionalDocument)
    for house in consignment.house_consignments:
        found += _documents(house, DeclarationAdditionalDocument)
    return found


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


class _House:
    """What one of several house consignments says of all its goods items (made once,
    shared by its items)."""

    __slots__ = ("actors", "consignee", "consignor", "destination", "dispatch", "ucr")

    def __init__(self, house: Any) -> None:
        self.consignee = party(Consignee, house.consignee)
        self.consignor = party(GoodsShipmentConsignor, house.consignor)
        self.destination = holding(Destination, house.country_of_destination, "country_code")
        self.dispatch = holding(ExportCountry, house.country_of_dispatch, "id")
        ucr = house.reference_number_ucr
        self.ucr = None if ucr is None else make(UCR, ucr.path, ucr.line, id=ucr)
        self.actors = _actors(house.additional_supply_chain_actors)


def _item(item: Any, house: _House | None, equipment: list[CommodityTransportEquipment]) -> Any:
    commodity = item.commodity
    ucr = item.reference_number_ucr
    actors = _actors(item.additional_supply_chain_actors)
    consignee = party(Consignee, item.consignee)
    destination = holding(Destination, item.country_of_destination, "country_code")
    dispatch = holding(ExportCountry, item.country_of_dispatch, "id")
    consignor = None
    if house is not None:
        consignee = consignee or house.consignee
        consignor = house.consignor
        destination = destination or house.destination
        dispatch = dispatch or house.dispatch
        actors = house.actors + actors
    return make(
        GovernmentAgencyGoodsItem,
        item.path,
        item.line,
        sequence_numeric=item.declaration_goods_item_number,
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
        previous_documents=[_previous(d) for d in item.previous_documents],
        additional_documents=_documents(item, AdditionalDocument),
        additional_information=[
            make(
                GovernmentAgencyGoodsItemAdditionalInformation,
                info.path,
                info.line,
                statement_code=info.code,
                statement_description=info.text,
            )
            for info in item.additional_information
        ],
        aeo_mutual_recognition_parties=actors,
        consignee=consignee,
        consignor=consignor,
        destination=destination,
        export_country=dispatch,
        ucr=None if ucr is None else make(UCR, ucr.path, ucr.line, id=ucr),
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
            freight = make(
                Freight, charges.path, charges.line, payment_method_code=charges.method_of_payment
            )
            out.append(
                make(
                    ConsignmentItem,
                    charges.path,
                    charges.line,
                    sequence_numeric=item.declaration_goods_item_number,
                    freight=freight,
                )
            )
    return out


def goods_items(consignment: Any, single: Any) -> list[GovernmentAgencyGoodsItem]:
    """Every goods item of every house consignment, in document order. With several house
    consignments each item carries what its house consignment says of its goods; the
    only house consignment's is the goods shipment's instead."""
    equipment = _equipment_of_items(consignment)
    out = []
    for house in consignment.house_consignments:
        shared = _House(house) if single is None else None
        for item in house.consignment_items:
            number = item.declaration_goods_item_number
            key = int(number.value) if number is not None and number.value is not None else -1
            out.append(_item(item, shared, equipment.get(key, [])))
    return out
