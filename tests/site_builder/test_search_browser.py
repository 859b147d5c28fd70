"""Search on the shipped data, in Chromium, against the shipped site built once: Pagefind's own
search API (pagefind.js), then the header search box (the catalog's own results over that API,
assets/katalog/pencarian.js) at 360 px, with and without JavaScript. The 20 queries are what residents type; each expects the given course page among the
first five results (docs/pencarian.md keeps the list and figures)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.load import require_catalog
from tests.static_server import serve

from .conftest import TODAY, run_build
from .pagequery import parse

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SHIPPED = Path(__file__).resolve().parents[2] / "courses"
TOP = 5

QUERIES = {
    "barista": "kursus/kelurahan-sukarasa/barista/",
    "las": "kursus/blk-komunitas-kresek/las/",
    "menjahit": "kursus/blk-komunitas-cisoka/menjahit/",
    "komputer": "kursus/blk-komunitas-cisoka/teknologi-informasi/",
    "latihan las": "kursus/disnaker-kota-tangerang/las/",
    "pelatihan menjahit": "kursus/blk-komunitas-rajeg/menjahit/",
    "Kresek": "kursus/blk-komunitas-kresek/otomotif/",
    "Cipondoh": "kursus/kelurahan-cipondoh-indah/barista/",
    "BLK Komunitas Cisoka": "kursus/blk-komunitas-cisoka/menjahit/",
    "tata boga": "kursus/dinsos-kota-tangerang/tata-boga/",
    "otomotif": "kursus/blk-komunitas-kresek/otomotif/",
    "DTKS": "kursus/dinsos-kota-tangerang/tata-boga/",
    "DTSEN": "kursus/dinsos-kota-tangerang/barbershop/",
    "servis motor": "kursus/disnaker-kota-tangerang/servis-motor/",
    "kue": "kursus/lpks-tata-boga-dekorasi-cipocok-jaya/tata-boga/",
    "tata rias": "kursus/lpks-kecantikan-serang/tata-rias-wajah/",
    "sablon": "kursus/kelurahan-sukarasa/sablon/",
    "membatik": "kursus/kelurahan-paninggilan/membatik/",
    "fotografi": "kursus/kelurahan-sukarasa/fotografi-videografi/",
    "barbershop": "kursus/dinsos-kota-tangerang/barbershop/",
}

SEARCH = """async (query) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const found = await pagefind.search(query);
  const top = await Promise.all(found.results.slice(0, TOP).map((r) => r.data()));
  return {count: found.results.length, top: top.map((d) => ({url: d.url, meta: d.meta}))};
}""".replace("TOP", str(TOP))


@pytest.fixture(scope="module")
def shipped_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("shipped-search")
    (root / "courses").symlink_to(SHIPPED, target_is_directory=True)
    result = run_build(root, root / "site")
    assert result.exit_code == 0, result.output
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def search(chromium, shipped_url):  # type: ignore[no-untyped-def]
    page = chromium.new_page()
    page.goto(shipped_url + "tentang/")
    yield lambda query: page.evaluate(SEARCH, query)
    page.close()


def test_twenty_resident_queries_find_their_course(search) -> None:  # type: ignore[no-untyped-def]
    missed = {}
    for query, expected in QUERIES.items():
        urls = [r["url"] for r in search(query)["top"]]
        if "/" + expected not in urls:
            missed[query] = urls
    assert missed == {}
    assert len(QUERIES) == 20


def test_results_tell_courses_apart(search) -> None:  # type: ignore[no-untyped-def]
    """Five "Barista" results differ by center, kecamatan and dates."""
    top = search("barista")["top"]
    assert {r["meta"]["title"] for r in top} == {"Barista"}
    assert len({(r["meta"]["pusat"], r["meta"]["kecamatan"]) for r in top}) == len(top) == TOP
    assert all(r["meta"]["jadwal"] and r["meta"]["status"].startswith("Pendaftaran") for r in top)


def test_latihan_and_pelatihan_find_the_same_courses(search) -> None:  # type: ignore[no-untyped-def]
    """Pagefind's Indonesian stemmer takes the pe- prefix off: both words stem alike."""
    latihan, pelatihan = search("latihan"), search("pelatihan")
    assert latihan["count"] == pelatihan["count"] > 0
    assert latihan["top"] == pelatihan["top"]


def test_announcements_are_not_indexed(search) -> None:  # type: ignore[no-untyped-def]
    for query in ("pengumuman", "hasil seleksi", "poster"):
        urls = [r["url"] for r in search(query)["top"]]
        assert all(url.startswith("/kursus/") for url in urls), (query, urls)


# -- The header search box, as a resident on a 360 px phone uses it ---------------------------

PHONE = {"width": 360, "height": 740}
STATUS = "#pencarian-hasil .pencarian-hasil__jumlah"
SHOWN = f'document.querySelector("{STATUS}").textContent'
RESULT = "#pencarian-hasil .pencarian-hasil__satu"


def expected_meta(url: str) -> dict[str, str]:
    """What the course page says a result shows (its data-pagefind-meta elements)."""
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (a loopback URL of this test)
        page = parse(answer.read().decode("utf-8"))
    return {
        el.get("data-pagefind-meta") or "": el.text
        for el in page.find_all()
        if el.get("data-pagefind-meta")
    }


@pytest.fixture
def phone(chromium):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=PHONE)
    yield context
    context.close()


def found(count: int, query: str) -> str:
    return f"{count} pelatihan ditemukan untuk “{query}”"


def wait_for_status(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(f"({SHOWN}) === {json.dumps(text)}")


def type_in_header_box(page, query: str) -> None:  # type: ignore[no-untyped-def]
    """Types like a resident; returns once the results of these words show (the status line
    changes when they do)."""
    box = page.locator("#pencarian-q")
    box.fill("")
    box.click()
    box.press_sequentially(query, delay=10)
    page.wait_for_function(f"({SHOWN}).includes({json.dumps('“' + query + '”')})")


def shown_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    """The visible lines under a result's title, in order."""
    lines = result.locator(".pencarian-hasil__meta > li")
    return [lines.nth(i).inner_text() for i in range(lines.count()) if lines.nth(i).is_visible()]


def test_the_header_box_shows_each_course_with_its_center_and_kecamatan(  # type: ignore[no-untyped-def]
    phone, shipped_url
) -> None:
    """All 20 resident queries, typed into the header box: the expected course is among the
    first results, and the result itself shows its center, kecamatan, next dates and status,
    in that order."""
    page = phone.new_page()
    page.goto(shipped_url + "tentang/")
    missed = {}
    for query, expected in QUERIES.items():
        type_in_header_box(page, query)
        assert page.locator(STATUS).inner_text().endswith(f"untuk “{query}”"), query
        result = page.locator(RESULT, has=page.locator(f"a[href='/{expected}']"))
        if not result.count():
            missed[query] = page.locator(f"{RESULT} a").all_inner_texts()
            continue
        assert result.is_visible(), query
        meta = expected_meta(shipped_url + expected)
        assert result.locator("a").inner_text() == page_title(shipped_url + expected), query
        assert shown_lines(result) == [
            f"Pusat: {meta['pusat']}",
            f"Kecamatan: {meta['kecamatan']}",
            f"Jadwal: {meta['jadwal']}",
            f"Status: {meta['status']}",
        ], query
    assert missed == {}


def page_title(url: str) -> str:
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (a loopback URL of this test)
        page = parse(answer.read().decode("utf-8"))
    return page.find("h1").text.strip()


def test_a_query_without_results_says_what_to_try(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto(shipped_url + "tentang/")
    type_in_header_box(page, "xilofon")
    assert page.locator(STATUS).inner_text() == (
        "Tidak ada pelatihan yang cocok dengan “xilofon”. Coba kata lain atau hapus saringan."
    )
    assert page.locator(RESULT).count() == 0
    assert page.locator(STATUS).get_attribute("role") == "status"


def open_filters(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#pencarian-saring summary").click()
    page.locator("#pencarian-saring .pencarian-saring__isi").wait_for(state="visible")


def test_filters_narrow_the_results_in_indonesian(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto(shipped_url)
    type_in_header_box(page, "barista")
    assert page.locator(STATUS).inner_text() == found(7, "barista")
    assert page.locator("#pencarian-saring summary").inner_text() == "Saring hasil"
    open_filters(page)
    names = page.locator("#pencarian-saring label").all_inner_texts()
    assert names == [
        "Kejuruan",
        "Kecamatan tempat pelatihan",
        "Status pendaftaran",
        "Cara belajar",
        "Khusus untuk kelompok",
    ]
    # Results and filters fit the phone's width: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    panel = page.locator("#pencarian-hasil").bounding_box()
    assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
    # Each value says how many results of these words it has.
    assert "Ciledug (1)" in page.locator("#pencarian-tempat option").all_inner_texts()
    page.select_option("#pencarian-tempat", "Ciledug")
    wait_for_status(page, found(1, "barista"))
    assert shown_lines(page.locator(RESULT))[1] == "Kecamatan: Ciledug"
    page.locator("#pencarian-saring button", has_text="Hapus saringan").click()
    wait_for_status(page, found(7, "barista"))


def test_filters_are_fetched_only_when_saring_hasil_is_opened(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(shipped_url + "tentang/")
    type_in_header_box(page, "barista")
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if "/pagefind/index/" in url]  # the search did run
    assert not [url for url in requested if "/pagefind/filter/" in url]
    open_filters(page)
    filters = [url for url in requested if "/pagefind/filter/" in url]
    assert len(filters) == 5  # one file per filter (Pagefind splits a filter at many values)


def test_the_address_keeps_the_query_and_the_filters(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto(shipped_url + "tentang/")
    type_in_header_box(page, "barista")
    assert page.url == shipped_url + "tentang/?q=barista"
    open_filters(page)
    page.select_option("#pencarian-mode", "Tatap muka")
    page.select_option("#pencarian-tempat", "Ciledug")
    wait_for_status(page, found(1, "barista"))
    assert page.url == shipped_url + "tentang/?q=barista&mode=Tatap+muka&tempat=Ciledug"

    # Opening that address elsewhere shows the same results, with the filters chosen.
    shared = phone.new_page()
    shared.goto(page.url)
    wait_for_status(shared, found(1, "barista"))
    assert shared.locator("#pencarian-q").input_value() == "barista"
    assert shared.locator("#pencarian-tempat").input_value() == "Ciledug"
    assert shared.locator("#pencarian-mode").input_value() == "Tatap muka"
    assert (
        shared.locator(RESULT + " a").get_attribute("href")
        == "/kursus/kelurahan-paninggilan/barista/"
    )

    # Closing the search takes it out of the address.
    shared.locator("#pencarian-hasil button", has_text="Tutup pencarian").click()
    assert shared.locator("#pencarian-hasil").is_hidden()
    assert shared.url == shipped_url + "tentang/"


def test_an_address_with_an_unknown_filter_value_drops_it(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto(shipped_url + "pelatihan/?q=barista&tempat=Atlantis")
    wait_for_status(page, found(7, "barista"))
    assert page.locator("#pencarian-tempat").input_value() == ""
    assert page.url == shipped_url + "pelatihan/?q=barista"


def test_tampilkan_lebih_banyak_shows_the_next_results(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if ".pf_fragment" in r.url else None)
    page.goto(shipped_url + "tentang/")
    type_in_header_box(page, "barista")
    page.wait_for_load_state("networkidle")
    more = page.locator("#pencarian-hasil button", has_text="Tampilkan lebih banyak")
    assert page.locator(RESULT).count() == 5
    assert len(fragments) == 5  # only the shown results' fragments
    more.click()
    page.wait_for_function(f"document.querySelectorAll('{RESULT}').length === 7")
    assert more.is_hidden()  # all 7 are shown
    assert len(set(fragments)) == 7
    # The focus goes to the first new result, so a keyboard or screen reader continues there.
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == page.locator(RESULT + " a").nth(5).get_attribute("href")


def test_escape_closes_the_results_and_returns_to_the_box(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto(shipped_url + "tentang/")
    type_in_header_box(page, "las")
    page.keyboard.press("Escape")
    assert page.locator("#pencarian-hasil").is_hidden()
    assert page.evaluate("document.activeElement.id") == "pencarian-q"


def test_pagefind_loads_only_when_the_box_is_used(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(shipped_url + "kursus/blk-komunitas-kresek/las/", wait_until="networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
    with page.expect_request(shipped_url + "pagefind/pagefind.js"):
        page.locator("#pencarian-q").focus()
    type_in_header_box(page, "las")
    # Pagefind's own UI and its worker are not used: the box is the catalog's own.
    assert not [url for url in requested if "pagefind-ui" in url or "worker" in url]


def test_without_javascript_the_box_leads_to_every_course(chromium, shipped_url) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(shipped_url + "kursus/blk-komunitas-kresek/las/")
        page.locator("#pencarian-q").fill("las")
        with page.expect_navigation():
            page.locator("#pencarian-q").press("Enter")
        assert page.url == shipped_url + "pelatihan/?q=las"
        # The list of every course, page by page (50 a page; docs/publikasi.md).
        courses = len(list(require_catalog(SHIPPED, today=TODAY).courses()))
        assert page.locator("li.course-card").count() == min(courses, 50)
        pages = -(-courses // 50)
        if pages > 1:
            assert page.locator(".halaman-keterangan").inner_text() == f"Halaman 1 dari {pages}"
        hint = page.locator("noscript").first.inner_text()
        assert "Pencarian kata memerlukan JavaScript" in hint
    finally:
        context.close()
