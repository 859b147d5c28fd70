"""`katalog queue show` and `katalog queue purge`."""

from __future__ import annotations

import multiprocessing
import stat
import time
from datetime import date

import pytest

from form_service.staff.purge import add_months
from registrations.jsonl import JsonlStore as JsonlQueue
from registrations.records import dump_line as dump_record
from registrations.records import registration_from

FORK = multiprocessing.get_context("fork")

# --- show --------------------------------------------------------------------------------------


def test_show_one_registration_for_a_phone_call(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1), qf.make_record(2, status="waitlist")])
    wanted = qf.fake_id(2)  # KP-0000-0000-0002

    result = queue_cli("show", "kp 0000 oooo 0002")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Pendaftaran {wanted}",
        "  Waktu daftar        Selasa, 5 Januari 2027 pukul 09.31 WIB",
        "  Status              Daftar tunggu",
        "  Angkatan            Tata Boga untuk Usaha Rumahan — angkatan 2027-1",
        f"                      ({qf.RUN_BOGA})",
        "  Nama lengkap        Contoh Pendaftar 2",
        f"  NIK                 {qf.fake_nik(2)}",
        "  Tanggal lahir       Senin, 1 Januari 1990",
        "  Jenis kelamin       Laki-laki",
        "  No. WhatsApp        0812-0000-0002",
        "  Email               contoh2@example.org",
        "  Kelurahan/desa      Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten",
        "  Alamat              Jl. Contoh No. 2",
        "  Pendidikan          SMA/SMK/sederajat",
        "  Status pekerjaan    Belum bekerja",
        "  DTKS/DTSEN          Tidak tahu",
        "  Disabilitas         -",
        "  Motivasi            Ingin membuka usaha.",
        "  Persetujuan         versi 2026-11-01, Selasa, 5 Januari 2027 pukul 09.31 WIB",
        "  Nama di pengumuman  tidak (hanya nomor)",
    ]


def test_show_the_status_history_and_consent_to_publish_the_name(queue_cli, queue_path, qf):
    from datetime import UTC, datetime

    from registrations.status import Status
    from registrations.store import Change

    record = qf.make_record(1)
    record = {**record, "v": 2, "consent": {**record["consent"], "publish_name": True}}
    qf.write_queue(queue_path, [record])
    store = JsonlQueue(queue_path)
    store.record(
        [Change(qf.fake_id(1), Status.INVITED, by="Siti", note="seleksi 25 Januari")],
        now=datetime(2027, 1, 20, 3, tzinfo=UTC),
    )
    store.record(
        [Change(qf.fake_id(1), Status.RESERVE, by="Budi", rank=2)],
        now=datetime(2027, 1, 26, 8, 15, tzinfo=UTC),
    )

    result = queue_cli("show", qf.fake_id(1))

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "  Status              Cadangan (urutan 2)" in lines
    assert "  Nama di pengumuman  boleh (disamarkan)" in lines
    assert lines[lines.index("  Riwayat status:") :] == [
        "  Riwayat status:",
        "    Rabu, 20 Januari 2027 pukul 10.00 WIB: Terdaftar -> Diundang seleksi, oleh Siti; "
        "catatan: seleksi 25 Januari",
        "    Selasa, 26 Januari 2027 pukul 15.15 WIB: Diundang seleksi -> Cadangan, oleh Budi "
        "(urutan cadangan 2)",
    ]


def test_show_without_events_has_no_history_block(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)])
    assert "Riwayat status" not in queue_cli("show", qf.fake_id(1)).stdout


def test_show_unknown_number(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)])

    result = queue_cli("show", "KP-ZZZZ-ZZZZ-ZZZZ")

    assert result.exit_code == 1
    assert result.stderr == (
        f"Gagal: nomor pendaftaran KP-ZZZZ-ZZZZ-ZZZZ tidak ada di antrean {queue_path}.\n"
    )


# --- purge -------------------------------------------------------------------------------------


# Told before removing registrations the privacy notice still promises to keep (their run
# ended less than 6 months ago, or has not ended: "today" is 2027-01-20 in these tests).
EARLY = (
    "Perhatian: {n} di antaranya dari angkatan yang masa simpannya belum habis (belum 6 bulan "
    "sejak angkatannya selesai).\n"
)


def _records(qf):
    return [
        qf.make_record(1, received_at="2026-12-31T16:59:59Z"),  # 23.59 WIB on 31 Dec
        qf.make_record(2, received_at="2026-12-31T17:00:00Z"),  # 00.00 WIB on 1 Jan
        qf.make_record(3, qf.RUN_MENJAHIT, received_at="2026-06-01T00:00:00Z"),
        qf.make_record(4, qf.RUN_BOGA_2, received_at="2027-02-01T00:00:00Z"),
    ]


def ids_in(queue_path):
    return [line.record["id"] for line in JsonlQueue(queue_path).lines() if line.record]


def test_purge_before_a_wib_date(queue_cli, queue_path, qf):
    records = _records(qf)
    qf.write_queue(queue_path, records)

    result = queue_cli("purge", "--before", "2027-01-01", "--yes")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Dihapus: 2 pendaftaran. Tetap disimpan: 2.",
        "Ingat: hapus juga berkas ekspor dan cadangan lama yang berisi data ini.",
    ]
    assert queue_path.read_bytes() == dump_record(records[1]) + dump_record(records[3])
    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600


def test_purge_a_run_after_confirmation(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))

    result = queue_cli("purge", "--run", qf.RUN_BOGA, input="ya\n")

    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"Hapus 2 pendaftaran angkatan {qf.RUN_BOGA} dari {queue_path}? Ketik ya untuk menghapus: "
        "Dihapus: 2 pendaftaran. Tetap disimpan: 2.\n"
    )
    assert ids_in(queue_path) == [qf.fake_id(3), qf.fake_id(4)]


def test_purge_run_and_date_together_must_both_match(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))

    result = queue_cli("purge", "--run", qf.RUN_BOGA, "--before", "2027-01-01", "--yes")

    assert result.stdout.splitlines()[0] == "Dihapus: 1 pendaftaran. Tetap disimpan: 3."
    assert ids_in(queue_path) == [qf.fake_id(2), qf.fake_id(3), qf.fake_id(4)]


def test_purge_refused_at_the_prompt_changes_nothing(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))
    before = queue_path.read_bytes()

    result = queue_cli("purge", "--run", qf.RUN_BOGA, input="n\n")

    assert result.exit_code == 1
    assert result.stderr == EARLY.format(n=2) + "Gagal: dibatalkan, tidak ada yang dihapus.\n"
    assert queue_path.read_bytes() == before


def test_purge_without_anyone_to_answer_asks_for_yes(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))
    before = queue_path.read_bytes()

    result = queue_cli("purge", "--run", qf.RUN_BOGA)  # stdin closed, as in CI

    assert result.exit_code == 1
    assert result.stderr == EARLY.format(n=2) + (
        "Gagal: tidak ada yang menjawab konfirmasi (input tertutup). Jalankan lagi dengan --yes "
        "bila sudah yakin, atau coba dulu dengan --dry-run.\n"
    )
    assert queue_path.read_bytes() == before


def test_purge_dry_run(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))
    before = queue_path.read_bytes()

    result = queue_cli("purge", "--before", "2027-01-01", "--dry-run")

    assert result.exit_code == 0
    assert result.stdout == (
        "Uji coba: 2 pendaftaran yang masuk sebelum Jumat, 1 Januari 2027 akan dihapus, "
        "2 tetap disimpan. Berkas tidak diubah.\n"
    )
    assert queue_path.read_bytes() == before


def test_purge_keeps_damaged_lines_and_says_so(queue_cli, queue_path, qf):
    records = _records(qf)
    qf.write_queue(queue_path, records, tail=b"\xff rusak\n" + dump_record(records[0])[:20])

    result = queue_cli("purge", "--run", qf.RUN_MENJAHIT, "--yes")

    assert result.exit_code == 0
    assert result.stderr == EARLY.format(n=1) + (
        "2 baris rusak disimpan apa adanya. Periksa dengan: katalog queue verify\n"
    )
    assert queue_path.read_bytes() == (
        dump_record(records[0])
        + dump_record(records[1])
        + dump_record(records[3])
        + b"\xff rusak\n"
        + dump_record(records[0])[:20]
        + b"\n"
    )


def test_purge_needs_a_condition_and_a_queue(queue_cli, queue_path, qf):
    result = queue_cli("purge", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        "Gagal: sebutkan apa yang dihapus: --expired, --before TTTT-BB-HH, --run ID atau --id "
        "NOMOR.\n"
    )

    result = queue_cli("purge", "--run", qf.RUN_BOGA, "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith("Gagal: berkas antrean tidak ditemukan:")
    assert not queue_path.parent.exists()


def test_nothing_to_purge(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))

    result = queue_cli("purge", "--before", "2020-01-01")

    assert result.exit_code == 0
    assert result.stdout == (
        "Tidak ada pendaftaran yang masuk sebelum Rabu, 1 Januari 2020. Berkas tidak diubah.\n"
    )


def _keep_registering(path, records):
    store = JsonlQueue(path)

    def decide(snapshot, record):
        time.sleep(0.002)  # spread the registrations over the purges
        return registration_from(record)

    for record in records:
        store.add(lambda snapshot, record=record: decide(snapshot, record))


def test_purge_while_registrations_arrive_loses_nothing(queue_cli, queue_path, qf):
    old = [qf.make_record(i, received_at="2026-01-01T00:00:00Z") for i in range(1000, 1100)]
    qf.write_queue(queue_path, old)
    new = [qf.make_record(i, received_at="2027-01-10T00:00:00Z") for i in range(1, 101)]
    writer = FORK.Process(target=_keep_registering, args=(queue_path, new))
    writer.start()
    runs = 0
    while writer.is_alive() or runs == 0:
        assert queue_cli("purge", "--before", "2027-01-01", "--yes").exit_code == 0
        runs += 1
    writer.join(timeout=60)

    assert sorted(ids_in(queue_path)) == sorted(r["id"] for r in new)
    assert runs > 1


def test_purge_expired_removes_what_the_privacy_notice_no_longer_keeps(
    queue_cli, queue_path, qf, monkeypatch
):
    records = [
        qf.make_record(1),  # tata boga 2027-1: ends 2027-02-22, kept until 2027-08-22
        qf.make_record(2, qf.RUN_MENJAHIT),  # ends in March 2027: kept until September
        qf.make_record(3, "pusat-lama/kursus-lama/2020-1"),  # not in the catalog: kept
        qf.make_record(4, qf.RUN_BOGA_2),
    ]
    qf.write_queue(queue_path, records)
    monkeypatch.setenv("KATALOG_TODAY", "2027-09-01")

    later = queue_cli("purge", "--expired", "--dry-run")
    assert later.stdout.splitlines()[0] == (
        "Uji coba: 1 pendaftaran dari angkatan yang selesai lebih dari 6 bulan lalu akan "
        "dihapus, 3 tetap disimpan. Berkas tidak diubah."
    )
    monkeypatch.setenv("KATALOG_RETENTION_MONTHS", "12")
    longer = queue_cli("purge", "--expired", "--yes")
    assert longer.stdout == (
        "Tidak ada pendaftaran dari angkatan yang selesai lebih dari 12 bulan lalu. "
        "Berkas tidak diubah.\n"
    )
    monkeypatch.delenv("KATALOG_RETENTION_MONTHS")

    result = queue_cli("purge", "--expired", "--yes")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Dihapus: 1 pendaftaran. Tetap disimpan: 3."
    assert result.stderr == ""  # nothing removed that the notice still promises to keep
    assert ids_in(queue_path) == [qf.fake_id(2), qf.fake_id(3), qf.fake_id(4)]


def test_purge_one_registration_on_the_applicants_request(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, _records(qf))

    result = queue_cli("purge", "--id", "kp 0000 oooo 0002", "--yes")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Dihapus: 1 pendaftaran. Tetap disimpan: 3."
    assert result.stderr == EARLY.format(n=1)
    assert ids_in(queue_path) == [qf.fake_id(1), qf.fake_id(3), qf.fake_id(4)]

    again = queue_cli("purge", "--id", qf.fake_id(2), "--yes")
    assert again.exit_code == 1
    assert again.stderr == (
        f"Gagal: nomor pendaftaran {qf.fake_id(2)} tidak ada di antrean {queue_path}.\n"
    )


def test_retention_months_must_be_a_whole_number(queue_cli, queue_path, qf, monkeypatch):
    qf.write_queue(queue_path, _records(qf))
    monkeypatch.setenv("KATALOG_RETENTION_MONTHS", "enam")
    result = queue_cli("purge", "--expired", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        "Gagal: KATALOG_RETENTION_MONTHS harus bilangan bulat 0 atau lebih, bukan 'enam'\n"
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 2, 22), 6, date(2027, 8, 22)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap year's last day of February
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 3, 1), 0, date(2027, 3, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
