"""How to break C0085 (``TRANSIT-C0085``) on a drawn CC015C, registered in
:data:`~single_window.testing._ncts_violators.NCTS_VIOLATORS`.

A guarantee of a type in CL076 loses its guarantee references (it becomes a type 3
guarantee, which needs no GRN, so no other rule misses one), or a guarantee of a type
outside CL076 (the TIR carnet's B, or 8) is given a guarantee reference with only its
sequence number (no GRN or access code, which other rules judge).
"""

from __future__ import annotations

from hypothesis import reject
from hypothesis import strategies as st

from single_window.rules._context import TIR_GUARANTEE
from single_window.testing._ncts_build import OTHER_REFERENCE_TYPE, Drawn
from single_window.testing._ncts_tree import Tree
from single_window.testing._ncts_violators import ncts_violator
from single_window.testing._options import Draw

__all__: list[str] = []

#: A guarantee type of CL076 that needs neither a GRN nor an access code (CL286).
_CASH = "3"


def _without_reference(draw: Draw, guarantees: list[Tree]) -> None:
    """A type 3 guarantee without its guarantee references."""
    found = [g for g in guarantees if g.get("GuaranteeReference")]
    if not found:
        reject()
    guarantee: Tree = draw(st.sampled_from(found))
    guarantee["guaranteeType"] = _CASH
    del guarantee["GuaranteeReference"]


def _reference_not_allowed(draw: Draw, guarantees: list[Tree]) -> None:
    """A guarantee of type B or 8 with a guarantee reference that gives only its number."""
    found = [g for g in guarantees if g["guaranteeType"] in (TIR_GUARANTEE, OTHER_REFERENCE_TYPE)]
    if not found:
        reject()
    guarantee: Tree = draw(st.sampled_from(found))
    guarantee["GuaranteeReference"] = [{"sequenceNumber": "1"}]


@ncts_violator("TRANSIT-C0085")
def c0085(draw: Draw, d: Drawn) -> None:
    """C0085: a type 3 guarantee without a guarantee reference, or a guarantee of type B
    or 8 with one."""
    guarantees: list[Tree] = d.tree["Guarantee"]
    if draw(st.booleans()):
        _without_reference(draw, guarantees)
    else:
        _reference_not_allowed(draw, guarantees)
