"""Fixtures for the site tests: a small, obviously made-up catalog built once per session.

The catalog covers every run status on TODAY (2026-11-23), two kecamatan in Kota Tangerang and
one in Kota Serang, a kejuruan without courses, and a title with Markdown/HTML characters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.catalog import Catalog
from catalog.load import require_catalog
from site_builder.cli import build

TODAY = date(2026, 11, 23)
BASE_URL = "https://pelatihan.example.go.id/"
FORM_URL = "https://daftar.example.go.id"

FILES = {
    "dataset.yml": """\
example: true
notice: Jadwal di sini adalah CONTOH untuk uji coba.
publisher: Katalog Pelatihan Contoh
""",
    "agencies.yml": """\
- id: disnaker-kota-tangerang
  name: Dinas Ketenagakerjaan Kota Tangerang
  short_name: Disnaker Kota Tangerang
  region: "3671"
- id: dinsos-kota-tangerang
  name: Dinas Sosial Kota Tangerang
  short_name: Dinsos Kota Tangerang
  region: "3671"
  website: https://dinsos.example.go.id
- id: disnakertrans-kota-serang
  name: Dinas Tenaga Kerja dan Transmigrasi Kota Serang
  short_name: Disnakertrans Kota Serang
  region: "3673"
""",
    "kejuruan.yml": """\
- id: tata-boga
  label: Tata Boga
  description: Memasak dan mengolah makanan untuk usaha.
- id: menjahit
  label: Menjahit
  description: Menjahit pakaian dan produk garmen.
- id: tata-rias
  label: Tata Rias & Kecantikan
  description: Merias wajah, merawat kulit dan rambut.
- id: las
  label: Pengelasan
  description: Mengelas dan membuat konstruksi logam.
""",
    "blk-contoh/center.yml": """\
id: blk-contoh
name: BLK Contoh Kota Tangerang
kind: blk
agency: disnaker-kota-tangerang
description: Balai latihan kerja contoh untuk pengujian.
address: Jl. Contoh No. 1
village: "3671011001"
accreditation: {status: B, body: LA-LPK, year: 2024}
contact: {email: blk@example.go.id, whatsapp: "+6281200000001"}
""",
    "blk-contoh/tata-boga.yml": """\
id: tata-boga
title: Tata Boga & Kue *Rumahan*
kejuruan: tata-boga
summary: Belajar memasak menu yang laku dijual.
description: Pelatihan memasak dengan praktik setiap hari.
topics:
  - Kebersihan dapur
  - Menu usaha rumahan <harga hemat>
duration: {workdays: 15, hours_per_day: 7}
mode: offline
fee: 0
certification: {body: BNSP, scheme: Juru Masak}
benefits: [Modul, Makan siang, Toolkit memasak]
starter_package: {best: 3, contents: Paket peralatan usaha}
eligibility:
  min_age: 18
  max_age: 45
  domicile: ["3671"]
  target_groups: [dtks]
  min_education: smp
  documents: [ktp, kk, ijazah]
selection: interview
organiser: dinsos-kota-tangerang
partners: [disnaker-kota-tangerang]
reviewed: 2026-11-20
runs:
  - id: 2026-1
    start: 2026-08-03
    registration: {opens: 2026-07-01, closes: 2026-07-24}
    quota: 20
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
    venue: {name: Kantor Kelurahan Keroncong, village: "3671021001"}
""",
    "blk-contoh/menjahit.yml": """\
id: menjahit
title: Menjahit Busana
kejuruan: menjahit
summary: Menjahit pakaian sendiri dan pesanan.
topics: [Mengukur badan, Memotong kain, Menjahit dengan mesin]
duration: {workdays: 20}
mode: hybrid
certification: {body: penyelenggara}
eligibility: {min_age: 17}
selection: first-come
reviewed: 2026-11-20
runs:
  - id: 2026-2
    start: 2026-11-23
    registration: {opens: 2026-10-01, closes: 2026-11-20}
    quota: 15
""",
    "lpks-contoh/center.yml": """\
id: lpks-contoh
name: LPKS Contoh Serang
kind: lpks
agency: disnakertrans-kota-serang
village: "3673011002"
""",
    "lpks-contoh/tata-rias.yml": """\
id: tata-rias
title: Tata Rias Pengantin
kejuruan: tata-rias
summary: Merias pengantin dan acara.
topics: [Merias wajah, Sanggul]
duration: {workdays: 10, hours_per_day: 6}
mode: offline
certification: {body: LSP, scheme: Penata Rias}
selection: test
reviewed: 2026-11-20
runs:
  - id: 2027-1
    start: 2027-01-11
    registration: {opens: 2026-12-01, closes: 2027-01-04}
    quota: 12
""",
}

STATS = {
    "generated_at": "2026-11-23T01:00:00Z",
    "runs": {"blk-contoh/tata-boga/2027-1": {"registered": 45, "waitlist": 0, "quota": 20}},
}


def write_courses(root: Path, files: dict[str, str] | None = None) -> Path:
    courses = root / "courses"
    for rel, text in (files or FILES).items():
        path = courses / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return courses


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # the folder the build ran in (holds courses/ and stats.json)
    site: Path
    catalog: Catalog
    output: str  # what `katalog build` printed

    def page(self, url: str) -> str:
        """The built HTML of a site-relative URL such as "kursus/blk-contoh/tata-boga/"."""
        path = self.site / url / "index.html" if url.endswith("/") or not url else self.site / url
        return path.read_text(encoding="utf-8")


def run_build(root: Path, out: Path, *extra: str) -> object:
    args = [
        "--data", str(root / "courses"), "--out", str(out), "--today", TODAY.isoformat(),
        "--base-url", BASE_URL, "--form-url", FORM_URL,
        "--cache", str(out.parent / ".cache" / "katalog"), *extra,
    ]  # fmt: skip
    return CliRunner().invoke(build, args, catch_exceptions=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture catalog built once with `katalog build` (about two seconds)."""
    root = tmp_path_factory.mktemp("site")
    courses = write_courses(root)
    (root / "stats.json").write_text(json.dumps(STATS), encoding="utf-8")
    result = run_build(root, root / "site", "--stats", str(root / "stats.json"))
    assert result.exit_code == 0, result.output
    catalog = require_catalog(courses, today=TODAY)
    return BuiltSite(root, root / "site", catalog, result.output)
