"""What the command line says, in the language it speaks: its texts, its help, argparse's
own words, and ``--lang``.

The command speaks one language while it runs (:func:`speaking`): ``--lang``, read from
the arguments before the parser is built (:func:`lang_argument`) so that the help is in
it too, else the user's locale. Every text is a message: the command line's own
(``cli.<key>``), its help (``cli.help.<key>``) and argparse's words (``argparse.<key>``),
which argparse asks gettext for by their English text and gets from the library's
catalogs while the command runs (:func:`argparse_in`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from single_window._i18n import N_, NP_, define, template
from single_window._lang import DEFAULT_LANG, available_languages, language_tag

__all__ = [
    "TEXTS",
    "argparse_in",
    "help_text",
    "lang_argument",
    "language",
    "say",
    "speaking",
    "spoken",
]

#: What the command line says itself (``cli.<key>``); its help texts are marked with
#: ``N_`` for the catalogs too.
TEXTS = define(
    "cli",
    {
        "error": N_("single-window: error: {message}"),
        "interrupted": N_("single-window: interrupted"),
        "not-a-number": N_("{text} is not a whole number"),
        "below-one": N_("{value} is below 1"),
        "not-a-date": N_("{text} is not a date; write it as YYYY-MM-DD, e.g. 2025-01-31"),
        "unreadable-directory": N_("{path}: cannot read directory: {reason}"),
        "permission-denied": N_("{path}: cannot read directory: permission denied"),
        "stdin-twice": N_("- (standard input) can be given only once"),
        "no-such-path": N_("{path}: no such file or directory"),
        "no-declarations": NP_(
            "no declarations found: {paths} holds no *.xml files",
            "no declarations found: {paths} hold no *.xml files",
        ),
        "output-is-input": N_("-o {target}: is one of the inputs; the report would overwrite it"),
        "output-is-input-as": N_(
            "-o {target}: is one of the inputs ({same}); the report would overwrite it"
        ),
        "cannot-import": N_("--import {module}: cannot import it: {error}"),
        "no-pack": N_("no rule pack for country {country} (packs: {packs})"),
        "column-id": N_("ID"),
        "column-country": N_("COUNTRY"),
        "column-agency": N_("AGENCY"),
        "column-severity": N_("SEVERITY"),
        "column-scope": N_("SCOPE"),
        "column-title": N_("TITLE"),
    },
)
#: The help texts (``cli.help.<key>``).
_HELP = define(
    "cli.help",
    {
        "program": N_(
            "Check WCO Data Model customs declarations for every country on "
            "their route in one pass (Single Window / Single Stop)."
        ),
        "version": N_("show the version and exit"),
        "lang": N_(
            "the language of reports, messages and this help: a language tag such as kk, "
            "kk-KZ or uz-Latn (default: the user's locale where there is a catalog for it, "
            "else English; languages: {languages})"
        ),
        "replace-packs": N_("let a --packs pack replace the pack already loaded for its country"),
        "import": N_(
            "import this Python module first, so that packs can name the predicates and "
            "identifier validators it registers (repeatable; the current directory is searched)"
        ),
        "paths": N_("declaration files, directories (searched for *.xml) or - for stdin"),
        "format": N_("the report format (default: text)"),
        "output": N_("write the report here"),
        "jobs": N_(
            "worker processes (default: one per free CPU once the batch is large "
            "enough to pay for starting them; small batches run in this process)"
        ),
        "fail-on": N_("exit 1 when a finding of this severity or worse exists (default: error)"),
        "no-progress": N_("never draw a progress bar"),
        "quiet": N_("no summary on stderr"),
        "schema": N_("validate against this XSD instead"),
        "check": N_("Read, validate and run every involved country's rules."),
        "countries": N_(
            "run these countries' packs (default: the countries on the declaration; "
            "an empty value runs only the country-neutral rules)"
        ),
        "on": N_(
            "judge dated rules and code lists as of this date instead of each "
            "declaration's own date"
        ),
        "packs": N_("custom rule pack file or folder (repeatable)"),
        "validate": N_("Read, schema-validate and normalize only (no country rules)."),
        "rules": N_("List the rules."),
        "country": N_("only this country's (or 'baseline')"),
        "rules-format": N_("the list's format (default: text)"),
        "schema-command": N_(
            "Print the JSON Schema of a report as --format json and jsonl write it."
        ),
        "schema-document": N_("what to describe: report"),
        "schema-output": N_("write the schema here"),
        "bad-lang": N_(
            "{text} is not a language of the library's messages; its languages: {languages}"
        ),
    },
)

#: argparse's own words (``argparse.<key>``): argparse asks gettext for each by its
#: English text, and is answered from these while the command runs (see argparse_in).
_ARGPARSE = define(
    "argparse",
    {
        "usage": N_("usage: "),
        "positionals": N_("positional arguments"),
        "options": N_("options"),
        "help": N_("show this help message and exit"),
        "argument": N_("argument %(argument_name)s: %(message)s"),
        "required": N_("the following arguments are required: %s"),
        "unrecognized": N_("unrecognized arguments: %s"),
        "invalid-choice": N_("invalid choice: %(value)r (choose from %(choices)s)"),
        "expected-one": N_("expected one argument"),
        "ambiguous": N_("ambiguous option: %(option)s could match %(matches)s"),
        "invalid-value": N_("invalid %(type)s value: %(value)r"),
        "ignored": N_("ignored explicit argument %r"),
    },
)

#: The language the command speaks while it runs.
_lang: ContextVar[str] = ContextVar("_lang", default=DEFAULT_LANG)


def spoken() -> str:
    """The language the command speaks."""
    return _lang.get()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` within the block."""
    token = _lang.set(lang)
    try:
        yield
    finally:
        _lang.reset(token)


def say(key: str, /, **params: object) -> str:
    """A text of the command line (``cli.<key>``) in the language it speaks."""
    return TEXTS.text(key, _lang.get(), **params)


def help_text(key: str, /, **params: object) -> str:
    """A help text (``cli.help.<key>``) in the language the command speaks."""
    return _HELP.text(key, _lang.get(), **params)


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """Let argparse's own words come from the catalogs of ``lang`` within the block.

    argparse looks its words up with gettext's functions bound in its module
    (``argparse._``, ``argparse.ngettext``); they are swapped for the library's catalogs
    while the command runs and put back after, English needing nothing.
    """
    if lang == DEFAULT_LANG:
        yield
        return
    keys = {template(_ARGPARSE.id(key)).text: key for key in _ARGPARSE.keys}

    def gettext(text: str) -> str:
        key = keys.get(text)
        return text if key is None else _ARGPARSE.text(key, lang)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    saved = (getattr(argparse, "_"), getattr(argparse, "ngettext"))  # noqa: B009
    setattr(argparse, "_", gettext)  # noqa: B010
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


def lang_argument(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` (or an abbreviation argparse takes, ``--la``), read before
    the parser is built so that its help is in that language; None when not given."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) >= 3 and "--lang".startswith(name):
            if equals:
                return value
            return argv[index + 1] if index + 1 < len(argv) else None
    return None


def language(text: str) -> str:
    """``--lang``'s value as the tag of a language the library speaks."""
    tag = language_tag(text)
    if tag is None:
        raise argparse.ArgumentTypeError(
            help_text("bad-lang", text=repr(text), languages=", ".join(available_languages()))
        )
    return tag
