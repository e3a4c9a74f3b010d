#!/usr/bin/env python3
"""Download the test corpus: UK CDS declarations and schemas, checked file by file.

The tests read 308 real WCO Data Model declarations that HM Revenue & Customs publishes
for traders, with the national schemas they validate against and five files broken as
published. They come from the public repository hmrc/customs-declarations (Apache
License 2.0) at a pinned commit, folder ``public/api/conf/3.0``. This script downloads
GitHub's archive of that commit, takes the files the tests need, checks each against the
SHA-256 manifest ``hmrc-cds.sha256`` beside this script (whose own checksum is pinned
below, since GitHub's archives are not guaranteed to be byte-stable while the files in
them are), and lays them out as the tests expect::

    <dest>/hmrc-cds/LICENSE
    <dest>/hmrc-cds/declarations/<case>/<file>.xml   (examples/annotated_XML_samples/)
    <dest>/hmrc-cds/schemas/...                      (schemas/wco/declaration/)
    <dest>/hmrc-cds/schemas/all.xsd                  (written here: imports both roots)
    <dest>/hmrc-cds/malformed/<file>.xml             (five files broken as published)

Nothing is installed unless every file is there and matches: a changed or missing file
stops the script with exit status 1 and names it. Uses the standard library only.

Usage::

    python scripts/fetch_corpus.py                 # $SINGLE_WINDOW_CORPUS or ../shared/corpus
    python scripts/fetch_corpus.py --dest DIR      # into DIR/hmrc-cds
    python scripts/fetch_corpus.py --archive FILE  # from an archive already downloaded

Then point the tests at it (not needed for the default place)::

    SINGLE_WINDOW_CORPUS=DIR python -m pytest
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
import zlib
from pathlib import Path, PurePosixPath

REPOSITORY = "hmrc/customs-declarations"
COMMIT = "3d05836938860de81b209559afe8d793725b9462"
ARCHIVE_URL = f"https://github.com/{REPOSITORY}/archive/{COMMIT}.tar.gz"
#: The folder the tests look in, below the corpus folder.
NAME = "hmrc-cds"
#: The manifest: ``<sha256>  <path below hmrc-cds/>`` per file (``sha256sum -c`` reads it).
MANIFEST = Path(__file__).with_name("hmrc-cds.sha256")
MANIFEST_SHA256 = "c49c8197477f546f35b3c6c51ff1aa1b559f0535588fbba01fb953ccca0083c0"
#: Largest archive accepted (GitHub's archive of the commit is about 5 MB).
MAX_ARCHIVE = 64 * 1024 * 1024

_BASE = "public/api/conf/3.0"
#: Where each folder of the layout comes from in the repository.
_FOLDERS = {
    "declarations/": f"{_BASE}/examples/annotated_XML_samples/",
    "schemas/": f"{_BASE}/schemas/wco/declaration/",
}
#: The malformed files, each from its own place.
_MALFORMED = {
    "malformed/Step1_TT_IM222a.xml": f"{_BASE}/examples/annotated_XML_samples/TT_IM222a/"
    "Step1_TT_IM222a.xml",
    "malformed/TT_EX002a.xml": f"{_BASE}/examples/annotated_XML_samples/TT_EX002a/TT_EX002a.xml",
    "malformed/TT_EX022a_Declaration1_(Step1).xml": f"{_BASE}/examples/annotated_XML_samples/"
    "TT_EX022a/TT_EX022a_Declaration1_(Step1).xml",
    "malformed/TT_IM084a.xml": f"{_BASE}/examples/annotated_XML_samples/TT_IM084a/TT_IM084a.xml",
    "malformed/example_submission_declaration_400.xml": f"{_BASE}/examples/"
    "example_submission_declaration_400.xml",
}
#: Written here, not taken from the archive: one schema that validates a whole document.
ALL_XSD = b"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:local:all" \
elementFormDefault="qualified">
  <xs:import namespace="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" \
schemaLocation="DocumentMetaData_2_DMS.xsd"/>
  <xs:import namespace="urn:wco:datamodel:WCO:DEC-DMS:2" schemaLocation="WCO_DEC_2_DMS.xsd"/>
</xs:schema>
"""
_WRITTEN = {"schemas/all.xsd": ALL_XSD}


class CorpusError(Exception):
    """The archive or the manifest is not what was pinned: nothing is installed."""


def archive_path(local: str) -> str:
    """Where a file of the layout is in the repository (relative to its root)."""
    if local in _MALFORMED:
        return _MALFORMED[local]
    for prefix, source in _FOLDERS.items():
        if local.startswith(prefix):
            return source + local[len(prefix) :]
    return local  # LICENSE, at the root


def load_manifest(path: Path = MANIFEST) -> dict[str, str]:
    """The manifest as ``{path below hmrc-cds/: sha256}``, after checking its own checksum."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != MANIFEST_SHA256:
        raise CorpusError(
            f"{path} has checksum {digest}, not the pinned {MANIFEST_SHA256}; "
            "restore it from the repository"
        )
    manifest: dict[str, str] = {}
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        sha, local = line.split("  ", 1)
        parts = PurePosixPath(local).parts
        if local.startswith("/") or ".." in parts or not parts:
            raise CorpusError(f"the manifest names an unsafe path: {local!r}")
        manifest[local] = sha
    return manifest


def download(url: str, target: Path) -> None:
    """Stream ``url`` into ``target``, refusing more than :data:`MAX_ARCHIVE` bytes."""
    print(f"downloading {url}", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:
        total = 0
        while chunk := response.read(1 << 16):
            total += len(chunk)
            if total > MAX_ARCHIVE:
                raise CorpusError(f"{url} is larger than {MAX_ARCHIVE} bytes; refused")
            out.write(chunk)


def extract(archive: Path, manifest: dict[str, str], staging: Path) -> None:
    """Write every manifest file from the archive into ``staging``, each checked.

    Only regular-file members whose path (below the archive's top folder) is wanted are
    read, and they are written at the manifest's own paths, so no member can write
    outside ``staging``. Raises CorpusError naming every file that is missing or differs.
    """
    wanted = {archive_path(local): local for local in manifest if local not in _WRITTEN}
    found: set[str] = set()
    problems: list[str] = []
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                parts = PurePosixPath(member.name).parts
                inner = "/".join(parts[1:])  # below the top folder, <repo>-<commit>/
                local = wanted.get(inner)
                if local is None:
                    continue
                if not member.isfile():
                    problems.append(f"{local}: not a regular file in the archive")
                    continue
                stream = tar.extractfile(member)
                data = stream.read() if stream is not None else b""
                digest = hashlib.sha256(data).hexdigest()
                if digest != manifest[local]:
                    problems.append(f"{local}: checksum {digest}, expected {manifest[local]}")
                    continue
                target = staging / local
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                found.add(local)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise CorpusError(f"{archive} is not a readable tar archive: {exc}") from None
    missing = sorted(set(wanted.values()) - found)
    problems += [f"{local}: missing from the archive" for local in missing]
    for local, data in _WRITTEN.items():
        if local in manifest:
            if hashlib.sha256(data).hexdigest() != manifest[local]:
                problems.append(f"{local}: the script's copy does not match the manifest")
            target = staging / local
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    if problems:
        raise CorpusError(
            f"{len(problems)} file(s) are missing or differ from the pinned corpus:\n  "
            + "\n  ".join(problems)
        )


def verify(folder: Path, manifest: dict[str, str]) -> list[str]:
    """The manifest files that are missing from, or differ in, an installed corpus."""
    bad = []
    for local, sha in manifest.items():
        path = folder / local
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            bad.append(local)
    return bad


def default_dest() -> Path:
    """``$SINGLE_WINDOW_CORPUS``, else ``shared/corpus`` beside the repository."""
    env = os.environ.get("SINGLE_WINDOW_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


def install(archive: Path, dest: Path, *, force: bool = False) -> Path:
    """Check the archive's files and install them as ``dest/hmrc-cds``; return that path."""
    manifest = load_manifest()
    final = dest / NAME
    if final.exists() and not force:
        bad = verify(final, manifest)
        if not bad:
            return final
        raise CorpusError(
            f"{final} exists but {len(bad)} file(s) differ from the pinned corpus "
            f"(first: {bad[0]}); run again with --force to replace it"
        )
    dest.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{NAME}-", dir=dest))
    try:
        extract(archive, manifest, staging)
        (staging / "SOURCE.txt").write_text(
            f"https://github.com/{REPOSITORY} at commit {COMMIT}, folder {_BASE} "
            "(Apache License 2.0, see LICENSE); laid out and checked by "
            "scripts/fetch_corpus.py of single_window.\n",
            encoding="utf-8",
        )
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return final


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="folder to put hmrc-cds/ in (default: $SINGLE_WINDOW_CORPUS, else "
        "shared/corpus beside the repository)",
    )
    parser.add_argument(
        "--archive", type=Path, help="use this .tar.gz of the commit instead of downloading"
    )
    parser.add_argument("--force", action="store_true", help="replace a corpus that differs")
    args = parser.parse_args(argv)
    dest = args.dest if args.dest is not None else default_dest()
    try:
        if args.archive is not None:
            final = install(args.archive, dest, force=args.force)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                archive = Path(tmp) / f"{COMMIT}.tar.gz"
                download(ARCHIVE_URL, archive)
                final = install(archive, dest, force=args.force)
    except CorpusError as exc:
        print(f"fetch_corpus: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"fetch_corpus: error: {exc}", file=sys.stderr)
        return 1
    print(f"corpus ready: {final}")
    if dest.resolve() != default_dest().resolve():
        print(f"run the tests with: SINGLE_WINDOW_CORPUS={dest} python -m pytest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
