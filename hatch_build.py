"""Build hook: compile the translation catalogs (``.po`` -> ``.mo``) into the package.

The catalogs' sources, ``single_window/locale/<lang>/LC_MESSAGES/single_window.po``, are
in the repository; the compiled ``.mo`` files are not. Hatchling runs this hook for every
wheel it builds:

- a wheel (``python -m build``, ``pip install .``): each catalog is compiled into a
  temporary folder and put into the wheel beside its ``.po`` path;
- an editable install (``pip install -e .``), where the package is the source tree
  itself: each ``.mo`` is written beside its ``.po`` in the tree (Git ignores it).

Only babel is needed (a build requirement); fuzzy entries are left out, as ``pybabel
compile`` leaves them out. ``scripts/catalogs.py compile`` does the same by hand.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

CATALOGS = "single_window/locale/*/LC_MESSAGES/single_window.po"


def compile_catalog(po: Path) -> bytes:
    """A ``.po`` file compiled to ``.mo`` bytes."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as stream:
        catalog = read_po(stream, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


class CatalogsHook(BuildHookInterface):  # type: ignore[misc]
    """Compiles every catalog of the package for the wheel being built."""

    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        catalogs = sorted(root.glob(CATALOGS))
        if version == "editable":
            for po in catalogs:
                po.with_suffix(".mo").write_bytes(compile_catalog(po))
            return
        self._built = Path(tempfile.mkdtemp(prefix="single-window-catalogs-"))
        for po in catalogs:
            relative = po.relative_to(root).with_suffix(".mo")
            target = self._built / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compile_catalog(po))
            build_data["force_include"][str(target)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        built = getattr(self, "_built", None)
        if built is not None:
            shutil.rmtree(built, ignore_errors=True)
