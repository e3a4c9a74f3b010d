"""How to break the numbering rules R0987 and R0988 (``TRANSIT-R0987``,
``TRANSIT-R0988``) on a drawn CC015C, registered in
:data:`~single_window.testing._ncts_violators.NCTS_VIOLATORS`.

Each edit numbers one iteration of a data group other than by its position. The groups
R0987's edit chooses from are those whose numbers no other rule reads: the numbers of the
seals (R0106 compares the highest with the number of seals), of the offices of transit
and the countries of routing (the route is read in their order) and of the house
consignments (their goods items are grouped by it) are left alone.
"""

from __future__ import annotations

from hypothesis import reject
from hypothesis import strategies as st

from single_window.testing._ncts_build import Drawn
from single_window.testing._ncts_tree import Tree, walk
from single_window.testing._ncts_violators import ncts_violator
from single_window.testing._options import Draw

__all__: list[str] = []

#: The data groups of a goods item whose numbers no other rule reads.
_ITEM_GROUPS = (
    "Packaging",
    "PreviousDocument",
    "SupportingDocument",
    "AdditionalReference",
    "AdditionalInformation",
)


def _listed(value: object) -> list[Tree]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]  # type: ignore[list-item]


def _misnumber(draw: Draw, groups: list[list[Tree]], number: str) -> None:
    """Give one iteration of one of ``groups`` a ``number`` other than its position."""
    groups = [g for g in groups if g]
    if not groups:
        reject()
    group: list[Tree] = draw(st.sampled_from(groups))
    position: int = draw(st.integers(1, len(group)))
    other: int = draw(st.integers(1, len(group) + 2))
    group[position - 1][number] = str(other if other < position else other + 1)


@ncts_violator("TRANSIT-R0987")
def r0987(draw: Draw, d: Drawn) -> None:
    """R0987: a goods item's packaging, document, reference or information numbered other
    than by its position in its group."""
    items = walk(d.tree, "Consignment", "HouseConsignment", "ConsignmentItem")
    groups = [_listed(item.get(name)) for item in items for name in _ITEM_GROUPS]
    _misnumber(draw, groups, "sequenceNumber")


@ncts_violator("TRANSIT-R0988")
def r0988(draw: Draw, d: Drawn) -> None:
    """R0988: a goods item numbered other than by its position in its house consignment."""
    houses = walk(d.tree, "Consignment", "HouseConsignment")
    _misnumber(draw, [_listed(h.get("ConsignmentItem")) for h in houses], "goodsItemNumber")
