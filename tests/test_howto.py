"""The how-to guides and the API reference say what works: their code runs as written,
on the bundled examples, and does what the guides say it does."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, DECLARATIONS, EXAMPLES, REPO, require_corpus

import single_window as sw

DOCS = REPO / "docs"
GUIDES = DOCS / "how-to"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)
GOODS_ITEM = "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def blocks(page: Path, language: str) -> list[str]:
    """The fenced blocks of one language on a page, in order."""
    pattern = re.compile(rf"^( *)```{language}\n(.*?)^\1```", re.S | re.M)
    found = []
    for indent, body in pattern.findall(page.read_text(encoding="utf-8")):
        found.append("\n".join(line.removeprefix(indent) for line in body.splitlines()) + "\n")
    return found


def run(block: str, namespace: dict[str, object]) -> str:
    """Run a guide's code block as written; what it prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "<guide>", "exec"), namespace)
    return out.getvalue()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder to run a guide in, as a reader would: the examples in ``examples/``."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("my_rules", None)


def test_the_api_reference_documents_every_public_function() -> None:
    import single_window

    page = (DOCS / "reference" / "api" / "single_window.md").read_text(encoding="utf-8")
    functions = [n for n in single_window.__all__ if callable(getattr(single_window, n))]
    functions = [n for n in functions if not isinstance(getattr(single_window, n), type)]
    missing = [n for n in functions if f"::: single_window.{n}\n" not in page]
    assert not missing, f"docs/reference/api/single_window.md does not document {missing}"
    assert {"check_many", "validate_many"} <= set(functions)


def test_the_dask_guide_matches_xml_files_in_any_letter_case(tmp_path: Path) -> None:
    page = DOCS / "how-to" / "dask.md"
    text = page.read_text(encoding="utf-8")
    code = "\n".join(python_blocks(page))
    assert 'glob("*.xml")' not in code, "a case-sensitive glob misses .XML files"
    (helper,) = re.findall(r"^def declarations\(folder\):\n(?:    .*\n)+", text, re.M)
    for name in ("a.xml", "sub/B.XML", "sub/c.Xml", "notes.txt", "d.xml.bak"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"<a/>")
    namespace: dict[str, object] = {"Path": Path}
    exec(helper, namespace)
    found = namespace["declarations"](tmp_path)  # type: ignore[operator]
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.xml",
        "sub/B.XML",
        "sub/c.Xml",
    ]


def test_the_fuzzing_guide_examples_pass_on_a_loaded_machine(tmp_path: Path) -> None:
    """The guide's tests run as written while two busy processes load a 2-core machine.

    The examples load the ``ci`` profile that ``single_window.testing`` ships, so a heavy
    strategy on a slow machine does not fail Hypothesis's ``too_slow`` health check.
    """
    blocks = python_blocks(DOCS / "how-to" / "fuzz-your-rules.md")
    bundled = next(b for b in blocks if "test_short_gtip_codes_are_rejected" in b)
    own_pack = next(b for b in blocks if "test_our_office_rule_fires" in b)
    assert "register_profiles()" in bundled
    (tmp_path / "test_guide_bundled.py").write_text(bundled, encoding="utf-8")
    (tmp_path / "test_guide_own_pack.py").write_text(bundled + "\n" + own_pack, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    load = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import time\nend = time.time() + 120\nwhile time.time() < end: pass",
            ]
        )
        for _ in range(2)
    ]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            env=env,
        )
    finally:
        for process in load:
            process.kill()
            process.wait()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "4 passed" in result.stdout


def test_the_shipped_profiles_are_the_ones_the_docs_name() -> None:
    from hypothesis import HealthCheck, settings

    from single_window.testing import PROFILES, register_profiles

    assert register_profiles() == ("ci", "long")
    for name in ("ci", "long"):
        profile = settings.get_profile(name)
        assert profile == PROFILES[name]
        assert HealthCheck.too_slow in profile.suppress_health_check
        assert profile.deadline is None
    assert settings.get_profile("ci").max_examples < settings.get_profile("long").max_examples
    guide = (DOCS / "how-to" / "fuzz-your-rules.md").read_text(encoding="utf-8")
    assert "HYPOTHESIS_PROFILE=long" in guide


@pytest.mark.parametrize("page", sorted(p.name for p in GUIDES.glob("*.md")))
def test_the_guides_code_is_valid_python(page: str) -> None:
    """Blocks that need what a test has not (a remote cluster, a country's own example)
    are at least valid Python; the others run in the tests above."""
    for block in python_blocks(GUIDES / page):
        compile(block, page, "exec")


def test_the_rule_pack_guide_runs_and_its_rules_do_what_it_says(workdir: Path) -> None:
    from single_window.rules._catalog import PREDICATES

    page = GUIDES / "rule-packs.md"
    check_block, explain_block, module_block, import_block = python_blocks(page)
    steel, description = blocks(page, "toml")
    packs = workdir / "my-packs"
    packs.mkdir()
    bundled = Path(sw.__file__).parent / "packs" / "tr.toml"
    mine = packs / "tr.toml"
    # "Start from the bundled pack", then "Change or add a rule": the rule appended
    mine.write_text(bundled.read_text("utf-8") + "\n" + steel, encoding="utf-8")
    ns: dict[str, object] = {}
    run(check_block, ns)
    report = ns["report"]
    assert isinstance(report, sw.Report)
    # the Turkish import's goods item is in chapter 73 and has no C640: the rule warns
    steel_found = [(f.severity, f.path) for f in report.findings if f.rule == "TR-STEEL-LICENCE"]
    assert steel_found == [("warning", f"{GOODS_ITEM}/Commodity/Classification[1]/ID")]
    assert report.verdict == sw.check("examples/tr-import.xml").verdict

    printed = run(explain_block, ns).splitlines()
    outcomes = {line.split(" ", 2)[0]: line.split(" ", 2)[1] for line in printed}
    assert set(outcomes.values()) <= {"passed", "failed", "not-applicable", "crashed"}
    assert outcomes["TR-STEEL-LICENCE"] == "failed"
    assert outcomes["TR-HS-LENGTH"] == "passed"

    # "Write a predicate": the module, its rule, and the import before loading the packs
    (workdir / "my_rules.py").write_text(module_block, encoding="utf-8")
    mine.write_text(mine.read_text("utf-8") + "\n" + description, encoding="utf-8")
    try:
        run(import_block, ns)
        rules = ns["rules"]
        checked = sw.check("examples/tr-import.xml", rules=rules)  # type: ignore[arg-type]
    finally:
        PREDICATES.remove("description-length")
    found = [(f.path, f.value) for f in checked.findings if f.rule == "TR-DESCRIPTION"]
    decl = sw.parse("examples/tr-import.xml")
    text = decl.goods_items[0].commodity.description.value  # type: ignore[union-attr]
    assert len(text) < 40
    assert found == [(f"{GOODS_ITEM}/Commodity/Description", text)]


def test_the_rule_pack_guide_shows_the_error_a_misspelt_field_gives(workdir: Path) -> None:
    (shown,) = [b for b in blocks(GUIDES / "rule-packs.md", "text") if "commodity_cod'" in b]
    packs = workdir / "my-packs"
    packs.mkdir()
    bundled = (Path(sw.__file__).parent / "packs" / "tr.toml").read_text("utf-8")
    start = bundled.index('id = "TR-HS-LENGTH"')
    end = bundled.index('field = "commodity_code"', start)
    misspelt = (
        bundled[:end] + 'field = "commodity_cod"' + bundled[end + len('field = "commodity_code"') :]
    )
    (packs / "tr.toml").write_text(misspelt, encoding="utf-8")
    with pytest.raises(sw.RulePackError) as info:
        sw.rules.RuleSet.from_paths(["my-packs/"], replace=True)
    assert isinstance(info.value, sw.ConfigurationError)
    # the guide shows the error as it reads, up to the list of fields it shortens
    assert str(info.value).startswith(shown.split("(one of:")[0])


def test_the_national_xsd_guide_runs_against_a_national_schema(workdir: Path) -> None:
    require_corpus()
    validate_block, load_block = python_blocks(GUIDES / "national-xsd.md")
    shutil.copytree(CORPUS / "schemas", workdir / "schemas")
    shutil.copy(workdir / "schemas" / "all.xsd", workdir / "schemas" / "national.xsd")
    shutil.copy(DECLARATIONS / "TT_IM001b" / "TT_IM001b.xml", workdir / "declaration.xml")
    ns: dict[str, object] = {}
    run(validate_block, ns)
    result, report = ns["result"], ns["report"]
    assert isinstance(result, sw.ValidationResult) and isinstance(report, sw.Report)
    assert result.ok and result.declaration is not None
    assert [f.rule for f in report.findings if f.rule == "XSD"] == []
    # a document the national schema refuses is an XSD finding with its path and line
    broken = (
        (workdir / "declaration.xml")
        .read_text("utf-8")
        .replace("<TypeCode>", "<Mystery/><TypeCode>", 1)
    )
    refused = sw.validate(broken, schema="schemas/national.xsd")
    (xsd,) = [f for f in refused.findings if f.rule == "XSD"]
    assert not refused.ok and xsd.path and xsd.line

    ns["paths"] = [workdir / "declaration.xml"]
    run(load_block, ns)
    assert ns["schema"] is sw.load_schema("schemas/national.xsd")  # compiled once, cached
    again = ns["report"]
    assert isinstance(again, sw.Report)
    assert (again.verdict, again.findings) == (report.verdict, report.findings)
    assert issubclass(sw.SchemaError, sw.ConfigurationError)
    with pytest.raises(sw.SchemaError):
        sw.load_schema("schemas/missing.xsd")
    with pytest.raises(sw.SchemaError):
        sw.check("declaration.xml", schema="schemas/missing.xsd")


def test_the_new_country_guide_pack_loads_with_its_validator() -> None:
    from single_window.rules import identifier, load_pack
    from single_window.rules._catalog import IDENTIFIERS, resolve_identifier

    page = GUIDES / "new-country.md"
    validator_block = python_blocks(page)[0]
    pack_text, rule_text = blocks(page, "toml")
    try:
        run(validator_block, {"re": re, "identifier": identifier})
        pack = load_pack("xx.toml", text=pack_text + "\n" + rule_text)
        validate_tin = resolve_identifier("xx-tin")
    finally:
        IDENTIFIERS.remove("xx-tin")
    assert pack.info.country == "XX"
    assert [s.id for s in pack.specs] == ["XX-HS-LENGTH", "XX-TRADER-ID"]
    assert validate_tin("123456789012") is None
    assert validate_tin("12345678901") is not None


def test_the_fuzzing_guide_registers_a_violator_as_shown() -> None:
    from single_window.testing import Needs
    from single_window.testing._registry import VIOLATORS

    (block,) = [
        b for b in python_blocks(GUIDES / "fuzz-your-rules.md") if "predicate_violator" in b
    ]
    try:
        run(block, {})
        registered = VIOLATORS["my-needs-origin"]
    finally:
        VIOLATORS.remove("my-needs-origin")
    assert registered.needs({}) == Needs(declaration_types=("IM",))
    assert registered.built_on == ()


def test_the_dask_guide_checks_the_examples_on_a_local_cluster(workdir: Path) -> None:
    pytest.importorskip("dask.distributed")
    (block,) = [b for b in python_blocks(GUIDES / "dask.md") if "LocalCluster" in b]
    (workdir / "local.py").write_text(block, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "local.py"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    printed = [tuple(line.rsplit(" ", 1)) for line in done.stdout.splitlines()]
    files = sorted(p for p in Path("examples").iterdir() if p.suffix.lower() == ".xml")
    assert printed == [(str(p), sw.check(p).verdict.value) for p in files]
