"""The shape of a rule pack file, validated with pydantic when a pack is loaded.

A pack is a TOML file: a ``[pack]`` table (country, name, national currency, sources)
and ``[[rules]]``, each with an id, agency, severity, an applicability condition
(``[rules.when]``), a check (``[rules.check]``, one of a few data kinds or a named
Python predicate), a message template and its source.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from single_window import codelists
from single_window._i18n import N_, define
from single_window.findings import Severity
from single_window.rules._kinds import CheckSpec
from single_window.rules._messages import Template
from single_window.rules._when import When

__all__ = [
    "AGENCY_WORDS",
    "SCOPE_WORDS",
    "Agency",
    "ListExtension",
    "PackFile",
    "PackInfo",
    "RuleSpec",
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


#: The agencies as words (``agency.<agency>``).
AGENCY_WORDS = define(
    "agency",
    {
        "customs": N_("customs"),
        "phytosanitary": N_("phytosanitary"),
        "veterinary": N_("veterinary"),
        "licensing": N_("licensing"),
        "statistics": N_("statistics"),
        "standards": N_("standards"),
        "tax": N_("tax"),
    },
)
#: What a rule looks at, as words (``scope.<scope>``): the declaration, or each goods item
#: (``item``).
SCOPE_WORDS = define("scope", {"declaration": N_("declaration"), "item": N_("item")})

_STRICT = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(BaseModel):
    """One rule as written in a pack file."""

    model_config = _STRICT

    id: str = Field(pattern=r"^[A-Z]{2,8}(-[A-Z0-9]+)+$")
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

    @field_validator("message")
    @classmethod
    def _template(cls, value: str) -> str:
        Template(value)  # raises ValueError naming what is not allowed
        return value

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
    timezone: str | None = None
    """The country's time zone (an IANA tz database name such as ``Europe/Istanbul``):
    a declaration lodged there is dated in it (see :func:`declaration_date`)."""

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"{value!r} is not a time zone of the IANA tz database") from None
        return value


class ListExtension(BaseModel):
    """A ``[[lists]]`` table: national or regional codes a pack adds to a reference list.

    While the pack's country is involved, the country-neutral code-list rules accept these
    codes too (on the dates given).
    """

    model_config = _STRICT

    name: str
    """The reference list, e.g. ``unit`` (see ``single_window.codelists``)."""
    codes: tuple[str, ...] = Field(min_length=1)
    source: str = Field(min_length=3)
    """Where the codes come from; required, as for a rule."""
    valid_from: date | None = None
    valid_to: date | None = None

    @field_validator("name")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in codelists.names():
            raise ValueError(f"no code list {value!r} (lists: {', '.join(codelists.names())})")
        return value

    def applies_on(self, day: date) -> bool:
        """Whether the codes are added on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


#: How the ids of a country-neutral pack's rules start: ``WCO-`` for the consistency of a
#: WCO DM declaration and its code lists, ``TRANSIT-`` for the shared transit regimes.
NEUTRAL_PREFIXES: tuple[str, ...] = ("WCO-", "TRANSIT-")


class PackFile(BaseModel):
    """A whole pack file."""

    model_config = _STRICT

    pack: PackInfo
    rules: tuple[RuleSpec, ...] = Field(min_length=1)
    lists: tuple[ListExtension, ...] = ()

    @model_validator(mode="after")
    def _ids(self) -> PackFile:
        prefixes = (f"{self.pack.country}-",) if self.pack.country else NEUTRAL_PREFIXES
        seen: set[str] = set()
        for rule in self.rules:
            if not rule.id.startswith(prefixes):
                listed = " or ".join(repr(p) for p in prefixes)
                raise ValueError(f"rule {rule.id}: ids in this pack start with {listed}")
            if rule.id in seen:
                raise ValueError(f"rule {rule.id}: duplicate id")
            seen.add(rule.id)
        return self
