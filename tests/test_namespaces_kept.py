"""Every element and attribute keeps its namespace from reading to writing, in both formats.

A document may bind its format's namespace to a prefix and declare another namespace as
the default (some national systems write DEC-DMS so), declare a default namespace on an
inner element, or undeclare it (``xmlns=""``). What the model has no field for is kept
and written back; the comparison is C14N 2.0 (prefixes rewritten), so it holds exactly
when every element and attribute is in the namespace it was in, with its value, in its
place.
"""

from __future__ import annotations

from typing import Any

from _maximal import canonical
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import single_window as sw
from single_window.formats import ncts

DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
MD = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
DS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
NCTS = "http://ncts.dgtaxud.ec"
NATIONAL = "urn:example:national"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _tags(data: bytes) -> list[str]:
    """Every element's ``{namespace}name`` and its attributes' names, in document order."""
    root = etree.fromstring(data)
    return [f"{el.tag} {sorted(el.keys())}" for el in root.iter() if isinstance(el.tag, str)]


def _wco_round_trip(data: bytes) -> bytes:
    result = sw.validate(data)
    assert result.declaration is not None
    written = result.declaration.to_xml()
    assert canonical(result.declaration.to_xml(pretty=False)) == canonical(written)
    return written


def _ncts_round_trip(data: bytes) -> bytes:
    message, _ = ncts.read_message(etree.fromstring(data))
    assert message is not None
    written = message.to_xml()
    assert canonical(ncts.write_message(message, pretty=False)) == canonical(written)
    return written


# --- WCO -----------------------------------------------------------------------------


#: DEC-DMS bound to a prefix, a national namespace as the default: the unknown elements
#: are in DEC-DMS (``dec:Unknown``) and in the national namespace (``Extra``).
PREFIXED_DEC = f"""<dec:Declaration xmlns:dec="{DEC}" xmlns="{NATIONAL}">
  <dec:FunctionCode>9</dec:FunctionCode>
  <Extra>national</Extra>
  <dec:TypeCode>IMA</dec:TypeCode>
  <dec:Unknown>in DEC-DMS</dec:Unknown>
  <dec:GoodsShipment>
    <Note code="1"><Line>a</Line><dec:Inner/></Note>
    <dec:TransactionNatureCode>1</dec:TransactionNatureCode>
  </dec:GoodsShipment>
</dec:Declaration>""".encode()


def test_a_prefixed_dec_dms_declaration_under_another_default_keeps_every_namespace() -> None:
    written = _wco_round_trip(PREFIXED_DEC)
    assert canonical(written) == canonical(PREFIXED_DEC)
    assert _tags(written) == _tags(PREFIXED_DEC)
    root = etree.fromstring(written)
    assert root.find(f"{{{DEC}}}Unknown") is not None
    assert root.find(f"{{{NATIONAL}}}Extra") is not None
    assert root.find(f"{{{DEC}}}GoodsShipment/{{{NATIONAL}}}Note/{{{DEC}}}Inner") is not None


def test_an_unqualified_element_stays_unqualified_under_the_writers_default_namespace() -> None:
    data = (
        f'<dec:Declaration xmlns:dec="{DEC}"><dec:FunctionCode>9</dec:FunctionCode>'
        f'<Extra>1<Inner/><dec:Deep a="b"/></Extra><dec:TypeCode>IMA</dec:TypeCode>'
        "</dec:Declaration>"
    ).encode()
    written = _wco_round_trip(data)
    assert canonical(written) == canonical(data)
    root = etree.fromstring(written)
    extra = root.find("Extra")
    assert extra is not None and extra.find("Inner") is not None
    assert extra.find(f"{{{DEC}}}Deep") is not None


def test_a_declaration_that_shadows_a_prefix_of_the_writer_is_not_merged_into_it() -> None:
    """``Foo`` is in the metadata namespace by default, and binds ``md`` (the writer's
    prefix for that namespace) to another one: neither may take the other's place."""
    data = (
        f'<Declaration xmlns="{DEC}"><FunctionCode>9</FunctionCode>'
        f'<Foo xmlns="{MD}" xmlns:md="urn:other"><md:Bar md:a="1" b="2"/><Baz/></Foo>'
        "<TypeCode>IMA</TypeCode></Declaration>"
    ).encode()
    written = _wco_round_trip(data)
    assert canonical(written) == canonical(data)
    assert _tags(written) == _tags(data)


def test_a_metadata_envelope_with_prefixes_and_a_foreign_default_is_written_back_equal() -> None:
    data = (
        f'<m:MetaData xmlns:m="{MD}" xmlns:d="{DEC}" xmlns="{NATIONAL}">'
        "<m:WCOTypeName>DEC</m:WCOTypeName><X/>"
        "<d:Declaration><d:FunctionCode>9</d:FunctionCode><Y/><d:TypeCode>IMA</d:TypeCode>"
        "<d:TypeCode>IMB</d:TypeCode></d:Declaration><Z/></m:MetaData>"
    ).encode()
    written = _wco_round_trip(data)
    assert canonical(written) == canonical(data)
    assert _tags(written) == _tags(data)


def test_namespaced_attributes_and_a_prefix_named_in_a_value_are_kept() -> None:
    data = (
        f'<dec:Declaration xmlns:dec="{DEC}" xmlns="{NATIONAL}" xmlns:n="{NATIONAL}">'
        '<dec:FunctionCode n:flag="x">9</dec:FunctionCode><dec:TypeCode>IMA</dec:TypeCode>'
        f'<Note xml:lang="tr" n:k="v"><dec:Inner/><Inner xmlns=""><dec:Deep/></Inner></Note>'
        f'<dec:Mystery xmlns:q="urn:q" xmlns:xsi="{XSI}" xsi:type="q:T"/>'
        "</dec:Declaration>"
    ).encode()
    written = _wco_round_trip(data)
    assert canonical(written) == canonical(data)
    mystery = etree.fromstring(written).find(f"{{{DEC}}}Mystery")
    assert mystery is not None and mystery.nsmap.get("q") == "urn:q"


# --- NCTS ----------------------------------------------------------------------------


def _example() -> str:
    text = ncts.EXAMPLE
    return text.decode() if isinstance(text, bytes) else text


def test_an_ncts_message_with_a_default_namespace_declared_inside_is_written_back_equal() -> None:
    data = (
        _example()
        .replace(
            "<messageRecipient>",
            '<Extension xmlns="urn:x"><A n="1"><B xmlns=""><C/></B></A></Extension>'
            '<x:messageRecipient xmlns:x="urn:x">NTA</x:messageRecipient>'
            '<messageRecipient xmlns:y="urn:y" y:a="1">',
            1,
        )
        .encode()
    )
    written = _ncts_round_trip(data)
    assert canonical(written) == canonical(data)
    assert _tags(written) == _tags(data)


def test_an_ncts_element_that_rebinds_the_writers_prefix_keeps_its_namespace() -> None:
    """An inner element in the NCTS namespace as its default, binding ``ncts`` (the
    writer's prefix for that namespace) to another: it stays in the NCTS namespace."""
    data = (
        _example()
        .replace(
            "<messageRecipient>",
            f'<Extension xmlns="{NCTS}" xmlns:ncts="{NATIONAL}"><Code>1</Code>'
            "<ncts:Code>2</ncts:Code></Extension><messageRecipient>",
            1,
        )
        .encode()
    )
    written = _ncts_round_trip(data)
    assert canonical(written) == canonical(data)
    assert _tags(written) == _tags(data)


def test_an_ncts_message_whose_root_declares_the_default_namespace_keeps_its_children() -> None:
    """The root in the NCTS namespace as the default: children that undeclare it are the
    model's, children that do not are in the NCTS namespace and kept as they are."""
    data = (
        _example()
        .replace(f'<ncts:CC015C xmlns:ncts="{NCTS}"', f'<CC015C xmlns="{NCTS}"')
        .replace("</ncts:CC015C>", "</CC015C>")
        .replace("<messageSender>", '<messageSender xmlns="">', 1)
        .replace("<TransitOperation>", '<TransitOperation xmlns="">', 1)
        .encode()
    )
    written = _ncts_round_trip(data)
    assert canonical(written) == canonical(data)
    assert _tags(written) == _tags(data)


# --- any namespace layout ------------------------------------------------------------

_URIS = [DEC, MD, DS, NCTS, NATIONAL, "urn:a", ""]
_PREFIXES = [None, "dec", "md", "ds", "ncts", "a", "n"]
_NAMES = ["TypeCode", "FunctionCode", "GoodsShipment", "messageSender", "Consignment", "X"]


@st.composite
def _fragment(
    draw: st.DrawFn, own: frozenset[str], bound: tuple[str | None, ...], depth: int = 0
) -> str:
    """An element that either declares, on itself, the namespace it is in (with a prefix
    or as the default, "" undeclaring it) and maybe another binding, so that it may
    shadow whatever the document around it binds; or declares nothing and takes a prefix
    the document binds (``bound``; None: its default namespace).

    It is named like an element of the model only outside the format's namespaces
    ``own`` (in them it could become the model's value, written back in model order).
    """
    if draw(st.integers(0, 3)) == 0:
        prefix = draw(st.sampled_from(bound))
        tag = "X" if prefix is None else f"{prefix}:X"
        attrs = ['plain="2"'] if draw(st.booleans()) else []
    else:
        uri = draw(st.sampled_from(_URIS))
        prefix = None if uri == "" else draw(st.sampled_from(_PREFIXES))
        name = "X" if uri in own else draw(st.sampled_from(_NAMES))
        tag = name if prefix is None else f"{prefix}:{name}"
        declare = "xmlns" if prefix is None else f"xmlns:{prefix}"
        attrs = [f'{declare}="{uri}"']
        other = draw(st.sampled_from(_PREFIXES[1:]))
        if other != prefix:
            attrs.append(f'xmlns:{other}="{draw(st.sampled_from(_URIS[:-1]))}"')
            if draw(st.booleans()):
                attrs.append(f'{other}:at="1"')
        if draw(st.booleans()):
            attrs.append('plain="2"')
    inner = ""
    if depth < 2:
        inner = "".join(draw(st.lists(_fragment(own, bound, depth + 1), max_size=2)))
    text = draw(st.sampled_from(["", "7", "v"]))
    return f"<{' '.join([tag, *attrs])}>{text}{inner}</{tag}>"


def _insert(data: bytes, fragments: list[str], places: list[tuple[int, int]]) -> bytes:
    """The document with each fragment inserted, as text, below an element (by document
    order) at a place among its children."""
    root = etree.fromstring(data)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    for i, (which, where) in enumerate(places):
        owner = elements[which % len(elements)]
        owner.insert(where % (len(owner) + 1), etree.Comment(f"slot{i}"))
    text = etree.tostring(root, encoding="unicode")
    for i, fragment in enumerate(fragments):
        text = text.replace(f"<!--slot{i}-->", fragment)
    return text.encode()


def _insertions(
    own: frozenset[str], bound: tuple[str | None, ...]
) -> st.SearchStrategy[tuple[list[str], list[Any]]]:
    """One to three fragments and where to insert them."""
    return st.integers(1, 3).flatmap(
        lambda n: st.tuples(
            st.lists(_fragment(own, bound), min_size=n, max_size=n),
            st.lists(st.tuples(st.integers(0, 200), st.integers(0, 20)), min_size=n, max_size=n),
        )
    )


@given(_insertions(frozenset({DEC, MD, DS}), (None, "md", "ds")))
def test_any_namespace_layout_inserted_into_a_wco_declaration_is_written_back_equal(
    insertion: tuple[list[str], list[Any]],
) -> None:
    data = _insert((EXAMPLES / "tr-import.xml").read_bytes(), *insertion)
    assert canonical(_wco_round_trip(data)) == canonical(data)


@given(_insertions(frozenset({""}), (None, "ncts")))
def test_any_namespace_layout_inserted_into_an_ncts_message_is_written_back_equal(
    insertion: tuple[list[str], list[Any]],
) -> None:
    data = _insert(_example().encode(), *insertion)
    assert canonical(_ncts_round_trip(data)) == canonical(data)
