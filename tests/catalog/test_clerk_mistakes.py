"""Mistakes a clerk made while editing courses/ by hand, found by trying them one by one.

Each case asserts the exact ``path:line:col: message`` lines the checker prints.
"""

from __future__ import annotations

from pathlib import Path

from catalog.load import load_catalog
from tests.sample_data import CENTER_YML, COURSE_YML, TODAY, write_courses

DIR = "courses/blk-contoh"


def problems(tmp_path: Path, *, remove: tuple[str, ...] = (), **kwargs) -> list[str]:
    courses = write_courses(tmp_path, **kwargs)
    for rel in remove:
        (courses / rel).unlink()
    result = load_catalog(courses, today=TODAY, base=tmp_path)
    return [p.format_text() for p in result.problems]


# -- file and folder names -------------------------------------------------------------------


def test_same_course_as_yml_and_yaml(tmp_path: Path) -> None:
    assert problems(tmp_path, extra={"blk-contoh/tata-boga.yaml": COURSE_YML}) == [
        f"{DIR}/tata-boga.yaml:1:1: Kursus 'tata-boga' sudah ada di berkas tata-boga.yml. "
        "Hapus salah satu dari kedua berkas itu."
    ]


def test_course_file_with_yaml_extension(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        extra={"blk-contoh/tata-boga.yaml": COURSE_YML},
        remove=("blk-contoh/tata-boga.yml",),
    )
    assert found == [
        f"{DIR}/tata-boga.yaml:1:1: Nama berkas kursus harus berakhiran .yml. "
        "Ganti nama berkas ini menjadi tata-boga.yml."
    ]


def test_center_file_named_center_yaml(tmp_path: Path) -> None:
    found = problems(
        tmp_path, extra={"blk-contoh/center.yaml": CENTER_YML}, remove=("blk-contoh/center.yml",)
    )
    assert found == [
        f"{DIR}/center.yaml:1:1: Berkas pusat pelatihan harus bernama center.yml (huruf kecil, "
        "akhiran .yml). Ganti nama berkas ini menjadi center.yml."
    ]


def test_course_file_name_in_capitals_and_spaces(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        extra={"blk-contoh/Tata Boga.yml": COURSE_YML},
        remove=("blk-contoh/tata-boga.yml",),
    )
    assert found == [
        f"{DIR}/Tata Boga.yml:1:1: Nama berkas 'Tata Boga.yml' hanya boleh berisi huruf kecil, "
        "angka dan tanda '-', tanpa spasi. Ganti nama berkas menjadi 'tata-boga.yml'."
    ]


def test_center_folder_name_in_capitals(tmp_path: Path) -> None:
    found = problems(tmp_path, extra={"BLK Baru/center.yml": CENTER_YML})
    assert found == [
        "courses/BLK Baru/center.yml:1:1: Nama folder 'BLK Baru' hanya boleh berisi huruf kecil, "
        "angka dan tanda '-', tanpa spasi. Ganti nama folder menjadi 'blk-baru'.",
        "courses/BLK Baru/center.yml:1:5: id 'blk-contoh' harus sama dengan nama foldernya "
        "'blk-baru'. Ubah id menjadi 'blk-baru' atau ganti nama foldernya.",
    ]
