"""Single Stop rules: country packs as data, named predicates, one compiled plan.

Each country's requirements are a TOML pack (``single_window/packs/<cc>.toml``); the
country-neutral WCO consistency rules are ``baseline.toml``. :class:`RuleSet` loads and
compiles them; :func:`list_rules` lists every rule with its metadata. Checks that data
cannot express are Python functions registered with :func:`predicate` (or
:func:`identifier` for trader-ID validators) and named from a pack.

Example:
    >>> from single_window.rules import list_rules
    >>> [r.id for r in list_rules("TR")][:1]  # doctest: +SKIP
    ['TR-HS-LENGTH']
"""

from __future__ import annotations

from dataclasses import dataclass

from single_window.rules._catalog import identifier, predicate
from single_window.rules._engine import Outcome
from single_window.rules._packfile import Agency, RuleSpec
from single_window.rules._packs import LoadedPack, RuleSet, load_pack
from single_window.rules._registry import Violation
from single_window.rules._route import Role
from single_window.rules._when import When

__all__ = [
    "Agency",
    "LoadedPack",
    "Outcome",
    "Role",
    "RuleInfo",
    "RuleSet",
    "RuleSpec",
    "Violation",
    "When",
    "describe_when",
    "identifier",
    "list_rules",
    "load_pack",
    "predicate",
]


@dataclass(frozen=True)
class RuleInfo:
    """A rule's metadata as listed by ``single-window rules``: its title, when it applies
    and why it exists in the language it was listed in (:func:`list_rules`), the rest
    as the pack gives it."""

    id: str
    country: str | None
    agency: str
    severity: str
    scope: str
    title: str
    applies_when: str
    source: str
    example: bool
    pack: str
    why: str = ""

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def describe_when(spec: RuleSpec, lang: str = "en") -> str:
    """The applicability condition in words, in ``lang``."""
    from single_window._i18n import render_value

    return render_value(spec.when.description(), lang)


def list_rules(
    country: str | None = None, *, rules: RuleSet | None = None, lang: str | None = "en"
) -> list[RuleInfo]:
    """Every rule (or one country's; ``"baseline"`` for the country-neutral pack), its
    title, conditions and "why" in ``lang`` (a language tag; None or ``"en"``: English):
    the pack's own catalog first, then the library's.

    Raises:
        ValueError: when ``lang`` names a language the library has no messages in.
    """
    from single_window._lang import check_lang
    from single_window._localize import rule_text
    from single_window._packextract import why_text

    language = check_lang(lang)
    ruleset = rules if rules is not None else RuleSet.bundled()
    out: list[RuleInfo] = []
    for key, pack in ruleset.packs.items():
        if country is not None and key.upper() != country.upper():
            continue
        for spec in pack.specs:
            out.append(
                RuleInfo(
                    id=spec.id,
                    country=pack.info.country,
                    agency=spec.agency.value,
                    severity=spec.severity.value,
                    scope=spec.scope,
                    title=rule_text(ruleset, spec.id, "title", spec.title, language),
                    applies_when=describe_when(spec, language),
                    source=spec.source,
                    example=spec.example,
                    pack=key,
                    why=rule_text(ruleset, spec.id, "why", why_text(spec.why), language),
                )
            )
    return out
