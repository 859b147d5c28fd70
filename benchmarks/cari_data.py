"""Size of /cari/'s eligibility data (cari/kelayakan.json): the shipped data, and 10,000
synthetic courses (benchmarks/synthetic.py, two runs each), as built and with every course
made different (titles, ages, domicile, groups, dates), which is what gzip finds hardest.

    python benchmarks/cari_data.py [--courses 10000]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=10_000)
    args = parser.parse_args()
    shipped = SiteContext(require_catalog(REPO / "courses", today=TODAY), TODAY)
    print(f"shipped ({len(eligibility_data.runs_for(shipped))} runs):")
    print("  ", sizes(eligibility_data.data_json(shipped)))
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        data = synthesise(Path(work), args.courses)
        ctx = SiteContext(require_catalog(data, today=TODAY), TODAY)
        loaded = time.perf_counter() - started
        runs = eligibility_data.runs_for(ctx)
        started = time.perf_counter()
        text = eligibility_data.data_json(ctx)
        took = time.perf_counter() - started
        print(f"{args.courses:,} synthetic courses ({len(runs):,} runs; loaded in {loaded:.1f} s,")
        print(f"  data made in {took:.2f} s):")
        print("   as synthesised:", sizes(text))
        print("   every course different:", sizes(eligibility_data.data_json(ctx, varied(ctx))))
    print("Goal: <= 100 KB gzip before the first result at 10,000 courses. Not met by one file;")
    print("next step: one file per kecamatan of residence (the runs its residents may join by")
    print("address), loaded for the chosen kelurahan only.")


if __name__ == "__main__":
    main()
