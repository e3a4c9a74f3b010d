"""Every CC015C and CC013C of the UK trader test pack: valid, read cleanly, written back equal,
every value located at its element.

The messages are filled first (:func:`_ncts_corpus.fill`), as the corpus README says.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _maximal import canonical
from _ncts_support import MESSAGES, fill, filled, message_files, message_params
from lxml import etree

from single_window import codes
from single_window._lexical import normalize_code, normalize_text
from single_window._reader import read_xml
from single_window._spec import spec_of
from single_window._values import Leaf, Node
from single_window.formats import ncts

PARAMS = message_params("CC015C", "CC013C")


def _root(data: bytes) -> etree._Element:
    result = read_xml(data)
    assert result.findings == []
    assert result.root is not None
    return result.root


def located(node: Node) -> Iterator[Node | Leaf]:
    """Every model object below a node (the node included) that names an element."""
    yield node
    for fs in spec_of(type(node)).fields:
        value = node.__dict__[fs.name]
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Node):
                yield from located(item)
            elif isinstance(item, Leaf):
                yield item


def test_the_pack_has_the_messages_the_readme_counts() -> None:
    if not MESSAGES.is_dir():
        pytest.skip("no NCTS corpus")
    assert len(message_files("CC015C")) == 103
    assert len(message_files("CC013C")) == 8


@pytest.mark.parametrize("path", PARAMS)
def test_a_filled_message_is_valid_against_the_schema_of_its_phase(path: Path) -> None:
    root = _root(filled(path))
    kind = ncts.identify(root)
    assert kind is not None
    assert kind.read
    assert ncts.phase_of(root) == 5
    assert ncts.schema_for(kind.name, ncts.phase_of(root)).validate(root) == []


@pytest.mark.parametrize("path", PARAMS)
def test_a_message_reads_with_no_finding_and_writes_back_equal(path: Path) -> None:
    data = filled(path)
    root = _root(data)
    message, findings = ncts.read_message(root)
    assert findings == []
    assert message is not None
    assert etree.QName(root).localname == message.MESSAGE_TYPE
    assert message.phase == 5
    assert canonical(message.to_xml()) == canonical(data)
    assert canonical(ncts.write_message(message, pretty=False)) == canonical(data)


@pytest.mark.parametrize("path", PARAMS)
def test_every_path_names_exactly_its_element_and_every_element_has_one(path: Path) -> None:
    root = _root(filled(path))
    message, _ = ncts.read_message(root)
    assert message is not None
    seen: set[str] = set()
    for obj in located(message):
        assert obj.path is not None
        assert obj.path not in seen
        seen.add(obj.path)
        el = ncts.resolve_path(root, obj.path)
        assert el is not None, obj.path
        assert el.sourceline == obj.line
        assert ncts.element_path(el) == obj.path
        if isinstance(obj, Leaf) and isinstance(obj.value, str):
            text = el.text or ""
            assert obj.value in (normalize_text(text), normalize_code(text))
    # Every element of the message is one model object: nothing was skipped.
    assert {ncts.element_path(el) for el in root.iter()} == seen


@pytest.mark.parametrize("path", PARAMS)
def test_an_unfilled_date_is_a_finding_at_its_element_and_is_written_back(path: Path) -> None:
    text = path.read_text("utf-8")
    data = fill(text.replace("{{preparationDateAndTime}}", "2025-02-30T10:00:00")).encode()
    root = _root(data)
    message, findings = ncts.read_message(root)
    assert message is not None
    kind = message.MESSAGE_TYPE
    assert [(f.rule, f.path, f.value) for f in findings] == [
        (codes.NORM_DATE, f"/{kind}/preparationDateAndTime", "2025-02-30T10:00:00")
    ]
    el = ncts.resolve_path(root, findings[0].path or "")
    assert el is not None
    assert findings[0].line == el.sourceline
    leaf: Any = message.preparation_date_and_time
    assert leaf.value is None
    assert canonical(message.to_xml()) == canonical(data)
