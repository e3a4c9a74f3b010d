"""Hypothesis settings profiles for tests that use these strategies: ``ci`` and ``long``.

Drawing a whole declaration and checking it takes milliseconds, not microseconds, so
Hypothesis's default health checks and deadline misfire on them, the more so on a busy
CI machine: ``too_slow`` fails a test whose strategy is merely heavy, and the 200 ms
deadline fails a check that a loaded machine slowed down. The profiles turn those off:

``ci``
    12 examples per test, no deadline, ``too_slow`` and ``data_too_large`` not checked,
    the reproduction blob printed on failure. Fast enough for every commit.
``long``
    The same with 400 examples: run it by hand before a release or after changing a pack.

Nothing is registered on import: call :func:`register_profiles` (for example in your
``conftest.py``), then load one. Registering replaces a profile of the same name,
including Hypothesis's own built-in ``ci`` profile.

Example:
    >>> import os
    >>> from hypothesis import settings
    >>> from single_window.testing import register_profiles
    >>> register_profiles()
    ('ci', 'long')
    >>> settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

__all__ = ["PROFILES", "register_profiles"]

_COMMON = settings(
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The profiles by name.
PROFILES: dict[str, settings] = {
    "ci": settings(_COMMON, max_examples=12),
    "long": settings(_COMMON, max_examples=400),
}


def register_profiles() -> tuple[str, ...]:
    """Register the :data:`PROFILES` with Hypothesis; return their names.

    Load one afterwards with ``hypothesis.settings.load_profile(name)``.
    """
    for name, profile in PROFILES.items():
        settings.register_profile(name, profile)
    return tuple(PROFILES)
