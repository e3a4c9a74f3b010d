"""single_window: read, validate and check WCO Data Model customs declarations.

Parse a WCO DM goods declaration into typed models, validate it against the bundled OTS
profile (or a national XSD), and run every involved country's Single Stop rules over it
in one pass.

The public names are loaded when first used (PEP 562 module ``__getattr__``): importing
the package, or the command line, costs no lxml, pydantic or rule engine until a name
that needs them is read. ``from single_window import check`` works as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from single_window._lazy import lazy_names

if TYPE_CHECKING:
    from single_window import codelists, codes
    from single_window._api import ValidationResult, parse, validate
    from single_window._batch import check_many, validate_many
    from single_window._check import check
    from single_window._convert import Conversion, ConversionWarning, Default, Loss, convert
    from single_window._lang import languages
    from single_window._limits import Limits
    from single_window.errors import (
        ConfigurationError,
        ConversionError,
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
    "Conversion",
    "ConversionError",
    "ConversionWarning",
    "CountryVerdict",
    "Declaration",
    "DeclarationError",
    "DeclarationSummary",
    "Default",
    "Finding",
    "Limits",
    "Loss",
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
    "convert",
    "languages",
    "load_schema",
    "parse",
    "validate",
    "validate_many",
]

#: The module each public name lives in; a name equal to its module's last part is the
#: module itself (``codes``, ``codelists``).
_HOME: dict[str, str] = {
    "ConfigurationError": "single_window.errors",
    "ConversionError": "single_window.errors",
    "Conversion": "single_window._convert",
    "ConversionWarning": "single_window._convert",
    "Default": "single_window._convert",
    "Loss": "single_window._convert",
    "convert": "single_window._convert",
    "DeclarationError": "single_window.errors",
    "RulePackError": "single_window.errors",
    "SchemaError": "single_window.errors",
    "SingleWindowError": "single_window.errors",
    "CountryVerdict": "single_window.findings",
    "DeclarationSummary": "single_window.findings",
    "Finding": "single_window.findings",
    "Report": "single_window.findings",
    "Severity": "single_window.findings",
    "Verdict": "single_window.findings",
    "Declaration": "single_window.models",
    "Limits": "single_window._limits",
    "Schema": "single_window.schema",
    "load_schema": "single_window.schema",
    "ValidationResult": "single_window._api",
    "parse": "single_window._api",
    "validate": "single_window._api",
    "check": "single_window._check",
    "check_many": "single_window._batch",
    "validate_many": "single_window._batch",
    "codelists": "single_window.codelists",
    "codes": "single_window.codes",
    "languages": "single_window._lang",
}


__getattr__, __dir__ = lazy_names(__name__, _HOME, __all__)
