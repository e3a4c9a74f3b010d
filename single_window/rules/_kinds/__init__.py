"""The check kinds a pack's ``[rules.check]`` table can use: one module each, and the table.

Each kind is one class in its own module, the whole of that kind in the manner of
jsonschema's keyword functions and their validator table: its pack schema (the pydantic
fields, validated when a pack loads), :meth:`~Check.compile` (the function the engine
runs), :meth:`~Check.probe` (why it had nothing to check, for explain mode),
:meth:`~Check.describe` (the documentation), and the hooks the Hypothesis strategies in
:mod:`single_window.testing` use to satisfy it (:meth:`~Check.built_by_construction`,
:meth:`~Check.accepts`, :meth:`~Check.cap`, :meth:`~Check.documents_needed`) or to break
it (:meth:`~Check.violation_needs`, :meth:`~Check.violate`). Adding a kind is one module
here and one entry in :data:`CHECK_KINDS` and :data:`CheckSpec`.

One module per kind: ``pattern``, ``length``, ``one_of`` (value checks), ``required``,
``document``, ``identifier``, ``max_amount`` (:class:`ThresholdCheck`), ``code_list`` and
``predicate``. ``_base`` holds the base class and what the strategies offer the hooks;
``_selecting`` the kinds that judge each selected value alone. The strategy hooks import
Hypothesis only when they are called, so the rules run without it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from single_window.rules._kinds._base import (
    Check,
    DeclRun,
    FieldWriter,
    ItemRun,
    Needs,
    NotViolable,
    Probe,
    ViolationPlanner,
    ViolationSite,
    WriterOf,
    XmlPath,
)
from single_window.rules._kinds._selecting import SelectingCheck, ValueCheck
from single_window.rules._kinds.code_list import CodeListCheck
from single_window.rules._kinds.document import DocumentCheck
from single_window.rules._kinds.identifier import IdentifierCheck
from single_window.rules._kinds.length import LengthCheck
from single_window.rules._kinds.max_amount import ThresholdCheck
from single_window.rules._kinds.one_of import OneOfCheck
from single_window.rules._kinds.pattern import PatternCheck
from single_window.rules._kinds.predicate import PredicateCheck
from single_window.rules._kinds.required import RequiredCheck

__all__ = [
    "CHECK_KINDS",
    "Check",
    "CheckSpec",
    "CodeListCheck",
    "DeclRun",
    "DocumentCheck",
    "FieldWriter",
    "IdentifierCheck",
    "ItemRun",
    "LengthCheck",
    "Needs",
    "NotViolable",
    "OneOfCheck",
    "PatternCheck",
    "PredicateCheck",
    "Probe",
    "RequiredCheck",
    "SelectingCheck",
    "ThresholdCheck",
    "ValueCheck",
    "ViolationPlanner",
    "ViolationSite",
    "WriterOf",
    "XmlPath",
]

#: Every check kind, by the ``kind`` a pack writes.
CHECK_KINDS: dict[str, type[Check]] = {
    "pattern": PatternCheck,
    "length": LengthCheck,
    "one_of": OneOfCheck,
    "required": RequiredCheck,
    "document": DocumentCheck,
    "identifier": IdentifierCheck,
    "max_amount": ThresholdCheck,
    "code_list": CodeListCheck,
    "predicate": PredicateCheck,
}

#: The ``[rules.check]`` table of a pack: one of the kinds, chosen by its ``kind``.
CheckSpec = Annotated[
    PatternCheck
    | LengthCheck
    | OneOfCheck
    | RequiredCheck
    | DocumentCheck
    | IdentifierCheck
    | ThresholdCheck
    | CodeListCheck
    | PredicateCheck,
    Field(discriminator="kind"),
]
