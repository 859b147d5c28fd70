"""The loaded catalog: every center, course and run, with their relations resolved.

Build it with :func:`catalog.load.load_catalog`; every object in it is immutable and valid.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from catalog.models import Agency, Center, Course, Dataset, Kejuruan, Programme, Run
from catalog.regions import Regions


@dataclass(frozen=True)
class CourseRef:
    """A course together with the center that offers it."""

    center: Center
    course: Course

    @property
    def public_id(self) -> str:
        return f"{self.center.id}/{self.course.id}"

    @property
    def organiser_id(self) -> str:
        return self.course.organiser or self.center.agency

    def runs(self) -> list[RunRef]:
        return [RunRef(self.center, self.course, run) for run in self.course.runs]


@dataclass(frozen=True)
class RunRef:
    """One run (angkatan) in its context. ``public_id`` appears in URLs and the queue."""

    center: Center
    course: Course
    run: Run

    @property
    def public_id(self) -> str:
        return f"{self.center.id}/{self.course.id}/{self.run.id}"

    @property
    def course_ref(self) -> CourseRef:
        return CourseRef(self.center, self.course)

    @property
    def end(self) -> date:
        """Last day of the run; the loader always fills it in."""
        assert self.run.end is not None
        return self.run.end

    @property
    def village(self) -> str:
        """Where the run takes place: the venue's kelurahan/desa, else the center's."""
        return self.run.venue.village if self.run.venue else self.center.village


@dataclass(frozen=True)
class Catalog:
    dataset: Dataset
    regions: Regions
    agencies: Mapping[str, Agency]
    kejuruan: Mapping[str, Kejuruan]
    centers: Mapping[str, Center]
    # center id -> its courses, in file-name order
    center_courses: Mapping[str, tuple[Course, ...]]
    _runs: dict[str, RunRef] = field(default_factory=dict, repr=False)
    # programme id -> the programme and its targets (courses/targets.yml; may be empty)
    programmes: Mapping[str, Programme] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for ref in self.courses():
            for run_ref in ref.runs():
                self._runs[run_ref.public_id] = run_ref

    def courses(self) -> Iterator[CourseRef]:
        for center_id, courses in self.center_courses.items():
            center = self.centers[center_id]
            for course in courses:
                yield CourseRef(center, course)

    def runs(self) -> Iterator[RunRef]:
        return iter(self._runs.values())

    def find_course(self, center_id: str, course_id: str) -> CourseRef | None:
        for course in self.center_courses.get(center_id, ()):
            if course.id == course_id:
                return CourseRef(self.centers[center_id], course)
        return None

    def find_run(self, public_id: str) -> RunRef | None:
        """Look up ``<center>/<course>/<run>``."""
        return self._runs.get(public_id)

    def courses_of_center(self, center_id: str) -> list[CourseRef]:
        center = self.centers[center_id]
        return [CourseRef(center, c) for c in self.center_courses.get(center_id, ())]

    def programme_centers(self, programme: Programme) -> list[Center]:
        """The centers whose runs count for ``programme``: every condition of its ``scope``
        holds and the center's kelurahan/desa lies in its ``area``."""
        scope = programme.scope
        found = []
        for center in self.centers.values():
            if scope.agencies and center.agency not in scope.agencies:
                continue
            if scope.kinds and center.kind not in scope.kinds:
                continue
            if scope.centers and center.id not in scope.centers:
                continue
            if not any(center.village.startswith(code) for code in programme.area):
                continue
            found.append(center)
        return found

    @property
    def counts(self) -> tuple[int, int, int]:
        """(centers, courses, runs)."""
        courses = sum(len(c) for c in self.center_courses.values())
        return len(self.centers), courses, len(self._runs)
