"""Counts per run, for staff (`katalog queue stats`) and for the public site.

Public stats file (``katalog queue stats --public-out FILE``, read by ``katalog build --stats FILE``).
It holds counts only, never personal data::

    {
      "generated_at": "2027-01-05T02:31:07Z",          # UTC, seconds, 'Z'
      "runs": {
        "disnaker-kota-tangerang/tata-boga/2027-1": {"registered": 25, "waitlist": 3, "quota": 20},
        ...
      }
    }

``runs`` lists every run of the catalog (0/0 for runs nobody registered for yet), keyed by the run's
public id; records of runs no longer in the catalog are left out. ``registered`` and ``waitlist``
are the numbers of records with that status; ``quota`` is the run's seats from the catalog.
The file is written atomically (temporary file, then rename) with mode 0644: it is public.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from catalog.catalog import Catalog
from catalog.status import RunStatus, run_status
from form_service.staff.common import (
    number,
    ratio,
    run_title,
    wib_text,
    write_file_atomically,
)
from registrations.records import utc_text
from registrations.status import Status
from registrations.store import RegistrationStore


@dataclass
class RunStats:
    """``waitlist``: on the waiting list now; ``registered``: every other applicant (before
    selection all of them are "terdaftar"; afterwards they are invited, accepted, ...)."""

    registered: int = 0
    waitlist: int = 0
    last_received_at: str | None = None

    @property
    def total(self) -> int:
        return self.registered + self.waitlist

    def add(self, status: Status) -> None:
        if status is Status.WAITLIST:
            self.waitlist += 1
        else:
            self.registered += 1


@dataclass
class QueueStats:
    runs: dict[str, RunStats] = field(default_factory=dict)
    damaged_lines: int = 0
    records: int = 0


def collect(store: RegistrationStore) -> QueueStats:
    """Counts per run from the store's own counts (no registration is read)."""
    stats = QueueStats(damaged_lines=store.damaged_count())
    for run_id, counts in store.all_counts().items():
        waitlist = counts.waitlist
        last = counts.last_received_at
        stats.runs[run_id] = RunStats(
            registered=counts.total - waitlist,
            waitlist=waitlist,
            last_received_at=utc_text(last) if last else None,
        )
        stats.records += counts.total
    return stats


def selected_runs(
    stats: QueueStats, run_id: str | None, catalog: Catalog, today: date
) -> list[str]:
    """The runs to report: ``run_id``, else every run with a registration and every run whose
    registration is open today (those without any applicant are the ones to look at)."""
    if run_id is not None:
        return [run_id]
    open_now = {
        ref.public_id for ref in catalog.runs() if run_status(ref.run, today) is RunStatus.OPEN
    }
    return sorted(stats.runs.keys() | open_now)


def as_json(stats: QueueStats, catalog: Catalog, run_ids: list[str], now: datetime) -> dict:
    """The machine-readable form of ``katalog queue stats --json`` (counts, no personal data)."""
    runs = {}
    for run_id in run_ids:
        run = stats.runs.get(run_id, RunStats())
        ref = catalog.find_run(run_id)
        quota = ref.run.quota if ref else None
        runs[run_id] = {
            "in_catalog": ref is not None,
            "title": run_title(ref) or None,
            "registered": run.registered,
            "waitlist": run.waitlist,
            "quota": quota,
            "applicants_per_seat": round(run.total / quota, 2) if quota else None,
            "last_received_at": run.last_received_at,
        }
    return {
        "generated_at": _utc_text(now),
        "runs": runs,
        "totals": {
            "registered": sum(r["registered"] for r in runs.values()),
            "waitlist": sum(r["waitlist"] for r in runs.values()),
            "runs": len(runs),
        },
        "damaged_lines": stats.damaged_lines,
    }


def as_text(stats: QueueStats, catalog: Catalog, run_ids: list[str]) -> list[str]:
    """The clerk's report, one block per run and a total."""
    out: list[str] = []
    for run_id in run_ids:
        run = stats.runs.get(run_id, RunStats())
        ref = catalog.find_run(run_id)
        out.append(f"Angkatan {run_id}")
        if ref is None:
            out.append("  (angkatan ini tidak ada di katalog)")
        else:
            out.append(f"  {run_title(ref)}")
        quota = ref.run.quota if ref else None
        seats = ratio(run.total / quota) if quota else "-"
        out.append(f"  Terdaftar            : {number(run.registered)}")
        out.append(f"  Daftar tunggu        : {number(run.waitlist)}")
        out.append(f"  Kuota                : {number(quota) if quota else '-'}")
        out.append(f"  Pendaftar per kursi  : {seats}")
        out.append(f"  Pendaftaran terakhir : {wib_text(run.last_received_at)}")
        out.append("")
    registered = sum(stats.runs.get(r, RunStats()).registered for r in run_ids)
    waitlist = sum(stats.runs.get(r, RunStats()).waitlist for r in run_ids)
    if not run_ids:
        out.append("Belum ada pendaftaran di antrean.")
    else:
        out.append(
            f"Jumlah: {number(registered + waitlist)} pendaftar "
            f"({number(registered)} terdaftar, {number(waitlist)} daftar tunggu) "
            f"di {number(len(run_ids))} angkatan."
        )
    return out


def public_stats(stats: QueueStats, catalog: Catalog, now: datetime) -> dict:
    """Counts for the public site (see the module docstring): every catalog run, nothing personal."""
    runs = {}
    for ref in sorted(catalog.runs(), key=lambda r: r.public_id):
        run = stats.runs.get(ref.public_id, RunStats())
        runs[ref.public_id] = {
            "registered": run.registered,
            "waitlist": run.waitlist,
            "quota": ref.run.quota,
        }
    return {"generated_at": _utc_text(now), "runs": runs}


def write_public(path: Path, data: dict) -> None:
    """Write atomically; mode 0644 (the file is published)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_file_atomically(path, 0o644, lambda handle: handle.write(text.encode("utf-8")))


def _utc_text(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
