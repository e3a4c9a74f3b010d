"""The HTML report as a real browser sees it (headless Chromium), in English and in the
Cyrillic and Georgian scripts of Kazakh and Georgian.

Without Chromium the tests skip, saying so, except in CI (``CI`` set), where they fail:
``.ci/run`` installs it.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from _pseudo import ALPHABETS, catalogs
from conftest import EXAMPLES, MALFORMED
from lxml import html
from test_reporters import write_hostile, write_rejected

from single_window import check
from single_window.cli import run
from single_window.reporters import BatchSummary, write_reports

BROWSER = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
MISSING = "chromium is not installed (apt-get install chromium fonts-noto-core)"


@pytest.fixture(autouse=True)
def _browser() -> None:
    """Skip without a browser, but fail in CI, which must run these tests."""
    if BROWSER is None:
        if os.environ.get("CI"):
            pytest.fail(f"{MISSING}: CI runs the browser tests (.ci/run installs it)")
        pytest.skip(MISSING)


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # the page must need no network
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        timeout=90,
        check=False,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchSummary, int]:
    folder = tmp_path_factory.mktemp("html")
    inputs = [
        EXAMPLES / "tr-import.xml",
        write_rejected(folder),
        write_hostile(folder),
        *sorted(MALFORMED.glob("*.xml"))[:2],
    ]
    summary = BatchSummary()
    with_findings = 0
    for path in inputs:
        report = check(path)
        summary.add(report)
        with_findings += bool(report.findings)
    target = folder / "report.html"
    code = run(
        ["check", *map(str, inputs), "--format", "html", "-o", str(target), "-q"],
        io.StringIO(),
        io.StringIO(),
    )
    assert code == 1
    return target, summary, with_findings


def test_the_browser_renders_totals_chart_rules_and_declarations(
    page: tuple[Path, BatchSummary, int], tmp_path: Path
) -> None:
    target, summary, with_findings = page
    result = chromium(tmp_path / "profile", "--dump-dom", target.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = html.fromstring(result.stdout)

    def total(key: str) -> int:
        (value,) = dom.xpath(f'//*[@data-total="{key}"]/span[@class="num"]/text()')
        return int(value)

    assert total("declarations") == summary.declarations
    assert total("accepted") == summary.accepted
    assert total("rejected") == summary.rejected
    assert total("errors") == summary.errors
    assert [s.get("id") for s in dom.xpath("//main/section")] == [
        "totals",
        "countries",
        "rules",
        "declarations",
        "clean",
    ]
    bars = dom.xpath('//*[@id="country-chart"]/*[@class="bar"]')
    assert {b.get("data-country") for b in bars} == set(summary.countries)
    assert set(dom.xpath('//section[@id="rules"]//tr/@data-rule')) == set(summary.rules)
    articles = dom.xpath('//section[@id="declarations"]/article')
    assert len(articles) == with_findings
    assert sum(a.get("data-verdict") == "reject" for a in articles) == summary.rejected
    hit = dom.xpath('//div[@data-rule="TR-HS-LENGTH"]//span[@class="l hit"]')
    assert hit and "<ID>7318159000</ID>" in hit[0].text_content()


def test_the_browser_takes_a_screenshot_of_the_page(
    page: tuple[Path, BatchSummary, int], tmp_path: Path
) -> None:
    target, _, _ = page
    png = tmp_path / "report.png"
    result = chromium(
        tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,2000", target.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one


# --- the page in Kazakh and Georgian ----------------------------------------------------

#: Letters of each script the page's texts are written in (the test catalogs spell the
#: English templates in them until the real translations exist).
SCRIPTS = {lang: "".join(sorted(set(ALPHABETS[lang].values()))) for lang in ("kk", "ka")}

#: Measures, in the browser, how the page's own font draws the script's letters: drawn
#: glyphs have widths of their own, a missing glyph (a box) one width for all.
PROBE = """
<script>
(function () {
  var letters = %s;
  var style = getComputedStyle(document.querySelector("header h1"));
  var canvas = document.createElement("canvas").getContext("2d");
  canvas.font = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
  var widths = Array.from(letters).map(function (c) { return canvas.measureText(c).width; });
  var missing = canvas.measureText("\\u{10FFFD}").width;
  var shown = Array.from(document.body.innerText).filter(function (c) {
    return letters.indexOf(c) >= 0;
  }).length;
  document.body.setAttribute("data-probe", JSON.stringify({
    distinct: new Set(widths.map(function (w) { return w.toFixed(2); })).size,
    letters: widths.length,
    missing: widths.filter(function (w) { return Math.abs(w - missing) < 0.01; }).length,
    control: Array.from("\\uE000\\uE001\\uE002\\uE003").filter(function (c) {
      return Math.abs(canvas.measureText(c).width - missing) < 0.01;
    }).length,
    shown: shown,
    fonts: document.fonts.check(canvas.font, letters)
  }));
})();
</script>
"""


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report page of a few declarations in Kazakh and in Georgian."""
    folder = tmp_path_factory.mktemp("scripts")
    inputs = [
        EXAMPLES / "tr-import.xml",
        *sorted((EXAMPLES / "faults").glob("*.xml"))[:6],
        write_rejected(folder),
    ]
    pages = {}
    with catalogs(folder / "locale", "kk", "ka"):
        for lang in ("kk", "ka"):
            target = folder / f"report-{lang}.html"
            with target.open("w", encoding="utf-8") as out:
                write_reports("html", [check(p, lang=lang) for p in inputs], out)
            pages[lang] = target
    return pages


@pytest.mark.parametrize("lang", ["kk", "ka"])
def test_the_browser_draws_the_page_in_the_languages_script(
    scripts: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    page = scripts[lang]
    text = page.read_text("utf-8")
    assert text.startswith(f'<!DOCTYPE html><html lang="{lang}" dir="ltr">')
    probe = tmp_path / "probe.html"
    probe.write_text(
        text.replace("</body>", PROBE % json.dumps(SCRIPTS[lang]) + "</body>"), encoding="utf-8"
    )
    result = chromium(tmp_path / "profile", "--dump-dom", probe.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = html.fromstring(result.stdout)
    assert dom.get("lang") == lang
    heading = dom.xpath("//header/h1")[0].text_content()
    assert sum(c in SCRIPTS[lang] for c in heading) > 5, heading
    measured = json.loads(dom.xpath("//body/@data-probe")[0])
    # every letter is drawn by a font that has it: widths of their own, none a box's (as
    # the control, letters of the private use area that no font has, are boxes)
    assert measured["control"] == 4, measured
    assert measured["missing"] == 0, measured
    assert measured["distinct"] >= 5, measured
    assert measured["shown"] > 200, measured


@pytest.mark.parametrize("lang", ["kk", "ka"])
def test_the_browser_takes_a_screenshot_of_the_page_in_the_languages_script(
    scripts: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    png = tmp_path / "report.png"
    result = chromium(
        tmp_path / "profile",
        f"--screenshot={png}",
        "--window-size=1280,2000",
        scripts[lang].as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000
