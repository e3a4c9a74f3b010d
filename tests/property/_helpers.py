"""Shared helpers of the property tests: resolving finding paths, removing items."""

from __future__ import annotations

import re
from decimal import Decimal

from lxml import etree

from single_window._values import Numeric, Quantity
from single_window.findings import Finding, Report, Severity
from single_window.models import Declaration
from single_window.rules import RuleSet
from single_window.testing._ddnta_violators import NOT_BROKEN

STAGE_PREFIXES = ("XML-", "XSD", "MODEL-", "NORM-")


def is_stage(finding: Finding) -> bool:
    """Whether a finding comes from reading, the schema or mapping (not a rule)."""
    return finding.rule.startswith(STAGE_PREFIXES)


#: Rules no schema-valid declaration can break: the profile's facets already keep the value
#: inside the list (Rec 19 has every one-digit mode of transport, and the profile allows
#: one digit). They still guard declarations read against a laxer national schema.
UNBREAKABLE = {"WCO-TRANSPORT-MODE": "every value the profile allows"}
#: NCTS rules the WCO strategies do not break, each with its reason (another rule would
#: fire with it, or the strategies draw no declaration the rule judges).
UNBREAKABLE.update({f"TRANSIT-{rule}": re.escape(why) for rule, why in NOT_BROKEN.items()})


def breakable_rule_ids(rules: RuleSet) -> list[str]:
    """The ids of the rules ``violating`` can break, sorted."""
    return sorted(
        spec.id
        for pack in rules.packs.values()
        for spec in pack.specs
        if spec.id not in UNBREAKABLE
    )


def element_at(data: bytes, path: str) -> etree._Element | None:
    """The element at one of the library's 1-based paths (local names), or None; for a
    path ending in ``/@name``, the element that carries the attribute."""
    root = etree.fromstring(data)
    steps = [s for s in path.split("/") if s and not s.startswith("@")]
    if not steps or etree.QName(root).localname != steps[0]:
        return None
    element = root
    for step in steps[1:]:
        name, _, index = step.partition("[")
        position = int(index.rstrip("]")) if index else 1
        matches = [
            c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name
        ]
        if len(matches) < position:
            return None
        element = matches[position - 1]
    return element


def text_at(data: bytes, path: str) -> str | None:
    """What stands at a path: an attribute's value (``.../@currencyID``), a value
    element's text (stripped), or None for an element that holds other elements."""
    element = element_at(data, path)
    assert element is not None, path
    last = path.rsplit("/", 1)[-1]
    if last.startswith("@"):
        value = element.get(last[1:])
        assert value is not None, path
        return value.strip()
    if len(element):
        return None
    return (element.text or "").strip()


def verdict_matches_errors(report: Report) -> bool:
    """Whether reject <=> some error finding, overall and per country."""
    has_error = any(f.severity is Severity.ERROR for f in report.findings)
    if (report.verdict.value == "reject") != has_error:
        return False
    for code, verdict in report.countries.items():
        errors = [f for f in report.findings if f.country == code and f.severity is Severity.ERROR]
        if (verdict.verdict.value == "reject") != bool(errors) or verdict.errors != len(errors):
            return False
    return True


def without_item(decl: Declaration, index: int) -> Declaration:
    """The declaration with one goods item removed as a trader would: the rest
    renumbered and the header count and totals recomputed."""
    copy = decl.model_copy(deep=True)
    assert copy.goods_shipment is not None
    items = copy.goods_shipment.government_agency_goods_items
    del items[index]
    for position, item in enumerate(items, start=1):
        item.sequence_numeric = Numeric(value=Decimal(position))
    copy.goods_item_quantity = Quantity(value=Decimal(len(items)))
    charges = [
        i.commodity.invoice_line.item_charge_amount
        for i in items
        if i.commodity and i.commodity.invoice_line and i.commodity.invoice_line.item_charge_amount
    ]
    if copy.invoice_amount is not None and len(charges) == len(items):
        copy.invoice_amount.value = sum((c.value for c in charges), Decimal(0))
    masses = [
        i.commodity.goods_measure.gross_mass_measure
        for i in items
        if i.commodity
        and i.commodity.goods_measure
        and i.commodity.goods_measure.gross_mass_measure
    ]
    if copy.total_gross_mass_measure is not None and len(masses) == len(items):
        copy.total_gross_mass_measure.value = sum((m.value for m in masses), Decimal(0))
    packages = [
        p.quantity_quantity.value
        for i in items
        for p in i.packagings
        if p.quantity_quantity is not None
    ]
    if copy.total_package_quantity is not None:
        copy.total_package_quantity.value = sum(packages, Decimal(0))
    return copy
