"""PostgreSQL store only: schema versions, the unique backstop, two processes at once, and
the database going away (stopped, read-only) and coming back."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import psycopg
import pytest

from registrations.postgres import FAIL_FAST_SECONDS, MSG_READ_ONLY, PostgresStore
from registrations.rules import AlreadyRegistered, make_decide
from registrations.schema import SCHEMA_VERSION, upgrade
from registrations.status import Status
from registrations.store import Change, StoreUnavailable
from tests.registrations.conftest import (
    BOGA,
    CONSENT_VERSION,
    JAHIT,
    applicant,
    fake_nik,
    load_store_catalog,
    write_store_catalog,
)

pytestmark = pytest.mark.db


def _count(url: str, table: str = "registrations") -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- schema ----------------------------------------------------------------------------------


def test_upgrade_twice_applies_nothing_the_second_time(database_url):
    assert upgrade(database_url) == list(range(1, SCHEMA_VERSION + 1))
    assert upgrade(database_url) == []


def test_upgrade_at_the_same_time_applies_each_version_once(database_url):
    results: list[list[int]] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        barrier.wait()
        results.append(upgrade(database_url))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=len) == [[], [], list(range(1, SCHEMA_VERSION + 1))]


def test_store_refuses_a_database_without_the_schema(database_url, register):
    with PostgresStore(database_url) as store:
        with pytest.raises(StoreUnavailable, match="katalog db upgrade"):
            register(store, 1)
    assert upgrade(database_url)
    with PostgresStore(database_url) as store:
        assert register(store, 1).status is Status.REGISTERED


def test_store_refuses_a_newer_schema(pg_url):
    with psycopg.connect(pg_url) as conn:
        conn.execute(
            "INSERT INTO schema_version (version, name) VALUES (%s, 'future.sql')",
            (SCHEMA_VERSION + 1,),
        )
    with PostgresStore(pg_url) as store, pytest.raises(StoreUnavailable, match="Perbarui"):
        store.counts(BOGA)


# --- the unique constraint behind the locks ------------------------------------------------


def test_unique_backstop_surfaces_as_already_registered(pg_url, store_catalog, register):
    """Were the NIK lock ever bypassed, the (run, NIK) constraint stops the second row and the
    rerun decide refuses it the usual way."""
    with PostgresStore(pg_url) as store:
        first = register(store, 1)
        real = make_decide(
            store_catalog,
            store_catalog.find_run(BOGA),
            applicant(1),
            new_id=store.new_registration_id,
            consent_version=CONSENT_VERSION,
        )
        calls = []

        class Blind:  # a snapshot that sees nobody (as without the lock)
            def registrations_of_nik(self, nik):
                return []

            def counts(self, run_id):
                return store.counts(run_id)

        def racing(snapshot):
            calls.append(1)
            return real(Blind() if len(calls) == 1 else snapshot)

        with pytest.raises(AlreadyRegistered) as refused:
            store.add(racing)
        assert refused.value.registration_ids == (first.id,)
        assert len(calls) == 2
    assert _count(pg_url) == 1


def test_number_collision_draws_a_new_number(pg_url, store_catalog, register):
    with PostgresStore(pg_url) as store:
        first = register(store, 1)
        numbers = iter([first.id, "KP-0000-0000-0007"])
        decide = make_decide(
            store_catalog,
            store_catalog.find_run(BOGA),
            applicant(2),
            new_id=lambda: next(numbers),
            consent_version=CONSENT_VERSION,
        )
        assert store.add(decide).id == "KP-0000-0000-0007"
        assert store.get(first.id).applicant.nik.value == fake_nik(1)


def test_import_registration_twice_copies_once(pg_url, register, tmp_path):
    from registrations.jsonl import JsonlStore

    source = JsonlStore(tmp_path / "queue.jsonl")
    a = register(source, 1)
    source.record([Change(a.id, Status.INVITED, by="Petugas Contoh")])
    a = source.get(a.id)
    with PostgresStore(pg_url) as store:
        assert store.import_registration(a) == (True, 1)
        assert store.import_registration(a) == (False, 0)
        assert store.get(a.id) == a
        assert store.counts(BOGA).of(Status.INVITED) == 1
        assert list(store.problems()) == []


# --- two processes, the same NIK, the same moment ----------------------------------------


def _register_in_process(url, courses, run_id, nik_number, barrier, results):
    """Child process: its own catalog and store; wait for the other process, then register."""
    from registrations.rules import RegistrationRefused

    catalog = load_store_catalog(Path(courses))
    store = PostgresStore(url, min_size=1, max_size=1)
    try:
        store.counts(run_id)  # connected and schema checked before the start line
        for i in nik_number:
            decide = make_decide(
                catalog,
                catalog.find_run(run_id),
                applicant(i),
                new_id=store.new_registration_id,
                consent_version=CONSENT_VERSION,
            )
            barrier.wait(timeout=30)
            try:
                store.add(decide)
                results.put((i, "accepted"))
            except AlreadyRegistered:
                results.put((i, "duplicate"))
            except RegistrationRefused:
                results.put((i, "overlap"))
    finally:
        store.close()


ROUNDS = 8


@pytest.mark.parametrize(("run_a", "run_b"), [(BOGA, BOGA), (BOGA, JAHIT)], ids=["same", "overlap"])
def test_same_nik_from_two_processes_at_once(pg_url, tmp_path, run_a, run_b):
    courses = write_store_catalog(tmp_path)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    niks = list(range(1, ROUNDS + 1))
    processes = [
        context.Process(
            target=_register_in_process,
            args=(pg_url, str(courses), run, niks, barrier, results),
        )
        for run in (run_a, run_b)
    ]
    for process in processes:
        process.start()
    try:
        outcomes = [results.get(timeout=60) for _ in range(2 * ROUNDS)]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
    results.close()
    results.join_thread()
    assert all(process.exitcode == 0 for process in processes)
    refused = "duplicate" if run_a == run_b else "overlap"
    for i in niks:
        mine = sorted(outcome for number, outcome in outcomes if number == i)
        assert mine == ["accepted", refused], i
    assert _count(pg_url) == ROUNDS


# --- the database goes away -----------------------------------------------------------------


def test_database_stopped_then_back(postgres_server, pg_url, register):
    with PostgresStore(pg_url) as store:
        register(store, 1)
        postgres_server.stop()
        try:
            started = time.monotonic()
            with pytest.raises(StoreUnavailable) as unavailable:
                register(store, 2)
            elapsed = time.monotonic() - started
            assert elapsed < 5, elapsed
            assert "Coba lagi" in str(unavailable.value)
            # for a moment after that wait, calls answer at once (no worker held for seconds)
            started = time.monotonic()
            with pytest.raises(StoreUnavailable):
                store.counts(BOGA)
            assert time.monotonic() - started < 0.5
        finally:
            postgres_server.start()
        time.sleep(FAIL_FAST_SECONDS)
        # the same store object, no restart: no dead connection handed out
        assert register(store, 3).status is Status.REGISTERED
        assert [r.applicant.nik.value for r in store.registrations()] == [fake_nik(1), fake_nik(3)]
    assert _count(pg_url) == 2


def test_read_only_database(postgres_server, pg_url, register):
    name = pg_url.rsplit("/", 1)[1]

    def set_read_only(value: str) -> None:
        with psycopg.connect(postgres_server.url, autocommit=True) as admin:
            admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = {value}')
            # sessions take the setting when they start: end the open ones
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )

    with PostgresStore(pg_url) as store:
        first = register(store, 1)
        set_read_only("on")
        with pytest.raises(StoreUnavailable) as unavailable:
            register(store, 2)
        assert str(unavailable.value) == MSG_READ_ONLY
        with pytest.raises(StoreUnavailable):
            store.record([Change(first.id, Status.INVITED, by="Petugas Contoh")])
        assert store.counts(BOGA).total == 1  # reading still works
        set_read_only("off")
        assert register(store, 2).status is Status.REGISTERED
        assert store.record([Change(first.id, Status.INVITED, by="Petugas Contoh")])


def test_redis_server_answers(redis_server):
    import redis

    client = redis.Redis.from_url(redis_server.url)
    try:
        assert client.ping()
        client.set("katalog:test", "1")
        assert client.get("katalog:test") == b"1"
    finally:
        client.close()
