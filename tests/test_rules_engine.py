"""The rules engine: roles, applicability, explain mode, crashes, pack loading errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window import ConfigurationError
from single_window.rules import RuleSet, list_rules, load_pack, predicate
from single_window.rules._catalog import PREDICATES
from single_window.rules._kinds import IdentifierCheck
from single_window.rules._registry import Violation

TR_IMPORT = EXAMPLES / "tr-import.xml"


def edited(old: str, new: str, source: Path = TR_IMPORT) -> bytes:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def test_the_tr_import_example_is_accepted_by_turkiye() -> None:
    report = sw.check(TR_IMPORT)
    assert report.verdict is sw.Verdict.ACCEPT
    assert set(report.countries) >= {"TR"}
    assert report.countries["TR"].verdict is sw.Verdict.ACCEPT
    assert report.declaration is not None
    assert report.declaration.id == "TR-IMPORT-0001"
    assert (report.declaration.type, report.declaration.function) == ("IMA", "9")


def test_a_ten_digit_code_is_rejected_by_turkiye_at_the_classification_id() -> None:
    report = sw.check(edited("<ID>731815900019</ID>", "<ID>7318159000</ID>"))
    assert report.verdict is sw.Verdict.REJECT
    hs = [f for f in report.findings if f.rule == "TR-HS-LENGTH"]
    assert len(hs) == 1
    finding = hs[0]
    assert finding.country == "TR"
    assert finding.agency == "customs"
    assert finding.value == "7318159000"
    assert finding.path == (
        "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"
        "/Commodity/Classification[1]/ID"
    )
    line = TR_IMPORT.read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert "<ID>731815900019</ID>" in line
    assert report.countries["TR"].errors == 1


def test_countries_are_derived_with_their_roles() -> None:
    decl = sw.parse(TR_IMPORT)
    from single_window._check import involved_countries
    from single_window.rules import Role

    roles = involved_countries(decl)
    assert roles["TR"] == {Role.DECLARING, Role.DESTINATION}
    assert roles["UZ"] == {Role.EXPORT}


def test_an_empty_country_list_runs_only_the_country_neutral_rules() -> None:
    report = sw.check(edited("<ID>731815900019</ID>", "<ID>7318159000</ID>"), countries=[])
    assert report.countries == {}
    assert all(f.country is None for f in report.findings)
    assert report.verdict is sw.Verdict.ACCEPT


def test_an_unknown_country_is_a_configuration_error() -> None:
    with pytest.raises(sw.ConfigurationError):
        sw.check(TR_IMPORT, countries=["XX"])


def test_bad_input_gives_a_report_not_an_exception() -> None:
    report = sw.check(b"<Declaration")
    assert report.verdict is sw.Verdict.REJECT
    assert report.rules() == ["XML-SYNTAX"]
    assert report.declaration is None


def test_explain_lists_every_rule_with_its_outcome() -> None:
    report = sw.check(edited("<ID>731815900019</ID>", "<ID>7318159000</ID>"), explain=True)
    assert report.explanation is not None
    outcomes = {o.rule: o for o in report.explanation}
    assert outcomes["TR-HS-LENGTH"].status == "failed"
    assert outcomes["TR-HS-LENGTH"].findings == 1
    assert outcomes["WCO-ITEM-COUNT"].status == "passed"
    ran = {o.rule for o in report.explanation}
    assert ran >= {r.id for r in list_rules("TR")}
    assert "explanation" in report.to_dict()


def test_rules_that_do_not_apply_say_why() -> None:
    report = sw.check(TR_IMPORT, countries=["TR"], explain=True)
    assert report.explanation is not None
    amendment = sw.check(
        edited("<FunctionCode>9</FunctionCode>", "<FunctionCode>13</FunctionCode>"), explain=True
    )
    assert amendment.explanation is not None
    item_count = next(o for o in amendment.explanation if o.rule == "WCO-ITEM-COUNT")
    assert item_count.status == "not-applicable"
    assert "13" in item_count.reason


def test_a_crashing_rule_fails_closed(tmp_path: Path) -> None:
    name = "test-always-crashes"
    if name not in PREDICATES:

        @predicate(name, "item")
        def crashes(ctx: object, item: object, params: object) -> list[Violation]:
            raise RuntimeError("boom")

    pack = tmp_path / "xx.toml"
    pack.write_text(
        '[pack]\ncountry = "TR"\nname = "crashing"\n\n[[rules]]\nid = "TR-CRASH"\n'
        'title = "crashes"\nagency = "customs"\nseverity = "warning"\nscope = "item"\n'
        f'check = {{ kind = "predicate", predicate = "{name}" }}\n'
        'message = "never"\nsource = "test"\n',
        encoding="utf-8",
    )
    rules = RuleSet.from_paths([pack], replace=True)
    report = sw.check(TR_IMPORT, rules=rules)
    crash = [f for f in report.findings if f.rule == "RULE-CRASH"]
    assert len(crash) == 1
    assert crash[0].value == "TR-CRASH"
    assert crash[0].country == "TR"
    assert crash[0].severity is sw.Severity.ERROR
    assert report.verdict is sw.Verdict.REJECT


REQUIRED = 'check = { kind = "required", field = "commodity_code" }\n'


@pytest.mark.parametrize(
    ("body", "rule", "field"),
    [
        (
            'id = "TR-X"\ntitle = "rule x"\nagency = "customs"\nseverity = "fatal"\n'
            + REQUIRED
            + 'message = "msg"\nsource = "a source"\n',
            "TR-X",
            "severity",
        ),
        (
            'id = "TR-Y"\ntitle = "rule y"\nagency = "customs"\nseverity = "error"\n'
            'check = { kind = "length", field = "no_such_field", lengths = [1] }\n'
            'message = "msg"\nsource = "a source"\n',
            "TR-Y",
            "check",
        ),
        (
            'id = "TR-Z"\ntitle = "rule z"\nagency = "customs"\nseverity = "error"\n'
            "example = true\n" + REQUIRED + 'message = "msg"\nsource = "a source"\n',
            "TR-Z",
            None,
        ),
        (
            'id = "TR-W"\ntitle = "rule w"\nagency = "customs"\nseverity = "error"\n'
            'check = { kind = "required", field = "commodity_code" }\nmessage = "msg"\n',
            "TR-W",
            "source",
        ),
    ],
    ids=["bad-severity", "unknown-field", "example-error", "missing-source"],
)
def test_a_broken_pack_names_file_rule_and_field(
    tmp_path: Path, body: str, rule: str, field: str | None
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(f'[pack]\ncountry = "TR"\nname = "t"\n\n[[rules]]\n{body}', encoding="utf-8")
    with pytest.raises(sw.RulePackError) as info:
        load_pack(path)
    error = info.value
    assert error.file == str(path)
    assert error.rule == rule
    if field is not None:
        assert field in str(error)


def test_invalid_toml_is_a_pack_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[pack\n", encoding="utf-8")
    with pytest.raises(sw.RulePackError) as info:
        load_pack(path)
    assert info.value.file == str(path)


def test_dated_rules_follow_the_declaration_date_or_on(tmp_path: Path) -> None:
    pack = tmp_path / "tr.toml"
    pack.write_text(
        '[pack]\ncountry = "TR"\nname = "dated"\n\n[[rules]]\nid = "TR-DATED"\n'
        'title = "dated"\nagency = "customs"\nseverity = "error"\nscope = "item"\n'
        "when = { valid_from = 2027-01-01 }\n"
        'check = { kind = "length", field = "commodity_code", lengths = [3] }\n'
        'message = "{value}"\nsource = "test"\n',
        encoding="utf-8",
    )
    rules = RuleSet.from_paths([pack], replace=True)
    before = sw.check(TR_IMPORT, rules=rules)
    assert "TR-DATED" not in before.rules()
    after = sw.check(TR_IMPORT, rules=rules, on=date(2027, 6, 1))
    assert "TR-DATED" in after.rules()


def _custom_tr_pack(folder: Path) -> Path:
    """A Turkish pack of one rule, TR-CUSTOM (a warning for codes not 10 digits long)."""
    pack = folder / "tr.toml"
    pack.write_text(
        '[pack]\ncountry = "TR"\nname = "custom"\n\n[[rules]]\nid = "TR-CUSTOM"\n'
        'title = "custom"\nagency = "customs"\nseverity = "warning"\nscope = "item"\n'
        'check = { kind = "length", field = "commodity_code", lengths = [10] }\n'
        'message = "{value} is not 10 long"\nsource = "test"\n',
        encoding="utf-8",
    )
    return pack


def test_a_custom_pack_replaces_the_bundled_pack_of_its_country_when_asked(
    tmp_path: Path,
) -> None:
    pack = _custom_tr_pack(tmp_path)
    report = sw.check(TR_IMPORT, rules=RuleSet.from_paths([pack], replace=True))
    assert report.rules() == ["TR-CUSTOM"]
    assert report.verdict is sw.Verdict.ACCEPT
    assert report.countries["TR"].warnings == 1


def test_a_second_pack_for_a_country_is_an_error_unless_asked_to_replace(
    tmp_path: Path,
) -> None:
    pack = _custom_tr_pack(tmp_path)
    with pytest.raises(ConfigurationError, match=r"two rule packs for country TR.*tr\.toml"):
        RuleSet.from_paths([pack])
    twice = [load_pack(pack), load_pack(pack)]
    with pytest.raises(ConfigurationError, match="two rule packs for country TR"):
        RuleSet(twice)
    assert RuleSet(twice, replace=True).packs["TR"].file == str(pack)


def test_the_same_input_gives_the_same_report() -> None:
    data = edited("<ID>731815900019</ID>", "<ID>73181590</ID>")
    assert sw.check(data).to_dict() == sw.check(data).to_dict()


def test_every_bundled_rule_is_listed_with_a_source() -> None:
    infos = list_rules()
    assert infos
    assert len({i.id for i in infos}) == len(infos)
    for info in infos:
        assert info.source.strip()
        assert not (info.example and info.severity == "error")


def test_explain_says_when_a_rule_had_nothing_to_check() -> None:
    # Azerbaijan is a transit country of the corridor declaration, which has no
    # Azerbaijani party.
    corridor = EXAMPLES / "middle-corridor.xml"
    report = sw.check(corridor, countries=["AZ", "TR"], explain=True)
    assert report.countries["AZ"].roles == ("transit",)
    assert report.explanation is not None
    outcomes = {o.rule: o for o in report.explanation}
    outcome = outcomes["AZ-TRADER-ID"]
    assert (outcome.status, outcome.findings) == ("not-applicable", 0)
    # the reason names the country and the parties the rule judges (its check's values)
    (spec,) = [s for s in RuleSet.bundled().packs["AZ"].specs if s.id == "AZ-TRADER-ID"]
    assert isinstance(spec.check, IdentifierCheck)
    assert all(value in outcome.reason for value in ("AZ", *spec.check.parties))
    assert outcomes["TR-TRADER-ID"].status == "passed"


THRESHOLD_PACK = """
[pack]
country = "XC"
name = "Threshold test pack"

[[rules]]
id = "XC-INVOICE-LIMIT"
title = "Invoices stay under a limit"
agency = "customs"
severity = "error"
scope = "declaration"
message = "invoice {{value}} over {{expected}}"
source = "test pack"

[rules.check]
kind = "max_amount"
field = "invoice_amount"
limit = "{limit}"
currency = "{currency}"
"""


@pytest.mark.parametrize(
    ("limit", "currency", "status"),
    [("100", "USD", "failed"), ("100000", "USD", "passed"), ("100", "EUR", "not-applicable")],
)
def test_a_threshold_in_another_currency_than_the_amount_has_nothing_to_check(
    limit: str, currency: str, status: str
) -> None:
    # The TR import's invoice is 18400.00 USD.
    pack = load_pack("xc.toml", text=THRESHOLD_PACK.format(limit=limit, currency=currency))
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    report = sw.check(TR_IMPORT, countries=["XC"], rules=rules, explain=True)
    assert report.explanation is not None
    outcome = next(o for o in report.explanation if o.rule == "XC-INVOICE-LIMIT")
    assert outcome.status == status
    assert ("XC-INVOICE-LIMIT" in report.rules()) is (status == "failed")
    if status == "not-applicable":
        # the reason names the field and the currency the rule compares in
        assert outcome.findings == 0
        assert "invoice_amount" in outcome.reason and "EUR" in outcome.reason


# --- user packs cannot stall or flood a check -------------------------------------------------

PATTERN_PACK = """
[pack]
country = "XA"
name = "Pattern test pack"

[[rules]]
id = "XA-OFFICE"
title = "Office ids match a pattern"
agency = "customs"
severity = "error"
scope = "declaration"
check = {{ kind = "pattern", field = "declaration_office_id", pattern = '{pattern}' }}
message = "{message}"
source = "test pack"
"""


def _xa_pack(pattern: str, message: str = "office {value}") -> str:
    return PATTERN_PACK.format(pattern=pattern, message=message)


def test_a_backtracking_pattern_runs_in_linear_time() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pack = load_pack("xa.toml", text=_xa_pack("(A|A|A|A|A|A)+B"))
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    data = TR_IMPORT.read_bytes().replace(b"TR340100", b"A" * 17, 1)
    with ThreadPoolExecutor(1) as pool:  # Python's re would backtrack for ever here
        report = pool.submit(sw.check, data, countries=["XA"], rules=rules).result(timeout=60)
    assert report.rules() == ["XA-OFFICE"]


@pytest.mark.parametrize("pattern", [r"(a)\1", "(?=a)a", "(?<=x)y"])
def test_patterns_the_linear_engine_cannot_take_are_refused_at_load(pattern: str) -> None:
    with pytest.raises(sw.RulePackError, match="linear-time engine") as info:
        load_pack("xa.toml", text=_xa_pack(pattern))
    assert info.value.rule == "XA-OFFICE"


@pytest.mark.parametrize(
    "template",
    ["{value:>300000000}", "{value!r}", "{value.__class__.__mro__}", "{value[0]}", "{0}", "{"],
)
def test_message_templates_take_plain_placeholders_only(template: str) -> None:
    with pytest.raises(sw.RulePackError, match="message") as info:
        load_pack("xa.toml", text=_xa_pack("[A-Z]{2}[0-9]{6}", template))
    assert info.value.rule == "XA-OFFICE"


def test_a_huge_value_gives_a_short_message() -> None:
    from single_window.rules._messages import MAX_MESSAGE, MAX_VALUE

    pack = load_pack("xa.toml", text=_xa_pack("[0-9]+", "office {value} {value} is no good"))
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    data = TR_IMPORT.read_bytes().replace(b"TR340100", b"A" * 17, 1)
    (finding,) = sw.check(data, countries=["XA"], rules=rules).findings
    assert finding.value == "A" * 17
    assert "{value}" not in finding.message and len(finding.message) <= MAX_MESSAGE
    from single_window.rules._messages import Template

    long = Template("x {value} y").render({"value": "B" * 10_000})
    assert len(long) <= 2 + MAX_VALUE + 2 and long.endswith("… y")


PARTY_PACK = """
[pack]
country = "XA"
name = "Party identifier test pack"

[[rules]]
id = "XA-PARTY-ID"
title = "The party is identified"
agency = "customs"
severity = "error"
scope = "declaration"
check = {{ kind = "required", field = "{field}" }}
message = "no {{field}}"
source = "test pack"
"""


@pytest.mark.parametrize(
    ("field", "path", "status"),
    [
        ("declarant_id", "/MetaData/Declaration/Declarant", "passed"),
        ("importer_id", "/MetaData/Declaration/GoodsShipment/Importer", "passed"),
        ("exporter_id", "/MetaData/Declaration/Exporter", "failed"),
    ],
)
def test_a_party_identifier_is_read_by_role(field: str, path: str, status: str) -> None:
    # In the TR import the declarant and the importer carry an ID, the exporter does not.
    pack = load_pack("xa.toml", text=PARTY_PACK.format(field=field))
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    report = sw.check(TR_IMPORT, countries=["XA"], rules=rules, explain=True)
    assert report.explanation is not None
    assert next(o for o in report.explanation if o.rule == "XA-PARTY-ID").status == status
    if status == "failed":
        (finding,) = report.findings
        assert finding.path == path  # the party whose identifier is missing
    else:
        without = (
            edited("<ID>1234567890</ID>", "")
            if field == "declarant_id"
            else edited("<ID>1234567890</ID>\n      </Importer>", "</Importer>")
        )
        (finding,) = sw.check(without, countries=["XA"], rules=rules).findings
        assert (finding.rule, finding.path) == ("XA-PARTY-ID", path)


def test_a_missing_party_is_reported_at_the_declaration() -> None:
    pack = load_pack("xa.toml", text=PARTY_PACK.format(field="declarant_id"))
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    data = edited("    <Declarant>\n      <ID>1234567890</ID>\n    </Declarant>\n", "")
    (finding,) = sw.check(data, countries=["XA"], rules=rules).findings
    assert (finding.rule, finding.path) == ("XA-PARTY-ID", "/MetaData/Declaration")


LIST_PACK = """
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

[[lists]]
name = "unit"
codes = ["QQQ"]
source = "test pack: a national unit"
valid_from = 2020-01-01
"""


def test_a_pack_in_force_adds_codes_to_a_reference_list() -> None:
    data = TR_IMPORT.read_bytes().replace(b'unitCode="KGM"', b'unitCode="QQQ"', 1)
    plain = sw.check(data)
    assert "WCO-UNIT-CODE" in plain.rules()
    rules = RuleSet([*RuleSet.bundled().packs.values(), load_pack("xa.toml", text=LIST_PACK)])
    assert "WCO-UNIT-CODE" in sw.check(data, rules=rules).rules()  # XA is not involved
    added = sw.check(data, rules=rules, countries=["TR", "XA"])
    assert "WCO-UNIT-CODE" not in added.rules()
    before = sw.check(data, rules=rules, countries=["TR", "XA"], on=date(2019, 12, 31))
    assert "WCO-UNIT-CODE" in before.rules()


def test_a_pack_cannot_extend_a_list_that_does_not_exist() -> None:
    with pytest.raises(sw.RulePackError, match="no code list"):
        load_pack("xa.toml", text=LIST_PACK.replace('name = "unit"', 'name = "units"'))


LOOP_PACK = """
[pack]
country = "XA"
name = "A pack with a predicate that never returns"

[[rules]]
id = "XA-LOOP"
title = "Loops for ever"
agency = "customs"
severity = "warning"
scope = "item"
check = { kind = "predicate", predicate = "test-loop-for-ever" }
message = "never"
source = "test pack"
"""


def _register_loop() -> None:
    """Register the predicate of LOOP_PACK: it never returns."""
    if "test-loop-for-ever" not in PREDICATES:

        @predicate("test-loop-for-ever", "item")
        def _loop(ctx: object, item: object, params: object) -> Iterator[Violation]:
            while True:
                pass
            yield  # pragma: no cover


def test_a_rule_that_never_returns_is_stopped_and_fails_closed() -> None:
    from single_window.rules._context import Context

    _register_loop()
    pack = load_pack("xa.toml", text=LOOP_PACK)
    rules = RuleSet([*RuleSet.bundled().packs.values(), pack])
    plan = rules.plan(["TR", "XA"])
    decl = sw.parse(TR_IMPORT)
    findings, outcomes = plan.evaluate(Context.of(decl), explain=True, seconds=0.3)
    (stopped,) = [f for f in findings if f.rule == "RULE-TIMEOUT"]
    assert (stopped.value, stopped.severity) == ("XA-LOOP", sw.Severity.ERROR)
    assert stopped.path == decl.goods_items[0].path
    assert outcomes is not None
    status = {o.rule: o.status for o in outcomes}
    assert status["XA-LOOP"] == "crashed"
    # nothing is left pending once the rules are done: Python code goes on unharmed
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        pass


def test_a_declaration_whose_rules_finish_in_time_is_not_touched() -> None:
    from single_window.rules._context import Context

    plan = RuleSet.bundled().plan(["TR", "UZ"])
    for _ in range(200):
        findings, _ = plan.evaluate(Context.of(sw.parse(TR_IMPORT)), seconds=0.2)
        assert findings == []
    deadline = time.monotonic() + 0.5  # past every deadline that was set
    while time.monotonic() < deadline:
        pass


def test_check_gives_the_rules_the_budget_of_its_limits() -> None:
    _register_loop()
    rules = RuleSet([*RuleSet.bundled().packs.values(), load_pack("xa.toml", text=LOOP_PACK)])
    started = time.monotonic()
    report = sw.check(
        TR_IMPORT, rules=rules, countries=["TR", "XA"], limits=sw.Limits(rule_seconds=0.2)
    )
    assert time.monotonic() - started < 5
    assert report.verdict is sw.Verdict.REJECT
    assert [f.value for f in report.findings if f.rule == "RULE-TIMEOUT"] == ["XA-LOOP"]
    with pytest.raises(ValueError, match="rule_seconds"):
        sw.check(TR_IMPORT, limits=sw.Limits(rule_seconds=0))
