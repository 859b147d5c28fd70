"""`katalog queue show`: one registration, readable over the phone with the applicant."""

from __future__ import annotations

import re
from collections.abc import Iterable

from catalog.catalog import Catalog
from form_service.answers import DTKS_LABEL, EMPLOYMENT_LABEL, GENDER_LABEL, STATUS_LABEL
from form_service.queue import QueueLine
from form_service.staff.common import (
    date_text,
    education_label,
    label,
    phone_local,
    run_title,
    village_label,
    wib_text,
)

# Characters a terminal acts on instead of showing (escape sequences can clear the screen or
# write to the clipboard; bidi overrides reorder what is shown): applicants type free text.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, indent: int = 0) -> str:
    """``text`` safe for a clerk's terminal: control characters and bidi overrides become
    U+FFFD; further lines are indented by ``indent`` spaces, under the first."""
    return _UNSAFE.sub("\ufffd", text).replace("\n", "\n" + " " * indent)


# Crockford base32 reads I and L as 1, O as 0; clerks may type the number without dashes.
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def normalise_id(text: str) -> str:
    """``"kp 7k3m q9tx 4hbw"`` or ``"7K3MQ9TX4HBW"`` -> ``"KP-7K3M-Q9TX-4HBW"`` when possible."""
    compact = re.sub(r"[\s\-_.]", "", text.upper())
    if compact.startswith("KP"):
        compact = compact[2:]
    compact = compact.translate(_LOOKALIKES)
    if len(compact) != 12:
        return text.strip()
    return f"KP-{compact[0:4]}-{compact[4:8]}-{compact[8:12]}"


def find(lines: Iterable[QueueLine], registration_id: str) -> tuple[int, dict] | None:
    """The first line holding ``registration_id``: (line number, record)."""
    for line in lines:
        if line.record is not None and line.record.get("id") == registration_id:
            return line.line_no, line.record
    return None


def describe(record: dict, catalog: Catalog | None) -> list[str]:
    applicant = record.get("applicant") if isinstance(record.get("applicant"), dict) else {}
    consent = record.get("consent") if isinstance(record.get("consent"), dict) else {}
    run_id = record.get("run_id")
    ref = catalog.find_run(run_id) if catalog and isinstance(run_id, str) else None
    course = run_title(ref) or "(angkatan ini tidak ada di katalog)"

    def value(key: str) -> str:
        v = applicant.get(key)
        return "-" if v in (None, "") else str(v)

    rows = [
        ("Waktu daftar", wib_text(record.get("received_at"))),
        ("Status", label(STATUS_LABEL, record.get("status"))),
        ("Angkatan", f"{course}"),
        ("", f"({run_id})"),
        ("Nama lengkap", value("full_name")),
        ("NIK", value("nik")),
        ("Tanggal lahir", date_text(applicant.get("birth_date"))),
        ("Jenis kelamin", label(GENDER_LABEL, applicant.get("gender"))),
        ("No. WhatsApp", phone_local(applicant.get("phone"))),
        ("Email", value("email")),
        ("Kelurahan/desa", village_label(catalog, applicant.get("village"))),
        ("Alamat", value("address")),
        ("Pendidikan", education_label(applicant.get("education"))),
        ("Status pekerjaan", label(EMPLOYMENT_LABEL, applicant.get("employment_status"))),
        ("DTKS/DTSEN", label(DTKS_LABEL, applicant.get("dtks"))),
        ("Disabilitas", value("disability")),
        ("Motivasi", value("motivation")),
        (
            "Persetujuan",
            f"versi {consent.get('version', '-')}, {wib_text(consent.get('agreed_at'))}",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    out = [f"Pendaftaran {printable(str(record.get('id')))}"]
    for name, text in rows:
        out.append(f"  {name.ljust(width)}  {printable(text, width + 4)}")
    return out
