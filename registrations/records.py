"""The stored form of registrations and status events: every field name lives here.

Format version 1 (the first release) has registration lines only, with the statuses
``registered`` and ``waitlist``. Version 2 adds ``consent.publish_name`` and event lines
(``"type": "event"``), whose ``starter_package``, ``followup_month`` and ``followup`` (issue 13,
:mod:`registrations.outcomes`) were added before version 2 was released: an event line without
them reads as ``null``. Both stay readable forever; new lines are written as version 2. The
PostgreSQL store keeps the same objects (``applicant`` as JSON), so one decoder serves both.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from registrations.ids import parse_registration_id
from registrations.models import Applicant, Consent, Registration, StatusEvent
from registrations.outcomes import FOLLOWUP_MONTHS, FollowUp
from registrations.personal import NikValue, PhoneValue
from registrations.status import INITIAL, Status

FORMAT_VERSION = 2
KNOWN_VERSIONS = (1, 2)
EVENT = "event"

TOP_KEYS = (
    "v", "id", "received_at", "run_id", "course_id", "center_id", "status", "applicant", "consent"
)  # fmt: skip
APPLICANT_KEYS = (
    "full_name", "nik", "birth_date", "gender", "phone", "email", "village", "address",
    "education", "employment_status", "dtks", "disability", "motivation",
)  # fmt: skip
CONSENT_KEYS = {1: ("version", "agreed_at"), 2: ("version", "agreed_at", "publish_name")}
EVENT_KEYS = (
    "v", "type", "id", "run_id", "seq", "from", "to", "at", "by", "reason", "rank", "note",
    "starter_package", "followup_month", "followup",
)  # fmt: skip
# Event keys added late in version 2's development: missing reads as null.
OPTIONAL_EVENT_KEYS = ("starter_package", "followup_month", "followup")

_TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_NIK_RE = re.compile(r"[0-9]{16}")
_TOP_SET = frozenset(TOP_KEYS)
_APPLICANT_SET = frozenset(APPLICANT_KEYS)
_CONSENT_SETS = {v: frozenset(keys) for v, keys in CONSENT_KEYS.items()}
_EVENT_SET = frozenset(EVENT_KEYS)
_EVENT_REQUIRED = frozenset(EVENT_KEYS) - frozenset(OPTIONAL_EVENT_KEYS)


class RecordError(ValueError):
    """A stored object that is not a valid registration or event; ``problems`` say why
    (Indonesian, for ``katalog queue verify``; never a NIK, name or phone number)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# --- times -----------------------------------------------------------------------------------


def utc_text(moment: datetime) -> str:
    """``2027-01-05T02:31:07Z`` (records store UTC to the second)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(value: object) -> datetime | None:
    if not isinstance(value, str) or not _TIME_RE.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


# --- encoding --------------------------------------------------------------------------------


def is_event(record: dict) -> bool:
    return record.get("type") == EVENT


def registration_record(registration: Registration) -> dict:
    """The stored object of a registration (without its events), in the latest format."""
    a = registration.applicant
    return {
        "v": FORMAT_VERSION,
        "id": registration.id,
        "received_at": utc_text(registration.received_at),
        "run_id": registration.run_id,
        "course_id": registration.course_id,
        "center_id": registration.center_id,
        "status": registration.initial_status.value,
        "applicant": {
            "full_name": a.full_name,
            "nik": a.nik.value,
            "birth_date": a.birth_date.isoformat(),
            "gender": a.gender,
            "phone": a.phone.value,
            "email": a.email,
            "village": a.village,
            "address": a.address,
            "education": a.education,
            "employment_status": a.employment_status,
            "dtks": a.dtks,
            "disability": a.disability,
            "motivation": a.motivation,
        },
        "consent": {
            "version": registration.consent.version,
            "agreed_at": utc_text(registration.consent.agreed_at),
            "publish_name": registration.consent.publish_name,
        },
    }


def event_record(event: StatusEvent) -> dict:
    return {
        "v": FORMAT_VERSION,
        "type": EVENT,
        "id": event.registration_id,
        "run_id": event.run_id,
        "seq": event.seq,
        "from": event.from_status.value,
        "to": event.to_status.value,
        "at": utc_text(event.at),
        "by": event.by,
        "reason": event.reason,
        "rank": event.rank,
        "note": event.note,
        "starter_package": event.starter_package,
        "followup_month": event.followup_month,
        "followup": event.followup.value if event.followup is not None else None,
    }


def dump_line(record: dict) -> bytes:
    """One line of the file store: compact JSON, UTF-8, ending in a newline."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- decoding --------------------------------------------------------------------------------


def applicant_from(raw: dict) -> Applicant:
    return Applicant(
        full_name=raw["full_name"],
        nik=NikValue(raw["nik"]),
        birth_date=date.fromisoformat(raw["birth_date"]),
        gender=raw["gender"],
        phone=PhoneValue(raw["phone"]),
        email=raw["email"],
        village=raw["village"],
        address=raw["address"],
        education=raw["education"],
        employment_status=raw["employment_status"],
        dtks=raw["dtks"],
        disability=raw["disability"],
        motivation=raw["motivation"],
    )


def registration_from(record: dict, events: tuple[StatusEvent, ...] = ()) -> Registration:
    """The typed registration of a stored object; :class:`RecordError` if it is not valid."""
    problems = registration_problems(record)
    if problems:
        raise RecordError(problems)
    consent = record["consent"]
    return Registration(
        id=record["id"],
        received_at=parse_utc(record["received_at"]),  # type: ignore[arg-type]
        run_id=record["run_id"],
        course_id=record["course_id"],
        center_id=record["center_id"],
        initial_status=Status(record["status"]),
        applicant=applicant_from(record["applicant"]),
        consent=Consent(
            version=consent["version"],
            agreed_at=parse_utc(consent["agreed_at"]),  # type: ignore[arg-type]
            publish_name=bool(consent.get("publish_name", False)),
        ),
        events=events,
        version=record["v"],
    )


def event_from(record: dict) -> StatusEvent:
    problems = event_problems(record)
    if problems:
        raise RecordError(problems)
    return StatusEvent(
        registration_id=record["id"],
        run_id=record["run_id"],
        seq=record["seq"],
        from_status=Status(record["from"]),
        to_status=Status(record["to"]),
        at=parse_utc(record["at"]),  # type: ignore[arg-type]
        by=record["by"],
        reason=record["reason"],
        rank=record["rank"],
        note=record["note"],
        starter_package=record.get("starter_package"),
        followup_month=record.get("followup_month"),
        followup=FollowUp(answer) if (answer := record.get("followup")) is not None else None,
    )


# --- problems (for verify, and the reason a decode fails) -------------------------------------


def short(value: object, limit: int = 120) -> str:
    """A value quoted for a message, cut to ``limit`` characters (never a whole line)."""
    text = repr(value) if not isinstance(value, str) else value
    text = text.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def registration_problems(record: dict) -> list[str]:
    version = record.get("v")
    if version not in KNOWN_VERSIONS or isinstance(version, bool):
        return [f"versi format {version!r} tidak dikenal (seharusnya {FORMAT_VERSION})"]
    problems: list[str] = []
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
    consent_keys = _CONSENT_SETS[version]
    if isinstance(consent, dict):
        if consent.keys() != consent_keys:
            missing += [f"consent.{k}" for k in CONSENT_KEYS[version] if k not in consent]
            unknown += [f"consent.{k}" for k in consent if k not in consent_keys]
        elif version >= 2 and not isinstance(consent.get("publish_name"), bool):
            problems.append("consent.publish_name harus true atau false")
        if parse_utc(consent.get("agreed_at")) is None and "agreed_at" in consent:
            problems.append("waktu persetujuan tidak sah (harus UTC seperti 2027-01-05T02:31:07Z)")
    elif "consent" in record:
        problems.append("consent bukan objek")
    if missing:
        problems.append("kolom wajib tidak ada: " + ", ".join(missing))
    if unknown:
        problems.append("kolom tidak dikenal: " + ", ".join(short(k) for k in unknown))
    rid = record.get("id")
    if "id" in record and not (isinstance(rid, str) and parse_registration_id(rid) is not None):
        problems.append(f"nomor pendaftaran tidak sah: {short(rid)}")
    if "received_at" in record and parse_utc(record.get("received_at")) is None:
        problems.append("waktu daftar tidak sah (harus UTC seperti 2027-01-05T02:31:07Z)")
    status = record.get("status")
    if "status" in record and status not in {s.value for s in INITIAL}:
        problems.append(f"status tidak dikenal: {short(status)} (harus registered atau waitlist)")
    for key in ("run_id", "course_id", "center_id"):
        if key in record and not isinstance(record[key], str):
            problems.append(f"{key} bukan teks")
    if isinstance(applicant, dict):
        nik = applicant.get("nik")
        if "nik" in applicant and not (isinstance(nik, str) and _NIK_RE.fullmatch(nik)):
            problems.append("NIK bukan 16 angka")
        birth = applicant.get("birth_date")
        if "birth_date" in applicant and not _is_date(birth):
            problems.append("tanggal lahir tidak sah (harus YYYY-MM-DD)")
        for key in ("full_name", "phone", "village", "address", "gender"):
            if key in applicant and not isinstance(applicant[key], str):
                problems.append(f"applicant.{key} bukan teks")
    return problems


def event_problems(record: dict) -> list[str]:
    version = record.get("v")
    if version != FORMAT_VERSION or isinstance(version, bool):
        return [f"versi format {version!r} tidak dikenal untuk perubahan status"]
    problems: list[str] = []
    if not (_EVENT_REQUIRED <= record.keys() <= _EVENT_SET):
        missing = [k for k in EVENT_KEYS if k not in record and k in _EVENT_REQUIRED]
        unknown = [k for k in record if k not in _EVENT_SET]
        if missing:
            problems.append("kolom wajib tidak ada: " + ", ".join(missing))
        if unknown:
            problems.append("kolom tidak dikenal: " + ", ".join(short(k) for k in unknown))
    rid = record.get("id")
    if "id" in record and not (isinstance(rid, str) and parse_registration_id(rid) is not None):
        problems.append(f"nomor pendaftaran tidak sah: {short(rid)}")
    values = {s.value for s in Status}
    for key in ("from", "to"):
        if key in record and record[key] not in values:
            problems.append(f"status tidak dikenal: {short(record[key])}")
    seq = record.get("seq")
    if "seq" in record and not (isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1):
        problems.append("seq harus bilangan bulat 1 atau lebih")
    if "at" in record and parse_utc(record.get("at")) is None:
        problems.append("waktu perubahan tidak sah (harus UTC seperti 2027-01-05T02:31:07Z)")
    if "by" in record and not isinstance(record["by"], str):
        problems.append("kolom by bukan teks")
    rank = record.get("rank")
    if rank is not None and not (isinstance(rank, int) and not isinstance(rank, bool)):
        problems.append("urutan cadangan bukan bilangan bulat")
    for key in ("run_id",):
        if key in record and not isinstance(record[key], str):
            problems.append(f"{key} bukan teks")
    starter = record.get("starter_package")
    if starter is not None and not isinstance(starter, bool):
        problems.append("starter_package harus true, false atau null")
    month, answer = record.get("followup_month"), record.get("followup")
    if month is not None and (isinstance(month, bool) or month not in FOLLOWUP_MONTHS):
        problems.append("followup_month harus 3, 6 atau null")
    if answer is not None and not (
        isinstance(answer, str) and answer in FollowUp._value2member_map_
    ):
        problems.append(f"jawaban tindak lanjut tidak dikenal: {short(answer)}")
    if (month is None) != (answer is None):
        problems.append("followup_month dan followup harus diisi berdua atau kosong berdua")
    return problems


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
