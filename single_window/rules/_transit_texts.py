"""What the transit predicates say (:mod:`single_window.rules._transit`): each one's
problems, registered with it as ``predicate.<name>.<key>``, and the words they share.
"""

from __future__ import annotations

from single_window._i18n import N_, NP_, define

__all__ = [
    "GRN",
    "GUARANTEE",
    "GUARANTEE_TYPE",
    "OF_TRANSIT",
    "REGIME",
    "SEALS",
    "TIR_CARNET",
    "WORDS",
]

#: Words the transit predicates share (``transit.<key>``): the offices and regimes they name.
WORDS = define(
    "transit",
    {
        "office-of-departure": N_("office of departure"),
        "office-of-destination": N_("office of destination"),
        "office-of-transit": N_("office of transit"),
        "office-of-exit": N_("office of exit"),
        "destination": N_("destination"),
        "regime-ctc": N_("a party to the common transit convention"),
        "regime-eaeu": N_("a member state of the EAEU"),
        "unknown": N_("unknown"),
    },
)

#: ``transit-guarantee``.
GUARANTEE = define(
    "predicate.transit-guarantee",
    {
        "missing": N_("has no guarantee"),
        "untyped": N_("has a guarantee without its type"),
    },
)

#: ``transit-guarantee-type``.
GUARANTEE_TYPE = define(
    "predicate.transit-guarantee-type",
    {
        "not-a-type": N_("is not a guarantee type ({types})"),
        "not-tir": N_("is not {tir}, the TIR guarantee a TIR declaration has"),
        "tir-on-other": N_("is the TIR guarantee, on a {type} declaration"),
        "not-from-eu": N_("is not available from an office of departure in the EU ({departure})"),
    },
)

#: ``transit-grn``.
GRN = define(
    "predicate.transit-grn",
    {
        "not-for-type": N_("{grn} is given for a type {type} guarantee, which has none"),
        "missing": N_("is missing: a type {type} guarantee needs one"),
        "form": N_("{grn} does not have the GRN form (year, country, 12 characters, digit)"),
        "length": NP_(
            "{grn} has {count} character; a type {type} guarantee's has {expected}",
            "{grn} has {count} characters; a type {type} guarantee's has {expected}",
        ),
    },
)

#: ``tir-carnet``.
TIR_CARNET = define(
    "predicate.tir-carnet",
    {
        "missing": N_("is missing"),
        "not-a-carnet": N_("{number} is not a TIR carnet number"),
        "length": NP_(
            "{number} has {count} character, not {expected}",
            "{number} has {count} characters, not {expected}",
        ),
        "at-least": N_("at least {count}"),
    },
)

#: ``transit-offices-of-transit``, with why condition C0030 asks for offices of transit.
OF_TRANSIT = define(
    "predicate.transit-offices-of-transit",
    {
        "none-declared": N_("no office of transit is declared ({reason})"),
        "not-in-destination": N_(
            "no office of transit is in {destination}, the destination country"
        ),
        "not-in-eu": N_(
            "no office of transit is in the EU, which the goods enter from {departure} on "
            "their way to {destination}"
        ),
        "twice": N_("office of transit {office} is declared twice"),
        "always": N_("a {type} declaration always names them"),
        "t-with-t2-items": N_("a T declaration with T2 goods items names them"),
        "on-route": N_("{country}, a common transit country outside the EU, is on the route"),
        "departure-in": N_("the office of departure is in {country}"),
        "destination-in": N_("the office of destination is in {country}"),
        "exit": N_("an office of exit for transit is declared ({exit})"),
    },
)

#: ``transit-seals``.
SEALS = define(
    "predicate.transit-seals",
    {
        "too-long": NP_(
            "seal {seal} has {count} character (at most {max})",
            "seal {seal} has {count} characters (at most {max})",
        ),
        "repeated": N_("seal {seal} is used more than once"),
        "unsealed": N_("equipment without an identifier has no seal"),
    },
)

#: ``transit-regime``.
REGIME = define(
    "predicate.transit-regime",
    {
        "no-type": N_("no transit declaration type"),
        "procedure": N_("procedure {code}"),
    },
)
