"""Write a canonical transit declaration as an NCTS declaration (CC015C): the normalizer
(:mod:`._normalize`) the other way round.

Each canonical value goes back to the CC015C element the mapping table
(``docs/reference/ncts-mapping.md``) names; sequence numbers are positions (1 to n in
document order, rule R0987); a code split into ``CategoryCode`` and ``TypeCode`` is
joined (``N`` + ``830``); the goods items go to the house consignment they name (all to
one house consignment when the declaration has none). A field the CC015C requires that
the declaration lacks is filled from a documented default (:data:`DEFAULTS`, each
recorded) or named as missing, and the conversion refuses
(:class:`~single_window.errors.ConversionError`). The declaration is not changed.
"""

from __future__ import annotations

from typing import Any

from single_window._i18n import N_, Listing, define
from single_window.errors import ConversionError
from single_window.formats._registry import Converted
from single_window.formats.ncts._build import Build, node, node_from, number, sequence, text_of
from single_window.formats.ncts._to_ncts_goods import consignment, contact_person, ncts_address
from single_window.formats.ncts.models import (
    CC015C,
    Authorisation,
    CustomsOfficeOfDeparture,
    CustomsOfficeOfDestinationDeclared,
    CustomsOfficeOfExitForTransitDeclared,
    CustomsOfficeOfTransitDeclared,
    Guarantee,
    GuaranteeReference,
    HolderOfTheTransitProcedure,
    Representative,
    TransitOperation,
)
from single_window.models import Declaration

__all__ = ["DEFAULTS", "REASONS", "TRANSIT_TYPES", "from_declaration", "to_message"]

#: The declaration types a CC015C declares (CL231).
TRANSIT_TYPES = frozenset({"T", "T1", "T2", "T2F", "TIR", "T2SM"})
#: The guarantee type of the TIR carnet (CL251).
TIR_GUARANTEE = "B"
#: The documented defaults: reason key -> (CC015C path, value or how it is made, why).
DEFAULTS: dict[str, tuple[str, str, str]] = {
    "message-sender": (
        "messageSender",
        "Declarant/ID",
        N_("the sender of a declaration is its holder of the transit procedure"),
    ),
    "message-recipient": (
        "messageRecipient",
        "NTA.<country of the office of departure>",
        N_("the national transit application of the country of departure receives it"),
    ),
    "message-identification": (
        "messageIdentification",
        "FunctionalReferenceID (the LRN)",
        N_("the local reference number identifies the trader's message"),
    ),
    "additional-declaration-type": (
        "TransitOperation/additionalDeclarationType",
        "A",
        N_("a standard declaration (CL042 A), not one lodged before the goods are presented"),
    ),
    "security": (
        "TransitOperation/security",
        "0",
        N_(
            "no safety and security data (CL217 0): a WCO declaration without a "
            "SafetyAndSecurityCode declares none"
        ),
    ),
    "reduced-dataset": (
        "TransitOperation/reducedDatasetIndicator",
        "0",
        N_("the full data set (no reduced data set is declared)"),
    ),
    "binding-itinerary": (
        "TransitOperation/bindingItinerary",
        "0",
        N_("an itinerary is binding only when the declaration says so"),
    ),
    "number-of-seals": (
        "Consignment/TransportEquipment/numberOfSeals",
        "the number of its Seal elements",
        N_("a CC015C gives the number of seals of equipment that has seals"),
    ),
    "gross-mass": (
        "Consignment/grossMass",
        "the sum of the goods items' gross masses",
        N_("the consignment's gross mass is that of all its goods"),
    ),
    "house-gross-mass": (
        "Consignment/HouseConsignment/grossMass",
        "the sum of its goods items' gross masses (the total gross mass for the one house "
        "consignment)",
        N_("a house consignment's gross mass is that of its goods"),
    ),
}

#: The reasons of the defaults, as messages (``convert.ncts-default.<key>``).
REASONS = define("convert.ncts-default", {key: why for key, (_, _, why) in DEFAULTS.items()})


def _operation(decl: Declaration, build: Build) -> TransitOperation | None:
    carnet = _carnet(decl)
    return node(
        TransitOperation,
        lrn=build.need(
            decl.functional_reference_id,
            "TransitOperation/LRN",
            "Declaration/FunctionalReferenceID",
        ),
        declaration_type=decl.type_code,
        additional_declaration_type=decl.additional_type_code
        or build.default(
            "TransitOperation/additionalDeclarationType", "A", "additional-declaration-type"
        ),
        tir_carnet_number=carnet.reference_id if carnet is not None else None,
        presentation_of_the_goods_date_and_time=decl.presentation_date_time,
        security=decl.safety_and_security_code
        or build.default("TransitOperation/security", "0", "security"),
        reduced_dataset_indicator=decl.reduced_data_set_indicator_code
        or build.default("TransitOperation/reducedDatasetIndicator", "0", "reduced-dataset"),
        specific_circumstance_indicator=decl.specific_circumstances_code_code,
        communication_language_at_departure=decl.communication_language_code,
        binding_itinerary=decl.binding_itinerary_indicator_code
        or build.default("TransitOperation/bindingItinerary", "0", "binding-itinerary"),
        limit_date=decl.transit_limit_date_time,
    )


def _carnet(decl: Declaration) -> Any:
    """The TIR carnet: the first type-B guarantee with a reference (a TIR guarantee has
    no guarantee reference number: its reference is the carnet's number)."""
    for guarantee in decl.obligation_guarantees:
        if text_of(guarantee.security_details_code) == TIR_GUARANTEE and guarantee.reference_id:
            return guarantee
    return None


def _carnet_only(guarantee: Any, decl: Declaration) -> bool:
    """Whether a guarantee is only the TIR carnet number (as the normalizer makes one for
    a carnet number without a type-B guarantee), beside other guarantees."""
    own = (guarantee.sequence_numeric, guarantee.access_code, guarantee.amount_amount, guarantee.id)
    return all(v is None for v in own) and len(decl.obligation_guarantees) > 1


def _guarantees(decl: Declaration, build: Build) -> list[Guarantee]:
    """One guarantee per run of canonical guarantees sharing a sequence number (each a
    guarantee reference); the TIR carnet's reference is the carnet number, not a GRN."""
    carnet = _carnet(decl)
    groups: list[list[Any]] = []
    last: Any = object()
    for guarantee in decl.obligation_guarantees:
        if guarantee is carnet and _carnet_only(guarantee, decl):
            continue
        key = text_of(guarantee.sequence_numeric)
        if groups and key is not None and key == last:
            groups[-1].append(guarantee)
        else:
            groups.append([guarantee])
        last = key
    out: list[Guarantee | None] = []
    for position, group in enumerate(groups, 1):
        first = group[0]
        references: list[GuaranteeReference] = []
        for guarantee in group:
            amount = guarantee.amount_amount
            reference = node(
                GuaranteeReference,
                grn=None if guarantee is carnet else guarantee.reference_id,
                access_code=guarantee.access_code,
                amount_to_be_covered=amount,
                currency=getattr(amount, "currency", None) if amount is not None else None,
            )
            if reference is not None:
                reference.__dict__["sequence_number"] = number(len(references) + 1)
                references.append(reference)
        kind = build.need(
            first.security_details_code,
            f"Guarantee[{position}]/guaranteeType",
            "Declaration/ObligationGuarantee/SecurityDetailsCode",
        )
        out.append(
            node(
                Guarantee,
                sequence_number=sequence(first, position),
                guarantee_type=kind,
                other_guarantee_reference=first.id,
                guarantee_references=references,
            )
        )
    return build.need_some(out, "Guarantee", "Declaration/ObligationGuarantee")


def _holder(decl: Declaration, build: Build) -> HolderOfTheTransitProcedure | None:
    declarant = decl.declarant
    if declarant is None:
        build.missing.append(("HolderOfTheTransitProcedure", "Declaration/Declarant"))
        return None
    tir_holder = declarant.tir_holder_id
    ident = declarant.id
    if tir_holder is None and text_of(decl.type_code) == "TIR":
        # The earlier layout: a TIR declaration's holder identified by Declarant/ID.
        tir_holder, ident = ident, None
    made = node(
        HolderOfTheTransitProcedure,
        identification_number=ident,
        tir_holder_identification_number=tir_holder,
        name=declarant.name,
        address=ncts_address(declarant.address),
        contact_person=contact_person(declarant.contact),
    )
    if made is None:
        build.missing.append(("HolderOfTheTransitProcedure", "Declaration/Declarant"))
    return made


def _representative(decl: Declaration) -> Representative | None:
    return node_from(
        Representative,
        decl.agent,
        identification_number="id",
        status="function_code",
        contact_person=lambda agent: contact_person(agent.contact),
    )


def _offices(decl: Declaration, build: Build) -> dict[str, Any]:
    destination = decl.destination_office
    return {
        "customs_office_of_departure": node(
            CustomsOfficeOfDeparture,
            reference_number=build.need(
                decl.declaration_office_id,
                "CustomsOfficeOfDeparture/referenceNumber",
                "Declaration/DeclarationOfficeID",
            ),
        ),
        "customs_office_of_destination_declared": node(
            CustomsOfficeOfDestinationDeclared,
            reference_number=build.need(
                destination.id if destination is not None else None,
                "CustomsOfficeOfDestinationDeclared/referenceNumber",
                "Declaration/DestinationOffice/ID",
            ),
        ),
        "customs_offices_of_transit_declared": [
            node(
                CustomsOfficeOfTransitDeclared,
                sequence_number=sequence(office, position),
                reference_number=office.id,
                arrival_date_and_time_estimated=office.estimated_arrival_date_time,
            )
            for position, office in enumerate(decl.transit_offices, 1)
        ],
        "customs_offices_of_exit_for_transit_declared": [
            node(
                CustomsOfficeOfExitForTransitDeclared,
                sequence_number=number(position),
                reference_number=office.id,
            )
            for position, office in enumerate(decl.exit_offices, 1)
        ],
    }


def _country_of(office: Any) -> str | None:
    found = text_of(office)
    return found[:2] if found is not None and len(found) >= 2 else None


def _header(decl: Declaration, build: Build) -> dict[str, Any]:
    meta = decl.metadata
    sender = meta.message_sender_id if meta is not None else None
    recipient = meta.message_recipient_id if meta is not None else None
    ident = meta.message_id if meta is not None else None
    if sender is None:
        holder = decl.declarant.id if decl.declarant is not None else None
        if text_of(holder) is not None:
            sender = build.default("messageSender", text_of(holder), "message-sender")
        else:
            build.missing.append(("messageSender", "MetaData/MessageSenderID"))
    if recipient is None:
        country = _country_of(decl.declaration_office_id)
        if country is not None:
            recipient = build.default("messageRecipient", f"NTA.{country}", "message-recipient")
        else:
            build.missing.append(("messageRecipient", "MetaData/MessageRecipientID"))
    if ident is None:
        lrn = text_of(decl.functional_reference_id)
        if lrn is not None:
            ident = build.default("messageIdentification", lrn, "message-identification")
    return {
        "message_sender": sender,
        "message_recipient": recipient,
        "preparation_date_and_time": build.need(
            decl.issue_date_time, "preparationDateAndTime", "Declaration/IssueDateTime"
        ),
        "message_identification": ident,
        "message_type": "CC015C",
        "correlation_identifier": meta.correlation_id if meta is not None else None,
    }


def to_message(decl: Declaration, build: Build) -> CC015C:
    """The CC015C of a canonical transit declaration; what it defaults or misses is in
    ``build``."""
    fields = _header(decl, build)
    fields.update(_offices(decl, build))
    message = node(
        CC015C,
        **fields,
        transit_operation=_operation(decl, build),
        authorisations=[
            node(
                Authorisation,
                sequence_number=number(position),
                type=joined_code(document),
                reference_number=document.id,
            )
            for position, document in enumerate(decl.additional_documents, 1)
        ],
        holder_of_the_transit_procedure=_holder(decl, build),
        representative=_representative(decl),
        guarantees=_guarantees(decl, build),
        consignment=consignment(decl, build),
    )
    assert message is not None  # it has a message type
    message.__dict__["phase_id"] = "NCTS6" if build.phase6 else None
    return message


def joined_code(document: Any) -> Any:
    """A document's whole code: ``CategoryCode`` and ``TypeCode`` joined when the WCO
    declaration splits them (``N`` + ``830``), else ``TypeCode``."""
    kind = document.type_code
    category = text_of(getattr(document, "category_code", None))
    if category is None or kind is None:
        return kind
    return category + (text_of(kind) or "")


_ERRORS = define(
    "convert.ncts",
    {
        "not-transit": N_(
            "a declaration of type {type} is not a transit declaration: a CC015C declares "
            "T, T1, T2, T2F, T2SM or TIR"
        ),
        "outside-ctc": N_(
            "the office {office} is in {country}, outside the common transit area (NCTS "
            "code list CL009) on {day}: a CC015C is for a movement in that area"
        ),
        "missing": N_("a CC015C requires {fields}, which the declaration lacks"),
        "missing-field": N_("{path} (from {source})"),
        "version": N_("NCTS is written in Phase 5 or 6, not {version}"),
    },
)


def _in_ctc(decl: Declaration) -> None:
    """Refuse a declaration whose offices of departure or destination are outside the
    common transit area on its day (CL009)."""
    from single_window import codelists
    from single_window._refdata._dated import DatedList

    area = codelists.get("ncts:CL009")
    if not isinstance(area, DatedList):  # pragma: no cover - the list is dated
        return
    spans = area.spans()
    issued = decl.issue_date_time
    when = issued.value if issued is not None else None
    day = when.date() if when is not None else None
    destination = decl.destination_office
    for office in (decl.declaration_office_id, destination.id if destination else None):
        country = _country_of(office)
        if country is None:
            continue
        span = spans.get(country)
        inside = span is not None and (
            day is None
            or ((span[0] is None or span[0] <= day) and (span[1] is None or day <= span[1]))
        )
        if not inside:
            text = _ERRORS(
                "outside-ctc", office=text_of(office), country=country, day=str(day or "-")
            )
            raise ConversionError(text, "ncts")


def from_declaration(decl: Declaration, version: str | None, back: bool = False) -> Converted:
    """The CC015C of a canonical transit declaration (Phase 5 unless ``version`` is
    ``"6"``). ``back``: the declaration was converted from a CC015C and is read back to
    measure what it lost, so the message's own area is not questioned.

    Raises:
        ConversionError: for a declaration that is not a transit one, whose offices are
            outside the common transit area, or that lacks a field a CC015C requires.
    """
    if version not in (None, "5", "6"):
        raise ConversionError(_ERRORS("version", version=version), "ncts")
    kind = text_of(decl.type_code)
    if kind not in TRANSIT_TYPES:
        raise ConversionError(_ERRORS("not-transit", type=kind or "-"), "ncts")
    if not back:
        _in_ctc(decl)
    build = Build(version=version or "5")
    message = to_message(decl, build)
    if build.missing:
        fields = Listing.of(
            (_ERRORS("missing-field", path=path, source=source) for path, source in build.missing),
            "and",
        )
        raise ConversionError(_ERRORS("missing", fields=fields), "ncts", tuple(build.missing))
    defaults = tuple((path, value, REASONS(key)) for path, value, key in build.defaults)
    return Converted(message, build.version, defaults)
