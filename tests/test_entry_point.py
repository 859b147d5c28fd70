"""`python -m katalog` and `python -m katalog.main` run the same command as `katalog`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("module", ["katalog", "katalog.main"])
def test_module_runs_the_command(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", module, "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Cara pakai:" in done.stdout
    assert "build" in done.stdout and "check" in done.stdout
