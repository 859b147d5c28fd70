""" "Hasil angkatan sebelumnya" on a course page: the published outcomes of its finished runs.

Counts come only from the public results file (``katalog build --results``), already suppressed
by ``katalog queue publish`` (:mod:`registrations.suppression`); a hidden count stays ``None``
and the template says so. A run whose outcome counts are all hidden is left out, and the table
is not shown at all when no run is left.
"""

from __future__ import annotations

from catalog.catalog import CourseRef
from catalog.status import RunStatus
from site_builder.context import SiteContext
from site_builder.fragments import Data


def rows(ctx: SiteContext, ref: CourseRef) -> list[Data]:
    """One row per finished run with published outcomes, newest first."""
    out: list[Data] = []
    for run_ref in reversed(ctx.course_runs(ref)):
        if ctx.status(run_ref) is not RunStatus.FINISHED:
            continue
        results = ctx.results_of(run_ref)
        outcomes = results.outcomes if results else None
        if outcomes is None:
            continue
        cells = [outcomes.completed, outcomes.certified, outcomes.working_or_business]
        if all(n is None for n in cells):
            continue  # everything small: nothing a resident could read
        out.append(
            {
                "run": run_ref.run.id,
                "accepted": results.counts["accepted"],
                "completed": outcomes.completed,
                "certified": outcomes.certified,
                "working_or_business": outcomes.working_or_business,
            }
        )
    return out
