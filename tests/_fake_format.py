"""A second format for the tests: a qualified root with unqualified children (the shape of
an NCTS message), two versions told apart by an attribute of the root, its own model,
reader, writer, normalizer into the canonical model, absent-data locator and a converter
from WCO. ``test_formats`` puts it in the registry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from single_window._locations import Absent, child, local_name
from single_window.findings import Finding
from single_window.formats import Converted, Detected, Format, Root
from single_window.models import (
    Classification,
    Code,
    Commodity,
    Declaration,
    GoodsShipment,
    GovernmentAgencyGoodsItem,
    Identifier,
)
from single_window.schema import Schema, load_schema

NS = "urn:example:fake-message"
XSD = Path(__file__).parent / "golden" / "fake-message.xsd"
#: The canonical element names this format names otherwise.
NAMES = {"ObligationGuarantee": "guarantee", "GoodsShipment": "item"}


@dataclass
class Text:
    """A value of the format's model, with where it was read."""

    value: str
    path: str | None = None
    line: int | None = None


@dataclass
class Message:
    """The format's own document model."""

    phase: str | None
    path: str = "/Message"
    line: int | None = None
    reference: Text | None = None
    function: Text | None = None
    codes: list[Text] = field(default_factory=list)


@dataclass(frozen=True)
class _Shape:
    table: dict[str, tuple[bool, Any]]

    def child(self, name: str) -> tuple[bool, Any]:
        return self.table.get(name, (False, None))


SHAPE = _Shape({"Message": (False, _Shape({"item": (True, _Shape({}))}))})


def read(root: etree._Element, detected: Detected) -> tuple[Message | None, list[Finding]]:
    message = Message(phase=root.get("phase"), line=root.sourceline)
    items = 0
    for el in root:
        name = local_name(el)
        if name == "item":
            items += 1
            where = child(child(message.path, "item", items), "code")
            code = el.find("code")
            if code is not None:
                message.codes.append(Text((code.text or "").strip(), where, code.sourceline))
        elif name in ("reference", "function"):
            text = Text((el.text or "").strip(), child(message.path, name), el.sourceline)
            setattr(message, name, text)
    return message, []


def normalize(message: Any) -> tuple[Declaration | None, list[Finding]]:
    items = [
        GovernmentAgencyGoodsItem(
            path=parent_of(code.path),
            line=code.line,
            commodity=Commodity(
                path=code.path,
                classifications=[
                    Classification(
                        path=code.path,
                        id=Identifier(value=code.value, path=code.path, line=code.line),
                        identification_type_code=Code(value="TSP"),
                    )
                ],
            ),
        )
        for code in message.codes
    ]
    decl = Declaration(
        path=message.path,
        line=message.line,
        id=Identifier(value=message.reference.value, path=message.reference.path)
        if message.reference
        else None,
        function_code=Code(value=message.function.value, path=message.function.path)
        if message.function
        else None,
        goods_shipment=GoodsShipment(path=message.path, government_agency_goods_items=items),
    )
    return decl, []


def parent_of(path: str | None) -> str | None:
    return path.rpartition("/")[0] if path else None


def write(message: Any, pretty: bool) -> bytes:
    root = etree.Element(f"{{{NS}}}Message", nsmap={"f": NS})
    if message.phase is not None:
        root.set("phase", message.phase)
    for name in ("reference", "function"):
        value = getattr(message, name)
        if value is not None:
            etree.SubElement(root, name).text = value.value
    for code in message.codes:
        etree.SubElement(etree.SubElement(root, "item"), "code").text = code.value
    return etree.tostring(root, pretty_print=pretty)


def from_wco(decl: Declaration, version: str | None = None, back: bool = False) -> Converted:
    reference = decl.functional_reference_id or decl.id
    codes = [Text(i.commodity_code) for i in decl.goods_items if i.commodity_code]
    message = Message(
        phase="P2",
        reference=Text(reference.value) if reference else None,
        function=Text(decl.function_code.value) if decl.function_code else None,
        codes=codes,
    )
    return Converted(message, "2")


def absent(message: Any, anchor: Any, missing: tuple[str, ...]) -> Absent:
    """Absent canonical data in this format's names, from the message root."""
    return Absent("/Message", 1, tuple(NAMES.get(step, step) for step in missing))


def schema(detected: Detected) -> Schema:
    return load_schema(XSD)


def version(value: str | None) -> str | None:
    return "2" if value == "P2" else "1"


FORMAT = Format(
    name="fake",
    title="Fake message",
    roots=(Root(NS, "Message"),),
    schema=schema,
    shape=SHAPE,
    read=read,
    normalize=normalize,
    write=write,
    example=f'<f:Message xmlns:f="{NS}"><reference>R</reference></f:Message>'.encode(),
    version_attribute="phase",
    version=version,
    absent=absent,
    converts_from={"wco": from_wco},
)
