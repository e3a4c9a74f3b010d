"""The NCTS Phase 5 code lists (``ncts:CLnnn``): every list the IE015 rules name is there,
real values of the CS/RD2 snapshot, the days countries enter common transit, descriptions,
aliases, and the transit regime tables read from the same lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from single_window import codelists
from single_window._refdata._datafile import read_codes, read_header
from single_window._refdata._ncts import LISTS, file_name
from single_window.rules._regimes import REGIMES, in_regime

D2024 = date(2024, 6, 1)
D2025 = date(2025, 6, 1)
D2026 = date(2026, 1, 15)


def codes(number: str, on: date = D2025) -> frozenset[str]:
    found = codelists.edition(f"ncts:{number}", on)
    assert found is not None
    return found.codes


# --- the lists the rules and conditions of the IE015 name --------------------------------

RULE_LISTS = {
    # list: the rules and conditions of DDNTA Appendix Q2 that use it
    "CL009": "C0001 R3060 R3062",
    "CL010": "R0006 R0900 R0901 R0909 R0911",
    "CL076": "C0085",
    "CL112": "C0030 C0035 C0821 R0006 R0020 R0905",
    "CL147": "C0587 C0598 C0710",
    "CL178": "R0020",
    "CL181": "C0060 R0364",
    "CL182": "C0060 R0220 R0364",
    "CL198": "C0382",
    "CL214": "R0020",
    "CL228": "C0153 C0837 R0601",
    "CL229": "R0900",
    "CL230": "R0900",
    "CL231": "C0030 R0900",
    "CL234": "C0015 R0023 R0601",
    "CL286": "C0086",
    "CL505": "C0505",
}


@pytest.mark.parametrize("number", sorted(RULE_LISTS))
def test_every_list_a_rule_uses_is_shipped(number: str) -> None:
    assert f"ncts:{number}" in codelists.names()
    assert codes(number)


def test_every_list_is_named_by_number_and_by_its_csrd2_name() -> None:
    for number, name in LISTS.items():
        assert codelists.get(f"ncts:{name}") is codelists.get(f"ncts:{number}")
    assert [n for n in codelists.names() if n.startswith("ncts:")] == [f"ncts:{n}" for n in LISTS]


def test_every_file_says_which_list_it_holds_and_from_which_snapshot() -> None:
    for number in LISTS:
        if number == "CL008":
            continue
        header = read_header(file_name(number))
        assert header["list"] == [f"ncts:{number}"]
        assert header["title"][0].startswith(f"{number} {LISTS[number]}: ")
        if number not in ("CL027", "CL060"):
            assert header["snapshot"] == ["2025-02-12"]
            assert header["edition"] == ["CS/RD2 NCTS-P5 2025-02-12"]


# --- real values -------------------------------------------------------------------------


def test_guarantee_type_lists_hold_what_csrd2_gives() -> None:
    assert codes("CL251") == set("0123458 9ABJR".replace(" ", ""))
    assert codes("CL229") == codes("CL251") - {"B", "J"}  # no TIR, no journey exemption
    assert codes("CL230") == codes("CL229") - {"9"}  # multiple usage is CTC only
    assert codes("CL286") == {"0", "1", "2", "4", "9"}  # a GRN and an access code
    assert codes("CL076") == {"0", "1", "2", "3", "4", "5", "9"}  # a guarantee reference


def test_declaration_and_document_lists_hold_what_csrd2_gives() -> None:
    assert codes("CL231") == {"T", "T1", "T2", "T2F", "T2SM", "TIR"}
    assert codes("CL232") == {"T1", "T2", "T2F", "T2SM"}
    assert codes("CL178") == {"C612", "C620", "N822", "N825"}  # T2F, T2LF, T2, T2L
    assert codes("CL228") == {"N830"}
    assert "N830" in codes("CL214")
    assert codes("CL234") == {"C651", "C658"}  # e-AD and its fallback document
    assert codes("CL235") == {"C521", "C523", "C524"}
    assert "30600" in codes("CL239")
    assert {"C651", "Y923"} <= codes("CL380")


def test_packaging_transport_and_party_lists_hold_what_csrd2_gives() -> None:
    assert codes("CL181") == {"VG", "VL", "VO", "VQ", "VR", "VS", "VY"}
    assert codes("CL182") == {"NE", "NF", "NG"}
    # Rec 21 Rev 12, with SX (set), which Rec 21 marks deleted and CS/RD2 keeps
    assert codes("CL017") == set(read_codes("rec21.txt"))
    assert codes("CL218") == {"1", "2", "3", "4", "5", "7", "8", "9"}
    assert codes("CL217") == {"0", "1", "2", "3"}
    assert codes("CL042") == {"A", "D"}
    assert codes("CL326") == set("TUVWXYZ")
    assert codes("CL094") == {"2"}
    assert {"10", "30", "31", "80"} <= codes("CL750")
    assert "31" not in codes("CL219")  # a trailer is no active border means
    assert codes("CL027") == {"0", "1"}
    assert {"CC015C", "CC013C", "CC029C"} <= codes("CL060")


def test_address_lists_hold_what_csrd2_gives() -> None:
    assert codes("CL198") == {"IE", "LU"}
    without = codes("CL505")
    assert {"AE", "HK", "QA", "ZW"} <= without
    assert not {"TR", "GE", "GB", "DE"} & without
    assert len(without) == 55


def test_numbering_lists_hold_what_csrd2_gives() -> None:
    cus = codes("CL016")
    assert len(cus) == 57362
    assert all(len(c) == 9 and c[7] == "-" for c in cus)
    hs = codes("CL152")
    hs2022 = codelists.get("hs").edition(D2025)
    assert hs2022 is not None
    assert hs2022.codes <= hs
    # and the Combined Nomenclature's own chapters: 9880 complete industrial plant, 99 special
    assert {c[:2] for c in hs - hs2022.codes} == {"98", "99"}
    assert "1993" in codes("CL101")


# --- countries and their dates -----------------------------------------------------------


def test_the_union_list_is_the_customs_territory_with_croatia_from_2013() -> None:
    eu = codes("CL010")
    assert len(eu) == 36
    assert {"HU", "XI", "MC", "RE", "AX"} <= eu
    assert not {"TR", "GB", "CH", "GE", "AD", "SM"} & eu
    assert "HR" not in codes("CL010", date(2013, 6, 30))
    assert "HR" in codes("CL010", date(2013, 7, 1))


def test_cl112_is_the_ctc_countries_with_offices_of_their_own() -> None:
    assert codes("CL112", D2024) == {"CH", "GB", "IS", "MK", "NO", "RS", "TR", "UA"}
    # in CL009 but not CL112: their offices carry another country's code
    assert not {"LI", "GG", "JE", "IM", "SJ", "XS", "AD", "SM"} & codes("CL112")
    assert {"LI", "GG", "JE", "IM", "SJ", "XS", "AD", "SM"} <= codes("CL009")


@pytest.mark.parametrize(
    ("code", "first_day"),
    [
        ("GE", date(2025, 2, 1)),
        ("MD", date(2025, 11, 1)),
        ("ME", date(2025, 11, 1)),
        ("TR", date(2012, 12, 1)),
        ("UA", date(2022, 10, 1)),
        ("MK", date(2015, 7, 1)),
        ("RS", date(2016, 2, 1)),
    ],
)
def test_countries_enter_cl009_and_cl112_on_the_day_they_join(code: str, first_day: date) -> None:
    before = first_day - timedelta(days=1)
    for number in ("CL009", "CL112"):
        assert code in codes(number, first_day), (number, code)
        assert code not in codes(number, before), (number, code)
        answer = codelists.check(f"ncts:{number}", code, before)
        assert answer.status == "withdrawn"
        assert f"in use from {first_day.isoformat()}" in answer.message
    assert code not in codes("CL010", D2026)
    assert code not in codes("CL147", D2026)


def test_the_security_agreement_area_is_the_union_and_five_neighbours() -> None:
    area = codes("CL147")
    assert area - codes("CL010") == {"AD", "CH", "LI", "NO", "SM"}
    assert codes("CL010") <= area


def test_cl008_is_the_customs_country_list_without_the_uk_overlay() -> None:
    full = codes("CL008")
    assert len(full) == 265
    assert full == set(read_codes("country-codes.txt"))
    country = codelists.edition("country", D2025)
    assert country is not None
    assert "ZU" not in full and "ZU" in country.codes


# --- descriptions, messages --------------------------------------------------------------


def test_editions_give_the_english_description_of_each_code() -> None:
    cl231 = codelists.edition("ncts:CL231", D2025)
    cl112 = codelists.edition("ncts:CL112", D2026)
    cl016 = codelists.edition("ncts:CL016", D2025)
    assert cl231 is not None and cl112 is not None and cl016 is not None
    assert cl231.description("TIR") == "TIR carnet"
    assert cl112.description("GE") == "Georgia"
    assert cl112.description("XX") is None
    assert cl016.description("0010001-6") is None  # CUS numbers come without a text


def test_a_code_outside_an_ncts_list_names_the_list_and_its_snapshot() -> None:
    answer = codelists.check("ncts:CL112", "LI", D2025)
    assert answer.status == "absent"
    assert "CL112 CountryCodesCTC" in answer.message
    assert "2025-02-12" in answer.message
    assert codelists.check("ncts:CountryCodesCTC", "TR", D2025).list == "ncts:CL112"


# --- the transit regime tables are the lists ---------------------------------------------


def test_the_regime_tables_are_read_from_the_ncts_lists() -> None:
    for regime, number in (("eu", "CL010"), ("ctc", "CL009"), ("cl112", "CL112")):
        assert set(REGIMES[regime]) == set(read_codes(file_name(number)))
        for day in (D2024, D2025, D2026):
            for country in ("GE", "MD", "TR", "HU", "LI", "GB", "KZ"):
                assert in_regime(regime, country, day) == (country in codes(number, day))
    assert in_regime("ctc", "ME", date(2025, 11, 1))
    assert not in_regime("ctc", "ME", date(2025, 10, 31))
    assert in_regime("eaeu", "KZ", D2025)
