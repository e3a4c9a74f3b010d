"""``document``: a goods item (or its declaration) must carry one of some documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from single_window._i18n import Listing
from single_window._markdown import listing
from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context
from single_window.rules._kinds._base import Check, Needs
from single_window.rules._registry import Violation
from single_window.rules._selectors import Scope, commodity_node

if TYPE_CHECKING:
    from single_window.rules._kinds._base import Run, ViolationPlanner, ViolationSite, WriterOf

__all__ = ["DocumentCheck"]


class DocumentCheck(Check):
    """The goods item (or declaration) must carry a document with one of these codes
    (category + type, e.g. ``C640``)."""

    scopes: ClassVar[tuple[Scope, ...]] = ("item",)

    kind: Literal["document"]
    codes: tuple[str, ...] = Field(min_length=1)

    def _compile(self, scope: Scope, country: str | None) -> Run:
        codes = frozenset(self.codes)
        listed = Listing.of(self.codes, "comma")

        def documents(ctx: Context, item: GovernmentAgencyGoodsItem) -> list[Violation]:
            for doc in item.additional_documents:
                if doc.code in codes:
                    return []
            for declared in ctx.declaration.additional_documents:
                if declared.code in codes:
                    return []
            code = ctx.commodity_code(item)
            node = commodity_node(item, code) if code is not None else item
            return [Violation(node, code, {"expected": listed, "value": code or ""})]

        return documents

    def describe(self) -> str:
        return f"the goods item or the declaration carries a document {listing(self.codes)}"

    def built_by_construction(self, scope: Scope, writer: WriterOf) -> bool:
        return True

    def documents_needed(self) -> tuple[str, ...] | None:
        return self.codes

    def violation_needs(
        self, scope: Scope, country: str | None, planner: ViolationPlanner
    ) -> Needs:
        return Needs()

    def violate(self, site: ViolationSite) -> None:
        codes = set(self.codes)
        decl = site.declaration
        item = decl.goods_items[site.item_index]
        item.additional_documents = [d for d in item.additional_documents if d.code not in codes]
        decl.additional_documents = [d for d in decl.additional_documents if d.code not in codes]
