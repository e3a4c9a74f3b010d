"""Catalog files: a language's translations read from its compiled ``.mo`` file, or from
its ``.po`` file where there is no current ``.mo``.

The library's catalogs live in ``single_window/locale/<lang>/LC_MESSAGES/``: the
``.po`` file is the source translators edit (in the repository), the ``.mo`` file is
built from it (by the build hook ``hatch_build.py`` for a wheel and for an editable
install, and by ``scripts/catalogs.py compile``). A ``.mo`` file is used when it is at
least as new as its ``.po`` file; otherwise (a ``.po`` edited since it was compiled, or
never compiled) the ``.po`` file is read with babel and compiled in memory, so an edit
shows at once, at the cost of reading it each time the language is first used in a
process (about 40 ms for a catalog of every message, against 12 ms for its ``.mo``). A
pack's own catalogs are ``.po`` files, read this way when the pack loads (see
:mod:`single_window.rules._packcatalogs`).

gettext and babel are imported only when a language other than English is used.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

    from babel.messages.catalog import Catalog

__all__ = ["DOMAIN", "compile_po", "load", "read_po", "translations"]

#: The gettext domain of the library's catalogs.
DOMAIN = "single_window"


def read_po(data: bytes, name: str, locale: str | None = None) -> Catalog:
    """A ``.po`` file's catalog.

    Raises:
        ValueError: naming the file, when it is not a PO file babel can read.
    """
    from babel.messages.pofile import PoFileError
    from babel.messages.pofile import read_po as babel_read_po

    try:
        return babel_read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{name}: not a PO file: {exc}") from None


def compile_po(data: bytes, name: str) -> bytes:
    """A ``.po`` file compiled to ``.mo`` bytes (fuzzy entries left out, as ``pybabel
    compile`` leaves them out).

    Raises:
        ValueError: when it is not a PO file.
    """
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read_po(data, name))
    return out.getvalue()


def translations(mo: bytes) -> gettext.GNUTranslations:
    """The translations of compiled ``.mo`` bytes."""
    import gettext

    return gettext.GNUTranslations(io.BytesIO(mo))


def load(folder: Path) -> gettext.GNUTranslations | None:
    """The translations of the catalog in ``folder`` (``<lang>/LC_MESSAGES``): its
    ``.mo`` file when that is current, else its ``.po`` file; None when it has neither."""
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    mo_time = _modified(mo)
    po_time = _modified(po)
    if mo_time is not None and (po_time is None or mo_time >= po_time):
        return translations(mo.read_bytes())
    if po_time is not None:
        return translations(compile_po(po.read_bytes(), str(po)))
    return None


def _modified(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None
