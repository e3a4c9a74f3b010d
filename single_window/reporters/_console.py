"""What the command line shows a person on stderr: a progress bar and the closing summary.

Both use rich (the ``cli`` extra) when it is installed, imported only when needed; without
it there is no bar and the summary is plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TextIO

from single_window._display import display_name
from single_window._i18n import Listing
from single_window.reporters._base import BatchSummary, neutral_tally
from single_window.reporters._labels import LABELS, text

__all__ = ["TOP_RULES", "progress", "rich_available", "write_summary"]

#: Rules listed in the summary, most frequent first.
TOP_RULES = 10


def rich_available() -> bool:
    """True when rich can be imported."""
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def progress(stream: TextIO, total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """A context giving a function to call once per finished declaration.

    Draws a transient rich progress bar on ``stream`` when ``enabled`` and rich is
    installed; otherwise the function does nothing.
    """
    if not enabled or not rich_available():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, stderr=True)
    with Progress(
        TextColumn(text("progress")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("declarations", total=total)
        yield lambda: bar.advance(task)


def _cell(text: str) -> Any:
    """Text for a rich table cell: escaped for display, never read as markup."""
    from rich.text import Text

    return Text(display_name(text))


def _formats(summary: BatchSummary) -> str:
    """How many declarations were read as each format: ``read as: wco 3, ncts 5 2``."""
    formats = [
        LABELS("summary-format", format=display_name(name), count=count)
        for name, count in summary.formats.most_common()
    ]
    return text("summary-formats", formats=Listing.of(formats, "comma"))


def _lines(summary: BatchSummary) -> list[str]:
    s = summary
    head = text(
        "summary-head",
        declarations=LABELS("declarations", count=s.declarations),
        accepted=LABELS("accepted", count=s.accepted),
        rejected=LABELS("rejected", count=s.rejected),
        errors=LABELS("errors", count=s.errors),
        warnings=LABELS("warnings", count=s.warnings),
    )
    lines = [head]
    if s.formats:
        lines.append(_formats(s))
    if s.country_neutral_only:
        lines.append(neutral_tally(s))
    if s.countries:
        countries = [
            LABELS(
                "summary-country",
                country=display_name(code),
                accepted=LABELS("accepted", count=t.accepted),
                rejected=LABELS("rejected", count=t.rejected),
            )
            for code, t in s.sorted_countries()
        ]
        lines.append(text("summary-by-country", countries=Listing.of(countries, "semicolon")))
    if s.rules:
        rules = [
            LABELS("summary-rule", rule=display_name(rule), count=count)
            for rule, count in s.rules.most_common(TOP_RULES)
        ]
        lines.append(text("summary-top-rules", rules=Listing.of(rules, "comma")))
    return lines


def write_summary(summary: BatchSummary, stream: TextIO, *, use_rich: bool) -> None:
    """Write the end-of-run summary: totals, verdicts by country and the top rules."""
    if not use_rich or not rich_available():
        for line in _lines(summary):
            stream.write(f"single-window: {line}\n")
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=stream, stderr=True, highlight=False)
    s = summary
    totals = Table(title=text("summary-title"), title_justify="left")
    cells: list[str] = []
    for label, value, style in (
        ("declarations", s.declarations, ""),
        ("accepted", s.accepted, "green"),
        ("rejected", s.rejected, "red" if s.rejected else ""),
        ("errors", s.errors, "red" if s.errors else ""),
        ("warnings", s.warnings, "yellow" if s.warnings else ""),
    ):
        totals.add_column(text(f"column-{label}"), justify="right")
        cells.append(f"[{style}]{value}[/]" if style else str(value))
    totals.add_row(*cells)
    tables: list[Any] = [totals]
    if s.countries:
        by_country = Table(title=text("by-country"), title_justify="left")
        for column in ("country", "accepted", "rejected", "errors", "warnings"):
            justify: Literal["left", "right"] = "left" if column == "country" else "right"
            by_country.add_column(text(f"column-{column}"), justify=justify)
        for code, t in s.sorted_countries():
            by_country.add_row(
                _cell(code), str(t.accepted), str(t.rejected), str(t.errors), str(t.warnings)
            )
        tables.append(by_country)
    if s.rules:
        top = Table(title=text("top-rules"), title_justify="left")
        top.add_column(text("column-rule"))
        top.add_column(text("column-findings"), justify="right")
        top.add_column(text("column-declarations"), justify="right")
        for rule, count in s.rules.most_common(TOP_RULES):
            top.add_row(_cell(rule), str(count), str(s.rule_declarations[rule]))
        tables.append(top)
    for table in tables:
        console.print(table)
    if s.formats:
        console.print(escape(_formats(s)))
    if s.country_neutral_only:
        console.print(escape(neutral_tally(s)))
