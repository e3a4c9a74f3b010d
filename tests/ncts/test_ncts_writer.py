"""Writing an NCTS message: values set in Python are written in their schema type's form,
the original text is kept only while it still means the value, and the result validates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from lxml import etree

from single_window._values import Code, Identifier, Measure, Numeric, Text
from single_window.errors import ModelValueError
from single_window.formats import ncts
from single_window.formats.ncts import models


def _read(data: bytes = ncts.EXAMPLE) -> Any:
    message, _ = ncts.read_message(etree.fromstring(data))
    assert message is not None
    return message


def _written(message: Any) -> etree._Element:
    return etree.fromstring(message.to_xml())


def _valid(root: etree._Element) -> None:
    assert ncts.schema_for(etree.QName(root).localname, ncts.phase_of(root)).validate(root) == []


def test_values_set_in_python_are_written_in_their_schema_types_form() -> None:
    message = _read()
    item = message.consignment.house_consignments[0].consignment_items[0]
    item.goods_item_number = Numeric(Decimal("1.0"))
    item.commodity.goods_measure.gross_mass = Measure(Decimal("12.50"), unit="KGM")
    item.packagings[0].number_of_packages.value = Decimal("3.000")
    message.preparation_date_and_time = ncts.XsdDateTime(
        datetime(2025, 3, 1, 10, 0, 0, 500000, tzinfo=timezone(timedelta(hours=4)))
    )
    message.transit_operation.limit_date = ncts.XsdDate(date(2025, 3, 10))
    message.transit_operation.declaration_type = Code("T2")
    root = _written(message)
    item_el = root.find(".//ConsignmentItem")
    assert item_el is not None
    assert item_el.findtext("goodsItemNumber") == "1"
    assert item_el.findtext(".//GoodsMeasure/grossMass") == "12.50"
    assert item_el.find(".//GoodsMeasure/grossMass").attrib == {}  # type: ignore[union-attr]
    assert item_el.findtext(".//numberOfPackages") == "3"
    assert root.findtext("preparationDateAndTime") == "2025-03-01T10:00:00.5+04:00"
    assert root.findtext("TransitOperation/limitDate") == "2025-03-10"
    assert root.findtext("TransitOperation/declarationType") == "T2"


def test_the_original_text_is_kept_only_while_it_means_the_value() -> None:
    message = _read()
    assert _written(message).findtext("Consignment/grossMass") == "30.000"
    message.consignment.gross_mass.value = Decimal("11")
    assert _written(message).findtext("Consignment/grossMass") == "11"
    message.preparation_date_and_time.value = datetime(2025, 3, 2, 8, 30, tzinfo=UTC)
    assert _written(message).findtext("preparationDateAndTime") == "2025-03-02T08:30:00"
    message.transit_operation.lrn.value = "NEW"
    assert _written(message).findtext("TransitOperation/LRN") == "NEW"


def test_a_message_built_in_python_is_written_valid() -> None:
    message = models.CC015C(
        phase_id="NCTS6",
        messageSender=Identifier("SENDER"),
        messageRecipient=Identifier("NTA.TR"),
        preparationDateAndTime=ncts.XsdDateTime(datetime(2025, 3, 1, 10, tzinfo=UTC)),
        messageIdentification=Identifier("M1"),
        messageType=Code("CC015C"),
        TransitOperation=models.TransitOperation(
            LRN=Identifier("LRN1"),
            declarationType=Code("T1"),
            additionalDeclarationType=Code("A"),
            security=Code("0"),
            reducedDatasetIndicator=Code("0"),
            bindingItinerary=Code("0"),
        ),
        CustomsOfficeOfDeparture=models.CustomsOfficeOfDeparture(
            referenceNumber=Identifier("TR340000")
        ),
        CustomsOfficeOfDestinationDeclared=models.CustomsOfficeOfDestinationDeclared(
            referenceNumber=Identifier("GE000001")
        ),
        HolderOfTheTransitProcedure=models.HolderOfTheTransitProcedure(
            identificationNumber=Identifier("TR1234567890")
        ),
        Guarantee=[models.Guarantee(sequenceNumber=Numeric(Decimal(1)), guaranteeType=Code("B"))],
        Consignment=models.Consignment(
            grossMass=Measure(Decimal("10")),
            HouseConsignment=[
                models.HouseConsignment(
                    sequenceNumber=Numeric(Decimal(1)),
                    grossMass=Measure(Decimal("10")),
                    ConsignmentItem=[
                        models.ConsignmentItem(
                            goodsItemNumber=Numeric(Decimal(1)),
                            declarationGoodsItemNumber=Numeric(Decimal(1)),
                            Commodity=models.Commodity(
                                descriptionOfGoods=Text("Toys"),
                                GoodsMeasure=models.GoodsMeasure(grossMass=Measure(Decimal(10))),
                            ),
                            Packaging=[
                                models.Packaging(
                                    sequenceNumber=Numeric(Decimal(1)),
                                    typeOfPackages=Code("BX"),
                                )
                            ],
                        )
                    ],
                )
            ],
        ),
    )
    assert message.phase == 6
    root = _written(message)
    assert root.get("PhaseID") == "NCTS6"
    assert root.tag == "{http://ncts.dgtaxud.ec}CC015C"
    assert not any(el.tag.startswith("{") for el in root.iterdescendants())
    _valid(root)
    again, findings = ncts.read_message(root)
    assert findings == []
    assert again == message


def test_a_value_xml_cannot_carry_is_refused_naming_its_field() -> None:
    message = _read()
    message.transit_operation.lrn.value = "LRN\x00"
    with pytest.raises(ModelValueError) as caught:
        message.to_xml()
    assert "CC015C.transit_operation.lrn.value" in str(caught.value)
