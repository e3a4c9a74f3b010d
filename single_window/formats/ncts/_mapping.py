"""The NCTS mapping table, the documented losses and defaults, and the reference page
made from them (``docs/reference/ncts-mapping.md``, kept in step by ``python -m
single_window._docgen --check``).

:data:`mapping.tsv <ROWS>` holds one row per leaf of the CC015C (and CC013C) schemas,
Phases 5 and 6: the message path (no root, no indices), the canonical WCO element
(``Declaration/...`` or ``MetaData/...``), how the value gets there (``=`` the value at
that element; ``joined`` part of one canonical value; ``carried`` an attribute of a
sibling's value; ``turned`` said the other way round; ``derived`` a position, rebuilt;
``no home``), whether the element is of the national WCO structure or an OTS addition,
and the element's WCO id where the EU Customs Data Model gives one. The normalizer and
the conversion follow it; the tests hold every leaf of the schemas to it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple

__all__ = ["NCTS_LOSSES", "ROWS", "WCO_LOSSES", "Row", "documented_loss", "render_page", "rows"]


class Row(NamedTuple):
    """One leaf of the NCTS declaration and its canonical home.

    Attributes:
        ncts: Its path in the message, without the root and indices.
        only: ``P5 only`` (Phase 6 has no such element), ``CC013C`` (the amendment's
            own), or empty.
        wco: The canonical WCO element (empty for a position or a leaf with no home).
        how: ``=``, ``joined``, ``carried``, ``turned``, ``derived`` or ``no home``.
        home: ``WCO`` (the national WCO DM structure), ``OTS`` (a profile addition), or
            ``derived`` / ``no home``.
        wco_id: The WCO data element id (``D026``, ``R123``), where there is one.
        note: What else to know.
    """

    ncts: str
    only: str
    wco: str
    how: str
    home: str
    wco_id: str
    note: str


@cache
def rows() -> tuple[Row, ...]:
    """The mapping table's rows, read from ``mapping.tsv`` once."""
    text = resources.files(__package__).joinpath("mapping.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(Row(*line.split("\t")) for line in lines[1:])


ROWS = rows

#: CC015C leaves a conversion to WCO and back can lose, and when (message paths without
#: the root and indices; a path ending in ``/*`` stands for every leaf below it).
NCTS_LOSSES: tuple[tuple[str, str], ...] = (
    (
        "*/sequenceNumber (of the rows marked derived), "
        "Consignment/HouseConsignment/ConsignmentItem/goodsItemNumber",
        "positions: rebuilt as 1 to n in document order; a value that is not the element's "
        "position is lost (rule R0987 rejects such a message)",
    ),
    (
        "Guarantee/GuaranteeReference/currency",
        "kept only with amountToBeCovered (Phase 6 requires both)",
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/PreviousDocument/measurementUnitAndQualifier",
        "kept only with quantity",
    ),
    (
        "TransitOperation/amendmentTypeFlag",
        "a CC013C (amendment) is not converted: the flag has no WCO home",
    ),
    (
        "Consignment/HouseConsignment/ConsignmentItem/Consignee/*, .../TransportDocument/*, "
        ".../TransportCharges/methodOfPayment",
        "Phase 5 only: lost when the message is written in Phase 6",
    ),
)

#: WCO data a CC015C cannot carry (lost converting WCO -> NCTS), and why.
WCO_LOSSES: tuple[tuple[str, str], ...] = (
    (
        "every element not in the mapping table",
        "a CC015C has no place for it: the envelope's data model version, type name, "
        "responsible country and agency; GoodsItemQuantity, TotalPackageQuantity; prices, "
        "values, duties, valuation, procedures, origin, buyer and seller, ...",
    ),
    (
        "Declaration/ObligationGuarantee/ExpirationDateTime, .../VoucherQuantity",
        "corridor data (the TIR carnet's validity and vouchers): not NCTS data",
    ),
    (
        "Declaration/Consignment/Itinerary/ModeCode, Declaration/Consignment/"
        "PreliminaryInformationID",
        "corridor data (the mode per leg, the EAEU preliminary information)",
    ),
    (
        "ModeCode of a second or later BorderTransportMeans or DepartureTransportMeans",
        "a CC015C has one mode at the border and one inland mode",
    ),
    (
        "Commodity/Classification other than HS (6 digits), TSP (8 digits) or CV",
        "a CC015C has the HS subheading, the CN code and the CUS code",
    ),
    (
        "Contact/Communication other than TE and EM (one of each)",
        "a contact person has one phone number and one e-mail address",
    ),
    (
        "a mass in a unit other than KGM",
        "NCTS masses are in kilograms",
    ),
)


def documented_loss(path: str) -> bool:
    """Whether a CC015C leaf (path without root and indices) is one a conversion to WCO
    and back may lose (:data:`NCTS_LOSSES`)."""
    found = {row.ncts: row for row in rows()}.get(path)
    if found is None:
        return False
    if found.how == "derived" or found.only:
        return True
    return path.endswith(("GuaranteeReference/currency", "measurementUnitAndQualifier"))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(header: list[str], lines: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    out += ["| " + " | ".join(_cell(c) for c in line) + " |" for line in lines]
    return out


def render_page(defaults: list[tuple[str, str, str, str]]) -> str:
    """The reference page: the mapping table, the losses and the defaults.

    Args:
        defaults: (direction, path, value, why) of each documented default.
    """
    table = rows()
    counts: dict[str, int] = {}
    for row in table:
        counts[row.how] = counts.get(row.how, 0) + 1
    summary = ", ".join(f"{n} {how}" for how, n in sorted(counts.items()))
    out = [
        "<!-- Generated by `python -m single_window._docgen` from "
        "single_window/formats/ncts/mapping.tsv and the conversion's defaults; "
        "do not edit. -->",
        "",
        "# NCTS CC015C and the WCO Data Model",
        "",
        "Every leaf of the NCTS declaration (CC015C, and the amendment CC013C; Phase 5, "
        "51.8.6, and Phase 6, 60.4.16) and the WCO DEC-DMS element the library keeps it "
        "in. `single_window.convert()` (and `single-window convert`) follows this table "
        "both ways; a conversion lists every value it could not carry (`Conversion.losses`)"
        " and every field it filled from a default below (`Conversion.defaults`).",
        "",
        f"{len(table)} leaves: {summary}. *how*: `=` the value at that element; `joined` "
        "part of one value (HS subheading + CN code = one 8-digit `TSP` classification); "
        "`carried` an attribute of its sibling's value; `turned` said the other way round; "
        "`derived` a position, rebuilt in document order. *home*: `WCO` an element of the "
        "WCO Data Model 3.6 structure (with its WCO id where the EU Customs Data Model gives "
        "one), `OTS` an addition of the OTS profile.",
        "",
        "## The mapping table",
        "",
    ]
    out += _table(
        ["CC015C data item", "phase / message", "WCO DM element", "WCO id", "how", "home", "note"],
        [
            [f"`{r.ncts}`", r.only, f"`{r.wco}`" if r.wco else "", r.wco_id, r.how, r.home, r.note]
            for r in table
        ],
    )
    out += ["", "## What a conversion can lose", "", "### CC015C to WCO (and back)", ""]
    out += _table(["CC015C leaves", "when"], [list(x) for x in NCTS_LOSSES])
    out += ["", "### WCO to CC015C", ""]
    out += _table(["WCO data", "why"], [list(x) for x in WCO_LOSSES])
    out += [
        "",
        "## Defaults",
        "",
        "A field the target requires and the source lacks is "
        "filled only from these defaults (each listed in `Conversion.defaults`); any "
        "other missing field stops the conversion with a `ConversionError` naming it.",
        "",
    ]
    out += _table(["conversion", "field", "value", "why"], [list(d) for d in defaults])
    return "\n".join(out) + "\n"
