#!/usr/bin/env python3
"""Copy the NCTS schemas the library validates with into ``xsd/ncts/``, checked file by file.

The DG TAXUD schemas of the NCTS messages CC015C (declaration) and CC013C (amendment),
with every file they include, for two phases:

- ``xsd/ncts/p5/``: Phase 5, XSD version 51.8.6;
- ``xsd/ncts/p6/``: Phase 6, XSD version 60.4.16;

taken from the shared corpus folder ``corpus/ncts-p5`` (``xsd/`` and ``xsd-p6/``), which
holds them as HM Revenue & Customs publishes them in its public repository
``hmrc/transit-movements-validator`` under the Apache License 2.0 (copied to
``xsd/ncts/LICENSE``). ``xsd/ncts/PROVENANCE.toml`` records, per phase, the repository,
commit, folder, schema version and the SHA-256 of every file; the copy is refused when a
file's checksum differs from the record, so the bundle changes only on purpose
(``--record``).

Usage::

    python scripts/bundle_ncts_xsd.py            # copy from ../shared, check against the record
    python scripts/bundle_ncts_xsd.py --check    # only check the bundled files against the record
    python scripts/bundle_ncts_xsd.py --record   # copy and write a new record (a new version)

Uses the standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "xsd" / "ncts"
PROVENANCE = BUNDLE / "PROVENANCE.toml"
#: The shared corpus folder (``SINGLE_WINDOW_CORPUS`` or ``../shared/corpus``).
CORPUS = Path(os.environ.get("SINGLE_WINDOW_CORPUS") or REPO.parent / "shared" / "corpus")
SOURCE = CORPUS / "ncts-p5"

#: The message schemas the library reads; everything they include comes with them.
ENTRIES = ("cc015c.xsd", "cc013c.xsd")


@dataclass(frozen=True)
class Phase:
    """Where one phase's schemas come from."""

    name: str
    folder: str
    repository: str
    commit: str
    path: str


PHASES = (
    Phase(
        "p5",
        "xsd",
        "hmrc/transit-movements-validator",
        "68a8209b8e2265a6e4d08df09849b3b5aa59f3a1",
        "conf/v2_1/xsd/",
    ),
    Phase(
        "p6",
        "xsd-p6",
        "hmrc/transit-movements-validator",
        "ba2bb5b0a8e7f18943fe5ef9663cea7c3ddc3711",
        "conf/v3_0/xsd/",
    ),
)

_LOCATION = re.compile(
    r"<xs:(?:include|import|redefine)\b[^>]*?\bschemaLocation\s*=\s*[\"']([^\"']+)[\"']"
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_VERSION = re.compile(r"<xs:schema\b[^>]*?\bversion\s*=\s*[\"']([^\"']+)[\"']")


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def closure(folder: Path, entries: tuple[str, ...] = ENTRIES) -> list[str]:
    """The entry files and every file they include or import, transitively (sorted,
    relative to ``folder``).

    Raises:
        SystemExit: when a referenced file is missing or lies outside the folder.
    """
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        file = (folder / name).resolve()
        if not file.is_relative_to(folder.resolve()) or not file.is_file():
            raise SystemExit(f"{folder}: {name} is missing or outside the schema folder")
        seen.add(name)
        text = _COMMENT.sub("", file.read_text("utf-8"))
        base = Path(name).parent
        for location in _LOCATION.findall(text):
            todo.append((base / location).as_posix())
    return sorted(seen)


def version(folder: Path) -> str:
    """The schema version the first entry file declares."""
    found = _VERSION.search((folder / ENTRIES[0]).read_text("utf-8"))
    if found is None:
        raise SystemExit(f"{folder / ENTRIES[0]} declares no version")
    return found.group(1)


def read_record() -> dict[str, dict[str, object]]:
    """The recorded provenance, by phase (empty when there is no record yet)."""
    if not PROVENANCE.is_file():
        return {}
    with PROVENANCE.open("rb") as fh:
        data = tomllib.load(fh)
    phases: dict[str, dict[str, object]] = data.get("phase", {})
    return phases


def record_licence() -> str | None:
    """The recorded checksum of the licence file."""
    if not PROVENANCE.is_file():
        return None
    with PROVENANCE.open("rb") as fh:
        found = tomllib.load(fh).get("licence_sha256")
    return found if isinstance(found, str) else None


def write_record(sums: dict[str, dict[str, str]]) -> None:
    """Write ``PROVENANCE.toml`` for the files just copied."""
    lines = [
        "# Where the bundled NCTS schemas come from. Written by scripts/bundle_ncts_xsd.py;",
        "# the script refuses a copy whose checksums differ from this record.",
        "#",
        "# The schemas are DG TAXUD's NCTS XML schemas as HM Revenue & Customs publishes them",
        "# in the public repository below, under the Apache License 2.0 (LICENSE beside this",
        "# file, copyright HM Revenue & Customs). Only the files that the CC015C and CC013C",
        "# schemas need are bundled; none is modified.",
        "",
        'licence = "Apache-2.0"',
        f"entries = {json.dumps(list(ENTRIES))}",
        f'licence_sha256 = "{sha256(BUNDLE / "LICENSE")}"',
    ]
    for phase in PHASES:
        lines += [
            "",
            f"[phase.{phase.name}]",
            f'repository = "{phase.repository}"',
            f'commit = "{phase.commit}"',
            f'path = "{phase.path}"',
            f'version = "{version(BUNDLE / phase.name)}"',
            "",
            f"[phase.{phase.name}.sha256]",
            *(f'"{name}" = "{digest}"' for name, digest in sorted(sums[phase.name].items())),
        ]
    PROVENANCE.write_text("\n".join(lines) + "\n", "utf-8")


def check(record: dict[str, dict[str, object]]) -> list[str]:
    """Differences between the bundled files and the record (empty: all match)."""
    problems: list[str] = []
    for phase in PHASES:
        entry = record.get(phase.name)
        if entry is None:
            problems.append(f"{phase.name}: not in {PROVENANCE.name}")
            continue
        recorded = entry.get("sha256", {})
        assert isinstance(recorded, dict)
        folder = BUNDLE / phase.name
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*.xsd") if p.is_file()}
        for name in sorted(present - set(recorded)):
            problems.append(f"{phase.name}/{name}: bundled but not recorded")
        for name, digest in sorted(recorded.items()):
            file = folder / name
            if not file.is_file():
                problems.append(f"{phase.name}/{name}: recorded but missing")
            elif sha256(file) != digest:
                problems.append(f"{phase.name}/{name}: checksum differs from the record")
        if folder.is_dir() and set(closure(folder)) != set(recorded):
            problems.append(f"{phase.name}: the files the entries include are not the record's")
    licence = BUNDLE / "LICENSE"
    if not licence.is_file():
        problems.append("LICENSE is missing")
    elif sha256(licence) != record_licence():
        problems.append("LICENSE: checksum differs from the record")
    return problems


def copy(record_new: bool) -> int:
    """Copy both phases from the corpus; check against (or write) the record."""
    if not SOURCE.is_dir():
        print(f"corpus not found at {SOURCE} (set SINGLE_WINDOW_CORPUS)", file=sys.stderr)
        return 2
    record = read_record()
    sums: dict[str, dict[str, str]] = {}
    for phase in PHASES:
        source = SOURCE / phase.folder
        names = closure(source)
        sums[phase.name] = {name: sha256(source / name) for name in names}
        if not record_new:
            recorded = record.get(phase.name, {}).get("sha256", {})
            if recorded != sums[phase.name]:
                print(
                    f"{phase.name}: the corpus files differ from {PROVENANCE.name}; "
                    "run with --record to bundle a new version",
                    file=sys.stderr,
                )
                return 1
        target = BUNDLE / phase.name
        if target.exists():
            shutil.rmtree(target)
        for name in names:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)
    shutil.copyfile(SOURCE / "LICENSE", BUNDLE / "LICENSE")
    if record_new:
        write_record(sums)
    problems = check(read_record())
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        total = sum(len(s) for s in sums.values())
        print(f"{total} schema files in {BUNDLE.relative_to(REPO)} match {PROVENANCE.name}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="only check the bundled files")
    group.add_argument("--record", action="store_true", help="copy and record new checksums")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(read_record())
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    return copy(args.record)


if __name__ == "__main__":
    raise SystemExit(main())
