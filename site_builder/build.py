"""`katalog build` as a function: check everything, write everything, then swap folders.

Order (Pelican style): load and check the whole catalog and the stats file, render every page
in memory, write the docs folder and machine files, run MkDocs -- all inside a temporary
folder next to ``out``. Only when everything succeeded is the old site replaced, by two
renames; on any failure the previous site stays exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from catalog.catalog import Catalog
from catalog.dates import format_date_long, today_wib
from catalog.load import load_catalog
from catalog.problems import Problem
from site_builder import generate, ical, opendata, poster
from site_builder.context import SiteContext
from site_builder.mkdocs_run import run_mkdocs
from site_builder.stats import Stats, load_stats

MARKER = ".katalog-build.json"  # written into every built site; only such a folder is replaced
DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class BuildError(Exception):
    """The build stopped; ``lines`` say why in Indonesian (for the data: ``path:line:col: …``)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class DataError(BuildError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__([p.format_text() for p in problems])
        self.problems = problems


@dataclass
class BuildOptions:
    data_dir: Path = Path("courses")
    out: Path = Path("site")
    today: date | None = None  # WIB; default today
    base_url: str = ""
    form_url: str = ""
    stats_file: Path | None = None
    config_file: Path | None = None  # mkdocs.yml; default ./mkdocs.yml, else the packaged one
    keep_docs: Path | None = None  # also copy the generated Markdown here (for debugging)


@dataclass
class BuildReport:
    out: Path
    counts: tuple[int, int, int]
    pages: int
    files: int
    warnings: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def normalise_base_url(url: str) -> str:
    url = url.strip()
    return url if not url or url.endswith("/") else url + "/"


def find_config(config_file: Path | None) -> Path:
    if config_file is not None:
        return config_file
    local = Path("mkdocs.yml")
    return local if local.is_file() else DEFAULT_CONFIG


def check_out_dir(out: Path) -> None:
    """Refuse to replace a folder that is not an earlier build (e.g. ``--out .``)."""
    if not out.exists():
        return
    if not out.is_dir():
        raise BuildError([f"{out} adalah berkas, bukan folder. Pilih folder lain untuk --out."])
    if (out / MARKER).is_file() or not any(out.iterdir()):
        return
    raise BuildError(
        [
            f"Folder {out} sudah berisi berkas lain yang bukan hasil 'katalog build'. "
            "Pilih folder lain untuk --out, atau kosongkan folder itu dulu."
        ]
    )


def build_site(
    options: BuildOptions, progress: Callable[[str], None] = lambda message: None
) -> BuildReport:
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    progress("Membaca dan memeriksa data…")
    today = options.today
    result = load_catalog(options.data_dir, today=today)
    if result.catalog is None:
        raise DataError(result.problems)
    catalog: Catalog = result.catalog
    stats: Stats | None = load_stats(options.stats_file) if options.stats_file else None
    out = options.out
    check_out_dir(out)
    config_file = find_config(options.config_file)
    if not config_file.is_file():
        raise BuildError([f"Berkas konfigurasi {config_file} tidak ditemukan."])
    day = today or today_wib()
    base_url = normalise_base_url(options.base_url)
    form_url = options.form_url.strip().rstrip("/")
    ctx = SiteContext(catalog, day, base_url=base_url, form_url=form_url, stats=stats)
    seconds["load"] = time.perf_counter() - started

    progress("Membuat halaman…")
    mark = time.perf_counter()
    pages = generate.render_pages(ctx)
    seconds["render"] = time.perf_counter() - mark

    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        mark = time.perf_counter()
        docs, site = work / "docs", work / "site"
        generate.write_pages(pages, docs)
        files = _write_machine_files(catalog, docs, ctx, stats)
        if options.keep_docs is not None:
            shutil.rmtree(options.keep_docs, ignore_errors=True)
            shutil.copytree(docs, options.keep_docs)
        seconds["write"] = time.perf_counter() - mark

        progress("Menjalankan MkDocs…")
        mark = time.perf_counter()
        extra = {
            "example": catalog.dataset.example,
            "notice": catalog.dataset.notice or "Data di situs ini adalah contoh untuk uji coba.",
            "publisher": catalog.dataset.publisher,
            "form_url": form_url,
            "today": day.isoformat(),
            "today_text": format_date_long(day),
        }
        try:
            run_mkdocs(config_file, docs, site, site_url=base_url or None, extra=extra)
        except Exception as exc:  # MkDocsFailed, or a template error from Jinja
            lines = getattr(exc, "messages", None) or [f"{type(exc).__name__}: {exc}"]
            raise BuildError(["MkDocs gagal membangun situs:", *lines]) from exc
        seconds["mkdocs"] = time.perf_counter() - mark

        centers, courses, runs = catalog.counts
        marker = {"today": day.isoformat(), "centers": centers, "courses": courses, "runs": runs}
        (site / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        _swap(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds["total"] = time.perf_counter() - started
    return BuildReport(
        out=out,
        counts=catalog.counts,
        pages=len(pages),
        files=len(files),
        warnings=result.warnings,
        seconds=seconds,
    )


def _write_machine_files(
    catalog: Catalog, docs: Path, ctx: SiteContext, stats: Stats | None
) -> list[Path]:
    """Open data, calendars and posters go into the docs folder; MkDocs copies them as they are."""
    files = opendata.write_open_data(
        catalog,
        docs,
        base_url=ctx.base_url,
        form_url=ctx.form_url,
        today=ctx.today,
        stats=stats.raw if stats else None,
    )
    files += ical.write_calendars(catalog, docs, base_url=ctx.base_url)
    files += poster.write_posters(catalog, docs, base_url=ctx.base_url, today=ctx.today)
    return files


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` in place of ``out`` with renames (same file system, so each is atomic)."""
    if not out.exists():
        os.rename(new, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    try:
        os.rename(new, out)
    except OSError:
        os.rename(old, out)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
