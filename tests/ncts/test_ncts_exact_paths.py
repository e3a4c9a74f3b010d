"""Every finding's path names exactly one element of an NCTS message, at its line.

The schema's findings and the reader's, on messages mutated as a sender might get them
wrong (see ``tests/_exact_paths.py``): the bundled example and, when the corpus is
there, a CC015C and a CC013C of the UK trader test pack.
"""

from __future__ import annotations

from _exact_paths import assert_exact, mutated
from _ncts_support import filled, message_files
from hypothesis import given
from lxml import etree

from single_window.findings import Finding
from single_window.formats import ncts

_CORPUS = [filled(p) for t in ("CC015C", "CC013C") for p in message_files(t)[:1]]
DOCUMENTS = [ncts.EXAMPLE.encode() if isinstance(ncts.EXAMPLE, str) else ncts.EXAMPLE, *_CORPUS]


def _findings(root: etree._Element) -> list[Finding]:
    kind = ncts.identify(root)
    assert kind is not None and kind.read
    schema = ncts.schema_for(kind.name, ncts.phase_of(root))
    _, read = ncts.read_message(root)
    return [*schema.validate(root), *read]


@given(mutated(DOCUMENTS, None))
def test_every_finding_of_a_mutated_message_names_exactly_its_element(data: bytes) -> None:
    findings = _findings(etree.fromstring(data))
    assert_exact(data, findings, ncts.DOCUMENT_SHAPE, ncts.NAMESPACES)


# --- each stage, one case each ---------------------------------------------------------

EXAMPLE = DOCUMENTS[0]


def _changed(old: bytes, new: bytes) -> bytes:
    assert old in EXAMPLE
    return EXAMPLE.replace(old, new, 1)


def _one_line(data: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(data, parser))


def _paths(data: bytes, rule: str) -> list[str | None]:
    return [f.path for f in _findings(etree.fromstring(data)) if f.rule == rule]


def test_a_duplicated_single_element_on_one_line_is_indexed_by_schema_and_reader() -> None:
    recipient = b"<messageRecipient>NTA.GB</messageRecipient>"
    data = _one_line(_changed(recipient, recipient + recipient.replace(b"GB", b"FR")))
    assert _paths(data, "XSD") == ["/CC015C/messageRecipient[2]"]
    assert _paths(data, "MODEL-UNMAPPED") == ["/CC015C/messageRecipient[2]"]
    message, _ = ncts.read_message(etree.fromstring(data))
    assert message is not None and message.message_recipient is not None
    assert message.message_recipient.path == "/CC015C/messageRecipient[1]"
    findings = _findings(etree.fromstring(data))
    assert_exact(data, findings, ncts.DOCUMENT_SHAPE, ncts.NAMESPACES)


def test_an_element_of_another_namespace_named_like_its_neighbour_names_its_namespace() -> None:
    data = _changed(
        b"<messageRecipient>",
        b'<x:messageRecipient xmlns:x="urn:x">NTA</x:messageRecipient><messageRecipient>',
    )
    foreign = "/CC015C/{urn:x}messageRecipient"
    assert _paths(data, "XSD") == [foreign]
    assert _paths(data, "MODEL-UNMAPPED") == [foreign]
    findings = _findings(etree.fromstring(data))
    assert_exact(data, findings, ncts.DOCUMENT_SHAPE, ncts.NAMESPACES)


def test_when_the_first_copy_does_not_read_the_second_is_the_models_under_its_index() -> None:
    mass = b"<grossMass>30.000</grossMass>"
    data = _changed(mass, b"<grossMass>heavy</grossMass>" + mass)
    assert _paths(data, "NORM-NUMBER") == ["/CC015C/Consignment/grossMass[1]"]
    message, _ = ncts.read_message(etree.fromstring(data))
    assert message is not None and message.consignment is not None
    kept = message.consignment.gross_mass
    assert kept is not None and kept.path == "/CC015C/Consignment/grossMass[2]"
    findings = _findings(etree.fromstring(data))
    assert_exact(data, findings, ncts.DOCUMENT_SHAPE, ncts.NAMESPACES)


def test_a_guarantee_currency_finding_names_the_currency_element_of_its_own() -> None:
    """A CC015C gives a guarantee's currency an element beside its amount; the rules read
    it as the amount's currency, and a finding on it names the ``currency`` element."""
    import single_window as sw

    data = ncts.EXAMPLE.replace(b"<currency>GBP</currency>", b"<currency>BGN</currency>")
    data = data.replace(b"2025-03-01T10:00:00", b"2026-03-01T10:00:00")
    report = sw.check(data)
    (found,) = [f for f in report.findings if f.rule == "WCO-CURRENCY-CODE"]
    assert found.value == "BGN"
    assert found.path == "/CC015C/Guarantee[1]/GuaranteeReference[1]/currency"
    root = etree.fromstring(data)
    (element,) = root.iterfind("Guarantee/GuaranteeReference/currency")
    assert found.line == element.sourceline
