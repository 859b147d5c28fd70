"""`katalog queue publish --out FILE`: the public announcement of selection results.

The file is public: it goes to the site (``katalog build --results FILE``) and may be shared as
it is. It holds registration numbers, masked names and counts; never a NIK, a birth date, a
phone number, an address or a full name. Written atomically with mode 0644 (readable by the
web server and the site build).

Format (JSON, UTF-8)::

    {
      "format": "katalog-pengumuman",
      "version": 1,
      "generated_at": "2027-01-26T03:00:00Z",
      "small_counts_hidden_below": 5,
      "runs": [
        {
          "run_id": "blk-kota-tangerang/tata-boga/2027-1",
          "counts": {"applicants": 140, "invited": 60, "accepted": 20, "reserve": 5},
          "by_status": {"registered": 12, "waitlist": 0, "invited": 0, "accepted": 20,
                        "reserve": 5, "rejected": 35, "withdrawn": null, ...},
          "accepted": [{"number": "KP-7K3M-Q9TX-4HBW", "name": "S*** C*****"},
                       {"number": "KP-..."}],
          "reserve": [{"number": "KP-...", "name": "C***** P********", "rank": 1}]
        }
      ]
    }

- ``runs``: every run with at least one registration, sorted by ``run_id``.
- ``counts``: ``applicants`` every registration of the run; ``invited`` those ever invited to
  selection (an event to "Diundang seleksi"); ``accepted`` those holding a seat (Diterima,
  Mengikuti pelatihan, Lulus, Tidak lulus, Bersertifikat: the same count ``katalog queue
  promote`` holds against the quota); ``reserve`` the reserves now. These are exact: the lists
  below show every accepted applicant and every reserve anyway.
- ``by_status``: how many registrations are in each status now (every status code of
  :class:`registrations.status.Status`), so that outcome figures (lulus, bersertifikat, ...) can
  be computed per run. Small counts are hidden **in this file**, not only on the site, because
  the file itself is public: a count from 1 to 4 is ``null``; when a group whose total is known
  from the file (all registrations = ``applicants``; seat holders = ``accepted``) has exactly
  one hidden count, the smallest other non-zero count of that group is hidden too, so the
  hidden one cannot be found by subtraction; a group whose total is 1 to 4 has every non-zero
  count hidden. ``reserve`` is never hidden (the reserve list shows it). ``0`` is shown.
- ``accepted``: seat holders, by registration number; ``reserve``: by rank (reserves without a
  rank last, by number). ``name`` is the first letter of each word followed by one ``*`` per
  further letter ("Siti Contoh" -> "S*** C*****"), and is left out when the applicant did not
  agree to have the name published (``consent.publish_name``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from form_service.staff.common import write_file_atomically
from registrations.models import Registration
from registrations.records import utc_text
from registrations.status import Status

FORMAT = "katalog-pengumuman"
VERSION = 1
HIDE_BELOW = 5
SEAT_HOLDERS = frozenset(
    {Status.ACCEPTED, Status.ATTENDING, Status.PASSED, Status.FAILED, Status.CERTIFIED}
)


def mask_name(name: str) -> str:
    """ "Siti Contoh" -> "S*** C*****": the first letter of each word, then one star a letter."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


def _entry(registration: Registration) -> dict[str, Any]:
    entry: dict[str, Any] = {"number": registration.id}
    if registration.consent.publish_name:
        entry["name"] = mask_name(registration.applicant.full_name)
    return entry


def hide_small(by_status: dict[str, int]) -> dict[str, int | None]:
    """The counts with small ones hidden as described in the module docstring."""
    shown: dict[str, int | None] = dict(by_status)
    never = {Status.RESERVE.value}
    groups = [
        [s.value for s in Status],
        [s.value for s in Status if s in SEAT_HOLDERS],
    ]
    for code, n in by_status.items():
        if 0 < n < HIDE_BELOW and code not in never:
            shown[code] = None
    for group in groups:
        total = sum(by_status[c] for c in group)
        if 0 < total < HIDE_BELOW:
            for code in group:
                if by_status[code] and code not in never:
                    shown[code] = None
    changed = True
    while changed:  # one more hidden count in any group with exactly one
        changed = False
        for group in groups:
            hidden = [c for c in group if shown[c] is None]
            if len(hidden) != 1:
                continue
            candidates = [
                c for c in group if shown[c] is not None and by_status[c] > 0 and c not in never
            ]
            if candidates:
                smallest = min(candidates, key=lambda c: (by_status[c], c))
                shown[smallest] = None
                changed = True
    return shown


def announcement(registrations: Iterable[Registration], now: datetime) -> dict[str, Any]:
    runs: dict[str, list[Registration]] = {}
    for registration in registrations:
        runs.setdefault(registration.run_id, []).append(registration)
    out = []
    for run_id in sorted(runs):
        members = runs[run_id]
        statuses = Counter(r.status for r in members)
        invited = sum(
            1
            for r in members
            if r.initial_status is Status.INVITED
            or any(e.to_status is Status.INVITED for e in r.events)
        )
        holders = sorted((r for r in members if r.status in SEAT_HOLDERS), key=lambda r: r.id)
        reserves = sorted(
            (r for r in members if r.status is Status.RESERVE),
            key=lambda r: (r.reserve_rank is None, r.reserve_rank or 0, r.id),
        )
        reserve_entries = []
        for r in reserves:
            entry = _entry(r)
            if r.reserve_rank is not None:
                entry["rank"] = r.reserve_rank
            reserve_entries.append(entry)
        out.append(
            {
                "run_id": run_id,
                "counts": {
                    "applicants": len(members),
                    "invited": invited,
                    "accepted": len(holders),
                    "reserve": len(reserves),
                },
                "by_status": hide_small({s.value: statuses.get(s, 0) for s in Status}),
                "accepted": [_entry(r) for r in holders],
                "reserve": reserve_entries,
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": utc_text(now),
        "small_counts_hidden_below": HIDE_BELOW,
        "runs": out,
    }


def write_announcement(out: Path, data: dict[str, Any]) -> None:
    payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def write(handle) -> None:  # type: ignore[no-untyped-def]
        handle.write(payload)
        os.fchmod(handle.fileno(), 0o644)  # public, whatever the umask

    write_file_atomically(out, 0o644, write)
