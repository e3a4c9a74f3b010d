"""The ``single-window convert`` command: write declarations in another format.

::

    single-window convert FILE... --to ncts|wco [-o OUT] [--phase 5|6] [--lang LANG]

One FILE: the converted document goes to ``-o OUT`` (a file, or a folder that exists),
else to standard output. Several FILEs (a folder stands for its ``*.xml`` files): ``-o``
names a folder (made when missing), and each input is written there as
``<name>.<format>.xml``. Every output is written as reports are
(:func:`single_window._output.open_output`: atomically, a device in place), and an
output that is one of the inputs is refused before anything is read or written.

What a conversion lost and what it filled from defaults is said on standard error, one
line each, naming the input. Exit status: 0 every input written, nothing lost; 1 every
convertible input written but a value lost, or an input that cannot be converted (its
reason on one line; the others are still written); 2 a usage or I/O error.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from single_window._clitext import say
from single_window._display import display_name
from single_window._i18n import N_, NP_, define

__all__ = ["add_convert", "convert_command"]

_TEXTS = define(
    "cli.convert",
    {
        "help": N_(
            "Convert declarations to another format: an NCTS CC015C to a WCO DEC-DMS "
            "declaration, or a WCO transit declaration to a CC015C."
        ),
        "files": N_("declaration files, or folders (searched for *.xml)"),
        "to": N_("the format to write"),
        "output": N_(
            "write here: a file (or a folder) for one input, a folder for several "
            "(default for one input: standard output)"
        ),
        "phase": N_("the NCTS phase to write (default: 5)"),
        "several-need-folder": NP_(
            "{count} input: -o must name a folder to write it in (it is made when missing)",
            "{count} inputs: -o must name a folder to write them in (it is made when missing)",
        ),
        "not-a-folder": N_("-o {target}: is not a folder; several inputs are written in one"),
        "same-name": N_("{first} and {second} would both be written as {target}"),
        "cannot-convert": N_("{source}: cannot convert: {reason}"),
        "lost": N_("{source}: lost {path} = {value}"),
        "default": N_("{source}: default {path} = {value} ({reason})"),
        "phase-for-ncts": N_("--phase is for --to ncts"),
    },
)


class ConvertUsageError(Exception):
    """A usage error of the convert command (exit status 2)."""


def add_convert(sub: Any, shared: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the ``convert`` command to the command line's subcommands."""
    said = _TEXTS.text("help", _lang())
    p = sub.add_parser("convert", help=said, description=said)
    p.add_argument("paths", nargs="+", metavar="FILE", help=_TEXTS.text("files", _lang()))
    p.add_argument("--to", choices=["ncts", "wco"], required=True, help=_TEXTS.text("to", _lang()))
    p.add_argument("-o", "--output", metavar="OUT", help=_TEXTS.text("output", _lang()))
    p.add_argument("--phase", choices=["5", "6"], help=_TEXTS.text("phase", _lang()))
    shared(p)


def _lang() -> str:
    from single_window._clitext import spoken

    return spoken()


def _say(key: str, **params: object) -> str:
    return _TEXTS.text(key, _lang(), **params)


#: How standard input is named.
STDIN_NAME = "<stdin>"


def _targets(inputs: Sequence[str | None], output: str | None, to: str) -> list[str | None]:
    """Where each input is written (None: standard output)."""
    if len(inputs) == 1 and (output is None or not os.path.isdir(output)):
        return [output]
    if output is None:
        raise ConvertUsageError(_say("several-need-folder", count=len(inputs)))
    if os.path.lexists(output) and not os.path.isdir(output):
        raise ConvertUsageError(_say("not-a-folder", target=output))
    out: list[str | None] = []
    seen: dict[str, str] = {}
    for source in inputs:
        stem = "stdin" if source is None else os.path.splitext(os.path.basename(source))[0]
        target = os.path.join(output, f"{stem}.{to}.xml")
        if target in seen:
            first, second = seen[target], source or STDIN_NAME
            raise ConvertUsageError(_say("same-name", first=first, second=second, target=target))
        seen[target] = source or STDIN_NAME
        out.append(target)
    return out


def _refuse_inputs(targets: Sequence[str | None], inputs: Sequence[str | None]) -> None:
    from single_window._output import same_as_input

    files = [s for s in inputs if s is not None]
    for target in targets:
        if target is None:
            continue
        same = same_as_input(target, files)
        if same is not None:
            if same == target:
                raise ConvertUsageError(say("output-is-input", target=target))
            raise ConvertUsageError(say("output-is-input-as", target=target, same=same))


def _convert_one(
    source: str | None, args: argparse.Namespace, stderr: TextIO, stdin: bytes | None
) -> bytes | None:
    """The converted document of one input (None: it cannot be converted, said why);
    its losses and defaults said on ``stderr``.

    Raises:
        ConvertUsageError: when the input cannot be read (an I/O error, exit status 2).
    """
    import single_window as sw
    from single_window import codes

    name = STDIN_NAME if source is None else display_name(source)
    try:
        decl = sw.parse(source if source is not None else stdin or b"")
        done = sw.convert(decl, args.to, version=args.phase)
    except sw.DeclarationError as exc:
        if any(f.rule == codes.XML_IO for f in exc.findings):
            raise ConvertUsageError(display_name(" ".join(str(exc).split()))) from None
        reason = display_name(" ".join(str(exc).split()))
        stderr.write(_say("cannot-convert", source=name, reason=reason) + "\n")
        return None
    except sw.SingleWindowError as exc:
        said = exc.text(_lang()) if isinstance(exc, sw.ConversionError) else str(exc)
        reason = display_name(" ".join(said.split()))
        stderr.write(_say("cannot-convert", source=name, reason=reason) + "\n")
        return None
    for loss in done.losses:
        line = _say("lost", source=name, path=loss.path, value=display_name(loss.value))
        stderr.write(line + "\n")
    for default in done.defaults:
        reason = default.reason.render(_lang())
        line = _say("default", source=name, path=default.path, value=default.value, reason=reason)
        stderr.write(line + "\n")
    args.lost = getattr(args, "lost", False) or bool(done.losses)
    return done.xml


def convert_command(
    args: argparse.Namespace,
    inputs: Sequence[str | None],
    streams: tuple[TextIO, TextIO],
    read_stdin: Callable[[], bytes],
) -> int:
    """Run ``convert`` on the inputs (None: standard input): 0 all written, 1 losses or an
    input not converted; a usage or I/O error raises (exit status 2)."""
    from single_window._output import open_output

    stdout, stderr = streams
    if args.phase is not None and args.to != "ncts":
        raise ConvertUsageError(_say("phase-for-ncts"))
    targets = _targets(inputs, args.output, args.to)
    _refuse_inputs(targets, inputs)
    if len(inputs) > 1 and args.output is not None:
        os.makedirs(args.output, exist_ok=True)
    data = read_stdin() if None in inputs else None
    failed = False
    for source, target in zip(inputs, targets, strict=True):
        xml = _convert_one(source, args, stderr, data)
        if xml is None:
            failed = True
            continue
        with open_output(target, stdout) as out:
            out.write(xml.decode("utf-8"))
    return 1 if failed or getattr(args, "lost", False) else 0
