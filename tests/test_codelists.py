"""single_window.codelists: golden cases for each list (a valid code, an invalid code, an
edition boundary), the explanations, lazy loading, and properties over random codes."""

from __future__ import annotations

import string
import time
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from single_window import codelists
from single_window._refdata import FACTORIES, _datafile
from single_window._values import ISO_CURRENCIES
from single_window.codelists import CodeList, Membership, Source
from single_window.errors import ConfigurationError

D2021 = date(2021, 6, 1)
D2022 = date(2022, 6, 1)
D2024 = date(2024, 6, 1)

# --- golden cases: (list, code, date, status) ------------------------------------------

GOLDEN = [
    # countries: the customs country list (CS/RD2) with its dated codes, the UK overlay,
    # withdrawn and unknown codes
    ("country", "TR", D2024, "member"),
    ("country", "GB", D2024, "member"),
    ("country", "XK", D2024, "member"),
    ("country", "XS", D2024, "member"),
    ("country", "XC", D2024, "member"),
    ("country", "XL", D2024, "member"),
    ("country", "EU", D2024, "member"),  # European Union (origin)
    ("country", "QP", D2024, "member"),  # high seas
    ("country", "QQ", D2024, "member"),  # stores and provisions
    ("country", "QZ", D2024, "member"),
    ("country", "XI", date(2021, 1, 1), "member"),  # Northern Ireland, from 1 Jan 2021
    ("country", "XI", date(2020, 12, 31), "withdrawn"),
    ("country", "QP", date(2012, 12, 31), "withdrawn"),  # from 1 Jan 2013
    ("country", "ZU", D2024, "member"),  # UK continental shelf (HMRC)
    ("country", "XU", D2024, "absent"),  # statistics only, not a customs code
    ("country", "ZZ", D2024, "absent"),
    ("country", "AN", D2024, "withdrawn"),
    ("country", "tr", D2024, "member"),  # read as the model holds codes: upper-cased
    # currencies: ISO 4217 List One (current) and List Three (withdrawn, to the end of the
    # withdrawal month)
    ("currency", "USD", D2024, "member"),
    ("currency", "KZT", D2024, "member"),
    ("currency", "VED", D2024, "member"),  # ISO 4217 926, current though no legal tender in CLDR
    ("currency", "ZWG", date(2024, 7, 1), "member"),
    ("currency", "ZWL", date(2024, 9, 30), "member"),
    ("currency", "ZWL", date(2024, 10, 1), "withdrawn"),
    ("currency", "XCG", date(2025, 6, 1), "member"),
    ("currency", "ANG", date(2025, 3, 31), "member"),
    ("currency", "ANG", date(2025, 4, 1), "withdrawn"),
    ("currency", "BGN", date(2026, 1, 31), "member"),
    ("currency", "BGN", date(2026, 2, 1), "withdrawn"),
    ("currency", "HRK", D2022, "member"),
    ("currency", "HRK", date(2023, 1, 31), "member"),
    ("currency", "HRK", date(2023, 2, 1), "withdrawn"),
    ("currency", "HRK", D2024, "withdrawn"),
    ("currency", "EUR", date(2023, 1, 1), "member"),
    ("currency", "TRL", date(2005, 12, 31), "member"),
    ("currency", "TRL", date(2006, 1, 1), "withdrawn"),
    ("currency", "XAU", D2024, "absent"),  # precious metal
    ("currency", "XDR", D2024, "absent"),  # IMF unit of account
    ("currency", "CLF", D2024, "absent"),  # fund
    ("currency", "XTS", D2024, "absent"),
    ("currency", "XXX", D2024, "absent"),
    ("currency", "XYZ", D2024, "absent"),
    # units: Rec 20 current, deprecated (still valid), deleted, X + Rec 21, EU-only
    ("unit", "KGM", D2024, "member"),
    ("unit", "LPA", D2024, "member"),
    ("unit", "NPR", D2024, "deprecated"),
    ("unit", "05", D2024, "absent"),
    ("unit", "XBX", D2024, "member"),
    ("unit", "XXX", D2024, "absent"),
    ("unit", "TJO", D2024, "absent"),
    # package types
    ("package-type", "BX", D2024, "member"),
    ("package-type", "43", D2024, "member"),
    ("package-type", "SX", D2024, "absent"),
    ("package-type", "Q9", D2024, "absent"),
    # transport modes: one digit
    ("transport-mode", "0", D2024, "member"),
    ("transport-mode", "9", D2024, "member"),
    ("transport-mode", "10", D2024, "absent"),
    ("transport-mode", "A", D2024, "absent"),
    # document names (UNCL 1001)
    ("document-name", "853", D2024, "member"),
    ("document-name", "2", D2024, "member"),
    ("document-name", "9999", D2024, "absent"),
    # HS by edition: 1 Jan 2022 is the boundary
    ("hs", "731815", D2021, "member"),
    ("hs", "731815", D2022, "member"),
    ("hs", "731899", D2022, "absent"),
    ("hs", "880710", date(2021, 12, 31), "other-edition"),
    ("hs", "880710", date(2022, 1, 1), "member"),
    ("hs", "880310", date(2021, 12, 31), "member"),
    ("hs", "880310", date(2022, 1, 1), "other-edition"),
    ("hs", "010121", date(2016, 12, 31), "no-edition"),
    ("hs", "010121", date(2027, 12, 31), "member"),
    ("hs", "010121", date(2028, 1, 1), "no-edition"),
]


@pytest.mark.parametrize(("name", "code", "on", "status"), GOLDEN)
def test_golden(name: str, code: str, on: date, status: str) -> None:
    answer = codelists.check(name, code, on)
    assert answer.status == status
    assert answer.list == name
    assert answer.ok == (status in ("member", "deprecated"))
    assert codelists.contains(name, code, on) == answer.ok
    if status != "member":
        assert answer.message
    if status not in ("member", "no-edition"):
        assert answer.message.startswith(repr(code)), "messages give the value first"


def test_hs_answers_name_the_edition_that_has_the_code_or_none() -> None:
    two_ways = codelists.check("hs", "880710", D2021)
    assert (two_ways.status, two_ways.edition) == ("other-edition", "HS 2017")
    # the subheading, and the edition that has it
    assert "8807.10" in two_ways.message and "HS 2022" in two_ways.message
    nowhere = codelists.check("hs", "731899", D2022)
    assert (nowhere.status, nowhere.edition) == ("absent", "HS 2022")
    assert not any("731899" in e for e in codelists.get("hs").editions)
    future = codelists.check("hs", "010121", date(2028, 1, 1))
    assert (future.status, future.edition, future.judged) == ("no-edition", None, False)
    assert "2028-01-01" in future.message


def test_currency_answers_say_when_and_why() -> None:
    withdrawn = codelists.check("currency", "HRK", D2024)
    assert withdrawn.status == "withdrawn"
    assert "2023-01-31" in withdrawn.message  # the last day of its withdrawal month
    kinds = {code: codelists.check("currency", code, D2024) for code in ("XAU", "CLF", "XTS")}
    unknown = codelists.check("currency", "XYZ", D2024)
    assert {a.status for a in kinds.values()} == {unknown.status} == {"absent"}
    assert "XAU" in ISO_CURRENCIES and "XYZ" not in ISO_CURRENCIES
    # an ISO 4217 code that is no currency of trade is told apart from no code at all, and
    # a precious metal, a fund and the test code from each other
    texts = {a.message.replace(code, "XYZ") for code, a in kinds.items()}
    assert len(texts) == 3 and unknown.message not in texts


def test_currency_verdicts_come_from_the_shipped_file_alone() -> None:
    found = codelists.edition("currency", D2024)
    assert found is not None
    (source,) = found.sources
    assert "SIX" in source.title
    assert source.revision == "ab9b0ae88e8bffd4ac1c468ce9c784738d3376ba"
    assert source.licence is not None and "PDDL" in source.licence


def test_country_list_is_the_customs_list_with_its_dates() -> None:
    country = codelists.get("country")
    found = country.edition(D2024)
    assert found is not None
    assert found.label.startswith("CS/RD2 CountryCodesFullList 2024-11-05")
    assert {"XI", "EU", "XK", "QP", "QQ", "QR", "QS", "QU", "QX", "QZ"} <= found.codes
    assert "DG TAXUD" in found.sources[0].title
    early = country.check("XI", date(2020, 12, 31))
    assert (early.status, early.on) == ("withdrawn", date(2020, 12, 31))
    assert "2021-01-01" in early.message  # the day it is a customs code from


def test_unit_and_country_answers() -> None:
    deprecated = codelists.check("unit", "NPR", D2024)
    assert deprecated.ok
    assert deprecated.status == "deprecated"
    absent = codelists.check("unit", "TJO", D2024)
    assert (absent.status, absent.edition) == ("absent", "Rec 20 Rev 17 (2021)")
    assert "Rec 20 Rev 17 (2021)" in absent.message
    deleted = codelists.check("unit", "05", D2024)
    edition = codelists.get("unit").edition(D2024)
    assert edition is not None and edition.status("05") == "deleted"
    assert deleted.status == "absent"
    assert deleted.message.replace("05", "TJO") != absent.message  # a deletion is told apart
    withdrawn = codelists.check("country", "AN", D2024)
    assert withdrawn.status == "withdrawn"
    assert "2010-12-15" in withdrawn.message  # the day it left ISO 3166-1


# --- editions and sources ----------------------------------------------------------------


def test_hs_editions_and_dates() -> None:
    hs = codelists.get("hs")
    assert [e.label for e in hs.editions] == ["HS 2017", "HS 2022"]
    hs2017, hs2022 = hs.editions
    assert (hs2017.valid_from, hs2017.valid_to) == (date(2017, 1, 1), date(2021, 12, 31))
    assert (hs2022.valid_from, hs2022.valid_to) == (date(2022, 1, 1), date(2027, 12, 31))
    assert hs.edition(date(2021, 12, 31)) is hs2017
    assert hs.edition(date(2022, 1, 1)) is hs2022
    assert len(hs2017) == 5387
    assert len(hs2022) == 5612
    source = hs2022.sources[0]
    assert source.revision == "905e5a0fa29f5700d62cb3cc1265f21bc8a92329"
    assert source.licence == "ODC-PDDL-1.0"
    assert source.sha256


def test_every_list_has_an_edition_today_with_a_source() -> None:
    assert codelists.names() == tuple(FACTORIES)
    for name in codelists.names():
        found = codelists.edition(name, D2024)
        assert found is not None, name
        assert found.list == name
        assert found.sources
        assert all(s.title for s in found.sources)
        assert len(found) > 0


def test_currency_editions_change_after_the_withdrawal_month() -> None:
    currency = codelists.get("currency")
    before = currency.edition(date(2023, 1, 31))
    after = currency.edition(date(2023, 2, 1))
    assert before is not None
    assert after is not None
    assert "HRK" in before
    assert "HRK" not in after
    assert before.valid_to == date(2023, 1, 31)
    assert after.valid_from == date(2023, 2, 1)
    assert currency.edition(date(2023, 2, 20)) is after


def test_unit_list_holds_rec21_codes_with_x() -> None:
    units = codelists.edition("unit", D2024)
    packages = codelists.edition("package-type", D2024)
    assert units is not None
    assert packages is not None
    assert {f"X{code}" for code in packages.codes} <= units.codes
    assert units.marked["NPR"] == "deprecated"
    assert units.status("05") == "deleted"
    assert units.status("KGM") is None


def test_dates_datetimes_and_iso_strings_are_accepted_and_numbers_refused() -> None:
    assert codelists.contains("hs", "880710", datetime(2022, 1, 1, 0, 30))
    assert codelists.contains("hs", "880710", "2022-01-01")
    assert codelists.contains("currency", "EUR")  # today
    with pytest.raises(TypeError):
        codelists.contains("hs", "880710", 20220101)  # type: ignore[arg-type]


def test_an_unknown_list_name_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="no code list 'colour'"):
        codelists.get("colour")


# --- commodity and document codes --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "on", "status"),
    [
        ("7318159000", D2024, "member"),  # 10-digit national code, HS part 7318.15
        ("731815900000", D2024, "member"),
        ("73181590", D2021, "member"),
        ("731899000000", D2024, "absent"),  # 7318.99: in no edition
        ("88071000", D2021, "other-edition"),
        ("7318", D2024, "absent"),
        ("73A815", D2024, "absent"),
        ("7318159000", date(2028, 1, 1), "no-edition"),
    ],
)
def test_commodity_codes_are_judged_by_their_hs_part(code: str, on: date, status: str) -> None:
    assert codelists.check_commodity(code, on).status == status


@pytest.mark.parametrize(
    ("code", "category", "previous", "status"),
    [
        ("N853", None, False, "member"),  # veterinary certificate, EU/UK category N
        ("853", "N", False, "member"),
        ("N002", None, False, "member"),  # UNCL 1001 code 2, zero-padded
        ("N018", None, False, "member"),  # movement certificate A.TR.1
        ("N999", None, False, "absent"),
        ("C505", None, False, "not-covered"),  # a Union code
        ("Y923", None, False, "not-covered"),
        ("9104", None, False, "not-covered"),  # a UK national code
        ("01201", None, False, "not-covered"),  # an EAEU code (five digits)
        ("355", None, True, "member"),  # raw code on a previous document
        ("355", "Z", True, "member"),
        ("DCR", "Z", True, "not-covered"),
        ("355", "Z", False, "not-covered"),
        # the Union's an4 previous document types: C codes are the Union's own list
        ("C605", None, True, "not-covered"),  # information sheet INF3
        ("605", "C", True, "not-covered"),
        ("C512", None, True, "not-covered"),
        ("N355", None, True, "member"),
        ("N999", None, True, "absent"),
        ("X337", None, True, "member"),
        ("Y830", None, True, "member"),
        ("Z999", None, True, "absent"),
    ],
)
def test_document_codes(code: str, category: str | None, previous: bool, status: str) -> None:
    answer = codelists.check_document(code, D2024, category=category, previous=previous)
    assert answer.status == status
    assert answer.list == "document-name"


# --- packs extend a list -----------------------------------------------------------------


def test_a_pack_can_extend_a_list_from_a_date() -> None:
    units = codelists.get("unit")
    eu = Source(title="EU supplementary units (test)")
    extended = units.extended({"TJO"}, label="EU", source=eu, valid_from=date(2020, 1, 1))
    assert isinstance(extended, CodeList)
    assert extended.contains("TJO", D2024)
    assert extended.contains("KGM", D2024)
    assert not extended.contains("TJO", date(2019, 6, 1))
    assert not units.contains("TJO", D2024), "the base list is unchanged"
    found = extended.edition(D2024)
    assert found is not None
    assert found.label == "Rec 20 Rev 17 (2021) + EU"
    assert found.valid_from == date(2020, 1, 1)
    assert [e.label for e in extended.editions] == [
        "Rec 20 Rev 17 (2021)",
        "Rec 20 Rev 17 (2021) + EU",
    ]
    assert eu in found.sources
    assert extended.check("NPR", D2024).status == "deprecated"
    assert extended.check("05", D2024).status == "absent"
    assert found.status("05") == "deleted"


def test_an_extended_hs_list_still_explains_editions() -> None:
    hs = codelists.get("hs").extended({"999999"}, label="national", source=Source("test"))
    assert hs.contains("999999", D2024)
    assert hs.check("880710", D2021).status == "other-edition"


# --- lazy loading and speed --------------------------------------------------------------


def test_lists_are_read_only_when_used(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = _datafile.read_codes

    def spy(name: str) -> dict[str, dict[str, str]]:
        read.append(name)
        return original(name)

    monkeypatch.setattr(_datafile, "read_codes", spy)
    monkeypatch.setattr("single_window._refdata._lists.read_codes", spy)
    hs = FACTORIES["hs"]()  # a fresh list, nothing cached
    assert read == []
    assert hs.edition(D2024) is not None
    assert read == [], "choosing the edition reads headers only"
    assert hs.contains("731815", D2024)
    assert read == ["hs2022.txt"], "only the edition in force is read"
    assert hs.contains("731816", D2024)
    assert read == ["hs2022.txt"], "and only once"


def test_loading_takes_milliseconds() -> None:
    for name, factory in FACTORIES.items():
        fresh = factory()
        start = time.perf_counter()
        assert fresh.contains("?", D2024) is False
        elapsed = time.perf_counter() - start
        assert elapsed < 0.25, f"{name} took {elapsed * 1000:.0f} ms to load"


def test_membership_is_fast_once_loaded() -> None:
    hs = codelists.get("hs")
    hs.contains("731815", D2024)
    start = time.perf_counter()
    for _ in range(20_000):
        hs.contains("731815", D2024)
    per_call = (time.perf_counter() - start) / 20_000
    assert per_call < 20e-6, f"{per_call * 1e6:.1f} µs a look-up"


# --- properties --------------------------------------------------------------------------

CODE_TEXT = st.text(alphabet=string.ascii_uppercase + string.digits + "#-. é", max_size=8)


@pytest.mark.parametrize("name", list(FACTORIES))
@given(data=st.data())
def test_codes_drawn_from_a_list_are_members(name: str, data: st.DataObject) -> None:
    found = codelists.edition(name, D2024)
    assert found is not None
    code = data.draw(st.sampled_from(sorted(found.codes)))
    assert codelists.contains(name, code, D2024)
    assert codelists.check(name, code, D2024).ok


@pytest.mark.parametrize("name", list(FACTORIES))
@given(code=CODE_TEXT)
def test_strings_outside_a_list_are_not_members(name: str, code: str) -> None:
    found = codelists.edition(name, D2024)
    assert found is not None
    answer = codelists.check(name, code, D2024)
    assert isinstance(answer, Membership)
    held = code.strip().upper()  # as the model holds a code
    assert answer.ok == (held in found.codes)
    if held not in found.codes:
        assert not codelists.contains(name, code, D2024)
        assert answer.judged
        assert answer.message.startswith(repr(held))


@given(code=CODE_TEXT, category=st.none() | st.sampled_from(["N", "C", "Y", "Z", "9"]))
def test_document_checks_never_raise(code: str, category: str | None) -> None:
    for previous in (False, True):
        answer = codelists.check_document(code, D2024, category=category, previous=previous)
        assert answer.status in ("member", "absent", "not-covered")


@given(code=CODE_TEXT)
def test_commodity_checks_never_raise(code: str) -> None:
    assert codelists.check_commodity(code, D2024).status in ("member", "absent", "other-edition")


# --- HS editions by the country's tariff -------------------------------------------------


@pytest.mark.parametrize(
    ("country", "on", "labels", "confirmed"),
    [
        ("KZ", date(2021, 12, 31), ["HS 2017"], True),  # the WCO's dates before 2022
        ("KZ", date(2022, 1, 1), ["HS 2022"], True),  # EEC Council Decision No 80
        ("KG", D2024, ["HS 2022"], True),
        ("HU", D2024, ["HS 2022"], True),  # Implementing Regulation (EU) 2021/1832
        ("TR", D2024, ["HS 2022"], True),  # Presidential Decision No 5045
        ("UZ", date(2019, 6, 1), ["HS 2017"], True),  # PP-3448, from 1 Jan 2018
        ("UZ", date(2022, 1, 1), ["HS 2017", "HS 2022"], False),
        ("AZ", D2024, ["HS 2017", "HS 2022"], False),
        ("GE", D2024, ["HS 2017", "HS 2022"], False),
        ("TM", D2024, ["HS 2017", "HS 2022"], False),
        ("TM", D2021, ["HS 2017"], True),
        ("GB", D2024, ["HS 2022"], True),  # no tariff in the table: the WCO's edition
        (None, D2021, ["HS 2017"], True),
        ("UZ", date(2028, 1, 1), [], False),  # no shipped edition applies
        ("KZ", date(2028, 1, 1), [], True),
    ],
)
def test_tariff_editions_by_country_and_date(
    country: str | None, on: date, labels: list[str], confirmed: bool
) -> None:
    found = codelists.tariff_edition(country, on)
    assert [e.label for e in found.editions] == labels
    assert found.confirmed is confirmed
    assert found.on == on
    assert found.source
    if not confirmed:
        assert found.source.startswith("not confirmed")


def test_commodity_codes_are_judged_by_the_countrys_tariff() -> None:
    on = date(2023, 6, 1)
    kz = codelists.check_commodity("8517120000", on, country="KZ")  # HS 2017 only
    assert (kz.status, kz.edition) == ("other-edition", "HS 2022")
    # the tariff, its edition and the date; the subheading and the edition that has it
    for shown in ("EAEU TN VED", "HS 2022", "2023-06-01", "8517.12", "HS 2017"):
        assert shown in kz.message
    uz = codelists.check_commodity("8517120000", on, country="UZ")
    assert uz.ok
    assert uz.edition == "HS 2017 or HS 2022"
    absent = codelists.check_commodity("7318990000", on, country="UZ")
    assert (absent.status, absent.edition) == ("absent", "HS 2017 or HS 2022")
    # without a country, or for one outside the table, the WCO's edition and answer
    plain = codelists.check_commodity("8517120000", on)
    assert plain == codelists.check_commodity("8517120000", on, country="GB")
    assert (plain.status, plain.edition) == ("other-edition", "HS 2022")
    assert "EAEU TN VED" not in plain.message and "8517.12" in plain.message


def test_unconfirmed_editions_begin_when_the_warning_rule_does() -> None:
    from single_window._refdata._tariffs import TARIFFS
    from single_window.rules import RuleSet

    spec = next(s for s in RuleSet.bundled().rules() if s.id == "WCO-HS-EDITION-UNCONFIRMED")
    starts = [p.start for t in TARIFFS.values() for p in t.periods if p.edition is None]
    assert starts
    assert min(starts) == spec.when.valid_from
    assert set(TARIFFS) >= {"KZ", "KG", "HU", "TR", "UZ", "AZ", "GE", "TM"}
