"""``wco-response``: the answer a national customs system sends back, per declaration.

The output is one XML document: a WCO ``MetaData`` wrapper (namespace
DocumentMetaData-DMS:2, ``WCOTypeName`` ``RES``) holding one ``Response`` (namespace
RES-DMS:2) per declaration, in input order, the way UK CDS groups several responses in one
notification. Each ``Response`` follows the UK CDS DMS convention:

- ``FunctionCode`` ``01`` when the declaration is accepted (DMSACC) and ``03`` when it
  is rejected (DMSREJ), as in HMRC's customs-declare-exports ``SubmissionStatus``;
- ``FunctionalReferenceID``: an id of the response itself (a UUID, unique per response);
- ``IssueDateTime`` as ``DateTimeString formatCode="304"`` (UTC);
- ``AdditionalInformation`` naming the input the response answers: its
  ``StatementDescription`` is the report's ``source`` (the file name, shown as every
  report shows it, at most 512 characters as the element allows) and its
  ``StatementTypeCode`` is ``AAI``, "general information" in UN/EDIFACT code list 4451
  (text subject code qualifier, UNTDID D.22A), the list the element's codes come from;
- one ``Error`` per error finding: ``Description`` (the message), ``ValidationCode``
  (the rule id, e.g. ``TR-HS-LENGTH``) and ``Pointer`` elements walking from the
  declaration to the faulty element: one per WCO class on the path with its
  ``DocumentSectionCode`` (``42A`` Declaration, ``67A`` GoodsShipment, ``68A``
  GovernmentAgencyGoodsItem, ...) and ``SequenceNumeric`` (the element's 1-based
  position), then a last ``Pointer`` whose ``Location`` holds the finding's full XPath
  (``Location`` is our addition: it saves the reader a table of section codes);
- ``Declaration/FunctionalReferenceID``: the declaration's own reference (LRN), when
  the document could be read.

Warnings do not reject a declaration and are not sent back.
"""

from __future__ import annotations

import uuid

from lxml import etree

from single_window._display import display_name, display_text
from single_window._locations import parse
from single_window.findings import Report, Severity, Verdict
from single_window.formats.wco._namespaces import MD_NS, RES_DS_NS, RES_NS
from single_window.reporters._base import Reporter, in_language

__all__ = [
    "ACCEPTED",
    "DOCUMENT_SECTION_CODES",
    "METADATA_NS",
    "REJECTED",
    "RESPONSE_DS_NS",
    "RESPONSE_NS",
    "SOURCE_STATEMENT",
    "WcoResponseReporter",
]

METADATA_NS = MD_NS
RESPONSE_NS = RES_NS
RESPONSE_DS_NS = RES_DS_NS

#: StatementTypeCode of the AdditionalInformation that names the input answered:
#: UN/EDIFACT 4451 (UNTDID D.22A) ``AAI``, general information.
SOURCE_STATEMENT = "AAI"
#: The longest StatementDescription (an..512 in the WCO response schema).
MAX_STATEMENT = 512

#: Response FunctionCode for an accepted declaration (UK CDS DMSACC).
ACCEPTED = "01"
#: Response FunctionCode for a rejected declaration (UK CDS DMSREJ).
REJECTED = "03"

#: WCO Data Model class ids ("document section codes") of the classes a pointer names.
DOCUMENT_SECTION_CODES: dict[str, str] = {
    "AdditionalDocument": "02A",
    "AdditionalInformation": "03A",
    "Address": "04A",
    "Agent": "05A",
    "Amendment": "06A",
    "ArrivalTransportMeans": "10A",
    "BorderTransportMeans": "15A",
    "Buyer": "16A",
    "AEOMutualRecognitionParty": "16C",
    "Submitter": "17B",
    "AuthorisationHolder": "17C",
    "Carrier": "18A",
    "Classification": "21A",
    "TradeTerms": "22B",
    "WriteOff": "22C",
    "Commodity": "23A",
    "Consignee": "27A",
    "Consignment": "28A",
    "Consignor": "30A",
    "TransportEquipment": "31B",
    "UCR": "35B",
    "ValuationAdjustment": "39B",
    "CustomsValuation": "41A",
    "Declaration": "42A",
    "Warehouse": "43B",
    "Seal": "44B",
    "DepartureTransportMeans": "46A",
    "DutyTaxFee": "50A",
    "DomesticDutyTaxParty": "55B",
    "ExitOffice": "56A",
    "Exporter": "57A",
    "Declarant": "57B",
    "ChargeDeduction": "58B",
    "Freight": "62A",
    "GoodsLocation": "64A",
    "GoodsMeasure": "65A",
    "GoodsShipment": "67A",
    "GovernmentAgencyGoodsItem": "68A",
    "GovernmentProcedure": "70A",
    "Importer": "74A",
    "InvoiceLine": "79A",
    "Itinerary": "81A",
    "LoadingLocation": "83A",
    "ObligationGuarantee": "90A",
    "Origin": "92A",
    "Packaging": "93A",
    "Payment": "94A",
    "ExportCountry": "95B",
    "SupervisingOffice": "97B",
    "PreviousDocument": "99A",
    "Destination": "99B",
    "Seller": "09B",
}


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{RESPONSE_NS}}}{tag}")
    if text is not None:
        element.text = display_text(text)
    return element


def pointers(path: str | None) -> list[tuple[str, int | None]]:
    """The (section code, position) pairs of the WCO classes on an XPath.

    Example:
        >>> pointers("/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/ID")
        [('42A', None), ('67A', None), ('68A', 2)]
    """
    try:
        location = parse(path or "")
    except ValueError:  # not a path of ours (a report read back from elsewhere)
        return []
    out: list[tuple[str, int | None]] = []
    for step in location.steps:
        if step.namespace is not None:  # an element of another namespace: no WCO class
            continue
        code = DOCUMENT_SECTION_CODES.get(step.name)
        if code is not None:
            out.append((code, step.index))
    return out


class WcoResponseReporter(Reporter):
    """Writes a ``MetaData`` document with one WCO ``Response`` per declaration."""

    name = "wco-response"
    suffix = ".xml"

    def start(self) -> None:
        self._count = 0
        self._run = uuid.uuid4()
        self._issued = self.context.started.strftime("%Y%m%d%H%M%SZ")
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(
            f'<md:MetaData xmlns:md="{METADATA_NS}">\n'
            "  <md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>\n"
            "  <md:WCOTypeName>RES</md:WCOTypeName>\n"
        )

    def response(self, report: Report) -> etree._Element:
        """The ``Response`` element for one report."""
        self._count += 1
        root = etree.Element(
            f"{{{RESPONSE_NS}}}Response", nsmap={"resp": RESPONSE_NS, "ds": RESPONSE_DS_NS}
        )
        _sub(root, "FunctionCode", ACCEPTED if report.verdict is Verdict.ACCEPT else REJECTED)
        _sub(root, "FunctionalReferenceID", uuid.uuid5(self._run, str(self._count)).hex)
        issue = _sub(root, "IssueDateTime")
        stamp = etree.SubElement(issue, f"{{{RESPONSE_DS_NS}}}DateTimeString", formatCode="304")
        stamp.text = self._issued
        answered = _sub(root, "AdditionalInformation")
        _sub(answered, "StatementDescription", display_name(report.source)[:MAX_STATEMENT])
        _sub(answered, "StatementTypeCode", SOURCE_STATEMENT)
        for f in report.findings:
            if f.severity is not Severity.ERROR:
                continue
            error = _sub(root, "Error")
            _sub(error, "Description", " ".join(f.message.split())[:512])
            _sub(error, "ValidationCode", f.rule)
            for code, position in pointers(f.path):
                pointer = _sub(error, "Pointer")
                if position is not None:
                    _sub(pointer, "SequenceNumeric", str(position))
                _sub(pointer, "DocumentSectionCode", code)
            if f.path:
                _sub(_sub(error, "Pointer"), "Location", f.path)
        if report.declaration is not None and report.declaration.id:
            _sub(_sub(root, "Declaration"), "FunctionalReferenceID", report.declaration.id)
        return root

    @in_language
    def add(self, report: Report) -> None:
        element = self.response(report)
        self.out.write(etree.tostring(element, encoding="unicode", pretty_print=True))

    def finish(self) -> None:
        self.out.write("</md:MetaData>\n")
        self.out.flush()
