"""`katalog queue purge`: which records leave the queue when their retention ends.

A record is removed when it matches every given condition: received before ``before`` (a WIB
calendar date; the record's UTC time is converted) and/or belonging to ``run_id``. A record whose
time cannot be read is kept under ``--before`` (nothing is deleted on a guess). Damaged lines are
always kept byte for byte, so `katalog queue verify` can still point at them; the command says how
many there are (they may hold personal data: a clerk fixes or deletes them by hand).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from form_service.queue import QueueLine
from form_service.staff.common import wib_naive


def keep_function(before: date | None, run_id: str | None) -> Callable[[QueueLine], bool]:
    if before is None and run_id is None:
        raise ValueError("purge needs before or run_id")

    def keep(line: QueueLine) -> bool:
        record = line.record or {}
        if run_id is not None and record.get("run_id") != run_id:
            return True
        if before is not None:
            received = wib_naive(record.get("received_at"))  # None: unreadable or past year 9999
            if received is None or received.date() >= before:
                return True
        return False

    return keep
