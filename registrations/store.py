"""The one interface every part of the product uses to keep registrations.

Two implementations prove the same contract (``tests/registrations/test_store_contract.py``):
:class:`registrations.jsonl.JsonlStore` (an append-only file, the default, nothing to install)
and :class:`registrations.postgres.PostgresStore` (several app servers, one database).
:func:`open_store` picks one from a location: a ``postgresql://`` URL or a file path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple, Protocol

from registrations.models import Registration, StatusEvent
from registrations.outcomes import (
    NO_OUTCOME,
    FollowUp,
    Outcome,
    followup_problem,
    starter_problem,
)
from registrations.status import Status, transition_problem


class StoreUnavailable(Exception):
    """The store cannot be written or read now (full disk, database down or read-only...).

    Nothing was written. The web form answers 503 with the answers kept; staff commands print
    the message (Indonesian).
    """


@dataclass(frozen=True)
class Change:
    """A change a clerk asks for; the store checks it against the current state.

    ``to_status`` ``None`` keeps the status (a change of the starter package or a follow-up
    only). ``starter_package`` ``True``/``False`` gives or takes back the starter package,
    ``None`` leaves it; ``followup_month`` (3 or 6) with ``followup`` records a follow-up answer.
    """

    registration_id: str
    to_status: Status | None
    by: str
    reason: str | None = None
    rank: int | None = None
    note: str | None = None
    run_id: str | None = None  # when given, the registration must belong to this run
    starter_package: bool | None = None
    followup_month: int | None = None
    followup: FollowUp | None = None


class Current(NamedTuple):
    """What :func:`plan_events` needs to know of a registration (both stores give it)."""

    run_id: str
    status: Status
    rank: int | None  # reserve rank while the status is "reserve"
    seq: int  # events so far
    outcome: Outcome = NO_OUTCOME  # starter package and follow-ups so far


class ChangeRefused(Exception):
    """At least one change may not be recorded; nothing was. ``problems`` pairs each refused
    change's registration number with the reason (Indonesian, with what to do)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{rid}: {message}" for rid, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class RunCounts:
    """How many registrations of a run are in each status now."""

    by_status: Mapping[Status, int] = field(default_factory=dict)
    last_received_at: datetime | None = None

    @property
    def total(self) -> int:
        """Every registration ever received for the run (the applicant cap counts these)."""
        return sum(self.by_status.values())

    @property
    def registered(self) -> int:
        return self.by_status.get(Status.REGISTERED, 0)

    @property
    def waitlist(self) -> int:
        return self.by_status.get(Status.WAITLIST, 0)

    def of(self, status: Status) -> int:
        return self.by_status.get(status, 0)


@dataclass(frozen=True)
class PurgeResult:
    kept: int
    removed: int
    damaged_kept: int = 0


@dataclass(frozen=True)
class Problem:
    """Something wrong in the store, for ``katalog queue verify``: where (a line number of the
    file, or a registration number) and what, never personal data."""

    where: str
    message: str


class Snapshot(Protocol):
    """What ``decide`` may ask while the store holds the rules' lock."""

    def registrations_of_nik(self, nik: str) -> list[tuple[str, str]]:
        """``(run id, registration number)`` of every registration with this NIK."""
        ...

    def counts(self, run_id: str) -> RunCounts: ...


class RegistrationStore(Protocol):
    def add(self, decide: Callable[[Snapshot], Registration]) -> Registration:
        """Hold the rules' lock, call ``decide`` (which returns the new registration or raises:
        then nothing is written), store it durably, and only then return it."""
        ...

    def new_registration_id(self) -> str: ...

    def record(
        self, changes: Sequence[Change], *, now: datetime | None = None
    ) -> list[StatusEvent]:
        """Record every change or none (:class:`ChangeRefused`). A change to the status a
        registration already has (and the same reserve rank) is skipped, so importing the same
        file twice changes nothing. Returns the events written."""
        ...

    def get(self, registration_id: str) -> Registration | None: ...

    def registrations(self, run_id: str | None = None) -> Iterator[Registration]:
        """Every registration (of one run), with its events, in the order received."""
        ...

    def counts(self, run_id: str) -> RunCounts: ...

    def all_counts(self) -> dict[str, RunCounts]: ...

    def purge(self, keep: Callable[[Registration], bool], *, dry_run: bool = False) -> PurgeResult:
        """Remove every registration ``keep`` refuses, with its events, all at once."""
        ...

    def problems(self) -> Iterator[Problem]:
        """Everything damaged or inconsistent, for ``katalog queue verify``."""
        ...

    def damaged_count(self) -> int:
        """Stored items that could not be read as registrations or events (0 in a database)."""
        ...

    def health(self) -> str | None:
        """Why a registration could not be written now (for monitoring, English), or ``None``."""
        ...

    def close(self) -> None: ...


def plan_events(
    changes: Sequence[Change],
    moment: datetime,
    current: Callable[[str], Current | None],
) -> tuple[list[StatusEvent], list[tuple[str, str]]]:
    """The events that carry out ``changes`` and the problems that forbid them (both stores).

    ``current(number)`` gives the registration's :class:`Current` state or ``None``. A change
    to what a registration already has (the same status and rank, the same starter-package
    flag, the same answer for the same follow-up month) is skipped, so the same import twice
    records nothing. A starter package or a follow-up is checked against the status after the
    change (:mod:`registrations.outcomes`); it may come with a status change, in one event.
    Several changes of one registration in one batch follow each other.
    """
    events: list[StatusEvent] = []
    problems: list[tuple[str, str]] = []
    planned: dict[str, Current] = {}
    for change in changes:
        rid = change.registration_id
        state = planned.get(rid) or current(rid)
        if state is None:
            problems.append((rid, f"nomor pendaftaran {rid} tidak ada di antrean."))
            continue
        run_id, status, rank, seq, outcome = state
        if change.run_id is not None and change.run_id != run_id:
            problems.append(
                (rid, f"nomor pendaftaran {rid} bukan pendaftar angkatan {change.run_id}.")
            )
            continue
        if change.to_status is None:
            target, new_rank = status, rank
        else:
            target = change.to_status
            new_rank = change.rank if target is Status.RESERVE else None
        starter = change.starter_package
        if starter is not None and starter == outcome.starter_package:
            starter = None
        month, answer = change.followup_month, change.followup
        if month is None or answer is None or outcome.followup(month) == answer:
            month, answer = None, None
        moves = not (target == status and new_rank == rank)
        if not moves and starter is None and answer is None:
            continue
        message = transition_problem(status, target, change.reason) if moves else None
        if message is None and starter is not None:
            message = starter_problem(target, starter)
        if message is None and month is not None:
            message = followup_problem(target, month)
        if message is not None:
            problems.append((rid, message))
            continue
        event = StatusEvent(
            registration_id=rid,
            run_id=run_id,
            seq=seq + 1,
            from_status=status,
            to_status=target,
            at=moment,
            by=change.by,
            reason=change.reason or None,
            rank=new_rank,
            note=change.note or None,
            starter_package=starter,
            followup_month=month,
            followup=answer,
        )
        events.append(event)
        planned[rid] = Current(run_id, target, new_rank, seq + 1, outcome.with_event(event))
    return events, problems


def is_database_url(location: str | os.PathLike[str]) -> bool:
    return os.fspath(location).startswith(("postgresql://", "postgres://"))


def open_store(location: str | os.PathLike[str], **options) -> RegistrationStore:
    """The store at ``location``: a ``postgresql://`` URL, or the path of a JSON Lines file."""
    if is_database_url(location):
        from registrations.postgres import PostgresStore

        return PostgresStore(os.fspath(location), **options)
    from registrations.jsonl import JsonlStore

    return JsonlStore(location)


def stamp(moment: datetime) -> datetime:
    """A time as records keep it: UTC, whole seconds."""
    from datetime import UTC

    return moment.astimezone(UTC).replace(microsecond=0)
