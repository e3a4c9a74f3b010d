"""One batch job: what a worker needs besides its inputs, and how it checks one input.

A :class:`Job` pickles its rule set as the loaded packs (once per rule set, not per
chunk): each worker compiles it once (:func:`_ruleset`) and reuses it, and never reads a
pack file again. :func:`run_one` never
raises for an input: a crash is a ``BATCH-ERROR`` report; only a set-up error
(:class:`~single_window.ConfigurationError`) leaves it.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

from single_window import codes
from single_window._api import SchemaLike, resolve_schema, validate
from single_window._arguments import check_limits, check_settings, check_source
from single_window._check import DECLARATION_SOURCE, check, summary
from single_window._i18n import Message
from single_window._lang import DEFAULT_LANG
from single_window._limits import DEFAULT_LIMITS, Limits
from single_window._localize import localize_report
from single_window._reader import Source, load_bytes, source_name
from single_window.errors import ConfigurationError
from single_window.findings import Report, Verdict, has_errors
from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.schema import Schema

__all__ = [
    "BATCH_ERROR",
    "BATCH_WORKER",
    "UNSENDABLE",
    "Input",
    "Job",
    "Mode",
    "failure",
    "prepare",
    "resolve_job",
    "run_chunk",
    "run_one",
    "sendable",
]

#: Rule id of the finding given to an input whose worker process died.
BATCH_WORKER = codes.BATCH_WORKER

#: Rule id of the finding given to an input whose check raised unexpectedly.
BATCH_ERROR = codes.BATCH_ERROR

#: One input of a batch: a source to read, or (to check) a declaration model.
Input = Source | Declaration

#: What a batch does to each input.
Mode = Literal["check", "validate"]

#: Why a rule set cannot go to worker processes.
UNSENDABLE = "this rule set cannot be pickled for worker processes (use jobs=1)"


@dataclass(frozen=True, eq=False)
class _SentRules:
    """A rule set as it travels to worker processes: its loaded packs pickled once, in the
    caller (their validated content, see :class:`~single_window.rules.LoadedPack`), so a
    worker runs exactly the rules the caller passed and never reads a pack file again.

    ``modules`` are the modules that register the custom predicates and identifier
    validators the packs name; a worker imports them before it compiles the packs, so
    that the names are known there too. Equal when their content is: a worker rebuilds a
    rule set once (:func:`_ruleset`), however many chunks bring it.
    """

    payload: bytes
    digest: str
    modules: tuple[str, ...] = ()

    @classmethod
    def of(cls, rules: RuleSet) -> _SentRules:
        """The rule set as sent (pickled once per rule set)."""
        return _sent(rules)

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _SentRules)
            and other.digest == self.digest
            and other.modules == self.modules
        )

    def load(self) -> RuleSet:
        """Import the registering modules, then compile the packs sent (in a worker)."""
        for name in self.modules:
            try:
                importlib.import_module(name)
            except Exception as exc:
                raise ConfigurationError(
                    f"a worker process cannot import {name!r}, which registers predicates "
                    f"or identifier validators the packs use: {exc!r}"
                ) from None
        try:
            rules = pickle.loads(self.payload)
        except (ValueError, KeyError) as exc:
            raise ConfigurationError(
                f"a worker process cannot compile the rules it was sent: {exc}"
            ) from None
        if not isinstance(rules, RuleSet):  # pragma: no cover - made by _sent only
            raise ConfigurationError("a worker process was sent no rule set")
        return rules


@lru_cache(maxsize=16)
def _sent(rules: RuleSet) -> _SentRules:
    payload = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    return _SentRules(payload, hashlib.sha256(payload).hexdigest(), _registering_modules(rules))


def _registering_modules(rules: RuleSet) -> tuple[str, ...]:
    """The importable modules that registered the custom names a rule set uses.

    The library's own registrations are known to every worker already; a ``__main__``
    script cannot be imported by name (process pools run it again in each worker, under
    ``if __name__ == "__main__"`` guards, which registers its predicates there).
    """
    funcs = [
        f for pack in rules.packs.values() for r in pack.rules for f in r.spec.check.registered()
    ]
    modules = {getattr(f, "__module__", None) for f in funcs}
    return tuple(
        sorted(
            m
            for m in modules
            if isinstance(m, str)
            and m not in ("__main__", "__mp_main__")
            and m != "single_window"
            and not m.startswith("single_window.")
        )
    )


@dataclass(frozen=True)
class Job:
    """Everything a worker needs besides the inputs. A rule set pickles as its loaded
    packs (pickled once, see :class:`_SentRules`), never as pack files to read again."""

    mode: Mode
    countries: tuple[str, ...] | None = None
    on: date | None = None
    schema: Schema | None = None
    rules: RuleSet | _SentRules | None = None
    explain: bool = False
    limits: Limits = DEFAULT_LIMITS
    lang: str = DEFAULT_LANG

    def __reduce__(self) -> tuple[Any, ...]:
        rules = self.rules
        if isinstance(rules, RuleSet):
            try:
                rules = _SentRules.of(rules)
            except Exception as exc:
                raise ConfigurationError(f"{UNSENDABLE}: {exc!r}") from None
        return (
            Job,
            (
                self.mode,
                self.countries,
                self.on,
                self.schema,
                rules,
                self.explain,
                self.limits,
                self.lang,
            ),
        )


@lru_cache(maxsize=16)
def _ruleset(rules: RuleSet | _SentRules | None) -> RuleSet:
    if rules is None:
        return RuleSet.bundled()
    if isinstance(rules, _SentRules):
        return rules.load()
    return rules


def failure(name: str, message: Message, mode: Mode, lang: str = DEFAULT_LANG) -> Report:
    """A rejected report with one error finding, of a batch message
    (:func:`single_window.codes.message`), in ``lang``; in check mode no rule pack ran."""
    report = Report(
        packs=() if mode == "check" else None,
        source=name,
        declaration=None,
        verdict=Verdict.REJECT,
        findings=[codes.finding(message)],
    )
    return localize_report(report, lang)


def _not_a_source(source: object, job: Job) -> Report | None:
    """A ``BATCH-ERROR`` report for an item that is no kind of source, else None.

    For a check, a :class:`Declaration` is a source.
    """
    try:
        check_source(source, declaration=job.mode == "check")
    except TypeError as exc:
        name = f"<{type(source).__name__}>"
        message = codes.message(BATCH_ERROR, "not-a-source", error=str(exc))
        return failure(name, message, job.mode, job.lang)
    return None


def run_one(job: Job, source: Input) -> Report:
    """Check (or validate) one input; never raises except for a set-up error."""
    wrong = _not_a_source(source, job)
    if wrong is not None:
        return wrong
    try:
        if job.mode == "validate":
            assert not isinstance(source, Declaration)  # refused by _not_a_source
            result = validate(source, schema=job.schema, limits=job.limits, lang=job.lang)
            return Report(
                source=result.source,
                lang=result.lang,
                declaration=summary(result.declaration),
                verdict=Verdict.REJECT if has_errors(result.findings) else Verdict.ACCEPT,
                findings=result.findings,
            )
        return check(
            source,
            countries=job.countries,
            on=job.on,
            schema=job.schema,
            rules=_ruleset(job.rules),
            explain=job.explain,
            limits=job.limits,
            lang=job.lang,
        )
    except ConfigurationError as exc:
        # Re-raised as the base class: subclasses with their own __init__ do not unpickle.
        raise ConfigurationError(str(exc)) from None
    except Exception as exc:  # one input's crash must not end the batch
        message = codes.message(BATCH_ERROR, "raised", error=repr(exc))
        name = DECLARATION_SOURCE if isinstance(source, Declaration) else source_name(source)
        return failure(name, message, job.mode, job.lang)


def run_chunk(job: Job, sources: Sequence[Input]) -> list[Report]:
    """The task a worker runs: one report per source, in order."""
    return [run_one(job, s) for s in sources]


def prepare(source: Input, job: Job) -> tuple[Input, str | None, Report | None]:
    """What to send for one input: paths, bytes and declarations (which pickle) as they
    are, file objects as bytes.

    Returns the payload, a display name to put on its report (None: the report names it),
    and a report when the input is already answered here (an unreadable file object).
    """
    if isinstance(source, Declaration):
        return source, DECLARATION_SOURCE, None
    if isinstance(source, str | os.PathLike | bytes):
        return source, None, None
    if isinstance(source, bytearray | memoryview):
        return bytes(source), None, None
    wrong = _not_a_source(source, job)
    if wrong is not None:
        return source, wrong.source, wrong
    name = source_name(source)
    data, findings = load_bytes(source, job.limits)
    if data is None:
        packs = () if job.mode == "check" else None
        report = Report(source=name, verdict=Verdict.REJECT, findings=findings, packs=packs)
        return source, name, localize_report(report, job.lang)
    return data, name, None


def resolve_job(
    mode: Mode,
    countries: str | Iterable[str] | None,
    on: date | datetime | str | None,
    schema: SchemaLike,
    rules: RuleSet | None,
    explain: bool,
    limits: Limits,
    lang: str | None = DEFAULT_LANG,
) -> Job:
    """Validate the set-up eagerly (raises TypeError, ValueError or ConfigurationError)
    and build the job."""
    check_limits(limits)
    settings = check_settings(countries, on, rules, lang)
    named = settings.countries
    return Job(
        mode=mode,
        countries=tuple(named) if named is not None else None,
        on=settings.on,
        schema=resolve_schema(schema),
        rules=None if settings.rules is RuleSet.bundled() else settings.rules,
        explain=explain,
        limits=limits,
        lang=settings.lang,
    )


def sendable(job: Job) -> bool:
    """True when the job can travel to worker processes (its rule set pickles)."""
    if not isinstance(job.rules, RuleSet):
        return True
    try:
        _SentRules.of(job.rules)
    except Exception:
        return False
    return True
