"""The code-list rules on drawn declarations: a member of a list passes wherever the
list governs a value, and a code outside it gives exactly one error of the list's rule,
at that value's path (the attribute's, for a currency or a unit), and no error anywhere
else.

Each example takes a valid drawn declaration, picks one of the values a list governs
(the same values the rules read, ``Context.coded``), puts a member or an outsider there
and checks the document again. Values the bundled profile's facets refuse are not
tried: the schema, not the rule, answers for them.
"""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import single_window as sw
from single_window import codelists
from single_window.rules._context import Context
from single_window.rules._selected import Selected
from single_window.testing import declaration_xml

#: Rule id -> the list it judges (the baseline pack's code-list rules on plain values).
RULES = {
    "WCO-COUNTRY-CODE": "country",
    "WCO-CURRENCY-CODE": "currency",
    "WCO-UNIT-CODE": "unit",
    "WCO-PACKAGE-TYPE": "package-type",
}

LETTERS = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=3)


def _place(xml: bytes, list_name: str, pick: int) -> tuple[sw.Declaration, Selected, date]:
    """The declaration read back from ``xml``, one value of the list (by index) and the
    date the rules judge it at."""
    decl = sw.parse(xml)
    ctx = Context.of(decl)
    values = ctx.coded(list_name)
    assume(values)
    return decl, values[pick % len(values)], ctx.as_of


def _put(selected: Selected, code: str) -> str:
    """Write ``code`` where ``selected`` stands; the finding path it must get."""
    node = selected.node
    if selected.attribute == "currencyID":
        node.currency = code  # type: ignore[union-attr]
    elif selected.attribute == "unitCode":
        node.unit = code  # type: ignore[union-attr]
    else:
        node.value = code  # type: ignore[union-attr]
    path = node.path  # type: ignore[union-attr]
    return f"{path}/@{selected.attribute}" if selected.attribute else str(path)


def _checked(decl: sw.Declaration) -> sw.Report:
    xml = decl.to_xml()
    validated = sw.validate(xml)
    assume(validated.ok)  # a value the profile's facets refuse is the schema's to report
    return sw.check(xml)


@settings(max_examples=40)
@given(
    xml=declaration_xml(items=(1, 3)),
    rule=st.sampled_from(sorted(RULES)),
    pick=st.integers(0, 50),
    data=st.data(),
)
def test_a_member_of_the_list_passes_wherever_it_stands(
    xml: bytes, rule: str, pick: int, data: st.DataObject
) -> None:
    list_name = RULES[rule]
    decl, selected, on = _place(xml, list_name, pick)
    edition = codelists.edition(list_name, on)
    assert edition is not None
    code = data.draw(st.sampled_from(sorted(edition.codes)))
    _put(selected, code)
    report = _checked(decl)
    assert rule not in report.rules(), [f.to_dict() for f in report.findings]


@settings(max_examples=40)
@given(
    xml=declaration_xml(items=(1, 3)),
    rule=st.sampled_from(sorted(RULES)),
    pick=st.integers(0, 50),
    code=LETTERS,
)
def test_a_code_outside_the_list_is_one_error_at_its_path(
    xml: bytes, rule: str, pick: int, code: str
) -> None:
    list_name = RULES[rule]
    decl, selected, _ = _place(xml, list_name, pick)
    assume(not any(code in e for e in codelists.get(list_name).editions))
    path = _put(selected, code)
    report = _checked(decl)
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, [f.to_dict() for f in report.findings]
    assert found[0].severity is sw.Severity.ERROR
    assert found[0].path == path
    assert found[0].value == code
    # A country pack may also judge that value (a duty currency other than the national
    # one): any other error is about the same value, never about something else.
    assert {f.path for f in report.errors} == {path}, [f.to_dict() for f in report.findings]
    assert report.verdict is sw.Verdict.REJECT
