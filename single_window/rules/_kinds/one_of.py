"""``one_of``: each selected value must be one of the given values."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from single_window._i18n import Listing
from single_window._markdown import code_span
from single_window.rules._kinds._selecting import ValueCheck, variants

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from single_window.rules._kinds._base import FieldWriter

__all__ = ["OneOfCheck"]


class OneOfCheck(ValueCheck):
    """Each selected value must be one of the given values."""

    priority: ClassVar[int] = 2

    kind: Literal["one_of"]
    values: tuple[str, ...] = Field(min_length=1)

    def accepts(self, value: str) -> bool:
        return value in self.values

    def _vars(self, text: str) -> dict[str, object]:
        return {"value": text, "expected": Listing.of(self.values, "comma")}

    def describe(self) -> str:
        return f"{self._field_words()} is one of {', '.join(code_span(v) for v in self.values)}"

    def finite_values(self) -> tuple[str, ...] | None:
        return self.values

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        return st.sampled_from(list(dict.fromkeys(self.values)))

    def breaking_values(
        self, current: str, writer: FieldWriter, max_length: int
    ) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        if writer.universe is not None:
            return st.sampled_from(writer.universe())
        listed = [v for v in self.values if v]
        near = (
            st.sampled_from(listed).flatmap(lambda v: variants(v, writer.alphabet, max_length))
            if listed
            else st.nothing()
        )
        return st.one_of(variants(current, writer.alphabet, max_length), near)
