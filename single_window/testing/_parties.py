"""The parties of a drawn declaration, with identifiers every active rule accepts."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from single_window.rules._kinds import IdentifierCheck
from single_window.testing._draws import digits, leaf, words
from single_window.testing._ids import IdRule, id_rule, valid_ids
from single_window.testing._options import Draw
from single_window.testing._rules import RuleRef
from single_window.testing._schema import facets

__all__ = ["party", "party_id"]


def party_id(draw: Draw, active: Sequence[RuleRef], country: str, role: str) -> str:
    """An identifier for a party of a country in a role that every active identifier rule
    of that country and role accepts (digits when no rule judges it)."""
    rules: list[IdRule] = []
    first: tuple[str, ...] = ()
    for ref in active:
        check = ref.spec.check
        if ref.country != country or not isinstance(check, IdentifierCheck):
            continue
        if role not in check.parties:
            continue
        rules.append(id_rule(ref.id, country, check.validators))
        first = first or check.validators
    if not rules:
        return str(draw(st.integers(8, 12).flatmap(digits)))
    return str(draw(valid_ids(rules, first)))


def party(
    draw: Draw, active: Sequence[RuleRef], country: str, role: str, *, address: bool
) -> dict[str, object]:
    """A party registered in a country: a name, an identifier every active rule on that
    role accepts, and (``address``) an address in the country."""
    drawn: dict[str, object] = {
        "name": leaf(draw(words(facets("Declaration", "Exporter", "Name").max_length or 70))),
        "id": leaf(party_id(draw, active, country, role)),
    }
    if address:
        drawn["address"] = {
            "city_name": leaf(draw(words(35))),
            "country_code": leaf(country),
            "line_text": leaf(draw(words(70))),
            "postcode_id": leaf(draw(st.integers(4, 9).flatmap(digits))),
        }
    return drawn
