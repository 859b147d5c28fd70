"""Registration rules: who may register for a run, and the store's ``decide`` function.

Two layers:

* :func:`check_applicant` -- the course's eligibility applied to one applicant's answers
  (NIK against birth date and gender, age at the start, KTP address, target groups, education).
  It needs nothing but the catalog and returns a message per field.
* :func:`make_decide` -- the rules that depend on the other registrations (the same NIK twice,
  overlapping runs, the applicant cap). The store calls the function it returns while holding its
  lock (the file's writers' lock, or the database's advisory locks in the transaction), so the
  answer stays right with several workers or app servers writing at once.

The same form sent twice (a double tap, or a resend after the reply was lost on a slow network)
must not be refused as a duplicate: ``decide`` raises :class:`AlreadyRegistered` under the lock, so
nothing is written, and the view then reads the earlier registration and, when
:func:`is_resubmission` says it is the same applicant, answers with its receipt.

A refusal never names another person's course, place, date or registration number: someone who
knows only a NIK learns at most that it is registered for this run or a run at the same time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from catalog import eligibility
from catalog.catalog import Catalog, RunRef
from catalog.models import YOUTH_AGES, Education, TargetGroup
from registrations.models import Applicant, Consent, Registration
from registrations.status import Status
from registrations.store import RunCounts, Snapshot, stamp

MSG_BIRTH_NIK = (
    "Tanggal lahir tidak sama dengan yang tercatat di NIK. Periksa NIK dan tanggal lahir Anda."
)
MSG_GENDER_NIK = (
    "Jenis kelamin tidak sama dengan yang tercatat di NIK. Periksa NIK dan jenis kelamin Anda."
)
MSG_DTKS_UNKNOWN = (
    "Pelatihan ini khusus untuk warga yang terdaftar di DTKS/DTSEN; jawaban \u201cTidak tahu\u201d "
    "belum cukup. Tanyakan ke kantor kelurahan/desa atau periksa di cekbansos.kemensos.go.id, "
    "lalu daftar lagi."
)
MSG_DUPLICATE = (
    "NIK ini sudah terdaftar untuk angkatan ini. Jika Anda belum pernah mendaftar atau "
    "kehilangan nomor pendaftaran, hubungi penyelenggara."
)
MSG_OVERLAP = (
    "NIK ini sudah terdaftar di pelatihan lain yang jadwalnya bentrok dengan angkatan ini. "
    "Satu orang hanya bisa ikut satu pelatihan pada waktu yang sama. Jika Anda ingin pindah, "
    "hubungi penyelenggara."
)


# Which answer a required target group is declared with, and the field that carries the message.
_GROUP_FIELD = {
    TargetGroup.DTKS: "dtks",
    TargetGroup.JOB_SEEKER: "employment_status",
    TargetGroup.LAID_OFF: "employment_status",
    TargetGroup.MSME: "employment_status",
    TargetGroup.DISABILITY: "disability",
    TargetGroup.WOMEN: "gender",
    TargetGroup.YOUTH: "birth_date",
}


class RegistrationRefused(Exception):
    """Raised inside ``decide``: nothing is written; ``field`` gets ``message``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AlreadyRegistered(RegistrationRefused):
    """Raised inside ``decide`` when the NIK already has a registration for this run. Nothing is
    written; the view answers with the earlier receipt if it is a resubmission, else refuses
    with :data:`MSG_DUPLICATE` on the NIK field."""

    def __init__(self, registration_ids: list[str]) -> None:
        super().__init__("nik", MSG_DUPLICATE)
        self.registration_ids = tuple(registration_ids)


def is_resubmission(earlier: Registration | None, run_id: str, applicant: Applicant) -> bool:
    """Whether ``earlier`` is this applicant's own registration for the run, sent again: every
    answer the same. Someone who knows another person's NIK, birth date and phone still has to
    know every other answer too, or is refused and never learns the registration number."""
    return earlier is not None and earlier.run_id == run_id and earlier.applicant == applicant


# What people write in the optional disability field when they have none.
_NO_DISABILITY = frozenset(
    ["-", "--", "tidak", "tidak ada", "tdk", "tdk ada", "tidak punya", "belum", "nihil", "kosong",
     "normal", "sehat", "none", "no", "n/a", "na"]
)  # fmt: skip


def declares_disability(text: object) -> bool:
    """Whether the disability field says the applicant has one ("tidak ada" does not)."""
    if not isinstance(text, str):
        return False
    words = " ".join(text.lower().replace(".", " ").split())
    return bool(words) and words not in _NO_DISABILITY


def declared_groups(answers: dict, age: int | None) -> set[TargetGroup]:
    """The target groups an applicant's answers put them in (self-declared, checked by staff).

    ``answers`` may lack fields the applicant has still to correct; those declare nothing.
    """
    groups = set()
    employment = answers.get("employment_status")
    if answers.get("dtks") == "ya":
        groups.add(TargetGroup.DTKS)
    if employment in ("mencari-kerja", "terdampak-phk"):
        groups.add(TargetGroup.JOB_SEEKER)
    if employment == "terdampak-phk":
        groups.add(TargetGroup.LAID_OFF)
    if employment == "wirausaha":
        groups.add(TargetGroup.MSME)
    if declares_disability(answers.get("disability")):
        groups.add(TargetGroup.DISABILITY)
    if answers.get("gender") == "P":
        groups.add(TargetGroup.WOMEN)
    if age is not None and YOUTH_AGES[0] <= age <= YOUTH_AGES[1]:
        groups.add(TargetGroup.YOUTH)
    return groups


def check_applicant(
    ref: RunRef, answers: dict, nik_birth: date | None, nik_gender: str | None, regions
) -> dict:
    """Course rules on the answers; returns ``{field: message}`` (empty when eligible).

    ``answers`` holds only the fields that passed their own checks, so one submission shows
    every problem at once: each rule runs as soon as the fields it reads are valid.
    ``nik_birth`` and ``nik_gender`` come from the parsed NIK (None while the NIK is wrong). The
    NIK's region is where it was issued, not where the person lives, so domicile is judged by
    the KTP village only.
    """
    errors: dict[str, str] = {}
    rules = ref.course.eligibility
    birth = date.fromisoformat(answers["birth_date"]) if answers.get("birth_date") else None
    # The NIK keeps only two digits of the year; its century is a guess, so compare those.
    if birth is not None and nik_birth is not None:
        if (birth.day, birth.month, birth.year % 100) != (
            nik_birth.day,
            nik_birth.month,
            nik_birth.year % 100,
        ):
            errors["birth_date"] = MSG_BIRTH_NIK
    if answers.get("gender") and nik_gender is not None and answers["gender"] != nik_gender:
        errors["gender"] = MSG_GENDER_NIK
    if birth is not None and "birth_date" not in errors:
        message = eligibility.check_age(rules, birth, ref.run.start)
        if message:
            errors["birth_date"] = message
    if answers.get("village"):
        message = eligibility.check_domicile(rules, answers["village"], regions)
        if message:
            errors["village"] = message
    if answers.get("education"):
        message = eligibility.check_education(rules, Education(answers["education"]))
        if message:
            errors["education"] = message
    age = eligibility.age_on(birth, ref.run.start) if birth is not None else None
    declared = declared_groups(answers, age)
    for group in rules.target_groups:
        field = _GROUP_FIELD[group]
        if group in declared or field in errors:
            continue
        if field != "disability" and field not in answers:
            continue  # the field has its own error; judge the group once it is corrected
        if group is TargetGroup.DTKS and answers["dtks"] == "tidak-tahu":
            errors[field] = MSG_DTKS_UNKNOWN
        else:
            single = rules.model_copy(update={"target_groups": (group,)})
            errors[field] = eligibility.check_target_groups(single, declared) or ""
    return errors


def overlaps(a: RunRef, b: RunRef) -> bool:
    return a.run.start <= b.end and b.run.start <= a.end


def organiser_name(catalog: Catalog, ref: RunRef) -> str:
    agency = catalog.agencies.get(ref.course_ref.organiser_id)
    return agency.short_name if agency else ref.center.name


def run_is_full(ref: RunRef, counts: RunCounts) -> bool:
    """Whether the run's applicant cap is reached, so a new registration goes on the waiting
    list. Runs without a cap are never full."""
    cap = ref.run.applicant_cap
    return cap is not None and counts.total >= cap


def make_decide(
    catalog: Catalog,
    ref: RunRef,
    applicant: Applicant,
    *,
    new_id: Callable[[], str],
    consent_version: str,
    publish_name: bool = False,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Callable[[Snapshot], Registration]:
    """The function the store calls under its lock: refuse, or return the new registration."""
    run_id = ref.public_id

    def decide(snapshot: Snapshot) -> Registration:
        earlier = snapshot.registrations_of_nik(applicant.nik.value)
        same_run = [registration_id for other, registration_id in earlier if other == run_id]
        if same_run:
            raise AlreadyRegistered(same_run)
        for other_run_id, _registration_id in earlier:
            other = catalog.find_run(other_run_id)
            if other is not None and overlaps(ref, other):
                raise RegistrationRefused("nik", MSG_OVERLAP)
        # Counting takes the run's lock in the database: ask only when the run has a cap.
        full = ref.run.applicant_cap is not None and run_is_full(ref, snapshot.counts(run_id))
        moment = stamp(now())
        return Registration(
            id=new_id(),
            received_at=moment,
            run_id=run_id,
            course_id=ref.course.id,
            center_id=ref.center.id,
            initial_status=Status.WAITLIST if full else Status.REGISTERED,
            applicant=applicant,
            consent=Consent(version=consent_version, agreed_at=moment, publish_name=publish_name),
        )

    return decide
