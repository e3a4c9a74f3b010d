"""Build the library's XSD profile (``xsd/``) from a national WCO DM DEC-DMS:2 schema.

Usage::

    python scripts/build_profile.py                # rewrite xsd/ from the shared corpus schema
    python scripts/build_profile.py --check        # exit 1 when xsd/ differs from a rebuild
    python scripts/build_profile.py --national DIR # read another national schema folder

The national schema (by default ``../shared/corpus/hmrc-cds/schemas``, a DMS customization
of the WCO Data Model 3.6) is read for its *structure*: the classes and data elements of
the goods declaration and its MetaData envelope, their order, nesting and cardinalities,
their WCO ids, names and formats (the ``WCOID``, ``WCOName`` and ``WCOFormat``
annotations) and the UN/CEFACT unqualified data types each element restricts, with their
attributes. Its prose and its national narrowing are not carried over:

- facets come from each data element's WCO format (``an..35`` -> at most 35 characters,
  ``a2`` -> two letters, ``n..16,3`` -> 16 digits, 3 after the point and no sign, ...);
- national code lists (enumerations) are dropped;
- where the national facet is looser than the WCO format (for example a metadata element
  without any length limit), the profile takes the national facet, so that every
  nationally valid document stays valid, and says so in a comment next to the element or
  type. The one exception is the sign: the national schema reads numbers as xs:decimal,
  but a WCO numeric format carries no sign, and the profile keeps it so (no national
  sample declaration has a negative number);
- the OTS additions and widenings in :data:`ADDITIONS` (``scripts/profile_additions.py``,
  each with its reason) are applied on top and marked as such in the XSD: an added element
  carries ``ots:addition="true"``, a value or element the profile accepts beyond its WCO
  format or the national cardinality ``ots:widened="true"``, each with an ``OTS addition``
  or ``OTS widening`` comment before it.

Every class is written as a named complex type. Where one WCO class has different content
in different places (the goods item's ``AdditionalDocument`` has more elements than the
declaration's), the variant that occurs most often in the national structure keeps the
class name and the others are named by their context (``DeclarationAdditionalDocument``);
identical content shares one type, so an addition that copies a national class (a house
consignment's ``Consignee``) reuses its type and renames nothing. The same names are the
class names of the generated model (``scripts/build_model.py``).

Each element carries its WCO facts as attributes in the profile's own annotation
namespace (``ots:wcoID``, ``ots:wcoName``, ``ots:wcoFormat``), and each leaf type names
the UN/CEFACT data type it restricts (``ots:dataType``); validators ignore them, the model
generator reads them. The output is deterministic, so ``tests/test_profile_build.py`` can
rebuild it and compare.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[1]
NATIONAL = REPO.parent / "shared" / "corpus" / "hmrc-cds" / "schemas"
OUT = REPO / "xsd"

MD_NS = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2"
DEC_NS = "urn:wco:datamodel:WCO:DEC-DMS:2"
DS_NS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2"
OTS_NS = "urn:single-window:profile"
UDT_NS = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:6"
XS = "{http://www.w3.org/2001/XMLSchema}"

# --- the data types ----------------------------------------------------------------------

#: UN/CEFACT unqualified data type -> the profile's data type name for it.
UDT_KINDS = {
    "CodeType": "Code",
    "IDType": "Identifier",
    "TextType": "Text",
    "AmountType": "Amount",
    "MeasureType": "Measure",
    "QuantityType": "Quantity",
    "NumericType": "Numeric",
    "DateTimeType": "DateTime",
}
NUMBER_KINDS = frozenset({"Amount", "Measure", "Quantity", "Numeric"})
STRING_KINDS = frozenset({"Code", "Identifier", "Text"})

#: Character classes of the national patterns: ``an`` is any text with at least one
#: visible character, ``a`` letters, ``n`` digits (``None``: anything).
NATIONAL_PATTERNS = {".*[^\\s].*": "an", "([a-zA-Z])*": "a", "([0-9])*": "n"}
#: The profile's pattern for each class. ``\s*\S.*`` accepts everything the national
#: ``.*[^\s].*`` does, and libxml2 matches it faster: validating the corpus takes a sixth
#: less time than with the national form.
PATTERNS = {"an": "\\s*\\S.*", "a": "[A-Za-z]*", "n": "[0-9]*"}

#: The national date pattern the profile's date type was checked against.
NATIONAL_DATE_PATTERN = "(20\\d{6})(\\d{6}(Z|[-+]\\d\\d))?"
DATE_PATTERN = "[0-9]{8}([0-9]{6}(Z|[+\\-][0-9]{2}))?"

#: National attribute types -> the profile's types for them.
ATTRIBUTE_TYPES = {
    "token": "xs:token",
    "string": "xs:string",
    "anyURI": "xs:anyURI",
    "language": "xs:language",
    "AgencyIdentificationCodeContentType": "dt:AgencyIdentificationCodeType",
    "ISO3AlphaCurrencyCodeContentType": "dt:CurrencyCodeType",
    "MeasurementUnitCommonCodeContentType": "dt:UnitCodeType",
    "FormatCodeType": "dt:DateTimeFormatCodeType",
}

_FORMAT = re.compile(r"^(an|a|n)(\.\.)?(\d+)(?:,(\d+))?$")


@dataclass(frozen=True)
class Facets:
    """The lexical limits of one value.

    Strings: ``chars`` (``a``, ``n``, ``an`` or None for anything) and either a fixed
    ``length`` or a ``max_length``. Numbers: ``total`` and ``fraction`` digits (None:
    no limit), and ``unsigned`` when the WCO format is numeric (``n..16,3``): a WCO
    number carries no sign, so the value is at least zero.
    """

    chars: str | None = None
    length: int | None = None
    max_length: int | None = None
    total: int | None = None
    fraction: int | None = None
    unsigned: bool = False

    def name(self) -> str:
        """The facets as a type name part: ``AnMax35``, ``A2``, ``NMax16F3``, ``""``."""
        chars = {"an": "An", "a": "A", "n": "N", None: ""}[self.chars]
        if self.total is not None or self.fraction is not None or self.unsigned:
            total = f"NMax{self.total}" if self.total is not None else "N"
            number = total + (f"F{self.fraction}" if self.fraction else "")
            return number if self.unsigned else f"Signed{number}"
        if self.length is not None:
            return f"{chars}{self.length}"
        if self.max_length is not None:
            return f"{chars}Max{self.max_length}"
        return chars

    def accepts(self, text: str) -> bool:
        """True when a string value is within these facets (used for national code lists)."""
        if self.length is not None and len(text) != self.length:
            return False
        if self.max_length is not None and len(text) > self.max_length:
            return False
        return self.chars is None or re.fullmatch(PATTERNS[self.chars], text) is not None


@dataclass
class Leaf:
    """A data element: a value of one of the data types."""

    name: str
    kind: str
    min_occurs: int = 0
    max_occurs: int | None = 1
    wco_id: str | None = None
    wco_name: str | None = None
    wco_format: str | None = None
    facets: Facets = field(default_factory=Facets)
    attributes: tuple[tuple[str, str], ...] = ()
    notes: list[str] = field(default_factory=list)
    addition: str | None = None
    """Why the profile adds this data element (an OTS addition)."""
    widening: str | None = None
    """Why the profile accepts it longer than its WCO format (an OTS widening)."""


@dataclass
class Cls:
    """A class: a sequence of data elements and classes."""

    name: str
    min_occurs: int = 0
    max_occurs: int | None = 1
    wco_id: str | None = None
    wco_name: str | None = None
    children: list[Leaf | Cls] = field(default_factory=list)
    addition: str | None = None
    """Why the profile adds this class where it is (an OTS addition)."""
    widening: str | None = None
    """Why the profile accepts it more often than the national structure (OTS widening)."""


# --- the OTS additions -------------------------------------------------------------------


def _load_additions() -> Any:
    """The module of additions beside this script (``scripts/profile_additions.py``)."""
    import importlib.util

    path = Path(__file__).with_name("profile_additions.py")
    spec = importlib.util.spec_from_file_location("profile_additions", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("profile_additions", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


#: OTS additions and widenings (``scripts/profile_additions.py``), applied to the national
#: structure before naming.
ADDITIONS: tuple[Any, ...] = _load_additions().ADDITIONS


# --- reading the national schema ---------------------------------------------------------


def _local(name: str | None) -> str:
    return (name or "").rpartition("}")[2]


def _annotation(elem: Any) -> dict[str, str]:
    """WCOID, WCOName and WCOFormat from the annotation of a schema element."""
    found: dict[str, str] = {}
    if elem is None:
        return found
    annotation = elem.find(f"{XS}annotation")
    if annotation is None:
        return found
    for node in annotation.iter():
        tag = _local(node.tag) if isinstance(node.tag, str) else ""
        if tag in ("WCOID", "WCOName", "WCOFormat") and tag not in found:
            found[tag] = " ".join((node.text or "").split())
    return found


def _udt(xsd_type: Any) -> str | None:
    step = xsd_type
    while step is not None:
        name = getattr(step, "name", None)
        if name and name.startswith(f"{{{UDT_NS}}}"):
            return _local(name)
        step = getattr(step, "base_type", None)
    return None


def _kind(xsd_type: Any, path: str) -> str:
    udt = _udt(xsd_type)
    if udt is not None:
        if udt not in UDT_KINDS:
            raise SystemExit(f"{path}: unqualified data type {udt} is not handled")
        return UDT_KINDS[udt]
    names = set(xsd_type.attributes) if xsd_type.is_complex() else set()
    if "listID" in names:
        return "Code"
    if "schemeID" in names:
        return "Identifier"
    if names == {"languageID"}:
        return "Text"
    raise SystemExit(f"{path}: cannot tell the data type of {xsd_type.name}")


def _national_facets(xsd_type: Any, path: str) -> dict[str, Any]:
    """The facets of a simple value, from the most derived step down (first one wins)."""
    out: dict[str, Any] = {}
    step = xsd_type.content if xsd_type.is_complex() else xsd_type
    while step is not None:
        for key, facet in (getattr(step, "facets", None) or {}).items():
            name = _local(key) if key else ""
            if not name or name == "whiteSpace" or name in out:
                continue
            if name == "pattern":
                out[name] = list(facet.regexps)
            elif name == "enumeration":
                out[name] = [str(v) for v in facet.enumeration]
            elif name in ("length", "minLength", "maxLength", "totalDigits", "fractionDigits"):
                out[name] = int(facet.value)
            else:
                raise SystemExit(f"{path}: national facet {name} is not handled")
        step = getattr(step, "base_type", None)
    return out


def _attributes(xsd_type: Any, path: str) -> tuple[tuple[str, str], ...]:
    if not xsd_type.is_complex():
        return ()
    out: list[tuple[str, str]] = []
    for name, attribute in xsd_type.attributes.items():
        type_name = _local(attribute.type.name)
        if type_name not in ATTRIBUTE_TYPES:
            raise SystemExit(f"{path}/@{name}: attribute type {type_name} is not handled")
        use = "required" if attribute.use == "required" else "optional"
        out.append((name, f"{ATTRIBUTE_TYPES[type_name]}|{use}"))
    return tuple(out)


def _wco_facets(kind: str, wco_format: str | None, path: str) -> Facets:
    if wco_format is None:
        return Facets()
    match = _FORMAT.match(wco_format)
    if match is None:
        raise SystemExit(f"{path}: WCO format {wco_format!r} is not understood")
    chars, upto, digits, decimals = match.groups()
    size = int(digits)
    if kind in NUMBER_KINDS:
        return Facets(total=size, fraction=int(decimals or 0), unsigned=chars == "n")
    if decimals is not None:
        raise SystemExit(f"{path}: WCO format {wco_format!r} has decimals on a {kind}")
    return Facets(chars=chars, max_length=size) if upto else Facets(chars=chars, length=size)


def _contains(outer: str | None, inner: str | None, non_empty: bool) -> bool:
    """True when character class ``outer`` accepts everything ``inner`` does."""
    if outer is None or outer == inner:
        return True
    return outer == "an" and inner in ("a", "n") and non_empty


def _resolve(leaf: Leaf, national: dict[str, Any], path: str) -> None:
    """Set the leaf's facets from its WCO format, widened where the national is looser."""
    wco = _wco_facets(leaf.kind, leaf.wco_format, path)
    if leaf.kind in NUMBER_KINDS:
        total, fraction = wco.total, wco.fraction
        n_total, n_fraction = national.get("totalDigits"), national.get("fractionDigits")
        if leaf.wco_format is not None and (n_total is None or (total and n_total > total)):
            leaf.notes.append(
                "the national schema sets "
                + (f"{n_total} digits" if n_total is not None else "no digit limit")
                + f" where the WCO format {leaf.wco_format} has {total}"
            )
            total = n_total
        if leaf.wco_format is not None and (
            n_fraction is None or (fraction is not None and n_fraction > fraction)
        ):
            if n_total is not None:
                leaf.notes.append(
                    f"the national schema allows {n_fraction} decimals where the WCO "
                    f"format {leaf.wco_format} has {fraction}"
                )
            fraction = n_fraction
        # A WCO number is unsigned; the national schema reads numbers as xs:decimal, which
        # allows a sign, but no national declaration depends on one: the profile keeps
        # the WCO's unsigned value here rather than widening to the national facet.
        leaf.facets = Facets(total=total, fraction=fraction, unsigned=wco.unsigned)
        return
    patterns = national.get("pattern", [])
    n_chars: str | None = None
    for pattern in patterns:
        if pattern not in NATIONAL_PATTERNS:
            raise SystemExit(f"{path}: national pattern {pattern!r} is not handled")
        n_chars = NATIONAL_PATTERNS[pattern]
    n_length = national.get("length")
    n_max = national.get("maxLength", n_length)
    non_empty = bool(n_length or national.get("minLength") or n_chars == "an")
    looser: list[str] = []
    chars = wco.chars
    if not _contains(wco.chars, n_chars, non_empty):
        chars = n_chars
        described = {"an": "any non-blank text", "a": "letters", "n": "digits", None: "any text"}
        looser.append(f"accepts {described[n_chars]}")
    length, max_length = wco.length, wco.max_length
    wco_max = wco.length if wco.length is not None else wco.max_length
    if leaf.wco_format is not None and (n_max is None or (wco_max is not None and n_max > wco_max)):
        looser.append(f"allows {n_max} characters" if n_max is not None else "sets no length")
        length, max_length = None, n_max
    elif wco.length is not None and n_length != wco.length:
        looser.append(f"allows fewer than {wco.length} characters")
        length, max_length = None, wco.length
    if looser:
        leaf.notes.append(
            f"the national schema {' and '.join(looser)} (WCO format {leaf.wco_format})"
        )
    leaf.facets = Facets(chars=chars, length=length, max_length=max_length)
    for value in national.get("enumeration", []):
        if not leaf.facets.accepts(value):
            raise SystemExit(f"{path}: national code {value!r} is outside the profile's facets")


def _read_leaf(element: Any, path: str, kind: str | None = None) -> Leaf:
    xsd_type = element.type
    notes = {**_annotation(getattr(xsd_type, "elem", None)), **_annotation(element.elem)}
    leaf = Leaf(
        name=element.local_name,
        kind=kind or _kind(xsd_type, path),
        min_occurs=int(element.min_occurs),
        max_occurs=None if element.max_occurs is None else int(element.max_occurs),
        wco_id=notes.get("WCOID"),
        wco_name=notes.get("WCOName"),
        wco_format=notes.get("WCOFormat"),
    )
    if leaf.kind == "DateTime":
        (inner,) = list(xsd_type.content.iter_elements())
        found = _national_facets(inner.type, path)
        if found != {"maxLength": 35, "pattern": [NATIONAL_DATE_PATTERN]}:
            raise SystemExit(f"{path}: the national date facets changed: {found}")
        leaf.attributes = _attributes(inner.type, path)
        return leaf
    leaf.attributes = _attributes(xsd_type, path)
    _resolve(leaf, _national_facets(xsd_type, path), path)
    return leaf


def _is_date(xsd_type: Any) -> bool:
    if not xsd_type.is_complex() or xsd_type.has_simple_content():
        return False
    children = [c for c in xsd_type.content.iter_elements() if c.local_name]
    return [c.local_name for c in children] == ["DateTimeString"]


def _read(element: Any, path: str) -> Leaf | Cls:
    xsd_type = element.type
    if _is_date(xsd_type):
        return _read_leaf(element, path, "DateTime")
    if not xsd_type.is_complex() or xsd_type.has_simple_content():
        return _read_leaf(element, path)
    notes = _annotation(element.elem)
    cls = Cls(
        name=element.local_name,
        min_occurs=int(element.min_occurs),
        max_occurs=None if element.max_occurs is None else int(element.max_occurs),
        wco_id=notes.get("WCOID"),
        wco_name=notes.get("WCOName"),
    )
    for child in xsd_type.content.iter_elements():
        if child.local_name is None:  # a wildcard: the envelope's declaration or response
            continue
        cls.children.append(_read(child, f"{path}/{child.local_name}"))
    return cls


def read_national(folder: Path) -> tuple[Cls, Cls]:
    """The MetaData envelope and the Declaration of a national schema folder."""
    import xmlschema

    entry = folder / "all.xsd"
    schema = xmlschema.XMLSchema10(str(entry))
    metadata = _read(schema.maps.elements[f"{{{MD_NS}}}MetaData"], "MetaData")
    declaration = _read(schema.maps.elements[f"{{{DEC_NS}}}Declaration"], "Declaration")
    assert isinstance(metadata, Cls) and isinstance(declaration, Cls)
    for leaf in metadata.children:
        assert isinstance(leaf, Leaf)
        leaf.kind = "MetaData" + leaf.kind
    return metadata, declaration


# --- additions ---------------------------------------------------------------------------


def _find(root: Cls, path: tuple[str, ...]) -> Leaf | Cls:
    assert path[0] == root.name
    node: Leaf | Cls = root
    for name in path[1:]:
        assert isinstance(node, Cls)
        matches = [c for c in node.children if c.name == name]
        if len(matches) != 1:
            raise SystemExit(f"addition: {'/'.join(path)} does not name one element")
        node = matches[0]
    return node


def _occurrences(roots: Sequence[Cls], name: str) -> list[Cls]:
    """Every class named ``name`` in the structure."""
    found = [cls for root in roots for _, cls in _classes(root) if cls.name == name]
    if not found:
        raise SystemExit(f"addition: no class named {name}")
    return found


def _targets(roots: Sequence[Cls], where: tuple[str, ...] | str) -> list[Cls]:
    """The class at a path, or every class of a name."""
    if isinstance(where, str):
        return _occurrences(roots, where)
    root = next(r for r in roots if r.name == where[0])
    found = _find(root, where)
    assert isinstance(found, Cls), where
    return [found]


def _new_leaf(spec: Any, kinds: dict[str, tuple[tuple[str, str], ...]]) -> Leaf:
    facets = _wco_facets(spec.kind, spec.format, spec.name)
    if spec.signed:
        facets = replace(facets, unsigned=False)
    return Leaf(
        name=spec.name,
        kind=spec.kind,
        max_occurs=spec.max_occurs,
        wco_id=spec.wco_id,
        wco_name=spec.wco_name,
        wco_format=None if spec.signed else spec.format,
        facets=facets,
        attributes=kinds[spec.kind],
    )


def _node(
    spec: Any, roots: Sequence[Cls], kinds: dict[str, tuple[tuple[str, str], ...]]
) -> Leaf | Cls:
    """The structure an addition's node describes (New, Like or Group)."""
    kind = type(spec).__name__
    if kind == "New":
        return _new_leaf(spec, kinds)
    if kind == "Like":
        (found,) = _targets(roots, spec.path)
        copied = copy.deepcopy(found)
        copied.addition = copied.widening = None
        if spec.name is not None:
            copied.name = spec.name
        if spec.max_occurs is not False:
            copied.max_occurs = spec.max_occurs
        return copied
    return Cls(
        name=spec.name,
        max_occurs=spec.max_occurs,
        children=[_node(child, roots, kinds) for child in spec.children],
    )


def apply_additions(*roots: Cls) -> None:
    """Apply :data:`ADDITIONS` to the national structure (in place): the MetaData
    envelope and the Declaration."""
    kinds = {leaf.kind: leaf.attributes for root in roots for leaf in _leaves(root)}
    for addition in ADDITIONS:
        kind = type(addition).__name__
        if kind == "Add":
            _add(roots, addition, kinds)
        elif kind == "Widen":
            _widen(roots, addition)
        else:
            _repeat(roots, addition)


def _add(
    roots: Sequence[Cls], addition: Any, kinds: dict[str, tuple[tuple[str, str], ...]]
) -> None:
    everywhere = isinstance(addition.parent, str)
    placed = 0
    for parent in _targets(roots, addition.parent):
        names = [c.name for c in parent.children]
        if addition.after is not None and addition.after not in names:
            if everywhere:
                continue  # a variant of the class without that sibling
            raise SystemExit(f"addition: {addition.parent} has no {addition.after}")
        node = _node(addition.node, roots, kinds)
        if node.name in names:
            raise SystemExit(f"addition: {node.name} is already in {parent.name}")
        node.addition = addition.why
        position = 0 if addition.after is None else names.index(addition.after) + 1
        parent.children.insert(position, node)
        placed += 1
    if not placed:
        raise SystemExit(f"addition: no {addition.parent} has {addition.after}")


def _widen(roots: Sequence[Cls], addition: Any) -> None:
    if addition.everywhere:
        owner, name = addition.path
        leaves = [c for cls in _occurrences(roots, owner) for c in cls.children if c.name == name]
    else:
        root = next(r for r in roots if r.name == addition.path[0])
        leaves = [_find(root, addition.path)]
    for leaf in leaves:
        assert isinstance(leaf, Leaf), addition.path
        leaf.facets = replace(leaf.facets, length=None, max_length=addition.max_length)
        leaf.widening = f"up to {addition.max_length} characters: {addition.why}"


def _repeat(roots: Sequence[Cls], addition: Any) -> None:
    root = next(r for r in roots if r.name == addition.path[0])
    node = _find(root, addition.path)
    node.max_occurs = addition.max_occurs
    limit = "any number of" if addition.max_occurs is None else f"up to {addition.max_occurs:,}"
    node.widening = f"{limit} occurrences: {addition.why}"


def _leaves(node: Leaf | Cls) -> Iterator[Leaf]:
    if isinstance(node, Leaf):
        yield node
        return
    for child in node.children:
        yield from _leaves(child)


def _classes(node: Cls, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Cls]]:
    here = (*path, node.name)
    yield here, node
    for child in node.children:
        if isinstance(child, Cls):
            yield from _classes(child, here)


def _added(root: Cls) -> set[int]:
    """The classes (by ``id``) that an OTS addition brought, or that lie inside one."""
    found: set[int] = set()

    def walk(node: Cls, inside: bool) -> None:
        inside = inside or node.addition is not None
        if inside:
            found.add(id(node))
        for child in node.children:
            if isinstance(child, Cls):
                walk(child, inside)

    walk(root, False)
    return found


# --- naming --------------------------------------------------------------------------------


def leaf_type(leaf: Leaf) -> str:
    """The profile type of a leaf (``dt:CodeAnMax3Type``, ``dt:DateTimeType``, ...)."""
    if leaf.kind == "DateTime":
        return "dt:DateTimeType"
    if leaf.kind == "Numeric":
        return f"dt:Decimal{leaf.facets.name()}Type"
    return f"dt:{leaf.kind}{leaf.facets.name()}Type"


def _signature(node: Leaf | Cls) -> tuple[Any, ...]:
    if isinstance(node, Leaf):
        return ("leaf", node.name, leaf_type(node), node.min_occurs, node.max_occurs)
    return (
        "class",
        node.name,
        node.min_occurs,
        node.max_occurs,
        tuple(_content(node)),
    )


def _content(cls: Cls) -> list[tuple[Any, ...]]:
    return [_signature(c) for c in cls.children]


def name_classes(roots: Sequence[Cls]) -> dict[int, str]:
    """A type name for every class occurrence (keyed by ``id``), shared where the content
    is the same; see the module docstring for how variants are named."""
    occurrences: dict[str, list[tuple[tuple[str, ...], Cls]]] = {}
    added: set[int] = set()
    for root in roots:
        added |= _added(root)
        for path, cls in _classes(root):
            occurrences.setdefault(cls.name, []).append((path, cls))
    names: dict[int, str] = {}
    taken: set[str] = set()
    for name, found in occurrences.items():
        variants: dict[tuple[Any, ...], list[tuple[tuple[str, ...], Cls]]] = {}
        for path, cls in found:
            variants.setdefault(tuple(_content(cls)), []).append((path, cls))
        # The national occurrences rank first, so that an addition that copies a class
        # into new places does not rename the national classes.
        ordered = sorted(
            variants.values(),
            key=lambda group: (
                -sum(id(cls) not in added for _, cls in group),
                -len(group[0][1].children),
                -len(group),
            ),
        )
        for rank, group in enumerate(ordered):
            parents = [path[:-1] for path, _ in group]
            if rank == 0:
                chosen = name
            elif len({p[-1] for p in parents}) == 1:
                chosen = parents[0][-1] + name
            else:
                common = parents[0]
                for other in parents[1:]:
                    size = 0
                    while size < min(len(common), len(other)) and common[size] == other[size]:
                        size += 1
                    common = common[:size]
                chosen = common[-1] + name
            if chosen in taken:
                raise SystemExit(f"class name {chosen} would be used twice")
            taken.add(chosen)
            for _, cls in group:
                names[id(cls)] = chosen
    return names


# --- writing -------------------------------------------------------------------------------

HEADER = (
    "OTS profile of the WCO Data Model 3.x goods declaration (DEC-DMS:2 layout) "
    "for the single_window library."
)
GENERATED = (
    "Generated by scripts/build_profile.py from the structure of a national DEC-DMS:2\n"
    "  schema (the WCO DM 3.6 DMS customization published by HM Revenue & Customs);\n"
    "  edit the script, not this file."
)


def _occurs(min_occurs: int, max_occurs: int | None) -> str:
    out = "" if min_occurs == 1 else f' minOccurs="{min_occurs}"'
    if max_occurs != 1:
        out += ' maxOccurs="unbounded"' if max_occurs is None else f' maxOccurs="{max_occurs}"'
    return out


def _wco(wco_id: str | None, wco_name: str | None, wco_format: str | None = None) -> str:
    parts = []
    if wco_id is not None:
        parts.append(f"ots:wcoID={quoteattr(wco_id)}")
    if wco_name is not None:
        parts.append(f"ots:wcoName={quoteattr(wco_name)}")
    if wco_format is not None:
        parts.append(f"ots:wcoFormat={quoteattr(wco_format)}")
    return " ".join(parts)


def _comment(text: str, pad: str) -> list[str]:
    """An XML comment wrapped at 96 columns."""
    words = text.replace("--", "-").split()
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(pad) + 5 + len(line) + 1 + len(word) > 96:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    if len(lines) == 1:
        return [f"{pad}<!-- {lines[0]} -->"]
    middle = [f"{pad}     {x}" for x in lines[1:-1]]
    return [f"{pad}<!-- {lines[0]}", *middle, f"{pad}     {lines[-1]} -->"]


def _element(child: Leaf | Cls, type_name: str, pad: str) -> list[str]:
    out: list[str] = []
    if child.addition is not None:
        out += _comment(f"OTS addition: {child.addition}", pad)
    if child.widening is not None:
        out += _comment(f"OTS widening: {child.widening}", pad)
    if isinstance(child, Leaf) and child.notes:
        out += _comment(f"Widened: {'; '.join(child.notes)}.", pad)
    first = f'{pad}<xs:element name="{child.name}" type="{type_name}"'
    occurs = _occurs(child.min_occurs, child.max_occurs)
    if len(first + occurs) <= 100:
        first, occurs = first + occurs, ""
    wco = (
        _wco(child.wco_id, child.wco_name, child.wco_format)
        if isinstance(child, Leaf)
        else _wco(child.wco_id, child.wco_name)
    )
    if child.addition is not None:
        wco = (wco + " " if wco else "") + 'ots:addition="true"'
    if child.widening is not None:
        wco = (wco + " " if wco else "") + 'ots:widened="true"'
    rest = " ".join(x for x in (occurs.strip(), wco) if x)
    if not rest:
        return [*out, first + "/>"]
    if len(first) + 1 + len(rest) + 2 <= 100:
        return [*out, f"{first} {rest}/>"]
    return [*out, first, f"{pad}            {rest}/>"]


def _class_types(root: Cls, names: dict[int, str], prefix: str) -> list[str]:
    out: list[str] = []
    done: set[str] = set()

    def emit(cls: Cls) -> None:
        name = names[id(cls)]
        if name in done:
            return
        done.add(name)
        attrs = _wco(cls.wco_id, cls.wco_name)
        head = f'  <xs:complexType name="{name}Type"' + (f" {attrs}" if attrs else "") + ">"
        out.append(head)
        out.append("    <xs:sequence>")
        for child in cls.children:
            if isinstance(child, Cls):
                out.extend(_element(child, f"{prefix}:{names[id(child)]}Type", "      "))
            else:
                out.extend(_element(child, leaf_type(child), "      "))
        out.append("    </xs:sequence>")
        out.append("  </xs:complexType>")
        out.append("")
        for child in cls.children:
            if isinstance(child, Cls):
                emit(child)

    emit(root)
    return out


def _schema_open(target: str, prefix: str, imports: list[tuple[str, str]]) -> list[str]:
    out = [
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"',
        f'           xmlns:{prefix}="{target}"',
    ]
    for other_prefix, other in (("md", MD_NS), ("dec", DEC_NS), ("dt", DS_NS)):
        if other_prefix != prefix and any(ns == other for ns, _ in imports):
            out.append(f'           xmlns:{other_prefix}="{other}"')
    out += [
        f'           xmlns:ots="{OTS_NS}"',
        f'           targetNamespace="{target}"',
        '           elementFormDefault="qualified"',
        '           attributeFormDefault="unqualified"',
        '           version="2.0">',
        "",
    ]
    for ns, location in imports:
        out.append(f'  <xs:import namespace="{ns}"')
        out.append(f'             schemaLocation="{location}"/>')
    if imports:
        out.append("")
    return out


def _file(comment: str, body: list[str]) -> str:
    text = ['<?xml version="1.0" encoding="UTF-8"?>', "<!--", *comment.strip("\n").split("\n")]
    text += ["-->", *body, "</xs:schema>", ""]
    return "\n".join(text)


def _declaration_file(declaration: Cls, names: dict[int, str]) -> str:
    comment = f"""
  {HEADER}

  File: ots-declaration.xsd
  Namespace: {DEC_NS}

  The Declaration element and every class of the WCO DM goods declaration, in the
  order and nesting of the DEC-DMS:2 layout; the library writes declarations back in
  exactly this order. Each class is a named complex type: one type per WCO class,
  named by its context where the same class has different content in different places
  (DeclarationAdditionalDocument beside AdditionalDocument).

  Each element carries its WCO data element id, name and format as ots:wcoID,
  ots:wcoName and ots:wcoFormat (validators ignore them). Value types and their facets
  are in ots-datatypes.xsd. "OTS addition" marks a class the OTS profile adds to the
  WCO DM structure, "OTS widening" a value it accepts beyond its WCO format, and
  "Widened" a value where the national schema is looser than the WCO format: every
  nationally valid declaration stays valid against this profile.

  {GENERATED}
"""
    body = _schema_open(DEC_NS, "dec", [(DS_NS, "ots-datatypes.xsd")])
    attrs = _wco(declaration.wco_id, declaration.wco_name)
    body.append(f'  <xs:element name="Declaration" type="dec:DeclarationType" {attrs}/>')
    body.append("")
    body += _class_types(declaration, names, "dec")
    return _file(comment, body[:-1] if body[-1] == "" else body)


def _metadata_file(metadata: Cls) -> str:
    comment = f"""
  {HEADER}

  File: ots-metadata.xsd
  Namespace: {MD_NS}

  The MetaData envelope: a few facts about the message (WCO DM version, message type,
  the country and agency whose customization it follows), then exactly one goods
  declaration. The envelope is optional: a bare Declaration is also a valid document
  (see ots-profile.xsd). A WCO envelope may carry a response message instead of a
  declaration; responses are not part of this profile.

  The national metadata schema sets no lengths or patterns on these elements, so the
  profile sets none either (each element says so); the WCO formats are given as
  ots:wcoFormat.

  {GENERATED}
"""
    body = _schema_open(
        MD_NS, "md", [(DS_NS, "ots-datatypes.xsd"), (DEC_NS, "ots-declaration.xsd")]
    )
    body.append('  <xs:element name="MetaData" type="md:MetaDataType"/>')
    body.append("")
    body.append('  <xs:complexType name="MetaDataType">')
    body.append("    <xs:sequence>")
    for child in metadata.children:
        assert isinstance(child, Leaf)
        body += _element(child, leaf_type(child), "      ")
    body.append('      <xs:element ref="dec:Declaration"/>')
    body.append("    </xs:sequence>")
    body.append("  </xs:complexType>")
    return _file(comment, body)


def _restriction(name: str, base: str, facets: Facets, data_type: str | None) -> list[str]:
    attrs = f' ots:dataType="{data_type}"' if data_type else ""
    out = [f'  <xs:simpleType name="{name}"{attrs}>', f'    <xs:restriction base="{base}">']
    if facets.length is not None:
        out.append(f'      <xs:length value="{facets.length}"/>')
    if facets.max_length is not None:
        out.append(f'      <xs:maxLength value="{facets.max_length}"/>')
    if facets.chars is not None:
        out.append(f'      <xs:pattern value="{PATTERNS[facets.chars]}"/>')
    if facets.total is not None:
        out.append(f'      <xs:totalDigits value="{facets.total}"/>')
    if facets.fraction is not None:
        out.append(f'      <xs:fractionDigits value="{facets.fraction}"/>')
    if facets.unsigned:
        out.append('      <xs:minInclusive value="0"/>')
    out += ["    </xs:restriction>", "  </xs:simpleType>", ""]
    return out


def _attribute_group(name: str, attributes: tuple[tuple[str, str], ...]) -> list[str]:
    out = [f'  <xs:attributeGroup name="{name}">']
    for attribute, spec in attributes:
        type_name, use = spec.split("|")
        out.append(f'    <xs:attribute name="{attribute}" type="{type_name}" use="{use}"/>')
    out += ["  </xs:attributeGroup>", ""]
    return out


_VALUE_BASE = {"Code": "xs:token", "Identifier": "xs:string", "Text": "xs:string"}
_KIND_TEXT = {
    "Code": "codes (UN/CEFACT CodeType: xs:token, code list attributes)",
    "Identifier": "identifiers (UN/CEFACT IDType: xs:string, identification scheme attributes)",
    "Text": "text (UN/CEFACT TextType: xs:string, languageID)",
    "Amount": "amounts (UN/CEFACT AmountType: a decimal with currencyID)",
    "Measure": "measures (UN/CEFACT MeasureType: a decimal with unitCode)",
    "Quantity": "quantities (UN/CEFACT QuantityType: a decimal with unitCode)",
}


def _datatypes_file(leaves: list[Leaf]) -> str:
    comment = f"""
  {HEADER}

  File: ots-datatypes.xsd
  Namespace: {DS_NS}

  The value types that ots-declaration.xsd and ots-metadata.xsd are built from, and the
  one element real declarations place in this namespace: DateTimeString, with its
  formatCode attribute.

  Each leaf type restricts one UN/CEFACT unqualified data type (named in ots:dataType)
  and is named after it and its facets: CodeAnMax3Type is a code of at most three
  characters, IdentifierAnMax17Type an identifier of at most 17, CodeA2Type two letters,
  AmountNMax16F3Type an amount of at most 16 digits with 3 decimals. Every attribute the
  data type allows is declared, in its attribute group.

  Facets follow the WCO Data Model 3.x formats:
  - "an..N": at most N characters, not blank (from the first visible character on,
    one line).
  - "aN" / "nN": exactly N letters / digits; "n..N" codes: at most N digits.
  - "n..T,F" numbers: at most T digits, F of them after the point, and no sign: the
    WCO DM numeric formats are unsigned, so a number whose format is numeric is at least
    zero (xs:minInclusive 0). The national schema reads numbers as xs:decimal, which
    allows a sign; the profile keeps the WCO's unsigned value (no national sample
    declaration carries a negative number). A number whose WCO format is not numeric
    (TaxRateNumeric, an..17,3) stays a signed decimal.
  - Codes are compared after XML whitespace collapsing (xs:token), as the UN/CEFACT
    CodeType does; identifiers and text are not.
  - Currency codes: the shape of ISO 4217 alphabetic codes (three upper-case letters).
  - Dates: UN/EDIFACT 2379 format codes 102 (CCYYMMDD) and 304 (CCYYMMDDHHMMSS followed
    by Z or a signed two-digit UTC offset). The schema checks the shape only; the
    library's reader checks that the date exists (NORM-DATE).
  National code lists and national narrowing are not part of the profile.

  {GENERATED}
"""
    body = _schema_open(DS_NS, "dt", [])
    groups: dict[str, tuple[tuple[str, str], ...]] = {}
    for leaf in leaves:
        if leaf.kind in ("Code", "Identifier", "Text", "MetaDataCode", "MetaDataText"):
            attrs = leaf.attributes
            seen = groups.setdefault(leaf.kind, attrs)
            if seen != attrs:
                raise SystemExit(f"{leaf.name}: attributes differ from other {leaf.kind} leaves")
    for kind in ("Code", "Identifier", "Text", "MetaDataCode", "MetaDataText"):
        if kind in groups:
            body += _attribute_group(f"{kind}Attributes", groups[kind])

    body += _comment("Agency that maintains a code list or scheme (UN/EDIFACT 3055, an..3).", "  ")
    body += [
        '  <xs:simpleType name="AgencyIdentificationCodeType">',
        '    <xs:restriction base="xs:string">',
        '      <xs:minLength value="1"/>',
        '      <xs:maxLength value="3"/>',
        "    </xs:restriction>",
        "  </xs:simpleType>",
        "",
    ]
    body += _comment("ISO 4217 alphabetic currency code (WCO a3).", "  ")
    body += [
        '  <xs:simpleType name="CurrencyCodeType">',
        '    <xs:restriction base="xs:token">',
        '      <xs:pattern value="[A-Z]{3}"/>',
        "    </xs:restriction>",
        "  </xs:simpleType>",
        "",
    ]
    body += _comment(
        "UN/ECE Recommendation 20 unit code. The common codes have at most three characters; "
        "the national schema accepts up to five (a code with a '#' qualifier, e.g. KGM#G), "
        "so the profile does too.",
        "  ",
    )
    body += [
        '  <xs:simpleType name="UnitCodeType">',
        '    <xs:restriction base="xs:string">',
        '      <xs:minLength value="1"/>',
        '      <xs:maxLength value="5"/>',
        "    </xs:restriction>",
        "  </xs:simpleType>",
        "",
    ]

    values: dict[str, tuple[str, Facets]] = {}
    types: dict[str, Leaf] = {}
    for leaf in leaves:
        if leaf.kind == "DateTime":
            continue
        kind = leaf.kind.removeprefix("MetaData")
        if kind in STRING_KINDS and (leaf.facets != Facets()):
            base = _VALUE_BASE[kind]
            values.setdefault(f"{base[3:].title()}{leaf.facets.name()}Type", (base, leaf.facets))
        elif kind in NUMBER_KINDS and leaf.facets != Facets():
            values.setdefault(f"Decimal{leaf.facets.name()}Type", ("xs:decimal", leaf.facets))
        if kind != "Numeric":
            types.setdefault(leaf_type(leaf)[3:], leaf)
    numerics = {leaf_type(leaf)[3:] for leaf in leaves if leaf.kind == "Numeric"}

    body += _comment("Value types: the facets of each WCO format in use.", "  ")
    for name in sorted(values):
        base, facets = values[name]
        data_type = "Numeric" if name in numerics else None
        if base == "xs:decimal":
            digits = f"at most {facets.total} digits" if facets.total is not None else "any digits"
            decimals = f", at most {facets.fraction} after the point" if facets.fraction else ""
            sign = "An unsigned" if facets.unsigned else "A signed"
            body += _comment(f"{sign} decimal of {digits}{decimals}.", "  ")
        body += _restriction(name, base, facets, data_type)
    if "DecimalType" in numerics:
        body += _comment("A signed decimal without digit limits.", "  ")
        body += [
            '  <xs:simpleType name="DecimalType" ots:dataType="Numeric">',
            '    <xs:restriction base="xs:decimal"/>',
            "  </xs:simpleType>",
            "",
        ]

    body += _comment("Leaf types: a value type with the attributes of its data type.", "  ")
    for name in sorted(types):
        leaf = types[name]
        kind = leaf.kind.removeprefix("MetaData")
        if kind in STRING_KINDS:
            base = (
                f"dt:{_VALUE_BASE[kind][3:].title()}{leaf.facets.name()}Type"
                if leaf.facets != Facets()
                else _VALUE_BASE[kind]
            )
            attrs = [f'        <xs:attributeGroup ref="dt:{leaf.kind}Attributes"/>']
        else:
            base = "xs:decimal"
            if leaf.facets != Facets():
                base = f"dt:Decimal{leaf.facets.name()}Type"
            attrs = []
            for attribute, spec in leaf.attributes:
                type_name, use = spec.split("|")
                attrs.append(
                    f'        <xs:attribute name="{attribute}" type="{type_name}" use="{use}"/>'
                )
        body += [
            f'  <xs:complexType name="{name}" ots:dataType="{kind}">',
            "    <xs:simpleContent>",
            f'      <xs:extension base="{base}">',
            *attrs,
            "      </xs:extension>",
            "    </xs:simpleContent>",
            "  </xs:complexType>",
            "",
        ]

    dates = [leaf for leaf in leaves if leaf.kind == "DateTime"]
    if dates:
        (format_code,) = {leaf.attributes for leaf in dates}
        assert format_code == (("formatCode", "dt:DateTimeFormatCodeType|required"),)
        body += _comment(
            "Dates (UN/CEFACT DateTimeType). The national pattern accepts years 2000-2099 "
            "and any month and day digits; the profile accepts any year and leaves the "
            "calendar check to the reader.",
            "  ",
        )
        body += [
            '  <xs:simpleType name="DateTimeFormatCodeType">',
            '    <xs:restriction base="xs:token">',
            '      <xs:enumeration value="102"/>',
            '      <xs:enumeration value="304"/>',
            "    </xs:restriction>",
            "  </xs:simpleType>",
            "",
            '  <xs:simpleType name="DateTimeValueType">',
            '    <xs:restriction base="xs:string">',
            '      <xs:maxLength value="35"/>',
            f'      <xs:pattern value="{DATE_PATTERN}"/>',
            "    </xs:restriction>",
            "  </xs:simpleType>",
            "",
            '  <xs:complexType name="DateTimeStringType">',
            "    <xs:simpleContent>",
            '      <xs:extension base="dt:DateTimeValueType">',
            '        <xs:attribute name="formatCode" type="dt:DateTimeFormatCodeType"'
            ' use="required"/>',
            "      </xs:extension>",
            "    </xs:simpleContent>",
            "  </xs:complexType>",
            "",
        ]
        body += _comment(
            "A date/time data element (AcceptanceDateTime, IssueDateTime, ...): one "
            "DateTimeString, declared locally so that it is qualified with this namespace "
            "but cannot be the root of a document.",
            "  ",
        )
        body += [
            '  <xs:complexType name="DateTimeType" ots:dataType="DateTime">',
            "    <xs:sequence>",
            '      <xs:element name="DateTimeString" type="dt:DateTimeStringType"/>',
            "    </xs:sequence>",
            "  </xs:complexType>",
        ]
    return _file(comment, body[:-1] if body[-1] == "" else body)


def _profile_file() -> str:
    comment = f"""
  {HEADER}

  File: ots-profile.xsd (entry point)

  Compile this document to validate a whole goods declaration. It declares nothing
  itself; it pulls in one schema document per namespace:

    ots-metadata.xsd     {MD_NS}
                         (MetaData envelope)
    ots-declaration.xsd  {DEC_NS}
                         (Declaration and its classes)
    ots-datatypes.xsd    {DS_NS}
                         (value types, DateTimeString)

  A valid document has one of two roots:
    {{{MD_NS}}}MetaData wrapping a
    Declaration, or a bare {{{DEC_NS}}}Declaration.
  xsi:schemaLocation and other xsi attributes are handled by the validator.

  All imports are relative file names in this folder: the set compiles with no network
  access. Attributes in the namespace {OTS_NS} (ots:wcoID, ots:dataType, ...) annotate
  the schema for the library's model generator; validators ignore them.

  {GENERATED}
"""
    body = [
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"',
        '           elementFormDefault="qualified"',
        '           version="2.0">',
        "",
        f'  <xs:import namespace="{MD_NS}"',
        '             schemaLocation="ots-metadata.xsd"/>',
        f'  <xs:import namespace="{DEC_NS}"',
        '             schemaLocation="ots-declaration.xsd"/>',
        f'  <xs:import namespace="{DS_NS}"',
        '             schemaLocation="ots-datatypes.xsd"/>',
        "",
    ]
    return _file(comment, body)


def build(national: Path = NATIONAL) -> dict[str, str]:
    """The profile files (name -> text) built from a national schema folder."""
    metadata, declaration = read_national(national)
    apply_additions(metadata, declaration)
    names = name_classes([declaration])
    leaves = [*_leaves(metadata), *_leaves(declaration)]
    if not leaves:
        raise SystemExit(f"{national}: the national schema has no data elements")
    return {
        "ots-profile.xsd": _profile_file(),
        "ots-metadata.xsd": _metadata_file(metadata),
        "ots-declaration.xsd": _declaration_file(declaration, names),
        "ots-datatypes.xsd": _datatypes_file(leaves),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--national", type=Path, default=NATIONAL, help="national schema folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where the profile is written")
    parser.add_argument("--check", action="store_true", help="only report differences")
    args = parser.parse_args(argv)
    files = build(args.national)
    stale = [
        name
        for name, text in files.items()
        if not (args.out / name).is_file() or (args.out / name).read_text("utf-8") != text
    ]
    if args.check:
        for name in stale:
            print(f"{args.out / name} differs from a rebuild", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        (args.out / name).write_text(files[name], "utf-8")
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
