"""The shape of a rule pack file, validated with pydantic when a pack is loaded.

A pack is a TOML file: a ``[pack]`` table (country, name, national currency, sources)
and ``[[rules]]``, each with an id, agency, severity, an applicability condition
(``[rules.when]``), a check (``[rules.check]``, one of a few data kinds or a named
Python predicate), a message template and its source.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from single_window.findings import Severity

__all__ = [
    "Agency",
    "CheckSpec",
    "PackFile",
    "PackInfo",
    "Role",
    "RuleSpec",
    "When",
]


class Agency(StrEnum):
    """The border agency a rule speaks for."""

    CUSTOMS = "customs"
    PHYTOSANITARY = "phytosanitary"
    VETERINARY = "veterinary"
    LICENSING = "licensing"
    STATISTICS = "statistics"
    STANDARDS = "standards"
    TAX = "tax"


class Role(StrEnum):
    """A country's role on the declaration's route.

    ``declaring``: where the declaration is lodged (MetaData ResponsibleCountryCode, or
    the declaration office's country). ``export``: the export/dispatch country.
    ``transit``: a routing country between them. ``destination``: the destination.
    """

    DECLARING = "declaring"
    EXPORT = "export"
    TRANSIT = "transit"
    DESTINATION = "destination"


_STRICT = ConfigDict(extra="forbid", frozen=True)
_HS_RANGE = re.compile(r"^(\d{2,10})(?:-(\d{2,10}))?$")


class When(BaseModel):
    """When a rule applies. Every condition given must hold; none given means always.

    Attributes:
        roles: The pack country must have one of these roles on the declaration.
        declaration_types: Declaration TypeCode prefixes (``IM``, ``EX``, ``CO``) or
            exact codes (``IMA``).
        functions: Message function codes (``9`` original, ``13`` amendment/request,
            ``14`` ...): e.g. ``["9"]`` for rules that need the whole declaration.
        procedures: Requested procedure codes (first two characters of the item's
            procedure code), e.g. ``["40", "51"]``.
        hs: Commodity code prefixes or prefix ranges: ``"16"``, ``"01-05"``,
            ``"0701-0714"``.
        valid_from: First day the rule is in force (compared with the declaration's own
            date, or the ``on=`` date of the check).
        valid_to: Last day the rule is in force.
    """

    model_config = _STRICT

    roles: tuple[Role, ...] | None = None
    declaration_types: tuple[str, ...] | None = None
    functions: tuple[str, ...] | None = None
    procedures: tuple[str, ...] | None = None
    hs: tuple[str, ...] | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    @field_validator("hs")
    @classmethod
    def _hs_ranges(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        for item in value or ():
            m = _HS_RANGE.match(item)
            if m is None:
                raise ValueError(f"{item!r} is not an HS prefix or prefix range like '01-05'")
            if m.group(2) is not None and len(m.group(1)) != len(m.group(2)):
                raise ValueError(f"{item!r}: both ends of a range must have the same length")
        return value

    @model_validator(mode="after")
    def _window(self) -> When:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from is after valid_to")
        return self


class _Check(BaseModel):
    model_config = _STRICT
    field: str | None = None


class PatternCheck(_Check):
    """Each selected value must match a regular expression (full match)."""

    kind: Literal["pattern"]
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        return value


class LengthCheck(_Check):
    """Each selected value must have one of the given lengths."""

    kind: Literal["length"]
    lengths: tuple[int, ...] = Field(min_length=1)


class OneOfCheck(_Check):
    """Each selected value must be one of the given values."""

    kind: Literal["one_of"]
    values: tuple[str, ...] = Field(min_length=1)


class RequiredCheck(_Check):
    """The selected field must be present."""

    kind: Literal["required"]


class DocumentCheck(_Check):
    """The goods item (or declaration) must carry a document with one of these codes
    (category + type, e.g. ``C640``)."""

    kind: Literal["document"]
    codes: tuple[str, ...] = Field(min_length=1)


class IdentifierCheck(_Check):
    """Each selected identifier must pass a validator: ``stdnum:<module>`` (a
    python-stdnum module such as ``tr.vkn``) or the name of a registered identifier
    predicate (e.g. ``kz-bin``)."""

    kind: Literal["identifier"]
    validators: tuple[str, ...] = Field(min_length=1)
    """The identifier is valid when any one validator accepts it."""
    parties: tuple[str, ...] = ("importer", "exporter", "declarant", "consignee", "consignor")
    """Which parties' IDs are checked (only those registered in the pack's country)."""
    strip_prefix: bool = True
    """Remove a leading country code (``TR1234567890`` -> ``1234567890``) before the
    validators see the ID; set false for validators of prefixed forms (EU VAT, EORI)."""


class ThresholdCheck(_Check):
    """The selected amount must not exceed a limit (only compared in the same currency)."""

    kind: Literal["max_amount"]
    limit: Decimal
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class PredicateCheck(_Check):
    """A named Python predicate from the registry (for what data cannot say)."""

    kind: Literal["predicate"]
    predicate: str
    params: dict[str, str | int | float | bool | list[str]] = Field(default_factory=dict)


CheckSpec = Annotated[
    PatternCheck
    | LengthCheck
    | OneOfCheck
    | RequiredCheck
    | DocumentCheck
    | IdentifierCheck
    | ThresholdCheck
    | PredicateCheck,
    Field(discriminator="kind"),
]


class RuleSpec(BaseModel):
    """One rule as written in a pack file."""

    model_config = _STRICT

    id: str = Field(pattern=r"^[A-Z]{2,4}(-[A-Z0-9]+)+$")
    title: str = Field(min_length=3)
    agency: Agency
    severity: Severity
    scope: Literal["declaration", "item"] = "item"
    when: When = Field(default_factory=When)
    check: CheckSpec
    message: str = Field(min_length=3)
    source: str = Field(min_length=3)
    """Legal basis or reference (URL, act, decision); required for every rule."""
    example: bool = False
    """True when the fact behind the rule is not confirmed: the rule is an example and
    reports at most a warning."""
    why: str = ""
    """Why the rule exists (documentation)."""

    @model_validator(mode="after")
    def _examples_warn(self) -> RuleSpec:
        if self.example and self.severity is Severity.ERROR:
            raise ValueError("an example rule (unconfirmed fact) may not be an error")
        return self


class PackInfo(BaseModel):
    """The ``[pack]`` table."""

    model_config = _STRICT

    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    """ISO 3166 alpha-2 code; None (omitted) for the country-neutral baseline."""
    name: str
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    member: Literal["member", "observer", "partner", "neutral"] = "member"
    summary: str = ""


class PackFile(BaseModel):
    """A whole pack file."""

    model_config = _STRICT

    pack: PackInfo
    rules: tuple[RuleSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> PackFile:
        prefix = f"{self.pack.country}-" if self.pack.country else "WCO-"
        seen: set[str] = set()
        for rule in self.rules:
            if not rule.id.startswith(prefix):
                raise ValueError(f"rule {rule.id}: ids in this pack start with {prefix!r}")
            if rule.id in seen:
                raise ValueError(f"rule {rule.id}: duplicate id")
            seen.add(rule.id)
        return self
