"""A pack's own translations: the how-to guide run as written, and what loading checks.

``docs/how-to/translate-a-pack.md`` makes a template with ``pybabel`` and the pack
extractor, starts a Russian catalog, translates a rule and checks in Russian; this test
does each step the guide shows, with its own code and commands.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import EXAMPLES
from test_howto import GUIDES, blocks, run

import single_window as sw
from single_window import RulePackError
from single_window.cli import run as cli
from single_window.rules import RuleSet, list_rules

GUIDE = GUIDES / "translate-a-pack.md"
BIN = str(Path(sys.executable).parent)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The guide's folder: the examples, and ``my-packs/tr.toml`` with the steel rule."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (rule,) = blocks(GUIDE, "toml")
    packs = tmp_path / "my-packs"
    packs.mkdir()
    bundled = (Path(sw.__file__).parent / "packs" / "tr.toml").read_text("utf-8")
    (packs / "tr.toml").write_text(bundled + "\n" + rule, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shell(block: str) -> str:
    """Run a guide's shell block, the installed commands first on the path."""
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run(
        ["bash", "-e", "-c", block], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def translate(po: Path) -> None:
    """Fill in the entries the guide translates, as a translator would."""
    (shown,) = blocks(GUIDE, "po")
    wanted = read_po(io.BytesIO(shown.encode()))
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for entry in wanted:
        if entry.id:
            found = catalog.get(entry.id, context=entry.context)
            assert found is not None, entry.context
            found.string = entry.string
    with po.open("wb") as out:
        write_po(out, catalog)


def test_the_guide_translates_a_rule_of_a_pack(workdir: Path) -> None:
    extract, init, commands, update = blocks(GUIDE, "sh")
    shell(extract)
    template = workdir / "my-packs" / "tr.pot"
    with template.open("rb") as stream:
        contexts = {m.context for m in read_po(stream) if m.id}
    assert {"TR-STEEL-LICENCE", "TR-STEEL-LICENCE.title", "TR-STEEL-LICENCE.why"} <= contexts
    shell(init)
    po = workdir / "my-packs" / "tr.ru.po"
    translate(po)

    (code,) = blocks(GUIDE, "python")
    (printed,) = [b for b in blocks(GUIDE, "text") if "C640" in b]
    namespace: dict[str, object] = {}
    assert run(code, namespace) == printed
    report = namespace["report"]
    assert isinstance(report, sw.Report) and report.lang == "ru"
    english = sw.check("examples/tr-import.xml", rules=namespace["rules"])  # type: ignore[arg-type]
    assert [f.model_dump(exclude={"message"}) for f in report.findings] == [
        f.model_dump(exclude={"message"}) for f in english.findings
    ]

    listed = shell(commands)
    assert "Для ввоза стали нужна лицензия на импорт" in listed
    assert "код товара 731815900019" in listed

    shell(update)  # nothing changed: the translations stay
    rules = RuleSet.from_paths(["my-packs/"], replace=True)
    (steel,) = [r for r in list_rules("TR", rules=rules, lang="ru") if r.id == "TR-STEEL-LICENCE"]
    assert steel.title == "Для ввоза стали нужна лицензия на импорт"


def test_a_packs_translations_travel_to_worker_processes(workdir: Path) -> None:
    shell(blocks(GUIDE, "sh")[0])
    shell(blocks(GUIDE, "sh")[1])
    translate(workdir / "my-packs" / "tr.ru.po")
    rules = RuleSet.from_paths(["my-packs/"], replace=True)
    sources = ["examples/tr-import.xml"] * 4
    reports = list(sw.check_many(sources, rules=rules, lang="ru", jobs=2))
    messages = {f.message for r in reports for f in r.findings if f.rule == "TR-STEEL-LICENCE"}
    assert messages == {"код товара 731815900019: нет документа о лицензии на ввоз (C640)"}


def _pack(folder: Path) -> Path:
    pack = folder / "xq.toml"
    pack.write_text(
        '[pack]\ncountry = "XQ"\nname = "Test"\n\n[[rules]]\nid = "XQ-HS"\n'
        'title = "Commodity codes have 8 digits"\nagency = "customs"\nseverity = "error"\n'
        'check = { kind = "length", field = "commodity_code", lengths = [8] }\n'
        'message = "\'{value}\' has {length} digits"\nsource = "Test"\n',
        encoding="utf-8",
    )
    return pack


def _catalog(path: Path, entries: str) -> None:
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )


def test_a_pack_catalog_is_read_when_the_pack_loads(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    _catalog(
        tmp_path / "xq.kk.po",
        'msgctxt "XQ-HS"\nmsgid "\'{value}\' has {length} digits"\n'
        "msgstr \"'{value}' кодында {length} цифр бар\"\n",
    )
    loaded = RuleSet.from_paths([pack], include_bundled=False)
    assert [tag for tag, _ in loaded.packs["XQ"].catalogs] == ["kk"]
    (tmp_path / "xq.kk.po").unlink()  # read when loaded: later edits change nothing
    report = sw.check(EXAMPLES / "tr-import.xml", rules=loaded, countries="XQ", lang="kk")
    (finding,) = report.findings
    assert finding.rule == "XQ-HS"
    assert finding.message == "'731815900019' кодында 12 цифр бар"


@pytest.mark.parametrize(
    ("name", "entries", "said"),
    [
        ("xq.kk.po", "this is not a po file {\n", "not a PO file"),
        ("xq.de.po", "", "not a language the library has messages in"),
        ("xq.uz-Cyrl.po", "", "not a language the library has messages in"),
        (
            "xq.kk.po",
            'msgctxt "XQ-HS"\nmsgid "\'{value}\' has {length} digits"\nmsgstr "{valeur}"\n',
            "has the placeholders ['valeur']; its English text has ['length', 'value']",
        ),
    ],
)
def test_a_catalog_that_cannot_be_used_is_a_pack_error(
    tmp_path: Path, name: str, entries: str, said: str
) -> None:
    pack = _pack(tmp_path)
    path = tmp_path / name
    if entries.startswith("this"):
        path.write_text(entries, encoding="utf-8")
    else:
        _catalog(path, entries)
    with pytest.raises(RulePackError, match=said.replace("[", r"\[").replace("]", r"\]")) as raised:
        RuleSet.from_paths([pack], include_bundled=False)
    assert raised.value.file == str(path)


def test_the_command_line_shows_a_packs_translated_titles(workdir: Path) -> None:
    shell(blocks(GUIDE, "sh")[0])
    shell(blocks(GUIDE, "sh")[1])
    translate(workdir / "my-packs" / "tr.ru.po")
    out = io.StringIO()
    argv = ["rules", "--packs", "my-packs/", "--replace-packs", "--country", "TR", "--lang", "ru"]
    assert cli(argv, out, io.StringIO()) == 0
    assert "Для ввоза стали нужна лицензия на импорт" in out.getvalue()
