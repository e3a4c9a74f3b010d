"""Lists whose codes each apply on their own days: ``from=`` and ``to=`` on a code line.

A code line of a data file may carry ``from=YYYY-MM-DD`` and ``to=YYYY-MM-DD`` (both
inclusive) where a source dates the code: a country joins a convention, a legal act
creates a code. A code without them applies on any date. The days where the set of codes
changes cut time into segments, and each segment is an edition, made the first time a
date in it is asked; so a rule engine still holds one frozen set per declaration.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType

from single_window._i18n import Message
from single_window._refdata._datafile import (
    first,
    read_codes,
    read_descriptions,
    read_header,
    source_of,
)
from single_window._refdata._reasons import REASONS
from single_window._refdata._types import DATED, CodeList, Edition, Membership

__all__ = ["DatedList", "Span"]

Span = tuple[date | None, date | None]
"""The first and last day a code applies; None for no bound."""


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class DatedList(CodeList):
    """The codes of one or more data files, each on the days its line gives.

    When a code appears in several files, the first file's line wins. The edition label
    joins the files' ``edition`` headers with ``" + "``.
    """

    def __init__(self, name: str, title: str | Message, files: Sequence[str]) -> None:
        super().__init__(name, title, self._all)
        self._files = tuple(files)
        self._spans: Mapping[str, Span] | None = None
        self._segments: dict[int, Edition] = {}
        self._cuts: list[date] = []
        self._texts: dict[str, str] | None = None

    def spans(self) -> Mapping[str, Span]:
        """Every code of the files with the days it applies (a read-only view)."""
        if self._spans is None:
            spans: dict[str, Span] = {}
            for name in self._files:
                for code, attrs in read_codes(name).items():
                    spans.setdefault(code, (_day(attrs.get("from")), _day(attrs.get("to"))))
            cuts = {s for s, _ in spans.values() if s is not None}
            cuts |= {e + timedelta(days=1) for _, e in spans.values() if e is not None}
            self._cuts = sorted(cuts)
            self._spans = MappingProxyType(spans)
        return self._spans

    def _descriptions(self) -> dict[str, str]:
        if self._texts is None:
            found: dict[str, str] = {}
            for name in reversed(self._files):  # the first file's text wins, as its dates do
                found.update(read_descriptions(name))
            self._texts = found
        return self._texts

    def _segment(self, index: int) -> Edition:
        edition = self._segments.get(index)
        if edition is not None:
            return edition
        spans = self.spans()
        start = self._cuts[index - 1] if index > 0 else None
        end = self._cuts[index] - timedelta(days=1) if index < len(self._cuts) else None
        probe = start or end
        headers = [read_header(name) for name in self._files]

        def load() -> tuple[frozenset[str], dict[str, str]]:
            codes = frozenset(
                code
                for code, (s, e) in spans.items()
                if probe is None or ((s is None or s <= probe) and (e is None or probe <= e))
            )
            return codes, {}

        edition = Edition(
            self.name,
            " + ".join(first(h, "edition") or "" for h in headers),
            valid_from=start,
            valid_to=end,
            sources=[source_of(h) for h in headers],
            load=load,
            describe=self._descriptions,
        )
        self._segments[index] = edition
        return edition

    def _find(self, day: date) -> Edition | None:
        self.spans()
        return self._segment(bisect.bisect_right(self._cuts, day))

    def _all(self) -> list[Edition]:
        self.spans()
        return [self._segment(i) for i in range(len(self._cuts) + 1)]

    @staticmethod
    def when(span: Span, day: date) -> Message:
        """When a code that does not apply on ``day`` does: "in use from ..." or "until ..."."""
        start, end = span
        if start is not None and day < start:
            return REASONS("in-use-from", date=start.isoformat())
        if end is not None:
            return REASONS("in-use-until", date=end.isoformat())
        return REASONS("not-in-use")

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        span = self.spans().get(code)
        if span is not None:
            reason = REASONS(
                "not-on-date",
                code=repr(code),
                title=self.noun,
                date=day.isoformat(),
                when=self.when(span, day),
            )
            return Membership.of(code, self.name, "withdrawn", found.label, reason, day, DATED)
        return super()._explain(code, found, day)
