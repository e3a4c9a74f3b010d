"""Pack patterns, run on RE2: matching time is linear in the input, whatever the pattern.

Linear is not bounded: a match runs in C, where the rules' time budget cannot stop it,
and some patterns cost microseconds per character. So while a declaration's rules run,
no value longer than the check's ``Limits.max_pattern_text`` is matched
(:func:`pattern_limit`): :func:`pattern_matches` raises :class:`PatternTooLong`, which the
engine reports as a ``RULE-LIMIT`` error.
"""

from __future__ import annotations

import threading
from functools import cache, lru_cache
from typing import Any

import re2

from single_window import codes

__all__ = ["PatternTooLong", "compiled_pattern", "pattern_limit", "pattern_matches"]

_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False

#: Values up to this length have their answers remembered (codes and references are
#: short; a long value would only fill the cache).
_REMEMBERED = 256


class PatternTooLong(Exception):
    """A value longer than the pattern limit of the check running: it was not matched.

    Attributes:
        length: The value's length, in characters.
        limit: The limit (``Limits.max_pattern_text``).
        node: The model node that holds the value, when the check knows it.
        attribute: The node's attribute that holds it, if any.
    """

    def __init__(self, length: int, limit: int) -> None:
        self.reason = codes.message(
            codes.RULE_LIMIT,
            "value-too-long",
            count=length,
            number=f"{length:,}",
            limit=f"{limit:,}",
        )
        """What the exception says, as a message."""
        super().__init__(self.reason.render())
        self.length = length
        self.limit = limit
        self.node: object | None = None
        self.attribute: str | None = None


_LIMIT = threading.local()


class pattern_limit:
    """Refuse to match values longer than ``chars`` in this thread while the block runs
    (None: no limit)."""

    __slots__ = ("_before", "_chars")

    def __init__(self, chars: int | None) -> None:
        self._chars = chars
        self._before: int | None = None

    def __enter__(self) -> None:
        self._before = getattr(_LIMIT, "chars", None)
        _LIMIT.chars = self._chars

    def __exit__(self, *exc: object) -> None:
        _LIMIT.chars = self._before


def pattern_matches(pattern: str, value: str) -> bool:
    """Whether a value fully matches a pack pattern (RE2, short values' answers remembered).

    Raises:
        PatternTooLong: when the value is longer than the limit in force
            (:func:`pattern_limit`).
    """
    limit = getattr(_LIMIT, "chars", None)
    if limit is not None and len(value) > limit:
        raise PatternTooLong(len(value), limit)
    if len(value) > _REMEMBERED:
        return compiled_pattern(pattern).fullmatch(value) is not None
    return _matches(pattern, value)


# Answers are remembered by pattern and value: declarations repeat the same codes, and a
# cache look-up costs less than a call into RE2.
@lru_cache(maxsize=50_000)
def _matches(pattern: str, value: str) -> bool:
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
