"""`katalog queue migrate --from BERKAS --to postgresql://...`: copy the file queue into PostgreSQL.

Every registration of the JSON Lines file is copied with its status events, exactly as stored
(:meth:`registrations.postgres.PostgresStore.import_registration`, ON CONFLICT DO NOTHING), so
the command can be run again (after a failure, or to pick up what arrived meanwhile) without
doubling anything. It prints what it read, what it copied now, what was already there and the
total in the database, and exits 1 when those do not add up.

Registered under ``katalog queue`` by :mod:`katalog.main` (``SUBCOMMANDS``).
"""

from __future__ import annotations

from pathlib import Path

import click

from catalog import cli_language
from form_service.db_cli import DATABASE_ENV, DbError, require_database_url

cli_language.install()


@click.command()
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="BERKAS",
    help="Berkas antrean JSON Lines yang disalin, misalnya var/queue.jsonl. Berkas ini tidak "
    "diubah.",
)
@click.option(
    "--to",
    "target",
    envvar=DATABASE_ENV,
    metavar="URL",
    help="Basis data tujuan, postgresql://... (strukturnya sudah diperbarui dengan "
    f"katalog db upgrade). Bawaan: variabel {DATABASE_ENV}.",
)
def migrate(source: Path, target: str | None) -> None:
    """Salin semua pendaftaran dan perubahan statusnya dari berkas antrean ke basis data
    PostgreSQL. Aman dijalankan ulang: yang sudah ada di basis data tidak digandakan."""
    from registrations.jsonl import JsonlStore
    from registrations.postgres import PostgresStore
    from registrations.store import StoreUnavailable

    url = require_database_url(target, "--to")
    if not source.is_file():
        raise DbError(f"berkas antrean tidak ditemukan: {source}")
    read = events_read = copied = events_copied = present = events_skipped = 0
    conflicts: list[str] = []
    queue = JsonlStore(source)
    store = PostgresStore(url, min_size=1, max_size=1)
    try:
        damaged = queue.damaged_count()
        for registration in queue.registrations():
            read += 1
            events_read += len(registration.events)
            try:
                inserted, events = store.import_registration(registration)
            except ValueError as conflict:
                conflicts.append(str(conflict))
                events_skipped += len(registration.events)
                continue
            events_copied += events
            if inserted:
                copied += 1
            else:
                present += 1
        total = sum(counts.total for counts in store.all_counts().values())
    except StoreUnavailable as error:
        raise DbError(f"{error} Sebagian bisa saja sudah tersalin; jalankan lagi nanti.") from None
    finally:
        store.close()
    events_present = events_read - events_copied - events_skipped
    click.echo(f"Dibaca dari berkas:      {read} pendaftaran, {events_read} perubahan status")
    click.echo(f"Disalin sekarang:        {copied} pendaftaran, {events_copied} perubahan status")
    click.echo(f"Sudah ada di basis data: {present} pendaftaran, {events_present} perubahan status")
    click.echo(f"Jumlah di basis data:    {total} pendaftaran")
    if damaged:
        click.echo(
            f"Peringatan: {damaged} baris rusak di berkas tidak ikut disalin. Jalankan: "
            "katalog queue verify",
            err=True,
        )
    for conflict in conflicts:
        click.echo(f"Tidak disalin: {conflict}", err=True)
    if conflicts or copied + present != read or total < read:
        raise DbError(
            f"jumlah tidak cocok: {read} dibaca, {copied} disalin, {present} sudah ada, "
            f"{len(conflicts)} tidak bisa disalin. Periksa pesan di atas lalu jalankan lagi."
        )
    click.echo("Selesai: semua pendaftaran di berkas ada di basis data.")
