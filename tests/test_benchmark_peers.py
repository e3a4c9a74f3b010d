"""The benchmark's xsdata row works: dataclasses generated from the profile parse a declaration."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO


def test_xsdata_dataclasses_generated_from_the_profile_parse_the_examples(tmp_path: Path) -> None:
    pytest.importorskip("xsdata", reason="xsdata (the dev extra) is not installed")
    spec = importlib.util.spec_from_file_location(
        "sw_bench", REPO / "tests" / "benchmarks" / "bench.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from single_window.schema import bundled_schema_path

    try:
        parse = bench.xsdata_parse(bundled_schema_path(), tmp_path)
        assert parse is not None
        for path in sorted(EXAMPLES.glob("*.xml")):
            model = parse(path.read_bytes())
            assert type(model).__name__ in ("MetaData", "Declaration"), path
    finally:
        sys.path[:] = [p for p in sys.path if p != str(tmp_path)]
        for name in [m for m in sys.modules if m.startswith(bench.XSDATA_PACKAGE)]:
            del sys.modules[name]
