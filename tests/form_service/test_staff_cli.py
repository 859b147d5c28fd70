"""`katalog queue`: help for clerks is Indonesian; the katalog entry point finds the group."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from form_service.staff_cli import queue

COMMANDS = ["stats", "export", "verify", "show", "purge"]


@pytest.mark.parametrize("args", [[], *([name] for name in COMMANDS)])
def test_help_is_indonesian(args):
    result = CliRunner().invoke(queue, [*args, "--help"])

    assert result.exit_code == 0
    assert "Tampilkan bantuan ini lalu keluar." in result.stdout
    assert "Show this message" not in result.stdout
    assert "[default:" not in result.stdout


def test_katalog_entry_point_maps_queue():
    from katalog.main import cli

    result = CliRunner().invoke(cli, ["queue", "--help"])

    assert result.exit_code == 0
    assert "Baca dan rawat antrean pendaftaran" in result.stdout
    for name in COMMANDS:
        assert f"  {name}  " in result.stdout
