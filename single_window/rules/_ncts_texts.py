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
        "union-status": N_(
            "T2 or T2F goods from {country} need a previous document proving Union status "
            "(CL178), on the consignment or on the goods item"
        ),
        "zero": N_("is 0, not an excise document's number ({reason})"),
        "unit-required": N_("gives no measurement unit: {reason}"),
        "zero-unpacked": N_("{value} is a type of unpacked goods, which counts its pieces (not 0)"),
        "packed-mass": N_(
            "{value} kg on a goods item packed with another (0 packages): its mass is 0"
        ),
        "packed-alone": N_(
            "the goods item is packed with another (0 packages), but no other goods item of "
            "its house consignment has a gross mass"
        ),
        "zero-mass": N_("is 0 on a goods item that has packages of its own"),
        "packed-with": N_(
            "0 packages, but no other goods item of the house consignment has packages "
            "marked {value}"
        ),
        "goods-reference": N_("names no goods item it holds: {reason}"),
        "position": N_("is {value}, not {expected}: {reason}"),
        "unnumbered": N_("gives no {number}: {reason}"),
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
        "t2-from-ctc": N_(
            "T2 or T2F goods from {country}, a common transit country outside the EU, and no "
            "previous document on the consignment"
        ),
        "excise": N_("an excise document of type {type}"),
        "excise-supporting": N_("excise goods moving with an excise supporting document (CL234)"),
        "quantity": N_("the quantity is given"),
        "package-type": N_("packages of type {type}"),
        "export-n830": N_("the house consignment is under an export declaration (N830)"),
        "consignee-unknown": N_("additional information 30600 says the consignee is unknown"),
        "destination-cl009-any": N_(
            "the goods go to a common transit country and the consignment names no consignee"
        ),
        "postcode-country": N_("{country} is a country with postcodes"),
        "outside-cl147": N_(
            "additional declaration type {type} at an office in {country}, outside the "
            "security agreement area"
        ),
        "departure-ctc": N_("the office of departure is in {country}, a common transit country"),
        "security-cl147": N_(
            "security type {security} and an office in {country}, inside the security "
            "agreement area"
        ),
        "equipments": N_("{count} pieces of transport equipment are declared"),
        "no-container-number": N_("the only piece of transport equipment has no container number"),
        "numbered": N_(
            "the {group} elements of a data group are numbered 1, 2, 3 and so on, in the "
            "order they are given"
        ),
        "guarantees": N_(
            "the guarantees are numbered 1, 2, 3 and so on, in the order they are given (the "
            "ObligationGuarantee elements of one guarantee share its number)"
        ),
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
