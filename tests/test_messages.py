"""Messages as data: every finding and explain-mode reason keeps a message id whose
template exists and parameters that fill it, and renders back to its text.

The checks run over everything that makes findings: the examples and their faults, the
golden cases, the shared corpus (WCO declarations, the files broken as published, the
NCTS messages), stage failures (unreadable sources, hostile and broken XML, unknown
roots, batch failures) and one declaration breaking each bundled rule. They match
message ids and parameters, never English text: the English is only ever compared with
itself, rendered again from the data.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_ROOT, EXAMPLES, MALFORMED, REPO, corpus_files
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.strategies import SearchStrategy
from lxml import etree
from test_packs import CASES, run_case

import single_window as sw
from single_window import Finding, codes
from single_window._i18n import (
    N_,
    Listing,
    Message,
    Template,
    define,
    json_params,
    render,
    template,
    templates,
)
from single_window.formats import ncts
from single_window.rules import RuleSet, list_rules
from single_window.rules._catalog import PREDICATES, predicate
from single_window.rules._registry import Violation
from single_window.testing import BROKEN_KINDS, CannotViolate, broken_xml, violating

PACKAGE = REPO / "single_window"
NCTS_MESSAGES = CORPUS_ROOT / "ncts-p5" / "messages"

#: Sources every stage refuses in its own way (each with the limits to read it with).
STAGE_SOURCES: dict[str, tuple[object, sw.Limits]] = {
    "missing file": ("/nonexistent/declaration.xml", sw.Limits()),
    "directory": (str(EXAMPLES), sw.Limits()),
    "empty": (b"   ", sw.Limits()),
    "doctype": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', sw.Limits()),
    "not well-formed": (b"<a><b></a>", sw.Limits()),
    "bad bytes": (b'<?xml version="1.0" encoding="UTF-8"?><a>\xff\xfe</a>', sw.Limits()),
    "unknown encoding": (b'<?xml version="1.0" encoding="nonsense"?><a/>', sw.Limits()),
    "unknown root": (b'<foo xmlns="urn:example"/>', sw.Limits()),
    "unqualified root": (b"<foo/>", sw.Limits()),
    "empty envelope": (
        b'<MetaData xmlns="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"/>',
        sw.Limits(),
    ),
    "deep": (b"<a>" * 300 + b"</a>" * 300, sw.Limits()),
    "too large": (b"<a>" + b"x" * 100 + b"</a>", sw.Limits(max_bytes=50)),
    "text mode": (io.StringIO("<a/>"), sw.Limits()),
}


# --- what a finding's message data must be --------------------------------------------------

_PACK_TEMPLATES: dict[str, Template] = {}


def _rule_template(rule_id: str) -> Template | None:
    """The template of a bundled pack rule's message, None for other ids."""
    if not _PACK_TEMPLATES:
        from single_window.rules._messages import Template as PackTemplate

        for pack in RuleSet.bundled().packs.values():
            for spec in pack.specs:
                _PACK_TEMPLATES[spec.id] = PackTemplate(spec.message)
    return _PACK_TEMPLATES.get(rule_id)


def _nested_problems(value: Any, where: str) -> Iterator[str]:
    """What is wrong with a parameter in its JSON form (a nested message or list)."""
    if isinstance(value, Mapping):
        if "message_id" in value:
            yield from _message_problems(value["message_id"], value["params"], None, where)
        elif "join" in value:
            if value["join"] not in templates():
                yield f"{where}: no words for the join {value['join']!r}"
            for i, item in enumerate(value["items"]):
                yield from _nested_problems(item, f"{where}[{i}]")
        else:
            yield f"{where}: a mapping that is neither a message nor a list"
    elif not (value is None or isinstance(value, str | int | float | bool)):
        yield f"{where}: {type(value).__name__} is not JSON-ready"


def _message_problems(
    message_id: str | None, params: Mapping[str, Any], own: Template | None, where: str
) -> Iterator[str]:
    if message_id is None:
        yield f"{where}: no message id"
        return
    found = own if own is not None else templates().get(message_id)
    if found is None:
        yield f"{where}: no template {message_id!r}"
        return
    if set(params) != set(found.names):
        yield f"{where}: {message_id} names {sorted(found.names)}, params give {sorted(params)}"
    for name, value in params.items():
        yield from _nested_problems(value, f"{where}.{name}")


def problems(finding: Finding) -> list[str]:
    """Everything wrong with a finding's message data (empty: nothing)."""
    own = _rule_template(finding.rule) if finding.message_id == finding.rule else None
    if finding.message_id is not None and "." not in finding.message_id and own is None:
        return [f"{finding.rule}: message id {finding.message_id!r} is neither a rule nor a key"]
    found = list(_message_problems(finding.message_id, finding.params, own, finding.rule))
    if found or finding.message_id is None:
        return found
    if json.loads(json.dumps(finding.params)) != finding.params:
        found.append(f"{finding.rule}: params do not survive JSON")
    again = render(finding.message_id, finding.params, template=own)
    if again != finding.message:
        found.append(f"{finding.rule}: renders {again!r}, not its message {finding.message!r}")
    return found


def outcome_problems(report: sw.Report) -> list[str]:
    found: list[str] = []
    for outcome in report.explanation or ():
        where = f"{outcome.rule} ({outcome.status})"
        found += _message_problems(outcome.reason_id, outcome.reason_params, None, where)
        if outcome.reason_id is not None and outcome.reason_id in templates():
            again = render(outcome.reason_id, outcome.reason_params)
            if again != outcome.reason:
                found.append(f"{where}: renders {again!r}, not {outcome.reason!r}")
    return found


def _all_problems(reports: list[sw.Report]) -> list[str]:
    return [p for r in reports for f in r.findings for p in problems(f)]


# --- everything that makes findings -------------------------------------------------------


def first_example(strategy: SearchStrategy[bytes]) -> bytes:
    """The first document a strategy draws, the same on every run of the same code."""
    drawn: list[bytes] = []

    @settings(
        derandomize=True,
        max_examples=1,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(strategy)
    def draw(document: bytes) -> None:
        drawn.append(document)

    draw()
    return drawn[0]


def test_examples_and_their_faults_keep_their_messages_as_data() -> None:
    reports = [sw.check(p, explain=True) for p in sorted(EXAMPLES.rglob("*.xml"))]
    assert any(r.findings for r in reports)
    assert _all_problems(reports) == []
    assert [p for r in reports for p in outcome_problems(r)] == []


@pytest.mark.parametrize("case", CASES, ids=[str(c["name"]) for c in CASES])
def test_golden_cases_keep_their_messages_as_data(case: dict[str, Any]) -> None:
    report = run_case(case)
    assert _all_problems([report]) == []
    assert outcome_problems(report) == []


def test_the_corpus_keeps_its_messages_as_data() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("the shared corpus is not here")
    files += sorted(MALFORMED.rglob("*.xml")) if MALFORMED.is_dir() else []
    reports = [sw.check(p) for p in files]
    assert any(r.findings for r in reports)
    assert _all_problems(reports) == []


def test_ncts_messages_keep_their_messages_as_data() -> None:
    paths = sorted(NCTS_MESSAGES.rglob("*.xml")) if NCTS_MESSAGES.is_dir() else []
    if not paths:
        pytest.skip("the NCTS messages of the shared corpus are not here")
    found: list[Finding] = []
    for path in paths:
        found += sw.check(path).findings
        root = etree.fromstring(path.read_bytes())
        found += ncts.read_message(root)[1]
    assert {f.rule for f in found} >= {codes.MODEL_ROOT}
    assert [p for f in found for p in problems(f)] == []


@pytest.mark.parametrize("name", list(STAGE_SOURCES))
def test_stage_findings_keep_their_messages_as_data(name: str) -> None:
    source, limits = STAGE_SOURCES[name]
    report = sw.check(source, limits=limits)  # type: ignore[arg-type]
    assert report.findings
    assert all(f.message_id and f.message_id.startswith(f"{f.rule}.") for f in report.findings)
    assert _all_problems([report]) == []


def test_the_reader_says_which_io_problem_it_met() -> None:
    (finding,) = sw.validate("/nonexistent/declaration.xml").findings
    assert finding.message_id == "XML-IO.not-found"
    assert set(finding.params) == {"reason"}


def test_schema_findings_keep_libxml2s_text_as_their_detail() -> None:
    xml = (EXAMPLES / "tr-import.xml").read_bytes().replace(b"<TypeCode>", b"<Bogus/><TypeCode>", 1)
    findings = [f for f in sw.validate(xml).findings if f.rule == codes.XSD]
    assert findings
    for finding in findings:
        assert finding.message_id == "XSD.element"
        assert finding.params["detail"] in finding.message
        assert problems(finding) == []


@pytest.mark.parametrize("kind", BROKEN_KINDS)
def test_broken_documents_keep_their_messages_as_data(kind: str) -> None:
    report = sw.check(first_example(broken_xml(kinds=[kind])))
    assert report.findings
    assert _all_problems([report]) == []


def test_batch_failures_keep_their_messages_as_data() -> None:
    reports = list(sw.check_many([None, b"<a/>", 42], jobs=1))  # type: ignore[list-item]
    assert [r.findings[0].message_id for r in reports if r.findings][:1] == [
        "BATCH-ERROR.not-a-source"
    ]
    assert _all_problems(reports) == []


@pytest.mark.parametrize("rule", [r.id for r in list_rules()])
def test_breaking_a_bundled_rule_gives_its_message_as_data(rule: str) -> None:
    try:
        strategy = violating(rule)
    except CannotViolate:
        pytest.skip(f"the strategies cannot break {rule}")
    report = sw.check(first_example(strategy), explain=True)
    assert _all_problems([report]) == []
    assert outcome_problems(report) == []


# --- what the data says ---------------------------------------------------------------------


def test_a_pack_rules_message_id_is_its_rule_id() -> None:
    report = sw.check(EXAMPLES / "faults" / "tr-import-hs-length.xml")
    (finding,) = report.errors
    assert finding.rule == "TR-HS-LENGTH"
    assert finding.message_id == "TR-HS-LENGTH"
    assert finding.params["value"] == finding.value


def test_a_predicates_problem_is_a_nested_message() -> None:
    report = sw.check(EXAMPLES / "faults" / "tr-ge-t1-no-guarantee.xml")
    (finding,) = [f for f in report.findings if f.rule == "TRANSIT-GUARANTEE"]
    assert finding.params["problem"] == {
        "message_id": "predicate.transit-guarantee.missing",
        "params": {},
    }


def test_an_identifiers_reasons_are_a_list_of_messages() -> None:
    report = sw.check(EXAMPLES / "faults" / "kz-import-bin-checksum.xml")
    (finding,) = [f for f in report.findings if f.rule == "KZ-TRADER-ID"]
    reason = finding.params["reason"]
    assert reason["join"] == "list.semicolon"
    assert [item["message_id"] for item in reason["items"]] == ["identifier.kz-bin-iin.check-digit"]
    assert finding.params["party"]["message_id"].startswith("party.")


def test_a_code_lists_reason_is_a_message() -> None:
    report = sw.check(EXAMPLES / "faults" / "hu-import-withdrawn-currency.xml")
    reasons = [f.params["reason"] for f in report.findings if "reason" in f.params]
    assert reasons
    assert all(r["message_id"].startswith("codelist.") for r in reasons)


def test_explain_reasons_are_messages() -> None:
    report = sw.check(EXAMPLES / "tr-import.xml", explain=True)
    ids = {o.reason_id for o in report.explanation or ()}
    assert "explain.checked-declaration" in ids
    assert any(i and i.startswith("when.") for i in ids)
    data = report.to_dict()["explanation"][0]
    assert {"reason_id", "reason_params"} <= set(data)


def test_a_violation_naming_an_undeclared_problem_makes_the_rule_crash(tmp_path: Path) -> None:
    name = "messages-test-undeclared-problem"

    @predicate(name, "declaration", problems={"declared": N_("is declared")})
    def undeclared(ctx: object, params: object) -> Iterator[Violation]:
        yield Violation(None, None, problem="not-declared")

    try:
        pack = tmp_path / "xx.toml"
        pack.write_text(
            '[pack]\ncountry = "XX"\nname = "test"\n\n[[rules]]\nid = "XX-PROBLEM"\n'
            'title = "a problem"\nagency = "customs"\nseverity = "error"\n'
            'scope = "declaration"\nmessage = "the declaration {problem}"\nsource = "test"\n'
            f'check = {{ kind = "predicate", predicate = "{name}" }}\n',
            encoding="utf-8",
        )
        rules = RuleSet.from_paths([pack])
        report = sw.check(EXAMPLES / "tr-import.xml", countries=["XX"], rules=rules)
        assert [f.rule for f in report.errors] == [codes.RULE_CRASH]
        assert report.errors[0].message_id == "RULE-CRASH.failed"
    finally:
        PREDICATES.remove(name)


def test_findings_carry_their_message_data_in_json_and_back() -> None:
    report = sw.check(EXAMPLES / "faults" / "tr-ge-t1-no-guarantee.xml")
    data = json.loads(json.dumps(report.to_dict()))
    first = data["findings"][0]
    assert list(first)[-2:] == ["message_id", "params"]
    again = sw.Report.from_dict(data)
    assert [(f.message_id, f.params) for f in again.findings] == [
        (f.message_id, f.params) for f in report.findings
    ]


# --- the renderer --------------------------------------------------------------------------


def test_rendering_is_deterministic_and_the_same_from_objects_and_json() -> None:
    words = define("test-messages", {"outer": N_("{a} and {b}"), "inner": N_("<{x}>")})
    message = words("outer", a=words("inner", x=1), b=Listing.of(["p", words("inner", x=2)], "or"))
    first = message.render()
    assert first == message.render()
    assert render(message.id, json_params(message.params)) == first
    assert render(message.id, json.loads(json.dumps(json_params(message.params)))) == first


def test_a_language_without_a_catalog_is_refused() -> None:
    with pytest.raises(LookupError):
        render("list.or", {}, lang="xx-no-such-language")


def test_pack_templates_keep_their_safety_rules() -> None:
    from single_window.rules._messages import MAX_VALUE
    from single_window.rules._messages import Template as PackTemplate

    with pytest.raises(ValueError):
        PackTemplate("{value.__class__}")
    with pytest.raises(ValueError):
        PackTemplate("{value!r}")
    long = PackTemplate("{problem}").render({"problem": Message("list.or")})
    assert long == render("list.or")
    cut = PackTemplate("{value}").render({"value": "x" * (MAX_VALUE * 2)})
    assert len(cut) == MAX_VALUE


def test_a_message_id_is_defined_once() -> None:
    define("test-messages-once", {"a": N_("one text")})
    define("test-messages-once", {"a": N_("one text")})  # the same text again: fine
    with pytest.raises(ValueError):
        define("test-messages-once", {"a": N_("another text")})


def test_every_registered_template_parses() -> None:
    for message_id, found in templates().items():
        assert isinstance(found, Template), message_id
        assert template(message_id) is found


def _registry_in_a_fresh_process() -> dict[str, str]:
    """The templates the package registers when every module of it is imported."""
    script = (
        "import importlib, json, pkgutil, single_window\n"
        "for m in pkgutil.walk_packages(single_window.__path__, 'single_window.'):\n"
        "    if m.name != 'single_window.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "from single_window._i18n import templates\n"
        "print(json.dumps({k: t.text for k, t in templates().items()}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, cwd=REPO
    )
    registry: dict[str, str] = json.loads(out.stdout)
    return registry


def test_every_template_is_marked_for_extraction() -> None:
    """``pybabel extract`` with its default keywords finds every template the package
    registers (``N_`` is one of them)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    def searched(path: str) -> bool:  # as ``pybabel extract`` does: not hidden folders
        return not Path(path).name.startswith(".") and Path(path).name != "__pycache__"

    assert "N_" in DEFAULT_KEYWORDS
    found = extract_from_dir(str(PACKAGE), directory_filter=searched)
    extracted = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in found
    }
    registry = _registry_in_a_fresh_process()
    missing = {k: v for k, v in registry.items() if v not in extracted}
    assert not missing, f"templates no N_ marks: {missing}"


def test_message_ids_follow_the_scheme() -> None:
    registry = _registry_in_a_fresh_process()
    stage = {c.code for c in codes.STAGE_CODES}
    for message_id in registry:
        head = message_id.split(".", 1)[0]
        assert head in stage or head.islower(), message_id
