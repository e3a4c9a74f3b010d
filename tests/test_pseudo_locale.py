"""Every text goes through the catalogs: rendered in a pseudo-locale, no English is left.

The pseudo-locale (``tests/_pseudo.py``) translates every entry of the catalog template
into letters outside ASCII. Every finding of the examples, their faults, the golden cases,
the stage failures and the shared corpus, every report format, the command line's help
and ``rules`` are rendered in it; what is left once the data is taken out (values, paths,
file names, rule ids and codes, libxml2's and the operating system's own words) must hold
no ASCII word. A text written out in English somewhere, or a parameter that is English
prose rather than data, fails here before any real translation exists.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from _pseudo import PSEUDO, catalogs
from conftest import CORPUS_ROOT, EXAMPLES, MALFORMED, corpus_files
from lxml import etree, html
from test_messages import STAGE_SOURCES
from test_packs import CASES, run_case

import single_window as sw
from single_window import codelists
from single_window._display import display_name
from single_window._localize import localize_report
from single_window.cli import run
from single_window.rules import RuleSet, list_rules

#: Parameters whose values are data, shown as they are in every language: codes, values,
#: element names, dates, numbers, the names the code lists and the NCTS code list give,
#: and what libxml2, the operating system, python-stdnum or an exception said.
DATA_PARAMS = frozenset(
    {
        "code",
        "country",
        "date",
        "departure",
        "destination",
        "detail",
        "dotted",
        "edition",
        "editions",
        "element",
        "error",
        "expected",
        "found",
        "group",
        "last",
        "missing",
        "name",
        "namespace",
        "number",
        "origin",
        "others",
        "path",
        "reason",
        "rule",
        "seal",
        "subheading",
        "tariff",
        "text",
        "title",
        "type",
        "value",
        "seconds",
        "depth",
        "length",
        "count",
        "end",
        "start",
        "list",
        "day",
        "every",
        "digit",
        "direction",
        # the transit rules: codes, references, offices and element names
        "tir",
        "grn",
        "reference",
        "office",
        "exit",
        "routing",
        "mode",
        "tolerance",
        # the NCTS rules: flags and codes of the declaration, its dates and sums
        "indicator",
        "security",
        "qualifier",
        "prepared",
        "highest",
        "total",
        # the corridor rules: the countries either side of a leg
        "from",
        "to",
        # explain mode: the pack's own words for what a rule reads, and its conditions
        "field",
        "currency",
        "types",
        "functions",
        "procedures",
        "ranges",
    }
)
#: An ASCII word: what is left of English once the data is out.
_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def speaking_pseudo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with catalogs(tmp_path_factory.mktemp("locale"), PSEUDO):
        yield


def data(params: Mapping[str, Any], where: str = "") -> Iterator[str]:
    """The data a message's parameters hold (nested messages and lists searched); a text
    parameter that is not data is yielded as ``!<name>`` so that it shows."""
    for name, value in params.items():
        if isinstance(value, Mapping) and "message_id" in value:
            yield from data(value.get("params") or {}, name)
        elif isinstance(value, Mapping) and "join" in value:
            for item in value.get("items") or ():
                if isinstance(item, Mapping):
                    yield from data({name: item}, name)
                else:
                    yield from data({name: item}, where)
        elif isinstance(value, str):
            yield value if name in DATA_PARAMS else f"!{name}"
        elif value is not None:
            yield str(value)


def english_left(text: str, tokens: Iterable[str]) -> list[str]:
    """The ASCII words of ``text`` once every data token (and a Markdown link's target,
    in a stage code's text) is taken out."""
    for token in sorted({t for t in tokens if t}, key=len, reverse=True):
        text = text.replace(token, " ")
    return _WORD.findall(re.sub(r"\]\([^)]*\)", "] ", text))


def finding_english(finding: sw.Finding) -> list[str]:
    tokens = list(data(finding.params))
    wrong = [t for t in tokens if t.startswith("!")]
    assert not wrong, f"{finding.message_id}: parameters that are not data: {wrong}"
    return english_left(finding.message, tokens)


def _report_problems(reports: Iterable[sw.Report]) -> list[str]:
    out = []
    for report in reports:
        assert report.lang == PSEUDO
        for finding in report.findings:
            left = finding_english(finding)
            if left:
                out.append(f"{finding.rule} ({finding.message_id}): {left}: {finding.message}")
        for outcome in report.explanation or ():
            tokens = list(data(outcome.reason_params))
            assert not [t for t in tokens if t.startswith("!")], (outcome.reason_id, tokens)
            left = english_left(outcome.reason, tokens)
            if left:
                out.append(f"{outcome.rule} explained: {left}: {outcome.reason}")
    return out


def _examples() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.xml"))


@pytest.mark.usefixtures("speaking_pseudo")
def test_every_finding_of_the_examples_and_their_faults_is_translated() -> None:
    reports = [sw.check(p, explain=True, lang=PSEUDO) for p in _examples()]
    assert sum(len(r.findings) for r in reports) > 50
    assert _report_problems(reports) == []


@pytest.mark.usefixtures("speaking_pseudo")
def test_every_golden_case_is_translated() -> None:
    bundled = RuleSet.bundled()
    reports = [localize_report(run_case(case), PSEUDO, bundled) for case in CASES]
    assert _report_problems(reports) == []


@pytest.mark.usefixtures("speaking_pseudo")
@pytest.mark.parametrize("name", list(STAGE_SOURCES))
def test_every_stage_failure_is_translated(name: str) -> None:
    source, limits = STAGE_SOURCES[name]
    report = sw.check(source, limits=limits, lang=PSEUDO)  # type: ignore[arg-type]
    assert report.findings
    assert _report_problems([report]) == []


@pytest.mark.usefixtures("speaking_pseudo")
def test_every_finding_of_the_corpus_is_translated() -> None:
    files = corpus_files() + (sorted(MALFORMED.rglob("*.xml")) if MALFORMED.is_dir() else [])
    ncts = CORPUS_ROOT / "ncts-p5" / "messages"
    files += sorted(ncts.rglob("*.xml")) if ncts.is_dir() else []
    if not files:
        pytest.skip("the shared corpus is not here")
    reports = list(sw.check_many(files, jobs=1, lang=PSEUDO))
    assert any(r.findings for r in reports)
    assert _report_problems(reports) == []


@pytest.mark.usefixtures("speaking_pseudo")
def test_a_validation_and_a_failed_parse_are_translated() -> None:
    unreadable = b"<a><b></a>"
    result = sw.validate(unreadable, lang=PSEUDO)
    assert result.lang == PSEUDO
    assert all(not finding_english(f) for f in result.findings)
    with pytest.raises(sw.DeclarationError) as raised:
        sw.parse(unreadable, lang=PSEUDO)
    error = raised.value.findings[0]
    assert english_left(str(raised.value), ["<bytes>", error.rule, *data(error.params)]) == []


# --- reports ----------------------------------------------------------------------------


def _inputs(folder: Path) -> list[Path]:
    """Declarations that make every part of every report: findings of each severity,
    countries, transit routes, NCTS declarations, and a file that cannot be read."""
    faults = sorted((EXAMPLES / "faults").glob("*.xml"))
    unreadable = folder / "broken.xml"
    unreadable.write_bytes(b"<a><b></a>")
    return [*sorted(EXAMPLES.glob("*.xml")), *faults, unreadable]


def _tokens(reports: list[sw.Report], folder: Path) -> list[str]:
    """Every datum the reports show: sources, ids, codes, paths, values, parameters,
    rule sources, versions, the tool's name and the date."""
    out: list[str] = [sw.__version__, "single-window", str(folder), "wco", "ncts", "UTC"]
    for report in reports:
        out += [display_name(report.source), Path(report.source).name, report.source]
        # "Seen in" names a file below the folder every listed file shares
        parts = Path(report.source).parts
        out += ["/".join(parts[i:]) for i in range(1, len(parts))]
        decl = report.declaration
        if decl is not None:
            out += [v for v in (decl.id, decl.type, decl.function, decl.version) if v]
        out += list(report.countries) + list(report.route) + list(report.packs or ())
        for f in report.findings:
            out += [f.rule, f.path or "", f.value or "", f.country or "", *data(f.params)]
            # the HTML report names a code beside it, from the code list (CLDR, UN/ECE, HS)
            if f.path and f.value:
                out.append(codelists.label_at(f.path, f.value, lang=PSEUDO) or "")
        named = (*report.countries, *report.route)
        out += [codelists.label("country", c, lang=PSEUDO) or "" for c in named]
    out += [info.source for info in list_rules()] + _rule_codes() + ["check", "validate"]
    return out


def _rule_codes() -> list[str]:
    """The ids of the rules and the codes their conditions name (``IM``, ``T1``)."""
    out = []
    for spec in RuleSet.bundled().rules():
        when = spec.when
        out.append(spec.id)
        for codes in (when.declaration_types, when.functions, when.procedures, when.hs):
            out += codes or ()
    return out


def _human_text(name: str, output: str) -> list[str]:
    """The texts a person reads in a report of format ``name``."""
    if name == "text":
        return output.splitlines()
    if name in ("json", "jsonl"):
        reports = (
            json.loads(output)
            if name == "json"
            else [json.loads(x) for x in output.split("\n") if x]
        )
        assert {r["lang"] for r in reports} == {PSEUDO}
        return [f["message"] for r in reports for f in r["findings"]]
    if name == "sarif":
        log = json.loads(output)["runs"][0]
        driver = log["tool"]["driver"]
        texts = [driver["fullName"]] + [r["message"]["text"] for r in log["results"]]
        for rule in driver["rules"]:
            texts += [
                rule[k]["text"]
                for k in ("shortDescription", "fullDescription", "help")
                if k in rule
            ]
        return texts
    if name == "junit":
        root = etree.fromstring(output.encode())
        return [f.get("message") or "" for f in root.iter("failure")] + [
            e.text or "" for e in root.iter("failure", "system-out")
        ]
    if name == "wco-response":
        root = etree.fromstring(output.encode())
        return [e.text or "" for e in root.iter("{*}Description")]
    assert name == "html"
    page = html.fromstring(output)
    assert page.get("lang") == PSEUDO and page.get("dir") == "ltr"
    for dropped in page.xpath("//style | //pre | //code"):
        dropped.drop_tree()
    texts = list(page.xpath("//text()"))
    texts += page.xpath("//@title | //@aria-label")
    return texts


FORMATS = ["text", "json", "jsonl", "junit", "sarif", "html", "wco-response"]


@pytest.mark.usefixtures("speaking_pseudo")
@pytest.mark.parametrize(
    ("name", "options"),
    [(name, []) for name in FORMATS] + [("text", ["--countries="]), ("html", ["--countries="])],
)
def test_every_report_format_is_translated(name: str, options: list[str], tmp_path: Path) -> None:
    """Every format, and (with ``--countries=``) what text and HTML say of declarations
    only the country-neutral rules judged."""
    inputs = _inputs(tmp_path)
    target = tmp_path / f"report.{name}"
    err = io.StringIO()
    argv = ["check", *map(str, inputs), "--format", name, "-o", str(target), "--lang", PSEUDO]
    assert run([*argv, *options], io.StringIO(), err) == 1
    reports = [sw.check(p, lang=PSEUDO) for p in inputs]
    tokens = _tokens(reports, tmp_path)
    left = {
        t: w for t in _human_text(name, target.read_text("utf-8")) if (w := english_left(t, tokens))
    }
    assert left == {}
    summary = {t: w for t in err.getvalue().splitlines() if (w := english_left(t, tokens))}
    assert summary == {}


# --- the command line -------------------------------------------------------------------

#: What the help shows as it is: the program, its commands, options, metavars and choices.
_HELP_DATA = (
    r"--?[a-z][a-z-]*|\{[a-z0-9,-]+\}|single-window|\b(check|validate|rules|schema|convert)\b|"
    r"PATH|FILE|MODULE|COMMAND|LANG|XSD|XX|OUT|\bN\b|AZ,TR,\.\.\.|YYYY-MM-DD|\ben\b|\bqps\b"
)


@pytest.mark.usefixtures("speaking_pseudo")
@pytest.mark.parametrize("command", [[], ["check"], ["validate"], ["rules"], ["convert"]])
def test_the_help_is_translated(command: list[str]) -> None:
    out = io.StringIO()
    assert run([*command, "--help", "--lang", PSEUDO], out, io.StringIO()) == 0
    text = re.sub(_HELP_DATA, " ", out.getvalue())
    assert _WORD.findall(text) == []
    assert "[!!" in out.getvalue()


@pytest.mark.usefixtures("speaking_pseudo")
def test_usage_errors_are_translated() -> None:
    for argv in (
        ["check", "--format", "nope", "x.xml"],
        ["check"],
        ["frobnicate"],
        ["check", "x.xml", "--jobs", "zero"],
        ["check", str(EXAMPLES / "tr-import.xml"), "--countries", "QQ"],
    ):
        err = io.StringIO()
        assert run([*argv, "--lang", PSEUDO], io.StringIO(), err) == 2
        text = re.sub(_HELP_DATA + r"|'[^']*'|QQ|nope|zero|x\.xml", " ", err.getvalue())
        tokens = list(RuleSet.bundled().countries)
        assert english_left(text, tokens) == [], err.getvalue()


@pytest.mark.usefixtures("speaking_pseudo")
def test_rules_lists_titles_and_words_in_the_language() -> None:
    out = io.StringIO()
    assert run(["rules", "--lang", PSEUDO], out, io.StringIO()) == 0
    infos = list_rules()
    tokens = _rule_codes() + [c for i in infos if (c := i.country)] + ["baseline"]
    assert english_left(out.getvalue().replace(" - ", " "), tokens) == []
    listed = io.StringIO()
    assert run(["rules", "--format", "json", "--lang", PSEUDO], listed, io.StringIO()) == 0
    for entry in json.loads(listed.getvalue()):
        assert entry["id"] in tokens
        for key in ("title", "applies_when", "why"):
            assert english_left(entry[key], [*tokens, entry["source"]]) == [], (entry["id"], key)


@pytest.mark.usefixtures("speaking_pseudo")
def test_a_failing_write_is_said_in_the_language_spoken_when_shown() -> None:
    from single_window._clitext import speaking
    from single_window._output import STDOUT_NAME, write_error

    error = write_error(STDOUT_NAME, BrokenPipeError(32, "Broken pipe"))
    assert str(error) == "standard output: cannot write: Broken pipe"
    with speaking(PSEUDO):
        said = str(error)
    assert "[!!" in said
    assert english_left(said, ["Broken pipe"]) == []
