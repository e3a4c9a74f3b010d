"""``pattern``: each selected value must fully match a regular expression (RE2)."""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import field_validator

from single_window._markdown import code_span
from single_window.rules._kinds._selecting import ValueCheck
from single_window.rules._patterns import PatternTooLong, compiled_pattern, pattern_matches
from single_window.rules._registry import Violation
from single_window.rules._selectors import Selected

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["PatternCheck"]


class PatternCheck(ValueCheck):
    """Each selected value must match a regular expression (full match)."""

    priority: ClassVar[int] = 1

    kind: Literal["pattern"]
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        compiled_pattern(value)  # raises ValueError for a pattern RE2 does not take
        return value

    def accepts(self, value: str) -> bool:
        return pattern_matches(self.pattern, value)

    def _judge(self, sel: Selected) -> Violation | None:
        try:
            return super()._judge(sel)
        except PatternTooLong as exc:  # the engine reports it where the value is
            exc.node, exc.attribute = sel.node, sel.attribute
            raise

    def _vars(self, text: str) -> dict[str, object]:
        return {"value": text, "expected": self.pattern}

    def describe(self) -> str:
        return f"{self._field_words()} fully matches the pattern {code_span(self.pattern)}"

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        alphabet = string.ascii_letters + string.digits + "-./"
        return st.from_regex(self.pattern, fullmatch=True, alphabet=alphabet)
