"""The form in a real browser (Debian's Chromium through Playwright): a double tap on the submit
button sends the form once, and the form still works with JavaScript turned off.

Skipped (with the reason) when Playwright or Chromium is missing, like tests/e2e; a failure
instead with KATALOG_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from registrations.jsonl import JsonlStore
from tests.form_service.app_fixtures import BOGA, valid_answers

pytestmark = pytest.mark.browser  # Chromium comes from tests/conftest.py


class SlowPosts:
    """WSGI middleware: counts the POSTs that reach the app and makes each take a while, as on a
    slow mobile network, so a second tap lands while the first is still under way."""

    def __init__(self, app, delay: float) -> None:
        self.app = app
        self.delay = delay
        self.posts = 0

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            self.posts += 1
            time.sleep(self.delay)
        return self.app(environ, start_response)


@pytest.fixture
def served(make_app) -> Iterator[tuple[str, SlowPosts, str]]:
    app = make_app()
    counter = SlowPosts(app.wsgi_app, delay=0.5)
    app.wsgi_app = counter
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", counter, app.config["QUEUE_PATH"]
    finally:
        server.shutdown()
        thread.join(timeout=5)


def fill_form(page) -> None:
    answers = valid_answers()
    for name in ("full_name", "nik", "birth_date", "phone", "address"):
        page.fill(f"#{name}", answers[name])
    for name in ("village", "education", "employment_status"):
        page.select_option(f"#{name}", answers[name])
    page.check("#gender")  # first option: L
    page.check("#dtks")  # first option: ya
    page.check("#consent")


def records(path: str) -> list:
    return list(JsonlStore(Path(path)).registrations())


def test_double_tap_on_submit_sends_the_form_once(served, chromium):
    url, counter, queue_path = served
    page = chromium.new_page()
    page.goto(url + BOGA)
    fill_form(page)
    box = page.locator("#kirim").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(250)  # the second tap, while the first request is still under way
    page.mouse.click(x, y)
    page.wait_for_selector("#registration-number")
    assert "Pendaftaran tercatat" in page.content()
    assert counter.posts == 1
    assert len(records(queue_path)) == 1


def test_form_works_without_javascript(served, chromium):
    url, counter, queue_path = served
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + BOGA)
    fill_form(page)
    page.click("#kirim")
    page.wait_for_url("**/daftar/terima/KP-*")
    assert page.text_content("#registration-status") == "Terdaftar"
    assert counter.posts == 1
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_applicant_reads_their_status_on_a_phone(served, chromium, javascript):
    """Register, then in a fresh browser (another phone) look the status up with the number and
    the birth date; a wrong birth date gets the neutral answer. 360 px wide."""
    url, _counter, _queue_path = served
    page = chromium.new_page(viewport={"width": 360, "height": 740})
    page.goto(url + BOGA)
    fill_form(page)
    page.click("#kirim")
    page.wait_for_selector("#registration-number")
    number = page.text_content("#registration-number").strip()
    page.click("#status-link")
    page.close()

    context = chromium.new_context(
        java_script_enabled=javascript, viewport={"width": 360, "height": 740}
    )
    phone = context.new_page()
    phone.goto(url + "/daftar/status")
    phone.fill("#number", number.lower())
    phone.fill("#birth_date", "18-08-1995")
    phone.click("#lihat-status")
    assert "tidak cocok" in phone.text_content("#status-notice")
    assert phone.input_value("#number") == number.lower()  # typed values kept
    phone.fill("#birth_date", "17-08-1995")
    phone.click("#lihat-status")
    assert phone.text_content("#status-label").strip() == "Terdaftar"
    assert "Tata Boga" in phone.content()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # no sideways scrolling on a small phone
    context.close()
