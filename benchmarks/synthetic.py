"""Synthetic course data for the benchmarks: N valid courses, two runs each, 20 courses per
center, spread over kejuruan and kecamatan (obviously made up; built from the shipped
dataset.yml, agencies.yml and kejuruan.yml)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KEJURUAN = [
    "tata-boga", "menjahit", "las", "otomotif", "barista", "sablon", "batik", "tata-rias",
    "teknologi-informasi", "listrik-pendingin", "elektronika", "pangkas-rambut",
]  # fmt: skip
VILLAGES = [  # kelurahan in several kecamatan of Kota Tangerang, Kab. Tangerang, Kota Serang
    "3671011001", "3671021001", "3671031001", "3671041001", "3671051001", "3671061001",
    "3671071001", "3671081001", "3603052001", "3603062001", "3673011001", "3673021001",
]  # fmt: skip

COURSE = """\
id: kursus-{n}
title: Kursus Contoh {n}
kejuruan: {kejuruan}
summary: Kursus sintetis nomor {n} untuk mengukur kecepatan pembuatan situs.
topics: [Materi pertama, Materi kedua, Materi ketiga, Materi keempat]
duration: {{workdays: 15, hours_per_day: 7}}
mode: offline
certification: {{body: BNSP}}
benefits: [Modul, Seragam, Sertifikat]
starter_package: {{best: 3, contents: Paket peralatan usaha}}
eligibility:
  min_age: 18
  max_age: 45
  domicile: ["3671"]
  documents: [ktp, kk]
selection: interview
reviewed: 2026-11-20
runs:
  - id: 2027-1
    start: 2027-02-01
    registration: {{opens: 2026-11-16, closes: 2027-01-22}}
    quota: 20
    schedule: Senin–Jumat, 08.00–15.00 WIB
  - id: 2027-2
    start: 2027-03-01
    registration: {{opens: 2027-01-04, closes: 2027-02-22}}
    quota: 20
    venue: {{name: Kantor Kelurahan, village: "{village}"}}
"""


def synthesise(root: Path, courses: int) -> Path:
    target = root / "courses"
    target.mkdir(parents=True)
    for name in ("dataset.yml", "agencies.yml", "kejuruan.yml"):
        shutil.copy(REPO / "courses" / name, target / name)
    for n in range(courses):
        center_id = f"pusat-{n // 20:04d}"
        folder = target / center_id
        village = VILLAGES[(n // 20) % len(VILLAGES)]
        if not folder.exists():
            folder.mkdir()
            (folder / "center.yml").write_text(
                f"id: {center_id}\nname: Pusat Pelatihan {n // 20}\nkind: blk\n"
                f'agency: disnaker-kota-tangerang\nvillage: "{village}"\n',
                encoding="utf-8",
            )
        text = COURSE.format(
            n=n, kejuruan=KEJURUAN[n % len(KEJURUAN)], village=VILLAGES[n % len(VILLAGES)]
        )
        (folder / f"kursus-{n}.yml").write_text(text, encoding="utf-8")
    return target
