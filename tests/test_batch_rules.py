"""Worker processes run exactly the rule set the caller passed to ``check_many``.

The rule set travels to the workers as its loaded packs, never as file names to read
again: a pack file changed or removed after the caller loaded it changes nothing, and
packs given as text run in workers too.
"""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_batch import CUSTOM_PACK

from single_window import Severity
from single_window._batch import check_many
from single_window._dispatch import pool_context
from single_window._jobs import resolve_job
from single_window._limits import DEFAULT_LIMITS
from single_window.rules import RuleSet, load_pack

#: The same rule as CUSTOM_PACK's, no longer an error.
RELAXED = CUSTOM_PACK.replace('severity = "error"', 'severity = "info"')


@pytest.fixture
def inputs() -> list[Path]:
    return [EXAMPLES / "tr-import.xml", EXAMPLES / "uz-import.xml", EXAMPLES / "az-import.xml"] * 2


def _dicts(reports: object) -> list[dict[str, object]]:
    return [r.to_dict() for r in reports]  # type: ignore[attr-defined]


def test_a_pack_file_changed_after_loading_changes_no_worker(
    tmp_path: Path, inputs: list[Path]
) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_text(CUSTOM_PACK, encoding="utf-8")
    rules = RuleSet.from_paths([pack])
    pack.write_text(RELAXED, encoding="utf-8")  # after the caller loaded and vetted it
    one = _dicts(check_many(inputs, countries=["XA"], rules=rules, jobs=1))
    two = _dicts(check_many(inputs, countries=["XA"], rules=rules, jobs=2, chunksize=2))
    assert two == one
    assert all(r["verdict"] == "reject" for r in two)
    pack.unlink()  # and then removed
    gone = _dicts(check_many(inputs, countries=["XA"], rules=rules, jobs=2, chunksize=2))
    assert gone == one


def test_an_executor_of_the_caller_runs_the_callers_rules(
    tmp_path: Path, inputs: list[Path]
) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_text(CUSTOM_PACK, encoding="utf-8")
    rules = RuleSet.from_paths([pack])
    pack.write_text(RELAXED, encoding="utf-8")
    one = _dicts(check_many(inputs, countries=["XA"], rules=rules, jobs=1))
    with ProcessPoolExecutor(2, mp_context=pool_context()) as pool:
        two = _dicts(check_many(inputs, countries=["XA"], rules=rules, executor=pool))
    assert two == one


def test_packs_given_as_text_run_in_worker_processes(inputs: list[Path]) -> None:
    rules = RuleSet([*RuleSet.bundled().packs.values(), load_pack("xa.toml", text=CUSTOM_PACK)])
    one = _dicts(check_many(inputs, countries=["XA"], rules=rules, jobs=1))
    two = _dicts(check_many(inputs, countries=["XA"], rules=rules, jobs=2, chunksize=2))
    assert two == one
    assert any("XA-ANY-CODE" in {f["rule"] for f in r["findings"]} for r in two)  # type: ignore[union-attr]


def test_a_job_pickles_the_loaded_rules_not_their_files(tmp_path: Path) -> None:
    pack = tmp_path / "xa.toml"
    pack.write_text(CUSTOM_PACK, encoding="utf-8")
    rules = RuleSet.from_paths([pack])
    job = resolve_job("check", ["XA"], None, None, rules, False, DEFAULT_LIMITS)
    data = pickle.dumps(job)
    pack.unlink()
    from single_window._jobs import _ruleset

    sent = _ruleset(pickle.loads(data).rules)
    assert list(sent.packs) == list(rules.packs)
    for key, loaded in rules.packs.items():
        assert sent.packs[key].specs == loaded.specs
        assert sent.packs[key].info == loaded.info
        assert sent.packs[key].lists == loaded.lists
    assert sent.packs["XA"].specs[0].severity is Severity.ERROR
    # The rules are pickled once per rule set, and a worker rebuilds them once.
    assert pickle.dumps(job) == data
    assert _ruleset(pickle.loads(data).rules) is sent
