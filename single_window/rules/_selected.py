"""A value a check selected, and where it stands in the declaration."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from single_window._values import Located

__all__ = ["Selected"]


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
