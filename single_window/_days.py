"""The ``on`` argument every public function takes: a date, a datetime or an ISO date string.

``check``, ``check_many``, the command line's ``--on`` and every function of
:mod:`single_window.codelists` read it here, so that each accepts the same forms and refuses
the rest with the same words. Nothing is imported beyond :mod:`datetime`: the command line
reads ``--on`` before it loads the library.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

__all__ = ["ON_TYPES", "On", "as_of_date", "day_of"]

#: What an ``on`` argument may be: a date, a datetime (its date), an ISO 8601 date or
#: date-time string, or None for today (UTC).
On = date | str | None

#: What ``on`` may be, for error messages.
ON_TYPES = "a date, a datetime or an ISO date string ('2025-01-31')"


def as_of_date(on: object) -> date | None:
    """The ``on=`` argument as a date: a date, a datetime (its own date, in its own time
    zone) or an ISO 8601 date or date-time string (``2025-01-31``,
    ``2025-01-31T10:00:00+03:00``); None stays None.

    Raises:
        TypeError: for any other type.
        ValueError: for a string that is not an ISO 8601 date or date-time.
    """
    if on is None:
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    if isinstance(on, str):
        text = on.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            raise ValueError(
                f"on={on!r} is not an ISO date; write it as YYYY-MM-DD, e.g. '2025-01-31'"
            ) from None
    raise TypeError(f"on= must be {ON_TYPES}, not {type(on).__name__}")


def day_of(on: object) -> date:
    """The day an ``on`` argument means (:func:`as_of_date`); today (UTC) for None.

    Raises:
        TypeError: for a type ``on`` cannot be.
        ValueError: for a string that is not an ISO 8601 date or date-time.
    """
    if type(on) is date:
        return on
    day = as_of_date(on)
    return datetime.now(UTC).date() if day is None else day
