"""What a participant did after the training: the starter package and the follow-ups.

Both are recorded as status events that may keep the status (``from == to``), so "who changed
this, when and why" holds for them like for every status change:

- **Paket usaha** (starter package, e.g. Dinsos gives the best three of each class one): only for
  a participant who completed (Lulus or Bersertifikat). An event carries
  ``starter_package: true`` (given) or ``false`` (taken back, a correction); ``null`` when the
  event says nothing about it.
- **Tindak lanjut** (follow-up) 3 and 6 months after the run ends: what the alumnus does now,
  :class:`FollowUp`. An event carries ``followup_month`` (3 or 6) and ``followup`` (the code).
  Only for participants who completed (:data:`FOLLOWUP_STATUSES`): the published figure is
  "of those who completed, how many work or run a business at 6 months"; counting those who did
  not complete would make it mean something else (and could exceed the completed count).

The current value of each is the last event that says something about it
(:func:`outcome_of`); the same value again is not recorded twice.
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from catalog.dates import format_date_long
from registrations.status import Status

if TYPE_CHECKING:
    from registrations.models import StatusEvent

FOLLOWUP_MONTHS = (3, 6)
# A participant who completed the training: may get a starter package and is followed up.
COMPLETED = frozenset({Status.PASSED, Status.CERTIFIED})
FOLLOWUP_STATUSES = COMPLETED


class FollowUp(StrEnum):
    """The stored code (English, stable) of a follow-up answer; :data:`FOLLOWUP_LABELS` has the
    words."""

    WORKING = "working"
    SELF_EMPLOYED = "self_employed"
    NOT_WORKING = "not_working"
    UNREACHABLE = "unreachable"

    @property
    def label(self) -> str:
        return FOLLOWUP_LABELS[self]


FOLLOWUP_LABELS: dict[FollowUp, str] = {
    FollowUp.WORKING: "Bekerja",
    FollowUp.SELF_EMPLOYED: "Berwirausaha",
    FollowUp.NOT_WORKING: "Belum bekerja",
    FollowUp.UNREACHABLE: "Tidak dapat dihubungi",
}

_BY_WORD = {label.lower(): answer for answer, label in FOLLOWUP_LABELS.items()}
_BY_WORD.update({answer.value: answer for answer in FollowUp})
_BY_WORD.update({"wirausaha": FollowUp.SELF_EMPLOYED, "tidak bisa dihubungi": FollowUp.UNREACHABLE})

STARTER_YES, STARTER_NO = "ya", "tidak"


def parse_followup(word: str) -> FollowUp | None:
    """The answer a clerk typed (its label in any case, or its code), else ``None``."""
    return _BY_WORD.get(" ".join(word.split()).lower())


def followup_suggestion(word: str) -> str | None:
    """The label closest to a mistyped answer, for "maksud Anda ...?"."""
    close = difflib.get_close_matches(
        " ".join(word.split()).lower(),
        [label.lower() for label in FOLLOWUP_LABELS.values()],
        1,
        0.6,
    )
    answer = parse_followup(close[0]) if close else None
    return answer.label if answer else None


def followup_choices() -> str:
    return ", ".join(f"\u201c{label}\u201d" for label in FOLLOWUP_LABELS.values())


@dataclass(frozen=True, slots=True)
class Outcome:
    """The current starter-package flag and follow-up answers of one registration."""

    starter_package: bool = False
    followups: tuple[tuple[int, FollowUp], ...] = field(default=())  # (month, answer), sorted

    def followup(self, month: int) -> FollowUp | None:
        return dict(self.followups).get(month)

    def with_event(self, event: StatusEvent) -> Outcome:
        starter = self.starter_package
        if event.starter_package is not None:
            starter = event.starter_package
        followups = self.followups
        if event.followup_month is not None and event.followup is not None:
            answers = dict(followups)
            answers[event.followup_month] = event.followup
            followups = tuple(sorted(answers.items()))
        return Outcome(starter, followups)


NO_OUTCOME = Outcome()


def outcome_of(events: Iterable[StatusEvent]) -> Outcome:
    outcome = NO_OUTCOME
    for event in events:
        outcome = outcome.with_event(event)
    return outcome


def starter_problem(status: Status, given: bool) -> str | None:
    """Why a starter package may not be recorded for a registration in ``status``."""
    if given and status not in COMPLETED:
        return (
            f"paket usaha hanya untuk peserta yang \u201cLulus\u201d atau \u201cBersertifikat\u201d, "
            f"bukan \u201c{status.label}\u201d. Catat dulu hasil pelatihannya."
        )
    return None


def followup_problem(status: Status, month: int) -> str | None:
    """Why a follow-up answer may not be recorded for a registration in ``status``."""
    if month not in FOLLOWUP_MONTHS:
        return f"tindak lanjut hanya untuk bulan ke-3 atau ke-6, bukan {month}."
    if status not in FOLLOWUP_STATUSES:
        return (
            f"tindak lanjut hanya untuk peserta yang \u201cLulus\u201d atau "
            f"\u201cBersertifikat\u201d, bukan \u201c{status.label}\u201d."
        )
    return None


def followup_due(run_end: date, month: int) -> date:
    """The day a follow-up becomes due: ``month`` calendar months after the run's last day
    (31 August + 6 months = 28 or 29 February)."""
    total = run_end.month - 1 + month
    year, month_index = run_end.year + total // 12, total % 12 + 1
    day = min(run_end.day, calendar.monthrange(year, month_index)[1])
    return date(year, month_index, day)


def too_early_problem(run_end: date, month: int, today: date) -> str | None:
    """Why a follow-up answer for ``month`` cannot be true yet (the run ended too recently)."""
    due = followup_due(run_end, month)
    if today >= due:
        return None
    return (
        f"tindak lanjut {month} bulan baru bisa dicatat mulai {format_date_long(due)} "
        f"({month} bulan setelah angkatan selesai {format_date_long(run_end)}). Periksa "
        "bulannya (3 atau 6)."
    )
