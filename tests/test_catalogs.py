"""The translation catalogs: the template, each language's catalog, and how they are built.

The template is made from the registered messages and the bundled packs and must agree
with what Babel's extraction finds (``N_``/``NP_`` in the source, the pack extractor in
the packs). Every catalog keeps each translation's placeholders; a shipped language's
catalog translates everything. The compiled catalogs, built by the build hook for a wheel
and an editable install, hold what their ``.po`` files say, and the library reads an
edited ``.po`` file until it is compiled again.
"""

from __future__ import annotations

import gettext
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from conftest import REPO

from single_window import _i18n, _lang
from single_window._catalogs import load
from single_window._i18n import render
from single_window._lang import SHIPPED_LANGUAGES
from single_window._packextract import extract_pack, pack_texts
from single_window._pocheck import SAME_AS_ENGLISH, counts, problems, same_is_fine
from single_window._pot import disagreements

sys.path.insert(0, str(REPO))
import hatch_build

LOCALE = REPO / "single_window" / "locale"
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/single_window.po"))


def _lang_of(po: Path) -> str:
    return po.parent.parent.name


def _read(po: Path) -> Catalog:
    with po.open("rb") as stream:
        return read_po(stream, locale=_lang_of(po))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The library's own messages, made in a fresh process: other tests register messages
    of their own (a fake format) in this one."""
    target = tmp_path_factory.mktemp("template") / "single_window.pot"
    script = (
        "import sys\nfrom babel.messages.pofile import write_po\n"
        "from single_window._pot import catalog\n"
        "with open(sys.argv[1], 'wb') as out:\n    write_po(out, catalog())\n"
    )
    subprocess.run([sys.executable, "-c", script, str(target)], check=True, cwd=REPO)
    with target.open("rb") as stream:
        return read_po(stream)


def test_the_template_agrees_with_what_babel_extracts() -> None:
    """In a fresh process: other tests register messages of their own (a fake format)."""
    script = "import json\nfrom single_window._pot import disagreements\n"
    script += "print(json.dumps(disagreements()))"
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, cwd=REPO
    )
    assert json.loads(out.stdout) == []


def test_a_text_registered_but_not_marked_is_a_disagreement() -> None:
    from single_window._pot import Entry

    made = [Entry("x.a", "marked"), Entry("x.b", "only registered")]
    found = [("single_window/x.py", 3, "marked", [], None), ("p.toml", 1, "T", [], "R.title")]
    assert disagreements(made, found) == [
        "x.b: 'only registered' is registered but not marked",
        "p.toml:1: R.title: 'T' is not registered",
    ]


def test_the_template_has_the_packs_titles_messages_and_why(template: Catalog) -> None:
    assert template.get("'{value}' has {length} digits; Turkish GTIP codes have 12", "TR-HS-LENGTH")
    assert template.get("GTİP commodity codes have 12 digits", "TR-HS-LENGTH.title")
    why = [m for m in template if m.context and m.context.endswith(".why")]
    assert len(why) > 50
    assert all("\n" not in m.id and "  " not in m.id for m in why)


def test_the_pack_extractor_is_registered_for_pybabel() -> None:
    """``[single_window_pack: ...]`` in a Babel mapping names the extractor."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    pack = REPO / "single_window" / "packs" / "tr.toml"
    found = list(extract_from_file("single_window_pack", str(pack), keywords=DEFAULT_KEYWORDS))
    contexts = {context: (line, text) for line, text, _, context in found}
    line, text = contexts["TR-HS-LENGTH"]
    assert text == "'{value}' has {length} digits; Turkish GTIP codes have 12"
    assert pack.read_text("utf-8").splitlines()[line - 1].lstrip().startswith("message")
    assert contexts["TR-HS-LENGTH.title"][1] == "GTİP commodity codes have 12 digits"
    assert "TR-HS-LENGTH.why" in contexts
    direct = list(extract_pack(io.BytesIO(pack.read_bytes()), [], [], {}))
    assert len(direct) == len(found)


def test_the_pack_extractor_reads_nothing_from_a_file_that_is_no_pack() -> None:
    assert list(pack_texts("not = [toml")) == []
    assert list(pack_texts('[pack]\nname = "x"\n')) == []
    texts = list(pack_texts('[[rules]]\nid = "X-A"\ntitle = "T"\nmessage = "{a} b"\n'))
    assert [(c, t, comments) for _, c, t, comments in texts] == [
        ("X-A", "{a} b", ["placeholders: {a}"]),
        ("X-A.title", "T", []),
    ]


def test_there_is_a_catalog_for_every_language_but_english() -> None:
    assert {_lang_of(p) for p in PO_FILES} == set(_lang.available_languages()) - {"en"}


@pytest.mark.parametrize("po", PO_FILES, ids=_lang_of)
def test_a_catalog_says_its_language_and_its_plural_rule(po: Path) -> None:
    found = _read(po)
    lang = _lang_of(po)
    assert str(found.locale) == lang
    assert found.num_plurals == get_plural(lang).num_plurals
    assert found.plural_expr == get_plural(lang).plural_expr


@pytest.mark.parametrize("po", PO_FILES, ids=_lang_of)
def test_every_translation_keeps_its_placeholders(po: Path, template: Catalog) -> None:
    lang = _lang_of(po)
    shipped = lang in SHIPPED_LANGUAGES
    assert problems(_read(po), template, complete=shipped, same_allowed=SAME_AS_ENGLISH) == []


def test_the_placeholder_check_finds_what_a_translator_can_break(template: Catalog) -> None:
    made = Catalog(locale="ru")
    made.add("'{value}' has {length} digits", "'{value}' — {длина} цифр", context="A")
    made.add(("{count} item", "{count} items"), ("{count} предмет",), context="B")  # ru: 3
    made.add(("{count} item", "{count} items"), ("{count} x", "x", "{count} y"), context="C")
    made.add("usage: %(prog)s", "использование", context="D")
    made.add("a {b", "x {b", context="E")
    made.add("plain", "plain", context="F")
    made.add("{detail}", "{detail}", context="XSD.document")  # must say what went wrong
    made.add("{country} {verdict}", "{country} {verdict}", context="report.route-stop-no-role")
    found = problems(made, made, complete=True)
    assert any(p.startswith("A: the translation has the placeholders") for p in found)
    assert "B: 1 plural forms; the language has 3" in found
    assert any(p.startswith("C: the translation has the placeholders") for p in found)
    assert any(p.startswith("D: the translation has []") for p in found)
    assert any(p.startswith("E:") and "not a template" in p for p in found)
    assert "F: the translation is the English text" in found
    assert "XSD.document: the translation is the English text" in found
    assert not [p for p in found if p.startswith("report.")]
    assert same_is_fine("{detail}") and same_is_fine(", ") and not same_is_fine("line {line}")
    assert counts(made).translated == 8
    assert counts(made).untranslated == 0


def test_an_unfinished_catalog_renders_english_for_what_it_does_not_translate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import single_window.reporters._labels  # noqa: F401  (registers report.errors)

    made = Catalog(locale="kk")
    made.add("error", "қате", context="severity.error")
    made.add("line {line}", "{жол}", context="finding.line")  # broken: English is used
    made.add(("{count} error", "{count} errors"), ("{count} {", "x"), context="report.errors")
    _install(tmp_path, "kk", made)
    monkeypatch.setattr(_lang, "LOCALE_DIR", tmp_path)
    _i18n.forget_catalogs()
    try:
        assert render("severity.error", {}, "kk") == "қате"
        assert render("severity.warning", {}, "kk") == "warning"
        assert render("finding.line", {"line": 3}, "kk") == "line 3"
        assert render("report.errors", {"count": 1}, "kk") == "1 error"
    finally:
        monkeypatch.undo()
        _i18n.forget_catalogs()


def _install(folder: Path, lang: str, made: Catalog, *, mo: bool = True) -> Path:
    target = folder / lang / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    po = target / "single_window.po"
    from babel.messages.pofile import write_po

    with po.open("wb") as out:
        write_po(out, made)
    if mo:
        with (target / "single_window.mo").open("wb") as out:
            write_mo(out, made)
    return po


# --- building -----------------------------------------------------------------------------


def _translations(data: bytes) -> dict[object, str]:
    """What compiled catalog bytes hold, as gettext keys it: ``context\x04msgid`` (and the
    plural form's index) -> translation."""
    found = gettext.GNUTranslations(io.BytesIO(data))
    entries = found._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in entries.items() if k != ""}


def _effective(po: Path) -> tuple[dict[object, str], dict[object, str]]:
    """What a .po file translates, keyed as a compiled catalog keys its entries, and the
    English of every entry: what gettext gives for an entry the file leaves empty."""
    translated: dict[object, str] = {}
    english: dict[object, str] = {}
    for message in _read(po):
        if not message.id:
            continue
        ctx = f"{message.context}\x04" if message.context else ""
        if isinstance(message.id, str):
            english[f"{ctx}{message.id}"] = message.id
            if message.string and not message.fuzzy:
                translated[f"{ctx}{message.id}"] = message.string
            continue
        forms = list(message.string)
        for n, form in enumerate(forms):
            key = (f"{ctx}{message.id[0]}", n)
            english[key] = message.id[min(n, 1)]
            if all(forms) and not message.fuzzy:
                translated[key] = form
    return translated, english


@pytest.mark.parametrize("po", PO_FILES, ids=_lang_of)
def test_the_build_hook_compiles_what_the_po_file_says(po: Path) -> None:
    compiled = hatch_build.compile_catalog(po)
    translated, english = _effective(po)
    found = _translations(compiled)
    assert {k: v for k, v in found.items() if k in translated} == translated
    assert {k: v for k, v in found.items() if k not in translated and v != english.get(k)} == {}
    mo = po.with_suffix(".mo")  # built beside it by an editable install
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        assert mo.read_bytes() == compiled


def test_a_wheel_holds_every_catalog_compiled(tmp_path: Path) -> None:
    builder = pytest.importorskip("hatchling.builders.wheel").WheelBuilder(str(REPO))
    (wheel,) = builder.build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for po in PO_FILES:
            name = po.relative_to(REPO).with_suffix(".mo").as_posix()
            assert name in names
            assert archive.read(name) == hatch_build.compile_catalog(po)
    assert not any(name.endswith(".po") for name in names)


def test_the_library_reads_a_po_file_edited_since_it_was_compiled(tmp_path: Path) -> None:
    made = Catalog(locale="kk")
    made.add("error", "қате", context="severity.error")
    po = _install(tmp_path, "kk", made)
    folder = po.parent
    assert load(folder).pgettext("severity.error", "error") == "қате"  # type: ignore[union-attr]
    edited = Catalog(locale="kk")
    edited.add("error", "қателік", context="severity.error")
    from babel.messages.pofile import write_po

    with po.open("wb") as out:
        write_po(out, edited)
    later = (po.with_suffix(".mo").stat().st_mtime or 0) + 10
    os.utime(po, (later, later))
    assert load(folder).pgettext("severity.error", "error") == "қателік"  # type: ignore[union-attr]
    po.with_suffix(".mo").unlink()
    assert load(folder).pgettext("severity.error", "error") == "қателік"  # type: ignore[union-attr]
    po.unlink()
    assert load(folder) is None


def test_every_message_that_only_gives_untranslatable_words_must_be_wrapped() -> None:
    """A template that is nothing but libxml2's, the system's or an exception's words
    (``{detail}``) must be made a sentence of the language by a complete catalog."""
    from single_window._i18n import templates
    from single_window._pocheck import MUST_WRAP
    from single_window._pot import entries

    list(entries())  # every module imported: every template registered
    bare = {
        message_id
        for message_id, found in templates().items()
        if same_is_fine(found.text) and found.names & {"detail", "error", "reason"}
    }
    assert bare == MUST_WRAP
