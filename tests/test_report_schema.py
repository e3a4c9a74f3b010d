"""The JSON Schema of a report is published, current, and every real report fits it: the
JSON and JSONL the command line writes for every example and corpus file, explained
reports, ``validate`` reports and reports of input that could not be read."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_ROOT, EXAMPLES, REPO
from jsonschema import Draft202012Validator

import single_window as sw
from single_window.cli import run
from single_window.reporters import report_schema, schema_text
from single_window.reporters._json_schema import DESCRIPTIONS

PUBLISHED = REPO / "docs" / "reference" / "report.schema.json"


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with no field it does not name allowed anywhere: a report that passes
    it writes only what the schema describes."""
    out = copy.deepcopy(schema)

    def close(node: object) -> None:
        if isinstance(node, dict):
            if "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(out)
    return out


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(strict(schema))


def cli_reports(tmp_path: Path, fmt: str, *args: str) -> list[dict[str, Any]]:
    target = tmp_path / f"reports.{fmt}"
    err = io.StringIO()
    status = run([*args, "--format", fmt, "-o", str(target), "-q", "-j", "1"], io.StringIO(), err)
    assert status in (0, 1), err.getvalue()
    text = target.read_text(encoding="utf-8")
    if fmt == "json":
        found: list[dict[str, Any]] = json.loads(text)
        return found
    return [json.loads(line) for line in text.splitlines()]


def assert_valid(validator: Draft202012Validator, reports: list[dict[str, Any]]) -> None:
    assert reports
    for report in reports:
        errors = sorted(validator.iter_errors(report), key=str)
        assert not errors, (report["source"], [e.message for e in errors[:3]])


def test_the_published_schema_is_the_one_the_models_give() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "docs/reference/report.schema.json is out of date: run `python -m single_window._docgen`"
    )


def test_the_command_line_prints_the_schema(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run(["schema", "report"], out, io.StringIO()) == 0
    assert out.getvalue() == PUBLISHED.read_text(encoding="utf-8")
    target = tmp_path / "report.schema.json"
    assert run(["schema", "report", "-o", str(target)], io.StringIO(), io.StringIO()) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == report_schema()
    err = io.StringIO()
    assert run(["schema", "rules"], io.StringIO(), err) == 2
    assert "report" in err.getvalue()


def test_every_field_is_described_and_in_json_terms() -> None:
    schema = report_schema()
    objects = {"Report": schema, **schema["$defs"]}
    for name, said in DESCRIPTIONS.items():
        node = objects[name]
        assert set(node["properties"]) | {""} == set(said), name
        for field, prop in node["properties"].items():
            assert prop["description"] == said[field]
    words = json.dumps(DESCRIPTIONS)
    assert "None" not in words and "tuple" not in words


def test_the_schema_requires_what_every_report_writes(validator: Draft202012Validator) -> None:
    report = sw.check(EXAMPLES / "faults" / "tr-import-hs-length.xml").to_dict()
    for field in ("source", "verdict", "findings", "countries", "declaration"):
        broken = {k: v for k, v in report.items() if k != field}
        assert not validator.is_valid(broken), field
    finding = dict(report["findings"][0])
    del finding["line"]
    assert not validator.is_valid({**report, "findings": [finding]})
    assert not validator.is_valid({**report, "verdict": "maybe"})
    assert not validator.is_valid({**report, "surprise": 1})
    nested = {**finding, "line": 1, "params": {"x": {"message_id": "m"}}}
    assert not validator.is_valid({**report, "findings": [nested]})


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_example_report_fits_the_schema(
    fmt: str, tmp_path: Path, validator: Draft202012Validator
) -> None:
    reports = cli_reports(tmp_path, fmt, "check", str(EXAMPLES))
    assert len(reports) == len(list(EXAMPLES.rglob("*.xml")))
    assert {r["verdict"] for r in reports} == {"accept", "reject"}
    assert_valid(validator, reports)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_corpus_report_fits_the_schema(
    fmt: str, tmp_path: Path, validator: Draft202012Validator
) -> None:
    if not CORPUS_ROOT.is_dir():
        pytest.skip(f"no corpus at {CORPUS_ROOT}")
    reports = cli_reports(tmp_path, fmt, "check", str(CORPUS_ROOT))
    assert len(reports) >= 300
    assert any(r["declaration"] and r["declaration"]["format"] == "ncts" for r in reports)
    assert_valid(validator, reports)


def test_validate_reports_fit_the_schema(tmp_path: Path, validator: Draft202012Validator) -> None:
    reports = cli_reports(tmp_path, "jsonl", "validate", str(EXAMPLES))
    assert all("packs" not in r for r in reports)
    assert_valid(validator, reports)


def test_reports_of_unreadable_input_fit_the_schema(
    tmp_path: Path, validator: Draft202012Validator
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "truncated.xml").write_bytes(b"<Declaration")
    (tmp_path / "in" / "doctype.xml").write_bytes(b"<!DOCTYPE x><x/>")
    (tmp_path / "in" / "other.xml").write_bytes(b"<Parcel/>")
    reports = cli_reports(tmp_path, "jsonl", "check", str(tmp_path / "in"))
    assert all(r["declaration"] is None for r in reports)
    assert_valid(validator, reports)


def test_explained_reports_fit_the_schema(validator: Draft202012Validator) -> None:
    reports = [
        sw.check(path, explain=True).to_dict()
        for path in (
            EXAMPLES / "middle-corridor-tir.xml",
            EXAMPLES / "faults" / "tr-import-hs-length.xml",
        )
    ]
    assert all(r["explanation"] for r in reports)
    assert any(o["reason_params"] for r in reports for o in r["explanation"])
    assert_valid(validator, reports)
