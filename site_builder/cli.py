"""`katalog build`: the public site from the course data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from catalog import cli_language
from site_builder.build import BuildError, BuildOptions, DataError, build_site
from site_builder.results import ResultsError
from site_builder.stats import StatsError

cli_language.install()  # click's own messages in Indonesian


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(message, err=True)


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder hasil situs. Situs lama baru diganti setelah pembangunan berhasil.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("courses"),
    show_default=True,
    help="Folder data pelatihan.",
)
@click.option(
    "--base-url",
    metavar="ALAMAT",
    default="",
    help="Alamat situs yang diterbitkan, misalnya https://pelatihan.tangerangkota.go.id/ "
    "(untuk tautan bagikan, kalender, poster dan peta situs).",
)
@click.option(
    "--form-url",
    metavar="ALAMAT",
    default="",
    help="Alamat layanan formulir pendaftaran, misalnya https://daftar.tangerangkota.go.id. "
    "Kosong: formulir ada di alamat yang sama dengan situs (/daftar/...).",
)
@click.option(
    "--stats",
    "stats_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Berkas JSON jumlah pendaftar per angkatan dari layanan formulir (tanpa data pribadi).",
)
@click.option(
    "--results",
    "results_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Berkas pengumuman hasil seleksi dari 'katalog queue publish' (nomor pendaftaran dan "
    "nama tersamar saja): halaman Pengumuman per angkatan.",
)
@click.option(
    "--today",
    metavar="TTTT-BB-HH",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Hitung status pendaftaran seolah-olah hari ini tanggal ini (TTTT-BB-HH, WIB). "
    "Bawaan: hari ini.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Berkas mkdocs.yml. Bawaan: mkdocs.yml di folder ini.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".cache/katalog"),
    show_default=True,
    help="Folder simpanan kode QR poster dan acara kalender dari pembangunan sebelumnya, "
    "agar pembangunan berikutnya lebih cepat. Aman dihapus kapan saja.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Jangan membaca atau menulis simpanan (--cache); semua dibuat dari awal.",
)
@click.option(
    "--keep-docs",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Simpan juga halaman Markdown yang dibuat ke folder ini (untuk pemeriksaan).",
)
@click.option(
    "--jobs",
    "-j",
    metavar="ANGKA",
    type=click.IntRange(min=1),
    default=None,
    help="Jumlah proses yang boleh dipakai. 1: semua dikerjakan dalam satu proses; lebih dari 1: "
    "proses kedua membuat separuh halaman dan berkas data sementara MkDocs berjalan. Bawaan: "
    "jumlah inti prosesor yang boleh dipakai (paling banyak 8).",
)
def build(
    out: Path,
    data_dir: Path,
    base_url: str,
    form_url: str,
    stats_file: Path | None,
    results_file: Path | None,
    today: object,
    config_file: Path | None,
    cache_dir: Path,
    no_cache: bool,
    keep_docs: Path | None,
    jobs: int | None,
) -> None:
    """Bangun situs katalog dari data pelatihan: periksa semua data, buat halaman, lalu
    jalankan MkDocs. Jika ada kesalahan, situs lama tidak diubah."""
    options = BuildOptions(
        data_dir=data_dir,
        out=out,
        today=today.date() if today is not None else None,  # type: ignore[attr-defined]
        base_url=base_url,
        form_url=form_url,
        stats_file=stats_file,
        results_file=results_file,
        config_file=config_file,
        cache_dir=None if no_cache else cache_dir,
        keep_docs=keep_docs,
        jobs=jobs,
    )
    try:
        report = build_site(options, progress=_progress)
    except DataError as exc:
        for problem in exc.problems:
            click.echo(problem.format_text())
        errors = sum(1 for p in exc.problems if p.severity == "error")
        click.echo(
            f"{errors} kesalahan pada data. Situs tidak dibangun; situs lama di {out} tidak "
            "diubah. Perbaiki lalu jalankan lagi.",
            err=True,
        )
        sys.exit(1)
    except (BuildError, StatsError, ResultsError) as exc:
        click.echo(str(exc), err=True)
        click.echo(f"Situs tidak dibangun; situs lama di {out} tidak diubah.", err=True)
        sys.exit(1)
    for problem in report.warnings:
        click.echo(problem.format_text(), err=True)
    centers, courses, runs = report.counts
    total = report.seconds.get("total", 0.0)
    click.echo(
        f"Situs selesai dibangun di {out}: {report.pages} halaman untuk {centers} pusat "
        f"pelatihan, {courses} kursus dan {runs} angkatan, ditambah {report.files} berkas data "
        f"(JSON, CSV, kalender, poster). Waktu: {_seconds(total)} detik."
    )
    if not base_url:
        click.echo(
            "Catatan: --base-url tidak diisi, jadi tautan bagikan, kalender dan poster memakai "
            "alamat relatif. Isi --base-url saat menerbitkan situs.",
            err=True,
        )


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
