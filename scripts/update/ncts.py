"""Regenerate the NCTS Phase 5 code lists: ``ncts-clNNN.txt``, one file a list.

Sources, each pinned by commit and SHA-256:

- The lists: DG TAXUD's central reference data (CS/RD2), domain NCTS-P5, in the snapshot
  of 12 February 2025 that HM Revenue & Customs received from the Commission and keeps as
  ``conf/resources/csrd2-payloads/RD_NCTS-P5.json.gz`` in ``hmrc/customs-reference-data``
  (a JSON rendering of the CS/RD2 download: each list by its CS/RD2 name, each entry with
  its state, ``activeFrom``, code and English description). The list numbers are HMRC's
  mapping (``python/code_lists.csv`` in ``hmrc/ctc-traders-phase5-tis``), held in
  ``single_window/_refdata/_ncts.py``.
- CL027 (Flag) and CL060 (MessageTypes): the technical code lists of the Phase 5 schemas,
  ``tcl.xsd`` (51.8.6), as bundled in ``xsd/ncts/p5/`` from ``hmrc/transit-movements-validator``.
- The days the common transit procedure began to apply to a country (``from=`` on the
  lines of CL009 and CL112): CS/RD2's own ``NctsEntryDate`` (``CountryCodesFullList`` in the
  customs office list snapshot of 5 November 2024, the source of ``country-codes.txt``),
  or the legal act where CS/RD2 gives none (:data:`DATED`).
- The countries that joined after the snapshot (:data:`ACCESSIONS`): the act and day of
  accession; the script checks that CS/RD2's NCTS-P6 lists, as HMRC's reference data stub
  ``hmrc/crdl-ref-data-dps-stub`` holds them (converted from DG TAXUD's ``RD_NCTS-P6_*``
  files), carry each country in the lists it is added to and in no other.

An entry's ``activeFrom`` is the date of its current version in CS/RD2, not the day the code
came into use, so it is not written as a date.

Run from the repository root, with the project installed (lxml; the list table)::

    python scripts/update/ncts.py                       # downloads the pinned files
    python scripts/update/ncts.py --payload RD_NCTS-P5.json.gz --col COL-Generic-20241105.zip \\
        --stub DIR   # local copies; DIR holds CL009_page1.json, CL010_page1.json, ...
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import zipfile
from pathlib import Path

import customs_countries
from _common import REPO, check_sha256, read_source, write_datafile
from lxml import etree

from single_window._refdata._ncts import LISTS, PREFIX, file_name

PAYLOAD_COMMIT = "2d36532667004317aaaf8b33cfb9f6c9f1d252b5"
PAYLOAD_PATH = "conf/resources/csrd2-payloads/RD_NCTS-P5.json.gz"
PAYLOAD_SHA256 = "d0dd55990335a3233706c32f9928eaeb66e7c7468b7c00064f7c54e414bc2100"
SNAPSHOT = "2025-02-12"

TCL_COMMIT = "68a8209b8e2265a6e4d08df09849b3b5aa59f3a1"
TCL_PATH = "conf/v2_1/xsd/tcl.xsd"
TCL_SHA256 = "484e3600463b67144fb218f016081482ba41ed51d0db11abe1b417d1fa584e2f"
TCL_LOCAL = REPO / "xsd" / "ncts" / "p5" / "tcl.xsd"
#: The lists read from ``tcl.xsd``: number -> simple type.
TCL_TYPES = {"CL027": "Flag", "CL060": "MessageTypes"}

STUB_COMMIT = "843a1c8343bf756861ae4727adf32394af7ba3b7"
#: The NCTS-P6 stub pages read to confirm the accessions: list -> SHA-256 of its page 1.
STUB_SHA256 = {
    "CL009": "c4658fedcb0898c7dd3a889fa16a145732f52ab355352e340a1db30cb14061f0",
    "CL010": "a27f2f49d2c37526f05e49c781878eb84483d439f61f130fccadf4beeef01ff6",
    "CL112": "06dcb0d4721c9b4efe04fab9c627c23f87559a82d1ef5613682a9e3c68500299",
    "CL147": "3a5a67827ceaa4ffb46ac08cb25f2b89221beca1e75d1996b61db84aaa3d3ce4",
}

#: The lists whose codes are countries that enter the common transit procedure on a day.
TRANSIT_COUNTRY_LISTS = ("CL009", "CL112")

_CROATIA = (
    "HR Croatia: from its accession to the European Union, 1 Jul 2013 (Treaty concerning the "
    "accession of the Republic of Croatia, OJ L 112, 24.4.2012); its part in the "
    "common transit procedure before that day is not modelled"
)
_TURKIYE = (
    "TR Türkiye: party to the Convention on a common transit procedure from 1 Dec 2012 "
    "(EU-EFTA Joint Committee Decision No 2/2012 of 19 Jan 2012, OJ L 114, 26.4.2012, p. 33; "
    "Ministry of Trade, https://trade.gov.tr/multinational-relations/common-transit-system)"
)

#: Dates a legal act sets, where CS/RD2 gives none: list -> code -> (from, why).
DATED: dict[str, dict[str, tuple[str, str]]] = {
    "CL009": {"HR": ("2013-07-01", _CROATIA), "TR": ("2012-12-01", _TURKIYE)},
    "CL010": {"HR": ("2013-07-01", _CROATIA)},
    "CL112": {"TR": ("2012-12-01", _TURKIYE)},
}

#: Countries that joined the Convention after the snapshot: code -> (from, why).
ACCESSIONS: dict[str, tuple[str, str]] = {
    "GE": (
        "2025-02-01",
        "GE Georgia: party to the Convention from 1 Feb 2025; invited by EU-CTC Joint Committee "
        "Decision No 2/2024 of 21 Oct 2024, Appendices amended by Decision No 3/2024 of 5 Nov "
        "2024 (OJ L, 2025/174, 27.1.2025, https://eur-lex.europa.eu/eli/dec/2025/174/oj); the "
        "day of accession: Commission Implementing Regulation (EU) 2025/411 of 3 Mar 2025, "
        "recital 4 (OJ L, 2025/411, 6.3.2025, https://eur-lex.europa.eu/eli/reg_impl/2025/411/oj)",
    ),
    "MD": (
        "2025-11-01",
        "MD Moldova: party to the Convention from 1 Nov 2025; invited by EU-CTC Joint Committee "
        "Decision No 3/2025 of 19 Sep 2025, Appendix III amended by Decision No 4/2025 of "
        "19 Sep 2025, applicable from the day of accession (OJ L, 2025/2255, 7.11.2025, "
        "https://eur-lex.europa.eu/eli/dec/2025/2255/oj); the day: Transport Community "
        "Permanent Secretariat, 'Moldova and Montenegro Join Key European Trade Conventions' "
        "(https://www.transport-community.org/?p=22732)",
    ),
    "ME": (
        "2025-11-01",
        "ME Montenegro: party to the Convention from 1 Nov 2025; invited by EU-CTC Joint "
        "Committee Decision No 1/2025 of 19 Sep 2025, Appendices III and IIIa amended by "
        "Decision No 2/2025 of 19 Sep 2025, applicable from the day of accession (OJ L, "
        "2025/2201, 29.10.2025, https://eur-lex.europa.eu/eli/dec/2025/2201/oj); the day: "
        "Transport Community Permanent Secretariat, 'Moldova and Montenegro Join Key European "
        "Trade Conventions' (https://www.transport-community.org/?p=22732)",
    ),
}

#: What each list holds, for the file header.
TITLES = {
    "CL009": "Countries and territories of the common transit procedure",
    "CL010": "Countries and territories of the Union's customs territory",
    "CL016": "CUS numbers (Customs Union and Statistics, ECICS)",
    "CL017": "Kinds of packages",
    "CL027": "Yes (1) or no (0)",
    "CL042": "Additional declaration types",
    "CL048": "Currencies of guarantee amounts",
    "CL060": "NCTS message types",
    "CL076": "Guarantee types that carry a guarantee reference",
    "CL094": "Status of the representative",
    "CL101": "UN numbers of dangerous goods",
    "CL112": "Common transit countries outside the Union, with their own customs offices",
    "CL116": "Methods of payment of transport charges",
    "CL147": "Countries of the customs security agreement area",
    "CL152": "Harmonized System subheadings",
    "CL165": "Nationalities of means of transport",
    "CL178": "Previous document types that prove the Union status of goods",
    "CL181": "Kinds of packages of goods in bulk",
    "CL182": "Kinds of packages of unpacked goods",
    "CL190": "Countries whose addresses may be given by postcode and house number",
    "CL198": "Countries whose postcode alone identifies an address",
    "CL213": "Supporting document types",
    "CL214": "Previous document types",
    "CL217": "Security: which safety and security data the declaration carries",
    "CL218": "Modes of transport",
    "CL219": "Identification types of the active border means of transport",
    "CL228": "Previous document type of an export declaration",
    "CL229": "Guarantee types of common transit",
    "CL230": "Guarantee types of Union transit other than TIR",
    "CL231": "Transit declaration types",
    "CL232": "Declaration types of goods items",
    "CL234": "Document types of excise goods movements",
    "CL235": "Authorisation types at departure",
    "CL239": "Additional information codes",
    "CL248": "Countries of an address",
    "CL251": "Guarantee types",
    "CL286": "Guarantee types that carry a GRN and an access code",
    "CL296": "Specific circumstance indicators",
    "CL326": "Qualifiers of the identification of the location of goods",
    "CL347": "Types of location of goods",
    "CL349": "Measurement units and qualifiers",
    "CL380": "Additional reference types",
    "CL505": "Countries without postcodes",
    "CL704": "Roles of additional supply chain actors",
    "CL750": "Identification types of means of transport",
    "CL754": "Transport document types",
}

LICENCE = (
    "European Commission reference data (reuse under Commission Decision 2011/833/EU), "
    "in a file of HM Revenue & Customs under Apache-2.0; codes and descriptions taken as facts"
)

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def _text(value: str) -> str:
    return " ".join(value.split())  # CS/RD2 texts hold no-break spaces and double spaces


def payload_lists(data: bytes) -> dict[str, dict[str, str]]:
    """CS/RD2 name -> code -> English description, of every valid entry."""
    lists = json.loads(gzip.decompress(data))["lists"]
    out: dict[str, dict[str, str]] = {}
    for name, body in lists.items():
        codes: dict[str, str] = {}
        for entry in body["listEntries"]:
            if entry.get("state") != "valid":
                continue
            keys = [k for k in entry if k not in ("state", "activeFrom", "description", "name")]
            if len(keys) != 1:
                raise SystemExit(f"{name}: an entry has keys {keys}")
            code = entry[keys[0]]
            if not _CODE.fullmatch(code) or code in codes:
                raise SystemExit(f"{name}: unexpected or repeated code {code!r}")
            codes[code] = _text(entry.get("description", ""))
        out[name] = codes
    return out


def tcl_lists(data: bytes) -> dict[str, dict[str, str]]:
    """List number -> code -> description, of the :data:`TCL_TYPES` in ``tcl.xsd``."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    xs = "{http://www.w3.org/2001/XMLSchema}"
    out: dict[str, dict[str, str]] = {}
    for number, type_name in TCL_TYPES.items():
        node = root.find(f"{xs}simpleType[@name='{type_name}']")
        comments = [] if node is None else [c.text or "" for c in node.itersiblings(preceding=True)]
        if node is None or not any(number in c for c in comments[:3]):
            raise SystemExit(f"tcl.xsd: no simple type {type_name} for {number}")
        out[number] = {
            e.get("value", ""): _text(" ".join(e.itertext())) for e in node.iter(f"{xs}enumeration")
        }
    return out


def entry_dates(data: bytes) -> dict[str, str]:
    """Country -> ``NctsEntryDate`` (as YYYY-MM-DD) where CS/RD2 gives a real one."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(customs_countries.MEMBER)
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    entity = next(e for e in root if e.get("name") == "CountryCodesFullList")
    out: dict[str, str] = {}
    for entry in entity.iter("{*}RDEntry"):
        items = {c.get("name"): c.text or "" for c in entry.iter("{*}dataItem")}
        day = items.get("NctsEntryDate", "")
        if re.fullmatch(r"\d{8}", day) and day != "19000101":  # 1900-01-01: from the start
            out[items["CountryCode"]] = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    return out


def stub_codes(pages: dict[str, bytes]) -> dict[str, dict[str, str]]:
    """List number -> country -> English name, from the NCTS-P6 stub pages."""
    out: dict[str, dict[str, str]] = {}
    for number, data in pages.items():
        codes: dict[str, str] = {}
        for element in json.loads(data)["elements"]:
            for entry in element["rdentry"]:
                items = {i["dataitem_name"]: i["dataitem_value"] for i in entry["dataitem"]}
                names = [x["lang_desc"] for x in entry["language"] if x["lang_code"] == "en"]
                codes[items["CountryCode"]] = names[0] if names else ""
        out[number] = codes
    return out


def check_accessions(stub: dict[str, dict[str, str]]) -> None:
    """Stop unless the P6 lists carry each new country in CL009 and CL112 and nowhere else."""
    for code in ACCESSIONS:
        where = sorted(number for number, codes in stub.items() if code in codes)
        if where != list(TRANSIT_COUNTRY_LISTS):
            raise SystemExit(f"{code}: the NCTS-P6 lists carry it in {where}")


def lines_of(number: str, codes: dict[str, str], dates: dict[str, str]) -> list[str]:
    """One line a code: ``GE from=2025-02-01 source=accession<TAB>Georgia``."""
    out = []
    for code in sorted(codes):
        attrs = []
        day = dates.get(code)
        if day:
            attrs.append(f"from={day}")
        if code in ACCESSIONS and number in TRANSIT_COUNTRY_LISTS:
            attrs.append("source=accession")
        head = " ".join([code, *attrs])
        out.append(f"{head}\t{codes[code]}" if codes[code] else head)
    return out


def _github(repo: str, commit: str, path: str) -> str:
    return f"https://github.com/{repo}/blob/{commit}/{path}"


def _raw(repo: str, commit: str, path: str) -> str:
    return f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"


def write_payload_list(
    number: str,
    codes: dict[str, str],
    digest: str,
    entries: dict[str, str],
    stub: dict[str, dict[str, str]],
) -> None:
    """Write the file of one list read from the CS/RD2 payload."""
    name = LISTS[number]
    codes = dict(codes)
    dates: dict[str, str] = {}
    why = [w for _, w in DATED.get(number, {}).values()]
    notes = []
    if number in TRANSIT_COUNTRY_LISTS:
        dates = {code: day for code, day in entries.items() if code in codes}
        if dates:
            why.append(
                "NctsEntryDate of CS/RD2's CountryCodesFullList (customs office list snapshot "
                f"of 5 Nov 2024): {', '.join(f'{c} {d}' for c, d in sorted(dates.items()))}"
            )
        for code, (day, reason) in ACCESSIONS.items():
            if code in codes:
                raise SystemExit(f"{number}: {code} is already in the snapshot")
            codes[code] = stub[number][code]
            dates[code] = day
            why.append(reason)
        notes.append(
            "source=accession: a country that joined the Convention after the snapshot, "
            "added from its day of accession (dates-source); CS/RD2's NCTS-P6 lists, as "
            "HMRC's reference data stub holds them "
            f"({_github('hmrc/crdl-ref-data-dps-stub', STUB_COMMIT, 'conf/resources/codeList')}), "
            "carry it in CL009 and CL112 and not in CL010 or CL147"
        )
    dates.update({code: day for code, (day, _) in DATED.get(number, {}).items()})
    if dates:
        notes.append(
            "from: the first day the code applies (dates-source); other codes apply on any date"
        )
    notes.append(
        "activeFrom of a CS/RD2 entry is the date of its current version, not a validity date, "
        "and is not kept"
    )
    url = _github("hmrc/customs-reference-data", PAYLOAD_COMMIT, PAYLOAD_PATH)
    write_datafile(
        file_name(number),
        {
            "list": f"{PREFIX}{number}",
            "edition": f"CS/RD2 NCTS-P5 {SNAPSHOT}",
            "title": f"{number} {name}: {TITLES[number]}",
            "snapshot": SNAPSHOT,
            "dates-source": why,
            "source": "European Commission, DG TAXUD, central reference data (CS/RD2), domain "
            f"NCTS-P5, code list {number} {name}, snapshot of 12 Feb 2025 as HM Revenue & "
            "Customs received it (RD_NCTS-P5.json.gz)",
            "source-url": url,
            "source-revision": PAYLOAD_COMMIT,
            "source-sha256": digest,
            "licence": LICENCE,
            "generator": "scripts/update/ncts.py",
            "note": notes,
        },
        lines_of(number, codes, dates),
    )


def write_tcl_list(number: str, codes: dict[str, str], digest: str) -> None:
    """Write the file of one list read from ``tcl.xsd``."""
    write_datafile(
        file_name(number),
        {
            "list": f"{PREFIX}{number}",
            "edition": "NCTS-P5 XSD 51.8.6",
            "title": f"{number} {LISTS[number]}: {TITLES[number]}",
            "source": "European Commission, DG TAXUD, NCTS Phase 5 XML schemas 51.8.6, "
            f"tcl.xsd (technical code lists), simple type {TCL_TYPES[number]}, as HM Revenue "
            "& Customs publishes them",
            "source-url": _github("hmrc/transit-movements-validator", TCL_COMMIT, TCL_PATH),
            "source-revision": TCL_COMMIT,
            "source-sha256": digest,
            "licence": "Apache-2.0 (HM Revenue & Customs); codes taken as facts",
            "generator": "scripts/update/ncts.py",
        },
        lines_of(number, codes, {}),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payload", help="a local copy of RD_NCTS-P5.json.gz")
    parser.add_argument("--col", help="a local copy of COL-Generic-20241105.zip")
    parser.add_argument("--stub", help="a folder with the stub pages CL009_page1.json, ...")
    parser.add_argument("--tcl", help="a copy of tcl.xsd (default: the bundled one)")
    args = parser.parse_args()

    payload = read_source(
        _raw("hmrc/customs-reference-data", PAYLOAD_COMMIT, PAYLOAD_PATH), args.payload
    )
    payload_digest = check_sha256(payload, PAYLOAD_SHA256, "CS/RD2 NCTS-P5 snapshot")
    col = read_source(
        _raw("hmrc/ctc-traders-phase5-tis", customs_countries.COMMIT, customs_countries.PATH),
        args.col,
    )
    check_sha256(col, customs_countries.SHA256, "CS/RD2 customs office list snapshot")
    pages = {}
    for number, pinned in STUB_SHA256.items():
        path = f"conf/resources/codeList/{number}/{number}_page1.json"
        local = str(Path(args.stub) / f"{number}_page1.json") if args.stub else None
        pages[number] = read_source(_raw("hmrc/crdl-ref-data-dps-stub", STUB_COMMIT, path), local)
        check_sha256(pages[number], pinned, f"NCTS-P6 stub page {number}")
    tcl = Path(args.tcl or TCL_LOCAL).read_bytes()
    tcl_digest = check_sha256(tcl, TCL_SHA256, "tcl.xsd")

    stub = stub_codes(pages)
    check_accessions(stub)
    lists = payload_lists(payload)
    entries = entry_dates(col)
    from_tcl = tcl_lists(tcl)
    for number, name in LISTS.items():
        if number == "CL008":
            continue  # the customs country list, country-codes.txt (customs_countries.py)
        if number in from_tcl:
            write_tcl_list(number, from_tcl[number], tcl_digest)
        else:
            write_payload_list(number, lists[name], payload_digest, entries, stub)


if __name__ == "__main__":
    main()
