"""What the code lists say of a code: the reasons of a :class:`Membership`, and the names
of the lists, as messages (see :mod:`single_window._i18n`).

``codelist.<key>`` are the reasons (the code first, then what was expected);
``codelist-title.<list>`` what a member of a list is (``currency code``). Edition labels,
tariff names and the names of historic countries are data, given as they are.
"""

from __future__ import annotations

from single_window._i18n import N_, define

__all__ = ["REASONS", "TITLES"]

REASONS = define(
    "codelist",
    {
        # any list
        "deprecated": N_("{code} is deprecated in {edition}; still a valid {title}"),
        "deleted": N_("{code} is marked deleted in {edition}; no longer a {title}"),
        "absent": N_("{code} is not a {title} ({edition})"),
        "no-edition": N_("no {title} list applies on {date}"),
        "no-edition-gap": N_("no {title} list applies on {date}; {gap}"),
        # lists whose codes apply from or until a date
        "not-on-date": N_("{code} is not a {title} on {date}; it is {when}"),
        "in-use-from": N_("in use from {date}"),
        "in-use-until": N_("in use until {date}"),
        "not-in-use": N_("not in use"),
        # countries
        "country-not-on-date": N_("{code} is not a customs country code on {date}; it is {when}"),
        "country-withdrawn": N_("{code} ({name}) was withdrawn from ISO 3166-1"),
        "country-withdrawn-on": N_("{code} ({name}) was withdrawn from ISO 3166-1 on {date}"),
        "country-absent": N_(
            "{code} is not a country code of the customs country list ({edition})"
        ),
        # currencies
        "currency-withdrawn": N_(
            "{code} is not a currency in use on {date}; it was withdrawn from ISO 4217 and "
            "in use until {last}"
        ),
        "currency-kind": N_("{code} is an ISO 4217 code for {kind}, not a currency of trade"),
        "currency-absent": N_("{code} is not an ISO 4217 currency code ({edition})"),
        "kind-fund": N_("a fund"),
        "kind-unit": N_("a unit of account of an international body"),
        "kind-metal": N_("a precious metal"),
        "kind-test": N_("testing"),
        "kind-none": N_("transactions where no currency is involved"),
        "kind-bond-unit": N_("a bond market unit"),
        "kind-special": N_("a special settlement unit"),
        # the HS
        "hs-other-edition": N_(
            "{code} is not an {edition} subheading; {dotted} exists only in {others}"
        ),
        "hs-absent": N_(
            "{code} is not an {edition} subheading; {dotted} is in no HS edition ({every})"
        ),
        "hs-no-edition": N_("no HS edition is available for {date}: {why}"),
        "hs-not-shipped": N_("editions before {edition} are not shipped"),
        "hs-2028": N_("HS 2028 applies from 2028-01-01 and no open list of it is available yet"),
        "hs-no-subheading": N_("{code} does not start with a six-digit HS subheading"),
        "hs-tariff-other-edition": N_(
            "{code} is not an {edition} subheading ({where}); {dotted} exists only in {others}"
        ),
        "hs-tariff-absent": N_(
            "{code} is not an {edition} subheading ({where}); {dotted} is in no HS edition "
            "({every})"
        ),
        "tariff-applies": N_("the {tariff} applies {edition} on {date}"),
        "tariff-may-apply": N_("the {tariff} may apply {edition} on {date}"),
        # document codes
        "document-category": N_(
            "{code} is in category {category}, a Union or national list, not UN/EDIFACT 1001"
        ),
        "document-shape": N_(
            "{code} is not a UN/EDIFACT 1001 code shape: a Union or national code"
        ),
        "document-absent": N_("{code} is not a UN/EDIFACT 1001 document name code ({edition})"),
    },
)

TITLES = define(
    "codelist-title",
    {
        "hs": N_("HS subheading"),
        "unit": N_("UN/ECE Rec 20 unit code"),
        "package-type": N_("UN/ECE Rec 21 package type code"),
        "transport-mode": N_("UN/ECE Rec 19 transport mode code"),
        "document-name": N_("UN/EDIFACT 1001 document name code"),
        "currency": N_("currency code"),
        "country": N_("country code"),
        "ncts": N_("code of NCTS list {number} {name}"),
    },
)
