"""The goods items of a drawn declaration: procedure, commodity code, origin, documents,
masses and prices, each under the active rules; large declarations repeat a few drawn
items (at most :data:`ITEM_SHAPES` distinct ones) so that a 1,999-item declaration costs no
more choices than a 5-item one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from single_window._model_api import TRANSIT_PROCEDURES
from single_window._values import ISO_COUNTRIES
from single_window.rules._kinds import PredicateCheck, ValueCheck
from single_window.rules._selectors import Selector, selector
from single_window.testing._draws import digits, hs_code_prefixes, leaf, money, words
from single_window.testing._options import Draw, Options
from single_window.testing._rules import RuleRef
from single_window.testing._schema import facets
from single_window.testing._solve import predicates_named, solve, value_checks
from single_window.testing._writers import ITEM, split_document, split_procedure, writer_of

__all__ = [
    "ITEM_SHAPES",
    "ItemSpec",
    "commodity_ok",
    "document_ok",
    "draw_items",
    "field_ok",
    "field_rules_ok",
    "procedure_ok",
    "requested",
]

#: Distinct goods items drawn per declaration; larger declarations repeat them.
ITEM_SHAPES = 5

_PACKAGE_TYPES = ("BX", "CT", "PK", "PX", "BG", "CS")


@dataclass(frozen=True)
class ItemSpec:
    """Per-declaration values the goods items share."""

    direction: str
    requested: tuple[str, ...]
    invoice_currency: str
    duty_currency: str
    price_cap: Decimal
    gross_cap: Decimal
    net_cap: Decimal | None
    origins: tuple[str, ...]
    export: str
    day: date
    priced: bool = True
    """Whether items carry a price and duties (not on a transit declaration)."""
    sizes: tuple[int, ...] = (10, 8, 12, 6)
    """Commodity code lengths to draw (HS subheadings alone on a transit declaration)."""
    tariff_country: str | None = None
    """The country whose tariff's HS edition the commodity codes follow (the declaring
    country; on a transit declaration the office of departure's)."""


def requested(draw: Draw, o: Options, active: Sequence[RuleRef], direction: str) -> str:
    if o.force.procedures:
        options = [
            p
            for p in o.force.procedures
            if (o.procedures is None or p in o.procedures) and p not in TRANSIT_PROCEDURES
        ]
    elif o.procedures is not None:
        options = list(o.procedures)
    else:
        options = {"IM": ["40"], "EX": ["10"]}.get(direction, ["40"])
    banned: set[str] = set()
    for ref in predicates_named(active, "procedure-direction"):
        params = ref.spec.check.params  # type: ignore[union-attr]
        listed = params.get({"IM": "export", "EX": "import"}.get(direction, ""), ())
        banned.update(str(p) for p in listed)  # type: ignore[union-attr]
    good = [
        p
        for p in options
        if p not in banned
        and _CODE7.accepts(p)
        and all(
            c.accepts(p)
            for c in value_checks(active, "requested_procedure", item=True, procedure=p)
        )
    ]
    if not good:
        reject()
    return str(draw(st.sampled_from(good)))


#: The profile's facets of a requested procedure and of a commodity code.
_CODE7 = facets(*ITEM, "GovernmentProcedure", "CurrentCode")
_CLASS_ID = facets(*ITEM, "Commodity", "Classification", "ID")


def field_ok(field: Selector, value: str) -> bool:
    """Whether a value written to a field fits the profile: each element it lands in
    accepts its part, and a field with a closed list of values holds one of them."""
    writer = writer_of(field)
    if writer.universe is not None and value not in writer.universe():
        return False
    if writer.parts is None:
        return True
    return all(facets(*path).accepts(text) for path, text in writer.parts(value))


def procedure_ok(code: str) -> bool:
    """Whether a whole procedure code splits into schema-valid current/previous codes."""
    return field_ok(selector("procedure_code", "item"), code)


def _hs_shaped(code: str) -> bool:
    return code.isdigit() and len(code) >= 6


#: What a bundled predicate asks of one field's values: a value written to that field
#: keeps the predicate quiet when the function accepts it.
PREDICATE_FIELD_RULES: dict[str, tuple[str, Callable[[str], bool]]] = {
    "hs-code-shape": ("commodity_code", _hs_shaped),
}


def field_rules_ok(field: Selector, value: str, active: Iterable[RuleRef]) -> bool:
    """Whether a value written to a field keeps the active bundled predicates quiet."""
    for ref in active:
        check = ref.spec.check
        if isinstance(check, PredicateCheck) and check.predicate in PREDICATE_FIELD_RULES:
            name, accepts = PREDICATE_FIELD_RULES[check.predicate]
            if name == field.name and not accepts(value):
                return False
    return True


def commodity_ok(code: str, active: Sequence[RuleRef]) -> bool:
    """Whether a commodity code is schema-valid and has the HS shape the baseline wants."""
    return _CLASS_ID.accepts(code) and field_rules_ok(
        selector("commodity_code", "item"), code, active
    )


def document_ok(code: str) -> bool:
    """Whether a document code splits into a schema-valid category and type."""
    return bool(code) and field_ok(selector("document_code", "item"), code)


def _commodity(
    draw: Draw,
    o: Options,
    active: Sequence[RuleRef],
    procedure: str | None,
    day: date,
    sizes: tuple[int, ...] = (10, 8, 12, 6),
    country: str | None = None,
) -> tuple[str, list[dict[str, object]]]:
    checks = value_checks(active, "commodity_code", item=True, procedure=procedure)
    gated = [c for c in checks if _hs_gated(active, c)]
    plain = [c for c in checks if c not in gated]
    starts = hs_code_prefixes(o.force.hs, day, country)

    def make(length: int | None) -> st.SearchStrategy[str]:
        size = st.just(length) if length is not None else st.sampled_from(sizes)

        def complete(n: int) -> st.SearchStrategy[str]:
            def extend(p: str) -> st.SearchStrategy[str]:
                # a free length keeps the whole prefix a range asks for ("0712901100");
                # a fixed length shorter than the prefix cannot stay in its range
                if length is not None and len(p) > length:
                    return st.nothing()
                width = n if length is not None else max(n, len(p))
                return digits(max(width - len(p), 0)).map(lambda rest: (p + rest)[:width])

            return starts.flatmap(extend)

        return size.flatmap(complete)

    def fix(code: str) -> str:
        return code

    def ok(code: str) -> bool:
        if not commodity_ok(code, active):
            return False
        return all(
            ref.spec.check.accepts(code)
            for ref in active
            if ref.spec.check in gated and ref.spec.when.hs_holds(code)
        )

    code = solve(draw, plain, make, ok, fix)
    if len(code) == 10 and draw(st.booleans()):
        parts = [("TSP", code[:8]), ("TRC", code[8:])]
    else:
        parts = [("HS", code)]
    return code, [
        {"id": leaf(part), "identification_type_code": leaf(kind)} for kind, part in parts
    ]


def _hs_gated(active: Sequence[RuleRef], check: ValueCheck) -> bool:
    return any(ref.spec.check is check and ref.spec.when.hs for ref in active)


def _documents(
    draw: Draw,
    active: Sequence[RuleRef],
    procedure: str | None,
    commodity: str,
    origin: str,
    origin_type: str,
    export: str,
) -> list[dict[str, object]]:
    checks = value_checks(
        active, "document_code", item=True, procedure=procedure, commodity=commodity
    )

    def code_ok(code: str) -> bool:
        if not document_ok(code):
            return False
        return all(c.accepts(code) for c in checks)

    needed: list[tuple[str, ...]] = []
    for ref in active:
        check = ref.spec.check
        if not ref.item_scope or not ref.item_applies(procedure, commodity):
            continue
        codes = check.documents_needed()
        if codes is not None:
            needed.append(codes)
        elif isinstance(check, PredicateCheck) and check.predicate == "preference-proof":
            # the builder writes no duty regime (preference) code, so only a claim made by
            # a preferential Origin needs its proof
            params = check.params
            countries = params.get("countries") or ()
            country = export if params.get("country_of") == "export" else origin
            if (
                not params.get("preferences")
                and origin_type == str(params.get("origin_type", "2"))
                and (not countries or country in countries)  # type: ignore[operator]
            ):
                needed.append(tuple(str(c) for c in params.get("codes", ())))  # type: ignore[union-attr]
    docs: list[dict[str, object]] = []
    have: set[str] = set()
    for codes in needed:
        if have & set(codes):
            continue
        options = [c for c in codes if code_ok(c)]
        if not options:
            reject()
        code = draw(st.sampled_from(options))
        have.add(code)
        category, kind = split_document(code)
        doc: dict[str, object] = {"id": leaf("DOC-" + draw(digits(8))), "type_code": leaf(kind)}
        if category:
            doc["category_code"] = leaf(category)
        docs.append(dict(sorted(doc.items(), key=lambda kv: _DOC_ORDER.index(kv[0]))))
    return docs


_DOC_ORDER = ("category_code", "id", "name", "type_code")


def _procedure(draw: Draw, active: Sequence[RuleRef], requested: str) -> str:
    """A whole procedure code (requested and previous) for a requested procedure."""
    proc_checks = value_checks(active, "procedure_code", item=True, procedure=requested)
    prev_checks = value_checks(active, "previous_procedure", item=True, procedure=requested)

    def make_proc(length: int | None) -> st.SearchStrategy[str]:
        if length is None:
            return st.just(requested + "00")
        return digits(max(length - len(requested), 0)).map(lambda d: requested + d)

    return solve(
        draw,
        proc_checks,
        make_proc,
        lambda c: procedure_ok(c) and all(p.accepts(split_procedure(c)[1]) for p in prev_checks),
        lambda c: requested + c[len(requested) :],
    )


def _item(draw: Draw, o: Options, active: Sequence[RuleRef], spec: ItemSpec) -> dict[str, Any]:
    procedure: str | None = None
    if spec.requested:
        procedure = _procedure(draw, active, draw(st.sampled_from(spec.requested)))
    code, classifications = _commodity(
        draw, o, active, procedure, spec.day, spec.sizes, spec.tariff_country
    )
    origin_checks = value_checks(active, "origin_country", item=True, procedure=procedure)
    origin = solve(
        draw,
        origin_checks,
        lambda _n: st.sampled_from(spec.origins),
        lambda c: c in ISO_COUNTRIES,
    )
    origin_type = draw(st.sampled_from(("1", "1", "2")))
    gross = draw(money(Decimal("0.001"), min(spec.gross_cap, Decimal("50000")), 3))
    net_high = gross if spec.net_cap is None else min(gross, spec.net_cap)
    net = draw(money(Decimal(0), net_high, 3))
    commodity: dict[str, Any] = {
        "description": leaf(draw(words(512))),
        "classifications": classifications,
        "goods_measure": {
            "gross_mass_measure": leaf(gross, unit="KGM"),
            "net_net_weight_measure": leaf(net, unit="KGM"),
        },
    }
    if spec.priced:
        price = draw(money(Decimal("1.00"), spec.price_cap, 2))
        duty = draw(money(Decimal("0.01"), Decimal("100000"), 2))
        commodity["duty_tax_fees"] = [
            {
                "type_code": leaf(draw(st.sampled_from(("A00", "B00", "A30")))),
                "payment": {
                    "method_code": leaf("E"),
                    "tax_assessed_amount": leaf(duty, currency=spec.duty_currency),
                },
            }
        ]
        commodity["invoice_line"] = {
            "item_charge_amount": leaf(price, currency=spec.invoice_currency)
        }
    item: dict[str, Any] = {
        "sequence_numeric": leaf(1),
        "additional_documents": _documents(
            draw, active, procedure, code, origin, origin_type, spec.export
        ),
        "commodity": commodity,
        "origins": [{"country_code": leaf(origin), "type_code": leaf(origin_type)}],
        "packagings": [
            {
                "sequence_numeric": leaf(1),
                "marks_numbers_id": leaf(draw(words(40))),
                "quantity_quantity": leaf(draw(st.integers(1, 1000))),
                "type_code": leaf(draw(st.sampled_from(_PACKAGE_TYPES))),
            }
        ],
    }
    if procedure is not None:
        current, previous = split_procedure(procedure)
        gp: dict[str, Any] = {"current_code": leaf(current)}
        if previous:
            gp["previous_code"] = leaf(previous)
        item["government_procedures"] = [gp]
    return item


def draw_items(
    draw: Draw, o: Options, active: Sequence[RuleRef], spec: ItemSpec, count: int
) -> tuple[list[dict[str, Any]], Decimal, int]:
    """``count`` goods items numbered 1..n (a few drawn shapes, repeated), with their
    total gross mass and total number of packages."""
    shapes = [_item(draw, o, active, spec) for _ in range(min(count, ITEM_SHAPES))]
    items: list[dict[str, Any]] = []
    for index in range(count):
        item = dict(shapes[index % len(shapes)])
        item["sequence_numeric"] = leaf(index + 1)
        items.append(item)
    gross_total = sum(
        (
            Decimal(str(i["commodity"]["goods_measure"]["gross_mass_measure"]["value"]))
            for i in items
        ),
        Decimal(0),
    )
    packages = sum((i["packagings"][0]["quantity_quantity"]["value"] for i in items), 0)
    return items, gross_total, packages
