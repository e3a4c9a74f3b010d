"""Generate ``single_window/models.py`` from the bundled XSD profile (``xsd/``).

Usage::

    python scripts/build_model.py          # rewrite single_window/models.py
    python scripts/build_model.py --check  # exit 1 when models.py differs from a rebuild

The WCO format's walkers follow the model: run ``scripts/build_walkers.py`` after a rebuild.

One pydantic class per complex type of the profile (one per WCO class, named as the
profile names it), one field per element in schema order:

- field names are the snake case of the WCO element names (``TotalGrossMassMeasure`` ->
  ``total_gross_mass_measure``); repeatable elements are lists with plural names
  (``Itinerary`` -> ``itineraries``); a name that would hide a location field of every
  model class (``path``, ``line``) takes its data type as a suffix (``Line`` ->
  ``line_text``);
- leaf values are typed by the UN/CEFACT data type the profile names for them
  (``ots:dataType``): :class:`Code`, :class:`Identifier`, :class:`Text`, :class:`Numeric`,
  :class:`Amount`, :class:`Measure`, :class:`Quantity`, :class:`DateTime`; a code in WCO
  format ``a2`` is a :class:`CountryCode`;
- each class's docstring gives its WCO class name and id and where it occurs, each field's
  docstring its WCO data element id, name and format.

What cannot be derived from the schema (the convenience API, ``Unmapped``, the
``metadata``/``schema_location``/``unmapped`` fields and the format a declaration was read
from) is hand-written in
``single_window/_model_api.py`` and wired in by the tables below. Classes are written
children first, so every annotation resolves when its class is created.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
XSD = REPO / "xsd"
OUT = REPO / "single_window" / "models.py"

XS = "{http://www.w3.org/2001/XMLSchema}"
OTS = "{urn:single-window:profile}"

#: Leaf class of each UN/CEFACT data type named by ``ots:dataType``.
LEAF_CLASSES = {
    "Code": "Code",
    "Identifier": "Identifier",
    "Text": "Text",
    "Numeric": "Numeric",
    "Amount": "Amount",
    "Measure": "Measure",
    "Quantity": "Quantity",
    "DateTime": "DateTime",
}

#: Hand-written API mixed into generated classes (from ``single_window._model_api``).
MIXINS = {
    "Declaration": "DeclarationAPI",
    "GovernmentAgencyGoodsItem": "GoodsItemAPI",
    "AdditionalDocument": "DocumentCodeAPI",
    "DeclarationAdditionalDocument": "DocumentCodeAPI",
    "PreviousDocument": "DocumentCodeAPI",
}

#: Fields that are not elements: (class, position, source lines).
EXTRA_FIELDS: dict[str, list[tuple[str, list[str]]]] = {
    "Declaration": [
        (
            "first",
            [
                "_read_from: ReadFrom | None = PrivateAttr(default=None)",
                "metadata: MetaData | None = None",
                '"""The ``MetaData`` envelope, when the document had one."""',
                "schema_location: str | None = None",
                '"""The Declaration element\'s ``xsi:schemaLocation`` attribute, if present."""',
            ],
        ),
        (
            "last",
            [
                "unmapped: list[Unmapped] = Field(default_factory=list)",
                '"""What the document held beyond the model, kept verbatim and written back."""',
            ],
        ),
    ],
    "MetaData": [
        (
            "last",
            [
                "schema_location: str | None = None",
                '"""The MetaData element\'s ``xsi:schemaLocation`` attribute, if present."""',
            ],
        )
    ],
}

#: More docstring for a few classes.
DOC_EXTRA = {
    "Declaration": (
        "The root of the model. ``metadata`` is the ``MetaData`` envelope when the document "
        "had one; ``unmapped`` keeps anything the document held that the model has no field "
        "for, with where it stood."
    ),
    "MetaData": "The WCO ``MetaData`` envelope around a declaration.",
}

#: WCO classes of the parties a declaration names (``Party`` is the union of their models).
PARTY_CLASSES = frozenset(
    {
        "Agent",
        "Buyer",
        "Carrier",
        "Consignee",
        "Consignor",
        "Declarant",
        "Exporter",
        "Importer",
        "Payer",
        "Seller",
        "Submitter",
        "Surety",
    }
)

#: Element names that would hide a field every model class has.
RESERVED = frozenset({"path", "line"})


@dataclass
class Element:
    """One element of a class's sequence."""

    name: str
    type: str
    many: bool
    wco_id: str | None
    wco_name: str | None
    wco_format: str | None
    note: str | None = None


@dataclass
class ClassType:
    """One complex type of the profile: a model class."""

    name: str
    wco_id: str | None
    wco_name: str | None
    elements: list[Element] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    note: str | None = None


def snake(name: str) -> str:
    """``FunctionalReferenceID`` -> ``functional_reference_id``, ``UCR`` -> ``ucr``."""
    step = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    step = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", step)
    return step.lower()


def plural(name: str) -> str:
    """The list field name of a repeatable element."""
    if name.endswith(("s", "information")):
        return name
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "i", "o", "u"):
        return name[:-1] + "ies"
    return name + "s"


def _note(element: etree._Element) -> str | None:
    previous = element.getprevious()
    notes: list[str] = []
    while isinstance(previous, etree._Comment):
        text = " ".join((previous.text or "").split())
        if text.startswith(("OTS addition:", "OTS widening:", "Widened:")):
            notes.append(text)
        previous = previous.getprevious()
    return " ".join(reversed(notes)) or None


def _elements(complex_type: etree._Element) -> list[Element]:
    out: list[Element] = []
    for el in complex_type.iterfind(f"{XS}sequence/{XS}element"):
        if el.get("ref") is not None:
            continue
        out.append(
            Element(
                name=el.get("name", ""),
                type=el.get("type", "").partition(":")[2],
                many=el.get("maxOccurs", "1") != "1",
                wco_id=el.get(f"{OTS}wcoID"),
                wco_name=el.get(f"{OTS}wcoName"),
                wco_format=el.get(f"{OTS}wcoFormat"),
                note=_note(el),
            )
        )
    return out


def read_profile(folder: Path) -> tuple[dict[str, str], dict[str, ClassType]]:
    """The data type of every leaf type, and every class type (by class name)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=False)
    datatypes = etree.parse(str(folder / "ots-datatypes.xsd"), parser).getroot()
    data_types = {
        t.get("name", ""): t.get(f"{OTS}dataType", "")
        for t in datatypes
        if isinstance(t.tag, str) and t.get(f"{OTS}dataType")
    }
    classes: dict[str, ClassType] = {}
    for file in ("ots-metadata.xsd", "ots-declaration.xsd"):
        root = etree.parse(str(folder / file), parser).getroot()
        for complex_type in root.iterfind(f"{XS}complexType"):
            name = complex_type.get("name", "").removesuffix("Type")
            classes[name] = ClassType(
                name=name,
                wco_id=complex_type.get(f"{OTS}wcoID"),
                wco_name=complex_type.get(f"{OTS}wcoName"),
                elements=_elements(complex_type),
            )
    return data_types, classes


def _walk(classes: dict[str, ClassType], name: str, path: str, order: list[str]) -> None:
    cls = classes[name]
    cls.paths.append(path)
    for element in cls.elements:
        child = element.type.removesuffix("Type")
        if child in classes:
            classes[child].note = classes[child].note or element.note
            _walk(classes, child, f"{path}/{element.name}", order)
    if name not in order:
        order.append(name)


def _leaf_class(element: Element, data_types: dict[str, str]) -> str:
    data_type = data_types.get(element.type)
    if data_type is None:
        raise SystemExit(f"{element.name}: type {element.type} names no data type")
    if data_type == "Code" and element.wco_format == "a2":
        return "CountryCode"
    return LEAF_CLASSES[data_type]


def _field_name(element: Element, annotation: str) -> str:
    name = snake(element.name)
    if name in RESERVED:
        name = f"{name}_{snake(annotation)}"
    return plural(name) if element.many else name


def _docstring(text: str, pad: str) -> list[str]:
    """A docstring wrapped at 92 columns."""
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(pad) + len(line) + 1 + len(word) > 92:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    if len(lines) == 1:
        return [f'{pad}"""{lines[0]}"""']
    return [f'{pad}"""{lines[0]}', *(f"{pad}{x}" for x in lines[1:]), f'{pad}"""']


def _class_doc(cls: ClassType) -> list[str]:
    if cls.wco_name is not None:
        ident = f" ({cls.wco_id})" if cls.wco_id else ""
        first = f"WCO class {cls.wco_name}{ident}."
    elif cls.name == "MetaData":
        first = "WCO document metadata."
    else:
        note = cls.note or "OTS addition."
        first = note.replace("OTS addition: ", "OTS addition, not a WCO class: ")
        if not first.endswith("."):
            first += "."
    if cls.name in DOC_EXTRA:
        first += " " + DOC_EXTRA[cls.name]
    where = ", ".join(f"``{p}``" for p in cls.paths[:3])
    if len(cls.paths) > 3:
        where += f" and {len(cls.paths) - 3} more places"
    lines = _wrap(first, "    ")
    lines[0] = '    """' + lines[0].lstrip()
    return [*lines, "", *_wrap(f"At {where}.", "    "), '    """']


def _wrap(text: str, pad: str) -> list[str]:
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(pad) + len(line) + 1 + len(word) > 92:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return lines


def _field_doc(element: Element, is_class: bool) -> str:
    if element.wco_id or element.wco_name:
        label = "WCO class" if is_class else "WCO"
        parts = [f"{label} {element.wco_id}"] if element.wco_id else []
        if element.wco_name:
            parts.append(element.wco_name)
        text = " ".join(parts)
    else:
        text = element.name
    if element.wco_format:
        text += f" ({element.wco_format})"
    text += "."
    if element.note:
        text += " " + element.note
    return text.replace('"""', "'''").replace("\\", "\\\\")


def generate(folder: Path = XSD) -> str:
    """The source of ``single_window/models.py`` for the profile in ``folder``."""
    data_types, classes = read_profile(folder)
    order: list[str] = []
    _walk(classes, "MetaData", "MetaData", order)
    _walk(classes, "Declaration", "Declaration", order)
    unused = sorted(set(classes) - set(order))
    if unused:
        raise SystemExit(f"complex types used nowhere: {unused}")
    parties = sorted(
        name
        for name, cls in classes.items()
        if cls.wco_name in PARTY_CLASSES and {e.name for e in cls.elements} >= {"ID", "Address"}
    )
    leaf_names = sorted(set(LEAF_CLASSES.values()) | {"CountryCode"})
    value_names = sorted({*leaf_names, "Leaf", "Node"})
    out = [
        '"""Typed models of a WCO Data Model goods declaration (DEC-DMS:2 layout).',
        "",
        "Generated by ``scripts/build_model.py`` from the bundled profile (``xsd/``): edit the",
        "profile generator or ``single_window/_model_api.py``, not this file.",
        "",
        "One class per WCO class, one field per element, in the order the schema's sequences",
        "require (so :meth:`Declaration.to_xml` writes a valid document). Field names are the",
        "WCO element names in snake case; each field's alias is the XML element name. Leaf",
        "values are :class:`Code`, :class:`CountryCode`, :class:`Identifier`, :class:`Text`,",
        ":class:`Numeric`, :class:`Amount`, :class:`Measure`, :class:`Quantity` and",
        ":class:`DateTime`; each keeps its source ``path`` and ``line`` and has a typed field",
        "for every attribute its data type allows.",
        "",
        "Example:",
        "    >>> import single_window",
        '    >>> decl = single_window.parse("examples/tr-import.xml")  # doctest: +SKIP',
        "    >>> decl.goods_items[0].commodity_code                    # doctest: +SKIP",
        "    '731815900019'",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from pydantic import Field, PrivateAttr",
        "from typing_extensions import TypeAliasType",
        "",
        "from single_window._model_api import (",
        "    COMMODITY_CODE_PARTS,",
        "    TRANSIT_TYPES,",
        *sorted({f"    {m}," for m in MIXINS.values()}),
        "    Kind,",
        "    ReadFrom,",
        "    Unmapped,",
        "    many,",
        "    opt,",
        ")",
        "from single_window._values import (",
        *(f"    {n}," for n in value_names),
        ")",
        "",
        "__all__ = [",
        *(
            f'    "{n}",'
            for n in sorted(
                {
                    *order,
                    *leaf_names,
                    "Leaf",
                    "Node",
                    "Unmapped",
                    "Party",
                    "Kind",
                    "COMMODITY_CODE_PARTS",
                    "TRANSIT_TYPES",
                },
                key=lambda n: (not n.isupper(), n),
            )
        ),
        "]",
        "",
    ]
    for name in order:
        cls = classes[name]
        bases = f"{MIXINS[name]}, Node" if name in MIXINS else "Node"
        out += ["", f"class {name}({bases}):", *_class_doc(cls), ""]
        extras = dict(EXTRA_FIELDS.get(name, []))
        for line in extras.get("first", []):
            out.append(f"    {line}")
        seen: set[str] = set()
        for element in cls.elements:
            child = element.type.removesuffix("Type")
            annotation = child if child in classes else _leaf_class(element, data_types)
            field_name = _field_name(element, annotation)
            if field_name in seen:
                raise SystemExit(f"{name}: field {field_name} twice")
            seen.add(field_name)
            if element.many:
                head, call = f"{field_name}: list[{annotation}] = ", "many"
            else:
                head, call = f"{field_name}: {annotation} | None = ", "opt"
            if len(head) + len(call) + len(element.name) + 8 <= 100:
                out.append(f'    {head}{call}("{element.name}")')
            else:
                out += [f"    {head}{call}(", f'        "{element.name}"', "    )"]
            out += _docstring(_field_doc(element, child in classes), "    ")
        for line in extras.get("last", []):
            out.append(f"    {line}")
        out.append("")
    out += [
        "",
        "#: Any party with a name, an identifier and an address (exporter, importer,",
        "#: declarant, carrier, ...): what the party rules read.",
        "Party = TypeAliasType(",
        '    "Party",',
        f"    {parties[0]}",
        *(f"    | {name}" for name in parties[1:-1]),
        f"    | {parties[-1]},",
        ")",
        "",
    ]
    text = "\n".join(line.rstrip() for line in out)
    return re.sub(r"\n{3,}(?=\nclass )", "\n\n", text).replace("\n\n\n\n", "\n\n\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xsd", type=Path, default=XSD, help="profile folder")
    parser.add_argument("--out", type=Path, default=OUT, help="the module to write")
    parser.add_argument("--check", action="store_true", help="only report a difference")
    args = parser.parse_args(argv)
    text = generate(args.xsd)
    current = args.out.read_text("utf-8") if args.out.is_file() else None
    if args.check:
        if current != text:
            print(f"{args.out} differs from a rebuild", file=sys.stderr)
            return 1
        return 0
    if current != text:
        args.out.write_text(text, "utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
