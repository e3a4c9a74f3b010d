"""``max_amount``: the selected amount must not exceed a limit in its currency."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from single_window.rules._kinds._base import NOTHING, Needs, NotViolable
from single_window.rules._kinds._selecting import SelectingCheck
from single_window.rules._registry import Violation
from single_window.rules._selectors import Scope, Selected

if TYPE_CHECKING:
    from single_window._i18n import Message
    from single_window.rules._kinds._base import ViolationPlanner, ViolationSite, WriterOf

__all__ = ["ThresholdCheck"]


class ThresholdCheck(SelectingCheck):
    """The selected amount must not exceed a limit (only compared in the same currency)."""

    kind: Literal["max_amount"]
    limit: Decimal
    currency: str = Field(pattern=r"^[A-Z]{3}$")

    def _judge(self, sel: Selected) -> Violation | None:
        value = sel.value
        if sel.unit != self.currency or not isinstance(value, Decimal) or value <= self.limit:
            return None
        return Violation(
            sel.node,
            str(value),
            {
                "value": str(value),
                "expected": f"{self.limit} {self.currency}",
                "currency": self.currency,
            },
        )

    def _counts(self, sel: Selected) -> bool:
        return sel.unit == self.currency and isinstance(sel.value, Decimal)

    def _nothing(self) -> Message:
        return NOTHING("no-amount", field=self.field, currency=self.currency)

    def describe(self) -> str:
        return (
            f"{self._field_words()} is at most {self.limit} {self.currency} "
            f"(amounts in {self.currency})"
        )

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        try:
            return writer(self.selector(scope)).put_amount is not None
        except ValueError:
            return False

    def cap(self, field: str, unit: str) -> Decimal | None:
        return self.limit if field == self.field and unit == self.currency else None

    def accepts_amount(self, value: Decimal, unit: str | None) -> bool:
        """Whether an amount passes (amounts in another unit are not compared)."""
        return unit != self.currency or value <= self.limit

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        if planner.writer(self.selector(scope)).put_amount is None:
            raise NotViolable(f"cannot raise field {self.field!r} above a limit")
        if self.limit >= Decimal(10) ** 12:
            raise NotViolable(f"the limit {self.limit} leaves no room in the schema")
        return Needs(currency=self.currency if scope == "declaration" else None)

    def violate(self, site: ViolationSite) -> None:
        from hypothesis import strategies as st

        writer = site.writer(self.selector(site.scope))
        assert writer.put_amount is not None
        step = Decimal(1).scaleb(-writer.decimals)
        bump: Decimal = site.draw(st.integers(1, 10_000)) * step
        value = (self.limit + bump).quantize(step)
        if not writer.put_amount(site.declaration, site.item_index, value, self.currency):
            site.reject()
