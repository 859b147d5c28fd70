"""`katalog db upgrade` and `katalog queue migrate`: Indonesian output, safe to run twice."""

from __future__ import annotations

import psycopg
import pytest
from click.testing import CliRunner

from form_service.migrate_cli import migrate
from katalog.main import cli
from registrations.jsonl import JsonlStore
from registrations.postgres import PostgresStore
from registrations.schema import SCHEMA_VERSION
from registrations.status import Status
from registrations.store import Change
from tests.registrations.conftest import BOGA, JAHIT_MAY
from tests.services import free_port


def test_upgrade_needs_a_database_url(monkeypatch):
    monkeypatch.delenv("KATALOG_DATABASE_URL", raising=False)
    result = CliRunner().invoke(cli, ["db", "upgrade"])
    assert result.exit_code == 1
    assert result.output.startswith("Gagal: alamat basis data belum diisi")
    result = CliRunner().invoke(cli, ["db", "upgrade", "--database", "var/queue.jsonl"])
    assert result.exit_code == 1 and "postgresql://" in result.output


def test_upgrade_unreachable_database_is_one_sentence():
    url = f"postgresql://katalog:rahasia@127.0.0.1:{free_port()}/katalog"
    result = CliRunner().invoke(cli, ["db", "upgrade", "--database", url])
    assert result.exit_code == 1
    assert result.output.startswith("Gagal: basis data tidak bisa dihubungi")
    assert "rahasia" not in result.output and "Traceback" not in result.output


@pytest.mark.db
def test_upgrade_twice(database_url, monkeypatch):
    monkeypatch.setenv("KATALOG_DATABASE_URL", database_url)
    first = CliRunner().invoke(cli, ["db", "upgrade"])
    assert first.exit_code == 0, first.output
    assert f"Sekarang versi {SCHEMA_VERSION}" in first.output
    second = CliRunner().invoke(cli, ["db", "upgrade"])
    assert second.exit_code == 0, second.output
    assert "tidak ada yang diubah" in second.output
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_migrate_is_a_queue_command():
    from form_service.staff_cli import queue

    assert queue.commands["migrate"] is migrate
    result = CliRunner().invoke(cli, ["queue", "--help"])
    assert "migrate" in result.output


@pytest.mark.db
def test_migrate_copies_everything_once(pg_url, register, tmp_path):
    path = tmp_path / "queue.jsonl"
    source = JsonlStore(path)
    a = register(source, 1, BOGA)
    b = register(source, 2, BOGA)
    register(source, 3, JAHIT_MAY)
    source.record([Change(a.id, Status.INVITED, by="Petugas Contoh")])
    source.record([Change(a.id, Status.ACCEPTED, by="Petugas Contoh")])
    args = ["--from", str(path), "--to", pg_url]

    first = CliRunner().invoke(migrate, args)
    assert first.exit_code == 0, first.output
    assert "Dibaca dari berkas:      3 pendaftaran, 2 perubahan status" in first.output
    assert "Disalin sekarang:        3 pendaftaran, 2 perubahan status" in first.output
    assert "Jumlah di basis data:    3 pendaftaran" in first.output

    source.record([Change(b.id, Status.INVITED, by="Petugas Contoh")])  # arrived meanwhile
    second = CliRunner().invoke(migrate, args)
    assert second.exit_code == 0, second.output
    assert "Disalin sekarang:        0 pendaftaran, 1 perubahan status" in second.output
    assert "Sudah ada di basis data: 3 pendaftaran, 2 perubahan status" in second.output
    assert "Jumlah di basis data:    3 pendaftaran" in second.output

    with PostgresStore(pg_url) as store:
        assert [r for r in store.registrations()] == list(source.registrations())
        assert store.get(a.id).status is Status.ACCEPTED
        assert store.get(b.id).status is Status.INVITED
        assert list(store.problems()) == []


@pytest.mark.db
def test_migrate_stops_when_the_counts_do_not_add_up(pg_url, register, tmp_path):
    """The same NIK already registered for the run under another number in the database."""
    with PostgresStore(pg_url) as store:
        register(store, 1, BOGA)
    path = tmp_path / "queue.jsonl"
    source = JsonlStore(path)
    other = register(source, 1, BOGA)
    register(source, 2, BOGA)
    result = CliRunner().invoke(migrate, ["--from", str(path), "--to", pg_url])
    assert result.exit_code == 1
    assert f"Tidak disalin: nomor {other.id}" in result.output
    assert "Gagal: jumlah tidak cocok: 2 dibaca, 1 disalin, 0 sudah ada" in result.output
    assert "3671011708980001" not in result.output


def test_migrate_missing_file(tmp_path):
    result = CliRunner().invoke(
        migrate, ["--from", str(tmp_path / "tidak-ada.jsonl"), "--to", "postgresql://x@y/z"]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Gagal: berkas antrean tidak ditemukan")


def test_database_errors_in_plain_indonesian():
    from psycopg import errors as pg_errors

    from registrations.postgres import (
        MSG_DISK_FULL,
        MSG_DOWN,
        MSG_READ_ONLY,
        describe_database_error,
    )

    assert describe_database_error(pg_errors.DiskFull("no space")) == MSG_DISK_FULL
    assert describe_database_error(pg_errors.ReadOnlySqlTransaction("ro")) == MSG_READ_ONLY
    assert describe_database_error(pg_errors.AdminShutdown("bye")) == MSG_DOWN
