"""The course list's filters (/pelatihan/) on the shipped data (86 courses: two pages of 50) in
Chromium at 360 px, with and without JavaScript: "filter the course list to free online courses
and share the link", "find a course that is on the second page"."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 640
RESULTS = "ul.saring-daftar > li.course-card"
OWN = ".saring-halaman ul.course-list > li.course-card"
LINKS = """(selector) => [...document.querySelectorAll(selector)]
    .map(li => li.querySelector('a').getAttribute('href'))"""
MAKE_UP = "kursus/disnaker-kota-tangerang/make-up-artist/"  # 55th in the list: page 2


def chunk_courses(live_site) -> list[dict]:  # type: ignore[no-untyped-def]
    path = live_site.site_dir / "pelatihan" / "data" / "1.json"
    return json.loads(path.read_text(encoding="utf-8"))["courses"]


def finished(page) -> str:  # type: ignore[no-untyped-def]
    done = page.locator(".saring-selesai")
    done.wait_for(state="visible")
    return done.inner_text()


def test_free_online_courses_and_the_shared_link(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("pelatihan/"))
    assert page.locator(OWN).count() == 50
    assert page.locator(".saring-semua").inner_text() == "Semua 86 pelatihan."
    page.select_option("#saring-biaya", "gratis")
    page.select_option("#saring-mode", "daring")
    assert page.url.endswith("pelatihan/?mode=daring&biaya=gratis")
    expected = [
        "../" + c["url"]
        for c in chunk_courses(live_site)
        if c["filters"]["mode"] == "daring" and c["filters"]["biaya"] == "gratis"
    ]
    assert finished(page) == f"{len(expected)} dari 86 pelatihan cocok."
    assert page.evaluate(LINKS, RESULTS) == expected
    assert 0 < len(expected) < 50  # all on one screenful of results
    assert page.locator(".saring-halaman").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
    # Someone opens the shared link: the same list, the same choices.
    other = new_page(WIDTH, HEIGHT)
    other.goto(page.url)
    finished(other)
    assert other.evaluate(LINKS, RESULTS) == expected
    assert other.input_value("#saring-mode") == "daring"
    assert other.input_value("#saring-biaya") == "gratis"
    # "Hapus saringan" shows the page's own list again and clears the address.
    other.click(".saring-hapus")
    assert other.locator(OWN).first.is_visible()
    assert other.locator(".saring-hasil").is_hidden()
    assert other.url.endswith("/pelatihan/")
    assert page.js_errors == [] and other.js_errors == []


def test_a_course_on_the_second_page_is_found_from_the_first(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("pelatihan/"))
    assert "../" + MAKE_UP not in page.evaluate(LINKS, OWN)
    page.select_option("#saring-kejuruan", "tata-rias")
    page.select_option("#saring-kelompok", "dtks")
    assert finished(page) == "1 dari 86 pelatihan cocok."
    assert page.evaluate(LINKS, RESULTS) == ["../" + MAKE_UP]
    # The card reads as the one on page 2 (same macro, same data), today's status included.
    card = page.locator(RESULTS).first.inner_text()
    second = new_page(WIDTH, HEIGHT)
    second.goto(live_site.at("pelatihan/halaman/2/"))
    assert second.locator(f'{OWN}:has(a[href="../../../{MAKE_UP}"])').inner_text() == card
    page.locator(RESULTS).first.locator("a").click()
    assert page.url == live_site.at(MAKE_UP)
    assert page.js_errors == [] and second.js_errors == []


def test_status_and_where_i_live(new_page, live_site) -> None:
    """Open welding courses a resident of Kecamatan Jatiuwung may join by address."""
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("pelatihan/?kejuruan=las&tinggal=367102&status=dibuka"))
    finished(page)
    shown = page.evaluate(LINKS, RESULTS)
    assert "../kursus/kelurahan-gandasari/las/" in shown
    assert "../kursus/kelurahan-kunciran/las/" not in shown  # Kunciran is in Pinang
    for card in page.locator(RESULTS).all():
        assert card.locator(".run").get_attribute("data-status") == "dibuka"
        assert card.locator(".run-status").inner_text() == "Pendaftaran dibuka"
    page.select_option("#saring-kelompok", "perempuan")  # no women's course in the data
    assert finished(page) == "0 dari 86 pelatihan cocok."
    assert page.evaluate(LINKS, RESULTS) == []
    assert page.locator(".saring-kosong").is_visible()


def test_a_filter_set_on_the_second_page(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("pelatihan/halaman/2/"))
    page.select_option("#saring-mode", "campuran")
    finished(page)
    assert page.url == live_site.at("pelatihan/halaman/2/?mode=campuran")
    links = page.evaluate(LINKS, RESULTS)
    expected = [c["url"] for c in chunk_courses(live_site) if c["filters"]["mode"] == "campuran"]
    assert links == ["../../../" + url for url in expected]
    page.locator(RESULTS).first.locator("a").click()
    assert page.url == live_site.at(expected[0])
    page.go_back()
    finished(page)
    page.click(".saring-hapus")
    assert page.url == live_site.at("pelatihan/halaman/2/")
    assert page.locator(OWN).count() == 36
    assert page.js_errors == []


def test_without_javascript_pages_and_links(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT, javascript=False)
    page.goto(live_site.at("pelatihan/?mode=daring&biaya=gratis"))
    assert page.locator("#saring").is_hidden()
    assert page.locator(OWN).count() == 50
    assert page.locator(".halaman-posisi").inner_text() == (
        "Halaman 1 dari 2: pelatihan 1–50 dari 86."
    )
    assert page.locator(".saring-tanpa-js a", has_text="kejuruan").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
    page.get_by_role("link", name="Berikutnya").click()
    assert page.url == live_site.at("pelatihan/halaman/2/")
    assert page.locator(".halaman-posisi").inner_text() == (
        "Halaman 2 dari 2: pelatihan 51–86 dari 86."
    )
    assert page.locator(OWN).count() == 36
    assert page.locator(f'{OWN} a[href="../../../{MAKE_UP}"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
    page.get_by_role("link", name="Halaman 1", exact=True).click()
    assert page.url == live_site.at("pelatihan/")
    page.get_by_role("link", name="Halaman 2", exact=True).click()
    page.get_by_role("link", name="Sebelumnya").click()
    assert page.url == live_site.at("pelatihan/")
