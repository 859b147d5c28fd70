"""The course list's filters (/pelatihan/) in Chromium at 360 px, with and without JavaScript:
"filter the course list to free online courses and share the link"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 640
VISIBLE = """() => [...document.querySelectorAll('ul.course-list > li.course-card')]
    .filter(li => !li.hidden).map(li => li.querySelector('a').getAttribute('href'))"""


def test_free_online_courses_and_the_shared_link(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("pelatihan/"))
    total = page.locator("ul.course-list > li.course-card").count()
    assert total == 86
    page.select_option("#saring-biaya", "gratis")
    page.select_option("#saring-mode", "daring")
    assert page.url.endswith("pelatihan/?mode=daring&biaya=gratis")
    shown = page.evaluate(VISIBLE)
    assert 0 < len(shown) < total
    assert page.locator(".saring-n").inner_text() == str(len(shown))
    for card in page.locator("ul.course-list > li.course-card:visible").all():
        assert card.get_attribute("data-mode") == "daring"
        assert card.get_attribute("data-biaya") == "gratis"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
    # Someone opens the shared link: the same list, the same choices.
    other = new_page(WIDTH, HEIGHT)
    other.goto(page.url)
    assert other.evaluate(VISIBLE) == shown
    assert other.input_value("#saring-mode") == "daring"
    assert other.input_value("#saring-biaya") == "gratis"
    # "Hapus saringan" shows everything again and clears the address.
    other.click(".saring-hapus")
    assert len(other.evaluate(VISIBLE)) == total
    assert other.url.endswith("/pelatihan/")
    assert page.js_errors == [] and other.js_errors == []


def test_status_and_where_i_live(new_page, live_site) -> None:
    """Open welding courses a resident of Kecamatan Jatiuwung may join by address."""
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("pelatihan/?kejuruan=las&tinggal=367102&status=dibuka"))
    shown = page.evaluate(VISIBLE)
    assert "../kursus/kelurahan-gandasari/las/" in shown
    assert "../kursus/kelurahan-kunciran/las/" not in shown  # Kunciran is in Pinang
    for card in page.locator("ul.course-list > li.course-card:visible").all():
        assert card.locator(".run").get_attribute("data-status") == "dibuka"
    page.select_option("#saring-kelompok", "perempuan")  # no women's course in the data
    assert page.evaluate(VISIBLE) == []
    assert page.locator(".saring-kosong").is_visible()


def test_without_javascript_the_whole_list_and_links(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT, javascript=False)
    page.goto(live_site.at("pelatihan/?mode=daring&biaya=gratis"))
    assert page.locator("#saring").is_hidden()
    assert len(page.evaluate(VISIBLE)) == 86
    assert page.locator(".saring-tanpa-js a", has_text="kejuruan").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH + 1
