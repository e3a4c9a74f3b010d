"""Language tags: which languages the library speaks, and how a tag names one of them.

A language is one the library has a catalog for (``single_window/locale/<tag>/``), and
English, the language the templates are written in. A caller names it by a language tag
as BCP 47 or a POSIX locale writes it, in any letter case: ``kk``, ``kk-KZ``, ``kk_KZ``,
``KK``, ``kk_KZ.UTF-8``, ``uz-Latn``, ``uz_UZ@latin``. The region is not looked at (a
catalog speaks for every country that uses the language); a script is, when a tag gives
one: each catalog is written in one script (:data:`LANGUAGES`), so ``uz-Latn`` is the
Uzbek catalog, which is in Latin script, and ``uz-Cyrl`` names a language the library
does not have. A tag is always told back as the catalog's own tag (``kk``, ``uz``).

Nothing here imports gettext or babel: naming a language costs a few string operations.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "DEFAULT_LANG",
    "LANGUAGES",
    "SHIPPED_LANGUAGES",
    "Language",
    "available_languages",
    "check_lang",
    "describe_languages",
    "environment_language",
    "forget_languages",
    "language_of",
    "language_tag",
    "languages",
]

#: The language templates are written in, and the default of every ``lang``.
DEFAULT_LANG = "en"

#: The languages whose catalog is complete and reviewed against its glossary
#: (``docs/reference/glossary/``): the tests require every message translated in each.
#: A language with a catalog that is not listed here renders what its catalog translates
#: and English for the rest.
SHIPPED_LANGUAGES: tuple[str, ...] = ("en", "tr", "az", "uz", "kk", "ky", "ru", "ka")


@dataclass(frozen=True)
class Language:
    """What the library knows of a language it may have a catalog for.

    Attributes:
        tag: The catalog's tag (``kk``), the primary language subtag of BCP 47.
        name: The language's English name.
        script: The ISO 15924 code of the script its catalog is written in.
        direction: ``ltr`` or ``rtl``, as an HTML page's ``dir`` says it.
    """

    tag: str
    name: str
    script: str
    direction: str = "ltr"


#: The languages of the corridor, and English. Uzbek is written in Latin script, the
#: script of Uzbekistan's official alphabet (Law No 1294-XII of 1993), so ``uz`` is
#: Uzbek in Latin script as CLDR's likely subtags have it (``uz`` -> ``uz_Latn_UZ``).
LANGUAGES: Mapping[str, Language] = MappingProxyType(
    {
        language.tag: language
        for language in (
            Language("en", "English", "Latn"),
            Language("tr", "Turkish", "Latn"),
            Language("az", "Azerbaijani", "Latn"),
            Language("uz", "Uzbek, Latin script", "Latn"),
            Language("kk", "Kazakh", "Cyrl"),
            Language("ky", "Kyrgyz", "Cyrl"),
            Language("ru", "Russian", "Cyrl"),
            Language("ka", "Georgian", "Geor"),
            Language("hu", "Hungarian", "Latn"),
            Language("tk", "Turkmen", "Latn"),
        )
    }
)

#: POSIX locale modifiers that name a script (``uz_UZ@cyrillic``).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}
#: The catalogs' folder and the name of a catalog in ``<tag>/LC_MESSAGES/``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
CATALOG_NAMES = ("single_window.mo", "single_window.po")


def _has_catalog(folder: Path) -> bool:
    return any((folder / "LC_MESSAGES" / name).is_file() for name in CATALOG_NAMES)


@cache
def _available(locale_dir: Path) -> tuple[str, ...]:
    found = []
    if locale_dir.is_dir():
        found = sorted(e.name for e in locale_dir.iterdir() if _has_catalog(e))
    return (DEFAULT_LANG, *(tag for tag in found if tag != DEFAULT_LANG))


def available_languages(locale_dir: Path | None = None) -> tuple[str, ...]:
    """The tags of the languages the library speaks: English, then every language with a
    catalog, in tag order."""
    return _available(locale_dir if locale_dir is not None else LOCALE_DIR)


def languages() -> tuple[str, ...]:
    """The languages findings and reports can be written in, as the tags ``lang=`` and
    ``--lang`` take: ``en`` first, then each language the library has a catalog for.

    Example:
        >>> from single_window import languages
        >>> languages()[0], "kk" in languages()
        ('en', True)
    """
    return available_languages()


def forget_languages() -> None:
    """Look for catalogs again when the languages are next asked for."""
    _available.cache_clear()


def language_of(tag: str) -> Language:
    """What is known of a language by its catalog's tag (a language the table does not
    list, such as a test's own, is written left to right in an unknown script)."""
    return LANGUAGES.get(tag) or Language(tag, tag, "Zyyy")


def _parts(text: str) -> tuple[str, str | None] | None:
    """A tag's language subtag (lower case) and script subtag (None: not given); None for
    text that is no tag at all."""
    base, _, modifier = text.strip().partition("@")
    base = base.partition(".")[0]  # a POSIX locale's encoding: kk_KZ.UTF-8
    subtags = base.replace("_", "-").split("-")
    language = subtags[0].lower()
    if not (2 <= len(language) <= 3 and language.isascii() and language.isalpha()):
        return None
    script = _MODIFIER_SCRIPTS.get(modifier.lower())
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isascii() and subtag.isalpha():
            script = subtag.title()
        elif not (subtag.isascii() and subtag.isalnum() and 1 <= len(subtag) <= 8):
            return None
    return language, script


def language_tag(text: str, languages: tuple[str, ...] | None = None) -> str | None:
    """The tag of the language ``text`` names, among ``languages`` (default: the
    languages the library speaks); None when it names none of them.

    Example:
        >>> language_tag("kk_KZ.UTF-8", ("en", "kk")), language_tag("uz-Cyrl", ("en", "uz"))
        ('kk', None)
    """
    parts = _parts(text)
    if parts is None:
        return None
    language, script = parts
    known = languages if languages is not None else available_languages()
    if language not in known:
        return None
    if script is not None and script != language_of(language).script:
        return None
    return language


def describe_languages(languages: tuple[str, ...] | None = None) -> str:
    """The languages as an error message lists them: ``en (English), kk (Kazakh)``."""
    known = languages if languages is not None else available_languages()
    return ", ".join(f"{tag} ({language_of(tag).name})" for tag in known)


#: The environment variables that name the user's language for messages, by precedence
#: (POSIX: ``LC_ALL`` overrides ``LC_MESSAGES``, which overrides ``LANG``).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the user's locale names, where the library speaks it; else English.

    The first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set and not empty
    names the locale, as POSIX has it; ``C`` and ``POSIX`` are English.
    """
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return language_tag(value) or DEFAULT_LANG
    return DEFAULT_LANG


def check_lang(lang: object) -> str:
    """The ``lang=`` argument of the public functions, checked: the tag of a language the
    library speaks (``kk``), from a language tag in any letter case, with a region or the
    catalog's own script (``kk-KZ``, ``kk_KZ``, ``uz-Latn``); None is English.

    Raises:
        TypeError: for anything but a str or None.
        ValueError: for a tag that names no language the library has messages in, naming
            those it has.
    """
    if lang is None or lang == DEFAULT_LANG:
        return DEFAULT_LANG
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a language tag such as 'kk', not {type(lang).__name__}")
    tag = language_tag(lang)
    if tag is None:
        raise ValueError(
            f"lang={lang!r}: the library has no messages in that language; its languages "
            f"are {describe_languages()}"
        )
    return tag
