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
from catalog.status import RunStatus
from site_builder import (
    capaian_opendata,
    course_list_page,
    eligibility_data,
    generate,
    ical,
    opendata,
    opendata_page,
    poster,
    search_index,
)
from site_builder.cache import BuildCache
from site_builder.context import LIST_CHUNK_SIZE, LIST_PAGE_SIZE, SiteContext
from site_builder.mkdocs_run import run_mkdocs
from site_builder.results import load_results
from site_builder.stats import Stats, load_stats
from site_builder.writer import FileWriter

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
    results_file: Path | None = None
    config_file: Path | None = None  # mkdocs.yml; default ./mkdocs.yml, else the packaged one
    cache_dir: Path | None = None  # QR codes, calendar events, templates of earlier builds
    keep_docs: Path | None = None  # also copy the generated Markdown here (for debugging)
    jobs: int | None = None  # 1: everything in this process; default: default_jobs()
    list_page_size: int = LIST_PAGE_SIZE  # courses per page of /pelatihan/ (tests: smaller)
    list_chunk_size: int = LIST_CHUNK_SIZE  # courses per file of /pelatihan/'s filter data


@dataclass
class BuildReport:
    out: Path
    counts: tuple[int, int, int]
    pages: int
    files: int
    warnings: list[Problem] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


MAX_JOBS = 8  # kept for --jobs; the build uses at most two processes (see Helper)


def default_jobs() -> int:
    """The CPU cores this process may use (at most ``MAX_JOBS``). With more than one, a second
    process renders half the Markdown pages and writes the machine files while MkDocs runs
    here; MkDocs itself always builds in one process, with its public ``build()``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


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
    result = load_catalog(options.data_dir, today=today, workers=2)
    if result.catalog is None:
        raise DataError(result.problems)
    catalog: Catalog = result.catalog
    stats: Stats | None = load_stats(options.stats_file) if options.stats_file else None
    results = load_results(options.results_file) if options.results_file else None
    out = options.out
    check_out_dir(out)
    config_file = find_config(options.config_file)
    if not config_file.is_file():
        raise BuildError([f"Berkas konfigurasi {config_file} tidak ditemukan."])
    if not opendata_page.GUIDE.is_file():  # the "Data terbuka" page is made from it
        raise BuildError([f"Berkas panduan data terbuka {opendata_page.GUIDE} tidak ditemukan."])
    day = today or today_wib()
    base_url = normalise_base_url(options.base_url)
    form_url = options.form_url.strip().rstrip("/")
    ctx = SiteContext(
        catalog,
        day,
        base_url=base_url,
        form_url=form_url,
        stats=stats,
        results=results,
        list_page_size=options.list_page_size,
        list_chunk_size=options.list_chunk_size,
    )
    cache = BuildCache.open(options.cache_dir)  # before the fork: both processes read it
    seconds["load"] = time.perf_counter() - started

    out.parent.mkdir(parents=True, exist_ok=True)
    # Absolute: MkDocs resolves relative folders against the config file, not the current one.
    # Named after this process, so that a later build can tell a crashed build's folder
    # (its process is gone) from one still running.
    prefix = f"{WORK_PREFIX.format(out.name)}{os.getpid()}-"
    work = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent.resolve()))
    docs, machine, site = work / "docs", work / "machine", work / "site"
    helper, done = None, False
    try:
        # A second process shares the work (build machines have two cores or more): it renders
        # every other course page, then writes open data, calendars and posters while this one
        # runs MkDocs; those files are then moved into the site.
        # Calendars and posters equal to the previous site's are hard-linked to them.
        previous = out if (out / MARKER).is_file() else None
        jobs = options.jobs or default_jobs()
        helper = Helper(ctx, stats, docs, FileWriter(machine, previous), cache, fork=jobs > 1)
        progress("Membuat halaman…")
        mark = time.perf_counter()
        pages = generate.render_pages(ctx, 0, helper.parts)
        generate.write_pages(pages, docs)
        page_count = len(pages) + helper.wait_pages()
        if options.keep_docs is not None:
            shutil.rmtree(options.keep_docs, ignore_errors=True)
            shutil.copytree(docs, options.keep_docs)
        seconds["pages"] = time.perf_counter() - mark

        progress("Menjalankan MkDocs…")
        mark = time.perf_counter()
        templates = options.cache_dir / "jinja" if options.cache_dir else None
        _mkdocs(config_file, docs, site, ctx, catalog, templates)
        seconds["mkdocs"] = time.perf_counter() - mark
        mark = time.perf_counter()
        files = helper.wait()
        seconds["machine_wait"] = time.perf_counter() - mark
        _merge(machine, site)
        search_index.build(site)
        cache.commit()  # keeps what this build used, for the next one

        centers, courses, runs = catalog.counts
        marker = {"today": day.isoformat(), "centers": centers, "courses": courses, "runs": runs}
        (site / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
        old = _swap(site, out)
        # The previous site and the work folder (thousands of files) are deleted by a detached
        # process, so the command returns without waiting for that (0.5-1.3 ms per course).
        remove_later([work, *([old] if old else []), *_stale(out)])
        done = True
    finally:
        if helper is not None:
            helper.stop()
        if not done:
            shutil.rmtree(work, ignore_errors=True)
    seconds["total"] = time.perf_counter() - started
    return BuildReport(
        out=out,
        counts=catalog.counts,
        pages=page_count,
        files=len(files),
        warnings=result.warnings,
        seconds=seconds,
    )


def _mkdocs(
    config_file: Path,
    docs: Path,
    site: Path,
    ctx: SiteContext,
    catalog: Catalog,
    template_cache: Path | None,
) -> None:
    extra = theme_extra(ctx, catalog)
    try:
        run_mkdocs(
            config_file,
            docs,
            site,
            site_url=ctx.base_url or None,
            extra=extra,
            template_cache=template_cache,
        )
    except Exception as exc:  # MkDocsFailed, or e.g. a template error from Jinja
        lines = getattr(exc, "messages", None) or [f"{type(exc).__name__}: {exc}"]
        raise BuildError(["MkDocs gagal membangun situs:", *lines]) from exc


def theme_extra(ctx: SiteContext, catalog: Catalog) -> dict[str, object]:
    """What every page's theme template reads from ``config.extra.katalog``
    (``overrides/main.html``): the example banner, the form service, the build day."""
    return {
        "example": catalog.dataset.example,
        "notice": catalog.dataset.notice or "Data di situs ini adalah contoh untuk uji coba.",
        "publisher": catalog.dataset.publisher,
        "form_url": ctx.form_url,
        "today": ctx.today.isoformat(),
        "today_text": format_date_long(ctx.today),
        # for the live script (overrides/main.html): the badges' words, from one place
        "status_labels": {status.value: status.label for status in RunStatus},
    }


def write_machine_files(
    writer: FileWriter,
    ctx: SiteContext,
    stats: Stats | None,
    posters: PosterQueue,
    cache: BuildCache,
) -> list[Path]:
    """Open data (katalog.json/csv, capaian.json/csv), calendars (.ics) and posters, into
    ``writer.root``."""
    catalog = ctx.catalog
    files = opendata.write_open_data(
        catalog,
        writer.root,
        base_url=ctx.base_url,
        form_url=ctx.form_url,
        today=ctx.today,
        stats=stats.raw if stats else None,
    )
    files += capaian_opendata.write_capaian_data(ctx, writer.root)
    files += ical.write_calendars(catalog, writer, base_url=ctx.base_url, cache=cache)
    # /cari/'s eligibility data (site_builder/eligibility_data.py)
    for path, text in eligibility_data.data_files(ctx).items():
        files.append(writer.write_text(path, text))
    # what the filters of /pelatihan/ read, in chunks (site_builder/course_list_page.py)
    for path, text in course_list_page.data_files(ctx).items():
        files.append(writer.write_text(path, text))
    css = writer.write_text(poster.CSS_NAME, poster.POSTER_CSS)
    return [*files, css, *posters.write(ctx, writer, cache)]


class PosterQueue:
    """The run posters (a QR code each: the largest share of the machine files), taken in
    chunks by whichever process is free: the second process after the calendars, this one
    after MkDocs. Both then finish at about the same time."""

    CHUNK = 40

    def __init__(self, ctx: SiteContext, context=None) -> None:  # type: ignore[no-untyped-def]
        self.runs = list(ctx.catalog.runs())
        self._next = context.Value("q", 0) if context is not None else None
        self._local = 0

    def _take(self) -> int:
        if self._next is None:
            start, self._local = self._local, self._local + self.CHUNK
            return start
        with self._next.get_lock():
            start = self._next.value
            self._next.value = start + self.CHUNK
        return start

    def write(self, ctx: SiteContext, writer: FileWriter, cache: BuildCache) -> list[Path]:
        paths = []
        while (start := self._take()) < len(self.runs):
            for run_ref in self.runs[start : start + self.CHUNK]:
                html = poster.poster_html(
                    run_ref, ctx.catalog, base_url=ctx.base_url, today=ctx.today, cache=cache
                )
                paths.append(writer.write_text(poster.poster_path(run_ref), html))
        return paths


class Helper:
    """The second process: part of the pages into ``docs``, then the machine files.

    Forked (after the catalog is loaded, so nothing is read or imported twice) where fork
    exists and more than one job is allowed; otherwise the machine files are written right away and this process renders every
    page (``parts`` is 1).
    """

    def __init__(
        self,
        ctx: SiteContext,
        stats: Stats | None,
        docs: Path,
        machine: FileWriter,
        cache: BuildCache,
        *,
        fork: bool = True,
    ) -> None:
        machine.root.mkdir(parents=True, exist_ok=True)
        self._ctx, self._machine, self._cache = ctx, machine, cache
        self._files: list[Path] | None = None
        self._process = None
        if not fork or "fork" not in multiprocessing.get_all_start_methods():
            self.parts = 1
            self._files = write_machine_files(machine, ctx, stats, PosterQueue(ctx), cache)
            return
        self.parts = 2
        context = multiprocessing.get_context("fork")
        self._posters = PosterQueue(ctx, context)
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_work_in_child,
            args=(send, ctx, stats, docs, machine, self._posters, cache),
            daemon=True,
        )
        self._process.start()
        send.close()

    def wait_pages(self) -> int:
        """How many pages the second process wrote, once it has written them."""
        if self._process is None:
            return 0
        return self._receive_ok("pages")

    def wait(self) -> list[Path]:
        """The machine files, once written; this process takes its share of the posters."""
        if self._files is None:
            assert self._process is not None
            try:
                mine = self._posters.write(self._ctx, self._machine, self._cache)
            except Exception as exc:
                raise BuildError([f"{MACHINE_FILES} gagal dibuat: {_describe(exc)}"]) from exc
            self._files = [Path(p) for p in self._receive_ok("files")] + mine
            self._process.join()
        return self._files

    def _receive_ok(self, expected: str):  # type: ignore[no-untyped-def]
        assert self._process is not None
        try:
            kind, payload = self._receive.recv()
        except EOFError:
            self._process.join()
            kind, payload = "error", f"proses berhenti (kode {self._process.exitcode})"
        if kind == expected:
            return payload
        what = "Halaman" if expected == "pages" else MACHINE_FILES
        raise BuildError([f"{what} gagal dibuat: {payload}"])

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


MACHINE_FILES = "Berkas data (JSON, CSV, kalender, poster)"


def _describe(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(exc)).strip()


def _work_in_child(send, ctx, stats, docs, machine, posters, cache) -> None:  # type: ignore[no-untyped-def]
    try:
        pages = generate.render_pages(ctx, 1, 2)
        generate.write_pages(pages, docs)
        send.send(("pages", len(pages)))
        files = write_machine_files(machine, ctx, stats, posters, cache)
        cache.save_part()  # before "files": the parent commits the cache once it has them
        send.send(("files", [str(p) for p in files]))
    except BaseException as exc:  # report everything to the parent, which prints it
        send.send(("error", _describe(exc)))
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


def _swap(new: Path, out: Path) -> Path | None:
    """Put ``new`` in place of ``out`` with renames (same file system, so each is atomic).

    Returns the previous site, renamed away (to be deleted), if there was one.
    """
    if not out.exists():
        os.rename(new, out)
        return None
    old = out.with_name(f"{OLD_PREFIX.format(out.name)}{os.getpid()}-{time.time_ns()}")
    os.rename(out, old)
    try:
        os.rename(new, out)
    except OSError:
        os.rename(old, out)  # put the previous site back
        raise
    return old


OLD_PREFIX = ".{}.old-"  # a previous site, renamed away by _swap and not yet deleted
WORK_PREFIX = ".{}.build-"  # a build's work folder: WORK_PREFIX + "<pid>-<random>"


def _stale(out: Path) -> list[Path]:
    """Previous sites whose deletion was cut short (e.g. the machine was switched off), and
    work folders of builds whose process is gone (killed, or the machine stopped)."""
    old = list(out.parent.glob(OLD_PREFIX.format(out.name) + "*"))
    prefix = WORK_PREFIX.format(out.name)
    crashed = [
        folder
        for folder in out.parent.glob(prefix + "*")
        if not _running(folder.name.removeprefix(prefix).split("-")[0])
    ]
    return old + crashed


def _running(pid: str) -> bool:
    """Whether process ``pid`` exists (when unsure, yes: its folder is then left alone)."""
    if not pid.isdigit():
        return True  # not named by this version; leave it
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # e.g. another user's process
    return True


def remove_later(folders: list[Path]) -> None:
    """Delete ``folders`` in a detached process; right here where fork does not exist."""
    if not hasattr(os, "fork"):
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return
    child = os.fork()
    if child:
        os.waitpid(child, 0)  # the child exits at once, leaving the grandchild to do the work
        return
    try:  # pragma: no cover - runs in the forked processes
        if os.fork() == 0:
            os.setsid()
            # Let go of the caller's terminal and pipes: whoever waits for their end (a shell
            # pipeline, subprocess.run) must not wait for the deletion.
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.closerange(3, 1 << 16)
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        os._exit(0)
