"""Names of codes, for people: what a code of a list is called, in a language.

A name is a label and nothing else: no list's membership, no rule's verdict reads it, and
babel, which gives the names in other languages, is imported the first time a country or
currency name is asked for.

Where each name comes from:

- countries and currencies: CLDR, through babel (``Locale(lang).territories`` and
  ``.currencies``), in any language CLDR has; a code CLDR does not name in that language
  gets CLDR's English name, and a code CLDR does not know at all (the customs codes XI,
  XC, XL, XS, QP to QZ and ZB to ZU, funds and withdrawn currencies it leaves out) the
  English name the shipped list gives it (the CS/RD2 country list, HMRC's overlay, ISO
  4217);
- units, package types, modes of transport, document names and the NCTS lists: the
  English names their sources give (UN/ECE Rec 20, Rec 21 and Rec 19, UN/EDIFACT 1001,
  CS/RD2), whatever the language: none of them is published in another language of the
  corridor;
- the HS: UN Comtrade's English descriptions of each edition's chapters, headings and
  subheadings, in the wording of the edition in force on the date.

The NCTS lists whose codes are country codes, currency codes or HS subheadings are named
like the country, currency and HS lists. Each list's names are gathered once per
language (per edition, for the HS) and kept, so a look-up after the first is a dictionary
read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from single_window._days import On, day_of
from single_window._refdata._datafile import first, read_codes, read_descriptions, read_header
from single_window._refdata._documents import split_document_code, uncl_code
from single_window._refdata._lists import HS_FILES, unit_names
from single_window._refdata._ncts import ALIASES, PREFIX, file_name
from single_window._refdata._registry import get
from single_window._refdata._types import code_of

__all__ = ["On", "label", "label_commodity", "label_document"]

#: The kind of CLDR name (babel ``Locale`` attribute) of the lists CLDR names.
CLDR_KINDS = {"country": "territories", "currency": "currencies"}

#: The data files of the lists named from their own files, the first file's name winning.
FILES = {
    "country": ("country-codes.txt", "country-overlay.txt"),
    "currency": ("iso4217.txt",),
    "package-type": ("rec21.txt",),
    "transport-mode": ("rec19.txt",),
    "document-name": ("uncl1001.txt",),
}

#: NCTS lists whose codes are country or currency codes or HS subheadings, named as the
#: list of those codes names them (the NCTS list's own description where that has none).
NAMED_LIKE = {
    **{
        f"{PREFIX}{number}": "country"
        for number in (
            "CL008",
            "CL009",
            "CL010",
            "CL112",
            "CL147",
            "CL165",
            "CL190",
            "CL198",
            "CL248",
            "CL505",
        )
    },
    f"{PREFIX}CL048": "currency",
    f"{PREFIX}CL152": "hs",
}

ENGLISH = "en"

#: A commodity code: its first six digits are the HS subheading it falls under.
_COMMODITY = re.compile(r"[0-9]{6}(?:[0-9]{2}){0,3}")


def label(name: str, code: str, on: On = None, *, lang: str = ENGLISH) -> str | None:
    """The name of ``code`` in list ``name``, in language ``lang``; None when the list
    has no such code (or gives it no name)."""
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a str, not {type(lang).__name__}")
    name = ALIASES.get(name, name)
    get(name)  # an unknown list is an error, as everywhere in the module
    key = code_of(code)
    if name == "hs" or NAMED_LIKE.get(name) == "hs":
        return _names(name, lang, _hs_edition(on)).get(key.replace(".", ""))
    if on is not None:
        day_of(on)  # checked alike for every list, though only the HS's names change with it
    return _names(name, lang, None).get(key)


def label_commodity(code: str, on: On = None, *, lang: str = ENGLISH) -> str | None:
    """The name of the HS subheading a commodity code (6, 8, 10 or 12 digits) falls under:
    its first six digits, as :func:`single_window.codelists.check_commodity` judges it."""
    digits = code_of(code).replace(".", "").replace(" ", "")
    if _COMMODITY.fullmatch(digits) is None:
        return None
    return label("hs", digits[:6], on, lang=lang)


def label_document(
    code: str,
    on: On = None,
    *,
    category: str | None = None,
    previous: bool = False,
    lang: str = ENGLISH,
) -> str | None:
    """The UN/EDIFACT 1001 name of a document type code written as declarations write it.

    The code is read as :func:`single_window.codelists.check_document` reads it
    (:func:`~single_window._refdata._documents.uncl_code`): ``N853`` (or ``"853"`` with
    ``category="N"``) is code 853; on a previous document (``previous=True``) a numeric
    type under ``X``, ``Y`` or ``Z`` is a UN/EDIFACT 1001 code too (``Z355``). Other
    categories name Union or national lists: None.
    """
    uncl = uncl_code(*split_document_code(code, category), previous=previous)
    return None if uncl is None else label("document-name", uncl, on, lang=lang)


def _hs_edition(on: On) -> str | None:
    """The label of the HS edition whose wording comes first on ``on`` (the nearest
    edition's when none applies)."""
    hs = get("hs")
    day = day_of(on)
    found = hs.edition(day) or hs.nearest(day)
    return found.label if found is not None else None


@lru_cache(maxsize=256)
def _names(name: str, lang: str, edition: str | None) -> Mapping[str, str]:
    """Every named code of list ``name`` with its name in ``lang`` (English where that has
    none); for the HS, in the wording of ``edition`` first."""
    like = NAMED_LIKE.get(name)
    if like is not None:
        own = read_descriptions(file_name(name.removeprefix(PREFIX)))
        base = _names(like, lang, edition)
        found = {code: base.get(code) or own.get(code) for code in read_codes(_file(name))}
        return MappingProxyType({code: text for code, text in found.items() if text})
    if name == "hs":
        return MappingProxyType(_hs_names(edition))
    english = _english(name)
    kind = CLDR_KINDS.get(name)
    if kind is None or lang == ENGLISH:  # the shipped data's own names are English
        return MappingProxyType(english)
    local = _cldr(lang, kind)
    fallback = _cldr(ENGLISH, kind)
    return MappingProxyType(
        {code: local.get(code) or fallback.get(code) or text for code, text in english.items()}
    )


def _file(name: str) -> str:
    return file_name(name.removeprefix(PREFIX))


def _english(name: str) -> dict[str, str]:
    """The names the shipped data gives the codes of list ``name`` (English)."""
    if name == "unit":
        return unit_names()
    if name.startswith(PREFIX):
        return read_descriptions(_file(name))
    found: dict[str, str] = {}
    for data in reversed(FILES[name]):
        found.update(read_descriptions(data))
    return found


def _hs_names(edition: str | None) -> dict[str, str]:
    """The HS chapters, headings and subheadings of every edition with their names, in the
    wording of ``edition`` where it has the code, else of the latest edition that has it."""
    # Oldest first and the preferred edition last: a later file's name wins.
    by_edition = [(first(read_header(names), "edition"), names) for _, names in HS_FILES]
    by_edition.sort(key=lambda pair: pair[0] == edition)
    found: dict[str, str] = {}
    for _, names in by_edition:
        found.update(read_descriptions(names))
    return found


@lru_cache(maxsize=64)
def _cldr(lang: str, kind: str) -> Mapping[str, str]:
    """CLDR's names of one kind (``territories``, ``currencies``) in ``lang``; empty for a
    language CLDR does not know."""
    from babel import Locale, UnknownLocaleError  # only names need CLDR

    try:
        locale = Locale.parse(lang.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return {}
    return dict(getattr(locale, kind))
