"""How `katalog check` scales with the number of courses.

Synthesises N courses (benchmarks/synthetic.py: two runs each, centers of 20 courses), then times
``load_catalog`` (what `katalog check` does) and, in the same run, a baseline that only parses the
same files with libyaml (``yaml.load`` with ``CSafeLoader``). Prints the median of several repetitions, ms per course, the
growth ratio and the ratio to the baseline.

Goal (issue 2): 1,000 courses checked in under 2 s on a 2-core machine, linear growth.

    .venv/bin/python benchmarks/check_scaling.py [--sizes 250 1000 4000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synthetic import synthesise  # noqa: E402

from catalog.load import load_catalog  # noqa: E402

TODAY = date(2026, 11, 23)


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
