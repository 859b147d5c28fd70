"""`katalog db ...`: the PostgreSQL database of the registrations (when the queue lives there).

``katalog db upgrade`` applies the numbered SQL files of :mod:`registrations.schema` that the
database lacks. It is safe to run twice and from several servers at once (an advisory lock
makes the others wait; they then find nothing to do). The database is named by ``--database``
or ``KATALOG_DATABASE_URL``. Output and errors are plain Indonesian; the URL is never printed
(it may hold a password).
"""

from __future__ import annotations

from typing import IO, Any

import click

from catalog import cli_language
from registrations.store import is_database_url

cli_language.install()  # click's own messages in Indonesian

DATABASE_ENV = "KATALOG_DATABASE_URL"


class DbError(click.ClickException):
    """Printed as "Gagal: ..." on stderr, exit code 1, no traceback."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Gagal: {self.format_message()}", err=True, file=file)


def database_option(function):
    return click.option(
        "--database",
        "database_url",
        envvar=DATABASE_ENV,
        metavar="URL",
        help="Alamat basis data PostgreSQL, seperti postgresql://katalog@localhost/katalog. "
        f"Bawaan: variabel {DATABASE_ENV}.",
    )(function)


def require_database_url(url: str | None, option: str = "--database") -> str:
    if not url:
        raise DbError(
            f"alamat basis data belum diisi. Pakai {option} postgresql://... atau variabel "
            f"{DATABASE_ENV}."
        )
    if not is_database_url(url):
        raise DbError(
            f"alamat basis data harus diawali postgresql:// (periksa {option} atau variabel "
            f"{DATABASE_ENV})."
        )
    return url


def describe_error(error: Exception) -> str:
    """One Indonesian sentence for a psycopg error (never the URL, never SQL values)."""
    import psycopg
    from psycopg import errors as pg_errors

    if isinstance(error, pg_errors.InsufficientPrivilege):
        return (
            "akun basis data tidak punya izin mengubah struktur basis data. Jalankan dengan "
            "akun pemilik basis data."
        )
    if isinstance(error, pg_errors.ReadOnlySqlTransaction):
        return "basis data sedang hanya bisa dibaca; struktur tidak bisa diperbarui."
    if isinstance(error, psycopg.OperationalError):
        return (
            "basis data tidak bisa dihubungi. Periksa alamat, nama pengguna, kata sandi, dan "
            "apakah server PostgreSQL berjalan."
        )
    if isinstance(error, psycopg.ProgrammingError) and not getattr(error, "sqlstate", None):
        return "alamat basis data tidak bisa dibaca. Periksa penulisannya (postgresql://...)."
    code = getattr(error, "sqlstate", None) or "tidak diketahui"
    return (
        f"pembaruan struktur basis data gagal (kode {code}); versi yang gagal tidak diterapkan. "
        "Hubungi pengembang."
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def db() -> None:
    """Rawat basis data pendaftaran PostgreSQL (dipakai bila antrean pendaftaran disimpan di
    basis data, bukan di berkas)."""


@db.command()
@database_option
def upgrade(database_url: str | None) -> None:
    """Perbarui struktur basis data ke versi program ini. Aman dijalankan berulang kali dan
    dari beberapa server sekaligus: yang sudah diterapkan tidak diulang."""
    import psycopg

    from registrations.schema import SCHEMA_VERSION
    from registrations.schema import upgrade as upgrade_schema

    url = require_database_url(database_url)
    try:
        applied = upgrade_schema(url)
    except psycopg.Error as error:
        raise DbError(describe_error(error)) from None
    if applied:
        versions = ", ".join(str(v) for v in applied)
        click.echo(
            f"Struktur basis data diperbarui: versi {versions} diterapkan. "
            f"Sekarang versi {SCHEMA_VERSION}."
        )
    else:
        click.echo(
            f"Struktur basis data sudah versi terbaru ({SCHEMA_VERSION}); tidak ada yang diubah."
        )
