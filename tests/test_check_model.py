"""``check`` and ``check_many`` take a :class:`Declaration`: the model is checked as it is.

A declaration read from a file keeps the paths and lines it was read with, so its findings
point into that file; one built or changed in Python has the paths its values carry (None
for a value made in Python). No stage runs again: the rules judge the model.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window.models import (
    Classification,
    Commodity,
    DateTime,
    Declaration,
    Destination,
    ExportCountry,
    GoodsShipment,
    GovernmentAgencyGoodsItem,
    Identifier,
    MetaData,
)
from single_window.models import (
    Code as CodeValue,
)
from single_window.models import (
    CountryCode as CountryValue,
)

FAULTS = sorted((EXAMPLES / "faults").glob("*.xml"))


def _rule_findings(path: Path) -> list[tuple[object, ...]]:
    """The findings of ``check(path)`` that the reading stages did not give."""
    read = {(f.rule, f.path) for f in sw.validate(path).findings}
    return [_key(f) for f in sw.check(path).findings if (f.rule, f.path) not in read]


def _key(f: sw.Finding) -> tuple[object, ...]:
    return (f.rule, f.country, f.severity, f.message, f.path, f.line, f.value)


@pytest.mark.parametrize("path", FAULTS, ids=[p.stem for p in FAULTS])
def test_a_read_declaration_gets_the_findings_of_its_file(path: Path) -> None:
    decl = sw.parse(path)
    report = sw.check(decl)
    assert [_key(f) for f in report.findings] == _rule_findings(path)
    from_file = sw.check(path)
    assert report.verdict == from_file.verdict
    assert report.countries == from_file.countries
    assert report.route == from_file.route
    assert report.packs == from_file.packs
    assert report.declaration == from_file.declaration
    assert report.source == "<declaration>"


def test_the_model_is_checked_as_it_is_and_left_as_it_was() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    before = decl.model_dump()
    # A value the profile refuses (TypeCode is an..3) is not an XSD finding here: no stage
    # reads the model again, only the rules judge it.
    decl.type_code = CodeValue(value="IMAXX")
    report = sw.check(decl)
    assert not any(f.rule.startswith(("XSD", "XML", "MODEL")) for f in report.findings)
    assert decl.type_code.value == "IMAXX"
    decl.type_code = CodeValue(value="IMA")
    assert decl.model_dump() == {**before, "type_code": decl.type_code.as_dict()}


def test_a_changed_value_keeps_the_path_it_was_read_at() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    classification = decl.goods_items[0].commodity.classifications[0]  # type: ignore[union-attr]
    where = classification.id.path  # type: ignore[union-attr]
    assert sw.check(decl).verdict == sw.Verdict.ACCEPT
    classification.id.value = "7318159000"  # type: ignore[union-attr]  # 10 digits: GTIP has 12
    found = [f for f in sw.check(decl).findings if f.rule == "TR-HS-LENGTH"]
    assert [(f.path, f.value) for f in found] == [(where, "7318159000")]
    assert where is not None and where.endswith("/Classification[1]/ID")


def test_a_value_made_in_python_has_the_path_it_was_given() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    classification = decl.goods_items[0].commodity.classifications[0]  # type: ignore[union-attr]
    classification.id = Identifier(value="7318159000")
    found = [f for f in sw.check(decl).findings if f.rule == "TR-HS-LENGTH"]
    assert [(f.path, f.line, f.value) for f in found] == [(None, None, "7318159000")]
    classification.id = Identifier(value="7318159000", path="/Here", line=7)
    found = [f for f in sw.check(decl).findings if f.rule == "TR-HS-LENGTH"]
    assert [(f.path, f.line) for f in found] == [("/Here", 7)]


def _built(commodity_code: str) -> Declaration:
    """A Turkish import from Uzbekistan, built in Python from scratch."""
    item = GovernmentAgencyGoodsItem(
        sequence_numeric={"value": Decimal(1)},
        commodity=Commodity(
            classifications=[
                Classification(
                    id=Identifier(value=commodity_code),
                    identification_type_code=CodeValue(value="HS"),
                )
            ]
        ),
    )
    return Declaration(
        metadata=MetaData(responsible_country_code=CountryValue(value="TR")),
        type_code=CodeValue(value="IMA"),
        function_code=CodeValue(value="9"),
        issue_date_time=DateTime(value=datetime(2026, 11, 10, tzinfo=UTC), format_code="102"),
        goods_shipment=GoodsShipment(
            destination=Destination(country_code=CountryValue(value="TR")),
            export_country=ExportCountry(id=CountryValue(value="UZ")),
            government_agency_goods_items=[item],
        ),
    )


def test_a_declaration_built_in_python_is_checked() -> None:
    report = sw.check(_built("7318159000"), countries="TR")
    assert report.declaration is not None and report.declaration.format is None
    assert report.countries["TR"].roles == ("declaring", "destination")
    found = [f for f in report.findings if f.rule == "TR-HS-LENGTH"]
    assert [(f.path, f.value) for f in found] == [(None, "7318159000")]
    fine = sw.check(_built("731815900019"), countries="TR")
    assert not [f for f in fine.findings if f.rule == "TR-HS-LENGTH"]


def test_check_many_takes_declarations_beside_paths() -> None:
    paths = FAULTS[:4]
    sources: list[object] = [p if i % 2 else sw.parse(p) for i, p in enumerate(paths)]
    sources.append(_built("7318159000"))
    expected = [sw.check(s) for s in sources]  # type: ignore[arg-type]
    for jobs in (1, 2):
        reports = list(sw.check_many(sources, jobs=jobs, countries=None))  # type: ignore[arg-type]
        assert [r.source for r in reports] == [e.source for e in expected]
        assert [[_key(f) for f in r.findings] for r in reports] == [
            [_key(f) for f in e.findings] for e in expected
        ]


def test_validate_many_refuses_a_declaration_in_its_report() -> None:
    decl = sw.parse(EXAMPLES / "tr-import.xml")
    (report,) = sw.validate_many([decl], jobs=1)  # type: ignore[list-item]
    assert [f.rule for f in report.findings] == [sw.codes.BATCH_ERROR]


def test_check_still_refuses_what_is_no_source() -> None:
    with pytest.raises(TypeError, match="Declaration"):
        sw.check(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sw.check(GoodsShipment())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sw.validate(sw.parse(EXAMPLES / "tr-import.xml"))  # type: ignore[arg-type]
