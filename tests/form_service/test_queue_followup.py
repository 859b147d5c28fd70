"""`katalog queue followup RUN [--month 3|6]`: who to ask, with a WhatsApp link (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registrations.jsonl import JsonlStore
from registrations.outcomes import FollowUp, followup_due
from registrations.status import Status
from registrations.store import Change
from tests.form_service.conftest import RUN_BOGA
from tests.form_service.selection_helpers import CLERK, message_of, move, queue_with


@pytest.fixture
def run_done(queue_path: Path) -> list[str]:
    """tata-boga 2027-1 (ends February 2027): 1 Lulus, 2 Bersertifikat, 3 Tidak lulus,
    4 Lulus with a 3-month answer, 5 still Diterima."""
    numbers = queue_with(queue_path, 5)
    training = (Status.ACCEPTED, Status.ATTENDING)
    move(
        queue_path,
        *[(n, s) for n in numbers[:4] for s in training],
        (numbers[4], Status.ACCEPTED),
        (numbers[0], Status.PASSED),
        (numbers[1], Status.PASSED),
        (numbers[1], Status.CERTIFIED),
        (numbers[2], Status.FAILED),
        (numbers[3], Status.PASSED),
    )
    JsonlStore(queue_path).record(
        [Change(numbers[3], None, CLERK, followup_month=3, followup=FollowUp.WORKING)]
    )
    return numbers


def test_due_after_three_months(queue_cli, run_done, monkeypatch, staff_catalog) -> None:
    monkeypatch.setenv("KATALOG_TODAY", "2027-06-01")
    result = queue_cli("followup", RUN_BOGA)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Tindak lanjut 3 bulan angkatan " + RUN_BOGA + " (selesai ")
    assert lines[0].endswith("2 dari 3 alumni belum dijawab.")
    assert lines[1] == "KP-0000-0000-0001  Contoh Pendaftar 1  0812-0000-0001"
    assert lines[3].startswith("KP-0000-0000-0002  Contoh Pendaftar 2")
    text = message_of(lines[2].split(": ", 1)[1])
    assert text.startswith(
        "Halo Contoh Pendaftar 1, 3 bulan lalu Anda menyelesaikan pelatihan Tata Boga untuk "
        "Usaha Rumahan (angkatan 2027-1), nomor pendaftaran KP-0000-0000-0001."
    )
    assert "1. Bekerja, 2. Berwirausaha (punya usaha sendiri), 3. Belum bekerja" in text
    assert "3671" not in text  # never a NIK
    assert lines[-1].startswith("Catat jawabannya: katalog queue set NOMOR --followup")


def test_six_months_by_default_once_due(queue_cli, run_done, monkeypatch) -> None:
    monkeypatch.setenv("KATALOG_TODAY", "2027-12-01")
    result = queue_cli("followup", RUN_BOGA)
    assert "3 dari 3 alumni belum dijawab." in result.stdout.splitlines()[0]
    assert "Tindak lanjut 6 bulan" in result.stdout
    three = queue_cli("followup", RUN_BOGA, "--month", "3")
    assert "2 dari 3 alumni belum dijawab." in three.stdout.splitlines()[0]


def test_not_due_yet_and_unknown_run(queue_cli, run_done, monkeypatch) -> None:
    monkeypatch.setenv("KATALOG_TODAY", "2027-04-01")
    result = queue_cli("followup", RUN_BOGA)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Gagal: tindak lanjut 3 bulan angkatan {RUN_BOGA} baru jatuh tempo "
    )
    unknown = queue_cli("followup", "contoh/tidak-ada/2027-1")
    assert unknown.exit_code == 1
    assert "tidak ada di katalog" in unknown.stderr


@pytest.mark.parametrize(
    ("end", "month", "due"),
    [
        ("2027-02-19", 3, "2027-05-19"),
        ("2027-08-31", 6, "2028-02-29"),
        ("2027-11-30", 3, "2028-02-29"),
    ],
)
def test_due_dates(end, month, due) -> None:
    from datetime import date

    assert followup_due(date.fromisoformat(end), month) == date.fromisoformat(due)
