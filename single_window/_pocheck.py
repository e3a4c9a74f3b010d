"""What is wrong with a language's catalog, measured against the catalog template.

Used by ``scripts/catalogs.py check`` and by the tests. A translation must keep its
English text's placeholders: the same ``{name}`` placeholders (each form of a plural
entry all of the English plural's), the same ``%(name)s``, ``%s`` and ``%r`` of
argparse's words, and parse as a template; a plural entry has as many forms as the
language's plural rule (``Plural-Forms``). A complete catalog translates every entry of
the template, none fuzzy, and none is its English text unless it says nothing a language
would say otherwise (placeholders and punctuation only) or is allowed to be; the wrappers
of what cannot be translated (:data:`MUST_WRAP`) must say something of their own.
"""

from __future__ import annotations

import re
import string
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

__all__ = [
    "MUST_WRAP",
    "SAME_AS_ENGLISH",
    "Counts",
    "counts",
    "entry_problems",
    "problems",
    "same_is_fine",
]

#: Messages that only give what the library cannot translate (libxml2's words, an
#: exception's) in English: a complete catalog says around them what went wrong.
MUST_WRAP = frozenset({"XSD.element", "XSD.document", "explain.crashed"})

_FORMATTER = string.Formatter()
#: The %-placeholders of argparse's words.
_PERCENT = re.compile(r"%(?:\([A-Za-z_]+\))?[sdr]")


def _names(text: str) -> frozenset[str] | None:
    """A template's placeholder names; None when it is not a template."""
    try:
        return frozenset(n for _, n, _, _ in _FORMATTER.parse(text) if n is not None)
    except ValueError:
        return None


def _percent(text: str) -> list[str]:
    return sorted(_PERCENT.findall(text))


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    string_ = message.string
    strings = [string_] if isinstance(string_, str) else list(string_ or ())
    return ids, strings


def _where(message: Message) -> str:
    return message.context or (message.id if isinstance(message.id, str) else message.id[0])


def entry_problems(message: Message, plural_forms: int) -> list[str]:
    """What is wrong with one translated entry (nothing for an untranslated one)."""
    ids, strings = _forms(message)
    if not any(strings):
        return []
    where = _where(message)
    out = []
    english = frozenset().union(*(_names(i) or frozenset() for i in ids))
    if len(ids) > 1 and len(strings) != plural_forms:
        out.append(f"{where}: {len(strings)} plural forms; the language has {plural_forms}")
    for index, translated in enumerate(strings):
        if not translated:
            out.append(f"{where}: plural form {index} is empty")
            continue
        names = _names(translated)
        if names is None:
            out.append(f"{where}: {translated!r} is not a template (a lone brace?)")
        elif names != english:
            out.append(
                f"{where}: the translation has the placeholders {sorted(names)}, "
                f"the English {sorted(english)}"
            )
        if _percent(translated) != _percent(ids[-1]):
            out.append(
                f"{where}: the translation has {_percent(translated)}, "
                f"the English {_percent(ids[-1])}"
            )
    return out


#: Entries a shipped language may write as English does: "ID", and the word "transit",
#: which Turkish (and other languages) spell the same.
SAME_AS_ENGLISH: frozenset[str] = frozenset(
    {"report.html-id", "cli.column-id", "declaration-kind.transit"}
)


def same_is_fine(text: str) -> bool:
    """True for an English text that says nothing to translate: placeholders, digits
    and punctuation only (``{detail}``, ``<{element}>: {detail}``, ``, ``)."""
    names = _names(text)
    if names is None:
        return False
    bare = "".join(literal for literal, _, _, _ in _FORMATTER.parse(text))
    return not any(c.isalpha() for c in bare)


def problems(
    catalog: Catalog,
    template: Catalog,
    *,
    complete: bool = False,
    same_allowed: Collection[str] = SAME_AS_ENGLISH,
) -> list[str]:
    """Everything wrong with a language's catalog (empty: nothing).

    Args:
        catalog: The language's catalog (read with its locale).
        template: The catalog template (``scripts/catalogs.py extract``).
        complete: Require every entry translated, none fuzzy, and none equal to its
            English text but those that say nothing to translate (:func:`same_is_fine`)
            or whose context is in ``same_allowed``.
        same_allowed: Contexts whose translation may equal the English (codes and proper
            names; by default :data:`SAME_AS_ENGLISH`).
    """
    plural_forms = catalog.num_plurals
    out: list[str] = []
    for message in catalog:
        if message.id:
            out += entry_problems(message, plural_forms)
    if not complete:
        return out
    for entry in template:
        if not entry.id:
            continue
        found = catalog.get(entry.id, context=entry.context)
        where = _where(entry)
        if found is None:
            out.append(f"{where}: not in the catalog (run scripts/catalogs.py update)")
            continue
        ids, strings = _forms(found)
        if found.fuzzy:
            out.append(f"{where}: fuzzy")
        elif not all(strings):
            out.append(f"{where}: not translated")
        elif strings == ids[: len(strings)] and (
            entry.context in MUST_WRAP
            or (not same_is_fine(ids[0]) and entry.context not in same_allowed)
        ):
            out.append(f"{where}: the translation is the English text")
    return out


@dataclass(frozen=True)
class Counts:
    """How much of a catalog is translated."""

    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        """The entries of the catalog."""
        return self.translated + self.fuzzy + self.untranslated


def counts(messages: Iterable[Message]) -> Counts:
    """How many of a catalog's entries are translated, fuzzy and not translated."""
    done = fuzzy = left = 0
    for message in messages:
        if not message.id:
            continue
        _, strings = _forms(message)
        if message.fuzzy:
            fuzzy += 1
        elif strings and all(strings):
            done += 1
        else:
            left += 1
    return Counts(done, fuzzy, left)
