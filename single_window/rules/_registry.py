"""Named Python checks that pack files refer to (predicates and identifier validators),
and the registry that holds each kind.

A predicate receives the rule context (and the goods item, for item rules) and the
rule's ``params``, and yields :class:`Violation` objects; the engine stamps them with the
rule's id, country, agency, severity and the element's location. An identifier
validator takes an identifier string and returns None when it is valid, or the reason
it is not.

What a predicate says in words is declared where it is registered: its ``problems``,
English templates by key (message ids ``predicate.<name>.<key>``). A violation names
its problem by key (``Violation(..., problem="missing", params={...})``) and the rule's
``{problem}`` placeholder gets that message, rendered in the finding's language. An
identifier validator returns a message of its own table (``identifier.<name>.<key>``),
or any text.

The library's own modules mark their functions with :func:`predicate` and
:func:`identifier`, which change nothing but the function; the catalog
(:mod:`single_window.rules._catalog`) gathers the marked functions of the modules it
names into the registries, where callers add theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any, Generic, Literal, TypeVar

from single_window._i18n import Message, Table, define
from single_window._values import Located
from single_window.models import GovernmentAgencyGoodsItem
from single_window.rules._context import Context

__all__ = [
    "Name",
    "Predicate",
    "Registry",
    "Validator",
    "Violation",
    "doc_line",
    "identifier",
    "marked",
    "predicate",
]


@dataclass(frozen=True)
class Name:
    """An element of the canonical model named in a finding's message: the engine writes it
    in the element names of the format the declaration was read in (WCO:
    ``ObligationGuarantee/ID``; NCTS: ``Guarantee/otherGuaranteeReference``), as the path
    from ``anchor`` to it.

    Attributes:
        steps: The element's steps below ``anchor``, in the canonical model's names.
        anchor: The canonical node the steps start from (None: the declaration).
    """

    steps: tuple[str, ...]
    anchor: Located | None = None


@dataclass(frozen=True)
class Violation:
    """One failure found by a check: template variables, the node and the value.

    Attributes:
        node: The model node the finding points at (None: the rule's own scope).
        value: The offending value, as it stands at the finding's path.
        vars: Values for the message template; a value may be a message
            (:class:`~single_window._i18n.Message`), a list of values
            (:class:`~single_window._i18n.Listing`), or a :class:`Name`, written in the
            names of the format read (also inside a message or a list).
        attribute: The node's attribute that holds the value (``currencyID``), when the
            finding is about an attribute rather than the element's text.
        problem: The key of one of the predicate's problems (declared where it is
            registered): the message the rule's ``{problem}`` placeholder gets.
        params: The values of that problem's placeholders (a :class:`Name` among them
            written in the names of the format read).
        missing: When the finding is about data that is not there: its steps below
            ``node`` in the canonical model's names (``("ObligationGuarantee",)`` under the
            declaration). The finding then points at the nearest element of the document
            that is there, as the declaration's format places the data, and the template
            variable ``missing`` names it in that format's names.
    """

    node: Located | None
    value: str | None = None
    vars: Mapping[str, object] = field(default_factory=dict)
    attribute: str | None = None
    problem: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


Params = Mapping[str, Any]
DeclarationCheck = Callable[[Context, Params], Iterable[Violation]]
ItemCheck = Callable[[Context, GovernmentAgencyGoodsItem, Params], Iterable[Violation]]


@dataclass(frozen=True)
class Predicate:
    """A registered predicate, the scope it works at and the problems it names."""

    name: str
    scope: Literal["declaration", "item"]
    func: Callable[..., Iterable[Violation]]
    doc: str
    problems: Table | None = None

    def resolve(self, found: Iterable[Violation]) -> list[Violation]:
        """The violations with each named problem made the message of the ``{problem}``
        placeholder.

        Raises:
            KeyError: when a violation names a problem the predicate does not declare.
        """
        out = []
        for v in found:
            if v.problem is not None:
                if self.problems is None or v.problem not in self.problems.keys:
                    raise KeyError(f"predicate {self.name!r} declares no problem {v.problem!r}")
                problem = Message(self.problems.id(v.problem), v.params)
                v = replace(v, vars={**v.vars, "problem": problem})
            out.append(v)
        return out


def problems_table(name: str, problems: Mapping[str, str] | Table | None) -> Table | None:
    """Register a predicate's problems as ``predicate.<name>.<key>`` (a table defined
    already must have that prefix).

    Raises:
        ValueError: for a table of another prefix.
    """
    if isinstance(problems, Table):
        if problems.prefix != f"predicate.{name}":
            raise ValueError(f"the problems of predicate {name!r} are predicate.{name}.<key>")
        return problems
    return define(f"predicate.{name}", problems) if problems else None


#: An identifier validator: None when the identifier is valid, else the reason it is not
#: (a message, or text).
Validator = Callable[[str], "Message | str | None"]
T = TypeVar("T")

#: The attribute :func:`predicate` and :func:`identifier` mark a function with.
_MARK = "_single_window_registered"


def doc_line(func: Callable[..., object]) -> str:
    """The first line of a function's docstring ("" without one)."""
    return (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""


def predicate(
    name: str,
    scope: Literal["declaration", "item"],
    *,
    problems: Mapping[str, str] | Table | None = None,
) -> Callable[[Callable[..., Iterable[Violation]]], Callable[..., Iterable[Violation]]]:
    """Mark a function of the library as the predicate ``name`` (the catalog gathers it;
    callers register theirs with :func:`single_window.rules.predicate`); ``problems``
    are its problems' English templates by key, or their table (``define`` d as
    ``predicate.<name>``, when the predicate also makes messages of them itself)."""
    table = problems_table(name, problems)

    def mark(func: Callable[..., Iterable[Violation]]) -> Callable[..., Iterable[Violation]]:
        entry = Predicate(name, scope, func, doc_line(func), table)
        setattr(func, _MARK, ("predicate", name, entry))
        return func

    return mark


V = TypeVar("V", bound=Validator)


def identifier(name: str) -> Callable[[V], V]:
    """Mark a function of the library as the identifier validator ``name`` (the catalog
    gathers it; callers register theirs with :func:`single_window.rules.identifier`)."""

    def mark(func: V) -> V:
        setattr(func, _MARK, ("identifier", name, func))
        return func

    return mark


def marked(kind: Literal["predicate", "identifier"], *modules: ModuleType) -> list[tuple[str, Any]]:
    """The ``(name, entry)`` pairs of the functions the modules mark as ``kind``, in the
    order they are defined."""
    found: list[tuple[str, Any]] = []
    for module in modules:
        for value in vars(module).values():
            mark = getattr(value, _MARK, None)
            if mark is not None and mark[0] == kind:
                found.append((mark[1], mark[2]))
    return found


class Registry(Generic[T]):
    """The named entries of one kind a pack can use: the library's own, given when the
    registry is made, then those callers add. Each name is there once."""

    def __init__(self, what: str, bundled: Iterable[tuple[str, T]] = ()) -> None:
        self._what = what
        self._entries: dict[str, T] = {}
        for name, entry in bundled:
            self.add(name, entry)
        self._bundled = tuple(self._entries)

    def add(self, name: str, entry: T) -> None:
        """Register ``entry`` under ``name``.

        Raises:
            ValueError: when the name is taken.
        """
        if name in self._entries:
            raise ValueError(f"{self._what} {name!r} is registered twice")
        self._entries[name] = entry

    def remove(self, name: str) -> None:
        """Forget a name a caller registered (the library's own stay)."""
        if name not in self._bundled:
            self._entries.pop(name, None)

    def get(self, name: str) -> T | None:
        """The entry registered under ``name``, or None."""
        return self._entries.get(name)

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def bundled(self) -> tuple[str, ...]:
        """The names of the library's own entries."""
        return self._bundled
