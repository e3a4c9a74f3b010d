"""What every reporter shares: the reporter interface, its context and the tallies."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any, ClassVar, Literal, TextIO, TypeVar

from single_window._i18n import render, render_value
from single_window._lang import check_lang
from single_window._localize import localize_report, rule_text
from single_window.codes import STAGE_CODES
from single_window.findings import Finding, Report, Severity, Verdict
from single_window.reporters._labels import (
    LABELS,
    STAGE_TITLES,
    current,
    speaking,
    text,
    verdict,
)
from single_window.rules import RuleInfo, RuleSet
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
    "in_language",
    "neutral_rejection",
    "neutral_tally",
    "read_as",
    "read_source",
    "route_stops",
    "route_text",
    "stage_text",
    "stage_titles",
]

Command = Literal["check", "validate"]

#: What every reporter says of a declaration no country rule pack applied to (only the
#: country-neutral rules ran; see :attr:`~single_window.Report.country_neutral_only`):
#: the message ``report.no-pack``.
NO_PACK = LABELS("no-pack")
#: What ran on it (``report.neutral-ran``).
NEUTRAL_RAN = LABELS("neutral-ran")
#: The short label of such a declaration (``report.neutral-label``).
NEUTRAL_LABEL = LABELS("neutral-label")


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
        lang: The language to write in (a language tag); None: each report's own
            (:attr:`Report.lang`, English unless ``check`` was asked for another).
        ruleset: The rule set whose packs made the findings (their templates and own
            catalogs), to put a report into another language and name its rules; None:
            the bundled packs.
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
    lang: str | None = None
    ruleset: RuleSet | None = None
    _index: dict[str, RuleInfo] | None = field(default=None, init=False, repr=False)

    def title(self, rule_id: str) -> str:
        """A one-line description of a rule id, in the language being written: the
        rule's title, or the stage code's."""
        info = self.rule(rule_id)
        if info is not None:
            rules = self.ruleset or RuleSet.bundled()
            return rule_text(rules, info.id, "title", info.title, current())
        if rule_id not in STAGE_TITLES.keys:
            return ""
        return STAGE_TITLES.text(rule_id, current())

    def applies_when(self, rule_id: str) -> str:
        """When a rule applies, in words, in the language being written ("" for an id
        no pack of the rule set has)."""
        found = (self.ruleset or RuleSet.bundled()).find(rule_id)
        if found is None:
            info = self.rule(rule_id)
            return info.applies_when if info is not None else ""
        return render_value(found[1].spec.when.description(), current())

    def rule(self, rule_id: str) -> RuleInfo | None:
        """The registry entry of a rule id, or None for stage codes and unknown ids."""
        if self._index is None:
            self._index = {r.id: r for r in self.rules}
        return self._index.get(rule_id)


def stage_titles(lang: str | None = None) -> dict[str, str]:
    """What each pipeline stage code (``XML-SYNTAX``, ...) means, as reports title it
    (``stage-title.<code>``, in words for the people who read reports), in ``lang`` (None:
    the language being written)."""
    return {c.code: STAGE_TITLES.text(c.code, lang or current()) for c in STAGE_CODES}


def stage_text(code: str, part: str, lang: str) -> str:
    """A stage code's ``meaning`` or ``action`` (Markdown) in ``lang``."""
    found = next(c for c in STAGE_CODES if c.code == code)
    return render(f"{code}.{part}", found.values, lang)


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


_M = TypeVar("_M", bound=Callable[..., Any])


def in_language(method: _M) -> _M:
    """Run a reporter's ``start``, ``add`` or ``finish`` in the language written in:
    ``add`` gets the report in it (:meth:`Reporter.localized`), and every report text
    asked for in the method is in it."""

    @wraps(method)
    def run(self: Reporter, *args: Any) -> Any:
        if args and isinstance(args[0], Report):
            report = self.localized(args[0])
            if self._first_lang is None:
                self._first_lang = report.lang
            with speaking(self.language(report)):
                return method(self, report, *args[1:])
        with speaking(self.language()):
            return method(self, *args)

    return run  # type: ignore[return-value]


class Reporter(ABC):
    """Writes a batch of reports in one output format, as the reports arrive.

    A reporter is used as ``start()``, ``add(report)`` for each report in input order,
    then ``finish()``. Streaming formats write in ``add``; formats whose document needs
    totals first (HTML, JUnit) keep what they need and write in ``finish``. Each method
    is marked :func:`in_language`, so that every text it writes is in the report's
    language (or the one asked for).
    """

    #: The name ``--format`` picks the reporter by.
    name: ClassVar[str]
    #: A suggested file extension.
    suffix: ClassVar[str] = ".txt"

    def __init__(
        self, out: TextIO, context: ReportContext | None = None, *, lang: str | None = None
    ) -> None:
        """Write to ``out``; ``lang`` (or the context's) is the language written in, None
        each report's own.

        Raises:
            ValueError: when ``lang`` names a language the library has no messages in.
        """
        self.out = out
        self.context = context if context is not None else ReportContext()
        chosen = lang if lang is not None else self.context.lang
        #: The language written in (None: each report's own).
        self.lang: str | None = check_lang(chosen) if chosen is not None else None
        self._first_lang: str | None = None

    def localized(self, report: Report) -> Report:
        """The report in the language written in (as it is when that is its own)."""
        if self.lang is None or report.lang == self.lang:
            return report
        return localize_report(report, self.lang, self.context.ruleset or RuleSet.bundled())

    def language(self, report: Report | None = None) -> str:
        """The language of a report's texts, or of the batch's (the first report's)."""
        if self.lang is not None:
            return self.lang
        if report is not None:
            return report.lang
        return self._first_lang or "en"

    def start(self) -> None:  # noqa: B027 - optional hook
        """Write whatever comes before the first report."""

    @abstractmethod
    def add(self, report: Report) -> None:
        """Take one report (in input order)."""

    def finish(self) -> None:  # noqa: B027 - optional hook
        """Write whatever comes after the last report."""
