"""Make and keep the library's translation catalogs, with Babel.

Usage::

    python scripts/catalogs.py extract            # write the template (locale/single_window.pot)
    python scripts/catalogs.py init LANG...       # start a language's catalog from the template
    python scripts/catalogs.py update [LANG...]   # bring catalogs up to date with the messages
    python scripts/catalogs.py compile [LANG...]  # build each catalog's .mo beside its .po
    python scripts/catalogs.py check [LANG...]    # what is wrong or missing (exit 1 if anything)

Each language's catalog is ``single_window/locale/<lang>/LC_MESSAGES/single_window.po``
(in the repository); translators edit it and nothing else. Its ``.mo`` is built: by the
package's build hook (``hatch_build.py``) for a wheel and for ``pip install -e .``, and
by ``compile`` here. Until it is built again, the library reads the edited ``.po``
itself (see ``single_window/_catalogs.py``), so an edit shows at once.

The template is made from the messages the library registers and the bundled packs
(``single_window/_pot.py``), with the places Babel's extraction finds each text at;
``extract`` and ``check`` fail when the two disagree (a text that is registered but not
marked with ``N_``/``NP_``, or marked but not registered). ``update`` makes the template
afresh, so it is all a catalog needs after the messages changed. Without LANG, a command
works on every catalog there is.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "single_window" / "locale"
TEMPLATE = LOCALE / "single_window.pot"
WIDTH = 100


def _po(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "single_window.po"


def _languages(given: Sequence[str]) -> list[str]:
    """The languages named (as their catalogs' tags), or every language with a catalog."""
    if given:
        return list(given)
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/single_window.po"))


def _template() -> Catalog:
    """The template, made now; exits when the registry and Babel's extraction disagree."""
    from single_window._pot import disagreements, template

    problems = disagreements()
    if problems:
        print("the messages and the marked texts disagree:", *problems, sep="\n  ")
        raise SystemExit(1)
    return template()


def _read(path: Path, lang: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream, locale=lang, abort_invalid=True)


def _write(path: Path, catalog: Catalog, *, template: bool = False) -> None:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, ignore_obsolete=True, include_previous=not template)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def extract(args: argparse.Namespace) -> int:
    """Write the template."""
    target = Path(args.output) if args.output else TEMPLATE
    _write(target, _template(), template=True)
    print(f"wrote {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")
    return 0


def init(args: argparse.Namespace) -> int:
    """Start each language's catalog from the template (refusing one that exists)."""
    from babel import Locale

    made = _template()
    for lang in args.languages:
        path = _po(lang)
        if path.exists():
            print(f"{path.relative_to(REPO)} exists; use update")
            return 1
        catalog = _read_template(made, lang)
        catalog.locale = Locale.parse(lang)
        catalog.revision_date = datetime.now(UTC)
        catalog.fuzzy = False
        _write(path, catalog)
        print(f"made {path.relative_to(REPO)} ({catalog.num_plurals} plural forms)")
    return 0


def _read_template(made: Catalog, lang: str) -> Catalog:
    """The template as a catalog of ``lang`` (a copy, read back as a PO file)."""
    from babel.messages.pofile import read_po, write_po

    buffer = io.BytesIO()
    write_po(buffer, made, width=WIDTH)
    buffer.seek(0)
    return read_po(buffer, locale=lang)


def _drop_guesses(catalog: Catalog, known: set[str | None]) -> None:
    """Empty the translations Babel guessed for new messages from similar old ones.

    A message keeps its old translation, marked fuzzy, only where its own English changed
    (its id, the context, was in the catalog); a new message borrows nothing from another
    message, whose placeholders and meaning are another's.
    """
    for message in catalog:
        if message.id and message.fuzzy and message.context not in known:
            message.string = ("",) * len(message.string) if message.pluralizable else ""
            message.flags.discard("fuzzy")
            message.previous_id = []


def update(args: argparse.Namespace) -> int:
    """Merge the template into each catalog: new texts added (a changed text marked fuzzy
    with its old translation), texts no longer used dropped."""
    made = _template()
    for lang in _languages(args.languages):
        path = _po(lang)
        catalog = _read(path, lang)
        known = {message.context for message in catalog if message.id}
        catalog.update(made, update_header_comment=False)
        _drop_guesses(catalog, known)
        _write(path, catalog)
        print(f"updated {path.relative_to(REPO)}")
    return 0


def compile_(args: argparse.Namespace) -> int:
    """Build each catalog's ``.mo`` beside its ``.po`` (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo

    for lang in _languages(args.languages):
        path = _po(lang)
        out = io.BytesIO()
        write_mo(out, _read(path, lang))
        path.with_suffix(".mo").write_bytes(out.getvalue())
        print(f"compiled {path.with_suffix('.mo').relative_to(REPO)}")
    return 0


def check(args: argparse.Namespace) -> int:
    """Say what is wrong or missing in each catalog; exit 1 when a catalog is broken, a
    shipped one incomplete, or the template disagrees with the marked texts."""
    from single_window._lang import SHIPPED_LANGUAGES
    from single_window._pocheck import counts, problems

    made = _template()
    wanted = {e.context for e in made if e.id}
    failed = False
    for lang in _languages(args.languages):
        catalog = _read(_po(lang), lang)
        shipped = lang in SHIPPED_LANGUAGES
        found = problems(catalog, made, complete=shipped)
        have = {m.context for m in catalog if m.id}
        tally = counts(m for m in catalog if m.context in wanted)
        status = "shipped" if shipped else "in progress"
        print(
            f"{lang}: {tally.translated} of {len(wanted)} translated, {tally.fuzzy} fuzzy "
            f"({status}); {len(wanted - have)} new and {len(have - wanted)} old entries "
            "to update"
        )
        for problem in found:
            print(f"  {problem}")
        failed = failed or bool(found)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command."""
    parser = argparse.ArgumentParser(prog="scripts/catalogs.py", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write the template").add_argument("-o", "--output")
    sub.add_parser("init", help="start catalogs").add_argument("languages", nargs="+")
    for name, help_text in (
        ("update", "bring catalogs up to date"),
        ("compile", "build .mo files"),
        ("check", "check catalogs"),
    ):
        sub.add_parser(name, help=help_text).add_argument("languages", nargs="*")
    args = parser.parse_args(argv)
    run = {"extract": extract, "init": init, "update": update, "compile": compile_}
    return run.get(args.command, check)(args)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
