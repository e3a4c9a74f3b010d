"""Shared state is read-only: what the public API hands out cannot change later verdicts.

The bundled rule set, the code lists and their editions are made once per process and
shared by every check. Each public accessor returns immutable objects (read-only
mappings, frozen dataclasses and models, tuples) or copies; writing to one raises and
changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pydantic
import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window import codelists, codes
from single_window.rules import RuleSet, list_rules, load_pack

TR_FAULT = EXAMPLES / "faults" / "tr-import-hs-length.xml"
#: What a write to a frozen or read-only object raises.
REFUSED = (TypeError, AttributeError, dataclasses.FrozenInstanceError, pydantic.ValidationError)


def _verdicts() -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for path in (TR_FAULT, EXAMPLES / "tr-import.xml", EXAMPLES / "middle-corridor.xml"):
        report = sw.check(path, on="2025-06-01")
        out.append((report.verdict.value, tuple(report.rules())))
    return out


BEFORE = _verdicts()


def _refused(write: Callable[[], object]) -> None:
    with pytest.raises(REFUSED):
        write()
    assert _verdicts() == BEFORE


def test_the_bundled_packs_cannot_be_removed_or_replaced() -> None:
    packs = RuleSet.bundled().packs
    _refused(lambda: packs.pop("TR"))  # type: ignore[attr-defined]
    _refused(lambda: packs.__setitem__("TR", packs["UZ"]))  # type: ignore[index]
    _refused(lambda: packs.clear())  # type: ignore[attr-defined]
    assert "TR" in RuleSet.bundled().packs


def test_a_loaded_pack_and_its_rules_are_frozen() -> None:
    pack = RuleSet.bundled().packs["TR"]
    _refused(lambda: setattr(pack, "rules", ()))
    _refused(lambda: setattr(pack.info, "timezone", "UTC"))
    spec = pack.specs[0]
    _refused(lambda: setattr(spec, "severity", sw.Severity.INFO))
    _refused(lambda: setattr(spec.when, "roles", None))
    _refused(lambda: setattr(spec.check, "field", "x"))
    _refused(lambda: setattr(pack.rules[0], "run", lambda *a: []))


def test_predicate_parameters_are_read_only() -> None:
    specs = [s for s in RuleSet.bundled().rules() if s.check.kind == "predicate"]
    with_lists = [
        s
        for s in specs
        if any(not isinstance(v, str | int | float) for v in s.check.params.values())  # type: ignore[union-attr]
    ]
    assert with_lists
    for spec in specs:
        params: Any = spec.check.params  # type: ignore[union-attr]
        _refused(lambda params=params: params.__setitem__("country", "XX"))
        _refused(lambda params=params: params.pop(next(iter(params), "x")))
        _refused(lambda params=params: params.clear())
        _refused(lambda params=params: params.update(x=1))
    for spec in with_lists:
        params = spec.check.params  # type: ignore[union-attr]
        for value in params.values():
            if not isinstance(value, str | int | float):
                _refused(lambda value=value: value.append("X"))


def test_a_rule_sets_packs_are_read_only_for_any_rule_set() -> None:
    text = (EXAMPLES.parent / "single_window" / "packs" / "tr.toml").read_text("utf-8")
    rules = RuleSet([load_pack("tr.toml", text=text)])
    _refused(lambda: rules.packs.pop("TR"))  # type: ignore[attr-defined]
    assert list(rules.packs) == ["TR"]


def test_listed_rules_are_copies() -> None:
    listed = list_rules("TR")
    listed.clear()
    assert list_rules("TR")
    rules = RuleSet.bundled().rules("TR")
    rules.clear()
    assert RuleSet.bundled().rules("TR")
    countries = RuleSet.bundled().countries
    countries.clear()
    assert RuleSet.bundled().countries
    _refused(lambda: setattr(list_rules("TR")[0], "severity", "info"))


def test_a_code_list_edition_is_read_only() -> None:
    edition = codelists.edition("hs", date(2024, 1, 1))
    assert edition is not None
    _refused(lambda: setattr(edition, "valid_from", date(2030, 1, 1)))
    _refused(lambda: setattr(edition, "valid_to", date(2022, 6, 1)))
    _refused(lambda: setattr(edition, "label", "HS 2017"))
    _refused(lambda: setattr(edition, "list", "country"))
    _refused(lambda: setattr(edition, "sources", ()))
    _refused(lambda: edition.codes.add("999999"))  # type: ignore[attr-defined]
    _refused(lambda: edition.marked.clear())  # type: ignore[attr-defined]
    assert codelists.edition("hs", date(2024, 1, 1)) is edition
    assert edition.valid_from == date(2022, 1, 1)


@pytest.mark.parametrize("name", codelists.names())
def test_every_list_and_its_editions_are_read_only(name: str) -> None:
    code_list = codelists.get(name)
    _refused(lambda: setattr(code_list, "name", "x"))
    _refused(lambda: setattr(code_list, "title", "x"))
    _refused(lambda: setattr(code_list, "editions", ()))
    for edition in code_list.editions:
        with pytest.raises(REFUSED):
            edition.valid_from = date(2000, 1, 1)  # type: ignore[misc]
    spans = getattr(code_list, "spans", None)
    if spans is not None:
        table = spans()
        with pytest.raises(REFUSED):
            table["XX"] = (None, None)
        with pytest.raises(REFUSED):
            table.pop(next(iter(table)))


def test_a_tariff_edition_and_a_membership_are_frozen() -> None:
    tariff = codelists.tariff_edition("UZ", date(2024, 1, 1))
    _refused(lambda: setattr(tariff, "editions", ()))
    _refused(lambda: setattr(tariff.editions[0], "valid_to", date(2020, 1, 1)))
    answer = codelists.check("currency", "HRK", date(2024, 6, 1))
    _refused(lambda: setattr(answer, "status", "member"))


def test_the_stage_codes_are_read_only() -> None:
    _refused(lambda: codes.STAGES.__setitem__("rules", "x"))  # type: ignore[index]
    _refused(lambda: setattr(codes.STAGE_CODES[0], "severity", sw.Severity.INFO))
    _refused(lambda: setattr(sw.Limits(), "rule_seconds", None))
