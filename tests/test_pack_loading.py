"""Loading a pack file: only regular files, only UTF-8 TOML, and bounded in time and memory.

A FIFO or device named ``*.toml`` in a packs folder is refused without being opened, as
an XML input is; a file that is not UTF-8, starts with a byte order mark or nests deeper
than the TOML parser can follow is a :class:`RulePackError` naming it (the command line
exits 2 with one line). HS ranges are kept as ranges, so a pack of thousands of them
loads in a moment.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st
from test_cli import cli, one_error_line

from single_window import RulePackError
from single_window.rules import RuleSet, load_pack
from single_window.rules._when import HsRanges

PACK = """[pack]
country = "XA"
name = "Test pack, Türkiye's neighbour"

[[rules]]
id = "XA-ANY-CODE"
title = "Every commodity code is reported"
agency = "customs"
severity = "error"
scope = "item"
when = { roles = ["declaring"] }
check = { kind = "length", field = "commodity_code", lengths = [99] }
message = "'{value}' reported"
source = "test pack"
"""

#: Pack files that do not load, by what is wrong with them.
MALFORMED: dict[str, bytes] = {
    "latin-1": PACK.encode("latin-1"),
    "utf-16": PACK.encode("utf-16"),
    "utf-16-be": PACK.encode("utf-16-be"),
    "utf-8-bom": PACK.encode("utf-8-sig"),
    "deep-arrays": ("x = " + "[" * 5000 + "]" * 5000 + "\n" + PACK).encode(),
    "deep-tables": ("x = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n" + PACK).encode(),
    "nul": PACK.replace("customs", "cus\0toms").encode(),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_pack_is_a_pack_error_naming_the_file(tmp_path: Path, kind: str) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_bytes(MALFORMED[kind])
    with pytest.raises(RulePackError) as caught:
        load_pack(pack)
    assert caught.value.file == str(pack)
    with pytest.raises(RulePackError):
        RuleSet.from_paths([tmp_path])
    code, out, err = cli("check", EXAMPLES / "tr-import.xml", "--packs", tmp_path)
    assert code == 2
    assert out == ""
    assert str(pack) in one_error_line(err)


def test_a_pack_text_given_in_python_is_judged_the_same() -> None:
    with pytest.raises(RulePackError, match=r"xa\.toml"):
        load_pack("xa.toml", text=MALFORMED["deep-arrays"].decode())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_a_packs_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "xa.toml").write_text(PACK, encoding="utf-8")
    fifo = tmp_path / "xb.toml"
    os.mkfifo(fifo)
    outcome: list[BaseException | RuleSet] = []

    def load() -> None:
        try:
            outcome.append(RuleSet.from_paths([tmp_path]))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # unblock the reader so the thread can end
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
        pytest.fail("loading a packs folder with a FIFO in it blocked")
    assert isinstance(outcome[0], RulePackError)
    assert outcome[0].file == str(fifo)
    assert "FIFO" in str(outcome[0])
    with pytest.raises(RulePackError, match="FIFO"):
        RuleSet.from_paths([fifo])
    command = ["check", EXAMPLES / "tr-import.xml", "--packs", tmp_path]
    proc = subprocess.run(
        [sys.executable, "-m", "single_window", *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert str(fifo) in one_error_line(proc.stderr)


def test_a_pack_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    pack = tmp_path / "xa.toml"
    with pack.open("wb") as fh:
        fh.write(PACK.encode())
        fh.truncate(17 * 1024 * 1024)  # sparse: no time spent writing it
    with pytest.raises(RulePackError, match="MiB"):
        load_pack(pack)


def _ranges_pack(count: int) -> str:
    """A pack whose rule applies to ``count`` disjoint 10-digit ranges of 999 codes each."""
    low = [10**9 + 1000 * i for i in range(count)]
    ranges = ", ".join(f'"{n:010d}-{n + 998:010d}"' for n in low)
    return PACK.replace('when = { roles = ["declaring"] }', f"when = {{ hs = [{ranges}] }}")


def test_a_pack_of_20000_hs_ranges_loads_in_bounded_time_and_memory(tmp_path: Path) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_text(_ranges_pack(20_000), encoding="utf-8")
    assert pack.stat().st_size > 450_000
    script = (
        "import resource, sys, time\n"
        "from single_window.rules import load_pack\n"
        "start = time.process_time()\n"
        "pack = load_pack(sys.argv[1])\n"
        "when = pack.specs[0].when\n"
        "assert when.hs_holds('100000099812') and not when.hs_holds('100000099912')\n"
        "assert when.hs_holds('101999900012') and not when.hs_holds('102000000012')\n"
        "print(time.process_time() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(pack)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seconds, peak_kib = proc.stdout.split()
    assert float(seconds) < 4.0  # 13 s when ranges were expanded into sets
    assert int(peak_kib) < 400 * 1024  # 2.8 GB when ranges were expanded


def _expanded(spec: list[str], code: str | None) -> bool:
    """The meaning of HS ranges, spelled out: the code's first digits, as many as the
    range's ends have, are one of the numbers from one end to the other."""
    if code is None:
        return False
    for item in spec:
        low, _, high = item.partition("-")
        high = high or low
        width = len(low)
        head = code[:width]
        numbers = {f"{n:0{width}d}" for n in range(int(low), int(high) + 1)}
        if head in numbers:
            return True
    return False


_PREFIX = st.integers(2, 4).flatmap(
    lambda w: st.tuples(st.integers(0, 10**w - 1), st.integers(0, 10**w - 1)).map(
        lambda ab: f"{ab[0]:0{w}d}-{ab[1]:0{w}d}" if ab[0] != ab[1] else f"{ab[0]:0{w}d}"
    )
)
_CODE = st.one_of(
    st.none(),
    st.text("0123456789", min_size=0, max_size=12),
    st.text("0123456789/:.A -", min_size=0, max_size=8),
)


@given(st.lists(_PREFIX, min_size=1, max_size=8), st.lists(_CODE, min_size=1, max_size=20))
def test_hs_ranges_kept_as_ranges_mean_what_they_meant(spec: list[str], codes: list[str]) -> None:
    ranges = HsRanges(spec)
    for code in codes:
        assert ranges.matches(code) == _expanded(spec, code), (spec, code)
