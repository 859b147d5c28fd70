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
from typing import Protocol

from registrations.models import Registration, StatusEvent
from registrations.status import Status, transition_problem


class StoreUnavailable(Exception):
    """The store cannot be written or read now (full disk, database down or read-only...).

    Nothing was written. The web form answers 503 with the answers kept; staff commands print
    the message (Indonesian).
    """


@dataclass(frozen=True)
class Change:
    """A status change a clerk asks for; the store checks it against the current status."""

    registration_id: str
    to_status: Status
    by: str
    reason: str | None = None
    rank: int | None = None
    note: str | None = None
    run_id: str | None = None  # when given, the registration must belong to this run


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
    current: Callable[[str], tuple[str, Status, int | None, int] | None],
) -> tuple[list[StatusEvent], list[tuple[str, str]]]:
    """The events that carry out ``changes`` and the problems that forbid them (both stores).

    ``current(number)`` gives ``(run id, status, reserve rank, events so far)`` or ``None``.
    A change to the status (and rank) a registration already has is skipped. Several changes
    of one registration in one batch follow each other.
    """
    events: list[StatusEvent] = []
    problems: list[tuple[str, str]] = []
    planned: dict[str, tuple[str, Status, int | None, int]] = {}
    for change in changes:
        rid = change.registration_id
        state = planned.get(rid) or current(rid)
        if state is None:
            problems.append((rid, f"nomor pendaftaran {rid} tidak ada di antrean."))
            continue
        run_id, status, rank, seq = state
        if change.run_id is not None and change.run_id != run_id:
            problems.append(
                (rid, f"nomor pendaftaran {rid} bukan pendaftar angkatan {change.run_id}.")
            )
            continue
        new_rank = change.rank if change.to_status is Status.RESERVE else None
        if change.to_status == status and new_rank == rank:
            continue
        message = transition_problem(status, change.to_status, change.reason)
        if message is not None:
            problems.append((rid, message))
            continue
        event = StatusEvent(
            registration_id=rid,
            run_id=run_id,
            seq=seq + 1,
            from_status=status,
            to_status=change.to_status,
            at=moment,
            by=change.by,
            reason=change.reason or None,
            rank=new_rank,
            note=change.note or None,
        )
        events.append(event)
        planned[rid] = (run_id, change.to_status, new_rank, seq + 1)
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
