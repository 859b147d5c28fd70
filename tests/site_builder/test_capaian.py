"""The Capaian section (/capaian/), built from the shipped catalog and the example results file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import build

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"  # the day the shipped example data is made for (Makefile DATA_DAY)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("capaian") / "site"
    args = [
        "--data", str(ROOT / "courses"), "--out", str(out), "--today", TODAY,
        "--cache", str(out.parent / ".cache"),
        "--results", str(ROOT / "courses" / "example-results.json"),
    ]  # fmt: skip
    result = CliRunner().invoke(build, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_overview_compares_coverage_with_the_target(site):
    html = text(page(site, "capaian"))
    assert (
        "BLK di setiap kelurahan Kota Tangerang Kelurahan yang sudah punya pusat pelatihan "
        "13 dari 104 kelurahan"
    ) in html
    assert "LPKS di setiap kelurahan Kota Serang" in html


@pytest.mark.slow
def test_capaian_is_in_the_navigation(site):
    assert 'href="capaian/"' in page(site, "") or 'href="./capaian/"' in page(site, "")


@pytest.mark.slow
def test_a_programme_page_has_a_kecamatan_table_and_the_same_numbers_in_its_chart(site):
    html = page(site, "capaian/blk-setiap-kelurahan-kota-tangerang")
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+) dari (\d+)</td>', html)
    assert ("Karawaci", "1", "16") in rows
    start = html.index('<svg class="bar-chart"')
    svg = html[start : html.index("</svg>", start)]
    assert "<script" not in svg and "on" + "load" not in svg
    assert 'role="img"' in svg and "<title" in svg
    bars = re.findall(r"<text[^>]*>([^:<]+): (\d+) dari (\d+)</text>", svg)
    assert bars == rows


@pytest.mark.slow
def test_hidden_outcome_counts_show_as_a_dash_with_the_reason(site):
    html = page(site, "capaian/paket-usaha-dinsos-kota-tangerang")
    assert '<dt>Paket usaha diterima</dt><dd><abbr title="disembunyikan">–</abbr></dd>' in html
    assert "jumlah disembunyikan karena kurang dari 5 orang" in html
