"""``length``: each selected value must have one of the given lengths."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from single_window._i18n import Listing
from single_window.rules._kinds._selecting import ValueCheck

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from single_window.rules._kinds._base import FieldWriter

__all__ = ["LengthCheck"]


class LengthCheck(ValueCheck):
    """Each selected value must have one of the given lengths."""

    kind: Literal["length"]
    lengths: tuple[int, ...] = Field(min_length=1)

    def accepts(self, value: str) -> bool:
        return len(value) in self.lengths

    def _vars(self, text: str) -> dict[str, object]:
        expected = Listing.of(sorted(set(self.lengths)), "or")
        return {"value": text, "length": len(text), "expected": expected}

    def describe(self) -> str:
        lengths = " or ".join(str(n) for n in self.lengths)
        return f"{self._field_words()} is {lengths} characters long"

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        return st.sampled_from(sorted(set(self.lengths))).flatmap(make)

    def breaking_values(
        self, current: str, writer: FieldWriter, max_length: int
    ) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        wrong = [n for n in range(1, max_length + 1) if n not in self.lengths]
        nearest = sorted(wrong, key=lambda n: (abs(n - len(current)), n))[:6]

        def resized(length: int) -> SearchStrategy[str]:
            if length <= len(current):
                return st.just(current[:length])
            extra = length - len(current)
            return st.text(writer.alphabet, min_size=extra, max_size=extra).map(
                lambda t: current + t
            )

        return st.sampled_from(nearest).flatmap(resized)
