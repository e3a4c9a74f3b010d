"""The exception tree.

::

    SingleWindowError
     ├── DeclarationError        bad input: the document cannot be turned into a model
     │                           (raised by ``parse``; ``validate``/``check`` return
     │                           findings instead). Carries the findings.
     ├── ModelValueError         a model built in Python holds a value XML cannot carry
     │                           (raised by ``Declaration.to_xml``; also a ValueError).
     ├── ConversionError         a declaration cannot be written in another format: the
     │                           target requires data it lacks, or does not take its kind
     │                           (raised by ``convert``; also a ValueError).
     └── ConfigurationError      bad set-up: a broken rule pack, an unknown country,
          │                      a schema that does not compile, a bad option.
          ├── RulePackError      a country pack file that does not load (names file,
          │                      rule and field)
          └── SchemaError        an XSD that cannot be read or compiled
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from single_window.findings import Finding

__all__ = [
    "ConfigurationError",
    "ConversionError",
    "DeclarationError",
    "ModelValueError",
    "RulePackError",
    "SchemaError",
    "SingleWindowError",
]


class SingleWindowError(Exception):
    """Base class of every error the library raises."""


class DeclarationError(SingleWindowError):
    """The input is not a readable, valid declaration.

    Attributes:
        findings: The findings that explain why (at least one of severity error).
    """

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


class ModelValueError(SingleWindowError, ValueError):
    """A value of a declaration model cannot be written as XML 1.0: it holds a NUL, another
    control character or an unpaired surrogate, or it is of a type its field does not hold
    (only a model built or changed in Python can be so; a document the library read
    cannot).

    Attributes:
        field: Where the value is, e.g. ``Declaration.goods_shipment.importer.name.value``.
        value: The value.
    """

    def __init__(self, field: str, value: object, problem: str | None = None) -> None:
        super().__init__(f"{field}: {value!r} {problem or 'holds a character XML cannot carry'}")
        self.field = field
        self.value = value


class ConversionError(SingleWindowError, ValueError):
    """A declaration cannot be converted to the format asked for: it is not of a kind the
    format declares (a CC013C amendment, an import to NCTS), or the format requires a
    field the declaration lacks and no documented default fills.

    Attributes:
        target: The format asked for (``ncts``).
        missing: (the target's path, the source's path) of each required field missing.
    """

    def __init__(
        self, message: object, target: str, missing: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__(str(message))
        self.said = message
        self.target = target
        self.missing = missing

    def text(self, lang: str) -> str:
        """The error's message in ``lang`` (a library message is rendered in it; other
        text is given as it is)."""
        render = getattr(self.said, "render", None)
        return str(render(lang)) if callable(render) else str(self.said)


class ConfigurationError(SingleWindowError):
    """The library was set up wrongly: a pack, a country code, a schema or an option."""


class RulePackError(ConfigurationError):
    """A rule pack file failed to load or validate."""

    def __init__(self, file: str, message: str, *, rule: str | None = None) -> None:
        where = f"{file}: rule {rule}" if rule else file
        super().__init__(f"{where}: {message}")
        self.file = file
        self.rule = rule


class SchemaError(ConfigurationError):
    """An XSD schema could not be read or compiled."""
