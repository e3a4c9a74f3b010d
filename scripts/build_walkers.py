"""Generate the WCO format's walkers (``single_window/formats/wco/_walkers.py``).

Usage::

    python scripts/build_walkers.py          # rewrite the module
    python scripts/build_walkers.py --check  # exit 1 when the module differs from a rebuild

The walkers follow the model (``single_window/models.py``, itself generated from the
profile by ``scripts/build_model.py``): run this after rebuilding the model. The code
itself comes from :mod:`single_window.formats._walkgen`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "single_window" / "formats" / "wco" / "_walkers.py"


def generate() -> str:
    """The source of the WCO walker module for the model as it is now."""
    from single_window.formats._walkgen import WalkerLayout
    from single_window.formats._walkgen import generate as walker_module
    from single_window.formats.wco._namespaces import DEC_NS, MD_NS, XSI_NS
    from single_window.models import Declaration, MetaData

    layout = WalkerLayout(
        doc="Walkers of the WCO format: map a DEC-DMS:2 document onto the model in one walk.",
        script="python scripts/build_walkers.py",
        roots=((MetaData, MD_NS), (Declaration, DEC_NS)),
        constants="single_window.formats.wco._namespaces",
        namespaces={MD_NS: "MD_NS", DEC_NS: "DEC_NS", XSI_NS: "XSI_NS"},
        located=(MetaData, Declaration),
        xsi=XSI_NS,
    )
    return walker_module(layout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the module to write")
    parser.add_argument("--check", action="store_true", help="only report a difference")
    args = parser.parse_args(argv)
    text = generate()
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
