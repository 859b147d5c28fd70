"""One contract, two stores: every case runs against the JSON Lines file and PostgreSQL
(``store`` fixture, parametrised) and must give the same result."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from registrations.models import SYSTEM
from registrations.outcomes import FollowUp
from registrations.rules import MSG_OVERLAP, AlreadyRegistered, RegistrationRefused
from registrations.status import Status
from registrations.store import Change, ChangeRefused, PurgeResult, StoreUnavailable
from tests.registrations.conftest import BOGA, BOGA_2, JAHIT, JAHIT_MAY, fake_nik
from tests.services import free_port

CLERK = "Petugas Contoh"
LATER = datetime(2027, 1, 20, 3, 0, tzinfo=UTC)


def test_add_and_get_round_trip(store, register):
    added = register(store, 1)
    got = store.get(added.id)
    assert got == added
    assert got.status is Status.REGISTERED
    assert got.applicant.nik.value == fake_nik(1)
    assert got.received_at.tzinfo is not None and got.received_at.utcoffset().total_seconds() == 0
    assert got.consent.version == "2026-11-01"
    for text in (repr(got), repr(got.applicant), str(got.applicant.nik), repr(got.applicant.phone)):
        assert fake_nik(1) not in text
        assert "+6281200000001" not in text
        assert "Contoh Pendaftar" not in text


def test_get_unknown_number(store, register):
    register(store, 1)
    assert store.get("KP-0000-0000-0000") is None
    assert store.get("bukan nomor") is None


def test_same_nik_same_run_refused(store, register):
    first = register(store, 1)
    with pytest.raises(AlreadyRegistered) as refused:
        register(store, 1)
    assert refused.value.registration_ids == (first.id,)
    assert store.counts(BOGA).total == 1


def test_overlapping_runs_refused_other_runs_accepted(store, register):
    register(store, 1, BOGA)
    with pytest.raises(RegistrationRefused) as refused:
        register(store, 1, JAHIT)
    assert refused.value.message == MSG_OVERLAP
    assert not isinstance(refused.value, AlreadyRegistered)
    assert register(store, 1, JAHIT_MAY).status is Status.REGISTERED
    assert store.counts(JAHIT).total == 0


def test_waiting_list_past_the_applicant_cap(store, register):
    statuses = [register(store, i).status for i in (1, 2, 3, 4)]
    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITLIST, Status.WAITLIST]
    counts = store.counts(BOGA)
    assert (counts.total, counts.registered, counts.waitlist) == (4, 2, 2)


def test_refused_decide_writes_nothing(store, register):
    register(store, 1)

    def refuse(snapshot):
        snapshot.registrations_of_nik(fake_nik(2))
        raise RegistrationRefused("nik", "ditolak")

    with pytest.raises(RegistrationRefused):
        store.add(refuse)
    assert [r.id for r in store.registrations()] == [r.id for r in store.registrations(BOGA)]
    assert store.counts(BOGA).total == 1


def test_record_one_change(store, register):
    added = register(store, 1)
    events = store.record([Change(added.id, Status.INVITED, by=CLERK)], now=LATER)
    assert len(events) == 1
    event = events[0]
    assert (event.seq, event.from_status, event.to_status, event.by) == (
        1,
        Status.REGISTERED,
        Status.INVITED,
        CLERK,
    )
    assert event.at == LATER
    got = store.get(added.id)
    assert got.status is Status.INVITED
    assert got.events == (event,)
    assert got.changed_at == LATER
    assert store.counts(BOGA).of(Status.INVITED) == 1
    assert store.counts(BOGA).registered == 0


def test_record_batch_all_or_nothing(store, register):
    a = register(store, 1)
    b = register(store, 2)
    with pytest.raises(ChangeRefused) as refused:
        store.record(
            [
                Change(a.id, Status.INVITED, by=CLERK),
                Change(b.id, Status.CERTIFIED, by=CLERK),  # not allowed from "registered"
                Change("KP-0000-0000-0000", Status.INVITED, by=CLERK),
            ]
        )
    assert [rid for rid, _ in refused.value.problems] == [b.id, "KP-0000-0000-0000"]
    assert store.get(a.id).events == ()
    assert store.get(b.id).events == ()
    assert store.counts(BOGA).registered == 2


def test_record_batch_of_several_changes(store, register):
    a = register(store, 1)
    b = register(store, 2)
    events = store.record(
        [
            Change(a.id, Status.INVITED, by=CLERK),
            Change(a.id, Status.RESERVE, by=CLERK, rank=2),
            Change(b.id, Status.REJECTED, by=CLERK, reason="Tidak hadir seleksi"),
        ],
        now=LATER,
    )
    assert [(e.registration_id, e.seq) for e in events] == [(a.id, 1), (a.id, 2), (b.id, 1)]
    got = store.get(a.id)
    assert got.status is Status.RESERVE and got.reserve_rank == 2
    assert store.get(b.id).events[0].reason == "Tidak hadir seleksi"
    # another rank is a change; the same rank is not
    assert len(store.record([Change(a.id, Status.RESERVE, by=CLERK, rank=1)])) == 1
    assert store.record([Change(a.id, Status.RESERVE, by=CLERK, rank=1)]) == []
    assert store.get(a.id).reserve_rank == 1


def test_record_is_idempotent(store, register):
    a = register(store, 1)
    change = Change(a.id, Status.ACCEPTED, by=SYSTEM)
    assert len(store.record([change])) == 1
    assert store.record([change]) == []
    assert len(store.get(a.id).events) == 1


def test_record_checks_the_run(store, register):
    a = register(store, 1)
    with pytest.raises(ChangeRefused):
        store.record([Change(a.id, Status.INVITED, by=CLERK, run_id=BOGA_2)])
    assert store.record([Change(a.id, Status.INVITED, by=CLERK, run_id=BOGA)])


def test_counts_per_run_and_status(store, register):
    assert store.counts(BOGA).total == 0
    assert store.counts(BOGA).last_received_at is None
    assert store.all_counts() == {}
    a = register(store, 1, BOGA)
    b = register(store, 2, BOGA)
    c = register(store, 3, JAHIT_MAY)
    store.record([Change(a.id, Status.INVITED, by=CLERK)])
    counts = store.all_counts()
    assert set(counts) == {BOGA, JAHIT_MAY}
    assert dict(counts[BOGA].by_status) == {Status.REGISTERED: 1, Status.INVITED: 1}
    assert counts[BOGA].last_received_at == b.received_at
    assert counts[JAHIT_MAY].total == 1
    assert counts[JAHIT_MAY].last_received_at == c.received_at
    assert store.counts(BOGA) == counts[BOGA]


def test_registrations_in_received_order(store, register):
    added = [register(store, i, run) for i, run in [(1, BOGA), (2, JAHIT_MAY), (3, BOGA)]]
    store.record([Change(added[2].id, Status.INVITED, by=CLERK)], now=LATER)
    assert [r.id for r in store.registrations()] == [r.id for r in added]
    of_boga = list(store.registrations(BOGA))
    assert [r.id for r in of_boga] == [added[0].id, added[2].id]
    assert of_boga[1].status is Status.INVITED and len(of_boga[1].events) == 1
    assert list(store.registrations("tidak/ada/run")) == []


def test_purge_removes_registrations_with_their_events(store, register):
    a = register(store, 1, BOGA)
    b = register(store, 2, JAHIT_MAY)
    store.record([Change(a.id, Status.INVITED, by=CLERK), Change(b.id, Status.INVITED, by=CLERK)])

    def keep(registration):
        return registration.run_id != BOGA

    assert store.purge(keep, dry_run=True) == PurgeResult(kept=1, removed=1)
    assert store.get(a.id) is not None
    assert store.purge(keep) == PurgeResult(kept=1, removed=1)
    assert store.get(a.id) is None
    assert [r.id for r in store.registrations()] == [b.id]
    assert store.get(b.id).status is Status.INVITED
    assert store.counts(BOGA).total == 0
    assert list(store.problems()) == []
    # the NIK is free again for that run
    assert register(store, 1, BOGA).status is Status.REGISTERED


def test_problems_empty_on_a_clean_store(store, register):
    assert list(store.problems()) == []
    a = register(store, 1)
    register(store, 2)
    store.record([Change(a.id, Status.INVITED, by=CLERK)])
    store.record([Change(a.id, Status.ACCEPTED, by=CLERK)])
    assert list(store.problems()) == []
    assert store.damaged_count() == 0


def test_new_registration_ids_differ(store):
    ids = {store.new_registration_id() for _ in range(50)}
    assert len(ids) == 50 and all(i.startswith("KP-") for i in ids)


@pytest.fixture(params=["jsonl", pytest.param("postgres", marks=pytest.mark.db)])
def unreachable_store(request, tmp_path: Path):
    """A store that cannot be written: a queue under a file (not a folder), or a database
    where nothing listens."""
    if request.param == "jsonl":
        from registrations.jsonl import JsonlStore

        (tmp_path / "berkas").write_text("bukan folder")
        yield JsonlStore(tmp_path / "berkas" / "queue.jsonl")
        return
    from registrations.postgres import PostgresStore

    opened = PostgresStore(f"postgresql://postgres@127.0.0.1:{free_port()}/x", timeout=1.0)
    try:
        yield opened
    finally:
        opened.close()


def test_unavailable_store_says_so_in_indonesian(unreachable_store, register):
    with pytest.raises(StoreUnavailable) as unavailable:
        register(unreachable_store, 1)
    message = str(unavailable.value)
    assert fake_nik(1) not in message and "Contoh" not in message
    assert any(word in message for word in ("tidak bisa", "tidak ada"))


# --- outcomes: starter package and follow-ups (issue 13) --------------------------------------


def _completed(store, register, i: int = 1):
    added = register(store, i)
    steps = (Status.ACCEPTED, Status.ATTENDING, Status.PASSED)
    store.record([Change(added.id, s, by=CLERK) for s in steps], now=LATER)
    return added.id


def test_starter_package_is_an_event_that_keeps_the_status(store, register):
    rid = _completed(store, register)
    give = Change(rid, None, by=CLERK, starter_package=True, note="Peringkat 2")
    [event] = store.record([give], now=LATER)
    assert (event.seq, event.from_status, event.to_status) == (4, Status.PASSED, Status.PASSED)
    assert (event.starter_package, event.note, event.by) == (True, "Peringkat 2", CLERK)
    got = store.get(rid)
    assert got.outcome.starter_package is True and got.status is Status.PASSED
    assert store.record([give]) == []  # the same flag again: nothing
    # certified later: the package stays; taking it back is a change of its own
    store.record([Change(rid, Status.CERTIFIED, by=CLERK)])
    assert store.get(rid).outcome.starter_package is True
    [back] = store.record([Change(rid, None, by=CLERK, starter_package=False, reason="Salah")])
    assert back.starter_package is False and store.get(rid).outcome.starter_package is False
    assert list(store.problems()) == []
    assert store.counts(BOGA).of(Status.CERTIFIED) == 1


def test_starter_package_with_the_result_in_one_event(store, register):
    added = register(store, 1)
    store.record([Change(added.id, s, by=CLERK) for s in (Status.ACCEPTED, Status.ATTENDING)])
    [event] = store.record([Change(added.id, Status.PASSED, by=CLERK, starter_package=True)])
    assert (event.from_status, event.to_status, event.starter_package) == (
        Status.ATTENDING,
        Status.PASSED,
        True,
    )


def test_starter_package_and_followup_refused_before_completion(store, register):
    added = register(store, 1)
    store.record([Change(added.id, s, by=CLERK) for s in (Status.ACCEPTED, Status.ATTENDING)])
    with pytest.raises(ChangeRefused) as refused:
        store.record(
            [
                Change(added.id, None, by=CLERK, starter_package=True),
                Change(added.id, None, by=CLERK, followup_month=3, followup=FollowUp.WORKING),
            ]
        )
    messages = [message for _rid, message in refused.value.problems]
    assert "paket usaha hanya untuk peserta yang \u201cLulus\u201d" in messages[0]
    assert "tindak lanjut hanya untuk peserta yang \u201cLulus\u201d" in messages[1]
    assert len(store.get(added.id).events) == 2


def test_followups_recorded_once_per_month_and_answer(store, register):
    rid = _completed(store, register)
    three = Change(rid, None, by=CLERK, followup_month=3, followup=FollowUp.NOT_WORKING)
    six = Change(rid, None, by=CLERK, followup_month=6, followup=FollowUp.SELF_EMPLOYED)
    events = store.record([three, six], now=LATER)
    assert [(e.seq, e.followup_month, e.followup) for e in events] == [
        (4, 3, FollowUp.NOT_WORKING),
        (5, 6, FollowUp.SELF_EMPLOYED),
    ]
    assert all(e.from_status is e.to_status is Status.PASSED for e in events)
    assert store.record([three, six]) == []  # a second import of the same answers
    # a corrected answer is a new event; the latest one counts
    fixed = Change(rid, None, by=CLERK, followup_month=3, followup=FollowUp.WORKING)
    assert len(store.record([fixed])) == 1
    outcome = store.get(rid).outcome
    assert outcome.followup(3) is FollowUp.WORKING
    assert outcome.followup(6) is FollowUp.SELF_EMPLOYED
    assert list(store.problems()) == []
    assert store.counts(BOGA).of(Status.PASSED) == 1
    # the status may change with a follow-up, never against the rules
    with pytest.raises(ChangeRefused):
        store.record([Change(rid, Status.FAILED, by=CLERK, followup_month=6,
                             followup=FollowUp.WORKING)])  # fmt: skip
