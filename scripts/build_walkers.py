"""Generate the formats' walkers (``single_window/formats/<format>/_walkers.py``).

Usage::

    python scripts/build_walkers.py          # rewrite the modules
    python scripts/build_walkers.py --check  # exit 1 when a module differs from a rebuild

The walkers follow the models (WCO: ``single_window/models.py``, generated from the
profile by ``scripts/build_model.py``; NCTS: ``single_window/formats/ncts/models.py``,
generated from its schemas by ``scripts/build_ncts_model.py``): run this after
rebuilding a model. The code itself comes from :mod:`single_window.formats._walkgen`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from single_window.formats._walkgen import WalkerLayout

REPO = Path(__file__).resolve().parents[1]
FORMATS = REPO / "single_window" / "formats"
#: The module each format's walkers are written to.
OUTS = {"wco": FORMATS / "wco" / "_walkers.py", "ncts": FORMATS / "ncts" / "_walkers.py"}
SCRIPT = "python scripts/build_walkers.py"


def _wco() -> WalkerLayout:
    from single_window.formats._walkgen import WalkerLayout
    from single_window.formats.wco._namespaces import DEC_NS, MD_NS, XSI_NS
    from single_window.models import Declaration, MetaData

    kept = {f"{{{XSI_NS}}}schemaLocation": "schema_location"}
    return WalkerLayout(
        doc="Walkers of the WCO format: map a DEC-DMS:2 document onto the model in one walk.",
        script=SCRIPT,
        roots=((MetaData, MD_NS), (Declaration, DEC_NS)),
        constants="single_window.formats.wco._namespaces",
        namespaces={MD_NS: "MD_NS", DEC_NS: "DEC_NS", XSI_NS: "XSI_NS"},
        attributes={MetaData: kept, Declaration: kept},
    )


def _ncts() -> WalkerLayout:
    from single_window.formats._walkgen import WalkerLayout
    from single_window.formats.ncts.models import MESSAGE_CLASSES

    return WalkerLayout(
        doc="Walkers of the NCTS format: map a CC015C or CC013C message onto its model in "
        "one walk.",
        script=SCRIPT,
        # The root is in the NCTS namespace, every element below it unqualified.
        roots=tuple((cls, None) for cls in MESSAGE_CLASSES.values()),
        constants="single_window.formats.ncts._messages",
        namespaces={},
        attributes={cls: {"PhaseID": "phase_id"} for cls in MESSAGE_CLASSES.values()},
        # NCTS values carry no attributes: any attribute on one is kept as unmapped.
        value_attributes=False,
    )


def generate(name: str = "wco") -> str:
    """The source of a format's walker module for its model as it is now."""
    from single_window.formats._walkgen import generate as walker_module

    layout = {"wco": _wco, "ncts": _ncts}[name]()
    return walker_module(layout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report a difference")
    args = parser.parse_args(argv)
    status = 0
    for name, out in OUTS.items():
        text = generate(name)
        current = out.read_text("utf-8") if out.is_file() else None
        if current == text:
            continue
        if args.check:
            print(f"{out} differs from a rebuild", file=sys.stderr)
            status = 1
        else:
            out.write_text(text, "utf-8")
            print(f"wrote {out}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
