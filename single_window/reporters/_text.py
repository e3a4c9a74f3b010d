"""``text``: one clickable line per finding, ``file:line:col: RULE [country] message``."""

from __future__ import annotations

from single_window.findings import Finding, Report, Severity
from single_window.reporters._base import Reporter

__all__ = ["TextReporter", "finding_line"]


def finding_line(source: str, finding: Finding) -> str:
    """One finding as an editor-clickable line.

    Line and column are 1 when unknown, so every line has the same shape. Errors carry
    no label; warnings and notes say so before the message, as compilers do.

    Example:
        ``examples/tr-import.xml:47:13: TR-HS-LENGTH [TR] '7318159000' has 10 digits; ...``
    """
    country = f" [{finding.country}]" if finding.country else ""
    label = "" if finding.severity is Severity.ERROR else f"{finding.severity.value}: "
    message = " ".join(finding.message.split())
    return (
        f"{source}:{finding.line or 1}:{finding.column or 1}: "
        f"{finding.rule}{country} {label}{message}"
    )


class TextReporter(Reporter):
    """Writes one line per finding, in source-line order within each declaration."""

    name = "text"
    suffix = ".txt"

    def add(self, report: Report) -> None:
        for finding in sorted(report.findings, key=Finding.sort_key):
            self.out.write(finding_line(report.source, finding) + "\n")
        self.out.flush()
