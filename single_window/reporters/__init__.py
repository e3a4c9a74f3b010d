"""Output formats for batches of reports, picked by name.

Each format is a :class:`Reporter`: ``start()``, ``add(report)`` per report in input
order, ``finish()``. :data:`REPORTER_BY_NAME` maps the names ``--format`` accepts to
their classes; :func:`write_reports` runs one over an iterable of reports.
:func:`report_schema` is the JSON Schema of a report as ``json`` and ``jsonl`` write it.

Example:
    >>> import io
    >>> from single_window import check
    >>> from single_window.reporters import write_reports
    >>> out = io.StringIO()
    >>> write_reports("jsonl", [check("examples/tr-import.xml")], out)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import TextIO

from single_window.findings import Report
from single_window.reporters._base import (
    BatchSummary,
    CountryTally,
    ReportContext,
    Reporter,
    failed,
    read_source,
)
from single_window.reporters._html import HtmlReporter
from single_window.reporters._json import JsonLinesReporter, JsonReporter
from single_window.reporters._json_schema import report_schema, schema_text
from single_window.reporters._junit import JUnitReporter
from single_window.reporters._sarif import SarifReporter
from single_window.reporters._text import TextReporter, finding_line
from single_window.reporters._wco_response import WcoResponseReporter

__all__ = [
    "REPORTER_BY_NAME",
    "BatchSummary",
    "CountryTally",
    "HtmlReporter",
    "JUnitReporter",
    "JsonLinesReporter",
    "JsonReporter",
    "ReportContext",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "WcoResponseReporter",
    "failed",
    "finding_line",
    "read_source",
    "report_schema",
    "schema_text",
    "write_reports",
]

#: Every output format by its ``--format`` name.
REPORTER_BY_NAME: dict[str, type[Reporter]] = {
    cls.name: cls
    for cls in (
        TextReporter,
        JsonReporter,
        JsonLinesReporter,
        JUnitReporter,
        SarifReporter,
        HtmlReporter,
        WcoResponseReporter,
    )
}


def write_reports(
    name: str,
    reports: Iterable[Report],
    out: TextIO,
    context: ReportContext | None = None,
    *,
    lang: str | None = None,
) -> None:
    """Write reports to ``out`` in the format called ``name``, in ``lang`` (a language
    tag; None: the context's, else the reports' own, :attr:`Report.lang`).

    Raises:
        KeyError: when no format has that name.
        ValueError: when ``lang`` names a language the library has no messages in.
    """
    iterator = iter(reports)
    first = next(iterator, None)
    if lang is None and (context is None or context.lang is None) and first is not None:
        lang = first.lang  # what the format writes before the first report too
    reporter = REPORTER_BY_NAME[name](out, context, lang=lang)
    reporter.start()
    for report in chain(() if first is None else (first,), iterator):
        reporter.add(report)
    reporter.finish()
