"""The OTS additions and widenings of the profile: what ``scripts/build_profile.py`` puts on
top of the national WCO DM structure, each with the reason it is there.

Data only; ``build_profile.py`` loads this module from its own folder and applies
:data:`ADDITIONS` in order. The entries describe the structure in plain terms:

- :class:`New` is a data element the national structure lacks (its name, UN/CEFACT data
  type and WCO format; a WCO id only where the profile already carries the same data
  element elsewhere), :class:`Group` a class made of such elements and of :class:`Like`
  copies of national classes (a copy shares the national class's type and model class);
- :class:`Add` inserts one of them after a named sibling, in one place (``parent`` a path)
  or in every occurrence of a class (``parent`` a class name);
- :class:`Widen` lets a value be longer than its WCO format, :class:`Repeat` lets an
  element occur more often than the national structure allows.

Most additions give a home in the DEC-DMS layout to what the NCTS declaration message
CC015C (DG TAXUD, NCTS Phases 5 and 6) carries and the layout has no element for, so that
a CC015C can be read into the canonical model and written back; the others carry the
corridor's TIR and EAEU transit data. Their CC015C sources are named in each reason; the
full table of CC015C leaves and their homes is ``docs/explanation/wco-data-model.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ADDITIONS", "Add", "Group", "Like", "New", "Repeat", "Widen"]


@dataclass(frozen=True)
class New:
    """A data element: name, data type (``Code``, ``Identifier``, ``Text``, ``Numeric``,
    ``Amount``, ``Measure``, ``Quantity``, ``DateTime``) and WCO format (``an..35``,
    ``n..16,6``; None for a date). ``signed``: a number that may carry a sign (a
    coordinate), which no WCO numeric format allows."""

    name: str
    kind: str
    format: str | None = None
    max_occurs: int | None = 1
    wco_id: str | None = None
    wco_name: str | None = None
    signed: bool = False


@dataclass(frozen=True)
class Like:
    """A copy of a national class (its type is shared): the class at ``path``, optionally
    named otherwise and repeated otherwise."""

    path: tuple[str, ...]
    name: str | None = None
    max_occurs: int | bool | None = False
    """The copy's maxOccurs; False keeps the source's."""


@dataclass(frozen=True)
class Group:
    """A class the WCO DM structure of the profile does not have."""

    name: str
    children: tuple[New | Like | Group, ...]
    max_occurs: int | None = 1


@dataclass(frozen=True)
class Add:
    """Insert ``node`` after the child ``after`` (None: first) of ``parent``: a path
    (``("Declaration", "GoodsShipment")``) names one place, a class name (``"Contact"``)
    every occurrence of that class."""

    parent: tuple[str, ...] | str
    after: str | None
    node: New | Like | Group
    why: str


@dataclass(frozen=True)
class Widen:
    """A value the profile accepts up to ``max_length`` characters, beyond its WCO format:
    at ``path``, or (``path`` a pair of class and element names) in every occurrence."""

    path: tuple[str, ...]
    max_length: int
    why: str
    everywhere: bool = False


@dataclass(frozen=True)
class Repeat:
    """An element the profile accepts up to ``max_occurs`` times (None: unbounded)."""

    path: tuple[str, ...]
    max_occurs: int | None
    why: str


DECLARATION = ("Declaration",)
SHIPMENT = ("Declaration", "GoodsShipment")
CONSIGNMENT = ("Declaration", "GoodsShipment", "Consignment")
ITEM = ("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem")
CARGO = ("Declaration", "Consignment")

_NCTS = "the NCTS declaration CC015C"

#: A document reference of the NCTS shape: its type (an4) and its number (an..70).
_REFERENCE = (New("TypeCode", "Code", "an..4"), New("ID", "Identifier", "an..70"))


def _office(name: str) -> New:
    return New(name, "Identifier", "an..17")


#: The additions, applied in this order (copies see the additions before them).
ADDITIONS: tuple[Add | Widen | Repeat, ...] = (
    # --- values longer than their WCO format -------------------------------------------
    *(
        Widen(
            (*parent, "AdditionalDocument", "TypeCode"),
            5,
            "EAEU document type codes have five digits (e.g. 01201 veterinary certificate; "
            "Classifier of document types, Annex 8 to CU Commission Decision No 378 of "
            "20 Sep 2010)",
        )
        for parent in (DECLARATION, ITEM)
    ),
    *(
        Widen(
            (*parent, "PreviousDocument", "TypeCode"),
            4,
            "the Union writes a previous document's type as one an4 code, its list letter "
            "first (C605 information sheet INF3, N355 entry summary declaration; Annex B to "
            "Implementing Regulation (EU) 2015/2447, data element 12 01 000 000)",
        )
        for parent in (SHIPMENT, ITEM)
    ),
    Widen(
        (*DECLARATION, "TypeCode"),
        5,
        "the NCTS declaration type (CC015C TransitOperation/declarationType, an..5; code "
        "list CL231: T, T1, T2, T2F, TIR and T2SM, four characters, San Marino)",
    ),
    Widen(
        ("Address", "PostcodeID"),
        17,
        f"postcodes of up to 17 characters, as in every address of {_NCTS} "
        "(Address/postcode, an..17)",
        everywhere=True,
    ),
    Widen(
        ("Communication", "ID"),
        256,
        f"e-mail addresses of up to 256 characters, as a contact person's in {_NCTS} "
        "(ContactPerson/eMailAddress, an..256)",
        everywhere=True,
    ),
    # --- more occurrences --------------------------------------------------------------
    Repeat(
        (*SHIPMENT, "GovernmentAgencyGoodsItem"),
        1999,
        f"a transit declaration has up to 1,999 goods items ({_NCTS}: "
        "declarationGoodsItemNumber 1 to 1999, rule R0007)",
    ),
    Repeat(
        (*CARGO, "ConsignmentItem"),
        1999,
        "one consignment item per goods item, up to the 1,999 goods items of a transit "
        f"declaration ({_NCTS})",
    ),
    Repeat(
        (*DECLARATION, "ExitOffice"),
        9,
        f"up to nine customs offices of exit for transit ({_NCTS}: "
        "CustomsOfficeOfExitForTransitDeclared, 9x), in route order",
    ),
    Repeat(
        (*DECLARATION, "BorderTransportMeans"),
        9,
        f"up to nine active means of transport crossing the border ({_NCTS}: "
        "Consignment/ActiveBorderTransportMeans, 9x), in the order they cross: the truck "
        "and the Caspian ferry that carries it",
    ),
    Repeat(
        (*CONSIGNMENT, "DepartureTransportMeans"),
        999,
        f"up to 999 means of transport at departure ({_NCTS}: "
        "Consignment/DepartureTransportMeans, 999x)",
    ),
    # --- contact persons ---------------------------------------------------------------
    Add(
        "Contact",
        "Name",
        Like((*DECLARATION, "Declarant", "Communication"), max_occurs=None),
        f"the contact person's telephone number (TypeCode TE) and e-mail address (EM), as "
        f"{_NCTS} gives them (ContactPerson/phoneNumber, eMailAddress)",
    ),
    Add(
        (*DECLARATION, "Agent"),
        "Address",
        Like((*DECLARATION, "Declarant", "Contact")),
        f"the representative's contact person ({_NCTS}: Representative/ContactPerson)",
    ),
    Add(
        (*CARGO, "Carrier"),
        "Address",
        Like((*DECLARATION, "Declarant", "Contact")),
        f"the carrier's contact person ({_NCTS}: Consignment/Carrier/ContactPerson)",
    ),
    Add(
        "Consignor",
        "Address",
        Like((*DECLARATION, "Declarant", "Contact")),
        f"the consignor's contact person ({_NCTS}: Consignor/ContactPerson, of the "
        "consignment and of each house consignment)",
    ),
    # --- the declaration (NCTS transit operation) --------------------------------------
    Add(
        (*DECLARATION, "Declarant"),
        "ID",
        _office("TIRHolderID"),
        "the identification number of the holder of a TIR carnet (an..17; CC015C "
        "HolderOfTheTransitProcedure/TIRHolderIdentificationNumber), beside the holder's "
        "own identifier (ID)",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("TransitLimitDateTime", "DateTime"),
        "the date by which the goods must reach the office of destination: the NCTS limit "
        "date (CC015C TransitOperation/limitDate) and the transit period an EAEU office of "
        "departure sets",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("PresentationDateTime", "DateTime"),
        "when the goods are presented at the office of departure (CC015C "
        "TransitOperation/presentationOfTheGoodsDateAndTime)",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("CommunicationLanguageCode", "Code", "an2"),
        "the language of communication at departure (CC015C "
        "TransitOperation/communicationLanguageAtDeparture, a2)",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("BindingItineraryIndicatorCode", "Code", "n1"),
        "1 when the itinerary is binding, else 0 (CC015C TransitOperation/bindingItinerary)",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("ReducedDataSetIndicatorCode", "Code", "n1"),
        "1 when the declaration uses the reduced data set of an authorised consignor, else "
        "0 (CC015C TransitOperation/reducedDatasetIndicator)",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("SafetyAndSecurityCode", "Code", "n1"),
        "the safety and security data the transit declaration also carries (CC015C "
        "TransitOperation/security, code list CL217: 0 none, 1 entry summary, 2 exit "
        "summary, 3 both)",
    ),
    Add(
        DECLARATION,
        "SpecificCircumstancesCodeCode",
        New("AdditionalTypeCode", "Code", "a1"),
        "the additional declaration type of a transit declaration (CC015C "
        "TransitOperation/additionalDeclarationType, CL042: A standard, D pre-lodged), which "
        "cannot share TypeCode with a transit type of variable length",
    ),
    # --- offices -----------------------------------------------------------------------
    Add(
        DECLARATION,
        "Declarant",
        Group("DestinationOffice", (_office("ID"),)),
        "the customs office of destination of a transit declaration; its ID has the format "
        "of the other offices' (an..17)",
    ),
    Add(
        DECLARATION,
        "SupervisingOffice",
        Group(
            "TransitOffice",
            (
                New("SequenceNumeric", "Numeric", "n..5"),
                _office("ID"),
                New("EstimatedArrivalDateTime", "DateTime"),
            ),
            max_occurs=None,
        ),
        "the customs offices of transit of a transit declaration, numbered in route order; "
        "each ID has the format of the other offices' (an..17), and the estimated date and "
        "time of arrival there (CC015C CustomsOfficeOfTransitDeclared/"
        "arrivalDateAndTimeEstimated)",
    ),
    # --- active border transport means -------------------------------------------------
    Add(
        (*DECLARATION, "BorderTransportMeans"),
        "ModeCode",
        _office("CustomsOfficeID"),
        "the customs office where the means crosses the border (CC015C "
        "ActiveBorderTransportMeans/customsOfficeAtBorderReferenceNumber)",
    ),
    Add(
        (*DECLARATION, "BorderTransportMeans"),
        "ModeCode",
        New("ConveyanceReferenceID", "Identifier", "an..17"),
        "the conveyance reference number: flight, voyage or trip number (CC015C "
        "ActiveBorderTransportMeans/conveyanceReferenceNumber, an..17)",
    ),
    Add(
        CARGO,
        None,
        New("PreliminaryInformationID", "Identifier", "an..70"),
        "the number the EAEU customs system gives the preliminary information lodged on "
        "goods brought in by road or rail, which the carrier quotes at the border and the "
        "transit declaration at entry (EAEU Customs Code Art. 11; road: structure and format "
        "of EEC Board Decision No 194 of 28 Nov 2018)",
    ),
    Add(
        (*CARGO, "Itinerary"),
        "RoutingCountryCode",
        New("ModeCode", "Code", "n1"),
        "the mode of transport (UN/ECE Recommendation 19) of the leg that enters this "
        "routing country: 1 for the Caspian ferry between two land legs",
    ),
    # --- guarantees: NCTS grouping, TIR carnet -----------------------------------------
    Add(
        (*DECLARATION, "ObligationGuarantee"),
        "AccessCode",
        New("VoucherQuantity", "Quantity", "n..2"),
        "the number of vouchers of a paper TIR carnet: one pair is used in each country of "
        "the TIR transport (TIR Convention, Art. 1 and Annex 1)",
    ),
    Add(
        (*DECLARATION, "ObligationGuarantee"),
        "AccessCode",
        New("ExpirationDateTime", "DateTime"),
        "the last day the guarantee document may be accepted: a TIR carnet's final date of "
        "validity, which the issuing association writes on its cover (TIR Convention, "
        "Annex 1)",
    ),
    Add(
        (*DECLARATION, "ObligationGuarantee"),
        "AccessCode",
        New("SequenceNumeric", "Numeric", "n..5"),
        f"the guarantee this reference belongs to: {_NCTS} gives each guarantee (type, "
        "other reference) with up to 99 references (GRN, access code, amount); here each "
        "reference is one ObligationGuarantee, and those of one guarantee share its number",
    ),
    # --- documents ---------------------------------------------------------------------
    Add(
        "AdditionalDocument",
        "LPCOExemptionCode",
        New("ComplementaryInformationText", "Text", "an..35"),
        f"free text completing the reference ({_NCTS}: SupportingDocument/complementOfInformation)",
    ),
    Add(
        "AdditionalDocument",
        "LPCOExemptionCode",
        New("LineNumeric", "Numeric", "n..5"),
        f"the line of the document the goods are on ({_NCTS}: SupportingDocument/"
        "documentLineItemNumber)",
    ),
    Add(
        "PreviousDocument",
        "LineNumeric",
        New("PackagingTypeCode", "Code", "an..2"),
        f"the kind of packages of the previous document ({_NCTS}: ConsignmentItem/"
        "PreviousDocument/typeOfPackages)",
    ),
    Add(
        "PreviousDocument",
        "PackagingTypeCode",
        New("PackageQuantity", "Quantity", "n..8"),
        f"the number of packages of the previous document ({_NCTS}: ConsignmentItem/"
        "PreviousDocument/numberOfPackages)",
    ),
    Add(
        "PreviousDocument",
        "PackageQuantity",
        New("GoodsQuantity", "Quantity", "n..16,6"),
        f"the quantity written off the previous document, its unitCode the measurement "
        f"unit and qualifier ({_NCTS}: ConsignmentItem/PreviousDocument/quantity, "
        "measurementUnitAndQualifier)",
    ),
    Add(
        "PreviousDocument",
        "GoodsQuantity",
        New("ComplementaryInformationText", "Text", "an..35"),
        f"free text completing the reference ({_NCTS}: PreviousDocument/complementOfInformation)",
    ),
    # --- the consignment (master level) ------------------------------------------------
    Add(
        (*CONSIGNMENT, "DepartureTransportMeans"),
        "TypeCode",
        New("RegistrationNationalityCode", "Code", "a2"),
        f"the nationality of the means of transport at departure ({_NCTS}: "
        "DepartureTransportMeans/nationality)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "TypeCode",
        New("AuthorisationID", "Identifier", "an..35"),
        f"the authorisation number that identifies the location ({_NCTS}: LocationOfGoods/"
        "authorisationNumber, qualifier Y)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "AuthorisationID",
        New("AdditionalIdentifierID", "Identifier", "an..4"),
        f"the identifier added to an authorisation or operator number ({_NCTS}: "
        "LocationOfGoods/additionalIdentifier)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "AdditionalIdentifierID",
        _office("CustomsOfficeID"),
        f"the customs office where the goods are ({_NCTS}: LocationOfGoods/CustomsOffice, "
        "qualifier V)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "CustomsOfficeID",
        New("EconomicOperatorID", "Identifier", "an..17"),
        f"the economic operator whose premises the goods are at ({_NCTS}: LocationOfGoods/"
        "EconomicOperator, qualifier X)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "EconomicOperatorID",
        New("LatitudeNumeric", "Numeric", "n..10,7", signed=True),
        f"the latitude of the location in decimal degrees, signed ({_NCTS}: LocationOfGoods/"
        "GNSS/latitude, qualifier W)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "LatitudeNumeric",
        New("LongitudeNumeric", "Numeric", "n..10,7", signed=True),
        f"the longitude of the location in decimal degrees, signed ({_NCTS}: "
        "LocationOfGoods/GNSS/longitude, qualifier W)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "Address",
        Like((*DECLARATION, "Declarant", "Contact")),
        f"the contact person at the location ({_NCTS}: LocationOfGoods/ContactPerson)",
    ),
    Add(
        (*CONSIGNMENT, "GoodsLocation"),
        "Contact",
        Group(
            "PostcodeAddress",
            (
                New("BuildingNumber", "Text", "an..17"),
                New("PostcodeID", "Identifier", "an..17"),
                New("CountryCode", "Code", "a2"),
            ),
        ),
        f"a location given by postcode and house number ({_NCTS}: LocationOfGoods/"
        "PostcodeAddress, qualifier T)",
    ),
    Add(
        (*CONSIGNMENT, "LoadingLocation"),
        "ID",
        New("CountryCode", "Code", "a2"),
        f"the country of the place of loading ({_NCTS}: Consignment/PlaceOfLoading/country)",
    ),
    Add(
        CONSIGNMENT,
        "LoadingLocation",
        Group("TransportContractDocument", _REFERENCE, max_occurs=None),
        f"the transport documents of the consignment ({_NCTS}: Consignment/"
        "TransportDocument, CL754): bill of lading, CMR, CIM or SMGS consignment note",
    ),
    Add(
        (*CONSIGNMENT, "TransportEquipment"),
        "ID",
        New("SealQuantity", "Quantity", "n..4"),
        f"the number of seals on the equipment ({_NCTS}: TransportEquipment/numberOfSeals)",
    ),
    Add(
        CONSIGNMENT,
        "TransportEquipment",
        Group(
            "UnloadingLocation",
            (
                New("Name", "Text", "an..35"),
                New("ID", "Identifier", "an..17"),
                New("CountryCode", "Code", "a2"),
            ),
        ),
        f"the place of unloading: its UN/LOCODE (ID), or its country and name ({_NCTS}: "
        "Consignment/PlaceOfUnloading)",
    ),
    # --- the goods shipment ------------------------------------------------------------
    Add(
        SHIPMENT,
        "TransactionNatureCode",
        Like((*ITEM, "AdditionalDocument")),
        f"the supporting documents of the consignment ({_NCTS}: Consignment/"
        "SupportingDocument): the declaration's own AdditionalDocument elements are its "
        "authorisations (CC015C Authorisation)",
    ),
    Add(
        SHIPMENT,
        "AdditionalDocument",
        Group("AdditionalReference", _REFERENCE, max_occurs=None),
        f"the additional references of the consignment ({_NCTS}: Consignment/"
        "AdditionalReference, CL380)",
    ),
    Add(
        ITEM,
        "TransactionNatureCode",
        New("DeclarationTypeCode", "Code", "an..5"),
        "the declaration type of the goods item on a T declaration: T1, T2 or T2F (CC015C "
        "ConsignmentItem/declarationType)",
    ),
    Add(
        ITEM,
        "DeclarationTypeCode",
        New("HouseConsignmentSequenceNumeric", "Numeric", "n..5"),
        "the house consignment the goods item belongs to (its SequenceNumeric in "
        "GoodsShipment/HouseConsignment)",
    ),
    Add(
        ITEM,
        "AdditionalInformation",
        Group("AdditionalReference", _REFERENCE, max_occurs=None),
        f"the goods item's additional references ({_NCTS}: ConsignmentItem/AdditionalReference)",
    ),
    Add(
        ITEM,
        "Seller",
        Group("TransportContractDocument", _REFERENCE, max_occurs=None),
        f"the goods item's transport documents ({_NCTS}, Phase 5: ConsignmentItem/"
        "TransportDocument)",
    ),
    Add(
        SHIPMENT,
        "GovernmentAgencyGoodsItem",
        Group(
            "HouseConsignment",
            (
                New("SequenceNumeric", "Numeric", "n..5", wco_id="006", wco_name="Sequence number"),
                New(
                    "TotalGrossMassMeasure",
                    "Measure",
                    "n..16,6",
                    wco_id="131",
                    wco_name="Total gross weight",
                ),
                Like((*ITEM, "AdditionalDocument")),
                Like((*DECLARATION, "AdditionalInformation")),
                Group("AdditionalReference", _REFERENCE, max_occurs=None),
                Like((*SHIPMENT, "AEOMutualRecognitionParty")),
                Like((*SHIPMENT, "Consignee")),
                Like((*CARGO, "Consignor")),
                Like((*CONSIGNMENT, "DepartureTransportMeans")),
                Like((*SHIPMENT, "Destination")),
                Like((*SHIPMENT, "ExportCountry")),
                Like((*CARGO, "Freight")),
                Like((*SHIPMENT, "PreviousDocument")),
                Group("TransportContractDocument", _REFERENCE, max_occurs=None),
                Like((*SHIPMENT, "UCR")),
            ),
            max_occurs=1999,
        ),
        f"the house consignments of a transit declaration ({_NCTS}: Consignment/"
        "HouseConsignment, 1 to 1,999): each with its consignor, consignee, countries of "
        "dispatch and destination, gross mass, transport and documents; its goods items are "
        "the GovernmentAgencyGoodsItem elements that name its SequenceNumeric",
    ),
    # --- the message envelope ----------------------------------------------------------
    Add(
        ("MetaData",),
        "AgencyAssignedCustomizationVersionCode",
        New("CorrelationID", "Identifier", "an..35"),
        f"the message this one answers ({_NCTS}: correlationIdentifier)",
    ),
    Add(
        ("MetaData",),
        "AgencyAssignedCustomizationVersionCode",
        New("MessageID", "Identifier", "an..35"),
        f"the message's own identification ({_NCTS}: messageIdentification)",
    ),
    Add(
        ("MetaData",),
        "AgencyAssignedCustomizationVersionCode",
        New("MessageRecipientID", "Identifier", "an..35"),
        f"who the message is sent to ({_NCTS}: messageRecipient)",
    ),
    Add(
        ("MetaData",),
        "AgencyAssignedCustomizationVersionCode",
        New("MessageSenderID", "Identifier", "an..35"),
        f"who sends the message ({_NCTS}: messageSender)",
    ),
)
