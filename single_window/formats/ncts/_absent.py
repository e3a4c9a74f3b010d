"""Where canonical data an NCTS declaration lacks would be in the message.

The rules say what is missing in the canonical model's names, below the nearest canonical
node that is there (``ObligationGuarantee`` under the ``Declaration``, ``TIRHolderID``
under the ``Declarant``). :func:`locate` answers in the message's terms: the steps in NCTS
names (``Guarantee``; ``TIRHolderIdentificationNumber`` of the
``HolderOfTheTransitProcedure``), starting from the message element the canonical node came from
(or from the element the message keeps the data under, when that is elsewhere: a TIR
carnet number is in ``TransitOperation``, not in the guarantee), and followed down the
message as far as it holds the elements. A canonical step with no NCTS counterpart ends
the answer: the missing data is named only as far as the message has names for it, and
never in WCO's.
"""

from __future__ import annotations

from typing import Any

from single_window._locations import Absent, parse
from single_window._spec import spec_of
from single_window._values import Node
from single_window.formats.ncts._canonical import text

__all__ = ["locate"]

_Names = dict[str, tuple[str, ...]]

_PARTY: _Names = {
    "ID": ("identificationNumber",),
    "Name": ("name",),
    "Address": ("Address",),
    "Contact": ("ContactPerson",),
}
_ADDRESS: _Names = {
    "CityName": ("city",),
    "CountryCode": ("country",),
    "Line": ("streetAndNumber",),
    "PostcodeID": ("postcode",),
}
_SEQUENCE: _Names = {"SequenceNumeric": ("sequenceNumber",)}
_DOCUMENT: _Names = {"ID": ("referenceNumber",), "TypeCode": ("type",)}
_INFORMATION: _Names = {"StatementCode": ("code",), "StatementDescription": ("text",)}
_MEANS: _Names = {
    "ID": ("identificationNumber",),
    "IdentificationTypeCode": ("typeOfIdentification",),
    "RegistrationNationalityCode": ("nationality",),
}
_PLACE: _Names = {"ID": ("UNLocode",), "Name": ("location",), "CountryCode": ("country",)}
#: What a consignment and each of its house consignments say alike (below the element the
#: canonical goods shipment or house consignment stands for).
_CONSIGNMENT: _Names = {
    "Consignee": ("Consignee",),
    "ExportCountry": ("countryOfDispatch",),
    "Destination": ("countryOfDestination",),
    "PreviousDocument": ("PreviousDocument",),
    "AdditionalDocument": ("SupportingDocument",),
    "AdditionalReference": ("AdditionalReference",),
    "TransportContractDocument": ("TransportDocument",),
    "UCR": ("referenceNumberUCR",),
    "AEOMutualRecognitionParty": ("AdditionalSupplyChainActor",),
}

#: Canonical class -> canonical child element -> the NCTS steps from the element that
#: class stands for. A child with no entry has no NCTS counterpart.
NAMES: dict[str, _Names] = {
    "Declaration": {
        "ObligationGuarantee": ("Guarantee",),
        "Declarant": ("HolderOfTheTransitProcedure",),
        "Agent": ("Representative",),
        "DeclarationOfficeID": ("CustomsOfficeOfDeparture", "referenceNumber"),
        "DestinationOffice": ("CustomsOfficeOfDestinationDeclared",),
        "TransitOffice": ("CustomsOfficeOfTransitDeclared",),
        "ExitOffice": ("CustomsOfficeOfExitForTransitDeclared",),
        "TypeCode": ("TransitOperation", "declarationType"),
        "AdditionalTypeCode": ("TransitOperation", "additionalDeclarationType"),
        "FunctionalReferenceID": ("TransitOperation", "LRN"),
        "ID": ("TransitOperation", "MRN"),
        "SpecificCircumstancesCodeCode": ("TransitOperation", "specificCircumstanceIndicator"),
        "SafetyAndSecurityCode": ("TransitOperation", "security"),
        "ReducedDataSetIndicatorCode": ("TransitOperation", "reducedDatasetIndicator"),
        "BindingItineraryIndicatorCode": ("TransitOperation", "bindingItinerary"),
        "CommunicationLanguageCode": ("TransitOperation", "communicationLanguageAtDeparture"),
        "PresentationDateTime": ("TransitOperation", "presentationOfTheGoodsDateAndTime"),
        "TransitLimitDateTime": ("TransitOperation", "limitDate"),
        "IssueDateTime": ("preparationDateAndTime",),
        "TotalGrossMassMeasure": ("Consignment", "grossMass"),
        "Consignment": ("Consignment",),
        "GoodsShipment": ("Consignment",),
        "BorderTransportMeans": ("Consignment", "ActiveBorderTransportMeans"),
        "AdditionalDocument": ("Authorisation",),
        "AdditionalInformation": ("Consignment", "AdditionalInformation"),
    },
    "MetaData": {
        "MessageSenderID": ("messageSender",),
        "MessageRecipientID": ("messageRecipient",),
        "MessageID": ("messageIdentification",),
        "CorrelationID": ("correlationIdentifier",),
    },
    "DestinationOffice": {"ID": ("referenceNumber",)},
    "ExitOffice": {"ID": ("referenceNumber",)},
    "TransitOffice": {
        "ID": ("referenceNumber",),
        "EstimatedArrivalDateTime": ("arrivalDateAndTimeEstimated",),
        **_SEQUENCE,
    },
    "DeclarationConsignment": {
        "Itinerary": ("CountryOfRoutingOfConsignment",),
        "Carrier": ("Carrier",),
        "Consignor": ("Consignor",),
        "Freight": ("TransportCharges",),
    },
    "Itinerary": {"RoutingCountryCode": ("country",), **_SEQUENCE},
    "Freight": {"PaymentMethodCode": ("methodOfPayment",)},
    "GoodsShipment": {
        **_CONSIGNMENT,
        "Consignment": (),
        "HouseConsignment": ("HouseConsignment",),
        "GovernmentAgencyGoodsItem": ("HouseConsignment", "ConsignmentItem"),
    },
    "HouseConsignment": {
        **_CONSIGNMENT,
        **_SEQUENCE,
        "Consignor": ("Consignor",),
        "TotalGrossMassMeasure": ("grossMass",),
        "DepartureTransportMeans": ("DepartureTransportMeans",),
        "AdditionalInformation": ("AdditionalInformation",),
        "Freight": ("TransportCharges",),
    },
    "ExportCountry": {"ID": ()},
    "Destination": {"CountryCode": ()},
    "UCR": {"ID": ()},
    "Consignment": {
        "ContainerCode": ("containerIndicator",),
        "TransportEquipment": ("TransportEquipment",),
        "GoodsLocation": ("LocationOfGoods",),
        "DepartureTransportMeans": ("DepartureTransportMeans",),
        "LoadingLocation": ("PlaceOfLoading",),
        "UnloadingLocation": ("PlaceOfUnloading",),
        "TransportContractDocument": ("TransportDocument",),
    },
    "TransportEquipment": {
        "ID": ("containerIdentificationNumber",),
        "SealQuantity": ("numberOfSeals",),
        "Seal": ("Seal",),
        **_SEQUENCE,
    },
    "Seal": {"ID": ("identifier",), **_SEQUENCE},
    "GoodsLocation": {
        "ID": ("UNLocode",),
        "TypeCode": ("typeOfLocation",),
        "AuthorisationID": ("authorisationNumber",),
        "AdditionalIdentifierID": ("additionalIdentifier",),
        "CustomsOfficeID": ("CustomsOffice", "referenceNumber"),
        "EconomicOperatorID": ("EconomicOperator", "identificationNumber"),
        "LatitudeNumeric": ("GNSS", "latitude"),
        "LongitudeNumeric": ("GNSS", "longitude"),
        "Address": ("Address",),
        "PostcodeAddress": ("PostcodeAddress",),
        "Contact": ("ContactPerson",),
    },
    "GoodsLocationAddress": {**_ADDRESS, "TypeCode": ()},
    "PostcodeAddress": {
        "BuildingNumber": ("houseNumber",),
        "PostcodeID": ("postcode",),
        "CountryCode": ("country",),
    },
    "DepartureTransportMeans": _MEANS,
    "BorderTransportMeans": {
        **_MEANS,
        "CustomsOfficeID": ("customsOfficeAtBorderReferenceNumber",),
        "ConveyanceReferenceID": ("conveyanceReferenceNumber",),
    },
    "LoadingLocation": _PLACE,
    "UnloadingLocation": _PLACE,
    "Declarant": {**_PARTY, "TIRHolderID": ("TIRHolderIdentificationNumber",)},
    "Contact": {"Name": ("name",)},
    "Agent": {
        "ID": ("identificationNumber",),
        "FunctionCode": ("status",),
        "Contact": ("ContactPerson",),
    },
    "Carrier": {"ID": ("identificationNumber",), "Contact": ("ContactPerson",)},
    "Consignor": _PARTY,
    "Consignee": _PARTY,
    "Address": _ADDRESS,
    "ConsignorAddress": _ADDRESS,
    "AEOMutualRecognitionParty": {"ID": ("identificationNumber",), "RoleCode": ("role",)},
    "GovernmentAgencyGoodsItem": {
        **_CONSIGNMENT,
        "SequenceNumeric": ("declarationGoodsItemNumber",),
        "DeclarationTypeCode": ("declarationType",),
        "Commodity": ("Commodity",),
        "Packaging": ("Packaging",),
        "AdditionalInformation": ("AdditionalInformation",),
    },
    "Commodity": {
        "Description": ("descriptionOfGoods",),
        "Classification": ("CommodityCode",),
        "DangerousGoods": ("DangerousGoods",),
        "GoodsMeasure": ("GoodsMeasure",),
    },
    "Classification": {"ID": ("harmonizedSystemSubHeadingCode",)},
    "DangerousGoods": {"UNDGID": ("UNNumber",)},
    "GoodsMeasure": {
        "GrossMassMeasure": ("grossMass",),
        "NetNetWeightMeasure": ("netMass",),
        "TariffQuantity": ("supplementaryUnits",),
    },
    "Packaging": {
        "TypeCode": ("typeOfPackages",),
        "QuantityQuantity": ("numberOfPackages",),
        "MarksNumbersID": ("shippingMarks",),
        **_SEQUENCE,
    },
    "PreviousDocument": {
        **_DOCUMENT,
        "LineNumeric": ("goodsItemNumber",),
        "PackagingTypeCode": ("typeOfPackages",),
        "PackageQuantity": ("numberOfPackages",),
        "GoodsQuantity": ("quantity",),
        "ComplementaryInformationText": ("complementOfInformation",),
    },
    "AdditionalDocument": {
        **_DOCUMENT,
        "LineNumeric": ("documentLineItemNumber",),
        "ComplementaryInformationText": ("complementOfInformation",),
    },
    "DeclarationAdditionalDocument": _DOCUMENT,
    "TransportContractDocument": _DOCUMENT,
    "AdditionalReference": _DOCUMENT,
    "AdditionalInformation": _INFORMATION,
    "GovernmentAgencyGoodsItemAdditionalInformation": _INFORMATION,
}

#: A canonical guarantee's data, and whether it is the guarantee's (else its reference's).
_GUARANTEE = {
    "SecurityDetailsCode": ("guaranteeType", True),
    "ID": ("otherGuaranteeReference", True),
    "ReferenceID": ("GRN", False),
    "AmountAmount": ("amountToBeCovered", False),
    "AccessCode": ("accessCode", False),
    "SequenceNumeric": ("sequenceNumber", True),
}


def _node_at(message: Any, path: str | None) -> Any:
    """The message model's node at a path of the reader (None: no such node)."""
    if message is None or not path:
        return None
    try:
        steps = parse(path).steps
    except ValueError:
        return None
    if not steps or steps[0].name != getattr(message, "MESSAGE_TYPE", None):
        return None
    node: Any = message
    for step in steps[1:]:
        if not isinstance(node, Node):
            return None
        fs = spec_of(type(node)).by_xml.get(step.name)
        if fs is None:
            return None
        found = node.__dict__.get(fs.name)
        if fs.many:
            found = found[step.position - 1] if found and len(found) >= step.position else None
        node = found
        if node is None:
            return None
    return node


def _tir(message: Any) -> bool:
    operation = getattr(message, "transit_operation", None)
    return operation is not None and text(operation.declaration_type) == "TIR"


def _guarantee(message: Any, anchor: Any, step: str) -> tuple[Any, tuple[str, ...], bool] | None:
    """Where a guarantee's datum is: on the guarantee, on its reference, or (the TIR
    carnet number) in the transit operation. ``anchor`` is the canonical guarantee, or
    None when the guarantee itself is missing. Returns the node to start from (None: the
    guarantee's own), the NCTS steps, and whether they replace the steps so far."""
    found = _GUARANTEE.get(step)
    if found is None:
        return None
    name, on_guarantee = found
    carnet = anchor is None or text(anchor.security_details_code) == "B"
    if step == "ReferenceID" and carnet and _tir(message):
        return message.transit_operation, ("TIRCarnetNumber",), True
    if anchor is None:
        return None, ((name,) if on_guarantee else ("GuaranteeReference", name)), False
    at = _node_at(message, anchor.path)
    if at is None:
        return None
    if not hasattr(at, "grn"):  # a guarantee without references
        return at, ((name,) if on_guarantee else ("GuaranteeReference", name)), True
    if on_guarantee:
        return _node_at(message, anchor.path.rpartition("/")[0]), (name,), True
    return at, (name,), True


def _translate(message: Any, anchor: Any, missing: tuple[str, ...]) -> tuple[Any, tuple[str, ...]]:
    """The NCTS node to start from and the NCTS steps for canonical steps below an anchor."""
    base: Any = None
    steps: tuple[str, ...] = ()
    owner: type[Any] = type(anchor)
    for n, step in enumerate(missing):
        if owner.__name__ == "ObligationGuarantee":
            placed = _guarantee(message, anchor if n == 0 else None, step)
            if placed is not None:
                start, found, replace = placed
                base = start if replace else base
                steps = found if replace else steps + found
            break
        names = NAMES.get(owner.__name__, {})
        if step not in names:
            break
        steps += names[step]
        fs = spec_of(owner).by_xml.get(step) if issubclass(owner, Node) else None
        if fs is None or fs.kind != "node":
            break
        owner = fs.cls
    if base is None:
        base = _node_at(message, anchor.path)
    return base, steps


def locate(message: Any, anchor: Any, missing: tuple[str, ...]) -> Absent:
    """Where canonical data missing below ``anchor`` would be in the NCTS message: the
    nearest element there and the missing steps in NCTS names (see the module)."""
    base, steps = _translate(message, anchor, missing)
    if base is None:
        return Absent(getattr(anchor, "path", None), getattr(anchor, "line", None), steps)
    node = base
    for n, step in enumerate(steps):
        fs = spec_of(type(node)).by_xml.get(step) if isinstance(node, Node) else None
        found = node.__dict__.get(fs.name) if fs is not None and not fs.many else None
        if not isinstance(found, Node):
            return Absent(node.path, node.line, steps[n:])
        node = found
    return Absent(node.path, node.line, ())
