"""Test-only catalogs made from the catalog template: every entry translated by a rule.

A pseudo-locale translates each English text letter by letter into lookalikes outside
ASCII (``Ŧħê ŕûļê``) inside ``[!!`` and ``!!]``, keeping every placeholder (``{value}``,
argparse's ``%(prog)s``) as it is. Rendered in it, a text that went through a catalog has
no ASCII letter left but those of its data (a value, a path, libxml2's detail), so any
other ASCII word is English that did not. The same rule with another alphabet gives a
catalog in Cyrillic or Georgian script, to render pages in those scripts before the real
translations exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from single_window import _i18n, _lang

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

#: The pseudo-locale's tag (a private-use language subtag of BCP 47).
PSEUDO = "qps"

_LATIN = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "áƀçðêƒĝħîĵķļɱñöþǫŕšŧûṽŵẋýžÁƁÇÐÊƑĜĦÎĴĶĻṀÑÖÞǪŔŠŦÛṼŴẊÝŽ",
        strict=True,
    )
)
#: Letters by sound, as a reader of each script would spell an English word.
_CYRILLIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "абцдефгхийклмнопқрстуүшхызАБЦДЕФГХИЙКЛМНОПҚРСТУҮШХЫЗ",
        strict=True,
    )
)
_GEORGIAN = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "აბცდეფგჰიჯკლმნოპქრსტუვწხყზაბცდეფგჰიჯკლმნოპქრსტუვწხყზ",
        strict=True,
    )
)
ALPHABETS: Mapping[str, Mapping[str, str]] = {
    PSEUDO: _LATIN,
    "kk": _CYRILLIC,
    "ka": _GEORGIAN,
}

#: What a translation keeps as it is: placeholders, argparse's %-placeholders, escaped
#: braces and the Markdown of links (``](../how-to/x.md)``).
_KEPT = re.compile(r"\{\{|\}\}|\{[A-Za-z_]\w*\}|%(?:\([A-Za-z_]+\))?[sdr]|\]\([^)]*\)")


def pseudo(text: str, alphabet: Mapping[str, str] = _LATIN) -> str:
    """A text in the pseudo-locale: letters swapped, placeholders kept, marked."""
    out: list[str] = []
    last = 0
    for match in _KEPT.finditer(text):
        out.append("".join(alphabet.get(c, c) for c in text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append("".join(alphabet.get(c, c) for c in text[last:]))
    return "[!!" + "".join(out) + "!!]"


@cache
def _template() -> Catalog:
    from single_window._pot import catalog

    return catalog()


def write_catalog(folder: Path, lang: str, alphabet: Mapping[str, str]) -> Path:
    """A compiled catalog of ``lang`` translating every entry of the template."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    made = Catalog(locale=None, domain="single_window")
    for entry in _template():
        if not entry.id:
            continue
        if isinstance(entry.id, str):
            made.add(entry.id, pseudo(entry.id, alphabet), context=entry.context)
        else:
            forms = tuple(pseudo(form, alphabet) for form in entry.id)
            made.add(entry.id, forms, context=entry.context)
    target = folder / lang / "LC_MESSAGES" / "single_window.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        write_mo(out, made)
    return target


@contextmanager
def catalogs(folder: Path, *langs: str) -> Iterator[None]:
    """The library speaks only the test catalogs of ``langs`` (and English) in the block."""
    for lang in langs:
        write_catalog(folder, lang, ALPHABETS[lang])
    saved = _lang.LOCALE_DIR
    _lang.LOCALE_DIR = folder
    _i18n.forget_catalogs()
    try:
        yield
    finally:
        _lang.LOCALE_DIR = saved
        _i18n.forget_catalogs()
