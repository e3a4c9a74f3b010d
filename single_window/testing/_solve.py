"""What the active rules accept of a value the builders write, and a value they all
accept: :func:`solve` lets the most selective value check propose candidates and the
others filter them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from hypothesis import reject
from hypothesis import strategies as st

from single_window.rules._kinds import PredicateCheck, ValueCheck
from single_window.testing._options import Draw
from single_window.testing._rules import RuleRef

__all__ = ["caps", "predicates_named", "solve", "value_checks"]


def solve(
    draw: Draw,
    checks: Sequence[ValueCheck],
    make: Callable[[int | None], st.SearchStrategy[str]],
    ok: Callable[[str], bool],
    fix: Callable[[str], str] = lambda s: s,
) -> str:
    """A value every check accepts and ``ok`` allows.

    The most selective check proposes candidates (a list's values, a pattern's strings,
    values of the allowed lengths drawn by ``make``) and the others filter them; ``fix``
    re-imposes what the caller needs (a prefix).
    """

    def good(value: str) -> bool:
        return ok(value) and all(c.accepts(value) for c in checks)

    lead = max(checks, key=lambda c: c.priority, default=None)
    finite = lead.finite_values() if lead is not None else None
    if finite is not None:
        options = [v for v in dict.fromkeys(fix(v) for v in finite) if good(v)]
        if not options:
            reject()
        return str(draw(st.sampled_from(options)))
    base = lead.proposals(make) if lead is not None else make(None)
    return str(draw(base.map(fix).filter(good)))


def value_checks(
    active: Iterable[RuleRef],
    field_name: str,
    *,
    item: bool,
    procedure: str | None = None,
    commodity: str | None = None,
) -> list[ValueCheck]:
    """The value checks of the active rules on one field that apply to a goods item with
    this procedure (and, when known, this commodity code)."""
    out: list[ValueCheck] = []
    for ref in active:
        check = ref.value_check
        if check is None or ref.field != field_name or ref.item_scope != item:
            continue
        when = ref.spec.when
        if item and not when.procedure_holds(procedure):
            continue
        if item and commodity is not None and not when.hs_holds(commodity):
            continue
        out.append(check)
    return out


def caps(active: Iterable[RuleRef], field_name: str, unit: str, item: bool) -> Decimal | None:
    limits = [
        cap
        for ref in active
        if ref.item_scope == item and (cap := ref.check.cap(field_name, unit)) is not None
    ]
    return min(limits) if limits else None


def predicates_named(active: Iterable[RuleRef], name: str) -> list[RuleRef]:
    return [
        r
        for r in active
        if isinstance(r.spec.check, PredicateCheck) and r.spec.check.predicate == name
    ]
