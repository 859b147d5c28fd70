"""Fixtures for the deployment tests: the static site built once, and nginx in front of
gunicorn started once per session (tests/deploy/stack.py). Every test here is marked
``deploy``: without Debian's nginx it is skipped with an install hint, and with
``KATALOG_REQUIRE_SERVICES=1`` (CI) that is a failure instead (tests/conftest.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.stack import REPO, VENV_BIN, Client, Stack
from tests.sample_data import write_courses
from tests.services import missing_for


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that start the servers are marked ``deploy``; the file checks need no nginx."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here) and "built_site" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.deploy)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``katalog build`` of the small test catalog (tests/sample_data.py)."""
    if missing_for("deploy") is not None:
        pytest.skip(missing_for("deploy"))
    work = tmp_path_factory.mktemp("deploy-site")
    courses = write_courses(work)
    site = work / "site"
    subprocess.run(
        [str(VENV_BIN / "katalog"), "build", "--data", str(courses), "--out", str(site),
         "--today", "2026-11-23", "--no-cache"],
        cwd=REPO, check=True, capture_output=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HOME": str(work)},
    )  # fmt: skip
    return site


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> Iterator[Stack]:
    running = Stack(tmp_path_factory.mktemp("deploy-stack"), built_site).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def client(stack: Stack) -> Client:
    """A client with a loopback address of its own (its own rate-limit bucket)."""
    return Client(stack)
