"""Pack patterns, run on RE2: matching time is linear in the input, whatever the pattern."""

from __future__ import annotations

from typing import Any

import re2

__all__ = ["compiled_pattern", "pattern_matches"]

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False
_PATTERNS: dict[str, Any] = {}
#: Answers already worked out, by pattern and value: declarations repeat the same codes,
#: and a dictionary look-up costs less than a call into RE2.
_ANSWERS: dict[tuple[str, str], bool] = {}


def pattern_matches(pattern: str, value: str) -> bool:
    """Whether a value fully matches a pack pattern (RE2, answers remembered)."""
    key = (pattern, value)
    found = _ANSWERS.get(key)
    if found is None:
        if len(_ANSWERS) > 50_000:
            _ANSWERS.clear()
        found = _ANSWERS[key] = compiled_pattern(pattern).fullmatch(value) is not None
    return found


def compiled_pattern(pattern: str) -> Any:
    """A pack pattern compiled by RE2, whose matching time is linear in the input, so no
    pattern a pack writes can stall a check; RE2 has no backreferences or lookaround.

    Raises:
        ValueError: when RE2 does not take the pattern.
    """
    found = _PATTERNS.get(pattern)
    if found is None:
        try:
            found = re2.compile(pattern, options=_RE2_OPTIONS)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else exc
            if isinstance(reason, bytes):
                reason = reason.decode("utf-8", "replace")
            raise ValueError(
                f"pattern {pattern!r} is not supported by the linear-time engine (RE2): {reason}"
            ) from None
        _PATTERNS[pattern] = found
    return found
