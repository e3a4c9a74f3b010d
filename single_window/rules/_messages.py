"""Finding message templates: named placeholders only, checked when a pack loads.

A pack rule's ``message`` is text with ``{name}`` placeholders that the engine fills in
from the values a check reports (``{value}``, ``{expected}``, ``{country}``, ...). A
template is data from a file, so it is not a Python format string: format specs
(``{value:>300000000}``), conversions (``{value!r}``), attribute access and indexing
(``{value.__class__}``, ``{value[0]}``) are refused when the pack loads, each filled-in
value is cut to :data:`MAX_VALUE` characters and the whole message to :data:`MAX_MESSAGE`.
``{{`` and ``}}`` stand for literal braces. A placeholder no check fills in stays as
written.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

__all__ = ["MAX_MESSAGE", "MAX_TEMPLATE", "MAX_VALUE", "Template"]

#: Longest message template a pack may write, in characters.
MAX_TEMPLATE = 1000
#: Longest text one placeholder is replaced with; longer values are cut with "…".
MAX_VALUE = 200
#: Longest finding message; longer messages are cut with "…".
MAX_MESSAGE = 2000

_FORMATTER = string.Formatter()


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Template:
    """A parsed message template.

    Raises:
        ValueError: from the constructor, naming what is not allowed.
    """

    __slots__ = ("pieces", "text")

    def __init__(self, text: str) -> None:
        if len(text) > MAX_TEMPLATE:
            raise ValueError(f"the message is longer than {MAX_TEMPLATE} characters")
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
        self.text = text
        self.pieces = tuple(pieces)

    @property
    def names(self) -> frozenset[str]:
        """The placeholder names the template uses."""
        return frozenset(name for _literal, name in self.pieces if name is not None)

    def render(self, values: Mapping[str, object]) -> str:
        """The message with its placeholders filled in (values cut to size)."""
        out: list[str] = []
        for literal, name in self.pieces:
            out.append(literal)
            if name is None:
                continue
            if name in values:
                out.append(_cut(str(values[name]), MAX_VALUE))
            else:
                out.append("{" + name + "}")
        return _cut("".join(out), MAX_MESSAGE)

    def __repr__(self) -> str:
        return f"Template({self.text!r})"
