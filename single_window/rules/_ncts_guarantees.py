"""C0085 of the NCTS transit declaration (DDNTA Appendix Q2): a guarantee of a type in
code list CL076 (GuaranteeTypeWithReference) has its GUARANTEE REFERENCE group, and a
guarantee of another type has none.

A GUARANTEE REFERENCE may give only its sequence number (types 3 and 5 need neither a GRN
nor an access code), which leaves no trace in the canonical view. A declaration read
from an NCTS message is therefore judged on that message (``Declaration.read_from.
document``): each guarantee of a type in CL076 without a GuaranteeReference, at the
guarantee, and each GuaranteeReference of a guarantee of another type, at that reference.

A declaration in the WCO layout holds each guarantee reference as an
``ObligationGuarantee``; a CC015C written from it gives a guarantee a GuaranteeReference
for each of its ``ObligationGuarantee`` elements that has a GRN (``ReferenceID``, except
the TIR carnet's number, which becomes ``TIRCarnetNumber``), an access code or an amount to
be covered. Such data on a guarantee of a type outside CL076 is reported at its first
element. A guarantee of a type in CL076 without any of it is not judged: in the WCO layout
it cannot be told from a reference that gives only its sequence number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import single_window.rules._ncts_texts as texts
from single_window._values import Node
from single_window.models import Declaration
from single_window.rules._context import TIR_GUARANTEE, Context
from single_window.rules._ncts_read import in_list
from single_window.rules._registry import Violation
from single_window.rules._selected import text_of

__all__ = ["CHECKS"]

#: The code list of the guarantee types that carry a guarantee reference.
_WITH_REFERENCE = "ncts:CL076"

#: The element a missing guarantee reference is named by.
_REFERENCE = "GuaranteeReference"


def _in_message(document: Any, ctx: Context) -> Iterator[Violation]:
    """C0085 on an NCTS message (CC015C, CC013C): every guarantee with a type."""
    for guarantee in getattr(document, "guarantees", ()):
        code = text_of(guarantee.guarantee_type)
        if code is None:
            continue
        references = guarantee.guarantee_references
        if in_list(_WITH_REFERENCE, code, ctx):
            if not references:
                said = {"reason": texts.REASON("grn-type", type=code)}
                # the finding points at the guarantee and names the group it lacks
                named = {"element": _REFERENCE}
                yield Violation(guarantee, None, named, problem="required", params=said)
            continue
        said = {"reason": texts.REASON("other-type", type=code)}
        for reference in references:
            yield Violation(reference, None, problem="not-allowed", params=said)


def _carnet(decl: Declaration) -> Any:
    """The guarantee whose reference is the TIR carnet's number: the first type-B
    guarantee with a reference (as a CC015C written from the declaration takes it)."""
    for guarantee in decl.obligation_guarantees:
        if text_of(guarantee.security_details_code) == TIR_GUARANTEE and guarantee.reference_id:
            return guarantee
    return None


def _given(leaf: Any) -> str:
    """A leaf's value as the document gives it."""
    raw = getattr(leaf, "raw", None)
    return raw if isinstance(raw, str) and raw else str(leaf.value)


def _in_wco(decl: Declaration, ctx: Context) -> Iterator[Violation]:
    """C0085 on the WCO layout: the reference data of guarantees of a type outside CL076."""
    carnet = _carnet(decl)
    for guarantee in decl.obligation_guarantees:
        code = text_of(guarantee.security_details_code)
        if code is None or in_list(_WITH_REFERENCE, code, ctx):
            continue
        grn = None if guarantee is carnet else guarantee.reference_id
        for leaf in (grn, guarantee.access_code, guarantee.amount_amount):
            if leaf is not None and getattr(leaf, "value", None) not in (None, ""):
                said = {"reason": texts.REASON("other-type", type=code)}
                yield Violation(leaf, _given(leaf), problem="not-allowed", params=said)
                break


def c0085(ctx: Context) -> Iterator[Violation]:
    """A guarantee reference with the guarantee types of CL076, none with the others: on
    the NCTS message a declaration was read from, else on the WCO layout (see the
    module)."""
    decl = ctx.declaration
    read = decl.read_from
    if read is not None and read.format == "ncts" and isinstance(read.document, Node):
        yield from _in_message(read.document, ctx)
    else:
        yield from _in_wco(decl, ctx)


#: The guarantee conditions, by DDNTA id.
CHECKS: dict[str, Callable[[Context], Iterator[Violation]]] = {"C0085": c0085}
