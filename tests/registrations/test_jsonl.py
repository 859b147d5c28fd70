"""form_service.queue: the JSON Lines registration queue."""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
import time

import pytest

from form_service import queue as queue_module
from form_service.queue import (
    PROBLEM_EMPTY,
    PROBLEM_NOT_JSON,
    PROBLEM_NOT_OBJECT,
    PROBLEM_NOT_UTF8,
    PROBLEM_TOO_LONG,
    PROBLEM_TORN,
    JsonlQueue,
    QueueUnavailable,
    RunCounts,
    dump_record,
    format_registration_id,
    open_queue,
    parse_registration_id,
)

FORK = multiprocessing.get_context("fork")


class Duplicate(Exception):
    pass


def adding(record, pause=0.0):
    """A decide function that appends ``record`` unless its NIK is already registered for the run.

    ``pause`` widens the window between check and write, so a missing lock shows up reliably.
    """

    def decide(snapshot):
        nik = record["applicant"]["nik"]
        if any(run == record["run_id"] for run, _ in snapshot.registrations_of_nik(nik)):
            raise Duplicate(nik)
        time.sleep(pause)
        return record

    return decide


def lines_of(path):
    return [(line.line_no, line.record, line.problem) for line in JsonlQueue(path).read()]


# --- round trip --------------------------------------------------------------------------------


def test_append_writes_one_exact_line_and_reads_back(queue_path, qf):
    queue = open_queue(queue_path)
    record = qf.make_record(1, full_name="Contoh Pendaftar Ñoño")

    assert queue.append(adding(record)) == record

    assert queue_path.read_bytes() == dump_record(record)
    assert '"full_name":"Contoh Pendaftar Ñoño"' in queue_path.read_text(encoding="utf-8")
    assert lines_of(queue_path) == [(1, record, None)]
    assert queue.get(record["id"]) == record
    assert queue.get(qf.fake_id(99)) is None
    assert queue.counts(qf.RUN_BOGA) == RunCounts(1, 0, "2027-01-05T02:31:07Z")
    assert queue.counts(qf.RUN_MENJAHIT) == RunCounts(0, 0, None)


def test_files_are_created_private(queue_path, qf):
    JsonlQueue(queue_path).append(adding(qf.make_record(1)))

    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((queue_path.parent / "queue.jsonl.lock").stat().st_mode) == 0o600


def test_a_queue_file_readable_by_others_is_made_private_before_it_gets_data(queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)])  # e.g. restored from a backup with 0644
    os.chmod(queue_path, 0o644)

    JsonlQueue(queue_path).append(adding(qf.make_record(2)))

    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600
    assert len(lines_of(queue_path)) == 2


def test_counts_keep_registered_waitlist_and_latest_time(queue_path, qf):
    queue = JsonlQueue(queue_path)
    queue.append(adding(qf.make_record(1, received_at="2027-01-05T02:00:00Z")))
    queue.append(adding(qf.make_record(2, status="waitlist", received_at="2027-01-06T03:00:00Z")))
    queue.append(adding(qf.make_record(3, qf.RUN_MENJAHIT, received_at="2027-01-04T01:00:00Z")))

    assert queue.all_counts() == {
        qf.RUN_BOGA: RunCounts(1, 1, "2027-01-06T03:00:00Z"),
        qf.RUN_MENJAHIT: RunCounts(1, 0, "2027-01-04T01:00:00Z"),
    }


def test_snapshot_lists_every_run_of_a_nik(queue_path, qf):
    queue = JsonlQueue(queue_path)
    nik = qf.fake_nik(7)
    queue.append(adding(qf.make_record(1, nik=nik)))
    queue.append(adding(qf.make_record(2, qf.RUN_MENJAHIT, nik=nik)))
    seen = []

    def decide(snapshot):
        seen.append(sorted(snapshot.registrations_of_nik(nik)))
        seen.append(snapshot.has_id(qf.fake_id(1)))
        seen.append(snapshot.counts(qf.RUN_BOGA))
        return qf.make_record(3)

    queue.append(decide)

    assert seen == [
        sorted([(qf.RUN_BOGA, qf.fake_id(1)), (qf.RUN_MENJAHIT, qf.fake_id(2))]),
        True,
        RunCounts(1, 0, "2027-01-05T02:31:07Z"),
    ]
    assert queue.registrations_of_nik(qf.fake_nik(3)) == [(qf.RUN_BOGA, qf.fake_id(3))]


def test_refused_decision_writes_nothing(queue_path, qf):
    queue = JsonlQueue(queue_path)
    record = qf.make_record(1)
    queue.append(adding(record))
    before = queue_path.read_bytes()

    with pytest.raises(Duplicate):
        queue.append(adding(qf.make_record(2, nik=record["applicant"]["nik"])))
    with pytest.raises(ValueError, match="already in the queue"):
        queue.append(lambda snapshot: qf.make_record(1, qf.RUN_MENJAHIT))
    with pytest.raises(ValueError, match="well-formed registration id"):
        queue.append(lambda snapshot: {**qf.make_record(5), "id": "123"})

    assert queue_path.read_bytes() == before


def test_registration_ids_are_crockford_and_round_trip(queue_path):
    queue = JsonlQueue(queue_path)
    ids = {queue.new_registration_id() for _ in range(200)}

    assert len(ids) == 200
    for rid in ids:
        assert len(rid) == 17 and rid.startswith("KP-")
        assert format_registration_id(parse_registration_id(rid)) == rid
        assert not set(rid[3:]) & set("ILOU")
    assert format_registration_id(0) == "KP-0000-0000-0000"
    assert parse_registration_id("KP-0000-0000-000I") is None


def test_a_second_instance_sees_appends_incrementally(queue_path, qf):
    writer, reader = JsonlQueue(queue_path), JsonlQueue(queue_path)
    assert reader.counts(qf.RUN_BOGA) == RunCounts(0, 0, None)
    writer.append(adding(qf.make_record(1)))
    assert reader.counts(qf.RUN_BOGA).registered == 1
    writer.append(adding(qf.make_record(2)))

    assert reader.counts(qf.RUN_BOGA).registered == 2
    assert reader.get(qf.fake_id(2))["applicant"]["full_name"] == "Contoh Pendaftar 2"


def test_index_is_rebuilt_when_the_file_is_replaced(queue_path, qf):
    queue = JsonlQueue(queue_path)
    for i in range(1, 4):
        queue.append(adding(qf.make_record(i)))
    assert queue.counts(qf.RUN_BOGA).registered == 3

    # replaced by a shorter file (as purge does) ...
    qf.write_queue(queue_path.with_name("new.jsonl"), [qf.make_record(9)])
    os.replace(queue_path.with_name("new.jsonl"), queue_path)
    assert queue.counts(qf.RUN_BOGA).registered == 1
    assert queue.get(qf.fake_id(1)) is None

    # ... or rewritten in place with different, longer content
    qf.write_queue(queue_path, [qf.make_record(i, qf.RUN_MENJAHIT) for i in range(10, 13)])
    assert queue.all_counts() == {qf.RUN_MENJAHIT: RunCounts(3, 0, "2027-01-05T02:31:07Z")}
    assert queue.get(qf.fake_id(11))["run_id"] == qf.RUN_MENJAHIT


def test_missing_file_is_an_empty_queue_for_the_web_but_an_error_for_read(queue_path, qf):
    queue = JsonlQueue(queue_path)
    assert queue.counts(qf.RUN_BOGA) == RunCounts(0, 0, None)
    assert queue.all_counts() == {}
    assert queue.get(qf.fake_id(1)) is None
    with pytest.raises(FileNotFoundError):
        queue.read()


def test_postgresql_is_reserved():
    with pytest.raises(NotImplementedError):
        open_queue("postgresql://localhost/katalog")


# --- torn and damaged lines ----------------------------------------------------------------------


def test_torn_tail_is_reported_and_the_next_record_gets_its_own_line(queue_path, qf):
    first = qf.make_record(1)
    torn = dump_record(qf.make_record(2))[:40]
    qf.write_queue(queue_path, [first], tail=torn)
    queue = JsonlQueue(queue_path)

    assert lines_of(queue_path) == [(1, first, None), (2, None, PROBLEM_TORN)]
    assert queue.counts(qf.RUN_BOGA).registered == 1

    third = qf.make_record(3)
    queue.append(adding(third))

    assert queue_path.read_bytes() == dump_record(first) + torn + b"\n" + dump_record(third)
    assert lines_of(queue_path) == [(1, first, None), (2, None, PROBLEM_NOT_JSON), (3, third, None)]
    assert queue.counts(qf.RUN_BOGA).registered == 2
    assert queue.get(third["id"]) == third


def test_damaged_lines_become_problems_with_line_numbers(queue_path, qf):
    good = [qf.make_record(i) for i in range(1, 4)]
    queue_path.parent.mkdir()
    queue_path.write_bytes(
        dump_record(good[0])
        + b"\x00\xff\xfegarbage\n"  # 2: binary
        + b'{"nama":"\xe9"}\n'  # 3: latin-1, not UTF-8
        + b"[1, 2]\n"  # 4: JSON but not an object
        + b"\n"  # 5: empty
        + b"{"
        + b"x" * (queue_module.MAX_LINE_BYTES + 10)
        + b"\n"  # 6: huge
        + dump_record(good[1])  # 7
        + b"{not json\n"  # 8
        + dump_record(good[2])  # 9
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
    queue = JsonlQueue(queue_path)
    assert queue.counts(qf.RUN_BOGA).registered == 3
    assert queue.get(good[2]["id"]) == good[2]


def test_huge_torn_tail_does_not_break_the_index(queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)], tail=b"{" + b"y" * (3 << 20))
    queue = JsonlQueue(queue_path)
    queue.append(adding(qf.make_record(2)))

    problems = [(n, p) for n, _r, p in lines_of(queue_path) if p]
    assert problems == [(2, PROBLEM_TOO_LONG)]
    assert queue.counts(qf.RUN_BOGA).registered == 2
    assert JsonlQueue(queue_path).get(qf.fake_id(2))["id"] == qf.fake_id(2)


# --- failures ----------------------------------------------------------------------------------


def test_full_disk_raises_queue_unavailable_and_leaves_the_file_unchanged(
    queue_path, qf, monkeypatch
):
    queue = JsonlQueue(queue_path)
    queue.append(adding(qf.make_record(1)))
    before = queue_path.read_bytes()

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    with pytest.raises(QueueUnavailable, match="disk penuh"):
        queue.append(adding(qf.make_record(2)))
    monkeypatch.undo()

    assert queue_path.read_bytes() == before
    assert queue.counts(qf.RUN_BOGA).registered == 1


def test_short_write_and_failed_fsync_are_truncated_away(queue_path, qf, monkeypatch):
    queue = JsonlQueue(queue_path)
    queue.append(adding(qf.make_record(1)))
    before = queue_path.read_bytes()
    real_write = os.write

    def half_write(fd, data):
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(os, "write", half_write)
    with pytest.raises(QueueUnavailable, match="kesalahan baca/tulis disk"):
        queue.append(adding(qf.make_record(2)))
    monkeypatch.undo()
    assert queue_path.read_bytes() == before

    def failing_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(QueueUnavailable):
        queue.append(adding(qf.make_record(3)))
    monkeypatch.undo()
    assert queue_path.read_bytes() == before

    queue.append(adding(qf.make_record(4)))
    assert [r["id"] for _n, r, _p in lines_of(queue_path)] == [qf.fake_id(1), qf.fake_id(4)]


def test_unwritable_location_is_queue_unavailable(tmp_path, qf):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(QueueUnavailable):
        JsonlQueue(blocker / "queue.jsonl").append(adding(qf.make_record(1)))


# --- several processes -------------------------------------------------------------------------


def _register_same_nik(path, record, barrier, results):
    barrier.wait()
    try:
        JsonlQueue(path).append(adding(record, pause=0.05))
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
    queue = JsonlQueue(path)
    for record in records:
        queue.append(adding(record))


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
    assert JsonlQueue(queue_path).counts(qf.RUN_BOGA).registered == 200


# --- rewrite (purge) ---------------------------------------------------------------------------


def test_rewrite_keeps_damaged_lines_and_is_private(queue_path, qf):
    records = [qf.make_record(i, received_at=f"2027-01-0{i}T00:00:00Z") for i in range(1, 5)]
    qf.write_queue(queue_path, records[:2], tail=b"{broken\n" + dump_record(records[2]))
    queue_path.write_bytes(queue_path.read_bytes() + dump_record(records[3])[:30])
    queue_path.chmod(0o644)
    queue = JsonlQueue(queue_path)
    before = queue_path.read_bytes()

    def keep(line):
        return line.record["received_at"] >= "2027-01-02"

    dry = queue.rewrite(keep, dry_run=True)
    assert queue_path.read_bytes() == before
    result = queue.rewrite(keep)

    assert (dry.kept, dry.removed, dry.damaged_kept) == (2, 1, 2)
    assert result == dry
    assert queue_path.read_bytes() == (
        dump_record(records[1])
        + b"{broken\n"
        + dump_record(records[2])
        + dump_record(records[3])[:30]
        + b"\n"
    )
    assert stat.S_IMODE(queue_path.stat().st_mode) == 0o600
    assert [p.name for p in queue_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert queue.counts(qf.RUN_BOGA).registered == 2


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_rewrite_as_root_keeps_the_service_user_as_owner(queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1), qf.make_record(2, qf.RUN_MENJAHIT)])
    os.chown(queue_path, 4321, 4322)

    JsonlQueue(queue_path).rewrite(lambda line: line.record["run_id"] == qf.RUN_BOGA)

    st = queue_path.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o600)


def test_rewrite_while_another_process_registers_loses_nothing(queue_path, qf):
    old = [qf.make_record(i, received_at="2026-01-01T00:00:00Z") for i in range(1000, 1200)]
    qf.write_queue(queue_path, old)
    fresh = [qf.make_record(i) for i in range(1, 81)]
    writer = FORK.Process(target=_register_many, args=(queue_path, fresh))
    writer.start()
    queue = JsonlQueue(queue_path)
    results = []
    while writer.is_alive() or not results:
        results.append(queue.rewrite(lambda line: line.record["received_at"] >= "2027-01-01"))
        time.sleep(0.002)  # let the writer in between rewrites
    writer.join(timeout=60)

    ids = [r["id"] for _n, r, _p in lines_of(queue_path)]
    assert sorted(ids) == sorted(r["id"] for r in fresh)
    assert sum(r.removed for r in results) == 200
    assert len(results) > 1
