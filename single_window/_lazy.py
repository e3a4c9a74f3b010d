"""A package's names loaded when first read (PEP 562 module ``__getattr__``).

Importing the package then costs only this module: each name's module is imported the
first time the name is read, and the value is kept in the package, so that later reads
are plain attribute look-ups.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, home: Mapping[str, str], names: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    Args:
        package: The package's name (its ``__name__``).
        home: Each name -> the module it lives in; a name equal to its module's last part
            is the module itself.
        names: The package's public names (its ``__all__``).
    """
    namespace = sys.modules[package].__dict__
    listed = frozenset(names)

    def __getattr__(name: str) -> Any:
        found = home.get(name)
        if found is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(found)
        value = module if found.rpartition(".")[2] == name else getattr(module, name)
        namespace[name] = value  # later reads are plain attribute look-ups
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *listed})

    return __getattr__, __dir__
