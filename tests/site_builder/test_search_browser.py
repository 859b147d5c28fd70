"""Search quality on the shipped data, in Chromium: Pagefind's own search API (pagefind.js)
against the shipped site built once. The 20 queries are what residents type; each expects the
given course page among the first five results (docs/pencarian.md keeps the list and figures)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import run_build

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
