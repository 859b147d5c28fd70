"""Mistakes a clerk made while editing courses/ by hand, found by trying them one by one.

Each case asserts the exact ``path:line:col: message`` lines the checker prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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


# -- values ----------------------------------------------------------------------------------

COURSE = f"{DIR}/tata-boga.yml"


def course_with(*changes: tuple[str, str]) -> str:
    text = COURSE_YML
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            [("- id: 2027-1", "- id: no")],
            f"{COURSE}:17:9: 'id' harus berupa teks, tetapi YAML membaca no sebagai ya/tidak "
            '(true/false). Apit nilainya dengan tanda kutip: "no".',
            id="run id no is a YAML 1.1 boolean",
        ),
        pytest.param(
            [("title: Tata Boga", "title: 2027")],
            f"{COURSE}:2:8: 'title' harus berupa teks, tetapi YAML membaca 2027 sebagai angka "
            'atau tanggal. Apit nilainya dengan tanda kutip: "2027".',
            id="number where text is expected",
        ),
        pytest.param(
            [("title: Tata Boga", "title:")],
            f"{COURSE}:2:7: 'title' belum diisi. Tulis nilainya setelah 'title:'.",
            id="required value left empty",
        ),
        pytest.param(
            [("title: Tata Boga", "title: Tata Boga\nfee:")],
            f"{COURSE}:3:5: 'fee' belum diisi. Tulis nilainya setelah 'fee:' atau hapus baris itu.",
            id="optional value left empty: the line may go",
        ),
        pytest.param(
            [("selection: interview", "selection: wawancara")],
            f"{COURSE}:14:12: 'wawancara' bukan pilihan untuk 'selection'. Maksud Anda "
            "'interview'? Pilihan yang boleh: 'interview', 'test', 'administration' atau "
            "'first-come'.",
            id="choice written in Indonesian",
        ),
        pytest.param(
            [("selection: interview", "selection: interview\nquota: 20")],
            f"{COURSE}:15:1: Kolom 'quota' tidak boleh di sini; tempatnya di setiap angkatan di "
            "bawah 'runs:'. Pindahkan baris ini ke sana dan samakan jorokannya.",
            id="run key at the course level",
        ),
        pytest.param(
            [("    quota: 20", "    quota: 20\n    max_age: 40")],
            f"{COURSE}:21:5: Kolom 'max_age' tidak boleh di sini; tempatnya di bawah "
            "'eligibility:'. Pindahkan baris ini ke sana dan samakan jorokannya.",
            id="eligibility key inside a run",
        ),
        pytest.param(
            [("    quota: 20", "    quota: 20\n    opens: 2026-11-16")],
            f"{COURSE}:21:5: Kolom 'opens' tidak boleh di sini; tempatnya di bawah "
            "'registration:' di setiap angkatan (runs). Pindahkan baris ini ke sana dan "
            "samakan jorokannya.",
            id="registration key directly in a run",
        ),
        pytest.param(
            [("start: 2027-02-01", "start: Senin, 1 Februari 2027")],
            f"{COURSE}:18:12: 'start' harus ditulis TTTT-BB-HH (tahun-bulan-hari): ubah "
            "Senin, 1 Februari 2027 menjadi 2027-02-01.",
            id="date written out in words",
        ),
        pytest.param(
            [("start: 2027-02-01", "start: 2027/2/1")],
            f"{COURSE}:18:12: 'start' harus ditulis TTTT-BB-HH (tahun-bulan-hari): ubah "
            "2027/2/1 menjadi 2027-02-01.",
            id="date with slashes",
        ),
        pytest.param(
            [("mode: offline", "mode: offline\nfee: gratis")],
            f"{COURSE}:9:6: 'fee' harus angka rupiah tanpa titik, tanpa 'Rp'; tulis 0 bila gratis.",
            id="fee written as gratis",
        ),
        pytest.param(
            [
                (
                    "registration: {opens: 2026-11-16, closes: 2027-01-22}",
                    "registration: [2026-11-16, 2027-01-22]",
                )
            ],
            f"{COURSE}:19:19: 'registration' harus berisi kolom-kolom di bawahnya (nama: nilai), "
            "bukan daftar.",
            id="list where a mapping is expected",
        ),
    ],
)
def test_value_mistakes(tmp_path: Path, changes: list[tuple[str, str]], expected: str) -> None:
    assert problems(tmp_path, course=course_with(*changes)) == [expected]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            [("start: 2027-02-01", "start: 2027-01-31")],
            f"{COURSE}:18:12: Tanggal mulai 2027-01-31 jatuh pada hari Minggu, bukan hari kerja. "
            "Mulailah pada hari kerja, misalnya 2027-02-01 (Senin, 1 Februari 2027).",
            id="run starts on a Sunday",
        ),
        pytest.param(
            [("start: 2027-02-01", "start: 2027-02-05")],
            f"{COURSE}:18:12: Tanggal mulai 2027-02-05 jatuh pada hari libur (Cuti Bersama Tahun "
            "Baru Imlek), bukan hari kerja. Mulailah pada hari kerja, misalnya 2027-02-08 "
            "(Senin, 8 Februari 2027).",
            id="run starts on cuti bersama",
        ),
        pytest.param(
            [("kejuruan: tata-boga", "kejuruan: pengelasan")],
            f"{COURSE}:3:11: Kejuruan 'pengelasan' tidak dikenal. Maksud Anda 'las'? "
            "Gunakan id dari courses/kejuruan.yml.",
            id="kejuruan written as its label",
        ),
        pytest.param(
            [("kejuruan: tata-boga", "kejuruan: Servis Elektronik")],
            f"{COURSE}:3:11: Kejuruan 'Servis Elektronik' tidak dikenal. Maksud Anda "
            "'elektronika'? Gunakan id dari courses/kejuruan.yml.",
            id="kejuruan label with capitals gets one message naming the id",
        ),
    ],
)
def test_rule_mistakes(tmp_path: Path, changes: list[tuple[str, str]], expected: str) -> None:
    assert problems(tmp_path, course=course_with(*changes)) == [expected]


def test_kecamatan_code_where_a_village_belongs(tmp_path: Path) -> None:
    center = CENTER_YML.replace('village: "3671011001"', 'village: "367101"')
    assert problems(tmp_path, center=center) == [
        f"{DIR}/center.yml:5:10: '367101' adalah kode wilayah Kecamatan Tangerang, Kota "
        "Tangerang, Banten, bukan kode kelurahan/desa. Tulis kode 10 angka kelurahan/desanya "
        "dalam tanda kutip; daftarnya ada di catalog/data/wilayah/banten_villages.csv."
    ]


def test_duplicate_kejuruan_is_reported_even_when_the_copy_is_incomplete(tmp_path: Path) -> None:
    courses = write_courses(tmp_path)
    kejuruan = courses / "kejuruan.yml"
    lines = kejuruan.read_text(encoding="utf-8").count("\n")
    kejuruan.write_text(
        kejuruan.read_text(encoding="utf-8") + "- id: las\n  label: Las\n", encoding="utf-8"
    )
    result = load_catalog(courses, today=TODAY, base=tmp_path)
    assert [p.format_text() for p in result.problems] == [
        f"courses/kejuruan.yml:{lines + 1}:3: Kolom 'description' wajib diisi. "
        "Tambahkan baris 'description: ...'.",
        f"courses/kejuruan.yml:{lines + 1}:7: Kejuruan 'las' sudah ditulis di isian ke-4. "
        "Hapus salah satunya atau beri id lain.",
    ]


def test_syntax_error_only_libyaml_refuses(tmp_path: Path) -> None:
    # The pure-Python parser reads this; libyaml does not. It used to crash the checker.
    course = course_with(("{opens: 2026-11-16", "{opens:, 2026-11-16"))
    assert problems(tmp_path, course=course) == [
        f"{COURSE}:19:25: Kesalahan penulisan YAML: Tanda ':' di tempat yang salah. Jika nilai "
        "berisi ':', apit dengan tanda kutip; di dalam {...} tulis 'nama: nilai' dipisah koma."
    ]


# -- contacts --------------------------------------------------------------------------------

NO_CONTACT = CENTER_YML.replace("contact: {email: blk@example.go.id}\n", "")
CONTACT_WARNING = (
    f"{DIR}/center.yml:1:1: peringatan: Tempat pelatihan ini belum punya kontak, jadi warga "
    "tidak tahu harus bertanya ke mana. Isi contact: dengan whatsapp, phone atau email resmi "
    "(atau contact: instansinya di agencies.yml); bila belum ada nomor yang pasti, tulis "
    "contact: note: ke mana warga bertanya."
)


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ("", [CONTACT_WARNING]),
        ("contact: {website: https://blk.example.go.id}\n", [CONTACT_WARNING]),  # no answer
        ("contact: {whatsapp: '081200000001'}\n", []),
        ("contact: {phone: '(021) 0000000'}\n", []),
        ("contact: {note: Tanyakan langsung di Kantor Kelurahan Sukarasa.}\n", []),
    ],
)
def test_a_center_nobody_can_ask_is_a_warning(
    tmp_path: Path, contact: str, expected: list[str]
) -> None:
    assert problems(tmp_path, center=NO_CONTACT + contact) == expected


def test_the_agency_office_contact_is_enough(tmp_path: Path) -> None:
    courses = write_courses(tmp_path, center=NO_CONTACT)
    agencies = courses / "agencies.yml"
    text = agencies.read_text(encoding="utf-8").replace(
        "  short_name: Disnaker Kota Tangerang\n",
        "  short_name: Disnaker Kota Tangerang\n  contact: {email: disnaker@example.go.id}\n",
    )
    agencies.write_text(text, encoding="utf-8")
    result = load_catalog(courses, today=TODAY, base=tmp_path)
    assert [p.format_text() for p in result.problems] == []
