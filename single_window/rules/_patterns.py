"""Pack patterns, run on RE2: matching time is linear in the input, whatever the pattern."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

import re2

__all__ = ["compiled_pattern", "pattern_matches"]

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


# Answers are remembered by pattern and value: declarations repeat the same codes, and a
# cache look-up costs less than a call into RE2.
@lru_cache(maxsize=50_000)
def pattern_matches(pattern: str, value: str) -> bool:
    """Whether a value fully matches a pack pattern (RE2, answers remembered)."""
    return compiled_pattern(pattern).fullmatch(value) is not None


@cache
def compiled_pattern(pattern: str) -> Any:
    """A pack pattern compiled by RE2, whose matching time is linear in the input, so no
    pattern a pack writes can stall a check; RE2 has no backreferences or lookaround.

    Raises:
        ValueError: when RE2 does not take the pattern.
    """
    try:
        return re2.compile(pattern, options=_RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(
            f"pattern {pattern!r} is not supported by the linear-time engine (RE2): {reason}"
        ) from None
