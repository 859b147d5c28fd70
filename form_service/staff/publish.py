"""`katalog queue publish --out FILE`: the public announcement of selection results.

The file is public: it goes to the site (``katalog build --results FILE``) and may be shared as
it is. It holds registration numbers, masked names and counts; never a NIK, a birth date, a
phone number, an address or a full name. Written atomically with mode 0644 (readable by the
web server and the site build).

Format (JSON, UTF-8)::

    {
      "format": "katalog-pengumuman",
      "version": 3,
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
      ],
      "totals": {
        "programmes": [
          {"id": "blk-setiap-kelurahan-kota-tangerang", "runs": 3, "applicants": 300,
           "accepted": 60, "completed": 51, "certified": 30, "working_or_business": 22,
           "self_employed": 9, "starter_packages": 0,
           "kecamatan": [{"code": "367101", "runs": 2, ...}],
           "kelurahan": [{"code": "3671011001", "kecamatan": "367101", "runs": 1, ...}]}
        ]
      }
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
  subtraction; then, since two sums can be subtracted from each other (seat holders minus
  ``completed`` gives Tidak lulus), no count from 1 to 4 may follow from any combination of
  them (exact linear algebra, :mod:`registrations.suppression`), nor have only one possible
  value once every hidden count is known to be at least 1, else more is hidden. The count
  hidden second is the one that protects the most such sums at once,
  then the one in the fewest sums, then the smallest (ties by name): a run with 2 withdrawals
  loses its rejected count rather than its completed count. ``applicants``, ``accepted`` and ``reserve`` are
  never hidden; ``0`` is shown. A run whose six months have not passed has every completer
  under ``no_answer``.
- ``totals`` (version 3, issue 13; what the Capaian pages, the kecamatan and kelurahan pages
  and ``capaian.csv``/``capaian.json`` read): for every programme of ``courses/targets.yml``
  (the catalog read with ``--data``) with at least one run in this file, the sums over its
  runs, over its runs per kecamatan and per kelurahan/desa (the kelurahan of the run's
  center; only areas with a run in this file are listed; region codes, no names). ``runs``,
  ``applicants`` and ``accepted`` are exact (sums of public counts); ``completed``,
  ``certified``, ``working_or_business`` (``working`` + ``self_employed`` at 6 months),
  ``self_employed`` (in business at 6 months) and ``starter_packages`` go through the same suppression as the run counts, in the same pass:
  each total is one more sum of published counts (:mod:`form_service.staff.capaian_totals`
  lists them), so a total whose runs hide a count has one more count hidden (the total or
  another run's), and a total from 1 to 4 is ``null``. A run's count may therefore be hidden
  in version 3 where version 2 showed it. The file does not say why a count is ``null``
  (small, or hidden with a small one): telling which would point at the small one (a count
  known not to be small is 5 or more, which can pin a small one down:
  :mod:`registrations.suppression`), so the site reads every ``null`` as "disembunyikan". Without
  ``--run`` only; ``katalog queue publish --run`` leaves ``totals`` out (a part of a
  programme is not its total).

Readers accept versions 1 to 3 (:mod:`site_builder.results`).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from form_service.staff.capaian_totals import (
    ProgrammeRuns,
    run_cell,
    totals_cells,
    totals_section,
)
from form_service.staff.common import write_file_atomically
from registrations.models import Registration
from registrations.outcomes import COMPLETED, FollowUp
from registrations.records import utc_text
from registrations.status import Status
from registrations.suppression import HIDE_BELOW
from registrations.suppression import suppress as shared_suppress

FORMAT = "katalog-pengumuman"
VERSION = 3
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


def equation(relation: list[str], total_first: bool = True) -> dict[str, int]:
    """A relation as a signed sum that equals 0 (``total_first``: the first cell is the sum of
    the others) or a published number (the status groups: applicants, accepted)."""
    signs = {cell: 1 for cell in relation}
    if total_first:
        signs[relation[0]] = -1
    return signs


_EQUATIONS = [equation(g, total_first=False) for g in _STATUS_GROUPS] + [
    equation(r) for r in _OUTCOME_RELATIONS
]


def suppress(
    counts: dict[str, int], relations: list[list[str]], never: frozenset[str] = _NEVER
) -> dict[str, int | None]:
    """:func:`registrations.suppression.suppress` with this file's rules: the reserve count is
    never hidden, and a run whose applicants or seat holders number 1..4 has them all hidden;
    no hidden count may follow from a combination of the run's sums."""
    groups = relations[: len(_STATUS_GROUPS)]
    equations = [equation(g, total_first=False) for g in groups] + [
        equation(r) for r in relations[len(_STATUS_GROUPS) :]
    ]
    return shared_suppress(counts, relations, never=never, whole=groups, equations=equations)


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


def _run_cells(members: list[Registration]) -> dict[str, int]:
    """Every exact cell of one run (status codes, ``o:...``, ``f6:...``), before suppression."""
    statuses = Counter(r.status for r in members)
    cells: dict[str, int] = {s.value: statuses.get(s, 0) for s in Status}
    cells.update(outcome_counts(members))
    return cells


def _run_sections(
    shown: dict[str, int | None], applicants: int, accepted: int, cell=lambda c: c
) -> tuple[dict[str, int | None], dict[str, Any]]:
    by_status = {s.value: shown[cell(s.value)] for s in Status}
    outcomes: dict[str, Any] = {"applicants": applicants, "accepted": accepted}
    for name in ("attending", "completed", "certified", "starter_packages"):
        outcomes[name] = shown[cell(f"o:{name}")]
    outcomes["followup_6"] = {
        key: shown[cell(f"f6:{key}")] for key in (*FOLLOWUP_KEYS.values(), NO_ANSWER)
    }
    return by_status, outcomes


def run_figures(members: list[Registration], applicants: int, accepted: int):  # type: ignore[no-untyped-def]
    """(``by_status``, ``outcomes``) of one run alone, suppressed together."""
    shown = suppress(_run_cells(members), [*_STATUS_GROUPS, *_OUTCOME_RELATIONS])
    return _run_sections(shown, applicants, accepted)


def _suppress_all(
    runs: dict[str, dict[str, int]], programmes: list[ProgrammeRuns]
) -> tuple[dict[str, int | None], list[Any]]:
    """Every run's cells and the programme totals, suppressed in one pass (a total ties the
    runs it sums together). Returns the shown cells (run cells as ``run_id|cell``) and the
    layout of the totals."""
    cells: dict[str, int] = {}
    relations: list[list[str]] = []
    equations: list[dict[str, int]] = []
    whole: list[list[str]] = []
    never: set[str] = set()
    for run_id, run in runs.items():
        cells.update({run_cell(run_id, c): n for c, n in run.items()})
        per_run = [[run_cell(run_id, c) for c in r] for r in (*_STATUS_GROUPS, *_OUTCOME_RELATIONS)]
        relations += per_run
        equations += [{run_cell(run_id, c): k for c, k in eq.items()} for eq in _EQUATIONS]
        whole += per_run[: len(_STATUS_GROUPS)]
        never |= {run_cell(run_id, c) for c in _NEVER}
    not_completed = tuple(k for k in (*FOLLOWUP_KEYS.values(), NO_ANSWER)
                          if k not in ("working", "self_employed"))  # fmt: skip
    total_cells, total_relations, total_sums, layout = totals_cells(programmes, runs, not_completed)
    cells.update(total_cells)
    relations += total_relations
    equations += [equation(r) for r in total_sums]
    shown = shared_suppress(cells, relations, never=never, whole=whole, equations=equations)
    return shown, layout


def announcement(
    registrations: Iterable[Registration],
    now: datetime,
    programmes: list[ProgrammeRuns] | None = None,
) -> dict[str, Any]:
    """The public file. ``programmes`` (from the catalog, :func:`~form_service.staff.capaian_totals.
    programme_runs`): the totals
    to add; ``None`` for none (one run published alone)."""
    runs: dict[str, list[Registration]] = {}
    for registration in registrations:
        runs.setdefault(registration.run_id, []).append(registration)
    exact = {run_id: _run_cells(members) for run_id, members in runs.items()}
    shown, layout = _suppress_all(exact, programmes or [])
    out = []
    counts_of: dict[str, dict[str, int]] = {}
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
        by_status, outcomes = _run_sections(
            shown, len(members), len(holders), lambda c, run_id=run_id: run_cell(run_id, c)
        )
        reserve_entries = []
        for r in reserves:
            entry = _entry(r)
            if r.reserve_rank is not None:
                entry["rank"] = r.reserve_rank
            reserve_entries.append(entry)
        counts_of[run_id] = {"applicants": len(members), "accepted": len(holders)}
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
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": utc_text(now),
        "small_counts_hidden_below": HIDE_BELOW,
        "runs": out,
    }
    if programmes is not None:
        data["totals"] = totals_section(layout, shown, counts_of)
    return data


def write_announcement(out: Path, data: dict[str, Any]) -> None:
    payload = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def write(handle) -> None:  # type: ignore[no-untyped-def]
        handle.write(payload)
        os.fchmod(handle.fileno(), 0o644)  # public, whatever the umask

    write_file_atomically(out, 0o644, write)
