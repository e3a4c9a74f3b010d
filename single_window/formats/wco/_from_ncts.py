"""Write a declaration read from an NCTS CC015C as a WCO DEC-DMS transit declaration.

The canonical declaration the NCTS normalizer made is already in the WCO layout with the
profile's OTS additions; what a WCO document still needs is its envelope and its dates
in the WCO form. The declaration is copied, not changed: each NCTS date-time (no zone,
UTC) becomes a WCO date-time of format 304 in UTC, and the envelope gets its data model
version, type name and responsible country (documented defaults, listed). A CC013C (an
amendment) is not converted: its amendment flag has no WCO home.
"""

from __future__ import annotations

from typing import Any

from single_window._dates import XsdDateTime
from single_window._i18n import N_, define
from single_window._spec import spec_of
from single_window._values import Code, CountryCode, DateTime, Node, Text, placed_leaf
from single_window.errors import ConversionError
from single_window.formats._registry import Converted
from single_window.models import Declaration, MetaData

__all__ = ["DEFAULTS", "from_ncts"]

#: A WCO date-time with its time and zone (UN/EDIFACT 2379: CCYYMMDDHHMMSSZZZ).
DATE_TIME = "304"

#: The documented defaults: key -> (WCO path, value or how it is made, why).
DEFAULTS: dict[str, tuple[str, str, str]] = {
    "version": (
        "MetaData/WCODataModelVersionCode",
        "3.6",
        N_("the WCO Data Model version of the bundled DEC-DMS profile"),
    ),
    "type-name": (
        "MetaData/WCOTypeName",
        "DEC",
        N_("a goods declaration (WCO type name DEC)"),
    ),
    "country": (
        "MetaData/ResponsibleCountryCode",
        "the country of the office of departure",
        N_("the declaring country is that of the office of departure"),
    ),
}
REASONS = define("convert.wco-default", {key: why for key, (_, _, why) in DEFAULTS.items()})
_ERRORS = define(
    "convert.wco",
    {
        "amendment": N_(
            "a {message} is an amendment: only a declaration (CC015C) is converted; its "
            "amendment flag has no WCO home"
        ),
        "version": N_("WCO DEC-DMS has one version; {version} was asked for"),
    },
)


def _wco_dates(found: Node) -> None:
    """Replace every NCTS date-time below a node by a WCO one of format 304 (in place:
    the node is a copy)."""
    for fs in spec_of(type(found)).fields:
        value = found.__dict__.get(fs.name)
        if value is None:
            continue
        items = value if fs.many else [value]
        for index, item in enumerate(items):
            if isinstance(item, Node):
                _wco_dates(item)
            elif type(item) is XsdDateTime:
                stamp: DateTime = placed_leaf(DateTime, item.path, item.line)
                stamp.value = item.value
                stamp.format_code = DATE_TIME
                if fs.many:
                    items[index] = stamp
                else:
                    found.__dict__[fs.name] = stamp


def _leaf(cls: type[Any], value: str) -> Any:
    made = placed_leaf(cls, None, None)
    made.value = value
    return made


def _envelope(decl: Declaration) -> list[tuple[str, str, Any]]:
    """Fill the envelope's data model version, type name and responsible country; the
    defaults used."""
    meta = decl.metadata
    if meta is None:
        meta = MetaData()
        decl.metadata = meta
    used = []
    office = decl.declaration_office_id
    country = office.value[:2] if office is not None and office.value else None
    for key, field, cls, value in (
        ("version", "wco_data_model_version_code", Code, "3.6"),
        ("type-name", "wco_type_name", Text, "DEC"),
        ("country", "responsible_country_code", CountryCode, country),
    ):
        if meta.__dict__.get(field) is None and value is not None:
            meta.__dict__[field] = _leaf(cls, value)
            used.append((DEFAULTS[key][0], value, REASONS(key)))
    return used


def from_ncts(decl: Declaration, version: str | None, back: bool = False) -> Converted:
    """The WCO declaration of a declaration read from a CC015C (``back``: the
    declaration is one converted from WCO, read back; nothing changes).

    Raises:
        ConversionError: for a CC013C, or a version asked for.
    """
    if version is not None:
        raise ConversionError(_ERRORS("version", version=version), "wco")
    read = decl.read_from
    message = read.document if read is not None else None
    kind = getattr(message, "MESSAGE_TYPE", "CC015C")
    if kind != "CC015C":
        raise ConversionError(_ERRORS("amendment", message=kind), "wco")
    copy = decl.model_copy(deep=True)
    # A WCO declaration now, made in Python from the message: it writes itself as WCO.
    copy._read_from = None
    _wco_dates(copy)
    defaults = _envelope(copy)
    return Converted(copy, None, tuple(defaults))
