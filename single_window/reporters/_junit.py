"""``junit``: one test case per declaration, one ``<failure>`` per failing finding.

CI systems (GitLab, Jenkins, Azure) show JUnit XML as a test report: each declaration is
a test case named by its source, and each finding at or above the ``--fail-on`` level
(errors by default) is a ``<failure>`` whose ``type`` is the rule id. Warnings below that
level go to the test case's ``<system-out>``, with a note when only the country-neutral
rules ran. Names and messages are escaped with :mod:`single_window._display`, so the
document is well-formed XML whatever a file is called. The test cases are spooled to a temporary
file while the batch runs, because the ``<testsuite>`` totals come first.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime

from lxml import etree

from single_window._display import display_name, display_text
from single_window.findings import Finding, Report, Severity
from single_window.reporters._base import Reporter, in_language
from single_window.reporters._labels import text
from single_window.reporters._text import finding_line, neutral_note

__all__ = ["JUnitReporter"]

_SPOOL_BYTES = 8 * 1024 * 1024


class JUnitReporter(Reporter):
    """Writes a JUnit XML ``<testsuites>`` document."""

    name = "junit"
    suffix = ".xml"

    def start(self) -> None:
        self._cases = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in finish()
            max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8"
        )
        self._tests = 0
        self._failures = 0
        self._started = datetime.now(UTC)

    @in_language
    def add(self, report: Report) -> None:
        threshold = (self.context.fail_on or Severity.ERROR).rank
        case = etree.Element(
            "testcase",
            classname=f"single-window.{self.context.command}",
            name=display_name(report.source),
            file=display_name(report.source),
        )
        decl = report.declaration
        if decl is not None and decl.format is not None:
            properties = etree.SubElement(case, "properties")
            for key, value in (("format", decl.format), ("version", decl.version)):
                if value is not None:
                    etree.SubElement(properties, "property", name=key, value=display_name(value))
        failing = [f for f in report.findings if f.severity.rank >= threshold]
        others = [f for f in report.findings if f.severity.rank < threshold]
        for f in sorted(failing, key=Finding.sort_key):
            failure = etree.SubElement(
                case,
                "failure",
                type=display_name(f.rule),
                message=display_name(" ".join(f.message.split())),
            )
            detail = finding_line(report.source, f)
            if f.path:
                detail += "\n" + text("path-line", path=f.path)
            failure.text = display_text(detail)
        notes = [finding_line(report.source, f) for f in sorted(others, key=Finding.sort_key)]
        if report.country_neutral_only:
            notes.append(neutral_note(report.source))
        if notes:
            out = etree.SubElement(case, "system-out")
            out.text = display_text("\n".join(notes))
        self._tests += 1
        self._failures += 1 if failing else 0
        self._cases.write(etree.tostring(case, encoding="unicode", pretty_print=True))

    def finish(self) -> None:
        elapsed = (datetime.now(UTC) - self._started).total_seconds()
        attrs = (
            f'tests="{self._tests}" failures="{self._failures}" errors="0" skipped="0" '
            f'time="{elapsed:.3f}"'
        )
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(f'<testsuites name="single-window" {attrs}>\n')
        self.out.write(
            f'<testsuite name="single-window {self.context.command}" {attrs} '
            f'timestamp="{self._started.strftime("%Y-%m-%dT%H:%M:%S")}">\n'
        )
        self._cases.seek(0)
        while chunk := self._cases.read(1 << 16):
            self.out.write(chunk)
        self._cases.close()
        self.out.write("</testsuite>\n</testsuites>\n")
        self.out.flush()
