"""`katalog queue verify`: check the whole store, never crash on a damaged line.

Reported (plain Indonesian, with the line number in the file store, or the registration number
in the database): torn, invalid or over-long lines; unknown format version; missing or unknown
fields; malformed registration number, time, status or NIK; status changes that do not follow
the registration's history; a registration number used twice; the same NIK twice for one run
(all from the store's own ``problems()``); then, from the catalog: runs not in the catalog,
course/center ids that do not match the run, registration times in the future. Messages never
contain a NIK, name or phone number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from catalog.catalog import Catalog
from catalog.dates import now_utc
from form_service.staff.common import number
from registrations.records import short, utc_text
from registrations.store import RegistrationStore


@dataclass
class VerifyReport:
    limit: int
    problems: list[tuple[str, str]] = field(default_factory=list)
    problem_count: int = 0
    lines: int = 0
    records: int = 0
    runs: set[str] = field(default_factory=set)

    def add(self, where: str, message: str) -> None:
        self.problem_count += 1
        if self.limit <= 0 or len(self.problems) < self.limit:
            self.problems.append((where, message))

    @property
    def clean(self) -> bool:
        return self.problem_count == 0

    def lines_out(self) -> list[str]:
        return [f"{where}: {message}" for where, message in self.problems]

    def summary(self) -> str:
        if self.clean and self.lines == 0:
            return "Antrean kosong: belum ada pendaftaran. Tidak ada masalah."
        if self.clean:
            return (
                f"Antrean baik: {number(self.records)} pendaftaran di "
                f"{number(len(self.runs))} angkatan, tidak ada masalah."
            )
        hidden = self.problem_count - len(self.problems)
        more = f" ({number(hidden)} tidak ditampilkan; pakai --limit 0)" if hidden else ""
        return (
            f"Ditemukan {number(self.problem_count)} masalah di antrean "
            f"({number(self.records)} pendaftaran){more}."
        )


def verify(
    store: RegistrationStore, catalog: Catalog, limit: int = 200, now: datetime | None = None
) -> VerifyReport:
    """Every problem of the store. A registration time later than a day after ``now`` (default:
    the clock) is a problem too: the server's clock was wrong, or the line was edited."""
    report = VerifyReport(limit=limit)
    latest = (now or now_utc()) + timedelta(days=1)
    for problem in store.problems():
        report.add(problem.where, problem.message)
    for registration in store.registrations():
        report.records += 1
        report.runs.add(registration.run_id)
        where = registration.id
        if registration.received_at > latest:
            report.add(
                where,
                f"waktu daftar {utc_text(registration.received_at)} masih di masa depan; periksa "
                "jam server formulir, atau apakah data ini pernah diubah",
            )
        ref = catalog.find_run(registration.run_id)
        if ref is None:
            report.add(where, f"angkatan {short(registration.run_id)} tidak ada di katalog")
        elif (registration.center_id, registration.course_id) != (ref.center.id, ref.course.id):
            report.add(
                where, f"center_id/course_id tidak cocok dengan angkatan {registration.run_id}"
            )
    report.lines = report.records
    return report
