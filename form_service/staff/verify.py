"""`katalog queue verify`: check every line of the queue file, never crash on a damaged one.

Reported (plain Indonesian, with the line number): torn, invalid or over-long lines; unknown format
version; missing or unknown fields; malformed registration number, time, status or NIK; runs not in
the catalog; course/center ids that do not match the run; a registration number used twice; the
same NIK twice for one run. Messages never contain a NIK, name or phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from catalog.catalog import Catalog
from catalog.dates import now_utc
from form_service.queue import (
    APPLICANT_KEYS,
    CONSENT_KEYS,
    FORMAT_VERSION,
    STATUSES,
    TOP_KEYS,
    QueueLine,
    parse_registration_id,
)
from form_service.staff.common import number, parse_received_at

# For the common case, a complete record: one set comparison instead of two scans per object.
_TOP_SET, _APPLICANT_SET, _CONSENT_SET = map(frozenset, (TOP_KEYS, APPLICANT_KEYS, CONSENT_KEYS))
_NIK_RE = re.compile(r"[0-9]{16}")


@dataclass
class VerifyReport:
    limit: int
    problems: list[tuple[int, str]] = field(default_factory=list)
    problem_count: int = 0
    lines: int = 0
    records: int = 0
    runs: set[str] = field(default_factory=set)

    def add(self, line_no: int, message: str) -> None:
        self.problem_count += 1
        if self.limit <= 0 or len(self.problems) < self.limit:
            self.problems.append((line_no, message))

    @property
    def clean(self) -> bool:
        return self.problem_count == 0

    def lines_out(self) -> list[str]:
        return [f"baris {line_no}: {message}" for line_no, message in self.problems]

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
            f"Ditemukan {number(self.problem_count)} masalah di {number(self.lines)} baris "
            f"antrean{more}."
        )


def verify(
    lines: Iterable[QueueLine], catalog: Catalog, limit: int = 200, now: datetime | None = None
) -> VerifyReport:
    """Every problem of the queue, by line. A registration time later than a day after ``now``
    (default: the clock) is a problem too: the server's clock was wrong, or the line was edited."""
    report = VerifyReport(limit=limit)
    latest = (now or now_utc()) + timedelta(days=1)
    first_line_of_id: dict[int | str, int] = {}
    first_line_of_pair: dict[int, int] = {}
    run_numbers: dict[str, int] = {}
    for line in lines:
        report.lines = line.line_no
        if line.record is None:
            report.add(line.line_no, line.problem or "baris rusak")
            continue
        record = line.record
        report.records += 1
        rid = record.get("id")
        id_value = parse_registration_id(rid) if isinstance(rid, str) else None
        for message in _record_problems(record, catalog, id_value is not None):
            report.add(line.line_no, message)
        received = parse_received_at(record.get("received_at"))
        if received is not None and received > latest:
            report.add(
                line.line_no,
                f"waktu daftar {record['received_at']} masih di masa depan; periksa jam server "
                "formulir, atau apakah baris ini pernah diubah",
            )
        run_id = record.get("run_id")
        if isinstance(run_id, str):
            report.runs.add(run_id)
        if isinstance(rid, str):
            key = rid if id_value is None else id_value
            first = first_line_of_id.setdefault(key, line.line_no)
            if first != line.line_no:
                report.add(line.line_no, f"nomor pendaftaran {rid} sudah dipakai di baris {first}")
        applicant = record.get("applicant")
        nik = applicant.get("nik") if isinstance(applicant, dict) else None
        if isinstance(nik, str) and _NIK_RE.fullmatch(nik) and isinstance(run_id, str):
            run_no = run_numbers.setdefault(run_id, len(run_numbers))
            pair = (int(nik) << 24) | run_no
            first = first_line_of_pair.setdefault(pair, line.line_no)
            if first != line.line_no:
                report.add(
                    line.line_no,
                    f"NIK yang sama sudah terdaftar untuk angkatan {run_id} di baris {first}",
                )
    return report


def _record_problems(record: dict, catalog: Catalog, id_ok: bool) -> list[str]:
    """The problems of one record; ``id_ok``: its ``id`` is a well-formed registration number."""
    version = record.get("v")
    if version != FORMAT_VERSION:
        return [f"versi format {version!r} tidak dikenal (seharusnya {FORMAT_VERSION})"]
    problems = []
    missing: list[str] = []
    unknown: list[str] = []
    if record.keys() != _TOP_SET:
        missing = [k for k in TOP_KEYS if k not in record]
        unknown = [k for k in record if k not in _TOP_SET]
    applicant = record.get("applicant")
    if isinstance(applicant, dict):
        if applicant.keys() != _APPLICANT_SET:
            missing += [f"applicant.{k}" for k in APPLICANT_KEYS if k not in applicant]
            unknown += [f"applicant.{k}" for k in applicant if k not in _APPLICANT_SET]
    elif "applicant" in record:
        problems.append("applicant bukan objek")
    consent = record.get("consent")
    if isinstance(consent, dict):
        if consent.keys() != _CONSENT_SET:
            missing += [f"consent.{k}" for k in CONSENT_KEYS if k not in consent]
            unknown += [f"consent.{k}" for k in consent if k not in _CONSENT_SET]
    elif "consent" in record:
        problems.append("consent bukan objek")
    if missing:
        problems.append("kolom wajib tidak ada: " + ", ".join(missing))
    if unknown:
        problems.append("kolom tidak dikenal: " + ", ".join(_short(k) for k in unknown))
    rid = record.get("id")
    if "id" in record and not id_ok:
        problems.append(f"nomor pendaftaran tidak sah: {_short(rid)}")
    if "received_at" in record and parse_received_at(record.get("received_at")) is None:
        problems.append("waktu daftar tidak sah (harus UTC seperti 2027-01-05T02:31:07Z)")
    status = record.get("status")
    if "status" in record and status not in STATUSES:
        problems.append(f"status tidak dikenal: {_short(status)} (harus registered atau waitlist)")
    if isinstance(applicant, dict) and "nik" in applicant:
        nik = applicant.get("nik")
        if not isinstance(nik, str) or not _NIK_RE.fullmatch(nik):
            problems.append("NIK bukan 16 angka")
    run_id = record.get("run_id")
    if isinstance(run_id, str):
        ref = catalog.find_run(run_id)
        if ref is None:
            problems.append(f"angkatan {_short(run_id)} tidak ada di katalog")
        elif (record.get("center_id"), record.get("course_id")) != (ref.center.id, ref.course.id):
            problems.append(f"center_id/course_id tidak cocok dengan angkatan {run_id}")
    elif "run_id" in record:
        problems.append("run_id bukan teks")
    return problems


def _short(value: object, limit: int = 120) -> str:
    """A value quoted for a message, cut to ``limit`` characters (never a whole line)."""
    text = repr(value) if not isinstance(value, str) else value
    text = text.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"
