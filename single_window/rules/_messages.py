"""Finding message templates of pack rules: named placeholders only, checked when a pack loads.

A pack rule's ``message`` is text with ``{name}`` placeholders that the engine fills in
from the values a check reports (``{value}``, ``{expected}``, ``{country}``, ...). A
template is data from a file, so it is not a Python format string: format specs
(``{value:>300000000}``), conversions (``{value!r}``), attribute access and indexing
(``{value.__class__}``, ``{value[0]}``) are refused when the pack loads, each filled-in
value is cut to :data:`MAX_VALUE` characters and the whole message to :data:`MAX_MESSAGE`.
``{{`` and ``}}`` stand for literal braces. A placeholder no check fills in stays as
written.

The templates are rendered by the one renderer of the library's messages
(:mod:`single_window._i18n`), with the rule id as message id: a value may itself be a
message (a predicate's problem), rendered in the same language.
"""

from __future__ import annotations

from single_window._i18n import Limits
from single_window._i18n import Template as _Template

__all__ = ["MAX_MESSAGE", "MAX_TEMPLATE", "MAX_VALUE", "PACK_LIMITS", "Template"]

#: Longest message template a pack may write, in characters.
MAX_TEMPLATE = 1000
#: Longest text one placeholder is replaced with; longer values are cut with "…".
MAX_VALUE = 200
#: Longest finding message; longer messages are cut with "…".
MAX_MESSAGE = 2000
#: What a pack template keeps of what it renders.
PACK_LIMITS = Limits(value=MAX_VALUE, message=MAX_MESSAGE, mark="…")


class Template(_Template):
    """A parsed pack message template (values and the message cut to size).

    Raises:
        ValueError: from the constructor, naming what is not allowed.
    """

    __slots__ = ()

    def __init__(self, text: str) -> None:
        if len(text) > MAX_TEMPLATE:
            raise ValueError(f"the message is longer than {MAX_TEMPLATE} characters")
        super().__init__(text, PACK_LIMITS)
