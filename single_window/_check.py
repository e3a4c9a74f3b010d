"""``check``: one declaration through every stage and every involved country's rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache, lru_cache

from single_window._api import SchemaLike, validate
from single_window._arguments import check_limits, check_settings, check_source
from single_window._gc import paused
from single_window._lang import DEFAULT_LANG
from single_window._limits import DEFAULT_LIMITS, Limits
from single_window._localize import localize_report
from single_window._reader import Source
from single_window.findings import (
    CountryVerdict,
    DeclarationSummary,
    Finding,
    Report,
    Severity,
    Verdict,
    has_errors,
)
from single_window.models import Declaration
from single_window.rules._context import Context
from single_window.rules._judge import judge
from single_window.rules._packs import BASELINE, RuleSet
from single_window.rules._route import Role, route_of

__all__ = ["DECLARATION_SOURCE", "check", "involved_countries", "summary"]

#: The ``source`` of a report on a declaration passed as a model rather than a document.
DECLARATION_SOURCE = "<declaration>"


def summary(decl: Declaration | None, kind: str | None = None) -> DeclarationSummary | None:
    """The header values a report names a declaration by (``kind`` when known already)."""
    if decl is None:
        return None
    ident = decl.functional_reference_id or decl.id
    read = decl.read_from
    return DeclarationSummary.model_construct(
        id=ident.value if ident is not None else None,
        type=decl.type_code.value if decl.type_code is not None else None,
        function=decl.function_code.value if decl.function_code is not None else None,
        kind=kind or decl.kind,
        format=read.format if read is not None else None,
        version=read.version if read is not None else None,
    )


@cache
def _role_names(roles: frozenset[Role]) -> tuple[str, ...]:
    """A country's roles as report names, in the order of :class:`Role`."""
    return tuple(r.value for r in Role if r in roles)


def involved_countries(decl: Declaration) -> dict[str, frozenset[Role]]:
    """The countries a declaration involves, each with its roles on the route."""
    return dict(route_of(decl).roles)


def _country_verdicts(
    tally: Counter[tuple[str | None, Severity]], selected: Iterable[str], ctx: Context | None
) -> dict[str, CountryVerdict]:
    """Each selected country's verdict on its own rules, from the tally of every finding
    (those left out of the report included)."""
    verdicts: dict[str, CountryVerdict] = {}
    for code in selected:
        roles = ctx.route.roles_of(code) if ctx is not None else frozenset()
        verdicts[code] = _verdict(tally[code, Severity.ERROR], tally[code, Severity.WARNING], roles)
    return verdicts


@lru_cache(maxsize=4096)
def _verdict(errors: int, warnings: int, roles: frozenset[Role]) -> CountryVerdict:
    """A country's verdict on these counts and roles: one frozen object shared by every
    report that has them (most countries accept with no finding)."""
    # Built from values already checked: no validation needed on this hot path.
    return CountryVerdict.model_construct(
        verdict=Verdict.REJECT if errors else Verdict.ACCEPT,
        errors=errors,
        warnings=warnings,
        roles=_role_names(roles),
    )


@paused
def check(
    source: Source | Declaration,
    *,
    countries: str | Iterable[str] | None = None,
    on: date | datetime | str | None = None,
    schema: SchemaLike = None,
    rules: RuleSet | None = None,
    explain: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    lang: str | None = DEFAULT_LANG,
) -> Report:
    """Check a declaration against every involved country's requirements in one pass.

    Args:
        source: The declaration: a path, XML text in a ``str`` (one that starts with
            ``<``), bytes, or a binary file object (as for :func:`validate`); or a
            :class:`~single_window.models.Declaration`, read or built in Python, whose
            model is checked as it is: no stage reads it again, and its findings carry
            the paths and lines its values hold (those it was read at; None for a value
            made in Python). ``schema`` does not apply to it; ``Report.source`` is
            ``"<declaration>"``.
        countries: None derives the countries from the declaration (declaring office,
            export country, itinerary, destination); ``[]`` or ``""`` runs only the
            country-neutral rules; a code (``"TR"``) or a list of codes names the
            packs to run, each once. Each named country has the roles the declaration
            gives it (none when it is not on it), so its pack runs no rule of a role
            it lacks; its rules without a role condition run.
        on: Judge dated rules as of this date instead of the declaration's own date:
            a date, a datetime (its date is used) or an ISO date string
            (``"2025-01-31"``).
        schema: An XSD path or :class:`~single_window.Schema`; None is the bundled profile.
        rules: The packs to use; None is the bundled set (:meth:`RuleSet.bundled`).
        explain: Also list, per rule, whether it ran, passed, failed or did not apply
            and why (``Report.explanation``).
        limits: Reader limits and the time budget of the rules
            (:attr:`Limits.rule_seconds`).
        lang: The language of the report's texts: a language tag (``"kk"``,
            ``"kk-KZ"``, ``"uz-Latn"``; None or ``"en"``: English, whatever the
            environment says). Rule ids, codes and parameters are the same in every
            language.

    Returns:
        A :class:`~single_window.Report`; ``verdict`` is ``reject`` exactly when some
        finding is an error.

    Raises:
        TypeError: when an argument is of the wrong type (``source=None``,
            ``countries=123``, ``on=42``).
        ValueError: when ``on`` is a string that is not an ISO date, ``limits``
            gives a time budget that is not above 0, or ``lang`` names a language the
            library has no messages in.
        ConfigurationError: for an unknown country or a pack that does not load.
    """
    check_source(source, declaration=True)
    settings = check_settings(countries, on, rules, lang)
    ruleset = settings.rules
    findings: list[Finding]
    decl: Declaration | None
    if isinstance(source, Declaration):
        check_limits(limits)
        name, findings, decl = DECLARATION_SOURCE, [], source
    else:
        result = validate(source, schema=schema, limits=limits)
        name, findings, decl = result.source, list(result.findings), result.declaration
    country_verdicts: dict[str, CountryVerdict] = {}
    explanation = None
    packs: tuple[str, ...] = ()
    route: tuple[str, ...] = ()
    ctx: Context | None = None
    if decl is not None and not has_errors(findings):
        # Every per-declaration cost of the rules runs within their time budget.
        judged = judge(
            ruleset,
            decl,
            on=settings.on,
            countries=settings.countries,
            explain=explain,
            limits=limits,
        )
        ctx, selected = judged.context, judged.countries
        packs = tuple(key for key in (BASELINE, *selected) if key in ruleset.packs)
        findings.extend(judged.findings)
        if judged.outcomes is not None:
            explanation = tuple(judged.outcomes)
        country_verdicts = _country_verdicts(judged.tally, selected, ctx)
        route = ctx.route.order if ctx is not None else ()
    verdict = Verdict.REJECT if has_errors(findings) else Verdict.ACCEPT
    report = Report(
        source=name,
        declaration=summary(decl, ctx.kind if ctx is not None else None),
        verdict=verdict,
        countries=country_verdicts,
        route=route,
        findings=findings,
        packs=packs,
        explanation=explanation,
    )
    return localize_report(report, settings.lang, ruleset)
