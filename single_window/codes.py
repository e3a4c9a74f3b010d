"""Finding codes of the pipeline stages, each a named constant with its documentation.

A :class:`~single_window.Finding` from the reader, the schema, the model, normalization,
the rule engine or the batch runner carries one of these codes as its ``rule``; country
rule packs add their own rule ids (``TR-HS-LENGTH``, ...). Every stage uses the constants
below, and the documentation (``docs/reference/findings.md``) is rendered from
:data:`STAGE_CODES`, so a code cannot be emitted without being documented.

Each code also lists the English templates of its findings' messages by key: a stage
makes a finding from a template and its parameters (:func:`message`, :func:`finding`),
never from prose of its own, and the finding keeps the message id ``<code>.<key>`` and
the parameters beside the text (see :mod:`single_window._i18n`). The meaning and action
of each code are messages too (``<code>.meaning``, ``<code>.action``).

Example:
    >>> from single_window import codes
    >>> codes.XML_SYNTAX
    'XML-SYNTAX'
    >>> codes.describe(codes.XSD).stage
    'schema'
    >>> found = codes.finding(codes.message(codes.XML_SYNTAX, "empty"), line=1, column=1)
    >>> found.message_id, found.message
    ('XML-SYNTAX.empty', 'the document is empty')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

from typing_extensions import TypeAliasType

from single_window._i18n import (
    N_,
    NP_,
    Limited,
    Limits,
    Message,
    Plural,
    define,
    json_params,
    render,
)
from single_window._limits import DEFAULT_LIMITS
from single_window.findings import Finding, Severity

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
    "finding",
    "message",
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
        meaning: What the finding means (Markdown), rendered in English from its
            template (the message ``<code>.meaning``).
        action: What to do about it (Markdown; the message ``<code>.action``).
        templates: The English templates of the findings' messages, by key: the
            message id of a finding is ``<code>.<key>``. Some are parts of others (the
            kind of file a path names, say).
        values: What fills the placeholders of ``meaning`` and ``action``.
    """

    code: str
    stage: Stage
    severity: Severity
    meaning: str
    action: str
    templates: Mapping[str, str | Limited | Plural] = field(default_factory=dict)
    values: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        define(self.code, self.templates)
        define(self.code, {"meaning": self.meaning, "action": self.action})
        for part in ("meaning", "action"):
            rendered = render(f"{self.code}.{part}", self.values)
            object.__setattr__(self, part, rendered)


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

#: What a message keeps when it says what an exception or a file object said: at most
#: 300 characters (the exception's text is the caller's, of any length).
_SHORT = Limits(message=300, mark="")
_NOT_WELL_FORMED = N_("not well-formed XML: {detail}")

#: Every stage code, in pipeline order.
STAGE_CODES: tuple[StageCode, ...] = (
    StageCode(
        XML_SYNTAX,
        "read",
        _E,
        N_(
            "The input is not well-formed XML, or it is empty. `line` and `column` are the "
            "parser's position of the first error."
        ),
        N_("Fix the producing system; a truncated upload or a hand edit is the usual cause."),
        {
            "empty": N_("the document is empty"),
            "not-well-formed": _NOT_WELL_FORMED,
        },
    ),
    StageCode(
        XML_ENCODING,
        "read",
        _E,
        N_(
            "The bytes cannot be decoded: invalid UTF-8, or an encoding declaration that "
            "does not match the content or is not supported. UTF-8 (with or without BOM) "
            "and UTF-16 with a BOM are read."
        ),
        N_("Send UTF-8."),
        {
            "undecodable": N_("cannot decode the document: {detail}"),
            "not-well-formed": _NOT_WELL_FORMED,
        },
    ),
    StageCode(
        XML_DOCTYPE,
        "read",
        _E,
        N_(
            "The document declares a DOCTYPE. WCO messages have none, and a DTD can carry "
            "entities and external references, so the document is refused before anything "
            "in it is used."
        ),
        N_("Remove the DOCTYPE declaration."),
        {
            "refused": N_(
                "the document declares a DOCTYPE; WCO declarations have none and DTDs "
                "(entities, external references) are refused"
            ),
        },
    ),
    StageCode(
        XML_ENTITY,
        "read",
        _E,
        N_("The parser met an entity loop or entity amplification. Entities are never expanded."),
        N_("Treat the file as hostile; it is not a declaration."),
        {"not-well-formed": _NOT_WELL_FORMED},
    ),
    StageCode(
        XML_LIMIT,
        "read",
        _E,
        N_(
            "The input is larger than `Limits.max_bytes` (32 MiB by default), nests deeper "
            "than 256 levels, or has a text node longer than 10,000,000 characters."
        ),
        N_(
            "Real declarations are far below these limits. Raise `max_bytes` with "
            "`Limits(max_bytes=...)` only for a known, trusted source."
        ),
        {
            "too-large": NP_(
                "input is larger than {count} byte; declarations this large are refused",
                "input is larger than {count} bytes; declarations this large are refused",
            ),
            "parser-limit": N_(
                "the document is over a parser limit ({detail}): the reader reads at most "
                "{depth} of nesting and {length} in one value, far more than any WCO "
                "declaration needs; the document is refused as malformed or hostile (check "
                "the software that produced it)"
            ),
            "levels": NP_("{count} level", "{count} levels"),
            "characters": NP_("{number} character", "{number} characters"),
            "too-many-elements": NP_(
                "the document has {elements}; more than {count} is refused",
                "the document has {elements}; more than {count} are refused",
            ),
            "elements": NP_("{count} element", "{count} elements"),
            "long-value": NP_(
                "a text or attribute value is longer than {count} character",
                "a text or attribute value is longer than {count} characters",
            ),
        },
    ),
    StageCode(
        XML_IO,
        "read",
        _E,
        N_(
            "The source could not be read: a missing or unreadable file, a directory, a "
            "FIFO, socket or device (refused without being opened), a path with a NUL byte, "
            "a symbolic link whose target is gone, a closed file object, a file object "
            "whose `read()` raised or that is opened in text mode."
        ),
        N_("Pass the path of a regular file, XML text, `bytes`, or a file opened with `'rb'`."),
        {
            "not-found": N_("cannot read input: {reason}"),
            "permission-denied": N_("cannot read input: {reason}"),
            "unreadable": N_("cannot read input: {reason}"),
            "dangling-link": N_(
                "cannot read input: {reason} (a symbolic link whose target does not exist)"
            ),
            "not-a-path": N_(
                "cannot read input: {reason}; a str is read as a path unless it starts "
                "with '<' (after whitespace or a BOM)"
            ),
            "path-raised": Limited(N_("cannot read input: the path object raised {error}"), _SHORT),
            "nul-byte": N_("cannot read input: the path contains a NUL byte"),
            "directory": N_("this is a directory, not a declaration file"),
            "directory-unreadable": N_(
                "this is a directory that cannot be read (permission denied); the "
                "declarations in it were not checked"
            ),
            "not-regular": N_(
                "this is {kind}, not a regular file; it is refused without being opened"
            ),
            "kind-fifo": N_("a FIFO (named pipe)"),
            "kind-socket": N_("a socket"),
            "kind-character-device": N_("a character device"),
            "kind-block-device": N_("a block device"),
            "not-regular-other": N_(
                "this is not a regular file; it is refused without being opened"
            ),
            "closed": N_("cannot read input: the file object is closed"),
            "read-raised": Limited(
                N_("cannot read input: reading the file object raised {error}"), _SHORT
            ),
            "text-mode": N_("the file object is in text mode; open it in binary mode ('rb')"),
            "not-bytes": N_("the file object's read() returned {type}, not bytes"),
        },
    ),
    StageCode(
        XSD,
        "schema",
        _E,
        N_(
            "The document violates the schema: the bundled OTS profile, or the XSD passed "
            "as `schema=`. There is one finding per violation (at most 100, then one saying "
            "the rest are not listed); `path` and `line` point at the element and `message` "
            "names the constraint."
        ),
        N_(
            "Fix the element at `path`. If the document follows a national schema, "
            "validate against that schema instead: see "
            "[Use a national XSD](../how-to/national-xsd.md)."
        ),
        {
            # TRANSLATORS: {detail} is libxml2's own message, in English, which cannot be
            # translated: say that the element {element} does not follow the schema, then
            # give {detail} as it is.
            "element": N_("<{element}>: {detail}"),
            # TRANSLATORS: {detail} is libxml2's own message, in English, which cannot be
            # translated: say that the document does not follow the schema, then give
            # {detail} as it is.
            "document": N_("{detail}"),
            "unknown": N_("schema violation"),
            "too-many": NP_(
                "more than {count} schema violation; the rest are not listed",
                "more than {count} schema violations; the rest are not listed",
            ),
        },
    ),
    StageCode(
        MODEL_ROOT,
        "model",
        _E,
        N_(
            "No format the library reads has this root element (the message names the "
            "root and the formats with theirs: a WCO `Declaration` in the DEC-DMS:2 "
            "namespace, or a `MetaData` envelope around one), or a `MetaData` envelope "
            "holds no `Declaration`."
        ),
        N_("Check the root element's name and namespace declaration."),
        {
            "unknown-root": N_(
                "the root element {root} is not a document this library reads; it reads {formats}"
            ),
            "no-declaration": N_("MetaData holds no DEC-DMS:2 Declaration"),
            "not-wco": N_("root element {tag} is not a WCO DEC-DMS:2 Declaration or MetaData"),
            "ncts-not-read": N_(
                "{type} is an NCTS message this library does not read; the NCTS messages "
                "read are {read}"
            ),
            "ncts-namespace": N_(
                "root element {tag} is not in the NCTS namespace {namespace}; the NCTS "
                "messages read are {read}"
            ),
            "ncts-not-a-message": N_(
                "root element {tag} is not an NCTS message; the NCTS messages read are {read}"
            ),
            "ncts-type": N_("{type} ({title})"),
        },
    ),
    StageCode(
        MODEL_UNMAPPED,
        "model",
        _W,
        N_(
            "An element or attribute the model has no field for, or a second occurrence "
            "of a single-valued element. It is kept verbatim in `Declaration.unmapped` and "
            "written back by `Declaration.to_xml()`, but no rule sees it."
        ),
        N_(
            "Nothing, if the data is not needed for checking. Otherwise ask for the model "
            "to cover the element."
        ),
        {
            "not-in-model": N_("<{element}> is not part of the model; kept as is"),
            "other-namespace": N_("<{element}> is in namespace {namespace}; kept as is"),
            "no-namespace": N_("<{element}> is in no namespace; kept as is"),
            "inside-value": N_("<{element}> is inside a value; kept as is"),
            "repeated": N_("<{element}> occurs more than once; kept as is"),
            "not-a-number": N_("<{element}> could not be read as a number; kept as is"),
            "no-datetime": N_("<{element}> has no DateTimeString; kept as is"),
            "attribute": N_("attribute {name}={quoted} is not part of the model; kept as is"),
        },
    ),
    StageCode(
        MODEL_MISSING,
        "model",
        _E,
        N_("A value lacks a part it needs, such as a date element without its `DateTimeString`."),
        N_("Add the missing part."),
        {"no-datetime": N_("the date has no DateTimeString")},
    ),
    StageCode(
        MODEL_ERROR,
        "model",
        _E,
        N_(
            "The document could not be mapped onto the model at all; `validate` returns no "
            "declaration. This points at a defect in the library, not in the input alone."
        ),
        N_("Report it together with the document."),
        {"failed": N_("the document could not be mapped to the model: {error}")},
    ),
    StageCode(
        NORM_DATE,
        "normalize",
        _E,
        N_(
            "A `DateTimeString` does not fit its `formatCode` (102: `CCYYMMDD`; 304: "
            "`CCYYMMDDHHMMSS` with an optional `Z` or `+hh`/`+hhmm` offset), names a date "
            "that does not exist, or has a format code other than 102 or 304."
        ),
        N_("Write the date in the format its `formatCode` names."),
        {
            "format-code": N_("formatCode {code} is not supported (102 or 304)"),
            "invalid": N_("{text} is not a valid date (formatCode {code}): {detail}"),
            "invalid-no-code": N_("{text} is not a valid date (no formatCode): {detail}"),
            "invalid-date": N_("{text} is not a valid date: {detail}"),
            "invalid-datetime": N_("{text} is not a valid date-time: {detail}"),
        },
    ),
    StageCode(
        NORM_NUMBER,
        "normalize",
        _E,
        N_(
            "A number, amount or measure is not a finite decimal (exponents are refused). "
            "The element is kept in `Declaration.unmapped`."
        ),
        N_("Write plain decimals such as `1250.000`."),
        {"not-a-number": N_("{text} is not a number")},
    ),
    StageCode(
        RULE_CRASH,
        "rules",
        _E,
        N_(
            "A rule raised an exception while running. The declaration is rejected rather "
            "than passed unchecked. `country` and `agency` are the rule's, `value` is the "
            "rule id and `message` holds the exception."
        ),
        N_("Fix the rule's pack entry or predicate; the declaration itself may be fine."),
        {
            "failed": N_(
                "rule {rule} failed to run: {error}; the declaration cannot be cleared "
                "until it runs"
            ),
        },
    ),
    StageCode(
        RULE_TIMEOUT,
        "rules",
        _E,
        N_(
            "The declaration's rules ran over their time budget (`Limits.rule_seconds`, "
            "{seconds} s by default) and the rule running then was stopped: a predicate "
            "that loops, or one far slower than it should be. The declaration is rejected "
            "rather than passed unchecked, and the rules after it did not run. `value` is "
            "the rule id. The budget also covers what the rules need first (the "
            "declaration's route and date, its packs' plan, the codes packs add to lists): "
            "when that runs over, no rule ran and `value` is empty."
        ),
        N_("Fix the rule's predicate; the declaration itself may be fine."),
        {
            "over-budget": N_(
                "rule {rule} ran over the {seconds} s budget of this declaration's rules "
                "and was stopped; the rules after it did not run, and the declaration "
                "cannot be cleared until they do"
            ),
            "over-budget-unset": N_(
                "rule {rule} ran over the time budget of this declaration's rules and was "
                "stopped; the rules after it did not run, and the declaration cannot be "
                "cleared until they do"
            ),
            "preparing": N_(
                "preparing the rules ran over the {seconds} s budget of this declaration's "
                "rules; no rule ran, and the declaration cannot be cleared until they do"
            ),
            "preparing-unset": N_(
                "preparing the rules ran over the time budget of this declaration's rules; "
                "no rule ran, and the declaration cannot be cleared until they do"
            ),
            "preparing-plan": N_(
                "preparing the rules (the declaration's route, date and packs) ran over the "
                "{seconds} s budget of this declaration's rules; no rule ran, and the "
                "declaration cannot be cleared until they do"
            ),
            "preparing-plan-unset": N_(
                "preparing the rules (the declaration's route, date and packs) ran over the "
                "time budget of this declaration's rules; no rule ran, and the declaration "
                "cannot be cleared until they do"
            ),
        },
        {"seconds": f"{DEFAULT_LIMITS.rule_seconds:g}"},
    ),
    StageCode(
        RULE_LIMIT,
        "rules",
        _E,
        N_(
            "A rule would have matched a pattern against a value longer than "
            "`Limits.max_pattern_text` ({max_pattern_text} characters by default). A "
            "pattern match cannot be stopped once it runs, so the value is not matched, and "
            "the declaration is rejected rather than passed unchecked. `path` is the "
            "value's element, `value` the rule id."
        ),
        N_(
            "Look at the value: WCO values are at most 512 characters. Raise "
            "`max_pattern_text` only for a known, trusted source."
        ),
        {
            "too-long": N_(
                "rule {rule} did not run: {reason}; the declaration cannot be cleared until it runs"
            ),
            "value-too-long": NP_(
                "a value of {number} character is over the pattern limit of {limit}",
                "a value of {number} characters is over the pattern limit of {limit}",
            ),
        },
        {"max_pattern_text": f"{DEFAULT_LIMITS.max_pattern_text:,}"},
    ),
    StageCode(
        RULE_EDITION,
        "rules",
        _W,
        N_(
            "No edition of a reference code list applies on the date the declaration is "
            "judged at: a date before the first edition shipped or after the last (the HS "
            "editions cover 2017 to 2027). Rather than pass its codes unjudged, the rules "
            "judged them by the nearest edition; `message` names the date, where it came "
            "from (the declaration's own date, the `on=` date, or today's for a declaration "
            "without one) and that edition, `value` the list. Explain mode says so in the "
            "outcome of each rule it concerns."
        ),
        N_(
            "Check the date judged. If it is right, the verdict rests on an edition "
            "that may not be the one in force then: confirm the codes by hand."
        ),
        {
            "nearest": N_(
                "no edition of the code list {list} applies on {date}, {date_source}; its "
                "codes were judged by {edition}, the nearest edition shipped (as on {day})"
            ),
        },
    ),
    StageCode(
        RULE_CAPPED,
        "rules",
        Severity.INFO,
        N_(
            "A rule had more findings on this declaration than "
            "`Limits.max_findings_per_rule` ({max_findings_per_rule} by default): the first "
            "ones are listed, the rest are left out, and this one finding names the rule "
            "(`value`, with its `country` and `agency`) and how many were left out, so that "
            "a report stays bounded however many rules fail on however many goods items. "
            "The verdict and each country's `errors` and `warnings` count every finding, "
            "listed or not; this summary itself is counted in none of them and changes no "
            "exit status."
        ),
        N_(
            "Fix what the listed findings show, then check again for the rest; or raise the "
            "limit (`Limits(max_findings_per_rule=None)` lists them all)."
        ),
        {
            "capped": N_(
                "rule {rule} has {found} on this declaration: {listed}, {left}; the verdict "
                "and the countries' counts include them all"
            ),
            "findings": NP_("{number} finding", "{number} findings"),
            "listed": NP_("the first {number} is listed", "the first {number} are listed"),
            "left-out": NP_("{number} more is left out", "{number} more are left out"),
        },
        {"max_findings_per_rule": DEFAULT_LIMITS.max_findings_per_rule},
    ),
    StageCode(
        BATCH_WORKER,
        "batch",
        _E,
        N_(
            "In `check_many`, the worker process checking this source died (a crash, the "
            "out-of-memory killer, a lost cluster node). Only this source is affected: the "
            "other sources in flight are run again, and this one gets its report, "
            "rejected, with this finding instead of being lost. Also given to every source "
            "a caller's executor did not run before the batch gave it up: an executor that "
            "refuses work (shut down, a closed Dask client) or returns nothing for "
            "`timeout` seconds; `message` says which."
        ),
        N_(
            "Check the source alone with `check` to see whether it reproduces, and look at "
            "the worker's memory limit; for a given-up executor, at the executor or cluster."
        ),
        {
            "died": N_("the worker process checking this input died (crash or out of memory)"),
            "executor": Limited(N_("the executor could not run this input: {error}"), _SHORT),
            "refuses-work": Limited(N_("the executor no longer takes work: {error}"), _SHORT),
            "no-result": N_("the executor returned no result within {seconds} s"),
        },
    ),
    StageCode(
        BATCH_ERROR,
        "batch",
        _E,
        N_(
            "In `check_many`, checking this source raised an unexpected exception, or the "
            "item is not a source at all (`None`, a number). The batch goes on; this source "
            "gets a rejected report with this finding, and `message` holds the exception."
        ),
        N_(
            "Check the source alone with `check`; the exception points at a defect in the "
            "library or in a predicate."
        ),
        {
            "not-a-source": N_("not a source: {error}"),
            "raised": N_("checking this input raised {error}"),
        },
    ),
)


_BY_CODE: Mapping[str, StageCode] = MappingProxyType({c.code: c for c in STAGE_CODES})


def describe(code: str) -> StageCode:
    """The documentation of a stage code.

    Raises:
        KeyError: when ``code`` is not a stage code (a pack rule id, say).
    """
    return _BY_CODE[code]


def message(code: str, key: str, /, **params: object) -> Message:
    """The message ``<code>.<key>`` of a stage code with its parameters.

    Raises:
        KeyError: when the code has no template of that key.
    """
    if key not in _BY_CODE[code].templates:
        raise KeyError(f"stage code {code} has no message {key!r}")
    return Message(f"{code}.{key}", params)


def finding(
    text: Message,
    *,
    path: str | None = None,
    line: int | None = None,
    column: int | None = None,
    value: str | None = None,
    country: str | None = None,
    agency: str | None = None,
) -> Finding:
    """The finding of a stage message: its code (the id's first part) and the code's
    severity, the message rendered in English and kept as data, where it points."""
    code = _BY_CODE[text.id.partition(".")[0]]
    return Finding(
        rule=code.code,
        severity=code.severity,
        message=text.render(),
        country=country,
        agency=agency,
        path=path,
        line=line,
        column=column,
        value=value,
        message_id=text.id,
        params=json_params(text.params),
    )
