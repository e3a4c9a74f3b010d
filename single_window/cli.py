"""The ``single-window`` command line.

``main()`` parses ``sys.argv`` and exits; :func:`run` does the work against given
streams and returns the exit status (0 all accepted, 1 a declaration failed at the
``--fail-on`` level, 2 a usage error), so tests can drive it directly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from single_window._api import validate
from single_window.errors import ConfigurationError
from single_window.findings import Finding

__all__ = ["main", "run"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="single-window", description=__doc__.splitlines()[0] if __doc__ else "")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="read + XSD + normalize only")
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.add_argument("--schema", help="validate against this XSD instead of the bundled profile")
    v.add_argument("--fail-on", choices=["error", "warning", "never"], default="error")
    return parser


def _expand(paths: Sequence[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".xml"
            )
        elif path.exists():
            yield path
        else:
            raise _UsageError(f"{raw}: no such file or directory")


def _line(source: str, f: Finding) -> str:
    where = f"{source}:{f.line or 0}:{f.column or 0}"
    country = f" [{f.country}]" if f.country else ""
    return f"{where}: {f.rule}{country} {f.severity.value}: {f.message}"


def run(argv: Sequence[str], stdout: TextIO, stderr: TextIO) -> int:
    """Run the command line with the given arguments; return the exit status."""
    try:
        args = _parser().parse_args(list(argv))
        files = list(_expand(args.paths))
        threshold = {"error": 2, "warning": 1, "never": 99}[args.fail_on]
        failed = False
        for file in files:
            result = validate(file, schema=args.schema)
            for f in result.findings:
                stdout.write(_line(str(file), f) + "\n")
            if any(f.severity.rank >= threshold for f in result.findings):
                failed = True
        errors = sum(1 for _ in files)
        stderr.write(f"{errors} declaration(s) read\n")
        return 1 if failed else 0
    except _UsageError as exc:
        stderr.write(f"single-window: error: {exc}\n")
        return 2
    except ConfigurationError as exc:
        stderr.write(f"single-window: error: {exc}\n")
        return 2


def main() -> None:
    """Entry point of the ``single-window`` command."""
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))


