"""What every reporter shares: the reporter interface, its context and the tallies."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import ClassVar, Literal, TextIO

from single_window._i18n import translate
from single_window.codes import STAGE_CODES
from single_window.findings import Finding, Report, Severity, Verdict
from single_window.reporters._labels import LABELS, STAGE_TITLES, text, verdict
from single_window.rules import RuleInfo
from single_window.rules._route import ROLE_WORDS

__all__ = [
    "NEUTRAL_LABEL",
    "NEUTRAL_RAN",
    "NO_PACK",
    "BatchSummary",
    "CountryTally",
    "ReportContext",
    "Reporter",
    "Stop",
    "failed",
    "neutral_rejection",
    "neutral_tally",
    "read_as",
    "read_source",
    "route_stops",
    "route_text",
    "stage_titles",
]

Command = Literal["check", "validate"]

#: What every reporter says of a declaration no country rule pack applied to (only the
#: country-neutral rules ran; see :attr:`~single_window.Report.country_neutral_only`), in
#: English (the message ``report.no-pack``).
NO_PACK = text("no-pack")
#: What ran on it (``report.neutral-ran``).
NEUTRAL_RAN = text("neutral-ran")
#: The short label of such a declaration (``report.neutral-label``).
NEUTRAL_LABEL = text("neutral-label")


def read_as(report: Report) -> str | None:
    """The format (and version) a declaration was read as: ``wco``, ``ncts 5``; None when
    it could not be read as one."""
    decl = report.declaration
    if decl is None or decl.format is None:
        return None
    return decl.format if decl.version is None else f"{decl.format} {decl.version}"


def read_source(source: str) -> bytes | None:
    """The bytes of a report's source file, or None when it is not a readable file.

    Used for excerpts. The file is read as the reader reads a path (at most the default
    size limit; a FIFO or device is refused without being opened), so an excerpt can
    never block or read what a check would not.
    """
    from single_window._reader import load_bytes

    data, _ = load_bytes(Path(source))
    return data


@dataclass(frozen=True)
class Stop:
    """One country of a declaration's route as a report shows it.

    Attributes:
        country: The country code.
        verdict: ``accept`` or ``reject``; None when no pack for the country ran.
        roles: Its roles on the route (``departure``, ``transit``, ...).
    """

    country: str
    verdict: str | None
    roles: tuple[str, ...]


#: The roles worth naming on a route line, in the order they are named.
_ROUTE_ROLES = ("departure", "export", "transit", "destination")


def route_stops(report: Report) -> list[Stop]:
    """The countries of the route in order, each with its verdict; empty when the route
    has fewer than two countries."""
    if len(report.route) < 2:
        return []
    stops = []
    for code in report.route:
        cv = report.countries.get(code)
        roles = cv.roles if cv is not None else ()
        shown = tuple(r for r in _ROUTE_ROLES if r in roles)
        stops.append(Stop(code, cv.verdict.value if cv is not None else None, shown))
    return stops


def neutral_rejection(report: Report) -> bool:
    """True when an error of no country's (a country-neutral rule's, or a stage's) rejects
    the declaration: it is rejected at every border on its route, whatever each country's
    own rules say of it."""
    return any(f.country is None and f.severity is Severity.ERROR for f in report.findings)


def route_text(report: Report) -> str | None:
    """The route as one line, e.g. ``UZ departure accept -> KZ transit accept -> TR
    destination reject``; None when the route has fewer than two countries.

    Each country's verdict is its own rules'. When a country-neutral error rejects the
    declaration the line starts with that, ``all countries reject (country-neutral
    rules); UZ departure accept -> ...``, so that a route never reads as accepted
    everywhere on a rejected declaration.
    """
    stops = route_stops(report)
    if not stops:
        return None
    route = " -> ".join(_stop(stop) for stop in stops)
    if neutral_rejection(report):
        return text("route-all-reject", verdict=verdict(Verdict.REJECT.value), route=route)
    return route


def _stop(stop: Stop) -> str:
    """One stop of the route line: the country, its first role and its verdict."""
    said = verdict(stop.verdict)
    if not stop.roles:
        return text("route-stop-no-role", country=stop.country, verdict=said)
    role = ROLE_WORDS(stop.roles[0])
    return text("route-stop", country=stop.country, role=role, verdict=said)


def _library_version() -> str:
    from single_window import __version__

    return __version__


@dataclass
class ReportContext:
    """What a reporter may want to know besides the reports themselves.

    Attributes:
        command: ``check`` or ``validate``.
        rules: The rule registry in use (``single_window.rules.list_rules``), for
            formats that describe rules (SARIF, HTML).
        fail_on: Findings at or above this severity fail a declaration (JUnit failures);
            None means only errors.
        tool_version: The library's version.
        base_dir: Paths are written relative to this folder where they can be (SARIF).
        started: When the run started (UTC).
        read: Returns a source's bytes for excerpts (HTML), or None.
    """

    command: Command = "check"
    rules: Sequence[RuleInfo] = ()
    fail_on: Severity | None = None
    tool_version: str = field(default_factory=_library_version)
    base_dir: Path = field(default_factory=Path.cwd)
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    read: Callable[[str], bytes | None] = read_source
    _index: dict[str, RuleInfo] | None = field(default=None, init=False, repr=False)

    def title(self, rule_id: str) -> str:
        """A one-line description of a rule id: the rule's title, or the stage code's."""
        info = self.rule(rule_id)
        if info is not None:
            return translate(info.title, context=f"{info.id}.title")
        return stage_titles().get(rule_id, "")

    def rule(self, rule_id: str) -> RuleInfo | None:
        """The registry entry of a rule id, or None for stage codes and unknown ids."""
        if self._index is None:
            self._index = {r.id: r for r in self.rules}
        return self._index.get(rule_id)


@cache
def stage_titles() -> dict[str, str]:
    """What each pipeline stage code (``XML-SYNTAX``, ...) means, as reports title it
    (``stage-title.<code>``, in words for the people who read reports)."""
    return {c.code: STAGE_TITLES.text(c.code) for c in STAGE_CODES}


def neutral_tally(summary: BatchSummary) -> str:
    """How many declarations of a batch only the country-neutral rules judged."""
    return text(
        "neutral-tally",
        count=summary.country_neutral_only,
        total=LABELS("declarations", count=summary.declarations),
        ran=NEUTRAL_RAN,
        no_pack=NO_PACK,
    )


def failed(report: Report, fail_on: Severity | None) -> bool:
    """True when the report has a finding at or above ``fail_on`` (None: error)."""
    threshold = (fail_on or Severity.ERROR).rank
    return any(f.severity.rank >= threshold for f in report.findings)


@dataclass
class CountryTally:
    """One country's share of a batch: its verdicts and findings (the batch's own totals
    in a :class:`BatchSummary`)."""

    accepted: int = 0
    rejected: int = 0
    errors: int = 0
    warnings: int = 0


@dataclass
class BatchSummary(CountryTally):
    """Running totals over a batch of reports (the CLI summary and the HTML report): the
    verdicts and findings of the whole batch, and each country's."""

    declarations: int = 0
    infos: int = 0
    countries: dict[str, CountryTally] = field(default_factory=dict)
    rules: Counter[str] = field(default_factory=Counter)
    """Findings per rule id."""
    rule_declarations: Counter[str] = field(default_factory=Counter)
    """Declarations per rule id."""
    rule_first: dict[str, Finding] = field(default_factory=dict)
    """The first finding seen of each rule (its severity, country and agency)."""
    country_neutral_only: int = 0
    """Declarations that no country rule pack applied to (only the baseline ran)."""
    formats: Counter[str] = field(default_factory=Counter)
    """Declarations per format read as (``wco``, ``ncts 5``; see :func:`read_as`)."""

    def add(self, report: Report) -> None:
        """Count one report in."""
        self.declarations += 1
        read = read_as(report)
        if read is not None:
            self.formats[read] += 1
        if report.country_neutral_only:
            self.country_neutral_only += 1
        if report.verdict is Verdict.ACCEPT:
            self.accepted += 1
        else:
            self.rejected += 1
        for code, cv in report.countries.items():
            tally = self.countries.setdefault(code, CountryTally())
            if cv.verdict is Verdict.ACCEPT:
                tally.accepted += 1
            else:
                tally.rejected += 1
            tally.errors += cv.errors
            tally.warnings += cv.warnings
        seen: set[str] = set()
        for f in report.findings:
            if f.severity is Severity.ERROR:
                self.errors += 1
            elif f.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1
            self.rules[f.rule] += 1
            self.rule_first.setdefault(f.rule, f)
            if f.rule not in seen:
                seen.add(f.rule)
                self.rule_declarations[f.rule] += 1

    def sorted_countries(self) -> list[tuple[str, CountryTally]]:
        """Countries in code order."""
        return sorted(self.countries.items())


class Reporter(ABC):
    """Writes a batch of reports in one output format, as the reports arrive.

    A reporter is used as ``start()``, ``add(report)`` for each report in input order,
    then ``finish()``. Streaming formats write in ``add``; formats whose document needs
    totals first (HTML, JUnit) keep what they need and write in ``finish``.
    """

    #: The name ``--format`` picks the reporter by.
    name: ClassVar[str]
    #: A suggested file extension.
    suffix: ClassVar[str] = ".txt"

    def __init__(self, out: TextIO, context: ReportContext | None = None) -> None:
        self.out = out
        self.context = context if context is not None else ReportContext()

    def start(self) -> None:  # noqa: B027 - optional hook
        """Write whatever comes before the first report."""

    @abstractmethod
    def add(self, report: Report) -> None:
        """Take one report (in input order)."""

    def finish(self) -> None:  # noqa: B027 - optional hook
        """Write whatever comes after the last report."""
