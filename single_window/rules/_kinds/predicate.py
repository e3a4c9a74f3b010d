"""``predicate``: a named Python predicate from the registry, for what data cannot say."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from single_window._markdown import code_span, docstring
from single_window.rules._catalog import PREDICATES
from single_window.rules._kinds._base import Check, Needs
from single_window.rules._selectors import Scope

if TYPE_CHECKING:
    from single_window.rules._kinds._base import Run, ViolationPlanner, ViolationSite

__all__ = ["PredicateCheck"]


class ReadOnlyParams(dict[str, Any]):
    """A predicate's ``params``: a dict that refuses changes, since the rule set holding it
    is shared (lists in it are tuples). It pickles as a plain dict would."""

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("a rule's predicate params are read-only")

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = __ior__ = _refuse  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyParams, (dict(self),))


class PredicateCheck(Check):
    """A named Python predicate from the registry (for what data cannot say)."""

    kind: Literal["predicate"]
    predicate: str
    params: Mapping[str, str | int | float | bool | tuple[str, ...]] = Field(
        default_factory=ReadOnlyParams
    )

    @field_validator("params", mode="after")
    @classmethod
    def _read_only(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        return ReadOnlyParams(value)

    def registered(self) -> tuple[object, ...]:
        pred = PREDICATES.get(self.predicate)
        return (pred.func,) if pred is not None else ()

    def _compile(self, scope: Scope, country: str | None) -> Run:
        pred = PREDICATES.get(self.predicate)
        if pred is None:
            raise ValueError(f"no predicate named {self.predicate!r}")
        if pred.scope != scope:
            raise ValueError(f"predicate {self.predicate!r} works on {pred.scope}, not {scope}")
        params: dict[str, Any] = dict(self.params)
        params.setdefault("country", country or "")
        func = pred.func
        # Most calls find nothing: only what they find is resolved (problems named by key).
        resolve = pred.resolve
        if scope == "item":
            return lambda ctx, item: (
                resolve(found) if (found := list(func(ctx, item, params))) else found
            )
        return lambda ctx: resolve(found) if (found := list(func(ctx, params))) else found

    def describe(self) -> str:
        pred = PREDICATES.get(self.predicate)
        doc = f": {docstring(pred.func.__doc__)}" if pred is not None else ""
        params = ", ".join(
            f"{code_span(k)} = {code_span(json.dumps(v))}" for k, v in sorted(self.params.items())
        )
        with_params = f" (with {params})" if params else ""
        return f"predicate {code_span(self.predicate)}{with_params}{doc}"

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        return planner.predicate_needs(self.predicate, self.params)

    def violate(self, site: ViolationSite) -> None:
        site.break_predicate(self)
