"""``on`` is a date, a datetime or an ISO date string everywhere; code-list functions take
their arguments in one order and style and read codes as the model normalizes them."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from conftest import EXAMPLES

import single_window as sw
from single_window import codelists
from single_window.cli import run

DAY = date(2022, 1, 1)
#: The same day as each kind of ``on`` the API takes.
SAME_DAY: list[Any] = [
    DAY,
    datetime(2022, 1, 1, 0, 30),
    datetime(2022, 1, 1, 23, 59, tzinfo=UTC),
    "2022-01-01",
    " 2022-01-01 ",
    "2022-01-01T10:00:00",
    "2022-01-01T10:00:00+03:00",
]

#: Every code-list function, called with ``on`` in the place its docstring gives it:
#: ``on`` follows the name and code it is about, positionally or by keyword.
CALLS: dict[str, Callable[[Any], Any]] = {
    "edition": lambda on: codelists.edition("hs", on),
    "edition-keyword": lambda on: codelists.edition("hs", on=on),
    "contains": lambda on: codelists.contains("hs", "880710", on),
    "contains-keyword": lambda on: codelists.contains("hs", "880710", on=on),
    "check": lambda on: codelists.check("hs", "880710", on).status,
    "check-keyword": lambda on: codelists.check("hs", "880710", on=on).status,
    "check_commodity": lambda on: codelists.check_commodity("8807100000", on).status,
    "check_commodity-country": lambda on: (
        codelists.check_commodity("8807100000", on, country="KZ").status
    ),
    "check_document": lambda on: codelists.check_document("N853", on).status,
    "check_document-keyword": lambda on: codelists.check_document("853", on=on, category="N"),
    "tariff_edition": lambda on: codelists.tariff_edition("KZ", on).editions,
    "list-edition": lambda on: codelists.get("hs").edition(on),
    "list-nearest": lambda on: codelists.get("hs").nearest(on),
    "list-contains": lambda on: codelists.get("hs").contains("880710", on),
    "list-check": lambda on: codelists.get("hs").check("880710", on).status,
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_every_code_list_function_takes_each_kind_of_on(call: Callable[[Any], Any]) -> None:
    expected = call(DAY)
    for on in SAME_DAY:
        assert call(on) == expected, on


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_every_code_list_function_refuses_a_wrong_on(call: Callable[[Any], Any]) -> None:
    with pytest.raises(TypeError, match="on"):
        call(42)
    with pytest.raises(ValueError, match="ISO date"):
        call("01/01/2022")


def test_check_document_takes_on_as_its_second_argument() -> None:
    answer = codelists.check_document("N853", date(2024, 6, 1))
    assert answer.status == "member" and answer.on == date(2024, 6, 1)
    assert codelists.check_document("853", date(2024, 6, 1), category="N") == answer


@pytest.mark.parametrize(
    ("call", "same"),
    [
        (lambda: codelists.contains("currency", " eur ", DAY), True),
        (lambda: codelists.contains("country", "tr", DAY), True),
        (lambda: codelists.check("country", " tr\n", DAY).code, "TR"),
        (lambda: codelists.check("currency", "hrk", date(2024, 6, 1)).status, "withdrawn"),
        (lambda: codelists.check("unit", "kgm", DAY).ok, True),
        (lambda: codelists.get("unit").contains("kgm", DAY), True),
        (lambda: codelists.check_document("n853", DAY).code, "N853"),
        (lambda: codelists.check_document(" 853 ", DAY, category="n").status, "member"),
        (lambda: codelists.check_commodity(" 880710 ", DAY).status, "member"),
        (lambda: codelists.tariff_edition(" kz ", DAY).country, "KZ"),
        (lambda: codelists.edition("ncts:CL231", DAY).description("tir"), "TIR carnet"),  # type: ignore[union-attr]
    ],
)
def test_codes_are_read_as_the_model_normalizes_them(call: Callable[[], Any], same: Any) -> None:
    assert call() == same


def test_a_code_that_is_no_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="code"):
        codelists.contains("currency", 978, DAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="code"):
        codelists.check_document(853, DAY)  # type: ignore[arg-type]


def test_the_module_docstring_states_the_argument_order() -> None:
    doc = codelists.__doc__ or ""
    assert "keyword" in doc and "ISO date string" in doc


@pytest.mark.parametrize("on", SAME_DAY[1:])
def test_check_and_check_many_take_each_kind_of_on(on: Any) -> None:
    path = EXAMPLES / "tr-import.xml"
    expected = sw.check(path, on=DAY, explain=True)
    assert sw.check(path, on=on, explain=True).explanation == expected.explanation
    (report,) = sw.check_many([path], on=on, jobs=1, explain=True)
    assert report.explanation == expected.explanation


def test_the_cli_takes_the_same_dates_as_python() -> None:
    path = str(EXAMPLES / "faults" / "hu-import-withdrawn-currency.xml")
    outputs = []
    for on in ("2022-01-01", "2022-01-01T10:00:00+03:00"):
        out, err = io.StringIO(), io.StringIO()
        code = run(
            ["check", path, "-q", "--no-progress", "--format", "jsonl", "--on", on], out, err
        )
        assert code in (0, 1), err.getvalue()
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    out, err = io.StringIO(), io.StringIO()
    assert run(["check", path, "-q", "--on", "01/01/2022"], out, err) == 2
    assert "YYYY-MM-DD" in err.getvalue()
