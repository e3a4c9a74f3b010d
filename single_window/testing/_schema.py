"""Facets of the bundled XSD profile, read from its component model with xmlschema.

The strategies take their limits from here rather than from numbers written in Python:
how long a text or code may be, which lexical patterns it must match, how many digits an
amount may have and how often an element may repeat. Change the profile and the
generated declarations follow.

Facets are keyed by the path of local element names from the root element, e.g.
``("Declaration", "GoodsShipment", "GovernmentAgencyGoodsItem", "Commodity",
"Classification", "ID")``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from single_window.formats.wco._layout import DECLARATION_TAG, METADATA_TAG
from single_window.schema import bundled_schema_path

__all__ = ["Facets", "all_facets", "facets"]

_XS = "{http://www.w3.org/2001/XMLSchema}"
_ROOTS = (METADATA_TAG, DECLARATION_TAG)

Path = tuple[str, ...]


@dataclass(frozen=True)
class Facets:
    """The constraints the profile puts on one element (and its simple value).

    Attributes:
        min_occurs: Least number of occurrences in its parent.
        max_occurs: Most occurrences; None means unbounded.
        min_length: Shortest value in characters (``length`` sets both bounds).
        max_length: Longest value in characters, if limited.
        patterns: Compiled patterns the value must match (one per derivation step;
            all must match).
        total_digits: Most significant digits of a decimal value.
        fraction_digits: Most digits after the decimal point.
        max_inclusive: Largest numeric value, if limited.
        simple: True when the element holds a value (simple type or simple content).
    """

    min_occurs: int = 0
    max_occurs: int | None = 1
    min_length: int = 0
    max_length: int | None = None
    patterns: tuple[re.Pattern[str], ...] = field(default=())
    total_digits: int | None = None
    fraction_digits: int | None = None
    max_inclusive: Decimal | None = None
    simple: bool = False

    def accepts(self, text: str) -> bool:
        """True when a lexical value satisfies the length and pattern facets."""
        if len(text) < self.min_length:
            return False
        if self.max_length is not None and len(text) > self.max_length:
            return False
        return all(p.match(text) for p in self.patterns)


def _facet(simple: Any, name: str) -> Any:
    getter = getattr(simple, "get_facet", None)
    found = getter(_XS + name) if getter is not None else None
    return getattr(found, "value", None) if found is not None else None


def _simple_facets(simple: Any, min_occurs: int, max_occurs: int | None) -> Facets:
    patterns: list[re.Pattern[str]] = []
    min_length = 0
    max_length: int | None = None
    total: int | None = None
    fraction: int | None = None
    max_inclusive: Decimal | None = None
    step = simple
    while step is not None and getattr(step, "facets", None) is not None:
        facet_patterns = getattr(step, "patterns", None)
        if facet_patterns is not None:
            patterns.extend(facet_patterns.patterns)
        exact = _facet(step, "length")
        longest = _facet(step, "maxLength") if exact is None else exact
        if longest is not None:
            max_length = longest if max_length is None else min(max_length, longest)
        shortest = _facet(step, "minLength") if exact is None else exact
        if shortest is not None:
            min_length = max(min_length, shortest)
        digits = _facet(step, "totalDigits")
        if digits is not None and total is None:
            total = digits
        places = _facet(step, "fractionDigits")
        if places is not None and fraction is None:
            fraction = places
        upper = _facet(step, "maxInclusive")
        if upper is not None and max_inclusive is None:
            max_inclusive = Decimal(upper)
        step = getattr(step, "base_type", None)
    return Facets(
        min_occurs=min_occurs,
        max_occurs=max_occurs,
        min_length=min_length,
        max_length=max_length,
        patterns=tuple(dict.fromkeys(patterns)),
        total_digits=total,
        fraction_digits=fraction,
        max_inclusive=max_inclusive,
        simple=True,
    )


def _walk(element: Any, path: Path, depth: int = 0) -> Iterator[tuple[Path, Facets]]:
    xsd_type = element.type
    min_occurs = int(element.min_occurs)
    max_occurs = None if element.max_occurs is None else int(element.max_occurs)
    if xsd_type.is_simple():
        yield path, _simple_facets(xsd_type, min_occurs, max_occurs)
        return
    if xsd_type.has_simple_content():
        yield path, _simple_facets(xsd_type.content, min_occurs, max_occurs)
        return
    yield path, Facets(min_occurs=min_occurs, max_occurs=max_occurs)
    if depth > 30:  # the profile is not recursive; stop should one ever be
        return
    for child in xsd_type.content.iter_elements():
        yield from _walk(child, (*path, child.local_name), depth + 1)


@cache
def all_facets() -> dict[Path, Facets]:
    """Every element path of the bundled profile with its facets (read once)."""
    import xmlschema

    schema = xmlschema.XMLSchema(str(bundled_schema_path()))
    table: dict[Path, Facets] = {}
    for name in _ROOTS:
        root = schema.maps.elements[name]
        for path, found in _walk(root, (root.local_name,)):
            table.setdefault(path, found)
    return table


def facets(*path: str) -> Facets:
    """The facets of the element at a path of local names.

    Raises:
        KeyError: when the profile has no such element (a sign that the strategies and
            the schema have drifted apart).
    """
    return all_facets()[path]
