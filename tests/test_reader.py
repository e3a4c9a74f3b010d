"""The secure reader: encodings, malformed files and hostile input become findings."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import DECLARATIONS, MALFORMED, Listener, require_corpus

import single_window as sw

MINIMAL = (
    '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">'
    "<FunctionCode>9</FunctionCode><TypeCode>IMA</TypeCode></Declaration>"
)


def rules(result: sw.ValidationResult) -> list[str]:
    return [f.rule for f in result.findings]


# --- encodings and layout ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(MINIMAL.encode("utf-8"), id="utf8-no-declaration"),
        pytest.param(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"), id="utf8-bom"),
        pytest.param(
            ('<?xml version="1.0" encoding="UTF-16"?>\r\n' + MINIMAL).encode("utf-16"),
            id="utf16-bom",
        ),
        pytest.param(
            ('<?xml version="1.0" encoding="UTF-8"?>\r\n' + MINIMAL.replace("><", ">\r\n<")).encode(
                "utf-8"
            ),
            id="crlf",
        ),
    ],
)
def test_encodings_and_line_ends_are_read(data: bytes) -> None:
    result = sw.validate(data)
    assert result.ok, result.findings
    assert result.declaration is not None
    assert result.declaration.type_code is not None
    assert result.declaration.type_code.value == "IMA"


def test_sources_may_be_paths_bytes_or_binary_files(tmp_path: Path) -> None:
    file = tmp_path / "d.xml"
    file.write_text(MINIMAL, encoding="utf-8")
    for source in (file, str(file), MINIMAL.encode(), io.BytesIO(MINIMAL.encode())):
        assert sw.validate(source).ok
    assert sw.validate(file).source == str(file)


def test_a_missing_file_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    result = sw.validate(tmp_path / "nope.xml")
    assert rules(result) == ["XML-IO"]
    assert result.declaration is None


def test_a_text_mode_file_object_is_a_finding() -> None:
    result = sw.validate(io.StringIO(MINIMAL))  # type: ignore[arg-type]
    assert rules(result) == ["XML-IO"]


def test_parse_raises_declaration_error_with_findings() -> None:
    with pytest.raises(sw.DeclarationError) as info:
        sw.parse(b"<Declaration")
    assert [f.rule for f in info.value.findings] == ["XML-SYNTAX"]


# --- the five real malformed files ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rule", "line"),
    [
        ("Step1_TT_IM222a.xml", "MODEL-ROOT", 2),  # namespace colons stripped: unknown root
        ("TT_EX002a.xml", "XML-SYNTAX", 215),
        ("TT_EX022a_Declaration1_(Step1).xml", "XML-SYNTAX", 52),
        ("TT_IM084a.xml", "XML-SYNTAX", 164),
        ("example_submission_declaration_400.xml", "XSD", 12),
    ],
)
def test_real_malformed_files_give_a_clear_finding(name: str, rule: str, line: int | None) -> None:
    require_corpus()
    result = sw.validate(MALFORMED / name)
    assert not result.ok
    first = result.findings[0]
    assert first.rule == rule
    assert first.severity is sw.Severity.ERROR
    assert first.line is not None and first.line >= 1
    assert first.message
    if line is not None:
        assert first.line == line
    if rule in ("XSD", "MODEL-ROOT"):
        assert first.path is not None and first.path.startswith("/")
    if rule == "MODEL-ROOT":  # one finding, not an XSD error about the root as well
        assert [f.rule for f in result.findings] == ["MODEL-ROOT"]
        assert first.path == "/mdMetaData"


def test_comment_with_double_dash_is_reported_at_its_line() -> None:
    require_corpus()
    data = (MALFORMED / "TT_IM084a.xml").read_bytes()
    result = sw.validate(data)
    finding = result.findings[0]
    assert finding.line is not None
    # the reported line lies inside a comment whose body holds "--"
    text = data.decode("utf-8")
    spans = [
        (text.count("\n", 0, m.start()) + 1, text.count("\n", 0, m.end()) + 1)
        for m in re.finditer(r"<!--(.*?)-->", text, re.S)
        if "--" in m.group(1)
    ]
    assert any(start <= finding.line <= end for start, end in spans)


def test_unknown_element_finding_points_at_the_element() -> None:
    require_corpus()
    result = sw.validate(MALFORMED / "example_submission_declaration_400.xml")
    finding = result.findings[0]
    assert finding.path == "/MetaData/Declaration/unknown"


# --- hostile input ----------------------------------------------------------------------


def test_doctype_is_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE Declaration []>' + MINIMAL.encode()
    assert rules(sw.validate(data)) == ["XML-DOCTYPE"]


def test_entity_expansion_bomb_is_refused_without_expanding() -> None:
    entities = "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 12))
    data = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "lol">{entities}]>'
        '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><ID>&e11;</ID></Declaration>'
    ).encode()
    result = sw.validate(data)
    assert result.declaration is None
    assert rules(result)[0] in {"XML-DOCTYPE", "XML-ENTITY", "XML-SYNTAX"}


def test_external_file_entity_is_never_read(tmp_path: Path) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text("SECRET-CANARY-VALUE")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{canary}">]>'
        '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><ID>&x;</ID></Declaration>'
    ).encode()
    result = sw.validate(data)
    assert result.declaration is None
    assert "SECRET-CANARY-VALUE" not in repr(result)


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>'
        '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><ID>&x;</ID></Declaration>',
        '<!DOCTYPE Declaration SYSTEM "http://127.0.0.1:{port}/d.dtd">' + MINIMAL,
        '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p.dtd"> %p;]>' + MINIMAL,
        '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2" '
        'xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<xi:include href="http://127.0.0.1:{port}/x.xml"/></Declaration>',
    ],
    ids=["external-entity", "external-dtd", "parameter-entity", "xinclude"],
)
def test_network_references_are_never_fetched(template: str) -> None:
    listener = Listener()
    try:
        result = sw.validate(template.format(port=listener.port).encode())
    finally:
        listener.close()
    assert listener.connections == 0
    assert not result.ok
    assert result.findings[0].rule in {"XML-DOCTYPE", "XML-SYNTAX", "XSD"}


def test_xinclude_is_not_processed(tmp_path: Path) -> None:
    canary = tmp_path / "inc.xml"
    canary.write_text("<ID>SECRET-CANARY-VALUE</ID>")
    data = (
        '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2" '
        'xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<FunctionCode>9</FunctionCode><xi:include href="file://{canary}"/></Declaration>'
    ).encode()
    result = sw.validate(data)
    assert "SECRET-CANARY-VALUE" not in repr(result)
    assert "XSD" in rules(result)


def test_junk_after_the_root_is_a_syntax_finding() -> None:
    result = sw.validate(MINIMAL.encode() + b"<junk/>trailing")
    assert rules(result) == ["XML-SYNTAX"]
    assert result.findings[0].line == 1


def test_invalid_utf8_is_a_finding() -> None:
    data = MINIMAL.replace("IMA", "IM\udcff").encode("utf-8", "surrogateescape")
    result = sw.validate(data)
    assert not result.ok
    assert rules(result)[0] in {"XML-ENCODING", "XML-SYNTAX"}


def test_empty_input_is_a_finding() -> None:
    assert rules(sw.validate(b"")) == ["XML-SYNTAX"]
    assert rules(sw.validate(b"   \n")) == ["XML-SYNTAX"]


def test_input_over_the_size_limit_is_refused_before_parsing() -> None:
    result = sw.validate(MINIMAL.encode(), limits=sw.Limits(max_bytes=10))
    assert rules(result) == ["XML-LIMIT"]


def test_a_bare_declaration_root_and_a_wrong_root_are_told_apart() -> None:
    assert sw.validate(MINIMAL.encode()).ok
    result = sw.validate(b"<Other/>")
    assert rules(result) == ["MODEL-ROOT"]
    assert (result.format, result.declaration, result.document) == (None, None, None)


HOSTILE_SCRIPT = textwrap.dedent(
    """
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
    import single_window as sw
    NS = 'urn:wco:datamodel:WCO:DEC-DMS:2'
    cases = {
        "deep": b"<a>" * 200_000 + b"</a>" * 200_000,
        "huge-text": (f'<Declaration xmlns="{NS}"><ID>'.encode()
                      + b"x" * (30 * 2**20) + b"</ID></Declaration>"),
        "huge-attribute": (f'<Declaration xmlns="{NS}" a="'.encode()
                           + b"x" * (30 * 2**20) + b'"/>'),
        "many-children": (f'<Declaration xmlns="{NS}">'.encode()
                          + b"<ID>1</ID>" * 1_000_000 + b"</Declaration>"),
    }
    for name, data in cases.items():
        start = time.monotonic()
        result = sw.validate(data)
        took = time.monotonic() - start
        print(name, [f.rule for f in result.findings][:1], result.ok, round(took, 2))
    """
)


def test_deep_and_huge_documents_get_findings_in_bounded_time_and_memory() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", HOSTILE_SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split(" ", 1) for line in proc.stdout.strip().splitlines())
    assert set(lines) == {"deep", "huge-text", "huge-attribute", "many-children"}
    for name, rest in lines.items():
        first_rule, ok, took = rest.rsplit(" ", 2)
        assert ok == "False", name
        assert first_rule != "[]", name
        assert float(took) < 30, (name, took)
    assert "XML-LIMIT" in lines["deep"]


def test_an_actual_corpus_file_opened_as_a_binary_stream() -> None:
    require_corpus()
    path = DECLARATIONS / "TT_IM001b" / "TT_IM001b.xml"
    with path.open("rb") as fh:
        result = sw.validate(fh)
    assert result.ok
    assert result.source == str(path)


def test_a_value_longer_than_the_text_limit_is_refused() -> None:
    data = MINIMAL.replace("IMA", "I" * 50).encode()
    assert rules(sw.validate(data, limits=sw.Limits(max_text=40))) == ["XML-LIMIT"]
    assert "XML-LIMIT" not in rules(sw.validate(data, limits=sw.Limits(max_text=60)))


def test_a_document_with_too_many_elements_is_refused() -> None:
    result = sw.validate(MINIMAL.encode(), limits=sw.Limits(max_elements=2))
    assert rules(result) == ["XML-LIMIT"]
    assert sw.validate(MINIMAL.encode(), limits=sw.Limits(max_elements=3)).ok


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_doctype_is_refused_before_parsing_in_any_encoding(encoding: str) -> None:
    from single_window._reader import declares_doctype

    text = '<!-- prolog --><!DOCTYPE d [<!ENTITY % p SYSTEM "file:///dev/zero"> %p;]>' + MINIMAL
    data = text.encode(encoding)
    assert declares_doctype(data)
    assert rules(sw.validate(data)) == ["XML-DOCTYPE"]
    assert not declares_doctype(MINIMAL.encode(encoding))


def test_the_schema_explains_a_failed_document_and_nothing_for_a_valid_one() -> None:
    require_corpus()
    from conftest import EXAMPLES

    schema = sw.load_schema()
    reasons = schema.explain((MALFORMED / "example_submission_declaration_400.xml").read_bytes())
    assert len(reasons) == 1
    assert "unknown" in reasons[0]
    assert schema.explain((EXAMPLES / "tr-import.xml").read_bytes()) == []


def test_one_schema_gives_each_document_its_own_findings_across_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Documents that fail the schema in different ways, and ones that pass, checked at
    # once from several threads against one compiled schema.
    bad_root = b'<Invoice xmlns="urn:example:other"/>'
    unknown = MINIMAL.replace("<TypeCode>", "<Mystery>x</Mystery><TypeCode>").encode()
    inputs = [bad_root, unknown, MINIMAL.encode()] * 40
    schema = sw.load_schema()

    def findings(data: bytes) -> list[tuple[str, str | None, int | None, str]]:
        result = sw.validate(data, schema=schema)
        return [(f.rule, f.path, f.line, f.message) for f in result.findings]

    expected = [findings(data) for data in inputs]
    assert expected[0] != expected[1] and expected[2] == []
    for _ in range(5):
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(findings, inputs)) == expected
