"""Applicant counts per run, exported by the form service for a static build (``--stats``).

Format (counts only, never personal data)::

    {"generated_at": "2027-01-10T02:00:00Z",
     "runs": {"blk-x/tata-boga/2027-1": {"registered": 45, "waitlist": 3, "quota": 20}}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


class StatsError(Exception):
    """The stats file cannot be used; the message is Indonesian and names the file."""


@dataclass(frozen=True)
class RunCounts:
    registered: int
    waitlist: int
    quota: int


@dataclass(frozen=True)
class Stats:
    generated_at: datetime
    runs: dict[str, RunCounts]
    raw: dict  # the file as read, for the open data export


def _count(path: Path, run_id: str, entry: dict, key: str, required: bool = True) -> int:
    value = entry.get(key, None if required else 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise StatsError(
            f"{path}: angka '{key}' untuk angkatan {run_id} harus bilangan bulat 0 atau lebih."
        )
    return value


def load_stats(path: Path) -> Stats:
    """Read and check a stats file; raise :class:`StatsError` with what to fix."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StatsError(f"{path}: berkas statistik tidak dapat dibaca ({exc.strerror}).") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StatsError(f"{path}: berkas statistik bukan JSON yang benar ({exc}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("runs"), dict):
        raise StatsError(f"{path}: berkas statistik harus berisi 'generated_at' dan 'runs'.")
    try:
        generated_at = datetime.fromisoformat(str(data.get("generated_at")))
    except ValueError as exc:
        raise StatsError(
            f"{path}: 'generated_at' harus waktu ISO 8601, misalnya 2027-01-10T02:00:00Z."
        ) from exc
    if generated_at.tzinfo is None:
        raise StatsError(f"{path}: 'generated_at' harus menyebut zona waktu, misalnya akhiran Z.")
    runs = {}
    for run_id, entry in data["runs"].items():
        if not isinstance(entry, dict):
            raise StatsError(f"{path}: data angkatan {run_id} harus berisi angka-angka.")
        runs[run_id] = RunCounts(
            registered=_count(path, run_id, entry, "registered"),
            waitlist=_count(path, run_id, entry, "waitlist", required=False),
            quota=_count(path, run_id, entry, "quota"),
        )
    return Stats(generated_at, runs, data)
