"""The documents of an NCTS declaration as the canonical model has them, at the level the
message gives them (the consignment, a house consignment, a goods item).

- previous documents (CL214) are ``PreviousDocument``; an item's with the goods item
  number in the previous document (``LineNumeric``), its packages, quantity and unit;
- supporting documents (CL213) are ``AdditionalDocument`` (the consignment's are the goods
  shipment's, ``GoodsShipment/AdditionalDocument``; the declaration's own
  ``AdditionalDocument`` elements are its authorisations, CL235);
- transport documents (CL754) are ``TransportContractDocument``, never previous
  documents (the two lists share codes);
- additional references (CL380) are ``AdditionalReference``.

A document's type is its ``TypeCode`` whole, as the message and the Union write it
(``N830``, ``C521``): the message's own leaf, so ``code`` is the code as written and a
finding about it points at the message's ``type``. The profile's ``TypeCode`` of a
document takes the four characters (five for additional documents) for that.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from single_window.formats.ncts._canonical import make
from single_window.models import (
    AdditionalDocument,
    AdditionalInformation,
    AdditionalReference,
    DeclarationAdditionalDocument,
    GovernmentAgencyGoodsItemAdditionalInformation,
    PreviousDocument,
    TransportContractDocument,
)

__all__ = [
    "additional_references",
    "authorisations",
    "information",
    "item_information",
    "previous_documents",
    "supporting_documents",
    "transport_documents",
]


def _previous(document: Any) -> PreviousDocument:
    quantity = getattr(document, "quantity", None)
    unit = getattr(document, "measurement_unit_and_qualifier", None)
    if quantity is not None and unit is not None and quantity.unit is None:
        # The message's own quantity, with its unit named as the canonical one has it;
        # the message writes the unit in its own element, not from here.
        quantity.unit = unit.value
    return make(
        PreviousDocument,
        document.path,
        document.line,
        type_code=document.type,
        id=document.reference_number,
        line_numeric=getattr(document, "goods_item_number", None),
        packaging_type_code=getattr(document, "type_of_packages", None),
        package_quantity=getattr(document, "number_of_packages", None),
        goods_quantity=quantity,
        complementary_information_text=document.complement_of_information,
    )


def previous_documents(owner: Any) -> list[PreviousDocument]:
    """The previous documents of a consignment, house consignment or goods item."""
    return [_previous(d) for d in owner.previous_documents]


def supporting_documents(owner: Any) -> list[AdditionalDocument]:
    """The supporting documents of a consignment, house consignment or goods item."""
    return [
        make(
            AdditionalDocument,
            document.path,
            document.line,
            type_code=document.type,
            id=document.reference_number,
            line_numeric=document.document_line_item_number,
            complementary_information_text=document.complement_of_information,
        )
        for document in owner.supporting_documents
    ]


def transport_documents(owner: Any) -> list[TransportContractDocument]:
    """The transport documents of a consignment, house consignment or (Phase 5) goods
    item."""
    return _typed(TransportContractDocument, getattr(owner, "transport_documents", ()))


def additional_references(owner: Any) -> list[AdditionalReference]:
    """The additional references of a consignment, house consignment or goods item."""
    return _typed(AdditionalReference, owner.additional_references)


_Typed = TypeVar("_Typed", TransportContractDocument, AdditionalReference)


def _typed(cls: type[_Typed], found: Iterable[Any]) -> list[_Typed]:
    """Message groups of a type and a reference number as canonical ``TypeCode`` and ``ID``."""
    return [
        make(cls, node.path, node.line, type_code=node.type, id=node.reference_number)
        for node in found
    ]


def information(owner: Any) -> list[AdditionalInformation]:
    """The additional information of a consignment or house consignment."""
    return _information(owner, AdditionalInformation)


def item_information(item: Any) -> list[GovernmentAgencyGoodsItemAdditionalInformation]:
    """The additional information of a goods item."""
    return _information(item, GovernmentAgencyGoodsItemAdditionalInformation)


_Info = TypeVar("_Info", AdditionalInformation, GovernmentAgencyGoodsItemAdditionalInformation)


def _information(owner: Any, cls: type[_Info]) -> list[_Info]:
    return [
        make(cls, info.path, info.line, statement_code=info.code, statement_description=info.text)
        for info in owner.additional_information
    ]


def authorisations(message: Any) -> list[DeclarationAdditionalDocument]:
    """The authorisations (type and reference number, e.g. ``C521``): the declaration's
    own additional documents."""
    return [
        make(
            DeclarationAdditionalDocument,
            authorisation.path,
            authorisation.line,
            type_code=authorisation.type,
            id=authorisation.reference_number,
        )
        for authorisation in message.authorisations
    ]
