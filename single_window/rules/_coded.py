"""Every coded value of a declaration that an international code list governs, in one pass.

The country-neutral code-list rules judge every country code, currency, unit of measure,
package type and transport mode wherever it stands in a declaration. Rather than walk
the whole model once per rule, :func:`coded_values` walks it once per declaration and
only into the parts of the model that can hold such a value: the walk plan of each model
class is worked out once, from the model's own field types.

Which values belong to which list:

- ``country``: every :class:`~single_window.models.CountryCode` value, and the country of
  origin;
- ``currency``: the ``currencyID`` of every amount, and the currency of an exchange rate
  (``CurrencyExchange/CurrencyTypeCode``);
- ``unit``: the ``unitCode`` of every measure and quantity, except the tax base of a
  specific duty (``DutyTaxFee/SpecificTaxBaseQuantity``) and the quantity written off a
  licence (``WriteOff/QuantityQuantity``), whose units are the national tariff's
  (for instance ``KGM#G``, a unit with a national qualifier);
- ``package-type``: ``Packaging/TypeCode``;
- ``transport-mode``: every ``ModeCode`` (border, arrival and departure transport means).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from single_window._spec import spec_of
from single_window._values import Amount, CountryCode, Leaf, Measure, Node, Quantity
from single_window.models import Declaration
from single_window.rules._selected import Selected

__all__ = ["coded_values"]


#: Fields whose values are not judged against an international list. A previous
#: document's quantity has the unit of the EU's list of measurement units and qualifiers
#: (NCTS CL349: a tariff unit with its qualifier letter, ``KGME``), not Recommendation 20's.
_NATIONAL: frozenset[tuple[str, str]] = frozenset(
    {
        ("DutyTaxFee", "specific_tax_base_quantity"),
        ("WriteOff", "quantity_quantity"),
        ("PreviousDocument", "goods_quantity"),
    }
)
#: Fields bound by their place rather than their value type.
_BY_PLACE: dict[tuple[str, str], str] = {
    ("Origin", "country_code"): "country",
    ("Packaging", "type_code"): "package-type",
    ("CurrencyExchange", "currency_type_code"): "currency",
}
_BY_NAME: dict[str, str] = {"mode_code": "transport-mode"}


def _binding(owner: type[Node], name: str, leaf: type[Leaf]) -> str | None:
    """The list a field's values belong to, or None."""
    key = (owner.__name__, name)
    if key in _NATIONAL:
        return None
    if key in _BY_PLACE:
        return _BY_PLACE[key]
    if name in _BY_NAME:
        return _BY_NAME[name]
    if issubclass(leaf, CountryCode):
        return "country"
    if issubclass(leaf, Amount):
        return "currency"
    if issubclass(leaf, Measure | Quantity):
        return "unit"
    return None


# One visit step: (field name, repeated, list name or None, qualifying attribute or None,
# child class or None). With an attribute (``currencyID``, ``unitCode``) the coded value
# is that attribute of the leaf, else the leaf's own value.
_Step = tuple[str, bool, "str | None", "str | None", "type[Node] | None"]

_ATTRIBUTE: dict[str, str] = {"currency": "currencyID", "unit": "unitCode"}


@cache
def _plan(cls: type[Node]) -> tuple[_Step, ...]:
    """The fields of a class worth visiting: bound leaves, and nodes with some below."""
    steps: list[_Step] = []
    for fs in spec_of(cls).fields:
        if fs.kind == "node":
            child = fs.cls
            assert issubclass(child, Node)
            if _plan(child):
                steps.append((fs.name, fs.many, None, None, child))
            continue
        assert issubclass(fs.cls, Leaf)
        binding = _binding(cls, fs.name, fs.cls)
        if binding is not None:
            qualified = issubclass(fs.cls, Amount | Measure | Quantity)
            attribute = _ATTRIBUTE[binding] if qualified else None
            steps.append((fs.name, fs.many, binding, attribute, None))
    return tuple(steps)


#: The lists values are collected for, in a fixed order.
LISTS = ("country", "currency", "unit", "package-type", "transport-mode")

Collector = Callable[[Node, dict[str, list[Selected]]], None]


@cache
def _collector(cls: type[Node]) -> Collector:
    """A function, generated once per class from its walk plan, that appends the coded
    values under one instance to their lists: straight-line code with no per-field
    look-ups of the plan, since this runs for every declaration a rule set checks."""
    env: dict[str, object] = {"Selected": Selected}
    lines = ["def collect(node, out):", "    d = node.__dict__"]
    for n, (name, many, binding, attribute, child) in enumerate(_plan(cls)):
        lines.append(f"    v = d[{name!r}]")
        if child is not None:
            env[f"C{n}"] = _collector(child)
            if many:
                lines += ["    for x in v:", f"        C{n}(x, out)"]
            else:
                lines += ["    if v is not None:", f"        C{n}(v, out)"]
            continue
        value = {"currencyID": "x.currency", "unitCode": "x.unit"}.get(attribute or "", "x.value")
        bucket = f"out[{binding!r}]"
        if many:
            lines += ["    for x in v:"]
        else:
            lines += ["    if v is not None:", "        x = v"]
        lines += [
            f"        if {value}:",
            f"            {bucket}.append(Selected({value}, x, None, {attribute!r}))",
        ]
    if len(lines) == 2:
        lines.append("    return")
    namespace: dict[str, object] = dict(env)
    code = compile("\n".join(lines) + "\n", f"<single_window coded {cls.__name__}>", "exec")
    exec(code, namespace)  # generated above from the model's own field specs
    collect: Collector = namespace["collect"]  # type: ignore[assignment]
    return collect


def coded_values(decl: Declaration) -> dict[str, list[Selected]]:
    """Every coded value of the declaration, by the list it belongs to, in document order."""
    out: dict[str, list[Selected]] = {name: [] for name in LISTS}
    _collector(type(decl))(decl, out)
    if decl.metadata is not None:
        _collector(type(decl.metadata))(decl.metadata, out)
    return out
