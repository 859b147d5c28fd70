"""The optional selection day and re-registration deadline of a run (issue 12)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog.load import load_catalog
from tests.sample_data import COURSE_YML, TODAY, write_courses

FILE = "courses/blk-contoh/tata-boga.yml"


def problems(tmp_path: Path, extra_lines: str) -> list[str]:
    courses = write_courses(tmp_path, course=COURSE_YML + extra_lines)
    result = load_catalog(courses, today=TODAY, base=tmp_path)
    return [p.format_text() for p in result.problems]


def test_selection_day_and_deadline_are_read(tmp_path: Path) -> None:
    courses = write_courses(
        tmp_path,
        course=COURSE_YML
        + "    selection_day: {date: 2027-01-25, time: 08.00–12.00 WIB, place: Aula BLK}\n"
        + "    reregistration_deadline: 2027-01-29\n",
    )
    result = load_catalog(courses, today=TODAY, base=tmp_path)
    assert result.problems == []
    run = result.catalog.find_run("blk-contoh/tata-boga/2027-1").run
    assert run.selection_day.date == date(2027, 1, 25)
    assert run.selection_day.time == "08.00–12.00 WIB"
    assert run.selection_day.place == "Aula BLK"
    assert run.reregistration_deadline == date(2027, 1, 29)


def test_both_are_optional(tmp_path: Path) -> None:
    assert problems(tmp_path, "") == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "    selection_day: {date: 2027-01-25, tme: 08.00, place: Aula}\n",
            f"{FILE}:21:39: Kolom 'tme' tidak dikenal. Maksud Anda 'time'? Kolom yang boleh di "
            "sini: date, time, place.",
        ),
        (
            "    reregistration_deadline: 2027-01-2\n",
            f"{FILE}:21:30: 'reregistration_deadline' harus ditulis TTTT-BB-HH "
            "(tahun-bulan-hari): ubah 2027-01-2 menjadi 2027-01-02.",
        ),
        (
            "    selection_day: {date: 2027-02-01, place: Aula}\n",
            f"{FILE}:21:27: Tanggal seleksi 2027-02-01 tidak sebelum angkatan dimulai "
            "(2027-02-01). Seleksi harus selesai sebelum hari pertama kelas.",
        ),
        (
            "    selection_day: {date: 2026-01-25, place: Aula}\n",
            f"{FILE}:21:27: Tanggal seleksi 2026-01-25 sebelum pendaftaran dibuka "
            "(2026-11-16). Periksa tahunnya.",
        ),
        (
            "    reregistration_deadline: 2027-02-05\n",
            f"{FILE}:21:30: Batas daftar ulang 2027-02-05 tidak sebelum angkatan dimulai "
            "(2027-02-01). Daftar ulang harus selesai sebelum hari pertama kelas, agar kursi "
            "yang kosong masih bisa diberikan ke peserta cadangan.",
        ),
        (
            "    selection_day: {date: 2027-01-25, place: Aula}\n"
            "    reregistration_deadline: 2027-01-22\n",
            f"{FILE}:22:30: Batas daftar ulang 2027-01-22 sebelum tanggal seleksi (2027-01-25). "
            "Daftar ulang dilakukan setelah hasil seleksi diumumkan.",
        ),
    ],
)
def test_mistakes(tmp_path: Path, lines: str, expected: str) -> None:
    assert problems(tmp_path, lines) == [expected]
