"""Every leaf of an NCTS declaration reaches the canonical declaration where the mapping
table (:mod:`_mapping_table`) says, at its own element.

The canonical declaration of an NCTS message keeps, for each value, the path and line of
the message element it came from. So a leaf reaches the canonical declaration when a
canonical value at the table's canonical path stands at the leaf's element: that is
what these tests follow, for every CC015C and CC013C of the corpus and for maximal
messages that hold every element of the schema once (Phases 5 and 6). The table covers
every leaf of the message model, each in one kind.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _mapping_table import CARRIED, DERIVED, JOINED, MAPPED, NO_HOME, TURNED
from _maximal_ncts import maximal_message
from _ncts_support import filled, message_params

import single_window as sw
from single_window._spec import spec_of
from single_window._values import Leaf, Node
from single_window.formats.ncts import models as ncts_models
from single_window.models import Declaration

PARAMS = message_params("CC015C", "CC013C")
KINDS = {
    "mapped": set(MAPPED),
    "joined": set(JOINED),
    "carried": set(CARRIED),
    "turned": set(TURNED),
    "derived": set(DERIVED),
    "no home": set(NO_HOME),
}


def _leaves(node: Node, prefix: str) -> Iterator[tuple[str, Leaf]]:
    """Every leaf below a node, with its path of element names (no indices)."""
    for fs in spec_of(type(node)).fields:
        found = node.__dict__.get(fs.name)
        if found is None:
            continue
        for value in found if fs.many else [found]:
            path = f"{prefix}/{fs.xml_name}" if prefix else fs.xml_name
            if isinstance(value, Node):
                yield from _leaves(value, path)
            elif isinstance(value, Leaf):
                yield path, value


def _model_paths(cls: type[Node], prefix: str = "") -> Iterator[str]:
    """Every leaf path of a message model class."""
    for fs in spec_of(cls).fields:
        path = f"{prefix}/{fs.xml_name}" if prefix else fs.xml_name
        if fs.kind == "node":
            yield from _model_paths(fs.cls, path)
        else:
            yield path


@dataclass
class Reached:
    """What became of one message's leaves: a count per kind, and the leaves that did not
    get where the table says."""

    counts: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)


def _canonical(decl: Declaration) -> dict[str, list[Leaf]]:
    """The canonical leaves by canonical path."""
    found: dict[str, list[Leaf]] = defaultdict(list)
    for path, leaf in _leaves(decl, "Declaration"):
        found[path].append(leaf)
    if decl.metadata is not None:
        for path, leaf in _leaves(decl.metadata, "MetaData"):
            found[path].append(leaf)
    return found


def _parent(path: str | None) -> str:
    return (path or "").rpartition("/")[0]


def _turned(decl: Declaration, leaf: Leaf) -> bool:
    """A goods reference: the goods item it numbers is in the equipment, at the goods
    reference's element."""
    for item in decl.goods_items:
        number = item.sequence_numeric
        if number is None or number.value != leaf.value:
            continue
        commodity = item.commodity
        for equipment in commodity.transport_equipments if commodity is not None else ():
            if equipment.path == _parent(leaf.path):
                return True
    return False


def _follow(message: Any, decl: Declaration) -> Reached:
    """Where each leaf of the message went in the canonical declaration."""
    canonical = _canonical(decl)
    at = {(leaf.path, leaf.line, path) for path, leaves in canonical.items() for leaf in leaves}
    out = Reached()
    for path, leaf in _leaves(message, ""):
        if path in MAPPED:
            ok = (leaf.path, leaf.line, MAPPED[path]) in at
            kind = "mapped"
        elif path in JOINED:
            # the value is part of one canonical value at its own or its parent element
            places = {leaf.path, _parent(leaf.path)}
            ok = any(
                c.path in places and str(leaf.value) in str(c.value)
                for c in canonical.get(JOINED[path], [])
            )
            kind = "joined"
        elif path in CARRIED:
            sibling, target, attribute = CARRIED[path]
            where = f"{_parent(leaf.path)}/{sibling}"
            ok = any(
                c.path == where and getattr(c, attribute) == leaf.value
                for c in canonical.get(target, [])
            )
            kind = "carried"
        elif path in TURNED:
            ok, kind = _turned(decl, leaf), "turned"
        elif path in DERIVED:
            ok, kind = True, "derived"
        else:
            assert path in NO_HOME, f"{path} is in no table"
            ok, kind = True, "no home"
        out.counts[kind] += 1
        if not ok:
            out.missed.append(f"{path} ({leaf.path}:{leaf.line})")
    return out


def _read(data: bytes) -> tuple[Any, Declaration]:
    result = sw.validate(data)
    assert result.findings == [], result.findings
    assert result.declaration is not None
    return result.document, result.declaration


# --- the table -----------------------------------------------------------------------------


def test_every_leaf_of_the_message_model_is_in_exactly_one_table() -> None:
    paths = set(_model_paths(ncts_models.CC015C)) | set(_model_paths(ncts_models.CC013C))
    assert paths == set().union(*KINDS.values())
    assert sum(len(kind) for kind in KINDS.values()) == len(paths)


def test_the_table_names_canonical_paths_that_exist() -> None:
    def exists(path: str) -> bool:
        root, *steps = path.split("/")
        cls: Any = Declaration if root == "Declaration" else sw.models.MetaData
        for step in steps:
            fs = spec_of(cls).by_xml.get(step)
            if fs is None:
                return False
            cls = fs.cls
        return True

    targets = [*MAPPED.values(), *JOINED.values(), *TURNED.values()]
    targets += [target for _, target, _ in CARRIED.values()]
    assert [t for t in targets if not exists(t)] == []


# --- the messages --------------------------------------------------------------------------


@pytest.mark.parametrize("path", PARAMS)
def test_every_leaf_of_a_corpus_message_reaches_the_canonical_declaration(path: Path) -> None:
    message, decl = _read(filled(path))
    reached = _follow(message, decl)
    assert reached.missed == []
    assert reached.counts["mapped"] > 0


#: What becomes of the leaves of a maximal message (every element once): Phase 6 has 10
#: leaves fewer than Phase 5 (9 mapped, 1 derived); a CC013C has the MRN and the
#: amendment flag more.
MAXIMAL = {
    ("CC015C", 5): {"mapped": 208, "joined": 2, "carried": 2, "turned": 1, "derived": 27},
    ("CC015C", 6): {"mapped": 199, "joined": 2, "carried": 2, "turned": 1, "derived": 26},
    ("CC013C", 5): {
        "mapped": 209,
        "joined": 2,
        "carried": 2,
        "turned": 1,
        "derived": 27,
        "no home": 1,
    },
}


@pytest.mark.parametrize(("kind", "phase"), list(MAXIMAL))
def test_every_leaf_of_a_maximal_message_reaches_the_canonical_declaration(
    kind: str, phase: int
) -> None:
    message, decl = _read(maximal_message(kind, phase))
    reached = _follow(message, decl)
    assert reached.missed == []
    assert dict(reached.counts) == MAXIMAL[kind, phase]
    assert sum(reached.counts.values()) == sum(1 for _ in _leaves(message, ""))


def test_the_corpus_counts_of_leaves_reached() -> None:
    files = [p for p in (param.values[0] for param in PARAMS) if isinstance(p, Path)]
    if not files:
        pytest.skip("no NCTS corpus")
    total: Counter[str] = Counter()
    for path in files:
        message, decl = _read(filled(path))
        reached = _follow(message, decl)
        assert reached.missed == []
        total.update(reached.counts)
    # 6,454 leaves in the 111 messages: all but positions and the amendment flag of the
    # 8 CC013C reach the canonical declaration.
    assert dict(total) == {
        "mapped": 5727,
        "joined": 121,
        "carried": 110,
        "turned": 17,
        "derived": 471,
        "no home": 8,
    }
