"""Findings and reports: the one shape every stage reports in.

A :class:`Finding` is what every stage of the pipeline produces when something is wrong
(or worth knowing): the secure reader (``XML-*``), schema validation (``XSD``), model
mapping and normalization (``MODEL-*``, ``NORM-*``) and the Single Stop rules (country
rule ids such as ``TR-HS-LENGTH``). Tests and callers match on :attr:`Finding.rule` and
:attr:`Finding.path`, never on message text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CountryVerdict",
    "DeclarationSummary",
    "Finding",
    "Report",
    "Severity",
    "Verdict",
]


class Severity(StrEnum):
    """How serious a finding is. Any ``error`` rejects the declaration."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Numeric rank: error 2, warning 1, info 0."""
        return _RANK[self]


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}


class Verdict(StrEnum):
    """Outcome for a declaration, or for one country's part of it."""

    ACCEPT = "accept"
    REJECT = "reject"


class Finding(BaseModel):
    """One problem (or note) about a declaration, located in the source document.

    Attributes:
        rule: Stable rule id, e.g. ``XML-SYNTAX``, ``XSD``, ``TR-HS-LENGTH``.
        country: ISO 3166 alpha-2 code of the country whose rule fired, or None for the
            reading/schema/model stages and the country-neutral baseline.
        agency: The agency the rule belongs to (``customs``, ``phytosanitary``, ...), or
            None for stage findings.
        severity: ``error``, ``warning`` or ``info``.
        message: Human-readable text; the offending value first, then what was expected.
        path: 1-based XPath into the document, e.g.
            ``/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/Commodity``.
        line: 1-based source line, when known.
        column: 1-based source column, when known (reader findings).
        value: The offending value, where useful.
    """

    model_config = ConfigDict(frozen=True, use_enum_values=False)

    rule: str
    severity: Severity
    message: str
    country: str | None = None
    agency: str | None = None
    path: str | None = None
    line: int | None = None
    column: int | None = None
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data (the report contract's field order)."""
        data: dict[str, Any] = {
            "rule": self.rule,
            "country": self.country,
            "agency": self.agency,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
        }
        if self.column is not None:
            data["column"] = self.column
        if self.value is not None:
            data["value"] = self.value
        return data

    def sort_key(self) -> tuple[int, int, str, str, str]:
        """Stable order: by line, then severity (errors first), rule, path, message."""
        return (
            self.line if self.line is not None else 0,
            -self.severity.rank,
            self.rule,
            self.path or "",
            self.message,
        )


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding has severity ``error``."""
    return any(f.severity is Severity.ERROR for f in findings)


class CountryVerdict(BaseModel):
    """One country's verdict on a declaration: its own error and warning counts."""

    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    errors: int = 0
    warnings: int = 0


class DeclarationSummary(BaseModel):
    """The few header values a report names a declaration by."""

    model_config = ConfigDict(frozen=True)

    id: str | None = None
    type: str | None = None
    function: str | None = None


class Report(BaseModel):
    """What :func:`single_window.check` returns for one declaration.

    The JSON form (:meth:`to_dict`) is the public report contract: ``source``,
    ``declaration`` (id, type, function), ``verdict``, ``countries`` (code ->
    verdict, errors, warnings) and ``findings``.
    """

    model_config = ConfigDict(frozen=True)

    source: str
    declaration: DeclarationSummary | None = None
    verdict: Verdict
    countries: dict[str, CountryVerdict] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    explanation: tuple[Any, ...] | None = None
    """With ``check(..., explain=True)``: one outcome per rule (rule, country, status,
    reason, findings), saying whether it ran, passed, failed or did not apply and why."""

    @property
    def ok(self) -> bool:
        """True when the declaration is accepted."""
        return self.verdict is Verdict.ACCEPT

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity ``error``."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity ``warning``."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def rules(self) -> list[str]:
        """The rule ids of all findings, in report order."""
        return [f.rule for f in self.findings]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data, in the contract's field order."""
        return {
            "source": self.source,
            "declaration": (
                self.declaration.model_dump() if self.declaration is not None else None
            ),
            "verdict": self.verdict.value,
            "countries": {
                code: {"verdict": cv.verdict.value, "errors": cv.errors, "warnings": cv.warnings}
                for code, cv in self.countries.items()
            },
            "findings": [f.to_dict() for f in self.findings],
        } | (
            {"explanation": [_outcome_dict(o) for o in self.explanation]}
            if self.explanation is not None
            else {}
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output (e.g. a JSON line)."""
        return cls.model_validate(data)


def _outcome_dict(outcome: Any) -> dict[str, Any]:
    if isinstance(outcome, dict):
        return outcome
    return {
        "rule": outcome.rule,
        "country": outcome.country,
        "status": outcome.status,
        "reason": outcome.reason,
        "findings": outcome.findings,
    }
