"""Mutated documents, and the check that every finding's path names exactly one element.

A mutation duplicates an element that has no same-named sibling (a singleton of the
document; the first copy may be made unreadable, so that the model holds the second),
inserts an element the model does not have (an unknown name, or a known name
in another namespace, next to the element of that name or elsewhere), or drops an
element (a required one among them). The document is then written indented or on one
line (every element on line 1: a finding must still name its own element, not the first
of its name on that line).

:func:`assert_exact` checks, for a document and its findings, that no two elements of
the document have the same path (the paths are exact), that each finding's path resolves
to an element whose own path it is, and that the finding's line is that element's line.
A finding about absent data names the nearest element that is there, so the same holds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from copy import deepcopy

from hypothesis import strategies as st
from lxml import etree

from single_window._locations import Shape, element_path, resolve
from single_window.findings import Finding

__all__ = ["assert_exact", "mutated"]

#: A mutation: its kind, and numbers that pick the element, the place and the name.
Mutation = tuple[str, int, int, int]

_mutations = st.tuples(
    st.sampled_from(["duplicate", "insert", "drop"]),
    st.integers(0, 10_000),
    st.integers(0, 50),
    st.integers(0, 50),
)


def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str) and el is not root]


def _same_named(el: etree._Element) -> bool:
    """Whether an element has a sibling of its tag."""
    return any(s.tag == el.tag for s in (*el.itersiblings(), *el.itersiblings(preceding=True)))


def _insert(root: etree._Element, where: int, place: int, pick: int, own: str | None) -> None:
    """Insert an element the model does not have below an element: an unknown name in the
    format's namespace ``own``, or the name of a sibling (or of the element itself) in
    another namespace or unqualified."""
    owner = _elements(root)[where % len(_elements(root))] if _elements(root) else root
    names = sorted({etree.QName(el).localname for el in (owner, *owner)} | {"Mystery"})
    name = names[pick % len(names)]
    spaces = ["urn:example:other", None, own, own]
    space = spaces[(pick // len(names)) % len(spaces)]
    if space == own and name != "Mystery":
        name = "Mystery"
    if space is None:
        # Unqualified under a default namespace only with xmlns="".
        added = owner.makeelement(name, nsmap={None: ""} if owner.nsmap.get(None) else None)
    else:
        added = owner.makeelement(f"{{{space}}}{name}")
    added.text = "1"
    owner.insert(place % (len(owner) + 1), added)


def _apply(root: etree._Element, mutation: Mutation, own: str | None) -> None:
    kind, which, place, pick = mutation
    elements = _elements(root)
    if not elements:
        return
    el = elements[which % len(elements)]
    parent = el.getparent()
    assert parent is not None
    if kind == "duplicate":
        singletons = [e for e in elements if not _same_named(e)]
        if singletons:
            el = singletons[which % len(singletons)]
            el.addnext(deepcopy(el))
            if pick % 3 == 0:
                # The first copy unreadable (not a number, a date without its date
                # string): the model holds the second.
                for below in list(el):
                    el.remove(below)
                el.text = "?"
    elif kind == "insert":
        _insert(root, which, place, pick, own)
    else:
        parent.remove(el)


@st.composite
def mutated(draw: st.DrawFn, documents: Sequence[bytes], own: str | None) -> bytes:
    """One of the documents with one to three mutations, indented or on one line.

    ``own`` is the namespace of the format's elements below the root (None: unqualified).
    """
    data = draw(st.sampled_from(documents))
    parser = etree.XMLParser(remove_blank_text=True, remove_comments=True)
    root = etree.fromstring(data, parser)
    for mutation in draw(st.lists(_mutations, min_size=1, max_size=3)):
        _apply(root, mutation, own)
    if draw(st.booleans()):
        etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def assert_exact(
    data: bytes,
    findings: Sequence[Finding],
    shape: Shape,
    namespaces: Collection[str | None] | None,
) -> None:
    """Every finding with a path names exactly one element, at the finding's line."""
    root = etree.fromstring(data)
    paths: dict[str, etree._Element] = {}
    for el in root.iter():
        if isinstance(el.tag, str):
            path = element_path(el, shape, namespaces=namespaces)
            assert path not in paths, f"two elements have the path {path}"
            paths[path] = el
    for finding in findings:
        if finding.path is None:
            assert finding.rule == "XSD" and "not listed" in finding.message, finding
            continue
        element = finding.path.partition("/@")[0]
        el = resolve(root, finding.path, namespaces=namespaces, shape=shape)
        assert el is not None, f"{finding.rule} {finding.path}: no element"
        assert paths.get(element) is el, f"{finding.rule} {finding.path}: not its element"
        assert finding.line == el.sourceline, f"{finding.rule} {finding.path}: line"
