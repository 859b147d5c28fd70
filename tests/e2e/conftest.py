"""Session fixtures for the real-browser tests: the built site, the running service, Chromium.

Once per session the shipped data (``courses/``) is built into a temporary folder with
``katalog build`` and served, together with the form, by ``katalog serve`` on a free port
with a fixed "today" (2026-11-23) and a temporary queue file. Playwright's sync API drives
Debian's Chromium (``/usr/bin/chromium``, never a downloaded browser).

Every test here is marked ``browser``. Without Chromium (or without Playwright) those tests are
skipped with a message that says how to install it; with ``KATALOG_REQUIRE_BROWSER=1`` (CI) the
skip becomes a failure.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date
from urllib.parse import urlsplit

import pytest

from tests.e2e.live import (
    DEFAULT_TIMEOUT_MS,
    REPO,
    SERVER_START_TIMEOUT,
    TODAY,
    Applicant,
    LiveSite,
    browser_missing,
    browser_time,
    find_applicant,
    free_port,
    http_status,
    katalog_command,
    katalog_env,
)


@pytest.fixture(scope="session")
def applicant() -> Applicant:
    return find_applicant()


@pytest.fixture(scope="session")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    reason = browser_missing()
    if reason is not None:  # the tests that use this are browser tests; don't build for nothing
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("e2e")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    site_dir = work / "site"
    queue_path = work / "var" / "queue.jsonl"
    queue_path.parent.mkdir()
    build = subprocess.run(
        [
            *katalog_command(),
            "build",
            "--out", str(site_dir),
            "--base-url", url,
            "--form-url", url.rstrip("/"),
            "--today", TODAY.isoformat(),
            "--cache", str(work / "cache"),
        ],
        cwd=REPO,
        env=katalog_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert build.returncode == 0, f"katalog build failed:\n{build.stdout}\n{build.stderr}"
    log_path = work / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                *katalog_command(),
                "serve",
                "--host", "127.0.0.1",
                "--port", str(port),
                "--site", str(site_dir),
                "--queue", str(queue_path),
                "--data", str(REPO / "courses"),
            ],
            cwd=REPO,
            env=katalog_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(f"katalog serve exited:\n{log_path.read_text()}", pytrace=False)
            try:
                if http_status(url + "healthz") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"katalog serve did not answer /healthz:\n{log_path.read_text()}", pytrace=False
                )
            time.sleep(0.1)
        yield LiveSite(url=url, site_dir=site_dir, queue_path=queue_path, work_dir=work)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# -- Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(live_site: LiveSite, chromium):  # type: ignore[no-untyped-def]
    """The session's Chromium (tests/conftest.py), once the live site is up."""
    return chromium


def _console_error(page, message) -> None:
    # A 404 or 422 page is logged as "Failed to load resource"; sub-resources are checked below.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        page.js_errors.append(f"{page.url}: console: {message.text}")


def _failed_subresource(page, response) -> None:
    if response.status >= 400 and response.request.resource_type != "document":
        page.js_errors.append(f"{page.url}: HTTP {response.status} for {response.url}")


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    """``new_page(width=1280, height=800, javascript=True, day=TODAY)`` -> a Page in a fresh
    context whose clock starts at 09:00 WIB on ``day``.

    Uncaught JavaScript errors, console errors and failed loads of scripts, styles, images
    etc. (not of the page itself) are collected in ``page.js_errors``.
    """
    contexts = []

    def make(width: int = 1280, height: int = 800, javascript: bool = True, day: date = TODAY):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            service_workers="block",
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.clock.set_system_time(browser_time(day))
        contexts.append(context)
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda error: page.js_errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: _console_error(page, message))
        page.on("response", lambda response: _failed_subresource(page, response))
        return page

    yield make
    for context in contexts:
        context.close()


RECEIPT_SERIAL = 90  # the NIK serial of the registration whose receipt the page checks show


@pytest.fixture(scope="session")
def receipt_path(browser, live_site: LiveSite, applicant: Applicant) -> str:
    """Site-relative path of a real receipt page (one registration made for the page checks)."""
    from tests.e2e.helpers import answers, fill_form

    context = browser.new_context()
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.clock.set_system_time(browser_time())
    try:
        page = context.new_page()
        page.goto(live_site.at(applicant.form_url))
        fill_form(page, answers(applicant, nik=applicant.nik(RECEIPT_SERIAL)))
        with page.expect_navigation():
            page.click("button[type=submit]#kirim")
        path = urlsplit(page.url).path
    finally:
        context.close()
    assert path.startswith("/daftar/terima/"), f"registration failed, ended on {path}"
    return path.lstrip("/")
