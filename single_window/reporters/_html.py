"""``html``: one self-contained page a customs officer can open in any browser.

The page has no external resources at all (inline CSS, inline SVG, no scripts, no
fonts, no links out): totals, the verdicts per country as a bar chart, the findings
grouped by rule, and each declaration with findings, every finding shown with the XML
lines around it (escaped). Declarations accepted without findings are listed by name.
Declarations that no country rule pack applied to are counted under the country chart
and marked "country-neutral rules only". Every text from a report or a rule pack (file
names, messages, values, excerpts, rule titles, declaration references, country codes)
is shown with :mod:`single_window._display` (control characters, bidi controls and
undecodable bytes escaped) and then HTML-escaped.

Details are kept for the first :data:`MAX_DETAILED` declarations with findings (and at
most :data:`MAX_FINDINGS_SHOWN` findings each), so a run over a very large batch still
writes a page a browser can open; the totals always count everything.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from single_window._display import display_name, display_text
from single_window._i18n import Listing, Message, render_value
from single_window._lang import language_of
from single_window.findings import Finding, Report
from single_window.reporters._base import (
    NEUTRAL_LABEL,
    NO_PACK,
    BatchSummary,
    Reporter,
    in_language,
    neutral_rejection,
    read_as,
    route_stops,
)
from single_window.reporters._labels import LABELS, agency, current, severity, text, verdict
from single_window.rules._route import ROLE_WORDS

__all__ = ["MAX_DETAILED", "MAX_FINDINGS_SHOWN", "HtmlReporter", "excerpt"]

#: Declarations with findings shown in full.
MAX_DETAILED = 500
#: Findings shown per declaration.
MAX_FINDINGS_SHOWN = 50
#: Names of accepted declarations without findings listed.
MAX_ACCEPTED_LISTED = 2000
#: Declarations named per rule under "Seen in" (the rest are counted).
MAX_SEEN_IN = 10
#: Lines of context above and below a finding's line.
CONTEXT_LINES = 3
#: Longest excerpt line shown (longer lines are cut around the column).
MAX_LINE = 200

_CSS = """
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--ink:#1f2328;--mute:#59636e;
--line:#d1d9e0;--bg:#f6f8fa;--head:#0b3d5c}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:var(--ink);background:#fff}
header{background:var(--head);color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;opacity:.85}
main{padding:8px 32px 32px;max-width:1280px}
h2{font-size:19px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-top:18px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:140px;
background:var(--bg)}
.card .num{display:block;font-size:28px;font-weight:700}
.card .lbl{color:var(--mute)}
.card.accepted .num{color:var(--ok)}.card.rejected .num{color:var(--bad)}
.card.warnings .num{color:var(--warn)}
.name{color:var(--mute)}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--bg);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.rule{white-space:nowrap}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sev{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;
color:#fff;background:var(--mute)}
.sev.error{background:var(--bad)}.sev.warning{background:var(--warn)}
.badge{display:inline-block;border-radius:4px;padding:1px 8px;font-size:12px;
font-weight:700;color:#fff;vertical-align:middle;text-transform:uppercase}
.badge.accept{background:var(--ok)}.badge.reject{background:var(--bad)}
article.decl{border:1px solid var(--line);border-radius:8px;margin:14px 0;padding:4px 16px 10px}
article.decl h3{font-size:16px;margin:10px 0 4px;word-break:break-all}
.meta{color:var(--mute);margin:0 0 6px}
.chip{display:inline-block;border:1px solid var(--line);border-radius:10px;padding:0 7px;
margin-right:4px;font-size:12px}
.chip.reject{border-color:var(--bad);color:var(--bad)}.chip.accept{color:var(--ok)}
.chip.neutral{border-style:dashed;color:var(--mute);margin-left:6px}
.chip.format{color:var(--mute);margin-left:6px}
.chip.all{border-style:double;border-width:3px;font-weight:600;margin-right:6px}
.route{white-space:nowrap;margin:0 6px}.route .chip{margin-right:0}
.arrow{color:var(--mute);margin:0 4px}
.finding{border-top:1px dashed var(--line);padding:8px 0}
.where{color:var(--mute);font-size:13px;overflow-wrap:anywhere}
td.seen{min-width:260px}
pre.excerpt{background:#0d1117;color:#e6edf3;border-radius:6px;padding:8px 0;margin:6px 0 0;
overflow-x:auto;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre.excerpt span.l{display:block;padding:0 10px;white-space:pre}
pre.excerpt span.hit{background:#5a1e02}
pre.excerpt b{display:inline-block;width:4em;color:#7d8590;font-weight:400;user-select:none}
.note{color:var(--mute)}
footer{color:var(--mute);padding:16px 32px;border-top:1px solid var(--line);font-size:13px}
"""


def _h(text: str) -> str:
    """Text from a report or a rule pack as HTML: unsafe characters shown as escapes."""
    return escape(display_text(text))


def _attr(text: str) -> str:
    """Text for an attribute value: on one line, unsafe characters shown as escapes."""
    return escape(display_name(text))


def _t(key: str, /, **html: object) -> str:
    """A report text (``report.<key>``) as HTML for an element's content: the template's
    own words escaped, each text parameter (HTML already) put in as it is; a number or a
    nested message (a count with its words) is rendered and escaped with the template."""
    return _fill(key, html, quote=False)


def _n(key: str, count: int) -> Message:
    """A counted thing of the report texts (``report.declarations``, ...): its number with
    the words its form takes."""
    return LABELS(key, count=count)


def _ta(key: str, /, **html: object) -> str:
    """A report text as HTML for an attribute value (quotes escaped too)."""
    return _fill(key, html, quote=True)


def _fill(key: str, html: dict[str, object], *, quote: bool) -> str:
    tokens = {
        name: f"\x00{i}\x00" for i, (name, value) in enumerate(html.items()) if type(value) is str
    }
    out = escape(LABELS(key, **{**html, **tokens}).render(current()), quote=quote)
    for name, token in tokens.items():
        out = out.replace(token, str(html[name]))
    return out


def excerpt(
    data: bytes | None, line: int, column: int | None = None, context: int = CONTEXT_LINES
) -> list[tuple[int, str]]:
    """The source lines around ``line`` (1-based) as ``(number, text)`` pairs.

    Lines are counted as the parser counts them (XML's line ends: LF, CRLF and a lone
    CR; no other character ends a line), in the encoding the document declares, so the
    excerpt shows the line a finding names; empty when the data has no such line. Long
    lines are cut to :data:`MAX_LINE` characters around ``column``.
    """
    if data is None or line < 1:
        return []
    lines = _source_text(data).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if line > len(lines):
        return []
    first, last = max(1, line - context), min(len(lines), line + context)
    out: list[tuple[int, str]] = []
    for n in range(first, last + 1):
        raw = lines[n - 1].rstrip()
        if len(raw) > MAX_LINE:
            start = max(0, (column or 1) - 1 - MAX_LINE // 2) if n == line else 0
            raw = ("…" if start else "") + raw[start : start + MAX_LINE] + "…"
        out.append((n, display_text(raw)))
    return out


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""\A[^>]{0,100}?\bencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


def _source_text(data: bytes) -> str:
    """A document's bytes as text: by its byte order mark, UTF-16 without one, or the
    encoding its XML declaration names; UTF-8 when none of them says (undecodable bytes
    shown as U+FFFD)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace")
    if data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return data.decode("utf-16-le" if data[0] else "utf-16-be", "replace")
    declared = _DECLARED.match(data)
    if declared is not None:
        try:
            return data.decode(declared.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return data.decode("utf-8", "replace")


@dataclass
class _Shown:
    """What the page keeps of one declaration with findings."""

    index: int
    report: Report
    excerpts: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    """Finding index -> excerpt lines."""


class HtmlReporter(Reporter):
    """Writes one self-contained HTML page for the whole batch."""

    name = "html"
    suffix = ".html"

    @in_language
    def start(self) -> None:
        self.summary = BatchSummary()
        self._shown: list[_Shown] = []
        self._hidden = 0
        self._clean: list[tuple[str, bool, str]] = []
        self._clean_hidden = 0
        self._neutral = 0
        self._rule_examples: dict[str, list[tuple[int, str]]] = {}

    @in_language
    def add(self, report: Report) -> None:
        self.summary.add(report)
        index = self.summary.declarations
        if report.country_neutral_only:
            self._neutral += 1
        if not report.findings:
            if len(self._clean) < MAX_ACCEPTED_LISTED:
                route = _chips(report) if route_stops(report) else ""
                self._clean.append(
                    (
                        display_name(report.source),
                        report.country_neutral_only,
                        _read(report) + route,
                    )
                )
            else:
                self._clean_hidden += 1
            return
        if len(self._shown) >= MAX_DETAILED:
            self._hidden += 1
            return
        shown = _Shown(index, report)
        findings = sorted(report.findings, key=Finding.sort_key)[:MAX_FINDINGS_SHOWN]
        data = self.context.read(report.source) if any(f.line for f in findings) else None
        for i, f in enumerate(findings):
            if f.line:
                shown.excerpts[i] = excerpt(data, f.line, f.column)
            examples = self._rule_examples.setdefault(f.rule, [])
            shown_name = display_name(report.source)
            if len(examples) < MAX_SEEN_IN and (index, shown_name) not in examples:
                examples.append((index, shown_name))
        self._shown.append(shown)

    # -- page parts ---------------------------------------------------------------------

    def _totals(self) -> str:
        s = self.summary
        cards = [
            ("declarations", _t("html-declarations"), s.declarations),
            ("accepted", _t("html-accepted"), s.accepted),
            ("rejected", _t("html-rejected-total"), s.rejected),
            ("errors", _t("html-errors"), s.errors),
            ("warnings", _t("html-warnings"), s.warnings),
        ]
        body = "".join(
            f'<div class="card {key}" data-total="{key}"><span class="num">{value}</span>'
            f'<span class="lbl">{label}</span></div>'
            for key, label, value in cards
        )
        return (
            f'<section id="totals" class="cards" aria-label="{_ta("html-totals")}">{body}</section>'
        )

    def _neutral_note(self) -> str:
        if not self._neutral:
            return ""
        s = self.summary
        label = escape(NEUTRAL_LABEL.render(current()), quote=False)
        note = _t(
            "html-neutral-note",
            count=self._neutral,
            total=_n("declarations", s.declarations),
            label=label,
            no_pack=escape(NO_PACK.render(current()), quote=False),
            marked=f"<em>{label}</em>",
        )
        return f'<p class="note" id="country-neutral-only" data-count="{self._neutral}">{note}</p>'

    def _chart(self) -> str:
        rows = self.summary.sorted_countries()
        if not rows:
            return (
                f'<section id="countries"><h2>{_t("html-verdicts")}</h2><p class="note">'
                f"{_t('html-no-country-rules')}</p>" + self._neutral_note() + "</section>"
            )
        row_h, label_w, bar_w = 30, 70, 560
        height = row_h * len(rows) + 30
        scale = max(t.accepted + t.rejected for _, t in rows) or 1
        parts = [
            f'<svg id="country-chart" role="img" width="{label_w + bar_w + 190}" '
            f'height="{height}" viewBox="0 0 {label_w + bar_w + 190} {height}" '
            f'aria-label="{_ta("html-chart")}">'
        ]
        for i, (code, t) in enumerate(rows):
            y = 8 + i * row_h
            ok_w = round(bar_w * t.accepted / scale)
            bad_w = round(bar_w * t.rejected / scale)
            accepted, rejected = _n("accepted", t.accepted), _n("rejected", t.rejected)
            parts.append(
                f'<g class="bar" data-country="{_attr(code)}" data-accepted="{t.accepted}" '
                f'data-rejected="{t.rejected}">'
                f'<text x="0" y="{y + 16}" font-size="14" font-weight="600">{_h(code)}</text>'
                f'<rect x="{label_w}" y="{y}" width="{ok_w}" height="20" fill="#1a7f37">'
                f"<title>{_t('html-bar', country=_h(code), counted=accepted)}</title>"
                f'</rect><rect x="{label_w + ok_w}" y="{y}" width="{bad_w}" height="20" '
                'fill="#cf222e">'
                f"<title>{_t('html-bar', country=_h(code), counted=rejected)}</title>"
                f'</rect><text x="{label_w + ok_w + bad_w + 8}" y="{y + 15}" font-size="13" '
                f'fill="#59636e">'
                f"{_t('html-bar-counts', accepted=accepted, rejected=rejected)}</text></g>"
            )
        legend_y = height - 10
        parts.append(
            f'<rect x="{label_w}" y="{legend_y - 10}" width="12" height="12" fill="#1a7f37"/>'
            f'<text x="{label_w + 16}" y="{legend_y}" font-size="12">'
            f"{_t('html-legend-accepted')}</text>"
            f'<rect x="{label_w + 90}" y="{legend_y - 10}" width="12" height="12" '
            'fill="#cf222e"/>'
            f'<text x="{label_w + 106}" y="{legend_y}" font-size="12">'
            f"{_t('html-legend-rejected')}</text></svg>"
        )
        table = "".join(
            f'<tr data-country="{_attr(code)}"><td><b>{_h(code)}</b>{_country_name(code)}</td>'
            f'<td class="n">{t.accepted}</td><td class="n">{t.rejected}</td>'
            f'<td class="n">{t.errors}</td><td class="n">{t.warnings}</td></tr>'
            for code, t in rows
        )
        return (
            f'<section id="countries"><h2>{_t("html-verdicts")}</h2>'
            + "".join(parts)
            + f"<table><thead><tr><th>{_t('html-country')}</th>"
            f'<th class="n">{_t("html-accepted")}</th>'
            f'<th class="n">{_t("html-rejected-total")}</th>'
            f'<th class="n">{_t("html-errors")}</th><th class="n">{_t("html-warnings")}</th>'
            "</tr></thead><tbody>"
            + table
            + "</tbody></table>"
            + self._neutral_note()
            + "</section>"
        )

    def _rules(self) -> str:
        s = self.summary
        if not s.rules:
            return (
                f'<section id="rules"><h2>{_t("html-findings-by-rule")}</h2>'
                f'<p class="note">{_t("html-no-findings")}</p></section>'
            )
        order = sorted(
            s.rules,
            key=lambda r: (-s.rule_first[r].severity.rank, -s.rules[r], r),
        )
        folder = _common_folder(n for seen in self._rule_examples.values() for _, n in seen)
        rows: list[str] = []
        for rule in order:
            first = s.rule_first[rule]
            title = self.context.title(rule)
            seen = self._rule_examples.get(rule, [])
            links = [f'<a href="#d{i}">{escape(_relative(src, folder))}</a>' for i, src in seen]
            more = s.rule_declarations[rule] - len(seen)
            if more > 0:
                links.append(f'<span class="more">{_t("html-seen-more", count=more)}</span>')
            where = ", ".join(links)
            level = first.severity.value
            rows.append(
                f'<tr data-rule="{_attr(rule)}"><td class="rule"><code>{_h(rule)}</code></td>'
                f'<td><span class="sev {level}">{_h(severity(level))}</span></td>'
                f"<td>{_h(first.country or '—')}</td>"
                f"<td>{_h(agency(first.agency) if first.agency else '—')}</td>"
                f"<td>{_h(title)}</td>"
                f'<td class="n">{s.rules[rule]}</td><td class="n">{s.rule_declarations[rule]}</td>'
                f'<td class="where seen">{where}</td></tr>'
            )
        relative = ""
        if folder:
            note = _t("html-relative-to", folder=f"<code>{_attr(folder)}</code>")
            relative = f'<p class="note" id="relative-to">{note}</p>'
        return (
            f'<section id="rules"><h2>{_t("html-findings-by-rule")}</h2><table><thead><tr>'
            f"<th>{_t('html-rule')}</th><th>{_t('html-severity')}</th>"
            f"<th>{_t('html-country')}</th><th>{_t('html-agency')}</th>"
            f"<th>{_t('html-title-column')}</th>"
            f'<th class="n">{_t("html-findings")}</th>'
            f'<th class="n">{_t("html-declarations")}</th><th>{_t("html-seen-in")}</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>" + relative + "</section>"
        )

    def _declaration(self, shown: _Shown) -> str:
        r = shown.report
        outcome = r.verdict.value
        decl = r.declaration
        meta: list[str] = []
        if decl is not None:
            meta.extend(
                _t("html-meta", label=_t(label), value=f"<code>{_h(value)}</code>")
                for label, value in (
                    ("html-id", decl.id),
                    ("html-type", decl.type),
                    ("html-function", decl.function),
                    ("html-read-as", read_as(r)),
                )
                if value
            )
        chips = _chips(r)
        if r.country_neutral_only:
            chips += _neutral_chip()
        findings = sorted(r.findings, key=Finding.sort_key)
        items: list[str] = []
        for i, f in enumerate(findings[:MAX_FINDINGS_SHOWN]):
            country = f" [{_h(f.country)}]" if f.country else ""
            where = [_t("html-line", line=f.line)] if f.line else []
            if f.path:
                where.append(f"<code>{_attr(f.path)}</code>")
            if f.value is not None:
                where.append(_t("html-value", value=f"<code>{_attr(f.value)}</code>"))
                where[-1] += _value_name(f)
            lines = shown.excerpts.get(i, [])
            pre = ""
            if lines:
                pre = (
                    '<pre class="excerpt">'
                    + "".join(
                        f'<span class="{"l hit" if n == f.line else "l"}">'
                        f"<b>{n}</b>{escape(t)}</span>"
                        for n, t in lines
                    )
                    + "</pre>"
                )
            level = f.severity.value
            items.append(
                f'<div class="finding {level}" data-rule="{_attr(f.rule)}">'
                f'<div><span class="sev {level}">{_h(severity(level))}</span> '
                f"<code>{_h(f.rule)}</code>{country} {_h(f.message)}</div>"
                f'<div class="where">{" · ".join(where)}</div>{pre}</div>'
            )
        more = len(findings) - MAX_FINDINGS_SHOWN
        if more > 0:
            items.append(f'<p class="note">{_t("html-more-findings", count=more)}</p>')
        # upper case by the page's language (CSS), as str.upper() would not be in Turkish
        badge = _h(verdict(outcome))
        about = " · ".join(meta) or _t("html-unreadable")
        return (
            f'<article class="decl {outcome}" id="d{shown.index}" data-verdict="{outcome}">'
            f'<h3><span class="badge {outcome}">{badge}</span> '
            f"{_attr(r.source)}</h3>"
            f'<p class="meta">{about} {chips}</p>' + "".join(items) + "</article>"
        )

    def _declarations(self) -> str:
        if not self._shown:
            return (
                f'<section id="declarations"><h2>{_t("html-with-findings")}</h2>'
                f'<p class="note">{_t("html-none")}</p></section>'
            )
        hidden = (
            f'<p class="note">{_t("html-hidden", count=self._hidden)}</p>' if self._hidden else ""
        )
        return (
            f'<section id="declarations"><h2>{_t("html-with-findings")}</h2>'
            + "".join(self._declaration(s) for s in self._shown)
            + hidden
            + "</section>"
        )

    def _accepted(self) -> str:
        if not self._clean:
            return ""
        names = "".join(
            f"<li>{escape(n)}{_neutral_chip() if neutral else ''}{route}</li>"
            for n, neutral, route in self._clean
        )
        more = (
            f"<li>{_t('html-clean-more', count=self._clean_hidden)}</li>"
            if self._clean_hidden
            else ""
        )
        total = len(self._clean) + self._clean_hidden
        return (
            f'<section id="clean"><h2>{_t("html-clean")}</h2><details>'
            f"<summary>{_t('declarations', count=total)}</summary>"
            f"<ul>{names}{more}</ul></details></section>"
        )

    @in_language
    def finish(self) -> None:
        s = self.summary
        ctx = self.context
        stamp = ctx.started.strftime("%Y-%m-%d %H:%M UTC")
        outcome = _t("html-all-accepted") if s.rejected == 0 else _t("rejected", count=s.rejected)
        declarations = _n("declarations", s.declarations)
        title = _t("html-title", command=ctx.command, declarations=declarations, verdict=outcome)
        byline = _t(
            "html-byline",
            version=escape(ctx.tool_version),
            stamp=stamp,
            declarations=declarations,
            verdict=outcome,
        )
        language = language_of(current())
        page = (
            f'<!DOCTYPE html><html lang="{_attr(language.tag)}" dir="{language.direction}">'
            '<head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{_t(f'html-heading-{ctx.command}')}</h1>"
            f"<p>{byline}</p></header><main>"
            + self._totals()
            + self._chart()
            + self._rules()
            + self._declarations()
            + self._accepted()
            + f"</main><footer>{_t('html-footer')}</footer>"
            "</body></html>\n"
        )
        self.out.write(page)
        self.out.flush()


def _chips(report: Report) -> str:
    """Each country's verdict as a chip; the route's countries first, in route order with
    arrows between them and their roles in the tooltip, then any other country."""
    stops = route_stops(report)
    parts: list[str] = []
    for stop in stops:
        outcome = stop.verdict or "none"
        roles = (
            render_value(Listing.of((ROLE_WORDS(r) for r in stop.roles), "comma"), current())
            if stop.roles
            else text("on-the-route")
        )
        named = _name_of(stop.country)
        parts.append(
            f'<span class="chip {outcome}" data-country="{_attr(stop.country)}" '
            f'title="{_attr(f"{named}: {roles}" if named else roles)}">{_h(stop.country)} '
            f"{escape(verdict(stop.verdict))}</span>"
        )
    route = '<span class="arrow">→</span>'.join(parts)
    if route:
        route = f'<span class="route">{route}</span>'
    if neutral_rejection(report):
        route = _all_countries_chip() + route
    on_route = {stop.country for stop in stops}
    others = "".join(
        f'<span class="chip {cv.verdict.value}" data-country="{_attr(code)}">'
        f"{_h(code)} {escape(verdict(cv.verdict.value))}</span>"
        for code, cv in report.countries.items()
        if code not in on_route
    )
    return route + others


def _name_of(country: str) -> str | None:
    """A country's name in the language being written (None for a code the customs
    country list does not name)."""
    from single_window import codelists

    try:
        return codelists.label("country", country, lang=current())
    except (KeyError, ValueError):
        return None


def _country_name(country: str) -> str:
    """A country's name as HTML to put beside its code ("" when it has none)."""
    named = _name_of(country)
    return f' <span class="name">{_h(named)}</span>' if named else ""


def _value_name(finding: Finding) -> str:
    """What the code a finding names means (a country, currency, unit, package, mode of
    transport, document or HS heading, from the list the place it was read at holds),
    as HTML to put beside it; "" when the place holds no listed code or the list does
    not name it."""
    from single_window import codelists

    if finding.path is None or finding.value is None:
        return ""
    try:
        named = codelists.label_at(finding.path, finding.value, lang=current())
    except (KeyError, ValueError, TypeError):
        return ""
    return f' <span class="name">({_h(named)})</span>' if named else ""


def _read(report: Report) -> str:
    """The format a declaration was read as, as a chip ("" when it was not read)."""
    read = read_as(report)
    return f'<span class="chip format">{_h(read)}</span>' if read is not None else ""


def _neutral_chip() -> str:
    """The chip of a declaration only the country-neutral rules judged."""
    no_pack = escape(NO_PACK.render(current()))
    return (
        f'<span class="chip neutral" title="{_ta("neutral-chip", no_pack=no_pack)}">'
        f"{escape(NEUTRAL_LABEL.render(current()), quote=False)}</span>"
    )


def _all_countries_chip() -> str:
    """The chip that leads the route of a declaration a country-neutral error rejects."""
    return (
        f'<span class="chip reject all" data-all-countries="reject" '
        f'title="{_ta("all-countries-title")}">'
        f"{_t('all-countries-chip', verdict=escape(verdict('reject'), quote=False))}</span>"
    )


def _common_folder(names: Iterable[str]) -> str:
    """The deepest folder that holds every named file ("" when they share none, or a
    name is not a path, such as ``<stdin>``).

    Only the system's own separators divide a name: on POSIX a backslash is part of
    the name, and of the escapes ``display_name`` writes.
    """
    folders = {os.path.dirname(n) for n in names}
    if not folders or "" in folders:
        return ""
    try:
        return os.path.commonpath(sorted(folders))
    except ValueError:  # absolute and relative names, or names on different drives
        return ""


def _relative(name: str, folder: str) -> str:
    """A file's name below ``folder`` (as it is when there is no folder)."""
    return os.path.relpath(name, folder) if folder else name
