"""click's own messages (usage errors, help headings) are Indonesian in every `katalog`
command, and the compiled translation matches its source."""

from __future__ import annotations

from pathlib import Path

import click
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from click.testing import CliRunner

from catalog import cli_language
from katalog.main import cli


def click_messages() -> set[str]:
    """Every message click 8 marks for translation (singular forms)."""
    found = set()
    for source in sorted(Path(click.__file__).parent.glob("*.py")):
        with source.open("rb") as handle:
            for _line, message, _comments, _context in extract(
                "python", handle, keywords={"_": None, "ngettext": (1, 2)}
            ):
                found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_click_message_is_translated() -> None:
    with cli_language.PO_FILE.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalog
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    assert click_messages() - translated == set()


def test_the_compiled_catalog_matches_its_source() -> None:
    assert cli_language.MO_FILE.read_bytes() == cli_language.compile_catalog(), (
        "click.mo is stale: run .venv/bin/python -m catalog.cli_language"
    )


def test_a_mistyped_date_is_explained_in_indonesian() -> None:
    result = CliRunner().invoke(
        cli, ["queue", "purge", "--before", "01-01-2027"], prog_name="katalog"
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Cara pakai: katalog queue purge [PILIHAN]",
        "Lihat bantuan dengan: katalog queue purge --help",
        "",
        "Gagal: Nilai '--before' salah: '01-01-2027' bukan tanggal berbentuk TTTT-BB-HH, "
        "misalnya 2026-11-23.",
    ]


def test_unknown_options_and_commands_are_explained_in_indonesian() -> None:
    result = CliRunner().invoke(cli, ["queue", "stats", "--limit", "3"], prog_name="katalog")
    assert result.stderr.splitlines()[-1] == "Gagal: Tidak ada pilihan '--limit'."
    result = CliRunner().invoke(cli, ["bangun"], prog_name="katalog")
    assert result.stderr.splitlines()[-1] == "Gagal: Tidak ada perintah 'bangun'."


def test_help_headings_are_indonesian() -> None:
    for args in ([], ["check"], ["build"], ["serve"], ["queue"], ["queue", "export"]):
        result = CliRunner().invoke(cli, [*args, "--help"], prog_name="katalog")
        assert result.exit_code == 0
        assert result.stdout.startswith("Cara pakai: katalog")
        assert "\nPilihan:\n" in result.stdout
        assert "Tampilkan bantuan ini lalu keluar." in result.stdout
        assert "Usage:" not in result.stdout and "Show this message" not in result.stdout
        assert "[OPTIONS]" not in result.stdout and "COMMAND" not in result.stdout
