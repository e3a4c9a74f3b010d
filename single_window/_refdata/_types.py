"""The types of :mod:`single_window.codelists`: lists, editions, sources and answers.

They live here, below both the public module and the readers of the data files, so
that imports run one way: ``codelists`` -> readers -> these types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from typing_extensions import TypeAliasType

from single_window._days import On, day_of
from single_window._i18n import Message
from single_window._refdata._reasons import REASONS

__all__ = [
    "DATED",
    "CodeList",
    "Edition",
    "ExtendedList",
    "Membership",
    "On",
    "Source",
    "Status",
    "code_of",
    "day_of",
]


#: :attr:`Membership.dated` of a reason whose ``{date}`` is the date judged.
DATED: tuple[str, ...] = ("date",)

Status = TypeAliasType(
    "Status",
    Literal[
        "member", "deprecated", "absent", "other-edition", "withdrawn", "no-edition", "not-covered"
    ],
)
"""How a code relates to a list on a date.

``member`` and ``deprecated`` pass (deprecated codes are still valid, to be phased out);
``absent`` (in no edition), ``other-edition`` (only in an edition not in force on the
date) and ``withdrawn`` (in use before or after the date, not on it) fail; ``no-edition``
(no edition of the list applies on the date) and ``not-covered`` (the code belongs to a
national or regional list this one does not hold) cannot be judged here.
"""


@dataclass(frozen=True, slots=True)
class Source:
    """Where an edition's codes come from.

    Attributes:
        title: The publication or data set, e.g. "UNECE, Recommendation No. 20, Rev 17".
        url: Where it can be read.
        revision: A commit, version or publication number that pins it.
        sha256: The SHA-256 of the source file the shipped data was generated from.
        licence: The licence of the source.
    """

    title: str
    url: str | None = None
    revision: str | None = None
    sha256: str | None = None
    licence: str | None = None


class Edition:
    """One edition of a code list: its codes and the dates it applies (both inclusive).

    ``code in edition`` is a frozenset look-up of the code as given (the lists hold codes
    trimmed and upper-cased, as the model holds them); a hot loop can hold :attr:`codes`
    itself. The codes are read the first time they are needed.
    """

    __slots__ = (
        "_codes",
        "_describe",
        "_descriptions",
        "_from",
        "_label",
        "_list",
        "_load",
        "_sources",
        "_status",
        "_to",
    )

    def __init__(
        self,
        list: str,
        label: str,
        *,
        valid_from: date | None,
        valid_to: date | None,
        sources: Sequence[Source],
        load: Callable[[], tuple[frozenset[str], dict[str, str]]],
        describe: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        # Read-only once made: editions are shared by every check of the process.
        self._list = list
        self._label = label
        self._from = valid_from
        self._to = valid_to
        self._sources = tuple(sources)
        self._load = load
        self._describe = describe
        self._codes: frozenset[str] | None = None
        self._status: dict[str, str] = {}
        self._descriptions: Mapping[str, str] | None = None

    @property
    def list(self) -> str:
        """The name of the list, e.g. ``"hs"``."""
        return self._list

    @property
    def label(self) -> str:
        """The edition, e.g. ``"HS 2022"``."""
        return self._label

    @property
    def valid_from(self) -> date | None:
        """The first day the edition applies; None when it has no start."""
        return self._from

    @property
    def valid_to(self) -> date | None:
        """The last day the edition applies; None when it has no end."""
        return self._to

    @property
    def sources(self) -> tuple[Source, ...]:
        """Where the codes come from."""
        return self._sources

    @property
    def codes(self) -> frozenset[str]:
        """The valid codes of this edition (deprecated ones included, deleted ones not)."""
        if self._codes is None:
            codes, status = self._load()
            self._status = status  # before the codes: a reader that sees codes sees marks
            self._codes = codes
        return self._codes

    @property
    def marked(self) -> Mapping[str, str]:
        """The codes the source marks ``"deprecated"`` or ``"deleted"``, with the mark."""
        _ = self.codes  # the marks are read with the codes
        return MappingProxyType(self._status)

    def status(self, code: str) -> str | None:
        """``"deprecated"`` or ``"deleted"`` when the source marks the code so, else None."""
        _ = self.codes  # the marks are read with the codes
        return self._status.get(code)

    def description(self, code: str) -> str | None:
        """What the source says ``code`` means, in English; None when it gives no text.

        Every shipped list carries its source's names (some NCTS codes, the CUS numbers
        among them, come without one); they are read the first time one is asked for. A
        code's name in another language is :func:`single_window.codelists.label`'s.
        """
        code = code_of(code)
        if self._descriptions is None:
            self._descriptions = self._describe() if self._describe is not None else {}
        return self._descriptions.get(code) if code in self.codes else None

    def applies_on(self, day: On) -> bool:
        """Whether the edition is in force on ``day`` (as ``on`` of the code-list functions)."""
        if type(day) is not date:
            day = day_of(day)
        return (self._from is None or self._from <= day) and (self._to is None or day <= self._to)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def __repr__(self) -> str:
        return f"<Edition {self.list} {self.label!r} {self.valid_from}..{self.valid_to}>"


@dataclass(frozen=True, slots=True)
class Membership:
    """The answer for one code: in the list or not, and why, in words for a finding.

    ``bool(membership)`` is :attr:`ok`.
    """

    code: str
    list: str
    status: Status
    edition: str | None
    """The label of the edition in force on the date, or None when there is none."""
    message: str
    """Value first, then what was expected (empty for a plain member), in English."""
    on: date | None = field(default=None)
    reason: Message | None = field(default=None)
    """``message`` as a message (``codelist.<key>``), to render in another language."""
    dated: tuple[str, ...] | None = field(default=None)
    """Where :attr:`reason` names the date judged (:attr:`on`): the parameters that lead
    to it (``("date",)``, or ``("where", "date")`` inside a nested message); None when it
    names no date."""

    @classmethod
    def of(
        cls,
        code: str,
        list: str,
        status: Status,
        edition: str | None,
        reason: Message,
        on: date | None,
        dated: tuple[str, ...] | None = None,
    ) -> Membership:
        """An answer that says why: ``message`` is the reason rendered in English."""
        return cls(code, list, status, edition, reason.render(), on, reason, dated)

    def reason_on(self, said: object) -> Message | str:
        """The reason with the date judged that it names given as ``said`` (a rule engine
        says where the date came from: ``2024-06-01, the date asked for``); the reason as
        it is when it names no date, :attr:`message` when there is no reason."""
        if self.reason is None:
            return self.message
        if self.dated is None:
            return self.reason
        return _replaced(self.reason, self.dated, said)

    @property
    def ok(self) -> bool:
        """The code is in the edition in force (``member`` or ``deprecated``)."""
        return self.status in ("member", "deprecated")

    @property
    def judged(self) -> bool:
        """The list could judge the code (False for ``no-edition`` and ``not-covered``)."""
        return self.status not in ("no-edition", "not-covered")

    def __bool__(self) -> bool:
        return self.ok


class CodeList:
    """A named code list: its editions and the one in force on a date.

    Lists are made by this module (:func:`get`); packs that add national codes use
    :meth:`extended`.
    """

    def __init__(
        self,
        name: str,
        title: str | Message,
        editions: Callable[[], Sequence[Edition]],
        *,
        gap: str = "",
    ) -> None:
        self._name = name
        self._noun = title
        self._title = title if isinstance(title, str) else title.render()
        self._make_editions = editions
        self._editions: tuple[Edition, ...] | None = None
        self._gap = gap
        self._by_date: dict[date, Edition | None] = {}

    @property
    def name(self) -> str:
        """The list's name, e.g. ``"currency"``."""
        return self._name

    @property
    def noun(self) -> str | Message:
        """What a member is, as messages name it (``codelist-title.<list>``)."""
        return self._noun

    @property
    def title(self) -> str:
        """What a member is, in English, e.g. ``"UN/ECE Rec 20 unit code"``."""
        return self._title

    @property
    def editions(self) -> tuple[Edition, ...]:
        """Every edition, oldest first."""
        if self._editions is None:
            self._editions = tuple(
                sorted(self._make_editions(), key=lambda e: e.valid_from or date.min)
            )
        return self._editions

    def edition(self, on: On = None) -> Edition | None:
        """The edition in force on ``on`` (today, UTC, when None); None when none is."""
        day = day_of(on)
        try:
            return self._by_date[day]
        except KeyError:
            pass
        found = self._find(day)
        if len(self._by_date) > 4096:  # a long-running service sees every day eventually
            self._by_date.clear()
        self._by_date[day] = found
        return found

    def _find(self, day: date) -> Edition | None:
        return next((e for e in self.editions if e.applies_on(day)), None)

    def nearest(self, on: On = None) -> Edition | None:
        """The edition in force on ``on``, else the edition whose days come nearest to it
        (the later one when two are as near); None only for a list without editions.

        Where no edition applies (a date before the first shipped edition or after the
        last), a rule engine that must not pass a code unjudged judges it by this edition
        and says so.
        """
        day = day_of(on)
        found = self.edition(day)
        if found is not None:
            return found
        best: Edition | None = None
        best_gap = 0
        for candidate in self.editions:
            if candidate.valid_to is not None and candidate.valid_to < day:
                gap = (day - candidate.valid_to).days
            elif candidate.valid_from is not None and day < candidate.valid_from:
                gap = (candidate.valid_from - day).days
            else:  # pragma: no cover - it would apply on the day
                continue
            if best is None or gap <= best_gap:
                best, best_gap = candidate, gap
        return best

    def contains(self, code: str, on: On = None) -> bool:
        """Whether ``code`` (trimmed and upper-cased) is in the edition in force on ``on``
        (False when none is)."""
        code = code_of(code)
        found = self.edition(on)
        return found is not None and code in found.codes

    def check(self, code: str, on: On = None) -> Membership:
        """The membership of ``code`` (trimmed and upper-cased) on ``on``, explained when it
        is not plain."""
        code = code_of(code)
        day = day_of(on)
        found = self.edition(day)
        if found is None:
            return Membership.of(code, self.name, "no-edition", None, self._no_edition(day), day)
        if code in found.codes:
            if found.status(code) == "deprecated":
                reason = REASONS(
                    "deprecated", code=repr(code), edition=found.label, title=self.noun
                )
                return Membership.of(code, self.name, "deprecated", found.label, reason, day)
            return Membership(code, self.name, "member", found.label, "", day)
        return self._explain(code, found, day)

    def _no_edition(self, day: date) -> Message:
        if self._gap:
            return REASONS("no-edition-gap", title=self.noun, date=day.isoformat(), gap=self._gap)
        return REASONS("no-edition", title=self.noun, date=day.isoformat())

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        """A failure message; lists with more to say (HS, currencies) override it."""
        key = "deleted" if found.status(code) == "deleted" else "absent"
        reason = REASONS(key, code=repr(code), edition=found.label, title=self.noun)
        return Membership.of(code, self.name, "absent", found.label, reason, day)

    def extended(
        self,
        codes: Iterable[str],
        *,
        label: str,
        source: Source,
        valid_from: date | None = None,
        valid_to: date | None = None,
    ) -> CodeList:
        """This list plus national or regional codes (for example a pack's own units).

        The result answers like this list, with ``codes`` added on the dates the
        extension applies; its editions are labelled ``"<edition> + <label>"``.
        """
        return ExtendedList(self, frozenset(codes), label, source, valid_from, valid_to)

    def __repr__(self) -> str:
        return f"<CodeList {self.name}>"


def _replaced(message: Message, path: tuple[str, ...], value: object) -> Message:
    """``message`` with the parameter at ``path`` (through nested messages) set to
    ``value``."""
    name, rest = path[0], path[1:]
    inner = message.params[name]
    if rest:
        assert isinstance(inner, Message), f"{message.id}: {name} is no message"
        value = _replaced(inner, rest, value)
    return Message(message.id, {**message.params, name: value})


def code_of(code: object, what: str = "code") -> str:
    """A code as the model holds it: trimmed and upper-cased (``" eur "`` is ``"EUR"``).

    Raises:
        TypeError: for anything but a ``str``.
    """
    if not isinstance(code, str):
        raise TypeError(f"{what} must be a str, not {type(code).__name__}")
    return code.strip().upper()


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
        super().__init__(base.name, base.noun, self._all)
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
                describe=base._describe,
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

    def nearest(self, on: On = None) -> Edition | None:
        day = day_of(on)
        base = self._base.nearest(day)
        if base is None or not self._applies(day):
            return base
        return self._extend(base)

    def check(self, code: str, on: On = None) -> Membership:
        code = code_of(code)
        answer = super().check(code, on)
        if answer.ok or answer.status == "no-edition":
            return answer
        # Explain with the base list's knowledge (HS editions, currency dates, ...).
        base = self._base.check(code, answer.on)
        return Membership(
            code,
            self.name,
            base.status,
            answer.edition,
            base.message,
            answer.on,
            base.reason,
            base.dated,
        )
