"""scripts/fetch_corpus.py, offline: an archive laid out like GitHub's is built here from the
corpus, and the script must install exactly the corpus from it, or refuse a tampered one."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest
from conftest import CORPUS, REPO, require_corpus

SCRIPT = REPO / "scripts" / "fetch_corpus.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fetch_corpus", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fetch = _script()
TOP = f"customs-declarations-{fetch.COMMIT}"


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(f"{TOP}/{name}")
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def build_archive(
    target: Path,
    *,
    change: dict[str, bytes] | None = None,
    leave_out: tuple[str, ...] = (),
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A .tar.gz in the repository's layout, made from the corpus files of the manifest."""
    change = change or {}
    with tarfile.open(target, "w:gz") as tar:
        for local in fetch.load_manifest():
            if local in fetch._WRITTEN or local in leave_out:
                continue
            data = change.get(local, (CORPUS / local).read_bytes())
            _add(tar, fetch.archive_path(local), data)
        for name, data in (extra or {}).items():
            _add(tar, name, data)
    return target


def run_script(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "SINGLE_WINDOW_CORPUS"},
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_corpus()
    folder = tmp_path_factory.mktemp("archive")
    noise = {
        "README.md": b"upstream readme",
        "public/api/conf/3.0/examples/annotated_XML_samples/TT_EX010a/x.txt": b"notes",
        "../../escape.xml": b"<a/>",  # a member that points outside: never written
    }
    return build_archive(folder / f"{fetch.COMMIT}.tar.gz", extra=noise)


def test_the_manifest_is_pinned_and_covers_the_corpus() -> None:
    require_corpus()
    manifest = fetch.load_manifest()
    assert hashlib.sha256(fetch.MANIFEST.read_bytes()).hexdigest() == fetch.MANIFEST_SHA256
    on_disk = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.name not in ("README.md", "paths.tsv")
    }
    assert set(manifest) == on_disk
    xml = [p for p in manifest if p.startswith("declarations/") and p.lower().endswith(".xml")]
    assert len(xml) == 308


def test_the_script_installs_exactly_the_corpus_from_an_archive(
    archive: Path, tmp_path: Path
) -> None:
    result = run_script("--archive", archive, "--dest", tmp_path)
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "hmrc-cds"
    for local in fetch.load_manifest():
        assert (installed / local).read_bytes() == (CORPUS / local).read_bytes(), local
    got = {p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file()}
    assert got == {*fetch.load_manifest(), "SOURCE.txt"}
    assert not (tmp_path.parent / "escape.xml").exists()
    assert not any(p.name.startswith(".hmrc-cds-") for p in tmp_path.iterdir())
    # Run again: a corpus that is there and right is left alone.
    again = run_script("--archive", archive, "--dest", tmp_path)
    assert again.returncode == 0, again.stderr


def test_the_tests_find_a_corpus_through_the_environment(archive: Path, tmp_path: Path) -> None:
    assert run_script("--archive", archive, "--dest", tmp_path).returncode == 0
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_reader.py",
            "-k",
            "malformed",
            "-rs",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=dict(os.environ, SINGLE_WINDOW_CORPUS=str(tmp_path)),
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "5 passed" in result.stdout
    assert "skipped" not in result.stdout


def test_a_tampered_file_is_refused_and_nothing_is_installed(tmp_path: Path) -> None:
    require_corpus()
    victim = "declarations/TT_IM001b/TT_IM001b.xml"
    data = (CORPUS / victim).read_bytes().replace(b"<", b" <", 1)
    tampered = build_archive(tmp_path / "tampered.tar.gz", change={victim: data})
    dest = tmp_path / "out"
    result = run_script("--archive", tampered, "--dest", dest)
    assert result.returncode == 1
    assert victim in result.stderr
    assert "Traceback" not in result.stderr
    assert not (dest / "hmrc-cds").exists()
    assert not any(dest.iterdir())


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    require_corpus()
    gone = "malformed/TT_IM084a.xml"
    short = build_archive(tmp_path / "short.tar.gz", leave_out=(gone,))
    result = run_script("--archive", short, "--dest", tmp_path / "out")
    assert result.returncode == 1
    assert f"{gone}: missing" in result.stderr
    assert not (tmp_path / "out" / "hmrc-cds").exists()


def test_a_link_in_place_of_a_file_is_refused(tmp_path: Path) -> None:
    require_corpus()
    target = tmp_path / "linked.tar.gz"
    victim = "schemas/WCO_DEC_2_DMS.xsd"
    with tarfile.open(target, "w:gz") as tar:
        for local in fetch.load_manifest():
            if local in fetch._WRITTEN:
                continue
            if local == victim:
                info = tarfile.TarInfo(f"{TOP}/{fetch.archive_path(local)}")
                info.type = tarfile.SYMTYPE
                info.linkname = "/etc/passwd"
                tar.addfile(info)
                continue
            _add(tar, fetch.archive_path(local), (CORPUS / local).read_bytes())
    result = run_script("--archive", target, "--dest", tmp_path / "out")
    assert result.returncode == 1
    assert f"{victim}: not a regular file" in result.stderr


def test_a_changed_installed_corpus_is_not_silently_kept(archive: Path, tmp_path: Path) -> None:
    assert run_script("--archive", archive, "--dest", tmp_path).returncode == 0
    edited = tmp_path / "hmrc-cds" / "schemas" / "all.xsd"
    edited.write_bytes(b"<changed/>")
    refused = run_script("--archive", archive, "--dest", tmp_path)
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    forced = run_script("--archive", archive, "--dest", tmp_path, "--force")
    assert forced.returncode == 0, forced.stderr
    assert edited.read_bytes() == fetch.ALL_XSD


def test_an_archive_that_is_not_one_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x1f\x8b\x08 not really gzip")
    result = run_script("--archive", junk, "--dest", tmp_path / "out")
    assert result.returncode == 1
    assert "not a readable tar archive" in result.stderr


def test_a_changed_manifest_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "hmrc-cds.sha256"
    copy.write_bytes(fetch.MANIFEST.read_bytes() + b"0" * 64 + b"  extra.xml\n")
    with pytest.raises(fetch.CorpusError, match="pinned"):
        fetch.load_manifest(copy)
