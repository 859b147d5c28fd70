"""The figures of the Capaian pages, per programme of ``courses/targets.yml``, and per
kecamatan and kelurahan/desa of its area.

Planned seats and coverage come from the catalog (runs' seats, centers' kelurahan); outcome
counts come only from the public results file (``katalog build --results``). Since version 3
that file carries the totals per programme, kecamatan and kelurahan, suppressed by ``katalog
queue publish`` together with the run counts (:mod:`form_service.staff.capaian_totals`); this
module only reads them and never adds hidden counts back up. With an older file (version 2)
only the programme total is summed here from the runs, hidden when any run's count is hidden.

A run belongs to the kelurahan of its center (the same place the coverage figure counts),
like in the published totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from catalog.catalog import RunRef
from catalog.models import AccreditationStatus, Programme, TargetKind
from site_builder.results import AreaTotals

if TYPE_CHECKING:
    from site_builder.context import SiteContext

# Targets counted per kelurahan: a programme with one of them gets a row per kelurahan.
KELURAHAN_TARGETS = frozenset(
    {
        TargetKind.KELURAHAN_COVERED,
        TargetKind.COURSES_PER_KELURAHAN,
        TargetKind.CENTERS_PER_KELURAHAN,
    }
)
ACCREDITED = frozenset({AccreditationStatus.A, AccreditationStatus.B, AccreditationStatus.C})


@dataclass
class Outcomes:
    """Published outcome counts of an area (``None``: hidden), and the seats of the runs they
    come from (from the catalog, for "pendaftar per kursi")."""

    runs: int
    applicants: int
    accepted: int
    completed: int | None
    certified: int | None
    working_or_business: int | None
    self_employed: int | None
    starter_packages: int | None
    seats: int = 0

    @classmethod
    def of(cls, totals: AreaTotals, seats: int) -> Outcomes:
        return cls(
            totals.runs,
            totals.applicants,
            totals.accepted,
            totals.completed,
            totals.certified,
            totals.working_or_business,
            totals.self_employed,
            totals.starter_packages,
            seats,
        )

    @property
    def per_seat(self) -> float | None:
        return self.applicants / self.seats if self.seats else None


@dataclass
class AreaFigures:
    """One kecamatan or kelurahan/desa of a programme (or the whole programme)."""

    code: str
    name: str
    kelurahan_total: int  # kelurahan/desa in the area (1 for a kelurahan)
    kelurahan_covered: int = 0
    centers: int = 0
    accredited: int = 0
    seats: int = 0
    runs: int = 0
    courses: int = 0
    seats_per_run_ok: int = 0  # runs with at least the promised seats (when promised)
    district: str = ""  # a kelurahan's kecamatan name
    district_code: str = ""
    outcomes: Outcomes | None = None
    course_ids: set[str] = field(default_factory=set, repr=False)


@dataclass
class ProgrammeFigures:
    programme: Programme
    total: AreaFigures
    kecamatan: list[AreaFigures] = field(default_factory=list)
    kelurahan: list[AreaFigures] = field(default_factory=list)
    runs: list[RunRef] = field(default_factory=list)
    by_year: dict[int, Outcomes] = field(default_factory=dict)  # outcomes by the runs' end year

    def target(self, kind: TargetKind) -> int | None:
        for target in self.programme.targets:
            if target.kind is kind:
                return target.value
        return None

    @property
    def per_kelurahan(self) -> bool:
        return any(t.kind in KELURAHAN_TARGETS for t in self.programme.targets)


def _add(total: int | None, n: int | None) -> int | None:
    return None if total is None or n is None else total + n


def _summed(ctx: SiteContext, runs: list[RunRef]) -> Outcomes | None:
    """Outcomes summed over runs from their own published counts (a version 2 file, or the
    years): hidden when any run's count is hidden, so nothing hidden is added back up."""
    out = None
    for ref in runs:
        results = ctx.results_of(ref)
        if results is None or results.outcomes is None:
            continue
        o = results.outcomes
        if out is None:
            out = Outcomes(0, 0, 0, 0, 0, 0, 0, 0)
        out.runs += 1
        out.applicants += results.counts["applicants"]
        out.accepted += results.counts["accepted"]
        out.seats += ref.run.quota
        out.completed = _add(out.completed, o.completed)
        out.certified = _add(out.certified, o.certified)
        out.working_or_business = _add(out.working_or_business, o.working_or_business)
        out.self_employed = _add(out.self_employed, o.followup_6["self_employed"])
        out.starter_packages = _add(out.starter_packages, o.starter_packages)
    return out


def programme_figures(ctx: SiteContext, programme: Programme) -> ProgrammeFigures:
    regions = ctx.catalog.regions
    villages = {v.code: v for code in programme.area for v in regions.villages_within(code)}
    centers = ctx.catalog.programme_centers(programme)
    center_ids = {c.id for c in centers}
    seats_target = None
    for target in programme.targets:
        if target.kind is TargetKind.SEATS_PER_COURSE:
            seats_target = target.value
    by_district: dict[str, AreaFigures] = {}
    by_village: dict[str, AreaFigures] = {}
    for code in sorted(villages):
        district = regions.district_of(code)
        assert district is not None, code
        area = by_district.setdefault(district.code, AreaFigures(district.code, district.name, 0))
        area.kelurahan_total += 1
        village = villages[code]
        by_village[code] = AreaFigures(
            code,
            f"{(village.kind or 'desa').capitalize()} {village.name}",
            1,
            district=district.name,
            district_code=district.code,
        )
    for center in centers:
        if center.village not in villages:
            continue
        accredited = int(
            center.accreditation is not None and center.accreditation.status in ACCREDITED
        )
        for area in (by_village[center.village], by_district[center.village[:6]]):
            area.centers += 1
            area.accredited += accredited
    for code, area in by_village.items():
        if area.centers:
            area.kelurahan_covered = 1
            by_district[code[:6]].kelurahan_covered += 1
    runs = [r for r in ctx.run_refs if r.center.id in center_ids]
    for ref in runs:
        for area in (by_village.get(ref.center.village), by_district.get(ref.center.village[:6])):
            if area is None:
                continue
            area.seats += ref.run.quota
            area.runs += 1
            area.course_ids.add(f"{ref.center.id}/{ref.course.id}")
            if seats_target is not None and ref.run.quota >= seats_target:
                area.seats_per_run_ok += 1
    for area in (*by_village.values(), *by_district.values()):
        area.courses = len(area.course_ids)
    total = AreaFigures(
        ",".join(programme.area),
        programme.name,
        len(villages),
        sum(a.kelurahan_covered for a in by_district.values()),
        sum(a.centers for a in by_district.values()),
        sum(a.accredited for a in by_district.values()),
        sum(r.run.quota for r in runs),
        len(runs),
        len({f"{r.center.id}/{r.course.id}" for r in runs}),
        sum(1 for r in runs if seats_target is not None and r.run.quota >= seats_target),
    )
    figures = ProgrammeFigures(
        programme,
        total,
        sorted(by_district.values(), key=lambda a: a.name),
        sorted(by_village.values(), key=lambda a: (a.district, a.name)),
        runs,
    )
    _outcomes(ctx, figures, runs, by_district, by_village)
    years: dict[int, list[RunRef]] = {}
    for ref in runs:
        years.setdefault(ref.run.end.year, []).append(ref)
    for year, refs in sorted(years.items()):
        summed = _summed(ctx, refs)
        if summed is not None:
            figures.by_year[year] = summed
    return figures


def _outcomes(
    ctx: SiteContext,
    figures: ProgrammeFigures,
    runs: list[RunRef],
    by_district: dict[str, AreaFigures],
    by_village: dict[str, AreaFigures],
) -> None:
    results = ctx.results
    if results is None:
        return
    if results.totals is None:  # version 2: the programme total only, summed from the runs
        figures.total.outcomes = _summed(ctx, runs)
        return
    totals = results.totals.get(figures.programme.id)
    if totals is None:
        return
    seats: dict[str, int] = {}
    for ref in runs:
        if ctx.results_of(ref) is not None:
            for code in ("", ref.center.village, ref.center.village[:6]):
                seats[code] = seats.get(code, 0) + ref.run.quota
    figures.total.outcomes = Outcomes.of(totals.total, seats.get("", 0))
    for code, area in totals.kecamatan.items():
        if code in by_district:
            by_district[code].outcomes = Outcomes.of(area, seats.get(code, 0))
    for code, area in totals.kelurahan.items():
        if code in by_village:
            by_village[code].outcomes = Outcomes.of(area, seats.get(code, 0))
