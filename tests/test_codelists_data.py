"""The shipped code-list data is what its pinned source gives: same source file (commit and
SHA-256), same number of codes, same codes (a digest of them), and each update script pins
the same source. Changing a data file without changing these pins fails here on purpose."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from single_window._refdata._datafile import read_codes, read_header

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "single_window" / "_refdata" / "data"
SCRIPTS = REPO / "scripts" / "update"

#: file -> (generator script, source revision, source SHA-256, code count).
PINS = {
    "hs2017.txt": (
        "hs.py",
        "a72bef25b2749cd04a824b8b46b71c89e566b4bb",
        "cdc9a537622feeb8c872f8e7c3bc279170180cf3eec010ed658ff98a44063fa2",
        5387,
    ),
    "hs2022.txt": (
        "hs.py",
        "905e5a0fa29f5700d62cb3cc1265f21bc8a92329",
        "e77ee9e1cfd15a42d1fadeb2c0618d10f6b9ed9aec0e5d66826dc7ef9d3126a5",
        5612,
    ),
    "rec20.txt": (
        "rec20.py",
        "afbf662ba3fd24bc3215aceae33a80dfcbe5cc0a",
        "994a85c3682e67604d42dbda3b35d672338a45b400f5397a96a4c5467ee8056d",
        2136,
    ),
    "rec21.txt": (
        "rec21.py",
        "afbf662ba3fd24bc3215aceae33a80dfcbe5cc0a",
        "ea44b5c5b6c8bf2ed8499fe1c3805a180804067e19e2fbf7bb60d1e05a943ea4",
        406,
    ),
    "rec19.txt": (
        "rec19.py",
        "afbf662ba3fd24bc3215aceae33a80dfcbe5cc0a",
        "eeead509a0037da569423bbf382f3bb6d2c8b9c0198ed0b6e1aea3479b694303",
        10,
    ),
    "uncl1001.txt": (
        "uncl1001.py",
        "51768f9c41be13673bc6d555c8c21c79d9e481a0",
        "2b7ff59177100601aeb5e3a5265e1c97582fe181376c63b6db787a14b75444bc",
        803,
    ),
    "country-overlay.txt": (
        "countries.py",
        "d14bed05034833a60e143b38ef1266bb62e5ea4b",
        "e76789598c16a54133332700c21661afa5aec81e419358471831a52eb74d2d92",
        17,
    ),
    "country-codes.txt": (
        "customs_countries.py",
        "5661656728a2d893c7879dc50c4dc2c3f82dc115",
        "3d16a11fc1266122ba98b2e534f61c150396f14c9278f941e7abedbd77e350c0",
        265,
    ),
    "iso4217.txt": (
        "currencies.py",
        "ab9b0ae88e8bffd4ac1c468ce9c784738d3376ba",
        "c4b6829a966f0564e77dc6c2d100d268cce61b30f7637bf3d5ec626b0393407f",
        307,
    ),
}

#: SHA-256 of each file's code lines (code and attributes, joined by newlines): the codes
#: themselves cannot drift either.
DIGESTS = {
    "hs2017.txt": "bf46aa939c5d48d173f9c46115fe4d787572f894ca89bacfa61a3399e37c9117",
    "hs2022.txt": "f4ad2f09c49db819e0a3e2b6115a9cc73e7c45c87e51949774d40ce0ac2b837f",
    "rec20.txt": "9a27252a1e5991a0c356f38bb7c39b52f42223f39c5f70e90c6644b8d60c61a2",
    "rec21.txt": "ec8e2936b8dfcd1c0f22d14a44bee7908d7bb4bab4d4fbc899646f41249b6481",
    "rec19.txt": "29dd21f55e4611d4c787c2148e39b4e341d4c10701dd03eed360aa55035bdb34",
    "uncl1001.txt": "c7aa3c1fff15174abc9114c20bdce291add095ee512d11ad20a1711c9c753ed9",
    "country-overlay.txt": "7ba75afe5beb95f2b279826e85b7eb7b2195e2824fcff665297678c4bd1b78bd",
    "country-codes.txt": "dac89891bfbf71eb08a97acf586f3e2be72fb4aff5553f37e2984124260b69ed",
    "iso4217.txt": "9dd9b260021d84b214bca1e3c8369c78913148fdd143c0e588d190f1dc414735",
}

HEADER_KEYS = {"list", "edition", "title", "source", "source-url", "source-revision"}


def code_lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_every_data_file_is_pinned() -> None:
    assert sorted(p.name for p in DATA.glob("*.txt")) == sorted(PINS)


@pytest.mark.parametrize("name", sorted(PINS))
def test_header_names_the_pinned_source(name: str) -> None:
    script, revision, sha256, count = PINS[name]
    header = read_header(name)
    assert set(header) >= HEADER_KEYS, f"{name}: header lacks {HEADER_KEYS - set(header)}"
    assert header["generator"] == [f"scripts/update/{script}"]
    assert header["source-revision"] == [revision]
    assert header["source-sha256"] == [sha256]
    assert revision in header["source-url"][0]
    assert header["licence"][0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", header["generated"][0])
    assert header["count"] == [str(count)]


@pytest.mark.parametrize("name", sorted(PINS))
def test_codes_match_the_count_and_digest(name: str) -> None:
    lines = code_lines(name)
    assert len(lines) == PINS[name][3]
    assert len(read_codes(name)) == len(lines), f"{name}: a code appears twice"
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    assert digest == DIGESTS[name], f"{name}: the codes changed (digest {digest})"


@pytest.mark.parametrize("name", sorted(PINS))
def test_the_update_script_pins_the_same_source(name: str) -> None:
    script, revision, sha256, _ = PINS[name]
    text = (SCRIPTS / script).read_text(encoding="utf-8")
    assert revision in text
    assert sha256 in text


def test_hs_editions_have_the_expected_shape() -> None:
    hs2017 = set(read_codes("hs2017.txt"))
    hs2022 = set(read_codes("hs2022.txt"))
    assert all(re.fullmatch(r"\d{6}", c) for c in hs2017 | hs2022)
    assert "999999" not in hs2017 | hs2022
    assert len(hs2017 & hs2022) == 5242
    assert len(hs2017 - hs2022) == 145
    assert len(hs2022 - hs2017) == 370
    # Known moves between the editions (WCO HS 2022 amendments): drones, antiques, e-waste.
    assert {"880310", "970500", "970200"} <= hs2017 - hs2022
    assert {"880710", "970510", "970210", "854911", "852411"} <= hs2022 - hs2017


def test_rec20_marks_deleted_and_deprecated_codes() -> None:
    codes = read_codes("rec20.txt")
    marks = [attrs.get("status") for attrs in codes.values()]
    assert marks.count("deleted") == 309
    assert marks.count("deprecated") == 71
    assert codes["NPR"] == {"status": "deprecated"}
    assert codes["KGM"] == {}
    assert "TJO" not in codes  # an EU supplementary unit, not a Rec 20 code


def test_rec21_and_rec19_and_uncl1001_hold_what_their_sources_say() -> None:
    rec21 = read_codes("rec21.txt")
    assert rec21["SX"] == {"status": "deleted"}
    assert sum(1 for a in rec21.values() if a) == 1
    assert list(read_codes("rec19.txt")) == [str(i) for i in range(10)]
    uncl = read_codes("uncl1001.txt")
    assert {"2", "18", "271", "355", "851", "853", "861", "935"} <= set(uncl)
    assert all(re.fullmatch(r"\d{1,3}", c) for c in uncl)


def test_country_overlay_holds_the_customs_codes() -> None:
    expected = {"XC", "XK", "XL", "XS"} | {f"Z{c}" for c in "BCDEFGHJKLNSU"}
    assert set(read_codes("country-overlay.txt")) == expected


def test_customs_country_list_holds_iso_and_the_customs_codes() -> None:
    import pycountry

    codes = read_codes("country-codes.txt")
    assert {c.alpha_2 for c in pycountry.countries} <= set(codes)
    customs = {"XI", "XC", "XL", "XK", "XS", "EU"} | {f"Q{c}" for c in "PQRSUVWXYZ"}
    assert set(codes) - {c.alpha_2 for c in pycountry.countries} == customs
    assert codes["XI"] == {"regime": "EEC", "from": "2021-01-01"}
    assert codes["QP"]["from"] == "2013-01-01"
    assert codes["HU"] == {"regime": "EEC"}
    assert codes["TR"] == {"regime": "TOC"}


def test_iso4217_marks_withdrawals_and_non_currencies() -> None:
    codes = read_codes("iso4217.txt")
    assert codes["VED"] == {} and codes["ZWG"] == {} and codes["XCG"] == {}
    assert codes["BGN"] == {"to": "2026-01-31"}
    assert codes["HRK"] == {"to": "2023-01-31"}
    assert codes["ZWL"] == {"to": "2024-09-30"}
    assert codes["TRL"] == {"to": "2005-12-31"}
    kinds = {c: a["kind"] for c, a in codes.items() if "kind" in a}
    assert {c for c, k in kinds.items() if k == "metal"} == {"XAU", "XAG", "XPD", "XPT"}
    assert {c for c, k in kinds.items() if k == "fund"} == {
        "BOV",
        "CHE",
        "CHW",
        "CLF",
        "COU",
        "MXV",
        "USN",
        "UYI",
    }
    assert kinds["XTS"] == "test" and kinds["XXX"] == "none"
    assert {"XDR", "XUA", "XSU", "XAD"} <= {c for c, k in kinds.items() if k == "unit"}
    # every line is a current code, a withdrawn one with its last day, or a non-currency
    assert all(set(a) <= {"to"} or set(a) == {"kind"} for a in codes.values())
