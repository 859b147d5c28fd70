"""`katalog queue export`: xlsx and CSV for clerks, safe against formula injection."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from catalog.dates import WIB
from form_service.staff.common import neutralise, wib_naive
from form_service.staff.export import HEADERS, SUMMARY_SHEET, _Rows, row_values, sheet_name
from form_service.staff.stats import collect
from registrations.jsonl import JsonlStore
from registrations.models import StatusEvent
from registrations.records import registration_from
from registrations.status import Status
from tests.form_service.conftest import make_record

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
    assert cells(book[SUMMARY_SHEET])[:3] == [
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
    assert boga.freeze_panes == "E2"  # number, time, status and name stay in sight
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
    assert other[:16] == [
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


def test_xlsx_rows_keep_their_own_ids_dates_and_text_formats(queue_cli, queue_path, qf, tmp_path):
    # The export reuses one formatted cell per column; every row must still get its own values.
    qf.write_queue(
        queue_path,
        [
            qf.make_record(1, received_at="2027-01-05T02:31:07Z", birth_date="1990-01-01"),
            qf.make_record(
                2,
                received_at="2027-01-06T17:00:00Z",
                birth_date="1995-12-31",
                email="",
                phone="+6591234567",
            ),
            # Damaged (no time, NIK or phone): typed registrations cannot hold it, so the export
            # leaves it out (it used to show it raw); `katalog queue verify` reports it.
            qf.make_record(3, received_at="kemarin", nik=None, phone=None, birth_date=None),
            qf.make_record(4, received_at="2027-01-07T16:59:00Z", birth_date="2001-02-03"),
        ],
    )
    out = tmp_path / "hasil.xlsx"

    result = queue_cli("export", "--out", str(out))
    assert result.exit_code == 0
    assert "(3 pendaftar dari 1 angkatan)" in result.stdout

    rows = list(load_workbook(out)["tata-boga 2027-1"].iter_rows(min_row=2))
    assert [[c.value for c in row[:8]] for row in rows] == [
        [
            qf.fake_id(1),
            datetime(2027, 1, 5, 9, 31, 7),
            "Terdaftar",
            "Contoh Pendaftar 1",
            qf.fake_nik(1),
            datetime(1990, 1, 1),
            "Laki-laki",
            "0812-0000-0001",
        ],
        [
            qf.fake_id(2),
            datetime(2027, 1, 7, 0, 0),
            "Terdaftar",
            "Contoh Pendaftar 2",
            qf.fake_nik(2),
            datetime(1995, 12, 31),
            "Laki-laki",
            "'+6591234567",
        ],
        [
            qf.fake_id(4),
            datetime(2027, 1, 7, 23, 59),
            "Terdaftar",
            "Contoh Pendaftar 4",
            qf.fake_nik(4),
            datetime(2001, 2, 3),
            "Laki-laki",
            "0812-0000-0004",
        ],
    ]
    formats = [[c.number_format for c in row[:8]] for row in rows]
    plain = "General"
    dated = [plain, "DD/MM/YYYY HH:MM", plain, plain, "@", "DD/MM/YYYY", plain, "@"]
    assert formats == [dated, dated, dated]
    assert [row[4].data_type for row in rows] == ["s", "s", "s"]
    assert [row[7].data_type for row in rows] == ["s", "s", "s"]
    assert rows[1][8].value is None  # empty email: an empty cell, not a formula or ""
    assert rows[0][8].value == "contoh1@example.org"


def test_export_warns_when_it_leaves_an_invalid_registration_out(
    queue_cli, queue_path, qf, tmp_path
):
    qf.write_queue(queue_path, [qf.make_record(1), qf.make_record(2, birth_date="31-12-1995")])

    result = queue_cli("export", "--format", "csv", "--out", str(tmp_path / "x.csv"))

    assert "(1 pendaftar dari 1 angkatan)" in result.stdout
    assert "Jalankan: katalog queue verify" in result.stderr


@pytest.mark.parametrize(
    ("received_at", "expected"),
    [
        ("2027-01-05T02:31:07Z", "2027-01-05 09:31"),
        ("9999-12-31T16:59:59Z", "9999-12-31 23:59"),
        ("9999-12-31T17:00:00Z", "9999-12-31T17:00:00Z"),  # no WIB date: the raw text
    ],
)
def test_csv_registration_time_in_wib_or_raw_text(
    queue_cli, queue_path, qf, tmp_path, received_at, expected
):
    qf.write_queue(queue_path, [qf.make_record(1, received_at=received_at)])
    out = tmp_path / "hasil.csv"

    assert queue_cli("export", "--format", "csv", "--out", str(out)).exit_code == 0

    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[1][2] == expected


@pytest.mark.parametrize("received_at", ["2027-02-30T00:00:00Z", "=1+1", "2027-01-05 02:31"])
def test_csv_leaves_out_a_registration_with_an_invalid_time(
    queue_cli, queue_path, qf, tmp_path, received_at
):
    # These used to be exported with the raw text (neutralised: "'=1+1"). A typed registration
    # cannot hold them: the export leaves the record out and `katalog queue verify` names it.
    qf.write_queue(queue_path, [qf.make_record(1, received_at=received_at), qf.make_record(2)])
    out = tmp_path / "hasil.csv"

    result = queue_cli("export", "--format", "csv", "--out", str(out))

    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [row[1] for row in rows[1:]] == [qf.fake_id(2)]
    assert "=1+1" not in out.read_text(encoding="utf-8-sig")
    verify = queue_cli("verify")
    assert verify.exit_code != 0
    assert "baris 1: waktu daftar tidak sah" in verify.stdout + verify.stderr


@pytest.mark.parametrize(
    "moment",
    [
        "1900-01-01T00:00:00Z",
        "1963-12-31T16:29:59Z",  # 23.59.59 at UTC+7.30, the last second before WIB
        "1963-12-31T16:30:00Z",
        "1964-01-01T00:00:00Z",
        "2026-12-31T16:59:59Z",
        "2026-12-31T17:00:00Z",
        "2027-06-30T12:00:00Z",
    ],
)
def test_wib_naive_matches_the_time_zone_database(moment):
    expected = datetime.fromisoformat(moment).astimezone(WIB).replace(tzinfo=None)
    assert wib_naive(moment) == expected


text_or_junk = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["=1", "+62", "-", "@a", "\t", "\r", "\x00", "\x1fx", "sma", "L", "ya", ""]),
)
# Free text and codes as a typed registration may hold them (the store checks types, not
# vocabularies: a record written by hand or by an older release may have any text there).
answers = st.fixed_dictionaries(
    {
        key: text_or_junk
        for key in (
            "full_name", "gender", "village", "address", "education", "employment_status", "dtks",
        )
    }
    | {
        key: st.one_of(st.none(), text_or_junk)
        for key in ("email", "disability", "motivation")
    }
    | {
        "phone": st.one_of(
            text_or_junk, st.sampled_from(["+6281200000001", "+6591234567", "+62812"])
        ),
        "birth_date": st.dates().map(date.isoformat),
    }
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    applicant=answers,
    status=st.sampled_from(["registered", "waitlist"]),
    later=st.sampled_from([None, Status.INVITED, Status.WITHDRAWN]),
    received_at=st.sampled_from(
        ["2027-01-05T02:31:07Z", "1963-12-31T16:29:59Z", "9999-12-31T17:00:00Z"]
    ),
)
def test_fast_rows_equal_the_neutralised_reference_row(applicant, status, later, received_at):
    registration = registration_from(
        make_record(1, status=status, received_at=received_at, **applicant)
    )
    if later is not None:
        registration = registration.with_event(
            StatusEvent(
                registration.id, registration.run_id, 1, registration.status, later,
                registration.received_at, "Siti",
            )
        )  # fmt: skip
    rows = _Rows(None)

    expected = [neutralise(v) if isinstance(v, str) else v for v in row_values(registration, None)]

    assert rows.cells(registration) == expected
    assert rows.cells(registration) == expected  # again, from the label caches


def test_stats_latest_time_skips_later_looking_invalid_times(qf, tmp_path):
    # Lives here with the other speed-driven changes: collect() compares before it validates.
    times = [
        "2027-01-05T02:31:07Z",
        "2027-13-01T00:00:00Z",  # looks later, is no date
        "zzz",
        "2027-01-06T10:05:00Z",
        "2027-01-06T10:05:00",  # no Z
        None,
        "2027-01-02T00:00:00Z",
    ]
    queue_path = tmp_path / "queue.jsonl"
    qf.write_queue(
        queue_path,
        [qf.make_record(i, received_at=moment) for i, moment in enumerate(times, start=1)],
    )

    assert collect(JsonlStore(queue_path)).runs[qf.RUN_BOGA].last_received_at == (
        "2027-01-06T10:05:00Z"
    )
