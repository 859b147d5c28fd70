"""What every page generator needs: the catalog, the build date and the site's settings.

Everything derived from the whole catalog (runs per kejuruan, per kecamatan, by month) is
computed once here, so each page costs time proportional to its own content only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from catalog.catalog import Catalog, CourseRef, RunRef
from catalog.regions import Region
from catalog.status import RunStatus, run_status
from site_builder import urls
from site_builder.results import Results, RunResults
from site_builder.stats import RunCounts, Stats

# The regions the catalogue serves: every kecamatan and kelurahan/desa in them has a page.
SERVED_REGENCIES = ("3603", "3671", "3673")  # Kab. Tangerang, Kota Tangerang, Kota Serang
STATUS_ORDER = {
    RunStatus.OPEN: 0,
    RunStatus.UPCOMING: 1,
    RunStatus.CLOSED: 2,
    RunStatus.FINISHED: 3,
}

# /pelatihan/ (site_builder/course_list_page.py): courses per page, and per file of the data its
# filters read. Tests make them small to get several pages and files out of little data.
LIST_PAGE_SIZE = 50
LIST_CHUNK_SIZE = 500


@dataclass
class SiteContext:
    catalog: Catalog
    today: date  # WIB; decides every status shown at build time
    base_url: str = ""  # absolute site URL ending in "/", or "" when unknown
    form_url: str = ""  # form service root without trailing "/"; "" = same host as the site
    stats: Stats | None = None
    results: Results | None = None  # selection results to announce (``--results``)
    list_page_size: int = LIST_PAGE_SIZE
    list_chunk_size: int = LIST_CHUNK_SIZE
    _status: dict[str, RunStatus] = field(default_factory=dict, repr=False)
    _next_runs: dict[str, RunRef | None] = field(default_factory=dict, init=False, repr=False)
    _ranks: dict[str, tuple[int, str, str]] = field(default_factory=dict, init=False, repr=False)

    def status(self, ref: RunRef) -> RunStatus:
        key = ref.public_id
        if key not in self._status:
            self._status[key] = run_status(ref.run, self.today)
        return self._status[key]

    def counts(self, ref: RunRef) -> RunCounts | None:
        return self.stats.runs.get(ref.public_id) if self.stats else None

    def results_of(self, ref: RunRef) -> RunResults | None:
        return self.results.runs.get(ref.public_id) if self.results else None

    @cached_property
    def capaian(self):  # type: ignore[no-untyped-def]
        """Programme id -> its :class:`site_builder.capaian_data.ProgrammeFigures` (the Capaian
        pages and the kecamatan and kelurahan pages share them)."""
        from site_builder.capaian_data import programme_figures

        return {
            pid: programme_figures(self, programme)
            for pid, programme in self.catalog.programmes.items()
        }

    @cached_property
    def announced(self) -> list[RunRef]:
        """Runs of the catalog with published selection results, newest start first."""
        refs = [ref for ref in self.run_refs if self.results_of(ref) is not None]
        return sorted(refs, key=lambda r: (r.run.start, r.public_id), reverse=True)

    def absolute(self, url: str) -> str:
        """The public address of a site-relative URL (relative when no base URL is known)."""
        return self.base_url + url if self.base_url else "/" + url

    @cached_property
    def course_refs(self) -> list[CourseRef]:
        return list(self.catalog.courses())

    @cached_property
    def run_refs(self) -> list[RunRef]:
        return sorted(self.catalog.runs(), key=lambda r: (r.run.start, r.course.title, r.public_id))

    @cached_property
    def courses_by_kejuruan(self) -> dict[str, list[CourseRef]]:
        result: dict[str, list[CourseRef]] = defaultdict(list)
        for ref in self.course_refs:
            result[ref.course.kejuruan].append(ref)
        for refs in result.values():
            refs.sort(key=lambda r: (r.course.title, r.public_id))
        return result

    def district(self, village_code: str) -> Region:
        region = self.catalog.regions.district_of(village_code)
        assert region is not None, village_code  # the loader checks every village code
        return region

    @cached_property
    def districts(self) -> dict[str, Region]:
        """Every kecamatan of the served regencies, and any other where a run is held or a
        center stands, by code."""
        regions = self.catalog.regions
        codes = {d.code for regency in SERVED_REGENCIES for d in regions.children(regency)}
        codes |= {r.village[:6] for r in self.run_refs}
        codes |= {c.village[:6] for c in self.catalog.centers.values()}
        return {code: self.district(code + "0000") for code in sorted(codes)}

    @cached_property
    def villages(self) -> dict[str, Region]:
        """Every kelurahan/desa of the served regencies, by code: each has a page."""
        regions = self.catalog.regions
        return {
            v.code: v
            for regency in SERVED_REGENCIES
            for d in regions.children(regency)
            for v in sorted(regions.children(d.code), key=lambda v: v.code)
        }

    def village_url(self, code: str) -> str:
        return urls.kelurahan(self.villages[code])

    @cached_property
    def _courses_by_domicile(self) -> dict[str, list[CourseRef]]:
        """Courses by each region code their residents must live in; "" for no restriction."""
        result: dict[str, list[CourseRef]] = defaultdict(list)
        for ref in self.course_refs:
            for code in ref.course.eligibility.domicile or ("",):
                result[code].append(ref)
        return result

    def courses_for_residents(self, village: str) -> tuple[list[CourseRef], list[CourseRef]]:
        """What residents of ``village`` may join, as far as where they live decides
        (catalog.eligibility.accepts_village): courses for their area (kelurahan, kecamatan,
        city), and courses open to residents of anywhere. Each ordered by :meth:`rank`."""
        by_code = self._courses_by_domicile
        local: dict[str, CourseRef] = {}
        for length in (2, 4, 6, 10):
            for ref in by_code.get(village[:length], ()):
                local.setdefault(ref.public_id, ref)
        return sorted(local.values(), key=self.rank), sorted(by_code.get("", ()), key=self.rank)

    def rank(self, ref: CourseRef) -> tuple[int, str, str]:
        """Open registration first (nearest deadline first), then opening soon, then the rest.
        Kept per course: every kecamatan and kelurahan page sorts by it."""
        key = self._ranks.get(ref.public_id)
        if key is None:
            key = self._ranks[ref.public_id] = self._rank(ref)
        return key

    def _rank(self, ref: CourseRef) -> tuple[int, str, str]:
        nxt = self.next_run(ref)
        if nxt is None:
            return (9, "", ref.course.title)
        status = self.status(nxt)
        reg = nxt.run.registration
        day = reg.closes if status is RunStatus.OPEN else reg.opens
        return (STATUS_ORDER[status], day.isoformat(), ref.course.title)

    @cached_property
    def courses_by_district(self) -> dict[str, list[CourseRef]]:
        """Courses with at least one run held in the kecamatan (venue, else the center)."""
        result: dict[str, dict[str, CourseRef]] = defaultdict(dict)
        for ref in self.run_refs:
            course_ref = ref.course_ref
            result[ref.village[:6]].setdefault(course_ref.public_id, course_ref)
        return {
            code: sorted(refs.values(), key=lambda r: (r.course.title, r.public_id))
            for code, refs in result.items()
        }

    @cached_property
    def centers_by_district(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for center in sorted(self.catalog.centers.values(), key=lambda c: c.name):
            result[center.village[:6]].append(center.id)
        return result

    def kecamatan_url(self, code: str) -> str:
        return urls.kecamatan(self.districts[code])

    def course_runs(self, ref: CourseRef) -> list[RunRef]:
        return sorted(ref.runs(), key=lambda r: (r.run.start, r.run.id))

    def next_run(self, ref: CourseRef) -> RunRef | None:
        """The run a resident cares about: open now, else the next to open, else the latest.
        Kept per course: most pages that list a course show it."""
        if ref.public_id not in self._next_runs:
            self._next_runs[ref.public_id] = self._next_run(ref)
        return self._next_runs[ref.public_id]

    def _next_run(self, ref: CourseRef) -> RunRef | None:
        runs = self.course_runs(ref)
        for wanted in (RunStatus.OPEN, RunStatus.UPCOMING, RunStatus.CLOSED):
            for run in runs:
                if self.status(run) is wanted:
                    return run
        return runs[-1] if runs else None
