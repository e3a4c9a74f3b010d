"""``json`` (one document, a list of reports) and ``jsonl`` (one report per line).

Both write each report as soon as it arrives, in the report contract of
:meth:`single_window.Report.to_dict`; the ``json`` list is written one report per line
so that even a large batch is never held in memory. The ``source`` is shown with
:func:`~single_window._display.display_name`, and any other text that could not be
written as UTF-8 (a lone surrogate in a report built by hand) is escaped the same way.
"""

from __future__ import annotations

import json
from typing import Any

from single_window._display import display_name, display_text
from single_window.findings import Report
from single_window.reporters._base import Reporter

__all__ = ["JsonLinesReporter", "JsonReporter"]


def _encodable(value: Any) -> Any:
    """``value`` with every string that UTF-8 cannot carry escaped."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return display_text(value)
        return value
    if isinstance(value, dict):
        return {k: _encodable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    return value


def _dumps(report: Report) -> str:
    data = report.to_dict()
    data["source"] = display_name(data["source"])
    text = json.dumps(data, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(_encodable(data), ensure_ascii=False)
    return text


class JsonReporter(Reporter):
    """Writes a JSON array of reports."""

    name = "json"
    suffix = ".json"
    _first = True

    def start(self) -> None:
        self.out.write("[")
        self._first = True

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

    def add(self, report: Report) -> None:
        self.out.write(_dumps(report) + "\n")
        self.out.flush()
