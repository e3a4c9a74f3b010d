"""Commodity codes against the HS edition of the declaring country's tariff.

A commodity code's first six digits must be a subheading of the HS edition that the
tariff of the country judging the declaration applies on its date: the country the
declaration is lodged in, or on a transit declaration the office of departure's
(:func:`single_window.codelists.tariff_edition` holds the editions and their sources).
Where that edition is not confirmed either edition is accepted, and a second rule warns
when the code belongs to one of them only. On a date no shipped edition covers (before
2017, from 2028) the code is judged by the nearest edition, and the report warns that it
was (``RULE-EDITION``).

The EU Combined Nomenclature has chapters of its own beyond the HS (98, complete
industrial plant; 99, special codes such as 9930 24 00 for ship's and aircraft stores; the
HS reserves chapters 98 and 99 for its contracting parties' special uses): in a
declaration lodged in an EU member they are no HS errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from single_window import codelists
from single_window._i18n import Listing
from single_window._refdata._tariffs import tariff_name
from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context
from single_window.rules._regimes import in_regime
from single_window.rules._registry import Params, Violation, predicate
from single_window.rules._selectors import commodity_node

__all__ = ["EU_SPECIAL_CHAPTERS", "tariff_country"]

#: The Combined Nomenclature's chapters outside the HS (Council Regulation (EEC) No
#: 2658/87, Annex I, Part Two, Section XXII).
EU_SPECIAL_CHAPTERS = frozenset({"98", "99"})


def tariff_country(ctx: Context) -> str | None:
    """The country whose tariff judges the commodity codes: the office of departure's on a
    transit declaration, else the country the declaration is lodged in."""
    if ctx.kind == "transit" and ctx.route.departure is not None:
        return ctx.route.departure
    return ctx.declaring


def _head(code: str | None) -> str | None:
    """A code's six-digit HS part, None when it has none (the shape rule's business)."""
    if code is None:
        return None
    head = code[:6]
    return head if len(head) == 6 and head.isascii() and head.isdigit() else None


def eu_special(head: str, country: str | None, ctx: Context) -> bool:
    """Whether a subheading is a Combined Nomenclature special code in an EU declaration."""
    return head[:2] in EU_SPECIAL_CHAPTERS and in_regime("eu", country, ctx.as_of, ctx.extensions)


@predicate("hs-subheading", "item")
def hs_subheading(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """The commodity code's first six digits are a subheading of an HS edition the judging
    country's tariff applies on the declaration's date (either edition when that is not
    confirmed, or when the declaration has no date)."""
    code = ctx.commodity_code(item)
    head = _head(code)
    if code is None or head is None:
        return
    if head in ctx.extensions.get("hs", ()):
        return  # a subheading a pack in force adds
    country = tariff_country(ctx)
    if eu_special(head, country, ctx):
        return
    hs = codelists.get("hs")
    if not ctx.dated and any(head in e.codes for e in hs.editions):
        return
    day = ctx.judged_on("hs")  # the nearest edition's day when no edition applies
    tariff = codelists.tariff_edition(country, day)
    if not tariff.editions or any(head in e.codes for e in tariff.editions):
        return
    membership = codelists.check_commodity(code, day, country=country)
    if membership.ok or not membership.judged:
        return
    yield Violation(
        commodity_node(item, code),
        code,
        {
            "value": code,
            "reason": membership.reason_on(ctx.date_said(day, "hs")),
            "list": "hs",
            "edition": membership.edition or "",
            "date": day.isoformat(),
            "date_source": ctx.source_of(day, "hs"),
        },
    )


@predicate("hs-edition-unconfirmed", "item")
def hs_edition_unconfirmed(
    ctx: Context, item: GovernmentAgencyGoodsItem, params: Params
) -> Iterator[Violation]:
    """Where the judging country's HS edition on the date is not confirmed, the commodity
    code's subheading is in every edition it may apply, not in one of them only."""
    if not ctx.dated:
        return
    code = ctx.commodity_code(item)
    head = _head(code)
    if code is None or head is None or head in ctx.extensions.get("hs", ()):
        return
    day = ctx.judged_on("hs")
    tariff = codelists.tariff_edition(tariff_country(ctx), day)
    if tariff.confirmed or len(tariff.editions) < 2:
        return
    holding = [e.label for e in tariff.editions if head in e.codes]
    if not holding or len(holding) == len(tariff.editions):
        return
    yield Violation(
        commodity_node(item, code),
        code,
        {
            "value": code,
            "subheading": f"{head[:4]}.{head[4:]}",
            "edition": Listing.of(holding, "and"),
            "editions": Listing.of((e.label for e in tariff.editions), "or"),
            "tariff": tariff_name(tariff),
            "date": day.isoformat(),
            "date_source": ctx.source_of(day, "hs"),
        },
    )
