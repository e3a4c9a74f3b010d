"""``countries=``: each pack once; ``""`` is no country; a named country keeps the roles the
declaration gives it, so a country without a role gets no rule of a role it lacks."""

from __future__ import annotations

import io
import json

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window.cli import run
from single_window.rules import RuleSet, load_pack

TR_IMPORT = EXAMPLES / "tr-import.xml"

ROLE_PACK = """
[pack]
country = "XR"
name = "Roles test pack"

[[rules]]
id = "XR-DECLARING"
title = "A rule of the declaring country"
agency = "customs"
severity = "error"
scope = "declaration"
when = { roles = ["declaring"] }
check = { kind = "one_of", field = "function_code", values = ["X"] }
message = "declaring: function code {value}"
source = "test pack"

[[rules]]
id = "XR-ANY"
title = "A rule with no role condition"
agency = "customs"
severity = "error"
scope = "declaration"
check = { kind = "one_of", field = "function_code", values = ["X"] }
message = "any role: function code {value}"
source = "test pack"
"""


def _keys(report: sw.Report) -> list[tuple[object, ...]]:
    return [(f.rule, f.country, f.path, f.message) for f in report.findings]


def test_each_named_pack_runs_once() -> None:
    once = sw.check(TR_IMPORT, countries=["AZ", "TR"])
    twice = sw.check(TR_IMPORT, countries=["AZ", "TR", "az", " TR ", "AZ"])
    assert twice.packs == once.packs == ("baseline", "AZ", "TR")
    assert list(twice.countries) == ["AZ", "TR"]
    assert _keys(twice) == _keys(once)
    (report,) = sw.check_many([TR_IMPORT], countries=["TR", "TR"], jobs=1)
    assert report.packs == ("baseline", "TR")


@pytest.mark.parametrize("none", ["", "  ", [], (), [""], ["", " "]])
def test_an_empty_value_runs_only_the_country_neutral_rules(none: object) -> None:
    report = sw.check(TR_IMPORT, countries=none)  # type: ignore[arg-type]
    assert report.packs == ("baseline",)
    assert report.countries == {}
    assert all(f.country is None for f in report.findings)
    (batch,) = sw.check_many([TR_IMPORT], countries=none, jobs=1)  # type: ignore[arg-type]
    assert batch.packs == ("baseline",)


def test_the_cli_and_python_agree_on_an_empty_value() -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["check", str(TR_IMPORT), "-q", "--format", "jsonl", "--countries", ""], out, err)
    assert code == 0, err.getvalue()
    line = json.loads(out.getvalue())
    assert line["packs"] == list(sw.check(TR_IMPORT, countries="").packs)


def test_a_named_country_without_a_role_gets_no_rule_of_a_role() -> None:
    # A Turkish import from Uzbekistan: Azerbaijan is nowhere on it.
    report = sw.check(TR_IMPORT, countries=["AZ", "TR"], explain=True)
    assert report.countries["AZ"].roles == ()
    assert report.countries["TR"].roles == ("declaring", "destination")
    assert report.route == sw.check(TR_IMPORT).route  # naming a country does not route it
    assert not [f for f in report.findings if f.country == "AZ"]
    assert report.explanation is not None
    specs = {s.id: s for s in RuleSet.bundled().packs["AZ"].specs}
    with_roles = [o for o in report.explanation if o.rule in specs and specs[o.rule].when.roles]
    assert with_roles, "the AZ pack has rules with a role condition"
    for outcome in with_roles:
        assert outcome.status == "not-applicable", outcome
        assert outcome.reason_id == "when.role-none"


def test_the_cli_judges_a_named_country_by_its_own_roles() -> None:
    out, err = io.StringIO(), io.StringIO()
    args = ["check", str(TR_IMPORT), "-q", "--format", "jsonl", "--countries", "AZ,TR"]
    assert run(args, out, err) == 0, err.getvalue()
    line = json.loads(out.getvalue())
    assert line["countries"]["AZ"]["roles"] == []
    assert line["verdict"] == "accept"


def test_a_rule_with_no_role_condition_runs_for_a_country_without_a_role() -> None:
    rules = RuleSet([*RuleSet.bundled().packs.values(), load_pack("xr.toml", text=ROLE_PACK)])
    report = sw.check(TR_IMPORT, countries=["XR"], rules=rules, explain=True)
    assert report.countries["XR"].roles == ()
    assert [f.rule for f in report.findings if f.country == "XR"] == ["XR-ANY"]
    assert report.explanation is not None
    status = {o.rule: o.status for o in report.explanation if o.country == "XR"}
    assert status == {"XR-DECLARING": "not-applicable", "XR-ANY": "failed"}


def test_a_named_country_with_a_role_keeps_exactly_its_roles() -> None:
    report = sw.check(TR_IMPORT, countries=["UZ"])
    assert report.countries["UZ"].roles == ("export",)
    assert report.countries["UZ"].roles == sw.check(TR_IMPORT).countries["UZ"].roles
