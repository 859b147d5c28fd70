"""Rules that span several fields or files, run after every file has been validated.

Each rule yields :class:`Finding` objects that point at a path inside one file; the loader turns
the path into a line number. Messages are Indonesian and say what to change.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ValidationError

from catalog.dates import format_date_long
from catalog.errors import slugify, suggest
from catalog.models import (
    Agency,
    Center,
    Course,
    Duration,
    Eligibility,
    Kejuruan,
    Programme,
    Run,
    Severity,
    TargetKind,
)
from catalog.regions import Regions
from catalog.status import RunStatus, run_status
from catalog.workdays import add_workdays, holiday_name, is_workday

REVIEW_MAX_AGE = timedelta(days=180)


@dataclass(frozen=True)
class Finding:
    path: tuple[str | int, ...]
    message: str
    severity: Severity = "error"
    at_key: bool = False  # point at the key rather than the value


@dataclass(frozen=True)
class References:
    agencies: Mapping[str, Agency]
    kejuruan: Mapping[str, Kejuruan]
    regions: Regions


def unknown_agency(value: str, refs: References) -> str:
    return (
        f"Instansi '{value}' tidak dikenal.{suggest(value, refs.agencies)} "
        "Gunakan id dari courses/agencies.yml atau tambahkan instansinya di sana."
    )


def _region_problem(code: str, regions: Regions, *, village: bool) -> str | None:
    if code in regions:
        return None
    if village and code[:2] == "36":
        district = regions.get(code[:6])
        where = f" di Kecamatan {district.name}" if district else ""
        return (
            f"Kode kelurahan/desa '{code}' tidak ada{where} menurut data Kemendagri 2025. "
            "Periksa kodenya di catalog/data/wilayah/banten_villages.csv."
        )
    if village:
        return (
            f"Kode kelurahan/desa '{code}' tidak dikenal. Hanya kelurahan/desa di Banten yang "
            "tersedia; periksa kodenya di catalog/data/wilayah/banten_villages.csv."
        )
    return (
        f"Kode wilayah '{code}' tidak dikenal menurut data Kemendagri 2025. "
        "Periksa kodenya di catalog/data/wilayah/."
    )


# Targets that count kelurahan/desa: the value cannot exceed how many the area has.
_PER_VILLAGE_COUNT = (TargetKind.KELURAHAN_COVERED,)


def check_programme(
    programme: Programme, refs: References, centers: Mapping[str, Center]
) -> Iterator[Finding]:
    """Cross-references of one programme of ``targets.yml``: agencies, centers, region codes;
    a count of kelurahan larger than the area has. Paths are relative to the list item."""
    if programme.agency is not None and programme.agency not in refs.agencies:
        yield Finding(("agency",), unknown_agency(programme.agency, refs))
    for i, agency in enumerate(programme.scope.agencies):
        if agency not in refs.agencies:
            yield Finding(("scope", "agencies", i), unknown_agency(agency, refs))
    for i, center in enumerate(programme.scope.centers):
        if center not in centers:
            yield Finding(
                ("scope", "centers", i),
                f"Pusat pelatihan '{center}' tidak dikenal.{suggest(center, centers)} Gunakan "
                "nama folder pusat pelatihan di courses/.",
            )
    for i, code in enumerate(programme.area):
        problem = _region_problem(code, refs.regions, village=len(code) == 10)
        if problem:
            yield Finding(("area", i), problem)
    for t, target in enumerate(programme.targets):
        area = target.area or programme.area
        for i, code in enumerate(target.area or ()):
            problem = _region_problem(code, refs.regions, village=len(code) == 10)
            if problem:
                yield Finding(("targets", t, "area", i), problem)
        if target.kind in _PER_VILLAGE_COUNT and target.value is not None:
            known = [c for c in area if c in refs.regions]
            if len(known) == len(area):
                villages = sum(len(refs.regions.villages_within(c)) for c in area)
                if villages and target.value > villages:
                    yield Finding(
                        ("targets", t, "value"),
                        f"Target {target.value} kelurahan/desa lebih banyak dari jumlah "
                        f"kelurahan/desa di wilayahnya ({villages}). Periksa angkanya atau "
                        "kolom 'area'.",
                    )
        if (
            target.value is not None
            and target.baseline is not None
            and target.baseline > target.value
        ):
            yield Finding(
                ("targets", t, "baseline"),
                f"'baseline' ({target.baseline}) lebih besar dari target ({target.value}). "
                "Periksa kedua angkanya.",
            )


def check_center(center: Center, folder: str, refs: References) -> Iterator[Finding]:
    if center.id != folder:
        yield Finding(
            ("id",),
            f"id '{center.id}' harus sama dengan nama foldernya '{folder}'. "
            f"Ubah id menjadi '{folder}' atau ganti nama foldernya.",
        )
    if center.agency not in refs.agencies:
        yield Finding(("agency",), unknown_agency(center.agency, refs))
    problem = _region_problem(center.village, refs.regions, village=True)
    if problem:
        yield Finding(("village",), problem)
    agency = refs.agencies.get(center.agency)
    if not center.contact.reachable and not center.contact.note:
        if agency is None or not agency.contact.reachable:
            yield Finding(
                ("id",),
                "Tempat pelatihan ini belum punya kontak, jadi warga tidak tahu harus bertanya "
                "ke mana. Isi contact: dengan whatsapp, phone atau email resmi (atau contact: "
                "instansinya di agencies.yml); bila belum ada nomor yang pasti, tulis contact: "
                "note: ke mana warga bertanya.",
                "warning",
                at_key=True,
            )


def check_course(course: Course, stem: str, refs: References, today: date) -> Iterator[Finding]:
    yield from _check_course_refs(
        course.id, course.kejuruan, course.organiser, course.partners, stem, refs
    )
    yield from _check_eligibility(course.eligibility, refs)
    yield from _check_runs(course.runs, course.duration.workdays, refs, today)
    if course.reviewed > today:
        yield Finding(
            ("reviewed",),
            f"Tanggal tinjauan {course.reviewed.isoformat()} ada di masa depan. "
            "Tulis tanggal hari ini saat Anda memeriksa data.",
        )
    elif today - course.reviewed > REVIEW_MAX_AGE:
        yield Finding(
            ("reviewed",),
            f"Data kursus ini terakhir ditinjau {course.reviewed.isoformat()}, lebih dari 180 hari "
            "lalu. Periksa isinya bersama penyelenggara lalu perbarui 'reviewed'.",
            "warning",
        )


def check_invalid_course(
    raw: dict[str, Any], stem: str, refs: References, today: date
) -> Iterator[Finding]:
    """The same rules on a course file that failed validation, on every part that is valid.

    A clerk then sees every problem of the file in one pass, not only the shape errors.
    """
    texts = {k: raw.get(k) for k in ("id", "kejuruan", "organiser")}
    partners = raw.get("partners")
    yield from _check_course_refs(
        texts["id"] if isinstance(texts["id"], str) else stem,
        texts["kejuruan"] if isinstance(texts["kejuruan"], str) else None,
        texts["organiser"] if isinstance(texts["organiser"], str) else None,
        tuple(p for p in partners if isinstance(p, str)) if isinstance(partners, list) else (),
        stem,
        refs,
    )
    eligibility = _try(Eligibility, raw.get("eligibility", {}))
    if eligibility is not None:
        yield from _check_eligibility(eligibility, refs)
    duration = _try(Duration, raw.get("duration"))
    runs_raw = raw.get("runs")
    if isinstance(runs_raw, list):
        runs = [_try(Run, item) for item in runs_raw]
        workdays = duration.workdays if duration else None
        yield from _check_runs(tuple(runs), workdays, refs, today, warn=False)


def _try(model: type[BaseModel], data: Any) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _check_course_refs(
    course_id: str,
    kejuruan: str | None,
    organiser: str | None,
    partners: tuple[str, ...],
    stem: str,
    refs: References,
) -> Iterator[Finding]:
    if course_id != stem:
        yield Finding(
            ("id",),
            f"id '{course_id}' harus sama dengan nama berkasnya '{stem}'. "
            f"Ubah id menjadi '{stem}' atau ganti nama berkasnya.",
        )
    if kejuruan is not None and kejuruan not in refs.kejuruan:
        yield Finding(
            ("kejuruan",),
            f"Kejuruan '{kejuruan}' tidak dikenal.{_suggest_kejuruan(kejuruan, refs)} "
            "Gunakan id dari courses/kejuruan.yml.",
        )
    if organiser and organiser not in refs.agencies:
        yield Finding(("organiser",), unknown_agency(organiser, refs))
    for i, partner in enumerate(partners):
        if partner not in refs.agencies:
            yield Finding(("partners", i), unknown_agency(partner, refs))


def _suggest_kejuruan(value: str, refs: References) -> str:
    """Prefer the id whose label the clerk wrote (``pengelasan`` -> ``las``, label Pengelasan)."""
    by_label = {slugify(k.label): k.id for k in refs.kejuruan.values()}
    meant = by_label.get(slugify(value))
    return f" Maksud Anda '{meant}'?" if meant else suggest(value, refs.kejuruan)


def _check_eligibility(rules: Eligibility, refs: References) -> Iterator[Finding]:
    if rules.max_age is not None and rules.max_age < rules.min_age:
        yield Finding(
            ("eligibility", "max_age"),
            f"Usia maksimal ({rules.max_age}) lebih kecil dari usia minimal ({rules.min_age}). "
            "Tukar kedua angka atau perbaiki salah satunya.",
        )
    for i, code in enumerate(rules.domicile):
        problem = _region_problem(code, refs.regions, village=len(code) == 10)
        if problem:
            yield Finding(("eligibility", "domicile", i), problem)


def _check_runs(
    runs: tuple[Run | None, ...],
    workdays: int | None,
    refs: References,
    today: date,
    *,
    warn: bool = True,
) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, run in enumerate(runs):
        if run is None:
            continue
        where = ("runs", i)
        if run.id in seen:
            yield Finding(
                (*where, "id"),
                f"Angkatan '{run.id}' sudah ada di kursus ini (angkatan ke-{seen[run.id] + 1}). "
                "Beri id lain, misalnya tahun dan nomor urut: 2027-2.",
            )
        seen.setdefault(run.id, i)
        reg = run.registration
        if reg.opens > reg.closes:
            yield Finding(
                (*where, "registration", "opens"),
                f"Pendaftaran dibuka ({reg.opens.isoformat()}) setelah ditutup "
                f"({reg.closes.isoformat()}). Periksa 'opens' dan 'closes'.",
            )
        if reg.closes >= run.start:
            yield Finding(
                (*where, "registration", "closes"),
                f"Pendaftaran ditutup {reg.closes.isoformat()}, padahal angkatan dimulai "
                f"{run.start.isoformat()}. Tutup pendaftaran paling lambat sehari sebelum mulai.",
            )
        if not is_workday(run.start):
            yield Finding((*where, "start"), _not_a_workday(run.start))
        computed = add_workdays(run.start, workdays) if workdays else None
        if computed is not None and run.end is not None and run.end != computed:
            yield Finding(
                (*where, "end"),
                f"Tanggal selesai {run.end.isoformat()} tidak cocok dengan "
                f"{workdays} hari kerja sejak {run.start.isoformat()}: tanpa "
                "Sabtu, Minggu, libur nasional dan cuti bersama, angkatan ini selesai "
                f"{computed.isoformat()} ({format_date_long(computed)}). Ubah 'end' menjadi "
                f"{computed.isoformat()} atau hapus baris 'end'.",
            )
        if run.applicant_cap is not None and run.applicant_cap < run.quota:
            yield Finding(
                (*where, "applicant_cap"),
                f"Batas pendaftar ({run.applicant_cap}) lebih kecil dari kuota ({run.quota}). "
                "Batas pendaftar harus sama dengan atau lebih besar dari kuota.",
            )
        if run.selection_day is not None:
            day = run.selection_day.date
            if day >= run.start:
                yield Finding(
                    (*where, "selection_day", "date"),
                    f"Tanggal seleksi {day.isoformat()} tidak sebelum angkatan dimulai "
                    f"({run.start.isoformat()}). Seleksi harus selesai sebelum hari pertama kelas.",
                )
            elif day < reg.opens:
                yield Finding(
                    (*where, "selection_day", "date"),
                    f"Tanggal seleksi {day.isoformat()} sebelum pendaftaran dibuka "
                    f"({reg.opens.isoformat()}). Periksa tahunnya.",
                )
        deadline = run.reregistration_deadline
        if deadline is not None:
            if deadline >= run.start:
                yield Finding(
                    (*where, "reregistration_deadline"),
                    f"Batas daftar ulang {deadline.isoformat()} tidak sebelum angkatan dimulai "
                    f"({run.start.isoformat()}). Daftar ulang harus selesai sebelum hari pertama "
                    "kelas, agar kursi yang kosong masih bisa diberikan ke peserta cadangan.",
                )
            elif run.selection_day is not None and deadline < run.selection_day.date:
                yield Finding(
                    (*where, "reregistration_deadline"),
                    f"Batas daftar ulang {deadline.isoformat()} sebelum tanggal seleksi "
                    f"({run.selection_day.date.isoformat()}). Daftar ulang dilakukan setelah "
                    "hasil seleksi diumumkan.",
                )
        if run.venue is not None:
            problem = _region_problem(run.venue.village, refs.regions, village=True)
            if problem:
                yield Finding((*where, "venue", "village"), problem)
    if (
        warn
        and workdays
        and all(
            run is not None and run_status(with_end(run, workdays), today) is RunStatus.FINISHED
            for run in runs
        )
    ):
        yield Finding(
            ("runs",),
            "Semua angkatan kursus ini sudah selesai. Tambahkan angkatan baru, atau hapus "
            "berkas ini jika kursusnya tidak dibuka lagi.",
            "warning",
            at_key=True,
        )


def _not_a_workday(start: date) -> str:
    holiday = holiday_name(start)
    reason = (
        f"hari libur ({holiday})" if holiday else f"hari {format_date_long(start).split(',')[0]}"
    )
    following = add_workdays(start, 1)
    return (
        f"Tanggal mulai {start.isoformat()} jatuh pada {reason}, bukan hari kerja. Mulailah "
        f"pada hari kerja, misalnya {following.isoformat()} ({format_date_long(following)})."
    )


def with_end(run: Run, workdays: int) -> Run:
    """The run with its end date filled in from the course's working days."""
    if run.end is not None:
        return run
    return run.model_copy(update={"end": add_workdays(run.start, workdays)})


def check_unique_ids(items: list[tuple[int, str]], what: str) -> Iterator[Finding]:
    """Duplicate ids in a reference list such as agencies.yml."""
    first: dict[str, int] = {}
    for index, item_id in items:
        if item_id in first:
            yield Finding(
                (index, "id"),
                f"{what} '{item_id}' sudah ditulis di isian ke-{first[item_id] + 1}. "
                "Hapus salah satunya atau beri id lain.",
            )
        else:
            first[item_id] = index
