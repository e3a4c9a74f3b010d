"""Resource limits of a check: what the reader accepts and how long the rules of one
declaration may run.

A module of its own, importing nothing of the package, so that every stage (and the
finding codes' documentation, which states the defaults) reads the one set of defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True)
class Limits:
    """Resource limits of a check: what the reader accepts and how long the rules of one
    declaration may run.

    Attributes:
        max_bytes: Largest input accepted, in bytes (default 32 MiB; real declarations
            are well under 1 MiB, a 999-item declaration a few MiB).
        max_elements: Most elements accepted in one document.
        max_text: Longest text node or attribute value accepted, in characters.
        rule_seconds: Time budget of one declaration's rules, in seconds (None: none).
            A rule still running when it is spent is stopped and reported as a
            ``RULE-TIMEOUT`` error (fail closed); the bundled rules take milliseconds.
        max_pattern_text: Longest value a rule matches a pattern against, in characters.
            A longer value is not matched but reported as a ``RULE-LIMIT`` error: a
            pattern match runs in C and cannot be stopped by the time budget, so this
            bounds it.
        max_findings_per_rule: Most findings of one rule kept in a declaration's report
            (None: all). The rest are left out and one ``RULE-CAPPED`` finding names the
            rule and how many; the verdict and the countries' error and warning counts
            still count every finding.
    """

    max_bytes: int = 32 * 1024 * 1024
    max_elements: int = 250_000
    """Most elements a document may have (a 999-item declaration has about 40,000)."""
    max_text: int = 1_000_000
    """Longest text or attribute value, in characters (WCO values are at most 512)."""
    rule_seconds: float | None = 10.0
    """Time budget of one declaration's rules (far above what a 999-item declaration
    needs); a user pack's runaway rule cannot hold up a batch longer than this."""
    max_pattern_text: int = 10_000
    """Longest value a pattern is matched against, in characters (WCO values are at most
    512); RE2 matches in time linear in the value, so this bounds every match."""
    max_findings_per_rule: int | None = 100
    """Most findings of one rule listed per declaration (a rule that fails on each of 999
    goods items lists the first 100): reports stay bounded, however many rules fail."""

    #: Nesting depth limit enforced by libxml2 (not configurable without huge_tree).
    MAX_DEPTH = 256
    #: Text node length limit enforced by libxml2 (not configurable without huge_tree).
    MAX_TEXT = 10_000_000


DEFAULT_LIMITS = Limits()
