"""WhatsApp share links and the public URLs of courses, centers and runs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from catalog.catalog import Catalog
from site_builder import share
from tests.site_builder.machine_fixtures import BASE_URL, COURSE_YML, FORM_URL, load_fixture

PAGE = "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/"


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path)


def test_urls(catalog):
    ref = catalog.find_run("blk-contoh/tata-boga/2027-2")
    assert share.course_url(BASE_URL, ref.course_ref) == PAGE
    assert share.center_url(BASE_URL, "blk-contoh") == (
        "https://pelatihan.example.go.id/pusat/blk-contoh/"
    )
    assert share.run_url(BASE_URL, ref) == PAGE + "#angkatan-2027-2"
    assert share.register_url(FORM_URL, ref) == (
        "https://daftar.example.go.id/daftar/blk-contoh/tata-boga/2027-2"
    )


def test_whatsapp_message(catalog):
    ref = catalog.find_run("blk-contoh/tata-boga/2027-1")
    url = share.whatsapp_url(ref, catalog, page_url=PAGE)
    prefix = "https://wa.me/?text="
    assert url.startswith(prefix)
    assert not set(url[len(prefix) :]) & set(" \n:/#&?")
    assert unquote(url[len(prefix) :]) == (
        "[CONTOH – data uji coba]\n"
        "Pelatihan gratis: Tata Boga untuk Usaha Rumahan\n"
        "Tempat pelatihan: BLK Contoh Kota Tangerang\n"
        "Jadwal: 1–22 Februari 2027\n"
        "Biaya: Gratis\n"
        "Daftar paling lambat: Jumat, 22 Januari 2027\n"
        "Info dan daftar: https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/"
    )


def test_whatsapp_message_for_a_run_at_a_venue_with_real_data(tmp_path):
    catalog = load_fixture(
        tmp_path, dataset="example: false\npublisher: Katalog Pelatihan Contoh\n"
    )
    ref = catalog.find_run("blk-contoh/tata-boga/2027-2")
    text = unquote(share.whatsapp_url(ref, catalog, page_url=PAGE + "#angkatan-2027-2"))
    assert text.removeprefix("https://wa.me/?text=").split("\n") == [
        "Pelatihan gratis: Tata Boga untuk Usaha Rumahan",
        "Tempat pelatihan: BLK Contoh Kota Tangerang",
        "Lokasi: Kantor Kelurahan Sukasari",
        "Jadwal: 3–28 Mei 2027",
        "Biaya: Gratis",
        "Daftar paling lambat: Jumat, 23 April 2027",
        "Info dan daftar: https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/"
        "#angkatan-2027-2",
    ]


def test_whatsapp_message_for_a_paid_course(tmp_path):
    catalog = load_fixture(tmp_path, course=COURSE_YML.replace("fee: 0", "fee: 150000"))
    ref = catalog.find_run("blk-contoh/tata-boga/2027-1")
    lines = share.share_text(ref, catalog, page_url=PAGE).split("\n")
    assert lines[1] == "Pelatihan kerja: Tata Boga untuk Usaha Rumahan"
    assert lines[4] == "Biaya: Rp150.000"
