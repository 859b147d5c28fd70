"""Typed registrations: frozen, with their whole status history.

A registration as the form records it, then each change a clerk (or the system) makes to its
status as a :class:`StatusEvent`. The current status is the last event's ``to`` (or the status
it was registered with): it is never stored twice, so it cannot disagree with its history.

Stored form (:mod:`registrations.records`), one JSON object per line in the file store::

    {"v":2,"id":"KP-7M2Q-...","received_at":"2027-01-05T02:31:07Z","run_id":"blk-x/las/2027-1",
     "course_id":"las","center_id":"blk-x","status":"registered",
     "applicant":{"full_name":"Contoh Pendaftar","nik":"3671...","birth_date":"1998-08-17",...},
     "consent":{"version":"2026-11-01","agreed_at":"2027-01-05T02:31:07Z","publish_name":true}}
    {"v":2,"type":"event","id":"KP-7M2Q-...","run_id":"blk-x/las/2027-1","seq":1,
     "from":"registered","to":"invited","at":"2027-01-20T03:00:00Z","by":"Siti","reason":null,
     "rank":null,"note":null,"starter_package":null,"followup_month":null,"followup":null}

Outcome events (:mod:`registrations.outcomes`) may keep the status (``from == to``): a starter
package (``"starter_package":true``) or a follow-up answer (``"followup_month":6,
"followup":"working"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from registrations.outcomes import FollowUp, Outcome, outcome_of
from registrations.personal import NikValue, PhoneValue
from registrations.status import Status

SYSTEM = "sistem"  # ``by`` of changes nobody typed (registration, automatic promotion)


@dataclass(frozen=True, slots=True)
class Applicant:
    """The applicant's normalised answers (NIK 16 digits, phone +62..., dates YYYY-MM-DD)."""

    full_name: str
    nik: NikValue
    birth_date: date
    gender: str  # "L" | "P"
    phone: PhoneValue
    email: str | None
    village: str  # Kemendagri code of the KTP kelurahan/desa, or "luar-banten"
    address: str
    education: str
    employment_status: str
    dtks: str  # "ya" | "tidak" | "tidak-tahu" (self-declared)
    disability: str | None
    motivation: str | None

    def __repr__(self) -> str:  # names are personal data too
        return f"Applicant(nik={self.nik!r})"


@dataclass(frozen=True, slots=True)
class Consent:
    version: str  # the privacy notice's version
    agreed_at: datetime
    publish_name: bool = False  # the name may appear (masked) on the public announcement


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One change of status: who made it, when (UTC) and why."""

    registration_id: str
    run_id: str
    seq: int  # 1, 2, ... within its registration
    from_status: Status
    to_status: Status
    at: datetime
    by: str
    reason: str | None = None
    rank: int | None = None  # reserve rank (cadangan 1, 2, ...)
    note: str | None = None
    starter_package: bool | None = None  # given (True) or taken back (False); None: not about it
    followup_month: int | None = None  # 3 or 6, with ``followup``
    followup: FollowUp | None = None


@dataclass(frozen=True, slots=True)
class Registration:
    id: str
    received_at: datetime
    run_id: str
    course_id: str
    center_id: str
    initial_status: Status
    applicant: Applicant
    consent: Consent
    events: tuple[StatusEvent, ...] = field(default=())
    version: int = field(default=2, compare=False)  # the format version it was read from

    @property
    def status(self) -> Status:
        return self.events[-1].to_status if self.events else self.initial_status

    @property
    def changed_at(self) -> datetime:
        """When the status last changed (the registration time if it never did)."""
        return self.events[-1].at if self.events else self.received_at

    @property
    def reserve_rank(self) -> int | None:
        if self.status is not Status.RESERVE:
            return None
        return self.events[-1].rank if self.events else None

    @property
    def outcome(self) -> Outcome:
        """The starter-package flag and follow-up answers recorded so far."""
        return outcome_of(self.events)

    def with_event(self, event: StatusEvent) -> Registration:
        return Registration(
            self.id,
            self.received_at,
            self.run_id,
            self.course_id,
            self.center_id,
            self.initial_status,
            self.applicant,
            self.consent,
            (*self.events, event),
            self.version,
        )

    def __repr__(self) -> str:
        return f"Registration({self.id!r}, run={self.run_id!r}, status={self.status.value!r})"
