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
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from catalog.catalog import Catalog
from form_service.queue import QueueLine
from form_service.staff.common import (
    DTKS_LABEL,
    EMPLOYMENT_LABEL,
    GENDER_LABEL,
    STATUS_LABEL,
    education_label,
    label,
    neutralise,
    parse_date,
    phone_local,
    run_title,
    village_label,
    wib_naive,
)
from form_service.staff.stats import RunStats

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
    record: dict, catalog: Catalog | None, villages: dict[object, str] | None = None
) -> list[Any]:
    """The cells of one registration, in :data:`COLUMNS` order (not yet neutralised).

    ``villages`` caches region labels between calls (an export repeats the same few hundred).
    """
    applicant = record.get("applicant")
    if not isinstance(applicant, dict):
        applicant = {}

    def text(value: object) -> str:
        return "" if value is None else str(value)

    birth = applicant.get("birth_date")
    village = applicant.get("village")
    if villages is None:
        place = village_label(catalog, village)
    else:
        key = village if isinstance(village, str) else repr(village)
        place = villages.get(key)
        if place is None:
            place = villages[key] = village_label(catalog, village)
    return [
        text(record.get("id")),
        wib_naive(record.get("received_at")) or text(record.get("received_at")),
        label(STATUS_LABEL, record.get("status")),
        text(applicant.get("full_name")),
        text(applicant.get("nik")),
        parse_date(birth) or text(birth),
        label(GENDER_LABEL, applicant.get("gender")),
        phone_local(applicant.get("phone")),
        text(applicant.get("email")),
        place,
        text(applicant.get("address")),
        education_label(applicant.get("education")),
        label(EMPLOYMENT_LABEL, applicant.get("employment_status")),
        label(DTKS_LABEL, applicant.get("dtks")),
        text(applicant.get("disability")),
        text(applicant.get("motivation")),
    ]


def _safe(value: Any) -> Any:
    return neutralise(value) if isinstance(value, str) else value


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
    lines: Iterable[QueueLine],
    out: Path,
    fmt: str,
    catalog: Catalog | None,
    run_id: str | None = None,
) -> ExportResult:
    """Write the records (of ``run_id``, or all) to ``out`` as ``fmt`` ("xlsx" or "csv")."""
    writer = _write_xlsx if fmt == "xlsx" else _write_csv
    return _private_file(out, lambda handle: writer(handle, lines, out, catalog, run_id))


def _selected(lines: Iterable[QueueLine], result: ExportResult, run_id: str | None):
    for line in lines:
        record = line.record
        if record is None or not isinstance(record.get("run_id"), str):
            result.damaged_lines += 1
            continue
        if run_id is not None and record["run_id"] != run_id:
            continue
        result.records += 1
        counts = result.per_run.setdefault(record["run_id"], RunStats())
        if record.get("status") == "waitlist":
            counts.waitlist += 1
        else:
            counts.registered += 1
        yield record


def _write_csv(handle, lines, out, catalog, run_id) -> ExportResult:
    result = ExportResult(out)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(["Angkatan", *HEADERS])
    villages: dict[object, str] = {}
    for record in _selected(lines, result, run_id):
        cells = []
        for value in row_values(record, catalog, villages):
            if isinstance(value, datetime):
                value = value.isoformat(" ", "minutes")
            elif isinstance(value, date):
                value = value.isoformat()
            cells.append(neutralise(value))
        writer.writerow([neutralise(record["run_id"]), *cells])
    text.flush()
    text.detach()
    return result


def _write_xlsx(handle, lines, out, catalog, run_id) -> ExportResult:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    result = ExportResult(out)
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(SUMMARY_SHEET)
    used = {SUMMARY_SHEET.lower()}
    sheets: dict[str, tuple[str, Any]] = {}

    def new_sheet(rid: str):
        name = sheet_name(rid, used)
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        for i, (_header, width, _kind) in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.append(HEADERS)
        sheets[rid] = (name, sheet)
        return sheets[rid]

    def cell(sheet, value: Any, kind: str):
        if kind == TEXT or (isinstance(value, str) and kind != DIGITS):
            return _safe(value)  # a plain cell: much cheaper than a WriteOnlyCell
        c = WriteOnlyCell(sheet, value=_safe(value))
        if kind == DIGITS:
            c.number_format = "@"
        elif kind == DATE:
            c.number_format = DATE_FORMAT
        else:
            c.number_format = DATETIME_FORMAT
        return c

    villages: dict[object, str] = {}
    if run_id is not None:
        new_sheet(run_id)
    for record in _selected(lines, result, run_id):
        rid = record["run_id"]
        _name, sheet = sheets.get(rid) or new_sheet(rid)
        values = row_values(record, catalog, villages)
        sheet.append(
            [cell(sheet, v, kind) for v, (_h, _w, kind) in zip(values, COLUMNS, strict=True)]
        )

    summary.freeze_panes = "A2"
    for i, width in enumerate((24, 60, 50, 8, 12, 14), start=1):
        summary.column_dimensions[get_column_letter(i)].width = width
    summary.append(["Lembar", "Angkatan", "Kursus", "Kuota", "Terdaftar", "Daftar tunggu"])
    for rid, (name, _sheet) in sheets.items():
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
    """Run ``write(binary handle)`` on a new 0600 file, then move it to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result
