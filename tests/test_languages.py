"""Languages: how a tag names one, ``lang=`` on every public function, the command line's
``--lang`` and locale, and what stays the same in every language.

A catalog of the test's own (``tests/_pseudo.py``) stands in for the translations, which
translators add later; only English and the catalogs the package has are spoken.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pseudo import PSEUDO, catalogs
from conftest import EXAMPLES

import single_window as sw
from single_window import _lang
from single_window._lang import (
    LANGUAGES,
    SHIPPED_LANGUAGES,
    available_languages,
    check_lang,
    environment_language,
    language_tag,
)
from single_window.cli import run
from single_window.reporters import HtmlReporter, ReportContext, write_reports
from single_window.rules import list_rules

REJECTED = EXAMPLES / "faults" / "tr-import-vkn-checksum.xml"
#: The languages of the corridor, each with a catalog in the package.
CORRIDOR = ("tr", "az", "uz", "kk", "ky", "ru", "ka")


@pytest.fixture
def pseudo(tmp_path: Path) -> Iterator[str]:
    """The library speaks English, the pseudo-locale and Kazakh (in a Cyrillic
    pseudo-translation) within the test."""
    with catalogs(tmp_path, PSEUDO, "kk"):
        yield PSEUDO


# --- tags -------------------------------------------------------------------------------


def test_the_package_has_a_catalog_for_every_language_of_the_corridor() -> None:
    assert set(CORRIDOR) <= set(available_languages())
    assert available_languages()[0] == "en"
    assert "en" in SHIPPED_LANGUAGES
    assert set(SHIPPED_LANGUAGES) <= set(available_languages())
    for tag in available_languages():
        assert LANGUAGES[tag].tag == tag


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("kk", "kk"),
        ("KK", "kk"),
        ("kk-KZ", "kk"),
        ("kk_KZ", "kk"),
        ("kk_kz", "kk"),
        ("kk-Cyrl-KZ", "kk"),
        ("kk_KZ.UTF-8", "kk"),
        ("uz", "uz"),
        ("uz-Latn", "uz"),
        ("uz-latn-UZ", "uz"),
        ("uz_UZ@latin", "uz"),
        ("ru_RU.KOI8-R", "ru"),
        ("ka-GE", "ka"),
        ("en-GB", "en"),
        ("tr", "tr"),
        (" az-AZ ", "az"),
    ],
)
def test_a_tag_names_a_language_in_any_case_region_or_its_catalogs_script(
    written: str, tag: str
) -> None:
    assert language_tag(written) == tag
    assert check_lang(written) == tag


@pytest.mark.parametrize(
    "written",
    ["uz-Cyrl", "uz_UZ@cyrillic", "kk-Latn", "az-Cyrl", "xx", "de-DE", "", "k", "kk-KZ!", "C"],
)
def test_a_tag_of_a_language_or_script_without_a_catalog_is_refused(written: str) -> None:
    assert language_tag(written) is None
    with pytest.raises(ValueError, match="its languages are en \\(English\\)") as raised:
        check_lang(written)
    assert "kk (Kazakh)" in str(raised.value)


def test_lang_must_be_a_tag() -> None:
    with pytest.raises(TypeError, match="language tag"):
        check_lang(7)
    assert check_lang(None) == "en"


@pytest.mark.parametrize(
    ("environ", "tag"),
    [
        ({"LANG": "kk_KZ.UTF-8"}, "kk"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),
        ({"LC_ALL": "ka_GE.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "ka"),
        ({"LC_ALL": "", "LANG": "tr_TR.UTF-8"}, "tr"),
        ({"LC_ALL": "C", "LANG": "tr_TR.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "uz_UZ@cyrillic"}, "en"),
        ({}, "en"),
    ],
)
def test_the_users_locale_names_a_language_where_there_is_a_catalog(
    environ: dict[str, str], tag: str
) -> None:
    assert environment_language(environ) == tag


# --- the public functions ---------------------------------------------------------------


def test_a_report_is_english_by_default_whatever_the_locale(
    monkeypatch: pytest.MonkeyPatch, pseudo: str
) -> None:
    monkeypatch.setenv("LC_ALL", "qps")
    report = sw.check(REJECTED)
    assert report.lang == "en"
    assert sw.validate(REJECTED).lang == "en"
    assert report.to_dict()["lang"] == "en"
    assert report.findings[0].message == sw.check(REJECTED, lang="en").findings[0].message


@pytest.mark.parametrize("function", ["check", "validate", "parse"])
def test_every_function_refuses_a_language_it_does_not_speak(function: str) -> None:
    with pytest.raises(ValueError, match="lang='xx'"):
        getattr(sw, function)(EXAMPLES / "tr-import.xml", lang="xx")
    with pytest.raises(TypeError):
        getattr(sw, function)(EXAMPLES / "tr-import.xml", lang=1)


@pytest.mark.parametrize("function", ["check_many", "validate_many"])
def test_a_batch_refuses_a_language_when_it_is_called(function: str) -> None:
    with pytest.raises(ValueError, match="lang='xx'"):
        getattr(sw, function)([EXAMPLES / "tr-import.xml"], lang="xx")


def test_a_finding_in_another_language_keeps_its_rule_codes_and_parameters(pseudo: str) -> None:
    english = sw.check(REJECTED, explain=True)
    other = sw.check(REJECTED, explain=True, lang="kk-KZ")
    assert other.lang == "kk"
    assert [f.rule for f in other.findings] == [f.rule for f in english.findings]
    for mine, theirs in zip(other.findings, english.findings, strict=True):
        assert mine.model_dump(exclude={"message"}) == theirs.model_dump(exclude={"message"})
        assert mine.message != theirs.message
        assert mine.message.startswith("[!!")
    assert other.verdict == english.verdict
    assert other.countries == english.countries
    reasons = {o.rule: o.reason for o in other.explanation or ()}
    assert all(reason.startswith("[!!") for reason in reasons.values())
    data = json.loads(json.dumps(other.to_dict()))
    assert data["lang"] == "kk"
    assert sw.Report.from_dict(data).to_dict() == data


def test_validate_and_parse_speak_the_language_asked_for(pseudo: str) -> None:
    result = sw.validate(b"<a><b></a>", lang=pseudo)
    assert result.lang == pseudo
    assert result.findings[0].message.startswith("[!!")
    with pytest.raises(sw.DeclarationError, match=r"^\[!!<bytes>: XML-SYNTAX: \[!!"):
        sw.parse(b"<a><b></a>", lang=pseudo)
    with pytest.raises(sw.DeclarationError, match=r"^<bytes>: XML-SYNTAX: not well-formed"):
        sw.parse(b"<a><b></a>")


def test_a_batch_speaks_the_language_in_every_report(pseudo: str) -> None:
    sources = [REJECTED, b"<a/>", None]
    reports = list(sw.check_many(sources, jobs=1, lang=pseudo))  # type: ignore[list-item]
    assert [r.lang for r in reports] == [pseudo] * 3
    assert all(f.message.startswith("[!!") for r in reports for f in r.findings)
    validated = list(sw.validate_many([b"<a/>"], jobs=1, lang=pseudo))
    assert validated[0].lang == pseudo and validated[0].findings[0].message.startswith("[!!")


def test_list_rules_gives_titles_conditions_and_why_in_the_language(pseudo: str) -> None:
    english = {r.id: r for r in list_rules("TR")}
    for info in list_rules("TR", lang=pseudo):
        assert info.title.startswith("[!!") and info.applies_when.startswith("[!!")
        assert (info.why == "") == (english[info.id].why == "")
        assert (info.id, info.source, info.severity) == (
            english[info.id].id,
            english[info.id].source,
            english[info.id].severity,
        )


# --- report writers ---------------------------------------------------------------------


def test_a_writer_writes_in_the_reports_language_unless_asked_for_another(pseudo: str) -> None:
    english, other = sw.check(REJECTED), sw.check(REJECTED, lang=pseudo)
    out = io.StringIO()
    write_reports("text", [other], out)
    assert "[!!" in out.getvalue()
    out = io.StringIO()
    write_reports("text", [english], out, lang=pseudo)  # put into the language asked for
    assert out.getvalue() == _text(other)
    out = io.StringIO()
    write_reports("text", [other], out, lang="en")
    assert out.getvalue() == _text(english)
    with pytest.raises(ValueError, match="lang='xx'"):
        write_reports("text", [english], io.StringIO(), lang="xx")


def _text(report: sw.Report) -> str:
    out = io.StringIO()
    write_reports("text", [report], out)
    return out.getvalue()


def test_a_json_report_says_its_language(pseudo: str) -> None:
    out = io.StringIO()
    write_reports("jsonl", [sw.check(REJECTED, lang="kk")], out)
    assert json.loads(out.getvalue())["lang"] == "kk"


def test_the_html_page_says_its_language_and_direction(pseudo: str) -> None:
    out = io.StringIO()
    reporter = HtmlReporter(out, ReportContext(lang="kk"))
    reporter.start()
    reporter.add(sw.check(REJECTED))
    reporter.finish()
    assert out.getvalue().startswith('<!DOCTYPE html><html lang="kk" dir="ltr">')
    out = io.StringIO()
    write_reports("html", [sw.check(REJECTED)], out)
    assert out.getvalue().startswith('<!DOCTYPE html><html lang="en" dir="ltr">')


# --- the command line -------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "command", [["check", str(REJECTED)], ["validate", str(REJECTED)], ["rules"]]
)
def test_every_command_takes_lang(command: list[str], pseudo: str) -> None:
    for lang in (["--lang", pseudo], [f"--lang={pseudo}"], ["--la", pseudo]):
        code, out, err = _cli(*command, *lang)
        assert code in (0, 1)
        assert "[!!" in out + err, (lang, out, err)
    code, english, _ = _cli(*command, "-q")
    assert "[!!" not in english


def test_the_command_line_speaks_the_users_locale_where_there_is_a_catalog(
    monkeypatch: pytest.MonkeyPatch, pseudo: str
) -> None:
    def lang(*more: str) -> str:
        code, out, _ = _cli("check", str(REJECTED), "-q", "--format", "jsonl", *more)
        assert code == 1
        return str(json.loads(out)["lang"])

    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert lang() == "kk"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # no catalog: English
    assert lang() == "en"
    assert lang("--lang", "kk") == "kk"


def test_the_help_is_in_the_language_asked_for(pseudo: str) -> None:
    code, out, _ = _cli("--lang", pseudo, "check", "--help")
    assert code == 0
    assert out.startswith("[!!")  # argparse's "usage: "
    assert "--lang LANG" in out


def test_a_language_without_a_catalog_is_a_usage_error(pseudo: str) -> None:
    code, _, err = _cli("rules", "--lang", "xx")
    assert code == 2
    assert "'xx'" in err and "qps" in err and "kk" in err


def test_rules_lists_kazakh_titles(pseudo: str) -> None:
    code, out, _ = _cli("rules", "--country", "KZ", "--lang", "kk")
    assert code == 0
    rows = out.splitlines()[1:]
    assert rows and all("KZ-" in row and "[!!" in row for row in rows)
    assert all(any("\u0400" <= c <= "\u04ff" for c in row) for row in rows)  # Cyrillic


def test_only_english_and_the_packaged_catalogs_are_spoken_after_a_test() -> None:
    packaged = Path(sw.__file__).resolve().parent / "locale"
    assert packaged == _lang.LOCALE_DIR
    assert PSEUDO not in available_languages()


def test_the_language_guide_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from test_howto import GUIDES, python_blocks
    from test_howto import run as run_block

    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    check_block, refused_block, writer_block = python_blocks(
        GUIDES / "read-findings-in-your-language.md"
    )
    namespace: dict[str, object] = {}
    printed = run_block(check_block, namespace).splitlines()
    report = namespace["report"]
    assert isinstance(report, sw.Report)
    assert printed[0] == "kk"
    assert [line.split(" ", 2)[:2] for line in printed[1:]] == [
        [f.rule, f.message_id] for f in report.findings
    ]
    said = run_block(refused_block, namespace)
    assert said.startswith("lang='de': the library has no messages in that language")
    assert run_block(writer_block, namespace).startswith(
        '<!DOCTYPE html><html lang="ka" dir="ltr">'
    )


@pytest.mark.parametrize(
    ("lang", "turkiye", "euro"), [("en", "Türkiye", "Euro"), ("kk", "Түркия", "Еуро")]
)
def test_the_html_page_names_codes_beside_them_in_its_language(
    lang: str, turkiye: str, euro: str
) -> None:
    """Countries in the verdict table and route, and the code a finding names (a
    currency here), with their names from the code lists in the page's language."""
    report = sw.check(EXAMPLES / "faults" / "tm-import-duty-currency.xml", lang=lang)
    assert [f.value for f in report.findings] == ["EUR"]
    out = io.StringIO()
    write_reports("html", [report], out)
    page = out.getvalue()
    assert f'<td><b>TR</b> <span class="name">{turkiye}</span></td>' in page
    assert f'title="{turkiye}: ' in page
    assert f'<code>EUR</code> <span class="name">({euro})</span>' in page


def test_the_html_page_names_the_code_of_an_ncts_finding() -> None:
    """A finding on a CC015C names its code from the list its element is drawn from."""
    doc = (EXAMPLES / "tr-ge-t1-cc015c.xml").read_bytes()
    doc = doc.replace(
        b"<typeOfPackages>RO</typeOfPackages>", b"<typeOfPackages>NE</typeOfPackages>"
    )
    doc = doc.replace(
        b"<numberOfPackages>24</numberOfPackages>", b"<numberOfPackages>0</numberOfPackages>"
    )
    report = sw.check(doc)
    zero = [f for f in report.findings if f.rule == "TRANSIT-R0220"]
    assert [(f.path.rpartition("/")[2], f.value) for f in zero] == [("typeOfPackages", "NE")]
    out = io.StringIO()
    write_reports("html", [report], out)
    unpacked = sw.codelists.label("ncts:CL017", "NE")
    assert unpacked
    assert f'<code>NE</code> <span class="name">({unpacked})</span>' in out.getvalue()
