"""Home, center, kejuruan, kecamatan, calendar, about and 404 pages of the fixture site."""

from __future__ import annotations

import json

import pytest

from site_builder import urls

from .conftest import BuiltSite
from .pagefind_index import indexed_pages
from .pagequery import parse

pytestmark = pytest.mark.slow


def test_example_banner_on_every_page(built_site: BuiltSite) -> None:
    for url in ("", "kursus/blk-contoh/tata-boga/", "pusat/lpks-contoh/", "kalender/", "404.html"):
        banner = parse(built_site.page(url)).find("p", cls="example-banner")
        assert banner.text == "Data contoh. Jadwal di sini adalah CONTOH untuk uji coba."


def test_home_lists_open_and_soon_runs_and_every_kejuruan(built_site: BuiltSite) -> None:
    home = parse(built_site.page(""))
    assert home.find("html").get("lang") == "id"
    assert home.find("label", cls="home-search").get("for") == "pencarian-q"
    assert home.find("input", id="pencarian-q").get("name") == "q"
    lists = home.find_all("ul", cls="run-list")
    open_ids = [li.get("data-run-id") for li in lists[0].find_all("li", cls="run")]
    assert open_ids == ["blk-contoh/tata-boga/2027-1"]
    soon_ids = [li.get("data-run-id") for li in lists[1].find_all("li", cls="run")]
    # registration opening soon, nearest first
    assert soon_ids == ["lpks-contoh/tata-rias/2027-1", "blk-contoh/tata-boga/2027-2"]
    soon_note = lists[1].find_all("li", cls="run")[0].find("span", cls="run-item__note").text
    assert soon_note == "Pendaftaran dibuka Selasa, 1 Desember 2026"
    dates = lists[1].find_all("li", cls="run")[0].find("span", cls="run-item__dates").text
    assert dates == "Pelatihan 11–22 Januari 2027"
    first = lists[0].find("a", cls="run-item__title")
    assert first.get("href") == "kursus/blk-contoh/tata-boga/#angkatan-2027-1"
    cards = [li.text for li in home.find("ul", cls="kejuruan-grid").find_all("li")]
    assert cards == [
        "Menjahit 1 pelatihan",
        "Pengelasan 0 pelatihan",
        "Tata Boga 1 pelatihan",
        "Tata Rias & Kecantikan 1 pelatihan",
    ]


def test_center_page(built_site: BuiltSite) -> None:
    page = parse(built_site.page("pusat/blk-contoh/"))
    facts = page.find("dl", cls="center-facts").text
    assert "Jenis Balai Latihan Kerja (BLK)" in facts
    assert "Instansi pembina Dinas Ketenagakerjaan Kota Tangerang" in facts
    assert "Akreditasi Terakreditasi B oleh LA-LPK (2024)" in facts
    place = page.find("p", cls="place")
    assert "Jl. Contoh No. 1" in place.text
    assert place.find("a", cls="map-link").get("href") == (
        "https://www.openstreetmap.org/search?query=Jl.+Contoh+No.+1%2C+Sukarasa%2C+Tangerang"
        "%2C+Kota+Tangerang"
    )
    contact = [li.text for li in page.find("ul", cls="contact").find_all("li")]
    assert contact == ["WhatsApp: +6281200000001", "Surel: blk@example.go.id"]
    courses = [a.text for a in page.find_all("a", cls="course-card__title")]
    assert courses == ["Menjahit Busana", "Tata Boga & Kue *Rumahan*"]


def test_center_without_contact_says_whom_to_ask(built_site: BuiltSite) -> None:
    page = parse(built_site.page("pusat/lpks-contoh/"))
    assert "Kontak belum tercantum." in page.find("article").text
    assert "Jenis Lembaga Pelatihan Kerja Swasta (LPKS)" in page.find("dl").text


def test_kejuruan_pages(built_site: BuiltSite) -> None:
    page = parse(built_site.page("kejuruan/tata-boga/"))
    assert page.find("h1").text == "Tata Boga"
    card = page.find("li", cls="course-card")
    assert card.find("a").get("href") == "../../kursus/blk-contoh/tata-boga/"
    assert card.find("span", cls="run-status").text == "Pendaftaran dibuka"
    empty = parse(built_site.page("kejuruan/las/"))
    assert empty.find("p", cls="empty").text == "Belum ada pelatihan untuk kejuruan ini."


def test_kecamatan_pages_follow_the_run_venue(built_site: BuiltSite) -> None:
    """Tata Boga's run 2027-2 is held in Keroncong (Kec. Jatiuwung), away from its center."""
    jatiuwung = parse(built_site.page("kecamatan/367102-jatiuwung/"))
    assert jatiuwung.find("h1").text == "Kecamatan Jatiuwung"
    titles = [a.text for a in jatiuwung.find_all("a", cls="course-card__title")]
    assert titles == ["Tata Boga & Kue *Rumahan*"]
    tangerang = parse(built_site.page("kecamatan/367101-tangerang/"))
    titles = [a.text for a in tangerang.find_all("a", cls="course-card__title")]
    assert titles == ["Menjahit Busana", "Tata Boga & Kue *Rumahan*"]
    centers = [a.text for a in tangerang.find("ul", cls="center-list").find_all("a")]
    assert centers == ["BLK Contoh Kota Tangerang"]
    index = parse(built_site.page("kecamatan/")).find("article").text
    assert "Kota Tangerang" in index and "Kota Serang" in index


def test_calendar_groups_unfinished_runs_by_month(built_site: BuiltSite) -> None:
    page = parse(built_site.page("kalender/"))
    months = [h.text for h in page.find_all("h2")]
    assert months == ["November 2026", "Januari 2027", "Februari 2027", "Mei 2027"]
    assert page.find("h2", id="bulan-2027-05") is not None
    assert "1 angkatan sudah selesai dan tidak ditampilkan." in page.find("article").text


def test_about_page_explains_privacy(built_site: BuiltSite) -> None:
    text = parse(built_site.page("tentang/")).find("article").text
    assert "tidak menyimpan kuki (cookie)" in text
    assert "Diterbitkan oleh Katalog Pelatihan Contoh." in text
    assert "hanya untuk memeriksa syarat, menyeleksi peserta" in text
    links = parse(built_site.page("tentang/")).find_all("a")
    privacy = [a for a in links if a.text == "pemberitahuan privasi pada formulir"]
    assert [a.get("href") for a in privacy] == ["https://daftar.example.go.id/daftar/privasi"]


def test_404_page_is_indonesian_and_links_home(built_site: BuiltSite) -> None:
    page = parse(built_site.page("404.html"))
    assert page.find("h1").text == "Halaman tidak ditemukan"
    home = page.find("a", cls="md-button")
    assert home.text == "Kembali ke Beranda"
    assert home.get("href") == "/"


def test_search_index_has_titles_but_not_tables(built_site: BuiltSite) -> None:
    pages = indexed_pages(built_site.site)
    text = json.dumps(pages, ensure_ascii=False)
    assert "Menu usaha rumahan" in text
    assert "Tambahkan ke kalender" not in text
    assert "kursus/blk-contoh/tata-boga/" in pages
    assert not any(url.startswith("kalender/") for url in pages)


def test_machine_files_are_published(built_site: BuiltSite) -> None:
    site = built_site.site
    for rel in ("katalog.json", "katalog.csv", "katalog.schema.json", "capaian.json",
                "capaian.csv", "kalender/semua.ics",
                "kalender/blk-contoh/tata-boga/2027-1.ics",
                "poster/blk-contoh/tata-boga/2027-1.html"):  # fmt: skip
        assert (site / rel).is_file(), rel
    assert "sitemap.xml" in {p.name for p in site.iterdir()}


def test_sitemap_lists_every_course_and_center_page(built_site: BuiltSite) -> None:
    sitemap = (built_site.site / "sitemap.xml").read_text(encoding="utf-8")
    base = "https://pelatihan.example.go.id/"
    for ref in built_site.catalog.courses():
        assert f"<loc>{base}kursus/{ref.center.id}/{ref.course.id}/</loc>" in sitemap
    for center_id in built_site.catalog.centers:
        assert f"<loc>{base}pusat/{center_id}/</loc>" in sitemap


def test_open_data_guide_is_a_page_linked_from_home_and_about(built_site: BuiltSite) -> None:
    page = parse(built_site.page("data-terbuka/"))
    assert page.find("h1").text == "Data terbuka"
    files = [(a.text, a.get("href")) for a in page.find("p", cls="downloads").find_all("a")]
    assert files == [
        ("katalog.json", "../katalog.json"),
        ("katalog.csv", "../katalog.csv"),
        ("katalog.schema.json", "../katalog.schema.json"),
        ("capaian.json", "../capaian.json"),
        ("capaian.csv", "../capaian.csv"),
    ]
    warnings = page.find_all("div", cls="admonition")
    assert [w.find("p", cls="admonition-title").text for w in warnings] == [
        "Periksa example_data",
        "Periksa example_results",
    ]
    headings = [h.text for h in page.find_all("h3")]
    assert "runs (angkatan)" in headings and "courses (kursus)" in headings
    home = parse(built_site.page("")).find("a", href="data-terbuka/")
    assert home.text == "panduan data terbuka"
    about = parse(built_site.page("tentang/")).find("a", href="../data-terbuka/")
    assert about.text == "panduan data terbuka"
    # Search indexes course pages only; the guide is found through those links and the sitemap.
    assert "data-terbuka/" not in indexed_pages(built_site.site)
    sitemap = (built_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://pelatihan.example.go.id/data-terbuka/</loc>" in sitemap


def test_every_kecamatan_and_kelurahan_of_the_three_regions_has_a_page(
    built_site: BuiltSite,
) -> None:
    regions = built_site.catalog.regions
    districts = [d for r in ("3603", "3671", "3673") for d in regions.children(r)]
    villages = [v for d in districts for v in regions.children(d.code)]
    assert len(districts) == 48 and len(villages) > 400
    for district in districts:
        assert (built_site.site / urls.kecamatan(district) / "index.html").is_file(), district
    for village in villages:
        assert (built_site.site / urls.kelurahan(village) / "index.html").is_file(), village


def test_a_kelurahan_page_lists_what_its_residents_may_join(built_site: BuiltSite) -> None:
    """Tata Boga is only for KTP addresses in Kota Tangerang; the other two are for anyone."""
    page = parse(built_site.page("kelurahan/3671011001-sukarasa/"))
    assert page.find("h1").text == "Kelurahan Sukarasa"
    headings = [h.text for h in page.find_all("h2")]
    assert headings[:2] == ["Khusus warga wilayah ini", "Terbuka untuk warga dari mana saja"]
    lists = page.find_all("ul", cls="course-list")
    assert [a.text for a in lists[0].find_all("a", cls="course-card__title")] == [
        "Tata Boga & Kue *Rumahan*"
    ]
    # open registration first, then the one opening soon, then the closed one
    assert [a.text for a in lists[1].find_all("a", cls="course-card__title")] == [
        "Tata Rias Pengantin",
        "Menjahit Busana",
    ]
    card = lists[0].find("li", cls="course-card")
    assert card.find("span", cls="run-status").text == "Pendaftaran dibuka"
    assert card.find("span", cls="run-item__note").text == (
        "Daftar paling lambat Jumat, 22 Januari 2027"
    )
    # In Kabupaten Tangerang, with no center in the kecamatan: the open courses only.
    desa = parse(built_site.page("kelurahan/3603012003-cangkudu/"))
    assert desa.find("h1").text == "Desa Cangkudu"
    empty = desa.find("p", cls="empty").text
    assert empty == "Belum ada pelatihan khusus untuk warga wilayah ini."
    titles = [a.text for a in desa.find_all("a", cls="course-card__title")]
    assert titles == ["Tata Rias Pengantin", "Menjahit Busana"]
    kecamatan = parse(built_site.page("kecamatan/360301-balaraja/"))
    villages = {
        a.text: a.get("href") for a in kecamatan.find("ul", cls="village-list").find_all("a")
    }
    assert villages["Desa Cangkudu"] == "../../kelurahan/3603012003-cangkudu/"
