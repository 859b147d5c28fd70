"""courses/targets.yml: programmes and their targets, checked at file:line like everything else
(issue 13)."""

from __future__ import annotations

from pathlib import Path

from catalog.load import load_catalog
from catalog.models import TargetKind
from tests.sample_data import TODAY, write_courses

GOOD = """\
- id: blk-setiap-kelurahan
  name: BLK di setiap kelurahan
  agency: bappeda-kota-tangerang
  area: ["3671"]
  scope: {agencies: [disnaker-kota-tangerang], kinds: [blk]}
  source: Rencana Bappeda (contoh)
  year: 2025
  targets:
    - {kind: kelurahan-covered, value: 104}
    - {kind: seats-per-course, value: 20, until: 2029}
"""


def _load(tmp_path: Path, targets: str | None):
    extra = {"targets.yml": targets} if targets is not None else {}
    courses = write_courses(tmp_path, extra=extra)
    return load_catalog(courses, today=TODAY, base=tmp_path)


def problems(tmp_path: Path, targets: str) -> list[str]:
    return [p.format_text() for p in _load(tmp_path, targets).problems]


def test_a_good_file_and_its_centers(tmp_path: Path) -> None:
    result = _load(tmp_path, GOOD)
    assert result.problems == []
    catalog = result.catalog
    programme = catalog.programmes["blk-setiap-kelurahan"]
    assert [t.kind for t in programme.targets] == [
        TargetKind.KELURAHAN_COVERED,
        TargetKind.SEATS_PER_COURSE,
    ]
    assert [c.id for c in catalog.programme_centers(programme)] == ["blk-contoh"]


def test_no_targets_file_is_fine(tmp_path: Path) -> None:
    result = _load(tmp_path, None)
    assert result.problems == [] and result.catalog.programmes == {}


def test_every_mistake_in_one_pass(tmp_path: Path) -> None:
    bad = """\
- id: program-contoh
  name: Program contoh
  agency: bapeda-kota-tangerang
  area: ["3699"]
  scope: {centers: [blk-contho], agencies: [dinsos]}
  source: Contoh
  year: dua ribu
  targets:
    - {kind: kelurahan-covered, value: 105, area: ["3671"]}
    - {kind: seats-per-course, value: -20}
    - {kind: orang-dilatih, value: 10}
    - {kind: people-trained, value: 100, baseline: 200, target: 5}
"""
    assert problems(tmp_path, bad) == [
        "courses/targets.yml:7:9: 'year' harus bilangan bulat tanpa titik atau koma, misalnya 20.",
        "courses/targets.yml:10:39: 'value' paling kecil 1; sekarang -20.",
        "courses/targets.yml:11:14: 'orang-dilatih' bukan pilihan untuk 'kind'. Pilihan yang "
        "boleh: 'people-trained', 'people-trained-per-year', 'courses-per-kelurahan', "
        "'seats-per-course', 'centers-per-kelurahan', 'centers-per-kecamatan', "
        "'kelurahan-covered', 'accredited-centers', 'starter-packages-per-class' atau "
        "'alumni-in-business'.",
        "courses/targets.yml:12:57: Kolom 'target' tidak dikenal. Maksud Anda 'area'? Kolom yang "
        "boleh di sini: kind, value, baseline, until, area, note.",
    ]


def test_cross_references(tmp_path: Path) -> None:
    bad = """\
- id: program-contoh
  name: Program contoh
  agency: bapeda-kota-tangerang
  area: ["3699"]
  scope: {centers: [blk-contho], agencies: [dinsos]}
  source: Contoh
  targets:
    - {kind: kelurahan-covered, value: 105, area: ["3671"]}
    - {kind: people-trained, value: 100, baseline: 200}
"""
    assert problems(tmp_path, bad) == [
        "courses/targets.yml:3:11: Instansi 'bapeda-kota-tangerang' tidak dikenal. Maksud Anda "
        "'bappeda-kota-tangerang'? Gunakan id dari courses/agencies.yml atau tambahkan "
        "instansinya di sana.",
        "courses/targets.yml:4:10: Kode wilayah '3699' tidak dikenal menurut data Kemendagri "
        "2025. Periksa kodenya di catalog/data/wilayah/.",
        "courses/targets.yml:5:21: Pusat pelatihan 'blk-contho' tidak dikenal. Maksud Anda "
        "'blk-contoh'? Gunakan nama folder pusat pelatihan di courses/.",
        "courses/targets.yml:5:45: Instansi 'dinsos' tidak dikenal. Gunakan id dari "
        "courses/agencies.yml atau tambahkan instansinya di sana.",
        "courses/targets.yml:8:40: Target 105 kelurahan/desa lebih banyak dari jumlah "
        "kelurahan/desa di wilayahnya (104). Periksa angkanya atau kolom 'area'.",
        "courses/targets.yml:9:52: 'baseline' (200) lebih besar dari target (100). Periksa "
        "kedua angkanya.",
    ]


def test_the_shipped_targets(tmp_path: Path) -> None:
    from catalog.load import require_catalog

    catalog = require_catalog(Path(__file__).resolve().parents[2] / "courses", today=TODAY)
    programmes = catalog.programmes
    bappeda = programmes["blk-setiap-kelurahan-kota-tangerang"]
    values = {t.kind: t.value for t in bappeda.targets}
    assert values == {
        TargetKind.KELURAHAN_COVERED: 104,
        TargetKind.COURSES_PER_KELURAHAN: 5,
        TargetKind.SEATS_PER_COURSE: 20,
        TargetKind.PEOPLE_TRAINED: 12000,
    }
    serang = {t.kind: t for t in programmes["lpks-setiap-kelurahan-kota-serang"].targets}
    assert (
        serang[TargetKind.KELURAHAN_COVERED].value,
        serang[TargetKind.KELURAHAN_COVERED].baseline,
    ) == (67, 27)
    assert serang[TargetKind.ACCREDITED_CENTERS].baseline == 11
    dinsos = programmes["paket-usaha-dinsos-kota-tangerang"].targets[0]
    assert (dinsos.kind, dinsos.value) == (TargetKind.STARTER_PACKAGES_PER_CLASS, 3)
    forum = programmes["alumni-berwirausaha-blk-komunitas-kabupaten-tangerang"]
    assert [(t.kind, t.value) for t in forum.targets] == [(TargetKind.ALUMNI_IN_BUSINESS, None)]
    assert all(catalog.programme_centers(p) for p in programmes.values())
