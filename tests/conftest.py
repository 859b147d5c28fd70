"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.live import CHROMIUM, CHROMIUM_ARGS, browser_missing
from tests.sample_data import write_courses
from tests.services import missing_for, require_services


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``browser`` are skipped, with the reason, where Chromium or Playwright is
    missing; with ``KATALOG_REQUIRE_BROWSER=1`` (CI) that is a failure instead. Tests marked
    ``db`` or ``deploy`` likewise need Debian's servers, ``zensical`` the Zensical command (``KATALOG_REQUIRE_SERVICES=1``)."""
    for marker in ("db", "deploy", "zensical"):
        if item.get_closest_marker(marker) is None:
            continue
        reason = missing_for(marker)
        if reason is None:
            continue
        if require_services():
            pytest.fail(
                f"KATALOG_REQUIRE_SERVICES=1 but the {marker} tests cannot run: {reason}",
                pytrace=False,
            )
        pytest.skip(reason)
    if item.get_closest_marker("browser") is None:
        return
    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get("KATALOG_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"KATALOG_REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}", pytrace=False
        )
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """Debian's Chromium through Playwright's sync API, once per test session: Playwright refuses
    a second sync API instance in the same process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def courses_dir(tmp_path: Path) -> Path:
    return write_courses(tmp_path)


# --- servers ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator:
    """One PostgreSQL for the whole session, stopped and removed at its end."""
    from tests.services.postgres import PostgresServer

    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="session")
def redis_server() -> Iterator:
    from tests.services.redis import RedisServer

    with RedisServer() as server:
        yield server


@pytest.fixture
def database_url(postgres_server) -> Iterator[str]:
    """A fresh, empty database for this test only (dropped afterwards)."""
    name = f"test_{secrets.token_hex(6)}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


@pytest.fixture
def pg_url(database_url: str) -> str:
    """A fresh database with the current schema."""
    from registrations.schema import upgrade

    upgrade(database_url)
    return database_url
