"""Size of /cari/'s eligibility data: the shipped data, and 10,000 synthetic courses
(benchmarks/synthetic.py, two runs each), as built and with every course made different
(titles, ages, domicile, groups, dates), which is what gzip finds hardest.

For each, in the same run: the one file with every run (``cari/kelayakan.json``, what the page
loaded before its first result until the split, and still loads when the resident asks why
other runs are not listed); the old layout, one whole file per kecamatan of residence, which
the page loaded before its first result until the lists were cut into parts; and the new one,
each kecamatan's list in parts (``eligibility_data.FIRST_PART_RUNS`` runs, then
``PART_RUNS`` a part) in the order the list shows them, of which the page loads the first before its first result: the largest and the
median. The synthesised courses all accept Kota Tangerang's residents (``domicile:
["3671"]``), so there every Kota Tangerang kecamatan list holds every run; the "every course
different" data draws each course's domicile from a region, a kecamatan or a kelurahan at
random.

The page itself (HTML, theme CSS and JS, cari.js) comes on top, the same at any number of
courses: with ``--site`` (a site built by ``katalog build``) it is measured there and added to
the largest kecamatan file, for the whole download before the first result.

    python benchmarks/cari_data.py [--courses 10000] [--site site]
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "benchmarks"))  # build_scaling, as it is run

from benchmarks.synthetic import synthesise  # noqa: E402
from catalog.catalog import RunRef  # noqa: E402
from catalog.load import require_catalog  # noqa: E402
from catalog.models import TargetGroup  # noqa: E402
from site_builder import eligibility_data  # noqa: E402
from site_builder.context import SiteContext  # noqa: E402

TODAY = date(2026, 11, 23)


def sizes(text: str) -> str:
    raw = text.encode("utf-8")
    return f"{len(raw):>10,} bytes, {len(gzip.compress(raw, 9)):>8,} gzip -9"


def varied(ctx: SiteContext, seed: int = 14) -> list[RunRef]:
    """Every run of the catalog with its course's rules, title and dates changed at random."""
    rng = random.Random(seed)
    villages = sorted(ctx.villages)
    groups = list(TargetGroup)
    result = []
    for ref in eligibility_data.runs_for(ctx):
        low = rng.choice([15, 16, 17, 18, 18, 18, 21])
        rules = ref.course.eligibility.model_copy(
            update={
                "min_age": low,
                "max_age": rng.choice([None, 35, 40, 45, 45, 50, 55]),
                "domicile": (rng.choice(villages)[: rng.choice([4, 6, 10, 10, 10])],),
                "target_groups": tuple(rng.sample(groups, rng.choice([0, 0, 0, 1, 2]))),
            }
        )
        course = ref.course.model_copy(
            update={"eligibility": rules, "title": f"Pelatihan {rng.randrange(10**6)}"}
        )
        shift = timedelta(days=rng.randrange(300))
        registration = ref.run.registration.model_copy(
            update={
                "opens": ref.run.registration.opens + shift,
                "closes": ref.run.registration.closes + shift,
            }
        )
        run = ref.run.model_copy(
            update={
                "start": ref.run.start + shift,
                "end": ref.end + shift,
                "registration": registration,
            }
        )
        result.append(RunRef(ref.center, course, run))
    return result


def gzipped(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9))


def split_sizes(
    ctx: SiteContext, runs: list[RunRef], parts: eligibility_data.Parts
) -> tuple[str, int]:
    """The largest and the median first part of a kecamatan's list, gzip -9 (with its number
    of runs, and how many files the list has), and all the files of the largest list; and the
    largest first part's size."""
    lists = eligibility_data.district_data(ctx, runs, parts)
    by_size = sorted(
        (
            gzipped(eligibility_data.as_json(files[0])),
            district,
            len(files[0]["runs"]),
            len(files),
            sum(len(part["runs"]) for part in files),
            sum(gzipped(eligibility_data.as_json(part)) for part in files),
        )
        for district, files in lists.items()
    )
    top, median = by_size[-1], by_size[len(by_size) // 2]
    text = (
        f"largest {top[0]:>8,} gzip -9 ({top[1]}, {top[2]:,} of {top[4]:,} runs; "
        f"{top[3]} file{'s' if top[3] > 1 else ''}, {top[5]:,} in all), median {median[0]:>8,} "
        f"({median[2]:,} of {median[4]:,} runs)"
    )
    return text, top[0]


def report(label: str, ctx: SiteContext, runs: list[RunRef], page: int | None) -> None:
    print(f"   {label}:")
    print("      one file:   ", sizes(eligibility_data.data_json(ctx, runs)))
    layouts = [
        ("old: one file per kecamatan", None),
        (
            f"new: first part ({eligibility_data.FIRST_PART_RUNS:,} runs)",
            (eligibility_data.FIRST_PART_RUNS, eligibility_data.PART_RUNS),
        ),
    ]
    for name, parts in layouts:
        text, largest = split_sizes(ctx, runs, parts)
        print(f"      {name}: {text}")
        if page is not None:
            print(
                f"         before the first result: page {page:,} + {largest:,} "
                f"= {(page + largest) / 1024:.1f} KB gzip (goal <= 100 KB)"
            )


def page_weight(site: Path) -> int:
    """gzip bytes of /cari/ and the CSS/JS it loads (benchmarks/build_scaling.py first_load)."""
    from build_scaling import first_load

    total, parts = first_load(site, site / "cari" / "index.html")
    print(f"/cari/ in {site}: {total:,} B gzip -6 before its data")
    for part in parts:
        print(f"    {part} B")
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=10_000)
    parser.add_argument("--site", type=Path, help="a built site, to weigh the /cari/ page")
    args = parser.parse_args()
    page = page_weight(args.site) if args.site else None
    shipped = SiteContext(require_catalog(REPO / "courses", today=TODAY), TODAY)
    print(f"shipped ({len(eligibility_data.runs_for(shipped))} runs):")
    report("as shipped", shipped, eligibility_data.runs_for(shipped), page)
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        data = synthesise(Path(work), args.courses)
        ctx = SiteContext(require_catalog(data, today=TODAY), TODAY)
        loaded = time.perf_counter() - started
        runs = eligibility_data.runs_for(ctx)
        started = time.perf_counter()
        eligibility_data.data_json(ctx, runs)
        one = time.perf_counter() - started
        started = time.perf_counter()
        eligibility_data.data_files(ctx)
        took = time.perf_counter() - started
        print(f"{args.courses:,} synthetic courses ({len(runs):,} runs; loaded in {loaded:.1f} s;")
        print(f"  the one file made in {one:.2f} s, it and the kecamatan lists in {took:.2f} s):")
        report("as synthesised", ctx, runs, page)
        report("every course different", ctx, varied(ctx), page)
    print("Goal: <= 100 KB gzip before the first result at 10,000 courses; the page loads the")
    print("first part of one kecamatan's list before it (the largest is the worst case), the")
    print("other parts after it, the one file only on request.")


if __name__ == "__main__":
    main()
