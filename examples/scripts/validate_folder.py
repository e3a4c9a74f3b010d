"""Check every declaration in a folder and print one line per declaration.

Usage: python examples/scripts/validate_folder.py [FOLDER] [--countries AZ,TR]

Exit status 0 when every declaration is accepted, 1 otherwise. The same job from the
shell is ``single-window check FOLDER``; this script shows the Python calls.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import single_window as sw


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="examples", type=Path)
    parser.add_argument("--countries", help="comma-separated packs to run (default: derived)")
    args = parser.parse_args(argv)
    countries = args.countries.split(",") if args.countries else None
    paths = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() == ".xml")
    rejected = 0
    # check_many yields one report per path, in order, using a process pool; jobs=1 keeps
    # everything in this process, which is quicker for a handful of files.
    for report in sw.check_many(paths, countries=countries, jobs=1):
        verdicts = " ".join(f"{c}:{v.verdict.value}" for c, v in report.countries.items())
        print(f"{report.verdict.value:6} {report.source}  {verdicts}")
        for finding in report.errors:
            print(f"       {finding.line}: {finding.rule} [{finding.country}] {finding.message}")
        rejected += report.verdict is sw.Verdict.REJECT
    print(f"{len(paths)} declarations, {rejected} rejected")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
