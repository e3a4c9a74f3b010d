"""Violators of C0085 on a WCO-layout transit declaration (see
:mod:`single_window.testing._ddnta_violators`, which registers them).

The WCO layout keeps a guarantee reference as an ``ObligationGuarantee``; a CC015C written
from one gives a GuaranteeReference for its GRN, access code or amount to be covered. C0085
is broken by an amount on a guarantee of a type outside CL076 (a GRN or an access code
would break TRANSIT-GRN or C0086 as well). A guarantee of a type in CL076 without reference
data is not judged in the layout, so that side is not broken.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from hypothesis import strategies as st

from single_window._values import Amount, Code
from single_window.models import ObligationGuarantee
from single_window.testing._target import ViolationTarget

__all__ = ["BREAKS"]

#: Guarantee types outside CL076 that no other rule asks more of (type 8 needs its other
#: reference, C0130; B is the TIR carnet's, and the declarations broken are T ones).
_WITHOUT_REFERENCE = ("A", "J")


def _amount_without_reference(t: ViolationTarget) -> None:
    """C0085: a guarantee of type A or J, added to the declaration's, with an amount to be
    covered."""
    amount = Amount(value=Decimal(t.draw(st.integers(100, 99999))), currency="EUR")
    kind = Code(value=t.draw(st.sampled_from(_WITHOUT_REFERENCE)))
    added = ObligationGuarantee(security_details_code=kind, amount_amount=amount)
    t.declaration.obligation_guarantees.append(added)


#: How C0085 is broken, by DDNTA id.
BREAKS: dict[str, Callable[[ViolationTarget], None]] = {"C0085": _amount_without_reference}
