"""Fixtures for the form app tests: a small catalog of its own in tmp_path, the app, a client,
and one obviously fake applicant. Imported by tests/form_service/conftest.py.

Catalog (today is fixed at 2026-11-23):

* ``blk-contoh/tata-boga``: KTP in Kota Tangerang (3671), DTKS required, age 18-45.
  ``2027-1`` open, 1-22 Feb 2027, quota 1, applicant cap 2 (the 3rd applicant is waitlisted);
  ``2027-2`` opens Senin, 4 Januari 2027; ``2026-1`` closed on 23 Oct 2026.
* ``blk-contoh/menjahit``: anyone, at least SMP. ``2027-1`` open, 8-26 Feb 2027 (overlaps
  tata-boga 2027-1); ``2027-2`` open, May 2027 (overlaps nothing).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from form_service import create_app

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
SITE_URL = "https://katalog.example.org/"
BOGA = "/daftar/blk-contoh/tata-boga/2027-1"
BOGA_UPCOMING = "/daftar/blk-contoh/tata-boga/2027-2"
BOGA_CLOSED = "/daftar/blk-contoh/tata-boga/2026-1"
JAHIT = "/daftar/blk-contoh/menjahit/2027-1"
JAHIT_MAY = "/daftar/blk-contoh/menjahit/2027-2"

# Obviously fake applicants: NIKs with serials 0001.., "Contoh" names, 0812-0000-00xx phones.
NIK_MAN = "3671011708950001"  # Kota Tangerang, born 17 Aug 1995, male
NIK_WOMAN = "3671015708950002"  # born 17 Aug 1995, female (day + 40)

CENTER = """\
id: blk-contoh
name: BLK Contoh Kota Tangerang
kind: blk
agency: disnaker-kota-tangerang
address: Jl. Contoh Raya No. 1
village: "3671011001"
"""

BOGA_YML = """\
id: tata-boga
title: Tata Boga
kejuruan: tata-boga
summary: Belajar memasak untuk usaha.
topics: [Kebersihan dapur]
duration: {workdays: 15}
mode: offline
certification: {body: BNSP}
eligibility:
  min_age: 18
  max_age: 45
  domicile: ["3671"]
  target_groups: [dtks]
  documents: [ktp, kk]
selection: interview
reviewed: 2026-11-01
runs:
  - id: 2027-1
    start: 2027-02-01
    registration: {opens: 2026-11-16, closes: 2027-01-22}
    quota: 1
    applicant_cap: 2
    schedule: Senin–Jumat, 08.00–15.00 WIB
    venue: {name: Kantor Kelurahan Sukarasa, village: "3671011001"}
  - id: 2027-2
    start: 2027-04-05
    registration: {opens: 2027-01-04, closes: 2027-03-19}
    quota: 20
  - id: 2026-1
    start: 2026-11-02
    registration: {opens: 2026-10-01, closes: 2026-10-23}
    quota: 20
"""

JAHIT_YML = """\
id: menjahit
title: Menjahit Pakaian
kejuruan: menjahit
summary: Menjahit pakaian sederhana.
topics: [Mengukur dan memotong kain]
duration: {workdays: 15}
mode: offline
certification: {body: penyelenggara}
eligibility:
  min_age: 17
  min_education: smp
  documents: [ktp, ijazah]
selection: test
reviewed: 2026-11-01
runs:
  - id: 2027-1
    start: 2027-02-08
    registration: {opens: 2026-11-16, closes: 2027-01-29}
    quota: 20
  - id: 2027-2
    start: 2027-05-03
    registration: {opens: 2026-11-16, closes: 2027-04-16}
    quota: 20
"""


def write_form_catalog(root: Path) -> Path:
    courses = root / "courses"
    (courses / "blk-contoh").mkdir(parents=True)
    for name in ("dataset.yml", "agencies.yml", "kejuruan.yml"):
        shutil.copy(REPO / "courses" / name, courses / name)
    (courses / "blk-contoh" / "center.yml").write_text(CENTER, encoding="utf-8")
    (courses / "blk-contoh" / "tata-boga.yml").write_text(BOGA_YML, encoding="utf-8")
    (courses / "blk-contoh" / "menjahit.yml").write_text(JAHIT_YML, encoding="utf-8")
    return courses


def valid_answers(**changes: str) -> dict[str, str]:
    """A complete, valid form for tata-boga 2027-1 (and menjahit), as a browser sends it."""
    answers = {
        "full_name": "Contoh Pendaftar",
        "nik": NIK_MAN,
        "birth_date": "17-08-1995",
        "gender": "L",
        "phone": "0812-0000-0001",
        "email": "",
        "village": "3671011001",
        "address": "Jl. Contoh No. 1 RT 001/RW 002",
        "education": "sma",
        "employment_status": "mencari-kerja",
        "dtks": "ya",
        "disability": "",
        "motivation": "",
        "consent": "y",
        "website": "",
    }
    answers.update(changes)
    return {key: value for key, value in answers.items() if value is not None}


@pytest.fixture
def form_catalog(tmp_path: Path) -> Path:
    return write_form_catalog(tmp_path / "data")


@pytest.fixture
def app_config(tmp_path: Path, form_catalog: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "QUEUE_PATH": str(tmp_path / "var" / "queue.jsonl"),
        "DATA_DIR": str(form_catalog),
        "TODAY": TODAY,
        "SITE_URL": SITE_URL,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
    }


@pytest.fixture
def make_app(app_config: dict):
    def factory(**overrides: object) -> Flask:
        return create_app({**app_config, **overrides})

    return factory


@pytest.fixture
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
