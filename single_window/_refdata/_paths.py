"""Which list a value of a WCO declaration belongs to, from its place: for names beside
the codes a report shows.

A finding carries the path of the value it is about (``.../Origin[1]/CountryCode``,
``.../InvoiceAmount/@currencyID``) and the value. :func:`list_at` tells from the path
which code list the value is drawn from, the same places the country-neutral code-list
rules judge (every country code, the ``currencyID`` of every amount, the ``unitCode`` of
every measure and quantity but the national tariff's, package types, modes of transport),
and the commodity code and document codes; :func:`label_at` names the value. A path it
does not know gives None: a label is a help, never a guess.
"""

from __future__ import annotations

import re

from single_window._refdata._labels import ENGLISH, On, label, label_commodity, label_document

__all__ = ["element_steps", "label_in", "list_at"]

#: A step's position, ``[1]``.
_INDEX = re.compile(r"\[\d+\]")

#: Leaf elements whose value is a country code wherever they stand.
_COUNTRY_LEAVES = frozenset({"CountryCode", "RoutingCountryCode", "RegistrationNationalityCode"})
#: (parent element, leaf element) -> list.
_BY_PLACE = {
    ("ExportCountry", "ID"): "country",
    ("CurrencyExchange", "CurrencyTypeCode"): "currency",
    ("Packaging", "TypeCode"): "package-type",
    ("Classification", "ID"): "hs",
    ("AdditionalDocument", "TypeCode"): "document-name",
    ("PreviousDocument", "TypeCode"): "document-name",
}
#: Quantities whose units are the national tariff's (``KGM#G``), not Rec 20's: (parent
#: element, quantity element), as the code-list rules leave them out.
_NATIONAL_UNITS = frozenset(
    {("DutyTaxFee", "SpecificTaxBaseQuantity"), ("WriteOff", "QuantityQuantity")}
)
#: Elements whose value a finding gives as category + type (``N853``, ``Z355``).
_DOCUMENTS = frozenset({"AdditionalDocument", "PreviousDocument"})


def element_steps(path: str) -> list[str]:
    """The element names of a path, without positions or namespace prefixes."""
    return [step.rpartition(":")[2] for step in _INDEX.sub("", path).split("/") if step]


def list_at(path: str) -> str | None:
    """The code list the value at ``path`` of a WCO declaration belongs to, or None.

    ``"hs"`` for a commodity code (name it with :func:`label_commodity`) and
    ``"document-name"`` for a document code (with :func:`label_document`).
    """
    steps = element_steps(path)
    if not steps:
        return None
    leaf = steps[-1]
    parent = steps[-2] if len(steps) > 1 else ""
    if leaf == "@currencyID":
        return "currency"
    if leaf == "@unitCode":
        grandparent = steps[-3] if len(steps) > 2 else ""
        return None if (grandparent, parent) in _NATIONAL_UNITS else "unit"
    if leaf in _COUNTRY_LEAVES:
        return "country"
    if leaf == "ModeCode":
        return "transport-mode"
    if leaf in _DOCUMENTS:
        return "document-name"
    return _BY_PLACE.get((parent, leaf))


def label_in(
    name: str, path: str, value: str, on: On = None, *, lang: str = ENGLISH
) -> str | None:
    """The name of ``value`` in list ``name`` (as :func:`list_at` gives it for ``path``),
    in language ``lang``; None when the list does not name the value."""
    if name == "hs":
        return label_commodity(value, on, lang=lang)
    if name == "document-name":
        previous = "PreviousDocument" in element_steps(path)[-2:]
        return label_document(value, previous=previous, on=on, lang=lang)
    return label(name, value, on, lang=lang)
