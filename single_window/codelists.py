"""Reference code lists by edition: is this code in list L on date D?

Every coded field of a declaration draws its value from a list with a name, an edition
and the dates that edition applies. This module answers, for a list name, a code and a
date, whether the code is in the edition in force on that date, and when it is not, why
(the message names the list and its edition). The lists:

| name | what it holds |
| --- | --- |
| ``country`` | the customs country list (CS/RD2: ISO 3166-1 and XI, XK, EU, QP...), ZB..ZU |
| ``currency`` | ISO 4217 currencies current or not yet withdrawn on the date (SIX lists) |
| ``unit`` | UN/ECE Rec 20 units (current, deprecated), and ``X`` + a Rec 21 code |
| ``package-type`` | UN/ECE Rec 21 package types |
| ``transport-mode`` | UN/ECE Rec 19 modes of transport, ``0`` to ``9`` |
| ``document-name`` | UN/EDIFACT code list 1001, document name codes |
| ``hs`` | Harmonized System subheadings (six digits): HS 2017 and HS 2022 |
| ``ncts:CL009`` ... | the NCTS Phase 5 code lists (CS/RD2, domain NCTS-P5) by number, with |
|  | descriptions; also by CS/RD2 name (``ncts:CountryCodesCTC`` is ``ncts:CL112``) |

Which HS edition a country's tariff applies on a date (the EAEU's TN VED, the EU's
Combined Nomenclature, ...) is :func:`tariff_edition`; :func:`check_commodity` judges a
commodity code against it when given the country.

:func:`label` gives a code's name, for people: countries and currencies in any language
CLDR has (through babel), the other lists in the English of their sources, HS chapters,
headings and subheadings in the wording of the edition in force on the date. A name
never changes a verdict; the page "Code lists" says where each list's names come from.

Every function takes its arguments in one order and style: first what it is about (the
list's name, then the code; or the code; or the country), then ``on``, the date, as the
next positional argument or by keyword; anything else by keyword only:

    edition(name, on)                contains(name, code, on)        check(name, code, on)
    check_commodity(code, on, *, country=None)
    check_document(code, on, *, category=None, previous=False)
    tariff_edition(country, on)
    label(name, code, on, *, lang="en")
    label_commodity(code, on, *, lang="en")
    label_document(code, on, *, category=None, previous=False, lang="en")

``on`` is a date, a datetime (its date) or an ISO date string (``"2025-01-31"``); None
(the default) is today in UTC. Codes and countries are read as the model holds them:
trimmed and upper-cased (``" eur "`` is ``"EUR"``). :class:`CodeList`'s methods take the
same arguments.

A list is read on first use and kept; nothing is fetched over the network. Once the
date's edition is known, membership is a set look-up. A rule engine resolves each list's
edition once per declaration (:meth:`CodeList.edition`), tests codes with
``code in edition``, and calls :func:`check` only for a code that fails, to explain it.
The page "Code lists" of the reference documentation says where each list comes from.

Example:
    >>> from datetime import date
    >>> from single_window import codelists
    >>> codelists.contains("currency", "HRK", date(2022, 6, 1))
    True
    >>> codelists.contains("currency", "HRK", date(2024, 6, 1))
    False
    >>> print(codelists.check("hs", "880710", date(2021, 6, 1)).message)
    '880710' is not an HS 2017 subheading; 8807.10 exists only in HS 2022
    >>> codelists.contains("ncts:CL112", "GE", date(2025, 2, 1))  # Georgia, from 1 Feb 2025
    True
    >>> codelists.edition("ncts:CL231", date(2025, 6, 1)).description("TIR")
    'TIR carnet'
    >>> codelists.check_document("N853", "2024-06-01").status  # a veterinary certificate
    'member'
    >>> codelists.label("country", "GE", lang="ka")
    'საქართველო'
    >>> codelists.label("currency", "KZT", lang="kk")
    'Қазақстан теңгесі'
    >>> codelists.label("unit", "KGM", lang="ru")  # Rec 20 is published in English only
    'kilogram'
"""

from __future__ import annotations

from single_window._refdata._documents import commodity, document
from single_window._refdata._labels import label as _label
from single_window._refdata._labels import label_commodity as _label_commodity
from single_window._refdata._labels import label_document as _label_document
from single_window._refdata._paths import element_steps, label_in
from single_window._refdata._paths import list_at as _list_at
from single_window._refdata._registry import get, names
from single_window._refdata._tariffs import TariffEdition
from single_window._refdata._tariffs import tariff_edition as _tariff_edition
from single_window._refdata._types import CodeList, Edition, Membership, On, Source, Status
from single_window.formats._registry import registry

__all__ = [
    "CodeList",
    "Edition",
    "Membership",
    "Source",
    "Status",
    "TariffEdition",
    "check",
    "check_commodity",
    "check_document",
    "contains",
    "edition",
    "get",
    "label",
    "label_at",
    "label_commodity",
    "label_document",
    "list_at",
    "names",
    "tariff_edition",
]


def edition(name: str, on: On = None) -> Edition | None:
    """The edition of list ``name`` in force on ``on`` (today, UTC, when None); None when
    none is."""
    return get(name).edition(on)


def contains(name: str, code: str, on: On = None) -> bool:
    """Whether ``code`` is in list ``name`` on ``on`` (today, UTC, when None)."""
    return get(name).contains(code, on)


def check(name: str, code: str, on: On = None) -> Membership:
    """The membership of ``code`` in list ``name`` on ``on`` (today, UTC, when None),
    explained."""
    return get(name).check(code, on)


def check_commodity(code: str, on: On = None, *, country: str | None = None) -> Membership:
    """Whether a commodity code's first six digits are an HS subheading on ``on``.

    National codes (8, 10 or 12 digits) are judged by their HS part; their length is
    the packs' business. With ``country``, the subheading is judged against the HS
    edition that country's tariff applies on the date (:func:`tariff_edition`), else
    against the edition the WCO puts in force.
    """
    return commodity(code, on, country)


def tariff_edition(country: str | None, on: On = None) -> TariffEdition:
    """The HS editions the tariff of ``country`` may apply on ``on`` (today when None).

    One edition where a source confirms it (the EAEU TN VED on HS 2022 from 1 January
    2022, say); every edition in force by then, with ``confirmed`` False, where none does;
    the WCO's edition for a country without a known tariff. The page "Code lists" gives
    each country's dates and sources.
    """
    return _tariff_edition(country, on)


def check_document(
    code: str,
    on: On = None,
    *,
    category: str | None = None,
    previous: bool = False,
) -> Membership:
    """Whether a document type code is a UN/EDIFACT 1001 document name code on ``on``
    (today, UTC, when None).

    EU and UK declarations write a category letter before the code, in the code
    (``"N853"``) or apart (``category="N"``). Category ``N`` means a UNCL 1001 code,
    zero-padded to three digits (``N002`` is code 2); other categories (``C``, ``Y``,
    ``X``, ...) are Union or national lists this list does not hold: ``not-covered``.
    On previous documents (``previous=True``) a numeric type is also a UNCL 1001 code
    under the categories ``X``, ``Y`` and ``Z`` of the box 40 layout (``Z355``); an
    alphabetic one (``DCR``, ``MRN``) is national, and category ``C`` holds the Union's own
    codes (``C605`` information sheet INF3): both ``not-covered``. A bare numeric code is
    looked up as it is.
    """
    return document(code, category, previous=previous, on=on)


def label(name: str, code: str, on: On = None, *, lang: str = "en") -> str | None:
    """The name of ``code`` in list ``name``, for people, in language ``lang``.

    Countries and currencies are named from CLDR (through babel) in any language it has
    (``"tr"``, ``"az"``, ``"uz"``, ``"kk"``, ``"ky"``, ``"ru"``, ``"ka"``, ``"hu"``,
    ``"tk"``, ...; ``"uz-Latn"`` and ``"uz_Latn"`` alike), in English where CLDR has no
    name in that language, and in the English of the shipped list where CLDR has none at
    all (XI, QP, ZB, withdrawn currencies). Units, package types, modes of transport,
    document names and the NCTS lists are named in the English of their sources whatever
    the language: none is published in the corridor's other languages. HS codes of two,
    four or six digits (chapters, headings, subheadings) are named in the wording of the
    edition in force on ``on`` (today when None), or of the latest edition that has the
    code. A code is named whatever its status on the date (withdrawn, deprecated,
    deleted): a name says what a code means, :func:`check` whether it is valid.

    Args:
        name: The list, as for :func:`check` (``"country"``, ``"hs"``, ``"ncts:CL112"``).
        code: The code, as written (trimmed and upper-cased, as the model reads codes).
        on: A date, a datetime or an ISO 8601 date string; None for today (UTC).
        lang: A language tag (BCP 47 or CLDR style); one CLDR does not know gives English.

    Returns:
        The name, or None when the list has no such code (or gives it no name).

    Raises:
        ConfigurationError: no list has that name.
    """
    return _label(name, code, on, lang=lang)


def label_commodity(code: str, on: On = None, *, lang: str = "en") -> str | None:
    """The name of the HS subheading a commodity code (6, 8, 10 or 12 digits) falls under,
    in the wording of the HS edition in force on ``on``; None when its first six digits
    are no subheading. National subdivisions have no name here: the subheading's is the
    nearest international one."""
    return _label_commodity(code, on, lang=lang)


def label_document(
    code: str,
    on: On = None,
    *,
    category: str | None = None,
    previous: bool = False,
    lang: str = "en",
) -> str | None:
    """The UN/EDIFACT 1001 name of a document type code as declarations write it, in
    language ``lang`` (1001 is published in English only).

    The code is read as :func:`check_document` reads it, with the same arguments: a
    category letter in the code (``N853``) or apart (``category="N"``), and on a previous
    document (``previous=True``) a numeric type under ``X``, ``Y`` or ``Z`` too
    (``Z355``). None for a Union or national category or a code 1001 does not have.
    """
    return _label_document(code, on, category=category, previous=previous, lang=lang)


def list_at(path: str) -> str | None:
    """The code list the value at ``path`` of a declaration is drawn from, or None.

    In a WCO declaration the places are those the code-list rules judge: every country
    code (``.../Origin/CountryCode``, ``.../ExportCountry/ID``, ...), the ``currencyID`` of
    every amount, the ``unitCode`` of every measure and quantity (not the national
    tariff's), ``Packaging/TypeCode``, every ``ModeCode``; and ``"hs"`` for
    ``Classification/ID``, ``"document-name"`` for an additional or previous document's
    code. In a message of another format the schema's code list of the element, where the
    library ships it: in an NCTS CC015C or CC013C (``/CC015C/...``) ``ncts:CL017`` for
    ``Packaging/typeOfPackages``, ``"hs"`` for ``harmonizedSystemSubHeadingCode``.
    Positions (``[1]``) and namespace prefixes in the path are ignored.
    """
    steps = element_steps(path)
    fmt = registry().by_root_name(steps[0]) if steps else None
    if fmt is None or fmt.code_list_at is None:
        return _list_at(path)
    found = fmt.code_list_at(steps)
    return found if found is None or found in names() else None


def label_at(path: str, value: str, on: On = None, *, lang: str = "en") -> str | None:
    """The name of ``value``, read at ``path`` of a declaration (a finding's path and
    value), in language ``lang``: :func:`label` for the list :func:`list_at` gives,
    :func:`label_commodity` for a commodity code, :func:`label_document` for a document
    code (``previous=True`` under ``PreviousDocument``). None when the place holds no
    listed code or the list does not name the value.

    Example:
        >>> label_at("/MetaData/Declaration/InvoiceAmount/@currencyID", "KZT", lang="kk")
        'Қазақстан теңгесі'
        >>> label_at("/CC015C/Consignment/HouseConsignment[1]/ConsignmentItem[1]"
        ...          "/Packaging[1]/typeOfPackages", "PX")
        'Pallet'
    """
    name = list_at(path)
    return None if name is None else label_in(name, path, value, on, lang=lang)
