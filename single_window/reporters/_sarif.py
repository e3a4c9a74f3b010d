"""``sarif``: SARIF 2.1.0, the format GitHub code scanning and other CI tools read.

One run with one result per finding. ``tool.driver.rules`` describes every rule of the
registry in use (id, title, severity, country, agency, source) and every pipeline stage
code (``XML-SYNTAX``, ``XSD``, ...), so each result's ``ruleIndex`` is known while the
results stream out. Results are written as the reports arrive; the ``tool`` object
follows the ``results`` array (JSON objects are unordered), which keeps memory flat.

Artifact URIs are relative to the working directory (``uriBaseId`` ``%SRCROOT%``) when
the file lies below it, as code scanning expects for files in the checked-out repository.
They are built from the report's display name (:mod:`single_window._display`), so a
name with bytes that are not UTF-8 or control characters still gives a valid URI.

What a viewer shows as text (each result's message and offending value, each rule's
descriptions and help) has control and bidi characters shown as visible escapes
(``\u202e``), whether they come from a declaration or a rule pack; every other string
is written exactly, JSON-escaped like all non-ASCII text of the log.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from single_window._display import display_name, display_text
from single_window.codes import STAGE_CODES
from single_window.findings import Finding, Report, Severity
from single_window.reporters._base import Reporter, in_language, stage_text, stage_titles
from single_window.reporters._labels import current, text

__all__ = ["SARIF_SCHEMA", "SarifReporter"]

#: The ``$schema`` written into the log (an identifier; nothing is fetched).
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: A URL in a rule's source; it ends before a backslash, where an escaped control or
#: bidi character would begin (the source is matched as display_name shows it).
_URL = re.compile(r"https?://[^\s;,)\\]+")


def _stage_rules() -> list[dict[str, Any]]:
    lang = current()
    return [
        {
            "id": code.code,
            "name": code.code.title().replace("-", ""),
            "shortDescription": {"text": stage_titles(lang)[code.code] + "."},
            "fullDescription": {"text": stage_text(code.code, "meaning", lang)},
            "help": {"text": stage_text(code.code, "action", lang)},
            "defaultConfiguration": {"level": _LEVEL[code.severity]},
            "properties": {"stage": code.stage, "tags": ["single-window", code.stage]},
        }
        for code in STAGE_CODES
    ]


def _uri(source: str, base: Path) -> tuple[str, str | None]:
    """A URI reference for a source and its ``uriBaseId`` (None for absolute URIs)."""
    path = Path(source)
    if not path.is_absolute():
        return quote(path.as_posix()), "%SRCROOT%"
    try:
        relative = path.resolve().relative_to(base.resolve())
    except (ValueError, OSError):
        return path.as_uri(), None
    return quote(relative.as_posix()), "%SRCROOT%"


class SarifReporter(Reporter):
    """Writes one SARIF 2.1.0 log."""

    name = "sarif"
    suffix = ".sarif"

    @in_language
    def start(self) -> None:
        self._rules: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}
        for info in self.context.rules:
            title = self.context.title(info.id)
            applies_when = self.context.applies_when(info.id)
            descriptor: dict[str, Any] = {
                "id": info.id,
                "shortDescription": {"text": display_text(title)},
                "fullDescription": {
                    "text": display_text(text("rule-full", title=title, applies_when=applies_when))
                },
                "help": {"text": display_text(text("rule-source", source=info.source))},
                "defaultConfiguration": {"level": _LEVEL[Severity(info.severity)]},
                "properties": {
                    "country": info.country,
                    "agency": info.agency,
                    "scope": info.scope,
                    "appliesWhen": applies_when,
                    "source": info.source,
                    "pack": info.pack,
                    "example": info.example,
                    "tags": ["single-window", info.country or "baseline", info.agency],
                },
            }
            url = _URL.search(display_name(info.source))
            if url:
                descriptor["helpUri"] = url.group(0)
            self._add_rule(descriptor)
        for descriptor in _stage_rules():
            if descriptor["id"] not in self._index:
                self._add_rule(descriptor)
        self._first = True
        base = self.context.base_dir.resolve().as_uri() + "/"
        self.out.write(
            '{"$schema": ' + json.dumps(SARIF_SCHEMA) + ', "version": "2.1.0", "runs": [{'
            '"originalUriBaseIds": {"%SRCROOT%": {"uri": ' + json.dumps(base) + "}}, "
            '"columnKind": "unicodeCodePoints", "results": ['
        )

    def _add_rule(self, descriptor: dict[str, Any]) -> int:
        self._index[descriptor["id"]] = len(self._rules)
        self._rules.append(descriptor)
        return len(self._rules) - 1

    def _result(self, report: Report, f: Finding) -> dict[str, Any]:
        index = self._index.get(f.rule)
        if index is None:  # a rule from outside the registry (e.g. a newer stage code)
            index = self._add_rule(
                {
                    "id": f.rule,
                    "shortDescription": {"text": display_name(text("rule-unknown", rule=f.rule))},
                }
            )
        uri, base_id = _uri(display_name(report.source), self.context.base_dir)
        artifact: dict[str, Any] = {"uri": uri}
        if base_id is not None:
            artifact["uriBaseId"] = base_id
        physical: dict[str, Any] = {"artifactLocation": artifact}
        if f.line:
            region: dict[str, Any] = {"startLine": f.line}
            if f.column:
                region["startColumn"] = f.column
            physical["region"] = region
        location: dict[str, Any] = {"physicalLocation": physical}
        if f.path:
            location["logicalLocations"] = [{"fullyQualifiedName": f.path, "kind": "element"}]
        properties: dict[str, Any] = {"severity": f.severity.value}
        for key, value in (
            ("country", f.country),
            ("agency", f.agency),
            ("value", display_text(f.value) if f.value is not None else None),
            ("declaration", report.declaration.id if report.declaration else None),
            ("format", report.declaration.format if report.declaration else None),
            ("version", report.declaration.version if report.declaration else None),
        ):
            if value is not None:
                properties[key] = value
        return {
            "ruleId": f.rule,
            "ruleIndex": index,
            "level": _LEVEL[f.severity],
            "message": {"text": display_text(f.message)},
            "locations": [location],
            "properties": properties,
        }

    @in_language
    def add(self, report: Report) -> None:
        for f in sorted(report.findings, key=Finding.sort_key):
            self.out.write(("" if self._first else ", ") + json.dumps(self._result(report, f)))
            self._first = False

    @in_language
    def finish(self) -> None:
        tool = {
            "driver": {
                "name": "single-window",
                "fullName": text("tool-name"),
                "version": self.context.tool_version,
                "semanticVersion": self.context.tool_version,
                "rules": self._rules,
            }
        }
        invocation = {
            "executionSuccessful": True,
            "startTimeUtc": self.context.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        self.out.write(
            '], "tool": ' + json.dumps(tool) + ', "invocations": ' + json.dumps([invocation])
        )
        self.out.write("}]}\n")
        self.out.flush()
