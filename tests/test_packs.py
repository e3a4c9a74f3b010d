"""The bundled country packs: their shape, their sources, and every rule passing and failing.

``tests/golden/rule-cases.toml`` holds a golden case per rule outcome: a base declaration
(an example, a fault variant, or a golden base in ``tests/golden/``), a few edits, and the
exact set of rule ids that must fire (and the rules that must run and pass, or must not
apply). Every rule of every bundled pack has at least one passing and one failing case.
Matching is on rule ids, countries and paths, never on message text.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO, corpus_params
from lxml import etree
from test_examples import resolve

import single_window as sw
from single_window import RulePackError, Severity
from single_window.rules import RuleSet, load_pack
from single_window.rules._catalog import resolve_identifier

STAGE_CODES = frozenset(c.code for c in sw.codes.STAGE_CODES)

GOLDEN = REPO / "tests" / "golden"
PACKS = REPO / "single_window" / "packs"
DEC = "urn:wco:datamodel:WCO:DEC-DMS:2"
COUNTRY_PACKS = {"AZ", "TR", "UZ", "KZ", "KG", "HU", "TM", "GE"}


def load_cases() -> list[dict[str, Any]]:
    with (GOLDEN / "rule-cases.toml").open("rb") as fh:
        cases: list[dict[str, Any]] = tomllib.load(fh)["cases"]
    return cases


CASES = load_cases()


def _base(name: str) -> Path:
    return GOLDEN / name.removeprefix("golden/") if name.startswith("golden/") else EXAMPLES / name


def apply_edits(base: Path, edits: list[dict[str, Any]]) -> bytes:
    """The base document with the case's edits applied (see rule-cases.toml): a WCO
    declaration, or an NCTS message (paths from its root, fragments in no namespace)."""
    tree = etree.parse(str(base))
    root = tree.getroot()
    wco = etree.QName(root).localname == "MetaData"
    prefix = "/MetaData/Declaration/" if wco else f"/{etree.QName(root).localname}/"
    namespace = DEC if wco else ""
    for edit in edits:
        path = edit["path"]
        if not path.startswith("/"):
            path = prefix + path
        element = resolve(root, path)
        if "text" in edit:
            element.text = edit["text"]
        elif "attr" in edit:
            element.set(edit["attr"], edit["value"])
        elif edit.get("remove"):
            parent = element.getparent()
            assert parent is not None
            parent.remove(element)
        elif "insert_before" in edit or "append" in edit:
            xml = edit.get("insert_before", edit.get("append"))
            fragment = etree.fromstring(f'<wrap xmlns="{namespace}">{xml}</wrap>'.encode())
            for child in list(fragment):
                if "insert_before" in edit:
                    element.addprevious(child)
                else:
                    element.append(child)
        else:
            raise ValueError(f"unknown edit {edit}")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def run_case(case: dict[str, Any]) -> sw.Report:
    data = apply_edits(_base(case["base"]), case.get("edits", []))
    on = case.get("on")
    schema = GOLDEN / case["schema"] if "schema" in case else None
    return sw.check(data, on=on, schema=schema, explain=True)


def _outcomes(report: sw.Report) -> dict[str, str]:
    assert report.explanation is not None
    return {o.rule: o.status for o in report.explanation}


# --- the packs themselves ----------------------------------------------------------------


def test_there_is_one_pack_per_ots_country_plus_the_baseline() -> None:
    files = {p.stem for p in PACKS.glob("*.toml")}
    assert files >= {c.lower() for c in COUNTRY_PACKS} | {"baseline"}
    rules = RuleSet.bundled()
    assert set(rules.countries) >= COUNTRY_PACKS


@pytest.mark.parametrize("country", sorted(COUNTRY_PACKS))
def test_country_pack_has_the_common_shape(country: str) -> None:
    path = PACKS / f"{country.lower()}.toml"
    text = path.read_text(encoding="utf-8")
    # A header that lists the facts with their sources, before the [pack] table.
    header = text[: text.index("[pack]")]
    assert header.startswith("# ") and "Facts and their sources" in header
    assert re.search(r"https?://", header)
    pack = load_pack(path)
    assert pack.info.country == country
    assert pack.info.currency is not None
    assert pack.info.member in {"member", "observer", "partner"}
    assert all(rule.id.startswith(f"{country}-") for rule in pack.specs)


def test_member_packs_check_commodity_codes_trader_ids_and_duty_currency() -> None:
    rules = {r.id for r in RuleSet.bundled().rules()}
    for country in ("AZ", "TR", "UZ", "KZ", "KG", "GE"):
        assert {f"{country}-TRADER-ID", f"{country}-DUTY-CURRENCY"} <= rules
        assert f"{country}-HS-LENGTH" in rules
    assert {"HU-HS-LENGTH-IMPORT", "HU-HS-LENGTH-EXPORT", "HU-TRADER-ID"} <= rules
    # Turkmenistan: code length and TIN are unconfirmed, so there are no such rules.
    assert not any(r.startswith(("TM-HS", "TM-TRADER")) for r in rules)


def test_every_bundled_rule_cites_a_source() -> None:
    for spec in RuleSet.bundled().rules():
        assert spec.source.strip(), spec.id
        assert len(spec.source.strip()) >= 10, spec.id


def test_example_rules_are_never_errors() -> None:
    specs = RuleSet.bundled().rules()
    examples = [s for s in specs if s.example]
    assert examples, "the packs mark their unconfirmed rules as examples"
    for spec in examples:
        assert spec.severity is not Severity.ERROR, spec.id


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("GE-HS-LENGTH", True),
        ("AZ-TRADER-ID-CHECKSUM", True),
        ("KZ-VET-CERTIFICATE", True),
        ("KZ-PHYTO-CERTIFICATE", True),
        ("KG-INN-PREFIX", True),
        ("UZ-POSTAL-LIMIT", True),
        ("TR-ORIGIN-PROOF", True),
        ("TM-DUTY-CURRENCY", True),
        ("TR-HS-LENGTH", False),
        ("KZ-TRADER-ID", False),
        ("KZ-PROCEDURE", False),
        ("HU-HS-LENGTH-IMPORT", False),
    ],
)
def test_rules_on_unconfirmed_facts_are_marked_as_examples(rule: str, expected: bool) -> None:
    spec = next(s for s in RuleSet.bundled().rules() if s.id == rule)
    assert spec.example is expected


def test_dated_rules_carry_their_validity_window() -> None:
    specs = {s.id: s for s in RuleSet.bundled().rules()}
    assert specs["UZ-POSTAL-LIMIT"].when.valid_from == dt.date(2025, 5, 1)
    assert specs["KZ-MAIL-PROHIBITED"].when.valid_from == dt.date(2024, 7, 3)
    for cc in ("KZ", "KG"):  # EEC Council Decision No 107 and its temporary EUR 1,000
        windows = [
            (
                specs[f"{cc}-MAIL-LIMIT{tail}"].when.valid_from,
                specs[f"{cc}-MAIL-LIMIT{tail}"].when.valid_to,
            )
            for tail in ("", "-2022", "-2024")
        ]
        assert windows == [
            (dt.date(2020, 1, 1), dt.date(2022, 3, 30)),
            (dt.date(2022, 3, 31), dt.date(2024, 3, 31)),
            (dt.date(2024, 4, 1), None),
        ]


# --- a broken pack -------------------------------------------------------------------------

BROKEN_EXAMPLE_ERROR = """
[pack]
country = "XX"
name = "Broken"

[[rules]]
id = "XX-FINE"
title = "A fine rule"
agency = "customs"
severity = "warning"
check = { kind = "length", field = "commodity_code", lengths = [10] }
message = "'{value}' is not 10 digits"
source = "a test"

[[rules]]
id = "XX-UNCONFIRMED"
title = "An unconfirmed fact"
agency = "customs"
severity = "error"
check = { kind = "length", field = "commodity_code", lengths = [11] }
message = "'{value}' is not 11 digits"
source = "a rumour"
example = true
"""


def test_a_broken_pack_names_the_file_the_rule_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(
        BROKEN_EXAMPLE_ERROR.replace('severity = "warning"', 'severity = "fatal"'),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as info:
        RuleSet.from_paths([path])
    assert info.value.file == str(path)
    assert info.value.rule == "XX-FINE"
    assert str(path) in str(info.value)
    assert "XX-FINE" in str(info.value)
    assert "severity" in str(info.value)


def test_an_example_rule_that_is_an_error_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(BROKEN_EXAMPLE_ERROR, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    assert info.value.file == str(path)
    assert info.value.rule == "XX-UNCONFIRMED"


def test_a_rule_without_a_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(
        BROKEN_EXAMPLE_ERROR.replace('source = "a test"\n', "").replace(
            'severity = "error"', 'severity = "warning"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    assert info.value.rule == "XX-FINE"
    assert "source" in str(info.value)


def test_a_rule_on_an_unknown_field_is_refused_when_compiled(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(
        BROKEN_EXAMPLE_ERROR.replace('field = "commodity_code", lengths = [10]', 'field = "hs"'),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as info:
        RuleSet.from_paths([path])
    assert info.value.rule == "XX-FINE"
    assert "field" in str(info.value)


def test_a_pack_naming_a_missing_validator_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xx.toml"
    text = BROKEN_EXAMPLE_ERROR.split('[[rules]]\nid = "XX-UNCONFIRMED"')[0]
    text = text.replace(
        'check = { kind = "length", field = "commodity_code", lengths = [10] }',
        'scope = "declaration"\n'
        'check = { kind = "identifier", validators = ["stdnum:xx.nothing"] }',
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_pack(path)
    assert info.value.rule == "XX-FINE"


# --- identifier validators ------------------------------------------------------------------


@pytest.mark.parametrize("number", ["940140000385", "990140004654", "061211600012", "791028302728"])
def test_kazakh_bin_iin_validator_accepts_published_numbers(number: str) -> None:
    assert resolve_identifier("kz-bin-iin")(number) is None


@pytest.mark.parametrize("number", ["940140000386", "94014000038", "94014000038X"])
def test_kazakh_bin_iin_validator_rejects_a_wrong_check_digit_or_shape(number: str) -> None:
    assert resolve_identifier("kz-bin-iin")(number) is not None


def test_kazakh_bin_validator_checks_the_bin_structure() -> None:
    check = resolve_identifier("kz-bin")
    assert check("940140000385") is None  # registered 01/1994, resident, head office
    assert check("061211600012") is not None  # an IIN: digit 5 is not 4, 5 or 6


@pytest.mark.parametrize(
    ("number", "shape_ok", "checksum_ok"),
    [
        ("1401555071", True, True),
        ("140 155 5071", True, True),
        ("9900071001", True, True),
        ("1525855852", True, False),  # printed by lookuptax.com; fails the check digit
        ("1400057424", False, True),  # last digit is not 1 or 2: a shape error only
        ("14015550711", False, True),
    ],
)
def test_azerbaijani_voen_shape_and_check_digit_are_separate(
    number: str, shape_ok: bool, checksum_ok: bool
) -> None:
    assert (resolve_identifier("az-voen-format")(number) is None) is shape_ok
    assert (resolve_identifier("az-voen-checksum")(number) is None) is checksum_ok


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("24817367-2-41", True),  # adoszam
        ("12892312", True),  # torzsszam (anum)
        ("1357902100001", True),  # EORI after the HU prefix
        ("12892313", False),  # torzsszam with a wrong check digit
        ("24817368-2-41", False),
        ("24817367-3-41", True),  # VAT code 3
        ("NOT-AN-ID", False),
    ],
)
def test_hungarian_party_ids(number: str, valid: bool) -> None:
    validators = [resolve_identifier(n) for n in ("hu-adoszam", "stdnum:hu.anum", "hu-eori")]
    assert any(v(number) is None for v in validators) is valid


def test_prefix_rules_only_judge_numbers_of_their_length() -> None:
    inn = resolve_identifier("kg-inn-prefix")
    assert inn("01503201910078") is None
    assert inn("51503201910078") is not None
    assert inn("0150320191007") is None  # wrong length: KG-TRADER-ID reports it


def test_every_trader_id_in_the_examples_passes_its_validators() -> None:
    for path in sorted(EXAMPLES.glob("*.xml")):
        report = sw.check(path)
        assert not [f for f in report.findings if "TRADER-ID" in f.rule or "PREFIX" in f.rule]


# --- golden cases: every rule passes and fails -----------------------------------------------


def _case_id(case: dict[str, Any]) -> str:
    return str(case["name"])


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_golden_case(case: dict[str, Any]) -> None:
    report = run_case(case)
    stage = [f for f in report.findings if f.rule.startswith(("XML", "XSD", "MODEL", "NORM"))]
    assert stage == [], "an edited declaration must still be valid"
    assert {f.rule for f in report.findings} == set(case["fails"])
    for finding in report.findings:
        assert finding.country is None or finding.rule.startswith(f"{finding.country}-")
    expected = "reject" if any(f.severity is Severity.ERROR for f in report.findings) else "accept"
    assert report.verdict.value == expected
    outcomes = _outcomes(report)
    for rule in case.get("passes", []):
        assert outcomes.get(rule) == "passed", (rule, outcomes.get(rule))
    for rule in case["fails"]:
        if rule not in STAGE_CODES:  # a stage's finding has no rule outcome
            assert outcomes.get(rule) == "failed", (rule, outcomes.get(rule))
    for rule in case.get("not_applicable", []):
        assert outcomes.get(rule) == "not-applicable", (rule, outcomes.get(rule))


def test_every_bundled_rule_has_a_passing_and_a_failing_golden_case() -> None:
    passing = {r for case in CASES for r in case.get("passes", [])}
    failing = {r for case in CASES for r in case["fails"]}
    bundled = {spec.id for spec in RuleSet.bundled().rules()}
    assert bundled - passing == set()
    assert bundled - failing == set()
    named = (passing | failing) - STAGE_CODES
    assert named - bundled == set(), "cases name rules that do not exist"


def test_golden_case_names_say_their_outcome() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        if case["name"].endswith("-fails"):
            assert case["fails"]
        if case["name"].endswith("-ok"):
            assert case["fails"] == []


def test_golden_bases_are_clean() -> None:
    for path in sorted(GOLDEN.glob("*.xml")):  # the bases; the lax schemas are *.xsd
        report = sw.check(path)
        assert report.findings == [], path.name


# --- the real corpus: the baseline and the packs never reject it -----------------------------


@pytest.mark.parametrize("path", corpus_params())
def test_corpus_declaration_has_no_error_findings(path: Path) -> None:
    report = sw.check(path)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert report.verdict is sw.Verdict.ACCEPT


def test_a_country_keeps_its_time_zone_when_its_pack_is_left_out() -> None:
    """A declaration lodged in Baku at 00:30 local time (20:30 UTC the day before) is dated
    by Baku's calendar whether or not the Azerbaijani pack runs."""
    bundled = RuleSet.bundled()
    without_az = RuleSet([p for code, p in bundled.packs.items() if code != "AZ"])
    assert without_az.zone("AZ") == bundled.zone("AZ")
    assert str(without_az.zone("AZ")) == "Asia/Baku"
    assert without_az.zone("GB") is None
