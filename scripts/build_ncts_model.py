"""Generate ``single_window/formats/ncts/models.py`` from the bundled NCTS schemas.

Usage::

    python scripts/build_ncts_model.py          # rewrite the module
    python scripts/build_ncts_model.py --check  # exit 1 when the module differs from a rebuild

Reads the CC015C and CC013C schemas of both phases (``xsd/ncts/p5``, ``xsd/ncts/p6``) and
writes one pydantic class per complex type the two messages use (and one for their
``MESSAGE`` header group), one field per element in schema order, aliased by its XML name:

- a type is one class for both phases when it has the same XSD name in both: its fields
  are the union of the phases' elements, and a field only one phase has says so;
- class names are the XSD type names without ``Type`` and version; where several types
  share one, the one used most (then nearest the root, then of CC015C) keeps it and each
  other takes the name of its one parent as prefix (``LocationOfGoodsAddress``);
- field names are the element names in snake case, a repeatable element's a plural
  (``house_consignments``, ``customs_offices_of_transit_declared``);
- leaves are the WCO leaf types the canonical view holds the same data in, and
  :class:`XsdDateTime` / :class:`XsdDate`, as the tables below decide; an element no
  table decides stops the generator, so a new schema version cannot slip a value in
  untyped;
- docstrings give each element's description, format, optionality (required, optional,
  dependent: decided by a rule or condition) and code list, as the schema annotates them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
XSD = REPO / "xsd" / "ncts"
OUT = REPO / "single_window" / "formats" / "ncts" / "models.py"

XS = "{http://www.w3.org/2001/XMLSchema}"
NCTS = "{http://ncts.dgtaxud.ec}"
#: The phases, by the folder their schemas are in.
PHASES = {"p5": 5, "p6": 6}
#: The messages modelled: root element -> schema file.
MESSAGES = {"CC015C": "cc015c.xsd", "CC013C": "cc013c.xsd"}

#: Numbers whose WCO home is a measure, an amount or a quantity (the rest are Numeric).
NUMBER_CLASSES = {
    "grossMass": "Measure",
    "netMass": "Measure",
    "amountToBeCovered": "Amount",
    "supplementaryUnits": "Quantity",
    "numberOfPackages": "Quantity",
    "quantity": "Quantity",
}
#: Coded values the WCO data model holds as identifiers: customs office reference
#: numbers, UN/LOCODEs, classification codes and UN dangerous goods numbers (kept as
#: written, not upper-cased). Customs office reference numbers (``CORefNumType``) are
#: recognised by their type.
CODED_IDENTIFIERS = frozenset(
    {
        "customsOfficeAtBorderReferenceNumber",
        "UNLocode",
        "harmonizedSystemSubHeadingCode",
        "cusCode",
        "UNNumber",
    }
)
#: Free text without a code list.
TEXT_ELEMENTS = frozenset(
    {
        "name",
        "streetAndNumber",
        "houseNumber",
        "city",
        "descriptionOfGoods",
        "text",
        "complementOfInformation",
        "location",
        "latitude",
        "longitude",
    }
)
#: Identifiers and references without a code list (an access code is kept as written:
#: it is a secret, and case may matter).
IDENTIFIER_ELEMENTS = frozenset(
    {
        "messageSender",
        "messageRecipient",
        "messageIdentification",
        "correlationIdentifier",
        "LRN",
        "MRN",
        "GRN",
        "TIRCarnetNumber",
        "TIRHolderIdentificationNumber",
        "accessCode",
        "additionalIdentifier",
        "authorisationNumber",
        "combinedNomenclatureCode",
        "containerIdentificationNumber",
        "conveyanceReferenceNumber",
        "eMailAddress",
        "identificationNumber",
        "identifier",
        "otherGuaranteeReference",
        "phoneNumber",
        "postcode",
        "referenceNumber",
        "referenceNumberUCR",
        "shippingMarks",
    }
)
#: What the optionality letters of the schema annotations mean.
OPTIONALITY = {"R": "required", "O": "optional", "D": "dependent"}


@dataclass
class XElement:
    """One element of a complex type's sequence, in one phase."""

    name: str
    type: str
    min: int
    max: int | None
    description: str | None
    format: str | None
    optionality: str | None
    code_list: str | None


@dataclass
class XType:
    """A complex type (or the header group) of one phase."""

    name: str
    elements: list[XElement]
    group: str | None = None
    other: list[str] = field(default_factory=list)


@dataclass
class Phase:
    """What one phase's schemas say."""

    types: dict[str, XType]
    simple: dict[str, str | None]
    """Simple type -> its base type (None for a built-in)."""
    used: dict[str, list[str]] = field(default_factory=dict)
    """Complex type -> the element paths it is used at, in document order."""
    descriptions: dict[str, str] = field(default_factory=dict)
    """Complex type -> the description of the elements of that type."""
    titles: dict[str, str] = field(default_factory=dict)
    """Message -> its title in the schema's header comment."""
    message_types: dict[str, str] = field(default_factory=dict)
    """Every message type of code list ``MessageTypes`` -> its name there."""


@dataclass
class Field:
    """One field of a class, merged over the phases."""

    name: str
    type: str
    many: bool
    by_phase: dict[int, XElement]


@dataclass
class Klass:
    """One model class, merged over the phases."""

    xsd: str
    name: str = ""
    fields: list[Field] = field(default_factory=list)
    phases: set[int] = field(default_factory=set)
    paths: list[str] = field(default_factory=list)
    parents: set[str] = field(default_factory=set)
    description: str | None = None
    group: str | None = None


def _doc_value(element: etree._Element, tag: str, attribute: str = "value") -> str | None:
    found = element.find(f"{XS}annotation/{XS}documentation/{NCTS}{tag}")
    return None if found is None else found.get(attribute)


def _element(el: etree._Element) -> XElement:
    max_occurs = el.get("maxOccurs", "1")
    code = _doc_value(el, "codeList", "code")
    name = _doc_value(el, "codeList", "name")
    code_list = " ".join(x for x in (code, name) if x) or None
    return XElement(
        name=el.get("name", ""),
        type=el.get("type", ""),
        min=int(el.get("minOccurs", "1")),
        max=None if max_occurs == "unbounded" else int(max_occurs),
        description=_doc_value(el, "description"),
        format=_doc_value(el, "format"),
        optionality=_doc_value(el, "optionality"),
        code_list=code_list,
    )


def _enumeration(restriction: etree._Element) -> dict[str, str]:
    """The values of an enumeration and their documentation, as the schema writes it."""
    out: dict[str, str] = {}
    for value in restriction.iterfind(f"{XS}enumeration"):
        doc = value.find(f"{XS}annotation/{XS}documentation")
        text = " ".join((doc.text or "").split()) if doc is not None else ""
        out[value.get("value", "")] = text
    return out


def _xtype(name: str, node: etree._Element) -> XType:
    """A complex type or group: its sequence's elements, a group it starts with, and
    the names of any content the generator does not model (an attribute, a choice...)."""
    elements: list[XElement] = []
    group = None
    other: list[str] = []
    for child in node:
        if isinstance(child.tag, str) and child.tag not in (f"{XS}sequence", f"{XS}annotation"):
            other.append(etree.QName(child).localname)
    sequence = node.find(f"{XS}sequence")
    for child in sequence if sequence is not None else ():
        if child.tag == f"{XS}element":
            elements.append(_element(child))
        elif child.tag == f"{XS}group" and not elements:
            group = child.get("ref")
        elif isinstance(child.tag, str) and child.tag != f"{XS}annotation":
            other.append(f"sequence/{etree.QName(child).localname}")
    return XType(name, elements, group, other)


def read_phase(folder: Path) -> Phase:
    """Every complex type, group and simple type of one phase's schema files."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    types: dict[str, XType] = {}
    simple: dict[str, str | None] = {}
    titles: dict[str, str] = {}
    message_types: dict[str, str] = {}
    for file in sorted(folder.glob("*.xsd")):
        root = etree.parse(str(file), parser).getroot()
        for node in root:
            if not isinstance(node.tag, str):
                continue
            name = node.get("name", "")
            if node.tag == f"{XS}simpleType":
                restriction = node.find(f"{XS}restriction")
                simple[name] = None if restriction is None else restriction.get("base")
                if name == "MessageTypes" and restriction is not None:
                    message_types.update(_enumeration(restriction))
            elif node.tag in (f"{XS}complexType", f"{XS}group"):
                types[name] = _xtype(name, node)
        for message, schema in MESSAGES.items():
            if file.name == schema:
                comments = [
                    " ".join((c.text or "").strip("= ").split()) for c in root.iter(etree.Comment)
                ]
                start = next(i for i, c in enumerate(comments) if c.startswith("IE"))
                titles[message] = f"{comments[start]}, {comments[start + 1].lower()}"
    return Phase(types, simple, titles=titles, message_types=message_types)


def _walk(phase: Phase, type_name: str, path: str, description: str | None) -> None:
    phase.used.setdefault(type_name, []).append(path)
    if description and type_name not in phase.descriptions:
        phase.descriptions[type_name] = description
    xtype = phase.types[type_name]
    # A message root's one attribute, PhaseID, is read by hand; nothing else is modelled.
    unmodelled = [o for o in xtype.other if o != "attribute" or path.count("/") > 1]
    if unmodelled:
        raise SystemExit(f"{path} ({type_name}): {unmodelled} are not supported")
    if xtype.group is not None:
        _walk(phase, xtype.group, path, None)
    for element in xtype.elements:
        if element.type in phase.types:
            _walk(phase, element.type, f"{path}/{element.name}", element.description)


def base_chain(phase: Phase, type_name: str) -> list[str]:
    """A simple type and the types it restricts, down to the XSD built-in."""
    chain = [type_name]
    while chain[-1] in phase.simple:
        base = phase.simple[chain[-1]]
        if base is None:
            break
        chain.append(base)
    return chain


def leaf_class(phase: Phase, element: XElement) -> str:
    """The leaf class of a simple-typed element."""
    chain = base_chain(phase, element.type)
    builtin = chain[-1]
    name = element.name
    if builtin == "xs:dateTime":
        return "XsdDateTime"
    if builtin == "xs:date":
        return "XsdDate"
    if builtin in ("xs:integer", "xs:decimal"):
        return NUMBER_CLASSES.get(name, "Numeric")
    if builtin not in ("xs:token", "xs:normalizedString", "xs:string"):
        raise SystemExit(f"{name}: built-in type {builtin} is not supported")
    if element.code_list is not None:
        if "CountryCodeType" in chain:
            return "CountryCode"
        if name in CODED_IDENTIFIERS or "CORefNumType" in chain:
            return "Identifier"
        return "Code"
    if name in TEXT_ELEMENTS:
        return "Text"
    if name in IDENTIFIER_ELEMENTS:
        return "Identifier"
    raise SystemExit(f"{name} ({element.type}): no table says whether it is text or an identifier")


def snake(name: str) -> str:
    """``TIRCarnetNumber`` -> ``tir_carnet_number``, ``eMailAddress`` -> ``e_mail_address``."""
    step = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    step = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", step)
    return step.lower()


def plural(name: str) -> str:
    """The list field name of a repeatable element: the head noun takes the plural
    (``customs_office_of_transit_declared`` -> ``customs_offices_of_transit_declared``)."""
    if name.endswith("information"):
        return name
    head, sep, rest = name.partition("_of_")
    if head.endswith("y") and head[-2:-1] not in ("a", "e", "i", "o", "u"):
        head = head[:-1] + "ies"
    elif not head.endswith("s"):
        head += "s"
    return head + sep + rest


def _merge_order(first: list[str], second: list[str], where: str) -> list[str]:
    """One order of the element names of two sequences that both agree with."""
    common_first = [n for n in first if n in second]
    common_second = [n for n in second if n in first]
    if common_first != common_second:
        raise SystemExit(f"{where}: the phases order their elements differently")
    merged = list(first)
    for i, name in enumerate(second):
        if name in merged:
            continue
        before = second[i - 1] if i else None
        merged.insert(merged.index(before) + 1 if before is not None else 0, name)
    return merged


def merge(phases: dict[int, Phase]) -> dict[str, Klass]:
    """The classes of both phases, keyed by XSD type name, in no particular order."""
    classes: dict[str, Klass] = {}
    for number, phase in phases.items():
        for type_name, paths in phase.used.items():
            klass = classes.setdefault(type_name, Klass(type_name))
            klass.phases.add(number)
            klass.paths += [p for p in paths if p not in klass.paths]
            klass.description = klass.description or phase.descriptions.get(type_name)
            klass.group = phase.types[type_name].group
            for xtype in phase.types.values():
                if any(e.type == type_name for e in xtype.elements) and xtype.name in phase.used:
                    klass.parents.add(xtype.name)
    for type_name, klass in classes.items():
        order: list[str] = []
        by_name: dict[str, dict[int, XElement]] = {}
        for number in sorted(klass.phases):
            elements = phases[number].types[type_name].elements
            names = [e.name for e in elements]
            order = _merge_order(order, names, type_name) if order else names
            for element in elements:
                by_name.setdefault(element.name, {})[number] = element
        for name in order:
            per_phase = by_name[name]
            kinds = set()
            for number, element in per_phase.items():
                phase = phases[number]
                known = element.type in phase.types
                kinds.add(element.type if known else leaf_class(phase, element))
            if len(kinds) != 1:
                raise SystemExit(f"{type_name}/{name}: the phases type it differently: {kinds}")
            many = any(e.max is None or e.max > 1 for e in per_phase.values())
            klass.fields.append(Field(name, kinds.pop(), many, per_phase))
    return classes


def _base_name(type_name: str) -> str:
    if type_name == "MESSAGE":
        return "Message"
    return re.sub(r"Type\d*$", "", type_name)


def name_classes(classes: dict[str, Klass], roots: list[str]) -> None:
    """Give every class its Python name (see the module docstring)."""

    def rank(klass: Klass) -> tuple[int, int, int]:
        depth = min(p.count("/") for p in klass.paths)
        root = min(roots.index(p.split("/")[1]) for p in klass.paths)
        return (-len(klass.paths), depth, root)

    by_base: dict[str, list[Klass]] = {}
    for klass in classes.values():
        by_base.setdefault(_base_name(klass.xsd), []).append(klass)
    pending: list[tuple[Klass, str]] = []
    for base, group in by_base.items():
        group.sort(key=rank)
        group[0].name = base
        pending += [(k, base) for k in group[1:]]
    while pending:
        klass, base = pending.pop(0)
        if len(klass.parents) != 1:
            raise SystemExit(f"{klass.xsd}: shares its name and has {len(klass.parents)} parents")
        parent = classes[next(iter(klass.parents))]
        if not parent.name:
            pending.append((klass, base))
            continue
        klass.name = parent.name + base
    names = [k.name for k in classes.values()]
    if len(names) != len(set(names)):
        raise SystemExit(f"class names collide: {sorted(n for n in names if names.count(n) > 1)}")


def class_order(classes: dict[str, Klass], roots: list[str]) -> list[Klass]:
    """Children before parents (the header group first), each once."""
    order: list[Klass] = []

    def visit(type_name: str) -> None:
        klass = classes[type_name]
        if klass in order:
            return
        if klass.group is not None:
            visit(klass.group)
        for f in klass.fields:
            if f.type in classes:
                visit(f.type)
        order.append(klass)

    for root in roots:
        visit(f"{root}Type")
    return order


def _wrap(text: str, pad: str, width: int = 92) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(pad) + len(line) + 1 + len(word) > width:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return lines


def _docstring(text: str, pad: str) -> list[str]:
    text = text.replace("\\", "\\\\").replace('"""', "'''")
    lines = _wrap(text, pad, 89)
    if len(lines) == 1:
        return [f'{pad}"""{lines[0].strip()}"""']
    lines[0] = f'{pad}"""{lines[0].strip()}'
    return [*lines, f'{pad}"""']


def _sentence(text: str | None) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    if text.isupper() and (" " in text or len(text) > 4):
        return text[0] + text[1:].lower()
    return text


def field_doc(f: Field, klass_phases: set[int]) -> str:
    """A field's docstring: what the schema annotates, and how the phases differ."""
    first = f.by_phase[min(f.by_phase)]
    parts = [x for x in (first.format,) if x]
    optionality = {n: OPTIONALITY.get(e.optionality or "", "") for n, e in f.by_phase.items()}
    if len(set(optionality.values())) == 1:
        if first.optionality:
            parts.append(optionality[min(optionality)])
    else:
        parts.append("; ".join(f"Phase {n}: {o}" for n, o in sorted(optionality.items()) if o))
    if first.code_list:
        parts.append(f"code list {first.code_list}")
    text = _sentence(first.description) or f.name
    if parts:
        text += f" ({'; '.join(parts)})"
    text += "."
    missing = sorted(klass_phases - set(f.by_phase))
    if missing:
        only = ", ".join(str(n) for n in sorted(f.by_phase))
        lacking = ", ".join(str(n) for n in missing)
        text += f" Phase {only} only: the Phase {lacking} schema has no such element."
    occurs = {n: f"{e.min}..{e.max or 'unbounded'}" for n, e in f.by_phase.items()}
    if len(set(occurs.values())) > 1 and len(set(optionality.values())) == 1:
        text += " Occurs " + ", ".join(f"{o} in Phase {n}" for n, o in sorted(occurs.items())) + "."
    return text


def class_doc(klass: Klass, titles: dict[str, str]) -> list[str]:
    """A class's docstring: what it is, where it occurs, in which phases."""
    if klass.xsd == "MESSAGE":
        first = "The header every NCTS message starts with (XSD group ``MESSAGE``)"
    elif klass.xsd.removesuffix("Type") in titles:
        message = klass.xsd.removesuffix("Type")
        first = f"The NCTS message {message}, {titles[message]} (XSD type ``{klass.xsd}``)"
    else:
        first = f"{_sentence(klass.description) or klass.name} (XSD type ``{klass.xsd}``)"
    phases = sorted(klass.phases)
    first += "; Phase 5 and 6." if len(phases) == 2 else f"; Phase {phases[0]} only."
    where = ", ".join(f"``{p}``" for p in klass.paths[:3])
    if len(klass.paths) > 3:
        where += f" and {len(klass.paths) - 3} more places"
    lines = _wrap(first, "    ")
    lines[0] = '    """' + lines[0].lstrip()
    return [*lines, "", *_wrap(f"At {where}.", "    "), '    """']


#: The module's constants (besides its classes).
CONSTANTS = ("CODE_LISTS", "INTEGER_ELEMENTS", "MESSAGE_CLASSES", "MESSAGE_TYPES")

ROOT_EXTRA = [
    "phase_id: str | None = None",
    '"""The root\'s ``PhaseID`` attribute (``NCTS5.1``, ``NCTS6``, ...), if present."""',
    "unmapped: list[Unmapped] = PydanticField(default_factory=list)",
    '"""What the message held beyond the model, kept verbatim and written back."""',
]


def _header(leaves: list[str]) -> list[str]:
    return [
        '"""Typed models of the NCTS messages CC015C and CC013C, Phases 5 and 6.',
        "",
        "Generated by ``scripts/build_ncts_model.py`` from the bundled schemas",
        "(``xsd/ncts/p5``, ``xsd/ncts/p6``): edit the generator, not this file.",
        "",
        "One class per complex type of the schemas (named after it, without ``Type`` and",
        "version), one field per element in schema order; each field's alias is the XML",
        "element name. One class serves both phases; a field only one phase has says so.",
        "Leaf values are the WCO leaf types (:class:`Text`, :class:`Identifier`,",
        ":class:`Code`, :class:`CountryCode`, :class:`Numeric`, :class:`Measure`,",
        ":class:`Amount`, :class:`Quantity`) and :class:`XsdDateTime` / :class:`XsdDate`;",
        "each keeps its source ``path`` and ``line``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import ClassVar",
        "",
        "from pydantic import Field as PydanticField",
        "",
        "from single_window._dates import XsdDate, XsdDateTime",
        "from single_window._model_api import Unmapped, many, opt",
        "from single_window._values import (",
        *(f"    {n}," for n in sorted({*leaves, "Node"} - {"XsdDate", "XsdDateTime"})),
        ")",
        "from single_window.formats.ncts._api import MessageAPI",
        "",
    ]


def leaf_types(classes: dict[str, Klass], phases: dict[int, Phase]) -> tuple[set[str], set[str]]:
    """The leaf classes the model uses, and the elements whose schema type is an integer.

    Raises:
        SystemExit: when an element is an integer in one place and a decimal in another.
    """
    integers: set[str] = set()
    decimals: set[str] = set()
    leaves: set[str] = set()
    for klass in classes.values():
        for f in klass.fields:
            if f.type in classes:
                continue
            leaves.add(f.type)
            for number, element in f.by_phase.items():
                builtin = base_chain(phases[number], element.type)[-1]
                if builtin == "xs:integer":
                    integers.add(f.name)
                elif builtin == "xs:decimal":
                    decimals.add(f.name)
    if integers & decimals:
        raise SystemExit(f"integer in one place, not in another: {sorted(integers & decimals)}")
    return leaves, integers


def field_source(f: Field, annotation: str, name: str) -> list[str]:
    """The source lines of one field, wrapped at 100 columns."""
    if f.many:
        head, call = f"{name}: list[{annotation}] = ", "many"
    else:
        head, call = f"{name}: {annotation} | None = ", "opt"
    if len(head) + len(call) + len(f.name) + 8 <= 100:
        return [f'    {head}{call}("{f.name}")']
    if len(head) + len(call) + 5 <= 100:
        return [f"    {head}{call}(", f'        "{f.name}"', "    )"]
    if len(head) + 5 <= 100:
        return [f"    {head}(", f'        {call}("{f.name}")', "    )"]
    return [f"    {name}: list[", f"        {annotation}", f'    ] = {call}("{f.name}")']


def class_source(klass: Klass, classes: dict[str, Klass], titles: dict[str, str]) -> list[str]:
    """The source lines of one class."""
    message = klass.xsd.removesuffix("Type")
    is_root = message in MESSAGES
    if is_root:
        group = classes[klass.group].name if klass.group else "Node"
        bases = f"MessageAPI, {group}"
    else:
        bases = "Node"
    out = ["", f"class {klass.name}({bases}):", *class_doc(klass, titles), ""]
    if is_root:
        out.append(f'    MESSAGE_TYPE: ClassVar[str] = "{message}"')
    seen: set[str] = set()
    for f in klass.fields:
        annotation = classes[f.type].name if f.type in classes else f.type
        name = plural(snake(f.name)) if f.many else snake(f.name)
        if name in seen or name in ("path", "line", "phase_id", "unmapped"):
            raise SystemExit(f"{klass.xsd}: field {name} twice or reserved")
        seen.add(name)
        out += field_source(f, annotation, name)
        out += _docstring(field_doc(f, klass.phases), "    ")
    if is_root:
        out += [f"    {line}" for line in ROOT_EXTRA]
    return [*out, ""]


def code_lists(classes: dict[str, Klass]) -> dict[str, str]:
    """Every element whose value is drawn from a code list, by its path below the message
    root (``Consignment/HouseConsignment/ConsignmentItem/Packaging/typeOfPackages``) ->
    the list's number (``CL017``), as the Phase 5 schema annotates it (Phase 6 where only
    it has the element)."""
    found: dict[str, str] = {}
    for klass in classes.values():
        for f in klass.fields:
            element = f.by_phase[min(f.by_phase)]
            if not element.code_list:
                continue
            number = element.code_list.split()[0]
            for path in klass.paths:
                below = f"{path.split('/', 2)[2]}/{f.name}" if path.count("/") > 1 else f.name
                if found.setdefault(below, number) != number:
                    raise SystemExit(f"{below}: code lists {found[below]} and {number}")
    return dict(sorted(found.items()))


def _entry(key: str, value: str) -> list[str]:
    """A dict entry of string key and value, its key split at a step where it is long."""
    line = f"    {json.dumps(key)}: {json.dumps(value)},"
    if len(line) <= 100:
        return [line]
    cut = key.rindex("/", 0, 90) + 1
    return [f"    {json.dumps(key[:cut])}", f"    {json.dumps(key[cut:])}: {json.dumps(value)},"]


def generate(folder: Path = XSD) -> str:
    """The source of the models module for the schemas in ``folder``."""
    phases = {number: read_phase(folder / name) for name, number in PHASES.items()}
    roots = list(MESSAGES)
    for phase in phases.values():
        for root in roots:
            _walk(phase, f"{root}Type", f"/{root}", None)
    classes = merge(phases)
    name_classes(classes, roots)
    order = class_order(classes, roots)
    leaves, integers = leaf_types(classes, phases)
    names = {*(k.name for k in order), *CONSTANTS}
    out = [
        *_header(sorted(leaves)),
        "__all__ = [",
        *(f'    "{n}",' for n in sorted(names, key=lambda n: (not n.isupper(), n))),
        "]",
        "",
    ]
    for klass in order:
        out += class_source(klass, classes, phases[5].titles)
    roots_map = ", ".join(f'"{r}": {classes[r + "Type"].name}' for r in roots)
    message_types = {**phases[5].message_types, **phases[6].message_types}
    out += [
        "",
        "#: The model class of each message type read.",
        f"MESSAGE_CLASSES: dict[str, type[{' | '.join(roots)}]] = {{{roots_map}}}",
        "",
        "#: Every NCTS message type either phase's code list ``MessageTypes`` names, with its",
        "#: name there (as written there).",
        "MESSAGE_TYPES: dict[str, str] = {",
        *(f"    {json.dumps(k)}: {json.dumps(v)}," for k, v in sorted(message_types.items())),
        "}",
        "",
        "#: The code list (its number) of every element whose value is drawn from one, by the",
        "#: element's path below the message root (the same in every message type read).",
        "CODE_LISTS: dict[str, str] = {",
        *(line for k, v in code_lists(classes).items() for line in _entry(k, v)),
        "}",
        "",
        "#: Elements whose schema type is ``xs:integer`` (written without a decimal point).",
        "INTEGER_ELEMENTS: frozenset[str] = frozenset(",
        "    {",
        *(f"        {json.dumps(n)}," for n in sorted(integers)),
        "    }",
        ")",
        "",
    ]
    text = "\n".join(line.rstrip() for line in out)
    return re.sub(r"\n{3,}(?=\nclass )", "\n\n", text).replace("\n\n\n\n", "\n\n\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xsd", type=Path, default=XSD, help="folder of p5/ and p6/")
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
