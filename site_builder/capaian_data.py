"""The figures of the Capaian pages, per programme of ``courses/targets.yml``.

Planned seats and coverage come from the catalog (runs' seats, centers' kelurahan); outcome
counts come only from the public results file (``katalog build --results``), already
suppressed by ``katalog queue publish``. A programme total of an outcome is shown only when
every run's count is published; otherwise it stays hidden (``None``), so nothing the file hides
can be added back up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.catalog import RunRef
from catalog.models import Programme, TargetKind
from site_builder.context import SiteContext


@dataclass
class AreaFigures:
    """One kecamatan (or a whole programme): coverage from the catalog."""

    code: str
    name: str
    kelurahan_total: int
    kelurahan_covered: int = 0
    centers: int = 0
    seats: int = 0


@dataclass
class ProgrammeFigures:
    programme: Programme
    total: AreaFigures
    kecamatan: list[AreaFigures] = field(default_factory=list)
    runs: list[RunRef] = field(default_factory=list)
    # Outcomes summed over announced runs; None when a run's count is hidden.
    announced_runs: int = 0
    applicants: int = 0
    accepted: int = 0
    completed: int | None = 0
    certified: int | None = 0
    working_or_business: int | None = 0
    starter_packages: int | None = 0

    def target(self, kind: TargetKind) -> int | None:
        for target in self.programme.targets:
            if target.kind is kind:
                return target.value
        return None


def _add(total: int | None, n: int | None) -> int | None:
    return None if total is None or n is None else total + n


def programme_figures(ctx: SiteContext, programme: Programme) -> ProgrammeFigures:
    regions = ctx.catalog.regions
    villages = {v.code: v for code in programme.area for v in regions.villages_within(code)}
    centers = ctx.catalog.programme_centers(programme)
    center_ids = {c.id for c in centers}
    by_district: dict[str, AreaFigures] = {}
    for code in sorted(villages):
        district = regions.district_of(code)
        assert district is not None, code
        area = by_district.setdefault(district.code, AreaFigures(district.code, district.name, 0))
        area.kelurahan_total += 1
    covered = {c.village for c in centers if c.village in villages}
    for code in covered:
        by_district[regions.district_of(code).code].kelurahan_covered += 1  # type: ignore[union-attr]
    for center in centers:
        if center.village in villages:
            by_district[regions.district_of(center.village).code].centers += 1  # type: ignore[union-attr]
    runs = [r for r in ctx.run_refs if r.center.id in center_ids]
    for ref in runs:
        district = regions.district_of(ref.village)
        if district is not None and district.code in by_district:
            by_district[district.code].seats += ref.run.quota
    total = AreaFigures(
        ",".join(programme.area),
        programme.name,
        len(villages),
        len(covered),
        sum(a.centers for a in by_district.values()),
        sum(r.run.quota for r in runs),
    )
    figures = ProgrammeFigures(
        programme, total, sorted(by_district.values(), key=lambda a: a.name), runs
    )
    for ref in runs:
        results = ctx.results_of(ref)
        if results is None or results.outcomes is None:
            continue
        o = results.outcomes
        figures.announced_runs += 1
        figures.applicants += results.counts["applicants"]
        figures.accepted += results.counts["accepted"]
        figures.completed = _add(figures.completed, o.completed)
        figures.certified = _add(figures.certified, o.certified)
        figures.working_or_business = _add(figures.working_or_business, o.working_or_business)
        figures.starter_packages = _add(figures.starter_packages, o.starter_packages)
    return figures
