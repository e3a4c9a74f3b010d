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

import importlib
import io
import json
import re
import subprocess
import sys
import time
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
    NP_,
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
from single_window.testing import BREAKAGES, CannotViolate, broken_xml, violating

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


def _ncts_support() -> Any:
    """``tests/ncts/_ncts_support``: where the NCTS test messages are, and how their
    placeholders are filled."""
    return importlib.import_module("ncts._ncts_support")


#: Elements whose removal breaks the transit rules on an NCTS declaration: its guarantee
#: and GRN, its offices, its route and seals (the rules then name what is missing in
#: the message's own names).
NCTS_REMOVED = (
    "Guarantee",
    "GRN",
    "guaranteeType",
    "CustomsOfficeOfTransitDeclared",
    "CustomsOfficeOfDestinationDeclared",
    "CountryOfRoutingOfConsignment",
    "Seal",
    "TIRCarnetNumber",
)


def _without(data: bytes, name: str) -> bytes:
    """A message without every element of a local name."""
    root = etree.fromstring(data)
    for element in list(root.iter()):
        above = element.getparent()
        if (
            isinstance(element.tag, str)
            and etree.QName(element).localname == name
            and above is not None
        ):
            above.remove(element)
    return bytes(etree.tostring(root))


def test_ncts_declarations_read_with_their_placeholders_filled_keep_their_messages_as_data() -> (
    None
):
    support = _ncts_support()
    paths = support.message_files(*ncts.READ_TYPES)
    if not paths:
        pytest.skip(support.NO_NCTS_CORPUS)
    reports = [sw.check(support.filled(p), explain=True) for p in paths]
    broken = [
        sw.check(_without(support.filled(p), name), explain=True)
        for kind in ncts.READ_TYPES
        for p in support.message_files(kind)[:2]
        for name in NCTS_REMOVED
    ]
    found = [f for r in broken for f in r.findings]
    assert {"TRANSIT-GUARANTEE", "TRANSIT-GRN", "TRANSIT-OFFICES-OF-TRANSIT"} <= {
        f.rule for f in found
    }
    assert any("missing" in f.params for f in found)
    assert _all_problems(reports + broken) == []
    assert [p for r in reports + broken for p in outcome_problems(r)] == []


def test_the_rules_safeguards_keep_their_messages_as_data() -> None:
    """The findings a cap, a pattern limit and a date no edition covers add (RULE-CAPPED,
    RULE-LIMIT, RULE-EDITION) and what explain mode says of them."""
    many = (EXAMPLES / "faults" / "tm-tir-too-many-items.xml").read_bytes()
    unknown_codes = re.sub(rb"<ID>520512</ID>", b"<ID>999999</ID>", many)
    reports = [
        sw.check(unknown_codes, limits=sw.Limits(max_findings_per_rule=1), explain=True),
        sw.check(EXAMPLES / "tr-ge-t1.xml", limits=sw.Limits(max_pattern_text=3), explain=True),
        sw.check(EXAMPLES / "tr-import.xml", on="2010-01-01", explain=True),
    ]
    ids = {f.message_id for r in reports for f in r.findings}
    assert {"RULE-CAPPED.capped", "RULE-LIMIT.too-long", "RULE-EDITION.nearest"} <= ids
    capped = next(f for f in reports[0].findings if f.rule == codes.RULE_CAPPED)
    assert [capped.params[k]["message_id"] for k in ("found", "listed", "left")] == [
        "RULE-CAPPED.findings",
        "RULE-CAPPED.listed",
        "RULE-CAPPED.left-out",
    ]
    assert capped.params["listed"]["params"]["count"] == 1
    assert _all_problems(reports) == []
    assert [p for r in reports for p in outcome_problems(r)] == []


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


@pytest.mark.parametrize("kind", BREAKAGES)
def test_broken_documents_keep_their_messages_as_data(kind: str) -> None:
    report = sw.check(first_example(broken_xml(breakages=[kind])))
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


def test_a_file_of_no_kind_the_system_names_has_a_message_of_its_own() -> None:
    from single_window._reader import _not_regular

    finding = _not_regular(0, "/somewhere/odd")  # a mode no stat test recognises
    assert (finding.message_id, finding.params) == ("XML-IO.not-regular-other", {})
    assert problems(finding) == []


def test_what_a_document_does_not_say_has_messages_of_its_own() -> None:
    """A date without its formatCode and an element in no namespace are not named as the
    code or namespace ``None``: each has a message without the placeholder."""
    xml = (EXAMPLES / "tr-import.xml").read_bytes()
    xml = re.sub(
        rb'<ds:DateTimeString formatCode="304">[^<]*<',
        b"<ds:DateTimeString>2025-13-45<",
        xml,
        count=1,
    )
    xml = xml.replace(b"<TypeCode>", b'<TypeCode xmlns="">', 1)
    found = {f.message_id: f for f in sw.validate(xml).findings}
    assert set(found["NORM-DATE.invalid-no-code"].params) == {"text", "detail"}
    assert found["MODEL-UNMAPPED.no-namespace"].params == {"element": "TypeCode"}
    assert _all_problems([sw.check(xml)]) == []


@pytest.fixture
def spinning_rules(tmp_path: Path) -> Iterator[RuleSet]:
    """A rule set whose one rule runs until its time budget stops it."""
    name = "messages-test-spin"

    @predicate(name, "declaration")
    def spin(ctx: object, params: object) -> Iterator[Violation]:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pass
        yield from ()

    pack = tmp_path / "xx.toml"
    pack.write_text(
        '[pack]\ncountry = "XX"\nname = "test"\n\n[[rules]]\nid = "XX-SPIN"\n'
        'title = "a rule that spins"\nagency = "customs"\nseverity = "error"\n'
        'scope = "declaration"\nmessage = "spun"\nsource = "this test"\n'
        f'check = {{ kind = "predicate", predicate = "{name}" }}\n',
        encoding="utf-8",
    )
    try:
        yield RuleSet.from_paths([pack])
    finally:
        PREDICATES.remove(name)


def test_a_budget_of_whole_seconds_is_said_without_a_decimal_part(spinning_rules: RuleSet) -> None:
    limits = sw.Limits(rule_seconds=1.0)
    report = sw.check(
        EXAMPLES / "tr-import.xml",
        countries=["XX"],
        rules=spinning_rules,
        limits=limits,
        explain=True,
    )
    (timeout,) = [f for f in report.findings if f.rule == codes.RULE_TIMEOUT]
    assert (timeout.message_id, timeout.params) == (
        "RULE-TIMEOUT.over-budget",
        {"rule": "XX-SPIN", "seconds": "1"},
    )
    (stopped,) = [o for o in report.explanation or () if o.status == "crashed"]
    assert (stopped.reason_id, stopped.reason_params) == ("explain.over-budget", {"seconds": "1"})
    assert _all_problems([report]) == [] and outcome_problems(report) == []


def test_a_rule_stopped_by_a_budget_the_caller_set_names_no_number(spinning_rules: RuleSet) -> None:
    from single_window.rules._budget import budget
    from single_window.rules._context import Context

    declaration = sw.validate(EXAMPLES / "tr-import.xml").declaration
    assert declaration is not None
    with budget(0.5):
        findings, outcomes = spinning_rules.plan(("XX",)).evaluate(
            Context.of(declaration), seconds=None, explain=True
        )
    (timeout,) = [f for f in findings if f.rule == codes.RULE_TIMEOUT]
    assert (timeout.message_id, timeout.params) == (
        "RULE-TIMEOUT.over-budget-unset",
        {"rule": "XX-SPIN"},
    )
    assert [o.reason_id for o in outcomes or () if o.status == "crashed"] == [
        "explain.over-budget-unset"
    ]
    assert problems(timeout) == []


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


def _registry_in_a_fresh_process() -> dict[str, tuple[str, ...]]:
    """The templates the package registers when every module of it is imported, each
    as its forms (a plural template's two)."""
    script = (
        "import importlib, json, pkgutil, single_window\n"
        "for m in pkgutil.walk_packages(single_window.__path__, 'single_window.'):\n"
        "    if m.name != 'single_window.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "from single_window._i18n import templates\n"
        "print(json.dumps({k: t.forms for k, t in templates().items()}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, cwd=REPO
    )
    return {key: tuple(forms) for key, forms in json.loads(out.stdout).items()}


def test_every_template_is_marked_for_extraction() -> None:
    """``pybabel extract -k NP_:1,2`` finds every template the package registers: a plain
    one as written (``N_`` is one of Babel's default keywords), a plural one as its two
    forms together (``NP_``, shaped like ``ngettext``)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    def searched(path: str) -> bool:  # as ``pybabel extract`` does: not hidden folders
        return not Path(path).name.startswith(".") and Path(path).name != "__pycache__"

    assert "N_" in DEFAULT_KEYWORDS
    keywords = {**DEFAULT_KEYWORDS, "NP_": (1, 2)}
    found = extract_from_dir(str(PACKAGE), keywords=keywords, directory_filter=searched)
    extracted = {
        (message,) if isinstance(message, str) else tuple(message)
        for _file, _line, message, _comments, _context in found
    }
    registry = _registry_in_a_fresh_process()
    assert any(len(forms) == 2 for forms in registry.values())
    missing = {k: v for k, v in registry.items() if v not in extracted}
    assert not missing, f"templates neither N_ nor NP_ marks: {missing}"


def test_the_catalog_template_has_every_message_in_its_own_context() -> None:
    from single_window._pot import catalog, entries

    made = list(entries())
    contexts = [e.context for e in made]
    assert len(contexts) == len(set(contexts))
    assert set(templates()) <= set(contexts)
    rules = {r.id for r in list_rules()}
    assert rules <= set(contexts)
    assert {f"{r}.title" for r in rules} <= set(contexts)
    pot = catalog()
    # One English word, two messages: each its own entry, to be translated on its own.
    role, kind = (
        pot.get("transit", context="role.transit"),
        pot.get("transit", context="declaration-kind.transit"),
    )
    assert role is not None and kind is not None and role is not kind
    plural = pot.get(("{count} declaration", "{count} declarations"), context="report.declarations")
    assert plural is not None and plural.pluralizable
    assert "placeholders: {count}" in plural.auto_comments
    assert len(pot) == len(made)


#: A catalog's entries: (context, msgid or singular and plural) -> the translation (its
#: plural forms, for a plural entry).
Entries = dict[tuple[str, str | tuple[str, str]], str | tuple[str, ...]]


def _install_catalog(tmp_path: Path, lang: str, entries: Entries) -> None:
    """A compiled catalog for ``lang`` in a locale folder of the test's own."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    made = Catalog(locale=lang, domain="single_window")
    for (context, msgid), translated in entries.items():
        made.add(msgid, translated, context=context)
    folder = tmp_path / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "single_window.mo").open("wb") as out:
        write_mo(out, made)


def test_a_catalog_translates_each_message_in_its_context_and_its_plural_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from single_window import _i18n, _lang

    _install_catalog(
        tmp_path,
        "ru",
        {
            ("role.transit", "transit"): "транзит",
            ("declaration-kind.transit", "transit"): "транзитная",
            ("report.declarations", ("{count} declaration", "{count} declarations")): (
                "{count} декларация",
                "{count} декларации",
                "{count} деклараций",
            ),
        },
    )
    monkeypatch.setattr(_lang, "LOCALE_DIR", tmp_path)
    _i18n.forget_catalogs()
    try:
        assert render("role.transit", lang="ru") == "транзит"
        assert render("declaration-kind.transit", lang="ru") == "транзитная"
        said = {n: render("report.declarations", {"count": n}, "ru") for n in (1, 3, 5, 21)}
        assert said == {
            1: "1 декларация",
            3: "3 декларации",
            5: "5 деклараций",
            21: "21 декларация",
        }
        # What the catalog does not translate stays English, in the form English takes.
        assert render("report.errors", {"count": 1}, "ru") == "1 error"
    finally:
        monkeypatch.undo()
        _i18n.forget_catalogs()


def test_english_chooses_the_singular_for_one_and_the_plural_for_any_other_count() -> None:
    words = define("test-messages-plural", {"n": NP_("{count} item", "{count} items")})
    assert [words("n", count=n).render() for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]
    assert template(words.id("n")).names == {"count"}
    assert words("n", count="many").render() == "many items"  # no whole number: the plural


def test_message_ids_follow_the_scheme() -> None:
    registry = _registry_in_a_fresh_process()
    stage = {c.code for c in codes.STAGE_CODES}
    for message_id in registry:
        head = message_id.split(".", 1)[0]
        assert head in stage or head.islower(), message_id
