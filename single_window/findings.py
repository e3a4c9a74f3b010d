"""Findings and reports: the one shape every stage reports in.

A :class:`Finding` is what every stage of the pipeline produces when something is wrong
(or worth knowing): the secure reader (``XML-*``), schema validation (``XSD``), model
mapping and normalization (``MODEL-*``, ``NORM-*``) and the Single Stop rules (country
rule ids such as ``TR-HS-LENGTH``). Tests and callers match on :attr:`Finding.rule` and
:attr:`Finding.path`, never on message text.

A finding keeps its message as data beside the English text: :attr:`Finding.message_id`
and :attr:`Finding.params` (see :mod:`single_window._i18n` for the ids and how a message
is rendered).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from single_window._display import display_name
from single_window._i18n import N_, define

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

#: The severities as words (``severity.<value>``).
SEVERITY_WORDS = define(
    "severity",
    {"error": N_("error"), "warning": N_("warning"), "info": N_("info")},
)


class Verdict(StrEnum):
    """Outcome for a declaration, or for one country's part of it."""

    ACCEPT = "accept"
    REJECT = "reject"


#: The verdicts as words (``verdict.<value>``).
VERDICT_WORDS = define("verdict", {"accept": N_("accept"), "reject": N_("reject")})

#: How a finding reads as one line (``finding.<key>``): where it is, and a warning's or
#: note's severity before its message.
_TEXTS = define(
    "finding",
    {
        "line": N_("line {line}"),
        "line-column": N_("line {line}:{column}"),
        "labelled": N_("{severity}: {message}"),
    },
)


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
        message_id: The id of the message's template: the rule id for a pack rule
            (``TR-HS-LENGTH``), the code and a key for a stage finding
            (``XML-IO.not-found``); None for a finding made without one.
        params: The values of the template's placeholders, JSON-ready; a value may be a
            message itself (``{"message_id": ..., "params": {...}}``) or a list (``{"join":
            "list.or", "items": [...]}``). ``message`` is the template rendered in
            English with them.
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
    message_id: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)

    def __str__(self) -> str:
        """The finding as one readable line: ``RULE [CC] line N:C: message (path)``.

        The country, the line (and column) and the path appear only when known;
        warnings and notes say so before the message. Whitespace in the message is
        collapsed and unsafe characters are escaped, so the text is always one line.

        Example:
            ``TR-HS-LENGTH [TR] line 47: '7318159000' has 10 digits; Turkish GTIP codes
            have 12 (/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/...)``
        """
        head = self.rule
        if self.country:
            head += f" [{self.country}]"
        if self.line is not None:
            where = _TEXTS("line", line=self.line)
            if self.column is not None:
                where = _TEXTS("line-column", line=self.line, column=self.column)
            head += f" {where.render()}"
        text = f"{head}: {self.labelled()}"
        if self.path:
            text += f" ({self.path})"
        return display_name(text)

    def labelled(self, lang: str = "en") -> str:
        """The message on one line, after the severity unless it is an error (as
        compilers write warnings): ``warning: ...``; the severity's word in ``lang`` (the
        language of the message, :attr:`Report.lang`)."""
        message = " ".join(self.message.split())
        if self.severity is Severity.ERROR:
            return message
        severity = SEVERITY_WORDS(self.severity.value)
        return _TEXTS("labelled", severity=severity, message=message).render(lang)

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data (the report contract's field order; the
        message's id and parameters last)."""
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
        data["message_id"] = self.message_id
        data["params"] = self.params
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
    """One country's verdict on a declaration: its own error and warning counts, and the
    roles it has on the declaration's route (``declaring``, ``export``, ``departure``,
    ``transit``, ``destination``)."""

    model_config = ConfigDict(frozen=True)

    verdict: Verdict
    errors: int = 0
    warnings: int = 0
    roles: tuple[str, ...] = ()


class DeclarationSummary(BaseModel):
    """The few header values a report names a declaration by."""

    model_config = ConfigDict(frozen=True)

    id: str | None = None
    type: str | None = None
    function: str | None = None
    kind: str | None = None
    """``import``, ``export`` or ``transit`` (see ``Declaration.kind``)."""
    format: str | None = None
    """The format the document was read as (``wco``; see ``single_window.formats``)."""
    version: str | None = None
    """The format's version the document gave, where the format has several."""


class Report(BaseModel):
    """What :func:`single_window.check` returns for one declaration.

    The JSON form (:meth:`to_dict`) is the public report contract: ``source``, ``lang``,
    ``declaration`` (id, type, function, kind, format, version), ``verdict``, ``countries`` (code ->
    verdict, errors, warnings, roles), ``route`` and ``packs`` (with ``check``) and
    ``findings``.
    """

    model_config = ConfigDict(frozen=True)

    source: str
    lang: str = "en"
    """The language of the report's texts (its findings' messages, explain-mode
    reasons), as a tag: ``en``, ``kk``, ... (``check(..., lang=...)``). Rule ids, codes,
    paths, values and message parameters are the same in every language."""
    declaration: DeclarationSummary | None = None
    verdict: Verdict
    countries: dict[str, CountryVerdict] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    route: tuple[str, ...] = ()
    """With ``check``: the countries of the route in the order the goods pass them
    (export or departure, transit countries, destination)."""
    packs: tuple[str, ...] | None = None
    """With ``check``: the rule packs that ran, ``baseline`` (the country-neutral rules)
    first, then the country packs; ``("baseline",)`` alone says that no country pack
    applied, and an empty tuple that no rule ran (the document failed an earlier
    stage). None when no rules were asked for (``validate``)."""
    explanation: tuple[Any, ...] | None = None
    """With ``check(..., explain=True)``: one outcome per rule (rule, country, status,
    reason, findings, and the reason's message id and parameters), saying whether it
    ran, passed, failed or did not apply and why."""

    @property
    def ok(self) -> bool:
        """True when the declaration is accepted."""
        return self.verdict is Verdict.ACCEPT

    @property
    def country_neutral_only(self) -> bool:
        """True when rules ran but no country pack applied: only the country-neutral
        rules judged the declaration."""
        return self.packs is not None and len(self.packs) > 0 and not self.countries

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
        """The report as plain JSON-ready data, in the contract's field order.

        ``route`` and ``packs`` follow ``countries`` when rules were asked for
        (``check``), and
        ``explanation`` comes last with ``explain=True``.
        """
        data: dict[str, Any] = {
            "source": self.source,
            "lang": self.lang,
            "declaration": (
                self.declaration.model_dump() if self.declaration is not None else None
            ),
            "verdict": self.verdict.value,
            "countries": {
                code: {
                    "verdict": cv.verdict.value,
                    "errors": cv.errors,
                    "warnings": cv.warnings,
                    "roles": list(cv.roles),
                }
                for code, cv in self.countries.items()
            },
        }
        if self.packs is not None:
            data["route"] = list(self.route)
            data["packs"] = list(self.packs)
        data["findings"] = [f.to_dict() for f in self.findings]
        if self.explanation is not None:
            data["explanation"] = [_outcome_dict(o) for o in self.explanation]
        return data

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
        "reason_id": outcome.reason_id,
        "reason_params": outcome.reason_params,
    }
