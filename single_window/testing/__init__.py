"""Hypothesis strategies for testing code that reads and checks declarations.

``declarations`` and ``declaration_xml`` draw valid declarations for the countries you
choose, of the kinds you choose (:data:`KINDS`: import and export by default, transit on
request) and, for transit, of the regimes you choose (:data:`REGIMES`: TIR, the NCTS,
EAEU customs transit); ``violating`` draws declarations that break exactly one named
rule; ``ncts_messages`` draws valid NCTS declarations (CC015C, Phases 5 and 6) and
``ncts_violating`` CC015C messages that break one named rule; ``broken_xml`` draws
broken or hostile documents derived from valid ones, of the breakages you choose
(:data:`BREAKAGES`; the heavy :data:`RESOURCE_BREAKAGES` only when named). Options
are keyword-only and checked when the strategy is created, not when it is drawn from.

Declarations are heavy to draw and check; :func:`register_profiles` registers the
Hypothesis profiles ``ci`` (fast, no ``too_slow`` health check, no deadline) and
``long`` (400 examples) that suit them.

Requires Hypothesis: install the ``testing`` extra (in a checkout of single_window,
``pip install -e '.[testing]'``).

Example:
    >>> from hypothesis import given
    >>> import single_window
    >>> from single_window.testing import violating
    >>> @given(violating("TR-HS-LENGTH"))
    ... def test_short_gtip_codes_are_rejected(xml):
    ...     assert "TR-HS-LENGTH" in single_window.check(xml).rules()
"""

from __future__ import annotations

try:
    import hypothesis as _hypothesis  # noqa: F401
except ImportError as _exc:
    raise ImportError(
        "single_window.testing needs Hypothesis: install the testing extra "
        "(in a checkout of single_window: pip install -e '.[testing]')"
    ) from _exc

from single_window.rules._kinds import Needs
from single_window.testing._broken import (
    BREAKAGES,
    DEPRECATED_NAMES,
    RESOURCE_BREAKAGES,
    broken_xml,
    deprecated_name,
)
from single_window.testing._ncts import (
    NCTS_COUNTRIES,
    NctsOptions,
    ncts_messages,
    ncts_violating,
)
from single_window.testing._ncts_build import NCTS_DECLARATION_TYPES
from single_window.testing._ncts_violators import NCTS_VIOLATORS, ncts_violator
from single_window.testing._options import KINDS
from single_window.testing._profiles import PROFILES, register_profiles
from single_window.testing._regimes import REGIMES
from single_window.testing._registry import predicate_violator
from single_window.testing._strategies import declaration_xml, declarations
from single_window.testing._target import ViolationTarget
from single_window.testing._violate import CannotViolate, violating

__all__ = [
    "BREAKAGES",
    "KINDS",
    "NCTS_COUNTRIES",
    "NCTS_DECLARATION_TYPES",
    "NCTS_VIOLATORS",
    "PROFILES",
    "REGIMES",
    "RESOURCE_BREAKAGES",
    "CannotViolate",
    "NctsOptions",
    "Needs",
    "ViolationTarget",
    "broken_xml",
    "declaration_xml",
    "declarations",
    "ncts_messages",
    "ncts_violating",
    "ncts_violator",
    "predicate_violator",
    "register_profiles",
    "violating",
]


def __getattr__(name: str) -> tuple[str, ...]:
    """The deprecated names ``BROKEN_KINDS`` and ``RESOURCE_KINDS`` (now
    :data:`BREAKAGES` and :data:`RESOURCE_BREAKAGES`), with a ``DeprecationWarning``."""
    if name in DEPRECATED_NAMES:
        return deprecated_name(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
