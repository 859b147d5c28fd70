"""Broken data a clerk could plausibly write: each case names the exact line and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.load import load_catalog
from tests.sample_data import CENTER_YML, COURSE_YML, TODAY, write_courses

COURSE = "courses/blk-contoh/tata-boga.yml"
CENTER = "courses/blk-contoh/center.yml"


def problems_for(tmp_path: Path, **kwargs) -> list[str]:
    write_courses(tmp_path, **kwargs)
    result = load_catalog(tmp_path / "courses", today=TODAY, base=tmp_path)
    return [p.format_text() for p in result.problems]


def course_with(old: str, new: str) -> str:
    assert old in COURSE_YML, old
    return COURSE_YML.replace(old, new, 1)


def center_with(old: str, new: str) -> str:
    assert old in CENTER_YML, old
    return CENTER_YML.replace(old, new, 1)


def test_shipped_shape_is_valid(tmp_path: Path) -> None:
    write_courses(tmp_path)
    result = load_catalog(tmp_path / "courses", today=TODAY, base=tmp_path)
    assert result.problems == []
    assert result.catalog is not None
    assert result.catalog.counts == (1, 1, 1)


COURSE_CASES = [
    (
        "unknown key with suggestion",
        ("kejuruan: tata-boga", "kejuruan: tata-boga\ntitel: Tata Boga"),
        [
            f"{COURSE}:4:1: Kolom 'titel' tidak dikenal. Maksud Anda 'title'? Kolom yang boleh "
            "di sini: id, title, kejuruan, summary, description, topics, duration, mode, fee, "
            "certification, instructors, benefits, starter_package, eligibility, selection, "
            "organiser, partners, reviewed, runs."
        ],
    ),
    (
        "missing required key points at its mapping",
        ("summary: Belajar memasak untuk usaha.\n", ""),
        [f"{COURSE}:1:1: Kolom 'summary' wajib diisi. Tambahkan baris 'summary: ...'."],
    ),
    (
        "unknown kejuruan",
        ("kejuruan: tata-boga", "kejuruan: tataboga"),
        [
            f"{COURSE}:3:11: Kejuruan 'tataboga' tidak dikenal. Maksud Anda 'tata-boga'? "
            "Gunakan id dari courses/kejuruan.yml."
        ],
    ),
    (
        "misspelt choice",
        ("mode: offline", "mode: ofline"),
        [
            f"{COURSE}:8:7: 'ofline' bukan pilihan untuk 'mode'. Maksud Anda 'offline'? "
            "Pilihan yang boleh: 'offline', 'online' atau 'hybrid'."
        ],
    ),
    (
        "quota below one",
        ("quota: 20", "quota: 0"),
        [f"{COURSE}:20:12: 'quota' paling kecil 1; sekarang 0."],
    ),
    (
        "quota with a thousands separator",
        ("quota: 20", "quota: 2.000"),
        [f"{COURSE}:20:12: 'quota' harus bilangan bulat tanpa titik atau koma, misalnya 20."],
    ),
    (
        "impossible date",
        ("start: 2027-02-01", "start: 2027-02-30"),
        [
            f"{COURSE}:18:12: Tanggal '2027-02-30' tidak ada di kalender. Tulis tanggal yang "
            "benar sebagai TTTT-BB-HH, misalnya 2027-02-01."
        ],
    ),
    (
        "date written the Indonesian way",
        ("start: 2027-02-01", "start: 01-02-2027"),
        [
            f"{COURSE}:18:12: 'start' harus ditulis TTTT-BB-HH (tahun-bulan-hari): ubah "
            "01-02-2027 menjadi 2027-02-01."
        ],
    ),
    (
        "duplicate key",
        ("quota: 20", "quota: 20\n    quota: 30"),
        [
            f"{COURSE}:21:5: Kolom 'quota' ditulis dua kali (pertama di baris 20). Hapus salah satunya."
        ],
    ),
    (
        "run id that is not a slug",
        ("- id: 2027-1", "- id: Angkatan 1"),
        [
            f"{COURSE}:17:9: 'Angkatan 1' bukan id yang sah untuk 'id': gunakan huruf kecil, "
            "angka dan tanda '-' saja, tanpa spasi. Maksud Anda 'angkatan-1'?"
        ],
    ),
    (
        "course id differs from file name",
        ("id: tata-boga", "id: boga"),
        [
            f"{COURSE}:1:5: id 'boga' harus sama dengan nama berkasnya 'tata-boga'. "
            "Ubah id menjadi 'tata-boga' atau ganti nama berkasnya."
        ],
    ),
    (
        "registration opens after it closes",
        ("opens: 2026-11-16", "opens: 2027-01-23"),
        [
            f"{COURSE}:19:27: Pendaftaran dibuka (2027-01-23) setelah ditutup (2027-01-22). "
            "Periksa 'opens' và 'closes'.".replace(" và ", " dan ")
        ],
    ),
    (
        "registration closes after the run starts",
        ("closes: 2027-01-22", "closes: 2027-02-05"),
        [
            f"{COURSE}:19:47: Pendaftaran ditutup 2027-02-05, padahal angkatan dimulai "
            "2027-02-01. Tutup pendaftaran paling lambat sehari sebelum mulai."
        ],
    ),
    (
        "end date disagrees with the working days",
        ("start: 2027-02-01", "start: 2027-02-01\n    end: 2027-02-19"),
        [
            f"{COURSE}:19:10: Tanggal selesai 2027-02-19 tidak cocok dengan 15 hari kerja sejak "
            "2027-02-01: tanpa Sabtu, Minggu, libur nasional dan cuti bersama, angkatan ini "
            "selesai 2027-02-22 (Senin, 22 Februari 2027). Ubah 'end' menjadi 2027-02-22 atau "
            "hapus baris 'end'."
        ],
    ),
    (
        "unknown region in domicile",
        ('domicile: ["3671"]', 'domicile: ["3699"]'),
        [
            f"{COURSE}:13:14: Kode wilayah '3699' tidak dikenal menurut data Kemendagri 2025. "
            "Periksa kodenya di catalog/data/wilayah/."
        ],
    ),
    (
        "region code with dots",
        ('domicile: ["3671"]', 'domicile: ["36.71"]'),
        [
            f"{COURSE}:13:14: Kode wilayah '36.71' tidak sah: tulis 2, 4, 6 atau 10 angka tanpa "
            'titik dan dalam tanda kutip, misalnya "3671" atau "3671011001".'
        ],
    ),
    (
        "maximum age below minimum",
        ("max_age: 45", "max_age: 17"),
        [
            f"{COURSE}:12:12: Usia maksimal (17) lebih kecil dari usia minimal (18). "
            "Tukar kedua angka atau perbaiki salah satunya."
        ],
    ),
    (
        "applicant cap below quota",
        ("quota: 20", "quota: 20\n    applicant_cap: 10"),
        [
            f"{COURSE}:21:20: Batas pendaftar (10) lebih kecil dari kuota (20). Batas pendaftar "
            "harus sama dengan atau lebih besar dari kuota."
        ],
    ),
    (
        "duplicate run id",
        (
            "    quota: 20\n",
            "    quota: 20\n  - id: 2027-1\n    start: 2027-03-01\n"
            "    registration: {opens: 2026-11-16, closes: 2027-02-22}\n    quota: 20\n",
        ),
        [
            f"{COURSE}:21:9: Angkatan '2027-1' sudah ada di kursus ini (angkatan ke-1). "
            "Beri id lain, misalnya tahun dan nomor urut: 2027-2."
        ],
    ),
    (
        "python tag",
        ("title: Tata Boga", "title: !!python/object/apply:os.system [ls]"),
        [
            f"{COURSE}:2:8: Tag YAML 'tag:yaml.org,2002:python/object/apply:os.system' tidak "
            "diizinkan. Hapus tag itu dan tulis nilainya biasa."
        ],
    ),
    (
        "tab indentation",
        ("  max_age: 45", "\tmax_age: 45"),
        [
            f"{COURSE}:12:1: Kesalahan penulisan YAML: Ada karakter Tab. YAML hanya menerima "
            "spasi untuk menjorok; ganti Tab dengan spasi."
        ],
    ),
    (
        "quote never closed",
        ("title: Tata Boga", 'title: "Tata Boga'),
        [
            f"{COURSE}:2:8: Kesalahan penulisan YAML: Tanda kutip di baris ini dibuka tetapi "
            "tidak ditutup. Tutup di akhir nilainya."
        ],
    ),
    (
        "bracket never closed",
        ('domicile: ["3671"]', 'domicile: ["3671"'),
        [
            f"{COURSE}:13:13: Kesalahan penulisan YAML: Kurung [ atau {{ di baris ini dibuka "
            "tetapi tidak ditutup. Tutup di akhir nilainya."
        ],
    ),
    (
        "colon inside a value",
        ("title: Tata Boga", "title: Tata Boga: Dasar"),
        [
            f"{COURSE}:2:17: Kesalahan penulisan YAML: Tanda ':' di tempat yang salah. Jika "
            "nilai berisi ':', apit dengan tanda kutip, atau periksa jorokan (indentasi) baris ini."
        ],
    ),
    (
        "old review date is a warning",
        ("reviewed: 2026-11-20", "reviewed: 2026-01-02"),
        [
            f"{COURSE}:15:11: peringatan: Data kursus ini terakhir ditinjau 2026-01-02, lebih "
            "dari 180 hari lalu. Periksa isinya bersama penyelenggara lalu perbarui 'reviewed'."
        ],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [c[1:] for c in COURSE_CASES], ids=[c[0] for c in COURSE_CASES]
)
def test_broken_course(tmp_path: Path, change: tuple[str, str], expected: list[str]) -> None:
    assert problems_for(tmp_path, course=course_with(*change)) == expected


CENTER_CASES = [
    (
        "unknown agency",
        ("agency: disnaker-kota-tangerang", "agency: disnaker-tangerang"),
        [
            f"{CENTER}:4:9: Instansi 'disnaker-tangerang' tidak dikenal. Maksud Anda "
            "'disnaker-kota-tangerang'? Gunakan id dari courses/agencies.yml atau tambahkan "
            "instansinya di sana."
        ],
    ),
    (
        "unknown village in Banten",
        ('village: "3671011001"', 'village: "3671019999"'),
        [
            f"{CENTER}:5:10: Kode kelurahan/desa '3671019999' tidak ada di Kecamatan Tangerang "
            "menurut data Kemendagri 2025. Periksa kodenya di "
            "catalog/data/wilayah/banten_villages.csv."
        ],
    ),
    (
        "folder and id differ",
        ("id: blk-contoh", "id: blk-lain"),
        [
            f"{CENTER}:1:5: id 'blk-lain' harus sama dengan nama foldernya 'blk-contoh'. "
            "Ubah id menjadi 'blk-contoh' atau ganti nama foldernya."
        ],
    ),
    (
        "kind not in the list",
        ("kind: blk", "kind: BLK"),
        [
            f"{CENTER}:3:7: 'BLK' bukan pilihan untuk 'kind'. Maksud Anda 'blk'? Pilihan yang "
            "boleh: 'blk', 'blkk', 'lpks', 'bpvp' atau 'dinas'."
        ],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [c[1:] for c in CENTER_CASES], ids=[c[0] for c in CENTER_CASES]
)
def test_broken_center(tmp_path: Path, change: tuple[str, str], expected: list[str]) -> None:
    assert problems_for(tmp_path, center=center_with(*change)) == expected


def test_every_problem_in_one_pass(tmp_path: Path) -> None:
    course = course_with("kejuruan: tata-boga", "kejuruan: tataboga")
    course = course.replace("mode: offline", "mode: ofline").replace("quota: 20", "quota: 0")
    center = center_with("agency: disnaker-kota-tangerang", "agency: nope")
    found = problems_for(tmp_path, course=course, center=center)
    assert [line.split(": ", 1)[0] for line in found] == [
        f"{CENTER}:4:9",
        f"{COURSE}:3:11",
        f"{COURSE}:8:7",
        f"{COURSE}:20:12",
    ]


def test_file_level_problems(tmp_path: Path) -> None:
    extra = {
        "stray.yml": "id: x\n",
        "lpks-tanpa-center/kursus.yml": COURSE_YML,
        "blk-contoh/kosong.yml": "",
        "blk-contoh/catatan.txt": "catatan",
    }
    found = problems_for(tmp_path, extra=extra)
    assert (
        "courses/blk-contoh/catatan.txt:1:1: Hanya berkas .yml yang boleh ada di folder pusat pelatihan. Pindahkan atau hapus berkas/folder ini."
        in found
    )
    assert (
        "courses/blk-contoh/kosong.yml:1:1: Berkas kosong. Isi berkas atau hapus berkasnya."
        in found
    )
    assert any(
        p.startswith(
            "courses/lpks-tanpa-center/center.yml:1:1: Folder 'lpks-tanpa-center' tidak punya center.yml."
        )
        for p in found
    )
    assert any(
        p.startswith("courses/stray.yml:1:1: Berkas kursus harus berada di dalam folder")
        for p in found
    )


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    courses = write_courses(tmp_path)
    (courses / "blk-contoh" / "tata-boga.yml").write_bytes(COURSE_YML.encode() + b"# caf\xe9\n")
    result = load_catalog(courses, today=TODAY, base=tmp_path)
    assert [p.format_text() for p in result.problems] == [
        f"{COURSE}:21:1: Berkas bukan teks UTF-8. Simpan ulang berkas sebagai UTF-8."
    ]


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    bomb = "\n".join(lines) + "\n"
    found = problems_for(tmp_path, course=bomb)
    assert found == [
        f"{COURSE}:1:1: Berkas terlalu besar setelah alias (&/*) diuraikan (lebih dari 50000 "
        "nilai). Jangan gunakan alias; tulis nilainya langsung."
    ]


def test_end_date_is_computed_from_working_days(courses_dir: Path) -> None:
    catalog = load_catalog(courses_dir, today=TODAY).catalog
    assert catalog is not None
    run = catalog.find_run("blk-contoh/tata-boga/2027-1")
    assert run is not None
    # 15 working days from Monday 1 February 2027 skip the Imlek cuti bersama on 5 February.
    assert run.end.isoformat() == "2027-02-22"


def test_unquoted_codes_are_accepted(tmp_path: Path) -> None:
    center = center_with('village: "3671011001"', "village: 3671011001")
    assert problems_for(tmp_path, center=center) == []


def test_two_processes_load_the_same_catalog_and_problems(tmp_path: Path) -> None:
    """workers=2 (katalog build) reads every other center folder in a forked process; the
    catalog and every problem, with its line, must be those of a one-process load."""
    extra = {}
    for n in range(1, 5):
        center = CENTER_YML.replace("blk-contoh", f"blk-contoh-{n}")
        extra[f"blk-contoh-{n}/center.yml"] = center
        extra[f"blk-contoh-{n}/tata-boga.yml"] = COURSE_YML
    # A mistake in a folder each process reads (sorted: blk-contoh, -1, -2, -3, -4).
    extra["blk-contoh-1/tata-boga.yml"] = COURSE_YML.replace("quota: 20", "quota: dua puluh")
    extra["blk-contoh-2/tata-boga.yml"] = COURSE_YML.replace("mode: offline", "mode: kadang")
    courses = write_courses(tmp_path, extra=extra)
    one = load_catalog(courses, today=TODAY, base=tmp_path, workers=1)
    two = load_catalog(courses, today=TODAY, base=tmp_path, workers=2)
    assert [p.format_text() for p in two.problems] == [p.format_text() for p in one.problems]
    assert {p.path for p in two.errors} == {
        "courses/blk-contoh-1/tata-boga.yml",
        "courses/blk-contoh-2/tata-boga.yml",
    }
    for name in ("blk-contoh-1", "blk-contoh-2"):
        (courses / name / "tata-boga.yml").write_text(COURSE_YML, encoding="utf-8")
    one = load_catalog(courses, today=TODAY, base=tmp_path, workers=1)
    two = load_catalog(courses, today=TODAY, base=tmp_path, workers=2)
    assert one.catalog is not None and two.catalog is not None
    assert list(two.catalog.centers) == list(one.catalog.centers)
    assert len(two.catalog.centers) == 5
    assert two.catalog.center_courses == one.catalog.center_courses
