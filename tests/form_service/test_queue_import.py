"""`katalog queue import FILE.xlsx`: every row checked first, `FILE:Sheet!row: message` for
every problem, all or nothing, idempotent (issue 12)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from registrations.jsonl import JsonlStore
from registrations.status import Status
from tests.form_service.conftest import RUN_BOGA, RUN_BOGA_2
from tests.form_service.selection_helpers import (
    edit,
    export_run,
    move,
    queue_with,
    status_of,
)

SHEET = "tata-boga 2027-1"


@pytest.fixture
def numbers(queue_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("KATALOG_STAFF_NAME", "Petugas Contoh")
    found = queue_with(queue_path, 5)
    queue_with(queue_path, 1, RUN_BOGA_2, start=6)
    return found


@pytest.fixture
def sheet(queue_cli, numbers, tmp_path) -> Path:
    """The export of both runs (rows 2..6 of SHEET are applicants 1..5)."""
    return export_run(queue_cli, tmp_path / "seleksi.xlsx")


def test_results_are_recorded_once(queue_cli, queue_path, numbers, sheet) -> None:
    edit(
        sheet,
        SHEET,
        {
            (2, "Hasil"): "Diterima",
            (3, "Hasil"): "cadangan",
            (3, "Urutan cadangan"): 1,
            (4, "Hasil"): "Tidak diterima",
            (4, "Alasan"): "Tidak hadir wawancara",
            (4, "Catatan"): "Ditelepon dua kali",
        },
    )
    result = queue_cli("import", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Tercatat: 3 perubahan oleh Petugas Contoh (Diterima 1, Cadangan 1, Tidak diterima 1); "
        "3 baris tidak berubah.",
        "Kabari pendaftar: ekspor ulang angkatannya (katalog queue export --run ID) dan klik "
        "Kirim WhatsApp di setiap baris yang berubah.",
    ]
    assert status_of(queue_path, numbers[0]) == (Status.ACCEPTED, None)
    assert status_of(queue_path, numbers[1]) == (Status.RESERVE, 1)
    rejected = JsonlStore(queue_path).get(numbers[2])
    event = rejected.events[-1]
    assert (event.to_status, event.reason, event.note, event.by) == (
        Status.REJECTED,
        "Tidak hadir wawancara",
        "Ditelepon dua kali",
        "Petugas Contoh",
    )
    again = queue_cli("import", str(sheet))
    assert again.exit_code == 0
    assert again.stdout == "Tidak ada perubahan: 6 baris sudah sesuai antrean.\n"
    assert again.stderr == ""  # the same Alasan and Catatan again: nothing dropped, no notice
    assert len(JsonlStore(queue_path).get(numbers[0]).events) == 1


def test_note_without_a_change_is_named_not_dropped_silently(
    queue_cli, queue_path, numbers, sheet
) -> None:
    edit(sheet, SHEET, {(3, "Catatan"): "Sudah ditelepon"})
    before = queue_path.read_bytes()
    result = queue_cli("import", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Catatan: {sheet}:{SHEET}!3: kolom Catatan diubah tetapi Hasil tidak berubah, jadi "
        "isinya tidak disimpan: alasan dan catatan hanya disimpan bersama perubahan Hasil. "
        "Tulis lagi saat Hasil baris ini diubah."
    ]
    assert queue_path.read_bytes() == before


def test_dry_run_writes_nothing(queue_cli, queue_path, numbers, sheet) -> None:
    edit(sheet, SHEET, {(2, "Hasil"): "Diundang seleksi", (3, "Hasil"): "invited"})
    before = queue_path.read_bytes()
    result = queue_cli("import", str(sheet), "--dry-run", "--by", "Siti")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Uji coba: 2 perubahan akan dicatat (Diundang seleksi 2); 4 baris tidak berubah. "
        "Antrean tidak diubah.\n"
    )
    assert queue_path.read_bytes() == before


def test_every_problem_in_one_pass_and_nothing_applied(
    queue_cli, queue_path, numbers, tmp_path
) -> None:
    more = queue_with(queue_path, 4, start=7)  # rows 7..10 of the sheet
    move(
        queue_path,
        (numbers[4], Status.ACCEPTED),
        (more[3], Status.RESERVE, None, 2),  # a reserve the file will not list
    )
    sheet = export_run(queue_cli, tmp_path / "seleksi.xlsx")
    book = openpyxl.load_workbook(sheet)
    book[SHEET].delete_rows(10)  # more[3] (reserve 2) is not in the file
    book.save(sheet)
    f = f"{sheet}:{SHEET}"
    edit(
        sheet,
        SHEET,
        {
            (2, "Hasil"): "Diterma",
            (3, "Hasil"): "Tidak diterima",
            (4, "Hasil"): "Cadangan",
            (5, "NIK"): 3671010101900004,
            (5, "Hasil"): "Diterima",
            (6, "Hasil"): "Diundang seleksi",
            (7, "Hasil"): '=IF(1,"Diterima")',
            (8, "Hasil"): "Cadangan",
            (8, "Urutan cadangan"): 2,
            (9, "Nama Lengkap"): "Contoh Lain",
            (9, "Hasil"): "Diterima",
            (9, "Urutan cadangan"): "dua",
            (11, "Nomor Pendaftaran"): "KP-0000-0000-0006",
            (11, "Hasil"): "Diterima",
            (12, "Nomor Pendaftaran"): "KP-ZZZZ-ZZZZ-ZZZZ",
            (12, "Hasil"): "Diterima",
            (13, "Nomor Pendaftaran"): "kp00000000-0001",
            (13, "Hasil"): "Diterima",
        },
    )
    before = queue_path.read_bytes()
    result = queue_cli("import", str(sheet))
    assert result.exit_code == 1
    choices = (
        "Terdaftar, Daftar tunggu, Diundang seleksi, Diterima, Cadangan, Tidak diterima, "
        "Mengundurkan diri, Mengikuti pelatihan, Lulus, Tidak lulus, Bersertifikat"
    )
    assert result.stderr.splitlines() == [
        f"{f}!2: Hasil “Diterma” tidak dikenal. Maksud Anda “Diterima”? Pilih dari daftar di "
        f"sel itu: {choices}.",
        f"{f}!3: Hasil “Tidak diterima” perlu alasan: isi kolom Alasan (pendaftar membaca "
        "alasan ini).",
        f"{f}!4: Hasil “Cadangan” perlu Urutan cadangan: tulis 1 untuk cadangan pertama, 2 "
        "untuk berikutnya, dan seterusnya.",
        f"{f}!5: kolom NIK diubah (tidak sama dengan NIK yang tercatat untuk "
        "KP-0000-0000-0004). Kolom NIK tidak boleh diubah: kembalikan isinya seperti di berkas "
        "ekspor, atau ekspor ulang.",
        f"{f}!6: KP-0000-0000-0005: status “Diterima” tidak bisa langsung diubah menjadi "
        "“Diundang seleksi”; dari status ini yang boleh: “Mengundurkan diri”, “Mengikuti "
        "pelatihan”.",
        f'{f}!7: kolom Hasil berisi rumus (“=IF(1,"Diterima")”); tulis kata statusnya, bukan '
        "rumus, misalnya “Diterima”.",
        f"{f}!8: Urutan cadangan 2 sudah dipakai KP-0000-0000-000A, cadangan yang tidak ada di "
        "berkas ini. Pilih urutan lain.",
        f"{f}!9: kolom Nama Lengkap diubah (tidak sama dengan nama yang tercatat untuk "
        "KP-0000-0000-0009). Kembalikan namanya seperti di berkas ekspor; nama yang salah "
        "diperbaiki lewat petugas TI, bukan di berkas ini.",
        f"{f}!9: Urutan cadangan “dua” bukan angka bulat 1 atau lebih; tulis 1, 2, 3, ... "
        "(cadangan pertama = 1).",
        f"{f}!11: nomor pendaftaran KP-0000-0000-0006 adalah pendaftar angkatan {RUN_BOGA_2}, "
        f"bukan {RUN_BOGA} (angkatan lembar ini). Pindahkan barisnya ke lembar angkatannya, "
        "atau hapus baris ini.",
        f"{f}!12: nomor pendaftaran “KP-ZZZZ-ZZZZ-ZZZZ” tidak ada di antrean. Jangan ubah "
        "kolom Nomor Pendaftaran: kembalikan nomornya, atau hapus baris ini.",
        f"{f}!13: nomor pendaftaran KP-0000-0000-0001 sudah ada di {SHEET}!2. Hapus salah satu "
        "baris.",
        f"Gagal: 12 masalah di {sheet}; tidak ada yang dicatat. Perbaiki barisnya lalu "
        "jalankan lagi.",
    ]
    assert "3671010101900004" not in result.output
    assert queue_path.read_bytes() == before


def test_two_reserves_with_one_rank(queue_cli, numbers, sheet) -> None:
    edit(
        sheet,
        SHEET,
        {
            (2, "Hasil"): "Cadangan",
            (2, "Urutan cadangan"): 1,
            (3, "Hasil"): "Cadangan",
            (3, "Urutan cadangan"): 1.0,
            (4, "Hasil"): "Cadangan",
            (4, "Urutan cadangan"): "1",
        },
    )
    result = queue_cli("import", str(sheet))
    assert result.exit_code == 1
    f = f"{sheet}:{SHEET}"
    assert result.stderr.splitlines()[:3] == [
        f"{f}!2: Urutan cadangan 1 dipakai juga di baris 3, 4. Setiap cadangan perlu urutan "
        "yang berbeda.",
        f"{f}!3: Urutan cadangan 1 dipakai juga di baris 2, 4. Setiap cadangan perlu urutan "
        "yang berbeda.",
        f"{f}!4: Urutan cadangan 1 dipakai juga di baris 2, 3. Setiap cadangan perlu urutan "
        "yang berbeda.",
    ]


def test_moved_and_hidden_columns_are_found_by_header(queue_cli, queue_path, numbers, sheet):
    book = openpyxl.load_workbook(sheet)
    ws = book[SHEET]
    ws.insert_cols(1, 2)  # two columns of the clerk's own in front
    ws.move_range("S1:S6", cols=-17)  # Hasil moved to the second column, its place left empty
    ws.column_dimensions["B"].hidden = True
    ws["B2"] = "Diterima"
    book.save(sheet)
    assert [c.value for c in ws[1]][:3] == [None, "Hasil", "Nomor Pendaftaran"]
    result = queue_cli("import", str(sheet))
    assert result.exit_code == 0, result.output
    assert status_of(queue_path, numbers[0]) == (Status.ACCEPTED, None)


# -- damaged or foreign files ------------------------------------------------------------------


def _fails(queue_cli, path: Path, *args: str) -> list[str]:
    result = queue_cli("import", str(path), *args)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def test_not_a_workbook(queue_cli, numbers, tmp_path) -> None:
    text = tmp_path / "hasil.xlsx"
    text.write_text("Nomor Pendaftaran,Hasil\n", encoding="utf-8")
    assert _fails(queue_cli, text) == [
        f"Gagal: {text}: bukan berkas Excel (.xlsx) yang utuh; mungkin rusak atau terpotong "
        "saat disalin. Salin lagi dari komputer asalnya, atau buka di Excel lalu simpan ulang."
    ]


def test_truncated_workbook(queue_cli, sheet) -> None:
    data = sheet.read_bytes()
    sheet.write_bytes(data[: len(data) // 2])
    assert _fails(queue_cli, sheet)[0].startswith(f"Gagal: {sheet}: bukan berkas Excel (.xlsx)")


def test_a_zip_that_is_no_workbook(queue_cli, numbers, tmp_path) -> None:
    path = tmp_path / "hasil.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "bukan Excel")
    assert _fails(queue_cli, path) == [
        f"Gagal: {path}: bukan berkas Excel (.xlsx) yang bisa dibaca; isinya rusak atau bukan "
        "dari Excel. Buka di Excel lalu simpan ulang sebagai .xlsx, atau ekspor ulang."
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "hasil.xls",
            "berkas Excel lama (.xls) tidak bisa dibaca. Buka di Excel, pilih Simpan Sebagai → "
            "Buku Kerja Excel (*.xlsx), lalu impor berkas .xlsx itu.",
        ),
        (
            "hasil.csv",
            "hanya berkas Excel (.xlsx) hasil 'katalog queue export' yang bisa diimpor. Simpan "
            "berkasnya sebagai Buku Kerja Excel (*.xlsx).",
        ),
        (
            "hasil.txt",
            "nama berkas harus berakhiran .xlsx. Simpan berkasnya sebagai Buku Kerja Excel "
            "(*.xlsx).",
        ),
    ],
)
def test_wrong_kind_of_file(queue_cli, sheet, tmp_path, name, expected) -> None:
    other = tmp_path / name
    other.write_bytes(sheet.read_bytes())
    assert _fails(queue_cli, other) == [f"Gagal: {other}: {expected}"]


def test_missing_file(queue_cli, numbers, tmp_path) -> None:
    path = tmp_path / "tidak-ada.xlsx"
    assert _fails(queue_cli, path) == [
        f"Gagal: {path}: berkas tidak ditemukan. Periksa nama dan foldernya."
    ]


def test_foreign_workbook(queue_cli, numbers, tmp_path) -> None:
    path = tmp_path / "lain.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(path)
    assert _fails(queue_cli, path)[0] == (
        f"{path}: lembar “Daftar angkatan” tidak ada. Berkas ini bukan hasil 'katalog queue "
        "export', atau lembar itu dihapus atau diganti namanya. Kembalikan lembarnya, atau "
        "ekspor ulang lalu salin kolom Hasil ke berkas baru itu."
    )


def test_renamed_sheet(queue_cli, numbers, sheet) -> None:
    book = openpyxl.load_workbook(sheet)
    book[SHEET].title = "Boga"
    book.save(sheet)
    assert _fails(queue_cli, sheet)[:2] == [
        f"Catatan: {sheet}:Boga: lembar ini tidak tercantum di lembar “Daftar angkatan”; "
        "isinya tidak dibaca.",
        f"{sheet}:Daftar angkatan!2: lembar “{SHEET}” untuk angkatan {RUN_BOGA} tidak ada "
        f"(lembar yang tidak dikenal: “Boga”). Nama lembar tidak boleh diubah: kembalikan "
        f"namanya menjadi “{SHEET}”.",
    ]


def test_missing_header(queue_cli, numbers, sheet) -> None:
    edit(sheet, SHEET, {(1, "Hasil"): "Hasil seleksi"})
    assert _fails(queue_cli, sheet)[0] == (
        f"{sheet}:{SHEET}!1: kolom “Hasil” tidak ada di baris judul. Jangan ubah atau hapus "
        "judul kolom: kembalikan judulnya, atau ekspor ulang."
    )


def test_merged_cells(queue_cli, numbers, sheet) -> None:
    book = openpyxl.load_workbook(sheet)
    book[SHEET].merge_cells("Q3:T3")
    book.save(sheet)
    assert _fails(queue_cli, sheet)[0] == (
        f"{sheet}:{SHEET}!3: sel Q3:T3 digabung (merge), jadi isinya tidak bisa dibaca per "
        "kolom. Pisahkan lagi: pilih sel itu, lalu Beranda → Gabung & Tengahkan → Pisahkan Sel."
    )


def test_formula_in_alasan(queue_cli, numbers, sheet) -> None:
    edit(sheet, SHEET, {(2, "Hasil"): "Tidak diterima", (2, "Alasan"): "=A1"})
    assert _fails(queue_cli, sheet)[:2] == [
        f"{sheet}:{SHEET}!2: kolom Alasan berisi rumus; tulis alasannya sebagai teks biasa, "
        "bukan rumus.",
        f"{sheet}:{SHEET}!2: Hasil “Tidak diterima” perlu alasan: isi kolom Alasan (pendaftar "
        "membaca alasan ini).",
    ]
