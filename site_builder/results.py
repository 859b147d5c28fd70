"""Selection results from ``katalog queue publish`` (``katalog build --results FILE``).

The file is public and holds registration numbers, masked names and counts only (its format is
documented in :mod:`form_service.staff.publish`). It is read and checked here before anything is
built: a name that is not masked, or any field that could hold personal data, stops the build
with a message naming the file, so a wrong file never reaches the site.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

FORMAT = "katalog-pengumuman"
VERSIONS = (1, 2, 3)  # 2 adds "outcomes" per run (RunOutcomes), 3 "totals" (ProgrammeTotals)
COUNT_KEYS = ("applicants", "invited", "accepted", "reserve")
_NUMBER_RE = re.compile(r"KP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
_MASKED_RE = re.compile(r"[^\W\d_]\**(?: [^\W\d_]\**)*")  # "S*** C*****"
_ENTRY_KEYS = {"number", "name", "rank"}
OUTCOME_KEYS = ("attending", "completed", "certified", "starter_packages")
FOLLOWUP_KEYS = ("working", "self_employed", "not_working", "unreachable", "no_answer")
TOTAL_EXACT = ("runs", "applicants", "accepted")
TOTAL_HIDDEN = (
    "completed", "certified", "working_or_business", "self_employed", "starter_packages",
)  # fmt: skip


class ResultsError(Exception):
    """The results file cannot be used; ``problems`` say what to fix (Indonesian)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Listed:
    number: str
    name: str | None  # masked; None when the applicant did not agree to be named
    rank: int | None = None


@dataclass(frozen=True)
class RunOutcomes:
    """A run's outcome counts as published (version 2); ``None`` is a count hidden because it
    is small or could be worked out from the others."""

    attending: int | None
    completed: int | None
    certified: int | None
    starter_packages: int | None
    followup_6: dict[str, int | None]  # FOLLOWUP_KEYS

    @property
    def working_or_business(self) -> int | None:
        """Working or in business at 6 months; hidden when either part is hidden."""
        working, business = self.followup_6["working"], self.followup_6["self_employed"]
        return None if working is None or business is None else working + business


@dataclass(frozen=True)
class RunResults:
    run_id: str
    counts: dict[str, int]  # COUNT_KEYS
    accepted: tuple[Listed, ...]
    reserve: tuple[Listed, ...]
    outcomes: RunOutcomes | None = None  # version 1 files have none


@dataclass(frozen=True)
class AreaTotals:
    """Sums over a programme's runs in an area (or all of them), as published (version 3):
    ``None`` is a hidden count."""

    runs: int
    applicants: int
    accepted: int
    completed: int | None
    certified: int | None
    working_or_business: int | None
    self_employed: int | None
    starter_packages: int | None


@dataclass(frozen=True)
class ProgrammeTotals:
    total: AreaTotals
    kecamatan: dict[str, AreaTotals]  # kecamatan code ->
    kelurahan: dict[str, AreaTotals]  # kelurahan/desa code ->


@dataclass(frozen=True)
class Results:
    generated_at: datetime
    runs: dict[str, RunResults]
    # programme id -> totals; None for a file older than version 3 (or written with --run)
    totals: dict[str, ProgrammeTotals] | None = None
    example: bool = False  # the shipped example file ("example": true), not real results
    hidden_below: int | None = None  # "small_counts_hidden_below" of the file (5)


def load_results(path: Path) -> Results:
    """Read and check the whole file; :class:`ResultsError` lists every problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultsError(
            [f"{path}: berkas pengumuman tidak dapat dibaca ({exc.strerror})."]
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ResultsError(
            [
                f"{path}: berkas pengumuman bukan JSON yang benar. Buat ulang dengan 'katalog queue publish'."
            ]
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ResultsError(
            [f"{path}: ini bukan berkas pengumuman dari 'katalog queue publish' (format {FORMAT})."]
        )
    problems: list[str] = []
    if data.get("version") not in VERSIONS:
        problems.append(
            f"{path}: versi berkas {data.get('version')!r} tidak dikenal; perbarui katalog."
        )
    try:
        generated_at = datetime.fromisoformat(str(data.get("generated_at")))
    except ValueError:
        problems.append(f"{path}: 'generated_at' harus waktu seperti 2027-01-26T03:00:00Z.")
        generated_at = datetime.min
    runs: dict[str, RunResults] = {}
    raw_runs = data.get("runs")
    if not isinstance(raw_runs, list):
        problems.append(f"{path}: 'runs' harus daftar angkatan.")
        raw_runs = []
    for i, raw in enumerate(raw_runs, start=1):
        where = f"{path}: angkatan ke-{i}"
        if not isinstance(raw, dict) or not isinstance(raw.get("run_id"), str):
            problems.append(f"{where}: tidak ada 'run_id'.")
            continue
        run_id = raw["run_id"]
        where = f"{path}: angkatan {run_id}"
        counts = raw.get("counts") if isinstance(raw.get("counts"), dict) else {}
        clean_counts = {}
        for key in COUNT_KEYS:
            value = counts.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(f"{where}: jumlah '{key}' harus bilangan bulat 0 atau lebih.")
                value = 0
            clean_counts[key] = value
        lists = {}
        for key in ("accepted", "reserve"):
            entries = raw.get(key, [])
            if not isinstance(entries, list):
                problems.append(f"{where}: '{key}' harus daftar.")
                entries = []
            lists[key] = tuple(_listed(entry, f"{where}, {key} ke-{n}", problems)
                               for n, entry in enumerate(entries, start=1))  # fmt: skip
        outcomes = None
        if raw.get("outcomes") is not None:
            outcomes = _outcomes(raw["outcomes"], where, problems)
        runs[run_id] = RunResults(
            run_id, clean_counts, lists["accepted"], lists["reserve"], outcomes
        )
    totals = None
    if data.get("totals") is not None:
        totals = _totals(data["totals"], path, problems)
    example = data.get("example", False)
    if not isinstance(example, bool):
        problems.append(f"{path}: 'example' harus true atau false.")
    hidden_below = data.get("small_counts_hidden_below")
    if hidden_below is not None and (not isinstance(hidden_below, int) or hidden_below < 1):
        problems.append(f"{path}: 'small_counts_hidden_below' harus bilangan bulat 1 atau lebih.")
    if problems:
        raise ResultsError(problems)
    return Results(generated_at, runs, totals, example is True, hidden_below)


def _listed(entry: object, where: str, problems: list[str]) -> Listed:
    if not isinstance(entry, dict):
        problems.append(f"{where}: harus berisi nomor pendaftaran.")
        return Listed("", None)
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        # A NIK, a phone or a full name must never reach the site: refuse the whole file.
        problems.append(
            f"{where}: kolom {', '.join(unknown)} tidak boleh ada di pengumuman (hanya nomor "
            "pendaftaran, nama tersamar dan urutan). Buat ulang dengan 'katalog queue publish'."
        )
    number = entry.get("number")
    if not isinstance(number, str) or not _NUMBER_RE.fullmatch(number):
        problems.append(f"{where}: nomor pendaftaran tidak sah.")
        number = ""
    name = entry.get("name")
    if name is not None and not (isinstance(name, str) and _MASKED_RE.fullmatch(name)):
        problems.append(
            f"{where}: nama tidak tersamar (harus seperti S*** C*****). Nama lengkap tidak boleh "
            "diumumkan; buat ulang dengan 'katalog queue publish'."
        )
        name = None
    rank = entry.get("rank")
    if rank is not None and (not isinstance(rank, int) or isinstance(rank, bool) or rank < 1):
        problems.append(f"{where}: urutan cadangan harus bilangan bulat 1 atau lebih.")
        rank = None
    return Listed(number, name, rank)


def _count_or_hidden(
    raw: dict[str, object], key: str, name: str, where: str, problems: list[str]
) -> int | None:
    if key not in raw:
        problems.append(f"{where}: jumlah '{name}' tidak ada (null bila disembunyikan).")
        return None
    value = raw[key]
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return value
    problems.append(f"{where}: jumlah '{name}' harus bilangan bulat 0 atau lebih, atau null.")
    return None


def _outcomes(raw: object, where: str, problems: list[str]) -> RunOutcomes | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: 'outcomes' harus berisi jumlah hasil pelatihan.")
        return None
    values = {key: _count_or_hidden(raw, key, key, where, problems) for key in OUTCOME_KEYS}
    followup = raw.get("followup_6")
    if not isinstance(followup, dict):
        problems.append(f"{where}: 'outcomes.followup_6' harus berisi jawaban 6 bulan.")
        followup = {}
    answers = {
        key: _count_or_hidden(followup, key, f"followup_6.{key}", where, problems)
        for key in FOLLOWUP_KEYS
    }
    return RunOutcomes(followup_6=answers, **values)


def _area(raw: object, where: str, problems: list[str], keys: frozenset[str]) -> AreaTotals:
    if not isinstance(raw, dict):
        problems.append(f"{where}: harus berisi jumlah.")
        raw = {}
    unknown = sorted(set(raw) - keys - set(TOTAL_EXACT) - set(TOTAL_HIDDEN))
    if unknown:
        # Totals are counts only: anything else must not reach the site.
        problems.append(
            f"{where}: kolom {', '.join(unknown)} tidak boleh ada di jumlah (hanya angka). "
            "Buat ulang dengan 'katalog queue publish'."
        )
    exact = {}
    for key in TOTAL_EXACT:
        value = raw.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"{where}: jumlah '{key}' harus bilangan bulat 0 atau lebih.")
            value = 0
        exact[key] = value
    hidden = {key: _count_or_hidden(raw, key, key, where, problems) for key in TOTAL_HIDDEN}
    return AreaTotals(**exact, **hidden)


def _totals(raw: object, path: Path, problems: list[str]) -> dict[str, ProgrammeTotals]:
    where = f"{path}: totals"
    if not isinstance(raw, dict) or not isinstance(raw.get("programmes"), list):
        problems.append(f"{where}: harus berisi 'programmes' (daftar).")
        return {}
    out = {}
    for i, item in enumerate(raw["programmes"], start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(f"{where}: program ke-{i} tidak punya 'id'.")
            continue
        here = f"{where}, program {item['id']}"
        total = _area(item, here, problems, frozenset({"id", "kecamatan", "kelurahan"}))
        areas: dict[str, dict[str, AreaTotals]] = {}
        for level, keys in (("kecamatan", {"code"}), ("kelurahan", {"code", "kecamatan"})):
            entries = item.get(level, [])
            if not isinstance(entries, list):
                problems.append(f"{here}: '{level}' harus daftar.")
                entries = []
            areas[level] = {}
            for entry in entries:
                code = entry.get("code") if isinstance(entry, dict) else None
                if not isinstance(code, str) or not code.isdigit():
                    problems.append(f"{here}: {level} tanpa kode wilayah.")
                    continue
                areas[level][code] = _area(entry, f"{here}, {level} {code}", problems,
                                           frozenset(keys))  # fmt: skip
        out[item["id"]] = ProgrammeTotals(total, areas["kecamatan"], areas["kelurahan"])
    return out
