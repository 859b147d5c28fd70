"""Fixtures for the registrations tests: a small catalog, fake applicants, both stores, and the
real servers (one PostgreSQL and one Redis per test session; a fresh database per test).

Catalog (today is fixed at 2026-11-23; the same runs as the form tests):

* ``blk-contoh/tata-boga/2027-1``: 1-22 Feb 2027, quota 1, applicant cap 2 (the 3rd applicant is
  waitlisted); ``blk-contoh/tata-boga/2027-2``: April 2027.
* ``blk-contoh/menjahit/2027-1``: 8-26 Feb 2027 (overlaps tata-boga 2027-1);
  ``blk-contoh/menjahit/2027-2``: May 2027 (overlaps nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from catalog.catalog import Catalog
from catalog.load import require_catalog
from registrations.jsonl import JsonlStore
from registrations.models import Applicant, Registration
from registrations.personal import NikValue, PhoneValue
from registrations.rules import make_decide
from registrations.store import RegistrationStore, Snapshot
from tests.form_service.conftest import qf, queue_path  # noqa: F401  (shared fake records)
from tests.sample_data import CENTER_YML, TODAY, write_courses

BOGA = "blk-contoh/tata-boga/2027-1"
BOGA_2 = "blk-contoh/tata-boga/2027-2"
JAHIT = "blk-contoh/menjahit/2027-1"  # overlaps BOGA
JAHIT_MAY = "blk-contoh/menjahit/2027-2"  # overlaps nothing
CONSENT_VERSION = "2026-11-01"
RECEIVED = datetime(2027, 1, 5, 2, 31, 7, tzinfo=UTC)

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
selection: interview
reviewed: 2026-11-01
runs:
  - id: 2027-1
    start: 2027-02-01
    registration: {opens: 2026-11-16, closes: 2027-01-22}
    quota: 1
    applicant_cap: 2
  - id: 2027-2
    start: 2027-04-05
    registration: {opens: 2027-01-04, closes: 2027-03-19}
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


def write_store_catalog(root: Path) -> Path:
    return write_courses(
        root, course=BOGA_YML, center=CENTER_YML, extra={"blk-contoh/menjahit.yml": JAHIT_YML}
    )


def load_store_catalog(courses: Path) -> Catalog:
    return require_catalog(courses, today=TODAY)


def fake_nik(i: int) -> str:
    """Obviously made up: Kota Tangerang, born 17 Aug 1998, serial 0001, 0002, ..."""
    return f"36710117089800{i:02d}" if i < 100 else f"3671011708{98:02d}{i:04d}"


def applicant(i: int = 1, **changes: object) -> Applicant:
    values: dict = {
        "full_name": f"Contoh Pendaftar {i}",
        "nik": NikValue(fake_nik(i)),
        "birth_date": date(1998, 8, 17),
        "gender": "L",
        "phone": PhoneValue(f"+62812000000{i:02d}"),
        "email": None,
        "village": "3671011001",
        "address": f"Jl. Contoh No. {i}",
        "education": "sma",
        "employment_status": "mencari-kerja",
        "dtks": "tidak",
        "disability": None,
        "motivation": "Ingin membuka usaha.",
    }
    values.update(changes)
    return Applicant(**values)


@pytest.fixture(scope="session")
def store_catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_store_catalog(write_store_catalog(tmp_path_factory.mktemp("catalog")))


class Clock:
    """Registration times one minute apart, so received order is visible in the records."""

    def __init__(self) -> None:
        self.moment = RECEIVED

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.fixture
def register(
    store_catalog: Catalog,
) -> Callable[..., Registration]:
    """``register(store, i, run_id)``: applicant ``i`` registers through ``make_decide``."""
    clock = Clock()

    def register(store: RegistrationStore, i: int = 1, run_id: str = BOGA, **changes):
        ref = store_catalog.find_run(run_id)
        assert ref is not None
        decide = make_decide(
            store_catalog,
            ref,
            applicant(i, **changes),
            new_id=store.new_registration_id,
            consent_version=CONSENT_VERSION,
            now=clock,
        )
        return store.add(decide)

    return register


@pytest.fixture(params=["jsonl", pytest.param("postgres", marks=pytest.mark.db)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RegistrationStore]:
    """The same contract, two implementations."""
    if request.param == "jsonl":
        yield JsonlStore(tmp_path / "var" / "queue.jsonl")
        return
    from registrations.postgres import PostgresStore

    url = request.getfixturevalue("pg_url")
    opened = PostgresStore(url)
    try:
        yield opened
    finally:
        opened.close()


def counting_decide(registration: Registration) -> Callable[[Snapshot], Registration]:
    """A decide that asks nothing and returns ``registration`` (pure store tests)."""

    def decide(snapshot: Snapshot) -> Registration:
        return registration

    return decide
