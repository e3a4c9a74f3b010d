"""Violators of the numbering rules R0987 and R0988 on a WCO-layout transit declaration
(see :mod:`single_window.testing._ddnta_violators`, which registers them).

R0987 is broken on a goods item's packagings, whose numbers no other rule reads (the
seals' numbers R0106 compares with the number of seals, the offices of transit and the
countries of routing give the route in their order, and the goods items of a house
consignment are grouped by its number). R0988 judges NCTS messages only: the WCO layout
has no goods item number within a house consignment.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from hypothesis import reject
from hypothesis import strategies as st

from single_window._values import Numeric
from single_window.testing._target import ViolationTarget

__all__ = ["BREAKS", "NOT_BROKEN"]


def _misnumbered_packaging(t: ViolationTarget) -> None:
    """R0987: a goods item's packaging numbered other than by its position among the
    item's packagings."""
    groups = [item.packagings for item in t.declaration.goods_items if item.packagings]
    if not groups:
        reject()
    group = t.draw(st.sampled_from(groups))
    position: int = t.draw(st.integers(1, len(group)))
    other: int = t.draw(st.integers(1, len(group) + 2))
    wrong = other if other < position else other + 1
    group[position - 1].sequence_numeric = Numeric(value=Decimal(wrong))


#: How each numbering rule the WCO strategies break is broken, by DDNTA id.
BREAKS: dict[str, Callable[[ViolationTarget], None]] = {"R0987": _misnumbered_packaging}

#: The numbering rules the WCO strategies do not break, with the reason.
NOT_BROKEN: dict[str, str] = {
    "R0988": "the WCO layout has no goods item number within a house consignment (a CC015C"
    " written from it numbers each house consignment's goods items by their position)",
}
