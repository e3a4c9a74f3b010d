"""Which code list a value of an NCTS message is drawn from, from its place.

A finding on a CC015C carries the path of the message element it is about
(``/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[2]/Packaging[1]/typeOfPackages``)
and the value; the schema annotates each such element with its code list (``CL017``),
which the generated model keeps (:data:`~single_window.formats.ncts.models.CODE_LISTS`).
This names the list so that a report can name the value beside the code
(:func:`single_window.codelists.label_at`).
"""

from __future__ import annotations

from collections.abc import Sequence

from single_window._refdata._ncts import PREFIX
from single_window.formats.ncts.models import CODE_LISTS

__all__ = ["code_list_at"]

#: The Harmonized System subheadings (CL152): named as commodity codes are.
_HS = "CL152"


def code_list_at(steps: Sequence[str]) -> str | None:
    """The list the value at a message path is drawn from (``ncts:CL017``; ``hs`` for a
    commodity code), given the path's element names without positions, the root first;
    None where the schema names no code list."""
    number = CODE_LISTS.get("/".join(steps[1:]))
    if number is None:
        return None
    return "hs" if number == _HS else f"{PREFIX}{number}"
