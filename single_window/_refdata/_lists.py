"""The lists read from shipped data files: HS, units, package types, transport modes and
document names.

Each code line carries the name its source gives the code (read only when a description
or a label is asked for). The HS subheading lists carry none: each edition's chapters,
headings and subheadings are named in a file of their own (:data:`HS_FILES`), so that the
file a rule reads stays small.
"""

from __future__ import annotations

from datetime import date

from single_window._i18n import Listing, Message
from single_window._refdata._datafile import (
    day,
    first,
    read_codes,
    read_descriptions,
    read_header,
    source_of,
)
from single_window._refdata._reasons import REASONS, TITLES
from single_window._refdata._types import CodeList, Edition, Membership

__all__ = [
    "HS_FILES",
    "HsList",
    "document_names",
    "hs",
    "package_types",
    "transport_modes",
    "unit_names",
    "units",
]

#: The HS editions, oldest first: (the subheadings a rule reads, their names file).
HS_FILES = (("hs2017.txt", "hs2017-names.txt"), ("hs2022.txt", "hs2022-names.txt"))


def _load(name: str) -> tuple[frozenset[str], dict[str, str]]:
    codes = read_codes(name)
    status = {code: attrs["status"] for code, attrs in codes.items() if "status" in attrs}
    valid = frozenset(code for code in codes if status.get(code) != "deleted")
    return valid, status


def file_edition(list_name: str, name: str, names: str | None = None) -> Edition:
    """The edition one data file holds; its codes are read on first use, the names of its
    codes (from ``names``, else from the same file) when a description is asked for."""
    header = read_header(name)
    return Edition(
        list_name,
        first(header, "edition") or name,
        valid_from=day(header, "valid-from"),
        valid_to=day(header, "valid-to"),
        sources=[source_of(header)],
        load=lambda: _load(name),
        describe=lambda: read_descriptions(names or name),
    )


class HsList(CodeList):
    """The HS nomenclature by edition; a failure says whether the other edition has it."""

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        dotted = f"{code[:4]}.{code[4:]}" if len(code) == 6 and code.isdigit() else code
        others = [e.label for e in self.editions if e is not found and code in e.codes]
        said = {"code": repr(code), "edition": found.label, "dotted": dotted}
        if others:
            reason = REASONS("hs-other-edition", **said, others=Listing.of(others, "and"))
            return Membership.of(code, self.name, "other-edition", found.label, reason, day)
        every = Listing.of((e.label for e in self.editions), "comma")
        reason = REASONS("hs-absent", **said, every=every)
        return Membership.of(code, self.name, "absent", found.label, reason, day)

    def _no_edition(self, day: date) -> Message:
        first_day = self.editions[0].valid_from
        if first_day is not None and day < first_day:
            why = REASONS("hs-not-shipped", edition=self.editions[0].label)
        else:
            why = REASONS("hs-2028")
        return REASONS("hs-no-edition", date=day.isoformat(), why=why)


def hs() -> CodeList:
    """HS 2017 (1 Jan 2017 to 31 Dec 2021) and HS 2022 (1 Jan 2022 to 31 Dec 2027)."""
    return HsList("hs", TITLES("hs"), lambda: [file_edition("hs", c, n) for c, n in HS_FILES])


def unit_names() -> dict[str, str]:
    """The name of every Rec 20 unit and of every ``X`` + Rec 21 package type (the package
    type's name), deleted codes included."""
    found = {f"X{code}": name for code, name in read_descriptions("rec21.txt").items()}
    found.update(read_descriptions("rec20.txt"))
    return found


def units() -> CodeList:
    """UN/ECE Rec 20, plus ``X`` + each Rec 21 package type (Rec 20, Introduction, note 2)."""

    def make() -> list[Edition]:
        rec20 = read_header("rec20.txt")
        rec21 = read_header("rec21.txt")

        def load() -> tuple[frozenset[str], dict[str, str]]:
            valid, status = _load("rec20.txt")
            packages, _ = _load("rec21.txt")
            return valid | {f"X{code}" for code in packages}, status

        # The X codes are part of Rec 20 by its note 2, so the edition is Rec 20's.
        label = first(rec20, "edition") or "Rec 20"
        return [
            Edition(
                "unit",
                label,
                valid_from=None,
                valid_to=None,
                sources=[source_of(rec20), source_of(rec21)],
                load=load,
                describe=unit_names,
            )
        ]

    return CodeList("unit", TITLES("unit"), make)


def package_types() -> CodeList:
    """UN/ECE Rec 21 package types."""
    return CodeList(
        "package-type",
        TITLES("package-type"),
        lambda: [file_edition("package-type", "rec21.txt")],
    )


def transport_modes() -> CodeList:
    """UN/ECE Rec 19 modes of transport (one digit)."""
    return CodeList(
        "transport-mode",
        TITLES("transport-mode"),
        lambda: [file_edition("transport-mode", "rec19.txt")],
    )


def document_names() -> CodeList:
    """UN/EDIFACT code list 1001, document name codes."""
    return CodeList(
        "document-name",
        TITLES("document-name"),
        lambda: [file_edition("document-name", "uncl1001.txt")],
    )
