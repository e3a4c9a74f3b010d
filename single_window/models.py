"""Typed models of a WCO Data Model goods declaration (DEC-DMS:2 layout).

One class per WCO class (Declaration, GoodsShipment, GovernmentAgencyGoodsItem,
Commodity, Classification, parties, documents, ...). Field names are the WCO names in
snake case; each field's alias is the XML element name, and fields are declared in the
order the schema's sequences require, so :meth:`Declaration.to_xml` writes a valid
document. Leaf values are :class:`Text`, :class:`Code`, :class:`CountryCode`,
:class:`Numeric`, :class:`Amount`, :class:`Measure` and :class:`DateTime`; each keeps its
source ``path`` and ``line``.

Example:
    >>> import single_window
    >>> decl = single_window.parse("examples/tr-import.xml")  # doctest: +SKIP
    >>> decl.goods_shipment.goods_items[0].commodity_code      # doctest: +SKIP
    '731815900019'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from single_window._values import (
    Amount,
    Code,
    CountryCode,
    DateTime,
    Leaf,
    Measure,
    Node,
    Numeric,
    Text,
)

__all__ = [
    "UCR",
    "AEOMutualRecognitionParty",
    "AdditionalDocument",
    "AdditionalInformation",
    "Address",
    "Agent",
    "Amendment",
    "Amount",
    "AuthorisationHolder",
    "ChargeDeduction",
    "Classification",
    "Code",
    "Commodity",
    "Consignment",
    "CountryCode",
    "CountryRef",
    "CurrencyExchange",
    "CustomsValuation",
    "DangerousGoods",
    "DateTime",
    "Declaration",
    "DeclarationConsignment",
    "DomesticDutyTaxParty",
    "DutyTaxFee",
    "ExportCountry",
    "Freight",
    "GoodsLocation",
    "GoodsMeasure",
    "GoodsShipment",
    "GovernmentAgencyGoodsItem",
    "GovernmentProcedure",
    "Invoice",
    "InvoiceLine",
    "Itinerary",
    "Leaf",
    "LoadingLocation",
    "Measure",
    "MetaData",
    "Node",
    "Numeric",
    "ObligationGuarantee",
    "Office",
    "Origin",
    "Packaging",
    "Party",
    "Payment",
    "Pointer",
    "PreviousDocument",
    "Seal",
    "Text",
    "TradeTerms",
    "TransportEquipment",
    "TransportMeans",
    "Unmapped",
    "ValuationAdjustment",
    "Warehouse",
    "WriteOff",
]

#: Classification ``IdentificationTypeCode`` values whose IDs make up the commodity code,
#: in the order they are joined. ``TSP`` / ``HS``: the tariff code as the national
#: nomenclature publishes it (CN 8 digits in the EU and UK, TN VED 10 digits in the EAEU,
#: GTIP 12 digits in Turkiye); ``TRC``: the 2-digit TARIC subdivision that follows a CN
#: code. Other types (``TRA`` TARIC additional codes, ``GN`` national additional codes,
#: ``CV`` CUS codes) are additional codes, not part of the commodity code.
COMMODITY_CODE_PARTS: tuple[str, ...] = ("TSP", "HS", "TRC")


def _opt(alias: str) -> Any:
    return Field(default=None, alias=alias)


def _many(alias: str) -> Any:
    return Field(default_factory=list, alias=alias)


# --- small shared classes -------------------------------------------------------------


class Address(Node):
    """A postal address (WCO class Address)."""

    type_code: Code | None = _opt("TypeCode")
    city_name: Text | None = _opt("CityName")
    country_code: CountryCode | None = _opt("CountryCode")
    line_text: Text | None = _opt("Line")
    postcode_id: Text | None = _opt("PostcodeID")


class Party(Node):
    """A party: exporter, importer, declarant, consignee, carrier, ... (name, id, address)."""

    name: Text | None = _opt("Name")
    id: Text | None = _opt("ID")
    address: Address | None = _opt("Address")


class Agent(Node):
    """The declarant's representative (ID and representation status ``FunctionCode``)."""

    id: Text | None = _opt("ID")
    function_code: Code | None = _opt("FunctionCode")


class Office(Node):
    """A customs office, identified by its code."""

    id: Code | None = _opt("ID")


class RoleParty(Node):
    """A party identified by ID and role code (AEO, domestic duty/tax party)."""

    id: Text | None = _opt("ID")
    role_code: Code | None = _opt("RoleCode")


class AEOMutualRecognitionParty(RoleParty):
    """An AEO of a mutual-recognition partner."""


class DomesticDutyTaxParty(RoleParty):
    """A party registered for domestic duties and taxes (e.g. VAT)."""


class AuthorisationHolder(Node):
    """The holder of a customs authorisation and its category."""

    id: Text | None = _opt("ID")
    category_code: Code | None = _opt("CategoryCode")


class Pointer(Node):
    """Points at the part of the declaration an amendment or statement refers to."""

    sequence_numeric: Numeric | None = _opt("SequenceNumeric")
    document_section_code: Code | None = _opt("DocumentSectionCode")
    tag_id: Code | None = _opt("TagID")


class WriteOff(Node):
    """Quantity written off a licence or certificate."""

    quantity: Measure | None = _opt("QuantityQuantity")


class AdditionalDocument(Node):
    """A supporting document: certificate, licence, authorisation (category + type)."""

    category_code: Code | None = _opt("CategoryCode")
    id: Text | None = _opt("ID")
    name: Text | None = _opt("Name")
    type_code: Code | None = _opt("TypeCode")
    lpco_exemption_code: Code | None = _opt("LPCOExemptionCode")
    write_off: WriteOff | None = _opt("WriteOff")

    @property
    def code(self) -> str | None:
        """The document code: category followed by type (``C`` + ``505`` = ``C505``)."""
        if self.type_code is None:
            return None
        category = self.category_code.value if self.category_code is not None else ""
        return category + self.type_code.value


class PreviousDocument(Node):
    """A reference to an earlier document (summary declaration, previous procedure)."""

    category_code: Code | None = _opt("CategoryCode")
    id: Text | None = _opt("ID")
    type_code: Code | None = _opt("TypeCode")
    line_numeric: Numeric | None = _opt("LineNumeric")

    @property
    def code(self) -> str | None:
        """The document code: category followed by type (``Z`` + ``355`` = ``Z355``)."""
        if self.type_code is None:
            return None
        category = self.category_code.value if self.category_code is not None else ""
        return category + self.type_code.value


class AdditionalInformation(Node):
    """A coded or free-text statement (special mention)."""

    statement_code: Code | None = _opt("StatementCode")
    statement_description: Text | None = _opt("StatementDescription")
    statement_type_code: Code | None = _opt("StatementTypeCode")
    pointers: list[Pointer] = _many("Pointer")


class Amendment(Node):
    """An amendment: the reason and pointers to what changed."""

    change_reason_code: Code | None = _opt("ChangeReasonCode")
    pointers: list[Pointer] = _many("Pointer")


class TransportMeans(Node):
    """A means of transport (border, arrival or departure)."""

    id: Text | None = _opt("ID")
    identification_type_code: Code | None = _opt("IdentificationTypeCode")
    registration_nationality_code: CountryCode | None = _opt("RegistrationNationalityCode")
    mode_code: Code | None = _opt("ModeCode")


class Freight(Node):
    """How freight is paid."""

    payment_method_code: Code | None = _opt("PaymentMethodCode")


class Itinerary(Node):
    """One country on the goods' route, in routing order."""

    sequence_numeric: Numeric | None = _opt("SequenceNumeric")
    routing_country_code: CountryCode | None = _opt("RoutingCountryCode")


class DeclarationConsignment(Node):
    """Declaration-level consignment: carrier, consignor, freight and itinerary."""

    carrier: Party | None = _opt("Carrier")
    consignor: Party | None = _opt("Consignor")
    freight: Freight | None = _opt("Freight")
    itineraries: list[Itinerary] = _many("Itinerary")


class ObligationGuarantee(Node):
    """A guarantee securing the customs debt."""

    id: Text | None = _opt("ID")
    reference_id: Text | None = _opt("ReferenceID")
    security_details_code: Code | None = _opt("SecurityDetailsCode")


class MetaData(Node):
    """The WCO ``MetaData`` envelope around a declaration."""

    wco_data_model_version_code: Text | None = _opt("WCODataModelVersionCode")
    wco_type_name: Text | None = _opt("WCOTypeName")
    responsible_country_code: CountryCode | None = _opt("ResponsibleCountryCode")
    responsible_agency_name: Text | None = _opt("ResponsibleAgencyName")
    agency_assigned_customization_code: Text | None = _opt("AgencyAssignedCustomizationCode")
    agency_assigned_customization_version_code: Text | None = _opt(
        "AgencyAssignedCustomizationVersionCode"
    )
    schema_location: str | None = None
    """The ``xsi:schemaLocation`` attribute, if present."""


# --- goods shipment ------------------------------------------------------------------


class CountryRef(Node):
    """A country given by ``CountryCode`` (destination)."""

    country_code: CountryCode | None = _opt("CountryCode")


class ExportCountry(Node):
    """The country of export / dispatch (given by ``ID``)."""

    id: CountryCode | None = _opt("ID")


class ChargeDeduction(Node):
    """A charge or deduction in the customs value."""

    charges_type_code: Code | None = _opt("ChargesTypeCode")
    other_charge_deduction_amount: Amount | None = _opt("OtherChargeDeductionAmount")


class CustomsValuation(Node):
    """Customs valuation: method, freight and charges or deductions."""

    method_code: Code | None = _opt("MethodCode")
    freight_charge_amount: Amount | None = _opt("FreightChargeAmount")
    charge_deductions: list[ChargeDeduction] = _many("ChargeDeduction")


class Classification(Node):
    """One part of the commodity code (ID and the kind of code it is)."""

    id: Code | None = _opt("ID")
    identification_type_code: Code | None = _opt("IdentificationTypeCode")


class Payment(Node):
    """How a duty or tax is paid, and the amounts."""

    method_code: Code | None = _opt("MethodCode")
    tax_assessed_amount: Amount | None = _opt("TaxAssessedAmount")
    payment_amount: Amount | None = _opt("PaymentAmount")


class DutyTaxFee(Node):
    """A duty, tax or fee on the goods item."""

    duty_regime_code: Code | None = _opt("DutyRegimeCode")
    specific_tax_base_quantity: Measure | None = _opt("SpecificTaxBaseQuantity")
    type_code: Code | None = _opt("TypeCode")
    quota_order_id: Text | None = _opt("QuotaOrderID")
    payment: Payment | None = _opt("Payment")


class GoodsMeasure(Node):
    """Masses and the supplementary (tariff) quantity of a goods item."""

    gross_mass: Measure | None = _opt("GrossMassMeasure")
    net_mass: Measure | None = _opt("NetNetWeightMeasure")
    tariff_quantity: Measure | None = _opt("TariffQuantity")


class InvoiceLine(Node):
    """The item's price on the invoice."""

    item_charge_amount: Amount | None = _opt("ItemChargeAmount")


class Seal(Node):
    """A seal on a piece of transport equipment."""

    sequence_numeric: Numeric | None = _opt("SequenceNumeric")
    id: Text | None = _opt("ID")


class TransportEquipment(Node):
    """A container or other piece of transport equipment."""

    sequence_numeric: Numeric | None = _opt("SequenceNumeric")
    id: Text | None = _opt("ID")
    seals: list[Seal] = _many("Seal")


class DangerousGoods(Node):
    """Dangerous goods, by UN number."""

    undgid: Code | None = _opt("UNDGID")


class Commodity(Node):
    """The goods: description, classification, duties, measures, invoice line."""

    description: Text | None = _opt("Description")
    classifications: list[Classification] = _many("Classification")
    dangerous_goods: list[DangerousGoods] = _many("DangerousGoods")
    duty_tax_fees: list[DutyTaxFee] = _many("DutyTaxFee")
    goods_measure: GoodsMeasure | None = _opt("GoodsMeasure")
    invoice_line: InvoiceLine | None = _opt("InvoiceLine")
    transport_equipments: list[TransportEquipment] = _many("TransportEquipment")


class GovernmentProcedure(Node):
    """A customs procedure code: requested (current) and previous."""

    current_code: Code | None = _opt("CurrentCode")
    previous_code: Code | None = _opt("PreviousCode")


class Origin(Node):
    """Country of origin (type 1 non-preferential, 2 preferential)."""

    country_code: Code | None = _opt("CountryCode")
    type_code: Code | None = _opt("TypeCode")


class Packaging(Node):
    """Packages: kind, number and marks."""

    sequence_numeric: Numeric | None = _opt("SequenceNumeric")
    marks_numbers_id: Text | None = _opt("MarksNumbersID")
    quantity: Numeric | None = _opt("QuantityQuantity")
    type_code: Code | None = _opt("TypeCode")


class ValuationAdjustment(Node):
    """Valuation indicators."""

    addition_code: Code | None = _opt("AdditionCode")


class GovernmentAgencyGoodsItem(Node):
    """One goods item of the declaration."""

    customs_value_amount: Amount | None = _opt("CustomsValueAmount")
    sequence_numeric: Numeric | None = _opt("SequenceNumeric")
    statistical_value_amount: Amount | None = _opt("StatisticalValueAmount")
    transaction_nature_code: Code | None = _opt("TransactionNatureCode")
    additional_documents: list[AdditionalDocument] = _many("AdditionalDocument")
    additional_information: list[AdditionalInformation] = _many("AdditionalInformation")
    commodity: Commodity | None = _opt("Commodity")
    consignee: Party | None = _opt("Consignee")
    customs_valuation: CustomsValuation | None = _opt("CustomsValuation")
    destination: CountryRef | None = _opt("Destination")
    domestic_duty_tax_parties: list[DomesticDutyTaxParty] = _many("DomesticDutyTaxParty")
    export_country: ExportCountry | None = _opt("ExportCountry")
    government_procedures: list[GovernmentProcedure] = _many("GovernmentProcedure")
    origins: list[Origin] = _many("Origin")
    packagings: list[Packaging] = _many("Packaging")
    previous_documents: list[PreviousDocument] = _many("PreviousDocument")
    valuation_adjustment: ValuationAdjustment | None = _opt("ValuationAdjustment")

    @property
    def commodity_code(self) -> str | None:
        """The commodity code assembled from the classification parts, e.g. CN 8 digits
        (``TSP``) + TARIC 2 digits (``TRC``), or a full national code (``HS``).
        None when the item has no such part."""
        if self.commodity is None:
            return None
        parts: dict[str, str] = {}
        for c in self.commodity.classifications:
            kind = c.identification_type_code.value if c.identification_type_code else None
            if kind in COMMODITY_CODE_PARTS and c.id is not None and kind not in parts:
                parts[kind] = c.id.value
        if not parts:
            return None
        return "".join(parts[k] for k in COMMODITY_CODE_PARTS if k in parts)

    @property
    def procedure_code(self) -> str | None:
        """The procedure code: current (requested) code followed by the previous one,
        from the first GovernmentProcedure that has a current code (e.g. ``4000``)."""
        for gp in self.government_procedures:
            if gp.current_code is not None:
                prev = gp.previous_code.value if gp.previous_code is not None else ""
                return gp.current_code.value + prev
        return None


class GoodsLocation(Node):
    """Where the goods can be examined."""

    name: Text | None = _opt("Name")
    type_code: Code | None = _opt("TypeCode")
    address: Address | None = _opt("Address")


class LoadingLocation(Node):
    """Place of loading."""

    id: Code | None = _opt("ID")


class Consignment(Node):
    """Shipment-level consignment: transport means, location, equipment."""

    container_code: Code | None = _opt("ContainerCode")
    arrival_transport_means: TransportMeans | None = _opt("ArrivalTransportMeans")
    departure_transport_means: TransportMeans | None = _opt("DepartureTransportMeans")
    goods_location: GoodsLocation | None = _opt("GoodsLocation")
    loading_location: LoadingLocation | None = _opt("LoadingLocation")
    transport_equipments: list[TransportEquipment] = _many("TransportEquipment")


class TradeTerms(Node):
    """Delivery terms (Incoterms code and place)."""

    condition_code: Code | None = _opt("ConditionCode")
    location_id: Text | None = _opt("LocationID")


class UCR(Node):
    """Unique consignment reference."""

    id: Text | None = _opt("ID")
    trader_assigned_reference_id: Text | None = _opt("TraderAssignedReferenceID")


class Warehouse(Node):
    """The warehouse the goods are stored in."""

    id: Text | None = _opt("ID")
    type_code: Code | None = _opt("TypeCode")


class Invoice(Node):
    """The commercial invoice: number and date."""

    id: Text | None = _opt("ID")
    issue_date_time: DateTime | None = _opt("IssueDateTime")


class GoodsShipment(Node):
    """The goods shipment: parties, consignment, countries and the goods items."""

    transaction_nature_code: Code | None = _opt("TransactionNatureCode")
    aeo_mutual_recognition_parties: list[AEOMutualRecognitionParty] = _many(
        "AEOMutualRecognitionParty"
    )
    buyer: Party | None = _opt("Buyer")
    consignee: Party | None = _opt("Consignee")
    consignment: Consignment | None = _opt("Consignment")
    customs_valuation: CustomsValuation | None = _opt("CustomsValuation")
    destination: CountryRef | None = _opt("Destination")
    domestic_duty_tax_parties: list[DomesticDutyTaxParty] = _many("DomesticDutyTaxParty")
    export_country: ExportCountry | None = _opt("ExportCountry")
    goods_items: list[GovernmentAgencyGoodsItem] = _many("GovernmentAgencyGoodsItem")
    importer: Party | None = _opt("Importer")
    invoice: Invoice | None = _opt("Invoice")
    previous_documents: list[PreviousDocument] = _many("PreviousDocument")
    seller: Party | None = _opt("Seller")
    trade_terms: TradeTerms | None = _opt("TradeTerms")
    ucr: UCR | None = _opt("UCR")
    warehouse: Warehouse | None = _opt("Warehouse")


class Unmapped(Node):
    """Something the document had that the model has no field for, kept verbatim.

    ``kind`` is ``element`` (``xml`` holds the serialized element) or ``attribute``
    (``name`` and ``xml`` hold the attribute's name and value). ``path`` is the
    element's own path (for an attribute, its parent element's path).
    """

    kind: Literal["element", "attribute"]
    name: str
    xml: str

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Unmapped):
            return NotImplemented
        return (self.kind, self.name, self.xml, self.path) == (
            other.kind,
            other.name,
            other.xml,
            other.path,
        )

    __hash__ = None


class CurrencyExchange(Node):
    """An exchange rate used in the declaration."""

    currency_type_code: Code | None = _opt("CurrencyTypeCode")
    rate: Numeric | None = _opt("RateNumeric")


class Declaration(Node):
    """A WCO goods declaration: the root of the model.

    ``metadata`` is the ``MetaData`` envelope when the document had one. ``unmapped``
    keeps anything the document held that this model has no field for.
    """

    metadata: MetaData | None = None
    schema_location: str | None = None
    """The Declaration element's ``xsi:schemaLocation`` attribute, if present."""

    acceptance_date_time: DateTime | None = _opt("AcceptanceDateTime")
    function_code: Code | None = _opt("FunctionCode")
    functional_reference_id: Text | None = _opt("FunctionalReferenceID")
    id: Text | None = _opt("ID")
    issue_date_time: DateTime | None = _opt("IssueDateTime")
    type_code: Code | None = _opt("TypeCode")
    goods_item_quantity: Numeric | None = _opt("GoodsItemQuantity")
    declaration_office_id: Code | None = _opt("DeclarationOfficeID")
    invoice_amount: Amount | None = _opt("InvoiceAmount")
    total_gross_mass: Measure | None = _opt("TotalGrossMassMeasure")
    total_package_quantity: Numeric | None = _opt("TotalPackageQuantity")
    submitter: Party | None = _opt("Submitter")
    additional_documents: list[AdditionalDocument] = _many("AdditionalDocument")
    additional_information: list[AdditionalInformation] = _many("AdditionalInformation")
    agent: Agent | None = _opt("Agent")
    amendments: list[Amendment] = _many("Amendment")
    authorisation_holders: list[AuthorisationHolder] = _many("AuthorisationHolder")
    border_transport_means: TransportMeans | None = _opt("BorderTransportMeans")
    consignment: DeclarationConsignment | None = _opt("Consignment")
    currency_exchanges: list[CurrencyExchange] = _many("CurrencyExchange")
    declarant: Party | None = _opt("Declarant")
    exit_office: Office | None = _opt("ExitOffice")
    exporter: Party | None = _opt("Exporter")
    goods_shipment: GoodsShipment | None = _opt("GoodsShipment")
    obligation_guarantees: list[ObligationGuarantee] = _many("ObligationGuarantee")
    presentation_office: Office | None = _opt("PresentationOffice")
    supervising_office: Office | None = _opt("SupervisingOffice")

    unmapped: list[Unmapped] = Field(default_factory=list)

    # -- convenience --------------------------------------------------------------

    @property
    def goods_items(self) -> list[GovernmentAgencyGoodsItem]:
        """The goods items (empty when there is no goods shipment)."""
        return self.goods_shipment.goods_items if self.goods_shipment is not None else []

    @property
    def issued_at(self) -> DateTime | None:
        """The declaration's own date: issue date, else acceptance date."""
        return self.issue_date_time or self.acceptance_date_time

    def walk(self) -> Iterator[Node | Leaf]:
        """Every node and leaf value of the model, depth first in document order."""
        stack: list[Node | Leaf] = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Leaf):
                continue
            children: list[Node | Leaf] = []
            for name in type(node).model_fields:
                value = getattr(node, name)
                if isinstance(value, Node | Leaf):
                    children.append(value)
                elif isinstance(value, list):
                    children.extend(v for v in value if isinstance(v, Node | Leaf))
            stack.extend(reversed(children))

    def to_xml(self, *, pretty: bool = True) -> bytes:
        """Write the model back as a WCO DM XML document in the same layout (UTF-8)."""
        from single_window._writer import write_declaration

        return write_declaration(self, pretty=pretty)


def _complete_forward_references() -> None:
    from single_window.findings import ValidationResult

    ValidationResult.model_rebuild(_types_namespace={"Declaration": Declaration})


_complete_forward_references()
