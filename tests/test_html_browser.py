"""The HTML report as a real browser sees it (headless Chromium)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, MALFORMED
from lxml import html
from test_reporters import write_hostile, write_rejected

from single_window import check
from single_window.cli import run
from single_window.reporters import BatchSummary

BROWSER = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="chromium is not installed (apt-get install chromium)"
)


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
