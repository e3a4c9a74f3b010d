"""The profile and the model cover the whole WCO DM goods declaration of a national schema.

A maximal declaration (every element and attribute of the national DEC-DMS:2 schema once,
values satisfying its facets) and random valid parts of it must be valid against the
national schema and the bundled profile, map onto the model with nothing left over, and
be written back equal in canonical form. So must the maximal declaration of the profile
itself, which holds the OTS additions (house consignments, the NCTS transit data, the TIR
carnet's validity and vouchers) as well.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from _maximal import Part, canonical, maximal, maximal_profile, render, subsets, to_bytes
from conftest import NATIONAL_XSD, require_corpus
from hypothesis import HealthCheck, given, settings
from lxml import etree

import single_window as sw
from single_window._values import Leaf
from single_window.schema import bundled_schema_path


@pytest.fixture(scope="module")
def national() -> etree.XMLSchema:
    require_corpus()
    return etree.XMLSchema(etree.parse(str(NATIONAL_XSD)))


@pytest.fixture(scope="module")
def profile() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(bundled_schema_path())))


@cache
def _built() -> Part:
    return maximal(Path(NATIONAL_XSD))


def _maximal() -> Part:
    """The maximal declaration of the corpus's national schema (read once)."""
    require_corpus()
    return _built()


def _check(data: bytes, national: etree.XMLSchema, profile: etree.XMLSchema) -> sw.Declaration:
    root = etree.fromstring(data)
    assert national.validate(root), national.error_log
    assert profile.validate(root), profile.error_log
    result = sw.validate(data)
    assert result.declaration is not None
    assert [f for f in result.findings if f.rule == "MODEL-UNMAPPED"] == []
    assert result.ok, result.findings
    assert canonical(result.declaration.to_xml()) == canonical(data)
    return result.declaration


def test_the_maximal_declaration_holds_every_element_and_attribute_of_the_national_schema(
    national: etree.XMLSchema,
) -> None:
    part = _maximal()
    elements = list(part.elements())
    names = {p.tag.rpartition("}")[2] for p in elements}
    # A few that real declarations rarely use and the earlier profile lacked.
    assert {"GoodsLocation", "WriteOff", "AmountAmount", "Authenticator", "Surety"} <= names
    assert len(elements) > 400
    assert sum(len(p.attributes) for p in elements) > 1500


def test_the_maximal_declaration_is_valid_maps_completely_and_round_trips(
    national: etree.XMLSchema, profile: etree.XMLSchema
) -> None:
    data = to_bytes(render(_maximal()))
    decl = _check(data, national, profile)
    root = etree.fromstring(data)
    values = [el for el in root.iter() if len(el) == 0]
    leaves = [n for n in decl.walk() if isinstance(n, Leaf)]
    assert len(leaves) == len(values)
    # Every attribute the data type allows has a typed place, and the maximal document
    # gives each one.
    for leaf in leaves:
        for name in leaf.ATTRIBUTES:
            assert getattr(leaf, name) is not None, (leaf.path, name)


@pytest.fixture(scope="module")
def schemas(
    national: etree.XMLSchema, profile: etree.XMLSchema
) -> tuple[etree.XMLSchema, etree.XMLSchema]:
    return national, profile


def test_random_parts_of_the_maximal_declaration_are_valid_and_round_trip(
    schemas: tuple[etree.XMLSchema, etree.XMLSchema],
) -> None:
    national, profile = schemas

    @settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(subsets(_maximal()))
    def check(data: bytes) -> None:
        _check(data, national, profile)

    check()


@cache
def _built_profile() -> Part:
    return maximal_profile(bundled_schema_path())


def test_the_maximal_declaration_of_the_profile_with_its_additions_maps_and_round_trips(
    profile: etree.XMLSchema,
) -> None:
    data = to_bytes(render(_built_profile()))
    root = etree.fromstring(data)
    assert profile.validate(root), profile.error_log
    names = {el.tag.rpartition("}")[2] for el in root.iter()}
    assert {"HouseConsignment", "TIRHolderID", "VoucherQuantity", "MessageSenderID"} <= names
    result = sw.validate(data)
    assert result.ok, result.findings
    assert result.declaration is not None
    assert [f for f in result.findings if f.rule == "MODEL-UNMAPPED"] == []
    assert canonical(result.declaration.to_xml()) == canonical(data)
    values = [el for el in root.iter() if len(el) == 0]
    # Every value has a typed place (walk() includes the envelope's).
    leaves = [n for n in result.declaration.walk() if isinstance(n, Leaf)]
    assert len(leaves) == len(values)


def test_random_parts_of_the_profile_with_its_additions_round_trip(
    profile: etree.XMLSchema,
) -> None:
    @settings(
        max_examples=50,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(subsets(_built_profile()))
    def check(data: bytes) -> None:
        assert profile.validate(etree.fromstring(data)), profile.error_log
        result = sw.validate(data)
        assert result.ok, result.findings
        assert result.declaration is not None
        assert canonical(result.declaration.to_xml()) == canonical(data)

    check()
