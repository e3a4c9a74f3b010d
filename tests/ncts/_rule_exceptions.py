"""The messages of the NCTS test pack that break an NCTS rule or condition as DDNTA
Appendix Q2 (5.15.2) words it, with the rule text that decides each: the corpus tests
expect exactly these error findings from the ``TRANSIT-<id>`` rules. The placeholders are
filled as :mod:`_ncts_support` fills them (``preparationDateAndTime`` 2025-03-01, after
the transitional period)."""

from __future__ import annotations

import re
from pathlib import Path

#: A rule of the NCTS rules and conditions.
OURS = re.compile(r"TRANSIT-[CR][0-9]{4}$")

#: The UK test pack was written for NCTS Phase 5's transitional period, when B1893 wants no
#: place of loading without security data. From 21 January 2025, after TPendDate, C0403 holds:
#: "IF <TRANSIT OPERATION.Additional declaration type> is EQUAL to "D" THEN
#: <CONSIGNMENT-PLACE OF LOADING> = "O" ELSE <CONSIGNMENT-PLACE OF LOADING> = "R"" (and
#: B2101: "/*/Consignment/PlaceOfLoading = "R"" after TPendDate). Every standard (A)
#: declaration of the pack lacks the place of loading.
NO_PLACE_OF_LOADING = (
    *("agb1", "angb1", "angbt1", "anxi1", "anxit1", "asgb1", "asgb2", "asgb3", "asgb4"),
    *("asgb5", "asgbt1", "asxi1", "asxi2", "asxi3", "asxi4", "asxi5", "asxit1", "axi1"),
    *("dngb1", "dngb4", "dngb5", "dngb6", "dngb7", "dngb8", "dngb9", "dngb10"),
    *("dngb10_ie013", "dngbt1", "dngbt2", "dngbt3", "dngbt4", "dngbt5", "dngbt6", "dngbt7"),
    *("dngbt8", "dnxi1", "dnxi4", "dnxi5", "dnxi6", "dnxi7", "dnxi8", "dnxi9", "dnxi10"),
    *("dnxi11", "dnxi11_ie013", "dnxit1", "dnxit2", "dnxit3", "dnxit4", "dnxit5", "dnxit6"),
    *("dnxit7", "dnxit8", "dsgb1", "dsgb4", "dsgb5", "dsgb6", "dsgb7", "dsgb8", "dsgb9"),
    *("dsgb10", "dsgb10_ie013", "dsgbt1", "dsgbt2", "dsgbt3", "dsgbt4", "dsgbt5", "dsgbt6"),
    *("dsgbt7", "dsgbt8", "dsxi1", "dsxi4", "dsxi5", "dsxi6", "dsxi7", "dsxi8", "dsxi9"),
    *("dsxi10", "dsxi10_ie013", "dsxit1", "dsxit2", "dsxit3", "dsxit4", "dsxit5", "dsxit6"),
    *("dsxit7", "dsxit8", "psgb3_ie013"),
)

#: (message, rule) pairs where the message breaks the rule as written.
EXCEPTIONS: frozenset[tuple[str, str]] = frozenset(
    [
        *((name, "C0403") for name in NO_PLACE_OF_LOADING),
        # C0826: "IF <CONSIGNMENT.Inland mode of transport> is EQUAL to '5' THEN
        # <CONSIGNMENT-DEPARTURE TRANSPORT MEANS> = "N" AND <CONSIGNMENT-HOUSE
        # CONSIGNMENT-DEPARTURE TRANSPORT MEANS> = "N"" (and B1891, the transitional form,
        # says the same): these give inland mode 5 and two departure means (types 30, 31).
        # R0855: with a mode other than 3 (road) or 2 (rail) "the multiplicity of
        # <CONSIGNMENT-DEPARTURE TRANSPORT MEANS> ... is '1x'" (B1890 alike).
        *((name, "C0826") for name in ("dngbt2", "dnxit2", "dsgbt2", "dsxit2")),
        *((name, "R0855") for name in ("dngbt2", "dnxit2", "dsgbt2", "dsxit2")),
        # C0542: "IF <CONSIGNMENT-CONSIGNOR> is PRESENT THEN <CONSIGNMENT-HOUSE
        # CONSIGNMENT-CONSIGNOR> = "N"" (in the transitional period E1301: the house
        # consignment's consignor "shall not be used"): these give the consignor on both.
        *((name, "C0542") for name in ("dngbt7", "dnxit7", "dsgbt7", "dsxit7")),
        # C0001: in every branch "IF <CONSIGNMENT-CONSIGNEE> is PRESENT THEN
        # <CONSIGNMENT-HOUSE CONSIGNMENT-CONSIGNEE> = "N"" (E1301 alike): these give the
        # consignee on both.
        *((name, "C0001") for name in ("dngbt7", "dnxit7", "dsgbt7", "dsxit7")),
        # R0221: "IF <...PACKAGING.Number of packages> is EQUAL to '0' THEN for THIS
        # CONSIGNMENT ITEM <...GOODS MEASURE.Gross mass> is EQUAL to '0'"; R0364: "THEN for
        # THIS HOUSE CONSIGNMENT at least one other CONSIGNMENT ITEM must exist with (the
        # same <...Shipping marks> AND with <...Number of packages> having a value GREATER
        # than '0' ...)": every item of these counts 0 packages and 1,000 kg (B1860 and
        # B1964 switch both off until TPendDate).
        *((name, "R0221") for name in ("dngbt8", "dnxit8", "dsgbt8", "dsxit8")),
        *((name, "R0364") for name in ("dngbt8", "dnxit8", "dsgbt8", "dsxit8")),
        # C0502: "IF <CONSIGNMENT.Reference number UCR> is PRESENT THEN ... <CONSIGNMENT-
        # HOUSE CONSIGNMENT-CONSIGNMENT ITEM.Reference number UCR> = "N"" (B1895 alike):
        # these repeat the consignment's UCR AB1234 on the goods item.
        *((name, "C0502") for name in ("dngbt1", "dnxit1", "dsgbt1", "dsxit1")),
        # C0822: "IF <TRANSIT OPERATION.Additional declaration type> is EQUAL to 'D' THEN
        # <CONSIGNMENT.Container indicator> = "O" ELSE ... = "R"" (the IE013 table attaches
        # it too): this amendment turns the pre-lodged declaration into type A and gives no
        # container indicator.
        ("psgb3_ie013", "C0822"),
        # C0823: "IF <CONSIGNMENT.Container indicator> is EQUAL to '1' THEN
        # <CONSIGNMENT-TRANSPORT EQUIPMENT> = "R"", with no exception for pre-lodged
        # declarations: these pre-lodged (D) messages say 1 and give no transport equipment.
        *((name, "C0823") for name in ("pngb1", "pngb2", "pngb3", "pngb3_ie013", "pngb4")),
    ]
)


def corpus_name(path: Path) -> str:
    """A corpus message's short name: ``dngbt1``, ``psgb3_ie013``."""
    stem = path.name.split("_")[0]
    return f"{stem}_ie013" if "_ie013_" in path.name else stem


def expected(path: Path, rule: str | None) -> bool:
    """Whether an error finding of ``rule`` on a corpus message is one listed here."""
    return rule is not None and (corpus_name(path), rule.removeprefix("TRANSIT-")) in EXCEPTIONS
