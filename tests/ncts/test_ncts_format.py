"""NCTS is the registry's second format: CC015C and CC013C are read through ``validate``,
``check`` and the command line like WCO declarations; every other NCTS message type is
refused with one finding that names it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from _ncts_support import (
    MESSAGES,
    NCTS_CONDITION,
    besides_ncts_conditions,
    filled,
    message_files,
)
from conftest import EXAMPLES
from lxml import etree

import single_window as sw
from single_window import codes
from single_window.cli import run
from single_window.formats import registry
from single_window.formats.ncts import DOCUMENT_SHAPE, EXAMPLE, NAMESPACES, NCTS_NS, READ_TYPES
from single_window.formats.ncts._api import READ
from single_window.formats.ncts._format import FORMAT
from single_window.formats.ncts._schema import schema_path
from single_window.formats.ncts.models import MESSAGE_TYPES

#: A T1 from Bursa (TR160100) to Tbilisi (GE010100) through an office of transit on entering
#: Georgia, the holder identified by a Turkish tax number (VKN); built from the format's
#: example, prepared at {stamp} (UTC, as NCTS date-times are).
TR_GE = (
    EXAMPLE.replace(
        b"<sequenceNumber>1</sequenceNumber>\n    <referenceNumber>XI000142</referenceNumber>",
        b"<sequenceNumber>1</sequenceNumber>\n    <referenceNumber>GE080100</referenceNumber>",
    )
    .replace(b"GB000246", b"TR160100")
    .replace(b"XI000142", b"GE010100")
    .replace(b"<countryOfDestination>XI", b"<countryOfDestination>GE")
    .replace(b"GB953574106000", b"4820519379")
)


def tr_ge(stamp: str) -> bytes:
    """The TR -> GE T1, prepared at ``stamp``."""
    assert b"GE080100" in TR_GE
    return TR_GE.replace(b"2025-03-01T10:00:00", stamp.encode())


def test_ncts_is_registered_by_its_two_roots() -> None:
    assert registry().names == ("wco", "ncts")
    assert registry().get("ncts") is FORMAT
    assert READ == READ_TYPES == ("CC015C", "CC013C")
    for name in READ:
        found = registry().detect(etree.Element(f"{{{NCTS_NS}}}{name}", PhaseID="NCTS6"))
        assert found is not None
        assert (found.format.name, found.root.name, found.version) == ("ncts", name, "6")
    assert registry().detect(etree.Element(f"{{{NCTS_NS}}}CC015C")).version == "5"  # type: ignore[union-attr]
    # The record loads the format's parts on first use; they are the format's own.
    assert FORMAT.namespaces == NAMESPACES
    for step in ("CC015C", "CC013C", "CC007C"):
        assert FORMAT.shape.child(step) == DOCUMENT_SHAPE.child(step)


def test_a_ncts_declaration_is_read_checked_and_written_like_a_wco_one() -> None:
    result = sw.validate(EXAMPLE)
    assert result.ok, result.findings
    assert (result.format, result.version) == ("ncts", "5")
    assert isinstance(result.document, sw.formats.ncts.CC015C)
    decl = result.declaration
    assert decl is not None
    assert decl.read_from == sw.formats.ReadFrom("ncts", "5", result.document)
    assert (decl.kind, decl.transit_type) == ("transit", "T1")
    assert etree.fromstring(decl.to_xml()).tag == f"{{{NCTS_NS}}}CC015C"
    report = sw.check(EXAMPLE)
    assert besides_ncts_conditions(f.rule for f in report.findings) == [], report.findings
    assert report.declaration is not None
    assert (report.declaration.format, report.declaration.version) == ("ncts", "5")
    assert report.route == ("GB", "XI")
    assert sw.check(decl).findings == report.findings


def test_each_phase_is_validated_against_its_own_schema() -> None:
    phase6 = EXAMPLE.replace(b'PhaseID="NCTS5.1"', b'PhaseID="NCTS6"')
    result = sw.validate(phase6)
    assert (result.format, result.version, result.ok) == ("ncts", "6", True)
    assert result.document.phase == 6
    # Absent PhaseID: Phase 5.
    assert sw.validate(EXAMPLE.replace(b' PhaseID="NCTS5.1"', b"")).version == "5"
    # A caller's schema replaces the phase's: the Phase 5 schema refuses NCTS6.
    forced = sw.validate(phase6, schema=schema_path("CC015C", 5))
    assert [(f.rule, f.path) for f in forced.findings] == [("XSD", "/CC015C/@PhaseID")]


@pytest.mark.parametrize("name", sorted(set(MESSAGE_TYPES) - set(READ)))
def test_every_other_ncts_message_type_is_refused_by_name(name: str) -> None:
    root = f'<ncts:{name} xmlns:ncts="{NCTS_NS}" PhaseID="NCTS5.1"><messageSender>x</messageSender>'
    result = sw.validate(f"{root}</ncts:{name}>")
    (finding,) = result.findings
    assert (finding.rule, finding.path, finding.line, finding.value) == (
        codes.MODEL_ROOT,
        f"/{name}",
        1,
        name,
    )
    assert name in finding.message
    assert "CC015C" in finding.message and "CC013C" in finding.message
    assert (result.declaration, result.format) == (None, None)
    report = sw.check(f"{root}</ncts:{name}>")
    assert report.rules() == [codes.MODEL_ROOT]


def test_the_other_message_types_of_the_corpus_are_refused() -> None:
    if not MESSAGES.is_dir():
        pytest.skip("no NCTS corpus")
    others = message_files("CC007C", "CC014C", "CC044C", "CC170C")
    assert len(others) == 56
    for path in others:
        (finding,) = sw.validate(filled(path)).findings
        assert finding.rule == codes.MODEL_ROOT
        assert finding.value is not None and finding.value in finding.message


def test_a_root_named_like_a_message_outside_the_namespace_is_refused_as_ncts() -> None:
    (finding,) = sw.validate(b"<CC015C/>").findings
    assert finding.rule == codes.MODEL_ROOT
    assert NCTS_NS in finding.message
    (other,) = sw.validate(f'<ncts:Envelope xmlns:ncts="{NCTS_NS}"/>').findings
    assert other.rule == codes.MODEL_ROOT and "CC015C" in other.message


def test_a_date_time_without_zone_is_utc_and_judged_in_the_declaring_countrys_day() -> None:
    # Georgia is a common transit country from 1 Feb 2025. 22:30 UTC on 31 January is
    # 01:30 on 1 February in Turkiye (UTC+3), where the declaration is lodged.
    late = sw.check(tr_ge("2025-01-31T22:30:00"))
    assert besides_ncts_conditions(late.rules()) == [], late.findings
    assert late.route == ("TR", "GE")
    assert late.countries["TR"].roles == ("declaring", "departure")
    assert late.countries["GE"].roles == ("destination",)
    early = sw.check(tr_ge("2025-01-31T20:00:00"))
    assert [(f.rule, f.path) for f in early.findings if not NCTS_CONDITION.match(f.rule)] == [
        ("TRANSIT-CTC-COUNTRIES", "/CC015C/CustomsOfficeOfDestinationDeclared/referenceNumber")
    ]


def test_the_cli_checks_a_folder_mixing_both_formats(tmp_path: Path) -> None:
    (tmp_path / "t1.xml").write_bytes((EXAMPLES / "tr-ge-t1.xml").read_bytes())
    (tmp_path / "cc015c.xml").write_bytes(tr_ge("2025-03-01T10:00:00"))
    arrival = f'<ncts:CC007C xmlns:ncts="{NCTS_NS}"><messageSender>x</messageSender></ncts:CC007C>'
    (tmp_path / "cc007c.xml").write_bytes(arrival.encode())
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", str(tmp_path), "--format", "jsonl", "--no-progress"], out, err)
    assert code == 1, err.getvalue()
    reports = {Path(r["source"]).name: r for r in map(json.loads, out.getvalue().splitlines())}
    assert reports["t1.xml"]["declaration"]["format"] == "wco"
    assert reports["t1.xml"]["verdict"] == "accept"
    ncts = reports["cc015c.xml"]
    assert ncts["declaration"]["format"] == "ncts"
    errors = [f["rule"] for f in ncts["findings"] if f["severity"] == "error"]
    assert besides_ncts_conditions(errors) == []
    assert reports["cc015c.xml"]["declaration"]["version"] == "5"
    assert [f["rule"] for f in reports["cc007c.xml"]["findings"]] == [codes.MODEL_ROOT]
    assert "read as: " in err.getvalue()
    text = io.StringIO()
    assert run(["validate", str(tmp_path), "--no-progress", "-q"], text, io.StringIO()) == 1
    assert f"{tmp_path / 'cc015c.xml'}: note: read as ncts 5" in text.getvalue().splitlines()
