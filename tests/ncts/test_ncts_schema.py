"""The bundled NCTS schemas: as recorded, complete, found from a checkout and from a wheel,
compiled once per (message type, phase), chosen by ``PhaseID``, findings at NCTS paths."""

from __future__ import annotations

import pickle
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from _ncts_support import load_script
from conftest import REPO
from lxml import etree

from single_window import codes
from single_window.errors import SchemaError
from single_window.formats import ncts
from single_window.formats.ncts import _schema

BUNDLE = REPO / "xsd" / "ncts"
#: The example declaration with the HS code of its second goods item cut short.
MESSAGE = ncts.EXAMPLE.replace(b">950300<", b">95030<")


def _script() -> ModuleType:
    return load_script("bundle_ncts_xsd")


def test_the_bundled_files_are_the_recorded_ones_with_everything_they_include() -> None:
    script = _script()
    assert script.check(script.read_record()) == []
    record = tomllib.loads((BUNDLE / "PROVENANCE.toml").read_text("utf-8"))
    assert record["licence"] == "Apache-2.0"
    assert "Apache License" in (BUNDLE / "LICENSE").read_text("utf-8")
    assert {p: record["phase"][p]["version"] for p in ("p5", "p6")} == {
        "p5": "51.8.6",
        "p6": "60.4.16",
    }
    for phase in ("p5", "p6"):
        files = sorted(record["phase"][phase]["sha256"])
        assert script.closure(BUNDLE / phase) == files
        assert {"cc015c.xsd", "cc013c.xsd"} <= set(files)


def test_the_check_notices_a_changed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _script()
    copy = tmp_path / "ncts"
    for file in BUNDLE.rglob("*"):
        if file.is_file():
            target = copy / file.relative_to(BUNDLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())
    monkeypatch.setattr(script, "BUNDLE", copy)
    monkeypatch.setattr(script, "PROVENANCE", copy / "PROVENANCE.toml")
    assert script.check(script.read_record()) == []
    (copy / "p6" / "tcl.xsd").write_text("<changed/>", "utf-8")
    assert script.check(script.read_record()) == ["p6/tcl.xsd: checksum differs from the record"]


@pytest.mark.parametrize("phase", [5, 6])
@pytest.mark.parametrize("message_type", ["CC015C", "CC013C"])
def test_each_schema_compiles_once_and_is_kept(message_type: str, phase: ncts.Phase) -> None:
    schema = ncts.schema_for(message_type, phase)
    assert schema is ncts.schema_for(message_type, phase)
    assert schema.path == ncts.bundled_folder(phase) / f"{message_type.lower()}.xsd"
    assert (schema.message_type, schema.phase) == (message_type, phase)
    assert pickle.loads(pickle.dumps(schema)) is schema


def test_lxml_compiles_the_phase6_set_that_declares_xsd_1_1() -> None:
    versioning = "{http://www.w3.org/2007/XMLSchema-versioning}minVersion"
    entry = etree.parse(str(ncts.schema_path("CC015C", 6))).getroot()
    assert entry.get(versioning) == "1.1"
    assert entry.get("version") == "60.4.16"
    valid = etree.fromstring(ncts.EXAMPLE)
    assert ncts.schema_for("CC015C", 6).validate(valid) == []
    assert ncts.schema_for("CC015C", 5).validate(valid) == []


def test_the_schemas_are_found_in_a_checkout() -> None:
    assert ncts.bundled_folder(5) == BUNDLE / "p5"
    assert ncts.bundled_folder(6) == BUNDLE / "p6"


def test_the_schemas_are_found_where_a_wheel_puts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["xsd"] == "single_window/_bundled_xsd"
    installed = tmp_path / "single_window"
    (installed / "_bundled_xsd" / "ncts" / "p6").mkdir(parents=True)
    monkeypatch.setattr(_schema.resources, "files", lambda package: installed)
    assert ncts.bundled_folder(6) == installed / "_bundled_xsd" / "ncts" / "p6"
    assert ncts.bundled_folder(5) == BUNDLE / "p5"  # not installed: the checkout's


def test_a_missing_bundle_is_a_schema_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_schema.resources, "files", lambda package: tmp_path)
    monkeypatch.setattr(_schema, "__file__", str(tmp_path / "a" / "b" / "c" / "_schema.py"))
    with pytest.raises(SchemaError, match="Phase 5"):
        ncts.bundled_folder(5)


def test_only_the_types_read_have_a_schema() -> None:
    with pytest.raises(SchemaError, match="CC014C"):
        ncts.schema_path("CC014C", 5)


@pytest.mark.parametrize(
    ("phase_id", "phase"),
    [("NCTS5.0", 5), ("NCTS5.1", 5), (" NCTS5.1", 5), ("NCTS6", 6), (None, 5), ("NCTS7", 5)],
)
def test_the_phase_is_the_one_phase_id_names(phase_id: str | None, phase: int) -> None:
    root = etree.fromstring(MESSAGE)
    if phase_id is None:
        del root.attrib["PhaseID"]
    else:
        root.set("PhaseID", phase_id)
    assert ncts.phase_of(root) == phase
    assert ncts.phase_from_id(phase_id) == phase


def test_schema_findings_carry_the_readers_paths_and_lines() -> None:
    root = etree.fromstring(MESSAGE)
    findings = ncts.schema_for("CC015C", 5).validate(root)
    code = "/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Commodity/CommodityCode"
    assert [(f.rule, f.path, f.value) for f in findings] == [
        (codes.XSD, f"{code}/harmonizedSystemSubHeadingCode", "95030")
    ]
    el = ncts.resolve_path(root, findings[0].path or "")
    assert el is not None
    assert el.sourceline == findings[0].line
    root.set("PhaseID", "NCTS9")
    paths = [f.path for f in ncts.schema_for("CC015C", 5).validate(root)]
    assert "/CC015C/@PhaseID" in paths


def test_a_failed_message_is_explained_by_its_schema() -> None:
    reasons = ncts.schema_for("CC015C", 6).explain(MESSAGE)
    assert len(reasons) == 1
    assert "harmonizedSystemSubHeadingCode" in reasons[0]
