"""``text``: one clickable line per finding, ``file:line: RULE [country] message``
(``file:line:column:`` where the column is known)."""

from __future__ import annotations

from single_window._display import display_name
from single_window.findings import Finding, Report
from single_window.formats import CANONICAL
from single_window.reporters._base import (
    NEUTRAL_RAN,
    NO_PACK,
    Reporter,
    in_language,
    read_as,
    route_text,
)
from single_window.reporters._labels import current, text

__all__ = ["TextReporter", "finding_line", "format_note", "neutral_note", "route_note"]


def finding_line(source: str, finding: Finding) -> str:
    """One finding as an editor-clickable line.

    The line is 1 when unknown, so every line starts ``file:line:``; the column follows
    only when it is known. Errors carry no label; warnings and notes say so before the
    message, as compilers do. The file name and the message are shown with
    :func:`~single_window._display.display_name`: no character of either can end the
    line or drive a terminal.

    Example:
        ``examples/tr-import.xml:47:13: TR-HS-LENGTH [TR] '7318159000' has 10 digits; ...``
    """
    country = f" [{finding.country}]" if finding.country else ""
    message = finding.labelled(current())
    column = f":{finding.column}" if finding.column is not None else ""
    return display_name(
        f"{display_name(source)}:{finding.line or 1}{column}: {finding.rule}{country} {message}"
    )


def neutral_note(source: str) -> str:
    """The line that says only the country-neutral rules judged a declaration."""
    return f"{display_name(source)}: " + text("neutral-note", ran=NEUTRAL_RAN, no_pack=NO_PACK)


def format_note(report: Report) -> str | None:
    """The format a declaration was read as, when it is not the canonical WCO layout,
    e.g. ``x.xml: note: read as ncts 5``; None for a WCO declaration."""
    read = read_as(report)
    if read is None or report.declaration is None or report.declaration.format == CANONICAL:
        return None
    return display_name(f"{display_name(report.source)}: " + text("read-as-note", format=read))


def route_note(report: Report) -> str | None:
    """The Single Stop at a glance for a transit declaration: its route with each
    country's role and verdict, e.g. ``x.xml: route: UZ departure accept -> KZ transit
    accept -> TR destination accept``; None for other declarations."""
    if report.declaration is None or report.declaration.kind != "transit":
        return None
    route = route_text(report)
    if not route:
        return None
    return display_name(f"{display_name(report.source)}: " + text("route-note", route=route))


class TextReporter(Reporter):
    """Writes one line per finding, in source-line order within each declaration.

    A declaration read in another format than WCO's gets a note naming it (``read as
    ncts 5``); one that no country pack applied to gets a note saying that only the
    country-neutral rules ran (see :attr:`Report.packs`); a transit declaration gets its
    route, each country with its role and verdict.
    """

    name = "text"
    suffix = ".txt"

    @in_language
    def add(self, report: Report) -> None:
        read = format_note(report)
        if read is not None:
            self.out.write(read + "\n")
        for finding in sorted(report.findings, key=Finding.sort_key):
            self.out.write(finding_line(report.source, finding) + "\n")
        if report.country_neutral_only:
            self.out.write(neutral_note(report.source) + "\n")
        route = route_note(report)
        if route is not None:
            self.out.write(route + "\n")
        self.out.flush()
