"""A registration's status: the enum, the words clerks and applicants read, the allowed moves.

Every rule about statuses lives here: the label of each one, which change is allowed from
which status, which ones need a reason, which ones count as still "open" (the applicant may
still withdraw) and what the applicant is told to do next.

::

    terdaftar / daftar tunggu ──► diundang seleksi ──► diterima | cadangan | tidak diterima
          (and straight to a result, for selection by documents or first come)
    cadangan ──► diterima (a seat offered to the next reserve)
    any open status ──► mengundurkan diri
    diterima ──► mengikuti pelatihan ──► lulus | tidak lulus;  lulus ──► bersertifikat
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The stored code (English, stable) of each status; :data:`LABELS` has the words."""

    REGISTERED = "registered"
    WAITLIST = "waitlist"
    INVITED = "invited"
    ACCEPTED = "accepted"
    RESERVE = "reserve"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ATTENDING = "attending"
    PASSED = "passed"
    FAILED = "failed"
    CERTIFIED = "certified"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[Status, str] = {
    Status.REGISTERED: "Terdaftar",
    Status.WAITLIST: "Daftar tunggu",
    Status.INVITED: "Diundang seleksi",
    Status.ACCEPTED: "Diterima",
    Status.RESERVE: "Cadangan",
    Status.REJECTED: "Tidak diterima",
    Status.WITHDRAWN: "Mengundurkan diri",
    Status.ATTENDING: "Mengikuti pelatihan",
    Status.PASSED: "Lulus",
    Status.FAILED: "Tidak lulus",
    Status.CERTIFIED: "Bersertifikat",
}

# Statuses from which the applicant may still withdraw (before the training starts).
OPEN = frozenset(
    {Status.REGISTERED, Status.WAITLIST, Status.INVITED, Status.ACCEPTED, Status.RESERVE}
)
# The statuses a new registration starts in.
INITIAL = frozenset({Status.REGISTERED, Status.WAITLIST})
_RESULTS = {Status.ACCEPTED, Status.RESERVE, Status.REJECTED}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.REGISTERED: frozenset({Status.INVITED, *_RESULTS, Status.WITHDRAWN}),
    Status.WAITLIST: frozenset({Status.INVITED, *_RESULTS, Status.WITHDRAWN}),
    Status.INVITED: frozenset({*_RESULTS, Status.WITHDRAWN}),
    Status.RESERVE: frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.ATTENDING, Status.WITHDRAWN}),
    Status.ATTENDING: frozenset({Status.PASSED, Status.FAILED}),
    Status.PASSED: frozenset({Status.CERTIFIED}),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
    Status.FAILED: frozenset(),
    Status.CERTIFIED: frozenset(),
}

# Changes that must say why (the applicant is told, and staff can answer questions later).
NEEDS_REASON = frozenset({Status.REJECTED})

# What the applicant reads on the status page: what this status means for them, what to do.
NEXT_STEP: dict[Status, str] = {
    Status.REGISTERED: "Pendaftaran Anda sudah tercatat. Tunggu kabar dari petugas lewat WhatsApp.",
    Status.WAITLIST: (
        "Kuota angkatan ini sudah penuh; Anda ada di daftar tunggu. Petugas akan mengabari Anda "
        "bila ada tempat."
    ),
    Status.INVITED: (
        "Anda diundang ke seleksi. Datang pada waktu dan tempat yang dikirim petugas lewat "
        "WhatsApp, dengan membawa KTP dan dokumen yang diminta."
    ),
    Status.ACCEPTED: (
        "Selamat, Anda diterima. Lakukan daftar ulang sesuai petunjuk petugas; bila tidak, "
        "tempat Anda bisa diberikan ke peserta cadangan."
    ),
    Status.RESERVE: (
        "Anda peserta cadangan. Bila ada peserta yang mundur, petugas akan menghubungi Anda "
        "menurut urutan cadangan."
    ),
    Status.REJECTED: (
        "Anda belum diterima di angkatan ini. Anda bisa mendaftar di angkatan atau pelatihan "
        "lain di katalog."
    ),
    Status.WITHDRAWN: "Anda sudah mengundurkan diri dari angkatan ini.",
    Status.ATTENDING: "Anda sedang mengikuti pelatihan. Hadir di setiap pertemuan.",
    Status.PASSED: "Selamat, Anda lulus pelatihan. Petugas akan mengabari jadwal sertifikasi.",
    Status.FAILED: "Anda belum lulus pelatihan ini. Tanyakan ke petugas untuk kesempatan berikutnya.",
    Status.CERTIFIED: "Selamat, Anda sudah bersertifikat.",
}

_BY_WORD = {label.lower(): status for status, label in LABELS.items()}
_BY_WORD.update({status.value: status for status in Status})


def parse_status(word: str) -> Status | None:
    """The status a clerk typed (its label in any case, or its code), else ``None``."""
    return _BY_WORD.get(" ".join(word.split()).lower())


def allowed(current: Status, new: Status) -> bool:
    return new in TRANSITIONS[current]


def transition_problem(current: Status, new: Status, reason: str | None) -> str | None:
    """Why ``current -> new`` may not be recorded (Indonesian, with what to do), or ``None``."""
    if current == new:
        return None
    if not allowed(current, new):
        options = sorted(TRANSITIONS[current], key=list(Status).index)
        if not options:
            return (
                f"status \u201c{current.label}\u201d sudah final dan tidak bisa diubah menjadi "
                f"\u201c{new.label}\u201d."
            )
        words = ", ".join(f"\u201c{s.label}\u201d" for s in options)
        return (
            f"status \u201c{current.label}\u201d tidak bisa langsung diubah menjadi "
            f"\u201c{new.label}\u201d; dari status ini yang boleh: {words}."
        )
    if new in NEEDS_REASON and not (reason and reason.strip()):
        return f"status \u201c{new.label}\u201d perlu alasan; isi alasannya."
    return None
