"""registrations.jsonl: the JSON Lines registration store (registrations and status events)."""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
import time
from datetime import UTC, datetime

import pytest

from registrations import jsonl as jsonl_module
from registrations.ids import format_registration_id, parse_registration_id
from registrations.jsonl import (
    PROBLEM_EMPTY,
    PROBLEM_NOT_JSON,
    PROBLEM_NOT_OBJECT,
    PROBLEM_NOT_UTF8,
    PROBLEM_TOO_LONG,
    PROBLEM_TORN,
    JsonlStore,
)
from registrations.models import StatusEvent
from registrations.records import (
    dump_line,
    event_record,
    registration_from,
    registration_record,
)
from registrations.status import Status, transition_problem
from registrations.store import (
    Change,
    ChangeRefused,
    Problem,
    PurgeResult,
    RunCounts,
    StoreUnavailable,
    open_store,
)

FORK = multiprocessing.get_context("fork")
RECEIVED = datetime(2027, 1, 5, 2, 31, 7, tzinfo=UTC)  # make_record's default received_at
CLERK = "Siti (petugas)"


class Duplicate(Exception):
    pass


def v2(record: dict, publish_name: bool = False) -> dict:
    """``record`` (written by make_record in format 1) in format 2, as the store writes it now."""
    return {**record, "v": 2, "consent": {**record["consent"], "publish_name": publish_name}}


def adding(record, pause=0.0):
    """A decide function that adds ``record`` (a stored dict) unless its NIK is already
    registered for the run.

    ``pause`` widens the window between check and write, so a missing lock shows up reliably.
    """

    def decide(snapshot):
        nik = record["applicant"]["nik"]
        if any(run == record["run_id"] for run, _ in snapshot.registrations_of_nik(nik)):
            raise Duplicate(nik)
        time.sleep(pause)
        return registration_from(record)

    return decide


def lines_of(path):
    return [(line.line_no, line.record, line.problem) for line in JsonlStore(path).lines()]


def at(hour: int, day: int = 20) -> datetime:
    return datetime(2027, 1, day, hour, tzinfo=UTC)


# --- round trip --------------------------------------------------------------------------------


def test_add_writes_one_exact_line_and_reads_back(queue_path, qf):
    store = open_store(queue_path)
    assert isinstance(store, JsonlStore)
    record = v2(qf.make_record(1, full_name="Contoh Pendaftar Ñoño"), publish_name=True)

    assert store.add(adding(record)) == registration_from(record)

    assert queue_path.read_bytes() == dump_line(record)
    assert '"full_name":"Contoh Pendaftar Ñoño"' in queue_path.read_text(encoding="utf-8")
    assert lines_of(queue_path) == [(1, record, None)]
    got = store.get(record["id"])
    assert got == registration_from(record)
    assert got.consent.publish_name is True and got.version == 2
    assert got.status is Status.REGISTERED and got.events == ()
    assert store.get(qf.fake_id(99)) is None
    assert store.get("bukan nomor") is None
    assert store.counts(qf.RUN_BOGA) == RunCounts({Status.REGISTERED: 1}, RECEIVED)
    assert store.counts(qf.RUN_MENJAHIT) == RunCounts({}, None)


def test_a_version_1_registration_is_written_as_version_2(queue_path, qf):
    store = JsonlStore(queue_path)
    old = qf.make_record(1)  # format 1: no consent.publish_name

    store.add(adding(old))

    assert queue_path.read_bytes() == dump_line(v2(old))
    assert store.get(old["id"]) == registration_from(v2(old))


def test_files_are_created_private(queue_path, qf):
    JsonlStore(queue_path).add(adding(qf.make_record(1)))

    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((queue_path.parent / "queue.jsonl.lock").stat().st_mode) == 0o600
    assert stat.S_IMODE(queue_path.parent.stat().st_mode) == 0o700


def test_a_queue_file_readable_by_others_is_made_private_before_it_gets_data(queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)])  # e.g. restored from a backup with 0644
    os.chmod(queue_path, 0o644)

    JsonlStore(queue_path).add(adding(qf.make_record(2)))

    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600
    assert len(lines_of(queue_path)) == 2


def test_counts_keep_registered_waitlist_and_latest_time(queue_path, qf):
    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(1, received_at="2027-01-05T02:00:00Z")))
    store.add(adding(qf.make_record(2, status="waitlist", received_at="2027-01-06T03:00:00Z")))
    store.add(adding(qf.make_record(3, qf.RUN_MENJAHIT, received_at="2027-01-04T01:00:00Z")))

    counts = store.all_counts()
    assert counts == {
        qf.RUN_BOGA: RunCounts(
            {Status.REGISTERED: 1, Status.WAITLIST: 1}, datetime(2027, 1, 6, 3, tzinfo=UTC)
        ),
        qf.RUN_MENJAHIT: RunCounts({Status.REGISTERED: 1}, datetime(2027, 1, 4, 1, tzinfo=UTC)),
    }
    boga = counts[qf.RUN_BOGA]
    assert (boga.registered, boga.waitlist, boga.total) == (1, 1, 2)


def test_snapshot_lists_every_run_of_a_nik(queue_path, qf):
    store = JsonlStore(queue_path)
    nik = qf.fake_nik(7)
    store.add(adding(qf.make_record(1, nik=nik)))
    store.add(adding(qf.make_record(2, qf.RUN_MENJAHIT, nik=nik)))
    seen = []

    def decide(snapshot):
        seen.append(sorted(snapshot.registrations_of_nik(nik)))
        seen.append(snapshot.registrations_of_nik(qf.fake_nik(3)))
        seen.append(snapshot.counts(qf.RUN_BOGA))
        return registration_from(qf.make_record(3))

    store.add(decide)

    assert seen == [
        sorted([(qf.RUN_BOGA, qf.fake_id(1)), (qf.RUN_MENJAHIT, qf.fake_id(2))]),
        [],
        RunCounts({Status.REGISTERED: 1}, RECEIVED),
    ]

    def check_third(snapshot):
        seen.append(snapshot.registrations_of_nik(qf.fake_nik(3)))
        raise Duplicate("stop")

    with pytest.raises(Duplicate):
        store.add(check_third)
    assert seen[-1] == [(qf.RUN_BOGA, qf.fake_id(3))]


def test_refused_decision_writes_nothing(queue_path, qf):
    store = JsonlStore(queue_path)
    record = qf.make_record(1)
    store.add(adding(record))
    before = queue_path.read_bytes()

    with pytest.raises(Duplicate):
        store.add(adding(qf.make_record(2, nik=record["applicant"]["nik"])))
    with pytest.raises(ValueError, match="already stored"):
        store.add(lambda snapshot: registration_from(qf.make_record(1, qf.RUN_MENJAHIT)))
    with pytest.raises(TypeError, match="must return a Registration"):
        store.add(lambda snapshot: qf.make_record(5))  # a dict is not a registration

    assert queue_path.read_bytes() == before


def test_a_registration_with_a_malformed_number_is_refused(queue_path, qf):
    from dataclasses import replace

    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(1)))
    before = queue_path.read_bytes()
    bad = replace(registration_from(qf.make_record(5)), id="123")

    with pytest.raises(ValueError):
        store.add(lambda snapshot: bad)

    assert queue_path.read_bytes() == before


def test_registration_ids_are_crockford_and_round_trip(queue_path):
    store = JsonlStore(queue_path)
    ids = {store.new_registration_id() for _ in range(200)}

    assert len(ids) == 200
    for rid in ids:
        assert len(rid) == 17 and rid.startswith("KP-")
        assert format_registration_id(parse_registration_id(rid)) == rid
        assert not set(rid[3:]) & set("ILOU")
    assert format_registration_id(0) == "KP-0000-0000-0000"
    assert parse_registration_id("KP-0000-0000-000I") is None


def test_a_second_instance_sees_adds_and_events_incrementally(queue_path, qf):
    writer, reader = JsonlStore(queue_path), JsonlStore(queue_path)
    assert reader.counts(qf.RUN_BOGA) == RunCounts({}, None)
    writer.add(adding(qf.make_record(1)))
    assert reader.counts(qf.RUN_BOGA).registered == 1
    writer.add(adding(qf.make_record(2)))

    assert reader.counts(qf.RUN_BOGA).registered == 2
    assert reader.get(qf.fake_id(2)).applicant.full_name == "Contoh Pendaftar 2"

    writer.record([Change(qf.fake_id(2), Status.INVITED, by=CLERK)], now=at(3))
    assert reader.counts(qf.RUN_BOGA).by_status == {Status.REGISTERED: 1, Status.INVITED: 1}
    assert reader.get(qf.fake_id(2)).status is Status.INVITED


def test_index_is_rebuilt_when_the_file_is_replaced(queue_path, qf):
    store = JsonlStore(queue_path)
    for i in range(1, 4):
        store.add(adding(qf.make_record(i)))
    assert store.counts(qf.RUN_BOGA).registered == 3

    # replaced by a shorter file (as purge does) ...
    qf.write_queue(queue_path.with_name("new.jsonl"), [qf.make_record(9)])
    os.replace(queue_path.with_name("new.jsonl"), queue_path)
    assert store.counts(qf.RUN_BOGA).registered == 1
    assert store.get(qf.fake_id(1)) is None

    # ... or rewritten in place with different, longer content
    qf.write_queue(queue_path, [qf.make_record(i, qf.RUN_MENJAHIT) for i in range(10, 13)])
    assert store.all_counts() == {qf.RUN_MENJAHIT: RunCounts({Status.REGISTERED: 3}, RECEIVED)}
    assert store.get(qf.fake_id(11)).run_id == qf.RUN_MENJAHIT


def test_missing_file_is_an_empty_store_for_the_web_but_an_error_for_lines(queue_path, qf):
    store = JsonlStore(queue_path)
    assert store.counts(qf.RUN_BOGA) == RunCounts({}, None)
    assert store.all_counts() == {}
    assert store.get(qf.fake_id(1)) is None
    assert list(store.registrations()) == []
    assert list(store.problems()) == []
    assert store.damaged_count() == 0
    with pytest.raises(FileNotFoundError):
        store.lines()
    assert not queue_path.exists()  # reading creates nothing


def test_a_database_url_opens_a_postgres_store_without_connecting():
    from registrations.postgres import PostgresStore

    # Nothing listens on port 1: a store that connected when opened would fail here.
    store = open_store("postgresql://katalog:rahasia@127.0.0.1:1/katalog")
    try:
        assert isinstance(store, PostgresStore)
        assert "rahasia" not in repr(store)
    finally:
        store.close()


# --- torn and damaged lines ----------------------------------------------------------------------


def test_torn_tail_is_reported_and_the_next_record_gets_its_own_line(queue_path, qf):
    first = qf.make_record(1)
    torn = dump_line(qf.make_record(2))[:40]
    qf.write_queue(queue_path, [first], tail=torn)
    store = JsonlStore(queue_path)

    assert lines_of(queue_path) == [(1, first, None), (2, None, PROBLEM_TORN)]
    assert store.counts(qf.RUN_BOGA).registered == 1
    assert store.damaged_count() == 1

    third = v2(qf.make_record(3))
    store.add(adding(third))

    assert queue_path.read_bytes() == dump_line(first) + torn + b"\n" + dump_line(third)
    assert lines_of(queue_path) == [(1, first, None), (2, None, PROBLEM_NOT_JSON), (3, third, None)]
    assert store.counts(qf.RUN_BOGA).registered == 2
    assert store.get(third["id"]) == registration_from(third)
    assert store.damaged_count() == 1


def test_events_after_a_torn_tail_get_their_own_line(queue_path, qf):
    first = qf.make_record(1)
    torn = dump_line(qf.make_record(2))[:40]
    qf.write_queue(queue_path, [first], tail=torn)
    store = JsonlStore(queue_path)

    (event,) = store.record([Change(first["id"], Status.INVITED, by=CLERK)], now=at(3))

    assert queue_path.read_bytes() == dump_line(first) + torn + b"\n" + dump_line(
        event_record(event)
    )
    assert store.get(first["id"]).status is Status.INVITED


def test_damaged_lines_become_problems_with_line_numbers(queue_path, qf):
    good = [qf.make_record(i) for i in range(1, 4)]
    queue_path.parent.mkdir()
    queue_path.write_bytes(
        dump_line(good[0])
        + b"\x00\xff\xfegarbage\n"  # 2: binary
        + b'{"nama":"\xe9"}\n'  # 3: latin-1, not UTF-8
        + b"[1, 2]\n"  # 4: JSON but not an object
        + b"\n"  # 5: empty
        + b"{"
        + b"x" * (jsonl_module.MAX_LINE_BYTES + 10)
        + b"\n"  # 6: huge
        + dump_line(good[1])  # 7
        + b"{not json\n"  # 8
        + dump_line(good[2])  # 9
    )

    assert lines_of(queue_path) == [
        (1, good[0], None),
        (2, None, PROBLEM_NOT_UTF8),
        (3, None, PROBLEM_NOT_UTF8),
        (4, None, PROBLEM_NOT_OBJECT),
        (5, None, PROBLEM_EMPTY),
        (6, None, PROBLEM_TOO_LONG),
        (7, good[1], None),
        (8, None, PROBLEM_NOT_JSON),
        (9, good[2], None),
    ]
    store = JsonlStore(queue_path)
    assert store.counts(qf.RUN_BOGA).registered == 3
    assert store.get(good[2]["id"]) == registration_from(good[2])
    assert [r.id for r in store.registrations()] == [r["id"] for r in good]
    assert [r.id for r in store.registrations(qf.RUN_BOGA)] == [r["id"] for r in good]
    assert [(p.where, p.message) for p in store.problems()] == [
        ("baris 2", PROBLEM_NOT_UTF8),
        ("baris 3", PROBLEM_NOT_UTF8),
        ("baris 4", PROBLEM_NOT_OBJECT),
        ("baris 5", PROBLEM_EMPTY),
        ("baris 6", PROBLEM_TOO_LONG),
        ("baris 8", PROBLEM_NOT_JSON),
    ]


def test_huge_torn_tail_does_not_break_the_index(queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)], tail=b"{" + b"y" * (3 << 20))
    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(2)))

    problems = [(n, p) for n, _r, p in lines_of(queue_path) if p]
    assert problems == [(2, PROBLEM_TOO_LONG)]
    assert store.counts(qf.RUN_BOGA).registered == 2
    assert JsonlStore(queue_path).get(qf.fake_id(2)).id == qf.fake_id(2)


# --- failures ----------------------------------------------------------------------------------


def test_full_disk_raises_store_unavailable_and_leaves_the_file_unchanged(
    queue_path, qf, monkeypatch
):
    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(1)))
    before = queue_path.read_bytes()

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    with pytest.raises(StoreUnavailable, match="disk penuh"):
        store.add(adding(qf.make_record(2)))
    with pytest.raises(StoreUnavailable, match="disk penuh"):
        store.record([Change(qf.fake_id(1), Status.INVITED, by=CLERK)])
    monkeypatch.undo()

    assert queue_path.read_bytes() == before
    assert store.counts(qf.RUN_BOGA) == RunCounts({Status.REGISTERED: 1}, RECEIVED)
    assert store.get(qf.fake_id(1)).events == ()


def test_short_write_and_failed_fsync_are_truncated_away(queue_path, qf, monkeypatch):
    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(1)))
    before = queue_path.read_bytes()
    real_write = os.write

    def half_write(fd, data):
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(os, "write", half_write)
    with pytest.raises(StoreUnavailable, match="kesalahan baca/tulis disk"):
        store.add(adding(qf.make_record(2)))
    with pytest.raises(StoreUnavailable, match="kesalahan baca/tulis disk"):
        store.record(
            [
                Change(qf.fake_id(1), Status.INVITED, by=CLERK),
                Change(qf.fake_id(1), Status.ACCEPTED, by=CLERK),
            ]
        )
    monkeypatch.undo()
    assert queue_path.read_bytes() == before

    def failing_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(StoreUnavailable):
        store.add(adding(qf.make_record(3)))
    with pytest.raises(StoreUnavailable):
        store.record([Change(qf.fake_id(1), Status.INVITED, by=CLERK)])
    monkeypatch.undo()
    assert queue_path.read_bytes() == before

    store.add(adding(qf.make_record(4)))
    assert [r["id"] for _n, r, _p in lines_of(queue_path)] == [qf.fake_id(1), qf.fake_id(4)]
    assert store.get(qf.fake_id(1)).events == ()


def test_unwritable_location_is_store_unavailable(tmp_path, qf):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = JsonlStore(blocker / "queue.jsonl")
    with pytest.raises(StoreUnavailable):
        store.add(adding(qf.make_record(1)))
    assert store.health() is not None


def test_health_is_none_when_registrations_can_be_written(queue_path, qf):
    store = JsonlStore(queue_path)
    assert store.health() is None  # the folder is made on the first registration
    store.add(adding(qf.make_record(1)))
    assert store.health() is None


# --- several processes -------------------------------------------------------------------------


def _register_same_nik(path, record, barrier, results):
    barrier.wait()
    try:
        JsonlStore(path).add(adding(record, pause=0.05))
        results.put(("accepted", record["id"]))
    except Duplicate:
        results.put(("refused", record["id"]))


def test_concurrent_registrations_of_one_nik_accept_exactly_one(queue_path, qf):
    queue_path.parent.mkdir()
    workers = 8
    barrier, results = FORK.Barrier(workers), FORK.Queue()
    nik = qf.fake_nik(500)
    processes = [
        FORK.Process(
            target=_register_same_nik,
            args=(queue_path, qf.make_record(i, nik=nik), barrier, results),
        )
        for i in range(1, workers + 1)
    ]
    for p in processes:
        p.start()
    outcomes = [results.get(timeout=30) for _ in processes]
    for p in processes:
        p.join(timeout=30)

    assert sorted(kind for kind, _ in outcomes) == ["accepted"] + ["refused"] * (workers - 1)
    records = [r for _n, r, _p in lines_of(queue_path)]
    assert len(records) == 1 and records[0]["applicant"]["nik"] == nik


def _register_many(path, records):
    store = JsonlStore(path)
    for record in records:
        store.add(adding(record))


def test_concurrent_writers_never_interleave_lines(queue_path, qf):
    queue_path.parent.mkdir()
    processes = [
        FORK.Process(
            target=_register_many,
            args=(queue_path, [qf.make_record(i) for i in range(1 + w * 50, 51 + w * 50)]),
        )
        for w in range(4)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=60)

    lines = lines_of(queue_path)
    assert [p for _n, _r, p in lines if p] == []
    assert sorted(r["id"] for _n, r, _p in lines) == sorted(qf.fake_id(i) for i in range(1, 201))
    assert JsonlStore(queue_path).counts(qf.RUN_BOGA).registered == 200


def _invite_one_by_one(path, ids, barrier):
    store = JsonlStore(path)
    barrier.wait()
    for rid in ids:
        store.record([Change(rid, Status.INVITED, by=CLERK)])


def test_concurrent_clerks_never_record_the_same_change_twice(queue_path, qf):
    """Two clerks importing the same decisions at once: each change is written exactly once
    (the check against the current status happens under the writers' lock)."""
    ids = [qf.fake_id(i) for i in range(1, 31)]
    qf.write_queue(queue_path, [qf.make_record(i) for i in range(1, 31)])
    barrier = FORK.Barrier(3)
    processes = [
        FORK.Process(target=_invite_one_by_one, args=(queue_path, ids, barrier)) for _ in range(3)
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=60)

    assert [p.exitcode for p in processes] == [0, 0, 0]
    store = JsonlStore(queue_path)
    assert list(store.problems()) == []
    assert len(lines_of(queue_path)) == 30 + 30
    assert store.counts(qf.RUN_BOGA).by_status == {Status.INVITED: 30}
    for rid in ids:
        assert [e.seq for e in store.get(rid).events] == [1]


# --- status events -----------------------------------------------------------------------------


def test_each_event_is_one_line_in_the_same_file(queue_path, qf):
    store = JsonlStore(queue_path)
    first, second = qf.make_record(1), qf.make_record(2)
    store.add(adding(first))
    store.add(adding(second))
    before = queue_path.read_bytes()

    events = store.record(
        [
            Change(first["id"], Status.INVITED, by=CLERK, note="seleksi 25 Januari"),
            Change(second["id"], Status.REJECTED, by=CLERK, reason="umur tidak sesuai"),
            Change(first["id"], Status.RESERVE, by=CLERK, rank=2),
        ],
        now=datetime(2027, 1, 20, 3, 0, 0, 999, tzinfo=UTC),
    )

    assert events == [
        StatusEvent(first["id"], qf.RUN_BOGA, 1, Status.REGISTERED, Status.INVITED, at(3),
                    CLERK, note="seleksi 25 Januari"),
        StatusEvent(second["id"], qf.RUN_BOGA, 1, Status.REGISTERED, Status.REJECTED, at(3),
                    CLERK, reason="umur tidak sesuai"),
        StatusEvent(first["id"], qf.RUN_BOGA, 2, Status.INVITED, Status.RESERVE, at(3), CLERK,
                    rank=2),
    ]  # fmt: skip
    assert queue_path.read_bytes() == before + b"".join(dump_line(event_record(e)) for e in events)
    assert [(n, r["type"], p) for n, r, p in lines_of(queue_path)[2:]] == [
        (3, "event", None),
        (4, "event", None),
        (5, "event", None),
    ]
    assert lines_of(queue_path)[2][1] == {
        "v": 2,
        "type": "event",
        "id": first["id"],
        "run_id": qf.RUN_BOGA,
        "seq": 1,
        "from": "registered",
        "to": "invited",
        "at": "2027-01-20T03:00:00Z",
        "by": CLERK,
        "reason": None,
        "rank": None,
        "note": "seleksi 25 Januari",
        "starter_package": None,
        "followup_month": None,
        "followup": None,
    }
    assert list(store.problems()) == []
    assert store.damaged_count() == 0


def test_get_returns_the_events_in_order_and_the_current_status(queue_path, qf):
    store = JsonlStore(queue_path)
    record = v2(qf.make_record(1))
    store.add(adding(record))
    store.add(adding(qf.make_record(2)))
    rid = record["id"]
    store.record([Change(rid, Status.INVITED, by=CLERK)], now=at(1))
    store.record([Change(qf.fake_id(2), Status.WITHDRAWN, by=CLERK)], now=at(2))
    store.record([Change(rid, Status.RESERVE, by=CLERK, rank=3)], now=at(3))
    store.record([Change(rid, Status.ACCEPTED, by="sistem")], now=at(4))
    store.record([Change(rid, Status.ATTENDING, by=CLERK)], now=at(5, day=22))

    got = store.get(rid)

    assert [(e.seq, e.from_status, e.to_status, e.at, e.rank) for e in got.events] == [
        (1, Status.REGISTERED, Status.INVITED, at(1), None),
        (2, Status.INVITED, Status.RESERVE, at(3), 3),
        (3, Status.RESERVE, Status.ACCEPTED, at(4), None),
        (4, Status.ACCEPTED, Status.ATTENDING, at(5, day=22), None),
    ]
    assert got.status is Status.ATTENDING and got.changed_at == at(5, day=22)
    assert got.initial_status is Status.REGISTERED and got.received_at == RECEIVED
    assert got == registration_from(record, got.events)
    assert [r.id for r in store.registrations()] == [rid, qf.fake_id(2)]
    assert next(store.registrations()).events == got.events
    assert [r.status for r in store.registrations(qf.RUN_BOGA)] == [
        Status.ATTENDING,
        Status.WITHDRAWN,
    ]


def test_reserve_rank_is_the_last_events_rank(queue_path, qf):
    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(1)))
    rid = qf.fake_id(1)
    assert store.get(rid).reserve_rank is None
    store.record([Change(rid, Status.RESERVE, by=CLERK, rank=2)], now=at(1))
    assert store.get(rid).reserve_rank == 2

    # The same status with another rank is a change (the reserve list moved up) ...
    (moved,) = store.record([Change(rid, Status.RESERVE, by=CLERK, rank=1)], now=at(2))
    assert (moved.seq, moved.from_status, moved.to_status, moved.rank) == (
        2,
        Status.RESERVE,
        Status.RESERVE,
        1,
    )
    assert store.get(rid).reserve_rank == 1
    # ... the same status with the same rank is not.
    before = queue_path.read_bytes()
    assert store.record([Change(rid, Status.RESERVE, by=CLERK, rank=1)], now=at(3)) == []
    assert queue_path.read_bytes() == before


def test_recording_the_status_a_registration_already_has_is_a_no_op(queue_path, qf):
    store = JsonlStore(queue_path)
    store.add(adding(qf.make_record(1)))
    store.add(adding(qf.make_record(2, status="waitlist")))
    changes = [
        Change(qf.fake_id(1), Status.INVITED, by=CLERK),
        Change(qf.fake_id(2), Status.INVITED, by=CLERK),
    ]
    assert len(store.record(changes, now=at(1))) == 2
    before = queue_path.read_bytes()

    # the same file imported twice, and a status set to what it already is
    assert store.record(changes, now=at(2)) == []
    assert store.record([Change(qf.fake_id(2), Status.INVITED, by="orang lain")]) == []
    assert store.record([]) == []

    assert queue_path.read_bytes() == before
    assert [e.at for e in store.get(qf.fake_id(1)).events] == [at(1)]


def test_a_batch_with_one_refused_change_writes_nothing_and_names_every_problem(queue_path, qf):
    store = JsonlStore(queue_path)
    for i in (1, 2, 3):
        store.add(adding(qf.make_record(i)))
    store.add(adding(qf.make_record(4, qf.RUN_MENJAHIT)))
    before = queue_path.read_bytes()
    unknown = qf.fake_id(99)

    with pytest.raises(ChangeRefused) as refused:
        store.record(
            [
                Change(qf.fake_id(1), Status.INVITED, by=CLERK),  # fine on its own
                Change(qf.fake_id(2), Status.CERTIFIED, by=CLERK),  # not from "terdaftar"
                Change(qf.fake_id(3), Status.REJECTED, by=CLERK, reason="  "),  # no reason
                Change(unknown, Status.INVITED, by=CLERK),
                Change(qf.fake_id(4), Status.INVITED, by=CLERK, run_id=qf.RUN_BOGA),
                Change(qf.fake_id(1), Status.PASSED, by=CLERK),  # follows the first change
            ]
        )

    assert refused.value.problems == [
        (qf.fake_id(2), transition_problem(Status.REGISTERED, Status.CERTIFIED, None)),
        (qf.fake_id(3), "status \u201cTidak diterima\u201d perlu alasan; isi alasannya."),
        (unknown, f"nomor pendaftaran {unknown} tidak ada di antrean."),
        (qf.fake_id(4), f"nomor pendaftaran {qf.fake_id(4)} bukan pendaftar angkatan {qf.RUN_BOGA}."),
        (qf.fake_id(1), transition_problem(Status.INVITED, Status.PASSED, None)),
    ]  # fmt: skip
    for rid, message in refused.value.problems:
        assert f"{rid}: {message}" in str(refused.value)
    assert queue_path.read_bytes() == before
    assert store.counts(qf.RUN_BOGA) == RunCounts({Status.REGISTERED: 3}, RECEIVED)
    assert all(r.events == () for r in store.registrations())


def test_counts_move_with_events(queue_path, qf):
    store = JsonlStore(queue_path)
    for i in (1, 2, 3):
        store.add(adding(qf.make_record(i)))
    store.add(adding(qf.make_record(4, status="waitlist")))
    store.add(adding(qf.make_record(5, qf.RUN_MENJAHIT)))

    store.record(
        [
            Change(qf.fake_id(1), Status.INVITED, by=CLERK),
            Change(qf.fake_id(2), Status.INVITED, by=CLERK),
            Change(qf.fake_id(4), Status.WITHDRAWN, by=CLERK),
            Change(qf.fake_id(1), Status.ACCEPTED, by=CLERK),
        ]
    )

    boga = store.counts(qf.RUN_BOGA)
    assert boga == RunCounts(
        {Status.REGISTERED: 1, Status.INVITED: 1, Status.ACCEPTED: 1, Status.WITHDRAWN: 1},
        RECEIVED,
    )
    assert (boga.registered, boga.waitlist, boga.total, boga.of(Status.INVITED)) == (1, 0, 4, 1)
    assert store.all_counts()[qf.RUN_MENJAHIT] == RunCounts({Status.REGISTERED: 1}, RECEIVED)
    # a fresh reader (index built from the file) agrees
    assert JsonlStore(queue_path).all_counts() == store.all_counts()


def test_purge_removes_a_registrations_events_with_it(queue_path, qf):
    store = JsonlStore(queue_path)
    gone, kept = qf.make_record(1), v2(qf.make_record(2))
    store.add(adding(gone))
    store.add(adding(kept))
    store.record(
        [
            Change(gone["id"], Status.INVITED, by=CLERK),
            Change(kept["id"], Status.INVITED, by=CLERK),
            Change(gone["id"], Status.REJECTED, by=CLERK, reason="tidak hadir seleksi"),
        ],
        now=at(3),
    )
    kept_events = store.get(kept["id"]).events

    result = store.purge(lambda registration: registration.id != gone["id"])

    assert result == PurgeResult(kept=1, removed=1, damaged_kept=0)
    assert queue_path.read_bytes() == dump_line(kept) + dump_line(event_record(kept_events[0]))
    assert store.get(gone["id"]) is None
    assert store.get(kept["id"]).events == kept_events
    assert store.counts(qf.RUN_BOGA) == RunCounts({Status.INVITED: 1}, RECEIVED)
    assert list(store.problems()) == []
    assert "tidak hadir seleksi" not in queue_path.read_text(encoding="utf-8")


def test_purge_sees_the_current_status(queue_path, qf):
    store = JsonlStore(queue_path)
    for i in (1, 2, 3):
        store.add(adding(qf.make_record(i)))
    store.record([Change(qf.fake_id(2), Status.WITHDRAWN, by=CLERK)])

    result = store.purge(lambda registration: registration.status is not Status.WITHDRAWN)

    assert (result.kept, result.removed) == (2, 1)
    assert [r.id for r in store.registrations()] == [qf.fake_id(1), qf.fake_id(3)]


# --- verify: problems ----------------------------------------------------------------------------


def _event(rid, run_id, seq, old, new, hour=3, **extra):
    return event_record(StatusEvent(rid, run_id, seq, old, new, at(hour), CLERK, **extra))


def test_problems_report_events_of_unknown_registrations_and_events_that_do_not_follow(
    queue_path, qf
):
    first, second = qf.make_record(1), qf.make_record(2)
    unknown = qf.fake_id(77)
    qf.write_queue(
        queue_path,
        [
            _event(first["id"], qf.RUN_BOGA, 1, Status.REGISTERED, Status.INVITED),  # 1: before
            first,  # 2
            second,  # 3
            _event(unknown, qf.RUN_BOGA, 1, Status.REGISTERED, Status.INVITED),  # 4
            _event(first["id"], qf.RUN_BOGA, 1, Status.REGISTERED, Status.INVITED),  # 5: fine
            _event(first["id"], qf.RUN_BOGA, 3, Status.INVITED, Status.ACCEPTED),  # 6: seq 3
            _event(second["id"], qf.RUN_BOGA, 1, Status.INVITED, Status.ACCEPTED),  # 7: from
            {**_event(second["id"], qf.RUN_BOGA, 2, Status.ACCEPTED, Status.ATTENDING),
             "to": "wisuda"},  # 8: unknown status
        ],
    )  # fmt: skip
    store = JsonlStore(queue_path)

    problems = list(store.problems())

    assert problems == [
        Problem(
            "baris 1",
            f"perubahan status untuk nomor {first['id']} yang tidak ada di baris sebelumnya",
        ),
        Problem(
            "baris 4",
            f"perubahan status untuk nomor {unknown} yang tidak ada di baris sebelumnya",
        ),
        Problem(
            "baris 6",
            f"perubahan status nomor {first['id']} tidak menyambung (dari invited, urutan 3; "
            "seharusnya dari invited, urutan 2)",
        ),
        Problem(
            "baris 7",
            f"perubahan status nomor {second['id']} tidak menyambung (dari invited, urutan 1; "
            "seharusnya dari registered, urutan 1)",
        ),
        Problem("baris 8", "status tidak dikenal: wisuda"),
    ]
    for problem in problems:  # never personal data
        assert first["applicant"]["nik"] not in problem.message
        assert "Contoh Pendaftar" not in problem.message
    assert store.damaged_count() >= 2  # the events of unknown registrations change nothing


def test_problems_report_invalid_registrations_and_duplicates(queue_path, qf):
    first = qf.make_record(1)
    qf.write_queue(
        queue_path,
        [
            first,
            qf.make_record(1, qf.RUN_MENJAHIT),  # 2: number used twice
            qf.make_record(3, nik=first["applicant"]["nik"]),  # 3: same NIK, same run
            {**qf.make_record(4), "v": 9},  # 4: unknown format
            {**qf.make_record(5), "status": "diterima"},  # 5: not a first status
        ],
    )

    assert [(p.where, p.message) for p in JsonlStore(queue_path).problems()] == [
        ("baris 2", f"nomor pendaftaran {first['id']} sudah dipakai di baris 1"),
        ("baris 3", f"NIK yang sama sudah terdaftar untuk angkatan {qf.RUN_BOGA} di baris 1"),
        ("baris 4", "versi format 9 tidak dikenal (seharusnya 2)"),
        ("baris 5", "status tidak dikenal: diterima (harus registered atau waitlist)"),
    ]


# --- format version 1 --------------------------------------------------------------------------


def test_a_version_1_file_written_by_hand_is_read_unchanged(queue_path, qf):
    old = [
        qf.make_record(1, received_at="2026-12-01T01:00:00Z"),
        qf.make_record(2, status="waitlist", disability="tunadaksa", email=None),
        qf.make_record(3, qf.RUN_MENJAHIT, full_name="Ñoño Ümit Contoh"),
    ]
    qf.write_queue(queue_path, old)
    original = queue_path.read_bytes()
    store = JsonlStore(queue_path)

    # lines() gives each line exactly as written
    assert [line.record for line in store.lines()] == old
    assert b"".join(dump_line(line.record) for line in store.lines()) == original
    assert list(store.problems()) == []
    assert store.damaged_count() == 0
    for record in old:
        got = store.get(record["id"])
        assert got == registration_from(record)
        assert got.version == 1 and got.consent.publish_name is False
        assert registration_record(got) == v2(record)  # what it would be in format 2
    assert store.get(old[1]["id"]).status is Status.WAITLIST
    assert store.get(old[1]["id"]).applicant.disability == "tunadaksa"

    # new registrations and events are appended in format 2; the old lines stay byte for byte
    store.add(adding(qf.make_record(4)))
    store.record([Change(old[0]["id"], Status.INVITED, by=CLERK)], now=at(3))
    assert queue_path.read_bytes().startswith(original)
    assert [line.record["v"] for line in store.lines()] == [1, 1, 1, 2, 2]
    assert store.get(old[0]["id"]) == registration_from(old[0], store.get(old[0]["id"]).events)
    assert store.get(old[0]["id"]).version == 1
    assert list(store.problems()) == []

    # a purge keeps what it keeps byte for byte, too
    store.purge(lambda registration: registration.run_id == qf.RUN_BOGA)
    assert queue_path.read_bytes().startswith(dump_line(old[0]) + dump_line(old[1]))


# --- privacy -----------------------------------------------------------------------------------


def test_reprs_never_show_the_whole_nik_name_or_phone(queue_path, qf):
    record = qf.make_record(1, full_name="Rahasia Pendaftar", email="rahasia@example.org")
    nik, phone = record["applicant"]["nik"], record["applicant"]["phone"]
    store = JsonlStore(queue_path)
    registration = store.add(adding(record))
    store.record([Change(record["id"], Status.INVITED, by=CLERK)])
    stored = store.get(record["id"])
    applicant = stored.applicant

    shown = [
        repr(applicant.nik), str(applicant.nik), f"{applicant.nik}",
        repr(applicant.phone), str(applicant.phone), f"{applicant.phone}",
        repr(applicant), str(applicant), f"{applicant!r}",
        repr(registration), str(stored), f"{stored}", repr([stored]), repr({"r": stored}),
        repr(store),
    ]  # fmt: skip
    for text in shown:
        assert nik not in text
        assert phone not in text and phone[1:] not in text and phone[3:] not in text
        assert "Rahasia" not in text
        assert "rahasia@example.org" not in text
        assert record["applicant"]["address"] not in text
    # the masked forms, and the full values only when asked for by name
    assert repr(applicant.nik) == f"NikValue('{nik[:6]}{'*' * 10}')"
    assert repr(applicant.phone) == f"PhoneValue('{phone[:5]}{'*' * (len(phone) - 8)}{phone[-3:]}')"
    assert applicant.nik.value == nik and applicant.phone.value == phone
    assert applicant.full_name == "Rahasia Pendaftar"
    assert record["id"] in repr(stored)


# --- purge ---------------------------------------------------------------------------------------


def test_purge_keeps_damaged_lines_and_is_private(queue_path, qf):
    records = [qf.make_record(i, received_at=f"2027-01-0{i}T00:00:00Z") for i in range(1, 5)]
    qf.write_queue(queue_path, records[:2], tail=b"{broken\n" + dump_line(records[2]))
    queue_path.write_bytes(queue_path.read_bytes() + dump_line(records[3])[:30])
    queue_path.chmod(0o644)
    store = JsonlStore(queue_path)
    before = queue_path.read_bytes()

    def keep(registration):
        return registration.received_at >= datetime(2027, 1, 2, tzinfo=UTC)

    dry = store.purge(keep, dry_run=True)
    assert queue_path.read_bytes() == before
    result = store.purge(keep)

    assert (dry.kept, dry.removed, dry.damaged_kept) == (2, 1, 2)
    assert result == dry
    assert queue_path.read_bytes() == (
        dump_line(records[1])
        + b"{broken\n"
        + dump_line(records[2])
        + dump_line(records[3])[:30]
        + b"\n"
    )
    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600
    assert [p.name for p in queue_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert store.counts(qf.RUN_BOGA).registered == 2


def test_purge_of_a_missing_file_does_nothing(queue_path):
    assert JsonlStore(queue_path).purge(lambda registration: False) == PurgeResult(0, 0, 0)
    assert not queue_path.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_purge_as_root_keeps_the_service_user_as_owner(queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1), qf.make_record(2, qf.RUN_MENJAHIT)])
    os.chown(queue_path, 4321, 4322)

    JsonlStore(queue_path).purge(lambda registration: registration.run_id == qf.RUN_BOGA)

    st = queue_path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o600)


def test_purge_while_another_process_registers_loses_nothing(queue_path, qf):
    old = [qf.make_record(i, received_at="2026-01-01T00:00:00Z") for i in range(1000, 1200)]
    qf.write_queue(queue_path, old)
    fresh = [qf.make_record(i) for i in range(1, 81)]
    writer = FORK.Process(target=_register_many, args=(queue_path, fresh))
    writer.start()
    store = JsonlStore(queue_path)
    cutoff = datetime(2027, 1, 1, tzinfo=UTC)
    results = []
    while writer.is_alive() or not results:
        results.append(store.purge(lambda registration: registration.received_at >= cutoff))
        time.sleep(0.002)  # let the writer in between purges
    writer.join(timeout=60)

    ids = [r["id"] for _n, r, _p in lines_of(queue_path)]
    assert sorted(ids) == sorted(r["id"] for r in fresh)
    assert sum(r.removed for r in results) == 200
    assert len(results) > 1
