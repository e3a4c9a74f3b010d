"""Finding codes of the pipeline stages, each a named constant with its documentation.

A :class:`~single_window.Finding` from the reader, the schema, the model, normalization,
the rule engine or the batch runner carries one of these codes as its ``rule``; country
rule packs add their own rule ids (``TR-HS-LENGTH``, ...). Every stage uses the constants
below, and the documentation (``docs/reference/findings.md``) is rendered from
:data:`STAGE_CODES`, so a code cannot be emitted without being documented.

Example:
    >>> from single_window import codes
    >>> codes.XML_SYNTAX
    'XML-SYNTAX'
    >>> codes.describe(codes.XSD).stage
    'schema'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from typing_extensions import TypeAliasType

from single_window._limits import DEFAULT_LIMITS
from single_window.findings import Severity

__all__ = [
    "BATCH_ERROR",
    "BATCH_WORKER",
    "MODEL_ERROR",
    "MODEL_MISSING",
    "MODEL_ROOT",
    "MODEL_UNMAPPED",
    "NORM_DATE",
    "NORM_NUMBER",
    "RULE_CAPPED",
    "RULE_CRASH",
    "RULE_EDITION",
    "RULE_LIMIT",
    "RULE_TIMEOUT",
    "STAGES",
    "STAGE_CODES",
    "XML_DOCTYPE",
    "XML_ENCODING",
    "XML_ENTITY",
    "XML_IO",
    "XML_LIMIT",
    "XML_SYNTAX",
    "XSD",
    "Stage",
    "StageCode",
    "describe",
]

Stage = TypeAliasType("Stage", Literal["read", "schema", "model", "normalize", "rules", "batch"])

#: The pipeline stages in order, with their headings in the documentation.
STAGES: Mapping[Stage, str] = MappingProxyType(
    {
        "read": "Reading",
        "schema": "Schema validation",
        "model": "Mapping to the model",
        "normalize": "Normalization",
        "rules": "Rules",
        "batch": "Batch runs",
    }
)


@dataclass(frozen=True)
class StageCode:
    """A finding code that a pipeline stage (not a rule pack) reports.

    Attributes:
        code: The code, e.g. ``XML-SYNTAX``.
        stage: The pipeline stage that reports it.
        severity: The severity its findings have.
        meaning: What the finding means (Markdown).
        action: What to do about it (Markdown).
    """

    code: str
    stage: Stage
    severity: Severity
    meaning: str
    action: str


XML_SYNTAX: Final = "XML-SYNTAX"
XML_ENCODING: Final = "XML-ENCODING"
XML_DOCTYPE: Final = "XML-DOCTYPE"
XML_ENTITY: Final = "XML-ENTITY"
XML_LIMIT: Final = "XML-LIMIT"
XML_IO: Final = "XML-IO"
XSD: Final = "XSD"
MODEL_ROOT: Final = "MODEL-ROOT"
MODEL_UNMAPPED: Final = "MODEL-UNMAPPED"
MODEL_MISSING: Final = "MODEL-MISSING"
MODEL_ERROR: Final = "MODEL-ERROR"
NORM_DATE: Final = "NORM-DATE"
NORM_NUMBER: Final = "NORM-NUMBER"
RULE_CRASH: Final = "RULE-CRASH"
RULE_TIMEOUT: Final = "RULE-TIMEOUT"
RULE_EDITION: Final = "RULE-EDITION"
RULE_LIMIT: Final = "RULE-LIMIT"
RULE_CAPPED: Final = "RULE-CAPPED"
BATCH_WORKER: Final = "BATCH-WORKER"
BATCH_ERROR: Final = "BATCH-ERROR"

_E, _W = Severity.ERROR, Severity.WARNING

#: Every stage code, in pipeline order.
STAGE_CODES: tuple[StageCode, ...] = (
    StageCode(
        XML_SYNTAX,
        "read",
        _E,
        "The input is not well-formed XML, or it is empty. `line` and `column` are the "
        "parser's position of the first error.",
        "Fix the producing system; a truncated upload or a hand edit is the usual cause.",
    ),
    StageCode(
        XML_ENCODING,
        "read",
        _E,
        "The bytes cannot be decoded: invalid UTF-8, or an encoding declaration that does not "
        "match the content or is not supported. UTF-8 (with or without BOM) and UTF-16 with "
        "a BOM are read.",
        "Send UTF-8.",
    ),
    StageCode(
        XML_DOCTYPE,
        "read",
        _E,
        "The document declares a DOCTYPE. WCO messages have none, and a DTD can carry "
        "entities and external references, so the document is refused before anything in "
        "it is used.",
        "Remove the DOCTYPE declaration.",
    ),
    StageCode(
        XML_ENTITY,
        "read",
        _E,
        "The parser met an entity loop or entity amplification. Entities are never expanded.",
        "Treat the file as hostile; it is not a declaration.",
    ),
    StageCode(
        XML_LIMIT,
        "read",
        _E,
        "The input is larger than `Limits.max_bytes` (32 MiB by default), nests deeper "
        "than 256 levels, or has a text node longer than 10,000,000 characters.",
        "Real declarations are far below these limits. Raise `max_bytes` with "
        "`Limits(max_bytes=...)` only for a known, trusted source.",
    ),
    StageCode(
        XML_IO,
        "read",
        _E,
        "The source could not be read: a missing or unreadable file, a directory, a FIFO, "
        "socket or device (refused without being opened), a path with a NUL byte, a "
        "symbolic link whose target is gone, a closed file object, a file object whose "
        "`read()` raised or that is opened in text mode.",
        "Pass the path of a regular file, XML text, `bytes`, or a file opened with `'rb'`.",
    ),
    StageCode(
        XSD,
        "schema",
        _E,
        "The document violates the schema: the bundled OTS profile, or the XSD passed as "
        "`schema=`. There is one finding per violation (at most 100, then one saying the "
        "rest are not listed); `path` and `line` point at the element and `message` names "
        "the constraint.",
        "Fix the element at `path`. If the document follows a national schema, validate "
        "against that schema instead: see [Use a national XSD](../how-to/national-xsd.md).",
    ),
    StageCode(
        MODEL_ROOT,
        "model",
        _E,
        "No format the library reads has this root element (the message names the root "
        "and the formats with theirs: a WCO `Declaration` in the DEC-DMS:2 namespace, or a "
        "`MetaData` envelope around one), or a `MetaData` envelope holds no `Declaration`.",
        "Check the root element's name and namespace declaration.",
    ),
    StageCode(
        MODEL_UNMAPPED,
        "model",
        _W,
        "An element or attribute the model has no field for, or a second occurrence of a "
        "single-valued element. It is kept verbatim in `Declaration.unmapped` and written "
        "back by `Declaration.to_xml()`, but no rule sees it.",
        "Nothing, if the data is not needed for checking. Otherwise ask for the model to "
        "cover the element.",
    ),
    StageCode(
        MODEL_MISSING,
        "model",
        _E,
        "A value lacks a part it needs, such as a date element without its `DateTimeString`.",
        "Add the missing part.",
    ),
    StageCode(
        MODEL_ERROR,
        "model",
        _E,
        "The document could not be mapped onto the model at all; `validate` returns no "
        "declaration. This points at a defect in the library, not in the input alone.",
        "Report it together with the document.",
    ),
    StageCode(
        NORM_DATE,
        "normalize",
        _E,
        "A `DateTimeString` does not fit its `formatCode` (102: `CCYYMMDD`; 304: "
        "`CCYYMMDDHHMMSS` with an optional `Z` or `+hh`/`+hhmm` offset), names a date that "
        "does not exist, or has a format code other than 102 or 304.",
        "Write the date in the format its `formatCode` names.",
    ),
    StageCode(
        NORM_NUMBER,
        "normalize",
        _E,
        "A number, amount or measure is not a finite decimal (exponents are refused). The "
        "element is kept in `Declaration.unmapped`.",
        "Write plain decimals such as `1250.000`.",
    ),
    StageCode(
        RULE_CRASH,
        "rules",
        _E,
        "A rule raised an exception while running. The declaration is rejected rather than "
        "passed unchecked. `country` and `agency` are the rule's, `value` is the rule id and "
        "`message` holds the exception.",
        "Fix the rule's pack entry or predicate; the declaration itself may be fine.",
    ),
    StageCode(
        RULE_TIMEOUT,
        "rules",
        _E,
        "The declaration's rules ran over their time budget (`Limits.rule_seconds`, "
        f"{DEFAULT_LIMITS.rule_seconds:g} s by default) and the rule running then was "
        "stopped: a predicate that loops, or one far slower than it should be. The "
        "declaration is rejected rather than passed unchecked, and the rules after it did "
        "not run. `value` is the rule id. The budget also covers what the rules need "
        "first (the declaration's route and date, its packs' plan, the codes packs add to "
        "lists): when that runs over, no rule ran and `value` is empty.",
        "Fix the rule's predicate; the declaration itself may be fine.",
    ),
    StageCode(
        RULE_LIMIT,
        "rules",
        _E,
        "A rule would have matched a pattern against a value longer than "
        f"`Limits.max_pattern_text` ({DEFAULT_LIMITS.max_pattern_text:,} characters by "
        "default). A pattern match cannot be stopped once it runs, so the value is not "
        "matched, and the declaration is rejected rather than passed unchecked. `path` is "
        "the value's element, `value` the rule id.",
        "Look at the value: WCO values are at most 512 characters. Raise "
        "`max_pattern_text` only for a known, trusted source.",
    ),
    StageCode(
        RULE_EDITION,
        "rules",
        _W,
        "No edition of a reference code list applies on the date the declaration is judged "
        "at: a date before the first edition shipped or after the last (the HS editions "
        "cover 2017 to 2027). Rather than pass its codes unjudged, the rules judged them by "
        "the nearest edition; `message` names the date, where it came from (the "
        "declaration's own date, the `on=` date, or today's for a declaration without one) "
        "and that edition, `value` the list. Explain mode says so in the outcome of each "
        "rule it concerns.",
        "Check the date judged. If it is right, the verdict rests on an edition "
        "that may not be the one in force then: confirm the codes by hand.",
    ),
    StageCode(
        RULE_CAPPED,
        "rules",
        Severity.INFO,
        "A rule had more findings on this declaration than `Limits.max_findings_per_rule` "
        f"({DEFAULT_LIMITS.max_findings_per_rule} by default): the first ones are listed, "
        "the rest are left out, and this one finding names the rule (`value`, with its "
        "`country` and `agency`) and how many were left out, so that a report stays "
        "bounded however many rules fail on however many goods items. The verdict and "
        "each country's `errors` and `warnings` count every finding, listed or not; this "
        "summary itself is counted in none of them and changes no exit status.",
        "Fix what the listed findings show, then check again for the rest; or raise the "
        "limit (`Limits(max_findings_per_rule=None)` lists them all).",
    ),
    StageCode(
        BATCH_WORKER,
        "batch",
        _E,
        "In `check_many`, the worker process checking this source died (a crash, the "
        "out-of-memory killer, a lost cluster node). Only this source is affected: the "
        "other sources in flight are run again, and this one gets its report, rejected, "
        "with this finding instead of being lost.",
        "Check the source alone with `check` to see whether it reproduces, and look at the "
        "worker's memory limit.",
    ),
    StageCode(
        BATCH_ERROR,
        "batch",
        _E,
        "In `check_many`, checking this source raised an unexpected exception, or the "
        "item is not a source at all (`None`, a number). The batch goes on; this source "
        "gets a rejected report with this finding, and `message` holds the exception.",
        "Check the source alone with `check`; the exception points at a defect in the "
        "library or in a predicate.",
    ),
)


_BY_CODE: Mapping[str, StageCode] = MappingProxyType({c.code: c for c in STAGE_CODES})


def describe(code: str) -> StageCode:
    """The documentation of a stage code.

    Raises:
        KeyError: when ``code`` is not a stage code (a pack rule id, say).
    """
    return _BY_CODE[code]
