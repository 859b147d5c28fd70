"""`katalog queue export`: xlsx and CSV for clerks, safe against formula injection."""

from __future__ import annotations

import csv
import io
import stat
from datetime import datetime

import pytest
from openpyxl import load_workbook

from form_service.staff.export import HEADERS, SUMMARY_SHEET, sheet_name

TRICKY_NAMES = {
    1: '=HYPERLINK("http://contoh.invalid","klik")',
    2: "@SUM(A1:A9)",
    3: "-2+3",
    4: "\tTab Contoh",
}


def fill(qf, queue_path):
    records = [qf.make_record(i, full_name=name) for i, name in TRICKY_NAMES.items()]
    records.append(
        qf.make_record(
            5,
            qf.RUN_MENJAHIT,
            status="waitlist",
            received_at="2027-01-04T18:00:00Z",
            phone="+6591234567",
            gender="P",
            village="luar-banten",
            address="+62 Jalan Contoh",
            email=None,
            disability="Tuna daksa",
            dtks="ya",
            employment_status="mencari-kerja",
            education="s1",
            birth_date="1995-12-31",
        )
    )
    qf.write_queue(queue_path, records)
    return records


def cells(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_xlsx_has_a_summary_and_one_sheet_per_run(queue_cli, queue_path, qf, tmp_path):
    fill(qf, queue_path)
    out = tmp_path / "hasil.xlsx"

    result = queue_cli("export", "--out", str(out))

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Tersimpan: {out} (5 pendaftar dari 2 angkatan).",
        "Berkas ini berisi data pribadi (NIK, nomor HP, alamat). Simpan hanya di komputer kantor, "
        "jangan dikirim lewat grup WhatsApp, dan hapus bila sudah tidak dipakai.",
    ]
    book = load_workbook(out)
    assert book.sheetnames == [SUMMARY_SHEET, "tata-boga 2027-1", "menjahit-busana-muslim-d 2027-1"]
    assert cells(book[SUMMARY_SHEET]) == [
        ["Lembar", "Angkatan", "Kursus", "Kuota", "Terdaftar", "Daftar tunggu"],
        [
            "tata-boga 2027-1",
            qf.RUN_BOGA,
            "Tata Boga untuk Usaha Rumahan — angkatan 2027-1",
            20,
            4,
            0,
        ],
        [
            "menjahit-busana-muslim-d 2027-1",
            qf.RUN_MENJAHIT,
            "Menjahit Busana Muslim dan Seragam Sekolah — angkatan 2027-1",
            15,
            0,
            1,
        ],
    ]
    boga = book["tata-boga 2027-1"]
    assert boga.freeze_panes == "A2"
    assert cells(boga)[0] == HEADERS
    assert len(cells(boga)) == 5
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_xlsx_cells_are_text_dates_and_never_formulas(queue_cli, queue_path, qf, tmp_path):
    fill(qf, queue_path)
    out = tmp_path / "hasil.xlsx"
    queue_cli("export", "--out", str(out))
    book = load_workbook(out)

    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)

    boga = book["tata-boga 2027-1"]
    names = [row[3].value for row in boga.iter_rows(min_row=2)]
    assert names == [
        '\'=HYPERLINK("http://contoh.invalid","klik")',
        "'@SUM(A1:A9)",
        "'-2+3",
        "'\tTab Contoh",
    ]
    first = [c for c in next(boga.iter_rows(min_row=2))]
    nik, phone = first[4], first[7]
    assert nik.value == "3671010101900001" and nik.data_type == "s" and nik.number_format == "@"
    assert phone.value == "0812-0000-0001" and phone.number_format == "@"
    assert first[1].value == datetime(2027, 1, 5, 9, 31, 7)
    assert first[1].number_format == "DD/MM/YYYY HH:MM"
    assert first[5].value == datetime(1990, 1, 1) and first[5].number_format == "DD/MM/YYYY"
    assert [c.value for c in first[9:11]] == [
        "Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten",
        "Jl. Contoh No. 1",
    ]

    other = [c.value for c in next(book["menjahit-busana-muslim-d 2027-1"].iter_rows(min_row=2))]
    assert other == [
        qf.fake_id(5),
        datetime(2027, 1, 5, 1, 0),
        "Daftar tunggu",
        "Contoh Pendaftar 5",
        qf.fake_nik(5),
        datetime(1995, 12, 31),
        "Perempuan",
        "'+6591234567",
        None,
        "Luar Banten",
        "'+62 Jalan Contoh",
        "Sarjana (D4/S1) atau lebih",
        "Tidak bekerja, sedang mencari kerja",
        "Ya, terdaftar",
        "Tuna daksa",
        "Ingin membuka usaha.",
    ]


def test_export_of_one_run_and_default_file_name(queue_cli, queue_path, qf, tmp_path, monkeypatch):
    fill(qf, queue_path)
    monkeypatch.chdir(tmp_path)

    result = queue_cli("export", "--run", qf.RUN_BOGA_2)

    name = "pendaftar-disnaker-kota-tangerang_tata-boga_2027-2-2027-01-20.xlsx"
    assert result.stdout.splitlines()[0] == f"Tersimpan: {name} (0 pendaftar dari 0 angkatan)."
    book = load_workbook(tmp_path / name)
    assert book.sheetnames == [SUMMARY_SHEET, "tata-boga 2027-2"]
    assert cells(book["tata-boga 2027-2"]) == [HEADERS]


def test_csv_has_bom_and_the_same_neutralisation(queue_cli, queue_path, qf, tmp_path):
    fill(qf, queue_path)
    out = tmp_path / "hasil.csv"
    out.write_text("lama", encoding="utf-8")
    out.chmod(0o644)

    result = queue_cli("export", "--format", "csv", "--out", str(out))

    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfAngkatan,Nomor Pendaftaran,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Angkatan", *HEADERS]
    assert [r[4] for r in rows[1:]] == [
        '\'=HYPERLINK("http://contoh.invalid","klik")',
        "'@SUM(A1:A9)",
        "'-2+3",
        "'\tTab Contoh",
        "Contoh Pendaftar 5",
    ]
    assert rows[1][:9] == [
        qf.RUN_BOGA,
        qf.fake_id(1),
        "2027-01-05 09:31",
        "Terdaftar",
        '\'=HYPERLINK("http://contoh.invalid","klik")',
        "3671010101900001",
        "1990-01-01",
        "Laki-laki",
        "0812-0000-0001",
    ]
    assert rows[5][8] == "'+6591234567"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_skips_damaged_lines_with_a_warning(queue_cli, queue_path, qf, tmp_path):
    fill(qf, queue_path)
    queue_path.write_bytes(queue_path.read_bytes() + b"\x00\x01 sampah\n")

    result = queue_cli("export", "--format", "csv", "--out", str(tmp_path / "x.csv"))

    assert result.exit_code == 0
    assert "(5 pendaftar dari 2 angkatan)" in result.stdout
    assert result.stderr == (
        "Peringatan: 1 baris rusak tidak dihitung. Jalankan: katalog queue verify\n"
    )


def test_export_without_queue_file_writes_nothing(queue_cli, queue_path, tmp_path):
    out = tmp_path / "x.xlsx"

    result = queue_cli("export", "--out", str(out))

    assert result.exit_code == 1
    assert result.stderr.startswith("Gagal: berkas antrean tidak ditemukan:")
    assert not out.exists()
    assert list(tmp_path.glob(".*.tmp")) == []


@pytest.mark.parametrize(
    ("run_id", "expected"),
    [
        ("blk/tata-boga/2027-1", "tata-boga 2027-1"),
        ("blk/" + "x" * 40 + "/2027-1", "x" * 24 + " 2027-1"),
        ("blk/a[b]:c*d?/2027-1", "a-b--c-d- 2027-1"),
        ("rusak/tanpa-angkatan", "rusak-tanpa-angkatan"),
        ("History", "history-1"),
        ("'c'/'k'/'r'", "k' 'r"),
    ],
)
def test_sheet_names_fit_excel_rules(run_id, expected):
    name = sheet_name(run_id, set())
    assert name == expected
    assert len(name) <= 31


def test_sheet_names_are_unique_ignoring_case():
    used: set[str] = {"daftar angkatan"}
    names = [
        sheet_name(run_id, used)
        for run_id in (
            "blk-a/" + "k" * 30 + "/2027-1",
            "blk-b/" + "k" * 30 + "/2027-1",
            "blk-c/" + "K" * 30 + "/2027-1",
            "x/daftar/angkatan",
        )
    ]
    assert names == [
        "k" * 24 + " 2027-1",
        "k" * 24 + " 2027~2",
        "K" * 24 + " 2027~3",
        "daftar angkatan~2",
    ]
