"""Printable A4 posters with a QR code, for kelurahan notice boards."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import segno

from catalog.catalog import Catalog
from site_builder.poster import poster_path, write_posters
from tests.site_builder.machine_fixtures import BASE_URL, TODAY, load_fixture

RUN_URL = "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/#angkatan-2027-1"


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path)


def poster(catalog: Catalog, out: Path, run: str = "2027-1", today: date = TODAY) -> str:
    write_posters(catalog, out, base_url=BASE_URL, today=today)
    return (out / "poster" / "blk-contoh" / "tata-boga" / f"{run}.html").read_text("utf-8")


def test_writes_css_once_and_a_poster_per_run(catalog, tmp_path):
    paths = write_posters(catalog, tmp_path, base_url=BASE_URL, today=TODAY)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "poster/poster.css",
        "poster/blk-contoh/tata-boga/2027-1.html",
        "poster/blk-contoh/tata-boga/2027-2.html",
    ]
    assert poster_path(catalog.find_run("blk-contoh/tata-boga/2027-2")) == (
        "poster/blk-contoh/tata-boga/2027-2.html"
    )
    css = (tmp_path / "poster" / "poster.css").read_text("utf-8")
    assert "@page { size: A4; margin: 15mm; }" in css
    html = (tmp_path / "poster/blk-contoh/tata-boga/2027-1.html").read_text("utf-8")
    # poster/blk-contoh/tata-boga/ + ../../ = poster/
    assert '<link rel="stylesheet" href="../../poster.css">' in html


def test_qr_code_encodes_the_run_url(catalog, tmp_path):
    html = poster(catalog, tmp_path)
    (svg,) = re.findall(r"<svg.*?</svg>", html, re.DOTALL)
    # The same symbol segno makes for the address with error level M and data mask 2.
    expected = segno.make(RUN_URL, error="m", mask=2)
    assert (expected.designator, expected.mask) == ("5-M", 2)
    assert svg == expected.svg_inline(
        scale=1, omitsize=True, title="Kode QR menuju halaman pendaftaran"
    )
    other = segno.make(RUN_URL.replace("2027-1", "2027-2"), error="m", mask=2)
    assert svg != other.svg_inline(
        scale=1, omitsize=True, title="Kode QR menuju halaman pendaftaran"
    )
    assert (
        f'<p class="link"><a href="{RUN_URL}">'
        "pelatihan.example.go.id/kursus/blk-contoh/tata-boga/#angkatan-2027-1</a></p>" in html
    )


def test_poster_says_what_a_resident_needs(catalog, tmp_path):
    html = poster(catalog, tmp_path)
    for text in [
        '<html lang="id">',
        '<strong class="gratis">GRATIS</strong>',
        "<h1>Tata Boga untuk Usaha Rumahan</h1>",
        "<dt>Tanggal</dt><dd>1–22 Februari 2027 (15 hari kerja)</dd>",
        "<dt>Pendaftaran</dt><dd>Senin, 16 November 2026 sampai "
        "<strong>Jumat, 22 Januari 2027</strong></dd>",
        "<dt>Tempat</dt><dd>BLK Contoh Kota Tangerang<br>Jl. Contoh No. 1<br>"
        "Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten</dd>",
        "<dt>Kuota</dt><dd>20 peserta, seleksi: Wawancara</dd>",
        "<dt>Penyelenggara</dt><dd>Dinas Sosial Kota Tangerang<br>BLK Contoh Kota Tangerang</dd>",
        "<li>Berusia 18 sampai 45 tahun saat pelatihan dimulai.</li>",
        "<li>Alamat di KTP berada di Kota Tangerang, Banten.</li>",
        "<li>Kartu Keluarga (fotokopi)</li>",
        '<p class="contoh">CONTOH – data uji coba, bukan jadwal resmi.',
        "tidak dipungut biaya apa pun",
    ]:
        assert text in html
    assert "sudah ditutup" not in html


def test_no_script_and_no_third_party_requests(catalog, tmp_path):
    for run in ("2027-1", "2027-2"):
        html = poster(catalog, tmp_path, run)
        assert "<script" not in html.lower()
        urls = re.findall(r"(?:https?:)?//[^\s\"'<>)]+", html)
        assert urls and all(u.startswith(BASE_URL) for u in urls), urls
    css = (tmp_path / "poster" / "poster.css").read_text("utf-8")
    assert "//" not in css and "@import" not in css and "url(" not in css


def test_text_from_data_is_escaped(tmp_path):
    catalog = load_fixture(tmp_path)
    html = poster(catalog, tmp_path, "2027-2")
    assert "<dt>Catatan</dt><dd>=2+3 catatan uji sel rumus</dd>" in html
    assert "<dd>3–28 Mei 2027 (15 hari kerja)<br>Senin–Jumat, 08.00–15.00 WIB</dd>" in html


def test_closed_run_says_so_and_real_data_has_no_banner(tmp_path):
    catalog = load_fixture(tmp_path, dataset="example: false\npublisher: Katalog Contoh\n")
    html = poster(catalog, tmp_path, today=date(2027, 1, 23))
    assert '<p class="status">Pendaftaran angkatan ini sudah ditutup.</p>' in html
    assert 'class="contoh"' not in html
    html = poster(catalog, tmp_path, today=date(2027, 2, 23))
    assert '<p class="status">Angkatan ini sudah selesai.</p>' in html
