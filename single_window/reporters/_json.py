"""``json`` (one document, a list of reports) and ``jsonl`` (one report per line).

Both write each report as soon as it arrives, in the report contract of
:meth:`single_window.Report.to_dict`; the ``json`` list is written one report per line
so that even a large batch is never held in memory. The ``source`` is shown with
:func:`~single_window._display.display_name`; every other value is written exactly,
with control and bidi characters as JSON escapes
(:func:`~single_window._display.json_text`), so that the file shows none of them raw and
a JSON reader gets each value back as ``check`` returned it.
"""

from __future__ import annotations

from single_window._display import display_name, json_text
from single_window.findings import Report
from single_window.reporters._base import Reporter, in_language

__all__ = ["JsonLinesReporter", "JsonReporter"]


def _dumps(report: Report) -> str:
    data = report.to_dict()
    data["source"] = display_name(data["source"])
    return json_text(data)


class JsonReporter(Reporter):
    """Writes a JSON array of reports."""

    name = "json"
    suffix = ".json"
    _first = True

    def start(self) -> None:
        self.out.write("[")
        self._first = True

    @in_language
    def add(self, report: Report) -> None:
        self.out.write(("\n" if self._first else ",\n") + _dumps(report))
        self._first = False

    def finish(self) -> None:
        self.out.write("\n]\n" if not self._first else "]\n")
        self.out.flush()


class JsonLinesReporter(Reporter):
    """Writes one JSON report per line, flushed as each arrives."""

    name = "jsonl"
    suffix = ".jsonl"

    @in_language
    def add(self, report: Report) -> None:
        self.out.write(_dumps(report) + "\n")
        self.out.flush()
