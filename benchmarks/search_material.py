"""One-off measurement: Material's built-in (lunr) search on the 20 resident queries of
tests/site_builder/test_search_browser.py, in Chromium, against a site built by `katalog build`
(docs/pencarian.md has the figures). The catalog no longer builds Material's index: this needs a
site built with `plugins: [search]` in mkdocs.yml (as before the Pagefind header box). Usage:
    PYTHONPATH=. python benchmarks/search_material.py SITE_FOLDER
"""

import functools
import http.server
import sys
import threading

from playwright.sync_api import sync_playwright

from tests.site_builder.test_search_browser import QUERIES

site = sys.argv[1]


class Q(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Q, directory=site))
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{srv.server_port}/"
hits = 0
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium")
    page = b.new_page(viewport={"width": 1200, "height": 900})
    page.goto(base + "tentang/")
    page.wait_for_timeout(1500)  # the search worker loads its index
    for q, expected in QUERIES.items():
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        box.press_sequentially(q, delay=20)
        page.wait_for_timeout(1000)
        links = page.eval_on_selector_all(
            ".md-search-result__list a", "els => els.map(e => new URL(e.href).pathname)"
        )[:5]
        ok = "/" + expected in links
        hits += ok
        print(("HIT " if ok else "MISS"), q, links)
        page.keyboard.press("Escape")
    b.close()
print("Material hits", hits, "of", len(QUERIES))
srv.shutdown()
srv.server_close()
