"""``code_list``: each selected code must be in a reference code list on the declaration's
date (see :mod:`single_window.codelists`)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import field_validator

from single_window import codelists
from single_window._markdown import code_span
from single_window.models import PreviousDocument
from single_window.rules._context import Context
from single_window.rules._kinds._base import Needs, NotViolable
from single_window.rules._kinds._selecting import SelectingCheck
from single_window.rules._registry import Violation
from single_window.rules._selectors import Scope, Selected

if TYPE_CHECKING:
    from single_window.rules._kinds._base import Run, ViolationPlanner, ViolationSite, WriterOf

__all__ = ["CodeListCheck"]


class CodeListCheck(SelectingCheck):
    """Each selected code must be in a reference code list (see `single_window.codelists`), in
    the edition in force on the date the declaration is judged at; codes the packs in force
    add to the list pass too, and a code the list cannot judge (a national document
    category) is left to the packs."""

    kind: Literal["code_list"]
    list: str

    @field_validator("list")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in codelists.names():
            raise ValueError(f"no code list {value!r} (lists: {', '.join(codelists.names())})")
        return value

    def _compile(self, scope: Scope, country: str | None) -> Run:
        read = self.selector(scope).read
        judge = _JUDGES.get(self.list, _judge_plain)
        name = self.list
        code_list = codelists.get(name)

        # A list's codes on a day: one edition look-up per day the rule sees.
        @lru_cache(maxsize=4096)
        def codes_on(day: date) -> frozenset[str]:
            edition = code_list.edition(day)
            return edition.codes if edition is not None else _NO_CODES

        def judged(ctx: Context, selected: list[Selected]) -> list[Violation]:
            if not selected:
                return []
            day = ctx.judged_on(name)  # the nearest edition's when none applies
            codes = codes_on(day)
            # Most values are members: only the others are judged (and explained).
            return [
                v
                for s in selected
                if s.value not in codes and (v := judge(name, ctx, day, codes, s)) is not None
            ]

        if scope == "item":
            return lambda ctx, item: judged(ctx, read(ctx, item))
        return lambda ctx: judged(ctx, read(ctx))

    def describe(self) -> str:
        return (
            f"{self._field_words()} is in the code list {code_span(self.list)} in the edition "
            "in force on the declaration's date (or added by a pack in force)"
        )

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        return True

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        field, writer = self.writable(scope, planner)
        if not any(
            planner.field_ok(field, v) and not _member(self.list, v, None)
            for v in _outsiders(self.list, writer.alphabet)
        ):
            raise NotViolable(
                f"every value the profile allows for {self.field!r} is in the list {self.list!r}"
            )
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        from hypothesis import strategies as st

        field = self.selector(site.scope)
        writer = site.writer(field)
        assert writer.put is not None
        on = site.as_of
        others = site.other_value_checks(field)
        outsiders = _outsiders(self.list, writer.alphabet)
        if self.list == "hs":
            current = site.current(field)
            codes = [
                head + current[6:]
                for head in outsiders
                if head[:2] == current[:2] and not _member("hs", head, None)
            ] or [head + current[6:] for head in outsiders if not _member("hs", head, None)]
        else:
            codes = [v for v in outsiders if not _member(self.list, v, on)]
        value = site.draw(
            st.sampled_from(codes).filter(
                lambda v: site.field_ok(field, v) and all(o.accepts(v) for o in others)
            )
        )
        writer.put(site.declaration, site.item_index, value)


# --- the strategies' candidates ----------------------------------------------------------


def _member(list_name: str, code: str, on: date | None) -> bool:
    """Whether a code is in a list on a date (None: in any edition)."""
    if on is None:
        return any(code in e for e in codelists.get(list_name).editions)
    if list_name == "document-name":
        return codelists.check_document(code, on=on).ok
    return codelists.contains(list_name, code, on)


def _outsiders(list_name: str, alphabet: str) -> list[str]:
    """Candidate codes for breaking a code-list rule: short strings of the field's
    alphabet, of the lengths its list's codes have (the caller keeps the non-members)."""
    if list_name == "hs":
        return [f"{n:06d}" for n in range(10000, 980000, 97)]
    if list_name == "document-name":
        return [f"N{n:03d}" for n in range(1000)]
    lengths = {"country": (2,), "currency": (3,), "unit": (2, 3), "package-type": (2,)}.get(
        list_name, (1, 2)
    )
    out: list[str] = []
    for size in lengths:
        for combo in itertools.islice(itertools.product(alphabet, repeat=size), 5000):
            out.append("".join(combo))
    return out


# --- the engine's judges -----------------------------------------------------------------


def _why(name: str, sel: Selected, membership: Any, ctx: Context, day: date) -> Violation:
    """A violation whose reason names the day the list was judged at and where it came
    from, where the list's message names it."""
    return Violation(
        sel.node,
        str(sel.value),
        {
            "value": str(sel.value),
            "reason": membership.reason_on(ctx.date_said(day, name)),
            "list": name,
            "edition": membership.edition or "",
            "date": day.isoformat(),
            "date_source": ctx.source_of(day, name),
        },
        sel.attribute,
    )


#: Judges a code that is not among its list's codes on the day it is judged at (the
#: declaration's date, or the nearest edition's day when no edition applies on it): a
#: violation, or None when it passes after all.
Judge = Callable[[str, Context, date, frozenset[str], Selected], "Violation | None"]
_NO_CODES: frozenset[str] = frozenset()


def _judge_plain(
    name: str, ctx: Context, day: date, codes: frozenset[str], sel: Selected
) -> Violation | None:
    """A code against its list (a unit with a ``#`` qualifier by its unit part)."""
    code = str(sel.value)
    if code in codes:
        return None
    if name == "unit" and "#" in code:
        code = code.split("#", 1)[0]
        if code in codes:
            return None
    if code in ctx.extensions.get(name, ()):
        return None
    if not ctx.dated and any(code in e.codes for e in codelists.get(name).editions):
        return None
    membership = codelists.check(name, code, day)
    if membership.ok or not membership.judged:
        return None
    return _why(name, sel, membership, ctx, day)


def _judge_hs(
    name: str, ctx: Context, day: date, codes: frozenset[str], sel: Selected
) -> Violation | None:
    """A commodity code's HS subheading (first six digits; shorter or non-numeric codes
    are for the HS shape rule)."""
    code = str(sel.value)
    head = code[:6]
    if head in codes:
        return None
    if len(head) < 6 or not head.isdigit() or head in ctx.extensions.get(name, ()):
        return None
    if not ctx.dated and any(head in e.codes for e in codelists.get("hs").editions):
        return None
    membership = codelists.check_commodity(code, day)
    if membership.ok or not membership.judged:
        return None
    return _why(name, sel, membership, ctx, day)


@lru_cache(maxsize=10_000)
def _document_answer(code: str, previous: bool, on: date) -> codelists.Membership:
    """The document list's answer for a code on a day: documents repeat across
    declarations, and the list splits categories before its look-up."""
    return codelists.check_document(code, previous=previous, on=on)


def _judge_document(
    name: str, ctx: Context, day: date, codes: frozenset[str], sel: Selected
) -> Violation | None:
    """A document code against UN/EDIFACT 1001 where the list can judge it."""
    code = str(sel.value)
    membership = _document_answer(code, isinstance(sel.node, PreviousDocument), day)
    if membership.ok or not membership.judged or code in ctx.extensions.get(name, ()):
        return None
    return _why(name, sel, membership, ctx, day)


_JUDGES: dict[str, Judge] = {
    "hs": _judge_hs,
    "document-name": _judge_document,
}
