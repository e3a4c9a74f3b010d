"""The ``single-window`` command line: check, validate, list rules, print the report schema.

::

    single-window check PATH... [--countries AZ,TR,...] [--on DATE] [--format FORMAT] [-o FILE]
                               [-j N] [--fail-on error|warning|never] [--no-progress]
                               [--schema XSD] [--packs PATH]... [--import MODULE]... [-q]
                               [--lang LANG]
    single-window validate PATH... [same options, without --countries, --on, --packs, --import]
    single-window rules [--country XX] [--format text|json] [--packs PATH]...
                        [--import MODULE]... [--lang LANG]
    single-window schema report [-o FILE] [--lang LANG]
    single-window convert FILE... --to ncts|wco [-o OUT] [--phase 5|6] [--lang LANG]

PATH is a file, a directory (searched recursively for ``*.xml`` in any letter case) or
``-`` for standard input. FORMAT is one of ``text``, ``json``, ``jsonl``, ``junit``,
``sarif``, ``html``, ``wco-response``.

LANG is the language of everything the command says (reports, the summary, errors, the
help itself): a language tag such as ``kk``, ``kk-KZ`` or ``uz-Latn``. Without it, the
user's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) chooses, where the library has a
catalog for it; else English. ``--lang`` is read before anything else, so that ``--help``
answers in the language asked for; argparse's own words (``usage:``, ``options``, its
errors) come from the same catalogs.

Exit status: 0 when every declaration passed at the ``--fail-on`` level, 1 when at least
one failed, 2 for a usage error, a PATH that does not exist or cannot be read, PATHs that
hold no declaration at all, an unknown country, a schema or rule pack that does not
load, ``-o`` naming one of the inputs, or output that cannot be written (one line on
stderr, no traceback).

``convert`` writes each FILE in the other format (see :mod:`single_window._convertcli`):
exit 0 all written, 1 a value lost or an input that cannot be converted (one line each on
stderr), 2 a usage or I/O error.

Every command writes through :func:`single_window._output.open_output`: ``-o FILE`` is
replaced atomically (or written in place when it is a device, a FIFO or a descriptor
name), never left half-written.

Inside a directory, an ``*.xml`` entry that is not a regular file (a FIFO, a dangling
symbolic link) and a subdirectory that cannot be read each get a report with an
``XML-IO`` finding; the rest of the tree is checked. File names are shown escaped
(:mod:`single_window._display`) in every format and on stderr.

:func:`main` parses ``sys.argv`` and exits; :func:`run` does the work against given
streams and returns the exit status, so tests can drive it directly.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, TextIO

from single_window._clitext import (
    argparse_in,
    help_text,
    lang_argument,
    language,
    say,
    speaking,
    spoken,
)
from single_window._convertcli import ConvertUsageError, add_convert
from single_window._days import as_of_date
from single_window._display import display_name, json_text
from single_window._i18n import Listing
from single_window._lang import available_languages, environment_language, language_tag
from single_window._output import (
    STDOUT_NAME,
    OutputError,
    Target,
    guard,
    open_output,
    same_as_input,
    write_error,
)
from single_window.errors import ConfigurationError

if TYPE_CHECKING:
    from single_window._reader import Source
    from single_window.findings import Severity
    from single_window.reporters import ReportContext
    from single_window.rules import RuleInfo, RuleSet

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main", "run"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

#: Display name of standard input in reports.
STDIN_NAME = "<stdin>"
#: Show a progress bar only for batches at least this long.
PROGRESS_MIN = 20

#: ``--fail-on`` levels; ``never`` fails nothing.
_FAIL_ON = ("error", "warning", "never")
#: ``--format`` names, as :data:`single_window.reporters.REPORTER_BY_NAME` has them (a
#: test keeps the two equal): the parser is built without importing the reporters, so
#: that ``--help`` answers at once.
FORMATS = ("text", "json", "jsonl", "junit", "sarif", "html", "wco-response")
_help_out: ContextVar[TextIO] = ContextVar("_help_out")


class _UsageError(Exception):
    """A problem with how the command was called: one line, exit status 2."""


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting and prints help to the given stdout."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            raise _UsageError(message.strip())
        raise _Exit(status)

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            _help_out.get(sys.stdout).write(message)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("not-a-number", text=repr(text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(say("below-one", value=value))
    return value


def _countries(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _date(text: str) -> date | None:
    # The same forms as ``on=`` in Python: an ISO date, or a date-time (its date).
    try:
        return as_of_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("not-a-date", text=repr(text))) from None


def _shared(parser: argparse.ArgumentParser) -> None:
    """The options every command takes: ``--lang``."""
    parser.add_argument(
        "--lang",
        type=language,
        metavar="LANG",
        default=argparse.SUPPRESS,
        help=help_text("lang", languages=", ".join(available_languages())),
    )


def _pack_options(parser: argparse.ArgumentParser) -> None:
    """``--packs``, ``--replace-packs`` and ``--import``."""
    parser.add_argument(
        "--packs", action="append", default=[], metavar="PATH", help=help_text("packs")
    )
    parser.add_argument("--replace-packs", action="store_true", help=help_text("replace-packs"))
    parser.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="MODULE",
        help=help_text("import"),
    )


def _parser() -> argparse.ArgumentParser:
    """The command line's parser, its help in the language the command speaks."""
    from single_window import __version__

    parser = _Parser(prog="single-window", description=help_text("program"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"single-window {__version__}",
        help=help_text("version"),
    )
    _shared(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def batch(name: str, said: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=said, description=said)
        p.add_argument("paths", nargs="+", metavar="PATH", help=help_text("paths"))
        p.add_argument("--format", choices=FORMATS, default="text", help=help_text("format"))
        p.add_argument("-o", "--output", metavar="FILE", help=help_text("output"))
        p.add_argument("-j", "--jobs", type=_positive, metavar="N", help=help_text("jobs"))
        p.add_argument("--fail-on", choices=_FAIL_ON, default="error", help=help_text("fail-on"))
        p.add_argument("--no-progress", action="store_true", help=help_text("no-progress"))
        p.add_argument("-q", "--quiet", action="store_true", help=help_text("quiet"))
        p.add_argument("--schema", metavar="XSD", help=help_text("schema"))
        _shared(p)
        return p

    check = batch("check", help_text("check"))
    check.add_argument(
        "--countries", type=_countries, metavar="AZ,TR,...", help=help_text("countries")
    )
    check.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help=help_text("on"))
    _pack_options(check)
    batch("validate", help_text("validate"))
    listing = help_text("rules")
    rules = sub.add_parser("rules", help=listing, description=listing)
    rules.add_argument("--country", metavar="XX", help=help_text("country"))
    rules.add_argument(
        "--format", choices=["text", "json"], default="text", help=help_text("rules-format")
    )
    _pack_options(rules)
    _shared(rules)
    describing = help_text("schema-command")
    schema = sub.add_parser("schema", help=describing, description=describing)
    schema.add_argument("document", choices=["report"], help=help_text("schema-document"))
    schema.add_argument("-o", "--output", metavar="FILE", help=help_text("schema-output"))
    _shared(schema)
    add_convert(sub, _shared)
    return parser


def _fail_level(name: str) -> Severity | None:
    """The severity ``--fail-on`` names; None for ``never``."""
    from single_window.findings import Severity

    return None if name == "never" else Severity(name)


def _directory(path: str, target: Target | None = None) -> list[str]:
    """The declaration files below a directory: every ``*.xml`` entry in any letter case.

    Entries that are not regular files (a dangling symbolic link, a FIFO, a socket) are
    listed too, so that each gets a report with a finding instead of being skipped
    silently; so is a subdirectory that cannot be read, whose report says so, while the
    rest of the tree is searched. A top directory that cannot be read is a usage error.
    The ``-o`` target's own entry is left out: a report written inside the folder is
    not a declaration.
    """
    found: list[str] = []

    def unreadable(exc: OSError) -> None:
        if exc.filename is None or os.path.normpath(exc.filename) == os.path.normpath(path):
            raise _UsageError(
                say("unreadable-directory", path=path, reason=exc.strerror or str(exc))
            )
        found.append(os.fspath(exc.filename))

    for root, _dirs, files in os.walk(path, onerror=unreadable):
        names = [name for name in files if name.lower().endswith(".xml")]
        if target is not None and names:
            real = os.path.realpath(root)
            names = [name for name in names if not target.is_entry(real, name)]
        found.extend(os.path.join(root, name) for name in names)
    return sorted(found, key=Path)


def _expand(paths: Sequence[str], target: Target | None = None) -> list[str | None]:
    """Files, directories and ``-`` as the list of sources, in the order given.

    Standard input (``-``) is None here: it is read by :func:`_read_stdin` once the
    output is known not to be one of the inputs.
    """
    sources: list[str | None] = []
    for raw in paths:
        if raw == "-":
            if None in sources:
                raise _UsageError(say("stdin-twice"))
            sources.append(None)
        elif os.path.isdir(raw):
            if not os.access(raw, os.R_OK | os.X_OK):
                raise _UsageError(say("permission-denied", path=raw))
            sources.extend(_directory(raw, target))
        elif os.path.lexists(raw):
            sources.append(raw)  # a FIFO or a dangling link gets a report with a finding
        else:
            raise _UsageError(say("no-such-path", path=raw))
    if not sources:
        paths_given = Listing.of(paths, "comma")
        raise _UsageError(say("no-declarations", paths=paths_given, count=len(paths)))
    return sources


def _read_stdin(sources: list[str | None], stdin: BinaryIO | None) -> list[Source]:
    """The sources with standard input read into a named buffer."""
    from single_window._limits import DEFAULT_LIMITS

    if None not in sources:
        return [s for s in sources if s is not None]
    # one byte over the reader's limit is enough for it to refuse the input
    data = (stdin if stdin is not None else sys.stdin.buffer).read(DEFAULT_LIMITS.max_bytes + 1)
    buffer = io.BytesIO(data)
    buffer.name = STDIN_NAME
    return [buffer if s is None else s for s in sources]


def _other_inputs(args: argparse.Namespace) -> list[str]:
    """The files a batch command reads besides the declarations: schema and packs."""
    found = [args.schema] if args.schema else []
    for entry in getattr(args, "packs", ()):
        if os.path.isdir(entry):
            found.extend(str(p) for p in sorted(Path(entry).glob("*.toml")))
        else:
            found.append(entry)
    return found


def _refuse_an_input(target: str, sources: Sequence[str | None], others: Sequence[str]) -> None:
    """A usage error when the output file is one of the files the command reads."""
    same = same_as_input(target, [s for s in (*sources, *others) if s is not None])
    if same is not None:
        if same == target:
            raise _UsageError(say("output-is-input", target=target))
        raise _UsageError(say("output-is-input-as", target=target, same=same))


def _import_modules(names: Sequence[str]) -> None:
    """Import the modules given with ``--import`` (they register predicates)."""
    if not names:
        return
    here = os.getcwd()
    if here not in sys.path:
        sys.path.insert(0, here)
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            raise _UsageError(say("cannot-import", module=name, error=repr(exc))) from None


def _ruleset(
    packs: Sequence[str], imports: Sequence[str] = (), *, replace: bool = False
) -> RuleSet | None:
    from single_window.rules import RuleSet

    _import_modules(imports)
    return RuleSet.from_paths(packs, replace=replace) if packs else None


def _rules_command(args: argparse.Namespace, stdout: TextIO) -> int:
    from single_window.rules import RuleSet, list_rules

    ruleset = _ruleset(args.packs, args.imports, replace=args.replace_packs) or RuleSet.bundled()
    if args.country is not None:
        known = {key.upper() for key in ruleset.packs}
        if args.country.upper() not in known:
            packs = Listing.of(sorted(ruleset.packs), "comma")
            raise ConfigurationError(say("no-pack", country=repr(args.country), packs=packs))
    infos = list_rules(args.country, rules=ruleset, lang=spoken())
    with open_output(None, stdout) as out:
        if args.format == "json":
            out.write(json_text([i.to_dict() for i in infos], indent=2))
            out.write("\n")
            return EXIT_OK
        columns = ("id", "country", "agency", "severity", "scope", "title")
        heads = [say(f"column-{c}") for c in columns]
        rows = [[display_name(_cell(i, c)) for c in columns] for i in infos]
        widths = [max([len(h), *(len(r[n]) for r in rows)]) for n, h in enumerate(heads)]
        for row in [heads, *rows]:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
            out.write("\n")
    return EXIT_OK


def _cell(info: RuleInfo, column: str) -> str:
    """A column of the ``rules`` table: codes as they are, words in the language spoken."""
    from single_window.findings import SEVERITY_WORDS
    from single_window.rules._packfile import AGENCY_WORDS, SCOPE_WORDS

    value = str(getattr(info, column) or "-")
    words = {"agency": AGENCY_WORDS, "severity": SEVERITY_WORDS, "scope": SCOPE_WORDS}
    table = words.get(column)
    if table is not None and value in table.keys:
        return table.text(value, spoken())
    return value


def _schema_command(args: argparse.Namespace, stdout: TextIO) -> int:
    from single_window.reporters import schema_text

    with open_output(args.output, stdout) as out:
        out.write(schema_text())
    return EXIT_OK


def _batch_command(
    args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None
) -> int:
    from single_window._batch import check_many, validate_many
    from single_window.findings import Severity
    from single_window.reporters import REPORTER_BY_NAME, BatchSummary, failed
    from single_window.reporters._console import progress, write_summary
    from single_window.reporters._labels import speaking
    from single_window.rules import list_rules

    target = Target.of(args.output) if args.output else None
    found = _expand(args.paths, target)
    if args.output:
        _refuse_an_input(args.output, found, _other_inputs(args))
    fail_on = _fail_level(args.fail_on)
    ruleset = None
    registry: list[RuleInfo] = []
    lang = spoken()
    if args.command == "check":
        ruleset = _ruleset(args.packs, args.imports, replace=args.replace_packs)
        registry = list_rules(rules=ruleset)
        _known_countries(args.countries, ruleset)
    summary = BatchSummary()
    any_failed = False
    with ExitStack() as stack:
        out = stack.enter_context(open_output(args.output, stdout))
        sources = _read_stdin(found, stdin)
        if args.command == "check":
            reports = check_many(
                sources,
                countries=args.countries,
                on=args.on,
                jobs=args.jobs,
                schema=args.schema,
                rules=ruleset,
                lang=lang,
            )
        else:
            reports = validate_many(sources, jobs=args.jobs, schema=args.schema, lang=lang)
        stack.callback(_close, reports)
        show_bar = (
            not args.no_progress
            and len(sources) >= PROGRESS_MIN
            and _isatty(stderr)
            and (bool(args.output) or not _isatty(stdout))
        )
        context = _context(args, sources, registry, fail_on)
        context.lang, context.ruleset = lang, ruleset
        reporter = REPORTER_BY_NAME[args.format](out, context)
        reporter.start()
        with speaking(lang), progress(stderr, len(sources), show_bar) as advance:
            for report in reports:
                reporter.add(report)
                summary.add(report)
                any_failed = any_failed or failed(report, fail_on or Severity.ERROR)
                advance()
        reporter.finish()
    if not args.quiet:
        with speaking(lang):
            write_summary(summary, stderr, use_rich=True)
    return EXIT_FAILED if any_failed and fail_on is not None else EXIT_OK


def _convert_command(
    args: argparse.Namespace, stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None
) -> int:
    """``convert``: the inputs as the other commands find them (a folder's ``*.xml``,
    ``-`` for standard input), the ``-o`` target left out of them."""
    from single_window._convertcli import convert_command
    from single_window._limits import DEFAULT_LIMITS

    target = Target.of(args.output) if args.output else None
    found = _expand(args.paths, target)

    def read_stdin() -> bytes:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read(DEFAULT_LIMITS.max_bytes + 1)

    return convert_command(args, found, (stdout, stderr), read_stdin)


def _known_countries(countries: Sequence[str] | None, ruleset: RuleSet | None) -> None:
    """A usage error for a ``--countries`` code no pack has, said in the command's
    language (the library would raise the same, in English)."""
    from single_window.rules import RuleSet

    rules = ruleset or RuleSet.bundled()
    for code in countries or ():
        upper = code.upper()
        if upper not in rules.packs or upper == "BASELINE":
            packs = Listing.of(rules.countries, "comma")
            raise _UsageError(say("no-pack", country=repr(code), packs=packs))


def _context(
    args: argparse.Namespace,
    sources: Sequence[Source],
    registry: Sequence[RuleInfo],
    fail_on: Severity | None,
) -> ReportContext:
    """What the reporters are told besides the reports: the run, its rules and sources."""
    from single_window import __version__
    from single_window.reporters import ReportContext, read_source

    stdin_data = next((s.getvalue() for s in sources if isinstance(s, io.BytesIO)), None)
    # Reports name files by their display name; excerpts are read from the real path.
    escaped = {display_name(s): s for s in sources if isinstance(s, str) and display_name(s) != s}

    def read(source: str) -> bytes | None:
        return stdin_data if source == STDIN_NAME else read_source(escaped.get(source, source))

    return ReportContext(
        command=args.command,
        rules=registry,
        fail_on=fail_on,
        tool_version=__version__,
        read=read,
    )


def _close(iterator: Iterator[Any]) -> None:
    close = getattr(iterator, "close", None)
    if close is not None:
        close()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def run(
    argv: Sequence[str], stdout: TextIO, stderr: TextIO, *, stdin: BinaryIO | None = None
) -> int:
    """Run the command line with the given arguments and streams.

    Args:
        argv: The arguments, without the program name.
        stdout: Where reports go (unless ``-o``), and help text.
        stderr: Where the summary, the progress bar and error lines go.
        stdin: Where ``-`` reads from (default: the process's standard input).

    Returns:
        The exit status: 0 all passed, 1 a declaration failed at the ``--fail-on``
        level, 2 a usage or configuration error.
    """
    stdout = guard(stdout)
    with speaking(_language(argv)):
        return _run(argv, stdout, stderr, stdin)


def _language(argv: Sequence[str]) -> str:
    """The language the command speaks: ``--lang`` when it names one the library has,
    else the user's locale where the library has it, else English."""
    asked = lang_argument(argv)
    return (language_tag(asked) if asked else None) or environment_language()


def _run(argv: Sequence[str], stdout: TextIO, stderr: TextIO, stdin: BinaryIO | None) -> int:
    token = _help_out.set(stdout)
    try:
        with argparse_in(spoken()):
            args = _parser().parse_args(list(argv))
            if args.command == "rules":
                return _rules_command(args, stdout)
            if args.command == "schema":
                return _schema_command(args, stdout)
            if args.command == "convert":
                return _convert_command(args, stdout, stderr, stdin)
            return _batch_command(args, stdout, stderr, stdin)
    except _Exit as exc:
        return exc.status
    except (_UsageError, ConfigurationError, OutputError, ConvertUsageError) as exc:
        message = display_name(" ".join(str(exc).split()))
        stderr.write(say("error", message=message) + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        stderr.write(say("interrupted") + "\n")
        return EXIT_USAGE
    finally:
        _help_out.reset(token)


def main() -> None:
    """Entry point of the ``single-window`` command."""
    argv = sys.argv[1:]
    status = run(argv, sys.stdout, sys.stderr)
    try:
        sys.stdout.flush()
    except OSError as exc:
        # The reader went away (``| head``) or the disk is full: Python would report it
        # again with a traceback when it flushes at exit, so the rest is dropped here.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        if status != EXIT_USAGE:  # not said yet
            with speaking(_language(argv)):
                said = say("error", message=str(write_error(STDOUT_NAME, exc)))
            sys.stderr.write(said + "\n")
        status = EXIT_USAGE
    sys.exit(status)
