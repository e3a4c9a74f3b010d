"""The model and the bundled schema describe the same layout; the public surface is pinned."""

from __future__ import annotations

from typing import Any

import xmlschema

import single_window as sw
from single_window._spec import spec_of
from single_window.models import Declaration, MetaData
from single_window.schema import bundled_schema_path

DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
MD = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"


def _children(xsd_element: Any) -> list[str]:
    content = xsd_element.type.content
    return [c.local_name for c in content.iter_elements() if c.local_name is not None]


def _compare(xsd_element: Any, cls: type, path: str, problems: list[str]) -> None:
    spec = spec_of(cls)
    model_names = [f.xml_name for f in spec.fields]
    xsd_names = [n for n in _children(xsd_element) if not (cls is MetaData and n == "Declaration")]
    # Shared model classes (Party, Address, ...) may carry more fields than one use of
    # them in the schema, but every schema element must be a field, in the same order.
    positions = [model_names.index(n) if n in model_names else -1 for n in xsd_names]
    if -1 in positions or positions != sorted(positions):
        problems.append(f"{path}: model {model_names} does not cover schema {xsd_names}")
        return
    by_name = {c.local_name: c for c in xsd_element.type.content.iter_elements()}
    for fs in spec.fields:
        child = by_name.get(fs.xml_name)
        if child is None:
            continue
        many = child.max_occurs is None or child.max_occurs > 1
        if many != fs.many:
            problems.append(f"{path}/{fs.xml_name}: repeatable in model={fs.many}, schema={many}")
        if fs.kind == "node":
            _compare(child, fs.cls, f"{path}/{fs.xml_name}", problems)


def test_model_fields_match_the_bundled_schema_element_for_element_in_order() -> None:
    schema = xmlschema.XMLSchema(str(bundled_schema_path()))
    problems: list[str] = []
    _compare(
        schema.elements["Declaration"]
        if "Declaration" in schema.elements
        else schema.maps.elements[f"{{{DEC}}}Declaration"],
        Declaration,
        "Declaration",
        problems,
    )
    _compare(schema.maps.elements[f"{{{MD}}}MetaData"], MetaData, "MetaData", problems)
    assert problems == []


def test_the_public_api_is_exactly_this() -> None:
    assert sorted(sw.__all__) == sorted(
        [
            "ConfigurationError",
            "Conversion",
            "ConversionError",
            "ConversionWarning",
            "CountryVerdict",
            "Declaration",
            "DeclarationError",
            "DeclarationSummary",
            "Default",
            "Finding",
            "Limits",
            "Loss",
            "Report",
            "RulePackError",
            "Schema",
            "SchemaError",
            "Severity",
            "SingleWindowError",
            "ValidationResult",
            "Verdict",
            "__version__",
            "check",
            "check_many",
            "codelists",
            "codes",
            "convert",
            "languages",
            "load_schema",
            "parse",
            "validate",
            "validate_many",
        ]
    )
    for name in sw.__all__:
        assert getattr(sw, name) is not None


def test_public_modules_expose_no_private_names() -> None:
    from single_window import codelists, codes, errors, findings, models, reporters, rules, schema

    for module in (codelists, codes, errors, findings, models, reporters, rules, schema):
        for name in module.__all__:
            assert not name.startswith("_")
            obj = getattr(module, name)
            assert getattr(obj, "__module__", module.__name__).startswith("single_window")


def test_a_declaration_survives_json_pickle_and_deepcopy() -> None:
    import copy
    import pickle

    from conftest import EXAMPLES

    decl = sw.parse(EXAMPLES / "tr-import.xml")
    assert Declaration.model_validate_json(decl.model_dump_json()) == decl
    assert Declaration.model_validate(decl.model_dump()) == decl
    assert pickle.loads(pickle.dumps(decl)) == decl
    assert copy.deepcopy(decl) == decl
    schema = Declaration.model_json_schema()
    assert "GoodsShipment" in str(schema) or "goods_shipment" in str(schema)


def test_leaf_values_compare_by_meaning_and_keep_their_location() -> None:
    from decimal import Decimal

    from single_window.models import Amount, Code

    a = Amount(value=Decimal("1.50"), currency="EUR", path="/x", line=3)
    assert a == Amount(value=Decimal("1.5"), currency="EUR")
    assert a != Amount(value=Decimal("1.5"), currency="USD")
    assert (a.path, a.line) == ("/x", 3)
    assert Code(value="IMA") != Amount(value=Decimal(1))
    dumped = Declaration.model_validate({"type_code": {"value": " ima "}}).type_code
    assert dumped is not None
    assert dumped.value == "IMA"
