"""The example declarations in ``examples/`` against their manifest.

``examples/manifest.toml`` states, for every example file (the clean OTS declarations and
the single-fault variants in ``examples/faults/``), the verdict, each involved country's
verdict and the exact set of rule findings with the path each one points at. These tests
check the manifest against :func:`single_window.check`, check every example against the
bundled XSD with lxml directly, and resolve every fault finding's path in the file to
the element on the reported line.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
from conftest import EXAMPLES, REPO
from lxml import etree

import single_window as sw
from single_window._check import involved_countries
from single_window.rules import RuleSet
from single_window.rules._packs import BASELINE

MANIFEST = EXAMPLES / "manifest.toml"
PROFILE = REPO / "xsd" / "ots-profile.xsd"
OTS_MEMBERS = {"AZ", "TR", "UZ", "KZ", "KG"}


def load_manifest() -> list[dict[str, Any]]:
    with MANIFEST.open("rb") as fh:
        entries: list[dict[str, Any]] = tomllib.load(fh)["examples"]
    return entries


ENTRIES = load_manifest()
FAULTS = [e for e in ENTRIES if e["file"].startswith("faults/")]


def _id(entry: dict[str, Any]) -> str:
    return str(entry["file"])


def resolve(root: etree._Element, path: str) -> etree._Element:
    """The element a finding path (``/MetaData/Declaration/...[2]/ID``) names.

    Steps are local names, 1-based ``[n]`` picks the n-th same-named child; a bare step
    must name exactly one child; a last step ``@name`` (an attribute) names its element.
    """
    steps = [s for s in path.strip("/").split("/") if not s.startswith("@")]
    if etree.QName(root).localname != steps[0]:
        raise LookupError(f"{path}: the root is {etree.QName(root).localname}")
    node = root
    for step in steps[1:]:
        name, _, index = step.partition("[")
        children = [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]
        if index:
            position = int(index.rstrip("]"))
            if not 1 <= position <= len(children):
                raise LookupError(f"{path}: no {step} (found {len(children)})")
            node = children[position - 1]
        else:
            if len(children) != 1:
                raise LookupError(f"{path}: {len(children)} elements match {step}")
            node = children[0]
    return node


@pytest.fixture(scope="module")
def profile() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(PROFILE)))


def test_the_manifest_lists_every_example_file_once() -> None:
    on_disk = {str(p.relative_to(EXAMPLES)) for p in EXAMPLES.rglob("*.xml")}
    listed = [e["file"] for e in ENTRIES]
    assert len(listed) == len(set(listed))
    assert set(listed) == on_disk


def test_there_is_a_clean_import_for_every_country_with_a_pack() -> None:
    countries = set(RuleSet.bundled().countries)
    assert countries >= OTS_MEMBERS | {"HU", "TM", "GE"}
    for country in countries:
        entry = next(e for e in ENTRIES if e["file"] == f"{country.lower()}-import.xml")
        assert entry["verdict"] == "accept"
        assert entry["findings"] == []
        decl = sw.parse(EXAMPLES / entry["file"])
        assert decl.metadata is not None
        assert decl.metadata.responsible_country_code is not None
        assert decl.metadata.responsible_country_code.value == country


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_example_checks_as_its_manifest_says(entry: dict[str, Any]) -> None:
    report = sw.check(EXAMPLES / entry["file"])
    assert report.verdict.value == entry["verdict"]
    assert {c: v.verdict.value for c, v in report.countries.items()} == entry["countries"]
    got = {(f.rule, f.country, f.severity.value, f.path) for f in report.findings}
    want = {(f["rule"], f.get("country"), f["severity"], f["path"]) for f in entry["findings"]}
    assert got == want
    assert len(report.findings) == len(entry["findings"])


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_example_is_valid_against_the_bundled_xsd(
    entry: dict[str, Any], profile: etree.XMLSchema
) -> None:
    doc = etree.parse(str(EXAMPLES / entry["file"]))
    result = sw.validate(EXAMPLES / entry["file"])
    if result.format == "wco":
        assert profile.validate(doc), profile.error_log
    else:  # an NCTS twin: valid against its own schema (the format's), checked below
        assert (result.format, result.version) == ("ncts", "5")
    assert result.ok
    assert result.findings == []


@pytest.mark.parametrize("entry", FAULTS, ids=_id)
def test_fault_variant_breaks_exactly_one_rule_of_a_clean_base(entry: dict[str, Any]) -> None:
    base = next(e for e in ENTRIES if e["file"] == entry["base"])
    assert base["findings"] == []
    assert base["verdict"] == "accept"
    assert len(entry["findings"]) == 1
    finding = entry["findings"][0]
    bundled = {r.id for r in RuleSet.bundled().rules()}
    assert finding["rule"] in bundled
    assert finding["rule"] in entry["breaks"]
    country = finding.get("country")
    expected = "reject" if finding["severity"] == "error" else "accept"
    assert entry["verdict"] == expected
    if country is None:
        # A country-neutral rule: no country's own verdict changes.
        neutral = {r.id for r in RuleSet.bundled().packs[BASELINE].specs}
        assert finding["rule"] in neutral
    else:
        assert finding["rule"].startswith(f"{country}-")
        assert entry["countries"][country] == expected
    # Every other country on the route still accepts its part.
    others = {c: v for c, v in entry["countries"].items() if c != country}
    assert set(others.values()) <= {"accept"}
    # The route is the base's, plus any country the fault puts on it.
    adds = set(entry.get("adds", []))
    assert not adds & set(base["countries"])
    assert set(entry["countries"]) == set(base["countries"]) | adds


@pytest.mark.parametrize("entry", FAULTS, ids=_id)
def test_fault_finding_points_at_the_faulty_element_and_its_line(entry: dict[str, Any]) -> None:
    path = EXAMPLES / entry["file"]
    root = etree.parse(str(path)).getroot()
    report = sw.check(path)
    assert report.findings
    for finding in report.findings:
        assert finding.path is not None
        element = resolve(root, finding.path)
        assert finding.line == element.sourceline
    expected_paths = {f["path"] for f in entry["findings"]}
    assert {f.path for f in report.findings} == expected_paths


def test_fault_paths_name_the_element_that_differs_from_the_base() -> None:
    # For the value faults (a code or ID replaced, or a value added) the element the
    # finding points at has different text in the fault variant than in its clean base,
    # or is not in the base at all.
    value_faults = 0
    for entry in FAULTS:
        root = etree.parse(str(EXAMPLES / entry["file"])).getroot()
        base = etree.parse(str(EXAMPLES / entry["base"])).getroot()
        for finding in entry["findings"]:
            element = resolve(root, finding["path"])
            if len(element) != 0:
                continue
            try:
                before = resolve(base, finding["path"]).text
            except LookupError:
                before = None
            if element.text != before:
                value_faults += 1
    assert value_faults >= 8


def test_the_middle_corridor_is_one_declaration_checked_by_five_countries() -> None:
    decl = sw.parse(EXAMPLES / "middle-corridor.xml")
    roles = {c: sorted(r.value for r in rs) for c, rs in involved_countries(decl).items()}
    assert roles == {
        "UZ": ["declaring", "export"],
        "KZ": ["transit"],
        "AZ": ["transit"],
        "GE": ["transit"],
        "TR": ["destination"],
    }
    report = sw.check(EXAMPLES / "middle-corridor.xml")
    assert report.verdict is sw.Verdict.ACCEPT
    assert set(report.countries) == {"UZ", "KZ", "AZ", "GE", "TR"}
    assert report.findings == []
    assert len(decl.goods_items) == 3


def test_the_kazakh_veterinary_rule_speaks_for_a_transit_country() -> None:
    report = sw.check(EXAMPLES / "faults" / "middle-corridor-kz-vet-certificate.xml")
    (finding,) = report.findings
    assert (finding.rule, finding.country, finding.agency) == (
        "KZ-VET-CERTIFICATE",
        "KZ",
        "veterinary",
    )
    item = "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[3]"
    assert finding.path == f"{item}/Commodity/Classification[1]/ID"
    assert report.countries["KZ"].warnings == 1


TRANSIT_ROUTES = {
    "middle-corridor-tir.xml": (
        "TIR",
        {
            "UZ": ["declaring", "departure", "export"],
            "KZ": ["transit"],
            "AZ": ["transit"],
            "GE": ["transit"],
            "TR": ["destination"],
        },
    ),
    "eaeu-transit.xml": (None, {"KG": ["declaring", "departure"], "KZ": ["destination"]}),
    "tr-ge-t1.xml": ("T1", {"TR": ["declaring", "departure"], "GE": ["destination"]}),
}


@pytest.mark.parametrize("name", sorted(TRANSIT_ROUTES))
def test_transit_examples_give_each_country_its_roles_in_route_order(name: str) -> None:
    transit_type, roles = TRANSIT_ROUTES[name]
    decl = sw.parse(EXAMPLES / name)
    assert decl.kind == "transit"
    assert decl.transit_type == transit_type
    report = sw.check(EXAMPLES / name)
    assert report.declaration is not None
    assert report.declaration.kind == "transit"
    assert {c: sorted(v.roles) for c, v in report.countries.items()} == {
        c: sorted(r) for c, r in roles.items()
    }
    assert list(report.route) == list(roles)


@pytest.mark.parametrize(
    ("name", "rule"),
    [("tr-ge-t1.xml", "TR-HS-LENGTH"), ("middle-corridor-tir.xml", "UZ-HS-LENGTH")],
)
def test_national_import_rules_do_not_judge_a_transit_declaration(name: str, rule: str) -> None:
    # The declaring country's commodity code length (12 digits in Turkiye, 10 in
    # Uzbekistan) is for imports and exports: the 6-digit HS subheadings of the transit
    # examples pass. The same declaration as an import fails it.
    xml = (EXAMPLES / name).read_bytes()
    report = sw.check(xml, explain=True)
    assert report.explanation is not None
    (outcome,) = [o for o in report.explanation if o.rule == rule]
    assert outcome.status == "not-applicable"
    assert "transit" in outcome.reason
    as_import = re.sub(rb"<TypeCode>[A-Z0-9]+</TypeCode>", b"<TypeCode>IM</TypeCode>", xml, count=1)
    assert rule in {f.rule for f in sw.check(as_import).findings}


def test_a_numbered_eaeu_office_leaves_the_finding_at_the_country_the_route_read() -> None:
    # EAEU offices are numbers and name no country: the route takes the destination from
    # GoodsShipment/Destination and the departure from the declaring country, and a
    # finding about either country points there, not at the office number.
    xml = (EXAMPLES / "eaeu-transit.xml").read_bytes()
    to_az = xml.replace(
        b"<CountryCode>KZ</CountryCode>\n      </Destination>",
        b"<CountryCode>AZ</CountryCode></Destination>",
    )
    # (The route from Kazakhstan to Azerbaijan also crosses the Caspian without a sea leg:
    # TRANSIT-CASPIAN-LEG warns as well.)
    findings = sw.check(to_az).findings
    assert sorted(f.rule for f in findings) == ["TRANSIT-CASPIAN-LEG", "TRANSIT-EAEU-COUNTRIES"]
    (finding,) = [f for f in findings if f.rule == "TRANSIT-EAEU-COUNTRIES"]
    assert finding.path == "/MetaData/Declaration/GoodsShipment/Destination/CountryCode"
    assert finding.value == "AZ"
    from_tr = xml.replace(b"<md:ResponsibleCountryCode>KG<", b"<md:ResponsibleCountryCode>TR<")
    found = [f for f in sw.check(from_tr).findings if f.rule == "TRANSIT-EAEU-COUNTRIES"]
    assert [(f.path, f.value) for f in found] == [("/MetaData/ResponsibleCountryCode", "TR")]


def test_resolve_rejects_a_path_that_is_not_in_the_document() -> None:
    root = etree.parse(str(EXAMPLES / "tr-import.xml")).getroot()
    with pytest.raises(LookupError):
        resolve(root, "/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]")
    with pytest.raises(LookupError):
        resolve(root, "/Declaration/GoodsShipment")
