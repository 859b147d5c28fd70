"""A small fixture catalog for the machine-readable outputs (open data, iCalendar, JSON-LD,
share links, posters). Kept apart from conftest.py, which the site tests own.

The data is obviously made up: one center, one course, two runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalog.catalog import Catalog
from catalog.load import require_catalog

TODAY = date(2026, 11, 23)  # run 2027-1 is open on this day, run 2027-2 is not yet
BASE_URL = "https://pelatihan.example.go.id/"
FORM_URL = "https://daftar.example.go.id"

DATASET_YML = """\
example: true
notice: Jadwal di sini adalah CONTOH untuk uji coba.
publisher: Katalog Pelatihan Contoh
"""

AGENCIES_YML = """\
- id: disnaker-kota-tangerang
  name: Dinas Ketenagakerjaan Kota Tangerang
  short_name: Disnaker Kota Tangerang
  region: "3671"
- id: dinsos-kota-tangerang
  name: Dinas Sosial Kota Tangerang
  short_name: Dinsos Kota Tangerang
  region: "3671"
  website: https://dinsos.example.go.id
- id: kemnaker
  name: Kementerian Ketenagakerjaan Republik Indonesia
  short_name: Kemnaker
"""

KEJURUAN_YML = """\
- id: tata-boga
  label: Tata Boga
  description: Memasak dan mengolah makanan untuk usaha.
"""

CENTER_YML = """\
id: blk-contoh
name: BLK Contoh Kota Tangerang
kind: blk
agency: disnaker-kota-tangerang
address: Jl. Contoh No. 1
village: "3671011001"
accreditation: {status: B, body: LA-LPK, year: 2024}
contact: {email: blk@example.go.id}
"""

COURSE_YML = """\
id: tata-boga
title: Tata Boga untuk Usaha Rumahan
kejuruan: tata-boga
summary: Belajar memasak menu yang laku dijual.
description: Pelatihan memasak dengan praktik setiap hari.
topics:
  - Kebersihan dapur
  - Menu usaha rumahan
duration: {workdays: 15, hours_per_day: 7}
mode: offline
fee: 0
certification: {body: BNSP, scheme: Juru Masak}
instructors: Instruktur bersertifikat BNSP
benefits: [Modul, Makan siang]
starter_package: {best: 3, contents: Paket peralatan usaha}
eligibility:
  min_age: 18
  max_age: 45
  domicile: ["3671"]
  target_groups: [dtks]
  min_education: smp
  documents: [ktp, kk]
selection: interview
organiser: dinsos-kota-tangerang
partners: [kemnaker]
reviewed: 2026-11-20
runs:
  - id: 2027-1
    start: 2027-02-01
    registration: {opens: 2026-11-16, closes: 2027-01-22}
    quota: 20
    applicant_cap: 100
  - id: 2027-2
    start: 2027-05-03
    registration: {opens: 2027-03-22, closes: 2027-04-23}
    quota: 16
    schedule: Senin–Jumat, 08.00–15.00 WIB
    venue: {name: Kantor Kelurahan Sukasari, village: "3671011007", address: Jl. Contoh No. 2}
    note: =2+3 catatan uji sel rumus
"""


def write_courses(root: Path, *, course: str = COURSE_YML, dataset: str = DATASET_YML) -> Path:
    """Write the fixture ``courses/`` tree under ``root`` and return its path."""
    courses = root / "courses"
    (courses / "blk-contoh").mkdir(parents=True)
    (courses / "dataset.yml").write_text(dataset, encoding="utf-8")
    (courses / "agencies.yml").write_text(AGENCIES_YML, encoding="utf-8")
    (courses / "kejuruan.yml").write_text(KEJURUAN_YML, encoding="utf-8")
    (courses / "blk-contoh" / "center.yml").write_text(CENTER_YML, encoding="utf-8")
    (courses / "blk-contoh" / "tata-boga.yml").write_text(course, encoding="utf-8")
    return courses


def load_fixture(root: Path, *, course: str = COURSE_YML, dataset: str = DATASET_YML) -> Catalog:
    """The fixture catalog, loaded the way the site builder loads the real one."""
    return require_catalog(write_courses(root, course=course, dataset=dataset), today=TODAY)
