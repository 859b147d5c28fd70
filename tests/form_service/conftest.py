"""Fixtures for the form service tests.

Queue fixtures (owned by the queue helper): obviously fake applicants, record factories and a
small catalog with two courses and three runs. Form fixtures may be added below by the form helper.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from registrations.ids import format_registration_id
from registrations.records import dump_line as dump_record

REPO = Path(__file__).resolve().parents[2]

# Runs of the small staff catalog below.
RUN_BOGA = "disnaker-kota-tangerang/tata-boga/2027-1"
RUN_BOGA_2 = "disnaker-kota-tangerang/tata-boga/2027-2"
RUN_MENJAHIT = "disnaker-kota-tangerang/menjahit-busana-muslim-dan-seragam-sekolah/2027-1"
VILLAGE = "3671011001"


def fake_nik(i: int) -> str:
    """A structurally valid, obviously made-up NIK: Kota Tangerang, born 1..28 Jan 1990."""
    serial = (i - 1) % 9999 + 1
    day = 1 + ((i - 1) // 9999) % 28
    return f"367101{day:02d}0190{serial:04d}"


def fake_phone(i: int) -> str:
    return f"+62812{i:08d}"


def fake_id(i: int) -> str:
    return format_registration_id(i)


def make_record(
    i: int,
    run_id: str = RUN_BOGA,
    *,
    status: str = "registered",
    received_at: str = "2027-01-05T02:31:07Z",
    **applicant: object,
) -> dict:
    center_id, course_id, _run = run_id.split("/")
    person = {
        "full_name": f"Contoh Pendaftar {i}",
        "nik": fake_nik(i),
        "birth_date": "1990-01-01",
        "gender": "L",
        "phone": fake_phone(i),
        "email": f"contoh{i}@example.org",
        "village": VILLAGE,
        "address": f"Jl. Contoh No. {i}",
        "education": "sma",
        "employment_status": "belum-bekerja",
        "dtks": "tidak-tahu",
        "disability": None,
        "motivation": "Ingin membuka usaha.",
    }
    person.update(applicant)
    return {
        "v": 1,
        "id": fake_id(i),
        "received_at": received_at,
        "run_id": run_id,
        "course_id": course_id,
        "center_id": center_id,
        "status": status,
        "applicant": person,
        "consent": {"version": "2026-11-01", "agreed_at": received_at},
    }


def write_queue(path: Path, records: list[dict], tail: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(dump_record(r) for r in records) + tail)
    path.chmod(0o600)
    return path


@pytest.fixture
def qf() -> SimpleNamespace:
    """Queue fakes: record factory, file writer, fake NIK/phone/id and the run ids."""
    return SimpleNamespace(
        make_record=make_record,
        write_queue=write_queue,
        fake_nik=fake_nik,
        fake_phone=fake_phone,
        fake_id=fake_id,
        RUN_BOGA=RUN_BOGA,
        RUN_BOGA_2=RUN_BOGA_2,
        RUN_MENJAHIT=RUN_MENJAHIT,
        VILLAGE=VILLAGE,
    )


@pytest.fixture
def queue_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "queue.jsonl"


_COURSE = """\
id: {id}
title: {title}
kejuruan: tata-boga
summary: Kursus contoh untuk uji.
topics: [Topik contoh]
duration: {{workdays: 15}}
mode: offline
fee: 0
certification: {{body: BNSP}}
eligibility: {{min_age: 18, max_age: 45, documents: [ktp]}}
selection: interview
reviewed: 2026-11-20
runs:
{runs}"""

_RUN = """\
  - id: {id}
    start: {start}
    registration: {{opens: 2026-11-16, closes: {closes}}}
    quota: {quota}
"""


@pytest.fixture
def staff_catalog(tmp_path: Path) -> Path:
    """A small catalog folder: tata-boga (runs 2027-1 quota 20, 2027-2 quota 10) and menjahit."""
    root = tmp_path / "courses"
    root.mkdir()
    for name in ("dataset.yml", "agencies.yml", "kejuruan.yml"):
        shutil.copy(REPO / "courses" / name, root / name)
    center = root / "disnaker-kota-tangerang"
    center.mkdir()
    (center / "center.yml").write_text(
        "id: disnaker-kota-tangerang\n"
        "name: Pelatihan Contoh Disnaker Kota Tangerang\n"
        "kind: dinas\n"
        "agency: disnaker-kota-tangerang\n"
        f'village: "{VILLAGE}"\n',
        encoding="utf-8",
    )
    runs = _RUN.format(id="2027-1", start="2027-02-01", closes="2027-01-22", quota=20)
    runs += _RUN.format(id="2027-2", start="2027-04-05", closes="2027-03-19", quota=10)
    (center / "tata-boga.yml").write_text(
        _COURSE.format(id="tata-boga", title="Tata Boga untuk Usaha Rumahan", runs=runs),
        encoding="utf-8",
    )
    runs = _RUN.format(id="2027-1", start="2027-03-01", closes="2027-02-12", quota=15)
    (center / "menjahit-busana-muslim-dan-seragam-sekolah.yml").write_text(
        _COURSE.format(
            id="menjahit-busana-muslim-dan-seragam-sekolah",
            title="Menjahit Busana Muslim dan Seragam Sekolah",
            runs=runs,
        ),
        encoding="utf-8",
    )
    return root


# --- form app fixtures (owned by the form helper; defined in app_fixtures.py) -----------------
from tests.form_service.app_fixtures import (  # noqa: E402, F401
    app,
    app_config,
    client,
    form_catalog,
    make_app,
)


@pytest.fixture
def queue_cli(queue_path: Path, staff_catalog: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `katalog queue ARGS` with the queue and catalog found through the environment, as in
    production. Returns click's Result (``.stdout``, ``.stderr``, ``.exit_code``)."""
    from click.testing import CliRunner

    from form_service.staff_cli import queue

    monkeypatch.setenv("KATALOG_QUEUE_PATH", str(queue_path))
    monkeypatch.setenv("KATALOG_DATA_DIR", str(staff_catalog))
    monkeypatch.setenv("KATALOG_TODAY", "2027-01-20")

    def run(*args: str, input: str | None = None):
        result = CliRunner().invoke(queue, list(args), input=input, catch_exceptions=False)
        return result

    return run
