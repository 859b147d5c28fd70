"""`katalog build` as a function: check everything, write everything, then swap folders.

Order (Pelican style): load and check the whole catalog and the stats file, render every page
in memory, write the docs folder and machine files, run MkDocs -- all inside a temporary
folder next to ``out``. Only when everything succeeded is the old site replaced, by two
renames; on any failure the previous site stays exactly as it was.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
import traceback
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

    out.parent.mkdir(parents=True, exist_ok=True)
    # Absolute: MkDocs resolves relative folders against the config file, not the current one.
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent.resolve()))
    docs, machine, site = work / "docs", work / "machine", work / "site"
    writer = None
    try:
        # Open data, calendars and posters are written by a second process while this one
        # renders the pages and runs MkDocs (all CPU-bound; build machines have two cores or
        # more), then moved into the site.
        writer = MachineFiles(catalog, machine, ctx, stats)
        progress("Membuat halaman…")
        mark = time.perf_counter()
        pages = generate.render_pages(ctx)
        generate.write_pages(pages, docs)
        if options.keep_docs is not None:
            shutil.rmtree(options.keep_docs, ignore_errors=True)
            shutil.copytree(docs, options.keep_docs)
        seconds["pages"] = time.perf_counter() - mark

        progress("Menjalankan MkDocs…")
        mark = time.perf_counter()
        _mkdocs(config_file, docs, site, ctx, catalog)
        seconds["mkdocs"] = time.perf_counter() - mark
        mark = time.perf_counter()
        files = writer.wait()
        seconds["machine_wait"] = time.perf_counter() - mark
        _merge(machine, site)

        centers, courses, runs = catalog.counts
        marker = {"today": day.isoformat(), "centers": centers, "courses": courses, "runs": runs}
        (site / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        _swap(site, out)
    finally:
        if writer is not None:
            writer.stop()
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


def _mkdocs(config_file: Path, docs: Path, site: Path, ctx: SiteContext, catalog: Catalog) -> None:
    extra = {
        "example": catalog.dataset.example,
        "notice": catalog.dataset.notice or "Data di situs ini adalah contoh untuk uji coba.",
        "publisher": catalog.dataset.publisher,
        "form_url": ctx.form_url,
        "today": ctx.today.isoformat(),
        "today_text": format_date_long(ctx.today),
    }
    try:
        run_mkdocs(config_file, docs, site, site_url=ctx.base_url or None, extra=extra)
    except Exception as exc:  # MkDocsFailed, or e.g. a template error from Jinja
        lines = getattr(exc, "messages", None) or [f"{type(exc).__name__}: {exc}"]
        raise BuildError(["MkDocs gagal membangun situs:", *lines]) from exc


def write_machine_files(
    catalog: Catalog, out_dir: Path, ctx: SiteContext, stats: Stats | None
) -> list[Path]:
    """Open data (katalog.json/csv), calendars (.ics) and posters, into ``out_dir``."""
    files = opendata.write_open_data(
        catalog,
        out_dir,
        base_url=ctx.base_url,
        form_url=ctx.form_url,
        today=ctx.today,
        stats=stats.raw if stats else None,
    )
    files += ical.write_calendars(catalog, out_dir, base_url=ctx.base_url)
    files += poster.write_posters(catalog, out_dir, base_url=ctx.base_url, today=ctx.today)
    return files


class MachineFiles:
    """:func:`write_machine_files` in a forked process (where fork exists), else right away."""

    def __init__(
        self, catalog: Catalog, out_dir: Path, ctx: SiteContext, stats: Stats | None
    ) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self._files: list[Path] | None = None
        self._process = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._files = write_machine_files(catalog, out_dir, ctx, stats)
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_write_in_child, args=(send, catalog, out_dir, ctx, stats), daemon=True
        )
        self._process.start()
        send.close()

    def wait(self) -> list[Path]:
        if self._files is not None:
            return self._files
        assert self._process is not None
        try:
            kind, payload = self._receive.recv()
        except EOFError:
            kind, payload = "error", f"proses berhenti (kode {self._process.exitcode})"
        self._process.join()
        if kind != "ok":
            raise BuildError([f"Berkas data (JSON, CSV, kalender, poster) gagal dibuat: {payload}"])
        self._files = [Path(p) for p in payload]
        return self._files

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def _write_in_child(send, catalog, out_dir, ctx, stats) -> None:  # type: ignore[no-untyped-def]
    try:
        files = write_machine_files(catalog, out_dir, ctx, stats)
        send.send(("ok", [str(p) for p in files]))
    except BaseException as exc:  # report everything to the parent, which prints it
        send.send(("error", "".join(traceback.format_exception_only(exc)).strip()))
    finally:
        send.close()


def _merge(src: Path, dst: Path) -> None:
    """Move everything under ``src`` into ``dst`` (renames; folders that exist are merged)."""
    for entry in src.iterdir():
        target = dst / entry.name
        if entry.is_dir() and target.is_dir():
            _merge(entry, target)
        else:
            os.replace(entry, target)


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
