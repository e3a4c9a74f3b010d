"""Model values are checked when assigned; numbers are Decimals; ``to_xml()`` names a field
that holds what it cannot write.

A reader fills the model without these checks (it has read and checked every value
already): reading costs what it did.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from conftest import EXAMPLES
from pydantic import ValidationError

import single_window as sw
from single_window._values import Leaf, Node
from single_window.errors import ModelValueError
from single_window.models import (
    Amount,
    Code,
    CountryCode,
    DateTime,
    Declaration,
    GoodsShipment,
    GovernmentAgencyGoodsItem,
    Identifier,
    Measure,
    Numeric,
    Quantity,
    Text,
)

TR_IMPORT = EXAMPLES / "tr-import.xml"


def _decl() -> Declaration:
    return sw.parse(TR_IMPORT)


def _item(decl: Declaration) -> GovernmentAgencyGoodsItem:
    return decl.goods_items[0]


def _floats(decl: Declaration) -> list[Any]:
    """Every leaf value or model field of the declaration that is a float."""
    found = []
    for node in decl.walk():
        values = [getattr(node, "value", None)] if isinstance(node, Leaf) else []
        if isinstance(node, Node):
            values = list(node.__dict__.values())
        found += [v for v in values if isinstance(v, float)]
    return found


# --- model fields ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "wrong"),
    [
        ("type_code", "IMA"),
        ("type_code", Identifier(value="IMA")),
        ("goods_item_quantity", 1.5),
        ("goods_item_quantity", "1.5"),
        ("invoice_amount", Decimal("12.5")),
        ("issue_date_time", datetime(2026, 1, 1, tzinfo=UTC)),
        ("goods_shipment", Declaration()),
        ("additional_documents", [Code(value="N853")]),
    ],
)
def test_a_field_refuses_a_value_of_another_type(field: str, wrong: object) -> None:
    decl = _decl()
    before = getattr(decl, field)
    with pytest.raises(ValidationError) as caught:
        setattr(decl, field, wrong)
    assert field in str(caught.value)
    assert getattr(decl, field) == before


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="type_kode"):
        _decl().type_kode = Code(value="IMA")  # type: ignore[attr-defined]


def test_a_field_takes_its_leaf_or_the_leaf_as_a_dict() -> None:
    decl = _decl()
    decl.type_code = Code(value="IMZ")
    assert decl.type_code.value == "IMZ"
    decl.goods_item_quantity = {"value": "2"}  # type: ignore[assignment]
    assert decl.goods_item_quantity == Quantity(value=Decimal(2))
    decl.invoice_amount = {"value": 1.5, "currency": "USD"}  # type: ignore[assignment]
    assert decl.invoice_amount.value == Decimal("1.5")
    assert type(decl.invoice_amount.value) is Decimal
    decl.goods_shipment = GoodsShipment()
    assert decl.goods_items == []
    assert not _floats(decl)


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Numeric, Amount, Measure, Quantity])
@pytest.mark.parametrize(
    ("given", "held"),
    [
        (1.5, Decimal("1.5")),
        (0.1, Decimal("0.1")),
        ("1.5", Decimal("1.5")),
        (" 12.50 ", Decimal("12.50")),
        (3, Decimal(3)),
        (Decimal("7.25"), Decimal("7.25")),
    ],
)
def test_numbers_are_decimals_however_they_are_given(
    cls: type[Leaf], given: object, held: Decimal
) -> None:
    made: Any = cls(value=given)  # type: ignore[call-arg]
    assert type(made.value) is Decimal and made.value == held
    made.value = Decimal(1)
    made.value = given
    assert type(made.value) is Decimal and made.value == held


@pytest.mark.parametrize("cls", [Numeric, Amount, Measure, Quantity])
@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("1,5", ValueError),
        ("1e3", ValueError),
        ("abc", ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (Decimal("NaN"), ValueError),
        (True, TypeError),
        (None, TypeError),
        ([1], TypeError),
    ],
)
def test_what_is_no_number_is_a_clear_error(
    cls: type[Leaf], given: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match=r"number|Decimal"):
        cls(value=given)  # type: ignore[call-arg]
    made: Any = cls(value=Decimal(1))  # type: ignore[call-arg]
    with pytest.raises(error, match=r"number|Decimal"):
        made.value = given
    assert made.value == Decimal(1)


def test_a_number_changed_on_a_read_declaration_is_written_as_a_decimal() -> None:
    decl = _decl()
    measure = _item(decl).commodity.goods_measure.gross_mass_measure  # type: ignore[union-attr]
    assert measure is not None
    measure.value = 1300.5  # type: ignore[assignment]
    assert measure.value == Decimal("1300.5")
    assert not _floats(decl)
    assert b">1300.5</GrossMassMeasure>" in decl.to_xml()


# --- other leaves ----------------------------------------------------------------------


def test_leaves_made_in_python_hold_what_a_reader_would() -> None:
    assert Code(value=" ima ").value == "IMA"
    assert CountryCode(value="tr").value == "TR"
    assert Text(value="  bolts ").value == "bolts"
    assert Identifier(value=" TR340100 ").value == "TR340100"
    naive = DateTime(value=datetime(2026, 1, 1, 10, 0), format_code="304")
    assert naive.value == datetime(2026, 1, 1, 10, 0, tzinfo=UTC)
    assert DateTime(value=None).value is None


@pytest.mark.parametrize(
    ("cls", "wrong"),
    [(Code, 5), (Text, b"x"), (Identifier, None), (DateTime, "2026-01-01"), (CountryCode, 1.0)],
)
def test_a_leaf_refuses_a_value_of_another_type(cls: type[Leaf], wrong: object) -> None:
    with pytest.raises(TypeError, match=cls.__name__):
        cls(value=wrong)  # type: ignore[call-arg]


# --- writing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (lambda d: setattr(d.type_code, "value", 9), "Declaration.type_code.value"),
        (
            lambda d: d.__dict__.__setitem__("type_code", "IMA"),
            "Declaration.type_code",
        ),
        (
            lambda d: d.goods_shipment.__dict__.__setitem__("government_agency_goods_items", [1]),
            "Declaration.goods_shipment.government_agency_goods_items[0]",
        ),
        (
            lambda d: object.__setattr__(d.invoice_amount, "_value", 1.5),
            "Declaration.invoice_amount.value",
        ),
        (
            lambda d: setattr(d.invoice_amount, "currency", 840),
            "Declaration.invoice_amount.currency",
        ),
    ],
)
def test_to_xml_names_the_field_that_holds_a_wrong_type(spoil: Any, field: str) -> None:
    decl = _decl()
    spoil(decl)
    with pytest.raises(ModelValueError) as caught:
        decl.to_xml()
    assert caught.value.field == field
    assert field in str(caught.value)


# --- reading ---------------------------------------------------------------------------


def test_reading_fills_the_model_without_assignment_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = Node.__setattr__

    def counting(self: Node, name: str, value: object) -> None:
        calls.append(name)
        original(self, name, value)

    monkeypatch.setattr(Node, "__setattr__", counting)
    for path in sorted(EXAMPLES.glob("*.xml")):
        assert sw.validate(path).declaration is not None
    assert [c for c in calls if c != "_read_from"] == []
