"""Export registrations to Excel (xlsx) or CSV for the clerks who call applicants.

Choices, all in favour of "nothing is ever run as a formula, nothing personal leaks":

- Every text cell starting with ``= + - @``, tab, CR or NUL gets a single quote in front
  (OWASP ASVS 1.2.10), in xlsx and CSV alike; control characters xlsx cannot hold become U+FFFD.
- Phone numbers are written the way clerks dial them, ``0812-0000-0001``, as text: no leading
  ``+`` to neutralise, no leading zero lost, and the dashes keep Excel from turning them into
  numbers when it opens the CSV. A foreign number keeps its ``+`` form and is neutralised (``'+65…``).
- NIK is a text cell (number format ``@``) in xlsx, so all 16 digits stay. In CSV it is the bare
  16 digits: right for other programs, but Excel shows them as 3,67E+15 when it opens a CSV by
  double-click; clerks should use the xlsx.
- xlsx: one sheet per run (names at most 31 characters, unique ignoring case, without
  ``[]:*?/\\``) after a first sheet "Daftar angkatan" that maps sheet names to runs; frozen header
  row; birth date and registration time are real dates (registration time in WIB).
- CSV: one file, UTF-8 with BOM (Excel then reads Indonesian names right), an "Angkatan" column.
- The file is created with mode 0600 (``os.open(..., 0o600)`` on a temporary name in the target
  folder, then renamed), so it is never readable by others, not even for a moment.
- Streaming: openpyxl's write-only workbook and ``csv.writer``; memory stays flat.
- Speed (``benchmarks/queue_staff.py``, 100,000 records, 2 cores): CSV 2.8 s; xlsx 32 s, about
  1.3 x what openpyxl alone needs to write the same cells (with lxml; without it openpyxl is
  about a quarter slower), so xlsx is bound by openpyxl's ~15 us a cell. One run of 2,000
  applicants out of that queue: 1.8 s. Labels are cached per code, and each sheet reuses one
  formatted cell per column (NIK and phone "@", the two dates) instead of a new one per value.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from catalog.catalog import Catalog
from form_service.staff.common import (
    MOBILE_RE,
    education_label,
    label,
    neutralise,
    phone_local,
    run_title,
    village_label,
    wib_naive,
    write_file_atomically,
)
from form_service.staff.stats import RunStats
from registrations.answers import DTKS_LABEL, EMPLOYMENT_LABEL, GENDER_LABEL
from registrations.models import Registration
from registrations.records import utc_text
from registrations.status import LABELS, Status

SUMMARY_SHEET = "Daftar angkatan"
SHEET_NAME_MAX = 31
_SHEET_BAD_RE = re.compile(r"[\[\]:*?/\\]")

# TEXT: a plain string cell; DIGITS: a string cell formatted as text ("@") so that Excel keeps it
# text when a clerk edits it (NIK, phone); DATE/DATETIME: real dates.
TEXT, DIGITS, DATE, DATETIME = "text", "digits", "date", "datetime"
# (header, width, kind)
COLUMNS: list[tuple[str, int, str]] = [
    ("Nomor Pendaftaran", 20, TEXT),
    ("Waktu Daftar (WIB)", 18, DATETIME),
    ("Status", 14, TEXT),
    ("Nama Lengkap", 28, TEXT),
    ("NIK", 19, DIGITS),
    ("Tanggal Lahir", 14, DATE),
    ("Jenis Kelamin", 13, TEXT),
    ("No. WhatsApp", 16, DIGITS),
    ("Email", 26, TEXT),
    ("Kelurahan/Desa", 40, TEXT),
    ("Alamat", 40, TEXT),
    ("Pendidikan", 20, TEXT),
    ("Status Pekerjaan", 26, TEXT),
    ("DTKS/DTSEN", 16, TEXT),
    ("Disabilitas", 18, TEXT),
    ("Motivasi", 50, TEXT),
]
HEADERS = [c[0] for c in COLUMNS]
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


@dataclass
class ExportResult:
    path: Path
    records: int = 0
    damaged_lines: int = 0
    per_run: dict[str, RunStats] = field(default_factory=dict)


def row_values(
    registration: Registration, catalog: Catalog | None, villages: dict[object, str] | None = None
) -> list[Any]:
    """The cells of one registration, in :data:`COLUMNS` order (not yet neutralised).

    ``villages`` caches region labels between calls (an export repeats the same few hundred).
    """
    a = registration.applicant
    village = a.village
    if villages is None:
        place = village_label(catalog, village)
    else:
        place = villages.get(village)
        if place is None:
            place = villages[village] = village_label(catalog, village)
    return [
        registration.id,
        _received(registration),
        registration.status.label,
        a.full_name,
        a.nik.value,
        a.birth_date,
        label(GENDER_LABEL, a.gender),
        phone_local(a.phone.value),
        a.email or "",
        place,
        a.address,
        education_label(a.education),
        label(EMPLOYMENT_LABEL, a.employment_status),
        label(DTKS_LABEL, a.dtks),
        a.disability or "",
        a.motivation or "",
    ]


def _received(registration: Registration) -> datetime | str:
    """The registration time in WIB for a spreadsheet, or its UTC text past year 9999."""
    text = utc_text(registration.received_at)
    return wib_naive(text) or text


def _safe(value: Any) -> Any:
    return neutralise(value) if isinstance(value, str) else value


def _safe_text(value: object) -> str:
    """``text()`` then :func:`neutralise`, for free text typed by applicants."""
    if value is None:
        return ""
    if type(value) is not str:
        value = str(value)
    return neutralise(value)


_CACHE_MAX = 4096  # codes per column; a damaged queue must not make the caches grow unbounded


class _Rows:
    """Builds the neutralised cells of :func:`row_values` fast, for an export of many records.

    Label, village and run texts are computed once per code (only ``str`` codes are cached, so
    ``1`` and ``True`` never share an entry); free text is neutralised per record. The result is
    exactly ``[neutralise(v) if str else v for v in row_values(record, catalog)]`` (tested).
    """

    def __init__(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self._caches: dict[str, dict[str, str]] = {}
        self.status = self._coded("status", lambda code: LABELS[Status(code)])
        self.gender = self._coded("gender", lambda code: label(GENDER_LABEL, code))
        self.education = self._coded("education", education_label)
        self.employment = self._coded("employment", lambda c: label(EMPLOYMENT_LABEL, c))
        self.dtks = self._coded("dtks", lambda code: label(DTKS_LABEL, code))
        self.village = self._coded("village", lambda code: village_label(catalog, code))
        self.run = self._coded("run", _safe_text)

    def _coded(self, name: str, compute: Callable[[object], str]) -> Callable[[object], str]:
        cache = self._caches.setdefault(name, {})

        def lookup(code: object) -> str:
            if type(code) is str:
                text = cache.get(code)
                if text is None:
                    text = neutralise(compute(code))
                    if len(cache) < _CACHE_MAX:
                        cache[code] = text
                return text
            return neutralise(compute(code))

        return lookup

    def cells(self, registration: Registration) -> list[Any]:
        """The cells in :data:`COLUMNS` order: neutralised text, a WIB ``datetime`` and a birth
        ``date``."""
        a = registration.applicant
        phone = a.phone.value
        if MOBILE_RE.fullmatch(phone):
            phone = f"0{phone[3:6]}-{phone[6:10]}-{phone[10:]}"  # digits and dashes: safe
        else:
            phone = neutralise(phone_local(phone))
        return [
            registration.id,
            _received(registration),
            self.status(registration.status.value),
            _safe_text(a.full_name),
            a.nik.value,
            a.birth_date,
            self.gender(a.gender),
            phone,
            _safe_text(a.email),
            self.village(a.village),
            _safe_text(a.address),
            self.education(a.education),
            self.employment(a.employment_status),
            self.dtks(a.dtks),
            _safe_text(a.disability),
            _safe_text(a.motivation),
        ]


def sheet_name(run_id: str, used: set[str]) -> str:
    """A unique Excel sheet name for a run: "tata-boga 2027-1", shortened to 31 characters."""
    parts = run_id.split("/")
    if len(parts) == 3:
        course, run = parts[1], parts[2]
        room = SHEET_NAME_MAX - len(run) - 1
        base = f"{course[:room]} {run}" if room >= 8 else run_id[-SHEET_NAME_MAX:]
    else:
        base = run_id
    base = _SHEET_BAD_RE.sub("-", base).strip("'").strip() or "angkatan"
    base = base[:SHEET_NAME_MAX]
    if base.lower() == "history":
        base = "history-1"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        suffix = f"~{n}"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    used.add(name.lower())
    return name


def export(
    registrations: Iterable[Registration],
    out: Path,
    fmt: str,
    catalog: Catalog | None,
    run_id: str | None = None,
) -> ExportResult:
    """Write the registrations (of ``run_id``, or all) to ``out`` as ``fmt`` ("xlsx" or "csv")."""
    writer = _write_xlsx if fmt == "xlsx" else _write_csv
    return _private_file(out, lambda handle: writer(handle, registrations, out, catalog, run_id))


def _selected(registrations: Iterable[Registration], result: ExportResult, run_id: str | None):
    for registration in registrations:
        if run_id is not None and registration.run_id != run_id:
            continue
        result.records += 1
        counts = result.per_run.setdefault(registration.run_id, RunStats())
        counts.add(registration.status)
        yield registration


# Excel set to Indonesian (and other locales with a decimal comma) splits a double-clicked CSV on
# ";", not ",": every text after a ";" then starts a cell of its own and must not start a formula.
_AFTER_SEMICOLON = re.compile(r";(\s*)(?=[=+\-@\t\r])")


def _semicolon_safe(cell: object) -> object:
    if type(cell) is str and ";" in cell:
        return _AFTER_SEMICOLON.sub(r";\1'", cell)
    return cell


def _write_csv(handle, lines, out, catalog, run_id) -> ExportResult:
    result = ExportResult(out)
    # UTF-8 with BOM: the BOM by hand, then plain "utf-8", which CPython encodes in C per write
    # ("utf-8-sig" goes through a Python-level encoder for every row)
    handle.write(codecs.BOM_UTF8)
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(["Angkatan", *HEADERS])
    rows = _Rows(catalog)
    for registration in _selected(lines, result, run_id):
        cells = rows.cells(registration)
        received, birth = cells[1], cells[5]
        if type(received) is datetime:
            cells[1] = received.isoformat(" ", "minutes")
        if type(birth) is date:
            cells[5] = birth.isoformat()
        writer.writerow([_semicolon_safe(c) for c in (rows.run(registration.run_id), *cells)])
    text.flush()
    text.detach()
    return result


# Columns whose cells carry a number format: NIK and phone are string cells that stay text when
# a clerk edits them ("@"); registration time and birth date are real dates.
_FORMATS = {
    i: {DIGITS: "@", DATE: DATE_FORMAT, DATETIME: DATETIME_FORMAT}[kind]
    for i, (_header, _width, kind) in enumerate(COLUMNS)
    if kind != TEXT
}
_DIGIT_COLUMNS = tuple(i for i, (_h, _w, kind) in enumerate(COLUMNS) if kind == DIGITS)
_DATE_COLUMNS = tuple(i for i, (_h, _w, kind) in enumerate(COLUMNS) if kind in (DATE, DATETIME))


def _write_xlsx(handle, lines, out, catalog, run_id) -> ExportResult:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    result = ExportResult(out)
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(SUMMARY_SHEET)
    used = {SUMMARY_SHEET.lower()}
    # run id -> (sheet name, sheet, {column: its formatted cell})
    sheets: dict[str, tuple[str, Any, dict[int, Any]]] = {}

    def new_sheet(rid: str):
        name = sheet_name(rid, used)
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        for i, (_header, width, _kind) in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.append(HEADERS)
        formatted = {}
        for i, number_format in _FORMATS.items():
            formatted[i] = WriteOnlyCell(sheet)
            formatted[i].number_format = number_format
        sheets[rid] = (name, sheet, formatted)
        return sheets[rid]

    # One styled cell per sheet and formatted column, given each row's value: a write-only sheet
    # writes the whole row to its XML stream inside append(), so the cell is free again after.
    # A new WriteOnlyCell styled per value cost a third of the export's time. Empty text becomes
    # None: no cell at all (openpyxl would write an empty string cell).
    rows = _Rows(catalog)
    if run_id is not None:
        new_sheet(run_id)
    for registration in _selected(lines, result, run_id):
        rid = registration.run_id
        _name, sheet, formatted = sheets.get(rid) or new_sheet(rid)
        cells: list[Any] = [value or None for value in rows.cells(registration)]
        for i in _DIGIT_COLUMNS:
            if cells[i] is not None:
                formatted[i].value = cells[i]
                cells[i] = formatted[i]
        for i in _DATE_COLUMNS:
            if cells[i] is not None and type(cells[i]) is not str:  # else invalid: its raw text
                formatted[i].value = cells[i]
                cells[i] = formatted[i]
        sheet.append(cells)

    summary.freeze_panes = "A2"
    for i, width in enumerate((24, 60, 50, 8, 12, 14), start=1):
        summary.column_dimensions[get_column_letter(i)].width = width
    summary.append(["Lembar", "Angkatan", "Kursus", "Kuota", "Terdaftar", "Daftar tunggu"])
    for rid, (name, _sheet, _formatted) in sheets.items():
        ref = catalog.find_run(rid) if catalog else None
        counts = result.per_run.get(rid, RunStats())
        summary.append(
            [
                _safe(name),
                _safe(rid),
                _safe(run_title(ref) or "(tidak ada di katalog)"),
                ref.run.quota if ref else None,
                counts.registered,
                counts.waitlist,
            ]
        )
    workbook.save(handle)
    return result


def _private_file(out: Path, write: Callable[[Any], ExportResult]) -> ExportResult:
    """Run ``write(binary handle)`` on a new 0600 file (personal data), then move it to ``out``."""
    return write_file_atomically(out, 0o600, write)
