"""The shipped code-list data is what its pinned source gives: same source file (commit and
SHA-256), same number of codes, same codes (a digest of them, descriptions included), and
each update script pins the same source. Changing a data file without changing these pins
fails here on purpose."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from single_window._refdata._datafile import read_codes, read_descriptions, read_header

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
    "hs2017-names.txt": (
        "hs.py",
        "a72bef25b2749cd04a824b8b46b71c89e566b4bb",
        "cdc9a537622feeb8c872f8e7c3bc279170180cf3eec010ed658ff98a44063fa2",
        6705,
    ),
    "hs2022-names.txt": (
        "hs.py",
        "905e5a0fa29f5700d62cb3cc1265f21bc8a92329",
        "e77ee9e1cfd15a42d1fadeb2c0618d10f6b9ed9aec0e5d66826dc7ef9d3126a5",
        6936,
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

#: The NCTS code lists (scripts/update/ncts.py): file -> (code count, digest of its lines).
#: All come from the CS/RD2 NCTS-P5 snapshot of 12 Feb 2025 but CL027 and CL060 (tcl.xsd).
NCTS_PAYLOAD = (
    "2d36532667004317aaaf8b33cfb9f6c9f1d252b5",
    "d0dd55990335a3233706c32f9928eaeb66e7c7468b7c00064f7c54e414bc2100",
)
NCTS_TCL = (
    "68a8209b8e2265a6e4d08df09849b3b5aa59f3a1",
    "484e3600463b67144fb218f016081482ba41ed51d0db11abe1b417d1fa584e2f",
)
NCTS = {
    "ncts-cl009.txt": (55, "ae00995b6621d889e0a6d60d3099b3db3192f7c6640caadf3efe2a6b15687748"),
    "ncts-cl010.txt": (36, "0d61090068690d9f34fc7038a3277256d26d44ec0b079364a2a56efb88378b01"),
    "ncts-cl016.txt": (57362, "0394d700837aa5ca60c11b26cd979a67fb8093971ee731466abbee6e716f7e1d"),
    "ncts-cl017.txt": (406, "10db0dd5b3610037eeab11c093229dfc604e637aae34c0a7d8894f850e38c42e"),
    "ncts-cl027.txt": (2, "52e51cc2d740e9a49b6688c1a94313a0de999d46e69c911a132d980947185c89"),
    "ncts-cl042.txt": (2, "f56914f100e460381b9b9854254bdd7ded6ba60707c93a3ff03306d56698c251"),
    "ncts-cl048.txt": (16, "0b6d43ddcde448b524c860c358c4856200a5ffb4305dbdfa746468da5441662a"),
    "ncts-cl060.txt": (91, "50df8711265f93e1f378e231e65f6a001425c999118bcdd80a754264ddd4be9a"),
    "ncts-cl076.txt": (7, "22c094bebaea2be4636d2e51d95f2994ad8179c54fceb1aa7222e73f53098435"),
    "ncts-cl094.txt": (1, "6446b58fa1ea265a39069b09c8790785e44d7c00450a8b87ee7db4d7c98b3c62"),
    "ncts-cl101.txt": (2336, "b1825c0bf03f675414431dc7657a011f61b52ee0e7b74bd209ae64a9dc831db4"),
    "ncts-cl112.txt": (11, "bbad353c759456f95a871b9a6aeabc3197af295578cb90a64337f9df8b63504b"),
    "ncts-cl116.txt": (7, "7b4cb6ee70671a9f8cbde2be83773cd8cf40982d2b1a6c72a97e2b69ad0c9335"),
    "ncts-cl147.txt": (41, "51b525c1c6b4b7b7559e3fdb3238e63a3555ce092b33b46031073708eb335596"),
    "ncts-cl152.txt": (5717, "7c8e4c7aab6205e2eed5523757d10a893ea534f23bcf95811aa8dd0721f57004"),
    "ncts-cl165.txt": (244, "35d0676b3d57f5e9659249c44df53b1e26e2326c601006f2cb8e42e79a52c58d"),
    "ncts-cl178.txt": (4, "7bb8ba6495dd9083cffc7931e941a629f89e358752441f48c4d6dc4e54a66c76"),
    "ncts-cl181.txt": (7, "7d65b425941f896d0374e2368dbd2bd44ac766740579eba66036e468861e8b29"),
    "ncts-cl182.txt": (3, "9bec8dab8daca54ba0eea924ba791e1c460191a4d3a01d7aa7dd210a8be34955"),
    "ncts-cl190.txt": (3, "f99576a851a556672666e0a99a323a909b4d1073e70f8cd8ba3aff1bebc27128"),
    "ncts-cl198.txt": (2, "2adeef18eb402257cbdc8aa7dd0fbfb0867ed997e5328b90b7623ad7452f5189"),
    "ncts-cl213.txt": (37, "69944b931cd6399d50b2a45a31c045be17d04f64f34358972877eef204fd212a"),
    "ncts-cl214.txt": (35, "5eb86d786351d10c99e70ee072fd6b645df843b418dd550a5e4225ca29312b66"),
    "ncts-cl217.txt": (4, "4100824e90f8ad1520adc2d4e2a222d4a32b47771a3550bf0c79d03ba20bca72"),
    "ncts-cl218.txt": (8, "cd02441b9b8e1b8a66ee499e9049e2c15c7c21c907300a93e026eb496ad21a47"),
    "ncts-cl219.txt": (9, "65ffb6a47169478fe12ff67651e2f9cc4c2edb68ba26da034133d3af486596fd"),
    "ncts-cl228.txt": (1, "3a4b004e76beb9ccd2ecd3fdf5d602690403307431649c1b121db30ec9fa9caf"),
    "ncts-cl229.txt": (10, "bb08ab95b9f422236d820fcc76eebc35b0c42ea75af0f1efdff6241770f2465d"),
    "ncts-cl230.txt": (9, "907047cd8652c4eb6af47f4b071c9f468ee25c5309e250ccda48039f298c970f"),
    "ncts-cl231.txt": (6, "9351c589e53f42a383cf4cfad228efe555099fa356e5594f22eb9c92a5462950"),
    "ncts-cl232.txt": (4, "0f47b8e259fd80100eae2e276088ea61fac087d1b5f1b09b541e8a7aa17b9719"),
    "ncts-cl234.txt": (2, "2e955e93dd4c011b305d58236bf8da71a6bd37587082491ee84e4ed7ef48a797"),
    "ncts-cl235.txt": (3, "a700ac813c2df332c1b9632c3c81a37f9ace60b877a7a3728686602d9e244a88"),
    "ncts-cl239.txt": (8, "5fa0494186a18e7ceb8a3d0023149bd210e0f598cc4799c557673aa765a1607c"),
    "ncts-cl248.txt": (255, "3e14162a1c8b1fb76e33263e0a4a37eb6be5b75a40517a0b13d1f3a7f6b299ae"),
    "ncts-cl251.txt": (12, "99a00fd2602ad5ac52bfa12cf3740e912600197f33646315f7a372afb1665cfa"),
    "ncts-cl286.txt": (5, "5420a0db4bdbbbf21abf95482518529c8d0d4798541c489f055fd9981f0f0cc7"),
    "ncts-cl296.txt": (2, "ded3c3b89ac2ce89ca2133157ae0c706dd079c9ae34354fe40c040d5fd6809e8"),
    "ncts-cl326.txt": (7, "292b97cffa4b68eb0165ccb07513f73255399eb6b55387804a32573835b956e4"),
    "ncts-cl347.txt": (4, "2c0f1ef33be60613d8af8c9c8084d349f40864a3668274f410406992620fadec"),
    "ncts-cl349.txt": (73, "f0f9c2261164ecb6ace35b990f29da2a565743ff11a898ffc4bfe81975071e79"),
    "ncts-cl380.txt": (71, "3fdd591809dc4d505d5f111534d4861988312c6964758aedeb12b2327caaee50"),
    "ncts-cl505.txt": (55, "8151bbf8f22307fde5dd82dda4a9307d4383bae66dc637d2dfd74cd2224a40e5"),
    "ncts-cl704.txt": (4, "ccbfa5814cb5e47fe91f8919f42f63b547e7aa84f63f2b115925824b826e5c32"),
    "ncts-cl750.txt": (11, "1bb36d18e9464ab156b07831add5baecb8ada8646e16811ed79dc147983b8fbb"),
    "ncts-cl754.txt": (16, "cef3836c97f4b53d813c2c6899805e76447e9313199b171a324a94008c7e27c9"),
}
for _name, (_count, _digest) in NCTS.items():
    _source = NCTS_TCL if _name in ("ncts-cl027.txt", "ncts-cl060.txt") else NCTS_PAYLOAD
    PINS[_name] = ("ncts.py", *_source, _count)

#: SHA-256 of each file's code lines (code and attributes, joined by newlines): the codes
#: themselves cannot drift either.
DIGESTS = {
    "hs2017.txt": "bf46aa939c5d48d173f9c46115fe4d787572f894ca89bacfa61a3399e37c9117",
    "hs2022.txt": "f4ad2f09c49db819e0a3e2b6115a9cc73e7c45c87e51949774d40ce0ac2b837f",
    "hs2017-names.txt": "e5c50555bbcebc577ba72bbb142a34485215ed5d1f9dd0dc1c6b86643ad385e1",
    "hs2022-names.txt": "67ad8006de155cceab97c4042bd023be994d796a3b9f92143ed2332427cfa188",
    "rec20.txt": "e49b6da3a0e5d36a44d4b39dce8695ff58fceb86d5b6dc2c45db0a34363bd410",
    "rec21.txt": "b5a9b5fe284473c475b63edf0d71087d76c9527e8d2894dc2a1f908381d7e153",
    "rec19.txt": "ac6feac82d94de2560c26831bd1203ae18ed25a74825c76f987881eb70469b21",
    "uncl1001.txt": "36ab387d7af3b23f9bbf6827ef0355e736f27d1a7297e56103df36a661451d2e",
    "country-overlay.txt": "783ef2574dfe781a41f086713ffab7c5b6a1e164ecccdb98c1950e730106bc94",
    "country-codes.txt": "e76d0e63a115218026c454185fab248e9051a60066742ae69417529122bb3dd3",
    "iso4217.txt": "4b4ffbcd660716a8ae5b8d068b5e6502e359d84d3f02b90644987473eedd06d2",
    **{name: digest for name, (_, digest) in NCTS.items()},
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


@pytest.mark.parametrize(
    "name",
    [
        "rec19.txt",
        "rec20.txt",
        "rec21.txt",
        "uncl1001.txt",
        "iso4217.txt",
        "country-codes.txt",
        "country-overlay.txt",
    ],
)
def test_every_code_carries_the_name_its_source_gives(name: str) -> None:
    names = read_descriptions(name)
    assert set(names) == set(read_codes(name))
    assert all(text == " ".join(text.split()) for text in names.values())


def test_names_are_the_sources_words() -> None:
    assert read_descriptions("rec20.txt")["KGM"] == "kilogram"
    assert read_descriptions("rec20.txt")["NPR"] == "number of pairs"  # deprecated, named
    assert read_descriptions("rec21.txt")["BX"] == "Box"
    assert read_descriptions("rec19.txt")["3"] == "Road transport"
    assert read_descriptions("uncl1001.txt")["853"] == "Veterinary certificate"
    assert read_descriptions("iso4217.txt")["HRK"] == "Kuna"  # its last List Three name
    assert read_descriptions("iso4217.txt")["TRY"] == "Turkish Lira"  # List One's, not "New"
    assert read_descriptions("country-codes.txt")["XI"] == "United Kingdom (Northern Ireland)"
    assert read_descriptions("country-codes.txt")["QP"] == "High seas"
    assert read_descriptions("country-overlay.txt")["ZB"].endswith("Belgian Sector")


@pytest.mark.parametrize("year", ["2017", "2022"])
def test_hs_names_cover_every_subheading_heading_and_chapter(year: str) -> None:
    names = read_descriptions(f"hs{year}-names.txt")
    assert set(names) == set(read_codes(f"hs{year}-names.txt"))
    subheadings = set(read_codes(f"hs{year}.txt"))
    assert {c for c in names if len(c) == 6} == subheadings
    assert {c[:4] for c in subheadings} <= set(names)
    assert {c[:2] for c in subheadings} <= set(names)
    assert {len(c) for c in names} == {2, 4, 6}
    assert not {"99", "9999", "999999"} & set(names)
    assert read_header(f"hs{year}-names.txt")["edition"] == [f"HS {year}"]
