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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from catalog.catalog import Catalog
from catalog.status import RunStatus, run_status
from form_service.queue import QueueLine
from form_service.staff.common import (
    number,
    parse_received_at,
    ratio,
    run_title,
    wib_text,
    write_file_atomically,
)


@dataclass
class RunStats:
    registered: int = 0
    waitlist: int = 0
    last_received_at: str | None = None

    @property
    def total(self) -> int:
        return self.registered + self.waitlist


@dataclass
class QueueStats:
    runs: dict[str, RunStats] = field(default_factory=dict)
    damaged_lines: int = 0
    records: int = 0


def collect(lines: Iterable[QueueLine]) -> QueueStats:
    """Count records per run and status in one streaming pass."""
    stats = QueueStats()
    runs = stats.runs
    for line in lines:
        record = line.record
        if record is None:
            stats.damaged_lines += 1
            continue
        run_id = record.get("run_id")
        if not isinstance(run_id, str):
            stats.damaged_lines += 1
            continue
        stats.records += 1
        run = runs.get(run_id)
        if run is None:
            run = runs[run_id] = RunStats()
        status = record.get("status")
        if status == "registered":
            run.registered += 1
        elif status == "waitlist":
            run.waitlist += 1
        received = record.get("received_at")
        # the latest valid time: compare first (cheap), validate only a new latest
        if (
            type(received) is str
            and (run.last_received_at is None or received > run.last_received_at)
            and parse_received_at(received)
        ):
            run.last_received_at = received
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
