"""Time of `katalog queue publish`'s suppression with programme totals (issue 13), against the
same file without totals, in the same run.

Synthesises N ended runs of obviously fake participants ("Contoh Peserta <n>", through
:func:`form_service.staff.example_results.registrations`) with random small and large
outcome counts, all in one programme spread over 13 kecamatan and 40 kelurahan (the worst
case: every total ties all runs together), then times :func:`form_service.staff.publish.
announcement` without totals (baseline: per-run suppression only) and with them.

Figures on the 2-core helper machine, 2026-12-05: 200 runs 0.1 s / 1.1 s; 400 runs
0.3 s / 2.6 s; 1,000 runs (32,000 registrations) 0.7 s / 16 s. With the bounds check
(no small hidden count may have only one possible value, :mod:`registrations.suppression`),
same machine and hour, old and new code alternated: 400 runs 2.8 s before / 3.7 s after
(medians of 3); 1,000 runs 19 s / 29 s (one run each). The extra time is the bounds rounds
(43 at 1,000 runs: each hides a few more counts and checks the still-pinned counts again,
about 9 s) and the blocks found again each round (1.6 s); the linear pass is unchanged. The
check also hides more: at 400 runs the programme's ``self_employed`` total and 10 of 117
kecamatan figures (before: none), at 1,000 runs 4 programme figures. In this synthetic file a
kelurahan has one or two runs, so its totals repeat the runs' counts and a pinned count
can only be freed from the kecamatan up.

    .venv/bin/python benchmarks/publish_totals.py [--runs 400]
"""

from __future__ import annotations

import argparse
import random
import time

from form_service.staff.capaian_totals import ProgrammeRuns
from form_service.staff.example_results import GENERATED_AT, ExampleRun, registrations
from form_service.staff.publish import announcement
from registrations.outcomes import FollowUp


def synthetic(n: int, seed: int = 1) -> tuple[list, ProgrammeRuns]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    runs, layout = [], {}
    for i in range(n):
        run_id = f"contoh-{i % 40}/kursus-{i}/2026-1"
        passed, certified = rng.choice([0, 2, 3, 6, 9, 14]), rng.choice([0, 2, 3, 6, 9])
        failed = rng.choice([0, 1, 2, 3])
        failed += max(0, 5 - passed - certified - failed)
        left, six = passed + certified, []
        for answer in (FollowUp.WORKING, FollowUp.SELF_EMPLOYED, FollowUp.NOT_WORKING,
                       FollowUp.UNREACHABLE):  # fmt: skip
            k = rng.randint(0, left)
            six.append((answer, k))
            left -= k
        runs.append(
            ExampleRun(
                run_id,
                rejected=rng.choice([5, 9, 20, 40]),
                withdrawn=rng.choice([0, 1, 2, 5]),
                failed=failed,
                passed=passed,
                certified=certified,
                starter=rng.randint(0, 3),
                six=tuple(six),
            )  # fmt: skip
        )
        layout[run_id] = (f"3671{i % 13:02d}", f"3671{i % 13:02d}{i % 40:04d}")
    return registrations(tuple(runs)), ProgrammeRuns("contoh-program", layout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400)
    args = parser.parse_args()
    people, programme = synthetic(args.runs)
    started = time.perf_counter()
    announcement(people, GENERATED_AT, None)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    data = announcement(people, GENERATED_AT, [programme])
    with_totals = time.perf_counter() - started
    hidden = sum(1 for v in data["totals"]["programmes"][0].values() if v is None)
    print(f"{args.runs} runs, {len(people)} registrations")
    print(f"  baseline (runs only)   {baseline:7.2f} s")
    print(f"  with programme totals  {with_totals:7.2f} s  ({hidden} programme figures hidden)")


if __name__ == "__main__":
    main()
