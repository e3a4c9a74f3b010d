"""What ``source`` may be, and how every kind of bad source becomes a finding.

The contract: a ``str`` that starts with ``<`` (after whitespace or a BOM) is XML text,
any other ``str`` and any ``os.PathLike`` is a path, ``bytes``/``bytearray``/
``memoryview`` are XML, and an object with ``read()`` is a binary file object. Anything
wrong with the input or its source is a finding; a wrong argument type is a TypeError.
"""

from __future__ import annotations

import io
import os
import stat
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window import check, check_many, validate, validate_many

MINIMAL = (
    '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">'
    "<FunctionCode>9</FunctionCode><TypeCode>IMA</TypeCode></Declaration>"
)
TR_IMPORT = EXAMPLES / "tr-import.xml"


def rules(findings: list[sw.Finding]) -> list[str]:
    return [f.rule for f in findings]


class RaisingReader(io.RawIOBase):
    """A binary file object whose read() raises the given exception."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        raise self.exc


def closed_file() -> io.BytesIO:
    stream = io.BytesIO(MINIMAL.encode())
    stream.close()
    return stream


# Each bad source, and the rule its one finding must have.
BAD_SOURCES: dict[str, tuple[Callable[[Path], object], str]] = {
    "nul-in-str-path": (lambda d: str(d / "a\0b.xml"), "XML-IO"),
    "nul-in-pathlib-path": (lambda d: d / "a\0b.xml", "XML-IO"),
    "closed-file": (lambda d: closed_file(), "XML-IO"),
    "read-raises-oserror": (lambda d: RaisingReader(OSError(5, "Input/output error")), "XML-IO"),
    "read-raises-runtimeerror": (lambda d: RaisingReader(RuntimeError("boom")), "XML-IO"),
    "read-raises-valueerror": (lambda d: RaisingReader(ValueError("bad")), "XML-IO"),
    "text-file": (lambda d: io.StringIO(MINIMAL), "XML-IO"),
    "missing-file": (lambda d: d / "missing.xml", "XML-IO"),
    "directory": (lambda d: d, "XML-IO"),
    "name-too-long": (lambda d: str(d / ("x" * 5000)), "XML-IO"),
}


@pytest.mark.parametrize("kind", list(BAD_SOURCES))
@pytest.mark.parametrize("func", [validate, check], ids=["validate", "check"])
def test_a_bad_source_is_one_finding_never_an_exception(
    kind: str, func: Callable[..., Any], tmp_path: Path
) -> None:
    make, rule = BAD_SOURCES[kind]
    result = func(make(tmp_path))
    assert rules(result.findings) == [rule]
    finding = result.findings[0]
    assert finding.severity is sw.Severity.ERROR
    assert finding.message and "\n" not in finding.message
    assert result.declaration is None if func is validate else result.verdict == "reject"


#: Bad sources that are one problem, told in one reason.
SAME_PROBLEM = frozenset({"nul-in-str-path", "nul-in-pathlib-path"})


def test_each_kind_of_bad_source_gets_its_own_reason(tmp_path: Path) -> None:
    """Every XML-IO finding says which problem it is: no two kinds share a reason (the
    test compares reasons, never their words), and an exception a file object raised is
    passed on as it was raised."""
    reasons = {
        kind: validate(make(tmp_path)).findings[0].message
        for kind, (make, _) in BAD_SOURCES.items()
    }
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.xml")
        reasons["fifo"] = validate(tmp_path / "pipe.xml").findings[0].message
    (tmp_path / "gone.xml").symlink_to(tmp_path / "nowhere.xml")
    reasons["dangling-link"] = validate(tmp_path / "gone.xml").findings[0].message
    if os.path.exists(os.devnull) and stat.S_ISCHR(os.stat(os.devnull).st_mode):
        reasons["device"] = validate(os.devnull).findings[0].message
    kinds = sorted(reasons)
    shared = [
        (a, b)
        for i, a in enumerate(kinds)
        for b in kinds[i + 1 :]
        if reasons[a] == reasons[b] and not {a, b} <= SAME_PROBLEM
    ]
    assert shared == []
    assert len({reasons[k] for k in SAME_PROBLEM}) == 1
    assert repr(RuntimeError("boom")) in reasons["read-raises-runtimeerror"]
    assert repr(ValueError("bad")) in reasons["read-raises-valueerror"]
    assert os.strerror(5) in reasons["read-raises-oserror"]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("func", [check_many, validate_many], ids=["check_many", "validate_many"])
def test_batches_give_one_report_per_bad_source_in_order(
    jobs: int, func: Callable[..., Any], tmp_path: Path
) -> None:
    bad = [make(tmp_path) for make, _ in BAD_SOURCES.values()]
    inputs = [TR_IMPORT, *bad, TR_IMPORT.read_bytes()] * 2
    reports = list(func(inputs, jobs=jobs))
    assert len(reports) == len(inputs)
    for report, source in zip(reports, inputs, strict=True):
        if source is TR_IMPORT or isinstance(source, bytes):
            assert report.verdict == "accept", report.findings
        else:
            assert report.verdict == "reject"
            assert rules(report.findings) == ["XML-IO"], (source, report.findings)


# --- XML text in a str --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        MINIMAL,
        "\n  \t" + MINIMAL,
        "\ufeff" + MINIMAL,
        '<?xml version="1.0" encoding="UTF-8"?>\n' + MINIMAL,
        # The declaration's encoding is moot for text that is already decoded.
        "<?xml version='1.0' encoding='ISO-8859-9'?>\n" + MINIMAL.replace("IMA", "IMA"),
    ],
    ids=["plain", "leading-whitespace", "bom", "utf8-declaration", "latin5-declaration"],
)
def test_xml_text_in_a_str_is_read(text: str) -> None:
    result = validate(text)
    assert result.ok, result.findings
    assert result.declaration is not None
    assert result.source == "<string>"
    assert check(text).verdict == "accept"


def test_non_ascii_xml_text_with_a_foreign_encoding_declaration_keeps_its_characters() -> None:
    text = "<?xml version='1.0' encoding='ISO-8859-9'?>\n" + MINIMAL.replace(
        "<TypeCode>", "<ID>İĞŞ-ÇÖÜ</ID><TypeCode>"
    )
    result = validate(text)
    assert result.declaration is not None
    assert result.declaration.id is not None
    assert result.declaration.id.value == "İĞŞ-ÇÖÜ"


def test_the_whole_example_as_text_checks_like_the_file() -> None:
    text = TR_IMPORT.read_text(encoding="utf-8")
    by_text, by_path = check(text), check(TR_IMPORT)
    assert by_text.to_dict() | {"source": None} == by_path.to_dict() | {"source": None}


def test_a_str_that_does_not_start_with_a_tag_is_a_path(tmp_path: Path) -> None:
    result = validate("Declaration.xml")
    assert rules(result.findings) == ["XML-IO"]
    assert result.source == "Declaration.xml"
    # A file literally named "<...>" is reached through a Path.
    odd = tmp_path / "<odd>.xml"
    odd.write_text(MINIMAL, encoding="utf-8")
    assert validate(odd).ok
    assert validate(str(odd)).ok  # an absolute path does not start with "<"


def test_a_text_that_looks_like_xml_but_is_broken_is_a_syntax_finding() -> None:
    result = validate("<Declaration")
    assert rules(result.findings) == ["XML-SYNTAX"]


def test_xml_text_with_a_lone_surrogate_is_an_encoding_finding() -> None:
    result = validate(MINIMAL.replace("IMA", "IM\ud800"))
    assert not result.ok
    assert rules(result.findings)[0] in {"XML-ENCODING", "XML-SYNTAX"}


def test_bytearray_and_memoryview_are_xml() -> None:
    data = MINIMAL.encode()
    assert validate(bytearray(data)).ok
    assert validate(memoryview(data)).ok


# --- argument types -----------------------------------------------------------------------


@pytest.mark.parametrize("source", [None, 123, 4.5, object(), ["a.xml"], {"a": 1}])
@pytest.mark.parametrize("func", [validate, check, sw.parse], ids=["validate", "check", "parse"])
def test_a_source_of_the_wrong_type_is_a_type_error_with_a_hint(
    source: object, func: Callable[..., Any]
) -> None:
    with pytest.raises(TypeError, match="path, XML text, bytes or a binary file"):
        func(source)


@pytest.mark.parametrize("sources", [None, 123, "a.xml", b"<a/>", Path("a.xml")])
def test_batch_sources_must_be_an_iterable_of_sources(sources: object) -> None:
    with pytest.raises(TypeError, match="iterable of sources"):
        check_many(sources)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable of sources"):
        validate_many(sources)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_wrongly_typed_item_in_a_batch_gets_its_own_report(jobs: int) -> None:
    reports = list(check_many([TR_IMPORT, None, 42, TR_IMPORT], jobs=jobs))  # type: ignore[list-item]
    assert [r.verdict for r in reports] == ["accept", "reject", "reject", "accept"]
    assert rules(reports[1].findings) == ["BATCH-ERROR"]
    assert "NoneType" in reports[1].findings[0].message


def test_countries_takes_a_single_code_or_an_iterable() -> None:
    single = check(TR_IMPORT, countries="TR")
    assert list(single.countries) == ["TR"]
    assert list(check(TR_IMPORT, countries="tr").countries) == ["TR"]
    assert list(check(TR_IMPORT, countries=("TR", "UZ")).countries) == ["TR", "UZ"]
    assert list(check(TR_IMPORT, countries=iter(["UZ"])).countries) == ["UZ"]
    (report,) = check_many([TR_IMPORT], countries="TR", jobs=1)
    assert list(report.countries) == ["TR"]


@pytest.mark.parametrize("countries", [123, b"TR", [1, 2], ["TR", None]])
def test_countries_of_the_wrong_type_is_a_type_error(countries: object) -> None:
    with pytest.raises(TypeError, match="countries"):
        check(TR_IMPORT, countries=countries)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="countries"):
        check_many([TR_IMPORT], countries=countries)  # type: ignore[arg-type]


def test_on_takes_a_date_a_datetime_or_an_iso_date_string() -> None:
    as_date = check(TR_IMPORT, on=date(2025, 1, 1))
    assert check(TR_IMPORT, on="2025-01-01").to_dict() == as_date.to_dict()
    assert check(TR_IMPORT, on=datetime(2025, 1, 1, 12, 0)).to_dict() == as_date.to_dict()
    (report,) = check_many([TR_IMPORT], on="2025-01-01", jobs=1)
    assert report.to_dict() == as_date.to_dict()


@pytest.mark.parametrize("on", ["2025-13-01", "yesterday", "", "01.01.2025"])
def test_on_as_a_string_that_is_not_an_iso_date_is_a_value_error(on: str) -> None:
    with pytest.raises(ValueError, match="ISO date"):
        check(TR_IMPORT, on=on)


@pytest.mark.parametrize("on", [42, 2025.0, ["2025-01-01"], b"2025-01-01"])
def test_on_of_the_wrong_type_is_a_type_error(on: object) -> None:
    with pytest.raises(TypeError, match="on="):
        check(TR_IMPORT, on=on)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"schema": 42}, "schema"),
        ({"limits": 42}, "limits"),
        ({"rules": "tr.toml"}, "rules"),
    ],
)
def test_other_arguments_of_the_wrong_type_are_type_errors(
    kwargs: dict[str, object], match: str
) -> None:
    with pytest.raises(TypeError, match=match):
        check(TR_IMPORT, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [{"schema": 42}, {"limits": 42}, {"limits": sw.Limits(rule_seconds=0)}],
    ids=["schema", "limits", "budget"],
)
def test_a_wrong_argument_fails_alike_in_every_public_function(kwargs: dict[str, object]) -> None:
    """One gate checks the arguments: the same wrong value raises the same error from
    each function that takes it."""
    calls: list[Callable[[], object]] = [
        lambda: validate(TR_IMPORT, **kwargs),  # type: ignore[arg-type]
        lambda: sw.parse(TR_IMPORT, **kwargs),  # type: ignore[arg-type]
        lambda: check(TR_IMPORT, **kwargs),  # type: ignore[arg-type]
        lambda: check_many([TR_IMPORT], **kwargs),  # type: ignore[arg-type]
        lambda: validate_many([TR_IMPORT], **kwargs),  # type: ignore[arg-type]
    ]
    raised: list[tuple[type[BaseException], str]] = []
    for call in calls:
        with pytest.raises((TypeError, ValueError)) as info:
            call()
        raised.append((info.type, str(info.value)))
    assert len(set(raised)) == 1, raised


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"jobs": "2"}, "jobs"), ({"jobs": 1.5}, "jobs"), ({"executor": "pool"}, "executor")],
)
def test_batch_arguments_of_the_wrong_type_are_type_errors(
    kwargs: dict[str, object], match: str
) -> None:
    with pytest.raises(TypeError, match=match):
        check_many([TR_IMPORT], **kwargs)  # type: ignore[arg-type]


# --- special files ------------------------------------------------------------------------


def _with_timeout(func: Callable[[], Any], fifo: Path, seconds: float = 20) -> Any:
    """Run func in a thread; if it blocks on the FIFO, unblock it and fail."""
    box: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", func()), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        # Open the write end so a reader blocked in open() returns, then fail.
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        thread.join(5)
        pytest.fail(f"reading the FIFO {fifo} blocked")
    return box["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this platform has no FIFOs")
@pytest.mark.parametrize("func", [validate, check], ids=["validate", "check"])
def test_a_fifo_is_refused_before_it_is_opened(func: Callable[..., Any], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    result = _with_timeout(lambda: func(fifo), fifo)
    assert rules(result.findings) == ["XML-IO"]
    assert (result.findings[0].path, result.findings[0].line) == (None, None)
    link = tmp_path / "link.xml"
    link.symlink_to(fifo)
    result = _with_timeout(lambda: func(str(link)), fifo)
    assert rules(result.findings) == ["XML-IO"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this platform has no FIFOs")
def test_a_fifo_in_a_batch_gets_a_report_and_the_batch_goes_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    reports = _with_timeout(lambda: list(check_many([TR_IMPORT, fifo, TR_IMPORT], jobs=2)), fifo)
    assert [r.verdict for r in reports] == ["accept", "reject", "accept"]
    assert rules(reports[1].findings) == ["XML-IO"]


def test_a_character_device_is_refused() -> None:
    if not os.path.exists(os.devnull) or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip(f"{os.devnull} is not a character device here")
    result = validate(os.devnull)
    assert rules(result.findings) == ["XML-IO"]
    assert result.declaration is None


def test_a_dangling_symlink_is_a_finding(tmp_path: Path) -> None:
    link = tmp_path / "gone.xml"
    link.symlink_to(tmp_path / "nowhere.xml")
    result = validate(link)
    assert rules(result.findings) == ["XML-IO"]
    assert result.source == str(link)
