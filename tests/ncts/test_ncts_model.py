"""The generated NCTS model: up to date, covering every element of both phases' schemas,
one model for both phases with the differences said, leaves of the WCO types."""

from __future__ import annotations

import ast
import itertools
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
from _ncts_support import load_script
from conftest import REPO
from lxml import etree
from test_ncts_schema import MESSAGE

from single_window._spec import spec_of
from single_window._values import (
    Amount,
    Code,
    CountryCode,
    DateTime,
    Identifier,
    Measure,
    Node,
    Numeric,
    Quantity,
    Text,
)
from single_window.formats import ncts
from single_window.formats.ncts import models

MODELS = REPO / "single_window" / "formats" / "ncts" / "models.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("build_ncts_model")


def test_regenerating_the_model_changes_nothing(build: ModuleType) -> None:
    assert build.generate() == MODELS.read_text("utf-8")


def _reachable(cls: type[Node], out: set[type[Node]]) -> set[type[Node]]:
    out.add(cls)
    for fs in spec_of(cls).fields:
        if fs.kind == "node" and fs.cls not in out:
            _reachable(fs.cls, out)
    return out


def test_the_model_has_one_class_per_type_used_and_no_other() -> None:
    declared = {
        v for v in vars(models).values() if isinstance(v, type) and v.__module__ == models.__name__
    }
    used: set[type[Node]] = set()
    for root in models.MESSAGE_CLASSES.values():
        _reachable(root, used)
    assert declared == used | {models.Message}
    assert len(declared) == 56
    assert issubclass(models.CC015C, models.Message)
    assert issubclass(models.CC013C, models.Message)


def _covers(build: ModuleType, phase: Any, type_name: str, cls: type[Node], path: str) -> int:
    """Check that ``cls`` has a field for every element of the schema type; return how many
    elements were checked below it."""
    xtype = phase.types[type_name]
    elements = list(xtype.elements)
    if xtype.group is not None:
        elements = phase.types[xtype.group].elements + elements
    spec = spec_of(cls)
    count = 0
    for element in elements:
        fs = spec.by_xml.get(element.name)
        assert fs is not None, f"{path}/{element.name}"
        many = element.max is None or element.max > 1
        assert fs.many or not many, f"{path}/{element.name} repeats"
        count += 1
        if element.type in phase.types:
            assert fs.kind == "node", f"{path}/{element.name}"
            count += _covers(build, phase, element.type, fs.cls, f"{path}/{element.name}")
        else:
            assert fs.kind != "node", f"{path}/{element.name}"
            assert fs.cls.__name__ == build.leaf_class(phase, element)
    return count


@pytest.mark.parametrize("folder", ["p5", "p6"])
def test_every_element_of_each_phases_schema_has_its_field(build: ModuleType, folder: str) -> None:
    phase = build.read_phase(REPO / "xsd" / "ncts" / folder)
    checked = 0
    for name, cls in models.MESSAGE_CLASSES.items():
        checked += _covers(build, phase, f"{name}Type", cls, f"/{name}")
    assert checked > 500


def _field_docs() -> dict[tuple[str, str], str]:
    """(class, field) -> the field's docstring, from the generated source."""
    docs: dict[tuple[str, str], str] = {}
    for node in ast.parse(MODELS.read_text("utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement, following in itertools.pairwise(node.body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
            ):
                docs[(node.name, statement.target.id)] = str(following.value.value)
    return docs


def _elements(build: ModuleType, folder: str) -> dict[str, set[str]]:
    """Model class name -> the element names its schema type has in one phase."""
    phase = build.read_phase(REPO / "xsd" / "ncts" / folder)
    out: dict[str, set[str]] = {}

    def walk(type_name: str, cls: type[Node]) -> None:
        names = {e.name for e in phase.types[type_name].elements}
        out.setdefault(cls.__name__, set()).update(names)
        for element in phase.types[type_name].elements:
            if element.type in phase.types:
                walk(element.type, spec_of(cls).by_xml[element.name].cls)

    for name, cls in models.MESSAGE_CLASSES.items():
        walk(f"{name}Type", cls)
    return out


def test_a_field_only_one_phase_has_says_so_and_no_other_does(build: ModuleType) -> None:
    p5, p6 = _elements(build, "p5"), _elements(build, "p6")
    docs = _field_docs()
    only: list[str] = []
    for class_name in set(p5) & set(p6):
        cls = getattr(models, class_name)
        for fs in spec_of(cls).fields:
            if class_name in ("CC015C", "CC013C") and fs.name in models.Message.model_fields:
                continue
            in5, in6 = fs.xml_name in p5[class_name], fs.xml_name in p6[class_name]
            doc = docs[(class_name, fs.name)]
            said = " only: the Phase " in doc
            assert said == (in5 != in6), (class_name, fs.name, doc)
            if said:
                assert f"Phase {5 if in5 else 6} only" in doc
                only.append(f"{class_name}.{fs.name}")
    assert sorted(only) == [
        "ConsignmentItem.consignee",
        "ConsignmentItem.transport_charges",
        "ConsignmentItem.transport_documents",
    ]


@pytest.mark.parametrize(
    ("cls", "field", "leaf"),
    [
        (models.Message, "preparation_date_and_time", ncts.XsdDateTime),
        (models.CC013CTransitOperation, "limit_date", ncts.XsdDate),
        (models.TransitOperation, "lrn", Identifier),
        (models.TransitOperation, "declaration_type", Code),
        (models.CustomsOfficeOfDeparture, "reference_number", Identifier),
        (models.Consignment, "country_of_dispatch", CountryCode),
        (models.Consignment, "gross_mass", Measure),
        (models.GoodsMeasure, "net_mass", Measure),
        (models.GuaranteeReference, "amount_to_be_covered", Amount),
        (models.Packaging, "number_of_packages", Quantity),
        (models.Packaging, "sequence_number", Numeric),
        (models.CommodityCode, "harmonized_system_sub_heading_code", Identifier),
        (models.Commodity, "description_of_goods", Text),
        (models.Address, "country", CountryCode),
    ],
)
def test_values_have_the_leaf_type_their_wco_home_has(
    cls: type[Node], field: str, leaf: type
) -> None:
    fs = {f.name: f for f in spec_of(cls).fields}[field]
    assert fs.cls is leaf


def test_an_xsd_date_time_is_a_wco_date_time_without_format_code() -> None:
    assert issubclass(ncts.XsdDateTime, DateTime)
    message, _ = ncts.read_message(etree.fromstring(MESSAGE))
    assert message is not None
    leaf: Any = message.preparation_date_and_time
    assert leaf.format_code is None
    assert leaf.value.isoformat() == "2025-03-01T10:00:00+00:00"


def test_a_message_survives_dumping_and_validating_again() -> None:
    text = MESSAGE.replace(
        b"<bindingItinerary>0</bindingItinerary>",
        b"<bindingItinerary>0</bindingItinerary><limitDate>2025-03-10</limitDate>",
    )
    message, _ = ncts.read_message(etree.fromstring(text))
    assert message is not None
    again = models.CC015C.model_validate(message.model_dump())
    assert again == message
    from_json = models.CC015C.model_validate_json(message.model_dump_json())
    assert from_json == message
    assert from_json.transit_operation is not None
    limit: Any = from_json.transit_operation.limit_date
    assert limit.value.isoformat() == "2025-03-10"
    assert limit.path == "/CC015C/TransitOperation/limitDate"
    consignment: Any = from_json.consignment
    item = consignment.house_consignments[0].consignment_items[1]
    assert item.goods_item_number.value == Decimal(2)
