"""The NCTS declaration (CC015C, and its amendment CC013C) leaf by leaf: where each one
goes in the canonical declaration.

Paths are the message's element paths without the root and without indices
(``Consignment/HouseConsignment/ConsignmentItem/declarationType``); canonical paths are
the canonical model's element names from ``Declaration`` (or ``MetaData``, the header).
Every leaf of the message model (both phases: Phase 6 has a subset of Phase 5's leaves)
is in exactly one of the tables:

- :data:`MAPPED`: the canonical declaration holds the leaf's value at that canonical
  path, at the leaf's own element (same path and line; mostly the message's own leaf
  object);
- :data:`JOINED`: the value is part of a canonical value at the parent element (the
  HS subheading and Combined Nomenclature code as one 8-digit classification);
- :data:`CARRIED`: the value is an attribute of the canonical value of a sibling
  element (the currency of the amount to be covered, the unit of a previous
  document's quantity);
- :data:`TURNED`: said the other way round (a goods reference of an equipment is the
  equipment of the goods item it names);
- :data:`DERIVED`: not kept, rebuilt from the structure (positions);
- :data:`NO_HOME`: not carried by the canonical declaration (the message keeps it).
"""

from __future__ import annotations


def _table(*sections: tuple[str, str, dict[str, str]]) -> dict[str, str]:
    """The full paths of sections of (NCTS parent, canonical parent, relative paths)."""
    out: dict[str, str] = {}
    for ncts, canonical, leaves in sections:
        for name, target in leaves.items():
            key = f"{ncts}/{name}" if ncts else name
            out[key] = f"{canonical}/{target}" if canonical else target
    return out


#: NCTS leaf -> the canonical path of its value, at the leaf's own element.
MAPPED: dict[str, str] = _table(
    (
        "",
        "",
        {
            "messageSender": "MetaData/MessageSenderID",
            "messageRecipient": "MetaData/MessageRecipientID",
            "preparationDateAndTime": "Declaration/IssueDateTime",
            "messageIdentification": "MetaData/MessageID",
            "messageType": "Declaration/FunctionCode",
            "correlationIdentifier": "MetaData/CorrelationID",
        },
    ),
    (
        "TransitOperation",
        "Declaration",
        {
            "LRN": "FunctionalReferenceID",
            "declarationType": "TypeCode",
            "additionalDeclarationType": "AdditionalTypeCode",
            "TIRCarnetNumber": "ObligationGuarantee/ReferenceID",
            "presentationOfTheGoodsDateAndTime": "PresentationDateTime",
            "security": "SafetyAndSecurityCode",
            "reducedDatasetIndicator": "ReducedDataSetIndicatorCode",
            "specificCircumstanceIndicator": "SpecificCircumstancesCodeCode",
            "communicationLanguageAtDeparture": "CommunicationLanguageCode",
            "bindingItinerary": "BindingItineraryIndicatorCode",
            "limitDate": "TransitLimitDateTime",
            "MRN": "ID",
        },
    ),
    (
        "Authorisation",
        "Declaration/AdditionalDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "CustomsOfficeOfDeparture",
        "Declaration",
        {
            "referenceNumber": "DeclarationOfficeID",
        },
    ),
    (
        "CustomsOfficeOfDestinationDeclared",
        "Declaration/DestinationOffice",
        {
            "referenceNumber": "ID",
        },
    ),
    (
        "CustomsOfficeOfTransitDeclared",
        "Declaration/TransitOffice",
        {
            "sequenceNumber": "SequenceNumeric",
            "referenceNumber": "ID",
            "arrivalDateAndTimeEstimated": "EstimatedArrivalDateTime",
        },
    ),
    (
        "CustomsOfficeOfExitForTransitDeclared",
        "Declaration/ExitOffice",
        {
            "referenceNumber": "ID",
        },
    ),
    (
        "HolderOfTheTransitProcedure",
        "Declaration/Declarant",
        {
            "identificationNumber": "ID",
            "TIRHolderIdentificationNumber": "TIRHolderID",
            "name": "Name",
        },
    ),
    (
        "HolderOfTheTransitProcedure/Address",
        "Declaration/Declarant/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "HolderOfTheTransitProcedure/ContactPerson",
        "Declaration/Declarant/Contact",
        {
            "name": "Name",
            "phoneNumber": "Communication/ID",
            "eMailAddress": "Communication/ID",
        },
    ),
    (
        "Representative",
        "Declaration/Agent",
        {
            "identificationNumber": "ID",
            "status": "FunctionCode",
        },
    ),
    (
        "Representative/ContactPerson",
        "Declaration/Agent/Contact",
        {
            "name": "Name",
            "phoneNumber": "Communication/ID",
            "eMailAddress": "Communication/ID",
        },
    ),
    (
        "Guarantee",
        "Declaration/ObligationGuarantee",
        {
            "sequenceNumber": "SequenceNumeric",
            "guaranteeType": "SecurityDetailsCode",
            "otherGuaranteeReference": "ID",
        },
    ),
    (
        "Guarantee/GuaranteeReference",
        "Declaration/ObligationGuarantee",
        {
            "GRN": "ReferenceID",
            "accessCode": "AccessCode",
            "amountToBeCovered": "AmountAmount",
        },
    ),
    (
        "Consignment",
        "Declaration",
        {
            "countryOfDispatch": "GoodsShipment/ExportCountry/ID",
            "countryOfDestination": "GoodsShipment/Destination/CountryCode",
            "containerIndicator": "GoodsShipment/Consignment/ContainerCode",
            "inlandModeOfTransport": "GoodsShipment/Consignment/DepartureTransportMeans/ModeCode",
            "modeOfTransportAtTheBorder": "BorderTransportMeans/ModeCode",
            "grossMass": "TotalGrossMassMeasure",
            "referenceNumberUCR": "GoodsShipment/UCR/ID",
        },
    ),
    (
        "Consignment/Carrier",
        "Declaration/Consignment/Carrier",
        {
            "identificationNumber": "ID",
        },
    ),
    (
        "Consignment/Carrier/ContactPerson",
        "Declaration/Consignment/Carrier/Contact",
        {
            "name": "Name",
            "phoneNumber": "Communication/ID",
            "eMailAddress": "Communication/ID",
        },
    ),
    (
        "Consignment/Consignor",
        "Declaration/Consignment/Consignor",
        {
            "identificationNumber": "ID",
            "name": "Name",
        },
    ),
    (
        "Consignment/Consignor/Address",
        "Declaration/Consignment/Consignor/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/Consignor/ContactPerson",
        "Declaration/Consignment/Consignor/Contact",
        {
            "name": "Name",
            "phoneNumber": "Communication/ID",
            "eMailAddress": "Communication/ID",
        },
    ),
    (
        "Consignment/Consignee",
        "Declaration/GoodsShipment/Consignee",
        {
            "identificationNumber": "ID",
            "name": "Name",
        },
    ),
    (
        "Consignment/Consignee/Address",
        "Declaration/GoodsShipment/Consignee/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/AdditionalSupplyChainActor",
        "Declaration/GoodsShipment/AEOMutualRecognitionParty",
        {
            "role": "RoleCode",
            "identificationNumber": "ID",
        },
    ),
    (
        "Consignment/TransportEquipment",
        "Declaration/GoodsShipment/Consignment/TransportEquipment",
        {
            "sequenceNumber": "SequenceNumeric",
            "containerIdentificationNumber": "ID",
            "numberOfSeals": "SealQuantity",
        },
    ),
    (
        "Consignment/TransportEquipment/Seal",
        "Declaration/GoodsShipment/Consignment/TransportEquipment/Seal",
        {
            "sequenceNumber": "SequenceNumeric",
            "identifier": "ID",
        },
    ),
    (
        "Consignment/LocationOfGoods",
        "Declaration/GoodsShipment/Consignment/GoodsLocation",
        {
            "typeOfLocation": "TypeCode",
            "qualifierOfIdentification": "Address/TypeCode",
            "authorisationNumber": "AuthorisationID",
            "additionalIdentifier": "AdditionalIdentifierID",
            "UNLocode": "ID",
        },
    ),
    (
        "Consignment/LocationOfGoods/CustomsOffice",
        "Declaration/GoodsShipment/Consignment/GoodsLocation",
        {
            "referenceNumber": "CustomsOfficeID",
        },
    ),
    (
        "Consignment/LocationOfGoods/GNSS",
        "Declaration/GoodsShipment/Consignment/GoodsLocation",
        {
            "latitude": "LatitudeNumeric",
            "longitude": "LongitudeNumeric",
        },
    ),
    (
        "Consignment/LocationOfGoods/EconomicOperator",
        "Declaration/GoodsShipment/Consignment/GoodsLocation",
        {
            "identificationNumber": "EconomicOperatorID",
        },
    ),
    (
        "Consignment/LocationOfGoods/Address",
        "Declaration/GoodsShipment/Consignment/GoodsLocation/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/LocationOfGoods/PostcodeAddress",
        "Declaration/GoodsShipment/Consignment/GoodsLocation/PostcodeAddress",
        {
            "houseNumber": "BuildingNumber",
            "postcode": "PostcodeID",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/LocationOfGoods/ContactPerson",
        "Declaration/GoodsShipment/Consignment/GoodsLocation/Contact",
        {
            "name": "Name",
            "phoneNumber": "Communication/ID",
            "eMailAddress": "Communication/ID",
        },
    ),
    (
        "Consignment/DepartureTransportMeans",
        "Declaration/GoodsShipment/Consignment/DepartureTransportMeans",
        {
            "typeOfIdentification": "IdentificationTypeCode",
            "identificationNumber": "ID",
            "nationality": "RegistrationNationalityCode",
        },
    ),
    (
        "Consignment/CountryOfRoutingOfConsignment",
        "Declaration/Consignment/Itinerary",
        {
            "sequenceNumber": "SequenceNumeric",
            "country": "RoutingCountryCode",
        },
    ),
    (
        "Consignment/ActiveBorderTransportMeans",
        "Declaration/BorderTransportMeans",
        {
            "customsOfficeAtBorderReferenceNumber": "CustomsOfficeID",
            "typeOfIdentification": "IdentificationTypeCode",
            "identificationNumber": "ID",
            "nationality": "RegistrationNationalityCode",
            "conveyanceReferenceNumber": "ConveyanceReferenceID",
        },
    ),
    (
        "Consignment/PlaceOfLoading",
        "Declaration/GoodsShipment/Consignment/LoadingLocation",
        {
            "UNLocode": "ID",
            "country": "CountryCode",
            "location": "Name",
        },
    ),
    (
        "Consignment/PlaceOfUnloading",
        "Declaration/GoodsShipment/Consignment/UnloadingLocation",
        {
            "UNLocode": "ID",
            "country": "CountryCode",
            "location": "Name",
        },
    ),
    (
        "Consignment/PreviousDocument",
        "Declaration/GoodsShipment/PreviousDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
            "complementOfInformation": "ComplementaryInformationText",
        },
    ),
    (
        "Consignment/SupportingDocument",
        "Declaration/GoodsShipment/AdditionalDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
            "documentLineItemNumber": "LineNumeric",
            "complementOfInformation": "ComplementaryInformationText",
        },
    ),
    (
        "Consignment/TransportDocument",
        "Declaration/GoodsShipment/Consignment/TransportContractDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "Consignment/AdditionalReference",
        "Declaration/GoodsShipment/AdditionalReference",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "Consignment/AdditionalInformation",
        "Declaration/AdditionalInformation",
        {
            "code": "StatementCode",
            "text": "StatementDescription",
        },
    ),
    (
        "Consignment/TransportCharges",
        "Declaration/Consignment/Freight",
        {
            "methodOfPayment": "PaymentMethodCode",
        },
    ),
    (
        "Consignment/HouseConsignment",
        "Declaration/GoodsShipment/HouseConsignment",
        {
            "sequenceNumber": "SequenceNumeric",
            "countryOfDispatch": "ExportCountry/ID",
            "countryOfDestination": "Destination/CountryCode",
            "grossMass": "TotalGrossMassMeasure",
            "referenceNumberUCR": "UCR/ID",
        },
    ),
    (
        "Consignment/HouseConsignment/Consignor",
        "Declaration/GoodsShipment/HouseConsignment/Consignor",
        {
            "identificationNumber": "ID",
            "name": "Name",
        },
    ),
    (
        "Consignment/HouseConsignment/Consignor/Address",
        "Declaration/GoodsShipment/HouseConsignment/Consignor/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/HouseConsignment/Consignor/ContactPerson",
        "Declaration/GoodsShipment/HouseConsignment/Consignor/Contact",
        {
            "name": "Name",
            "phoneNumber": "Communication/ID",
            "eMailAddress": "Communication/ID",
        },
    ),
    (
        "Consignment/HouseConsignment/Consignee",
        "Declaration/GoodsShipment/HouseConsignment/Consignee",
        {
            "identificationNumber": "ID",
            "name": "Name",
        },
    ),
    (
        "Consignment/HouseConsignment/Consignee/Address",
        "Declaration/GoodsShipment/HouseConsignment/Consignee/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/HouseConsignment/AdditionalSupplyChainActor",
        "Declaration/GoodsShipment/HouseConsignment/AEOMutualRecognitionParty",
        {
            "role": "RoleCode",
            "identificationNumber": "ID",
        },
    ),
    (
        "Consignment/HouseConsignment/DepartureTransportMeans",
        "Declaration/GoodsShipment/HouseConsignment/DepartureTransportMeans",
        {
            "typeOfIdentification": "IdentificationTypeCode",
            "identificationNumber": "ID",
            "nationality": "RegistrationNationalityCode",
        },
    ),
    (
        "Consignment/HouseConsignment/PreviousDocument",
        "Declaration/GoodsShipment/HouseConsignment/PreviousDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
            "complementOfInformation": "ComplementaryInformationText",
        },
    ),
    (
        "Consignment/HouseConsignment/SupportingDocument",
        "Declaration/GoodsShipment/HouseConsignment/AdditionalDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
            "documentLineItemNumber": "LineNumeric",
            "complementOfInformation": "ComplementaryInformationText",
        },
    ),
    (
        "Consignment/HouseConsignment/TransportDocument",
        "Declaration/GoodsShipment/HouseConsignment/TransportContractDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "Consignment/HouseConsignment/AdditionalReference",
        "Declaration/GoodsShipment/HouseConsignment/AdditionalReference",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "Consignment/HouseConsignment/AdditionalInformation",
        "Declaration/GoodsShipment/HouseConsignment/AdditionalInformation",
        {
            "code": "StatementCode",
            "text": "StatementDescription",
        },
    ),
    (
        "Consignment/HouseConsignment/TransportCharges",
        "Declaration/GoodsShipment/HouseConsignment/Freight",
        {
            "methodOfPayment": "PaymentMethodCode",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem",
        {
            "declarationGoodsItemNumber": "SequenceNumeric",
            "declarationType": "DeclarationTypeCode",
            "countryOfDispatch": "ExportCountry/ID",
            "countryOfDestination": "Destination/CountryCode",
            "referenceNumberUCR": "UCR/ID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Consignee",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Consignee",
        {
            "identificationNumber": "ID",
            "name": "Name",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Consignee/Address",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Consignee/Address",
        {
            "streetAndNumber": "Line",
            "postcode": "PostcodeID",
            "city": "CityName",
            "country": "CountryCode",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/AdditionalSupplyChainActor",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AEOMutualRecognitionParty",
        {
            "role": "RoleCode",
            "identificationNumber": "ID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Commodity",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity",
        {
            "descriptionOfGoods": "Description",
            "cusCode": "Classification/ID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Commodity/DangerousGoods",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/DangerousGoods",
        {
            "UNNumber": "UNDGID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Commodity/GoodsMeasure",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/GoodsMeasure",
        {
            "grossMass": "GrossMassMeasure",
            "netMass": "NetNetWeightMeasure",
            "supplementaryUnits": "TariffQuantity",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Packaging",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Packaging",
        {
            "sequenceNumber": "SequenceNumeric",
            "typeOfPackages": "TypeCode",
            "numberOfPackages": "QuantityQuantity",
            "shippingMarks": "MarksNumbersID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
            "goodsItemNumber": "LineNumeric",
            "typeOfPackages": "PackagingTypeCode",
            "numberOfPackages": "PackageQuantity",
            "quantity": "GoodsQuantity",
            "complementOfInformation": "ComplementaryInformationText",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/SupportingDocument",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
            "documentLineItemNumber": "LineNumeric",
            "complementOfInformation": "ComplementaryInformationText",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/TransportDocument",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/TransportContractDocument",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalReference",
        {
            "type": "TypeCode",
            "referenceNumber": "ID",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/AdditionalInformation",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalInformation",
        {
            "code": "StatementCode",
            "text": "StatementDescription",
        },
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/TransportCharges",
        "Declaration/Consignment/ConsignmentItem/Freight",
        {
            "methodOfPayment": "PaymentMethodCode",
        },
    ),
)


_ITEM = "Consignment/HouseConsignment/ConsignmentItem"
_CLASSIFICATION = "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/Classification/ID"

#: NCTS leaf -> the canonical path of the value it is part of, at its parent element:
#: the HS subheading with the Combined Nomenclature code is one classification of type
#: TSP at ``CommodityCode`` (the subheading alone is the ``MAPPED`` kind of leaf, at its
#: own element, which the test allows too).
JOINED: dict[str, str] = {
    f"{_ITEM}/Commodity/CommodityCode/harmonizedSystemSubHeadingCode": _CLASSIFICATION,
    f"{_ITEM}/Commodity/CommodityCode/combinedNomenclatureCode": _CLASSIFICATION,
}

#: NCTS leaf -> (its sibling's canonical path, the canonical value's attribute).
CARRIED: dict[str, tuple[str, str, str]] = {
    "Guarantee/GuaranteeReference/currency": (
        "amountToBeCovered",
        "Declaration/ObligationGuarantee/AmountAmount",
        "currency",
    ),
    f"{_ITEM}/PreviousDocument/measurementUnitAndQualifier": (
        "quantity",
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument/GoodsQuantity",
        "unit",
    ),
}

#: NCTS leaf -> the canonical path of what it becomes: the goods item numbered so has
#: the equipment, at the goods reference's element.
TURNED: dict[str, str] = {
    "Consignment/TransportEquipment/GoodsReference/declarationGoodsItemNumber": (
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity/TransportEquipment"
    ),
}

#: NCTS leaves rebuilt from the structure: a sequence number is the element's position
#: among its siblings (rule R0987: 1 to n in document order), a goods item number its
#: position in its house consignment.
DERIVED: frozenset[str] = frozenset(
    {
        "Authorisation/sequenceNumber",
        "CustomsOfficeOfExitForTransitDeclared/sequenceNumber",
        "Guarantee/GuaranteeReference/sequenceNumber",
        "Consignment/AdditionalSupplyChainActor/sequenceNumber",
        "Consignment/TransportEquipment/GoodsReference/sequenceNumber",
        "Consignment/DepartureTransportMeans/sequenceNumber",
        "Consignment/ActiveBorderTransportMeans/sequenceNumber",
        "Consignment/PreviousDocument/sequenceNumber",
        "Consignment/SupportingDocument/sequenceNumber",
        "Consignment/TransportDocument/sequenceNumber",
        "Consignment/AdditionalReference/sequenceNumber",
        "Consignment/AdditionalInformation/sequenceNumber",
        "Consignment/HouseConsignment/AdditionalSupplyChainActor/sequenceNumber",
        "Consignment/HouseConsignment/DepartureTransportMeans/sequenceNumber",
        "Consignment/HouseConsignment/PreviousDocument/sequenceNumber",
        "Consignment/HouseConsignment/SupportingDocument/sequenceNumber",
        "Consignment/HouseConsignment/TransportDocument/sequenceNumber",
        "Consignment/HouseConsignment/AdditionalReference/sequenceNumber",
        "Consignment/HouseConsignment/AdditionalInformation/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/goodsItemNumber",
        "Consignment/HouseConsignment/ConsignmentItem/AdditionalSupplyChainActor/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/Commodity/DangerousGoods/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/SupportingDocument/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/TransportDocument/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/AdditionalReference/sequenceNumber",
        "Consignment/HouseConsignment/ConsignmentItem/AdditionalInformation/sequenceNumber",
    }
)

#: NCTS leaves the canonical declaration does not carry.
NO_HOME: frozenset[str] = frozenset({"TransitOperation/amendmentTypeFlag"})
