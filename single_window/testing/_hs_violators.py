"""Violators of the HS edition predicates: each replaces one goods item's HS subheading
(the rest of the commodity code stays, so national length rules still hold).

- ``hs-subheading``: a subheading in no edition the tariff of the judging country (the
  declaring country; on a transit declaration the office of departure's) applies on the
  declaration's date: one of the other edition where there is one in the same chapter,
  else one of no edition (never an EU special chapter in an EU declaration);
- ``hs-edition-unconfirmed``: where that tariff's edition is not confirmed, a subheading
  of one of the editions it may apply only. A declaration whose tariff is confirmed is
  discarded.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from hypothesis import reject
from hypothesis import strategies as st

from single_window import codelists
from single_window.rules import RuleSet
from single_window.rules._context import Context
from single_window.rules._hs import eu_special, tariff_country
from single_window.testing._target import ViolationTarget, violator
from single_window.testing._writers import item_writer

__all__: list[str] = []


def _judged(t: ViolationTarget) -> tuple[Context, str | None, codelists.TariffEdition]:
    """The context the engine judges the declaration in, its tariff country and edition."""
    ctx = Context.of(t.declaration, today=t.today, zones=RuleSet.bundled().zone)
    country = tariff_country(ctx)
    return ctx, country, codelists.tariff_edition(country, ctx.as_of)


@cache
def _absent_heads() -> tuple[str, ...]:
    """Six-digit codes in no shipped HS edition, spread over the chapters."""
    every = frozenset().union(*(e.codes for e in codelists.get("hs").editions))
    return tuple(h for h in (f"{n:06d}" for n in range(10000, 980000, 97)) if h not in every)


def _replace_head(t: ViolationTarget, heads: Sequence[str]) -> None:
    """Put one of ``heads`` (one in the item's chapter where there is one) before the
    rest of the item's commodity code."""
    current = t.item.commodity_code or "0101210000"
    near = [h for h in heads if h[:2] == current[:2]]
    head = t.draw(st.sampled_from(sorted(near or heads)))
    put = item_writer("commodity_code").put
    assert put is not None
    put(t.declaration, t.item_index or 0, head + current[6:])


@violator("hs-subheading")
def _outside_the_tariff(t: ViolationTarget) -> None:
    ctx, country, tariff = _judged(t)
    if not tariff.editions:
        reject()
    accepted = frozenset().union(*(e.codes for e in tariff.editions))
    others = frozenset().union(*(e.codes for e in codelists.get("hs").editions)) - accepted
    heads = [h for h in (*others, *_absent_heads()) if not eu_special(h, country, ctx)]
    _replace_head(t, heads)


@violator("hs-edition-unconfirmed")
def _one_edition_only(t: ViolationTarget) -> None:
    _, _, tariff = _judged(t)
    if tariff.confirmed or len(tariff.editions) < 2:
        reject()
    codes = [e.codes for e in tariff.editions]
    _replace_head(t, sorted(frozenset().union(*codes) - frozenset.intersection(*codes)))
