"""Export registrations to Excel (xlsx) or CSV for the clerks who call and select applicants.

Choices, all in favour of "nothing is ever run as a formula, nothing personal leaks":

- Every text cell starting with ``= + - @``, tab, CR or NUL gets a single quote in front
  (OWASP ASVS 1.2.10), in xlsx and CSV alike; control characters xlsx cannot hold become U+FFFD.
  The xlsx writer (XlsxWriter) is also told never to turn text into a formula, a number or a
  link (``strings_to_formulas``/``_numbers``/``_urls`` off) and every text goes through
  ``write_string``: only the WhatsApp link is a link, written on purpose with ``write_url``.
- Phone numbers are written the way clerks dial them, ``0812-0000-0001``, as text: no leading
  ``+`` to neutralise, no leading zero lost, and the dashes keep Excel from turning them into
  numbers when it opens the CSV. A foreign number keeps its ``+`` form and is neutralised (``'+65…``).
- NIK is a text cell (number format ``@``) in xlsx, so all 16 digits stay. In CSV it is the bare
  16 digits: right for other programs, but Excel shows them as 3,67E+15 when it opens a CSV by
  double-click; clerks should use the xlsx.
- xlsx: one sheet per run (names at most 31 characters, unique ignoring case, without
  ``[]:*?/\\``) after a first sheet "Daftar angkatan" that maps sheet names to runs (``katalog
  queue import`` reads it back); header row and the first four columns frozen; birth date and
  registration time are real dates (registration time in WIB).
- Selection (issue 12): after the applicant's answers come the columns a clerk fills on
  selection day: **Hasil** (a dropdown of the status labels, pre-filled with the current one),
  **Alasan** (needed for "Tidak diterima"), **Urutan cadangan**, **Catatan**, then a **Kirim
  WhatsApp** link with the message for the current status (:mod:`registrations.messages`). The
  headers of the columns the import trusts (number, name, NIK) are grey: "do not edit"; the
  import compares name and NIK with the store and refuses a changed row. The fill-in headers are
  yellow.
- After the training (issue 13): **Paket usaha** ("ya" pre-filled for a participant who got
  the starter package; a dropdown ya/tidak: empty means "no change", "tidak" takes it back),
  **Tindak lanjut 3 bulan** and **Tindak lanjut 6 bulan** (dropdowns of the follow-up labels,
  pre-filled with the answer recorded), yellow, before the WhatsApp link. The import reads them
  when they are there (:mod:`form_service.staff.results_import`).
- CSV: one file, UTF-8 with BOM (Excel then reads Indonesian names right), an "Angkatan" column,
  the same selection columns (the link as text, no dropdown).
- The file is created with mode 0600 (``os.open(..., 0o600)`` on a temporary name in the target
  folder, then renamed), so it is never readable by others, not even for a moment. XlsxWriter's
  row buffers live in a private (0700) folder beside it, removed when the export ends.
- Streaming: XlsxWriter's ``constant_memory`` mode writes each row to its sheet's temporary file
  as soon as the next one starts, and ``csv.writer``; memory stays flat (the WhatsApp links of
  a sheet are kept until the end: Excel stores them apart from the cells).
- Speed (``benchmarks/selection.py``, 100,000 registrations): the goals (all runs in 10 s, one
  run of 2,000 in 2 s) are NOT met on a 2-core machine: XlsxWriter's public ``write_string``
  costs about 10 us a cell here, so its own floor for 2.1 million cells is past 20 s. Going
  below it would mean writing the sheet XML ourselves or calling XlsxWriter's private methods,
  which this project does not do (see the closing note of issue 12). One run's export also pays
  for reading the store (the file store's index of every line).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import tempfile
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
from registrations.messages import Links, RunDetails
from registrations.models import Registration
from registrations.outcomes import FOLLOWUP_LABELS, STARTER_NO, STARTER_YES
from registrations.records import utc_text
from registrations.status import LABELS, Status

SUMMARY_SHEET = "Daftar angkatan"
SHEET_NAME_MAX = 31
_SHEET_BAD_RE = re.compile(r"[\[\]:*?/\\]")

# TEXT: a plain string cell; DIGITS: a string cell formatted as text ("@") so that Excel keeps it
# text when a clerk edits it (NIK, phone); DATE/DATETIME: real dates.
TEXT, DIGITS, DATE, DATETIME = "text", "digits", "date", "datetime"
# The selection columns: RESULT a status label with a dropdown, RANK a whole number, LINK the
# WhatsApp link.
RESULT, RANK, LINK = "result", "rank", "link"
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
    ("Hasil", 20, RESULT),
    ("Alasan", 30, TEXT),
    ("Urutan cadangan", 10, RANK),
    ("Catatan", 30, TEXT),
    ("Paket usaha", 12, TEXT),
    ("Tindak lanjut 3 bulan", 22, TEXT),
    ("Tindak lanjut 6 bulan", 22, TEXT),
    ("Kirim WhatsApp", 16, LINK),
]
HEADERS = [c[0] for c in COLUMNS]
# Headers the import looks for (it finds columns by these words, wherever they stand).
NUMBER, NAME, NIK = "Nomor Pendaftaran", "Nama Lengkap", "NIK"
HASIL, ALASAN, URUTAN, CATATAN, WHATSAPP = (
    "Hasil",
    "Alasan",
    "Urutan cadangan",
    "Catatan",
    "Kirim WhatsApp",
)
TRUSTED = (NUMBER, NAME, NIK)  # grey headers: the import refuses a row where these changed
FILL_IN = (HASIL, ALASAN, URUTAN, CATATAN)  # yellow headers: the clerk writes here
# After the training (issue 13), also yellow; optional for the import (older exports lack them).
PAKET, TINDAK_3, TINDAK_6 = "Paket usaha", "Tindak lanjut 3 bulan", "Tindak lanjut 6 bulan"
FOLLOWUP_COLUMNS = {3: TINDAK_3, 6: TINDAK_6}
OUTCOME_COLUMNS = (PAKET, TINDAK_3, TINDAK_6)
LINK_TEXT = "Kirim WhatsApp"
# Excel's limits: a link of at most 2,079 characters, 65,530 links a sheet.
URL_MAX = 2079
LINKS_PER_SHEET = 65530

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


@dataclass
class ExportResult:
    path: Path
    records: int = 0
    damaged_lines: int = 0
    per_run: dict[str, RunStats] = field(default_factory=dict)


@dataclass(frozen=True)
class MessageOptions:
    """What the clerk gave at export for the WhatsApp messages (wins over the run's YAML)."""

    selection_date: date | None = None
    selection_time: str | None = None
    selection_place: str | None = None
    reregistration_deadline: date | None = None
    today: date | None = None  # a deadline before today is not told

    def details(self, catalog: Catalog | None, run_id: str) -> RunDetails:
        ref = catalog.find_run(run_id) if catalog is not None else None
        return RunDetails.of(
            ref,
            run_id,
            selection_date=self.selection_date,
            selection_time=self.selection_time,
            selection_place=self.selection_place,
            reregistration_deadline=self.reregistration_deadline,
            today=self.today,
        )


def last_reason_and_note(registration: Registration) -> tuple[str, str]:
    """The reason and note of the last status change (pre-filled in Alasan and Catatan)."""
    if not registration.events:
        return "", ""
    event = registration.events[-1]
    return event.reason or "", event.note or ""


def outcome_cells(registration: Registration) -> list[str]:
    """Paket usaha ("ya" or empty), then the 3- and 6-month follow-up labels (or empty)."""
    outcome = registration.outcome
    if not outcome.starter_package and not outcome.followups:
        return ["", "", ""]
    answers = dict(outcome.followups)
    return [
        STARTER_YES if outcome.starter_package else "",
        answers[3].label if 3 in answers else "",
        answers[6].label if 6 in answers else "",
    ]


def whatsapp_link(registration: Registration, links: Links) -> str | None:
    a = registration.applicant
    reason, _note = last_reason_and_note(registration)
    return links.url(
        a.phone.value,
        registration.status,
        name=a.full_name,
        number=registration.id,
        rank=registration.reserve_rank,
        reason=reason or None,
    )


def row_values(
    registration: Registration,
    catalog: Catalog | None,
    villages: dict[object, str] | None = None,
    options: MessageOptions | None = None,
) -> list[Any]:
    """The cells of one registration, in :data:`COLUMNS` order (not yet neutralised).

    ``villages`` caches region labels between calls (an export repeats the same few hundred).
    """
    options = options or MessageOptions()
    links = Links(options.details(catalog, registration.run_id))
    reason, note = last_reason_and_note(registration)
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
        registration.status.label,
        reason,
        registration.reserve_rank,
        note,
        *outcome_cells(registration),
        whatsapp_link(registration, links) or "",
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

    def __init__(self, catalog: Catalog | None, options: MessageOptions | None = None) -> None:
        self.catalog = catalog
        self.options = options or MessageOptions()
        self._links: dict[str, Links] = {}
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

    def links(self, run_id: str) -> Links:
        links = self._links.get(run_id)
        if links is None:
            links = self._links[run_id] = Links(self.options.details(self.catalog, run_id))
        return links

    def cells(self, registration: Registration) -> list[Any]:
        """The cells in :data:`COLUMNS` order: neutralised text, a WIB ``datetime``, a birth
        ``date``, the reserve rank (``int``) and the WhatsApp link (a URL: no formula)."""
        a = registration.applicant
        status = self.status(registration.status.value)
        reason, note = last_reason_and_note(registration)
        phone = a.phone.value
        if MOBILE_RE.fullmatch(phone):
            phone = f"0{phone[3:6]}-{phone[6:10]}-{phone[10:]}"  # digits and dashes: safe
        else:
            phone = neutralise(phone_local(phone))
        return [
            registration.id,
            _received(registration),
            status,
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
            status,
            _safe_text(reason),
            registration.reserve_rank,
            _safe_text(note),
            *outcome_cells(registration),
            whatsapp_link(registration, self.links(registration.run_id)) or "",
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
    options: MessageOptions | None = None,
) -> ExportResult:
    """Write the registrations (of ``run_id``, or all) to ``out`` as ``fmt`` ("xlsx" or "csv")."""
    rows = _Rows(catalog, options)
    if fmt == "xlsx":
        return _private_file(
            out, lambda handle: _write_xlsx(handle, registrations, out, catalog, run_id, rows)
        )
    return _private_file(
        out, lambda handle: _write_csv(handle, registrations, out, catalog, run_id, rows)
    )


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


def _write_csv(handle, lines, out, catalog, run_id, rows: _Rows) -> ExportResult:
    result = ExportResult(out)
    # UTF-8 with BOM: the BOM by hand, then plain "utf-8", which CPython encodes in C per write
    # ("utf-8-sig" goes through a Python-level encoder for every row)
    handle.write(codecs.BOM_UTF8)
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(["Angkatan", *HEADERS])
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


_INDEX = {header: i for i, header in enumerate(HEADERS)}
_HASIL_COLUMN = _INDEX[HASIL]
_RANK_COLUMN = _INDEX[URUTAN]
_LINK_COLUMN = _INDEX[WHATSAPP]
FROZEN_COLUMNS = 4  # number, time, status and name stay in sight while scrolling to Hasil
RESULT_CHOICES = [LABELS[status] for status in Status]


class _Sheet:
    """One run's sheet: XlsxWriter worksheet, its next row, links written so far."""

    __slots__ = ("links", "name", "row", "sheet")

    def __init__(self, name: str, sheet: Any) -> None:
        self.name = name
        self.sheet = sheet
        self.row = 1
        self.links = 0


def _write_xlsx(handle, lines, out, catalog, run_id, rows: _Rows) -> ExportResult:
    import xlsxwriter

    result = ExportResult(out)
    # XlsxWriter keeps each sheet's rows in a temporary file until it zips the workbook: personal
    # data, so in a private folder beside the export (same disk, same owner), removed at the end.
    scratch = tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        workbook = xlsxwriter.Workbook(
            handle,
            {
                "constant_memory": True,
                "tmpdir": scratch,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        _fill_workbook(workbook, lines, result, catalog, run_id, rows)
        workbook.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def _fill_workbook(workbook, lines, result: ExportResult, catalog, run_id, rows: _Rows) -> None:
    bold = {"bold": True, "text_wrap": True, "valign": "top", "border": 1}
    header = workbook.add_format(bold)
    trusted = workbook.add_format({**bold, "bg_color": "#D9D9D9"})
    fill_in = workbook.add_format({**bold, "bg_color": "#FFF2CC"})
    text_format = workbook.add_format({"num_format": "@"})
    formats = {
        DIGITS: text_format,
        DATE: workbook.add_format({"num_format": DATE_FORMAT}),
        DATETIME: workbook.add_format({"num_format": DATETIME_FORMAT}),
    }
    link_format = workbook.get_default_url_format()
    header_formats = [
        trusted if h in TRUSTED else fill_in if h in FILL_IN or h in OUTCOME_COLUMNS else header
        for h in HEADERS
    ]

    summary = workbook.add_worksheet(SUMMARY_SHEET)
    used = {SUMMARY_SHEET.lower()}
    sheets: dict[str, _Sheet] = {}

    def new_sheet(rid: str) -> _Sheet:
        name = sheet_name(rid, used)
        sheet = workbook.add_worksheet(name)
        sheet.freeze_panes(1, FROZEN_COLUMNS)
        for i, (title, width, _kind) in enumerate(COLUMNS):
            sheet.set_column(i, i, width)
            sheet.write_string(0, i, title, header_formats[i])
        sheets[rid] = _Sheet(name, sheet)
        return sheets[rid]

    kinds = [kind for _header, _width, kind in COLUMNS]
    if run_id is not None:
        new_sheet(run_id)
    for registration in _selected(lines, result, run_id):
        rid = registration.run_id
        target = sheets.get(rid) or new_sheet(rid)
        sheet, r = target.sheet, target.row
        write_string = sheet.write_string
        for c, value in enumerate(rows.cells(registration)):
            if value is None or value == "":
                continue
            kind = kinds[c]
            if kind == LINK:
                if len(value) <= URL_MAX and target.links < LINKS_PER_SHEET:
                    sheet.write_url(r, c, value, link_format, LINK_TEXT)
                    target.links += 1
                else:  # past Excel's limits: the address as text, still usable by copying
                    write_string(r, c, value)
            elif type(value) is str:
                if kind == DIGITS:
                    write_string(r, c, value, text_format)
                else:
                    write_string(r, c, value)
            elif type(value) is int:
                sheet.write_number(r, c, value)
            else:  # a WIB datetime or a birth date
                sheet.write_datetime(r, c, value, formats[kind])
        target.row = r + 1

    for target in sheets.values():
        last = max(target.row - 1, 1)
        target.sheet.data_validation(
            1,
            _HASIL_COLUMN,
            last,
            _HASIL_COLUMN,
            {
                "validate": "list",
                "source": RESULT_CHOICES,
                "input_title": "Hasil seleksi",
                "input_message": "Pilih dari daftar. Tidak diterima: isi juga Alasan. "
                "Cadangan: isi juga Urutan cadangan.",
                "error_title": "Hasil tidak dikenal",
                "error_message": "Pilih salah satu status dari daftar.",
            },
        )
        target.sheet.data_validation(
            1,
            _RANK_COLUMN,
            last,
            _RANK_COLUMN,
            {
                "validate": "integer",
                "criteria": ">=",
                "value": 1,
                "error_title": "Urutan cadangan",
                "error_message": "Tulis angka bulat 1, 2, 3, ... (cadangan pertama = 1).",
            },
        )
        target.sheet.data_validation(
            1,
            _INDEX[PAKET],
            last,
            _INDEX[PAKET],
            {
                "validate": "list",
                "source": [STARTER_YES, STARTER_NO],
                "input_title": "Paket usaha",
                "input_message": "ya: peserta Lulus/Bersertifikat menerima paket usaha. "
                "Kosong: tidak berubah. tidak: membatalkan.",
                "error_title": "Paket usaha",
                "error_message": "Pilih ya atau tidak, atau kosongkan.",
            },
        )
        for month, title in FOLLOWUP_COLUMNS.items():
            target.sheet.data_validation(
                1,
                _INDEX[title],
                last,
                _INDEX[title],
                {
                    "validate": "list",
                    "source": list(FOLLOWUP_LABELS.values()),
                    "input_title": f"Tindak lanjut {month} bulan",
                    "input_message": f"Jawaban peserta {month} bulan setelah angkatan selesai.",
                    "error_title": "Jawaban tidak dikenal",
                    "error_message": "Pilih salah satu jawaban dari daftar.",
                },
            )

    summary.freeze_panes(1, 0)
    summary_headers = ["Lembar", "Angkatan", "Kursus", "Kuota", "Terdaftar", "Daftar tunggu"]
    for i, width in enumerate((24, 60, 50, 8, 12, 14)):
        summary.set_column(i, i, width)
        summary.write_string(0, i, summary_headers[i], header)
    r = 1
    for rid, target in sheets.items():
        ref = catalog.find_run(rid) if catalog else None
        counts = result.per_run.get(rid, RunStats())
        summary.write_string(r, 0, neutralise(target.name))
        summary.write_string(r, 1, neutralise(rid))
        summary.write_string(r, 2, neutralise(run_title(ref) or "(tidak ada di katalog)"))
        if ref:
            summary.write_number(r, 3, ref.run.quota)
        summary.write_number(r, 4, counts.registered)
        summary.write_number(r, 5, counts.waitlist)
        r += 1
    r += 1
    for line in SUMMARY_NOTES:
        summary.write_string(r, 0, line)
        r += 1


# Read by clerks under the table of the first sheet (the import stops at the first empty row).
SUMMARY_NOTES = (
    "Petunjuk seleksi:",
    "1. Isi kolom Hasil (kuning) dengan memilih dari daftar; Tidak diterima perlu Alasan, "
    "Cadangan perlu Urutan cadangan (1, 2, 3, ...).",
    "2. Jangan ubah kolom abu-abu (Nomor Pendaftaran, Nama Lengkap, NIK), nama lembar, atau "
    "judul kolom.",
    "3. Simpan sebagai .xlsx, lalu: katalog queue import BERKAS.xlsx --dry-run, kemudian tanpa "
    "--dry-run.",
    "4. Setelah pelatihan: Hasil Mengikuti pelatihan, lalu Lulus / Tidak lulus / Bersertifikat; "
    "Paket usaha ya untuk penerima paket (kosong = tidak berubah); Tindak lanjut 3 bulan dan "
    "6 bulan dari jawaban peserta (lihat katalog queue followup).",
)


def _private_file(out: Path, write: Callable[[Any], ExportResult]) -> ExportResult:
    """Run ``write(binary handle)`` on a new 0600 file (personal data), then move it to ``out``."""
    return write_file_atomically(out, 0o600, write)
