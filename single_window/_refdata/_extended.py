"""A list plus national or regional codes (:meth:`CodeList.extended`)."""

from __future__ import annotations

from datetime import date

from single_window.codelists import CodeList, Edition, Membership, Source

__all__ = ["ExtendedList"]


class ExtendedList(CodeList):
    """``base`` with ``extra`` codes added on the dates the extension applies."""

    def __init__(
        self,
        base: CodeList,
        extra: frozenset[str],
        label: str,
        source: Source,
        valid_from: date | None,
        valid_to: date | None,
    ) -> None:
        super().__init__(base.name, base.title, self._all)
        self._base = base
        self._extra = extra
        self._label = label
        self._source = source
        self._from = valid_from
        self._to = valid_to
        self._made: dict[int, Edition] = {}

    def _applies(self, day: date) -> bool:
        return (self._from is None or self._from <= day) and (self._to is None or day <= self._to)

    def _extend(self, base: Edition) -> Edition:
        made = self._made.get(id(base))
        if made is None:

            def load() -> tuple[frozenset[str], dict[str, str]]:
                return base.codes | self._extra, dict(base.marked)

            # The extended edition applies where both the base edition and the extension do.
            starts = [d for d in (base.valid_from, self._from) if d is not None]
            ends = [d for d in (base.valid_to, self._to) if d is not None]
            made = Edition(
                base.list,
                f"{base.label} + {self._label}",
                valid_from=max(starts) if starts else None,
                valid_to=min(ends) if ends else None,
                sources=[*base.sources, self._source],
                load=load,
            )
            self._made[id(base)] = made
        return made

    def _overlaps(self, base: Edition) -> bool:
        return (self._from is None or base.valid_to is None or self._from <= base.valid_to) and (
            self._to is None or base.valid_from is None or base.valid_from <= self._to
        )

    def _all(self) -> list[Edition]:
        """The base editions, and the extended one beside each the extension overlaps."""
        made = []
        for base in self._base.editions:
            made.append(base)
            if self._overlaps(base):
                made.append(self._extend(base))
        return made

    def _find(self, day: date) -> Edition | None:
        base = self._base.edition(day)
        if base is None or not self._applies(day):
            return base
        return self._extend(base)

    def check(self, code: str, on: date | None = None) -> Membership:
        answer = super().check(code, on)
        if answer.ok or answer.status == "no-edition":
            return answer
        # Explain with the base list's knowledge (HS editions, currency dates, ...).
        base = self._base.check(code, answer.on)
        return Membership(code, self.name, base.status, answer.edition, base.message, answer.on)
