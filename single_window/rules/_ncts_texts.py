"""What the NCTS rule checks say (:mod:`single_window.rules._ncts`): the problems of the
predicate ``ncts-rule`` (``predicate.ncts-rule.<key>``), the reasons a condition gives and
the levels of a transit declaration."""

from __future__ import annotations

from single_window._i18n import N_, define

__all__ = ["LEVEL", "PROBLEMS", "REASON"]

#: The problems of ``ncts-rule``; the rule's message names the data item (``{element}``).
PROBLEMS = define(
    "predicate.ncts-rule",
    {
        "required": N_("is required: {reason}"),
        "not-allowed": N_("is not allowed: {reason}"),
        "required-item": N_("is required on the goods item: no level above gives it"),
        "two-levels": N_("is given on the {level} already: give it at one level only"),
        "all-same": N_("is the same on all {count} of the {level}s: give it once, one level up"),
        "not-after": N_("{value} is not after the message's preparation, {prepared}"),
        "office-again": N_("office {value} is also the {office}"),
        "seal-count": N_("{value} seals are declared, and the highest seal number is {highest}"),
        "zero-and-more": N_("one packaging counts 0 packages and another {value}"),
        "flight": N_("{value} is not a flight number (airline prefix, 1 to 4 digits, a letter)"),
        "identification-type": N_(
            "{value} is not a type of identification of transport mode {mode}"
        ),
        "lowercase": N_("{value} has lowercase letters (type of identification {type})"),
        "road-vehicle": N_("{value}: the first means of a road transport is type 30"),
        "trailer": N_("{value}: the second and third means of a road transport are trailers (31)"),
        "too-many": N_("{count} are given; at most {max} here ({why})"),
        "office-country": N_("{value} is not in {expected}"),
        "office-barred": N_("{value} is in {country}, where goods from {departure} do not go"),
        "declaration-type": N_("{value} is not {expected} ({why})"),
        "mass": N_("{value} kg is less than the {what}, {total} kg"),
        "statement": N_("{value} is not allowed here ({why})"),
        "reduced-tir": N_("a TIR declaration does not use the reduced data set"),
        "location": N_("qualifier {qualifier} gives {wanted}"),
    },
)

#: Why a condition applies.
REASON = define(
    "ncts.reason",
    {
        "security": N_("security type {security}"),
        "standard-security": N_("a standard declaration with security type {security}"),
        "standard": N_("a standard declaration (additional declaration type A)"),
        "additional-type": N_("additional declaration type {type}, not a pre-lodged one (D)"),
        "reduced": N_("the reduced data set is used"),
        "not-reduced": N_("the reduced data set is not used"),
        "container": N_("container indicator {indicator}"),
        "no-container-indicator": N_("no container indicator is given"),
        "binding": N_("the itinerary is binding"),
        "no-authorisation": N_("no authorisation of type {code} is declared"),
        "authorisation-standard": N_("a standard declaration with an authorisation of type {code}"),
        "consignment-freight": N_("the consignment gives the transport charges"),
        "consignment-given": N_("the consignment gives it"),
        "mode": N_("transport mode {mode}"),
        "grn-type": N_("a type {type} guarantee"),
        "other-type": N_("a type {type} guarantee has none"),
        "declaration-type": N_("a {type} declaration"),
        "reduced-inland": N_("the reduced data set with inland mode {mode}"),
        "no-locode": N_("no UN/LOCODE is given"),
        "no-operator": N_("neither an economic operator nor an authorisation number is given"),
        "qualifier": N_("qualifier {qualifier}"),
        "transit-offices": N_("offices of transit are declared"),
        "no-transit-offices": N_("no office of transit is declared"),
        "destination-cl009": N_("the goods go to {country}, a common transit country"),
        "items": N_("goods items never do"),
        "seals": N_("the number of seals is {count}"),
        "eu": N_("a member state of the EU"),
        "andorra": N_("Andorra, the destination"),
        "route": N_("from {departure} to {destination}"),
        "items-mass": N_("sum of its goods items' gross masses"),
        "houses-mass": N_("sum of the house consignments' gross masses"),
        "reduced-no-security": N_("no security data and the reduced data set"),
    },
)

#: The levels of a transit declaration.
LEVEL = define(
    "ncts.level",
    {
        "consignment": N_("consignment"),
        "house": N_("house consignment"),
        "item": N_("goods item"),
    },
)
