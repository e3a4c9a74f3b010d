"""Where the NCTS test messages are, how their placeholders are filled, and the scripts.

The messages are the UK trader test pack in ``ncts-p5/messages/`` of the corpus folder
(``SINGLE_WINDOW_CORPUS`` or ``../shared/corpus``, as ``tests/conftest.py`` finds it).
They are templates: the corpus README says to fill their ``{{placeholders}}`` with an LRN
of up to 22 characters, date-times as ``2025-03-01T10:00:00``, dates as ``2025-03-10``
and an EORI such as ``GB123456789000``; :func:`fill` does that, and refuses a
placeholder it does not know.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest
from conftest import CORPUS_ROOT, REPO
from lxml import etree

NCTS_CORPUS = CORPUS_ROOT / "ncts-p5"
MESSAGES = NCTS_CORPUS / "messages"
#: Why a test that needs the NCTS messages is skipped.
NO_NCTS_CORPUS = (
    f"NCTS test messages not found at {MESSAGES}: set SINGLE_WINDOW_CORPUS to the folder "
    "that holds ncts-p5/ (the shared corpus)"
)

_PLACEHOLDER = re.compile(r"\{\{([^{}]+)\}\}")
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(C[CD]\d{3}[A-Z])[\s>/]")
#: What each placeholder is filled with (as the corpus README says).
FILLERS = {
    "LRN": "LRN25GB000000000000001",
    "Declarant EORI Number": "GB123456789000",
    "messageIdentification": "MSG25GB000000001",
    "IntConRefMES11": "MSG25GB000000002",
    "preparationDateAndTime": "2025-03-01T10:00:00",
    "arrivalTime": "2025-03-02T16:30:00",
    "arrivalNotificationDateAndTime": "2025-03-02T16:45:00",
    "requestDateAndTime": "2025-03-01T11:00:00",
    "limitDate": "2025-03-10",
    "unloadingDate": "2025-03-03",
}


#: The rules of the NCTS rules and conditions (``TRANSIT-C0403``): their own tests
#: (``test_ncts_rules*.py``) judge the messages by them; the tests of reading, writing and
#: the other rules leave them aside, as the small example and edited corpus messages give
#: only the data those tests are about.
NCTS_CONDITION = re.compile(r"TRANSIT-[CR][0-9]{4}$")


def besides_ncts_conditions(rules: Iterable[str | None]) -> list[str | None]:
    """The rule ids that are not NCTS rules and conditions, in their order."""
    return [r for r in rules if r is None or not NCTS_CONDITION.match(r)]


def fill(text: str) -> str:
    """The message with every placeholder filled.

    Raises:
        KeyError: for a placeholder :data:`FILLERS` does not know.
    """
    return _PLACEHOLDER.sub(lambda m: FILLERS[m.group(1)], text)


def message_type(path: Path) -> str | None:
    """The message type a corpus file's root element names (``CC015C``), if any."""
    found = _ROOT.search(path.read_text("utf-8"))
    return found.group(1) if found else None


def message_files(*types: str) -> list[Path]:
    """The corpus messages of the given types, sorted; empty when the corpus is absent."""
    if not MESSAGES.is_dir():
        return []
    files = sorted(p for p in MESSAGES.rglob("*.xml") if p.is_file())
    return [p for p in files if message_type(p) in types]


def message_params(*types: str) -> list[object]:
    """The corpus messages of the given types as pytest params (id: the path below
    ``messages/``); one skipped param with the reason when the corpus is absent."""
    files = message_files(*types)
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_NCTS_CORPUS), id="no-corpus")]
    return [pytest.param(p, id=str(p.relative_to(MESSAGES))) for p in files]


def filled(path: Path) -> bytes:
    """A corpus message's bytes with its placeholders filled."""
    return fill(path.read_text("utf-8")).encode("utf-8")


def load_script(name: str) -> ModuleType:
    """A script of ``scripts/`` as a module (``build_ncts_model``, ``bundle_ncts_xsd``)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def wco_example(name: str = "tr-ge-t1.xml") -> etree._Element:
    """A WCO declaration of ``examples/``, parsed, to edit in a test."""
    return etree.fromstring((REPO / "examples" / name).read_bytes())


def wco_nodes(root: etree._Element, path: str) -> list[etree._Element]:
    """The elements at ``path`` (element names without prefixes, ``/`` between them) below
    a WCO declaration's ``Declaration``."""
    steps = "/".join(f"*[local-name()='{step}']" for step in path.split("/"))
    found: list[etree._Element] = root.xpath(f"/*/*[local-name()='Declaration']/{steps}")
    return found


def wco_node(root: etree._Element, path: str) -> etree._Element:
    """The first element at ``path`` below a WCO declaration's ``Declaration``."""
    found = wco_nodes(root, path)
    assert found, path
    return found[0]


def message_root(name: str) -> etree._Element:
    """A message of the shared pack (its path below ``MESSAGES``), filled and parsed, to
    edit in a test; the test is skipped without the corpus."""
    path = MESSAGES / name
    if not path.is_file():
        pytest.skip(NO_NCTS_CORPUS)
    return etree.fromstring(filled(path))
