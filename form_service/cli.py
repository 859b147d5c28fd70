"""``katalog serve``: the built site and the form on one port, for local use and demos."""

from __future__ import annotations

import logging
import re
import secrets
from pathlib import Path

import click

from catalog import cli_language
from form_service.config import ConfigError, env_config

cli_language.install()  # click's own messages in Indonesian

_QUERY = re.compile(r"\?\S*")


class _PathsOnly(logging.Filter):
    """Keep query strings out of the request log: the log must hold paths only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple) and isinstance(record.args[0], str):
            record.args = (_QUERY.sub("", record.args[0]), *record.args[1:])
        return True


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--host",
    metavar="ALAMAT",
    default="127.0.0.1",
    show_default=True,
    help="Alamat yang didengarkan.",
)
@click.option(
    "--port", metavar="ANGKA", default=8000, show_default=True, type=int, help="Nomor port."
)
@click.option(
    "--site",
    "site_dir",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder situs hasil `katalog build`.",
)
@click.option(
    "--queue",
    "queue_path",
    metavar="BERKAS",
    default=None,
    help="Berkas antrean pendaftaran (bawaan: KATALOG_QUEUE_PATH atau var/queue.jsonl).",
)
@click.option(
    "--data",
    "data_dir",
    metavar="FOLDER",
    default=None,
    help="Folder data kursus (bawaan: KATALOG_DATA_DIR atau courses).",
)
def serve(host: str, port: int, site_dir: Path, queue_path: str | None, data_dir: str | None):
    """Jalankan situs katalog dan formulir pendaftaran di satu alamat, untuk dipakai di komputer
    sendiri atau untuk uji coba.

    Untuk server sungguhan pakai gunicorn di belakang reverse proxy (lihat docs/produksi.md).
    """
    from werkzeug.serving import run_simple

    from form_service import create_app
    from form_service.local_site import SiteAndForm

    if not site_dir.is_dir():
        raise click.ClickException(
            f"Folder situs '{site_dir}' tidak ada. Jalankan dulu `katalog build --out {site_dir}`."
        )
    config = env_config()
    config["SITE_DIR"] = str(site_dir)
    config.setdefault("SITE_URL", "/")
    if queue_path:
        config["QUEUE_PATH"] = queue_path
    if data_dir:
        config["DATA_DIR"] = data_dir
    if not config.get("SECRET_KEY"):
        # A fresh key per start: open forms from before a restart are re-shown with their
        # values and a new token, never lost.
        config["SECRET_KEY"] = secrets.token_hex(32)
    try:
        app = create_app(config)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None

    logging.getLogger("werkzeug").addFilter(_PathsOnly())
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    click.echo(f"Katalog dan formulir berjalan di http://{shown_host}:{port}/")
    click.echo("Tekan Ctrl+C untuk berhenti.")
    run_simple(host, port, SiteAndForm(site_dir, app), threaded=True, use_reloader=False)
