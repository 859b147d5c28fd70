"""`katalog queue show`: one registration, readable over the phone with the applicant."""

from __future__ import annotations

import re

from catalog.catalog import Catalog
from catalog.dates import format_date_long, format_datetime_wib
from form_service.staff.common import (
    education_label,
    label,
    phone_local,
    run_title,
    village_label,
)
from registrations.answers import DTKS_LABEL, EMPLOYMENT_LABEL, GENDER_LABEL
from registrations.ids import normalise_registration_id
from registrations.models import Registration

# Characters a terminal acts on instead of showing (escape sequences can clear the screen or
# write to the clipboard; bidi overrides reorder what is shown): applicants type free text.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, indent: int = 0) -> str:
    """``text`` safe for a clerk's terminal: control characters and bidi overrides become
    U+FFFD; further lines are indented by ``indent`` spaces, under the first."""
    return _UNSAFE.sub("\ufffd", text).replace("\n", "\n" + " " * indent)


def normalise_id(text: str) -> str:
    """``"kp 7k3m q9tx 4hbw"`` or ``"7K3MQ9TX4HBW"`` -> ``"KP-7K3M-Q9TX-4HBW"`` when possible."""
    return normalise_registration_id(text.replace("_", "").replace(".", ""))


def describe(registration: Registration, catalog: Catalog | None) -> list[str]:
    a = registration.applicant
    consent = registration.consent
    ref = catalog.find_run(registration.run_id) if catalog else None
    course = run_title(ref) or "(angkatan ini tidak ada di katalog)"

    def value(text: str | None) -> str:
        return "-" if not text else text

    status = registration.status.label
    if registration.reserve_rank is not None:
        status += f" (urutan {registration.reserve_rank})"
    rows = [
        ("Waktu daftar", format_datetime_wib(registration.received_at)),
        ("Status", status),
        ("Angkatan", f"{course}"),
        ("", f"({registration.run_id})"),
        ("Nama lengkap", value(a.full_name)),
        ("NIK", a.nik.value),
        ("Tanggal lahir", format_date_long(a.birth_date)),
        ("Jenis kelamin", label(GENDER_LABEL, a.gender)),
        ("No. WhatsApp", phone_local(a.phone.value)),
        ("Email", value(a.email)),
        ("Kelurahan/desa", village_label(catalog, a.village)),
        ("Alamat", value(a.address)),
        ("Pendidikan", education_label(a.education)),
        ("Status pekerjaan", label(EMPLOYMENT_LABEL, a.employment_status)),
        ("DTKS/DTSEN", label(DTKS_LABEL, a.dtks)),
        ("Disabilitas", value(a.disability)),
        ("Motivasi", value(a.motivation)),
        (
            "Persetujuan",
            f"versi {consent.version}, {format_datetime_wib(consent.agreed_at)}",
        ),
        (
            "Nama di pengumuman",
            "boleh (disamarkan)" if consent.publish_name else "tidak (hanya nomor)",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    out = [f"Pendaftaran {printable(registration.id)}"]
    for name, text in rows:
        out.append(f"  {name.ljust(width)}  {printable(text, width + 4)}")
    if registration.events:
        out.append("  Riwayat status:")
        for event in registration.events:
            line = (
                f"    {format_datetime_wib(event.at)}: {event.from_status.label} -> "
                f"{event.to_status.label}, oleh {event.by}"
            )
            if event.rank is not None:
                line += f" (urutan cadangan {event.rank})"
            if event.reason:
                line += f"; alasan: {event.reason}"
            if event.note:
                line += f"; catatan: {event.note}"
            out.append(printable(line, 6))
    return out
