"""`katalog queue publish --out FILE`: the public announcement of selection results.

The file is public: it goes to the site (``katalog build --results FILE``) and may be shared as
it is. It holds registration numbers, masked names and counts; never a NIK, a birth date, a
phone number, an address or a full name. Written atomically with mode 0644 (readable by the
web server and the site build).

Format (JSON, UTF-8)::

    {
      "format": "katalog-pengumuman",
      "version": 2,
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
          "reserve": [{"number": "KP-...", "name": "C***** P********", "rank": 1}],
          "outcomes": {
            "applicants": 140, "accepted": 20,
            "attending": 20, "completed": 17, "certified": 12, "starter_packages": null,
            "followup_6": {"working": 6, "self_employed": 5, "not_working": null,
                           "unreachable": null, "no_answer": 0}
          }
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
  Since version 2 this is done together with ``outcomes`` (below).
- ``accepted``: seat holders, by registration number; ``reserve``: by rank (reserves without a
  rank last, by number). ``name`` is the first letter of each word followed by one ``*`` per
  further letter ("Siti Contoh" -> "S*** C*****"), and is left out when the applicant did not
  agree to have the name published (``consent.publish_name``).
- ``outcomes`` (version 2, issue 13; what the Capaian pages and "Hasil angkatan sebelumnya"
  read, counts only):

  - ``applicants``, ``accepted``: as in ``counts`` (exact, public anyway);
  - ``attending``: seat holders who started the training (Mengikuti pelatihan, Lulus, Tidak
    lulus, Bersertifikat); ``completed``: Lulus or Bersertifikat; ``certified``:
    Bersertifikat; ``starter_packages``: those who completed with a starter package (the
    latest record says so);
  - ``followup_6``: of those who completed, the answer recorded for 6 months after the run
    ended: ``working`` (Bekerja), ``self_employed`` (Berwirausaha), ``not_working`` (Belum
    bekerja), ``unreachable`` (Tidak dapat dihubungi), ``no_answer`` (none recorded yet: the
    six months have not passed, or nobody asked yet). The five add up to ``completed``.

  Suppression covers ``by_status`` and ``outcomes`` together (:func:`suppress`): every count
  from 1 to 4 is ``null``; then, for every set of counts the file ties together by a sum
  (all statuses = ``applicants``; seat holders = ``accepted``; ``attending`` = Mengikuti
  pelatihan + Lulus + Tidak lulus + Bersertifikat; ``completed`` = Lulus + Bersertifikat;
  ``certified`` = Bersertifikat; ``completed`` = the five follow-up counts), a set with
  exactly one hidden count gets one more hidden, until no hidden count can be found by
  subtraction. The count hidden second is the one that protects the most such sums at once,
  then the one in the fewest sums, then the smallest (ties by name): a run with 2 withdrawals
  loses its rejected count rather than its completed count. ``applicants``, ``accepted`` and ``reserve`` are
  never hidden; ``0`` is shown. A run whose six months have not passed has every completer
  under ``no_answer``.
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
from registrations.outcomes import COMPLETED, FollowUp
from registrations.records import utc_text
from registrations.status import Status
from registrations.suppression import HIDE_BELOW
from registrations.suppression import suppress as shared_suppress

FORMAT = "katalog-pengumuman"
VERSION = 2
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


STARTED = frozenset({Status.ATTENDING, Status.PASSED, Status.FAILED, Status.CERTIFIED})
FOLLOWUP_KEYS = {
    FollowUp.WORKING: "working",
    FollowUp.SELF_EMPLOYED: "self_employed",
    FollowUp.NOT_WORKING: "not_working",
    FollowUp.UNREACHABLE: "unreachable",
}
NO_ANSWER = "no_answer"
# The sets of counts the file ties together by a sum (see the module docstring). Cells are
# status codes (``by_status``) and "o:<name>" / "f6:<name>" for ``outcomes``.
_STATUS_GROUPS = [
    [s.value for s in Status],  # = applicants (never hidden)
    [s.value for s in Status if s in SEAT_HOLDERS],  # = accepted (never hidden)
]
_OUTCOME_RELATIONS = [
    ["o:attending", *(s.value for s in Status if s in STARTED)],
    ["o:completed", Status.PASSED.value, Status.CERTIFIED.value],
    ["o:certified", Status.CERTIFIED.value],
    ["o:completed", *(f"f6:{k}" for k in (*FOLLOWUP_KEYS.values(), NO_ANSWER))],
]
_NEVER = frozenset({Status.RESERVE.value})


def suppress(
    counts: dict[str, int], relations: list[list[str]], never: frozenset[str] = _NEVER
) -> dict[str, int | None]:
    """:func:`registrations.suppression.suppress` with this file's rules: the reserve count is
    never hidden, and a run whose applicants or seat holders number 1..4 has them all hidden."""
    return shared_suppress(counts, relations, never=never, whole=relations[: len(_STATUS_GROUPS)])


def hide_small(by_status: dict[str, int]) -> dict[str, int | None]:
    """The status counts alone with small ones hidden (:func:`suppress` over the status
    groups)."""
    return suppress(by_status, _STATUS_GROUPS)


def outcome_counts(members: list[Registration]) -> dict[str, int]:
    """The exact outcome cells of one run (``o:...`` and ``f6:...``), before suppression."""
    completed = [r for r in members if r.status in COMPLETED]
    cells = {
        "o:attending": sum(1 for r in members if r.status in STARTED),
        "o:completed": len(completed),
        "o:certified": sum(1 for r in members if r.status is Status.CERTIFIED),
        "o:starter_packages": sum(1 for r in completed if r.outcome.starter_package),
    }
    answers = Counter(r.outcome.followup(6) for r in completed)
    for answer, key in FOLLOWUP_KEYS.items():
        cells[f"f6:{key}"] = answers.get(answer, 0)
    cells[f"f6:{NO_ANSWER}"] = answers.get(None, 0)
    return cells


def run_figures(members: list[Registration], applicants: int, accepted: int):  # type: ignore[no-untyped-def]
    """(``by_status``, ``outcomes``) of one run, suppressed together."""
    statuses = Counter(r.status for r in members)
    cells: dict[str, int] = {s.value: statuses.get(s, 0) for s in Status}
    cells.update(outcome_counts(members))
    shown = suppress(cells, [*_STATUS_GROUPS, *_OUTCOME_RELATIONS])
    by_status = {s.value: shown[s.value] for s in Status}
    outcomes: dict[str, Any] = {"applicants": applicants, "accepted": accepted}
    for name in ("attending", "completed", "certified", "starter_packages"):
        outcomes[name] = shown[f"o:{name}"]
    outcomes["followup_6"] = {
        key: shown[f"f6:{key}"] for key in (*FOLLOWUP_KEYS.values(), NO_ANSWER)
    }
    return by_status, outcomes


def announcement(registrations: Iterable[Registration], now: datetime) -> dict[str, Any]:
    runs: dict[str, list[Registration]] = {}
    for registration in registrations:
        runs.setdefault(registration.run_id, []).append(registration)
    out = []
    for run_id in sorted(runs):
        members = runs[run_id]
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
        by_status, outcomes = run_figures(members, len(members), len(holders))
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
                "by_status": by_status,
                "accepted": [_entry(r) for r in holders],
                "reserve": reserve_entries,
                "outcomes": outcomes,
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
