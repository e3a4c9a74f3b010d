"""The coverage table of the NCTS rules and conditions lists every id the IE015 table
cites, and every id it calls implemented is a registered rule that cites it."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO

from single_window.rules import load_pack

#: The 99 rule and condition ids the IE015 (CC015C) table of DDNTA Appendix Q2 5.15.2 cites.
IE015_IDS = frozenset(
    [
        "C0001",
        "C0015",
        "C0030",
        "C0035",
        "C0045",
        "C0055",
        "C0060",
        "C0085",
        "C0086",
        "C0101",
        "C0130",
        "C0153",
        "C0186",
        "C0191",
        "C0250",
        "C0298",
        "C0337",
        "C0343",
        "C0382",
        "C0387",
        "C0394",
        "C0403",
        "C0411",
        "C0502",
        "C0505",
        "C0511",
        "C0531",
        "C0542",
        "C0569",
        "C0586",
        "C0587",
        "C0598",
        "C0599",
        "C0670",
        "C0671",
        "C0710",
        "C0806",
        "C0821",
        "C0822",
        "C0823",
        "C0826",
        "C0837",
        "C0839",
        "C0904",
        "C0909",
        "R0003",
        "R0005",
        "R0006",
        "R0007",
        "R0008",
        "R0020",
        "R0023",
        "R0060",
        "R0076",
        "R0100",
        "R0103",
        "R0106",
        "R0107",
        "R0165",
        "R0219",
        "R0220",
        "R0221",
        "R0223",
        "R0315",
        "R0318",
        "R0350",
        "R0352",
        "R0364",
        "R0416",
        "R0448",
        "R0472",
        "R0473",
        "R0474",
        "R0476",
        "R0506",
        "R0507",
        "R0601",
        "R0789",
        "R0840",
        "R0849",
        "R0850",
        "R0851",
        "R0855",
        "R0859",
        "R0900",
        "R0901",
        "R0904",
        "R0905",
        "R0906",
        "R0909",
        "R0911",
        "R0983",
        "R0987",
        "R0988",
        "R0990",
        "R0994",
        "R3060",
        "R3061",
        "R3062",
    ]
)
_ROW = re.compile(r"^\| ([CR][0-9]{4}) \| .* \| (.*) \|$", re.M)


def _rows() -> dict[str, str]:
    text = (REPO / "docs" / "reference" / "ncts-rules.md").read_text("utf-8")
    return dict(_ROW.findall(text))


def test_the_table_lists_exactly_the_ie015_ids() -> None:
    assert len(IE015_IDS) == 99
    assert set(_rows()) == IE015_IDS


def test_every_implemented_id_is_a_registered_rule_that_cites_it() -> None:
    pack = REPO / "single_window" / "packs" / "baseline.toml"
    registered = {r.id for r in load_pack(pack).rules}
    sources = {r["id"]: r["source"] for r in tomllib.loads(pack.read_text("utf-8"))["rules"]}
    implemented = {i: s for i, s in _rows().items() if s.startswith("implemented")}
    assert implemented
    for ident, status in implemented.items():
        named = re.findall(r"`([A-Z0-9-]+)`", status)
        assert named, ident
        for rule in named:
            assert rule in registered, (ident, rule)
            assert re.search(rf"\b{ident}\b", sources[rule]), (ident, rule)


def test_every_ncts_rule_of_the_pack_is_in_the_table() -> None:
    rows = _rows()
    pack = {r.id for r in load_pack(REPO / "single_window" / "packs" / "baseline.toml").rules}
    for rule in pack:
        if re.fullmatch(r"TRANSIT-[CR][0-9]{4}", rule):
            assert f"`{rule}`" in rows[rule.removeprefix("TRANSIT-")]


_COUNT = re.compile(
    r"^\| (implemented|needs national reference data|not a pre-lodgement check|"
    r"not implemented yet) \| ([0-9]+) \|$",
    re.M,
)
_KINDS = {
    "implemented": "implemented",
    "needs national reference data": "needs national reference data",
    "not a pre-lodgement check": "not a pre-lodgement check",
    "not implemented yet": "not implemented yet",
}


def test_the_counts_add_up_the_rows() -> None:
    text = (REPO / "docs" / "reference" / "ncts-rules.md").read_text("utf-8")
    counted = {kind: int(n) for kind, n in _COUNT.findall(text)}
    assert set(counted) == set(_KINDS)
    statuses = list(_rows().values())
    for kind, start in _KINDS.items():
        assert counted[kind] == sum(s.startswith(start) for s in statuses), kind
    assert sum(counted.values()) == len(IE015_IDS)
