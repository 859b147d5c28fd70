"""/pelatihan/ split into small pages and chunks, in Chromium at 360 px: the fixture catalog (three
courses) built with one course per page and one per chunk, so that the filters must read three
chunks and the list has three pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from site_builder.build import BuildOptions, build_site
from tests.e2e.live import browser_time
from tests.static_server import serve

from .conftest import TODAY, write_courses

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 360, "height": 640}
RESULTS = "ul.saring-daftar > li.course-card"
OWN = ".saring-halaman ul.course-list > li.course-card"
LINKS = """(selector) => [...document.querySelectorAll(selector)]
    .map(li => li.querySelector('a').getAttribute('href'))"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("paged-browser")
    options = BuildOptions(
        data_dir=write_courses(root),
        out=root / "site",
        today=TODAY,
        list_page_size=1,
        list_chunk_size=1,
    )
    build_site(options)
    with serve(root / "site") as url:
        yield url


@pytest.fixture
def phone(chromium):  # type: ignore[no-untyped-def]
    """``phone(javascript=True)`` -> a page at 360 px whose clock is the build day."""
    contexts = []

    def make(javascript: bool = True):  # type: ignore[no-untyped-def]
        context = chromium.new_context(viewport=PHONE, java_script_enabled=javascript)
        context.clock.set_system_time(browser_time(TODAY))
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


def test_first_matches_show_before_the_other_chunks_arrive(phone, site_url) -> None:  # type: ignore[no-untyped-def]
    page = phone()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    held = []
    page.route("**/pelatihan/data/2.json", lambda route: held.append(route))  # answered later
    page.goto(site_url + "pelatihan/?kejuruan=tata-boga")
    checking = page.locator(".saring-memeriksa")
    checking.wait_for(state="visible")
    assert checking.inner_text() == "Memeriksa 1 dari 3 pelatihan… 1 cocok sejauh ini."
    assert page.evaluate(LINKS, RESULTS) == ["../kursus/blk-contoh/tata-boga/"]
    assert [u for u in requested if "/data/" in u] == [
        site_url + "pelatihan/data/1.json",
        site_url + "pelatihan/data/2.json",
    ]
    assert page.locator(".saring-kosong").is_hidden()
    held[0].continue_()
    done = page.locator(".saring-selesai")
    done.wait_for(state="visible")
    assert done.inner_text() == "1 dari 3 pelatihan cocok."
    assert checking.is_hidden()
    assert site_url + "pelatihan/data/3.json" in requested
    assert page.errors == []


def test_filter_finds_the_course_of_the_last_page_from_another_page(phone, site_url) -> None:  # type: ignore[no-untyped-def]
    page = phone()
    page.goto(site_url + "pelatihan/halaman/2/")
    assert page.evaluate(LINKS, OWN) == ["../../../kursus/lpks-contoh/tata-rias/"]
    page.select_option("#saring-mode", "campuran")  # only Menjahit, on page 3 and in chunk 3
    page.locator(".saring-selesai").wait_for(state="visible")
    assert page.locator(".saring-selesai").inner_text() == "1 dari 3 pelatihan cocok."
    assert page.evaluate(LINKS, RESULTS) == ["../../../kursus/blk-contoh/menjahit/"]
    assert page.url == site_url + "pelatihan/halaman/2/?mode=campuran"
    # The same choices on the first page give the same list.
    shared = phone()
    shared.goto(site_url + "pelatihan/?mode=campuran")
    shared.locator(".saring-selesai").wait_for(state="visible")
    assert shared.evaluate(LINKS, RESULTS) == ["../kursus/blk-contoh/menjahit/"]
    assert shared.input_value("#saring-mode") == "campuran"
    # The card is the one page 3 shows.
    card = shared.locator(RESULTS).first.inner_text()
    third = phone()
    third.goto(site_url + "pelatihan/halaman/3/")
    assert third.locator(OWN).first.inner_text() == card
    assert page.errors == [] and shared.errors == [] and third.errors == []


def test_more_results_than_a_page_come_a_page_at_a_time(phone, site_url) -> None:  # type: ignore[no-untyped-def]
    page = phone()
    page.goto(site_url + "pelatihan/?biaya=gratis")
    page.locator(".saring-selesai").wait_for(state="visible")
    assert page.locator(".saring-selesai").inner_text() == "3 dari 3 pelatihan cocok."
    assert page.evaluate(LINKS, RESULTS) == ["../kursus/blk-contoh/tata-boga/"]
    more = page.get_by_role("button", name="Tampilkan 1 pelatihan berikutnya")
    more.click()
    more.click()
    assert page.evaluate(LINKS, RESULTS) == [
        "../kursus/blk-contoh/tata-boga/",
        "../kursus/lpks-contoh/tata-rias/",
        "../kursus/blk-contoh/menjahit/",
    ]
    assert more.is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_a_chunk_that_does_not_load_is_said(phone, site_url) -> None:  # type: ignore[no-untyped-def]
    page = phone()
    page.route("**/pelatihan/data/3.json", lambda route: route.abort())
    page.goto(site_url + "pelatihan/?biaya=gratis")
    broken = page.locator(".saring-gagal")
    broken.wait_for(state="visible")
    assert broken.inner_text().startswith("Sebagian data pelatihan tidak dapat dimuat")
    assert page.locator(".saring-memeriksa").is_hidden()
    assert page.evaluate(LINKS, RESULTS) == ["../kursus/blk-contoh/tata-boga/"]


def test_without_javascript_every_page_by_its_links(phone, site_url) -> None:  # type: ignore[no-untyped-def]
    page = phone(javascript=False)
    page.goto(site_url + "pelatihan/?biaya=gratis")
    assert page.locator("#saring").is_hidden()
    seen = []
    for number in (1, 2, 3):
        assert page.locator(".halaman-keterangan").inner_text() == f"Halaman {number} dari 3"
        seen += page.evaluate(LINKS, OWN)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        if number < 3:
            page.get_by_role("link", name="Berikutnya").click()
    assert page.get_by_role("link", name="Berikutnya").count() == 0
    assert seen == [
        "../kursus/blk-contoh/tata-boga/",
        "../../../kursus/lpks-contoh/tata-rias/",
        "../../../kursus/blk-contoh/menjahit/",
    ]
    page.get_by_role("link", name="Halaman 1", exact=True).click()
    assert page.url == site_url + "pelatihan/"
