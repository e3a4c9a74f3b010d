"""Every coded value in the shared corpus and in ``examples/`` is in its list on the
declaration's date, except the values listed in ``OUTSIDE`` with the evidence for each.

Values read: every ``...CountryCode`` element and ``ExportCountry/ID`` (country), every
``currencyID`` (currency), every ``unitCode`` (unit), ``Packaging/TypeCode`` (package type),
every ``ModeCode`` (transport mode) and the first six digits of each commodity code
(``Classification/ID`` whose ``IdentificationTypeCode`` is ``TSP``, the UK's commodity
code, or ``HS``). The date is the declaration's ``IssueDateTime``; a declaration without
one is judged on today's date, as the rule engine does. The files are read with lxml, not
the model, so this test does not depend on how the model names fields.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import EXAMPLES, corpus_files, require_corpus
from lxml import etree

from single_window import codelists

#: Corpus values outside their list, with the evidence. They are the UK's, not errors of
#: the lists: a country-neutral check must leave them to a national pack (or the UK's
#: composite "unit#qualifier" form must be split before the unit is checked).
OUTSIDE: dict[tuple[str, str], str] = {
    ("unit", "KGM#G"): "UK CDS writes a measurement unit qualifier after '#' (DE 8/7 "
    "writing-off quantity, e.g. TT_EX004a); KGM is Rec 20, 'KGM#G' as a whole is not",
    ("unit", "TNE#I"): "the same UK 'unit#qualifier' form, DE 4/4 tax base (TT_IM157a)",
    ("unit", "GBP"): "UK DE 4/4 tax base 'GBP' for a manual duty calculation (comment in "
    "TT_IM050a, TT_IM134a, ...): a currency used as a national tax-base unit",
    ("unit", "ASV"): "UK/EU tariff unit '% vol' for alcoholic strength by volume (comment in "
    "TT_IM019a, TT_IM031a, ...); Rec 20's code for it is ASU",
    ("unit", "GP1"): "UK tax-base unit 'gross annual production' (comment in TT_IM019a)",
    ("unit", "KTC"): "UK tax-base unit for e-cigarette liquid (comment in TT_IM189a)",
    ("hs", "970200"): "HS 2017 subheading 9702.00 (original engravings, prints and "
    "lithographs), split in HS 2022 into 9702.10 and 9702.90; TT_IM068a, TT_IM077a, "
    "TT_IM079a, TT_IM124a (which refers to a 2024 document) and TT_IM168a carry no date, so "
    "they are judged on today's date, when HS 2022 applies",
}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def declaration_date(tree: etree._ElementTree) -> date:
    """The issue date (formats 102 and 304 both start with YYYYMMDD), else today (UTC)."""
    stamps = tree.xpath(
        "//*[local-name()='Declaration']/*[local-name()='IssueDateTime']"
        "/*[local-name()='DateTimeString']/text()"
    )
    if stamps:
        return datetime.strptime(str(stamps[0]).strip()[:8], "%Y%m%d").date()
    return datetime.now(UTC).date()


def coded_values(tree: etree._ElementTree) -> Iterator[tuple[str, str]]:
    """``(list name, value)`` for every coded value this test reads."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        name = _local(el)
        parent = el.getparent()
        text = (el.text or "").strip()
        if name.endswith("CountryCode") or (
            name == "ID" and parent is not None and _local(parent) == "ExportCountry"
        ):
            yield "country", text
        elif name == "ModeCode":
            yield "transport-mode", text
        elif name == "TypeCode" and parent is not None and _local(parent) == "Packaging":
            yield "package-type", text
        elif name == "Classification":
            kind = el.findtext("{*}IdentificationTypeCode")
            code = el.findtext("{*}ID")
            if kind in ("TSP", "HS") and code:
                yield "hs", code.strip()
        if "currencyID" in el.attrib:
            yield "currency", str(el.get("currencyID"))
        if "unitCode" in el.attrib:
            yield "unit", str(el.get("unitCode"))


def outside(paths: list[Path]) -> tuple[dict[tuple[str, str], list[str]], int, int]:
    """Values outside their list -> the files; and how many values were judged / not."""
    found: dict[tuple[str, str], list[str]] = {}
    judged = unjudged = 0
    for path in paths:
        try:
            tree = etree.parse(str(path))
        except etree.XMLSyntaxError:
            continue
        on = declaration_date(tree)
        for name, value in coded_values(tree):
            if name == "hs":
                answer = codelists.check_commodity(value, on)
                key = (name, value[:6])
            else:
                answer = codelists.check(name, value, on)
                key = (name, value)
            if not answer.judged:
                unjudged += 1
                continue
            judged += 1
            if not answer.ok:
                found.setdefault(key, []).append(path.name)
    return found, judged, unjudged


def test_corpus_values_are_in_their_lists_or_known_outside() -> None:
    require_corpus()
    found, judged, unjudged = outside(corpus_files())
    assert judged > 2500, f"only {judged} values read; has the corpus layout changed?"
    if unjudged:
        # After 2027 an undated declaration has no HS edition: its HS values go unjudged.
        assert all(key[0] == "hs" for key in found), found
    unexplained = {key: files for key, files in found.items() if key not in OUTSIDE}
    assert not unexplained, f"corpus values outside their lists: {unexplained}"
    stale = set(OUTSIDE) - set(found)
    if not unjudged:
        assert not stale, f"listed as outside but no longer found: {sorted(stale)}"


#: The baseline's code-list rules and the list each judges.
CODE_LIST_RULES = {
    "WCO-COUNTRY-CODE": "country",
    "WCO-CURRENCY-CODE": "currency",
    "WCO-UNIT-CODE": "unit",
    "WCO-PACKAGE-TYPE": "package-type",
    "WCO-TRANSPORT-MODE": "transport-mode",
    "WCO-HS-SUBHEADING": "hs",
}


def test_example_values_are_all_in_their_lists() -> None:
    # Only a fault example that breaks a code-list rule holds a value outside that list.
    with (EXAMPLES / "manifest.toml").open("rb") as fh:
        entries = tomllib.load(fh)["examples"]
    breaking = {
        (CODE_LIST_RULES[f["rule"]], Path(e["file"]).name)
        for e in entries
        for f in e["findings"]
        if f["rule"] in CODE_LIST_RULES
    }
    assert len(breaking) >= 3
    paths = sorted(EXAMPLES.rglob("*.xml"))
    assert paths
    found, judged, _ = outside(paths)
    assert judged > 300
    got = {(key[0], name) for key, files in found.items() for name in files}
    assert got == breaking, f"example values outside their lists: {found}"


@pytest.mark.parametrize(("key", "why"), sorted(OUTSIDE.items()))
def test_each_known_outsider_is_really_outside(key: tuple[str, str], why: str) -> None:
    name, value = key
    assert why
    on = date(2024, 6, 1)
    answer = (
        codelists.check_commodity(value, on) if name == "hs" else codelists.check(name, value, on)
    )
    assert not answer.ok
    assert answer.judged
