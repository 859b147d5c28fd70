"""Bytes a phone downloads before its first search result, measured in Chromium.

Serves a built site on loopback, opens a course page at 360 px (its first load is not counted:
Pagefind is not part of it, `first_load` in build_scaling.py measures that page), then types a
query into the header search box and counts every file fetched until the results show:
pagefind.js, the WebAssembly, the entry file, the page list (``pf_meta``), the index chunk(s)
and one fragment per shown result. The header box's own script (assets/katalog/pencarian.js) is
part of every page's first load and is not counted here; neither are the filter files, which
the box fetches only when the resident opens "Saring hasil" (docs/pencarian.md).

Sizes are what goes over the wire with gzip: Pagefind's own index files (``.pf_*``) and its
WebAssembly are stored gzip-compressed already and count as they are; JS, CSS and JSON count as
gzip -6 of the file (nginx compresses them, deploy/nginx/katalog.conf). docs/pencarian.md uses
the same method.
"""

from __future__ import annotations

import gzip
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for tests/

from tests.static_server import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}
COMPRESSED = (".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment", ".pagefind")


def wire_bytes(path: Path) -> int:
    data = path.read_bytes()
    if path.name.endswith(COMPRESSED):
        return len(data)
    return len(gzip.compress(data, compresslevel=6))


def kind(name: str) -> str:
    for suffix, label in (
        ("pagefind-ui.js", "UI js"), ("pagefind-ui.css", "UI css"), ("pagefind.js", "pagefind.js"),
        ("pagefind-worker.js", "worker"), (".pagefind", "wasm"), ("pagefind-entry.json", "entry"),
        (".pf_meta", "meta"), (".pf_index", "index chunks"), (".pf_filter", "filters"),
        (".pf_fragment", "fragments"),
    ):  # fmt: skip
        if name.endswith(suffix):
            return label
    return "other"


def first_search(site: Path, course_page: str, query: str) -> tuple[int, dict[str, int], int]:
    """(total gzip bytes, bytes by kind, number of results shown) for one query typed into the
    header box of ``course_page`` (site-relative URL) in ``site``."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport=PHONE)
            page.goto(base + course_page, wait_until="networkidle")
            fetched: list[str] = []
            page.on("request", lambda r: fetched.append(r.url))
            box = page.locator("#pencarian-q")
            box.click()
            box.press_sequentially(query, delay=20)
            # pencarian.js adds a page of results at once, when all their fragments are in.
            page.wait_for_selector("#pencarian-hasil .pencarian-hasil__judul", timeout=120_000)
            page.wait_for_load_state("networkidle")
            shown = page.locator("#pencarian-hasil .pencarian-hasil__judul").count()
        finally:
            browser.close()
    by_kind: dict[str, int] = {}
    for url in dict.fromkeys(fetched):  # each file once: the browser caches repeats
        path = urllib.parse.urlsplit(url).path
        if not path.startswith("/pagefind/"):
            continue
        name = urllib.parse.unquote(path).lstrip("/")
        by_kind[kind(name)] = by_kind.get(kind(name), 0) + wire_bytes(site / name)
    return sum(by_kind.values()), by_kind, shown
