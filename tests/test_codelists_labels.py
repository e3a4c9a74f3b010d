"""Names of codes (``codelists.label``): CLDR names of countries and currencies in the
corridor's languages, the sources' English names of the other lists, HS wording by
edition, fallbacks, unknown codes, dates, and that a name never touches a verdict."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, datetime

import pytest
from babel import Locale
from conftest import EXAMPLES, REPO

from single_window import codelists
from single_window._refdata import _labels
from single_window.errors import ConfigurationError

#: The corridor's languages and the two welcome ones.
LANGUAGES = ("en", "tr", "az", "uz", "kk", "ky", "ru", "ka", "hu", "tk")


@pytest.mark.parametrize(
    ("lang", "code", "name"),
    [
        ("en", "GE", "Georgia"),
        ("tr", "TR", "Türkiye"),
        ("tr", "GE", "Gürcistan"),
        ("az", "AZ", "Azərbaycan"),
        ("uz", "UZ", "Oʻzbekiston"),
        ("kk", "KZ", "Қазақстан"),
        ("ky", "KG", "Кыргызстан"),
        ("ru", "GE", "Грузия"),
        ("ka", "GE", "საქართველო"),
        ("hu", "HU", "Magyarország"),
        ("tk", "TM", "Türkmenistan"),
    ],
)
def test_countries_are_named_in_the_users_language(lang: str, code: str, name: str) -> None:
    assert codelists.label("country", code, lang=lang) == name


@pytest.mark.parametrize(
    ("lang", "code", "name"),
    [
        ("en", "EUR", "Euro"),
        ("tr", "TRY", "Türk lirası"),
        ("az", "AZN", "Azərbaycan Manatı"),
        ("uz", "UZS", "O‘zbekiston so‘mi"),
        ("kk", "KZT", "Қазақстан теңгесі"),
        ("ky", "KGS", "Кыргызстан сому"),
        ("ru", "RUB", "российский рубль"),
        ("ka", "GEL", "ქართული ლარი"),
        ("hu", "HUF", "magyar forint"),
        ("tk", "TMT", "Türkmen manady"),
    ],
)
def test_currencies_are_named_in_the_users_language(lang: str, code: str, name: str) -> None:
    assert codelists.label("currency", code, lang=lang) == name


def test_language_tags_are_read_in_either_style() -> None:
    latin = codelists.label("country", "GE", lang="uz")
    assert latin == "Gruziya"
    assert codelists.label("country", "GE", lang="uz-Latn") == latin
    assert codelists.label("country", "GE", lang="uz_Latn") == latin
    assert codelists.label("country", "GE", lang="uz-Cyrl") == "Грузия"
    assert codelists.label("country", "GE", lang="ru-RU") == "Грузия"


def test_codes_cldr_does_not_name_take_the_shipped_english_name() -> None:
    # Customs codes, in the CS/RD2 country list or HMRC's overlay only.
    for lang in LANGUAGES:
        assert codelists.label("country", "XI", lang=lang) == "United Kingdom (Northern Ireland)"
        assert codelists.label("country", "QP", lang=lang) == "High seas"
        assert codelists.label("country", "XS", lang=lang) == "Serbia"
    zb = codelists.label("country", "ZB", lang="kk")
    assert zb == "Continental Shelf (NW European) - Belgian Sector"
    # Withdrawn currencies CLDR leaves out: ISO 4217's own name.
    assert codelists.label("currency", "GHP", lang="ru") == "Ghana Cedi"
    assert "GHP" not in Locale.parse("en").currencies


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("name", "kind"), [("country", "territories"), ("currency", "currencies")])
def test_each_code_has_the_cldr_name_in_the_language_else_english(
    name: str, kind: str, lang: str
) -> None:
    local = getattr(Locale.parse(lang), kind)
    english = getattr(Locale.parse("en"), kind)
    shipped = _labels._english(name)  # the data files' own (English) names
    for code in set().union(*(e.codes for e in codelists.get(name).editions)):
        found = codelists.label(name, code, lang=lang)
        if lang == "en":  # English is the data files' own names, CLDR not read
            assert found == shipped[code]
        elif code in local:
            assert found == local[code]
        else:
            assert found == (english.get(code) or shipped[code])
    # The codes in use today that CLDR knows nearly all have a name in each language.
    current = codelists.edition(name, date(2025, 6, 1))
    assert current is not None
    unnamed = [code for code in current.codes if code in english and code not in local]
    assert len(unnamed) <= 6, unnamed


def test_a_language_cldr_does_not_know_gives_english() -> None:
    assert codelists.label("country", "GE", lang="xx") == "Georgia"
    assert codelists.label("currency", "KZT", lang="") == "Kazakhstani Tenge"


@pytest.mark.parametrize(
    ("name", "code", "english"),
    [
        ("unit", "KGM", "kilogram"),
        ("unit", "XBX", "Box"),  # Rec 20 note 2: X + a Rec 21 package type
        ("package-type", "CT", "Carton"),
        ("transport-mode", "3", "Road transport"),
        ("document-name", "853", "Veterinary certificate"),
        ("ncts:CL231", "TIR", "TIR carnet"),
        ("ncts:DeclarationType", "T1", None),  # by its CS/RD2 name too (checked below)
    ],
)
def test_the_un_lists_are_named_in_english_in_every_language(
    name: str, code: str, english: str | None
) -> None:
    expected = english or codelists.edition(name).description(code)
    assert expected
    for lang in LANGUAGES:
        assert codelists.label(name, code, lang=lang) == expected


def test_codes_are_named_whatever_their_status_on_the_date() -> None:
    assert codelists.label("unit", "NPR") == "number of pairs"  # deprecated
    assert codelists.label("unit", "05") == "lift"  # deleted from Rec 20
    assert codelists.label("currency", "HRK", "2024-06-01", lang="tr") == "Hırvatistan kunası"
    assert codelists.label("country", "XI", date(2019, 1, 1)) == codelists.label("country", "XI")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("country", "ZZ"),
        ("country", "G"),
        ("country", ""),
        ("currency", "ABC"),
        ("unit", "QQQ"),
        ("package-type", "ZZZ"),
        ("transport-mode", "10"),
        ("document-name", "N853"),  # a category: label_document reads those
        ("hs", "999999"),
        ("hs", "84713"),
        ("hs", "8471300000"),  # a national code: label_commodity names its subheading
        ("ncts:CL112", "DE"),  # a country, but not in this list
        ("ncts:CL016", "0010001-6"),  # in the list, without a name
    ],
)
def test_a_code_the_list_does_not_name_has_no_label(name: str, code: str) -> None:
    assert codelists.label(name, code, lang="kk") is None


def test_codes_are_read_as_the_model_reads_them() -> None:
    assert codelists.label("country", " ge ", lang="ka") == "საქართველო"
    assert codelists.label("unit", "kgm") == "kilogram"


def test_an_unknown_list_or_a_wrong_type_is_an_error() -> None:
    with pytest.raises(ConfigurationError, match="no code list"):
        codelists.label("colour", "RED")
    with pytest.raises(TypeError):
        codelists.label("country", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        codelists.label("country", "GE", lang=None)  # type: ignore[arg-type]


def test_ncts_country_currency_and_hs_lists_are_named_like_those_lists() -> None:
    assert codelists.label("ncts:CL112", "GE", lang="ka") == "საქართველო"
    assert codelists.label("ncts:CountryCodesCTC", "TR", lang="tr") == "Türkiye"
    # CL505 carries no description of its own; the country list's name serves.
    assert codelists.edition("ncts:CL505").description("AE") is None
    assert codelists.label("ncts:CL505", "AE", lang="en") == "United Arab Emirates"
    assert codelists.label("ncts:CL048", "CHF", lang="tr") == "İsviçre frangı"
    assert codelists.label("ncts:CL152", "847130") == codelists.label("hs", "847130")
    assert codelists.label("ncts:CL008", "XI", lang="ru") == "United Kingdom (Northern Ireland)"


# --- HS and dates ----------------------------------------------------------------------


def test_hs_chapters_headings_and_subheadings_are_named() -> None:
    assert codelists.label("hs", "01", "2023-01-01") == "Animals; live"
    assert codelists.label("hs", "0101", "2023-01-01") == "Horses, asses, mules and hinnies; live"
    subheading = codelists.label("hs", "847130", "2023-01-01")
    assert subheading is not None and subheading.startswith("Automatic data processing machines")
    assert codelists.label("hs", "8471.30", "2023-01-01") == subheading
    assert codelists.label("hs", "847130", "2023-01-01", lang="kk") == subheading  # English only


def test_the_hs_wording_is_the_editions_in_force_on_the_date() -> None:
    hs2017 = codelists.label("hs", "030255", date(2020, 6, 1))
    hs2022 = codelists.label("hs", "030255", date(2023, 6, 1))
    assert hs2017 is not None and "Alaska pollack" in hs2017
    assert hs2022 is not None and "Alaska pollock" in hs2022
    assert codelists.label("hs", "84", "2021-12-31") == (
        "Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof"
    )
    assert codelists.label("hs", "84", "2022-01-01") == (
        "Machinery and mechanical appliances, boilers, nuclear reactors; parts thereof"
    )
    # Outside the shipped editions: the nearest edition's wording.
    assert codelists.label("hs", "030255", date(2010, 1, 1)) == hs2017
    assert codelists.label("hs", "030255", date(2030, 1, 1)) == hs2022


def test_a_code_of_the_other_edition_keeps_its_name() -> None:
    """A finding says 8803.10 exists only in HS 2017: the report can still name it."""
    assert not codelists.contains("hs", "880310", date(2023, 6, 1))
    name = codelists.label("hs", "880310", date(2023, 6, 1))
    assert name == codelists.edition("hs", date(2020, 1, 1)).description("880310")
    assert name is not None and "propellers" in name.lower()
    assert codelists.label("hs", "880710", date(2019, 6, 1)) is not None


@pytest.mark.parametrize(
    "on", [date(2020, 6, 1), datetime(2020, 6, 1, 23, 59), "2020-06-01", "2020-06-01T10:00:00"]
)
def test_on_is_a_date_a_datetime_or_an_iso_string(on: object) -> None:
    name = codelists.label("hs", "030255", on)  # type: ignore[arg-type]
    assert name is not None and "pollack" in name


def test_a_bad_date_is_an_error_for_every_list() -> None:
    for name in ("hs", "country", "unit"):
        with pytest.raises(ValueError, match="ISO date"):
            codelists.label(name, "GE", "1 June 2020")
        with pytest.raises(TypeError):
            codelists.label(name, "GE", 20200601)  # type: ignore[arg-type]


# --- commodity codes and document codes ----------------------------------------------


def test_a_commodity_code_is_named_by_its_subheading() -> None:
    name = codelists.label_commodity("8517120000", "2023-06-01")
    assert name == codelists.label("hs", "851712", "2023-06-01")
    assert name is not None and "cellular" in name
    assert codelists.label_commodity("8517.12.00.00", "2023-06-01") == name
    assert codelists.label_commodity("851712", "2023-06-01") == name
    for bad in ("85171", "851712000", "abcdef", "", "9999990000"):
        assert codelists.label_commodity(bad) is None, bad


def test_a_document_code_is_named_with_its_category() -> None:
    vet = "Veterinary certificate"
    assert codelists.label_document("N853") == vet
    assert codelists.label_document("853", category="N") == vet
    assert codelists.label_document("853", "2024-06-01", category="N") == vet
    assert codelists.label_document("853") == vet
    assert codelists.label_document("n853") == vet
    assert codelists.label_document("N002") == codelists.label("document-name", "2")
    assert codelists.label_document("Z355", previous=True) == codelists.label(
        "document-name", "355"
    )
    assert codelists.label_document("Z355") is None  # Z is no 1001 category of a document
    assert codelists.label_document("C505") is None  # a Union code
    assert codelists.label_document("ZDCR", previous=True) is None  # national
    assert codelists.label_document("N999") is None  # no such 1001 code


@pytest.mark.parametrize(
    ("code", "category", "previous"),
    [
        ("N853", None, False),
        ("853", "N", False),
        ("853", None, False),
        (" n002 ", None, False),
        ("Z355", None, True),
        ("Z355", None, False),
        ("C505", None, False),
        ("ZDCR", None, True),
        ("N999", None, False),
        ("Y923", None, True),
        ("1234", None, False),
    ],
)
def test_a_document_code_is_named_where_check_document_finds_it(
    code: str, category: str | None, previous: bool
) -> None:
    # The same arguments, in the same order, read the same way by both functions.
    on = "2024-06-01"
    found = codelists.check_document(code, on, category=category, previous=previous)
    named = codelists.label_document(code, on, category=category, previous=previous)
    assert (named is not None) == found.ok, (found, named)


# --- every shipped code is named -------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["country", "currency", "unit", "package-type", "transport-mode", "document-name"]
)
def test_every_code_of_every_edition_has_an_english_name(name: str) -> None:
    for edition in codelists.get(name).editions:
        unnamed = sorted(c for c in edition.codes if not codelists.label(name, c))
        assert unnamed == [], f"{name} {edition.label}: {unnamed[:5]}"


def test_every_hs_subheading_is_named_in_its_own_edition() -> None:
    for edition in codelists.get("hs").editions:
        on = edition.valid_from
        assert on is not None
        for code in edition.codes:
            assert codelists.label("hs", code, on) == edition.description(code)
            assert codelists.label("hs", code[:4], on)
            assert codelists.label("hs", code[:2], on)


# --- cost ----------------------------------------------------------------------------


def test_a_label_is_a_dictionary_read_after_the_first() -> None:
    codelists.label("country", "GE", lang="ka")
    codelists.label("hs", "847130", "2023-01-01")
    before = _labels._names.cache_info()
    start = time.perf_counter()
    for _ in range(10_000):
        codelists.label("country", "GE", lang="ka")
        codelists.label("hs", "847130", "2023-01-01")
    elapsed = time.perf_counter() - start
    after = _labels._names.cache_info()
    assert after.misses == before.misses  # nothing gathered again
    assert elapsed < 1.0, f"20,000 look-ups took {elapsed:.2f} s"


# --- a name never changes a verdict ----------------------------------------------------


def test_no_verdict_reads_babel() -> None:
    """Checking every example and golden declaration, and asking every list whether a code
    is in it, never imports babel: the names' source cannot move a verdict. The same
    checks with babel made unimportable give the same findings."""
    probe = f"""
import json, sys
from pathlib import Path
if sys.argv[1] == "blocked":
    sys.modules["babel"] = None  # any import of babel now fails
import single_window as sw
from single_window import codelists
files = sorted(Path({str(EXAMPLES)!r}).rglob("*.xml"))
files += sorted(Path({str(REPO / "tests" / "golden")!r}).rglob("*.xml"))
out = []
for path in files:
    try:
        report = sw.check(str(path))
    except Exception as error:
        out.append([path.name, type(error).__name__])
        continue
    out.append([path.name, report.verdict, sorted(f.rule for f in report.findings)])
for name in codelists.names():
    codelists.check(name, "XX")
print(json.dumps({{"babel": "babel" in sys.modules and sys.modules["babel"] is not None,
                  "files": len(files), "out": out}}))
"""
    runs = {}
    for mode in ("plain", "blocked"):
        result = subprocess.run(
            [sys.executable, "-c", probe, mode],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
            cwd=REPO,
        )
        runs[mode] = json.loads(result.stdout.splitlines()[-1])
    assert runs["plain"]["babel"] is False
    assert runs["plain"]["files"] > 20
    assert runs["plain"]["out"] == runs["blocked"]["out"]


# --- names by a finding's path -------------------------------------------------------


def _coded_places() -> dict[str, str]:
    """Every place of the WCO model the code-list rules judge, as a path, with its list:
    read from the rules' own walk plan, so the two cannot drift apart."""
    from single_window._spec import spec_of
    from single_window.models import Declaration
    from single_window.rules._coded import _plan

    places: dict[str, str] = {}
    seen: set[type] = set()

    def walk(cls: type, path: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        xml = {fs.name: fs.xml_name for fs in spec_of(cls).fields}  # type: ignore[arg-type]
        for name, _, binding, attribute, child in _plan(cls):  # type: ignore[arg-type]
            if child is not None:
                walk(child, f"{path}/{xml[name]}[1]")
            elif binding is not None:
                leaf = f"{path}/{xml[name]}[2]" + (f"/@{attribute}" if attribute else "")
                places[leaf] = binding

    walk(Declaration, "/MetaData/Declaration")
    return places


def test_every_place_the_code_list_rules_judge_is_known_by_its_path() -> None:
    places = _coded_places()
    assert len(places) > 30
    assert {codelists.list_at(path) for path in places} == set(places.values())
    assert {path: codelists.list_at(path) for path in places} == places


def test_places_outside_the_lists_have_no_list() -> None:
    base = "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"
    # The national tariff's units, left out by the rules too.
    assert (
        codelists.list_at(f"{base}/Commodity/DutyTaxFee/SpecificTaxBaseQuantity/@unitCode") is None
    )
    assert (
        codelists.list_at(f"{base}/AdditionalDocument/WriteOff/QuantityQuantity/@unitCode") is None
    )
    for path in ("", "/", "/MetaData/Declaration/InvoiceAmount", f"{base}/SequenceNumeric"):
        assert codelists.list_at(path) is None
    assert codelists.label_at("/MetaData/Declaration/TotalPackageQuantity", "55") is None


def test_a_findings_value_is_named_by_its_path() -> None:
    item = "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]"
    assert codelists.label_at(f"{item}/Origin[1]/CountryCode", "GE", lang="ka") == "საქართველო"
    assert (
        codelists.label_at("/MetaData/Declaration/InvoiceAmount/@currencyID", "KZT", lang="kk")
        == "Қазақстан теңгесі"
    )
    assert codelists.label_at(f"{item}/GoodsMeasure/GrossMassMeasure/@unitCode", "KGM") == (
        "kilogram"
    )
    commodity = f"{item}/Commodity/Classification[1]/ID"
    assert codelists.label_at(commodity, "8517120000", "2023-06-01") == (
        codelists.label_commodity("8517120000", "2023-06-01")
    )
    # A document code carries its category; on a previous document X, Y and Z are 1001's.
    assert codelists.label_at(f"{item}/AdditionalDocument[2]", "N853") == "Veterinary certificate"
    assert codelists.label_at(f"{item}/PreviousDocument[1]", "Z355") == (
        codelists.label("document-name", "355")
    )
    assert codelists.label_at(f"{item}/AdditionalDocument[1]", "Z355") is None
    # Namespace prefixes are read past.
    assert codelists.label_at("/wco:Declaration/wco:ExportCountry/wco:ID", "TR", lang="tr") == (
        "Türkiye"
    )
    assert codelists.label_at(f"{item}/Origin[1]/CountryCode", "ZZ") is None


def test_a_value_of_an_ncts_message_is_named_from_its_elements_code_list() -> None:
    """A CC015C or CC013C path names the list the schema annotates its element with."""
    item = "/CC015C/Consignment/HouseConsignment[2]/ConsignmentItem[1]"
    assert codelists.list_at(f"{item}/Packaging[1]/typeOfPackages") == "ncts:CL017"
    assert codelists.label_at(f"{item}/Packaging[1]/typeOfPackages", "PX") == "Pallet"
    assert codelists.label_at("/CC013C/Consignment/Consignor/Address/country", "GE", lang="ka") == (
        "საქართველო"
    )
    assert codelists.label_at("/CC015C/Guarantee[1]/GuaranteeReference[1]/currency", "EUR") == (
        codelists.label("ncts:CL048", "EUR")
    )
    hs = f"{item}/Commodity/CommodityCode/harmonizedSystemSubHeadingCode"
    assert codelists.list_at(hs) == "hs"
    assert codelists.label_at(hs, "847130") == codelists.label_commodity("847130")
    assert codelists.label_at(f"{item}/PreviousDocument[1]/type", "N337") == (
        codelists.label("ncts:CL214", "N337")
    )
    # A list the library does not ship (customs offices, CL171), a place without a list,
    # a code the list lacks, and the WCO names that mean nothing in a message.
    assert codelists.list_at("/CC015C/CustomsOfficeOfDeparture/referenceNumber") is None
    assert codelists.list_at(f"{item}/Packaging[1]/numberOfPackages") is None
    assert codelists.label_at(f"{item}/Packaging[1]/typeOfPackages", "ZZZ") is None
    assert codelists.list_at(f"{item}/PreviousDocument[1]") is None
