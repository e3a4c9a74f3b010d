"""Shared fixtures: where the test corpus is, and helpers to reach it.

The corpus (UK CDS declarations, their schemas, files broken as published) is found in
the folder named by the environment variable ``SINGLE_WINDOW_CORPUS``, which holds
``hmrc-cds/``, else in ``../shared/corpus`` beside the repository. Tests that need it
skip, saying how to get it: ``python scripts/fetch_corpus.py`` downloads and checks it.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from hypothesis import settings

from single_window.testing import register_profiles

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: The folder that holds ``hmrc-cds/``.
CORPUS_ROOT = Path(os.environ.get("SINGLE_WINDOW_CORPUS") or SHARED / "corpus")
CORPUS = CORPUS_ROOT / "hmrc-cds"
DECLARATIONS = CORPUS / "declarations"
MALFORMED = CORPUS / "malformed"
NATIONAL_XSD = CORPUS / "schemas" / "all.xsd"
EXAMPLES = REPO / "examples"
#: Why a test that needs the corpus is skipped, and how to get it.
NO_CORPUS = (
    f"test corpus not found at {CORPUS}: run `python scripts/fetch_corpus.py` to download "
    "it, or set SINGLE_WINDOW_CORPUS to the folder that holds hmrc-cds/"
)


def corpus_files() -> list[Path]:
    """Every corpus declaration (*.xml in any letter case), sorted; empty when absent."""
    if not DECLARATIONS.is_dir():
        return []
    return sorted(p for p in DECLARATIONS.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")


def corpus_ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(DECLARATIONS)) for p in paths]


def require_corpus() -> None:
    if not DECLARATIONS.is_dir():
        pytest.skip(NO_CORPUS)


@pytest.fixture(scope="session")
def national_schema():  # type: ignore[no-untyped-def]
    require_corpus()
    from single_window import load_schema

    return load_schema(NATIONAL_XSD)


def corpus_params() -> list[object]:
    """Corpus files as pytest params; one skipped param with the reason when absent."""
    files = corpus_files()
    if not files:
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(reason=NO_CORPUS),
                id="no-corpus",
            )
        ]
    return [pytest.param(p, id=i) for p, i in zip(files, corpus_ids(files), strict=True)]


# Hypothesis profiles: ``ci`` (fast, the default) and ``long`` (run by hand, see
# docs/how-to/fuzz-your-rules.md), as single_window.testing ships them. Choose with the
# environment variable HYPOTHESIS_PROFILE.
register_profiles()
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class Listener:
    """A loopback TCP listener that counts connections (to prove nothing is fetched)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks the user's locale where the library has a catalog for it:
    every test runs in the C locale (English), whatever the machine's, unless it sets one."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
