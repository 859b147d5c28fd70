"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sample_data import write_courses


@pytest.fixture
def courses_dir(tmp_path: Path) -> Path:
    return write_courses(tmp_path)
