"""Messages: every text the library shows a person, as an id, parameters and a template.

A text is never written out where it is needed. Its module declares an English template
under a stable message id (:func:`define`), marks the template with :func:`N_` so that
``pybabel extract`` finds it (``N_`` is one of Babel's default keywords), and builds a
:class:`Message` (the id and the values of its placeholders); :func:`render` turns a
message into text, here and nowhere else. A finding keeps its message as data beside the
text (``Finding.message_id``, ``Finding.params``), so it can be rendered again later, in
another language, or checked.

Message ids:

- a pack rule's message is the rule id (``TR-HS-LENGTH``); its template is the rule's
  ``message`` in the pack file, which travels with the rule (``template=``);
- a stage finding's is its code and a key (``XML-IO.not-found``, see
  :mod:`single_window.codes`);
- everything else has a lower-case namespace first: ``predicate.<name>.<key>`` (the
  problems a predicate declares), ``identifier.<name>.<key>``, ``codelist.<key>``,
  ``when.<key>`` and ``explain.<key>`` (explain-mode reasons), ``kind.<kind>.<key>``,
  ``format.<key>``, ``report.<key>``, ``cli.<key>``, and ``list.<join>`` for the words
  between the items of a list.

A parameter is a str, a number, a bool or None, or itself a message (:class:`Message`)
or a list of parameters joined by a word (:class:`Listing`), rendered in the same
language. In JSON (:func:`json_params`) a nested message is
``{"message_id": ..., "params": {...}}`` and a list ``{"join": "list.or", "items": [...]}``.

Plurals: a template may have a singular and a plural form (:func:`NP_`, shaped like
gettext's ``ngettext``); the number in its ``count`` parameter chooses the form, by the
plural rule of the language rendered (English: the singular for 1, else the plural). A
sentence that counts two things counts each in a message of its own, nested as a
parameter (``{declarations}: {accepted}, ...``), so every count chooses its own form.

Languages: a message's gettext entry is its English template (``msgid``, with
``msgid_plural`` for a plural template) in the context of its message id (``msgctxt``):
two messages that share an English text (the role ``transit`` and the declaration kind
``transit``) are two entries, which a language may translate differently. A catalog per
language (``single_window/locale/<lang>/LC_MESSAGES/``, its ``.mo`` file or, where that
is missing or older, its ``.po`` file: :mod:`single_window._catalogs`) is all another
language needs; ``lang="en"`` renders the templates themselves. The catalog template is
made from the registered messages (:mod:`single_window._pot`), not from the source. While
a pack's finding or title is rendered, the pack's own catalog is consulted first
(:func:`overlay`). Which languages there are, and how a tag names one, is
:mod:`single_window._lang`'s.

Templates follow the rules of pack message templates (:mod:`single_window.rules._messages`):
plain ``{name}`` placeholders only (no format spec, conversion, attribute or index), ``{{``
and ``}}`` for literal braces, and a placeholder without a value stays as written. A
template may cut what it renders (:class:`Limits`): pack templates, which are data from a
file, cut each value and the whole message; the library's own templates are not cut
unless they say so.

Example:
    >>> from single_window._i18n import N_, define
    >>> GREETINGS = define("example", {"hello": N_("hello, {name}")})
    >>> GREETINGS("hello", name="Tashkent").render()
    'hello, Tashkent'
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from single_window import _lang
from single_window._lang import DEFAULT_LANG

if TYPE_CHECKING:
    import gettext

__all__ = [
    "DEFAULT_LANG",
    "NO_LIMITS",
    "NP_",
    "N_",
    "Join",
    "Limited",
    "Limits",
    "Listing",
    "Message",
    "Plural",
    "Table",
    "Template",
    "define",
    "forget_catalogs",
    "json_params",
    "json_value",
    "number_text",
    "overlay",
    "render",
    "render_value",
    "template",
    "templates",
    "translate",
    "translation",
]

#: The gettext domain of the catalogs.
DOMAIN = "single_window"


def N_(text: str) -> str:
    """Mark an English template for extraction; returns it unchanged.

    ``pybabel extract`` finds the literal in ``N_("...")`` with its default keywords.
    """
    return text


@dataclass(frozen=True, slots=True)
class Plural:
    """A template with a singular and a plural form; the number in the message's
    ``count`` parameter chooses one (see :func:`NP_`)."""

    singular: str
    plural: str


def NP_(singular: str, plural: str) -> Plural:
    """Mark an English template's singular and plural forms for extraction, as gettext's
    ``ngettext`` takes them; the number in the ``count`` parameter chooses the form.

    ``pybabel extract -k NP_:1,2`` finds both forms as one entry.
    """
    return Plural(singular, plural)


def number_text(value: float) -> str:
    """A number as messages write it: a whole number without a decimal part (``10``, not
    ``10.0``), any other as Python writes it (``0.5``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- templates -------------------------------------------------------------------------

_FORMATTER = string.Formatter()


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a rendered message a template keeps.

    Attributes:
        value: Longest text one placeholder is replaced with (None: no limit).
        message: Longest message (None: no limit).
        mark: What ends a cut text ("…"; "" cuts without a mark).
    """

    value: int | None = None
    message: int | None = None
    mark: str = "…"


#: The library's own templates: nothing is cut.
NO_LIMITS = Limits()


def _cut(text: str, limit: int | None, mark: str) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - len(mark)] + mark


@cache
def _pieces(text: str) -> tuple[tuple[str, str | None], ...]:
    """A template's literal text and placeholder names, in order.

    Raises:
        ValueError: naming what is not allowed.
    """
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        raise ValueError(f"the message is not a valid template: {exc}") from None
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is not None:
            if not name.isidentifier():
                raise ValueError(
                    f"placeholder {{{name}}} is not a plain name: write {{value}}, "
                    "without attribute access or indexing"
                )
            if spec or conversion:
                raise ValueError(
                    f"placeholder {{{name}}} has a format spec or conversion; templates "
                    "take plain {name} placeholders only"
                )
        pieces.append((literal, name))
    return tuple(pieces)


#: The parameter whose number chooses a plural template's form.
COUNT = "count"


def _count(values: Mapping[str, object]) -> int | None:
    """The number that chooses a plural form (None: no whole number given)."""
    count = values.get(COUNT)
    if isinstance(count, bool):
        return None
    if isinstance(count, int):
        return count
    if isinstance(count, float) and count.is_integer():
        return int(count)
    return None


class Template:
    """A parsed message template and how much of what it renders it keeps.

    A plural template (``plural`` given) has a singular form (``text``) and a plural one;
    the number in the ``count`` parameter chooses, and ``count`` is one of its names
    whether a form shows it or not.

    Raises:
        ValueError: from the constructor, naming what is not allowed.
    """

    __slots__ = ("limits", "names", "order", "pieces", "plural", "plural_pieces", "text")

    def __init__(self, text: str, limits: Limits = NO_LIMITS, plural: str | None = None) -> None:
        self.text = text
        self.pieces = _pieces(text)
        self.limits = limits
        self.plural = plural
        self.plural_pieces = _pieces(plural) if plural is not None else None
        found = [n for _, n in self.pieces if n is not None]
        if self.plural_pieces is not None:
            found += [n for _, n in self.plural_pieces if n is not None]
            found.append(COUNT)
        #: The placeholder names, in the order they first appear (and ``count``).
        self.order: tuple[str, ...] = tuple(dict.fromkeys(found))
        self.names: frozenset[str] = frozenset(self.order)

    @property
    def forms(self) -> tuple[str, ...]:
        """The English forms: the text, and the plural form of a plural template."""
        return (self.text,) if self.plural is None else (self.text, self.plural)

    def params(self, values: Mapping[str, object]) -> dict[str, Any]:
        """The values of the placeholders the template uses, JSON-ready, in order."""
        return {name: json_value(values[name]) for name in self.order if name in values}

    def _chosen(
        self, values: Mapping[str, object], lang: str, context: str | None
    ) -> tuple[tuple[str, str | None], ...]:
        """The pieces of the form to render in ``lang``."""
        plural = self.plural
        if plural is None:
            if lang == DEFAULT_LANG:
                return self.pieces
            return self._translated(_translate(self.text, lang, context), self.pieces)
        count = _count(values)
        assert self.plural_pieces is not None
        english = self.pieces if count == 1 else self.plural_pieces
        if lang == DEFAULT_LANG:
            return english
        if count is None:
            return self._translated(_translate(plural, lang, context), english)
        return self._translated(_translate_plural(self.text, plural, count, lang, context), english)

    def _translated(
        self, text: str, english: tuple[tuple[str, str | None], ...]
    ) -> tuple[tuple[str, str | None], ...]:
        """A translation's pieces; the English ones where it is not a template or names a
        placeholder the template does not have (a catalog's mistake must not cost a
        finding, nor show a placeholder's name)."""
        try:
            pieces = _pieces(text)
        except ValueError:
            return english
        if any(name is not None and name not in self.names for _, name in pieces):
            return english
        return pieces

    def render(
        self, values: Mapping[str, object], lang: str = DEFAULT_LANG, context: str | None = None
    ) -> str:
        """The message with its placeholders filled in, in ``lang`` (values cut to size);
        ``context`` is the message's id, its entry's context in a catalog."""
        pieces = self._chosen(values, lang, context)
        limits = self.limits
        most, mark = limits.value, limits.mark
        out: list[str] = []
        for literal, name in pieces:
            out.append(literal)
            if name is None:
                continue
            if name in values:
                value = values[name]
                text = render_value(value, lang)
                # Data is cut to size; a message of the library's own is not (the whole
                # message still is), whatever length its language gives it.
                out.append(text if most is None or _is_message(value) else _cut(text, most, mark))
            else:
                out.append("{" + name + "}")
        text = "".join(out)
        return text if limits.message is None else _cut(text, limits.message, mark)

    def __repr__(self) -> str:
        if self.plural is not None:
            return f"Template({self.text!r}, plural={self.plural!r})"
        return f"Template({self.text!r})"


@dataclass(frozen=True, slots=True)
class Limited:
    """A template of a table that cuts what it renders (see :class:`Limits`)."""

    text: str
    limits: Limits


# --- messages ------------------------------------------------------------------------------

Join = Literal["or", "and", "comma", "semicolon"]


@dataclass(frozen=True, slots=True)
class Message:
    """A message as data: its id and the values of its template's placeholders.

    A value is a str, a number, a bool or None, another :class:`Message` or a
    :class:`Listing`.
    """

    id: str
    params: Mapping[str, object] = field(default_factory=dict)
    # The English text, once rendered: a message is often part of another one too (a code
    # list's reason is its answer's text and a finding's parameter).
    _english: str | None = field(default=None, init=False, repr=False, compare=False)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        """The message as text in ``lang``."""
        if lang != DEFAULT_LANG:
            return render(self.id, self.params, lang)
        text = self._english
        if text is None:
            text = render(self.id, self.params)
            object.__setattr__(self, "_english", text)
        return text

    def to_json(self) -> dict[str, Any]:
        """The message as JSON-ready data: ``{"message_id": ..., "params": {...}}``."""
        return {"message_id": self.id, "params": json_params(self.params)}

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Listing:
    """Parameters shown as one list: the items with a word between them (``"or"``: ``12
    or 14``; ``"comma"``: ``A, B``), the word rendered in the message's language."""

    items: tuple[object, ...]
    join: Join

    @classmethod
    def of(cls, items: Iterable[object], join: Join) -> Listing:
        """A listing of any iterable's items."""
        return cls(tuple(items), join)

    def to_json(self) -> dict[str, Any]:
        """The list as JSON-ready data: ``{"join": "list.or", "items": [...]}``."""
        return {"join": f"list.{self.join}", "items": [json_value(i) for i in self.items]}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def json_value(value: object) -> Any:
    """A parameter as JSON-ready data: scalars as they are (other objects as their text),
    messages and lists as mappings."""
    if type(value) in _SCALARS:
        return value
    if type(value) is Message or type(value) is Listing:
        return value.to_json()
    if isinstance(value, Mapping):  # already JSON-ready (a finding read back)
        return dict(value)
    return str(value)


def json_params(params: Mapping[str, object]) -> dict[str, Any]:
    """A message's parameters as JSON-ready data (see :func:`json_value`)."""
    return {name: json_value(value) for name, value in params.items()}


def _is_message(value: object) -> bool:
    """Whether a parameter is a message of the library's own (or its JSON form)."""
    return type(value) is Message or (isinstance(value, Mapping) and "message_id" in value)


def render_value(value: object, lang: str = DEFAULT_LANG) -> str:
    """One parameter as text in ``lang``: a nested message or list rendered in the same
    language (also in their JSON form), anything else as ``str(value)``."""
    # Exact types first: most values are str, and checking against Mapping (an ABC) is slow.
    if type(value) is str:
        return value
    if type(value) is Message:
        return value.render(lang)
    if type(value) is Listing:
        return _join(value.join, value.items, lang)
    if type(value) in _SCALARS:
        return str(value)
    if isinstance(value, Mapping):
        if "message_id" in value:
            return render(str(value["message_id"]), value.get("params") or {}, lang)
        if "join" in value:
            join = str(value["join"]).removeprefix("list.")
            return _join(join, value.get("items") or (), lang)
    return str(value)


def _join(join: str, items: Iterable[object], lang: str) -> str:
    return _separator(join, lang).join(render_value(i, lang) for i in items)


@cache
def _separator(join: str, lang: str) -> str:
    """The words between the items of a list (``list.<join>``) in a language."""
    return render(f"list.{join}", {}, lang)


# --- the registry ---------------------------------------------------------------------------

_REGISTRY: dict[str, Template] = {}


class Table:
    """The templates of one group, registered under ``<prefix>.<key>``; calling the table
    with a key and parameters makes the message."""

    __slots__ = ("_plain", "keys", "prefix")

    def __init__(self, prefix: str, keys: Iterable[str]) -> None:
        self.prefix = prefix
        self.keys = tuple(keys)
        self._plain: dict[str, Message] = {}

    def id(self, key: str) -> str:
        """The message id of a key."""
        return f"{self.prefix}.{key}"

    def __call__(self, key: str, /, **params: object) -> Message:
        """The message of ``key`` with these parameters.

        Raises:
            KeyError: when the table has no such key.
        """
        if not params:  # a word: one message, rendered once per language
            plain = self._plain.get(key)
            if plain is not None:
                return plain
        message_id = f"{self.prefix}.{key}"
        if message_id not in _REGISTRY:
            raise KeyError(f"no message {message_id!r}")
        made = Message(message_id, params)
        if not params:
            self._plain[key] = made
        return made

    def text(self, key: str, /, lang: str = DEFAULT_LANG, **params: object) -> str:
        """The rendered message of ``key``."""
        return render(self.id(key), params, lang)


def define(
    prefix: str, templates: Mapping[str, str | Limited | Plural], *, replace: bool = False
) -> Table:
    """Register templates under ``<prefix>.<key>`` and return their table.

    Args:
        prefix: The ids' common start (``XML-IO``, ``report``, ``predicate.tir-carnet``).
        templates: Key -> English template (marked with :func:`N_`), a
            :class:`Limited` template, or a template's singular and plural forms
            (:func:`NP_`).
        replace: Let a template replace one registered under the same id with other text
            (templates that come from data, such as a format's title); otherwise that is
            an error.

    Raises:
        ValueError: for a template that does not parse, or an id registered twice with
            different text.
    """
    for key, spec in templates.items():
        plural: str | None = None
        if isinstance(spec, Limited):
            text, limits = spec.text, spec.limits
        elif isinstance(spec, Plural):
            text, limits, plural = spec.singular, NO_LIMITS, spec.plural
        else:
            text, limits = spec, NO_LIMITS
        message_id = f"{prefix}.{key}"
        known = _REGISTRY.get(message_id)
        if known is not None and (known.text, known.plural) != (text, plural) and not replace:
            raise ValueError(f"message {message_id!r} is defined twice with different text")
        _REGISTRY[message_id] = Template(text, limits, plural)
    return Table(prefix, templates)


def template(message_id: str) -> Template:
    """The registered template of a message id.

    Raises:
        KeyError: when no template has this id (a pack rule's template travels with the
            rule, not here).
    """
    return _REGISTRY[message_id]


def templates() -> Mapping[str, Template]:
    """Every registered template by message id (read-only)."""
    return MappingProxyType(_REGISTRY)


def render(
    message_id: str,
    params: Mapping[str, object] | None = None,
    lang: str = DEFAULT_LANG,
    *,
    template: Template | None = None,
) -> str:
    """A message as text: its template (``template``, or the one registered under its
    id) in ``lang``, filled in with ``params``; nested messages and lists are rendered in
    the same language. A plural template takes the form the ``count`` parameter chooses.

    Raises:
        KeyError: when no template is given and none is registered under the id.
        LookupError: when there is no catalog for ``lang``.
    """
    found = template if template is not None else _REGISTRY[message_id]
    return found.render(params or {}, lang, message_id)


# --- languages ------------------------------------------------------------------------------


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The catalog of a language (English: the templates themselves), read once.

    Raises:
        LookupError: when the library has no catalog for ``lang``.
    """
    if lang == DEFAULT_LANG:
        import gettext

        return gettext.NullTranslations()
    from single_window._catalogs import load

    found = load(_lang.LOCALE_DIR / lang / "LC_MESSAGES")
    if found is None:
        raise LookupError(f"no messages in language {lang!r}")
    return found


def forget_catalogs() -> None:
    """Read the catalogs again when next used (after one was added or edited)."""
    translation.cache_clear()
    _separator.cache_clear()
    _lang.forget_languages()


#: A catalog consulted before the library's while a message is rendered: a pack's own
#: translations of its rules, while one of its findings or titles is rendered. It is
#: given per language (None: it has none in that language).
_OVERLAY: ContextVar[Callable[[str], gettext.NullTranslations | None] | None] = ContextVar(
    "_OVERLAY", default=None
)


@contextmanager
def overlay(catalogs: Callable[[str], gettext.NullTranslations | None] | None) -> Iterator[None]:
    """Render with ``catalogs`` (language -> translations, or None) consulted before the
    library's own catalog: what it translates wins, the rest is the library's."""
    token = _OVERLAY.set(catalogs)
    try:
        yield
    finally:
        _OVERLAY.reset(token)


def _own(lang: str) -> gettext.NullTranslations | None:
    catalogs = _OVERLAY.get()
    return catalogs(lang) if catalogs is not None else None


def _translate(text: str, lang: str, context: str | None) -> str:
    own = _own(lang)
    if own is not None:
        found = own.gettext(text) if context is None else own.pgettext(context, text)
        if found != text:
            return found
    catalog = translation(lang)
    return catalog.gettext(text) if context is None else catalog.pgettext(context, text)


def _translate_plural(
    singular: str, plural: str, count: int, lang: str, context: str | None
) -> str:
    own = _own(lang)
    if own is not None:
        if context is None:
            found = own.ngettext(singular, plural, count)
        else:
            found = own.npgettext(context, singular, plural, count)
        if found not in (singular, plural):
            return found
    catalog = translation(lang)
    if context is None:
        return catalog.ngettext(singular, plural, count)
    return catalog.npgettext(context, singular, plural, count)


def translate(text: str, lang: str = DEFAULT_LANG, context: str | None = None) -> str:
    """A text without placeholders that comes from data (a pack rule's title, in the
    context ``<rule>.title``) in ``lang``: the catalog's entry for it, else the text
    itself."""
    return text if lang == DEFAULT_LANG else _translate(text, lang, context)


# The words between the items of a list (see Listing).
define(
    "list",
    {"or": N_(" or "), "and": N_(" and "), "comma": N_(", "), "semicolon": N_("; ")},
)
