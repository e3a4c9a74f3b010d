"""The hand-written part of the declaration model, used by the generated classes.

:mod:`single_window.models` is generated from the bundled profile by
``scripts/build_model.py``; what cannot be derived from the schema lives here: the
convenience API (``Declaration.goods_items``, ``walk()``, ``to_xml()``, commodity and
procedure codes, document codes) as mixins the generated classes inherit, the
:class:`Unmapped` record of what a document held beyond the model, and the field helpers
the generated code uses.

``Declaration.to_xml()`` writes through the format registry
(:mod:`single_window.formats`), which loads the formats' readers and writers when one is
first needed: the model names no reader or writer, so imports run one way, values ->
models -> layout -> formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field
from typing_extensions import TypeAliasType

from single_window._values import Code, DateTime, Leaf, Node
from single_window.formats._registry import CANONICAL, ReadFrom, registry

if TYPE_CHECKING:
    from single_window.models import (
        BorderTransportMeans,
        Commodity,
        GoodsShipment,
        GovernmentAgencyGoodsItem,
        GovernmentProcedure,
    )

__all__ = [
    "COMMODITY_CODE_PARTS",
    "EXPORT_PROCEDURES",
    "TRANSIT_PROCEDURES",
    "TRANSIT_TYPES",
    "DeclarationAPI",
    "DocumentCodeAPI",
    "GoodsItemAPI",
    "Kind",
    "ReadFrom",
    "Unmapped",
    "declaration_kind",
    "many",
    "opt",
]

#: Classification ``IdentificationTypeCode`` values whose IDs make up the commodity code,
#: in the order they are joined. ``TSP`` / ``HS``: the tariff code as the national
#: nomenclature publishes it (CN 8 digits in the EU and UK, TN VED 10 digits in the EAEU,
#: GTIP 12 digits in Turkiye); ``TRC``: the 2-digit TARIC subdivision that follows a CN
#: code. Other types (``TRA`` TARIC additional codes, ``GN`` national additional codes,
#: ``CV`` CUS codes) are additional codes, not part of the commodity code.
COMMODITY_CODE_PARTS: tuple[str, ...] = ("TSP", "HS", "TRC")


#: The kind of a declaration: what the goods do at the declaring office.
Kind = TypeAliasType("Kind", Literal["import", "export", "transit"])

#: ``Declaration/TypeCode`` values that make a transit declaration, with the NCTS
#: declaration type each one names. The NCTS types (code list CL231 of the EU NCTS,
#: Annex B of the Union Customs Code Implementing Act) are written as they are, ``T2SM``
#: (San Marino) too, in the profile's TypeCode (widened to five characters for them); the
#: UN/EDIFACT 1001 document name codes for the same documents are read as aliases: 578 T1,
#: 579 T2, 581 T2F, 583 T (mixed), 587 customs declaration for TIR carnet goods.
TRANSIT_TYPES: dict[str, str] = {
    "T": "T",
    "T1": "T1",
    "T2": "T2",
    "T2F": "T2F",
    "T2SM": "T2SM",
    "TIR": "TIR",
    "578": "T1",
    "579": "T2",
    "581": "T2F",
    "583": "T",
    "587": "TIR",
}

#: UN/EDIFACT 1001 code 950, "goods declaration for customs transit": a transit
#: declaration that names no NCTS type (an EAEU transit declaration, for instance).
_TRANSIT_DOCUMENT = "950"

#: Requested procedure codes (first two characters of ``GovernmentProcedure/CurrentCode``)
#: that place goods under customs transit: ``80`` in the EAEU classifier of customs
#: procedures (Annex 1 to CU Commission Decision No 378 of 20 Sep 2010).
TRANSIT_PROCEDURES: frozenset[str] = frozenset({"80"})

#: Requested procedure codes of goods leaving the customs territory, in the UCC (Annex B
#: of Delegated Regulation (EU) 2015/2446, data element 1/10) and the EAEU classifier
#: alike: 10 export, 11 export of processed products, 21 temporary export for (outward)
#: processing, 22 other temporary export, 23 temporary export for return, 31 re-export.
EXPORT_PROCEDURES: frozenset[str] = frozenset({"10", "11", "21", "22", "23", "31"})


def declaration_kind(type_code: str, requested: Iterable[str] = ()) -> Kind:
    """The kind of a declaration from its TypeCode and its goods items' requested
    procedures (see :attr:`~single_window.models.Declaration.kind`)."""
    if type_code in TRANSIT_TYPES or type_code == _TRANSIT_DOCUMENT:
        return "transit"
    requested = tuple(requested)
    if any(p in TRANSIT_PROCEDURES for p in requested):
        return "transit"
    if type_code.startswith("EX"):
        return "export"
    if type_code.startswith("IM"):
        return "import"
    if any(p in EXPORT_PROCEDURES for p in requested):
        return "export"
    return "import"


def opt(alias: str) -> Any:
    """A field for an element that occurs at most once (None when absent)."""
    return Field(default=None, alias=alias)


def many(alias: str) -> Any:
    """A field for a repeatable element (an empty list when absent)."""
    return Field(default_factory=list, alias=alias)


class Unmapped(Node):
    """Something the document had that the model has no field for, kept verbatim.

    ``kind`` is ``element`` (``xml`` holds the serialized element) or ``attribute``
    (``name`` and ``xml`` hold the attribute's name and value). ``path`` is the
    element's own path (for an attribute, its parent element's path). ``position`` is
    an element's place among its parent's child elements (0-based), where
    :meth:`Declaration.to_xml` puts it back.
    """

    kind: Literal["element", "attribute"]
    name: str
    xml: str
    position: int | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Unmapped):
            return NotImplemented
        return (self.kind, self.name, self.xml, self.path, self.position) == (
            other.kind,
            other.name,
            other.xml,
            other.path,
            other.position,
        )

    __hash__ = None


def _children(node: Node) -> Iterator[Node | Leaf]:
    # Fields hold None, a node, a leaf or a list; location fields hold str/int.
    for value in node.__dict__.values():
        if value is None:
            continue
        if type(value) is list:
            yield from value
        elif isinstance(value, Node | Leaf):
            yield value


class DeclarationAPI:
    """Convenience API of :class:`~single_window.models.Declaration`."""

    if TYPE_CHECKING:
        goods_shipment: GoodsShipment | None
        border_transport_means: list[BorderTransportMeans]
        issue_date_time: DateTime | None
        acceptance_date_time: DateTime | None
        type_code: Code | None
        __pydantic_private__: dict[str, Any] | None

    @property
    def read_from(self) -> ReadFrom | None:
        """What the declaration was read from: the format (``wco``), its version and the
        format's own document; None for a declaration built in Python."""
        private = self.__pydantic_private__
        return private.get("_read_from") if private else None

    @property
    def transit_type(self) -> str | None:
        """The NCTS declaration type the TypeCode names (``T1``, ``T2``, ``T2F``, ``T``,
        ``TIR``; the UN/EDIFACT 1001 aliases are mapped), or None."""
        code = self.type_code
        return TRANSIT_TYPES.get(code.value) if code is not None else None

    @property
    def kind(self) -> Kind:
        """What the declaration is for: ``transit``, ``export`` or ``import``.

        ``transit``: the TypeCode is a transit declaration type (:data:`TRANSIT_TYPES`,
        or ``950``, the UN/EDIFACT 1001 goods declaration for customs transit) or a goods
        item requests customs transit (procedure ``80``). ``export``: the
        TypeCode starts with ``EX`` or, when it names neither direction, a goods item
        requests an export procedure (:data:`EXPORT_PROCEDURES`). ``import`` otherwise:
        release for free circulation and the special procedures entered on arrival.
        """
        code = self.type_code.value if self.type_code is not None else ""
        requested = (
            procedure[:2]
            for item in self.goods_items
            if (procedure := item.procedure_code) is not None
        )
        return declaration_kind(code, requested)

    @property
    def goods_items(self) -> list[GovernmentAgencyGoodsItem]:
        """The goods items (empty when there is no goods shipment)."""
        shipment = self.goods_shipment
        return shipment.government_agency_goods_items if shipment is not None else []

    @property
    def border_mode(self) -> Code | None:
        """The mode of transport at the border: the ``ModeCode`` of the first
        ``BorderTransportMeans`` (the means that crosses the border first), or None."""
        for means in self.border_transport_means:
            return means.mode_code
        return None

    @property
    def issued_at(self) -> DateTime | None:
        """The declaration's own date: issue date, else acceptance date."""
        return self.issue_date_time or self.acceptance_date_time

    def walk(self) -> Iterator[Node | Leaf]:
        """Every node and leaf value of the model, depth first in document order."""
        stack: list[Any] = [self]
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Leaf):
                continue
            stack.extend(reversed(list(_children(node))))

    def to_xml(self, *, format: str | None = None, pretty: bool = True) -> bytes:
        """Write the declaration as an XML document (UTF-8).

        Args:
            format: The format to write (``"wco"``); None writes the format it was read
                from, in the same layout (WCO for a declaration built in Python).
            pretty: Indent the document.

        Another format than the one read converts (:func:`single_window.convert`, which
        lists what was lost and what was filled from defaults): this warns
        (``ConversionWarning``) when anything was.

        Raises:
            ValueError: for an unknown format (the message names the known ones), or one
                the declaration cannot be converted to.
            ConversionError: when the declaration cannot be written in that format (a
                ValueError too).
            ModelValueError: when a value holds a character XML cannot carry (a NUL or
                another control character); the error names the field and the value.
        """
        read = self.read_from
        source = read.format if read is not None else CANONICAL
        if isinstance(format, str) and format != source and registry().converter(source, format):
            from single_window._convert import write_converted

            return write_converted(self, format, pretty)  # type: ignore[arg-type]
        return registry().write(self, format, pretty=pretty)  # type: ignore[arg-type]


class GoodsItemAPI:
    """Convenience API of :class:`~single_window.models.GovernmentAgencyGoodsItem`."""

    if TYPE_CHECKING:
        commodity: Commodity | None
        government_procedures: list[GovernmentProcedure]

    @property
    def commodity_code(self) -> str | None:
        """The commodity code assembled from the classification parts, e.g. CN 8 digits
        (``TSP``) + TARIC 2 digits (``TRC``), or a full national code (``HS``).
        None when the item has no such part."""
        if self.commodity is None:
            return None
        parts: dict[str, str] = {}
        for c in self.commodity.classifications:
            kind = c.identification_type_code.value if c.identification_type_code else None
            if kind in COMMODITY_CODE_PARTS and c.id is not None and kind not in parts:
                parts[kind] = c.id.value
        if not parts:
            return None
        return "".join(parts[k] for k in COMMODITY_CODE_PARTS if k in parts)

    @property
    def procedure_code(self) -> str | None:
        """The procedure code: current (requested) code followed by the previous one,
        from the first GovernmentProcedure that has a current code (e.g. ``4000``)."""
        for gp in self.government_procedures:
            if gp.current_code is not None:
                prev = gp.previous_code.value if gp.previous_code is not None else ""
                return gp.current_code.value + prev
        return None


class DocumentCodeAPI:
    """The document code of an additional or previous document."""

    if TYPE_CHECKING:
        category_code: Code | None
        type_code: Code | None

    @property
    def code(self) -> str | None:
        """The document code: category followed by type (``C`` + ``505`` = ``C505``)."""
        if self.type_code is None:
            return None
        category = self.category_code.value if self.category_code is not None else ""
        return category + self.type_code.value
