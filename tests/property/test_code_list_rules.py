"""The code-list rules on drawn declarations: a member of a list passes wherever the
list governs a value, and a code outside it gives exactly one error of the list's rule,
at that value's path (the attribute's, for a currency or a unit), and no error anywhere
else.

Each example takes a valid drawn declaration, picks one of the values a list governs
(the same values the rules read, ``Context.coded``), puts a member or an outsider there
and checks the document again. Values the bundled profile's facets refuse are not
tried: the schema, not the rule, answers for them. Commodity codes are judged by the HS
edition of the tariff of the country that judges the declaration: a subheading of that
edition (of every edition it may apply, where that is not confirmed) passes, one outside
gives exactly one ``WCO-HS-SUBHEADING`` error at the code.
"""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import single_window as sw
from single_window import codelists
from single_window.rules import RuleSet
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


HS_RULES = {"WCO-HS-SUBHEADING", "WCO-HS-EDITION-UNCONFIRMED"}


def _tariff_of(decl: sw.Declaration) -> codelists.TariffEdition:
    """The HS editions of the tariff that judges the declaration (the declaring
    country's; on a transit declaration the office of departure's), on its date."""
    ctx = Context.of(decl, zones=RuleSet.bundled().zone)
    country = ctx.route.departure if ctx.kind == "transit" else ctx.declaring
    return codelists.tariff_edition(country, ctx.as_of)


def _put_head(decl: sw.Declaration, pick: int, head: str) -> str:
    """Put ``head`` before the rest of one item's commodity code; the path a finding on
    the code points at (its ``Classification/ID``, or the ``Commodity`` when the code is
    written in parts, a CN code and a TARIC code)."""
    item = decl.goods_items[pick % len(decl.goods_items)]
    assert item.commodity is not None
    first = item.commodity.classifications[0]
    assert first.id is not None
    first.id.value = head + first.id.value[6:]
    whole = len(item.commodity.classifications) == 1
    return str(first.id.path if whole else item.commodity.path)


@settings(max_examples=40)
@given(
    xml=declaration_xml(items=(1, 3), kinds=["import", "export", "transit"]),
    pick=st.integers(0, 50),
    data=st.data(),
)
def test_a_subheading_of_the_countrys_tariff_passes_in_any_commodity_code(
    xml: bytes, pick: int, data: st.DataObject
) -> None:
    decl = sw.parse(xml)
    tariff = _tariff_of(decl)
    assume(tariff.editions)
    common = frozenset.intersection(*(e.codes for e in tariff.editions))
    _put_head(decl, pick, data.draw(st.sampled_from(sorted(common))))
    report = _checked(decl)
    assert not HS_RULES & set(report.rules()), [f.to_dict() for f in report.findings]


@settings(max_examples=40)
@given(xml=declaration_xml(items=(1, 3)), pick=st.integers(0, 50), data=st.data())
def test_a_subheading_outside_the_countrys_tariff_is_one_error_at_its_path(
    xml: bytes, pick: int, data: st.DataObject
) -> None:
    decl = sw.parse(xml)
    tariff = _tariff_of(decl)
    assume(tariff.editions)
    hs = codelists.get("hs")
    accepted = frozenset().union(*(e.codes for e in tariff.editions))
    every = frozenset().union(*(e.codes for e in hs.editions))
    outside = sorted((every - accepted) | {f"{n:06d}" for n in range(10000, 97000, 997)} - every)
    head = data.draw(st.sampled_from([h for h in outside if h[:2] not in ("98", "99")]))
    path = _put_head(decl, pick, head)
    report = _checked(decl)
    found = [f for f in report.findings if f.rule in HS_RULES]
    assert [(f.rule, f.path, f.severity) for f in found] == [
        ("WCO-HS-SUBHEADING", path, sw.Severity.ERROR)
    ], [f.to_dict() for f in report.findings]
    assert found[0].value is not None and found[0].value[:6] == head
