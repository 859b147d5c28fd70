"""`katalog check` and `katalog schema`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from catalog import cli_language
from catalog.load import iter_messages, load_catalog
from catalog.schema import write_schemas

cli_language.install()  # click's own messages in Indonesian


@click.command()
@click.argument(
    "directory",
    default="courses",
    metavar="[FOLDER]",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--strict",
    is_flag=True,
    help="Gagal juga bila ada peringatan (semua angkatan sudah lewat, data tidak ditinjau 180 hari).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="'github' mencetak anotasi GitHub Actions agar kesalahan tampil di baris pull request.",
)
@click.option(
    "--today",
    metavar="TTTT-BB-HH",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Periksa seolah-olah hari ini tanggal ini (TTTT-BB-HH, WIB). Bawaan: hari ini.",
)
def check(directory: Path, strict: bool, fmt: str, today: object) -> None:
    """Periksa semua berkas data di FOLDER (bawaan: courses) dan laporkan semua masalah sekaligus."""
    day = today.date() if today is not None else None  # type: ignore[attr-defined]
    result = load_catalog(directory, today=day)
    for line in iter_messages(result.problems, fmt):
        click.echo(line)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if failed:
        errors, warnings = len(result.errors), len(result.warnings)
        summary = f"{errors} kesalahan, {warnings} peringatan. Perbaiki lalu jalankan lagi."
        click.echo(summary, err=True)
        sys.exit(1)
    assert result.catalog is not None
    centers, courses, runs = result.catalog.counts
    suffix = f", {len(result.warnings)} peringatan" if result.warnings else ""
    click.echo(f"Data benar: {centers} pusat pelatihan, {courses} kursus, {runs} angkatan{suffix}.")


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder tujuan berkas JSON Schema.",
)
@click.option(
    "--stdout", "to_stdout", is_flag=True, help="Cetak skema kursus ke layar, tanpa menulis berkas."
)
def schema(out: Path, to_stdout: bool) -> None:
    """Tulis JSON Schema untuk berkas YAML, agar editor memeriksa data sambil mengetik."""
    if to_stdout:
        from catalog.schema import schemas

        click.echo(json.dumps(schemas()["course.schema.json"], indent=2, ensure_ascii=False))
        return
    written = write_schemas(out)
    for path in written:
        click.echo(f"Ditulis: {path}")
