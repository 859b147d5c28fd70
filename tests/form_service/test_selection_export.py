"""`katalog queue export` for selection day: Hasil dropdown, Alasan, Urutan cadangan, Catatan and
a Kirim WhatsApp link per applicant (issue 12)."""

from __future__ import annotations

import csv
import stat
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from form_service.staff.export import HEADERS, SUMMARY_SHEET, _Rows, row_values
from registrations.jsonl import JsonlStore
from registrations.status import LABELS, Status
from tests.form_service.conftest import RUN_BOGA, RUN_BOGA_2
from tests.form_service.selection_helpers import header_index, message_of, move, queue_with

SHEET = "tata-boga 2027-1"


@pytest.fixture
def selection_queue(queue_path: Path) -> list[str]:
    numbers = queue_with(queue_path, 5)
    queue_with(queue_path, 1, RUN_BOGA_2, start=6)
    move(
        queue_path,
        (numbers[0], Status.INVITED),
        (numbers[1], Status.ACCEPTED),
        (numbers[2], Status.RESERVE, None, 1),
        (numbers[3], Status.REJECTED, "Tidak hadir wawancara"),
    )
    return numbers


def _rows(path: Path, sheet: str = SHEET) -> tuple[dict[str, int], list]:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    return header_index(ws), list(ws.iter_rows(min_row=2))


def test_new_columns_after_the_answers(queue_cli, queue_path, selection_queue, tmp_path) -> None:
    out = tmp_path / "seleksi.xlsx"
    result = queue_cli("export", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert HEADERS[-8:] == [
        "Hasil",
        "Alasan",
        "Urutan cadangan",
        "Catatan",
        "Paket usaha",
        "Tindak lanjut 3 bulan",
        "Tindak lanjut 6 bulan",
        "Kirim WhatsApp",
    ]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [SUMMARY_SHEET, SHEET, "tata-boga 2027-2"]
    ws = book[SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "E2"
    cols = header_index(ws)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[cols["Hasil"]], r[cols["Alasan"]], r[cols["Urutan cadangan"]]) for r in rows] == [
        ("Diundang seleksi", None, None),
        ("Diterima", None, None),
        ("Cadangan", None, 1),
        ("Tidak diterima", "Tidak hadir wawancara", None),
        ("Terdaftar", None, None),
    ]
    # trusted headers grey, fill-in headers yellow
    assert ws.cell(1, cols["NIK"] + 1).fill.fgColor.rgb == "FFD9D9D9"
    assert ws.cell(1, cols["Hasil"] + 1).fill.fgColor.rgb == "FFFFF2CC"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_hasil_is_a_dropdown_of_every_status_label(queue_cli, selection_queue, tmp_path) -> None:
    out = tmp_path / "seleksi.xlsx"
    queue_cli("export", "--run", RUN_BOGA, "--out", str(out))
    ws = openpyxl.load_workbook(out)[SHEET]
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    hasil = validations["Q2:Q6"]
    assert hasil.type == "list"
    assert hasil.formula1 == '"' + ",".join(LABELS[s] for s in Status) + '"'
    assert validations["S2:S6"].type == "whole"


def test_nik_text_dates_real_and_link_is_a_link(queue_cli, selection_queue, tmp_path) -> None:
    out = tmp_path / "seleksi.xlsx"
    queue_cli("export", "--run", RUN_BOGA, "--out", str(out))
    cols, rows = _rows(out)
    nik = rows[0][cols["NIK"]]
    assert (nik.value, nik.data_type, nik.number_format) == ("3671010101900001", "s", "@")
    assert rows[0][cols["Tanggal Lahir"]].value == datetime(1990, 1, 1)
    link = rows[0][cols["Kirim WhatsApp"]]
    assert link.value == "Kirim WhatsApp"
    assert link.hyperlink.target.startswith("https://wa.me/6281200000001?text=Halo%20Contoh")


def test_each_link_carries_the_message_for_the_status(queue_cli, selection_queue, tmp_path) -> None:
    out = tmp_path / "seleksi.xlsx"
    result = queue_cli(
        "export",
        "--run",
        RUN_BOGA,
        "--out",
        str(out),
        "--selection-date",
        "2027-01-25",
        "--selection-time",
        "08.00–12.00 WIB",
        "--selection-place",
        "Aula Kantor Contoh",
        "--reregistration-deadline",
        "2027-01-29",
    )
    assert result.exit_code == 0, result.output
    cols, rows = _rows(out)
    texts = [message_of(r[cols["Kirim WhatsApp"]].hyperlink.target) for r in rows]
    what = "pelatihan Tata Boga untuk Usaha Rumahan (angkatan 2027-1), nomor pendaftaran"
    sign = " Salam, Pelatihan Contoh Disnaker Kota Tangerang."
    assert texts[0] == (
        f"Halo Contoh Pendaftar 1, terima kasih sudah mendaftar {what} KP-0000-0000-0001. "
        "Anda diundang mengikuti seleksi (wawancara) pada Senin, 25 Januari 2027, pukul "
        "08.00–12.00 WIB, di Aula Kantor Contoh. Bawa KTP asli dan dokumen persyaratan. Mohon "
        "balas pesan ini untuk konfirmasi kehadiran." + sign
    )
    assert "daftar ulang paling lambat Jumat, 29 Januari 2027" in texts[1]
    assert "peserta cadangan nomor 1." in texts[2]
    assert "Alasan: Tidak hadir wawancara." in texts[3]
    assert "status pelatihan" in texts[4] and ": Terdaftar." in texts[4]


def test_selection_day_from_the_run_yaml(queue_cli, selection_queue, staff_catalog, tmp_path):
    course = staff_catalog / "disnaker-kota-tangerang" / "tata-boga.yml"
    text = course.read_text(encoding="utf-8").replace(
        "    quota: 20\n",
        "    quota: 20\n    selection_day: {date: 2027-01-26, place: Aula Contoh}\n",
        1,
    )
    course.write_text(text, encoding="utf-8")
    out = tmp_path / "seleksi.xlsx"
    assert queue_cli("export", "--run", RUN_BOGA, "--out", str(out)).exit_code == 0
    cols, rows = _rows(out)
    assert "pada Selasa, 26 Januari 2027, di Aula Contoh." in message_of(
        rows[0][cols["Kirim WhatsApp"]].hyperlink.target
    )


def test_formula_looking_text_stays_text(queue_cli, queue_path, tmp_path) -> None:
    queue_with(queue_path, 1, full_name='=HYPERLINK("http://contoh.invalid")', address="+1")
    out = tmp_path / "seleksi.xlsx"
    queue_cli("export", "--run", RUN_BOGA, "--out", str(out))
    cols, rows = _rows(out)
    name = rows[0][cols["Nama Lengkap"]]
    assert (name.value, name.data_type) == ('\'=HYPERLINK("http://contoh.invalid")', "s")
    assert rows[0][cols["Alamat"]].value == "'+1"
    assert all(c.data_type != "f" for c in rows[0])


def test_csv_has_the_same_columns(queue_cli, selection_queue, tmp_path) -> None:
    out = tmp_path / "seleksi.csv"
    assert queue_cli("export", "--format", "csv", "--out", str(out)).exit_code == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["Angkatan", *HEADERS]
    reserve = rows[3]
    assert reserve[-8:-1] == ["Cadangan", "", "1", "", "", "", ""]
    assert reserve[-1].startswith("https://wa.me/6281200000003?text=Halo%20Contoh%20Pendaftar%203")


def test_fast_rows_equal_the_plain_ones(queue_path, selection_queue, staff_catalog) -> None:
    from catalog.load import require_catalog
    from form_service.staff.common import neutralise

    catalog = require_catalog(staff_catalog, today=date(2027, 1, 20))
    rows = _Rows(catalog)
    for registration in JsonlStore(queue_path).registrations():
        plain = [
            neutralise(v) if isinstance(v, str) else v for v in row_values(registration, catalog)
        ]
        assert rows.cells(registration) == plain
