"""The course page as a resident sees it (golden-style checks on the fixture catalog)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from catalog.eligibility import describe, documents

from .conftest import FORM_URL, BuiltSite
from .pagefind_index import indexed_pages
from .pagequery import Element, parse

pytestmark = pytest.mark.slow

COURSE = "kursus/blk-contoh/tata-boga/"


@pytest.fixture(scope="module")
def course(built_site: BuiltSite) -> Element:
    return parse(built_site.page(COURSE))


def row(course: Element, run_id: str) -> Element:
    return course.find("tr", cls="run", id=f"angkatan-{run_id}")


def test_title_is_escaped_and_key_facts_are_shown(course: Element) -> None:
    assert course.find("h1").text == "Tata Boga & Kue *Rumahan*"
    facts = course.find("dl", cls="course-facts").text
    assert "Biaya Gratis" in facts
    assert "Lama pelatihan 15 hari kerja, 7 jam sehari (seluruhnya 105 jam)" in facts
    assert "Cara belajar Tatap muka" in facts
    assert "Sertifikat Sertifikat kompetensi BNSP (skema: Juru Masak)" in facts
    assert "Seleksi Wawancara" in facts
    topics = [li.text for li in next_after(course, "materi", "ul").find_all("li")]
    assert topics == ["Kebersihan dapur", "Menu usaha rumahan <harga hemat>"]


def next_after(page: Element, anchor: str, tag: str) -> Element:
    """The first ``tag`` after the element with id ``anchor``, among its siblings."""
    for parent in [page, *page.find_all()]:
        ids = [child.get("id") for child in parent.children]
        if anchor in ids:
            later = parent.children[ids.index(anchor) + 1 :]
            return next(child for child in later if child.tag == tag)
    raise AssertionError(f"no #{anchor}")


def test_summary_and_places_are_plain_text_that_search_finds(
    course: Element, built_site: BuiltSite
) -> None:
    assert course.find("p", cls="course-summary").text == "Belajar memasak menu yang laku dijual."
    places = [li.text for li in next_after(course, "tempat", "ul").find_all("li")]
    assert places == [
        "BLK Contoh Kota Tangerang, Jl. Contoh No. 1, Kelurahan Sukarasa, Kecamatan Tangerang, "
        "Kota Tangerang, Banten",
        "Kantor Kelurahan Keroncong, Kelurahan Keroncong, Kecamatan Jatiuwung, Kota Tangerang, "
        "Banten",
    ]
    text = indexed_pages(built_site.site)[COURSE]["content"]
    for words in ("laku dijual", "Sukarasa", "Jatiuwung", "Keroncong", "Menu usaha rumahan"):
        assert words in text, words


def test_who_may_apply_uses_the_rules_the_form_enforces(
    course: Element, built_site: BuiltSite
) -> None:
    ref = built_site.catalog.find_course("blk-contoh", "tata-boga")
    assert ref is not None
    rules = ref.course.eligibility
    shown = [li.text for li in course.find("ul", cls="eligibility").find_all("li")]
    assert shown == describe(rules, built_site.catalog.regions)
    assert shown == [
        "Berusia 18 sampai 45 tahun saat pelatihan dimulai.",
        "Alamat di KTP berada di Kota Tangerang, Banten.",
        "Peserta harus terdaftar di DTKS/DTSEN (data keluarga kurang mampu); diisi sendiri di "
        "formulir dan diperiksa petugas.",
        "Pendidikan terakhir paling rendah SMP/sederajat.",
    ]
    docs = [li.text for li in course.find("ul", cls="documents").find_all("li")]
    assert docs == documents(rules)


def test_benefits_starter_package_and_organiser(course: Element) -> None:
    benefits = [li.text for li in course.find("ul", cls="benefits").find_all("li")]
    assert benefits == [
        "Sertifikat kompetensi BNSP (skema: Juru Masak)",
        "Modul",
        "Makan siang",
        "Toolkit memasak",
        "Paket usaha untuk 3 peserta terbaik: Paket peralatan usaha",
    ]
    organiser = course.find("h2", id="penyelenggara")
    assert organiser.text == "Penyelenggara"
    html_text = " ".join(p.text for p in course.find_all("p"))
    assert "Diselenggarakan oleh Dinas Sosial Kota Tangerang di BLK Contoh Kota Tangerang." in (
        html_text
    )
    assert "Bekerja sama dengan Dinas Ketenagakerjaan Kota Tangerang." in html_text


def test_open_run_has_a_daftar_button_to_the_exact_form_url(course: Element) -> None:
    open_row = row(course, "2027-1")
    assert open_row.get("data-status") == "dibuka"
    assert open_row.get("data-opens") == "2026-11-16"
    assert open_row.get("data-closes") == "2027-01-22"
    assert open_row.get("data-end") == "2027-02-22"  # 15 working days, with holidays
    assert open_row.find("span", cls="run-status").text == "Pendaftaran dibuka"
    button = open_row.find("a", cls="daftar-button")
    assert button.text == "Daftar"
    assert button.get("href") == f"{FORM_URL}/daftar/blk-contoh/tata-boga/2027-1"
    assert button.get("data-run-id") == "blk-contoh/tata-boga/2027-1"
    assert "hidden" not in button.attrs
    assert open_row.find("span", cls="run-applicants").text == "45 pendaftar untuk 20 kursi"
    assert "20 peserta" in open_row.find("td", data_label="Kuota").text
    assert "Daftar paling lambat Jumat, 22 Januari 2027." in open_row.text
    assert "1–22 Februari 2027" in open_row.text


def test_upcoming_run_has_a_hidden_button_for_the_live_script(course: Element) -> None:
    upcoming = row(course, "2027-2")
    assert upcoming.get("data-status") == "akan-dibuka"
    assert upcoming.find("span", cls="run-status").text == "Pendaftaran segera dibuka"
    button = upcoming.find("a", cls="daftar-button")
    assert "hidden" in button.attrs
    assert "Pendaftaran dibuka Senin, 22 Maret 2027." in upcoming.text
    assert "Senin–Jumat, 08.00–15.00 WIB" in upcoming.text
    place = upcoming.find("td", data_label="Tempat")
    assert "Kantor Kelurahan Keroncong" in place.text
    assert "Kelurahan Keroncong, Kecamatan Jatiuwung, Kota Tangerang" in place.text


def test_finished_run_has_no_button_and_no_share_links(course: Element) -> None:
    finished = row(course, "2026-1")
    assert finished.find("span", cls="run-status").text == "Pelatihan selesai"
    assert finished.find_all("a", cls="daftar-button") == []
    assert finished.find_all("a", cls="share-whatsapp") == []


def test_share_calendar_poster_and_map_links(course: Element) -> None:
    open_row = row(course, "2027-1")
    share = open_row.find("a", cls="share-whatsapp").get("href") or ""
    assert share.startswith("https://wa.me/?text=")
    assert "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/#angkatan-2027-1" in (
        unquote(share)
    )
    ics = open_row.find("a", cls="add-calendar")
    assert ics.text == "Tambahkan ke kalender"
    assert ics.get("href") == "../../../kalender/blk-contoh/tata-boga/2027-1.ics"
    poster = open_row.find("a", cls="poster-link")
    assert poster.get("href") == "../../../poster/blk-contoh/tata-boga/2027-1.html"
    maps = open_row.find("a", cls="map-link").get("href")
    assert maps == (
        "https://www.openstreetmap.org/search?query=Jl.+Contoh+No.+1%2C+Sukarasa%2C+Tangerang"
        "%2C+Kota+Tangerang"
    )


def test_course_page_has_json_ld_in_head(built_site: BuiltSite) -> None:
    html = built_site.page(COURSE)
    head = html[: html.index("</head>")]
    assert '<script type="application/ld+json">' in head
    assert '{"@context":"https://schema.org","@type":"Course",' in head


def test_closed_run_of_another_course(built_site: BuiltSite) -> None:
    page = parse(built_site.page("kursus/blk-contoh/menjahit/"))
    closed = page.find("tr", cls="run", id="angkatan-2026-2")
    assert closed.find("span", cls="run-status").text == "Pendaftaran ditutup"
    assert closed.find_all("a", cls="daftar-button") == []
    # Its registration is over: no message asking to register by a date that has passed.
    assert closed.find_all("a", cls="share-whatsapp") == []
    assert closed.find("a", cls="add-calendar").text == "Tambahkan ke kalender"
    facts = page.find("dl", cls="course-facts").text
    assert "Cara belajar Campuran (tatap muka dan daring)" in facts
    assert "Seleksi Urutan pendaftaran (siapa cepat dia dapat)" in facts
    assert [li.text for li in page.find("ul", cls="eligibility").find_all("li")] == [
        "Berusia paling sedikit 17 tahun saat pelatihan dimulai.",
        "Terbuka untuk warga dari mana saja.",
    ]


def test_course_page_says_who_to_contact(course: Element, built_site: BuiltSite) -> None:
    heading = course.find("h2", id="kontak")
    assert heading.text == "Kontak"
    items = [li.text for li in next_after(course, "kontak", "ul").find_all("li")]
    assert items == ["WhatsApp: +6281200000001", "Surel: blk@example.go.id"]
    whatsapp = next_after(course, "kontak", "ul").find_all("a")[0]
    assert whatsapp.get("href") == "https://wa.me/6281200000001"
    # A center with no contact: the course page says where to ask instead.
    other = parse(built_site.page("kursus/lpks-contoh/tata-rias/"))
    note = other.find("p", cls="contact-note").text
    assert note == (
        "Kontak belum tercantum. Tanyakan ke Dinas Tenaga Kerja dan Transmigrasi Kota Serang "
        "atau kantor kelurahan/desa setempat."
    )
