"""What a phone downloads before its first filter result on /pelatihan/, at 10,000 synthetic
courses (benchmarks/synthetic.py), paged against one page with every course, in the same run.

Only the list's pages go through MkDocs (site_builder.course_list_page, the site's own
mkdocs.yml and theme; the other pages of the navigation are one-line stand-ins), so no whole
10,000-course build is needed:

* paged (now): /pelatihan/ page 1 (``list_page_size`` courses) + the CSS and JavaScript it
  links + the first chunk ``pelatihan/data/1.json`` (``list_chunk_size`` courses), which the
  filters read before their first result;
* one page (before): /pelatihan/ holding every course, + its CSS and JavaScript; the filters
  ran on the page itself. Rendered by the same code with one page of every course, so without
  the ``data-*`` filter attributes each card carried before: the page of before was larger still.

gzip -6 (``benchmarks/build_scaling.py`` first_load), and -9 for the chunk as a server set to
the highest level would send it.

    python benchmarks/course_list.py [--courses 10000] [--page-size 50] [--chunk-size 500]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "benchmarks"))  # build_scaling, as it is run

from build_scaling import first_load  # noqa: E402

from benchmarks.synthetic import synthesise  # noqa: E402
from catalog.load import require_catalog  # noqa: E402
from site_builder import course_list_page, urls  # noqa: E402
from site_builder.build import DEFAULT_CONFIG, theme_extra  # noqa: E402
from site_builder.context import LIST_CHUNK_SIZE, LIST_PAGE_SIZE, SiteContext  # noqa: E402
from site_builder.generate import write_pages  # noqa: E402
from site_builder.mkdocs_run import run_mkdocs  # noqa: E402

TODAY = date(2026, 11, 23)
GOAL_KB = 100
NAV = ["", "cari/", "kejuruan/", "kecamatan/", "kalender/", "capaian/", "tentang/"]


def build_list(ctx: SiteContext, work: Path) -> tuple[Path, float]:
    """The list's pages (and stand-ins for the navigation's other pages) through MkDocs."""
    started = time.perf_counter()
    pages = {urls.source_path(url): f"# {url or 'Beranda'}\n" for url in NAV}
    for url, text in course_list_page.render_pages(ctx).items():
        pages[urls.source_path(url)] = text
    docs, site = work / "docs", work / "site"
    write_pages(pages, docs)
    run_mkdocs(DEFAULT_CONFIG, docs, site, site_url=None, extra=theme_extra(ctx, ctx.catalog))
    for path, text in course_list_page.data_files(ctx).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return site, time.perf_counter() - started


def weigh(label: str, site: Path, seconds: float, chunk: bool) -> int:
    page = site / "pelatihan" / "index.html"
    total, parts = first_load(site, page)
    print(f"{label} (pages and data made in {seconds:.1f} s):")
    print(f"    {page.stat().st_size:>10,} B raw HTML of /pelatihan/")
    for part in parts:
        print(f"    {part} B")
    if chunk:
        data = site / "pelatihan" / "data" / "1.json"
        raw = data.read_bytes()
        size = len(gzip.compress(raw, 6))
        print(f"    pelatihan/data/1.json {size} B ({len(raw):,} B raw, "
              f"{len(gzip.compress(raw, 9)):,} B gzip -9)")  # fmt: skip
        chunks = sorted((site / "pelatihan" / "data").glob("*.json"))
        every = sum(len(gzip.compress(p.read_bytes(), 6)) for p in chunks)
        print(f"    all {len(chunks)} chunks (read one after the other while filtering): "
              f"{every / 1024:.1f} KB gzip")  # fmt: skip
        pages = list((site / "pelatihan" / "halaman").glob("*/index.html"))
        print(f"    {len(pages) + 1} pages")
        total += size
    print(f"    before the first filter result: {total / 1024:.1f} KB gzip")
    return total


def shipped_chunk(chunk_size: int) -> None:
    """The synthetic courses differ only by a number, which gzip likes; the shipped ones are
    written by people. Their bytes per course, times a chunk, give a more honest first chunk."""
    ctx = SiteContext(require_catalog(REPO / "courses", today=TODAY), TODAY)
    texts = course_list_page.data_files(ctx).values()
    size = sum(len(gzip.compress(t.encode("utf-8"), 6)) for t in texts)
    courses = len(ctx.course_refs)
    print(f"shipped data: {courses} courses, {size:,} B gzip of chunks, {size / courses:.0f} B a "
          f"course; a chunk of {chunk_size} such courses would be about "
          f"{size / courses * chunk_size / 1024:.1f} KB gzip")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=LIST_PAGE_SIZE)
    parser.add_argument("--chunk-size", type=int, default=LIST_CHUNK_SIZE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        catalog = require_catalog(synthesise(work, args.courses), today=TODAY)
        print(f"{args.courses:,} synthetic courses loaded in {time.perf_counter() - started:.1f} s")
        paged = SiteContext(
            catalog, TODAY, list_page_size=args.page_size, list_chunk_size=args.chunk_size
        )
        now = weigh("paged", *build_list(paged, work / "paged"), chunk=True)
        whole = SiteContext(catalog, TODAY, list_page_size=max(1, args.courses))
        before = weigh("one page, every course", *build_list(whole, work / "one"), chunk=False)
    shipped_chunk(args.chunk_size)
    verdict = "met" if now <= GOAL_KB * 1024 else "NOT met"
    print(f"paged {now / 1024:.1f} KB against one page {before / 1024:.1f} KB gzip; "
          f"goal <= {GOAL_KB} KB at 10,000 courses: {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
