"""The words of the reports: every label and fixed text a reporter writes, in one table.

Each text is a message ``report.<key>`` with its English template (see
:mod:`single_window._i18n`); a reporter asks :func:`text` for it, the one renderer of
the library's messages, and never writes prose of its own. Verdicts, severities, roles
and agencies are named by their own messages (``verdict.accept``, ``severity.warning``,
``role.transit``, ``agency.customs``), so a code in a report's data stays a code while
the words around it follow the language.

The language is the report's: a reporter sets it while it writes (:func:`speaking`),
and every text asked for without a language is in it (English unless set).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from single_window import codes
from single_window._i18n import DEFAULT_LANG, N_, NP_, Message, define, render
from single_window.findings import SEVERITY_WORDS, VERDICT_WORDS
from single_window.rules._packfile import AGENCY_WORDS as AGENCIES

__all__ = [
    "AGENCIES",
    "LABELS",
    "STAGE_TITLES",
    "agency",
    "current",
    "severity",
    "speaking",
    "text",
    "verdict",
]

_LANG: ContextVar[str] = ContextVar("_LANG", default=DEFAULT_LANG)


def current() -> str:
    """The language reports are being written in (English unless :func:`speaking` set
    another)."""
    return _LANG.get()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Write report texts in ``lang`` within the block."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


LABELS = define(
    "report",
    {
        # what every reporter says of a declaration only the country-neutral rules judged
        "no-pack": N_("no country rule pack applied"),
        "neutral-ran": N_("only the country-neutral rules ran"),
        "neutral-label": N_("country-neutral rules only"),
        "neutral-tally": N_("{count} of {total}: {ran} ({no_pack})"),
        "neutral-note": N_("note: {ran}; {no_pack} to this declaration"),
        "neutral-chip": N_("{no_pack} to this declaration"),
        # the route
        "no-pack-verdict": N_("no pack"),
        "route-stop": N_("{country} {role} {verdict}"),
        "route-stop-no-role": N_("{country} {verdict}"),
        "route-note": N_("route: {route}"),
        # an error of a country-neutral rule rejects the declaration at every border: the
        # route says so before each country's verdict on its own rules
        "route-all-reject": N_("all countries {verdict} (country-neutral rules); {route}"),
        "all-countries-chip": N_("all countries {verdict}"),
        "all-countries-title": N_(
            "an error of a country-neutral rule rejects the declaration for every country "
            "on its route; each country's own rules are judged on its own chip"
        ),
        # the format a declaration was read as, when it is not WCO's (text), and how
        # many were read as each (the command line's summary)
        "read-as-note": N_("note: read as {format}"),
        "summary-formats": N_("read as: {formats}"),
        "summary-format": N_("{format} {count}"),
        "on-the-route": N_("on the route"),
        # text and JUnit
        "path-line": N_("path: {path}"),
        # SARIF
        "tool-name": N_("single_window: WCO Data Model declaration checks (Single Stop)"),
        "rule-full": N_("{title} (applies when {applies_when})"),
        "rule-source": N_("Source: {source}"),
        "rule-unknown": N_("{rule} finding"),
        # the command line's summary
        "progress": N_("checking declarations"),
        "summary-head": N_("{declarations}: {accepted}, {rejected} ({errors}, {warnings})"),
        "summary-by-country": N_("by country: {countries}"),
        "summary-country": N_("{country} {accepted}, {rejected}"),
        "summary-top-rules": N_("top rules: {rules}"),
        "summary-rule": N_("{rule} {count}"),
        "summary-title": N_("single-window summary"),
        "column-declarations": N_("declarations"),
        "column-accepted": N_("accepted"),
        "column-rejected": N_("rejected"),
        "column-errors": N_("errors"),
        "column-warnings": N_("warnings"),
        "column-country": N_("country"),
        "column-rule": N_("rule"),
        "column-findings": N_("findings"),
        "by-country": N_("by country"),
        "top-rules": N_("top rules"),
        # what the summaries and the HTML page count, each counted thing with its number
        "declarations": NP_("{count} declaration", "{count} declarations"),
        "accepted": NP_("{count} accepted", "{count} accepted"),
        "rejected": NP_("{count} rejected", "{count} rejected"),
        "errors": NP_("{count} error", "{count} errors"),
        "warnings": NP_("{count} warning", "{count} warnings"),
        # the HTML page
        "html-title": N_("single-window {command}: {declarations}, {verdict}"),
        "html-heading-check": N_("Declaration check report"),
        "html-heading-validate": N_("Declaration validation report"),
        "html-byline": N_("single-window {version} · {stamp} · {declarations}, {verdict}"),
        "html-all-accepted": N_("all accepted"),
        "html-footer": N_(
            "Generated by single-window. A declaration is rejected when any finding is an "
            "error; each country's verdict counts only its own rules."
        ),
        "html-totals": N_("Totals"),
        "html-declarations": N_("Declarations"),
        "html-accepted": N_("Accepted"),
        "html-rejected-total": N_("Rejected"),
        "html-errors": N_("Errors"),
        "html-warnings": N_("Warnings"),
        "html-country": N_("Country"),
        "html-neutral-note": NP_(
            "{count} of {total} was judged by the {label}: {no_pack} to it (marked {marked} "
            "below).",
            "{count} of {total} were judged by the {label}: {no_pack} to them (marked "
            "{marked} below).",
        ),
        "html-verdicts": N_("Verdicts per country"),
        "html-no-country-rules": N_(
            "No country rules ran: no declaration involved a country with a rule pack."
        ),
        "html-chart": N_("Accepted and rejected declarations per country"),
        "html-bar": N_("{country}: {counted}"),
        "html-bar-counts": N_("{accepted} · {rejected}"),
        "html-legend-accepted": N_("accepted"),
        "html-legend-rejected": N_("rejected"),
        "html-findings-by-rule": N_("Findings by rule"),
        "html-no-findings": N_("No findings."),
        "html-rule": N_("Rule"),
        "html-severity": N_("Severity"),
        "html-agency": N_("Agency"),
        "html-title-column": N_("Title"),
        "html-findings": N_("Findings"),
        "html-seen-in": N_("Seen in"),
        "html-seen-more": NP_("and {count} more", "and {count} more"),
        "html-relative-to": N_("Files are named relative to {folder}."),
        "html-id": N_("ID"),
        "html-type": N_("type"),
        "html-function": N_("function"),
        "html-read-as": N_("read as"),
        "html-meta": N_("{label} {value}"),
        "html-line": N_("line {line}"),
        "html-value": N_("value {value}"),
        "html-more-findings": NP_("… and {count} more finding.", "… and {count} more findings."),
        "html-unreadable": N_("not readable as a declaration"),
        "html-with-findings": N_("Declarations with findings"),
        "html-none": N_("No declaration has findings."),
        "html-hidden": NP_(
            "{count} more declaration with findings is counted above but not shown; use the "
            "JSON output for it.",
            "{count} more declarations with findings are counted above but not shown; use "
            "the JSON output for all of them.",
        ),
        "html-clean": N_("Accepted without findings"),
        "html-clean-more": N_("… and {count} more"),
    },
)

#: What each pipeline stage code means, as a report's title for it (``stage-title.<code>``):
#: a sentence for the people who read reports, where the code's documented meaning
#: (``<code>.meaning``) speaks to the developers who call the library.
STAGE_TITLES = define(
    "stage-title",
    {
        codes.XML_SYNTAX: N_("The file is not well-formed XML, or it is empty"),
        codes.XML_ENCODING: N_("The file's characters cannot be read in the encoding it declares"),
        codes.XML_DOCTYPE: N_("The document declares a DOCTYPE, which a declaration never has"),
        codes.XML_ENTITY: N_("The document defines entities that expand without bound"),
        codes.XML_LIMIT: N_(
            "The document is larger or more deeply nested than a declaration can be"
        ),
        codes.XML_IO: N_("The file could not be read"),
        codes.XSD: N_("The document does not follow the declaration's schema"),
        codes.MODEL_ROOT: N_("The document is not a declaration in a format that is read"),
        codes.MODEL_UNMAPPED: N_(
            "An element or attribute is not part of the model; it is kept as is"
        ),
        codes.MODEL_MISSING: N_("A value lacks a part it needs"),
        codes.MODEL_ERROR: N_("The document could not be read as a declaration"),
        codes.NORM_DATE: N_("A date is not written as its format code says"),
        codes.NORM_NUMBER: N_("A number, amount or measure is not a plain decimal number"),
        codes.RULE_CRASH: N_("A rule failed to run"),
        codes.RULE_TIMEOUT: N_("The rules ran over their time limit"),
        codes.RULE_LIMIT: N_("A rule did not run on a value too long for it"),
        codes.RULE_EDITION: N_("No edition of a code list applies on the date judged"),
        codes.RULE_CAPPED: N_("A rule had more findings than are listed"),
        codes.BATCH_WORKER: N_("The process checking this file stopped"),
        codes.BATCH_ERROR: N_("Checking this file failed unexpectedly"),
    },
)


def text(key: str, /, lang: str | None = None, **params: object) -> str:
    """The report text ``report.<key>`` with its parameters, in ``lang`` (None: the
    language being written, :func:`current`)."""
    return render(LABELS.id(key), params, lang or current())


def verdict(value: str | None, lang: str | None = None) -> str:
    """A verdict (``accept``, ``reject``) as a word; None: no pack ran."""
    if value is None:
        return text("no-pack-verdict", lang)
    return VERDICT_WORDS(value).render(lang or current())


def severity(value: str, lang: str | None = None) -> str:
    """A severity (``error``, ``warning``, ``info``) as a word."""
    return SEVERITY_WORDS(value).render(lang or current())


def agency(value: str, lang: str | None = None) -> str:
    """An agency as a word (one no message names, as written)."""
    if value in AGENCIES.keys:
        return Message(AGENCIES.id(value)).render(lang or current())
    return value
