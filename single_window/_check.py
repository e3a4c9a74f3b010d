"""``check``: one declaration through every stage and every involved country's rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from single_window._api import SchemaLike, validate
from single_window._reader import DEFAULT_LIMITS, Limits, Source
from single_window.errors import ConfigurationError
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
from single_window.rules._packs import RuleSet
from single_window.rules._route import Role, route_of

__all__ = ["check", "involved_countries"]


def _summary(decl: Declaration | None) -> DeclarationSummary | None:
    if decl is None:
        return None
    ident = decl.functional_reference_id or decl.id
    return DeclarationSummary(
        id=ident.value if ident is not None else None,
        type=decl.type_code.value if decl.type_code is not None else None,
        function=decl.function_code.value if decl.function_code is not None else None,
    )


def involved_countries(decl: Declaration) -> dict[str, frozenset[Role]]:
    """The countries a declaration involves, each with its roles on the route."""
    return dict(route_of(decl).roles)


def _normalize_countries(countries: Iterable[str], rules: RuleSet) -> list[str]:
    out: list[str] = []
    for code in countries:
        upper = code.strip().upper()
        if upper not in rules.packs or upper == "BASELINE":
            known = ", ".join(rules.countries)
            raise ConfigurationError(f"no rule pack for country {code!r} (packs: {known})")
        out.append(upper)
    return out


def check(
    source: Source,
    *,
    countries: Iterable[str] | None = None,
    on: date | datetime | None = None,
    schema: SchemaLike = None,
    rules: RuleSet | None = None,
    explain: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Check a declaration against every involved country's requirements in one pass.

    Args:
        source: A path, bytes, or a binary file object.
        countries: None derives the countries from the declaration (declaring office,
            export country, itinerary, destination); ``[]`` runs only the
            country-neutral rules; a list names the packs to run.
        on: Judge dated rules as of this date instead of the declaration's own date.
        schema: An XSD path or :class:`~single_window.Schema`; None is the bundled profile.
        rules: The packs to use; None is the bundled set (:meth:`RuleSet.bundled`).
        explain: Also list, per rule, whether it ran, passed, failed or did not apply
            and why (``Report.explanation``).
        limits: Reader limits.

    Returns:
        A :class:`~single_window.Report`; ``verdict`` is ``reject`` exactly when some
        finding is an error.

    Raises:
        ConfigurationError: for an unknown country or a pack that does not load.
    """
    ruleset = rules if rules is not None else RuleSet.bundled()
    named = _normalize_countries(countries, ruleset) if countries is not None else None
    result = validate(source, schema=schema, limits=limits)
    findings: list[Finding] = list(result.findings)
    decl = result.declaration
    country_verdicts: dict[str, CountryVerdict] = {}
    explanation = None
    if decl is not None and not has_errors(findings):
        on_date = on.date() if isinstance(on, datetime) else on
        ctx = Context.of(decl, on=on_date, countries=named, zones=ruleset.zone)
        if named is not None:
            selected = named
        else:
            selected = [c for c in ctx.route.roles if c in ruleset.packs]
        rule_findings, outcomes = ruleset.plan(selected).evaluate(ctx, explain=explain)
        findings.extend(rule_findings)
        if outcomes is not None:
            explanation = tuple(outcomes)
        tally = Counter((f.country, f.severity) for f in rule_findings)
        for code in selected:
            errors = tally[code, Severity.ERROR]
            warnings = tally[code, Severity.WARNING]
            country_verdicts[code] = CountryVerdict(
                verdict=Verdict.REJECT if errors else Verdict.ACCEPT,
                errors=errors,
                warnings=warnings,
            )
    verdict = Verdict.REJECT if has_errors(findings) else Verdict.ACCEPT
    return Report(
        source=result.source,
        declaration=_summary(decl),
        verdict=verdict,
        countries=country_verdicts,
        findings=findings,
        explanation=explanation,
    )
