"""``[[lists]]`` extensions: every rule backed by a code list accepts the codes a pack in
force adds, and the extensions are built once per rule set, not per declaration.

Each golden case where a list-backed rule fails is run again with a pack that adds the
failing codes to the rule's list: the rule must then pass.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from test_packs import CASES, GOLDEN, _base, apply_edits

import single_window as sw
from single_window.rules import RuleSet, load_pack
from single_window.rules._context import Context

#: Every bundled rule that judges codes against a reference list, and its list.
LIST_RULES = {
    spec.id: spec.check.list
    for spec in RuleSet.bundled().rules()
    if spec.check.kind == "code_list"  # type: ignore[union-attr]
} | {"WCO-HS-SUBHEADING": "hs"}

EXTENSION_PACK = """
[pack]
country = "XA"
name = "List extension test pack"

[[rules]]
id = "XA-NOTHING"
title = "Nothing to check"
agency = "customs"
severity = "warning"
scope = "declaration"
check = { kind = "required", field = "function_code" }
message = "no function code"
source = "test pack"
"""


def _extension(name: str, codes: list[str], valid_from: date | None = None) -> str:
    listed = ", ".join(f'"{c}"' for c in sorted(set(codes)))
    since = f"valid_from = {valid_from.isoformat()}\n" if valid_from else ""
    return f'[[lists]]\nname = "{name}"\ncodes = [{listed}]\nsource = "test pack"\n{since}'


def _with(*extensions: str) -> RuleSet:
    pack = load_pack("xa.toml", text=EXTENSION_PACK + "\n" + "\n".join(extensions))
    return RuleSet([*RuleSet.bundled().packs.values(), pack])


def _failing_cases() -> list[Any]:
    found = []
    for case in CASES:
        listed = [rule for rule in case["fails"] if rule in LIST_RULES]
        if listed:
            found.append(pytest.param(case, listed, id=case["name"]))
    return found


def test_every_list_backed_rule_has_a_failing_case() -> None:
    failing = {rule for p in _failing_cases() for rule in p.values[1]}
    assert failing == set(LIST_RULES)


@pytest.mark.parametrize(("case", "rules"), _failing_cases())
def test_codes_a_pack_adds_to_a_list_pass_every_rule_of_that_list(
    case: dict[str, Any], rules: list[str]
) -> None:
    data = apply_edits(_base(case["base"]), case.get("edits", []))
    schema = GOLDEN / case["schema"] if "schema" in case else None
    on = case.get("on")
    plain = sw.check(data, on=on, schema=schema)
    extensions = []
    for rule in rules:
        values = [f.value for f in plain.findings if f.rule == rule and f.value]
        assert values, rule
        name = LIST_RULES[rule]
        codes = [v[:6] for v in values] if name == "hs" else values
        extensions.append(_extension(name, codes))
    countries = [*plain.countries, "XA"]
    extended = sw.check(data, on=on, schema=schema, rules=_with(*extensions), countries=countries)
    assert not set(rules) & set(extended.rules()), extended.rules()
    # The same codes do nothing while the pack that adds them is not in force.
    dated = _with(*(e + "valid_from = 9000-01-01\n" for e in extensions))
    later = sw.check(data, on=on, schema=schema, rules=dated, countries=countries)
    assert set(rules) <= set(later.rules())


def test_a_made_up_subheading_a_pack_adds_passes_the_hs_rules() -> None:
    data = (GOLDEN.parent.parent / "examples" / "tr-import.xml").read_bytes()
    data = data.replace(b"<ID>731815900019</ID>", b"<ID>999999900019</ID>")
    assert "WCO-HS-SUBHEADING" in sw.check(data).rules()
    report = sw.check(data, rules=_with(_extension("hs", ["999999"])), countries=["TR", "UZ", "XA"])
    assert report.verdict is sw.Verdict.ACCEPT, report.rules()
    custom = EXTENSION_PACK.replace(
        'check = { kind = "required", field = "function_code" }',
        'check = { kind = "code_list", field = "commodity_code", list = "hs" }',
    ).replace('scope = "declaration"', 'scope = "item"')
    pack = load_pack("xa.toml", text=custom + "\n" + _extension("hs", ["999999"]))
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    assert "XA-NOTHING" not in sw.check(data, rules=rules, countries=["TR", "XA"]).rules()
    bare = load_pack("xa.toml", text=custom)
    rules = RuleSet([*RuleSet.bundled().packs.values(), bare])
    assert "XA-NOTHING" in sw.check(data, rules=rules, countries=["TR", "XA"]).rules()


def test_a_country_a_pack_adds_to_an_ncts_list_takes_part_in_its_regime() -> None:
    """Georgia joined common transit on 1 Feb 2025: a pack adding it to CL009 earlier
    makes it a common transit country from the day the pack says."""
    data = (GOLDEN.parent.parent / "examples" / "tr-ge-t1.xml").read_bytes()
    before = sw.check(data, on="2025-01-31")
    assert "TRANSIT-CTC-COUNTRIES" in before.rules()
    added = _with(_extension("ncts:CL009", ["GE"], date(2025, 1, 1)))
    report = sw.check(data, on="2025-01-31", rules=added, countries=[*before.countries, "XA"])
    assert "TRANSIT-CTC-COUNTRIES" not in report.rules()
    report = sw.check(data, on="2024-12-31", rules=added, countries=[*before.countries, "XA"])
    assert "TRANSIT-CTC-COUNTRIES" in report.rules()


def test_extensions_are_built_once_per_rule_set() -> None:
    rules = _with(_extension("unit", ["QQQ"]), _extension("unit", ["QQR"], date(2030, 1, 1)))
    plan = rules.plan(["TR", "XA"])
    first = sw.parse(GOLDEN.parent.parent / "examples" / "tr-import.xml")
    second = sw.parse(GOLDEN.parent.parent / "examples" / "uz-import.xml")
    seen = []
    for decl in (first, second, first):
        ctx = Context.of(decl, on=date(2025, 6, 1))
        plan.evaluate(ctx)
        seen.append(ctx.extensions)
    assert seen[0] is seen[1] is seen[2]
    assert seen[0]["unit"] == frozenset({"QQQ"})
    later = Context.of(first, on=date(2031, 6, 1))
    plan.evaluate(later)
    assert later.extensions["unit"] == frozenset({"QQQ", "QQR"})
    with pytest.raises(TypeError):
        later.extensions["unit"] = frozenset()  # type: ignore[index]
