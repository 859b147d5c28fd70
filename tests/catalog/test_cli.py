"""`katalog check` and `katalog schema` as a clerk and CI run them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from katalog.main import cli
from tests.sample_data import COURSE_YML, write_courses


@pytest.fixture
def in_tmp(tmp_path: Path):
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_clean_data_prints_one_line_summary(in_tmp: Path) -> None:
    write_courses(in_tmp)
    result = run("check", "courses", "--today", "2026-11-23")
    assert result.exit_code == 0
    assert result.output == "Data benar: 1 pusat pelatihan, 1 kursus, 1 angkatan.\n"


def test_errors_exit_1_with_every_problem(in_tmp: Path) -> None:
    course = COURSE_YML.replace("mode: offline", "mode: ofline").replace("quota: 20", "quota: 0")
    write_courses(in_tmp, course=course)
    result = run("check", "courses", "--today", "2026-11-23")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "courses/blk-contoh/tata-boga.yml:8:7",
        "courses/blk-contoh/tata-boga.yml:20:12",
    ]
    assert "2 kesalahan, 0 peringatan" in result.stderr
    assert "Traceback" not in result.output


def test_github_format_annotates_the_line(in_tmp: Path) -> None:
    write_courses(in_tmp, course=COURSE_YML.replace("quota: 20", "quota: 0"))
    result = run("check", "courses", "--format", "github", "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=courses/blk-contoh/tata-boga.yml,line=20,col=12::"
        "'quota' paling kecil 1; sekarang 0.\n"
    )


def test_warnings_fail_only_under_strict(in_tmp: Path) -> None:
    write_courses(in_tmp)
    # On 2027-06-01 the only run has finished and the review is older than 180 days.
    lenient = run("check", "courses", "--today", "2027-06-01")
    assert lenient.exit_code == 0
    assert lenient.stdout.endswith("1 angkatan, 2 peringatan.\n")
    strict = run("check", "courses", "--strict", "--today", "2027-06-01")
    assert strict.exit_code == 1
    assert (
        "courses/blk-contoh/tata-boga.yml:16:1: peringatan: Semua angkatan kursus ini sudah "
        "selesai. Tambahkan angkatan baru, atau hapus berkas ini jika kursusnya tidak dibuka lagi."
    ) in strict.stdout.splitlines()


def test_missing_folder_is_a_message_not_a_traceback(in_tmp: Path) -> None:
    result = run("check", "tidak-ada", "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.stdout == "tidak-ada:1:1: Folder data tidak ditemukan.\n"


def test_schema_rejects_unknown_keys(in_tmp: Path) -> None:
    result = run("schema", "--out", "schemas")
    assert result.exit_code == 0
    course = json.loads((in_tmp / "schemas" / "course.schema.json").read_text())
    assert course["additionalProperties"] is False
    assert "runs" in course["required"]
    names = sorted(p.name for p in (in_tmp / "schemas").iterdir())
    assert names == [
        "agencies.schema.json",
        "center.schema.json",
        "course.schema.json",
        "dataset.schema.json",
        "kejuruan.schema.json",
        "targets.schema.json",
    ]
