"""Small value strategies the builders share: words, digits, amounts, dates, commodity
code prefixes, the countries between a route's ends, the means of transport at the
border (a value every active rule accepts: :mod:`single_window.testing._solve`)."""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from functools import cache

from hypothesis import reject
from hypothesis import strategies as st

from single_window import codelists
from single_window.testing._options import Draw

__all__ = [
    "ALNUM",
    "BORDER_MODES",
    "between",
    "border_means",
    "digits",
    "hs_code_prefixes",
    "leaf",
    "money",
    "stamp",
    "words",
]

_WORD = (
    string.ascii_letters
    + string.digits
    + "ÇĞİÖŞÜçğıöşüƏəÁÉÍÓŐÚŰáéíóőúűҚқҒғҮүҰұӨөҢңАБВГДЕЖЗИКЛМНОПРСТУабвгдежзиклмнопрсту"
    + "&<>'\"-./"
)

#: Upper-case letters and digits, for references and registration numbers.
ALNUM = string.ascii_uppercase + string.digits
BORDER_MODES = ("1", "2", "3", "4")  # sea, rail, road, air: never 5 (post)


def words(max_length: int) -> st.SearchStrategy[str]:
    """Free text of a few words, within an element's maxLength."""
    limit = min(max_length, 60)
    return (
        st.lists(st.text(_WORD, min_size=1, max_size=10), min_size=1, max_size=5)
        .map(lambda ws: " ".join(ws)[:limit].strip())
        .filter(bool)
    )


def digits(size: int) -> st.SearchStrategy[str]:
    return st.text(string.digits, min_size=size, max_size=size)


def money(low: Decimal, high: Decimal, places: int) -> st.SearchStrategy[Decimal]:
    """An amount with a fixed number of decimal places in [low, high]."""
    return st.decimals(low, max(low, high), places=places, allow_nan=False, allow_infinity=False)


def leaf(value: object, **extra: object) -> dict[str, object]:
    """A leaf value as the model reads it from a dict."""
    return {"value": value, **extra}


def _zero_padded(width: int) -> Callable[[int], str]:
    def pad(n: int) -> str:
        return f"{n:0{width}d}"

    return pad


@cache
def _hs_heads(day: date, country: str | None = None) -> tuple[str, ...]:
    """The HS subheadings (six digits) the tariff of ``country`` accepts on a day without
    a finding: those of its edition, or of every edition it may apply when that is not
    confirmed (every edition's when none applies)."""
    hs = codelists.get("hs")
    editions = codelists.tariff_edition(country, day).editions
    if not editions:
        return tuple(sorted(frozenset().union(*(e.codes for e in hs.editions))))
    return tuple(sorted(frozenset.intersection(*(e.codes for e in editions))))


def hs_code_prefixes(
    ranges: Sequence[str], day: date, country: str | None = None
) -> st.SearchStrategy[str]:
    """The start of a commodity code inside the HS ranges whose first six digits are a
    subheading the tariff of ``country`` accepts on the day: a subheading, or a longer
    prefix from a range of more than six digits (``"0712901100"``)."""
    heads = _hs_heads(day, country)
    options: list[st.SearchStrategy[str]] = []
    for spec in ranges or ("00-99",):
        low, _, high = spec.partition("-")
        high = high or low
        if len(low) <= 6:
            inside = [h for h in heads if low <= h[: len(low)] <= high]
            if inside:
                options.append(st.sampled_from(inside))
            continue
        width = len(low)
        longer = st.integers(int(low), int(high)).map(_zero_padded(width))
        options.append(longer.filter(lambda p: p[:6] in heads))
    if not options:
        return st.nothing()
    return st.one_of(options)


def stamp(draw: Draw, day: date, zone: tzinfo | None) -> dict[str, object]:
    """A DateTimeString on the given day: format 102, or format 304 at a time of that day
    in ``zone`` (the declaring country's zone, in which the engine dates a declaration;
    a whole-hour zone drawn from -5 to +5 when there is none), written with its UTC offset
    in whole hours as the profile's pattern allows."""
    if draw(st.booleans()):
        return leaf(datetime(day.year, day.month, day.day, tzinfo=UTC), format_code="102")
    hour = draw(st.integers(0, 23))
    minute = draw(st.integers(0, 59))
    second = draw(st.integers(0, 59))
    local = datetime(day.year, day.month, day.day, hour, minute, second)
    if zone is None:
        offset = timedelta(hours=draw(st.integers(-5, 5)))
    else:
        offset = zone.utcoffset(local) or timedelta(0)
        if offset % timedelta(hours=1):
            reject()
    return leaf(local.replace(tzinfo=timezone(offset)), format_code="304")


def between(draw: Draw, available: Sequence[str], forced: str | None) -> list[str]:
    """The countries between the two ends of a route: up to two of ``available``, and
    ``forced`` (a violation's country in the transit role) at a drawn place."""
    count = draw(st.integers(0, min(2, len(available))))
    middle: list[str] = (
        draw(st.lists(st.sampled_from(available), min_size=count, max_size=count, unique=True))
        if count
        else []
    )
    if forced is not None:
        middle.insert(draw(st.integers(0, len(middle))), forced)
    return middle


def border_means(
    draw: Draw, countries: Sequence[str], *, identify_road: bool = False
) -> dict[str, object]:
    """The means of transport at the border: a mode (never post) and a nationality on the
    route; with ``identify_road``, a road vehicle's registration number too."""
    mode = draw(st.sampled_from(BORDER_MODES))
    border: dict[str, object] = {
        "registration_nationality_code": leaf(draw(st.sampled_from(countries))),
        "mode_code": leaf(mode),
    }
    if identify_road and mode == "3":
        border["id"] = leaf(draw(st.text(ALNUM, min_size=6, max_size=10)))
        border["identification_type_code"] = leaf("30")
    return border
