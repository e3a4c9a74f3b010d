"""Normalize an NCTS declaration (CC015C, or its amendment CC013C) into the canonical
declaration the rules read.

The canonical model is the WCO goods declaration (:mod:`single_window.models`), laid out
as the library lays out a transit declaration (see the page "Transit on the Middle
Corridor"): the office of departure in ``DeclarationOfficeID``, the offices of
destination, transit and exit in ``DestinationOffice``, ``TransitOffice`` and
``ExitOffice``, the holder of the transit procedure as the ``Declarant``, each guarantee
reference as an ``ObligationGuarantee`` (type in ``SecurityDetailsCode``, GRN in
``ReferenceID``, under TIR the carnet number there), the routing countries as
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

What the canonical model has no home for yet (the security type, the reduced data set
and binding itinerary flags, the limit date, the house consignment structure, item-level
declaration types, several offices of exit or means of transport, contact details, ...)
is not carried; the message keeps it, and writing the declaration back writes the
message. Until the house consignment has a home, what one house consignment says of its
goods is the goods shipment's, and what each of several says belongs to its goods items.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from single_window._values import Code
from single_window.findings import Finding
from single_window.formats.ncts._canonical import holding, kilograms, leaf, make, party, text
from single_window.formats.ncts._items import (
    declared_documents,
    goods_items,
    item_charges,
    previous_documents,
    shipment_actors,
)
from single_window.formats.ncts.models import CC013C, CC015C
from single_window.models import (
    UCR,
    AdditionalInformation,
    Agent,
    BorderTransportMeans,
    Carrier,
    Consignee,
    Consignment,
    Consignor,
    ConsignorAddress,
    Contact,
    Declarant,
    Declaration,
    DeclarationConsignment,
    DepartureTransportMeans,
    Destination,
    DestinationOffice,
    ExitOffice,
    ExportCountry,
    Freight,
    GoodsLocation,
    GoodsLocationAddress,
    GoodsShipment,
    Itinerary,
    LoadingLocation,
    ObligationGuarantee,
    Seal,
    TransitOffice,
    TransportEquipment,
)

__all__ = ["TIR", "normalize"]

#: The declaration type of a TIR movement (code list CL231).
TIR = "TIR"
#: The guarantee type of the TIR carnet (code list CL251).
TIR_GUARANTEE = "B"
#: UN/EDIFACT 1225 message function codes: an original declaration, and a request (to
#: amend it), as the WCO layout writes a declaration and its amendment.
ORIGINAL = "9"
FUNCTION_CODES = {"CC015C": ORIGINAL, "CC013C": "13"}


def _contact(person: Any) -> Contact | None:
    if person is None or person.name is None:
        return None
    return make(Contact, person.path, person.line, name=person.name)


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
        )
        for office in message.customs_offices_of_transit_declared
    ]


def _exit_offices(message: Any) -> list[ExitOffice]:
    offices = message.customs_offices_of_exit_for_transit_declared
    if not offices:
        return []
    first = min(offices, key=_sequence)
    return [make(ExitOffice, first.path, first.line, id=first.reference_number)]


def _sequence(node: Any) -> Decimal:
    number = node.sequence_number
    value = number.value if number is not None else None
    return value if isinstance(value, Decimal) else Decimal(0)


# --- parties -------------------------------------------------------------------------------


def _declarant(holder: Any, tir: bool) -> Declarant | None:
    """The holder of the transit procedure. Under TIR the declarant is the holder of the
    TIR carnet, identified by the TIR holder identification number."""
    if holder is None:
        return None
    ident = holder.tir_holder_identification_number if tir else holder.identification_number
    declarant: Declarant = party(Declarant, holder, ident, contact=_contact(holder.contact_person))
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
    )


# --- guarantees --------------------------------------------------------------------------


def _access_code(reference: Any) -> Code | None:
    found = reference.access_code
    if found is None:
        return None
    return leaf(Code, found.value, found, found.raw)


def _guarantees(message: Any, tir: bool) -> list[ObligationGuarantee]:
    """One canonical guarantee per guarantee reference (a guarantee without references is
    one too). On a TIR declaration the carnet number is the reference of the TIR carnet,
    the type-B guarantee (:func:`_carnet`)."""
    out: list[ObligationGuarantee] = []
    for guarantee in message.guarantees:
        kind = guarantee.guarantee_type
        other = guarantee.other_guarantee_reference
        references = guarantee.guarantee_references
        if not references:
            out.append(
                make(
                    ObligationGuarantee,
                    guarantee.path,
                    guarantee.line,
                    security_details_code=kind,
                    id=other,
                )
            )
            continue
        for reference in references:
            amount = reference.amount_to_be_covered
            if amount is not None and amount.currency is None and reference.currency is not None:
                amount.currency = reference.currency.value
            out.append(
                make(
                    ObligationGuarantee,
                    reference.path,
                    reference.line,
                    security_details_code=kind,
                    id=other,
                    reference_id=reference.grn,
                    amount_amount=amount,
                    access_code=_access_code(reference),
                )
            )
    operation = message.transit_operation
    if tir and operation is not None and operation.tir_carnet_number is not None:
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
    legs = sorted(consignment.countries_of_routing_of_consignment, key=_sequence)
    return [
        make(
            Itinerary,
            leg.path,
            leg.line,
            sequence_numeric=leg.sequence_number,
            routing_country_code=leg.country,
        )
        for leg in legs
    ]


def _declaration_consignment(consignment: Any, single: Any) -> DeclarationConsignment:
    """Carrier, consignor, routing countries and transport charges: the canonical
    ``Declaration/Consignment``. The consignor of the only house consignment is the
    consignment's when the consignment names none."""
    consignor = consignment.consignor
    if consignor is None and single is not None:
        consignor = single.consignor
    charges = consignment.transport_charges
    return make(
        DeclarationConsignment,
        consignment.path,
        consignment.line,
        carrier=party(Carrier, consignment.carrier),
        consignment_items=item_charges(consignment),
        consignor=party(Consignor, consignor, address=ConsignorAddress),
        itineraries=_itineraries(consignment),
        freight=None
        if charges is None
        else make(
            Freight, charges.path, charges.line, payment_method_code=charges.method_of_payment
        ),
    )


def _equipment(consignment: Any) -> list[TransportEquipment]:
    return [
        make(
            TransportEquipment,
            equipment.path,
            equipment.line,
            sequence_numeric=equipment.sequence_number,
            id=equipment.container_identification_number,
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


def _location(location: Any) -> GoodsLocation | None:
    """The location of goods: its type, and its identification by the qualifier's kind
    (UN/LOCODE, customs office, authorisation, economic operator) or address."""
    if location is None:
        return None
    office = location.customs_office
    operator = location.economic_operator
    ident = (
        location.un_locode
        or (office.reference_number if office is not None else None)
        or location.authorisation_number
        or (operator.identification_number if operator is not None else None)
    )
    address = location.address
    postal = location.postcode_address
    where = address or postal
    located = None
    if where is not None or location.qualifier_of_identification is not None:
        node = where or location
        located = make(
            GoodsLocationAddress,
            node.path,
            node.line,
            type_code=location.qualifier_of_identification,
            city_name=getattr(address, "city", None),
            country_code=where.country if where is not None else None,
            line_text=address.street_and_number if address is not None else None,
            postcode_id=where.postcode if where is not None else None,
        )
    return make(
        GoodsLocation,
        location.path,
        location.line,
        id=ident,
        type_code=location.type_of_location,
        address=located,
    )


def _departure_means(consignment: Any) -> list[DepartureTransportMeans]:
    """The first departure means of transport, with the inland mode of transport."""
    means = consignment.departure_transport_means
    mode = consignment.inland_mode_of_transport
    if not means and mode is None:
        return []
    first = min(means, key=_sequence) if means else None
    node = first if first is not None else mode
    return [
        make(
            DepartureTransportMeans,
            node.path,
            node.line,
            id=first.identification_number if first is not None else None,
            identification_type_code=first.type_of_identification if first is not None else None,
            mode_code=mode,
        )
    ]


def _border_means(consignment: Any) -> list[BorderTransportMeans]:
    """The first active border means of transport, with the mode at the border."""
    means = consignment.active_border_transport_means
    mode = consignment.mode_of_transport_at_the_border
    if not means and mode is None:
        return []
    first = min(means, key=_sequence) if means else None
    node = first if first is not None else mode
    return [
        make(
            BorderTransportMeans,
            node.path,
            node.line,
            id=first.identification_number if first is not None else None,
            identification_type_code=first.type_of_identification if first is not None else None,
            registration_nationality_code=first.nationality if first is not None else None,
            mode_code=mode,
        )
    ]


def _loading(place: Any) -> LoadingLocation | None:
    if place is None:
        return None
    return make(LoadingLocation, place.path, place.line, id=place.un_locode, name=place.location)


def _transport(consignment: Any) -> Consignment:
    """Container indicator, transport equipment and seals, location of goods, departure
    means and place of loading: the canonical ``GoodsShipment/Consignment``."""
    return make(
        Consignment,
        consignment.path,
        consignment.line,
        container_code=consignment.container_indicator,
        departure_transport_means=_departure_means(consignment),
        goods_location=_location(consignment.location_of_goods),
        loading_location=_loading(consignment.place_of_loading),
        transport_equipments=_equipment(consignment),
    )


def _shipment(consignment: Any, single: Any, items: list[Any]) -> GoodsShipment:
    """The goods shipment: the consignment's countries, consignee, UCR, previous
    documents and supply chain actors (the only house consignment's where the
    consignment gives none), and the goods items of every house consignment."""

    def own(name: str) -> Any:
        found = getattr(consignment, name)
        if found is None and single is not None:
            found = getattr(single, name)
        return found

    ucr = own("reference_number_ucr")
    return make(
        GoodsShipment,
        consignment.path,
        consignment.line,
        consignee=party(Consignee, own("consignee")),
        consignment=_transport(consignment),
        destination=holding(Destination, own("country_of_destination"), "country_code"),
        export_country=holding(ExportCountry, own("country_of_dispatch"), "id"),
        government_agency_goods_items=items,
        previous_documents=previous_documents(consignment),
        aeo_mutual_recognition_parties=shipment_actors(consignment, single),
        ucr=None if ucr is None else make(UCR, ucr.path, ucr.line, id=ucr),
    )


def _information(consignment: Any) -> list[AdditionalInformation]:
    return [
        make(
            AdditionalInformation,
            info.path,
            info.line,
            statement_code=info.code,
            statement_description=info.text,
        )
        for info in consignment.additional_information
    ]


# --- the declaration -------------------------------------------------------------------------


def _function(message: Any) -> Code:
    """The message's function as the canonical ``FunctionCode`` (WCO code list 1225): a
    declaration (CC015C) is an original, 9; an amendment (CC013C) a request to amend, 13.
    The message type says it, so the code stands at ``messageType`` (else the root)."""
    where = message.message_type or message
    code = FUNCTION_CODES.get(message.MESSAGE_TYPE, ORIGINAL)
    return leaf(Code, code, where)


def normalize(message: CC015C | CC013C) -> tuple[Declaration | None, list[Finding]]:
    """The canonical declaration of an NCTS declaration message, its values the message's
    own where the types agree (so every value points into the message)."""
    operation: Any = message.transit_operation
    tir = operation is not None and text(operation.declaration_type) == TIR
    departure = message.customs_office_of_departure
    consignment = message.consignment
    fields: dict[str, Any] = {}
    if operation is not None:
        fields.update(
            functional_reference_id=operation.lrn,
            id=getattr(operation, "mrn", None),
            type_code=operation.declaration_type,
            specific_circumstances_code_code=operation.specific_circumstance_indicator,
        )
    if consignment is not None:
        houses = consignment.house_consignments
        single = houses[0] if len(houses) == 1 else None
        items = goods_items(consignment, single)
        fields.update(
            total_gross_mass_measure=kilograms(consignment.gross_mass),
            additional_information=_information(consignment),
            border_transport_means=_border_means(consignment),
            consignment=_declaration_consignment(consignment, single),
            goods_shipment=_shipment(consignment, single, items),
        )
    decl = make(
        Declaration,
        message.path,
        message.line,
        additional_documents=declared_documents(message, consignment),
        function_code=_function(message),
        issue_date_time=message.preparation_date_and_time,
        declaration_office_id=departure.reference_number if departure is not None else None,
        agent=_agent(message.representative),
        declarant=_declarant(message.holder_of_the_transit_procedure, tir),
        destination_office=_destination(message),
        exit_offices=_exit_offices(message),
        obligation_guarantees=_guarantees(message, tir),
        transit_offices=_transit_offices(message),
        **fields,
    )
    return decl, []
