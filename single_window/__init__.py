"""single_window: read, validate and check WCO Data Model customs declarations.

Parse a WCO DM goods declaration into typed models, validate it against the bundled OTS
profile (or a national XSD), and run every involved country's Single Stop rules over it
in one pass.
"""

from __future__ import annotations

from single_window import codelists, codes
from single_window._api import ValidationResult, parse, validate
from single_window._batch import check_many, validate_many
from single_window._check import check
from single_window._reader import Limits
from single_window.errors import (
    ConfigurationError,
    DeclarationError,
    RulePackError,
    SchemaError,
    SingleWindowError,
)
from single_window.findings import (
    CountryVerdict,
    DeclarationSummary,
    Finding,
    Report,
    Severity,
    Verdict,
)
from single_window.models import Declaration
from single_window.schema import Schema, load_schema

__version__ = "0.1.0"

__all__ = [
    "ConfigurationError",
    "CountryVerdict",
    "Declaration",
    "DeclarationError",
    "DeclarationSummary",
    "Finding",
    "Limits",
    "Report",
    "RulePackError",
    "Schema",
    "SchemaError",
    "Severity",
    "SingleWindowError",
    "ValidationResult",
    "Verdict",
    "__version__",
    "check",
    "check_many",
    "codelists",
    "codes",
    "load_schema",
    "parse",
    "validate",
    "validate_many",
]
