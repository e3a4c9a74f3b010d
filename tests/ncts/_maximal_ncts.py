"""A maximal NCTS declaration: every element of the CC015C (or CC013C) schema once.

:func:`maximal_message` walks the bundled schema of a message type and phase (xmlschema,
XSD 1.1 as the schemas declare) and writes one message that holds every element once,
each value one the schema's type accepts: a plausible value for the elements whose
patterns the generic values of :mod:`_maximal` do not meet (dates, GRN, codes of a fixed
length), the generic one otherwise. It is what the corpus cannot be: a message that uses
every leaf, so that a test can follow each one into the canonical declaration.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import _maximal
from conftest import REPO
from lxml import etree

#: Values by element name, for the types whose patterns the generic values miss.
VALUES = {
    "messageType": "CC015C",
    "preparationDateAndTime": "2025-03-01T10:00:00",
    "presentationOfTheGoodsDateAndTime": "2025-03-01T11:00:00",
    "arrivalDateAndTimeEstimated": "2025-03-02T16:30:00",
    "limitDate": "2025-03-10",
    "MRN": "25GB000000000001J5",
    "additionalDeclarationType": "A",
    "specificCircumstanceIndicator": "A20",
    "eMailAddress": "transit@example.com",
    "GRN": "25GB0000010000013",
    "currency": "EUR",
    "role": "CS",
    "typeOfLocation": "B",
    "qualifierOfIdentification": "U",
    "latitude": "41.716667",
    "longitude": "-44.783333",
    "typeOfIdentification": "30",
    "customsOfficeAtBorderReferenceNumber": "GE000100",
    "type": "N830",
    "code": "00200",
    "cusCode": "0000001-2",
    "harmonizedSystemSubHeadingCode": "392310",
    "combinedNomenclatureCode": "90",
    "UNNumber": "1234",
    "typeOfPackages": "PK",
    "measurementUnitAndQualifier": "KGM",
    "country": "GE",
    "countryOfDispatch": "TR",
    "countryOfDestination": "GE",
    "nationality": "TR",
    "declarationType": "T1",
    "communicationLanguageAtDeparture": "EN",
}


def _value(simple: Any, hint: str) -> str:
    found = VALUES.get(hint)
    if found is not None and simple.is_valid(found):
        return found
    return _maximal._value(simple, hint)


@cache
def maximal_message(message_type: str = "CC015C", phase: int = 5) -> bytes:
    """The maximal message of a type and phase, as bytes."""
    import xmlschema

    path = REPO / "xsd" / "ncts" / f"p{phase}" / f"{message_type.lower()}.xsd"
    schema = xmlschema.XMLSchema11(str(path))
    part = _maximal._part(schema.elements[message_type], _value)
    root = _maximal.render(part)
    if phase == 6:
        root.set("PhaseID", "NCTS6")
    nsmap = {"ncts": "http://ncts.dgtaxud.ec"}
    out = etree.Element(f"{{{nsmap['ncts']}}}{message_type}", nsmap=nsmap)
    out.attrib.update(root.attrib)
    out.extend(list(root))
    return _maximal.to_bytes(out)
