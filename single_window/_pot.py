"""The catalog template of the library's messages, for translators: ``single_window.pot``.

Every message a person can be shown is one entry: its English template as ``msgid``
(with ``msgid_plural`` for a plural template) in the context of its message id
(``msgctxt``), so two messages that share an English text (the role ``transit`` and the
declaration kind ``transit``) are two entries. An automatic comment names the
placeholders a translation keeps. The entries come from the registered messages, not
from the source: every module of the package is imported (each registers its tables),
then the bundled packs add their rules' messages (context: the rule id) and titles
(context: ``<rule>.title``). The source marks every literal template all the same
(``N_``, ``NP_``), so ``pybabel extract -k NP_:1,2`` finds each text too.

Usage::

    python -m single_window._pot single_window.pot   # write the template
    python -m single_window._pot                     # to standard output

A language's catalog is then made from it as usual (``pybabel init``/``update``, then
``compile`` into ``single_window/locale/<lang>/LC_MESSAGES/single_window.mo``).
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from single_window._i18n import DOMAIN, templates

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = ["Entry", "catalog", "entries", "main", "write"]

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
    each bundled pack rule's message and title."""
    from single_window.rules import RuleSet

    _import_everything()
    for message_id, found in sorted(templates().items()):
        yield Entry(message_id, found.text, found.plural, found.order)
    for pack in RuleSet.bundled().packs.values():
        for rule in pack.rules:
            yield Entry(rule.id, rule.message.text, None, rule.message.order)
            yield Entry(f"{rule.id}.title", rule.spec.title)


def catalog() -> Catalog:
    """The catalog template: one entry per message (see the module)."""
    from babel.messages.catalog import Catalog

    from single_window import __version__

    found = Catalog(domain=DOMAIN, project="single_window", version=__version__)
    for entry in entries():
        names = ", ".join(f"{{{name}}}" for name in entry.names)
        found.add(
            entry.text if entry.plural is None else (entry.text, entry.plural),
            context=entry.context,
            auto_comments=[f"placeholders: {names}"] if names else [],
            flags=["python-brace-format"] if names else [],
        )
    return found


def write(out: io.BufferedIOBase | io.BytesIO) -> None:
    """Write the catalog template (a PO file) to a binary stream."""
    from babel.messages.pofile import write_po

    write_po(out, catalog(), width=100)


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
