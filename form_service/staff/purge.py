"""`katalog queue purge`: which records leave the queue when their retention ends.

A record is removed when it matches every given condition: received before ``before`` (a WIB
calendar date; the record's UTC time is converted), belonging to ``run_id``, being registration
``registration_id`` (an applicant's request to delete their data), and/or belonging to a run in
``expired`` (runs whose retention is over: the privacy notice promises to keep registrations until
``RETENTION_MONTHS`` months after the run ends, then delete them). A record whose time cannot be
read is kept under ``--before`` (nothing is deleted on a guess). Damaged lines are always kept byte
for byte, so `katalog queue verify` can still point at them; the command says how many there are
(they may hold personal data: a clerk fixes or deletes them by hand).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from catalog.catalog import Catalog
from catalog.dates import WIB
from registrations.models import Registration

DEFAULT_RETENTION_MONTHS = 6  # as form_service.config; KATALOG_RETENTION_MONTHS overrides both


@dataclass(frozen=True)
class Conditions:
    before: date | None = None
    run_id: str | None = None
    registration_id: str | None = None
    expired: frozenset[str] | None = None  # run ids whose retention is over

    @property
    def empty(self) -> bool:
        return all(
            v is None for v in (self.before, self.run_id, self.registration_id, self.expired)
        )


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def split_by_retention(
    catalog: Catalog, today: date, months: int
) -> tuple[frozenset[str], frozenset[str]]:
    """The runs of the catalog that ended more than ``months`` months before ``today`` (their
    retention is over), and the others (the privacy notice still promises to keep theirs)."""
    over: set[str] = set()
    kept: set[str] = set()
    for ref in catalog.runs():
        (over if add_months(ref.end, months) < today else kept).add(ref.public_id)
    return frozenset(over), frozenset(kept)


def keep_function(conditions: Conditions) -> Callable[[Registration], bool]:
    if conditions.empty:
        raise ValueError("purge needs a condition")
    before, run_id, wanted, expired = (
        conditions.before,
        conditions.run_id,
        conditions.registration_id,
        conditions.expired,
    )

    def keep(registration: Registration) -> bool:
        if run_id is not None and registration.run_id != run_id:
            return True
        if wanted is not None and registration.id != wanted:
            return True
        if expired is not None and registration.run_id not in expired:
            return True
        if before is not None:
            try:
                received = registration.received_at.astimezone(WIB).date()
            except OverflowError:  # past year 9999 in WIB: keep, never delete on a guess
                return True
            if received >= before:
                return True
        return False

    return keep
