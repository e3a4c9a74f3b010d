"""``identifier``: the IDs of the parties registered in the pack's country must pass a
validator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from single_window._i18n import Listing, Message
from single_window._markdown import listing
from single_window.rules._catalog import IDENTIFIERS, resolve_identifier
from single_window.rules._context import Context, PartyRef, parties, party_word
from single_window.rules._kinds._base import NOTHING, Check, Needs, NotViolable
from single_window.rules._registry import Violation
from single_window.rules._selectors import Scope

if TYPE_CHECKING:
    from single_window.rules._kinds._base import (
        Probe,
        Run,
        ViolationPlanner,
        ViolationSite,
        WriterOf,
    )

__all__ = ["IdentifierCheck"]


class IdentifierCheck(Check):
    """Each selected identifier must pass a validator: ``stdnum:<module>`` (a
    python-stdnum module such as ``tr.vkn``) or the name of a registered identifier
    predicate (e.g. ``kz-bin``)."""

    scopes: ClassVar[tuple[Scope, ...]] = ("declaration",)

    kind: Literal["identifier"]
    validators: tuple[str, ...] = Field(min_length=1)
    """The identifier is valid when any one validator accepts it."""
    parties: tuple[str, ...] = ("importer", "exporter", "declarant", "consignee", "consignor")
    """Which parties' IDs are checked (only those registered in the pack's country)."""
    strip_prefix: bool = True
    """Remove a leading country code (``TR1234567890`` -> ``1234567890``) before the
    validators see the ID; set false for validators of prefixed forms (EU VAT, EORI)."""

    def registered(self) -> tuple[object, ...]:
        return tuple(IDENTIFIERS[n] for n in self.validators if n in IDENTIFIERS)

    def judged(self, ctx: Context, country: str | None) -> Iterator[PartyRef]:
        """The parties this check judges: in one of its roles, from its country, and
        carrying an identifier."""
        roles = self.parties
        for ref in parties(ctx):
            if ref.role in roles and ref.country == country and ref.party.id is not None:
                yield ref

    def _compile(self, scope: Scope, country: str | None) -> Run:
        validators = [resolve_identifier(name) for name in self.validators]
        strip_prefix = self.strip_prefix
        judged = self.judged

        def identifiers(ctx: Context) -> list[Violation]:
            found: list[Violation] = []
            for ref in judged(ctx, country):
                assert ref.party.id is not None
                raw = ref.party.id.value
                strip = strip_prefix and country and raw.upper().startswith(country)
                value = raw[2:] if strip else raw
                reasons = [v(value) for v in validators]
                if all(r is not None for r in reasons):
                    found.append(
                        Violation(
                            ref.party.id,
                            raw,
                            {
                                "value": raw,
                                "party": party_word(ref.role),
                                "reason": Listing.of(filter(None, reasons), "semicolon"),
                            },
                        )
                    )
            return found

        return identifiers

    def probe(self, scope: Scope, country: str | None) -> Probe | None:
        wanted = Listing.of((party_word(p) for p in sorted(self.parties)), "or")
        nothing = NOTHING("no-party", parties=wanted, country=country)
        judged = self.judged

        def no_party(ctx: Context) -> Message | None:
            if next(judged(ctx, country), None) is not None:
                return None
            return nothing

        return no_party

    def describe(self) -> str:
        parties_ = ", ".join(self.parties)
        return (
            f"the IDs of the {parties_} registered in the pack's country pass "
            f"{listing(self.validators)}"
        )

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        return True

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        if country is None:
            raise NotViolable("identifier rules need a country")
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        site.break_identifier(self)
