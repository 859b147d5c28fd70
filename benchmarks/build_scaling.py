"""How `katalog build` scales with the number of courses, against a bare Material build.

For each size N, synthesises N valid courses (two runs each, 20 courses per center, spread over
kejuruan and kecamatan) as a courses/ tree in a temporary folder, then times in the same run:

* ``katalog build`` on that data (a subprocess, as staff and CI run it), twice: "cold" with an
  empty ``--cache`` and no previous site (a first build) and "warm" with the cache and the site
  the cold build left (the daily rebuild, a rebuild after a data change: QR codes and calendar
  events whose inputs did not change are reused, unchanged files are hard-linked);
* ``mkdocs build`` of a bare Material site with N plain pages outside the same five-entry nav
  (the same theme, language and search plugin, no overrides) -- the floor any MkDocs site pays.

It prints seconds (medians of --repeat runs, wall and CPU: the machine may be shared), ms per
course, the growth ratio between sizes and the ratio to the bare build, for cold and warm
builds, then the weight of a
course page's first load (HTML + CSS + JS, gzip), the bytes a phone downloads before its first
search result (benchmarks/first_search.py: the query typed into the header box in Chromium,
pagefind.js, its WebAssembly, page list, index chunks and the shown results' fragments, gzip) at
each size and for the shipped data (courses/), and a verdict for each goal.

Goals (issue 14, 1,000 / 5,000 / 10,000 courses over 50 / 250 / 500 centers):
t(10,000)/t(5,000) <= 2.2; within 1.5x of the bare build of the same run; peak RSS <= 1.5 GB at
10,000 (the largest resident set of any process the build waited for); first load of a course
page <= 60 KB gzip; before the first search result <= 100 KB gzip at 10,000 courses. The
default sizes take about an hour on a shared 2-core machine; pass smaller --sizes to try a
change.

    .venv/bin/python benchmarks/build_scaling.py [--sizes 1000 5000 10000] [--repeat 1]
    .venv/bin/python benchmarks/build_scaling.py --search-only --sizes 1000 10000

--search-only builds each size once (cold) and measures only the search bytes: a 10,000-course
build is long on a shared 2-core machine, so do not time it repeatedly for this figure.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from first_search import first_search
from synthetic import synthesise

from site_builder.build import default_jobs

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-23"
BARE_CONFIG = """\
site_name: Bare
theme: {name: material, language: id, font: false}
plugins: [search]
nav:
  - Beranda: index.md
  - Kejuruan: kejuruan.md
  - Kecamatan: kecamatan.md
  - Kalender: kalender.md
  - Tentang: tentang.md
validation: {omitted_files: ignore}
"""

BARE_PAGE = """\
# Kursus Contoh {n}

Kursus sintetis nomor {n} untuk mengukur kecepatan pembuatan situs. Lorem ipsum dolor sit amet,
consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.

## Yang dipelajari

- Materi pertama
- Materi kedua
- Materi ketiga
"""


def synthesise_bare(root: Path, pages: int) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name in ("index", "kejuruan", "kecamatan", "kalender", "tentang"):
        (docs / f"{name}.md").write_text(f"# {name.capitalize()}\n", encoding="utf-8")
    for n in range(pages):
        page = docs / "kursus" / f"k{n}"
        page.mkdir(parents=True)
        (page / "index.md").write_text(BARE_PAGE.format(n=n), encoding="utf-8")
    (root / "mkdocs.yml").write_text(BARE_CONFIG, encoding="utf-8")
    return root / "mkdocs.yml"


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # user + system seconds of the command and its child processes
    peak_mb: float = 0.0  # largest resident set of any child process so far (ru_maxrss)

    @staticmethod
    def median(timings: list[Timing]) -> Timing:
        return Timing(
            statistics.median(t.wall for t in timings),
            statistics.median(t.cpu for t in timings),
            max(t.peak_mb for t in timings),
        )


def run(args: list[str], cwd: Path) -> Timing:
    """Run a command; CPU time is reported too, as wall time is noisy on a shared machine."""
    # This checkout's code, whichever checkout the virtualenv was installed from.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu, after.ru_maxrss / 1024)  # Linux: ru_maxrss is in KB


def time_machine_files(data: Path, out: Path) -> dict[str, float]:
    """Seconds spent by each module of site_builder that writes files besides the pages."""
    from catalog.load import require_catalog
    from site_builder import ical, opendata, poster

    catalog = require_catalog(data, today=date.fromisoformat(TODAY))
    base = "https://pelatihan.example.go.id/"
    jobs = {
        "opendata": lambda: opendata.write_open_data(
            catalog, out, base_url=base, form_url="", today=date.fromisoformat(TODAY), stats=None
        ),
        "ical": lambda: ical.write_calendars(catalog, out, base_url=base),
        "poster": lambda: poster.write_posters(
            catalog, out, base_url=base, today=date.fromisoformat(TODAY)
        ),
    }
    result = {}
    for name, job in jobs.items():
        start = time.process_time()
        job()
        result[name] = time.process_time() - start
    return result


def time_katalog(data: Path, out: Path, cache: Path, *, cold: bool) -> Timing:
    if cold:  # a first build: no cache and no previous site to take unchanged files from
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    settle(out)
    return run(
        [str(BIN / "katalog"), "build", "--data", str(data), "--out", str(out), "--today", TODAY,
         "--config", str(REPO / "mkdocs.yml"), "--base-url", "https://pelatihan.example.go.id/",
         "--cache", str(cache)],
        cwd=REPO,
    )  # fmt: skip


def settle(out: Path, seconds: float = 120.0) -> None:
    """Wait until the detached deletion of earlier sites and work folders is over, so that it
    does not run during the next timed command (of either kind)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(
        p.name.startswith(".") and (".old-" in p.name or ".build-" in p.name)
        for p in out.parent.iterdir()
    ):
        time.sleep(0.05)


def time_bare(config: Path, out: Path, settle_dir: Path) -> Timing:
    settle(settle_dir)
    return run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(config), "-d", str(out)], config.parent
    )


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def first_load(site: Path, page: Path) -> tuple[int, list[str]]:
    """gzip bytes of a page and the CSS/JS it loads from the site itself."""
    html = page.read_text(encoding="utf-8")
    total, parts = gz(page), [f"{page.relative_to(site)} {gz(page)}"]
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        asset = (page.parent / ref).resolve()
        size = gz(asset)
        total += size
        parts.append(f"{asset.relative_to(site.resolve())} {size}")
    return total, parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--search-only", action="store_true", help="one build per size, search bytes only"
    )
    args = parser.parse_args()
    if args.search_only:
        search_only(args.sizes)
        return
    print(
        f"{'courses':>8} {'build':>5} {'katalog s':>10} {'cpu s':>7} {'ms/course':>10} "
        f"{'bare s':>7} {'cpu s':>7} {'vs bare':>8} {'cpu vs bare':>12}"
    )
    results: dict[str, dict[int, Timing]] = {"cold": {}, "warm": {}}
    bare: dict[int, Timing] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sys.path.insert(0, str(REPO))
        for size in args.sizes:
            data = synthesise(root / f"data-{size}", size)
            config = synthesise_bare(root / f"bare-{size}", size)
            site, cache = root / f"site-{size}", root / f"cache-{size}"
            runs: dict[str, list[Timing]] = {"cold": [], "warm": []}
            bare_runs = []
            for _ in range(args.repeat):  # interleaved, so all see the same load on the machine
                runs["cold"].append(time_katalog(data, site, cache, cold=True))
                bare_runs.append(time_bare(config, root / f"bare-site-{size}", site))
                runs["warm"].append(time_katalog(data, site, cache, cold=False))
            base = bare[size] = Timing.median(bare_runs)
            for kind, timings in runs.items():
                ours = results[kind][size] = Timing.median(timings)
                print(
                    f"{size:>8} {kind:>5} {ours.wall:>10.2f} {ours.cpu:>7.2f} "
                    f"{ours.wall / size * 1000:>10.2f} {base.wall:>7.2f} {base.cpu:>7.2f} "
                    f"{ours.wall / base.wall:>7.2f}x {ours.cpu / base.cpu:>11.2f}x"
                )
        sizes = sorted(bare)
        for small, large in zip(sizes, sizes[1:], strict=False):
            print(
                f"t({large})/t({small}): cold {growth(results['cold'], small, large):.2f}, "
                f"warm {growth(results['warm'], small, large):.2f} "
                f"(bare {bare[large].wall / bare[small].wall:.2f}; linear {large / small:.2f})"
            )
        largest = sizes[-1]
        machine = time_machine_files(root / f"data-{largest}" / "courses", root / "machine")
        print(
            f"files besides pages, {largest} courses, without cache (in the second process, "
            "during MkDocs): "
            + ", ".join(f"{k} {v / largest * 1000:.1f} ms/course" for k, v in machine.items())
        )

        shipped = root / "site-shipped"
        seconds = time_katalog(REPO / "courses", shipped, root / "cache-shipped", cold=True).wall
        course_pages = sorted(shipped.glob("kursus/*/*/index.html"))
        total, parts = first_load(shipped, course_pages[0])
        print(f"shipped data: built in {seconds:.2f} s")
        print(f"first load of a course page: {total / 1024:.1f} KB gzip (goal <= 60 KB)")
        for part in parts:
            print(f"    {part} B")
        searches = {size: search_bytes(root / f"site-{size}") for size in sizes}
        searches["shipped"] = search_bytes(shipped, SHIPPED_QUERY)
        report_search(searches)

    base = bare[largest]
    small = sizes[-2] if len(sizes) > 1 else None
    for kind in ("cold", "warm"):
        ours = results[kind][largest]
        print(f"goals, {kind} build ({largest} courses, wall time):")
        verdicts = [
            (
                f"t({largest})/t({small}) <= 2.2: {growth(results[kind], small, largest):.2f}"
                if small
                else "one size",
                small is None or growth(results[kind], small, largest) <= 2.2,
            ),
            (f"<= 1.5x the bare build: {ours.wall / base.wall:.2f}x", ours.wall <= 1.5 * base.wall),
            (f"peak RSS <= 1536 MB: {ours.peak_mb:.0f} MB", ours.peak_mb <= 1536),
        ]
        for text, met in verdicts:
            print(f"    {'met    ' if met else 'NOT MET'} {text}")
    print(
        f"katalog build ran with --jobs {default_jobs()} (a second process writes half the sources "
        "and the machine files; MkDocs builds in one process)"
    )
    print("goals, shipped data:")
    for text, met in [
        (f"course page first load <= 60 KB gzip: {total / 1024:.1f} KB", total <= 60 * 1024),
        search_verdict(searches, largest),
    ]:
        print(f"    {'met    ' if met else 'NOT MET'} {text}")


SEARCH_QUERY = "barista"  # a kejuruan word: about one synthesized course in twelve
SHIPPED_QUERY = "barista"  # docs/pencarian.md: five Barista courses, told apart by center
SEARCH_GOAL = 100 * 1024  # bytes before the first search result, gzip, at 10,000 courses
SEARCH_GOAL_SIZE = 10_000


def search_bytes(site: Path, query: str = SEARCH_QUERY) -> tuple[int, dict[str, int], int]:
    page = sorted(site.glob("kursus/*/*/index.html"))[0].parent.relative_to(site)
    return first_search(site, f"{page.as_posix()}/", query)


def report_search(searches: dict[int | str, tuple[int, dict[str, int], int]]) -> None:
    print(
        f"bytes a phone downloads before its first search result (header box, "
        f"'{SEARCH_QUERY}', gzip; goal <= {SEARCH_GOAL // 1024} KB at {SEARCH_GOAL_SIZE:,}):"
    )
    for size, (total, parts, shown) in searches.items():
        detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(parts.items()))
        goal = "  <- goal <= 100 KB" if size == SEARCH_GOAL_SIZE else ""
        print(f"{size!s:>8}: {total / 1024:6.1f} KB ({shown} results shown; {detail}){goal}")


def search_verdict(
    searches: dict[int | str, tuple[int, dict[str, int], int]], largest: int
) -> tuple[str, bool]:
    total = searches[largest][0]
    return (
        f"before the first search result at {largest:,} courses <= 100 KB gzip "
        f"(the goal is for {SEARCH_GOAL_SIZE:,}): {total / 1024:.1f} KB",
        total <= SEARCH_GOAL,
    )


def search_only(sizes: list[int]) -> None:
    """One cold build per size, then the search bytes; no timing comparison."""
    searches: dict[int | str, tuple[int, dict[str, int], int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sys.path.insert(0, str(REPO))
        for size in sizes:
            data = synthesise(root / f"data-{size}", size)
            site = root / f"site-{size}"
            took = time_katalog(data, site, root / f"cache-{size}", cold=True)
            print(f"{size:>8} courses: built once in {took.wall:.1f} s (cpu {took.cpu:.1f} s)")
            searches[size] = search_bytes(site)
            shutil.rmtree(site, ignore_errors=True)
        shipped = root / "site-shipped"
        time_katalog(REPO / "courses", shipped, root / "cache-shipped", cold=True)
        searches["shipped"] = search_bytes(shipped, SHIPPED_QUERY)
    report_search(searches)
    text, met = search_verdict(searches, max(sizes))
    print(f"    {'met    ' if met else 'NOT MET'} {text}")


def growth(timings: dict[int, Timing], small: int, large: int) -> float:
    return timings[large].wall / timings[small].wall


if __name__ == "__main__":
    main()
