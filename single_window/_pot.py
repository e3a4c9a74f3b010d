"""The catalog template of the library's messages, for translators: ``single_window.pot``.

Every message a person can be shown is one entry: its English template as ``msgid``
(with ``msgid_plural`` for a plural template) in the context of its message id
(``msgctxt``), so two messages that share an English text (the role ``transit`` and the
declaration kind ``transit``) are two entries. An automatic comment names the
placeholders a translation keeps. The entries come from the registered messages, not
from the source: every module of the package is imported (each registers its tables),
then the bundled packs add their rules' messages (context: the rule id), titles
(context: ``<rule>.title``) and "why" texts (context: ``<rule>.why``). The source marks
every literal template all the same (``N_``, ``NP_``), and the pack extractor
(:mod:`single_window._packextract`) reads the packs, so Babel's extraction finds each
text too: :func:`extracted` runs it, :func:`disagreements` says where the two differ,
and :func:`template` is the registry's catalog with the places Babel found each text at
and the comments the source gives translators (``# TRANSLATORS: ...`` above a text).

Usage::

    python -m single_window._pot single_window.pot   # write the template
    python -m single_window._pot                     # to standard output

``scripts/catalogs.py`` makes and keeps each language's catalog from it (``extract``,
``init``, ``update``, ``compile``, ``check``).
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from single_window._i18n import DOMAIN, templates
from single_window._packextract import extract_pack, why_text

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = [
    "KEYWORDS",
    "METHODS",
    "Entry",
    "catalog",
    "disagreements",
    "entries",
    "extracted",
    "main",
    "template",
    "write",
]

#: Packages whose modules say nothing to a user: the test strategies.
_SKIPPED = ("single_window.testing", "single_window.__main__")


def _import_everything() -> None:
    """Import every module of the package, so that every table of messages is defined."""
    import single_window

    for module in pkgutil.walk_packages(single_window.__path__, "single_window."):
        if not module.name.startswith(_SKIPPED):
            importlib.import_module(module.name)


class Entry(NamedTuple):
    """One message of the catalog template."""

    context: str
    """The message id."""
    text: str
    """The English template (a plural template's singular form)."""
    plural: str | None = None
    """A plural template's plural form."""
    names: tuple[str, ...] = ()
    """The placeholders a translation keeps."""


def entries() -> Iterator[Entry]:
    """Every message a person can be shown, by context (its id): the library's own, then
    each bundled pack rule's message, title and "why"."""
    from single_window.rules import RuleSet

    _import_everything()
    for message_id, found in sorted(templates().items()):
        yield Entry(message_id, found.text, found.plural, found.order)
    for pack in RuleSet.bundled().packs.values():
        for rule in pack.rules:
            yield Entry(rule.id, rule.message.text, None, rule.message.order)
            yield Entry(f"{rule.id}.title", rule.spec.title)
            if rule.spec.why.strip():
                yield Entry(f"{rule.id}.why", why_text(rule.spec.why))


def catalog() -> Catalog:
    """The catalog template: one entry per message (see the module)."""
    from babel.messages.catalog import Catalog

    from single_window import __version__

    found = Catalog(
        domain=DOMAIN,
        project="single_window",
        version=__version__,
        copyright_holder="single_window developers",
        msgid_bugs_address="",
        header_comment=HEADER,
    )
    for entry in entries():
        names = ", ".join(f"{{{name}}}" for name in entry.names)
        comments = [f"placeholders: {names}"] if names else []
        if _PERCENT.search(entry.text):
            comments.append("argparse's own words: keep each %(name)s, %s and %r as it is")
        found.add(
            entry.text if entry.plural is None else (entry.text, entry.plural),
            context=entry.context,
            auto_comments=comments,
            flags=["python-brace-format"] if names else [],
        )
    return found


#: The comment a catalog of the library opens with.
HEADER = """\
# Translations template for PROJECT's messages.
# Each entry's context (msgctxt) is its message id. Keep every {placeholder} as it is.
# Translators edit a language's .po file only; after the messages change,
# python scripts/catalogs.py update brings every .po file up to date.
# Copyright (C) YEAR ORGANIZATION
# This file is distributed under the same license as the PROJECT project."""

_PERCENT = re.compile(r"%(?:\([A-Za-z_]+\))?[sdr]")


#: What Babel extracts with: the package's Python files, marked with ``N_`` (a Babel
#: default keyword) and ``NP_`` (singular and plural), and the bundled packs.
KEYWORDS = {"NP_": (1, 2)}
METHODS = [("packs/*.toml", "single_window_pack"), ("**.py", "python")]
#: The extraction method of each name (the pack extractor given as the function, so
#: that extraction works whether or not the package's entry points are installed).
_METHOD: dict[str, Any] = {"single_window_pack": extract_pack}
#: The tag of a comment above a text that is meant for translators.
COMMENT_TAG = "TRANSLATORS:"


def _searched(path: str) -> bool:
    """Folders Babel searches, as ``pybabel extract`` does: not hidden ones, nor caches."""
    name = Path(path).name
    return not name.startswith(".") and name != "__pycache__"


def extracted() -> list[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    """What Babel's extraction finds in the package: ``(file, line, text or forms,
    comments, context)`` per marked text (the packs' with their contexts)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    package = Path(__file__).resolve().parent
    # the pack extractor as the function: extraction works whether or not the package's
    # entry points are installed
    methods: list[Any] = [(pattern, _METHOD.get(m, m)) for pattern, m in METHODS]
    found = extract_from_dir(
        str(package),
        method_map=methods,
        keywords={**DEFAULT_KEYWORDS, **KEYWORDS},
        comment_tags=[COMMENT_TAG],
        strip_comment_tags=True,
        directory_filter=_searched,
    )
    return [
        (f"single_window/{file}", line, message, comments, context)
        for file, line, message, comments, context in found
    ]


def _forms(entry: Entry) -> str | tuple[str, ...]:
    return entry.text if entry.plural is None else (entry.text, entry.plural)


def disagreements(
    made: Sequence[Entry] | None = None,
    found: Sequence[tuple[str, int, str | tuple[str, ...], list[str], str | None]] | None = None,
) -> list[str]:
    """Where the registry and Babel's extraction differ (empty: they agree): a
    registered text no mark or pack gives, and a marked text nothing registers."""
    made = list(entries()) if made is None else made
    found = extracted() if found is None else found
    with_context = {(ctx, msg) for _, _, msg, _, ctx in found if ctx is not None}
    plain = {msg for _, _, msg, _, ctx in found if ctx is None}
    problems = []
    registered = {(e.context, _forms(e)) for e in made}
    texts = {_forms(e) for e in made}
    for entry in made:
        forms = _forms(entry)
        if (entry.context, forms) not in with_context and forms not in plain:
            problems.append(f"{entry.context}: {forms!r} is registered but not marked")
    for file, line, message, _, context in found:
        if context is not None and (context, message) not in registered:
            problems.append(f"{file}:{line}: {context}: {message!r} is not registered")
        elif context is None and message not in texts:
            problems.append(f"{file}:{line}: {message!r} is marked but not registered")
    return problems


def template() -> Catalog:
    """The catalog template: the registry's entries (:func:`catalog`), each with the
    places Babel's extraction found its text at and the comments the source gives
    translators."""
    made = catalog()
    by_text: dict[object, list[tuple[str, int, list[str]]]] = {}
    for file, line, message, comments, context in extracted():
        key = (context, message) if context is not None else message
        by_text.setdefault(key, []).append((file, line, comments))
    for entry in made:
        if not entry.id:
            continue
        forms = entry.id if isinstance(entry.id, str) else tuple(entry.id)
        places = by_text.get((entry.context, forms)) or by_text.get(forms) or []
        for file, line, comments in places:
            entry.locations.append((file, line))
            entry.auto_comments.extend(c for c in comments if c not in entry.auto_comments)
    return made


def write(out: io.BufferedIOBase | io.BytesIO) -> None:
    """Write the catalog template (a PO file) to a binary stream."""
    from babel.messages.pofile import write_po

    write_po(out, template(), width=100)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the catalog template to the file named (standard output when none)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        buffer = io.BytesIO()
        write(buffer)
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
        return 0
    with open(args[0], "wb") as out:
        write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
