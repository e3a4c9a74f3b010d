"""``required``: the selected field must be present."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context
from single_window.rules._kinds._base import Check, Needs, NotViolable
from single_window.rules._registry import Violation
from single_window.rules._selectors import Scope

if TYPE_CHECKING:
    from single_window.rules._kinds._base import Run, ViolationPlanner, ViolationSite, WriterOf

__all__ = ["RequiredCheck"]


class RequiredCheck(Check):
    """The selected field must be present."""

    uses_field: ClassVar[bool] = True

    kind: Literal["required"]

    def _compile(self, scope: Scope, country: str | None) -> Run:
        read = self.selector(scope).read
        field = self.field
        if scope == "item":

            def required_item(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
                if read(ctx, item):
                    return []
                return [Violation(item, None, {"field": field})]

            return required_item

        def required(ctx: Context) -> list[Violation]:
            if read(ctx):
                return []
            return [Violation(ctx.declaration, None, {"field": field})]

        return required

    def describe(self) -> str:
        return f"{self._field_words()} is present"

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        try:
            self.selector(scope)
        except ValueError:
            return False
        return True

    def documents_needed(self) -> tuple[str, ...] | None:
        # any document will do; these two are ordinary ones (invoice, packing list)
        return ("N380", "N935") if self.field == "document_code" else None

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        writer = planner.writer(self.selector(scope))
        if writer.clear is None or writer.clear_path is None:
            raise NotViolable(f"cannot remove field {self.field!r}")
        if planner.schema_requires(writer.clear_path):
            raise NotViolable(
                f"the schema requires {'/'.join(writer.clear_path)}; removing it breaks the "
                "XSD before any rule runs"
            )
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        writer = site.writer(self.selector(site.scope))
        assert writer.clear is not None
        writer.clear(site.declaration, site.item_index)
