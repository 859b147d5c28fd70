"""Search on the shipped data, in Chromium, against the shipped site built once: Pagefind's own
search API (pagefind.js), then the header search box (Pagefind's UI) at 360 px, with and without
JavaScript. The 20 queries are what residents type; each expects the given course page among the
first five results (docs/pencarian.md keeps the list and figures)."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalog.load import require_catalog

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def shipped_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("shipped-search")
    (root / "courses").symlink_to(SHIPPED, target_is_directory=True)
    result = run_build(root, root / "site")
    assert result.exit_code == 0, result.output
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


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
SHOWN = 'document.querySelector("#pencarian-hasil .pagefind-ui__message")?.textContent || ""'


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


def type_in_header_box(page, query: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#pencarian-q")
    box.fill("")
    box.click()
    box.press_sequentially(query, delay=10)
    page.wait_for_function(f"({SHOWN}).endsWith({json.dumps(' untuk ' + query)})")
    # Each result's title and tags arrive after the count; until then it is a placeholder.
    page.wait_for_function("!document.querySelector('#pencarian-hasil .pagefind-ui__loading')")


def test_the_header_box_shows_each_course_with_its_center_and_kecamatan(  # type: ignore[no-untyped-def]
    phone, shipped_url
) -> None:
    """All 20 resident queries, typed into the header box: the expected course is among the
    first results, and the result itself shows its center, kecamatan, next dates and status."""
    page = phone.new_page()
    page.goto(shipped_url + "tentang/")
    missed = {}
    for query, expected in QUERIES.items():
        type_in_header_box(page, query)
        result = page.locator(".pagefind-ui__result", has=page.locator(f"a[href='/{expected}']"))
        if not result.count():
            missed[query] = page.locator(".pagefind-ui__result-link").all_inner_texts()
            continue
        assert result.is_visible(), query
        tags = result.locator(".pagefind-ui__result-tag").all_inner_texts()
        meta = expected_meta(shipped_url + expected)
        assert tags[:2] == [f"Pusat: {meta['pusat']}", f"Kecamatan: {meta['kecamatan']}"], query
        assert f"Jadwal: {meta['jadwal']}" in tags and f"Status: {meta['status']}" in tags, query
    assert missed == {}


def test_filters_narrow_the_results_in_indonesian(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto(shipped_url)
    type_in_header_box(page, "barista")
    panel = page.locator("#pencarian-hasil")
    # Pagefind's UI adds the filters one by one after the results: wait for all five.
    page.wait_for_function(
        "document.querySelectorAll('#pencarian-hasil .pagefind-ui__filter-name').length >= 5"
    )
    names = panel.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert [n.strip() for n in names] == [
        "Cara belajar",
        "Kecamatan",
        "Kejuruan",
        "Kelompok",
        "Status",
    ]
    panel.locator(".pagefind-ui__filter-name", has_text="Kecamatan").click()
    panel.locator("label.pagefind-ui__filter-label", has_text="Ciledug").click()
    page.wait_for_function(f"({SHOWN}).startsWith('Ditemukan 1 hasil')")
    tags = panel.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert "Kecamatan: Ciledug" in tags


def test_pagefind_loads_only_when_the_box_is_used(phone, shipped_url) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(shipped_url + "kursus/blk-komunitas-kresek/las/", wait_until="networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
    page.locator("#pencarian-q").focus()
    page.wait_for_function("typeof window.PagefindUI === 'function'")
    assert shipped_url + "pagefind/pagefind-ui.js" in requested


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
