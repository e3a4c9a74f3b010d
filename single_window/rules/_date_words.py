"""The date the rules judge at, as messages say it: the date and where it came from.

A message that speaks of the date judged names it and its source, so that a reader of
a report made with ``on=`` (``--on``) is never told it was the declaration's date:
``{date}, {date_source}`` (``2024-06-01, the date asked for``). The sources are messages
(``date-source.<source>``), so each language says them in its own words; where a
message names the date inside a nested one (a code list's reason), the date and its
source are one message (``date.said``) put in the date's place.
"""

from __future__ import annotations

from typing import Literal

from single_window._i18n import N_, Message, define

__all__ = ["DATE_SOURCES", "DATE_WORDS", "DateFrom", "date_said", "date_source"]

#: Where the date judged comes from: the caller's ``on=`` (``--on``), the declaration's
#: own date, or today's (the declaration has none).
DateFrom = Literal["on", "declaration", "today"]

#: Where the date judged comes from, in words (``date-source.<source>``).
DATE_SOURCES = define(
    "date-source",
    {
        "on": N_("the date asked for"),
        "declaration": N_("the declaration's date"),
        "today": N_("today's date (the declaration has none)"),
    },
)

#: A date the rules judged at, as one message (``date.<key>``): the date with where it
#: came from, and where a reference list was judged at another day than the date judged
#: (no edition of it applies on that date).
DATE_WORDS = define(
    "date",
    {
        "said": N_("{date}, {date_source}"),
        "nearest": N_("the nearest day of {edition} to {as_of}, {date_source}"),
    },
)


def date_source(source: DateFrom) -> Message:
    """Where the date judged comes from, as a message."""
    return DATE_SOURCES(source)


def date_said(day: str, source: Message) -> Message:
    """A date (ISO 8601) with where it came from, as one message."""
    return DATE_WORDS("said", date=day, date_source=source)
