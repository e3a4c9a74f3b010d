"""The bundled profile and the model are what their generators build: neither drifts.

``scripts/build_profile.py`` builds ``xsd/`` from the national schema in the shared corpus;
``scripts/build_model.py`` builds ``single_window/models.py`` from ``xsd/``. Rebuilding
must change nothing; the OTS additions must be marked and must be the only elements the
profile has beyond the national schema.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import CORPUS, REPO, require_corpus
from lxml import etree

import single_window as sw
from single_window import models

SCHEMAS = CORPUS / "schemas"
XSD = REPO / "xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
OTS = "{urn:single-window:profile}"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_profile() -> ModuleType:
    return _script("build_profile")


def test_the_profile_is_what_its_generator_builds_from_the_national_schema(
    build_profile: ModuleType,
) -> None:
    require_corpus()
    built = build_profile.build(SCHEMAS)
    assert sorted(built) == sorted(p.name for p in XSD.glob("*.xsd"))
    for name, text in built.items():
        assert (XSD / name).read_text("utf-8") == text, f"{name} differs from a rebuild"


def test_the_model_is_what_its_generator_builds_from_the_profile() -> None:
    text = _script("build_model").generate(XSD)
    assert (REPO / "single_window" / "models.py").read_text("utf-8") == text


def _profile_paths() -> dict[str, etree._Element]:
    """Every element path of the profile (local names) with its declaration."""
    types: dict[str, etree._Element] = {}
    for file in ("ots-declaration.xsd", "ots-metadata.xsd"):
        for complex_type in etree.parse(str(XSD / file)).getroot().iterfind(f"{XS}complexType"):
            types[complex_type.get("name", "")] = complex_type
    out: dict[str, etree._Element] = {}

    def walk(type_name: str, path: str) -> None:
        for el in types[type_name].iterfind(f"{XS}sequence/{XS}element"):
            name = el.get("name") or el.get("ref", "").partition(":")[2]
            child = (el.get("type") or "dec:DeclarationType").partition(":")[2]
            out[f"{path}/{name}"] = el
            if child in types:
                walk(child, f"{path}/{name}")

    walk("DeclarationType", "Declaration")
    return out


#: The OTS additions: elements the national structure lacks (``ots:addition``), each
#: where it first appears (the additions inside them and in shared classes follow).
ADDED = {
    "Declaration/AdditionalTypeCode",
    "Declaration/SafetyAndSecurityCode",
    "Declaration/ReducedDataSetIndicatorCode",
    "Declaration/BindingItineraryIndicatorCode",
    "Declaration/CommunicationLanguageCode",
    "Declaration/PresentationDateTime",
    "Declaration/TransitLimitDateTime",
    "Declaration/Agent/Contact",
    "Declaration/Agent/Contact/Communication",
    "Declaration/BorderTransportMeans/ConveyanceReferenceID",
    "Declaration/BorderTransportMeans/CustomsOfficeID",
    "Declaration/Consignment/Carrier/Contact",
    "Declaration/Consignment/Consignor/Contact",
    "Declaration/Consignment/Itinerary/ModeCode",
    "Declaration/Consignment/PreliminaryInformationID",
    "Declaration/Declarant/TIRHolderID",
    "Declaration/Declarant/Contact/Communication",
    "Declaration/DestinationOffice",
    "Declaration/TransitOffice",
    "Declaration/ObligationGuarantee/SequenceNumeric",
    "Declaration/ObligationGuarantee/ExpirationDateTime",
    "Declaration/ObligationGuarantee/VoucherQuantity",
    "Declaration/GoodsShipment/AdditionalDocument",
    "Declaration/GoodsShipment/AdditionalReference",
    "Declaration/GoodsShipment/HouseConsignment",
    "Declaration/GoodsShipment/Consignment/DepartureTransportMeans/RegistrationNationalityCode",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/AuthorisationID",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/AdditionalIdentifierID",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/CustomsOfficeID",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/EconomicOperatorID",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/LatitudeNumeric",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/LongitudeNumeric",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/Contact",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/PostcodeAddress",
    "Declaration/GoodsShipment/Consignment/LoadingLocation/CountryCode",
    "Declaration/GoodsShipment/Consignment/TransportContractDocument",
    "Declaration/GoodsShipment/Consignment/TransportEquipment/SealQuantity",
    "Declaration/GoodsShipment/Consignment/UnloadingLocation",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/DeclarationTypeCode",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/HouseConsignmentSequenceNumeric",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalDocument/LineNumeric",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalDocument/"
    "ComplementaryInformationText",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalReference",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument/PackagingTypeCode",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument/PackageQuantity",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument/GoodsQuantity",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument/"
    "ComplementaryInformationText",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/TransportContractDocument",
}
#: The OTS widenings (``ots:widened``): values longer, elements more often than the
#: national structure allows (each where it first appears).
WIDENED = {
    "Declaration/TypeCode",
    "Declaration/AdditionalDocument/TypeCode",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/AdditionalDocument/TypeCode",
    "Declaration/GoodsShipment/PreviousDocument/TypeCode",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem/PreviousDocument/TypeCode",
    "Declaration/Declarant/Address/PostcodeID",
    "Declaration/Declarant/Communication/ID",
    "Declaration/GoodsShipment/Consignment/GoodsLocation/Address/PostcodeID",
    "Declaration/Consignment/Consignor/Address/PostcodeID",
    "Declaration/BorderTransportMeans",
    "Declaration/ExitOffice",
    "Declaration/Consignment/ConsignmentItem",
    "Declaration/GoodsShipment/GovernmentAgencyGoodsItem",
    "Declaration/GoodsShipment/Consignment/DepartureTransportMeans",
}
#: Metadata additions (the NCTS message header).
ADDED_TO_METADATA = {"MessageSenderID", "MessageRecipientID", "MessageID", "CorrelationID"}


def test_the_profile_adds_to_the_national_structure_only_what_it_marks(
    build_profile: ModuleType,
) -> None:
    require_corpus()
    _, national = build_profile.read_national(SCHEMAS)

    def paths(cls: object, path: str) -> set[str]:
        out = {path}
        for child in getattr(cls, "children", []):
            out |= paths(child, f"{path}/{child.name}")
        return out

    known = paths(national, "Declaration")
    profile = _profile_paths()
    extra = {p for p in profile if p not in known}
    marked = {p for p, el in profile.items() if el.get(f"{OTS}addition") == "true"}
    assert marked >= ADDED
    # Every other marked element is an addition's copy in a shared class or a place the
    # additions copy a class to: the same element names as one of ADDED.
    assert {p.rpartition("/")[2] for p in marked} == {p.rpartition("/")[2] for p in ADDED}
    # Nothing beyond the national structure is unmarked: each lies in a marked addition.
    assert all(any(p == m or p.startswith(m + "/") for m in marked) for p in extra)
    assert extra >= marked
    widened = {p for p, el in profile.items() if el.get(f"{OTS}widened") == "true"}
    assert widened >= WIDENED
    assert {p.rpartition("/")[2] for p in widened} == {p.rpartition("/")[2] for p in WIDENED}
    # A widened element beyond the national structure is one inside an addition.
    assert all(p.startswith(tuple(m + "/" for m in marked)) for p in widened & extra)
    metadata = etree.parse(str(XSD / "ots-metadata.xsd")).getroot()
    added = {
        el.get("name") for el in metadata.iter(f"{XS}element") if el.get(f"{OTS}addition") == "true"
    }
    assert added == ADDED_TO_METADATA


def test_the_profile_has_room_for_the_goods_items_of_a_transit_declaration() -> None:
    profile = _profile_paths()
    for path in (
        "Declaration/GoodsShipment/GovernmentAgencyGoodsItem",
        "Declaration/Consignment/ConsignmentItem",
        "Declaration/GoodsShipment/HouseConsignment",
    ):
        assert profile[path].get("maxOccurs") == "1999", path


def test_every_ots_addition_is_explained_next_to_it() -> None:
    for path, el in _profile_paths().items():
        if el.get(f"{OTS}addition") or el.get(f"{OTS}widened"):
            comment = el.getprevious()
            assert isinstance(comment, etree._Comment), path
            assert comment.text is not None and "OTS" in comment.text, path


TRANSIT = """<?xml version="1.0" encoding="UTF-8"?>
<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
  <FunctionCode>9</FunctionCode>
  <TypeCode>T1</TypeCode>
  <Declarant><ID>TR1234567890</ID></Declarant>
  <DestinationOffice><ID>GE000100</ID></DestinationOffice>
  <GoodsShipment>
    <GovernmentAgencyGoodsItem>
      <SequenceNumeric>1</SequenceNumeric>
      <AdditionalDocument><CategoryCode>C</CategoryCode><TypeCode>01201</TypeCode></AdditionalDocument>
    </GovernmentAgencyGoodsItem>
  </GoodsShipment>
  <SupervisingOffice><ID>TR340100</ID></SupervisingOffice>
  <TransitOffice><SequenceNumeric>1</SequenceNumeric><ID>AZ000100</ID></TransitOffice>
  <TransitOffice><SequenceNumeric>2</SequenceNumeric><ID>GE000200</ID></TransitOffice>
</Declaration>
"""


def test_offices_of_destination_and_transit_and_five_digit_document_types_are_read() -> None:
    result = sw.validate(TRANSIT.encode())
    assert result.ok, result.findings
    decl = result.declaration
    assert decl is not None
    assert decl.destination_office is not None and decl.destination_office.id is not None
    assert decl.destination_office.id.value == "GE000100"
    assert [(int(o.sequence_numeric or 0), str(o.id)) for o in decl.transit_offices] == [
        (1, "AZ000100"),
        (2, "GE000200"),
    ]
    assert decl.goods_items[0].additional_documents[0].code == "C01201"
    assert isinstance(decl.transit_offices[0], models.TransitOffice)
    again = sw.validate(decl.to_xml())
    assert again.ok and again.declaration == decl


def test_the_office_additions_are_refused_out_of_their_place() -> None:
    moved = TRANSIT.replace("<DestinationOffice><ID>GE000100</ID></DestinationOffice>", "").replace(
        "</Declaration>", "<DestinationOffice><ID>GE000100</ID></DestinationOffice>\n</Declaration>"
    )
    result = sw.validate(moved.encode())
    assert [f.rule for f in result.findings if f.rule == "XSD"] == ["XSD"]


def test_the_generated_classes_say_which_wco_class_they_are() -> None:
    assert models.Address.__doc__ is not None
    assert models.Address.__doc__.startswith("WCO class Address (04A).")
    assert models.DeclarationAdditionalDocument.__doc__ is not None
    assert "WCO class AdditionalDocument (02A)" in models.DeclarationAdditionalDocument.__doc__
    source = Path(models.__file__).read_text("utf-8")
    assert '"""WCO 131 Total gross weight (n..16,6)."""' in source


REPEATED = """<?xml version="1.0" encoding="UTF-8"?>
<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
  <FunctionCode>9</FunctionCode>
  <TypeCode>T2SM</TypeCode>
  <BorderTransportMeans><ID>01A123BC</ID><ModeCode>3</ModeCode></BorderTransportMeans>
  <BorderTransportMeans><ID>9123456</ID><ModeCode>1</ModeCode><CustomsOfficeID>AZ000100</CustomsOfficeID></BorderTransportMeans>
  <ExitOffice><ID>TR000100</ID></ExitOffice>
  <ExitOffice><ID>GE000200</ID></ExitOffice>
  <GoodsShipment>
    <GovernmentAgencyGoodsItem>
      <SequenceNumeric>1</SequenceNumeric>
      <HouseConsignmentSequenceNumeric>1</HouseConsignmentSequenceNumeric>
    </GovernmentAgencyGoodsItem>
    <HouseConsignment>
      <SequenceNumeric>1</SequenceNumeric>
      <Consignee><Name>Marmara Tekstil</Name></Consignee>
    </HouseConsignment>
  </GoodsShipment>
</Declaration>
"""


def test_repeated_means_offices_and_house_consignments_are_lists_of_the_national_classes() -> None:
    result = sw.validate(REPEATED.encode())
    assert result.ok, result.findings
    decl = result.declaration
    assert decl is not None and decl.kind == "transit" and decl.transit_type == "T2SM"
    assert [str(m.id) for m in decl.border_transport_means] == ["01A123BC", "9123456"]
    assert decl.border_mode is not None and decl.border_mode.value == "3"
    assert [str(o.id) for o in decl.exit_offices] == ["TR000100", "GE000200"]
    assert decl.goods_shipment is not None
    (house,) = decl.goods_shipment.house_consignments
    # a copy of a national class keeps its model class
    assert isinstance(house.consignee, models.Consignee)
    item = decl.goods_items[0]
    assert item.house_consignment_sequence_numeric is not None
    assert item.house_consignment_sequence_numeric.value == house.sequence_numeric.value  # type: ignore[union-attr]
    again = sw.validate(decl.to_xml())
    assert again.ok and again.declaration == decl
