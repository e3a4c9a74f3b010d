"""Big declarations cost no more per goods item than small ones, with the same results.

Two things made the cost per item grow with the number of items: every collection of the
cyclic garbage collector that ran while the model was being built rescanned it (``check``
and ``validate`` now pause the collector and give the caller back their own setting), and
a document over ``Limits.max_text`` bytes had every value measured for the text limit
(now only where the bytes leave room for a value that long).
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _many_items import many_items
from conftest import EXAMPLES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import single_window._check as check_module
import single_window._gc as pause
import single_window._reader as reader
from single_window import Limits, check, parse, validate


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations of the collections that run, with collections made frequent."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    thresholds = gc.get_threshold()
    enabled = gc.isenabled()
    gc.set_threshold(50, 2, 2)
    gc.enable()
    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()


@pytest.fixture(scope="module")
def big() -> bytes:
    return many_items(40)


@pytest.mark.parametrize(
    "call",
    [
        lambda doc: check(doc, countries=["TR"]),
        lambda doc: check(doc),
        validate,
        parse,
    ],
    ids=["check-TR", "check", "validate", "parse"],
)
def test_no_collection_runs_while_a_declaration_is_read_and_checked(
    collections: list[int], big: bytes, call: Callable[[bytes], object]
) -> None:
    call(big)  # compiled schema, rules and plans: what a long-running caller has
    gc.collect()
    collections.clear()
    result = call(big)
    assert collections == []
    del result
    # The collector is back: the next allocations trigger it again.
    garbage = [[i] for i in range(500)]
    assert collections, "the collector did not resume after the call"
    del garbage


def test_the_callers_setting_is_restored_on_return_and_on_error(
    monkeypatch: pytest.MonkeyPatch, big: bytes
) -> None:
    enabled = gc.isenabled()
    try:
        gc.enable()
        check(big)
        assert gc.isenabled()
        gc.disable()
        check(big)
        validate(big)
        assert not gc.isenabled(), "a collector the caller disabled was enabled"
        gc.enable()

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("broken context")

        monkeypatch.setattr(check_module.Context, "of", broken)
        with pytest.raises(RuntimeError):
            check(big)
        assert gc.isenabled()
        with pytest.raises(TypeError):
            check(None)  # type: ignore[arg-type]
        assert gc.isenabled()
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()


def test_a_checked_declaration_leaves_no_cyclic_garbage(big: bytes) -> None:
    """While the collector is paused, memory is given back by reference counting alone:
    what a check builds holds no cycles, so a batch stays flat with the collector paused
    for each declaration."""
    documents = [big, *(p.read_bytes() for p in sorted(EXAMPLES.glob("*.xml")))]
    for doc in documents:  # compile everything first
        check(doc)
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for doc in documents:
            check(doc)
            check(doc, countries=["TR"])
            validate(doc)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


# -- several threads -----------------------------------------------------------------------


def _overlapping(
    first_done: threading.Event, second_in: threading.Event, second_may_leave: threading.Event
) -> tuple[Callable[[], None], Callable[[], None]]:
    @pause.paused
    def first() -> None:
        second_in.wait(30)

    @pause.paused
    def second() -> None:
        second_in.set()
        second_may_leave.wait(30)

    def run_first() -> None:
        first()
        first_done.set()

    return run_first, second


def test_threads_share_one_pause_that_ends_with_the_last() -> None:
    assert gc.isenabled()
    first_done, second_in, second_may_leave = (threading.Event() for _ in range(3))
    run_first, second = _overlapping(first_done, second_in, second_may_leave)
    one = threading.Thread(target=run_first)
    two = threading.Thread(target=second)
    one.start()
    two.start()
    assert first_done.wait(30)
    assert not gc.isenabled(), "the collector resumed while a call was still under way"
    second_may_leave.set()
    one.join(30)
    two.join(30)
    assert gc.isenabled()


def test_overlapping_calls_still_collect_now_and_then(
    monkeypatch: pytest.MonkeyPatch, collections: list[int]
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(pause.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(pause, "_collections", 0)
    first_done, second_in, second_may_leave = (threading.Event() for _ in range(3))
    run_first, second = _overlapping(first_done, second_in, second_may_leave)
    two = threading.Thread(target=second)
    two.start()
    assert second_in.wait(30)
    collections.clear()
    # The first call ends while the second one goes on, well past the longest pause.
    clock[0] += pause.MAX_PAUSE_SECONDS * 2
    run_first()
    assert collections == [1]
    assert not gc.isenabled()
    # Every tenth such collection is a full one.
    for _ in range(pause.FULL_EVERY - 1):
        clock[0] += pause.MAX_PAUSE_SECONDS * 2
        first_done.clear()
        run_first()
    assert collections[-1] == 2 and collections.count(2) == 1
    second_may_leave.set()
    two.join(30)
    assert gc.isenabled()


FORK_SCRIPT = """
import gc, os, sys, threading
from single_window._gc import paused

def child_status(pid):
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)

# 1. Forked inside a call: the child goes on paused until that call ends there.
@paused
def fork_inside():
    assert not gc.isenabled()
    pid = os.fork()
    if pid == 0 and gc.isenabled():
        os._exit(3)
    return pid

pid = fork_inside()
if pid == 0:
    os._exit(0 if gc.isenabled() else 4)
assert child_status(pid) == 0, "forked inside a call"

# 2. Forked by a thread outside any call while another thread is inside one: the
#    child, where that other thread does not exist, has the collector back at once.
inside, leave = threading.Event(), threading.Event()

@paused
def hold():
    inside.set()
    leave.wait(30)

holder = threading.Thread(target=hold)
holder.start()
inside.wait(30)
assert not gc.isenabled()
pid = os.fork()
if pid == 0:
    os._exit(0 if gc.isenabled() else 5)
leave.set()
holder.join(30)
assert child_status(pid) == 0, "forked outside a call"
assert gc.isenabled()
"""


def test_a_process_forked_during_a_pause_has_the_collector_back(tmp_path: Path) -> None:
    """Run in a fresh interpreter, where the test decides which threads exist."""
    script = tmp_path / "fork.py"
    script.write_text(FORK_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "ignore::DeprecationWarning", str(script)],
        cwd=REPO,
        timeout=60,
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


# -- the text limit on big documents -----------------------------------------------------


def long_value(data: bytes, limit: int) -> bool:
    """What the reader refuses: some text or attribute value longer than ``limit``."""
    root = etree.fromstring(data, reader._parser())
    return bool(reader._long_values()(root, n=limit))


def may_hold(data: bytes, limit: int) -> bool:
    """Whether the reader measures the values (the bytes leave room for a long one)."""
    root = etree.fromstring(data, reader._parser())
    return reader._may_hold_long_value(data, root, limit)


def test_a_big_declaration_with_short_values_is_not_scanned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bigger = many_items(400)
    limits = Limits(max_text=len(bigger) // 10)
    expected = [f.to_dict() for f in validate(bigger, limits=limits).findings]
    scans: list[object] = []
    finder = reader._long_values()

    def counted() -> object:
        scans.append(finder)
        return finder

    monkeypatch.setattr(reader, "_long_values", counted)
    assert [f.to_dict() for f in validate(bigger, limits=limits).findings] == expected
    assert scans == []
    assert not long_value(bigger, limits.max_text)


#: Pieces of a value: characters of one to four UTF-8 bytes, references that stand for
#: one character, spaces and line ends (a value is never longer than its bytes).
_VALUE = st.sampled_from(["a", "ş", "€", "𝔘", "&amp;", "&lt;", "&#x41;", " ", "\n", "\r\n"])


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.lists(_VALUE, max_size=40).map("".join), min_size=1, max_size=6),
    attributes=st.lists(st.lists(_VALUE, max_size=40).map("".join), max_size=3),
    cdata=st.booleans(),
    limit=st.integers(min_value=1, max_value=60),
    encoding=st.sampled_from(["UTF-8", "ISO-8859-9", "UTF-16"]),
)
def test_a_value_over_the_limit_is_never_missed(
    texts: list[str], attributes: list[str], cdata: bool, limit: int, encoding: str
) -> None:
    """The bytes may only rule a long value out where there is none."""
    attrs = "".join(f' a{i}="{v}"' for i, v in enumerate(attributes))
    body = "".join(f"<v{attrs}>{t}</v>" for t in texts)
    if cdata:
        body += "<v><![CDATA[" + "<" * limit + "]]></v>"
    text = f'<?xml version="1.0" encoding="{encoding}"?><r>{body}</r>'
    try:
        data = text.encode(encoding.lower().replace("iso-8859-9", "iso8859_9"))
    except UnicodeEncodeError:
        return  # a character the encoding cannot hold
    if long_value(data, limit):
        assert may_hold(data, limit)


@pytest.mark.parametrize(
    "value",
    [
        "x" * 300,  # text
        '" a="' + "y" * 300,  # attribute
        "<![CDATA[" + "<" * 300 + "]]>",  # CDATA may hold markup characters
    ],
    ids=["text", "attribute", "cdata"],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_long_value_in_a_big_document_is_refused(value: str, encoding: str) -> None:
    """End to end: a document well over the limit, one value over it."""
    doc = many_items(20).decode()
    marker = "<FunctionCode>9</FunctionCode>"
    assert marker in doc
    if value.startswith('"'):
        doc = doc.replace(marker, f'<FunctionCode a="{value[5:]}">9</FunctionCode>', 1)
    else:
        doc = doc.replace(marker, f"<FunctionCode>{value}</FunctionCode>", 1)
    doc = doc.replace("encoding='UTF-8'", f"encoding='{encoding.upper()}'")
    data = doc.encode(encoding)
    findings = validate(data, limits=Limits(max_text=250)).findings
    assert [f.rule for f in findings] == ["XML-LIMIT"]
