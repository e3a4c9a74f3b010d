"""The namespaces of the WCO Data Model documents the library reads and writes.

Only the WCO format (this folder) names them: the rest of the package reaches a WCO
namespace through these constants.
"""

from __future__ import annotations

__all__ = ["DEC_NS", "DS_NS", "MD_NS", "RES_DS_NS", "RES_NS", "XSI_NS"]

#: The WCO document metadata envelope (``MetaData``) around a declaration.
MD_NS = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
#: The goods declaration (``Declaration`` and every element below it).
DEC_NS = "urn:wco:datamodel:WCO:DEC-DMS:2"
#: The declaration's data types (``DateTimeString`` inside a date).
DS_NS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
#: The response a customs system sends back (``Response``).
RES_NS = "urn:wco:datamodel:WCO:RES-DMS:2"
#: The response's data types.
RES_DS_NS = "urn:wco:datamodel:WCO:Response_DS:DMS:2"
#: XML Schema instance attributes (``xsi:schemaLocation`` on the root elements).
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
