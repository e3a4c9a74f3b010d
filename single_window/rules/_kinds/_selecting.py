"""Checks that judge each value their field selects on its own, and the value checks
among them (pattern, length, one of), which judge a value's text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context
from single_window.rules._kinds._base import NOTHING, Check, Needs, NotViolable
from single_window.rules._registry import Violation
from single_window.rules._selectors import Scope, Selected, Selector

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from single_window._i18n import Message
    from single_window.rules._kinds._base import (
        FieldWriter,
        Probe,
        Run,
        ViolationPlanner,
        ViolationSite,
        WriterOf,
    )

__all__ = ["SelectingCheck", "ValueCheck", "variants"]


def variants(current: str, alphabet: str, max_length: int) -> SearchStrategy[str]:
    """Values near a valid one: a character changed, dropped or added, or the start
    changed (an HS chapter, a procedure), plus any short value of the field's alphabet."""
    from hypothesis import strategies as st

    size = max(len(current), 1)
    position = st.integers(0, size - 1)
    char = st.sampled_from(alphabet + "AZ09")
    return st.one_of(
        st.tuples(position, char).map(lambda pc: current[: pc[0]] + pc[1] + current[pc[0] + 1 :]),
        position.map(lambda p: current[:p] + current[p + 1 :]),
        st.tuples(position, char).map(lambda pc: current[: pc[0]] + pc[1] + current[pc[0] :]),
        st.sampled_from(("00", "77", "98", "99", "X0")).map(lambda h: h + current[2:]),
        st.text(alphabet, min_size=1, max_size=min(max_length, 6)),
    )


class SelectingCheck(Check):
    """A check that judges each value its field selects on its own."""

    uses_field: ClassVar[bool] = True

    def _judge(self, sel: Selected) -> Violation | None:
        raise NotImplementedError

    def writable(self, scope: Scope, planner: ViolationPlanner) -> tuple[Selector, FieldWriter]:
        """The check's field and its writer, when the strategies can write it.

        Raises:
            NotViolable: when they cannot.
        """
        field = self.selector(scope)
        writer = planner.writer(field)
        if writer.put is None or writer.get is None:
            raise NotViolable(f"cannot write field {self.field!r}")
        return field, writer

    def _compile(self, scope: Scope, country: str | None) -> Run:
        read = self.selector(scope).read
        judge = self._judge
        if scope == "item":

            def per_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
                found: list[Violation] = []
                for sel in read(ctx, item):
                    v = judge(sel)
                    if v is not None:
                        found.append(v)
                return found

            return per_item

        def per_declaration(ctx: Context) -> list[Violation]:
            found: list[Violation] = []
            for sel in read(ctx):
                v = judge(sel)
                if v is not None:
                    found.append(v)
            return found

        return per_declaration

    def _counts(self, sel: Selected) -> bool:
        """Whether a selected value is one the check judges (explain mode)."""
        return True

    def _nothing(self) -> Message:
        return NOTHING("no-field", field=self.field)

    def probe(self, scope: Scope, country: str | None) -> Probe | None:
        read = self.selector(scope).read
        counts = self._counts
        what = self._nothing()
        if scope == "item":
            on_item = NOTHING("nothing-on-item", what=what)

            def empty_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> Message | None:
                if any(counts(sel) for sel in read(ctx, item)):
                    return None
                return on_item

            return empty_item

        on_declaration = NOTHING("nothing-on-declaration", what=what)

        def empty(ctx: Context) -> Message | None:
            if any(counts(sel) for sel in read(ctx)):
                return None
            return on_declaration

        return empty


class ValueCheck(SelectingCheck):
    """A check on the text of each selected value: a pattern, lengths, a list."""

    #: The order the strategies combine value checks in: the most selective first.
    priority: ClassVar[int] = 0

    def accepts(self, value: str) -> bool:
        raise NotImplementedError

    def _judge(self, sel: Selected) -> Violation | None:
        text = str(sel.value)
        if self.accepts(text):
            return None
        return Violation(sel.node, text, self._vars(text), sel.attribute)

    def _vars(self, text: str) -> dict[str, object]:
        return {"value": text}

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        try:
            return writer(self.selector(scope)).put is not None
        except ValueError:
            return False

    def finite_values(self) -> tuple[str, ...] | None:
        """Every value the check accepts, when that is a closed list (else None)."""
        return None

    def proposals(self, make: Callable[[int | None], SearchStrategy[str]]) -> SearchStrategy[str]:
        """Candidate values this check is likely to accept; ``make(length)`` draws a
        value of the field of that length (None: any length)."""
        return make(None)

    def breaking_values(
        self, current: str, writer: FieldWriter, max_length: int
    ) -> SearchStrategy[str]:
        """Candidate values this check is likely to reject, near the current one."""
        from hypothesis import strategies as st

        if writer.universe is not None:
            return st.sampled_from(writer.universe())
        return variants(current, writer.alphabet, max_length)

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        self.writable(scope, planner)
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        """Give the field a value this check rejects and every other check accepts."""
        field = self.selector(site.scope)
        writer = site.writer(field)
        assert writer.put is not None
        current = site.current(field)
        others = site.other_value_checks(field)
        candidates = self.breaking_values(current, writer, site.max_length(field))
        value = site.draw(
            candidates.filter(
                lambda v: (
                    bool(v)
                    and not self.accepts(v)
                    and site.field_ok(field, v)
                    and all(o.accepts(v) for o in others)
                )
            )
        )
        writer.put(site.declaration, site.item_index, value)
