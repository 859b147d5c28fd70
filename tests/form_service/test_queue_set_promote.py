"""`katalog queue set NUMBER STATUS` and `katalog queue promote RUN` (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registrations.jsonl import JsonlStore
from registrations.status import Status
from tests.form_service.conftest import RUN_BOGA, RUN_BOGA_2, fake_id
from tests.form_service.selection_helpers import message_of, move, queue_with, status_of


@pytest.fixture
def numbers(queue_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("KATALOG_STAFF_NAME", "Petugas Contoh")
    return queue_with(queue_path, 4)


# -- set ---------------------------------------------------------------------------------------


def test_set_records_and_prints_the_link(queue_cli, queue_path, numbers) -> None:
    result = queue_cli("set", "kp00000000-0001", "tidak DITERIMA", "--reason", "Berkas kurang")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Tercatat: KP-0000-0000-0001 “Terdaftar” → “Tidak diterima” oleh Petugas Contoh."
    )
    assert lines[1].startswith("Kirim WhatsApp: https://wa.me/6281200000001?text=")
    assert "Alasan: Berkas kurang." in message_of(lines[1].split(": ", 1)[1])
    event = JsonlStore(queue_path).get(numbers[0]).events[-1]
    assert (event.to_status, event.reason, event.by) == (
        Status.REJECTED,
        "Berkas kurang",
        "Petugas Contoh",
    )


def test_set_invitation_with_selection_day(queue_cli, numbers) -> None:
    result = queue_cli(
        "set",
        numbers[0],
        "invited",
        "--selection-date",
        "2027-01-25",
        "--selection-place",
        "Aula Contoh",
        "--by",
        "Siti",
    )
    assert result.exit_code == 0, result.output
    link = result.stdout.splitlines()[1].split(": ", 1)[1]
    assert "seleksi (wawancara) pada Senin, 25 Januari 2027, di Aula Contoh." in message_of(link)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("KP-0000-0000-0001", "Diterma"),
            'Gagal: status “Diterma” tidak dikenal. Tulis salah satu: "Terdaftar", "Daftar '
            'tunggu", "Diundang seleksi", "Diterima", "Cadangan", "Tidak diterima", '
            '"Mengundurkan diri", "Mengikuti pelatihan", "Lulus", "Tidak lulus", '
            '"Bersertifikat" (huruf besar atau kecil sama saja; kata yang berspasi diberi '
            "tanda kutip).",
        ),
        (
            ("KP-0000-0000-0001", "Cadangan"),
            'Gagal: status "Cadangan" perlu --rank N: urutan cadangan, 1 untuk cadangan pertama.',
        ),
        (
            ("KP-0000-0000-0001", "Diterima", "--rank", "1"),
            'Gagal: --rank hanya untuk status "Cadangan". Hapus --rank.',
        ),
        (
            ("KP-0000-0000-0001", "Tidak diterima"),
            'Gagal: status "Tidak diterima" perlu alasan: tambahkan --reason "..." (pendaftar '
            "membaca alasan ini).",
        ),
        (
            ("KP-0000-0000-0002", "Lulus"),
            "Gagal: KP-0000-0000-0002: status “Terdaftar” tidak bisa langsung diubah menjadi "
            "“Lulus”; dari status ini yang boleh: “Diundang seleksi”, “Diterima”, “Cadangan”, "
            "“Tidak diterima”, “Mengundurkan diri”.",
        ),
        (
            ("KP-0000-0000-0003", "Cadangan", "--rank", "1"),
            "Gagal: urutan cadangan 1 sudah dipakai KP-0000-0000-0004 di angkatan ini. Pilih "
            "urutan lain.",
        ),
    ],
)
def test_set_refusals(queue_cli, queue_path, numbers, args, message) -> None:
    move(queue_path, (numbers[3], Status.RESERVE, None, 1))
    result = queue_cli("set", *args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]


def test_set_unknown_number_and_no_change(queue_cli, queue_path, numbers) -> None:
    result = queue_cli("set", "KP-ZZZZ-ZZZZ-ZZZZ", "Diterima")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Gagal: nomor pendaftaran KP-ZZZZ-ZZZZ-ZZZZ tidak ada di antrean {queue_path}.\n"
    )
    same = queue_cli("set", numbers[0], "registered")
    assert same.exit_code == 0
    assert same.stdout == "Tidak ada perubahan: KP-0000-0000-0001 sudah berstatus “Terdaftar”.\n"


# -- promote -----------------------------------------------------------------------------------


@pytest.fixture
def full_run(queue_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """tata-boga 2027-2 (quota 10): 10 accepted, reserves 1..3, one reserve without rank."""
    monkeypatch.setenv("KATALOG_STAFF_NAME", "Petugas Contoh")
    numbers = queue_with(queue_path, 14, RUN_BOGA_2)
    move(
        queue_path,
        *[(n, Status.ACCEPTED) for n in numbers[:10]],
        (numbers[10], Status.RESERVE, None, 2),
        (numbers[11], Status.RESERVE, None, 1),
        (numbers[12], Status.RESERVE, None, 3),
        (numbers[13], Status.RESERVE),  # no rank (recorded by another tool): never offered
    )
    return numbers


def test_no_free_seat_no_change(queue_cli, queue_path, full_run) -> None:
    before = queue_path.read_bytes()
    result = queue_cli("promote", RUN_BOGA_2, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Angkatan {RUN_BOGA_2}: 10 dari 10 kursi terisi.",
        "Tidak ada kursi kosong. Tidak ada yang diubah.",
    ]
    assert queue_path.read_bytes() == before


def test_withdrawals_go_to_reserves_by_rank(queue_cli, queue_path, full_run) -> None:
    move(
        queue_path,
        (full_run[0], Status.WITHDRAWN, "Sudah bekerja"),
        (full_run[1], Status.WITHDRAWN, "Tidak daftar ulang"),
    )
    result = queue_cli("promote", RUN_BOGA_2, "--by", "Siti", input="ya\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        f"Angkatan {RUN_BOGA_2}: 8 dari 10 kursi terisi.",
        "2 kursi kosong ditawarkan ke cadangan:",
        f"  cadangan 1: {fake_id(12)} Contoh Pendaftar 12",
        f"  cadangan 2: {fake_id(11)} Contoh Pendaftar 11",
        "Terima 2 cadangan ini? Ketik ya untuk mencatat: Tercatat: 2 cadangan diterima oleh Siti.",
    ]
    assert lines[5] == f"{fake_id(12)} (cadangan 1):"
    assert "Anda diterima sebagai peserta" in message_of(lines[6].split(": ", 1)[1])
    assert status_of(queue_path, full_run[11]) == (Status.ACCEPTED, None)
    assert status_of(queue_path, full_run[10]) == (Status.ACCEPTED, None)
    assert status_of(queue_path, full_run[12]) == (Status.RESERVE, 3)
    event = JsonlStore(queue_path).get(full_run[11]).events[-1]
    assert (event.by, event.note) == ("Siti", "Naik dari cadangan nomor 1")
    assert result.stderr.splitlines() == [
        "Peringatan: 1 cadangan belum punya urutan dan tidak ditawari kursi. Beri urutan "
        'dengan: katalog queue set NOMOR "Cadangan" --rank N'
    ]
    # the quota holds: nothing more to give
    again = queue_cli("promote", RUN_BOGA_2, "--yes")
    assert again.stdout.splitlines()[-1] == "Tidak ada kursi kosong. Tidak ada yang diubah."


def test_promote_can_be_cancelled(queue_cli, queue_path, full_run) -> None:
    move(queue_path, (full_run[0], Status.WITHDRAWN))
    before = queue_path.read_bytes()
    result = queue_cli("promote", RUN_BOGA_2, input="tidak\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Gagal: dibatalkan, tidak ada yang diubah."
    assert queue_path.read_bytes() == before


def test_promote_unknown_run(queue_cli, full_run) -> None:
    result = queue_cli("promote", "blk-x/las/2027-1", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        "Gagal: angkatan blk-x/las/2027-1 tidak ada di katalog, jadi kuotanya tidak diketahui. "
        "Tulis id lengkap seperti disnaker-kota-tangerang/tata-boga/2027-1.\n"
    )


def test_free_seats_without_reserves(queue_cli, queue_path, numbers) -> None:
    result = queue_cli("promote", RUN_BOGA, "--yes")
    assert result.stdout.splitlines() == [
        f"Angkatan {RUN_BOGA}: 0 dari 20 kursi terisi.",
        "Ada 20 kursi kosong, tetapi tidak ada peserta cadangan. Tidak ada yang diubah.",
    ]


# -- set: starter package and follow-ups (issue 13) ---------------------------------------------


@pytest.fixture
def alumni(queue_path: Path, numbers: list[str]) -> list[str]:
    """numbers[0] Lulus, numbers[1] Mengikuti pelatihan (tata-boga 2027-1, ends February 2027)."""
    move(queue_path, *[(numbers[0], s) for s in (Status.ACCEPTED, Status.ATTENDING, Status.PASSED)])
    move(queue_path, *[(numbers[1], s) for s in (Status.ACCEPTED, Status.ATTENDING)])
    return numbers


def test_set_starter_package_and_followup(queue_cli, queue_path, alumni, monkeypatch) -> None:
    monkeypatch.setenv("KATALOG_TODAY", "2027-09-01")
    given = queue_cli("set", alumni[0], "--starter-package", "--note", "Peringkat 1")
    assert given.exit_code == 0, given.output
    assert given.stdout == (
        "Tercatat: KP-0000-0000-0001 paket usaha diberikan oleh Petugas Contoh.\n"
    )
    answered = queue_cli("set", alumni[0], "--followup", "berwirausaha", "--month", "6")
    assert answered.exit_code == 0, answered.output
    assert answered.stdout == (
        "Tercatat: KP-0000-0000-0001 tindak lanjut 6 bulan “Berwirausaha” oleh Petugas Contoh.\n"
    )
    again = queue_cli("set", alumni[0], "--followup", "Berwirausaha", "--month", "6")
    assert again.stdout == (
        "Tidak ada perubahan: KP-0000-0000-0001 sudah tindak lanjut 6 bulan “Berwirausaha”.\n"
    )
    both = queue_cli("set", alumni[0], "Bersertifikat", "--followup", "Bekerja", "--month", "3")
    assert both.exit_code == 0, both.output
    assert both.stdout.splitlines()[0] == (
        "Tercatat: KP-0000-0000-0001 “Lulus” → “Bersertifikat”; tindak lanjut 3 bulan "
        "“Bekerja” oleh Petugas Contoh."
    )
    registration = JsonlStore(queue_path).get(alumni[0])
    assert registration.status is Status.CERTIFIED
    outcome = registration.outcome
    assert outcome.starter_package is True
    assert [(m, a.label) for m, a in outcome.followups] == [(3, "Bekerja"), (6, "Berwirausaha")]
    assert [(e.from_status, e.to_status) for e in registration.events[-3:]] == [
        (Status.PASSED, Status.PASSED),
        (Status.PASSED, Status.PASSED),
        (Status.PASSED, Status.CERTIFIED),
    ]
    assert registration.events[-3].note == "Peringkat 1"


@pytest.mark.parametrize(
    ("today", "args", "message"),
    [
        (
            "2027-09-01",
            ("KP-0000-0000-0002", "--starter-package"),
            "Gagal: KP-0000-0000-0002: paket usaha hanya untuk peserta yang “Lulus” atau "
            "“Bersertifikat”, bukan “Mengikuti pelatihan”. Catat dulu hasil pelatihannya.",
        ),
        (
            "2027-09-01",
            ("KP-0000-0000-0002", "--followup", "Bekerja", "--month", "3"),
            "Gagal: KP-0000-0000-0002: tindak lanjut hanya untuk peserta yang “Lulus” atau "
            "“Bersertifikat”, bukan “Mengikuti pelatihan”.",
        ),
        (
            "2027-05-01",
            ("KP-0000-0000-0001", "--followup", "Bekerja", "--month", "6"),
            "Gagal: KP-0000-0000-0001: tindak lanjut 6 bulan baru bisa dicatat mulai ",
        ),
        (
            "2027-09-01",
            ("KP-0000-0000-0001", "--followup", "kerja", "--month", "6"),
            "Gagal: jawaban tindak lanjut “kerja” tidak dikenal. Maksud Anda “Bekerja”? Tulis "
            "salah satu: “Bekerja”, “Berwirausaha”, “Belum bekerja”, “Tidak dapat dihubungi” "
            "(kata yang berspasi diberi tanda kutip).",
        ),
        (
            "2027-09-01",
            ("KP-0000-0000-0001", "--followup", "Bekerja"),
            "Gagal: --followup dan --month dipakai bersama, misalnya: --followup Bekerja --month 3.",
        ),
        (
            "2027-09-01",
            ("KP-0000-0000-0001",),
            'Gagal: tulis STATUS yang baru (misalnya "Lulus"), atau --starter-package, atau '
            "--followup JAWABAN --month 3|6.",
        ),
    ],
)
def test_set_outcome_refusals(queue_cli, queue_path, alumni, monkeypatch, today, args, message):
    monkeypatch.setenv("KATALOG_TODAY", today)
    before = queue_path.read_bytes()
    result = queue_cli("set", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert queue_path.read_bytes() == before
