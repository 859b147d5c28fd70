"""How `katalog check` scales with the number of courses.

Synthesises N courses (two runs each) spread over centers of 20 courses, then times
``load_catalog`` (what `katalog check` does) and, in the same run, a baseline that only parses the
same files with libyaml (``yaml.load`` with ``CSafeLoader``). Prints the median of several repetitions, ms per course, the
growth ratio and the ratio to the baseline.

Goal (issue 2): 1,000 courses checked in under 2 s on a 2-core machine, linear growth.

    .venv/bin/python benchmarks/check_scaling.py [--sizes 250 1000 4000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from catalog.load import load_catalog  # noqa: E402

TODAY = date(2026, 11, 23)
VILLAGES = ["3671011001", "3671021001", "3671051001", "3603052001", "3673011001"]

COURSE = """\
id: kursus-{n}
title: Kursus Contoh {n}
kejuruan: tata-boga
summary: Kursus sintetis untuk mengukur kecepatan pemeriksaan.
topics: [Materi satu, Materi dua, Materi tiga]
duration: {{workdays: 15, hours_per_day: 7}}
mode: offline
certification: {{body: BNSP}}
benefits: [Modul, Sertifikat]
eligibility:
  min_age: 18
  max_age: 45
  domicile: ["3671"]
  documents: [ktp, kk]
selection: interview
reviewed: 2026-11-20
runs:
  - id: 2027-1
    start: 2027-02-01
    registration: {{opens: 2026-11-16, closes: 2027-01-22}}
    quota: 20
  - id: 2027-2
    start: 2027-03-01
    registration: {{opens: 2027-01-04, closes: 2027-02-22}}
    quota: 20
    venue: {{name: Kantor Kelurahan, village: "{village}"}}
"""


def synthesise(root: Path, courses: int) -> Path:
    target = root / "courses"
    target.mkdir(parents=True)
    for name in ("dataset.yml", "agencies.yml", "kejuruan.yml"):
        shutil.copy(REPO / "courses" / name, target / name)
    for n in range(courses):
        center_id = f"pusat-{n // 20:04d}"
        folder = target / center_id
        if not folder.exists():
            folder.mkdir()
            (folder / "center.yml").write_text(
                f"id: {center_id}\nname: Pusat {n // 20}\nkind: blk\n"
                f'agency: disnaker-kota-tangerang\nvillage: "{VILLAGES[n % len(VILLAGES)]}"\n',
                encoding="utf-8",
            )
        village = VILLAGES[n % len(VILLAGES)]
        (folder / f"kursus-{n}.yml").write_text(
            COURSE.format(n=n, village=village), encoding="utf-8"
        )
    return target


def time_check(target: Path) -> float:
    start = time.perf_counter()
    result = load_catalog(target, today=TODAY, base=target.parent)
    elapsed = time.perf_counter() - start
    assert result.catalog is not None, result.problems[:3]
    return elapsed


def time_baseline(target: Path) -> float:
    start = time.perf_counter()
    for path in sorted(target.rglob("*.yml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'courses':>8} {'check s':>9} {'ms/course':>10} {'parse-only s':>12} {'vs baseline':>12}"
    )
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            target = synthesise(Path(tmp) / str(size), size)
            time_check(target)  # warm caches (regions, holidays) once, as a long-lived CI job would
            checks = statistics.median(time_check(target) for _ in range(args.repeat))
            base = statistics.median(time_baseline(target) for _ in range(args.repeat))
            results[size] = checks
            print(
                f"{size:>8} {checks:>9.3f} {checks / size * 1000:>10.2f} {base:>12.3f} "
                f"{checks / base:>11.2f}x"
            )
    sizes = sorted(results)
    for small, large in zip(sizes, sizes[1:], strict=False):
        growth = results[large] / results[small]
        print(f"t({large})/t({small}) = {growth:.2f} (linear would be {large / small:.2f})")
    if 1000 in results:
        verdict = "OK" if results[1000] < 2.0 else "TOO SLOW"
        print(f"goal: 1,000 courses in under 2 s -> {results[1000]:.2f} s {verdict}")


if __name__ == "__main__":
    main()
