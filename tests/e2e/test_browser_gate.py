"""Without Chromium the browser tests skip with install advice; KATALOG_REQUIRE_BROWSER=1 fails."""

from __future__ import annotations

import pytest

from tests import conftest
from tests.e2e import live


class FakeItem:
    def __init__(self, browser: bool) -> None:
        self.browser = browser

    def get_closest_marker(self, name: str):
        return object() if name == "browser" and self.browser else None


@pytest.fixture
def no_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(live, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.delenv("KATALOG_REQUIRE_BROWSER", raising=False)


def test_missing_chromium_skips_with_install_advice(no_chromium):
    with pytest.raises(pytest.skip.Exception) as skipped:
        conftest.pytest_runtest_setup(FakeItem(browser=True))
    assert "apt-get install chromium" in str(skipped.value)


def test_missing_chromium_fails_when_a_browser_is_required(no_chromium, monkeypatch):
    monkeypatch.setenv("KATALOG_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        conftest.pytest_runtest_setup(FakeItem(browser=True))
    assert "KATALOG_REQUIRE_BROWSER=1" in str(failed.value)
    assert "apt-get install chromium" in str(failed.value)


def test_tests_without_the_marker_are_left_alone(no_chromium, monkeypatch):
    monkeypatch.setenv("KATALOG_REQUIRE_BROWSER", "1")
    conftest.pytest_runtest_setup(FakeItem(browser=False))
