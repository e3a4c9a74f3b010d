"""Phase 6: a message whose ``PhaseID`` is ``NCTS6`` is judged by the Phase 6 schema and read
by the same model.

The corpus has no Phase 6 message; its Phase 5 messages become Phase 6 ones by their
``PhaseID`` (the corpus README: 99 of the 103 CC015C are valid against the Phase 6
schema as they are).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _maximal import canonical
from _ncts_support import MESSAGES, filled, message_files, message_params
from _rule_exceptions import expected
from lxml import etree

from single_window._reader import read_xml
from single_window.formats import ncts

PARAMS = message_params("CC015C", "CC013C")


def _phase6(path: Path) -> tuple[bytes, etree._Element]:
    """A corpus message, filled, with ``PhaseID="NCTS6"``."""
    root = read_xml(filled(path)).root
    assert root is not None
    root.set("PhaseID", "NCTS6")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    parsed = read_xml(data).root
    assert parsed is not None
    return data, parsed


def _p6_findings(root: etree._Element) -> list[str]:
    kind = ncts.identify(root)
    assert kind is not None
    return [f.path or "" for f in ncts.schema_for(kind.name, ncts.phase_of(root)).validate(root)]


def test_99_of_the_103_declarations_are_valid_phase6_messages() -> None:
    if not MESSAGES.is_dir():
        pytest.skip("no NCTS corpus")
    invalid = {p.name: _p6_findings(_phase6(p)[1]) for p in message_files("CC015C")}
    invalid = {name: paths for name, paths in invalid.items() if paths}
    assert len(invalid) == 4
    # They lack what Phase 6 requires of a departure transport means (its type of
    # identification), and Phase 5 leaves optional.
    for paths in invalid.values():
        assert all("/Consignment/DepartureTransportMeans[" in p for p in paths), paths


@pytest.mark.parametrize("path", PARAMS)
def test_a_phase6_message_is_read_by_the_same_model_and_written_back_equal(path: Path) -> None:
    data, root = _phase6(path)
    assert ncts.phase_of(root) == 6
    message, findings = ncts.read_message(root)
    assert findings == []
    assert message is not None
    assert message.phase == 6
    assert message.phase_id == "NCTS6"
    assert canonical(message.to_xml()) == canonical(data)


@pytest.mark.parametrize("path", PARAMS)
def test_the_phase5_schema_refuses_a_phase6_message_at_its_phase_id(path: Path) -> None:
    _, root = _phase6(path)
    kind = ncts.identify(root)
    assert kind is not None
    paths = [f.path for f in ncts.schema_for(kind.name, 5).validate(root)]
    assert f"/{kind.name}/@PhaseID" in paths


def _first_with(tag: str) -> tuple[Path, etree._Element]:
    for path in message_files("CC015C"):
        root = read_xml(filled(path)).root
        assert root is not None
        if root.find(f".//{tag}") is not None:
            return path, root
    pytest.skip(f"no corpus CC015C has <{tag}>")


def test_an_element_phase6_requires_is_judged_by_the_phase_the_message_names() -> None:
    if not MESSAGES.is_dir():
        pytest.skip("no NCTS corpus")
    _, root = _first_with("amountToBeCovered")
    amount = root.find(".//amountToBeCovered")
    assert amount is not None
    reference = amount.getparent()
    assert reference is not None
    # libxml2 names the element where the missing one was expected: the next one, if any.
    after = amount.getnext()
    reference.remove(amount)
    expected = ncts.element_path(after if after is not None else reference)
    root.set("PhaseID", "NCTS5.1")
    assert _p6_findings(root) == []
    root.set("PhaseID", "NCTS6")
    assert _p6_findings(root) == [expected]


def test_an_element_only_phase5_has_is_read_in_either_phase_and_refused_by_phase6() -> None:
    if not MESSAGES.is_dir():
        pytest.skip("no NCTS corpus")
    _, root = _first_with("ConsignmentItem")
    item = root.find(".//ConsignmentItem")
    assert item is not None
    # A consignee of the goods item: Phase 5 has one (optional), Phase 6 has none.
    consignee = etree.fromstring(
        "<Consignee><identificationNumber>GB123456789000</identificationNumber></Consignee>"
    )
    before = next(c for c in item if c.tag in ("AdditionalSupplyChainActor", "Commodity"))
    before.addprevious(consignee)
    expected = ncts.element_path(consignee)
    for phase_id, findings in (("NCTS5.1", []), ("NCTS6", [expected])):
        root.set("PhaseID", phase_id)
        message, read = ncts.read_message(root)
        assert read == []
        assert message is not None
        assert message.consignment is not None
        items = [i for h in message.consignment.house_consignments for i in h.consignment_items]
        assert [i.consignee.path for i in items if i.consignee is not None] == [expected]
        assert _p6_findings(root) == findings


@pytest.mark.parametrize("path", PARAMS)
def test_a_phase6_message_is_checked_as_phase_6(path: Path) -> None:
    import single_window as sw

    data, root = _phase6(path)
    result = sw.validate(data)
    assert (result.format, result.version) == ("ncts", "6")
    assert result.declaration is not None
    schema_paths = _p6_findings(root)
    assert [f.path for f in result.findings] == schema_paths
    if schema_paths:
        return  # what Phase 6 requires of a departure means, and Phase 5 does not
    report = sw.check(data)
    assert report.declaration is not None and report.declaration.version == "6"
    # but for the NCTS rules the message breaks as written
    assert [e for e in report.errors if not expected(path, e.rule)] == []
    assert canonical(result.declaration.to_xml()) == canonical(data)
