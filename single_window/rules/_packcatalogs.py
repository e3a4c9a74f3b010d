"""A pack's own translations: ``.po`` files beside the pack file, read when it loads.

A pack ``my-packs/tr-extra.toml`` may ship ``my-packs/tr-extra.kk.po``,
``my-packs/tr-extra.ru.po``, ...: one catalog per language, named by the pack file's
stem and the language's tag. Each entry translates one text of the pack in the context
gettext gives it, as the library's own catalog does for the bundled packs: a rule's
message in the context of its id (``TR-EXTRA-SEAL``), its title in ``<id>.title``, its
"why" in ``<id>.why`` (``scripts/catalogs.py`` and ``pybabel extract`` with the
``single_window_pack`` extractor make the template). An entry may also translate a
message of a predicate the pack's own module registers (``predicate.<name>.<key>``).

The catalogs are read and checked when the pack loads (no compile step): a file that
is not a PO file, a language the library has no messages in, or a translation whose
placeholders are not its English text's is a :class:`~single_window.RulePackError`
naming the file. Each catalog is kept compiled, so a pack pickled to a worker process
brings its translations with it. While a finding or title of the pack is rendered, its
catalog is consulted before the library's (:func:`single_window._i18n.overlay`).
"""

from __future__ import annotations

import io
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from single_window._catalogs import read_po
from single_window._lang import available_languages, describe_languages, language_tag
from single_window.errors import RulePackError

if TYPE_CHECKING:
    from babel.messages.catalog import Message

__all__ = ["catalog_files", "read_catalogs"]

_FORMATTER = string.Formatter()


def catalog_files(pack: Path) -> list[tuple[str, Path]]:
    """The ``<stem>.<lang>.po`` files beside a pack file, with the tag each names (as
    written), in name order."""
    folder = pack.parent
    if not folder.is_dir():
        return []
    prefix = f"{pack.stem}."
    found = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(prefix) and name.endswith(".po") and entry.is_file():
            tag = name[len(prefix) : -len(".po")]
            if tag and "." not in tag:
                found.append((tag, entry))
    return found


def _names(text: str) -> frozenset[str]:
    try:
        return frozenset(n for _, n, _, _ in _FORMATTER.parse(text) if n is not None)
    except ValueError:
        return frozenset({"{"})  # not a template: never equal to a template's names


def _forms(message: Message) -> tuple[list[str], list[str]]:
    """The English forms and the translated ones of an entry (empty: not translated)."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    string = message.string
    strings = [string] if isinstance(string, str) else list(string or ())
    return ids, [s for s in strings if s]


def _check_entries(name: str, messages: Iterable[Message]) -> None:
    """Raise RulePackError for a translation whose placeholders are not its English's."""
    for message in messages:
        if not message.id:
            continue  # the header
        ids, strings = _forms(message)
        english = frozenset().union(*(_names(i) for i in ids))
        for translated in strings:
            if _names(translated) - english or (len(ids) == 1 and _names(translated) != english):
                raise RulePackError(
                    name,
                    f"the translation of {message.context or ids[0]!r} has the placeholders "
                    f"{sorted(_names(translated))}; its English text has {sorted(english)}",
                )


def read_catalogs(pack: Path) -> Mapping[str, bytes]:
    """The catalogs beside a pack file, compiled: language tag -> ``.mo`` bytes.

    Raises:
        RulePackError: for a catalog that cannot be read, names no language the library
            speaks, or has a translation whose placeholders differ from its English.
    """
    from babel.messages.mofile import write_mo

    found: dict[str, bytes] = {}
    for written, path in catalog_files(pack):
        tag = language_tag(written)
        if tag is None or tag == "en":
            raise RulePackError(
                str(path),
                f"{written!r} is not a language the library has messages in (its "
                f"languages: {describe_languages(available_languages())})",
            )
        try:
            data = path.read_bytes()
            catalog = read_po(data, str(path), locale=None)
        except (OSError, ValueError) as exc:
            raise RulePackError(str(path), str(exc)) from None
        _check_entries(str(path), catalog)
        out = io.BytesIO()
        write_mo(out, catalog)
        found[tag] = out.getvalue()
    return found
