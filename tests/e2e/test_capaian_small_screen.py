"""The Capaian pages on a 360 px phone, in Chromium: no sideways page scroll (wide tables
scroll inside their own box), and every bar chart has a text alternative with its numbers.

Built from the shipped data and the shipped example results (so the outcome chart, the wide
kecamatan and kelurahan tables and the example banner are all there) and served as static
files: these pages need no form service.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from site_builder.cli import build
from tests.e2e.live import DEFAULT_TIMEOUT_MS, REPO, TODAY, browser_missing
from tests.e2e.test_small_screen import OVERFLOWING, TOLERANCE
from tests.static_server import serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH, HEIGHT = 360, 640
PAGES = ["capaian/", "capaian/blk-setiap-kelurahan-kota-tangerang/"]


@pytest.fixture(scope="module")
def capaian_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    reason = browser_missing()
    if reason is not None:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("capaian-e2e") / "site"
    args = [
        "--data", str(REPO / "courses"), "--out", str(out), "--today", TODAY.isoformat(),
        "--cache", str(out.parent / ".cache"),
        "--results", str(REPO / "courses" / "example-results.json"),
    ]  # fmt: skip
    result = CliRunner().invoke(build, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with serve(out) as url:
        yield url


@pytest.fixture
def phone(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, locale="id-ID", service_workers="block"
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_page_scroll_at_360px(phone, capaian_site, path):
    phone.goto(capaian_site + path)
    scroll_width = phone.evaluate("() => document.documentElement.scrollWidth")
    culprits = phone.evaluate(OVERFLOWING, WIDTH)
    assert scroll_width <= WIDTH + TOLERANCE and culprits == [], (scroll_width, culprits)
    # every table sits in a box that scrolls sideways on its own
    loose = phone.evaluate(
        """() => [...document.querySelectorAll('article table')].filter(t =>
              getComputedStyle(t.parentElement).overflowX !== 'auto').map(t => t.className)"""
    )
    assert loose == []
    if "blk-" in path:  # the kelurahan table is wider than the phone, and scrolls inside
        wide = phone.evaluate(
            """() => { const w = document.querySelector('table.capaian-kelurahan').parentElement;
                       return [w.scrollWidth, w.clientWidth]; }"""
        )
        assert wide[0] > wide[1]


def test_charts_have_text_alternatives(phone, capaian_site):
    phone.goto(capaian_site + "capaian/paket-usaha-dinsos-kota-tangerang/")
    charts = phone.locator("svg.bar-chart")
    assert charts.count() == 2
    outcome = phone.get_by_role("img", name=re.compile("^Hasil peserta dibandingkan"))
    assert outcome.count() == 1
    names = phone.evaluate(
        """() => [...document.querySelectorAll('svg.bar-chart')].map(svg =>
              svg.getAttribute('aria-labelledby').split(' ')
                 .map(id => document.getElementById(id).textContent.trim()))"""
    )
    assert names[0] == [
        "Hasil peserta dibandingkan dengan yang diterima",
        "Lulus: 20 dari 20; Bersertifikat: 0 dari 20; Bekerja atau berwirausaha: 13 dari 20.",
    ]
    assert names[1][0] == "Kelurahan yang sudah punya pusat pelatihan, per kecamatan"
    assert "Tangerang: 1 dari 8" in names[1][1]
    box = charts.first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTH + TOLERANCE


def test_hidden_counts_read_disembunyikan_on_the_phone(phone, capaian_site):
    phone.goto(capaian_site + "capaian/paket-usaha-dinsos-kota-tangerang/")
    facts = phone.locator("dl.capaian-facts").first.inner_text()
    assert re.search(r"Paket usaha diterima\s+disembunyikan", facts)
    assert phone.locator("#hasil-contoh").inner_text().startswith("Hasil contoh.")


def test_axe_finds_no_serious_violation_with_results(phone, capaian_site):
    """The pages with outcome tables, charts, hidden counts and the example banner (the live site's
    axe test builds without results)."""
    from tests.e2e.helpers import blocking, describe_violations, run_axe

    serious = []
    for path in [*PAGES, "capaian/paket-usaha-dinsos-kota-tangerang/",
                 "kecamatan/367101-tangerang/"]:  # fmt: skip
        phone.goto(capaian_site + path)
        found = blocking(run_axe(phone))
        if found:
            serious.append(describe_violations(path, capaian_site + path, found))
    assert serious == [], "\n".join(serious)
