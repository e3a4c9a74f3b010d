"""The JSON Schema of a report as ``json`` and ``jsonl`` write it, made from the models.

:func:`report_schema` asks pydantic for the schema of :class:`~single_window.Report`
and its parts (``model_json_schema``, serialization mode) and then says what the
models' types cannot:

- which fields every report writes (``required``): those :meth:`Report.to_dict` writes
  for a report with nothing optional set, read from ``to_dict`` itself;
- the shape of a message's ``params`` (a value is a scalar, a nested message or a list
  of values with a joining word) and of an ``explanation`` outcome
  (:class:`single_window.rules.Outcome`);
- what each field means in the report's own terms (:data:`DESCRIPTIONS`: ``null``
  and arrays, where the models' docstrings speak of Python's ``None`` and tuples).

``docs/reference/report.schema.json`` is this schema as :func:`schema_text` writes it
(``python -m single_window._docgen`` regenerates it, and a test checks that it is
current); ``single-window schema report`` prints it.
"""

from __future__ import annotations

import json
import typing
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from single_window._i18n import Join
from single_window.findings import CountryVerdict, DeclarationSummary, Finding, Report, Verdict
from single_window.rules import Outcome

__all__ = ["DESCRIPTIONS", "SCHEMA_DIALECT", "report_schema", "schema_text"]

#: The JSON Schema dialect of the schema (pydantic writes draft 2020-12).
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: What each field means, in the report's own terms (JSON: null, arrays), by definition
#: and field; a test checks that every field of the schema has one.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Report": {
        "": "One declaration's report, as `single-window check --format jsonl` writes it per "
        "line (`--format json` writes an array of them).",
        "source": "The file path as given (control characters escaped), `<stdin>`, or for "
        "input that is no file `<bytes>`, `<string>`, `<stream>`, `<declaration>`.",
        "lang": "The language of the report's texts (findings' messages, explain-mode "
        "reasons), as a tag (`en`, `kk`, ...); rule ids, codes, paths, values and message "
        "parameters are the same in every language.",
        "declaration": "The declaration's header values; null when the document could not be "
        "read as a declaration.",
        "verdict": "`reject` when any finding has severity `error`, else `accept`.",
        "countries": "For each country pack that ran, by country code: its verdict on its own "
        "rules, its counts and its roles.",
        "route": "`check` only: the countries in the order the goods pass them (export or "
        "departure country, transit countries, destination); empty when no rule ran.",
        "packs": "`check` only: the rule packs that ran, `baseline` (the country-neutral "
        'rules) first; `["baseline"]` alone means no country pack applied, `[]` that no rule '
        "ran (the document failed an earlier stage).",
        "findings": "Every finding, in the order the stages and rules reported them.",
        "explanation": "With explain mode (`check(..., explain=True)`): one outcome per rule.",
    },
    "DeclarationSummary": {
        "": "The header values a report names a declaration by.",
        "id": "The declaration's reference: `FunctionalReferenceID` (the LRN), else `ID`.",
        "type": "`TypeCode`, e.g. `IMA`, `T1`.",
        "function": "`FunctionCode`, e.g. `9` (original).",
        "kind": "`import`, `export` or `transit`.",
        "format": "The format the document was read as: `wco` or `ncts`.",
        "version": "The format's version where it has several (NCTS: `5` or `6`), else null.",
    },
    "CountryVerdict": {
        "": "One country's verdict on the declaration, from its own pack's rules only.",
        "verdict": "`reject` when one of the country's own rules found an error.",
        "errors": "Errors found by the country's rules.",
        "warnings": "Warnings found by the country's rules.",
        "roles": "Its roles on the route, of `declaring`, `export`, `departure`, `transit`, "
        "`destination`, in that order; empty when the declaration gives it none.",
    },
    "Finding": {
        "": "One problem (or note) about the declaration, located in the source document.",
        "rule": "The rule id (`TR-HS-LENGTH`) or stage code (`XML-SYNTAX`, `XSD`, ...).",
        "country": "ISO 3166 alpha-2 code of the country whose rule found it; null for the "
        "country-neutral rules and the reading, schema and model stages.",
        "agency": "The agency the rule belongs to (`customs`, `phytosanitary`, ...); null for "
        "stage findings.",
        "severity": "`error` rejects the declaration; `warning` and `info` do not.",
        "message": "What was found, then what was expected, in the report's language.",
        "path": "1-based XPath of the element (or `/@attribute`) in the source document.",
        "line": "1-based line in the source document, when known.",
        "column": "1-based column, when known (reading findings); absent otherwise.",
        "value": "The offending value, where useful; absent otherwise.",
        "message_id": "The id of the message's template: the rule id, or the stage code and "
        "a key (`XML-IO.not-found`).",
        "params": "The values of the template's placeholders, to render the message in "
        "another language.",
    },
    "Outcome": {
        "": "What happened to one rule on the declaration (explain mode).",
        "rule": "The rule id.",
        "country": "The rule's country; null for a country-neutral rule.",
        "status": "`passed`, `failed`, `not-applicable` or `crashed`.",
        "reason": "Why, in the report's language.",
        "findings": "How many findings it made.",
        "reason_id": "The id of the reason's message template.",
        "reason_params": "The values of the reason template's placeholders.",
    },
}


def _describe(schema: dict[str, Any], name: str, required: list[str]) -> None:
    """Give one object's schema its description, its fields' and its required fields."""
    said = DESCRIPTIONS[name]
    schema.pop("title", None)
    schema["description"] = said[""]
    for field, prop in schema.get("properties", {}).items():
        prop.pop("title", None)
        prop.pop("description", None)
        prop["description"] = said[field]
    schema["required"] = required


def _params_defs() -> dict[str, Any]:
    """The shapes of a message's parameters (see :mod:`single_window._i18n`)."""
    joins = [f"list.{join}" for join in typing.get_args(Join)]
    return {
        "Params": {
            "description": "The values of a message template's placeholders, by name.",
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/Param"},
        },
        "Param": {
            "description": "One placeholder's value: a string, a number, a boolean or null, "
            "a message of its own, or a list of values with the word that joins them.",
            "anyOf": [
                {"type": ["string", "number", "boolean", "null"]},
                {"$ref": "#/$defs/NestedMessage"},
                {"$ref": "#/$defs/Listing"},
            ],
        },
        "NestedMessage": {
            "description": "A message inside a message: its id and its parameters.",
            "type": "object",
            "properties": {
                "message_id": {"type": "string"},
                "params": {"$ref": "#/$defs/Params"},
            },
            "required": ["message_id", "params"],
        },
        "Listing": {
            "description": "Values shown as one list, with the word between them.",
            "type": "object",
            "properties": {
                "join": {"enum": joins},
                "items": {"type": "array", "items": {"$ref": "#/$defs/Param"}},
            },
            "required": ["join", "items"],
        },
    }


def _outcome_def() -> dict[str, Any]:
    schema = TypeAdapter(Outcome).json_schema(mode="serialization")
    schema.pop("title", None)
    schema["properties"]["reason_params"] = {"$ref": "#/$defs/Params"}
    written = Report(source="", verdict=Verdict.ACCEPT, explanation=(_an_outcome(),)).to_dict()
    _describe(schema, "Outcome", list(written["explanation"][0]))
    return schema


def _an_outcome() -> Outcome:
    return Outcome(rule="", country=None, status="passed", reason="")


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one report as ``json``/``jsonl`` write it."""
    schema = Report.model_json_schema(mode="serialization")
    defs: dict[str, Any] = schema.pop("$defs")
    minimal = Report(
        source="",
        verdict=Verdict.ACCEPT,
        declaration=DeclarationSummary(),
        countries={"XX": CountryVerdict(verdict=Verdict.ACCEPT)},
        findings=[Finding(rule="", severity="error", message="")],
    ).to_dict()
    defs["Finding"]["properties"]["params"] = {"$ref": "#/$defs/Params"}
    schema["properties"]["explanation"] = {"type": "array", "items": {"$ref": "#/$defs/Outcome"}}
    parts = [
        (schema, "Report", list(Report(source="", verdict=Verdict.ACCEPT).to_dict())),
        (defs["Finding"], "Finding", list(minimal["findings"][0])),
        (defs["CountryVerdict"], "CountryVerdict", list(minimal["countries"]["XX"])),
        (defs["DeclarationSummary"], "DeclarationSummary", list(minimal["declaration"])),
    ]
    for part, name, required in parts:
        _describe(part, name, required)
    for name in ("Severity", "Verdict"):
        defs[name].pop("title", None)
    defs.update(_params_defs(), Outcome=_outcome_def())
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "single-window report",
        **schema,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """:func:`report_schema` as the text of ``docs/reference/report.schema.json``."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
