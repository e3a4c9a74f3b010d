"""Commodity codes and document type codes, checked against HS and UN/EDIFACT 1001."""

from __future__ import annotations

import re

from single_window._i18n import Listing
from single_window._refdata._reasons import REASONS
from single_window._refdata._registry import get
from single_window._refdata._tariffs import TARIFFS, tariff_edition, tariff_name
from single_window._refdata._types import Membership, On, code_of, day_of

__all__ = ["commodity", "document", "split_document_code", "uncl_code"]

#: A document code with its category in front: ``N853``, ``C505``, ``Y923``, ``9104``.
_PREFIXED = re.compile(r"([0-9A-Z])([0-9A-Z]{3})")

#: :attr:`Membership.dated` of a tariff's reason: the date judged is in its ``{where}``.
_WHERE_DATED = ("where", "date")

#: The category whose type codes are UN/EDIFACT 1001 codes on additional documents.
UNCL_CATEGORY = "N"

#: The categories of a previous document in the box 40 layout (X summary declaration,
#: Y initial declaration, Z previous document): their numeric types are UN/EDIFACT 1001
#: codes too (Z355). Other letters name Union or national lists: on a previous document
#: the Union writes its own codes with C (C605 information sheet INF3, C512 authorisation
#: for a simplified declaration), which are no UN/EDIFACT 1001 codes.
PREVIOUS_CATEGORIES = frozenset("XYZ")


def commodity(code: str, on: On, country: str | None = None) -> Membership:
    """The HS membership of a commodity code's first six digits, in the editions the
    tariff of ``country`` applies on the date (the WCO's edition when it has none)."""
    day = day_of(on)
    digits = code_of(code, "the commodity code")
    country = code_of(country, "country") if country is not None else None
    hs = get("hs")
    if len(digits) < 6 or not _numeric(digits[:6]):
        found = hs.edition(day)
        if found is None:
            return hs.check(digits[:6], day)
        reason = REASONS("hs-no-subheading", code=repr(code))
        return Membership.of(code, "hs", "absent", found.label, reason, day)
    head = digits[:6]
    if country not in TARIFFS:
        return hs.check(head, day)
    tariff = tariff_edition(country, day)
    if not tariff.editions:
        return hs.check(head, day)
    labels = [e.label for e in tariff.editions]
    label = " or ".join(labels)
    if any(head in e.codes for e in tariff.editions):
        return Membership(head, "hs", "member", label, "", day)
    where = REASONS(
        "tariff-applies" if tariff.confirmed else "tariff-may-apply",
        tariff=tariff_name(tariff),
        edition=Listing.of(labels, "or"),
        date=day.isoformat(),
    )
    said = {
        "code": repr(head),
        "edition": Listing.of(labels, "or"),
        "where": where,
        "dotted": f"{head[:4]}.{head[4:]}",
    }
    others = [e.label for e in hs.editions if e.label not in labels and head in e.codes]
    if others:
        reason = REASONS("hs-tariff-other-edition", **said, others=Listing.of(others, "and"))
        return Membership.of(head, "hs", "other-edition", label, reason, day, _WHERE_DATED)
    every = Listing.of((e.label for e in hs.editions), "comma")
    reason = REASONS("hs-tariff-absent", **said, every=every)
    return Membership.of(head, "hs", "absent", label, reason, day, _WHERE_DATED)


def split_document_code(code: str, category: str | None = None) -> tuple[str | None, str]:
    """``(category, type)``: ``"N853"`` gives ``("N", "853")``, ``"853"`` ``(None, "853")``.

    A four-character code is a category followed by a three-character type (the EU and UK
    layout); shorter codes have no category.
    """
    code = code_of(code, "the document code")
    if category:
        return code_of(category, "category"), code
    match = _PREFIXED.fullmatch(code)
    if match:
        return match.group(1), match.group(2)
    return None, code


def _numeric(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _uncl(code: str) -> str:
    # EU/UK write UNCL 1001 codes with three digits (N002 = code 2).
    return str(int(code)) if _numeric(code) else code


def uncl_code(letter: str | None, kind: str, *, previous: bool) -> str | None:
    """The UN/EDIFACT 1001 code a document code stands for (its category ``letter`` and
    type ``kind``, as :func:`split_document_code` gives them), or None for a Union or
    national code, or a code of no 1001 shape."""
    if letter is None:
        return _uncl(kind) if _numeric(kind) and len(kind) <= 3 else None
    if letter == UNCL_CATEGORY or (previous and letter in PREVIOUS_CATEGORIES and _numeric(kind)):
        return _uncl(kind)
    return None


def document(type_code: str, category: str | None, *, previous: bool, on: On) -> Membership:
    """The UN/EDIFACT 1001 membership of a document type code (see ``check_document``)."""
    day = day_of(on)
    letter, kind = split_document_code(type_code, category)
    names = get("document-name")
    found = names.edition(day)
    label = found.label if found is not None else None
    shown = f"{letter or ''}{kind}"
    uncl = letter == UNCL_CATEGORY or (
        previous and letter in PREVIOUS_CATEGORIES and _numeric(kind)
    )
    if letter is not None and not uncl:
        reason = REASONS("document-category", code=repr(shown), category=letter)
        return Membership.of(shown, names.name, "not-covered", label, reason, day)
    if letter is None and (not _numeric(kind) or len(kind) > 3):
        reason = REASONS("document-shape", code=repr(shown))
        return Membership.of(shown, names.name, "not-covered", label, reason, day)
    answer = names.check(_uncl(kind), day)
    if answer.ok or not answer.judged:
        return Membership(
            shown,
            names.name,
            answer.status,
            answer.edition,
            answer.message,
            day,
            answer.reason,
            answer.dated,
        )
    reason = REASONS("document-absent", code=repr(shown), edition=label)
    return Membership.of(shown, names.name, answer.status, answer.edition, reason, day)
