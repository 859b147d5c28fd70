"""After the training, end to end (issue 13): export -> Hasil "Mengikuti pelatihan" -> import ->
export -> "Lulus" and Paket usaha -> import -> months later the follow-ups -> import; the same
file twice records nothing; every problem as FILE:Sheet!row. Over both stores: the PostgreSQL
case copies the same queue into a fresh database (`katalog queue migrate`) and points the
commands at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from registrations.outcomes import FollowUp
from registrations.status import Status
from registrations.store import open_store
from tests.form_service.conftest import RUN_BOGA
from tests.form_service.selection_helpers import (
    edit,
    export_run,
    move,
    queue_with,
    store_under_test,
)

SHEET = "tata-boga 2027-1"


@pytest.fixture(params=["jsonl", pytest.param("postgres", marks=pytest.mark.db)])
def location(request, queue_cli, queue_path: Path, monkeypatch) -> str:
    """Five accepted applicants of tata-boga 2027-1 (rows 2..6), in the store under test."""
    monkeypatch.setenv("KATALOG_STAFF_NAME", "Petugas Contoh")
    numbers = queue_with(queue_path, 5)
    move(queue_path, *[(n, Status.ACCEPTED) for n in numbers])
    return store_under_test(request, queue_cli, queue_path, monkeypatch)


def _get(location: str, number: str):
    store = open_store(location)
    try:
        return store.get(number)
    finally:
        store.close()


def test_attendance_completion_starter_package_and_followups(
    queue_cli, location, tmp_path, monkeypatch
) -> None:
    first = export_run(queue_cli, tmp_path / "hadir.xlsx", "--run", RUN_BOGA)
    edit(first, SHEET, {(r, "Hasil"): "Mengikuti pelatihan" for r in range(2, 7)})
    result = queue_cli("import", str(first))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Tercatat: 5 perubahan oleh Petugas Contoh (Mengikuti pelatihan 5); 0 baris tidak berubah."
    )

    second = export_run(queue_cli, tmp_path / "lulus.xlsx", "--run", RUN_BOGA)
    edit(
        second,
        SHEET,
        {
            (2, "Hasil"): "Lulus",
            (2, "Paket usaha"): "ya",
            (3, "Hasil"): "Lulus",
            (3, "Paket usaha"): "Ya",
            (4, "Hasil"): "Lulus",
            (5, "Hasil"): "Tidak lulus",
            (6, "Hasil"): "Lulus",
        },
    )
    result = queue_cli("import", str(second))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Tercatat: 5 perubahan oleh Petugas Contoh (Lulus 4, Tidak lulus 1, paket usaha 2); "
        "0 baris tidak berubah."
    )
    again = queue_cli("import", str(second))
    assert again.stdout == "Tidak ada perubahan: 5 baris sudah sesuai antrean.\n"
    passed = _get(location, "KP-0000-0000-0001")
    assert passed.status is Status.PASSED and passed.outcome.starter_package is True
    event = passed.events[-1]
    assert (event.from_status, event.to_status, event.starter_package) == (
        Status.ATTENDING,
        Status.PASSED,
        True,
    )

    # Too early: the run ends in February 2027; on 1 May the 3-month follow-up is due, not the 6.
    monkeypatch.setenv("KATALOG_TODAY", "2027-05-25")
    third = export_run(queue_cli, tmp_path / "tindak-lanjut.xlsx", "--run", RUN_BOGA)
    edit(
        third,
        SHEET,
        {
            (2, "Tindak lanjut 3 bulan"): "Berwirausaha",
            (2, "Tindak lanjut 6 bulan"): "Bekerja",
            (3, "Tindak lanjut 3 bulan"): "kerja",
            (3, "Paket usaha"): "mungkin",
            (5, "Tindak lanjut 3 bulan"): "Belum bekerja",
        },
    )
    refused = queue_cli("import", str(third))
    assert refused.exit_code == 1
    problems = refused.stderr.splitlines()[:-1]
    label = f"{third}:{SHEET}"
    assert problems[0].startswith(
        f"{label}!2: KP-0000-0000-0001: Tindak lanjut 6 bulan: tindak lanjut 6 bulan baru bisa "
        "dicatat mulai "
    )
    assert problems[1:] == [
        f"{label}!3: Paket usaha “mungkin” tidak dikenal. Pilih “ya” (menerima paket usaha) "
        "atau “tidak” (membatalkan), atau kosongkan (tidak berubah).",
        f"{label}!3: Tindak lanjut 3 bulan “kerja” tidak dikenal. Maksud Anda “Bekerja”? "
        "Pilih dari daftar di sel itu: “Bekerja”, “Berwirausaha”, “Belum bekerja”, “Tidak "
        "dapat dihubungi”.",
        f"{label}!5: KP-0000-0000-0004: Tindak lanjut 3 bulan: tindak lanjut hanya untuk "
        "peserta yang “Lulus” atau “Bersertifikat”, bukan “Tidak lulus”.",
    ]
    assert _get(location, "KP-0000-0000-0001").outcome.followups == ()

    monkeypatch.setenv("KATALOG_TODAY", "2027-09-01")
    edit(
        third,
        SHEET,
        {(3, "Tindak lanjut 3 bulan"): "Tidak dapat dihubungi", (3, "Paket usaha"): "tidak",
         (5, "Tindak lanjut 3 bulan"): None},
    )  # fmt: skip
    result = queue_cli("import", str(third))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Tercatat: 3 perubahan oleh Petugas Contoh (paket usaha 1, tindak lanjut 3 bulan 2, "
        "tindak lanjut 6 bulan 1); 3 baris tidak berubah."
    )
    assert queue_cli("import", str(third)).stdout.startswith("Tidak ada perubahan")
    one = _get(location, "KP-0000-0000-0001")
    assert one.outcome.followups == ((3, FollowUp.SELF_EMPLOYED), (6, FollowUp.WORKING))
    assert [(e.from_status, e.to_status) for e in one.events[-2:]] == [
        (Status.PASSED, Status.PASSED)
    ] * 2
    two = _get(location, "KP-0000-0000-0002")
    assert two.outcome.starter_package is False
    assert two.outcome.followup(3) is FollowUp.UNREACHABLE

    # the next export shows what was recorded
    fourth = export_run(queue_cli, tmp_path / "lagi.xlsx", "--run", RUN_BOGA)
    import openpyxl

    ws = openpyxl.load_workbook(fourth)[SHEET]
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    cells = {h: row[header.index(h)] for h in header}
    assert (cells["Hasil"], cells["Paket usaha"]) == ("Lulus", "ya")
    assert (cells["Tindak lanjut 3 bulan"], cells["Tindak lanjut 6 bulan"]) == (
        "Berwirausaha",
        "Bekerja",
    )
