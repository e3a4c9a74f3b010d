"""The NCTS Phase 5 code lists: DG TAXUD's central reference data (CS/RD2), domain NCTS-P5.

Each list the IE015 (CC015C) declaration and its rules and conditions use is shipped as
``data/ncts-clNNN.txt`` and named ``ncts:CLNNN`` (``ncts:CL112``); its CS/RD2 name
(``ncts:CountryCodesCTC``) is an alias. The codes are one CS/RD2 snapshot, the one HM
Revenue & Customs received on 12 February 2025, with each code's English description;
CL027 and CL060 come from the technical code lists of the Phase 5 schemas (``tcl.xsd``),
and CL008 is the customs country list (``data/country-codes.txt``). A CS/RD2 entry's
``activeFrom`` is the date of its current version, not the day the code came into use, so
codes apply on any date unless a source dates them: the countries' entry into the common
transit procedure (``from=`` on their lines, with the act or CS/RD2's own entry date), and
the countries that joined after the snapshot (Georgia on 1 February 2025, Moldova and
Montenegro on 1 November 2025), marked ``source=accession``. ``scripts/update/ncts.py``
writes the files; the page "Code lists" of the reference documentation lists each list,
what uses it and where it comes from.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from single_window._refdata._dated import DatedList
from single_window._refdata._reasons import TITLES
from single_window._refdata._types import CodeList

__all__ = ["ALIASES", "LISTS", "PREFIX", "NctsList", "factories", "file_name"]

PREFIX = "ncts:"

#: List number -> CS/RD2 name, in number order.
LISTS: dict[str, str] = {
    "CL008": "CountryCodesFullList",
    "CL009": "CountryCodesCommonTransit",
    "CL010": "CountryCodesCommunity",
    "CL016": "CUSCode",
    "CL017": "KindOfPackages",
    "CL027": "Flag",
    "CL042": "DeclarationTypeAdditional",
    "CL048": "CurrencyCodes",
    "CL060": "MessageTypes",
    "CL076": "GuaranteeTypeWithReference",
    "CL094": "RepresentativeStatusCode",
    "CL101": "UnDangerousGoodsCode",
    "CL112": "CountryCodesCTC",
    "CL116": "TransportChargesMethodOfPayment",
    "CL147": "CountryCustomsSecurityAgreementArea",
    "CL152": "HScode",
    "CL165": "Nationality",
    "CL178": "PreviousDocumentUnionGoods",
    "CL181": "KindOfPackagesBulk",
    "CL182": "KindOfPackagesUnpacked",
    "CL190": "CountryAddressPostcodeBased",
    "CL198": "CountryAddressPostcodeOnly",
    "CL213": "SupportingDocumentType",
    "CL214": "PreviousDocumentType",
    "CL217": "DeclarationTypeSecurity",
    "CL218": "TransportModeCode",
    "CL219": "TypeOfIdentificationofMeansOfTransportActive",
    "CL228": "PreviousDocumentExportType",
    "CL229": "GuaranteeTypeCTC",
    "CL230": "GuaranteeTypeEUNonTIR",
    "CL231": "DeclarationType",
    "CL232": "DeclarationTypeItemLevel",
    "CL234": "DocumentTypeExcise",
    "CL235": "AuthorisationTypeDeparture",
    "CL239": "AdditionalInformation",
    "CL248": "CountryCodesForAddress",
    "CL251": "GuaranteeType",
    "CL286": "GuaranteeTypeWithGRN",
    "CL296": "SpecificCircumstanceIndicatorCode",
    "CL326": "QualifierOfTheIdentification",
    "CL347": "TypeOfLocation",
    "CL349": "Unit",
    "CL380": "AdditionalReference",
    "CL505": "CountryWithoutZip",
    "CL704": "AdditionalSupplyChainActorRoleCode",
    "CL750": "TypeOfIdentificationOfMeansOfTransport",
    "CL754": "TransportDocumentType",
}

#: CS/RD2 name (``ncts:CountryCodesCTC``) -> list name (``ncts:CL112``).
ALIASES: dict[str, str] = {f"{PREFIX}{name}": f"{PREFIX}{n}" for n, name in LISTS.items()}


def file_name(number: str) -> str:
    """The data file of list ``number`` (CL008 is the customs country list's file)."""
    return "country-codes.txt" if number == "CL008" else f"ncts-{number.lower()}.txt"


class NctsList(DatedList):
    """One NCTS code list: its codes, the days dated ones apply, their descriptions."""

    def __init__(self, number: str) -> None:
        name = LISTS[number]
        title = TITLES("ncts", number=number, name=name)
        super().__init__(f"{PREFIX}{number}", title, [file_name(number)])
        self.number = number
        """The list's number, e.g. ``"CL112"``."""
        self.csrd2_name = name
        """The list's name in CS/RD2, e.g. ``"CountryCodesCTC"``."""


def factories() -> dict[str, Callable[[], CodeList]]:
    """The factory of each NCTS list, by list name."""
    return {f"{PREFIX}{number}": partial(NctsList, number) for number in LISTS}
