"""The argument gate: every argument of the public functions, checked in one place.

``parse``, ``validate``, ``check``, ``check_many`` and ``validate_many`` take a source,
countries, an ``on`` date, a schema, a rule set, limits and (for a batch) jobs, an
executor and a chunk size. Each is checked here, before any input is read, so that a
wrong argument fails the same way whichever function received it:

- ``TypeError`` for an argument of the wrong type (``source=None``, ``countries=123``,
  ``on=42``, ``jobs="2"``), naming what would be right;
- ``ValueError`` for a value of the right type that cannot work (``on="31/01/2025"``,
  ``Limits(rule_seconds=0)``, ``lang="xx"``);
- :class:`~single_window.ConfigurationError` for a set-up the library cannot run (a
  country without a pack, ``jobs=0``).

Anything wrong with the input itself (a missing file, a FIFO, malformed XML) is not an
argument error: the reader reports it as a finding.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import date

from single_window._days import as_of_date
from single_window._lang import check_lang
from single_window._limits import Limits
from single_window.errors import ConfigurationError
from single_window.models import Declaration
from single_window.rules._packs import RuleSet
from single_window.schema import Schema

__all__ = [
    "CheckSettings",
    "as_of_date",
    "check_batch",
    "check_lang",
    "check_limits",
    "check_rules",
    "check_schema",
    "check_settings",
    "check_source",
    "country_codes",
    "named_countries",
]

_SOURCE_TYPES = "a path, XML text, bytes or a binary file object opened with 'rb'"


def check_source(source: object, *, declaration: bool = False) -> None:
    """Raise TypeError, with a hint, for an argument that is no kind of source at all.

    Only the type is looked at: nothing is read or opened. With ``declaration`` (what
    ``check`` and ``check_many`` take), a :class:`~single_window.models.Declaration` is
    a source too.
    """
    if isinstance(source, str | os.PathLike | bytes | bytearray | memoryview):
        return
    if declaration and isinstance(source, Declaration):
        return
    if callable(getattr(source, "read", None)):
        return
    hint = ""
    if isinstance(source, list | tuple | set | dict):
        hint = " (for many sources use check_many or validate_many)"
    kinds = f"{_SOURCE_TYPES} or a Declaration" if declaration else _SOURCE_TYPES
    if not declaration and isinstance(source, Declaration):
        hint = " (a Declaration is checked as it is: use check)"
    raise TypeError(f"source must be {kinds}, not {type(source).__name__}{hint}")


def check_schema(schema: object) -> None:
    """Raise TypeError for a ``schema=`` argument that is not None, a path or a Schema."""
    if schema is None or isinstance(schema, Schema | str | os.PathLike):
        return
    raise TypeError(
        "schema must be None (each document's format chooses), the path of an XSD file or a "
        f"Schema from single_window.load_schema, not {type(schema).__name__}"
    )


def check_limits(limits: object) -> Limits:
    """The ``limits=`` argument, checked: a :class:`~single_window.Limits`.

    Raises:
        TypeError: for anything but a ``Limits``.
        ValueError: for a time budget that is not a number of seconds above 0, a pattern
            limit that is not a number of characters above 0, or a cap on the findings
            kept per rule that is not a number above 0 (or None).
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a single_window.Limits, not {type(limits).__name__}")
    seconds = limits.rule_seconds
    if seconds is not None and (
        isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds > 0
    ):
        raise ValueError(
            f"Limits(rule_seconds={seconds!r}): the rules' time budget is a number of seconds "
            "above 0, or None for no budget"
        )
    chars = limits.max_pattern_text
    if isinstance(chars, bool) or not isinstance(chars, int) or chars < 1:
        raise ValueError(
            f"Limits(max_pattern_text={chars!r}): the longest value a pattern is matched "
            "against is a number of characters, at least 1"
        )
    kept = limits.max_findings_per_rule
    if kept is not None and (isinstance(kept, bool) or not isinstance(kept, int) or kept < 1):
        raise ValueError(
            f"Limits(max_findings_per_rule={kept!r}): the findings kept per rule are a "
            "number, at least 1, or None for all"
        )
    return limits


def check_rules(rules: object) -> RuleSet | None:
    """The ``rules=`` argument, checked: None or a :class:`RuleSet`."""
    if rules is not None and not isinstance(rules, RuleSet):
        raise TypeError(
            "rules must be None (the bundled packs) or a single_window.rules.RuleSet, e.g. "
            f"RuleSet.from_paths(['my-packs/']), not {type(rules).__name__}"
        )
    return rules


def country_codes(countries: object) -> list[str] | None:
    """The ``countries=`` argument as a list of codes, each once, trimmed and upper-cased
    (None stays None).

    A single ``str`` is one code (``"TR"``); any other iterable of ``str`` is a list. A blank
    code (``""``, as the command line's ``--countries ""``) names no country, so
    ``countries=""`` is ``countries=[]``.

    Raises:
        TypeError: for anything else (a number, bytes, an item that is not a ``str``).
    """
    if countries is None:
        return None
    if isinstance(countries, str):
        items: list[object] = [countries]
    elif isinstance(countries, bytes | bytearray | memoryview) or not isinstance(
        countries, Iterable
    ):
        raise TypeError(
            "countries must be None, a country code (countries='TR') or an iterable of "
            f"codes (countries=['TR', 'AZ']), not {type(countries).__name__}"
        )
    else:
        items = list(countries)
    codes: dict[str, None] = {}
    for code in items:
        if not isinstance(code, str):
            raise TypeError(
                f"countries must hold country codes as str, not {type(code).__name__} ({code!r})"
            )
        if code.strip():
            codes.setdefault(code.strip().upper())
    return list(codes)


def named_countries(countries: object, rules: RuleSet) -> list[str] | None:
    """The ``countries=`` argument as the keys of packs in ``rules``, each once, in the
    order given (None: derive them from each declaration; ``[]``: no country).

    Raises:
        TypeError: as :func:`country_codes`.
        ConfigurationError: for a code that has no pack in ``rules``.
    """
    codes = country_codes(countries)
    if codes is None:
        return None
    for code in codes:
        if code not in rules.packs or code == "BASELINE":
            known = ", ".join(rules.countries)
            raise ConfigurationError(f"no rule pack for country {code!r} (packs: {known})")
    return codes


def check_batch(
    sources: object, jobs: object, executor: object, chunksize: object, timeout: object = None
) -> None:
    """Raise TypeError or ConfigurationError for batch arguments that cannot work."""
    if isinstance(sources, str | bytes | bytearray | memoryview | os.PathLike) or not (
        isinstance(sources, Iterable)
    ):
        raise TypeError(
            "sources must be an iterable of sources (a list of paths, bytes or binary "
            f"files), not {type(sources).__name__}; for one source use check or validate"
        )
    for name, value in (("jobs", jobs), ("chunksize", chunksize)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"{name} must be a whole number or None, not {type(value).__name__}")
    if executor is not None and not isinstance(executor, Executor):
        raise TypeError(
            "executor must be a concurrent.futures.Executor (e.g. "
            f"distributed.Client(...).get_executor()), not {type(executor).__name__}"
        )
    if jobs is not None and jobs < 1:  # type: ignore[operator]
        raise ConfigurationError(f"jobs must be at least 1, not {jobs}")
    if chunksize is not None and chunksize < 1:  # type: ignore[operator]
        raise ConfigurationError(f"chunksize must be at least 1, not {chunksize}")
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            kind = type(timeout).__name__
            raise TypeError(f"timeout must be a number of seconds or None, not {kind}")
        if not timeout > 0:  # NaN too
            raise ConfigurationError(f"timeout must be more than 0 seconds, not {timeout}")


@dataclass(frozen=True)
class CheckSettings:
    """The checked arguments of ``check`` and ``check_many`` that say how to judge.

    Attributes:
        rules: The rule set (the bundled one for ``rules=None``).
        countries: The packs named (None: each declaration's own countries).
        on: The date dated rules are judged as of (None: each declaration's own).
        lang: The language tag of the reports.
    """

    rules: RuleSet
    countries: list[str] | None
    on: date | None
    lang: str


def check_settings(countries: object, on: object, rules: object, lang: object) -> CheckSettings:
    """The ``countries``, ``on``, ``rules`` and ``lang`` arguments of a check, checked.

    Raises:
        TypeError: as :func:`check_rules`, :func:`named_countries`, :func:`as_of_date`
            and :func:`check_lang`.
        ValueError: for an ``on`` that is not an ISO date or a language the library has
            no messages in.
        ConfigurationError: for a country without a pack.
    """
    ruleset = check_rules(rules) or RuleSet.bundled()
    return CheckSettings(
        rules=ruleset,
        countries=named_countries(countries, ruleset),
        on=as_of_date(on),
        lang=check_lang(lang),
    )
