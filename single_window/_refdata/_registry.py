"""The registry of code lists: each made on first use and kept."""

from __future__ import annotations

from single_window._refdata import FACTORIES
from single_window._refdata._ncts import ALIASES
from single_window._refdata._types import CodeList
from single_window.errors import ConfigurationError

__all__ = ["get", "names"]

_LISTS: dict[str, CodeList] = {}


def names() -> tuple[str, ...]:
    """The names of the lists, in the order of the table in :mod:`single_window.codelists`."""
    return tuple(FACTORIES)


def get(name: str) -> CodeList:
    """The list called ``name`` (an NCTS list also by its CS/RD2 name, ``ncts:CountryCodesCTC``).

    Raises:
        ConfigurationError: no list has that name.
    """
    name = ALIASES.get(name, name)
    try:
        return _LISTS[name]
    except KeyError:
        pass
    if name not in FACTORIES:
        raise ConfigurationError(f"no code list {name!r}; the lists are {', '.join(FACTORIES)}")
    return _LISTS.setdefault(name, FACTORIES[name]())
