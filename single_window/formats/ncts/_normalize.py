"""Normalize an NCTS declaration (CC015C, or its amendment CC013C) into the canonical
declaration the rules read.

The canonical model is the WCO goods declaration (:mod:`single_window.models`), laid out
as the library lays out a transit declaration (see the page "Transit on the Middle
Corridor"): the office of departure in ``DeclarationOfficeID``, the offices of
destination, transit and exit in ``DestinationOffice``, ``TransitOffice`` and
``ExitOffice``, the holder of the transit procedure as the ``Declarant``, each guarantee
reference as an ``ObligationGuarantee`` (type in ``SecurityDetailsCode``, GRN in
``ReferenceID``, the TIR carnet number there), the routing countries as
``Consignment/Itinerary`` and seals under ``GoodsShipment/Consignment/TransportEquipment``.
Every goods item of every house consignment is one ``GovernmentAgencyGoodsItem``, in
document order (:mod:`single_window.formats.ncts._items`).

Wherever a canonical field has the leaf type of the NCTS element it comes from, the
canonical model holds the message's own leaf object, so it costs nothing and keeps the
element's path and line: a finding about it points into the message. A value the
canonical model types otherwise (the access code, a code that qualifies an identifier)
is a new leaf at the same place. Masses are in kilograms (the message's unit, which the
canonical measure names as ``KGM``) and the amount to be covered carries the currency of
its guarantee reference: both are set on the message's own leaves, whose writer does not
write units or currencies, so the message still writes back as read. A date-time
without a time zone is UTC, as the NCTS schemas say (``DateTimeType``).

Where the data of the transit operation, the house consignments, the documents, the
means of transport and the location of goods go is in :mod:`._items`,
:mod:`._documents` and :mod:`._transport`; the message header (sender, recipient, message
identification, correlation) is the ``MetaData`` envelope's. A CC013C's
``amendmentTypeFlag`` has no canonical home: the message keeps it, and writing the
declaration back writes the message.
"""

from __future__ import annotations

from typing import Any

from single_window._values import Code
from single_window.findings import Finding
from single_window.formats.ncts._canonical import (
    contact,
    day,
    holding,
    kilograms,
    leaf,
    make,
    party,
    sequenced,
    text,
)
from single_window.formats.ncts._documents import (
    additional_references,
    authorisations,
    information,
    previous_documents,
    supporting_documents,
)
from single_window.formats.ncts._items import (
    actors,
    freight,
    goods_items,
    house_consignments,
    item_charges,
    ucr,
)
from single_window.formats.ncts._transport import border_means, transport
from single_window.formats.ncts.models import CC013C, CC015C
from single_window.models import (
    Agent,
    Carrier,
    Consignee,
    Consignor,
    ConsignorAddress,
    Declarant,
    Declaration,
    DeclarationConsignment,
    Destination,
    DestinationOffice,
    ExitOffice,
    ExportCountry,
    GoodsShipment,
    Itinerary,
    MetaData,
    ObligationGuarantee,
    TransitOffice,
)

__all__ = ["normalize"]

#: The guarantee type of the TIR carnet (code list CL251).
TIR_GUARANTEE = "B"
#: UN/EDIFACT 1225 message function codes: an original declaration, and a request (to
#: amend it), as the WCO layout writes a declaration and its amendment.
ORIGINAL = "9"
FUNCTION_CODES = {"CC015C": ORIGINAL, "CC013C": "13"}


# --- offices -----------------------------------------------------------------------------


def _destination(message: Any) -> DestinationOffice | None:
    office = message.customs_office_of_destination_declared
    if office is None:
        return None
    return make(DestinationOffice, office.path, office.line, id=office.reference_number)


def _transit_offices(message: Any) -> list[TransitOffice]:
    return [
        make(
            TransitOffice,
            office.path,
            office.line,
            sequence_numeric=office.sequence_number,
            id=office.reference_number,
            estimated_arrival_date_time=office.arrival_date_and_time_estimated,
        )
        for office in message.customs_offices_of_transit_declared
    ]


def _exit_offices(message: Any) -> list[ExitOffice]:
    """Every office of exit for transit (up to nine), in the order of their sequence
    numbers."""
    return [
        make(ExitOffice, office.path, office.line, id=office.reference_number)
        for office in sequenced(message.customs_offices_of_exit_for_transit_declared)
    ]


# --- parties -------------------------------------------------------------------------------


def _declarant(holder: Any) -> Declarant | None:
    """The holder of the transit procedure: its identification number in ``ID``, and
    under TIR the TIR holder identification number in ``TIRHolderID``."""
    if holder is None:
        return None
    declarant: Declarant = party(
        Declarant,
        holder,
        tir_holder_id=holder.tir_holder_identification_number,
        contact=contact(holder.contact_person),
    )
    return declarant


def _agent(representative: Any) -> Agent | None:
    if representative is None:
        return None
    return make(
        Agent,
        representative.path,
        representative.line,
        id=representative.identification_number,
        function_code=representative.status,
        contact=contact(representative.contact_person),
    )


# --- guarantees --------------------------------------------------------------------------


def _access_code(reference: Any) -> Code | None:
    found = reference.access_code
    if found is None:
        return None
    return leaf(Code, found.value, found, found.raw)


def _guarantees(message: Any) -> list[ObligationGuarantee]:
    """One canonical guarantee per guarantee reference (a guarantee without references is
    one too), each with its guarantee's type, other reference and sequence number (which
    the references of one guarantee share). A TIR carnet number is the reference of the
    TIR carnet, the type-B guarantee (:func:`_carnet`): on a declaration of another type
    too, where the transit rules then find a TIR guarantee that does not belong."""
    out: list[ObligationGuarantee] = []
    for guarantee in message.guarantees:
        shared = {
            "security_details_code": guarantee.guarantee_type,
            "id": guarantee.other_guarantee_reference,
            "sequence_numeric": guarantee.sequence_number,
        }
        references = guarantee.guarantee_references
        if not references:
            out.append(make(ObligationGuarantee, guarantee.path, guarantee.line, **shared))
            continue
        for reference in references:
            amount = reference.amount_to_be_covered
            if amount is not None and amount.currency is None and reference.currency is not None:
                amount.currency = reference.currency.value
                # a finding on the currency points at its own element
                amount.places = {"currencyID": (reference.currency.path, reference.currency.line)}
            out.append(
                make(
                    ObligationGuarantee,
                    reference.path,
                    reference.line,
                    reference_id=reference.grn,
                    amount_amount=amount,
                    access_code=_access_code(reference),
                    **shared,
                )
            )
    operation = message.transit_operation
    if operation is not None and operation.tir_carnet_number is not None:
        _carnet(out, operation.tir_carnet_number)
    return out


def _carnet(guarantees: list[ObligationGuarantee], number: Any) -> None:
    """Give the TIR carnet number to the first type-B guarantee without a reference; with
    none, the number is a type-B guarantee of its own (the carnet is the TIR guarantee),
    at the carnet number's element."""
    for guarantee in guarantees:
        if (
            text(guarantee.security_details_code) == TIR_GUARANTEE
            and guarantee.reference_id is None
        ):
            guarantee.__dict__["reference_id"] = number
            return
    kind = leaf(Code, TIR_GUARANTEE, number)
    guarantees.append(
        make(
            ObligationGuarantee,
            number.path,
            number.line,
            security_details_code=kind,
            reference_id=number,
        )
    )


# --- the consignment ---------------------------------------------------------------------


def _itineraries(consignment: Any) -> list[Itinerary]:
    return [
        make(
            Itinerary,
            leg.path,
            leg.line,
            sequence_numeric=leg.sequence_number,
            routing_country_code=leg.country,
        )
        for leg in sequenced(consignment.countries_of_routing_of_consignment)
    ]


def _declaration_consignment(consignment: Any) -> DeclarationConsignment:
    """Carrier, consignor, routing countries and transport charges (of the consignment,
    and of each goods item that has its own): the canonical ``Declaration/Consignment``."""
    consignor = consignment.consignor
    carrier = consignment.carrier
    return make(
        DeclarationConsignment,
        consignment.path,
        consignment.line,
        carrier=party(
            Carrier,
            carrier,
            contact=contact(carrier.contact_person) if carrier is not None else None,
        ),
        consignment_items=item_charges(consignment),
        consignor=party(
            Consignor,
            consignor,
            address=ConsignorAddress,
            contact=contact(consignor.contact_person) if consignor is not None else None,
        ),
        itineraries=_itineraries(consignment),
        freight=freight(consignment.transport_charges),
    )


def _shipment(consignment: Any) -> GoodsShipment:
    """The goods shipment: what the consignment says of all its goods (countries,
    consignee, UCR, documents, supply chain actors), its transport, its house
    consignments and the goods items of every house consignment."""
    return make(
        GoodsShipment,
        consignment.path,
        consignment.line,
        consignee=party(Consignee, consignment.consignee),
        consignment=transport(consignment),
        destination=holding(Destination, consignment.country_of_destination, "country_code"),
        export_country=holding(ExportCountry, consignment.country_of_dispatch, "id"),
        government_agency_goods_items=goods_items(consignment),
        house_consignments=house_consignments(consignment),
        previous_documents=previous_documents(consignment),
        additional_documents=supporting_documents(consignment),
        additional_references=additional_references(consignment),
        aeo_mutual_recognition_parties=actors(consignment.additional_supply_chain_actors),
        ucr=ucr(consignment.reference_number_ucr),
    )


# --- the declaration -------------------------------------------------------------------------


def _function(message: Any) -> Code:
    """The message's function as the canonical ``FunctionCode`` (WCO code list 1225): a
    declaration (CC015C) is an original, 9; an amendment (CC013C) a request to amend, 13.
    The message type says it, so the code stands at ``messageType`` (else the root)."""
    where = message.message_type or message
    code = FUNCTION_CODES.get(message.MESSAGE_TYPE, ORIGINAL)
    return leaf(Code, code, where)


def _header(message: Any) -> MetaData:
    """The message header: sender, recipient, message identification and the message it
    answers, in the ``MetaData`` envelope (at the message's root)."""
    return make(
        MetaData,
        message.path,
        message.line,
        message_sender_id=message.message_sender,
        message_recipient_id=message.message_recipient,
        message_id=message.message_identification,
        correlation_id=message.correlation_identifier,
    )


def _operation(operation: Any) -> dict[str, Any]:
    """The transit operation's data, as fields of the canonical declaration."""
    if operation is None:
        return {}
    return {
        "functional_reference_id": operation.lrn,
        "id": getattr(operation, "mrn", None),
        "type_code": operation.declaration_type,
        "additional_type_code": operation.additional_declaration_type,
        "presentation_date_time": operation.presentation_of_the_goods_date_and_time,
        "safety_and_security_code": operation.security,
        "reduced_data_set_indicator_code": operation.reduced_dataset_indicator,
        "specific_circumstances_code_code": operation.specific_circumstance_indicator,
        "communication_language_code": operation.communication_language_at_departure,
        "binding_itinerary_indicator_code": operation.binding_itinerary,
        "transit_limit_date_time": day(operation.limit_date),
    }


def normalize(message: CC015C | CC013C) -> tuple[Declaration | None, list[Finding]]:
    """The canonical declaration of an NCTS declaration message, its values the message's
    own where the types agree (so every value points into the message)."""
    operation: Any = message.transit_operation
    departure = message.customs_office_of_departure
    consignment = message.consignment
    fields = _operation(operation)
    if consignment is not None:
        fields.update(
            total_gross_mass_measure=kilograms(consignment.gross_mass),
            additional_information=information(consignment),
            border_transport_means=border_means(consignment),
            consignment=_declaration_consignment(consignment),
            goods_shipment=_shipment(consignment),
        )
    decl = make(
        Declaration,
        message.path,
        message.line,
        metadata=_header(message),
        additional_documents=authorisations(message),
        function_code=_function(message),
        issue_date_time=message.preparation_date_and_time,
        declaration_office_id=departure.reference_number if departure is not None else None,
        agent=_agent(message.representative),
        declarant=_declarant(message.holder_of_the_transit_procedure),
        destination_office=_destination(message),
        exit_offices=_exit_offices(message),
        obligation_guarantees=_guarantees(message),
        transit_offices=_transit_offices(message),
        **fields,
    )
    return decl, []
