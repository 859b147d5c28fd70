"""A run's registration status on a given day (WIB), the same for the site and the form."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from catalog.models import Run


class RunStatus(StrEnum):
    UPCOMING = "akan-dibuka"  # registration not open yet
    OPEN = "dibuka"  # registration open today
    CLOSED = "ditutup"  # registration closed, the run has not ended
    FINISHED = "selesai"  # the run has ended

    @property
    def label(self) -> str:
        return _LABELS[self]


# Every label says what it is about: a bare "Akan dibuka" next to training dates was read as
# the training's dates. The site's live script reads these same labels from the page.
_LABELS = {
    RunStatus.UPCOMING: "Pendaftaran segera dibuka",
    RunStatus.OPEN: "Pendaftaran dibuka",
    RunStatus.CLOSED: "Pendaftaran ditutup",
    RunStatus.FINISHED: "Pelatihan selesai",
}


def run_status(run: Run, today: date) -> RunStatus:
    """Status on ``today`` (a WIB date). Registration dates are inclusive."""
    if today < run.registration.opens:
        return RunStatus.UPCOMING
    if today <= run.registration.closes:
        return RunStatus.OPEN
    end = run.end or run.start
    if today <= end:
        return RunStatus.CLOSED
    return RunStatus.FINISHED
