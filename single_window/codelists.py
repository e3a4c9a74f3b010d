"""Reference code lists by edition: is this code in list L on date D?

Every coded field of a declaration draws its value from a list with a name, an edition
and the dates that edition applies. This module answers, for a list name, a code and a
date, whether the code is in the edition in force on that date, and when it is not, why
(the message names the list and its edition). The lists:

| name | what it holds |
| --- | --- |
| ``country`` | ISO 3166-1 alpha-2 (pycountry) and customs codes (XK, XS, XC, XL, ZB...) |
| ``currency`` | ISO 4217 currencies in legal-tender use on the date (CLDR, via babel) |
| ``unit`` | UN/ECE Rec 20 units (current, deprecated), and ``X`` + a Rec 21 code |
| ``package-type`` | UN/ECE Rec 21 package types |
| ``transport-mode`` | UN/ECE Rec 19 modes of transport, ``0`` to ``9`` |
| ``document-name`` | UN/EDIFACT code list 1001, document name codes |
| ``hs`` | Harmonized System subheadings (six digits): HS 2017 and HS 2022 |

A list is read on first use and kept; nothing is fetched over the network. Once the
date's edition is known, membership is a set look-up. A rule engine resolves each list's
edition once per declaration (:meth:`CodeList.edition`), tests codes with
``code in edition``, and calls :func:`check` only for a code that fails, to explain it.
The page "Code lists" of the reference documentation says where each list comes from.

Example:
    >>> from datetime import date
    >>> from single_window import codelists
    >>> codelists.contains("currency", "HRK", date(2022, 6, 1))
    True
    >>> codelists.contains("currency", "HRK", date(2024, 6, 1))
    False
    >>> print(codelists.check("hs", "880710", date(2021, 6, 1)).message)
    '880710' is not an HS 2017 subheading; 8807.10 exists only in HS 2022
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Literal

from single_window.errors import ConfigurationError

__all__ = [
    "CodeList",
    "Edition",
    "Membership",
    "Source",
    "Status",
    "check",
    "check_commodity",
    "check_document",
    "contains",
    "edition",
    "get",
    "names",
]

Status = Literal[
    "member", "deprecated", "absent", "other-edition", "withdrawn", "no-edition", "not-covered"
]
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

    ``code in edition`` is a frozenset look-up; a hot loop can hold :attr:`codes` itself.
    The codes are read the first time they are needed.
    """

    __slots__ = ("_codes", "_load", "_status", "label", "list", "sources", "valid_from", "valid_to")

    def __init__(
        self,
        list: str,
        label: str,
        *,
        valid_from: date | None,
        valid_to: date | None,
        sources: Sequence[Source],
        load: Callable[[], tuple[frozenset[str], dict[str, str]]],
    ) -> None:
        self.list = list
        """The name of the list, e.g. ``"hs"``."""
        self.label = label
        """The edition, e.g. ``"HS 2022"``."""
        self.valid_from = valid_from
        """The first day the edition applies; None when it has no start."""
        self.valid_to = valid_to
        """The last day the edition applies; None when it has no end."""
        self.sources = tuple(sources)
        """Where the codes come from."""
        self._load = load
        self._codes: frozenset[str] | None = None
        self._status: dict[str, str] = {}

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

    def applies_on(self, day: date) -> bool:
        """Whether the edition is in force on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

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
    """Value first, then what was expected (empty for a plain member)."""
    on: date | None = field(default=None)

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
        title: str,
        editions: Callable[[], Sequence[Edition]],
        *,
        gap: str = "",
    ) -> None:
        self.name = name
        """The list's name, e.g. ``"currency"``."""
        self.title = title
        """What a member is, for messages, e.g. ``"UN/ECE Rec 20 unit code"``."""
        self._make_editions = editions
        self._editions: tuple[Edition, ...] | None = None
        self._gap = gap
        self._by_date: dict[date, Edition | None] = {}

    @property
    def editions(self) -> tuple[Edition, ...]:
        """Every edition, oldest first."""
        if self._editions is None:
            self._editions = tuple(
                sorted(self._make_editions(), key=lambda e: e.valid_from or date.min)
            )
        return self._editions

    def edition(self, on: date | None = None) -> Edition | None:
        """The edition in force on ``on`` (today, UTC, when None); None when none is."""
        day = _day(on)
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

    def contains(self, code: str, on: date | None = None) -> bool:
        """Whether ``code`` is in the edition in force on ``on`` (False when none is)."""
        found = self.edition(on)
        return found is not None and code in found.codes

    def check(self, code: str, on: date | None = None) -> Membership:
        """The membership of ``code`` on ``on``, explained when it is not plain."""
        day = _day(on)
        found = self.edition(day)
        if found is None:
            return Membership(code, self.name, "no-edition", None, self._no_edition(day), day)
        if code in found.codes:
            if found.status(code) == "deprecated":
                message = f"{code!r} is deprecated in {found.label}; still a valid {self.title}"
                return Membership(code, self.name, "deprecated", found.label, message, day)
            return Membership(code, self.name, "member", found.label, "", day)
        return self._explain(code, found, day)

    def _no_edition(self, day: date) -> str:
        return f"no {self.title} list applies on {day.isoformat()}" + (
            f"; {self._gap}" if self._gap else ""
        )

    def _explain(self, code: str, found: Edition, day: date) -> Membership:
        """A failure message; lists with more to say (HS, currencies) override it."""
        if found.status(code) == "deleted":
            message = f"{code!r} is marked deleted in {found.label}; no longer a {self.title}"
        else:
            message = f"{code!r} is not a {self.title} ({found.label})"
        return Membership(code, self.name, "absent", found.label, message, day)

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
        from single_window._refdata._extended import ExtendedList

        return ExtendedList(self, frozenset(codes), label, source, valid_from, valid_to)

    def __repr__(self) -> str:
        return f"<CodeList {self.name}>"


def _day(on: date | None) -> date:
    if on is None:
        return datetime.now(UTC).date()
    if isinstance(on, datetime):
        return on.date()
    if not isinstance(on, date):
        raise TypeError(f"on must be a date, not {type(on).__name__}")
    return on


# --- the registry ----------------------------------------------------------------------

_LISTS: dict[str, CodeList] = {}


def names() -> tuple[str, ...]:
    """The names of the lists, in the order of the table above."""
    from single_window._refdata import FACTORIES

    return tuple(FACTORIES)


def get(name: str) -> CodeList:
    """The list called ``name``.

    Raises:
        ConfigurationError: no list has that name.
    """
    try:
        return _LISTS[name]
    except KeyError:
        pass
    from single_window._refdata import FACTORIES  # its loaders import this module

    if name not in FACTORIES:
        raise ConfigurationError(f"no code list {name!r}; the lists are {', '.join(FACTORIES)}")
    return _LISTS.setdefault(name, FACTORIES[name]())


def edition(name: str, on: date | None = None) -> Edition | None:
    """The edition of list ``name`` in force on ``on``; None when none is."""
    return get(name).edition(on)


def contains(name: str, code: str, on: date | None = None) -> bool:
    """Whether ``code`` is in list ``name`` on ``on`` (today, UTC, when None)."""
    return get(name).contains(code, on)


def check(name: str, code: str, on: date | None = None) -> Membership:
    """The membership of ``code`` in list ``name`` on ``on``, explained."""
    return get(name).check(code, on)


def check_commodity(code: str, on: date | None = None) -> Membership:
    """Whether a commodity code's first six digits are an HS subheading on ``on``.

    National codes (8, 10 or 12 digits) are judged by their HS part; their length is
    the packs' business.
    """
    from single_window._refdata._documents import commodity

    return commodity(code, on)


def check_document(
    type_code: str,
    category: str | None = None,
    *,
    previous: bool = False,
    on: date | None = None,
) -> Membership:
    """Whether a document type code is a UN/EDIFACT 1001 document name code.

    EU and UK declarations write a category letter before the code, in the code
    (``"N853"``) or apart (``category="N"``). Category ``N`` means a UNCL 1001 code,
    zero-padded to three digits (``N002`` is code 2); other categories (``C``, ``Y``,
    ``X``, ...) are Union or national lists this list does not hold: ``not-covered``.
    On previous documents (``previous=True``) a numeric type is a UNCL 1001 code under
    any category (``Z355``), and an alphabetic one (``DCR``, ``MRN``) is national. A
    bare numeric code is looked up as it is.
    """
    from single_window._refdata._documents import document

    return document(type_code, category, previous=previous, on=on)
