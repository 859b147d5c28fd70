"""`katalog queue import`: read the selection results clerks typed into an export, check every
row, then record all of them or none.

The workbook is the one ``katalog queue export`` wrote (:mod:`form_service.staff.export`): the
sheet "Daftar angkatan" maps each sheet name to its run; each run sheet has a header row and one
applicant a row. Columns are found by their header text, so a clerk may move or hide columns.
Read with openpyxl (``read_only=True``: streams rows; ``data_only=False``: a formula typed into
a cell is seen as a formula, not as the value Excel last computed for it).

Every problem of every row is collected in one pass, as ``FILE:Sheet!row: message`` (Indonesian,
with what to do). Only when there is none are the changes handed to ``store.record`` at once
(all or nothing; a change to the status a registration already has is skipped, so importing the
same file twice changes nothing).

What a row may not do:

- name a registration number the store does not know, or one of another run than its sheet's;
- appear twice;
- change the NIK or the name (the import trusts these columns to say who the row is about; it
  compares them with the store);
- give a Hasil that is not a status word (label or code, any case), or a formula;
- move to a status the current one does not allow (:func:`registrations.status.transition_problem`);
- give "Tidak diterima" without an Alasan, "Cadangan" without an Urutan cadangan, or an Urutan
  cadangan to anything else;
- give a reserve rank another reserve of the run has (in the file, or already in the store and
  not changed by the file).

An empty Hasil means "no change". Alasan and Catatan are recorded with a status change only; a
row that edits them without a change gets a notice naming the row (nothing else happens).
The sheet has no date column a clerk fills in, so there is no date to check.

After the training (issue 13), when the columns are there (exports before them still import):

- **Paket usaha**: "ya" gives the starter package, "tidak" takes it back, empty changes
  nothing; only for a participant who is (or becomes, by this row's Hasil) Lulus or
  Bersertifikat;
- **Tindak lanjut 3 bulan** / **6 bulan**: a follow-up answer (label or code, any case; a
  suggestion for a typo); only for Lulus or Bersertifikat, and, when the catalog is given, not
  before the month has come (3 or 6 calendar months after the run's last day).

A row's status change, starter package and first new follow-up go into one event; a second new
follow-up is a second event. The same flag or answer as recorded is no change, so importing the
same file again records nothing.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from form_service.staff.export import (
    ALASAN,
    CATATAN,
    FILL_IN,
    FOLLOWUP_COLUMNS,
    HASIL,
    NAME,
    NIK,
    NUMBER,
    PAKET,
    SUMMARY_SHEET,
    URUTAN,
    _safe_text,
    last_reason_and_note,
)
from form_service.staff.show import normalise_id
from registrations.models import Registration
from registrations.outcomes import (
    STARTER_NO,
    STARTER_YES,
    FollowUp,
    followup_choices,
    followup_problem,
    followup_suggestion,
    parse_followup,
    starter_problem,
    too_early_problem,
)
from registrations.status import LABELS, NEEDS_REASON, Status, parse_status, transition_problem
from registrations.store import Change, RegistrationStore

REQUIRED = (NUMBER, NAME, NIK, *FILL_IN)
SUMMARY_HEADERS = ("Lembar", "Angkatan")
_CHOICES = ", ".join(LABELS[s] for s in Status)
_SHOWN = 40  # characters of a clerk's typing quoted back in a message


def _quote(value: object) -> str:
    text = " ".join(str(value).split())
    if len(text) > _SHOWN:
        text = text[: _SHOWN - 1] + "\u2026"
    return f"\u201c{text}\u201d"


class UnreadableWorkbook(Exception):
    """The file is not a workbook openpyxl can open; ``message`` says so in Indonesian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Planned:
    """One valid row that changes a registration."""

    where: str
    change: Change
    current: Status


@dataclass
class ImportPlan:
    label: str  # the file as the clerk named it
    catalog: Any = None  # the catalog (run end dates for follow-ups), when known
    today: Any = None
    problems: list[str] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    unchanged: int = 0
    notices: list[str] = field(default_factory=list)
    merges: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @property
    def changes(self) -> list[Change]:
        return [p.change for p in self.planned]

    def where_of(self, registration_id: str) -> str:
        for p in self.planned:
            if p.change.registration_id == registration_id:
                return p.where
        return self.label

    def per_status(self) -> Counter[Status]:
        return Counter(p.change.to_status for p in self.planned if p.change.to_status is not None)

    def outcome_text(self) -> str:
        """ "paket usaha 2, tindak lanjut 6 bulan 4" for the changes that carry them."""
        starters = sum(1 for p in self.planned if p.change.starter_package is not None)
        months = Counter(
            p.change.followup_month for p in self.planned if p.change.followup_month is not None
        )
        parts = [f"paket usaha {starters}"] if starters else []
        parts += [f"tindak lanjut {m} bulan {months[m]}" for m in sorted(months)]
        return ", ".join(parts)


def open_workbook(path: Path):  # type: ignore[no-untyped-def]
    """The workbook at ``path`` in read-only mode, or :class:`UnreadableWorkbook`."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    suffix = path.suffix.lower()
    if not path.exists():
        raise UnreadableWorkbook(f"{path}: berkas tidak ditemukan. Periksa nama dan foldernya.")
    if path.is_dir():
        raise UnreadableWorkbook(f"{path}: ini folder, bukan berkas Excel.")
    if suffix == ".xls":
        raise UnreadableWorkbook(
            f"{path}: berkas Excel lama (.xls) tidak bisa dibaca. Buka di Excel, pilih Simpan "
            "Sebagai → Buku Kerja Excel (*.xlsx), lalu impor berkas .xlsx itu."
        )
    if suffix in (".csv", ".ods", ".numbers"):
        raise UnreadableWorkbook(
            f"{path}: hanya berkas Excel (.xlsx) hasil 'katalog queue export' yang bisa "
            "diimpor. Simpan berkasnya sebagai Buku Kerja Excel (*.xlsx)."
        )
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except InvalidFileException:
        raise UnreadableWorkbook(
            f"{path}: nama berkas harus berakhiran .xlsx. Simpan berkasnya sebagai Buku Kerja "
            "Excel (*.xlsx)."
        ) from None
    except zipfile.BadZipFile:
        raise UnreadableWorkbook(
            f"{path}: bukan berkas Excel (.xlsx) yang utuh; mungkin rusak atau terpotong saat "
            "disalin. Salin lagi dari komputer asalnya, atau buka di Excel lalu simpan ulang."
        ) from None
    except OSError as error:
        raise UnreadableWorkbook(f"{path}: berkas tidak bisa dibaca: {error.strerror}.") from None
    except Exception:  # a zip that is not a workbook: KeyError, XML errors... never a traceback
        raise UnreadableWorkbook(
            f"{path}: bukan berkas Excel (.xlsx) yang bisa dibaca; isinya rusak atau bukan dari "
            "Excel. Buka di Excel lalu simpan ulang sebagai .xlsx, atau ekspor ulang."
        ) from None


def plan_import(
    path: Path,
    store: RegistrationStore,
    by: str,
    label: str | None = None,
    *,
    catalog: Any = None,
    today: Any = None,
) -> ImportPlan:
    """Read and check every row of the workbook at ``path``; nothing is written.

    With ``catalog`` and ``today``, a follow-up answer before its month has come is refused.
    Raises :class:`UnreadableWorkbook` when the file cannot be opened at all."""
    label = label or str(path)
    plan = ImportPlan(label, catalog, today)
    book = open_workbook(path)
    plan.merges = merged_ranges(path)
    try:
        _plan(book, plan, store, by)
    except UnreadableWorkbook:
        raise
    except Exception:  # damaged XML inside an otherwise readable zip
        raise UnreadableWorkbook(
            f"{label}: isi berkas rusak dan tidak bisa dibaca sampai habis. Buka di Excel lalu "
            "simpan ulang sebagai .xlsx, atau ekspor ulang."
        ) from None
    finally:
        book.close()
    return plan


def _cell(row: tuple, index: int) -> tuple[Any, bool]:
    """(value, is a formula) of column ``index`` of a read-only row."""
    if index >= len(row):
        return None, False
    cell = row[index]
    value = getattr(cell, "value", None)
    formula = getattr(cell, "data_type", None) == "f" or (
        isinstance(value, str) and value.startswith("=")
    )
    return value, formula


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def merged_ranges(path: Path) -> dict[str, list[tuple[int, str]]]:
    """``{sheet name: [(first row, "A5:A7"), ...]}`` for every merged range of the workbook.

    openpyxl's read-only mode (used for the rows, so memory stays flat) does not report merged
    cells, and its full mode would hold every cell in memory; merged ranges are plain elements of
    the worksheet XML (ECMA-376: ``<mergeCells><mergeCell ref=.../>``), read here with the
    standard library, streaming. A file whose parts cannot be read reports none (openpyxl then
    says what is wrong with it).
    """
    from xml.etree.ElementTree import iterparse, parse

    result: dict[str, list[tuple[int, str]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            with archive.open("xl/_rels/workbook.xml.rels") as rels:
                targets = {
                    rel.get("Id"): rel.get("Target", "")
                    for rel in parse(rels).getroot().iter(f"{_PKG_REL_NS}Relationship")
                }
            with archive.open("xl/workbook.xml") as book:
                sheets = [
                    (sheet.get("name", ""), targets.get(sheet.get(f"{_REL_NS}id"), ""))
                    for sheet in parse(book).getroot().iter(f"{_MAIN_NS}sheet")
                ]
            for name, target in sheets:
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if part not in archive.namelist():
                    continue
                with archive.open(part) as xml:
                    for _event, element in iterparse(xml):
                        if element.tag == f"{_MAIN_NS}mergeCell":
                            ref = element.get("ref", "")
                            first = re.match(r"[A-Z]+(\d+)", ref)
                            if first:
                                result.setdefault(name, []).append((int(first.group(1)), ref))
                        elif element.tag == f"{_MAIN_NS}row":
                            element.clear()  # rows are read by openpyxl; keep memory flat
    except (KeyError, OSError, zipfile.BadZipFile, SyntaxError):
        return {}
    return result


def _plan(book: Any, plan: ImportPlan, store: RegistrationStore, by: str) -> None:
    label = plan.label
    names = book.sheetnames
    if SUMMARY_SHEET not in names:
        plan.problems.append(
            f"{label}: lembar \u201c{SUMMARY_SHEET}\u201d tidak ada. Berkas ini bukan hasil "
            "'katalog queue export', atau lembar itu dihapus atau diganti namanya. Kembalikan "
            "lembarnya, atau ekspor ulang lalu salin kolom Hasil ke berkas baru itu."
        )
        return
    runs = _summary(book[SUMMARY_SHEET], plan)
    listed = {name for name, _run, _row in runs}
    strangers = [n for n in names if n != SUMMARY_SHEET and n not in listed]
    seen: dict[str, str] = {}  # registration number -> where it appeared first
    for name, run_id, summary_row in runs:
        if name not in names:
            hint = (
                f" (lembar yang tidak dikenal: {', '.join(_quote(n) for n in strangers)})"
                if strangers
                else ""
            )
            plan.problems.append(
                f"{label}:{SUMMARY_SHEET}!{summary_row}: lembar {_quote(name)} untuk angkatan "
                f"{run_id} tidak ada{hint}. Nama lembar tidak boleh diubah: kembalikan namanya "
                f"menjadi {_quote(name)}."
            )
            continue
        _plan_sheet(book[name], name, run_id, plan, store, by, seen)
    for stranger in strangers:
        plan.notices.append(
            f"{label}:{stranger}: lembar ini tidak tercantum di lembar \u201c{SUMMARY_SHEET}\u201d; "
            "isinya tidak dibaca."
        )


def _notice_unsaved_texts(
    registration: Registration, reason: str, note: str, at: str, plan: ImportPlan
) -> None:
    """Alasan and Catatan are kept with a change only: say so when a row edited them alone, so a
    clerk's words are not dropped without a word (the import itself goes on)."""
    stored_reason, stored_note = last_reason_and_note(registration)
    edited = [
        title
        for title, typed, stored in ((ALASAN, reason, stored_reason), (CATATAN, note, stored_note))
        if typed not in (_text(stored), _text(_safe_text(stored)))
    ]
    if edited:
        plan.notices.append(
            f"{at}: kolom {' dan '.join(edited)} diubah tetapi Hasil tidak berubah, jadi isinya "
            "tidak disimpan: alasan dan catatan hanya disimpan bersama perubahan Hasil. Tulis "
            "lagi saat Hasil baris ini diubah."
        )


def _summary(sheet: Any, plan: ImportPlan) -> list[tuple[str, str, int]]:
    """(sheet name, run id, row) listed on the summary sheet, up to its first empty row."""
    where = f"{plan.label}:{SUMMARY_SHEET}"
    rows = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    columns = {}
    for title in SUMMARY_HEADERS:
        if title not in header:
            plan.problems.append(
                f"{where}!1: kolom {_quote(title)} tidak ada di baris judul. Jangan ubah lembar "
                f"\u201c{SUMMARY_SHEET}\u201d; ekspor ulang bila perlu."
            )
        else:
            columns[title] = header.index(title)
    if len(columns) < len(SUMMARY_HEADERS):
        return []
    found = []
    for number, values in enumerate(rows, start=2):
        name_index, run_index = columns["Lembar"], columns["Angkatan"]
        name = _text(values[name_index]) if name_index < len(values) else ""
        run_id = _text(values[run_index]) if run_index < len(values) else ""
        if not name:
            break
        found.append((name, run_id, number))
    return found


def _plan_sheet(
    sheet: Any,
    name: str,
    run_id: str,
    plan: ImportPlan,
    store: RegistrationStore,
    by: str,
    seen: dict[str, str],
) -> None:
    where = f"{plan.label}:{name}"
    start = len(plan.problems)
    try:
        _check_sheet(sheet, where, run_id, plan, store, by, seen)
    finally:  # this sheet's problems in row order
        plan.problems[start:] = sorted(
            plan.problems[start:], key=lambda m: int(m[len(where) + 1 :].split(":", 1)[0])
        )


def _check_sheet(
    sheet: Any,
    where: str,
    run_id: str,
    plan: ImportPlan,
    store: RegistrationStore,
    by: str,
    seen: dict[str, str],
) -> None:
    for first_row, ref in plan.merges.get(sheet.title, ()):
        plan.problems.append(
            f"{where}!{first_row}: sel {ref} digabung (merge), jadi isinya tidak bisa dibaca per "
            "kolom. Pisahkan lagi: pilih sel itu, lalu Beranda → Gabung & Tengahkan → Pisahkan "
            "Sel."
        )
    rows = sheet.iter_rows()
    header = [_text(getattr(c, "value", None)) for c in next(rows, ())]
    columns: dict[str, int] = {}
    for title in REQUIRED:
        if title in header:
            columns[title] = header.index(title)
        else:
            plan.problems.append(
                f"{where}!1: kolom {_quote(title)} tidak ada di baris judul. Jangan ubah atau "
                "hapus judul kolom: kembalikan judulnya, atau ekspor ulang."
            )
    if len(columns) < len(REQUIRED):
        return
    for title in (PAKET, *FOLLOWUP_COLUMNS.values()):
        if title in header:
            columns[title] = header.index(title)
    known = {r.id: r for r in store.registrations(run_id)}
    # reserve rank -> (where, registration number) of rows that end up as reserves
    ranks: dict[int, list[tuple[str, str]]] = {}
    in_file: set[str] = set()
    for number, row in enumerate(rows, start=2):
        at = f"{where}!{number}"
        outcome = _plan_row(row, at, columns, run_id, known, plan, store, by, seen)
        if outcome is None:
            continue
        rid, final, rank = outcome
        in_file.add(rid)
        if final is Status.RESERVE and rank is not None:
            ranks.setdefault(rank, []).append((at, rid))
    for rank, rows_with in sorted(ranks.items()):
        if len(rows_with) > 1:
            for at, _rid in rows_with:
                others = ", ".join(o.rsplit("!", 1)[1] for o, _r in rows_with if o != at)
                plan.problems.append(
                    f"{at}: Urutan cadangan {rank} dipakai juga di baris {others}. Setiap "
                    "cadangan perlu urutan yang berbeda."
                )
    for registration in known.values():
        rank = registration.reserve_rank
        if registration.id in in_file or rank is None or rank not in ranks:
            continue
        for at, _rid in ranks[rank]:
            plan.problems.append(
                f"{at}: Urutan cadangan {rank} sudah dipakai {registration.id}, cadangan yang "
                "tidak ada di berkas ini. Pilih urutan lain."
            )


def _plan_row(
    row: tuple,
    at: str,
    columns: dict[str, int],
    run_id: str,
    known: dict[str, Registration],
    plan: ImportPlan,
    store: RegistrationStore,
    by: str,
    seen: dict[str, str],
) -> tuple[str, Status, int | None] | None:
    """Check one row; record its problems or its change. Returns (number, status after the
    import, reserve rank) for a row about a known registration, else ``None``."""
    problems = plan.problems
    raw_number, _f = _cell(row, columns[NUMBER])
    hasil, hasil_formula = _cell(row, columns[HASIL])
    filled = [_cell(row, columns[t])[0] for t in FILL_IN]
    number_text = _text(raw_number)
    if not number_text:
        if any(_text(v) for v in filled):
            problems.append(
                f"{at}: Nomor Pendaftaran kosong, padahal Hasil, Alasan, Urutan cadangan atau "
                "Catatan terisi. Kembalikan nomornya, atau kosongkan baris ini."
            )
        return None
    rid = normalise_id(number_text)
    if rid in seen:
        problems.append(
            f"{at}: nomor pendaftaran {rid} sudah ada di {seen[rid]}. Hapus salah satu baris."
        )
        return None
    registration = known.get(rid)
    if registration is None:
        elsewhere = store.get(rid)
        if elsewhere is not None:
            problems.append(
                f"{at}: nomor pendaftaran {rid} adalah pendaftar angkatan {elsewhere.run_id}, "
                f"bukan {run_id} (angkatan lembar ini). Pindahkan barisnya ke lembar angkatannya, "
                "atau hapus baris ini."
            )
        else:
            problems.append(
                f"{at}: nomor pendaftaran {_quote(number_text)} tidak ada di antrean. Jangan "
                "ubah kolom Nomor Pendaftaran: kembalikan nomornya, atau hapus baris ini."
            )
        return None
    seen[rid] = at.rsplit(":", 1)[1]
    count = len(problems)
    nik, _f = _cell(row, columns[NIK])
    if not (isinstance(nik, str) and nik.strip() == registration.applicant.nik.value):
        problems.append(
            f"{at}: kolom NIK diubah (tidak sama dengan NIK yang tercatat untuk {rid}). Kolom "
            "NIK tidak boleh diubah: kembalikan isinya seperti di berkas ekspor, atau ekspor "
            "ulang."
        )
    name, _f = _cell(row, columns[NAME])
    stored_name = registration.applicant.full_name
    if _text(name) not in (_text(stored_name), _text(_safe_text(stored_name))):
        problems.append(
            f"{at}: kolom Nama Lengkap diubah (tidak sama dengan nama yang tercatat untuk "
            f"{rid}). Kembalikan namanya seperti di berkas ekspor; nama yang salah diperbaiki "
            "lewat petugas TI, bukan di berkas ini."
        )
    reason, reason_formula = _cell(row, columns[ALASAN])
    note, note_formula = _cell(row, columns[CATATAN])
    for title, formula in ((ALASAN, reason_formula), (CATATAN, note_formula)):
        if formula:
            problems.append(
                f"{at}: kolom {title} berisi rumus; tulis {title.lower()}nya sebagai teks biasa, "
                "bukan rumus."
            )
    rank_value, rank_formula = _cell(row, columns[URUTAN])
    rank = _rank(rank_value, rank_formula, at, problems)
    current = registration.status
    if hasil_formula:
        problems.append(
            f"{at}: kolom Hasil berisi rumus ({_quote(hasil)}); tulis kata statusnya, bukan "
            "rumus, misalnya \u201cDiterima\u201d."
        )
        return None
    hasil_text = _text(hasil)
    starter, answers = _outcome_cells(row, at, columns, problems)
    new: Status | None = None
    if hasil_text:
        new = parse_status(hasil_text)
        if new is None:
            close = difflib.get_close_matches(
                hasil_text.lower(), [LABELS[s].lower() for s in Status], n=1, cutoff=0.6
            )
            hint = ""
            if close:
                hint = f" Maksud Anda \u201c{parse_status(close[0]).label}\u201d?"  # type: ignore[union-attr]
            problems.append(
                f"{at}: Hasil {_quote(hasil_text)} tidak dikenal.{hint} Pilih dari daftar di sel "
                f"itu: {_CHOICES}."
            )
            return None
    elif rank is not None and len(problems) == count:
        problems.append(
            f"{at}: Urutan cadangan diisi tetapi Hasil kosong. Pilih Hasil "
            "\u201cCadangan\u201d, atau kosongkan Urutan cadangan."
        )
    reason_text = "" if reason_formula else _text(reason)
    note_text = "" if note_formula else _text(note)
    new_rank = registration.reserve_rank
    if new is not None:
        if new is Status.RESERVE and rank is None and len(problems) == count:
            problems.append(
                f"{at}: Hasil \u201cCadangan\u201d perlu Urutan cadangan: tulis 1 untuk cadangan "
                "pertama, 2 untuk berikutnya, dan seterusnya."
            )
        elif new is not Status.RESERVE and rank is not None:
            problems.append(
                f"{at}: Urutan cadangan hanya untuk Hasil \u201cCadangan\u201d. Kosongkan Urutan "
                f"cadangan, atau ubah Hasil menjadi \u201cCadangan\u201d."
            )
        new_rank = rank if new is Status.RESERVE else None
    target = new if new is not None else current
    moves = new is not None and not (new == current and new_rank == registration.reserve_rank)
    outcome = registration.outcome
    gives = starter is not None and starter != outcome.starter_package
    answered = [(m, a) for m, a in sorted(answers.items()) if outcome.followup(m) != a]
    if not (moves or gives or answered):
        if len(problems) == count and (new is not None or starter is not None or answers):
            plan.unchanged += 1
        if len(problems) == count:
            _notice_unsaved_texts(registration, reason_text, note_text, at, plan)
        return (rid, target, new_rank) if new is not None else None
    if moves:
        if new in NEEDS_REASON and not reason_text:
            problems.append(
                f"{at}: Hasil {_quote(target.label)} perlu alasan: isi kolom Alasan (pendaftar "
                "membaca alasan ini)."
            )
        else:
            message = transition_problem(current, target, reason_text)
            if message is not None:
                problems.append(f"{at}: {rid}: {message}")
    if gives and (message := starter_problem(target, bool(starter))) is not None:
        problems.append(f"{at}: {rid}: {PAKET}: {message}")
    ref = plan.catalog.find_run(run_id) if plan.catalog is not None else None
    for month, _answer in answered:
        message = followup_problem(target, month)
        if message is None and ref is not None and plan.today is not None:
            message = too_early_problem(ref.end, month, plan.today)
        if message is not None:
            problems.append(f"{at}: {rid}: {FOLLOWUP_COLUMNS[month]}: {message}")
    if len(problems) == count:
        first = answered[0] if answered else (None, None)
        plan.planned.append(
            Planned(
                at,
                Change(
                    rid,
                    target if moves else None,
                    by,
                    reason=(reason_text or None) if moves else None,
                    rank=new_rank if moves else None,
                    note=note_text or None,
                    run_id=run_id,
                    starter_package=starter if gives else None,
                    followup_month=first[0],
                    followup=first[1],
                ),
                current,
            )
        )
        for month, answer in answered[1:]:
            plan.planned.append(
                Planned(
                    at,
                    Change(rid, None, by, run_id=run_id, followup_month=month, followup=answer),
                    current,
                )
            )
    if new is None:
        return None
    return rid, target, new_rank


def _outcome_cells(
    row: tuple, at: str, columns: dict[str, int], problems: list[str]
) -> tuple[bool | None, dict[int, FollowUp]]:
    """Paket usaha (True, False or None: no change) and the follow-up answers of a row."""
    starter: bool | None = None
    if PAKET in columns:
        value, formula = _cell(row, columns[PAKET])
        text = _text(value).lower()
        if formula:
            problems.append(f"{at}: kolom {PAKET} berisi rumus; tulis ya atau tidak saja.")
        elif text == STARTER_YES:
            starter = True
        elif text == STARTER_NO:
            starter = False
        elif text:
            problems.append(
                f"{at}: {PAKET} {_quote(value)} tidak dikenal. Pilih \u201cya\u201d (menerima "
                "paket usaha) atau \u201ctidak\u201d (membatalkan), atau kosongkan (tidak "
                "berubah)."
            )
    answers: dict[int, FollowUp] = {}
    for month, title in FOLLOWUP_COLUMNS.items():
        if title not in columns:
            continue
        value, formula = _cell(row, columns[title])
        text = _text(value)
        if formula:
            problems.append(f"{at}: kolom {title} berisi rumus; pilih jawabannya dari daftar.")
            continue
        if not text:
            continue
        answer = parse_followup(text)
        if answer is None:
            close = followup_suggestion(text)
            hint = f" Maksud Anda \u201c{close}\u201d?" if close else ""
            problems.append(
                f"{at}: {title} {_quote(text)} tidak dikenal.{hint} Pilih dari daftar di sel "
                f"itu: {followup_choices()}."
            )
            continue
        answers[month] = answer
    return starter, answers


def _rank(value: Any, formula: bool, at: str, problems: list[str]) -> int | None:
    if formula:
        problems.append(
            f"{at}: kolom Urutan cadangan berisi rumus; tulis angkanya saja, misalnya 1."
        )
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        number = None
    if number is None or number < 1:
        problems.append(
            f"{at}: Urutan cadangan {_quote(value)} bukan angka bulat 1 atau lebih; tulis 1, "
            "2, 3, ... (cadangan pertama = 1)."
        )
        return None
    return number
