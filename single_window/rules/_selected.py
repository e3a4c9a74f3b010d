"""Values as the rules read them: a value a check selected with where it stands in the
declaration, and the text of a leaf."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from single_window._values import Located

__all__ = ["Selected", "text_of"]


class Selected(NamedTuple):
    """A selected value and the node that holds it (for the finding's location).

    ``unit`` is the currency or unit of an amount or measure; ``attribute`` names the
    node's attribute the value is (``currencyID``), when it is not the element's text.
    A named tuple: checks create many of these on the hot path.
    """

    value: str | Decimal
    node: Located | None
    unit: str | None = None
    attribute: str | None = None


def text_of(node: object) -> str | None:
    """A leaf's text value, or None for no leaf, an empty value or one that is not text
    (the code or identifier a rule reads, where absent and empty mean the same)."""
    value = getattr(node, "value", None)
    return value if isinstance(value, str) and value else None
